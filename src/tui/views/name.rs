//! The first run asks the rep's name once — and how they want to be called in scripts
//! (王芳, 小王, 王老师…) — and saves it to `config.toml`, so `{me}` never shows a login.

use crate::tui::form::{Field, Form, Kind, Outcome};
use crate::tui::jobs::{Data, Job, Ticket, ticket};
use crate::tui::registry::{Action, Scope};
use crate::tui::view::{Cx, Effect, View};
use ratatui::Frame;
use ratatui::layout::Rect;
use unicode_segmentation::UnicodeSegmentation;

pub struct NameForm {
    pub form: Form,
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
    pub fn new(cx: &Cx) -> NameForm {
        let mut form = Form::new(
            cx.t.name_title.to_string(),
            vec![
                Field::line(cx.t.name_field, "").required(),
                Field::choice(cx.t.name_style, Vec::new(), false, ""),
            ],
        );
        form.note = Some(cx.t.name_hint.to_string());
        NameForm { form }
    }

    /// The style choices follow the name as it is typed.
    fn restyle(&mut self, cx: &Cx) {
        let options = styles(self.form.value(0), cx);
        let keep = self.form.value(1).to_string();
        let field = &mut self.form.fields[1];
        field.kind = Kind::Choice {
            options: options.clone(),
            typed: false,
        };
        if !options.contains(&keep) {
            field.input.set(options.first().map_or("", String::as_str));
        }
    }
}

impl View for NameForm {
    fn scope(&self) -> Scope {
        Scope::Form
    }

    fn handle(&mut self, action: Action, cx: &Cx) -> Effect {
        let outcome = self.form.handle(action);
        self.restyle(cx);
        match outcome {
            Outcome::Save => {
                let chosen = self.form.value(1).trim().to_string();
                if chosen.is_empty() {
                    self.form.error = Some(cx.t.name_required.to_string());
                    return Effect::None;
                }
                let t = ticket();
                self.form.saving = Some(t);
                Effect::Job(t, Job::SaveName(chosen))
            }
            Outcome::Cancel => self.form.cancel(cx),
            Outcome::None => Effect::None,
        }
    }

    fn answer(&mut self, t: Ticket, result: &Result<Data, String>, cx: &Cx) -> Option<Effect> {
        let name = self.form.value(1).to_string();
        let effect = self.form.saved(t, result)?;
        Some(match (effect, result) {
            (Effect::Pop, Ok(_)) => Effect::Many(vec![
                Effect::Pop,
                Effect::Status(format!("{} {name}", cx.t.name_saved)),
            ]),
            (other, _) => other,
        })
    }

    fn paste(&mut self, text: &str, cx: &Cx) -> Effect {
        self.form.paste(text);
        self.restyle(cx);
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
