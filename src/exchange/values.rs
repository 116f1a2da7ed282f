//! Reading the loosely written values of other tools' exports: times, dates, yes/no,
//! e-mail addresses, cells holding several phones or several tags.

use crate::domain::TagRef;
use crate::domain::text::fold_width;
use crate::domain::zone::Zone;
use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, TimeDelta, TimeZone, Timelike, Utc};
use std::borrow::Cow;

/// `2026/11/3 14:05`, `2026-11-03`, `2026年11月3日 下午2:05`, `2026.11.03 14:05:09`, or RFC
/// 3339. Without an offset the time is local (`offset`); a date alone is midnight.
pub fn parse_time(s: &str, offset: impl Zone + Copy) -> Option<DateTime<Utc>> {
    let t = folded(s.trim());
    if let Ok(d) = DateTime::parse_from_rfc3339(&t) {
        return Some(d.with_timezone(&Utc));
    }
    if let Some(local) = excel_serial(&t) {
        return offset.instant(local);
    }
    let (date, rest) = split_date(&t).or_else(|| split_other_date(&t))?;
    // A time that names its own offset (`14:05:33 +0000`, `… +08:00`, `… UTC`) is that
    // instant; otherwise it is local.
    if let Some((clock, zone)) = trailing_offset(rest) {
        let time = parse_clock(clock)?;
        return zone
            .from_local_datetime(&date.and_time(time))
            .single()
            .map(|d| d.with_timezone(&Utc));
    }
    let time = parse_clock(rest)?;
    offset.instant(date.and_time(time))
}

/// A spreadsheet's date as its serial number (days since 1899-12-30, a fraction for the
/// time of day), as a sheet saved without formatting writes it: `45356`, `45356.5833`.
/// Only 1950–2099 (18264–73050): other numbers in a date column are not dates.
fn excel_serial(t: &str) -> Option<chrono::NaiveDateTime> {
    let (days, fraction) = t.split_once('.').unwrap_or((t, ""));
    if days.len() != 5
        || !days.bytes().all(|b| b.is_ascii_digit())
        || !fraction.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let days: i64 = days.parse().ok()?;
    if !(18_264..=73_050).contains(&days) {
        return None;
    }
    let fraction: f64 = format!("0.{fraction}").parse().unwrap_or(0.0);
    let seconds = (fraction * 86_400.0).round() as i64;
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30)?.and_time(NaiveTime::MIN);
    Some(epoch + TimeDelta::days(days) + TimeDelta::seconds(seconds))
}

/// What follows a date, split into the clock and the offset it ends with, if it names
/// one: `+0000`, `+08:00`, `-0500`, `Z`, `UTC`, `GMT`.
fn trailing_offset(rest: &str) -> Option<(&str, chrono::FixedOffset)> {
    let rest = rest.trim_end();
    let utc = chrono::FixedOffset::east_opt(0)?;
    for name in [" UTC", " GMT", "Z"] {
        if let Some(clock) = rest.strip_suffix(name)
            && clock.contains(':')
        {
            return Some((clock, utc));
        }
    }
    let cut = rest.rfind(['+', '-'])?;
    let (clock, zone) = (&rest[..cut], &rest[cut..]);
    if !clock.contains(':') {
        return None;
    }
    let digits: String = zone[1..].chars().filter(|c| *c != ':').collect();
    if digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let hours: i32 = digits[..2].parse().ok()?;
    let minutes: i32 = digits[2..].parse().ok()?;
    let seconds = (hours * 60 + minutes) * 60;
    let seconds = if zone.starts_with('-') {
        -seconds
    } else {
        seconds
    };
    Some((clock.trim_end(), chrono::FixedOffset::east_opt(seconds)?))
}

/// Full-width forms folded, without copying text that has none (most of it).
fn folded(s: &str) -> Cow<'_, str> {
    if s.chars()
        .any(|c| c == '\u{3000}' || ('\u{FF01}'..='\u{FF5E}').contains(&c))
    {
        Cow::Owned(fold_width(s))
    } else {
        Cow::Borrowed(s)
    }
}

/// The exact form the CSV export writes: `YYYY-MM-DD HH:MM:SS` local.
pub fn format_local(t: DateTime<Utc>, offset: impl Zone + Copy) -> String {
    let l = offset.local(t);
    // Written by hand: a format string is parsed again on every call.
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}:{:02}",
        l.year(),
        l.month(),
        l.day(),
        l.hour(),
        l.minute(),
        l.second()
    )
}

/// A birthday: a date in any of [`parse_time`]'s forms, or `YYYYMMDD`.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let t = folded(s.trim());
    if t.len() == 8 && t.bytes().all(|b| b.is_ascii_digit()) {
        return NaiveDate::parse_from_str(&t, "%Y%m%d").ok();
    }
    if let Some(d) = excel_serial(&t) {
        return Some(d.date());
    }
    match split_date(&t).or_else(|| split_other_date(&t))? {
        (d, "") => Some(d),
        _ => None,
    }
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// A month by its English name or abbreviation (`Nov`, `November`, `Sept.`).
fn month_named(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    let m = MONTHS.iter().position(|m| w.starts_with(m))?;
    let full = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ][m];
    (full.starts_with(&w) || (m == 8 && w == "sept")).then_some(m as u32 + 1)
}

/// The dates other tools write that [`split_date`] does not read, and what follows:
/// `20261120`; `11/20/2026` or `20/11/2026` where the order shows (never `3/11/2026`,
/// which could be either); `Nov 25, 2026` and `25 Nov 2026`.
fn split_other_date(t: &str) -> Option<(NaiveDate, &str)> {
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 8 && !t[8..].starts_with(['/', '-', '.']) {
        let d = NaiveDate::parse_from_str(&t[..8], "%Y%m%d").ok()?;
        return Some((d, t[8..].trim()));
    }
    // `Nov 25, 2026 3:05 PM` / `25 Nov 2026 15:05`: three words, then the time.
    let named = || -> Option<(NaiveDate, &str)> {
        let mut words = t.splitn(4, char::is_whitespace);
        let (a, b, c) = (words.next()?, words.next()?, words.next()?);
        let rest = words.next().unwrap_or("");
        let day = |s: &str| s.trim_end_matches(',').parse::<u32>().ok();
        let year = |s: &str| {
            let s = s.trim_end_matches(',');
            (s.len() == 4).then(|| s.parse::<i32>().ok()).flatten()
        };
        let date = match (month_named(a), month_named(b)) {
            (Some(m), _) => NaiveDate::from_ymd_opt(year(c)?, m, day(b)?),
            (None, Some(m)) => NaiveDate::from_ymd_opt(year(c)?, m, day(a)?),
            _ => None,
        }?;
        Some((date, rest.trim()))
    };
    if let Some(found) = named() {
        return Some(found);
    }
    // `5-Mar-24`, `05-Mar-2024`: a spreadsheet's English date display.
    let dashed = || -> Option<(NaiveDate, &str)> {
        let (date_part, rest) = match t.find(char::is_whitespace) {
            Some(cut) => (&t[..cut], &t[cut..]),
            None => (t, ""),
        };
        let mut parts = date_part.split('-');
        let (d, m, y) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() || d.len() > 2 {
            return None;
        }
        let month = month_named(m)?;
        let year: i32 = match y.len() {
            // Two digits: this century up to 69, the last one from 70.
            2 => y
                .parse::<i32>()
                .ok()
                .map(|y| if y < 70 { 2000 + y } else { 1900 + y })?,
            4 => y.parse().ok()?,
            _ => return None,
        };
        Some((
            NaiveDate::from_ymd_opt(year, month, d.parse().ok()?)?,
            rest.trim(),
        ))
    };
    if let Some(found) = dashed() {
        return Some(found);
    }
    let (date_part, rest) = match t.find(char::is_whitespace) {
        Some(cut) => (&t[..cut], &t[cut..]),
        None => (t, ""),
    };
    // `M/D/YYYY` or `D/M/YYYY`, read only when one of the two cannot be a month.
    let mut parts = date_part.split('/');
    let (a, b, y) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 || a.len() > 2 || b.len() > 2 {
        return None;
    }
    let (a, b, y): (u32, u32, i32) = (a.parse().ok()?, b.parse().ok()?, y.parse().ok()?);
    let date = match (a <= 12, b <= 12) {
        (true, false) => NaiveDate::from_ymd_opt(y, a, b),
        (false, true) => NaiveDate::from_ymd_opt(y, b, a),
        _ => None,
    }?;
    Some((date, rest.trim()))
}

/// A leading date with its year, with `-`, `/`, `.` or 年月日, and what follows it.
fn split_date(t: &str) -> Option<(NaiveDate, &str)> {
    let (written, rest) = crate::domain::written_date::split_written(t)?;
    Some((written.date()?, rest))
}

/// `14:05`, `14:05:09`, `下午2:05`, `2:05 PM`, `3点半` (`domain::clock::time_of_day`: one
/// reading with the times a rep types), or nothing (midnight).
fn parse_clock(s: &str) -> Option<NaiveTime> {
    let s = s.trim();
    if s.is_empty() {
        return Some(NaiveTime::MIN);
    }
    crate::domain::clock::time_of_day(s)
}

/// 是/否, yes/no, true/false, y/n, 1/0.
pub fn parse_yes_no(s: &str) -> Option<bool> {
    match fold_width(s.trim()).to_lowercase().as_str() {
        "是" | "yes" | "y" | "true" | "1" | "已归档" => Some(true),
        "否" | "no" | "n" | "false" | "0" | "" => Some(false),
        _ => None,
    }
}

/// A plausible e-mail address: one `@`, something before it, a dotted domain after it.
pub fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !s.chars().any(char::is_whitespace)
}

/// The separators between several values in one cell, as other tools write them.
fn is_list_separator(c: char) -> bool {
    matches!(c, ',' | '，' | ';' | '；' | '、' | '|' | '\n' | '\r')
}

/// A cell of phones: `138…, 139…`, `138…／0755-…`, one per line. Spaces stay inside a
/// number (`138 0000 1234`).
pub fn split_phones(cell: &str) -> Vec<&str> {
    // Google Contacts puts two numbers of one label in a cell as `a ::: b`.
    cell.split(":::")
        .flat_map(|part| part.split(|c| is_list_separator(c) || c == '/' || c == '／'))
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect()
}

/// A cell of tags: separated by `,` `，` `;` `；` `、` `|`, spaces or line breaks.
pub fn split_tags(cell: &str) -> Vec<&str> {
    // Google Contacts writes its labels `* myContacts ::: 客户 ::: VIP 老客户`: a label may
    // hold spaces, and those starred are its own (every contact is in `* myContacts`).
    if cell.contains(":::") || cell.trim_start().starts_with("* ") {
        return cell
            .split(":::")
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('*'))
            .collect();
    }
    cell.split(|c: char| is_list_separator(c) || c.is_whitespace())
        .filter(|p| !p.is_empty())
        .collect()
}

/// How a tag written in another tool's file was understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TagReading {
    Tag(TagRef),
    /// A bare tag not in the taxonomy.
    Unknown,
    /// A bare tag found in several groups.
    Ambiguous(Vec<String>),
    /// Written as GROUP/TAG but not a valid one (`a/b/c`).
    Malformed,
}

/// `group/tag` as written, or a bare tag looked up in the taxonomy (a list of groups and
/// their tags).
pub fn read_tag(token: &str, taxonomy: &[(String, Vec<String>)]) -> TagReading {
    let token = token.trim();
    if token.contains(['/', '／']) {
        return match token.parse::<TagRef>() {
            Ok(t) => TagReading::Tag(t),
            Err(_) => TagReading::Malformed,
        };
    }
    let groups: Vec<&String> = taxonomy
        .iter()
        .filter(|(_, tags)| tags.iter().any(|t| t == token))
        .map(|(g, _)| g)
        .collect();
    match groups.as_slice() {
        [] => TagReading::Unknown,
        [g] => TagReading::Tag(TagRef {
            group: g.to_string(),
            tag: token.to_string(),
        }),
        many => TagReading::Ambiguous(many.iter().map(|g| g.to_string()).collect()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn google_labels_and_numbers_split_on_their_own_separator() {
        assert_eq!(
            split_tags("* myContacts ::: * starred ::: 转介绍 ::: VIP 客户"),
            ["转介绍", "VIP 客户"]
        );
        assert!(split_tags("* myContacts").is_empty());
        // Other tools' cells as before: spaces and list marks separate.
        assert_eq!(split_tags("VIP 客户"), ["VIP", "客户"]);
        assert_eq!(
            split_phones("+86 138 0013 8000 ::: 139 0000 1111"),
            ["+86 138 0013 8000", "139 0000 1111"]
        );
        assert_eq!(split_phones("138; 139/137"), ["138", "139", "137"]);
    }

    fn cn() -> chrono::FixedOffset {
        chrono::FixedOffset::east_opt(8 * 3600).unwrap()
    }

    fn utc(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn reads_the_time_forms_of_chinese_tools() {
        let cases = [
            ("2026/11/3 14:05", "2026-11-03T06:05:00Z"),
            ("2026-11-03", "2026-11-02T16:00:00Z"),
            ("2026年11月3日", "2026-11-02T16:00:00Z"),
            ("2026年11月3日 14:05", "2026-11-03T06:05:00Z"),
            ("2026年11月3日14:05", "2026-11-03T06:05:00Z"),
            ("2026/11/3 下午2:05", "2026-11-03T06:05:00Z"),
            ("2026/11/3 上午12:30", "2026-11-02T16:30:00Z"),
            ("2026.11.03 14:05:09", "2026-11-03T06:05:09Z"),
            ("２０２６-１１-０３ ０８:００", "2026-11-03T00:00:00Z"),
            ("2026-11-03T14:05:00+09:00", "2026-11-03T05:05:00Z"),
            // Other tools' forms, where nothing is ambiguous.
            ("20261103", "2026-11-02T16:00:00Z"),
            ("20261103 14:05", "2026-11-03T06:05:00Z"),
            ("11/20/2026", "2026-11-19T16:00:00Z"),
            ("20/11/2026 14:05", "2026-11-20T06:05:00Z"),
            ("Nov 3, 2026", "2026-11-02T16:00:00Z"),
            ("November 3, 2026 2:05 PM", "2026-11-03T06:05:00Z"),
            ("3 Nov 2026 14:05", "2026-11-03T06:05:00Z"),
            ("Sept 3, 2026", "2026-09-02T16:00:00Z"),
            ("2026年11月3日 下午2点", "2026-11-03T06:00:00Z"),
            ("2026年11月3日 下午2点半", "2026-11-03T06:30:00Z"),
            ("2026年11月3日 中午12点", "2026-11-03T04:00:00Z"),
            ("2026年11月3日 中午1点", "2026-11-03T05:00:00Z"),
            ("2026年11月3日 傍晚6点", "2026-11-03T10:00:00Z"),
            ("2026年11月3日 凌晨2点", "2026-11-02T18:00:00Z"),
            ("2026-11-03 14点05分", "2026-11-03T06:05:00Z"),
            // A spreadsheet's serial numbers (days since 1899-12-30; the fraction: time).
            ("46329", "2026-11-02T16:00:00Z"),
            ("46329.5", "2026-11-03T04:00:00Z"),
            ("46329.5868055556", "2026-11-03T06:05:00Z"),
            // Its English display.
            ("3-Nov-26", "2026-11-02T16:00:00Z"),
            ("03-Nov-2026 14:05", "2026-11-03T06:05:00Z"),
            // A time naming its own offset is that instant.
            ("2026-11-03 14:05:33 +0000", "2026-11-03T14:05:33Z"),
            ("2026-11-03 14:05 -05:00", "2026-11-03T19:05:00Z"),
            ("2026-11-03T14:05:33+0800", "2026-11-03T06:05:33Z"),
            ("2026-11-03 06:05 UTC", "2026-11-03T06:05:00Z"),
        ];
        for (text, want) in cases {
            assert_eq!(parse_time(text, cn()), Some(utc(want)), "{text}");
        }
        for bad in [
            "昨天",
            "上周",
            // Month first or day first? Either reads: not guessed.
            "11/3/2026",
            "12/01/2026",
            "11/20/26",
            "No 3, 2026",
            "2026年11月3日 25点",
            "2026-13-01",
            "2026-11-03 25:00",
            "26-11-03",
            "",
            // Numbers that are no date of this era, and offsets that are not offsets.
            "12345",
            "99999",
            "463291",
            "46329.5x",
            "3-Nov-026",
            "2026-11-03 14:05 +080",
        ] {
            assert_eq!(parse_time(bad, cn()), None, "{bad}");
        }
        let t = utc("2026-11-03T06:05:09Z");
        assert_eq!(format_local(t, cn()), "2026-11-03 14:05:09");
        assert_eq!(parse_time(&format_local(t, cn()), cn()), Some(t));
    }

    #[test]
    fn reads_dates_and_yes_no() {
        let d = NaiveDate::from_ymd_opt(1990, 5, 1);
        for s in [
            "1990-05-01",
            "1990/5/1",
            "1990年5月1日",
            "19900501",
            "32994",
            "1-May-90",
        ] {
            assert_eq!(parse_date(s), d, "{s}");
        }
        for s in ["--0501", "5月1日", "1990-05-01 08:00", "1990-02-30"] {
            assert_eq!(parse_date(s), None, "{s}");
        }
        assert_eq!(parse_yes_no("是"), Some(true));
        assert_eq!(parse_yes_no("No"), Some(false));
        assert_eq!(parse_yes_no("也许"), None);
    }

    #[test]
    fn emails_phones_and_tag_lists() {
        assert!(is_email("zhang.san@example.com"));
        for bad in ["zhang", "a@b", "@b.cn", "a@b@c.cn", "a b@c.cn", "a@.cn"] {
            assert!(!is_email(bad), "{bad}");
        }
        assert_eq!(
            split_phones("138 0000 1234／0755-1234567; 139"),
            ["138 0000 1234", "0755-1234567", "139"]
        );
        assert_eq!(
            split_tags("高意向，老客户、 VIP;;朋友圈\n团购"),
            ["高意向", "老客户", "VIP", "朋友圈", "团购"]
        );
    }

    #[test]
    fn bare_tags_are_found_in_the_taxonomy() {
        let tax = vec![
            (
                "客户来源".to_string(),
                vec!["朋友圈".to_string(), "转介绍".to_string()],
            ),
            ("意向".to_string(), vec!["高".to_string()]),
            ("活动".to_string(), vec!["转介绍".to_string()]),
        ];
        let tag = |g: &str, t: &str| {
            TagReading::Tag(TagRef {
                group: g.into(),
                tag: t.into(),
            })
        };
        assert_eq!(read_tag("朋友圈", &tax), tag("客户来源", "朋友圈"));
        assert_eq!(read_tag("其他/新", &tax), tag("其他", "新"));
        assert_eq!(read_tag("神秘", &tax), TagReading::Unknown);
        assert_eq!(
            read_tag("转介绍", &tax),
            TagReading::Ambiguous(vec!["客户来源".into(), "活动".into()])
        );
        assert_eq!(read_tag("a/b/c", &tax), TagReading::Malformed);
    }
}
