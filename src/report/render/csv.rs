//! The document as CSV, one value per line: section, table, row, column, value, the
//! contacts behind the value (ids separated by spaces), and the value as a spreadsheet can
//! compute with it: `number` (a count, days, minutes, yuan, or a rate as a fraction) and,
//! for a rate, `out_of` (what it is out of). The file opens with a byte-order mark, as the
//! export's does, so a spreadsheet on Chinese Windows reads it as UTF-8. Every cell that a
//! spreadsheet would read as a formula is prefixed with an apostrophe.

use super::doc::{Block, Doc};
use std::borrow::Cow;
use std::fmt::Write as _;

/// A cell that starts like a formula (`=`, `+`, `-`, `@`, tab, carriage return) gets a
/// leading apostrophe; control characters become spaces.
pub(crate) fn guard(s: &str) -> Cow<'_, str> {
    let formula = matches!(s.chars().next(), Some('=' | '+' | '-' | '@' | '\t' | '\r'));
    if !formula && !s.chars().any(char::is_control) {
        return Cow::Borrowed(s);
    }
    let clean: String = s
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    Cow::Owned(if formula { format!("'{clean}") } else { clean })
}

/// A value's `number` and `out_of` cells, read off the text every format shows: "62.5%
/// (5/8)" → 0.625 of 8; "¥3999.50" → 3999.50; "4.5" → 4.5; a roll-up's rank (" #2") left
/// off; "—" and words → nothing.
pub(crate) fn number_of(text: &str) -> (String, String) {
    let text = match text.rsplit_once(" #") {
        Some((v, rank)) if !rank.is_empty() && rank.bytes().all(|b| b.is_ascii_digit()) => v,
        _ => text,
    };
    let plain = |s: &str| {
        let ok = !s.is_empty()
            && s.parse::<f64>().is_ok_and(f64::is_finite)
            && s.bytes()
                .all(|b| b.is_ascii_digit() || b == b'.' || b == b'-');
        ok.then(|| s.to_string())
    };
    let share = text
        .strip_suffix(')')
        .and_then(|t| t.rsplit_once(" ("))
        .and_then(|(_, frac)| frac.split_once('/'))
        .and_then(|(n, d)| Some((n.parse::<u64>().ok()?, d.parse::<u64>().ok()?)));
    if let Some((n, d)) = share {
        let rate = if d == 0 {
            String::new()
        } else {
            let r = format!("{:.6}", n as f64 / d as f64);
            r.trim_end_matches('0').trim_end_matches('.').to_string()
        };
        return (rate, d.to_string());
    }
    let amount = text.strip_prefix('¥').unwrap_or(text);
    (plain(amount).unwrap_or_default(), String::new())
}

pub(crate) fn write(doc: &Doc) -> String {
    let mut w = csv::Writer::from_writer("\u{FEFF}".as_bytes().to_vec());
    let mut put = |cells: [&str; 8]| {
        for c in cells {
            w.write_field(guard(c).as_bytes())
                .expect("writing to memory cannot fail");
        }
        w.write_record(None::<&[u8]>)
            .expect("writing to memory cannot fail");
    };
    let mut ids = String::new();
    put([
        "section", "table", "row", "column", "value", "contacts", "number", "out_of",
    ]);
    for b in &doc.banners {
        put(["warning", "", "", "", b, "", "", ""]);
    }
    for (k, v) in &doc.meta {
        put(["meta", "", k, "", v, "", "", ""]);
    }
    for sec in &doc.sections {
        for block in &sec.blocks {
            match block {
                Block::Table(t) => {
                    for row in &t.rows {
                        let label = row.first().map_or("", |c| c.text.as_str());
                        for (col, cell) in t.header.iter().zip(row).skip(1) {
                            ids.clear();
                            for (k, id) in cell.ids.iter().enumerate() {
                                let sep = if k == 0 { "" } else { " " };
                                write!(ids, "{sep}{id}").expect("writing to a String");
                            }
                            let (number, out_of) = number_of(&cell.text);
                            put([
                                sec.key, &t.caption, label, col, &cell.text, &ids, &number, &out_of,
                            ]);
                        }
                    }
                }
                Block::Definitions(defs) => {
                    for (term, meaning) in defs {
                        put([sec.key, "", term, "", meaning, "", "", ""]);
                    }
                }
                Block::Text(t) => put([sec.key, "", "", "", t, "", "", ""]),
                Block::Names { title, items } => {
                    for item in items {
                        put([sec.key, title, "", "", item, "", "", ""]);
                    }
                }
                Block::Chart(_) => {}
            }
        }
    }
    String::from_utf8(w.into_inner().expect("flush to memory")).expect("CSV of UTF-8 strings")
}

#[cfg(test)]
mod tests {
    use super::{guard, number_of};

    #[test]
    fn values_become_numbers_a_spreadsheet_can_sum_and_sort() {
        let n = |t: &str| {
            let (a, b) = number_of(t);
            (a, b)
        };
        let s = |a: &str, b: &str| (a.to_string(), b.to_string());
        assert_eq!(n("62.5% (5/8)"), s("0.625", "8"));
        assert_eq!(n("33.3% (1/3)"), s("0.333333", "3"));
        assert_eq!(n("100.0% (2/2)"), s("1", "2"));
        assert_eq!(n("— (0/0)"), s("", "0"));
        assert_eq!(n("¥3999.50"), s("3999.50", ""));
        assert_eq!(n("¥12000"), s("12000", ""));
        assert_eq!(n("41.6"), s("41.6", ""));
        assert_eq!(n("7"), s("7", ""));
        assert_eq!(n("2 #1"), s("2", ""));
        assert_eq!(n("16.7% (1/6) #2"), s("0.166667", "6"));
        assert_eq!(n("—"), s("", ""));
        assert_eq!(n("王芳"), s("", ""));
        assert_eq!(n("inf"), s("", ""));
        assert_eq!(n("2026-11-02 00:00"), s("", ""));
    }

    #[test]
    fn formulas_are_defused() {
        assert_eq!(guard("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(guard("-1+2"), "'-1+2");
        assert_eq!(guard("@SUM"), "'@SUM");
        assert_eq!(guard("a\nb"), "a b");
        assert_eq!(guard("张三"), "张三");
    }
}
