//! Which follow-ups a limited agenda must load: the top of each section by urgency, read
//! from an index instead of ranking every open follow-up of a large book.
//!
//! Urgency at `now` (`domain::urgency`) is a sum of terms. For an item overdue by a minute
//! or more it is `score_base + per_overdue_day × now` up to the rounding of the overdue
//! minutes, so `score_base` (indexed) ranks it; for an item not yet due there is no time
//! term, so `score_base + per_overdue_day × due` ranks it. The last minute before `now` is
//! neither, and small: it is read whole. Two things still move items against the key: the
//! rotting term, added at read time to rotting contacts only, and the display rounding of
//! urgency to 0.1 (then ties go by due time). So each part loads every row whose key is
//! within that reach of the `limit`-th key — and, for a positive rotting weight, the
//! rotting rows within the weight too. `tests/agenda_limit.rs` checks the result against
//! the full ranking on random books.

use crate::domain::Stage;
use crate::domain::sop::Template;
use crate::store::{Followup, RankKey, Snap, Window};
use anyhow::Result;
use chrono::{DateTime, TimeDelta, Utc};

/// How far the shown urgency (rounded to 0.1) may reorder items whose keys differ.
const ROUNDING: f64 = 0.1;

/// The rows of window `w` among which its `limit` most urgent are.
pub(super) fn candidates(
    snap: &Snap,
    t: &Template,
    w: &Window,
    limit: usize,
) -> Result<Vec<Followup>> {
    let now_s = DateTime::from_timestamp(w.now.timestamp(), 0).unwrap_or(w.now);
    // Overdue by a whole minute: due at least 60 s before `now`.
    let minute_ago = now_s - TimeDelta::seconds(59);
    // Surely not yet due (the second of `now` itself goes with the last minute).
    let ahead = now_s + TimeDelta::seconds(1);
    let rate = t.urgency.per_overdue_day;
    let mut rows = Vec::new();
    if let Some(part) = clip(w, None, Some(minute_ago)) {
        // Minutes are rounded down in the overdue term: up to one minute's worth.
        let reach = ROUNDING + rate.abs() / 1440.0;
        rows.extend(top(snap, t, &part, RankKey::BASE, limit, reach)?);
    }
    if let Some(part) = clip(w, Some(minute_ago), Some(ahead)) {
        rows.extend(snap.agenda_from(&part, RankKey::BASE, None)?);
    }
    if let Some(part) = clip(w, Some(ahead), None) {
        rows.extend(top(
            snap,
            t,
            &part,
            RankKey { per_day: rate },
            limit,
            ROUNDING,
        )?);
    }
    Ok(rows)
}

/// `w` narrowed to `[from, until)`; `None` when nothing is left.
fn clip(w: &Window, from: Option<DateTime<Utc>>, until: Option<DateTime<Utc>>) -> Option<Window> {
    let from = match (w.from, from) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    };
    let until = until.map_or(w.until, |u| u.min(w.until));
    if from.is_some_and(|f| f >= until) {
        return None;
    }
    Some(Window { from, until, ..*w })
}

/// Every row of `part` that can rank among its `limit` first once rotting and rounding
/// are applied.
fn top(
    snap: &Snap,
    t: &Template,
    part: &Window,
    key: RankKey,
    limit: usize,
    reach: f64,
) -> Result<Vec<Followup>> {
    let Some(edge) = snap.agenda_edge(part, key, limit)? else {
        return snap.agenda_from(part, key, None);
    };
    let rot = t.urgency.rotting;
    // A negative weight sinks rotting rows among the first: any row in reach may pass them.
    let floor = edge - reach - (-rot).max(0.0);
    let mut rows = snap.agenda_from(part, key, Some(floor))?;
    if rot > 0.0 {
        let rot_days = Stage::ALL.map(|s| t.stage(s).rot_after_days);
        rows.extend(snap.agenda_rotting(part, key, (edge - reach - rot, floor), rot_days)?);
    }
    Ok(rows)
}
