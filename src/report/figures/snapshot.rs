//! States as of now: who is stuck in a stage, who has gone quiet.

use crate::domain::followup::Lifecycle;
use crate::domain::{ContactId, Grade, Outcome, Stage};
use crate::report::index::Index;
use crate::report::input::ContactRow;
use crate::report::stats::{Count, Share};
use chrono::TimeDelta;
use chrono::{DateTime, Utc};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Snapshot {
    /// Contacts not archived: the base of every share here.
    pub contacts: usize,
    /// Open contacts per stage.
    pub open_by_stage: Vec<StageCount>,
    /// Open contacts past their stage's rot limit, per stage, and in all.
    pub stuck: Vec<StageCount>,
    pub stuck_total: Count,
    /// Idle for the template's dormancy days (but not churned).
    pub dormant: Count,
    /// Idle for the churn days, or lost.
    pub churned: Count,
    /// Dormant or churned, out of `contacts`.
    pub quiet_share: Share,
}

#[derive(Debug, Clone, Serialize)]
pub struct StageCount {
    pub stage: Stage,
    pub count: Count,
}

/// Stuck is the board's "rotting": open, not archived, the stage has a limit, nothing
/// scheduled ahead, and more than the limit's days since the later of entering the stage
/// and the last touch. Dormant and churned are what each contact's card says (see
/// `domain::lifecycle::Quiet`).
pub(crate) fn snapshot(ix: &Index) -> Snapshot {
    let input = ix.input;
    let now = input.now;
    let t = &input.template;
    let mut open: [Vec<ContactId>; 5] = Default::default();
    let mut stuck: [Vec<ContactId>; 5] = Default::default();
    let (mut dormant, mut churned) = (Vec::new(), Vec::new());
    let mut contacts = 0;
    for (i, c) in input.contacts.iter().enumerate() {
        if c.archived {
            continue;
        }
        contacts += 1;
        let last = c.last_touch_at.unwrap_or(c.created_at);
        let lost = c.outcome == Outcome::Lost;
        let quiet = match c.quiet {
            // As the card says: from where its plan left it.
            Some(q) => q.state(lost, t.dormant_after_days, t.churned_after_days, now),
            None => idle_state(c, t.dormant_after_days, t.churned_after_days, now),
        };
        match quiet {
            Some(Lifecycle::Churned) => churned.push(c.id),
            Some(_) => dormant.push(c.id),
            None => {}
        }
        if c.outcome != Outcome::Open {
            continue;
        }
        open[c.stage.index()].push(c.id);
        // As the board's rotting: a D lead was given up on, so it cannot be stuck.
        let Some(limit) = t.rot_days(c.stage).filter(|_| c.grade != Some(Grade::D)) else {
            continue;
        };
        if ix.next_due[i].is_some_and(|d| d > now) {
            continue;
        }
        let since = ix
            .moves
            .get(i)
            .last()
            .map_or(c.created_at, |m| m.at)
            .max(last);
        if now - since > TimeDelta::days(i64::from(limit)) {
            stuck[c.stage.index()].push(c.id);
        }
    }
    let per_stage = |lists: [Vec<ContactId>; 5]| -> Vec<StageCount> {
        Stage::ALL
            .into_iter()
            .zip(lists)
            .map(|(stage, ids)| StageCount {
                stage,
                count: Count::of_contacts(ids),
            })
            .collect()
    };
    let stuck_total = Count::of_contacts(stuck.iter().flatten().copied().collect());
    let dormant = Count::of_contacts(dormant);
    let churned = Count::of_contacts(churned);
    Snapshot {
        contacts,
        open_by_stage: per_stage(open),
        stuck: per_stage(stuck),
        stuck_total,
        quiet_share: Share::new(dormant.count + churned.count, contacts),
        dormant,
        churned,
    }
}

/// Dormant or churned by idle days alone, for a book whose plans do not yet say (made
/// before the book kept where each contact stands): idle from the later of the last touch,
/// the last inbound message, creation and (an import's contact) the contact known before
/// it or its arrival.
fn idle_state(
    c: &ContactRow,
    dormant_days: u32,
    churned_days: u32,
    now: DateTime<Utc>,
) -> Option<Lifecycle> {
    let last = c.last_touch_at.unwrap_or(c.created_at);
    let known = c.prior_contact.or(c.arrived_at).unwrap_or(c.created_at);
    let idle_from = last
        .max(c.last_inbound_at.unwrap_or(c.created_at))
        .max(known);
    let idle = (now - idle_from).num_days();
    if c.outcome == Outcome::Lost || idle >= i64::from(churned_days) {
        Some(Lifecycle::Churned)
    } else if idle >= i64::from(dormant_days) {
        Some(Lifecycle::Dormant)
    } else {
        None
    }
}
