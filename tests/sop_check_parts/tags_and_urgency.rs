//! Tag groups and their automatic rules, and urgency weights. Part of `sop_check_parts.rs`, whose helpers it uses.

use super::*;

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
