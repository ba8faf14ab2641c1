//! Opening records with the owner's key, its X25519 key agreements made as fast as this machine
//! allows: they are three quarters of the work of opening a record.
//!
//! On Unix on x86-64 and arm64, aws-lc makes them (s2n-bignum's formally verified, constant-time
//! assembly), in about half the time of x25519-dalek's portable ladder on the same core. Elsewhere
//! the portable ladder in `unseal` makes them. Either way `unseal` does everything else, with the
//! same checks and the same errors.

use lytt_core::open::{OpenError, OwnerKey};
use lytt_core::unseal;
use lytt_core::Response;

/// The owner's key, ready to open many records on many threads.
pub struct Opener<'a> {
    key: &'a OwnerKey,
    #[cfg(all(unix, any(target_arch = "x86_64", target_arch = "aarch64")))]
    fast: Option<aws_lc_rs::agreement::PrivateKey>,
}

impl<'a> Opener<'a> {
    pub fn new(key: &'a OwnerKey) -> Opener<'a> {
        Opener {
            key,
            // aws-lc takes any 32 bytes as an X25519 secret; should it ever refuse one, the
            // portable ladder opens the records instead.
            #[cfg(all(unix, any(target_arch = "x86_64", target_arch = "aarch64")))]
            fast: aws_lc_rs::agreement::PrivateKey::from_private_key(
                &aws_lc_rs::agreement::X25519,
                key.unsealing().secret(),
            )
            .ok(),
        }
    }

    /// The shared secret of the owner's key with a stanza's share, or `None` where there is none
    /// (a share of low order, whose agreement is all zeros).
    pub fn agree(&self, share: &[u8; 32]) -> Option<[u8; 32]> {
        #[cfg(all(unix, any(target_arch = "x86_64", target_arch = "aarch64")))]
        if let Some(fast) = &self.fast {
            let peer = aws_lc_rs::agreement::UnparsedPublicKey::new(&aws_lc_rs::agreement::X25519, share);
            return aws_lc_rs::agreement::agree(fast, peer, (), |shared| shared.try_into().map_err(|_| ())).ok();
        }
        Some(x25519_dalek::x25519(*self.key.unsealing().secret(), *share)).filter(|shared| *shared != [0; 32])
    }

    /// Opens a sealed record and reads the response in it; with `survey`, a record of another
    /// survey is an error.
    pub fn open_record(&self, sealed: &[u8], survey: Option<&str>) -> Result<Response, OpenError> {
        let plaintext =
            unseal::open_plaintext_agreeing(sealed, self.key.unsealing().public(), &mut |share| self.agree(share))?;
        unseal::read_record(&plaintext, survey)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand_core::{OsRng, RngCore};

    /// The points of small order on Curve25519 and its twist (as u-coordinates), whose agreement
    /// with any secret is all zeros, and a few values past the field's prime.
    const SPECIAL_SHARES: [[u8; 32]; 5] = {
        let mut p = [0xff; 32];
        p[0] = 0xed;
        p[31] = 0x7f;
        let mut p_plus_one = p;
        p_plus_one[0] = 0xee;
        let mut one = [0; 32];
        one[0] = 1;
        [[0; 32], one, p, p_plus_one, [0xff; 32]]
    };

    fn portable(key: &OwnerKey, share: &[u8; 32]) -> Option<[u8; 32]> {
        Some(x25519_dalek::x25519(*key.unsealing().secret(), *share)).filter(|shared| *shared != [0; 32])
    }

    #[test]
    fn agrees_with_the_portable_ladder_on_special_shares() {
        let key = OwnerKey::generate();
        let opener = Opener::new(&key);
        #[cfg(all(unix, any(target_arch = "x86_64", target_arch = "aarch64")))]
        assert!(opener.fast.is_some(), "aws-lc makes the agreements here");
        for share in SPECIAL_SHARES {
            assert_eq!(opener.agree(&share), portable(&key, &share), "share {share:02x?}");
        }
        assert_eq!(opener.agree(&[0; 32]), None);
    }

    #[test]
    fn opens_what_the_app_seals_and_refuses_what_it_should() {
        let key = OwnerKey::generate();
        let other = OwnerKey::generate();
        let plaintext = serde_json::to_vec(&serde_json::json!({
            "format": lytt_core::response::RESPONSE_FORMAT, "survey": "s", "survey_version": "1",
            "response": "r1", "language": "nb", "mode": "personal", "completed": "2026-W48",
            "status": "complete", "answers": {}
        }))
        .unwrap();
        let record = lytt_core::seal::seal_with(&plaintext, &key.recipient(), &mut OsRng).unwrap();
        let opened = Opener::new(&key).open_record(record.as_bytes(), Some("s")).unwrap();
        assert_eq!(opened.response, "r1");
        assert_eq!(Opener::new(&other).open_record(record.as_bytes(), Some("s")).unwrap_err(), OpenError::WrongKey);
        assert!(matches!(
            Opener::new(&key).open_record(record.as_bytes(), Some("t")),
            Err(OpenError::OtherSurvey { .. })
        ));
    }

    #[test]
    fn agrees_with_the_portable_ladder_on_random_keys_and_shares() {
        for _ in 0..2000 {
            let key = OwnerKey::generate();
            let mut share = [0u8; 32];
            OsRng.fill_bytes(&mut share);
            assert_eq!(Opener::new(&key).agree(&share), portable(&key, &share), "share {share:02x?}");
        }
    }
}
