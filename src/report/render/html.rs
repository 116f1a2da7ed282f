//! The document as one self-contained HTML file: the template and stylesheet from `assets/`
//! (embedded at build time), inline SVG charts, no scripts and nothing fetched. Written as
//! well-formed XML: every element closed, attributes quoted, text escaped.

use super::doc::{Block, Doc, Table};
use super::fmt::fill;
use super::svg;

const TEMPLATE: &str = include_str!("../../../assets/report.html");
const STYLE: &str = include_str!("../../../assets/report.css");

/// Text and attribute values made safe: the five XML specials escaped, control characters
/// (which XML forbids) dropped to spaces.
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' => out.push('\n'),
            c if c.is_control() || matches!(c, '\u{FFFE}' | '\u{FFFF}') => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

pub(crate) fn write(doc: &Doc) -> String {
    let mut body = String::new();
    body.push_str(&format!("<header>\n<h1>{}</h1>\n", escape(&doc.title)));
    for b in &doc.banners {
        body.push_str(&format!(
            "<div class=\"banner\" role=\"alert\">⚠ {}</div>\n",
            escape(b)
        ));
    }
    body.push_str("<dl class=\"meta\">\n");
    for (k, v) in &doc.meta {
        body.push_str(&format!("<dt>{}</dt><dd>{}</dd>\n", escape(k), escape(v)));
    }
    body.push_str("</dl>\n</header>\n<main>\n");
    for sec in &doc.sections {
        body.push_str(&format!(
            "<section id=\"{}\">\n<h2>{}</h2>\n",
            escape(sec.key),
            escape(&sec.title)
        ));
        for block in &sec.blocks {
            match block {
                Block::Table(t) => table(&mut body, t),
                Block::Chart(c) => body.push_str(&svg::chart(c)),
                Block::Names { title, items } => {
                    body.push_str(&format!(
                        "<h3>{}</h3>\n<ul class=\"names\">\n",
                        escape(title)
                    ));
                    if items.is_empty() {
                        body.push_str("<li>—</li>\n");
                    }
                    for i in items {
                        body.push_str(&format!("<li>{}</li>\n", escape(i)));
                    }
                    body.push_str("</ul>\n");
                }
                Block::Text(t) => body.push_str(&format!("<p>{}</p>\n", escape(t))),
                Block::Definitions(defs) => {
                    body.push_str("<dl class=\"defs\">\n");
                    for (term, meaning) in defs {
                        body.push_str(&format!(
                            "<dt>{}</dt><dd>{}</dd>\n",
                            escape(term),
                            escape(meaning)
                        ));
                    }
                    body.push_str("</dl>\n");
                }
            }
        }
        body.push_str("</section>\n");
    }
    body.push_str("</main>");
    fill(
        TEMPLATE,
        &[
            ("lang", doc.lang_tag),
            ("title", &escape(&doc.title)),
            ("style", STYLE),
            ("body", &body),
        ],
    )
}

fn table(out: &mut String, t: &Table) {
    // In a box of its own that scrolls sideways on a narrow screen (a phone), not the page.
    out.push_str(&format!(
        "<div class=\"table\">\n<table>\n<caption>{}</caption>\n<thead><tr>",
        escape(&t.caption)
    ));
    for h in &t.header {
        out.push_str(&format!("<th scope=\"col\">{}</th>", escape(h)));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in &t.rows {
        out.push_str("<tr>");
        for (k, cell) in row.iter().enumerate() {
            if k == 0 {
                out.push_str(&format!("<th scope=\"row\">{}</th>", escape(&cell.text)));
            } else {
                out.push_str(&format!("<td>{}</td>", escape(&cell.text)));
            }
        }
        out.push_str("</tr>\n");
    }
    // Nothing to show: a row that says so, not a bare header.
    if t.rows.is_empty() {
        out.push_str(&format!(
            "<tr><td class=\"none\" colspan=\"{}\">{}</td></tr>\n",
            t.header.len().max(1),
            super::fmt::NONE
        ));
    }
    out.push_str("</tbody>\n</table>\n</div>\n");
}
