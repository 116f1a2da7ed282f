//! A merge in the app: the question tells two namesakes apart, the status line says it went
//! through, and the contact merged away is no longer one of the rep's (off the board, its
//! card pointing to the one it joined). Part of `tui_actions.rs`, whose helpers it uses.

use super::*;
use salesbook::domain::NewContact;

/// Two 周晓琳: the first a customer with a phone and some history, the second added later,
/// bare. The app on the board.
fn namesakes(dir: &TempDir) -> (App, i64, i64) {
    let mut b = book(dir);
    let old = match b
        .execute(Command::Add(NewContact {
            name: "周晓琳".into(),
            phone: Some("13800138000".into()),
            grade: Some(Grade::A),
            ..NewContact::default()
        }))
        .unwrap()
        .reply
    {
        salesbook::service::Reply::Contact(id) => id,
        other => panic!("{other:?}"),
    };
    b.execute(Command::Log {
        id: old,
        channel: Some(Channel::Wechat),
        text: "问了价格".into(),
        inbound: false,
    })
    .unwrap();
    let young = add(&mut b, "周晓琳", None);
    let mut app = App::new(book(dir), Lang::Zh);
    run(&mut app, 120, 40, keys(&[Char('2')]));
    (app, old, young)
}

#[test]
fn the_merge_question_tells_namesakes_apart_and_the_status_line_confirms_it() {
    let dir = TempDir::new().unwrap();
    let (mut app, old, young) = namesakes(&dir);
    let entries = |id| book(&dir).view().timeline(id).unwrap().len();
    let (old_n, young_n) = (entries(old), entries(young));
    assert_ne!(old_n, young_n);
    // Both marked, the cursor on the second: it is kept.
    let lines = run(&mut app, 120, 40, keys(&[Char(' '), Down, Char(' ')]));
    let lines_q = run(&mut app, 120, 40, keys(&[Char('M')]));
    let keep = app
        .view::<BoardView>()
        .unwrap()
        .current()
        .map(|r| r.id)
        .unwrap();
    let other = if keep == old { young } else { old };
    let q = app
        .view::<salesbook::tui::views::merge::MergeAsk>()
        .and_then(|a| a.question())
        .unwrap_or_else(|| panic!("no question: {lines:#?} {lines_q:#?}"))
        .to_string();
    // Each line says what tells the two apart: phone, entries, created date, stage.
    assert!(
        q.contains(&format!("留下 #{keep} 周晓琳：挖需求 · 进行中")),
        "{q}"
    );
    assert!(
        q.contains(&format!("并入 #{other} 周晓琳：挖需求 · 进行中")),
        "{q}"
    );
    assert!(q.contains("13800138000"), "{q}");
    assert!(q.contains(&format!("{old_n} 条记录")), "{q}");
    assert!(q.contains(&format!("{young_n} 条记录")), "{q}");
    assert!(q.contains("2026-11-23 添加"), "{q}");
    // On screen, whole.
    assert!(contains(&lines_q, "13800138000"), "{lines_q:#?}");
    assert!(
        contains(&lines_q, &format!("{old_n} 条记录")),
        "{lines_q:#?}"
    );
    let lines = run(&mut app, 120, 40, keys(&[Char('y')]));
    let said = format!("已把 周晓琳 (#{other}) 合并进 周晓琳 (#{keep})");
    assert!(contains(&lines, &said), "{lines:#?}");
    assert_eq!(
        book(&dir).view().contact(other).unwrap().merged_into,
        Some(keep)
    );
}

#[test]
fn a_merged_away_contact_is_off_the_board_and_its_card_points_to_the_one_it_joined() {
    let dir = TempDir::new().unwrap();
    let (mut app, old, young) = namesakes(&dir);
    book(&dir)
        .execute(Command::Merge {
            keep: old,
            other: young,
        })
        .unwrap();
    // Closed contacts shown: the merged-away one is still not among them.
    run(&mut app, 120, 40, keys(&[Char('1'), Char('2'), Char('o')]));
    let board = app.view::<BoardView>().unwrap();
    let listed: Vec<i64> = board
        .columns
        .iter()
        .flat_map(|c| c.rows.iter().map(|r| r.id))
        .collect();
    assert!(listed.contains(&old), "{listed:?}");
    assert!(!listed.contains(&young), "{listed:?}");
    assert_eq!(board.columns.iter().map(|c| c.count).sum::<usize>(), 1);
    // Opened anyway: the card names the contact it joined, and refuses a log at once.
    app.open_card(young);
    let lines = run(&mut app, 120, 40, ScriptedEvents::default());
    let said = format!("已合并到 周晓琳 (#{old})");
    assert!(contains(&lines, &said), "{lines:#?}");
    let before = events_count(&dir);
    let lines = run(&mut app, 120, 40, keys(&[Char('l')]));
    assert_eq!(app.scope(), Scope::Card, "no form opened");
    assert!(contains(&lines, &said), "{lines:#?}");
    assert_eq!(events_count(&dir), before);
}

/// A namesake is added at the first save (only a shared phone or WeChat ID asks for a
/// second), and the status line says which keys merge the two.
#[test]
fn a_namesake_is_added_at_once_and_the_status_line_says_how_to_merge() {
    let dir = TempDir::new().unwrap();
    let (mut app, _) = three(&dir);
    let lines = run(
        &mut app,
        120,
        40,
        keys(&[Char('a')]).then(text("张三")).then(ctrl('s')),
    );
    assert_ne!(app.scope(), Scope::Form, "{lines:#?}");
    let status = lines.last().unwrap();
    assert!(
        status.contains(
            "已添加 张三；同名的客户已有 #1。同一人可合并：/ 搜索，Tab，空格标记两位，按 M"
        ),
        "{status}"
    );
    assert_eq!(book(&dir).view().same_name(4).unwrap(), [1]);
}
