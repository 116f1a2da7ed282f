//! `F` schedules a follow-up on a date the rep set with the customer, from Today, the
//! board, the card and the search results: checked in the book (due time, note), on Today,
//! in the status line, and taken back by `u`. A time the app cannot read is refused in the
//! form, in the UI's words, and writes nothing.

mod tui_kit;

use chrono::{DateTime, Utc};
use ratatui::crossterm::event::KeyCode;
use salesbook::config::Lang;
use salesbook::domain::Grade;
use salesbook::domain::followup::Track;
use salesbook::store::Followup;
use salesbook::tui::registry::Scope;
use salesbook::tui::views::board::BoardView;
use salesbook::tui::views::today::TodayView;
use salesbook::tui::{App, ScriptedEvents};
use tempfile::TempDir;
use tui_kit::*;

use KeyCode::{Char, Enter, Esc, Tab};

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

/// The contact's open dated follow-ups (the cadence's own are not the rep's).
fn appointments(dir: &TempDir, id: i64) -> Vec<Followup> {
    let mut due = book(dir)
        .view()
        .open_followups_of(id)
        .unwrap()
        .into_iter()
        .filter(|f| f.track == Track::Appointment)
        .collect::<Vec<_>>();
    due.sort_by_key(|f| f.due);
    due
}

/// Opens the form, types the time, Tab, the note, and saves.
fn schedule(when: &str, note: &str) -> ScriptedEvents {
    keys(&[Char('F')])
        .then(text(when))
        .then(keys(&[Tab]))
        .then(text(note))
        .then(ctrl('s'))
}

#[test]
fn capital_f_on_today_schedules_a_dated_follow_up_that_today_shows_and_u_removes() {
    let dir = TempDir::new().unwrap();
    let mut b = book(&dir);
    let id = add(&mut b, "张三", Some(Grade::B));
    drop(b);
    let mut app = App::new(book(&dir), Lang::Zh);
    run(&mut app, 100, 30, ScriptedEvents::default());
    assert_eq!(
        app.view::<TodayView>()
            .unwrap()
            .current()
            .unwrap()
            .contact_id,
        id
    );
    // The form starts empty, with the accepted forms as its hint.
    let lines = run(&mut app, 100, 30, keys(&[Char('F')]));
    assert_eq!(app.scope(), Scope::Form);
    assert!(contains(&lines, "约定跟进 · 张三"), "{lines:#?}");
    assert!(contains(&lines, "下周二 10:00"), "{lines:#?}");
    run(&mut app, 100, 30, keys(&[Esc]));
    assert_eq!(
        app.scope(),
        Scope::Today,
        "nothing typed: Esc simply closes"
    );

    let lines = run(&mut app, 100, 30, schedule("今天 15:00", "约了电话聊方案"));
    assert!(
        contains(&lines, "已约定 11-23 15:00 跟进：张三"),
        "{lines:#?}"
    );
    let due = appointments(&dir, id);
    assert_eq!(due.len(), 1, "{due:#?}");
    assert_eq!(due[0].due, at("2026-11-23T15:00:00+08:00"));
    assert_eq!(due[0].action, "约了电话聊方案");
    // Today reloaded: the follow-up is in today's section, under its heading.
    let heading = lines
        .iter()
        .position(|l| l.contains("今天到期"))
        .expect("{lines:#?}");
    let row = lines
        .iter()
        .position(|l| l.contains("约了电话聊方案"))
        .expect("the follow-up on Today");
    assert!(row > heading, "{lines:#?}");

    let lines = run(&mut app, 100, 30, keys(&[Char('u')]));
    assert!(contains(&lines, "已撤销：约定跟进（张三）"), "{lines:#?}");
    assert!(appointments(&dir, id).is_empty());
    assert!(!contains(&lines, "约了电话聊方案"), "{lines:#?}");
}

#[test]
fn the_board_card_and_search_results_take_capital_f_too() {
    let dir = TempDir::new().unwrap();
    let mut b = book(&dir);
    let id = add(&mut b, "王芳", None);
    drop(b);
    let mut app = App::new(book(&dir), Lang::Zh);
    // The board.
    run(&mut app, 100, 30, keys(&[Char('2')]));
    assert_eq!(app.view::<BoardView>().unwrap().current().unwrap().id, id);
    let lines = run(&mut app, 100, 30, schedule("明天 10:30", "面诊"));
    assert!(contains(&lines, "已约定 11-24 10:30 跟进"), "{lines:#?}");
    // The card.
    run(&mut app, 100, 30, keys(&[Enter]));
    assert_eq!(app.scope(), Scope::Card);
    run(&mut app, 100, 30, schedule("2026-12-01 15:00", "试听"));
    // The search results (Tab from the query to the list).
    run(
        &mut app,
        100,
        30,
        keys(&[Esc, Char('/')])
            .then(text("王芳"))
            .then(keys(&[Tab])),
    );
    assert_eq!(app.scope(), Scope::Results);
    run(&mut app, 100, 30, schedule("+3d", ""));
    let got: Vec<(DateTime<Utc>, String)> = appointments(&dir, id)
        .into_iter()
        .map(|f| (f.due, f.action))
        .collect();
    let now = at(NOW);
    assert_eq!(
        got,
        [
            (at("2026-11-24T10:30:00+08:00"), "面诊".to_string()),
            (now + chrono::TimeDelta::days(3), "约定跟进".to_string()),
            (at("2026-12-01T15:00:00+08:00"), "试听".to_string()),
        ]
    );
}

#[test]
fn a_time_the_app_cannot_read_is_refused_in_the_form_and_nothing_is_written() {
    let dir = TempDir::new().unwrap();
    let mut b = book(&dir);
    let id = add(&mut b, "张三", None);
    drop(b);
    let mut app = App::new(book(&dir), Lang::Zh);
    run(&mut app, 100, 30, keys(&[Char('2')]));
    let before = events_count(&dir);
    let lines = run(&mut app, 100, 30, schedule("后天半夜", "约了见面"));
    assert_eq!(app.scope(), Scope::Form, "the form stays open");
    assert!(contains(&lines, "时间 '后天半夜' 不对"), "{lines:#?}");
    assert!(
        !lines
            .iter()
            .any(|l| l.contains("--at") || l.contains("salesbook ")),
        "no command-line hint: {lines:#?}"
    );
    // Empty, and in the past: refused too (the second by the book, in the app's words).
    let lines = run(
        &mut app,
        100,
        30,
        keys(&[KeyCode::BackTab]).then(ScriptedEvents::keys(&[KeyCode::Backspace; 4])),
    );
    assert!(!contains(&lines, "后天半夜"), "{lines:#?}");
    let lines = run(&mut app, 100, 30, ctrl('s'));
    assert!(contains(&lines, "请写下和客户约好的时间"), "{lines:#?}");
    let lines = run(&mut app, 100, 30, text("2026-11-01 10:00").then(ctrl('s')));
    assert!(contains(&lines, "约定的时间必须在将来"), "{lines:#?}");
    assert_eq!(app.scope(), Scope::Form);
    assert_eq!(events_count(&dir), before, "nothing written");
    assert!(appointments(&dir, id).is_empty());
    // English: the same refusal in the UI's language.
    let mut app = App::new(book(&dir), Lang::En);
    run(&mut app, 100, 30, keys(&[Char('2')]));
    let lines = run(&mut app, 100, 30, schedule("someday", ""));
    assert!(contains(&lines, "bad time 'someday'"), "{lines:#?}");
    assert_eq!(events_count(&dir), before);
}
