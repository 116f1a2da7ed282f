//! Cadence compliance: the follow-ups due in the window, done on time, late, missed or
//! skipped, per section of the plan.
//!
//! A follow-up is judged by when it was completed against its due time:
//! - `done` rows were completed when closed;
//! - `superseded` rows were completed by a touch when the contact has a touch logged at most
//!   [`TOUCH_CLOSES_WITHIN_SECONDS`] before the row was closed (logging a touch re-plans the
//!   contact in the same write, which closes the step it completed); otherwise the plan
//!   replaced them (new grade, win, loss, dormancy): if that happened after the follow-up's
//!   deadline it was missed, before it it is "replaced" and not counted;
//! - `open` rows past their deadline are missed, others pending (not counted);
//! - `skipped` rows are counted apart with their reasons, when skipped by the deadline; one
//!   skipped after it was missed.
//!
//! On time: completed at or before the due time, or (except first replies, whose limit is in
//! minutes) later on the due's local day.

use super::{Reason, TOUCH_CLOSES_WITHIN_SECONDS, rank_reasons};
use crate::domain::ContactId;
use crate::domain::followup::Track;
use crate::report::index::Index;
use crate::report::input::{FollowupRow, FollowupStatus, Window};
use crate::report::stats::{Count, Share, local_day};
use chrono::{DateTime, FixedOffset, TimeDelta, Utc};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Compliance {
    /// One per section, in `Track::ALL` order: the five every SOP has, and any other that
    /// had follow-ups due in the window.
    pub sections: Vec<TrackCompliance>,
    pub total: TrackCompliance,
}

/// Counts of follow-ups (not contacts); `contacts` in each are the contacts behind them.
#[derive(Debug, Clone, Default, Serialize)]
pub struct TrackCompliance {
    /// `None` for the total.
    pub track: Option<Track>,
    pub on_time: Count,
    pub late: Count,
    pub missed: Count,
    pub skipped: Count,
    /// Closed by a change of plan before their deadline: not counted against the rep.
    pub replaced: Count,
    /// Open and not past their deadline yet.
    pub pending: Count,
    /// On time out of on time + late + missed (a skip with a reason is a decision, not a
    /// failure: it is shown apart).
    pub on_time_share: Share,
    pub skip_reasons: Vec<Reason>,
}

/// What became of one follow-up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verdict {
    OnTime,
    Late,
    Missed,
    Skipped,
    Replaced,
    Pending,
}

/// Whether a follow-up of `track` due at `due` and completed at `done` was on time.
pub fn on_time(track: Track, due: DateTime<Utc>, done: DateTime<Utc>, offset: FixedOffset) -> bool {
    done <= due
        || (track != Track::FirstResponse && local_day(done, offset) == local_day(due, offset))
}

/// The touch that completed a superseded follow-up closed at `closed`, if any: the latest
/// of `touches` (ascending) within the closing write's tolerance.
pub fn superseded_by_touch(
    touches: &[DateTime<Utc>],
    closed: DateTime<Utc>,
) -> Option<DateTime<Utc>> {
    let k = touches.partition_point(|t| *t <= closed);
    let t = *touches.get(k.checked_sub(1)?)?;
    (closed - t <= TimeDelta::seconds(TOUCH_CLOSES_WITHIN_SECONDS)).then_some(t)
}

fn verdict(ix: &Index, f: &FollowupRow, touches: &[DateTime<Utc>]) -> Verdict {
    let offset = ix.input.utc_offset;
    let judge = |done: DateTime<Utc>| {
        if on_time(f.track, f.due, done, offset) {
            Verdict::OnTime
        } else {
            Verdict::Late
        }
    };
    match f.status {
        FollowupStatus::Done => judge(f.closed_at.unwrap_or(f.due)),
        // A skip made after the deadline is a miss with a reason: it was not done in time.
        FollowupStatus::Skipped => match f.closed_at {
            Some(at) if !on_time(f.track, f.due, at, offset) => Verdict::Missed,
            _ => Verdict::Skipped,
        },
        FollowupStatus::Superseded => {
            let closed = f.closed_at.unwrap_or(f.due);
            match superseded_by_touch(touches, closed) {
                Some(t) => judge(t),
                None if on_time(f.track, f.due, closed, offset) => Verdict::Replaced,
                None => Verdict::Missed,
            }
        }
        FollowupStatus::Open if on_time(f.track, f.due, ix.input.now, offset) => Verdict::Pending,
        FollowupStatus::Open => Verdict::Missed,
    }
}

#[derive(Default)]
struct Tally<'a> {
    ids: [Vec<ContactId>; 6],
    skip_reasons: Vec<(Option<&'a str>, ContactId)>,
}

impl Tally<'_> {
    fn finish(self, track: Option<Track>) -> TrackCompliance {
        let [on_time, late, missed, skipped, replaced, pending] =
            self.ids.map(|ids| Count::of_items(ids.len(), ids));
        TrackCompliance {
            track,
            on_time_share: Share::new(on_time.count, on_time.count + late.count + missed.count),
            skip_reasons: rank_reasons(self.skip_reasons.iter().map(|(r, id)| (r.as_deref(), *id))),
            on_time,
            late,
            missed,
            skipped,
            replaced,
            pending,
        }
    }
}

/// The sections every report shows; the others (grading, sessions, appointments,
/// signals…) appear when the period holds some.
const ALWAYS: [Track; 5] = [
    Track::FirstResponse,
    Track::Cadence,
    Track::Aftercare,
    Track::Repurchase,
    Track::Reactivation,
];

/// A lead's first reply is one obligation however often the plan dated it (a template
/// with another limit, a re-plan after the deadline): the first of its rows the rep is
/// judged on (done, late, missed or skipped) stands for it, and the lead's later first-
/// reply rows are not counted again.
fn first_replies_judged(ix: &Index) -> std::collections::HashMap<ContactId, i64> {
    let mut first: std::collections::HashMap<ContactId, (DateTime<Utc>, i64)> =
        std::collections::HashMap::new();
    for f in ix
        .input
        .followups
        .iter()
        .filter(|f| f.track == Track::FirstResponse)
    {
        let Some(i) = ix.pos.get(f.contact) else {
            continue;
        };
        if matches!(
            verdict(ix, f, ix.touches.get(i)),
            Verdict::Replaced | Verdict::Pending
        ) {
            continue;
        }
        let e = first.entry(f.contact).or_insert((f.due, f.id));
        if (f.due, f.id) < *e {
            *e = (f.due, f.id);
        }
    }
    first.into_iter().map(|(c, (_, id))| (c, id)).collect()
}

pub(crate) fn compliance(ix: &Index, w: Window) -> Compliance {
    let mut tallies: Vec<Tally> = Track::ALL.iter().map(|_| Tally::default()).collect();
    let mut total = Tally::default();
    let judged_first = first_replies_judged(ix);
    for f in &ix.input.followups {
        if !w.contains(f.due) {
            continue;
        }
        let Some(i) = ix.pos.get(f.contact) else {
            continue;
        };
        if f.track == Track::FirstResponse
            && judged_first.get(&f.contact).is_some_and(|id| *id != f.id)
        {
            continue;
        }
        let v = verdict(ix, f, ix.touches.get(i));
        let slot = v as usize;
        let t = &mut tallies[Track::ALL.iter().position(|t| *t == f.track).unwrap_or(0)];
        t.ids[slot].push(f.contact);
        total.ids[slot].push(f.contact);
        if v == Verdict::Skipped {
            t.skip_reasons.push((f.note.as_deref(), f.contact));
            total.skip_reasons.push((f.note.as_deref(), f.contact));
        }
    }
    Compliance {
        sections: tallies
            .into_iter()
            .zip(Track::ALL)
            .filter(|(t, track)| ALWAYS.contains(track) || t.ids.iter().any(|v| !v.is_empty()))
            .map(|(t, track)| t.finish(Some(track)))
            .collect(),
        total: total.finish(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(offset: FixedOffset, d: u32, h: u32, m: u32) -> DateTime<Utc> {
        offset
            .with_ymd_and_hms(2026, 11, d, h, m, 0)
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn on_time_is_by_the_local_due_day_except_first_replies() {
        let east8 = FixedOffset::east_opt(8 * 3600).unwrap();
        let due = at(east8, 10, 23, 0);
        assert!(on_time(Track::Cadence, due, at(east8, 10, 23, 59), east8));
        assert!(!on_time(Track::Cadence, due, at(east8, 11, 0, 30), east8));
        assert!(on_time(Track::Cadence, due, at(east8, 9, 8, 0), east8));
        // Judged in UTC, 00:30 (+8) on the 11th is 16:30 on the 10th: the due's day.
        assert!(on_time(
            Track::Cadence,
            due,
            at(east8, 11, 0, 30),
            FixedOffset::east_opt(0).unwrap()
        ));
        // A first reply is late a minute after its due time, day or not.
        assert!(!on_time(
            Track::FirstResponse,
            due,
            at(east8, 10, 23, 1),
            east8
        ));
    }

    #[test]
    fn a_superseded_row_is_done_by_a_touch_in_the_closing_write() {
        let utc = FixedOffset::east_opt(0).unwrap();
        let touches = [at(utc, 10, 9, 0), at(utc, 10, 12, 0)];
        assert_eq!(
            superseded_by_touch(&touches, at(utc, 10, 12, 0)),
            Some(touches[1])
        );
        assert_eq!(
            superseded_by_touch(&touches, at(utc, 10, 12, 1)),
            Some(touches[1])
        );
        assert_eq!(superseded_by_touch(&touches, at(utc, 10, 12, 2)), None);
        assert_eq!(superseded_by_touch(&touches, at(utc, 10, 8, 0)), None);
        assert_eq!(superseded_by_touch(&[], at(utc, 10, 8, 0)), None);
    }
}
