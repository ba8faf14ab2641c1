//! Handing a file to the person: a download, or the system share sheet.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Offers `content` to the person as a file download named `file_name`; false if the browser
/// could not make the file.
pub fn download(file_name: &str, content: &str, mime: &str) -> bool {
    download_part(file_name, &JsValue::from_str(content), mime)
}

/// Offers `bytes` (a `Uint8Array`, or text) as a file download named `file_name`; false if the
/// browser could not make the file.
pub fn download_part(file_name: &str, content: &JsValue, mime: &str) -> bool {
    let run = || -> Option<()> {
        let document = web_sys::window()?.document()?;
        let parts = js_sys::Array::of1(content);
        let options = web_sys::BlobPropertyBag::new();
        options.set_type(mime);
        let blob = web_sys::Blob::new_with_blob_sequence_and_options(&parts, &options).ok()?;
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

/// A file the person chose in a file input. It stays in the browser; only `text` reads it.
#[derive(Clone)]
pub struct ChosenFile(web_sys::File);

impl ChosenFile {
    /// The file's name, as the person's computer calls it.
    pub fn name(&self) -> String {
        self.0.name()
    }

    /// Starts reading the file's contents as text; the result is `None` if the browser could
    /// not read it. The reading does not hold on to the file.
    pub fn start_text(&self) -> impl std::future::Future<Output = Option<String>> + 'static {
        let reading = self.start_js_text();
        async move { reading.await?.as_string() }
    }

    /// Starts reading the file's bytes; `None` if the browser could not read it.
    #[cfg(feature = "owner")]
    pub fn start_bytes(&self) -> impl std::future::Future<Output = Option<Vec<u8>>> + 'static {
        let reading = JsFuture::from(self.0.array_buffer());
        async move { Some(js_sys::Uint8Array::new(&reading.await.ok()?).to_vec()) }
    }

    /// Starts reading the file's contents as a JavaScript string, for handing on (to a worker)
    /// without a copy in the app's own memory.
    pub fn start_js_text(&self) -> impl std::future::Future<Output = Option<JsValue>> + 'static {
        let reading = JsFuture::from(self.0.text());
        async move { reading.await.ok().filter(JsValue::is_string) }
    }
}

/// The files dropped on the page by a drag-and-drop event.
pub fn dropped_files(ev: &web_sys::DragEvent) -> Vec<ChosenFile> {
    let Some(list) = ev.data_transfer().and_then(|d| d.files()) else {
        return Vec::new();
    };
    (0..list.length()).filter_map(|i| list.get(i)).map(ChosenFile).collect()
}

/// The files chosen in the file input an event came from.
pub fn chosen_files(ev: &web_sys::Event) -> Vec<ChosenFile> {
    let Some(list) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()).and_then(|i| i.files())
    else {
        return Vec::new();
    };
    (0..list.length()).filter_map(|i| list.get(i)).map(ChosenFile).collect()
}

/// Offers `bytes` as a file download named `file_name`; false where the browser refused.
#[cfg(feature = "owner")]
pub fn download_bytes(file_name: &str, bytes: &[u8], mime: &str) -> bool {
    download_part(file_name, &js_sys::Uint8Array::from(bytes), mime)
}

/// Puts `text` on the clipboard; false where the browser refused.
#[cfg(feature = "owner")]
pub async fn copy_text(text: &str) -> bool {
    let Some(window) = web_sys::window() else { return false };
    let promise = window.navigator().clipboard().write_text(text);
    wasm_bindgen_futures::JsFuture::from(promise).await.is_ok()
}
