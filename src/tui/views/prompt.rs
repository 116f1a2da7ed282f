//! A one-line question over Today: a note for done, a time for snooze, a reason for skip.
//! It starts empty, with the accepted forms as its hint.

use crate::domain::command::Command;
use crate::domain::text::display_safe;
use crate::domain::when::parse_until;
use crate::i18n::errors::{Front, field_error};
use crate::service::AgendaItem;
use crate::tui::form::{Field, Form, Outcome};
use crate::tui::jobs::{Data, Ticket, ticket};
use crate::tui::registry::{Action, Scope};
use crate::tui::view::{Cx, Effect, View};
use ratatui::Frame;
use ratatui::layout::Rect;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptKind {
    Done,
    Snooze,
    Skip,
}

/// What an empty snooze means.
const DEFAULT_SNOOZE: &str = "+1d";

pub struct FollowupPrompt {
    pub kind: PromptKind,
    pub followup_id: i64,
    pub form: Form,
}

impl FollowupPrompt {
    pub fn new(kind: PromptKind, item: &AgendaItem, cx: &Cx) -> FollowupPrompt {
        let t = cx.t;
        let (label, note) = match kind {
            PromptKind::Done => (t.prompt_note, t.prompt_done_hint),
            PromptKind::Snooze => (t.prompt_until, t.prompt_snooze_hint),
            PromptKind::Skip => (t.prompt_reason, t.prompt_skip_hint),
        };
        let mut field = Field::line(label, "");
        if kind == PromptKind::Skip {
            field = field.required();
        }
        let mut form = Form::new(
            format!(
                "{} · {}",
                display_safe(&item.contact_name, false),
                display_safe(&item.action, false)
            ),
            vec![field],
        );
        form.note = Some(note.to_string());
        form.width = 70;
        FollowupPrompt {
            kind,
            followup_id: item.followup_id,
            form,
        }
    }

    fn command(&self, cx: &Cx) -> Result<Command, String> {
        let text = self.form.value(0).trim().to_string();
        let followup = self.followup_id;
        Ok(match self.kind {
            PromptKind::Done => Command::Done {
                followup,
                note: (!text.is_empty()).then_some(text),
            },
            PromptKind::Skip => Command::Skip {
                followup,
                reason: text,
            },
            PromptKind::Snooze => {
                let spec = if text.is_empty() {
                    DEFAULT_SNOOZE
                } else {
                    &text
                };
                let until = parse_until(cx.now, cx.offset, spec)
                    .map_err(|e| field_error(cx.lang, Front::Tui, &e))?;
                Command::Snooze { followup, until }
            }
        })
    }
}

impl View for FollowupPrompt {
    fn scope(&self) -> Scope {
        Scope::Prompt
    }

    fn handle(&mut self, action: Action, cx: &Cx) -> Effect {
        // One field: Enter is the answer.
        let action = if action == Action::Submit {
            Action::Save
        } else {
            action
        };
        match self.form.handle(action) {
            Outcome::Save => match self.command(cx) {
                Ok(cmd) => {
                    let t = ticket();
                    self.form.saving = Some(t);
                    Effect::Write(t, cmd)
                }
                Err(e) => {
                    self.form.error = Some(e);
                    Effect::None
                }
            },
            Outcome::Cancel => self.form.cancel(cx),
            Outcome::None => Effect::None,
        }
    }

    fn answer(
        &mut self,
        ticket: Ticket,
        result: &Result<Data, String>,
        _cx: &Cx,
    ) -> Option<Effect> {
        self.form.saved(ticket, result)
    }

    fn paste(&mut self, text: &str, _cx: &Cx) -> Effect {
        self.form.paste(text);
        Effect::None
    }

    fn draw(&self, frame: &mut Frame, area: Rect, cx: &Cx) {
        self.form.draw(frame, area, cx);
    }

    fn overlay(&self) -> bool {
        true
    }

    fn unsaved(&self) -> bool {
        self.form.unsaved()
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}
