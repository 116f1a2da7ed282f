//! One column of the board as a window onto the stage: the rows on screen plus a margin,
//! read a page at a time as the selection nears either end, never the whole stage.

use crate::store::{BoardKey, BoardRow};
use crate::tui::jobs::{Ticket, Window};
use std::cell::Cell;

/// Rows kept at most; paging further drops rows from the far end.
const KEEP: usize = 400;

#[derive(Debug, Default)]
pub struct Column {
    /// Contacts in the whole column.
    pub count: usize,
    pub rows: Vec<BoardRow>,
    /// The column index of `rows[0]`.
    pub start: usize,
    /// Selected row, as an index into `rows`.
    pub sel: usize,
    /// The column's last row is in `rows`.
    pub to_bottom: bool,
    /// First row on screen, as an index into `rows`.
    pub top: Cell<usize>,
    /// The window or page asked for and not answered yet.
    pub ticket: Option<Ticket>,
    /// When that is a page (added to the rows, below or above) rather than a window.
    pub paging: Option<bool>,
    /// Where the selection sat on screen when a reload was asked, to keep it there.
    screen_row: usize,
}

impl Column {
    pub fn current(&self) -> Option<&BoardRow> {
        self.rows.get(self.sel)
    }

    /// Remembers where the selection sits on screen before the window is read again.
    pub fn before_reload(&mut self) {
        self.screen_row = self.sel.saturating_sub(self.top.get());
    }

    pub fn set_window(&mut self, w: &Window) {
        self.rows = w.page.rows.clone();
        self.start = w.page.start;
        self.to_bottom = w.to_bottom;
        self.sel =
            w.at.unwrap_or(self.sel)
                .min(self.rows.len().saturating_sub(1));
        self.top.set(self.sel.saturating_sub(self.screen_row));
    }

    /// Adds a page read below (`down`) or above the rows.
    pub fn add_page(&mut self, mut page: Vec<BoardRow>, down: bool, asked: usize) {
        if down {
            self.to_bottom = page.len() < asked;
            self.rows.append(&mut page);
            if self.rows.len() > KEEP {
                let cut = self.rows.len() - KEEP;
                self.drop_front(cut);
            }
        } else {
            let n = page.len();
            self.start = self.start.saturating_sub(n);
            if n < asked {
                self.start = 0;
            }
            page.append(&mut self.rows);
            self.rows = page;
            self.sel += n;
            self.top.set(self.top.get() + n);
            if self.rows.len() > KEEP {
                self.rows.truncate(KEEP);
                self.to_bottom = false;
            }
        }
    }

    fn drop_front(&mut self, n: usize) {
        self.rows.drain(..n);
        self.start += n;
        self.sel = self.sel.saturating_sub(n);
        self.top.set(self.top.get().saturating_sub(n));
    }

    /// Moves the selection by `by` rows within what is loaded.
    pub fn step(&mut self, by: isize) {
        let last = self.rows.len().saturating_sub(1) as isize;
        self.sel = (self.sel as isize + by).clamp(0, last.max(0)) as usize;
    }

    /// The page to read next, if the selection is within `margin` rows of a loaded end
    /// that is not the column's end: (from this key, downwards?).
    pub fn wants_page(&self, margin: usize) -> Option<(BoardKey, bool)> {
        if self.ticket.is_some() || self.rows.is_empty() {
            return None;
        }
        if !self.to_bottom && self.rows.len() - self.sel <= margin {
            return self.rows.last().map(|r| (r.key(), true));
        }
        if self.start > 0 && self.sel < margin {
            return self.rows.first().map(|r| (r.key(), false));
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Outcome, Stage};
    use crate::service::BoardPage;

    fn rows(ids: std::ops::Range<i64>) -> Vec<BoardRow> {
        ids.map(|id| BoardRow {
            id,
            name: format!("c{id}"),
            grade: None,
            stage: Stage::Discover,
            outcome: Outcome::Open,
            archived: false,
            activity: chrono::DateTime::from_timestamp(1_000_000 - id, 0).unwrap(),
            next_due: None,
        })
        .collect()
    }

    #[test]
    fn pages_extend_the_window_and_keep_the_selection() {
        let mut c = Column::default();
        c.set_window(&Window {
            page: BoardPage {
                start: 0,
                rows: rows(0..50),
            },
            at: Some(0),
            to_bottom: false,
        });
        c.step(45);
        let (key, down) = c.wants_page(10).expect("near the end");
        assert!(down);
        assert_eq!(key.id, 49);
        c.add_page(rows(50..100), true, 50);
        assert_eq!((c.sel, c.current().unwrap().id), (45, 45));
        // Far down, the front is dropped; indexes shift, the selected contact does not.
        for from in (100..600).step_by(50) {
            c.add_page(rows(from..from + 50), true, 50);
        }
        assert_eq!(c.rows.len(), KEEP);
        assert_eq!(c.start + c.rows.len(), 600);
        c.sel = 0;
        assert_eq!(c.current().unwrap().id, 200);
        // Going up reads the page above and keeps the same contact selected.
        let (key, down) = c.wants_page(10).expect("near the top");
        assert!(!down && key.id == 200);
        c.add_page(rows(150..200), false, 50);
        assert_eq!(c.current().unwrap().id, 200);
        assert_eq!(c.start, 150);
        // A short page up means the column's top was reached.
        c.add_page(rows(149..150), false, 50);
        assert_eq!(c.start, 0);
    }
}
