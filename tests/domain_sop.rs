//! `Template`'s look-ups (stage, grade, script, product, tier, tag group, appointment) and the
//! repeating tail of a cadence, on a small template built by hand: every look-up is asked for
//! an entry that is not the first, so a wrong match cannot pass for the right one.

use chrono::TimeDelta;
use salesbook::domain::condition::Condition;
use salesbook::domain::sop::{
    AppointmentKind, Cadence, CadenceStep, GradeSop, Lifecycle, Product, ProductKind, Script,
    StageSop, TagGroup, Template, UrgencyWeights, product_key,
};
use salesbook::domain::tier::TierRule;
use salesbook::domain::{Grade, Stage, TagRef, Tier};
use std::collections::BTreeMap;

fn script(id: &str) -> Script {
    Script {
        id: id.into(),
        title: id.into(),
        when: None,
        text: format!("{id}-text"),
        requires: Condition::parse("").unwrap(),
        variants: Vec::new(),
    }
}

fn stage(stage: Stage, scripts: &[&str]) -> StageSop {
    StageSop {
        stage,
        name: format!("{stage:?}"),
        goal: String::new(),
        exit: Vec::new(),
        checklist: Vec::new(),
        rot_after_days: None,
        materials: Vec::new(),
        scripts: scripts.iter().map(|id| script(id)).collect(),
        objections: Vec::new(),
    }
}

fn product(name: &str, aliases: &[&str]) -> Product {
    Product {
        name: name.into(),
        aliases: aliases.iter().map(|a| a.to_string()).collect(),
        kind: ProductKind::Goods,
        cycle_days: 30,
        remind_before_days: 3,
        remind_every_days: 7,
        sessions: None,
        session_every_days: 0,
        renew_when_left: 0,
    }
}

fn appointment(kind: &str, name: &str) -> AppointmentKind {
    AppointmentKind {
        kind: kind.into(),
        name: name.into(),
        remind: None,
        reminder_script: None,
        no_show_action: None,
        no_show_script: None,
        follow_after: None,
        follow_action: None,
        follow_script: None,
    }
}

fn step(days: i64, action: &str) -> CadenceStep {
    CadenceStep {
        after: TimeDelta::days(days),
        action: action.into(),
        script: None,
    }
}

fn cadence(steps: Vec<CadenceStep>, then: Option<&str>, every: Option<i64>) -> Cadence {
    Cadence {
        steps,
        repeat: Vec::new(),
        then: then.map(str::to_string),
        every: every.map(TimeDelta::days),
        max_touches_per_30d: None,
        give_up_after: None,
        give_up_action: None,
    }
}

fn template() -> Template {
    let grade = |grade: Grade, name: &str| GradeSop {
        grade,
        name: name.into(),
        meaning: String::new(),
        cadence: None,
    };
    let tier = |tier: Tier, name: &str| TierRule {
        tier,
        name: name.into(),
        meaning: String::new(),
        min_purchases: None,
        min_amount_cents: None,
        min_inbound: None,
        cadence: None,
    };
    let group = |group: &str, tags: &[&str]| TagGroup {
        category: "基础".into(),
        group: group.into(),
        tags: tags.iter().map(|t| t.to_string()).collect(),
        auto: false,
        rule: None,
        bands: Vec::new(),
    };
    Template {
        id: "t".into(),
        name: "T".into(),
        version: 1,
        description: String::new(),
        first_response_minutes: 30,
        contact_hours: None,
        grading: None,
        lost_reasons: Vec::new(),
        lifecycle: Lifecycle {
            dormant_after_days: 30,
            churned_after_days: 90,
            mature_after_purchases: 3,
        },
        urgency: UrgencyWeights::default(),
        grades: vec![grade(Grade::A, "A名"), grade(Grade::C, "C名")],
        stages: vec![
            stage(Stage::Discover, &["hello"]),
            stage(Stage::Pitch, &["pitch1", "pitch2"]),
            stage(Stage::Resolve, &[]),
            stage(Stage::Close, &["close"]),
            stage(Stage::Aftercare, &[]),
        ],
        cadences: BTreeMap::new(),
        tag_groups: vec![
            group("来源", &["朋友圈"]),
            group("兴趣", &["瑜伽", "普拉提"]),
        ],
        products: vec![product("年卡", &["vip年卡", "VIP卡"]), product("次卡", &[])],
        tiers: vec![tier(Tier::A, "A级"), tier(Tier::C, "C级")],
        signals: Vec::new(),
        occasions: Vec::new(),
        appointments: vec![appointment("consult", "面诊"), appointment("trial", "试听")],
    }
}

#[test]
fn stages_grades_tiers_and_tag_groups_are_found_by_their_key() {
    let t = template();
    for s in Stage::ALL {
        assert_eq!(t.stage(s).stage, s);
    }
    assert_eq!(t.grade(Grade::C).map(|g| g.name.as_str()), Some("C名"));
    assert_eq!(t.grade(Grade::A).map(|g| g.name.as_str()), Some("A名"));
    assert!(t.grade(Grade::B).is_none());
    assert_eq!(t.tier(Tier::C).map(|r| r.name.as_str()), Some("C级"));
    assert!(t.tier(Tier::B).is_none());
    assert_eq!(t.tag_group("兴趣").map(|g| g.tags.len()), Some(2));
    assert!(t.tag_group("预算").is_none());
}

#[test]
fn a_script_is_found_with_its_stage_in_any_stage() {
    let t = template();
    let (st, s) = t.script("pitch2").unwrap();
    assert_eq!((st.stage, s.text.as_str()), (Stage::Pitch, "pitch2-text"));
    let (st, s) = t.script("close").unwrap();
    assert_eq!((st.stage, s.id.as_str()), (Stage::Close, "close"));
    assert!(t.script("nope").is_none());
}

#[test]
fn products_match_by_name_or_alias_ignoring_case_width_and_spaces() {
    assert_eq!(product_key("ＶＩＰ 年卡\u{3000}"), "vip年卡");
    assert_eq!(product_key("Gold Card"), "goldcard");
    let t = template();
    let name = |q: &str| t.product(q).map(|p| p.name.as_str());
    assert_eq!(name("次卡"), Some("次卡"));
    assert_eq!(name(" 次 卡 "), Some("次卡"));
    assert_eq!(name("ＶＩＰ 年卡"), Some("年卡"));
    assert_eq!(name("vip卡"), Some("年卡"));
    assert_eq!(name("年卡"), Some("年卡"));
    assert_eq!(name("月卡"), None);
    assert_eq!(name(" \u{3000}"), None);
}

#[test]
fn appointments_match_by_kind_or_name() {
    let t = template();
    let kind = |q: &str| t.appointment(q).map(|a| a.kind.as_str());
    assert_eq!(kind("试听"), Some("trial"));
    assert_eq!(kind("TRIAL"), Some("trial"));
    assert_eq!(kind("面 诊"), Some("consult"));
    assert_eq!(kind("体检"), None);
}

#[test]
fn a_tag_group_contains_only_its_own_tags() {
    let t = template();
    let g = t.tag_group("兴趣").unwrap();
    let tag = |group: &str, tag: &str| TagRef {
        group: group.into(),
        tag: tag.into(),
    };
    assert!(g.contains(&tag("兴趣", "普拉提")));
    assert!(!g.contains(&tag("兴趣", "跑步")));
    assert!(!g.contains(&tag("来源", "瑜伽")));
}

#[test]
fn a_cadence_tail_is_its_repeat_else_its_successors_else_its_last_step_every_so_often() {
    let mut t = template();
    let mut b = cadence(vec![step(1, "b1")], None, Some(3));
    b.repeat = vec![step(7, "weekly")];
    t.cadences.insert("b".into(), b);
    let mut own = cadence(vec![step(1, "x")], Some("b"), Some(2));
    own.repeat = vec![step(5, "own")];
    let tail = |c: &Cadence| t.tail(c).into_iter().map(|s| (s.after, s.action));
    assert_eq!(
        tail(&own).collect::<Vec<_>>(),
        [(TimeDelta::days(5), "own".into())]
    );
    let a = cadence(vec![step(1, "a1")], Some("b"), Some(2));
    assert_eq!(
        tail(&a).collect::<Vec<_>>(),
        [(TimeDelta::days(7), "weekly".into())]
    );
    let mut last = cadence(vec![step(1, "first"), step(3, "second")], None, Some(14));
    last.steps[1].script = Some("s2".into());
    let got = t.tail(&last);
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].after, TimeDelta::days(14));
    assert_eq!(
        (got[0].action.as_str(), got[0].script.as_deref()),
        ("second", Some("s2"))
    );
    assert!(t.tail(&cadence(vec![step(1, "x")], None, None)).is_empty());
    assert!(t.tail(&cadence(Vec::new(), None, Some(7))).is_empty());
    // A `then` naming no cadence: the cadence's own last step.
    let lost = cadence(vec![step(1, "own")], Some("missing"), Some(4));
    assert_eq!(
        tail(&lost).collect::<Vec<_>>(),
        [(TimeDelta::days(4), "own".into())]
    );
}

#[test]
fn a_then_chain_is_followed_at_most_eight_links() {
    let mut t = template();
    for i in 0..10 {
        let then = (i < 9).then(|| format!("c{}", i + 1));
        let c = cadence(
            vec![step(1, &format!("s{i}"))],
            then.as_deref(),
            Some(i + 1),
        );
        t.cadences.insert(format!("c{i}"), c);
    }
    let got = t.tail(&t.cadences["c0"]);
    let got: Vec<_> = got.into_iter().map(|s| (s.after, s.action)).collect();
    assert_eq!(got, [(TimeDelta::days(9), "s8".into())]);
    // Two cadences naming each other (refused on load): the walk still ends, after eight
    // links, back where it started.
    t.cadences
        .insert("x".into(), cadence(vec![step(1, "x")], Some("y"), Some(1)));
    t.cadences
        .insert("y".into(), cadence(vec![step(1, "y")], Some("x"), Some(2)));
    let got = t.tail(&t.cadences["x"]);
    assert_eq!(
        (got[0].after, got[0].action.as_str()),
        (TimeDelta::days(1), "x")
    );
}
