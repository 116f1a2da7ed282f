//! One text in full over the card: a timeline entry or a script, wrapped and scrolled.

use super::{centered, clear_for_overlay, wrap};
use crate::domain::text::display_safe;
use crate::tui::registry::{Action, Scope};
use crate::tui::theme;
use crate::tui::view::{Cx, Effect, View};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph};
use std::cell::Cell;

pub struct EntryView {
    pub title: String,
    pub text: String,
    scroll: usize,
    /// Lines the text wraps to and how many show (set when drawn).
    lines: Cell<(usize, usize)>,
}

impl EntryView {
    pub fn new(title: String, text: String) -> EntryView {
        EntryView {
            title,
            text,
            scroll: 0,
            lines: Cell::new((0, 0)),
        }
    }
}

impl View for EntryView {
    fn scope(&self) -> Scope {
        Scope::Entry
    }

    fn handle(&mut self, action: Action, _cx: &Cx) -> Effect {
        let (total, shown) = self.lines.get();
        let max = total.saturating_sub(shown);
        match action {
            Action::Up => self.scroll = self.scroll.saturating_sub(1),
            Action::Down => self.scroll = (self.scroll + 1).min(max),
            Action::Back => return Effect::Pop,
            _ => {}
        }
        Effect::None
    }

    fn draw(&self, frame: &mut Frame, area: Rect, _cx: &Cx) {
        let w = area.width.saturating_sub(8).clamp(20, 90);
        let lines = wrap(
            &display_safe(&self.text, true),
            w.saturating_sub(2) as usize,
        );
        let h = (lines.len() as u16 + 2).clamp(5, area.height.saturating_sub(2));
        let area = centered(area, w, h);
        clear_for_overlay(frame, area);
        let block = Block::bordered()
            .border_type(BorderType::Rounded)
            .border_style(theme::focused_border())
            .title(Span::styled(
                format!(" {} ", display_safe(&self.title, false)),
                theme::title(),
            ));
        let inner = block.inner(area);
        self.lines.set((lines.len(), inner.height as usize));
        let shown: Vec<Line> = lines
            .into_iter()
            .skip(self.scroll)
            .take(inner.height as usize)
            .map(Line::raw)
            .collect();
        frame.render_widget(Paragraph::new(shown).block(block), area);
    }

    fn overlay(&self) -> bool {
        true
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}
