//! The built-in templates as checked, stored as JSON beside their TOML
//! (`assets/sop-snapshots/`). Every command that needs the book's template parsed and
//! checked its TOML: about 4 million instructions, a quarter of an agenda on a small book.
//! Reading the snapshot is a JSON parse. A snapshot is used only when it was made from the
//! very TOML built in (its first line is that text's fingerprint); otherwise the TOML is
//! parsed as before. `snapshots_are_the_checked_builtins` keeps them in step.

use crate::domain::sop::Template;
use siphasher::sip128::{Hasher128, SipHasher13};
use std::hash::Hasher;

/// Built-in id → snapshot text: the fingerprint line, then the template as JSON.
const SNAPSHOTS: &[(&str, &str)] = &[
    (
        "default",
        include_str!("../../assets/sop-snapshots/default.json"),
    ),
    (
        "medical-aesthetics",
        include_str!("../../assets/sop-snapshots/medical-aesthetics.json"),
    ),
    (
        "education",
        include_str!("../../assets/sop-snapshots/education.json"),
    ),
    (
        "ecommerce",
        include_str!("../../assets/sop-snapshots/ecommerce.json"),
    ),
];

/// Which TOML a snapshot was made from: not a secret, only a guard against a snapshot left
/// behind when the TOML changed.
fn fingerprint(source: &str) -> String {
    let mut h = SipHasher13::new();
    h.write(source.as_bytes());
    format!("{:032x} {}", h.finish128().as_u128(), source.len())
}

/// The snapshot's text for a checked template made from `source`.
#[cfg(test)]
fn make(source: &str, template: &Template) -> String {
    let json = serde_json::to_string(template).expect("a template serialises");
    format!("{}\n{json}\n", fingerprint(source))
}

/// The built-in `id` as checked from `source`, if its snapshot was made from that text.
pub fn builtin(id: &str, source: &str) -> Option<Template> {
    let (_, text) = SNAPSHOTS.iter().find(|(i, _)| *i == id)?;
    let (first, json) = text.split_once('\n')?;
    if first != fingerprint(source) {
        return None;
    }
    serde_json::from_str(json).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/sop-snapshots");

    /// Each snapshot is exactly what checking its built-in TOML gives, and reads back into
    /// the same template (`Debug` shows every field, conditions and durations included).
    /// After changing a built-in, write them again with
    /// `SALESBOOK_WRITE_SNAPSHOTS=1 cargo test --lib snapshots_are`.
    #[test]
    fn snapshots_are_the_checked_builtins() {
        let write = std::env::var_os("SALESBOOK_WRITE_SNAPSHOTS").is_some();
        for (name, source) in super::super::library::BUILTINS {
            let id = name.strip_suffix(".toml").unwrap();
            let (parsed, warnings) =
                crate::sop::parse_template_full(name, source).expect("a built-in is valid");
            assert!(warnings.is_empty(), "{id}: {warnings:?}");
            // `Library::builtin` finds a built-in by its file's name.
            assert_eq!(parsed.id, id, "{name}");
            let want = make(source, &parsed);
            let path = format!("{DIR}/{id}.json");
            if write {
                std::fs::write(&path, &want).unwrap();
                continue;
            }
            let (_, have) = SNAPSHOTS
                .iter()
                .find(|(i, _)| *i == id)
                .expect("a snapshot");
            assert!(
                *have == want,
                "{path} is not {name} as checked now: write the snapshots again \
                 (SALESBOOK_WRITE_SNAPSHOTS=1 cargo test --lib snapshots_are)"
            );
            let read = builtin(id, source).expect("the snapshot reads back");
            assert_eq!(format!("{read:?}"), format!("{parsed:?}"), "{id}");
        }
    }

    #[test]
    fn a_snapshot_of_other_text_is_not_used() {
        let (name, source) = super::super::library::BUILTINS[0];
        let id = name.strip_suffix(".toml").unwrap();
        assert!(builtin(id, source).is_some());
        let edited = source.replacen("name", "name ", 1);
        assert!(builtin(id, &edited).is_none());
        assert!(builtin(id, &format!("{source}\n")).is_none());
        assert!(builtin("no-such-template", source).is_none());
    }
}
