//! How urgent a due follow-up is: a sum of named terms, weights from the template.

use super::Contact;
use super::followup::Track;
use super::sop::Template;
use chrono::{DateTime, Utc};
use serde::Serialize;

/// One term of an urgency score.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Term {
    pub name: String,
    pub points: f64,
}

/// The urgency of a due item, as the sum of named terms (weights from the template).
pub fn urgency(
    t: &Template,
    c: &Contact,
    track: Track,
    due: DateTime<Utc>,
    rotting: bool,
    now: DateTime<Utc>,
) -> Vec<Term> {
    let w = &t.urgency;
    let mut terms = Vec::new();
    let overdue = (now - due).num_minutes();
    if overdue > 0 {
        let label = if overdue < 60 {
            format!("{overdue}m")
        } else if overdue < 1440 {
            format!("{:.1}h", overdue as f64 / 60.0)
        } else {
            format!("{:.1}d", overdue as f64 / 1440.0)
        };
        terms.push(Term {
            name: format!("overdue {label}"),
            points: w.per_overdue_day * overdue as f64 / 1440.0,
        });
    }
    if let Some(g) = c.grade
        && let Some(p) = w.grade.get(&g)
    {
        terms.push(Term {
            name: format!("grade {g}"),
            points: *p,
        });
    }
    if let Some(p) = w.stage.get(&c.stage) {
        terms.push(Term {
            name: format!("stage {}", c.stage.key()),
            points: *p,
        });
    }
    if track == Track::FirstResponse && now > due {
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

/// The part of the urgency that does not depend on "now": grade, stage, tags, and for a
/// first reply its breach; minus the overdue rate times the due time. Then
/// `urgency(now) = score_base + per_overdue_day × now` (in days) for every overdue item, so
/// sorting by `score_base` sorts by urgency whatever the time.
pub fn score_base(t: &Template, c: &Contact, track: Track, due: DateTime<Utc>) -> f64 {
    let w = &t.urgency;
    let mut s = c
        .grade
        .and_then(|g| w.grade.get(&g))
        .copied()
        .unwrap_or(0.0)
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

pub fn score(terms: &[Term]) -> f64 {
    terms.iter().map(|t| t.points).sum()
}

/// The agenda's order of `(urgency, due, id)`: most urgent first, then the earlier due, then
/// the lower id. A total order (a zero that rounded from a small negative is zero), so the
/// ranking never depends on the order items came in.
pub fn rank_cmp(a: (f64, DateTime<Utc>, i64), b: (f64, DateTime<Utc>, i64)) -> std::cmp::Ordering {
    (b.0 + 0.0)
        .total_cmp(&(a.0 + 0.0))
        .then(a.1.cmp(&b.1))
        .then(a.2.cmp(&b.2))
}
