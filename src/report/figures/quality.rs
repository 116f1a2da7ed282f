//! Lead quality: the grade mix of new leads, leads left ungraded after a first touch,
//! regrades, and leads dropped after a single conversation.

use super::DROPPED_AFTER_DAYS;
use crate::domain::{ContactId, Grade, Outcome};
use crate::report::index::Index;
use crate::report::input::Window;
use crate::report::stats::{Count, Share, local_day};
use chrono::TimeDelta;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Serialize)]
pub struct LeadQuality {
    /// Contacts created in the window by their grade now: A, B, C, D, then ungraded.
    pub grade_mix: Vec<GradeCount>,
    /// Contacts whose first touch fell in the window and who have no grade now.
    pub ungraded_after_touch: Count,
    pub ungraded_share: Share,
    /// First grades given in the window (from no grade).
    pub first_graded: Count,
    /// Changes from one grade to another in the window, per (from, to); counts are changes.
    pub regrades: Vec<Regrade>,
    /// Regrades to a better grade (C→B, B→A…) and to a worse one.
    pub upgrades: Count,
    pub downgrades: Count,
    /// Contacts whose first conversation fell in the window, talked on one day only, not
    /// won, with nothing since for [`DROPPED_AFTER_DAYS`] days.
    pub dropped: Count,
    /// Dropped out of the contacts whose first conversation fell in the window.
    pub dropped_share: Share,
}

#[derive(Debug, Clone, Serialize)]
pub struct GradeCount {
    pub grade: Option<Grade>,
    pub count: Count,
}

#[derive(Debug, Clone, Serialize)]
pub struct Regrade {
    pub from: Grade,
    pub to: Grade,
    pub count: Count,
}

pub(crate) fn lead_quality(ix: &Index, w: Window) -> LeadQuality {
    let input = ix.input;
    let offset = input.utc_offset;
    let mut mix: [Vec<ContactId>; 5] = Default::default();
    let mut touched = 0;
    let mut ungraded = Vec::new();
    let mut talked = 0;
    let mut dropped = Vec::new();
    for (i, c) in input.contacts.iter().enumerate() {
        if w.contains(c.created_at) {
            mix[c.grade.map_or(4, |g| g as usize)].push(c.id);
        }
        // Leads only: a customer's rhythm is the after-sale one, whatever its grade.
        if c.outcome != Outcome::Won && ix.touches.get(i).first().is_some_and(|t| w.contains(*t)) {
            touched += 1;
            if c.grade.is_none() {
                ungraded.push(c.id);
            }
        }
        let talks = ix.talks.get(i);
        if let (Some(first), Some(last)) = (talks.first(), talks.last())
            && w.contains(*first)
        {
            talked += 1;
            let one_day = local_day(*first, offset) == local_day(*last, offset);
            if one_day
                && c.outcome != Outcome::Won
                && input.now - *last >= TimeDelta::days(DROPPED_AFTER_DAYS)
            {
                dropped.push(c.id);
            }
        }
    }
    let mut first_graded = Vec::new();
    let mut pairs: BTreeMap<(Grade, Grade), Vec<ContactId>> = BTreeMap::new();
    let (mut up, mut down) = (Vec::new(), Vec::new());
    let (mut n_up, mut n_down) = (0, 0);
    for g in &input.grade_changes {
        if !w.contains(g.at) || ix.pos.get(g.contact).is_none() {
            continue;
        }
        match (g.from, g.to) {
            (None, Some(_)) => first_graded.push(g.contact),
            (Some(a), Some(b)) if a != b => {
                pairs.entry((a, b)).or_default().push(g.contact);
                // A is the best grade: a lower letter is an upgrade.
                if b < a {
                    n_up += 1;
                    up.push(g.contact);
                } else {
                    n_down += 1;
                    down.push(g.contact);
                }
            }
            _ => {}
        }
    }
    let grades = [
        Some(Grade::A),
        Some(Grade::B),
        Some(Grade::C),
        Some(Grade::D),
        None,
    ];
    LeadQuality {
        grade_mix: grades
            .into_iter()
            .zip(mix)
            .map(|(grade, ids)| GradeCount {
                grade,
                count: Count::of_contacts(ids),
            })
            .collect(),
        ungraded_share: Share::new(ungraded.len(), touched),
        ungraded_after_touch: Count::of_contacts(ungraded),
        first_graded: Count::of_items(first_graded.len(), first_graded),
        regrades: pairs
            .into_iter()
            .map(|((from, to), ids)| Regrade {
                from,
                to,
                count: Count::of_items(ids.len(), ids),
            })
            .collect(),
        upgrades: Count::of_items(n_up, up),
        downgrades: Count::of_items(n_down, down),
        dropped_share: Share::new(dropped.len(), talked),
        dropped: Count::of_contacts(dropped),
    }
}
