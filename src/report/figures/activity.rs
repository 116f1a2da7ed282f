//! Activity per local day of the period: touches, stage moves and wins.

use crate::report::index::Index;
use crate::report::input::{OutcomeChangeKind, Window};
use crate::report::stats::local_day;
use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DayActivity {
    pub day: NaiveDate,
    pub touches: usize,
    /// Moves from one stage to another (a contact's creation is not a move).
    pub stage_moves: usize,
    pub wins: usize,
}

/// One entry per local day the period touches, empty days included. An unbounded period
/// has no days.
pub(crate) fn per_day(ix: &Index, w: Window) -> Vec<DayActivity> {
    let (Some(from), Some(to)) = (w.from, w.to) else {
        return Vec::new();
    };
    let offset = ix.input.utc_offset;
    let day = |t: DateTime<Utc>| t.with_timezone(&offset).date_naive();
    let first = day(from);
    let last = day(to - TimeDelta::nanoseconds(1));
    let mut days: Vec<DayActivity> = first
        .iter_days()
        .take_while(|d| *d <= last)
        .map(|d| DayActivity {
            day: d,
            touches: 0,
            stage_moves: 0,
            wins: 0,
        })
        .collect();
    let n = days.len();
    let first_day = local_day(from, offset);
    let slot = |t: DateTime<Utc>| -> Option<usize> {
        if !w.contains(t) {
            return None;
        }
        usize::try_from(local_day(t, offset) - first_day)
            .ok()
            .filter(|k| *k < n)
    };
    let input = ix.input;
    for e in &input.timeline {
        if e.kind.is_touch()
            && let Some(k) = slot(e.at)
        {
            days[k].touches += 1;
        }
    }
    for (i, c) in input.contacts.iter().enumerate() {
        for r in ix.moves.get(i) {
            let m = &input.stage_moves[r.row as usize];
            if m.from.is_some()
                && !c.found_at_import(m.at)
                && let Some(k) = slot(m.at)
            {
                days[k].stage_moves += 1;
            }
        }
    }
    for o in &input.outcome_changes {
        if o.change == OutcomeChangeKind::Won
            && let Some(k) = slot(o.at)
        {
            days[k].wins += 1;
        }
    }
    days
}
