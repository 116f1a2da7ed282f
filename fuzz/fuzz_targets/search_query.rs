//! Any text typed into search (and the other small languages a rep types: times, placeholders,
//! tags): read without panicking, and what reaches a terminal carries no control character.
#![no_main]

use libfuzzer_sys::fuzz_target;
use salesbook::domain::{search, text, when};

fuzz_target!(|data: &[u8]| {
    let Ok(q) = std::str::from_utf8(data) else {
        return;
    };
    let plan = search::plan(q);
    assert!(plan.pinyin.len() <= 4096);
    let _ = search::pinyin_keys(q);
    let _ = search::short_grams(q);
    let safe = text::display_safe(q, false);
    assert!(!safe.chars().any(text::is_control));
    let now = chrono::DateTime::from_timestamp(1_795_400_000, 0).unwrap();
    let cn = chrono::FixedOffset::east_opt(8 * 3600).unwrap();
    let _ = when::parse_until(now, &cn, q);
    let _ = salesbook::domain::placeholder::parse(q);
    let _ = q.parse::<salesbook::domain::TagRef>();
    let _ = salesbook::domain::contact::validate_name(q);
    let _ = salesbook::domain::contact::normalize_phone(q);
});
