//! `cargo bench --bench tui`: the full-screen app as a rep meets it — the whole release
//! binary in a pseudo-terminal at 120×40 — on demo books of 1,000, 10,000 and 100,000
//! contacts: time to the first frame and to the first frame with Today's rows, each
//! keystroke to the frame that shows its effect, and the process's peak memory.
//!
//! Knobs: `SALESBOOK_BENCH_SIZES` (`1k,10k,100k`), `SALESBOOK_BENCH_STARTS` (timed
//! starts per book, 20), `SALESBOOK_BENCH_KEYS` (timed presses per key, 60),
//! `SALESBOOK_BENCH_WARMUP` (untimed starts and presses first, 3), `SALESBOOK_BIN`.
//! Prints Markdown for BENCHMARKS.md.

mod harness;
mod tui_audit;

use anyhow::{Context, Result, bail};
use harness::{BookSpec, Salesbook, Stats, Table, ms};
use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

const ROWS: u16 = 40;
const COLS: u16 = 120;
/// No output for this long after a frame: it is complete.
const QUIET: Duration = Duration::from_millis(5);
/// The longest a frame may take before the run counts as failed.
const PATIENCE: Duration = Duration::from_secs(30);

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("bench tui: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// The terminal the app draws into, as a terminal emulator sees it, shared with the thread
/// that reads the pty.
struct Screen {
    parser: vt100::Parser,
    /// When the last chunk of output was read.
    last_chunk: Instant,
    closed: bool,
}

struct Session {
    screen: Arc<(Mutex<Screen>, Condvar)>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    started: Instant,
}

impl Session {
    fn start(sb: &Salesbook, book: &Path, home: &Path) -> Result<Session> {
        Session::start_args(sb, &["--db".as_ref(), book.as_os_str()], home)
    }

    /// The app run with `args` (`--db BOOK`, or `audit BOOK`).
    fn start_args(sb: &Salesbook, args: &[&std::ffi::OsStr], home: &Path) -> Result<Session> {
        let pty = native_pty_system().openpty(PtySize {
            rows: ROWS,
            cols: COLS,
            pixel_width: 0,
            pixel_height: 0,
        })?;
        let mut cmd = CommandBuilder::new(&sb.bin);
        cmd.args(args);
        cmd.env("SALESBOOK_NOW", harness::NOW);
        cmd.env("HOME", home);
        cmd.env("XDG_CONFIG_HOME", home.join("config"));
        cmd.env("XDG_DATA_HOME", home.join("data"));
        cmd.env("USER", harness::ACTOR);
        cmd.env("TERM", "xterm-256color");
        let started = Instant::now();
        let child = pty.slave.spawn_command(cmd)?;
        drop(pty.slave);
        let screen = Arc::new((
            Mutex::new(Screen {
                parser: vt100::Parser::new(ROWS, COLS, 0),
                last_chunk: Instant::now(),
                closed: false,
            }),
            Condvar::new(),
        ));
        let mut reader = pty.master.try_clone_reader()?;
        let sink = Arc::clone(&screen);
        std::thread::spawn(move || {
            let mut buf = [0u8; 65536];
            loop {
                let n = reader.read(&mut buf).unwrap_or(0);
                let (lock, cv) = &*sink;
                let mut s = lock.lock().unwrap();
                if n == 0 {
                    s.closed = true;
                    cv.notify_all();
                    return;
                }
                s.parser.process(&buf[..n]);
                s.last_chunk = Instant::now();
                cv.notify_all();
            }
        });
        let writer = pty.master.take_writer()?;
        std::mem::forget(pty.master);
        Ok(Session {
            screen,
            writer,
            child,
            started,
        })
    }

    /// Waits until `done` holds for the screen and the frame is complete (no more output
    /// for [`QUIET`]); returns when the frame's last bytes arrived. A frame may reach the
    /// pty in several chunks: the first one alone is not the frame.
    fn wait(&self, what: &str, done: impl Fn(&vt100::Screen) -> bool) -> Result<Instant> {
        let (lock, cv) = &*self.screen;
        let deadline = Instant::now() + PATIENCE;
        let mut s = lock.lock().unwrap();
        loop {
            if done(s.parser.screen()) {
                loop {
                    let last = s.last_chunk;
                    let (next, timeout) = cv.wait_timeout(s, QUIET).unwrap();
                    s = next;
                    if timeout.timed_out() && s.last_chunk == last {
                        return Ok(last);
                    }
                }
            }
            if s.closed {
                bail!("the app ended while waiting for {what}");
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                bail!(
                    "never saw {what}; the screen:\n{}",
                    s.parser.screen().contents()
                );
            }
            s = cv.wait_timeout(s, left).unwrap().0;
        }
    }

    fn formatted(&self) -> Vec<u8> {
        self.screen
            .0
            .lock()
            .unwrap()
            .parser
            .screen()
            .contents_formatted()
    }

    fn contents(&self) -> String {
        self.screen.0.lock().unwrap().parser.screen().contents()
    }

    /// Sends `keys` and times until `done` holds.
    fn press(
        &mut self,
        keys: &str,
        what: &str,
        done: impl Fn(&vt100::Screen) -> bool,
    ) -> Result<Duration> {
        let t = Instant::now();
        self.writer.write_all(keys.as_bytes())?;
        self.writer.flush()?;
        Ok(self.wait(what, done)?.duration_since(t))
    }

    /// Sends `keys` and times until the screen (text or colours) changes.
    fn press_any(&mut self, keys: &str, what: &str) -> Result<Duration> {
        let before = self.formatted();
        self.press(keys, what, move |s| s.contents_formatted() != before)
    }

    /// Peak resident memory of the app, from /proc (kB).
    fn peak_rss_kb(&self) -> Option<u64> {
        let pid = self.child.process_id()?;
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
        status
            .lines()
            .find(|l| l.starts_with("VmHWM:"))?
            .split_whitespace()
            .nth(1)?
            .parse()
            .ok()
    }

    fn quit(mut self) -> Result<()> {
        self.writer.write_all(b"q")?;
        self.writer.flush()?;
        let deadline = Instant::now() + PATIENCE;
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait()? {
                if !status.success() {
                    bail!("the app exited with {status:?}");
                }
                return Ok(());
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        self.child.kill()?;
        bail!("the app did not quit")
    }
}

/// Today's header with its section totals: the first frame with content.
fn today_shown(s: &vt100::Screen) -> bool {
    let c = s.contents();
    c.contains("已逾期") && c.contains("●")
}

/// A private home with a config that has the rep's name (no first-run question) and OSC 52
/// as the only clipboard (no tool is run).
fn home() -> Result<PathBuf> {
    let home = harness::target_dir().join("bench-tui-home");
    let config = home.join("config/salesbook");
    std::fs::create_dir_all(&config)?;
    std::fs::write(
        config.join("config.toml"),
        "[me]\nname = \"bench\"\n[clipboard]\nmode = \"osc52\"\n",
    )?;
    Ok(home)
}

/// A copy of the benchmark book the runs may write to (stage moves, copies).
fn scratch(book: &Path) -> Result<PathBuf> {
    let to = harness::target_dir().join("bench-tui-scratch.sqlite");
    for suffix in ["", "-wal", "-shm"] {
        let mut p = to.clone().into_os_string();
        p.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
    std::fs::copy(book, &to).with_context(|| format!("cannot copy {}", book.display()))?;
    Ok(to)
}

struct Row {
    book: String,
    /// The work behind the keys, timed in this process on the same book.
    pieces: Vec<(&'static str, harness::Timing)>,
    first_frame: Stats,
    first_content: Stats,
    keys: Vec<(&'static str, Stats)>,
    rss_kb: Option<u64>,
}

fn run() -> Result<()> {
    let starts = harness::env_usize("SALESBOOK_BENCH_STARTS", 20)?.max(1);
    let presses = harness::env_usize("SALESBOOK_BENCH_KEYS", 60)?.max(2);
    let warmup = harness::env_usize("SALESBOOK_BENCH_WARMUP", 3)?;
    let sb = Salesbook::find()?;
    let home = home()?;
    println!(
        "# TUI in a pty at {COLS}×{ROWS} — {} — load {} — {starts} starts, {presses} presses per key, {warmup} warm-up\n",
        harness::source_revision(),
        harness::load_average()
    );
    // `SALESBOOK_BENCH_CASES`: `app` (the rep's app), `audit` (the lead's), or both.
    let cases = std::env::var("SALESBOOK_BENCH_CASES").unwrap_or_else(|_| "app,audit".into());
    let mut rows = Vec::new();
    let mut audits = Vec::new();
    for spec in BookSpec::chosen() {
        let demo = harness::demo_book(&spec)?;
        if cases.contains("audit") {
            eprintln!("bench tui: audit of {}", spec.label());
            let n = tui_audit::starts()?;
            audits.push(tui_audit::measure(
                &sb,
                &home,
                &demo.path,
                spec.label(),
                n,
                warmup,
            )?);
        }
        if !cases.contains("app") {
            continue;
        }
        let book = scratch(&demo.path)?;
        eprintln!("bench tui: {} ({} contacts)", spec.label(), demo.contacts);
        let pieces = pieces(&book, presses, warmup)?;
        // A fresh copy: the pieces wrote to that one.
        let book = scratch(&demo.path)?;
        let mut row = measure_book(&sb, &home, &book, &spec, starts, presses, warmup)?;
        row.pieces = pieces;
        rows.push(row);
    }
    if !rows.is_empty() {
        print_tables(&rows);
    }
    if !audits.is_empty() {
        tui_audit::print(&audits);
    }
    println!("\nload at the end: {}", harness::load_average());
    Ok(())
}

fn measure_book(
    sb: &Salesbook,
    home: &Path,
    book: &Path,
    spec: &BookSpec,
    starts: usize,
    presses: usize,
    warmup: usize,
) -> Result<Row> {
    // Starts: spawn to the first frame (anything drawn), and to Today's rows.
    let (mut first, mut content) = (Vec::new(), Vec::new());
    for i in 0..warmup + starts {
        let s = Session::start(sb, book, home)?;
        let painted = s.wait("a first frame", |sc| !sc.contents().trim().is_empty())?;
        let shown = s.wait("Today", today_shown)?;
        if i >= warmup {
            first.push(painted.duration_since(s.started));
            content.push(shown.duration_since(s.started));
        }
        s.quit()?;
    }

    // Keys, in one session, each timed to the frame that shows its effect.
    let mut s = Session::start(sb, book, home)?;
    s.wait("Today", today_shown)?;
    let mut keys: Vec<(&'static str, Stats)> = Vec::new();
    // Today: the selection moves down and back up.
    let mut down = true;
    keys.push((
        "Today ↓/↑ (move)",
        series(warmup, presses, &mut s, &mut |s| {
            down = !down;
            s.press_any(
                if down { "\x1b[A" } else { "\x1b[B" },
                "the selection to move",
            )
        })?,
    ));
    // The board.
    s.press("2", "the board", |sc| sc.contents().contains("理售后 "))?;
    s.wait("the board's rows", |sc| !sc.contents().contains("载入中"))?;
    // Down first: the selection starts at the top.
    let mut down = false;
    keys.push((
        "board ↓/↑ (move)",
        series(warmup, presses, &mut s, &mut |s| {
            down = !down;
            s.press_any(if down { "j" } else { "k" }, "the selection to move")
        })?,
    ));
    // Deep in a column: End reads the column's last page.
    keys.push((
        "board End/Home (jump)",
        series(warmup, presses, &mut s, &mut |s| {
            let t = s.press_any("\x1b[F", "the bottom")?;
            let u = s.press_any("\x1b[H", "the top")?;
            Ok((t + u) / 2)
        })?,
    ));
    // The first write of a day copies the book into the backups folder: make it untimed.
    s.press(">", "a first move", |sc| sc.contents().contains("已移到"))?;
    s.press("<", "a move back", |sc| {
        sc.contents().contains("已移到 挖需求")
    })?;
    // Stage moves there and back: the frame with the contact in its new column.
    let mut forward = false;
    keys.push((
        "board > / < (stage move)",
        series(warmup, presses, &mut s, &mut |s| {
            forward = !forward;
            let (key, to) = if forward {
                (">", "已移到 抛产品")
            } else {
                ("<", "已移到 挖需求")
            };
            s.press(key, "the move", move |sc| sc.contents().contains(to))
        })?,
    ));
    // Open the card and close it.
    let mut open = Vec::new();
    for _ in 0..warmup + presses {
        open.push(s.press("\r", "the card", |sc| sc.contents().contains("SOP ·"))?);
        s.press("\x1b", "the board", |sc| !sc.contents().contains("SOP ·"))?;
    }
    keys.push(("open a card (Enter)", Stats::of(open.split_off(warmup))));
    // Copy a script on the card: OSC 52, logged as sent, the card read again.
    s.press("\r", "the card", |sc| sc.contents().contains("SOP ·"))?;
    let mut n = 0u32;
    keys.push((
        "copy a script (y)",
        series(warmup, presses, &mut s, &mut |s| {
            // Alternate two scripts so each copy changes the status line.
            n += 1;
            let step = if n.is_multiple_of(2) { "k" } else { "j" };
            s.press_any(step, "the next script")?;
            // The step cleared the last copy's message: this one must appear anew.
            s.press("y", "the copy", |sc| {
                let c = sc.contents();
                c.contains("已复制") && c.contains("已记入")
            })
        })?,
    ));
    s.press("\x1b", "the board", |sc| !sc.contents().contains("SOP ·"))?;
    // Search: each typed character's echo, and the results for it.
    s.press("/", "search", |sc| sc.contents().contains("搜索客户"))?;
    let (mut echo, mut results) = (Vec::new(), Vec::new());
    for i in 0..warmup + presses {
        let q = ["王", "l", "y"][i % 3];
        let typed = s.screen_query();
        let want = format!("/ {typed}{q}");
        let t = Instant::now();
        s.writer.write_all(q.as_bytes())?;
        s.writer.flush()?;
        let shown = s.wait("the typed character", |sc| sc.contents().contains(&want))?;
        let found = s.wait("the results", |sc| {
            let c = sc.contents();
            c.contains(&want) && c.contains("个结果")
        })?;
        if i >= warmup {
            echo.push(shown.duration_since(t));
            results.push(found.duration_since(t));
        }
        if i % 3 == 2 {
            s.press_any("\x7f\x7f\x7f", "the query cleared")?;
            s.wait("an empty query", |sc| sc.contents().contains("输入姓名"))?;
        }
    }
    keys.push(("search: a typed character shown", Stats::of(echo)));
    keys.push(("search: its results shown", Stats::of(results)));
    let rss_kb = s.peak_rss_kb();
    let screen = s.contents();
    s.press("\x1b", "search closed", |sc| {
        !sc.contents().contains("搜索客户")
    })?;
    s.quit()
        .with_context(|| format!("last screen:\n{screen}"))?;
    Ok(Row {
        pieces: Vec::new(),
        book: spec.label(),
        first_frame: Stats::of(first),
        first_content: Stats::of(content),
        keys,
        rss_kb,
    })
}

/// `warmup` untimed then `presses` timed runs of `f`.
fn series(
    warmup: usize,
    presses: usize,
    s: &mut Session,
    f: &mut dyn FnMut(&mut Session) -> Result<Duration>,
) -> Result<Stats> {
    for _ in 0..warmup {
        f(s)?;
    }
    let mut v = Vec::with_capacity(presses);
    for _ in 0..presses {
        v.push(f(s)?);
    }
    Ok(Stats::of(v))
}

impl Session {
    /// What the search line holds now (after "/ ").
    fn screen_query(&self) -> String {
        let c = self.contents();
        c.lines()
            .find_map(|l| l.split("│/ ").nth(1))
            .map(|rest| rest.split('│').next().unwrap_or("").trim_end().to_string())
            .unwrap_or_default()
    }
}

/// The reads and writes behind the keys, in this process, on a scratch book: what a key's
/// latency is made of.
fn pieces(book: &Path, n: usize, warmup: usize) -> Result<Vec<(&'static str, harness::Timing)>> {
    use salesbook::clock::Clock;
    use salesbook::domain::Stage;
    use salesbook::domain::command::Command;
    use salesbook::service::{BoardFilter, Book, Session};
    let mut out = Vec::new();
    // Opening as the app does: config, the template the book follows, the store.
    let ctx = salesbook::context::Context {
        config: Default::default(),
        clock: Clock::parse(harness::NOW)?,
        db_path: book.to_path_buf(),
        config_dir: harness::target_dir().join("bench-tui-home/config/salesbook"),
        data_dir: None,
        template: None,
    };
    let (t, ()) = harness::measure(warmup, n, || {
        std::hint::black_box(ctx.open_write(false)?);
        Ok(())
    })?;
    out.push(("opening the book (Context::open_write)", t));
    let session = Session::with_default_template(Clock::parse(harness::NOW)?, harness::ACTOR);
    let mut b = Book::open(book, session, false)?;
    let f = BoardFilter::default();
    let first = b.view().board_page(Stage::Discover, &f, None, 1)?;
    let id = first.first().context("an empty first column")?.id;
    let mut time = |name: &'static str, f: &mut dyn FnMut() -> Result<()>| -> Result<()> {
        let (t, ()) = harness::measure(warmup, n, &mut *f)?;
        out.push((name, t));
        Ok(())
    };
    // As commands write (a checkpoint after each write), and as the app does (deferred).
    for (name, defer) in [
        ("Book::execute(Move), checkpoint each write", false),
        ("Book::execute(Move), checkpoint deferred (the app)", true),
    ] {
        if defer {
            b.defer_checkpoints();
        }
        let mut forward = false;
        time(name, &mut || {
            forward = !forward;
            let to = if forward {
                Stage::Pitch
            } else {
                Stage::Discover
            };
            b.execute(Command::Move { id, to })?;
            Ok(())
        })?;
    }
    // The counts the app reads after a stage move: kept from the log, one entry each.
    let mut kept = None;
    b.view().board_counts_kept(&f, &mut kept)?;
    let mut forward = false;
    time("a stage move, then View::board_counts_kept", &mut || {
        forward = !forward;
        let to = if forward {
            Stage::Pitch
        } else {
            Stage::Discover
        };
        b.execute(Command::Move { id, to })?;
        std::hint::black_box(b.view().board_counts_kept(&f, &mut kept)?);
        Ok(())
    })?;
    let v = b.view();
    time("View::board_counts (5 columns counted)", &mut || {
        std::hint::black_box(v.board_counts(&f)?);
        Ok(())
    })?;
    time("View::board_around (a column window)", &mut || {
        std::hint::black_box(v.board_around(id, &f, 40, 80)?);
        Ok(())
    })?;
    let date = v.clock().local(v.now()).date_naive();
    time("View::agenda (Today, 30 a section)", &mut || {
        std::hint::black_box(v.agenda(date, 3, 30)?);
        Ok(())
    })?;
    time("the card (contact, timeline, SOP, fields)", &mut || {
        std::hint::black_box((
            v.contact(id)?,
            v.timeline(id)?,
            v.scripts_for(v.template(), id, None)?,
        ));
        Ok(())
    })?;
    Ok(out)
}

fn print_tables(rows: &[Row]) {
    let mut t = Table::new(&[
        "book",
        "first frame p50",
        "p99",
        "Today shown p50",
        "p99",
        "peak RSS",
    ]);
    for r in rows {
        t.row(vec![
            r.book.clone(),
            ms(r.first_frame.p50),
            ms(r.first_frame.p99),
            ms(r.first_content.p50),
            ms(r.first_content.p99),
            r.rss_kb
                .map_or("-".into(), |kb| format!("{:.1} MiB", kb as f64 / 1024.0)),
        ]);
    }
    println!("Starting, spawn to frame (ms):\n\n{}", t.render());
    let mut k = Table::new(&["key", "book", "p50 ms", "p99 ms", "max ms"]);
    for name in rows
        .first()
        .map(|r| r.keys.iter().map(|(n, _)| *n).collect::<Vec<_>>())
        .unwrap_or_default()
    {
        for r in rows {
            if let Some((_, st)) = r.keys.iter().find(|(n, _)| *n == name) {
                k.row(vec![
                    name.to_string(),
                    r.book.clone(),
                    ms(st.p50),
                    ms(st.p99),
                    ms(st.max),
                ]);
            }
        }
    }
    println!("Keystroke to the frame that shows it:\n\n{}", k.render());
    let mut p = Table::new(&[
        "in process",
        "book",
        "p50 ms",
        "p99 ms",
        "max ms",
        "p50 CPU ms",
    ]);
    let names: Vec<&str> = rows
        .first()
        .map(|r| r.pieces.iter().map(|(n, _)| *n).collect())
        .unwrap_or_default();
    for (i, name) in names.iter().enumerate() {
        for r in rows {
            if let Some((_, t)) = r.pieces.get(i) {
                p.row(vec![
                    name.to_string(),
                    r.book.clone(),
                    ms(t.wall.p50),
                    ms(t.wall.p99),
                    ms(t.wall.max),
                    t.cpu.map_or("-".into(), |c| ms(c.p50)),
                ]);
            }
        }
    }
    println!("What the keys wait for, in process:\n\n{}", p.render());
}
