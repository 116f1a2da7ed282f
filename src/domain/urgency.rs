//! How urgent a due follow-up is: a sum of named terms, weights from the template.

use super::followup::Track;
use super::sop::Template;
use super::{Contact, Outcome, Tier};
use chrono::{DateTime, Utc};
use serde::Serialize;

/// One term of an urgency score. `name` is its English name, the key scripts read in
/// JSON; `kind` says the same for a front end to word in its own language.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Term {
    pub name: String,
    pub points: f64,
    #[serde(skip)]
    pub kind: TermKind,
}

/// What a term of an urgency score is for.
#[derive(Debug, Clone, PartialEq)]
pub enum TermKind {
    /// Minutes overdue.
    Overdue(i64),
    Tier(Tier),
    Grade(super::Grade),
    /// A buying signal, by the template's id.
    Signal(String),
    Stage(super::Stage),
    FirstResponseLate,
    Rotting,
    Tag(super::TagRef),
}

impl TermKind {
    /// The term's English name, as JSON gives it ("overdue 45m", "grade A").
    pub fn name(&self) -> String {
        match self {
            TermKind::Overdue(minutes) => format!("overdue {}", overdue_label(*minutes)),
            TermKind::Tier(tier) => format!("tier {tier}"),
            TermKind::Grade(g) => format!("grade {g}"),
            TermKind::Signal(id) => format!("signal {id}"),
            TermKind::Stage(stage) => format!("stage {}", stage.key()),
            TermKind::FirstResponseLate => "first response late".into(),
            TermKind::Rotting => "rotting".into(),
            TermKind::Tag(tag) => format!("tag {tag}"),
        }
    }
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

/// A term's name, written out only when asked for: the agenda shows an item's terms only
/// to explain it, and otherwise needs their sum alone.
enum Name<'a> {
    Overdue(i64),
    Tier(Tier),
    Grade(super::Grade),
    Signal(&'a str),
    Stage(super::Stage),
    FirstResponseLate,
    Rotting,
    Tag(&'a super::TagRef),
}

impl Name<'_> {
    fn kind(&self) -> TermKind {
        match self {
            Name::Overdue(minutes) => TermKind::Overdue(*minutes),
            Name::Tier(tier) => TermKind::Tier(*tier),
            Name::Grade(g) => TermKind::Grade(*g),
            Name::Signal(id) => TermKind::Signal(id.to_string()),
            Name::Stage(stage) => TermKind::Stage(*stage),
            Name::FirstResponseLate => TermKind::FirstResponseLate,
            Name::Rotting => TermKind::Rotting,
            Name::Tag(tag) => TermKind::Tag((*tag).clone()),
        }
    }
}

/// What ranks a contact besides its stage: after a win, its customer tier; before, its
/// lead grade (the pre-sale grade says nothing about a customer).
fn standing_term(t: &Template, c: &Contact, tier: Option<Tier>) -> Option<(Name<'static>, f64)> {
    let w = &t.urgency;
    if c.outcome == Outcome::Won {
        let tier = tier?;
        w.tier.get(&tier).map(|p| (Name::Tier(tier), *p))
    } else {
        let g = c.grade?;
        w.grade.get(&g).map(|p| (Name::Grade(g), *p))
    }
}

/// The points of the buying signal a signal item stands for (`step` is the rule's place).
fn signal_term(t: &Template, track: Track, step: u32) -> Option<(Name<'_>, f64)> {
    if track != Track::Signal {
        return None;
    }
    t.signals
        .get(step as usize)
        .map(|s| (Name::Signal(&s.id), s.points))
}

/// The terms of a due item's urgency, in order, each handed to `add` (weights from the
/// template). One list for [`urgency`] and [`urgency_points`], so that they cannot differ.
#[allow(clippy::too_many_arguments)]
fn each_term<'a>(
    t: &'a Template,
    c: &'a Contact,
    track: Track,
    step: u32,
    due: DateTime<Utc>,
    rotting: bool,
    now: DateTime<Utc>,
    mut add: impl FnMut(Name<'a>, f64),
) {
    let w = &t.urgency;
    let overdue = (now - due).num_minutes();
    if overdue > 0 {
        add(
            Name::Overdue(overdue),
            w.per_overdue_day * overdue as f64 / 1440.0,
        );
    }
    if let Some((name, points)) = standing_term(t, c, c.tier) {
        add(name, points);
    }
    if let Some((name, points)) = signal_term(t, track, step) {
        add(name, points);
    }
    if let Some(p) = w.stage.get(&c.stage) {
        add(Name::Stage(c.stage), *p);
    }
    // Late by the same measure as overdue: a whole minute past the limit.
    if track == Track::FirstResponse && overdue > 0 {
        add(Name::FirstResponseLate, w.first_response_breach);
    }
    if rotting {
        add(Name::Rotting, w.rotting);
    }
    for tag in &c.tags {
        if let Some(p) = w.tags.get(&tag.to_string()) {
            add(Name::Tag(tag), *p);
        }
    }
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
    let mut terms = Vec::new();
    each_term(t, c, track, step, due, rotting, now, |name, points| {
        let kind = name.kind();
        terms.push(Term {
            name: kind.name(),
            points,
            kind,
        })
    });
    terms
}

/// `score(&urgency(…))` to the last bit (the same terms, summed the same way), without
/// writing out their names.
pub fn urgency_points(
    t: &Template,
    c: &Contact,
    track: Track,
    step: u32,
    due: DateTime<Utc>,
    rotting: bool,
    now: DateTime<Utc>,
) -> f64 {
    let mut points = Vec::new();
    each_term(t, c, track, step, due, rotting, now, |_, p| points.push(p));
    points.into_iter().sum()
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
    let mut s = standing_term(t, c, tier).map_or(0.0, |x| x.1)
        + signal_term(t, track, step).map_or(0.0, |x| x.1)
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

    proptest::proptest! {
        /// Summed without names, an item's urgency is the named terms' sum to the bit,
        /// negative zero included.
        #[test]
        fn the_points_alone_are_the_named_terms_sum(
            weights in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::strategy::Just(-0.0),
                    proptest::strategy::Just(0.0),
                    -50.0f64..50.0,
                ],
                8,
            ),
            grade in 0usize..5,
            stage in 0usize..5,
            track in 0usize..4,
            tags in proptest::collection::vec(0usize..3, 0..4),
            overdue in -3000i64..3000,
            rotting: bool,
        ) {
            let mut t = crate::domain::fixtures::default_template();
            let u = &mut t.urgency;
            u.per_overdue_day = weights[0];
            u.first_response_breach = weights[1];
            u.rotting = weights[2];
            for (i, p) in u.grade.values_mut().enumerate() {
                *p = weights[3 + i % 2];
            }
            for p in u.stage.values_mut() {
                *p = weights[5];
            }
            u.tags = [("意向/近期购买".to_string(), weights[6]), ("意向/对比观望".to_string(), weights[7])]
                .into();
            let now = DateTime::<Utc>::from_timestamp(1_790_000_000, 0).unwrap();
            let mut c = Contact::blank(1, "甲", now - TimeDelta::days(9));
            c.grade = [None, Some(super::super::Grade::A), Some(super::super::Grade::B),
                Some(super::super::Grade::C), Some(super::super::Grade::D)][grade];
            c.stage = [super::super::Stage::Discover, super::super::Stage::Pitch,
                super::super::Stage::Resolve, super::super::Stage::Close,
                super::super::Stage::Aftercare][stage];
            let names = ["意向/近期购买", "意向/对比观望", "来源/朋友圈"];
            c.tags = tags.iter().map(|&i| names[i].parse().unwrap()).collect();
            let track = [Track::FirstResponse, Track::Cadence, Track::Signal, Track::Grading][track];
            let due = now - TimeDelta::minutes(overdue);
            let named = urgency(&t, &c, track, 0, due, rotting, now);
            let points = urgency_points(&t, &c, track, 0, due, rotting, now);
            proptest::prop_assert_eq!(points.to_bits(), score(&named).to_bits());
        }
    }
}
