//! Every view of the app on the demo book, at a fixed clock, at 120×40 and 80×24, compared
//! with the snapshots under `tests/snapshots/` (review changes with `cargo insta review`,
//! or `INSTA_UPDATE=always cargo test --test tui_snapshots` then `git diff`). And a grid of
//! window sizes from 1×1 to 200×60 that must draw without a panic.

mod tui_kit;

use ratatui::crossterm::event::KeyCode;
use salesbook::config::Lang;
use salesbook::tui::{App, ScriptedEvents};
use tempfile::TempDir;
use tui_kit::*;

use KeyCode::{Char, Down, Enter, Tab};

/// Each view and the keys that bring it up from Today on the demo book.
fn views() -> Vec<(&'static str, ScriptedEvents)> {
    vec![
        ("today", ScriptedEvents::default()),
        ("board", keys(&[Char('2')])),
        (
            "board_filtered_with_closed",
            keys(&[Char('2'), Char('o'), Char('f'), Down]).then(ctrl('s')),
        ),
        // Past the two leads that just came in: a card with a history.
        ("card", keys(&[Down, Down, Enter])),
        (
            "card_timeline_entry",
            keys(&[Down, Down, Enter, Tab, Enter]),
        ),
        (
            "card_guide",
            keys(&[Down, Down, Enter, Tab, Tab, Down, Down]),
        ),
        ("search", keys(&[Char('/')]).then(text("林"))),
        (
            "search_results",
            keys(&[Char('/')]).then(text("林")).then(keys(&[Tab])),
        ),
        ("help", keys(&[Char('?')])),
        (
            "help_scrolled",
            keys(&[Char('?'), KeyCode::PageDown, KeyCode::PageDown]),
        ),
        ("add_form", keys(&[Char('a')]).then(text("陈晨"))),
        ("edit_form", keys(&[Char('e')])),
        ("log_form", keys(&[Char('l')]).then(text("约了周五电话"))),
        (
            "won_form",
            keys(&[Char('w')])
                .then(text("3999"))
                .then(keys(&[Tab, Down])),
        ),
        ("lost_form", keys(&[Char('L'), Down])),
        (
            "followup_form",
            keys(&[Char('F')])
                .then(text("明天 15:00"))
                .then(keys(&[Tab]))
                .then(text("约了电话聊方案")),
        ),
        ("snooze_prompt", keys(&[Char('s')])),
        ("skip_prompt_error", keys(&[Char('x'), Enter])),
        ("grade_picker", keys(&[Char('g')])),
        ("tag_picker", keys(&[Char('t')])),
        ("template_picker", keys(&[Char('T')])),
        (
            "confirm_discard",
            keys(&[Char('a')])
                .then(text("王"))
                .then(keys(&[KeyCode::Esc])),
        ),
        ("marked", keys(&[Char(' '), Down, Char(' ')])),
    ]
}

#[test]
fn every_view_at_both_sizes() {
    let dir = TempDir::new().unwrap();
    drop(demo(&dir));
    for (name, events) in views() {
        for (w, h) in [(120u16, 40u16), (80, 24)] {
            let mut app = App::new(book(&dir), Lang::Zh);
            let screen = run(&mut app, w, h, events.clone_events()).join("\n");
            // Closed before the next opens (a book whose last connection closes removes
            // its log while another may be opening it).
            app.close();
            insta::assert_snapshot!(format!("{name}_{w}x{h}"), screen);
        }
    }
}

#[test]
fn the_welcome_and_the_first_run_name_prompt() {
    let dir = TempDir::new().unwrap();
    for (w, h) in [(120u16, 40u16), (80, 24)] {
        let mut app = App::new(book(&dir), Lang::Zh);
        let screen = run(&mut app, w, h, ScriptedEvents::default()).join("\n");
        app.close();
        insta::assert_snapshot!(format!("welcome_{w}x{h}"), screen);
        let mut app = App::new(book(&dir), Lang::Zh).with_name_prompt();
        let screen = run(&mut app, w, h, text("王芳").then(keys(&[Tab, Down]))).join("\n");
        app.close();
        insta::assert_snapshot!(format!("name_prompt_{w}x{h}"), screen);
    }
}

#[test]
fn every_view_draws_at_every_size_without_a_panic() {
    let dir = TempDir::new().unwrap();
    drop(demo(&dir));
    let widths = [1u16, 2, 5, 10, 20, 40, 79, 80, 81, 100, 120, 160, 200];
    let heights = [1u16, 2, 5, 10, 23, 24, 25, 40, 60];
    for (name, events) in views() {
        let mut app = App::new(book(&dir), Lang::Zh);
        // Bring the view up at a size it can be reached in, then draw it at every size.
        run(&mut app, 120, 40, events);
        for w in widths {
            for h in heights {
                let lines = run(&mut app, w, h, ScriptedEvents::default());
                assert_eq!(lines.len(), h as usize, "{name} at {w}x{h}");
            }
        }
        assert!(!app.should_quit(), "{name}");
        app.close();
    }
}

/// `ScriptedEvents` is not `Clone`; the same events again.
trait CloneEvents {
    fn clone_events(&self) -> ScriptedEvents;
}

impl CloneEvents for ScriptedEvents {
    fn clone_events(&self) -> ScriptedEvents {
        ScriptedEvents(self.0.clone())
    }
}
