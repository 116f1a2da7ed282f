//! Read commands about contacts: show, list, search. They open the book through the reader.

use super::args::{Command, Format};
use super::output::{
    CSV_HEADERS, CsvOut, StreamedList, Table, contact_json, contacts_csv, csv_cells, emit,
    emit_line,
};
use super::{Ui, finish_read, open_read};
use crate::context::Context;
use crate::domain::followup::Lifecycle;
use crate::domain::text::{display_safe, one_line, pad, width};
use crate::domain::{Contact, ContactId, Grade, Outcome, Stage, TagRef};
use crate::service::{CardStyle, ListQuery, View};
use crate::store::{ContactFilter, SearchHit};
use anyhow::Result;
use std::borrow::Cow;

pub fn run(ctx: &Context, ui: Ui, cmd: Command) -> Result<()> {
    // Arguments are checked before the book is opened.
    let query = match &cmd {
        Command::List(l) => Some(ListQuery {
            filter: ContactFilter {
                stage: l.stage.as_deref().map(str::parse::<Stage>).transpose()?,
                grade: l.grade.as_deref().map(str::parse::<Grade>).transpose()?,
                tier: l
                    .tier
                    .as_deref()
                    .map(str::parse::<crate::domain::Tier>)
                    .transpose()?,
                tag: l.tag.as_deref().map(str::parse::<TagRef>).transpose()?,
                outcome: l
                    .outcome
                    .as_deref()
                    .map(str::parse::<Outcome>)
                    .transpose()?,
                include_archived: l.all,
            },
            lifecycle: l
                .lifecycle
                .as_deref()
                .map(str::parse::<Lifecycle>)
                .transpose()?,
            rotting: l.rotting,
        }),
        Command::Search { query, .. } if !crate::store::searchable(query) => {
            anyhow::bail!("{}", nothing_to_search(ui, query));
        }
        _ => None,
    };
    let book = open_read(ctx, ui)?;
    book.read(|view| {
        match cmd {
            Command::Show { id, format } => print_contact(&view, ui, id, true, format.format)?,
            Command::List(l) => {
                let q = query.unwrap_or_default();
                if let Some(tag) = &q.filter.tag {
                    view.check_filter_tag(tag)?;
                }
                match l.format.format {
                    Format::Table => print_list(&view, ui, &view.list(&q)?)?,
                    // Scripts read whole books: stream, never hold the listing.
                    f => {
                        let out =
                            std::io::BufWriter::with_capacity(64 * 1024, std::io::stdout().lock());
                        let mut list = if f == Format::Json {
                            StreamedList::json(out)
                        } else {
                            StreamedList::csv(out)?
                        };
                        let clock = view.clock();
                        view.for_each_listed(&q, |c| list.push(clock, &c))?;
                        list.finish()?;
                    }
                }
            }
            Command::Search {
                query,
                limit,
                all,
                format,
            } => {
                let found = view.search(&query, limit as usize, all)?;
                print_hits(&view, ui, &found.hits, format.format)?;
                // The total: under the table, or on stderr when a script's page was cut.
                let line = crate::i18n::search::total_line(
                    ui.lang,
                    found.hits.len(),
                    found.total,
                    found.total_is_exact,
                );
                match format.format {
                    Format::Table => emit_line(&line)?,
                    _ if found.hits.len() < found.total => eprintln!("{line}"),
                    _ => {}
                }
                // Nothing among the active contacts: say whether the archive has it.
                if found.total == 0 && !all {
                    let archived = view.search(&query, 1, true)?;
                    if archived.total > 0 {
                        ui.note(&crate::i18n::search::only_archived(
                            ui.lang,
                            archived.total,
                            archived.total_is_exact,
                        ));
                    }
                }
            }
            _ => {}
        }
        Ok(())
    })?;
    finish_read(&book, ui)
}

fn nothing_to_search(ui: Ui, query: &str) -> String {
    let q = display_safe(query, false);
    match ui.lang {
        crate::config::Lang::Zh => {
            format!("'{q}' 里没有可搜索的内容；请输入姓名、拼音、手机号片段或一个词")
        }
        crate::config::Lang::En => {
            format!("nothing to search for in '{q}'; type part of a name, pinyin, digits or a word")
        }
    }
}

pub(super) fn print_contact(
    view: &View,
    ui: Ui,
    id: ContactId,
    with_history: bool,
    format: Format,
) -> std::io::Result<()> {
    let run = || -> Result<String> {
        let c = view.contact(id)?;
        let history = if with_history {
            Some(view.timeline(id)?)
        } else {
            None
        };
        let clock = view.clock();
        Ok(match format {
            Format::Json => format!(
                "{}\n",
                serde_json::to_string_pretty(&contact_json(clock, &c, history.as_deref()))?
            ),
            Format::Csv => contacts_csv(clock, std::slice::from_ref(&c))?,
            Format::Table => card(view, ui, &c, history.as_deref()),
        })
    };
    match run() {
        Ok(text) => emit(&text),
        Err(e) => Err(std::io::Error::other(super::error_text(&e, ui.lang))),
    }
}

/// Open, won or lost; a contact of `--all` that is archived or merged away says so.
fn status(ui: Ui, c: &Contact) -> String {
    let outcome = crate::i18n::names::outcome_name(ui.lang, c.outcome);
    match (c.merged_into, c.archived) {
        (Some(into), _) => format!("{outcome} · {} #{into}", ui.s.merged_into),
        (None, true) => format!("{outcome} · {}", ui.t.archived_done),
        (None, false) => outcome.to_string(),
    }
}

fn print_list(view: &View, ui: Ui, contacts: &[Contact]) -> Result<()> {
    let clock = view.clock();
    let s = ui.s;
    let text = {
        {
            // The tier column appears once the listing holds customers.
            let tiers = contacts.iter().any(|c| c.tier.is_some());
            let mut headers = vec![s.col_id, s.col_name, s.col_stage, s.col_grade];
            if tiers {
                headers.push(crate::i18n::sop::tier_label(ui.lang));
            }
            headers.extend([
                s.col_outcome,
                s.col_source,
                s.col_need,
                s.col_budget,
                s.col_tags,
                s.col_updated,
            ]);
            let mut t = Table::new(&headers);
            for c in contacts {
                let mut row = vec![
                    c.id.to_string(),
                    c.name.clone(),
                    crate::i18n::stage_name(ui.lang, c.stage).to_string(),
                    c.grade.map(|g| g.to_string()).unwrap_or_default(),
                ];
                if tiers {
                    row.push(c.tier.map(|x| x.to_string()).unwrap_or_default());
                }
                row.extend([
                    status(ui, c),
                    c.source.clone().unwrap_or_default(),
                    c.need.clone().unwrap_or_default(),
                    c.budget.clone().unwrap_or_default(),
                    c.tags
                        .iter()
                        .map(|t| t.to_string())
                        .collect::<Vec<_>>()
                        .join(" "),
                    clock.local(c.updated_at).format("%Y-%m-%d").to_string(),
                ]);
                t.row(row);
            }
            t.render()
        }
    };
    Ok(emit(&text)?)
}

fn print_hits(view: &View, ui: Ui, hits: &[SearchHit], format: Format) -> Result<()> {
    let clock = view.clock();
    let s = ui.s;
    let text = match format {
        Format::Json => {
            let items: Vec<serde_json::Value> = hits
                .iter()
                .map(|h| {
                    let mut v = serde_json::to_value(contact_json(clock, &h.contact, None))?;
                    v["matched"] = h.matched.into();
                    Ok(v)
                })
                .collect::<Result<_>>()?;
            format!("{}\n", serde_json::to_string_pretty(&items)?)
        }
        Format::Csv => {
            let mut w = CsvOut::memory();
            w.record(CSV_HEADERS.iter().copied().chain(["matched"]))?;
            for h in hits {
                let mut cells = csv_cells(clock, &h.contact);
                cells.push(h.matched.to_string());
                w.record(cells)?;
            }
            w.into_string()?
        }
        Format::Table => {
            let mut t = Table::new(&[
                s.col_id,
                s.col_name,
                s.col_stage,
                s.col_grade,
                s.phone,
                s.col_need,
                s.col_matched,
            ]);
            for h in hits {
                let c = &h.contact;
                t.row(vec![
                    c.id.to_string(),
                    c.name.clone(),
                    crate::i18n::stage_name(ui.lang, c.stage).to_string(),
                    c.grade.map(|g| g.to_string()).unwrap_or_default(),
                    c.phone.clone().unwrap_or_default(),
                    c.need.clone().unwrap_or_default(),
                    crate::i18n::search::matched_label(ui.lang, h.matched).to_string(),
                ]);
            }
            t.render()
        }
    };
    Ok(emit(&text)?)
}

/// The contact card as text: aligned "label  value" lines, then the timeline.
fn card(
    view: &View,
    ui: Ui,
    c: &Contact,
    history: Option<&[crate::domain::Interaction]>,
) -> String {
    let s = ui.s;
    let clock = view.clock();
    let when = |t| clock.local(t).format("%Y-%m-%d %H:%M").to_string();
    let style = CardStyle {
        identity: true,
        time_format: "%Y-%m-%d %H:%M",
        keys: true,
    };
    let rows = view.card_fields(c, s, ui.lang, style);
    // Labels are padded to the widest one, never cut ("Last touch", "Lost reason" in English).
    let label_cols = rows.iter().map(|(l, _)| width(l)).max().unwrap_or(0);
    let mut out = String::new();
    for (label, value) in rows {
        // A note's further lines go on under its first, at the value's column; any other
        // field holds one line.
        let lines: Vec<Cow<str>> = if label == s.notes {
            value.split('\n').map(|l| display_safe(l, false)).collect()
        } else {
            vec![one_line(&value)]
        };
        for (i, line) in lines.iter().enumerate() {
            let head = if i == 0 {
                pad(label, label_cols)
            } else {
                " ".repeat(label_cols)
            };
            out.push_str(format!("{head}  {line}").trim_end());
            out.push('\n');
        }
    }
    if let Some(history) = history {
        out.push_str(&format!("\n{}\n", s.timeline));
        let mut t = Table::new(&[s.col_time, s.col_kind, s.col_detail]);
        for i in history {
            t.row(vec![
                when(i.at),
                crate::i18n::names::kind_label(ui.lang, i.kind).to_string(),
                crate::i18n::names::entry_summary(
                    ui.lang,
                    i,
                    i.script_id
                        .as_deref()
                        .and_then(|id| view.template().script(id))
                        .map(|(_, script)| script.title.as_str()),
                ),
            ]);
        }
        out.push_str(&t.render());
    }
    out
}
