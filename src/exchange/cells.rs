//! How the spreadsheet CSV writes a value into a cell, and reads it back exactly.
//!
//! - **Formula guard.** A cell starting with `=` `+` `-` `@`, a tab or a carriage return
//!   runs as a formula when a spreadsheet opens the file. Such a value, and one that already
//!   looks guarded (apostrophes, then one of those), gets one more leading `'`; reading
//!   removes exactly one from a value that looks guarded. Nothing else is touched, so the
//!   pair is exact for every string.
//! - **Text marker.** A value a spreadsheet would turn into a number, date or boolean
//!   (`00123`, `075512345678`, `3-5`, `TRUE`) loses leading zeros or changes meaning. It gets
//!   one trailing tab, which keeps the cell text and does not show; reading removes exactly
//!   one trailing tab. (A value that already ends in a tab also gets one, for exactness.)
//! - **Lists.** Tags, one per line in the cell, as `group/tag`; purchases, one per line.
//!   Backslash escapes make any text survive (see [`encode_tags`]).

use super::model::PurchaseRecord;
use super::values::{format_local, parse_time};
use crate::domain::TagRef;
use crate::domain::money::{format_amount, parse_amount};
use crate::domain::text::fold_width;
use chrono::FixedOffset;
use std::borrow::Cow;

fn is_formula_start(c: char) -> bool {
    matches!(c, '=' | '+' | '-' | '@' | '\t' | '\r')
}

/// Apostrophes, then a formula character.
fn looks_guarded(v: &str, min_quotes: usize) -> bool {
    let quotes = v.chars().take_while(|&c| c == '\'').count();
    quotes >= min_quotes && v[quotes..].chars().next().is_some_and(is_formula_start)
}

/// The formula guard alone: what `list`, `search` and `agenda --format csv` apply to every
/// cell, so a script sees plain UTF-8 and a spreadsheet never runs a cell.
pub fn guard_formula(v: &str) -> Cow<'_, str> {
    if looks_guarded(v, 0) {
        Cow::Owned(format!("'{v}"))
    } else {
        Cow::Borrowed(v)
    }
}

/// Undoes [`guard_formula`].
pub fn unguard_formula(v: &str) -> &str {
    if looks_guarded(v, 1) { &v[1..] } else { v }
}

/// Whether a spreadsheet opening the CSV would read the text as a number, date, time,
/// percentage or boolean instead of text.
fn spreadsheet_would_convert(v: &str) -> bool {
    let f = fold_width(v.trim());
    if f.eq_ignore_ascii_case("true") || f.eq_ignore_ascii_case("false") {
        return true;
    }
    f.chars().any(|c| c.is_ascii_digit())
        && f.chars()
            .all(|c| c.is_ascii_digit() || " +-.,/:%()$eE¥￥年月日时分秒".contains(c))
}

/// A text value as a spreadsheet cell: marker, then guard.
pub fn text_cell(v: &str) -> String {
    let marked = if spreadsheet_would_convert(v) || v.ends_with('\t') {
        Cow::Owned(format!("{v}\t"))
    } else {
        Cow::Borrowed(v)
    };
    guard_formula(&marked).into_owned()
}

/// Undoes [`text_cell`].
pub fn read_text_cell(cell: &str) -> &str {
    let v = unguard_formula(cell);
    v.strip_suffix('\t').unwrap_or(v)
}

fn escape_into(out: &mut String, s: &str, also: &[char]) {
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if also.contains(&c) => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
}

/// Reads escaped text up to the first unescaped `stop`; returns it and what follows `stop`.
fn unescape_until(s: &str, stop: Option<char>) -> (String, Option<&str>) {
    let mut out = String::new();
    let mut chars = s.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some((_, 'n')) => out.push('\n'),
                Some((_, 'r')) => out.push('\r'),
                Some((_, other)) => out.push(other),
                None => out.push('\\'),
            },
            c if Some(c) == stop => return (out, Some(&s[i + c.len_utf8()..])),
            c => out.push(c),
        }
    }
    (out, None)
}

/// Tags one per line as `group/tag`. A `\`, a line break, or a `/` inside the group is
/// written with a backslash, so the list splits back exactly whatever the tags contain:
/// `组/a;b` and `组/c` stay two tags.
pub fn encode_tags(tags: &[TagRef]) -> String {
    let mut out = String::new();
    for (i, t) in tags.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        escape_into(&mut out, &t.group, &['/']);
        out.push('/');
        escape_into(&mut out, &t.tag, &[]);
    }
    out
}

/// Undoes [`encode_tags`]. A spreadsheet that saved the line breaks as CRLF is fine.
pub fn decode_tags(cell: &str) -> Result<Vec<TagRef>, String> {
    let mut tags = Vec::new();
    for line in cell.split('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.is_empty() {
            continue;
        }
        let (group, rest) = unescape_until(line, Some('/'));
        let Some(rest) = rest else {
            return Err(line.to_string());
        };
        let (tag, _) = unescape_until(rest, None);
        tags.push(TagRef { group, tag });
    }
    Ok(tags)
}

/// Purchases one per line: `YYYY-MM-DD HH:MM:SS` (local), then ` ¥AMOUNT` if known, then
/// ` PRODUCT` if known (escaped like tags, and a leading `¥` too).
pub fn encode_purchases(purchases: &[PurchaseRecord], offset: FixedOffset) -> String {
    let mut out = String::new();
    for (i, p) in purchases.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&format_local(p.at, offset));
        if let Some(cents) = p.amount_cents {
            out.push_str(" ¥");
            out.push_str(&format_amount(cents));
        }
        if let Some(product) = &p.product {
            out.push(' ');
            if product.starts_with('¥') {
                out.push('\\');
            }
            escape_into(&mut out, product, &[]);
        }
    }
    out
}

/// Undoes [`encode_purchases`]; the error is the line that does not read.
pub fn decode_purchases(cell: &str, offset: FixedOffset) -> Result<Vec<PurchaseRecord>, String> {
    let mut out = Vec::new();
    for line in cell.split('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.is_empty() {
            continue;
        }
        let bad = || line.to_string();
        let stamp = line.get(..19).ok_or_else(bad)?;
        let at = parse_time(stamp, offset).ok_or_else(bad)?;
        let mut rest = &line[19..];
        let mut amount_cents = None;
        if let Some(r) = rest.strip_prefix(" ¥") {
            let end = r.find(' ').unwrap_or(r.len());
            amount_cents = Some(parse_amount(&r[..end]).map_err(|_| bad())?);
            rest = &r[end..];
        }
        let product = match rest.strip_prefix(' ') {
            Some(p) => Some(unescape_until(p, None).0),
            None if rest.is_empty() => None,
            None => return Err(bad()),
        };
        out.push(PurchaseRecord {
            at,
            amount_cents,
            product,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{DateTime, Utc};

    fn tag(g: &str, t: &str) -> TagRef {
        TagRef {
            group: g.into(),
            tag: t.into(),
        }
    }

    #[test]
    fn formula_guard_is_exact() {
        for (v, guarded) in [
            ("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"),
            ("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"),
            ("-2", "'-2"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("'=x", "''=x"),
            ("'plain", "'plain"),
            ("张三", "张三"),
            ("", ""),
        ] {
            assert_eq!(guard_formula(v), guarded, "{v:?}");
            assert_eq!(unguard_formula(guarded), v, "{v:?}");
        }
    }

    #[test]
    fn text_marker_keeps_numbers_text() {
        assert_eq!(text_cell("00123"), "00123\t");
        assert_eq!(text_cell("075512345678"), "075512345678\t");
        assert_eq!(text_cell("+8613800001234"), "'+8613800001234\t");
        assert_eq!(text_cell("3-5"), "3-5\t");
        assert_eq!(text_cell("TRUE"), "TRUE\t");
        assert_eq!(text_cell("１２３"), "１２３\t");
        assert_eq!(text_cell("lisi88"), "lisi88");
        assert_eq!(text_cell("3000-5000元"), "3000-5000元");
        for v in ["00123", "+86 138", "-", "x\t", "'-1\t", "TRUE", "张三", ""] {
            assert_eq!(read_text_cell(&text_cell(v)), v, "{v:?}");
        }
    }

    #[test]
    fn tags_split_back_exactly() {
        let tags = vec![
            tag("组", "a;b"),
            tag("组", "c"),
            tag("a/b", "c/d"),
            tag("反\\斜", "换\n行"),
            tag("", "空组"),
        ];
        let cell = encode_tags(&tags);
        assert_eq!(cell.lines().next(), Some("组/a;b"));
        assert_eq!(decode_tags(&cell).unwrap(), tags);
        assert_eq!(decode_tags(&cell.replace('\n', "\r\n")).unwrap(), tags);
        assert_eq!(decode_tags("").unwrap(), vec![]);
        assert_eq!(decode_tags("没有分组").unwrap_err(), "没有分组");
    }

    #[test]
    fn purchases_split_back_exactly() {
        let cn = FixedOffset::east_opt(8 * 3600).unwrap();
        let at: DateTime<Utc> = "2026-03-01T02:00:00Z".parse().unwrap();
        let ps = vec![
            PurchaseRecord {
                at,
                amount_cents: Some(399950),
                product: Some("年卡 (家庭)".into()),
            },
            PurchaseRecord {
                at,
                amount_cents: None,
                product: Some("¥券\n第二行".into()),
            },
            PurchaseRecord {
                at,
                amount_cents: Some(100),
                product: None,
            },
            PurchaseRecord {
                at,
                amount_cents: None,
                product: None,
            },
        ];
        let cell = encode_purchases(&ps, cn);
        assert_eq!(
            cell.lines().next(),
            Some("2026-03-01 10:00:00 ¥3999.50 年卡 (家庭)")
        );
        assert_eq!(decode_purchases(&cell, cn).unwrap(), ps);
        assert!(decode_purchases("2026-03-01 10:00:00¥5", cn).is_err());
        assert!(decode_purchases("昨天 买了", cn).is_err());
    }
}
