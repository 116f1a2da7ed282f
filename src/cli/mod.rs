//! The non-interactive subcommands: thin over the service layer. Read commands open the
//! book through the reader (they cannot change it); the others run commands through the
//! write pipeline.

mod agenda;
pub mod args;
mod args_contact;
mod args_io;
mod audit;
mod bare_tags;
mod book;
mod contacts;
mod exchange;
mod help;
mod listing;
mod number_arg;
mod out_file;
pub mod output;
mod render;
mod report;
mod templates;
mod usage;

use crate::config::Lang;
use crate::context::{Context, Opened};
use crate::i18n::cli::{CliText, cli_text};
use crate::i18n::errors::{Front, message};
use crate::i18n::{Strings, strings};
use crate::service::{Book, Error, ReadBook};
pub use args::{Cli, Command};
pub use usage::parse_failed;

/// The language a command speaks, its labels and its sentences.
#[derive(Clone, Copy)]
pub struct Ui {
    pub lang: Lang,
    pub s: &'static Strings,
    pub t: &'static CliText,
}

impl Ui {
    pub fn new(lang: Lang) -> Ui {
        Ui {
            lang,
            s: strings(lang),
            t: cli_text(lang),
        }
    }

    /// The first names of a list, and how many there are when that is more.
    pub fn first_names(&self, names: &[String], total: usize) -> String {
        let mut out = names.join(" ");
        if total > names.len() {
            out.push_str(&crate::exchange::fill(
                self.t.names_in_all,
                &[&total.to_string()],
            ));
        }
        out
    }

    /// A note on standard error ("提示：…").
    pub fn note(&self, text: &str) {
        let text = crate::domain::text::display_safe(text, true);
        eprintln!("salesbook: {}: {text}", self.t.note);
    }
}

/// Everything a command can fail with, as the command line words it.
pub fn error_text(e: &anyhow::Error, lang: Lang) -> String {
    if let Some(why) = crate::store::damage(e) {
        return crate::i18n::errors::damaged(lang, Front::Cli, &why);
    }
    if let Some(err) = e.downcast_ref::<Error>() {
        return message(err, lang, Front::Cli);
    }
    if let Some(f) = e.downcast_ref::<crate::domain::error::FieldError>() {
        return crate::i18n::errors::field_error(lang, Front::Cli, f);
    }
    if let Some(o) = e.downcast_ref::<crate::store::OpenError>() {
        return crate::i18n::errors::open_error(lang, o);
    }
    if let Some(now) = e.downcast_ref::<crate::clock::BadNow>() {
        return crate::i18n::errors::bad_now(lang, now);
    }
    if e.downcast_ref::<crate::config::NoHomeDir>().is_some() {
        return crate::i18n::errors::no_home_dir(lang).to_string();
    }
    if e.downcast_ref::<crate::tui::NotATerminal>().is_some() {
        return crate::i18n::errors::not_a_terminal(lang).to_string();
    }
    if let Some(w) = e.downcast_ref::<crate::store::WriteFailed>() {
        return crate::i18n::errors::write_failed(lang, w);
    }
    // Output that could not be written (standard output to a full disk): in words.
    if let Some(io) = e.downcast_ref::<std::io::Error>()
        && let Some(words) = crate::i18n::errors::io_kind_words(lang, io.kind())
    {
        return crate::i18n::errors::io_failed(lang, words);
    }
    format!("{e:#}")
}

pub fn run(ctx: &Context, cmd: Command) -> anyhow::Result<()> {
    let ui = Ui::new(ctx.lang());
    // `--template` tries another template where a command can show it (scripts, a dry run
    // of cadences, an audit); elsewhere it would be ignored, or would plan the book with
    // a template it does not follow.
    if ctx.template.is_some()
        && !matches!(
            cmd,
            Command::Script { .. } | Command::Simulate { .. } | Command::Audit(_)
        )
    {
        anyhow::bail!("{}", ui.t.template_flag_unused);
    }
    match out_file::dash_is_standard_output(cmd) {
        Command::Template(t) => templates::run_template(ctx, ui, t),
        Command::Render(r) => render::run(ctx, ui, r),
        Command::Audit(a) => audit::run(ctx, ui, a),
        Command::Script { id, stage, format } => {
            templates::run_script(ctx, ui, id, stage.as_deref(), format.format)
        }
        Command::Export {
            ics: false,
            events: _,
            format,
            out,
            all,
            mask,
            no_bom,
        } => exchange::run_export(
            ctx,
            ui,
            exchange::ExportRequest {
                format: format.unwrap_or(args::ExportFormat::Csv),
                out,
                all,
                mask,
                bom: !no_bom,
            },
        ),
        Command::Import(args) => exchange::run_import(ctx, ui, args),
        Command::Report(args) => report::run_report(ctx, ui, args),
        Command::Rollup(args) => report::run_rollup(ctx, ui, args),
        cmd @ (Command::Agenda { .. } | Command::Simulate { .. } | Command::Export { .. }) => {
            agenda::run_read(ctx, ui, cmd)
        }
        cmd @ (Command::Done { .. } | Command::Snooze { .. } | Command::Skip { .. }) => {
            agenda::run_write(ctx, ui, cmd)
        }
        Command::Followup(f) => agenda::run_followup(ctx, ui, f),
        cmd @ (Command::Show { .. } | Command::List(_) | Command::Search { .. }) => {
            listing::run(ctx, ui, cmd)
        }
        cmd @ (Command::Demo(_)
        | Command::Undo { .. }
        | Command::Verify { .. }
        | Command::Backup { .. }
        | Command::Restore { .. }) => book::run(ctx, ui, cmd),
        other => contacts::run(ctx, ui, other),
    }
}

/// Opens the book for a read command (nothing is created or changed), noting a template
/// that had to be replaced by the default.
pub(crate) fn open_read(ctx: &Context, ui: Ui) -> anyhow::Result<ReadBook> {
    let Opened {
        book,
        missing_template,
    } = ctx.open_read()?;
    warn_missing_template(ui, missing_template, book.session().template.id());
    Ok(book)
}

/// Opens the book for a command that writes; with `create`, makes it (and says so).
pub(crate) fn open_write(ctx: &Context, ui: Ui, create: bool) -> anyhow::Result<Book> {
    let Opened {
        book,
        missing_template,
    } = ctx.open_write(create)?;
    let opened = book.opened();
    if opened.created {
        ui.note(&format!("{} {}", ui.t.created_book, book.path().display()));
    }
    if let (Some(_), Some(b)) = (opened.upgraded_from, &opened.backup) {
        ui.note(&format!("{} {}", ui.t.upgraded_book, b.display()));
    }
    warn_missing_template(ui, missing_template, book.session().template.id());
    Ok(book)
}

fn warn_missing_template(ui: Ui, missing: Option<String>, using: &str) {
    if let Some(id) = missing {
        ui.note(&format!("'{id}' — {} '{using}'", ui.t.template_missing));
    }
}

/// A read without locks (a book with no writer attached) must not have raced a writer.
pub(crate) fn finish_read(book: &ReadBook, ui: Ui) -> anyhow::Result<()> {
    if book.still_consistent() {
        Ok(())
    } else {
        anyhow::bail!("{}", ui.t.changed_while_reading)
    }
}

/// Output after a saved change: if it cannot be written, say the change was saved (so a
/// script that retries does not make it twice).
pub(crate) fn after_save(ui: Ui, r: std::io::Result<()>) -> anyhow::Result<()> {
    r.map_err(|e| anyhow::anyhow!("{} ({e})", ui.t.saved_but_output_failed))
}
