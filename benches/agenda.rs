//! `cargo bench --bench agenda`: the agenda, the writes a rep makes all day, and `verify`,
//! timed as a user waits for them (whole process, spawn to exit) on demo books of 1,000,
//! 10,000 and 100,000 contacts, next to the sqlite3 shell answering on the same file.
//!
//! Knobs: `SALESBOOK_BENCH_SIZES` (`1k,10k,100k`), `SALESBOOK_BENCH_N` (timed runs per
//! row, 30), `SALESBOOK_BENCH_WARMUP` (untimed runs first, 3), `SALESBOOK_BIN`,
//! `SQLITE3_BIN`. Prints Markdown for BENCHMARKS.md.

mod harness;

use anyhow::{Context, Result};
use harness::{BookSpec, Salesbook, Table, measure_command, ms};
use std::path::Path;
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

fn run() -> Result<()> {
    let n = harness::env_usize("SALESBOOK_BENCH_N", 30)?.max(1);
    let warmup = harness::env_usize("SALESBOOK_BENCH_WARMUP", 3)?;
    let sb = Salesbook::find()?;
    let sqlite3 = harness::sqlite3_bin();
    println!(
        "# agenda, writes, verify — {} — load {} — {n} timed runs after {warmup} warm-up\n",
        harness::source_revision(),
        harness::load_average()
    );
    let mut t = Table::new(&[
        "book",
        "sqlite3 `select 1`",
        "sqlite3 indexed",
        "agenda json",
        "ratio",
        "+1 day",
        "+1 week",
        "verify",
    ]);
    let mut writes = Table::new(&[
        "book",
        "sqlite3 insert",
        "add",
        "log",
        "move",
        "worst ratio",
    ]);
    for spec in BookSpec::chosen() {
        let book = harness::demo_book(&spec)?;
        if let Some(fill) = book.fill {
            eprintln!("bench: made {} in {}", spec.label(), ms(fill));
        }
        let path = &book.path;
        let floor = match &sqlite3 {
            Some(bin) => Some(
                measure_command(warmup, n, || sql(bin, path, "select 1"))?
                    .0
                    .p50,
            ),
            None => None,
        };
        let indexed = match &sqlite3 {
            Some(bin) => Some(
                measure_command(warmup, n, || {
                    sql(
                        bin,
                        path,
                        "SELECT id, contact_id, due_at FROM followups WHERE status = 'open' \
                         ORDER BY score_base DESC LIMIT 50",
                    )
                })?
                .0
                .p50,
            ),
            None => None,
        };
        let agenda = |now: &'static str| -> Result<Duration> {
            Ok(measure_command(warmup, n, || {
                let mut c = sb.command_at(path, now);
                c.args(["agenda", "--format", "json"]);
                c
            })?
            .0
            .p50)
        };
        let (now, day, week) = (
            agenda(harness::NOW)?,
            agenda(DAY_LATER)?,
            agenda(WEEK_LATER)?,
        );
        let verify = measure_command(1, n.min(5), || {
            let mut c = sb.command(path);
            c.arg("verify");
            c
        })?
        .0
        .p50;
        t.row(vec![
            spec.label(),
            floor.map_or("—".into(), ms),
            indexed.map_or("—".into(), ms),
            ms(now),
            ratio(now, floor),
            format!("{} ({})", ms(day), ratio(day, Some(now))),
            format!("{} ({})", ms(week), ratio(week, Some(now))),
            ms(verify),
        ]);
        writes.row(write_row(&sb, &spec, path, sqlite3.as_deref(), warmup, n)?);
    }
    println!("## Agenda and verify (p50; ratio to `select 1`, later days to today)\n");
    println!("{}", t.render());
    println!("## One write, whole process (p50; on a scratch copy of the book)\n");
    println!("{}", writes.render());
    Ok(())
}

fn sql(bin: &Path, book: &Path, q: &str) -> Command {
    let mut c = Command::new(bin);
    c.arg("-readonly").arg(book).arg(q);
    c
}

fn ratio(x: Duration, base: Option<Duration>) -> String {
    match base {
        Some(b) if !b.is_zero() => format!("{:.1}×", x.as_secs_f64() / b.as_secs_f64()),
        _ => "—".into(),
    }
}

/// `add`, `log`, `move` on a copy of the book (each run changes it), against the shell's
/// own indexed insert on another copy.
fn write_row(
    sb: &Salesbook,
    spec: &BookSpec,
    path: &Path,
    sqlite3: Option<&Path>,
    warmup: usize,
    n: usize,
) -> Result<Vec<String>> {
    let scratch = harness::target_dir().join(format!("bench-writes-{}.sqlite", spec.label()));
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", scratch.display()));
    }
    std::fs::copy(path, &scratch).context("cannot copy the book")?;
    let insert = match sqlite3 {
        Some(bin) => {
            let copy = harness::target_dir().join(format!("bench-sql-{}.sqlite", spec.label()));
            std::fs::copy(path, &copy)?;
            let t = measure_command(warmup, n, || {
                let mut c = Command::new(bin);
                c.arg(&copy).arg(
                    "INSERT INTO interactions (contact_id, at, kind, body) \
                     VALUES (1, 1800000000, 'note', 'bench')",
                );
                c
            })?
            .0
            .p50;
            let _ = std::fs::remove_file(&copy);
            Some(t)
        }
        None => None,
    };
    let time = |args: &[&str]| -> Result<Duration> {
        Ok(measure_command(warmup, n, || {
            let mut c = sb.command(&scratch);
            c.args(args);
            c
        })?
        .0
        .p50)
    };
    let add = time(&["add", "--name", "压测客户", "--source", "朋友圈"])?;
    let log = time(&["log", "1", "--note", "发了案例", "--channel", "wechat"])?;
    // An open contact in 挖需求, moved back and forth: every run is a real change.
    let id: i64 = harness::open_sql(&scratch)?.query_row(
        "SELECT id FROM contacts WHERE outcome = 'open' AND archived = 0 \
         AND stage = 'discover' ORDER BY id LIMIT 1",
        [],
        |r| r.get(0),
    )?;
    let id = id.to_string();
    let mut forward = true;
    let mv = measure_command(warmup, n, || {
        let mut c = sb.command(&scratch);
        c.args(["move", &id, if forward { "pitch" } else { "discover" }]);
        forward = !forward;
        c
    })
    .context("move")?
    .0
    .p50;
    let worst = [add, log, mv].into_iter().max().unwrap_or_default();
    Ok(vec![
        spec.label(),
        insert.map_or("—".into(), ms),
        ms(add),
        ms(log),
        ms(mv),
        ratio(worst, insert),
    ])
}
