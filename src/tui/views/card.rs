//! The contact card: who the contact is, and everything that happened with them.

use super::sop_pane::{self, SopPane};
use super::{ViewCtx, scroll_offset};
use crate::domain::text::pad;
use crate::domain::{Contact, Interaction};
use crate::i18n::stage_name;
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
    /// 引入期 … 流失期, when a template defines the thresholds.
    pub lifecycle: Option<crate::domain::followup::Lifecycle>,
    /// "2026-11-23 09:40 欢迎语": the next follow-up, if any.
    pub next_followup: Option<String>,
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
            lifecycle: None,
            next_followup: None,
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
        draw_fields(frame, left, state, cx);
        draw_timeline(frame, right, state, cx);
        return;
    };
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(40), Constraint::Percentage(60)]).areas(area);
    let [fields, timeline] =
        Layout::vertical([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(left);
    draw_fields(frame, fields, state, cx);
    draw_timeline(frame, timeline, state, cx);
    sop_pane::draw(frame, right, sop, !state.timeline_focused, cx);
}

fn draw_fields(frame: &mut Frame, area: Rect, state: &CardState, cx: &ViewCtx) {
    let s = cx.s;
    let c = &state.contact;
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .title(Span::styled(format!(" {} ", c.name), theme::title()));
    let when = |t| cx.local(t).format("%Y-%m-%d").to_string();
    let mut stage = format!("{} · {}", stage_name(cx.lang, c.stage), c.outcome.zh());
    if c.archived {
        stage.push_str(&format!(" · {}", s.archived));
    }
    let tags = c
        .tags
        .iter()
        .map(|t| t.to_string())
        .collect::<Vec<_>>()
        .join(" ");
    let rows: Vec<(&str, String)> = vec![
        (s.honorific, c.honorific.clone().unwrap_or_default()),
        (s.col_stage, stage),
        (
            s.col_grade,
            c.grade
                .map(|g| format!("{g} {}", g.zh()))
                .unwrap_or_default(),
        ),
        (s.col_source, c.source.clone().unwrap_or_default()),
        (s.col_need, c.need.clone().unwrap_or_default()),
        (s.col_budget, c.budget.clone().unwrap_or_default()),
        (s.phone, c.phone.clone().unwrap_or_default()),
        (s.wechat, c.wechat.clone().unwrap_or_default()),
        (s.company, c.company.clone().unwrap_or_default()),
        (s.col_tags, tags),
        (s.notes, c.notes.clone().unwrap_or_default()),
        (s.lost_reason, c.lost_reason.clone().unwrap_or_default()),
        (s.created, when(c.created_at)),
        (
            s.last_touch,
            c.last_touch_at.map(when).unwrap_or_else(|| s.never.into()),
        ),
        (
            s.lifecycle,
            state
                .lifecycle
                .map(|l| l.zh().to_string())
                .unwrap_or_default(),
        ),
        (
            s.next_followup,
            state
                .next_followup
                .clone()
                .unwrap_or_else(|| s.nothing_scheduled.into()),
        ),
    ];
    let lines: Vec<Line> = rows
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(label, value)| {
            Line::from(vec![
                Span::styled(pad(label, 9), theme::dim()),
                Span::raw(value),
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
