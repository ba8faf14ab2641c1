//! Makes a bundle of many sealed records for benchmarks, and measures the X25519 floor.
//!
//! `cargo run --release -p lytt-cli --example bench-records -- N OUT.lytt.json`
//! writes N records with random answers to the "nyttesamtale" starter survey, sealed to the
//! public test recipient, and prints how long N X25519 key agreements take on all cores: the
//! least time any decryption of N records can take with that X25519 (x25519-dalek's, and
//! aws-lc's, which `lytt` uses where it builds).

use std::time::Instant;

use lytt_core::bundle::Bundle;
use lytt_core::seal::{padded_plaintext, seal_with};
use lytt_core::{Response, TEST_RECIPIENT};
use rand_core::{OsRng, RngCore};

fn pick<'a>(options: &[&'a str]) -> &'a str {
    options[(OsRng.next_u32() as usize) % options.len()]
}

fn random_response() -> Response {
    let mut id = [0u8; 16];
    OsRng.fill_bytes(&mut id);
    let now_vs_start = pick(&["much_better", "bit_better", "same", "bit_worse"]);
    let mut answers = serde_json::json!({
        "since": pick(&["under_6m", "from_6_to_12m", "over_12m"]),
        "useful": pick(&["yes_much", "partly", "no", "dont_know"]),
        "now_vs_start": now_vs_start,
        "confidence": OsRng.next_u32() % 11,
        "what_helped": "Å bli møtt med respekt, og at noen ringte tilbake."
    });
    // Asked only when things got better, and answered with at least one option, as the app
    // records it (`lytt report` sets apart records that do not fit the survey).
    let improved: Vec<&str> =
        ["housing", "health", "money", "network"].into_iter().filter(|_| OsRng.next_u32().is_multiple_of(3)).collect();
    if matches!(now_vs_start, "much_better" | "bit_better") && !improved.is_empty() {
        answers["improved"] = serde_json::json!(improved);
    }
    let value = serde_json::json!({
        "format": "lytt-response/1",
        "survey": "nyttesamtale",
        "survey_version": "2026-11-22",
        "response": lytt_core::draft::hex(&id),
        "language": pick(&["nb", "nn", "sv", "en"]),
        "mode": pick(&["personal", "interview"]),
        "completed": "2026-W47",
        "status": "complete",
        "answers": answers
    });
    serde_json::from_value(value).expect("a valid record")
}

fn threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// Runs `work(i)` for i in 0..n on every core; returns the results in order.
fn on_all_cores<T: Send>(n: usize, work: impl Fn(usize) -> T + Sync) -> Vec<T> {
    let chunk = n.div_ceil(threads()).max(1);
    let work = &work;
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..n)
            .step_by(chunk)
            .map(|start| scope.spawn(move || (start..(start + chunk).min(n)).map(work).collect::<Vec<T>>()))
            .collect();
        handles.into_iter().flat_map(|h| h.join().expect("worker")).collect()
    })
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(n), Some(out)) = (args.get(1).and_then(|n| n.parse::<usize>().ok()), args.get(2)) else {
        eprintln!("usage: bench-records N OUT.lytt.json");
        std::process::exit(2);
    };
    let start = Instant::now();
    let records = on_all_cores(n, |_| {
        let plaintext = padded_plaintext(&random_response());
        seal_with(&plaintext, TEST_RECIPIENT, &mut OsRng).expect("sealing works")
    });
    let sealing = start.elapsed();
    std::fs::write(out, Bundle::new("nyttesamtale", records).to_json()).expect("bundle written");
    eprintln!(
        "sealed {n} records in {:.2} s on {} threads ({:.0} records/s)",
        sealing.as_secs_f64(),
        threads(),
        n as f64 / sealing.as_secs_f64()
    );

    // The floor: one X25519 key agreement per record, the part of decryption no format change
    // can avoid.
    let secret = x25519_dalek::StaticSecret::random_from_rng(OsRng);
    let shares: Vec<x25519_dalek::PublicKey> =
        (0..n).map(|_| x25519_dalek::PublicKey::from(&x25519_dalek::StaticSecret::random_from_rng(OsRng))).collect();
    let start = Instant::now();
    let agreed = on_all_cores(n, |i| secret.diffie_hellman(&shares[i]).as_bytes()[0]);
    std::hint::black_box(agreed);
    print_floor("x25519 floor", n, start.elapsed());

    // The same with aws-lc's X25519, which `lytt` uses where it builds: the floor of what `lytt`
    // itself can reach.
    #[cfg(all(unix, any(target_arch = "x86_64", target_arch = "aarch64")))]
    {
        use aws_lc_rs::agreement::{agree, PrivateKey, UnparsedPublicKey, X25519};
        let key = PrivateKey::from_private_key(&X25519, secret.as_bytes()).expect("an X25519 secret");
        let start = Instant::now();
        let agreed = on_all_cores(n, |i| {
            agree(&key, UnparsedPublicKey::new(&X25519, shares[i].as_bytes()), (), |shared| Ok(shared[0]))
        });
        std::hint::black_box(agreed);
        print_floor("x25519 floor with aws-lc (what lytt uses)", n, start.elapsed());
    }
}

fn print_floor(what: &str, n: usize, floor: std::time::Duration) {
    println!(
        "{what}: {n} key agreements in {:.2} s on {} threads ({:.0} per second)",
        floor.as_secs_f64(),
        threads(),
        n as f64 / floor.as_secs_f64()
    );
}
