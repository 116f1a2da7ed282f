//! Lists by lifecycle and rotting, and the customer's own messages on the agenda, through
//! the built binary with the clock pinned by `SALESBOOK_NOW`.

mod agenda_support;
mod common;

use agenda_support::{agenda, id_of, names, touch};
use common::Sb;

// ───────────────────────────── lifecycle and rotting lists ─────────────────────────────

#[test]
fn list_by_lifecycle() {
    let mut sb = Sb::new();
    let quiet = sb.add(&["--name", "老陈", "--grade", "B"]);
    let busy = sb.add(&["--name", "小李", "--grade", "B"]);
    let buyer = sb.add(&["--name", "王姐"]);
    let gone = sb.add(&["--name", "赵总"]);
    sb.ok(&["won", &buyer.to_string(), "--product", "基础款（月装）"]);
    sb.ok(&["lost", &gone.to_string(), "--reason", "预算不够"]);
    touch(&sb, quiet);
    let lc = |sb: &Sb, l: &str| names(&sb.json(&["list", "--lifecycle", l, "--format", "json"]));

    assert_eq!(lc(&sb, "intro"), ["老陈", "小李"]);
    assert_eq!(lc(&sb, "growth"), ["王姐"]);
    assert_eq!(lc(&sb, "churned"), ["赵总"]);
    assert_eq!(lc(&sb, "dormant"), Vec::<String>::new());

    // 29 days on: nobody dormant yet; 小李 gets a message.
    sb.set_now("2026-12-22T09:30:00+08:00");
    touch(&sb, busy);
    assert_eq!(lc(&sb, "dormant"), Vec::<String>::new());
    // 30 days: the two left alone are dormant (休眠期 works too).
    sb.set_now("2026-12-23T09:30:00+08:00");
    assert_eq!(lc(&sb, "dormant"), ["老陈", "王姐"]);
    assert_eq!(lc(&sb, "休眠期"), ["老陈", "王姐"]);
    assert_eq!(lc(&sb, "intro"), ["小李"]);
    // 89 and 90 days.
    sb.set_now("2027-02-20T09:30:00+08:00");
    assert_eq!(lc(&sb, "dormant"), ["老陈", "小李", "王姐"]);
    sb.set_now("2027-02-21T09:30:00+08:00");
    assert_eq!(lc(&sb, "churned"), ["老陈", "王姐", "赵总"]);
    let err = sb.fail(&["list", "--lifecycle", "sleepy"]);
    assert!(err.contains("没有生命周期 'sleepy'"), "{err}");
    assert!(err.contains("dormant（休眠期）"), "{err}");
}

#[test]
fn list_rotting_contacts() {
    let mut sb = Sb::new();
    let idle = sb.add(&["--name", "甲"]);
    let pitched = sb.add(&["--name", "乙", "--grade", "A"]);
    let planned = sb.add(&["--name", "丙", "--grade", "B"]);
    let won = sb.add(&["--name", "丁"]);
    sb.ok(&["move", &pitched.to_string(), "pitch"]);
    sb.ok(&["won", &won.to_string()]);
    touch(&sb, planned);
    let _ = idle;
    let rotting = |sb: &Sb| names(&sb.json(&["list", "--rotting", "--format", "json"]));
    assert_eq!(rotting(&sb), Vec::<String>::new());

    // Day 5 exactly: not yet (挖需求 rots after more than 5 days).
    sb.set_now("2026-11-28T09:30:00+08:00");
    assert_eq!(rotting(&sb), Vec::<String>::new());
    // Past 5 days in 挖需求 with only an overdue first reply: 甲 rots. 丙's cadence step
    // (a day after the touch) is overdue too: it rots. 乙 sits in 抛产品 (7 days).
    sb.set_now("2026-11-29T09:30:00+08:00");
    assert_eq!(rotting(&sb), ["甲", "丙"]);
    // Something scheduled ahead keeps a contact fresh: snooze 丙's step to next week.
    let items = agenda(&sb, &[]);
    let step = items
        .iter()
        .find(|i| i["contact_id"] == planned)
        .expect("丙's step");
    sb.ok(&["snooze", &id_of(step), "--until", "+7d"]);
    assert_eq!(rotting(&sb), ["甲"]);
    // 乙 past 7 days in 抛产品.
    sb.set_now("2026-12-01T09:31:00+08:00");
    assert_eq!(rotting(&sb), ["甲", "乙"]);
    // The won contact never rots.
    sb.set_now("2027-06-01T09:30:00+08:00");
    assert!(!rotting(&sb).contains(&"丁".to_string()));
}

#[test]
fn section_totals_stop_counting_at_999() {
    let mut sb = Sb::new();
    sb.ok(&["demo", "--contacts", "4000"]);
    // A month away from the book: well over a thousand follow-ups overdue. The header says
    // "999+" rather than spend time counting them all; the JSON items are unaffected.
    sb.set_now("2026-12-23T09:00:00+08:00");
    let table = sb.ok(&["agenda"]);
    assert!(table.contains("\n已逾期 (999+)\n"), "{table}");
    let items = sb.json(&["agenda", "--format", "json"]);
    let overdue = items
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["section"] == "overdue")
        .count();
    assert_eq!(overdue, 50);
}

#[test]
fn upcoming_looks_one_day_ahead_unless_told() {
    let sb = Sb::new();
    let id = sb.add(&["--name", "李四", "--grade", "B"]);
    sb.ok(&[
        "log",
        &id.to_string(),
        "--note",
        "加了微信",
        "--channel",
        "wechat",
    ]);
    // B's first step is a day after the first touch: tomorrow, so upcoming by default.
    let plain = |extra: &[&str]| {
        let mut args = vec!["agenda", "--format", "json"];
        args.extend_from_slice(extra);
        sb.json(&args).as_array().unwrap().clone()
    };
    let items = plain(&[]);
    assert_eq!(items.len(), 1, "{items:?}");
    assert_eq!(items[0]["section"], "upcoming");
    // Snoozed two days out, it leaves the default view and shows with --days 3.
    let fid = items[0]["followup_id"].as_i64().unwrap().to_string();
    sb.ok(&["snooze", &fid, "--until", "+2d"]);
    assert!(plain(&[]).is_empty());
    let later = plain(&["--days", "3"]);
    assert_eq!(later.len(), 1);
    assert_eq!(later[0]["followup_id"].as_i64().unwrap().to_string(), fid);
    // The table shows a date of another year with its year (it read like a past month).
    sb.ok(&["snooze", &fid, "--until", "2027-10-24"]);
    let table = sb.ok(&["agenda", "--days", "400"]);
    assert!(table.contains("2027-10-24 09:00"), "{table}");
    sb.ok(&["snooze", &fid, "--until", "+2d"]);
    let table = sb.ok(&["agenda", "--days", "3"]);
    // This year's: month and day, as before.
    assert!(
        table.contains(" 11-25 ") && !table.contains("2026-11-25"),
        "{table}"
    );
}

// ───────────────────────────── the customer's own messages ─────────────────────────────

#[test]
fn an_inbound_question_is_on_today_with_the_reason_and_ranked_first() {
    let mut sb = Sb::new();
    let quiet = sb.add(&["--name", "甲", "--grade", "C"]);
    let asker = sb.add(&["--name", "乙", "--grade", "C"]);
    sb.set_now("2026-11-23T10:00:00+08:00");
    touch(&sb, quiet);
    touch(&sb, asker);
    // Three days on, 甲's light touch is a day overdue; 乙 asks about the price.
    sb.set_now("2026-11-26T20:00:00+08:00");
    let out = sb.ok(&[
        "log",
        &asker.to_string(),
        "--inbound",
        "--note",
        "这个多少钱？能用多久",
        "--channel",
        "wechat",
    ]);
    assert!(out.contains(": 客户来信 #"), "{out}");
    // Two hours later both are overdue: the question comes first.
    sb.set_now("2026-11-26T22:00:00+08:00");
    let items = agenda(&sb, &["--explain"]);
    assert_eq!(items[0]["section"], "overdue");
    let first = &items[0];
    assert_eq!(first["contact_id"], asker);
    assert_eq!(first["track"], "signal");
    assert_eq!(
        first["action"],
        "主动问产品「这个多少钱？能用多久」：当天回复，答完顺势问一句打算什么时候用"
    );
    assert!(
        first["terms"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["name"] == "signal product-question"),
        "{first}"
    );
    let table = sb.ok(&["agenda"]);
    assert!(
        table.contains("主动问产品「这个多少钱？能用多久」"),
        "{table}"
    );
    // A plain inbound message with no signal still counts as the customer's activity.
    sb.ok(&["log", &quiet.to_string(), "--inbound", "--note", "收到"]);
    let c = sb.contact(quiet);
    assert_eq!(c["last_touch_at"], "2026-11-23T10:00:00+08:00");
    assert_eq!(
        sb.json(&["list", "--lifecycle", "intro", "--format", "json"])
            .as_array()
            .unwrap()
            .len(),
        2
    );
    // Answered: gone.
    sb.set_now("2026-11-26T22:05:00+08:00");
    touch(&sb, asker);
    assert!(agenda(&sb, &[]).iter().all(|i| i["track"] != "signal"));
}

// ───────────────────────────── what done says comes next ─────────────────────────────

/// Done with one of two overdue dates, the next is already past: said so, not shown as if
/// it were ahead.
#[test]
fn done_says_when_the_next_item_is_already_overdue() {
    let mut sb = Sb::new();
    let id = sb.add(&["--name", "老陈", "--grade", "B"]);
    touch(&sb, id);
    let sid = id.to_string();
    sb.ok(&[
        "followup",
        "add",
        &sid,
        "--at",
        "2026-11-24 15:00",
        "--note",
        "电话",
    ]);
    sb.ok(&[
        "followup",
        "add",
        &sid,
        "--at",
        "2026-11-25 15:00",
        "--note",
        "面谈",
    ]);
    sb.set_now("2026-11-26T10:00:00+08:00");
    let first = agenda(&sb, &[])
        .into_iter()
        .find(|i| i["due"] == "2026-11-24T15:00:00+08:00")
        .expect("the first date, overdue");
    let said = sb.ok(&["done", &id_of(&first)]);
    assert!(said.contains("下次 2026-11-25 15:00（已逾期）"), "{said}");
    // Done with that one too, the next is ahead: no mark.
    let second = agenda(&sb, &[])
        .into_iter()
        .find(|i| i["due"] == "2026-11-25T15:00:00+08:00")
        .expect("the second date, overdue");
    let said = sb.ok(&["done", &id_of(&second)]);
    assert!(said.contains("下次 ") && !said.contains("已逾期"), "{said}");
}
