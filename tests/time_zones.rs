//! Times in the offset of their own date: under a zone with daylight saving (`TZ`), a time
//! from summer shows in summer time even when "now" is winter, and a day typed for a
//! follow-up means 09:00 on that day's own clock. Stored instants never change.

mod common;

use common::Sb;

/// Runs with `TZ` set (which makes salesbook use that region, DST included) and the clock
/// pinned at `now`.
fn run_tz(sb: &Sb, tz: &str, now: &str, args: &[&str]) -> String {
    let out = sb.run_env(args, &[("TZ", tz), ("SALESBOOK_NOW", now)]);
    common::expect_ok(args, out)
}

#[test]
fn new_york_summer_and_winter_times() {
    let sb = Sb::new();
    let tz = "America/New_York";
    // Created in September (EDT, -04:00), read in November (EST, -05:00).
    run_tz(
        &sb,
        tz,
        "2026-09-10T06:13:07Z",
        &["add", "--name", "张三丰", "--grade", "B"],
    );
    let json = run_tz(
        &sb,
        tz,
        "2026-11-30T15:00:00Z",
        &["show", "1", "--format", "json"],
    );
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["created_at"], "2026-09-10T02:13:07-04:00");
    let card = run_tz(&sb, tz, "2026-11-30T15:00:00Z", &["show", "1"]);
    assert!(card.contains("2026-09-10 02:13"), "{card}");

    // A follow-up snoozed from winter to a day in April: 09:00 EDT is 13:00 UTC.
    run_tz(
        &sb,
        tz,
        "2026-11-30T15:00:00Z",
        &["log", "1", "--note", "聊过", "--channel", "wechat"],
    );
    let agenda = run_tz(
        &sb,
        tz,
        "2026-11-30T15:00:00Z",
        &["agenda", "--format", "json", "--days", "30"],
    );
    let items: serde_json::Value = serde_json::from_str(&agenda).unwrap();
    let f = items[0]["followup_id"].to_string();
    let out = run_tz(
        &sb,
        tz,
        "2026-11-30T15:00:00Z",
        &["snooze", &f, "--until", "2027-04-01"],
    );
    assert!(out.trim_end().ends_with("→ 2027-04-01 09:00"), "{out}");
    let stored: i64 = rusqlite::Connection::open(sb.db())
        .unwrap()
        .query_row(
            "SELECT due_at FROM followups WHERE id = ?1",
            [f.parse::<i64>().unwrap()],
            |r| r.get(0),
        )
        .unwrap();
    let due = chrono::DateTime::from_timestamp(stored, 0).unwrap();
    assert_eq!(due.to_rfc3339(), "2027-04-01T13:00:00+00:00");
}

#[test]
fn sydney_has_summer_in_december() {
    let sb = Sb::new();
    let tz = "Australia/Sydney";
    // Created in July (AEST, +10:00), read in December (AEDT, +11:00).
    run_tz(&sb, tz, "2026-07-01T00:00:00Z", &["add", "--name", "李四"]);
    let json = run_tz(
        &sb,
        tz,
        "2026-12-15T00:00:00Z",
        &["list", "--format", "json"],
    );
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v[0]["created_at"], "2026-07-01T10:00:00+10:00");
    let json = run_tz(
        &sb,
        tz,
        "2026-12-15T00:00:00Z",
        &["show", "1", "--format", "json"],
    );
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["history"][0]["at"], "2026-07-01T10:00:00+10:00");
    // A day typed in winter for a day in summer: 09:00 AEDT (+11:00) is 22:00 UTC before.
    let agenda = run_tz(
        &sb,
        tz,
        "2026-07-01T00:00:00Z",
        &["agenda", "--format", "json"],
    );
    let items: serde_json::Value = serde_json::from_str(&agenda).unwrap();
    let f = items[0]["followup_id"].to_string();
    run_tz(
        &sb,
        tz,
        "2026-07-01T00:00:00Z",
        &["snooze", &f, "--until", "2026-12-20"],
    );
    let json = run_tz(
        &sb,
        tz,
        "2026-07-01T00:00:00Z",
        &["agenda", "--format", "json", "--days", "200"],
    );
    let items: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(items[0]["due"], "2026-12-20T09:00:00+11:00");
}

#[test]
fn without_tz_a_pinned_clock_shows_its_own_offset() {
    let sb = Sb::new();
    sb.add(&["--name", "王五"]);
    let v = sb.contact(1);
    assert_eq!(v["created_at"], "2026-11-23T09:30:00+08:00");
}

/// The spreadsheet export writes each time on its own date's clock, and importing the file
/// under the same zone gives back the same instants: a summer time read in winter is not
/// an hour off, in the cells of times or in the timeline's.
#[test]
fn the_csv_export_writes_summer_times_in_summer_time_and_imports_them_back() {
    let sb = Sb::new();
    let tz = "America/New_York";
    let winter = "2026-11-30T15:00:00Z";
    run_tz(
        &sb,
        tz,
        "2026-07-21T17:51:06Z",
        &["add", "--name", "张三丰"],
    );
    run_tz(
        &sb,
        tz,
        "2026-07-22T14:00:00Z",
        &["log", "1", "--note", "夏天聊过", "--channel", "wechat"],
    );
    run_tz(&sb, tz, winter, &["export", "--out", "book.csv"]);
    let csv = std::fs::read_to_string(sb.path("book.csv")).unwrap();
    // A zone with daylight saving states no one offset for the file's times.
    assert!(csv.contains(",创建时间,") && !csv.contains("UTC"), "{csv}");
    assert!(csv.contains("2026-07-21 13:51:06"), "{csv}");
    assert!(csv.contains("2026-07-22 10:00:00"), "{csv}");
    assert!(!csv.contains("2026-07-21 12:51:06"), "{csv}");
    let json = run_tz(&sb, tz, winter, &["export", "--format", "json"]);
    assert!(json.contains("2026-07-21T13:51:06-04:00"), "{json}");
    // Back in under the same zone: the same instants.
    let other = sb.path("other.sqlite");
    let other = other.to_str().unwrap();
    run_tz(&sb, tz, winter, &["--db", other, "import", "book.csv"]);
    let shown = |db: &str| -> serde_json::Value {
        let out = run_tz(
            &sb,
            tz,
            winter,
            &["--db", db, "show", "1", "--format", "json"],
        );
        serde_json::from_str(&out).unwrap()
    };
    let (a, b) = (shown(sb.db().to_str().unwrap()), shown(other));
    assert_eq!(a["created_at"], "2026-07-21T13:51:06-04:00");
    assert_eq!(b["created_at"], a["created_at"]);
    assert_eq!(b["last_touch_at"], a["last_touch_at"]);
}

/// A system zone without daylight saving (China's) is one offset: the export states it on
/// the creation time's header, and the file reads back alike on a machine in UTC.
#[test]
fn a_system_zone_without_daylight_saving_states_its_offset() {
    let sb = Sb::new();
    let tz = "Asia/Shanghai";
    let now = "2026-11-23T01:30:00Z";
    run_tz(&sb, tz, now, &["add", "--name", "张三丰"]);
    run_tz(&sb, tz, now, &["export", "--out", "book.csv"]);
    let csv = std::fs::read_to_string(sb.path("book.csv")).unwrap();
    assert!(csv.contains(",创建时间（UTC+08:00）,"), "{csv}");
    assert!(csv.contains("2026-11-23 09:30:00"), "{csv}");
    let other = sb.path("other.sqlite");
    let other = other.to_str().unwrap();
    run_tz(&sb, "UTC", now, &["--db", other, "import", "book.csv"]);
    let out = run_tz(
        &sb,
        "UTC",
        now,
        &["--db", other, "show", "1", "--format", "json"],
    );
    let shown: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(shown["created_at"], "2026-11-23T01:30:00+00:00");
}
