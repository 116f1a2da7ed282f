//! `report` and `rollup`: the team lead's figures of one book, or of a team's books side by
//! side. Every book is opened through the reader: nothing next to it is created or changed.

use super::args::{MaskArg, ReportArgs, ReportFormat, ReportOutput, RollupArgs};
use super::out_file::{cannot_write, refuse_overwriting, write_private};
use super::output::emit;
use super::{Ui, error_text, finish_read, open_read};
use crate::context::{Context, Opened};
use crate::domain::text::display_safe;
use crate::exchange::fill;
use crate::report::input::Period;
use crate::report::{BookResult, Figures, Format, Mask, RenderOptions};
use anyhow::{Result, bail};
use chrono::NaiveDate;
use std::path::{Path, PathBuf};

/// What the period and output options ask for, checked before any book is opened.
struct Request {
    period: Period,
    format: Format,
    opts: RenderOptions,
    out: Option<PathBuf>,
}

fn request(ctx: &Context, ui: Ui, o: &ReportOutput) -> Result<Request> {
    let format = match o.format {
        ReportFormat::Md => Format::Markdown,
        ReportFormat::Html => Format::Html,
        ReportFormat::Json => Format::Json,
        ReportFormat::Csv => Format::Csv,
    };
    let mask = match o.mask {
        None => Mask::default(),
        Some(MaskArg::Contacts) => Mask {
            contacts: true,
            names: false,
        },
        Some(MaskArg::Names) => Mask {
            contacts: true,
            names: true,
        },
    };
    Ok(Request {
        period: period(ctx, ui, o.from.as_deref(), o.to.as_deref())?,
        format,
        opts: RenderOptions {
            lang: ui.lang,
            mask,
        },
        out: o.out.clone(),
    })
}

/// The most days a report's period may have: ten years.
const MAX_PERIOD_DAYS: i64 = 3660;

/// `--from D --to D`: whole days, both included, in the rep's calendar (see [`Period`]).
/// Checked here, before any book is opened, against this machine's today; each book
/// makes it instants in its rep's zone.
pub(super) fn period(
    ctx: &Context,
    ui: Ui,
    from: Option<&str>,
    to: Option<&str>,
) -> Result<Period> {
    let day = |s: &str| -> Result<NaiveDate> { Ok(crate::domain::contact::parse_date(s)?) };
    let period = Period {
        first: from.map(day).transpose()?,
        last: to.map(day).transpose()?,
        exactly: None,
    };
    let today = ctx.clock.local(ctx.clock.now()).date_naive();
    let (first, last) = period.bounds(today);
    // `--from` alone runs through today, or is that one day when it is after today (a
    // rep's today can be a day behind the lead's): only a `--to` before it is refused.
    if first > last {
        bail!(
            "{}",
            fill(ui.t.bad_period, &[&first.to_string(), &last.to_string()])
        );
    }
    // Ten years of days at most: the activity chart has a bar a day.
    if (last - first).num_days() >= MAX_PERIOD_DAYS {
        bail!(
            "{}",
            fill(
                ui.t.period_too_long,
                &[
                    &first.to_string(),
                    &last.to_string(),
                    &MAX_PERIOD_DAYS.to_string()
                ]
            )
        );
    }
    // A day or two of slack: the rep's zone may be a day either side of this machine's.
    let slack = chrono::TimeDelta::days(2);
    if last.checked_add_signed(slack).is_none() || first.checked_sub_signed(slack).is_none() {
        bail!("{}", fill(ui.t.day_out_of_range, &[&last.to_string()]));
    }
    if first > today {
        ui.note(&fill(
            ui.t.period_not_begun,
            &[&first.to_string(), &today.to_string()],
        ));
    }
    Ok(period)
}

pub fn run_report(ctx: &Context, ui: Ui, args: ReportArgs) -> Result<()> {
    if args.explain {
        emit(&display_safe(&crate::report::explain(ui.lang), true))?;
        return Ok(());
    }
    let req = request(ctx, ui, &args.output)?;
    refuse_overwriting(ui, req.out.as_deref(), std::slice::from_ref(&ctx.db_path))?;
    let book = open_read(ctx, ui)?;
    let input = book.report_input(req.period, ui.lang)?;
    finish_read(&book, ui)?;
    drop(book);
    let figures = crate::report::compute(&input);
    drop(input);
    if req.format == Format::Json && req.out.is_none() {
        // Straight to the output, never held whole.
        let out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
        crate::report::write_report_json(&figures, req.opts.mask, out)?;
    } else {
        let text = crate::report::render_report(&figures, req.format, req.opts);
        write_out(ui, &req, text)?;
    }
    if figures.book.verify.broken.is_some() {
        ui.note(&fill(
            ui.t.log_broken,
            &[&ctx.db_path.display().to_string()],
        ));
    }
    Ok(())
}

/// Books read at once (the machine's cores; the figures of each take a second thread).
const READERS: usize = 2;

pub fn run_rollup(ctx: &Context, ui: Ui, args: RollupArgs) -> Result<()> {
    let req = request(ctx, ui, &args.output)?;
    refuse_overwriting(ui, req.out.as_deref(), &args.books)?;
    refuse_a_book_twice(ui, &args.books)?;
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut results: Vec<Option<(BookResult, Option<String>)>> =
        (0..args.books.len()).map(|_| None).collect();
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..READERS.min(args.books.len()))
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(path) = args.books.get(i) else {
                            return done;
                        };
                        done.push((i, read_one(ctx, ui, path, req.period)));
                    }
                })
            })
            .collect();
        for w in workers {
            for (i, r) in w.join().expect("a book reader panicked") {
                results[i] = Some(r);
            }
        }
    });
    let results: Vec<(BookResult, Option<String>)> = results.into_iter().flatten().collect();
    refuse_a_copy_twice(ui, &results)?;
    let results: Vec<BookResult> = results.into_iter().map(|(r, _)| r).collect();
    let text = crate::report::render_rollup(&results, req.format, req.opts);
    write_out(ui, &req, text)?;
    for (label, r) in &results {
        if matches!(r, Ok(f) if f.book.verify.broken.is_some()) {
            ui.note(&fill(ui.t.log_broken, &[label]));
        }
    }
    let unreadable: Vec<&str> = results
        .iter()
        .filter(|(_, r)| r.is_err())
        .map(|(label, _)| label.as_str())
        .collect();
    if !unreadable.is_empty() {
        bail!(
            "{}",
            fill(
                ui.t.books_unreadable,
                &[
                    &unreadable.len().to_string(),
                    &crate::i18n::list_of(ui.lang, &unreadable)
                ]
            )
        );
    }
    Ok(())
}

/// The same book named twice (`a.sqlite ./a.sqlite`, a link to it) would count its rep
/// twice in every team total.
fn refuse_a_book_twice(ui: Ui, books: &[PathBuf]) -> Result<()> {
    let mut seen: Vec<(PathBuf, &Path)> = Vec::new();
    for b in books {
        let Ok(real) = std::fs::canonicalize(b) else {
            continue;
        };
        if let Some((_, first)) = seen.iter().find(|(r, _)| *r == real) {
            bail!(
                "{}",
                fill(
                    ui.t.book_given_twice,
                    &[&first.display().to_string(), &b.display().to_string()]
                )
            );
        }
        seen.push((real, b));
    }
    Ok(())
}

/// A book and its copy (the same log) would count one rep twice, as the same file would.
fn refuse_a_copy_twice(ui: Ui, results: &[(BookResult, Option<String>)]) -> Result<()> {
    for (i, ((label, _), id)) in results.iter().enumerate() {
        let Some(id) = id else { continue };
        if let Some(((first, _), _)) = results[..i]
            .iter()
            .find(|(_, other)| other.as_ref() == Some(id))
        {
            bail!("{}", fill(ui.t.book_copied_twice, &[first, label]));
        }
    }
    Ok(())
}

/// One book of a roll-up: its label (the path as given) and its figures, or why there are
/// none, in the user's language; and what tells the book from another.
fn read_one(ctx: &Context, ui: Ui, path: &Path, period: Period) -> (BookResult, Option<String>) {
    let label = path.display().to_string();
    let mut identity = None;
    let figures = (|| -> Result<Figures> {
        let Opened {
            book,
            missing_template,
        } = ctx.open_read_at(path)?;
        if let Some(id) = missing_template {
            ui.note(&format!(
                "{label}: '{id}' — {} '{}'",
                ui.t.template_missing,
                book.session().template.id
            ));
        }
        let input = book.report_input(period, ui.lang)?;
        identity = book.read(|v| v.book_identity())?;
        finish_read(&book, ui)?;
        drop(book);
        Ok(crate::report::compute(&input))
    })();
    (
        (label, figures.map_err(|e| error_text(&e, ui.lang))),
        identity,
    )
}

/// The report to standard output, or into `--out` (0600, all or nothing). Text formats go
/// through the output sanitiser; JSON escapes by itself.
fn write_out(ui: Ui, req: &Request, text: String) -> Result<()> {
    let text = match req.format {
        Format::Json => text,
        _ => display_safe(&text, true).into_owned(),
    };
    match &req.out {
        Some(path) => {
            write_private(path, text.as_bytes()).map_err(|e| cannot_write(ui, path, &e))?;
            ui.note(&format!("{} {}", ui.t.report_written, path.display()));
            Ok(())
        }
        None => Ok(emit(&text)?),
    }
}
