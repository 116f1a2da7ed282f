//! Turns a template's text into a checked [`Template`], or explains every problem in it.

use super::diagnostic::{Diagnostic, Reporter};
use super::raw::*;
use crate::domain::placeholder;
use crate::domain::sop::{
    Cadence, CadenceStep, GradeSop, Lifecycle, Objection, ObjectionKind, Product, Script, StageSop,
    TagGroup, Template, UrgencyWeights, parse_duration,
};
use crate::domain::{Grade, Stage, TagRef};
use std::collections::{BTreeMap, HashMap, HashSet};
use toml::Spanned;

/// Parses and checks one template file. `file` is the name used in messages.
pub fn parse_template(file: &str, source: &str) -> Result<Template, Vec<Diagnostic>> {
    let mut r = Reporter::new(file, source);
    let raw: RawTemplate = match toml::from_str(source) {
        Ok(raw) => raw,
        Err(e) => {
            let at = e.span().map_or(0, |s| s.start);
            r.at(at, toml_message(&e));
            return Err(r.found);
        }
    };
    let template = build(&mut r, raw);
    if r.found.is_empty() {
        Ok(template)
    } else {
        r.found.sort_by_key(|d| (d.line, d.col));
        Err(r.found)
    }
}

/// The TOML library's message, on one line, with what the format accepts where it helps.
fn toml_message(e: &toml::de::Error) -> String {
    let msg = e.message().trim().replace('\n', " ");
    if msg.starts_with("unknown field") {
        format!("{msg} (see the template format in README.md)")
    } else if msg.starts_with("missing field") {
        format!("{msg}: this table needs it")
    } else {
        msg
    }
}

fn nonempty(r: &mut Reporter, v: &Spanned<String>, what: &str) -> String {
    if v.get_ref().trim().is_empty() {
        r.span(v.span(), format!("{what} is empty; write some text"));
    }
    v.get_ref().clone()
}

fn check_id(r: &mut Reporter, id: &Spanned<String>, what: &str) {
    let s = id.get_ref();
    let ok = !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if !ok {
        r.span(
            id.span(),
            format!(
                "{what} '{s}' is not valid; use lowercase letters, digits and '-', e.g. \"welcome\""
            ),
        );
    }
}

fn check_placeholders(r: &mut Reporter, text: &Spanned<String>) {
    if let Err(e) = placeholder::parse(text.get_ref()) {
        let at = r.inside_string(text.span(), text.get_ref(), e.at);
        r.at(at, e.message);
    }
}

fn duration(r: &mut Reporter, v: &Spanned<String>) -> chrono::TimeDelta {
    parse_duration(v.get_ref()).unwrap_or_else(|e| {
        r.span(v.span(), e);
        chrono::TimeDelta::zero()
    })
}

fn build(r: &mut Reporter, raw: RawTemplate) -> Template {
    check_id(r, &raw.template.id, "template id");
    nonempty(r, &raw.template.name, "template name");
    if *raw.template.version.get_ref() == 0 {
        r.span(raw.template.version.span(), "version must be 1 or more");
    }
    let first_response_minutes = match &raw.lead {
        Some(l) => {
            if *l.first_response_minutes.get_ref() == 0 {
                r.span(
                    l.first_response_minutes.span(),
                    "first_response_minutes must be 1 or more",
                );
            }
            *l.first_response_minutes.get_ref()
        }
        None => 10,
    };
    let lifecycle = lifecycle(r, &raw.lifecycle);
    let stages = stages(r, raw.stage);
    let script_ids: HashSet<String> = stages
        .iter()
        .flat_map(|s| s.scripts.iter().map(|x| x.id.clone()))
        .collect();
    let cadences = cadences(r, raw.cadence, &script_ids);
    let grades = grades(r, raw.grade, &cadences);
    let tag_groups = tag_groups(r, raw.tag_group);
    let urgency = urgency(r, raw.urgency.unwrap_or_default(), &tag_groups);
    let products = products(r, raw.product);
    Template {
        id: raw.template.id.into_inner(),
        name: raw.template.name.into_inner(),
        version: raw.template.version.into_inner(),
        description: raw.template.description,
        first_response_minutes,
        lifecycle,
        urgency,
        grades,
        stages,
        cadences,
        tag_groups,
        products,
    }
}

fn lifecycle(r: &mut Reporter, l: &RawLifecycle) -> Lifecycle {
    let dormant = *l.dormant_after_days.get_ref();
    let churned = *l.churned_after_days.get_ref();
    if dormant == 0 {
        r.span(
            l.dormant_after_days.span(),
            "dormant_after_days must be 1 or more",
        );
    }
    if churned <= dormant {
        r.span(
            l.churned_after_days.span(),
            format!(
                "churned_after_days ({churned}) must be greater than dormant_after_days ({dormant})"
            ),
        );
    }
    Lifecycle {
        dormant_after_days: dormant,
        churned_after_days: churned,
        mature_after_purchases: l.mature_after_purchases.unwrap_or(2).max(1),
    }
}

fn stages(r: &mut Reporter, raw: Vec<RawStage>) -> Vec<StageSop> {
    let mut by_stage: BTreeMap<Stage, StageSop> = BTreeMap::new();
    let mut script_seen: HashMap<String, ()> = HashMap::new();
    let mut objection_seen: HashSet<String> = HashSet::new();
    // Where each stage's key is written, to place "stage missing" next to its neighbours.
    let mut key_at: BTreeMap<Stage, usize> = BTreeMap::new();
    for st in raw {
        let stage = match st.key.get_ref().parse::<Stage>() {
            Ok(s) => s,
            Err(e) => {
                r.span(st.key.span(), field_msg(&e));
                continue;
            }
        };
        if by_stage.contains_key(&stage) {
            r.span(
                st.key.span(),
                format!(
                    "stage '{}' ({}) is defined twice; each stage appears once",
                    stage.key(),
                    stage.zh()
                ),
            );
            continue;
        }
        key_at.insert(stage, st.key.span().start);
        let goal = nonempty(r, &st.goal, "stage goal");
        let mut scripts = Vec::new();
        for s in st.script {
            check_id(r, &s.id, "script id");
            if script_seen.insert(s.id.get_ref().clone(), ()).is_some() {
                r.span(
                    s.id.span(),
                    format!(
                        "script id '{}' is used twice; ids are unique in a template",
                        s.id.get_ref()
                    ),
                );
            }
            nonempty(r, &s.text, "script text");
            check_placeholders(r, &s.text);
            scripts.push(Script {
                id: s.id.into_inner(),
                title: s.title,
                when: s.when,
                text: s.text.into_inner(),
            });
        }
        let mut objections = Vec::new();
        for o in st.objection {
            check_id(r, &o.id, "objection id");
            if !objection_seen.insert(o.id.get_ref().clone()) {
                r.span(
                    o.id.span(),
                    format!(
                        "objection id '{}' is used twice; ids are unique in a template",
                        o.id.get_ref()
                    ),
                );
            }
            let kind = o
                .kind
                .get_ref()
                .parse::<ObjectionKind>()
                .unwrap_or_else(|e| {
                    r.span(o.kind.span(), e);
                    ObjectionKind::Other
                });
            nonempty(r, &o.reply, "objection reply");
            check_placeholders(r, &o.reply);
            objections.push(Objection {
                id: o.id.into_inner(),
                kind,
                customer: o.customer,
                reply: o.reply.into_inner(),
            });
        }
        by_stage.insert(
            stage,
            StageSop {
                stage,
                name: st.name.unwrap_or_else(|| stage.zh().to_string()),
                goal,
                exit: st.exit,
                checklist: st.checklist,
                rot_after_days: st.rot_after_days.map(Spanned::into_inner),
                materials: st.materials,
                scripts,
                objections,
            },
        );
    }
    for stage in Stage::ALL {
        if !by_stage.contains_key(&stage) {
            // Where it belongs: after the stage before it, else before the stage after it.
            let at = key_at
                .range(..stage)
                .next_back()
                .or_else(|| key_at.range(stage..).next())
                .map_or(0, |(_, at)| *at);
            r.at(
                at,
                format!(
                    "stage '{}' ({}) is missing; a template has exactly the five stages: {}",
                    stage.key(),
                    stage.zh(),
                    Stage::accepted_list()
                ),
            );
        }
    }
    by_stage.into_values().collect()
}

fn cadences(
    r: &mut Reporter,
    raw: BTreeMap<Spanned<String>, RawCadence>,
    scripts: &HashSet<String>,
) -> BTreeMap<String, Cadence> {
    let mut out = BTreeMap::new();
    for (id, c) in raw {
        check_id(r, &id, "cadence id");
        let mut steps = Vec::new();
        for s in c.steps {
            let after = duration(r, &s.after);
            let action = nonempty(r, &s.action, "step action");
            if let Some(script) = &s.script
                && !scripts.contains(script.get_ref())
            {
                r.span(
                    script.span(),
                    format!(
                        "script '{}' is not defined in any stage; define it under [[stage.script]]",
                        script.get_ref()
                    ),
                );
            }
            steps.push(CadenceStep {
                after,
                action,
                script: s.script.map(Spanned::into_inner),
            });
        }
        let every = c.every.as_ref().map(|e| duration(r, e));
        if let Some(e) = &c.every
            && every == Some(chrono::TimeDelta::zero())
            && parse_duration(e.get_ref()).is_ok()
        {
            r.span(e.span(), "every must be longer than zero");
        }
        if steps.is_empty() && every.is_none() {
            r.span(
                id.span(),
                format!(
                    "cadence '{}' has no steps and no 'every'; give it at least one",
                    id.get_ref()
                ),
            );
        }
        if let Some(cap) = &c.max_touches_per_30d
            && *cap.get_ref() == 0
        {
            r.span(cap.span(), "max_touches_per_30d must be 1 or more");
        }
        out.insert(
            id.into_inner(),
            Cadence {
                steps,
                every,
                max_touches_per_30d: c.max_touches_per_30d.map(Spanned::into_inner),
            },
        );
    }
    out
}

fn grades(
    r: &mut Reporter,
    raw: Vec<RawGrade>,
    cadences: &BTreeMap<String, Cadence>,
) -> Vec<GradeSop> {
    let mut out: Vec<GradeSop> = Vec::new();
    let mut last_span = 0;
    for g in raw {
        last_span = g.key.span().start;
        let grade = match g.key.get_ref().parse::<Grade>() {
            Ok(x) => x,
            Err(e) => {
                r.span(g.key.span(), field_msg(&e));
                continue;
            }
        };
        if out.iter().any(|x| x.grade == grade) {
            r.span(g.key.span(), format!("grade '{grade}' is defined twice"));
            continue;
        }
        if let Some(c) = &g.cadence
            && !cadences.contains_key(c.get_ref())
        {
            let known: Vec<&str> = cadences.keys().map(String::as_str).collect();
            r.span(
                c.span(),
                format!(
                    "cadence '{}' is not defined; defined: {}",
                    c.get_ref(),
                    known.join(", ")
                ),
            );
        }
        out.push(GradeSop {
            grade,
            name: g.name,
            meaning: g.meaning,
            cadence: g.cadence.map(Spanned::into_inner),
        });
    }
    for grade in Grade::ALL {
        if !out.iter().any(|g| g.grade == grade) {
            r.at(
                last_span,
                format!(
                    "grade '{grade}' ({}) is missing; define all of A, B, C, D",
                    grade.zh()
                ),
            );
        }
    }
    out.sort_by_key(|g| g.grade);
    out
}

fn tag_groups(r: &mut Reporter, raw: Vec<RawTagGroup>) -> Vec<TagGroup> {
    let mut out: Vec<TagGroup> = Vec::new();
    for g in raw {
        nonempty(r, &g.category, "tag category");
        nonempty(r, &g.group, "tag group");
        if out.iter().any(|x| x.group == *g.group.get_ref()) {
            r.span(
                g.group.span(),
                format!("tag group '{}' is defined twice", g.group.get_ref()),
            );
        }
        let mut tags: Vec<String> = Vec::new();
        for t in g.tags {
            if t.get_ref().trim().is_empty() || t.get_ref().contains('/') {
                r.span(t.span(), "a tag is a non-empty name without '/'");
            } else if tags.contains(t.get_ref()) {
                r.span(t.span(), format!("tag '{}' is listed twice", t.get_ref()));
            }
            tags.push(t.into_inner());
        }
        out.push(TagGroup {
            category: g.category.into_inner(),
            group: g.group.into_inner(),
            tags,
            auto: g.auto,
        });
    }
    out
}

/// The largest urgency weight, either way: the agenda sorts by sums of these.
const MAX_WEIGHT: f64 = 1_000_000.0;

/// A weight as written, if it is a finite number in range; otherwise reported, and 0.
fn weight(r: &mut Reporter, v: toml::Spanned<f64>) -> f64 {
    let x = *v.get_ref();
    if x.is_finite() && x.abs() <= MAX_WEIGHT {
        x
    } else {
        r.span(
            v.span(),
            format!("urgency weight {x} is not a number from -{MAX_WEIGHT} to {MAX_WEIGHT}"),
        );
        0.0
    }
}

fn urgency(r: &mut Reporter, u: RawUrgency, groups: &[TagGroup]) -> UrgencyWeights {
    let mut or = |v: Option<toml::Spanned<f64>>, default: f64| v.map_or(default, |v| weight(r, v));
    let mut w = UrgencyWeights {
        per_overdue_day: or(u.per_overdue_day, 3.0),
        first_response_breach: or(u.first_response_breach, 40.0),
        rotting: or(u.rotting, 10.0),
        ..UrgencyWeights::default()
    };
    for (k, v) in u.grade {
        let v = weight(r, v);
        match k.get_ref().parse::<Grade>() {
            Ok(g) => {
                w.grade.insert(g, v);
            }
            Err(e) => r.span(k.span(), field_msg(&e)),
        }
    }
    for (k, v) in u.stage {
        let v = weight(r, v);
        match k.get_ref().parse::<Stage>() {
            Ok(s) => {
                w.stage.insert(s, v);
            }
            Err(e) => r.span(k.span(), field_msg(&e)),
        }
    }
    for (k, v) in u.tags {
        let v = weight(r, v);
        match k.get_ref().parse::<TagRef>() {
            Ok(t) if groups.iter().any(|g| g.contains(&t)) => {
                w.tags.insert(t.to_string(), v);
            }
            Ok(t) => r.span(
                k.span(),
                format!("tag '{t}' is not in the template's tag taxonomy ([[tag_group]])"),
            ),
            Err(e) => r.span(k.span(), field_msg(&e)),
        }
    }
    w
}

/// Template errors are for the template's author: worded in English, like TOML's own.
fn field_msg(e: &crate::domain::error::FieldError) -> String {
    crate::i18n::errors::field_error(crate::config::Lang::En, crate::i18n::errors::Front::Cli, e)
}

fn products(r: &mut Reporter, raw: Vec<RawProduct>) -> Vec<Product> {
    let mut out: Vec<Product> = Vec::new();
    for p in raw {
        nonempty(r, &p.name, "product name");
        if out.iter().any(|x| x.name == *p.name.get_ref()) {
            r.span(
                p.name.span(),
                format!("product '{}' is defined twice", p.name.get_ref()),
            );
        }
        let cycle = *p.cycle_days.get_ref();
        if cycle == 0 {
            r.span(p.cycle_days.span(), "cycle_days must be 1 or more");
        }
        // Default: remind when about five sixths of the cycle have passed (2.5 of 3 months).
        let remind = p
            .remind_before_days
            .as_ref()
            .map_or(cycle / 6, |d| *d.get_ref());
        if let Some(d) = &p.remind_before_days
            && cycle > 0
            && remind >= cycle
        {
            r.span(
                d.span(),
                format!("remind_before_days ({remind}) must be less than cycle_days ({cycle})"),
            );
        }
        out.push(Product {
            name: p.name.into_inner(),
            cycle_days: cycle,
            remind_before_days: remind,
        });
    }
    out
}
