//! The parts of a template `sop/check_parts.rs` checks: tag groups and their automatic rules,
//! urgency weights, products, tiers, signals, occasions and appointments. Each test appends
//! tables to a small valid template and asserts what the checker builds from them or the
//! exact diagnostics (line relative to the appended text, and message) it gives.

mod template_support;

use chrono::TimeDelta;
use salesbook::domain::sop::{AutoRule, OccasionKind, ProductKind, Template};
use salesbook::domain::{Grade, Stage, Tier};
use salesbook::sop::parse_template;
use template_support::BASE;

/// The template: BASE with `extra` appended; it must be valid.
fn ok(extra: &str) -> Template {
    parse_template("parts.toml", &format!("{BASE}{extra}"))
        .unwrap_or_else(|d| panic!("expected a valid template, got {d:#?}"))
}

/// Every diagnostic for BASE with `extra` appended, as (line within `extra`, message).
fn errors(extra: &str) -> Vec<(usize, String)> {
    let base_lines = BASE.lines().count();
    match parse_template("parts.toml", &format!("{BASE}{extra}")) {
        Ok(_) => panic!("expected diagnostics for:\n{extra}"),
        Err(found) => found
            .into_iter()
            .map(|d| {
                assert_eq!(d.file, "parts.toml");
                (d.line - base_lines, d.message)
            })
            .collect(),
    }
}

fn one(line: usize, message: &str) -> Vec<(usize, String)> {
    vec![(line, message.to_string())]
}

// ---- tag groups ----

#[test]
fn tag_groups_are_built_as_written() {
    let t = ok(r#"
[[tag_group]]
category = "精细"
group = "意向"
tags = ["近期购买", "观望"]

[[tag_group]]
category = "基础"
group = "来源"
tags = ["抖音", "朋友介绍"]
auto = "source"

[[tag_group]]
category = "基础"
group = "手动"
tags = ["是"]
auto = false
"#);
    assert_eq!(t.tag_groups.len(), 3);
    let g = &t.tag_groups[0];
    assert_eq!((g.category.as_str(), g.group.as_str()), ("精细", "意向"));
    assert_eq!(g.tags, ["近期购买", "观望"]);
    assert!(!g.auto);
    assert_eq!(g.rule, None);
    let s = &t.tag_groups[1];
    assert!(s.auto);
    assert_eq!(s.rule, Some(AutoRule::Source));
    assert_eq!(s.tags, ["抖音", "朋友介绍"]);
    assert!(!t.tag_groups[2].auto);
    assert_eq!(t.tag_groups[2].rule, None);
}

#[test]
fn a_group_defined_twice_is_reported_at_the_second() {
    assert_eq!(
        errors(
            r#"
[[tag_group]]
category = "精细"
group = "意向"
tags = ["a"]

[[tag_group]]
category = "精细"
group = "意向"
tags = ["b"]
"#
        ),
        one(9, "tag group '意向' is defined twice")
    );
}

#[test]
fn a_tag_is_non_empty_without_a_slash_and_listed_once() {
    let msg = "a tag is a non-empty name without '/'";
    let group =
        |tags: &str| format!("\n[[tag_group]]\ncategory = \"c\"\ngroup = \"g\"\ntags = {tags}\n");
    assert_eq!(errors(&group(r#"["a/b"]"#)), one(5, msg));
    assert_eq!(errors(&group(r#"["  "]"#)), one(5, msg));
    assert_eq!(
        errors(&group(r#"["x", "x"]"#)),
        one(5, "tag 'x' is listed twice")
    );
}

#[test]
fn auto_true_needs_a_rule_and_an_unknown_rule_is_named() {
    let group =
        |auto: &str| format!("\n[[tag_group]]\ncategory = \"c\"\ngroup = \"g\"\nauto = {auto}\n");
    assert_eq!(
        errors(&group("true")),
        one(
            4,
            "automatic tag group 'g' needs a rule: auto = \"source\" | \"purchase_count\" | \
             \"first_order_month\" | \"monthly_spend\" | \"next_repurchase_month\" | \"tier\""
        )
    );
    let e = errors(&group("\"weekly\""));
    assert_eq!(e.len(), 1);
    assert_eq!(e[0].0, 4);
    assert!(e[0].1.starts_with("unknown auto rule 'weekly'"), "{e:?}");
}

/// A group `g` with `auto = rule`, the tags and (if any) the bands.
fn auto_group(rule: &str, tags: &str, bands: &str) -> String {
    let bands = if bands.is_empty() {
        String::new()
    } else {
        format!("bands = {bands}\n")
    };
    format!(
        "\n[[tag_group]]\ncategory = \"c\"\ngroup = \"g\"\ntags = {tags}\nauto = \"{rule}\"\n{bands}"
    )
}

#[test]
fn monthly_spend_needs_one_band_per_tag_and_some_tags() {
    let t = ok(&auto_group(
        "monthly_spend",
        r#"["低", "高"]"#,
        "[0.0, 500.0]",
    ));
    assert_eq!(t.tag_groups[0].rule, Some(AutoRule::MonthlySpend));
    assert_eq!(t.tag_groups[0].bands, [0.0, 500.0]);
    let msg = |tags: usize, bands: usize| {
        format!(
            "monthly_spend needs one band (the lowest monthly spend in yuan) per tag: {tags} tags, {bands} bands"
        )
    };
    assert_eq!(
        errors(&auto_group("monthly_spend", r#"["低", "高"]"#, "[0.0]")),
        one(4, &msg(2, 1))
    );
    assert_eq!(
        errors(&auto_group("monthly_spend", "[]", "")),
        one(4, &msg(0, 0))
    );
}

#[test]
fn a_tier_group_lists_exactly_three_tags() {
    let t = ok(&auto_group("tier", r#"["A", "B", "C"]"#, ""));
    assert_eq!(t.tag_groups[0].rule, Some(AutoRule::Tier));
    assert_eq!(
        errors(&auto_group("tier", r#"["A", "B"]"#, "")),
        one(4, "a tier group lists three tags, for tiers A, B and C")
    );
}

#[test]
fn purchase_count_lists_at_least_one_tag() {
    let t = ok(&auto_group("purchase_count", r#"["1次", "多次"]"#, ""));
    assert_eq!(t.tag_groups[0].rule, Some(AutoRule::PurchaseCount));
    assert_eq!(
        errors(&auto_group("purchase_count", "[]", "")),
        one(
            4,
            "purchase_count lists a tag per count: 1, 2, … and the last for more"
        )
    );
}

#[test]
fn date_rules_make_their_own_tags_and_other_rules_may_list_theirs() {
    let t = ok(&auto_group("first_order_month", "[]", ""));
    assert_eq!(t.tag_groups[0].rule, Some(AutoRule::FirstOrderMonth));
    assert!(t.tag_groups[0].tags.is_empty());
    let t = ok(&auto_group("next_repurchase_month", "[]", ""));
    assert_eq!(t.tag_groups[0].rule, Some(AutoRule::NextRepurchaseMonth));
    // A source group lists its tags: not a date rule, so no complaint.
    let t = ok(&auto_group("source", r#"["抖音"]"#, ""));
    assert_eq!(t.tag_groups[0].tags, ["抖音"]);
    assert_eq!(
        errors(&auto_group("first_order_month", r#"["2026-03"]"#, "")),
        one(
            4,
            "first_order_month makes its tags from dates (2026-03); leave tags out"
        )
    );
}

// ---- urgency ----

const GROUP: &str =
    "\n[[tag_group]]\ncategory = \"精细\"\ngroup = \"意向\"\ntags = [\"近期购买\"]\n";

#[test]
fn urgency_defaults_without_an_urgency_table() {
    let w = ok("").urgency;
    assert_eq!(
        (w.per_overdue_day, w.first_response_breach, w.rotting),
        (3.0, 40.0, 10.0)
    );
    assert!(w.grade.is_empty() && w.tier.is_empty() && w.stage.is_empty() && w.tags.is_empty());
}

#[test]
fn urgency_weights_are_read_as_written() {
    let w = ok(&format!(
        r#"{GROUP}
[urgency]
per_overdue_day = 5.5
first_response_breach = -2.25
rotting = 1000000.0
grade = {{ A = 7.5 }}
tier = {{ B = -1000000.0 }}
stage = {{ close = 0.5 }}
tags = {{ "意向/近期购买" = 12.0 }}
"#
    ))
    .urgency;
    assert_eq!(
        (w.per_overdue_day, w.first_response_breach, w.rotting),
        (5.5, -2.25, 1_000_000.0)
    );
    assert_eq!(w.grade.get(&Grade::A), Some(&7.5));
    assert_eq!(w.tier.get(&Tier::B), Some(&-1_000_000.0));
    assert_eq!(w.stage.get(&Stage::Close), Some(&0.5));
    assert_eq!(w.tags.get("意向/近期购买"), Some(&12.0));
    assert_eq!(w.tags.len(), 1);
}

#[test]
fn an_urgency_weight_out_of_range_or_not_a_number_is_reported() {
    assert_eq!(
        errors("\n[urgency]\nrotting = 2000000.0\n"),
        one(
            3,
            "urgency weight 2000000 is not a number from -1000000 to 1000000"
        )
    );
    assert_eq!(
        errors("\n[urgency]\ngrade = { B = -1000000.5 }\n"),
        one(
            3,
            "urgency weight -1000000.5 is not a number from -1000000 to 1000000"
        )
    );
    assert_eq!(
        errors("\n[urgency]\nper_overdue_day = nan\n"),
        one(
            3,
            "urgency weight NaN is not a number from -1000000 to 1000000"
        )
    );
}

#[test]
fn an_urgency_tag_must_be_in_the_taxonomy() {
    assert_eq!(
        errors(&format!(
            "{GROUP}\n[urgency]\ntags = {{ \"意向/观望\" = 5.0 }}\n"
        )),
        one(
            8,
            "tag '意向/观望' is not in the template's tag taxonomy ([[tag_group]])"
        )
    );
}

// ---- products ----

#[test]
fn products_take_their_defaults_from_the_cycle() {
    let t = ok(r#"
[[product]]
name = "面霜"
aliases = ["霜"]
cycle_days = 180

[[product]]
name = "年卡"
kind = "membership"
cycle_days = 365
remind_before_days = 30
remind_every_days = 5

[[product]]
name = "疗程"
kind = "course"
cycle_days = 5
sessions = 6
session_every_days = 14
renew_when_left = 2
"#);
    assert_eq!(t.products.len(), 3);
    let p = &t.products[0];
    assert_eq!(
        (p.name.as_str(), p.aliases.clone()),
        ("面霜", vec!["霜".to_string()])
    );
    assert_eq!(p.kind, ProductKind::Goods);
    // Default: remind when five sixths of the cycle have passed; again as often.
    assert_eq!(
        (p.cycle_days, p.remind_before_days, p.remind_every_days),
        (180, 30, 30)
    );
    assert_eq!(
        (p.sessions, p.session_every_days, p.renew_when_left),
        (None, 7, 1)
    );
    let p = &t.products[1];
    assert_eq!(p.kind, ProductKind::Membership);
    assert_eq!(
        (p.cycle_days, p.remind_before_days, p.remind_every_days),
        (365, 30, 5)
    );
    let p = &t.products[2];
    assert_eq!(p.kind, ProductKind::Course);
    // 5 / 6 is 0 days before; reminders again at least every day.
    assert_eq!((p.remind_before_days, p.remind_every_days), (0, 1));
    assert_eq!(
        (p.sessions, p.session_every_days, p.renew_when_left),
        (Some(6), 14, 2)
    );
}

#[test]
fn a_product_named_again_or_by_another_products_alias_is_a_clash() {
    assert_eq!(
        errors(
            "\n[[product]]\nname = \"年卡\"\ncycle_days = 30\n\n[[product]]\nname = \"年 卡\"\ncycle_days = 30\n"
        ),
        one(7, "product '年 卡' is defined twice")
    );
    assert_eq!(
        errors(
            "\n[[product]]\nname = \"年卡\"\naliases = [\"VIP卡\"]\ncycle_days = 30\n\n[[product]]\nname = \"vip卡\"\ncycle_days = 30\n"
        ),
        one(8, "product 'vip卡' is defined twice")
    );
}

#[test]
fn cycle_and_reminder_days_are_checked_against_each_other() {
    let product = |fields: &str| format!("\n[[product]]\nname = \"p\"\n{fields}\n");
    assert_eq!(
        errors(&product("cycle_days = 0\nremind_before_days = 5")),
        one(4, "cycle_days must be 1 or more")
    );
    assert_eq!(
        errors(&product("cycle_days = 30\nremind_before_days = 30")),
        one(
            5,
            "remind_before_days (30) must be less than cycle_days (30)"
        )
    );
    let t = ok(&product("cycle_days = 30\nremind_before_days = 29"));
    assert_eq!(t.products[0].remind_before_days, 29);
}

#[test]
fn session_counts_and_intervals_are_one_or_more() {
    let product =
        |fields: &str| format!("\n[[product]]\nname = \"p\"\ncycle_days = 30\n{fields}\n");
    for field in ["sessions", "session_every_days", "remind_every_days"] {
        assert_eq!(
            errors(&product(&format!("{field} = 0"))),
            one(5, &format!("{field} must be 1 or more"))
        );
    }
    assert_eq!(
        errors(&product("sessions = 5\nrenew_when_left = 5")),
        one(6, "renew_when_left (5) must be less than sessions (5)")
    );
    let t = ok(&product("sessions = 5\nrenew_when_left = 4"));
    assert_eq!(
        (t.products[0].sessions, t.products[0].renew_when_left),
        (Some(5), 4)
    );
}

#[test]
fn an_unknown_product_kind_is_reported() {
    let e = errors("\n[[product]]\nname = \"p\"\nkind = \"food\"\ncycle_days = 30\n");
    assert_eq!(e.len(), 1);
    assert_eq!(e[0].0, 4);
    assert!(e[0].1.starts_with("unknown product kind 'food'"), "{e:?}");
}

// ---- tiers ----

#[test]
fn tiers_are_sorted_a_first_with_the_amount_in_cents() {
    let t = ok(r#"
[[tier]]
key = "B"
name = "场景唤醒"
min_purchases = 2

[[tier]]
key = "a"
name = "深度绑定"
meaning = "常买"
min_amount = 50.5
min_inbound = 3
cadence = "fast"
"#);
    let keys: Vec<Tier> = t.tiers.iter().map(|x| x.tier).collect();
    assert_eq!(keys, [Tier::A, Tier::B]);
    let a = &t.tiers[0];
    assert_eq!((a.name.as_str(), a.meaning.as_str()), ("深度绑定", "常买"));
    assert_eq!(a.min_amount_cents, Some(5050));
    assert_eq!((a.min_purchases, a.min_inbound), (None, Some(3)));
    assert_eq!(a.cadence.as_deref(), Some("fast"));
    assert_eq!(
        (t.tiers[1].min_purchases, t.tiers[1].min_amount_cents),
        (Some(2), None)
    );
}

#[test]
fn a_tier_defined_twice_or_with_an_unknown_cadence_is_reported() {
    assert_eq!(
        errors("\n[[tier]]\nkey = \"A\"\nname = \"x\"\n\n[[tier]]\nkey = \"A\"\nname = \"y\"\n"),
        one(7, "tier 'A' is defined twice")
    );
    assert_eq!(
        errors("\n[[tier]]\nkey = \"A\"\nname = \"x\"\ncadence = \"slow\"\n"),
        one(5, "cadence 'slow' is not defined; defined: fast")
    );
}

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
