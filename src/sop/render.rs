//! A stage's SOP filled in for a contact: the goal, every checklist item, the exit criteria
//! and materials, the scripts that apply to the contact (in the wording that fits what is
//! known of them), and the objection replies.

use crate::domain::Stage;
use crate::domain::placeholder;
use crate::domain::script_values::ScriptValues;
use crate::domain::sop::{ObjectionKind, Script, StageSop};
use serde::Serialize;

/// What fills the placeholders for one contact.
pub struct ScriptContext<'a> {
    pub values: ScriptValues<'a>,
}

impl<'a> ScriptContext<'a> {
    pub fn new(values: ScriptValues<'a>) -> ScriptContext<'a> {
        ScriptContext { values }
    }

    /// Fills `text`; templates are checked on load, so a bad placeholder here is shown as is.
    pub fn fill(&self, text: &str) -> placeholder::Filled {
        placeholder::render(
            text,
            |name, attr| self.values.value(name, attr),
            crate::i18n::sop::UNSIGNED,
        )
        .unwrap_or_else(|_| placeholder::Filled {
            text: text.to_string(),
            missing: Vec::new(),
        })
    }

    /// Whether the script applies to this contact (an expiring benefit only to one who has
    /// it).
    pub fn applies(&self, s: &Script) -> bool {
        s.requires.holds(&self.values)
    }

    /// The script in the wording that fits the contact, filled in.
    pub fn render_script(&self, s: &Script) -> RenderedScript {
        let filled = self.fill(s.text_for(&self.values));
        RenderedScript {
            id: s.id.clone(),
            title: s.title.clone(),
            when: s.when.clone(),
            needs_name: !filled.missing.is_empty(),
            text: filled.text,
        }
    }
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RenderedScript {
    pub id: String,
    pub title: String,
    pub when: Option<String>,
    pub text: String,
    /// The script signs with the rep's name and none is set: not sendable as it is.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub needs_name: bool,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RenderedObjection {
    pub id: String,
    pub kind: ObjectionKind,
    pub customer: String,
    pub reply: String,
}

/// The whole stage, for the SOP pane and `script`: nothing of it is cut.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RenderedStage {
    pub stage: Stage,
    pub name: String,
    pub goal: String,
    pub exit: Vec<String>,
    pub checklist: Vec<String>,
    pub materials: Vec<String>,
    /// The scripts that apply to the contact, in the template's order.
    pub scripts: Vec<RenderedScript>,
    /// Grouped by kind, in the kinds' fixed order.
    pub objections: Vec<RenderedObjection>,
    /// Ids of the stage's scripts left out because they do not apply to the contact.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub not_applicable: Vec<String>,
    /// Some text signs with the rep's name (`{me}`) and none is set.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub needs_name: bool,
}

pub fn render_stage(sop: &StageSop, cx: &ScriptContext) -> RenderedStage {
    let mut objections: Vec<RenderedObjection> = Vec::new();
    let mut needs_name = false;
    for o in &sop.objections {
        let filled = cx.fill(&o.reply);
        needs_name |= !filled.missing.is_empty();
        objections.push(RenderedObjection {
            id: o.id.clone(),
            kind: o.kind,
            customer: o.customer.clone(),
            reply: filled.text,
        });
    }
    objections.sort_by_key(|o| o.kind);
    let (applicable, skipped): (Vec<&Script>, Vec<&Script>) =
        sop.scripts.iter().partition(|s| cx.applies(s));
    let scripts: Vec<RenderedScript> = applicable.iter().map(|s| cx.render_script(s)).collect();
    needs_name |= scripts.iter().any(|s| s.needs_name);
    RenderedStage {
        stage: sop.stage,
        name: sop.name.clone(),
        goal: sop.goal.clone(),
        exit: sop.exit.clone(),
        checklist: sop.checklist.clone(),
        materials: sop.materials.clone(),
        scripts,
        objections,
        not_applicable: skipped.iter().map(|s| s.id.clone()).collect(),
        needs_name,
    }
}
