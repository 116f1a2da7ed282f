//! Undo, kind by kind: each change undone leaves the contacts, their timelines, stage
//! histories and open follow-ups exactly as before it — and the log keeps both the change
//! and its undo. Then the command line: what it says, and what it refuses.

mod common;

use common::{NOW, Sb, exec, open_book};
use salesbook::domain::command::{BatchKind, Command};
use salesbook::domain::state::ContactState;
use salesbook::domain::{Channel, ContactPatch, NewContact, Stage, TagRef};
use salesbook::service::{Book, Error};
use serde_json::{Value, json};

/// Everything undo must restore, for every contact of the book.
fn state(book: &Book) -> Value {
    let view = book.view();
    let all = salesbook::service::ListQuery {
        filter: salesbook::store::ContactFilter {
            include_archived: true,
            ..Default::default()
        },
        ..Default::default()
    };
    let contacts: Vec<Value> = view
        .list(&all)
        .unwrap()
        .iter()
        .map(|c| {
            let timeline: Vec<Value> = view
                .timeline(c.id)
                .unwrap()
                .iter()
                .map(|i| json!([i.id, i.kind.key(), i.text, i.at.timestamp()]))
                .collect();
            let stages: Vec<Value> = view
                .stage_history(c.id)
                .unwrap()
                .iter()
                .map(|r| serde_json::to_value(r).unwrap())
                .collect();
            // A re-made plan may give its items new ids: compare what they say.
            let mut followups: Vec<Value> = view
                .open_followups_of(c.id)
                .unwrap()
                .iter()
                .map(|f| json!([f.track.key(), f.step, f.due.timestamp(), f.snoozed]))
                .collect();
            followups.sort_by_key(|f| f.to_string());
            json!({
                "id": c.id,
                "state": ContactState::of(c),
                "last_touch": c.last_touch_at.map(|t| t.timestamp()),
                "stage_since": c.stage_since.timestamp(),
                "timeline": timeline,
                "stages": stages,
                "followups": followups,
            })
        })
        .collect();
    json!({ "contacts": contacts, "template": view.active_template_id().unwrap() })
}

/// A book with three contacts in different states, opened an hour after they were made.
fn fixture(dir: &std::path::Path) -> Book {
    let path = dir.join("book.sqlite");
    let mut book = open_book(&path, NOW);
    for (name, grade) in [("张三丰", "A"), ("李四", "B"), ("王五", "C")] {
        exec(
            &mut book,
            Command::Add(NewContact {
                name: name.into(),
                phone: Some("13800001234".into()),
                grade: Some(grade.parse().unwrap()),
                tags: vec!["客户来源/朋友圈".parse().unwrap()],
                // One family phone for the three.
                duplicate_ok: true,
                ..Default::default()
            }),
        );
    }
    drop(book);
    let mut book = open_book(&path, "2026-11-23T10:30:00+08:00");
    exec(
        &mut book,
        Command::Log {
            id: 1,
            text: "加了微信".into(),
            channel: Some(Channel::Wechat),
            inbound: false,
        },
    );
    exec(
        &mut book,
        Command::Move {
            id: 3,
            to: Stage::Pitch,
        },
    );
    exec(
        &mut book,
        Command::Lost {
            id: 3,
            reason: "预算不够".into(),
        },
    );
    book
}

fn first_open_followup(book: &Book, id: i64) -> i64 {
    book.view().open_followups_of(id).unwrap()[0].id
}

/// Runs `make(book)`, checks it changed something, undoes it, checks all is as before.
fn undoes_exactly(kind: &str, make: impl FnOnce(&Book) -> Command) {
    let dir = tempfile::tempdir().unwrap();
    let mut book = fixture(dir.path());
    let before = state(&book);
    let events_before = book.view().count_events().unwrap();
    let cmd = make(&book);
    let applied = book
        .execute(cmd)
        .unwrap_or_else(|e| panic!("{kind}: {e:?}"));
    assert!(
        applied.event.is_some(),
        "{kind}: the change made no log entry"
    );
    assert_ne!(state(&book), before, "{kind}: the command changed nothing");
    let undone = book
        .undo_last()
        .unwrap_or_else(|e| panic!("undo {kind}: {e:?}"));
    assert_eq!(
        state(&book),
        before,
        "undo of {kind} did not restore the book"
    );
    // The log keeps both: the change and the undo naming it.
    let events = book.view().events().unwrap();
    assert_eq!(events.len() as i64, events_before + 2, "{kind}");
    let undo = events.last().unwrap();
    assert_eq!(undo.action, "undo");
    assert_eq!(undo.undoes, applied.event, "{kind}");
    assert_eq!(Some(undo.id), undone.event);
    assert!(
        book.view().verify().unwrap().ok(),
        "{kind}: verify after undo"
    );
}

#[test]
fn every_kind_of_change_undoes_exactly() {
    undoes_exactly("add", |_| {
        Command::Add(NewContact {
            name: "赵六".into(),
            ..Default::default()
        })
    });
    undoes_exactly("edit", |_| Command::Edit {
        id: 1,
        patch: ContactPatch {
            phone: Some(Some("13911112222".into())),
            need: Some(Some("想改善睡眠".into())),
            honorific: Some(Some("张总".into())),
            ..Default::default()
        },
    });
    undoes_exactly("tag", |_| Command::Tag {
        id: 1,
        add: vec!["意向/近期购买".parse::<TagRef>().unwrap()],
        remove: vec!["客户来源/朋友圈".parse().unwrap()],
    });
    undoes_exactly("grade", |_| Command::Grade { id: 2, grade: None });
    undoes_exactly("move", |_| Command::Move {
        id: 1,
        to: Stage::Resolve,
    });
    undoes_exactly("won", |_| Command::Won {
        id: 1,
        amount_cents: Some(399_900),
        product: Some("标准套装（季装）".into()),
    });
    undoes_exactly("lost", |_| Command::Lost {
        id: 1,
        reason: "选了竞品".into(),
    });
    undoes_exactly("reopen", |_| Command::Reopen { id: 3 });
    undoes_exactly("log", |_| Command::Log {
        id: 2,
        text: "打了电话".into(),
        channel: Some(Channel::Phone),
        inbound: false,
    });
    undoes_exactly("inbound", |_| Command::Log {
        id: 2,
        text: "客户问了价格".into(),
        channel: Some(Channel::Wechat),
        inbound: true,
    });
    undoes_exactly("script sent", |_| Command::ScriptSent {
        id: 2,
        script_id: "welcome".into(),
        title: "欢迎语".into(),
    });
    undoes_exactly("archive", |_| Command::Archive { id: 2 });
    undoes_exactly("done", |b| Command::Done {
        followup: first_open_followup(b, 1),
        note: Some("约了周五".into()),
    });
    undoes_exactly("snooze", |b| Command::Snooze {
        followup: first_open_followup(b, 2),
        until: chrono::DateTime::parse_from_rfc3339("2026-11-28T15:00:00+08:00")
            .unwrap()
            .to_utc(),
    });
    undoes_exactly("skip", |b| Command::Skip {
        followup: first_open_followup(b, 2),
        reason: "客户出差".into(),
    });
    undoes_exactly("merge", |_| Command::Merge { keep: 1, other: 2 });
    undoes_exactly("bulk", |_| Command::Batch {
        kind: BatchKind::Bulk,
        commands: vec![
            Command::Move {
                id: 1,
                to: Stage::Pitch,
            },
            Command::Tag {
                id: 2,
                add: vec!["意向/近期购买".parse().unwrap()],
                remove: vec![],
            },
            Command::Archive { id: 3 },
        ],
    });
}

#[test]
fn unarchive_undoes_and_a_template_change_is_refused_whole() {
    let dir = tempfile::tempdir().unwrap();
    let mut book = fixture(dir.path());
    exec(&mut book, Command::Archive { id: 2 });
    let before = state(&book);
    exec(&mut book, Command::Unarchive { id: 2 });
    book.undo_last().unwrap();
    assert_eq!(state(&book), before);

    let before = state(&book);
    let education = salesbook::sop::Library::builtin("education")
        .unwrap()
        .template;
    book.use_template(education).unwrap();
    let switched = state(&book);
    assert_ne!(switched, before);
    // Its plans could not come back with the setting: refused, the book as it is, and an
    // older change is not undone in its place.
    let err = book.undo_last().unwrap_err();
    assert!(
        matches!(&err, salesbook::service::Error::NotUndoable { action, .. } if action == "template.use"),
        "{err:?}"
    );
    assert_eq!(state(&book), switched);
    assert_eq!(
        book.view().active_template_id().unwrap().as_deref(),
        Some("education")
    );
}

#[test]
fn an_add_worked_on_since_is_archived_not_removed() {
    let dir = tempfile::tempdir().unwrap();
    let mut book = fixture(dir.path());
    let batch = book
        .execute(Command::Batch {
            kind: BatchKind::Import,
            commands: (0..3)
                .map(|i| {
                    Command::Add(NewContact {
                        name: format!("导入{i}"),
                        ..Default::default()
                    })
                })
                .collect(),
        })
        .unwrap();
    // Contact 5 is worked with by someone else after the import.
    let mut other = Book::open(
        &dir.path().join("book.sqlite"),
        salesbook::service::Session::with_default_template(
            salesbook::clock::Clock::parse(NOW).unwrap(),
            "同事",
        ),
        false,
    )
    .unwrap();
    exec(
        &mut other,
        Command::Log {
            id: 5,
            text: "打过电话".into(),
            channel: Some(Channel::Phone),
            inbound: false,
        },
    );
    book.execute(Command::Undo {
        event: batch.event.unwrap(),
    })
    .unwrap();
    let view = book.view();
    assert!(view.find(4).unwrap().is_none(), "untouched: removed");
    assert!(view.find(6).unwrap().is_none(), "untouched: removed");
    let kept = view.find(5).unwrap().expect("worked with: kept");
    assert!(kept.archived, "worked with: archived");
    assert_eq!(
        view.timeline(5).unwrap().len(),
        2,
        "its entries stay with it"
    );
    assert!(view.verify().unwrap().ok());
}

#[test]
fn an_undo_that_would_lose_a_later_change_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut book = fixture(dir.path());
    let moved = book
        .execute(Command::Move {
            id: 1,
            to: Stage::Pitch,
        })
        .unwrap();
    exec(
        &mut book,
        Command::Edit {
            id: 1,
            patch: ContactPatch {
                need: Some(Some("新需求".into())),
                ..Default::default()
            },
        },
    );
    let err = book
        .execute(Command::Undo {
            event: moved.event.unwrap(),
        })
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::UndoBlocked {
                contact: 1,
                by: Some(_),
                ..
            }
        ),
        "{err:?}"
    );
    // Undone in order, both go.
    book.undo_last().unwrap();
    book.undo_last().unwrap();
    assert_eq!(book.view().contact(1).unwrap().stage, Stage::Discover);
    let again = book.execute(Command::Undo {
        event: moved.event.unwrap(),
    });
    assert!(
        matches!(again, Err(Error::AlreadyUndone { .. })),
        "{again:?}"
    );
}

#[test]
fn the_command_line_says_what_it_undid_and_what_it_cannot() {
    let sb = Sb::new();
    let err = sb.fail(&["undo"]);
    assert!(err.contains("找不到客户手册"), "{err}");
    sb.add(&["--name", "张三丰"]);
    sb.ok(&["move", "1", "pitch"]);
    sb.ok(&["won", "1", "--amount", "3999"]);
    let list = sb.ok(&["undo", "--list"]);
    assert!(list.contains("成交") && list.contains("换阶段"), "{list}");
    assert_eq!(sb.ok(&["undo"]), "已撤销 #4 成交（张三丰）\n");
    assert_eq!(sb.contact(1)["outcome"], "open");
    let out = sb.run(&["undo", "--steps", "5"]);
    assert!(out.status.success());
    assert_eq!(
        common::stdout(&out),
        "已撤销 #3 换阶段（张三丰）\n已撤销 #2 新增客户（张三丰）\n"
    );
    // Asked for more than there was: said, not passed over.
    assert!(
        common::stderr(&out).contains("要撤销 5 次，只有 2 次可以撤销"),
        "{}",
        common::stderr(&out)
    );
    assert!(sb.all().is_empty());
    let err = sb.fail(&["undo"]);
    assert!(err.contains("没有可以撤销的操作"), "{err}");
    let list = sb.json(&["undo", "--list", "--format", "json"]);
    // Every change is undone now: none is offered again.
    let entries = list.as_array().unwrap();
    assert_eq!(
        entries.iter().filter(|e| !e["undone_by"].is_null()).count(),
        3,
        "{list}"
    );
    assert!(entries.iter().all(|e| e["undoable"] == false), "{list}");
    sb.ok(&["verify"]);
}

/// Undoing a regrade puts the contact back on the old grade's cadence where it was, not at
/// that cadence's first step from the moment of the undo.
#[test]
fn undoing_a_grade_change_gives_back_the_old_grades_plan() {
    let mut sb = Sb::new();
    sb.set_now("2026-11-10T10:00:00+08:00");
    let id = sb.add(&["--name", "赵晨洋", "--grade", "A"]);
    let sid = id.to_string();
    sb.ok(&["log", &sid, "--note", "聊了需求", "--channel", "wechat"]);
    sb.set_now("2026-11-20T10:00:00+08:00");
    let plan = |sb: &Sb| -> Vec<(String, String)> {
        let v = sb.json(&["agenda", "--format", "json", "--days", "30"]);
        v.as_array()
            .unwrap()
            .iter()
            .map(|i| {
                (
                    i["action"].as_str().unwrap().to_string(),
                    i["due"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    let before = plan(&sb);
    assert!(!before.is_empty());
    sb.ok(&["edit", &sid, "--grade", "B"]);
    assert_ne!(plan(&sb), before);
    sb.set_now("2026-11-20T10:05:00+08:00");
    sb.ok(&["undo"]);
    assert_eq!(plan(&sb), before);
}

/// A snooze is the rep's own date: a touch logged by mistake replaces it (the touch did the
/// step), and undoing the touch brings the snoozed item back with its date and id.
#[test]
fn undoing_a_touch_gives_back_the_snooze_it_replaced() {
    let mut sb = Sb::new();
    sb.set_now("2026-11-23T09:30:00+08:00");
    let id = sb.add(&["--name", "王五", "--grade", "B", "--wechat", "ww1"]);
    let sid = id.to_string();
    sb.ok(&["log", &sid, "--channel", "wechat", "--note", "聊"]);
    let items = |sb: &Sb| -> Vec<(String, String, String)> {
        let v = sb.json(&["agenda", "--format", "json", "--days", "40"]);
        v.as_array()
            .unwrap()
            .iter()
            .map(|i| {
                (
                    i["followup_id"].to_string(),
                    i["action"].as_str().unwrap().to_string(),
                    i["due"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    let cadence =
        sb.json(&["agenda", "--format", "json", "--days", "40"])[0]["followup_id"].to_string();
    sb.ok(&["snooze", &cadence, "--until", "2026-12-13"]);
    sb.set_now("2026-11-26T10:00:00+08:00");
    let snoozed = items(&sb);
    assert!(
        snoozed
            .iter()
            .any(|(f, _, due)| *f == cadence && due == "2026-12-13T09:00:00+08:00"),
        "{snoozed:?}"
    );
    sb.ok(&["log", &sid, "--channel", "phone", "--note", "记错了人"]);
    assert_ne!(items(&sb), snoozed);
    sb.ok(&["undo"]);
    assert_eq!(items(&sb), snoozed);
    sb.ok(&["verify"]);
}

/// A duplicate merged in keeps nothing back: both notes stay, and a duplicate that already
/// bought makes the open lead kept that customer (won, in 理售后, the purchase with it).
/// Undone, both are as they were.
#[test]
fn merging_a_won_duplicate_with_notes_and_undoing_it() {
    let mut sb = Sb::new();
    sb.set_now("2026-11-20T10:00:00+08:00");
    let lead = sb.add(&[
        "--name",
        "李四",
        "--phone",
        "13900001111",
        "--note",
        "想要送礼",
    ]);
    let dup = sb.add(&[
        "--name",
        "李四",
        "--wechat",
        "lisi_88",
        "--note",
        "晚上方便",
    ]);
    sb.ok(&[
        "won",
        &dup.to_string(),
        "--amount",
        "1299",
        "--product",
        "焕颜精华套装",
    ]);
    // As they were, but for the time of the last change (the undo is one).
    let without_updated = |mut c: Value| {
        c.as_object_mut().unwrap().remove("updated_at");
        c
    };
    let before = (
        without_updated(sb.contact(lead)),
        without_updated(sb.contact(dup)),
    );
    sb.set_now("2026-11-21T10:00:00+08:00");
    sb.ok(&["merge", &lead.to_string(), &dup.to_string()]);
    let kept = sb.contact(lead);
    assert_eq!(kept["notes"], "想要送礼\n晚上方便", "{kept:#}");
    assert_eq!(
        (&kept["outcome"], &kept["stage"], &kept["wechat"]),
        (&"won".into(), &"aftercare".into(), &"lisi_88".into()),
        "{kept:#}"
    );
    let shown = sb.ok(&["show", &lead.to_string()]);
    assert!(
        shown.contains("¥1299") && !shown.contains("≠ notes"),
        "{shown}"
    );
    sb.ok(&["verify"]);
    sb.ok(&["undo"]);
    assert_eq!(
        (
            without_updated(sb.contact(lead)),
            without_updated(sb.contact(dup))
        ),
        before
    );
    sb.ok(&["verify"]);
}

/// `undo --list` names the contact of every change, also of those that left its fields as
/// they were: a touch logged, a follow-up done or snoozed.
#[test]
fn the_undo_list_names_the_contact_of_a_touch_and_of_a_follow_up() {
    let mut sb = Sb::new();
    sb.set_now("2026-11-23T09:30:00+08:00");
    let id = sb.add(&["--name", "周一鸣", "--grade", "B"]);
    sb.ok(&[
        "log",
        &id.to_string(),
        "--channel",
        "wechat",
        "--note",
        "问候",
    ]);
    let f = sb.json(&["agenda", "--format", "json", "--days", "30"])[0]["followup_id"].to_string();
    sb.ok(&["snooze", &f, "--until", "+2d"]);
    let list = sb.json(&["undo", "--list", "--format", "json"]);
    let named: Vec<(String, Value, Value)> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["action"].as_str().unwrap().to_string(),
                e["contact_id"].clone(),
                e["contacts"].clone(),
            )
        })
        .collect();
    for want in ["followup.snooze", "interaction.log", "contact.add"] {
        let (_, contact, names) = named
            .iter()
            .find(|(a, ..)| a == want)
            .unwrap_or_else(|| panic!("no {want}: {named:?}"));
        assert_eq!(names, &json!(["周一鸣"]), "{want}: {named:?}");
        if want != "contact.add" {
            assert_eq!(contact, &json!(id), "{want}: {named:?}");
        }
    }
    let table = sb.ok(&["undo", "--list"]);
    assert_eq!(table.matches("周一鸣").count(), 3, "{table}");
}
