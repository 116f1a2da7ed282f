//! The contacts behind one figure of the dashboard, in the figure's order: name, stage,
//! grade, outcome, source. Enter opens a contact's card (read-only in an audit).

use super::keep_in_view;
use crate::domain::text::{display_safe, pad, truncate};
use crate::domain::{Contact, ContactId, Outcome};
use crate::i18n::audit::audit_text;
use crate::i18n::report::report_strings;
use crate::i18n::stage_name;
use crate::report::render::fmt;
use crate::tui::jobs::{Data, Job, Ticket};
use crate::tui::registry::{Action, Scope};
use crate::tui::theme;
use crate::tui::view::{Cx, Effect, View};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph};
use std::cell::Cell;

pub struct DrillView {
    /// The figure, as the dashboard labels it.
    pub title: String,
    pub ids: Vec<ContactId>,
    /// Each id with its contact, once read.
    pub people: Option<Vec<(ContactId, Option<Contact>)>>,
    pub selected: usize,
    ticket: Option<Ticket>,
    error: Option<String>,
    top: Cell<usize>,
    height: Cell<usize>,
}

impl DrillView {
    /// The view and the read of its contacts.
    pub fn open(title: String, ids: Vec<ContactId>) -> Effect {
        let (t, job) = Effect::job(Job::People(ids.clone()));
        let view = DrillView {
            title,
            ids,
            people: None,
            selected: 0,
            ticket: Some(t),
            error: None,
            top: Cell::new(0),
            height: Cell::new(0),
        };
        Effect::Many(vec![Effect::Push(Box::new(view)), job])
    }

    pub fn current(&self) -> Option<ContactId> {
        self.ids.get(self.selected).copied()
    }
}

impl View for DrillView {
    fn scope(&self) -> Scope {
        Scope::Drill
    }

    fn handle(&mut self, action: Action, cx: &Cx) -> Effect {
        let last = self.ids.len().saturating_sub(1);
        let page = self.height.get().max(2) - 1;
        self.selected = match action {
            Action::Up => self.selected.saturating_sub(1),
            Action::Down => (self.selected + 1).min(last),
            Action::PageUp => self.selected.saturating_sub(page),
            Action::PageDown => (self.selected + page).min(last),
            Action::Top => 0,
            Action::Bottom => last,
            Action::Open => {
                let present = self
                    .people
                    .as_ref()
                    .and_then(|p| p.get(self.selected))
                    .is_some_and(|(_, c)| c.is_some());
                return match self.current() {
                    Some(id) if present => Effect::OpenCard { id, script: None },
                    Some(_) => Effect::Status(audit_text(cx.lang).gone.to_string()),
                    None => Effect::None,
                };
            }
            Action::Back => return Effect::Pop,
            _ => self.selected,
        };
        Effect::None
    }

    fn answer(
        &mut self,
        ticket: Ticket,
        result: &Result<Data, String>,
        _cx: &Cx,
    ) -> Option<Effect> {
        if self.ticket != Some(ticket) {
            return None;
        }
        self.ticket = None;
        match result {
            Ok(Data::People(p)) => self.people = Some(p.clone()),
            Ok(_) => {}
            Err(e) => self.error = Some(e.clone()),
        }
        Some(Effect::None)
    }

    fn draw(&self, frame: &mut Frame, area: Rect, cx: &Cx) {
        let a = audit_text(cx.lang);
        let title = fmt::fill(
            a.drill_title,
            &[("figure", &self.title), ("n", &self.ids.len().to_string())],
        );
        let title = display_safe(&title, false);
        let block = Block::bordered()
            .border_type(BorderType::Rounded)
            .border_style(theme::focused_border())
            .title(Span::styled(
                format!(" {} ", truncate(&title, area.width as usize - 4)),
                theme::title(),
            ));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let Some(people) = &self.people else {
            let (text, style) = match &self.error {
                Some(e) => (e.clone(), theme::error()),
                None => (cx.t.loading.to_string(), theme::dim()),
            };
            frame.render_widget(Paragraph::new(Span::styled(text, style)), inner);
            return;
        };
        if people.is_empty() {
            frame.render_widget(
                Paragraph::new(Span::styled(a.drill_empty, theme::dim())),
                inner,
            );
            return;
        }
        let height = inner.height as usize;
        self.height.set(height);
        let top = keep_in_view(self.selected, self.top.get(), height, people.len());
        self.top.set(top);
        let lines: Vec<Line> = people
            .iter()
            .enumerate()
            .skip(top)
            .take(height)
            .map(|(i, (id, c))| {
                let text = match c {
                    Some(c) => row_text(c, cx),
                    None => format!("#{id} {}", a.gone),
                };
                let text = truncate(&display_safe(&text, false), inner.width as usize);
                if i == self.selected {
                    Line::styled(text, theme::selected())
                } else {
                    Line::raw(text)
                }
            })
            .collect();
        frame.render_widget(Paragraph::new(lines), inner);
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// "张伟        提成交   A  已成交  朋友圈  #12"
fn row_text(c: &Contact, cx: &Cx) -> String {
    let s = report_strings(cx.lang);
    let outcome = match c.outcome {
        Outcome::Open => s.open,
        Outcome::Won => s.won,
        Outcome::Lost => s.lost,
    };
    format!(
        "{} {} {} {} {} #{}",
        pad(&truncate(&c.name, 14), 14),
        pad(stage_name(cx.lang, c.stage), 8),
        pad(c.grade.map_or("-", |g| g.key()), 2),
        pad(outcome, 8),
        pad(&truncate(c.source.as_deref().unwrap_or(""), 16), 16),
        c.id
    )
}
