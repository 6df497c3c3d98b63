//! The Leptos components and the browser glue. Components hold no business
//! rules: they ask the core and show its answer.

#[cfg(feature = "bench")]
pub mod bench;
pub mod bridge;
mod browser;
mod controls;
pub mod download;
pub mod library;
mod matrix_view;
mod offline;
mod paths_view;
mod shell;
mod work_app;
mod workspace;

pub use bridge::View;
pub use browser::{install_panic_hook, on_window, show_fatal, today, FATAL_MESSAGE};
pub use matrix_view::MatrixView;
pub use paths_view::PathsView;
pub use shell::App;
pub use work_app::WorkApp;
pub use workspace::Workspace;

/// The module holding the evaluation workspace (`scopewise-work.js` and
/// `scopewise-work_bg.wasm`), fetched the first time it is needed.
pub const WORK_MODULE: &str = "scopewise-work";

/// The workspace's stylesheets (copied from `style/` by the build, next to
/// index.html): linked when the workspace is first fetched, not on the first
/// screen, which needs only `style/main.css`.
pub const WORK_STYLES: &[&str] = &["workspace.css", "library.css", "print.css"];

/// The element holding the shell, prerendered into `index.html` by the
/// build (`src/bin/scopewise-prerender.rs`).
pub const APP_ROOT: &str = "app";

/// Starts the shell (what a first visit downloads) in `#app`. The build
/// rendered the same components there (`src/bin/scopewise-prerender.rs`);
/// the live shell takes their place in one step, before the browser paints
/// again, so nothing moves, and keeps what the user did meanwhile: the
/// focus and an opened filter panel.
pub fn start() {
    use wasm_bindgen::JsCast;
    install_panic_hook();
    let doc = leptos::prelude::document();
    let root = doc
        .get_element_by_id(APP_ROOT)
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    let Some(root) = root else {
        leptos::mount::mount_to_body(App);
        return;
    };
    let focused = doc
        .active_element()
        .filter(|e| root.contains(Some(e)))
        .map(|e| e.id())
        .filter(|id| !id.is_empty());
    let filters_open = matches!(root.query_selector("details.filters[open]"), Ok(Some(_)));
    root.set_text_content(None);
    leptos::mount::mount_to(root.clone(), App).forget();
    if filters_open {
        if let Ok(Some(details)) = root.query_selector("details.filters") {
            let _ = details.set_attribute("open", "");
        }
    }
    let again = focused
        .and_then(|id| doc.get_element_by_id(&id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(el) = again {
        let _ = el.focus();
    }
    let _ = root.set_attribute(LIVE_ATTRIBUTE, "");
}

/// The attribute `#app` carries once the live shell has taken over (the
/// end-to-end tests wait for it before they click).
pub const LIVE_ATTRIBUTE: &str = "data-live";

/// Where the prerendered shell goes in `index.html`: its empty `#app`.
pub const APP_SLOT: &str = r#"<div id="app"></div>"#;

/// The page with the shell's HTML in its slot; `None` unless the page has
/// exactly one empty slot.
///
/// Bytes a first visit need not download go: the page's comments (notes
/// for whoever reads `index.html`, never inside a script), and the empty
/// markers server rendering leaves between parts of the view (`<!>`,
/// `<!--<() />-->`), which only hydration would read; the shell replaces
/// the prerendered HTML instead.
pub fn fill_app_slot(page: &str, shell: &str) -> Option<String> {
    if page.matches(APP_SLOT).count() != 1 {
        return None;
    }
    let page = without_comments(page);
    let shell = shell.replace("<!--<() />-->", "").replace("<!>", "");
    let open = APP_SLOT.strip_suffix("</div>")?;
    Some(page.replacen(APP_SLOT, &format!("{open}{shell}</div>"), 1))
}

/// `html` without its comments, leaving scripts' text as it is. An
/// unclosed comment is kept, as written.
fn without_comments(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    loop {
        let script = rest.find("<script");
        let comment = rest.find("<!--").filter(|c| script.is_none_or(|s| *c < s));
        if let Some(c) = comment {
            out.push_str(&rest[..c]);
            match rest[c..].find("-->") {
                Some(end) => rest = &rest[c + end + 3..],
                None => {
                    out.push_str(&rest[c..]);
                    return out;
                }
            }
        } else if let Some(s) = script {
            let end = rest[s..]
                .find("</script>")
                .map_or(rest.len(), |e| s + e + "</script>".len());
            out.push_str(&rest[..end]);
            rest = &rest[end..];
        } else {
            out.push_str(rest);
            return out;
        }
    }
}

/// The shell's first screen as HTML, for the build's prerender step: the
/// same components the browser then renders live, rendered natively.
#[cfg(feature = "ssr")]
pub fn prerender() -> String {
    use leptos::prelude::*;
    use std::sync::Arc;
    let context = Arc::new(hydration_context::SsrSharedContext::new());
    Owner::new_root(Some(context)).with(|| view! { <App/> }.to_html())
}

/// Mounts the evaluation workspace into the shell's `#work-root`; the second
/// module's entry point.
pub fn start_work() {
    install_panic_hook();
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(bridge::WORK_ROOT));
    let Some(root) = root else {
        show_fatal("the page has no place for the evaluation workspace (#work-root)");
        return;
    };
    // Saved work from before the product's rename moves first, so the
    // library finds it under its new name.
    library::rename_old_keys_then(move || {
        use wasm_bindgen::JsCast;
        leptos::mount::mount_to(root.unchecked_into(), WorkApp).forget();
    });
}

#[cfg(test)]
mod tests {
    use super::fill_app_slot;

    #[test]
    fn the_prerendered_shell_goes_into_its_one_slot() {
        assert_eq!(
            fill_app_slot(r#"<body><div id="app"></div></body>"#, "<main></main>").as_deref(),
            Some(r#"<body><div id="app"><main></main></div></body>"#)
        );
        assert_eq!(fill_app_slot("<body></body>", "<main></main>"), None);
        assert_eq!(
            fill_app_slot(r#"<div id="app"></div><div id="app"></div>"#, "x"),
            None
        );
    }

    #[test]
    fn comments_and_markers_go_and_scripts_stay_whole() {
        let page = "<head><!-- a note --><script>let a = '<!-- not a comment -->';</script>\n\
                    <!--\n  two lines\n--></head><body><div id=\"app\"></div><!-- end --></body>";
        assert_eq!(
            fill_app_slot(page, "<p>a<!>b</p><!--<() />--><p>c</p>").as_deref(),
            Some(
                "<head><script>let a = '<!-- not a comment -->';</script>\n\
                 </head><body><div id=\"app\"><p>ab</p><p>c</p></div></body>"
            )
        );
        assert_eq!(
            super::without_comments("a<!-- never closed"),
            "a<!-- never closed"
        );
        assert_eq!(super::without_comments("<script>x"), "<script>x");
    }
}
