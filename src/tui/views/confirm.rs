//! A yes/no question before something that cannot be taken back (typed text thrown away).

use super::{centered, clear_for_overlay};
use crate::tui::registry::{Action, Scope};
use crate::tui::theme;
use crate::tui::view::{Cx, Effect, View};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph};

pub struct Confirm {
    pub question: String,
    /// What "yes" does, after the question closes.
    yes: Option<Effect>,
}

impl Confirm {
    pub fn new(question: impl Into<String>, yes: Effect) -> Confirm {
        Confirm {
            question: question.into(),
            yes: Some(yes),
        }
    }
}

impl View for Confirm {
    fn scope(&self) -> Scope {
        Scope::Confirm
    }

    fn handle(&mut self, action: Action, _cx: &Cx) -> Effect {
        match action {
            Action::Yes => Effect::Many(vec![Effect::Pop, self.yes.take().unwrap_or(Effect::None)]),
            Action::No => Effect::Pop,
            _ => Effect::None,
        }
    }

    fn draw(&self, frame: &mut Frame, area: Rect, cx: &Cx) {
        let area = centered(area, 50, 5);
        clear_for_overlay(frame, area);
        let block = Block::bordered()
            .border_type(BorderType::Rounded)
            .border_style(theme::error());
        let lines = vec![
            Line::raw(self.question.as_str()),
            Line::from(vec![
                Span::styled("y", theme::key()),
                Span::raw(format!(" {}   ", cx.t.key_yes)),
                Span::styled("n", theme::key()),
                Span::raw(format!(" {}", cx.t.key_no)),
            ]),
        ];
        frame.render_widget(Paragraph::new(lines).block(block), area);
    }

    fn overlay(&self) -> bool {
        true
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}
