//! The survey owner's age X25519 recipient (`age1...`, Bech32).

const CHARSET: &[u8; 32] = b"qpzry9x8gf2tvdw0s3jn54khce6mua7l";

/// Checks that `recipient` is a Bech32 `age1...` string holding a 32-byte X25519 key.
/// Returns the key bytes, or a short reason.
pub fn check_recipient(recipient: &str) -> Result<[u8; 32], &'static str> {
    let lower = recipient.to_ascii_lowercase();
    if lower != recipient && recipient.to_ascii_uppercase() != recipient {
        return Err("it mixes upper and lower case");
    }
    let Some((hrp, data)) = lower.rsplit_once('1') else {
        return Err("it does not start with \"age1\"");
    };
    if hrp != "age" {
        return Err("it does not start with \"age1\"");
    }
    if data.bytes().any(|c| !CHARSET.contains(&c)) {
        return Err("it has a character that Bech32 does not use");
    }
    if data.len() != 58 {
        return Err("it has the wrong length");
    }
    decode_bech32("age", &lower).ok_or("its checksum is wrong (a character was changed or lost)")
}

/// Decodes a Bech32 string of 32 bytes with the human-readable part `hrp` (in either case,
/// not mixed), as age writes keys.
pub fn decode_bech32(hrp: &str, text: &str) -> Option<[u8; 32]> {
    let lower = text.to_ascii_lowercase();
    if lower != text && text.to_ascii_uppercase() != text {
        return None;
    }
    let data = lower.strip_prefix(hrp)?.strip_prefix('1')?;
    let values: Vec<u8> =
        data.bytes().map(|c| CHARSET.iter().position(|&x| x == c).map(|v| v as u8)).collect::<Option<_>>()?;
    if values.len() != 58 || polymod(hrp, &values) != 1 {
        return None;
    }
    let mut bytes = Vec::with_capacity(32);
    let (mut acc, mut bits) = (0u32, 0u32);
    for &v in &values[..values.len() - 6] {
        acc = (acc << 5) | u32::from(v);
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            bytes.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    if bits >= 5 || acc != 0 {
        return None;
    }
    bytes.try_into().ok()
}

/// Encodes bytes as Bech32 (lowercase) with the given human-readable part.
pub fn encode_bech32(hrp: &str, data: &[u8]) -> String {
    let mut values = Vec::with_capacity(data.len() * 8 / 5 + 7);
    let (mut acc, mut bits) = (0u32, 0u32);
    for &byte in data {
        acc = (acc << 8) | u32::from(byte);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            values.push(((acc >> bits) & 31) as u8);
        }
        acc &= (1 << bits) - 1;
    }
    if bits > 0 {
        values.push(((acc << (5 - bits)) & 31) as u8);
    }
    let mut checked = values.clone();
    checked.extend([0u8; 6]);
    let checksum = polymod(hrp, &checked) ^ 1;
    values.extend((0..6).map(|i| ((checksum >> (5 * (5 - i))) & 31) as u8));
    let mut text = String::with_capacity(hrp.len() + 1 + values.len());
    text.push_str(hrp);
    text.push('1');
    text.extend(values.iter().map(|&v| CHARSET[v as usize] as char));
    text
}

fn polymod(hrp: &str, values: &[u8]) -> u32 {
    const GEN: [u32; 5] = [0x3b6a_57b2, 0x2650_8e6d, 0x1ea1_19fa, 0x3d42_33dd, 0x2a14_62b3];
    let mut chk: u32 = 1;
    let expanded = hrp.bytes().map(|b| b >> 5).chain([0]).chain(hrp.bytes().map(|b| b & 31));
    for v in expanded.chain(values.iter().copied()) {
        let top = chk >> 25;
        chk = ((chk & 0x01ff_ffff) << 5) ^ u32::from(v);
        for (i, g) in GEN.iter().enumerate() {
            if (top >> i) & 1 == 1 {
                chk ^= g;
            }
        }
    }
    chk
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEST_RECIPIENT: &str = "age1ukw9jlfcvkumjm3cqrnqxpsk6974xs6tv27zmq0sze7zue2gwqzq4kc5eq";

    #[test]
    fn accepts_the_test_recipient() {
        assert!(check_recipient(TEST_RECIPIENT).is_ok());
        assert!(check_recipient(&TEST_RECIPIENT.to_ascii_uppercase()).is_ok());
    }

    #[test]
    fn encoding_round_trips_the_test_recipient() {
        let key = check_recipient(TEST_RECIPIENT).unwrap();
        assert_eq!(encode_bech32("age", &key), TEST_RECIPIENT);
    }

    #[test]
    fn rejects_a_changed_character_and_other_strings() {
        let mut changed = TEST_RECIPIENT.to_string();
        changed.replace_range(10..11, "q");
        assert_ne!(changed, TEST_RECIPIENT);
        assert!(check_recipient(&changed).is_err());
        assert!(check_recipient("age1").is_err());
        assert!(check_recipient("AGE-SECRET-KEY-1").is_err());
        assert!(check_recipient(&TEST_RECIPIENT[..TEST_RECIPIENT.len() - 1]).is_err());
        assert!(check_recipient("").is_err());
    }
}
