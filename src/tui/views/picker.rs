//! A list to choose from, filtered as you type: tags by group (several at once), a
//! template (one).

use super::{centered, clear_for_overlay, keep_in_view};
use crate::domain::text::{display_safe, pad, truncate};
use crate::tui::input::TextInput;
use crate::tui::registry::Action;
use crate::tui::theme;
use crate::tui::view::Cx;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph};
use std::cell::Cell;

#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub group: String,
    pub label: String,
    pub checked: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Picked {
    None,
    Done,
    Cancel,
}

#[derive(Debug, Default)]
pub struct Picker {
    pub title: String,
    pub entries: Vec<Entry>,
    pub filter: TextInput,
    /// Index into the entries that match the filter.
    pub cursor: usize,
    /// Several may be checked (else Enter takes the one under the cursor).
    pub multi: bool,
    pub note: Option<String>,
    pub top: Cell<usize>,
}

impl Picker {
    /// Entries matching what was typed (in the label or the group).
    pub fn visible(&self) -> Vec<usize> {
        let f = self.filter.text().trim().to_lowercase();
        self.entries
            .iter()
            .enumerate()
            .filter(|(_, e)| {
                f.is_empty()
                    || e.label.to_lowercase().contains(&f)
                    || e.group.to_lowercase().contains(&f)
            })
            .map(|(i, _)| i)
            .collect()
    }

    pub fn current(&self) -> Option<&Entry> {
        self.visible()
            .get(self.cursor)
            .and_then(|i| self.entries.get(*i))
    }

    pub fn handle(&mut self, action: Action) -> Picked {
        let n = self.visible().len();
        match action {
            Action::Up => self.cursor = self.cursor.saturating_sub(1),
            Action::Down => self.cursor = (self.cursor + 1).min(n.saturating_sub(1)),
            Action::Toggle if self.multi => {
                if let Some(&i) = self.visible().get(self.cursor) {
                    self.entries[i].checked = !self.entries[i].checked;
                }
            }
            Action::Save => return Picked::Done,
            Action::Back => return Picked::Cancel,
            Action::Type(c) => {
                self.filter.insert(c);
                self.cursor = 0;
            }
            Action::Backspace => {
                self.filter.backspace();
                self.cursor = 0;
            }
            _ => {}
        }
        Picked::None
    }

    pub fn paste(&mut self, text: &str) {
        self.filter.insert_str(text);
        self.cursor = 0;
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, cx: &Cx) {
        let h = (self.entries.len() as u16 + 6).clamp(8, area.height.saturating_sub(2));
        let area = centered(area, 56, h);
        clear_for_overlay(frame, area);
        let block = Block::bordered()
            .border_type(BorderType::Rounded)
            .border_style(theme::focused_border())
            .title(Span::styled(
                format!(" {} ", display_safe(&self.title, false)),
                theme::title(),
            ));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let [input, list, hint] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(1),
            Constraint::Length(1),
        ])
        .areas(inner);
        let prompt = format!("{} ", cx.t.filter_prompt);
        let pw = crate::domain::text::width(&prompt);
        let (shown, caret) = self
            .filter
            .window((input.width as usize).saturating_sub(pw));
        frame.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled(prompt, theme::dim()),
                Span::raw(shown),
            ])),
            input,
        );
        let visible = self.visible();
        let height = list.height as usize;
        let top = keep_in_view(self.cursor, self.top.get(), height, visible.len());
        self.top.set(top);
        let w = list.width as usize;
        let group_w = 10;
        let lines: Vec<Line> = visible
            .iter()
            .enumerate()
            .skip(top)
            .take(height)
            .map(|(row, &i)| {
                let e = &self.entries[i];
                let check = match (self.multi, e.checked) {
                    (true, true) => "[x] ",
                    (true, false) => "[ ] ",
                    (false, _) => "",
                };
                // A group column only where entries have one, and never run into the label.
                let group = if e.group.is_empty() {
                    String::new()
                } else {
                    format!("{} ", pad(&display_safe(&e.group, false), group_w))
                };
                let text = format!("{check}{group}{}", display_safe(&e.label, false));
                let text = truncate(&text, w);
                if row == self.cursor {
                    Line::styled(text, theme::selected())
                } else if e.checked {
                    Line::styled(text, theme::key())
                } else {
                    Line::raw(text)
                }
            })
            .collect();
        frame.render_widget(Paragraph::new(lines), list);
        let default_hint = if self.multi {
            cx.t.picker_hint
        } else {
            cx.t.picker_hint_single
        };
        let note = self.note.as_deref().unwrap_or(default_hint);
        frame.render_widget(
            Paragraph::new(Span::styled(note.to_string(), theme::dim())),
            hint,
        );
        frame.set_cursor_position(Position::new(
            (input.x + (pw + caret) as u16).min(input.right().saturating_sub(1)),
            input.y,
        ));
    }
}
