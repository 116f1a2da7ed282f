//! `import` and `export` end to end: the built binary on real files. Round trips through CSV,
//! vCard and JSON; what the export files look like (mode, BOM, CRLF, masks, formula guards);
//! the import report of the fixture corpus, line numbers and all; duplicates against the book;
//! undo of a whole import; bad input; a kill in the middle of an import; standard input.
//! This file holds what they share; the tests are in the modules under `cli_exchange/`.

#[path = "cli_exchange/bad_input.rs"]
mod bad_input;
#[path = "cli_exchange/columns.rs"]
mod columns;
mod common;
#[path = "cli_exchange/contacted.rs"]
mod contacted;
#[path = "cli_exchange/export_files.rs"]
mod export_files;
#[path = "cli_exchange/import_reports.rs"]
mod import_reports;
#[path = "cli_exchange/not_text.rs"]
mod not_text;
#[path = "cli_exchange/purchases.rs"]
mod purchases;
#[path = "cli_exchange/round_trips.rs"]
mod round_trips;
#[path = "cli_exchange/split_match.rs"]
mod split_match;
#[path = "cli_exchange/tags.rs"]
mod tags;
#[path = "cli_exchange/worked_plan.rs"]
mod worked_plan;

use common::{Sb, dir_state, expect_fail, expect_ok, fixture, read_fixture, stderr, stdout};
use serde_json::Value;
use std::collections::BTreeSet;
use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};
use std::time::{Duration, Instant};

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The dry run's title: the report's own, then this.
const DRY_RUN_ZH: &str = "导入报告 · 试运行：没有写入任何内容";
const DRY_RUN_EN: &str = "Import report · dry run: nothing was written";

/// The hint a real import prints after its report.
const UNDO_HINT_ZH: &str = "整批导入可以撤销";

fn p(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 path")
}

/// `[ui] lang = "en"` for every command of `sb` from now on.
fn english(sb: &Sb) {
    sb.write("config/salesbook/config.toml", "[ui]\nlang = \"en\"\n");
}

/// `export ARGS… --out NAME` (in the temporary directory); the file's bytes.
fn export(sb: &Sb, name: &str, args: &[&str]) -> Vec<u8> {
    let out = sb.path(name);
    let mut all = vec!["export"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--out", p(&out)]);
    let said = sb.run(&all);
    expect_ok(&all, said);
    std::fs::read(&out).unwrap_or_else(|e| panic!("{}: {e}", out.display()))
}

/// `import ARGS…`, whatever happened.
fn import(sb: &Sb, args: &[&str]) -> Output {
    let mut all = vec!["import"];
    all.extend_from_slice(args);
    sb.run(&all)
}

/// `import ARGS…` that must succeed; its report.
fn import_ok(sb: &Sb, args: &[&str]) -> String {
    let mut all = vec!["import"];
    all.extend_from_slice(args);
    sb.ok(&all)
}

/// CSV bytes (a leading BOM dropped) as rows of cells, the header row first.
fn csv_rows(bytes: &[u8]) -> Vec<Vec<String>> {
    let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(bytes)
        .records()
        .map(|r| r.expect("a CSV record").iter().map(String::from).collect())
        .collect()
}

/// The index of a header in the first row.
fn col(rows: &[Vec<String>], header: &str) -> usize {
    rows[0]
        .iter()
        .position(|h| h == header)
        .unwrap_or_else(|| panic!("no {header} column in {:?}", rows[0]))
}

/// The cells of one column, header left out.
fn column(rows: &[Vec<String>], header: &str) -> Vec<String> {
    let i = col(rows, header);
    rows[1..].iter().map(|r| r[i].clone()).collect()
}

/// The row whose `header` cell is `value`.
fn row_where<'a>(rows: &'a [Vec<String>], header: &str, value: &str) -> &'a [String] {
    let i = col(rows, header);
    rows[1..]
        .iter()
        .find(|r| r[i] == value)
        .unwrap_or_else(|| panic!("no row with {header} = {value:?}"))
}

/// The report's counts line.
fn counts(report: &str) -> &str {
    report
        .lines()
        .rev()
        .find(|l| l.starts_with("合计：") || l.starts_with("Total: "))
        .unwrap_or_else(|| panic!("no counts line in the report:\n{report}"))
}

fn names(sb: &Sb) -> Vec<String> {
    sb.all()
        .iter()
        .map(|c| c["name"].as_str().expect("name").to_string())
        .collect()
}

fn tags(contact: &Value) -> Vec<String> {
    contact["tags"]
        .as_array()
        .expect("tags")
        .iter()
        .map(|t| t.as_str().expect("tag").to_string())
        .collect()
}

/// Equal bytes, or a panic naming the first line that differs.
fn assert_same_bytes(what: &str, a: &[u8], b: &[u8]) {
    if a == b {
        return;
    }
    let (ta, tb) = (String::from_utf8_lossy(a), String::from_utf8_lossy(b));
    let (la, lb): (Vec<&str>, Vec<&str>) = (ta.split('\n').collect(), tb.split('\n').collect());
    let i = la
        .iter()
        .zip(&lb)
        .position(|(x, y)| x != y)
        .unwrap_or(la.len().min(lb.len()));
    panic!(
        "{what}: the files differ ({} and {} bytes); first at line {}:\n  first:  {:?}\n  second: {:?}",
        a.len(),
        b.len(),
        i + 1,
        la.get(i),
        lb.get(i)
    );
}

/// Each file's name, size, sha256 and mtime, as [`dir_state`] gives them.
type FileStates = Vec<(String, u64, String, std::time::SystemTime)>;

/// Every path under `dir`, folders included, with [`dir_state`] of its files: equal before
/// and after means not even an empty folder appeared.
fn tree_state(dir: &Path) -> (Vec<String>, FileStates) {
    let mut paths = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("read dir") {
            let e = e.expect("entry");
            let path = e.path();
            paths.push(path.strip_prefix(dir).unwrap().display().to_string());
            if e.file_type().unwrap().is_dir() {
                stack.push(path);
            }
        }
    }
    paths.sort();
    (paths, dir_state(dir))
}

/// Runs `args` and checks it changed nothing under the temporary directory.
fn leaves_everything_as_it_was(sb: &Sb, args: &[&str]) -> Output {
    let before = tree_state(sb.root());
    // mtimes have a resolution: a write in the same instant must still show.
    std::thread::sleep(Duration::from_millis(5));
    let out = sb.run(args);
    assert_eq!(
        tree_state(sb.root()),
        before,
        "`salesbook {}` changed files:\nstdout:\n{}\nstderr:\n{}",
        args.join(" "),
        stdout(&out),
        stderr(&out)
    );
    out
}

/// The report part of a golden file of tests/fixtures/import/ (it goes on with the records).
fn golden(name: &str) -> String {
    let text = read_fixture(&format!("import/{name}"));
    let (report, _) = text
        .split_once("\n=== adds\n")
        .unwrap_or_else(|| panic!("{name} is not a golden report"));
    report.to_string()
}
