//! Ending a deal: won (the amount, the product picked from the template's products or
//! typed) and lost (the reason picked from those used before or typed).

use crate::domain::ContactId;
use crate::domain::command::Command;
use crate::domain::contact::clean;
use crate::domain::money::parse_amount;
use crate::domain::text::display_safe;
use crate::i18n::errors::{Front, field_error};
use crate::tui::form::{Field, Form, Kind};
use crate::tui::form_view::{FormSpec, FormView, Save};
use crate::tui::jobs::{Data, Job, Ticket};
use crate::tui::view::{Cx, Effect};

pub struct WonForm {
    pub id: ContactId,
}

pub struct LostForm {
    pub id: ContactId,
    /// The reasons used before, being read.
    loading: Option<Ticket>,
}

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
        FormView::open(form, WonForm { id }, None)
    }
}

impl FormSpec for WonForm {
    fn save(&mut self, form: &Form, cx: &Cx) -> Result<Save, String> {
        let amount_cents = clean(form.value(0))
            .map(|a| parse_amount(&a))
            .transpose()
            .map_err(|e| field_error(cx.lang, Front::Tui, &e))?;
        Ok(Save::Write(Command::Won {
            id: self.id,
            amount_cents,
            product: clean(form.value(1)),
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
        let (t, read) = Effect::job(Job::LostReasons);
        let spec = LostForm {
            id,
            loading: Some(t),
        };
        FormView::open(form, spec, Some(read))
    }
}

impl FormSpec for LostForm {
    fn save(&mut self, form: &Form, _cx: &Cx) -> Result<Save, String> {
        Ok(Save::Write(Command::Lost {
            id: self.id,
            reason: form.value(0).to_string(),
        }))
    }

    fn loaded(
        &mut self,
        form: &mut Form,
        ticket: Ticket,
        result: &Result<Data, String>,
    ) -> Option<Effect> {
        if self.loading != Some(ticket) {
            return None;
        }
        self.loading = None;
        if let Ok(Data::Choices(used)) = result {
            // Reasons used before come first: they are this rep's own words.
            let field = &mut form.fields[0];
            let offered: Vec<String> = field.matches().into_iter().map(String::from).collect();
            if let Kind::Choice { options, .. } = &mut field.kind {
                options.clear();
            }
            field.set_options(used.iter().cloned().chain(offered).collect());
        }
        Some(Effect::None)
    }
}
