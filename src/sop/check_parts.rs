//! Checking the parts of a template beyond stages and cadences: the tag taxonomy and its
//! automatic groups, urgency weights, products, tiers, signals, occasions, appointments.

use super::check::{cadence_ref, check_id, duration, nonempty, script_ref};
use super::diagnostic::Reporter;
use super::problem::{Part, Problem};
use super::raw::*;
use crate::domain::condition::{Condition, Term};
use crate::domain::sop::{
    AppointmentKind, AutoRule, Cadence, Occasion, OccasionKind, Product, ProductKind, Signal,
    TagGroup, UrgencyWeights,
};
use crate::domain::tier::{Tier, TierRule};
use crate::domain::{Grade, Stage, TagRef};
use std::collections::{BTreeMap, HashSet};
use toml::Spanned;

pub(super) fn tag_groups(r: &mut Reporter, raw: Vec<RawTagGroup>) -> Vec<TagGroup> {
    let mut out: Vec<TagGroup> = Vec::new();
    for g in raw {
        nonempty(r, &g.category, Part::TagCategory);
        nonempty(r, &g.group, Part::TagGroup);
        if out.iter().any(|x| x.group == *g.group.get_ref()) {
            r.span(
                g.group.span(),
                Problem::DefinedTwice(Part::TagGroup, g.group.get_ref().clone()),
            );
        }
        let mut tags: Vec<String> = Vec::new();
        for t in &g.tags {
            if t.get_ref().trim().is_empty() || t.get_ref().contains('/') {
                r.span(t.span(), Problem::BadTag);
            } else if tags.contains(t.get_ref()) {
                r.span(
                    t.span(),
                    Problem::ListedTwice(Part::Tag, t.get_ref().clone()),
                );
            }
            tags.push(t.get_ref().clone());
        }
        let (auto, rule) = match &g.auto {
            None | Some(RawAuto::Flag(false)) => (false, None),
            // An automatic group salesbook cannot derive would be a group nobody can set.
            Some(RawAuto::Flag(true)) => {
                r.span(
                    g.group.span(),
                    Problem::AutoNeedsRule(g.group.get_ref().clone()),
                );
                (true, None)
            }
            Some(RawAuto::Rule(rule)) => match rule.parse::<AutoRule>() {
                Ok(rule) => (true, Some(rule)),
                Err(e) => {
                    r.span(g.group.span(), e);
                    (true, None)
                }
            },
        };
        match rule {
            Some(AutoRule::MonthlySpend) if g.bands.len() != tags.len() || tags.is_empty() => {
                r.span(
                    g.group.span(),
                    Problem::BandsPerTag {
                        tags: tags.len(),
                        bands: g.bands.len(),
                    },
                );
            }
            Some(AutoRule::Tier) if tags.len() != 3 => {
                r.span(g.group.span(), Problem::TierGroupOfThree)
            }
            Some(AutoRule::PurchaseCount) if tags.is_empty() => {
                r.span(g.group.span(), Problem::PurchaseCountTags)
            }
            Some(rule) if rule.makes_its_own_tags() && !tags.is_empty() => {
                r.span(g.group.span(), Problem::DatedTags(rule.key()))
            }
            _ => {}
        }
        out.push(TagGroup {
            category: g.category.into_inner(),
            group: g.group.into_inner(),
            tags,
            auto,
            rule,
            bands: g.bands,
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
            Problem::BadWeight {
                value: x,
                max: MAX_WEIGHT,
            },
        );
        0.0
    }
}

pub(super) fn urgency(r: &mut Reporter, u: RawUrgency, groups: &[TagGroup]) -> UrgencyWeights {
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
            Err(e) => r.span(k.span(), Problem::Field(e)),
        }
    }
    for (k, v) in u.tier {
        let v = weight(r, v);
        match k.get_ref().parse::<Tier>() {
            Ok(t) => {
                w.tier.insert(t, v);
            }
            Err(e) => r.span(k.span(), Problem::Field(e)),
        }
    }
    for (k, v) in u.stage {
        let v = weight(r, v);
        match k.get_ref().parse::<Stage>() {
            Ok(s) => {
                w.stage.insert(s, v);
            }
            Err(e) => r.span(k.span(), Problem::Field(e)),
        }
    }
    for (k, v) in u.tags {
        let v = weight(r, v);
        match k.get_ref().parse::<TagRef>() {
            Ok(t) if groups.iter().any(|g| g.contains(&t)) => {
                w.tags.insert(t.to_string(), v);
            }
            Ok(t) => r.span(k.span(), Problem::TagNotInTaxonomy(t.to_string())),
            Err(e) => r.span(k.span(), Problem::Field(e)),
        }
    }
    w
}

fn positive(r: &mut Reporter, v: &Option<Spanned<u32>>, key: &'static str) {
    if let Some(v) = v
        && *v.get_ref() == 0
    {
        r.span(v.span(), Problem::AtLeastOne(key));
    }
}

pub(super) fn products(r: &mut Reporter, raw: Vec<RawProduct>) -> Vec<Product> {
    let mut out: Vec<Product> = Vec::new();
    for p in raw {
        nonempty(r, &p.name, Part::ProductName);
        let key = crate::domain::sop::product_key(p.name.get_ref());
        let clash = out.iter().any(|x| {
            crate::domain::sop::product_key(&x.name) == key
                || x.aliases
                    .iter()
                    .any(|a| crate::domain::sop::product_key(a) == key)
        });
        if clash {
            r.span(
                p.name.span(),
                Problem::DefinedTwice(Part::Product, p.name.get_ref().clone()),
            );
        }
        let cycle = *p.cycle_days.get_ref();
        if cycle == 0 {
            r.span(p.cycle_days.span(), Problem::AtLeastOne("cycle_days"));
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
            r.span(d.span(), Problem::RemindNotBeforeCycle { remind, cycle });
        }
        let kind = match &p.kind {
            None => ProductKind::Goods,
            Some(k) => k.get_ref().parse::<ProductKind>().unwrap_or_else(|e| {
                r.span(k.span(), e);
                ProductKind::Goods
            }),
        };
        positive(r, &p.remind_every_days, "remind_every_days");
        positive(r, &p.sessions, "sessions");
        positive(r, &p.session_every_days, "session_every_days");
        let sessions = p.sessions.as_ref().map(|s| *s.get_ref());
        if let (Some(n), Some(left)) = (sessions, &p.renew_when_left)
            && *left.get_ref() >= n
        {
            r.span(
                left.span(),
                Problem::RenewNotBeforeSessions {
                    left: *left.get_ref(),
                    sessions: n,
                },
            );
        }
        out.push(Product {
            name: p.name.into_inner(),
            aliases: p.aliases,
            kind,
            cycle_days: cycle,
            remind_before_days: remind,
            remind_every_days: p
                .remind_every_days
                .map_or(remind.max(1), Spanned::into_inner),
            sessions,
            session_every_days: p.session_every_days.map_or(7, Spanned::into_inner),
            renew_when_left: p.renew_when_left.map_or(1, Spanned::into_inner),
        });
    }
    out
}

pub(super) fn tiers(
    r: &mut Reporter,
    raw: Vec<RawTier>,
    cadences: &BTreeMap<String, Cadence>,
) -> Vec<TierRule> {
    let mut out: Vec<TierRule> = Vec::new();
    for t in raw {
        let tier = match t.key.get_ref().parse::<Tier>() {
            Ok(x) => x,
            Err(e) => {
                r.span(t.key.span(), Problem::Field(e));
                continue;
            }
        };
        if out.iter().any(|x| x.tier == tier) {
            r.span(
                t.key.span(),
                Problem::DefinedTwice(Part::Tier, tier.to_string()),
            );
            continue;
        }
        cadence_ref(r, t.cadence.as_ref(), cadences);
        out.push(TierRule {
            tier,
            name: t.name,
            meaning: t.meaning,
            min_purchases: t.min_purchases,
            min_amount_cents: t.min_amount.map(|y| (y * 100.0).round() as i64),
            min_inbound: t.min_inbound,
            cadence: t.cadence.map(Spanned::into_inner),
        });
    }
    out.sort_by_key(|t| t.tier);
    out
}

pub(super) fn signals(
    r: &mut Reporter,
    raw: Vec<RawSignal>,
    scripts: &HashSet<String>,
) -> Vec<Signal> {
    let mut out: Vec<Signal> = Vec::new();
    for s in raw {
        check_id(r, &s.id, Part::SignalId);
        if out.iter().any(|x| x.id == *s.id.get_ref()) {
            r.span(
                s.id.span(),
                Problem::DefinedTwice(Part::Signal, s.id.get_ref().clone()),
            );
        }
        let name = nonempty(r, &s.name, Part::SignalName);
        let keywords: Vec<String> = s
            .keywords
            .into_iter()
            .map(|k| k.trim().to_string())
            .filter(|k| !k.is_empty())
            .collect();
        positive(r, &s.streak_days, "streak_days");
        if keywords.is_empty() && s.streak_days.is_none() {
            r.span(s.id.span(), Problem::SignalNeedsTrigger);
        }
        let window = duration(r, &s.window);
        if window <= chrono::TimeDelta::zero() {
            r.span(s.window.span(), Problem::LongerThanZero("window"));
        }
        script_ref(r, &s.script, scripts);
        out.push(Signal {
            id: s.id.into_inner(),
            name,
            keywords,
            streak_days: s.streak_days.map(Spanned::into_inner),
            points: s.points,
            window,
            action: nonempty(r, &s.action, Part::SignalAction),
            script: s.script.map(Spanned::into_inner),
        });
    }
    out
}

/// How far ahead of a birthday or anniversary its reminder may come.
const MAX_AHEAD_DAYS: u32 = 60;

pub(super) fn occasions(
    r: &mut Reporter,
    raw: Vec<RawOccasion>,
    scripts: &HashSet<String>,
) -> Vec<Occasion> {
    let mut out: Vec<Occasion> = Vec::new();
    for o in raw {
        let kind = match o.kind.get_ref().as_str() {
            "birthday" => OccasionKind::Birthday,
            "anniversary" => OccasionKind::Anniversary,
            other => {
                r.span(o.kind.span(), Problem::UnknownOccasion(other.to_string()));
                continue;
            }
        };
        if out.iter().any(|x| x.kind == kind) {
            r.span(
                o.kind.span(),
                Problem::DefinedTwice(Part::Occasion, o.kind.get_ref().clone()),
            );
        }
        script_ref(r, &o.script, scripts);
        if o.ahead_days > MAX_AHEAD_DAYS {
            r.span(o.kind.span(), Problem::AheadDaysMax(MAX_AHEAD_DAYS));
        }
        out.push(Occasion {
            kind,
            action: nonempty(r, &o.action, Part::OccasionAction),
            script: o.script.map(Spanned::into_inner),
            ahead_days: o.ahead_days.min(MAX_AHEAD_DAYS),
        });
    }
    out
}

pub(super) fn appointments(
    r: &mut Reporter,
    raw: Vec<RawAppointment>,
    scripts: &HashSet<String>,
) -> Vec<AppointmentKind> {
    let mut out: Vec<AppointmentKind> = Vec::new();
    for a in raw {
        check_id(r, &a.kind, Part::AppointmentKind);
        if out.iter().any(|x| x.kind == *a.kind.get_ref()) {
            r.span(
                a.kind.span(),
                Problem::DefinedTwice(Part::AppointmentKind, a.kind.get_ref().clone()),
            );
        }
        for s in [&a.reminder_script, &a.no_show_script, &a.follow_script] {
            script_ref(r, s, scripts);
        }
        let remind = a.remind.as_ref().map(|d| duration(r, d));
        let follow_after = a.follow_after.as_ref().map(|d| duration(r, d));
        out.push(AppointmentKind {
            kind: a.kind.into_inner(),
            name: nonempty(r, &a.name, Part::AppointmentName),
            remind,
            reminder_script: a.reminder_script.map(Spanned::into_inner),
            no_show_action: a.no_show_action,
            no_show_script: a.no_show_script.map(Spanned::into_inner),
            follow_after,
            follow_action: a.follow_action,
            follow_script: a.follow_script.map(Spanned::into_inner),
        });
    }
    out
}

/// A condition (`requires`, a variant's `when`), or an error at it. A tag it names must be
/// in the taxonomy (`groups`): a misspelt one would hide the script from every contact.
pub(super) fn condition(r: &mut Reporter, v: &Spanned<String>, groups: &[TagGroup]) -> Condition {
    let c = Condition::parse(v.get_ref()).unwrap_or_else(|e| {
        r.span(v.span(), e);
        Condition::default()
    });
    for (_, term) in &c.terms {
        let Term::Tag { group, tag } = term else {
            continue;
        };
        let known = match tag {
            Some(t) => groups.iter().any(|g| {
                g.contains(&TagRef {
                    group: group.clone(),
                    tag: t.clone(),
                })
            }),
            None => groups.iter().any(|g| g.group == *group),
        };
        if !known {
            let shown = match tag {
                Some(t) => format!("{group}/{t}"),
                None => group.clone(),
            };
            r.span(v.span(), Problem::TagNotInTaxonomy(shown));
        }
    }
    c
}
