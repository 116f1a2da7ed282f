//! A one-line question over the current screen: a note for done, a time for snooze, a
//! reason for skip.

use super::{ViewCtx, centered, clear_for_overlay};
use crate::tui::input::TextInput;
use crate::tui::theme;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptKind {
    Done,
    Snooze,
    Skip,
}

#[derive(Debug, Clone)]
pub struct PromptState {
    pub kind: PromptKind,
    pub followup_id: i64,
    pub title: String,
    pub input: TextInput,
    pub error: Option<String>,
}

pub fn draw(frame: &mut Frame, area: Rect, st: &PromptState, cx: &ViewCtx) {
    let s = cx.s;
    let area = centered(area, 60, 6);
    clear_for_overlay(frame, area);
    let question = match st.kind {
        PromptKind::Done => s.prompt_done,
        PromptKind::Snooze => s.prompt_snooze,
        PromptKind::Skip => s.prompt_skip,
    };
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme::focused_border())
        .title(Span::styled(format!(" {} ", st.title), theme::title()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let lines = vec![
        Line::styled(question, theme::dim()),
        Line::from(vec![
            Span::styled("> ", theme::key()),
            Span::raw(st.input.text().to_string()),
        ]),
        match &st.error {
            Some(e) => Line::styled(e.clone(), theme::error()),
            None => Line::styled(s.add_hint_short, theme::dim()),
        },
    ];
    frame.render_widget(Paragraph::new(lines), inner);
    let x = inner.x + 2 + st.input.caret_col() as u16;
    frame.set_cursor_position(Position::new(
        x.min(inner.right().saturating_sub(1)),
        inner.y + 1,
    ));
}
