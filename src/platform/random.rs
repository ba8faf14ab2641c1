//! Randomness from the browser's Web Crypto.

/// Cryptographically random bytes, or `None` where the browser has no Web Crypto.
pub fn random_bytes<const N: usize>() -> Option<[u8; N]> {
    let crypto = web_sys::window()?.crypto().ok()?;
    let mut bytes = [0u8; N];
    crypto.get_random_values_with_u8_array(&mut bytes).ok()?;
    Some(bytes)
}
