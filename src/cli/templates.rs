//! `template list|show|check|use` and `script ID`.

use super::args::{Format, TemplateCommand, TemplateFormat};
use super::output::{Table, emit, emit_line};
use super::{Ui, after_save, finish_read, open_read, open_write};
use crate::context::Context;
use crate::domain::Stage;
use crate::domain::sop::ObjectionKind;
use crate::domain::text::display_safe;
use crate::sop::check_file;
use anyhow::{Result, bail};

pub fn run_template(ctx: &Context, ui: Ui, cmd: TemplateCommand) -> Result<()> {
    let lib = ctx.library();
    match cmd {
        TemplateCommand::List { format } => {
            report_problems(ui, &lib.problems);
            let rows: Vec<_> = lib
                .templates()
                .iter()
                .map(|t| {
                    serde_json::json!({
                        "id": t.template.id,
                        "name": t.template.name,
                        "version": t.template.version,
                        "origin": t.origin.describe(),
                    })
                })
                .collect();
            match format.format {
                Format::Json => emit(&format!("{}\n", serde_json::to_string_pretty(&rows)?))?,
                Format::Csv => {
                    let mut w = super::output::CsvOut::new(std::io::stdout());
                    w.record(["id", "name", "version", "origin"])?;
                    for t in lib.templates() {
                        w.record([
                            t.template.id.clone(),
                            t.template.name.clone(),
                            t.template.version.to_string(),
                            t.origin.describe(),
                        ])?;
                    }
                    std::io::Write::flush(&mut w.into_inner()?)?;
                }
                Format::Table => {
                    let mut table = Table::new(&ui.t.template_columns);
                    for t in lib.templates() {
                        let origin = match &t.origin {
                            crate::sop::Origin::BuiltIn => ui.t.built_in.to_string(),
                            other => other.describe(),
                        };
                        table.row(vec![
                            t.template.id.clone(),
                            t.template.name.clone(),
                            t.template.version.to_string(),
                            origin,
                        ]);
                    }
                    emit(&table.render())?;
                }
            }
        }
        TemplateCommand::Show { id, format } => {
            let t = crate::service::choose_template(&lib, None, Some(&id))?.loaded;
            match format {
                TemplateFormat::Toml => emit(&display_safe(&t.source, true))?,
                TemplateFormat::Json => {
                    emit(&format!("{}\n", serde_json::to_string_pretty(&t.template)?))?
                }
            }
        }
        TemplateCommand::Check { files } => {
            let mut bad = 0;
            for f in &files {
                // An id names the user's file of that name, or a built-in.
                let id = f
                    .to_str()
                    .filter(|s| !f.exists() && !s.contains(['/', '.']));
                let user_file =
                    id.map(|id| ctx.config_dir.join("templates").join(format!("{id}.toml")));
                let checked = match (id, user_file) {
                    (_, Some(path)) if path.is_file() => check_file(&path),
                    (Some(id), _) if crate::sop::Library::is_builtin_id(id) => {
                        Ok(crate::sop::Library::builtin(id).expect("a built-in id"))
                    }
                    _ => check_file(f),
                };
                match checked {
                    Ok(t) => {
                        // Warnings first: the template works, but some texts would not
                        // read as the author meant for every contact.
                        for w in &t.warnings {
                            eprintln!("{}", display_safe(&w.render(ui.lang), false));
                        }
                        let line = crate::i18n::sop_check::checked_ok(
                            ui.lang,
                            &f.display().to_string(),
                            &t.template,
                            t.warnings.len(),
                        );
                        emit_line(&display_safe(&line, false))?;
                    }
                    Err(diags) => {
                        bad += 1;
                        for d in diags {
                            eprintln!("{}", display_safe(&d.render(ui.lang), false));
                        }
                    }
                }
            }
            if bad > 0 {
                match ui.lang {
                    crate::config::Lang::Zh => {
                        bail!("{} 个模板文件中有 {bad} 个有错误", files.len())
                    }
                    crate::config::Lang::En => {
                        bail!("{bad} of {} template file(s) have errors", files.len())
                    }
                }
            }
        }
        TemplateCommand::Use { id } => {
            let chosen = crate::service::choose_template(&lib, None, Some(&id))?;
            if chosen.loaded.origin != crate::sop::Origin::BuiltIn
                && lib.get(&chosen.loaded.template.id).is_none()
            {
                // A file given by path is not in the library: the book could not find it
                // again next time. Only library templates (built-in or in the templates
                // folder) can be a book's template: say where to put it.
                let folder = ctx.config_dir.join("templates");
                anyhow::bail!(
                    "{}",
                    crate::exchange::fill(
                        ui.t.template_file_not_installed,
                        &[
                            &id,
                            &folder.display().to_string(),
                            &chosen.loaded.template.id
                        ]
                    )
                );
            }
            let mut book = open_write(ctx, ui, false)?;
            let applied = book.use_template(chosen.loaded.template.clone())?;
            let name = &chosen.loaded.template.name;
            let said = if applied.reply == crate::service::Reply::Unchanged {
                crate::i18n::tui_words::template_already(ui.lang, name)
            } else {
                crate::i18n::tui_words::template_used(ui.lang, name)
            };
            after_save(
                ui,
                emit_line(&format!("{said} ({})", chosen.loaded.template.id)),
            )?;
        }
    }
    Ok(())
}

fn report_problems(ui: Ui, problems: &[crate::sop::Diagnostic]) {
    for p in problems {
        ui.note(&display_safe(&p.render(ui.lang), false));
    }
}

pub fn run_script(
    ctx: &Context,
    ui: Ui,
    id: i64,
    stage: Option<&str>,
    format: Format,
) -> Result<()> {
    if format == Format::Csv {
        match ui.lang {
            crate::config::Lang::Zh => bail!("script 只能输出 --format table 或 json"),
            crate::config::Lang::En => bail!("script prints --format table or json"),
        }
    }
    let stage = stage.map(str::parse::<Stage>).transpose()?;
    let book = open_read(ctx, ui)?;
    // `--template` shows another template's scripts, for this command only; without it,
    // only the user's files need reading (for their problems), not every built-in.
    let lib = match &ctx.template {
        Some(_) => ctx.library(),
        None => ctx.library_for(&[]),
    };
    report_problems(ui, &lib.problems);
    let flagged = match &ctx.template {
        Some(spec) => Some(
            crate::service::choose_template(&lib, None, Some(spec))?
                .loaded
                .template,
        ),
        None => None,
    };
    let template = flagged.as_ref().unwrap_or(&*book.session().template);
    let sop = book.read(|v| Ok(v.scripts_for(template, id, stage)?))?;
    finish_read(&book, ui)?;
    if sop.needs_name {
        // Never sign a script with a login name: ask for the rep's own.
        bail!("{}", crate::i18n::sop::no_name(ui.lang, &ctx.config_dir));
    }
    let text = match format {
        Format::Json => format!("{}\n", serde_json::to_string_pretty(&sop)?),
        _ => {
            use std::fmt::Write as _;
            let mut out = String::new();
            let _ = writeln!(out, "{} ({}) — {}", sop.name, sop.stage.key(), sop.goal);
            for item in &sop.checklist {
                let _ = writeln!(out, "  □ {item}");
            }
            for s in &sop.scripts {
                let when = s
                    .when
                    .as_deref()
                    .map(|w| format!(" · {w}"))
                    .unwrap_or_default();
                let _ = writeln!(out, "\n[{}] {}{when}\n{}", s.id, s.title, s.text);
            }
            let mut kind: Option<ObjectionKind> = None;
            for o in &sop.objections {
                if kind != Some(o.kind) {
                    let label = crate::i18n::names::objection_kind(ui.lang, o.kind);
                    let _ = writeln!(out, "\n— {label} —");
                    kind = Some(o.kind);
                }
                let _ = writeln!(
                    out,
                    "[{}] {}{}\n{}{}",
                    o.id, ui.s.customer_says, o.customer, ui.t.reply, o.reply
                );
            }
            display_safe(&out, true).into_owned()
        }
    };
    Ok(emit(&text)?)
}
