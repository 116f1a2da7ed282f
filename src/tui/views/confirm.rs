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
        // A long question wraps inside the box, which grows to hold it.
        const WIDTH: u16 = 50;
        let inner = usize::from(WIDTH - 2);
        let question_lines = wrapped_lines(&self.question, inner);
        let area = centered(area, WIDTH, question_lines as u16 + 3);
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
        frame.render_widget(
            Paragraph::new(lines)
                .wrap(ratatui::widgets::Wrap { trim: false })
                .block(block),
            area,
        );
    }

    fn overlay(&self) -> bool {
        true
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// Lines `text` takes wrapped at `width` columns, words kept whole where they fit (as the
/// paragraph wraps it; a word wider than the line is cut).
fn wrapped_lines(text: &str, width: usize) -> usize {
    let width = width.max(1);
    let mut lines = 1;
    let mut used = 0;
    for word in text.split(' ') {
        let w = crate::domain::text::width(word);
        let need = if used == 0 { w } else { used + 1 + w };
        if need <= width {
            used = need;
        } else if w <= width {
            lines += 1;
            used = w;
        } else {
            // Cut across lines, starting on a fresh one when this one has text.
            lines += usize::from(used > 0) + (w - 1) / width;
            used = (w - 1) % width + 1;
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::wrapped_lines;

    #[test]
    fn lines_of_a_wrapped_question() {
        assert_eq!(wrapped_lines("还有没保存的内容，确定退出？", 48), 1);
        // 45 wide characters: 90 columns, two lines of 48.
        let long = "整本手册改用模板「医美诊所·邀约面诊」？所有跟进会按它重新安排，这一步不能撤销";
        assert_eq!(wrapped_lines(long, 48), 2);
        assert_eq!(wrapped_lines("aaaa bbbb", 4), 2);
        assert_eq!(wrapped_lines("aaaa bbbb", 9), 1);
        assert_eq!(wrapped_lines("a bbbbbbbbbb", 4), 4);
        assert_eq!(wrapped_lines("", 10), 1);
    }
}
