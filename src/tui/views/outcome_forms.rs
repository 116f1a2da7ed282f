//! Ending a deal: won (the amount, the product picked from the template's products or
//! typed) and lost (the reason picked from those used before or typed).

use crate::domain::ContactId;
use crate::domain::command::Command;
use crate::domain::contact::clean;
use crate::domain::money::parse_amount;
use crate::domain::text::display_safe;
use crate::i18n::errors::{Front, field_error};
use crate::tui::form::{Field, Form, Outcome};
use crate::tui::jobs::{Data, Job, Ticket, ticket};
use crate::tui::registry::{Action, Scope};
use crate::tui::view::{Cx, Effect, View};
use ratatui::Frame;
use ratatui::layout::Rect;

/// A form that writes one command and closes when it went through.
pub struct OutcomeForm {
    pub form: Form,
    pub id: ContactId,
    won: bool,
    /// The reasons used before, being read.
    loading: Option<Ticket>,
}

pub struct WonForm;
pub struct LostForm;

impl WonForm {
    pub fn open(id: ContactId, name: &str, cx: &Cx) -> Effect {
        let mut form = Form::new(
            format!("{} · {}", cx.t.won_title, display_safe(name, false)),
            vec![
                Field::line(cx.t.won_amount, ""),
                Field::choice(cx.t.won_product, cx.info.products.clone(), true, ""),
            ],
        );
        form.note = Some(cx.t.won_hint.to_string());
        Effect::Push(Box::new(OutcomeForm {
            form,
            id,
            won: true,
            loading: None,
        }))
    }
}

impl LostForm {
    pub fn open(id: ContactId, name: &str, cx: &Cx) -> Effect {
        let options = cx.t.lost_reasons.iter().map(|r| r.to_string()).collect();
        let mut form = Form::new(
            format!("{} · {}", cx.t.lost_title, display_safe(name, false)),
            vec![Field::choice(cx.t.lost_reason, options, true, "").required()],
        );
        form.note = Some(cx.t.lost_hint.to_string());
        let (t, e) = Effect::job(Job::LostReasons);
        let view = OutcomeForm {
            form,
            id,
            won: false,
            loading: Some(t),
        };
        Effect::Many(vec![Effect::Push(Box::new(view)), e])
    }
}

impl OutcomeForm {
    fn command(&self, cx: &Cx) -> Result<Command, String> {
        if !self.won {
            return Ok(Command::Lost {
                id: self.id,
                reason: self.form.value(0).to_string(),
            });
        }
        let amount_cents = clean(self.form.value(0))
            .map(|a| parse_amount(&a))
            .transpose()
            .map_err(|e| field_error(cx.lang, Front::Tui, &e))?;
        Ok(Command::Won {
            id: self.id,
            amount_cents,
            product: clean(self.form.value(1)),
        })
    }
}

impl View for OutcomeForm {
    fn scope(&self) -> Scope {
        Scope::Form
    }

    fn handle(&mut self, action: Action, cx: &Cx) -> Effect {
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
        if self.loading == Some(ticket) {
            self.loading = None;
            if let Ok(Data::Choices(used)) = result {
                // Reasons used before come first: they are this rep's own words.
                let field = &mut self.form.fields[0];
                let mut all = used.clone();
                all.extend(field.matches().into_iter().map(String::from));
                all.dedup();
                if let crate::tui::form::Kind::Choice { options, .. } = &mut field.kind {
                    options.clear();
                }
                field.set_options(all);
            }
            return Some(Effect::None);
        }
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
