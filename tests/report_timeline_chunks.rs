//! The report reads its timeline in ranges of entry ids that its two threads take in turn,
//! a shortcut for speed. On random books and random ways of sharing the ranges, what it
//! puts together must be what one pass over the whole timeline reads (and seal what
//! `verify` seals); a range a thread took but never handed back (it stopped) must be read
//! again, not lost.

mod common;

use chrono::{FixedOffset, TimeZone, Utc};
use common::Sb;
use salesbook::report::input::{BookInput, TemplateInfo, Window};
use salesbook::store::{Reader, ReportContacts, Snap, TimelineChunks, TimelinePart};
use std::fmt::Debug;

/// A small generator, so each case can be told by its seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

fn empty_input() -> BookInput {
    let template = TemplateInfo {
        id: "t".into(),
        name: "t".into(),
        version: 1,
        first_response_minutes: 30,
        rot_after_days: [None; 5],
        dormant_after_days: 30,
        churned_after_days: 90,
        script_window_days: 7,
        scripts: Vec::new(),
    };
    let now = Utc.with_ymd_and_hms(2026, 11, 23, 1, 0, 0).unwrap();
    BookInput::empty(
        template,
        Window::ALL,
        now,
        FixedOffset::east_opt(8 * 3600).unwrap(),
    )
}

/// The input's timeline-made lists, as comparable text (the timeline in any order).
fn lists(snap: &Snap<'_>, chunks: &TimelineChunks, parts: Vec<TimelinePart>) -> Vec<Vec<String>> {
    let mut contacts = ReportContacts::sized_for(snap);
    snap.for_each_book_contact(|c| {
        contacts.take(c);
        Ok(())
    })
    .unwrap();
    let mut input = empty_input();
    let timeline = snap
        .fill_report_input(&mut input, contacts, chunks, parts)
        .unwrap();
    // The timeline's rows, hashed as the ranges were read, seal what `verify`'s plain pass
    // over the tables seals.
    assert_eq!(
        timeline.plus(snap.report_tables().unwrap().seal),
        snap.records_seal().unwrap(),
        "the seal of a timeline read in ranges"
    );
    fn text<T: Debug>(v: &[T]) -> Vec<String> {
        v.iter().map(|r| format!("{r:?}")).collect()
    }
    let mut timeline = text(&input.timeline);
    timeline.sort();
    vec![
        timeline,
        text(&input.contacts),
        text(&input.outcome_changes),
        text(&input.grade_changes),
        vec![input.owner.clone()],
    ]
}

/// What one pass over the whole timeline reads.
fn one_pass(snap: &Snap<'_>) -> anyhow::Result<Vec<Vec<String>>> {
    let whole = snap.timeline_chunks_of(i64::MAX)?;
    let one = snap.read_timeline_chunks(&whole, 0)?;
    Ok(lists(snap, &whole, vec![one]))
}

/// A demo book with inbound messages and grade changes besides.
fn book(sb: &mut Sb, seed: u64) {
    let seed = seed.to_string();
    sb.ok(&[
        "demo",
        "--contacts",
        "120",
        "--interactions",
        "2400",
        "--seed",
        &seed,
    ]);
    for (id, grade) in [(3, "A"), (17, "D"), (3, "B"), (60, "C")] {
        sb.ok(&["edit", &id.to_string(), "--grade", grade]);
    }
    // Contact 5 writes twice, hours apart: its last message is the later one.
    for (id, at) in [
        (5, "2026-11-20T10:00:00+08:00"),
        (40, "2026-11-20T11:00:00+08:00"),
        (5, "2026-11-21T09:30:00+08:00"),
        (119, "2026-11-21T10:00:00+08:00"),
    ] {
        sb.set_now(at);
        // A demo contact may be archived: one that writes again is taken out first.
        let _ = sb.run(&["unarchive", &id.to_string()]);
        sb.ok(&["log", &id.to_string(), "--inbound", "--note", "在吗？"]);
    }
    // Overdue items snoozed, then done: closed rows that keep the deadline they missed
    // (`overdue_at`, which the seal covers).
    let items = sb.json(&["agenda", "--format", "json", "--limit", "200"]);
    let overdue: Vec<String> = items
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["section"] == "overdue")
        .take(3)
        .map(|i| i["followup_id"].to_string())
        .collect();
    assert!(!overdue.is_empty(), "the demo leaves items overdue");
    for id in &overdue {
        sb.ok(&["snooze", id, "--until", "+1d"]);
        sb.ok(&["done", id]);
    }
}

#[test]
fn ranges_shared_at_random_read_what_one_pass_reads() {
    for seed in [7u64, 2024, 99_991] {
        let mut sb = Sb::new();
        book(&mut sb, seed);
        let reader = Reader::open(&sb.db()).unwrap();
        reader
            .read(|snap| {
                let want = one_pass(&snap)?;
                assert!(want[0].len() > 1500, "the book has a real timeline");
                assert!(want[2].len() > 5 && want[3].len() > 5, "and changes");
                let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
                for round in 0..12 {
                    let step = 1 + rng.below(700) as i64;
                    let chunks = snap.timeline_chunks_of(step)?;
                    // Three readers take ranges in a random order; the third one's
                    // ranges are dropped, as if its thread had stopped.
                    let mut parts = [
                        TimelinePart::default(),
                        TimelinePart::default(),
                        TimelinePart::default(),
                    ];
                    loop {
                        let who = rng.below(if round % 3 == 0 { 2 } else { 3 }) as usize;
                        if !snap.read_next_timeline_chunk(&chunks, &mut parts[who])? {
                            break;
                        }
                    }
                    let [a, b, _lost] = parts;
                    let got = lists(&snap, &chunks, vec![a, b]);
                    assert_eq!(got, want, "seed {seed}, round {round}, step {step}");
                }
                Ok(())
            })
            .unwrap();
    }
}

#[test]
fn a_range_never_taken_is_read_when_the_parts_are_put_together() {
    let mut sb = Sb::new();
    book(&mut sb, 5);
    let reader = Reader::open(&sb.db()).unwrap();
    reader
        .read(|snap| {
            let want = one_pass(&snap)?;
            // Nobody read anything: everything is read while putting together.
            let chunks = snap.timeline_chunks_of(100)?;
            assert_eq!(lists(&snap, &chunks, Vec::new()), want);
            Ok(())
        })
        .unwrap();
}
