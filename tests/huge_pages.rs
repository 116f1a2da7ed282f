//! The binary turns the allocator's 2 MiB pages off before `main`
//! (`store::avoid_huge_pages`); commands over the whole book turn them back on
//! (`store::allow_huge_pages`). Its own process: the flag is process-wide.

use clap::Parser;
use salesbook::cli::Cli;

fn command(args: &[&str]) -> salesbook::cli::Command {
    let mut argv = vec!["salesbook"];
    argv.extend_from_slice(args);
    Cli::try_parse_from(argv)
        .unwrap_or_else(|e| panic!("{args:?}: {e}"))
        .command
        .expect("a subcommand")
}

#[test]
fn commands_over_the_whole_book_keep_huge_pages_the_others_do_not() {
    let bulk: &[&[&str]] = &[
        &["demo"],
        &["import", "contacts.csv"],
        &["export", "--format", "csv"],
        &["report"],
        &["rollup", "a.sqlite", "b.sqlite"],
        &["verify"],
        &["list"],
        &["simulate"],
    ];
    for args in bulk {
        assert!(command(args).is_bulk(), "{args:?}");
    }
    let small: &[&[&str]] = &[
        &["search", "张"],
        &["agenda"],
        &["show", "1"],
        &["script", "1"],
        &["add", "--name", "张三"],
        &["log", "1", "--note", "聊了需求"],
        &["move", "1", "pitch"],
        &["done", "1"],
    ];
    for args in small {
        assert!(!command(args).is_bulk(), "{args:?}");
    }
}

/// The kernel's word on a process's huge pages ("THP_enabled" in its status), where it
/// gives one.
fn thp_enabled(pid: &str) -> Option<String> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    status
        .lines()
        .find(|l| l.starts_with("THP_enabled:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .map(str::to_string)
}

#[test]
fn avoiding_and_allowing_huge_pages_set_the_process_flag() {
    if !cfg!(target_os = "linux") {
        return;
    }
    assert!(!salesbook::store::huge_pages_avoided(), "off by default");
    assert!(salesbook::store::avoid_huge_pages());
    assert!(salesbook::store::huge_pages_avoided());
    // The kernel reports it too.
    if let Some(v) = thp_enabled("self") {
        assert_eq!(v, "0");
    }
    assert!(salesbook::store::allow_huge_pages());
    assert!(!salesbook::store::huge_pages_avoided());
    if let Some(v) = thp_enabled("self") {
        assert_eq!(v, "1");
    }
}

/// The binary itself: an import (over a whole file) runs with huge pages, taken back on
/// after `main` starts; seen while it waits for its standard input.
#[test]
fn a_bulk_command_turns_huge_pages_back_on() {
    if !cfg!(target_os = "linux") || thp_enabled("self").is_none() {
        return;
    }
    let dir = tempfile::TempDir::new().unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_salesbook"))
        .args(["import", "-", "--db"])
        .arg(dir.path().join("book.sqlite"))
        .env("XDG_CONFIG_HOME", dir.path().join("config"))
        .env("XDG_DATA_HOME", dir.path().join("data"))
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let pid = child.id().to_string();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    let (mut looks, mut last) = (0, None);
    while last.as_deref() != Some("1") && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(5));
        last = thp_enabled(&pid);
        looks += 1;
    }
    drop(child.stdin.take());
    child.wait().unwrap();
    assert_eq!(last.as_deref(), Some("1"), "after {looks} looks over 10 s");
}
