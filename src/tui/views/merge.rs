//! The question before a merge: the two contacts' names, and what tells them apart (two
//! records of one person often share the name) — stage, outcome, phone, when each was
//! added, how much history each holds — read from the book before asking.

use super::confirm::Confirm;
use super::{centered, clear_for_overlay};
use crate::domain::text::display_safe;
use crate::domain::{Contact, ContactId};
use crate::i18n::names::outcome_name;
use crate::i18n::stage_name;
use crate::tui::jobs::{Data, Job, Ticket};
use crate::tui::registry::{Action, Scope};
use crate::tui::theme;
use crate::tui::view::{Cx, Effect, View};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::{Block, BorderType, Paragraph};

pub struct MergeAsk {
    keep: ContactId,
    other: ContactId,
    ticket: Option<Ticket>,
    /// The question, once both contacts are read.
    confirm: Option<Confirm>,
}

impl MergeAsk {
    pub fn open(keep: ContactId, other: ContactId) -> Effect {
        let (t, e) = Effect::job(Job::Merging { keep, other });
        let ask = MergeAsk {
            keep,
            other,
            ticket: Some(t),
            confirm: None,
        };
        Effect::Many(vec![Effect::Push(Box::new(ask)), e])
    }

    pub fn question(&self) -> Option<&str> {
        self.confirm.as_ref().map(|c| c.question.as_str())
    }
}

/// "#62 周晓琳：挖需求 · 进行中 · 13800001111 · 2026-12-04 添加 · 1 条记录".
fn facts(c: &Contact, entries: i64, cx: &Cx) -> String {
    let t = cx.t;
    let mut parts = vec![format!(
        "{} · {}",
        stage_name(cx.lang, c.stage),
        outcome_name(cx.lang, c.outcome)
    )];
    if c.archived {
        parts.push(cx.s.archived.to_string());
    }
    // The phone as the card and search show it; else the WeChat ID.
    if let Some(p) = c.phone.as_ref().or(c.wechat.as_ref()) {
        parts.push(p.clone());
    }
    let created = cx.local(c.created_at).format("%Y-%m-%d").to_string();
    parts.push(crate::exchange::fill(t.merge_created, &[&created]));
    parts.push(crate::exchange::fill(
        t.merge_entries,
        &[&entries.to_string()],
    ));
    format!(
        "#{} {}{}{}",
        c.id,
        c.name,
        crate::i18n::colon(cx.lang),
        parts.join(" · ")
    )
}

/// The whole question: the merge, then each contact on its own line.
pub fn question(keep: (&Contact, i64), other: (&Contact, i64), cx: &Cx) -> String {
    let t = cx.t;
    let named = |c: &Contact| format!("{} (#{})", c.name, c.id);
    let head = t
        .merge_question
        .replace("{keep}", &named(keep.0))
        .replace("{other}", &named(other.0));
    format!(
        "{head}\n{}{}\n{}{}",
        t.merge_keep,
        facts(keep.0, keep.1, cx),
        t.merge_gone,
        facts(other.0, other.1, cx)
    )
}

impl View for MergeAsk {
    fn scope(&self) -> Scope {
        Scope::Confirm
    }

    fn handle(&mut self, action: Action, cx: &Cx) -> Effect {
        match &mut self.confirm {
            Some(c) => c.handle(action, cx),
            // Still reading: only "no" does anything.
            None if action == Action::No => Effect::Pop,
            None => Effect::None,
        }
    }

    fn answer(&mut self, ticket: Ticket, result: &Result<Data, String>, cx: &Cx) -> Option<Effect> {
        if self.ticket != Some(ticket) {
            return None;
        }
        self.ticket = None;
        match result {
            Ok(Data::Merging(both)) => {
                let find = |id| both.iter().find(|(c, _)| c.id == id);
                let (Some((k, kn)), Some((o, on))) = (find(self.keep), find(self.other)) else {
                    return Some(Effect::Pop);
                };
                let yes = Effect::Many(vec![
                    Effect::ClearMarks,
                    Effect::write(crate::domain::command::Command::Merge {
                        keep: self.keep,
                        other: self.other,
                    }),
                ]);
                let q = question((k, *kn), (o, *on), cx);
                self.confirm = Some(Confirm::new(q, yes));
                Some(Effect::None)
            }
            Ok(_) => Some(Effect::Pop),
            Err(e) => Some(Effect::Many(vec![Effect::Pop, Effect::Error(e.clone())])),
        }
    }

    fn draw(&self, frame: &mut Frame, area: Rect, cx: &Cx) {
        match &self.confirm {
            Some(c) => c.draw(frame, area, cx),
            None => {
                let area = centered(area, 30, 3);
                clear_for_overlay(frame, area);
                let block = Block::bordered().border_type(BorderType::Rounded);
                let text = Paragraph::new(Span::styled(
                    display_safe(cx.t.loading, false),
                    theme::dim(),
                ));
                frame.render_widget(text.block(block), area);
            }
        }
    }

    fn overlay(&self) -> bool {
        true
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}
