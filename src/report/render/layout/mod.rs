//! One book's figures laid out as a document: the head (owner, template, period, log
//! check), then a section per figure family, then the definitions. The sections are built
//! in `pipeline` (funnel, states now), `conduct` (first replies, follow-ups, activity) and
//! `results` (lead quality, groups, after the sale, scripts); the cell builders they share
//! live here.

mod conduct;
mod pipeline;
mod results;

use super::doc::{Block, Cell, Doc, Section, Table};
use super::fmt::{self, NONE};
use crate::config::Lang;
use crate::domain::ContactId;
use crate::i18n::report::{ReportStrings, report_strings};
use crate::report::figures::{Figures, NAMES_LISTED, Person, Reason, WindowFigures};
use crate::report::input::{ChainBreak, VerifyStatus};
use crate::report::stats::{Count, Share};
use chrono::{FixedOffset, Utc};
use std::collections::BTreeMap;

/// Charts show this many source channels.
pub(crate) const SOURCES_CHARTED: usize = 12;

pub(crate) fn offset_of(f: &Figures) -> FixedOffset {
    FixedOffset::east_opt(f.book.utc_offset_seconds)
        .unwrap_or_else(|| FixedOffset::east_opt(0).expect("UTC"))
}

pub(crate) fn book_doc(f: &Figures, lang: Lang) -> Doc<'_> {
    let s = report_strings(lang);
    let offset = offset_of(f);
    let mut banners = Vec::new();
    if let Some(b) = &f.book.verify.broken {
        banners.push(broken_banner(s, b));
    }
    let t = &f.book.template;
    let meta = vec![
        (s.owner.to_string(), f.book.owner.clone()),
        (
            s.template.to_string(),
            format!("{} ({} v{})", t.name, t.id, t.version),
        ),
        (s.period.to_string(), period_text(s, f, offset)),
        (s.generated.to_string(), fmt::local(f.book.now, offset)),
        (s.verify.to_string(), verify_text(s, &f.book.verify, offset)),
    ];
    let sections = vec![
        pipeline::funnel(f, s, lang),
        pipeline::now(f, s, lang),
        conduct::response(f, s),
        conduct::cadence(f, s, lang),
        results::quality(f, s),
        results::groups(f, s, "by_source", s.sec_source, |w| &w.by_source, true),
        results::groups(f, s, "by_grade", s.sec_grade, |w| &w.by_grade, false),
        results::after_sale(f, s),
        results::scripts(f, s),
        conduct::activity(f, s),
        notes(s),
    ];
    Doc {
        lang_tag: s.html_lang,
        title: format!("{} · {}", s.report_title, f.book.owner),
        banners,
        meta,
        sections,
    }
}

pub(crate) fn broken_banner(s: &ReportStrings, b: &ChainBreak) -> String {
    fmt::fill(
        if b.book_differs {
            s.book_differs_banner
        } else {
            s.broken_banner
        },
        &[
            ("event", &b.event.to_string()),
            ("entity", &b.entity),
            ("detail", &b.detail),
        ],
    )
}

pub(crate) fn period_text(s: &ReportStrings, f: &Figures, offset: FixedOffset) -> String {
    let p = &f.book.period;
    let t = |v: Option<chrono::DateTime<Utc>>| {
        v.map_or_else(|| NONE.to_string(), |t| fmt::local(t, offset))
    };
    let range = fmt::fill(s.period_range, &[("from", &t(p.from)), ("to", &t(p.to))]);
    // Said in the file itself: a shared report of a period to come is not read as a bad one.
    match p.from {
        Some(from) if from > f.book.now => format!("{range}{}", s.period_ahead),
        _ => range,
    }
}

pub(crate) fn verify_text(s: &ReportStrings, v: &VerifyStatus, offset: FixedOffset) -> String {
    let t = |v: Option<chrono::DateTime<Utc>>| {
        v.map_or_else(|| NONE.to_string(), |t| fmt::local(t, offset))
    };
    match &v.broken {
        Some(b) => fmt::fill(
            if b.book_differs {
                s.verify_book_differs
            } else {
                s.verify_broken
            },
            &[
                ("event", &b.event.to_string()),
                ("at", &t(b.at)),
                ("entity", &b.entity),
                ("detail", &b.detail),
            ],
        ),
        None if v.events == 0 => s.verify_empty.to_string(),
        None => fmt::fill(
            if v.records_checked {
                s.verify_ok
            } else {
                s.verify_ok_unsealed
            },
            &[
                ("n", &v.events.to_string()),
                ("first", &t(v.first_at)),
                ("last", &t(v.last_at)),
            ],
        ),
    }
}

pub(super) fn count(c: &Count) -> Cell<'_> {
    Cell::with_ids(c.count.to_string(), &c.contacts)
}

pub(super) fn share<'a>(sh: &Share, ids: &'a [ContactId]) -> Cell<'a> {
    Cell::with_ids(fmt::share(sh), ids)
}

pub(super) fn text<'a>(t: impl Into<String>) -> Cell<'a> {
    Cell::text(t)
}

/// Row label, then the period's and all time's cells.
pub(super) fn scoped<'a>(
    label: &str,
    cells: impl Fn(&'a WindowFigures) -> Cell<'a>,
    f: &'a Figures,
) -> Vec<Cell<'a>> {
    vec![text(label), cells(&f.period), cells(&f.all_time)]
}

pub(super) fn scoped_header(s: &ReportStrings) -> Vec<String> {
    vec![s.figure.into(), s.scope_period.into(), s.scope_all.into()]
}

pub(super) fn scope_caption(s: &ReportStrings, all: bool) -> String {
    if all { s.scope_all } else { s.scope_period }.to_string()
}

pub(super) fn reasons_table<'a>(
    s: &ReportStrings,
    caption: String,
    reasons: &'a [Reason],
) -> Block<'a> {
    Block::Table(Table {
        caption,
        header: vec![s.reason.into(), s.count.into()],
        rows: reasons
            .iter()
            .map(|r| {
                vec![
                    text(r.reason.clone().unwrap_or_else(|| s.no_reason.to_string())),
                    count(&r.count),
                ]
            })
            .collect(),
    })
}

pub(super) fn names(
    s: &ReportStrings,
    title: &str,
    ids: &[ContactId],
    people: &BTreeMap<ContactId, Person>,
) -> Block<'static> {
    let mut items: Vec<String> = ids
        .iter()
        .take(NAMES_LISTED)
        .map(|id| match people.get(id) {
            Some(p) => {
                let mut line = format!("{} (#{id})", p.name);
                for v in [&p.phone, &p.wechat].into_iter().flatten() {
                    line.push_str(" · ");
                    line.push_str(v);
                }
                line
            }
            None => format!("#{id}"),
        })
        .collect();
    if ids.len() > NAMES_LISTED {
        items.push(fmt::fill(
            s.and_more,
            &[("n", &(ids.len() - NAMES_LISTED).to_string())],
        ));
    }
    Block::Names {
        title: title.to_string(),
        items,
    }
}

pub(crate) fn notes(s: &ReportStrings) -> Section<'static> {
    Section {
        key: "notes",
        title: s.sec_notes.into(),
        blocks: vec![Block::Definitions(
            s.definitions
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        )],
    }
}
