//! Changing a follow-up through the built binary, the clock pinned by `SALESBOOK_NOW`:
//! `snooze`, `skip` and `done` on the agenda's items, `simulate`, and the dates a rep sets
//! with the customer (`followup add`), against the built-in default template.

mod agenda_support;
mod common;

use agenda_support::{agenda, brief, id_of, touch};
use common::Sb;
use serde_json::Value;
use std::collections::BTreeMap;

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
    // Brought forward (`+2d` counts from now): said, with when it was due.
    let out = sb.ok(&["snooze", &f, "--until", "2026-11-27 15:30"]);
    assert!(
        out.ends_with("→ 2026-11-27 15:30（比原定的 2026-11-28 09:00 提前了）\n"),
        "{out}"
    );
    // Spans as a rep writes them in Chinese.
    for (typed, shown, was) in [
        ("2天后", "2026-11-25 09:45", "2026-11-27 15:30"),
        ("+4小时", "2026-11-23 13:45", "2026-11-25 09:45"),
    ] {
        let out = sb.ok(&["snooze", &f, "--until", typed]);
        let said = format!("→ {shown}（比原定的 {was} 提前了）\n");
        assert!(out.ends_with(&said), "{typed}: {out}");
    }
    let out = sb.ok(&["snooze", &f, "--until", "2026-11-27 15:30"]);
    assert!(out.ends_with("→ 2026-11-27 15:30\n"), "{out}");
    // The snooze is in the timeline.
    let history = sb.contact(1);
    let last = common::history(&history).last().unwrap().clone();
    assert_eq!(last["kind"], "followup_snoozed");
    // Not into the past.
    let err = sb.fail(&["snooze", &f, "--until", "2026-11-23 08:00"]);
    assert!(
        err.contains("推迟到的时间必须在将来：可写 +3d、3天后"),
        "{err}"
    );
    // Done on the snoozed day: the next step counts from then.
    sb.set_now("2026-11-27T16:00:00+08:00");
    let out = sb.ok(&["done", &f]);
    assert!(out.ends_with("— 下次 2026-11-29 16:00\n"), "{out}");
}

/// The one value each of lost, skip, snooze and `followup add` needs can follow the id
/// without its option, with the same effect; both ways at once are refused.
#[test]
fn the_value_a_command_needs_can_follow_the_id_without_its_option() {
    let run = |positional: bool| -> Vec<String> {
        let mut sb = Sb::new();
        let (id, f) = at_day_one(&mut sb);
        let other = sb.add(&["--name", "钱七"]);
        sb.set_now("2026-11-23T09:45:00+08:00");
        let said =
            |sb: &Sb, short: &[&str], long: &[&str]| sb.ok(if positional { short } else { long });
        let mut out = vec![
            said(
                &sb,
                &["snooze", &f, "+3d"],
                &["snooze", &f, "--until", "+3d"],
            ),
            said(
                &sb,
                &["skip", &f, "客户出差"],
                &["skip", &f, "--reason", "客户出差"],
            ),
        ];
        let id = id.to_string();
        out.push(said(
            &sb,
            &["followup", "add", &id, "2026-11-28 10:00"],
            &["followup", "add", &id, "--at", "2026-11-28 10:00"],
        ));
        let other = other.to_string();
        out.push(said(
            &sb,
            &["lost", &other, "预算不够"],
            &["lost", &other, "--reason", "预算不够"],
        ));
        out.push(serde_json::to_string(&agenda(&sb, &["--days", "7"])).unwrap());
        out.push(sb.contact(2)["lost_reason"].to_string());
        out
    };
    let short = run(true);
    assert_eq!(short, run(false));
    assert!(
        short[1].contains("客户出差") && short[5].contains("预算不够"),
        "{short:?}"
    );
    let sb = Sb::new();
    sb.add(&["--name", "孙八"]);
    let err = sb.fail(&["lost", "1", "甲", "--reason", "乙"]);
    assert!(
        err.contains("参数 [原因] 不能和 --reason <原因> 一起用"),
        "{err}"
    );
    let err = sb.fail(&["lost", "1"]);
    assert!(err.contains("缺少必填的参数"), "{err}");
}

#[test]
fn skip_needs_a_reason_and_the_next_step_follows() {
    let mut sb = Sb::new();
    let (_, f) = at_day_one(&mut sb);
    sb.set_now("2026-11-23T10:00:00+08:00");
    let err = sb.fail(&["skip", &f]);
    assert!(
        err.contains("缺少必填的参数：<原因>（也可以写成 --reason <原因>）"),
        "{err}"
    );
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

/// A new lead's first reply skipped (with a reason) is closed and not asked for again; the
/// lead's timeline says so once, and an undo brings the item back.
#[test]
fn a_skipped_first_reply_is_not_asked_again() {
    let sb = Sb::new();
    let id = sb.add(&["--name", "何雪", "--grade", "C"]);
    let items = agenda(&sb, &[]);
    assert_eq!(items[0]["track"], "first_response", "{items:#?}");
    let f = id_of(&items[0]);
    let said = sb.ok(&["skip", &f, "--reason", "客户出差"]);
    assert!(!said.contains("暂无安排"), "{said}");
    let after = agenda(&sb, &["--days", "14"]);
    assert!(
        after.iter().all(|i| i["track"] != "first_response"),
        "{after:#?}"
    );
    // Not forgotten: grade C's cadence goes on from the skip, its first step two days on.
    let next: Vec<&Value> = after.iter().filter(|i| i["contact_id"] == id).collect();
    assert_eq!(next.len(), 1, "{after:#?}");
    assert_eq!(next[0]["track"], "cadence");
    assert!(said.contains("下次 2026-11-25 "), "{said}");
    let kinds = sb.kinds(id);
    assert_eq!(
        kinds.iter().filter(|k| *k == "followup_skipped").count(),
        1,
        "{kinds:?}"
    );
    sb.ok(&["undo"]);
    assert_eq!(id_of(&agenda(&sb, &[])[0]), f);
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
    for bad in ["someday", "+3d", "明天 15:00", ""] {
        let err = sb.fail(&["agenda", "--date", bad]);
        assert!(
            err.contains(&format!("日期 '{bad}' 不对"))
                && err.contains("明天")
                && err.contains("2026-12-01"),
            "{bad}: {err}"
        );
    }
    let err = sb.fail(&["agenda", "--date", "2026-02-30"]);
    assert!(err.contains("日历上没有 '2026-02-30' 这一天"), "{err}");
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
        // A day or an hour the calendar lacks is named as such.
        let lacking = bad.starts_with("2026-");
        assert_eq!(err.contains("这个日子或时刻"), lacking, "{bad}: {err}");
    }
    let err = sb.fail(&["snooze", &f, "--until", "+4000d"]);
    assert!(
        err.contains("'+4000d' 太远了：跟进最多安排到 10 年以后"),
        "{err}"
    );
    // Nothing moved.
    assert_eq!(
        brief(&agenda(&sb, &[])),
        ["upcoming cadence 2026-11-24T09:40:00+08:00 invite-experience"]
    );
    // A good --date: that day's view (the item is due on it), however the day is written.
    for day in [
        "tomorrow",
        "明天",
        "2026/11/24",
        "11月24日",
        "11-24",
        "周二",
    ] {
        assert_eq!(
            agenda(&sb, &["--date", day]),
            agenda(&sb, &["--date", "2026-11-24"]),
            "{day}"
        );
    }
    assert_eq!(
        brief(&agenda(&sb, &["--date", "2026-11-24"])),
        ["today cadence 2026-11-24T09:40:00+08:00 invite-experience"]
    );
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
    // 王五: the usage guide 12 hours on, at 21:30, after the contact hours: 09:00 the next
    // morning; the check-in 60 hours after it, 21:00, again the next morning (the 11-day
    // step and the 25-day reminder fall later).
    assert_eq!(
        counts,
        BTreeMap::from([
            ("2026-11-23", 2),
            ("2026-11-24", 2),
            ("2026-11-26", 1),
            ("2026-11-27", 1),
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
    assert_eq!(who["2026-11-23"], ["张三"]);
    assert_eq!(who["2026-11-24"], ["张三", "王五"]);
    assert_eq!(who["2026-11-27"], ["王五"]);
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
        assert!(
            err.contains("--days") && err.contains("应在 1 到 366 之间"),
            "{err}"
        );
    }
}

// ───────────────────────────── dates set with the customer ─────────────────────────────

/// A note of two lines is echoed on one line, its break marked (never a code's escape).
#[test]
fn followup_add_echoes_a_note_of_two_lines_on_one() {
    let mut sb = Sb::new();
    let id = sb.add(&["--name", "周九"]).to_string();
    sb.set_now("2026-11-23T10:00:00+08:00");
    let out = sb.ok(&[
        "followup",
        "add",
        &id,
        "--at",
        "2026-12-01 10:00",
        "--note",
        "带样品\n先打电话",
    ]);
    assert!(
        out.ends_with("2026-12-01 10:00 带样品 ⏎ 先打电话\n"),
        "{out}"
    );
}

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
    assert_eq!(items[0]["action"], "提前提醒：约定跟进 11-24 15:00");
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
            "模板里没有约见类型 'dinner'；--kind 可用：call (约好的通话)、visit (到店或见面)"
        ),
        "{err}"
    );
    assert!(
        sb.fail(&["followup", "add", &id_s, "--at", "后天半夜"])
            .contains("后天半夜")
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

/// Lists of names cut short say how many there are: a day of the dry run with more than
/// twenty contacts, a change of more than five in `undo --list`.
#[test]
fn a_list_of_names_cut_short_says_how_many_there_are() {
    let sb = Sb::new();
    let file = (0..25).fold(String::from("姓名,手机\n"), |mut f, i| {
        f.push_str(&format!("客户{i:02},1380000{i:04}\n"));
        f
    });
    let path = sb.write("list.csv", &file);
    sb.ok(&["import", path.to_str().unwrap()]);
    let sim = sb.json(&["simulate", "--days", "1", "--format", "json"]);
    let today = &sim[0];
    assert_eq!(today["contacts"].as_array().unwrap().len(), 20);
    assert_eq!(today["contacts_total"], 25);
    let table = sb.ok(&["simulate", "--days", "1"]);
    assert!(table.contains("客户19 等，共 25 位"), "{table}");
    let list = sb.ok(&["undo", "--list"]);
    assert!(list.contains("客户04 等，共 25 位"), "{list}");
    let v = sb.json(&["undo", "--list", "--format", "json"]);
    assert_eq!(v[0]["contacts_total"], 25);
}

#[test]
fn times_and_dates_are_taken_as_people_write_them() {
    let mut sb = Sb::new();
    let (id, f) = at_day_one(&mut sb);
    let due = |sb: &Sb| agenda(sb, &["--days", "30"])[0]["due"].clone();
    // 09:40 on Monday: 15:00 is this afternoon, 09:00 tomorrow morning.
    for (typed, want) in [
        ("15:00", "2026-11-23T15:00:00+08:00"),
        ("下午4点", "2026-11-23T16:00:00+08:00"),
        ("09:00", "2026-11-24T09:00:00+08:00"),
        ("12月1日 15:00", "2026-12-01T15:00:00+08:00"),
        ("2026/12/02 10:30", "2026-12-02T10:30:00+08:00"),
        ("2026年12月3日", "2026-12-03T09:00:00+08:00"),
    ] {
        let f = agenda(&sb, &["--days", "30"])[0]["followup_id"].to_string();
        sb.ok(&["snooze", &f, "--until", typed]);
        assert_eq!(due(&sb), want, "{typed}");
    }
    let _ = f;
    sb.ok(&[
        "followup",
        "add",
        &id.to_string(),
        "--at",
        "12月10日 下午3点",
        "--note",
        "电话",
    ]);
    let items = agenda(&sb, &["--date", "12月10日"]);
    assert!(
        items
            .iter()
            .any(|i| i["due"] == "2026-12-10T15:00:00+08:00"),
        "{items:#?}"
    );
    // A birthday in the shapes a rep writes it; a day the calendar lacks is named.
    sb.ok(&["edit", &id.to_string(), "--birthday", "1990/5/1"]);
    assert_eq!(sb.contact(id)["birthday"], "1990-05-01");
    sb.ok(&["edit", &id.to_string(), "--birthday", "1991年6月2日"]);
    assert_eq!(sb.contact(id)["birthday"], "1991-06-02");
    let err = sb.fail(&["edit", &id.to_string(), "--birthday", "1990-02-30"]);
    assert!(err.contains("日历上没有 '1990-02-30' 这一天"), "{err}");
    let err = sb.fail(&[
        "snooze",
        &agenda(&sb, &["--days", "30"])[0]["followup_id"].to_string(),
        "--until",
        "2月30日",
    ]);
    assert!(err.contains("没有 '2月30日' 这个日子或时刻"), "{err}");
}

/// A call's reminder names the call (it said 到访提醒, a visit's); a reminder whose time
/// has already passed is not planned, and the rep who asked for it is told so.
#[test]
fn a_reminder_names_the_call_and_one_too_late_is_said() {
    let mut sb = Sb::new();
    let id_s = sb.add(&["--name", "周十", "--grade", "B"]).to_string();
    sb.set_now("2026-11-23T16:30:00+08:00");
    // A call's reminder is no visit's: its words name the call.
    sb.ok(&[
        "followup",
        "add",
        &id_s,
        "--at",
        "2026-12-02 11:00",
        "--kind",
        "call",
        "--remind",
    ]);
    let ahead = agenda(&sb, &["--days", "10"]);
    assert!(
        ahead
            .iter()
            .any(|i| i["action"] == "提前提醒：约好的通话 12-02 11:00"),
        "{ahead:?}"
    );
    // Asked for when the day before has passed: saved, no reminder, and the rep is told.
    let said = sb.run(&["followup", "add", &id_s, "--at", "明天 09:00", "--remind"]);
    assert!(said.status.success());
    assert!(
        !String::from_utf8_lossy(&said.stdout).contains("提醒"),
        "{said:?}"
    );
    assert!(
        String::from_utf8_lossy(&said.stderr)
            .contains("没有安排提醒：该提醒的时间 2026-11-23 09:00 已经过了"),
        "{said:?}"
    );
    let reminders = agenda(&sb, &["--days", "10"])
        .iter()
        .filter(|i| i["track"] == "reminder")
        .count();
    assert_eq!(reminders, 1);
}

/// `done` or `skip` on an item not due for more than a week is done (work may come early)
/// but said, with how to take it back: a mistyped id must not close next month's plan
/// silently. A snooze and an item due this week say nothing of it.
#[test]
fn closing_an_item_long_before_its_day_is_said() {
    let sb = Sb::new();
    let id = sb.add(&["--name", "郑一", "--grade", "B"]).to_string();
    let far = sb.ok(&["followup", "add", &id, "--at", "+30d"]);
    let far_id = far.split_whitespace().next().unwrap().to_string();
    let soon = sb.ok(&["followup", "add", &id, "--at", "+3d"]);
    let soon_id = soon.split_whitespace().next().unwrap().to_string();
    let said = sb.run(&["done", &far_id]);
    assert!(said.status.success());
    let err = String::from_utf8_lossy(&said.stderr);
    assert!(
        err.contains("这条跟进原定 2026-12-23 09:30 才到期；如果编号输错了，用 undo 撤销"),
        "{err}"
    );
    sb.ok(&["undo"]);
    let open: Vec<String> = agenda(&sb, &["--days", "40"]).iter().map(id_of).collect();
    assert!(open.contains(&far_id), "{open:?}");
    let said = sb.run(&["skip", &far_id, "--reason", "客户改约"]);
    assert!(String::from_utf8_lossy(&said.stderr).contains("才到期"));
    let said = sb.run(&["done", &soon_id]);
    assert!(said.status.success());
    assert!(said.stderr.is_empty(), "{said:?}");
}

/// The times reps write in chat reach the book as meant, through the command line (the
/// TUI's forms read them the same way); the refusal names a few of them.
#[test]
fn everyday_chinese_times_are_taken_by_followup_add_and_snooze() {
    let sb = Sb::new();
    let id = sb.add(&["--name", "吴一"]).to_string();
    let out = sb.ok(&["followup", "add", &id, "今晚8点"]);
    assert!(out.contains(": 2026-11-23 20:00 "), "{out}");
    let item = out.split_whitespace().next().unwrap().to_string();
    let out = sb.ok(&["snooze", &item, "两天后下午3点"]);
    assert!(out.ends_with("→ 2026-11-25 15:00\n"), "{out}");
    let out = sb.ok(&["snooze", &item, "这周六"]);
    assert!(out.ends_with("→ 2026-11-28 09:00\n"), "{out}");
    let err = sb.fail(&["snooze", &item, "改天吧"]);
    assert!(err.contains("半小时后、明天下午、今晚8点"), "{err}");
}
