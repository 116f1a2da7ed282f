//! A time of day as people and programs write it, one reading for the times a rep types
//! (`followup add 12 "周六 下午3点"`) and those a file holds (`2026/11/3 下午2:05`).

use chrono::{NaiveTime, Timelike};

/// `15:00`, `15:00:30`, `15点`, `3点半`, `15点30分`, `3点整`, `下午3点`, `下午2:05`, `中午1点`,
/// `凌晨2点`, `3pm`, `3:30 PM`, `11am`. A part of the day said before the hour works as a
/// phone's 12-hour clock shows it: 下午, 晚上 and 傍晚 add 12 to the hours before noon
/// (晚上12点, the midnight ending the day, is no time of it and reads as nothing);
/// 上午, 早上, 早晨 and 凌晨 make 12 midnight (a phone shows 00:30 as 上午12:30); 中午 adds 12
/// only to the hours just after noon (中午1点 is 13:00, 中午12点 noon itself). With am or
/// pm the hour is 1 to 12: 12am is midnight, 12pm noon. Nothing else reads (an empty text
/// neither: what it means is the caller's).
pub fn time_of_day(s: &str) -> Option<NaiveTime> {
    let s = s.trim();
    if let Some((body, pm)) = strip_am_pm(s) {
        let t = digits(body).or_else(|| bare_hour(body))?;
        let h = t.hour();
        if !(1..=12).contains(&h) {
            return None;
        }
        let h = match (h, pm) {
            (12, false) => 0,
            (12, true) => 12,
            (h, true) => h + 12,
            (h, false) => h,
        };
        return t.with_hour(h);
    }
    let part = |words: &[&str]| words.iter().find_map(|w| s.strip_prefix(w));
    let (part, body) = if let Some(b) = part(&["晚上", "傍晚"]) {
        (Part::Evening, b)
    } else if let Some(b) = part(&["下午"]) {
        (Part::Afternoon, b)
    } else if let Some(b) = part(&["中午"]) {
        (Part::Noon, b)
    } else if let Some(b) = part(&["上午", "早上", "早晨", "凌晨"]) {
        (Part::Morning, b)
    } else {
        (Part::None, s)
    };
    let body = body.trim();
    let t = digits(body).or_else(|| words(body))?;
    let h = t.hour();
    let h = match part {
        // 晚上12点 is the midnight that ends the day, which no time of that day is: it is
        // refused rather than read as noon.
        Part::Evening if h == 12 => return None,
        Part::Afternoon | Part::Evening if h < 12 => h + 12,
        Part::Noon if (1..=3).contains(&h) => h + 12,
        Part::Morning if h == 12 => 0,
        _ => h,
    };
    t.with_hour(h)
}

enum Part {
    None,
    Morning,
    Noon,
    Afternoon,
    Evening,
}

/// The text before a trailing am or pm (any case, a space before it or not), and whether
/// it was pm.
fn strip_am_pm(s: &str) -> Option<(&str, bool)> {
    let n = s.len();
    if n < 2 || !s.is_char_boundary(n - 2) {
        return None;
    }
    let (body, tail) = s.split_at(n - 2);
    let pm = if tail.eq_ignore_ascii_case("pm") {
        true
    } else if tail.eq_ignore_ascii_case("am") {
        false
    } else {
        return None;
    };
    Some((body.trim(), pm))
}

/// `3` or `11`: an hour alone (before am or pm).
fn bare_hour(s: &str) -> Option<NaiveTime> {
    let ok = (1..=2).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
    NaiveTime::from_hms_opt(s.parse().ok().filter(|_| ok)?, 0, 0)
}

/// `3点`, `3点半`, `15点30分`, `15点30`, `3点整`.
fn words(s: &str) -> Option<NaiveTime> {
    let (h, rest) = s.split_once('点')?;
    let h: u32 = h.trim().parse().ok()?;
    let m = match rest.trim().trim_end_matches('分') {
        "" | "整" => 0,
        "半" => 30,
        m => m.parse().ok()?,
    };
    NaiveTime::from_hms_opt(h, m, 0)
}

/// `H:MM` or `HH:MM:SS` (read by hand: chrono parses its format string on every call, and
/// a large import reads a time on every row).
fn digits(s: &str) -> Option<NaiveTime> {
    let mut parts = s.split(':');
    let mut num = |max_len: usize| -> Option<u32> {
        let p = parts.next()?;
        (!p.is_empty() && p.len() <= max_len && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse().ok())
            .flatten()
    };
    let (h, m) = (num(2)?, num(2)?);
    let sec = match parts.next() {
        None => 0,
        Some(p) if p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit()) => p.parse().ok()?,
        Some(_) => return None,
    };
    if parts.next().is_some() {
        return None;
    }
    NaiveTime::from_hms_opt(h, m, sec)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> Option<String> {
        time_of_day(s).map(|t| t.format("%H:%M:%S").to_string())
    }

    #[test]
    fn every_way_of_writing_a_time_reads_alike() {
        let cases = [
            ("15:00", "15:00:00"),
            ("7:05", "07:05:00"),
            ("15:00:30", "15:00:30"),
            ("15点", "15:00:00"),
            ("3点半", "03:30:00"),
            ("15点30分", "15:30:00"),
            ("15点30", "15:30:00"),
            ("3点整", "03:00:00"),
            ("下午3点", "15:00:00"),
            ("下午2:05", "14:05:00"),
            ("晚上8点半", "20:30:00"),
            ("傍晚6点", "18:00:00"),
            ("下午12:30", "12:30:00"),
            ("下午15点", "15:00:00"),
            ("中午12点", "12:00:00"),
            ("中午1点", "13:00:00"),
            ("中午11点", "11:00:00"),
            ("上午9点", "09:00:00"),
            ("早上7:30", "07:30:00"),
            ("凌晨2点", "02:00:00"),
            ("上午12:30", "00:30:00"),
            ("凌晨12点", "00:00:00"),
            ("3pm", "15:00:00"),
            ("3 PM", "15:00:00"),
            ("3:30 pm", "15:30:00"),
            ("11am", "11:00:00"),
            ("12am", "00:00:00"),
            ("12pm", "12:00:00"),
            ("2:05:09 PM", "14:05:09"),
            (" 9:00 ", "09:00:00"),
        ];
        for (text, want) in cases {
            assert_eq!(at(text).as_deref(), Some(want), "{text}");
        }
    }

    #[test]
    fn what_is_no_time_of_day_reads_as_none() {
        for text in [
            "",
            "25:00",
            "9:60",
            "13pm",
            "0am",
            "3",
            "下午",
            "点",
            "3点61",
            "3:5:7",
            "1:2:3:4",
            "x:00",
            "三点",
            "am",
            "下午3点钟",
            "晚上12点",
            "傍晚12:30",
            "3点半分钟",
            "１５:００",
        ] {
            assert_eq!(at(text), None, "{text}");
        }
    }
}
