//! The broken-template corpus: each file's one error at its line and column, and `template check` on good, bad and missing files. Part of `sop_templates.rs`, whose helpers it uses.

use super::*;

/// One row of `expected.txt`.
#[derive(Debug)]
struct Expected {
    file: String,
    line: usize,
    col: usize,
    /// What the English message holds.
    message: String,
    /// What the Chinese one holds.
    zh: String,
}

fn expectations() -> Vec<Expected> {
    read_fixture("templates/expected.txt")
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let parts: Vec<&str> = l.splitn(4, '|').map(str::trim).collect();
            assert_eq!(parts.len(), 4, "bad expected.txt line: {l}");
            let (line, col) = parts[1]
                .split_once(':')
                .unwrap_or_else(|| panic!("bad line:col in expected.txt: {l}"));
            Expected {
                file: parts[0].to_string(),
                line: line.parse().expect("line number"),
                col: col.parse().expect("column number"),
                message: parts[2].to_string(),
                zh: parts[3].to_string(),
            }
        })
        .collect()
}

/// Every `.toml` in the corpus but the valid one.
fn broken_files() -> BTreeSet<String> {
    std::fs::read_dir(fixture("templates"))
        .expect("tests/fixtures/templates")
        .map(|e| {
            e.expect("dir entry")
                .file_name()
                .into_string()
                .expect("utf-8")
        })
        .filter(|n| n.ends_with(".toml") && n != "valid-minimal.toml")
        .collect()
}

/// What `template check` prints for a valid file (in the default, Chinese UI).
fn ok_line(path: &Path, t: &Template) -> String {
    let scripts: usize = t.stages.iter().map(|s| s.scripts.len()).sum();
    let objections: usize = t.stages.iter().map(|s| s.objections.len()).sum();
    format!(
        "{}：没有问题 — '{}' {} v{}：{scripts} 条话术、{objections} 条异议回复、{} 套跟进节奏",
        path.display(),
        t.id,
        t.name,
        t.version,
        t.cadences.len()
    )
}

// ───────────────────────── the broken-template corpus ─────────────────────────

#[test]
fn corpus_has_one_expectation_per_broken_file() {
    let exp = expectations();
    let listed: BTreeSet<String> = exp.iter().map(|e| e.file.clone()).collect();
    assert_eq!(listed.len(), exp.len(), "a file is listed twice");
    assert_eq!(listed, broken_files());
    assert!(exp.len() >= 14, "only {} broken templates", exp.len());
    // Each broken file is the valid one with a small edit, not a rewrite.
    let valid = read_fixture("templates/valid-minimal.toml");
    for e in &exp {
        let broken = read_fixture(&format!("templates/{}", e.file));
        assert_ne!(broken, valid, "{}", e.file);
        let valid_lines: BTreeSet<&str> = valid.lines().skip(1).collect();
        let new_lines = broken
            .lines()
            .skip(1)
            .filter(|l| !valid_lines.contains(l))
            .count();
        assert!(new_lines <= 4, "{} changes {new_lines} lines", e.file);
    }
}

/// `template check` on every broken file of the corpus, in the UI's language: each file's
/// one diagnostic at its line and column, holding `message` of its row, then the summary.
fn check_corpus(sb: &Sb, message: impl Fn(&Expected) -> &str, summary: &str) {
    let mut wrong = Vec::new();
    for e in expectations() {
        let path = fixture(&format!("templates/{}", e.file));
        let file = path.display().to_string();
        let args = ["template", "check", file.as_str()];
        let err = expect_fail(&args, sb.run(&args));
        let diags: Vec<&str> = err
            .lines()
            .filter(|l| l.starts_with(&format!("{file}:")))
            .collect();
        let want = format!("{file}:{}:{}: ", e.line, e.col);
        let says = message(&e);
        if diags.len() != 1 || !diags[0].starts_with(&want) || !diags[0].contains(says) {
            wrong.push(format!(
                "{}: expected one diagnostic `{want}…{says}…`, got:\n{err}",
                e.file
            ));
        }
        if err.lines().last() != Some(summary) {
            wrong.push(format!("{}: no summary line at the end:\n{err}", e.file));
        }
    }
    assert!(wrong.is_empty(), "\n{}", wrong.join("\n\n"));
}

#[test]
fn check_reports_each_broken_file_at_its_line_and_column() {
    check_corpus(
        &Sb::new(),
        |e| &e.zh,
        "salesbook: 错误: 1 个模板文件中有 1 个有错误",
    );
}

#[test]
fn check_reports_in_english_when_the_ui_is_english() {
    let sb = Sb::new();
    sb.write("config/salesbook/config.toml", "[ui]\nlang = \"en\"\n");
    check_corpus(
        &sb,
        |e| &e.message,
        "salesbook: error: 1 of 1 template file(s) have errors",
    );
}

#[test]
fn a_chinese_check_prints_no_english_words() {
    // Every diagnostic line of the Chinese UI, minus what a template itself writes (TOML
    // keys, ids, values, file names, examples): no English word of the checker's own is
    // left over.
    let sb = Sb::new();
    let own_words = [
        "ok", "warning", "is", "must", "the", "not", "defined", "missing", "expected", "field",
        "unknown", "invalid", "template", "tag", "stage", "grade", "empty", "twice", "accepted",
        "type", "key", "value",
    ];
    for e in expectations() {
        let path = fixture(&format!("templates/{}", e.file));
        let file = path.display().to_string();
        let args = ["template", "check", file.as_str()];
        let err = expect_fail(&args, sb.run(&args));
        let line = err
            .lines()
            .find(|l| l.starts_with(&format!("{file}:")))
            .unwrap();
        // What the file wrote is quoted ('…', `…`, "…") or is a table's name ([[…]]).
        let mut said = String::new();
        let mut inside: Option<char> = None;
        for c in line[file.len()..].chars() {
            match (inside, c) {
                (None, '\'' | '`' | '"') => inside = Some(c),
                (None, '[') => inside = Some(']'),
                (Some(end), c) if c == end => inside = None,
                (None, c) => said.push(c),
                _ => {}
            }
        }
        let words: Vec<&str> = said
            .split(|c: char| !c.is_ascii_alphabetic())
            .filter(|w| own_words.contains(w))
            .collect();
        assert!(words.is_empty(), "{}: {said} says {words:?}", e.file);
    }
}

#[test]
fn loader_gives_each_broken_file_exactly_one_diagnostic() {
    for e in expectations() {
        let name = format!("corpus/{}", e.file);
        let source = read_fixture(&format!("templates/{}", e.file));
        let diags = parse_template(&name, &source)
            .err()
            .unwrap_or_else(|| panic!("{} should not load", e.file));
        assert_eq!(diags.len(), 1, "{}: {diags:#?}", e.file);
        let d = &diags[0];
        let (en, zh) = (d.message(Lang::En), d.message(Lang::Zh));
        assert_eq!(
            (d.file.as_str(), d.line, d.col),
            (name.as_str(), e.line, e.col),
            "{}: {en}",
            e.file,
        );
        assert!(
            en.contains(&e.message),
            "{}: {en:?} lacks {:?}",
            e.file,
            e.message
        );
        assert!(zh.contains(&e.zh), "{}: {zh:?} lacks {:?}", e.file, e.zh);
        assert_eq!(d.to_string(), format!("{name}:{}:{}: {en}", e.line, e.col));
        assert_eq!(
            d.render(Lang::Zh),
            format!("{name}:{}:{}: {zh}", e.line, e.col)
        );
    }
}

#[test]
fn missing_stages_are_reported_next_to_where_they_belong() {
    let valid = read_fixture("templates/valid-minimal.toml");
    // Without discover (the first stage), the error points at the stage that follows it.
    let no_discover = valid.replacen("key = \"discover\"", "key = \"pitch\"", 1);
    let no_discover =
        no_discover.replacen("[[stage]]\nkey = \"pitch\"\ngoal = \"讲清价值\"\n", "", 1);
    let diags = parse_template("t.toml", &no_discover).unwrap_err();
    let shown: Vec<String> = diags.iter().map(|d| d.to_string()).collect();
    assert_eq!(shown.len(), 1, "{shown:#?}");
    assert!(
        shown[0].starts_with("t.toml:33:7: stage 'discover' (Discover) is missing;"),
        "{shown:#?}"
    );
    // With no stage at all, all five are missing, reported at the top, in pipeline order.
    let mut no_stages = String::new();
    let mut skipping = false;
    for line in valid.lines() {
        if line.starts_with('[') {
            skipping = line.starts_with("[[stage");
        }
        if !skipping && !line.contains("script = \"hello\"") {
            no_stages.push_str(line);
            no_stages.push('\n');
        }
    }
    let diags = parse_template("t.toml", &no_stages).unwrap_err();
    let got: Vec<(usize, usize, String)> = diags
        .iter()
        .map(|d| {
            (
                d.line,
                d.col,
                d.message(Lang::En).split(';').next().unwrap().to_string(),
            )
        })
        .collect();
    let want: Vec<(usize, usize, String)> = Stage::ALL
        .iter()
        .map(|s| (1, 1, format!("stage '{}' ({}) is missing", s.key(), s.en())))
        .collect();
    assert_eq!(got, want);
}

#[test]
fn valid_minimal_and_every_built_in_pass_check() {
    let sb = Sb::new();
    let minimal = fixture("templates/valid-minimal.toml");
    let mut files = vec![minimal.clone()];
    files.extend(BUILT_INS.iter().map(|id| built_in_path(id)));
    let names: Vec<String> = files.iter().map(|p| p.display().to_string()).collect();
    let mut args = vec!["template", "check"];
    args.extend(names.iter().map(String::as_str));
    let out = sb.run(&args);
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = expect_ok(&args, out);

    let lib = library();
    let min = parse_template("m", &read_fixture("templates/valid-minimal.toml")).unwrap();
    let mut want = vec![ok_line(&minimal, &min)];
    for id in BUILT_INS {
        want.push(ok_line(&built_in_path(id), &built_in(&lib, id)));
    }
    assert_eq!(stdout.lines().collect::<Vec<_>>(), want);
    assert_eq!(
        want[0],
        format!(
            "{}：没有问题 — 'minimal' 最小模板 v1：1 条话术、1 条异议回复、2 套跟进节奏",
            minimal.display()
        )
    );
}

#[test]
fn check_with_a_good_and_a_bad_file_fails_and_still_reports_the_good_one() {
    let sb = Sb::new();
    let good = fixture("templates/valid-minimal.toml")
        .display()
        .to_string();
    let bad = fixture("templates/bad-duration.toml").display().to_string();
    let ok =
        format!("{good}：没有问题 — 'minimal' 最小模板 v1：1 条话术、1 条异议回复、2 套跟进节奏\n");
    for args in [
        ["template", "check", good.as_str(), bad.as_str()],
        ["template", "check", bad.as_str(), good.as_str()],
    ] {
        let out = sb.run(&args);
        assert_eq!(common::stdout(&out), ok, "{args:?}");
        let err = expect_fail(&args, out);
        assert_eq!(
            err,
            format!(
                "{bad}:66:13: 时长 '3x' 写得不对：要一个整数加单位 m、h、d 或 w，\
                 例如 \"30m\"、\"12h\"、\"3d\"、\"2w\"\n\
                 salesbook: 错误: 2 个模板文件中有 1 个有错误\n"
            )
        );
    }
}

#[test]
fn check_reports_a_missing_file() {
    let sb = Sb::new();
    let err = sb.fail(&["template", "check", "nowhere.toml"]);
    assert!(
        err.starts_with("nowhere.toml:1:1: 读不了这个文件：文件或文件夹不存在\n"),
        "{err}"
    );
}

/// Braces typed full-width (｛me｝) would reach the customer as they are: the template
/// still loads, with a warning at the brace.
#[test]
fn full_width_braces_in_a_text_are_warned_about() {
    let src = read_fixture("templates/valid-minimal.toml").replacen("{me}", "｛me｝", 1);
    assert!(src.contains("｛me｝"));
    let (_, warnings) =
        salesbook::sop::parse_template_full("t.toml", &src).unwrap_or_else(|e| panic!("{e:?}"));
    let found: Vec<String> = warnings.iter().map(|w| w.to_string()).collect();
    assert!(
        found
            .iter()
            .any(|w| w.contains("full-width braces ｛…｝ are sent as they are")),
        "{found:?}"
    );
    // Plain braces: no such warning.
    let (_, warnings) = salesbook::sop::parse_template_full(
        "t.toml",
        &read_fixture("templates/valid-minimal.toml"),
    )
    .unwrap();
    assert!(
        !warnings
            .iter()
            .any(|w| w.to_string().contains("full-width"))
    );
}
