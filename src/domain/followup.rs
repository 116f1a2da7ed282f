//! The follow-up engine: from the template, a contact's history and "now", which follow-ups
//! should be open, when each is due, and how urgent it is — term by term. Pure: no I/O, no
//! clock reads.

pub use super::lifecycle::{Lifecycle, lifecycle, rotting};
pub use super::urgency::{Term, rank_cmp, score, score_base, urgency};

use super::sop::{Cadence, Template};
use super::{Contact, Grade, Outcome, Stage};
use chrono::{DateTime, FixedOffset, TimeDelta, Utc};
use serde::Serialize;
use std::fmt;
use std::str::FromStr;

/// Why a follow-up exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Track {
    /// A new lead waiting for the first reply.
    FirstResponse,
    /// The grade's cadence (A/B/C).
    Cadence,
    /// After-sale care, started by a win.
    Aftercare,
    /// A reminder before a bought product runs out.
    Repurchase,
    /// Waking a dormant contact, capped per 30 days.
    Reactivation,
}

impl Track {
    pub const ALL: [Track; 5] = [
        Track::FirstResponse,
        Track::Cadence,
        Track::Aftercare,
        Track::Repurchase,
        Track::Reactivation,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Track::FirstResponse => "first_response",
            Track::Cadence => "cadence",
            Track::Aftercare => "aftercare",
            Track::Repurchase => "repurchase",
            Track::Reactivation => "reactivation",
        }
    }

    pub fn zh(self) -> &'static str {
        match self {
            Track::FirstResponse => "首次回复",
            Track::Cadence => "分级跟进",
            Track::Aftercare => "售后",
            Track::Repurchase => "复购提醒",
            Track::Reactivation => "唤醒",
        }
    }
}

impl fmt::Display for Track {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

impl FromStr for Track {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Track::ALL
            .into_iter()
            .find(|t| t.key() == s)
            .ok_or_else(|| format!("unknown follow-up track '{s}'"))
    }
}

/// A follow-up the engine wants open.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Planned {
    pub track: Track,
    /// Position in the track's sequence (for repurchase: 0).
    pub step: u32,
    /// The purchase a repurchase reminder belongs to.
    pub purchase_id: Option<i64>,
    pub due: DateTime<Utc>,
    pub action: String,
    pub script: Option<String>,
    /// Urgency minus the overdue term's "now" part: see [`score_base`].
    pub score_base: f64,
    /// When the item comes into force, if later than when it was planned, and when it
    /// stops: a cadence left idle is abandoned at dormancy, where the plan's reactivation
    /// item starts. Both are known when planning, so no read ever has to plan again.
    pub starts: Option<DateTime<Utc>>,
    pub expires: Option<DateTime<Utc>>,
}

impl Planned {
    /// Whether the item is on the agenda at `now`.
    pub fn live_at(&self, now: DateTime<Utc>) -> bool {
        self.starts.is_none_or(|s| s <= now) && self.expires.is_none_or(|e| e > now)
    }
}

/// A follow-up the rep closed: done (or skipped) on a track's step.
#[derive(Debug, Clone, PartialEq)]
pub struct Closed {
    pub track: Track,
    pub step: u32,
    pub purchase_id: Option<i64>,
    pub at: DateTime<Utc>,
}

/// An open follow-up the rep moved to a later time.
#[derive(Debug, Clone, PartialEq)]
pub struct Snooze {
    pub track: Track,
    pub step: u32,
    pub purchase_id: Option<i64>,
    pub until: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Purchase {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub product: Option<String>,
}

/// Everything the engine needs to know about one contact.
#[derive(Debug, Clone)]
pub struct Facts<'a> {
    pub contact: &'a Contact,
    /// When the grade was last set (cadences restart on a new grade).
    pub grade_since: DateTime<Utc>,
    pub stage_since: DateTime<Utc>,
    pub won_at: Option<DateTime<Utc>>,
    /// Outgoing touches, oldest first.
    pub touches: &'a [DateTime<Utc>],
    pub closed: &'a [Closed],
    pub snoozed: &'a [Snooze],
    pub purchases: &'a [Purchase],
}

/// Where a track's walk through its completions ended.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Mode {
    /// In the cadence at `step`, counting from `anchor`.
    Cadence { step: u32, anchor: DateTime<Utc> },
    /// Reactivation: waiting for dormancy at `start`, then `step` touches in.
    Reactivation {
        start: DateTime<Utc>,
        step: u32,
        anchor: DateTime<Utc>,
    },
}

/// Never plan two steps at the same instant: "after done, the next is strictly later".
const MIN_GAP: TimeDelta = TimeDelta::minutes(1);
const WINDOW: TimeDelta = TimeDelta::days(30);

fn local_day(t: DateTime<Utc>, offset: FixedOffset) -> chrono::NaiveDate {
    t.with_timezone(&offset).date_naive()
}

/// The follow-ups live at `now`: the plan as the agenda shows it then.
pub fn plan(t: &Template, f: &Facts, now: DateTime<Utc>, offset: FixedOffset) -> Vec<Planned> {
    plan_full(t, f, offset)
        .into_iter()
        .filter(|p| p.live_at(now))
        .collect()
}

/// Every follow-up a contact's plan holds, each with when it stops being live. The plan
/// depends only on the facts, never on "now": time passing cannot make it stale.
pub fn plan_full(t: &Template, f: &Facts, offset: FixedOffset) -> Vec<Planned> {
    let c = f.contact;
    let mut out = Vec::new();
    // D (无效) stops selling to a lead; a D contact who bought anyway still gets care.
    let invalid_lead = c.grade == Some(Grade::D) && c.outcome == Outcome::Open;
    if c.archived || c.outcome == Outcome::Lost || invalid_lead {
        return out;
    }
    out.extend(repurchases(t, f));
    let first_touch = f.touches.first().copied();
    // A win starts aftercare from the win, whether the contact was ever touched or not.
    let (track, cadence_id, start) = match (c.outcome, f.won_at, first_touch) {
        (Outcome::Won, Some(won), _) => (Track::Aftercare, Some("aftercare".to_string()), won),
        (_, _, Some(first_touch)) => (
            Track::Cadence,
            c.grade
                .and_then(|g| t.grade(g))
                .and_then(|g| g.cadence.clone()),
            f.grade_since.max(first_touch),
        ),
        (_, _, None) => {
            if c.outcome == Outcome::Open {
                out.push(first_response(t, f));
            }
            return finish(t, out, f);
        }
    };
    let cadence = cadence_id.as_deref().and_then(|id| t.cadences.get(id));
    out.extend(main_track(t, f, track, cadence, start, offset));
    finish(t, out, f)
}

/// Applies snoozes, keeps every due after the contact's creation, and scores each item.
fn finish(t: &Template, mut out: Vec<Planned>, f: &Facts) -> Vec<Planned> {
    for p in &mut out {
        if let Some(s) = f
            .snoozed
            .iter()
            .find(|s| s.track == p.track && s.step == p.step && s.purchase_id == p.purchase_id)
        {
            p.due = s.until;
            // A snoozed reactivation still never asks for more than the cap.
            if p.track == Track::Reactivation
                && let Some(cap) = t
                    .cadences
                    .get("dormant")
                    .and_then(|c| c.max_touches_per_30d)
            {
                p.due = respect_cap(p.due, f.touches, cap as usize);
            }
        }
        p.due = p.due.max(f.contact.created_at);
        p.score_base = score_base(t, f.contact, p.track, p.due);
    }
    out.sort_by_key(|p| (p.due, p.track));
    out
}

fn first_response(t: &Template, f: &Facts) -> Planned {
    let welcome = t.stage(Stage::Discover).scripts.first();
    Planned {
        track: Track::FirstResponse,
        step: 0,
        purchase_id: None,
        due: f.contact.created_at + TimeDelta::minutes(t.first_response_minutes as i64),
        action: welcome.map_or_else(|| "首次回复".to_string(), |s| s.title.clone()),
        script: welcome.map(|s| s.id.clone()),
        score_base: 0.0,
        starts: None,
        expires: None,
    }
}

/// Completions after `start`: touches, and explicit done/skip on this track. A `done` is a
/// close and a touch at the same instant: one completion, not two. A close at the very
/// instant the track started (done within the second the grade was set) still counts.
fn completions(f: &Facts, track: Track, start: DateTime<Utc>) -> Vec<(DateTime<Utc>, bool)> {
    let explicit: Vec<DateTime<Utc>> = f
        .closed
        .iter()
        .filter(|c| (c.track == track || c.track == Track::Reactivation) && c.at >= start)
        .map(|c| c.at)
        .collect();
    let mut touches: Vec<DateTime<Utc>> =
        f.touches.iter().copied().filter(|t| *t > start).collect();
    for at in &explicit {
        // The close's own touch (one per close; other touches at that instant stay).
        if let Some(i) = touches.iter().position(|t| t == at) {
            touches.remove(i);
        }
    }
    let mut ev: Vec<(DateTime<Utc>, bool)> = touches
        .into_iter()
        .map(|t| (t, false))
        .chain(explicit.into_iter().map(|at| (at, true)))
        .collect();
    ev.sort();
    ev
}

fn main_track(
    t: &Template,
    f: &Facts,
    track: Track,
    cadence: Option<&Cadence>,
    start: DateTime<Utc>,
    offset: FixedOffset,
) -> Vec<Planned> {
    let dormant = TimeDelta::days(t.lifecycle.dormant_after_days as i64);
    let steps_len = cadence.map_or(0, |c| c.steps.len() as u32);
    let repeats = cadence.is_some_and(|c| c.every.is_some());
    let reactivate = |anchor: DateTime<Utc>| Mode::Reactivation {
        start: anchor + dormant,
        step: 0,
        anchor,
    };
    let mut mode = if steps_len > 0 || repeats {
        Mode::Cadence {
            step: 0,
            anchor: start,
        }
    } else {
        reactivate(start)
    };
    for (at, explicit) in completions(f, track, start) {
        mode = match mode {
            Mode::Cadence { anchor, .. } if at - anchor >= dormant => {
                // Left idle past dormancy: the cadence is abandoned, reactivation takes over.
                advance_reactivation(reactivate(anchor), at)
            }
            Mode::Cadence { step, anchor } => {
                // Several touches in one conversation complete one step, not several.
                let advances =
                    explicit || step == 0 || local_day(at, offset) != local_day(anchor, offset);
                let step = if advances { step + 1 } else { step };
                if step >= steps_len && !repeats {
                    reactivate(at)
                } else {
                    Mode::Cadence { step, anchor: at }
                }
            }
            r @ Mode::Reactivation { .. } => advance_reactivation(r, at),
        };
    }
    match mode {
        Mode::Cadence { step, anchor } => {
            // Left alone, this cadence is abandoned for reactivation at dormancy: both are
            // planned now, the cadence item expiring where reactivation begins.
            let dormant_at = anchor + dormant;
            let mut out: Vec<Planned> = reactivation(t, f, dormant_at, 0, anchor)
                .into_iter()
                .map(|p| Planned {
                    starts: Some(dormant_at),
                    ..p
                })
                .collect();
            let Some(c) = cadence else {
                return out;
            };
            let (after, action, script) = match c.steps.get(step as usize) {
                Some(s) => (s.after, s.action.clone(), s.script.clone()),
                None => {
                    let last = c.steps.last();
                    (
                        c.every.unwrap_or(TimeDelta::days(7)),
                        last.map_or_else(|| track.zh().to_string(), |s| s.action.clone()),
                        last.and_then(|s| s.script.clone()),
                    )
                }
            };
            let min_gap = if step == 0 {
                TimeDelta::zero()
            } else {
                MIN_GAP
            };
            let due = anchor + after.max(min_gap);
            if due <= dormant_at {
                out.push(Planned {
                    track,
                    step,
                    purchase_id: None,
                    due,
                    action,
                    script,
                    score_base: 0.0,
                    starts: None,
                    expires: Some(dormant_at),
                });
            }
            out
        }
        Mode::Reactivation {
            start,
            step,
            anchor,
        } => reactivation(t, f, start, step, anchor)
            .into_iter()
            .collect(),
    }
}

fn advance_reactivation(mode: Mode, at: DateTime<Utc>) -> Mode {
    match mode {
        Mode::Reactivation { start, step, .. } if at >= start => Mode::Reactivation {
            start,
            step: step + 1,
            anchor: at,
        },
        // Touched before going dormant: dormancy counts again from this touch.
        Mode::Reactivation { start, anchor, .. } => Mode::Reactivation {
            start: start + (at - anchor),
            step: 0,
            anchor: at,
        },
        m => m,
    }
}

fn reactivation(
    t: &Template,
    f: &Facts,
    start: DateTime<Utc>,
    step: u32,
    anchor: DateTime<Utc>,
) -> Option<Planned> {
    let c = t.cadences.get("dormant")?;
    let pick = if c.steps.is_empty() {
        None
    } else {
        c.steps.get((step as usize).min(c.steps.len() - 1))
    };
    let mut due = if step == 0 {
        start
    } else {
        let after = match c.steps.get(step as usize) {
            Some(s) => s.after,
            None => c.every.unwrap_or(TimeDelta::days(15)),
        };
        anchor + after.max(MIN_GAP)
    };
    if let Some(cap) = c.max_touches_per_30d {
        due = respect_cap(due, f.touches, cap as usize);
    }
    Some(Planned {
        track: Track::Reactivation,
        step,
        purchase_id: None,
        due,
        action: pick.map_or_else(
            || Track::Reactivation.zh().to_string(),
            |s| s.action.clone(),
        ),
        script: pick.and_then(|s| s.script.clone()),
        score_base: 0.0,
        starts: None,
        expires: None,
    })
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

/// Touches in the 30 days up to `now` beyond the reactivation cap (0 when within it).
pub fn touches_over_cap(t: &Template, touches: &[DateTime<Utc>], now: DateTime<Utc>) -> usize {
    let Some(cap) = t
        .cadences
        .get("dormant")
        .and_then(|c| c.max_touches_per_30d)
    else {
        return 0;
    };
    let n = touches
        .iter()
        .filter(|x| **x > now - WINDOW && **x <= now)
        .count();
    n.saturating_sub(cap as usize)
}

fn repurchases(t: &Template, f: &Facts) -> Vec<Planned> {
    let mut out = Vec::new();
    for p in f.purchases {
        let Some(product) = p.product.as_deref().and_then(|name| t.product(name)) else {
            continue;
        };
        let closed = f
            .closed
            .iter()
            .any(|c| c.track == Track::Repurchase && c.purchase_id == Some(p.id));
        let bought_again = f
            .purchases
            .iter()
            .any(|q| q.id != p.id && q.at > p.at && q.product == p.product);
        if closed || bought_again {
            continue;
        }
        let days = product
            .cycle_days
            .saturating_sub(product.remind_before_days);
        out.push(Planned {
            track: Track::Repurchase,
            step: 0,
            purchase_id: Some(p.id),
            due: p.at + TimeDelta::days(days as i64),
            action: format!("{}：{}", Track::Repurchase.zh(), product.name),
            script: t
                .stage(Stage::Aftercare)
                .scripts
                .iter()
                .find(|s| s.id.contains("repurchase"))
                .map(|s| s.id.clone()),
            score_base: 0.0,
            starts: None,
            expires: None,
        });
    }
    out
}
