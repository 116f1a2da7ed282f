//! The pipeline's sections: the funnel (entries, exits, conversion, stays, wins and losses)
//! and the states now (open and stuck per stage, dormant and churned).

use super::offset_of;
use super::{count, names, reasons_table, scope_caption, scoped, scoped_header, share, text};
use crate::config::Lang;
use crate::domain::ContactId;
use crate::i18n::report::ReportStrings;
use crate::i18n::stage_name;
use crate::report::figures::Figures;
use crate::report::render::doc::{Block, Chart, ChartKind, Section, Table};
use crate::report::render::fmt::{self, NONE};

pub(super) fn funnel<'a>(f: &'a Figures, s: &ReportStrings, lang: Lang) -> Section<'a> {
    let mut blocks = vec![Block::Chart(Chart {
        key: "funnel",
        kind: ChartKind::Bars,
        title: format!("{} · {}", s.entered, s.scope_period),
        series: vec![s.entered.to_string()],
        groups: f
            .period
            .funnel
            .stages
            .iter()
            .map(|st| {
                (
                    stage_name(lang, st.stage).to_string(),
                    vec![st.entered.count as u64],
                )
            })
            .collect(),
    })];
    for (all, w) in [(false, &f.period), (true, &f.all_time)] {
        let rows = w
            .funnel
            .stages
            .iter()
            .map(|st| {
                vec![
                    text(stage_name(lang, st.stage)),
                    count(&st.entered),
                    count(&st.left),
                    count(&st.lost_here),
                    st.to_next
                        .as_ref()
                        .map_or_else(|| text(NONE), |sh| share(sh, &[])),
                    text(fmt::days(st.time_in_stage.median_seconds)),
                    text(fmt::days(st.time_in_stage.p90_seconds)),
                ]
            })
            .collect();
        blocks.push(Block::Table(Table {
            caption: scope_caption(s, all),
            header: vec![
                s.stage.into(),
                s.entered.into(),
                s.left.into(),
                s.lost_here.into(),
                s.to_next.into(),
                s.median_days.into(),
                s.p90_days.into(),
            ],
            rows,
        }));
    }
    blocks.push(Block::Table(Table {
        caption: format!("{} / {}", s.won, s.lost),
        header: scoped_header(s),
        rows: vec![
            scoped(s.won, |w| count(&w.funnel.won), f),
            scoped(s.lost, |w| count(&w.funnel.lost), f),
            scoped(s.win_rate, |w| share(&w.funnel.win_rate, &[]), f),
        ],
    }));
    for (all, w) in [(false, &f.period), (true, &f.all_time)] {
        blocks.push(reasons_table(
            s,
            format!("{} · {}", s.lost_reasons, scope_caption(s, all)),
            &w.funnel.lost_reasons,
        ));
    }
    Section {
        key: "funnel",
        title: s.sec_funnel.into(),
        blocks,
    }
}

pub(super) fn now<'a>(f: &'a Figures, s: &ReportStrings, lang: Lang) -> Section<'a> {
    let n = &f.now;
    let rows = n
        .open_by_stage
        .iter()
        .zip(&n.stuck)
        .map(|(o, st)| {
            vec![
                text(stage_name(lang, o.stage)),
                count(&o.count),
                count(&st.count),
            ]
        })
        .chain([vec![
            text(s.total),
            text(
                n.open_by_stage
                    .iter()
                    .map(|o| o.count.count)
                    .sum::<usize>()
                    .to_string(),
            ),
            count(&n.stuck_total),
        ]])
        .collect();
    let quiet_ids: &[ContactId] = &[];
    Section {
        key: "now",
        title: format!("{} ({})", s.sec_now, fmt::local(f.book.now, offset_of(f))),
        blocks: vec![
            Block::Table(Table {
                caption: s.scope_now.into(),
                header: vec![s.stage.into(), s.open.into(), s.stuck.into()],
                rows,
            }),
            Block::Table(Table {
                caption: s.quiet_share.into(),
                header: vec![s.figure.into(), s.scope_now.into()],
                rows: vec![
                    vec![text(s.contacts_now), text(n.contacts.to_string())],
                    vec![text(s.dormant), count(&n.dormant)],
                    vec![text(s.churned), count(&n.churned)],
                    vec![text(s.quiet_share), share(&n.quiet_share, quiet_ids)],
                ],
            }),
            names(s, s.named_stuck, &n.stuck_total.contacts, &f.people),
        ],
    }
}
