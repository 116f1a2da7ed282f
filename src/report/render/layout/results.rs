//! What the work yields: lead quality, groups by source and grade, after the sale, and
//! which scripts move people.

use super::{SOURCES_CHARTED, count, names, scope_caption, scoped, scoped_header, share, text};
use crate::domain::Grade;
use crate::i18n::report::ReportStrings;
use crate::report::figures::{Figures, GroupRow, WindowFigures};
use crate::report::render::doc::{Block, Cell, Chart, ChartKind, Section, Table};
use crate::report::render::fmt::{self, NONE};
use crate::report::stats::Count;
use std::collections::BTreeMap;

fn grade_label(s: &ReportStrings, g: Option<Grade>) -> String {
    g.map_or_else(|| s.no_grade.to_string(), |g| g.key().to_string())
}

pub(super) fn quality<'a>(f: &'a Figures, s: &ReportStrings) -> Section<'a> {
    let mix = f
        .period
        .quality
        .grade_mix
        .iter()
        .zip(&f.all_time.quality.grade_mix)
        .map(|(p, a)| {
            vec![
                text(grade_label(s, p.grade)),
                count(&p.count),
                count(&a.count),
            ]
        })
        .collect();
    let mut pairs: BTreeMap<(Grade, Grade), [Option<&Count>; 2]> = BTreeMap::new();
    for (k, w) in [&f.period, &f.all_time].into_iter().enumerate() {
        for r in &w.quality.regrades {
            pairs.entry((r.from, r.to)).or_default()[k] = Some(&r.count);
        }
    }
    let regrades = pairs
        .into_iter()
        .map(|((from, to), [p, a])| {
            let cell = |c: Option<&'a Count>| c.map_or_else(|| text("0"), count);
            vec![
                text(format!("{} → {}", from.key(), to.key())),
                cell(p),
                cell(a),
            ]
        })
        .collect();
    let q = |w: &'a WindowFigures| &w.quality;
    Section {
        key: "quality",
        title: s.sec_quality.into(),
        blocks: vec![
            Block::Table(Table {
                caption: s.grade_mix.into(),
                header: vec![s.grade.into(), s.scope_period.into(), s.scope_all.into()],
                rows: mix,
            }),
            Block::Table(Table {
                caption: s.sec_quality.into(),
                header: scoped_header(s),
                rows: vec![
                    scoped(
                        s.ungraded_after_touch,
                        |w| share(&q(w).ungraded_share, &q(w).ungraded_after_touch.contacts),
                        f,
                    ),
                    scoped(s.first_graded, |w| count(&q(w).first_graded), f),
                    scoped(s.upgrades, |w| count(&q(w).upgrades), f),
                    scoped(s.downgrades, |w| count(&q(w).downgrades), f),
                    scoped(
                        s.dropped,
                        |w| share(&q(w).dropped_share, &q(w).dropped.contacts),
                        f,
                    ),
                ],
            }),
            Block::Table(Table {
                caption: s.regrades.into(),
                header: vec![s.regrades.into(), s.scope_period.into(), s.scope_all.into()],
                rows: regrades,
            }),
            names(
                s,
                s.named_dropped,
                &f.period.quality.dropped.contacts,
                &f.people,
            ),
        ],
    }
}

pub(super) fn groups<'a>(
    f: &'a Figures,
    s: &ReportStrings,
    key: &'static str,
    title: &str,
    rows_of: impl Fn(&'a WindowFigures) -> &'a Vec<GroupRow>,
    by_source: bool,
) -> Section<'a> {
    let label = |g: &GroupRow| match (&g.key, by_source) {
        (Some(k), _) => k.clone(),
        (None, true) => s.no_source.to_string(),
        (None, false) => s.no_grade.to_string(),
    };
    let mut blocks = Vec::new();
    if by_source {
        blocks.push(Block::Chart(Chart {
            key: "sources",
            kind: ChartKind::Bars,
            title: format!("{} · {}", s.contacts, s.scope_period),
            series: vec![s.contacts.to_string(), s.won.to_string()],
            groups: f
                .period
                .by_source
                .iter()
                .take(SOURCES_CHARTED)
                .map(|g| (label(g), vec![g.contacts.count as u64, g.won.count as u64]))
                .collect(),
        }));
    }
    for (all, w) in [(false, &f.period), (true, &f.all_time)] {
        let rows = rows_of(w)
            .iter()
            .map(|g| {
                vec![
                    text(label(g)),
                    count(&g.contacts),
                    count(&g.won),
                    share(&g.win_rate, &[]),
                    text(fmt::days(g.time_to_win.median_seconds)),
                    text(fmt::money(g.amount_cents)),
                ]
            })
            .collect();
        blocks.push(Block::Table(Table {
            caption: scope_caption(s, all),
            header: vec![
                if by_source { s.source } else { s.grade }.into(),
                s.contacts.into(),
                s.won.into(),
                s.share_won.into(),
                s.days_to_win.into(),
                s.amount.into(),
            ],
            rows,
        }));
    }
    Section {
        key,
        title: title.into(),
        blocks,
    }
}

pub(super) fn after_sale<'a>(f: &'a Figures, s: &ReportStrings) -> Section<'a> {
    let opt = |c: &'a Option<Count>| c.as_ref().map_or_else(|| text(NONE), count);
    Section {
        key: "after_sale",
        title: s.sec_after_sale.into(),
        blocks: vec![Block::Table(Table {
            caption: s.sec_after_sale.into(),
            header: scoped_header(s),
            rows: vec![
                scoped(
                    s.sales,
                    |w| {
                        Cell::with_ids(
                            fmt::money(w.after_sale.sales_cents),
                            &w.after_sale.purchases.contacts,
                        )
                    },
                    f,
                ),
                scoped(s.customers, |w| count(&w.after_sale.customers), f),
                scoped(s.repeat_buyers, |w| count(&w.after_sale.repeat_buyers), f),
                scoped(
                    s.repurchase_rate,
                    |w| share(&w.after_sale.repurchase_rate, &[]),
                    f,
                ),
                scoped(
                    s.reminders_acted_on,
                    |w| share(&w.after_sale.reminders_acted_on, &[]),
                    f,
                ),
                scoped(s.referrals, |w| opt(&w.after_sale.referrals), f),
                scoped(s.referrers, |w| opt(&w.after_sale.referrers), f),
            ],
        })],
    }
}

pub(super) fn scripts<'a>(f: &'a Figures, s: &ReportStrings) -> Section<'a> {
    let days = f.book.template.script_window_days.to_string();
    let window = fmt::fill(s.script_window, &[("n", &days)]);
    let mut blocks = Vec::new();
    for (all, w) in [(false, &f.period), (true, &f.all_time)] {
        let rows = w
            .scripts
            .iter()
            .map(|r| {
                let name = match &r.title {
                    Some(t) => format!("{t} ({})", r.script),
                    None => r.script.clone(),
                };
                vec![
                    text(name),
                    text(r.sends.to_string()),
                    count(&r.contacts),
                    count(&r.advanced),
                    share(&r.advanced_share, &[]),
                ]
            })
            .collect();
        blocks.push(Block::Table(Table {
            caption: format!("{} · {}", scope_caption(s, all), window),
            header: vec![
                s.script.into(),
                s.sends.into(),
                s.contacts.into(),
                s.advanced.into(),
                s.advanced_share.into(),
            ],
            rows,
        }));
    }
    Section {
        key: "scripts",
        title: s.sec_scripts.into(),
        blocks,
    }
}
