//! Times a rep types: "+3d", "明天", "下周二 15:00", "2026-12-01", "2026-12-01 15:00" — read
//! in the local zone (the offset each date will have).

use super::error::FieldError;
use super::zone::Zone;
use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, Utc};

/// The hour a day without a time means.
const DEFAULT_HOUR: u32 = 9;

/// `+3d`, `+4h`, `+30m`, `+1w` (or `+3天`, `3天后`, `4小时后`, `1周后`, `in 3 days`) from
/// `now`; a date or a day word (today, tomorrow, 明天, 后天, 下周一…, 周三, monday, next
/// tue), 09:00 that day unless a time follows (`明天 15:00`, `明天15点`, `fri 3pm`); or a
/// date and time.
pub fn parse_until(
    now: DateTime<Utc>,
    zone: &dyn Zone,
    s: &str,
) -> Result<DateTime<Utc>, FieldError> {
    let at = parse_time(now, zone, s)?;
    if at > now + TimeDelta::days(MAX_DAYS_AHEAD) {
        return Err(FieldError::TooFarAhead(s.trim().to_string()));
    }
    Ok(at)
}

/// How far ahead a time may be: ten years.
pub const MAX_DAYS_AHEAD: i64 = 3660;

/// Digits and one unit letter (`99999999d`), whatever the number.
fn is_count_of_units(s: &str) -> bool {
    let digits = s.trim_end_matches(['m', 'h', 'd', 'w']);
    digits.len() + 1 == s.len() && !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

fn parse_time(now: DateTime<Utc>, zone: &dyn Zone, s: &str) -> Result<DateTime<Utc>, FieldError> {
    let t = super::text::fold_width(s.trim());
    let bad = || {
        if calendar_has_no(&t) {
            FieldError::NoSuchTime(s.trim().to_string())
        } else {
            FieldError::BadTime(s.to_string())
        }
    };
    let relative = t
        .strip_prefix('+')
        .map(|rest| chinese_span(rest).unwrap_or_else(|| rest.to_string()))
        .or_else(|| chinese_later(&t))
        .or_else(|| english_span(&t));
    if let Some(rest) = relative {
        let too_far = || FieldError::TooFarAhead(s.trim().to_string());
        let rest = rest.trim();
        let d: TimeDelta = match super::sop::parse_duration(rest) {
            Ok(d) => d,
            // A count of units, only too many of them (+99999999d).
            Err(_) if is_count_of_units(rest) => return Err(too_far()),
            Err(_) => return Err(FieldError::BadTime(s.to_string())),
        };
        // Days and weeks keep the clock time, across a daylight-saving change too.
        if rest.ends_with(['d', 'w']) {
            return zone
                .local(now)
                .naive_local()
                .checked_add_signed(d)
                .and_then(|local| zone.instant(local))
                .ok_or_else(too_far);
        }
        return now.checked_add_signed(d).ok_or_else(too_far);
    }
    let today = zone.local(now).date_naive();
    let local = if let Some((day, time)) = day_word(&t, today) {
        let time = match time.trim() {
            "" => NaiveTime::from_hms_opt(DEFAULT_HOUR, 0, 0).ok_or_else(bad)?,
            rest => clock_time(rest).ok_or_else(bad)?,
        };
        day.and_time(time)
    } else if let Ok(d) = NaiveDate::parse_from_str(&t, "%Y-%m-%d") {
        d.and_hms_opt(DEFAULT_HOUR, 0, 0).ok_or_else(bad)?
    } else {
        ["%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"]
            .iter()
            .find_map(|f| NaiveDateTime::parse_from_str(&t, f).ok())
            .ok_or_else(bad)?
    };
    zone.instant(local).ok_or_else(bad)
}

/// A span in Chinese units as `parse_duration` reads it: `3天` → `3d`, `4小时` → `4h`,
/// `30分钟` → `30m`, `1周` / `2个星期` → `1w` / `2w`.
fn chinese_span(t: &str) -> Option<String> {
    let t = t.trim();
    let digits = t.len() - t.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let (n, unit) = t.split_at(digits);
    let unit = match unit.trim() {
        "天" | "日" => "d",
        "小时" | "个小时" | "钟头" | "个钟头" => "h",
        "分钟" | "分" => "m",
        "周" | "星期" | "个星期" | "礼拜" | "个礼拜" => "w",
        _ => return None,
    };
    (!n.is_empty()).then(|| format!("{n}{unit}"))
}

/// `3天后`, `2小时以后`, `1周之后`: a span from now, as `+3天` is.
fn chinese_later(t: &str) -> Option<String> {
    let span = ["以后", "之后", "后"]
        .iter()
        .find_map(|end| t.strip_suffix(end))?;
    chinese_span(span)
}

/// `in 3 days`, `in 2 hours`, `3 days`, `in 1 week`, `in 30 min`: a span from now, as `+3d`.
fn english_span(t: &str) -> Option<String> {
    let lower = t.to_ascii_lowercase();
    let rest = lower.strip_prefix("in ").unwrap_or(&lower).trim();
    let rest = rest.strip_suffix(" later").unwrap_or(rest).trim();
    let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let (n, unit) = rest.split_at(digits);
    let unit = match unit.trim() {
        "day" | "days" => "d",
        "hour" | "hours" | "hr" | "hrs" => "h",
        "minute" | "minutes" | "min" | "mins" => "m",
        "week" | "weeks" | "wk" | "wks" => "w",
        _ => return None,
    };
    (!n.is_empty()).then(|| format!("{n}{unit}"))
}

/// Written in the right shape but naming a day or an hour the calendar does not have:
/// `2026-02-30`, `2026-13-01`, `明天 25:00`, `2026-12-01 24:30`.
fn calendar_has_no(t: &str) -> bool {
    let (day, time) = t.split_once([' ', 'T']).unwrap_or((t, ""));
    let numbers = |part: &str, sep: char, n: usize| {
        let pieces: Vec<&str> = part.split(sep).collect();
        pieces.len() == n
            && pieces
                .iter()
                .all(|p| !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
    };
    let bad_day = numbers(day, '-', 3) && NaiveDate::parse_from_str(day, "%Y-%m-%d").is_err();
    let time = time.trim();
    let bad_hour = numbers(time, ':', 2)
        && NaiveTime::parse_from_str(time, "%H:%M").is_err()
        && (numbers(day, '-', 3) || day_word(day, NaiveDate::MIN).is_some());
    bad_day || bad_hour
}

/// A leading day word and what follows it.
fn day_word(t: &str, today: NaiveDate) -> Option<(NaiveDate, &str)> {
    let lower = t.to_ascii_lowercase();
    let words: [(&str, i64); 6] = [
        ("today", 0),
        ("tomorrow", 1),
        ("今天", 0),
        ("明天", 1),
        ("后天", 2),
        ("大后天", 3),
    ];
    // Longest first, so 大后天 is not read as 后天.
    let mut sorted = words;
    sorted.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
    for (w, days) in sorted {
        if lower.starts_with(w) {
            return Some((today + TimeDelta::days(days), &t[w.len()..]));
        }
    }
    if let Some(found) = english_weekday(t, &lower, today) {
        return Some(found);
    }
    const WEEKDAYS: [char; 7] = ['一', '二', '三', '四', '五', '六', '日'];
    for (prefix, next_week) in [
        ("下周", true),
        ("下星期", true),
        ("周", false),
        ("星期", false),
    ] {
        let Some(rest) = t.strip_prefix(prefix) else {
            continue;
        };
        let mut chars = rest.chars();
        let c = chars.next()?;
        let c = if c == '天' { '日' } else { c };
        let idx = WEEKDAYS.iter().position(|w| *w == c)? as i64;
        let current = today.weekday().num_days_from_monday() as i64;
        let days = if next_week {
            7 - current + idx
        } else {
            // This week's day, or next week's if it has passed (today counts as passed).
            let d = idx - current;
            if d > 0 { d } else { d + 7 }
        };
        return Some((today + TimeDelta::days(days), chars.as_str()));
    }
    None
}

/// `monday`, `mon`, `next tuesday`, `fri 15:00`: as 周一 and 下周二 are read (a day that
/// has passed this week, today included, is next week's).
fn english_weekday<'a>(t: &'a str, lower: &str, today: NaiveDate) -> Option<(NaiveDate, &'a str)> {
    const NAMES: [[&str; 3]; 7] = [
        ["monday", "mon", "mon"],
        ["tuesday", "tues", "tue"],
        ["wednesday", "wed", "wed"],
        ["thursday", "thurs", "thu"],
        ["friday", "fri", "fri"],
        ["saturday", "sat", "sat"],
        ["sunday", "sun", "sun"],
    ];
    let (next_week, skip) = match lower.strip_prefix("next ") {
        Some(_) => (true, "next ".len()),
        None => (false, 0),
    };
    let words = &lower[skip..];
    for (idx, names) in NAMES.iter().enumerate() {
        // The longest name that the text starts with, ending at a word's end.
        let Some(name) = names.iter().find(|n| {
            words.starts_with(*n)
                && words[n.len()..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_ascii_alphabetic())
        }) else {
            continue;
        };
        let current = today.weekday().num_days_from_monday() as i64;
        let idx = idx as i64;
        let days = if next_week {
            7 - current + idx
        } else {
            let d = idx - current;
            if d > 0 { d } else { d + 7 }
        };
        return Some((today + TimeDelta::days(days), &t[skip + name.len()..]));
    }
    None
}

/// "15:00", "15点", "15点30", "下午3点", "3pm", "3:30 pm", "11am".
fn clock_time(s: &str) -> Option<NaiveTime> {
    let s = s.trim();
    if let Ok(t) = NaiveTime::parse_from_str(s, "%H:%M") {
        return Some(t);
    }
    let lower = s.to_ascii_lowercase();
    for (suffix, pm) in [("am", false), ("pm", true)] {
        let Some(clock) = lower.strip_suffix(suffix).map(str::trim) else {
            continue;
        };
        let (h, m) = clock.split_once(':').unwrap_or((clock, "0"));
        let h: u32 = h.parse().ok().filter(|h| (1..=12).contains(h))?;
        let m: u32 = m.parse().ok()?;
        // 12am is midnight, 12pm noon.
        let h = match (h, pm) {
            (12, false) => 0,
            (12, true) => 12,
            (h, true) => h + 12,
            (h, false) => h,
        };
        return NaiveTime::from_hms_opt(h, m, 0);
    }
    let (afternoon, s) = match s.strip_prefix("下午").or_else(|| s.strip_prefix("晚上")) {
        Some(rest) => (true, rest),
        None => (false, s.strip_prefix("上午").unwrap_or(s)),
    };
    let (h, m) = s.split_once('点')?;
    let mut h: u32 = h.trim().parse().ok()?;
    let m = m.trim().trim_end_matches('分');
    let m: u32 = if m.is_empty() {
        0
    } else if m == "半" {
        30
    } else {
        m.parse().ok()?
    };
    if afternoon && h < 12 {
        h += 12;
    }
    NaiveTime::from_hms_opt(h, m, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    use chrono::FixedOffset;

    fn cn() -> FixedOffset {
        FixedOffset::east_opt(8 * 3600).unwrap()
    }

    #[test]
    fn relative_dates_and_times() {
        let now: DateTime<Utc> = "2026-11-23T01:00:00Z".parse().unwrap();
        assert_eq!(
            parse_until(now, &cn(), "+3d").unwrap(),
            now + TimeDelta::days(3)
        );
        assert_eq!(
            parse_until(now, &cn(), "＋2h").unwrap(),
            now + TimeDelta::hours(2)
        );
        assert_eq!(
            parse_until(now, &cn(), "2026-12-01").unwrap().to_rfc3339(),
            "2026-12-01T01:00:00+00:00"
        );
        assert_eq!(
            parse_until(now, &cn(), "2026-12-01 15:30")
                .unwrap()
                .to_rfc3339(),
            "2026-12-01T07:30:00+00:00"
        );
        // The same spans in Chinese units, with a plus or as "…后".
        for (typed, span) in [
            ("+3天", TimeDelta::days(3)),
            ("3天后", TimeDelta::days(3)),
            ("＋4小时", TimeDelta::hours(4)),
            ("2个小时以后", TimeDelta::hours(2)),
            ("30分钟后", TimeDelta::minutes(30)),
            ("+1周", TimeDelta::weeks(1)),
            ("2个星期之后", TimeDelta::weeks(2)),
        ] {
            assert_eq!(
                parse_until(now, &cn(), typed).unwrap(),
                now + span,
                "{typed}"
            );
        }
        for bad in [
            "+3x",
            "+天",
            "三天后",
            "后",
            "3年后",
            "2026-13-01",
            "",
            "下周八",
            "明天 25:00",
            "+99999999999w",
        ] {
            assert!(parse_until(now, &cn(), bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_day_the_calendar_lacks_and_a_time_too_far_are_told_apart_from_a_typo() {
        let now: DateTime<Utc> = "2026-11-23T01:00:00Z".parse().unwrap();
        let err = |s: &str| parse_until(now, &cn(), s).unwrap_err();
        for missing in [
            "2026-02-30",
            "2026-13-01",
            "明天 25:00",
            "2026-12-01 24:30",
            "2026-04-31 10:00",
        ] {
            assert_eq!(
                err(missing),
                FieldError::NoSuchTime(missing.into()),
                "{missing}"
            );
        }
        for typo in ["abc", "2026-12-01 15", "明天 abc", "2026/12/01x", "+3x"] {
            assert!(
                matches!(err(typo), FieldError::BadTime(_)),
                "{typo}: {:?}",
                err(typo)
            );
        }
        // Ten years ahead at most, however it is written.
        let limit = now + TimeDelta::days(MAX_DAYS_AHEAD);
        assert_eq!(parse_until(now, &cn(), "+3660d").unwrap(), limit);
        for far in [
            "+3661d",
            "+99999d",
            "2040-01-01",
            "+99999999d",
            "+99999999999999999999w",
        ] {
            assert_eq!(err(far), FieldError::TooFarAhead(far.into()), "{far}");
        }
    }

    /// New York's clocks around 2026-03-08 07:00Z, when they went from -05:00 to -04:00.
    struct NewYorkSpring;

    impl Zone for NewYorkSpring {
        fn offset_at(&self, t: DateTime<Utc>) -> FixedOffset {
            let switch: DateTime<Utc> = "2026-03-08T07:00:00Z".parse().unwrap();
            FixedOffset::west_opt(if t < switch { 5 } else { 4 } * 3600).unwrap()
        }

        fn instant(&self, local: chrono::NaiveDateTime) -> Option<DateTime<Utc>> {
            [5, 4].into_iter().find_map(|h| {
                let t = (local + TimeDelta::hours(h)).and_utc();
                (self.offset_at(t).local_minus_utc() == -h as i32 * 3600).then_some(t)
            })
        }
    }

    #[test]
    fn days_and_weeks_ahead_keep_the_clock_time_across_daylight_saving() {
        // Saturday 10:05 EST; Sunday is the first day of EDT.
        let now: DateTime<Utc> = "2026-03-07T15:05:00Z".parse().unwrap();
        let at = |s: &str| parse_until(now, &NewYorkSpring, s).unwrap().to_rfc3339();
        assert_eq!(at("+1d"), "2026-03-08T14:05:00+00:00");
        assert_eq!(at("1天后"), "2026-03-08T14:05:00+00:00");
        assert_eq!(at("+1w"), "2026-03-14T14:05:00+00:00");
        // Hours and minutes are amounts of time.
        assert_eq!(at("+24h"), "2026-03-08T15:05:00+00:00");
        assert_eq!(at("+90m"), "2026-03-07T16:35:00+00:00");
    }

    #[test]
    fn day_words() {
        // Monday 2026-11-23, 09:00 in +08:00.
        let now: DateTime<Utc> = "2026-11-23T01:00:00Z".parse().unwrap();
        let local = |s: &str| {
            parse_until(now, &cn(), s)
                .unwrap()
                .with_timezone(&cn())
                .format("%Y-%m-%d %H:%M")
                .to_string()
        };
        assert_eq!(local("明天"), "2026-11-24 09:00");
        assert_eq!(local("tomorrow"), "2026-11-24 09:00");
        assert_eq!(local("后天 15:00"), "2026-11-25 15:00");
        assert_eq!(local("大后天"), "2026-11-26 09:00");
        assert_eq!(local("明天15点"), "2026-11-24 15:00");
        assert_eq!(local("明天下午3点半"), "2026-11-24 15:30");
        assert_eq!(local("下周二"), "2026-12-01 09:00");
        assert_eq!(local("周三 10:00"), "2026-11-25 10:00");
        assert_eq!(local("周一"), "2026-11-30 09:00");
        assert_eq!(local("下星期天"), "2026-12-06 09:00");
    }

    /// `s` read at `now`, shown as a local time in +08:00.
    fn read(now: &str, s: &str) -> String {
        let now: DateTime<Utc> = now.parse().unwrap();
        parse_until(now, &cn(), s)
            .unwrap_or_else(|e| panic!("{s}: {e:?}"))
            .with_timezone(&cn())
            .format("%Y-%m-%d %H:%M")
            .to_string()
    }

    /// Wednesday 2026-11-25, 10:00 in +08:00.
    const WEDNESDAY: &str = "2026-11-25T02:00:00Z";

    #[test]
    fn a_weekday_is_the_next_one_to_come() {
        assert_eq!(read(WEDNESDAY, "周四"), "2026-11-26 09:00");
        assert_eq!(read(WEDNESDAY, "星期日"), "2026-11-29 09:00");
        assert_eq!(read(WEDNESDAY, "周天"), "2026-11-29 09:00");
        // Today and the days before it this week are next week's.
        assert_eq!(read(WEDNESDAY, "周三"), "2026-12-02 09:00");
        assert_eq!(read(WEDNESDAY, "周二 14:00"), "2026-12-01 14:00");
        assert_eq!(read(WEDNESDAY, "星期一"), "2026-11-30 09:00");
    }

    #[test]
    fn english_days_spans_and_clock_times_read_as_the_chinese_ones() {
        // Weekdays: full, short, any case; a passed day (today too) is next week's.
        assert_eq!(read(WEDNESDAY, "thursday"), read(WEDNESDAY, "周四"));
        assert_eq!(read(WEDNESDAY, "Thu"), "2026-11-26 09:00");
        assert_eq!(read(WEDNESDAY, "thurs 15:00"), "2026-11-26 15:00");
        assert_eq!(read(WEDNESDAY, "sun"), "2026-11-29 09:00");
        assert_eq!(read(WEDNESDAY, "wednesday"), "2026-12-02 09:00");
        assert_eq!(read(WEDNESDAY, "tue 3pm"), "2026-12-01 15:00");
        assert_eq!(read(WEDNESDAY, "next monday"), read(WEDNESDAY, "下周一"));
        assert_eq!(read(WEDNESDAY, "next wed 9:30"), "2026-12-02 09:30");
        assert_eq!(read(WEDNESDAY, "next sunday"), "2026-12-06 09:00");
        // A word that only starts like a day is not one.
        assert!(parse_until(WEDNESDAY.parse().unwrap(), &cn(), "monkey").is_err());
        assert!(parse_until(WEDNESDAY.parse().unwrap(), &cn(), "fridays").is_err());
        // Spans from now.
        let now: DateTime<Utc> = WEDNESDAY.parse().unwrap();
        for (text, span) in [
            ("in 3 days", TimeDelta::days(3)),
            ("3 days", TimeDelta::days(3)),
            ("in 1 day", TimeDelta::days(1)),
            ("in 2 hours", TimeDelta::hours(2)),
            ("in 1 hr", TimeDelta::hours(1)),
            ("in 30 min", TimeDelta::minutes(30)),
            ("in 45 minutes", TimeDelta::minutes(45)),
            ("in 2 weeks", TimeDelta::weeks(2)),
            ("2 days later", TimeDelta::days(2)),
        ] {
            assert_eq!(parse_until(now, &cn(), text).unwrap(), now + span, "{text}");
        }
        assert!(parse_until(now, &cn(), "in days").is_err());
        assert!(parse_until(now, &cn(), "in 3 fortnights").is_err());
        // Clock times with am/pm: 12am is midnight, 12pm noon.
        assert_eq!(read(WEDNESDAY, "tomorrow 3pm"), "2026-11-26 15:00");
        assert_eq!(read(WEDNESDAY, "tomorrow 3:30 PM"), "2026-11-26 15:30");
        assert_eq!(read(WEDNESDAY, "tomorrow 11am"), "2026-11-26 11:00");
        assert_eq!(read(WEDNESDAY, "tomorrow 12pm"), "2026-11-26 12:00");
        assert_eq!(read(WEDNESDAY, "tomorrow 12am"), "2026-11-26 00:00");
        assert!(parse_until(now, &cn(), "tomorrow 13pm").is_err());
        assert!(parse_until(now, &cn(), "tomorrow 0am").is_err());
    }

    #[test]
    fn next_week_is_the_week_after_this_one() {
        assert_eq!(read(WEDNESDAY, "下周一"), "2026-11-30 09:00");
        assert_eq!(read(WEDNESDAY, "下周三"), "2026-12-02 09:00");
        assert_eq!(read(WEDNESDAY, "下星期五"), "2026-12-04 09:00");
        assert_eq!(read(WEDNESDAY, "下周日 8:00"), "2026-12-06 08:00");
    }

    #[test]
    fn today_is_the_local_date() {
        // 20:00 UTC on the 24th is already the 25th in Beijing.
        let late = "2026-11-24T20:00:00Z";
        assert_eq!(read(late, "today"), "2026-11-25 09:00");
        assert_eq!(read(late, "今天 18:00"), "2026-11-25 18:00");
        assert_eq!(read(late, "TOMORROW"), "2026-11-26 09:00");
        assert_eq!(read(late, "明天"), "2026-11-26 09:00");
    }

    #[test]
    fn afternoon_and_evening_hours_count_from_noon() {
        for (typed, want) in [
            ("明天下午3点", "15:00"),
            ("明天晚上8点", "20:00"),
            ("明天上午10点", "10:00"),
            ("明天3点", "03:00"),
            // Noon and hours already past it stay as they are.
            ("明天下午12点", "12:00"),
            ("明天下午15点", "15:00"),
            ("明天 15点半", "15:30"),
            ("明天 9点05分", "09:05"),
            ("明天 9点5", "09:05"),
        ] {
            assert_eq!(
                read(WEDNESDAY, typed),
                format!("2026-11-26 {want}"),
                "{typed}"
            );
        }
        let now: DateTime<Utc> = WEDNESDAY.parse().unwrap();
        for bad in [
            "明天下午",
            "明天 点",
            "明天 3点半钟",
            "明天 24点",
            "周",
            "周x",
        ] {
            assert!(parse_until(now, &cn(), bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn amounts_of_time_and_full_dates() {
        assert_eq!(read(WEDNESDAY, "+30m"), "2026-11-25 10:30");
        assert_eq!(read(WEDNESDAY, "+1w"), "2026-12-02 10:00");
        assert_eq!(read(WEDNESDAY, "2026-12-01T15:30"), "2026-12-01 15:30");
        assert_eq!(read(WEDNESDAY, "2026-12-01T15:30:45"), "2026-12-01 15:30");
        assert_eq!(read(WEDNESDAY, "２０２６-１２-０１"), "2026-12-01 09:00");
    }
}
