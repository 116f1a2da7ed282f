//! Every built-in script and objection reply rendered for contacts with and without each
//! optional field, as a rep would send it: no braces, no full-name greeting, never a login
//! name or "me", no doubled or dangling words (checked against known bad patterns), every
//! free-text value set off or in a slot that takes it, every fallback reachable.

mod common;

use chrono::{DateTime, Utc};
use salesbook::config::Lang;
use salesbook::domain::placeholder::{self, Piece};
use salesbook::domain::script_values::ScriptValues;
use salesbook::domain::sop::{ProductKind, Template};
use salesbook::domain::{Contact, TagRef};
use salesbook::sop::render::{ScriptContext, render_stage};
use salesbook::sop::{Library, parse_template_full};

const BUILT_INS: [&str; 4] = ["default", "medical-aesthetics", "education", "ecommerce"];
const ME: &str = "小王";

/// Patterns that never read right in a message to a customer.
const BAD: &[&str] = &[
    "以内以内",
    "以上以内",
    "左右以内",
    "以下以内",
    "在未定",
    "未定以内",
    "预算未定",
    "我是me",
    "我是tester",
    "我是〔",
    "的的",
    "您您",
    "，，",
    "。。",
    "：，",
    "：。",
    "“”",
    "””",
    "““",
    "”“",
    "{",
    "}",
    "按给",
    "解决给",
    "关心的给",
    "在意给",
    "欧阳娜娜好",
];

fn library() -> Library {
    let lib = Library::load(None);
    assert!(lib.problems.is_empty(), "{:?}", lib.problems);
    lib
}

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(common::NOW)
        .unwrap()
        .with_timezone(&Utc)
}

/// A contact with only a name — a four-character one, so a full-name greeting shows.
fn bare() -> Contact {
    common::blank_contact("欧阳娜娜", now())
}

/// Budgets as reps type them.
const BUDGETS: [&str; 7] = [
    "3000-5000",
    "1万以上",
    "500以内",
    "3000左右",
    "未定",
    "看效果再说",
    "5000",
];

/// A need written as a verb phrase, the way reps type it.
const NEED: &str = "给孩子报英语课";

/// Every contact the scripts must read right for: bare, each field alone, all of them.
fn contacts(t: &Template) -> Vec<(String, Contact)> {
    let mut out = vec![("bare".to_string(), bare())];
    let with = |f: &dyn Fn(&mut Contact)| {
        let mut c = bare();
        f(&mut c);
        c
    };
    out.push((
        "honorific".into(),
        with(&|c| c.honorific = Some("欧阳姐".into())),
    ));
    out.push(("need".into(), with(&|c| c.need = Some(NEED.into()))));
    out.push(("source".into(), with(&|c| c.source = Some("小红书".into()))));
    out.push((
        "company".into(),
        with(&|c| c.company = Some("星河科技".into())),
    ));
    for b in BUDGETS {
        out.push((format!("budget {b}"), with(&|c| c.budget = Some(b.into()))));
    }
    // Interested in one of the template's products (a tag naming it).
    if let Some(p) = t.products.first() {
        let tag = t
            .tag_groups
            .iter()
            .find(|g| !g.auto && g.tags.iter().any(|x| t.product(x).is_some()))
            .and_then(|g| {
                g.tags
                    .iter()
                    .find(|x| t.product(x).is_some())
                    .map(|x| TagRef {
                        group: g.group.clone(),
                        tag: x.clone(),
                    })
            });
        if let Some(tag) = tag {
            out.push((
                format!("interested in {}", p.name),
                with(&|c| c.tags.push(tag.clone())),
            ));
        }
    }
    out.push((
        "everything".into(),
        with(&|c| {
            c.honorific = Some("欧阳姐".into());
            c.need = Some(NEED.into());
            c.source = Some("小红书".into());
            c.company = Some("星河科技".into());
            c.budget = Some("3000-5000".into());
        }),
    ));
    out
}

/// What the contact bought: nothing, or one product of each kind the template sells.
fn purchases(t: &Template) -> Vec<Option<String>> {
    let mut out = vec![None];
    for kind in ProductKind::ALL {
        if let Some(p) = t.products.iter().find(|p| p.kind == kind) {
            out.push(Some(p.name.clone()));
        }
    }
    // One the template does not know.
    out.push(Some("神秘礼盒".into()));
    out
}

/// Every rendered text of every stage, with where it came from.
fn render_all(t: &Template, c: &Contact, product: Option<&str>) -> Vec<(String, String)> {
    let values = ScriptValues::new(t, c, Some(ME), product.map(Some));
    let cx = ScriptContext::new(values);
    let mut out = Vec::new();
    for sop in &t.stages {
        let r = render_stage(sop, &cx);
        assert!(!r.needs_name, "{}: a name is set", t.id);
        for s in r.scripts {
            out.push((s.id, s.text));
        }
        for o in r.objections {
            out.push((o.id, o.reply));
        }
    }
    out
}

/// Where a free-text value may stand: in quotes, after a colon (a list item), or after
/// 关于 ("about …").
fn reads_as_inserted(text: &str, value: &str) -> bool {
    text.match_indices(value).all(|(i, _)| {
        let before = &text[..i];
        before.ends_with('“') || before.ends_with('：') || before.ends_with("关于")
    })
}

#[test]
fn every_built_in_reads_right_for_every_contact_and_purchase() {
    let lib = library();
    let mut rendered = 0;
    // Every problem, so one run shows them all.
    let mut wrong: std::collections::BTreeSet<String> = Default::default();
    for id in BUILT_INS {
        let t = &lib.get(id).unwrap().template;
        for (who, c) in contacts(t) {
            for product in purchases(t) {
                for (item, text) in render_all(t, &c, product.as_deref()) {
                    rendered += 1;
                    let at = format!("{id}/{item} for {who}, bought {product:?}");
                    for bad in BAD {
                        if text.contains(bad) {
                            wrong.insert(format!("{at}: '{bad}' in\n{text}"));
                        }
                    }
                    // A bare "您，" opening reads like a word went missing.
                    if text.starts_with("您，") {
                        wrong.insert(format!("{at}: opens with 您，\n{text}"));
                    }
                    // Addressed by honorific or as 您, never by full name.
                    if text.contains(&c.name) {
                        wrong.insert(format!("{at}: the full name in\n{text}"));
                    }
                    if !reads_as_inserted(&text, NEED) {
                        wrong.insert(format!("{at}: the need dropped in\n{text}"));
                    }
                    // The scripts speak of the rep by the rep's own name only.
                    if text.contains("我是") && !text.contains(&format!("我是{ME}")) {
                        wrong.insert(format!("{at}: 我是 without the name\n{text}"));
                    }
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{} problems:\n{}",
        wrong.len(),
        wrong.into_iter().take(40).collect::<Vec<_>>().join("\n\n")
    );
    assert!(rendered > 10_000, "{rendered} texts");
}

#[test]
fn goods_wording_reaches_only_buyers_of_goods() {
    let lib = library();
    for id in BUILT_INS {
        let t = &lib.get(id).unwrap().template;
        for p in &t.products {
            if p.kind == ProductKind::Goods {
                continue;
            }
            let texts = render_all(t, &bare(), Some(&p.name));
            for (item, text) in texts {
                for goods in ["存放", "高温", "潮湿", "发货", "快递", "包裹", "到货"]
                {
                    assert!(
                        !text.contains(goods),
                        "{id}/{item} for a {:?} buyer of {}: '{goods}' in\n{text}",
                        p.kind,
                        p.name
                    );
                }
            }
        }
    }
}

#[test]
fn budgets_pick_the_wording_that_fits() {
    let lib = library();
    let t = &lib.get("default").unwrap().template;
    let plan = |budget: Option<&str>| -> String {
        let mut c = bare();
        c.budget = budget.map(str::to_string);
        render_all(t, &c, None)
            .into_iter()
            .find(|(id, _)| id == "tailored-plan")
            .unwrap()
            .1
    };
    assert!(plan(Some("3000-5000")).contains("• 费用上：会控制在5000元以内"));
    assert!(plan(Some("500以内")).contains("• 费用上：会控制在500元以内"));
    assert!(plan(Some("1万以上")).contains("• 费用上：按您说的1万元以上来挑"));
    assert!(plan(Some("看效果再说")).contains("• 费用上：按您说的“看效果再说”来挑"));
    for none in [None, Some("未定"), Some("看情况")] {
        assert!(
            plan(none).contains("• 费用上：先挑中间档给您看"),
            "{none:?}"
        );
    }
}

#[test]
fn a_claim_of_an_unused_benefit_is_made_only_to_a_contact_who_has_one() {
    let lib = library();
    for id in BUILT_INS {
        let t = &lib.get(id).unwrap().template;
        let (stage, script) = t.script("wake-benefit").unwrap();
        assert!(
            !script.requires.is_empty(),
            "{id}: wake-benefit always applies"
        );
        let nobody = bare();
        let values = ScriptValues::new(t, &nobody, Some(ME), None);
        let r = render_stage(stage, &ScriptContext::new(values));
        assert!(
            r.not_applicable.contains(&"wake-benefit".to_string()),
            "{id}"
        );
        assert!(r.scripts.iter().all(|s| s.id != "wake-benefit"), "{id}");
        let group = t.tag_group("账户权益").expect("a benefit group");
        let mut c = bare();
        c.tags.push(TagRef {
            group: group.group.clone(),
            tag: group.tags[0].clone(),
        });
        let values = ScriptValues::new(t, &c, Some(ME), None);
        let r = render_stage(stage, &ScriptContext::new(values));
        assert!(r.scripts.iter().any(|s| s.id == "wake-benefit"), "{id}");
    }
}

/// The slots of a text, with their fallbacks.
fn slots(text: &str) -> Vec<(String, Option<String>, Option<String>)> {
    placeholder::parse(text)
        .unwrap()
        .into_iter()
        .filter_map(|p| match p {
            Piece::Slot {
                name,
                attr,
                fallback,
                ..
            } => Some((
                name.to_string(),
                attr.map(String::from),
                fallback.map(String::from),
            )),
            _ => None,
        })
        .collect()
}

#[test]
fn every_fallback_of_every_built_in_is_rendered_for_a_contact_without_the_value() {
    let lib = library();
    for id in BUILT_INS {
        let t = &lib.get(id).unwrap().template;
        let texts = render_all(t, &bare(), None);
        let mut checked = 0;
        for sop in &t.stages {
            let base = sop
                .scripts
                .iter()
                .map(|s| (&s.id, &s.text))
                .chain(sop.objections.iter().map(|o| (&o.id, &o.reply)));
            for (item, raw) in base {
                let Some((_, out)) = texts.iter().find(|(i, _)| i == item) else {
                    continue; // a script that does not apply to this contact
                };
                for (name, _, fallback) in slots(raw) {
                    let shown = match (name.as_str(), fallback) {
                        ("me", _) => ME.to_string(),
                        (_, Some(f)) => f,
                        (n, None) => placeholder::default_for(n).to_string(),
                    };
                    assert!(out.contains(&shown), "{id}/{item}: {name} → {shown}\n{out}");
                    checked += 1;
                }
            }
        }
        assert!(checked >= 30, "{id}: only {checked} slots");
    }
}

#[test]
fn built_ins_have_no_warnings() {
    for t in library().templates() {
        assert!(t.warnings.is_empty(), "{}: {:?}", t.template.id, t.warnings);
    }
}

#[test]
fn check_warns_about_a_placeholder_no_fallback_or_variant_covers() {
    let base = common::read_fixture("templates/valid-minimal.toml");
    let uncovered = base.replace(
        r#"text = "{honorific|您}好，我是{me}。""#,
        r#"text = "{honorific}好，费用控制在{budget.max}以内。""#,
    );
    let (_, warnings) = parse_template_full("t.toml", &uncovered).unwrap();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    let w = &warnings[0];
    assert_eq!((w.line, w.col), (39, 29), "{w}");
    assert!(w.message(Lang::En).contains("when = \"budget.max\""), "{w}");
    assert!(
        w.message(Lang::En)
            .starts_with("warning: {budget.max} in 'hello' has no fallback"),
        "{w}"
    );
    // A variant for contacts with a ceiling, and the main text without it: no warning.
    let covered = base.replace(
        r#"text = "{honorific|您}好，我是{me}。""#,
        "text = \"{honorific}好。\"\n\n    [[stage.script.variant]]\n    when = \"budget.max\"\n    text = \"{honorific}好，费用控制在{budget.max}以内。\"",
    );
    let (t, warnings) = parse_template_full("t.toml", &covered).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(t.script("hello").unwrap().1.variants.len(), 1);
    // A fallback covers it too; {honorific} (您) and {me} never need one.
    let fallback = base.replace(
        "{honorific|您}好，我是{me}。",
        "{honorific}好，我是{me}，费用控制在{budget.max|预算}以内。",
    );
    assert!(
        parse_template_full("t.toml", &fallback)
            .unwrap()
            .1
            .is_empty()
    );
}

#[test]
fn a_stage_needs_the_reps_name_when_any_of_its_replies_or_scripts_signs_with_it() {
    let lib = library();
    let t = &lib.get("default").unwrap().template;
    let base = t.stage(salesbook::domain::Stage::Pitch).clone();
    let c = bare();
    let signed = "我是{me}，有事随时找我";
    let unsigned = "我是〔你的名字〕，有事随时找我";
    let plain = |text: &str| text.replace("{me}", "小王");
    // Every reply and script is made plain, then one of them signs with {me}.
    let mut stage = base.clone();
    for o in &mut stage.objections {
        o.reply = plain(&o.reply);
    }
    for s in &mut stage.scripts {
        s.text = plain(&s.text);
        s.variants.clear();
        s.requires = Default::default();
    }
    let render = |stage: &salesbook::domain::sop::StageSop, me: Option<&str>| {
        render_stage(
            stage,
            &ScriptContext::new(ScriptValues::new(t, &c, me, None)),
        )
    };
    assert!(!render(&stage, None).needs_name);

    let mut by_reply = stage.clone();
    by_reply.objections.last_mut().unwrap().reply = signed.into();
    let r = render(&by_reply, None);
    assert!(r.needs_name);
    assert!(r.scripts.iter().all(|s| !s.needs_name));
    assert!(r.objections.iter().any(|o| o.reply == unsigned));
    assert!(!render(&by_reply, Some(ME)).needs_name);

    let mut by_script = stage.clone();
    by_script.scripts.last_mut().unwrap().text = signed.into();
    let r = render(&by_script, None);
    assert!(r.needs_name);
    assert_eq!(
        r.scripts.iter().filter(|s| s.needs_name).count(),
        1,
        "only the signed script"
    );
    assert_eq!(r.scripts.last().unwrap().text, unsigned);
    assert!(!render(&by_script, Some(ME)).needs_name);
}

#[test]
fn only_a_variant_for_contacts_lacking_the_value_covers_a_placeholder() {
    let base = common::read_fixture("templates/valid-minimal.toml");
    let with_variant = |when: &str| {
        base.replace(
            r#"text = "{honorific|您}好，我是{me}。""#,
            &format!(
                "text = \"{{honorific}}好，预算是{{budget}}。\"\n\n    [[stage.script.variant]]\n    when = \"{when}\"\n    text = \"{{honorific}}好。\""
            ),
        )
    };
    // A variant taken exactly when the budget is missing: the main text always has one.
    let (_, warnings) = parse_template_full("t.toml", &with_variant("!budget")).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    // A variant that also needs a need leaves contacts without budget or need to the
    // main text, and one about another field covers nothing.
    for when in ["!budget, need", "!need", "need"] {
        let (_, warnings) = parse_template_full("t.toml", &with_variant(when)).unwrap();
        assert_eq!(warnings.len(), 1, "{when}: {warnings:?}");
        assert!(
            warnings[0]
                .message(Lang::En)
                .starts_with("warning: {budget} in 'hello' has no fallback"),
            "{when}: {warnings:?}"
        );
        assert_eq!((warnings[0].line, warnings[0].col), (39, 27), "{when}");
    }
}

/// Where the contact came from is said only when the rep knows it: with no source, no text
/// names a channel (a guessed 朋友介绍 would tell the customer a referral that never was);
/// with one, the welcome names it.
#[test]
fn no_built_in_claims_a_source_the_contact_does_not_have() {
    let lib = library();
    for id in BUILT_INS {
        let t = &lib.get(id).unwrap().template;
        for (script, text) in render_all(t, &bare(), None) {
            for claim in [
                "渠道加的我",
                "过来的",
                "加到我的",
                "朋友介绍",
                "朋友推荐",
                "我们的活动",
            ] {
                assert!(!text.contains(claim), "{id} {script}: {claim} in {text}");
            }
        }
        let mut c = bare();
        c.source = Some("小红书".into());
        let texts = render_all(t, &c, None);
        let welcome = &texts.iter().find(|(s, _)| s == "welcome").unwrap().1;
        assert!(welcome.contains("小红书"), "{id}: {welcome}");
    }
}
