//! The demo rep's working day: the demo's timelines are drawn over whole days, then put
//! into working hours, so a demo book reads like a rep's (nobody is called at 04:00).

use chrono::{DateTime, Duration, FixedOffset, Timelike, Utc};

/// Opening and closing time of the demo rep's working day (local hours).
const WORK_STARTS: i64 = 9;
const WORK_ENDS: i64 = 21;

/// `t` if it falls in working hours, else when they next begin (09:00 that day or the
/// next): never earlier than `t`, and later times never map earlier.
pub(crate) fn next_working(t: DateTime<Utc>, offset: FixedOffset) -> DateTime<Utc> {
    let since_midnight = i64::from(t.with_timezone(&offset).num_seconds_from_midnight());
    let midnight = t - Duration::seconds(since_midnight);
    match since_midnight / 3600 {
        h if h < WORK_STARTS => midnight + Duration::hours(WORK_STARTS),
        h if h >= WORK_ENDS => midnight + Duration::hours(24 + WORK_STARTS),
        _ => t,
    }
}

/// `t` pressed into the working day (09:00–21:00 local): each day's 24 hours are squeezed
/// into those 12, so times keep their order and nobody is called at four in the morning.
pub(crate) fn in_working_hours(t: DateTime<Utc>, offset: FixedOffset) -> DateTime<Utc> {
    let since_midnight = i64::from(t.with_timezone(&offset).num_seconds_from_midnight());
    let midnight = t - Duration::seconds(since_midnight);
    let day = (WORK_ENDS - WORK_STARTS) * 3600;
    midnight + Duration::hours(WORK_STARTS) + Duration::seconds(since_midnight * day / 86_400)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Pressing a day into working hours keeps every time's order and day, and lands
    /// within 09:00–21:00, on random times in several offsets.
    #[test]
    fn working_hours_keep_order_and_day() {
        let now: DateTime<Utc> = "2026-11-23T01:30:00Z".parse().unwrap();
        // A small xorshift: random times, the same on every run.
        let mut x = 0x2545_f491_u64;
        let mut below = |n: u64| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x % n
        };
        for hours in [-5, 0, 8, 14] {
            let offset = FixedOffset::east_opt(hours * 3600).unwrap();
            let mut times: Vec<DateTime<Utc>> = (0..2000)
                .map(|_| now - Duration::seconds(below(90 * 86_400) as i64))
                .collect();
            times.sort();
            let pressed: Vec<_> = times.iter().map(|t| in_working_hours(*t, offset)).collect();
            assert!(pressed.windows(2).all(|w| w[0] <= w[1]));
            let woken: Vec<_> = times.iter().map(|t| next_working(*t, offset)).collect();
            assert!(woken.windows(2).all(|w| w[0] <= w[1]));
            for (t, w) in times.iter().zip(&woken) {
                let local = w.with_timezone(&offset);
                assert!(w >= t && (9..21).contains(&local.hour()), "{t} → {local}");
                assert!(*w - *t < Duration::hours(12), "{t} → {local}");
            }
            for (t, p) in times.iter().zip(&pressed) {
                let (t, p) = (t.with_timezone(&offset), p.with_timezone(&offset));
                assert_eq!(t.date_naive(), p.date_naive());
                assert!((9..21).contains(&p.hour()), "{t} → {p}");
            }
        }
    }
}
