//! The search overlay's side of the app: queries go to the worker, answers come back.

use super::{App, Screen};
use crate::tui::search_worker::SearchWorker;

impl App {
    /// Picks up finished background work; true when the screen should be redrawn.
    pub fn tick(&mut self) -> bool {
        let Some(worker) = &self.search else {
            return false;
        };
        let answers = worker.answers();
        if answers.is_empty() {
            return false;
        }
        if let Some(Screen::Search(st)) = self.screens.last_mut() {
            for a in answers {
                st.offer(a.seq, a.result);
            }
        }
        true
    }

    /// Blocks until the newest search has its results (tests; the UI never waits).
    pub fn settle_search(&mut self) {
        let (Some(worker), Some(Screen::Search(st))) = (&self.search, self.screens.last_mut())
        else {
            return;
        };
        if !st.busy() {
            return;
        }
        for a in worker.wait_for(st.sent, std::time::Duration::from_secs(10)) {
            st.offer(a.seq, a.result);
        }
    }

    /// Sends the current query to the worker; an empty query clears the results.
    pub(super) fn ask_search(&mut self) {
        let Some(Screen::Search(st)) = self.screens.last_mut() else {
            return;
        };
        let query = st.input.text().to_string();
        st.sent += 1;
        if !crate::store::searchable(&query) {
            st.offer(st.sent, Ok(Vec::new()));
            return;
        }
        let path = self.book.path().to_path_buf();
        let worker = self
            .search
            .get_or_insert_with(|| SearchWorker::start(path, false));
        worker.ask(st.sent, &query);
    }
}
