//! Commands about the book as a whole: demo data, undo, verify, backup, restore.

use super::args::{Command, Format};
use super::output::{Table, emit, emit_line};
use super::{Ui, after_save, finish_read, open_read, open_write};
use crate::context::Context;
use crate::domain::command::Command as Cmd;
use crate::domain::text::display_safe;
use crate::exchange::fill;
use crate::i18n::errors::{action_label, verify_break};
use crate::service::{Error, Reply};
use anyhow::{Result, bail};

pub fn run(ctx: &Context, ui: Ui, cmd: Command) -> Result<()> {
    match cmd {
        Command::Demo(d) => {
            let contacts = d.contacts;
            let interactions = d.interactions.unwrap_or(contacts.saturating_mul(8));
            if interactions > contacts.saturating_mul(50) {
                bail!(
                    "{}",
                    match ui.lang {
                        crate::config::Lang::Zh =>
                            format!("--interactions 最多是客户数的 50 倍（{}）", contacts * 50),
                        crate::config::Lang::En => format!(
                            "--interactions is at most 50 per contact ({})",
                            contacts * 50
                        ),
                    }
                );
            }
            let mut book = open_write(ctx, ui, true)?;
            let applied = book.execute(Cmd::Demo {
                contacts,
                interactions,
                seed: d.seed,
                force: d.force,
            })?;
            if let Reply::Demo {
                contacts,
                interactions,
            } = applied.reply
            {
                after_save(
                    ui,
                    emit_line(&format!(
                        "{}: {contacts} {}, {interactions} {} → {}",
                        ui.t.demo_done,
                        ui.t.contacts,
                        ui.t.interactions,
                        book.path().display()
                    )),
                )?;
            }
            Ok(())
        }
        Command::Undo {
            steps,
            list,
            format,
        } => {
            if list {
                let book = open_read(ctx, ui)?;
                let entries = book.read(|v| v.undo_list(20))?;
                print_undo_list(ui, &book.session().clock, &entries, format.format)?;
                return finish_read(&book, ui);
            }
            let mut book = open_write(ctx, ui, false)?;
            let mut done = 0;
            for _ in 0..steps {
                match book.undo_last() {
                    Ok(applied) => {
                        done += 1;
                        if let Reply::Undone { event, .. } = applied.reply {
                            // The change and the contacts it was about, as the app says it.
                            let (action, names, total) = book.view().change_named(event)?;
                            after_save(
                                ui,
                                // Names from the book: through the sanitiser.
                                emit_line(&crate::domain::text::display_safe(
                                    &format!(
                                        "{} #{event} {}",
                                        ui.t.undone,
                                        crate::i18n::tui_words::change(
                                            ui.lang, &action, &names, total
                                        )
                                    ),
                                    false,
                                )),
                            )?;
                        }
                    }
                    Err(Error::NothingToUndo) if done > 0 => {
                        ui.note(&fill(
                            ui.t.undo_fewer,
                            &[&steps.to_string(), &done.to_string()],
                        ));
                        break;
                    }
                    Err(e) => {
                        if done > 0 {
                            ui.note(ui.t.undo_stopped);
                        }
                        return Err(e.into());
                    }
                }
            }
            Ok(())
        }
        Command::Verify { full, format } => {
            let book = open_read(ctx, ui)?;
            let v = book.read(|view| view.verify())?;
            // With --full, the file itself as SQLite checks it: a damaged page or index the
            // log cannot show (the log can read whole in a damaged file). Seconds on a big
            // book, so asked for.
            let damage = if full {
                book.read(|view| view.storage_problems())?
            } else {
                Vec::new()
            };
            finish_read(&book, ui)?;
            let offset = book.session().offset();
            match format.format {
                Format::Json => {
                    let mut out = serde_json::to_value(&v)?;
                    if full {
                        out["storage"] = serde_json::json!(damage);
                    }
                    emit(&format!("{}\n", serde_json::to_string_pretty(&out)?))?
                }
                _ if v.ok() && !damage.is_empty() => {}
                _ if v.ok() => {
                    let span = match (v.first_at, v.last_at) {
                        (Some(a), Some(b)) => {
                            let at = |t: chrono::DateTime<chrono::Utc>| {
                                t.with_timezone(&offset)
                                    .format("%Y-%m-%d %H:%M")
                                    .to_string()
                            };
                            fill(ui.t.verify_span, &[&at(a), &at(b)])
                        }
                        _ => String::new(),
                    };
                    let records = match v.sealed {
                        Some(seal) => fill(ui.t.verify_records, &[&seal.rows.to_string()]),
                        None => ui.t.verify_records_unsealed.to_string(),
                    };
                    emit_line(&fill(
                        ui.t.verify_ok,
                        &[
                            &v.events.to_string(),
                            &span,
                            &v.contacts.to_string(),
                            &records,
                        ],
                    ))?;
                }
                _ => {}
            }
            if !damage.is_empty() {
                bail!(
                    "{}",
                    fill(
                        ui.t.verify_damaged,
                        &[&display_safe(&first_of(&damage), true)]
                    )
                );
            }
            if !v.ok() {
                let mut lines = vec![verify_break(ui.lang, &v.breaks[0], offset)];
                for b in v.breaks.iter().skip(1) {
                    let more = fill(ui.t.verify_more, &[&verify_break(ui.lang, b, offset)]);
                    lines.push(format!("  {more}"));
                }
                bail!(
                    "{}",
                    fill(
                        ui.t.verify_broken,
                        &[&display_safe(&lines.join("\n"), true)]
                    )
                );
            }
            Ok(())
        }
        Command::Backup { file, to } => {
            let book = open_write(ctx, ui, false)?;
            let path = book.backup(to.or(file).as_deref())?;
            emit_line(&format!("{} {}", ui.t.backed_up, path.display()))?;
            Ok(())
        }
        Command::Restore { file, other_book } => {
            let Some(file) = file else {
                return list_backups(ctx, ui);
            };
            let mut book = open_write(ctx, ui, false)?;
            let safety = book.restore(&file, other_book)?;
            let sep = match ui.lang {
                crate::config::Lang::Zh => "；",
                crate::config::Lang::En => "; ",
            };
            after_save(
                ui,
                emit_line(&format!(
                    "{} {}{sep}{} {}",
                    ui.t.restored,
                    file.display(),
                    ui.t.safety_copy,
                    safety.display()
                )),
            )
        }
        other => bail!("not a book command: {other:?}"),
    }
}

/// `restore` without a file: this book's backups, newest first, to choose from; nothing is
/// restored, so the command fails.
fn list_backups(ctx: &Context, ui: Ui) -> Result<()> {
    let found = ctx
        .data_dir
        .as_deref()
        .map(|d| crate::service::backups_of(d, &ctx.db_path))
        .unwrap_or_default();
    if found.is_empty() {
        bail!("{}", ui.t.no_backups);
    }
    let mut table = Table::new(&ui.t.backup_columns);
    for (at, path, bytes) in &found {
        let at: chrono::DateTime<chrono::Utc> = (*at).into();
        table.row(vec![
            ctx.clock.local(at).format("%Y-%m-%d %H:%M").to_string(),
            format!("{:.1} MB", *bytes as f64 / 1_048_576.0),
            display_safe(&path.display().to_string(), false).into_owned(),
        ]);
    }
    emit(&table.render())?;
    bail!("{}", fill(ui.t.choose_backup, &[&found.len().to_string()]))
}

fn print_undo_list(
    ui: Ui,
    clock: &crate::clock::Clock,
    entries: &[crate::service::UndoEntry],
    format: Format,
) -> Result<()> {
    if format == Format::Json {
        emit(&format!("{}\n", serde_json::to_string_pretty(entries)?))?;
        return Ok(());
    }
    let mut t = Table::new(&ui.t.undo_list_header);
    for e in entries {
        let status = match (e.undone_by, e.blocked_by, e.undoable) {
            (Some(by), _, _) => ui.t.undo_done_by.replace("{}", &by.to_string()),
            (None, Some(by), _) => ui.t.undo_blocked_by.replace("{}", &by.to_string()),
            (None, None, true) => ui.t.undo_can.to_string(),
            (None, None, false) => ui.t.undo_cannot.to_string(),
        };
        // The names last: a table never cuts its last column.
        t.row(vec![
            e.event.to_string(),
            clock.local(e.at).format("%m-%d %H:%M").to_string(),
            action_label(ui.lang, &e.action),
            status,
            ui.first_names(&e.contacts, e.contacts_total),
        ]);
    }
    emit(&t.render())?;
    Ok(())
}

/// The first three of SQLite's findings, "…" for more.
fn first_of(damage: &[String]) -> String {
    let mut shown: Vec<&str> = damage.iter().take(3).map(String::as_str).collect();
    if damage.len() > 3 {
        shown.push("…");
    }
    shown.join("; ")
}
