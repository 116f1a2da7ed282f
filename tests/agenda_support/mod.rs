//! What the follow-up command tests share: the agenda as JSON items, a line per item, and
//! an outgoing touch, all through the built binary.

#![allow(dead_code)]

use super::common::Sb;
use serde_json::Value;

/// `agenda --format json ARGS…` as a list of items.
pub fn agenda(sb: &Sb, extra: &[&str]) -> Vec<Value> {
    let mut args = vec!["agenda", "--format", "json"];
    // These tests look three days ahead unless they say otherwise (the default is one).
    if !extra.contains(&"--days") {
        args.extend_from_slice(&["--days", "3"]);
    }
    args.extend_from_slice(extra);
    match sb.json(&args) {
        Value::Array(items) => items,
        other => panic!("agenda --format json should print an array, got {other}"),
    }
}

/// "section track due script" per item: the shape of the day at a glance.
pub fn brief(items: &[Value]) -> Vec<String> {
    items
        .iter()
        .map(|i| {
            format!(
                "{} {} {} {}",
                i["section"].as_str().unwrap(),
                i["track"].as_str().unwrap(),
                i["due"].as_str().unwrap(),
                i["script"].as_str().unwrap_or("-")
            )
        })
        .collect()
}

pub fn id_of(item: &Value) -> String {
    item["followup_id"]
        .as_i64()
        .expect("followup_id")
        .to_string()
}

pub fn only(items: &[Value]) -> &Value {
    assert_eq!(
        items.len(),
        1,
        "expected exactly one agenda item: {items:#?}"
    );
    &items[0]
}

/// `log ID --note … --channel wechat`: an outgoing touch.
pub fn touch(sb: &Sb, id: i64) {
    sb.ok(&[
        "log",
        &id.to_string(),
        "--note",
        "微信沟通",
        "--channel",
        "wechat",
    ]);
}

pub fn names(list: &Value) -> Vec<String> {
    list.as_array()
        .expect("a JSON array")
        .iter()
        .map(|c| c["name"].as_str().unwrap().to_string())
        .collect()
}
