//! An existing customer list comes in as people the rep already talks to: no welcome owed,
//! follow-ups from their last contact, nothing overdue from before the import, and no
//! first-reply breach in the lead's report. Fresh leads in the same file are still owed
//! their first reply; `--contacted` says it for the whole file.

use super::common::{Sb, expect_fail, stderr};
use super::{import_ok, p};
use serde_json::Value;

/// Added 2026-03-01 with a last contact a few days ago (graded); last contacted long ago;
/// added a month ago and never graded; a bare name and number (a new lead). The test
/// clock is 2026-11-23 09:30 (+08).
const LIST: &str = "姓名,手机号,客户等级,添加时间,最后联系时间\r\n\
    王芳,13800138001,A,2026-03-01 10:00,2026-11-20 15:00\r\n\
    李雷,13800138002,B,2025-01-01 10:00,2025-06-01 10:00\r\n\
    赵敏,13800138003,,2026-10-20 10:00,\r\n\
    孙丽,13800138004,,,\r\n";

const NOW: &str = "2026-11-23T09:30:00+08:00";

fn agenda(sb: &Sb) -> Vec<Value> {
    // Two weeks ahead: the repeating part of a cadence is days apart.
    let v = sb.json(&["agenda", "--format", "json", "--days", "14"]);
    v.as_array().unwrap().clone()
}

fn by_name<'a>(items: &'a [Value], name: &str) -> Vec<&'a Value> {
    items.iter().filter(|i| i["contact_name"] == name).collect()
}

fn tracks(items: &[Value], name: &str) -> Vec<String> {
    by_name(items, name)
        .iter()
        .map(|i| i["track"].as_str().unwrap().to_string())
        .collect()
}

fn first_response(sb: &Sb) -> Value {
    sb.json(&["report", "--format", "json"])["all_time"]["first_response"].clone()
}

#[test]
fn a_customer_list_owes_no_welcome_and_its_new_leads_do() {
    let sb = Sb::new();
    let file = sb.write("客户.csv", LIST);
    let report = sb.ok(&["import", p(&file)]);
    assert!(
        report.contains("新增的人里 3 位已有往来") && report.contains("1 位是新线索"),
        "{report}"
    );
    assert!(report.contains("--contacted yes 或 no"), "{report}");
    // 赵敏 is known but has no grade: the report says what that means for her plan.
    assert!(
        report.contains("\n其中 1 位已有往来但没有等级：等级定了才有跟进节奏。"),
        "{report}"
    );
    let items = agenda(&sb);
    // Only the bare name and number waits for a welcome.
    let welcomes: Vec<&str> = items
        .iter()
        .filter(|i| i["track"] == "first_response")
        .map(|i| i["contact_name"].as_str().unwrap())
        .collect();
    assert_eq!(welcomes, ["孙丽"], "{items:#?}");
    // The graded customer goes on with the grade's cadence, the one gone quiet long ago
    // is woken, the ungraded one met last month waits to be talked to again (and graded
    // then), not all at once today.
    assert_eq!(tracks(&items, "王芳"), ["cadence"], "{items:#?}");
    assert_eq!(tracks(&items, "李雷"), ["reactivation"], "{items:#?}");
    assert!(tracks(&items, "赵敏").is_empty(), "{items:#?}");
    // Her card names what comes if nothing happens: the wake-up once she has been quiet
    // for the template's 30 days from the import, not "nothing scheduled".
    let zhao = sb.ok(&["show", "3"]);
    assert!(
        zhao.contains("下次跟进  2026-12-23 09:30 ") && zhao.contains("（到时仍没有动静才跟进）"),
        "{zhao}"
    );
    // The customer last seen three days ago is on the cadence's repeating part, not
    // back at its first step.
    let fang = by_name(&items, "王芳");
    assert!(
        fang[0]["action"] != "当天深聊需求，发专属建议方案",
        "{fang:#?}"
    );
    // Nothing the import brought is due before it.
    let now: chrono::DateTime<chrono::Utc> = NOW.parse().unwrap();
    for i in &items {
        let due: chrono::DateTime<chrono::Utc> = i["due"].as_str().unwrap().parse().unwrap();
        assert!(due >= now, "{i}");
    }
    // Shown on the card's timeline, and the file's last contact kept.
    let kinds = sb.kinds(2);
    assert!(
        kinds.ends_with(&["prior_contact".into(), "imported".into()]),
        "{kinds:?}"
    );
    assert_eq!(sb.contact(1)["last_touch_at"], "2026-11-20T15:00:00+08:00");
    let shown = sb.ok(&["show", "2"]);
    assert!(
        shown.contains("2025-06-01 10:00  导入前已有往来") && shown.contains("  导入\n"),
        "{shown}"
    );
    // The lead's figure counts the one new lead, pending, and no breach.
    let fr = first_response(&sb);
    assert_eq!(fr["new_contacts"], 1, "{fr}");
    assert_eq!(fr["breaches"]["count"], 0, "{fr}");
    assert_eq!(fr["pending"]["count"], 1, "{fr}");
}

#[test]
fn the_rep_can_say_it_for_the_whole_file() {
    let sb = Sb::new();
    let file = sb.write("客户.csv", LIST);
    let report = sb.ok(&["import", p(&file), "--contacted", "no"]);
    assert!(report.contains("新增的 4 位都是新线索"), "{report}");
    assert!(
        !report.contains("--contacted"),
        "the rep said it already: {report}"
    );
    let items = agenda(&sb);
    let welcomes: Vec<&Value> = items
        .iter()
        .filter(|i| i["track"] == "first_response")
        .collect();
    assert_eq!(welcomes.len(), 4, "{items:#?}");
    // Added months ago, but new to the book: each welcome is owed from the import, not
    // months overdue, and none is a breach yet.
    let now: chrono::DateTime<chrono::Utc> = NOW.parse().unwrap();
    for w in &welcomes {
        let due: chrono::DateTime<chrono::Utc> = w["due"].as_str().unwrap().parse().unwrap();
        assert!(due >= now, "{w}");
    }
    let fr = first_response(&sb);
    assert_eq!(fr["breaches"]["count"], 0, "{fr}");
    assert_eq!(fr["pending"]["count"], 4, "{fr}");

    let sb = Sb::new();
    let file = sb.write("客户.csv", LIST);
    let report = sb.ok(&["import", p(&file), "--contacted", "yes"]);
    assert!(report.contains("新增的 4 位都已有往来"), "{report}");
    let items = agenda(&sb);
    assert!(
        items.iter().all(|i| i["track"] != "first_response"),
        "{items:#?}"
    );
    assert_eq!(first_response(&sb)["new_contacts"], 0);
}

#[test]
fn a_bad_answer_is_refused_before_anything_is_read() {
    let sb = Sb::new();
    let file = sb.write("客户.csv", LIST);
    let args = ["import", p(&file), "--contacted", "maybe"];
    let err = expect_fail(&args, sb.run(&args));
    assert!(
        err.contains("参数 --contacted 的值 'maybe' 不对；可用：auto、yes、no"),
        "{err}"
    );
    assert!(!sb.db().exists(), "{}", stderr(&sb.run(&["list"])));
}

#[test]
fn the_books_own_export_comes_back_with_the_same_plan() {
    let sb = Sb::new();
    let file = sb.write("客户.csv", LIST);
    sb.ok(&["import", p(&file)]);
    let out = sb.path("导出.csv");
    sb.ok(&["export", "--out", p(&out)]);
    let again = Sb::new();
    let report = again.ok(&["import", p(&out)]);
    assert!(!report.contains("已有往来"), "{report}");
    let plan = |sb: &Sb| -> Vec<(String, String, String)> {
        agenda(sb)
            .iter()
            .map(|i| {
                (
                    i["contact_name"].as_str().unwrap().to_string(),
                    i["track"].as_str().unwrap().to_string(),
                    i["due"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    assert_eq!(plan(&again), plan(&sb));
    assert_eq!(first_response(&again), first_response(&sb));
}

/// The book's own vCards (what a rep exports to a phone or a new laptop) carry no past: the
/// people in them are taken over as an address book's are, owed no welcome, not counted as
/// first-reply breaches (all 59 of a demo book came back as new leads that had missed it).
#[test]
fn the_books_own_vcards_come_back_as_people_known() {
    let sb = Sb::new();
    sb.ok(&["import", p(&sb.write("客户.csv", LIST))]);
    let vcf = sb.path("通讯录.vcf");
    sb.ok(&["export", "--format", "vcard", "--out", p(&vcf)]);
    let again = Sb::new();
    let report = again.ok(&["import", p(&vcf)]);
    assert!(report.contains("新增 4"), "{report}");
    assert!(report.contains("都已有往来"), "{report}");
    let items = agenda(&again);
    assert!(
        items.iter().all(|i| i["track"] != "first_response"),
        "{items:?}"
    );
    assert_eq!(first_response(&again)["new_contacts"], 0);
}

/// Customers taken over from a file that gives their stage but no date: the book puts them
/// where the file says at the import, and the lead's flow figures do not count that as
/// entering (and leaving) stages today; a new lead in the same file enters 挖需求.
#[test]
fn where_a_file_had_its_customers_is_not_flow() {
    let sb = Sb::new();
    let file = sb.write(
        "客户.csv",
        "姓名,手机号,阶段,客户等级\r\n甲,13800000031,抛产品,A\r\n乙,13800000032,提成交,B\r\n丙,13800000033,,\r\n",
    );
    sb.ok(&["import", p(&file)]);
    let today = sb.json(&[
        "report",
        "--format",
        "json",
        "--from",
        "2026-11-23",
        "--to",
        "2026-11-23",
    ]);
    for window in ["period", "all_time"] {
        let entered: Vec<(String, Value)> = today[window]["funnel"]["stages"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| {
                (
                    s["stage"].as_str().unwrap().to_string(),
                    s["entered"]["contacts"].clone(),
                )
            })
            .filter(|(_, ids)| ids.as_array().is_some_and(|a| !a.is_empty()))
            .collect();
        assert_eq!(
            entered,
            [("discover".to_string(), serde_json::json!([3]))],
            "{window}: {entered:?}"
        );
    }
    let moves: u64 = today["activity"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["stage_moves"].as_u64().unwrap())
        .sum();
    assert_eq!(moves, 0);
    // They are where the file had them, as of now.
    let open: Vec<u64> = today["now"]["open_by_stage"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["count"]["count"].as_u64().unwrap())
        .collect();
    assert_eq!(open, [1, 1, 0, 1, 0]);
}

/// One contact added is said as one, not as "all 1 of them".
#[test]
fn one_added_is_said_as_one() {
    let sb = Sb::new();
    let file = sb.write("one.csv", "姓名,手机号\n甲,13700001234\n");
    let report = import_ok(&sb, &[p(&file)]);
    assert!(report.contains("新增的这 1 位是新线索"), "{report}");
    assert!(!report.contains("都是新线索"), "{report}");
}
