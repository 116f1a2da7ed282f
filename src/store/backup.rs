//! Copies of a book through SQLite's backup API: consistent while other connections read
//! and write, and private (0600) like the book.

use anyhow::{Context, Result, bail};
use rusqlite::backup::Backup;
use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Pages copied per step; between steps other connections may write.
const PAGES_PER_STEP: std::ffi::c_int = 1024;

/// Copies the book open on `conn` to a new file `to` (which must not exist).
pub(super) fn copy_book(conn: &Connection, to: &Path) -> Result<()> {
    if to.exists() {
        bail!(
            "{} already exists; a backup never overwrites a file",
            to.display()
        );
    }
    if let Some(dir) = to.parent().filter(|d| !d.as_os_str().is_empty()) {
        private_dir(dir)?;
    }
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    opts.open(to)
        .with_context(|| format!("cannot create {}", to.display()))?;
    let result = (|| -> Result<()> {
        let mut dst = Connection::open_with_flags(
            to,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        {
            let backup = Backup::new(conn, &mut dst)?;
            backup.run_to_completion(PAGES_PER_STEP, Duration::from_millis(5), None)?;
        }
        // The copy carries the book's WAL flag; fold everything into the one file so the
        // backup is a single self-contained file.
        dst.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")?;
        dst.close().map_err(|(_, e)| e)?;
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(to);
    }
    result.with_context(|| format!("cannot write the backup {}", to.display()))
}

/// Copies the book at `from` over the book open on `conn`, in place.
pub(super) fn restore_into(conn: &mut Connection, from: &Path) -> Result<()> {
    let src = Connection::open_with_flags(
        from,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .with_context(|| format!("cannot open {}", from.display()))?;
    let backup = Backup::new(&src, conn)?;
    // Waits for another writer as a write does (the busy timeout), not for ever: the
    // backup API retries a locked book without end.
    let deadline = std::time::Instant::now() + RESTORE_WAIT;
    loop {
        use rusqlite::backup::StepResult;
        let step = backup
            .step(PAGES_PER_STEP)
            .with_context(|| format!("cannot restore from {}", from.display()))?;
        match step {
            StepResult::Done => return Ok(()),
            StepResult::More => {}
            StepResult::Busy | StepResult::Locked => {
                if std::time::Instant::now() >= deadline {
                    return Err(anyhow::Error::new(super::WriteFailed::Blocked(
                        "the book stayed locked".into(),
                    )));
                }
                std::thread::sleep(Duration::from_millis(5));
            }
            _ => std::thread::sleep(Duration::from_millis(5)),
        }
    }
}

/// How long a restore waits for another process's write to end (as a write does).
const RESTORE_WAIT: Duration = Duration::from_secs(10);

fn private_dir(dir: &Path) -> Result<()> {
    if dir.exists() {
        return Ok(());
    }
    let mut b = std::fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        b.mode(0o700);
    }
    b.create(dir)
        .with_context(|| format!("cannot create {}", dir.display()))
}

/// The file-name prefix of a book's automatic backups: its name and a short hash of its
/// full path, so two books called `book.sqlite` in different folders never mix.
fn prefix(book: &Path) -> String {
    let abs = std::path::absolute(book).unwrap_or_else(|_| book.to_path_buf());
    let stem = book
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_else(|| "book".into());
    let hash = super::events::sha256_hex(abs.to_string_lossy().as_bytes());
    format!("{stem}-{}", &hash[..8])
}

/// A fresh path in `dir` for an automatic backup of `book`.
pub(super) fn auto_backup_path(dir: &Path, book: &Path, reason: &str) -> PathBuf {
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    let base = format!("{}-{stamp}-{reason}", prefix(book));
    let mut path = dir.join(format!("{base}.sqlite"));
    let mut n = 2;
    while path.exists() {
        path = dir.join(format!("{base}-{n}.sqlite"));
        n += 1;
    }
    path
}

/// A path for an automatic backup, made by `copy` (the caller's store).
/// A backup of the book at `book` to `to` through a read-only connection of its own (for a
/// copy made beside the book's writer).
pub fn backup_book_at(book: &Path, to: &Path) -> Result<()> {
    let conn = Connection::open_with_flags(
        book,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    copy_book(&conn, to)
}

pub fn backup_file(dir: &Path, book: &Path, reason: &str) -> PathBuf {
    auto_backup_path(dir, book, reason)
}

/// `book`'s backups in `dir` (automatic and on request), oldest first, with when each was
/// written and its size.
pub fn backups_of(dir: &Path, book: &Path) -> Vec<(std::time::SystemTime, PathBuf, u64)> {
    let prefix = format!("{}-", prefix(book));
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut ours: Vec<(std::time::SystemTime, PathBuf, u64)> = entries
        .filter_map(|e| e.ok())
        .filter(|e| {
            let name = e.file_name().to_string_lossy().to_string();
            name.starts_with(&prefix) && name.ends_with(".sqlite")
        })
        .filter_map(|e| {
            let meta = e.metadata().ok()?;
            Some((meta.modified().ok()?, e.path(), meta.len()))
        })
        .collect();
    ours.sort();
    ours
}

/// Keeps the newest `keep` automatic backups of `book` in `dir`, removing older ones.
pub fn prune_backups(dir: &Path, book: &Path, keep: usize) {
    let ours = backups_of(dir, book);
    let extra = ours.len().saturating_sub(keep.max(1));
    for (_, path, _) in ours.into_iter().take(extra) {
        let _ = std::fs::remove_file(path);
    }
}
