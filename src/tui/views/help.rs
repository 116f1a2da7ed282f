//! The help screen, drawn from the key map itself.

use super::{ViewCtx, centered, clear_for_overlay};
use crate::domain::text::pad;
use crate::tui::keymap::{Scope, help_rows};
use crate::tui::theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph};

pub fn draw(frame: &mut Frame, area: Rect, cx: &ViewCtx) {
    let s = cx.s;
    let sections: [(&str, Scope); 5] = [
        (s.app_title, Scope::Global),
        (s.pipeline, Scope::Board),
        (s.contact_card, Scope::Card),
        (s.welcome_title, Scope::Welcome),
        (s.add_title, Scope::Form),
    ];
    let mut lines: Vec<Line> = Vec::new();
    for (title, scope) in sections {
        lines.push(Line::styled(title.to_string(), theme::title()));
        for (keys, label) in help_rows(scope, s) {
            lines.push(Line::from(vec![
                Span::styled(format!("  {}", pad(&keys, 22)), theme::key()),
                Span::raw(label),
            ]));
        }
    }
    let area = centered(area, 56, lines.len() as u16 + 2);
    clear_for_overlay(frame, area);
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme::focused_border())
        .title(Span::styled(format!(" {} ", s.help_title), theme::title()));
    frame.render_widget(Paragraph::new(lines).block(block), area);
}
