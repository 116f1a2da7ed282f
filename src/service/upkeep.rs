//! Upkeep beside an open book: its write-ahead log copied back into the file every few
//! seconds, and the day's first backup, each on a thread of its own, so the rep's writes
//! never pay for them (see `Book::defer_checkpoints`).

use crate::store::{BackupPolicy, Checkpointer};
use std::path::Path;
use std::path::PathBuf;
use std::sync::mpsc::{RecvTimeoutError, Sender, channel};
use std::thread::JoinHandle;
use std::time::Duration;

pub struct LogKeeper {
    stop: Option<Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl LogKeeper {
    /// Checkpoints the book at `path` every `every`, until dropped.
    pub fn start(path: &Path, every: Duration) -> super::error::Result<LogKeeper> {
        let cp = Checkpointer::open(path)?;
        let (tx, rx) = channel::<()>();
        let thread = std::thread::spawn(move || {
            loop {
                match rx.recv_timeout(every) {
                    Err(RecvTimeoutError::Timeout) => cp.checkpoint(),
                    _ => return,
                }
            }
        });
        Ok(LogKeeper {
            stop: Some(tx),
            thread: Some(thread),
        })
    }
}

impl Drop for LogKeeper {
    fn drop(&mut self) {
        drop(self.stop.take());
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// The day's backup of an open book, made on a thread of its own through its own read
/// connection (SQLite's backup API copies a consistent state while the writes go on).
/// Dropping it waits for a backup under way, so quitting never leaves half a copy.
#[derive(Default)]
pub struct BackupBeside {
    thread: Option<JoinHandle<()>>,
}

impl BackupBeside {
    pub fn start(&mut self, book: &Path, to: PathBuf, policy: BackupPolicy) {
        if self.thread.as_ref().is_some_and(|t| !t.is_finished()) {
            return;
        }
        let book = book.to_path_buf();
        self.thread = Some(std::thread::spawn(move || {
            if crate::store::backup_book_at(&book, &to).is_ok() {
                crate::store::prune_backups(&policy.dir, &book, policy.keep);
            }
        }));
    }
}

impl Drop for BackupBeside {
    fn drop(&mut self) {
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}
