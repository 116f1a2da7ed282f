//! Small commands turn the allocator's 2 MiB pages off for their process
//! (`store::avoid_huge_pages`); commands over the whole book keep them. Its own process:
//! the flag is process-wide.

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

#[test]
fn avoiding_huge_pages_sets_the_process_flag() {
    if !cfg!(target_os = "linux") {
        return;
    }
    assert!(!salesbook::store::huge_pages_avoided(), "off by default");
    assert!(salesbook::store::avoid_huge_pages());
    assert!(salesbook::store::huge_pages_avoided());
    // The kernel reports it too.
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    if let Some(line) = status.lines().find(|l| l.starts_with("THP_enabled:")) {
        assert_eq!(line.split_whitespace().nth(1), Some("0"), "{line}");
    }
}
