//! The report's formats. Markdown, HTML and CSV write the same document (`doc`) built from
//! the figures; JSON writes the figures themselves.

mod csv;
mod doc;
pub mod fmt;
mod html;
mod layout;
mod markdown;
mod rollup_layout;
mod svg;

use doc::Doc;

use super::figures::Figures;
use super::mask::{Mask, mask_figures};
use super::rollup::{BookResult, combine};
use crate::config::Lang;
use crate::i18n::report::report_strings;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Html,
    Json,
    Csv,
}

/// The report's head lines as a screen shows them: the period, and what `verify` found
/// (the same words the report heads with).
pub fn head_lines(f: &Figures, lang: Lang) -> (String, String) {
    let s = report_strings(lang);
    let offset = layout::offset_of(f);
    (
        layout::period_text(s, f, offset),
        layout::verify_text(s, &f.book.verify, offset),
    )
}

/// How to render: the language of the words and what to mask.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RenderOptions {
    pub lang: Lang,
    pub mask: Mask,
}

/// One book's report as JSON, written to `out` as it is made: a big book's report runs
/// to 12 MB, which a string would first hold (and copy as it grew).
pub fn write_report_json(
    f: &Figures,
    mask: Mask,
    mut out: impl std::io::Write,
) -> std::io::Result<()> {
    let masked;
    let f = if mask == Mask::default() {
        f
    } else {
        masked = mask_figures(f, mask);
        &masked
    };
    serde_json::to_writer(&mut out, f)?;
    out.write_all(b"\n")?;
    out.flush()
}

/// One book's report in `format`.
pub fn render_report(f: &Figures, format: Format, opts: RenderOptions) -> String {
    let masked;
    let f = if opts.mask == Mask::default() {
        f
    } else {
        masked = mask_figures(f, opts.mask);
        &masked
    };
    match format {
        // Compact: the drill-down lists of a large book run to millions of ids.
        Format::Json => serde_json::to_string(f).expect("figures serialize") + "\n",
        other => write_doc(&layout::book_doc(f, opts.lang), other),
    }
}

/// The team roll-up of `books` in `format`. Masking applies to every book's figures.
pub fn render_rollup(books: &[BookResult], format: Format, opts: RenderOptions) -> String {
    let masked: Vec<BookResult>;
    let books = if opts.mask == Mask::default() {
        books
    } else {
        masked = books
            .iter()
            .map(|(label, r)| {
                (
                    label.clone(),
                    r.as_ref()
                        .map(|f| mask_figures(f, opts.mask))
                        .map_err(Clone::clone),
                )
            })
            .collect();
        &masked
    };
    let rollup = combine(books);
    match format {
        Format::Json => serde_json::to_string(&rollup).expect("roll-up serializes") + "\n",
        other => write_doc(&rollup_layout::rollup_doc(&rollup, opts.lang), other),
    }
}

fn write_doc(doc: &Doc, format: Format) -> String {
    match format {
        Format::Markdown => markdown::write(doc),
        Format::Html => html::write(doc),
        Format::Csv => csv::write(doc),
        Format::Json => unreachable!("JSON is written from the values, not the document"),
    }
}

/// The definition of every figure, for `report --explain`.
pub fn explain(lang: Lang) -> String {
    let s = report_strings(lang);
    let mut out = format!("{}\n\n", s.sec_notes);
    for (term, meaning) in s.definitions {
        out.push_str(&format!("{term}\n  {meaning}\n\n"));
    }
    out
}
