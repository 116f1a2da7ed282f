//! A follow-up on a date the rep set with the customer (a call, 面诊, 试听): when, typed
//! the way the rest of the app reads times, and what was agreed. Saved as the same command
//! as `followup add`, so Today shows it in its section and `u` takes it back.

use crate::domain::ContactId;
use crate::domain::command::Command;
use crate::domain::contact::clean;
use crate::domain::text::display_safe;
use crate::domain::when::parse_until;
use crate::i18n::errors::{Front, field_error};
use crate::tui::form::{Field, Form};
use crate::tui::form_view::{FormSpec, FormView, Save};
use crate::tui::view::{Cx, Effect};

pub struct FollowupForm {
    pub id: ContactId,
}

impl FollowupForm {
    /// The form starts empty: a time the rep did not type is never saved.
    pub fn open(id: ContactId, name: &str, cx: &Cx) -> Effect {
        let mut form = Form::new(
            format!("{} · {}", cx.t.schedule_title, display_safe(name, false)),
            vec![
                Field::line(cx.t.schedule_at, "").required(),
                Field::line(cx.t.schedule_note, ""),
            ],
        );
        form.note = Some(cx.t.schedule_hint.to_string());
        form.width = 72;
        FormView::open(form, FollowupForm { id }, None)
    }
}

impl FormSpec for FollowupForm {
    fn save(&mut self, form: &Form, cx: &Cx) -> Result<Save, String> {
        let typed = form.value(0).trim();
        if typed.is_empty() {
            return Err(cx.t.schedule_at_missing.to_string());
        }
        let at = parse_until(cx.now, &cx.clock, typed)
            .map_err(|e| field_error(cx.lang, Front::Tui, &e))?;
        Ok(Save::Write(Command::FollowupAdd {
            id: self.id,
            at,
            note: clean(form.value(1)),
            kind: None,
            remind: false,
        }))
    }
}
