//! Randomness and digests from the browser's Web Crypto.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Cryptographically random bytes, or `None` where the browser has no Web Crypto.
pub fn random_bytes<const N: usize>() -> Option<[u8; N]> {
    let crypto = web_sys::window()?.crypto().ok()?;
    let mut bytes = [0u8; N];
    crypto.get_random_values_with_u8_array(&mut bytes).ok()?;
    Some(bytes)
}

/// The SHA-256 digest of `bytes` by the browser, or `None` where it has none: `crypto.subtle`
/// is there only on pages served over HTTPS or from this device (not over plain HTTP on a
/// local network), and callers then compute it themselves.
pub async fn sha256(bytes: &[u8]) -> Option<[u8; 32]> {
    let crypto = web_sys::window()?.crypto().ok()?;
    // Undefined outside a secure context, though the bindings' type says otherwise.
    let subtle = js_sys::Reflect::get(&crypto, &"subtle".into()).ok().filter(|s| s.is_object())?;
    let subtle: web_sys::SubtleCrypto = subtle.unchecked_into();
    let promise = subtle.digest_with_str_and_u8_array("SHA-256", bytes).ok()?;
    let digest = js_sys::Uint8Array::new(&JsFuture::from(promise).await.ok()?);
    let mut out = [0u8; 32];
    (digest.length() == 32).then(|| digest.copy_to(&mut out))?;
    Some(out)
}
