//! Search in the app: results that follow the typing, keys that type into the query, and an
//! honest count when only the best are shown. Part of `tui_render.rs`.

use super::*;

#[test]
fn slash_opens_search_results_follow_typing_and_enter_opens_the_contact() {
    let dir = TempDir::new().unwrap();
    let mut b = book(&dir);
    add(&mut b, "李四", None);
    let zsf = add(&mut b, "张三丰", Some(Grade::A));
    add(&mut b, "王五", None);
    let mut app = App::new(book(&dir), Lang::Zh);
    let mut term = Terminal::new(TestBackend::new(100, 30)).unwrap();
    run_app(
        &mut term,
        &mut app,
        &mut keys(&[KeyCode::Char('／')]).then(text("zs")),
    )
    .unwrap();
    let lines = screen_of(&term);
    assert!(contains(&lines, "搜索客户"));
    let rows: Vec<&String> = lines.iter().filter(|l| l.contains("姓名拼音")).collect();
    assert_eq!(rows.len(), 1, "{lines:#?}");
    assert!(rows[0].contains("张三丰"));
    let pos = term.get_cursor_position().unwrap();
    assert!(lines[pos.y as usize].contains("/ zs"));
    let mut events = keys(&[KeyCode::Backspace, KeyCode::Backspace]).then(text("王"));
    run_app(&mut term, &mut app, &mut events).unwrap();
    let lines = screen_of(&term);
    let rows: Vec<&String> = lines.iter().filter(|l| l.contains(" 姓名 ")).collect();
    assert_eq!(rows.len(), 1, "{lines:#?}");
    assert!(rows[0].contains("王五"));
    let mut events = keys(&[KeyCode::Backspace])
        .then(text("zsf"))
        .then(keys(&[KeyCode::Enter]));
    run_app(&mut term, &mut app, &mut events).unwrap();
    let card = app.view::<CardView>().expect("the card");
    assert_eq!(card.id, zsf);
}

#[test]
fn search_keys_type_into_the_query_and_esc_closes_it() {
    let dir = TempDir::new().unwrap();
    let mut b = book(&dir);
    add(&mut b, "张三", None);
    let mut app = App::new(book(&dir), Lang::Zh);
    let lines = run(
        &mut app,
        80,
        24,
        keys(&[KeyCode::Char('/')]).then(text("q?j")),
    );
    assert!(!app.should_quit(), "q types into the query");
    assert!(contains(&lines, "/ q?j"), "{lines:#?}");
    run(&mut app, 80, 24, keys(&[KeyCode::Esc]));
    assert_eq!(app.scope(), Scope::Today);
    assert!(app.view::<SearchView>().is_none());
}

#[test]
fn search_says_how_many_matched_when_it_shows_only_the_best() {
    let dir = TempDir::new().unwrap();
    let mut b = book(&dir);
    // More 客户… than the app lists at once.
    let n = salesbook::tui::views::search::LIMIT + 25;
    for i in 1..=n {
        add(&mut b, &format!("客户{i}"), None);
    }
    let mut app = App::new(book(&dir), Lang::Zh);
    let lines = run(
        &mut app,
        100,
        30,
        keys(&[KeyCode::Char('/')]).then(text("客户")),
    );
    let shown = app.view::<SearchView>().expect("search").hits.len();
    assert_eq!(shown, salesbook::tui::views::search::LIMIT);
    let line = format!("共 {n} 个结果，显示前 {shown} 个");
    assert!(contains(&lines, &line), "{lines:#?}");
}

/// Archived contacts are left out of a search, as in the CLI; when only they match, the
/// count says so and which key lists them (Ctrl-O), and the rep can act on them there
/// (unarchive with X).
#[test]
fn a_search_that_matches_only_archived_contacts_says_so_and_ctrl_o_lists_them() {
    let dir = TempDir::new().unwrap();
    let mut b = book(&dir);
    let id = add(&mut b, "乐娜", None);
    add(&mut b, "王五", None);
    b.execute(salesbook::domain::command::Command::Archive { id })
        .unwrap();
    let mut app = App::new(book(&dir), Lang::Zh);
    let lines = run(
        &mut app,
        100,
        30,
        keys(&[KeyCode::Char('/')]).then(text("乐娜")),
    );
    assert!(
        contains(
            &lines,
            "共 0 个结果 · 已归档的客户里有 1 个结果，按 Ctrl-O 一起显示"
        ),
        "{lines:#?}"
    );
    let lines = run(&mut app, 100, 30, ctrl('o'));
    let search = app.view::<SearchView>().expect("search");
    assert_eq!(search.hits.len(), 1);
    assert!(contains(&lines, "共 1 个结果 · 含已归档"), "{lines:#?}");
    assert!(contains(&lines, "⊘乐娜"), "{lines:#?}");
    // Unarchived from the results.
    run(&mut app, 100, 30, keys(&[KeyCode::Tab, KeyCode::Char('X')]));
    assert!(!book(&dir).view().contact(id).unwrap().archived);
    // Ctrl-O again: active ones only.
    let lines = run(&mut app, 100, 30, keys(&[KeyCode::Tab]).then(ctrl('o')));
    assert!(!contains(&lines, "含已归档"), "{lines:#?}");
}
