//! How the rep works: first replies, follow-ups done on time or not, and activity per day.

use super::{count, names, reasons_table, scope_caption, scoped, scoped_header, share, text};
use crate::config::Lang;
use crate::i18n::report::{ReportStrings, track_name};
use crate::report::figures::Figures;
use crate::report::render::doc::{Block, Chart, ChartKind, Section, Table};
use crate::report::render::fmt;
use crate::report::stats::Distribution;

fn dist_min(d: &Distribution) -> (String, String) {
    (fmt::minutes(d.median_seconds), fmt::minutes(d.p90_seconds))
}

pub(super) fn response<'a>(f: &'a Figures, s: &ReportStrings) -> Section<'a> {
    Section {
        key: "first_response",
        title: s.sec_response.into(),
        blocks: vec![
            Block::Table(Table {
                caption: s.sec_response.into(),
                header: scoped_header(s),
                rows: vec![
                    scoped(
                        s.limit_minutes,
                        |w| text(w.first_response.limit_minutes.to_string()),
                        f,
                    ),
                    scoped(
                        s.owed_reply,
                        |w| text(w.first_response.new_contacts.to_string()),
                        f,
                    ),
                    scoped(
                        s.median_minutes,
                        |w| text(dist_min(&w.first_response.reply_time).0),
                        f,
                    ),
                    scoped(
                        s.p90_minutes,
                        |w| text(dist_min(&w.first_response.reply_time).1),
                        f,
                    ),
                    scoped(
                        s.within_limit,
                        |w| share(&w.first_response.within_limit, &[]),
                        f,
                    ),
                    scoped(s.breaches, |w| count(&w.first_response.breaches), f),
                    scoped(s.pending, |w| count(&w.first_response.pending), f),
                ],
            }),
            names(
                s,
                s.named_breaches,
                &f.period.first_response.breaches.contacts,
                &f.people,
            ),
        ],
    }
}

pub(super) fn cadence<'a>(f: &'a Figures, s: &ReportStrings, lang: Lang) -> Section<'a> {
    let mut blocks = Vec::new();
    for (all, w) in [(false, &f.period), (true, &f.all_time)] {
        let rows = w
            .cadence
            .sections
            .iter()
            .chain([&w.cadence.total])
            .map(|t| {
                vec![
                    text(t.track.map_or(s.total, |tr| track_name(lang, tr))),
                    count(&t.on_time),
                    count(&t.late),
                    count(&t.missed),
                    count(&t.skipped),
                    count(&t.replaced),
                    count(&t.pending),
                    share(&t.on_time_share, &[]),
                ]
            })
            .collect();
        blocks.push(Block::Table(Table {
            caption: scope_caption(s, all),
            header: vec![
                s.section.into(),
                s.on_time.into(),
                s.late.into(),
                s.missed.into(),
                s.skipped.into(),
                s.replaced.into(),
                s.pending.into(),
                s.on_time_share.into(),
            ],
            rows,
        }));
    }
    for (all, w) in [(false, &f.period), (true, &f.all_time)] {
        blocks.push(reasons_table(
            s,
            format!("{} · {}", s.skip_reasons, scope_caption(s, all)),
            &w.cadence.total.skip_reasons,
        ));
    }
    Section {
        key: "cadence",
        title: s.sec_cadence.into(),
        blocks,
    }
}

pub(super) fn activity<'a>(f: &'a Figures, s: &ReportStrings) -> Section<'a> {
    let day = |d: &chrono::NaiveDate| d.format("%Y-%m-%d").to_string();
    Section {
        key: "activity",
        title: s.sec_activity.into(),
        blocks: vec![
            Block::Chart(Chart {
                key: "activity",
                kind: ChartKind::Columns,
                title: s.sec_activity.into(),
                series: vec![s.touches.into(), s.stage_moves.into(), s.wins.into()],
                groups: f
                    .activity
                    .iter()
                    .map(|a| {
                        (
                            day(&a.day),
                            vec![a.touches as u64, a.stage_moves as u64, a.wins as u64],
                        )
                    })
                    .collect(),
            }),
            Block::Table(Table {
                caption: s.sec_activity.into(),
                header: vec![
                    s.day.into(),
                    s.touches.into(),
                    s.stage_moves.into(),
                    s.wins.into(),
                ],
                rows: f
                    .activity
                    .iter()
                    .map(|a| {
                        vec![
                            text(day(&a.day)),
                            text(a.touches.to_string()),
                            text(a.stage_moves.to_string()),
                            text(a.wins.to_string()),
                        ]
                    })
                    .collect(),
            }),
        ],
    }
}
