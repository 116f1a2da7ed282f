//! The script a Today item suggests is the one the rep copies: on the card opened from the
//! item (listed first and marked when it is another stage's), and with `y` on Today itself.
//! Part of `tui_actions.rs`, whose helpers it uses.

use super::*;
use salesbook::tui::views::today::TodayView;

/// A Today item whose script belongs to another stage than the contact's: its index in the
/// list, the contact and the script's id.
fn other_stage_item(app: &App, dir: &TempDir) -> (usize, i64, String) {
    let b = book(dir);
    let template = b.session().template.clone();
    let today = app.view::<TodayView>().unwrap();
    today
        .items
        .iter()
        .enumerate()
        .find_map(|(i, item)| {
            let script = item.script.clone()?;
            let (sop, _) = template.script(&script)?;
            let stage = b.view().contact(item.contact_id).unwrap().stage;
            (sop.stage != stage).then_some((i, item.contact_id, script))
        })
        .expect("the demo has a cadence item with another stage's script")
}

/// The app on a demo book's Today, copying into a recorder, with the item of
/// [`other_stage_item`].
struct Due {
    app: App,
    copied: Rc<RefCell<Vec<String>>>,
    at: usize,
    id: i64,
    script: String,
    template: salesbook::service::SessionTemplate,
}

fn due_from_another_stage(dir: &TempDir) -> Due {
    demo(dir);
    let (copied, clip) = recorder();
    let mut app = App::new(book(dir), Lang::Zh).with_clipboard(clip);
    run(&mut app, 120, 40, keys(&[]));
    let (at, id, script) = other_stage_item(&app, dir);
    let template = book(dir).session().template.clone();
    Due {
        app,
        copied,
        at,
        id,
        script,
        template,
    }
}

fn recorder() -> (Rc<RefCell<Vec<String>>>, Box<Recorder>) {
    let copied = Rc::new(RefCell::new(Vec::new()));
    (copied.clone(), Box::new(Recorder(copied)))
}

use std::cell::RefCell;
use std::rc::Rc;

#[test]
fn a_card_opened_from_today_selects_the_items_script_even_from_another_stage() {
    let dir = TempDir::new().unwrap();
    let Due {
        mut app,
        copied,
        at,
        id,
        script,
        template,
    } = due_from_another_stage(&dir);
    let title = template.script(&script).unwrap().1.title.clone();
    let downs = vec![Down; at];
    let lines = run(&mut app, 120, 40, keys(&downs).then(keys(&[Enter])));
    assert_eq!(app.view::<CardView>().unwrap().id, id);
    // Listed, marked as the due follow-up's, and selected.
    assert!(contains(&lines, "本次跟进 · "), "{lines:#?}");
    assert!(
        contains(&lines, &title),
        "{title} not on the card: {lines:#?}"
    );
    let card = app.view::<CardView>().unwrap();
    assert_eq!(card.current_item().unwrap().script_id, script);
    let lines = run(&mut app, 120, 40, keys(&[Char('y')]));
    let expected = book(&dir)
        .view()
        .script_for(&template, id, &script)
        .unwrap()
        .expect("the script applies")
        .text;
    assert_eq!(copied.borrow().as_slice(), [expected]);
    let sent = book(&dir).view().timeline(id).unwrap().pop().unwrap();
    assert_eq!(sent.kind, InteractionKind::ScriptSent);
    assert_eq!(sent.script_id.as_deref(), Some(script.as_str()));
    assert!(contains(&lines, "已复制"), "{lines:#?}");
    // Still listed after the card reloaded for the entry it logged.
    assert!(contains(&lines, &title), "{lines:#?}");
}

#[test]
fn y_on_today_copies_and_logs_the_items_script() {
    let dir = TempDir::new().unwrap();
    let Due {
        mut app,
        copied,
        at,
        id,
        script,
        template,
    } = due_from_another_stage(&dir);
    let downs = vec![Down; at];
    let lines = run(&mut app, 120, 40, keys(&downs).then(keys(&[Char('y')])));
    assert_eq!(app.scope(), Scope::Today);
    let expected = book(&dir)
        .view()
        .script_for(&template, id, &script)
        .unwrap()
        .unwrap()
        .text;
    assert_eq!(copied.borrow().as_slice(), [expected]);
    let sent = book(&dir).view().timeline(id).unwrap().pop().unwrap();
    assert_eq!(sent.script_id.as_deref(), Some(script.as_str()));
    assert!(contains(&lines, "已复制"), "{lines:#?}");
}

#[test]
fn y_on_a_today_item_without_a_script_says_to_open_the_card() {
    let dir = TempDir::new().unwrap();
    let mut b = book(&dir);
    let id = add(&mut b, "张三", None);
    // A follow-up set with the customer suggests no script.
    b.execute(Command::ScriptSent {
        id,
        script_id: "welcome".into(),
        title: "欢迎语".into(),
    })
    .unwrap();
    let (copied, clip) = recorder();
    let mut app = App::new(book(&dir), Lang::Zh).with_clipboard(clip);
    let lines = run(&mut app, 120, 40, keys(&[]));
    let today = app.view::<TodayView>().unwrap();
    let Some(at) = today.items.iter().position(|i| i.script.is_none()) else {
        panic!("no item without a script: {lines:#?}");
    };
    let before = book(&dir).view().timeline(id).unwrap().len();
    let downs = vec![Down; at];
    let lines = run(&mut app, 120, 40, keys(&downs).then(keys(&[Char('y')])));
    assert!(copied.borrow().is_empty());
    assert_eq!(book(&dir).view().timeline(id).unwrap().len(), before);
    assert!(contains(&lines, "按 Enter 打开客户卡片"), "{lines:#?}");
}
