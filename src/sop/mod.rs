//! SOP templates: loading TOML (built-ins embedded from `sop-templates/`, user files from the
//! config directory), checking them with precise errors, and rendering scripts for a contact.

mod check;
mod check_parts;
mod diagnostic;
mod library;
mod lint;
pub mod problem;
mod raw;
pub mod render;
mod snapshot;
mod toml_hint;

pub use check::{parse_template, parse_template_full};
pub use diagnostic::Diagnostic;
pub use library::{DEFAULT_ID, Library, LoadedTemplate, Origin, check_file};
