//! The survey owner's identity, and opening sealed records with it (owner side: the CLI and the
//! in-browser analysis).
//!
//! Records are opened by `unseal`, which derives the identity's public key once (the age crate
//! derives it again for every record, which made `lytt report` spend almost half its time on
//! it). The age crate stays as the reference: `open_plaintext` opens with it, and the tests
//! check record by record, cut by cut and byte by byte that both give the same plaintext or the
//! same reason.

use std::fmt;
use std::io::Read;
use std::str::FromStr;

use age::armor::ArmoredReader;
use age::x25519;

use crate::response::Response;

/// The owner's secret key, read from an age identity file: for the age crate, and for `unseal`
/// with its public key derived once.
pub struct OwnerKey(x25519::Identity, crate::unseal::Identity);

/// Why a key could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum KeyError {
    /// No `AGE-SECRET-KEY-1...` line in the identity file.
    NoIdentity,
    /// An `AGE-SECRET-KEY-1...` line that is not a valid key.
    BadIdentity,
}

impl fmt::Display for KeyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeyError::NoIdentity => {
                write!(f, "the identity file holds no AGE-SECRET-KEY-1... line")
            }
            KeyError::BadIdentity => write!(f, "the identity file's AGE-SECRET-KEY-1... line is not a valid key"),
        }
    }
}

impl std::error::Error for KeyError {}

impl OwnerKey {
    /// Reads an age identity file (as written by `age-keygen` or `lytt keygen`); comment lines
    /// starting with `#` are skipped and the first key is used.
    pub fn from_identity_file(text: &str) -> Result<OwnerKey, KeyError> {
        let line =
            text.lines().map(str::trim).find(|l| l.starts_with("AGE-SECRET-KEY-1")).ok_or(KeyError::NoIdentity)?;
        let identity = x25519::Identity::from_str(line).map_err(|_| KeyError::BadIdentity)?;
        OwnerKey::from_age(identity)
    }

    fn from_age(identity: x25519::Identity) -> Result<OwnerKey, KeyError> {
        use age::secrecy::ExposeSecret;
        let unsealing = crate::unseal::Identity::from_identity_file(identity.to_string().expose_secret())
            .ok_or(KeyError::BadIdentity)?;
        Ok(OwnerKey(identity, unsealing))
    }

    /// A new random key.
    pub fn generate() -> OwnerKey {
        // A key the age crate made is one `unseal` reads.
        OwnerKey::from_age(x25519::Identity::generate()).unwrap_or_else(|_| unreachable!("age writes its own keys"))
    }

    /// The same key for `unseal`, which can open records with a key agreement made elsewhere.
    pub fn unsealing(&self) -> &crate::unseal::Identity {
        &self.1
    }

    /// The public recipient (`age1...`) that surveys are sealed to.
    pub fn recipient(&self) -> String {
        self.0.to_public().to_string()
    }

    /// The identity file's text, in the format `age-keygen` writes (without a date line, which
    /// would say when the key was made).
    pub fn to_identity_file(&self) -> String {
        use age::secrecy::ExposeSecret;
        format!("# public key: {}\n{}\n", self.recipient(), self.0.to_string().expose_secret())
    }
}

pub use crate::unseal::OpenError;

/// What a failure of the age crate means for a message that begins as an age message: a header
/// that does not parse is a real record that was changed, never "not age".
fn classify(error: &age::DecryptError) -> OpenError {
    use age::DecryptError as E;
    match error {
        E::NoMatchingKeys => OpenError::WrongKey,
        E::Io(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => OpenError::Truncated,
        _ => OpenError::Tampered,
    }
}

/// Whether a sealed record (armored or binary) was sealed to `key`: only its header is read and
/// checked, nothing is decrypted. An inbox uses it with the published test identity to refuse
/// answers that anyone could read.
pub fn is_sealed_to(sealed: &[u8], key: &OwnerKey) -> bool {
    crate::unseal::header_opens(sealed, &key.1)
}

/// Decrypts a sealed record (armored or binary) to its plaintext bytes, with the age crate (the
/// reference the tests hold `unseal` to).
pub fn open_plaintext(sealed: &[u8], key: &OwnerKey) -> Result<Vec<u8>, OpenError> {
    // Anything that does not begin like an age message is not one, however short; only after
    // that does an early end mean a message was cut short.
    let start = sealed.iter().position(|b| !b.is_ascii_whitespace()).map_or(&[][..], |i| &sealed[i..]);
    if !start.starts_with(b"age-encryption.org/v1\n") && !start.starts_with(b"-----BEGIN AGE ENCRYPTED FILE-----") {
        return Err(OpenError::NotAge);
    }
    let end_marker = b"-----END AGE ENCRYPTED FILE-----";
    if start.starts_with(b"-----BEGIN") && !start.windows(end_marker.len()).any(|w| w == end_marker) {
        return Err(OpenError::Truncated);
    }
    let decryptor = age::Decryptor::new(ArmoredReader::new(sealed)).map_err(|e| classify(&e))?;
    let mut reader = decryptor.decrypt(std::iter::once(&key.0 as &dyn age::Identity)).map_err(|e| classify(&e))?;
    let mut plaintext = Vec::new();
    reader.read_to_end(&mut plaintext).map_err(|e| match e.kind() {
        std::io::ErrorKind::UnexpectedEof => OpenError::Truncated,
        std::io::ErrorKind::InvalidData => OpenError::Tampered,
        _ => OpenError::Tampered,
    })?;
    Ok(plaintext)
}

/// Opens a sealed record and reads the response in it. With `survey`, a record of another
/// survey is an error. (Opened by `unseal`; see the module's comment.)
pub fn open_record(sealed: &[u8], key: &OwnerKey, survey: Option<&str>) -> Result<Response, OpenError> {
    crate::unseal::open_record(sealed, &key.1, survey)
}
