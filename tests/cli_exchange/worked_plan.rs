//! A book the rep has worked in, exported and imported again: the follow-ups done, skipped
//! and snoozed, a regrade, a date set with the customer (kept and missed) and a purchase's
//! reminders come back, so the new book plans the same agenda and its report gives the same
//! figures. Part of `cli_exchange.rs`, whose helpers it uses.

use super::*;

/// The id of `contact`'s first item on the agenda of the coming `days` (most urgent first).
fn item_of(sb: &Sb, contact: i64, track: &str) -> String {
    let items = sb.json(&["agenda", "--days", "90", "--format", "json"]);
    items
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["contact_id"] == contact && i["track"] == track)
        .unwrap_or_else(|| panic!("no {track} item of {contact}: {items:#}"))["followup_id"]
        .to_string()
}

/// The rows a plan is made of, without the book's ids (contact by name, and no card, which
/// names the follow-up's contact by id). A closed row's ranking and validity are what they
/// were while it was open, which nothing reads: only open rows' are compared.
fn followup_rows(sb: &Sb) -> Vec<String> {
    let conn = rusqlite::Connection::open(sb.db()).unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT printf('%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%.6f|%s|%s', c.name, f.track, \
             CASE WHEN f.track IN ('appointment', 'reminder', 'after_appointment') \
             THEN (SELECT a.at FROM appointments a WHERE a.id = f.step) ELSE f.step END, \
             (SELECT p.at FROM purchases p WHERE p.id = f.purchase_id), f.due_at, f.action, \
             f.script, f.status, f.snoozed, f.closed_at, f.note, \
             iif(f.status = 'open', f.score_base, 0), iif(f.status = 'open', f.valid_from, 0), \
             iif(f.status = 'open', f.valid_until, 0)) \
             FROM followups f JOIN contacts c ON c.id = f.contact_id",
        )
        .unwrap();
    let mut rows: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    rows.sort();
    rows
}

/// The agenda without follow-up ids.
fn agenda_without_ids(sb: &Sb) -> Value {
    let mut items = sb.json(&["agenda", "--days", "90", "--format", "json"]);
    for i in items.as_array_mut().unwrap() {
        i.as_object_mut().unwrap().remove("followup_id");
    }
    items
}

fn worked_book() -> Sb {
    let mut sb = Sb::new();
    sb.set_now("2026-11-01T09:00:00+08:00");
    let wang = sb.add(&["--name", "王小明", "--phone", "13800138000", "--grade", "B"]);
    let li = sb.add(&["--name", "李四", "--grade", "C"]);
    let zhao = sb.add(&["--name", "赵六", "--grade", "A"]);
    sb.set_now("2026-11-01T09:05:00+08:00");
    sb.ok(&[
        "done",
        &item_of(&sb, wang, "first_response"),
        "--note",
        "发了欢迎语",
    ]);
    sb.set_now("2026-11-01T11:00:00+08:00");
    // Late: the first reply was due within minutes.
    sb.ok(&["done", &item_of(&sb, li, "first_response")]);
    sb.ok(&["done", &item_of(&sb, zhao, "first_response")]);
    sb.ok(&[
        "followup",
        "add",
        &wang.to_string(),
        "--at",
        "2026-11-04 15:00",
        "--kind",
        "visit",
    ]);
    sb.ok(&[
        "followup",
        "add",
        &li.to_string(),
        "--at",
        "2026-11-06 10:00",
        "--kind",
        "call",
        "--note",
        "[方案] 细聊",
    ]);
    sb.set_now("2026-11-03T10:00:00+08:00");
    sb.ok(&[
        "won",
        &zhao.to_string(),
        "--amount",
        "1299",
        "--product",
        "焕颜精华套装",
    ]);
    sb.set_now("2026-11-04T16:00:00+08:00");
    sb.ok(&[
        "done",
        &item_of(&sb, wang, "appointment"),
        "--note",
        "聊得不错",
    ]);
    sb.set_now("2026-11-05T11:00:00+08:00");
    sb.ok(&["edit", &li.to_string(), "--grade", "A"]);
    sb.set_now("2026-11-06T12:00:00+08:00");
    sb.ok(&[
        "skip",
        &item_of(&sb, li, "appointment"),
        "--reason",
        "客户没接",
    ]);
    sb.set_now("2026-11-07T12:00:00+08:00");
    sb.ok(&[
        "skip",
        &item_of(&sb, wang, "cadence"),
        "--reason",
        "客户出差",
    ]);
    sb.ok(&[
        "snooze",
        &item_of(&sb, zhao, "repurchase"),
        "--until",
        "2027-01-05",
    ]);
    sb.ok(&[
        "snooze",
        &item_of(&sb, li, "cadence"),
        "--until",
        "2026-11-20",
    ]);
    sb.set_now("2026-11-20T12:00:00+08:00");
    sb
}

#[test]
fn a_worked_book_round_trips_with_its_plan_and_figures() {
    let a = worked_book();
    let csv1 = export(&a, "a.csv", &["--all"]);
    let text = String::from_utf8_lossy(&csv1);
    // What the rep did is in the file, readably.
    for part in [
        "done first_response/0 (2026-11-01 09:05:00) 「welcome」 《欢迎语》 发了欢迎语",
        "skipped cadence/1 (2026-11-07 12:00:00)",
        "done appointment/@1 (2026-11-04 16:00:00)",
        "snoozed cadence/",
        "2026-11-04 15:00:00 (2026-11-01 11:00:00) 「visit」",
        "snoozed repurchase/0 #1 「",
        "2026-11-06 10:00:00 (2026-11-01 11:00:00) 「call」 \\[方案] 细聊",
        "edited 〔C→A〕",
    ] {
        assert!(text.contains(part), "{part:?} not in:\n{text}");
    }
    let b = Sb::new();
    let mut b = b;
    b.set_now("2026-11-20T12:00:00+08:00");
    import_ok(&b, &[p(&a.path("a.csv"))]);
    assert_same_bytes(
        "CSV export → import → export",
        &csv1,
        &export(&b, "b.csv", &["--all"]),
    );
    assert_same_bytes(
        "the JSON of both books",
        &export(&a, "a.json", &["--all", "--format", "json"]),
        &export(&b, "b.json", &["--all", "--format", "json"]),
    );
    assert_eq!(followup_rows(&b), followup_rows(&a));
    assert_eq!(agenda_without_ids(&b), agenda_without_ids(&a));
    let report = |sb: &Sb| {
        let mut r = sb.json(&[
            "report",
            "--format",
            "json",
            "--from",
            "2026-11-01",
            "--to",
            "2026-11-20",
        ]);
        r["book"].as_object_mut().unwrap().remove("verify");
        r
    };
    let (ra, rb) = (report(&a), report(&b));
    assert_eq!(rb, ra);
    // The figures the round trip used to lose are there: 王's reply in time and his visit
    // done the same day; the other two replies late, and his cadence step and the visit's
    // reminder closed late by the visit; his skipped step and 李's missed call.
    let cadence = &ra["period"]["cadence"]["total"];
    let count = |k: &str| cadence[k]["count"].as_u64().unwrap();
    assert_eq!(
        (count("on_time"), count("late"), count("skipped")),
        (2, 4, 2),
        "{cadence:#}"
    );
    assert_eq!(
        ra["period"]["quality"]["upgrades"]["count"], 1,
        "{:#}",
        ra["period"]["quality"]
    );
    b.ok(&["verify"]);
}
