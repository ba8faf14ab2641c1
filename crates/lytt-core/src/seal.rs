//! Sealing response records for the survey owner: a standard age v1 message (one X25519
//! recipient, ASCII armor), so `age -d -i owner.key` reads it.
//!
//! The format (age-encryption.org/v1) is composed here from the primitives the age crate itself
//! uses (x25519-dalek, ChaCha20-Poly1305, HKDF and HMAC over SHA-256), because the age crate
//! carries translations of its messages that would triple the web app's download. Only
//! encryption lives here; opening is done with the age crate itself (`open`), and the tests check
//! every sealed record against both the age crate and the reference Go `age`.
//!
//! The plaintext is the record's JSON padded with spaces to a multiple of 512 bytes, so that its
//! length says little about the answers (trailing spaces keep it valid JSON).

use std::fmt;

use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD};
use base64::Engine;
use chacha20poly1305::aead::{Aead, KeyInit};
use chacha20poly1305::ChaCha20Poly1305;
use hkdf::Hkdf;
use hmac::{Hmac, Mac};
use rand_core::{CryptoRng, OsRng, RngCore};
use sha2::Digest;
use sha2::Sha256;
use x25519_dalek::{EphemeralSecret, PublicKey, X25519_BASEPOINT_BYTES};

use crate::recipient::{check_recipient, encode_bech32};
use crate::response::Response;

/// Plaintext records are padded to a multiple of this many bytes.
pub const PADDING_BLOCK: usize = 512;

const VERSION_LINE: &str = "age-encryption.org/v1";
const X25519_LABEL: &[u8] = b"age-encryption.org/v1/X25519";
const CHUNK_SIZE: usize = 64 * 1024;
const ARMOR_BEGIN: &str = "-----BEGIN AGE ENCRYPTED FILE-----";
const ARMOR_END: &str = "-----END AGE ENCRYPTED FILE-----";

/// Why a record could not be sealed.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SealError {
    /// The survey's recipient is not a valid `age1...` X25519 recipient.
    BadRecipient,
    /// The recipient is a low-order point, for which no shared secret exists.
    WeakRecipient,
    /// Encryption failed (it does not, short of running out of memory).
    Encryption,
}

impl fmt::Display for SealError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SealError::BadRecipient => {
                write!(f, "the recipient is not a valid age1... X25519 recipient")
            }
            SealError::WeakRecipient => write!(f, "the recipient is not a usable X25519 key"),
            SealError::Encryption => write!(f, "encryption failed"),
        }
    }
}

impl std::error::Error for SealError {}

/// The record's JSON padded with spaces to a multiple of [`PADDING_BLOCK`] bytes.
pub fn padded_plaintext(response: &Response) -> Vec<u8> {
    let mut bytes = response.to_json().into_bytes();
    let padded = bytes.len().div_ceil(PADDING_BLOCK).max(1) * PADDING_BLOCK;
    bytes.resize(padded, b' ');
    bytes
}

/// Seals a record to the survey owner's recipient: an ASCII-armored age message.
pub fn seal_record(response: &Response, recipient: &str) -> Result<String, SealError> {
    seal_with(&padded_plaintext(response), recipient, &mut OsRng)
}

/// Encrypts `plaintext` to one X25519 recipient as an ASCII-armored age v1 message.
pub fn seal_with(plaintext: &[u8], recipient: &str, rng: &mut (impl RngCore + CryptoRng)) -> Result<String, SealError> {
    let binary = encrypt(plaintext, recipient, rng)?;
    Ok(armor(&binary))
}

fn hkdf(ikm: &[u8], salt: &[u8], info: &[u8]) -> [u8; 32] {
    let mut out = [0u8; 32];
    // 32 bytes is always a valid HKDF-SHA-256 output length.
    let _ = Hkdf::<Sha256>::new(Some(salt), ikm).expand(info, &mut out);
    out
}

/// The binary age v1 message.
fn encrypt(plaintext: &[u8], recipient: &str, rng: &mut (impl RngCore + CryptoRng)) -> Result<Vec<u8>, SealError> {
    Sealer::new(recipient, rng)?.encrypt(plaintext, rng)
}

/// The plaintext-independent half of sealing one record, made ahead of time: a fresh file key
/// wrapped to the recipient (the X25519 work) and the message header with its MAC. Used once:
/// [`Sealer::seal`] consumes it, so a file key never seals two records.
pub struct Sealer {
    file_key: [u8; 16],
    header: String,
}

impl Sealer {
    /// Does the slow part: a new file key and the X25519 recipient stanza for it.
    pub fn new(recipient: &str, rng: &mut (impl RngCore + CryptoRng)) -> Result<Sealer, SealError> {
        let recipient = PublicKey::from(check_recipient(recipient).map_err(|_| SealError::BadRecipient)?);

        let mut file_key = [0u8; 16];
        rng.fill_bytes(&mut file_key);

        // The X25519 recipient stanza: the file key wrapped under a key shared with the recipient.
        let ephemeral = EphemeralSecret::random_from_rng(&mut *rng);
        let ephemeral_share = PublicKey::from(&ephemeral);
        let shared = ephemeral.diffie_hellman(&recipient);
        if !shared.was_contributory() {
            return Err(SealError::WeakRecipient);
        }
        let mut salt = [0u8; 64];
        salt[..32].copy_from_slice(ephemeral_share.as_bytes());
        salt[32..].copy_from_slice(recipient.as_bytes());
        let wrap_key = hkdf(shared.as_bytes(), &salt, X25519_LABEL);
        let wrapped = ChaCha20Poly1305::new(&wrap_key.into())
            .encrypt(&[0u8; 12].into(), file_key.as_slice())
            .map_err(|_| SealError::Encryption)?;

        // A 32-byte body is one base64 line of 43 characters, below the 64-column limit.
        let mut header = format!(
            "{VERSION_LINE}\n-> X25519 {}\n{}\n---",
            STANDARD_NO_PAD.encode(ephemeral_share.as_bytes()),
            STANDARD_NO_PAD.encode(&wrapped)
        );
        let mac_key = hkdf(&file_key, &[], b"header");
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&mac_key).map_err(|_| SealError::Encryption)?;
        mac.update(header.as_bytes());
        header.push(' ');
        header.push_str(&STANDARD_NO_PAD.encode(mac.finalize().into_bytes()));
        header.push('\n');
        Ok(Sealer { file_key, header })
    }

    /// Seals a record with this prepared key: an ASCII-armored age message.
    pub fn seal(self, response: &Response, rng: &mut (impl RngCore + CryptoRng)) -> Result<String, SealError> {
        Ok(armor(&self.encrypt(&padded_plaintext(response), rng)?))
    }

    /// The payload: a random nonce, then STREAM chunks of 64 KiB under a key derived from it.
    fn encrypt(self, plaintext: &[u8], rng: &mut (impl RngCore + CryptoRng)) -> Result<Vec<u8>, SealError> {
        let mut nonce = [0u8; 16];
        rng.fill_bytes(&mut nonce);
        let payload_key = hkdf(&self.file_key, &nonce, b"payload");
        let aead = ChaCha20Poly1305::new(&payload_key.into());
        let mut out = self.header.into_bytes();
        out.extend_from_slice(&nonce);
        let chunks: Vec<&[u8]> =
            if plaintext.is_empty() { vec![&[][..]] } else { plaintext.chunks(CHUNK_SIZE).collect() };
        for (counter, chunk) in chunks.iter().enumerate() {
            let mut chunk_nonce = [0u8; 12];
            chunk_nonce[3..11].copy_from_slice(&(counter as u64).to_be_bytes());
            if counter + 1 == chunks.len() {
                chunk_nonce[11] = 1;
            }
            let sealed = aead.encrypt(&chunk_nonce.into(), *chunk).map_err(|_| SealError::Encryption)?;
            out.extend_from_slice(&sealed);
        }
        Ok(out)
    }
}

/// ASCII armor: padded base64 in lines of 64 columns between the age markers.
fn armor(binary: &[u8]) -> String {
    let encoded = STANDARD.encode(binary);
    let mut text = String::with_capacity(encoded.len() + encoded.len() / 64 + 80);
    text.push_str(ARMOR_BEGIN);
    text.push('\n');
    for line in encoded.as_bytes().chunks(64) {
        // Base64 output is ASCII, so every 64-byte slice is valid UTF-8.
        text.push_str(std::str::from_utf8(line).unwrap_or_default());
        text.push('\n');
    }
    text.push_str(ARMOR_END);
    text.push('\n');
    text
}

/// Whether `text` has the shape of an armored age v1 message (markers, base64, the age header
/// line), checked without any key: what an inbox can know about a record it cannot read.
pub fn looks_sealed(text: &str) -> bool {
    let Some(body) = text.trim().strip_prefix(ARMOR_BEGIN).and_then(|rest| rest.strip_suffix(ARMOR_END)) else {
        return false;
    };
    let joined: String = body.split_whitespace().collect();
    match STANDARD.decode(joined) {
        Ok(binary) => binary.starts_with(b"age-encryption.org/v1\n") && binary.windows(4).any(|w| w == b"\n---"),
        Err(_) => false,
    }
}

/// A new key pair for a survey owner: the identity file's text (age format, the same as
/// `age-keygen` writes, without its creation date) and the `age1...` recipient.
pub fn generate_identity(rng: &mut (impl RngCore + CryptoRng)) -> (String, String) {
    let mut secret = [0u8; 32];
    rng.fill_bytes(&mut secret);
    let public = x25519_dalek::x25519(secret, X25519_BASEPOINT_BYTES);
    let identity = encode_bech32("age-secret-key-", &secret).to_ascii_uppercase();
    secret.fill(0);
    let recipient = encode_bech32("age", &public);
    (format!("# public key: {recipient}\n{identity}\n"), recipient)
}

/// A fingerprint of a recipient (`ABCD-EFGH-JKMN-PQRS`: 80 bits of SHA-256 in Crockford base32,
/// read aloud in groups of four), so an owner can check that a published survey still seals to
/// their key. 80 bits put making a second key with the same fingerprint out of reach; 40 did not.
pub fn recipient_fingerprint(recipient: &str) -> String {
    fingerprint_of_digest(&Sha256::digest(fingerprinted(recipient)).into())
}

/// What a recipient's fingerprint is a digest of: the key without case or the spaces around it.
/// With `fingerprint_of_digest`, for a digest computed elsewhere (the browser's own SHA-256, so
/// that a survey's first screen needs none of its own).
pub fn fingerprinted(recipient: &str) -> Vec<u8> {
    recipient.trim().to_ascii_lowercase().into_bytes()
}

/// The fingerprint of a recipient whose `fingerprinted` bytes have the SHA-256 `digest`.
pub fn fingerprint_of_digest(digest: &[u8; 32]) -> String {
    const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    let bits = digest[..10].iter().fold(0u128, |acc, &b| (acc << 8) | u128::from(b));
    let mut out = String::with_capacity(19);
    for i in 0..16 {
        if i > 0 && i % 4 == 0 {
            out.push('-');
        }
        out.push(ALPHABET[((bits >> (75 - 5 * i)) & 31) as usize] as char);
    }
    out
}
