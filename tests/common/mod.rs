//! Shared helpers for the CLI integration tests: run the real `salesbook` binary in a private
//! temporary directory with a fixed clock, and read its output.
//!
//! Every command gets `SALESBOOK_DB=<tmp>/book.sqlite`, `XDG_CONFIG_HOME=<tmp>/config`,
//! `XDG_DATA_HOME=<tmp>/data`, `HOME=<tmp>`, `USER=tester` and
//! `SALESBOOK_NOW=2026-11-23T09:30:00+08:00`, so nothing outside the temporary directory
//! is ever read or written and every time the app prints is predictable.

#![allow(dead_code)]

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The fixed "now" of every test unless a test moves the clock with [`Sb::set_now`].
pub const NOW: &str = "2026-11-23T09:30:00+08:00";

/// The user name the tests run as; the app signs writes and sets `owner` with it.
pub const USER: &str = "tester";

/// SQL that puts back the indexes schemas 8 and 9 widened, as a book before them had them
/// (the agenda's by score and by track, the timeline's by contact), and drops what schemas
/// 10 to 13 added (the open items by day, the follow-ups' cards, where contacts stand on
/// going quiet, the deadline a snoozed item missed): for tests of older books.
#[allow(dead_code)] // Not every test binary builds older books.
pub const INDEXES_BEFORE_8: &str = "DROP INDEX followups_open_by_day;
    DROP INDEX followups_open_by_score;
    CREATE INDEX followups_open_by_score ON followups (score_base, rot_from)
        WHERE status = 'open';
    DROP INDEX followups_open_by_track;
    CREATE INDEX followups_open_by_track ON followups (track, score_base)
        WHERE status = 'open';
    DROP INDEX interactions_by_contact;
    CREATE INDEX interactions_by_contact ON interactions (contact_id, at);
    ALTER TABLE followups DROP COLUMN card;
    ALTER TABLE contacts DROP COLUMN quiet_from;
    ALTER TABLE contacts DROP COLUMN quiet_wake;
    ALTER TABLE followups DROP COLUMN overdue_at;";

/// The CSV header of `list` / `show --format csv`: the JSON field names, a contract.
pub const CSV_HEADER: [&str; 20] = [
    "id",
    "name",
    "honorific",
    "phone",
    "wechat",
    "company",
    "source",
    "need",
    "budget",
    "grade",
    "stage",
    "outcome",
    "lost_reason",
    "notes",
    "owner",
    "archived",
    "tags",
    "created_at",
    "updated_at",
    "last_touch_at",
];

/// An open, ungraded contact in 挖需求 with only a name, created (and last changed) at `at`.
pub fn blank_contact(name: &str, at: chrono::DateTime<chrono::Utc>) -> salesbook::domain::Contact {
    salesbook::domain::Contact::blank(1, name, at)
}

/// The path of the built binary under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_salesbook");

/// One isolated salesbook: a temporary directory holding the book, config and data dirs.
pub struct Sb {
    dir: tempfile::TempDir,
    now: String,
}

impl Default for Sb {
    fn default() -> Self {
        Sb::new()
    }
}

impl Sb {
    pub fn new() -> Sb {
        Sb {
            dir: tempfile::tempdir().expect("cannot create a temporary directory"),
            now: NOW.to_string(),
        }
    }

    /// The temporary directory everything lives in.
    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// A path inside the temporary directory.
    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    /// The book every command uses (through `SALESBOOK_DB`) unless given `--db`.
    pub fn db(&self) -> PathBuf {
        self.path("book.sqlite")
    }

    /// Writes `contents` to `rel` inside the temporary directory, creating its folders;
    /// returns the file's path.
    pub fn write(&self, rel: &str, contents: &str) -> PathBuf {
        let path = self.path(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("cannot create the folder");
        }
        std::fs::write(&path, contents).expect("cannot write the file");
        path
    }

    /// Where the app reads the user's own SOP templates: `$XDG_CONFIG_HOME/salesbook/templates`.
    pub fn user_templates(&self) -> PathBuf {
        self.path("config/salesbook/templates")
    }

    /// Moves the fixed clock for the commands that follow.
    pub fn set_now(&mut self, now: &str) {
        self.now = now.to_string();
    }

    /// A `salesbook` command with the isolating environment set; add args and run it.
    pub fn command(&self) -> Command {
        let mut cmd = Command::new(BIN);
        cmd.current_dir(self.root())
            .env("SALESBOOK_DB", self.db())
            .env("XDG_CONFIG_HOME", self.path("config"))
            .env("XDG_DATA_HOME", self.path("data"))
            .env("HOME", self.root())
            .env("USER", USER)
            .env("SALESBOOK_NOW", &self.now)
            .env_remove("XDG_CACHE_HOME")
            .env_remove("XDG_STATE_HOME");
        cmd
    }

    /// Runs `salesbook ARGS…` and returns whatever happened.
    pub fn run(&self, args: &[&str]) -> Output {
        self.command()
            .args(args)
            .output()
            .expect("cannot start the salesbook binary")
    }

    /// Runs `salesbook ARGS…` with extra environment variables (set after the defaults, so
    /// they override them).
    pub fn run_env(&self, args: &[&str], env: &[(&str, &str)]) -> Output {
        let mut cmd = self.command();
        cmd.args(args);
        for (k, v) in env {
            cmd.env(k, v);
        }
        cmd.output().expect("cannot start the salesbook binary")
    }

    /// Runs a command that must succeed; returns its stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        expect_ok(args, self.run(args))
    }

    /// Runs a command that must fail (non-zero exit); returns its stderr.
    pub fn fail(&self, args: &[&str]) -> String {
        expect_fail(args, self.run(args))
    }

    /// Runs a command that must succeed and print JSON; returns the parsed value.
    pub fn json(&self, args: &[&str]) -> Value {
        let out = self.ok(args);
        serde_json::from_str(&out).unwrap_or_else(|e| {
            panic!(
                "`salesbook {}` did not print JSON ({e}):\n{out}",
                args.join(" ")
            )
        })
    }

    /// `add ARGS…`: returns the id it prints (and checks it prints nothing else).
    pub fn add(&self, args: &[&str]) -> i64 {
        let mut all = vec!["add"];
        all.extend_from_slice(args);
        let out = self.ok(&all);
        out.trim_end_matches('\n')
            .parse()
            .unwrap_or_else(|_| panic!("`salesbook add` should print just the id, got {out:?}"))
    }

    /// `show ID --format json`.
    pub fn contact(&self, id: i64) -> Value {
        self.json(&["show", &id.to_string(), "--format", "json"])
    }

    /// `list --all --format json` as a vector of contacts.
    pub fn all(&self) -> Vec<Value> {
        match self.json(&["list", "--all", "--format", "json"]) {
            Value::Array(items) => items,
            other => panic!("`list --format json` should print an array, got {other}"),
        }
    }

    /// Everything the book holds as the CLI shows it: every contact (archived too) with its
    /// whole timeline. Two equal snapshots mean nothing was lost or changed.
    pub fn snapshot(&self) -> Value {
        let contacts: Vec<Value> = self
            .all()
            .iter()
            .map(|c| self.contact(c["id"].as_i64().expect("contact id")))
            .collect();
        Value::Array(contacts)
    }

    /// The kinds of a contact's timeline entries, oldest first.
    pub fn kinds(&self, id: i64) -> Vec<String> {
        history(&self.contact(id))
            .iter()
            .map(|h| h["kind"].as_str().expect("kind").to_string())
            .collect()
    }
}

/// A file under `tests/fixtures/`.
pub fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}

/// The text of a file under `tests/fixtures/`.
pub fn read_fixture(rel: &str) -> String {
    let path = fixture(rel);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// The `history` array of a `show --format json` object.
pub fn history(contact: &Value) -> &Vec<Value> {
    contact["history"]
        .as_array()
        .unwrap_or_else(|| panic!("no history array in {contact}"))
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("stdout is not UTF-8")
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).expect("stderr is not UTF-8")
}

/// Asserts the command succeeded; returns its stdout.
pub fn expect_ok(args: &[&str], out: Output) -> String {
    assert!(
        out.status.success(),
        "`salesbook {}` failed ({}):\nstdout:\n{}\nstderr:\n{}",
        args.join(" "),
        out.status,
        stdout(&out),
        stderr(&out)
    );
    stdout(&out)
}

/// Asserts the command failed with a message on stderr; returns that stderr.
pub fn expect_fail(args: &[&str], out: Output) -> String {
    let err = stderr(&out);
    assert!(
        !out.status.success(),
        "`salesbook {}` should have failed but exited 0:\nstdout:\n{}\nstderr:\n{err}",
        args.join(" "),
        stdout(&out),
    );
    assert!(
        !err.trim().is_empty(),
        "`salesbook {}` failed without saying why",
        args.join(" ")
    );
    err
}

/// A book (made if missing) opened in process at `now`, on the default template, signed by
/// [`USER`].
pub fn open_book(path: &Path, now: &str) -> salesbook::service::Book {
    let clock = salesbook::clock::Clock::parse(now).expect("clock");
    let session = salesbook::service::Session::with_default_template(clock, USER);
    salesbook::service::Book::open(path, session, true).expect("open the book")
}

/// Runs a command in process; returns the contact id it replied with, if any.
pub fn exec(
    book: &mut salesbook::service::Book,
    cmd: salesbook::domain::command::Command,
) -> Option<i64> {
    match book.execute(cmd).expect("command").reply {
        salesbook::service::Reply::Contact(id) => Some(id),
        _ => None,
    }
}

/// Adds `n` contacts named `客户1`… in one batch; returns their ids.
pub fn add_many(book: &mut salesbook::service::Book, n: usize, grade: Option<&str>) -> Vec<i64> {
    use salesbook::domain::command::{BatchKind, Command};
    let commands = (1..=n)
        .map(|i| {
            Command::Add(salesbook::domain::NewContact {
                name: format!("客户{i}"),
                grade: grade.map(|g| g.parse().expect("grade")),
                ..Default::default()
            })
        })
        .collect();
    let applied = book
        .execute(Command::Batch {
            kind: BatchKind::Bulk,
            commands,
        })
        .expect("batch add");
    match applied.reply {
        salesbook::service::Reply::Batch(replies) => replies
            .into_iter()
            .filter_map(|r| match r {
                salesbook::service::Reply::Contact(id) => Some(id),
                _ => None,
            })
            .collect(),
        other => panic!("batch replied {other:?}"),
    }
}

/// Every file of a directory (recursively) as (relative name, size, sha256, mtime): equal
/// before and after means nothing was created, changed or removed — not even a timestamp.
pub fn dir_state(dir: &Path) -> Vec<(String, u64, String, std::time::SystemTime)> {
    use sha2::{Digest, Sha256};
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("read dir") {
            let e = e.expect("entry");
            let meta = std::fs::symlink_metadata(e.path()).expect("metadata");
            if meta.is_dir() {
                stack.push(e.path());
                continue;
            }
            let bytes = std::fs::read(e.path()).unwrap_or_default();
            let hash: String = Sha256::digest(&bytes)
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            out.push((
                e.path()
                    .strip_prefix(dir)
                    .expect("inside")
                    .display()
                    .to_string(),
                meta.len(),
                hash,
                meta.modified().expect("mtime"),
            ));
        }
    }
    out.sort();
    out
}

/// Everything the search index holds for a book, in a fixed order: the state and pinyin
/// rows, and every word of every full-text document where it stands (read through
/// `fts5vocab` tables in the connection's temporary schema, so the book is not written).
/// Two books index alike exactly when their snapshots are equal.
pub fn index_snapshot(book: &Path) -> Vec<Vec<String>> {
    let conn = rusqlite::Connection::open(book).expect("open the book");
    let mut queries = vec![
        "SELECT * FROM search_state ORDER BY 1".to_string(),
        "SELECT * FROM search_spell ORDER BY 1, 2, 3, 4, 5, 6, 7".to_string(),
    ];
    for t in ["search_name", "search_fields", "search_notes"] {
        conn.execute_batch(&format!(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.{t}_words USING fts5vocab(main, {t}, instance);"
        ))
        .expect("vocabulary table");
        queries.push(format!(
            "SELECT term, doc, offset FROM temp.{t}_words ORDER BY 2, 3, 1"
        ));
    }
    let mut out = Vec::new();
    for sql in queries {
        let mut stmt = conn.prepare(&sql).expect("prepare");
        let n = stmt.column_count();
        let rows = stmt
            .query_map([], |r| {
                (0..n)
                    .map(|i| Ok(format!("{:?}", r.get::<_, rusqlite::types::Value>(i)?)))
                    .collect::<rusqlite::Result<Vec<String>>>()
            })
            .expect("query")
            .collect::<rusqlite::Result<Vec<_>>>()
            .expect("rows");
        out.push(vec![sql]);
        out.extend(rows);
    }
    out
}

/// A book as a salesbook before the records' seal left it: its log's entries without
/// their `records`, the chain hashed again as that version hashed it, and no kept seal.
pub fn strip_records_seal(path: &Path) {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.execute_batch(
        "DROP TRIGGER events_no_update;
         DELETE FROM settings WHERE key = 'records_seal';",
    )
    .unwrap();
    rewrite_log(&conn, |detail| {
        let mut v: Value = serde_json::from_str(detail).unwrap();
        v.as_object_mut()
            .unwrap()
            .remove("records")
            .expect("sealed");
        serde_json::to_string(&v).unwrap()
    });
}

/// Every log entry's detail passed through `change` and the chain hashed again, as someone
/// covering their tracks would (the log's update trigger must be gone).
pub fn rewrite_log(conn: &rusqlite::Connection, change: impl Fn(&str) -> String) {
    type Row = (i64, i64, String, String, Option<i64>, Option<i64>, String);
    let rows: Vec<Row> = conn
        .prepare("SELECT id, at, actor, action, contact_id, undoes, detail FROM events ORDER BY id")
        .unwrap()
        .query_map([], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
            ))
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut prev = salesbook::store::GENESIS_HASH.to_string();
    for (id, at, actor, action, contact_id, undoes, detail) in rows {
        let e = salesbook::store::EventRow {
            id,
            at: chrono::DateTime::from_timestamp(at, 0).unwrap(),
            actor,
            action,
            contact_id,
            undoes,
            detail: change(&detail),
            hash: None,
        };
        let hash = e.expected_hash(&prev);
        conn.execute(
            "UPDATE events SET detail = ?2, hash = ?3 WHERE id = ?1",
            (id, &e.detail, &hash),
        )
        .unwrap();
        prev = hash;
    }
}
