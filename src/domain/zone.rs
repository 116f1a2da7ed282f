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

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{LocalResult, NaiveDate, Offset};

    /// A toy region whose clocks change once, at `switch` (UTC): `before` seconds east of UTC
    /// until then, `after` from then on. Spring forward when `after > before`, fall back
    /// otherwise.
    #[derive(Debug, Clone, Copy)]
    struct OneSwitch {
        switch: NaiveDateTime,
        before: i32,
        after: i32,
    }

    impl OneSwitch {
        fn offset_of(&self, utc: NaiveDateTime) -> FixedOffset {
            let secs = if utc < self.switch {
                self.before
            } else {
                self.after
            };
            FixedOffset::east_opt(secs).unwrap()
        }
    }

    impl TimeZone for OneSwitch {
        type Offset = FixedOffset;

        fn from_offset(_: &FixedOffset) -> Self {
            unreachable!("not used by these tests")
        }

        fn offset_from_local_date(&self, _: &chrono::NaiveDate) -> LocalResult<FixedOffset> {
            unreachable!("not used by these tests")
        }

        fn offset_from_local_datetime(&self, local: &NaiveDateTime) -> LocalResult<FixedOffset> {
            // Each offset is valid for a local time if, read in it, the time falls on that
            // offset's side of the switch.
            let valid = |secs: i32| {
                let o = FixedOffset::east_opt(secs).unwrap();
                let utc = *local - chrono::TimeDelta::seconds(secs.into());
                (self.offset_of(utc) == o).then_some(o)
            };
            match (valid(self.before), valid(self.after)) {
                (Some(a), Some(b)) => LocalResult::Ambiguous(a, b),
                (Some(o), None) | (None, Some(o)) => LocalResult::Single(o),
                (None, None) => LocalResult::None,
            }
        }

        fn offset_from_utc_date(&self, _: &chrono::NaiveDate) -> FixedOffset {
            unreachable!("not used by these tests")
        }

        fn offset_from_utc_datetime(&self, utc: &NaiveDateTime) -> FixedOffset {
            self.offset_of(*utc)
        }
    }

    fn at(d: u32, h: u32, m: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 3, d)
            .unwrap()
            .and_hms_opt(h, m, 0)
            .unwrap()
    }

    fn utc(d: u32, h: u32, m: u32) -> DateTime<Utc> {
        at(d, h, m).and_utc()
    }

    /// +01:00, and from 01:00 UTC on 29 March +02:00: local 02:00-03:00 never happens.
    fn spring() -> OneSwitch {
        OneSwitch {
            switch: at(29, 1, 0),
            before: 3600,
            after: 7200,
        }
    }

    /// +02:00, and from 01:00 UTC on 29 March +01:00: local 02:00-03:00 happens twice.
    fn autumn() -> OneSwitch {
        OneSwitch {
            switch: at(29, 1, 0),
            before: 7200,
            after: 3600,
        }
    }

    #[test]
    fn a_fixed_offset_reads_and_shows_times_in_itself() {
        let cst = FixedOffset::east_opt(8 * 3600).unwrap();
        assert_eq!(cst.offset_at(utc(1, 0, 0)), cst);
        // 09:30 in Beijing is 01:30 UTC.
        assert_eq!(cst.instant(at(2, 9, 30)), Some(utc(2, 1, 30)));
        let shown = cst.local(utc(2, 1, 30));
        assert_eq!(shown.naive_local(), at(2, 9, 30));
        assert_eq!(shown.offset().fix(), cst);
    }

    #[test]
    fn an_ordinary_local_time_is_the_one_instant_it_names() {
        // The day before the change, 10:00 at +01:00 is 09:00 UTC; the day after, at +02:00,
        // 08:00 UTC.
        assert_eq!(instant_in(&spring(), at(28, 10, 0)), Some(utc(28, 9, 0)));
        assert_eq!(instant_in(&spring(), at(30, 10, 0)), Some(utc(30, 8, 0)));
    }

    #[test]
    fn a_time_in_the_spring_gap_means_the_time_after_it() {
        // 02:30 does not exist on 29 March: it is read an hour on, 03:30 at +02:00, which is
        // 01:30 UTC — after the switch, never before it.
        let got = instant_in(&spring(), at(29, 2, 30));
        assert_eq!(got, Some(utc(29, 1, 30)));
        assert!(got.unwrap().naive_utc() >= spring().switch);
    }

    #[test]
    fn a_time_in_the_autumn_overlap_means_the_earlier_of_the_two() {
        // 02:30 happens at +02:00 (00:30 UTC) and again at +01:00 (01:30 UTC).
        assert_eq!(instant_in(&autumn(), at(29, 2, 30)), Some(utc(29, 0, 30)));
    }
}
