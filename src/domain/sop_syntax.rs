//! What is wrong in a piece of a template's text (a duration, a placeholder, a condition, a
//! kind), as data: the template checker places it in the file and `i18n::sop_check` words
//! it in the UI's language.

/// A value a template wrote that does not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyntaxError {
    /// Not a whole number and one unit m, h, d or w ("3x").
    BadDuration(String),
    /// Not `HH:MM-HH:MM` with the start before the end.
    BadContactHours(String),
    UnknownObjectionKind(String),
    UnknownAutoRule(String),
    UnknownProductKind(String),
    UnknownTier(String),
    /// `tag:` with no group, or `tag:GROUP/` with no tag.
    NotATag(String),
    UnknownPlaceholder(String),
    /// `{name.form}` on a placeholder that has no forms.
    NoForms {
        name: String,
        form: String,
    },
    /// `{name.form}` with a form the placeholder does not have.
    BadForm {
        name: String,
        form: String,
    },
    /// A condition's word that is not a placeholder name, with what a condition also takes.
    InCondition(Box<SyntaxError>),
    /// `{` with no `}` after it.
    Unclosed,
    /// `{` inside a placeholder.
    Nested,
    /// `}` with no `{` before it.
    Stray,
}

impl std::fmt::Display for SyntaxError {
    /// For serde's errors on a template snapshot the app wrote itself (checked when it was
    /// written): users see these only through the checker, in their language.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{self:?}")
    }
}

#[cfg(test)]
mod tests {
    use super::SyntaxError;

    /// A snapshot's serde error names the value that did not read.
    #[test]
    fn the_plain_form_names_the_value() {
        let e = SyntaxError::InCondition(Box::new(SyntaxError::UnknownPlaceholder("x".into())));
        assert_eq!(e.to_string(), r#"InCondition(UnknownPlaceholder("x"))"#);
    }
}
