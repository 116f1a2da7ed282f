//! What every built-in template carries: stages, scripts, objection replies, grades, cadences, products and tags. Part of `sop_templates.rs`, whose helpers it uses.

use super::*;

/// Each step's time from the start of the cadence: `after` counts from the step before.
fn offsets(c: &Cadence) -> Vec<TimeDelta> {
    c.steps
        .iter()
        .scan(TimeDelta::zero(), |at, s| {
            *at += s.after;
            Some(*at)
        })
        .collect()
}

/// Offsets as the templates write them ("0d", "3d", "6h"), for messages.
fn shown(at: &[TimeDelta]) -> String {
    at.iter()
        .map(|d| format_duration(*d))
        .collect::<Vec<_>>()
        .join(", ")
}

fn cadence<'a>(t: &'a Template, id: &str) -> &'a Cadence {
    t.cadences
        .get(id)
        .unwrap_or_else(|| panic!("{}: no cadence '{id}'", t.id))
}

// ───────────────────────── what every built-in carries ─────────────────────────

#[test]
fn library_lists_the_four_built_ins() {
    let lib = library();
    let ids: Vec<&str> = lib
        .templates()
        .iter()
        .map(|t| t.template.id.as_str())
        .collect();
    assert_eq!(ids, BUILT_INS);
    for t in lib.templates() {
        assert_eq!(t.origin, Origin::BuiltIn);
        let on_disk = std::fs::read_to_string(built_in_path(&t.template.id)).unwrap();
        assert_eq!(t.source, on_disk, "{}", t.template.id);
    }
}

#[test]
fn built_ins_have_the_five_stages_in_order_with_three_scripts_each() {
    let lib = library();
    for id in BUILT_INS {
        let t = built_in(&lib, id);
        let stages: Vec<Stage> = t.stages.iter().map(|s| s.stage).collect();
        assert_eq!(stages, Stage::ALL, "{id}");
        for st in &t.stages {
            assert!(
                st.scripts.len() >= 3,
                "{id}: stage {} has {} scripts",
                st.stage,
                st.scripts.len()
            );
            assert!(!st.goal.trim().is_empty(), "{id}: {} has no goal", st.stage);
        }
    }
}

#[test]
fn built_ins_resolve_stage_answers_the_main_objections() {
    let lib = library();
    let needed = [
        ObjectionKind::Distrust,
        ObjectionKind::Privacy,
        ObjectionKind::Price,
        ObjectionKind::Comparing,
        ObjectionKind::Stalling,
    ];
    for id in BUILT_INS {
        let t = built_in(&lib, id);
        let resolve = t.stage(Stage::Resolve);
        assert_eq!(resolve.stage, Stage::Resolve);
        assert!(
            resolve.objections.len() >= 6,
            "{id}: resolve has {} objections",
            resolve.objections.len()
        );
        let kinds: BTreeSet<ObjectionKind> = resolve.objections.iter().map(|o| o.kind).collect();
        for k in needed {
            assert!(kinds.contains(&k), "{id}: resolve has no '{k}' objection");
        }
        for o in &resolve.objections {
            assert!(!o.customer.trim().is_empty() && !o.reply.trim().is_empty());
        }
    }
}

#[test]
fn built_ins_grade_a_to_d_with_cadences_for_a_b_c_only() {
    let lib = library();
    for id in BUILT_INS {
        let t = built_in(&lib, id);
        let grades: Vec<Grade> = t.grades.iter().map(|g| g.grade).collect();
        assert_eq!(grades, Grade::ALL, "{id}");
        for g in &t.grades {
            if g.grade == Grade::D {
                assert_eq!(g.cadence, None, "{id}: grade D should not be followed up");
                continue;
            }
            let name = g
                .cadence
                .as_deref()
                .unwrap_or_else(|| panic!("{id}: grade {} has no cadence", g.grade));
            let c = cadence(&t, name);
            assert!(!c.steps.is_empty(), "{id}: cadence {name} has no steps");
            for s in &c.steps {
                if let Some(script) = &s.script {
                    assert!(
                        t.script(script).is_some(),
                        "{id}: cadence {name} uses an undefined script {script}"
                    );
                }
            }
        }
    }
}

#[test]
fn built_ins_grade_a_cadence_starts_the_same_day_and_follows_up_on_days_3_to_7() {
    let lib = library();
    for id in BUILT_INS {
        let t = built_in(&lib, id);
        let name = t.grade(Grade::A).and_then(|g| g.cadence.clone()).unwrap();
        assert_eq!(name, "grade-a", "{id}");
        let at = offsets(cadence(&t, &name));
        assert_eq!(
            at[0],
            TimeDelta::zero(),
            "{id}: grade A starts at {}",
            shown(&at)
        );
        let in_3_to_7 = at
            .iter()
            .filter(|d| (TimeDelta::days(3)..=TimeDelta::days(7)).contains(d))
            .count();
        assert!(
            in_3_to_7 >= 1,
            "{id}: no grade-A step on days 3–7: {}",
            shown(&at)
        );
    }
}

#[test]
fn built_ins_aftercare_cadence_touches_within_24h_and_on_day_3() {
    let lib = library();
    for id in BUILT_INS {
        let t = built_in(&lib, id);
        let at = offsets(cadence(&t, "aftercare"));
        assert!(
            at.iter().any(|d| *d <= TimeDelta::hours(24)),
            "{id}: no aftercare step within 24h: {}",
            shown(&at)
        );
        assert!(
            at.iter()
                .any(|d| (TimeDelta::days(3)..TimeDelta::days(4)).contains(d)),
            "{id}: no aftercare step on day 3: {}",
            shown(&at)
        );
    }
}

#[test]
fn built_ins_dormant_cadence_touches_at_most_twice_a_month() {
    let lib = library();
    for id in BUILT_INS {
        let t = built_in(&lib, id);
        let c = cadence(&t, "dormant");
        let cap = c
            .max_touches_per_30d
            .unwrap_or_else(|| panic!("{id}: the dormant cadence has no cap"));
        assert!((1..=2).contains(&cap), "{id}: dormant cap {cap}");
        assert!(!c.steps.is_empty() || c.every.is_some(), "{id}");
    }
}

#[test]
fn default_answers_a_new_lead_within_10_minutes() {
    let lib = library();
    assert_eq!(built_in(&lib, "default").first_response_minutes, 10);
    for id in BUILT_INS {
        let m = built_in(&lib, id).first_response_minutes;
        assert!((1..=10).contains(&m), "{id}: {m} minutes");
    }
}

#[test]
fn built_ins_have_products_with_a_consumption_cycle() {
    let lib = library();
    for id in BUILT_INS {
        let t = built_in(&lib, id);
        assert!(!t.products.is_empty(), "{id}: no product");
        for p in &t.products {
            assert!(p.cycle_days > 0, "{id}: {} has no cycle", p.name);
            assert!(p.remind_before_days < p.cycle_days, "{id}: {}", p.name);
        }
    }
}

#[test]
fn built_ins_tag_taxonomy_is_small_and_two_level() {
    let lib = library();
    for id in BUILT_INS {
        let t = built_in(&lib, id);
        // Few groups the rep sets by hand; the rest salesbook derives.
        let manual = t.tag_groups.iter().filter(|g| !g.auto).count();
        assert!(
            (1..=8).contains(&manual) && t.tag_groups.len() <= 12,
            "{id}: {manual} hand-set of {} tag groups",
            t.tag_groups.len()
        );
        for g in &t.tag_groups {
            let dated = g.rule.is_some_and(|r| r.makes_its_own_tags());
            assert!(
                (dated && g.tags.is_empty()) || (!dated && (1..=10).contains(&g.tags.len())),
                "{id}: group {} has {} tags",
                g.group,
                g.tags.len()
            );
            assert_eq!(
                g.auto,
                g.rule.is_some(),
                "{id}: group {} auto without a rule",
                g.group
            );
            assert!(
                g.category == "基础" || g.category == "精细",
                "{id}: group {} has category {}",
                g.group,
                g.category
            );
        }
    }
}

#[test]
fn default_pitch_covers_the_four_buying_conditions() {
    let t = built_in(&library(), "default");
    let pitch = t.stage(Stage::Pitch);
    let mut text: Vec<&str> = pitch.checklist.iter().map(String::as_str).collect();
    text.extend(pitch.scripts.iter().map(|s| s.text.as_str()));
    for condition in ["产品好", "适合我", "能学会", "有预算"] {
        assert!(
            text.iter().any(|t| t.contains(condition)),
            "default pitch never mentions {condition}"
        );
    }
}
