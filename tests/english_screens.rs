//! One language per screen: with English configured, the words the product writes itself
//! (a follow-up's action, the values an option accepts) are English; what the template and
//! the rep wrote stays as written.

mod common;

use common::Sb;

fn english() -> Sb {
    let sb = Sb::new();
    sb.write("config/salesbook/config.toml", "[ui]\nlang = \"en\"\n");
    sb
}

/// Han characters in `s`, other than those of `allowed` (the rep's and the template's).
fn stray_chinese(s: &str, allowed: &[&str]) -> Vec<String> {
    s.lines()
        .filter(|l| {
            let mut rest = l.to_string();
            for a in allowed {
                rest = rest.replace(a, "");
            }
            rest.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
        })
        .map(str::to_string)
        .collect()
}

#[test]
fn the_plans_own_follow_ups_read_in_english_everywhere_they_show() {
    let sb = english();
    sb.add(&["--name", "甲"]);
    sb.ok(&["followup", "add", "1", "--at", "+1d"]);
    sb.ok(&[
        "followup",
        "add",
        "1",
        "--at",
        "2026-12-01 15:00",
        "--remind",
    ]);
    sb.ok(&["won", "1", "--amount", "3000", "--product", "家庭营养礼盒"]);
    let agenda = sb.ok(&["agenda", "--days", "60"]);
    for want in [
        "follow-up",
        "Reminder: follow-up 12-01 15:00",
        "Repurchase: 家庭营养礼盒",
    ] {
        assert!(agenda.contains(want), "{want}: {agenda}");
    }
    let ics = sb.ok(&["export", "--ics"]);
    assert!(ics.contains("SUMMARY:甲: follow-up\r\n"), "{ics}");
    assert!(
        !ics.contains("约定跟进") && !ics.contains("提前提醒"),
        "{ics}"
    );
    // The template's own script titles and the rep's product stay as written.
    let allowed = [
        "私域1对1成交",
        "发使用指南和注意事项",
        "使用指南",
        "甲",
        "家庭营养礼盒",
        "复购提醒",
    ];
    let stray = stray_chinese(&agenda, &allowed);
    assert!(stray.is_empty(), "{stray:?}");
    // A closed one's timeline entry too.
    let out = sb.ok(&["skip", "2", "--reason", "没来"]);
    assert!(out.contains("follow-up ⤼"), "{out}");
    let show = sb.ok(&["show", "1"]);
    assert!(show.contains("follow-up · 没来"), "{show}");
    // JSON keeps the stored text: it is data, not a screen.
    let json = sb.ok(&["agenda", "--days", "60", "--format", "json"]);
    assert!(json.contains("提前提醒"), "{json}");
}

#[test]
fn what_an_option_accepts_is_listed_in_english() {
    let sb = english();
    sb.add(&["--name", "甲"]);
    for (args, want) in [
        (&["list", "--grade", "Q"][..], "A (act now)"),
        (&["list", "--outcome", "maybe"][..], "open, won, lost"),
        (&["list", "--tier", "Z"][..], "A (close ties)"),
        (&["list", "--lifecycle", "zzz"][..], "intro"),
        (
            &["log", "1", "--channel", "fax", "--note", "hi"][..],
            "wechat, phone",
        ),
        (&["move", "1", "aftercare"][..], "only by a win"),
    ] {
        let err = sb.fail(args);
        assert!(err.contains(want), "{args:?}: {err}");
        assert!(stray_chinese(&err, &["甲"]).is_empty(), "{args:?}: {err}");
    }
}

/// A time typed in English is read as its Chinese twin (the clock is Monday 2026-11-23).
#[test]
fn times_typed_in_english_are_read() {
    let sb = english();
    sb.add(&["--name", "甲"]);
    let out = sb.ok(&["followup", "add", "1", "--at", "next tue 3pm"]);
    assert!(out.contains("2026-12-01 15:00"), "{out}");
    let out = sb.ok(&["followup", "add", "1", "--at", "in 3 days"]);
    assert!(out.contains("2026-11-26 09:30"), "{out}");
    let out = sb.ok(&["followup", "add", "1", "--at", "friday"]);
    assert!(out.contains("2026-11-27 09:00"), "{out}");
    let err = sb.fail(&["followup", "add", "1", "--at", "someday"]);
    assert!(err.contains("next mon 3pm"), "{err}");
}

/// Today's stage column holds the longest English stage name whole.
#[test]
fn today_shows_aftercare_whole_in_english() {
    let sb = english();
    sb.add(&["--name", "甲"]);
    sb.ok(&["won", "1", "--amount", "3000"]);
    let screen = sb.ok(&["render", "today", "--size", "80x24"]);
    assert!(screen.contains(" Aftercare "), "{screen}");
    assert!(!screen.contains("Afterca…"), "{screen}");
}
