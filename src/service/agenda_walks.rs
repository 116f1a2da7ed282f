//! The agenda's sections read from the indexes in (about) their own order, stopping as soon
//! as no item further down can rank among the first `limit`: the overdue items by
//! `score_base`, the items not yet due day by day. Both give exactly the first `limit` of
//! the full ranking (`domain::urgency::rank_key`, then due, then id), which the
//! `agenda_limit` property test checks against ranking every item.

use crate::domain::followup;
use crate::domain::sop::Template;
use crate::store::{AgendaRow, DAY_SECONDS, Snap, Window};
use anyhow::Result;
use chrono::DateTime;

/// The first `limit` items offered, in the agenda's order, and the `limit`-th best key so
/// far (once there are that many): an item that cannot reach it cannot enter.
struct Best {
    limit: usize,
    kept: Vec<(f64, AgendaRow)>,
    floor: Option<f64>,
}

impl Best {
    fn new(limit: usize) -> Best {
        Best {
            limit,
            kept: Vec::new(),
            floor: None,
        }
    }

    /// Whether an item whose key is at most `bound` could still enter. Equal to the floor,
    /// it could (an earlier due or a lower id wins the tie).
    fn open_to(&self, bound: f64) -> bool {
        !self.floor.is_some_and(|k| bound < k)
    }

    fn offer(&mut self, key: f64, f: AgendaRow) {
        self.kept.push((key, f));
        // Sorting every few rows keeps the floor current without sorting on each one.
        if self.kept.len() >= 2 * self.limit
            || (self.floor.is_none() && self.kept.len() == self.limit)
        {
            self.settle();
        }
    }

    fn settle(&mut self) {
        self.kept
            .sort_by(|a, b| followup::rank_cmp((a.0, a.1.due, a.1.id), (b.0, b.1.due, b.1.id)));
        self.kept.truncate(self.limit);
        if self.kept.len() == self.limit {
            self.floor = self.kept.last().map(|(k, _)| *k);
        }
    }

    fn rows(mut self) -> Vec<AgendaRow> {
        self.settle();
        self.kept.into_iter().map(|(_, f)| f).collect()
    }
}

/// The first `limit` of the window's items (all overdue by a minute or more) in the
/// agenda's order. Their urgency is `score_base` plus the same clock term for all, plus
/// the rotting weight for those whose contact rots, so walking them by `score_base` gives
/// a bound on every item further down: the walk stops once that bound falls below the
/// `limit`-th best kept. Reading by `score_base` within each class (rotting or not) walked
/// past every item of the other class: on a book where most contacts rot, thousands.
pub(super) fn best_overdue(
    snap: Snap<'_>,
    t: &Template,
    w: &Window,
    limit: usize,
) -> Result<Vec<AgendaRow>> {
    let now = w.now;
    let key = |f: &AgendaRow| followup::rank_key(t, f.track, f.score_base, f.due, f.rot_from, now);
    // The most any item from `f` on can reach: its `score_base` or less, rotting if the
    // weight adds.
    let rots = (t.urgency.rotting > 0.0).then_some(now);
    let bound = |f: &AgendaRow| followup::rank_key(t, f.track, f.score_base, f.due, rots, now);
    if limit == 0 {
        return Ok(Vec::new());
    }
    let mut best = Best::new(limit);
    snap.walk_overdue(w, |f| {
        if !best.open_to(bound(&f)) {
            return false;
        }
        best.offer(key(&f), f);
        true
    })?;
    Ok(best.rows())
}

/// Windows of more days than this are ranked in one read (`Snap::agenda_rows`): walked
/// day by day, `agenda --days 3660` would be thousands of walks.
const MAX_WALKED_DAYS: i64 = 62;

/// A day's part of a window shorter than this is ranked in one read too. A walk passes the
/// day's other items to find the window's: for the last minute before "now", the whole day.
const MIN_WALKED_SECONDS: i64 = 6 * 3600;

/// The first `limit` of a window's items that are not first replies, in the agenda's
/// order, for a window that may hold items not yet overdue (today's, the coming days',
/// the last minute's). Ranked in one read, such a window read every item due in it; on a
/// book with the day index each UTC day of the window is walked by `score_base` instead.
/// An item due on that day ranks by its `score_base` plus the overdue rate times its due
/// time (or, once overdue, times now), plus the rotting weight if its contact rots: with
/// the largest of those rate terms the day allows, that bounds every item further down
/// the day's walk, which stops once the bound falls below the `limit`-th best kept.
pub(super) fn best_not_due(
    snap: Snap<'_>,
    t: &Template,
    w: &Window,
    limit: usize,
) -> Result<Vec<AgendaRow>> {
    let (from, until, now) = (
        w.from.map_or(i64::MIN, |f| f.timestamp()),
        w.until.timestamp(),
        w.now.timestamp(),
    );
    // Bucket arithmetic below assumes times after 1970 (`/` truncates towards zero).
    let days = (from >= 0 && until > from).then(|| (from / DAY_SECONDS, (until - 1) / DAY_SECONDS));
    let walkable = !w.first_replies
        && days.is_some_and(|(first, last)| last - first < MAX_WALKED_DAYS)
        && snap.has_day_index()?;
    let Some((first, last)) = days.filter(|_| walkable && limit > 0) else {
        return snap.agenda_rows(w, limit);
    };
    let rate = t.urgency.per_overdue_day;
    let term = |s: i64| rate * s as f64 / 86_400.0;
    let rot = t.urgency.rotting.max(0.0);
    let key =
        |f: &AgendaRow| followup::rank_key(t, f.track, f.score_base, f.due, f.rot_from, w.now);
    let mut best = Best::new(limit);
    for day in first..=last {
        // The day's part of the window, in whole seconds (due times are stored as such).
        let lo = from.max(day * DAY_SECONDS);
        let hi = until.min((day + 1) * DAY_SECONDS) - 1;
        // `rank_key` adds `term(due)` (monotonic in the due time whatever the rate's sign)
        // or, overdue, `term(now)`; IEEE addition is monotonic too, so this is exact.
        if hi - lo + 1 < MIN_WALKED_SECONDS {
            let part = Window {
                from: DateTime::from_timestamp(lo, 0),
                until: DateTime::from_timestamp(hi + 1, 0).unwrap_or(w.until),
                ..*w
            };
            for f in snap.agenda_rows(&part, limit)? {
                best.offer(key(&f), f);
            }
            continue;
        }
        let top = term(lo).max(term(hi)).max(term(now));
        // Any row's bound holds for every row after it (their `score_base` is no higher),
        // whether or not the row itself is one of the window's.
        snap.walk_day(w, day, |score_base, item| {
            let reach = score_base + top;
            if !best.open_to(if rot > 0.0 { reach + rot } else { reach }) {
                return false;
            }
            if let Some(f) = item {
                best.offer(key(&f), f);
            }
            true
        })?;
    }
    Ok(best.rows())
}
