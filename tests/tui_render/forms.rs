//! The app's forms and prompts: Chinese text with the cursor after it, Enter walking the fields,
//! refusals in the form's own words, pastes, and asking before a changed form is thrown away.
//! Part of `tui_render.rs`, whose helpers it uses.

use super::*;

/// Skipping without a reason is refused in the form, in the app's words.
#[test]
fn a_skip_without_a_reason_says_why_in_the_form() {
    let dir = TempDir::new().unwrap();
    let mut app = App::new(demo(&dir), Lang::Zh);
    run(&mut app, 80, 24, ScriptedEvents::default());
    let lines = run(
        &mut app,
        80,
        24,
        keys(&[KeyCode::Char('x'), KeyCode::Enter]),
    );
    assert_eq!(app.scope(), Scope::Prompt, "{lines:#?}");
    assert!(contains(&lines, "请写明原因"), "{lines:#?}");
    assert!(!contains(&lines, "--reason"), "{lines:#?}");
}

/// A long error in a form wraps instead of being cut: what is accepted is at its end.
#[test]
fn a_long_error_in_a_form_is_shown_whole() {
    let dir = TempDir::new().unwrap();
    let mut app = App::new(demo(&dir), Lang::Zh);
    run(&mut app, 80, 24, ScriptedEvents::default());
    let lines = run(
        &mut app,
        80,
        24,
        keys(&[KeyCode::Char('s')])
            .then(text("abc"))
            .then(keys(&[KeyCode::Enter])),
    );
    assert_eq!(app.scope(), Scope::Prompt, "{lines:#?}");
    assert!(contains(&lines, "时间 'abc' 不对"), "{lines:#?}");
    // Its end, on a line of its own.
    assert!(
        contains(&lines, "2026-12-01 或 2026-12-01 15:00"),
        "the accepted forms, whole: {lines:#?}"
    );
}

#[test]
fn add_form_takes_chinese_text_puts_the_cursor_after_it_and_enter_walks_the_fields() {
    let dir = TempDir::new().unwrap();
    let mut app = App::new(book(&dir), Lang::Zh);
    let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let mut events = keys(&[KeyCode::Char('a')]).then(text("张三丰"));
    run_app(&mut term, &mut app, &mut events).unwrap();
    let end = term.get_cursor_position().unwrap();
    run_app(&mut term, &mut app, &mut keys(&[KeyCode::Home])).unwrap();
    let start = term.get_cursor_position().unwrap();
    assert_eq!((end.x - start.x, end.y), (6, start.y));
    // Enter moves on to the source; the form is still open.
    let mut events = keys(&[KeyCode::End, KeyCode::Enter]).then(text("朋友圈"));
    run_app(&mut term, &mut app, &mut events).unwrap();
    assert_eq!(app.scope(), Scope::Form);
    assert!(book(&dir).is_empty().unwrap());
    run_app(&mut term, &mut app, &mut ctrl('s')).unwrap();
    assert_eq!(app.base_scope(), Scope::Today);
    let all = book(&dir).view().list(&Default::default()).unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].name, "张三丰");
    assert_eq!(all[0].source.as_deref(), Some("朋友圈"));
    assert!(contains(&screen_of(&term), "已添加 张三丰"));
}

#[test]
fn enter_on_the_last_field_saves() {
    let dir = TempDir::new().unwrap();
    let mut app = App::new(book(&dir), Lang::Zh);
    let mut events = keys(&[KeyCode::Char('a')]).then(text("李雷"));
    for _ in 0..10 {
        events = events.then(keys(&[KeyCode::Enter]));
    }
    run(&mut app, 80, 24, events);
    let all = book(&dir).view().list(&Default::default()).unwrap();
    assert_eq!(all.len(), 1, "saved once, on the last field");
}

#[test]
fn add_form_refuses_an_empty_name_in_its_own_words_and_keeps_the_form() {
    let dir = TempDir::new().unwrap();
    let mut app = App::new(book(&dir), Lang::Zh);
    let lines = run(
        &mut app,
        80,
        24,
        keys(&[KeyCode::Char('a')]).then(ctrl('s')),
    );
    assert_eq!(app.scope(), Scope::Form);
    assert!(contains(&lines, "请填写姓名"), "{lines:#?}");
    assert!(!contains(&lines, "--name"));
    assert!(book(&dir).is_empty().unwrap());
}

#[test]
fn a_multi_line_paste_is_text_in_one_field_never_keys() {
    let dir = TempDir::new().unwrap();
    let mut app = App::new(book(&dir), Lang::Zh);
    let events = keys(&[KeyCode::Char('a')])
        .then(ScriptedEvents::paste("陈晨\n想了解课程 qq号 12345"))
        .then(ctrl('s'));
    run(&mut app, 80, 24, events);
    assert!(!app.should_quit(), "the q in the paste quit the app");
    let all = book(&dir).view().list(&Default::default()).unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].name, "陈晨 想了解课程 qq号 12345");
}

#[test]
fn esc_and_ctrl_c_on_a_changed_form_ask_first() {
    let dir = TempDir::new().unwrap();
    let mut app = App::new(book(&dir), Lang::Zh);
    let lines = run(
        &mut app,
        80,
        24,
        keys(&[KeyCode::Char('a')])
            .then(text("王"))
            .then(keys(&[KeyCode::Esc])),
    );
    assert_eq!(app.scope(), Scope::Confirm);
    assert!(contains(&lines, "放弃刚才填写的内容？"), "{lines:#?}");
    // No: back in the form with the text.
    run(&mut app, 80, 24, keys(&[KeyCode::Char('n')]));
    assert_eq!(app.scope(), Scope::Form);
    // Ctrl-C asks too; no keeps the app running.
    run(&mut app, 80, 24, ctrl('c'));
    assert_eq!(app.scope(), Scope::Confirm);
    run(&mut app, 80, 24, keys(&[KeyCode::Char('n')]));
    assert!(!app.should_quit());
    // Esc then yes throws the form away.
    run(&mut app, 80, 24, keys(&[KeyCode::Esc, KeyCode::Char('y')]));
    assert_eq!(app.scope(), Scope::Welcome);
    // An untouched form closes at once; Ctrl-C with nothing typed quits.
    run(&mut app, 80, 24, keys(&[KeyCode::Char('a'), KeyCode::Esc]));
    assert_eq!(app.scope(), Scope::Welcome);
    run(&mut app, 80, 24, ctrl('c'));
    assert!(app.should_quit());
}
