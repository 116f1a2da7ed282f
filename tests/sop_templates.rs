//! SOP templates: a corpus of broken templates, each with the exact `file:line:column`
//! `template check` must give it; the content every built-in template must carry; and scripts
//! rendered through the library for a complete and a name-only contact.
//!
//! The corpus lives in `tests/fixtures/templates/`: `valid-minimal.toml`, and beside it one
//! file per error kind, each that file with exactly one error. `expected.txt` lists, per broken
//! file, the line and column of the error and a distinctive part of its message.

mod common;

use chrono::TimeDelta;
use common::{Sb, expect_fail, expect_ok, fixture, read_fixture};
use salesbook::domain::sop::{Cadence, ObjectionKind, Template, format_duration};
use salesbook::domain::{Grade, Stage};
use salesbook::sop::{Library, Origin, parse_template};
use std::collections::BTreeSet;
use std::path::Path;

/// The built-in templates, in the order the library lists them.
const BUILT_INS: [&str; 4] = ["default", "medical-aesthetics", "education", "ecommerce"];

/// One row of `expected.txt`.
#[derive(Debug)]
struct Expected {
    file: String,
    line: usize,
    col: usize,
    message: String,
}

fn expectations() -> Vec<Expected> {
    read_fixture("templates/expected.txt")
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let parts: Vec<&str> = l.splitn(3, '|').map(str::trim).collect();
            assert_eq!(parts.len(), 3, "bad expected.txt line: {l}");
            let (line, col) = parts[1]
                .split_once(':')
                .unwrap_or_else(|| panic!("bad line:col in expected.txt: {l}"));
            Expected {
                file: parts[0].to_string(),
                line: line.parse().expect("line number"),
                col: col.parse().expect("column number"),
                message: parts[2].to_string(),
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

fn built_in_path(id: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("sop-templates")
        .join(format!("{id}.toml"))
}

fn library() -> Library {
    let lib = Library::load(None);
    assert!(
        lib.problems.is_empty(),
        "the built-in templates should load without problems: {:?}",
        lib.problems
    );
    lib
}

fn built_in(lib: &Library, id: &str) -> Template {
    lib.get(id)
        .unwrap_or_else(|| panic!("no built-in template '{id}'"))
        .template
        .clone()
}

/// What `template check` prints for a valid file.
fn ok_line(path: &Path, t: &Template) -> String {
    let scripts: usize = t.stages.iter().map(|s| s.scripts.len()).sum();
    let objections: usize = t.stages.iter().map(|s| s.objections.len()).sum();
    format!(
        "{}: ok — '{}' {} v{}: {scripts} scripts, {objections} objection replies, {} cadences",
        path.display(),
        t.id,
        t.name,
        t.version,
        t.cadences.len()
    )
}

/// Each step's time from the start of the cadence: `after` counts from the step before.
fn offsets(c: &Cadence) -> Vec<TimeDelta> {
    c.steps
        .iter()
        .scan(TimeDelta::zero(), |at, s| {
            *at += s.after;
            Some(*at)
        })
        .collect()
}

/// Offsets as the templates write them ("0d", "3d", "6h"), for messages.
fn shown(at: &[TimeDelta]) -> String {
    at.iter()
        .map(|d| format_duration(*d))
        .collect::<Vec<_>>()
        .join(", ")
}

fn cadence<'a>(t: &'a Template, id: &str) -> &'a Cadence {
    t.cadences
        .get(id)
        .unwrap_or_else(|| panic!("{}: no cadence '{id}'", t.id))
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

#[test]
fn check_reports_each_broken_file_at_its_line_and_column() {
    let sb = Sb::new();
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
        if diags.len() != 1 || !diags[0].starts_with(&want) || !diags[0].contains(&e.message) {
            wrong.push(format!(
                "{}: expected one diagnostic `{want}…{}…`, got:\n{err}",
                e.file, e.message
            ));
        }
        if err.lines().last() != Some("salesbook: 错误: 1 个模板文件中有 1 个有错误") {
            wrong.push(format!("{}: no summary line at the end:\n{err}", e.file));
        }
    }
    assert!(wrong.is_empty(), "\n{}", wrong.join("\n\n"));
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
        assert_eq!(
            (d.file.as_str(), d.line, d.col),
            (name.as_str(), e.line, e.col),
            "{}: {}",
            e.file,
            d.message
        );
        assert!(
            d.message.contains(&e.message),
            "{}: {:?} lacks {:?}",
            e.file,
            d.message,
            e.message
        );
        assert_eq!(
            d.to_string(),
            format!("{name}:{}:{}: {}", e.line, e.col, d.message)
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
        shown[0].starts_with("t.toml:33:7: stage 'discover' (挖需求) is missing;"),
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
                d.message.split(';').next().unwrap().to_string(),
            )
        })
        .collect();
    let want: Vec<(usize, usize, String)> = Stage::ALL
        .iter()
        .map(|s| (1, 1, format!("stage '{}' ({}) is missing", s.key(), s.zh())))
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
            "{}: ok — 'minimal' 最小模板 v1: 1 scripts, 1 objection replies, 2 cadences",
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
        format!("{good}: ok — 'minimal' 最小模板 v1: 1 scripts, 1 objection replies, 2 cadences\n");
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
                "{bad}:66:13: bad duration '3x'; expected a whole number and a unit m, h, d or w, \
                 e.g. \"30m\", \"12h\", \"3d\", \"2w\"\n\
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
        err.starts_with("nowhere.toml:1:1: cannot read the file:"),
        "{err}"
    );
}

// ───────────────────────── what every built-in carries ─────────────────────────

#[test]
fn library_lists_the_four_built_ins() {
    let lib = library();
    let ids: Vec<&str> = lib
        .templates()
        .iter()
        .map(|t| t.template.id.as_str())
        .collect();
    assert_eq!(ids, BUILT_INS);
    for t in lib.templates() {
        assert_eq!(t.origin, Origin::BuiltIn);
        let on_disk = std::fs::read_to_string(built_in_path(&t.template.id)).unwrap();
        assert_eq!(t.source, on_disk, "{}", t.template.id);
    }
}

#[test]
fn built_ins_have_the_five_stages_in_order_with_three_scripts_each() {
    let lib = library();
    for id in BUILT_INS {
        let t = built_in(&lib, id);
        let stages: Vec<Stage> = t.stages.iter().map(|s| s.stage).collect();
        assert_eq!(stages, Stage::ALL, "{id}");
        for st in &t.stages {
            assert!(
                st.scripts.len() >= 3,
                "{id}: stage {} has {} scripts",
                st.stage,
                st.scripts.len()
            );
            assert!(!st.goal.trim().is_empty(), "{id}: {} has no goal", st.stage);
        }
    }
}

#[test]
fn built_ins_resolve_stage_answers_the_main_objections() {
    let lib = library();
    let needed = [
        ObjectionKind::Distrust,
        ObjectionKind::Privacy,
        ObjectionKind::Price,
        ObjectionKind::Comparing,
        ObjectionKind::Stalling,
    ];
    for id in BUILT_INS {
        let t = built_in(&lib, id);
        let resolve = t.stage(Stage::Resolve);
        assert_eq!(resolve.stage, Stage::Resolve);
        assert!(
            resolve.objections.len() >= 6,
            "{id}: resolve has {} objections",
            resolve.objections.len()
        );
        let kinds: BTreeSet<ObjectionKind> = resolve.objections.iter().map(|o| o.kind).collect();
        for k in needed {
            assert!(kinds.contains(&k), "{id}: resolve has no '{k}' objection");
        }
        for o in &resolve.objections {
            assert!(!o.customer.trim().is_empty() && !o.reply.trim().is_empty());
        }
    }
}

#[test]
fn built_ins_grade_a_to_d_with_cadences_for_a_b_c_only() {
    let lib = library();
    for id in BUILT_INS {
        let t = built_in(&lib, id);
        let grades: Vec<Grade> = t.grades.iter().map(|g| g.grade).collect();
        assert_eq!(grades, Grade::ALL, "{id}");
        for g in &t.grades {
            if g.grade == Grade::D {
                assert_eq!(g.cadence, None, "{id}: grade D should not be followed up");
                continue;
            }
            let name = g
                .cadence
                .as_deref()
                .unwrap_or_else(|| panic!("{id}: grade {} has no cadence", g.grade));
            let c = cadence(&t, name);
            assert!(!c.steps.is_empty(), "{id}: cadence {name} has no steps");
            for s in &c.steps {
                if let Some(script) = &s.script {
                    assert!(
                        t.script(script).is_some(),
                        "{id}: cadence {name} uses an undefined script {script}"
                    );
                }
            }
        }
    }
}

#[test]
fn built_ins_grade_a_cadence_starts_the_same_day_and_follows_up_on_days_3_to_7() {
    let lib = library();
    for id in BUILT_INS {
        let t = built_in(&lib, id);
        let name = t.grade(Grade::A).and_then(|g| g.cadence.clone()).unwrap();
        assert_eq!(name, "grade-a", "{id}");
        let at = offsets(cadence(&t, &name));
        assert_eq!(
            at[0],
            TimeDelta::zero(),
            "{id}: grade A starts at {}",
            shown(&at)
        );
        let in_3_to_7 = at
            .iter()
            .filter(|d| (TimeDelta::days(3)..=TimeDelta::days(7)).contains(d))
            .count();
        assert!(
            in_3_to_7 >= 1,
            "{id}: no grade-A step on days 3–7: {}",
            shown(&at)
        );
    }
}

#[test]
fn built_ins_aftercare_cadence_touches_within_24h_and_on_day_3() {
    let lib = library();
    for id in BUILT_INS {
        let t = built_in(&lib, id);
        let at = offsets(cadence(&t, "aftercare"));
        assert!(
            at.iter().any(|d| *d <= TimeDelta::hours(24)),
            "{id}: no aftercare step within 24h: {}",
            shown(&at)
        );
        assert!(
            at.iter()
                .any(|d| (TimeDelta::days(3)..TimeDelta::days(4)).contains(d)),
            "{id}: no aftercare step on day 3: {}",
            shown(&at)
        );
    }
}

#[test]
fn built_ins_dormant_cadence_touches_at_most_twice_a_month() {
    let lib = library();
    for id in BUILT_INS {
        let t = built_in(&lib, id);
        let c = cadence(&t, "dormant");
        let cap = c
            .max_touches_per_30d
            .unwrap_or_else(|| panic!("{id}: the dormant cadence has no cap"));
        assert!((1..=2).contains(&cap), "{id}: dormant cap {cap}");
        assert!(!c.steps.is_empty() || c.every.is_some(), "{id}");
    }
}

#[test]
fn default_answers_a_new_lead_within_10_minutes() {
    let lib = library();
    assert_eq!(built_in(&lib, "default").first_response_minutes, 10);
    for id in BUILT_INS {
        let m = built_in(&lib, id).first_response_minutes;
        assert!((1..=10).contains(&m), "{id}: {m} minutes");
    }
}

#[test]
fn built_ins_have_products_with_a_consumption_cycle() {
    let lib = library();
    for id in BUILT_INS {
        let t = built_in(&lib, id);
        assert!(!t.products.is_empty(), "{id}: no product");
        for p in &t.products {
            assert!(p.cycle_days > 0, "{id}: {} has no cycle", p.name);
            assert!(p.remind_before_days < p.cycle_days, "{id}: {}", p.name);
        }
    }
}

#[test]
fn built_ins_tag_taxonomy_is_small_and_two_level() {
    let lib = library();
    for id in BUILT_INS {
        let t = built_in(&lib, id);
        // Few groups the rep sets by hand; the rest salesbook derives.
        let manual = t.tag_groups.iter().filter(|g| !g.auto).count();
        assert!(
            (1..=8).contains(&manual) && t.tag_groups.len() <= 12,
            "{id}: {manual} hand-set of {} tag groups",
            t.tag_groups.len()
        );
        for g in &t.tag_groups {
            let dated = g.rule.is_some_and(|r| r.makes_its_own_tags());
            assert!(
                (dated && g.tags.is_empty()) || (!dated && (1..=10).contains(&g.tags.len())),
                "{id}: group {} has {} tags",
                g.group,
                g.tags.len()
            );
            assert_eq!(
                g.auto,
                g.rule.is_some(),
                "{id}: group {} auto without a rule",
                g.group
            );
            assert!(
                g.category == "基础" || g.category == "精细",
                "{id}: group {} has category {}",
                g.group,
                g.category
            );
        }
    }
}

#[test]
fn default_pitch_covers_the_four_buying_conditions() {
    let t = built_in(&library(), "default");
    let pitch = t.stage(Stage::Pitch);
    let mut text: Vec<&str> = pitch.checklist.iter().map(String::as_str).collect();
    text.extend(pitch.scripts.iter().map(|s| s.text.as_str()));
    for condition in ["产品好", "适合我", "能学会", "有预算"] {
        assert!(
            text.iter().any(|t| t.contains(condition)),
            "default pitch never mentions {condition}"
        );
    }
}

#[test]
fn load_for_parses_the_named_built_ins_and_the_default_only() {
    let ids = |lib: &Library| {
        lib.templates()
            .iter()
            .map(|t| t.template.id.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(&Library::load_for(None, &[])), ["default"]);
    assert_eq!(
        ids(&Library::load_for(None, &["education", "no-such"])),
        ["default", "education"]
    );
}

#[test]
fn builtin_finds_one_template_by_its_id() {
    for id in BUILT_INS {
        let t = Library::builtin(id).unwrap_or_else(|| panic!("{id}"));
        assert_eq!(t.template.id, id);
        assert_eq!(t.origin, Origin::BuiltIn);
        // The id alone says it is built in, before any parse.
        assert!(Library::is_builtin_id(id), "{id}");
    }
    assert!(Library::builtin("no-such").is_none());
    for id in ["no-such", "default.toml", "", "Default"] {
        assert!(!Library::is_builtin_id(id), "{id}");
    }
}

#[test]
fn resolve_reads_a_spec_with_a_slash_as_a_path() {
    let lib = Library::load(None);
    let e = lib.resolve("no-such-dir/default").unwrap_err().to_string();
    assert!(e.contains("has errors"), "{e}");
    assert!(e.contains("cannot read the file"), "{e}");
    let e = lib.resolve("no-such").unwrap_err().to_string();
    assert!(e.starts_with("no template 'no-such'"), "{e}");
}

#[test]
fn a_template_file_of_exactly_the_limit_is_read_one_byte_more_is_not() {
    const MAX: usize = 1024 * 1024;
    let dir = tempfile::tempdir().unwrap();
    let base = read_fixture("templates/valid-minimal.toml");
    // Padded with a comment to exactly the limit: read whole, not cut short.
    let body = format!("{base}\n#");
    let pad = MAX - body.len() - 1;
    let text = format!("{body}{}\n", "x".repeat(pad));
    assert_eq!(text.len(), MAX);
    let at_limit = dir.path().join("at-limit.toml");
    std::fs::write(&at_limit, &text).unwrap();
    let t = salesbook::sop::check_file(&at_limit).unwrap();
    assert_eq!(t.source.len(), MAX);
    for extra in [1, 2] {
        let over = dir.path().join(format!("over-{extra}.toml"));
        std::fs::write(&over, format!("{text}{}", "#".repeat(extra))).unwrap();
        let d = salesbook::sop::check_file(&over).unwrap_err();
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(
            d[0].message,
            format!(
                "the file is {} bytes; a template is at most {MAX} bytes",
                MAX + extra
            )
        );
    }
}

#[test]
fn only_a_toml_file_counts_as_a_user_template() {
    let dir = tempfile::tempdir().unwrap();
    assert!(!Library::has_user_templates(&dir.path().join("missing")));
    assert!(!Library::has_user_templates(dir.path()));
    std::fs::write(dir.path().join("notes.txt"), "not a template").unwrap();
    std::fs::create_dir(dir.path().join("old.toml.d")).unwrap();
    assert!(!Library::has_user_templates(dir.path()));
    std::fs::write(dir.path().join("mine.toml"), "id = \"mine\"").unwrap();
    assert!(Library::has_user_templates(dir.path()));
}
