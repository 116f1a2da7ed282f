//! Upkeep beside an open book: its write-ahead log copied back into the file every few
//! seconds on a thread of its own, so the rep's writes never pay for it (see
//! `Book::defer_checkpoints`).

use crate::store::Checkpointer;
use std::path::Path;
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
