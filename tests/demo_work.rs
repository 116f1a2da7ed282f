//! A demo book shows a rep at work: the follow-ups the plan asked for since each contact's
//! last touch were worked (`service/demo_work.rs`), mostly on time, some late, a few
//! skipped with a reason or let slip. The generator plans them itself, step by step; on
//! random books this checks it against the plain way — re-planning the finished book
//! changes no follow-up — and that each closed follow-up left the timeline entry `done` or
//! `skip` leaves.

mod common;

use common::{NOW, Sb, open_book};
use proptest::prelude::*;
use rusqlite::Connection;
use salesbook::domain::command::Command;
use serde_json::Value;

type Row = (i64, i64, String, i64, Option<i64>, i64, String, Option<i64>);

fn followups(conn: &Connection) -> Vec<Row> {
    conn.prepare(
        "SELECT id, contact_id, track, step, purchase_id, due_at, status, closed_at \
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
    .collect::<rusqlite::Result<_>>()
    .unwrap()
}

/// Builds a demo book and returns how many follow-ups it holds as worked, and how many
/// repeat purchases.
fn check(contacts: u64, per: u64, seed: u64) -> (usize, usize) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.sqlite");
    let mut book = open_book(&path, NOW);
    book.execute(Command::Demo {
        contacts,
        interactions: contacts * per,
        seed,
        force: false,
    })
    .unwrap();
    let conn = Connection::open(&path).unwrap();
    let before = followups(&conn);
    let worked: Vec<&Row> = before
        .iter()
        .filter(|f| f.6 == "done" || f.6 == "skipped")
        .collect();
    for f in &worked {
        // The entry `done` or `skip` writes, at the moment it was closed.
        let kind = if f.6 == "done" {
            "followup_done"
        } else {
            "followup_skipped"
        };
        let n: i64 = conn
            .query_row(
                "SELECT count(*) FROM interactions WHERE contact_id = ?1 AND kind = ?2 \
                 AND at = ?3",
                (f.1, kind, f.7),
                |r| r.get(0),
            )
            .unwrap();
        assert!(n >= 1, "follow-up {f:?} has no {kind} entry at its closing");
        assert!(
            f.7.is_some_and(|at| at <= now_secs()),
            "{f:?} closed in the future"
        );
    }
    // Worked after what the book held of the contact: every closing comes at least a minute
    // after every entry that is not one, as a rep works a follow-up after the last talk —
    // but for a purchase that a repurchase reminder brought, which follows the reminder.
    let out_of_order: i64 = conn
        .query_row(
            "SELECT count(*) FROM interactions w JOIN interactions o \
             ON o.contact_id = w.contact_id \
             AND o.kind NOT IN ('followup_done', 'followup_skipped') \
             WHERE w.kind IN ('followup_done', 'followup_skipped') AND w.at < o.at + 60 \
             AND NOT (o.kind = 'won' AND EXISTS (SELECT 1 FROM interactions e \
                 WHERE e.contact_id = o.contact_id AND e.kind = 'won' AND e.at < o.at))",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(out_of_order, 0, "closings before the talk they follow");
    // A repeat purchase follows a repurchase reminder that was done, within three days,
    // and is the product that reminder was about, at its price; it is recorded as `won`
    // records one (an entry with the purchase).
    let repeats: Vec<(i64, i64, String, i64)> = conn
        .prepare(
            "SELECT p.contact_id, p.at, p.product, p.amount_cents FROM purchases p \
             WHERE EXISTS (SELECT 1 FROM purchases q WHERE q.contact_id = p.contact_id \
                 AND q.id < p.id)",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    for (contact, at, product, amount) in &repeats {
        let reminded: i64 = conn
            .query_row(
                "SELECT count(*) FROM followups f JOIN purchases q ON q.id = f.purchase_id \
                 WHERE f.contact_id = ?1 AND f.track = 'repurchase' AND f.status = 'done' \
                 AND f.closed_at < ?2 AND f.closed_at >= ?2 - 3 * 86400 - 1800 \
                 AND q.product = ?3 AND q.amount_cents = ?4",
                (contact, at, product, amount),
                |r| r.get(0),
            )
            .unwrap();
        assert!(
            reminded >= 1,
            "repeat purchase {contact} {at} {product} unprompted"
        );
        let entry: i64 = conn
            .query_row(
                "SELECT count(*) FROM interactions WHERE contact_id = ?1 AND kind = 'won' \
                 AND at = ?2 AND product = ?3 AND amount_cents = ?4",
                (contact, at, product, amount),
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(entry, 1, "repeat purchase {contact} {at} has no entry");
    }
    // `done` leaves the script it sent on its entry; `skip` sends none.
    let scripts: Vec<(String, Option<String>, Option<String>)> = conn
        .prepare(
            "SELECT f.status, f.script, i.script_id FROM followups f JOIN interactions i \
             ON i.contact_id = f.contact_id AND i.at = f.closed_at \
             AND i.kind IN ('followup_done', 'followup_skipped') \
             WHERE f.status IN ('done', 'skipped')",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    for (status, planned, logged) in &scripts {
        let want = if status == "done" { planned } else { &None };
        assert_eq!(logged, want, "{status}: {planned:?} logged as {logged:?}");
    }
    // Nothing is worked twice: one closing per step of a track.
    let mut keys: Vec<_> = worked.iter().map(|f| (f.1, &f.2, f.3, f.4)).collect();
    let all = keys.len();
    keys.sort();
    keys.dedup();
    assert_eq!(keys.len(), all, "a step closed twice");
    book.execute(Command::Replan).unwrap();
    assert_eq!(
        before,
        followups(&conn),
        "re-planning changed the demo's plans"
    );
    assert!(book.view().verify().unwrap().ok());
    (worked.len(), repeats.len())
}

fn now_secs() -> i64 {
    chrono::DateTime::parse_from_rfc3339(NOW)
        .unwrap()
        .timestamp()
}

#[test]
fn a_demo_book_holds_worked_follow_ups_the_planner_agrees_with() {
    assert!(check(80, 8, 2024).0 > 20);
    // A bigger book, where customers buy again after their reminders.
    assert!(check(1500, 10, 7).1 > 0);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]
    #[test]
    fn worked_follow_ups_match_the_plain_way(
        contacts in 1u64..40,
        per in 1u64..16,
        seed in any::<u64>(),
    ) {
        check(contacts, per, seed);
    }
}

/// The lead's report on a demo book reads like a rep who mostly keeps up.
#[test]
fn the_demo_reports_a_rep_who_mostly_keeps_up() {
    let sb = Sb::new();
    let out = sb.ok(&["demo", "--contacts", "400", "--interactions", "4000"]);
    // The rep's work counts towards the entries asked for, not on top of them.
    let entries: u64 = out
        .split(", ")
        .nth(1)
        .and_then(|s| s.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{out}"));
    assert!((4000..4200).contains(&entries), "{out}");
    let report = sb.json(&["report", "--format", "json"]);
    let sections = report["all_time"]["cadence"]["sections"]
        .as_array()
        .unwrap();
    let count = |what: &str| -> u64 {
        sections
            .iter()
            .filter(|s| !s["track"].is_null())
            .map(|s| s[what]["count"].as_u64().unwrap())
            .sum()
    };
    let (on_time, late, missed, skipped) = (
        count("on_time"),
        count("late"),
        count("missed"),
        count("skipped"),
    );
    let judged = on_time + late + missed;
    assert!(judged > 100, "{sections:?}");
    let share = on_time as f64 / judged as f64;
    assert!(
        (0.6..0.95).contains(&share),
        "on time {on_time} of {judged}"
    );
    assert!(late > 0 && missed > 0 && skipped > 0, "{sections:?}");
    // Every lead owed a first reply got one, and the section judges the same replies as
    // the first-response figure.
    let first = sections
        .iter()
        .find(|s| s["track"] == "first_response")
        .unwrap();
    let fr = &report["all_time"]["first_response"];
    let replied = fr["within_limit"]["den"].as_u64().unwrap();
    assert!(replied > 300, "{fr}");
    // Waiting, within the limit: the few leads that came in minutes ago (5 in 400).
    assert_eq!(fr["pending"]["count"], 5, "{fr}");
    assert_eq!(first["pending"]["count"], 5, "{first}");
    assert_eq!(
        first["on_time"]["count"], fr["within_limit"]["num"],
        "{first}"
    );
    assert_eq!(
        first["on_time"]["count"].as_u64().unwrap() + first["late"]["count"].as_u64().unwrap(),
        replied,
        "{first}"
    );
    assert_eq!(first["missed"]["count"], 0, "{first}");
    let reasons: Vec<&Value> = sections
        .iter()
        .flat_map(|s| s["skip_reasons"].as_array().unwrap())
        .collect();
    assert!(!reasons.is_empty(), "skips give their reasons");
    // Today's list is a day's work, not months of backlog.
    let agenda = sb.json(&["agenda", "--format", "json", "--limit", "1000"]);
    let in_section = |name: &str| {
        let items = agenda.as_array().unwrap();
        items.iter().filter(|i| i["section"] == name).count()
    };
    let overdue = in_section("overdue");
    assert!(overdue < 60, "{overdue} overdue in a book of 400");
    // The leads that came in minutes ago wait at the top.
    let waiting = in_section("new_leads");
    assert_eq!(waiting, 5, "{agenda}");
}

/// Some customers a repurchase reminder reached buy again, so a demo's lead sees a
/// repurchase rate (it was 0% however many reminders the rep worked), and the report
/// counts exactly the customers who did.
#[test]
fn the_demo_shows_customers_buying_again() {
    let sb = Sb::new();
    sb.ok(&["demo", "--contacts", "2000", "--interactions", "20000"]);
    let conn = Connection::open(sb.db()).unwrap();
    let repeat_buyers: i64 = conn
        .query_row(
            "SELECT count(*) FROM (SELECT contact_id FROM purchases p \
             JOIN contacts c ON c.id = p.contact_id WHERE c.merged_into IS NULL \
             GROUP BY contact_id HAVING count(*) > 1)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(repeat_buyers > 0, "no demo customer bought again");
    // About a third of the reminders done bring a purchase (a few fall after "now").
    let (reminded, bought_again): (i64, i64) = conn
        .query_row(
            "SELECT (SELECT count(*) FROM followups WHERE track = 'repurchase' \
             AND status = 'done'), \
             (SELECT count(*) FROM purchases p WHERE EXISTS (SELECT 1 FROM purchases q \
             WHERE q.contact_id = p.contact_id AND q.id < p.id))",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    // Bought from half an hour to three days after the reminder, spread over those days.
    let delays: Vec<i64> = conn
        .prepare(
            "SELECT p.at - (SELECT max(f.closed_at) FROM followups f WHERE f.contact_id = \
             p.contact_id AND f.track = 'repurchase' AND f.status = 'done' \
             AND f.closed_at < p.at) FROM purchases p WHERE EXISTS (SELECT 1 FROM purchases \
             q WHERE q.contact_id = p.contact_id AND q.id < p.id)",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let latest: i64 = conn
        .query_row("SELECT max(at) FROM purchases", [], |r| r.get(0))
        .unwrap();
    assert!(latest < now_secs(), "a purchase after now");
    let (least, most) = (delays.iter().min().unwrap(), delays.iter().max().unwrap());
    assert!(*least >= 1800 && *most <= 3 * 86400 + 1800, "{delays:?}");
    assert!(*most > 86400, "all within a day: {delays:?}");
    let share = bought_again as f64 / reminded as f64;
    assert!(
        (0.2..0.45).contains(&share),
        "{bought_again} bought again of {reminded} reminded"
    );
    // A win is counted once: buying again is not another win.
    let won: i64 = conn
        .query_row(
            "SELECT count(*) FROM contacts WHERE outcome = 'won'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let report = sb.json(&["report", "--format", "json"]);
    let after = &report["all_time"]["after_sale"];
    assert_eq!(after["repeat_buyers"]["count"], repeat_buyers, "{after}");
    assert_eq!(report["all_time"]["funnel"]["won"]["count"], won);
}
