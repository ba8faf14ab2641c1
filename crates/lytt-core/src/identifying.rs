//! Details in free text that can identify a person, found for the owner to check before an
//! answer is read aloud, quoted or exported: names, phone numbers, e-mail and street addresses,
//! postcodes with their place, Norwegian and Swedish identity numbers (with valid check digits),
//! exact dates, ages, and the staff and workplaces the owner lists. It flags what *looks*
//! identifying; the owner decides. `tests/fixtures/identifying.txt` holds answers with the
//! details marked, and `bench/identifying.sh` prints how many are found and how many false
//! alarms there are (docs/performance.md).
//!
//! Plain rules over the text, no outside service: everything stays on the owner's machine.

use serde::{Deserialize, Serialize};

/// What kind of detail a flagged span looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DetailKind {
    Name,
    Phone,
    Email,
    Address,
    Postcode,
    /// A Norwegian fødselsnummer or D-nummer, or a Swedish personnummer or samordningsnummer.
    NationalId,
    Date,
    Age,
    /// A staff member or workplace on the owner's list.
    Listed,
    /// Anything else the owner chose to redact.
    Other,
}

impl DetailKind {
    /// The kinds [`flags`] finds in the text itself (the owner's list aside).
    pub const FOUND_IN_TEXT: [DetailKind; 8] = [
        DetailKind::Name,
        DetailKind::Phone,
        DetailKind::Email,
        DetailKind::Address,
        DetailKind::Postcode,
        DetailKind::NationalId,
        DetailKind::Date,
        DetailKind::Age,
    ];

    /// The word a redaction of this kind shows, in brackets, in `language` (bokmål, nynorsk,
    /// Swedish; English otherwise).
    pub fn word(self, language: &str) -> &'static str {
        let words: [&str; 4] = match self {
            DetailKind::Name => ["navn", "namn", "namn", "name"],
            DetailKind::Phone => ["telefon", "telefon", "telefon", "phone"],
            DetailKind::Email => ["e-post", "e-post", "e-post", "e-mail"],
            DetailKind::Address => ["adresse", "adresse", "adress", "address"],
            DetailKind::Postcode => ["postnummer", "postnummer", "postnummer", "postcode"],
            DetailKind::NationalId => ["fødselsnummer", "fødselsnummer", "personnummer", "identity number"],
            DetailKind::Date => ["dato", "dato", "datum", "date"],
            DetailKind::Age => ["alder", "alder", "ålder", "age"],
            DetailKind::Listed => ["på lista", "på lista", "på listan", "listed"],
            DetailKind::Other => ["opplysning", "opplysning", "uppgift", "detail"],
        };
        match language.split('-').next().unwrap_or_default() {
            "nb" | "no" => words[0],
            "nn" => words[1],
            "sv" => words[2],
            _ => words[3],
        }
    }

    /// The name the test set and the benchmark use.
    pub fn tag(self) -> &'static str {
        match self {
            DetailKind::Name => "name",
            DetailKind::Phone => "phone",
            DetailKind::Email => "email",
            DetailKind::Address => "address",
            DetailKind::Postcode => "postcode",
            DetailKind::NationalId => "id",
            DetailKind::Date => "date",
            DetailKind::Age => "age",
            DetailKind::Listed => "listed",
            DetailKind::Other => "other",
        }
    }
}

/// A span of the text (byte offsets, on character boundaries) that looks identifying.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Flag {
    pub start: usize,
    pub end: usize,
    pub kind: DetailKind,
}

/// Common first names in Norway and Sweden, and of people who came there recently (lowercase).
/// Names that are also everyday words (per, dag, tom) are in [`EVERYDAY`] and count only next
/// to another name or after a naming phrase.
const FIRST_NAMES: &[&str] = &[
    "abdi",
    "abdullahi",
    "agnes",
    "agnieszka",
    "ahmad",
    "ahmed",
    "aina",
    "aisha",
    "aksel",
    "alexander",
    "alf",
    "ali",
    "alice",
    "alma",
    "amalie",
    "amanda",
    "amina",
    "anastasia",
    "anders",
    "andreas",
    "andrzej",
    "anette",
    "anita",
    "ann",
    "anna",
    "anne",
    "annika",
    "anton",
    "arild",
    "arne",
    "arvid",
    "asbjørn",
    "astrid",
    "atle",
    "aud",
    "audun",
    "bengt",
    "bente",
    "berit",
    "bernt",
    "birger",
    "birgitta",
    "björn",
    "bjørn",
    "bo",
    "bodil",
    "brit",
    "britt",
    "bård",
    "camilla",
    "carina",
    "carl",
    "caroline",
    "cecilie",
    "charlotte",
    "christian",
    "dag",
    "dagny",
    "daniel",
    "david",
    "dawit",
    "ebba",
    "edith",
    "egil",
    "einar",
    "eirik",
    "eivind",
    "eli",
    "elias",
    "elin",
    "elisabeth",
    "elise",
    "ella",
    "ellen",
    "elsa",
    "emelie",
    "emil",
    "emilie",
    "emma",
    "endre",
    "erik",
    "erna",
    "espen",
    "ester",
    "eva",
    "even",
    "farid",
    "fatima",
    "fatuma",
    "filip",
    "finn",
    "frank",
    "fredrik",
    "freja",
    "frida",
    "frode",
    "frøya",
    "geir",
    "gerd",
    "greta",
    "grete",
    "gro",
    "gudrun",
    "gunhild",
    "gunilla",
    "gunn",
    "gunnar",
    "gustav",
    "göran",
    "hallvard",
    "halvor",
    "hampus",
    "hanna",
    "hanne",
    "hans",
    "harald",
    "hassan",
    "hedda",
    "hege",
    "heidi",
    "helen",
    "helena",
    "helene",
    "helge",
    "henrik",
    "herman",
    "hilde",
    "hodan",
    "hussein",
    "ibrahim",
    "ida",
    "ina",
    "ingeborg",
    "ingela",
    "inger",
    "ingrid",
    "ingvild",
    "irene",
    "isak",
    "ivar",
    "jakob",
    "jan",
    "jenny",
    "jens",
    "jesper",
    "jessica",
    "joakim",
    "johan",
    "johanna",
    "johannes",
    "jon",
    "jonas",
    "jonathan",
    "josefine",
    "julie",
    "jørgen",
    "karen",
    "kari",
    "karin",
    "karl",
    "karoline",
    "kasper",
    "katarzyna",
    "kenneth",
    "kent",
    "khalid",
    "kim",
    "kirsten",
    "kjell",
    "kjersti",
    "kjetil",
    "klara",
    "knut",
    "kristian",
    "kristin",
    "kristina",
    "kristoffer",
    "krzysztof",
    "laila",
    "lars",
    "lasse",
    "lea",
    "leif",
    "leila",
    "lena",
    "lene",
    "lennart",
    "leo",
    "liam",
    "linda",
    "linn",
    "linnea",
    "lisa",
    "lise",
    "liv",
    "lotta",
    "ludvig",
    "lukas",
    "mads",
    "magdalena",
    "magnus",
    "maja",
    "malin",
    "marek",
    "maren",
    "margareta",
    "mari",
    "maria",
    "marianne",
    "marie",
    "marit",
    "marius",
    "marte",
    "martin",
    "martine",
    "maryam",
    "mathias",
    "mats",
    "mattias",
    "mette",
    "mia",
    "mikael",
    "mikkel",
    "mohamed",
    "mohammed",
    "mona",
    "monica",
    "morten",
    "muhammad",
    "mustafa",
    "nadia",
    "natalia",
    "niklas",
    "nikolai",
    "nils",
    "nina",
    "noah",
    "nora",
    "oda",
    "odd",
    "oksana",
    "ola",
    "olav",
    "ole",
    "olena",
    "olga",
    "oliver",
    "olof",
    "omar",
    "oscar",
    "oskar",
    "patrik",
    "per",
    "peter",
    "petter",
    "pia",
    "piotr",
    "pål",
    "ragna",
    "ragnar",
    "ragnhild",
    "ragnvald",
    "rakel",
    "ramin",
    "randi",
    "reidar",
    "reza",
    "robert",
    "roger",
    "rolf",
    "ronja",
    "roy",
    "rune",
    "ruth",
    "saga",
    "sahra",
    "samir",
    "sander",
    "sandra",
    "sara",
    "sebastian",
    "selma",
    "senait",
    "shirin",
    "signe",
    "sigrid",
    "sigurd",
    "silje",
    "simen",
    "simon",
    "simone",
    "sindre",
    "siri",
    "sissel",
    "sivert",
    "sofia",
    "sofie",
    "solveig",
    "stefan",
    "stein",
    "stian",
    "stine",
    "sture",
    "susanne",
    "svein",
    "sven",
    "sverre",
    "synnøve",
    "terje",
    "tesfaye",
    "thea",
    "thomas",
    "tilde",
    "tina",
    "tobias",
    "tom",
    "tomasz",
    "tommy",
    "tone",
    "tor",
    "torbjørn",
    "tore",
    "torgeir",
    "torill",
    "tove",
    "trine",
    "trond",
    "trygve",
    "turid",
    "tuva",
    "ulf",
    "ulla",
    "ulrika",
    "unni",
    "vegard",
    "vera",
    "vidar",
    "vigdis",
    "viktor",
    "wenche",
    "william",
    "wilma",
    "ylva",
    "yonas",
    "yusuf",
    "yvonne",
    "zainab",
    "åge",
    "åsa",
    "åse",
    "øystein",
    "øyvind",
];

/// Common surnames in Norway and Sweden (lowercase).
const SURNAMES: &[&str] = &[
    "andersen",
    "andersson",
    "bakken",
    "berg",
    "berntsen",
    "dahl",
    "eriksen",
    "eriksson",
    "gustafsson",
    "halvorsen",
    "hansen",
    "hansson",
    "haugen",
    "hagen",
    "jakobsen",
    "jensen",
    "johannessen",
    "johansen",
    "johansson",
    "karlsen",
    "karlsson",
    "kristiansen",
    "larsen",
    "larsson",
    "lind",
    "lindberg",
    "lindqvist",
    "lund",
    "moen",
    "nilsen",
    "nilsson",
    "nordmann",
    "olsen",
    "olsson",
    "pedersen",
    "persson",
    "pettersen",
    "pettersson",
    "solberg",
    "strand",
    "svensson",
    "andreassen",
    "nguyen",
    "ali",
    "ahmed",
    "holm",
    "lie",
    "kristoffersen",
];

/// Names that are also everyday words, counted as names only after a naming phrase or next to
/// another name.
const EVERYDAY: &[&str] = &[
    "per", "bo", "liv", "tor", "lie", "holm", "strand", "lund", "berg", "dahl", "moen", "lind", "dag", "tom", "finn",
    "even", "gro", "mai", "saga", "frank", "signe", "alf", "kim", "odd", "tone", "rune", "stein", "lisa", "rita",
    "vera", "ella", "else", "eli", "ina", "lea", "leo", "tilde", "ronja", "ulf", "sture", "mia",
];

/// First names that are also common lower-case words: only a capitalised one can be a name.
/// Other first names count written in lower case too ("ola ringte meg").
const LOWER_CASE_WORDS: &[&str] = &[
    "hans", "bjørn", "björn", "lene", "jan", "anna", "carl", "karl", "ann", "kent", "mette", "klara", "karen", "aksel",
];

/// Words after which the next capitalised words are a person's name.
const NAMING: &[&[&str]] = &[
    &["heter"],
    &["heiter"],
    &["hilsen"],
    &["helsing"],
    &["hälsningar"],
    &["hälsning"],
    &["mvh"],
    &["vh"],
    &["kallas"],
    &["navnet", "mitt", "er"],
    &["namnet", "mitt", "er"],
    &["mitt", "namn", "är"],
    &["jeg", "er"],
    &["eg", "er"],
    &["jag", "är"],
    &["takk", "til"],
    &["tack", "till"],
    &["het"],
    &["hette"],
    &["kalt"],
    &["kalla"],
    &["kallad"],
];

/// People named by who they are ("min mor Greta", "sykepleier Randi Moe"): a capitalised word
/// after these is a name.
const PERSON_NOUNS: &[&str] = &[
    "mor",
    "far",
    "mamma",
    "pappa",
    "bror",
    "søster",
    "syster",
    "sønn",
    "son",
    "datter",
    "dotter",
    "kone",
    "mann",
    "man",
    "fru",
    "samboer",
    "sambo",
    "kjæreste",
    "venn",
    "venninne",
    "vän",
    "väninna",
    "onkel",
    "tante",
    "bestemor",
    "bestefar",
    "mormor",
    "morfar",
    "farmor",
    "farfar",
    "nabo",
    "naboen",
    "granne",
    "grannen",
    "sykepleier",
    "sykepleieren",
    "sjukepleiar",
    "sjuksköterska",
    "sjuksköterskan",
    "lege",
    "legen",
    "lækjar",
    "läkare",
    "läkaren",
    "doktor",
    "psykolog",
    "psykologen",
    "terapeut",
    "terapeuten",
    "saksbehandler",
    "saksbehandleren",
    "sakshandsamar",
    "handläggare",
    "handläggaren",
    "kurator",
    "kuratorn",
    "miljøarbeider",
    "miljøarbeideren",
    "kontaktperson",
    "kontaktpersonen",
    "primærkontakt",
    "primærkontakten",
    "veileder",
    "veilederen",
    "rådgiver",
    "rådgiveren",
    "boendestödjare",
    "fastlege",
    "fastlegen",
    "prest",
    "presten",
];

/// Words that say a number is someone's age: "fylte 50", "fyller 18".
const AGE_VERBS: &[&str] = &["fylte", "fyller", "fylde", "fyllde", "fyllt", "fylt"];

/// Who can be "på 16" (of that age): "sønn på 16", "en dame på 80".
const AGED: &[&str] = &[
    "sønn", "son", "datter", "dotter", "gutt", "jente", "barn", "mann", "kvinne", "dame", "pojke", "flicka", "unge",
    "kar", "fyr", "kille", "tjej", "ungdom",
];

/// Whose age a number after "er"/"är" can be, besides the [`PERSON_NOUNS`] and first names:
/// pronouns and family in the definite form.
const PERSON_WORDS: &[&str] = &[
    "jeg",
    "eg",
    "jag",
    "han",
    "hun",
    "ho",
    "hon",
    "sønnen",
    "sonen",
    "datteren",
    "dottera",
    "dottern",
    "kona",
    "mannen",
    "frun",
    "samboeren",
    "sambon",
];

/// Street words: a capitalised word ending in one of these, then a house number, is an address.
const STREET_ENDINGS: &[&str] = &[
    "veien", "vegen", "vei", "veg", "gata", "gaten", "gate", "gatan", "vägen", "väg", "stien", "stigen", "allé",
    "alle", "plass", "plassen", "torget", "torg", "bakken", "backen", "gränd", "kaia", "brygga",
];

const MONTHS: &[&str] = &[
    "januar",
    "februar",
    "mars",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "desember",
    "january",
    "february",
    "march",
    "may",
    "june",
    "july",
    "october",
    "december",
    "januari",
    "februari",
    "maj",
    "augusti",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "okt",
    "oct",
    "nov",
    "des",
    "dec",
];

/// Everything in `text` that looks identifying, in order, without overlaps (where two rules
/// find overlapping spans, the longer one is kept). `listed` are the owner's staff and
/// workplaces, matched whole-word without regard to case.
pub fn flags(text: &str, listed: &[String]) -> Vec<Flag> {
    let words = words(text);
    let mut found = Vec::new();
    listed_names(text, listed, &mut found);
    emails(text, &mut found);
    numbers(text, &words, &mut found);
    names_and_addresses(text, &words, &mut found);
    dates_in_words(text, &words, &mut found);
    resolve(found)
}

/// Replaces each span with `[label]`, where `label` names its kind in the owner's language; the
/// spans must not overlap.
pub fn redact(text: &str, spans: &[(usize, usize)], label: impl Fn(usize) -> String) -> String {
    let mut sorted: Vec<(usize, (usize, usize))> = spans.iter().copied().enumerate().collect();
    sorted.sort_by_key(|(_, (start, _))| *start);
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (i, (start, end)) in sorted {
        let (Some(before), true) =
            (text.get(at..start), text.is_char_boundary(end) && end <= text.len() && start >= at)
        else {
            continue;
        };
        out.push_str(before);
        out.push('[');
        out.push_str(&label(i));
        out.push(']');
        at = end;
    }
    out.push_str(text.get(at..).unwrap_or_default());
    out
}

/// A word of the text: its span.
#[derive(Debug, Clone, Copy)]
struct Word {
    start: usize,
    end: usize,
}

fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        let part = c.is_alphanumeric() || c == '-' || (c == '\'' && start.is_some());
        match (part, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(Word { start: s, end: i });
                start = None;
            }
            _ => {}
        }
    }
    out
}

fn is_capitalised(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.clone().next().is_some_and(char::is_lowercase)
}

fn lower(word: &str) -> String {
    word.to_lowercase()
}

fn listed_names(text: &str, listed: &[String], found: &mut Vec<Flag>) {
    let haystack = text.to_lowercase();
    // Lowercasing can change byte lengths; only where it does not are offsets the same.
    if haystack.len() != text.len() {
        return;
    }
    for entry in listed.iter().map(|e| e.trim().to_lowercase()).filter(|e| !e.is_empty()) {
        let mut from = 0;
        while let Some(at) = haystack[from..].find(&entry) {
            let (start, end) = (from + at, from + at + entry.len());
            let bounded = |i: Option<char>| i.is_none_or(|c| !c.is_alphanumeric());
            if bounded(haystack[..start].chars().next_back()) && bounded(haystack[end..].chars().next()) {
                found.push(Flag { start, end, kind: DetailKind::Listed });
            }
            from = end;
        }
    }
}

fn emails(text: &str, found: &mut Vec<Flag>) {
    let bytes = text.as_bytes();
    let local = |b: u8| b.is_ascii_alphanumeric() || b"._%+-".contains(&b);
    let domain = |b: u8| b.is_ascii_alphanumeric() || b".-".contains(&b);
    for (at, _) in text.match_indices('@') {
        let mut start = at;
        while start > 0 && local(bytes[start - 1]) {
            start -= 1;
        }
        let mut end = at + 1;
        while end < bytes.len() && domain(bytes[end]) {
            end += 1;
        }
        while end > at + 1 && bytes[end - 1] == b'.' {
            end -= 1;
        }
        let host = &text[at + 1..end];
        let has_tld = host.rsplit_once('.').is_some_and(|(name, tld)| !name.is_empty() && tld.len() >= 2);
        if start < at && has_tld {
            found.push(Flag { start, end, kind: DetailKind::Email });
        }
    }
}

/// Runs of digits with the separators a phone number, a date or an identity number is written
/// with: the span, and the digits.
fn digit_runs(text: &str) -> Vec<(usize, usize, String)> {
    let mut runs = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        let plus = c == '+' && chars.get(i + 1).is_some_and(|(_, d)| d.is_ascii_digit());
        if !(c.is_ascii_digit() || plus) {
            i += 1;
            continue;
        }
        let mut digits = String::new();
        let mut end = start;
        let mut j = i;
        while j < chars.len() {
            let (at, c) = chars[j];
            if c.is_ascii_digit() {
                digits.push(c);
                end = at + 1;
            } else if (c == '+' && j == i)
                || (matches!(c, ' ' | '-' | '.' | '/') && chars.get(j + 1).is_some_and(|(_, d)| d.is_ascii_digit()))
            {
            } else {
                break;
            }
            j += 1;
        }
        runs.push((start, end, digits));
        i = j.max(i + 1);
    }
    runs
}

fn numbers(text: &str, words: &[Word], found: &mut Vec<Flag>) {
    for (start, end, digits) in digit_runs(text) {
        let written = &text[start..end];
        if let Some(kind) = number_kind(written, &digits) {
            found.push(Flag { start, end, kind });
            continue;
        }
        // Parts of the run can still be a date (1.6.2025), an age, or a postcode.
        for part in split_run(text, start, end) {
            let (s, e) = part;
            let piece = &text[s..e];
            if numeric_date(piece) {
                found.push(Flag { start: s, end: e, kind: DetailKind::Date });
            }
        }
        if let Some(flag) = age_after(text, words, start, end, &digits) {
            found.push(flag);
        }
        if let Some(flag) = postcode(text, words, start, end, &digits) {
            found.push(flag);
        }
    }
}

/// The pieces of a run separated by spaces.
fn split_run(text: &str, start: usize, end: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut at = start;
    for piece in text[start..end].split(' ') {
        out.push((at, at + piece.len()));
        at += piece.len() + 1;
    }
    out
}

fn number_kind(written: &str, digits: &str) -> Option<DetailKind> {
    let compact: String = written.chars().filter(|c| !c.is_whitespace()).collect();
    if norwegian_id(digits) || swedish_id(&compact) {
        return Some(DetailKind::NationalId);
    }
    if numeric_date(written) {
        return Some(DetailKind::Date);
    }
    let international = written.starts_with('+') || digits.starts_with("00");
    let spaced = written.contains([' ', '-']);
    let phone = match digits.len() {
        // Norwegian numbers: 8 digits, often in pairs or 3-2-3.
        8 => spaced || !written.contains(['.', '/']),
        // Swedish numbers: 0 and an area code, 9 or 10 digits; or with a country code.
        9 | 10 => digits.starts_with('0') || international,
        10..=13 => international,
        _ => false,
    };
    (phone && !written.contains('/')).then_some(DetailKind::Phone)
}

/// A Norwegian fødselsnummer or D-nummer: 11 digits, a date (day + 40 for a D-nummer), and two
/// check digits.
fn norwegian_id(digits: &str) -> bool {
    let d: Vec<u32> = digits.chars().filter_map(|c| c.to_digit(10)).collect();
    if d.len() != 11 {
        return false;
    }
    let day = d[0] * 10 + d[1];
    let month = d[2] * 10 + d[3];
    let day = if day > 40 { day - 40 } else { day };
    if !(1..=31).contains(&day) || !(1..=12).contains(&month) {
        return false;
    }
    let check = |weights: &[u32]| -> Option<u32> {
        let sum: u32 = weights.iter().zip(&d).map(|(w, x)| w * x).sum();
        match 11 - sum % 11 {
            11 => Some(0),
            10 => None,
            k => Some(k),
        }
    };
    check(&[3, 7, 6, 1, 8, 9, 4, 5, 2]) == Some(d[9]) && check(&[5, 4, 3, 2, 7, 6, 5, 4, 3, 2]) == Some(d[10])
}

/// A Swedish personnummer or samordningsnummer (day + 60): YYMMDD-NNNN, YYMMDD+NNNN or with the
/// century (YYYYMMDD-NNNN, YYYYMMDDNNNN), with its Luhn check digit.
fn swedish_id(compact: &str) -> bool {
    let digits: String = compact.chars().filter(char::is_ascii_digit).collect();
    let separated = compact.len() == digits.len() + 1
        && compact.len() >= 5
        && matches!(compact.as_bytes().get(compact.len() - 5), Some(b'-' | b'+'));
    let ten = match digits.len() {
        10 if separated => &digits[..],
        12 if (digits.starts_with("19") || digits.starts_with("20")) => &digits[2..],
        _ => return false,
    };
    let d: Vec<u32> = ten.chars().filter_map(|c| c.to_digit(10)).collect();
    let month = d[2] * 10 + d[3];
    let day = d[4] * 10 + d[5];
    let day = if day > 60 { day - 60 } else { day };
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return false;
    }
    let sum: u32 = d[..9]
        .iter()
        .enumerate()
        .map(|(i, x)| {
            let v = if i % 2 == 0 { x * 2 } else { *x };
            if v > 9 {
                v - 9
            } else {
                v
            }
        })
        .sum();
    (10 - sum % 10) % 10 == d[9]
}

/// 12.03.2025, 3/4, 03.04.25, 2025-01-15: a day and a month (and maybe a year) that exist.
fn numeric_date(written: &str) -> bool {
    let iso: Vec<&str> = written.split('-').collect();
    if iso.len() == 3 && iso[0].len() == 4 && iso.iter().all(|p| p.chars().all(|c| c.is_ascii_digit())) {
        let (m, d) = (iso[1].parse::<u32>().unwrap_or(0), iso[2].parse::<u32>().unwrap_or(0));
        return (1..=12).contains(&m) && (1..=31).contains(&d);
    }
    for separator in ['.', '/'] {
        let parts: Vec<&str> = written.split(separator).collect();
        if !(2..=3).contains(&parts.len())
            || parts.iter().any(|p| p.is_empty() || !p.chars().all(|c| c.is_ascii_digit()))
        {
            continue;
        }
        let (d, m) = (parts[0].parse::<u32>().unwrap_or(0), parts[1].parse::<u32>().unwrap_or(0));
        let year_ok = parts.get(2).is_none_or(|y| y.len() == 2 || y.len() == 4);
        // Two numbers alone (3/4) are a date only written with a slash or as dd.mm.
        let plain_pair = parts.len() == 2 && separator == '.' && parts[1].len() != 2;
        if (1..=31).contains(&d)
            && (1..=12).contains(&m)
            && year_ok
            && parts[0].len() <= 2
            && parts[1].len() <= 2
            && !plain_pair
        {
            return true;
        }
    }
    false
}

fn word_at(words: &[Word], at: usize) -> Option<usize> {
    words.iter().position(|w| w.start >= at)
}

/// "47 år", "47 år gammel", "19-åring", "i 40-årsåldern", "34 years old".
fn age_after(text: &str, words: &[Word], start: usize, end: usize, digits: &str) -> Option<Flag> {
    let n: u32 = digits.parse().ok()?;
    if !(1..=120).contains(&n) || digits.len() > 3 {
        return None;
    }
    let rest = &text[end..];
    for suffix in ["-åring", "-åringen", "-årsåldern", "-årsalderen", "-årig", "-year-old"] {
        if let Some(after) = rest.strip_prefix(suffix) {
            let extra = after.chars().take_while(|c| c.is_alphabetic()).map(char::len_utf8).sum::<usize>();
            return Some(Flag { start, end: end + suffix.len() + extra, kind: DetailKind::Age });
        }
    }
    let before: Vec<String> =
        words.iter().filter(|w| w.end <= start).rev().take(2).map(|w| lower(&text[w.start..w.end])).collect();
    let first = before.first().map(String::as_str).unwrap_or_default();
    let second = before.get(1).map(String::as_str).unwrap_or_default();
    // "fylte 50", "en sønn på 16".
    if AGE_VERBS.contains(&first) || (first == "på" && AGED.contains(&second)) {
        return Some(Flag { start, end, kind: DetailKind::Age });
    }
    // "mor er 82.", "jeg er 33 og ...": a person, then the number alone.
    let someone = PERSON_WORDS.contains(&second) || PERSON_NOUNS.contains(&second) || FIRST_NAMES.contains(&second);
    let alone = {
        let rest = text[end..].trim_start();
        let next_word: String = rest.chars().take_while(|c| c.is_alphabetic()).collect::<String>().to_lowercase();
        rest.is_empty()
            || rest.starts_with(['.', ',', '!', '?', ';'])
            || matches!(next_word.as_str(), "og" | "och" | "men" | "nå" | "nu" | "no")
    };
    if matches!(first, "er" | "är") && someone && alone && (10..=110).contains(&n) {
        return Some(Flag { start, end, kind: DetailKind::Age });
    }
    let next = word_at(words, end)?;
    let word = &text[words[next].start..words[next].end];
    let gap = &text[end..words[next].start];
    if gap.trim().is_empty() && matches!(lower(word).as_str(), "år" | "years" | "year") {
        // "3 år" is a duration: an age is "47 år gammel", "er 47 år", "på 62 år", "i 47 år"? only
        // where the words before say whose age it is.
        let after = words.get(next + 1).map(|w| lower(&text[w.start..w.end])).unwrap_or_default();
        let says_age = matches!(after.as_str(), "gammel" | "gammal" | "gamal" | "old")
            || before
                .first()
                .is_some_and(|b| matches!(b.as_str(), "er" | "är" | "på" | "blir" | "fyller" | "am" | "age"))
            || before.first().is_some_and(|b| b == "og" || b == "och")
                && before.get(1).is_some_and(|b| b == "er" || b == "är");
        if says_age {
            let end = if matches!(after.as_str(), "gammel" | "gammal" | "gamal" | "old") {
                words[next + 1].end
            } else {
                words[next].end
            };
            return Some(Flag { start, end, kind: DetailKind::Age });
        }
    }
    None
}

/// A Norwegian postcode (4 digits) or a Swedish one (3 + 2 digits) followed by a capitalised
/// place name.
fn postcode(text: &str, words: &[Word], start: usize, end: usize, digits: &str) -> Option<Flag> {
    let written = &text[start..end];
    let shaped =
        (digits.len() == 4 && written.len() == 4) || (digits.len() == 5 && (written.len() == 5 || written.len() == 6));
    if !shaped {
        return None;
    }
    let next = word_at(words, end)?;
    let place = &text[words[next].start..words[next].end];
    (text[end..words[next].start].trim().is_empty() && is_capitalised(place)).then_some(Flag {
        start,
        end: words[next].end,
        kind: DetailKind::Postcode,
    })
}

fn is_name(word: &str) -> bool {
    let w = lower(word);
    FIRST_NAMES.contains(&w.as_str()) || SURNAMES.contains(&w.as_str())
}

fn names_and_addresses(text: &str, words: &[Word], found: &mut Vec<Flag>) {
    let text_of = |w: &Word| &text[w.start..w.end];
    let lowered: Vec<String> = words.iter().map(|w| lower(text_of(w))).collect();
    let mut named = vec![false; words.len()];
    // After a naming phrase: the capitalised words that follow (up to three).
    for (i, _) in words.iter().enumerate() {
        for phrase in NAMING {
            let fits = phrase.iter().enumerate().all(|(k, p)| lowered.get(i + k).is_some_and(|w| w == p));
            if !fits {
                continue;
            }
            let mut j = i + phrase.len();
            while j < words.len() && j < i + phrase.len() + 3 && is_capitalised(text_of(&words[j])) {
                // A word of the same sentence only.
                if text[words[j - 1].end..words[j].start].contains(['.', '!', '?', ':', ';', '\n']) {
                    break;
                }
                named[j] = true;
                j += 1;
            }
        }
    }
    // After a word for who someone is ("min mor Greta", "sykepleier Randi Moe"): the capitalised
    // words that follow (up to two).
    for (i, word) in lowered.iter().enumerate() {
        if !PERSON_NOUNS.contains(&word.as_str()) {
            continue;
        }
        let mut j = i + 1;
        while j < words.len()
            && j <= i + 2
            && is_capitalised(text_of(&words[j]))
            && !text[words[j - 1].end..words[j].start].contains(['.', '!', '?', ':', ';', '\n', ','])
        {
            named[j] = true;
            j += 1;
        }
    }
    // Names from the lists, capitalised; an everyday word only next to another name. A first
    // name written in lower case counts too, unless it is also a common word.
    for (i, w) in words.iter().enumerate() {
        let word = text_of(w);
        let lower_case_name = word.chars().all(char::is_lowercase)
            && word.chars().count() >= 3
            && FIRST_NAMES.contains(&lowered[i].as_str())
            && !EVERYDAY.contains(&lowered[i].as_str())
            && !LOWER_CASE_WORDS.contains(&lowered[i].as_str());
        if lower_case_name {
            named[i] = true;
            continue;
        }
        if !is_capitalised(word) || !is_name(word) {
            continue;
        }
        let everyday = EVERYDAY.contains(&lowered[i].as_str());
        let beside = |j: Option<usize>| {
            j.and_then(|j| words.get(j)).is_some_and(|o| is_capitalised(text_of(o)) && is_name(text_of(o)))
        };
        if !everyday || beside(i.checked_sub(1)) || beside(Some(i + 1)) {
            named[i] = true;
        }
    }
    // A capitalised word right after a listed name is a surname ("Sara Lind", "Thomas Johansen").
    for i in 1..words.len() {
        if named[i - 1]
            && !named[i]
            && is_capitalised(text_of(&words[i]))
            && SURNAMES.contains(&lowered[i].as_str())
            && text[words[i - 1].end..words[i].start].trim().is_empty()
        {
            named[i] = true;
        }
    }
    // Neighbouring names are one span.
    let mut i = 0;
    while i < words.len() {
        if !named[i] {
            i += 1;
            continue;
        }
        let start = words[i].start;
        let mut end = words[i].end;
        let mut j = i + 1;
        while j < words.len() && named[j] && text[end..words[j].start].trim().is_empty() {
            end = words[j].end;
            j += 1;
        }
        found.push(Flag { start, end, kind: DetailKind::Name });
        i = j;
    }
    // Addresses: a street word (or a capitalised word and a street word) and a house number.
    for (i, w) in words.iter().enumerate() {
        let street = STREET_ENDINGS.iter().any(|e| lowered[i].ends_with(e));
        if !street {
            continue;
        }
        let Some(number) = words.get(i + 1) else { continue };
        let house = text_of(number);
        let is_number = house.chars().next().is_some_and(|c| c.is_ascii_digit())
            && house.chars().filter(|c| c.is_ascii_alphabetic()).count() <= 1
            && house.len() <= 4;
        if !is_number || !text[w.end..number.start].trim().is_empty() {
            continue;
        }
        let start = if is_capitalised(text_of(w)) {
            w.start
        } else if i > 0 && is_capitalised(text_of(&words[i - 1])) && STREET_ENDINGS.contains(&lowered[i].as_str()) {
            words[i - 1].start
        } else {
            continue;
        };
        found.push(Flag { start, end: number.end, kind: DetailKind::Address });
    }
}

/// "12. mars 2025", "5 maj 2025", "1. juni": a day and a month's name (and maybe a year).
fn dates_in_words(text: &str, words: &[Word], found: &mut Vec<Flag>) {
    for (i, w) in words.iter().enumerate() {
        let day = &text[w.start..w.end];
        let Ok(n) = day.parse::<u32>() else { continue };
        if !(1..=31).contains(&n) || day.len() > 2 {
            continue;
        }
        let Some(month) = words.get(i + 1) else { continue };
        let gap = &text[w.end..month.start];
        if !matches!(gap, " " | ". ") || !MONTHS.contains(&lower(&text[month.start..month.end]).as_str()) {
            continue;
        }
        let mut end = month.end;
        if let Some(year) = words.get(i + 2) {
            let y = &text[year.start..year.end];
            if text[month.end..year.start] == *" " && y.len() == 4 && y.chars().all(|c| c.is_ascii_digit()) {
                end = year.end;
            }
        }
        found.push(Flag { start: w.start, end, kind: DetailKind::Date });
    }
}

/// Sorted, with overlaps resolved in favour of the longer span.
fn resolve(mut found: Vec<Flag>) -> Vec<Flag> {
    found.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let mut out: Vec<Flag> = Vec::new();
    for flag in found {
        match out.last_mut() {
            Some(last) if flag.start < last.end => {
                if flag.end - flag.start > last.end - last.start {
                    *last = flag;
                }
            }
            _ => out.push(flag),
        }
    }
    out
}

/// How well [`flags`] does on a test set: per kind, the marked spans found (a flag overlaps
/// them) out of all marked; and the false alarms (flags that overlap no marked span).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Measurement {
    pub answers: usize,
    /// (kind's tag, found, marked), in the order of the kinds.
    pub by_kind: Vec<(String, usize, usize)>,
    /// The false alarms: the answer's text and the flagged words.
    pub false_alarms: Vec<(String, String)>,
    /// The marked spans not found: the answer's text and the span.
    pub missed: Vec<(String, String)>,
}

impl Measurement {
    /// All marked spans found, and all marked.
    pub fn found(&self) -> (usize, usize) {
        self.by_kind.iter().fold((0, 0), |(f, m), (_, found, marked)| (f + found, m + marked))
    }
}

/// One answer of a test set: `{kind:text}` marks a span (see tests/fixtures/identifying.txt).
/// The text without the marks, and the marked spans with their kinds' tags.
pub fn unmark(line: &str) -> (String, Vec<(usize, usize, String)>) {
    let mut text = String::new();
    let mut spans = Vec::new();
    let mut rest = line;
    while let Some(open) = rest.find('{') {
        text.push_str(&rest[..open]);
        let inner = &rest[open + 1..];
        let (Some(colon), Some(close)) = (inner.find(':'), inner.find('}')) else {
            text.push_str(&rest[open..]);
            return (text, spans);
        };
        let start = text.len();
        text.push_str(&inner[colon + 1..close]);
        spans.push((start, text.len(), inner[..colon].to_string()));
        rest = &inner[close + 1..];
    }
    text.push_str(rest);
    (text, spans)
}

/// Runs [`flags`] over a test set: lines of marked answers, `#` comments, and a `listed:` line
/// with the owner's list (separated by `;`).
pub fn measure(test_set: &str) -> Measurement {
    let listed: Vec<String> = test_set
        .lines()
        .find_map(|l| l.strip_prefix("listed:"))
        .map(|l| l.split(';').map(|s| s.trim().to_string()).collect())
        .unwrap_or_default();
    let kinds: Vec<DetailKind> = DetailKind::FOUND_IN_TEXT.into_iter().chain([DetailKind::Listed]).collect();
    let mut m =
        Measurement { by_kind: kinds.iter().map(|k| (k.tag().to_string(), 0, 0)).collect(), ..Default::default() };
    for line in test_set.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#') && !l.starts_with("listed:")) {
        m.answers += 1;
        let (text, marked) = unmark(line);
        let flagged = flags(&text, &listed);
        let overlaps = |a: (usize, usize), b: (usize, usize)| a.0 < b.1 && b.0 < a.1;
        for (start, end, tag) in &marked {
            let found = flagged.iter().any(|f| overlaps((f.start, f.end), (*start, *end)));
            if let Some(row) = m.by_kind.iter_mut().find(|(t, _, _)| t == tag) {
                row.2 += 1;
                row.1 += usize::from(found);
            }
            if !found {
                m.missed.push((text.clone(), text[*start..*end].to_string()));
            }
        }
        for f in &flagged {
            if !marked.iter().any(|(s, e, _)| overlaps((f.start, f.end), (*s, *e))) {
                m.false_alarms.push((text.clone(), text[f.start..f.end].to_string()));
            }
        }
    }
    m
}
