//! The template commands (`template list|show|check|use`), the global `--template` option and
//! `script ID`, run against the real `salesbook` binary (see `common::Sb`).
//! This file holds what they share; the tests are in the modules under `cli_templates/`.

mod common;
#[path = "cli_templates/list_and_show.rs"]
mod list_and_show;
#[path = "cli_templates/script.rs"]
mod script;
#[path = "cli_templates/use_and_option.rs"]
mod use_and_option;

use common::{Sb, USER, expect_fail, fixture, read_fixture, stderr, stdout};
use salesbook::domain::Stage;
use salesbook::domain::sop::{ObjectionKind, Template};
use salesbook::sop::Library;
use serde_json::{Value, json};

const NO_TEMPLATE_NOPE: &str = "salesbook: 错误: 没有模板 'nope'；可用：default、\
                                medical-aesthetics、education、ecommerce\n";

/// A built-in template as the binary embeds it.
fn built_in(id: &str) -> Template {
    Library::load(None)
        .get(id)
        .unwrap_or_else(|| panic!("no built-in template '{id}'"))
        .template
        .clone()
}

/// The rep's name, as `[me] name` in config.toml sets it: what fills `{me}`.
const ME: &str = "小王";

/// A salesbook whose rep has set a name (the scripts sign with it).
fn named() -> Sb {
    let sb = Sb::new();
    sb.write(
        "config/salesbook/config.toml",
        &format!("[me]\nname = \"{ME}\"\n"),
    );
    sb
}

fn ids(items: &Value) -> Vec<String> {
    items
        .as_array()
        .unwrap_or_else(|| panic!("not an array: {items}"))
        .iter()
        .map(|x| x["id"].as_str().expect("id").to_string())
        .collect()
}

/// The ids of a stage's scripts in a template, in order.
fn template_script_ids(t: &Template, stage: Stage) -> Vec<String> {
    t.stage(stage)
        .scripts
        .iter()
        .map(|s| s.id.clone())
        .collect()
}

fn script_json(sb: &Sb, id: i64, extra: &[&str]) -> Value {
    let id = id.to_string();
    let mut args = vec!["script", id.as_str(), "--format", "json"];
    args.extend_from_slice(extra);
    sb.json(&args)
}

/// Asserts no rendered script or objection reply keeps a placeholder brace.
fn assert_no_braces(v: &Value) {
    for s in v["scripts"].as_array().unwrap() {
        let text = s["text"].as_str().unwrap();
        assert!(!text.contains(['{', '}']), "{}: {text}", s["id"]);
    }
    for o in v["objections"].as_array().unwrap() {
        let reply = o["reply"].as_str().unwrap();
        assert!(!reply.contains(['{', '}']), "{}: {reply}", o["id"]);
    }
}
