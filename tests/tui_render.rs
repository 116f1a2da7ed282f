//! The app drawn into ratatui's TestBackend, driven by scripted keys.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;
use salesbook::clock::Clock;
use salesbook::config::Lang;
use salesbook::domain::command::Command;
use salesbook::domain::{Grade, NewContact, Stage};
use salesbook::service::{Book, Reply, Session};
use salesbook::tui::app::Screen;
use salesbook::tui::{App, ScriptedEvents, run_app};
use tempfile::TempDir;

fn book(dir: &TempDir) -> Book {
    book_at(dir, "2026-11-23T09:30:00+08:00")
}

fn add(book: &mut Book, name: &str, grade: Option<Grade>) -> i64 {
    let applied = book
        .execute(Command::Add(NewContact {
            name: name.into(),
            source: Some("朋友圈".into()),
            grade,
            ..NewContact::default()
        }))
        .unwrap();
    match applied.reply {
        Reply::Contact(id) => id,
        other => panic!("add replied {other:?}"),
    }
}

/// Runs the app over `events` in a w×h TestBackend and returns the final screen as lines.
fn screen(app: &mut App, w: u16, h: u16, mut events: ScriptedEvents) -> Vec<String> {
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    run_app(&mut term, app, &mut events).unwrap();
    screen_of(&term)
}

fn contains(lines: &[String], needle: &str) -> bool {
    lines.iter().any(|l| l.contains(needle))
}

#[test]
fn empty_book_shows_welcome_with_both_offers() {
    let dir = TempDir::new().unwrap();
    for (w, h) in [(80, 24), (120, 40)] {
        let mut app = App::new(book(&dir), Lang::Zh).unwrap();
        let lines = screen(&mut app, w, h, ScriptedEvents::default());
        assert!(contains(&lines, "欢迎使用 salesbook"), "{lines:#?}");
        assert!(contains(&lines, "[d] 载入示例客户"));
        assert!(contains(&lines, "[a] 录入第一位客户"));
    }
}

#[test]
fn welcome_loads_the_demo_into_the_board() {
    let dir = TempDir::new().unwrap();
    let mut app = App::new(book(&dir), Lang::Zh).unwrap();
    let lines = screen(
        &mut app,
        120,
        40,
        ScriptedEvents::keys(&[KeyCode::Char('d')]),
    );
    // A loaded book opens on Today, with the follow-ups the demo history calls for.
    assert!(matches!(app.screen(), Screen::Today));
    assert!(contains(&lines, "已载入示例数据"));
    assert!(contains(&lines, "今日") && contains(&lines, "已逾期"));
    assert!(!app.today().items.is_empty());
    let lines = screen(
        &mut app,
        120,
        40,
        ScriptedEvents::keys(&[KeyCode::Char('p')]),
    );
    assert!(matches!(app.screen(), Screen::Board), "{lines:#?}");
    let on_board: usize = app.board().columns.iter().map(Vec::len).sum();
    assert!(on_board > 30, "{on_board}");
    // Every column title carries its count.
    for (i, st) in Stage::ALL.iter().enumerate() {
        let title = format!("{} {}", st.zh(), app.board().columns[i].len());
        assert!(contains(&lines, &title), "{title} missing");
    }
}

#[test]
fn board_shows_five_stage_columns_with_counts_and_chinese_names() {
    let dir = TempDir::new().unwrap();
    let mut b = book(&dir);
    let zs = add(&mut b, "张三丰", Some(Grade::A));
    add(&mut b, "单雄信", Some(Grade::B));
    let ou = add(&mut b, "欧阳娜娜", None);
    b.execute(Command::Move {
        id: zs,
        to: Stage::Pitch,
    })
    .unwrap();
    b.execute(Command::Move {
        id: ou,
        to: Stage::Close,
    })
    .unwrap();
    for (w, h) in [(80, 24), (120, 40)] {
        let mut app = App::new(book(&dir), Lang::Zh).unwrap();
        let lines = screen(&mut app, w, h, ScriptedEvents::keys(&[KeyCode::Char('p')]));
        for title in ["挖需求 1", "抛产品 1", "解问题 0", "提成交 1", "理售后 0"] {
            assert!(contains(&lines, title), "{title} at {w}x{h}: {lines:#?}");
        }
        let row = lines
            .iter()
            .find(|l| l.contains("张三丰"))
            .expect("张三丰 shown");
        assert!(row.contains(" A "), "{row}");
        assert!(contains(&lines, "单雄信"));
        // A four-character name fits at 120 columns, is cut with … at 80.
        if w == 120 {
            assert!(contains(&lines, "欧阳娜娜"));
        } else {
            assert!(contains(&lines, "欧阳娜娜") || contains(&lines, "欧阳娜…"));
        }
        // Each rendered line is exactly the terminal width: wide characters don't shift borders.
        for l in &lines {
            assert_eq!(
                unicode_width::UnicodeWidthStr::width(l.as_str()),
                w as usize,
                "{l}"
            );
        }
    }
}

#[test]
fn arrows_move_focus_and_enter_opens_the_card_with_its_timeline() {
    let dir = TempDir::new().unwrap();
    let mut b = book(&dir);
    add(&mut b, "李四", Some(Grade::C));
    let zs = add(&mut b, "张三丰", Some(Grade::A));
    b.execute(Command::Move {
        id: zs,
        to: Stage::Pitch,
    })
    .unwrap();
    b.execute(Command::Log {
        id: zs,
        text: "发了两个案例".into(),
        channel: Some(salesbook::domain::Channel::Wechat),
        inbound: false,
    })
    .unwrap();
    let mut app = App::new(book(&dir), Lang::Zh).unwrap();
    let lines = screen(
        &mut app,
        140,
        40,
        ScriptedEvents::keys(&[KeyCode::Char('p'), KeyCode::Char('l'), KeyCode::Enter]),
    );
    let Screen::Card(card) = app.screen() else {
        panic!("expected the card, got {:?}", app.screen());
    };
    assert_eq!(card.contact.name, "张三丰");
    assert!(contains(&lines, "跟进记录"));
    assert!(
        contains(&lines, "stage_change 挖需求 → 抛产品"),
        "{lines:#?}"
    );
    assert!(contains(&lines, "[微信] 发了两个案例"));
    // The card shows where the contact is in its life, and what comes next.
    assert!(
        contains(&lines, "生命周期") && contains(&lines, "引入期"),
        "{lines:#?}"
    );
    assert!(contains(&lines, "下次跟进"));
    assert!(contains(&lines, "朋友圈"));
    // Esc goes back to the board.
    let mut events = ScriptedEvents::keys(&[KeyCode::Esc]);
    let mut term = Terminal::new(TestBackend::new(100, 30)).unwrap();
    run_app(&mut term, &mut app, &mut events).unwrap();
    assert!(matches!(app.screen(), Screen::Board));
}

#[test]
fn stage_keys_move_the_selected_contact_and_record_it() {
    let dir = TempDir::new().unwrap();
    let mut b = book(&dir);
    let id = add(&mut b, "王五", Some(Grade::B));
    let mut app = App::new(book(&dir), Lang::Zh).unwrap();
    screen(
        &mut app,
        80,
        24,
        ScriptedEvents::keys(&[KeyCode::Char('2'), KeyCode::Char('>'), KeyCode::Char('》')]),
    );
    assert_eq!(app.board().columns[2][0].id, id);
    assert_eq!(app.board().focus, 2, "focus follows the moved contact");
    let b = book(&dir);
    assert_eq!(b.view().contact(id).unwrap().stage, Stage::Resolve);
    let moves = b
        .view()
        .timeline(id)
        .unwrap()
        .iter()
        .filter(|i| i.to_stage.is_some())
        .count();
    assert_eq!(moves, 2);
}

#[test]
fn add_form_takes_chinese_text_and_puts_the_cursor_after_it() {
    let dir = TempDir::new().unwrap();
    let mut app = App::new(book(&dir), Lang::Zh).unwrap();
    let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let mut events =
        ScriptedEvents::keys(&[KeyCode::Char('a')]).then(ScriptedEvents::text("张三丰"));
    run_app(&mut term, &mut app, &mut events).unwrap();
    // The cursor sits right after 张三丰: 6 columns past where the field starts.
    let start = {
        let mut events = ScriptedEvents::keys(&[KeyCode::Home]);
        run_app(&mut term, &mut app, &mut events).unwrap();
        term.get_cursor_position().unwrap()
    };
    let mut events = ScriptedEvents::keys(&[KeyCode::End]);
    run_app(&mut term, &mut app, &mut events).unwrap();
    let end = term.get_cursor_position().unwrap();
    assert_eq!((end.x - start.x, end.y), (6, start.y));

    let mut events = ScriptedEvents::keys(&[KeyCode::Tab, KeyCode::Tab])
        .then(ScriptedEvents::text("朋友圈"))
        .then(ScriptedEvents::keys(&[KeyCode::Enter]));
    run_app(&mut term, &mut app, &mut events).unwrap();
    assert!(matches!(app.screen(), Screen::Board));
    let b = book(&dir);
    let all = b.view().list(&Default::default()).unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].name, "张三丰");
    assert_eq!(all[0].source.as_deref(), Some("朋友圈"));
}

#[test]
fn add_form_refuses_an_empty_name_and_keeps_the_form() {
    let dir = TempDir::new().unwrap();
    let mut app = App::new(book(&dir), Lang::Zh).unwrap();
    let lines = screen(
        &mut app,
        80,
        24,
        ScriptedEvents::keys(&[KeyCode::Char('a'), KeyCode::Enter]),
    );
    assert!(matches!(app.screen(), Screen::Form(_)));
    assert!(contains(&lines, "请填写姓名"));
    assert!(book(&dir).is_empty().unwrap());
}

#[test]
fn help_is_drawn_from_the_keymap_and_full_width_question_mark_opens_it() {
    let dir = TempDir::new().unwrap();
    let mut b = book(&dir);
    add(&mut b, "张三", None);
    let mut app = App::new(book(&dir), Lang::Zh).unwrap();
    let lines = screen(
        &mut app,
        80,
        24,
        ScriptedEvents::keys(&[KeyCode::Char('？')]),
    );
    assert!(contains(&lines, "快捷键"));
    for (keys, _) in salesbook::tui::keymap::help_rows(
        salesbook::tui::keymap::Scope::Board,
        &salesbook::i18n::ZH,
    ) {
        assert!(contains(&lines, &keys), "help lacks {keys}");
    }
}

#[test]
fn english_ui_by_config() {
    let dir = TempDir::new().unwrap();
    let mut b = book(&dir);
    add(&mut b, "张三", None);
    let mut app = App::new(book(&dir), Lang::En).unwrap();
    let lines = screen(&mut app, 100, 30, ScriptedEvents::default());
    assert!(
        contains(&lines, "Today") && contains(&lines, "New leads waiting 1"),
        "{lines:#?}"
    );
    let lines = screen(
        &mut app,
        100,
        30,
        ScriptedEvents::keys(&[KeyCode::Char('p')]),
    );
    assert!(contains(&lines, "Discover 1"), "{lines:#?}");
    assert!(contains(&lines, "Aftercare 0"));
    assert!(!contains(&lines, "挖需求"));
}

#[test]
fn tiny_windows_get_a_message_not_a_panic() {
    let dir = TempDir::new().unwrap();
    let mut b = book(&dir);
    add(&mut b, "张三", None);
    for (w, h) in [(0, 0), (1, 1), (10, 3), (79, 24), (80, 23), (40, 40)] {
        let mut app = App::new(book(&dir), Lang::Zh).unwrap();
        let events =
            ScriptedEvents::keys(&[KeyCode::Enter, KeyCode::Char('?'), KeyCode::Char('a')]);
        let lines = screen(&mut app, w, h, events);
        if w >= 20 && h >= 2 {
            assert!(contains(&lines, "窗口太小"), "{w}x{h}: {lines:#?}");
        }
    }
}

/// Remembers what the app copied.
struct Recorder(std::rc::Rc<std::cell::RefCell<Vec<String>>>);

impl salesbook::clipboard::Clipboard for Recorder {
    fn copy(&mut self, text: &str) -> salesbook::clipboard::CopyReport {
        self.0.borrow_mut().push(text.to_string());
        salesbook::clipboard::CopyReport {
            osc52: true,
            native: None,
        }
    }
}

#[test]
fn card_shows_the_sop_pane_and_y_copies_the_filled_script_and_logs_it() {
    let dir = TempDir::new().unwrap();
    let mut b = book(&dir);
    let id = match b
        .execute(Command::Add(NewContact {
            name: "张三丰".into(),
            honorific: Some("张总".into()),
            need: Some("想改善睡眠".into()),
            ..NewContact::default()
        }))
        .unwrap()
        .reply
    {
        Reply::Contact(id) => id,
        other => panic!("{other:?}"),
    };
    let lib = salesbook::sop::Library::load(None);
    let template = lib.get("default").unwrap().template.clone();
    let first_script = template.stage(Stage::Discover).scripts[1].clone();
    let copied = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
    let mut app = App::new(book(&dir), Lang::Zh)
        .unwrap()
        .with_template(template)
        .unwrap()
        .with_clipboard(Box::new(Recorder(copied.clone())));
    let lines = screen(
        &mut app,
        100,
        30,
        ScriptedEvents::keys(&[KeyCode::Enter, KeyCode::Char('j'), KeyCode::Char('y')]),
    );
    assert!(contains(&lines, "SOP · 挖需求"), "{lines:#?}");
    // The second script was copied, filled in for this contact.
    let copied = copied.borrow();
    assert_eq!(copied.len(), 1);
    assert!(!copied[0].contains('{') && !copied[0].contains('}'));
    let expected = book(&dir)
        .view()
        .script_for(&lib.get("default").unwrap().template, id, &first_script.id)
        .unwrap()
        .expect("the script applies")
        .text;
    assert_eq!(copied[0], expected);
    assert!(contains(&lines, "已复制"));
    // …and the timeline now carries a script_sent entry with the script id.
    let timeline = book(&dir).view().timeline(id).unwrap();
    let sent = timeline.last().unwrap();
    assert_eq!(sent.kind, salesbook::domain::InteractionKind::ScriptSent);
    assert_eq!(sent.script_id.as_deref(), Some(first_script.id.as_str()));
    assert!(contains(&lines, "script_sent"));
}

#[test]
fn slash_opens_search_results_follow_typing_and_enter_opens_the_contact() {
    let dir = TempDir::new().unwrap();
    let mut b = book(&dir);
    add(&mut b, "李四", None);
    let zsf = add(&mut b, "张三丰", Some(Grade::A));
    add(&mut b, "王五", None);
    let mut app = App::new(book(&dir), Lang::Zh).unwrap();
    let mut term = Terminal::new(TestBackend::new(100, 30)).unwrap();
    // Full-width ／ opens it too; then pinyin initials.
    let mut events = ScriptedEvents::keys(&[KeyCode::Char('／')]).then(ScriptedEvents::text("zs"));
    run_app(&mut term, &mut app, &mut events).unwrap();
    app.settle_search();
    run_app(&mut term, &mut app, &mut ScriptedEvents::default()).unwrap();
    let lines = screen_of(&term);
    assert!(contains(&lines, "搜索客户"));
    // Result rows end with the matched field; only 张三丰 answers "zs".
    let rows: Vec<&String> = lines.iter().filter(|l| l.contains("pinyin")).collect();
    assert_eq!(rows.len(), 1, "{lines:#?}");
    assert!(rows[0].contains("张三丰"));
    // The cursor sits after "/ zs".
    let pos = term.get_cursor_position().unwrap();
    let row = &lines[pos.y as usize];
    assert!(row.contains("/ zs"), "{row}");

    // A Chinese query replaces the results.
    let mut events = ScriptedEvents::keys(&[KeyCode::Backspace, KeyCode::Backspace])
        .then(ScriptedEvents::text("王"));
    run_app(&mut term, &mut app, &mut events).unwrap();
    app.settle_search();
    run_app(&mut term, &mut app, &mut ScriptedEvents::default()).unwrap();
    let lines = screen_of(&term);
    let rows: Vec<&String> = lines.iter().filter(|l| l.contains(" name")).collect();
    assert_eq!(rows.len(), 1, "{lines:#?}");
    assert!(rows[0].contains("王五"));
    assert!(!lines.iter().any(|l| l.contains("pinyin")));

    // Back to zs, Enter opens 张三丰's card.
    let mut events = ScriptedEvents::keys(&[KeyCode::Backspace]).then(ScriptedEvents::text("zsf"));
    run_app(&mut term, &mut app, &mut events).unwrap();
    app.settle_search();
    run_app(
        &mut term,
        &mut app,
        &mut ScriptedEvents::keys(&[KeyCode::Enter]),
    )
    .unwrap();
    let Screen::Card(card) = app.screen() else {
        panic!("expected the card, got {:?}", app.screen());
    };
    assert_eq!(card.contact.id, zsf);
}

#[test]
fn search_keys_type_into_the_query_and_esc_closes_it() {
    let dir = TempDir::new().unwrap();
    let mut b = book(&dir);
    add(&mut b, "张三", None);
    let mut app = App::new(book(&dir), Lang::Zh).unwrap();
    let lines = screen(
        &mut app,
        80,
        24,
        ScriptedEvents::keys(&[KeyCode::Char('/')]).then(ScriptedEvents::text("q?j")),
    );
    assert!(!app.should_quit(), "q types into the query");
    assert!(contains(&lines, "/ q?j"), "{lines:#?}");
    screen(&mut app, 80, 24, ScriptedEvents::keys(&[KeyCode::Esc]));
    assert!(matches!(app.screen(), Screen::Today));
}

#[test]
fn stale_search_answers_are_dropped() {
    use salesbook::tui::views_for_tests::SearchState;
    let mut st = SearchState {
        sent: 3,
        ..Default::default()
    };
    st.offer(3, Ok(Vec::new()));
    assert_eq!(st.shown, 3);
    st.offer(2, Err("late".into()));
    assert_eq!(
        (st.shown, st.error.as_deref()),
        (3, None),
        "an older answer must not replace a newer one"
    );
    assert!(!st.busy());
}

/// The terminal's screen as lines of text.
fn screen_of(term: &Terminal<TestBackend>) -> Vec<String> {
    let buf = term.backend().buffer().clone();
    let (w, h) = (buf.area.width, buf.area.height);
    (0..h)
        .map(|y| {
            let mut line = String::new();
            let mut x = 0;
            while x < w {
                let sym = buf[(x, y)].symbol();
                line.push_str(sym);
                // A wide character covers the next cell too.
                x += unicode_width::UnicodeWidthStr::width(sym).max(1) as u16;
            }
            line
        })
        .collect()
}

fn book_at(dir: &TempDir, now: &str) -> Book {
    let session = Session::with_default_template(Clock::parse(now).unwrap(), "测试");
    Book::open(&dir.path().join("book.sqlite"), session, true).unwrap()
}

#[test]
fn today_lists_new_leads_and_d_s_x_work_through_a_prompt() {
    let dir = TempDir::new().unwrap();
    let mut b = book(&dir);
    let zs = add(&mut b, "张三丰", Some(Grade::A));
    let ls = add(&mut b, "李四", Some(Grade::B));
    // 40 minutes later both still wait for a first reply: past the 10-minute limit.
    let mut app = App::new(book_at(&dir, "2026-11-23T10:10:00+08:00"), Lang::Zh).unwrap();
    let lines = screen(&mut app, 100, 30, ScriptedEvents::default());
    assert!(matches!(app.screen(), Screen::Today));
    assert!(contains(&lines, "新线索待回复 2"), "{lines:#?}");
    assert!(contains(&lines, "已等 40分钟"), "{lines:#?}");
    // The A lead ranks first (grade weight).
    assert_eq!(app.today().items[0].contact_id, zs);

    // Enter opens the card with the SOP pane on the step's script.
    screen(&mut app, 100, 30, ScriptedEvents::keys(&[KeyCode::Enter]));
    let Screen::Card(card) = app.screen() else {
        panic!("expected the card");
    };
    let sop = card.sop.as_ref().unwrap();
    assert_eq!(
        Some(sop.current().unwrap().script_id.clone()),
        app.today().items[0].script
    );

    // d: done with a note; the lead leaves "new leads" and its cadence begins.
    let events = ScriptedEvents::keys(&[KeyCode::Esc, KeyCode::Char('d')])
        .then(ScriptedEvents::text("加了微信"))
        .then(ScriptedEvents::keys(&[KeyCode::Enter]));
    let lines = screen(&mut app, 100, 30, events);
    assert!(contains(&lines, "已完成"), "{lines:#?}");
    assert!(contains(&lines, "新线索待回复 1"));
    let timeline = book(&dir).view().timeline(zs).unwrap();
    let done = timeline.last().unwrap();
    assert_eq!(done.kind, salesbook::domain::InteractionKind::FollowupDone);
    assert!(done.text.as_deref().unwrap().contains("加了微信"));

    // x: skipping needs a reason; the prompt stays open with the error until given one.
    let pos = app
        .today()
        .items
        .iter()
        .position(|i| i.contact_id == ls)
        .unwrap();
    let mut keys = vec![KeyCode::Char('k'); 5];
    keys.extend(std::iter::repeat_n(KeyCode::Char('j'), pos));
    keys.extend([KeyCode::Char('x'), KeyCode::Enter]);
    let lines = screen(&mut app, 100, 30, ScriptedEvents::keys(&keys));
    assert!(matches!(app.screen(), Screen::Prompt(_)));
    assert!(contains(&lines, "请写明原因"), "{lines:#?}");
    let events = ScriptedEvents::text("客户出差").then(ScriptedEvents::keys(&[KeyCode::Enter]));
    let lines = screen(&mut app, 100, 30, events);
    assert!(contains(&lines, "已跳过"), "{lines:#?}");
    assert!(
        book(&dir)
            .view()
            .timeline(ls)
            .unwrap()
            .iter()
            .any(|i| i.kind == salesbook::domain::InteractionKind::FollowupSkipped)
    );

    // s: snooze defaults to +1d.
    let before = app.today().items[0].clone();
    let lines = screen(
        &mut app,
        100,
        30,
        ScriptedEvents::keys(&[KeyCode::Char('k'), KeyCode::Char('s'), KeyCode::Enter]),
    );
    assert!(contains(&lines, "已推迟到"), "{lines:#?}");
    let f = book(&dir).view().followup(before.followup_id).unwrap();
    assert_eq!(
        f.due,
        book(&dir).session().now() + chrono::TimeDelta::days(1) + chrono::TimeDelta::minutes(40)
    );
}

#[test]
fn board_colours_names_by_due_state() {
    use ratatui::style::Color;
    let dir = TempDir::new().unwrap();
    let mut b = book(&dir);
    add(&mut b, "张三丰", Some(Grade::A));
    add(&mut b, "李四", Some(Grade::D));
    // An hour later: 张三丰's first reply is overdue (red); a D lead has nothing planned (yellow).
    let mut app = App::new(book_at(&dir, "2026-11-23T10:30:00+08:00"), Lang::Zh).unwrap();
    let mut term = Terminal::new(TestBackend::new(100, 30)).unwrap();
    // Focus an empty column so no row is drawn selected.
    let keys = [KeyCode::Char('p'), KeyCode::Char('l')];
    run_app(&mut term, &mut app, &mut ScriptedEvents::keys(&keys)).unwrap();
    let buf = term.backend().buffer().clone();
    let colour_of = |ch: &str| {
        (0..30u16)
            .flat_map(|y| (0..100u16).map(move |x| (x, y)))
            .find(|p| buf[*p].symbol() == ch)
            .map(|p| buf[p].fg)
    };
    assert_eq!(colour_of("张"), Some(Color::Red));
    assert_eq!(colour_of("李"), Some(Color::Yellow));
}
