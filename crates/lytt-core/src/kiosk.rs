//! The rules behind the event kiosk and the shared-computer idle reset, as plain functions of
//! time: the staff PIN (stored only as a salted slow hash, with a lock after wrong tries) and the
//! idle clock ("Are you still there?" and then a fresh start).
//!
//! A lock is a wait still to be served, not a time of day: it shrinks only by time that the
//! kiosk itself counted on a clock that only goes forward ([`StaffPin::wait`]), so setting the
//! tablet's clock forward does not shorten it, and a reload keeps what is left of it.

use base64::engine::general_purpose::STANDARD_NO_PAD;
use base64::Engine;
use rand_core::{CryptoRng, RngCore};
use serde::{Deserialize, Serialize};

use crate::pause::pbkdf2;

/// PBKDF2 rounds for the PIN.
pub const PIN_ROUNDS: u32 = 100_000;
/// Wrong PINs in a row that lock the staff door.
pub const PIN_TRIES: u32 = 5;
/// The first lock, in seconds; each further lock doubles, up to [`MAX_LOCK_SECONDS`].
pub const FIRST_LOCK_SECONDS: u64 = 60;
/// The longest lock.
pub const MAX_LOCK_SECONDS: u64 = 3600;

/// The shortest staff PIN: a million PINs, against five tries a lock.
pub const PIN_MIN_DIGITS: usize = 6;
/// The longest staff PIN.
pub const PIN_MAX_DIGITS: usize = 12;

/// Why a PIN cannot be set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum PinProblem {
    /// Fewer than [`PIN_MIN_DIGITS`] or more than [`PIN_MAX_DIGITS`] characters, or not only
    /// digits.
    NotSixToTwelveDigits,
}

/// Checks a new PIN: 6 to 12 digits, digits only (a number pad on every tablet).
pub fn check_new_pin(pin: &str) -> Result<(), PinProblem> {
    if (PIN_MIN_DIGITS..=PIN_MAX_DIGITS).contains(&pin.len()) && pin.bytes().all(|b| b.is_ascii_digit()) {
        Ok(())
    } else {
        Err(PinProblem::NotSixToTwelveDigits)
    }
}

/// The stored form of the staff PIN: a salted PBKDF2-HMAC-SHA-256 hash and the lock state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffPin {
    salt: String,
    hash: String,
    rounds: u32,
    /// Wrong tries since the last right one.
    #[serde(default)]
    pub wrong_tries: u32,
    /// Locks so far (each doubles the next).
    #[serde(default)]
    pub locks: u32,
    /// Milliseconds of lock still to wait before a PIN is accepted again.
    #[serde(default)]
    pub lock_left_ms: u64,
}

/// What trying a PIN gave.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PinCheck {
    /// Right: the staff door opens.
    Right,
    /// Wrong; this many tries are left before a lock.
    Wrong { tries_left: u32 },
    /// Locked for this many more milliseconds of waiting; the PIN was not even checked.
    Locked { left_ms: u64 },
}

impl StaffPin {
    /// Hashes a new PIN (check it with [`check_new_pin`] first).
    pub fn new(pin: &str, rng: &mut (impl RngCore + CryptoRng)) -> StaffPin {
        Self::with_rounds(pin, rng, PIN_ROUNDS)
    }

    fn with_rounds(pin: &str, rng: &mut (impl RngCore + CryptoRng), rounds: u32) -> StaffPin {
        let mut salt = [0u8; 16];
        rng.fill_bytes(&mut salt);
        let hash = pbkdf2(pin.as_bytes(), &salt, rounds);
        StaffPin {
            salt: STANDARD_NO_PAD.encode(salt),
            hash: STANDARD_NO_PAD.encode(hash),
            rounds,
            wrong_tries: 0,
            locks: 0,
            lock_left_ms: 0,
        }
    }

    /// Whether a lock is still to be waited out.
    pub fn is_locked(&self) -> bool {
        self.lock_left_ms > 0
    }

    /// Counts `elapsed_ms` of waiting, measured on a clock that only goes forward, off the lock.
    pub fn wait(&mut self, elapsed_ms: u64) {
        self.lock_left_ms = self.lock_left_ms.saturating_sub(elapsed_ms);
    }

    /// Tries a PIN, updating the lock state.
    pub fn try_pin(&mut self, pin: &str) -> PinCheck {
        if self.is_locked() {
            return PinCheck::Locked { left_ms: self.lock_left_ms };
        }
        let salt = STANDARD_NO_PAD.decode(&self.salt).unwrap_or_default();
        let hash = STANDARD_NO_PAD.encode(pbkdf2(pin.as_bytes(), &salt, self.rounds.max(1)));
        // Both sides are hashes of fixed length: comparing them leaks nothing about the PIN.
        if hash == self.hash {
            self.wrong_tries = 0;
            self.locks = 0;
            return PinCheck::Right;
        }
        self.wrong_tries += 1;
        if self.wrong_tries >= PIN_TRIES {
            let seconds = FIRST_LOCK_SECONDS.saturating_mul(1 << self.locks.min(16)).min(MAX_LOCK_SECONDS);
            self.locks += 1;
            self.wrong_tries = 0;
            self.lock_left_ms = seconds * 1000;
            return PinCheck::Locked { left_ms: self.lock_left_ms };
        }
        PinCheck::Wrong { tries_left: PIN_TRIES - self.wrong_tries }
    }
}

/// A way of using a device that stays chosen across reloads, until it is left on purpose.
///
/// Stored as `{"mode": "kiosk" | "interview", "survey": …, …}`. It is read through
/// [`StoredDeviceMode`] rather than as serde's internally tagged enum, which would buffer the
/// whole object first: that machinery would be in the web app's first download, where the
/// mode is read at every start.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "mode", rename_all = "lowercase", try_from = "StoredDeviceMode")]
pub enum DeviceMode {
    /// A locked event kiosk for one survey; only the staff PIN opens the staff screen.
    Kiosk {
        /// The survey every visitor answers.
        survey: String,
        /// The staff PIN's hash and lock state.
        pin: StaffPin,
        /// The language staff set it up in: each visitor starts in it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        language: Option<String>,
    },
    /// A peer interviewer running interviews of one survey.
    Interview {
        /// The survey the interviews follow.
        survey: String,
    },
}

/// [`DeviceMode`] as stored, every field of every mode in one object.
#[derive(Deserialize)]
struct StoredDeviceMode {
    mode: String,
    survey: String,
    pin: Option<StaffPin>,
    #[serde(default)]
    language: Option<String>,
}

impl TryFrom<StoredDeviceMode> for DeviceMode {
    type Error = String;

    fn try_from(stored: StoredDeviceMode) -> Result<Self, Self::Error> {
        match (stored.mode.as_str(), stored.pin) {
            ("kiosk", Some(pin)) => Ok(DeviceMode::Kiosk { survey: stored.survey, pin, language: stored.language }),
            ("kiosk", None) => Err("a kiosk needs its staff PIN".into()),
            ("interview", _) => Ok(DeviceMode::Interview { survey: stored.survey }),
            (other, _) => Err(format!("unknown mode \"{other}\"")),
        }
    }
}

impl DeviceMode {
    /// The survey this mode runs.
    pub fn survey(&self) -> &str {
        match self {
            DeviceMode::Kiosk { survey, .. } | DeviceMode::Interview { survey } => survey,
        }
    }

    /// The kind of device this mode makes of the one it runs on.
    pub fn kind(&self) -> crate::DeviceKind {
        match self {
            DeviceMode::Kiosk { .. } => crate::DeviceKind::Kiosk,
            DeviceMode::Interview { .. } => crate::DeviceKind::Interview,
        }
    }
}

/// Where an unattended screen stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdlePhase {
    /// Someone is using it.
    Active,
    /// "Are you still there?", with this many whole seconds left to answer.
    Warning { seconds_left: u64 },
    /// Nobody answered: act (discard, or seal as partial) and start fresh.
    Expired,
}

/// The idle clock: `idle_seconds` without input, then `warning_seconds` of warning.
pub fn idle_phase(last_input_ms: u64, now_ms: u64, idle_seconds: u64, warning_seconds: u64) -> IdlePhase {
    let quiet = now_ms.saturating_sub(last_input_ms);
    let idle = idle_seconds.saturating_mul(1000);
    let end = idle.saturating_add(warning_seconds.saturating_mul(1000));
    if quiet < idle {
        IdlePhase::Active
    } else if quiet < end {
        IdlePhase::Warning { seconds_left: (end - quiet).div_ceil(1000) }
    } else {
        IdlePhase::Expired
    }
}

/// Whole seconds the kiosk's thank-you screen has left, `thank_you_seconds` after it came up at
/// `shown_ms` (the page's clock); zero when the next visitor's welcome is due. Counted from the
/// moment it came up, not in ticks of a timer that runs all day: a tick can come any time after
/// the screen appears, and one second of thanks must not be a few milliseconds.
pub fn thanks_seconds_left(shown_ms: f64, now_ms: f64, thank_you_seconds: u32) -> u32 {
    let left_ms = f64::from(thank_you_seconds) * 1000.0 - (now_ms - shown_ms).max(0.0);
    if left_ms <= 0.0 {
        0
    } else {
        // At most `thank_you_seconds`, so the cast cannot overflow.
        (left_ms / 1000.0).ceil() as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand_core::OsRng;

    #[test]
    fn the_thank_you_screen_stays_its_full_time_from_when_it_came_up() {
        assert_eq!(thanks_seconds_left(5_000.0, 5_000.0, 1), 1);
        assert_eq!(thanks_seconds_left(5_000.0, 5_999.0, 1), 1);
        assert_eq!(thanks_seconds_left(5_000.0, 6_000.0, 1), 0);
        assert_eq!(thanks_seconds_left(5_000.0, 5_001.0, 3), 3);
        assert_eq!(thanks_seconds_left(5_000.0, 6_500.0, 3), 2);
        assert_eq!(thanks_seconds_left(5_000.0, 9_000.0, 3), 0);
        // A clock that seems to go back (it does not, but nothing may break if it did).
        assert_eq!(thanks_seconds_left(5_000.0, 1_000.0, 2), 2);
        assert_eq!(thanks_seconds_left(0.0, 0.0, u32::MAX), u32::MAX);
    }

    #[test]
    fn pins_are_six_to_twelve_digits() {
        assert_eq!(check_new_pin("123456"), Ok(()));
        assert_eq!(check_new_pin("000000000000"), Ok(()));
        for bad in ["1234", "12345", "12a456", "", "１２３４５６", "1234567890123", "123 456"] {
            assert_eq!(check_new_pin(bad), Err(PinProblem::NotSixToTwelveDigits), "{bad:?}");
        }
    }

    #[test]
    fn the_pin_is_stored_only_as_a_salted_hash() {
        let a = StaffPin::with_rounds("4711", &mut OsRng, 10);
        let b = StaffPin::with_rounds("4711", &mut OsRng, 10);
        let stored = serde_json::to_string(&a).unwrap();
        assert!(!stored.contains("4711"), "{stored}");
        assert_ne!(a.hash, b.hash, "salted: the same PIN gives different hashes");
    }

    #[test]
    fn wrong_pins_lock_for_longer_each_time_and_a_right_one_opens() {
        let mut pin = StaffPin::with_rounds("471100", &mut OsRng, 10);
        assert_eq!(pin.try_pin("471100"), PinCheck::Right);
        for left in (1..PIN_TRIES).rev() {
            assert_eq!(pin.try_pin("000000"), PinCheck::Wrong { tries_left: left });
        }
        assert_eq!(pin.try_pin("000000"), PinCheck::Locked { left_ms: 60_000 });
        // Locked: even the right PIN is not checked, until the whole wait has been counted.
        pin.wait(59_999);
        assert_eq!(pin.try_pin("471100"), PinCheck::Locked { left_ms: 1 });
        pin.wait(1);
        for _ in 0..PIN_TRIES - 1 {
            pin.try_pin("000000");
        }
        assert_eq!(pin.try_pin("000000"), PinCheck::Locked { left_ms: 120_000 }, "the second lock is twice as long");
        pin.wait(u64::MAX);
        assert_eq!(pin.try_pin("471100"), PinCheck::Right);
        assert_eq!((pin.wrong_tries, pin.locks), (0, 0));
        // A lock survives being stored and read back (a reload does not unlock it).
        for _ in 0..PIN_TRIES {
            pin.try_pin("1");
        }
        let mut reloaded: StaffPin = serde_json::from_str(&serde_json::to_string(&pin).unwrap()).unwrap();
        assert_eq!(reloaded.try_pin("471100"), PinCheck::Locked { left_ms: 60_000 });
    }

    #[test]
    fn the_longest_lock_is_an_hour() {
        let mut pin = StaffPin::with_rounds("471100", &mut OsRng, 10);
        for _ in 0..40 {
            for _ in 0..PIN_TRIES {
                pin.try_pin("000000");
            }
            assert!(pin.lock_left_ms <= MAX_LOCK_SECONDS * 1000);
            pin.wait(pin.lock_left_ms);
        }
        for _ in 0..PIN_TRIES {
            pin.try_pin("000000");
        }
        assert_eq!(pin.lock_left_ms, MAX_LOCK_SECONDS * 1000);
    }

    #[test]
    fn a_stored_kiosk_keeps_its_survey_and_lock_but_not_the_pin() {
        let mut pin = StaffPin::with_rounds("471100", &mut OsRng, 10);
        for _ in 0..PIN_TRIES {
            pin.try_pin("000000");
        }
        let kiosk = DeviceMode::Kiosk { survey: "hvaerviktig".into(), pin, language: None };
        let stored = serde_json::to_string(&kiosk).unwrap();
        assert!(stored.starts_with(r#"{"mode":"kiosk","survey":"hvaerviktig""#), "{stored}");
        assert!(!stored.contains("471100"), "{stored}");
        let back: DeviceMode = serde_json::from_str(&stored).unwrap();
        assert_eq!(back, kiosk);
        let DeviceMode::Kiosk { mut pin, .. } = back else { unreachable!() };
        assert_eq!(pin.try_pin("471100"), PinCheck::Locked { left_ms: 60_000 });

        let interview: DeviceMode = serde_json::from_str(r#"{"mode":"interview","survey":"bsb"}"#).unwrap();
        assert_eq!(interview.survey(), "bsb");
        assert!(serde_json::from_str::<DeviceMode>(r#"{"mode":"other","survey":"x"}"#).is_err());
        assert!(serde_json::from_str::<DeviceMode>(r#"{"mode":"kiosk","survey":"x"}"#).is_err());
        assert!(serde_json::from_str::<DeviceMode>(r#"{"survey":"x"}"#).is_err());
        // Fields in any order, and a language kept.
        let stored = serde_json::to_string(&DeviceMode::Kiosk {
            survey: "x".into(),
            pin: StaffPin::with_rounds("123456", &mut OsRng, 10),
            language: Some("sv".into()),
        })
        .unwrap();
        let value: serde_json::Value = serde_json::from_str(&stored).unwrap();
        let fields: Vec<String> = value
            .as_object()
            .unwrap()
            .iter()
            .rev()
            .map(|(key, value)| format!("{}:{value}", serde_json::Value::from(key.as_str())))
            .collect();
        let reversed = format!("{{{}}}", fields.join(","));
        assert!(reversed.starts_with(r#"{"survey""#), "{reversed}");
        let back: DeviceMode = serde_json::from_str(&reversed).unwrap();
        assert_eq!(serde_json::to_string(&back).unwrap(), stored);
    }

    #[test]
    fn the_default_rounds_check_a_pin() {
        let mut pin = StaffPin::new("123456", &mut OsRng);
        assert_eq!(pin.try_pin("123456"), PinCheck::Right);
    }

    #[test]
    fn the_idle_clock_warns_then_expires() {
        assert_eq!(idle_phase(0, 59_999, 60, 20), IdlePhase::Active);
        assert_eq!(idle_phase(0, 60_000, 60, 20), IdlePhase::Warning { seconds_left: 20 });
        assert_eq!(idle_phase(0, 60_001, 60, 20), IdlePhase::Warning { seconds_left: 20 });
        assert_eq!(idle_phase(0, 79_001, 60, 20), IdlePhase::Warning { seconds_left: 1 });
        assert_eq!(idle_phase(0, 80_000, 60, 20), IdlePhase::Expired);
        // Input resets it; a clock that went backwards counts as input just now.
        assert_eq!(idle_phase(70_000, 80_000, 60, 20), IdlePhase::Active);
        assert_eq!(idle_phase(90_000, 80_000, 60, 20), IdlePhase::Active);
        assert_eq!(idle_phase(0, 1_000_000, u64::MAX, u64::MAX), IdlePhase::Active, "no overflow");
    }
}
