//! The book on disk: one SQLite file. The only module that writes SQL.

mod contacts;
mod events;
mod followups;
mod interactions;
mod schema;
mod search;
mod time;

pub mod bulk;

pub use contacts::ContactFilter;
pub use events::Event;
pub use followups::{Followup, History};
pub use schema::latest_version;
pub use search::{SearchHit, SearchResults, TOTAL_CAP, searchable};

use anyhow::{Context, Result, bail};
use rusqlite::{Connection, OpenFlags, TransactionBehavior};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// "SBK1": marks a SQLite file as a salesbook book.
const APPLICATION_ID: i64 = 0x5342_4B31;

pub struct Store {
    conn: Connection,
    path: PathBuf,
    read_only: bool,
}

impl Store {
    /// Opens the book at `path` for reading and writing, creating it (mode 0600) if missing
    /// and bringing its schema up to date.
    pub fn open(path: &Path) -> Result<Store> {
        create_private_file(path)?;
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .with_context(|| format!("cannot open the book {}", path.display()))?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
            read_only: false,
        };
        store.configure()?;
        store.migrate()?;
        Ok(store)
    }

    /// Opens an existing book without ever writing to it.
    pub fn open_read_only(path: &Path) -> Result<Store> {
        if !path.exists() {
            bail!("no book at {}", path.display());
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .with_context(|| format!("cannot open the book {}", path.display()))?;
        let store = Store {
            conn,
            path: path.to_path_buf(),
            read_only: true,
        };
        store.conn.busy_timeout(Duration::from_secs(5))?;
        tune(&store.conn)?;
        store.check_identity()?;
        let v = store.schema_version()?;
        if v != latest_version() {
            bail!(
                "the book {} has schema version {v}; this salesbook reads version {} \
                 (open it once read-write to upgrade it)",
                path.display(),
                latest_version()
            );
        }
        Ok(store)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Runs `f` inside one read transaction: a command that issues many small reads takes
    /// the shared lock once instead of once per statement.
    pub fn read<T>(&self, f: impl FnOnce() -> Result<T>) -> Result<T> {
        self.conn.execute_batch("BEGIN")?;
        let out = f();
        // A read transaction has nothing to keep: end it either way.
        let end = self.conn.execute_batch("COMMIT");
        let out = out?;
        end?;
        Ok(out)
    }

    /// Runs `f` in a `BEGIN IMMEDIATE` transaction: the write lock is taken up front, so two
    /// writers queue instead of failing half-way. Commits on `Ok`, rolls back on `Err`.
    pub fn write<T>(&mut self, f: impl FnOnce(&Writer) -> Result<T>) -> Result<T> {
        if self.read_only {
            bail!("the book {} is open read-only", self.path.display());
        }
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .context("cannot start a write (is another salesbook writing?)")?;
        let writer = Writer {
            tx: &tx,
            dirty: Default::default(),
        };
        let out = f(&writer)?;
        // Every contact the write touched is re-indexed in the same transaction.
        writer.reindex_dirty()?;
        tx.commit().context("cannot save the change")?;
        Ok(out)
    }

    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    fn configure(&mut self) -> Result<()> {
        self.conn.busy_timeout(Duration::from_secs(5))?;
        tune(&self.conn)?;
        // Identify the file before changing anything in it: switching another program's
        // database to WAL would rewrite its header even though we then refuse it.
        self.check_identity()?;
        let mode: String = self
            .conn
            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
            .map_err(|e| not_a_book(&self.path, e))?;
        if !mode.eq_ignore_ascii_case("wal") {
            bail!(
                "cannot switch {} to WAL mode (got {mode})",
                self.path.display()
            );
        }
        self.conn.execute_batch(
            "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA temp_store = MEMORY;",
        )?;
        Ok(())
    }

    /// Refuses SQLite files that belong to another program.
    fn check_identity(&self) -> Result<()> {
        let app_id: i64 = self
            .conn
            .query_row("PRAGMA application_id", [], |r| r.get(0))
            .map_err(|e| not_a_book(&self.path, e))?;
        let tables: i64 = self
            .conn
            .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
            .map_err(|e| not_a_book(&self.path, e))?;
        if app_id != APPLICATION_ID && tables > 0 {
            bail!(
                "{} is an SQLite database of another program, not a salesbook book",
                self.path.display()
            );
        }
        Ok(())
    }

    fn migrate(&mut self) -> Result<()> {
        let latest = latest_version();
        // Nearly every open finds the schema current: check that without the write lock, so a
        // read never waits behind (or fails because of) another process's write.
        if self.schema_version()? == latest {
            return Ok(());
        }
        let path = self.path.display().to_string();
        self.write(|w| {
            let tx = w.tx;
            let current: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
            if current > latest {
                bail!(
                    "the book {path} was written by a newer salesbook (schema version {current}; \
                     this build knows up to {latest}); upgrade salesbook to open it"
                );
            }
            for (i, sql) in schema::MIGRATIONS.iter().enumerate().skip(current as usize) {
                tx.execute_batch(sql)
                    .with_context(|| format!("schema migration {} failed", i + 1))?;
            }
            if current < schema::SEARCH_INDEX_VERSION && current > 0 {
                search::rebuild_all(tx)?;
            }
            if current < latest {
                // user_version and application_id cannot be bound parameters; both are ours.
                tx.execute_batch(&format!(
                    "PRAGMA user_version = {latest}; PRAGMA application_id = {APPLICATION_ID};"
                ))?;
            }
            Ok(())
        })
    }

    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        use rusqlite::OptionalExtension;
        Ok(self
            .conn
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?)
    }
}

/// The write half of the store, handed out only inside a transaction by [`Store::write`].
pub struct Writer<'a> {
    tx: &'a Connection,
    /// Contacts changed by this write, re-indexed for search before it commits.
    dirty: std::cell::RefCell<std::collections::BTreeSet<crate::domain::ContactId>>,
}

impl Writer<'_> {
    /// Reads inside the write transaction see its own uncommitted changes.
    pub fn contact(&self, id: crate::domain::ContactId) -> Result<Option<crate::domain::Contact>> {
        contacts::get_contact(self.tx, id)
    }

    pub fn set_setting(&self, key: &str, value: &str) -> Result<()> {
        self.tx.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, value),
        )?;
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
fn tune(conn: &Connection) -> Result<()> {
    // Keep one plan per statement: otherwise SQLite re-prepares a cached statement whenever
    // a re-bound parameter might pick another plan (partial indexes, LIMIT ?), which turned
    // every cached lookup by id back into a parse.
    conn.set_db_config(
        rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG,
        true,
    )?;
    Ok(())
}

fn not_a_book(path: &Path, e: rusqlite::Error) -> anyhow::Error {
    anyhow::anyhow!(
        "{} is not a salesbook book (not a readable SQLite database): {e}",
        path.display()
    )
}

/// Creates the book file with owner-only permissions before SQLite touches it, so contact
/// data is never readable by other users, not even for a moment.
fn create_private_file(path: &Path) -> Result<()> {
    if path.exists() {
        if path.is_dir() {
            bail!("{} is a directory; --db needs a file path", path.display());
        }
        return Ok(());
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("cannot create the book's directory {}", dir.display()))?;
    }
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    match opts.open(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(e).with_context(|| format!("cannot create the book {}", path.display())),
    }
}
