//! How wall-clock time maps to instants. A fixed offset (a pinned clock, tests) or a region
//! with daylight saving (the system zone, provided by `crate::clock`): an instant is shown in
//! the offset of its own date, and a typed local time is read in the offset it will have.

use chrono::{DateTime, FixedOffset, NaiveDateTime, TimeZone, Utc};

pub trait Zone {
    /// The offset in force at `t`.
    fn offset_at(&self, t: DateTime<Utc>) -> FixedOffset;

    /// The instant a local wall-clock time means: in a gap (clocks jumped forward) the time
    /// after it, in an overlap (clocks went back) the earlier of the two.
    fn instant(&self, local: NaiveDateTime) -> Option<DateTime<Utc>>;

    fn local(&self, t: DateTime<Utc>) -> DateTime<FixedOffset> {
        t.with_timezone(&self.offset_at(t))
    }
}

impl Zone for FixedOffset {
    fn offset_at(&self, _: DateTime<Utc>) -> FixedOffset {
        *self
    }

    fn instant(&self, local: NaiveDateTime) -> Option<DateTime<Utc>> {
        self.from_local_datetime(&local)
            .single()
            .map(|d| d.with_timezone(&Utc))
    }
}

/// [`Zone::instant`] for any chrono time zone.
pub fn instant_in<Tz: TimeZone>(tz: &Tz, local: NaiveDateTime) -> Option<DateTime<Utc>> {
    use chrono::LocalResult;
    match tz.from_local_datetime(&local) {
        LocalResult::Single(d) => Some(d.with_timezone(&Utc)),
        LocalResult::Ambiguous(a, b) => Some(a.min(b).with_timezone(&Utc)),
        // In a gap: an hour later is past it for every zone in use.
        LocalResult::None => tz
            .from_local_datetime(&(local + chrono::TimeDelta::hours(1)))
            .earliest()
            .map(|d| d.with_timezone(&Utc)),
    }
}
