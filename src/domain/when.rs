//! Times a rep types: "+3d", "明天", "下周二 15:00", "15:00", "2026-12-01", "2026/12/1 15:00",
//! "12月1日 下午3点" — read in the local zone (the offset each date will have).

use super::error::FieldError;
use super::written_date::split_written;
use super::zone::Zone;
use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, TimeDelta, Utc};

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

/// A day, as `agenda --date` takes it: a date (its year may be left out: the next such
/// day), or a day word (今天, 明天, 后天, 周五, 下周一, tomorrow, next mon).
pub fn parse_day(today: NaiveDate, s: &str) -> Result<NaiveDate, FieldError> {
    let t = spelled_out(&super::text::fold_width(s.trim()));
    let written = || -> Option<Result<NaiveDate, FieldError>> {
        let (w, _) = split_written(&t).filter(|(_, rest)| rest.is_empty())?;
        Some(
            w.next_from(today)
                .ok_or_else(|| FieldError::NoSuchDate(s.trim().to_string())),
        )
    };
    if let Some(day) = written() {
        return day;
    }
    match day_word(&t, today) {
        Some((day, "")) => Ok(day),
        _ => Err(FieldError::BadDay(s.trim().to_string())),
    }
}

/// How far ahead a time may be: ten years.
pub const MAX_DAYS_AHEAD: i64 = 3660;

/// Digits and one unit letter (`99999999d`), whatever the number.
fn is_count_of_units(s: &str) -> bool {
    let digits = s.trim_end_matches(['m', 'h', 'd', 'w']);
    digits.len() + 1 == s.len() && !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

fn parse_time(now: DateTime<Utc>, zone: &dyn Zone, s: &str) -> Result<DateTime<Utc>, FieldError> {
    let t = spelled_out(&super::text::fold_width(s.trim()));
    let bad = || FieldError::BadTime(s.to_string());
    // A time with its own offset, as a script or another program writes it.
    if let Ok(at) = DateTime::parse_from_rfc3339(&t) {
        return Ok(at.with_timezone(&Utc));
    }
    // Months are no fixed span: the same day that many months on, at the same clock time
    // (the month's last day when it is shorter).
    if let Some(months) = months_later(&t) {
        return zone
            .local(now)
            .naive_local()
            .checked_add_months(chrono::Months::new(months))
            .and_then(|local| zone.instant(local))
            .ok_or_else(|| FieldError::TooFarAhead(s.trim().to_string()));
    }
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
    let no_such = || FieldError::NoSuchTime(s.trim().to_string());
    let (day, time) = if let Some(found) = day_word(&t, today) {
        found
    } else if let Some((written, rest)) = split_written(&t) {
        // Without its year: the next such day (`12月1日` typed in December is next year's
        // once it has passed).
        (written.next_from(today).ok_or_else(no_such)?, rest)
    } else if let Some(time) = clock_time(&t) {
        // A time alone: the next time the clock shows it, today's or tomorrow's.
        let mut local = today.and_time(time);
        if local <= zone.local(now).naive_local() {
            local += TimeDelta::days(1);
        }
        return zone.instant(local).ok_or_else(bad);
    } else if t.starts_with(|c: char| c.is_ascii_digit()) && clock_shaped(&t) {
        return Err(no_such());
    } else {
        return Err(bad());
    };
    let time = match time.trim().trim_start_matches('的') {
        "" => NaiveTime::from_hms_opt(DEFAULT_HOUR, 0, 0).ok_or_else(bad)?,
        rest => match clock_time(rest).or_else(|| part_of_day(rest)) {
            Some(time) => time,
            None if clock_shaped(rest) => return Err(no_such()),
            None => return Err(bad()),
        },
    };
    zone.instant(day.and_time(time)).ok_or_else(bad)
}

/// A span in Chinese units as `parse_duration` reads it: `3天` → `3d`, `4小时` → `4h`,
/// `30分钟` → `30m`, `1周` / `2个星期` → `1w` / `2w`. The count may be in Chinese (`两天`,
/// `十五分钟`); half an hour is `半小时`, and `1个半小时` an hour and a half.
fn chinese_span(t: &str) -> Option<String> {
    let t = t.trim();
    let hours = ["小时", "个小时", "钟头", "个钟头"];
    if let Some(unit) = t.strip_prefix('半') {
        return hours.contains(&unit).then(|| "30m".to_string());
    }
    let digits = t.len() - t.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    // Digits stay as written: too many of them is "too far ahead", not a typo.
    let (n, unit) = match t.split_at(digits) {
        ("", _) => chinese_number(t).map(|(n, unit)| (n.to_string(), unit))?,
        (n, unit) => (n.to_string(), unit),
    };
    let unit = unit.trim();
    if let Some(unit) = unit
        .strip_prefix("个半")
        .or_else(|| unit.strip_prefix('半'))
        && hours.contains(&unit)
    {
        return Some(format!("{}m", n.parse::<u64>().ok()?.checked_mul(60)? + 30));
    }
    let unit = match unit {
        "天" | "日" => "d",
        u if hours.contains(&u) => "h",
        "分钟" | "分" => "m",
        "周" | "星期" | "个星期" | "礼拜" | "个礼拜" => "w",
        _ => return None,
    };
    Some(format!("{n}{unit}"))
}

/// A count written in Chinese numerals at the start (`两`, `三`, `十`, `十五`, `二十`,
/// `九十九`), and what follows it.
fn chinese_number(t: &str) -> Option<(u32, &str)> {
    let digit = |c: char| {
        "零一二三四五六七八九"
            .chars()
            .position(|d| d == c)
            .map(|d| d as u32)
    };
    let mut chars = t.char_indices().peekable();
    let mut tens: Option<u32> = None;
    let mut units: Option<u32> = None;
    let mut end = 0;
    while let Some(&(i, c)) = chars.peek() {
        match c {
            '两' if units.is_none() && tens.is_none() => units = Some(2),
            '十' if tens.is_none() => tens = Some(units.take().unwrap_or(1)),
            c if units.is_none() => match digit(c) {
                Some(d) => units = Some(d),
                None => break,
            },
            _ => break,
        }
        end = i + c.len_utf8();
        chars.next();
    }
    let n = tens.unwrap_or(0) * 10 + units.unwrap_or(0);
    (end > 0 && n > 0).then(|| (n, &t[end..]))
}

/// A span of days or weeks from today with a time after it (`3天后 15:00`, `两天后下午3点`):
/// the day, and the text after the span.
fn days_later(t: &str, today: NaiveDate) -> Option<(NaiveDate, &str)> {
    let (at, end) = ["以后", "之后", "后"]
        .iter()
        .find_map(|end| t.find(end).map(|at| (at, end.len())))?;
    let rest = &t[at + end..];
    if rest.trim().is_empty() {
        return None;
    }
    let span = chinese_span(&t[..at])?;
    let (n, unit) = span.split_at(span.len() - 1);
    let days = i64::from(n.parse::<u32>().ok()?) * if unit == "w" { 7 } else { 1 };
    (unit == "d" || unit == "w")
        .then(|| today.checked_add_signed(TimeDelta::days(days)))
        .flatten()
        .map(|day| (day, rest))
}

/// `一个月后`, `3个月以后`, `两个月之后`: how many months.
fn months_later(t: &str) -> Option<u32> {
    let span = ["以后", "之后", "后"]
        .iter()
        .find_map(|end| t.strip_suffix(end))?
        .strip_suffix("个月")?
        .trim();
    match span.parse::<u32>() {
        Ok(n) => Some(n),
        Err(_) => chinese_number(span)
            .filter(|(_, rest)| rest.is_empty())
            .map(|(n, _)| n),
    }
}

/// A week or a month named without its day: 下周 (its Monday), 下下周, 下个月 (its first
/// day), 月底 (this month's last day); and what follows.
fn period_word(t: &str, today: NaiveDate) -> Option<(NaiveDate, &str)> {
    let monday = today - TimeDelta::days(i64::from(today.weekday().num_days_from_monday()));
    let first_of_next = |d: NaiveDate| {
        let next = d.checked_add_months(chrono::Months::new(1))?;
        next.with_day(1)
    };
    for (word, weeks) in [("下下周", 2), ("下下星期", 2), ("下周", 1), ("下星期", 1)] {
        if let Some(rest) = t.strip_prefix(word)
            && !rest.starts_with(['一', '二', '三', '四', '五', '六', '日', '天'])
        {
            return Some((monday + TimeDelta::weeks(weeks), rest));
        }
    }
    for word in ["下个月", "下月"] {
        if let Some(rest) = t.strip_prefix(word) {
            return Some((first_of_next(today)?, rest));
        }
    }
    for word in ["这个月底", "本月底", "月底"] {
        if let Some(rest) = t.strip_prefix(word) {
            return Some((first_of_next(today)?.pred_opt()?, rest));
        }
    }
    None
}

/// Shorthand for a day with its part written out: 今晚 is 今天晚上, 明早 明天早上.
fn spelled_out(t: &str) -> String {
    const SHORT: [(&str, &str); 5] = [
        ("今晚", "今天晚上"),
        ("今早", "今天早上"),
        ("明早", "明天早上"),
        ("明晚", "明天晚上"),
        ("明儿", "明天"),
    ];
    SHORT
        .iter()
        .find_map(|(short, long)| t.strip_prefix(short).map(|rest| format!("{long}{rest}")))
        .unwrap_or_else(|| t.to_string())
}

/// A part of the day alone, after a day (`明天上午`, `周五下午`): the hour it starts in
/// working life.
fn part_of_day(s: &str) -> Option<NaiveTime> {
    let hour = match s {
        "上午" | "早上" | "早晨" => DEFAULT_HOUR,
        "中午" => 12,
        "下午" => 14,
        "傍晚" => 18,
        "晚上" => 19,
        _ => return None,
    };
    NaiveTime::from_hms_opt(hour, 0, 0)
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

/// Written as a clock time (`25:00`, `24:30`, `9:75`), whether or not a day has it.
fn clock_shaped(t: &str) -> bool {
    let pieces: Vec<&str> = t.trim().split(':').collect();
    (2..=3).contains(&pieces.len())
        && pieces
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 2 && p.bytes().all(|b| b.is_ascii_digit()))
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
    if let Some(found) = days_later(t, today).or_else(|| period_word(t, today)) {
        return Some(found);
    }
    const WEEKDAYS: [char; 7] = ['一', '二', '三', '四', '五', '六', '日'];
    /// Which week a weekday word means.
    enum Week {
        /// The coming such day (today counts as passed).
        Coming,
        /// This calendar week's, passed or not.
        This,
        /// That many weeks on from this calendar week.
        Later(i64),
    }
    // Longest first: 下下周 before 下周 before 周.
    let prefixes = [
        ("下下星期", Week::Later(2)),
        ("下下礼拜", Week::Later(2)),
        ("下下周", Week::Later(2)),
        ("下星期", Week::Later(1)),
        ("下礼拜", Week::Later(1)),
        ("下周", Week::Later(1)),
        ("这星期", Week::This),
        ("本星期", Week::This),
        ("这礼拜", Week::This),
        ("本礼拜", Week::This),
        ("这周", Week::This),
        ("本周", Week::This),
        ("星期", Week::Coming),
        ("礼拜", Week::Coming),
        ("周", Week::Coming),
    ];
    for (prefix, week) in prefixes {
        let Some(rest) = t.strip_prefix(prefix) else {
            continue;
        };
        let mut chars = rest.chars();
        let c = chars.next()?;
        let c = if c == '天' { '日' } else { c };
        let idx = WEEKDAYS.iter().position(|w| *w == c)? as i64;
        let current = today.weekday().num_days_from_monday() as i64;
        let days = match week {
            Week::Later(weeks) => 7 * weeks - current + idx,
            Week::This => idx - current,
            Week::Coming => {
                let d = idx - current;
                if d > 0 { d } else { d + 7 }
            }
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

/// A time of day (`domain::clock::time_of_day`: one reading with a file's times).
fn clock_time(s: &str) -> Option<NaiveTime> {
    super::clock::time_of_day(s)
}

#[cfg(test)]
#[path = "when_tests.rs"]
mod tests;
