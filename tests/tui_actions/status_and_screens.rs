//! The status line, choices and dashboards of the app: what they say, that quoted names go
//! through the sanitiser, and that they fit. Part of `tui_actions.rs`, whose helpers it uses.

use super::*;

/// What a key did is told whole on an 80-column status line: the book's name on the right
/// gives way to it.
#[test]
fn a_long_message_on_the_status_line_gives_the_book_name_its_room() {
    let dir = TempDir::new().unwrap();
    let mut b = book(&dir);
    let name = "欧阳诸葛上官司马慕容东方皇甫尉迟公孙长孙宇文";
    add(&mut b, name, None);
    let mut app = App::new(book(&dir), Lang::Zh);
    let lines = run(&mut app, 80, 24, keys(&[Char('u'), Char('y')]));
    let status = lines.last().unwrap();
    assert!(
        status.contains(&format!("已撤销：新增客户（{name}）")),
        "{status}"
    );
    // With no message, the book's name is there again.
    let lines = run(&mut app, 80, 24, keys(&[Char('2')]));
    assert!(lines.last().unwrap().contains("book.sqlite"), "{lines:#?}");
}

/// A frame drawn while a change is still being saved says so (an undo on a big book takes
/// seconds), and the answer replaces it.
#[test]
fn a_change_in_flight_shows_saving_until_its_answer_is_in() {
    use ratatui::crossterm::event::{Event, KeyEvent, KeyModifiers};
    let dir = TempDir::new().unwrap();
    let mut b = book(&dir);
    add(&mut b, "张三", None);
    let mut app = App::new(book(&dir), Lang::Zh);
    run(&mut app, 100, 30, ScriptedEvents::default());
    app.on_term(Event::Key(KeyEvent::new(Char('u'), KeyModifiers::NONE)));
    let mut term = ratatui::Terminal::new(ratatui::backend::TestBackend::new(100, 30)).unwrap();
    term.draw(|f| app.draw(f)).unwrap();
    let status = screen_of(&term).last().cloned().unwrap_or_default();
    assert!(status.starts_with("保存中…"), "{status}");
    // The add was made outside this app: it asks first.
    run(&mut app, 100, 30, ScriptedEvents::default());
    let lines = run(&mut app, 100, 30, keys(&[Char('y')]));
    assert!(contains(&lines, "已撤销：新增客户（张三）"), "{lines:#?}");
    assert!(!contains(&lines, "保存中"), "{lines:#?}");
}

#[test]
fn the_status_line_names_the_book_template_rep_and_filter() {
    let dir = TempDir::new().unwrap();
    let (mut app, _) = three(&dir);
    let lines = run(&mut app, 120, 30, keys(&[Char('f'), Down]).then(ctrl('s')));
    let status = lines.last().unwrap();
    for part in ["book.sqlite", "私域1对1成交", "测试", "筛选：等级 A"] {
        assert!(status.contains(part), "{part} missing: {status}");
    }
    // Today is not filtered: its status line does not say it is.
    let lines = run(&mut app, 120, 30, keys(&[Char('1')]));
    let status = lines.last().unwrap();
    assert!(status.contains("book.sqlite"), "{status}");
    assert!(!status.contains("筛选"), "{status}");
    // Back on the board, it is said again.
    let lines = run(&mut app, 120, 30, keys(&[Char('2')]));
    assert!(lines.last().unwrap().contains("筛选：等级 A"), "{lines:#?}");
}

#[test]
fn a_choices_current_option_is_on_screen_however_long_the_list() {
    let dir = TempDir::new().unwrap();
    // The demo book's lost reasons and the template's: more than a row holds.
    drop(demo(&dir));
    let mut app = App::new(book(&dir), Lang::Zh);
    run(&mut app, 80, 24, keys(&[Char('2')]));
    // ↑ from nothing chosen: the last reason, far to the right of a narrow form.
    let lines = run(&mut app, 80, 24, keys(&[Char('L'), KeyCode::Up]));
    let row = lines
        .iter()
        .find(|l| l.contains("选项"))
        .unwrap_or_else(|| panic!("{lines:#?}"));
    assert!(row.contains('‹') && !row.contains('›'), "{row}");
    // ↓ wraps to the first: the row starts over, more to the right.
    let lines = run(&mut app, 80, 24, keys(&[Down]));
    let row = lines.iter().find(|l| l.contains("选项")).unwrap();
    assert!(!row.contains('‹') && row.contains('›'), "{row}");
}

#[test]
fn a_choices_options_reach_the_screen_through_the_sanitiser() {
    let dir = TempDir::new().unwrap();
    let (app, [a, ..]) = three(&dir);
    // A loss reason changed behind the app's back, with a terminal escape in it.
    rusqlite::Connection::open(dir.path().join("book.sqlite"))
        .unwrap()
        .execute(
            "UPDATE contacts SET outcome = 'lost', lost_reason = ?1 WHERE id = ?2",
            ("嫌贵\u{1b}]0;pwned\u{7}了", a),
        )
        .unwrap();
    drop(app);
    let mut app = App::new(book(&dir), Lang::Zh);
    run(&mut app, 120, 30, keys(&[Char('2')]));
    // ↓: the first options, the book's own reasons among them.
    let lines = run(&mut app, 120, 30, keys(&[Char('L'), Down]));
    let row = lines
        .iter()
        .find(|l| l.contains("选项"))
        .unwrap_or_else(|| panic!("{lines:#?}"));
    // Shown visibly escaped, as everywhere else, not dropped or emitted.
    assert!(row.contains("嫌贵\\u{1b}]0;pwned\\u{7}了"), "{row}");
    assert!(!lines.concat().contains(['\u{1b}', '\u{7}']), "{row:?}");
}

#[test]
fn a_status_message_quoting_a_name_goes_through_the_sanitiser() {
    let dir = TempDir::new().unwrap();
    let (app, _) = three(&dir);
    drop(app);
    // Names changed behind the app's back, with a screen-clearing escape in them.
    rusqlite::Connection::open(dir.path().join("book.sqlite"))
        .unwrap()
        .execute_batch("UPDATE contacts SET name = '张' || char(27) || '[2J三'")
        .unwrap();
    let mut app = App::new(book(&dir), Lang::Zh);
    run(&mut app, 120, 30, keys(&[Char('2')]));
    // Archived: the confirmation names the contact.
    let lines = run(&mut app, 120, 30, keys(&[Char('X')]));
    let status = lines.last().unwrap();
    assert!(status.contains("张\\u{1b}[2J三"), "{status}");
}

/// Back on the dashboard after a change, the figures shown are the last ones until the
/// new ones are in: the head says they are being updated, then the new ones show.
#[test]
fn the_dashboard_says_it_is_updating_after_a_change() {
    use ratatui::crossterm::event::{Event, KeyEvent, KeyModifiers};
    let dir = TempDir::new().unwrap();
    let (mut app, _) = three(&dir);
    let lines = run(&mut app, 120, 30, keys(&[Char('3')]));
    assert!(!contains(&lines, "更新中"), "{lines:#?}");
    assert!(!contains(&lines, "正在计算数据"), "{lines:#?}");
    run(&mut app, 120, 30, keys(&[Char('2'), Char('>')]));
    app.on_term(Event::Key(KeyEvent::new(Char('3'), KeyModifiers::NONE)));
    let mut term = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 30)).unwrap();
    term.draw(|f| app.draw(f)).unwrap();
    let frame = screen_of(&term);
    assert!(frame[0].contains("更新中…"), "{frame:#?}");
    let lines = run(&mut app, 120, 30, ScriptedEvents::default());
    assert!(!contains(&lines, "更新中"), "{lines:#?}");
}

/// A stage's stay on the dashboard fits a 120-column screen whole, the P90 included.
#[test]
fn the_dashboards_stay_figures_fit_at_120_columns() {
    let dir = TempDir::new().unwrap();
    let (mut app, _) = three(&dir);
    let lines = run(&mut app, 120, 30, keys(&[Char('3')]));
    let row = lines
        .iter()
        .find(|l| l.contains("挖需求 · 离开"))
        .unwrap_or_else(|| panic!("{lines:#?}"));
    assert!(row.contains("停留天数：中位 — · P90 —"), "{row}");
}

/// The same person added twice from the form: the phone is someone's already, said in the
/// form with nothing saved; saved again unchanged, the rep means someone else.
#[test]
fn a_phone_another_contact_has_is_questioned_in_the_form_and_a_second_save_adds() {
    let dir = TempDir::new().unwrap();
    let mut b = book(&dir);
    let first = b
        .execute(Command::Add(salesbook::domain::NewContact {
            name: "张三".into(),
            phone: Some("13800001234".into()),
            ..Default::default()
        }))
        .unwrap();
    assert_eq!(first.reply, salesbook::service::Reply::Contact(1));
    let mut app = App::new(book(&dir), Lang::Zh);
    run(&mut app, 100, 30, keys(&[Char('2')]));
    // Name, then six fields down to the phone.
    let lines = run(
        &mut app,
        100,
        30,
        keys(&[Char('a')])
            .then(text("张三"))
            .then(keys(&[Tab, Tab, Tab, Tab, Tab, Tab]))
            .then(text("+86 138 0000 1234"))
            .then(ctrl('s')),
    );
    assert_eq!(app.scope(), Scope::Form, "{lines:#?}");
    assert!(
        contains(&lines, "电话 13800001234 已经是客户 1（张三）的了")
            && contains(&lines, "确实是另一个人"),
        "{lines:#?}"
    );
    assert!(!contains(&lines, "--duplicate"), "no command in the TUI");
    assert!(
        book(&dir).view().find(2).unwrap().is_none(),
        "nothing added"
    );
    // Saved again as it is: another person on the same phone, and the name is pointed out.
    let lines = run(&mut app, 100, 30, ctrl('s'));
    assert_ne!(app.scope(), Scope::Form, "{lines:#?}");
    assert!(
        contains(&lines, "已添加 张三；同名的客户已有 #1"),
        "{lines:#?}"
    );
    let added = book(&dir).view().contact(2).unwrap();
    assert_eq!(added.phone.as_deref(), Some("13800001234"));
}
