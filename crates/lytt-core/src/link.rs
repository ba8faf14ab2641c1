//! A survey carried whole in a link: `<app>#/l/<payload>`, where the payload is the survey's
//! file, without spaces, compressed as raw DEFLATE (RFC 1951) and written in base64url without
//! padding (RFC 4648 §5).
//!
//! Everything after `#` stays in the browser: the site that hosts the app never receives the
//! survey, nor learns which survey is answered. Compressing and inflating are the browser's own
//! (`CompressionStream`, `DecompressionStream`), so this module only writes and reads the
//! payload's characters and says how large a link may be.

use crate::Survey;

/// base64url's alphabet (RFC 4648 §5). Written out here rather than taken from the base64
/// crate: its general engine would add kilobytes to a survey link's download for a few lines.
const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// The address path that opens a survey from a link: `#/l/<payload>`.
pub const LINK_PATH: &str = "/l/";

/// The longest payload the app opens (characters after `#/l/`). Far above any survey a person
/// would answer on a phone, and well within what browsers and messaging apps carry in a link.
pub const MAX_PAYLOAD_CHARS: usize = 32 * 1024;

/// The most bytes a link's survey may inflate to. A link is read only up to this, so a small
/// link that inflates to a huge file is refused instead of filling the phone's memory.
pub const MAX_SURVEY_BYTES: usize = 256 * 1024;

/// The longest link a QR code can hold at error correction level M (version 40, bytes): 2,331.
/// A printed poster is often scanned at an angle or from afar, so level M (15 % of the code may be
/// damaged) is the least the builder offers.
pub const MAX_QR_LINK_CHARS: usize = 2331;

/// From this length on, a QR code has so many modules that a cheap phone's camera may need to be
/// held close to it; the builder advises printing it large.
pub const DENSE_QR_LINK_CHARS: usize = 1000;

/// Why a link's payload cannot be a survey.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkError {
    /// Longer than [`MAX_PAYLOAD_CHARS`], or inflating past [`MAX_SURVEY_BYTES`].
    TooLarge,
    /// Not base64url, cut short or changed: it does not inflate to text.
    Damaged,
}

/// The survey's file as it travels in a link: the same JSON as the published file, without the
/// spaces and line breaks that only make the file easier to read.
pub fn link_text(survey: &Survey) -> String {
    serde_json::to_string(survey).unwrap_or_default()
}

/// The payload for compressed bytes.
pub fn encode_payload(compressed: &[u8]) -> String {
    let mut out = String::with_capacity(compressed.len().div_ceil(3) * 4);
    for chunk in compressed.chunks(3) {
        let bits = chunk.iter().enumerate().fold(0u32, |acc, (i, &b)| acc | u32::from(b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(char::from(ALPHABET[(bits >> (18 - 6 * i) & 63) as usize]));
        }
    }
    out
}

fn sextet(c: u8) -> Option<u32> {
    ALPHABET.iter().position(|&a| a == c).map(|p| p as u32)
}

/// The compressed bytes of a payload (the part of the address after [`LINK_PATH`], up to any
/// `?`).
pub fn decode_payload(payload: &str) -> Result<Vec<u8>, LinkError> {
    if payload.len() > MAX_PAYLOAD_CHARS {
        return Err(LinkError::TooLarge);
    }
    let mut out = Vec::with_capacity(payload.len() / 4 * 3 + 2);
    for chunk in payload.as_bytes().chunks(4) {
        if chunk.len() == 1 {
            return Err(LinkError::Damaged);
        }
        let mut bits = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            bits |= sextet(c).ok_or(LinkError::Damaged)? << (18 - 6 * i);
        }
        let bytes = chunk.len() - 1;
        // The bits below the last whole byte are zero in a payload this module wrote.
        if bits & ((1 << (24 - 8 * bytes)) - 1) != 0 {
            return Err(LinkError::Damaged);
        }
        out.extend((0..bytes).map(|i| (bits >> (16 - 8 * i)) as u8));
    }
    Ok(out)
}

/// The path and payload of a survey's link, for after the app's address and `#`.
pub fn link_hash(payload: &str) -> String {
    format!("{LINK_PATH}{payload}")
}

/// Whether `text` could be a payload at all: base64url characters only. (Its length and content
/// are checked when it is opened, so that a damaged or oversized link gets its own message.)
pub fn is_payload(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// The payload in a link or address as a person may paste it: a whole link
/// (`https://…/#/l/<payload>?lang=sv`), an address after `#`, or the payload alone.
pub fn payload_in(link: &str) -> Option<&str> {
    let link = link.trim();
    let after = match link.rfind(LINK_PATH) {
        Some(at) => &link[at + LINK_PATH.len()..],
        None => link,
    };
    let payload = after.split(['?', '#', '/']).next().unwrap_or_default();
    is_payload(payload).then_some(payload)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_payload_reads_back_as_its_bytes() {
        let bytes: Vec<u8> = (0..=255).collect();
        for n in 0..bytes.len() {
            let payload = encode_payload(&bytes[..n]);
            assert!(n == 0 || is_payload(&payload), "{payload}");
            assert_eq!(decode_payload(&payload).as_deref(), Ok(&bytes[..n]));
        }
        // RFC 4648's test vectors, in the URL-safe alphabet and without padding.
        for (plain, encoded) in [
            ("", ""),
            ("f", "Zg"),
            ("fo", "Zm8"),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg"),
            ("fooba", "Zm9vYmE"),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(encode_payload(plain.as_bytes()), encoded);
            assert_eq!(decode_payload(encoded).as_deref(), Ok(plain.as_bytes()));
        }
        assert_eq!(encode_payload(&[0xfb, 0xff]), "-_8");
    }

    #[test]
    fn a_damaged_or_oversized_payload_is_refused() {
        for damaged in ["a", "ab+c", "ab/c", "abc=", "ab c", "æøå", "Zh", "Zm9"] {
            assert_eq!(decode_payload(damaged), Err(LinkError::Damaged), "{damaged}");
        }
        let long = "A".repeat(MAX_PAYLOAD_CHARS + 4);
        assert_eq!(decode_payload(&long), Err(LinkError::TooLarge));
        assert_eq!(decode_payload(&long[..MAX_PAYLOAD_CHARS]).map(|b| b.len()), Ok(MAX_PAYLOAD_CHARS / 4 * 3));
    }

    #[test]
    fn a_payload_is_found_in_what_a_person_pastes() {
        for pasted in [
            "https://example.org/lytt/#/l/AbC_-9",
            "https://example.org/l/app/#/l/AbC_-9",
            "  https://example.org/#/l/AbC_-9?lang=sv\n",
            "#/l/AbC_-9",
            "/l/AbC_-9/",
            "AbC_-9",
        ] {
            assert_eq!(payload_in(pasted), Some("AbC_-9"), "{pasted:?}");
        }
        for not in ["", "https://example.org/#/s/hva-er-viktig", "#/l/", "#/l/a b", "Ab+C"] {
            assert_eq!(payload_in(not), None, "{not:?}");
        }
        assert_eq!(link_hash("AbC"), "/l/AbC");
    }
}
