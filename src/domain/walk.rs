//! A contact's main rhythm, found by walking its history: the grade's cadence for a lead
//! (its steps, then its repeating tail), after-sale care then the tier's rhythm for a
//! customer, and once nothing has happened for the dormancy threshold, reactivation — at
//! most the template's touches per 30 days, ended by the customer's answer, given up after
//! the template's number of unanswered attempts.
//!
//! The rep's touches complete steps; the customer's own activity (inbound) keeps the
//! contact from going dormant and brings a dormant one back.

use super::Outcome;
use super::condition::Subject;
use super::followup::{Facts, MIN_GAP, Planned, Track, local_day};
use super::sop::{CadenceStep, Template};
use chrono::{DateTime, FixedOffset, TimeDelta, Utc};

const WINDOW: TimeDelta = TimeDelta::days(30);

/// Where the walk through a contact's history ended.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Mode {
    /// On the cadence at `step`, the last step completed at `anchor`; the contact was last
    /// active (either side) at `active`.
    Cadence {
        step: u32,
        anchor: DateTime<Utc>,
        active: DateTime<Utc>,
    },
    /// Nothing left to do but wait: dormant at `since` + the threshold.
    Idle { since: DateTime<Utc> },
    /// Dormant since `start`; `attempts` wake-up touches so far, the last at `anchor`.
    Waking {
        start: DateTime<Utc>,
        attempts: u32,
        anchor: DateTime<Utc>,
    },
    /// Too many attempts went unanswered; `closed` once the rep dealt with the suggestion.
    GaveUp {
        start: DateTime<Utc>,
        attempts: u32,
        anchor: DateTime<Utc>,
        closed: bool,
    },
}

/// Where a contact stands on reactivation, for its lifecycle.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Standing {
    /// When the contact goes (or went) dormant if nothing happens; `None` once waking.
    pub dormant_at: Option<DateTime<Utc>>,
    pub wake: Option<Wake>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Wake {
    pub since: DateTime<Utc>,
    pub attempts: u32,
    pub gave_up: bool,
}

/// The rhythm a contact follows, and where it starts.
struct Rhythm {
    track: Track,
    /// The steps, those whose script does not apply to the contact left out.
    steps: Vec<CadenceStep>,
    tail: Vec<CadenceStep>,
    start: DateTime<Utc>,
}

fn applies(t: &Template, s: &CadenceStep, who: &dyn Subject) -> bool {
    s.script
        .as_deref()
        .and_then(|id| t.script(id))
        .is_none_or(|(_, script)| script.requires.holds(who))
}

fn rhythm(t: &Template, f: &Facts, who: &dyn Subject) -> Option<Rhythm> {
    let c = f.contact;
    let first_touch = f.touches.first().copied();
    let keep = |steps: &[CadenceStep]| -> Vec<CadenceStep> {
        steps
            .iter()
            .filter(|s| applies(t, s, who))
            .cloned()
            .collect()
    };
    match (c.outcome, f.won_at, first_touch) {
        // A win starts after-sale care from the win, whether the contact was ever touched
        // or not: the care that fits what was bought (`aftercare-<kind>`), then the tier's.
        (Outcome::Won, Some(won), _) => {
            let kind = who.kind().map(|k| format!("aftercare-{}", k.key()));
            let cadence = kind
                .and_then(|k| t.cadences.get(&k))
                .or_else(|| t.cadences.get("aftercare"));
            let tier_cadence = who
                .tier()
                .and_then(|tier| t.tier(tier))
                .and_then(|r| r.cadence.as_deref())
                .and_then(|id| t.cadences.get(id));
            let tail: Vec<CadenceStep> = match (tier_cadence, cadence) {
                (Some(tc), _) => tc.steps.iter().cloned().chain(t.tail(tc)).collect(),
                (None, Some(c)) => t.tail(c),
                (None, None) => Vec::new(),
            };
            Some(Rhythm {
                track: Track::Aftercare,
                steps: cadence.map(|c| keep(&c.steps)).unwrap_or_default(),
                tail: keep(&tail),
                start: won,
            })
        }
        // A lead's cadence starts at the first touch, and again on a new grade or stage.
        (_, _, Some(first)) => {
            let cadence = c
                .grade
                .and_then(|g| t.grade(g))
                .and_then(|g| g.cadence.as_deref())
                .and_then(|id| t.cadences.get(id));
            Some(Rhythm {
                track: Track::Cadence,
                steps: cadence.map(|c| keep(&c.steps)).unwrap_or_default(),
                tail: cadence.map(|c| keep(&t.tail(c))).unwrap_or_default(),
                start: f.grade_since.max(f.stage_since).max(first),
            })
        }
        _ => None,
    }
}

/// What happened, in time order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Event {
    /// The customer's own activity (sorted first at the same instant).
    Inbound,
    /// A touch, or an explicit done/skip on the main track (`true`).
    Advance(bool),
}

/// Completions after `start`: touches, and explicit done/skip on this track. A `done` is a
/// close and a touch at the same instant: one completion, not two. A close at the very
/// instant the track started (done within the second the grade was set) still counts.
fn events(f: &Facts, track: Track, start: DateTime<Utc>) -> Vec<(DateTime<Utc>, Event)> {
    let explicit: Vec<DateTime<Utc>> = f
        .closed
        .iter()
        .filter(|c| (c.track == track || c.track == Track::Reactivation) && c.at >= start)
        .map(|c| c.at)
        .collect();
    let mut touches: Vec<DateTime<Utc>> =
        f.touches.iter().copied().filter(|t| *t > start).collect();
    for at in &explicit {
        if let Some(i) = touches.iter().position(|t| t == at) {
            touches.remove(i);
        }
    }
    let mut ev: Vec<(DateTime<Utc>, Event)> = touches
        .into_iter()
        .map(|t| (t, Event::Advance(false)))
        .chain(explicit.into_iter().map(|at| (at, Event::Advance(true))))
        .chain(
            f.inbound
                .iter()
                .filter(|i| i.at > start)
                .map(|i| (i.at, Event::Inbound)),
        )
        .collect();
    ev.sort();
    ev
}

/// Walks the history along the rhythm.
fn walk(t: &Template, f: &Facts, r: &Rhythm, offset: FixedOffset) -> Mode {
    let dormant = TimeDelta::days(t.lifecycle.dormant_after_days as i64);
    let give_up = t.cadences.get("dormant").and_then(|c| c.give_up_after);
    let len = r.steps.len() as u32;
    let has_tail = !r.tail.is_empty();
    // Answered after going quiet: back on the rhythm (its tail, else from the start).
    let resume = |at: DateTime<Utc>| {
        if len > 0 || has_tail {
            Mode::Cadence {
                step: if has_tail { len } else { 0 },
                anchor: at,
                active: at,
            }
        } else {
            Mode::Idle { since: at }
        }
    };
    let mut mode = if len > 0 || has_tail {
        Mode::Cadence {
            step: 0,
            anchor: r.start,
            active: r.start,
        }
    } else {
        Mode::Idle { since: r.start }
    };
    for (at, ev) in events(f, r.track, r.start) {
        mode = match (mode, ev) {
            (Mode::Cadence { active, .. }, Event::Advance(_)) if at >= active + dormant => {
                // Left idle past dormancy: this touch is the first wake-up attempt.
                waking(active + dormant, 1, at, give_up)
            }
            (Mode::Cadence { step, anchor, .. }, Event::Advance(explicit)) => {
                // Several touches in one conversation complete one step, not several.
                let advances =
                    explicit || step == 0 || local_day(at, offset) != local_day(anchor, offset);
                let step = if advances { step + 1 } else { step };
                if step >= len && !has_tail {
                    Mode::Idle { since: at }
                } else {
                    Mode::Cadence {
                        step,
                        anchor: at,
                        active: at,
                    }
                }
            }
            (
                Mode::Cadence {
                    step,
                    anchor,
                    active,
                },
                Event::Inbound,
            ) => {
                if at >= active + dormant {
                    // Dormant, and the customer came back on their own.
                    Mode::Cadence {
                        step,
                        anchor: at,
                        active: at,
                    }
                } else {
                    Mode::Cadence {
                        step,
                        anchor,
                        active: active.max(at),
                    }
                }
            }
            (Mode::Idle { since }, Event::Advance(_)) if at >= since + dormant => {
                waking(since + dormant, 1, at, give_up)
            }
            (Mode::Idle { since }, _) => Mode::Idle {
                since: since.max(at),
            },
            (
                Mode::Waking {
                    start, attempts, ..
                },
                Event::Advance(_),
            ) => waking(start, attempts + 1, at, give_up),
            (
                Mode::GaveUp {
                    start,
                    attempts,
                    closed,
                    ..
                },
                Event::Advance(explicit),
            ) => Mode::GaveUp {
                start,
                attempts: attempts + 1,
                anchor: at,
                closed: closed || explicit,
            },
            (Mode::Waking { .. } | Mode::GaveUp { .. }, Event::Inbound) => resume(at),
        };
    }
    mode
}

fn waking(start: DateTime<Utc>, attempts: u32, at: DateTime<Utc>, give_up: Option<u32>) -> Mode {
    if give_up.is_some_and(|n| attempts >= n) {
        Mode::GaveUp {
            start,
            attempts,
            anchor: at,
            closed: false,
        }
    } else {
        Mode::Waking {
            start,
            attempts,
            anchor: at,
        }
    }
}

/// The contact's main rhythm as planned items; `None` when it has none yet.
pub(super) fn main_track(
    t: &Template,
    f: &Facts,
    who: &dyn Subject,
    offset: FixedOffset,
) -> Option<Vec<Planned>> {
    let r = rhythm(t, f, who)?;
    let dormant = TimeDelta::days(t.lifecycle.dormant_after_days as i64);
    let mode = walk(t, f, &r, offset);
    let mut out = Vec::new();
    match mode {
        Mode::Cadence {
            step,
            anchor,
            active,
        } => {
            // Left alone, this rhythm is abandoned for reactivation at dormancy: both are
            // planned now, the cadence item expiring where reactivation begins.
            let dormant_at = active + dormant;
            out.extend(wake_step(t, f, who, dormant_at, 0, dormant_at));
            let len = r.steps.len();
            let pick = match (step as usize) < len {
                true => r.steps.get(step as usize),
                false if r.tail.is_empty() => None,
                false => r.tail.get((step as usize - len) % r.tail.len()),
            };
            if let Some(s) = pick {
                let min_gap = if step == 0 {
                    TimeDelta::zero()
                } else {
                    MIN_GAP
                };
                let due = anchor + s.after.max(min_gap);
                if due < dormant_at {
                    let action = if s.action.is_empty() {
                        r.track.zh().to_string()
                    } else {
                        s.action.clone()
                    };
                    let mut p = Planned::new(r.track, step, due, action);
                    p.script = s.script.clone();
                    p.expires = Some(dormant_at);
                    out.push(p);
                }
            }
        }
        Mode::Idle { since } => {
            out.extend(wake_step(t, f, who, since + dormant, 0, since + dormant));
        }
        Mode::Waking {
            start,
            attempts,
            anchor,
        } => out.extend(wake_step(t, f, who, start, attempts, anchor)),
        Mode::GaveUp {
            start,
            attempts,
            anchor,
            closed: false,
        } => {
            // The day after the last unanswered attempt: suggest marking the contact lost.
            let action = t
                .cadences
                .get("dormant")
                .and_then(|c| c.give_up_action.clone())
                .unwrap_or_else(|| Track::Reactivation.zh().to_string());
            // Not a message to the customer: the cap does not apply.
            let due = anchor + TimeDelta::days(1);
            let mut p = Planned::new(Track::Reactivation, attempts, due, action);
            p.starts = Some(start);
            out.push(p);
        }
        Mode::GaveUp { .. } => {}
    }
    Some(out)
}

/// The wake-up step `step` of a contact dormant since `start`, the last attempt at `anchor`.
fn wake_step(
    t: &Template,
    f: &Facts,
    who: &dyn Subject,
    start: DateTime<Utc>,
    step: u32,
    anchor: DateTime<Utc>,
) -> Option<Planned> {
    let c = t.cadences.get("dormant")?;
    // Only steps whose script fits the contact: no expiring benefit without one.
    let mut steps: Vec<CadenceStep> = c
        .steps
        .iter()
        .filter(|s| applies(t, s, who))
        .cloned()
        .collect();
    let tail: Vec<CadenceStep> = t
        .tail(c)
        .into_iter()
        .filter(|s| applies(t, s, who))
        .collect();
    if steps.is_empty() && tail.is_empty() {
        steps = c.steps.clone();
    }
    let pick = |i: usize| -> Option<&CadenceStep> {
        if i < steps.len() {
            steps.get(i)
        } else if tail.is_empty() {
            steps.last()
        } else {
            tail.get((i - steps.len()) % tail.len())
        }
    };
    let mut due = if step == 0 {
        start
    } else {
        let after = pick(step as usize).map_or(TimeDelta::days(15), |s| s.after);
        anchor + after.max(MIN_GAP)
    };
    if let Some(cap) = c.max_touches_per_30d {
        let attempts: Vec<DateTime<Utc>> =
            f.touches.iter().copied().filter(|x| *x >= start).collect();
        due = respect_cap(due, &attempts, cap as usize);
    }
    let chosen = pick(step as usize);
    let mut p = Planned::new(
        Track::Reactivation,
        step,
        due,
        chosen.map_or_else(
            || Track::Reactivation.zh().to_string(),
            |s| s.action.clone(),
        ),
    );
    p.script = chosen.and_then(|s| s.script.clone());
    p.starts = Some(start);
    Some(p)
}

/// Where the contact stands on reactivation (for its lifecycle): when it goes dormant if
/// nothing happens, or how waking it has gone.
pub fn standing(t: &Template, f: &Facts, who: &dyn Subject, offset: FixedOffset) -> Standing {
    let dormant = TimeDelta::days(t.lifecycle.dormant_after_days as i64);
    let Some(r) = rhythm(t, f, who) else {
        // Never touched: dormant counts from creation (and the customer's own activity).
        let last = f
            .inbound
            .last()
            .map_or(f.contact.created_at, |i| i.at.max(f.contact.created_at));
        return Standing {
            dormant_at: Some(last + dormant),
            wake: None,
        };
    };
    match walk(t, f, &r, offset) {
        Mode::Cadence { active, .. } => Standing {
            dormant_at: Some(active + dormant),
            wake: None,
        },
        Mode::Idle { since } => Standing {
            dormant_at: Some(since + dormant),
            wake: None,
        },
        Mode::Waking {
            start, attempts, ..
        } => waking_standing(start, attempts, false),
        Mode::GaveUp {
            start, attempts, ..
        } => waking_standing(start, attempts, true),
    }
}

fn waking_standing(since: DateTime<Utc>, attempts: u32, gave_up: bool) -> Standing {
    Standing {
        dormant_at: None,
        wake: Some(Wake {
            since,
            attempts,
            gave_up,
        }),
    }
}

/// Moves `due` later until the 30 days before it hold fewer than `cap` touches, so the
/// plan never asks for more contact than the cap allows.
pub fn respect_cap(mut due: DateTime<Utc>, touches: &[DateTime<Utc>], cap: usize) -> DateTime<Utc> {
    if cap == 0 {
        return due;
    }
    loop {
        let window: Vec<&DateTime<Utc>> = touches
            .iter()
            .filter(|t| **t > due - WINDOW && **t <= due)
            .collect();
        if window.len() < cap {
            return due;
        }
        // Wait until the oldest touch in the window drops out of it.
        due = *window[0] + WINDOW + TimeDelta::seconds(1);
    }
}

/// Wake-up touches in the 30 days up to `now` beyond the reactivation cap (0 when within
/// it). Only touches since the contact went dormant (`since`) count: a lead who simply
/// followed its weekly cadence is no harassment case.
pub fn touches_over_cap(
    t: &Template,
    touches: &[DateTime<Utc>],
    since: DateTime<Utc>,
    now: DateTime<Utc>,
) -> usize {
    let Some(cap) = t
        .cadences
        .get("dormant")
        .and_then(|c| c.max_touches_per_30d)
    else {
        return 0;
    };
    let n = touches
        .iter()
        .filter(|x| **x >= since && **x > now - WINDOW && **x <= now)
        .count();
    n.saturating_sub(cap as usize)
}

#[cfg(test)]
mod tests {
    //! The walk against the built-in default template, reshaped where a rule only shows on
    //! another shape of cadence: a cadence with no tail, a dormancy threshold one step
    //! long, wake-up steps past the ones the template lists.
    use super::*;
    use crate::domain::Grade;
    use crate::domain::fixtures::{History, at, cn, default_template};
    use crate::domain::followup::{Inbound, plan_full};
    use crate::domain::script_values::ScriptValues;

    fn t0() -> DateTime<Utc> {
        at("2026-03-02T10:00:00+08:00")
    }

    fn days(n: i64) -> TimeDelta {
        TimeDelta::days(n)
    }

    /// A lead created at `t0`, graded `grade` then, first touched at `t0`.
    fn lead(grade: Option<Grade>) -> History {
        let mut h = History::new(t0());
        h.contact.grade = grade;
        h.touches.push(t0());
        h
    }

    /// The plan's items on `track`.
    fn on(t: &Template, h: &History, track: Track) -> Vec<Planned> {
        plan_full(t, &h.facts(), cn())
            .into_iter()
            .filter(|p| p.track == track)
            .collect()
    }

    fn standing_of(t: &Template, h: &History) -> Standing {
        let f = h.facts();
        let who = ScriptValues::new(t, f.contact, None, f.last_purchase());
        standing(t, &f, &who, cn())
    }

    /// The default template with grade A's cadence ending after its steps (no `then`).
    fn a_without_tail() -> Template {
        let mut t = default_template();
        let a = t.cadences.get_mut("grade-a").expect("grade-a");
        a.then = None;
        a.repeat.clear();
        a.every = None;
        assert!(t.tail(&t.cadences["grade-a"]).is_empty());
        t
    }

    #[test]
    fn a_cadence_without_a_tail_plans_each_step_then_goes_idle() {
        let t = a_without_tail();
        let steps = t.cadences["grade-a"].steps.clone();
        assert_eq!(steps.len(), 4);
        let mut h = lead(Some(Grade::A));
        // The first touch starts the cadence: its first step is planned from it.
        let first = on(&t, &h, Track::Cadence);
        assert_eq!(first.len(), 1, "{first:?}");
        assert_eq!(first[0].step, 0);
        assert_eq!(first[0].due, t0() + steps[0].after);
        assert_eq!(first[0].action, steps[0].action);
        // Each touch on a new day completes one step; the next is planned from it.
        for (n, step) in steps.iter().enumerate().skip(1) {
            let touched = t0() + days(n as i64);
            h.touches.push(touched);
            let items = on(&t, &h, Track::Cadence);
            assert_eq!(items.len(), 1, "after {n} steps: {items:?}");
            assert_eq!(items[0].step, n as u32);
            assert_eq!(items[0].due, touched + step.after.max(MIN_GAP));
            assert_eq!(items[0].action, step.action);
            assert_eq!(items[0].expires, Some(touched + days(30)));
        }
        // The last step done: nothing left on the cadence, only waking at dormancy.
        let last = t0() + days(4);
        h.touches.push(last);
        assert!(on(&t, &h, Track::Cadence).is_empty());
        let wake = on(&t, &h, Track::Reactivation);
        assert_eq!(wake.len(), 1, "{wake:?}");
        assert_eq!((wake[0].step, wake[0].due), (0, last + days(30)));
        assert_eq!(standing_of(&t, &h).dormant_at, Some(last + days(30)));
    }

    #[test]
    fn an_answer_to_a_wake_up_restarts_a_cadence_without_a_tail() {
        let t = a_without_tail();
        let steps = t.cadences["grade-a"].steps.clone();
        let mut h = lead(Some(Grade::A));
        // Idle past dormancy, one wake-up touch, then the customer answers.
        h.touches.push(t0() + days(31));
        assert!(on(&t, &h, Track::Cadence).is_empty());
        let answered = t0() + days(32);
        h.inbound.push(Inbound {
            at: answered,
            text: "在的".into(),
        });
        // Back on the cadence from its first step, the wake-up over.
        let items = on(&t, &h, Track::Cadence);
        assert_eq!(items.len(), 1, "{items:?}");
        assert_eq!(items[0].step, 0);
        assert_eq!(items[0].due, answered + steps[0].after);
        assert_eq!(items[0].action, steps[0].action);
        let s = standing_of(&t, &h);
        assert_eq!((s.dormant_at, s.wake), (Some(answered + days(30)), None));
    }

    #[test]
    fn a_touch_after_an_idle_lead_went_dormant_is_the_first_wake_up() {
        let t = default_template();
        // Ungraded: no cadence, so the lead is idle from its first touch.
        let mut h = lead(None);
        assert_eq!(standing_of(&t, &h).dormant_at, Some(t0() + days(30)));
        // A touch within the threshold keeps it idle, dormant 30 days after that touch.
        h.touches.push(t0() + days(10));
        assert_eq!(standing_of(&t, &h).dormant_at, Some(t0() + days(40)));
        // A touch 31 days later wakes it: dormant since day 40, one attempt.
        let touched = t0() + days(41);
        h.touches.push(touched);
        assert_eq!(
            standing_of(&t, &h),
            Standing {
                dormant_at: None,
                wake: Some(Wake {
                    since: t0() + days(40),
                    attempts: 1,
                    gave_up: false,
                }),
            }
        );
        // The next wake-up step (the second that fits an untagged contact), 15 days on.
        let wake = on(&t, &h, Track::Reactivation);
        assert_eq!(wake.len(), 1, "{wake:?}");
        assert_eq!(wake[0].step, 1);
        assert_eq!(wake[0].starts, Some(t0() + days(40)));
        assert_eq!(wake[0].due, touched + days(15));
        assert_eq!(wake[0].script.as_deref(), Some("wake-material"));
    }

    #[test]
    fn touches_after_giving_up_still_count_as_attempts() {
        let t = default_template();
        assert_eq!(t.cadences["dormant"].give_up_after, Some(4));
        let mut h = lead(None);
        // Dormant at day 30; four unanswered wake-ups, the cap of two per 30 days kept.
        for d in [31, 47, 63, 79] {
            h.touches.push(t0() + days(d));
        }
        let gave_up = |h: &History| {
            let s = standing_of(&t, h);
            let w = s.wake.expect("waking");
            assert!(w.gave_up);
            assert_eq!(w.since, t0() + days(30));
            let items = on(&t, h, Track::Reactivation);
            assert_eq!(items.len(), 1, "{items:?}");
            (w.attempts, items[0].step, items[0].due)
        };
        assert_eq!(gave_up(&h), (4, 4, t0() + days(80)));
        // The rep tries once more anyway: a fifth attempt, the suggestion a day after it.
        h.touches.push(t0() + days(85));
        assert_eq!(gave_up(&h), (5, 5, t0() + days(86)));
    }

    #[test]
    fn a_step_due_at_the_very_moment_of_dormancy_is_not_planned() {
        let mut t = default_template();
        let b_first = t.cadences["grade-b"].steps[0].after;
        assert_eq!(b_first, days(1));
        let h = lead(Some(Grade::B));
        // Dormant two days after the touch: B's first step, a day after it, is planned.
        t.lifecycle.dormant_after_days = 2;
        let items = on(&t, &h, Track::Cadence);
        assert_eq!(items.len(), 1, "{items:?}");
        assert_eq!(
            (items[0].due, items[0].expires),
            (t0() + days(1), Some(t0() + days(2)))
        );
        // Dormant one day after it: the step would fall due as the lead goes dormant, so
        // waking it is all there is.
        t.lifecycle.dormant_after_days = 1;
        assert!(on(&t, &h, Track::Cadence).is_empty());
        let wake = on(&t, &h, Track::Reactivation);
        assert_eq!(wake.len(), 1, "{wake:?}");
        assert_eq!(wake[0].due, t0() + days(1));
    }

    #[test]
    fn without_a_tail_only_the_wake_up_steps_that_fit_are_used() {
        let mut t = default_template();
        let dormant = t.cadences.get_mut("dormant").expect("dormant");
        dormant.every = None;
        dormant.repeat.clear();
        // The first step needs the account-benefit tag, which this contact lacks.
        assert_eq!(dormant.steps[0].script.as_deref(), Some("wake-benefit"));
        let news = dormant.steps[1].clone();
        let h = lead(None);
        let wake = on(&t, &h, Track::Reactivation);
        assert_eq!(wake.len(), 1, "{wake:?}");
        assert_eq!(wake[0].step, 0);
        assert_eq!(wake[0].due, t0() + days(30));
        assert_eq!(wake[0].action, news.action);
        assert_eq!(wake[0].script, news.script);
    }

    #[test]
    fn wake_up_steps_past_the_list_take_the_repeating_ones_in_turn() {
        let mut t = default_template();
        let dormant = t.cadences.get_mut("dormant").expect("dormant");
        // Four steps that all fit, three repeating ones, no giving up.
        for s in &mut dormant.steps {
            s.script = None;
        }
        let n = dormant.steps.len();
        assert_eq!(n, 4);
        dormant.repeat = ["甲", "乙", "丙"]
            .iter()
            .map(|a| CadenceStep {
                after: days(15),
                action: a.to_string(),
                script: None,
            })
            .collect();
        dormant.give_up_after = None;
        let steps = dormant.steps.clone();
        let mut h = lead(None);
        // Dormant at day 30; attempt k plans step k: the listed steps, then 甲 乙 丙 甲 乙.
        let want: Vec<&str> = steps
            .iter()
            .skip(1)
            .map(|s| s.action.as_str())
            .chain(["甲", "乙", "丙", "甲", "乙"])
            .collect();
        for (k, action) in want.iter().enumerate() {
            let attempt = k as u32 + 1;
            h.touches.push(t0() + days(31 + 20 * k as i64));
            let wake = on(&t, &h, Track::Reactivation);
            assert_eq!(wake.len(), 1, "attempt {attempt}: {wake:?}");
            assert_eq!(wake[0].step, attempt);
            assert_eq!(wake[0].action, *action, "attempt {attempt}");
        }
    }
}
