//! Every problem worded in both languages (see `sop_check.rs`).

use super::*;
use crate::domain::error::FieldError;
use crate::domain::sop_syntax::SyntaxError;
use crate::sop::problem::TomlSays;

/// One of every problem and every syntax error.
fn every_problem() -> Vec<Problem> {
    let s = |x: &str| x.to_string();
    let syntax = vec![
        SyntaxError::BadDuration(s("3x")),
        SyntaxError::BadContactHours(s("21:00-09:00")),
        SyntaxError::UnknownObjectionKind(s("cost")),
        SyntaxError::UnknownAutoRule(s("spend")),
        SyntaxError::UnknownProductKind(s("food")),
        SyntaxError::UnknownTier(s("D")),
        SyntaxError::NotATag(s("tag:/")),
        SyntaxError::UnknownPlaceholder(s("nmae")),
        SyntaxError::NoForms {
            name: s("honorific"),
            form: s("q"),
        },
        SyntaxError::BadForm {
            name: s("budget"),
            form: s("q"),
        },
        SyntaxError::InCondition(Box::new(SyntaxError::UnknownPlaceholder(s("x")))),
        SyntaxError::Unclosed,
        SyntaxError::Nested,
        SyntaxError::Stray,
    ];
    let mut out = vec![
        Problem::Toml {
            says: TomlSays::UnknownField {
                field: s("colour"),
                expected: vec![s("id")],
            },
            full_width: vec![],
        },
        Problem::Toml {
            says: TomlSays::MissingField(s("name")),
            full_width: vec![('＝', "=")],
        },
        Problem::Toml {
            says: TomlSays::WrongType {
                found: s("string \"one\""),
                expected: s("u32"),
            },
            full_width: vec![],
        },
        Problem::Toml {
            says: TomlSays::Other(s("invalid key")),
            full_width: vec![],
        },
        Problem::Unreadable {
            kind: std::io::ErrorKind::NotFound,
            detail: s("No such file"),
        },
        Problem::NotAFile,
        Problem::TooLarge {
            bytes: Some(2),
            max: 1,
        },
        Problem::TooLarge {
            bytes: None,
            max: 1,
        },
        Problem::SameId {
            id: s("mine"),
            kept: s("mine.toml"),
        },
        Problem::Empty(Part::ScriptText),
        Problem::BadId(Part::ScriptId, s("Hello")),
        Problem::ListedTwice(Part::Tag, s("a")),
        Problem::DefinedTwice(Part::Grade, s("B")),
        Problem::UsedTwice(Part::ObjectionId, s("x")),
        Problem::AtLeastOne("version"),
        Problem::LongerThanZero("every"),
        Problem::CadenceUndefined {
            id: s("steady"),
            defined: vec![s("fast"), s("slow")],
        },
        Problem::ScriptUndefined(s("helo")),
        Problem::FullWidthBraces,
        Problem::ChurnedNotAfterDormant {
            churned: 30,
            dormant: 30,
        },
        Problem::StageTwice(Stage::Pitch),
        Problem::StageMissing(Stage::Close),
        Problem::GradeMissing(Grade::C),
        Problem::EmptyWhen,
        Problem::StepOnDormancyLine {
            wait: s("60d"),
            dormant_days: 60,
        },
        Problem::CadenceEmpty(s("x")),
        Problem::CadenceLoop(s("x")),
        Problem::RepeatAtZero,
        Problem::BadTag,
        Problem::AutoNeedsRule(s("g")),
        Problem::BandsPerTag { tags: 2, bands: 1 },
        Problem::TierGroupOfThree,
        Problem::PurchaseCountTags,
        Problem::DatedTags("first_order_month"),
        Problem::BadWeight {
            value: f64::NAN,
            max: 1.0,
        },
        Problem::TagNotInTaxonomy(s("意向/下周")),
        Problem::RemindNotBeforeCycle {
            remind: 3,
            cycle: 3,
        },
        Problem::RenewNotBeforeSessions {
            left: 3,
            sessions: 3,
        },
        Problem::SignalNeedsTrigger,
        Problem::UnknownOccasion(s("wedding")),
        Problem::AheadDaysMax(60),
        Problem::NoFallback {
            slot: s("budget"),
            script: s("quote"),
            stand_in: "您的预算",
            when: s("budget"),
        },
        Problem::Field(FieldError::UnknownStage(s("negotiate"))),
    ];
    out.extend(syntax.into_iter().map(Problem::Syntax));
    out
}

fn has_cjk(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

#[test]
fn every_problem_is_worded_in_both_languages() {
    for p in every_problem() {
        let (zh, en) = (problem(Lang::Zh, &p), problem(Lang::En, &p));
        assert!(has_cjk(&zh), "{p:?}: {zh}");
        assert_ne!(zh, en, "{p:?}");
        // English words of the checker's own never reach the Chinese line.
        for word in [
            " is ",
            " must ",
            " the ",
            "not defined",
            "unknown ",
            " twice",
        ] {
            assert!(!zh.contains(word), "{p:?}: {zh}");
        }
    }
}

#[test]
fn every_part_has_its_own_name() {
    use std::collections::HashSet;
    let parts = [
        Part::TemplateId,
        Part::TemplateName,
        Part::LostReason,
        Part::GradeAction,
        Part::StageGoal,
        Part::ScriptId,
        Part::ScriptText,
        Part::VariantText,
        Part::ObjectionId,
        Part::ObjectionReply,
        Part::StepAction,
        Part::CadenceId,
        Part::GiveUpAction,
        Part::TagCategory,
        Part::TagGroup,
        Part::Tag,
        Part::ProductName,
        Part::Product,
        Part::Grade,
        Part::Tier,
        Part::Signal,
        Part::SignalId,
        Part::SignalName,
        Part::SignalAction,
        Part::Occasion,
        Part::OccasionAction,
        Part::AppointmentKind,
        Part::AppointmentName,
    ];
    for lang in [Lang::Zh, Lang::En] {
        let names: HashSet<&str> = parts.iter().map(|p| part(lang, *p)).collect();
        assert_eq!(names.len(), parts.len(), "{lang:?}");
    }
}

#[test]
fn lists_and_parser_words_follow_the_language() {
    let p = Problem::CadenceUndefined {
        id: "steady".into(),
        defined: vec!["fast".into(), "slow".into()],
    };
    assert!(problem(Lang::Zh, &p).ends_with("fast、slow"));
    assert!(problem(Lang::En, &p).ends_with("fast, slow"));
    let p = Problem::Toml {
        says: TomlSays::Other("unclosed table, expected `]`".into()),
        full_width: vec![],
    };
    assert_eq!(
        problem(Lang::Zh, &p),
        "TOML 格式错误：表头缺少右方括号 `]`，这里应为 `]`"
    );
    assert_eq!(problem(Lang::En, &p), "unclosed table, expected `]`");
    let p = Problem::Toml {
        says: TomlSays::Other("duplicate key: `name`".into()),
        full_width: vec![],
    };
    assert_eq!(problem(Lang::Zh, &p), "TOML 格式错误：键 `name` 写了两次");
    // A parser message not taught is quoted as it is.
    let p = Problem::Toml {
        says: TomlSays::Other("something new".into()),
        full_width: vec![],
    };
    assert_eq!(problem(Lang::Zh, &p), "TOML 格式错误：something new");
}
