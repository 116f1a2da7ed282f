//! A rep's whole day in the real binary, in a pseudo-terminal, each step waiting for its
//! visible effect: first run (their name), the demo, a lead written by another process,
//! a script copied (OSC 52), a call logged, a stage move, a win and its undo, a pasted
//! lead, three contacts tagged at once, a search by pinyin initials. Then the book holds
//! exactly those changes, and the terminal is given back as it was.

mod tui_kit;

use tempfile::TempDir;
use tui_kit::pty::Session;

const CTRL_S: &str = "\x13";
const ESC: &str = "\x1b";
const TAB: &str = "\t";
const BACKTAB: &str = "\x1b[Z";
const DOWN: &str = "\x1b[B";

/// The log's actions after the demo, oldest first.
fn actions_after_demo(book: &std::path::Path) -> Vec<(String, String)> {
    let conn = rusqlite::Connection::open(book).unwrap();
    let demo: i64 = conn
        .query_row(
            "SELECT id FROM events WHERE action = 'demo.fill'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let mut stmt = conn
        .prepare("SELECT action, actor FROM events WHERE id > ?1 ORDER BY id")
        .unwrap();
    stmt.query_map([demo], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn a_reps_day_from_first_run_to_quit() {
    let dir = TempDir::new().unwrap();
    // `stty -a` runs in the same terminal after the app: it shows whether raw mode was left.
    let mut s = Session::start_in(dir, &[("SSH_TTY", "/dev/pts/9")], Some("stty -a"));

    // First run: the name, and how scripts call the rep.
    s.wait_for("第一次使用：你的名字");
    s.send("王芳");
    s.send(TAB);
    s.send(DOWN);
    s.wait_for("小王 ▾");
    s.send(CTRL_S);
    s.wait_for("已保存，话术里会称你为 小王");
    let config =
        std::fs::read_to_string(s.dir.path().join("config/salesbook/config.toml")).unwrap();
    // The full name signs the log; scripts call the rep 小王.
    assert!(config.contains("name = \"王芳\""), "{config}");
    assert!(config.contains("call = \"小王\""), "{config}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let meta = std::fs::metadata(s.dir.path().join("config/salesbook/config.toml")).unwrap();
        assert_eq!(meta.permissions().mode() & 0o777, 0o600);
    }

    // The demo, then Today.
    s.send("d");
    s.wait_for("已载入示例数据");
    // The demo's own leads that came in minutes ago.
    s.wait_for("新线索待回复 2");

    // Another process adds a lead: Today shows it within a few seconds, waiting.
    s.elsewhere(&[
        "add",
        "--name",
        "陈新",
        "--source",
        "朋友圈",
        "--need",
        "想给父母买保健品",
    ]);
    s.wait_for("新线索待回复 3");
    s.wait_for("陈新");

    // Open the lead (found by name), copy its first-reply script.
    s.send("/");
    s.wait_for("搜索客户");
    s.send("陈新");
    s.wait_for(" 姓名 ");
    s.send("\r");
    s.wait_for("SOP · 挖需求");
    s.send("y");
    s.wait_for("已复制");
    let copied = s.osc52_copies();
    assert_eq!(copied.len(), 1);
    assert!(!copied[0].contains('{'), "{}", copied[0]);
    assert!(
        copied[0].contains("小王"),
        "{{me}} is the rep's chosen name: {}",
        copied[0]
    );

    // Today no longer lists the lead as waiting.
    s.send(ESC);
    s.wait_for("新线索待回复 2");

    // Back to the lead (found by name): log a call with a Chinese note, move the stage,
    // mark it won.
    s.send("/");
    s.wait_for("搜索客户");
    s.send("陈新");
    s.wait_for(" 姓名 ");
    s.send("\r");
    s.wait_for("SOP · 挖需求");
    s.send("l");
    s.wait_for("记录跟进 · 陈新");
    s.send(BACKTAB);
    s.send(DOWN);
    s.wait_for("电话 ▾");
    s.send(TAB);
    s.send("约了周五下午再聊");
    s.send(CTRL_S);
    s.wait_for("已记录电话：陈新");
    s.send(">");
    s.wait_for("已移到 抛产品：陈新");
    s.wait_for("SOP · 抛产品");
    s.send("w");
    s.wait_for("成交 · 陈新");
    s.send("3999");
    s.send(TAB);
    s.send(DOWN);
    s.send(CTRL_S);
    s.wait_for("陈新 已成交");
    s.wait_for("SOP · 理售后");
    // Undo: the win is taken back, and the status line says what.
    s.send("u");
    s.wait_for("已撤销：成交（陈新）");
    s.wait_for("SOP · 抛产品");

    // A pasted lead: two lines, and a q that must not quit.
    s.send(ESC);
    s.wait_for("今日");
    s.send("a");
    s.wait_for("新客户");
    s.paste("陈晨\n想了解课程 qq号 12345");
    s.wait_for("陈晨 想了解课程 qq号 12345");
    s.send(CTRL_S);
    s.wait_for("已添加 陈晨 想了解课程 qq号 12345");

    // Three contacts of the first column tagged in one change.
    s.send("2");
    s.wait_for("挖需求 ");
    s.send(" ");
    s.send("j");
    s.send(" ");
    s.send("j");
    s.send(" ");
    s.wait_for("已标记 3");
    let gift_tags_before = gift_tags(&s.book());
    s.send("t");
    s.wait_for("标签 · 已标记 3");
    s.send("送礼");
    s.send(" ");
    s.send("\r");
    s.wait_for("已批量加标签：3 位客户");

    // Search by pinyin initials, open the result.
    s.send("/");
    s.wait_for("搜索客户");
    s.send("cx");
    s.wait_for("姓名拼音");
    s.send("\r");
    s.wait_for("SOP · 抛产品");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);

    // The terminal is given back: main screen, cursor shown, no bracketed paste, and
    // cooked mode (stty shows icanon and echo on).
    assert!(!s.in_alternate_screen());
    let screen = s.parser.lock().unwrap().screen().clone();
    assert!(!screen.hide_cursor());
    assert!(!screen.bracketed_paste());
    let after = s.contents();
    assert!(
        after.contains(" icanon") && after.contains(" echo "),
        "{after}"
    );
    assert!(!after.contains("-icanon"), "{after}");

    // The book holds exactly the day's changes, signed by the rep.
    let actions = actions_after_demo(&s.book());
    let want = [
        "contact.add",
        "interaction.script_sent",
        "interaction.log",
        "contact.move",
        "contact.won",
        "undo",
        "contact.add",
        "batch.bulk",
    ];
    assert_eq!(
        actions.iter().map(|(a, _)| a.as_str()).collect::<Vec<_>>(),
        want
    );
    assert!(actions.iter().all(|(_, who)| who == "王芳"), "{actions:?}");
    let conn = rusqlite::Connection::open(s.book()).unwrap();
    let (stage, outcome): (String, String) = conn
        .query_row(
            "SELECT stage, outcome FROM contacts WHERE name = '陈新'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((stage.as_str(), outcome.as_str()), ("pitch", "open"));
    let calls: i64 = conn
        .query_row(
            "SELECT count(*) FROM interactions i JOIN contacts c ON c.id = i.contact_id \
             WHERE c.name = '陈新' AND i.kind = 'call' AND i.body = '约了周五下午再聊'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(calls, 1);
    assert_eq!(gift_tags(&s.book()), gift_tags_before + 3);
}

/// How many contacts carry the tag 送礼.
fn gift_tags(book: &std::path::Path) -> i64 {
    rusqlite::Connection::open(book)
        .unwrap()
        .query_row(
            "SELECT count(*) FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id \
             WHERE t.name = '送礼'",
            [],
            |r| r.get(0),
        )
        .unwrap()
}

/// The first run offers the full name as the 称呼; a rep who types their own gets exactly
/// what they typed, not the name with it appended.
#[test]
fn a_call_typed_at_first_run_replaces_the_one_offered() {
    let dir = TempDir::new().unwrap();
    let mut s = Session::start_in(dir, &[], None);
    s.wait_for("第一次使用：你的名字");
    s.send("王芳");
    s.send(TAB);
    s.wait_for("王芳 ▾");
    s.send("芳姐");
    s.send(CTRL_S);
    s.wait_for("已保存，话术里会称你为 芳姐");
    let config =
        std::fs::read_to_string(s.dir.path().join("config/salesbook/config.toml")).unwrap();
    assert!(config.contains("call = \"芳姐\""), "{config}");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}
