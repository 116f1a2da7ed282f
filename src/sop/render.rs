//! A stage's scripts and objection replies, filled in with a contact's details.

use crate::domain::placeholder;
use crate::domain::sop::{ObjectionKind, StageSop};
use crate::domain::{Contact, Stage};
use serde::Serialize;

/// What fills the placeholders for one contact.
pub struct ScriptContext<'a> {
    pub contact: &'a Contact,
    /// The rep's name (`{me}`).
    pub me: &'a str,
    /// The product the contact bought last, if any (`{product}`).
    pub product: Option<&'a str>,
}

impl ScriptContext<'_> {
    fn value(&self, name: &str) -> Option<String> {
        let c = self.contact;
        match name {
            "name" => Some(c.name.clone()),
            "honorific" => c.honorific.clone().or_else(|| Some(c.name.clone())),
            "me" => Some(self.me.to_string()),
            "need" => c.need.clone(),
            "budget" => c.budget.clone(),
            "source" => c.source.clone(),
            "product" => self.product.map(str::to_string),
            "company" => c.company.clone(),
            _ => None,
        }
    }

    /// Fills `text`; templates are checked on load, so a bad placeholder here is shown as is.
    pub fn fill(&self, text: &str) -> String {
        placeholder::render(text, |n| self.value(n)).unwrap_or_else(|_| text.to_string())
    }
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RenderedScript {
    pub id: String,
    pub title: String,
    pub when: Option<String>,
    pub text: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RenderedObjection {
    pub id: String,
    pub kind: ObjectionKind,
    pub customer: String,
    pub reply: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RenderedStage {
    pub stage: Stage,
    pub name: String,
    pub goal: String,
    pub exit: Vec<String>,
    pub checklist: Vec<String>,
    pub materials: Vec<String>,
    pub scripts: Vec<RenderedScript>,
    /// Grouped by kind, in the kinds' fixed order.
    pub objections: Vec<RenderedObjection>,
}

pub fn render_stage(sop: &StageSop, cx: &ScriptContext) -> RenderedStage {
    let mut objections: Vec<RenderedObjection> = sop
        .objections
        .iter()
        .map(|o| RenderedObjection {
            id: o.id.clone(),
            kind: o.kind,
            customer: o.customer.clone(),
            reply: cx.fill(&o.reply),
        })
        .collect();
    objections.sort_by_key(|o| o.kind);
    RenderedStage {
        stage: sop.stage,
        name: sop.name.clone(),
        goal: sop.goal.clone(),
        exit: sop.exit.clone(),
        checklist: sop.checklist.clone(),
        materials: sop.materials.clone(),
        scripts: sop
            .scripts
            .iter()
            .map(|s| RenderedScript {
                id: s.id.clone(),
                title: s.title.clone(),
                when: s.when.clone(),
                text: cx.fill(&s.text),
            })
            .collect(),
        objections,
    }
}
