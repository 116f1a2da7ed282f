//! The app drawn into ratatui's TestBackend, driven by scripted keys: the screens, and the
//! way in which each daily action reaches the book.

#[path = "tui_render/english.rs"]
mod english;
#[path = "tui_render/forms.rs"]
mod forms;
#[path = "tui_render/search.rs"]
mod search;
mod tui_kit;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;
use salesbook::config::Lang;
use salesbook::domain::command::Command;
use salesbook::domain::{Channel, Grade, InteractionKind, NewContact, Outcome, Stage};
use salesbook::tui::registry::Scope;
use salesbook::tui::views::board::BoardView;
use salesbook::tui::views::card::CardView;
use salesbook::tui::views::search::SearchView;
use salesbook::tui::views::today::TodayView;
use salesbook::tui::{App, ScriptedEvents, run_app};
use tempfile::TempDir;
use tui_kit::*;

fn board(app: &App) -> &BoardView {
    app.view::<BoardView>().unwrap()
}

fn today(app: &App) -> &TodayView {
    app.view::<TodayView>().unwrap()
}

#[test]
fn empty_book_shows_welcome_with_both_offers() {
    let dir = TempDir::new().unwrap();
    for (w, h) in [(80, 24), (120, 40)] {
        let mut app = App::new(book(&dir), Lang::Zh);
        let lines = run(&mut app, w, h, ScriptedEvents::default());
        assert_eq!(app.base_scope(), Scope::Welcome);
        assert!(contains(&lines, "欢迎使用 salesbook"), "{lines:#?}");
        assert!(contains(&lines, "[d] 载入示例客户"));
        assert!(contains(&lines, "[a] 录入第一位客户"));
        app.close();
    }
}

/// In the rep's own app the figures screen is their look back (复盘), not an audit.
#[test]
fn the_reps_own_dashboard_is_a_review_not_an_audit() {
    let dir = TempDir::new().unwrap();
    let mut app = App::new(demo(&dir), Lang::Zh);
    let lines = run(&mut app, 100, 30, keys(&[KeyCode::Char('3')]));
    assert!(lines[0].starts_with(" 复盘 · "), "{lines:#?}");
    assert!(!contains(&lines, "审阅"), "{lines:#?}");
}

/// A contact added from Today is selected once its first reply is on the list, wherever
/// the selection was.
#[test]
fn a_contact_added_on_today_is_selected() {
    let dir = TempDir::new().unwrap();
    let mut app = App::new(demo(&dir), Lang::Zh);
    run(&mut app, 80, 24, keys(&[KeyCode::End]));
    let before = today(&app).selected;
    assert!(before > 5, "{before}");
    let events = keys(&[KeyCode::Char('a')])
        .then(text("新来的客户"))
        .then(ctrl('s'));
    let lines = run(&mut app, 80, 24, events);
    let current = today(&app).current().expect("an item");
    assert_eq!(current.contact_name, "新来的客户", "{lines:#?}");
    assert!(contains(&lines, "新来的客户"), "on screen: {lines:#?}");
}

#[test]
fn welcome_loads_the_demo_and_opens_on_today_then_the_board() {
    let dir = TempDir::new().unwrap();
    let mut app = App::new(book(&dir), Lang::Zh);
    let lines = run(&mut app, 120, 40, keys(&[KeyCode::Char('d')]));
    assert_eq!(app.base_scope(), Scope::Today);
    assert!(contains(&lines, "已载入示例数据"), "{lines:#?}");
    assert!(contains(&lines, "今日") && contains(&lines, "已逾期"));
    assert!(!today(&app).items.is_empty());
    let lines = run(&mut app, 120, 40, keys(&[KeyCode::Char('2')]));
    assert_eq!(app.base_scope(), Scope::Board);
    let b = board(&app);
    let on_board: usize = b.columns.iter().map(|c| c.count).sum();
    assert!(on_board > 30, "{on_board}");
    for (i, st) in Stage::ALL.iter().enumerate() {
        let title = format!("{} {}", st.zh(), b.columns[i].count);
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
        let mut app = App::new(book(&dir), Lang::Zh);
        let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
        run_app(&mut term, &mut app, &mut keys(&[KeyCode::Char('2')])).unwrap();
        let lines = screen_of(&term);
        for title in ["挖需求 1", "抛产品 1", "解问题 0", "提成交 1", "理售后 0"] {
            assert!(contains(&lines, title), "{title} at {w}x{h}: {lines:#?}");
        }
        let row = lines
            .iter()
            .find(|l| l.contains("张三丰"))
            .expect("张三丰 shown");
        assert!(row.contains(" A "), "{row}");
        assert!(contains(&lines, "单雄信"));
        if w == 120 {
            assert!(contains(&lines, "欧阳娜娜"));
        } else {
            assert!(contains(&lines, "欧阳娜娜") || contains(&lines, "欧阳娜…"));
        }
        // Every line is exactly the terminal's width: wide characters never shift a border.
        for l in full_lines(&term) {
            assert_eq!(
                unicode_width::UnicodeWidthStr::width(l.as_str()),
                w as usize,
                "{l}"
            );
        }
        app.close();
    }
}

#[test]
fn arrows_move_focus_and_enter_opens_the_card_with_its_timeline_in_words() {
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
        channel: Some(Channel::Wechat),
        inbound: false,
    })
    .unwrap();
    let mut app = App::new(book(&dir), Lang::Zh);
    let k = [KeyCode::Char('2'), KeyCode::Right, KeyCode::Enter];
    let lines = run(&mut app, 140, 40, keys(&k));
    let card = app.view::<CardView>().expect("the card");
    assert_eq!(card.data.as_ref().unwrap().contact.name, "张三丰");
    assert!(contains(&lines, "跟进记录"));
    // Kinds in words, stages by their Chinese names; no raw keys like stage_change.
    assert!(contains(&lines, "换阶段   挖需求 → 抛产品"), "{lines:#?}");
    assert!(
        contains(&lines, "消息     [微信] 发了两个案例"),
        "{lines:#?}"
    );
    assert!(!contains(&lines, "stage_change") && !contains(&lines, "message "));
    assert!(contains(&lines, "生命周期") && contains(&lines, "引入期"));
    assert!(contains(&lines, "下次跟进"));
    run(&mut app, 100, 30, keys(&[KeyCode::Esc]));
    assert_eq!(app.scope(), Scope::Board);
}

#[test]
fn a_multi_line_note_shows_on_one_line_with_its_breaks_marked() {
    let dir = TempDir::new().unwrap();
    let mut b = book(&dir);
    b.execute(Command::Add(NewContact {
        name: "张三丰".into(),
        notes: Some("晚上方便\n周末别打扰".into()),
        ..NewContact::default()
    }))
    .unwrap();
    b.execute(Command::Log {
        id: 1,
        text: "聊了需求\n下周回访".into(),
        channel: None,
        inbound: false,
    })
    .unwrap();
    let mut app = App::new(book(&dir), Lang::Zh);
    let k = [KeyCode::Char('2'), KeyCode::Enter];
    let lines = run(&mut app, 140, 40, keys(&k));
    assert!(app.view::<CardView>().is_some(), "{lines:#?}");
    assert!(contains(&lines, "晚上方便 ⏎ 周末别打扰"), "{lines:#?}");
    assert!(contains(&lines, "聊了需求 ⏎ 下周回访"), "{lines:#?}");
    assert!(!contains(&lines, "\\u{a}"), "{lines:#?}");
}

#[test]
fn stage_keys_move_the_selected_contact_and_the_selection_follows_it() {
    let dir = TempDir::new().unwrap();
    let mut b = book(&dir);
    let id = add(&mut b, "王五", Some(Grade::B));
    let mut app = App::new(book(&dir), Lang::Zh);
    let k = [KeyCode::Char('2'), KeyCode::Char('>'), KeyCode::Char('》')];
    let lines = run(&mut app, 80, 24, keys(&k));
    assert_eq!(board(&app).focus, 2, "focus follows the moved contact");
    assert_eq!(board(&app).current().unwrap().id, id);
    assert!(contains(&lines, "已移到 解问题：王五"), "{lines:#?}");
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
fn aftercare_is_refused_by_a_move_in_the_apps_own_words() {
    let dir = TempDir::new().unwrap();
    let mut b = book(&dir);
    let id = add(&mut b, "王五", Some(Grade::B));
    b.execute(Command::Move {
        id,
        to: Stage::Close,
    })
    .unwrap();
    let mut app = App::new(book(&dir), Lang::Zh);
    let lines = run(
        &mut app,
        100,
        30,
        keys(&[
            KeyCode::Char('2'),
            KeyCode::Right,
            KeyCode::Right,
            KeyCode::Right,
            KeyCode::Char('>'),
        ]),
    );
    assert!(
        contains(&lines, "王五 成交后才进入理售后，请标记成交"),
        "{lines:#?}"
    );
    assert!(!contains(&lines, "salesbook won"));
}

#[test]
fn english_ui_by_config() {
    let dir = TempDir::new().unwrap();
    let mut b = book(&dir);
    add(&mut b, "张三", None);
    let mut app = App::new(book(&dir), Lang::En);
    let lines = run(&mut app, 100, 30, ScriptedEvents::default());
    assert!(
        contains(&lines, "Today") && contains(&lines, "New leads waiting 1"),
        "{lines:#?}"
    );
    let lines = run(&mut app, 100, 30, keys(&[KeyCode::Char('2')]));
    assert!(contains(&lines, "Discover 1"), "{lines:#?}");
    assert!(contains(&lines, "Aftercare 0"));
    assert!(!contains(&lines, "挖需求"));
    // The card: English labels whole, each with room before its value; nothing of the
    // app's own in Chinese (the name and the source are the rep's).
    let lines = run(&mut app, 100, 30, keys(&[KeyCode::Enter]));
    assert!(app.view::<CardView>().is_some(), "{lines:#?}");
    for label in ["Next follow-up ", "Stage ", "Source ", "Lifecycle "] {
        assert!(
            contains(&lines, &format!("│{label}")),
            "{label}: {lines:#?}"
        );
    }
    assert!(contains(&lines, "Stage          Discover · "), "{lines:#?}");
    // The guide's pane is titled with the stage's English name too (its content is the
    // template's own words).
    assert!(contains(&lines, "SOP · Discover"), "{lines:#?}");
    let cjk = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
    // The left panes only: each line up to where the guide's pane begins.
    let card: String = lines[..lines.len() - 1] // the status line names the template
        .iter()
        .map(|l| {
            let end = ["││", "╮╭", "╯│", "│╭", "╯╰", "╮│"]
                .iter()
                .filter_map(|b| l.find(b))
                .min()
                .unwrap_or(l.len());
            &l[..end]
        })
        .collect();
    let ours = card
        .replace("张三", "")
        .replace("朋友圈", "")
        .replace("欢迎语", "");
    assert!(!ours.chars().any(cjk), "{ours}");
}

#[test]
fn while_the_window_is_too_small_keys_do_nothing_but_quit() {
    let dir = TempDir::new().unwrap();
    let mut b = book(&dir);
    let id = add(&mut b, "张三", None);
    let mut app = App::new(book(&dir), Lang::Zh);
    let lines = run(
        &mut app,
        79,
        24,
        keys(&[KeyCode::Char('2'), KeyCode::Char('>'), KeyCode::Char('a')]),
    );
    assert!(contains(&lines, "窗口太小"), "{lines:#?}");
    assert!(contains(&lines, "按 q 退出"), "{lines:#?}");
    assert_eq!(app.base_scope(), Scope::Today, "2 acted unseen");
    assert_eq!(app.scope(), Scope::Today, "a opened a form unseen");
    assert_eq!(
        book(&dir).view().contact(id).unwrap().stage,
        Stage::Discover
    );
    run(&mut app, 79, 24, keys(&[KeyCode::Char('q')]));
    assert!(app.should_quit());
}

/// Without the rep's name, a script signed with it is neither copied nor logged as sent:
/// the app asks for the name instead.
#[test]
fn y_on_a_script_signed_with_an_unset_name_asks_for_the_name_and_sends_nothing() {
    let dir = TempDir::new().unwrap();
    let unnamed = || {
        let mut session = salesbook::service::Session::with_default_template(
            salesbook::clock::Clock::parse(NOW).unwrap(),
            "测试",
        );
        session.me = None;
        salesbook::service::Book::open(&dir.path().join("book.sqlite"), session, true).unwrap()
    };
    let mut b = unnamed();
    let id = add(&mut b, "张三丰", None);
    let before = b.view().timeline(id).unwrap().len();
    let copied = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
    let mut app = App::new(unnamed(), Lang::Zh).with_clipboard(Box::new(Recorder(copied.clone())));
    // Today's first reply opens the card on the welcome script, which is signed {me}.
    let lines = run(
        &mut app,
        100,
        30,
        keys(&[KeyCode::Enter, KeyCode::Char('y')]),
    );
    assert!(copied.borrow().is_empty(), "{:?}", copied.borrow());
    assert_eq!(unnamed().view().timeline(id).unwrap().len(), before);
    assert!(contains(&lines, "要署上你的名字"), "{lines:#?}");
    assert_eq!(app.scope(), Scope::Form);
    // The name offers 称呼; one the rep types instead is kept, not put back to the first.
    let lines = run(&mut app, 100, 30, text("李娜").then(keys(&[KeyCode::Tab])));
    assert!(contains(&lines, "李娜 ▾"), "{lines:#?}");
    let lines = run(&mut app, 100, 30, text("娜姐"));
    assert!(contains(&lines, "娜姐"), "{lines:#?}");
    assert!(!contains(&lines, "李娜 ▾"), "{lines:#?}");
    // The name changed again: the typed 称呼 still stands.
    let lines = run(
        &mut app,
        100,
        30,
        keys(&[KeyCode::BackTab])
            .then(text("芳"))
            .then(keys(&[KeyCode::Tab])),
    );
    assert!(contains(&lines, "娜姐"), "{lines:#?}");
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
        salesbook::service::Reply::Contact(id) => id,
        other => panic!("{other:?}"),
    };
    let template = b.session().template.clone();
    let second = template.stage(Stage::Discover).scripts[1].clone();
    let copied = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
    let mut app = App::new(book(&dir), Lang::Zh).with_clipboard(Box::new(Recorder(copied.clone())));
    // Today's first-reply step opens the card on its own script; ↑ to the first, ↓ to the second.
    let k = [
        KeyCode::Enter,
        KeyCode::Up,
        KeyCode::Up,
        KeyCode::Down,
        KeyCode::Char('y'),
    ];
    let lines = run(&mut app, 100, 30, keys(&k));
    assert!(contains(&lines, "SOP · 挖需求"), "{lines:#?}");
    let copied = copied.borrow();
    assert_eq!(copied.len(), 1);
    assert!(!copied[0].contains('{') && !copied[0].contains('}'));
    let expected = book(&dir)
        .view()
        .script_for(&template, id, &second.id)
        .unwrap()
        .expect("the script applies")
        .text;
    assert_eq!(copied[0], expected);
    assert!(contains(&lines, "已复制"), "{lines:#?}");
    let timeline = book(&dir).view().timeline(id).unwrap();
    let sent = timeline.last().unwrap();
    assert_eq!(sent.kind, InteractionKind::ScriptSent);
    assert_eq!(sent.script_id.as_deref(), Some(second.id.as_str()));
    assert!(contains(&lines, "发送话术"));
    // The copy was a first reply: back on Today the lead no longer waits.
    let lines = run(&mut app, 100, 30, keys(&[KeyCode::Esc]));
    assert!(contains(&lines, "新线索待回复 0"), "{lines:#?}");
}

#[test]
fn today_lists_new_leads_and_d_s_x_work_through_prompts_that_start_empty() {
    let dir = TempDir::new().unwrap();
    let mut b = book(&dir);
    let zs = add(&mut b, "张三丰", Some(Grade::A));
    let ls = add(&mut b, "李四", Some(Grade::B));
    add(&mut b, "王五", Some(Grade::C));
    // 40 minutes later all three still wait for a first reply.
    let mut app = App::new(book_at(&dir, "2026-11-23T10:10:00+08:00"), Lang::Zh);
    let lines = run(&mut app, 100, 30, ScriptedEvents::default());
    assert!(contains(&lines, "新线索待回复 3"), "{lines:#?}");
    assert!(contains(&lines, "已等 40分钟"), "{lines:#?}");
    let order: Vec<i64> = today(&app).items.iter().map(|i| i.contact_id).collect();
    assert_eq!(order[0], zs, "the A lead ranks first");

    // d with a note: done, and the selection moves to the next item (not to wherever
    // the done one went).
    let events = keys(&[KeyCode::Char('d')])
        .then(text("加了微信"))
        .then(keys(&[KeyCode::Enter]));
    let lines = run(&mut app, 100, 30, events);
    assert!(contains(&lines, "已完成：张三丰"), "{lines:#?}");
    assert!(contains(&lines, "新线索待回复 2"));
    assert_eq!(today(&app).current().unwrap().contact_id, order[1]);
    let done = book(&dir).view().timeline(zs).unwrap();
    assert!(
        done.last()
            .unwrap()
            .text
            .as_deref()
            .unwrap()
            .contains("加了微信")
    );

    // s: the prompt starts empty; "明天" is read as tomorrow 09:00. Ctrl-S saves it, as it
    // saves every form.
    let lines = run(&mut app, 100, 30, keys(&[KeyCode::Char('s')]));
    assert!(contains(&lines, "推迟到 "), "{lines:#?}");
    assert!(!contains(&lines, "+1d明天"));
    let next_after = today(&app).items[today(&app).selected + 1].followup_id;
    let snoozed = today(&app).current().unwrap().clone();
    let lines = run(&mut app, 100, 30, text("明天").then(ctrl('s')));
    assert!(contains(&lines, "已推迟到 11-24 09:00"), "{lines:#?}");
    assert_eq!(today(&app).current().unwrap().followup_id, next_after);
    let f = book(&dir).view().followup(snoozed.followup_id).unwrap();
    assert_eq!(
        book(&dir)
            .view()
            .clock()
            .local(f.due)
            .format("%m-%d %H:%M")
            .to_string(),
        "11-24 09:00"
    );
    // A snooze counts from now: brought forward, the status line says so.
    let pos = today(&app)
        .items
        .iter()
        .position(|i| i.followup_id == snoozed.followup_id)
        .expect("tomorrow's item is on Today");
    let mut k = vec![KeyCode::Home];
    k.extend(std::iter::repeat_n(KeyCode::Down, pos));
    k.push(KeyCode::Char('s'));
    let lines = run(
        &mut app,
        100,
        30,
        keys(&k).then(text("+30m")).then(ctrl('s')),
    );
    assert!(
        contains(&lines, "已改到 11-23 10:40（比原定的 11-24 09:00 提前了）"),
        "{lines:#?}"
    );

    // x: skipping needs a reason, asked in the app's own words.
    let pos = today(&app)
        .items
        .iter()
        .position(|i| i.contact_id == ls)
        .unwrap();
    let mut k = vec![KeyCode::Home];
    k.extend(std::iter::repeat_n(KeyCode::Down, pos));
    k.extend([KeyCode::Char('x'), KeyCode::Enter]);
    let lines = run(&mut app, 100, 30, keys(&k));
    assert_eq!(app.scope(), Scope::Prompt);
    assert!(contains(&lines, "请写明原因"), "{lines:#?}");
    assert!(!contains(&lines, "--reason"));
    let lines = run(
        &mut app,
        100,
        30,
        text("客户出差").then(keys(&[KeyCode::Enter])),
    );
    // Its reply was due 30 minutes ago: a late skip, which the report counts missed.
    assert!(
        contains(&lines, "已跳过（过了截止时间才跳过，报表按漏了计）：李四"),
        "{lines:#?}"
    );
}

#[test]
fn board_colours_names_by_due_state() {
    use ratatui::style::Color;
    let dir = TempDir::new().unwrap();
    let mut b = book(&dir);
    add(&mut b, "张三丰", Some(Grade::A));
    add(&mut b, "李四", Some(Grade::D));
    // An hour later: 张三丰's first reply is overdue (red); a D lead has nothing planned.
    let mut app = App::new(book_at(&dir, "2026-11-23T10:30:00+08:00"), Lang::Zh);
    let mut term = Terminal::new(TestBackend::new(100, 30)).unwrap();
    // Focus an empty column so no row is drawn selected.
    run_app(
        &mut term,
        &mut app,
        &mut keys(&[KeyCode::Char('2'), KeyCode::Right]),
    )
    .unwrap();
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

#[test]
fn a_contact_added_by_another_process_shows_up_when_the_book_is_watched() {
    let dir = TempDir::new().unwrap();
    let mut b = book(&dir);
    add(&mut b, "张三", None);
    let mut app = App::new(book(&dir), Lang::Zh);
    run(&mut app, 100, 30, ScriptedEvents::default());
    app.watch();
    salesbook::tui::settle(&mut app);
    assert_eq!(today(&app).items.len(), 1);
    add(&mut b, "新来的", None);
    app.watch();
    salesbook::tui::settle(&mut app);
    let lines = run(&mut app, 100, 30, ScriptedEvents::default());
    assert!(contains(&lines, "新来的"), "{lines:#?}");
    assert_eq!(today(&app).items.len(), 2);
}

#[test]
fn lost_contacts_come_into_view_with_o() {
    let dir = TempDir::new().unwrap();
    let mut b = book(&dir);
    let id = add(&mut b, "流失的", None);
    add(&mut b, "还在的", None);
    b.execute(Command::Lost {
        id,
        reason: "预算不够".into(),
    })
    .unwrap();
    let mut app = App::new(book(&dir), Lang::Zh);
    let lines = run(&mut app, 100, 30, keys(&[KeyCode::Char('2')]));
    assert!(!contains(&lines, "流失的") && contains(&lines, "挖需求 1"));
    let lines = run(&mut app, 100, 30, keys(&[KeyCode::Char('o')]));
    assert!(contains(&lines, "✗流失的"), "{lines:#?}");
    assert!(contains(&lines, "挖需求 2") && contains(&lines, "含已成交/流失/归档"));
    assert_eq!(
        book(&dir).view().contact(id).unwrap().outcome,
        Outcome::Lost
    );
}

/// Days since the last touch keep a gap after the grade however many digits they take:
/// "B 152天", not "B152天".
#[test]
fn a_three_digit_day_count_keeps_its_gap_after_the_grade() {
    let dir = TempDir::new().unwrap();
    let mut b = book_at(&dir, "2026-06-01T09:30:00+08:00");
    add(&mut b, "张三", Some(Grade::B));
    drop(b);
    let mut app = App::new(book(&dir), Lang::Zh);
    let lines = run(&mut app, 100, 30, keys(&[KeyCode::Char('2')]));
    let row = lines
        .iter()
        .find(|l| l.contains("张三"))
        .unwrap_or_else(|| panic!("{lines:#?}"));
    assert!(row.contains("B 175天"), "{row}");
}

/// Home and End reach the oldest and the newest timeline entry of a long timeline.
#[test]
fn home_and_end_reach_the_ends_of_a_long_timeline() {
    let dir = TempDir::new().unwrap();
    let mut b = book(&dir);
    let id = add(&mut b, "张三丰", Some(Grade::A));
    for n in 0..40 {
        b.execute(Command::Log {
            id,
            text: format!("第 {n} 次"),
            channel: Some(Channel::Wechat),
            inbound: false,
        })
        .unwrap();
    }
    drop(b);
    let mut app = App::new(book(&dir), Lang::Zh);
    run(
        &mut app,
        100,
        30,
        keys(&[KeyCode::Char('2'), KeyCode::Enter, KeyCode::Tab]),
    );
    let card = app.view::<CardView>().expect("the card");
    let last = card.data.as_ref().unwrap().timeline.len() - 1;
    assert_eq!(card.row, last);
    run(&mut app, 100, 30, keys(&[KeyCode::Home]));
    assert_eq!(app.view::<CardView>().unwrap().row, 0);
    run(&mut app, 100, 30, keys(&[KeyCode::End]));
    assert_eq!(app.view::<CardView>().unwrap().row, last);
}

/// Snoozing an item already past its deadline says the report still judges it by that
/// deadline: the rep learns that moving it does not make it on time.
#[test]
fn snoozing_an_overdue_item_says_it_still_counts_late() {
    let dir = TempDir::new().unwrap();
    let mut b = book_at(&dir, "2026-11-20T09:00:00+08:00");
    add(&mut b, "迟回复", Some(Grade::A));
    let mut app = App::new(book(&dir), Lang::Zh);
    run(&mut app, 120, 40, ScriptedEvents::default());
    let lines = run(
        &mut app,
        120,
        40,
        keys(&[KeyCode::Char('s')]).then(keys(&[KeyCode::Enter])),
    );
    assert!(
        contains(&lines, "（报表仍按原截止时间 11-20 09:10 计）：迟回复"),
        "{lines:#?}"
    );
}
