//! The contact card: who the contact is (the next follow-up first), everything that
//! happened with them, and the SOP pane for their stage. Tab moves between the scripts,
//! the timeline and the stage guide.

use super::entry::EntryView;
use super::sop_pane::{self, PaneFocus, SopItem, SopState};
use super::timeline;
use crate::domain::ContactId;
use crate::domain::text::{display_safe, one_line, pad, split_at_width, truncate, width};
use crate::tui::actions::{Target, contact_action};
use crate::tui::jobs::{CardData, Data, Job, Ticket};
use crate::tui::registry::{Action, Scope};
use crate::tui::theme;
use crate::tui::view::{Cx, Effect, View};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph};
use std::cell::Cell;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Scripts,
    Timeline,
    Guide,
}

pub struct CardView {
    pub id: ContactId,
    pub data: Option<CardData>,
    pub items: Vec<SopItem>,
    pub focus: Focus,
    /// Selected timeline entry (the newest is last).
    pub row: usize,
    pub sop: SopState,
    /// The script to select when the card arrives (from Today's step).
    script: Option<String>,
    /// The script of the follow-up the card was opened for: kept in the list (marked, and
    /// first when another stage's) for as long as the card is open.
    due: Option<String>,
    ticket: Option<Ticket>,
    timeline_top: Cell<usize>,
}

impl CardView {
    pub fn open(id: ContactId, script: Option<String>) -> (CardView, Effect) {
        let (t, e) = Effect::job(Job::Card {
            id,
            due: script.clone(),
        });
        let view = CardView {
            id,
            data: None,
            items: Vec::new(),
            focus: Focus::Scripts,
            row: 0,
            sop: SopState::default(),
            due: script.clone(),
            script,
            ticket: Some(t),
            timeline_top: Cell::new(0),
        };
        (view, e)
    }

    pub fn current_item(&self) -> Option<&SopItem> {
        self.items.get(self.sop.selected)
    }

    fn fill(&mut self, data: &CardData, cx: &Cx) {
        let first = self.data.is_none();
        let was = self.current_item().map(|i| i.script_id.clone());
        self.items = sop_pane::items(&data.stage, cx);
        if let Some((stage, script)) = &data.due {
            self.items.insert(0, sop_pane::due_item(*stage, script, cx));
        }
        let want = self.script.take().or(was);
        self.sop.selected = want
            .and_then(|id| self.items.iter().position(|i| i.script_id == id))
            .unwrap_or(0);
        if first || self.row + 1 >= self.data.as_ref().map_or(0, |d| d.timeline.len()) {
            // The newest entry stays selected as entries are added.
            self.row = data.timeline.len().saturating_sub(1);
        }
        self.row = self.row.min(data.timeline.len().saturating_sub(1));
        self.data = Some(data.clone());
    }

    fn step(&mut self, by: isize) {
        let clamp = |v: usize, len: usize| {
            (v as isize + by).clamp(0, len.saturating_sub(1) as isize) as usize
        };
        match self.focus {
            Focus::Scripts => self.sop.selected = clamp(self.sop.selected, self.items.len()),
            Focus::Timeline => {
                let len = self.data.as_ref().map_or(0, |d| d.timeline.len());
                self.row = clamp(self.row, len);
            }
            Focus::Guide => self.sop.scroll_guide(by),
        }
    }

    fn target(&self) -> Option<Target> {
        self.data.as_ref().map(|d| Target {
            id: d.contact.id,
            name: d.contact.name.clone(),
            stage: Some(d.contact.stage),
            archived: d.contact.archived,
        })
    }
}

impl View for CardView {
    fn scope(&self) -> Scope {
        Scope::Card
    }

    fn handle(&mut self, action: Action, cx: &Cx) -> Effect {
        // Merged away: nothing is logged, copied or changed here (the book would refuse it
        // only at the save, after the typing).
        if let Some(said) = self.data.as_ref().and_then(|d| merged_line(d, cx))
            && matches!(
                action,
                Action::Copy
                    | Action::Edit
                    | Action::Log
                    | Action::Won
                    | Action::Lost
                    | Action::Reopen
                    | Action::Archive
                    | Action::Grade
                    | Action::Tags
                    | Action::Merge
                    | Action::Mark
                    | Action::ScheduleFollowup
                    | Action::StageForward
                    | Action::StageBack
            )
        {
            return Effect::Error(said);
        }
        match action {
            Action::Up => self.step(-1),
            Action::Down => self.step(1),
            Action::PageUp => self.step(-8),
            Action::PageDown => self.step(8),
            // The oldest or the newest entry (a long timeline is thousands of entries).
            Action::Top => self.step(isize::MIN / 2),
            Action::Bottom => self.step(isize::MAX / 2),
            Action::SwitchFocus => {
                self.focus = match self.focus {
                    Focus::Scripts => Focus::Timeline,
                    Focus::Timeline => Focus::Guide,
                    Focus::Guide => Focus::Scripts,
                }
            }
            Action::Copy => {
                if let (Some(item), Some(d)) = (self.current_item(), &self.data) {
                    return Effect::Copy {
                        id: d.contact.id,
                        text: item.text.clone(),
                        script_id: item.script_id.clone(),
                        title: item.title.clone(),
                    };
                }
            }
            Action::Open => {
                let open = match (self.focus, &self.data) {
                    (Focus::Timeline, Some(d)) => d
                        .timeline
                        .get(self.row)
                        .map(|e| timeline::full_text(e, &d.script_titles, cx)),
                    (Focus::Scripts, Some(_)) => self.current_item().map(|i| {
                        let mut text = i.text.clone();
                        if let Some(c) = &i.customer {
                            text = format!("{}{c}\n\n{text}", cx.s.customer_says);
                        }
                        (format!("{} · {}", i.group, i.title), text)
                    }),
                    _ => None,
                };
                if let Some((title, text)) = open {
                    return Effect::Push(Box::new(EntryView::new(title, text)));
                }
            }
            other => return contact_action(other, self.target(), cx).unwrap_or(Effect::None),
        }
        Effect::None
    }

    fn answer(&mut self, ticket: Ticket, result: &Result<Data, String>, cx: &Cx) -> Option<Effect> {
        if self.ticket != Some(ticket) {
            return None;
        }
        self.ticket = None;
        match result {
            Ok(Data::Card(d)) => {
                self.fill(d, cx);
                Some(Effect::None)
            }
            Ok(_) => Some(Effect::None),
            Err(e) => Some(Effect::Error(e.clone())),
        }
    }

    fn refresh(&mut self, _cx: &Cx, _follow: Option<ContactId>) -> Effect {
        let (t, e) = Effect::job(Job::Card {
            id: self.id,
            due: self.due.clone(),
        });
        self.ticket = Some(t);
        e
    }

    fn draw(&self, frame: &mut Frame, area: Rect, cx: &Cx) {
        let Some(d) = &self.data else {
            frame.render_widget(
                Paragraph::new(Span::styled(cx.t.loading, theme::dim())),
                area,
            );
            return;
        };
        // On a narrow screen the card's own column gets half: its next step and timeline
        // lose their words before the scripts do.
        let own = if area.width < 100 { 50 } else { 40 };
        let [left, right] = Layout::horizontal([
            Constraint::Percentage(own),
            Constraint::Percentage(100 - own),
        ])
        .areas(area);
        let [fields, tl] =
            Layout::vertical([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(left);
        draw_fields(frame, fields, d, cx);
        timeline::draw(
            frame,
            tl,
            d,
            self.row,
            &self.timeline_top,
            self.focus == Focus::Timeline,
            cx,
        );
        let pane = match self.focus {
            Focus::Scripts => PaneFocus::Items,
            Focus::Guide => PaneFocus::Guide,
            Focus::Timeline => PaneFocus::Off,
        };
        sop_pane::draw(frame, right, &d.stage, &self.items, &self.sop, pane, cx);
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// What the card of a contact merged away says first: the contact it joined.
fn merged_line(d: &CardData, cx: &Cx) -> Option<String> {
    let (id, name) = d.merged_into.as_ref()?;
    let into = format!("{name} (#{id})");
    Some(crate::exchange::fill(cx.t.merged_card, &[&into]))
}

/// The fields, one line each, most useful first: the next follow-up (on two lines if it
/// needs them), stage, grade, last touch and lifecycle must show even on a small screen;
/// what does not fit is counted on the last line.
fn draw_fields(frame: &mut Frame, area: Rect, d: &CardData, cx: &Cx) {
    let c = &d.contact;
    let mut title = display_safe(&c.name, false).into_owned();
    if cx.marks.contains_key(&c.id) {
        title = format!("✓ {title}");
    }
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .title(Span::styled(format!(" {title} "), theme::title()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let first = [
        cx.s.next_followup,
        cx.s.col_stage,
        cx.s.col_grade,
        cx.s.last_touch,
        cx.s.lifecycle,
    ];
    let mut rows: Vec<&(&'static str, String)> = first
        .iter()
        .filter_map(|l| d.fields.iter().find(|(label, _)| label == l))
        .collect();
    rows.extend(d.fields.iter().filter(|(l, _)| !first.contains(l)));
    // As wide as the longest label and a space ("最近跟进 ", "Next follow-up "), but
    // never more than half the pane.
    let longest = rows.iter().map(|(l, _)| width(l)).max().unwrap_or(0);
    let label_w = (longest + 1).min(inner.width as usize / 2);
    let w = (inner.width as usize).saturating_sub(label_w);
    let mut lines: Vec<Line> = Vec::new();
    if let Some(said) = merged_line(d, cx) {
        for l in super::wrap(&display_safe(&said, false), inner.width as usize) {
            lines.push(Line::styled(l, theme::error()));
        }
    }
    for (label, value) in rows {
        let value = one_line(value);
        let next = *label == cx.s.next_followup;
        let style = if next {
            theme::key()
        } else {
            ratatui::style::Style::new()
        };
        let label = pad(&truncate(label, label_w.saturating_sub(1)), label_w);
        // The next step is what the rep opened the card for: a second line before an
        // ellipsis.
        let (head, rest) = match split_at_width(&value, w) {
            (head, rest) if next && !rest.is_empty() => (head.to_string(), Some(rest)),
            _ => (truncate(&value, w), None),
        };
        lines.push(Line::from(vec![
            Span::styled(label, theme::dim()),
            Span::styled(head, style),
        ]));
        if let Some(rest) = rest {
            lines.push(Line::from(vec![
                Span::raw(" ".repeat(label_w)),
                Span::styled(truncate(rest, w), style),
            ]));
        }
    }
    // Fields past the bottom are said to be there.
    let h = inner.height as usize;
    if lines.len() > h && h > 0 {
        let hidden = lines.len() - (h - 1);
        lines.truncate(h - 1);
        let more = crate::exchange::fill(cx.t.more_fields, &[&hidden.to_string()]);
        lines.push(Line::styled(
            truncate(&more, inner.width as usize),
            theme::dim(),
        ));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
