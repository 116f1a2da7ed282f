//! One view for every form: the keys, the paste, the drawing, the question before throwing
//! typed text away, and the write the form waits for are the same; what a form saves (and
//! what it reads first) is its own, a [`FormSpec`].

use super::form::{Form, Outcome};
use super::jobs::{Data, Job, Ticket, ticket};
use super::registry::{Action, Scope};
use super::view::{Cx, Effect, View};
use crate::domain::command::Command;
use ratatui::Frame;
use ratatui::layout::Rect;

/// What saving a form asks for.
pub enum Save {
    /// A change to the book; the form closes once it went through.
    Write(Command),
    /// A job (the rep's name saved); the form closes once it went through.
    Job(Job),
    /// Something else at once (a filter applied, nothing to change).
    Now(Effect),
}

pub trait FormSpec: 'static {
    /// What the form saves, or what is wrong with what was typed.
    fn save(&mut self, form: &Form, cx: &Cx) -> Result<Save, String>;

    /// The answer to a read the form asked for when it opened; `None` when not its own.
    fn loaded(
        &mut self,
        _form: &mut Form,
        _ticket: Ticket,
        _result: &Result<Data, String>,
    ) -> Option<Effect> {
        None
    }

    /// Still reading what the form shows (keys wait, Esc closes).
    fn loading(&self) -> bool {
        false
    }

    /// After every key (a choice that follows another field).
    fn changed(&mut self, _form: &mut Form, _cx: &Cx) {}

    /// What closing after a save does besides closing.
    fn saved(&self, _form: &Form, _cx: &Cx) -> Effect {
        Effect::None
    }

    /// A one-line question (Enter answers) rather than a form.
    fn scope(&self) -> Scope {
        Scope::Form
    }

    /// Closing asks first when something was typed (a filter simply closes).
    fn asks_before_closing(&self) -> bool {
        true
    }
}

pub struct FormView<S: FormSpec> {
    pub form: Form,
    pub spec: S,
}

impl<S: FormSpec> FormView<S> {
    pub fn new(form: Form, spec: S) -> FormView<S> {
        FormView { form, spec }
    }

    /// The form on top, and the read it needs first (if any).
    pub fn open(form: Form, spec: S, read: Option<Effect>) -> Effect {
        let view = Effect::Push(Box::new(FormView::new(form, spec)));
        match read {
            Some(r) => Effect::Many(vec![view, r]),
            None => view,
        }
    }
}

impl<S: FormSpec> View for FormView<S> {
    fn scope(&self) -> Scope {
        self.spec.scope()
    }

    fn handle(&mut self, action: Action, cx: &Cx) -> Effect {
        if self.spec.loading() {
            return if action == Action::Back {
                Effect::Pop
            } else {
                Effect::None
            };
        }
        let outcome = self.form.handle(action);
        self.spec.changed(&mut self.form, cx);
        match outcome {
            Outcome::Save => match self.spec.save(&self.form, cx) {
                Ok(Save::Write(cmd)) => {
                    let t = ticket();
                    self.form.saving = Some(t);
                    Effect::Write(t, cmd)
                }
                Ok(Save::Job(job)) => {
                    let t = ticket();
                    self.form.saving = Some(t);
                    Effect::Job(t, job)
                }
                Ok(Save::Now(effect)) => effect,
                Err(e) => {
                    self.form.error = Some(e);
                    Effect::None
                }
            },
            Outcome::Cancel if self.spec.asks_before_closing() => self.form.cancel(cx),
            Outcome::Cancel => Effect::Pop,
            Outcome::None => Effect::None,
        }
    }

    fn answer(&mut self, ticket: Ticket, result: &Result<Data, String>, cx: &Cx) -> Option<Effect> {
        if let Some(e) = self.spec.loaded(&mut self.form, ticket, result) {
            return Some(e);
        }
        match self.form.saved(ticket, result)? {
            Effect::Pop => Some(Effect::Many(vec![
                Effect::Pop,
                self.spec.saved(&self.form, cx),
            ])),
            other => Some(other),
        }
    }

    fn paste(&mut self, text: &str, cx: &Cx) -> Effect {
        self.form.paste(text);
        self.spec.changed(&mut self.form, cx);
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
