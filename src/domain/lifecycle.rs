//! Where a contact is in its life with the business, and whether it is rotting in a stage.

use super::sop::Template;
use super::walk::Standing;
use super::{Contact, Outcome};
use chrono::{DateTime, TimeDelta, Utc};
use serde::Serialize;
use std::str::FromStr;

/// 引入期 → 成长期 → 成熟期, or 休眠期 / 流失期 after long inactivity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lifecycle {
    Intro,
    Growth,
    Mature,
    Dormant,
    Churned,
}

impl Lifecycle {
    pub const ALL: [Lifecycle; 5] = [
        Lifecycle::Intro,
        Lifecycle::Growth,
        Lifecycle::Mature,
        Lifecycle::Dormant,
        Lifecycle::Churned,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Lifecycle::Intro => "intro",
            Lifecycle::Growth => "growth",
            Lifecycle::Mature => "mature",
            Lifecycle::Dormant => "dormant",
            Lifecycle::Churned => "churned",
        }
    }

    pub fn zh(self) -> &'static str {
        match self {
            Lifecycle::Intro => "引入期",
            Lifecycle::Growth => "成长期",
            Lifecycle::Mature => "成熟期",
            Lifecycle::Dormant => "休眠期",
            Lifecycle::Churned => "流失期",
        }
    }
}

impl FromStr for Lifecycle {
    type Err = super::error::FieldError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Lifecycle::ALL
            .into_iter()
            .find(|l| l.key().eq_ignore_ascii_case(s.trim()) || l.zh() == s.trim())
            .ok_or_else(|| super::error::FieldError::UnknownLifecycle(s.to_string()))
    }
}

/// Where a contact stands on going quiet, as its plan leaves it: from when it counts as
/// dormant if nothing happens (or has counted, while the rep tries to wake it), and whether
/// waking it was given up. It changes only when something is written, so the book keeps it
/// with the plan and the lead's report reads it instead of walking every history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quiet {
    pub from: Option<DateTime<Utc>>,
    /// Being woken: dormant since `from` whatever the clock says.
    pub waking: bool,
    pub gave_up: bool,
}

impl Quiet {
    pub fn of(s: &Standing) -> Quiet {
        match s.wake {
            Some(w) => Quiet {
                from: Some(w.since),
                waking: true,
                gave_up: w.gave_up,
            },
            None => Quiet {
                from: s.dormant_at,
                waking: false,
                gave_up: false,
            },
        }
    }

    /// Dormant or churned at `now` (`None`: neither), with the template's thresholds: a
    /// lost contact is churned; so is one given up on, or dormant for the days between
    /// the dormancy and churn thresholds.
    pub fn state(
        self,
        lost: bool,
        dormant_after_days: u32,
        churned_after_days: u32,
        now: DateTime<Utc>,
    ) -> Option<Lifecycle> {
        if lost || self.gave_up {
            return Some(Lifecycle::Churned);
        }
        let churn_gap =
            TimeDelta::days(churned_after_days.saturating_sub(dormant_after_days) as i64);
        match self.from.filter(|d| self.waking || now >= *d) {
            Some(d) if now - d >= churn_gap => Some(Lifecycle::Churned),
            Some(_) => Some(Lifecycle::Dormant),
            None => None,
        }
    }
}

/// The contact's lifecycle at `now`, from where it stands on reactivation (see
/// [`super::walk::standing`]): dormant once the threshold passes with no activity from
/// either side, churned once it passes the churn threshold too or too many wake-up
/// attempts went unanswered.
pub fn lifecycle(
    t: &Template,
    c: &Contact,
    purchases: usize,
    s: &Standing,
    now: DateTime<Utc>,
) -> Lifecycle {
    let quiet = Quiet::of(s).state(
        c.outcome == Outcome::Lost,
        t.lifecycle.dormant_after_days,
        t.lifecycle.churned_after_days,
        now,
    );
    match quiet {
        Some(l) => l,
        None if purchases as u32 >= t.lifecycle.mature_after_purchases => Lifecycle::Mature,
        None if purchases > 0 => Lifecycle::Growth,
        None => Lifecycle::Intro,
    }
}

/// From when a contact counts as rotting in its stage: past the stage's limit (to the
/// second) with no activity, and nothing scheduled ahead (its earliest follow-up `next_due`
/// has come). `None` when it never rots (closed, archived, a stage without a limit). Known
/// when planning, so the agenda can rank rotting contacts in SQL.
pub fn rots_from(
    t: &Template,
    c: &Contact,
    stage_since: DateTime<Utc>,
    next_due: Option<DateTime<Utc>>,
) -> Option<DateTime<Utc>> {
    // A D lead is one the rep decided to give up on: nothing is planned, nothing rots.
    if c.outcome != Outcome::Open || c.archived || c.grade == Some(super::Grade::D) {
        return None;
    }
    let limit = t.stage(c.stage).rot_after_days?;
    let since = stage_since.max(c.last_activity());
    let idle = since + TimeDelta::days(limit as i64) + TimeDelta::seconds(1);
    Some(next_due.map_or(idle, |d| idle.max(d)))
}

/// A contact sitting in its stage past the stage's limit with no activity and nothing
/// scheduled ahead.
pub fn rotting(
    t: &Template,
    c: &Contact,
    stage_since: DateTime<Utc>,
    next_due: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> bool {
    rots_from(t, c, stage_since, next_due).is_some_and(|r| now >= r)
}
