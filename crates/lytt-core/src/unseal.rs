//! Opening sealed records with the owner's identity on the primitives `seal.rs` uses, without
//! the age crate: the owner's screens in the web app are one build with the respondent's, and
//! the age crate there turns on curve tables that add 39 KB gzip to a survey's link. It reads
//! the age v1 messages with one X25519 recipient stanza that `seal.rs`, the age crate and the Go
//! `age` write, armored or binary, and says why one cannot be opened in the same terms as
//! `open` does through the age crate (tests check both agree, record by record).

use std::fmt;

use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD};
use base64::Engine;
use chacha20poly1305::aead::{Aead, AeadInPlace, KeyInit};
use chacha20poly1305::ChaCha20Poly1305;
use hkdf::Hkdf;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use x25519_dalek::{x25519, X25519_BASEPOINT_BYTES};

use crate::response::{Response, RESPONSE_FORMAT};

const VERSION_LINE: &[u8] = b"age-encryption.org/v1\n";
const X25519_LABEL: &[u8] = b"age-encryption.org/v1/X25519";
const ARMOR_BEGIN: &[u8] = b"-----BEGIN AGE ENCRYPTED FILE-----";
const ARMOR_END: &[u8] = b"-----END AGE ENCRYPTED FILE-----";
const CHUNK: usize = 64 * 1024 + 16;

/// Why a sealed record could not be opened. Each says what is wrong with that one record.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "reason", content = "detail", rename_all = "snake_case")]
#[non_exhaustive]
pub enum OpenError {
    /// Not an age message at all: it does not begin as one.
    NotAge,
    /// An age message, but not sealed to this key.
    WrongKey,
    /// It begins as an age message but fails to read or to authenticate: its header, armor or
    /// body was changed after it was sealed, or its encrypted body was cut (the two cannot be
    /// told apart).
    Tampered,
    /// The message ends before its header is complete, or its armor has no end line.
    Truncated,
    /// It decrypts, but what is inside is not a Lytt response record.
    NotARecord(String),
    /// A record of another survey than the one being read.
    OtherSurvey {
        /// The survey the record belongs to.
        found: String,
    },
}

impl fmt::Display for OpenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OpenError::NotAge => write!(f, "not an age-encrypted record"),
            OpenError::WrongKey => write!(f, "sealed to another key than this identity"),
            OpenError::Tampered => write!(f, "changed or cut after it was sealed (it fails authentication)"),
            OpenError::Truncated => write!(f, "cut short (it ends before its header or armor is complete)"),
            OpenError::NotARecord(why) => {
                write!(f, "decrypts, but is not a Lytt response record: {why}")
            }
            OpenError::OtherSurvey { found } => {
                write!(f, "a record of another survey (\"{found}\")")
            }
        }
    }
}

impl std::error::Error for OpenError {}

/// The owner's X25519 identity (`AGE-SECRET-KEY-1...`), held in memory only.
pub struct Identity {
    secret: [u8; 32],
    public: [u8; 32],
}

impl Drop for Identity {
    fn drop(&mut self) {
        // Not left behind in memory that is handed out again.
        self.secret = [0; 32];
    }
}

impl Identity {
    /// Reads an age identity file: comment lines starting with `#` are skipped and the first
    /// `AGE-SECRET-KEY-1...` line is used.
    pub fn from_identity_file(text: &str) -> Option<Identity> {
        let line = text.lines().map(str::trim).find(|l| l.starts_with("AGE-SECRET-KEY-1"))?;
        let secret = crate::recipient::decode_bech32("age-secret-key-", line)?;
        Some(Identity { secret, public: x25519(secret, X25519_BASEPOINT_BYTES) })
    }

    /// The recipient (`age1...`) records for this identity are sealed to.
    pub fn recipient(&self) -> String {
        crate::recipient::encode_bech32("age", &self.public)
    }

    /// The public key (what the recipient encodes).
    pub fn public(&self) -> &[u8; 32] {
        &self.public
    }

    /// The secret scalar, for handing to another implementation of X25519 (the browser's Web
    /// Crypto in the results worker); it must be held as carefully as this identity.
    pub fn secret(&self) -> &[u8; 32] {
        &self.secret
    }
}

/// Unwraps the file key of one X25519 stanza with `shared`, the key agreement of the identity
/// whose public key is `public` with the stanza's `share`, if it was made for that identity.
fn unwrap_stanza(shared: [u8; 32], share: &[u8; 32], public: &[u8; 32], body: &[u8]) -> Option<[u8; 16]> {
    if shared == [0; 32] {
        return None;
    }
    let mut salt = [0u8; 64];
    salt[..32].copy_from_slice(share);
    salt[32..].copy_from_slice(public);
    let wrap_key = hkdf(&shared, &salt, X25519_LABEL);
    let key = ChaCha20Poly1305::new(&wrap_key.into()).decrypt(&[0u8; 12].into(), body).ok()?;
    key.try_into().ok()
}

fn hkdf(ikm: &[u8], salt: &[u8], info: &[u8]) -> [u8; 32] {
    let mut out = [0u8; 32];
    // 32 bytes is always a valid HKDF-SHA-256 output length.
    let _ = Hkdf::<Sha256>::new(Some(salt), ikm).expand(info, &mut out);
    out
}

/// The binary message inside its armor, or the message itself.
fn dearmor(sealed: &[u8]) -> Result<Vec<u8>, OpenError> {
    let start = sealed.iter().position(|b| !b.is_ascii_whitespace()).map_or(&[][..], |i| &sealed[i..]);
    if start.starts_with(VERSION_LINE) {
        return Ok(start.to_vec());
    }
    let Some(rest) = start.strip_prefix(ARMOR_BEGIN) else {
        return Err(OpenError::NotAge);
    };
    // Searched from the end, where it is: a scan from the start compares at every byte.
    let Some(end) = rest.windows(ARMOR_END.len()).rposition(|w| w == ARMOR_END) else {
        return Err(OpenError::Truncated);
    };
    if !rest[end + ARMOR_END.len()..].iter().all(u8::is_ascii_whitespace) {
        return Err(OpenError::Tampered);
    }
    let mut lines = rest[..end].split(|&b| b == b'\n').map(|l| l.strip_suffix(b"\r").unwrap_or(l));
    // Lines of 64 columns, the last one shorter, between the markers' own lines.
    if lines.next().is_none_or(|first| !first.is_empty()) {
        return Err(OpenError::Tampered);
    }
    let mut body = lines.filter(|l| !l.is_empty()).peekable();
    // Each full line is 48 bytes: decoded line by line into one buffer, without joining the
    // lines first. Padding may end only the last line.
    let mut binary = vec![0u8; (end / 65 + 1) * 48];
    let mut written = 0;
    let mut any = false;
    while let Some(line) = body.next() {
        any = true;
        let last = body.peek().is_none();
        if line.len() > 64 || (!last && (line.len() != 64 || line.contains(&b'='))) {
            return Err(OpenError::Tampered);
        }
        let room = binary.get_mut(written..).ok_or(OpenError::Tampered)?;
        written += STANDARD.decode_slice(line, room).map_err(|_| OpenError::Tampered)?;
    }
    if !any {
        return Err(OpenError::Tampered);
    }
    binary.truncate(written);
    Ok(binary)
}

/// Which line of the header is read next.
#[derive(Clone, Copy)]
enum Expected {
    /// A stanza ("-> ...") or the MAC line ("--- ...").
    StanzaOrMac,
    /// A line of a stanza's base64 body.
    Body,
}

fn is_base64(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'+' || b == b'/'
}

/// Whether a header line that the data ends in could still be a valid one when complete: then
/// the message was cut short; otherwise it was changed (as the age crate tells the two apart).
fn could_continue(partial: &[u8], expected: Expected) -> bool {
    match expected {
        Expected::Body => partial.iter().all(|&b| is_base64(b)),
        Expected::StanzaOrMac => {
            let visible = |rest: &[u8]| rest.iter().all(|&b| b == b' ' || (33..=126).contains(&b));
            let mac = |rest: &[u8]| rest.iter().all(|&b| is_base64(b));
            b"-> ".starts_with(partial)
                || b"--- ".starts_with(partial)
                || partial.strip_prefix(b"-> ").is_some_and(visible)
                || partial.strip_prefix(b"--- ").is_some_and(mac)
        }
    }
}

/// One line of the header: the bytes up to (not including) the newline, and what follows.
fn line(data: &[u8], expected: Expected) -> Result<(&[u8], &[u8]), OpenError> {
    match data.iter().position(|&b| b == b'\n') {
        Some(at) => Ok((&data[..at], &data[at + 1..])),
        None if could_continue(data, expected) => Err(OpenError::Truncated),
        None => Err(OpenError::Tampered),
    }
}

/// Decrypts a sealed record (armored or binary) to its plaintext bytes.
pub fn open_plaintext(sealed: &[u8], identity: &Identity) -> Result<Vec<u8>, OpenError> {
    open_plaintext_agreeing(sealed, &identity.public, &mut |share| Some(x25519(identity.secret, *share)))
}

/// The X25519 shares of a sealed record's stanzas, which a key agreement made elsewhere needs
/// (see [`open_plaintext_agreeing`]); empty if the record cannot be read that far.
pub fn x25519_shares(sealed: &[u8]) -> Vec<[u8; 32]> {
    let mut shares = Vec::new();
    let _ = open_plaintext_agreeing(sealed, &[0; 32], &mut |share| {
        shares.push(*share);
        None
    });
    shares
}

/// Decrypts a sealed record for the identity whose public key is `public`, with the key
/// agreements given by `agree` (the shared secret of that identity with a stanza's share, or
/// `None` if it is not known): the same checks and the same errors as [`open_plaintext`].
pub fn open_plaintext_agreeing(
    sealed: &[u8],
    public: &[u8; 32],
    agree: &mut dyn FnMut(&[u8; 32]) -> Option<[u8; 32]>,
) -> Result<Vec<u8>, OpenError> {
    let mut binary = dearmor(sealed)?;
    let (file_key, payload_start) = open_header(&binary, public, agree)?;
    decrypt_payload(&file_key, &mut binary, payload_start)?;
    Ok(binary)
}

/// Whether `identity` opens a sealed record's header (its file key unwraps and the header's MAC
/// holds), without decrypting the body.
pub fn header_opens(sealed: &[u8], identity: &Identity) -> bool {
    dearmor(sealed)
        .and_then(|binary| open_header(&binary, &identity.public, &mut |share| Some(x25519(identity.secret, *share))))
        .is_ok()
}

/// Reads and authenticates the header of a binary age message: the file key, and where the
/// payload begins.
fn open_header(
    binary: &[u8],
    public: &[u8; 32],
    agree: &mut dyn FnMut(&[u8; 32]) -> Option<[u8; 32]>,
) -> Result<([u8; 16], usize), OpenError> {
    let Some(mut rest) = binary.strip_prefix(VERSION_LINE) else {
        // Armor around something else: it ends inside its first line, or that line was changed.
        return Err(if binary.contains(&b'\n') { OpenError::Tampered } else { OpenError::Truncated });
    };
    let mut file_key = None;
    let mut stanzas = 0;
    let mac_line = loop {
        let (first, after) = line(rest, Expected::StanzaOrMac)?;
        rest = after;
        if first.starts_with(b"--- ") {
            break first;
        }
        let Some(args) = first.strip_prefix(b"-> ") else {
            return Err(OpenError::Tampered);
        };
        // The body: base64 lines of 64 columns, ending with a shorter (maybe empty) one.
        let mut body = Vec::new();
        loop {
            let (text, after) = line(rest, Expected::Body)?;
            rest = after;
            body.extend_from_slice(text);
            if text.len() > 64 {
                return Err(OpenError::Tampered);
            }
            if text.len() < 64 {
                break;
            }
        }
        stanzas += 1;
        // Arguments are non-empty runs of visible ASCII; the body is canonical base64.
        let args: Vec<&[u8]> = args.split(|&b| b == b' ').collect();
        if args.iter().any(|a| a.is_empty() || a.iter().any(|b| !(33..=126).contains(b))) {
            return Err(OpenError::Tampered);
        }
        let body = STANDARD_NO_PAD.decode(&body).map_err(|_| OpenError::Tampered)?;
        if args.first() != Some(&&b"X25519"[..]) || file_key.is_some() {
            continue;
        }
        let share: [u8; 32] = match (args.get(1), args.len()) {
            (Some(share), 2) => STANDARD_NO_PAD.decode(share).ok().and_then(|s| s.try_into().ok()),
            _ => None,
        }
        .ok_or(OpenError::Tampered)?;
        if body.len() != 32 {
            return Err(OpenError::Tampered);
        }
        file_key = agree(&share).and_then(|shared| unwrap_stanza(shared, &share, public, &body));
    };
    if stanzas == 0 {
        return Err(OpenError::Tampered);
    }
    let file_key = file_key.ok_or(OpenError::WrongKey)?;
    // The MAC covers the header up to and including "---", not the space after it.
    let mac_line_start = binary.len() - rest.len() - 1 - mac_line.len();
    let header_len = mac_line_start + 3;
    let mac = STANDARD_NO_PAD.decode(&mac_line[4..]).map_err(|_| OpenError::Tampered)?;
    let mut check =
        <Hmac<Sha256> as Mac>::new_from_slice(&hkdf(&file_key, &[], b"header")).map_err(|_| OpenError::Tampered)?;
    check.update(&binary[..header_len]);
    check.verify_slice(&mac).map_err(|_| OpenError::Tampered)?;
    Ok((file_key, binary.len() - rest.len()))
}

/// Decrypts the payload that begins at `start` of `message` (a 16-byte nonce, then STREAM chunks
/// of 64 KiB, the last one flagged) in place: `message` becomes the plaintext, without copying
/// the body out and back.
fn decrypt_payload(file_key: &[u8; 16], message: &mut Vec<u8>, start: usize) -> Result<(), OpenError> {
    let payload = message.get(start..).unwrap_or_default();
    if payload.len() < 16 {
        return Err(OpenError::Truncated);
    }
    // Even an empty plaintext has a chunk (its tag): a message that ends at the nonce was cut.
    if payload.len() == 16 {
        return Err(OpenError::Truncated);
    }
    let aead = ChaCha20Poly1305::new(&hkdf(file_key, &payload[..16], b"payload").into());
    let body_start = start + 16;
    let chunks = (message.len() - body_start).div_ceil(CHUNK);
    let mut written = 0;
    for counter in 0..chunks {
        let from = body_start + counter * CHUNK;
        let to = (from + CHUNK).min(message.len());
        if to - from < 16 {
            return Err(OpenError::Tampered);
        }
        let mut chunk_nonce = [0u8; 12];
        chunk_nonce[3..11].copy_from_slice(&(counter as u64).to_be_bytes());
        chunk_nonce[11] = u8::from(counter + 1 == chunks);
        let (text, tag) = message[from..to].split_at_mut(to - from - 16);
        let tag = chacha20poly1305::Tag::clone_from_slice(tag);
        aead.decrypt_in_place_detached(&chunk_nonce.into(), b"", text, &tag).map_err(|_| OpenError::Tampered)?;
        let length = to - from - 16;
        // Plaintext moves to the front, over the header and the tags already read.
        message.copy_within(from..from + length, written);
        written += length;
    }
    message.truncate(written);
    Ok(())
}

/// Opens a sealed record and reads the response in it. With `survey`, a record of another
/// survey is an error.
pub fn open_record(sealed: &[u8], identity: &Identity, survey: Option<&str>) -> Result<Response, OpenError> {
    read_record(&open_plaintext(sealed, identity)?, survey)
}

/// Reads the response in an opened record's plaintext (whichever reader opened it). With
/// `survey`, a record of another survey is an error.
pub fn read_record(plaintext: &[u8], survey: Option<&str>) -> Result<Response, OpenError> {
    let response: Response = serde_json::from_slice(plaintext).map_err(|e| OpenError::NotARecord(e.to_string()))?;
    if response.format != RESPONSE_FORMAT {
        return Err(OpenError::NotARecord(format!("its format is \"{}\", not \"{RESPONSE_FORMAT}\"", response.format)));
    }
    match survey {
        Some(expected) if response.survey != expected => Err(OpenError::OtherSurvey { found: response.survey }),
        _ => Ok(response),
    }
}
