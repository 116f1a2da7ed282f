//! The agenda's sections read from the indexes in (about) their own order, stopping as soon
//! as no item further down can rank among the first `limit`: the overdue items by
//! `score_base`, the items not yet due day by day. Both give exactly the first `limit` of
//! the full ranking (`domain::urgency::rank_key`, then due, then id), which the
//! `agenda_limit` property test checks against ranking every item.

use crate::domain::followup;
use crate::domain::sop::Template;
use crate::store::{AgendaRow, DAY_SECONDS, Met, RowKey, Snap, Window};
use anyhow::Result;
use chrono::DateTime;

/// What the walk of items not yet due reads: the book (`Snap`), or in the unit tests a
/// list of rows, which shows how much of it a walk read.
pub(super) trait DaySource {
    /// The window's first `limit` by the ranking, in one read (`Snap::agenda_rows`).
    fn ranked(&self, w: &Window, limit: usize) -> Result<Vec<AgendaRow>>;
    fn has_day_index(&self) -> Result<bool>;
    /// See `Snap::count_due_between`.
    fn count_due_between(&self, lo: i64, hi: i64, cap: usize) -> Result<usize>;
    /// See `Snap::walk_day`.
    fn walk_day(
        &self,
        w: &Window,
        day: i64,
        rots: Option<bool>,
        least: f64,
        visit: &mut dyn FnMut(Met<'_>) -> Result<bool>,
    ) -> Result<()>;
}

impl DaySource for Snap<'_> {
    fn ranked(&self, w: &Window, limit: usize) -> Result<Vec<AgendaRow>> {
        self.agenda_rows(w, limit)
    }
    fn has_day_index(&self) -> Result<bool> {
        Snap::has_day_index(self)
    }
    fn count_due_between(&self, lo: i64, hi: i64, cap: usize) -> Result<usize> {
        Snap::count_due_between(self, lo, hi, cap)
    }
    fn walk_day(
        &self,
        w: &Window,
        day: i64,
        rots: Option<bool>,
        least: f64,
        visit: &mut dyn FnMut(Met<'_>) -> Result<bool>,
    ) -> Result<()> {
        Snap::walk_day(self, w, day, rots, least, visit)
    }
}

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

    /// Keeps `met` if its key could rank among the first `limit`; reads the rest of it
    /// only then.
    fn meet(&mut self, key: f64, met: Met<'_>) -> Result<()> {
        if self.open_to(key) {
            self.offer(key, met.row()?);
        }
        Ok(())
    }

    /// The least `score_base` an item can have and still enter, when `lift` (at most) is
    /// added to it: a little below the exact figure, so that rounding never turns away one
    /// that [`Best::open_to`] would let in. Minus infinity while anything may enter.
    fn least(&self, lift: f64) -> f64 {
        let Some(k) = self.floor else {
            return f64::NEG_INFINITY;
        };
        let least = k - lift - 1e-9 * (k.abs() + lift.abs() + 1.0);
        if least.is_finite() {
            least
        } else {
            f64::NEG_INFINITY
        }
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
    let key = |f: &RowKey| followup::rank_key(t, f.track, f.score_base, f.due, f.rot_from, now);
    // The most any item from `f` on can reach: its `score_base` or less, rotting if the
    // weight adds.
    let rots = (t.urgency.rotting > 0.0).then_some(now);
    let bound = |f: &RowKey| followup::rank_key(t, f.track, f.score_base, f.due, rots, now);
    if limit == 0 {
        return Ok(Vec::new());
    }
    let mut best = Best::new(limit);
    snap.walk_overdue(w, |met| {
        if !best.open_to(bound(&met.key)) {
            return Ok(false);
        }
        best.meet(key(&met.key), met)?;
        Ok(true)
    })?;
    Ok(best.rows())
}

/// Windows of more days than this are ranked in one read (`Snap::agenda_rows`): walked
/// day by day, `agenda --days 3660` would be thousands of walks.
const MAX_WALKED_DAYS: i64 = 62;

/// A day's part of a window shorter than this is ranked in one read too. A walk passes the
/// day's other items to find the window's: for the last minute before "now", the whole day.
const MIN_WALKED_SECONDS: i64 = 6 * 3600;

/// One UTC day's part of a window: due times `lo..=hi` (whole seconds, as stored), walked
/// by `score_base` (`walk`) or, too short for that, ranked in one read.
#[derive(Debug, Clone, Copy, PartialEq)]
struct DayPart {
    day: i64,
    lo: i64,
    hi: i64,
    walk: bool,
}

/// How a window of items that are not first replies is read on a book with the day index:
/// its UTC days' parts, or `None` when it is ranked in one read (first replies, an empty
/// window, one before 1970, where `/` would not give the index's day, or one of more than
/// [`MAX_WALKED_DAYS`] days).
fn walk_plan(w: &Window) -> Option<Vec<DayPart>> {
    let from = w.from?.timestamp();
    let until = w.until.timestamp();
    if w.first_replies || from < 0 || until <= from {
        return None;
    }
    let (first, last) = (from / DAY_SECONDS, (until - 1) / DAY_SECONDS);
    if last - first >= MAX_WALKED_DAYS {
        return None;
    }
    Some(
        (first..=last)
            .map(|day| {
                let lo = from.max(day * DAY_SECONDS);
                let hi = until.min((day + 1) * DAY_SECONDS) - 1;
                DayPart {
                    day,
                    lo,
                    hi,
                    walk: hi - lo + 1 >= MIN_WALKED_SECONDS,
                }
            })
            .collect(),
    )
}

/// How a day's part of a window is read: not at all, walked, or ranked in one read.
#[derive(Debug, Clone, Copy, PartialEq)]
enum PartRead {
    Skip,
    Walk,
    Rank,
}

/// A part is ranked in one read when the rest of its day holds more than this many items
/// for each of its own.
const SPARSE: usize = 20;

/// A day's walk reads its wide index (every column the agenda shows) and passes each of
/// the day's items above the floor, those due outside the part too: for a part that holds
/// nothing (the night before a day of work), the whole day. So the narrow due index, a
/// hundred items a page, is counted first: a part with nothing in it is skipped, and one
/// with few items (up to four times `limit`) whose day holds more than [`SPARSE`] times as
/// many elsewhere is ranked in one read (its items from the narrow index, the kept ones'
/// rows from the table), which then costs less than walking past the rest.
fn part_read(snap: &impl DaySource, part: &DayPart, limit: usize) -> Result<PartRead> {
    let few = 4 * limit;
    let own = snap.count_due_between(part.lo, part.hi, few + 1)?;
    if own == 0 {
        return Ok(PartRead::Skip);
    }
    if own > few {
        return Ok(PartRead::Walk);
    }
    let cap = SPARSE * own + 1;
    let (start, end) = (part.day * DAY_SECONDS, (part.day + 1) * DAY_SECONDS - 1);
    let mut rest = 0;
    if part.lo > start {
        rest += snap.count_due_between(start, part.lo - 1, cap)?;
    }
    if part.hi < end && rest < cap {
        rest += snap.count_due_between(part.hi + 1, end, cap - rest)?;
    }
    Ok(if rest > SPARSE * own {
        PartRead::Rank
    } else {
        PartRead::Walk
    })
}

/// The first `limit` of a window's items that are not first replies, in the agenda's
/// order, for a window that may hold items not yet overdue (today's, the coming days',
/// the last minute's). Ranked in one read, such a window read every item due in it; on a
/// book with the day index each UTC day of the window is walked by `score_base` instead.
/// An item due on that day ranks by its `score_base` plus the overdue rate times its due
/// time (or, once overdue, times now), plus the rotting weight if its contact rots: with
/// the largest of those rate terms the day allows, that bounds every item further down
/// the day's walk, which stops once the bound falls below the `limit`-th best kept.
pub(super) fn best_not_due(
    snap: &impl DaySource,
    t: &Template,
    w: &Window,
    limit: usize,
) -> Result<Vec<AgendaRow>> {
    let plan = match walk_plan(w) {
        Some(parts) if limit > 0 && snap.has_day_index()? => parts,
        _ => return snap.ranked(w, limit),
    };
    let rate = t.urgency.per_overdue_day;
    let term = |s: i64| rate * s as f64 / 86_400.0;
    let rot = t.urgency.rotting.max(0.0);
    let key = |f: &RowKey| followup::rank_key(t, f.track, f.score_base, f.due, f.rot_from, w.now);
    let mut best = Best::new(limit);
    for part in plan {
        let read = if part.walk {
            part_read(snap, &part, limit)?
        } else {
            PartRead::Rank
        };
        if read == PartRead::Skip {
            continue;
        }
        if read == PartRead::Rank {
            let short = Window {
                from: DateTime::from_timestamp(part.lo, 0),
                until: DateTime::from_timestamp(part.hi + 1, 0).unwrap_or(w.until),
                ..*w
            };
            for f in snap.ranked(&short, limit)? {
                best.offer(key(&RowKey::of(&f)), f);
            }
            continue;
        }
        // `rank_key` adds `term(due)` (monotonic in the due time whatever the rate's sign)
        // or, overdue, `term(now)`; IEEE addition is monotonic too, so the bound is exact.
        let top = term(part.lo)
            .max(term(part.hi))
            .max(term(w.now.timestamp()));
        // A row's bound holds for every row after it: their `score_base` is no higher.
        // Where rotting adds weight, the items that rot (few, as a rule) are walked apart
        // from the others, so that the others' walk stops without the weight in its bound:
        // with it, that walk passed every item within the weight of the floor.
        let classes: &[(Option<bool>, f64)] = if rot > 0.0 {
            &[(Some(false), 0.0), (Some(true), rot)]
        } else {
            &[(None, 0.0)]
        };
        for &(rots, weight) in classes {
            let least = best.least(top + weight);
            snap.walk_day(w, part.day, rots, least, &mut |met| {
                if !best.open_to(met.key.score_base + top + weight) {
                    return Ok(false);
                }
                best.meet(key(&met.key), met)?;
                Ok(true)
            })?;
        }
    }
    Ok(best.rows())
}

#[cfg(test)]
#[path = "agenda_walks_tests.rs"]
mod tests;
