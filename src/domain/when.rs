//! Times a rep types: "+3d", "2026-12-01", "2026-12-01 15:00" — read in the local offset.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, TimeDelta, Utc};

/// `+3d`, `+4h`, `+30m`, `+1w` from `now`; a date (09:00 that day); or a date and time.
pub fn parse_until(
    now: DateTime<Utc>,
    offset: FixedOffset,
    s: &str,
) -> Result<DateTime<Utc>, String> {
    let t = super::text::fold_width(s.trim());
    let bad = || {
        format!("bad time '{s}'; expected +Nd / +Nh / +Nm / +Nw, YYYY-MM-DD, or YYYY-MM-DD HH:MM")
    };
    if let Some(rest) = t.strip_prefix('+') {
        let d: TimeDelta = super::sop::parse_duration(rest).map_err(|_| bad())?;
        return Ok(now + d);
    }
    let local = if let Ok(d) = NaiveDate::parse_from_str(&t, "%Y-%m-%d") {
        d.and_hms_opt(9, 0, 0).ok_or_else(bad)?
    } else {
        ["%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"]
            .iter()
            .find_map(|f| NaiveDateTime::parse_from_str(&t, f).ok())
            .ok_or_else(bad)?
    };
    local
        .and_local_timezone(offset)
        .single()
        .map(|d| d.with_timezone(&Utc))
        .ok_or_else(bad)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_dates_and_times() {
        let now: DateTime<Utc> = "2026-11-23T01:00:00Z".parse().unwrap();
        let cn = FixedOffset::east_opt(8 * 3600).unwrap();
        assert_eq!(
            parse_until(now, cn, "+3d").unwrap(),
            now + TimeDelta::days(3)
        );
        assert_eq!(
            parse_until(now, cn, "＋2h").unwrap(),
            now + TimeDelta::hours(2)
        );
        assert_eq!(
            parse_until(now, cn, "2026-12-01").unwrap().to_rfc3339(),
            "2026-12-01T01:00:00+00:00"
        );
        assert_eq!(
            parse_until(now, cn, "2026-12-01 15:30")
                .unwrap()
                .to_rfc3339(),
            "2026-12-01T07:30:00+00:00"
        );
        for bad in ["tomorrow", "+3x", "2026-13-01", ""] {
            assert!(parse_until(now, cn, bad).is_err(), "{bad}");
        }
    }
}
