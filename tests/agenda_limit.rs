//! `agenda --limit N` reads only the most urgent rows of an index ordered by each
//! follow-up's time-independent score, plus the few that rotting could lift above them. On
//! random books, clocks and limits, the limited agenda must equal the first N of the
//! unlimited one, section by section, item by item.

mod common;

use proptest::prelude::*;
use salesbook::domain::command::{BatchKind, Command, SeedContact};
use salesbook::domain::{Grade, Stage, TagRef};
use salesbook::service::Section;
use salesbook::service::demo::{DemoOptions, generate};

/// The unlimited agenda: more rows than any section of these books holds.
const ALL: usize = 100_000;

/// Urgency weights the book is planned and read with: fractional ones make items whose
/// scores differ by less than the shown rounding (0.1) common.
#[derive(Debug, Clone)]
struct Weights {
    per_overdue_day: f64,
    grade: [f64; 4],
    stage: [f64; 5],
    tag: f64,
    rotting: f64,
}

impl Weights {
    fn default_template() -> Weights {
        let t = salesbook::service::Session::with_default_template(
            salesbook::clock::Clock::parse(common::NOW).unwrap(),
            common::USER,
        )
        .template;
        let u = &t.urgency;
        Weights {
            per_overdue_day: u.per_overdue_day,
            grade: Grade::ALL.map(|g| u.grade.get(&g).copied().unwrap_or(0.0)),
            stage: Stage::ALL.map(|s| u.stage.get(&s).copied().unwrap_or(0.0)),
            tag: u.tags.get(HOT).copied().unwrap_or(0.0),
            rotting: u.rotting,
        }
    }

    fn session(&self, now: &str) -> salesbook::service::Session {
        let clock = salesbook::clock::Clock::parse(now).unwrap();
        let mut session = salesbook::service::Session::with_default_template(clock, common::USER);
        let u = &mut session.template.urgency;
        u.per_overdue_day = self.per_overdue_day;
        for (g, w) in Grade::ALL.iter().zip(self.grade) {
            u.grade.insert(*g, w);
        }
        for (s, w) in Stage::ALL.iter().zip(self.stage) {
            u.stage.insert(*s, w);
        }
        u.tags.insert(HOT.to_string(), self.tag);
        u.rotting = self.rotting;
        session
    }
}

/// A tag the default template weighs.
const HOT: &str = "意向/近期购买";

fn weights() -> impl Strategy<Value = Weights> {
    // Hundredths: sums land within 0.1 of each other often.
    let w = || (-2000i32..4000).prop_map(|x| f64::from(x) / 100.0);
    (
        prop_oneof![Just(3.0), (1i32..800).prop_map(|x| f64::from(x) / 100.0)],
        [w(), w(), w(), w()],
        [w(), w(), w(), w(), w()],
        w(),
        prop_oneof![Just(10.0), -3000.0f64..3000.0],
    )
        .prop_map(|(per_overdue_day, grade, stage, tag, rotting)| Weights {
            per_overdue_day,
            grade,
            stage,
            tag,
            rotting,
        })
}

fn build(
    contacts: u64,
    per: u64,
    seed: u64,
    twist: u64,
    weights: &Weights,
) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.sqlite");
    let built_at = chrono::DateTime::parse_from_rfc3339(common::NOW)
        .unwrap()
        .to_utc();
    let opts = DemoOptions {
        contacts,
        interactions: contacts * per,
        seed,
        ..DemoOptions::default()
    };
    let mut seeds: Vec<SeedContact> = generate(&opts, built_at).collect();
    // Tags with urgency weights, and many contacts alike (same stage, grade and quiet
    // spell) so the index order holds long runs of equal scores that rotting reorders.
    for (i, s) in seeds.iter_mut().enumerate() {
        let k = (i as u64).wrapping_mul(0x9E37_79B9).wrapping_add(twist);
        if k.is_multiple_of(3) {
            s.contact.tags.push(HOT.parse::<TagRef>().unwrap());
        }
        // Tags no weight names, before and after the weighted one in the tag order: the
        // agenda reads only the weighted ones, and must rank and explain as if it read all.
        // The template's other weighted tag, which sorts before it.
        if k % 6 < 3 {
            s.contact
                .tags
                .push("意向/对比观望".parse::<TagRef>().unwrap());
        }
        if k % 5 < 2 {
            s.contact.tags.push("A组/无关".parse::<TagRef>().unwrap());
        }
        if k % 7 < 3 {
            s.contact.tags.push("来源/无关".parse::<TagRef>().unwrap());
        }
        if k.is_multiple_of(4) {
            s.history.truncate(1);
            s.last_touch_at = None;
        }
    }
    let mut book =
        salesbook::service::Book::open(&path, weights.session(common::NOW), true).unwrap();
    book.execute(Command::Batch {
        kind: BatchKind::Demo,
        commands: seeds
            .into_iter()
            .map(|s| Command::Seed(Box::new(s)))
            .collect(),
    })
    .unwrap();
    (dir, path)
}

/// Opens the book at `now` with the weights it was planned with, but the rotting weight
/// `rot` (added at read time, never stored: the plans need not change).
fn check(
    path: &std::path::Path,
    weights: &Weights,
    now: &str,
    rot: f64,
    days: u32,
    limits: &[usize],
) {
    let mut session = weights.session(now);
    session.template.urgency.rotting = rot;
    let book = salesbook::service::Book::open(path, session, false).unwrap();
    let view = book.view();
    let date = view.clock().local(view.now()).date_naive();
    let full = view.agenda_items(date, days, ALL, true).unwrap();
    // The unlimited agenda against the plain way: every open follow-up of the book, live
    // now, put in its section and sorted by the ranking key.
    let plain = plain_ranking(&view, date, days);
    for ((section, all), (s2, expected)) in full.sections.iter().zip(&plain) {
        assert_eq!(section, s2);
        let got: Vec<i64> = all.iter().map(|i| i.followup_id).collect();
        assert_eq!(
            &got, expected,
            "{section:?} at {now}: the agenda is not the full ranking"
        );
    }
    // Each item's terms against the plain way: the follow-up and its contact read whole.
    let t = view.template();
    for (_, items) in &full.sections {
        for item in items {
            let c = view.contact(item.contact_id).unwrap();
            let f = view
                .open_followups_of(c.id)
                .unwrap()
                .into_iter()
                .find(|f| f.id == item.followup_id)
                .unwrap();
            let rotting = view.is_rotting(&c);
            let terms = salesbook::domain::followup::urgency(
                t,
                &c,
                f.track,
                f.step,
                f.due,
                rotting,
                view.now(),
            );
            assert_eq!(item.terms, terms, "follow-up {} at {now}", f.id);
        }
    }
    // The cuts are read without explanations: their urgency is summed without the terms'
    // names, and must be the named terms' sum all the same (compared to the bit below).
    for &limit in limits {
        let cut = view.agenda_items(date, days, limit, false).unwrap();
        for ((section, all), (s2, some)) in full.sections.iter().zip(&cut.sections) {
            assert_eq!(section, s2);
            let expected: Vec<(i64, String)> = all
                .iter()
                .take(limit)
                .map(|i| (i.followup_id, format!("{:.1}", i.urgency)))
                .collect();
            let got: Vec<(i64, String)> = some
                .iter()
                .map(|i| (i.followup_id, format!("{:.1}", i.urgency)))
                .collect();
            assert_eq!(
                got, expected,
                "{section:?} with --limit {limit} at {now} is not the first {limit} of the full ranking"
            );
            for (i, named) in some.iter().zip(all) {
                assert!(i.terms.is_empty(), "terms named without --explain");
                assert_eq!(i.urgency.to_bits(), named.urgency.to_bits());
            }
        }
    }
}

/// Every open follow-up's due time.
fn all_dues(path: &std::path::Path, weights: &Weights) -> Vec<chrono::DateTime<chrono::Utc>> {
    let book = salesbook::service::Book::open(path, weights.session(common::NOW), false).unwrap();
    let view = book.view();
    let mut dues = Vec::new();
    let mut id = 1;
    while view.contact(id).is_ok() {
        dues.extend(
            view.open_followups_of(id)
                .unwrap()
                .into_iter()
                .map(|f| f.due),
        );
        id += 1;
    }
    dues
}

fn plain_ranking(
    view: &salesbook::service::View,
    date: chrono::NaiveDate,
    days: u32,
) -> Vec<(Section, Vec<i64>)> {
    use salesbook::domain::followup::{Track, rank_cmp, rank_key};
    let now = view.now();
    let t = view.template();
    let midnight = |d: chrono::NaiveDate| salesbook::service::local_midnight(d, view.clock());
    let day_end = midnight(date.succ_opt().unwrap());
    let horizon = day_end + chrono::Duration::days(i64::from(days));
    let cut = now.clamp(midnight(date), day_end);
    let mut all = Vec::new();
    let mut id = 1;
    while let Ok(open) = view.open_followups_of(id) {
        if view.contact(id).is_err() {
            break;
        }
        all.extend(open);
        id += 1;
    }
    Section::ALL
        .iter()
        .map(|&section| {
            let mut rows: Vec<_> = all
                .iter()
                .filter(|f| f.valid_from.is_none_or(|v| v <= now))
                .filter(|f| f.valid_until.is_none_or(|v| v > now))
                .filter(|f| match section {
                    Section::NewLeads => f.track == Track::FirstResponse,
                    _ if f.track == Track::FirstResponse => false,
                    Section::Overdue => f.due < cut,
                    Section::Today => f.due >= cut && f.due < day_end,
                    Section::Upcoming => f.due >= day_end && f.due < horizon,
                })
                .map(|f| {
                    (
                        rank_key(t, f.track, f.score_base, f.due, f.rot_from, now),
                        f.due,
                        f.id,
                    )
                })
                .collect();
            rows.sort_by(|a, b| rank_cmp(*a, *b));
            (section, rows.into_iter().map(|r| r.2).collect())
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn a_limited_agenda_is_the_head_of_the_full_one(
        contacts in 20u64..160,
        per in 1u64..5,
        seed in any::<u64>(),
        twist in any::<u64>(),
        later_hours in prop::collection::vec(0i64..(24 * 90), 3),
        days in 0u32..10,
        limits in prop::collection::vec(1usize..40, 4),
        weights in weights(),
        pick in any::<prop::sample::Index>(),
        after_due in 0i64..150,
    ) {
        let (_dir, path) = build(contacts, per, seed, twist, &weights);
        let start = chrono::DateTime::parse_from_rfc3339(common::NOW).unwrap();
        for h in later_hours {
            let now = (start + chrono::Duration::hours(h)).to_rfc3339();
            check(&path, &weights, &now, weights.rotting, days, &limits);
        }
        // A clock just after some item's due time: items overdue by less than a minute
        // rank by another formula than the rest.
        let dues = all_dues(&path, &weights);
        if !dues.is_empty() {
            let now = (pick.get(&dues).with_timezone(&start.timezone())
                + chrono::Duration::seconds(after_due))
            .to_rfc3339();
            check(&path, &weights, &now, weights.rotting, days, &limits);
        }
    }
}

/// A heavy rotting weight lifts a rotting contact's follow-up over hundreds of others in
/// the index order: a cut at 1 must still find it, however far down it is.
#[test]
fn rotting_lifts_items_from_deep_in_the_index_order() {
    let weights = Weights::default_template();
    let (_dir, path) = build(1500, 2, 42, 0, &weights);
    for h in [0, 24 * 10, 24 * 30, 24 * 60] {
        let now = (chrono::DateTime::parse_from_rfc3339(common::NOW).unwrap()
            + chrono::Duration::hours(h))
        .to_rfc3339();
        for rot in [10.0, 300.0, 5000.0, -40.0] {
            check(&path, &weights, &now, rot, 3, &[1, 2, 5, 10]);
        }
    }
}

/// A book from before the day index and the cards (schema 9, read as it is) ranks its
/// sections not yet due in one read and reads its items' contacts; one from before the
/// cards (schema 10) walks the days and reads the contacts; a new one walks the days and
/// shows items from their cards. All must give the same agenda, item for item and term for
/// term, at clocks that cut the days into long and short parts.
#[test]
fn books_with_and_without_the_day_index_rank_alike() {
    let weights = Weights::default_template();
    let (dir, path) = build(600, 3, 7, 1, &weights);
    // The score and track indexes as schemas 8 to 10 had them (without the cards).
    let narrow = "DROP INDEX followups_open_by_score;
         CREATE INDEX followups_open_by_score ON followups (score_base, rot_from, due_at, track,
             valid_from, valid_until, contact_id, step, action, script, status)
             WHERE status = 'open';
         DROP INDEX followups_open_by_track;
         CREATE INDEX followups_open_by_track ON followups (track, score_base, due_at, rot_from,
             valid_from, valid_until, contact_id, step, action, script, status)
             WHERE status = 'open';";
    let older = |name: &str, sql: &str| {
        let copy = dir.path().join(name);
        std::fs::copy(&path, &copy).unwrap();
        let conn = rusqlite::Connection::open(&copy).unwrap();
        conn.execute_batch(&format!(
            "{narrow} {sql} ALTER TABLE followups DROP COLUMN card;
             ALTER TABLE contacts DROP COLUMN quiet_from;
             ALTER TABLE contacts DROP COLUMN quiet_wake;
             PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE;"
        ))
        .unwrap();
        copy
    };
    // As schema 9 left it: no day index, no cards.
    let nine = older(
        "nine.sqlite",
        "DROP INDEX followups_open_by_day; PRAGMA user_version = 9;",
    );
    // As schema 10 left it: the day index, no cards.
    let ten = older(
        "ten.sqlite",
        "DROP INDEX followups_open_by_day;
         CREATE INDEX followups_open_by_day ON followups (due_at / 86400, score_base, rot_from,
             due_at, track, valid_from, valid_until, contact_id, step, action, script, status)
             WHERE status = 'open';
         PRAGMA user_version = 10;",
    );
    let start = chrono::DateTime::parse_from_rfc3339(common::NOW).unwrap();
    let mut compared = 0;
    for h in [0, 5, 13, 22, 24 * 3 + 7, 24 * 20 + 23] {
        let now = (start + chrono::Duration::hours(h)).to_rfc3339();
        for (days, limit) in [(1, 5), (1, 50), (3, 2), (0, 10), (9, 1)] {
            // Every item whole: which items, and how each shows (name, stage, grade, terms).
            let agenda = |p: &std::path::Path| {
                let book = salesbook::service::ReadBook::open(p, weights.session(&now)).unwrap();
                let view = book.view();
                let date = view.clock().local(view.now()).date_naive();
                let a = view.agenda_items(date, days, limit, true).unwrap();
                let shown = serde_json::to_string(&a.sections).unwrap();
                let ids = a
                    .sections
                    .iter()
                    .map(|(s, items)| (*s, items.iter().map(|i| i.followup_id).collect()))
                    .collect::<Vec<(Section, Vec<i64>)>>();
                (ids, shown)
            };
            let fresh = agenda(&path);
            for old in [&nine, &ten] {
                assert!(
                    agenda(old) == fresh,
                    "{old:?} at {now}, --days {days} --limit {limit}: not the same agenda"
                );
            }
            let new = fresh.0;
            compared += new
                .iter()
                .filter(|(s, ids)| {
                    matches!(s, Section::Today | Section::Upcoming) && !ids.is_empty()
                })
                .count();
        }
    }
    assert!(
        compared > 20,
        "too few items not yet due to compare: {compared}"
    );
}

/// An item stops being live at the very second its window closes (`valid_until`, as a
/// cadence step does when its contact goes dormant before the step is due) and is live
/// from the second it opens (`valid_from`). At exactly those clocks, the day walks must
/// agree with the plain way, which keeps `valid_from <= now < valid_until`.
#[test]
fn items_come_and_go_at_the_very_second_their_window_says() {
    let weights = Weights::default_template();
    let (_dir, path) = build(900, 3, 11, 2, &weights);
    let book = salesbook::service::Book::open(&path, weights.session(common::NOW), false).unwrap();
    let view = book.view();
    // Window edges of items due after them: at such a clock the item is one of Today's or
    // the coming days' (due later), read by a day walk.
    let mut edges = Vec::new();
    let mut id = 1;
    while view.contact(id).is_ok() {
        for f in view.open_followups_of(id).unwrap() {
            edges.extend(f.valid_until.filter(|&u| u < f.due));
            edges.extend(f.valid_from.filter(|&s| s < f.due));
        }
        id += 1;
    }
    drop(book);
    edges.sort();
    edges.dedup();
    assert!(edges.len() >= 5, "too few window edges: {edges:?}");
    let zone = chrono::DateTime::parse_from_rfc3339(common::NOW)
        .unwrap()
        .timezone();
    let step = edges.len().div_ceil(12);
    for edge in edges.iter().step_by(step) {
        let now = edge.with_timezone(&zone).to_rfc3339();
        check(&path, &weights, &now, weights.rotting, 40, &[1, 3]);
    }
    // The plans here never close a window at the item's due time, but a book may hold one
    // (a step due the second its contact goes dormant): at that second the item is gone.
    // Made by hand on items due in the first half of a UTC day, so that the rest of the
    // day is walked, not ranked in one read.
    let conn = rusqlite::Connection::open(&path).unwrap();
    let start = chrono::DateTime::parse_from_rfc3339(common::NOW)
        .unwrap()
        .timestamp();
    let dues: Vec<i64> = conn
        .prepare(
            "UPDATE followups SET valid_until = due_at WHERE id IN (SELECT id FROM followups \
             WHERE status = 'open' AND track != 'first_response' AND due_at > ?1 \
             AND due_at % 86400 < 43200 ORDER BY id LIMIT 6) RETURNING due_at",
        )
        .unwrap()
        .query_map([start], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    drop(conn);
    assert_eq!(dues.len(), 6, "{dues:?}");
    for due in dues {
        let now = chrono::DateTime::from_timestamp(due, 0)
            .unwrap()
            .with_timezone(&zone)
            .to_rfc3339();
        check(&path, &weights, &now, weights.rotting, 40, &[1, 3]);
    }
}

/// The day walks read the items whose contacts rot apart from the others, "rots" meaning
/// `rot_from <= now`. Plans rarely make an item that starts to rot before it is due, so
/// some are made by hand (a day before their due time). At the very second one starts to
/// rot, and the second before, the agenda must be the plain way's, with a weight heavy
/// enough to lift the item over most others and a cut just below it: a walk that missed
/// it would show another in its place.
#[test]
fn items_start_to_rot_at_the_very_second_their_row_says() {
    let rot = 300.0;
    // The book is planned with the weight it is read with: another template (weights are
    // part of it) would plan it again on opening, undoing the rows made by hand below.
    let weights = Weights {
        rotting: rot,
        ..Weights::default_template()
    };
    let (_dir, path) = build(400, 3, 23, 3, &weights);
    let start = chrono::DateTime::parse_from_rfc3339(common::NOW).unwrap();
    let conn = rusqlite::Connection::open(&path).unwrap();
    let edges: Vec<(i64, i64)> = conn
        .prepare(
            "UPDATE followups SET rot_from = due_at - 86400, valid_from = NULL, \
             valid_until = NULL WHERE id IN (SELECT id FROM followups \
             WHERE status = 'open' AND track != 'first_response' \
             AND due_at > ?1 + 2 * 86400 ORDER BY id LIMIT 8) RETURNING id, rot_from",
        )
        .unwrap()
        .query_map([start.timestamp()], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    drop(conn);
    assert_eq!(edges.len(), 8);
    let mut lifted = 0;
    for (id, edge) in edges {
        for at in [edge - 1, edge] {
            let now = chrono::DateTime::from_timestamp(at, 0)
                .unwrap()
                .with_timezone(&start.timezone())
                .to_rfc3339();
            let session = weights.session(&now);
            let book = salesbook::service::Book::open(&path, session, false).unwrap();
            let view = book.view();
            let date = view.clock().local(view.now()).date_naive();
            let plain = plain_ranking(&view, date, 40);
            let place = plain
                .iter()
                .find_map(|(_, ids)| ids.iter().position(|&f| f == id))
                .expect("the item is in a section");
            lifted += usize::from(at == edge && place < 5);
            for limit in [place.max(1), place + 1] {
                let got = view.agenda_items(date, 40, limit, false).unwrap();
                for ((section, items), (_, ids)) in got.sections.iter().zip(&plain) {
                    let got: Vec<i64> = items.iter().map(|i| i.followup_id).collect();
                    let want: Vec<i64> = ids.iter().take(limit).copied().collect();
                    assert_eq!(got, want, "{section:?} at {now}, --limit {limit}");
                }
            }
        }
    }
    assert!(lifted >= 4, "too few items lifted by rotting: {lifted}");
}
