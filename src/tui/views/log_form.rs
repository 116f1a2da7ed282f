//! Logging a touch: the channel (or a plain note, or the customer's own message) and what
//! was said, on as many lines as needed.

use crate::domain::command::Command;
use crate::domain::text::display_safe;
use crate::domain::{Channel, ContactId};
use crate::i18n::tui::channel_name;
use crate::tui::form::{Field, Form, Outcome};
use crate::tui::jobs::{Data, Ticket, ticket};
use crate::tui::registry::{Action, Scope};
use crate::tui::view::{Cx, Effect, View};
use ratatui::Frame;
use ratatui::layout::Rect;

pub struct LogForm {
    pub form: Form,
    pub id: ContactId,
    /// What each channel option means: (channel, the customer wrote).
    kinds: Vec<(Option<Channel>, bool)>,
}

impl LogForm {
    pub fn open(id: ContactId, name: &str, cx: &Cx) -> Effect {
        let mut kinds: Vec<(Option<Channel>, bool)> =
            Channel::ALL.iter().map(|c| (Some(*c), false)).collect();
        kinds.push((None, false));
        kinds.push((None, true));
        let options: Vec<String> = kinds
            .iter()
            .map(|(c, inbound)| match (c, inbound) {
                (Some(c), _) => channel_name(cx.lang, *c).to_string(),
                (None, false) => cx.t.log_note_only.to_string(),
                (None, true) => cx.t.log_inbound.to_string(),
            })
            .collect();
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
        Effect::Push(Box::new(LogForm { form, id, kinds }))
    }

    fn command(&self) -> Command {
        let chosen = self.form.value(0);
        let options = match &self.form.fields[0].kind {
            crate::tui::form::Kind::Choice { options, .. } => options.clone(),
            _ => Vec::new(),
        };
        let (channel, inbound) = options
            .iter()
            .position(|o| o == chosen)
            .map_or((None, false), |i| self.kinds[i]);
        Command::Log {
            id: self.id,
            text: self.form.value(1).to_string(),
            channel,
            inbound,
        }
    }
}

impl View for LogForm {
    fn scope(&self) -> Scope {
        Scope::Form
    }

    fn handle(&mut self, action: Action, cx: &Cx) -> Effect {
        match self.form.handle(action) {
            Outcome::Save => {
                let t = ticket();
                self.form.saving = Some(t);
                Effect::Write(t, self.command())
            }
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
