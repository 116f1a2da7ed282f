//! The follow-up commands through the built binary, with the clock pinned by
//! `SALESBOOK_NOW` and moved day by day: `agenda`, `done`, `snooze`, `skip`, `simulate`,
//! `export --ics`, `list --lifecycle` / `--rotting`, against the built-in default template
//! (first reply within 10 minutes; A = 0d, 1d, 2d, 4d, then weekly; aftercare 12h, 60h,
//! 11d, 3d, then the tier's rhythm; dormant after 30 days, woken every 15 days, at most
//! twice in 30 days).

mod common;

use chrono::{DateTime, NaiveDateTime, Utc};
use common::{NOW, Sb};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

// ───────────────────────────── helpers ─────────────────────────────

/// `agenda --format json ARGS…` as a list of items.
fn agenda(sb: &Sb, extra: &[&str]) -> Vec<Value> {
    let mut args = vec!["agenda", "--format", "json"];
    // These tests look three days ahead unless they say otherwise (the default is one).
    if !extra.contains(&"--days") {
        args.extend_from_slice(&["--days", "3"]);
    }
    args.extend_from_slice(extra);
    match sb.json(&args) {
        Value::Array(items) => items,
        other => panic!("agenda --format json should print an array, got {other}"),
    }
}

/// "section track due script" per item: the shape of the day at a glance.
fn brief(items: &[Value]) -> Vec<String> {
    items
        .iter()
        .map(|i| {
            format!(
                "{} {} {} {}",
                i["section"].as_str().unwrap(),
                i["track"].as_str().unwrap(),
                i["due"].as_str().unwrap(),
                i["script"].as_str().unwrap_or("-")
            )
        })
        .collect()
}

fn id_of(item: &Value) -> String {
    item["followup_id"]
        .as_i64()
        .expect("followup_id")
        .to_string()
}

fn only(items: &[Value]) -> &Value {
    assert_eq!(
        items.len(),
        1,
        "expected exactly one agenda item: {items:#?}"
    );
    &items[0]
}

/// `log ID --note … --channel wechat`: an outgoing touch.
fn touch(sb: &Sb, id: i64) {
    sb.ok(&[
        "log",
        &id.to_string(),
        "--note",
        "微信沟通",
        "--channel",
        "wechat",
    ]);
}

fn names(list: &Value) -> Vec<String> {
    list.as_array()
        .expect("a JSON array")
        .iter()
        .map(|c| c["name"].as_str().unwrap().to_string())
        .collect()
}

// ───────────────────────────── the A-grade path ─────────────────────────────

#[test]
fn a_grade_lead_day_by_day() {
    let mut sb = Sb::new();
    assert_eq!(NOW, "2026-11-23T09:30:00+08:00");
    let id = sb.add(&["--name", "张三", "--grade", "A"]);

    // A new lead: first reply due within 10 minutes.
    let items = agenda(&sb, &[]);
    let lead = only(&items);
    assert_eq!(
        brief(&items),
        ["new_leads first_response 2026-11-23T09:40:00+08:00 welcome"]
    );
    assert_eq!(lead["contact_id"], id);
    assert_eq!(lead["contact_name"], "张三");
    assert_eq!(lead["action"], "欢迎语");
    assert_eq!(lead["waiting_minutes"], 0);
    assert_eq!(lead["urgency"], 35.0);

    // 22 minutes later: waiting, late, and flagged as such.
    sb.set_now("2026-11-23T09:52:00+08:00");
    let items = agenda(&sb, &["--explain"]);
    let lead = only(&items);
    assert_eq!(lead["waiting_minutes"], 22);
    assert_eq!(
        lead["terms"],
        serde_json::json!([
            { "name": "overdue 12m", "points": 0.025 },
            { "name": "grade A", "points": 30.0 },
            { "name": "stage discover", "points": 5.0 },
            { "name": "first response late", "points": 40.0 },
        ])
    );
    assert_eq!(lead["urgency"], 75.0);
    let table = sb.ok(&["agenda"]);
    assert!(table.contains("新线索待回复 new_leads (1)"), "{table}");
    assert!(table.contains("已等 22 分钟"), "{table}");
    assert!(table.contains("欢迎语"), "{table}");

    // The first touch: the same-day tailored plan is due right then.
    sb.set_now("2026-11-23T09:55:00+08:00");
    touch(&sb, id);
    let items = agenda(&sb, &[]);
    assert_eq!(
        brief(&items),
        ["today cadence 2026-11-23T09:55:00+08:00 tailored-plan"]
    );
    assert_eq!(items[0]["action"], "当天深聊需求，发专属建议方案");
    assert_eq!(items[0]["waiting_minutes"], Value::Null);

    // Done: day 1 follows a day later.
    sb.set_now("2026-11-23T10:30:00+08:00");
    let step0 = id_of(&items[0]);
    let out = sb.ok(&["done", &step0, "--note", "方案已发"]);
    assert_eq!(
        out,
        format!("{step0} 张三: 当天深聊需求，发专属建议方案 ✓ — 下次 2026-11-24 10:30\n")
    );
    let items = agenda(&sb, &[]);
    assert_eq!(
        brief(&items),
        ["upcoming cadence 2026-11-24T10:30:00+08:00 invite-experience"]
    );
    assert_eq!(items[0]["action"], "跟进方案反馈，邀约通话或体验");
    let kinds = sb.kinds(id);
    assert_eq!(kinds.last().map(String::as_str), Some("followup_done"));

    // Day 1, 09:00: due today; 11:00: overdue; done.
    sb.set_now("2026-11-24T09:00:00+08:00");
    assert_eq!(
        brief(&agenda(&sb, &[])),
        ["today cadence 2026-11-24T10:30:00+08:00 invite-experience"]
    );
    sb.set_now("2026-11-24T11:00:00+08:00");
    let items = agenda(&sb, &["--explain"]);
    assert_eq!(
        brief(&items),
        ["overdue cadence 2026-11-24T10:30:00+08:00 invite-experience"]
    );
    assert_eq!(items[0]["terms"][0]["name"], "overdue 30m");
    let out = sb.ok(&["done", &id_of(&items[0])]);
    assert!(out.ends_with("— 下次 2026-11-26 11:00\n"), "{out}");

    // Day 2: nothing due today, the limited offer is coming.
    sb.set_now("2026-11-25T09:00:00+08:00");
    assert_eq!(
        brief(&agenda(&sb, &[])),
        ["upcoming cadence 2026-11-26T11:00:00+08:00 limited-benefit"]
    );
    // Day 3, four hours late.
    sb.set_now("2026-11-26T15:00:00+08:00");
    let items = agenda(&sb, &["--explain"]);
    assert_eq!(
        brief(&items),
        ["overdue cadence 2026-11-26T11:00:00+08:00 limited-benefit"]
    );
    assert_eq!(items[0]["terms"][0]["name"], "overdue 4.0h");
    assert_eq!(items[0]["terms"][0]["points"], 0.5);
    let out = sb.ok(&["done", &id_of(&items[0])]);
    assert!(out.ends_with("— 下次 2026-11-30 15:00\n"), "{out}");
    // Four days on: day by day, upcoming, then today.
    for (day, section) in [
        ("2026-11-27", "upcoming"),
        ("2026-11-28", "upcoming"),
        ("2026-11-29", "upcoming"),
        ("2026-11-30", "today"),
    ] {
        sb.set_now(&format!("{day}T09:00:00+08:00"));
        assert_eq!(
            brief(&agenda(&sb, &[])),
            [format!(
                "{section} cadence 2026-11-30T15:00:00+08:00 ask-concern"
            )],
            "on {day}"
        );
    }
    // Day 7 done: the lead does not fall silent — weekly from here, B's tail.
    sb.set_now("2026-11-30T15:00:00+08:00");
    let items = agenda(&sb, &[]);
    let out = sb.ok(&["done", &id_of(&items[0])]);
    assert!(out.ends_with("— 下次 2026-12-07 15:00\n"), "{out}");
    let items = agenda(&sb, &["--days", "40"]);
    assert_eq!(
        brief(&items),
        ["upcoming cadence 2026-12-07T15:00:00+08:00 case-share"]
    );
    assert_eq!(items[0]["action"], "每周一次：分享一个相近的案例");
}

// ───────────────────────────── aftercare and repurchase ─────────────────────────────

#[test]
fn winning_starts_aftercare_and_a_repurchase_reminder() {
    let mut sb = Sb::new();
    let id = sb.add(&["--name", "李四", "--grade", "B"]);
    sb.set_now("2026-11-23T14:00:00+08:00");
    sb.ok(&[
        "won",
        &id.to_string(),
        "--amount",
        "3999",
        "--product",
        "标准套装（季装）",
    ]);
    // No first reply for a buyer; the usage guide within 24 hours; the 90-day set
    // reminded after 75.
    let items = agenda(&sb, &["--days", "100"]);
    assert_eq!(
        brief(&items),
        [
            "upcoming aftercare 2026-11-24T02:00:00+08:00 usage-guide",
            "upcoming repurchase 2027-02-06T14:00:00+08:00 repurchase-reminder",
        ]
    );
    assert_eq!(items[0]["action"], "发使用指南和注意事项");
    assert_eq!(items[1]["action"], "复购提醒：标准套装（季装）");
    assert_eq!(items[0]["stage"], "aftercare");

    // Aftercare step by step: the guide sent that evening, day 3 checked in on.
    sb.set_now("2026-11-23T21:00:00+08:00");
    let out = sb.ok(&["done", &id_of(&items[0])]);
    assert!(out.ends_with("— 下次 2026-11-26 09:00\n"), "{out}");
    let items = agenda(&sb, &["--days", "100"]);
    assert_eq!(
        brief(&items)[0],
        "upcoming aftercare 2026-11-26T09:00:00+08:00 day3-checkin"
    );
    let first_reminder = id_of(&items[1]);

    // Bought again: the first reminder is replaced by one counted from the new purchase,
    // and aftercare restarts from this win.
    sb.set_now("2027-01-30T10:00:00+08:00");
    sb.ok(&["won", &id.to_string(), "--product", "标准套装（季装）"]);
    let items = agenda(&sb, &["--days", "100"]);
    assert_eq!(
        brief(&items),
        [
            "today aftercare 2027-01-30T22:00:00+08:00 usage-guide",
            "upcoming repurchase 2027-04-15T10:00:00+08:00 repurchase-reminder",
        ]
    );
    assert_ne!(id_of(&items[1]), first_reminder);
    let err = sb.fail(&["done", &first_reminder]);
    assert!(
        err.contains(&format!("跟进 {first_reminder} 已被新的计划替代")),
        "{err}"
    );

    // The reminder done: it comes back 15 days later until the customer buys again; the
    // repurchase done is a touch in the timeline.
    sb.set_now("2027-04-15T10:00:00+08:00");
    let reminder = id_of(&items[1]);
    let out = sb.ok(&["done", &reminder]);
    assert!(
        out.starts_with(&format!("{reminder} 李四: 复购提醒：标准套装（季装） ✓")),
        "{out}"
    );
    let items = agenda(&sb, &["--days", "400"]);
    let again: Vec<&Value> = items
        .iter()
        .filter(|i| i["track"] == "repurchase")
        .collect();
    assert_eq!(again.len(), 1, "{:?}", brief(&items));
    assert_eq!(again[0]["due"], "2027-04-30T10:00:00+08:00");
    assert_ne!(id_of(again[0]), reminder);

    // A product the template does not know: no reminder, and `won` says so, with the
    // template's products.
    let other = sb.add(&["--name", "王五"]);
    let out = sb.run(&["won", &other.to_string(), "--product", "神秘礼盒"]);
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("'神秘礼盒' 不是模板里的产品，不会有复购提醒"),
        "{err}"
    );
    assert!(
        err.contains("标准套装（季装）") && err.contains("年度会员"),
        "{err}"
    );
    let items = agenda(&sb, &["--days", "400"]);
    let theirs: Vec<&Value> = items.iter().filter(|i| i["contact_id"] == other).collect();
    assert_eq!(theirs.len(), 1, "{:?}", brief(&items));
    assert_eq!(theirs[0]["track"], "aftercare");
}

// ───────────────────────────── dormant reactivation and the cap ─────────────────────────────

#[test]
fn a_dormant_contact_is_woken_within_the_cap_and_over_cap_is_flagged() {
    let mut sb = Sb::new();
    // An unused coupon: the first wake-up may remind of it.
    let id = sb.add(&[
        "--name",
        "王五",
        "--grade",
        "C",
        "--tag",
        "账户权益/有未用优惠券",
    ]);
    sb.set_now("2026-11-23T10:00:00+08:00");
    touch(&sb, id);
    assert_eq!(
        brief(&agenda(&sb, &[])),
        ["upcoming cadence 2026-11-25T10:00:00+08:00 weekly-tip"]
    );
    // Never followed up: 30 days after that touch the contact is dormant; the agenda
    // shows the wake-up, not a month-old tip.
    sb.set_now("2026-12-24T09:00:00+08:00");
    let items = agenda(&sb, &[]);
    assert_eq!(
        brief(&items),
        ["overdue reactivation 2026-12-23T10:00:00+08:00 wake-benefit"]
    );
    assert_eq!(items[0]["action"], "提醒账户里还没用的权益");
    assert_eq!(items[0]["over_cap"], 0);
    let dormant = sb.json(&["list", "--lifecycle", "dormant", "--format", "json"]);
    assert_eq!(names(&dormant), ["王五"]);

    // Woken: the next wake-up in 15 days.
    sb.set_now("2026-12-24T10:00:00+08:00");
    touch(&sb, id);
    assert_eq!(
        brief(&agenda(&sb, &["--days", "40"])),
        ["upcoming reactivation 2027-01-08T10:00:00+08:00 wake-news"]
    );
    // A second touch the next day: 15 days on would be a third within 30 days, so the
    // next waits until the first leaves the window.
    sb.set_now("2026-12-25T10:00:00+08:00");
    touch(&sb, id);
    let items = agenda(&sb, &["--days", "40"]);
    assert_eq!(
        brief(&items),
        ["upcoming reactivation 2027-01-23T10:00:01+08:00 wake-material"]
    );
    assert_eq!(items[0]["over_cap"], 0);
    // The rep keeps messaging: three touches in 30 days, one over the cap — the agenda
    // warns, and the plan waits for two to age out.
    sb.set_now("2026-12-26T10:00:00+08:00");
    touch(&sb, id);
    let items = agenda(&sb, &["--days", "40"]);
    assert_eq!(
        brief(&items),
        ["upcoming reactivation 2027-01-24T10:00:01+08:00 wake-care"]
    );
    assert_eq!(items[0]["over_cap"], 1);
    // In the table: a marker on the row and the warning in full below it.
    let table = sb.ok(&["agenda", "--days", "40"]);
    assert!(table.contains("⚠ 换季问候并附一张小贴士"), "{table}");
    assert!(
        table.contains(&format!(
            "\n⚠ #{} 王五：30天内已超出唤醒上限 1 次\n",
            id_of(&items[0])
        )),
        "{table}"
    );
    // Once the first of them is 30 days old, the warning is gone.
    sb.set_now("2027-01-24T10:00:00+08:00");
    let items = agenda(&sb, &[]);
    assert_eq!(
        brief(&items),
        ["today reactivation 2027-01-24T10:00:01+08:00 wake-care"]
    );
    assert_eq!(items[0]["over_cap"], 0);
}

#[test]
fn a_new_grade_restarts_the_cadence_from_when_it_was_set() {
    let mut sb = Sb::new();
    let id = sb.add(&["--name", "钱七", "--grade", "A"]);
    sb.set_now("2026-11-23T09:35:00+08:00");
    touch(&sb, id);
    sb.set_now("2026-11-23T09:40:00+08:00");
    touch(&sb, id);
    sb.set_now("2026-11-25T12:00:00+08:00");
    sb.ok(&["edit", &id.to_string(), "--grade", "B"]);
    // B's first step, a day after the grade was set.
    assert_eq!(
        brief(&agenda(&sb, &[])),
        ["upcoming cadence 2026-11-26T12:00:00+08:00 case-share"]
    );
}

// ───────────────────────────── snooze and skip ─────────────────────────────

/// A grade-A contact touched twice on the first day: day 1 is due 2026-11-24 09:40.
fn at_day_one(sb: &mut Sb) -> (i64, String) {
    let id = sb.add(&["--name", "赵六", "--grade", "A"]);
    sb.set_now("2026-11-23T09:35:00+08:00");
    touch(sb, id);
    sb.set_now("2026-11-23T09:40:00+08:00");
    touch(sb, id);
    let items = agenda(sb, &[]);
    assert_eq!(
        brief(&items),
        ["upcoming cadence 2026-11-24T09:40:00+08:00 invite-experience"]
    );
    (id, id_of(&items[0]))
}

#[test]
fn snooze_moves_a_follow_up_and_keeps_its_id() {
    let mut sb = Sb::new();
    let (_, f) = at_day_one(&mut sb);
    sb.set_now("2026-11-23T09:45:00+08:00");
    let out = sb.ok(&["snooze", &f, "--until", "+3d"]);
    assert_eq!(
        out,
        format!("{f} 赵六: 跟进方案反馈，邀约通话或体验 → 2026-11-26 09:45\n")
    );
    let items = agenda(&sb, &[]);
    assert_eq!(
        brief(&items),
        ["upcoming cadence 2026-11-26T09:45:00+08:00 invite-experience"]
    );
    assert_eq!(id_of(&items[0]), f);
    // A date means 09:00 that day; a date and time, that time.
    let out = sb.ok(&["snooze", &f, "--until", "2026-11-28"]);
    assert!(out.ends_with("→ 2026-11-28 09:00\n"), "{out}");
    assert_eq!(
        brief(&agenda(&sb, &["--days", "7"])),
        ["upcoming cadence 2026-11-28T09:00:00+08:00 invite-experience"]
    );
    let out = sb.ok(&["snooze", &f, "--until", "2026-11-27 15:30"]);
    assert!(out.ends_with("→ 2026-11-27 15:30\n"), "{out}");
    // The snooze is in the timeline.
    let history = sb.contact(1);
    let last = common::history(&history).last().unwrap().clone();
    assert_eq!(last["kind"], "followup_snoozed");
    // Not into the past.
    let err = sb.fail(&["snooze", &f, "--until", "2026-11-23 08:00"]);
    assert!(err.contains("推迟到的时间必须在将来"), "{err}");
    // Done on the snoozed day: the next step counts from then.
    sb.set_now("2026-11-27T16:00:00+08:00");
    let out = sb.ok(&["done", &f]);
    assert!(out.ends_with("— 下次 2026-11-29 16:00\n"), "{out}");
}

#[test]
fn skip_needs_a_reason_and_the_next_step_follows() {
    let mut sb = Sb::new();
    let (_, f) = at_day_one(&mut sb);
    sb.set_now("2026-11-23T10:00:00+08:00");
    let err = sb.fail(&["skip", &f]);
    assert!(err.contains("--reason"), "{err}");
    let err = sb.fail(&["skip", &f, "--reason", "   "]);
    assert!(err.contains("请写明原因"), "{err}");
    // Still open after the failed attempts.
    assert_eq!(id_of(&agenda(&sb, &[])[0]), f);
    let out = sb.ok(&["skip", &f, "--reason", "客户出差"]);
    assert_eq!(
        out,
        format!("{f} 赵六: 跟进方案反馈，邀约通话或体验 ⤼ (客户出差) — 下次 2026-11-25 10:00\n")
    );
    assert_eq!(
        brief(&agenda(&sb, &[])),
        ["upcoming cadence 2026-11-25T10:00:00+08:00 limited-benefit"]
    );
    let history = sb.contact(1);
    let last = common::history(&history).last().unwrap().clone();
    assert_eq!(last["kind"], "followup_skipped");
    assert!(
        last["text"].as_str().unwrap().ends_with("· 客户出差"),
        "{last}"
    );
}

#[test]
fn done_skip_and_snooze_on_unknown_or_closed_ids_fail_clearly() {
    let mut sb = Sb::new();
    let (id, f) = at_day_one(&mut sb);
    for args in [
        vec!["done", "999"],
        vec!["skip", "999", "--reason", "x"],
        vec!["snooze", "999", "--until", "+1d"],
    ] {
        let err = sb.fail(&args);
        assert!(
            err.contains("没有编号为 999 的跟进（salesbook agenda 可查看编号）"),
            "{args:?}: {err}"
        );
    }
    sb.set_now("2026-11-24T10:00:00+08:00");
    sb.ok(&["done", &f]);
    for args in [
        vec!["done", f.as_str()],
        vec!["skip", f.as_str(), "--reason", "x"],
        vec!["snooze", f.as_str(), "--until", "+1d"],
    ] {
        let err = sb.fail(&args);
        assert!(err.contains(&format!("跟进 {f} 已完成")), "{args:?}: {err}");
    }
    // A follow-up replaced by a touch is "superseded".
    let next = id_of(&agenda(&sb, &[])[0]);
    sb.set_now("2026-11-25T10:00:00+08:00");
    touch(&sb, id);
    let err = sb.fail(&["done", &next]);
    assert!(
        err.contains(&format!("跟进 {next} 已被新的计划替代")),
        "{err}"
    );
    // Skipped ones say so too.
    let open = id_of(&agenda(&sb, &["--days", "7"])[0]);
    sb.ok(&["skip", &open, "--reason", "暂停"]);
    let err = sb.fail(&["snooze", &open, "--until", "+1d"]);
    assert!(err.contains(&format!("跟进 {open} 已跳过")), "{err}");
}

#[test]
fn bad_dates_fail_with_the_accepted_forms() {
    let mut sb = Sb::new();
    let (_, f) = at_day_one(&mut sb);
    for bad in ["2026/11/23", "tomorrow", "2026-13-01", ""] {
        let err = sb.fail(&["agenda", "--date", bad]);
        assert!(
            err.contains(&format!("日期 '{bad}' 不对")) && err.contains("YYYY-MM-DD"),
            "{bad}: {err}"
        );
    }
    for bad in [
        "someday",
        "+3x",
        "3d",
        "2026-13-01",
        "2026-11-30 25:00",
        "+",
    ] {
        let err = sb.fail(&["snooze", &f, "--until", bad]);
        assert!(err.contains(&format!("'{bad}'")), "{bad}: {err}");
        for form in ["+3d", "明天", "2026-12-01 15:00"] {
            assert!(err.contains(form), "{bad}: {err}");
        }
    }
    // Nothing moved.
    assert_eq!(
        brief(&agenda(&sb, &[])),
        ["upcoming cadence 2026-11-24T09:40:00+08:00 invite-experience"]
    );
    // A good --date: that day's view (the item is due on it).
    assert_eq!(
        brief(&agenda(&sb, &["--date", "2026-11-24"])),
        ["today cadence 2026-11-24T09:40:00+08:00 invite-experience"]
    );
}

// ───────────────────────────── agenda JSON ─────────────────────────────

#[test]
fn agenda_json_items_carry_every_field_and_terms_with_explain() {
    let mut sb = Sb::new();
    let a = sb.add(&["--name", "张三", "--grade", "A", "--tag", "意向/近期购买"]);
    let b = sb.add(&["--name", "李四", "--grade", "B"]);
    sb.set_now("2026-11-23T09:50:00+08:00");
    touch(&sb, b);
    sb.set_now("2026-11-25T12:00:00+08:00");
    let items = agenda(&sb, &[]);
    let keys: BTreeSet<&str> = items[0]
        .as_object()
        .unwrap()
        .keys()
        .map(|k| k.as_str())
        .collect();
    let expected: BTreeSet<&str> = [
        "followup_id",
        "contact_id",
        "contact_name",
        "stage",
        "grade",
        "due",
        "section",
        "track",
        "action",
        "script",
        "urgency",
        "waiting_minutes",
        "over_cap",
    ]
    .into();
    assert_eq!(keys, expected);
    // Ranked by urgency: the waiting A lead first (new leads), then B's overdue case.
    assert_eq!(
        brief(&items),
        [
            "new_leads first_response 2026-11-23T09:40:00+08:00 welcome",
            "overdue cadence 2026-11-24T09:50:00+08:00 case-share",
        ]
    );
    assert_eq!(items[0]["contact_id"], a);
    assert_eq!(items[1]["contact_id"], b);
    assert_eq!(items[1]["contact_name"], "李四");
    assert_eq!(items[1]["action"], "一对一分享一个相近的案例，不推销");

    // The keys come in alphabetical order, `terms` among them with --explain: as they
    // always have, for scripts that read the text.
    let raw = sb.ok(&["agenda", "--format", "json", "--days", "3", "--explain"]);
    let first: Vec<&str> = raw
        .lines()
        .skip(2)
        .take_while(|l| !l.starts_with("  }"))
        .filter(|l| l.starts_with("    \""))
        .map(|l| l.trim_start().split('"').nth(1).unwrap())
        .collect();
    let mut sorted = first.clone();
    sorted.sort();
    assert_eq!(first, sorted);
    assert_eq!(first.len(), expected.len() + 1, "{first:?}");
    assert!(first.contains(&"terms"));

    let explained = agenda(&sb, &["--explain"]);
    for item in &explained {
        let terms = item["terms"].as_array().expect("terms with --explain");
        let sum: f64 = terms.iter().map(|t| t["points"].as_f64().unwrap()).sum();
        assert_eq!(
            (sum * 10.0).round() / 10.0,
            item["urgency"].as_f64().unwrap(),
            "{item}"
        );
    }
    // A: 2 days 2h20m late on its first reply, grade A, discover, breach, hot tag.
    let names: Vec<&str> = explained[0]["terms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "overdue 2.1d",
            "grade A",
            "stage discover",
            "first response late",
            "tag 意向/近期购买",
        ]
    );
    // B: a day and 2h10m overdue, grade B, discover.
    let names: Vec<&str> = explained[1]["terms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["overdue 1.1d", "grade B", "stage discover"]);
    // The same fields as CSV, with a terms column only when explained.
    let csv = sb.ok(&["agenda", "--format", "csv"]);
    assert!(
        csv.starts_with(
            "followup_id,contact_id,contact_name,stage,grade,due,section,track,action,script,urgency\n"
        ),
        "{csv}"
    );
    let csv = sb.ok(&["agenda", "--format", "csv", "--explain"]);
    assert!(
        csv.lines().next().unwrap().ends_with(",urgency,terms"),
        "{csv}"
    );
}

#[test]
fn ranking_orders_by_urgency_then_due_then_id() {
    let mut sb = Sb::new();
    // Three B contacts touched at the same moment: same urgency, same due — by id.
    // A C contact touched earlier: overdue longer but lighter grade.
    let ids: Vec<i64> = ["甲", "乙", "丙"]
        .iter()
        .map(|n| sb.add(&["--name", n, "--grade", "B"]))
        .collect();
    let c = sb.add(&["--name", "丁", "--grade", "C"]);
    sb.set_now("2026-11-23T10:00:00+08:00");
    for id in ids.iter().rev() {
        touch(&sb, *id);
    }
    touch(&sb, c);
    sb.set_now("2026-11-30T10:00:00+08:00");
    let items = agenda(&sb, &[]);
    let order: Vec<(String, f64)> = items
        .iter()
        .map(|i| {
            (
                i["contact_name"].as_str().unwrap().to_string(),
                i["urgency"].as_f64().unwrap(),
            )
        })
        .collect();
    // All four idle in 挖需求 for 7 days with only overdue steps: rotting (+10).
    // B: 6 days overdue × 3 + 15 + 5 + 10 = 48; C: 5 days × 3 + 5 + 5 + 10 = 35. The three
    // B steps tie on urgency and due: by follow-up id, i.e. the order they were touched in.
    assert_eq!(
        order,
        [
            ("丙".to_string(), 48.0),
            ("乙".to_string(), 48.0),
            ("甲".to_string(), 48.0),
            ("丁".to_string(), 35.0),
        ]
    );
    let ids: Vec<i64> = items
        .iter()
        .map(|i| i["followup_id"].as_i64().unwrap())
        .collect();
    assert!(ids[0] < ids[1] && ids[1] < ids[2], "{ids:?}");
}

// ───────────────────────────── simulate ─────────────────────────────

#[test]
fn simulate_counts_each_day_and_writes_nothing() {
    let sb = Sb::new();
    sb.add(&["--name", "张三", "--grade", "A"]);
    let buyer = sb.add(&["--name", "王五"]);
    sb.ok(&["won", &buyer.to_string(), "--product", "家庭营养礼盒"]);
    let book_before = std::fs::read(sb.db()).unwrap();
    let snapshot = sb.snapshot();
    let agenda_before = agenda(&sb, &["--days", "60"]);

    let sim = sb.json(&["simulate", "--days", "14", "--format", "json"]);
    let days = sim.as_array().expect("an array of days");
    assert_eq!(days.len(), 14);
    let dates: Vec<&str> = days.iter().map(|d| d["date"].as_str().unwrap()).collect();
    assert_eq!(dates[0], "2026-11-23");
    assert_eq!(dates[13], "2026-12-06");
    let counts: BTreeMap<&str, u64> = days
        .iter()
        .filter(|d| d["count"].as_u64().unwrap() > 0)
        .map(|d| (d["date"].as_str().unwrap(), d["count"].as_u64().unwrap()))
        .collect();
    // 张三: the first reply and the tailored plan today, then +1d, +2d, +4d (the weekly
    // tail starts on 12-07, after the two weeks).
    // 王五: the usage guide within 12 hours, the day-3 check-in (the 11-day step and the
    // 25-day reminder fall later).
    assert_eq!(
        counts,
        BTreeMap::from([
            ("2026-11-23", 3),
            ("2026-11-24", 1),
            ("2026-11-26", 2),
            ("2026-11-30", 1),
        ])
    );
    let total: u64 = days.iter().map(|d| d["count"].as_u64().unwrap()).sum();
    assert_eq!(total, 7);
    let who: BTreeMap<&str, Vec<&str>> = days
        .iter()
        .filter(|d| d["count"].as_u64().unwrap() > 0)
        .map(|d| {
            (
                d["date"].as_str().unwrap(),
                d["contacts"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|n| n.as_str().unwrap())
                    .collect(),
            )
        })
        .collect();
    assert_eq!(who["2026-11-23"], ["张三", "王五"]);
    assert_eq!(who["2026-11-24"], ["张三"]);
    assert_eq!(who["2026-11-30"], ["张三"]);
    // Every day with a count names its contacts, and a day without names none.
    for d in days {
        let n = d["contacts"].as_array().unwrap().len() as u64;
        assert_eq!(n == 0, d["count"] == 0, "{d}");
        assert!(n <= d["count"].as_u64().unwrap(), "{d}");
    }

    // Nothing written: the file, the contacts and their follow-ups are as they were.
    sb.ok(&["simulate", "--days", "14"]);
    sb.ok(&["simulate", "--days", "30", "--format", "csv"]);
    assert!(
        std::fs::read(sb.db()).unwrap() == book_before,
        "simulate changed the book"
    );
    assert_eq!(sb.snapshot(), snapshot);
    assert_eq!(agenda(&sb, &["--days", "60"]), agenda_before);
    // Bounds.
    for bad in ["0", "367"] {
        let err = sb.fail(&["simulate", "--days", bad]);
        assert!(err.contains("--days") && err.contains("1..=366"), "{err}");
    }
}

// ───────────────────────────── export --ics ─────────────────────────────

/// One calendar component, parsed strictly.
#[derive(Debug, Default)]
struct Component {
    name: String,
    props: Vec<(String, String)>,
    children: Vec<Component>,
}

impl Component {
    fn get(&self, name: &str) -> Vec<&str> {
        self.props
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    fn one(&self, name: &str) -> &str {
        let v = self.get(name);
        assert_eq!(
            v.len(),
            1,
            "{} needs exactly one {name}: {self:?}",
            self.name
        );
        v[0]
    }
}

/// Parses iCalendar text as RFC 5545 demands: CRLF line ends, lines folded at 75 octets
/// (continuations start with one space), `NAME[;PARAM=V]*:VALUE` lines, BEGIN/END balanced,
/// TEXT values with only the escapes \\ \; \, \n. Panics on any deviation.
fn parse_ics(text: &str) -> Component {
    let bytes = text.as_bytes();
    assert!(text.ends_with("\r\n"), "the file must end with CRLF");
    for (i, b) in bytes.iter().enumerate() {
        if *b == b'\n' {
            assert!(i > 0 && bytes[i - 1] == b'\r', "bare LF at byte {i}");
        }
        if *b == b'\r' {
            assert!(bytes.get(i + 1) == Some(&b'\n'), "bare CR at byte {i}");
        }
    }
    let physical: Vec<&str> = text[..text.len() - 2].split("\r\n").collect();
    let mut logical: Vec<String> = Vec::new();
    for (n, line) in physical.iter().enumerate() {
        assert!(
            line.len() <= 75,
            "line {} is {} octets (max 75): {line:?}",
            n + 1,
            line.len()
        );
        assert!(!line.is_empty(), "empty line {}", n + 1);
        if let Some(rest) = line.strip_prefix(' ').or_else(|| line.strip_prefix('\t')) {
            let last = logical.last_mut().expect("a continuation line first");
            last.push_str(rest);
        } else {
            logical.push(line.to_string());
        }
    }
    let mut stack: Vec<Component> = Vec::new();
    let mut root: Option<Component> = None;
    for line in logical {
        let colon = line
            .find(':')
            .unwrap_or_else(|| panic!("no ':' in {line:?}"));
        let head = &line[..colon];
        let value = &line[colon + 1..];
        let mut parts = head.split(';');
        let name = parts.next().unwrap();
        assert!(
            !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'),
            "bad property name in {line:?}"
        );
        for p in parts {
            let (k, _) = p
                .split_once('=')
                .unwrap_or_else(|| panic!("bad param {p:?}"));
            assert!(k.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'));
        }
        match name {
            "BEGIN" => stack.push(Component {
                name: value.to_string(),
                ..Component::default()
            }),
            "END" => {
                let done = stack
                    .pop()
                    .unwrap_or_else(|| panic!("END:{value} without BEGIN"));
                assert_eq!(done.name, value, "END does not match BEGIN");
                match stack.last_mut() {
                    Some(parent) => parent.children.push(done),
                    None => {
                        assert!(root.is_none(), "content after the calendar");
                        root = Some(done);
                    }
                }
            }
            _ => {
                let top = stack
                    .last_mut()
                    .unwrap_or_else(|| panic!("{name} outside any component"));
                if ["SUMMARY", "DESCRIPTION"].contains(&name) {
                    check_text(value);
                }
                top.props.push((name.to_string(), value.to_string()));
            }
        }
    }
    assert!(stack.is_empty(), "unclosed components: {stack:?}");
    let cal = root.expect("a VCALENDAR");
    assert_eq!(cal.name, "VCALENDAR");
    assert_eq!(cal.one("VERSION"), "2.0");
    assert!(!cal.one("PRODID").is_empty());
    cal
}

/// A TEXT value: `;` and `,` only escaped, backslashes only before \ ; , n N.
fn check_text(v: &str) {
    let mut chars = v.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let next = chars.next();
                assert!(
                    matches!(next, Some('\\' | ';' | ',' | 'n' | 'N')),
                    "bad escape \\{next:?} in {v:?}"
                );
            }
            ';' | ',' => panic!("unescaped {c:?} in TEXT {v:?}"),
            c if (c as u32) < 0x20 => panic!("control character in {v:?}"),
            _ => {}
        }
    }
}

fn unescape(v: &str) -> String {
    v.replace("\\n", "\n")
        .replace("\\,", ",")
        .replace("\\;", ";")
        .replace("\\\\", "\\")
}

#[test]
fn ics_export_is_strict_rfc5545_with_stable_uids_and_the_agendas_dues() {
    let mut sb = Sb::new();
    // A name with characters iCalendar must escape, and long Chinese actions to fold.
    let a = sb.add(&["--name", "Smith, John; Jr\\", "--grade", "A"]);
    let b = sb.add(&["--name", "欧阳娜娜（静安区）", "--grade", "B"]);
    let c = sb.add(&["--name", "王五"]);
    sb.set_now("2026-11-23T10:00:00+08:00");
    touch(&sb, b);
    sb.ok(&["won", &c.to_string(), "--product", "年度服务"]);

    let first = sb.ok(&["export", "--ics"]);
    let out = sb.path("followups.ics");
    sb.ok(&["export", "--ics", "--out", out.to_str().unwrap()]);
    let second = std::fs::read_to_string(&out).unwrap();
    assert_eq!(first, second, "two exports of the same book differ");

    let cal = parse_ics(&first);
    let items = agenda(&sb, &["--days", "400"]);
    assert_eq!(items.len(), 4, "{:?}", brief(&items));
    assert_eq!(
        cal.children.len(),
        items.len(),
        "one VTODO per open follow-up"
    );
    // Agenda due (local RFC 3339) → iCalendar UTC form, by follow-up id.
    let expected: BTreeMap<String, String> = items
        .iter()
        .map(|i| {
            let due: DateTime<Utc> = DateTime::parse_from_rfc3339(i["due"].as_str().unwrap())
                .unwrap()
                .with_timezone(&Utc);
            (
                format!("followup-{}@salesbook", i["followup_id"]),
                due.format("%Y%m%dT%H%M%SZ").to_string(),
            )
        })
        .collect();
    let mut got = BTreeMap::new();
    for todo in &cal.children {
        assert_eq!(todo.name, "VTODO");
        assert!(todo.children.is_empty());
        let due = todo.one("DUE");
        NaiveDateTime::parse_from_str(due, "%Y%m%dT%H%M%SZ")
            .unwrap_or_else(|e| panic!("bad DUE {due}: {e}"));
        assert_eq!(todo.one("DTSTAMP"), "20261123T020000Z");
        assert_eq!(todo.one("STATUS"), "NEEDS-ACTION");
        todo.one("SUMMARY");
        got.insert(todo.one("UID").to_string(), due.to_string());
    }
    assert_eq!(got, expected);
    // The escaped name comes back intact; the fold never split a character.
    let summaries: Vec<String> = cal
        .children
        .iter()
        .map(|t| unescape(t.one("SUMMARY")))
        .collect();
    assert!(
        summaries.contains(&"Smith, John; Jr\\：欢迎语".to_string()),
        "{summaries:?}"
    );
    assert!(
        summaries.contains(&"欧阳娜娜（静安区）：一对一分享一个相近的案例，不推销".to_string()),
        "{summaries:?}"
    );
    assert!(
        first.split("\r\n").any(|l| l.len() > 70 && l.len() <= 75),
        "expected at least one folded line near the limit"
    );
    assert!(first.contains("\r\n "), "expected folded lines");
    let _ = a;

    // UIDs stay the same across exports while the follow-ups stay open; a done one leaves.
    sb.set_now("2026-11-23T11:00:00+08:00");
    let lead = items
        .iter()
        .find(|i| i["track"] == "first_response")
        .unwrap();
    sb.ok(&["done", &id_of(lead)]);
    let after = parse_ics(&sb.ok(&["export", "--ics"]));
    let uids: BTreeSet<String> = after
        .children
        .iter()
        .map(|t| t.one("UID").to_string())
        .collect();
    assert!(!uids.contains(&format!("followup-{}@salesbook", id_of(lead))));
    for (uid, due) in &expected {
        if *uid != format!("followup-{}@salesbook", id_of(lead)) {
            assert!(uids.contains(uid), "{uid} vanished");
            let todo = after.children.iter().find(|t| t.one("UID") == uid).unwrap();
            assert_eq!(todo.one("DUE"), due);
        }
    }
    // Without --ics the contacts are exported; --ics takes no contact-export options.
    assert!(sb.ok(&["export", "--format", "json"]).contains("\"name\""));
    let err = sb.fail(&["export", "--ics", "--format", "csv"]);
    assert!(err.contains("--ics") && err.contains("--format"), "{err}");
}

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
    assert!(err.contains("dormant (休眠期)"), "{err}");
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
    let sb = Sb::new();
    sb.ok(&["demo", "--contacts", "4000"]);
    let table = sb.ok(&["agenda"]);
    // The demo's history leaves well over a thousand follow-ups overdue: the header says
    // "999+" rather than spend time counting them all; the JSON items are unaffected.
    assert!(table.contains("已逾期 overdue (999+)"), "{table}");
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
}

// ───────────────────────────── dates set with the customer ─────────────────────────────

#[test]
fn followup_add_schedules_a_date_that_takes_the_cadences_place() {
    let mut sb = Sb::new();
    let id = sb.add(&["--name", "周九", "--grade", "B"]);
    let id_s = id.to_string();
    sb.set_now("2026-11-23T10:00:00+08:00");
    sb.ok(&[
        "log",
        &id_s,
        "--note",
        "约了明天下午电话沟通",
        "--channel",
        "wechat",
    ]);
    // B's first step would be due tomorrow 10:00; the customer asked for 15:00.
    let out = sb.ok(&[
        "followup",
        "add",
        &id_s,
        "--at",
        "明天 15:00",
        "--note",
        "电话沟通方案",
        "--remind",
    ]);
    let items = agenda(&sb, &["--days", "3"]);
    // The reminder to the customer a day ahead (still to come today), then the call; the
    // cadence step due on the call's day gives way to it.
    assert_eq!(
        brief(&items),
        [
            "today reminder 2026-11-23T15:00:00+08:00 -",
            "upcoming appointment 2026-11-24T15:00:00+08:00 -",
        ],
        "{out}"
    );
    let appointment = id_of(&items[1]);
    assert_eq!(
        out,
        format!("{appointment} 周九: 2026-11-24 15:00 电话沟通方案 · 提醒 2026-11-23 15:00\n")
    );
    assert_eq!(items[1]["action"], "电话沟通方案");
    assert_eq!(items[0]["action"], "到访提醒：约定跟进 11-24 15:00");
    // Further ahead, with the reminder the day before.
    let out = sb.ok(&[
        "followup",
        "add",
        &id_s,
        "--at",
        "2026-11-30 19:30",
        "--kind",
        "visit",
    ]);
    assert!(
        out.ends_with("到店或见面 · 提醒 2026-11-29 19:30\n"),
        "{out}"
    );
    // Nothing in the past, nothing unknown.
    assert!(
        sb.fail(&["followup", "add", &id_s, "--at", "2026-11-01 10:00"])
            .contains("必须在将来")
    );
    let err = sb.fail(&["followup", "add", &id_s, "--at", "+3d", "--kind", "dinner"]);
    assert!(
        err.contains(
            "模板里没有约见类型 'dinner'；--kind 可用：call (约好的通话), visit (到店或见面)"
        ),
        "{err}"
    );
    assert!(
        sb.fail(&["followup", "add", &id_s, "--at", "后天中午"])
            .contains("后天中午")
    );
    let lost = sb.add(&["--name", "郑一"]).to_string();
    sb.ok(&["lost", &lost, "--reason", "预算不够"]);
    let err = sb.fail(&["followup", "add", &lost, "--at", "+1d"]);
    assert!(
        err.contains(&format!(
            "已流失，不会再安排跟进；要约时间请先用 salesbook reopen {lost} 重新打开"
        )),
        "{err}"
    );
    // The call done: a touch, and the cadence a week from it.
    sb.set_now("2026-11-24T15:10:00+08:00");
    let out = sb.ok(&["done", &appointment]);
    assert!(out.ends_with("— 下次 2026-11-29 19:30\n"), "{out}");
    let upcoming: Vec<String> = brief(&agenda(&sb, &["--days", "10"]));
    assert!(
        upcoming.contains(&"upcoming cadence 2026-12-01T15:10:00+08:00 weekly-tip".to_string()),
        "{upcoming:?}"
    );
}

#[test]
fn a_scheduled_follow_up_is_undone_like_any_change() {
    let mut sb = Sb::new();
    let id = sb.add(&["--name", "吴十", "--grade", "C"]).to_string();
    sb.set_now("2026-11-23T10:00:00+08:00");
    sb.ok(&[
        "followup",
        "add",
        &id,
        "--at",
        "2026-11-25 10:00",
        "--note",
        "送样品",
    ]);
    assert!(
        brief(&agenda(&sb, &[]))
            .iter()
            .any(|l| l.contains("appointment"))
    );
    sb.ok(&["undo"]);
    assert!(
        brief(&agenda(&sb, &[]))
            .iter()
            .all(|l| !l.contains("appointment"))
    );
    sb.ok(&["verify"]);
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
    assert!(out.contains(": inbound #"), "{out}");
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
