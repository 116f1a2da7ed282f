//! Search as you type over a demo book of 100,000 contacts and 1,000,000 interactions.
//!
//! `cargo bench --bench search`. Picks realistic queries from the book itself, times
//! `Store::search(query, 50, false)` on a read-only store (as the TUI's search worker
//! calls it), then the whole `salesbook search` process. Method and figures: BENCHMARKS.md.
//!
//! Environment: `SALESBOOK_BENCH_N` (timed runs per query, 300), `SALESBOOK_BENCH_WARMUP`
//! (untimed runs first, 20), `SALESBOOK_BENCH_PROC_N` (process runs per query, 50; 0 skips
//! them), `SALESBOOK_BENCH_NOTE` (the note word), plus the harness's (see harness/mod.rs).

mod harness;

use anyhow::{Result, bail};
use harness::{BookSpec, Stats, Table, measure, measure_command, mib, ms};
use rusqlite::{Connection, OptionalExtension};
use salesbook::domain::search::readings;
use salesbook::store::SearchHit;
use std::process::ExitCode;
use std::time::Duration;

/// Results the TUI asks for per keystroke (`tui::search_worker::LIMIT`).
const LIMIT: usize = 50;

/// Note words tried in order; the first found in the book's notes is used.
const NOTE_WORDS: &[&str] = &["晚上八点", "比较敏感", "搬家计划", "另一半"];

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Name,
    Pinyin,
    Phone,
    Notes,
}

impl Kind {
    /// The goal's p99 target for one in-process search.
    fn target(self) -> Duration {
        match self {
            Kind::Notes => Duration::from_millis(20),
            Kind::Name | Kind::Pinyin | Kind::Phone => Duration::from_millis(5),
        }
    }
}

/// One query to time, and where it came from.
struct Case {
    label: &'static str,
    kind: Kind,
    query: String,
    /// How it was picked from the book.
    picked: String,
    /// Contacts (not archived) in the whole book it should find; the search returns the
    /// best [`LIMIT`] of them.
    in_book: i64,
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("bench search: error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<()> {
    let n = harness::env_usize("SALESBOOK_BENCH_N", 300)?;
    let warmup = harness::env_usize("SALESBOOK_BENCH_WARMUP", 20)?;
    let proc_n = harness::env_usize("SALESBOOK_BENCH_PROC_N", 50)?;

    let book = harness::demo_book(&BookSpec::BIG)?;
    println!("## Book\n");
    println!("- path: {}", book.path.display());
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

    let cases = pick_queries(&harness::open_sql(&book.path)?)?;
    println!("\n## Queries (picked from the book)\n");
    let mut t = Table::new(&["case", "query", "in book", "picked as"]);
    for c in &cases {
        t.row(vec![
            c.label.into(),
            format!("`{}`", c.query),
            c.in_book.to_string(),
            c.picked.clone(),
        ]);
    }
    print!("{}", t.render());

    // In process, as the TUI's search worker runs it: one read-only store, reused.
    let reader = salesbook::store::Reader::open(&book.path)?;
    let store = reader.snap();
    println!(
        "\n## Store::search(query, limit {LIMIT}, archived excluded), read-only, \
         {warmup} warm-up + {n} timed runs each\n"
    );
    let mut t = Table::new(&[
        "case",
        "query",
        "results",
        "p50 ms",
        "p99 ms",
        "max ms",
        "p99 CPU ms",
        "p99 target",
        "verdict",
        "first hit",
    ]);
    let mut empty = Vec::new();
    let mut missed = Vec::new();
    for c in &cases {
        let (timing, hits) = measure(warmup, n, || store.search(&c.query, LIMIT, false))?;
        let stats = timing.wall;
        if hits.is_empty() {
            empty.push(format!("{} `{}`", c.label, c.query));
        }
        let ok = stats.p99 <= c.kind.target();
        if !ok {
            missed.push(format!(
                "{} `{}`: p99 {} ms > {} ms",
                c.label,
                c.query,
                ms(stats.p99),
                ms(c.kind.target())
            ));
        }
        t.row(vec![
            c.label.into(),
            format!("`{}`", c.query),
            hits.len().to_string(),
            ms(stats.p50),
            ms(stats.p99),
            ms(stats.max),
            timing.cpu.map_or("-".into(), |s| ms(s.p99)),
            format!("≤ {} ms", c.kind.target().as_millis()),
            if ok { "ok" } else { "MISSED" }.into(),
            first_hit(&hits),
        ]);
    }
    print!("{}", t.render());
    drop(reader);
    if !empty.is_empty() {
        bail!(
            "these queries found nothing, so their timings measure nothing: {}",
            empty.join(", ")
        );
    }
    if missed.is_empty() {
        println!("\nAll in-process targets met.");
    } else {
        println!("\nMissed in-process targets:");
        for m in &missed {
            println!("- {m}");
        }
    }

    if proc_n == 0 {
        println!("\nload average at the end: {}", harness::load_average());
        return Ok(());
    }
    let sb = harness::Salesbook::find()?;
    println!(
        "\n## Whole process: `salesbook --db BOOK search QUERY --limit {LIMIT} --format json`, \
         3 warm-up + {proc_n} timed runs each\n\nbinary: {}\n",
        sb.bin.display()
    );
    let mut t = Table::new(&[
        "case",
        "query",
        "results",
        "p50 ms",
        "p99 ms",
        "max ms",
        "p50 × sqlite3",
    ]);
    // Yardsticks first. The floor: the binary starting and exiting without a book.
    let (floor, _) = measure_command(3, proc_n, || {
        let mut cmd = std::process::Command::new(&sb.bin);
        cmd.arg("--version");
        cmd
    })?;
    // The product brief's: the sqlite3 shell answering the name lookup's first query (one
    // indexed range read; no FTS, the system sqlite3 may be too old for the book's FTS5).
    let baseline = match harness::sqlite3_bin() {
        Some(sqlite3) => {
            let q = &cases[0].query;
            let sql = format!(
                "SELECT contact_id FROM search_grams WHERE gram = '{q}' AND archived = 0 \
                 ORDER BY class, age LIMIT {LIMIT};"
            );
            let (stats, stdout) = measure_command(3, proc_n, || {
                let mut cmd = std::process::Command::new(&sqlite3);
                cmd.arg("-readonly").arg(&book.path).arg(&sql);
                cmd
            })?;
            let results = stdout.iter().filter(|b| **b == b'\n').count();
            Some((q.clone(), results, stats))
        }
        None => None,
    };
    let ratio = |s: &Stats| match &baseline {
        Some((_, _, b)) => format!("{:.1}", s.p50.as_secs_f64() / b.p50.as_secs_f64()),
        None => "-".into(),
    };
    t.row(process_row(
        "salesbook --version (floor)",
        "",
        0,
        &floor,
        ratio(&floor),
    ));
    if let Some((q, results, stats)) = &baseline {
        t.row(process_row(
            "sqlite3 shell (baseline)",
            q,
            *results,
            stats,
            ratio(stats),
        ));
    }
    for c in &cases {
        let (stats, stdout) = measure_command(3, proc_n, || {
            let mut cmd = sb.command(&book.path);
            cmd.args(["search", &c.query, "--limit", &LIMIT.to_string()])
                .args(["--format", "json"]);
            cmd
        })?;
        let results = serde_json::from_slice::<serde_json::Value>(&stdout)?
            .as_array()
            .map_or(0, |a| a.len());
        if results == 0 {
            bail!(
                "`salesbook search {}` printed no results: {}",
                c.query,
                String::from_utf8_lossy(&stdout)
            );
        }
        t.row(process_row(
            c.label,
            &c.query,
            results,
            &stats,
            ratio(&stats),
        ));
    }
    print!("{}", t.render());
    println!("\nload average at the end: {}", harness::load_average());
    Ok(())
}

fn process_row(label: &str, query: &str, results: usize, s: &Stats, ratio: String) -> Vec<String> {
    vec![
        label.into(),
        if query.is_empty() {
            "-".into()
        } else {
            format!("`{query}`")
        },
        results.to_string(),
        ms(s.p50),
        ms(s.p99),
        ms(s.max),
        ratio,
    ]
}

fn first_hit(hits: &[SearchHit]) -> String {
    hits.first().map_or("-".into(), |h| {
        format!("{} ({})", h.contact.name, h.matched)
    })
}

/// Picks every query from the book, deterministically: the most common surname, then what
/// a user typing a name in it would type next, and so on.
fn pick_queries(db: &Connection) -> Result<Vec<Case>> {
    let one = |sql: &str, args: &[&dyn rusqlite::ToSql]| -> Result<String> {
        db.query_row(sql, args, |r| r.get::<_, String>(0))
            .optional()?
            .ok_or_else(|| anyhow::anyhow!("the book has nothing for: {sql}"))
    };
    let count = |sql: &str, q: &str| -> Result<i64> { Ok(db.query_row(sql, [q], |r| r.get(0))?) };
    let names_with = "SELECT count(*) FROM contacts WHERE archived = 0 AND instr(name, ?1) > 0";

    let surname = one(
        "SELECT substr(name, 1, 1) AS s FROM contacts WHERE archived = 0 \
         GROUP BY s ORDER BY count(*) DESC, s LIMIT 1",
        &[],
    )?;
    let name3 = one(
        "SELECT name FROM contacts WHERE archived = 0 AND length(name) = 3 \
         AND substr(name, 1, 1) = ?1 GROUP BY name ORDER BY count(*) DESC, name LIMIT 1",
        &[&surname],
    )?;
    let two: String = name3.chars().take(2).collect();
    let name4 = one(
        "SELECT name FROM contacts WHERE archived = 0 AND length(name) = 4 \
         GROUP BY name ORDER BY count(*) DESC, name LIMIT 1",
        &[],
    )?;
    let name2 = one(
        "SELECT name FROM contacts WHERE archived = 0 AND length(name) = 2 \
         GROUP BY name ORDER BY count(*) DESC, name LIMIT 1",
        &[],
    )?;
    let main_readings: Vec<String> = name2
        .chars()
        .map(|c| readings(c).into_iter().next().unwrap_or_default())
        .collect();
    if main_readings.iter().any(|r| r.is_empty()) {
        bail!("no pinyin for {name2}");
    }
    let initials: String = main_readings
        .iter()
        .filter_map(|r| r.chars().next())
        .collect();
    let full = main_readings.concat();
    let pinyin_count = |key: &str| -> Result<i64> {
        let sql = if key.len() <= salesbook::domain::search::PINYIN_PREFIX_MAX {
            "SELECT count(DISTINCT contact_id) FROM search_pinyin WHERE key = ?1 AND archived = 0"
        } else {
            "SELECT count(DISTINCT contact_id) FROM search_pinyin \
             WHERE key >= ?1 AND key < ?1 || '~' AND archived = 0"
        };
        count(sql, key)
    };
    let phone = one(
        "SELECT phone FROM contacts WHERE archived = 0 AND phone IS NOT NULL \
         AND length(phone) >= 4 ORDER BY id LIMIT 1",
        &[],
    )?;
    let tail: String = phone.chars().skip(phone.chars().count() - 4).collect();
    if !tail.chars().all(|c| c.is_ascii_digit()) {
        bail!("the first phone in the book, {phone}, does not end in 4 digits");
    }

    let override_note = std::env::var("SALESBOOK_BENCH_NOTE")
        .ok()
        .filter(|s| !s.is_empty());
    let candidates: Vec<String> = match &override_note {
        Some(w) => vec![w.clone()],
        None => NOTE_WORDS.iter().map(|w| w.to_string()).collect(),
    };
    let notes_with = "SELECT count(*) FROM contacts WHERE archived = 0 AND instr(notes, ?1) > 0";
    let mut note = None;
    for w in candidates.clone() {
        let in_notes = count(notes_with, &w)?;
        if in_notes > 0 {
            note = Some((w, in_notes));
            break;
        }
    }
    let Some((note, in_notes)) = note else {
        bail!("none of the note words {candidates:?} is in the book's notes");
    };
    let timeline_entries = count(
        "SELECT count(*) FROM interactions WHERE instr(body, ?1) > 0",
        &note,
    )?;
    let with_note = count(
        "SELECT count(*) FROM contacts c WHERE archived = 0 AND (instr(notes, ?1) > 0 \
         OR EXISTS (SELECT 1 FROM interactions i WHERE i.contact_id = c.id AND instr(i.body, ?1) > 0))",
        &note,
    )?;

    Ok(vec![
        Case {
            label: "1 hanzi",
            kind: Kind::Name,
            in_book: count(names_with, &surname)?,
            picked: "most common first character of a name".into(),
            query: surname,
        },
        Case {
            label: "2 hanzi",
            kind: Kind::Name,
            in_book: count(names_with, &two)?,
            picked: format!("first two of {name3}, the most common 3-character name under it"),
            query: two,
        },
        Case {
            label: "4 hanzi",
            kind: Kind::Name,
            in_book: count(names_with, &name4)?,
            picked: "the most common 4-character name".into(),
            query: name4,
        },
        Case {
            label: "pinyin initials",
            kind: Kind::Pinyin,
            in_book: pinyin_count(&initials)?,
            picked: format!("initials of {name2}, the most common 2-character name"),
            query: initials,
        },
        Case {
            label: "full pinyin",
            kind: Kind::Pinyin,
            in_book: pinyin_count(&full)?,
            picked: format!("main reading of {name2}"),
            query: full,
        },
        Case {
            label: "4 phone digits",
            kind: Kind::Phone,
            in_book: count(
                "SELECT count(*) FROM contacts WHERE archived = 0 AND instr(phone, ?1) > 0",
                &tail,
            )?,
            picked: format!("last four digits of {phone}, the first contact's phone"),
            query: tail,
        },
        Case {
            label: "note word",
            kind: Kind::Notes,
            in_book: with_note,
            picked: format!(
                "{} ({in_notes} contacts' notes, {timeline_entries} timeline entries)",
                if override_note.is_some() {
                    "from SALESBOOK_BENCH_NOTE"
                } else {
                    "first of the bench's note words found in the notes"
                }
            ),
            query: note,
        },
    ])
}
