//! The follow-up figures of a report as a rep's day makes them: misses re-planned by a change,
//! late skips, snoozes after a deadline, template changes, first replies at the edges of
//! their limit, and on time judged in the rep's own day. Part of `report_cli.rs`.

use super::*;

/// The number of `contact`'s open follow-up of `track` in the next 30 days' agenda.
fn open_item(sb: &Sb, contact: i64, track: &str) -> i64 {
    sb.json(&["agenda", "--format", "json", "--days", "30"])
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["contact_id"] == contact && i["track"] == track)
        .unwrap()["followup_id"]
        .as_i64()
        .unwrap()
}

/// The period's compliance of the grade cadence, from a JSON report.
fn period_cadence(r: &Value) -> Value {
    r["period"]["cadence"]["sections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["track"] == "cadence")
        .unwrap()
        .clone()
}

/// A follow-up already past its due time when a change re-plans it (here a stage move) was
/// missed: it is closed as such and the plan's item is a new one. Moved in place, the miss
/// vanished from the compliance figures.
#[test]
fn an_overdue_follow_up_re_planned_by_a_change_counts_as_missed() {
    let mut sb = Sb::new();
    sb.set_now("2026-11-02T10:00:00+08:00");
    sb.add(&["--name", "甲", "--grade", "A"]);
    sb.set_now("2026-11-02T10:01:00+08:00");
    sb.ok(&["log", "1", "--channel", "wechat", "--note", "hi"]);
    let open = |sb: &Sb| -> Vec<i64> {
        sb.json(&["agenda", "--format", "json", "--days", "30"])
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["followup_id"].as_i64().unwrap())
            .collect()
    };
    let before = open(&sb);
    assert_eq!(before.len(), 1, "{before:?}");
    sb.set_now("2026-11-09T10:00:00+08:00");
    sb.ok(&["move", "1", "pitch"]);
    let after = open(&sb);
    assert!(
        !after.contains(&before[0]),
        "a new item, not the old one moved: {after:?}"
    );
    sb.set_now("2026-11-09T10:30:00+08:00");
    sb.ok(&["done", &after[0].to_string()]);
    sb.set_now("2026-11-12T10:00:00+08:00");
    // The period ends before the next step falls due.
    let r = sb.json(&[
        "report",
        "--from",
        "2026-11-01",
        "--to",
        "2026-11-09",
        "--format",
        "json",
    ]);
    let cadence = period_cadence(&r);
    assert_eq!(cadence["missed"]["count"], 1, "{cadence}");
    assert_eq!(cadence["on_time"]["count"], 1, "{cadence}");
}

/// An invalid lead (graded D) is owed no first reply: the agenda asks for none, and the
/// first-response figure does not count it as a breach.
#[test]
fn an_invalid_lead_is_owed_no_first_reply_in_the_plan_or_the_figure() {
    let mut sb = Sb::new();
    sb.set_now("2026-11-23T10:00:00+08:00");
    sb.add(&["--name", "丁", "--grade", "B"]);
    sb.add(&["--name", "戊", "--grade", "D"]);
    sb.set_now("2026-11-23T10:11:00+08:00");
    let agenda = sb.json(&["agenda", "--format", "json"]);
    let names: Vec<&str> = agenda
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["contact_name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["丁"], "{agenda}");
    // New leads counted by the period's first-response figure, and those it calls breaches.
    let counted = |sb: &Sb| {
        let fr = sb.json(&["report", "--format", "json"])["period"]["first_response"].clone();
        (
            fr["new_contacts"].clone(),
            fr["breaches"]["contacts"].clone(),
        )
    };
    assert_eq!(counted(&sb), (1.into(), serde_json::json!([1])));
    // Graded D only once its reply was overdue: it was owed that reply, and counts.
    sb.add(&["--name", "己", "--grade", "B"]);
    sb.set_now("2026-11-23T10:40:00+08:00");
    sb.ok(&["edit", "3", "--grade", "D"]);
    assert_eq!(counted(&sb), (2.into(), serde_json::json!([1, 3])));
    // Won or lost later, a lead that was D by its deadline still was owed no reply.
    sb.ok(&["won", "2", "--amount", "100"]);
    sb.ok(&["lost", "3", "--reason", "预算不够"]);
    assert_eq!(counted(&sb), (2.into(), serde_json::json!([1, 3])));
}

/// A skip made after the deadline is a miss (with a reason, but a miss); a first reply
/// keeps its limit when snoozed even before it, as the first-reply figure does.
#[test]
fn a_late_skip_is_a_miss_and_a_first_reply_keeps_its_limit() {
    let mut sb = Sb::new();
    sb.set_now("2026-11-02T10:00:00+08:00");
    sb.add(&["--name", "甲", "--grade", "A"]);
    sb.add(&["--name", "乙", "--grade", "A"]);
    sb.set_now("2026-11-02T10:01:00+08:00");
    sb.ok(&["log", "1", "--channel", "wechat", "--note", "hi"]);
    let item = |sb: &Sb, contact: i64, track: &str| open_item(sb, contact, track).to_string();
    // 乙's first reply, due 10:10, snoozed at 10:05 and answered at 13:05.
    let first = item(&sb, 2, "first_response");
    sb.set_now("2026-11-02T10:05:00+08:00");
    let said = sb.ok(&["snooze", &first, "--until", "+3h"]);
    assert!(
        said.contains("报表仍按原截止时间 2026-11-02 10:10 计"),
        "{said}"
    );
    sb.set_now("2026-11-02T13:05:00+08:00");
    sb.ok(&["done", &first]);
    // 甲's cadence step, due on the 2nd, skipped on the 4th.
    let step = item(&sb, 1, "cadence");
    sb.set_now("2026-11-04T10:00:00+08:00");
    let said = sb.ok(&["skip", &step, "--reason", "客户出差"]);
    assert!(
        said.contains("（过了截止时间才跳过，报表按漏了计）"),
        "{said}"
    );
    sb.set_now("2026-11-06T10:00:00+08:00");
    let r = sb.json(&[
        "report",
        "--from",
        "2026-11-01",
        "--to",
        "2026-11-02",
        "--format",
        "json",
    ]);
    let sections = r["period"]["cadence"]["sections"].as_array().unwrap();
    let section = |track: &str| sections.iter().find(|s| s["track"] == track).unwrap();
    let ids = |v: &Value| -> Vec<i64> {
        v["contacts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_i64().unwrap())
            .collect()
    };
    let fr = section("first_response");
    assert!(ids(&fr["late"]).contains(&2), "{fr}");
    assert!(!ids(&fr["on_time"]).contains(&2), "{fr}");
    let cadence = section("cadence");
    assert!(ids(&cadence["missed"]).contains(&1), "{cadence}");
    assert_eq!(cadence["skipped"]["count"], 0, "{cadence}");
    let first_reply = &r["period"]["first_response"];
    assert_eq!(first_reply["breaches"]["contacts"], serde_json::json!([2]));
}

/// A lead never answered, then a template change: the plan dates the first reply again
/// (another limit). It is one reply missed, not two, once the new date has passed too.
#[test]
fn a_template_change_does_not_count_an_unanswered_lead_twice() {
    let mut sb = Sb::new();
    sb.set_now("2026-11-20T10:00:00+08:00");
    sb.add(&["--name", "甲"]);
    sb.set_now("2026-11-21T10:00:00+08:00");
    sb.ok(&["template", "use", "education"]);
    for now in ["2026-11-21T11:00:00+08:00", "2026-11-25T10:00:00+08:00"] {
        sb.set_now(now);
        let r = sb.json(&[
            "report",
            "--format",
            "json",
            "--from",
            "2026-11-15",
            "--to",
            "2026-11-25",
        ]);
        let first = &r["period"]["cadence"]["sections"][0];
        assert_eq!(first["track"], "first_response", "{first}");
        assert_eq!(first["missed"]["count"], 1, "{now}: {first}");
        assert_eq!(first["pending"]["count"], 0, "{now}: {first}");
        assert_eq!(
            r["period"]["first_response"]["breaches"]["count"], 1,
            "{now}"
        );
    }
}

/// A snooze made before a follow-up's deadline is a new date agreed in time, judged as such;
/// one made after the deadline leaves the item late, however soon after its new date it is
/// done. Undoing that snooze forgets the missed deadline it kept.
#[test]
fn a_follow_up_snoozed_after_its_deadline_stays_late() {
    let mut sb = Sb::new();
    let first_item = |sb: &Sb, contact: i64| open_item(sb, contact, "cadence");
    sb.set_now("2026-11-02T10:00:00+08:00");
    sb.add(&["--name", "甲", "--grade", "A"]);
    sb.add(&["--name", "乙", "--grade", "A"]);
    sb.set_now("2026-11-02T10:01:00+08:00");
    sb.ok(&["log", "1", "--channel", "wechat", "--note", "hi"]);
    sb.ok(&["log", "2", "--channel", "wechat", "--note", "hi"]);
    let (late, in_time) = (first_item(&sb, 1), first_item(&sb, 2));
    // 乙's is moved on its own day (on time until midnight), 甲's two days after.
    // The rep is told when a snooze cannot make the item on time.
    sb.set_now("2026-11-02T12:00:00+08:00");
    let said = sb.ok(&[
        "snooze",
        &in_time.to_string(),
        "--until",
        "2026-11-03 10:00",
    ]);
    assert!(!said.contains("报表仍按"), "{said}");
    sb.set_now("2026-11-04T10:00:00+08:00");
    let said = sb.ok(&["snooze", &late.to_string(), "--until", "2026-11-05 10:00"]);
    assert!(
        said.contains("报表仍按原截止时间 2026-11-02 10:01 计"),
        "{said}"
    );
    let kept = |sb: &Sb, id: i64| -> Option<i64> {
        rusqlite::Connection::open(sb.db())
            .unwrap()
            .query_row(
                "SELECT overdue_at FROM followups WHERE id = ?1",
                [id],
                |r| r.get(0),
            )
            .unwrap()
    };
    assert!(kept(&sb, late).is_some());
    assert_eq!(kept(&sb, in_time), None);
    // Undone and done again: the kept deadline goes and comes back with the snooze.
    sb.ok(&["undo"]);
    assert_eq!(kept(&sb, late), None);
    sb.ok(&["snooze", &late.to_string(), "--until", "2026-11-05 10:00"]);
    sb.set_now("2026-11-03T10:00:00+08:00");
    sb.ok(&["done", &in_time.to_string()]);
    sb.set_now("2026-11-05T10:00:00+08:00");
    sb.ok(&["done", &late.to_string()]);
    sb.set_now("2026-11-06T10:00:00+08:00");
    let r = sb.json(&[
        "report",
        "--from",
        "2026-11-01",
        "--to",
        "2026-11-05",
        "--format",
        "json",
    ]);
    let cadence = period_cadence(&r);
    let who = |key: &str| -> Vec<i64> {
        cadence[key]["contacts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_i64().unwrap())
            .collect()
    };
    assert!(who("late").contains(&1), "{cadence}");
    assert!(!who("on_time").contains(&1), "{cadence}");
    assert!(who("on_time").contains(&2), "{cadence}");
    assert!(!who("late").contains(&2), "{cadence}");
}

/// Days are the rep's: a follow-up done at 23:59 of its due day in the rep's city is on
/// time for a lead reading the book from another zone too.
#[test]
fn on_time_is_judged_by_the_reps_day_wherever_the_book_is_read() {
    let mut sb = Sb::new();
    sb.set_now("2026-11-03T10:00:00+08:00");
    sb.add(&["--name", "甲", "--grade", "A"]);
    sb.set_now("2026-11-03T10:01:00+08:00");
    sb.ok(&["log", "1", "--channel", "wechat", "--note", "hi"]);
    let step = open_item(&sb, 1, "cadence").to_string();
    sb.set_now("2026-11-03T23:59:00+08:00");
    sb.ok(&["done", &step]);
    let on_time = |sb: &Sb| -> Value {
        let r = sb.json(&[
            "report",
            "--from",
            "2026-11-01",
            "--to",
            "2026-11-30",
            "--format",
            "json",
        ]);
        period_cadence(&r)["on_time"]["contacts"].clone()
    };
    sb.set_now("2026-11-06T10:00:00+08:00");
    assert_eq!(on_time(&sb), serde_json::json!([1]));
    // The same instant read from Tokyo (+09), where 23:59 was already the next day.
    sb.set_now("2026-11-06T11:00:00+09:00");
    assert_eq!(on_time(&sb), serde_json::json!([1]));
}

/// The first-reply figure's edges: a reply logged the very second the lead came in is a
/// reply (in no time), and a lead unanswered exactly at its limit is still waiting, not late.
#[test]
fn first_reply_at_the_edges_of_its_limit() {
    let mut sb = Sb::new();
    sb.set_now("2026-11-23T10:00:00+08:00");
    sb.add(&["--name", "甲", "--grade", "B"]);
    sb.ok(&["log", "1", "--channel", "wechat", "--note", "欢迎"]);
    sb.set_now("2026-11-23T10:05:00+08:00");
    sb.add(&["--name", "乙", "--grade", "B"]);
    sb.set_now("2026-11-23T10:15:00+08:00");
    let fr = sb.json(&["report", "--format", "json"])["period"]["first_response"].clone();
    assert_eq!(fr["within_limit"]["num"], 1, "{fr}");
    assert_eq!(fr["reply_time"]["median_seconds"], 0, "{fr}");
    assert_eq!(fr["pending"]["contacts"], serde_json::json!([2]), "{fr}");
    assert_eq!(fr["breaches"]["count"], 0, "{fr}");
    // A second later it is late.
    sb.set_now("2026-11-23T10:15:01+08:00");
    let fr = sb.json(&["report", "--format", "json"])["period"]["first_response"].clone();
    assert_eq!(fr["breaches"]["contacts"], serde_json::json!([2]), "{fr}");
}
