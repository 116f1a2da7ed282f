//! One book's figures laid out as a document: the head (owner, template, period, log
//! check), then a section per figure family, then the definitions.

use super::doc::{Block, Cell, Chart, ChartKind, Doc, Section, Table};
use super::fmt::{self, NONE};
use crate::config::Lang;
use crate::domain::{ContactId, Grade};
use crate::i18n::report::{ReportStrings, report_strings, track_name};
use crate::i18n::stage_name;
use crate::report::figures::{Figures, GroupRow, NAMES_LISTED, Person, Reason, WindowFigures};
use crate::report::input::{ChainBreak, VerifyStatus};
use crate::report::stats::{Count, Distribution, Share};
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
        funnel(f, s, lang),
        now(f, s, lang),
        response(f, s),
        cadence(f, s, lang),
        quality(f, s),
        groups(f, s, "by_source", s.sec_source, |w| &w.by_source, true),
        groups(f, s, "by_grade", s.sec_grade, |w| &w.by_grade, false),
        after_sale(f, s),
        scripts(f, s),
        activity(f, s),
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
        s.broken_banner,
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
    fmt::fill(s.period_range, &[("from", &t(p.from)), ("to", &t(p.to))])
}

fn verify_text(s: &ReportStrings, v: &VerifyStatus, offset: FixedOffset) -> String {
    let t = |v: Option<chrono::DateTime<Utc>>| {
        v.map_or_else(|| NONE.to_string(), |t| fmt::local(t, offset))
    };
    match &v.broken {
        Some(b) => fmt::fill(
            s.verify_broken,
            &[
                ("event", &b.event.to_string()),
                ("at", &t(b.at)),
                ("entity", &b.entity),
                ("detail", &b.detail),
            ],
        ),
        None if v.events == 0 => s.verify_empty.to_string(),
        None => fmt::fill(
            s.verify_ok,
            &[
                ("n", &v.events.to_string()),
                ("first", &t(v.first_at)),
                ("last", &t(v.last_at)),
            ],
        ),
    }
}

fn count(c: &Count) -> Cell<'_> {
    Cell::with_ids(c.count.to_string(), &c.contacts)
}

fn share<'a>(sh: &Share, ids: &'a [ContactId]) -> Cell<'a> {
    Cell::with_ids(fmt::share(sh), ids)
}

fn text<'a>(t: impl Into<String>) -> Cell<'a> {
    Cell::text(t)
}

/// Row label, then the period's and all time's cells.
fn scoped<'a>(
    label: &str,
    cells: impl Fn(&'a WindowFigures) -> Cell<'a>,
    f: &'a Figures,
) -> Vec<Cell<'a>> {
    vec![text(label), cells(&f.period), cells(&f.all_time)]
}

fn scoped_header(s: &ReportStrings) -> Vec<String> {
    vec![s.figure.into(), s.scope_period.into(), s.scope_all.into()]
}

fn scope_caption(s: &ReportStrings, all: bool) -> String {
    if all { s.scope_all } else { s.scope_period }.to_string()
}

fn funnel<'a>(f: &'a Figures, s: &ReportStrings, lang: Lang) -> Section<'a> {
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

fn reasons_table<'a>(s: &ReportStrings, caption: String, reasons: &'a [Reason]) -> Block<'a> {
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

fn names(
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

fn now<'a>(f: &'a Figures, s: &ReportStrings, lang: Lang) -> Section<'a> {
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

fn dist_min(d: &Distribution) -> (String, String) {
    (fmt::minutes(d.median_seconds), fmt::minutes(d.p90_seconds))
}

fn response<'a>(f: &'a Figures, s: &ReportStrings) -> Section<'a> {
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
                        s.new_contacts,
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

fn cadence<'a>(f: &'a Figures, s: &ReportStrings, lang: Lang) -> Section<'a> {
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

fn grade_label(s: &ReportStrings, g: Option<Grade>) -> String {
    g.map_or_else(|| s.no_grade.to_string(), |g| g.key().to_string())
}

fn quality<'a>(f: &'a Figures, s: &ReportStrings) -> Section<'a> {
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

fn groups<'a>(
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
                s.win_rate.into(),
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

fn after_sale<'a>(f: &'a Figures, s: &ReportStrings) -> Section<'a> {
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

fn scripts<'a>(f: &'a Figures, s: &ReportStrings) -> Section<'a> {
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
            caption: format!(
                "{} · N = {}",
                scope_caption(s, all),
                f.book.template.script_window_days
            ),
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

fn activity<'a>(f: &'a Figures, s: &ReportStrings) -> Section<'a> {
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
