//! A contact's main rhythm, found by walking its history: the grade's cadence for a lead
//! (its steps, then its repeating tail), after-sale care then the tier's rhythm for a
//! customer, and once nothing has happened for the dormancy threshold, reactivation — at
//! most the template's touches per 30 days, ended by the customer's answer, given up after
//! the template's number of unanswered attempts.
//!
//! The rep's touches complete steps; the customer's own activity (inbound), and the calls
//! and meetings they took part in, keep the contact from going dormant and bring a dormant
//! one back.

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
    /// Begins on the tail: a relationship taken over part-way, whose place in the steps
    /// is not known.
    on_tail: bool,
}

fn applies(t: &Template, s: &CadenceStep, who: &dyn Subject) -> bool {
    s.script
        .as_deref()
        .and_then(|id| t.script(id))
        .is_none_or(|(_, script)| script.requires.holds(who))
}

fn rhythm(t: &Template, f: &Facts, who: &dyn Subject) -> Option<Rhythm> {
    let c = f.contact;
    // A lead whose first reply the rep skipped (not reachable there, someone else has it)
    // is not left with nothing planned: its rhythm starts from the skip — and stays there
    // when a touch comes later (restarting it then would ask again for steps already done).
    let skipped_reply = f
        .closed_on(Track::FirstResponse, 0, None)
        .filter(|x| x.skipped)
        .map(|x| x.at);
    let first_touch = match (f.first_contact(), skipped_reply) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    let keep = |steps: &[CadenceStep]| -> Vec<CadenceStep> {
        steps
            .iter()
            .filter(|s| applies(t, s, who))
            .cloned()
            .collect()
    };
    // After-sale care: the care that fits what was bought (`aftercare-<kind>`), then the
    // tier's rhythm (its tail when there is none).
    let care = || {
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
        (cadence, tail)
    };
    match (c.outcome, f.won_at, first_touch) {
        // A win starts after-sale care from the win, whether the contact was ever touched
        // or not.
        (Outcome::Won, Some(won), _) => {
            let (cadence, tail) = care();
            Some(Rhythm {
                track: Track::Aftercare,
                steps: cadence.map(|c| keep(&c.steps)).unwrap_or_default(),
                tail: keep(&tail),
                start: won,
                on_tail: false,
            })
        }
        // A customer taken over from a file with no win in the book: the sale is long
        // past, so the care goes on in its repeating part from the last contact known.
        (Outcome::Won, None, _) if f.prior_contact.is_some() => {
            let (_, tail) = care();
            Some(Rhythm {
                track: Track::Aftercare,
                steps: Vec::new(),
                tail: keep(&tail),
                start: f.prior_contact.unwrap_or(c.created_at),
                on_tail: true,
            })
        }
        // Marked won with no win in the book and nothing known of it (salesbook's own
        // export of such a contact, say): a customer, past selling. Its care comes from its
        // purchases (repurchase, occasions) until a win is recorded; a touch must not put
        // it back on a lead's cadence.
        (Outcome::Won, None, _) => None,
        // A lead's cadence starts at the first touch, and again on a new grade or stage.
        (_, _, Some(first)) => {
            let cadence = c
                .grade
                .and_then(|g| t.grade(g))
                .and_then(|g| g.cadence.as_deref())
                .and_then(|id| t.cadences.get(id));
            let start = f.grade_since.max(f.stage_since).max(first);
            Some(Rhythm {
                track: Track::Cadence,
                steps: cadence.map(|c| keep(&c.steps)).unwrap_or_default(),
                tail: cadence.map(|c| keep(&t.tail(c))).unwrap_or_default(),
                start,
                // Taken over from a file and not regraded or moved since: the lead is past
                // the cadence's first steps, wherever it was in them.
                on_tail: f.prior_contact == Some(start),
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
                .map(|i| i.at)
                .chain(f.conversations.iter().copied())
                .filter(|at| *at > start)
                .map(|at| (at, Event::Inbound)),
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
            step: if r.on_tail && has_tail { len } else { 0 },
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
#[path = "walk_tests.rs"]
mod tests;
