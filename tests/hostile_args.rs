//! Every subcommand against arguments a careless or hostile caller might pass: it answers
//! with an error (or does the job) but never panics, never hangs, never eats the machine.

mod common;

use common::Sb;
use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt;
use std::process::{Command, Output, Stdio};
use std::time::Duration;

/// Runs with a deadline: a command that hangs fails the test instead of the suite. The
/// output is drained while it runs (a full pipe must not look like a hang).
fn run_timed(mut cmd: Command, secs: u64) -> Output {
    let child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let pid = child.id();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait_with_output());
    });
    match rx.recv_timeout(Duration::from_secs(secs)) {
        Ok(out) => out.expect("output"),
        Err(_) => {
            // SAFETY: signalling our own child by its pid.
            unsafe { libc::kill(pid as i32, libc::SIGKILL) };
            panic!("{} did not finish in {secs} s", shown(cmd.get_args()));
        }
    }
}

/// Arguments as a short text for messages (some are tens of thousands of characters).
fn shown<'a>(args: impl IntoIterator<Item = &'a std::ffi::OsStr>) -> String {
    let text: Vec<String> = args
        .into_iter()
        .map(|a| a.to_string_lossy().chars().take(40).collect())
        .collect();
    text.join(" ")
}

fn no_panic(args: &[OsString], out: &Output) {
    let err = String::from_utf8_lossy(&out.stderr);
    let args = shown(args.iter().map(|a| a.as_os_str()));
    assert!(
        !err.contains("panicked") && out.status.code() != Some(101),
        "{args} panicked: {}",
        err.chars().take(2000).collect::<String>()
    );
    assert!(out.status.code().is_some(), "{args} was killed by a signal");
}

fn os(list: &[&str]) -> Vec<OsString> {
    list.iter().map(OsString::from).collect()
}

#[test]
fn no_subcommand_panics_on_hostile_arguments() {
    let sb = Sb::new();
    sb.ok(&["demo", "--contacts", "20"]);
    let long = "长".repeat(30_000);
    // Letters that read as pinyin syllables: cut into syllables one piece at a time.
    let long_pinyin = "zhi".repeat(20_000);
    let huge = "18446744073709551615";
    let cases: Vec<Vec<&str>> = vec![
        vec!["agenda", "--days", "100000000"],
        vec!["agenda", "--days", "-1"],
        vec!["agenda", "--limit", huge],
        vec!["agenda", "--date", "9999-12-31"],
        vec!["agenda", "--date", "0001-01-01", "--days", "3660"],
        vec!["simulate", "--days", huge],
        vec!["demo", "--interactions", huge, "--force"],
        vec!["demo", "--contacts", "1e10", "--force"],
        vec!["demo", "--contacts", "0"],
        vec!["search", &long],
        vec!["search", &long_pinyin],
        vec!["search", "\"*:^-"],
        vec!["search", "NEAR(a b)"],
        vec!["search", "zs", "--limit", huge],
        vec!["show", huge],
        vec!["show", "-9223372036854775808"],
        vec!["move", huge, "pitch"],
        vec!["won", "1", "--amount", "99999999999999999999"],
        vec!["won", "1", "--amount", "1e309"],
        vec!["snooze", "1", "--until", "+99999999999w"],
        vec!["snooze", "1", "--until", "9999-12-31 23:59"],
        vec!["done", huge],
        vec!["add", "--name", &long],
        vec!["add", "--name", "x", "--phone", &long],
        vec!["add", "--name", "x", "--birthday", "2026-02-30"],
        vec!["edit", "1", "--tag", "///"],
        vec!["log", "1", "--note", &long],
        vec!["undo", "--steps", huge],
        vec!["restore", "/dev/zero"],
        vec!["backup", "--to", "/proc/nope/x.sqlite"],
        vec!["template", "check", "/dev/zero"],
        vec!["--template", "/dev/zero", "script", "1"],
        vec!["template", "show", &long],
        vec!["export", "--ics", "--out", "/proc/nope/x.ics"],
        vec!["verify", "--format", "yaml"],
    ];
    for args in cases {
        let args = os(&args);
        let mut cmd = sb.command();
        cmd.args(&args);
        let out = run_timed(cmd, 60);
        no_panic(&args, &out);
    }
    // Arguments that are not text at all.
    let bad = OsString::from_vec(vec![0xff, 0xfe, b'x']);
    for args in [
        vec![OsString::from("search"), bad.clone()],
        vec![OsString::from("add"), OsString::from("--name"), bad.clone()],
        vec![OsString::from("--db"), bad.clone(), OsString::from("list")],
    ] {
        let mut cmd = sb.command();
        cmd.args(&args);
        let out = run_timed(cmd, 30);
        no_panic(&args, &out);
        assert!(
            !out.status.success(),
            "{}",
            shown(args.iter().map(|a| a.as_os_str()))
        );
    }
    // The book came through it all.
    sb.ok(&["verify"]);
}

#[test]
fn a_clock_that_is_not_text_is_an_error() {
    let sb = Sb::new();
    let mut cmd = sb.command();
    cmd.arg("list")
        .env("SALESBOOK_NOW", OsString::from_vec(vec![0xff, b'1']));
    let out = run_timed(cmd, 30);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        err,
        "salesbook: 错误: SALESBOOK_NOW = \"\\xFF1\" 不是文字；要一个 RFC 3339 格式的时间，\
         例如 2026-11-23T09:30:00+08:00\n"
    );
    // Text that is not a time, in the UI's language: Chinese, then English by config.
    let says = |sb: &Sb| {
        let mut cmd = sb.command();
        cmd.arg("list").env("SALESBOOK_NOW", "明天上午");
        let out = run_timed(cmd, 30);
        assert_eq!(out.status.code(), Some(1));
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    assert_eq!(
        says(&sb),
        "salesbook: 错误: SALESBOOK_NOW = '明天上午' 不是 RFC 3339 格式的时间；\
         要这样写：2026-11-23T09:30:00+08:00\n"
    );
    sb.write("config/salesbook/config.toml", "[ui]\nlang = \"en\"\n");
    assert_eq!(
        says(&sb),
        "salesbook: error: SALESBOOK_NOW = '明天上午' is not an RFC 3339 time; \
         expected e.g. 2026-11-23T09:30:00+08:00\n"
    );
}

#[test]
fn templates_are_read_only_from_regular_files_of_sane_size() {
    let sb = Sb::new();
    sb.write("config/salesbook/config.toml", "[me]\nname = \"小王\"\n");
    sb.add(&["--name", "张三"]);
    // A FIFO in the templates folder must not hang anything.
    let dir = sb.user_templates();
    std::fs::create_dir_all(&dir).unwrap();
    let fifo = dir.join("pipe.toml");
    let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: a valid path; mkfifo only creates the node.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    // And a huge file is refused, not read.
    let big = dir.join("big.toml");
    std::fs::write(&big, "#".repeat(2 * 1024 * 1024)).unwrap();
    for args in [&["template", "list"][..], &["script", "1"], &["list"]] {
        let mut cmd = sb.command();
        cmd.args(args);
        let out = run_timed(cmd, 20);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let mut cmd = sb.command();
    cmd.args(["template", "list"]);
    let err = String::from_utf8_lossy(&run_timed(cmd, 20).stderr).to_string();
    assert!(
        err.contains("pipe.toml") && err.contains("不是普通文件"),
        "{err}"
    );
    assert!(
        err.contains("big.toml") && err.contains("模板最多 1048576 字节"),
        "{err}"
    );
    let mut cmd = sb.command();
    cmd.args(["--template", "/dev/zero", "script", "1"]);
    let out = run_timed(cmd, 20);
    assert!(!out.status.success());
}

#[test]
fn a_full_disk_on_stdout_says_the_change_was_saved() {
    let sb = Sb::new();
    let full = || {
        std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap()
    };
    let mut cmd = sb.command();
    cmd.args(["add", "--name", "张三"]).stdout(full());
    let out = cmd.output().unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("改动已保存") && !err.contains("panicked"),
        "{err}"
    );
    // Saved once: a retry would make a second, which the rep can now avoid.
    assert_eq!(sb.all().len(), 1);
    // A read to a full disk fails cleanly too, and says why in the UI's language, whether
    // it writes a table, a listing or an export as it reads (CSV, JSON, a file or not).
    sb.ok(&["demo", "--contacts", "300", "--force"]);
    for args in [
        &["list"][..],
        &["list", "--format", "csv"],
        &["list", "--format", "json"],
        &["export", "--format", "csv"],
        &["export", "--format", "json"],
        &["export", "--format", "vcard"],
        &["export", "--format", "csv", "--out", "/dev/full"],
    ] {
        let mut cmd = sb.command();
        cmd.args(args).stdout(full());
        let out = cmd.output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("磁盘满了") && !err.contains("os error") && !err.contains("panicked"),
            "{args:?}: {err}"
        );
    }
}

#[test]
fn an_export_that_fails_leaves_no_half_file() {
    let sb = Sb::new();
    sb.ok(&["demo", "--contacts", "5"]);
    let out = sb.path("agenda.ics");
    sb.ok(&["export", "--ics", "--out", out.to_str().unwrap()]);
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.starts_with("BEGIN:VCALENDAR") && text.ends_with("END:VCALENDAR\r\n"));
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(
        std::fs::metadata(&out).unwrap().permissions().mode() & 0o777,
        0o600
    );
    // Into a folder that cannot be written: an error, and nothing left behind.
    let err = sb.fail(&["export", "--ics", "--out", "/proc/nope/x.ics"]);
    assert!(err.contains("/proc/nope/x.ics"), "{err}");
}

#[test]
fn a_command_line_that_does_not_parse_is_answered_in_the_ui_language() {
    let sb = Sb::new();
    let stderr = |args: &[&str]| -> String {
        let out = sb.run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
        String::from_utf8(out.stderr).unwrap()
    };
    let zh = [
        (
            &["undo", "--limt", "3"][..],
            "不认识的参数 '--limt'；是不是想写 '--list'？",
        ),
        (&["lsit"], "没有 'lsit' 这个命令；是不是想写 "),
        (
            &["log", "1"],
            "缺少必填的参数：<内容>（也可以写成 --note <内容>）",
        ),
        (
            &["agenda", "--days", "100000000"],
            "参数 --days <天数> 的值 '100000000' 不对：应在 0 到 3660 之间",
        ),
        (
            &["agenda", "--days", "abc"],
            "参数 --days <天数> 的值 'abc' 不对：应是一个整数",
        ),
        (
            &["list", "--format", "xml"],
            "参数 --format <格式> 的值 'xml' 不对；可用：table、json、csv",
        ),
        (&["add", "--name"], "参数 --name <姓名> 后面要跟一个值"),
        (
            &["add", "--name", "a", "--name", "b"],
            "参数 --name <姓名> 只能写一次",
        ),
        (
            &["export", "--ics", "--format", "csv"],
            "参数 --ics 不能和 --format <格式> 一起用",
        ),
        (
            &["won", "1", "--amount", "-5"],
            "请用等号连着参数写（--参数=-5）",
        ),
        (&["search", "-q"], "或写在 -- 之后（-- -q）"),
        // A positional value by the name the help gives it.
        (
            &["merge", "a", "2"],
            "参数 <保留的编号> 的值 'a' 不对：应是一个整数",
        ),
        (
            &["show", "99999999999999999999"],
            "'99999999999999999999' 不对：数字太大了",
        ),
        // An option the command lacks is not taken for a value.
        (&["log", "1", "--at", "x"], "不认识的参数 '--at'\n用法："),
    ];
    for (args, says) in zh {
        let err = stderr(args);
        assert!(err.starts_with("salesbook: 错误: "), "{args:?}: {err}");
        assert!(err.contains(says), "{args:?} should say {says:?}:\n{err}");
        for english in ["error:", "Usage:", "tip:", "argument", "required"] {
            assert!(!err.contains(english), "{args:?}: English in {err:?}");
        }
    }
    // An argument that is not text at all.
    let mut cmd = sb.command();
    cmd.args([
        OsString::from("search"),
        OsString::from_vec(vec![0xff, 0xfe, b'x']),
    ]);
    let out = run_timed(cmd, 30);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("不是 UTF-8 文本"), "{err}");
    // The usage line and where the help is, when the parser knows the command.
    let err = stderr(&["log", "1"]);
    assert!(
        err.contains("\n用法：salesbook log --db <路径> <编号> <内容>\n"),
        "{err}"
    );
    assert!(
        err.ends_with("salesbook log --help 可查看全部参数\n"),
        "{err}"
    );

    // In English by config, the same mistakes in English.
    let dir = sb.path("config/salesbook");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("config.toml"), "[ui]\nlang = \"en\"\n").unwrap();
    let err = stderr(&["undo", "--limt", "3"]);
    assert!(
        err.starts_with("salesbook: error: unknown argument '--limt'; did you mean '--list'?"),
        "{err}"
    );
    let err = stderr(&["agenda", "--days", "100000000"]);
    assert!(err.contains("it must be from 0 to 3660"), "{err}");

    // Help and the version are answers, not mistakes.
    for args in [&["--help"][..], &["--version"], &["log", "--help"]] {
        let out = sb.run(args);
        assert!(out.status.success(), "{args:?}");
        assert!(!out.stdout.is_empty(), "{args:?}");
    }
}

#[test]
fn a_config_that_does_not_parse_is_named_with_where_in_its_readers_language() {
    let sb = Sb::new();
    sb.ok(&["demo", "--contacts", "3"]);
    let cases: [(&str, &[&str]); 6] = [
        (
            "[ui\nlang = \"zh-CN\"\n",
            &[
                "salesbook: 错误: 配置文件 ",
                "config.toml 第 1 行第 4 列有错误：格式不对：表头缺少右方括号 `]`",
                "可用的设置：",
            ],
        ),
        // A name typed without its quotes: the TOML parser's words in Chinese too.
        (
            "[me]\nname = 小王\n",
            &["第 2 行第 8 列有错误：格式不对：文字要加英文引号，例如 \"文字\"\n"],
        ),
        (
            "[ui]\nlang = \"fr\"\n",
            &[
                "第 2 行第 8 列有错误：不认识的取值 fr；可用：zh、zh-CN、en、en-US",
                "[ui] lang = \"zh-CN\" 或 \"en\"",
                "[me] name = \"…\"，call = \"…\"",
            ],
        ),
        // The parser's own words, in the reader's language.
        (
            "[ui]\nmouse = \"yes\"\n",
            &["类型不对：写的是文字 \"yes\"，这里要true 或 false"],
        ),
        (
            "[ui]\nfoo = 1\n",
            &["不认识的设置 foo；这一节可用：lang、mouse"],
        ),
        (
            "[ui]\nlang = \"en\"\nmouse = 1\n",
            &[
                "salesbook: error: ",
                "config.toml has a mistake at line 3, column 9:",
                "accepted keys:",
            ],
        ),
    ];
    for (text, want) in cases {
        sb.write("config/salesbook/config.toml", text);
        for args in [&["agenda"][..], &["list"], &["--help"]] {
            let out = sb.run(args);
            assert!(
                !out.status.success() || args == ["--help"],
                "{text:?} {args:?}"
            );
            if args == ["--help"] {
                // Help still shows, in the language the file asks for.
                let help = String::from_utf8(out.stdout).unwrap();
                let zh = !text.contains("\"en\"");
                assert_eq!(help.contains("用法："), zh, "{text:?}: {help}");
                continue;
            }
            let err = String::from_utf8(out.stderr).unwrap();
            for w in want {
                assert!(err.contains(w), "{text:?} {args:?}: {err}");
            }
        }
    }
}

#[test]
fn the_app_without_a_terminal_says_so_and_changes_nothing() {
    let sb = Sb::new();
    sb.ok(&["demo", "--contacts", "3"]);
    let before = sb.snapshot();
    for args in [&[][..], &["audit"]] {
        // Standard input and output are pipes here, as in a job or an editor's panel.
        let out = sb.run(args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(
            err.contains("全屏界面要在终端里打开") && !err.contains("os error"),
            "{args:?}: {err}"
        );
        // Nothing of the screen's control sequences went to the pipe.
        assert!(out.stdout.is_empty(), "{args:?}: {:?}", out.stdout);
    }
    assert_eq!(sb.snapshot(), before);
}
