//! A one-line question over Today: a note for done, a time for snooze, a reason for skip.
//! It starts empty, with the accepted forms as its hint.

use crate::domain::command::Command;
use crate::domain::text::display_safe;
use crate::domain::when::parse_until;
use crate::i18n::errors::{Front, field_error};
use crate::service::AgendaItem;
use crate::tui::form::{Field, Form};
use crate::tui::form_view::{FormSpec, FormView, Save};
use crate::tui::registry::Scope;
use crate::tui::view::{Cx, Effect};

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
}

impl FollowupPrompt {
    pub fn open(kind: PromptKind, item: &AgendaItem, cx: &Cx) -> Effect {
        let t = cx.t;
        let (label, note) = match kind {
            PromptKind::Done => (t.prompt_note, t.prompt_done_hint),
            PromptKind::Snooze => (t.prompt_until, t.prompt_snooze_hint),
            PromptKind::Skip => (t.prompt_reason, t.prompt_skip_hint),
        };
        // A done note is a note like the log form's: on several lines if the rep wants.
        let mut field = match kind {
            PromptKind::Done => Field::text(label, 3, ""),
            _ => Field::line(label, ""),
        };
        if kind == PromptKind::Skip {
            field = field.required();
        }
        let mut form = Form::new(
            format!(
                "{} · {}",
                display_safe(&item.contact_name, false),
                display_safe(
                    &crate::i18n::names::action_text(cx.lang, &item.action),
                    false
                )
            ),
            vec![field],
        );
        form.note = Some(note.to_string());
        form.width = 70;
        let spec = FollowupPrompt {
            kind,
            followup_id: item.followup_id,
        };
        FormView::open(form, spec, None)
    }
}

impl FormSpec for FollowupPrompt {
    fn save(&mut self, form: &Form, cx: &Cx) -> Result<Save, String> {
        let text = form.value(0).trim().to_string();
        let followup = self.followup_id;
        Ok(Save::Write(match self.kind {
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
                let until = parse_until(cx.now, &cx.clock, spec)
                    .map_err(|e| field_error(cx.lang, Front::Tui, &e))?;
                Command::Snooze { followup, until }
            }
        }))
    }

    fn scope(&self) -> Scope {
        Scope::Prompt
    }
}
