//! Dates as people write them: `2026-12-01`, `2026/12/1`, `2026.12.1`, `2026年12月1日` (or
//! 号), and without the year `12-01`, `12/1`, `12月1日`. The shape is read apart from
//! whether the calendar has the day, so `2026-02-30` is told from a typo.

use chrono::{Datelike, NaiveDate};

/// A date's numbers as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    pub year: Option<i32>,
    pub month: u32,
    pub day: u32,
}

impl Written {
    /// The day, if the calendar has it; `None` without a year too.
    pub fn date(self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year?, self.month, self.day)
    }

    /// The day as written, or for a date without its year the next such day from `today`
    /// on (this year's, or a coming year's once it has passed: 2月29日 waits for a leap
    /// year). `None` when the calendar has no such day.
    pub fn next_from(self, today: NaiveDate) -> Option<NaiveDate> {
        if self.year.is_some() {
            return self.date();
        }
        (today.year()..=today.year() + 8)
            .filter_map(|y| NaiveDate::from_ymd_opt(y, self.month, self.day))
            .find(|d| *d >= today)
    }
}

/// A leading date and what follows it (trimmed, a `T` before a time dropped). A year has
/// four digits; month and day one or two. `None` for anything not shaped as a date.
pub fn split_written(t: &str) -> Option<(Written, &str)> {
    with_year(t).or_else(|| without_year(t))
}

/// The digits at the start of `s` (at most `max`, at least one) and the rest.
fn number(s: &str, max: usize) -> Option<(u32, &str)> {
    let n = s.bytes().take_while(u8::is_ascii_digit).count();
    if n == 0 || n > max {
        return None;
    }
    Some((s[..n].parse().ok()?, &s[n..]))
}

/// The first of `seps` that `s` starts with, and the rest.
fn sep<'a>(s: &'a str, seps: &[&str]) -> Option<&'a str> {
    seps.iter().find_map(|p| s.strip_prefix(p))
}

/// What follows the day, after its own mark (日, 号) if it has one.
fn after_day(s: &str) -> &str {
    let rest = sep(s, &["日", "号"]).unwrap_or(s);
    rest.trim_start_matches(['T', ' ']).trim()
}

fn with_year(t: &str) -> Option<(Written, &str)> {
    let n = t.bytes().take_while(u8::is_ascii_digit).count();
    if n != 4 {
        return None;
    }
    let (year, rest) = number(t, 4)?;
    let rest = sep(rest, &["年", "-", "/", "."])?;
    let (month, rest) = number(rest, 2)?;
    let rest = sep(rest, &["月", "-", "/", "."])?;
    let (day, rest) = number(rest, 2)?;
    let w = Written {
        year: Some(year as i32),
        month,
        day,
    };
    Some((w, after_day(rest)))
}

fn without_year(t: &str) -> Option<(Written, &str)> {
    let (month, rest) = number(t, 2)?;
    let rest = sep(rest, &["月", "-", "/", "."])?;
    let (day, rest) = number(rest, 2)?;
    // Nothing but a time may follow a date without its year: `12-1x` is no date.
    let marked = rest.starts_with(['日', '号']);
    if !(marked || rest.is_empty() || rest.starts_with([' ', 'T'])) {
        return None;
    }
    let w = Written {
        year: None,
        month,
        day,
    };
    Some((w, after_day(rest)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(t: &str) -> Option<(Option<i32>, u32, u32, &str)> {
        split_written(t).map(|(w, rest)| (w.year, w.month, w.day, rest))
    }

    #[test]
    fn dates_with_their_year_in_every_usual_shape() {
        for t in [
            "2026-12-01",
            "2026/12/1",
            "2026.12.01",
            "2026年12月1日",
            "2026年12月1号",
        ] {
            assert_eq!(read(t), Some((Some(2026), 12, 1, "")), "{t}");
        }
        assert_eq!(read("2026-12-01 15:00"), Some((Some(2026), 12, 1, "15:00")));
        assert_eq!(read("2026-12-01T15:00"), Some((Some(2026), 12, 1, "15:00")));
        assert_eq!(
            read("2026年12月1日下午3点"),
            Some((Some(2026), 12, 1, "下午3点"))
        );
        // Shaped as a date, whether or not the calendar has it.
        assert_eq!(read("2026-02-30"), Some((Some(2026), 2, 30, "")));
        assert_eq!(split_written("2026-02-30").unwrap().0.date(), None);
        for no in [
            "20261201",
            "202-12-01",
            "2026-123-01",
            "2026 12 01",
            "abc",
            "",
        ] {
            assert_eq!(read(no), None, "{no}");
        }
    }

    #[test]
    fn a_date_without_its_year_is_the_next_such_day() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 4).unwrap();
        let next = |t: &str| split_written(t).and_then(|(w, _)| w.next_from(today));
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        assert_eq!(next("12月5日"), day(2026, 12, 5));
        assert_eq!(next("12-04"), day(2026, 12, 4), "today counts");
        assert_eq!(next("12/3"), day(2027, 12, 3), "passed: next year's");
        assert_eq!(next("1.15"), day(2027, 1, 15));
        assert_eq!(next("2月29日"), day(2028, 2, 29));
        assert_eq!(next("2月30日"), None);
        assert_eq!(read("12月1日 15:00"), Some((None, 12, 1, "15:00")));
        assert_eq!(read("12月1号15点"), Some((None, 12, 1, "15点")));
        for no in ["12-1x", "123-1", "1-123", "15:00", "3点"] {
            assert_eq!(read(no), None, "{no}");
        }
    }
}
