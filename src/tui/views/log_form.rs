//! Logging a touch: the channel (or a plain note, or the customer's own message) and what
//! was said, on as many lines as needed.

use crate::domain::command::Command;
use crate::domain::text::display_safe;
use crate::domain::{Channel, ContactId};
use crate::i18n::names::channel_label;
use crate::tui::form::{Field, Form};
use crate::tui::form_view::{FormSpec, FormView, Save};
use crate::tui::view::{Cx, Effect};

pub struct LogForm {
    pub id: ContactId,
    /// Each channel option: the option's words, the channel, whether the customer wrote.
    kinds: Vec<(String, Option<Channel>, bool)>,
}

impl LogForm {
    pub fn open(id: ContactId, name: &str, cx: &Cx) -> Effect {
        let mut kinds: Vec<(String, Option<Channel>, bool)> = Channel::ALL
            .iter()
            .map(|c| (channel_label(cx.lang, *c).to_string(), Some(*c), false))
            .collect();
        kinds.push((cx.t.log_note_only.to_string(), None, false));
        kinds.push((cx.t.log_inbound.to_string(), None, true));
        let options: Vec<String> = kinds.iter().map(|k| k.0.clone()).collect();
        let first = options[0].clone();
        let mut form = Form::new(
            format!("{} · {}", cx.t.log_title, display_safe(name, false)),
            vec![
                Field::choice(cx.t.log_channel, options, false, &first),
                Field::text(cx.t.log_text, 5, "").required(),
            ],
        );
        form.focus = 1;
        form.note = Some(cx.t.log_hint.to_string());
        form.width = 72;
        FormView::open(form, LogForm { id, kinds }, None)
    }
}

impl FormSpec for LogForm {
    fn save(&mut self, form: &Form, _cx: &Cx) -> Result<Save, String> {
        let chosen = form.value(0);
        let (_, channel, inbound) = self
            .kinds
            .iter()
            .find(|k| k.0 == chosen)
            .cloned()
            .unwrap_or_default();
        Ok(Save::Write(Command::Log {
            id: self.id,
            text: form.value(1).to_string(),
            channel,
            inbound,
        }))
    }
}
