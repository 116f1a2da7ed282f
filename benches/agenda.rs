//! `cargo bench --bench agenda`: the agenda, the writes a rep makes all day, and `verify`,
//! timed as a user waits for them (whole process, spawn to exit) on demo books of 1,000,
//! 10,000 and 100,000 contacts, next to the sqlite3 shell answering on the same file. Every
//! table's commands run interleaved, a round at a time, so load on a shared machine falls
//! on salesbook and the shell alike: their ratio is what a busy machine leaves intact.
//!
//! Knobs: `SALESBOOK_BENCH_SIZES` (`1k,10k,100k`), `SALESBOOK_BENCH_N` (timed rounds, 30),
//! `SALESBOOK_BENCH_WARMUP` (untimed rounds first, 3), `SALESBOOK_BENCH_VERIFY_N` (timed
//! `verify` runs, 5), `SALESBOOK_BIN`, `SQLITE3_BIN`. Prints Markdown for BENCHMARKS.md.

mod harness;

use anyhow::{Context, Result, bail, ensure};
use harness::{
    BookSpec, Labelled, ProcessTiming, Salesbook, Table, measure_interleaved, ms, remove_book,
};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Duration;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("bench agenda: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// "Now" one day and one week after the books were filled: plans must not need any
/// catching up then (they hold what time alone changes).
const DAY_LATER: &str = "2026-11-24T09:00:00+08:00";
const WEEK_LATER: &str = "2026-11-30T09:00:00+08:00";

/// The shell's indexed read beside the agenda: the 50 most urgent open follow-ups.
const INDEXED: &str = "SELECT id, contact_id, due_at FROM followups WHERE status = 'open' \
                       ORDER BY score_base DESC LIMIT 50";

/// The shell's write beside `add`, `log` and `move`: one row into an indexed table.
const INSERT: &str = "INSERT INTO interactions (contact_id, at, kind, body) \
                      VALUES (1, 1800000000, 'note', 'bench')";

fn run() -> Result<()> {
    let n = harness::env_usize("SALESBOOK_BENCH_N", 30)?.max(1);
    let warmup = harness::env_usize("SALESBOOK_BENCH_WARMUP", 3)?;
    let verify_n = harness::env_usize("SALESBOOK_BENCH_VERIFY_N", 5)?.max(1);
    let sb = Salesbook::find()?;
    let Some(sqlite3) = harness::sqlite3_bin() else {
        bail!("no sqlite3 shell on the PATH (or SQLITE3_BIN): it is the yardstick");
    };
    println!(
        "# agenda, writes, verify — {} — load {} at the start — {n} timed rounds after \
         {warmup} warm-up\n",
        harness::source_revision(),
        harness::load_average()
    );
    let mut reads = Table::new(&[
        "book",
        "sqlite3 `select 1`",
        "sqlite3 indexed",
        "agenda json",
        "× select 1",
        "CPU ms (× select 1)",
        "+1 day: first, p50 (× today)",
        "+1 week: first, p50 (× today)",
        "verify (CPU)",
        "load",
    ]);
    let mut writes = Table::new(&[
        "book",
        "sqlite3 insert",
        "add",
        "log",
        "move",
        "worst × insert",
        "CPU: insert, add, log, move",
        "load",
    ]);
    for spec in BookSpec::chosen() {
        let book = harness::demo_book(&spec)?;
        if let Some(fill) = book.fill {
            eprintln!("bench: made {} in {}", spec.label(), ms(fill));
        }
        reads.row(read_row(
            &sb, &sqlite3, &spec, &book.path, warmup, n, verify_n,
        )?);
        writes.row(write_row(&sb, &sqlite3, &spec, &book.path, warmup, n)?);
    }
    println!(
        "## Agenda and verify (p50; ratios to the shell's `select 1`, later days to today; \
         load: 1-minute average before and after)\n"
    );
    println!("{}", reads.render());
    println!("## One write, whole process (p50; on scratch copies of the book)\n");
    println!("{}", writes.render());
    println!("- load average at the end: {}", harness::load_average());
    Ok(())
}

fn sql(bin: &Path, book: &Path, q: &str) -> Command {
    let mut c = Command::new(bin);
    c.arg("-readonly").arg(book).arg(q);
    c
}

fn ratio(x: Duration, base: Duration) -> String {
    if base.is_zero() {
        return "—".into();
    }
    format!("{:.1}×", x.as_secs_f64() / base.as_secs_f64())
}

fn load1() -> String {
    harness::load_average()
        .split_whitespace()
        .next()
        .unwrap_or("?")
        .to_string()
}

/// Rows in the book's append-only log: every write adds one.
fn events(path: &Path) -> Result<i64> {
    Ok(harness::open_sql(path)?.query_row("SELECT count(*) FROM events", [], |r| r.get(0))?)
}

fn read_row(
    sb: &Salesbook,
    sqlite3: &Path,
    spec: &BookSpec,
    path: &Path,
    warmup: usize,
    n: usize,
    verify_n: usize,
) -> Result<Vec<String>> {
    let load0 = load1();
    let logged = events(path)?;
    let agenda = |now: &'static str| -> Box<dyn Fn() -> Command + '_> {
        Box::new(move || {
            let mut c = sb.command_at(path, now);
            c.args(["agenda", "--format", "json"]);
            c
        })
    };
    let commands: Vec<Labelled> = vec![
        (
            "select 1".into(),
            Box::new(|| sql(sqlite3, path, "select 1")),
        ),
        ("indexed".into(), Box::new(|| sql(sqlite3, path, INDEXED))),
        ("agenda".into(), agenda(harness::NOW)),
        ("agenda +1 day".into(), agenda(DAY_LATER)),
        ("agenda +1 week".into(), agenda(WEEK_LATER)),
    ];
    let t = measure_interleaved(warmup, n, &commands)?;
    // The first run at a later clock must not catch anything up: with the log unchanged,
    // it did the same reads as every later run (what the "first" column shows is load).
    ensure!(
        events(path)? == logged,
        "an agenda at a later clock wrote to the book"
    );
    for (i, (_, out)) in t.iter().enumerate().skip(2) {
        let v: serde_json::Value = serde_json::from_slice(out)?;
        let items = v.as_array().map_or(0, Vec::len);
        ensure!(items > 0, "{} printed an empty agenda", commands[i].0);
    }
    let (floor, today) = (&t[0].0, &t[2].0);
    let later = |p: &ProcessTiming| {
        format!(
            "{}, {} ({})",
            ms(p.first),
            ms(p.wall.p50),
            ratio(p.wall.p50, today.wall.p50)
        )
    };
    let verify: Vec<Labelled> = vec![(
        "verify".into(),
        Box::new(|| {
            let mut c = sb.command(path);
            c.arg("verify");
            c
        }),
    )];
    let v = &measure_interleaved(1, verify_n, &verify)?[0].0;
    Ok(vec![
        spec.label(),
        ms(floor.wall.p50),
        ms(t[1].0.wall.p50),
        ms(today.wall.p50),
        ratio(today.wall.p50, floor.wall.p50),
        format!(
            "{} ({})",
            ms(today.cpu.p50),
            ratio(today.cpu.p50, floor.cpu.p50)
        ),
        later(&t[3].0),
        later(&t[4].0),
        format!("{} ({})", ms(v.wall.p50), ms(v.cpu.p50)),
        format!("{load0} → {}", load1()),
    ])
}

fn scratch_copy(book: &Path, name: String) -> Result<PathBuf> {
    let copy = harness::target_dir().join(name);
    remove_book(&copy)?;
    std::fs::copy(book, &copy).context("cannot copy the book")?;
    Ok(copy)
}

/// `add`, `log`, `move` on a copy of the book (each run changes it), interleaved with the
/// shell's own indexed insert on another copy; both copies are removed afterwards.
fn write_row(
    sb: &Salesbook,
    sqlite3: &Path,
    spec: &BookSpec,
    path: &Path,
    warmup: usize,
    n: usize,
) -> Result<Vec<String>> {
    let scratch = scratch_copy(path, format!("bench-writes-{}.sqlite", spec.label()))?;
    let copy = scratch_copy(path, format!("bench-sql-{}.sqlite", spec.label()))?;
    // An open contact in 挖需求, moved back and forth: every run is a real change.
    let id: i64 = harness::open_sql(&scratch)?.query_row(
        "SELECT id FROM contacts WHERE outcome = 'open' AND archived = 0 \
         AND stage = 'discover' ORDER BY id LIMIT 1",
        [],
        |r| r.get(0),
    )?;
    let id = id.to_string();
    let forward = std::cell::Cell::new(true);
    let load0 = load1();
    let book = scratch.as_path();
    let sb_cmd = |args: &'static [&'static str]| -> Box<dyn Fn() -> Command + '_> {
        Box::new(move || {
            let mut c = sb.command(book);
            c.args(args);
            c
        })
    };
    let commands: Vec<Labelled> = vec![
        (
            "sqlite3 insert".into(),
            Box::new(|| {
                let mut c = Command::new(sqlite3);
                c.arg(&copy).arg(INSERT);
                c
            }),
        ),
        (
            "add".into(),
            sb_cmd(&["add", "--name", "压测客户", "--source", "朋友圈"]),
        ),
        (
            "log".into(),
            sb_cmd(&["log", "1", "--note", "发了案例", "--channel", "wechat"]),
        ),
        (
            "move".into(),
            Box::new(|| {
                let to = if forward.get() { "pitch" } else { "discover" };
                forward.set(!forward.get());
                let mut c = sb.command(book);
                c.args(["move", &id, to]);
                c
            }),
        ),
    ];
    let t = measure_interleaved(warmup, n, &commands);
    remove_book(&scratch)?;
    remove_book(&copy)?;
    let t = t?;
    let insert = t[0].0.wall.p50;
    let worst = t[1..]
        .iter()
        .map(|(p, _)| p.wall.p50)
        .max()
        .unwrap_or_default();
    Ok(vec![
        spec.label(),
        ms(insert),
        ms(t[1].0.wall.p50),
        ms(t[2].0.wall.p50),
        ms(t[3].0.wall.p50),
        ratio(worst, insert),
        t.iter()
            .map(|(p, _)| ms(p.cpu.p50))
            .collect::<Vec<_>>()
            .join(", "),
        format!("{load0} → {}", load1()),
    ])
}
