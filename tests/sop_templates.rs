//! SOP templates: a corpus of broken templates, each with the exact `file:line:column`
//! `template check` must give it; the content every built-in template must carry; and scripts
//! rendered through the library for a complete and a name-only contact.
//!
//! The corpus lives in `tests/fixtures/templates/`: `valid-minimal.toml`, and beside it one
//! file per error kind, each that file with exactly one error. `expected.txt` lists, per broken
//! file, the line and column of the error and a distinctive part of its message.
//!
//! This file holds what they share; the tests are in the modules under `sop_templates/`.

#[path = "sop_templates/built_ins.rs"]
mod built_ins;
mod common;
#[path = "sop_templates/corpus.rs"]
mod corpus;
#[path = "sop_templates/loading.rs"]
mod loading;

use chrono::TimeDelta;
use common::{Sb, expect_fail, expect_ok, fixture, read_fixture};
use salesbook::config::Lang;
use salesbook::domain::sop::{Cadence, ObjectionKind, Template, format_duration};
use salesbook::domain::{Grade, Stage};
use salesbook::sop::problem::Problem;
use salesbook::sop::{Library, Origin, parse_template};
use std::collections::BTreeSet;
use std::path::Path;

/// The built-in templates, in the order the library lists them.
const BUILT_INS: [&str; 4] = ["default", "medical-aesthetics", "education", "ecommerce"];

fn built_in_path(id: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("sop-templates")
        .join(format!("{id}.toml"))
}

fn library() -> Library {
    let lib = Library::load(None);
    assert!(
        lib.problems.is_empty(),
        "the built-in templates should load without problems: {:?}",
        lib.problems
    );
    lib
}

fn built_in(lib: &Library, id: &str) -> Template {
    lib.get(id)
        .unwrap_or_else(|| panic!("no built-in template '{id}'"))
        .template
        .clone()
}
