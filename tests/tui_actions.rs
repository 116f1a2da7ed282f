//! Every daily action at the keyboard, checked in the book: log, won, lost, reopen,
//! archive, grade, tags, bulk changes as one undo, undo itself, board filters, the card's
//! full texts and its SOP guide, the template switch.

#[path = "tui_actions/due_scripts.rs"]
mod due_scripts;
#[path = "tui_actions/editing.rs"]
mod editing;
#[path = "tui_actions/merging.rs"]
mod merging;
#[path = "tui_actions/status_and_screens.rs"]
mod status_and_screens;
mod tui_kit;

use ratatui::crossterm::event::KeyCode;
use salesbook::config::Lang;
use salesbook::domain::command::Command;
use salesbook::domain::{Channel, Grade, InteractionKind, Outcome, Stage, TagRef};
use salesbook::tui::registry::Scope;
use salesbook::tui::views::board::BoardView;
use salesbook::tui::views::card::CardView;
use salesbook::tui::{App, ScriptedEvents};
use tempfile::TempDir;
use tui_kit::*;

use KeyCode::{Char, Down, Enter, Esc, Right, Tab};

/// A book with three contacts, the app on the board with the first (newest) selected.
fn three(dir: &TempDir) -> (App, [i64; 3]) {
    let mut b = book(dir);
    let a = add(&mut b, "张三", Some(Grade::B));
    let bb = add(&mut b, "李四", Some(Grade::C));
    let c = add(&mut b, "王五", None);
    let mut app = App::new(book(dir), Lang::Zh);
    run(&mut app, 100, 30, keys(&[Char('2')]));
    (app, [a, bb, c])
}

#[test]
fn l_logs_a_call_with_a_note_on_several_lines() {
    let dir = TempDir::new().unwrap();
    let (mut app, _) = three(&dir);
    let id = app.view::<BoardView>().unwrap().current().unwrap().id;
    // The channel starts at 微信; Shift-Tab back to it and ↓ to 电话.
    let events = keys(&[Char('l')])
        .then(text("约了周五"))
        .then(ctrl('j'))
        .then(text("带上报价"))
        .then(ScriptedEvents::key(
            KeyCode::BackTab,
            ratatui::crossterm::event::KeyModifiers::SHIFT,
        ))
        .then(keys(&[Down]))
        .then(ctrl('s'));
    let lines = run(&mut app, 100, 30, events);
    assert!(contains(&lines, "已记录电话"), "{lines:#?}");
    let last = book(&dir).view().timeline(id).unwrap().pop().unwrap();
    assert_eq!(last.kind, InteractionKind::Call);
    assert_eq!(last.channel, Some(Channel::Phone));
    assert_eq!(last.text.as_deref(), Some("约了周五\n带上报价"));
}

#[test]
fn w_marks_won_with_a_product_from_the_template_and_u_undoes_it() {
    let dir = TempDir::new().unwrap();
    let (mut app, _) = three(&dir);
    let id = app.view::<BoardView>().unwrap().current().unwrap().id;
    let product = book(&dir).session().template.products[0].name.clone();
    let events = keys(&[Char('w')])
        .then(text("3999"))
        .then(keys(&[Tab, Down]))
        .then(ctrl('s'));
    let lines = run(&mut app, 100, 30, events);
    assert!(contains(&lines, "已成交"), "{lines:#?}");
    let c = book(&dir).view().contact(id).unwrap();
    assert_eq!((c.outcome, c.stage), (Outcome::Won, Stage::Aftercare));
    let won = book(&dir).view().timeline(id).unwrap();
    let entry = won.iter().find(|i| i.kind == InteractionKind::Won).unwrap();
    assert_eq!(entry.product.as_deref(), Some(product.as_str()));
    assert_eq!(entry.amount_cents, Some(399_900));
    // The board followed the contact to 理售后.
    assert_eq!(app.view::<BoardView>().unwrap().focus, 4);
    let lines = run(&mut app, 100, 30, keys(&[Char('u')]));
    assert!(contains(&lines, "已撤销：成交"), "{lines:#?}");
    let c = book(&dir).view().contact(id).unwrap();
    assert_eq!((c.outcome, c.stage), (Outcome::Open, Stage::Discover));
}

#[test]
fn a_bad_amount_is_refused_in_the_form() {
    let dir = TempDir::new().unwrap();
    let (mut app, _) = three(&dir);
    let lines = run(
        &mut app,
        100,
        30,
        keys(&[Char('w')]).then(text("三千")).then(ctrl('s')),
    );
    assert_eq!(app.scope(), Scope::Form);
    assert!(contains(&lines, "金额 '三千' 不对"), "{lines:#?}");
}

#[test]
fn capital_l_marks_lost_with_a_reason_and_r_reopens() {
    let dir = TempDir::new().unwrap();
    let (mut app, _) = three(&dir);
    let id = app.view::<BoardView>().unwrap().current().unwrap().id;
    // The first offered reason, by ↓.
    let lines = run(&mut app, 100, 30, keys(&[Char('L'), Down]).then(ctrl('s')));
    assert!(contains(&lines, "已标记流失（预算不够）"), "{lines:#?}");
    let c = book(&dir).view().contact(id).unwrap();
    assert_eq!(c.outcome, Outcome::Lost);
    assert_eq!(c.lost_reason.as_deref(), Some("预算不够"));
    // It left the board; with closed contacts shown, r reopens it.
    run(&mut app, 100, 30, keys(&[Char('o')]));
    let b = app.view::<BoardView>().unwrap();
    let at = b.columns[0].rows.iter().position(|r| r.id == id).unwrap();
    let mut k = vec![KeyCode::Home];
    k.extend(std::iter::repeat_n(Down, at));
    k.push(Char('r'));
    let lines = run(&mut app, 100, 30, keys(&k));
    assert!(contains(&lines, "已重新打开"), "{lines:#?}");
    assert_eq!(
        book(&dir).view().contact(id).unwrap().outcome,
        Outcome::Open
    );
}

#[test]
fn g_then_a_letter_sets_the_grade_and_capital_x_archives() {
    let dir = TempDir::new().unwrap();
    let (mut app, _) = three(&dir);
    let id = app.view::<BoardView>().unwrap().current().unwrap().id;
    let lines = run(&mut app, 100, 30, keys(&[Char('g'), Char('a')]));
    assert!(contains(&lines, "等级改为 A 立即跟进"), "{lines:#?}");
    assert_eq!(book(&dir).view().contact(id).unwrap().grade, Some(Grade::A));
    let lines = run(&mut app, 100, 30, keys(&[Char('X')]));
    assert!(contains(&lines, "已归档"), "{lines:#?}");
    assert!(book(&dir).view().contact(id).unwrap().archived);
    let b = app.view::<BoardView>().unwrap();
    assert!(
        b.columns[0].rows.iter().all(|r| r.id != id),
        "archived, off the board"
    );
    assert_eq!(b.columns[0].count, 2);
}

#[test]
fn t_picks_tags_from_the_taxonomy_by_typing_to_filter() {
    let dir = TempDir::new().unwrap();
    let (mut app, _) = three(&dir);
    let id = app.view::<BoardView>().unwrap().current().unwrap().id;
    let lines = run(&mut app, 100, 30, keys(&[Char('t')]).then(text("近期")));
    assert!(contains(&lines, "意向       近期购买"), "{lines:#?}");
    assert!(
        !contains(&lines, "对比观望"),
        "the filter keeps only what matches"
    );
    let lines = run(&mut app, 100, 30, keys(&[Char(' '), Enter]));
    assert!(contains(&lines, "已更新"), "{lines:#?}");
    let tags = book(&dir).view().contact(id).unwrap().tags;
    assert_eq!(
        tags,
        vec![TagRef {
            group: "意向".into(),
            tag: "近期购买".into()
        }]
    );
    // Opened again, the tag is checked; unchecking it removes it.
    run(
        &mut app,
        100,
        30,
        keys(&[Char('t')])
            .then(text("近期"))
            .then(keys(&[Char(' '), Enter])),
    );
    assert!(book(&dir).view().contact(id).unwrap().tags.is_empty());
}

#[test]
fn marked_contacts_are_tagged_moved_and_graded_together_each_as_one_undo() {
    let dir = TempDir::new().unwrap();
    let (mut app, ids) = three(&dir);
    let before = events_count(&dir);
    let lines = run(
        &mut app,
        100,
        30,
        keys(&[Char(' '), Down, Char(' '), Down, Char(' '), Char('t')])
            .then(text("送礼"))
            .then(keys(&[Char(' '), Enter])),
    );
    assert!(contains(&lines, "已批量加标签：3 位客户"), "{lines:#?}");
    assert!(
        app.marks().is_empty(),
        "marks clear once the change is saved"
    );
    assert_eq!(events_count(&dir), before + 1, "one change in the log");
    for id in ids {
        let tags = book(&dir).view().contact(id).unwrap().tags;
        assert!(tags.iter().any(|t| t.tag == "送礼"), "{id}: {tags:?}");
    }
    // Mark again and move them all a stage on: one more entry.
    run(
        &mut app,
        100,
        30,
        keys(&[
            KeyCode::Home,
            Char(' '),
            Down,
            Char(' '),
            Down,
            Char(' '),
            Char('>'),
        ]),
    );
    assert_eq!(events_count(&dir), before + 2);
    for id in ids {
        assert_eq!(book(&dir).view().contact(id).unwrap().stage, Stage::Pitch);
    }
    // One undo takes the whole move back.
    let lines = run(&mut app, 100, 30, keys(&[Char('u')]));
    assert!(contains(&lines, "已撤销：批量操作"), "{lines:#?}");
    for id in ids {
        assert_eq!(
            book(&dir).view().contact(id).unwrap().stage,
            Stage::Discover
        );
    }
    // Marks from Today apply too: grade all three.
    let lines = run(
        &mut app,
        100,
        30,
        keys(&[
            Char('1'),
            Char(' '),
            Down,
            Char(' '),
            Down,
            Char(' '),
            Char('g'),
            Char('d'),
        ]),
    );
    assert!(contains(&lines, "已批量改等级：3 位客户"), "{lines:#?}");
    for id in ids {
        assert_eq!(book(&dir).view().contact(id).unwrap().grade, Some(Grade::D));
    }
    // Esc with marks and nothing open clears them.
    run(&mut app, 100, 30, keys(&[Char('2'), Char(' ')]));
    assert_eq!(app.marks().len(), 1);
    run(&mut app, 100, 30, keys(&[Esc]));
    assert!(app.marks().is_empty());
}

#[test]
fn nothing_to_undo_is_said_in_the_apps_words() {
    let dir = TempDir::new().unwrap();
    let mut b = book(&dir);
    add(&mut b, "张三", None);
    let mut app = App::new(book(&dir), Lang::Zh);
    // The add was made as 测试, so this rep's undo takes it back (asked first: it was
    // made outside this app); then nothing is left.
    let lines = run(&mut app, 100, 30, keys(&[Char('u'), Char('y')]));
    assert!(contains(&lines, "已撤销：新增客户（张三）"), "{lines:#?}");
    let lines = run(&mut app, 100, 30, keys(&[Char('u')]));
    assert!(contains(&lines, "没有可以撤销的操作"), "{lines:#?}");
}

#[test]
fn f_filters_the_board_and_the_title_says_so() {
    let dir = TempDir::new().unwrap();
    let (mut app, _) = three(&dir);
    // Grade: ↓ steps from 全部 to A; ↓ again to B. Then save.
    let lines = run(
        &mut app,
        100,
        30,
        keys(&[Char('f'), Down, Down]).then(ctrl('s')),
    );
    assert!(contains(&lines, "筛选：等级 B"), "{lines:#?}");
    assert!(contains(&lines, "挖需求 1"), "{lines:#?}");
    assert!(contains(&lines, "张三") && !contains(&lines, "李四"));
    // Back to everything.
    let lines = run(
        &mut app,
        100,
        30,
        // From B: C, D, then 全部.
        keys(&[Char('f'), Down, Down, Down]).then(ctrl('s')),
    );
    assert!(!contains(&lines, "筛选："), "{lines:#?}");
    assert!(contains(&lines, "挖需求 3"));

    // In English, the title and the status line use an English colon.
    let mut app = App::new(book(&dir), Lang::En);
    run(&mut app, 100, 30, keys(&[Char('2')]));
    let lines = run(
        &mut app,
        100,
        30,
        keys(&[Char('f'), Down, Down]).then(ctrl('s')),
    );
    assert!(contains(&lines, "Filter: Grade B"), "{lines:#?}");
    assert!(!lines.iter().any(|l| l.contains('：')), "{lines:#?}");
}

#[test]
fn e_edits_the_contact_in_the_prefilled_form_saving_only_what_changed() {
    let dir = TempDir::new().unwrap();
    let (mut app, _) = three(&dir);
    let id = app.view::<BoardView>().unwrap().current().unwrap().id;
    let before = book(&dir).view().contact(id).unwrap();
    let lines = run(&mut app, 100, 30, keys(&[Char('e')]));
    assert!(contains(&lines, &before.name), "prefilled: {lines:#?}");
    // Down to 需求 (name, source, need) and type one.
    let lines = run(
        &mut app,
        100,
        30,
        keys(&[Tab, Tab]).then(text("想要年卡")).then(ctrl('s')),
    );
    assert!(contains(&lines, "已保存"), "{lines:#?}");
    let after = book(&dir).view().contact(id).unwrap();
    assert_eq!(after.need.as_deref(), Some("想要年卡"));
    assert_eq!(
        (after.name, after.source, after.grade),
        (before.name, before.source, before.grade)
    );
}

#[test]
fn the_card_opens_a_timeline_entry_in_full_and_scrolls_the_whole_stage_guide() {
    let dir = TempDir::new().unwrap();
    let mut b = book(&dir);
    let id = add(&mut b, "张三", None);
    let long = format!(
        "第一行很长的跟进记录{}\n第二行：最后一句",
        "内容".repeat(60)
    );
    b.execute(Command::Log {
        id,
        text: long.clone(),
        channel: None,
        inbound: false,
    })
    .unwrap();
    let stage = b.session().template.stage(Stage::Discover).clone();
    let mut app = App::new(book(&dir), Lang::Zh);
    // Tab to the timeline (the newest entry is selected), Enter opens it.
    let lines = run(&mut app, 80, 24, keys(&[Enter, Tab, Enter]));
    assert_eq!(app.scope(), Scope::Entry);
    assert!(contains(&lines, "第二行：最后一句"), "{lines:#?}");
    run(&mut app, 80, 24, keys(&[Esc]));
    assert_eq!(app.scope(), Scope::Card);
    // Tab again: the guide. Scrolling shows every checklist item, exit and material.
    run(&mut app, 80, 24, keys(&[Tab]));
    assert_eq!(
        app.view::<CardView>().unwrap().focus,
        salesbook::tui::views::card::Focus::Guide
    );
    let mut seen = String::new();
    for _ in 0..40 {
        seen.push_str(&run(&mut app, 80, 24, keys(&[Down])).join("\n"));
    }
    let flat: String = seen
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '│')
        .collect();
    for item in stage
        .checklist
        .iter()
        .chain(&stage.exit)
        .chain(&stage.materials)
    {
        let head: String = item
            .chars()
            .filter(|c| !c.is_whitespace())
            .take(12)
            .collect();
        assert!(flat.contains(&head), "never shown: {item}");
    }
    // At 80×24 the card keeps the next follow-up in view.
    let lines = run(&mut app, 80, 24, ScriptedEvents::default());
    assert!(contains(&lines, "下次跟进"), "{lines:#?}");
}

#[test]
fn capital_t_switches_the_template_and_the_status_line_names_it() {
    let dir = TempDir::new().unwrap();
    let mut b = book(&dir);
    add(&mut b, "张三", None);
    let mut app = App::new(book(&dir), Lang::Zh);
    let lines = run(&mut app, 120, 30, ScriptedEvents::default());
    assert!(contains(&lines, "私域1对1成交"), "{lines:#?}");
    let lines = run(&mut app, 120, 30, keys(&[Char('T')]).then(text("教育")));
    // Templates by their names (the id is the command line's word).
    assert!(contains(&lines, "教育课程·约试听"), "{lines:#?}");
    assert!(!contains(&lines, "education"), "{lines:#?}");
    // The whole book is planned again, for good: asked first, the question whole.
    let lines = run(&mut app, 120, 30, keys(&[Enter]));
    let asked = lines.join("\n");
    assert!(asked.contains("整本手册改用模板「"), "{asked}");
    assert!(asked.contains("这一步不能撤销"), "{asked}");
    let lines = run(&mut app, 120, 30, keys(&[Char('n')]));
    assert!(!contains(&lines, "已改用模板"), "{lines:#?}");
    assert_eq!(app.info().template_id, "default");
    assert_eq!(book(&dir).view().active_template_id().unwrap(), None);
    let lines = run(&mut app, 120, 30, keys(&[Enter, Char('y')]));
    assert!(contains(&lines, "已改用模板"), "{lines:#?}");
    assert_eq!(app.info().template_id, "education");
    assert_eq!(
        book(&dir).view().active_template_id().unwrap().as_deref(),
        Some("education")
    );
    let _ = Right;
}

#[test]
fn a_click_selects_and_the_wheel_scrolls() {
    use ratatui::crossterm::event::{Event, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
    let dir = TempDir::new().unwrap();
    let (mut app, _) = three(&dir);
    let mouse = |kind, column, row| {
        ScriptedEvents(
            [Event::Mouse(MouseEvent {
                kind,
                column,
                row,
                modifiers: KeyModifiers::NONE,
            })]
            .into(),
        )
    };
    // The board's first column: its rows start on screen row 2; click the third.
    run(
        &mut app,
        100,
        30,
        mouse(MouseEventKind::Down(MouseButton::Left), 3, 4),
    );
    let b = app.view::<BoardView>().unwrap();
    assert_eq!((b.focus, b.columns[0].sel), (0, 2));
    // A click in the second column moves the focus there.
    run(
        &mut app,
        100,
        30,
        mouse(MouseEventKind::Down(MouseButton::Left), 25, 2),
    );
    assert_eq!(app.view::<BoardView>().unwrap().focus, 1);
    run(
        &mut app,
        100,
        30,
        mouse(MouseEventKind::Down(MouseButton::Left), 3, 2),
    );
    run(&mut app, 100, 30, mouse(MouseEventKind::ScrollDown, 3, 2));
    assert_eq!(app.view::<BoardView>().unwrap().columns[0].sel, 1);
}

#[test]
fn capital_m_merges_two_marked_contacts_into_the_one_under_the_cursor_after_asking() {
    let dir = TempDir::new().unwrap();
    let (mut app, [_zhang, li, wang]) = three(&dir);
    let before = events_count(&dir);
    // One mark is not enough: said in the app's words, nothing written.
    let lines = run(&mut app, 100, 30, keys(&[Char(' '), Char('M')]));
    assert!(contains(&lines, "合并要先用空格标记两位客户"), "{lines:#?}");
    assert_eq!(events_count(&dir), before);
    // 王五 (marked, top) and 李四 (marked, under the cursor): asked, and `n` keeps both.
    let lines = run(&mut app, 100, 30, keys(&[Down, Char(' '), Char('M')]));
    let question = format!("把 王五 (#{wang}) 合并进 李四 (#{li})？");
    assert!(contains(&lines, &question), "{lines:#?}");
    run(&mut app, 100, 30, keys(&[Char('n')]));
    assert_eq!(events_count(&dir), before, "no is no");
    assert_eq!(app.marks().len(), 2, "the marks stay for another try");
    // `y` merges 王五 into 李四: one change, the marks gone.
    run(&mut app, 100, 30, keys(&[Char('M'), Char('y')]));
    assert_eq!(events_count(&dir), before + 1);
    assert!(app.marks().is_empty());
    assert_eq!(
        book(&dir).view().contact(wang).unwrap().merged_into,
        Some(li)
    );
    assert_eq!(book(&dir).view().contact(li).unwrap().merged_into, None);
    // Undo takes it back.
    run(&mut app, 100, 30, keys(&[Char('u')]));
    assert_eq!(book(&dir).view().contact(wang).unwrap().merged_into, None);
}

/// `u` undoes at once what this app did; the newest change made elsewhere (another
/// terminal, a second app) is named and asked about first, and "no" leaves it.
#[test]
fn u_asks_before_undoing_a_change_made_elsewhere() {
    let dir = TempDir::new().unwrap();
    let (mut app, _) = three(&dir);
    let mut elsewhere = book(&dir);
    let other = add(&mut elsewhere, "另一终端加的", None);
    run(&mut app, 100, 30, keys(&[Char('u')]));
    let lines = run(&mut app, 100, 30, ScriptedEvents::default());
    assert!(
        contains(&lines, "不是在这个窗口里做的：新增客户（另一"),
        "{lines:#?}"
    );
    run(&mut app, 100, 30, keys(&[Char('n')]));
    assert!(
        book(&dir).view().contact(other).is_ok(),
        "no: left as it was"
    );
    let lines = run(&mut app, 100, 30, keys(&[Char('u'), Char('y')]));
    assert!(
        contains(&lines, "已撤销：新增客户（另一终端加的）"),
        "{lines:#?}"
    );
    assert!(book(&dir).view().contact(other).is_err());
    // The app's own change is undone without a question.
    let id = app.view::<BoardView>().unwrap().current().unwrap().id;
    run(&mut app, 100, 30, keys(&[Char('g'), Char('a')]));
    assert_eq!(book(&dir).view().contact(id).unwrap().grade, Some(Grade::A));
    let lines = run(&mut app, 100, 30, keys(&[Char('u')]));
    assert!(contains(&lines, "已撤销"), "{lines:#?}");
    assert!(!contains(&lines, "不是在这个窗口里做的"), "{lines:#?}");
}

/// A bulk change names the marked contacts it passed over (here the one already of that
/// grade), not only how many.
#[test]
fn a_bulk_change_names_whom_it_skipped() {
    let dir = TempDir::new().unwrap();
    let (mut app, [zhang, ..]) = three(&dir);
    assert_eq!(
        book(&dir).view().contact(zhang).unwrap().grade,
        Some(Grade::B)
    );
    let lines = run(
        &mut app,
        100,
        30,
        keys(&[
            KeyCode::Home,
            Char(' '),
            Down,
            Char(' '),
            Down,
            Char(' '),
            Char('g'),
            Char('b'),
        ]),
    );
    assert!(
        contains(&lines, "已批量改等级：2 位客户，1 位不适用已跳过（张三）"),
        "{lines:#?}"
    );
}

/// A change no undo reverses (a template switch made elsewhere) is not asked about: `u`
/// says at once why it cannot be undone.
#[test]
fn u_does_not_ask_about_what_cannot_be_undone() {
    let dir = TempDir::new().unwrap();
    let (_, _) = three(&dir);
    let education = salesbook::sop::Library::builtin("education")
        .expect("a built-in template")
        .template;
    book(&dir).use_template(education).unwrap();
    // The app opened on the book as it is now (following education).
    let clock = salesbook::clock::Clock::parse(NOW).unwrap();
    let mut session = salesbook::service::Session::with_default_template(clock, "测试");
    session.template = salesbook::service::SessionTemplate::builtin("education");
    let opened =
        salesbook::service::Book::open(&dir.path().join("book.sqlite"), session, false).unwrap();
    let mut app = App::new(opened, Lang::Zh);
    run(&mut app, 100, 30, keys(&[Char('u')]));
    let lines = run(&mut app, 100, 30, ScriptedEvents::default());
    assert!(!contains(&lines, "不是在这个窗口里做的"), "{lines:#?}");
    assert!(contains(&lines, "不能撤销"), "{lines:#?}");
}
