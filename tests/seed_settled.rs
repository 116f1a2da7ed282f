//! Contacts that arrive with their past (imports, demo books) are planned and logged from
//! memory instead of being read back (`service/seed.rs`). On random seeds this checks the
//! shortcut against the plain way: the logged "after" of each contact equals the contact
//! read from the book, and re-planning every contact afterwards changes no follow-up.

mod common;

use common::open_book;
use proptest::prelude::*;
use rusqlite::Connection;
use salesbook::domain::command::{BatchKind, Command, SeedContact, SeedFollowup};
use salesbook::domain::followup::{Appointment, FollowupState, Track};
use salesbook::domain::state::{ContactState, EventDetail};
use salesbook::domain::{Grade, Interaction, InteractionKind, TagRef};
use salesbook::service::demo::{DemoOptions, generate};

type FollowupRow = (
    i64,
    i64,
    String,
    i64,
    Option<i64>,
    i64,
    String,
    Option<String>,
);

fn followups(path: &std::path::Path) -> (Vec<FollowupRow>, Vec<(i64, Option<i64>)>) {
    let conn = Connection::open(path).unwrap();
    let rows = conn
        .prepare(
            "SELECT id, contact_id, track, step, purchase_id, due_at, status, \
             printf('%s|%s|%.9f|%s|%s|%s|%s', action, script, score_base, valid_from, \
             valid_until, card, overdue_at) \
             FROM followups ORDER BY id",
        )
        .unwrap()
        .query_map([], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
            ))
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let next = conn
        .prepare("SELECT id, next_due_at FROM contacts ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    (rows, next)
}

fn last_event(path: &std::path::Path) -> EventDetail {
    let conn = Connection::open(path).unwrap();
    let text: String = conn
        .query_row(
            "SELECT detail FROM events ORDER BY id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    serde_json::from_str(&text).unwrap()
}

/// Seeds the way an import makes them: unsorted and repeated tags, archived rows, grades,
/// purchases of the template's products (which plan repurchase reminders), with times that
/// are not whole seconds.
fn import_like(mut seeds: Vec<SeedContact>, twist: u64, products: &[String]) -> Vec<SeedContact> {
    for (i, s) in seeds.iter_mut().enumerate() {
        let k = (i as u64).wrapping_mul(31).wrapping_add(twist);
        if k.is_multiple_of(2) && !products.is_empty() {
            let at = s.created_at + chrono::Duration::milliseconds((k % 90_000_000) as i64 + 1);
            let product = &products[(k as usize / 2) % products.len()];
            s.purchases.push((at, Some(product.clone()), Some(9900)));
            if k.is_multiple_of(6) {
                // The same product bought again later: only the later one is reminded.
                let later = at + chrono::Duration::days(3);
                s.purchases.push((later, Some(product.clone()), None));
            }
        }
        if k.is_multiple_of(3) {
            let t = |g: &str, n: &str| TagRef {
                group: g.into(),
                tag: n.into(),
            };
            s.contact.tags = vec![t("乙", "b"), t("甲", "a"), t("乙", "b"), t("Z", "z")];
        }
        if k.is_multiple_of(5) {
            s.archived = true;
        }
        if k.is_multiple_of(4) {
            s.contact.grade = Some(Grade::A);
        }
        if k % 7 < 3 {
            // Taken over from a file: the import's entry, and sometimes the file's last
            // contact before it (the planner reads both back from the timeline).
            let imported =
                s.created_at + chrono::Duration::milliseconds((k % 9_000_000) as i64 * 97);
            if k % 7 < 2 {
                let prior = s.created_at + chrono::Duration::milliseconds((k % 5_000) as i64 * 311);
                s.history
                    .push(Interaction::new(0, prior, InteractionKind::PriorContact));
            }
            s.history
                .push(Interaction::new(0, imported, InteractionKind::Imported));
        }
        if k.is_multiple_of(8) {
            // Regraded (a book's own export read back): graded since then.
            let mut edit =
                Interaction::new(0, s.created_at + hours(k % 50), InteractionKind::Edited);
            edit.grade_change = Some((Some(Grade::C), s.contact.grade));
            s.history.push(edit);
        }
        if k % 11 < 5 {
            worked(s, k);
        }
    }
    seeds
}

fn hours(n: u64) -> chrono::Duration {
    chrono::Duration::minutes(n as i64 * 60 + 7)
}

/// What a rep did to the plan before, as a book's own export carries it: the first reply
/// done, a cadence step skipped, one snoozed, the purchase's reminder snoozed, a date set
/// with the customer (kept, missed or still to come) and its reminder replaced.
fn worked(s: &mut SeedContact, k: u64) {
    let at = s.created_at;
    let f = |track: Track, step: u32, due: u64, state: FollowupState, closed: Option<u64>| {
        SeedFollowup {
            track,
            step,
            purchase: None,
            due: at + hours(due),
            state,
            closed_at: closed.map(|c| at + hours(c)),
            action: format!("{track:?} {step}"),
            script: None,
            note: (state == FollowupState::Skipped).then(|| "出差".to_string()),
            overdue: None,
        }
    };
    s.worked.push(f(
        Track::FirstResponse,
        0,
        0,
        FollowupState::Done,
        Some(k % 3),
    ));
    s.worked
        .push(f(Track::Cadence, 0, 24, FollowupState::Skipped, Some(30)));
    let mut snoozed = f(
        Track::Cadence,
        1,
        24 * (k % 40),
        FollowupState::Snoozed,
        None,
    );
    // Some were snoozed after their deadline had passed.
    snoozed.overdue = k.is_multiple_of(3).then(|| at + hours(12));
    s.worked.push(snoozed);
    if !s.purchases.is_empty() {
        let mut r = f(
            Track::Repurchase,
            0,
            24 * (k % 90),
            FollowupState::Snoozed,
            None,
        );
        r.purchase = Some(s.purchases.len() - 1);
        s.worked.push(r);
    }
    if k % 11 < 3 {
        s.appointments.push(Appointment {
            id: 0,
            at: at + hours(24 * (k % 20)),
            note: Some("面谈".into()),
            kind: Some(["visit", "call", "其他"][(k % 3) as usize].into()),
            remind: k.is_multiple_of(2),
            created_at: at + hours(1),
        });
        s.worked.push(f(
            Track::Reminder,
            0,
            20,
            FollowupState::Superseded,
            Some(21),
        ));
        match k % 11 {
            0 => s
                .worked
                .push(f(Track::Appointment, 0, 24, FollowupState::Done, Some(25))),
            1 => s.worked.push(f(
                Track::Appointment,
                0,
                24,
                FollowupState::Skipped,
                Some(26),
            )),
            _ => {}
        }
    }
}

/// Runs the check; returns how many repurchase reminders the seeds planned.
fn check(seeds: Vec<SeedContact>) -> usize {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.sqlite");
    let mut book = open_book(&path, common::NOW);
    let n = seeds.len();
    // Each contact's history as it should read back: in time order, whole seconds.
    let histories: Vec<Vec<String>> = seeds.iter().map(|s| timeline_of(&s.history)).collect();
    book.execute(Command::Batch {
        kind: BatchKind::Import,
        commands: seeds
            .into_iter()
            .map(|s| Command::Seed(Box::new(s)))
            .collect(),
    })
    .unwrap();
    // The seeds were indexed from memory as they were written (before the re-plan below,
    // which reads every contact back).
    let indexed = common::index_snapshot(&path);
    let logged = last_event(&path);
    assert_eq!(logged.contacts.len(), n);
    // Seeds become contacts in order: each one's timeline is its history, entry for entry.
    let mut ids: Vec<_> = logged.contacts.iter().map(|c| c.id).collect();
    ids.sort_unstable();
    for (id, want) in ids.iter().zip(&histories) {
        let got = timeline_of(&book.view().timeline(*id).unwrap());
        assert_eq!(&got, want, "the timeline of contact {id}");
    }
    for change in &logged.contacts {
        let read = book.view().contact(change.id).unwrap();
        assert_eq!(
            change.after.as_ref(),
            Some(&ContactState::of(&read)),
            "logged after-state of contact {} differs from the book",
            change.id
        );
    }
    // Graded since the last logged change to the grade it has, as an undo finds it.
    let conn = Connection::open(&path).unwrap();
    let off: i64 = conn
        .query_row(
            "SELECT count(*) FROM contacts c WHERE grade_since IS NOT coalesce((SELECT max(at) \
             FROM interactions i WHERE i.contact_id = c.id AND kind IN ('edited', 'merged') \
             AND grade_to IS c.grade AND grade_from IS NOT c.grade), created_at)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        off, 0,
        "contacts whose grade_since is not their last regrade"
    );
    let before = followups(&path);
    book.execute(Command::Replan).unwrap();
    let after = followups(&path);
    assert_eq!(before, after, "re-planning changed the seeded plans");
    assert!(book.view().verify().unwrap().ok());
    drop(book);
    // A rebuild reads every contact and its timeline back from the book.
    salesbook::store::Store::open(&path, false, None)
        .unwrap()
        .0
        .rebuild_search_index()
        .unwrap();
    assert!(
        indexed == common::index_snapshot(&path),
        "the seeds' search index differs from a rebuild"
    );
    before.0.iter().filter(|f| f.2 == "repurchase").count()
}

/// Timeline entries compared whole, sorted (the book keeps time to the second and lists
/// entries by time).
fn timeline_of(entries: &[salesbook::domain::Interaction]) -> Vec<String> {
    let mut out: Vec<String> = entries
        .iter()
        .map(|i| {
            format!(
                "{} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?}",
                i.at.timestamp(),
                i.kind,
                i.channel,
                i.text,
                i.from_stage,
                i.to_stage,
                i.script_id,
                i.amount_cents,
                i.product,
                i.grade_change
            )
        })
        .collect();
    out.sort();
    out
}

fn products() -> Vec<String> {
    salesbook::service::Session::with_default_template(
        salesbook::clock::Clock::parse(common::NOW).unwrap(),
        common::USER,
    )
    .template
    .products
    .iter()
    .map(|p| p.name.clone())
    .collect()
}

fn seeds(contacts: u64, per: u64, seed: u64, days_ago: i64) -> Vec<SeedContact> {
    let now = chrono::DateTime::parse_from_rfc3339(common::NOW)
        .unwrap()
        .to_utc()
        - chrono::Duration::days(days_ago);
    let opts = DemoOptions {
        contacts,
        interactions: contacts * per,
        seed,
        ..DemoOptions::default()
    };
    generate(&opts, now).collect()
}

/// The random cases below reach every plan this one shows exists.
#[test]
fn the_seeds_plan_every_track() {
    let planned = check(import_like(seeds(60, 4, 7, 30), 0, &products()));
    assert!(planned > 0, "no repurchase reminder was planned");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]
    #[test]
    fn settled_seeds_match_the_plain_way(
        contacts in 1u64..40,
        // Up to 20 entries a contact: histories longer than one multi-row insert.
        per in 1u64..20,
        seed in any::<u64>(),
        twist in any::<u64>(),
        days_ago in 0i64..400,
    ) {
        check(import_like(seeds(contacts, per, seed, days_ago), twist, &products()));
    }
}

/// A contact that one command creates and then changes is indexed as it ends up: the
/// change drops what the seed handed to the index, and the contact is read back.
#[test]
fn a_seed_changed_in_the_same_batch_is_indexed_as_changed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.sqlite");
    let mut book = open_book(&path, common::NOW);
    let mut first = seeds(1, 3, 11, 5).remove(0);
    first.contact.name = "欧阳强浩".into();
    let kept = seeds(1, 3, 12, 5).remove(0);
    let kept_name = kept.contact.name.clone();
    book.execute(Command::Batch {
        kind: BatchKind::Import,
        commands: vec![
            Command::Seed(Box::new(first)),
            Command::Seed(Box::new(kept)),
            // A fresh book: the first seed becomes contact 1.
            Command::Edit {
                id: 1,
                patch: salesbook::domain::ContactPatch {
                    name: Some("司马浩然".into()),
                    ..Default::default()
                },
            },
        ],
    })
    .unwrap();
    let names = |q: &str| -> Vec<String> {
        book.view()
            .search(q, 10, true)
            .unwrap()
            .hits
            .into_iter()
            .map(|h| h.contact.name)
            .collect()
    };
    assert_eq!(names("司马浩然"), vec!["司马浩然".to_string()]);
    assert_eq!(names("smhr"), vec!["司马浩然".to_string()]);
    assert!(
        names("欧阳强浩").is_empty(),
        "the name before the edit is still indexed"
    );
    assert!(
        names("oyqh").is_empty(),
        "the old name's pinyin is still indexed"
    );
    assert_eq!(names(&kept_name).first(), Some(&kept_name));
}
