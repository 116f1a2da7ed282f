//! The agenda through the built binary, with the clock pinned by `SALESBOOK_NOW` and moved
//! day by day: a lead's cadence, after-sale care and repurchase, dormant reactivation and
//! the agenda's JSON (`snooze`, `skip`, `simulate` and dates set with the customer are in
//! `cli_followup_actions.rs`, the lifecycle and rotting lists and the customer's own
//! messages in `cli_agenda_lists.rs`, `export --ics` in `cli_ics.rs`), against the
//! built-in default template (first reply within 10 minutes; A = 0d, 1d, 2d, 4d, then weekly; aftercare 12h, 60h,
//! 11d, 3d, then the tier's rhythm; dormant after 30 days, woken every 15 days, at most
//! twice in 30 days).

mod agenda_support;
mod common;

use agenda_support::{agenda, brief, id_of, names, only, touch};
use common::{NOW, Sb};
use serde_json::Value;
use std::collections::BTreeSet;

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
    assert!(table.contains("\n新线索待回复 (1)\n"), "{table}");
    assert!(table.contains("已等 22 分钟"), "{table}");
    assert!(table.contains("欢迎语"), "{table}");
    let columns = |table: &str| -> Vec<String> {
        let head = table
            .lines()
            .find(|l| l.starts_with("跟进号") || l.starts_with("Item"))
            .expect("a table");
        head.split_whitespace().map(String::from).collect()
    };
    assert_eq!(
        columns(&table),
        [
            "跟进号",
            "客户",
            "阶段",
            "级",
            "到期",
            "跟进",
            "话术",
            "紧急度"
        ]
    );
    let explained = sb.ok(&["agenda", "--explain"]);
    assert!(
        explained.contains("逾期 12 分钟 +0.0、等级 A +30.0、阶段 挖需求 +5.0、首次回复超时 +40.0"),
        "{explained}"
    );
    // With an English UI, the same table in English (a contact's and a template's own words
    // stay as they are).
    let config = sb.path("config/salesbook");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(config.join("config.toml"), "[ui]\nlang = \"en\"\n").unwrap();
    let table = sb.ok(&["agenda"]);
    assert!(table.contains("\nNew leads waiting (1)\n"), "{table}");
    assert!(table.contains("waiting 22 min"), "{table}");
    assert_eq!(
        columns(&table),
        [
            "Item",
            "Contact",
            "Stage",
            "Gr",
            "Due",
            "Follow-up",
            "Script",
            "Urgency"
        ]
    );
    assert!(table.contains(" Discover "), "{table}");
    let explained = sb.ok(&["agenda", "--explain"]);
    assert!(
        explained.contains(
            "overdue 12m +0.0, grade A +30.0, stage discover +5.0, first response late +40.0"
        ),
        "{explained}"
    );
    let sim = sb.ok(&["simulate", "--days", "3"]);
    let head: Vec<&str> = sim.lines().next().unwrap().split_whitespace().collect();
    assert_eq!(head, ["Date", "Follow-ups", "Contacts"], "{sim}");
    std::fs::remove_file(config.join("config.toml")).unwrap();

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
    // The table names the script by its title in the template; JSON and CSV keep its id.
    let table = sb.ok(&["agenda"]);
    let row = table
        .lines()
        .find(|l| l.contains("当天深聊需求"))
        .unwrap_or_else(|| panic!("no row for the plan: {table}"));
    assert!(row.contains(" 专属建议方案 "), "{row}");
    assert!(!table.contains("tailored-plan"), "{table}");
    let csv = sb.ok(&["agenda", "--format", "csv"]);
    assert!(csv.contains(",tailored-plan,"), "{csv}");

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
    // No first reply for a buyer; the usage guide 12 hours on, 02:00 at night, so when
    // the contact hours begin; the 90-day set reminded after 75.
    let items = agenda(&sb, &["--days", "100"]);
    assert_eq!(
        brief(&items),
        [
            "upcoming aftercare 2026-11-24T09:00:00+08:00 usage-guide",
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
    // and aftercare restarts from this win (the guide 12 hours on is 22:00: the next
    // morning).
    sb.set_now("2027-01-30T10:00:00+08:00");
    sb.ok(&["won", &id.to_string(), "--product", "标准套装（季装）"]);
    let items = agenda(&sb, &["--days", "100"]);
    assert_eq!(
        brief(&items),
        [
            "upcoming aftercare 2027-01-31T09:00:00+08:00 usage-guide",
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

/// A logged call or meeting has the customer in it: like their own message it brings a
/// dormant contact back to its rhythm (lists, card and report agree); the rep's WeChat
/// message alone is a wake-up attempt and leaves the contact dormant.
#[test]
fn a_logged_call_or_meeting_ends_dormancy_and_a_message_does_not() {
    let mut sb = Sb::new();
    sb.set_now("2026-09-01T10:00:00+08:00");
    let called = sb.add(&["--name", "冯一", "--grade", "B"]);
    let met = sb.add(&["--name", "冯二", "--grade", "B"]);
    let messaged = sb.add(&["--name", "冯三", "--grade", "B"]);
    for id in [called, met, messaged] {
        touch(&sb, id);
    }
    sb.set_now("2026-11-20T10:00:00+08:00");
    let dormant = sb.json(&["list", "--lifecycle", "dormant", "--format", "json"]);
    assert_eq!(names(&dormant), ["冯一", "冯二", "冯三"]);
    for (id, channel) in [(called, "phone"), (met, "meeting"), (messaged, "wechat")] {
        sb.ok(&[
            "log",
            &id.to_string(),
            "--note",
            "聊了聊最近的打算",
            "--channel",
            channel,
        ]);
    }
    let dormant = sb.json(&["list", "--lifecycle", "dormant", "--format", "json"]);
    assert_eq!(names(&dormant), ["冯三"]);
    let card = sb.ok(&["show", &called.to_string()]);
    assert!(!card.contains("休眠期"), "{card}");
    // Back on the B rhythm a week from the call; the messaged one gets the next wake-up.
    let items = agenda(&sb, &["--days", "40"]);
    let of = |id: i64| -> Vec<String> {
        items
            .iter()
            .filter(|i| i["contact_id"] == id)
            .map(|i| i["track"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(of(called), ["cadence"], "{items:#?}");
    assert_eq!(of(met), ["cadence"], "{items:#?}");
    assert_eq!(of(messaged), ["reactivation"], "{items:#?}");
    let report = sb.json(&["report", "--format", "json"]);
    let text = report.to_string();
    assert!(text.contains("\"dormant\""), "{text}");
    let dormant_count = find_count(&report, "dormant").expect("a dormant figure");
    assert_eq!(dormant_count, 1, "{text}");
}

/// The `count` of the first object under a key named `key`, anywhere in the JSON.
fn find_count(v: &Value, key: &str) -> Option<u64> {
    match v {
        Value::Object(m) => m
            .get(key)
            .and_then(|x| x["count"].as_u64())
            .or_else(|| m.values().find_map(|x| find_count(x, key))),
        Value::Array(a) => a.iter().find_map(|x| find_count(x, key)),
        _ => None,
    }
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
