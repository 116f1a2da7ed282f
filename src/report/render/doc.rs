//! The report as a document: sections of tables, charts and lists, built once from the
//! figures and written out by each text format. The formats differ only in syntax.

use crate::domain::ContactId;

pub(crate) struct Doc<'a> {
    /// The HTML `lang` attribute.
    pub lang_tag: &'static str,
    pub title: String,
    /// Warnings that head the report (a broken log, an unreadable book).
    pub banners: Vec<String>,
    pub meta: Vec<(String, String)>,
    pub sections: Vec<Section<'a>>,
}

pub(crate) struct Section<'a> {
    /// A stable key (`funnel`, `cadence`…): CSV's first column, HTML's id.
    pub key: &'static str,
    pub title: String,
    pub blocks: Vec<Block<'a>>,
}

pub(crate) enum Block<'a> {
    Table(Table<'a>),
    Chart(Chart),
    /// A titled list of names (drill-down in prose).
    Names {
        title: String,
        items: Vec<String>,
    },
    Text(String),
    /// Terms and what they mean.
    Definitions(Vec<(String, String)>),
}

pub(crate) struct Table<'a> {
    pub caption: String,
    pub header: Vec<String>,
    /// The first cell of a row names it.
    pub rows: Vec<Vec<Cell<'a>>>,
}

/// A value and the contacts behind it (empty when the value is not a count of contacts).
pub(crate) struct Cell<'a> {
    pub text: String,
    pub ids: &'a [ContactId],
}

impl<'a> Cell<'a> {
    pub fn text(text: impl Into<String>) -> Cell<'a> {
        Cell {
            text: text.into(),
            ids: &[],
        }
    }

    pub fn with_ids(text: impl Into<String>, ids: &'a [ContactId]) -> Cell<'a> {
        Cell {
            text: text.into(),
            ids,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ChartKind {
    /// Horizontal bars, one per label.
    Bars,
    /// Vertical bars grouped per label (one per series), e.g. per day.
    Columns,
}

pub(crate) struct Chart {
    /// `funnel`, `activity`, `sources`: the SVG's `data-chart`.
    pub key: &'static str,
    pub kind: ChartKind,
    pub title: String,
    pub series: Vec<String>,
    /// Per label, one value per series.
    pub groups: Vec<(String, Vec<u64>)>,
}
