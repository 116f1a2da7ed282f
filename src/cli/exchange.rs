//! `import FILE` and `export` of contacts (`export --ics` is the agenda's).

use super::args::{ExportFormat, ImportArgs, MaskArg};
use super::out_file::{cannot_write, refuse_overwriting, write_private_with};
use super::output::emit;
use super::{Ui, after_save, finish_read, open_read, open_write};
use crate::context::Context;
use crate::domain::TagRef;
use crate::exchange::contacted::{Arrival, Contacted};
use crate::exchange::{
    self, ColumnMapping, CsvExportOptions, DuplicatePolicy, Field, Format, ImportOptions,
    ImportPlan, TextEncoding, fill,
};
use crate::i18n::exchange::strings as exchange_strings;
use crate::service::{BookKeys, nothing_imported};
use anyhow::{Result, anyhow, bail};
use std::io::Read;
use std::io::Write;
use std::path::Path;

/// An import file larger than this is refused before it is read (the whole file and its
/// records are held in memory; 100,000 contacts are about 20 MB).
const MAX_IMPORT_MB: u64 = 256;

pub fn run_import(ctx: &Context, ui: Ui, args: ImportArgs) -> Result<()> {
    let s = exchange_strings(ui.lang);
    let mut opts = ImportOptions::new(s);
    opts.format = args
        .format
        .as_deref()
        .map(|f| Format::parse(f).map_err(|_| bad_option(ui, "--format", f, &["csv", "vcard"])))
        .transpose()?;
    opts.encoding = args
        .encoding
        .as_deref()
        .map(|e| {
            TextEncoding::parse(e).map_err(|_| {
                bad_option(
                    ui,
                    "--encoding",
                    e,
                    &[
                        "utf-8", "gbk", "gb2312", "cp936", "gb18030", "utf-16le", "utf-16be",
                    ],
                )
            })
        })
        .transpose()?;
    let contacted = Contacted::parse(&args.contacted)
        .ok_or_else(|| bad_option(ui, "--contacted", &args.contacted, Contacted::KEYS))?;
    let policy = DuplicatePolicy::parse(&args.on_duplicate).map_err(|_| {
        bad_option(
            ui,
            "--on-duplicate",
            &args.on_duplicate,
            &["skip", "merge", "new"],
        )
    })?;
    opts.mappings = args
        .map
        .iter()
        .map(|m| {
            ColumnMapping::parse(m).map_err(|_| {
                let keys: Vec<&str> = Field::ALL.iter().map(|f| f.key()).collect();
                anyhow!(
                    "{}",
                    fill(ui.t.bad_map, &[m, &crate::i18n::list_of(ui.lang, &keys)])
                )
            })
        })
        .collect::<Result<_>>()?;
    let parse_tags = |tags: &[String]| -> Result<Vec<TagRef>> {
        Ok(tags
            .iter()
            .map(|t| t.parse::<TagRef>())
            .collect::<Result<_, _>>()?)
    };
    let new_tags = parse_tags(&args.new_tags)?;
    opts.tags = parse_tags(&args.tags)?;
    opts.tags.extend(new_tags.iter().cloned());
    check_import_tags(ctx, ui, &opts.tags, &new_tags)?;
    opts.source = match args.source.as_deref() {
        Some(v) => crate::domain::contact::clean_line(crate::domain::error::Field::Source, v)?,
        None => None,
    };
    opts.file_name = args
        .file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned());
    let bytes = read_import_file(ui, &args.file)?;
    opts.arrival = Some(Arrival {
        contacted,
        now: ctx.clock.now(),
    });

    if args.dry_run {
        return dry_run(ctx, ui, &bytes, opts, policy);
    }
    // With no book yet, the file is read first: one that cannot be read, or whose every
    // row is rejected, makes no book.
    let without_book = if ctx.db_path.exists() {
        None
    } else {
        let (plan, used) = plan_without_book(ctx, &bytes, &opts, policy)?;
        if nothing_imported(&plan) {
            let report = exchange::render_report(&plan.report, s, false);
            emit(&crate::domain::text::display_safe(&report, true))?;
            return outcome(ui, &plan, false);
        }
        Some((plan, used))
    };
    let mut book = open_write(ctx, ui, true)?;
    opts.zone = book.session().clock.zone();
    opts.taxonomy = taxonomy(&book.session().template);
    let mut plan = match without_book {
        // The book was made just now, empty, and follows the taxonomy the plan used.
        Some((plan, used))
            if book.opened().created
                && used.taxonomy == opts.taxonomy
                && used.zone == opts.zone =>
        {
            plan
        }
        _ => {
            let view = book.view();
            let keys = view.import_keys()?;
            exchange::import(&bytes, &opts, policy, &keys).map_err(|e| unreadable(&e, s))?
        }
    };
    if plan.report.counts.read == 0 {
        // A header and nothing under it: no change to make, and said so.
        let report = exchange::render_report(&plan.report, s, false);
        emit(&crate::domain::text::display_safe(&report, true))?;
        return outcome(ui, &plan, false);
    }
    let imported = book.import(&mut plan, ui.lang)?;
    let mut report = exchange::render_report(&plan.report, s, false);
    if let Some(event) = imported.applied.as_ref().and_then(|a| a.event) {
        report.push_str(&format!("\n#{event} · {}\n", ui.t.undo_import_hint));
    }
    after_save(ui, emit(&crate::domain::text::display_safe(&report, true)))?;
    outcome(ui, &plan, false)
}

/// `--tag` as `add` takes it (in the taxonomy or the book, else refused with the closest
/// ones); `--new-tag` on purpose. Checked before anything is read or made.
fn check_import_tags(ctx: &Context, ui: Ui, tags: &[TagRef], new: &[TagRef]) -> Result<()> {
    if tags.is_empty() {
        return Ok(());
    }
    if ctx.db_path.exists() {
        let book = open_read(ctx, ui)?;
        book.view().check_tags(tags, new)?;
        finish_read(&book, ui)
    } else {
        let template = crate::service::choose_template(&ctx.library_for(&[]), None, None)?
            .loaded
            .template;
        Ok(crate::service::check_tags_for_new_book(
            &template, tags, new,
        )?)
    }
}

/// Reads and plans against the book as it is (or an empty one when there is none yet),
/// prints the report, and writes nothing: not even a new book.
fn dry_run(
    ctx: &Context,
    ui: Ui,
    bytes: &[u8],
    mut opts: ImportOptions,
    policy: DuplicatePolicy,
) -> Result<()> {
    let s = opts.strings;
    let mut plan = if ctx.db_path.exists() {
        let book = open_read(ctx, ui)?;
        opts.zone = book.session().clock.zone();
        opts.taxonomy = taxonomy(&book.session().template);
        let plan = book.read(|view| {
            let keys: BookKeys = view.import_keys()?;
            Ok(match exchange::import(bytes, &opts, policy, &keys) {
                Ok(mut plan) => {
                    view.note_new_tags(&mut plan)?;
                    Ok(plan)
                }
                Err(e) => Err(e),
            })
        })?;
        finish_read(&book, ui)?;
        plan.map_err(|e| unreadable(&e, s))?
    } else {
        let mut plan = plan_without_book(ctx, bytes, &opts, policy)?.0;
        let template = crate::service::choose_template(&ctx.library_for(&[]), None, None)?
            .loaded
            .template;
        crate::service::note_new_tags_for_new_book(&template, &mut plan)?;
        plan
    };
    // The rows the book would refuse on the real run, refused here too.
    crate::service::screen_import(&mut plan, ctx.clock.now(), ui.lang);
    let report = exchange::render_report(&plan.report, s, true);
    emit(&crate::domain::text::display_safe(&report, true))?;
    outcome(ui, &plan, true)
}

/// The plan for a book that does not exist yet: empty, on the template a new book follows;
/// and the options it was made with.
fn plan_without_book(
    ctx: &Context,
    bytes: &[u8],
    opts: &ImportOptions,
    policy: DuplicatePolicy,
) -> Result<(ImportPlan, ImportOptions)> {
    let template = crate::service::choose_template(&ctx.library_for(&[]), None, None)?
        .loaded
        .template;
    let mut opts = opts.clone();
    opts.zone = ctx.clock.zone();
    opts.taxonomy = taxonomy(&template);
    let plan = exchange::import(bytes, &opts, policy, &exchange::NoBook)
        .map_err(|e| unreadable(&e, opts.strings))?;
    Ok((plan, opts))
}

/// Success when every row went in (or was a duplicate the policy skipped); an error when
/// rows were rejected, saying whether anything was imported (a dry run imported nothing).
fn outcome(ui: Ui, plan: &ImportPlan, dry_run: bool) -> Result<()> {
    let rejected = plan.report.counts.rejected;
    if plan.report.counts.read == 0 {
        bail!("{}", ui.t.import_no_rows)
    } else if rejected == 0 {
        Ok(())
    } else if dry_run {
        bail!(
            "{}",
            fill(ui.t.import_dry_rejected, &[&rejected.to_string()])
        )
    } else if nothing_imported(plan) {
        bail!("{}", ui.t.import_nothing)
    } else {
        bail!("{}", fill(ui.t.import_partly, &[&rejected.to_string()]))
    }
}

/// A file that cannot be imported at all, said in the user's language.
fn unreadable(
    e: &exchange::ImportError,
    s: &crate::i18n::exchange::ExchangeStrings,
) -> anyhow::Error {
    anyhow!("{}", exchange::render_error(e, s))
}

fn taxonomy(t: &crate::domain::sop::Template) -> Vec<(String, Vec<String>)> {
    t.tag_groups
        .iter()
        .map(|g| (g.group.clone(), g.tags.clone()))
        .collect()
}

fn bad_option(ui: Ui, option: &str, value: &str, accepted: &[&str]) -> anyhow::Error {
    let accepted = crate::i18n::list_of(ui.lang, accepted);
    anyhow!("{}", fill(ui.t.bad_option, &[option, value, &accepted]))
}

/// The file's bytes: a regular file (or `-` for standard input) of bounded size.
fn read_import_file(ui: Ui, path: &Path) -> Result<Vec<u8>> {
    let limit = MAX_IMPORT_MB * 1024 * 1024;
    let fail = |why: String| match ui.lang {
        crate::config::Lang::Zh => {
            anyhow!("{}：{}（{why}）", path.display(), ui.t.cannot_read_file)
        }
        crate::config::Lang::En => {
            anyhow!("{}: {} ({why})", path.display(), ui.t.cannot_read_file)
        }
    };
    // The common reasons in the user's language; others as the system words them.
    let io_fail = |e: std::io::Error| {
        fail(match e.kind() {
            std::io::ErrorKind::NotFound => ui.t.no_such_file.to_string(),
            std::io::ErrorKind::PermissionDenied => ui.t.permission_denied.to_string(),
            kind => crate::i18n::errors::io_kind_words(ui.lang, kind)
                .map_or_else(|| e.to_string(), str::to_string),
        })
    };
    let mut bytes = Vec::new();
    if path.as_os_str() == "-" {
        std::io::stdin()
            .take(limit + 1)
            .read_to_end(&mut bytes)
            .map_err(io_fail)?;
    } else {
        // A pipe is read like a file (`import /dev/stdin`, `import <(iconv -f gbk a.csv)`),
        // within the same limit; a folder cannot be.
        let meta = std::fs::metadata(path).map_err(io_fail)?;
        if meta.is_dir() {
            return Err(fail(ui.t.not_a_file.to_string()));
        }
        std::fs::File::open(path)
            .and_then(|f| f.take(limit + 1).read_to_end(&mut bytes))
            .map_err(io_fail)?;
    }
    if bytes.len() as u64 > limit {
        return Err(fail(fill(ui.t.file_too_big, &[&MAX_IMPORT_MB.to_string()])));
    }
    Ok(bytes)
}

pub struct ExportRequest {
    pub format: ExportFormat,
    pub out: Option<std::path::PathBuf>,
    pub all: bool,
    pub mask: Option<MaskArg>,
    pub bom: bool,
}

pub fn run_export(ctx: &Context, ui: Ui, req: ExportRequest) -> Result<()> {
    let s = exchange_strings(ui.lang);
    refuse_overwriting(ui, req.out.as_deref(), std::slice::from_ref(&ctx.db_path))?;
    let book = open_read(ctx, ui)?;
    // Written a contact at a time: memory stays that of one contact whatever the book's
    // size. A failed write is told apart from a failed read (the file's fault, not the
    // book's).
    let mut write_failed: Option<std::io::Error> = None;
    let mut left_out = 0;
    let mut write = |w: &mut dyn Write| -> Result<usize> {
        // A zone without daylight saving writes every time in its one offset, stated in the
        // header so the file reads back alike elsewhere; one with it keeps each time on its
        // own date's clock (a summer time in summer time), read in the importer's zone.
        let zone = book.session().clock.zone().steady(ctx.clock.now());
        let template = &book.session().template;
        let mut out = ExportWriter::new(
            req.format,
            w,
            CsvExportOptions {
                bom: req.bom,
                zone,
                strings: s,
            },
        )
        .map_err(|e| failed(&mut write_failed, e))?;
        let mut n = 0;
        book.read(|view| {
            left_out = view.archived_left_out(req.all)?;
            view.for_each_export(req.all, |mut c| {
                if req.format == ExportFormat::Vcard {
                    // A phone's address book gets the rep's own tags: the automatic ones
                    // are worked out from purchases and activity a vCard does not carry.
                    c.tags
                        .retain(|t| !crate::domain::derived::is_derived(template, t));
                }
                if let Some(m) = req.mask {
                    exchange::mask::mask_contact(&mut c, m == MaskArg::Names);
                }
                n += 1;
                out.push(&c).map_err(|e| failed(&mut write_failed, e))?;
                Ok(())
            })?;
            Ok(())
        })?;
        out.finish().map_err(|e| failed(&mut write_failed, e))?;
        finish_read(&book, ui)?;
        Ok(n)
    };
    match &req.out {
        Some(path) => {
            let n = write_private_with(path, &mut write).map_err(|e| match write_failed {
                Some(io) => cannot_write(ui, path, &anyhow::Error::new(io)),
                None if e.downcast_ref::<std::io::Error>().is_some() => cannot_write(ui, path, &e),
                None => e,
            })?;
            ui.note(&format!(
                "{} {n} {} → {}",
                ui.t.exported,
                ui.t.contacts,
                path.display()
            ));
        }
        None => {
            let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
            let written = write(&mut out);
            if let Some(io) = write_failed {
                return Err(io.into());
            }
            written?;
            out.flush()?;
        }
    }
    // A rep moving to another book by export and import would lose them unawares.
    if left_out > 0 {
        ui.note(&fill(ui.t.archived_left_out, &[&left_out.to_string()]));
    }
    Ok(())
}

/// Keeps a failed write's error (a read's reaches the user as it is) and stands for it.
fn failed(kept: &mut Option<std::io::Error>, e: std::io::Error) -> anyhow::Error {
    let kind = e.kind();
    *kept = Some(e);
    anyhow::Error::new(std::io::Error::from(kind))
}

/// One export format written a contact at a time.
enum ExportWriter<'a, 'w> {
    // Boxed: the CSV writer carries its own buffer.
    Csv(Box<exchange::CsvStream<'a, &'w mut dyn Write>>),
    Json(exchange::JsonStream<&'w mut dyn Write, crate::clock::LocalZone>),
    Vcard(&'w mut dyn Write),
}

impl<'a, 'w> ExportWriter<'a, 'w> {
    fn new(
        format: ExportFormat,
        w: &'w mut dyn Write,
        csv: CsvExportOptions<'a>,
    ) -> std::io::Result<Self> {
        Ok(match format {
            ExportFormat::Csv => ExportWriter::Csv(Box::new(exchange::CsvStream::new(w, csv)?)),
            ExportFormat::Json => ExportWriter::Json(exchange::JsonStream::new(w, csv.zone)?),
            ExportFormat::Vcard => ExportWriter::Vcard(w),
        })
    }

    fn push(&mut self, c: &exchange::ExportContact) -> std::io::Result<()> {
        match self {
            ExportWriter::Csv(w) => w.push(c),
            ExportWriter::Json(w) => w.push(c),
            ExportWriter::Vcard(w) => exchange::write_vcard(w, c),
        }
    }

    fn finish(self) -> std::io::Result<()> {
        match self {
            ExportWriter::Csv(w) => w.finish().map(drop),
            ExportWriter::Json(w) => w.finish().map(drop),
            ExportWriter::Vcard(_) => Ok(()),
        }
    }
}
