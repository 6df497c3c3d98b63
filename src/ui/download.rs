//! Saving a file the tab generated: a Blob behind a same-origin `blob:` URL
//! and a click on a temporary `<a download>`. Nothing is uploaded anywhere.

use crate::error::UserError;
use wasm_bindgen::JsCast;

/// The browser refused to save a file the tab made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileRefused;

impl std::fmt::Display for FileRefused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for FileRefused {}

impl UserError for FileRefused {
    fn message(&self) -> String {
        "your browser refused to save the file".into()
    }
    fn help(&self) -> Option<String> {
        Some("Try again, or copy the text instead.".into())
    }
}

/// Offers `contents` to the user as a download named `filename`.
/// `mime` is the media type ("application/json", "text/csv;charset=utf-8").
pub fn download(filename: &str, mime: &str, contents: &[u8]) -> Result<(), FileRefused> {
    let window = web_sys::window().ok_or(FileRefused)?;
    let document = window.document().ok_or(FileRefused)?;
    let parts = js_sys::Array::new();
    parts.push(&js_sys::Uint8Array::from(contents));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)
        .map_err(|_| FileRefused)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| FileRefused)?;
    let anchor = document
        .create_element("a")
        .map_err(|_| FileRefused)?
        .dyn_into::<web_sys::HtmlAnchorElement>()
        .map_err(|_| FileRefused)?;
    anchor.set_href(&url);
    anchor.set_download(filename);
    anchor.set_rel("noopener");
    anchor.click();
    // Some browsers read the blob after the click returns: let the URL go a
    // little later rather than at once.
    leptos::prelude::set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(60),
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_refusal_keeps_the_style() {
        assert_eq!(crate::error::check_style(&FileRefused), Ok(()));
        assert_eq!(
            FileRefused.sentence(),
            "Your browser refused to save the file. Try again, or copy the text instead."
        );
    }
}
