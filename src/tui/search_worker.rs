//! Runs searches off the input path: the UI sends every keystroke's query, the worker
//! answers only the newest one it has, and the UI shows an answer only if it is newer
//! than what is on screen. Typing never waits for a query.

use crate::store::{Reader, SearchHit};
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender, TryRecvError, channel};
use std::thread;

pub struct SearchAnswer {
    pub seq: u64,
    pub result: Result<Vec<SearchHit>, String>,
}

pub struct SearchWorker {
    requests: Sender<(u64, String)>,
    answers: Receiver<SearchAnswer>,
}

/// How many results the overlay shows.
pub const LIMIT: usize = 50;

impl SearchWorker {
    /// Starts a thread with its own read-only connection to the book.
    pub fn start(book: PathBuf, include_archived: bool) -> SearchWorker {
        let (req_tx, req_rx) = channel::<(u64, String)>();
        let (ans_tx, ans_rx) = channel::<SearchAnswer>();
        thread::spawn(move || {
            let mut store: Option<Reader> = None;
            while let Ok(mut job) = req_rx.recv() {
                // Skip to the newest request: older ones are stale already.
                while let Ok(newer) = req_rx.try_recv() {
                    job = newer;
                }
                let (seq, query) = job;
                if store.is_none() {
                    match Reader::open(&book) {
                        Ok(s) => store = Some(s),
                        Err(e) => {
                            let _ = ans_tx.send(SearchAnswer {
                                seq,
                                result: Err(format!("{e:#}")),
                            });
                            continue;
                        }
                    }
                }
                let result = match &store {
                    Some(s) => s
                        .snap()
                        .search(&query, LIMIT, include_archived)
                        .map(|r| r.hits)
                        .map_err(|e| format!("{e:#}")),
                    None => Ok(Vec::new()),
                };
                if ans_tx.send(SearchAnswer { seq, result }).is_err() {
                    return;
                }
            }
        });
        SearchWorker {
            requests: req_tx,
            answers: ans_rx,
        }
    }

    pub fn ask(&self, seq: u64, query: &str) {
        let _ = self.requests.send((seq, query.to_string()));
    }

    /// Every answer that has arrived, without waiting.
    pub fn answers(&self) -> Vec<SearchAnswer> {
        let mut out = Vec::new();
        loop {
            match self.answers.try_recv() {
                Ok(a) => out.push(a),
                Err(TryRecvError::Empty | TryRecvError::Disconnected) => return out,
            }
        }
    }

    /// Waits for the answer to `seq` (tests use this to make results deterministic).
    pub fn wait_for(&self, seq: u64, timeout: std::time::Duration) -> Vec<SearchAnswer> {
        let deadline = std::time::Instant::now() + timeout;
        let mut out = Vec::new();
        while std::time::Instant::now() < deadline {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            match self.answers.recv_timeout(left) {
                Ok(a) => {
                    let done = a.seq >= seq;
                    out.push(a);
                    if done {
                        break;
                    }
                }
                Err(_) => break,
            }
        }
        out
    }
}
