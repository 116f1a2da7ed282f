//! Signals, occasions and appointments. Part of `sop_check_parts.rs`, whose helpers it uses.

use super::*;

// ---- signals ----

fn signal(id: &str, fields: &str) -> String {
    format!(
        "\n[[signal]]\nid = \"{id}\"\nname = \"问价\"\npoints = 5.0\nwindow = \"2h\"\naction = \"马上回复\"\n{fields}\n"
    )
}

#[test]
fn signals_keep_their_non_blank_keywords_trimmed() {
    let t = ok(&format!(
        "{}{}",
        signal("price", r#"keywords = [" 多少钱 ", "  ", "价格"]"#),
        signal("streak", "streak_days = 3\nscript = \"hello\"")
    ));
    assert_eq!(t.signals.len(), 2);
    let s = &t.signals[0];
    assert_eq!((s.id.as_str(), s.name.as_str()), ("price", "问价"));
    assert_eq!(s.keywords, ["多少钱", "价格"]);
    assert_eq!((s.streak_days, s.points), (None, 5.0));
    assert_eq!(s.window, TimeDelta::hours(2));
    assert_eq!((s.action.as_str(), s.script.as_deref()), ("马上回复", None));
    let s = &t.signals[1];
    assert!(s.keywords.is_empty());
    assert_eq!(
        (s.streak_days, s.script.as_deref()),
        (Some(3), Some("hello"))
    );
}

#[test]
fn a_signal_needs_keywords_or_a_streak_a_unique_id_and_a_window() {
    assert_eq!(
        errors(&signal("s", r#"keywords = [" "]"#)),
        one(
            3,
            "a signal needs keywords (words in the customer's message) or streak_days"
        )
    );
    assert_eq!(
        errors(&format!(
            "{}{}",
            signal("s", "streak_days = 2"),
            signal("s", "streak_days = 3")
        )),
        one(11, "signal 's' is defined twice")
    );
    assert_eq!(
        errors(&signal("s", "streak_days = 2").replace("\"2h\"", "\"0h\"")),
        one(6, "window must be longer than zero")
    );
}

// ---- occasions ----

#[test]
fn occasions_are_birthdays_and_anniversaries_at_most_60_days_ahead() {
    let t = ok(r#"
[[occasion]]
kind = "birthday"
action = "送祝福"
script = "hello"
ahead_days = 60

[[occasion]]
kind = "anniversary"
action = "送礼"
ahead_days = 7
"#);
    assert_eq!(t.occasions.len(), 2);
    let o = &t.occasions[0];
    assert_eq!((o.kind, o.ahead_days), (OccasionKind::Birthday, 60));
    assert_eq!(
        (o.action.as_str(), o.script.as_deref()),
        ("送祝福", Some("hello"))
    );
    let o = &t.occasions[1];
    assert_eq!(
        (o.kind, o.ahead_days, o.script.as_deref()),
        (OccasionKind::Anniversary, 7, None)
    );
}

#[test]
fn an_occasion_too_far_ahead_twice_or_unknown_is_reported() {
    let occasion = |kind: &str, ahead: u32| {
        format!("\n[[occasion]]\nkind = \"{kind}\"\naction = \"a\"\nahead_days = {ahead}\n")
    };
    assert_eq!(
        errors(&occasion("birthday", 61)),
        one(3, "ahead_days is at most 60")
    );
    assert_eq!(
        errors(&format!(
            "{}{}",
            occasion("birthday", 1),
            occasion("birthday", 2)
        )),
        one(8, "occasion 'birthday' is defined twice")
    );
    assert_eq!(
        errors(&occasion("wedding", 1)),
        one(
            3,
            "unknown occasion 'wedding'; accepted: birthday, anniversary"
        )
    );
}

// ---- appointments ----

#[test]
fn appointments_are_built_as_written() {
    let t = ok(r#"
[[appointment]]
kind = "consult"
name = "面诊"
remind = "1d"
reminder_script = "hello"
no_show_action = "改约"
follow_after = "3d"
follow_action = "回访"

[[appointment]]
kind = "trial"
name = "试听"
"#);
    assert_eq!(t.appointments.len(), 2);
    let a = &t.appointments[0];
    assert_eq!((a.kind.as_str(), a.name.as_str()), ("consult", "面诊"));
    assert_eq!(
        (a.remind, a.follow_after),
        (Some(TimeDelta::days(1)), Some(TimeDelta::days(3)))
    );
    assert_eq!(a.reminder_script.as_deref(), Some("hello"));
    assert_eq!(
        (a.no_show_action.as_deref(), a.follow_action.as_deref()),
        (Some("改约"), Some("回访"))
    );
    let a = &t.appointments[1];
    assert_eq!(
        (a.kind.as_str(), a.remind, a.follow_after),
        ("trial", None, None)
    );
}

#[test]
fn an_appointment_kind_defined_twice_or_an_unknown_script_is_reported() {
    assert_eq!(
        errors(
            "\n[[appointment]]\nkind = \"consult\"\nname = \"a\"\n\n[[appointment]]\nkind = \"consult\"\nname = \"b\"\n"
        ),
        one(7, "appointment kind 'consult' is defined twice")
    );
    assert_eq!(
        errors("\n[[appointment]]\nkind = \"consult\"\nname = \"a\"\nfollow_script = \"bye\"\n"),
        one(
            5,
            "script 'bye' is not defined in any stage; define it under [[stage.script]]"
        )
    );
}
