//! Today's follow-ups: loading the agenda, and done / snooze / skip through a prompt.

use super::{App, Screen};
use crate::domain::command::Command;
use crate::domain::when::parse_until;
use crate::service::Error;
use crate::tui::keymap::Action;
use crate::tui::views::prompt::{PromptKind, PromptState};
use anyhow::Result;

/// Follow-ups per section the Today screen loads.
const TODAY_LIMIT: usize = 200;
/// Days of upcoming follow-ups shown after today.
const UPCOMING_DAYS: u32 = 3;

impl App {
    pub(super) fn reload_today(&mut self) -> Result<()> {
        let agenda = self.book.read(|v| {
            let date = v.clock().local(v.now()).date_naive();
            v.agenda(date, UPCOMING_DAYS, TODAY_LIMIT)
        })?;
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
        let session = self.book.session();
        let command = match kind {
            PromptKind::Done => Ok(Command::Done {
                followup: id,
                note: (!text.is_empty()).then_some(text.clone()),
            }),
            PromptKind::Skip => Ok(Command::Skip {
                followup: id,
                reason: text.clone(),
            }),
            PromptKind::Snooze => {
                let spec = if text.is_empty() { "+1d" } else { &text };
                parse_until(session.now(), &session.clock, spec)
                    .map(|until| Command::Snooze {
                        followup: id,
                        until,
                    })
                    .map_err(Error::from)
            }
        };
        let result = command.and_then(|c| self.book.execute(c)).and_then(|_| {
            let view = self.book.view();
            let f = view.followup(id)?;
            Ok(match kind {
                PromptKind::Done => format!("{} {}", self.s.done_msg, f.action),
                PromptKind::Skip => format!("{} {}", self.s.skipped_msg, f.action),
                PromptKind::Snooze => format!(
                    "{} {}",
                    self.s.snoozed_msg,
                    view.clock().local(f.due).format("%m-%d %H:%M")
                ),
            })
        });
        match result {
            Ok(msg) => {
                self.screens.pop();
                self.reload()?;
                self.status = Some((msg, false));
            }
            Err(e) => {
                let msg = self.error_text(&e);
                if let Some(Screen::Prompt(p)) = self.screens.last_mut() {
                    p.error = Some(msg);
                }
            }
        }
        Ok(())
    }
}
