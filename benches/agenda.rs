//! The Today agenda over a demo book of 100,000 contacts and 1,000,000 interactions.
//!
//! `cargo bench --bench agenda`. Times the whole `salesbook agenda` process (it first
//! re-plans what time alone has changed, `Book::refresh_followups`, then reads the agenda,
//! `Book::agenda`) at the time the book was filled and one day later, then both calls in
//! process, and prints the query plans of the statements they run. Method and figures:
//! BENCHMARKS.md.
//!
//! The shared book is only read at the fill time (the benchmark fails if a run writes to
//! it); the "one day later" runs, which write, go to a scratch copy.
//!
//! Environment: `SALESBOOK_BENCH_PROC_N` (process runs per case, 50), `SALESBOOK_BENCH_N`
//! (in-process `agenda` calls, 300), `SALESBOOK_BENCH_REFRESH_N` (in-process
//! `refresh_followups` calls, 50), `SALESBOOK_BENCH_WARMUP` (untimed calls first, 20),
//! `SALESBOOK_BENCH_FIRST_N` (fresh copies for the first run one day later, 3), plus the
//! harness's (see harness/mod.rs).

mod harness;

use anyhow::{Context as _, Result, bail};
use chrono::{DateTime, FixedOffset, TimeDelta, Utc};
use harness::{BookSpec, Salesbook, Stats, Table, measure, measure_command, mib, ms};
use rusqlite::{Connection, OptionalExtension};
use salesbook::cli::output;
use salesbook::clock::Clock;
use salesbook::config::Config;
use salesbook::context::Context;
use salesbook::service::{Agenda, Book, Section};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

/// The CLI's defaults: items per section, and days of upcoming items after the day.
const LIMIT: usize = 50;
const DAYS: u32 = 3;

/// The goal's target: median of the whole `salesbook agenda` process.
const TARGET: Duration = Duration::from_millis(10);

/// The settings key the CLI stamps after planning every contact with a template
/// (`service::followups::PLANNED_WITH`).
const PLANNED_WITH: &str = "followups_planned_with";

/// The CLI's columns for a follow-up and a contact (`store::followups` and
/// `store::contacts`), for the query plans.
const FOLLOWUP_COLUMNS: &str = "id, contact_id, track, step, purchase_id, due_at, action, \
                                script, status, snoozed, score_base";
const CONTACT_COLUMNS: &str = "id, name, honorific, phone, wechat, company, source, need, \
                               budget, grade, stage, outcome, lost_reason, notes, owner, \
                               archived, created_at, updated_at, last_touch_at, stage_since, \
                               coalesce(grade_since, created_at), next_due_at";

/// One "now" the agenda is asked at.
struct Scenario {
    label: &'static str,
    /// `SALESBOOK_NOW` for the process, RFC 3339.
    now: String,
}

impl Scenario {
    fn clock(&self) -> Result<Clock> {
        Clock::parse(&self.now)
    }
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("bench agenda: error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<()> {
    let proc_n = harness::env_usize("SALESBOOK_BENCH_PROC_N", 50)?.max(1);
    let n = harness::env_usize("SALESBOOK_BENCH_N", 300)?.max(1);
    let refresh_n = harness::env_usize("SALESBOOK_BENCH_REFRESH_N", 50)?.max(1);
    let warmup = harness::env_usize("SALESBOOK_BENCH_WARMUP", 20)?;
    let first_n = harness::env_usize("SALESBOOK_BENCH_FIRST_N", 3)?.max(1);

    let book = harness::demo_book(&BookSpec::BIG)?;
    let shared = book.path.clone();
    println!("## Book\n");
    println!("- path: {}", shared.display());
    println!(
        "- {} contacts, {} interactions, {} on disk",
        book.contacts,
        book.interactions,
        mib(book.bytes)
    );
    println!("- source: {}", harness::source_revision());
    println!("- load average at the start: {}", harness::load_average());
    match book.fill {
        Some(d) => println!("- made by this run in {:.1} s", d.as_secs_f64()),
        None => println!("- reused (SALESBOOK_BENCH_REBUILD=1 makes it again and times the fill)"),
    }

    // The follow-ups were planned when the book was filled: ask the agenda at that time.
    let filled = fill_time(&shared)?;
    let pinned = Clock::parse(harness::NOW)?;
    if filled != pinned.now() {
        bail!(
            "the book was filled at {filled}, but the harness pins the clock at {} \
             (remake it with SALESBOOK_BENCH_REBUILD=1)",
            harness::NOW
        );
    }
    let offset = pinned.offset();
    let at_fill = Scenario {
        label: "fill time",
        now: harness::NOW.to_string(),
    };
    let day_later = Scenario {
        label: "+1 day",
        now: rfc3339(filled + TimeDelta::days(1), offset),
    };
    println!(
        "- filled at {} (the `demo.fill` event); runs pin SALESBOOK_NOW to that, or to {} \
         for one day later",
        at_fill.now, day_later.now
    );

    // The runs bring the pages they read into the OS cache themselves (see `uncache`).
    settle(&shared)?;
    uncache(&shared)?;
    let sb = Salesbook::find()?;
    let scratch = harness::target_dir().join("bench-agenda-scratch.sqlite");

    // A book filled without the planning stamp (by an older harness, or another book given
    // as SALESBOOK_BENCH_DB) is re-planned in full by the first CLI command that opens it.
    // Do that once here, outside the figures.
    if setting(&shared, PLANNED_WITH)?.is_none() {
        let (stats, _) = measure_command(0, 1, || {
            agenda_command(&sb, &shared, &at_fill, &["--format", "json"])
        })?;
        println!(
            "- the book had no `{PLANNED_WITH}` stamp: the first command on it re-planned \
             every contact, in {} ms (once per book, not part of the figures below)",
            ms(stats.p50)
        );
    }

    // Shared book, at the fill time: read only, checked by the activity log.
    let before = last_event(&shared)?;
    let mut content = Table::new(&[
        "now",
        "date",
        "section",
        "open in section",
        "shown (JSON items)",
        "first item shown",
    ]);
    let json_fill = agenda_json(&sb, &shared, &at_fill)?;
    let agenda_fill = agenda_in_process(&shared, &at_fill)?;
    content_rows(&mut content, &at_fill, &agenda_fill, &json_fill)?;

    let mut procs = Table::new(&[
        "case",
        "now",
        "items",
        "p50 ms",
        "p99 ms",
        "max ms",
        "p50 target",
        "verdict",
    ]);
    let (floor, _) = measure_command(3, proc_n, || {
        let mut cmd = Command::new(&sb.bin);
        cmd.arg("--version");
        cmd
    })?;
    procs.row(process_row(
        "salesbook --version (floor)",
        "-",
        None,
        &floor,
        false,
    ));
    let cases: [(&str, &[&str]); 3] = [
        ("agenda --format json", &["--format", "json"]),
        ("agenda --format table", &["--format", "table"]),
        (
            "agenda --explain --format json",
            &["--explain", "--format", "json"],
        ),
    ];
    let mut json_fill_stats = None;
    for (label, args) in cases {
        let (stats, stdout) =
            measure_command(3, proc_n, || agenda_command(&sb, &shared, &at_fill, args))?;
        let items = if args.contains(&"json") {
            let items = json_items(&stdout)?.len();
            if items == 0 {
                bail!("`salesbook {label}` printed an empty agenda");
            }
            Some(items)
        } else if stdout.is_empty() {
            bail!("`salesbook {label}` printed nothing");
        } else {
            None
        };
        procs.row(process_row(label, at_fill.label, items, &stats, true));
        if args == ["--format", "json"] {
            json_fill_stats = Some(stats);
        }
    }
    let json_fill_stats = json_fill_stats.expect("the JSON case ran");
    let pieces_fill = pieces(&shared, &at_fill, proc_n)?;
    if last_event(&shared)? != before {
        bail!(
            "`salesbook agenda` at the fill time wrote to the shared book (its activity log \
             grew): the runs did more than read, and the book is no longer the filled one"
        );
    }

    // One day later, on scratch copies: the first run catches up, later runs find nothing
    // new to re-plan.
    let mut firsts = Vec::new();
    let mut refreshed = Vec::new();
    for _ in 0..first_n {
        copy_book(&shared, &scratch)?;
        let before = last_event(&scratch)?;
        let (stats, stdout) = measure_command(0, 1, || {
            agenda_command(&sb, &scratch, &day_later, &["--format", "json"])
        })?;
        if json_items(&stdout)?.is_empty() {
            bail!("`salesbook agenda` one day later printed an empty agenda");
        }
        firsts.push(stats.p50);
        refreshed.push(refresh_count(&scratch, before)?);
    }
    let first = Stats::of(firsts.clone());
    let caught_up = last_event(&scratch)?;
    // Caught up: from here the copy is cached the way the shared book is.
    settle(&scratch)?;
    uncache(&scratch)?;
    let (steady, stdout) = measure_command(3, proc_n, || {
        agenda_command(&sb, &scratch, &day_later, &["--format", "json"])
    })?;
    if last_event(&scratch)? != caught_up {
        bail!("after catching up, `salesbook agenda` one day later still writes on every run");
    }
    let agenda_later = agenda_in_process(&scratch, &day_later)?;
    content_rows(&mut content, &day_later, &agenda_later, &stdout)?;
    procs.row(process_row(
        &format!(
            "agenda --format json, first run (fresh copies: {} ms)",
            firsts.iter().map(|d| ms(*d)).collect::<Vec<_>>().join(", ")
        ),
        day_later.label,
        None,
        &first,
        true,
    ));
    procs.row(process_row(
        "agenda --format json, caught up",
        day_later.label,
        Some(json_items(&stdout)?.len()),
        &steady,
        true,
    ));

    // In process: the two calls the command makes, each alone.
    let mut calls = Table::new(&[
        "call",
        "now",
        "result",
        "p50 ms",
        "p99 ms",
        "max ms",
        "p50 CPU ms",
    ]);
    for (scenario, path) in [(&at_fill, &shared), (&day_later, &scratch)] {
        let book = Book::open_read_only(path, scenario.clock()?, harness::ACTOR)?;
        let date = book.clock().local(book.now()).date_naive();
        // `agenda_items` (no section totals) serves JSON and CSV, `agenda` the table.
        let (timing, agenda) = measure(warmup, n, || book.agenda_items(date, DAYS, LIMIT))?;
        calls.row(call_row(
            "agenda_items (JSON, CSV)",
            scenario.label,
            items_shown(&agenda, scenario)?,
            timing,
        ));
        let (timing, agenda) = measure(warmup, n, || book.agenda(date, DAYS, LIMIT))?;
        calls.row(call_row(
            "agenda (table: with totals)",
            scenario.label,
            items_shown(&agenda, scenario)?,
            timing,
        ));
    }
    // refresh_followups does nothing on a read-only book: time it on a fresh scratch copy,
    // at the fill time (up to date), then one day later (the first call catches up).
    copy_book(&shared, &scratch)?;
    let mut candidates = Vec::new();
    for scenario in [&at_fill, &day_later] {
        let mut book = Book::open(&scratch, scenario.clock()?, harness::ACTOR)?;
        let (catch_up, replanned) = measure(0, 1, || book.refresh_followups())?;
        if scenario.label == at_fill.label && replanned != 0 {
            bail!(
                "refresh_followups at the fill time re-planned {replanned} contacts: \
                 the book was not up to date"
            );
        }
        if replanned != 0 {
            calls.row(call_row(
                "refresh_followups, first call",
                scenario.label,
                format!("{replanned} re-planned"),
                catch_up,
            ));
        }
        let (timing, replanned) = measure(warmup, refresh_n, || book.refresh_followups())?;
        if replanned != 0 {
            bail!(
                "refresh_followups at {} still re-plans {replanned} contacts on every call",
                scenario.now
            );
        }
        candidates.push((scenario.label, stale_plans(&scratch, book.now())?));
        calls.row(call_row(
            "refresh_followups, up to date",
            scenario.label,
            "0 re-planned".into(),
            timing,
        ));
    }
    remove_book(&scratch)?;

    println!("\n## What the agenda holds (`agenda --date TODAY --days {DAYS} --limit {LIMIT}`)\n");
    print!("{}", content.render());
    println!(
        "\nOne day later the first run re-planned {} contacts ({}): what time alone changed.",
        refreshed
            .iter()
            .map(|r| r.to_string())
            .collect::<Vec<_>>()
            .join(", "),
        if refreshed.windows(2).all(|w| w[0] == w[1]) {
            "the same on every fresh copy"
        } else {
            "NOT the same on every fresh copy"
        }
    );
    println!(
        "\n## Whole process: `salesbook --db BOOK agenda …`, 3 warm-up + {proc_n} timed runs \
         each (first run one day later: 1 run on each of {first_n} fresh copies)\n\n\
         binary: {}\n\n\
         Page cache: each book is flushed and dropped from the OS page cache before its runs, \
         so the warm-ups bring in what the command reads. The first runs one day later go to \
         a fresh copy, flushed but still fully cached.\n",
        sb.bin.display()
    );
    print!("{}", procs.render());
    println!(
        "\n## One `agenda --format json` piece by piece, at the fill time: the command's steps \
         in this process, each run on a freshly opened book (cold SQLite cache, as in a new \
         process), 3 warm-up + {proc_n} runs\n"
    );
    let mut t = Table::new(&["piece", "p50 ms", "p99 ms"]);
    let mut sum = floor.p50;
    t.row(vec![
        "process start and exit (`--version`, above)".into(),
        ms(floor.p50),
        ms(floor.p99),
    ]);
    for (label, stats, counted) in &pieces_fill {
        if *counted {
            sum += stats.p50;
        }
        t.row(vec![label.to_string(), ms(stats.p50), ms(stats.p99)]);
    }
    t.row(vec![
        "sum of the p50s (the indented rows are inside `agenda_items`)".into(),
        ms(sum),
        "-".into(),
    ]);
    t.row(vec![
        "the whole process, measured (`agenda --format json`, above)".into(),
        ms(json_fill_stats.p50),
        "-".into(),
    ]);
    print!("{}", t.render());
    println!(
        "\n## In process: `Book::agenda_items` and `Book::agenda(date, {DAYS}, {LIMIT})` on a \
         read-only book, {warmup} warm-up + {n} timed calls; `Book::refresh_followups()` on a read-write \
         scratch copy, {warmup} warm-up + {refresh_n} timed calls\n"
    );
    print!("{}", calls.render());
    println!(
        "\nStale plans left after the calls (contacts with `replan_at` <= now): {}.",
        candidates
            .iter()
            .map(|(l, c)| format!("{c} at {l}"))
            .collect::<Vec<_>>()
            .join(", ")
    );

    println!("\n## Query plans (EXPLAIN QUERY PLAN, statements copied from src/store)\n");
    print_plans(&shared, &at_fill)?;

    println!("load average at the end: {}", harness::load_average());
    Ok(())
}

/// The moments `Book::agenda` reads between, as it computes them.
struct Bounds {
    now: DateTime<Utc>,
    cut: DateTime<Utc>,
    day_end: DateTime<Utc>,
    horizon: DateTime<Utc>,
    forever: DateTime<Utc>,
}

fn bounds(book: &Book) -> Result<Bounds> {
    let now = book.now();
    let date = book.clock().local(now).date_naive();
    let day_start = date
        .and_hms_opt(0, 0, 0)
        .and_then(|d| d.and_local_timezone(book.clock().offset()).single())
        .map(|d| d.with_timezone(&Utc))
        .ok_or_else(|| anyhow::anyhow!("no midnight on {date}"))?;
    let day_end = day_start + TimeDelta::days(1);
    Ok(Bounds {
        now,
        cut: now.clamp(day_start, day_end),
        day_end,
        horizon: day_end + TimeDelta::days(DAYS as i64),
        forever: now + TimeDelta::days(365 * 100),
    })
}

/// What one `agenda --format json` process does after it starts, timed step by step in
/// this process, each run on a freshly opened book; then the section reads alone, on
/// another fresh book, to tell the indexed reads from the per-item work. Rows: label,
/// timings, and whether the row adds up into the process (not a part of another row).
fn pieces(
    path: &Path,
    scenario: &Scenario,
    runs: usize,
) -> Result<Vec<(&'static str, Stats, bool)>> {
    let ctx = Context {
        config: Config::default(),
        clock: scenario.clock()?,
        db_path: path.to_path_buf(),
        config_dir: harness::target_dir().join("bench-home").join("config"),
        template: None,
    };
    let labels: [(&str, bool); 8] = [
        (
            "open: `Context::open_book` (store, template, planned-with stamp)",
            true,
        ),
        ("`refresh_followups` (nothing stale)", true),
        ("`agenda_items(date, 3, 50)`", true),
        (
            "  its four section reads alone (indexed, 70 rows each at most)",
            false,
        ),
        (
            "  the rest: per item, contact and tags, urgency, reactivation touches",
            false,
        ),
        (
            "JSON: built as `print_agenda` does, `to_string_pretty`",
            true,
        ),
        (
            "JSON: written (to /dev/null here, a pipe in the process runs)",
            true,
        ),
        (
            "close: drop the book (connection, WAL and shm files, mmap)",
            true,
        ),
    ];
    let mut samples: Vec<Vec<Duration>> = vec![Vec::new(); labels.len()];
    let mut sink = std::fs::OpenOptions::new().write(true).open("/dev/null")?;
    for run in 0..runs + 3 {
        let mut t = Instant::now();
        let mut lap = || {
            let d = t.elapsed();
            t = Instant::now();
            d
        };
        let mut book = ctx.open_book()?;
        let open = lap();
        let replanned = book.refresh_followups()?;
        let refresh = lap();
        let date = book.clock().local(book.now()).date_naive();
        let agenda = book.agenda_items(date, DAYS, LIMIT)?;
        let items = lap();
        let text = json_text(&book, &agenda)?;
        let json = lap();
        writeln!(sink, "{text}")?;
        let write = lap();
        drop(book);
        let close = lap();
        if replanned != 0 {
            bail!("refresh_followups re-planned {replanned} contacts in a timed run");
        }
        let book = Book::open_read_only(path, scenario.clock()?, harness::ACTOR)?;
        let b = bounds(&book)?;
        let store = book.store();
        let window = LIMIT + 20; // the limit plus `RANK_MARGIN`
        let t = Instant::now();
        let mut rows = store
            .open_followups_by_urgency(b.forever, true, window)?
            .len();
        rows += store.open_followups_by_urgency(b.cut, false, window)?.len();
        rows += store
            .open_followups_between_by_urgency(b.cut, b.day_end, window)?
            .len();
        rows += store
            .open_followups_between_by_urgency(b.day_end, b.horizon, window)?
            .len();
        let reads = t.elapsed();
        std::hint::black_box(rows);
        if run >= 3 {
            let rest = items.saturating_sub(reads);
            for (i, d) in [open, refresh, items, reads, rest, json, write, close]
                .into_iter()
                .enumerate()
            {
                samples[i].push(d);
            }
        }
    }
    Ok(labels
        .into_iter()
        .zip(samples)
        .map(|((label, counted), v)| (label, Stats::of(v), counted))
        .collect())
}

/// The JSON `salesbook agenda --format json` prints (`cli::agenda::print_agenda`).
fn json_text(book: &Book, agenda: &Agenda) -> Result<String> {
    let clock = book.clock();
    let v: Vec<serde_json::Value> = agenda
        .sections
        .iter()
        .flat_map(|(_, items)| items)
        .map(|i| {
            serde_json::json!({
                "followup_id": i.followup_id,
                "contact_id": i.contact_id,
                "contact_name": i.contact_name,
                "stage": i.stage,
                "grade": i.grade,
                "due": output::rfc3339(clock, i.due),
                "section": i.section.key(),
                "track": i.track.key(),
                "action": i.action,
                "script": i.script,
                "urgency": i.urgency,
                "waiting_minutes": i.waiting_minutes,
                "over_cap": i.over_cap,
            })
        })
        .collect();
    Ok(serde_json::to_string_pretty(&v)?)
}

fn rfc3339(t: DateTime<Utc>, offset: FixedOffset) -> String {
    t.with_timezone(&offset).to_rfc3339()
}

/// `salesbook --db BOOK agenda ARGS` with the clock pinned to the scenario's now.
fn agenda_command(sb: &Salesbook, book: &Path, scenario: &Scenario, args: &[&str]) -> Command {
    let mut cmd = sb.command(book);
    cmd.env("SALESBOOK_NOW", &scenario.now)
        .arg("agenda")
        .args(args);
    cmd
}

/// One untimed `agenda --format json`, its stdout.
fn agenda_json(sb: &Salesbook, book: &Path, scenario: &Scenario) -> Result<Vec<u8>> {
    let (_, stdout) = measure_command(0, 1, || {
        agenda_command(sb, book, scenario, &["--format", "json"])
    })?;
    Ok(stdout)
}

fn json_items(stdout: &[u8]) -> Result<Vec<serde_json::Value>> {
    let v: serde_json::Value =
        serde_json::from_slice(stdout).context("`agenda --format json` printed no JSON")?;
    match v {
        serde_json::Value::Array(items) => Ok(items),
        other => bail!("`agenda --format json` printed {other}, not an array"),
    }
}

/// The agenda in process, for the sections' totals (the JSON shows only the first items).
fn agenda_in_process(path: &Path, scenario: &Scenario) -> Result<Agenda> {
    let book = Book::open_read_only(path, scenario.clock()?, harness::ACTOR)?;
    let date = book.clock().local(book.now()).date_naive();
    book.agenda(date, DAYS, LIMIT)
}

fn content_rows(t: &mut Table, scenario: &Scenario, agenda: &Agenda, stdout: &[u8]) -> Result<()> {
    let items = json_items(stdout)?;
    if items.is_empty() {
        bail!(
            "the agenda at {} is empty: its timings would measure nothing",
            scenario.now
        );
    }
    for section in Section::ALL {
        let in_json: Vec<&serde_json::Value> = items
            .iter()
            .filter(|i| i["section"] == section.key())
            .collect();
        let total = agenda
            .totals
            .iter()
            .find(|(s, _)| *s == section)
            .map_or(0, |(_, n)| *n);
        let first = in_json.first().map_or("-".into(), |i| {
            format!(
                "{} · {} · {} (urgency {})",
                i["contact_name"].as_str().unwrap_or("?"),
                i["track"].as_str().unwrap_or("?"),
                i["action"].as_str().unwrap_or("?"),
                i["urgency"]
            )
        });
        t.row(vec![
            scenario.label.into(),
            agenda.date.to_string(),
            section.key().into(),
            total.to_string(),
            in_json.len().to_string(),
            first,
        ]);
    }
    Ok(())
}

/// "200 items", or an error if the agenda is empty.
fn items_shown(agenda: &Agenda, scenario: &Scenario) -> Result<String> {
    let shown: usize = agenda.sections.iter().map(|(_, v)| v.len()).sum();
    if shown == 0 {
        bail!("the agenda at {} has no items", scenario.now);
    }
    Ok(format!("{shown} items"))
}

fn process_row(
    label: &str,
    now: &str,
    items: Option<usize>,
    s: &Stats,
    target: bool,
) -> Vec<String> {
    vec![
        label.into(),
        now.into(),
        items.map_or("-".into(), |n| n.to_string()),
        ms(s.p50),
        ms(s.p99),
        ms(s.max),
        if target {
            format!("≤ {} ms", TARGET.as_millis())
        } else {
            "-".into()
        },
        match (target, s.p50 <= TARGET) {
            (false, _) => "-".into(),
            (true, true) => "ok".into(),
            (true, false) => "MISSED".into(),
        },
    ]
}

fn call_row(call: &str, now: &str, result: String, t: harness::Timing) -> Vec<String> {
    vec![
        call.into(),
        now.into(),
        result,
        ms(t.wall.p50),
        ms(t.wall.p99),
        ms(t.wall.max),
        t.cpu.map_or("-".into(), |s| ms(s.p50)),
    ]
}

/// When the book was filled: the time of its `demo.fill` event.
fn fill_time(path: &Path) -> Result<DateTime<Utc>> {
    let at: i64 = harness::open_sql(path)?
        .query_row(
            "SELECT at FROM events WHERE action = 'demo.fill' ORDER BY id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .optional()?
        .ok_or_else(|| anyhow::anyhow!("{} has no demo.fill event", path.display()))?;
    DateTime::from_timestamp(at, 0).ok_or_else(|| anyhow::anyhow!("bad fill time {at}"))
}

fn setting(path: &Path, key: &str) -> Result<Option<String>> {
    Ok(harness::open_sql(path)?
        .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
            r.get(0)
        })
        .optional()?)
}

/// The newest activity-log entry: every write through the book appends one.
fn last_event(path: &Path) -> Result<i64> {
    Ok(harness::open_sql(path)?
        .query_row("SELECT coalesce(max(id), 0) FROM events", [], |r| r.get(0))?)
}

/// How many contacts the `followups.refresh` writes after event `after` re-planned.
fn refresh_count(path: &Path, after: i64) -> Result<usize> {
    let db = harness::open_sql(path)?;
    let mut stmt = db.prepare(
        "SELECT detail FROM events WHERE id > ?1 AND action = 'followups.refresh' ORDER BY id",
    )?;
    let mut n = 0;
    for detail in stmt.query_map([after], |r| r.get::<_, String>(0))? {
        // A count, or (older builds) the list of contact ids.
        let v: serde_json::Value = serde_json::from_str(&detail?)?;
        n += match &v["contacts"] {
            serde_json::Value::Array(ids) => ids.len(),
            other => other.as_u64().unwrap_or(0) as usize,
        };
    }
    Ok(n)
}

/// The contacts whose plan time alone has made stale by `now`: what `refresh_followups`
/// re-plans (`Store::contacts_to_replan`).
fn stale_plans(path: &Path, now: DateTime<Utc>) -> Result<i64> {
    Ok(harness::open_sql(path)?.query_row(
        "SELECT count(*) FROM contacts WHERE replan_at IS NOT NULL AND replan_at <= ?1",
        [now.timestamp()],
        |r| r.get(0),
    )?)
}

fn sidecars(path: &Path) -> [PathBuf; 3] {
    let with = |suffix: &str| {
        let mut s = path.as_os_str().to_owned();
        s.push(suffix);
        PathBuf::from(s)
    };
    [path.to_path_buf(), with("-wal"), with("-shm")]
}

fn remove_book(path: &Path) -> Result<()> {
    for p in sidecars(path) {
        match std::fs::remove_file(&p) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                return Err(e).with_context(|| format!("cannot remove {}", p.display()));
            }
            _ => {}
        }
    }
    Ok(())
}

/// Copies a closed book (and any WAL beside it) to `to`, replacing what was there, and
/// flushes the copy to disk: otherwise the first fsync SQLite makes in it (the checkpoint
/// after a write) also pays for writing out the whole 300 MB copy.
fn copy_book(from: &Path, to: &Path) -> Result<()> {
    remove_book(to)?;
    let [db, wal, _] = sidecars(from);
    let [to_db, to_wal, _] = sidecars(to);
    std::fs::copy(&db, &to_db)
        .with_context(|| format!("cannot copy {} to {}", db.display(), to_db.display()))?;
    if wal.exists() {
        std::fs::copy(&wal, &to_wal)
            .with_context(|| format!("cannot copy {} to {}", wal.display(), to_wal.display()))?;
    }
    settle(to)
}

/// Drops the book's (clean: `settle` first) pages from the OS page cache, so the warm-up
/// runs bring in what the command reads, as it reads it: the state of a book in use. With
/// mmap the state matters: the same runs take several ms less on a file that was read or
/// written sequentially (as a fresh copy is) than on one whose pages came in one by one.
fn uncache(path: &Path) -> Result<()> {
    use std::os::fd::AsRawFd;
    for p in sidecars(path).into_iter().take(2).filter(|p| p.exists()) {
        let f = std::fs::File::open(&p).with_context(|| format!("cannot open {}", p.display()))?;
        // SAFETY: a valid open descriptor; advice only, on the whole file.
        let rc = unsafe { libc::posix_fadvise(f.as_raw_fd(), 0, 0, libc::POSIX_FADV_DONTNEED) };
        if rc != 0 {
            bail!("posix_fadvise on {} failed ({rc})", p.display());
        }
    }
    Ok(())
}

/// Writes out the book's dirty pages (a fresh fill or copy), so that timed runs do not share
/// the disk with their writeback.
fn settle(path: &Path) -> Result<()> {
    for p in sidecars(path).into_iter().take(2).filter(|p| p.exists()) {
        std::fs::File::open(&p)
            .and_then(|f| f.sync_all())
            .with_context(|| format!("cannot flush {}", p.display()))?;
    }
    Ok(())
}

/// The query plans of what `salesbook agenda` runs, with the values it binds at `scenario`.
fn print_plans(path: &Path, scenario: &Scenario) -> Result<()> {
    let db = harness::open_sql(path)?;
    let book = Book::open_read_only(path, scenario.clock()?, harness::ACTOR)?;
    let Bounds {
        now,
        cut,
        day_end,
        horizon,
        forever,
    } = bounds(&book)?;
    let window = (LIMIT + 20) as i64; // the limit plus `RANK_MARGIN`
    let t = |d: DateTime<Utc>| d.timestamp();
    let by_urgency = |filter: &str| {
        format!(
            "SELECT {FOLLOWUP_COLUMNS} FROM followups WHERE status = 'open' AND {filter} \
             AND +due_at < ?1 ORDER BY score_base DESC, due_at, id LIMIT ?2"
        )
    };
    let between = format!(
        "SELECT {FOLLOWUP_COLUMNS} FROM followups WHERE id IN (SELECT id FROM followups \
         WHERE status = 'open' AND due_at >= ?1 AND due_at < ?2 \
         AND track != 'first_response' ORDER BY score_base DESC, due_at, id LIMIT ?3) \
         ORDER BY score_base DESC, due_at, id"
    );
    let count = |filter: &str| {
        format!(
            "SELECT count(*) FROM followups WHERE status = 'open' AND {filter} \
             AND due_at >= ?1 AND due_at < ?2"
        )
    };
    // A contact with a reactivation item, for the per-item statements.
    let contact_id: i64 = db.query_row(
        "SELECT contact_id FROM followups WHERE status = 'open' \
         ORDER BY track = 'reactivation' DESC, id LIMIT 1",
        [],
        |r| r.get(0),
    )?;
    type Params = Vec<Box<dyn rusqlite::ToSql>>;
    let p = |v: Vec<i64>| -> Params {
        v.into_iter()
            .map(|x| Box::new(x) as Box<dyn rusqlite::ToSql>)
            .collect()
    };
    let statements: Vec<(&str, String, Params)> = vec![
        (
            "refresh: stale plans (contacts_to_replan)",
            "SELECT id FROM contacts WHERE replan_at IS NOT NULL AND replan_at <= ?1 ORDER BY id"
                .into(),
            p(vec![t(now)]),
        ),
        (
            "new leads (open_followups_by_urgency, first replies)",
            by_urgency("track = 'first_response'"),
            p(vec![t(forever), window]),
        ),
        (
            "overdue (open_followups_by_urgency)",
            by_urgency("track != 'first_response'"),
            p(vec![t(cut), window]),
        ),
        (
            "today, and upcoming as here (open_followups_between_by_urgency)",
            between,
            p(vec![t(day_end), t(horizon), window]),
        ),
        (
            "per item: the contact (get_contact)",
            format!("SELECT {CONTACT_COLUMNS} FROM contacts WHERE id = ?1"),
            p(vec![contact_id]),
        ),
        (
            "per item: its tags (get_contact)",
            "SELECT t.grp, t.name FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id \
             WHERE ct.contact_id = ?1 ORDER BY t.grp, t.name"
                .into(),
            p(vec![contact_id]),
        ),
        (
            "per reactivation item: touches in the last 30 days (touches_between)",
            "SELECT at FROM interactions WHERE contact_id = ?1 AND at > ?2 AND at <= ?3 \
             AND kind IN ('message', 'call', 'meeting', 'script_sent', 'followup_done') \
             ORDER BY at"
                .into(),
            p(vec![contact_id, t(now - TimeDelta::days(30)), t(now)]),
        ),
        (
            "table only: new leads total (count_open)",
            count("track = 'first_response'"),
            p(vec![i64::MIN, t(forever)]),
        ),
        (
            "table only: overdue, today, upcoming totals (count_open), as overdue here",
            count("track != 'first_response'"),
            p(vec![i64::MIN, t(cut)]),
        ),
    ];
    for (label, sql, params) in &statements {
        println!("**{label}**\n\n```\n{}", one_line(sql));
        for line in plan(&db, sql, params)? {
            println!("  {line}");
        }
        println!("```\n");
    }
    Ok(())
}

fn one_line(sql: &str) -> String {
    sql.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// EXPLAIN QUERY PLAN as indented lines.
fn plan(db: &Connection, sql: &str, params: &[Box<dyn rusqlite::ToSql>]) -> Result<Vec<String>> {
    let mut stmt = db.prepare(&format!("EXPLAIN QUERY PLAN {sql}"))?;
    let rows = stmt
        .query_map(rusqlite::params_from_iter(params.iter()), |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(3)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut depth: Vec<(i64, usize)> = Vec::new();
    let mut out = Vec::new();
    for (id, parent, detail) in rows {
        let d = depth
            .iter()
            .find(|(i, _)| *i == parent)
            .map_or(0, |(_, d)| d + 1);
        depth.push((id, d));
        out.push(format!("{}{detail}", "  ".repeat(d)));
    }
    Ok(out)
}
