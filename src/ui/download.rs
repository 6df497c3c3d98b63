//! Saving a file the tab generated: a Blob behind a same-origin `blob:` URL
//! and a click on a temporary `<a download>`. Nothing is uploaded anywhere.

use wasm_bindgen::JsCast;

/// Offers `contents` to the user as a download named `filename`.
/// `mime` is the media type ("application/json", "text/csv;charset=utf-8").
/// On failure, returns a sentence to show the user.
pub fn download(filename: &str, mime: &str, contents: &[u8]) -> Result<(), String> {
    const FAILED: &str =
        "Your browser refused to save the file. Try again, or copy the text instead.";
    let window = web_sys::window().ok_or(FAILED)?;
    let document = window.document().ok_or(FAILED)?;
    let parts = js_sys::Array::new();
    parts.push(&js_sys::Uint8Array::from(contents));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)
        .map_err(|_| FAILED.to_string())?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| FAILED.to_string())?;
    let anchor = document
        .create_element("a")
        .map_err(|_| FAILED.to_string())?
        .dyn_into::<web_sys::HtmlAnchorElement>()
        .map_err(|_| FAILED.to_string())?;
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
