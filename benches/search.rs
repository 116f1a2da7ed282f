//! Search as you type, on demo books of 1,000, 10,000 and 100,000 contacts (ten
//! interactions each). `cargo bench --bench search`. Method and figures: BENCHMARKS.md.
//!
//! For each book: the time `salesbook demo` takes to make it (and how much of it the
//! search index takes), then thirteen kinds of query picked from the book, timed in
//! process (`Snap::search(query, 50, false)` on a read-only `Reader`, as the TUI's search
//! worker calls it) and as whole `salesbook search` processes beside the `sqlite3` shell.
//!
//! Environment: `SALESBOOK_BENCH_SIZES` (books, default `1k,10k,100k`),
//! `SALESBOOK_BENCH_N` (timed in-process runs per query, 300), `SALESBOOK_BENCH_WARMUP`
//! (20), `SALESBOOK_BENCH_PROC_N` (process runs per query, 50; 0 skips them),
//! `SALESBOOK_BENCH_FILL_N` (timed `demo` runs per book, 1; 0 skips them), plus the
//! harness's (see harness/mod.rs).

mod harness;
mod search_cases;

use anyhow::{Context, Result, bail};
use harness::{
    BookSpec, Labelled, Salesbook, Stats, Table, children_cpu, measure, measure_interleaved, mib,
    ms, remove_book,
};
use salesbook::store::{Reader, SearchResults, Store};
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

/// Results the TUI asks for per keystroke (`tui::search_worker::LIMIT`).
const LIMIT: usize = 50;

/// A whole process may take this many times the sqlite3 shell's indexed query.
const TARGET_RATIO: f64 = 3.0;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("bench search: error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

struct Settings {
    n: usize,
    warmup: usize,
    proc_n: usize,
    fill_n: usize,
}

fn run() -> Result<()> {
    let settings = Settings {
        n: harness::env_usize("SALESBOOK_BENCH_N", 300)?,
        warmup: harness::env_usize("SALESBOOK_BENCH_WARMUP", 20)?,
        proc_n: harness::env_usize("SALESBOOK_BENCH_PROC_N", 50)?,
        fill_n: harness::env_usize("SALESBOOK_BENCH_FILL_N", 1)?,
    };
    let sizes = std::env::var("SALESBOOK_BENCH_SIZES").unwrap_or_else(|_| "1k,10k,100k".into());
    println!("- source: {}", harness::source_revision());
    println!("- load average at the start: {}", harness::load_average());
    let sb = Salesbook::find()?;
    println!("- binary: {}", sb.bin.display());
    let mut summary = Table::new(&[
        "book",
        "demo s",
        "demo CPU s",
        "index rebuild s",
        "slowest query p50 ms",
        "× select 1",
        "× indexed",
    ]);
    for size in sizes.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        let spec = match size {
            "1k" => BookSpec::SMALL,
            "10k" => BookSpec::MEDIUM,
            "100k" => BookSpec::BIG,
            other => bail!("SALESBOOK_BENCH_SIZES: unknown book {other:?} (1k, 10k, 100k)"),
        };
        println!(
            "\n# {} contacts, {} interactions\n",
            spec.contacts, spec.interactions
        );
        let fill = time_demo(&sb, &spec, settings.fill_n)?;
        let worst = time_queries(&sb, &spec, &settings)?;
        summary.row(vec![
            format!("{}k", spec.contacts / 1000),
            fill.map_or("-".into(), |f| format!("{:.1}", f.wall.as_secs_f64())),
            fill.map_or("-".into(), |f| format!("{:.1}", f.cpu.as_secs_f64())),
            fill.map_or("-".into(), |f| format!("{:.1}", f.rebuild.as_secs_f64())),
            worst.map_or("-".into(), |w| ms(w.0)),
            worst.map_or("-".into(), |w| format!("{:.1}", w.1)),
            worst.map_or("-".into(), |w| format!("{:.1}", w.2)),
        ]);
    }
    println!("\n# Summary\n");
    print!("{}", summary.render());
    println!("\nload average at the end: {}", harness::load_average());
    Ok(())
}

#[derive(Clone, Copy)]
struct Fill {
    wall: Duration,
    /// The `demo` process's CPU time (user and system).
    cpu: Duration,
    /// Rebuilding the whole index from the contacts, in process.
    rebuild: Duration,
}

/// `salesbook demo` into a scratch book, `fill_n` times (the median is kept), then the
/// index rebuilt on it, which bounds the index's share of the demo from above.
fn time_demo(sb: &Salesbook, spec: &BookSpec, fill_n: usize) -> Result<Option<Fill>> {
    if fill_n == 0 {
        return Ok(None);
    }
    let scratch = harness::target_dir().join(format!("bench-demo-{}.sqlite", spec.contacts));
    let mut runs = Vec::new();
    for _ in 0..fill_n {
        remove_book(&scratch)?;
        let cpu0 = children_cpu();
        let t = Instant::now();
        let out = sb
            .command(&scratch)
            .args(["demo", "--contacts", &spec.contacts.to_string()])
            .args(["--interactions", &spec.interactions.to_string()])
            .args(["--seed", &spec.seed.to_string()])
            .output()
            .context("cannot run salesbook demo")?;
        let wall = t.elapsed();
        if !out.status.success() {
            bail!(
                "salesbook demo failed: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        runs.push((wall, children_cpu() - cpu0));
    }
    runs.sort();
    let (wall, cpu) = runs[runs.len() / 2];
    let bytes = std::fs::metadata(&scratch)?.len();
    let (mut store, _) = Store::open(&scratch, false, None)?;
    let t = Instant::now();
    store.rebuild_search_index()?;
    let rebuild = t.elapsed();
    drop(store);
    remove_book(&scratch)?;
    let mut t = Table::new(&[
        "`salesbook demo`",
        "wall s",
        "CPU s",
        "book",
        "index rebuilt, s",
    ]);
    t.row(vec![
        format!("median of {fill_n}"),
        format!("{:.2}", wall.as_secs_f64()),
        format!("{:.2}", cpu.as_secs_f64()),
        mib(bytes),
        format!("{:.2}", rebuild.as_secs_f64()),
    ]);
    print!("{}", t.render());
    Ok(Some(Fill { wall, cpu, rebuild }))
}

fn total(r: &SearchResults) -> String {
    if r.total_is_exact {
        r.total.to_string()
    } else {
        format!("≥ {}", r.total)
    }
}

/// Times every case in process and as processes; returns the slowest process p50 and its
/// ratios to the two sqlite3 yardsticks.
fn time_queries(
    sb: &Salesbook,
    spec: &BookSpec,
    s: &Settings,
) -> Result<Option<(Duration, f64, f64)>> {
    let book = harness::demo_book(spec)?;
    println!(
        "\nThe book: {} ({}), {}",
        book.path.display(),
        mib(book.bytes),
        match book.fill {
            Some(d) => format!("made by this run in {:.1} s", d.as_secs_f64()),
            None => "reused".into(),
        }
    );
    let cases = search_cases::pick(&harness::open_sql(&book.path)?)?;
    let reader = Reader::open(&book.path)?;
    let store = reader.snap();
    println!(
        "\n`Snap::search(query, {LIMIT}, false)`, read-only, {} warm-up + {} timed runs:\n",
        s.warmup, s.n
    );
    let mut t = Table::new(&[
        "case",
        "query",
        "matches",
        "shown",
        "p50 ms",
        "p99 ms",
        "p99 CPU ms",
        "first hit",
        "picked as",
    ]);
    for c in &cases {
        let (timing, found) = measure(s.warmup, s.n, || store.search(&c.query, LIMIT, false))?;
        let Some(first) = found.hits.first() else {
            bail!(
                "{} `{}` found nothing: its timing would measure nothing",
                c.label,
                c.query
            );
        };
        t.row(vec![
            c.label.into(),
            format!("`{}`", c.query),
            total(&found),
            found.hits.len().to_string(),
            ms(timing.wall.p50),
            ms(timing.wall.p99),
            timing.cpu.map_or("-".into(), |s| ms(s.p99)),
            format!("{} ({})", first.contact.name, first.matched),
            c.picked.clone(),
        ]);
    }
    print!("{}", t.render());
    drop(reader);
    if s.proc_n == 0 {
        return Ok(None);
    }
    let Some(sqlite3) = harness::sqlite3_bin() else {
        bail!("no sqlite3 shell on the PATH (or SQLITE3_BIN): it is the yardstick");
    };
    let shell = |sql: &'static str| {
        let (sqlite3, path) = (sqlite3.clone(), book.path.clone());
        move || {
            let mut cmd = Command::new(&sqlite3);
            cmd.arg("-readonly").arg(&path).arg(sql);
            cmd
        }
    };
    const INDEXED: &str = "SELECT id, name FROM contacts WHERE archived = 0 AND outcome = 'open' \
                           AND stage = 'pitch' LIMIT 50";
    // Every command runs once per round, rounds after rounds, so a burst of load on the
    // shared machine falls on all of them alike.
    let mut commands: Vec<Labelled> = vec![
        (
            "`sqlite3 BOOK 'SELECT 1'`".into(),
            Box::new(shell("SELECT 1")),
        ),
        (
            "`sqlite3` indexed query (below)".into(),
            Box::new(shell(INDEXED)),
        ),
        (
            "`salesbook --version`".into(),
            Box::new(|| {
                let mut cmd = Command::new(&sb.bin);
                cmd.arg("--version");
                cmd
            }),
        ),
    ];
    for c in &cases {
        commands.push((
            format!("{} `{}`", c.label, c.query),
            Box::new(|| {
                let mut cmd = sb.command(&book.path);
                cmd.args(["search", &c.query, "--limit", &LIMIT.to_string()])
                    .args(["--format", "json"]);
                cmd
            }),
        ));
    }
    let timed = measure_interleaved(3, s.proc_n, &commands)?;
    println!(
        "\nWhole processes, 3 warm-up + {} timed rounds, each command once a round; \
         `salesbook --db BOOK search QUERY --limit {LIMIT} --format json`:\n",
        s.proc_n
    );
    let ratio = |a: &Stats, b: &Stats| a.p50.as_secs_f64() / b.p50.as_secs_f64();
    let (select1, indexed) = (&timed[0].0, &timed[1].0);
    let mut t = Table::new(&[
        "process",
        "results",
        "p50 ms",
        "p99 ms",
        "× select 1",
        "× indexed",
        "CPU p50 ms",
        "CPU × select 1",
        "CPU × indexed",
        "verdict",
    ]);
    let mut worst: Option<(Duration, f64, f64)> = None;
    for (i, ((label, _), (pt, stdout))) in commands.iter().zip(&timed).enumerate() {
        let (results, verdict) = match i {
            0 | 1 => (
                stdout.iter().filter(|b| **b == b'\n').count().to_string(),
                "yardstick".to_string(),
            ),
            2 => ("-".into(), "-".into()),
            _ => {
                let n = serde_json::from_slice::<serde_json::Value>(stdout)?
                    .as_array()
                    .map_or(0, Vec::len);
                if n == 0 {
                    bail!("{label} printed no results");
                }
                let (wall, cpu) = (ratio(&pt.wall, &indexed.wall), ratio(&pt.cpu, &indexed.cpu));
                if worst.is_none_or(|w| pt.wall.p50 > w.0) {
                    worst = Some((pt.wall.p50, ratio(&pt.wall, &select1.wall), wall));
                }
                let verdict = match (wall <= TARGET_RATIO, cpu <= TARGET_RATIO) {
                    (true, _) => "ok",
                    (false, true) => "ok in CPU",
                    (false, false) => "MISSED",
                };
                (n.to_string(), verdict.to_string())
            }
        };
        t.row(vec![
            label.clone(),
            results,
            ms(pt.wall.p50),
            ms(pt.wall.p99),
            format!("{:.1}", ratio(&pt.wall, &select1.wall)),
            format!("{:.1}", ratio(&pt.wall, &indexed.wall)),
            ms(pt.cpu.p50),
            format!("{:.1}", ratio(&pt.cpu, &select1.cpu)),
            format!("{:.1}", ratio(&pt.cpu, &indexed.cpu)),
            verdict,
        ]);
    }
    print!("{}", t.render());
    println!("\nThe indexed query: `{INDEXED}` (index `contacts_board`).");
    Ok(worst)
}
