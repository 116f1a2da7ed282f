//! End to end: the real binary in a pseudo-terminal, keys typed, the screen read back.

mod tui_kit;

use tui_kit::pty::Session;

#[test]
fn a_new_user_loads_the_demo_opens_a_contact_and_quits_cleanly() {
    let mut s = Session::start(&[]);
    s.wait_for("欢迎使用 salesbook");
    assert!(s.in_alternate_screen());
    s.send("d");
    let screen = s.wait_for("已载入示例数据");
    // A loaded book opens on Today.
    assert!(
        screen.contains("今日") && screen.contains("已逾期"),
        "{screen}"
    );
    s.send("2");
    let screen = s.wait_for("N天：距上次联系");
    for stage in ["挖需求", "抛产品", "解问题", "提成交", "理售后"] {
        assert!(screen.contains(stage), "{screen}");
    }
    s.send("\r");
    s.wait_for("跟进记录");
    s.send("\x1b");
    s.wait_for("筛选");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    assert!(
        !s.in_alternate_screen(),
        "terminal left in the alternate screen"
    );
    assert!(
        !s.parser.lock().unwrap().screen().hide_cursor(),
        "cursor left hidden"
    );
}

/// The app touches a few MB at a time: it runs without 2 MiB pages, off from before `main`
/// (`huge_pages.rs` checks the commands).
#[test]
fn the_app_runs_without_huge_pages() {
    let mut s = Session::start(&[]);
    s.wait_for("欢迎使用 salesbook");
    if cfg!(target_os = "linux") {
        let status = std::fs::read_to_string(format!("/proc/{}/status", s.pid())).unwrap();
        if let Some(line) = status.lines().find(|l| l.starts_with("THP_enabled:")) {
            assert_eq!(line.split_whitespace().nth(1), Some("0"), "{line}");
        }
    }
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn typing_a_chinese_name_places_the_cursor_after_it() {
    let mut s = Session::start(&[]);
    s.wait_for("欢迎使用 salesbook");
    s.send("a");
    s.wait_for("新客户");
    s.send("张三丰");
    let screen = s.wait_for("张三丰");
    let (row, col) = s.parser.lock().unwrap().screen().cursor_position();
    let line = screen.lines().nth(row as usize).unwrap();
    let before: String = {
        // Columns up to the cursor hold the label and the name, in display width.
        let mut cols = 0;
        line.chars()
            .take_while(|c| {
                cols += unicode_width::UnicodeWidthChar::width(*c).unwrap_or(0);
                cols <= col as usize
            })
            .collect()
    };
    assert!(
        before.trim_end().ends_with("张三丰"),
        "cursor at {col} in {line:?}"
    );
    // Ctrl-S saves from any field.
    s.send("\x13");
    s.wait_for("已添加 张三丰");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn terminal_is_restored_after_a_panic() {
    // No backtrace: its lines would scroll the panic's message off the pty's screen.
    let mut s = Session::start(&[("SALESBOOK_DEBUG_FAULT", "panic"), ("RUST_BACKTRACE", "0")]);
    s.wait_for("欢迎使用 salesbook");
    s.send("x");
    let code = s.wait_exit();
    assert_ne!(code, 0);
    assert!(!s.in_alternate_screen());
    assert!(s.contents().contains("injected fault"), "{}", s.contents());
}

#[test]
fn terminal_is_restored_after_an_error() {
    let mut s = Session::start(&[("SALESBOOK_DEBUG_FAULT", "error")]);
    s.wait_for("欢迎使用 salesbook");
    s.send("x");
    assert_eq!(s.wait_exit(), 1);
    assert!(!s.in_alternate_screen());
    assert!(
        s.contents().contains("salesbook: 错误: injected fault"),
        "{}",
        s.contents()
    );
}

#[test]
fn y_sends_the_script_to_the_terminal_clipboard_with_osc52() {
    let mut s = Session::start(&[("SSH_TTY", "/dev/pts/9")]);
    s.wait_for("欢迎使用 salesbook");
    s.send("a");
    s.wait_for("新客户");
    s.send("张三丰\x13");
    s.wait_for("已添加 张三丰");
    // The new lead waits on Today; Enter opens it on the welcome script.
    s.wait_for("新线索待回复 1");
    s.send("\r");
    s.wait_for("SOP · 挖需求");
    s.send("y");
    s.wait_for("已复制");
    // The payload is the base64 of a filled-in Chinese script: a contact without an
    // honorific is addressed as 您, never by full name.
    let text = s.osc52_copies().pop().expect("an OSC 52 sequence");
    assert!(text.starts_with("您好"), "{text}");
    assert!(!text.contains("张三丰好"), "{text}");
    assert!(!text.contains('{'));
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn a_file_that_is_not_a_book_is_refused_and_the_terminal_given_back() {
    let dir = tempfile::TempDir::new().unwrap();
    std::fs::write(
        dir.path().join("book.sqlite"),
        "not a book at all, just some text\n",
    )
    .unwrap();
    let config = dir.path().join("config/salesbook");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(config.join("config.toml"), "[me]\nname = \"小王\"\n").unwrap();
    let mut s = Session::start_in(dir, &[], None);
    assert_eq!(s.wait_exit(), 1);
    assert!(!s.in_alternate_screen());
    let screen = s.contents();
    assert!(screen.contains("不是 SQLite 数据库"), "{screen}");
    // Nothing was changed.
    let bytes = std::fs::read(s.book()).unwrap();
    assert_eq!(bytes, b"not a book at all, just some text\n");
}

/// The dashboard reads the whole book for its figures (seconds on a large one): that read
/// has its own lane, so a change made meanwhile goes through at once. The figures are held
/// back (a debug build's gate) until the change is on screen.
#[test]
fn a_change_never_waits_for_the_dashboards_figures() {
    let gate_dir = tempfile::tempdir().unwrap();
    let gate = gate_dir.path().join("open");
    let mut s = Session::start(&[("SALESBOOK_DEBUG_FIGURES_GATE", gate.to_str().unwrap())]);
    s.wait_for("欢迎使用 salesbook");
    s.send("d");
    s.wait_for("已载入示例数据");
    s.send("3");
    s.wait_for("正在计算数据");
    s.send("2");
    s.wait_for("理售后 ");
    s.send(">");
    s.wait_for("已移到");
    assert!(!gate.exists());
    std::fs::write(&gate, "").unwrap();
    s.send("3");
    s.wait_gone("正在计算数据");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

/// An app open all day while another program switches the book's template: within seconds
/// the status line names the new template, and what the rep does next is the new
/// template's (its products offered on a win), not the one the app opened with.
#[test]
fn the_open_app_follows_a_template_switched_elsewhere() {
    let mut s = Session::start(&[]);
    s.wait_for("欢迎使用 salesbook");
    s.send("d");
    s.wait_for("已载入示例数据");
    s.wait_for("私域1对1成交");
    s.elsewhere(&["template", "use", "education"]);
    s.wait_for("教育课程·约试听");
    // A win on the board offers education's products.
    s.send("2");
    s.wait_for("理售后 ");
    s.send("w");
    s.wait_for("成交 · ");
    // The product field, ↓ for the template's first product.
    s.send("\t");
    s.send("\x1b[B");
    let screen = s.wait_for("季度课程包");
    assert!(!screen.contains("焕颜精华套装"), "{screen}");
    // Cancelled (what was filled in is given up), then quit.
    s.send("\x1b");
    s.wait_for("放弃");
    s.send("y");
    s.wait_gone("成交 · ");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn a_template_file_with_errors_is_listed_and_says_what_is_wrong() {
    let dir = tempfile::TempDir::new().unwrap();
    let config = dir.path().join("config/salesbook");
    std::fs::create_dir_all(config.join("templates")).unwrap();
    std::fs::write(config.join("config.toml"), "[me]\nname = \"小王\"\n").unwrap();
    let broken = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/templates/bad-duration.toml"
    ))
    .unwrap();
    std::fs::write(config.join("templates/mine.toml"), broken).unwrap();
    let mut s = Session::start_in(dir, &[], None);
    s.wait_for("欢迎使用 salesbook");
    s.send("d");
    s.wait_for("已载入示例数据");
    s.send("T");
    // Listed with the templates, marked, by its file name.
    let screen = s.wait_for("mine.toml");
    let line = screen.lines().find(|l| l.contains("mine.toml")).unwrap();
    assert!(line.contains("有错误"), "{screen}");
    // Chosen, it is not used: the status line says what is wrong, in Chinese.
    s.send("mine");
    s.send("\r");
    let screen = s.wait_for("时长 '3x' 写得不对");
    assert!(screen.contains("mine.toml:66:13"), "{screen}");
    assert!(!screen.contains("bad duration"), "{screen}");
    s.send("\x1b");
    s.wait_gone("mine.toml");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}
