//! A contact's fields: a new lead (name + source + need is enough) or an edit (the form
//! filled with what the card holds, only the changed fields saved).

use crate::domain::command::Command;
use crate::domain::contact::clean;
use crate::domain::text::display_safe;
use crate::domain::{Contact, ContactId, ContactPatch, Grade, NewContact};
use crate::tui::form::{Field, Form, Outcome};
use crate::tui::jobs::{Data, Job, Ticket, ticket};
use crate::tui::registry::{Action, Scope};
use crate::tui::view::{Cx, Effect, View};
use ratatui::Frame;
use ratatui::layout::Rect;

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
    pub form: Form,
    /// The contact being edited (none for a new one).
    pub id: Option<ContactId>,
    loading: Option<Ticket>,
}

/// "A 立即跟进": how a grade is offered.
fn grade_option(g: Grade) -> String {
    format!("{g} {}", g.zh())
}

fn grade_of(v: &str) -> Option<Grade> {
    v.split_whitespace().next().and_then(|g| g.parse().ok())
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
        grades.extend(Grade::ALL.iter().map(|g| grade_option(*g)));
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
        Effect::Push(Box::new(ContactForm {
            form: ContactForm::build(cx.s.add_title.to_string(), cx),
            id: None,
            loading: None,
        }))
    }

    /// The contact `id`'s fields, read first.
    pub fn edit(id: ContactId, cx: &Cx) -> Effect {
        let (t, e) = Effect::job(Job::Contact(id));
        let view = ContactForm {
            form: ContactForm::build(cx.t.edit_title.to_string(), cx),
            id: Some(id),
            loading: Some(t),
        };
        Effect::Many(vec![Effect::Push(Box::new(view)), e])
    }

    fn fill(&mut self, c: &Contact) {
        let o = |v: &Option<String>| v.clone().unwrap_or_default();
        let f = &mut self.form.fields;
        f[NAME].load(&c.name);
        f[SOURCE].load(&o(&c.source));
        f[NEED].load(&o(&c.need));
        f[HONORIFIC].load(&o(&c.honorific));
        f[BUDGET].load(&o(&c.budget));
        f[GRADE].load(&c.grade.map(grade_option).unwrap_or_default());
        f[PHONE].load(&o(&c.phone));
        f[WECHAT].load(&o(&c.wechat));
        f[COMPANY].load(&o(&c.company));
        f[NOTES].load(&o(&c.notes));
        self.form.title = format!("{} · {}", self.form.title, display_safe(&c.name, false));
    }

    fn value(&self, i: usize) -> Option<String> {
        clean(self.form.value(i))
    }

    fn new_contact(&self) -> NewContact {
        NewContact {
            name: self.form.value(NAME).to_string(),
            honorific: self.value(HONORIFIC),
            phone: self.value(PHONE),
            wechat: self.value(WECHAT),
            company: self.value(COMPANY),
            source: self.value(SOURCE),
            need: self.value(NEED),
            budget: self.value(BUDGET),
            grade: grade_of(self.form.value(GRADE)),
            notes: self.value(NOTES),
            ..NewContact::default()
        }
    }

    /// Only the fields the rep changed; an emptied field is cleared.
    fn patch(&self) -> ContactPatch {
        let changed = |i: usize| self.form.fields[i].value() != self.form.fields[i].initial();
        let text = |i: usize| changed(i).then(|| self.value(i));
        ContactPatch {
            name: changed(NAME).then(|| self.form.value(NAME).to_string()),
            honorific: text(HONORIFIC),
            phone: text(PHONE),
            wechat: text(WECHAT),
            company: text(COMPANY),
            source: text(SOURCE),
            need: text(NEED),
            budget: text(BUDGET),
            grade: changed(GRADE).then(|| grade_of(self.form.value(GRADE))),
            notes: text(NOTES),
            ..ContactPatch::default()
        }
    }
}

impl View for ContactForm {
    fn scope(&self) -> Scope {
        Scope::Form
    }

    fn handle(&mut self, action: Action, cx: &Cx) -> Effect {
        if self.loading.is_some() {
            return match action {
                Action::Back => Effect::Pop,
                _ => Effect::None,
            };
        }
        match self.form.handle(action) {
            Outcome::Save => {
                let cmd = match self.id {
                    None => Command::Add(self.new_contact()),
                    Some(id) => {
                        let patch = self.patch();
                        if patch.is_empty() {
                            return Effect::Many(vec![
                                Effect::Pop,
                                Effect::Status(cx.t.unchanged.to_string()),
                            ]);
                        }
                        Command::Edit { id, patch }
                    }
                };
                let t = ticket();
                self.form.saving = Some(t);
                Effect::Write(t, cmd)
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
        if self.loading == Some(ticket) {
            self.loading = None;
            return Some(match result {
                Ok(Data::Contact(c)) => {
                    self.fill(c);
                    Effect::None
                }
                Ok(_) => Effect::None,
                Err(e) => Effect::Many(vec![Effect::Pop, Effect::Error(e.clone())]),
            });
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
