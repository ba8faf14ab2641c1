//! Handing a file to the person: a download, or the system share sheet.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Offers `content` to the person as a file download named `file_name`; false if the browser
/// could not make the file.
pub fn download(file_name: &str, content: &str, mime: &str) -> bool {
    let run = || -> Option<()> {
        let document = web_sys::window()?.document()?;
        let parts = js_sys::Array::of1(&JsValue::from_str(content));
        let options = web_sys::BlobPropertyBag::new();
        options.set_type(mime);
        let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
        let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
        let link: web_sys::HtmlAnchorElement = document.create_element("a").ok()?.dyn_into().ok()?;
        link.set_href(&url);
        link.set_download(file_name);
        link.click();
        // Revoking at once can cancel the download in some browsers; a minute is plenty.
        let revoke = Closure::once_into_js(move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        });
        let _ =
            web_sys::window()?.set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 60_000);
        Some(())
    };
    run().is_some()
}

/// A file for the system share sheet, if this browser can share files (phones, mostly).
fn shareable_file(file_name: &str, content: &str, mime: &str) -> Option<web_sys::ShareData> {
    let navigator = web_sys::window()?.navigator();
    // Calling a missing method would throw; desktop browsers often lack both.
    for method in ["canShare", "share"] {
        if !js_sys::Reflect::has(&navigator, &JsValue::from_str(method)).unwrap_or(false) {
            return None;
        }
    }
    let options = web_sys::FilePropertyBag::new();
    options.set_type(mime);
    let parts = js_sys::Array::of1(&JsValue::from_str(content));
    let file = web_sys::File::new_with_str_sequence_and_options(&parts, file_name, &options).ok()?;
    let data = web_sys::ShareData::new();
    data.set_files(&js_sys::Array::of1(&file));
    navigator.can_share_with_data(&data).then_some(data)
}

/// Whether "Share" can be offered for files.
pub fn can_share_files() -> bool {
    shareable_file("x.json", "{}", "application/json").is_some()
}

/// How sharing a file ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShareOutcome {
    /// The person picked a target and the browser handed the file over.
    Shared,
    /// The person closed the share sheet.
    Cancelled,
    /// Sharing is not possible here or failed.
    Failed,
}

/// Opens the system share sheet with one file.
pub async fn share_file(file_name: &str, content: &str, mime: &str) -> ShareOutcome {
    let Some(data) = shareable_file(file_name, content, mime) else {
        return ShareOutcome::Failed;
    };
    let Some(window) = web_sys::window() else {
        return ShareOutcome::Failed;
    };
    match JsFuture::from(window.navigator().share_with_data(&data)).await {
        Ok(_) => ShareOutcome::Shared,
        Err(error) => {
            let name = js_sys::Reflect::get(&error, &JsValue::from_str("name")).ok().and_then(|n| n.as_string());
            if name.as_deref() == Some("AbortError") {
                ShareOutcome::Cancelled
            } else {
                ShareOutcome::Failed
            }
        }
    }
}
