//! The parts of a template `sop/check_parts.rs` checks: tag groups and their automatic rules,
//! urgency weights, products, tiers, signals, occasions and appointments. Each test appends
//! tables to a small valid template and asserts what the checker builds from them or the
//! exact diagnostics (line relative to the appended text, and message) it gives.
//! This file holds what they share; the tests are in the modules under `sop_check_parts/`.

#[path = "sop_check_parts/products_and_tiers.rs"]
mod products_and_tiers;
#[path = "sop_check_parts/signals_occasions_appointments.rs"]
mod signals_occasions_appointments;
#[path = "sop_check_parts/tags_and_urgency.rs"]
mod tags_and_urgency;
mod template_support;

use chrono::TimeDelta;
use salesbook::config::Lang;
use salesbook::domain::sop::{AutoRule, OccasionKind, ProductKind, Template};
use salesbook::domain::{Grade, Stage, Tier};
use salesbook::sop::parse_template;
use template_support::BASE;

/// The template: BASE with `extra` appended; it must be valid.
fn ok(extra: &str) -> Template {
    parse_template("parts.toml", &format!("{BASE}{extra}"))
        .unwrap_or_else(|d| panic!("expected a valid template, got {d:#?}"))
}

/// Every diagnostic for BASE with `extra` appended, as (line within `extra`, message).
fn errors(extra: &str) -> Vec<(usize, String)> {
    let base_lines = BASE.lines().count();
    match parse_template("parts.toml", &format!("{BASE}{extra}")) {
        Ok(_) => panic!("expected diagnostics for:\n{extra}"),
        Err(found) => found
            .into_iter()
            .map(|d| {
                assert_eq!(d.file, "parts.toml");
                (d.line - base_lines, d.message(Lang::En))
            })
            .collect(),
    }
}

fn one(line: usize, message: &str) -> Vec<(usize, String)> {
    vec![(line, message.to_string())]
}
