//! SOP templates: loading TOML (built-ins embedded from `sop-templates/`, user files from the
//! config directory), checking them with precise errors, and rendering scripts for a contact.

mod check;
mod diagnostic;
mod library;
mod raw;
pub mod render;

pub use check::parse_template;
pub use diagnostic::Diagnostic;
pub use library::{DEFAULT_ID, Library, LoadedTemplate, Origin, check_file};
