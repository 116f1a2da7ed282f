//! The board's filters: grade, tag, source, lifecycle. Each a choice ("all" first); the
//! sources are those in use in the book.

use crate::domain::followup::Lifecycle;
use crate::domain::{Grade, TagRef};
use crate::i18n::tui::lifecycle_name;
use crate::service::BoardFilter;
use crate::tui::form::{Field, Form};
use crate::tui::form_view::{FormSpec, FormView, Save};
use crate::tui::jobs::{Data, Job, Ticket};
use crate::tui::view::{Cx, Effect};

pub struct FilterForm {
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
        let (t, read) = Effect::job(Job::Sources);
        let spec = FilterForm {
            closed: f.closed,
            loading: Some(t),
        };
        FormView::open(form, spec, Some(read))
    }

    fn chosen(&self, form: &Form, cx: &Cx) -> BoardFilter {
        let pick = |i: usize| {
            let v = form.value(i).trim();
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

impl FormSpec for FilterForm {
    fn save(&mut self, form: &Form, cx: &Cx) -> Result<Save, String> {
        Ok(Save::Now(Effect::Many(vec![
            Effect::Pop,
            Effect::Filter(self.chosen(form, cx)),
        ])))
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
        if let Ok(Data::Choices(sources)) = result {
            form.fields[2].set_options(sources.clone());
        }
        Some(Effect::None)
    }

    fn asks_before_closing(&self) -> bool {
        false
    }
}
