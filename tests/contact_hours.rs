//! The template's contact hours (`[schedule] contact_hours`): the rhythm's follow-ups fall
//! due within them, never at night; a first reply keeps its minutes. Through the binary,
//! on a book worked at 23:30 and on a demo book, against a template without the hours.

mod common;

use chrono::{DateTime, FixedOffset, NaiveTime, Timelike};
use common::Sb;
use serde_json::Value;

const LATE: &str = "2026-11-23T23:30:00+08:00";

/// Tracks whose time is the customer's, not the rhythm's.
const KEEP_THEIR_TIME: [&str; 4] = ["first_response", "appointment", "reminder", "signal"];

fn agenda(sb: &Sb) -> Vec<Value> {
    let v = sb.json(&[
        "agenda", "--format", "json", "--days", "60", "--limit", "10000",
    ]);
    v.as_array().unwrap().clone()
}

fn due(item: &Value) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(item["due"].as_str().unwrap()).unwrap()
}

fn item<'a>(items: &'a [Value], contact: i64, track: &str) -> &'a Value {
    items
        .iter()
        .find(|i| i["contact_id"] == contact && i["track"] == track)
        .unwrap_or_else(|| panic!("no {track} item of {contact}: {items:#?}"))
}

/// The default template without its `[schedule]`: the rhythm at any hour.
fn without_hours(sb: &Sb) {
    let text = sb.ok(&["template", "show", "default"]);
    let start = text
        .find("[schedule]")
        .expect("the default has contact hours");
    let end = start + text[start..].find("\n[").unwrap() + 1;
    let own = format!("{}{}", &text[..start], &text[end..]).replacen(
        "id = \"default\"",
        "id = \"any-hour\"",
        1,
    );
    sb.write("config/salesbook/templates/any-hour.toml", &own);
    sb.ok(&["template", "use", "any-hour"]);
}

#[test]
fn a_lead_talked_to_late_at_night_is_followed_up_in_the_morning() {
    let mut sb = Sb::new();
    sb.set_now(LATE);
    let talked = sb.add(&["--name", "张三", "--grade", "B"]);
    sb.ok(&[
        "log",
        &talked.to_string(),
        "--channel",
        "wechat",
        "--note",
        "聊了需求",
    ]);
    let waiting = sb.add(&["--name", "李四"]);
    // (the talked-to lead's next step, the new lead's reply)
    let dues = |sb: &Sb| {
        let items = agenda(sb);
        (
            item(&items, talked, "cadence")["due"].clone(),
            item(&items, waiting, "first_response")["due"].clone(),
        )
    };
    // The B cadence's first step is a day after the talk: 23:30 the next day, outside the
    // hours, so 09:00 the day after. The new lead's reply keeps its ten minutes, at night
    // too.
    assert_eq!(
        dues(&sb),
        (
            "2026-11-25T09:00:00+08:00".into(),
            "2026-11-23T23:40:00+08:00".into()
        )
    );
    // A template without contact hours plans the same talk at 23:30.
    without_hours(&sb);
    assert_eq!(
        dues(&sb),
        (
            "2026-11-24T23:30:00+08:00".into(),
            "2026-11-23T23:40:00+08:00".into()
        )
    );
}

/// On a whole demo book, every item of the rhythm is due between 09:00 and 21:00 (the
/// built-in hours), while the same book under a template without them has items at night
/// (so the check has something to catch).
#[test]
fn every_rhythm_item_of_a_demo_book_is_due_within_the_hours() {
    let sb = Sb::new();
    sb.ok(&["demo", "--contacts", "300", "--interactions", "3000"]);
    let (open, close) = (
        NaiveTime::from_hms_opt(9, 0, 0).unwrap(),
        NaiveTime::from_hms_opt(21, 0, 0).unwrap(),
    );
    let outside = |items: &[Value]| -> Vec<String> {
        items
            .iter()
            .filter(|i| !KEEP_THEIR_TIME.contains(&i["track"].as_str().unwrap()))
            .filter(|i| {
                let t = due(i).time().with_nanosecond(0).unwrap();
                !(open..close).contains(&t)
            })
            .map(|i| format!("{} {} {}", i["contact_id"], i["track"], i["due"]))
            .collect()
    };
    let items = agenda(&sb);
    assert!(items.len() > 100, "{}", items.len());
    let night = outside(&items);
    assert!(night.is_empty(), "due outside the hours: {night:#?}");
    without_hours(&sb);
    assert!(!outside(&agenda(&sb)).is_empty());
}
