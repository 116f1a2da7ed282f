//! Lists inside messages: `、` between the items of a Chinese line, `, ` in English.

use super::errors::{Front, message};
use super::field_errors::field_error;
use super::{list_of, sop};
use crate::config::Lang;
use crate::domain::error::FieldError;
use crate::service::Error;

/// A Chinese line lists with `、` and has no ASCII `, ` left; the English one the reverse.
fn lists_both_ways(zh: &str, en: &str, items: usize) {
    assert!(!zh.contains(", "), "a Chinese list with ', ': {zh}");
    assert!(zh.matches('、').count() >= items - 1, "{zh}");
    assert!(!en.contains('、'), "{en}");
    assert!(en.matches(", ").count() >= items - 1, "{en}");
}

#[test]
fn a_list_is_written_as_the_language_writes_one() {
    assert_eq!(list_of(Lang::Zh, &["甲", "乙", "丙"]), "甲、乙、丙");
    assert_eq!(list_of(Lang::En, &["a", "b"]), "a, b");
    assert_eq!(list_of(Lang::Zh, &["甲"]), "甲");
    assert_eq!(list_of::<&str>(Lang::En, &[]), "");
}

#[test]
fn unknown_values_list_what_is_accepted_in_the_ui_language() {
    let each = [
        (FieldError::UnknownStage("x".into()), 5),
        (FieldError::UnknownGrade("x".into()), 4),
        (FieldError::UnknownOutcome("x".into()), 3),
        (FieldError::UnknownChannel("x".into()), 4),
        (
            FieldError::UnknownLifecycle("x".into()),
            crate::domain::followup::Lifecycle::ALL.len(),
        ),
    ];
    for (e, n) in each {
        let zh = field_error(Lang::Zh, Front::Cli, &e);
        let en = field_error(Lang::En, Front::Cli, &e);
        lists_both_ways(&zh, &en, n);
    }
}

#[test]
fn templates_tiers_and_kinds_are_listed_in_the_ui_language() {
    let available = vec!["default".to_string(), "beauty".into(), "edu".into()];
    let e = || Error::UnknownTemplate {
        id: "x".into(),
        available: available.clone(),
    };
    lists_both_ways(
        &message(&e(), Lang::Zh, Front::Cli),
        &message(&e(), Lang::En, Front::Cli),
        3,
    );
    lists_both_ways(
        &sop::unknown_tier(Lang::Zh, "x"),
        &sop::unknown_tier(Lang::En, "x"),
        crate::domain::Tier::ALL.len(),
    );
    lists_both_ways(
        &sop::unknown_product(Lang::Zh, "x", &["课程", "套装"]),
        &sop::unknown_product(Lang::En, "x", &["course", "kit"]),
        2,
    );
}
