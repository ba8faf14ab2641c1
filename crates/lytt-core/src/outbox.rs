//! The outbox: sealed records waiting on a device until they are delivered, and the rules for
//! sending them (which records travel together, how long to wait after a failed attempt).
//!
//! Records leave the outbox only on confirmed delivery: a 2xx answer from the inbox, or the
//! person confirming that the exported file was saved or shared.

use serde::{Deserialize, Serialize};

/// A sealed record waiting to be delivered. Only the survey owner can read `record`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxEntry {
    /// A random id for this device's bookkeeping (not the response id, which is sealed).
    pub id: String,
    /// The survey the record belongs to.
    pub survey: String,
    /// The ASCII-armored age message.
    pub record: String,
    /// The inbox to POST it to (the survey's `submit_url` when it was sealed); without one it
    /// travels as a file the person saves or shares.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    /// Held back from the inbox until someone asks to deliver everything (kiosk and interviews):
    /// a record sent the moment a visitor or interviewee finishes would tell the inbox when
    /// that person was there.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub held: bool,
}

/// Records that are sent together in one bundle: same survey, same inbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Batch {
    /// The survey id.
    pub survey: String,
    /// The inbox address.
    pub to: String,
    /// Outbox ids of the records, so exactly these are removed when the inbox accepts them.
    pub ids: Vec<String>,
    /// The sealed records, in outbox order (the bundle shuffles them).
    pub records: Vec<String>,
}

/// At most this many records go in one POST, so a long-offline kiosk sends several bundles of
/// modest size rather than one the inbox would refuse.
pub const MAX_BATCH_RECORDS: usize = 200;

/// The entries that go to an inbox and are not held, grouped into batches (first seen first).
pub fn batches(entries: &[OutboxEntry]) -> Vec<Batch> {
    let mut out: Vec<Batch> = Vec::new();
    for entry in entries.iter().filter(|e| !e.held) {
        let Some(to) = &entry.to else { continue };
        let open = out.iter_mut().find(|b| b.survey == entry.survey && &b.to == to && b.ids.len() < MAX_BATCH_RECORDS);
        match open {
            Some(batch) => {
                batch.ids.push(entry.id.clone());
                batch.records.push(entry.record.clone());
            }
            None => out.push(Batch {
                survey: entry.survey.clone(),
                to: to.clone(),
                ids: vec![entry.id.clone()],
                records: vec![entry.record.clone()],
            }),
        }
    }
    out
}

/// Entries of one survey that travel as a file (no inbox).
pub fn file_entries<'a>(entries: &'a [OutboxEntry], survey: &'a str) -> impl Iterator<Item = &'a OutboxEntry> + 'a {
    entries.iter().filter(move |e| e.survey == survey && e.to.is_none())
}

/// Lets every held entry of a survey go to its inbox; returns how many were released.
pub fn release(entries: &mut [OutboxEntry], survey: &str) -> usize {
    let mut released = 0;
    for entry in entries.iter_mut().filter(|e| e.survey == survey && e.held) {
        entry.held = false;
        released += 1;
    }
    released
}

/// Adds entries not yet present (by id) to `into`, keeping its order; returns how many were added.
pub fn merge(into: &mut Vec<OutboxEntry>, from: impl IntoIterator<Item = OutboxEntry>) -> usize {
    let mut added = 0;
    for entry in from {
        if !into.iter().any(|e| e.id == entry.id) {
            into.push(entry);
            added += 1;
        }
    }
    added
}

/// First wait after a failed attempt.
pub const FIRST_RETRY_MS: u32 = 5_000;
/// Longest wait between attempts.
pub const MAX_RETRY_MS: u32 = 300_000;

/// How long to wait before attempt number `failures + 1`, after `failures` failed attempts in a
/// row: 5 s, 10 s, 20 s, ... up to 5 minutes.
pub fn retry_delay_ms(failures: u32) -> u32 {
    let doublings = failures.saturating_sub(1).min(16);
    FIRST_RETRY_MS.saturating_mul(1 << doublings).min(MAX_RETRY_MS)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: &str, survey: &str, to: Option<&str>) -> OutboxEntry {
        OutboxEntry {
            id: id.into(),
            survey: survey.into(),
            record: format!("record {id}"),
            to: to.map(Into::into),
            held: false,
        }
    }

    #[test]
    fn held_entries_wait_until_released() {
        let mut entries = vec![entry("1", "a", Some("https://x/in")), entry("2", "a", Some("https://x/in"))];
        entries.iter_mut().for_each(|e| e.held = true);
        entries.push(entry("3", "b", Some("https://x/in")));
        let ids = |b: Vec<Batch>| b.into_iter().flat_map(|b| b.ids).collect::<Vec<_>>();
        assert_eq!(ids(batches(&entries)), vec!["3"]);
        assert_eq!(release(&mut entries, "b"), 0);
        assert_eq!(release(&mut entries, "a"), 2);
        let sent = batches(&entries);
        assert_eq!(sent.len(), 2, "still one bundle per survey");
        assert_eq!(sent[0].ids, vec!["1", "2"]);
        let stored = serde_json::to_string(&entries[0]).unwrap();
        assert!(!stored.contains("held"), "{stored}");
    }

    #[test]
    fn batches_group_by_survey_and_inbox_and_skip_file_entries() {
        let entries = vec![
            entry("1", "a", Some("https://x/in")),
            entry("2", "b", Some("https://x/in")),
            entry("3", "a", None),
            entry("4", "a", Some("https://x/in")),
            entry("5", "a", Some("https://y/in")),
        ];
        let got = batches(&entries);
        let shape: Vec<(&str, &str, Vec<&str>)> = got
            .iter()
            .map(|b| (b.survey.as_str(), b.to.as_str(), b.ids.iter().map(String::as_str).collect()))
            .collect();
        assert_eq!(
            shape,
            vec![
                ("a", "https://x/in", vec!["1", "4"]),
                ("b", "https://x/in", vec!["2"]),
                ("a", "https://y/in", vec!["5"])
            ]
        );
        assert_eq!(got[0].records, vec!["record 1", "record 4"]);
        let files: Vec<&str> = file_entries(&entries, "a").map(|e| e.id.as_str()).collect();
        assert_eq!(files, vec!["3"]);
    }

    #[test]
    fn batches_are_capped() {
        let entries: Vec<OutboxEntry> = (0..450).map(|i| entry(&i.to_string(), "a", Some("https://x/in"))).collect();
        let sizes: Vec<usize> = batches(&entries).iter().map(|b| b.ids.len()).collect();
        assert_eq!(sizes, vec![200, 200, 50]);
    }

    #[test]
    fn retry_delays_double_up_to_five_minutes() {
        let delays: Vec<u32> = (1..=9).map(retry_delay_ms).collect();
        assert_eq!(delays, vec![5_000, 10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000, 300_000]);
        assert_eq!(retry_delay_ms(u32::MAX), MAX_RETRY_MS);
    }

    #[test]
    fn merge_adds_only_new_ids() {
        let mut list = vec![entry("1", "a", None)];
        let added = merge(&mut list, vec![entry("1", "a", None), entry("2", "a", None)]);
        assert_eq!(added, 1);
        assert_eq!(list.iter().map(|e| e.id.as_str()).collect::<Vec<_>>(), vec!["1", "2"]);
    }

    #[test]
    fn stored_entries_without_an_inbox_still_read() {
        let old: OutboxEntry = serde_json::from_str(r#"{"id":"1","survey":"a","record":"r"}"#).unwrap();
        assert_eq!(old.to, None);
        assert!(!old.held);
        assert!(!serde_json::to_string(&old).unwrap().contains("\"to\""));
    }
}
