//! The book on disk: one SQLite file. The only module that writes SQL.
//!
//! Three doors: [`Reader`] opens a book with SQLite's read-only flags and has no way to
//! write; [`Store`] opens it for writing and hands out a [`Writer`] only inside a
//! `BEGIN IMMEDIATE` transaction; both give a [`Snap`], the one set of read queries.

mod agenda;
mod backup;
mod board;
mod book_rows;
mod bulk;
mod checkpoint;
mod contacts;
mod contacts_write;
mod customers;
mod events;
mod followups;
mod grades;
mod history;
mod ids;
mod interactions;
mod memory;
mod open;
mod records_seal;
mod report_input;
mod report_timeline;
mod schema;
mod search;
mod time;
mod write_failed;

pub use agenda::{AgendaRow, DAY_SECONDS, Met, Rank, RowKey, Window};
pub use backup::{backup_book_at, backup_file, backups_of, prune_backups};
pub use board::{BoardKey, BoardQuery, BoardRow};
pub use book_rows::BookRows;
pub use checkpoint::Checkpointer;
pub use contacts::{ContactFilter, ContactKey, KeyRow};
pub use contacts_write::ContactInsert;
pub use customers::NewAppointment;
pub use events::{EventRow, GENESIS_HASH};
pub use followups::Followup;
pub use history::History;
pub use interactions::RemovedInteraction;
pub use memory::{
    allow_huge_pages, avoid_huge_pages, freed_memory_delay, give_back_freed_memory,
    huge_pages_avoided, keep_freed_memory, sqlite_uses_app_allocator,
};
pub use open::OpenError;
pub use report_input::{ReportContacts, ReportTables, fill_stage_moves};
pub use report_timeline::{TimelineChunks, TimelinePart};
pub use schema::latest_version;
pub use search::{SearchHit, SearchResults, TOTAL_CAP, searchable};
pub use time::from_db as time_from_db;
pub use write_failed::{WriteFailed, damage};

use anyhow::Result;
use rusqlite::{Connection, OpenFlags, TransactionBehavior};
use std::cell::RefCell;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::domain::state::{Effect, StageRow};
use crate::domain::{ContactId, TagRef};

/// The tables [`Snap::rows_hint`] sizes lists for.
#[derive(Debug, Clone, Copy)]
pub(crate) enum RowTable {
    Contacts,
    StageHistory,
    Interactions,
    Followups,
}

/// "SBK1": marks a SQLite file as a salesbook book.
pub const APPLICATION_ID: i64 = 0x5342_4B31;

/// The read queries, over any connection: a reader's, a writer's, or a write transaction's
/// (which sees its own uncommitted changes).
#[derive(Clone, Copy)]
pub struct Snap<'c> {
    conn: &'c Connection,
    /// Where a second connection to the same book comes from; none inside a write
    /// transaction (another connection cannot see what it has not committed).
    second: Option<&'c open::SecondSource>,
}

impl<'c> Snap<'c> {
    pub(crate) fn conn(&self) -> &'c Connection {
        self.conn
    }

    /// About how many rows `table` holds, from its largest id (a lookup, not a count): a
    /// list read whole is made this size up front instead of growing by doubling, which
    /// at 100,000 contacts copied and touched twice the memory. Capped, so a book with a
    /// huge id cannot ask for more memory than a big book needs.
    pub(crate) fn rows_hint(&self, table: RowTable) -> usize {
        const CAP: i64 = 4_000_000;
        let sql = match table {
            RowTable::Contacts => "SELECT max(id) FROM contacts",
            RowTable::StageHistory => "SELECT max(id) FROM stage_history",
            RowTable::Interactions => "SELECT max(id) FROM interactions",
            RowTable::Followups => "SELECT max(id) FROM followups",
        };
        let max: Option<i64> = self.conn.query_row(sql, [], |r| r.get(0)).unwrap_or(None);
        max.unwrap_or(0).clamp(0, CAP) as usize
    }

    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        use rusqlite::OptionalExtension;
        Ok(self
            .conn
            .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
            .query_row([key], |r| r.get(0))
            .optional()?)
    }

    /// A second connection to the same book, for another thread to read beside this one;
    /// none inside a write transaction, or when it cannot be opened. Its reads begin a
    /// snapshot of their own: compare [`Snap::snapshot_mark`]s before trusting the two
    /// as one.
    pub fn second(&self) -> Option<Second> {
        let conn = self.second?.open().ok()?;
        tune(&conn).ok()?;
        Some(Second { conn })
    }

    /// What tells two snapshots of a book apart: its schema version and the log's last
    /// entry. Every change appends one entry, so two reads with the same mark see the
    /// same book.
    pub fn snapshot_mark(&self) -> Result<SnapshotMark> {
        Ok(SnapshotMark {
            schema: self.schema_version()?,
            last: events::last_entry_mark(self.conn)?,
        })
    }

    /// SQLite's count of commits by other connections: a cheap "did the book change?".
    pub fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }
}

/// A second read-only connection to a book (see [`Snap::second`]), to move to another thread.
/// See [`Snap::snapshot_mark`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SnapshotMark {
    schema: i64,
    last: events::EntryMark,
}

pub struct Second {
    conn: Connection,
}

impl Second {
    /// Runs `f` in one read transaction on this connection.
    pub fn read<T>(&self, f: impl FnOnce(Snap<'_>) -> Result<T>) -> Result<T> {
        read_in_tx(&self.conn, None, f)
    }
}

/// A book opened only for reading. Nothing it does can change the file or its folder.
pub struct Reader {
    conn: Connection,
    path: PathBuf,
    mode: open::ReadMode,
    second: open::SecondSource,
}

impl Reader {
    /// Opens an existing book, refusing anything that is not one (with the true reason).
    pub fn open(path: &Path) -> Result<Reader, OpenError> {
        let (conn, mode, id) = open::open_identified(path)?;
        let version = open::check_identity(path, id, latest_version())?;
        if version < schema::OLDEST_READABLE_VERSION {
            return Err(OpenError::Older {
                path: path.into(),
                version,
                latest: latest_version(),
            });
        }
        tune(&conn).map_err(|err| OpenError::Sqlite {
            path: path.into(),
            err,
        })?;
        Ok(Reader {
            conn,
            path: path.to_path_buf(),
            second: open::SecondSource::for_reader(path, &mode),
            mode,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn snap(&self) -> Snap<'_> {
        Snap {
            conn: &self.conn,
            second: Some(&self.second),
        }
    }

    /// Runs `f` in one read transaction: one consistent snapshot, one lock.
    pub fn read<T>(&self, f: impl FnOnce(Snap<'_>) -> Result<T>) -> Result<T> {
        read_in_tx(&self.conn, Some(&self.second), f)
    }

    /// False when a writer changed the file while it was read without locks (a book with
    /// no `-wal` is read as immutable): the answer may then mix two states.
    pub fn still_consistent(&self) -> bool {
        match &self.mode {
            open::ReadMode::Immutable(at_open) => {
                !open::wal_path(&self.path).exists()
                    && open::stamp(&self.path).as_ref() == Some(at_open)
            }
            _ => true,
        }
    }
}

fn read_in_tx<T>(
    conn: &Connection,
    second: Option<&open::SecondSource>,
    f: impl FnOnce(Snap<'_>) -> Result<T>,
) -> Result<T> {
    conn.execute_batch("BEGIN")?;
    let out = f(Snap { conn, second });
    // A read transaction has nothing to keep: end it either way.
    let end = conn.execute_batch("COMMIT");
    let out = out?;
    end?;
    Ok(out)
}

/// How a writer found the book.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Opened {
    /// There was no book (or a zero-byte file): a new one was made.
    pub created: bool,
    /// The schema version it had, when it was upgraded.
    pub upgraded_from: Option<i64>,
    /// The backup made before upgrading.
    pub backup: Option<PathBuf>,
}

/// Where automatic backups go and how many are kept.
#[derive(Debug, Clone)]
pub struct BackupPolicy {
    pub dir: PathBuf,
    pub keep: usize,
}

/// A book opened for writing.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// Checkpoint after each write (the default), or leave it to the owner's idle moments
    /// (an app that writes while a rep waits for the screen).
    checkpoint_each_write: bool,
    second: open::SecondSource,
}

impl Store {
    /// Opens the book at `path` for writing. With `create`, a missing or zero-byte file
    /// becomes a new book; without it, that is an error. Anything that is not one of our
    /// books is refused before it is changed in any way; an older book is backed up and
    /// brought up to date.
    pub fn open(
        path: &Path,
        create: bool,
        backups: Option<&BackupPolicy>,
    ) -> Result<(Store, Opened), OpenError> {
        let mut opened = Opened::default();
        let version = match open::look(path)? {
            open::Found::Nothing | open::Found::Empty if !create => {
                return Err(if path.exists() {
                    OpenError::EmptyFile(path.into())
                } else {
                    OpenError::Missing(path.into())
                });
            }
            open::Found::Nothing | open::Found::Empty => {
                open::create_private(path)?;
                opened.created = true;
                0
            }
            open::Found::Sqlite => {
                let (conn, _mode, id) = open::open_identified(path)?;
                drop(conn);
                open::check_identity(path, id, latest_version())?
            }
        };
        if !open::writable(path) {
            return Err(OpenError::ReadOnly(path.into()));
        }
        let sqlite = |err| OpenError::Sqlite {
            path: path.into(),
            err,
        };
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(sqlite)?;
        conn.busy_timeout(Duration::from_secs(10)).map_err(sqlite)?;
        // A seeded contact's write uses some twenty statements (rusqlite keeps 16).
        conn.set_prepared_statement_cache_capacity(64);
        tune(&conn).map_err(sqlite)?;
        let mode: String = conn
            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
            .map_err(sqlite)?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(OpenError::ReadOnly(path.into()));
        }
        conn.execute_batch(
            "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA temp_store = MEMORY;",
        )
        .map_err(sqlite)?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
            checkpoint_each_write: true,
            second: open::SecondSource::for_writer(path),
        };
        if version < latest_version() {
            if version > 0
                && let Some(policy) = backups
            {
                let to = backup::auto_backup_path(&policy.dir, path, "upgrade");
                store.backup_to(&to).map_err(|e| OpenError::Io {
                    path: to.clone(),
                    err: std::io::Error::other(format!("{e:#}")),
                })?;
                prune_backups(&policy.dir, path, policy.keep);
                opened.backup = Some(to);
            }
            let from = schema::migrate(&mut store.conn).map_err(|e| OpenError::Io {
                path: path.into(),
                err: std::io::Error::other(format!("{e:#}")),
            })?;
            if from > 0 && from < latest_version() {
                opened.upgraded_from = Some(from);
            }
        }
        Ok((store, opened))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn snap(&self) -> Snap<'_> {
        Snap {
            conn: &self.conn,
            second: Some(&self.second),
        }
    }

    pub fn read<T>(&self, f: impl FnOnce(Snap<'_>) -> Result<T>) -> Result<T> {
        read_in_tx(&self.conn, Some(&self.second), f)
    }

    /// Runs `f` in a `BEGIN IMMEDIATE` transaction: the write lock is taken before anything
    /// is read, so what `f` validates is what it changes. Commits on `Ok` (re-indexing every
    /// contact the write touched first), rolls back on `Err`; then checkpoints, so readers
    /// that come later find the log fully copied and never need to write.
    pub fn write<T, E>(&mut self, f: impl FnOnce(&Writer) -> Result<T, E>) -> Result<T, E>
    where
        E: From<anyhow::Error>,
    {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| anyhow::Error::new(WriteFailed::starting(e)))?;
        let writer = Writer {
            tx: &tx,
            dirty: RefCell::default(),
            stage_log: RefCell::default(),
            journal: RefCell::default(),
            tag_ids: RefCell::default(),
            fresh: RefCell::default(),
            deferred: RefCell::default(),
            id_floors: RefCell::default(),
        };
        let out = f(&writer)?;
        // A bulk load's indexes are back before anything reads or commits.
        writer.restore_indexes()?;
        writer.reindex_dirty()?;
        tx.commit()
            .map_err(|e| anyhow::Error::new(WriteFailed::NotSaved(e.to_string())))?;
        if self.checkpoint_each_write {
            self.checkpoint();
        }
        Ok(out)
    }

    /// Copies the write-ahead log into the book. One that cannot finish (a reader is in the
    /// middle) is simply left for later.
    pub fn checkpoint(&self) {
        let _ = self.conn.execute_batch("PRAGMA wal_checkpoint(PASSIVE)");
    }

    /// Writes no longer checkpoint, not even SQLite's automatic one every thousand pages
    /// (its fsyncs are most of a small write's time): a [`Checkpointer`] on its own
    /// connection does it beside the writer, and closing does the last one.
    pub fn defer_checkpoints(&mut self) {
        self.checkpoint_each_write = false;
        let _ = self.conn.execute_batch("PRAGMA wal_autocheckpoint = 0");
    }

    /// A consistent copy of the whole book, through SQLite's backup API (safe while other
    /// connections read and write). The copy is created 0600.
    pub fn backup_to(&self, to: &Path) -> Result<()> {
        backup::copy_book(&self.conn, to)
    }

    /// Replaces the book's content with that of `from` (already checked to be a book), in
    /// place, so connections of other processes see the restored book. The ids the
    /// replaced content gave out stay given: a contact added afterwards never takes the id
    /// of one the rep saw before (an app's form still open on it would write to the
    /// newcomer, and a calendar's UID would name two follow-ups).
    pub fn restore_from(&mut self, from: &Path) -> Result<()> {
        let given = ids::highest_given(&self.conn)?;
        backup::restore_into(&mut self.conn, from)?;
        ids::keep_given(&mut self.conn, given)
    }
}

/// The write half of the store, handed out only inside a transaction by [`Store::write`].
pub struct Writer<'a> {
    tx: &'a Connection,
    /// Contacts changed by this write, re-indexed for search before it commits.
    dirty: RefCell<BTreeSet<ContactId>>,
    /// Stage-history rows added (true) or removed (false), for the log.
    stage_log: RefCell<Vec<(ContactId, StageRow, bool)>>,
    /// What undoing this write must reverse besides the contacts' fields.
    journal: RefCell<Vec<Effect>>,
    /// Tag ids already looked up in this write (an import gives thousands of contacts the
    /// same few tags).
    tag_ids: RefCell<std::collections::HashMap<TagRef, i64>>,
    /// Contacts this write created, as written: re-indexed from memory (see
    /// [`Writer::created_as`]).
    fresh: RefCell<std::collections::HashMap<ContactId, search::Fresh>>,
    /// Indexes dropped for a bulk load, to be built again before the write goes on (see
    /// [`Writer::defer_indexes`]).
    deferred: RefCell<Vec<String>>,
    /// The highest contact and follow-up ids ever given out, once read (see
    /// [`Writer::reused_id_floor`]).
    id_floors: RefCell<Option<ids::Floors>>,
}

impl Writer<'_> {
    /// Reads inside the write transaction see its own uncommitted changes.
    pub fn snap(&self) -> Snap<'_> {
        Snap {
            conn: self.tx,
            second: None,
        }
    }

    /// The contacts this write has changed so far.
    pub fn changed_contacts(&self) -> Vec<ContactId> {
        self.dirty.borrow().iter().copied().collect()
    }

    /// Marks a contact changed: it is re-indexed (and its plan re-made by the service).
    pub(crate) fn touched(&self, id: ContactId) {
        self.dirty.borrow_mut().insert(id);
        // Changed after it was created as given: read back like any other.
        let mut fresh = self.fresh.borrow_mut();
        if !fresh.is_empty() {
            fresh.remove(&id);
        }
    }

    /// The stage-history rows this write added and removed, per contact.
    pub fn stage_changes(&self) -> Vec<(ContactId, StageRow, bool)> {
        self.stage_log.borrow().clone()
    }

    /// Everything undoing this write must reverse besides contact fields, in order.
    pub fn take_journal(&self) -> Vec<Effect> {
        std::mem::take(&mut self.journal.borrow_mut())
    }

    fn record(&self, e: Effect) {
        self.journal.borrow_mut().push(e);
    }

    /// Sets (or with `None` removes) a book setting, journalled so an undo restores it.
    pub fn set_setting(&self, key: &str, value: Option<&str>) -> Result<()> {
        let before = self.snap().setting(key)?;
        if before.as_deref() == value {
            return Ok(());
        }
        self.record(Effect::Setting {
            key: key.to_string(),
            before,
            after: value.map(str::to_string),
        });
        match value {
            Some(v) => self.tx.execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, v),
            )?,
            None => self
                .tx
                .execute("DELETE FROM settings WHERE key = ?1", [key])?,
        };
        Ok(())
    }

    /// Sets a setting the app keeps for itself (when plans were made, the last automatic
    /// backup): not something an undo should bring back.
    pub fn set_internal_setting(&self, key: &str, value: &str) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO settings (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            )?
            .execute((key, value))?;
        Ok(())
    }

    /// A large page cache for a write that touches many rows (demo data, imports).
    pub fn prepare_for_bulk(&self) -> Result<()> {
        self.tx.execute_batch("PRAGMA cache_size = -262144")?;
        Ok(())
    }
}

/// The SQL of schema migration `version` (1-based), as [`Store::open`] applies it; for tests
/// that build a book as an older salesbook left it.
pub fn migration_sql(version: usize) -> Option<&'static str> {
    version
        .checked_sub(1)
        .and_then(|i| schema::MIGRATIONS.get(i))
        .copied()
}

/// Connection settings for speed that change nothing on disk.
fn tune(conn: &Connection) -> rusqlite::Result<()> {
    // Keep one plan per statement: otherwise SQLite re-prepares a cached statement whenever
    // a re-bound parameter might pick another plan (partial indexes, LIMIT ?), which turned
    // every cached lookup by id back into a parse.
    conn.set_db_config(
        rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG,
        true,
    )?;
    Ok(())
}
