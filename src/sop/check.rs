//! Turns a template's text into a checked [`Template`], or explains every problem in it.

use super::check_parts as parts;
use super::diagnostic::{Diagnostic, Reporter};
use super::problem::{Part, Problem};
use super::raw::*;
use crate::domain::condition::Condition;
use crate::domain::placeholder;
use crate::domain::sop::{
    Cadence, CadenceStep, ContactHours, GradeSop, Grading, Lifecycle, Objection, ObjectionKind,
    Script, StageSop, TagGroup, Template, Variant, format_duration, parse_duration,
};
use crate::domain::{Grade, Stage};
use std::collections::{BTreeMap, HashMap, HashSet};
use toml::Spanned;

/// Parses and checks one template file. `file` is the name used in messages.
pub fn parse_template(file: &str, source: &str) -> Result<Template, Vec<Diagnostic>> {
    parse_template_full(file, source).map(|(t, _)| t)
}

/// As [`parse_template`], with the warnings a valid template may still have (placeholders
/// that would fall back to generic words).
pub fn parse_template_full(
    file: &str,
    source: &str,
) -> Result<(Template, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut r = Reporter::new(file, source);
    let raw: RawTemplate = match toml::from_str(source) {
        Ok(raw) => raw,
        Err(e) => {
            let at = e.span().map_or(0, |s| s.start);
            r.at(
                at,
                super::toml_hint::toml_problem(&e, super::toml_hint::line_at(source, at)),
            );
            return Err(r.found);
        }
    };
    let template = build(&mut r, raw);
    if r.found.is_empty() {
        r.warnings.sort_by_key(|d| (d.line, d.col));
        Ok((template, r.warnings))
    } else {
        r.found.sort_by_key(|d| (d.line, d.col));
        Err(r.found)
    }
}

pub(super) fn nonempty(r: &mut Reporter, v: &Spanned<String>, what: Part) -> String {
    if v.get_ref().trim().is_empty() {
        r.span(v.span(), Problem::Empty(what));
    }
    v.get_ref().clone()
}

pub(super) fn check_id(r: &mut Reporter, id: &Spanned<String>, what: Part) {
    let s = id.get_ref();
    let ok = !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if !ok {
        r.span(id.span(), Problem::BadId(what, s.clone()));
    }
}

/// A cadence a grade or tier names must exist.
pub(super) fn cadence_ref(
    r: &mut Reporter,
    cadence: Option<&Spanned<String>>,
    cadences: &BTreeMap<String, Cadence>,
) {
    if let Some(c) = cadence
        && !cadences.contains_key(c.get_ref())
    {
        r.span(
            c.span(),
            Problem::CadenceUndefined {
                id: c.get_ref().clone(),
                defined: cadences.keys().cloned().collect(),
            },
        );
    }
}

/// A script a step, signal or occasion names must exist.
pub(super) fn script_ref(
    r: &mut Reporter,
    script: &Option<Spanned<String>>,
    scripts: &HashSet<String>,
) {
    if let Some(script) = script
        && !scripts.contains(script.get_ref())
    {
        r.span(
            script.span(),
            Problem::ScriptUndefined(script.get_ref().clone()),
        );
    }
}

fn check_placeholders(r: &mut Reporter, text: &Spanned<String>) {
    if let Err(e) = placeholder::parse(text.get_ref()) {
        let at = r.inside_string(text.span(), text.get_ref(), e.at);
        r.at(at, e.problem);
    }
    // Typed with a Chinese input method, ｛name｝ is text the customer would read as is.
    if let Some(i) = text.get_ref().find('｛') {
        let at = r.inside_string(text.span(), text.get_ref(), i);
        r.warn_at(at, Problem::FullWidthBraces);
    }
}

pub(super) fn duration(r: &mut Reporter, v: &Spanned<String>) -> chrono::TimeDelta {
    parse_duration(v.get_ref()).unwrap_or_else(|e| {
        r.span(v.span(), e);
        chrono::TimeDelta::zero()
    })
}

fn build(r: &mut Reporter, raw: RawTemplate) -> Template {
    check_id(r, &raw.template.id, Part::TemplateId);
    nonempty(r, &raw.template.name, Part::TemplateName);
    if *raw.template.version.get_ref() == 0 {
        r.span(raw.template.version.span(), Problem::AtLeastOne("version"));
    }
    let (first_response_minutes, grading) = lead(r, raw.lead.as_ref());
    let contact_hours = contact_hours(r, raw.schedule.as_ref());
    let lost_reasons = lost_reasons(r, raw.lead.as_ref());
    let lifecycle = lifecycle(r, &raw.lifecycle);
    // Before the stages: a script's conditions name tags, which must be the taxonomy's.
    let tag_groups = parts::tag_groups(r, raw.tag_group);
    let stages = stages(r, raw.stage, &tag_groups);
    let script_ids: HashSet<String> = stages
        .iter()
        .flat_map(|s| s.scripts.iter().map(|x| x.id.clone()))
        .collect();
    let cadences = cadences(r, raw.cadence, &script_ids, lifecycle.dormant_after_days);
    let grades = grades(r, raw.grade, &cadences);
    let urgency = parts::urgency(r, raw.urgency.unwrap_or_default(), &tag_groups);
    let products = parts::products(r, raw.product);
    let tiers = parts::tiers(r, raw.tier, &cadences);
    let signals = parts::signals(r, raw.signal, &script_ids);
    let occasions = parts::occasions(r, raw.occasion, &script_ids);
    let appointments = parts::appointments(r, raw.appointment, &script_ids);
    Template {
        id: raw.template.id.into_inner(),
        name: raw.template.name.into_inner(),
        version: raw.template.version.into_inner(),
        description: raw.template.description,
        first_response_minutes,
        contact_hours,
        grading,
        lost_reasons,
        lifecycle,
        urgency,
        grades,
        stages,
        cadences,
        tag_groups,
        products,
        tiers,
        signals,
        occasions,
        appointments,
    }
}

/// `[schedule]`: the rep's contact hours, if the template sets them.
fn contact_hours(r: &mut Reporter, s: Option<&RawSchedule>) -> Option<ContactHours> {
    let hours = s?.contact_hours.as_ref()?;
    match hours.get_ref().parse() {
        Ok(h) => Some(h),
        Err(e) => {
            r.span(hours.span(), e);
            None
        }
    }
}

/// `[lead]`: the first-reply limit, and when and how a lead is asked to be graded (on by
/// default: every lead is graded after its first conversation).
fn lead(r: &mut Reporter, l: Option<&RawLead>) -> (u32, Option<Grading>) {
    let Some(l) = l else {
        return (10, Some(default_grading()));
    };
    if *l.first_response_minutes.get_ref() == 0 {
        r.span(
            l.first_response_minutes.span(),
            Problem::AtLeastOne("first_response_minutes"),
        );
    }
    let mut g = default_grading();
    if let Some(a) = &l.grade_after {
        g.after = duration(r, a);
    }
    if let Some(e) = &l.grade_every {
        g.every = duration(r, e);
        if g.every <= chrono::TimeDelta::zero() && parse_duration(e.get_ref()).is_ok() {
            r.span(e.span(), Problem::LongerThanZero("grade_every"));
        }
    }
    if let Some(a) = &l.grade_action {
        g.action = nonempty(r, a, Part::GradeAction);
    }
    (*l.first_response_minutes.get_ref(), Some(g))
}

fn lost_reasons(r: &mut Reporter, l: Option<&RawLead>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for reason in l.map(|l| l.lost_reasons.as_slice()).unwrap_or_default() {
        let text = nonempty(r, reason, Part::LostReason);
        if out.contains(&text) {
            r.span(
                reason.span(),
                Problem::ListedTwice(Part::LostReason, text.clone()),
            );
        }
        out.push(text);
    }
    out
}

fn default_grading() -> Grading {
    Grading {
        after: chrono::TimeDelta::hours(2),
        every: chrono::TimeDelta::days(1),
        action: crate::i18n::sop::DEFAULT_GRADE_ACTION.to_string(),
    }
}

fn lifecycle(r: &mut Reporter, l: &RawLifecycle) -> Lifecycle {
    let dormant = *l.dormant_after_days.get_ref();
    let churned = *l.churned_after_days.get_ref();
    if dormant == 0 {
        r.span(
            l.dormant_after_days.span(),
            Problem::AtLeastOne("dormant_after_days"),
        );
    }
    if churned <= dormant {
        r.span(
            l.churned_after_days.span(),
            Problem::ChurnedNotAfterDormant { churned, dormant },
        );
    }
    Lifecycle {
        dormant_after_days: dormant,
        churned_after_days: churned,
        mature_after_purchases: l.mature_after_purchases.unwrap_or(2).max(1),
    }
}

fn stages(r: &mut Reporter, raw: Vec<RawStage>, groups: &[TagGroup]) -> Vec<StageSop> {
    let mut by_stage: BTreeMap<Stage, StageSop> = BTreeMap::new();
    let mut script_seen: HashMap<String, ()> = HashMap::new();
    let mut objection_seen: HashSet<String> = HashSet::new();
    // Where each stage's key is written, to place "stage missing" next to its neighbours.
    let mut key_at: BTreeMap<Stage, usize> = BTreeMap::new();
    for st in raw {
        let stage = match st.key.get_ref().parse::<Stage>() {
            Ok(s) => s,
            Err(e) => {
                r.span(st.key.span(), Problem::Field(e));
                continue;
            }
        };
        if by_stage.contains_key(&stage) {
            r.span(st.key.span(), Problem::StageTwice(stage));
            continue;
        }
        key_at.insert(stage, st.key.span().start);
        let goal = nonempty(r, &st.goal, Part::StageGoal);
        let mut scripts = Vec::new();
        for s in st.script {
            check_id(r, &s.id, Part::ScriptId);
            if script_seen.insert(s.id.get_ref().clone(), ()).is_some() {
                r.span(
                    s.id.span(),
                    Problem::UsedTwice(Part::ScriptId, s.id.get_ref().clone()),
                );
            }
            nonempty(r, &s.text, Part::ScriptText);
            check_placeholders(r, &s.text);
            let requires = s
                .requires
                .as_ref()
                .map(|c| parts::condition(r, c, groups))
                .unwrap_or_default();
            let mut variants = Vec::new();
            for v in s.variant {
                let when = parts::condition(r, &v.when, groups);
                if when.is_empty() {
                    r.span(v.when.span(), Problem::EmptyWhen);
                }
                nonempty(r, &v.text, Part::VariantText);
                check_placeholders(r, &v.text);
                let mut both = requires.clone();
                both.terms.extend(when.terms.iter().cloned());
                super::lint::uncovered(r, &v.text, &both, &[], s.id.get_ref());
                variants.push(Variant {
                    when,
                    text: v.text.into_inner(),
                });
            }
            let alternatives: Vec<Condition> = variants.iter().map(|v| v.when.clone()).collect();
            super::lint::uncovered(r, &s.text, &requires, &alternatives, s.id.get_ref());
            scripts.push(Script {
                id: s.id.into_inner(),
                title: s.title,
                when: s.when,
                text: s.text.into_inner(),
                requires,
                variants,
            });
        }
        let mut objections = Vec::new();
        for o in st.objection {
            check_id(r, &o.id, Part::ObjectionId);
            if !objection_seen.insert(o.id.get_ref().clone()) {
                r.span(
                    o.id.span(),
                    Problem::UsedTwice(Part::ObjectionId, o.id.get_ref().clone()),
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
            nonempty(r, &o.reply, Part::ObjectionReply);
            check_placeholders(r, &o.reply);
            super::lint::uncovered(r, &o.reply, &Condition::default(), &[], o.id.get_ref());
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
            r.at(at, Problem::StageMissing(stage));
        }
    }
    by_stage.into_values().collect()
}

fn steps(
    r: &mut Reporter,
    raw: Vec<RawStep>,
    scripts: &HashSet<String>,
) -> Vec<(CadenceStep, usize)> {
    let mut out = Vec::new();
    for s in raw {
        let after = duration(r, &s.after);
        let action = nonempty(r, &s.action, Part::StepAction);
        script_ref(r, &s.script, scripts);
        out.push((
            CadenceStep {
                after,
                action,
                script: s.script.map(Spanned::into_inner),
            },
            s.after.span().start,
        ));
    }
    out
}

fn cadences(
    r: &mut Reporter,
    raw: BTreeMap<Spanned<String>, RawCadence>,
    scripts: &HashSet<String>,
    dormant_days: u32,
) -> BTreeMap<String, Cadence> {
    let mut out = BTreeMap::new();
    let mut thens: Vec<(String, Spanned<String>)> = Vec::new();
    let dormant = chrono::TimeDelta::days(dormant_days as i64);
    for (id, c) in raw {
        check_id(r, &id, Part::CadenceId);
        let is_dormant = id.get_ref() == "dormant";
        let steps = steps(r, c.steps, scripts);
        let repeat = steps_repeat(r, c.repeat, scripts);
        // A step that waits as long as dormancy would be cut off by it: the contact is
        // handed to reactivation the moment the step falls due.
        for (step, at) in steps.iter().chain(repeat.iter()) {
            if !is_dormant && step.after >= dormant && dormant_days > 0 {
                r.at(
                    *at,
                    Problem::StepOnDormancyLine {
                        wait: format_duration(step.after),
                        dormant_days,
                    },
                );
            }
        }
        let every = c.every.as_ref().map(|e| duration(r, e));
        if let Some(e) = &c.every
            && every == Some(chrono::TimeDelta::zero())
            && parse_duration(e.get_ref()).is_ok()
        {
            r.span(e.span(), Problem::LongerThanZero("every"));
        }
        if steps.is_empty() && repeat.is_empty() && every.is_none() && c.then.is_none() {
            r.span(id.span(), Problem::CadenceEmpty(id.get_ref().clone()));
        }
        if let Some(cap) = &c.max_touches_per_30d
            && *cap.get_ref() == 0
        {
            r.span(cap.span(), Problem::AtLeastOne("max_touches_per_30d"));
        }
        if let Some(g) = &c.give_up_after
            && *g.get_ref() == 0
        {
            r.span(g.span(), Problem::AtLeastOne("give_up_after"));
        }
        if let Some(t) = &c.then {
            thens.push((id.get_ref().clone(), t.clone()));
        }
        out.insert(
            id.into_inner(),
            Cadence {
                steps: steps.into_iter().map(|(s, _)| s).collect(),
                repeat: repeat.into_iter().map(|(s, _)| s).collect(),
                then: c.then.map(Spanned::into_inner),
                every,
                max_touches_per_30d: c.max_touches_per_30d.map(Spanned::into_inner),
                give_up_after: c.give_up_after.map(Spanned::into_inner),
                give_up_action: c
                    .give_up_action
                    .map(|a| nonempty(r, &a, Part::GiveUpAction)),
            },
        );
    }
    for (from, then) in thens {
        if !out.contains_key(then.get_ref()) {
            cadence_ref(r, Some(&then), &out);
            continue;
        }
        // Follow the chain: it must end, not come back.
        let mut at = then.get_ref().clone();
        let mut seen = vec![from.clone()];
        while let Some(next) = out.get(&at).and_then(|c| c.then.clone()) {
            seen.push(at.clone());
            if seen.contains(&next) {
                r.span(then.span(), Problem::CadenceLoop(from.clone()));
                break;
            }
            at = next;
        }
    }
    out
}

/// Repeated steps must each wait a while: otherwise they would all fall due at once.
fn steps_repeat(
    r: &mut Reporter,
    raw: Vec<RawStep>,
    scripts: &HashSet<String>,
) -> Vec<(CadenceStep, usize)> {
    let out = steps(r, raw, scripts);
    for (s, at) in &out {
        if s.after <= chrono::TimeDelta::zero() {
            r.at(*at, Problem::RepeatAtZero);
        }
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
                r.span(g.key.span(), Problem::Field(e));
                continue;
            }
        };
        if out.iter().any(|x| x.grade == grade) {
            r.span(
                g.key.span(),
                Problem::DefinedTwice(Part::Grade, grade.to_string()),
            );
            continue;
        }
        cadence_ref(r, g.cadence.as_ref(), cadences);
        out.push(GradeSop {
            grade,
            name: g.name,
            meaning: g.meaning,
            cadence: g.cadence.map(Spanned::into_inner),
        });
    }
    for grade in Grade::ALL {
        if !out.iter().any(|g| g.grade == grade) {
            r.at(last_span, Problem::GradeMissing(grade));
        }
    }
    out.sort_by_key(|g| g.grade);
    out
}
