//! The contact card: who the contact is, and everything that happened with them.

use super::sop_pane::{self, SopPane};
use super::{ViewCtx, scroll_offset};
use crate::domain::text::pad;
use crate::domain::{Contact, Interaction};
use crate::tui::theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph, Wrap};

#[derive(Debug, Clone)]
pub struct CardState {
    pub contact: Contact,
    pub timeline: Vec<Interaction>,
    /// Selected timeline row (newest entries are at the bottom).
    pub row: usize,
    /// The SOP pane, when a template is in use.
    pub sop: Option<SopPane>,
    /// Whether j/k move in the timeline rather than the SOP pane.
    pub timeline_focused: bool,
    /// The card's labelled fields, as the service formats them for both front ends.
    pub fields: Vec<(&'static str, String)>,
}

impl CardState {
    pub fn new(contact: Contact, timeline: Vec<Interaction>, sop: Option<SopPane>) -> Self {
        let row = timeline.len().saturating_sub(1);
        let timeline_focused = sop.is_none();
        CardState {
            contact,
            timeline,
            row,
            sop,
            timeline_focused,
            fields: Vec::new(),
        }
    }

    pub fn up(&mut self) {
        match (&mut self.sop, self.timeline_focused) {
            (Some(sop), false) => sop.up(),
            _ => self.row = self.row.saturating_sub(1),
        }
    }

    pub fn down(&mut self) {
        match (&mut self.sop, self.timeline_focused) {
            (Some(sop), false) => sop.down(),
            _ => self.row = (self.row + 1).min(self.timeline.len().saturating_sub(1)),
        }
    }

    pub fn toggle_focus(&mut self) {
        if self.sop.is_some() {
            self.timeline_focused = !self.timeline_focused;
        }
    }
}

pub fn draw(frame: &mut Frame, area: Rect, state: &CardState, cx: &ViewCtx) {
    let Some(sop) = &state.sop else {
        let [left, right] =
            Layout::horizontal([Constraint::Percentage(42), Constraint::Percentage(58)])
                .areas(area);
        draw_fields(frame, left, state);
        draw_timeline(frame, right, state, cx);
        return;
    };
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(40), Constraint::Percentage(60)]).areas(area);
    let [fields, timeline] =
        Layout::vertical([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(left);
    draw_fields(frame, fields, state);
    draw_timeline(frame, timeline, state, cx);
    sop_pane::draw(frame, right, sop, !state.timeline_focused, cx);
}

fn draw_fields(frame: &mut Frame, area: Rect, state: &CardState) {
    let c = &state.contact;
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .title(Span::styled(format!(" {} ", c.name), theme::title()));
    let lines: Vec<Line> = state
        .fields
        .iter()
        .map(|(label, value)| {
            Line::from(vec![
                Span::styled(pad(label, 9), theme::dim()),
                Span::raw(value.clone()),
            ])
        })
        .collect();
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        area,
    );
}

fn draw_timeline(frame: &mut Frame, area: Rect, state: &CardState, cx: &ViewCtx) {
    let mut block = Block::bordered()
        .border_type(BorderType::Rounded)
        .title(Span::styled(format!(" {} ", cx.s.timeline), theme::title()));
    if state.timeline_focused {
        block = block.border_style(theme::focused_border());
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let height = inner.height as usize;
    let offset = scroll_offset(state.row, height);
    let lines: Vec<Line> = state
        .timeline
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(i, entry)| {
            let style = if i == state.row && state.timeline_focused {
                theme::selected()
            } else {
                ratatui::style::Style::new()
            };
            Line::from(vec![
                Span::styled(
                    cx.local(entry.at).format("%m-%d %H:%M ").to_string(),
                    theme::dim(),
                ),
                Span::styled(pad(entry.kind.key(), 13), style),
                Span::raw(entry.summary().replace('\n', " ")),
            ])
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
