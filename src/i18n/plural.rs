//! Which plural form a whole number takes in each language the app speaks: the Unicode CLDR
//! plural rules for integers. The text files name the forms (`{n, plural, one {...} other
//! {...}}`); `build.rs` makes each text choose by these rules.

/// A plural form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Plural {
    Zero,
    One,
    Two,
    Few,
    Many,
    Other,
}

/// The plural form of the whole number `n` in the language `lang` (a primary language tag).
pub fn category(lang: &str, n: u64) -> Plural {
    let (n10, n100) = (n % 10, n % 100);
    match lang {
        "ar" => match n {
            0 => Plural::Zero,
            1 => Plural::One,
            2 => Plural::Two,
            _ if (3..=10).contains(&n100) => Plural::Few,
            _ if (11..=99).contains(&n100) => Plural::Many,
            _ => Plural::Other,
        },
        "pl" => match n {
            1 => Plural::One,
            _ if (2..=4).contains(&n10) && !(12..=14).contains(&n100) => Plural::Few,
            _ => Plural::Many,
        },
        "uk" | "ru" => match n {
            _ if n10 == 1 && n100 != 11 => Plural::One,
            _ if (2..=4).contains(&n10) && !(12..=14).contains(&n100) => Plural::Few,
            _ => Plural::Many,
        },
        // Northern Sámi has a dual.
        "se" => match n {
            1 => Plural::One,
            2 => Plural::Two,
            _ => Plural::Other,
        },
        // Persian and Dari, and Tigrinya: 0 and 1 take the singular.
        "fa" | "prs" | "ti" => match n {
            0 | 1 => Plural::One,
            _ => Plural::Other,
        },
        // Bokmål, nynorsk, Swedish, English, Somali and the rest: one and other.
        _ => match n {
            1 => Plural::One,
            _ => Plural::Other,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_follow_each_languages_rules() {
        let forms = |lang: &str, ns: &[u64]| ns.iter().map(|&n| category(lang, n)).collect::<Vec<_>>();
        use Plural::*;
        assert_eq!(forms("nb", &[0, 1, 2, 21]), [Other, One, Other, Other]);
        assert_eq!(
            forms("ar", &[0, 1, 2, 3, 10, 11, 99, 100, 102, 103]),
            [Zero, One, Two, Few, Few, Many, Many, Other, Other, Few]
        );
        assert_eq!(forms("pl", &[1, 2, 4, 5, 12, 22, 25, 101]), [One, Few, Few, Many, Many, Few, Many, Many]);
        assert_eq!(forms("uk", &[1, 2, 5, 11, 21, 22, 111]), [One, Few, Many, Many, One, Few, Many]);
        assert_eq!(forms("se", &[1, 2, 3]), [One, Two, Other]);
        assert_eq!(forms("fa", &[0, 1, 2]), [One, One, Other]);
    }
}
