//! The board's filters: grade, tag, source, lifecycle. Each a choice ("all" first); the
//! sources are those in use in the book.

use crate::domain::followup::Lifecycle;
use crate::domain::{Grade, TagRef};
use crate::i18n::tui::lifecycle_name;
use crate::service::BoardFilter;
use crate::tui::form::{Field, Form, Outcome};
use crate::tui::jobs::{Data, Job, Ticket};
use crate::tui::registry::{Action, Scope};
use crate::tui::view::{Cx, Effect, View};
use ratatui::Frame;
use ratatui::layout::Rect;

pub struct FilterForm {
    pub form: Form,
    closed: bool,
    loading: Option<Ticket>,
}

impl FilterForm {
    pub fn open(f: &BoardFilter, cx: &Cx) -> Effect {
        let any = cx.t.filter_any.to_string();
        let with_any = |mut v: Vec<String>| {
            v.insert(0, any.clone());
            v
        };
        let grades = with_any(Grade::ALL.iter().map(|g| g.to_string()).collect());
        let tags = with_any(
            cx.info
                .tag_groups
                .iter()
                .flat_map(|g| g.tags.iter().map(move |t| format!("{}/{t}", g.group)))
                .collect(),
        );
        let lifecycles = with_any(
            Lifecycle::ALL
                .iter()
                .map(|l| lifecycle_name(cx.lang, *l).to_string())
                .collect(),
        );
        let current = |v: Option<String>| v.unwrap_or_else(|| any.clone());
        let mut form = Form::new(
            cx.t.filter_title.to_string(),
            vec![
                Field::choice(
                    cx.s.col_grade,
                    grades,
                    false,
                    &current(f.grade.map(|g| g.to_string())),
                ),
                Field::choice(
                    cx.s.col_tags,
                    tags,
                    true,
                    &current(f.tag.as_ref().map(|t| t.to_string())),
                ),
                Field::choice(
                    cx.s.col_source,
                    vec![any.clone()],
                    true,
                    &current(f.source.clone()),
                ),
                Field::choice(
                    cx.s.lifecycle,
                    lifecycles,
                    false,
                    &current(f.lifecycle.map(|l| lifecycle_name(cx.lang, l).to_string())),
                ),
            ],
        );
        form.note = Some(cx.t.filter_hint.to_string());
        let (t, e) = Effect::job(Job::Sources);
        let view = FilterForm {
            form,
            closed: f.closed,
            loading: Some(t),
        };
        Effect::Many(vec![Effect::Push(Box::new(view)), e])
    }

    fn chosen(&self, cx: &Cx) -> BoardFilter {
        let pick = |i: usize| {
            let v = self.form.value(i).trim();
            (!v.is_empty() && v != cx.t.filter_any).then(|| v.to_string())
        };
        BoardFilter {
            grade: pick(0).and_then(|g| g.parse().ok()),
            tag: pick(1).and_then(|t| t.parse::<TagRef>().ok()),
            source: pick(2),
            lifecycle: pick(3).and_then(|l| {
                Lifecycle::ALL
                    .into_iter()
                    .find(|x| lifecycle_name(cx.lang, *x) == l)
            }),
            closed: self.closed,
        }
    }
}

impl View for FilterForm {
    fn scope(&self) -> Scope {
        Scope::Form
    }

    fn handle(&mut self, action: Action, cx: &Cx) -> Effect {
        match self.form.handle(action) {
            Outcome::Save => Effect::Many(vec![Effect::Pop, Effect::Filter(self.chosen(cx))]),
            Outcome::Cancel => Effect::Pop,
            Outcome::None => Effect::None,
        }
    }

    fn answer(
        &mut self,
        ticket: Ticket,
        result: &Result<Data, String>,
        _cx: &Cx,
    ) -> Option<Effect> {
        if self.loading != Some(ticket) {
            return None;
        }
        self.loading = None;
        if let Ok(Data::Choices(sources)) = result {
            self.form.fields[2].set_options(sources.clone());
        }
        Some(Effect::None)
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

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}
