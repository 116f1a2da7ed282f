//! What every salesbook benchmark shares (`cargo bench --bench search`, later `agenda`):
//!
//! - a deterministic demo book, made once with a fixed clock and reused while it is valid;
//! - in-process timing with warm-up and nearest-rank percentiles;
//! - whole-process timing of the real binary, sandboxed like the CLI tests;
//! - Markdown tables, printed to stdout so a run can be pasted into BENCHMARKS.md.
//!
//! Knobs (environment): `SALESBOOK_BENCH_DB` (book path), `SALESBOOK_BENCH_REBUILD=1`
//! (make the book again even if it looks valid), `SALESBOOK_BIN` (binary to time),
//! and the counts each benchmark reads with [`env_usize`].

#![allow(dead_code)]

use anyhow::{Context, Result, bail};
use rusqlite::{Connection, OpenFlags};
use salesbook::clock::Clock;
use salesbook::domain::command::Command as Cmd;
use salesbook::service::{Book, Session};
use salesbook::store::{Reader, latest_version};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};
use unicode_width::UnicodeWidthStr;

/// "Now" for the book's fill and for every timed process: the same book every time.
pub const NOW: &str = "2026-11-23T09:00:00+08:00";

/// Who the benchmark writes as.
pub const ACTOR: &str = "bench";

/// The settings key that marks a book as a finished benchmark book of one [`BookSpec`].
const MARKER_KEY: &str = "bench.demo";

/// The shape of a demo book.
#[derive(Debug, Clone, Copy)]
pub struct BookSpec {
    pub contacts: u64,
    pub interactions: u64,
    pub seed: u64,
    /// The file name used under the target directory when `SALESBOOK_BENCH_DB` is unset.
    pub file_name: &'static str,
}

impl BookSpec {
    /// The small and middle books that show whether a cost grows with the book.
    pub const K1: BookSpec = BookSpec {
        contacts: 1_000,
        interactions: 10_000,
        seed: 2024,
        file_name: "bench-book-1k.sqlite",
    };
    pub const K10: BookSpec = BookSpec {
        contacts: 10_000,
        interactions: 100_000,
        seed: 2024,
        file_name: "bench-book-10k.sqlite",
    };

    /// The book of the "search as you type" and agenda goals.
    pub const BIG: BookSpec = BookSpec {
        contacts: 100_000,
        interactions: 1_000_000,
        seed: 2024,
        file_name: "bench-book-100k.sqlite",
    };

    /// A hundredth and a tenth of it: how a cost grows with the book.
    pub const SMALL: BookSpec = BookSpec::K1;
    pub const MEDIUM: BookSpec = BookSpec::K10;

    /// Written into the book after a complete fill; a book without it (an interrupted fill,
    /// another spec, an older schema, a migration whose SQL was edited since) is made again.
    fn marker(&self) -> String {
        format!(
            "demo contacts={} interactions={} seed={} now={NOW} schema={} schema_sql={:016x} \
             planned_first",
            self.contacts,
            self.interactions,
            self.seed,
            latest_version(),
            schema_hash()
        )
    }

    /// `$SALESBOOK_BENCH_DB` for the big book, else the file under the target directory.
    pub fn path(&self) -> PathBuf {
        match std::env::var_os("SALESBOOK_BENCH_DB") {
            Some(p) if !p.is_empty() && self.file_name == Self::BIG.file_name => PathBuf::from(p),
            _ => target_dir().join(self.file_name),
        }
    }

    /// The specs a run measures: `SALESBOOK_BENCH_SIZES=1k,10k,100k` (all three by default).
    pub fn chosen() -> Vec<BookSpec> {
        let v = std::env::var("SALESBOOK_BENCH_SIZES").unwrap_or_else(|_| "1k,10k,100k".into());
        v.split(',')
            .filter_map(|s| match s.trim() {
                "1k" => Some(BookSpec::K1),
                "10k" => Some(BookSpec::K10),
                "100k" => Some(BookSpec::BIG),
                _ => None,
            })
            .collect()
    }

    pub fn label(&self) -> String {
        format!("{}k", self.contacts / 1000)
    }
}

/// The demo book a benchmark runs against.
#[derive(Debug)]
pub struct DemoBook {
    pub path: PathBuf,
    /// How long making the book took (open, fill in one transaction, close), when this run
    /// made it; `None` when a valid book was reused.
    pub fill: Option<Duration>,
    /// Size on disk: the database file plus any WAL left beside it.
    pub bytes: u64,
    pub contacts: i64,
    pub interactions: i64,
}

/// The cargo target directory (`target/`, or `$CARGO_TARGET_DIR`).
pub fn target_dir() -> PathBuf {
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
    tmp.parent().unwrap_or(tmp).to_path_buf()
}

/// Returns the book for `spec`, making it first unless a valid one is already there.
pub fn demo_book(spec: &BookSpec) -> Result<DemoBook> {
    let path = spec.path();
    let rebuild = std::env::var("SALESBOOK_BENCH_REBUILD").is_ok_and(|v| v == "1");
    if path.exists() && !rebuild {
        match inspect(&path, spec) {
            Ok(book) => return Ok(book),
            Err(e) => eprintln!("bench: not reusing {}: {e:#}", path.display()),
        }
    }
    eprintln!(
        "bench: making {} ({} contacts, {} interactions, seed {}, now {NOW})…",
        path.display(),
        spec.contacts,
        spec.interactions,
        spec.seed
    );
    for p in [path.clone(), sidecar(&path, "-wal"), sidecar(&path, "-shm")] {
        match std::fs::remove_file(&p) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                return Err(e).with_context(|| format!("cannot remove {}", p.display()));
            }
            _ => {}
        }
    }
    let started = Instant::now();
    // As `salesbook demo` does: a new book planned with the default template, then filled
    // in one command.
    let session = Session::with_default_template(Clock::parse(NOW)?, ACTOR);
    let mut book = Book::open(&path, session, true)?;
    book.execute(Cmd::Demo {
        contacts: spec.contacts,
        interactions: spec.interactions,
        seed: spec.seed,
        force: false,
    })?;
    drop(book); // closing checkpoints the WAL into the file: part of the cost
    let fill = started.elapsed();
    // The marker goes in with the plain SQLite API: it is the benchmark's, not the book's.
    Connection::open(&path)?.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2) \
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (MARKER_KEY, spec.marker()),
    )?;
    let mut book = inspect(&path, spec).context("the book just made does not check out")?;
    book.fill = Some(fill);
    Ok(book)
}

/// FNV-1a over every migration's SQL: an edit to a migration in place (same version)
/// changes the schema a new book gets, so the bench book must be made again.
fn schema_hash() -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for v in 1..=latest_version() as usize {
        let sql = salesbook::store::migration_sql(v).unwrap_or_default();
        for b in sql.bytes().chain(std::iter::once(0)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    h
}

fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

/// Checks a book is a complete one of `spec` (read-only: opening it this way also refuses
/// another schema version) and reads its size and counts.
fn inspect(path: &Path, spec: &BookSpec) -> Result<DemoBook> {
    let reader = Reader::open(path)?;
    let store = reader.snap();
    let marker = store.setting(MARKER_KEY)?;
    if marker.as_deref() != Some(spec.marker().as_str()) {
        bail!(
            "its marker is {marker:?}, expected {:?} (an unfinished or different book)",
            spec.marker()
        );
    }
    let contacts = store.count_contacts()?;
    if contacts != spec.contacts as i64 {
        bail!("it has {contacts} contacts, expected {}", spec.contacts);
    }
    drop(reader);
    let interactions: i64 =
        open_sql(path)?.query_row("SELECT count(*) FROM interactions", [], |r| r.get(0))?;
    let mut bytes = std::fs::metadata(path)?.len();
    if let Ok(m) = std::fs::metadata(sidecar(path, "-wal")) {
        bytes += m.len();
    }
    Ok(DemoBook {
        path: path.to_path_buf(),
        fill: None,
        bytes,
        contacts,
        interactions,
    })
}

/// Removes a book and its `-wal` and `-shm` files, if there.
pub fn remove_book(path: &Path) -> Result<()> {
    for suffix in ["", "-wal", "-shm"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        match std::fs::remove_file(&p) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                return Err(e).with_context(|| format!("cannot remove {}", path.display()));
            }
            _ => {}
        }
    }
    Ok(())
}

/// A plain read-only SQLite connection, for picking inputs and counting, never for the
/// timed work (that goes through salesbook's own API).
pub fn open_sql(path: &Path) -> Result<Connection> {
    Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .with_context(|| format!("cannot open {}", path.display()))
}

/// A count from the environment, or `default`.
pub fn env_usize(name: &str, default: usize) -> Result<usize> {
    match std::env::var(name) {
        Ok(v) if !v.trim().is_empty() => v
            .trim()
            .parse()
            .with_context(|| format!("{name} = '{v}' is not a count")),
        _ => Ok(default),
    }
}

/// Percentiles of one series of timings.
#[derive(Debug, Clone, Copy)]
pub struct Stats {
    pub n: usize,
    pub min: Duration,
    pub p50: Duration,
    pub p99: Duration,
    pub max: Duration,
}

impl Stats {
    /// Nearest-rank percentiles: p is the smallest sample with at least p% of samples at or
    /// below it (with 300 samples p99 is the 297th smallest, 50 samples: the 50th).
    pub fn of(mut samples: Vec<Duration>) -> Stats {
        assert!(!samples.is_empty(), "no samples");
        samples.sort_unstable();
        let n = samples.len();
        let rank = |p: f64| samples[((p / 100.0 * n as f64).ceil() as usize).clamp(1, n) - 1];
        Stats {
            n,
            min: samples[0],
            p50: rank(50.0),
            p99: rank(99.0),
            max: samples[n - 1],
        }
    }
}

/// The timings of one series.
#[derive(Debug, Clone, Copy)]
pub struct Timing {
    /// Wall-clock time: what a user waits, including time the thread was not running.
    pub wall: Stats,
    /// Time the thread was on a CPU, for telling the work's own cost from interference on
    /// a busy machine (wall far above CPU: the thread was waiting for a core).
    pub cpu: Option<Stats>,
}

/// The calling thread's CPU time so far (`CLOCK_THREAD_CPUTIME_ID`, nanosecond
/// resolution; `/proc/thread-self/schedstat` only moves on scheduler ticks on some kernels).
fn thread_cpu() -> Option<Duration> {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec for the call to fill in.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    (rc == 0).then(|| Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32))
}

/// Runs `f` `warmup` times untimed, then `n` times timed; returns the timings and the last
/// output (so the caller can check the work did something).
pub fn measure<T>(
    warmup: usize,
    n: usize,
    mut f: impl FnMut() -> Result<T>,
) -> Result<(Timing, T)> {
    for _ in 0..warmup {
        std::hint::black_box(f()?);
    }
    let mut wall = Vec::with_capacity(n);
    let mut cpu = Vec::with_capacity(n);
    let mut last = None;
    for _ in 0..n.max(1) {
        let c0 = thread_cpu();
        let t = Instant::now();
        let out = std::hint::black_box(f()?);
        wall.push(t.elapsed());
        if let (Some(c0), Some(c1)) = (c0, thread_cpu()) {
            cpu.push(c1.saturating_sub(c0));
        }
        last = Some(out);
    }
    let cpu = (cpu.len() == wall.len()).then(|| Stats::of(cpu));
    let timing = Timing {
        wall: Stats::of(wall),
        cpu,
    };
    Ok((timing, last.expect("at least one run")))
}

/// Times a whole process (spawn to exit) like [`measure`], wall-clock only; fails if it
/// does not exit 0. Returns the last run's stdout.
pub fn measure_command(
    warmup: usize,
    n: usize,
    mut command: impl FnMut() -> Command,
) -> Result<(Stats, Vec<u8>)> {
    let (timing, out) = measure(warmup, n, || {
        let mut cmd = command();
        let out = cmd
            .output()
            .with_context(|| format!("cannot run {:?}", cmd.get_program()))?;
        if !out.status.success() {
            bail!(
                "{cmd:?} failed ({}): {}",
                out.status,
                String::from_utf8_lossy(&out.stderr).trim()
            );
        }
        Ok(out.stdout)
    })?;
    Ok((timing.wall, out))
}

/// CPU time (user + system) of the child processes waited for so far.
pub fn children_cpu() -> Duration {
    // SAFETY: an all-zero rusage is a valid value for getrusage to fill in.
    let mut u: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `u` is a valid, writable rusage.
    let rc = unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut u) };
    assert_eq!(rc, 0, "getrusage");
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    tv(u.ru_utime) + tv(u.ru_stime)
}

/// A process to time: its label and how to make its command.
pub type Labelled<'a> = (String, Box<dyn Fn() -> Command + 'a>);

/// Timings of one command: wall clock, the process's CPU time (user and system), and the
/// wall clock of its very first run (warm-up included).
pub struct ProcessTiming {
    pub wall: Stats,
    pub cpu: Stats,
    pub first: Duration,
}

/// Times whole processes like [`measure_command`], but a round at a time: every command
/// once per round, so a burst of load on a shared machine falls on all of them alike.
/// Returns each command's timings and its last stdout.
pub fn measure_interleaved(
    warmup: usize,
    n: usize,
    commands: &[Labelled],
) -> Result<Vec<(ProcessTiming, Vec<u8>)>> {
    let mut wall: Vec<Vec<Duration>> = vec![Vec::with_capacity(n); commands.len()];
    let mut cpu: Vec<Vec<Duration>> = vec![Vec::with_capacity(n); commands.len()];
    let mut first: Vec<Option<Duration>> = vec![None; commands.len()];
    let mut last: Vec<Vec<u8>> = vec![Vec::new(); commands.len()];
    for round in 0..warmup + n.max(1) {
        for (i, (label, command)) in commands.iter().enumerate() {
            let mut cmd = command();
            let cpu0 = children_cpu();
            let t = Instant::now();
            let out = cmd
                .output()
                .with_context(|| format!("cannot run {label}"))?;
            let took = t.elapsed();
            let used = children_cpu() - cpu0;
            if !out.status.success() {
                bail!(
                    "{label} failed: {}",
                    String::from_utf8_lossy(&out.stderr).trim()
                );
            }
            first[i].get_or_insert(took);
            if round >= warmup {
                wall[i].push(took);
                cpu[i].push(used);
            }
            last[i] = out.stdout;
        }
    }
    Ok(wall
        .into_iter()
        .zip(cpu)
        .zip(first)
        .map(|((w, c), f)| ProcessTiming {
            wall: Stats::of(w),
            cpu: Stats::of(c),
            first: f.expect("at least one run"),
        })
        .zip(last)
        .collect())
}

/// The salesbook binary to time, run sandboxed: a fixed clock and a private HOME/XDG
/// config, so the user's own config and default book are never read.
pub struct Salesbook {
    pub bin: PathBuf,
    home: PathBuf,
}

impl Salesbook {
    /// `$SALESBOOK_BIN`, else the binary cargo built for this benchmark (the release-profile
    /// one in the same target directory).
    pub fn find() -> Result<Salesbook> {
        let bin = match std::env::var_os("SALESBOOK_BIN") {
            Some(p) if !p.is_empty() => PathBuf::from(p),
            _ => PathBuf::from(env!("CARGO_BIN_EXE_salesbook")),
        };
        if !bin.is_file() {
            bail!(
                "no salesbook binary at {} (build it with `cargo build --release`, \
                 or set SALESBOOK_BIN)",
                bin.display()
            );
        }
        let home = target_dir().join("bench-home");
        std::fs::create_dir_all(&home)
            .with_context(|| format!("cannot create {}", home.display()))?;
        Ok(Salesbook { bin, home })
    }

    /// `salesbook --db BOOK`, for the caller to add the subcommand to.
    pub fn command(&self, book: &Path) -> Command {
        self.command_at(book, NOW)
    }

    /// As [`Salesbook::command`], with the clock at `now`.
    pub fn command_at(&self, book: &Path, now: &str) -> Command {
        let mut cmd = Command::new(&self.bin);
        cmd.arg("--db")
            .arg(book)
            .env("SALESBOOK_NOW", now)
            .env("HOME", &self.home)
            .env("XDG_CONFIG_HOME", self.home.join("config"))
            .env("XDG_DATA_HOME", self.home.join("data"))
            .env("USER", ACTOR)
            .env_remove("SALESBOOK_DB");
        cmd
    }
}

/// `sqlite3` on the PATH (or `$SQLITE3_BIN`), for a baseline; `None` if there is none.
pub fn sqlite3_bin() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("SQLITE3_BIN").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(p));
    }
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|d| d.join("sqlite3"))
        .find(|p| p.is_file())
}

/// The commit the benchmarked code comes from, and whether `src/` differs from it.
pub fn source_revision() -> String {
    let dir = env!("CARGO_MANIFEST_DIR");
    let git = |args: &[&str]| {
        Command::new("git")
            .arg("-C")
            .arg(dir)
            .args(args)
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
    };
    match git(&["rev-parse", "--short", "HEAD"]) {
        Some(rev) => match git(&["status", "--porcelain", "--", "src", "Cargo.lock"]) {
            Some(s) if s.is_empty() => format!("{rev}, src/ unmodified"),
            Some(_) => format!("{rev} with uncommitted changes in src/"),
            None => rev,
        },
        None => "unknown (not a git checkout)".into(),
    }
}

/// The 1-, 5- and 15-minute load averages (Linux): how busy the machine was during a run.
pub fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}

/// Milliseconds with two decimals.
pub fn ms(d: Duration) -> String {
    format!("{:.2}", d.as_secs_f64() * 1e3)
}

/// Bytes as MiB with one decimal.
pub fn mib(bytes: u64) -> String {
    format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0))
}

/// A Markdown table whose columns line up in a terminal too (CJK counts double).
pub struct Table {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Table {
    pub fn new(header: &[&str]) -> Table {
        Table {
            header: header.iter().map(|h| h.to_string()).collect(),
            rows: Vec::new(),
        }
    }

    pub fn row(&mut self, cells: Vec<String>) {
        assert_eq!(cells.len(), self.header.len(), "row width");
        self.rows.push(cells);
    }

    pub fn render(&self) -> String {
        let cols = self.header.len();
        let widths: Vec<usize> = (0..cols)
            .map(|i| {
                std::iter::once(&self.header)
                    .chain(&self.rows)
                    .map(|r| r[i].width())
                    .max()
                    .unwrap_or(0)
                    .max(3)
            })
            .collect();
        let line = |cells: &[String]| {
            let padded: Vec<String> = cells
                .iter()
                .zip(&widths)
                .map(|(c, w)| format!("{c}{}", " ".repeat(w - c.width())))
                .collect();
            format!("| {} |\n", padded.join(" | "))
        };
        let mut out = line(&self.header);
        let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
        out.push_str(&format!("|-{}-|\n", rule.join("-|-")));
        for r in &self.rows {
            out.push_str(&line(r));
        }
        out
    }
}
