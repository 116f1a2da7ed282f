//! Which SOP template a book follows, and the scripts it gives for a contact.

use super::error::{Error, Result};
use super::pipeline::{Applied, Reply};
use super::session::{ACTIVE_TEMPLATE, Book, View};
use crate::domain::command::Command;
use crate::domain::script_values::ScriptValues;
use crate::domain::sop::Template;
use crate::domain::{ContactId, Stage};
use crate::sop::render::{RenderedStage, ScriptContext, render_stage};
use crate::sop::{DEFAULT_ID, Library, LoadedTemplate};

/// The template in force and, when the book's choice could not be honoured, why.
pub struct ActiveTemplate {
    pub loaded: LoadedTemplate,
    /// The id the book asked for, when it was not available.
    pub missing: Option<String>,
}

/// Picks the template: `flag` (`--template`) if given, else the book's choice, else the
/// default. A book whose template has gone missing or broken falls back to the default,
/// saying so, so the rep can keep working.
pub fn choose_template(
    lib: &Library,
    chosen: Option<&str>,
    flag: Option<&str>,
) -> Result<ActiveTemplate> {
    if let Some(spec) = flag {
        return Ok(ActiveTemplate {
            // A file's own errors (FILE:LINE:COL) say more than "unknown template".
            loaded: lib.resolve(spec).map_err(|problems| match problems {
                Some(problems) => Error::BrokenTemplate {
                    // The file, when an id led to it.
                    file: problems
                        .first()
                        .map_or(spec.to_string(), |d| d.file.clone()),
                    problems,
                },
                None => unknown(lib, spec),
            })?,
            missing: None,
        });
    }
    let id = chosen.unwrap_or(DEFAULT_ID);
    match lib.get(id) {
        Some(t) => Ok(ActiveTemplate {
            loaded: t.clone(),
            missing: None,
        }),
        None => {
            let fallback = lib
                .get(DEFAULT_ID)
                .or_else(|| lib.templates().first())
                .ok_or_else(|| unknown(lib, id))?;
            Ok(ActiveTemplate {
                loaded: fallback.clone(),
                missing: Some(id.to_string()),
            })
        }
    }
}

fn unknown(lib: &Library, id: &str) -> Error {
    Error::UnknownTemplate {
        id: id.to_string(),
        available: lib
            .templates()
            .iter()
            .map(|t| t.template.id.clone())
            .collect(),
    }
}

impl View<'_> {
    pub fn active_template_id(&self) -> anyhow::Result<Option<String>> {
        self.snap.setting(ACTIVE_TEMPLATE)
    }

    /// The stage's SOP filled in for the contact (`stage` defaults to the contact's own):
    /// the whole stage — goal, every checklist item, exit criteria, materials — and the
    /// scripts that apply to the contact, in the wording that fits what is known of them.
    /// `needs_name` says a text signs with the rep's name and none is set.
    pub fn scripts_for(
        &self,
        template: &Template,
        id: ContactId,
        stage: Option<Stage>,
    ) -> Result<RenderedStage> {
        let contact = self.snap.contact(id)?.ok_or(Error::NoContact(id))?;
        let history = self.snap.history(id)?;
        let last = history.purchases.last().map(|p| p.product.as_deref());
        let values = ScriptValues::new(template, &contact, self.session.me.as_deref(), last);
        Ok(render_stage(
            template.stage(stage.unwrap_or(contact.stage)),
            &ScriptContext::new(values),
        ))
    }

    /// One script filled in for the contact (the TUI copies it), if it applies to them.
    pub fn script_for(
        &self,
        template: &Template,
        id: ContactId,
        script_id: &str,
    ) -> Result<Option<crate::sop::render::RenderedScript>> {
        let Some((sop, _)) = template.script(script_id) else {
            return Ok(None);
        };
        let stage = self.scripts_for(template, id, Some(sop.stage))?;
        Ok(stage.scripts.into_iter().find(|s| s.id == script_id))
    }
}

impl Book {
    /// Makes the book follow `template` from now on: the choice is recorded and every plan
    /// is made again with it, as one change.
    pub fn use_template(&mut self, template: Template) -> Result<Applied> {
        let id = template.id.clone();
        // The template the book already follows, as it is: nothing to change. Choosing it
        // again must not move the day the template was taken up (what fell due before it
        // would become today's work, a backlog wiped out by a menu choice).
        let same =
            serde_json::to_vec(&*self.session.template).ok() == serde_json::to_vec(&template).ok();
        // A book that never chose one follows the template it was opened with.
        let chosen = self.view().active_template_id()?;
        if same && chosen.is_none_or(|c| c == id) {
            return Ok(Applied {
                event: None,
                reply: Reply::Unchanged,
            });
        }
        let retired_groups = self
            .session
            .template
            .tag_groups
            .iter()
            .filter(|g| g.auto && template.tag_group(&g.group).is_none())
            .map(|g| g.group.clone())
            .collect();
        self.session.template = template.into();
        self.stamp.take();
        self.execute(Command::UseTemplate { id, retired_groups })
    }
}
