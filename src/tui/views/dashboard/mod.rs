//! The dashboard: a book's figures at a glance — the log check at the top, the funnel as
//! bars, activity as a sparkline, and every figure in a list where Enter opens the contacts
//! behind it. The figures are the report's (`report::compute` on the worker), loaded off
//! the input thread: the first frame says "loading" until they arrive.

mod draw;
pub mod rows;

use super::drill::DrillView;
use crate::report::Figures;
use crate::report::input::Period;
use crate::tui::jobs::{Data, Job, Ticket};
use crate::tui::registry::{Action, Scope};
use crate::tui::view::{Cx, Effect, View};
use ratatui::Frame;
use ratatui::layout::Rect;
use std::cell::Cell;

#[derive(Default)]
pub struct DashboardView {
    /// The period asked for (by default the 30 days ending today).
    period: Period,
    pub figures: Option<Box<Figures>>,
    pub error: Option<String>,
    ticket: Option<Ticket>,
    /// All time's flow figures instead of the period's.
    pub all_time: bool,
    /// The selected row (a figure, never a heading).
    pub selected: usize,
    top: Cell<usize>,
    /// Rows the list showed last.
    height: Cell<usize>,
}

impl DashboardView {
    pub fn new(period: Period) -> DashboardView {
        DashboardView {
            period,
            ..Default::default()
        }
    }

    /// Still waiting for the figures.
    pub fn loading(&self) -> bool {
        self.ticket.is_some()
    }

    fn rows(&self, cx: &Cx) -> Vec<rows::Row<'_>> {
        self.figures
            .as_deref()
            .map(|f| rows::rows(f, self.all_time, cx.lang))
            .unwrap_or_default()
    }

    /// The nearest figure row from `at` in direction `down` (staying put at the ends).
    fn step(rows: &[rows::Row], at: usize, down: bool, by: usize) -> usize {
        let mut pos = at;
        let mut moved = 0;
        let mut best = at;
        while moved < by {
            let next = if down {
                pos + 1
            } else {
                match pos.checked_sub(1) {
                    Some(p) => p,
                    None => break,
                }
            };
            if next >= rows.len() {
                break;
            }
            pos = next;
            if !rows[pos].heading {
                best = pos;
                moved += 1;
            }
        }
        best
    }

    fn first(rows: &[rows::Row]) -> usize {
        rows.iter().position(|r| !r.heading).unwrap_or(0)
    }

    fn last(rows: &[rows::Row]) -> usize {
        rows.iter().rposition(|r| !r.heading).unwrap_or(0)
    }
}

impl View for DashboardView {
    fn scope(&self) -> Scope {
        Scope::Dashboard
    }

    fn handle(&mut self, action: Action, cx: &Cx) -> Effect {
        let rows = self.rows(cx);
        if rows.is_empty() {
            return Effect::None;
        }
        let page = self.height.get().max(2) - 1;
        let at = self.selected.min(rows.len() - 1);
        let selected = match action {
            Action::Up => Self::step(&rows, at, false, 1),
            Action::Down => Self::step(&rows, at, true, 1),
            Action::PageUp => Self::step(&rows, at, false, page),
            Action::PageDown => Self::step(&rows, at, true, page),
            Action::Top => Self::first(&rows),
            Action::Bottom => Self::last(&rows),
            Action::SwitchFocus => {
                drop(rows);
                self.all_time = !self.all_time;
                self.selected = Self::first(&self.rows(cx));
                return Effect::None;
            }
            Action::Open => {
                let row = &rows[at];
                if row.heading || row.ids.is_empty() {
                    let t = crate::i18n::audit::audit_text(cx.lang);
                    return Effect::Status(t.no_contacts.to_string());
                }
                let title = format!("{} · {}", draw::scope_word(self.all_time, cx), row.label);
                return DrillView::open(title, row.ids.to_vec());
            }
            _ => return Effect::None,
        };
        drop(rows);
        self.selected = selected;
        Effect::None
    }

    fn draw(&self, frame: &mut Frame, area: Rect, cx: &Cx) {
        draw::draw(self, frame, area, cx);
    }

    fn answer(&mut self, ticket: Ticket, result: &Result<Data, String>, cx: &Cx) -> Option<Effect> {
        if self.ticket != Some(ticket) {
            return None;
        }
        self.ticket = None;
        match result {
            Ok(Data::Figures(f)) => {
                self.figures = Some(f.clone());
                self.error = None;
                let rows = self.rows(cx);
                if self.selected >= rows.len() || rows.get(self.selected).is_some_and(|r| r.heading)
                {
                    self.selected = Self::first(&rows);
                }
            }
            Ok(_) => {}
            Err(e) => self.error = Some(e.clone()),
        }
        Some(Effect::None)
    }

    fn refresh(&mut self, _cx: &Cx, _follow: Option<crate::domain::ContactId>) -> Effect {
        if self.ticket.is_some() {
            return Effect::None;
        }
        let period = self.period;
        let (t, effect) = Effect::job(Job::Figures(period));
        self.ticket = Some(t);
        effect
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}
