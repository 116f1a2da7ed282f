//! How urgent a due follow-up is: a sum of named terms, weights from the template.

use super::followup::Track;
use super::sop::Template;
use super::{Contact, Outcome, Tier};
use chrono::{DateTime, Utc};
use serde::Serialize;

/// One term of an urgency score.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Term {
    pub name: String,
    pub points: f64,
}

/// "45m", "2.5h", "3.0d": how long an item is overdue, in the unit that reads best.
pub fn overdue_label(minutes: i64) -> String {
    if minutes < 60 {
        format!("{minutes}m")
    } else if minutes < 1440 {
        format!("{:.1}h", minutes as f64 / 60.0)
    } else {
        format!("{:.1}d", minutes as f64 / 1440.0)
    }
}

/// What ranks a contact besides its stage: after a win, its customer tier; before, its
/// lead grade (the pre-sale grade says nothing about a customer).
fn standing_term(t: &Template, c: &Contact, tier: Option<Tier>) -> Option<Term> {
    let w = &t.urgency;
    if c.outcome == Outcome::Won {
        let tier = tier?;
        w.tier.get(&tier).map(|p| Term {
            name: format!("tier {tier}"),
            points: *p,
        })
    } else {
        let g = c.grade?;
        w.grade.get(&g).map(|p| Term {
            name: format!("grade {g}"),
            points: *p,
        })
    }
}

/// The points of the buying signal a signal item stands for (`step` is the rule's place).
fn signal_term(t: &Template, track: Track, step: u32) -> Option<Term> {
    if track != Track::Signal {
        return None;
    }
    t.signals.get(step as usize).map(|s| Term {
        name: format!("signal {}", s.id),
        points: s.points,
    })
}

/// The urgency of a due item, as the sum of named terms (weights from the template).
pub fn urgency(
    t: &Template,
    c: &Contact,
    track: Track,
    step: u32,
    due: DateTime<Utc>,
    rotting: bool,
    now: DateTime<Utc>,
) -> Vec<Term> {
    let w = &t.urgency;
    let mut terms = Vec::new();
    let overdue = (now - due).num_minutes();
    if overdue > 0 {
        terms.push(Term {
            name: format!("overdue {}", overdue_label(overdue)),
            points: w.per_overdue_day * overdue as f64 / 1440.0,
        });
    }
    terms.extend(standing_term(t, c, c.tier));
    terms.extend(signal_term(t, track, step));
    if let Some(p) = w.stage.get(&c.stage) {
        terms.push(Term {
            name: format!("stage {}", c.stage.key()),
            points: *p,
        });
    }
    // Late by the same measure as overdue: a whole minute past the limit.
    if track == Track::FirstResponse && overdue > 0 {
        terms.push(Term {
            name: "first response late".into(),
            points: w.first_response_breach,
        });
    }
    if rotting {
        terms.push(Term {
            name: "rotting".into(),
            points: w.rotting,
        });
    }
    for tag in &c.tags {
        if let Some(p) = w.tags.get(&tag.to_string()) {
            terms.push(Term {
                name: format!("tag {tag}"),
                points: *p,
            });
        }
    }
    terms
}

/// The part of the urgency that does not depend on "now": grade (or, for a customer, the
/// tier `tier`), signal, stage, tags, and for a first reply its breach; minus the overdue
/// rate times the due time. Then `urgency(now) = score_base + per_overdue_day × now` (in
/// days) for every overdue item, so sorting by `score_base` sorts by urgency whatever the
/// time.
pub fn score_base(
    t: &Template,
    c: &Contact,
    tier: Option<Tier>,
    track: Track,
    step: u32,
    due: DateTime<Utc>,
) -> f64 {
    let w = &t.urgency;
    let mut s = standing_term(t, c, tier).map_or(0.0, |x| x.points)
        + signal_term(t, track, step).map_or(0.0, |x| x.points)
        + w.stage.get(&c.stage).copied().unwrap_or(0.0)
        + c.tags
            .iter()
            .filter_map(|tag| w.tags.get(&tag.to_string()))
            .sum::<f64>();
    if track == Track::FirstResponse {
        s += w.first_response_breach;
    }
    s - w.per_overdue_day * due.timestamp() as f64 / 86_400.0
}

/// The agenda's ranking key: an item's urgency at `now` from its `score_base`, `rot_from`
/// and the weights — overdue (a whole minute past due) `score_base + rate × now`; not yet,
/// its standing alone (`score_base + rate × due`, less the breach a first reply earns only
/// once late); plus the rotting weight once its contact rots. The store ranks rows in SQL
/// by the same formula, in the same order of operations on whole seconds, so both agree to
/// the last bit (`store::followups::rank_key`).
pub fn rank_key(
    t: &Template,
    track: Track,
    score_base: f64,
    due: DateTime<Utc>,
    rot_from: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> f64 {
    let w = &t.urgency;
    let (now_s, due_s) = (now.timestamp(), due.timestamp());
    let key = if due_s <= now_s - 60 {
        score_base + w.per_overdue_day * now_s as f64 / 86_400.0
    } else if track == Track::FirstResponse {
        score_base + w.per_overdue_day * due_s as f64 / 86_400.0 - w.first_response_breach
    } else {
        score_base + w.per_overdue_day * due_s as f64 / 86_400.0
    };
    match rot_from {
        Some(r) if r.timestamp() <= now_s => key + w.rotting,
        _ => key,
    }
}

pub fn score(terms: &[Term]) -> f64 {
    terms.iter().map(|t| t.points).sum()
}

/// The agenda's order of `(rank key, due, id)`: most urgent first, then the earlier due,
/// then the lower id. A total order (a zero that rounded from a small negative is zero), so the
/// ranking never depends on the order items came in.
pub fn rank_cmp(a: (f64, DateTime<Utc>, i64), b: (f64, DateTime<Utc>, i64)) -> std::cmp::Ordering {
    (b.0 + 0.0)
        .total_cmp(&(a.0 + 0.0))
        .then(a.1.cmp(&b.1))
        .then(a.2.cmp(&b.2))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeDelta;
    use std::cmp::Ordering;

    #[test]
    fn rank_cmp_puts_the_higher_key_first_then_the_earlier_due_then_the_lower_id() {
        let t0 = DateTime::<Utc>::from_timestamp(1_780_000_000, 0).unwrap();
        let later = t0 + TimeDelta::hours(1);
        // The key decides, whatever the due and id.
        assert_eq!(rank_cmp((2.5, later, 9), (1.5, t0, 1)), Ordering::Less);
        assert_eq!(rank_cmp((-1.0, t0, 1), (0.5, later, 9)), Ordering::Greater);
        // Equal keys: the earlier due, then the lower id.
        assert_eq!(rank_cmp((1.0, t0, 9), (1.0, later, 1)), Ordering::Less);
        assert_eq!(rank_cmp((1.0, t0, 2), (1.0, t0, 1)), Ordering::Greater);
        assert_eq!(rank_cmp((1.0, t0, 1), (1.0, t0, 1)), Ordering::Equal);
    }

    #[test]
    fn a_negative_zero_key_ties_with_zero() {
        let t0 = DateTime::<Utc>::from_timestamp(1_780_000_000, 0).unwrap();
        // A key that rounded to −0.0 ranks as 0.0: the id decides, from either side.
        assert_eq!(rank_cmp((-0.0, t0, 1), (0.0, t0, 2)), Ordering::Less);
        assert_eq!(rank_cmp((0.0, t0, 2), (-0.0, t0, 1)), Ordering::Greater);
    }
}
