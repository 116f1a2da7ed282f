//! A contact brought back into play — reopened after a loss, or taken out of the archive —
//! owes nothing for the time it was closed or put away: its follow-ups fall due from the
//! moment it came back, never as weeks overdue, and the lead's report counts no miss for
//! those weeks. A book planned by an older planner is planned again on its next write.

mod agenda_support;
mod common;

use agenda_support::{agenda, brief, touch};
use common::Sb;
use serde_json::Value;

const BACK: &str = "2026-12-02T10:00:00+08:00";
/// What fell due while the contact was away is due by the end of the day it came back:
/// the last minute of the default template's contact hours (09:00-21:00).
const BACK_DAY_END: &str = "2026-12-02T20:59:00+08:00";

/// A grade-B lead talked to on 2026-10-01, then closed by `close` (`lost` or `archive`)
/// the next day, and brought back by `back` on 2026-12-02.
fn away_two_months(sb: &mut Sb, close: &[&str], back: &str) -> i64 {
    sb.set_now("2026-10-01T10:00:00+08:00");
    let id = sb.add(&["--name", "王芳", "--grade", "B"]);
    touch(sb, id);
    sb.set_now("2026-10-02T10:00:00+08:00");
    let mut args = close.to_vec();
    let sid = id.to_string();
    args.push(&sid);
    sb.ok(&args);
    sb.set_now(BACK);
    sb.ok(&[back, &sid]);
    id
}

fn missed(sb: &Sb) -> Value {
    sb.json(&["report", "--format", "json"])["all_time"]["cadence"]["total"]["missed"].clone()
}

fn check_back_in_play(sb: &Sb) {
    let items = agenda(sb, &[]);
    // Two months quiet: woken first, today's work on the day the contact came back.
    assert_eq!(
        brief(&items),
        [format!("today reactivation {BACK_DAY_END} wake-news")],
        "{items:#?}"
    );
    assert_eq!(missed(sb)["count"], 0, "{}", missed(sb));
}

#[test]
fn a_lead_reopened_after_two_months_is_due_now_not_overdue() {
    let mut sb = Sb::new();
    away_two_months(&mut sb, &["lost", "--reason", "价格"], "reopen");
    check_back_in_play(&sb);
}

#[test]
fn a_lead_taken_out_of_the_archive_is_due_now_not_overdue() {
    let mut sb = Sb::new();
    away_two_months(&mut sb, &["archive"], "unarchive");
    check_back_in_play(&sb);
}

#[test]
fn a_book_planned_by_the_older_planner_is_planned_again_on_its_next_write() {
    let mut sb = Sb::new();
    away_two_months(&mut sb, &["lost", "--reason", "价格"], "reopen");
    let planned_with = |sb: &Sb| -> String {
        let conn = rusqlite::Connection::open(sb.db()).unwrap();
        conn.query_row(
            "SELECT value FROM settings WHERE key = 'followups_planned_with'",
            [],
            |r| r.get(0),
        )
        .unwrap()
    };
    let now = planned_with(&sb);
    // As the planner before left it: the wake-up due a month before the reopening, and
    // the stamp of that planner (template id and version only).
    {
        let conn = rusqlite::Connection::open(sb.db()).unwrap();
        let stale = chrono::DateTime::parse_from_rfc3339("2026-10-31T10:00:00+08:00")
            .unwrap()
            .timestamp();
        conn.execute(
            "UPDATE followups SET due_at = ?1 WHERE status = 'open'",
            [stale],
        )
        .unwrap();
        conn.execute("UPDATE contacts SET next_due_at = ?1", [stale])
            .unwrap();
        let old = now.rsplit_once('/').expect("a planner revision").0;
        conn.execute(
            "UPDATE settings SET value = ?1 WHERE key = 'followups_planned_with'",
            [old],
        )
        .unwrap();
    }
    let items = agenda(&sb, &[]);
    assert_eq!(
        items[0]["section"], "overdue",
        "reads change nothing: {items:#?}"
    );
    // Any write brings the plans in line.
    sb.add(&["--name", "李雷"]);
    assert_eq!(planned_with(&sb), now);
    let items: Vec<Value> = agenda(&sb, &[])
        .into_iter()
        .filter(|i| i["contact_name"] == "王芳")
        .collect();
    assert_eq!(
        brief(&items),
        [format!("today reactivation {BACK_DAY_END} wake-news")],
        "{items:#?}"
    );
}

#[test]
fn a_template_switch_makes_nothing_overdue_that_the_rep_could_not_have_known() {
    let mut sb = Sb::new();
    // A grade-B lead last talked to three weeks ago: behind on its cadence.
    sb.set_now("2026-11-10T10:00:00+08:00");
    let id = sb.add(&["--name", "王芳", "--grade", "B"]);
    touch(&sb, id);
    sb.set_now(BACK);
    let before = agenda(&sb, &[]);
    assert_eq!(before[0]["section"], "overdue", "{before:#?}");
    for template in ["education", "default"] {
        sb.ok(&["template", "use", template]);
        let items = agenda(&sb, &[]);
        assert!(!items.is_empty(), "{template}: still something to do");
        let now: chrono::DateTime<chrono::Utc> = BACK.parse().unwrap();
        for i in &items {
            let due: chrono::DateTime<chrono::Utc> = i["due"].as_str().unwrap().parse().unwrap();
            assert!(due >= now, "{template}: {i}");
            assert_ne!(i["section"], "overdue", "{template}: {i}");
        }
    }
    // Later, the plan runs on as usual: tomorrow, what was due today is overdue.
    sb.set_now("2026-12-03T10:00:00+08:00");
    let items = agenda(&sb, &[]);
    assert_eq!(items[0]["section"], "overdue", "{items:#?}");
}

/// An archived contact is not worked on: a touch, a script sent, a move, a win, a loss or a
/// date set is refused, saying it is archived and how to go on; nothing is saved. Taken out
/// of the archive, the same touch goes in.
#[test]
fn an_archived_contact_takes_no_touch_until_unarchived() {
    let sb = Sb::new();
    let id = sb.add(&["--name", "归档客户"]).to_string();
    sb.ok(&["archive", &id]);
    let entries = |sb: &Sb| {
        sb.json(&["show", &id, "--format", "json"])["history"]
            .as_array()
            .map_or(0, Vec::len)
    };
    let before = entries(&sb);
    assert!(before >= 2, "created and archived: {before}");
    for args in [
        &["log", &id, "--channel", "wechat", "--note", "回来了"][..],
        &["move", &id, "pitch"],
        &["won", &id],
        &["lost", &id, "--reason", "价格"],
        &["followup", "add", &id, "--at", "+1d", "--note", "电话"],
    ] {
        let err = sb.fail(args);
        assert!(
            err.contains("已归档") && err.contains("归档客户"),
            "{args:?}: {err}"
        );
    }
    assert_eq!(entries(&sb), before, "nothing was saved");
    sb.ok(&["unarchive", &id]);
    sb.ok(&["log", &id, "--channel", "wechat", "--note", "回来了"]);
}

/// A lost customer who writes again is on Today until answered, with what they wrote; a
/// reply (a touch) takes it off; a reopen puts the contact back on its rhythm instead.
#[test]
fn a_lost_customer_who_writes_again_is_on_today_until_answered() {
    let mut sb = Sb::new();
    sb.set_now("2026-10-01T10:00:00+08:00");
    let id = sb.add(&["--name", "赵敏", "--grade", "B"]);
    touch(&sb, id);
    let sid = id.to_string();
    sb.ok(&["log", &sid, "--inbound", "--note", "太贵了，先不买了"]);
    sb.set_now("2026-10-02T10:00:00+08:00");
    sb.ok(&["lost", &sid, "--reason", "预算不够"]);
    assert!(
        agenda(&sb, &["--days", "30"]).is_empty(),
        "nothing for a lost contact"
    );
    sb.set_now(BACK);
    sb.ok(&["log", &sid, "--inbound", "--note", "还有那个套餐吗？"]);
    let items = agenda(&sb, &[]);
    assert_eq!(items.len(), 1, "{items:#?}");
    assert_eq!(items[0]["contact_id"], id);
    assert_eq!(items[0]["track"], "signal");
    assert_eq!(items[0]["section"], "today");
    assert_eq!(
        items[0]["action"],
        "流失客户发来消息「还有那个套餐吗？」：回复，看要不要重新打开"
    );
    // In English, the same item in English words.
    sb.write("config/salesbook/config.toml", "[ui]\nlang = \"en\"\n");
    let out = sb.ok(&["agenda"]);
    assert!(out.contains("A lost customer wrote"), "{out}");
    sb.write("config/salesbook/config.toml", "");
    // Answered: off Today, still lost.
    sb.set_now("2026-12-02T11:00:00+08:00");
    touch(&sb, id);
    assert!(agenda(&sb, &[]).is_empty());
    assert_eq!(sb.contact(id)["outcome"], "lost");
}
