//! The document as CSV, one value per line: section, table, row, column, value and the
//! contacts behind the value (ids separated by spaces). Every cell that a spreadsheet
//! would read as a formula is prefixed with an apostrophe.

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

pub(crate) fn write(doc: &Doc) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut put = |cells: [&str; 6]| {
        for c in cells {
            w.write_field(guard(c).as_bytes())
                .expect("writing to memory cannot fail");
        }
        w.write_record(None::<&[u8]>)
            .expect("writing to memory cannot fail");
    };
    let mut ids = String::new();
    put(["section", "table", "row", "column", "value", "contacts"]);
    for b in &doc.banners {
        put(["warning", "", "", "", b, ""]);
    }
    for (k, v) in &doc.meta {
        put(["meta", "", k, "", v, ""]);
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
                            put([sec.key, &t.caption, label, col, &cell.text, &ids]);
                        }
                    }
                }
                Block::Definitions(defs) => {
                    for (term, meaning) in defs {
                        put([sec.key, "", term, "", meaning, ""]);
                    }
                }
                Block::Text(t) => put([sec.key, "", "", "", t, ""]),
                Block::Names { title, items } => {
                    for item in items {
                        put([sec.key, title, "", "", item, ""]);
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
    use super::guard;

    #[test]
    fn formulas_are_defused() {
        assert_eq!(guard("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(guard("-1+2"), "'-1+2");
        assert_eq!(guard("@SUM"), "'@SUM");
        assert_eq!(guard("a\nb"), "a b");
        assert_eq!(guard("张三"), "张三");
    }
}
