//! The board's filters: grade, tag, source, lifecycle. Each a choice ("all" first); the
//! sources are those in use in the book.

use crate::domain::error::FieldError;
use crate::domain::followup::Lifecycle;
use crate::domain::{Grade, TagRef};
use crate::i18n::errors::{Front, field_error};
use crate::i18n::names::lifecycle_name;
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
        // Fields that take typing start empty when they do not narrow (empty means all):
        // typed text would otherwise land after the word for "all".
        let typed = |v: Option<String>| v.unwrap_or_default();
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
                    &typed(f.tag.as_ref().map(|t| t.to_string())),
                ),
                Field::choice(
                    cx.s.col_source,
                    vec![any.clone()],
                    true,
                    &typed(f.source.clone()),
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

    fn chosen(&self, form: &Form, cx: &Cx) -> Result<BoardFilter, String> {
        let pick = |i: usize| {
            let v = form.value(i).trim();
            (!v.is_empty() && v != cx.t.filter_any).then(|| v.to_string())
        };
        let tag = match pick(1) {
            Some(typed) => Some(typed_tag(&typed, cx)?),
            None => None,
        };
        Ok(BoardFilter {
            grade: pick(0).and_then(|g| g.parse().ok()),
            tag,
            source: pick(2),
            lifecycle: pick(3).and_then(|l| {
                Lifecycle::ALL
                    .into_iter()
                    .find(|x| lifecycle_name(cx.lang, *x) == l)
            }),
            closed: self.closed,
        })
    }
}

/// The tag a rep typed: `分组/标签` as written, or a tag's own name when one group of the
/// taxonomy holds it. Anything else is said, never dropped (a filter silently ignored
/// would show the whole board under a title that claims a filter).
fn typed_tag(typed: &str, cx: &Cx) -> Result<TagRef, String> {
    if let Ok(t) = typed.parse::<TagRef>() {
        return Ok(t);
    }
    let wanted = typed.to_lowercase();
    let mut found = cx.info.tag_groups.iter().flat_map(|g| {
        g.tags
            .iter()
            .filter(|t| t.to_lowercase() == wanted)
            .map(move |t| TagRef {
                group: g.group.clone(),
                tag: t.clone(),
            })
    });
    match (found.next(), found.next()) {
        (Some(t), None) => Ok(t),
        _ => Err(field_error(
            cx.lang,
            Front::Tui,
            &FieldError::BadTag(typed.to_string()),
        )),
    }
}

impl FormSpec for FilterForm {
    fn save(&mut self, form: &Form, cx: &Cx) -> Result<Save, String> {
        Ok(Save::Now(Effect::Many(vec![
            Effect::Pop,
            Effect::Filter(self.chosen(form, cx)?),
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
