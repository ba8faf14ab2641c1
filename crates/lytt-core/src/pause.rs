//! "Take a break" on a shared computer: the draft is encrypted under a resume code that is shown
//! to the person once and never stored. Without the code nobody can read the paused draft, and
//! paused drafts expire after [`PAUSE_HOURS`] hours.
//!
//! The code is 10 characters of Crockford's base32 (50 random bits), shown as `ABCDE-FGHJK`:
//! no I, L, O or U, and reading is forgiving (lowercase, spaces, dashes, O for 0, I or L for 1).
//! The key is derived with PBKDF2-HMAC-SHA-256 and a random salt; the draft is sealed with
//! ChaCha20-Poly1305, so a wrong code is told apart from a right one and any change is detected.

use std::fmt;

use base64::engine::general_purpose::STANDARD_NO_PAD;
use base64::Engine;
use chacha20poly1305::aead::{Aead, KeyInit};
use chacha20poly1305::ChaCha20Poly1305;
use hmac::{Hmac, Mac};
use rand_core::{CryptoRng, RngCore};
use serde::{Deserialize, Serialize};
use sha2::Sha256;

/// How long a paused draft can be resumed.
pub const PAUSE_HOURS: i64 = 72;
/// PBKDF2 rounds: slow enough to make guessing codes costly, quick enough in a browser.
pub const PBKDF2_ROUNDS: u32 = 100_000;
/// Characters of a resume code.
pub const CODE_LENGTH: usize = 10;

const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// A resume code, normalised (10 characters of the alphabet, no separator).
#[derive(Clone, PartialEq, Eq)]
pub struct ResumeCode(String);

impl fmt::Debug for ResumeCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Never in logs by accident.
        f.write_str("ResumeCode(..)")
    }
}

impl ResumeCode {
    /// A new random code.
    pub fn generate(rng: &mut (impl RngCore + CryptoRng)) -> ResumeCode {
        let code = (0..CODE_LENGTH).map(|_| ALPHABET[(rng.next_u32() & 31) as usize] as char).collect();
        ResumeCode(code)
    }

    /// Reads a code as a person typed it; `None` if it cannot be one.
    pub fn parse(typed: &str) -> Option<ResumeCode> {
        let mut code = String::with_capacity(CODE_LENGTH);
        for c in typed.chars() {
            let c = match c.to_ascii_uppercase() {
                ' ' | '-' | '\u{2013}' | '.' => continue,
                'O' => '0',
                'I' | 'L' => '1',
                c if ALPHABET.contains(&(c as u8)) && c.is_ascii() => c,
                _ => return None,
            };
            code.push(c);
        }
        (code.len() == CODE_LENGTH).then_some(ResumeCode(code))
    }

    /// For showing and writing down: `ABCDE-FGHJK`.
    pub fn display(&self) -> String {
        format!("{}-{}", &self.0[..5], &self.0[5..])
    }
}

/// The format of paused drafts sealed now. It is bound into the sealed data together with the
/// survey and the paused hour, so none of the three can be changed in storage without the code
/// failing (moving `paused_hour` forward would keep answers past their expiry).
pub const PAUSE_FORMAT: u32 = 2;

/// A paused draft as stored on the shared computer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PausedDraft {
    /// The format: [`PAUSE_FORMAT`]; 1 (or absent) for drafts paused before the hour was bound
    /// in, which bound only the survey.
    #[serde(default = "first_format")]
    pub format: u32,
    /// The survey it belongs to (so the survey's start screen can offer "continue with a code").
    pub survey: String,
    /// Hours since 1970 when it was paused (for expiry; no finer time is kept).
    pub paused_hour: i64,
    /// PBKDF2 salt, base64.
    pub salt: String,
    /// The sealed draft: nonce then ciphertext, base64.
    pub sealed: String,
}

/// Why a paused draft could not be opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PauseError {
    /// The code does not open it (or the data was changed).
    WrongCode,
    /// The stored data is not a paused draft.
    Unreadable,
}

impl fmt::Display for PauseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            PauseError::WrongCode => "the code does not open these answers",
            PauseError::Unreadable => "the stored answers cannot be read",
        })
    }
}

impl std::error::Error for PauseError {}

fn first_format() -> u32 {
    1
}

/// The associated data a paused draft is sealed with: what in it is stored in clear.
fn associated_data(format: u32, survey: &str, paused_hour: i64) -> Vec<u8> {
    match format {
        1 => survey.as_bytes().to_vec(),
        _ => format!("lytt-pause/{format}\n{survey}\n{paused_hour}").into_bytes(),
    }
}

/// PBKDF2-HMAC-SHA-256 with one 32-byte output block.
pub(crate) fn pbkdf2(password: &[u8], salt: &[u8], rounds: u32) -> [u8; 32] {
    // HMAC accepts keys of any length, so this cannot fail.
    let Ok(prf) = <Hmac<Sha256> as Mac>::new_from_slice(password) else {
        return [0; 32];
    };
    let mut u = {
        let mut mac = prf.clone();
        mac.update(salt);
        mac.update(&1u32.to_be_bytes());
        mac.finalize().into_bytes()
    };
    let mut out: [u8; 32] = u.into();
    for _ in 1..rounds {
        let mut mac = prf.clone();
        mac.update(&u);
        u = mac.finalize().into_bytes();
        for (o, x) in out.iter_mut().zip(u.iter()) {
            *o ^= x;
        }
    }
    out
}

impl PausedDraft {
    /// Encrypts `draft` (the draft's stored JSON) under `code`.
    pub fn seal(
        survey: &str,
        draft: &[u8],
        code: &ResumeCode,
        paused_hour: i64,
        rng: &mut (impl RngCore + CryptoRng),
    ) -> Result<PausedDraft, PauseError> {
        Self::seal_with_rounds(survey, draft, code, paused_hour, rng, PBKDF2_ROUNDS)
    }

    fn seal_with_rounds(
        survey: &str,
        draft: &[u8],
        code: &ResumeCode,
        paused_hour: i64,
        rng: &mut (impl RngCore + CryptoRng),
        rounds: u32,
    ) -> Result<PausedDraft, PauseError> {
        let mut salt = [0u8; 16];
        rng.fill_bytes(&mut salt);
        let mut nonce = [0u8; 12];
        rng.fill_bytes(&mut nonce);
        let key = pbkdf2(code.0.as_bytes(), &salt, rounds);
        let mut sealed = nonce.to_vec();
        // The survey id and the hour are bound in: a paused draft cannot be moved to another
        // survey, nor kept past its expiry by changing its hour.
        let aad = associated_data(PAUSE_FORMAT, survey, paused_hour);
        let aad = chacha20poly1305::aead::Payload { msg: draft, aad: &aad };
        sealed.extend(
            ChaCha20Poly1305::new(&key.into()).encrypt(&nonce.into(), aad).map_err(|_| PauseError::Unreadable)?,
        );
        Ok(PausedDraft {
            format: PAUSE_FORMAT,
            survey: survey.to_string(),
            paused_hour,
            salt: STANDARD_NO_PAD.encode(salt),
            sealed: STANDARD_NO_PAD.encode(sealed),
        })
    }

    /// The draft's JSON, if `code` is the right one.
    pub fn open(&self, code: &ResumeCode) -> Result<Vec<u8>, PauseError> {
        self.open_with_rounds(code, PBKDF2_ROUNDS)
    }

    fn open_with_rounds(&self, code: &ResumeCode, rounds: u32) -> Result<Vec<u8>, PauseError> {
        if !(1..=PAUSE_FORMAT).contains(&self.format) {
            return Err(PauseError::Unreadable);
        }
        let salt = STANDARD_NO_PAD.decode(&self.salt).map_err(|_| PauseError::Unreadable)?;
        let sealed = STANDARD_NO_PAD.decode(&self.sealed).map_err(|_| PauseError::Unreadable)?;
        if sealed.len() < 12 + 16 {
            return Err(PauseError::Unreadable);
        }
        let (nonce, ciphertext) = sealed.split_at(12);
        let key = pbkdf2(code.0.as_bytes(), &salt, rounds);
        let aad = associated_data(self.format, &self.survey, self.paused_hour);
        let aad = chacha20poly1305::aead::Payload { msg: ciphertext, aad: &aad };
        let nonce: [u8; 12] = nonce.try_into().map_err(|_| PauseError::Unreadable)?;
        ChaCha20Poly1305::new(&key.into()).decrypt(&nonce.into(), aad).map_err(|_| PauseError::WrongCode)
    }

    /// Whether it is too old to resume at `now_hour` (hours since 1970).
    pub fn is_expired(&self, now_hour: i64) -> bool {
        // Stored hours are data: any that would overflow count as expired.
        match now_hour.checked_sub(self.paused_hour) {
            Some(age) => !(0..=PAUSE_HOURS).contains(&age),
            None => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand_core::OsRng;

    #[test]
    fn pbkdf2_matches_the_rfc_7914_test_vector() {
        // RFC 7914 section 11: PBKDF2-HMAC-SHA256 (P="passwd", S="salt", c=1), first 32 bytes.
        let out = pbkdf2(b"passwd", b"salt", 1);
        assert_eq!(crate::draft::hex(&out), "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc");
        // c=80000 with P="Password", S="NaCl".
        let out = pbkdf2(b"Password", b"NaCl", 80000);
        assert_eq!(crate::draft::hex(&out), "4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56");
    }

    #[test]
    fn codes_are_ten_unambiguous_characters_and_read_forgivingly() {
        let code = ResumeCode::generate(&mut OsRng);
        let shown = code.display();
        assert_eq!(shown.len(), 11);
        assert!(shown.chars().all(|c| c == '-' || ALPHABET.contains(&(c as u8))), "{shown}");
        assert!(!shown.contains(['I', 'L', 'O', 'U']));
        assert_eq!(ResumeCode::parse(&shown), Some(code.clone()));
        assert_eq!(ResumeCode::parse(&shown.to_lowercase().replace('-', " ")), Some(code));
        assert_eq!(ResumeCode::parse("oil23-45678").unwrap().display(), "01123-45678");
        assert_eq!(ResumeCode::parse("ABCDE-FGHJ"), None, "too short");
        assert_eq!(ResumeCode::parse("ABCDE-FGHJU"), None, "U is not in the alphabet");
        assert_eq!(ResumeCode::parse("ÅBCDE-FGHJK"), None);
        assert_eq!(format!("{:?}", ResumeCode::parse("ABCDE-FGHJK").unwrap()), "ResumeCode(..)");
    }

    #[test]
    fn a_paused_draft_opens_only_with_its_code_and_for_its_survey() {
        let code = ResumeCode::generate(&mut OsRng);
        let draft = br#"{"survey":"s","answers":{"q":"Jeg sover darlig"}}"#;
        let paused = PausedDraft::seal_with_rounds("s", draft, &code, 500_000, &mut OsRng, 10).unwrap();
        let stored = serde_json::to_string(&paused).unwrap();
        assert!(!stored.contains("sover"), "{stored}");
        assert_eq!(paused.open_with_rounds(&code, 10).unwrap(), draft);

        let other = ResumeCode::generate(&mut OsRng);
        assert_eq!(paused.open_with_rounds(&other, 10), Err(PauseError::WrongCode));
        let moved = PausedDraft { survey: "t".into(), ..paused.clone() };
        assert_eq!(moved.open_with_rounds(&code, 10), Err(PauseError::WrongCode));
        // Its hour and format are bound in too: a later hour would keep it past its expiry.
        let later = PausedDraft { paused_hour: 500_070, ..paused.clone() };
        assert_eq!(later.open_with_rounds(&code, 10), Err(PauseError::WrongCode));
        let first = PausedDraft { format: 1, ..paused.clone() };
        assert_eq!(first.open_with_rounds(&code, 10), Err(PauseError::WrongCode));
        let unknown = PausedDraft { format: 3, ..paused.clone() };
        assert_eq!(unknown.open_with_rounds(&code, 10), Err(PauseError::Unreadable));
        let mut bytes = STANDARD_NO_PAD.decode(&paused.sealed).unwrap();
        let last = bytes.len() - 1;
        bytes[last] ^= 1;
        let changed = PausedDraft { sealed: STANDARD_NO_PAD.encode(bytes), ..paused.clone() };
        assert_eq!(changed.open_with_rounds(&code, 10), Err(PauseError::WrongCode));
        let broken = PausedDraft { sealed: "***".into(), ..paused.clone() };
        assert_eq!(broken.open_with_rounds(&code, 10), Err(PauseError::Unreadable));

        assert!(!paused.is_expired(500_000 + 72));
        assert!(paused.is_expired(500_000 + 73));
        assert!(paused.is_expired(499_999), "a clock set back does not keep it forever");
        for (paused_hour, now) in [(i64::MIN, 0), (i64::MAX, -1), (0, i64::MIN), (-1, i64::MAX)] {
            assert!(PausedDraft { paused_hour, ..paused.clone() }.is_expired(now), "{paused_hour} at {now}");
        }
    }

    #[test]
    fn drafts_paused_in_the_first_format_still_open() {
        // Sealed as the first format did: the survey alone as associated data, no format field.
        let code = ResumeCode::parse("ABCDE-FGHJK").unwrap();
        let (salt, nonce) = ([7u8; 16], [9u8; 12]);
        let key = pbkdf2(code.0.as_bytes(), &salt, 10);
        let payload = chacha20poly1305::aead::Payload { msg: &b"{}"[..], aad: &b"s"[..] };
        let mut sealed = nonce.to_vec();
        sealed.extend(ChaCha20Poly1305::new(&key.into()).encrypt(&nonce.into(), payload).unwrap());
        let stored = format!(
            r#"{{"survey":"s","paused_hour":5,"salt":"{}","sealed":"{}"}}"#,
            STANDARD_NO_PAD.encode(salt),
            STANDARD_NO_PAD.encode(sealed)
        );
        let paused: PausedDraft = serde_json::from_str(&stored).unwrap();
        assert_eq!(paused.format, 1);
        assert_eq!(paused.open_with_rounds(&code, 10).unwrap(), b"{}");
    }

    #[test]
    fn the_default_rounds_round_trip() {
        let code = ResumeCode::parse("ABCDE-FGHJK").unwrap();
        let paused = PausedDraft::seal("s", b"{}", &code, 1, &mut OsRng).unwrap();
        assert_eq!(paused.open(&code).unwrap(), b"{}");
    }
}
