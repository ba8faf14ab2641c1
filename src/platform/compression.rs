//! Raw DEFLATE with the browser's own `CompressionStream` and `DecompressionStream`, so that
//! opening a survey from a link adds no decompressor to the download.
//!
//! (web-sys has these two only behind `web_sys_unstable_apis`; the few calls needed are bound
//! here instead.)

use js_sys::{Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen]
extern "C" {
    /// `new DecompressionStream(format)`: a readable and a writable side, as `pipeThrough` takes.
    #[wasm_bindgen(js_name = DecompressionStream)]
    type JsDecompressionStream;
    #[wasm_bindgen(constructor, js_class = "DecompressionStream", catch)]
    fn new(format: &str) -> Result<JsDecompressionStream, JsValue>;

    #[cfg(feature = "owner")]
    #[wasm_bindgen(js_name = CompressionStream)]
    type JsCompressionStream;
    #[cfg(feature = "owner")]
    #[wasm_bindgen(constructor, js_class = "CompressionStream", catch)]
    fn new(format: &str) -> Result<JsCompressionStream, JsValue>;
}

/// Why bytes could not be inflated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InflateError {
    /// The browser has no `DecompressionStream` for raw DEFLATE.
    Unsupported,
    /// The bytes are not raw DEFLATE, or are cut short.
    Damaged,
    /// They inflate to more than the limit.
    TooLarge,
}

/// The stream of `bytes` piped through `transform` (a compression or decompression stream).
fn piped(bytes: &[u8], transform: &JsValue) -> Option<web_sys::ReadableStreamDefaultReader> {
    let parts = js_sys::Array::of1(&Uint8Array::from(bytes));
    let blob = web_sys::Blob::new_with_u8_array_sequence(&parts).ok()?;
    let out = blob.stream().pipe_through(transform.unchecked_ref());
    out.get_reader().dyn_into().ok()
}

/// Reads `reader` to its end, or refuses past `limit` bytes (and stops reading there).
async fn read_all(reader: web_sys::ReadableStreamDefaultReader, limit: usize) -> Result<Vec<u8>, InflateError> {
    let mut out = Vec::new();
    loop {
        let chunk: Object = JsFuture::from(reader.read()).await.map_err(|_| InflateError::Damaged)?.unchecked_into();
        if Reflect::get(&chunk, &"done".into()).ok().and_then(|d| d.as_bool()).unwrap_or(true) {
            return Ok(out);
        }
        let value: Uint8Array =
            Reflect::get(&chunk, &"value".into()).ok().and_then(|v| v.dyn_into().ok()).ok_or(InflateError::Damaged)?;
        if out.len() + value.length() as usize > limit {
            let _ = reader.cancel();
            return Err(InflateError::TooLarge);
        }
        let at = out.len();
        out.resize(at + value.length() as usize, 0);
        value.copy_to(&mut out[at..]);
    }
}

/// Inflates raw DEFLATE `bytes`, to at most `limit` bytes.
pub async fn inflate_raw(bytes: &[u8], limit: usize) -> Result<Vec<u8>, InflateError> {
    let stream = JsDecompressionStream::new("deflate-raw").map_err(|_| InflateError::Unsupported)?;
    let reader = piped(bytes, &stream).ok_or(InflateError::Unsupported)?;
    read_all(reader, limit).await
}

/// Compresses `bytes` as raw DEFLATE, or `None` where the browser cannot.
#[cfg(feature = "owner")]
pub async fn deflate_raw(bytes: &[u8]) -> Option<Vec<u8>> {
    let stream = JsCompressionStream::new("deflate-raw").ok()?;
    let reader = piped(bytes, &stream)?;
    read_all(reader, usize::MAX).await.ok()
}
