//! A book is untrusted data: whatever a contact's fields hold — escape sequences that set the
//! clipboard or the window title, clear the screen, carriage returns, line breaks, bidi
//! overrides — no human-readable output ever sends them to the terminal. The values are put in
//! the book behind the app's back (as another tool or a hand-edited file would), since the
//! app itself refuses them at input.

mod common;

use common::Sb;
use rusqlite::Connection;

/// Strings that would do something to a terminal or a layout if printed raw.
const HOSTILE: &[&str] = &[
    "Eve\u{1b}]52;c;ZXZpbA==\u{7}",
    "\u{1b}]0;pwned\u{7}标题",
    "清屏\u{1b}[2J\u{1b}[H",
    "覆盖\r行首",
    "两\n行",
    "\u{202e}倒序\u{202c}",
    "\u{9b}31m红",
    "删除\u{7f}",
    "制表\t符",
    "\u{200b}",
];

/// True when the bytes could drive a terminal: ESC, BEL, CR, DEL, C1 controls, bidi marks.
fn dangerous(s: &str) -> Option<char> {
    s.chars().find(|&c| {
        matches!(c, '\u{1b}' | '\u{7}' | '\r' | '\u{7f}')
            || ('\u{80}'..='\u{9f}').contains(&c)
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}')
    })
}

fn hostile_book() -> Sb {
    let sb = Sb::new();
    sb.ok(&["demo", "--contacts", "12"]);
    // Follow-ups planned for everyone before the fields go bad.
    let c = Connection::open(sb.db()).unwrap();
    for (i, h) in HOSTILE.iter().enumerate() {
        let id = i as i64 + 1;
        c.execute(
            "UPDATE contacts SET name = ?2, need = ?2, notes = ?2, company = ?2, source = ?2, \
             honorific = ?2, lost_reason = ?2, archived = 0 WHERE id = ?1",
            (id, h),
        )
        .unwrap();
        c.execute(
            "INSERT INTO interactions (contact_id, at, kind, body) VALUES (?1, 1795400000, 'note', ?2)",
            (id, h),
        )
        .unwrap();
        c.execute(
            "UPDATE followups SET action = ?2 WHERE contact_id = ?1",
            (id, h),
        )
        .unwrap();
    }
    sb
}

fn check(args: &[&str], out: &std::process::Output) {
    for (stream, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
        let text = String::from_utf8_lossy(bytes);
        if let Some(c) = dangerous(&text) {
            panic!(
                "`salesbook {}` wrote U+{:04X} to {stream}:\n{text}",
                args.join(" "),
                c as u32
            );
        }
    }
}

#[test]
fn no_read_command_sends_control_characters_to_the_terminal() {
    let sb = hostile_book();
    let ids: Vec<String> = (1..=HOSTILE.len()).map(|i| i.to_string()).collect();
    let mut commands: Vec<Vec<&str>> = vec![
        vec!["list", "--all"],
        vec!["list", "--lifecycle", "intro"],
        vec!["search", "Eve"],
        vec!["search", "倒序"],
        vec!["agenda", "--days", "60"],
        vec!["agenda", "--explain", "--days", "60"],
        vec!["simulate", "--days", "30"],
        vec!["undo", "--list"],
        vec!["verify"],
    ];
    for id in &ids {
        commands.push(vec!["show", id]);
        commands.push(vec!["script", id]);
    }
    for args in &commands {
        let out = sb.run(args);
        check(args, &out);
    }
    // Tables keep one line per row: a line break inside a name cannot add a row.
    let list = sb.ok(&["list", "--all"]);
    assert_eq!(list.lines().count(), 12 + 1, "{list}");
    // And the values are still recognisable, written out visibly.
    assert!(list.contains("Eve\\u{1b}]52;c;ZXZpbA==\\u{7}"), "{list}");
    assert!(list.contains("两 ⏎ 行"), "{list}");
    // On a card a name keeps to its line; a note goes on under itself, its label column
    // left blank, so its second line cannot pass for another field.
    let card = sb.ok(&["show", "5"]);
    let lines: Vec<&str> = card.lines().collect();
    assert!(lines.contains(&"姓名      两 ⏎ 行"), "{card}");
    let note = lines
        .iter()
        .position(|l| l.starts_with("备注"))
        .expect("a note");
    assert_eq!(lines[note], "备注      两");
    assert_eq!(lines[note + 1], "          行");
}

#[test]
fn confirmations_and_errors_are_safe_too() {
    let sb = hostile_book();
    for args in [
        &["won", "1", "--amount", "10"][..],
        &["lost", "2", "--reason", "x"],
        &["reopen", "2"],
        &["archive", "3"],
        &["archive", "3"],
        &["move", "4", "pitch"],
        &["log", "5", "--note", "hi"],
        &["lost", "1", "--reason", "again"],
        // What names contacts: an undo (of a change to Eve's card), a repurchase, a tag
        // it lacks, a namesake.
        &["log", "1", "--note", "hi"],
        &["undo"],
        &["won", "1"],
        &["won", "1"],
        &["edit", "1", "--untag", "意向/近期购买"],
        &["add", "--name", HOSTILE[0]],
    ] {
        let out = sb.run(args);
        check(args, &out);
    }
    // A phone someone has: the refusal names them.
    Connection::open(sb.db())
        .unwrap()
        .execute("UPDATE contacts SET phone = '13800001234' WHERE id = 1", [])
        .unwrap();
    let args = ["add", "--name", "x", "--phone", "13800001234"];
    let out = sb.run(&args);
    assert!(!out.status.success());
    check(&args, &out);
}

#[test]
fn the_calendar_export_escapes_what_ics_cannot_hold() {
    let sb = hostile_book();
    let ics = sb.ok(&["export", "--ics"]);
    // (CRLF ends every line, as RFC 5545 wants; nothing else may be a control.)
    assert!(dangerous(&ics.replace("\r\n", "\n")).is_none(), "{ics}");
    // Every content line ends in CRLF and no bare CR or LF appears inside one.
    for line in ics.split("\r\n") {
        assert!(!line.contains('\n') && !line.contains('\r'), "{line:?}");
    }
    // The UIDs name the book by its log's first hash: a hash edited to carry lines of its
    // own adds none.
    let c = Connection::open(sb.db()).unwrap();
    c.execute_batch(
        "DROP TRIGGER events_no_update; \
         UPDATE events SET hash = 'ab' || char(13, 10) || 'BEGIN:VEVENT' || char(13, 10) \
         WHERE id = (SELECT min(id) FROM events);",
    )
    .unwrap();
    drop(c);
    let ics = sb.ok(&["export", "--ics"]);
    assert!(!ics.contains("VEVENT"), "{ics}");
    for line in ics.split("\r\n").filter(|l| l.starts_with("UID:")) {
        assert!(
            line.starts_with("UID:followup-") && line.ends_with("-abBEEE@salesbook"),
            "{line}"
        );
    }
}

#[test]
fn control_characters_never_enter_through_the_command_line() {
    let sb = Sb::new();
    let id = sb.add(&[
        "--name",
        "Eve\u{1b}]52;c;ZXZpbA==\u{7}",
        "--need",
        "清屏\u{1b}[2J",
    ]);
    let c = sb.contact(id);
    // The whole escape sequence goes, not just its ESC.
    assert_eq!(c["name"], "Eve");
    assert_eq!(c["need"], "清屏");
    let err = sb.fail(&["add", "--name", "\u{200b}\u{202e}"]);
    assert!(err.contains("看不见的字符"), "{err}");
    let id = sb.add(&["--name", "两\n行"]);
    assert_eq!(sb.contact(id)["name"], "两 行");
}
