//! Merges as a rep meets them (a paying duplicate of a lead marked lost, chains of merges)
//! and undo when someone else has changed the same contacts since: through the binary.

mod common;

use common::{Sb, history, stderr};
use serde_json::Value;

/// Runs as another person (the team lead) on the same book.
fn as_lead(sb: &Sb, args: &[&str]) -> std::process::Output {
    sb.run_env(args, &[("USER", "李主管")])
}

#[test]
fn a_paying_duplicate_merged_into_a_lost_lead_makes_a_customer() {
    let sb = Sb::new();
    sb.add(&["--name", "乙"]);
    sb.add(&["--name", "乙二"]);
    sb.ok(&["lost", "1", "--reason", "已购竞品"]);
    sb.ok(&["won", "2", "--amount", "100", "--product", "年度会员"]);
    sb.ok(&["merge", "1", "2"]);
    let c = sb.contact(1);
    assert_eq!(c["outcome"], "won", "{c}");
    assert_eq!(c["stage"], "aftercare", "{c}");
    assert!(c["lost_reason"].is_null(), "{c}");
    let won: Vec<Value> = match sb.json(&["list", "--outcome", "won", "--format", "json"]) {
        Value::Array(v) => v,
        other => panic!("{other}"),
    };
    assert_eq!(won.len(), 1);
    assert_eq!(won[0]["id"], 1);
    // Aftercare is planned for the customer, as a win plans it.
    let agenda = sb.json(&["agenda", "--days", "30", "--format", "json"]);
    let text = agenda.to_string();
    assert!(text.contains("\"contact_id\":1"), "{agenda}");
    // Undone, both are as they were.
    sb.ok(&["undo"]);
    assert_eq!(sb.contact(1)["outcome"], "lost");
    assert_eq!(sb.contact(2)["outcome"], "won");
    sb.ok(&["verify"]);
}

#[test]
fn the_report_counts_a_merged_duplicate_once() {
    let mut sb = Sb::new();
    sb.add(&[
        "--name",
        "王一",
        "--phone",
        "13900000001",
        "--grade",
        "B",
        "--source",
        "朋友圈",
    ]);
    sb.add(&[
        "--name",
        "王一",
        "--phone",
        "13900000002",
        "--grade",
        "A",
        "--source",
        "朋友圈",
    ]);
    sb.ok(&["won", "2", "--amount", "1000", "--product", "年度会员"]);
    sb.ok(&["merge", "1", "2"]);
    sb.set_now("2026-11-24T09:30:00+08:00");
    let r = sb.json(&["report", "--format", "json"]);
    let text = r.to_string();
    // One person, who bought: not two leads with one win between them.
    for scope in ["all_time", "period"] {
        let row = r[scope]["by_source"]
            .as_array()
            .and_then(|rows| rows.iter().find(|s| s["key"] == "朋友圈"))
            .unwrap_or_else(|| panic!("no 朋友圈 row in {scope}: {text}"));
        assert_eq!(row["contacts"]["count"], 1, "{row}");
        assert_eq!(row["won"]["count"], 1, "{row}");
    }
    assert_eq!(r["book"]["contacts"], 1, "{}", r["book"]);
}

#[test]
fn a_contact_merged_twice_points_at_the_one_that_holds_it_now() {
    let sb = Sb::new();
    for n in ["甲", "乙", "丙"] {
        sb.add(&["--name", n]);
    }
    sb.ok(&["merge", "1", "2"]);
    sb.ok(&["merge", "3", "1"]);
    let err = sb.fail(&["edit", "2", "--company", "x"]);
    assert!(err.contains("已合并到 3，请改用 3"), "{err}");
    let err = sb.fail(&["edit", "1", "--company", "x"]);
    assert!(err.contains("已合并到 3"), "{err}");
    // A listing of everyone says who is merged away or archived, not just "open".
    sb.add(&["--name", "丁"]);
    sb.ok(&["archive", "4"]);
    let list = sb.ok(&["list", "--all"]);
    let line = |name: &str| {
        list.lines()
            .find(|l| l.contains(name))
            .unwrap_or_else(|| panic!("{name}: {list}"))
            .to_string()
    };
    assert!(line("乙").contains("进行中 · 已合并到 #1"), "{list}");
    assert!(line("甲").contains("进行中 · 已合并到 #3"), "{list}");
    assert!(line("丁").contains("进行中 · 已归档"), "{list}");
    assert!(!line("丙").contains('·'), "{list}");
}

#[test]
fn an_undo_that_would_lose_someone_elses_change_is_refused_and_listed_so() {
    let mut sb = Sb::new();
    sb.add(&["--name", "甲", "--grade", "A"]);
    sb.add(&["--name", "甲甲", "--grade", "B"]);
    sb.ok(&[
        "followup",
        "add",
        "2",
        "--at",
        "2026-11-23 12:00",
        "--note",
        "电话",
    ]);
    sb.set_now("2026-11-23T10:00:00+08:00");
    sb.ok(&["merge", "1", "2"]);
    // The lead closes the appointment that came over with the merge.
    let agenda = sb.json(&["agenda", "--format", "json"]);
    let id = agenda
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["action"] == "电话" && i["contact_id"] == 1)
        .and_then(|i| i["followup_id"].as_i64())
        .unwrap_or_else(|| panic!("no 电话 item on 甲: {agenda}"));
    sb.set_now("2026-11-23T12:05:00+08:00");
    let out = as_lead(&sb, &["done", &id.to_string(), "--note", "打过了"]);
    assert!(out.status.success(), "{}", stderr(&out));
    sb.set_now("2026-11-23T12:10:00+08:00");
    let before = sb.snapshot();
    let err = sb.fail(&["undo"]);
    assert!(
        err.contains("之后又被 李主管 改过") && err.contains("要先由 李主管 撤销"),
        "{err}"
    );
    assert_eq!(sb.snapshot(), before, "a refused undo changed the book");
    // The list says so before the rep tries, and never calls an undone entry undoable.
    let list = sb.ok(&["undo", "--list"]);
    assert!(list.contains("挡住了"), "{list}");
    let entries = sb.json(&["undo", "--list", "--format", "json"]);
    let merge = entries
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["action"] == "contact.merge")
        .unwrap();
    assert_eq!(merge["undoable"], false, "{merge}");
    assert!(merge["blocked_by"].is_i64(), "{merge}");
    // The lead takes his change back; then the rep's undo goes through, and the done
    // record went with the lead's undo.
    let out = as_lead(&sb, &["undo"]);
    assert!(out.status.success(), "{}", stderr(&out));
    sb.ok(&["undo"]);
    assert_eq!(sb.contact(2)["archived"], false);
    let kinds: Vec<String> = history(&sb.contact(1))
        .iter()
        .map(|h| h["kind"].as_str().unwrap_or_default().to_string())
        .collect();
    assert!(!kinds.iter().any(|k| k == "followup_done"), "{kinds:?}");
    let entries = sb.json(&["undo", "--list", "--format", "json"]);
    for e in entries.as_array().unwrap() {
        if !e["undone_by"].is_null() {
            assert_eq!(e["undoable"], false, "{e}");
        }
    }
    sb.ok(&["verify"]);
}

/// An undone add gives back nothing of its ids: the next contact and its follow-ups get
/// new ones, so `show 1` never turns into someone else and a calendar's UID never names
/// two different follow-ups.
#[test]
fn ids_an_undo_removed_are_never_given_out_again() {
    let sb = Sb::new();
    sb.add(&["--name", "甲"]);
    let first = sb.ok(&["export", "--ics"]);
    let uids = |ics: &str| -> Vec<String> {
        ics.lines()
            .filter(|l| l.starts_with("UID:"))
            .map(str::to_string)
            .collect()
    };
    let old = uids(&first);
    assert!(!old.is_empty(), "{first}");
    sb.ok(&["undo"]);
    assert_eq!(sb.add(&["--name", "乙"]), 2);
    let new = uids(&sb.ok(&["export", "--ics"]));
    assert!(!new.is_empty());
    for u in &new {
        assert!(!old.contains(u), "{u} was 甲's and is now 乙's");
    }
    // Twice over, and past the floor ids go on as SQLite gives them.
    sb.ok(&["undo"]);
    assert_eq!(sb.add(&["--name", "丙"]), 3);
    assert_eq!(sb.add(&["--name", "丁"]), 4);
    sb.ok(&["verify"]);
}
