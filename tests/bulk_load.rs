//! A large load of new contacts (a demo book, an import into a small book) drops the
//! loaded tables' secondary indexes and builds them again at the end (`store/bulk.rs`).
//! Checked against the plain way, the same contacts written in batches too small for that:
//! the same schema, the same rows, and indexes that agree with their tables.

mod common;

use common::open_book;
use rusqlite::Connection;
use salesbook::domain::command::{BatchKind, Command, SeedContact};
use salesbook::service::demo::{DemoOptions, generate};

/// More seeds than the bulk threshold (`service::apply::BULK_LOAD`, 1,000).
const CONTACTS: u64 = 1_200;
/// Below the threshold: the plain way.
const SMALL: usize = 150;

fn seeds(seed: u64) -> Vec<SeedContact> {
    let built_at = chrono::DateTime::parse_from_rfc3339(common::NOW)
        .unwrap()
        .to_utc();
    let opts = DemoOptions {
        contacts: CONTACTS,
        interactions: CONTACTS * 4,
        seed,
        ..DemoOptions::default()
    };
    generate(&opts, built_at).collect()
}

fn load(path: &std::path::Path, seeds: Vec<SeedContact>, per_batch: usize) {
    let mut book = open_book(path, common::NOW);
    let mut seeds = seeds.into_iter().peekable();
    while seeds.peek().is_some() {
        let commands = seeds
            .by_ref()
            .take(per_batch)
            .map(|s| Command::Seed(Box::new(s)))
            .collect();
        book.execute(Command::Batch {
            kind: BatchKind::Import,
            commands,
        })
        .unwrap();
    }
}

/// Every row of the tables a load fills, as text, in rowid order.
fn rows(conn: &Connection) -> Vec<String> {
    let mut out = Vec::new();
    for table in [
        "contacts",
        "contact_tags",
        "interactions",
        "followups",
        "stage_history",
        "purchases",
    ] {
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM {table} ORDER BY 1, 2"))
            .unwrap();
        let n = stmt.column_count();
        let mut q = stmt.query([]).unwrap();
        while let Some(r) = q.next().unwrap() {
            let cells: Vec<String> = (0..n)
                .map(|i| format!("{:?}", r.get_ref(i).unwrap()))
                .collect();
            out.push(format!("{table}: {}", cells.join("|")));
        }
    }
    out
}

fn schema(conn: &Connection) -> Vec<(String, String, Option<String>)> {
    conn.prepare("SELECT type, name, sql FROM sqlite_schema ORDER BY type, name")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

/// The secondary indexes of the loaded tables, in the order the book's schema lists them
/// (the order they were last created in).
fn index_order(conn: &Connection) -> Vec<String> {
    conn.prepare(
        "SELECT name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL \
         AND tbl_name IN ('contacts', 'contact_tags', 'interactions', 'followups', \
         'stage_history', 'purchases', 'appointments') ORDER BY rowid",
    )
    .unwrap()
    .query_map([], |r| r.get(0))
    .unwrap()
    .map(Result::unwrap)
    .collect()
}

fn integrity(conn: &Connection) -> String {
    conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn a_bulk_load_leaves_the_book_a_row_by_row_load_leaves() {
    for seed in [7, 2024] {
        let dir = tempfile::tempdir().unwrap();
        let (bulk, plain) = (
            dir.path().join("bulk.sqlite"),
            dir.path().join("plain.sqlite"),
        );
        load(&bulk, seeds(seed), usize::MAX);
        load(&plain, seeds(seed), SMALL);
        let (b, p) = (
            Connection::open(&bulk).unwrap(),
            Connection::open(&plain).unwrap(),
        );
        assert_eq!(
            schema(&b),
            schema(&p),
            "seed {seed}: the indexes are not all back"
        );
        // The bulk load did take the other way: its indexes were created again, in name
        // order, after everything else; the plain load's stand in the migrations' order.
        let (ob, op) = (index_order(&b), index_order(&p));
        let mut sorted = ob.clone();
        sorted.sort();
        assert_eq!(ob, sorted, "seed {seed}: the bulk load kept its indexes");
        assert_ne!(op, sorted, "seed {seed}: the small batches loaded in bulk");
        assert_eq!(integrity(&b), "ok", "seed {seed}");
        assert_eq!(integrity(&p), "ok", "seed {seed}");
        let (rb, rp) = (rows(&b), rows(&p));
        assert_eq!(rb.len(), rp.len(), "seed {seed}");
        for (x, y) in rb.iter().zip(&rp) {
            assert_eq!(x, y, "seed {seed}");
        }
        // The indexes serve reads again: an index lookup finds what a scan finds.
        let by_index: i64 = b
            .query_row(
                "SELECT count(*) FROM followups INDEXED BY followups_open_by_due \
                 WHERE status = 'open' AND due_at > 0",
                [],
                |r| r.get(0),
            )
            .unwrap();
        let by_scan: i64 = b
            .query_row(
                "SELECT count(*) FROM followups NOT INDEXED WHERE status = 'open' AND due_at > 0",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(by_index, by_scan);
        assert!(by_scan > 0);
    }
}

/// `demo` on a new book loads in bulk too, and a read after it finds every index.
#[test]
fn a_demo_book_has_every_index_back() {
    let sb = common::Sb::new();
    sb.ok(&["demo", "--contacts", "1100", "--interactions", "3000"]);
    let conn = Connection::open(sb.db()).unwrap();
    assert_eq!(integrity(&conn), "ok");
    let fresh = tempfile::tempdir().unwrap();
    let empty = fresh.path().join("empty.sqlite");
    drop(open_book(&empty, common::NOW));
    let want: Vec<_> = schema(&Connection::open(&empty).unwrap())
        .into_iter()
        .filter(|(kind, _, _)| kind == "index")
        .collect();
    let got: Vec<_> = schema(&conn)
        .into_iter()
        .filter(|(kind, _, _)| kind == "index")
        .collect();
    assert_eq!(got, want);
    // Made on one thread and written on another, 512 at a time: every contact, the last
    // part-filled hand-over too, and the same book from the same seed every time.
    let count: i64 = conn
        .query_row("SELECT count(*) FROM contacts", [], |r| r.get(0))
        .unwrap();
    assert_eq!(count, 1100);
    let again = common::Sb::new();
    again.ok(&["demo", "--contacts", "1100", "--interactions", "3000"]);
    assert_eq!(rows(&conn), rows(&Connection::open(again.db()).unwrap()));
}
