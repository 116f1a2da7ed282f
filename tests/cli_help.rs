//! `--help` through the built binary: in Chinese by default, every line of every command's
//! help in Chinese; in English by config, each command described by its own words.

mod common;

use common::{Sb, expect_ok};

/// Every command path the help lists, nested ones included ("template list").
fn commands(sb: &Sb, prefix: &[&str]) -> Vec<Vec<String>> {
    let mut args: Vec<&str> = prefix.to_vec();
    args.push("--help");
    let help = expect_ok(&args, sb.run(&args));
    let mut out = Vec::new();
    let mut in_commands = false;
    for line in help.lines() {
        if line.starts_with("命令") || line.starts_with("Commands") {
            in_commands = true;
            continue;
        }
        if !line.starts_with("  ") {
            in_commands = false;
            continue;
        }
        if in_commands && let Some(name) = line.split_whitespace().next() {
            if name == "help" {
                continue;
            }
            let mut path: Vec<String> = prefix.iter().map(|s| s.to_string()).collect();
            path.push(name.to_string());
            out.push(path);
        }
    }
    out
}

fn has_cjk(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

#[test]
fn help_is_chinese_on_every_line_of_every_command() {
    let sb = Sb::new();
    let mut paths = vec![vec![]];
    for top in commands(&sb, &[]) {
        let refs: Vec<&str> = top.iter().map(String::as_str).collect();
        let nested = commands(&sb, &refs);
        paths.push(top);
        paths.extend(nested);
    }
    assert!(paths.len() > 30, "{paths:?}");
    for path in &paths {
        for flag in ["-h", "--help"] {
            let mut args: Vec<&str> = path.iter().map(String::as_str).collect();
            args.push(flag);
            let help = expect_ok(&args, sb.run(&args));
            for english in [
                "Usage:",
                "Options:",
                "Arguments:",
                "Commands:",
                "Print help",
                "Print version",
                "[default:",
                "[possible values",
                "Possible values",
                "[env:",
                "[OPTIONS]",
                "<COMMAND>",
            ] {
                assert!(
                    !help.contains(english),
                    "{args:?} shows {english:?}:\n{help}"
                );
            }
            assert!(help.contains("用法：salesbook"), "{args:?}:\n{help}");
            // Every line says something in Chinese, but for the headings, the options'
            // own names on a line of their own (the long help), and blank lines.
            for line in help.lines() {
                let bare = line.trim();
                let heading = ["命令:", "参数:", "选项:"].contains(&bare);
                let only_a_name = bare.starts_with('-') && !bare.contains("  ");
                if bare.is_empty() || heading || only_a_name {
                    continue;
                }
                assert!(
                    has_cjk(line),
                    "{args:?}: a line not in Chinese: {line:?}\n{help}"
                );
            }
        }
    }
    // Annotations in Chinese, placeholders too.
    let agenda = sb.ok(&["agenda", "-h"]);
    assert!(agenda.contains("--limit <条数>"), "{agenda}");
    assert!(agenda.contains("[默认：50]"), "{agenda}");
    assert!(agenda.contains("[可选：table、json、csv]"), "{agenda}");
    assert!(agenda.contains("[环境变量：SALESBOOK_DB]"), "{agenda}");
    // The root and `help`'s own mirror of a nested command.
    assert!(sb.ok(&["--help"]).contains("用法：salesbook [选项] [命令]"));
    let mirrored = sb.ok(&["help", "template", "list"]);
    assert!(mirrored.contains("可用的模板"), "{mirrored}");
    // A group without its command shows its help, in Chinese too (exit 2: nothing ran).
    let out = sb.run(&["template"]);
    assert_eq!(out.status.code(), Some(2));
    let shown = String::from_utf8(out.stderr).unwrap();
    assert!(
        shown.contains("用法：salesbook template [选项] <命令>"),
        "{shown}"
    );
    // Columns line up by display width: each option's description starts in one column.
    let starts: std::collections::BTreeSet<usize> = agenda
        .lines()
        .filter(|l| l.trim_start().starts_with('-'))
        .filter_map(|l| {
            let indent = l.len() - l.trim_start().len();
            let gap = indent + l[indent..].find("  ")?;
            let at = gap + l[gap..].find(|c: char| c != ' ')?;
            Some(unicode_width::UnicodeWidthStr::width(&l[..at]))
        })
        .collect();
    assert_eq!(starts.len(), 1, "{agenda}");
}

#[test]
fn english_help_describes_each_command_in_its_own_words() {
    let sb = Sb::new();
    let config = sb.path("config/salesbook");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(config.join("config.toml"), "[ui]\nlang = \"en\"\n").unwrap();
    for (command, first_line) in [
        ("report", "The team lead's report on the book (read only)"),
        ("rollup", "One team report from several reps' books"),
        ("render", "Print one frame of a view as plain text"),
        ("audit", "The team lead's full-screen audit of a rep's book"),
        ("agenda", "Who to contact now"),
    ] {
        for flag in ["-h", "--help"] {
            let help = sb.ok(&[command, flag]);
            let first = help.lines().next().unwrap_or_default();
            assert!(first.starts_with(first_line), "{command} {flag}: {first:?}");
            assert!(help.contains("Usage: salesbook"), "{help}");
            assert!(!help.contains("用法"), "{help}");
        }
    }
    let root = sb.ok(&["-h"]);
    assert!(
        root.starts_with("A terminal sales book for one-to-one selling"),
        "{root}"
    );
}

/// In English too, every option and argument of every command says what it is: none left
/// as a bare name where the Chinese help describes it.
#[test]
fn english_help_describes_every_option_and_argument() {
    let sb = Sb::new();
    let config = sb.path("config/salesbook");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(config.join("config.toml"), "[ui]\nlang = \"en\"\n").unwrap();
    let mut bare = Vec::new();
    let mut paths = commands(&sb, &[]);
    for nested in ["template", "followup"] {
        paths.extend(commands(&sb, &[nested]));
    }
    for path in paths {
        let mut args: Vec<&str> = path.iter().map(String::as_str).collect();
        // The short help: one line for each option, its words beside it.
        args.push("-h");
        let help = sb.ok(&args);
        for line in help.lines() {
            let t = line.trim();
            let option = t.starts_with("--") || t.starts_with("-h, ");
            let argument = t.starts_with('<') && line.starts_with("  ");
            if (option || argument) && !t.contains("  ") {
                bare.push(format!("{}: {t}", path.join(" ")));
            }
        }
    }
    assert!(bare.is_empty(), "{bare:#?}");
}
