use super::ContactHours;
use crate::domain::sop_syntax::SyntaxError;
use chrono::{DateTime, FixedOffset, NaiveTime, TimeDelta, Utc};
use proptest::prelude::*;

fn hours(s: &str) -> ContactHours {
    s.parse().unwrap()
}

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn cn() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).unwrap()
}

#[test]
fn a_time_outside_the_hours_waits_for_their_next_start() {
    let h = hours("09:00-21:00");
    // Within: unchanged, the start included.
    for t in [
        "2026-11-23T09:00:00+08:00",
        "2026-11-23T15:37:12+08:00",
        "2026-11-23T20:59:59+08:00",
    ] {
        assert_eq!(h.within(at(t), cn()), at(t), "{t}");
    }
    // Before the start: that morning; at or after the end: the next one.
    assert_eq!(
        h.within(at("2026-11-23T02:53:00+08:00"), cn()),
        at("2026-11-23T09:00:00+08:00")
    );
    assert_eq!(
        h.within(at("2026-11-23T00:00:00+08:00"), cn()),
        at("2026-11-23T09:00:00+08:00")
    );
    assert_eq!(
        h.within(at("2026-11-23T21:00:00+08:00"), cn()),
        at("2026-11-24T09:00:00+08:00")
    );
    assert_eq!(
        h.within(at("2026-11-23T23:28:00+08:00"), cn()),
        at("2026-11-24T09:00:00+08:00")
    );
    // The day is the rep's: 23:28 in Beijing is 15:28 UTC, inside the hours in UTC.
    let utc = FixedOffset::east_opt(0).unwrap();
    assert_eq!(
        h.within(at("2026-11-23T23:28:00+08:00"), utc),
        at("2026-11-23T23:28:00+08:00")
    );
}

#[test]
fn hours_read_as_start_dash_end_within_one_day() {
    let h = hours(" 08:30 - 22:00 ");
    assert_eq!(h.start, NaiveTime::from_hms_opt(8, 30, 0).unwrap());
    assert_eq!(h.end, NaiveTime::from_hms_opt(22, 0, 0).unwrap());
    for bad in [
        "21:00-09:00",
        "09:00-09:00",
        "9-21",
        "09:00",
        "09:00-25:00",
        "",
        "上午-晚上",
    ] {
        assert_eq!(
            bad.parse::<ContactHours>(),
            Err(SyntaxError::BadContactHours(bad.to_string())),
            "{bad:?}"
        );
    }
}

proptest! {
    /// Against the plain way, minute by minute: the first minute at or after `due` whose
    /// local time is within the hours.
    #[test]
    fn within_is_the_first_minute_in_the_hours(
        start in 0u32..(23 * 60),
        len in 1u32..(24 * 60),
        due_min in 0i64..(60 * 24 * 400),
        offset_q in -48i32..=56,
    ) {
        let end = (start + len).min(24 * 60 - 1);
        prop_assume!(end > start);
        let t = |m: u32| NaiveTime::from_hms_opt(m / 60, m % 60, 0).unwrap();
        let h = ContactHours { start: t(start), end: t(end) };
        let offset = FixedOffset::east_opt(offset_q * 15 * 60).unwrap();
        let due = at("2026-01-01T00:00:00Z") + TimeDelta::minutes(due_min);
        let mut plain = due;
        loop {
            let local = plain.with_timezone(&offset).time();
            if local >= h.start && local < h.end {
                break;
            }
            plain += TimeDelta::minutes(1);
        }
        prop_assert_eq!(h.within(due, offset), plain);
    }
}

/// An item whose window closes when the hours begin (or before) keeps its night time: moved,
/// it would fall due the moment it stops being live, and never be on anyone's list.
#[test]
fn an_item_whose_window_closes_first_keeps_its_time() {
    use crate::domain::followup::{Planned, Track, within_contact_hours};
    let night = at("2026-11-23T03:00:00+08:00");
    let item = |expires: Option<&str>| Planned {
        expires: expires.map(at),
        ..Planned::new(Track::Cadence, 0, night, "问候".into())
    };
    let mut plan = [
        item(None),
        item(Some("2026-11-23T09:00:00+08:00")),
        item(Some("2026-11-23T09:00:01+08:00")),
        item(Some("2026-11-23T08:00:00+08:00")),
    ];
    within_contact_hours(&mut plan, hours("09:00-21:00"), cn());
    let dues: Vec<DateTime<Utc>> = plan.iter().map(|p| p.due).collect();
    let nine = at("2026-11-23T09:00:00+08:00");
    assert_eq!(dues, [nine, night, nine, night]);
}
