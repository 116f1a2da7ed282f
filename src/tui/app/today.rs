//! Today's follow-ups: loading the agenda, and done / snooze / skip through a prompt.

use super::{App, Screen};
use crate::tui::keymap::Action;
use crate::tui::views::prompt::{PromptKind, PromptState};
use anyhow::Result;

/// Follow-ups per section the Today screen loads.
const TODAY_LIMIT: usize = 200;
/// Days of upcoming follow-ups shown after today.
const UPCOMING_DAYS: u32 = 3;

impl App {
    pub(super) fn reload_today(&mut self) -> Result<()> {
        if self.book.planning_template().is_none() {
            return Ok(());
        }
        // Time passing alone can change plans (a contact going dormant): catch up first.
        self.book.refresh_followups()?;
        let date = self.book.clock().local(self.book.now()).date_naive();
        let agenda = self.book.agenda(date, UPCOMING_DAYS, TODAY_LIMIT)?;
        self.today.fill(agenda);
        Ok(())
    }

    /// Asks for the note, time or reason the follow-up action needs.
    pub(super) fn ask_followup(&mut self, action: Action) {
        let Some(item) = self.today.current() else {
            return;
        };
        let kind = match action {
            Action::FollowupSnooze => PromptKind::Snooze,
            Action::FollowupSkip => PromptKind::Skip,
            _ => PromptKind::Done,
        };
        let mut input = crate::tui::input::TextInput::default();
        if kind == PromptKind::Snooze {
            input.set("+1d");
        }
        self.screens.push(Screen::Prompt(Box::new(PromptState {
            kind,
            followup_id: item.followup_id,
            title: format!("{} · {}", item.contact_name, item.action),
            input,
            error: None,
        })));
    }

    /// Carries out the prompt's action; a bad answer keeps the prompt open with the error.
    pub(super) fn answer_prompt(&mut self) -> Result<()> {
        let Some(Screen::Prompt(p)) = self.screens.last() else {
            return Ok(());
        };
        let (kind, id, text) = (p.kind, p.followup_id, p.input.text().trim().to_string());
        let result = match kind {
            PromptKind::Done => self
                .book
                .done(id, (!text.is_empty()).then_some(text.as_str()))
                .map(|f| format!("{} {}", self.s.done_msg, f.action)),
            PromptKind::Skip => self
                .book
                .skip(id, &text)
                .map(|f| format!("{} {}", self.s.skipped_msg, f.action)),
            PromptKind::Snooze => {
                let now = self.book.now();
                let spec = if text.is_empty() {
                    "+1d"
                } else {
                    text.as_str()
                };
                crate::domain::when::parse_until(now, self.book.clock().offset(), spec)
                    .map_err(|e| anyhow::anyhow!(e))
                    .and_then(|until| self.book.snooze(id, until))
                    .map(|f| {
                        format!(
                            "{} {}",
                            self.s.snoozed_msg,
                            self.book.clock().local(f.due).format("%m-%d %H:%M")
                        )
                    })
            }
        };
        match result {
            Ok(msg) => {
                self.screens.pop();
                self.reload()?;
                self.status = Some((msg, false));
            }
            Err(e) => {
                if let Some(Screen::Prompt(p)) = self.screens.last_mut() {
                    p.error = Some(format!("{e:#}"));
                }
            }
        }
        Ok(())
    }
}
