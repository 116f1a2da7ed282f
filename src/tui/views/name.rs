//! The first run asks the rep's name once — and how they want to be called in scripts
//! (王芳, 小王, 王老师…) — and saves it to `config.toml`, so `{me}` never shows a login.

use crate::tui::form::{Field, Form, Kind};
use crate::tui::form_view::{FormSpec, FormView, Save};
use crate::tui::jobs::Job;
use crate::tui::view::{Cx, Effect};
use unicode_segmentation::UnicodeSegmentation;

/// The name the 称呼 options were last made from.
pub struct NameForm {
    name: String,
}

/// How a rep named `name` may be called: the full name, then the usual Chinese forms built
/// from the surname (the first character).
pub fn styles(name: &str, cx: &Cx) -> Vec<String> {
    let name = name.trim();
    if name.is_empty() {
        return Vec::new();
    }
    let mut out = vec![name.to_string()];
    let chars: Vec<&str> = name.graphemes(true).collect();
    let cjk = chars
        .iter()
        .all(|c| c.chars().all(|ch| ('\u{4e00}'..='\u{9fff}').contains(&ch)));
    if cjk && chars.len() >= 2 {
        let surname = chars[0];
        let given: String = chars[1..].concat();
        for style in cx.t.name_styles {
            out.push(
                style
                    .replace("{surname}", surname)
                    .replace("{given}", &given),
            );
        }
    }
    out.dedup();
    out
}

impl NameForm {
    pub fn open(cx: &Cx) -> Effect {
        let mut form = Form::new(
            cx.t.name_title.to_string(),
            vec![
                Field::line(cx.t.name_field, "").required(),
                // Any 称呼 the rep types is theirs to keep, besides the ones offered.
                Field::choice(cx.t.name_style, Vec::new(), true, ""),
            ],
        );
        form.note = Some(cx.t.name_hint.to_string());
        FormView::open(
            form,
            NameForm {
                name: String::new(),
            },
            None,
        )
    }
}

impl FormSpec for NameForm {
    fn save(&mut self, form: &Form, cx: &Cx) -> Result<Save, String> {
        let name = form.value(0).trim().to_string();
        let chosen = form.value(1).trim().to_string();
        if chosen.is_empty() || name.is_empty() {
            return Err(cx.t.name_required.to_string());
        }
        Ok(Save::Job(Job::SaveName(name, chosen)))
    }

    /// The style choices follow the name as it is typed; a 称呼 the rep typed is kept.
    fn changed(&mut self, form: &mut Form, cx: &Cx) {
        if form.value(0) == self.name {
            return;
        }
        let before = styles(&self.name, cx);
        self.name = form.value(0).to_string();
        let options = styles(&self.name, cx);
        let keep = form.value(1).to_string();
        let field = &mut form.fields[1];
        field.kind = Kind::Choice {
            options: options.clone(),
            typed: true,
        };
        let offered = keep.is_empty() || before.contains(&keep);
        if offered && !options.contains(&keep) {
            field.suggest(options.first().map_or("", String::as_str));
        }
    }

    fn saved(&self, form: &Form, cx: &Cx) -> Effect {
        Effect::Status(format!("{} {}", cx.t.name_saved, form.value(1)))
    }
}
