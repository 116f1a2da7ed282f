//! Gaps found going through the daily checklist, each pinned: the board filter's typed
//! fields start empty (typing used to land after the word for "all"), a tag typed by its
//! own name filters (one the taxonomy lacks is said, never silently dropped), and the tag
//! picker asks before throwing changed checks away, like a form. And, end to end, the
//! mouse taken only when `[ui] mouse = true`.

mod tui_kit;

use ratatui::crossterm::event::KeyCode;
use salesbook::config::Lang;
use salesbook::domain::command::Command;
use salesbook::domain::{Grade, TagRef};
use salesbook::tui::App;
use salesbook::tui::registry::Scope;
use salesbook::tui::views::board::BoardView;
use tempfile::TempDir;
use tui_kit::*;

use KeyCode::{Char, Down, Esc, Tab};

fn soon() -> TagRef {
    TagRef {
        group: "意向".into(),
        tag: "近期购买".into(),
    }
}

/// Three contacts, 李四 tagged 意向/近期购买; the app on the board.
fn three(dir: &TempDir) -> (App, i64) {
    let mut b = book(dir);
    add(&mut b, "张三", Some(Grade::B));
    let ls = add(&mut b, "李四", Some(Grade::C));
    add(&mut b, "王五", None);
    b.execute(Command::Tag {
        id: ls,
        add: vec![soon()],
        remove: Vec::new(),
    })
    .unwrap();
    let mut app = App::new(book(dir), Lang::Zh);
    run(&mut app, 100, 30, keys(&[Char('2')]));
    (app, ls)
}

fn board_ids(app: &App) -> Vec<i64> {
    let b = app.view::<BoardView>().unwrap();
    b.columns
        .iter()
        .flat_map(|c| c.rows.iter().map(|r| r.id))
        .collect()
}

#[test]
fn a_tag_typed_by_its_own_name_filters_the_board() {
    let dir = TempDir::new().unwrap();
    let (mut app, ls) = three(&dir);
    // Tab to the tag field, type the tag's name without its group.
    let lines = run(
        &mut app,
        100,
        30,
        keys(&[Char('f'), Tab])
            .then(text("近期购买"))
            .then(ctrl('s')),
    );
    assert_eq!(app.scope(), Scope::Board, "{lines:#?}");
    assert!(contains(&lines, "筛选：意向/近期购买"), "{lines:#?}");
    assert_eq!(board_ids(&app), [ls]);
}

#[test]
fn a_source_typed_into_the_filter_narrows_the_board() {
    let dir = TempDir::new().unwrap();
    let mut b = book(&dir);
    let other = b
        .execute(Command::Add(salesbook::domain::NewContact {
            name: "赵六".into(),
            source: Some("抖音".into()),
            ..Default::default()
        }))
        .unwrap();
    drop(b);
    let mut app = App::new(book(&dir), Lang::Zh);
    run(&mut app, 100, 30, keys(&[Char('2')]));
    let lines = run(
        &mut app,
        100,
        30,
        keys(&[Char('f'), Tab, Tab])
            .then(text("抖音"))
            .then(ctrl('s')),
    );
    assert!(contains(&lines, "筛选：来源 抖音"), "{lines:#?}");
    let salesbook::service::Reply::Contact(id) = other.reply else {
        panic!("{:?}", other.reply)
    };
    assert_eq!(board_ids(&app), [id]);
}

#[test]
fn a_tag_the_taxonomy_lacks_is_refused_in_the_filter_form() {
    let dir = TempDir::new().unwrap();
    let (mut app, _) = three(&dir);
    let lines = run(
        &mut app,
        100,
        30,
        keys(&[Char('f'), Tab])
            .then(text("随便写的"))
            .then(ctrl('s')),
    );
    assert_eq!(app.scope(), Scope::Form, "the form stays open");
    assert!(contains(&lines, "标签 '随便写的' 不对"), "{lines:#?}");
    // Nothing was applied: the board still shows all three, without a filter title.
    let lines = run(&mut app, 100, 30, keys(&[Esc]));
    assert!(!contains(&lines, "筛选："), "{lines:#?}");
    assert_eq!(board_ids(&app).len(), 3);
}

#[test]
fn the_tag_picker_asks_before_throwing_changed_checks_away() {
    let dir = TempDir::new().unwrap();
    let (mut app, _) = three(&dir);
    let id = app.view::<BoardView>().unwrap().current().unwrap().id;
    let before = events_count(&dir);
    // Opened and closed untouched: no question.
    run(&mut app, 100, 30, keys(&[Char('t'), Esc]));
    assert_eq!(app.scope(), Scope::Board);
    // A tag checked, then Esc: asked; n keeps the picker with the check.
    let lines = run(
        &mut app,
        100,
        30,
        keys(&[Char('t')])
            .then(text("近期"))
            .then(keys(&[Char(' '), Esc])),
    );
    assert_eq!(app.scope(), Scope::Confirm);
    assert!(contains(&lines, "放弃刚才填写的内容？"), "{lines:#?}");
    run(&mut app, 100, 30, keys(&[Char('n')]));
    assert_eq!(app.scope(), Scope::Picker);
    // Ctrl-C asks too.
    run(&mut app, 100, 30, ctrl('c'));
    assert_eq!(app.scope(), Scope::Confirm);
    run(&mut app, 100, 30, keys(&[Char('n')]));
    assert!(!app.should_quit());
    // Unchecked again: nothing changed, Esc closes at once.
    run(&mut app, 100, 30, keys(&[Char(' '), Esc]));
    assert_eq!(app.scope(), Scope::Board);
    // Checked, Esc, yes: thrown away, nothing written.
    run(
        &mut app,
        100,
        30,
        keys(&[Char('t'), Down, Char(' '), Esc, Char('y')]),
    );
    assert_eq!(app.scope(), Scope::Board);
    assert_eq!(events_count(&dir), before);
    assert!(book(&dir).view().contact(id).unwrap().tags.is_empty());
}

/// The mouse is the terminal's until `[ui] mouse = true`: then the app asks for it, and a
/// click selects.
#[test]
fn the_mouse_is_taken_only_when_the_config_asks_and_a_click_then_selects() {
    use tui_kit::pty::Session;
    const CAPTURE: &[u8] = b"\x1b[?1000h";
    let has = |s: &Session, seq: &[u8]| s.raw.lock().unwrap().windows(seq.len()).any(|w| w == seq);
    let mut plain = Session::start(&[]);
    plain.wait_for("欢迎使用 salesbook");
    assert!(!has(&plain, CAPTURE), "mouse captured without being asked");
    plain.send("q");
    assert_eq!(plain.wait_exit(), 0);

    let dir = TempDir::new().unwrap();
    let config = dir.path().join("config/salesbook");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(
        config.join("config.toml"),
        "[me]\nname = \"小王\"\n[ui]\nmouse = true\n",
    )
    .unwrap();
    let mut s = Session::start_in(dir, &[], None);
    s.wait_for("欢迎使用 salesbook");
    assert!(has(&s, CAPTURE), "mouse = true did not take the mouse");
    s.send("d");
    s.wait_for("已载入示例数据");
    s.send("2");
    // The first column's third row (screen row 4), clicked (SGR, 1-based), then opened.
    // The row starts with the column's border and the due-state mark, then the name; the
    // board draws its columns before its rows arrive.
    let name_in_row = |screen: &str| -> Option<String> {
        let row = screen.lines().nth(4)?;
        row.split(|c: char| c.is_whitespace() || c == '│' || c == '●')
            .find(|w| !w.is_empty())
            .map(str::to_string)
    };
    let screen = s.wait_until("showed the board's rows", |screen| {
        screen.contains("╭ 挖需求") && name_in_row(screen).is_some()
    });
    let name = name_in_row(&screen).unwrap();
    s.send("\x1b[<0;4;5M\x1b[<0;4;5m");
    s.send("\r");
    let card = s.wait_for("跟进记录");
    assert!(
        card.lines().take(3).any(|l| l.contains(&name)),
        "{name}: {card}"
    );
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    assert!(has(&s, b"\x1b[?1000l"), "the mouse given back on quitting");
}
