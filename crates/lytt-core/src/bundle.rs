//! Bundles (`lytt-bundle/1`): sealed records travelling together, in random order, with
//! nothing in clear but the survey id.

use std::collections::HashSet;
use std::fmt;

use rand_core::{OsRng, RngCore};
use serde::{Deserialize, Serialize};

#[cfg(feature = "open")]
use crate::open::{open_record, OwnerKey};
use crate::response::Response;
use crate::unseal::OpenError;
use crate::{Misfit, Survey};

/// The bundle format tag.
pub const BUNDLE_FORMAT: &str = "lytt-bundle/1";

/// The most records an inbox takes in one bundle. A phone or a kiosk sends what waits on it,
/// a few hundred records after a long day at most.
pub const MAX_RECORDS: usize = 10_000;

/// The longest record an inbox takes (armored): far above a survey answered in full with long
/// free text, and far below what would let one bundle hold memory hostage.
pub const MAX_RECORD_BYTES: usize = 1 << 20;

/// A bundle as `Bundle::parse_strict` reads it: these three fields and no other.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StrictBundle {
    format: String,
    survey: String,
    #[serde(deserialize_with = "capped_records")]
    records: Vec<String>,
}

/// How a limit's error starts, so that it is told apart from a malformed bundle.
const TOO_LARGE: &str = "too large: ";

/// The records, stopped at the first one past [`MAX_RECORDS`] or [`MAX_RECORD_BYTES`].
fn capped_records<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
    struct Capped;
    impl<'de> serde::de::Visitor<'de> for Capped {
        type Value = Vec<String>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a list of records")
        }
        fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<String>, A::Error> {
            use serde::de::Error;
            let mut records = Vec::new();
            while let Some(record) = seq.next_element::<String>()? {
                if records.len() == MAX_RECORDS {
                    return Err(A::Error::custom(format!("{TOO_LARGE}more than {MAX_RECORDS} records")));
                }
                if record.len() > MAX_RECORD_BYTES {
                    return Err(A::Error::custom(format!(
                        "{TOO_LARGE}records[{}] is longer than {MAX_RECORD_BYTES} bytes",
                        records.len()
                    )));
                }
                records.push(record);
            }
            Ok(records)
        }
    }
    deserializer.deserialize_seq(Capped)
}

/// A bundle file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bundle {
    /// Always `"lytt-bundle/1"`.
    pub format: String,
    /// The survey the records belong to.
    pub survey: String,
    /// ASCII-armored age messages, one per record.
    pub records: Vec<String>,
}

/// Why a file is not a bundle.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum BundleError {
    /// Not JSON, or not shaped like a bundle.
    Malformed(String),
    /// A JSON object with another format tag.
    UnknownFormat(String),
    /// More records than [`MAX_RECORDS`], or one longer than [`MAX_RECORD_BYTES`].
    TooLarge(String),
}

impl fmt::Display for BundleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BundleError::Malformed(why) => write!(f, "not a Lytt bundle: {why}"),
            BundleError::UnknownFormat(found) => {
                write!(f, "format \"{found}\" is not \"{BUNDLE_FORMAT}\"")
            }
            BundleError::TooLarge(why) => write!(f, "the bundle is too large: {why}"),
        }
    }
}

impl std::error::Error for BundleError {}

impl Bundle {
    /// A bundle of sealed records, shuffled so their order says nothing about when they were given.
    pub fn new(survey: &str, mut records: Vec<String>) -> Bundle {
        shuffle(&mut records, &mut OsRng);
        Bundle { format: BUNDLE_FORMAT.to_string(), survey: survey.to_string(), records }
    }

    /// Reads a bundle file.
    pub fn parse(text: &[u8]) -> Result<Bundle, BundleError> {
        // Straight into the fields when it is a bundle, which is nearly always (a tree of JSON
        // values first would take a tenth of reading 100,000 records); through the tree only to
        // say what is wrong with one that is not.
        match serde_json::from_slice::<Bundle>(text) {
            Ok(bundle) if bundle.format == BUNDLE_FORMAT => Ok(bundle),
            _ => Self::from_value(Self::json(text)?),
        }
    }

    fn json(text: &[u8]) -> Result<serde_json::Value, BundleError> {
        serde_json::from_slice(text).map_err(|e| BundleError::Malformed(e.to_string()))
    }

    fn from_value(value: serde_json::Value) -> Result<Bundle, BundleError> {
        match value.get("format") {
            Some(serde_json::Value::String(f)) if f == BUNDLE_FORMAT => {}
            Some(serde_json::Value::String(f)) => return Err(BundleError::UnknownFormat(f.clone())),
            _ => return Err(BundleError::Malformed("it has no \"format\"".into())),
        }
        serde_json::from_value(value).map_err(|e| BundleError::Malformed(e.to_string()))
    }

    /// Reads a bundle strictly, as an inbox must before storing it: exactly the three fields,
    /// a valid survey id, 1 to [`MAX_RECORDS`] records of at most [`MAX_RECORD_BYTES`] each,
    /// every one shaped like an age message. Read straight into its fields (never as a tree of
    /// JSON values, which for a body of many tiny records would take many times its size), and
    /// stopped at the first record past a limit. Nothing is decrypted.
    pub fn parse_strict(text: &[u8]) -> Result<Bundle, BundleError> {
        let strict: StrictBundle = serde_json::from_slice(text).map_err(|e| {
            let why = e.to_string().replace('`', "\"");
            match why.strip_prefix(TOO_LARGE) {
                Some(rest) => BundleError::TooLarge(rest.split(" at line ").next().unwrap_or(rest).to_string()),
                None => BundleError::Malformed(why),
            }
        })?;
        if strict.format != BUNDLE_FORMAT {
            return Err(BundleError::UnknownFormat(strict.format));
        }
        let bundle = Bundle { format: strict.format, survey: strict.survey, records: strict.records };
        if !crate::validate::is_survey_id(&bundle.survey) {
            return Err(BundleError::Malformed(format!("\"{}\" is not a survey id", bundle.survey)));
        }
        if bundle.records.is_empty() {
            return Err(BundleError::Malformed("it has no records".into()));
        }
        if let Some(i) = bundle.records.iter().position(|r| !crate::seal::looks_sealed(r)) {
            return Err(BundleError::Malformed(format!("records[{i}] is not an age-encrypted record")));
        }
        Ok(bundle)
    }

    /// The bundle as JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// Fisher-Yates with a cryptographic random source (the order must not hint at who came when).
fn shuffle<T>(items: &mut [T], rng: &mut impl RngCore) {
    for i in (1..items.len()).rev() {
        // Rejection sampling keeps every position equally likely.
        let bound = (i + 1) as u64;
        let zone = u64::MAX - u64::MAX % bound;
        let j = loop {
            let x = rng.next_u64();
            if x < zone {
                break (x % bound) as usize;
            }
        };
        items.swap(i, j);
    }
}

/// What opening bundles found: every readable record, and every record that failed, with why.
#[derive(Debug, Default)]
pub struct Opened {
    /// Records that were read, without duplicates.
    pub responses: Vec<Response>,
    /// Records that could not be read: the bundle's name, the record's position, and why.
    pub failures: Vec<(String, usize, OpenError)>,
    /// How many records were dropped because the same response id was already read.
    pub duplicates: usize,
    /// Records that were read but whose answers do not fit the survey: their response id and
    /// why. They are listed, never counted (see `set_apart_misfits`).
    pub misfits: Vec<(String, Misfit)>,
    /// Response ids read so far.
    seen: HashSet<String>,
}

impl Opened {
    /// Room for `records` records, so that counting them in does not grow the tables again and
    /// again.
    pub fn with_capacity(records: usize) -> Opened {
        Opened { responses: Vec::with_capacity(records), seen: HashSet::with_capacity(records), ..Opened::default() }
    }

    /// Adds the outcome of opening record `index` of bundle `name` (for callers that open
    /// records themselves, e.g. on several threads): a response id already read is a duplicate.
    pub fn add_result(&mut self, name: &str, index: usize, result: Result<Response, OpenError>) {
        match result {
            Ok(response) => {
                if self.seen.insert(response.response.clone()) {
                    self.responses.push(response);
                } else {
                    self.duplicates += 1;
                }
            }
            Err(e) => self.failures.push((name.to_string(), index, e)),
        }
    }

    /// Like [`Opened::add_result`], for a response whose fit to the survey was already checked
    /// (on another thread): one that does not fit is set apart as [`Opened::set_apart_misfits`]
    /// would, after duplicates are dropped.
    pub fn add_checked(&mut self, name: &str, index: usize, result: Result<(Response, Result<(), Misfit>), OpenError>) {
        match result {
            Ok((response, fit)) => {
                if !self.seen.insert(response.response.clone()) {
                    self.duplicates += 1;
                } else if let Err(why) = fit {
                    self.misfits.push((response.response, why));
                } else {
                    self.responses.push(response);
                }
            }
            Err(e) => self.failures.push((name.to_string(), index, e)),
        }
    }

    /// Moves the records whose answers do not fit `survey` out of `responses` into `misfits`.
    pub fn set_apart_misfits(&mut self, survey: &Survey) {
        let (fitting, misfits): (Vec<Response>, Vec<Response>) =
            std::mem::take(&mut self.responses).into_iter().partition(|r| r.fits(survey).is_ok());
        self.responses = fitting;
        for response in misfits {
            if let Err(why) = response.fits(survey) {
                self.misfits.push((response.response, why));
            }
        }
    }

    /// Opens every record of a bundle with `key`, adding them to what was read before.
    /// Records of another survey than `survey` (if given), or of another survey than the bundle
    /// says, are failures; a response id that was already read counts as a duplicate.
    #[cfg(feature = "open")]
    pub fn add_bundle(&mut self, name: &str, bundle: &Bundle, key: &OwnerKey, survey: Option<&str>) {
        let expected = survey.unwrap_or(&bundle.survey);
        for (i, record) in bundle.records.iter().enumerate() {
            self.add_result(name, i, open_record(record.as_bytes(), key, Some(expected)));
        }
    }
}
