//! The template a session follows, parsed when it is first needed.
//!
//! A built-in template is about 40 KB of TOML: parsing and checking it costs a millisecond,
//! a fifth of a whole `search`. Reads that never look at scripts, cadences or urgency
//! (search, show, most listings) skip it; everything else parses it on first use, exactly
//! as an eager parse would have.

use crate::domain::sop::Template;
use crate::sop::Library;
use std::ops::{Deref, DerefMut};
use std::sync::OnceLock;

#[derive(Debug, Clone)]
pub struct SessionTemplate {
    parsed: OnceLock<Template>,
    /// The built-in to parse on first use; `None` once a template is given whole.
    builtin: Option<String>,
}

impl SessionTemplate {
    /// A built-in by id, parsed on first use. The caller has checked that the id names
    /// a built-in (`Library::is_builtin_id`) and that no user file overrides it.
    pub fn builtin(id: &str) -> SessionTemplate {
        SessionTemplate {
            parsed: OnceLock::new(),
            builtin: Some(id.to_string()),
        }
    }

    /// Whether the template has been parsed yet (tests check that a read skips it).
    pub fn is_parsed(&self) -> bool {
        self.parsed.get().is_some()
    }

    /// The template's id, without parsing a built-in for it.
    pub fn id(&self) -> &str {
        match (self.parsed.get(), &self.builtin) {
            (Some(t), _) => &t.id,
            (None, Some(id)) => id,
            (None, None) => &self.get().id,
        }
    }

    fn get(&self) -> &Template {
        self.parsed.get_or_init(|| {
            let id = self.builtin.as_deref().unwrap_or(crate::sop::DEFAULT_ID);
            Library::builtin(id)
                .map(|t| t.template)
                .unwrap_or_else(|| panic!("the built-in template '{id}' parses (its tests check)"))
        })
    }
}

impl From<Template> for SessionTemplate {
    fn from(t: Template) -> SessionTemplate {
        SessionTemplate {
            parsed: OnceLock::from(t),
            builtin: None,
        }
    }
}

impl Deref for SessionTemplate {
    type Target = Template;
    fn deref(&self) -> &Template {
        self.get()
    }
}

impl DerefMut for SessionTemplate {
    fn deref_mut(&mut self) -> &mut Template {
        self.get();
        self.parsed.get_mut().expect("parsed by the line above")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BUILT_INS: [&str; 4] = ["default", "ecommerce", "education", "medical-aesthetics"];

    fn json(t: &Template) -> serde_json::Value {
        serde_json::to_value(t).unwrap()
    }

    #[test]
    fn a_built_in_is_parsed_on_first_use_into_the_eager_parse() {
        for id in BUILT_INS {
            let lazy = SessionTemplate::builtin(id);
            assert_eq!(lazy.id(), id);
            assert!(!lazy.is_parsed(), "{id}: the id needs no parse");
            let eager = Library::builtin(id).unwrap().template;
            assert_eq!(json(&lazy), json(&eager), "{id}");
            assert!(lazy.is_parsed());
            assert_eq!(lazy.id(), id);
            // A copy made before the parse parses the same template on its own.
            let copy = SessionTemplate::builtin(id).clone();
            assert_eq!(json(&copy), json(&eager), "{id}");
        }
    }

    #[test]
    fn changing_a_built_in_parses_it_first() {
        let mut t = SessionTemplate::builtin("ecommerce");
        t.urgency.rotting = 7.25;
        assert!(t.is_parsed());
        assert_eq!(t.id, "ecommerce");
        assert_eq!(t.urgency.rotting, 7.25);
        let eager = Library::builtin("ecommerce").unwrap().template;
        assert_eq!(t.cadences.len(), eager.cadences.len());
    }

    #[test]
    fn a_given_template_is_kept_as_given() {
        let mut given = Library::builtin("education").unwrap().template;
        given.id = "mine".to_string();
        let t = SessionTemplate::from(given.clone());
        assert!(t.is_parsed());
        assert_eq!(t.id(), "mine");
        assert_eq!(json(&t), json(&given));
    }
}
