//! Keys that did nothing where a rep expects them to: Ctrl-U and Ctrl-W in text fields, Esc
//! on a filtered board, a new line in the done note, the single choice of a template.
//! Part of `tui_actions.rs`, whose helpers it uses.

use super::*;

#[test]
fn ctrl_u_and_ctrl_w_clear_the_line_and_the_word_before_the_caret() {
    let dir = TempDir::new().unwrap();
    let (mut app, _) = three(&dir);
    // A name typed wrong is cleared with Ctrl-U; a wrong last word goes with Ctrl-W, the
    // Chinese run before it staying.
    let events = keys(&[Char('a')])
        .then(text("写错的名字"))
        .then(ctrl('u'))
        .then(text("周晓琳abc"))
        .then(ctrl('w'));
    let lines = run(&mut app, 100, 30, events);
    assert!(contains(&lines, "周晓琳"), "{lines:#?}");
    assert!(
        !contains(&lines, "abc") && !contains(&lines, "写错"),
        "{lines:#?}"
    );
    let lines = run(&mut app, 100, 30, ctrl('s'));
    assert!(contains(&lines, "已添加 周晓琳"), "{lines:#?}");
    // In search too.
    let lines = run(
        &mut app,
        100,
        30,
        keys(&[Char('/')]).then(text("张三 xyz")).then(ctrl('w')),
    );
    assert!(contains(&lines, "/ 张三"), "{lines:#?}");
    assert!(!contains(&lines, "xyz"), "{lines:#?}");
    let lines = run(&mut app, 100, 30, ctrl('u'));
    assert!(!contains(&lines, "/ 张三"), "{lines:#?}");
}

#[test]
fn esc_on_a_filtered_board_clears_the_filter() {
    let dir = TempDir::new().unwrap();
    let (mut app, _) = three(&dir);
    let lines = run(
        &mut app,
        100,
        30,
        keys(&[Char('f'), Down, Down]).then(ctrl('s')),
    );
    assert!(contains(&lines, "挖需求 1"), "{lines:#?}");
    let lines = run(&mut app, 100, 30, keys(&[Esc]));
    assert!(contains(&lines, "挖需求 3"), "{lines:#?}");
    assert!(contains(&lines, "已清除筛选"), "{lines:#?}");
    assert_eq!(app.scope(), Scope::Board);
}

#[test]
fn the_done_note_takes_a_new_line_as_the_log_form_does() {
    let dir = TempDir::new().unwrap();
    let mut b = book(&dir);
    let id = add(&mut b, "张三", None);
    let mut app = App::new(book(&dir), Lang::Zh);
    // The note says it takes new lines.
    let lines = run(&mut app, 100, 30, keys(&[Char('d')]));
    assert!(contains(&lines, "Alt-Enter 或 Ctrl-J 换行"), "{lines:#?}");
    let events = text("发了方案对比表")
        .then(ctrl('j'))
        .then(text("约了周六上午电话"))
        .then(keys(&[Enter]));
    let lines = run(&mut app, 100, 30, events);
    assert_eq!(app.scope(), Scope::Today, "{lines:#?}");
    let timeline = book(&dir).view().timeline(id).unwrap();
    assert!(
        timeline.iter().any(|e| e
            .text
            .as_deref()
            .is_some_and(|t| t.contains("发了方案对比表\n约了周六上午电话"))),
        "{timeline:#?}"
    );
}

#[test]
fn the_template_list_hints_a_single_choice() {
    let dir = TempDir::new().unwrap();
    let (mut app, _) = three(&dir);
    let lines = run(&mut app, 100, 30, keys(&[Char('T')]));
    let status = lines.last().unwrap();
    assert!(status.contains("Enter 确定"), "{status}");
    assert!(!status.contains("Space/Tab"), "{status}");
}
