//! `g` then A–D: the lead's grade (for every marked contact when some are marked).

use super::{centered, clear_for_overlay};
use crate::domain::command::Command;
use crate::domain::{ContactId, Grade};
use crate::tui::jobs::BulkOp;
use crate::tui::registry::{Action, Scope};
use crate::tui::theme;
use crate::tui::view::{Cx, Effect, View};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph};

pub struct GradePicker {
    pub ids: Vec<ContactId>,
}

impl GradePicker {
    pub fn open(ids: Vec<ContactId>, _cx: &Cx) -> Effect {
        Effect::Push(Box::new(GradePicker { ids }))
    }
}

impl View for GradePicker {
    fn scope(&self) -> Scope {
        Scope::GradePicker
    }

    fn handle(&mut self, action: Action, _cx: &Cx) -> Effect {
        let grade = match action {
            Action::GradeA => Some(Grade::A),
            Action::GradeB => Some(Grade::B),
            Action::GradeC => Some(Grade::C),
            Action::GradeD => Some(Grade::D),
            Action::GradeNone => None,
            Action::Back => return Effect::Pop,
            _ => return Effect::None,
        };
        let change = match self.ids.as_slice() {
            [id] => Effect::write(Command::Grade { id: *id, grade }),
            ids => Effect::Bulk(ids.to_vec(), BulkOp::Grade(grade)),
        };
        Effect::Many(vec![Effect::Pop, change])
    }

    fn draw(&self, frame: &mut Frame, area: Rect, cx: &Cx) {
        let area = centered(area, 40, Grade::ALL.len() as u16 + 4);
        clear_for_overlay(frame, area);
        let title = if self.ids.len() > 1 {
            format!(
                " {} · {} {} ",
                cx.t.grade_title,
                cx.t.marked,
                self.ids.len()
            )
        } else {
            format!(" {} ", cx.t.grade_title)
        };
        let block = Block::bordered()
            .border_type(BorderType::Rounded)
            .border_style(theme::focused_border())
            .title(Span::styled(title, theme::title()));
        let mut lines: Vec<Line> = Grade::ALL
            .iter()
            .map(|g| {
                // The letter is the key; the name after it without the letter again.
                let name = crate::i18n::names::grade_name(cx.lang, *g);
                let words = name.strip_prefix(&format!("{g} ")).unwrap_or(name);
                Line::from(vec![
                    Span::styled(format!(" {g} "), theme::grade(Some(*g))),
                    Span::raw(format!(" {words}")),
                ])
            })
            .collect();
        lines.push(Line::from(vec![
            Span::styled(" 0 ", theme::key()),
            Span::raw(cx.t.grade_none),
        ]));
        frame.render_widget(Paragraph::new(lines).block(block), area);
    }

    fn overlay(&self) -> bool {
        true
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}
