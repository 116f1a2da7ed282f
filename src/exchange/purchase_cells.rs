//! A purchase cell of another tool's file (`购买记录`, or a column mapped to purchases): one
//! purchase a line (or between `;`), each an amount — `￥999`, `¥999`, `999元`, `RMB 999`,
//! `CNY999` or a bare `999` — with, if the file gives them, a time before it and a product
//! after (`2026/11/3 ￥3999 年卡`). A line without an amount does not read: the row keeps
//! it in the note, with a warning, rather than a purchase of nothing.

use super::values::parse_time;
use crate::domain::money::parse_amount;
use crate::domain::zone::Zone;
use chrono::{DateTime, Utc};

/// One purchase as the file wrote it; `at` is `None` when the file gives no time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoosePurchase {
    pub at: Option<DateTime<Utc>>,
    pub amount_cents: i64,
    pub product: Option<String>,
}

/// Words that say the currency before the number.
const CURRENCY_WORDS: [&str; 2] = ["rmb", "cny"];

/// An amount as reps write it. `bare_ok`: a number with no currency mark counts too.
pub fn read_amount(word: &str, bare_ok: bool) -> Option<i64> {
    let w = word.trim();
    let lower = w.to_ascii_lowercase();
    let (rest, worded) = match CURRENCY_WORDS.iter().find(|c| lower.starts_with(*c)) {
        Some(c) => (&w[c.len()..], true),
        None => (w, false),
    };
    let rest = rest.trim_start_matches([':', '：']);
    let marked = worded || rest.starts_with(['￥', '¥']) || rest.ends_with(['元', '块']);
    if !(marked || bare_ok)
        || !rest
            .chars()
            .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
    {
        return None;
    }
    parse_amount(rest).ok()
}

/// Each line of the cell: the purchase, or the line as written when it does not read.
pub fn read_purchases(cell: &str, zone: impl Zone + Copy) -> Vec<Result<LoosePurchase, String>> {
    cell.split(['\n', ';', '；'])
        .map(|l| l.trim())
        .filter(|l| !l.is_empty())
        .map(|line| read_line(line, zone).ok_or_else(|| line.to_string()))
        .collect()
}

fn read_line(line: &str, zone: impl Zone + Copy) -> Option<LoosePurchase> {
    let mut words: Vec<&str> = line.split_whitespace().collect();
    // A time first: one word (`2026/11/3`) or two (`2026-11-03 10:00:00`); never a plain
    // number, which is the amount (`46000` would read as a spreadsheet's date).
    let mut at = None;
    let dated = words.first().is_some_and(|w| w.parse::<f64>().is_err());
    if dated
        && words.len() >= 2
        && let Some(t) = parse_time(&format!("{} {}", words[0], words[1]), zone)
    {
        at = Some(t);
        words.drain(..2);
    } else if dated
        && words.len() >= 2
        && let Some(t) = parse_time(words[0], zone)
    {
        at = Some(t);
        words.remove(0);
    }
    // A currency said apart from its number (`￥ 999`, `RMB 999`).
    let joined: Vec<String> = {
        let mut out: Vec<String> = Vec::new();
        let mut i = 0;
        while i < words.len() {
            let w = words[i];
            let sign_only = matches!(w, "￥" | "¥")
                || CURRENCY_WORDS.contains(&w.to_ascii_lowercase().as_str());
            if sign_only && i + 1 < words.len() {
                out.push(format!("{w}{}", words[i + 1]));
                i += 2;
            } else {
                out.push(w.to_string());
                i += 1;
            }
        }
        out
    };
    // The amount: a marked one anywhere, else a bare number first.
    let pos = joined
        .iter()
        .position(|w| read_amount(w, false).is_some())
        .or_else(|| (!joined.is_empty() && read_amount(&joined[0], true).is_some()).then_some(0))?;
    // Nothing paid is no purchase (a free trial): the book refuses a sale of 0 too.
    let amount_cents = read_amount(&joined[pos], true).filter(|c| *c > 0)?;
    let product: Vec<&str> = joined
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != pos)
        .map(|(_, w)| w.as_str())
        .collect();
    Some(LoosePurchase {
        at,
        amount_cents,
        product: (!product.is_empty()).then(|| product.join(" ")),
    })
}

#[cfg(test)]
mod tests {
    use super::{LoosePurchase, read_amount, read_purchases};
    use chrono::FixedOffset;

    fn cn() -> FixedOffset {
        FixedOffset::east_opt(8 * 3600).unwrap()
    }

    #[test]
    fn amounts_as_reps_write_them() {
        for (w, cents) in [
            ("￥999", 99_900),
            ("¥999", 99_900),
            ("999元", 99_900),
            ("RMB999", 99_900),
            ("rmb:999", 99_900),
            ("CNY3,999.50", 399_950),
            ("￥3,999.00", 399_900),
            ("１２００元", 120_000),
        ] {
            assert_eq!(read_amount(w, false), Some(cents), "{w}");
        }
        assert_eq!(read_amount("5000", true), Some(500_000));
        assert_eq!(read_amount("5000", false), None);
        for not in ["年卡", "￥", "元", "RMB", "abc元"] {
            assert_eq!(read_amount(not, true), None, "{not}");
        }
    }

    #[test]
    fn lines_with_time_and_product() {
        let read = |c| read_purchases(c, cn());
        let p = |at: Option<&str>, cents, product: Option<&str>| {
            Ok(LoosePurchase {
                at: at.map(|a| a.parse().unwrap()),
                amount_cents: cents,
                product: product.map(String::from),
            })
        };
        assert_eq!(read("5000"), [p(None, 500_000, None)]);
        assert_eq!(read("￥999 年度会员"), [p(None, 99_900, Some("年度会员"))]);
        assert_eq!(read("年度会员 999元"), [p(None, 99_900, Some("年度会员"))]);
        assert_eq!(
            read("2026-11-03 10:00:00 RMB 999 年度会员\n2026/11/5 ¥3999"),
            [
                p(Some("2026-11-03T02:00:00Z"), 99_900, Some("年度会员")),
                p(Some("2026-11-04T16:00:00Z"), 399_900, None)
            ]
        );
        assert_eq!(
            read("年卡；￥5"),
            [Err("年卡".to_string()), p(None, 500, None)]
        );
        assert_eq!(read("年卡 2张"), [Err("年卡 2张".to_string())]);
        assert_eq!(read("￥0 体验课"), [Err("￥0 体验课".to_string())]);
        // A currency sign with nothing after it is no amount.
        assert_eq!(read("年卡 ￥"), [Err("年卡 ￥".to_string())]);
        assert_eq!(read("RMB"), [Err("RMB".to_string())]);
        // A time and nothing else.
        assert_eq!(
            read("2026/11/3 10:00"),
            [Err("2026/11/3 10:00".to_string())]
        );
        assert_eq!(read("0.00元"), [Err("0.00元".to_string())]);
        assert_eq!(read("46000 年卡"), [p(None, 4_600_000, Some("年卡"))]);
    }
}
