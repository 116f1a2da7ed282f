//! A contact's fields: a new lead (name + source + need is enough) or an edit (the form
//! filled with what the card holds, only the changed fields saved).

use crate::config::Lang;
use crate::domain::command::Command;
use crate::domain::contact::clean;
use crate::domain::text::display_safe;
use crate::domain::{Contact, ContactId, ContactPatch, Grade, NewContact};
use crate::tui::form::{Field, Form};
use crate::tui::form_view::{FormSpec, FormView, Save};
use crate::tui::jobs::{Data, Job, Ticket};
use crate::tui::view::{Cx, Effect};

const NAME: usize = 0;
const SOURCE: usize = 1;
const NEED: usize = 2;
const HONORIFIC: usize = 3;
const BUDGET: usize = 4;
const GRADE: usize = 5;
const PHONE: usize = 6;
const WECHAT: usize = 7;
const COMPANY: usize = 8;
const NOTES: usize = 9;

pub struct ContactForm {
    /// The contact being edited (none for a new one).
    pub id: Option<ContactId>,
    loading: Option<Ticket>,
    /// The UI's language, for the grade a loaded contact shows.
    lang: Lang,
    /// What the last save sent. The form is still open, so it was refused: saved again
    /// unchanged after being told the phone or WeChat ID is another contact's, the rep
    /// says this is someone else.
    sent: Option<Command>,
}

/// "A 立即跟进" / "A act now": how a grade is offered.
fn grade_option(lang: Lang, g: Grade) -> String {
    crate::i18n::names::grade_name(lang, g).to_string()
}

fn grade_of(v: &str) -> Option<Grade> {
    v.split_whitespace().next().and_then(|g| g.parse().ok())
}

fn value(form: &Form, i: usize) -> Option<String> {
    clean(form.value(i))
}

impl ContactForm {
    fn build(title: String, cx: &Cx) -> Form {
        let s = cx.s;
        // Sources offered: the template's source tags, if it has that group.
        let sources: Vec<String> = cx
            .info
            .tag_groups
            .iter()
            .find(|g| g.group == cx.t.source_group)
            .map(|g| g.tags.clone())
            .unwrap_or_default();
        let mut grades = vec![String::new()];
        grades.extend(Grade::ALL.iter().map(|g| grade_option(cx.lang, *g)));
        let mut form = Form::new(
            title,
            vec![
                Field::line(s.col_name, "").required(),
                Field::choice(s.col_source, sources, true, ""),
                Field::line(s.col_need, ""),
                Field::line(s.honorific, ""),
                Field::line(s.col_budget, ""),
                Field::choice(s.col_grade, grades, false, ""),
                Field::line(s.phone, ""),
                Field::line(s.wechat, ""),
                Field::line(s.company, ""),
                Field::text(s.notes, 3, ""),
            ],
        );
        form.width = 70;
        form
    }

    /// A new contact.
    pub fn add(cx: &Cx) -> Effect {
        let spec = ContactForm {
            id: None,
            loading: None,
            lang: cx.lang,
            sent: None,
        };
        FormView::open(
            ContactForm::build(cx.s.add_title.to_string(), cx),
            spec,
            None,
        )
    }

    /// The contact `id`'s fields, read first.
    pub fn edit(id: ContactId, cx: &Cx) -> Effect {
        let (t, read) = Effect::job(Job::Contact(id));
        let spec = ContactForm {
            id: Some(id),
            loading: Some(t),
            lang: cx.lang,
            sent: None,
        };
        FormView::open(
            ContactForm::build(cx.t.edit_title.to_string(), cx),
            spec,
            Some(read),
        )
    }

    fn fill(form: &mut Form, c: &Contact, lang: Lang) {
        let o = |v: &Option<String>| v.clone().unwrap_or_default();
        let f = &mut form.fields;
        f[NAME].load(&c.name);
        f[SOURCE].load(&o(&c.source));
        f[NEED].load(&o(&c.need));
        f[HONORIFIC].load(&o(&c.honorific));
        f[BUDGET].load(&o(&c.budget));
        f[GRADE].load(&c.grade.map(|g| grade_option(lang, g)).unwrap_or_default());
        f[PHONE].load(&o(&c.phone));
        f[WECHAT].load(&o(&c.wechat));
        f[COMPANY].load(&o(&c.company));
        f[NOTES].load(&o(&c.notes));
        form.title = format!("{} · {}", form.title, display_safe(&c.name, false));
    }

    fn new_contact(form: &Form) -> NewContact {
        NewContact {
            name: form.value(NAME).to_string(),
            honorific: value(form, HONORIFIC),
            phone: value(form, PHONE),
            wechat: value(form, WECHAT),
            company: value(form, COMPANY),
            source: value(form, SOURCE),
            need: value(form, NEED),
            budget: value(form, BUDGET),
            grade: grade_of(form.value(GRADE)),
            notes: value(form, NOTES),
            ..NewContact::default()
        }
    }

    /// Only the fields the rep changed; an emptied field is cleared.
    fn patch(form: &Form) -> ContactPatch {
        let changed = |i: usize| form.fields[i].value() != form.fields[i].initial();
        let text = |i: usize| changed(i).then(|| value(form, i));
        ContactPatch {
            name: changed(NAME).then(|| form.value(NAME).to_string()),
            honorific: text(HONORIFIC),
            phone: text(PHONE),
            wechat: text(WECHAT),
            company: text(COMPANY),
            source: text(SOURCE),
            need: text(NEED),
            budget: text(BUDGET),
            grade: changed(GRADE).then(|| grade_of(form.value(GRADE))),
            notes: text(NOTES),
            ..ContactPatch::default()
        }
    }
}

impl FormSpec for ContactForm {
    fn save(&mut self, form: &Form, cx: &Cx) -> Result<Save, String> {
        let mut cmd = match self.id {
            None => Command::Add(ContactForm::new_contact(form)),
            Some(id) => {
                let patch = ContactForm::patch(form);
                if patch.is_empty() {
                    return Ok(Save::Now(Effect::Many(vec![
                        Effect::Pop,
                        Effect::Status(cx.t.unchanged.to_string()),
                    ])));
                }
                Command::Edit { id, patch }
            }
        };
        let again = self.sent.as_ref() == Some(&cmd);
        self.sent = Some(cmd.clone());
        if again {
            match &mut cmd {
                Command::Add(new) => new.duplicate_ok = true,
                Command::Edit { patch, .. } => patch.duplicate_ok = true,
                _ => {}
            }
        }
        Ok(Save::Write(cmd))
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
        Some(match result {
            Ok(Data::Contact(c)) => {
                ContactForm::fill(form, c, self.lang);
                Effect::None
            }
            Ok(_) => Effect::None,
            Err(e) => Effect::Many(vec![Effect::Pop, Effect::Error(e.clone())]),
        })
    }

    fn loading(&self) -> bool {
        self.loading.is_some()
    }
}
