//! `salesbook render`: one frame of a view as the app draws it, through the reader. The
//! screens in `assets/` (shown in the README) are rendered this way from the demo book and
//! must stay what the app draws (`SALESBOOK_WRITE_ASSETS=1` writes them again).

mod common;

use common::Sb;
use std::path::{Path, PathBuf};

/// The demo book, with the rep's name set, at the tests' fixed clock.
fn demo() -> Sb {
    let sb = Sb::new();
    sb.write("config/salesbook/config.toml", "[me]\nname = \"小王\"\n");
    sb.ok(&["demo"]);
    sb
}

fn asset(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets")
        .join(name)
}

/// Every file in the folder with its bytes: the book, and whatever lies beside it.
fn folder(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn the_readme_screens_are_what_the_app_draws() {
    let sb = demo();
    let screens: [(&str, &[&str]); 4] = [
        ("today.txt", &["render", "today", "--size", "100x30"]),
        ("board.txt", &["render", "board", "--size", "100x30"]),
        (
            "card.txt",
            &["render", "card", "--contact", "53", "--size", "100x30"],
        ),
        (
            "search.txt",
            &["render", "search", "--query", "ly", "--size", "100x30"],
        ),
    ];
    let write = std::env::var("SALESBOOK_WRITE_ASSETS").is_ok_and(|v| v == "1");
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md");
    for (file, args) in screens {
        let frame = sb.ok(args);
        assert_eq!(frame.lines().count(), 30, "{file}:\n{frame}");
        if write {
            std::fs::write(asset(file), &frame).unwrap();
        }
        let want = std::fs::read_to_string(asset(file)).unwrap_or_default();
        assert_eq!(frame, want, "assets/{file} is not what the app draws now");
        // The README shows the same screens, in its ```text blocks.
        let shown = format!("```text\n{}", frame.trim_end_matches('\n'));
        assert!(
            readme.contains(&shown),
            "README.md does not show assets/{file} as the app draws it now"
        );
    }
}

#[test]
fn render_never_changes_the_book_or_its_folder() {
    let sb = demo();
    // Let the writer's log settle into the file first, as it does when a writer closes.
    let before = folder(sb.root());
    for args in [
        &["render", "today"][..],
        &["render", "board", "--size", "80x24"],
        &["render", "card", "--contact", "1"],
        &["render", "help"],
        &["render", "search", "--query", "王"],
    ] {
        sb.ok(args);
    }
    assert_eq!(folder(sb.root()), before);
}

#[test]
fn render_says_what_is_missing_in_its_own_words() {
    let sb = demo();
    assert!(sb.fail(&["render", "card"]).contains("--contact"));
    assert!(sb.fail(&["render", "search"]).contains("--query"));
    assert!(
        sb.fail(&["render", "today", "--size", "wide"])
            .contains("120x40")
    );
    assert!(
        sb.fail(&["render", "card", "--contact", "999"])
            .contains("999")
    );
    // A book that is not there is not made.
    let other = sb.path("none.sqlite");
    let err = sb.fail(&["--db", other.to_str().unwrap(), "render", "today"]);
    assert!(err.contains("找不到"), "{err}");
    assert!(!other.exists());
}

#[test]
fn a_tiny_frame_says_the_window_is_too_small() {
    let sb = demo();
    let frame = sb.ok(&["render", "today", "--size", "40x10"]);
    assert!(frame.contains("窗口太小"), "{frame}");
    assert_eq!(frame.lines().count(), 10);
}

/// At 80×24 the card keeps what a rep opened it for: the next step in full (on a second
/// line when it needs one), stage, last touch and lifecycle before the rest, and a count
/// of the fields that do not fit instead of dropping them without a word.
#[test]
fn a_full_card_at_80x24_keeps_the_next_step_whole_and_counts_what_does_not_fit() {
    let sb = Sb::new();
    sb.add(&[
        "--name",
        "王刚明",
        "--grade",
        "A",
        "--source",
        "朋友圈",
        "--need",
        "办公室零食团购",
        "--budget",
        "3000-5000",
        "--phone",
        "13800001234",
        "--wechat",
        "wgm_88",
        "--company",
        "远山设计",
        "--honorific",
        "王总",
        "--email",
        "wgm@example.com",
        "--note",
        "晚上八点后方便",
    ]);
    // Answered: the next step is the grade's first, longer than the column.
    sb.ok(&["log", "1", "--note", "聊过", "--channel", "wechat"]);
    let frame = sb.ok(&["render", "card", "--contact", "1", "--size", "80x24"]);
    let lines: Vec<&str> = frame.lines().collect();
    let row = |label: &str| {
        lines
            .iter()
            .position(|l| l.contains(&format!("│{label}")))
            .unwrap_or_else(|| panic!("no {label}:\n{frame}"))
    };
    let (next, stage, last, life) = (
        row("下次跟进"),
        row("阶段"),
        row("最近跟进"),
        row("生命周期"),
    );
    assert!(next < stage && stage < last && last < life, "{frame}");
    // The next step's words, whole across its two lines.
    let action = sb.json(&["agenda", "--format", "json"])[0]["action"]
        .as_str()
        .unwrap()
        .to_string();
    let cell = |l: &str| l.split('│').nth(1).unwrap_or("").trim().to_string();
    let joined = format!("{}{}", cell(lines[next]), cell(lines[next + 1]));
    assert!(joined.contains(&action), "{action} in {joined}:\n{frame}");
    assert!(!cell(lines[next]).contains('…'), "{frame}");
    assert!(
        lines[next + 1].starts_with("│         "),
        "a second line:\n{frame}"
    );
    assert!(frame.contains("项放不下，放大窗口可见"), "{frame}");
}

/// A search that finds nobody offers nothing to act on.
#[test]
fn a_search_with_no_results_offers_no_action_on_them() {
    let sb = demo();
    let none = sb.ok(&[
        "render",
        "search",
        "--query",
        "没有这个人xyz",
        "--size",
        "80x24",
    ]);
    assert!(none.contains("共 0 个结果"), "{none}");
    assert!(!none.contains("Tab 对结果操作"), "{none}");
    let some = sb.ok(&["render", "search", "--query", "ly", "--size", "80x24"]);
    assert!(some.contains("Tab 对结果操作"), "{some}");
}

/// Today's border names the selected item's section and the right-hand column, and says
/// what ⚠N means when a row in view has it; the board says what its day counts are.
#[test]
fn today_and_the_board_explain_their_numbers() {
    let sb = demo();
    let today = sb.ok(&["render", "today", "--size", "80x24"]);
    let lines: Vec<&str> = today.lines().collect();
    assert!(lines[1].starts_with("╭ 新线索待回复 "), "{today}");
    assert!(lines[1].ends_with(" 紧急度 ╮"), "{today}");
    let warned = lines.iter().any(|l| l.contains("│● ") && l.contains('⚠'));
    assert_eq!(
        warned,
        today.contains("30 天内的唤醒已超出上限"),
        "the legend shows exactly when a ⚠ does:\n{today}"
    );
    let board = sb.ok(&["render", "board", "--size", "80x24"]);
    assert!(
        board.lines().next().unwrap().ends_with("N天：距上次联系"),
        "{board}"
    );
}

/// On an 80-column screen the dashboard's charts give up room, so a figure's note shows its
/// number, not only its words.
#[test]
fn the_dashboard_at_80_columns_shows_the_notes_numbers() {
    let sb = demo();
    let frame = sb.ok(&["render", "dashboard", "--size", "80x24"]);
    let entered = frame
        .lines()
        .find(|l| l.contains("挖需求 · 进入"))
        .unwrap_or_else(|| panic!("{frame}"));
    let note = entered.split('›').nth(1).unwrap_or("");
    assert!(note.contains("进入后续阶段 "), "{frame}");
    assert!(
        note.chars().any(|c| c.is_ascii_digit()),
        "the rate, at least its first digits: {frame}"
    );
}

/// A row over the wake-up cap carries ⚠N and the border explains it; once a call with the
/// customer is logged the contact is back on its rhythm, and both are gone.
#[test]
fn the_cap_warning_shows_with_its_legend_and_a_call_ends_it() {
    let mut sb = Sb::new();
    sb.set_now("2026-09-01T10:00:00+08:00");
    let id = sb.add(&["--name", "王五", "--grade", "C"]).to_string();
    // Dormant from October; four wake-up messages in four days, two over the cap of two.
    for day in ["09-01", "11-19", "11-20", "11-21", "11-22"] {
        sb.set_now(&format!("2026-{day}T10:00:00+08:00"));
        sb.ok(&["log", &id, "--note", "发了条消息", "--channel", "wechat"]);
    }
    sb.set_now("2026-11-23T09:30:00+08:00");
    let today = sb.ok(&["render", "today", "--size", "80x24"]);
    let row = today
        .lines()
        .find(|l| l.contains("王五"))
        .unwrap_or_else(|| panic!("{today}"));
    assert!(row.contains("⚠2 唤醒 4 次都没有回音"), "{today}");
    assert!(
        today.contains("╰ ⚠2：30 天内的唤醒已超出上限 2 次 "),
        "{today}"
    );
    sb.ok(&["log", &id, "--note", "电话聊了十分钟", "--channel", "phone"]);
    let today = sb.ok(&["render", "today", "--size", "80x24"]);
    assert!(
        !today.contains('⚠') && !today.contains("没有回音"),
        "{today}"
    );
}

/// Near New Year, Today's upcoming items of the next year show their year, as the agenda
/// table does: `01-02 09:00` read like this January.
#[test]
fn next_years_items_on_today_show_their_year() {
    let mut sb = Sb::new();
    sb.set_now("2026-12-30T10:00:00+08:00");
    let id = sb.add(&["--name", "王五", "--grade", "B"]).to_string();
    sb.ok(&["log", &id, "--note", "聊过了", "--channel", "wechat"]);
    sb.ok(&["followup", "add", &id, "2027-01-02 15:00"]);
    sb.ok(&["followup", "add", &id, "明天 15:00"]);
    let today = sb.ok(&["render", "today", "--size", "100x30"]);
    assert!(today.contains("2027-01-02"), "{today}");
    assert!(today.contains("12-31 15:00"), "{today}");
    assert!(!today.contains("01-02 15:00"), "{today}");
}
