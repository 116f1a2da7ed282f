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
        // A long question wraps inside the box, which grows to hold it; one of several
        // lines (a merge's two contacts) gets a wider box, each line its own.
        let wide = if self.question.contains('\n') { 76 } else { 50 };
        let width: u16 = wide.min(area.width.saturating_sub(2)).max(10);
        let inner = usize::from(width - 2);
        let question = question_lines(&self.question, inner);
        let area = centered(area, width, question.len() as u16 + 3);
        clear_for_overlay(frame, area);
        let block = Block::bordered()
            .border_type(BorderType::Rounded)
            .border_style(theme::error());
        let mut lines: Vec<Line> = question.into_iter().map(Line::raw).collect();
        lines.extend([Line::from(vec![
            Span::styled("y", theme::key()),
            Span::raw(format!(" {}   ", cx.t.key_yes)),
            Span::styled("n", theme::key()),
            Span::raw(format!(" {}", cx.t.key_no)),
        ])]);
        frame.render_widget(Paragraph::new(lines).block(block), area);
    }

    fn overlay(&self) -> bool {
        true
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// The question as the box shows it: through the sanitiser (it may quote a template's or a
/// contact's name), wrapped at `width` columns.
fn question_lines(question: &str, width: usize) -> Vec<String> {
    question
        .split('\n')
        .flat_map(|line| wrap_text(&crate::domain::text::display_safe(line, false), width))
        .collect()
}

/// `text` cut into lines of at most `width` columns: a line may break before any Chinese
/// character, and between words of other text (a word longer than a line is cut).
pub(crate) fn wrap_text(text: &str, width: usize) -> Vec<String> {
    use unicode_width::UnicodeWidthChar;
    let width = width.max(2);
    // Pieces a line may break between: a wide character, a space, a run of other text.
    let mut pieces: Vec<String> = Vec::new();
    for c in text.chars() {
        let joins = c != ' ' && c.width().unwrap_or(0) < 2;
        match pieces.last_mut() {
            Some(run)
                if joins
                    && run
                        .chars()
                        .last()
                        .is_some_and(|l| l != ' ' && l.width().unwrap_or(0) < 2) =>
            {
                run.push(c)
            }
            _ => pieces.push(c.to_string()),
        }
    }
    let mut lines = vec![String::new()];
    let mut used = 0;
    for piece in pieces {
        let w = crate::domain::text::width(&piece);
        if used + w <= width {
            if !(piece == " " && used == 0) {
                lines.last_mut().expect("a line").push_str(&piece);
                used += w;
            }
            continue;
        }
        if piece == " " {
            lines.push(String::new());
            used = 0;
            continue;
        }
        if used > 0 {
            lines.push(String::new());
            used = 0;
        }
        for c in piece.chars() {
            let cw = c.width().unwrap_or(0);
            if used + cw > width {
                lines.push(String::new());
                used = 0;
            }
            lines.last_mut().expect("a line").push(c);
            used += cw;
        }
    }
    for l in &mut lines {
        l.truncate(l.trim_end_matches(' ').len());
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::{question_lines, wrap_text};

    #[test]
    fn a_question_quoting_a_name_is_shown_through_the_sanitiser() {
        let lines = question_lines("整本手册改用模板「x\u{1b}]0;y\u{7}」？", 48);
        assert_eq!(lines, ["整本手册改用模板「x\\u{1b}]0;y\\u{7}」？"]);
    }

    #[test]
    fn a_question_wraps_between_chinese_characters_and_between_words() {
        assert_eq!(
            wrap_text("还有没保存的内容，确定退出？", 48),
            ["还有没保存的内容，确定退出？"]
        );
        let merge = "把 #3 合并进 #2？资料互补，两边的记录都保留（可撤销）";
        let lines = wrap_text(merge, 48);
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert!(
            lines[0].starts_with("把 #3 合并进 #2？资料互补"),
            "{lines:?}"
        );
        assert_eq!(lines.concat(), merge);
        for l in &lines {
            assert!(crate::domain::text::width(l) <= 48, "{l}");
        }
        assert_eq!(wrap_text("aaaa bbbb", 4), ["aaaa", "bbbb"]);
        assert_eq!(wrap_text("aaaa bbbb", 9), ["aaaa bbbb"]);
        assert_eq!(wrap_text("a bbbbbbbbbb", 4), ["a", "bbbb", "bbbb", "bb"]);
        assert_eq!(wrap_text("", 10), [""]);
    }
}
