//! How values read in every text format: one decimal for shares and durations, "—" for a
//! value that does not exist (an empty set), never 0 or NaN.

use crate::domain::money::format_amount;
use crate::report::stats::Share;
use chrono::{DateTime, FixedOffset, Utc};

pub const NONE: &str = "—";

/// 0.625 → "62.5%".
pub fn rate(r: Option<f64>) -> String {
    r.map_or_else(|| NONE.to_string(), |r| format!("{:.1}%", r * 100.0))
}

/// "62.5% (5/8)", or "— (0/0)".
pub fn share(s: &Share) -> String {
    format!("{} ({}/{})", rate(s.rate), s.num, s.den)
}

/// Seconds as days with one decimal.
pub fn days(secs: Option<i64>) -> String {
    secs.map_or_else(
        || NONE.to_string(),
        |s| format!("{:.1}", s as f64 / 86_400.0),
    )
}

/// Seconds as minutes with one decimal.
pub fn minutes(secs: Option<i64>) -> String {
    secs.map_or_else(|| NONE.to_string(), |s| format!("{:.1}", s as f64 / 60.0))
}

/// Cents as "¥3999.50".
pub fn money(cents: i64) -> String {
    format!("¥{}", format_amount(cents))
}

/// A moment in the book's local time, to the minute.
pub fn local(t: DateTime<Utc>, offset: FixedOffset) -> String {
    t.with_timezone(&offset)
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

/// Fills `{key}` placeholders in one pass (a value's own braces are left alone).
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let hit = after.find('}').and_then(|close| {
            let key = &after[..close];
            values
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| (v, close))
        });
        match hit {
            Some((v, close)) => {
                out.push_str(v);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_and_fills() {
        assert_eq!(rate(None), "—");
        assert_eq!(share(&Share::new(5, 8)), "62.5% (5/8)");
        assert_eq!(days(Some(129_600)), "1.5");
        assert_eq!(minutes(Some(90)), "1.5");
        assert_eq!(money(399_950), "¥3999.50");
        assert_eq!(
            fill("{a} and {b} {c}", &[("a", "{b}"), ("b", "2")]),
            "{b} and 2 {c}"
        );
    }
}
