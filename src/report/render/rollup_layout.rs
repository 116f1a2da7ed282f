//! The team roll-up laid out as a document: what could not be counted first, then a table
//! per template with a column per rep, the team and the ranking.

use super::doc::{Block, Cell, Doc, Section, Table};
use super::fmt::{self, NONE};
use super::layout::notes;
use crate::config::Lang;
use crate::i18n::report::{ReportStrings, report_strings};
use crate::report::rollup::{MetricValue, Rollup, TemplateGroup, Zones};

fn metric_label(s: &ReportStrings, key: &str) -> String {
    match key {
        "new_contacts" => s.new_contacts.into(),
        "won" => s.won.into(),
        "win_rate" => s.win_rate.into(),
        "sales" => s.sales.into(),
        "first_reply_median" => format!("{} · {}", s.sec_response, s.median_minutes),
        "within_limit" => s.within_limit.into(),
        "on_time_share" => s.on_time_share.into(),
        "missed" => s.missed.into(),
        "dropped" => s.dropped.into(),
        "repurchase_rate" => s.repurchase_rate.into(),
        "stuck" => format!("{} ({})", s.stuck, s.scope_now),
        "quiet_share" => format!("{} ({})", s.quiet_share, s.scope_now),
        other => other.into(),
    }
}

fn value(v: &MetricValue) -> String {
    match v {
        MetricValue::Count { count } => count.to_string(),
        MetricValue::Share(s) => fmt::share(s),
        MetricValue::Money { cents } => fmt::money(*cents),
        MetricValue::Minutes(d) => fmt::minutes(d.median_seconds),
    }
}

fn rep_header(owner: &str, label: &str, tampered: bool) -> String {
    let mark = if tampered { " ⚠" } else { "" };
    format!("{owner} ({label}){mark}")
}

fn group_section(s: &ReportStrings, g: &TemplateGroup) -> Section<'static> {
    let mut header = vec![s.figure.to_string()];
    header.extend(
        g.reps
            .iter()
            .map(|r| rep_header(&r.owner, &r.label, r.tampered)),
    );
    header.push(s.team.into());
    header.push(s.ranking.into());
    // A rep in the ranking by name, and by name and file where two books bear one name.
    let names: Vec<String> = g
        .reps
        .iter()
        .map(|r| {
            if g.reps.iter().filter(|o| o.owner == r.owner).count() > 1 {
                format!("{} ({})", r.owner, r.label)
            } else {
                r.owner.clone()
            }
        })
        .collect();
    let rows = g
        .metrics
        .iter()
        .map(|m| {
            let mut row = vec![Cell::text(metric_label(s, m.key))];
            for (v, rank) in m.values.iter().zip(&m.ranks) {
                let r = rank.map_or_else(String::new, |r| format!(" #{r}"));
                row.push(Cell::text(format!("{}{r}", value(v))));
            }
            row.push(Cell::text(value(&m.team)));
            let mut order: Vec<(usize, &str)> = m
                .ranks
                .iter()
                .zip(&names)
                .filter_map(|(r, name)| Some(((*r)?, name.as_str())))
                .collect();
            order.sort();
            let ranking = order
                .iter()
                .map(|(r, o)| format!("{r}. {o}"))
                .collect::<Vec<_>>()
                .join(" ");
            row.push(Cell::text(if ranking.is_empty() {
                NONE.to_string()
            } else {
                ranking
            }));
            row
        })
        .collect();
    let title = fmt::fill(
        s.template_group,
        &[
            ("name", &g.template_name),
            ("id", &g.template_id),
            ("version", &g.template_version.to_string()),
        ],
    );
    Section {
        key: "team",
        title,
        blocks: vec![Block::Table(Table {
            caption: s.scope_period.into(),
            header,
            rows,
        })],
    }
}

pub(crate) fn rollup_doc(r: &Rollup, lang: Lang) -> Doc<'static> {
    let s = report_strings(lang);
    let mut banners: Vec<String> = r
        .unreadable
        .iter()
        .map(|u| fmt::fill(s.unreadable, &[("label", &u.label), ("error", &u.error)]))
        .collect();
    for t in &r.tampered {
        banners.push(fmt::fill(
            s.tampered,
            &[
                ("label", &t.label),
                ("owner", &t.owner),
                ("event", &t.chain_break.event.to_string()),
                ("entity", &t.chain_break.entity),
                ("detail", &t.chain_break.detail),
            ],
        ));
    }
    if !r.tampered.is_empty() {
        banners.push(s.tampered_note.into());
    }
    let books = r.groups.iter().map(|g| g.reps.len()).sum::<usize>() + r.unreadable.len();
    let mut meta = vec![(s.books.to_string(), books.to_string())];
    if let Some(p) = r.period {
        let offset = chrono::FixedOffset::east_opt(r.utc_offset_seconds)
            .unwrap_or_else(|| chrono::FixedOffset::east_opt(0).expect("UTC"));
        let t = |v: Option<chrono::DateTime<chrono::Utc>>| {
            v.map_or_else(|| NONE.to_string(), |t| fmt::local(t, offset))
        };
        let mut range = fmt::fill(s.period_range, &[("from", &t(p.from)), ("to", &t(p.to))]);
        match r.zones {
            Zones::One => {}
            Zones::EachOwn => range.push_str(s.period_each_zone),
            Zones::DaysDiffer => range.push_str(s.period_days_differ),
        }
        meta.push((s.period.to_string(), range));
    }
    let mut sections = Vec::new();
    if !r.template_differences.is_empty() {
        let labels: Vec<String> = r.template_differences[0]
            .values
            .iter()
            .map(|(l, _)| l.clone())
            .collect();
        let mut header = vec![s.differs.to_string()];
        header.extend(labels);
        sections.push(Section {
            key: "templates",
            title: s.template.into(),
            blocks: vec![
                Block::Text(s.templates_differ.into()),
                Block::Table(Table {
                    caption: s.differs.into(),
                    header,
                    rows: r
                        .template_differences
                        .iter()
                        .map(|d| {
                            let rule = s
                                .template_rules
                                .iter()
                                .find(|(key, _)| *key == d.field)
                                .map_or(d.field, |(_, label)| label);
                            std::iter::once(Cell::text(rule))
                                .chain(d.values.iter().map(|(_, v)| Cell::text(v.clone())))
                                .collect()
                        })
                        .collect(),
                }),
            ],
        });
    }
    sections.extend(r.groups.iter().map(|g| group_section(s, g)));
    sections.push(notes(s));
    Doc {
        lang_tag: s.html_lang,
        title: s.rollup_title.into(),
        banners,
        meta,
        sections,
    }
}
