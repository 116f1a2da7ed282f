//! `agenda`, `done`, `snooze`, `skip`, `simulate`, `export --ics`.

use super::args::{Command, Format};
use super::out_file::{cannot_write, refuse_overwriting, write_private};
use super::output::{CsvOut, Table, emit, emit_line, rfc3339};
use super::{Ui, after_save, finish_read, open_read, open_write};
use crate::context::Context;
use crate::domain::command::Command as Cmd;
use crate::domain::text::{display_safe, one_line};
use crate::domain::when::parse_until;
use crate::exchange::fill;
use crate::i18n::cli::waited;
use crate::i18n::stage_name;
use crate::service::{AgendaItem, View, total_text};
use anyhow::{Result, bail};
use std::io::Write as _;

pub fn run_read(ctx: &Context, ui: Ui, cmd: Command) -> Result<()> {
    let date = match &cmd {
        Command::Agenda { date: Some(d), .. } => {
            let today = ctx.clock.local(ctx.clock.now()).date_naive();
            Some(crate::domain::when::parse_day(today, d)?)
        }
        _ => None,
    };
    if let Command::Export { out, .. } = &cmd {
        refuse_overwriting(ui, out.as_deref(), std::slice::from_ref(&ctx.db_path))?;
    }
    let book = open_read(ctx, ui)?;
    // `--template` tries another template for this command only: simulate plans with it.
    let tried = match &ctx.template {
        Some(spec) => Some(
            crate::service::choose_template(&ctx.library(), None, Some(spec))?
                .loaded
                .template,
        ),
        None => None,
    };
    book.read(|view| {
        match cmd {
            Command::Agenda {
                days,
                limit,
                explain,
                format,
                ..
            } => {
                let date = date.unwrap_or_else(|| view.clock().local(view.now()).date_naive());
                let limit = limit as usize;
                // Only the table shows section totals.
                let agenda = match format.format {
                    Format::Table => view.agenda(date, days, limit)?,
                    _ => view.agenda_items(date, days, limit, explain)?,
                };
                print_agenda(&view, ui, &agenda, explain, format.format)?;
            }
            Command::Simulate { days, format } => {
                let t = tried.as_ref().unwrap_or(view.template());
                let sim = view.simulate(t, days)?;
                print_simulation(ui, &sim, format.format)?;
            }
            Command::Export { out, events, .. } => {
                let kind = if events {
                    crate::service::IcsItems::Events
                } else {
                    crate::service::IcsItems::Todos
                };
                let text = view.ics(ui.lang, kind)?;
                match out {
                    Some(path) => write_private(&path, text.as_bytes())
                        .map_err(|e| cannot_write(ui, &path, &e))?,
                    None => emit(&text)?,
                }
            }
            _ => {}
        }
        Ok(())
    })?;
    finish_read(&book, ui)
}

pub fn run_write(ctx: &Context, ui: Ui, cmd: Command) -> Result<()> {
    let mut book = open_write(ctx, ui, false)?;
    let now = book.session().now();
    let (id, command) = match cmd {
        Command::Done { followup_id, note } => (
            followup_id,
            Cmd::Done {
                followup: followup_id,
                note,
            },
        ),
        // Of each pair, the parser requires one.
        Command::Snooze {
            followup_id,
            when,
            until,
        } => (
            followup_id,
            Cmd::Snooze {
                followup: followup_id,
                until: parse_until(
                    now,
                    &book.session().clock,
                    &until.or(when).unwrap_or_default(),
                )?,
            },
        ),
        Command::Skip {
            followup_id,
            why,
            reason,
        } => (
            followup_id,
            Cmd::Skip {
                followup: followup_id,
                reason: reason.or(why).unwrap_or_default(),
            },
        ),
        other => bail!("not a follow-up command: {other:?}"),
    };
    let snoozed = matches!(command, Cmd::Snooze { .. });
    let skipped = match &command {
        Cmd::Skip { reason, .. } => Some(reason.clone()),
        _ => None,
    };
    // An item closed long before its day is more likely a mistyped id than work done early.
    let closed_early = match snoozed {
        true => None,
        false => book.view().followup(id).ok().map(|f| f.due),
    }
    .filter(|due| *due - now > chrono::TimeDelta::days(7));
    let applied = book.execute(command)?;
    let view = book.view();
    let f = view.followup(id)?;
    let c = view.contact(f.contact_id)?;
    let name = display_safe(&c.name, false);
    let action = one_line(&crate::i18n::names::action_text(ui.lang, &f.action)).into_owned();
    let stamp = |t| view.clock().local(t).format("%Y-%m-%d %H:%M").to_string();
    let line = if snoozed {
        let late = view
            .missed_deadline(id)?
            .map(|m| crate::i18n::report::still_late(ui.lang, &stamp(m)));
        // `+1d` counts from now: for an item due later than that, a snooze brings it forward.
        let earlier = match applied.reply {
            crate::service::Reply::Snoozed { was, .. } if f.due < was => {
                Some(fill(ui.t.snoozed_earlier, &[&stamp(was)]))
            }
            _ => None,
        };
        format!(
            "{id} {name}: {action} → {}{}{}",
            stamp(f.due),
            earlier.unwrap_or_default(),
            late.unwrap_or_default()
        )
    } else if let Some(reason) = skipped {
        let late = if view.skipped_late(id)? {
            crate::i18n::report::skipped_late(ui.lang)
        } else {
            ""
        };
        format!(
            "{id} {name}: {action} ⤼ ({}){late} — {}",
            one_line(reason.trim()),
            next_line(&view, ui, &c)
        )
    } else {
        format!("{id} {name}: {action} ✓ — {}", next_line(&view, ui, &c))
    };
    let said = emit_line(&line);
    if let Some(due) = closed_early {
        ui.note(&fill(ui.t.closed_long_before_due, &[&stamp(due)]));
    }
    after_save(ui, said)
}

/// `followup add`: a follow-up on a date; prints its id, when, and the reminder if any.
pub fn run_followup(ctx: &Context, ui: Ui, cmd: super::args::FollowupCommand) -> Result<()> {
    let super::args::FollowupCommand::Add {
        id,
        when,
        at,
        note,
        kind,
        remind,
    } = cmd;
    let mut book = open_write(ctx, ui, false)?;
    let now = book.session().now();
    // The parser requires one of the two.
    let at = parse_until(now, &book.session().clock, &at.or(when).unwrap_or_default())?;
    // How long before it the customer is reminded, asked for or by the kind's own rule.
    let lead = kind
        .as_deref()
        .and_then(|k| book.session().template.appointment(k))
        .and_then(|k| k.remind)
        .or(remind.then(|| chrono::TimeDelta::days(1)));
    let applied = book.execute(Cmd::FollowupAdd {
        id,
        at,
        note,
        kind,
        remind,
    })?;
    let crate::service::Reply::Scheduled { appointment, .. } = applied.reply else {
        return Ok(());
    };
    let view = book.view();
    let c = view.contact(id)?;
    let open = view.open_followups_of(id)?;
    let step = u32::try_from(appointment).ok();
    let item = open
        .iter()
        .find(|f| f.track == crate::domain::followup::Track::Appointment && Some(f.step) == step);
    let reminder = open
        .iter()
        .find(|f| f.track == crate::domain::followup::Track::Reminder && Some(f.step) == step);
    let when = |t| view.clock().local(t).format("%Y-%m-%d %H:%M").to_string();
    let mut line = format!(
        "{} {}: {} {}",
        item.map_or(String::new(), |f| f.id.to_string()),
        display_safe(&c.name, false),
        when(at),
        one_line(&crate::i18n::names::action_text(
            ui.lang,
            item.map_or("", |f| f.action.as_str())
        ))
    );
    if let Some(r) = reminder {
        line.push_str(&format!(
            " · {} {}",
            crate::i18n::sop::reminder_word(ui.lang),
            when(r.due)
        ));
    }
    let said = emit_line(line.trim_start());
    // A reminder whose time has passed is not planned: the rep who asked for one is told.
    if let Some(lead) = lead
        && reminder.is_none()
        && at - lead <= now
    {
        ui.note(&fill(ui.t.reminder_passed, &[&when(at - lead)]));
    }
    after_save(ui, said)
}

fn print_simulation(ui: Ui, sim: &[crate::service::SimDay], format: Format) -> Result<()> {
    let text = match format {
        Format::Json => format!("{}\n", serde_json::to_string_pretty(sim)?),
        Format::Csv => {
            let mut w = CsvOut::memory();
            w.record(["date", "count", "contacts", "contacts_total"])?;
            for d in sim {
                // One name per line: a name may hold `;`.
                w.record([
                    d.date.to_string(),
                    d.count.to_string(),
                    d.contacts.join("\n"),
                    d.contacts_total.to_string(),
                ])?;
            }
            w.into_string()?
        }
        Format::Table => {
            let mut t = Table::new(&ui.t.simulate_columns);
            for d in sim {
                t.row(vec![
                    d.date.to_string(),
                    d.count.to_string(),
                    ui.first_names(&d.contacts, d.contacts_total),
                ]);
            }
            t.render()
        }
    };
    Ok(emit(&text)?)
}

/// "下次 2026-11-25 09:30" or "暂无安排"; a next item already past its time says so (the
/// contact has an overdue item besides the one just closed).
fn next_line(view: &View, ui: Ui, c: &crate::domain::Contact) -> String {
    match c.next_due_at {
        Some(d) => format!(
            "{} {}{}",
            ui.t.next,
            view.clock().local(d).format("%Y-%m-%d %H:%M"),
            if d < view.now() {
                crate::i18n::cli::overdue_mark(ui.lang)
            } else {
                ""
            }
        ),
        None => ui.t.nothing_scheduled.into(),
    }
}

/// One agenda item as `--format json` prints it: the keys in alphabetical order, as they
/// always came out; `terms` only with `--explain`. Written straight from the item (a
/// `serde_json::Value` per item was a sixth of an agenda's instructions on a small book).
#[derive(serde::Serialize)]
struct ItemJson<'a> {
    action: &'a str,
    contact_id: crate::domain::ContactId,
    contact_name: &'a str,
    due: String,
    followup_id: i64,
    grade: Option<&'a str>,
    over_cap: usize,
    script: Option<&'a str>,
    section: &'static str,
    stage: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    terms: Option<&'a Vec<crate::domain::urgency::Term>>,
    track: &'static str,
    urgency: f64,
    waiting_minutes: Option<i64>,
}

fn print_agenda(
    view: &View,
    ui: Ui,
    agenda: &crate::service::Agenda,
    explain: bool,
    format: Format,
) -> Result<()> {
    let clock = view.clock();
    let mut text = String::new();
    let items: Vec<&AgendaItem> = agenda.sections.iter().flat_map(|(_, v)| v).collect();
    match format {
        Format::Json => {
            let v: Vec<ItemJson> = items
                .iter()
                .map(|i| ItemJson {
                    action: &i.action,
                    contact_id: i.contact_id,
                    contact_name: &i.contact_name,
                    due: rfc3339(clock, i.due),
                    followup_id: i.followup_id,
                    grade: i.grade.as_deref(),
                    over_cap: i.over_cap,
                    script: i.script.as_deref(),
                    section: i.section.key(),
                    stage: &i.stage,
                    terms: explain.then_some(&i.terms),
                    track: i.track.key(),
                    urgency: i.urgency,
                    waiting_minutes: i.waiting_minutes,
                })
                .collect();
            // Straight to the output: a string of the whole list, grown by doubling and
            // then copied, touched three times its size in fresh memory.
            let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
            serde_json::to_writer_pretty(&mut out, &v)?;
            out.write_all(b"\n")?;
            out.flush()?;
            return Ok(());
        }
        Format::Csv => {
            let mut w = CsvOut::memory();
            let mut header = vec![
                "followup_id",
                "contact_id",
                "contact_name",
                "stage",
                "grade",
                "due",
                "section",
                "track",
                "action",
                "script",
                "urgency",
            ];
            if explain {
                header.push("terms");
            }
            w.record(&header)?;
            for i in items {
                let mut row = vec![
                    i.followup_id.to_string(),
                    i.contact_id.to_string(),
                    i.contact_name.clone(),
                    i.stage.clone(),
                    i.grade.clone().unwrap_or_default(),
                    rfc3339(clock, i.due),
                    i.section.key().to_string(),
                    i.track.key().to_string(),
                    i.action.clone(),
                    i.script.clone().unwrap_or_default(),
                    i.urgency.to_string(),
                ];
                if explain {
                    // For scripts: the terms' names as the JSON gives them (English).
                    row.push(terms_text(crate::config::Lang::En, i));
                }
                w.record(&row)?;
            }
            text = w.into_string()?;
        }
        Format::Table => {
            use std::fmt::Write as _;
            let _ = writeln!(text, "{} · {}", agenda.date, view.template().name);
            for ((section, list), (_, total)) in agenda.sections.iter().zip(&agenda.totals) {
                let name = crate::i18n::section_name(ui.lang, *section);
                let _ = writeln!(text, "\n{name} ({})", total_text(*total));
                if list.is_empty() {
                    continue;
                }
                let mut headers = ui.t.agenda_columns.to_vec();
                if explain {
                    headers.push(ui.t.agenda_terms);
                }
                let mut t = Table::new(&headers);
                for i in list {
                    let when = match i.waiting_minutes {
                        Some(m) => format!("{} {}", ui.s.waiting, waited(ui.lang, m)),
                        // Another year's date shows its year (a year's repurchase, `--days 400`).
                        None => {
                            let due = clock.local(i.due);
                            let same_year = chrono::Datelike::year(&due)
                                == chrono::Datelike::year(&agenda.date);
                            due.format(if same_year {
                                "%m-%d %H:%M"
                            } else {
                                "%Y-%m-%d %H:%M"
                            })
                            .to_string()
                        }
                    };
                    let mut action =
                        crate::i18n::names::action_text(ui.lang, &i.action).into_owned();
                    if i.over_cap > 0 {
                        // A marker here; the warning in full under the table, where a long
                        // action cannot cut it off.
                        action.insert_str(0, "⚠ ");
                    }
                    let mut row = vec![
                        i.followup_id.to_string(),
                        i.contact_name.clone(),
                        crate::domain::Stage::ALL
                            .iter()
                            .find(|s| s.key() == i.stage)
                            .map_or(i.stage.clone(), |s| stage_name(ui.lang, *s).to_string()),
                        i.grade.clone().unwrap_or_default(),
                        when,
                        action,
                        script_title(view, i.script.as_deref()),
                        format!("{:.1}", i.urgency),
                    ];
                    if explain {
                        row.push(terms_text(ui.lang, i));
                    }
                    t.row(row);
                }
                text.push_str(&t.render());
                for i in list.iter().filter(|i| i.over_cap > 0) {
                    let id = i.followup_id.to_string();
                    let name = display_safe(&i.contact_name, false);
                    let over = i.over_cap.to_string();
                    let _ = writeln!(text, "{}", fill(ui.t.over_cap, &[&id, &name, &over]));
                }
            }
        }
    }
    Ok(emit(&text)?)
}

/// The script as the rep knows it, by its title in the template (JSON and CSV keep the id
/// for scripts); the id when the template no longer has it.
fn script_title(view: &View, id: Option<&str>) -> String {
    let Some(id) = id else {
        return String::new();
    };
    view.template()
        .script(id)
        .map_or(id, |(_, s)| s.title.as_str())
        .to_string()
}

fn terms_text(lang: crate::config::Lang, i: &AgendaItem) -> String {
    let terms: Vec<String> = i
        .terms
        .iter()
        .map(|t| format!("{} {:+.1}", crate::i18n::cli::term_text(lang, t), t.points))
        .collect();
    crate::i18n::list_of(lang, &terms)
}
