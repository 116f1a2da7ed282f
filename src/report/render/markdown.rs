//! The document as Markdown: headings, pipe tables, lists. Charts are left to HTML (their
//! numbers are in the tables beside them).

use super::doc::{Block, Doc};

/// Text that reads as itself: Markdown's punctuation escaped, one line.
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '|' | '!' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

pub(crate) fn write(doc: &Doc) -> String {
    let mut out = format!("# {}\n\n", escape(&doc.title));
    for b in &doc.banners {
        out.push_str(&format!("> **⚠ {}**\n\n", escape(b)));
    }
    for (k, v) in &doc.meta {
        out.push_str(&format!("- **{}**: {}\n", escape(k), escape(v)));
    }
    for sec in &doc.sections {
        out.push_str(&format!("\n## {}\n", escape(&sec.title)));
        for block in &sec.blocks {
            if matches!(block, Block::Chart(_)) {
                continue;
            }
            out.push('\n');
            match block {
                Block::Table(t) => {
                    out.push_str(&format!("**{}**\n\n", escape(&t.caption)));
                    let line = |cells: Vec<String>| format!("| {} |\n", cells.join(" | "));
                    out.push_str(&line(t.header.iter().map(|h| escape(h)).collect()));
                    out.push_str(&line(t.header.iter().map(|_| "---".to_string()).collect()));
                    for row in &t.rows {
                        out.push_str(&line(row.iter().map(|c| escape(&c.text)).collect()));
                    }
                    // Nothing to show: a row that says so, not a bare header.
                    if t.rows.is_empty() {
                        out.push_str(&line(
                            t.header
                                .iter()
                                .map(|_| super::fmt::NONE.to_string())
                                .collect(),
                        ));
                    }
                }
                Block::Chart(_) => {}
                Block::Names { title, items } => {
                    out.push_str(&format!("**{}**\n\n", escape(title)));
                    if items.is_empty() {
                        out.push_str("- —\n");
                    }
                    for i in items {
                        out.push_str(&format!("- {}\n", escape(i)));
                    }
                }
                Block::Text(t) => out.push_str(&format!("{}\n", escape(t))),
                Block::Definitions(defs) => {
                    for (term, meaning) in defs {
                        out.push_str(&format!("- **{}**: {}\n", escape(term), escape(meaning)));
                    }
                }
            }
        }
    }
    out
}
