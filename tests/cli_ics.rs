//! `export --ics` through the built binary: a calendar that strict RFC 5545 readers take,
//! with stable UIDs and the agenda's due times, the clock pinned by `SALESBOOK_NOW`.

mod agenda_support;
mod common;

use agenda_support::{agenda, brief, id_of, touch};
use chrono::{DateTime, NaiveDateTime, Utc};
use common::Sb;
use std::collections::{BTreeMap, BTreeSet};

/// One calendar component, parsed strictly.
#[derive(Debug, Default)]
struct Component {
    name: String,
    props: Vec<(String, String)>,
    children: Vec<Component>,
}

impl Component {
    fn get(&self, name: &str) -> Vec<&str> {
        self.props
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    fn one(&self, name: &str) -> &str {
        let v = self.get(name);
        assert_eq!(
            v.len(),
            1,
            "{} needs exactly one {name}: {self:?}",
            self.name
        );
        v[0]
    }
}

/// Parses iCalendar text as RFC 5545 demands: CRLF line ends, lines folded at 75 octets
/// (continuations start with one space), `NAME[;PARAM=V]*:VALUE` lines, BEGIN/END balanced,
/// TEXT values with only the escapes \\ \; \, \n. Panics on any deviation.
fn parse_ics(text: &str) -> Component {
    let bytes = text.as_bytes();
    assert!(text.ends_with("\r\n"), "the file must end with CRLF");
    for (i, b) in bytes.iter().enumerate() {
        if *b == b'\n' {
            assert!(i > 0 && bytes[i - 1] == b'\r', "bare LF at byte {i}");
        }
        if *b == b'\r' {
            assert!(bytes.get(i + 1) == Some(&b'\n'), "bare CR at byte {i}");
        }
    }
    let physical: Vec<&str> = text[..text.len() - 2].split("\r\n").collect();
    let mut logical: Vec<String> = Vec::new();
    for (n, line) in physical.iter().enumerate() {
        assert!(
            line.len() <= 75,
            "line {} is {} octets (max 75): {line:?}",
            n + 1,
            line.len()
        );
        assert!(!line.is_empty(), "empty line {}", n + 1);
        if let Some(rest) = line.strip_prefix(' ').or_else(|| line.strip_prefix('\t')) {
            let last = logical.last_mut().expect("a continuation line first");
            last.push_str(rest);
        } else {
            logical.push(line.to_string());
        }
    }
    let mut stack: Vec<Component> = Vec::new();
    let mut root: Option<Component> = None;
    for line in logical {
        let colon = line
            .find(':')
            .unwrap_or_else(|| panic!("no ':' in {line:?}"));
        let head = &line[..colon];
        let value = &line[colon + 1..];
        let mut parts = head.split(';');
        let name = parts.next().unwrap();
        assert!(
            !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'),
            "bad property name in {line:?}"
        );
        for p in parts {
            let (k, _) = p
                .split_once('=')
                .unwrap_or_else(|| panic!("bad param {p:?}"));
            assert!(k.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'));
        }
        match name {
            "BEGIN" => stack.push(Component {
                name: value.to_string(),
                ..Component::default()
            }),
            "END" => {
                let done = stack
                    .pop()
                    .unwrap_or_else(|| panic!("END:{value} without BEGIN"));
                assert_eq!(done.name, value, "END does not match BEGIN");
                match stack.last_mut() {
                    Some(parent) => parent.children.push(done),
                    None => {
                        assert!(root.is_none(), "content after the calendar");
                        root = Some(done);
                    }
                }
            }
            _ => {
                let top = stack
                    .last_mut()
                    .unwrap_or_else(|| panic!("{name} outside any component"));
                if ["SUMMARY", "DESCRIPTION"].contains(&name) {
                    check_text(value);
                }
                top.props.push((name.to_string(), value.to_string()));
            }
        }
    }
    assert!(stack.is_empty(), "unclosed components: {stack:?}");
    let cal = root.expect("a VCALENDAR");
    assert_eq!(cal.name, "VCALENDAR");
    assert_eq!(cal.one("VERSION"), "2.0");
    assert!(!cal.one("PRODID").is_empty());
    assert_eq!(cal.one("METHOD"), "PUBLISH");
    assert!(
        ["salesbook 跟进", "salesbook follow-ups"].contains(&cal.one("X-WR-CALNAME")),
        "{cal:?}"
    );
    cal
}

/// A TEXT value: `;` and `,` only escaped, backslashes only before \ ; , n N.
fn check_text(v: &str) {
    let mut chars = v.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let next = chars.next();
                assert!(
                    matches!(next, Some('\\' | ';' | ',' | 'n' | 'N')),
                    "bad escape \\{next:?} in {v:?}"
                );
            }
            ';' | ',' => panic!("unescaped {c:?} in TEXT {v:?}"),
            c if (c as u32) < 0x20 => panic!("control character in {v:?}"),
            _ => {}
        }
    }
}

fn unescape(v: &str) -> String {
    v.replace("\\n", "\n")
        .replace("\\,", ",")
        .replace("\\;", ";")
        .replace("\\\\", "\\")
}

/// The part of a UID that names the book: the start of its log's first entry's hash.
fn book_tag(sb: &Sb) -> String {
    let c = rusqlite::Connection::open(sb.db()).unwrap();
    let hash: String = c
        .query_row("SELECT hash FROM events ORDER BY id LIMIT 1", [], |r| {
            r.get(0)
        })
        .unwrap();
    hash[..12].to_string()
}

/// The UID of follow-up `id` in `sb`'s calendar.
/// An iCalendar UTC time.
fn utc(t: &str) -> DateTime<Utc> {
    NaiveDateTime::parse_from_str(t, "%Y%m%dT%H%M%SZ")
        .unwrap_or_else(|e| panic!("{t}: {e}"))
        .and_utc()
}

/// The book's zone in these tests (`SALESBOOK_NOW` is given at +08:00).
fn china() -> chrono::FixedOffset {
    chrono::FixedOffset::east_opt(8 * 3600).unwrap()
}

fn uid_of(sb: &Sb, id: &dyn std::fmt::Display) -> String {
    format!("followup-{id}-{}@salesbook", book_tag(sb))
}

#[test]
fn ics_export_is_strict_rfc5545_with_stable_uids_and_the_agendas_dues() {
    let mut sb = Sb::new();
    // A name with characters iCalendar must escape, and long Chinese actions to fold.
    let a = sb.add(&["--name", "Smith, John; Jr\\", "--grade", "A"]);
    let b = sb.add(&["--name", "欧阳娜娜（静安区）", "--grade", "B"]);
    let c = sb.add(&["--name", "王五"]);
    sb.set_now("2026-11-23T10:00:00+08:00");
    touch(&sb, b);
    sb.ok(&["won", &c.to_string(), "--product", "年度服务"]);

    let first = sb.ok(&["export", "--ics"]);
    let out = sb.path("followups.ics");
    sb.ok(&["export", "--ics", "--out", out.to_str().unwrap()]);
    let second = std::fs::read_to_string(&out).unwrap();
    assert_eq!(first, second, "two exports of the same book differ");

    let cal = parse_ics(&first);
    let items = agenda(&sb, &["--days", "400"]);
    assert_eq!(items.len(), 4, "{:?}", brief(&items));
    assert_eq!(
        cal.children.len(),
        items.len(),
        "one VTODO per open follow-up"
    );
    // Agenda due (local RFC 3339) → iCalendar UTC form, by follow-up id.
    let expected: BTreeMap<String, String> = items
        .iter()
        .map(|i| {
            let due: DateTime<Utc> = DateTime::parse_from_rfc3339(i["due"].as_str().unwrap())
                .unwrap()
                .with_timezone(&Utc);
            (
                uid_of(&sb, &i["followup_id"]),
                due.format("%Y%m%dT%H%M%SZ").to_string(),
            )
        })
        .collect();
    let mut got = BTreeMap::new();
    for todo in &cal.children {
        assert_eq!(todo.name, "VTODO");
        assert!(todo.children.is_empty());
        let due = todo.one("DUE");
        NaiveDateTime::parse_from_str(due, "%Y%m%dT%H%M%SZ")
            .unwrap_or_else(|e| panic!("bad DUE {due}: {e}"));
        assert_eq!(todo.one("DTSTAMP"), "20261123T020000Z");
        assert_eq!(todo.one("STATUS"), "NEEDS-ACTION");
        todo.one("SUMMARY");
        got.insert(todo.one("UID").to_string(), due.to_string());
    }
    assert_eq!(got, expected);
    // The escaped name comes back intact; the fold never split a character.
    let summaries: Vec<String> = cal
        .children
        .iter()
        .map(|t| unescape(t.one("SUMMARY")))
        .collect();
    assert!(
        summaries.contains(&"Smith, John; Jr\\：欢迎语".to_string()),
        "{summaries:?}"
    );
    assert!(
        summaries.contains(&"欧阳娜娜（静安区）：一对一分享一个相近的案例，不推销".to_string()),
        "{summaries:?}"
    );
    assert!(
        first.split("\r\n").any(|l| l.len() > 70 && l.len() <= 75),
        "expected at least one folded line near the limit"
    );
    assert!(first.contains("\r\n "), "expected folded lines");
    let _ = a;

    // UIDs stay the same across exports while the follow-ups stay open; a done one leaves.
    sb.set_now("2026-11-23T11:00:00+08:00");
    let lead = items
        .iter()
        .find(|i| i["track"] == "first_response")
        .unwrap();
    sb.ok(&["done", &id_of(lead)]);
    let after = parse_ics(&sb.ok(&["export", "--ics"]));
    let uids: BTreeSet<String> = after
        .children
        .iter()
        .map(|t| t.one("UID").to_string())
        .collect();
    assert!(!uids.contains(&uid_of(&sb, &id_of(lead))));
    for (uid, due) in &expected {
        if *uid != uid_of(&sb, &id_of(lead)) {
            assert!(uids.contains(uid), "{uid} vanished");
            let todo = after.children.iter().find(|t| t.one("UID") == uid).unwrap();
            assert_eq!(todo.one("DUE"), due);
        }
    }
    // Without --ics the contacts are exported; --ics takes no contact-export options.
    assert!(sb.ok(&["export", "--format", "json"]).contains("\"name\""));
    let err = sb.fail(&["export", "--ics", "--format", "csv"]);
    assert!(err.contains("--ics") && err.contains("--format"), "{err}");
}

#[test]
fn two_books_never_share_a_uid_and_the_words_follow_the_ui_language() {
    // Two reps' books, each begun with the same kind of first contact a second apart.
    let books: Vec<Sb> = ["2026-11-23T09:00:00+08:00", "2026-11-23T09:00:01+08:00"]
        .into_iter()
        .map(|now| {
            let mut sb = Sb::new();
            sb.set_now(now);
            sb.add(&["--name", "张三", "--grade", "A"]);
            sb
        })
        .collect();
    let uids: Vec<BTreeSet<String>> = books
        .iter()
        .map(|sb| {
            let cal = parse_ics(&sb.ok(&["export", "--ics"]));
            cal.children
                .iter()
                .map(|t| t.one("UID").to_string())
                .collect()
        })
        .collect();
    // Both books' first follow-up has id 1; their UIDs still differ.
    assert!(uids[0].contains(&uid_of(&books[0], &1)), "{uids:?}");
    assert!(uids[0].is_disjoint(&uids[1]), "{uids:?}");
    assert_ne!(book_tag(&books[0]), book_tag(&books[1]));

    let sb = &books[0];
    let zh = parse_ics(&sb.ok(&["export", "--ics"]));
    assert_eq!(zh.one("X-WR-CALNAME"), "salesbook 跟进");
    let description = unescape(zh.children[0].one("DESCRIPTION"));
    // The script by its title, as the rep knows it (its id is `welcome`).
    assert_eq!(description, "首次回复 · 挖需求 · 欢迎语", "{description}");
    let dir = sb.path("config/salesbook");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("config.toml"), "[ui]\nlang = \"en\"\n").unwrap();
    let text = sb.ok(&["export", "--ics"]);
    let en = parse_ics(&text);
    assert!(
        text.contains("PRODID:-//salesbook//follow-ups//EN"),
        "{text}"
    );
    assert_eq!(en.one("X-WR-CALNAME"), "salesbook follow-ups");
    let description = unescape(en.children[0].one("DESCRIPTION"));
    assert_eq!(
        description, "First reply · Discover · 欢迎语",
        "{description}"
    );

    // A follow-up with no script (grading a lead) leaves no empty part after a separator.
    let demo = Sb::new();
    demo.ok(&["demo", "--contacts", "40"]);
    let cal = parse_ics(&demo.ok(&["export", "--ics"]));
    let descriptions: Vec<String> = cal
        .children
        .iter()
        .map(|t| unescape(t.one("DESCRIPTION")))
        .collect();
    assert!(
        descriptions.iter().any(|d| d.split(" · ").count() == 2),
        "{descriptions:?}"
    );
    for d in &descriptions {
        assert!(d.split(" · ").all(|part| !part.trim().is_empty()), "{d:?}");
    }
}

/// `export --ics --events`: each open follow-up as a 15-minute event at its due time that
/// keeps the rep free and rings when due, for calendars that import no to-dos; its own
/// UIDs, stable, and the same words as the to-dos.
#[test]
fn ics_events_for_calendars_that_take_no_todos() {
    let mut sb = Sb::new();
    sb.add(&["--name", "Smith, John; Jr\\", "--grade", "A"]);
    let b = sb.add(&["--name", "欧阳娜娜（静安区）", "--grade", "B"]);
    sb.set_now("2026-11-23T10:00:00+08:00");
    touch(&sb, b);

    let text = sb.ok(&["export", "--ics", "--events"]);
    assert_eq!(text, sb.ok(&["export", "--ics", "--events"]), "not stable");
    let cal = parse_ics(&text);
    let todos = parse_ics(&sb.ok(&["export", "--ics"]));
    let items = agenda(&sb, &["--days", "400"]);
    assert_eq!(cal.children.len(), items.len(), "{:?}", brief(&items));
    let now = utc("20261123T020000Z");
    let mut got = BTreeMap::new();
    let mut overdue = 0;
    for (event, todo) in cal.children.iter().zip(&todos.children) {
        assert_eq!(event.name, "VEVENT");
        let start = utc(event.one("DTSTART"));
        let end = utc(event.one("DTEND"));
        assert_eq!(end - start, chrono::TimeDelta::minutes(15));
        // The to-do's due time, title and description; a UID of its own. An overdue one
        // now (10:00 is a quarter hour), saying so and when it was due.
        let due = utc(todo.one("DUE"));
        if due < now {
            overdue += 1;
            assert_eq!(start, now);
            assert_eq!(
                event.one("SUMMARY"),
                format!("【逾期】{}", todo.one("SUMMARY"))
            );
            let was = due.with_timezone(&china()).format("%Y-%m-%d %H:%M");
            assert_eq!(
                event.one("DESCRIPTION"),
                format!("原定 {was} · {}", todo.one("DESCRIPTION"))
            );
        } else {
            assert_eq!(event.one("DTSTART"), todo.one("DUE"));
            assert_eq!(event.one("SUMMARY"), todo.one("SUMMARY"));
            assert_eq!(event.one("DESCRIPTION"), todo.one("DESCRIPTION"));
        }
        assert_eq!(
            event.one("UID"),
            todo.one("UID").replace("@salesbook", "-event@salesbook")
        );
        assert_eq!(event.one("DTSTAMP"), "20261123T020000Z");
        assert_eq!(event.one("TRANSP"), "TRANSPARENT");
        assert!(event.get("DUE").is_empty() && event.get("STATUS").is_empty());
        let [alarm] = &event.children[..] else {
            panic!("one VALARM: {event:?}");
        };
        assert_eq!(alarm.name, "VALARM");
        assert_eq!(alarm.one("ACTION"), "DISPLAY");
        assert_eq!(alarm.one("TRIGGER"), "PT0M");
        assert_eq!(alarm.one("DESCRIPTION"), event.one("SUMMARY"));
        got.insert(
            event.one("UID").to_string(),
            event.one("DTSTART").to_string(),
        );
    }
    let want: BTreeMap<String, String> = items
        .iter()
        .map(|i| {
            let due: DateTime<Utc> = DateTime::parse_from_rfc3339(i["due"].as_str().unwrap())
                .unwrap()
                .with_timezone(&Utc);
            (
                uid_of(&sb, &i["followup_id"]).replace("@salesbook", "-event@salesbook"),
                due.max(now).format("%Y%m%dT%H%M%SZ").to_string(),
            )
        })
        .collect();
    assert_eq!(got, want);
    assert!(overdue > 0 && overdue < want.len(), "{overdue} overdue");
    // Off the quarter hour, overdue events start at the next one; the to-dos keep their dues.
    sb.set_now("2026-11-23T10:06:40+08:00");
    let later = parse_ics(&sb.ok(&["export", "--ics", "--events"]));
    let todos = parse_ics(&sb.ok(&["export", "--ics"]));
    let mut moved = 0;
    for (event, todo) in later.children.iter().zip(&todos.children) {
        if utc(todo.one("DUE")) < utc("20261123T020640Z") {
            moved += 1;
            assert_eq!(event.one("DTSTART"), "20261123T021500Z");
            assert_eq!(event.one("DTEND"), "20261123T023000Z");
        } else {
            assert_eq!(event.one("DTSTART"), todo.one("DUE"));
        }
    }
    assert_eq!(moved, overdue);
    // Due this very second is not overdue yet: at its due time, not marked.
    let (uid, due) = todos
        .children
        .iter()
        .map(|t| (t.one("UID"), utc(t.one("DUE"))))
        .find(|(_, due)| *due > utc("20261123T020640Z"))
        .expect("a follow-up due later");
    sb.set_now(&due.with_timezone(&china()).to_rfc3339());
    let at_due = parse_ics(&sb.ok(&["export", "--ics", "--events"]));
    let uid = uid.replace("@salesbook", "-event@salesbook");
    let event = at_due
        .children
        .iter()
        .find(|e| e.one("UID") == uid)
        .expect("the follow-up's event");
    assert_eq!(utc(event.one("DTSTART")), due);
    assert!(!event.one("SUMMARY").starts_with("【逾期】"), "{event:?}");
    // Events only with --ics.
    let err = sb.fail(&["export", "--events"]);
    assert!(err.contains("--ics"), "{err}");
}
