//! Behaviour of `sop/check.rs` that the other template tests leave open: which ids the
//! checker accepts, the reasons for losing a lead listed under `[lead]`, cadence steps that
//! reach the dormancy line, and cadences that continue into others through `then`. Each test
//! starts from a small valid template and asserts the template built or the exact diagnostics.

mod template_support;

use salesbook::config::Lang;
use salesbook::domain::sop::Template;
use salesbook::sop::parse_template;
use template_support::BASE;

/// The template checked from `source`; it must be valid.
fn ok(source: &str) -> Template {
    parse_template("checked.toml", source)
        .unwrap_or_else(|d| panic!("expected a valid template, got {d:#?}"))
}

/// Every diagnostic for `source`, as (line, column, message).
fn errors(source: &str) -> Vec<(usize, usize, String)> {
    match parse_template("checked.toml", source) {
        Ok(_) => panic!("expected diagnostics for:\n{source}"),
        Err(found) => found
            .into_iter()
            .map(|d| (d.line, d.col, d.message(Lang::En)))
            .collect(),
    }
}

/// BASE with its template id replaced by `id` (written as a TOML string on line 2).
fn with_template_id(id: &str) -> String {
    BASE.replacen("id = \"base\"", &format!("id = \"{id}\""), 1)
}

/// The message the checker gives for a template id it refuses.
fn bad_template_id(id: &str) -> String {
    format!(
        "template id '{id}' is not valid; use lowercase letters, digits and '-', e.g. \"welcome\""
    )
}

// ---- ids ----

#[test]
fn an_id_of_lowercase_letters_digits_and_dashes_is_accepted() {
    let t = ok(&with_template_id("spring-sale-2026"));
    assert_eq!(t.id, "spring-sale-2026");
}

#[test]
fn a_template_id_with_capitals_is_refused_where_it_is_written() {
    // The error points at the opening quote of the value: line 2, column 6.
    assert_eq!(
        errors(&with_template_id("Spring")),
        [(2, 6, bad_template_id("Spring"))]
    );
}

#[test]
fn a_template_id_with_an_underscore_or_a_space_is_refused() {
    for id in ["spring_sale", "spring sale"] {
        assert_eq!(
            errors(&with_template_id(id)),
            [(2, 6, bad_template_id(id))],
            "{id}"
        );
    }
}

#[test]
fn an_empty_template_id_is_refused_even_though_it_has_no_bad_character() {
    assert_eq!(errors(&with_template_id("")), [(2, 6, bad_template_id(""))]);
}

#[test]
fn a_script_id_with_capitals_is_refused_too() {
    let source = BASE.replacen("id = \"hello\"", "id = \"Hello\"", 1);
    let source = source.replacen("script = \"hello\"", "script = \"Hello\"", 1);
    assert_eq!(
        errors(&source),
        [(
            31,
            8,
            "script id 'Hello' is not valid; use lowercase letters, digits and '-', \
             e.g. \"welcome\""
                .to_string()
        )]
    );
}

// ---- lost reasons ----

/// BASE with a `[lead]` table listing `reasons` (TOML strings, already quoted).
fn with_lost_reasons(reasons: &str) -> String {
    format!("{BASE}\n[lead]\nfirst_response_minutes = 15\nlost_reasons = [{reasons}]\n")
}

/// The line `lost_reasons` is on in [`with_lost_reasons`].
fn lost_reasons_line() -> usize {
    BASE.lines().count() + 4
}

#[test]
fn lost_reasons_are_kept_in_the_order_written() {
    let t = ok(&with_lost_reasons(r#""太贵", "不需要", "选了别家""#));
    assert_eq!(t.lost_reasons, ["太贵", "不需要", "选了别家"]);
    assert_eq!(t.first_response_minutes, 15);
}

#[test]
fn a_template_without_lead_table_has_no_lost_reasons() {
    let t = ok(BASE);
    assert!(t.lost_reasons.is_empty(), "{:?}", t.lost_reasons);
}

#[test]
fn a_lead_table_without_lost_reasons_has_none() {
    let t = ok(&format!("{BASE}\n[lead]\nfirst_response_minutes = 15\n"));
    assert!(t.lost_reasons.is_empty(), "{:?}", t.lost_reasons);
}

#[test]
fn a_lost_reason_listed_twice_is_reported_at_its_second_mention() {
    // `lost_reasons = [` is 16 characters: the first reason's quote is column 17, the
    // second's column 23 (two quotes, two Chinese characters, a comma and a space later).
    assert_eq!(
        errors(&with_lost_reasons(r#""太贵", "太贵""#)),
        [(
            lost_reasons_line(),
            23,
            "lost reason '太贵' is listed twice".to_string()
        )]
    );
}

#[test]
fn an_empty_lost_reason_is_refused() {
    assert_eq!(
        errors(&with_lost_reasons(r#""太贵", "  ""#)),
        [(
            lost_reasons_line(),
            23,
            "lost reason is empty; write some text".to_string()
        )]
    );
}

// ---- cadences and the dormancy line ----

/// The message for a cadence step that waits `wait` with dormancy at 30 days.
fn on_dormancy_line(wait: &str) -> String {
    format!(
        "a step {wait} after the last touch lands on the dormancy line \
         (dormant_after_days = 30); use a shorter wait"
    )
}

#[test]
fn a_step_waiting_as_long_as_dormancy_is_refused_and_a_day_less_is_not() {
    let slow = |after: &str| {
        format!("{BASE}\n[cadence.slow]\nsteps = [{{ after = \"{after}\", action = \"回访\" }}]\n")
    };
    // The error points at the step's `after` value: `steps = [{ after = ` is 19 characters.
    let line = BASE.lines().count() + 3;
    assert_eq!(errors(&slow("30d")), [(line, 20, on_dormancy_line("30d"))]);
    assert_eq!(errors(&slow("6w")), [(line, 20, on_dormancy_line("6w"))]);
    let t = ok(&slow("29d"));
    assert_eq!(
        t.cadences["slow"].steps[0].after,
        chrono::TimeDelta::days(29)
    );
}

#[test]
fn a_repeated_step_on_the_dormancy_line_is_refused_as_well() {
    let source = format!(
        "{BASE}\n[cadence.slow]\nsteps = [{{ after = \"1d\", action = \"回访\" }}]\n\
         repeat = [{{ after = \"30d\", action = \"再回访\" }}]\n"
    );
    let line = BASE.lines().count() + 4;
    assert_eq!(errors(&source), [(line, 21, on_dormancy_line("30d"))]);
}

#[test]
fn the_dormant_cadence_itself_may_wait_past_the_dormancy_line() {
    // Reactivation starts once the contact is dormant, so its waits are not cut off.
    let t = ok(&format!(
        "{BASE}\n[cadence.dormant]\nsteps = [{{ after = \"0d\", action = \"唤醒\" }}, \
         {{ after = \"45d\", action = \"再唤醒\" }}]\n"
    ));
    let steps: Vec<_> = t.cadences["dormant"]
        .steps
        .iter()
        .map(|s| s.after)
        .collect();
    assert_eq!(
        steps,
        [chrono::TimeDelta::zero(), chrono::TimeDelta::days(45)]
    );
}

#[test]
fn with_dormancy_at_zero_days_only_the_lifecycle_is_blamed_not_every_step() {
    // Zero days is refused on its own; the steps are not measured against a line of zero.
    let source = BASE.replacen("dormant_after_days = 30", "dormant_after_days = 0", 1);
    assert_eq!(
        errors(&source),
        [(7, 22, "dormant_after_days must be 1 or more".to_string())]
    );
}

// ---- cadences continuing into others ----

/// BASE with a `slow` cadence whose `then` is `then`, plus `extra` appended.
fn with_then(then: &str, extra: &str) -> String {
    format!(
        "{BASE}\n[cadence.slow]\nsteps = [{{ after = \"1d\", action = \"回访\" }}]\n\
         then = \"{then}\"\n{extra}"
    )
}

#[test]
fn a_cadence_may_continue_into_another_that_exists() {
    let t = ok(&with_then("fast", ""));
    assert_eq!(t.cadences["slow"].then.as_deref(), Some("fast"));
    assert_eq!(t.cadences["fast"].then, None);
}

#[test]
fn continuing_into_an_undefined_cadence_is_refused_with_the_defined_ones() {
    // `then = ` is 7 characters: the value's quote is column 8.
    let line = BASE.lines().count() + 4;
    assert_eq!(
        errors(&with_then("nowhere", "")),
        [(
            line,
            8,
            "cadence 'nowhere' is not defined; defined: fast, slow".to_string()
        )]
    );
}

#[test]
fn two_cadences_continuing_into_each_other_are_both_refused() {
    // `fast` gets `then = "slow"` on the line after its steps, the last line of BASE.
    let extra = "then = \"slow\"\n";
    let source = with_then("fast", "").replacen(
        "script = \"hello\" }]\n",
        &format!("script = \"hello\" }}]\n{extra}"),
        1,
    );
    let base = BASE.lines().count();
    assert_eq!(
        errors(&source),
        [
            (
                base + 1,
                8,
                "cadence 'fast' continues into itself through 'then'".to_string()
            ),
            (
                base + 5,
                8,
                "cadence 'slow' continues into itself through 'then'".to_string()
            ),
        ]
    );
}

#[test]
fn a_cadence_continuing_into_itself_is_refused() {
    let line = BASE.lines().count() + 4;
    assert_eq!(
        errors(&with_then("slow", "")),
        [(
            line,
            8,
            "cadence 'slow' continues into itself through 'then'".to_string()
        )]
    );
}
