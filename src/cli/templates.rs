//! `template list|show|check|use` and `script ID`.

use super::args::{Format, TemplateCommand, TemplateFormat};
use super::output::Table;
use crate::context::Context;
use crate::domain::Stage;
use crate::domain::sop::ObjectionKind;
use crate::sop::check_file;
use anyhow::{Result, bail};

pub fn run_template(ctx: &Context, cmd: TemplateCommand) -> Result<()> {
    let lib = ctx.library();
    match cmd {
        TemplateCommand::List { format } => {
            report_problems(&lib.problems);
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
                Format::Json => println!("{}", serde_json::to_string_pretty(&rows)?),
                Format::Csv => {
                    let mut w = csv::Writer::from_writer(std::io::stdout());
                    w.write_record(["id", "name", "version", "origin"])?;
                    for t in lib.templates() {
                        w.write_record([
                            t.template.id.clone(),
                            t.template.name.clone(),
                            t.template.version.to_string(),
                            t.origin.describe(),
                        ])?;
                    }
                    w.flush()?;
                }
                Format::Table => {
                    let mut table = Table::new(&["id", "name", "version", "origin"]);
                    for t in lib.templates() {
                        table.row(vec![
                            t.template.id.clone(),
                            t.template.name.clone(),
                            t.template.version.to_string(),
                            t.origin.describe(),
                        ]);
                    }
                    print!("{}", table.render());
                }
            }
        }
        TemplateCommand::Show { id, format } => {
            let t = lib.resolve(&id)?;
            match format {
                TemplateFormat::Toml => print!("{}", t.source),
                TemplateFormat::Json => {
                    println!("{}", serde_json::to_string_pretty(&t.template)?)
                }
            }
        }
        TemplateCommand::Check { files } => {
            let mut bad = 0;
            for f in &files {
                match check_file(f) {
                    Ok(t) => {
                        let scripts: usize =
                            t.template.stages.iter().map(|s| s.scripts.len()).sum();
                        let objections: usize =
                            t.template.stages.iter().map(|s| s.objections.len()).sum();
                        println!(
                            "{}: ok — '{}' {} v{}: {scripts} scripts, {objections} objection replies, {} cadences",
                            f.display(),
                            t.template.id,
                            t.template.name,
                            t.template.version,
                            t.template.cadences.len()
                        );
                    }
                    Err(diags) => {
                        bad += 1;
                        for d in diags {
                            eprintln!("{d}");
                        }
                    }
                }
            }
            if bad > 0 {
                bail!("{bad} of {} template file(s) have errors", files.len());
            }
        }
        TemplateCommand::Use { id } => {
            let mut book = ctx.open_book()?;
            book.use_template(&lib, &id)?;
            if let Some(t) = lib.get(&id) {
                book.set_template(t.template.clone())?;
            }
            println!("{}: {id}", book.store().path().display());
        }
    }
    Ok(())
}

fn report_problems(problems: &[crate::sop::Diagnostic]) {
    for p in problems {
        eprintln!("warning: {p}");
    }
}

pub fn run_script(ctx: &Context, id: i64, stage: Option<&str>, format: Format) -> Result<()> {
    let lib = ctx.library();
    report_problems(&lib.problems);
    let book = ctx.open_book()?;
    let active = book.template(&lib, ctx.template.as_deref())?;
    if let Some(w) = &active.warning {
        eprintln!("warning: {w}");
    }
    let stage = stage.map(str::parse::<Stage>).transpose()?;
    let sop = book.scripts_for(&active.loaded.template, id, stage)?;
    match format {
        Format::Json => println!("{}", serde_json::to_string_pretty(&sop)?),
        Format::Csv => bail!("script prints --format table or json"),
        Format::Table => {
            println!("{} ({}) — {}", sop.name, sop.stage.key(), sop.goal);
            for item in &sop.checklist {
                println!("  □ {item}");
            }
            for s in &sop.scripts {
                let when = s
                    .when
                    .as_deref()
                    .map(|w| format!(" · {w}"))
                    .unwrap_or_default();
                println!("\n[{}] {}{when}\n{}", s.id, s.title, s.text);
            }
            let mut kind: Option<ObjectionKind> = None;
            for o in &sop.objections {
                if kind != Some(o.kind) {
                    println!("\n— {} ({}) —", o.kind.zh(), o.kind.key());
                    kind = Some(o.kind);
                }
                println!("[{}] 客户：{}\n回复：{}", o.id, o.customer, o.reply);
            }
        }
    }
    Ok(())
}
