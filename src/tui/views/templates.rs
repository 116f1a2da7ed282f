//! Which SOP template the book follows: the templates there are, the active one marked;
//! Enter switches (every follow-up is planned again with it, one change, undoable).

use super::picker::{Entry, Picked, Picker};
use crate::tui::jobs::{Data, Job, Ticket, ticket};
use crate::tui::registry::{Action, Scope};
use crate::tui::view::{Cx, Effect, View};
use ratatui::Frame;
use ratatui::layout::Rect;

pub struct TemplatePicker {
    pub picker: Picker,
    /// What each entry is: a template's id, or what is wrong in a file that has errors.
    ids: Vec<Listed>,
    loading: Option<Ticket>,
    saving: Option<Ticket>,
}

enum Listed {
    Template(String),
    Broken(String),
}

impl TemplatePicker {
    pub fn open(cx: &Cx) -> Effect {
        let (t, e) = Effect::job(Job::Templates);
        let view = TemplatePicker {
            picker: Picker {
                title: format!(
                    "{} · {} {}",
                    cx.t.templates_title, cx.t.active, cx.info.template_name
                ),
                ..Picker::default()
            },
            ids: Vec::new(),
            loading: Some(t),
            saving: None,
        };
        Effect::Many(vec![Effect::Push(Box::new(view)), e])
    }
}

impl View for TemplatePicker {
    fn scope(&self) -> Scope {
        Scope::Choice
    }

    fn handle(&mut self, action: Action, cx: &Cx) -> Effect {
        match self.picker.handle(action) {
            Picked::Cancel => Effect::Pop,
            Picked::None => Effect::None,
            Picked::Done => {
                let visible = self.picker.visible();
                let id = match visible
                    .get(self.picker.cursor)
                    .and_then(|i| self.ids.get(*i))
                {
                    Some(Listed::Template(id)) => id,
                    Some(Listed::Broken(why)) => return Effect::Error(why.clone()),
                    None => return Effect::None,
                };
                if *id == cx.info.template_id {
                    return Effect::Pop;
                }
                // The whole book is planned again, for good: asked first.
                let name = visible
                    .get(self.picker.cursor)
                    .and_then(|i| self.picker.entries.get(*i))
                    .map_or(id.as_str(), |e| e.label.as_str());
                let question = crate::exchange::fill(cx.t.template_question, &[name]);
                let t = ticket();
                self.saving = Some(t);
                Effect::Push(Box::new(super::confirm::Confirm::new(
                    question,
                    Effect::Job(t, Job::UseTemplate(id.clone())),
                )))
            }
        }
    }

    fn answer(&mut self, ticket: Ticket, result: &Result<Data, String>, cx: &Cx) -> Option<Effect> {
        if self.loading == Some(ticket) {
            self.loading = None;
            if let Ok(Data::Templates { usable, broken }) = result {
                self.ids = usable
                    .iter()
                    .map(|(id, _)| Listed::Template(id.clone()))
                    .chain(broken.iter().map(|(_, why)| Listed::Broken(why.clone())))
                    .collect();
                self.picker.entries = usable
                    .iter()
                    // By name: the id is the command line's word for it.
                    .map(|(id, name)| Entry {
                        group: String::new(),
                        label: name.clone(),
                        checked: *id == cx.info.template_id,
                    })
                    // A file with errors by its name, marked; Enter says what is wrong.
                    .chain(broken.iter().map(|(file, _)| Entry {
                        group: cx.t.template_broken.to_string(),
                        label: file.clone(),
                        checked: false,
                    }))
                    .collect();
                self.picker.cursor = usable
                    .iter()
                    .position(|(id, _)| *id == cx.info.template_id)
                    .unwrap_or(0);
            }
            return Some(Effect::None);
        }
        if self.saving == Some(ticket) {
            self.saving = None;
            return Some(match result {
                Ok(_) => Effect::Pop,
                Err(e) => Effect::Error(e.clone()),
            });
        }
        None
    }

    fn draw(&self, frame: &mut Frame, area: Rect, cx: &Cx) {
        self.picker.draw(frame, area, cx);
    }

    fn overlay(&self) -> bool {
        true
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}
