//! Tags from the template's taxonomy, by group, filtered as you type: check and uncheck,
//! Enter saves. For marked contacts, the checked tags are added to every one of them.

use super::confirm::Confirm;
use super::picker::{Entry, Picked, Picker};
use crate::domain::command::Command;
use crate::domain::{ContactId, TagRef};
use crate::tui::jobs::{BulkOp, Data, Job, Ticket, ticket};
use crate::tui::registry::{Action, Scope};
use crate::tui::view::{Cx, Effect, View};
use ratatui::Frame;
use ratatui::layout::Rect;

pub struct TagPicker {
    pub picker: Picker,
    pub ids: Vec<ContactId>,
    /// The contact's tags when the picker opened (one contact).
    had: Vec<TagRef>,
    loading: Option<Ticket>,
    saving: Option<Ticket>,
}

impl TagPicker {
    /// Tags for one contact (its current ones checked once read) or for the marked ones.
    pub fn open(ids: Vec<ContactId>, name: Option<&str>, cx: &Cx) -> Effect {
        let entries = cx
            .info
            .tag_groups
            .iter()
            .filter(|g| !g.auto)
            .flat_map(|g| {
                g.tags.iter().map(|t| Entry {
                    group: g.group.clone(),
                    label: t.clone(),
                    checked: false,
                })
            })
            .collect();
        let title = match name {
            Some(n) => format!("{} · {n}", cx.t.tags_title),
            None => format!("{} · {} {}", cx.t.tags_title, cx.t.marked, ids.len()),
        };
        let mut view = TagPicker {
            picker: Picker {
                title,
                entries,
                multi: true,
                ..Picker::default()
            },
            ids,
            had: Vec::new(),
            loading: None,
            saving: None,
        };
        if view.ids.len() == 1 {
            let (t, e) = Effect::job(Job::Contact(view.ids[0]));
            view.loading = Some(t);
            return Effect::Many(vec![Effect::Push(Box::new(view)), e]);
        }
        view.picker.note = Some(cx.t.tags_bulk_hint.to_string());
        Effect::Push(Box::new(view))
    }

    fn checked(&self) -> Vec<TagRef> {
        self.picker
            .entries
            .iter()
            .filter(|e| e.checked)
            .map(|e| TagRef {
                group: e.group.clone(),
                tag: e.label.clone(),
            })
            .collect()
    }
}

impl View for TagPicker {
    fn scope(&self) -> Scope {
        Scope::Picker
    }

    fn handle(&mut self, action: Action, cx: &Cx) -> Effect {
        match self.picker.handle(action) {
            // Checks changed and not saved are asked about, like typed text in a form.
            Picked::Cancel if self.unsaved() => {
                Effect::Push(Box::new(Confirm::new(cx.t.discard_question, Effect::Pop)))
            }
            Picked::Cancel => Effect::Pop,
            Picked::None => Effect::None,
            Picked::Done if self.ids.len() != 1 => {
                let tags = self.checked();
                if tags.is_empty() {
                    return Effect::Pop;
                }
                Effect::Many(vec![
                    Effect::Pop,
                    Effect::Bulk(self.ids.clone(), BulkOp::Tag(tags)),
                ])
            }
            Picked::Done => {
                let now = self.checked();
                // Tags outside the taxonomy the contact has stay as they are.
                let in_picker = |t: &TagRef| {
                    self.picker
                        .entries
                        .iter()
                        .any(|e| e.group == t.group && e.label == t.tag)
                };
                let add: Vec<TagRef> = now
                    .iter()
                    .filter(|t| !self.had.contains(t))
                    .cloned()
                    .collect();
                let remove: Vec<TagRef> = self
                    .had
                    .iter()
                    .filter(|t| in_picker(t) && !now.contains(t))
                    .cloned()
                    .collect();
                if add.is_empty() && remove.is_empty() {
                    return Effect::Many(vec![
                        Effect::Pop,
                        Effect::Status(cx.t.unchanged.to_string()),
                    ]);
                }
                let t = ticket();
                self.saving = Some(t);
                Effect::Write(
                    t,
                    Command::Tag {
                        id: self.ids[0],
                        add,
                        remove,
                    },
                )
            }
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
            if let Ok(Data::Contact(c)) = result {
                self.had = c.tags.clone();
                for e in &mut self.picker.entries {
                    e.checked = c
                        .tags
                        .iter()
                        .any(|t| t.group == e.group && t.tag == e.label);
                }
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

    fn paste(&mut self, text: &str, _cx: &Cx) -> Effect {
        self.picker.paste(text);
        Effect::None
    }

    fn draw(&self, frame: &mut Frame, area: Rect, cx: &Cx) {
        self.picker.draw(frame, area, cx);
    }

    fn overlay(&self) -> bool {
        true
    }

    /// Checks that differ from what the contact has (for marked contacts: any check).
    fn unsaved(&self) -> bool {
        if self.loading.is_some() {
            return false;
        }
        let now = self.checked();
        if self.ids.len() != 1 {
            return !now.is_empty();
        }
        let had_here: Vec<&TagRef> = self
            .had
            .iter()
            .filter(|t| {
                self.picker
                    .entries
                    .iter()
                    .any(|e| e.group == t.group && e.label == t.tag)
            })
            .collect();
        now.len() != had_here.len() || now.iter().any(|t| !self.had.contains(t))
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}
