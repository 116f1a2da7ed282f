//! The funnel: who entered and left each stage, how many went on to a later stage, how long
//! they stayed, who was won or lost and why.

use super::rank_reasons;
use crate::domain::{ContactId, Outcome, Stage};
use crate::report::index::Index;
use crate::report::input::{OutcomeChangeKind, Window};
use crate::report::stats::{Count, Distribution, Share};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Funnel {
    pub stages: Vec<StageFlow>,
    /// Contacts won in the window.
    pub won: Count,
    pub lost: Count,
    /// Of the contacts won or lost in the window, those whose last such change was a win.
    pub win_rate: Share,
    /// The reasons given for the losses of the window, most frequent first.
    pub lost_reasons: Vec<Reason>,
}

#[derive(Debug, Clone, Serialize)]
pub struct StageFlow {
    pub stage: Stage,
    /// Contacts that entered the stage in the window (a new contact enters 挖需求).
    pub entered: Count,
    /// Contacts that moved out of the stage (forward or back) in the window.
    pub left: Count,
    /// Contacts lost while in this stage.
    pub lost_here: Count,
    /// Of those that entered, the share that reached a later stage in the window after
    /// entering; `None` for the last stage.
    pub to_next: Option<Share>,
    /// Stays in the stage that ended in the window (the contact moved to another stage).
    pub time_in_stage: Distribution,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reason {
    /// `None`: no reason given.
    pub reason: Option<String>,
    pub count: Count,
}

pub(crate) fn funnel(ix: &Index, w: Window) -> Funnel {
    let input = ix.input;
    let mut entered: [Vec<ContactId>; 5] = Default::default();
    let mut left: [Vec<ContactId>; 5] = Default::default();
    let mut lost_here: [Vec<ContactId>; 5] = Default::default();
    let mut went_on: [Vec<ContactId>; 5] = Default::default();
    let mut stays: [Vec<i64>; 5] = Default::default();
    let mut won = Vec::new();
    let mut lost = Vec::new();
    let mut reasons: Vec<(Option<&str>, ContactId)> = Vec::new();
    // Contacts decided in the window, and of them those whose last decision was a win.
    let (mut decided, mut last_won) = (0, 0);
    for (i, c) in input.contacts.iter().enumerate() {
        let moves = ix.moves.get(i);
        let mut first_entry: [Option<usize>; 5] = [None; 5];
        for (k, r) in moves.iter().enumerate() {
            let m = &input.stage_moves[r.row as usize];
            if c.found_at_import(r.at) {
                continue;
            }
            if k > 0 && w.contains(r.at) {
                let prev = &input.stage_moves[moves[k - 1].row as usize];
                stays[prev.to.index()].push((r.at - moves[k - 1].at).num_seconds());
            }
            if !w.contains(r.at) {
                continue;
            }
            first_entry[m.to.index()].get_or_insert(k);
            if let Some(from) = m.from {
                left[from.index()].push(c.id);
            }
        }
        for (s, first) in first_entry.iter().enumerate() {
            let Some(k) = *first else { continue };
            entered[s].push(c.id);
            let later = moves[k + 1..]
                .iter()
                .any(|r| w.contains(r.at) && input.stage_moves[r.row as usize].to.index() > s);
            if later {
                went_on[s].push(c.id);
            }
        }
        let mut last = None;
        for r in ix.outcomes.get(i) {
            if !w.contains(r.at) {
                continue;
            }
            let change = &input.outcome_changes[r.row as usize];
            if change.change != OutcomeChangeKind::Reopened {
                last = Some(change.change);
            }
            match change.change {
                OutcomeChangeKind::Won => won.push(c.id),
                OutcomeChangeKind::Lost => {
                    lost.push(c.id);
                    // The stage the contact was in when lost: its last entry before then.
                    let k = moves.partition_point(|m| m.at <= r.at);
                    let stage = match k {
                        0 => c.stage,
                        k => input.stage_moves[moves[k - 1].row as usize].to,
                    };
                    lost_here[stage.index()].push(c.id);
                    let given = change.reason.as_deref().or(if c.outcome == Outcome::Lost {
                        c.lost_reason.as_deref()
                    } else {
                        None
                    });
                    reasons.push((given, c.id));
                }
                OutcomeChangeKind::Reopened => {}
            }
        }
        if let Some(last) = last {
            decided += 1;
            last_won += usize::from(last == OutcomeChangeKind::Won);
        }
    }
    let stages = Stage::ALL
        .iter()
        .map(|&stage| {
            let s = stage.index();
            let entered = Count::of_contacts(std::mem::take(&mut entered[s]));
            let to_next = stage
                .next()
                .map(|_| Share::new(went_on[s].len(), entered.count));
            StageFlow {
                stage,
                entered,
                left: Count::of_contacts(std::mem::take(&mut left[s])),
                lost_here: Count::of_contacts(std::mem::take(&mut lost_here[s])),
                to_next,
                time_in_stage: Distribution::of(std::mem::take(&mut stays[s])),
            }
        })
        .collect();
    let won = Count::of_contacts(won);
    let lost = Count::of_contacts(lost);
    Funnel {
        stages,
        // A contact won then lost in the window (a refund) is lost; lost then won, won.
        win_rate: Share::new(last_won, decided),
        won,
        lost,
        lost_reasons: rank_reasons(reasons.into_iter()),
    }
}
