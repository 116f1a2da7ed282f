//! Which SOP template a book follows, and the scripts it gives for a contact.

use super::Book;
use crate::domain::sop::Template;
use crate::domain::{ContactId, Interaction, InteractionKind, Stage};
use crate::sop::render::{RenderedStage, ScriptContext, render_stage};
use crate::sop::{Library, LoadedTemplate};
use anyhow::{Result, anyhow, bail};
use serde_json::json;

/// The settings key under which a book remembers its template.
const ACTIVE_TEMPLATE: &str = "active_template";

/// The template in force and, when the book's choice could not be honoured, why.
pub struct ActiveTemplate {
    pub loaded: LoadedTemplate,
    pub warning: Option<String>,
}

impl Book {
    pub fn active_template_id(&self) -> Result<Option<String>> {
        self.store().setting(ACTIVE_TEMPLATE)
    }

    /// Picks the template: `--template` if given, else the book's choice, else the default.
    /// A book whose template has gone missing or broken falls back to the default, with a
    /// warning, so the rep can keep working.
    pub fn template(&self, lib: &Library, flag: Option<&str>) -> Result<ActiveTemplate> {
        if let Some(spec) = flag {
            return Ok(ActiveTemplate {
                loaded: lib.resolve(spec)?,
                warning: None,
            });
        }
        let chosen = self.active_template_id()?;
        let id = chosen.as_deref().unwrap_or(crate::sop::DEFAULT_ID);
        match lib.get(id) {
            Some(t) => Ok(ActiveTemplate {
                loaded: t.clone(),
                warning: None,
            }),
            None => {
                let fallback = lib
                    .get(crate::sop::DEFAULT_ID)
                    .or_else(|| lib.templates().first())
                    .ok_or_else(|| anyhow!("no usable SOP template (all failed to load)"))?;
                Ok(ActiveTemplate {
                    loaded: fallback.clone(),
                    warning: Some(format!(
                        "the book's template '{id}' is not available (missing or broken); using '{}'",
                        fallback.template.id
                    )),
                })
            }
        }
    }

    pub fn use_template(&mut self, lib: &Library, id: &str) -> Result<()> {
        if lib.get(id).is_none() {
            let ids: Vec<&str> = lib
                .templates()
                .iter()
                .map(|t| t.template.id.as_str())
                .collect();
            bail!("no template '{id}'; available: {}", ids.join(", "));
        }
        let id = id.to_string();
        self.write("template.use", None, |w, _| {
            w.set_setting(ACTIVE_TEMPLATE, &id)?;
            Ok(((), json!({ "template": id })))
        })
    }

    /// The stage's SOP filled in for the contact (`stage` defaults to the contact's own).
    pub fn scripts_for(
        &self,
        template: &Template,
        id: ContactId,
        stage: Option<Stage>,
    ) -> Result<RenderedStage> {
        let contact = self.contact(id)?;
        let product = self.store().last_product(id)?;
        let cx = ScriptContext {
            contact: &contact,
            me: self.actor(),
            product: product.as_deref(),
        };
        Ok(render_stage(
            template.stage(stage.unwrap_or(contact.stage)),
            &cx,
        ))
    }

    /// Records that a script was sent: a touch in the timeline carrying the script id.
    pub fn script_sent(
        &mut self,
        id: ContactId,
        script_id: &str,
        title: &str,
    ) -> Result<Interaction> {
        self.contact(id)?;
        let (script_id, title) = (script_id.to_string(), title.to_string());
        self.write("interaction.script_sent", Some(id), |w, now| {
            let mut entry = Interaction::new(id, now, InteractionKind::ScriptSent);
            entry.channel = Some(crate::domain::Channel::Wechat);
            entry.script_id = Some(script_id.clone());
            entry.text = Some(title);
            entry.id = w.insert_interaction(&entry)?;
            Ok((entry, json!({ "script": script_id })))
        })
    }
}
