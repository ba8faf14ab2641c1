//! Prints how well identifying details are found in the test set
//! (tests/fixtures/identifying.txt): per kind, found of marked; the false alarms; what was
//! missed. Run by bench/identifying.sh.

use lytt_core::identifying::measure;

const TEST_SET: &str = include_str!("../tests/fixtures/identifying.txt");

fn main() {
    // The answers after the "# Held out" line were written after the rules were settled.
    if let Some(at) = TEST_SET.find("# Held out") {
        let listed = TEST_SET.lines().find(|l| l.starts_with("listed:")).unwrap_or_default();
        let held_out = measure(&format!("{listed}\n{}", &TEST_SET[at..]));
        let (found, marked) = held_out.found();
        println!(
            "held out: {} answers, found {found} of {marked} ({:.0} %), {} false alarms",
            held_out.answers,
            100.0 * found as f64 / marked.max(1) as f64,
            held_out.false_alarms.len()
        );
    }
    let m = measure(TEST_SET);
    let (found, marked) = m.found();
    println!("{} answers, {marked} identifying details marked", m.answers);
    for (tag, found, marked) in &m.by_kind {
        println!("  {tag:<9} found {found:>2} of {marked:>2}");
    }
    println!(
        "found: {found} of {marked} ({:.0} %); false alarms: {} in {} answers",
        100.0 * found as f64 / marked.max(1) as f64,
        m.false_alarms.len(),
        m.answers
    );
    for (text, span) in &m.missed {
        println!("  missed {span:?} in {text:?}");
    }
    for (text, span) in &m.false_alarms {
        println!("  false alarm {span:?} in {text:?}");
    }
}
