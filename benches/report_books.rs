//! `cargo bench --bench report_books`: the team lead's commands on book files, as a lead
//! waits for them — `report --format json` on the demo book of 100,000 contacts and
//! 1,000,000 interactions (goal ≤ 500 ms, whole process) and `rollup` of 20 demo books of
//! 5,000 contacts (goal ≤ 2 s) — and, in process, the parts of a report: the log's check
//! (`verify`), the loader, both together as the command runs them, the figures, the JSON.
//! The processes run a round at a time beside the sqlite3 shell's `select 1` and its read of
//! every timeline row on the big book, so their ratios survive the load of a shared machine.
//!
//! Knobs: `SALESBOOK_BENCH_REPORT_BOOKS_N` (timed runs per row, 10),
//! `SALESBOOK_BENCH_WARMUP` (untimed runs first, 3), `SALESBOOK_BENCH_TEAM` (books in the
//! roll-up, 20), `SALESBOOK_BIN`, `SALESBOOK_BENCH_DB` (the big book). Books are made once
//! (about a minute) and reused. Prints Markdown for BENCHMARKS.md.

mod harness;

use anyhow::{Context, Result, ensure};
use harness::{BookSpec, Labelled, Salesbook, Stats, Table, measure_interleaved, ms};
use salesbook::clock::Clock;
use salesbook::config::Lang;
use salesbook::report::input::{BookInput, Period, Window};
use salesbook::report::{Format, Mask, RenderOptions, compute, render_report};
use salesbook::service::report::template_info;
use salesbook::service::{ReadBook, Session};
use salesbook::store::Reader;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("bench report_books: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn timespec(clock: libc::clockid_t) -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec for the call to fill in.
    let rc = unsafe { libc::clock_gettime(clock, &mut ts) };
    assert_eq!(rc, 0, "clock_gettime");
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

/// CPU time of this process so far, every thread (the log is checked on a second thread,
/// the figures use one too).
fn process_cpu() -> Duration {
    timespec(libc::CLOCK_PROCESS_CPUTIME_ID)
}

/// Wall-clock and CPU time of `n` runs of `f` after `warmup` untimed ones; `cpu` reads the
/// CPU clock that sees the work. Returns the last run's output.
fn measure<T>(
    warmup: usize,
    n: usize,
    cpu: fn() -> Duration,
    mut f: impl FnMut() -> Result<T>,
) -> Result<(Stats, Stats, T)> {
    for _ in 0..warmup {
        std::hint::black_box(f()?);
    }
    let (mut walls, mut cpus) = (Vec::new(), Vec::new());
    let mut last = None;
    for _ in 0..n.max(1) {
        let (c0, t0) = (cpu(), Instant::now());
        let out = std::hint::black_box(f()?);
        walls.push(t0.elapsed());
        cpus.push(cpu().saturating_sub(c0));
        last = Some(out);
    }
    Ok((Stats::of(walls), Stats::of(cpus), last.expect("one run")))
}

/// The shell's read of every timeline row, beside the report.
const SCAN: &str = "SELECT count(*), sum(length(body)) FROM interactions";

fn session() -> Result<Session> {
    Ok(Session::with_default_template(
        Clock::parse(harness::NOW)?,
        harness::ACTOR,
    ))
}

/// The input a report reads, without the log's check: the loader alone.
fn loader_only(path: &std::path::Path, period: Window) -> Result<BookInput> {
    let session = session()?;
    let reader = Reader::open(path)?;
    reader.read(|snap| {
        let mut input = BookInput::empty(
            template_info(&session.template),
            period,
            session.now(),
            session.offset(),
        );
        let rows = snap.book_rows()?;
        snap.fill_whole_report_input(&mut input, &rows)?;
        Ok(input)
    })
}

/// The team's books: demo books of 5,000 contacts and 50,000 interactions, seeds 100….
fn team(k: usize) -> Result<Vec<PathBuf>> {
    (0..k)
        .map(|i| {
            let name: &'static str =
                Box::leak(format!("bench-team-{i:02}.sqlite").into_boxed_str());
            let spec = BookSpec {
                contacts: 5_000,
                interactions: 50_000,
                seed: 100 + i as u64,
                file_name: name,
            };
            Ok(harness::demo_book(&spec)?.path)
        })
        .collect()
}

fn run() -> Result<()> {
    let n = harness::env_usize("SALESBOOK_BENCH_REPORT_BOOKS_N", 10)?.max(1);
    let warmup = harness::env_usize("SALESBOOK_BENCH_WARMUP", 3)?;
    let team_size = harness::env_usize("SALESBOOK_BENCH_TEAM", 20)?.max(1);
    let sb = Salesbook::find()?;
    let big = harness::demo_book(&BookSpec::BIG)?;
    let books = team(team_size)?;
    println!(
        "# report and rollup on books — {} — {n} timed runs after {warmup} warm-up\n",
        harness::source_revision()
    );
    println!("- load average at the start: {}", harness::load_average());
    println!(
        "- big book: {} contacts, {} interactions, {}",
        big.contacts,
        big.interactions,
        harness::mib(big.bytes)
    );
    println!("- team: {team_size} books of 5,000 contacts and 50,000 interactions\n");

    let mut t = Table::new(&[
        "case",
        "runs",
        "wall p50 ms",
        "wall p99 ms",
        "CPU p50 ms",
        "output",
    ]);
    let mut row = |label: &str, (wall, cpu, out): (Stats, Stats, String)| {
        t.row(vec![
            label.into(),
            wall.n.to_string(),
            ms(wall.p50),
            ms(wall.p99),
            ms(cpu.p50),
            out,
        ]);
    };

    // Whole processes, as a lead runs them, a round at a time beside the sqlite3 shell on
    // the big book: `select 1` (the floor) and a read of every timeline row (what reading
    // the book's largest table costs the shell). CPU: the child's user + system time.
    let sqlite3 = harness::sqlite3_bin().context("no sqlite3 shell (or SQLITE3_BIN)")?;
    let shell = |q: &'static str| -> Box<dyn Fn() -> std::process::Command + '_> {
        let (bin, book) = (&sqlite3, &big.path);
        Box::new(move || {
            let mut c = std::process::Command::new(bin);
            c.arg("-readonly").arg(book).arg(q);
            c
        })
    };
    let rollup = |format: &'static str| -> Box<dyn Fn() -> std::process::Command + '_> {
        let books = &books;
        let sb = &sb;
        Box::new(move || {
            let mut cmd = sb.command(&books[0]);
            cmd.arg("rollup").args(books).args(["--format", format]);
            cmd
        })
    };
    let commands: Vec<Labelled> = vec![
        ("sqlite3 `select 1`, 100k book".into(), shell("select 1")),
        (format!("sqlite3 `{SCAN}`, 100k book"), shell(SCAN)),
        (
            "`report --format json`, 100k / 1M (process)".into(),
            Box::new(|| {
                let mut cmd = sb.command(&big.path);
                cmd.args(["report", "--format", "json"]);
                cmd
            }),
        ),
        (
            format!("`rollup` of {team_size} × 5k, json (process)"),
            rollup("json"),
        ),
        (
            format!("`rollup` of {team_size} × 5k, html (process)"),
            rollup("html"),
        ),
    ];
    let load0 = harness::load_average();
    let timed = measure_interleaved(warmup, n, &commands)?;
    println!(
        "- load average around the process rounds: {load0} → {}\n",
        harness::load_average()
    );
    let json: serde_json::Value = serde_json::from_slice(&timed[2].1)?;
    ensure!(
        json["book"]["contacts"] == 100_000,
        "the report counts every contact"
    );
    ensure!(
        json["book"]["verify"]["broken"].is_null(),
        "the log checks out"
    );
    let v: serde_json::Value = serde_json::from_slice(&timed[3].1)?;
    let reps = v["groups"][0]["reps"].as_array().map_or(0, Vec::len);
    ensure!(reps == team_size, "every book is a column ({reps})");
    ensure!(v["unreadable"].as_array().is_some_and(Vec::is_empty));
    let floor = timed[0].0.wall.p50;
    for ((label, _), (pt, out)) in commands.iter().zip(&timed) {
        let size = if out.len() > 1 << 20 {
            harness::mib(out.len() as u64)
        } else {
            format!("{:.1} KiB", out.len() as f64 / 1024.0)
        };
        row(
            label,
            (
                pt.wall,
                pt.cpu,
                format!(
                    "{size}; {:.1}× select 1",
                    pt.wall.p50.as_secs_f64() / floor.as_secs_f64()
                ),
            ),
        );
    }

    // The parts of `report`, in process (CPU: every thread of this process).
    // The 30 days ending the clock's day, in its zone (the demo book's rep's).
    let clock = Clock::parse(harness::NOW)?;
    let period = Period::default()
        .window(clock.now(), clock.offset())
        .expect("a day the calendar has");
    let open = || -> Result<ReadBook> { Ok(ReadBook::open(&big.path, session()?)?) };
    let (wall, cpu, v) = measure(warmup, n, process_cpu, || {
        Ok(open()?.read(|view| view.verify())?)
    })?;
    ensure!(v.ok(), "the log checks out");
    row(
        "verify (log hashed and folded, book compared)",
        (wall, cpu, format!("{} events", v.events)),
    );
    let (wall, cpu, input) = measure(warmup, n, process_cpu, || loader_only(&big.path, period))?;
    row(
        "loader alone (every table, one pass each)",
        (wall, cpu, format!("{} timeline rows", input.timeline.len())),
    );
    let (wall, cpu, input) = measure(warmup, n, process_cpu, || {
        Ok(open()?.report_input(period, Lang::Zh)?)
    })?;
    row(
        "report_input: verify + loader, overlapped",
        (wall, cpu, format!("{} contacts", input.contacts.len())),
    );
    let (wall, cpu, f) = measure(warmup, n, process_cpu, || Ok(compute(&input)))?;
    row(
        "figures",
        (
            wall,
            cpu,
            format!("{} won all time", f.all_time.funnel.won.count),
        ),
    );
    let opts = RenderOptions {
        lang: Lang::Zh,
        mask: Mask::default(),
    };
    let (wall, cpu, out) = measure(warmup, n, process_cpu, || {
        Ok(render_report(&f, Format::Json, opts))
    })?;
    row("render JSON", (wall, cpu, harness::mib(out.len() as u64)));
    println!("{}", t.render());
    println!("- load average at the end: {}", harness::load_average());
    Ok(())
}
