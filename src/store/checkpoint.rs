//! Copying a book's write-ahead log back into it from a connection of its own, so the
//! writer's commits never wait for it (an app that writes while a rep watches the screen).

use super::open::OpenError;
use rusqlite::{Connection, OpenFlags};
use std::path::Path;
use std::time::Duration;

/// A connection that only checkpoints.
pub struct Checkpointer {
    conn: Connection,
}

impl Checkpointer {
    /// Opens the book (already opened by a writer: nothing is created or changed here).
    pub fn open(path: &Path) -> Result<Checkpointer, OpenError> {
        let sqlite = |err| OpenError::Sqlite {
            path: path.into(),
            err,
        };
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(sqlite)?;
        conn.busy_timeout(Duration::from_millis(100))
            .map_err(sqlite)?;
        // Never its own automatic checkpoint on close: the writer's close does the last.
        conn.execute_batch("PRAGMA wal_autocheckpoint = 0")
            .map_err(sqlite)?;
        Ok(Checkpointer { conn })
    }

    /// Copies what it can of the log into the book without waiting for readers or the
    /// writer (a passive checkpoint); what it cannot copy now is copied next time.
    pub fn checkpoint(&self) {
        let _ = self.conn.execute_batch("PRAGMA wal_checkpoint(PASSIVE)");
    }
}
