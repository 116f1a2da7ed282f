//! Warnings for templates that work but would not read right: a placeholder with no
//! fallback, in a text that may be used for a contact who lacks the value, would be filled
//! with generic words ("您的预算") the author never chose.

use super::diagnostic::Reporter;
use super::problem::Problem;
use crate::domain::condition::{Condition, Term};
use crate::domain::placeholder::{self, Piece};
use toml::Spanned;

/// Always has a value, or has its own designed stand-in: `{name}`, `{honorific}` (您) and
/// `{me}` (required: the rep's name).
fn always_filled(name: &str) -> bool {
    matches!(name, "name" | "honorific" | "me")
}

/// Warns about each slot of `text` without a fallback whose value `guaranteed` does not
/// promise, unless one of the `alternatives` (variants tried first) takes over exactly
/// when the value is missing (`when = "!budget"`).
pub(super) fn uncovered(
    r: &mut Reporter,
    text: &Spanned<String>,
    guaranteed: &Condition,
    alternatives: &[Condition],
    id: &str,
) {
    let Ok(pieces) = placeholder::parse(text.get_ref()) else {
        return;
    };
    for p in pieces {
        let Piece::Slot {
            name,
            attr,
            fallback: None,
            at,
        } = p
        else {
            continue;
        };
        if always_filled(name) || guaranteed.guarantees(name, attr) {
            continue;
        }
        let covered = alternatives.iter().any(|c| {
            c.terms.len() == 1
                && matches!(&c.terms[0], (true, Term::Field { name: n, attr: None }) if n == name)
        });
        if covered {
            continue;
        }
        let slot = match attr {
            Some(a) => format!("{name}.{a}"),
            None => name.to_string(),
        };
        // The condition a variant would name: quoting does not change presence.
        let when = if attr == Some("q") { name } else { &slot };
        let offset = r.inside_string(text.span(), text.get_ref(), at);
        let when = when.to_string();
        r.warn_at(
            offset,
            Problem::NoFallback {
                slot,
                script: id.to_string(),
                stand_in: placeholder::default_for(name),
                when,
            },
        );
    }
}
