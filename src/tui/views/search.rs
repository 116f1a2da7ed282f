//! The search overlay: a query line and the matching contacts, refreshed as you type.

use super::{ViewCtx, centered, clear_for_overlay, scroll_offset};
use crate::domain::ContactId;
use crate::domain::text::{pad, truncate};
use crate::i18n::stage_name;
use crate::store::SearchHit;
use crate::tui::input::TextInput;
use crate::tui::theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph};

#[derive(Debug, Clone, Default)]
pub struct SearchState {
    pub input: TextInput,
    pub hits: Vec<SearchHit>,
    pub selected: usize,
    /// The newest query sent to the worker, and the one whose results are shown.
    pub sent: u64,
    pub shown: u64,
    pub error: Option<String>,
}

impl SearchState {
    pub fn current(&self) -> Option<ContactId> {
        self.hits.get(self.selected).map(|h| h.contact.id)
    }

    pub fn up(&mut self) {
        self.selected = self.selected.saturating_sub(1);
    }

    pub fn down(&mut self) {
        self.selected = (self.selected + 1).min(self.hits.len().saturating_sub(1));
    }

    /// Takes an answer if it is newer than what is shown; older answers are dropped.
    pub fn offer(&mut self, seq: u64, result: Result<Vec<SearchHit>, String>) {
        if seq <= self.shown {
            return;
        }
        self.shown = seq;
        match result {
            Ok(hits) => {
                self.hits = hits;
                self.error = None;
            }
            Err(e) => self.error = Some(e),
        }
        self.selected = self.selected.min(self.hits.len().saturating_sub(1));
    }

    /// Still waiting for the answer to the newest query.
    pub fn busy(&self) -> bool {
        self.shown < self.sent
    }
}

pub fn draw(frame: &mut Frame, area: Rect, st: &SearchState, cx: &ViewCtx) {
    let s = cx.s;
    let w = (area.width * 4 / 5).max(60);
    let area = centered(area, w, area.height.saturating_sub(2).max(10));
    clear_for_overlay(frame, area);
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme::focused_border())
        .title(Span::styled(
            format!(" {} ", s.search_title),
            theme::title(),
        ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [input_row, hint_row, list] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
    ])
    .areas(inner);

    let prompt = "/ ";
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(prompt, theme::key()),
            Span::raw(st.input.text().to_string()),
        ])),
        input_row,
    );
    let hint = match (&st.error, st.busy()) {
        (Some(e), _) => Line::styled(e.clone(), theme::error()),
        (None, true) => Line::styled(s.searching, theme::dim()),
        (None, false) if st.input.text().trim().is_empty() => {
            Line::styled(s.search_hint, theme::dim())
        }
        (None, false) => Line::styled(
            format!("{} {}", st.hits.len(), s.search_results),
            theme::dim(),
        ),
    };
    frame.render_widget(Paragraph::new(hint), hint_row);

    let height = list.height as usize;
    let offset = scroll_offset(st.selected, height);
    let width = list.width as usize;
    let rows: Vec<Line> = st
        .hits
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(i, h)| {
            let c = &h.contact;
            let text = format!(
                "{} {} {} {} {}",
                pad(&c.name, 10),
                pad(stage_name(cx.lang, c.stage), 10),
                c.grade.map_or(" ".into(), |g| g.to_string()),
                pad(c.phone.as_deref().unwrap_or(""), 13),
                h.matched
            );
            let text = truncate(&text, width);
            if i == st.selected {
                Line::styled(text, theme::selected())
            } else {
                Line::raw(text)
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(rows), list);

    // The cursor sits at the caret, so an IME's candidate window opens right there.
    let x = input_row.x + (prompt.len() + st.input.caret_col()) as u16;
    frame.set_cursor_position(Position::new(
        x.min(input_row.right().saturating_sub(1)),
        input_row.y,
    ));
}
