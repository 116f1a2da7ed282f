//! `import` and `export` end to end: the built binary on real files. Round trips through CSV,
//! vCard and JSON; what the export files look like (mode, BOM, CRLF, masks, formula guards);
//! the import report of the fixture corpus, line numbers and all; duplicates against the book;
//! undo of a whole import; bad input; a kill in the middle of an import; standard input.

mod common;

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

// ───────────────────────────── round trips ─────────────────────────────

/// A demo book of 200 contacts: open, won and lost, a few of them archived.
fn demo_book() -> Sb {
    let sb = Sb::new();
    sb.ok(&["demo", "--contacts", "200"]);
    let all = sb.all();
    let archived = all.iter().filter(|c| c["archived"] == true).count();
    let lost = all.iter().filter(|c| c["outcome"] == "lost").count();
    assert!(
        archived >= 2 && lost >= 10,
        "{archived} archived, {lost} lost"
    );
    sb
}

#[test]
fn csv_and_json_round_trip_of_a_demo_book_are_byte_identical() {
    let a = demo_book();
    let first = export(&a, "a.csv", &["--all"]);
    let first_json = export(&a, "a.json", &["--all", "--format", "json"]);

    let b = Sb::new();
    let report = import_ok(&b, &[p(&a.path("a.csv"))]);
    assert_eq!(
        counts(&report),
        "合计：读到 200 条，新增 200，合并 0，跳过 0，拒绝 0",
        "{report}"
    );
    assert!(report.contains("salesbook 导出的文件"), "{report}");
    let second = export(&b, "b.csv", &["--all"]);
    assert_same_bytes("CSV export → import → export", &first, &second);
    let second_json = export(&b, "b.json", &["--all", "--format", "json"]);
    assert_same_bytes("the JSON of both books", &first_json, &second_json);
}

#[test]
fn vcard_round_trip_of_a_demo_book_is_byte_identical() {
    let a = demo_book();
    let first = export(&a, "a.vcf", &["--all", "--format", "vcard"]);
    let text = String::from_utf8(first.clone()).unwrap();
    assert_eq!(text.matches("BEGIN:VCARD\r\n").count(), 200);

    let b = Sb::new();
    let report = import_ok(&b, &[p(&a.path("a.vcf"))]);
    assert_eq!(
        counts(&report),
        "合计：读到 200 条，新增 200，合并 0，跳过 0，拒绝 0",
        "{report}"
    );
    let second = export(&b, "b.vcf", &["--all", "--format", "vcard"]);
    assert_same_bytes("vCard export → import → export", &first, &second);
    assert_eq!(names(&b), names(&a));
}

/// Contacts with every field the CLI can set, and values that are hard to keep: separators,
/// quotes, backslashes, line breaks, guards and markers already in the text, a ¥ product.
fn rich_book() -> Sb {
    let sb = Sb::new();
    let zhang = sb.add(&[
        "--name",
        "张伟",
        "--honorific",
        "张总",
        "--phone",
        "+86 138 0000 1234",
        "--wechat",
        "zhang_wei",
        "--email",
        "zw@example.com",
        "--company",
        "A, B & C \"引号\"",
        "--source",
        "朋友圈",
        "--need",
        "想改善睡眠; 也看看按摩椅",
        "--budget",
        "3-5",
        "--grade",
        "A",
        "--new-tag",
        "组/a;b",
        "--new-tag",
        "组/c",
        "--note",
        "第一行\n第二行 \\ 反斜杠\\n",
        "--birthday",
        "1990-02-28",
        "--anniversary",
        "2020-05-20",
    ]);
    sb.ok(&[
        "won",
        &zhang.to_string(),
        "--amount",
        "3999.50",
        "--product",
        "¥年卡 plus",
    ]);
    let li = sb.add(&["--name", "李娜", "--phone", "13911112222"]);
    sb.ok(&["lost", &li.to_string(), "--reason", "预算不够, 明年再说"]);
    sb.add(&[
        "--name",
        "Ann O'Neil",
        "--wechat",
        "00123",
        "--phone",
        "075512345678",
    ]);
    sb.add(&[
        "--name=''=1+1",
        "--honorific",
        "TRUE",
        "--need",
        "-",
        "--budget",
        "1e5",
    ]);
    sb.add(&["--name", "王\\n芳", "--note", "\\", "--company", "@公司"]);
    let moved = sb.add(&["--name", "赵敏", "--tag", "意向/近期购买"]);
    sb.ok(&["move", &moved.to_string(), "resolve"]);
    sb.ok(&["archive", &moved.to_string()]);
    sb
}

#[test]
fn every_field_and_awkward_values_round_trip_through_csv_json_and_vcard() {
    let a = rich_book();
    let csv1 = export(&a, "a.csv", &["--all"]);
    let json1 = export(&a, "a.json", &["--all", "--format", "json"]);
    let b = Sb::new();
    import_ok(&b, &[p(&a.path("a.csv"))]);
    assert_same_bytes("CSV round trip", &csv1, &export(&b, "b.csv", &["--all"]));
    assert_same_bytes(
        "JSON after the CSV round trip",
        &json1,
        &export(&b, "b.json", &["--all", "--format", "json"]),
    );
    // The JSON says what went in.
    let json: Vec<Value> = serde_json::from_slice(&json1).unwrap();
    assert_eq!(json[0]["company"], "A, B & C \"引号\"");
    assert_eq!(json[0]["notes"], "第一行\n第二行 \\ 反斜杠\\n");
    assert_eq!(json[0]["birthday"], "1990-02-28");
    assert_eq!(json[0]["anniversary"], "2020-05-20");
    assert_eq!(json[0]["purchases"][0]["amount"], "3999.50");
    assert_eq!(json[0]["purchases"][0]["product"], "¥年卡 plus");
    assert_eq!(json[1]["lost_reason"], "预算不够, 明年再说");
    assert_eq!(json[3]["name"], "''=1+1");
    assert_eq!(json[4]["name"], "王\\n芳");
    assert_eq!(json[5]["stage"], "resolve");
    assert_eq!(json[5]["archived"], true);

    let vcf1 = export(&a, "a.vcf", &["--all", "--format", "vcard"]);
    let c = Sb::new();
    import_ok(&c, &[p(&a.path("a.vcf"))]);
    assert_same_bytes(
        "vCard round trip",
        &vcf1,
        &export(&c, "c.vcf", &["--all", "--format", "vcard"]),
    );
    let through: Vec<Value> =
        serde_json::from_slice(&export(&c, "c.json", &["--all", "--format", "json"])).unwrap();
    for (after, before) in through.iter().zip(&json) {
        for key in [
            "name",
            "honorific",
            "phone",
            "wechat",
            "email",
            "company",
            "notes",
            "birthday",
            "tags",
        ] {
            assert_eq!(
                after[key], before[key],
                "{key} of {} through vCard",
                before["name"]
            );
        }
    }
}

#[test]
fn json_export_has_every_contact_with_its_pipeline_and_purchases() {
    let sb = demo_book();
    let listed = sb.all();
    let exported: Vec<Value> =
        serde_json::from_slice(&export(&sb, "all.json", &["--all", "--format", "json"]))
            .expect("the JSON export parses");
    assert_eq!(exported.len(), 200);
    assert_eq!(exported.len(), listed.len());
    let (mut tagged, mut bought) = (0, 0);
    for (e, l) in exported.iter().zip(&listed) {
        for key in [
            "id",
            "name",
            "phone",
            "wechat",
            "company",
            "source",
            "need",
            "budget",
            "grade",
            "stage",
            "outcome",
            "lost_reason",
            "notes",
            "owner",
            "archived",
            "created_at",
            "updated_at",
            "last_touch_at",
        ] {
            assert_eq!(e[key], l[key], "{key} of #{}", l["id"]);
        }
        assert_eq!(tags(e), tags(l), "tags of #{}", l["id"]);
        assert!(
            ["discover", "pitch", "resolve", "close", "aftercare"]
                .contains(&e["stage"].as_str().unwrap())
        );
        assert!(
            ["intro", "growth", "mature", "dormant", "churned"]
                .contains(&e["lifecycle"].as_str().unwrap()),
            "lifecycle {}",
            e["lifecycle"]
        );
        let purchases = e["purchases"].as_array().expect("purchases");
        // The demo records a purchase exactly for the won contacts.
        assert_eq!(
            !purchases.is_empty(),
            e["outcome"] == "won",
            "purchases of #{}",
            l["id"]
        );
        for buy in purchases {
            let amount = buy["amount"].as_str().expect("an amount string");
            assert!(amount.parse::<f64>().unwrap() > 0.0, "{amount}");
            assert!(buy["product"].as_str().is_some_and(|s| !s.is_empty()));
            assert!(buy["at"].as_str().unwrap().ends_with("+08:00"), "{buy}");
        }
        if !purchases.is_empty() {
            // The same purchases as the timeline's wins: time, amount, product.
            let id = l["id"].as_i64().unwrap();
            let wins: Vec<(Value, Value, Value)> = common::history(&sb.contact(id))
                .iter()
                .filter(|h| h["kind"] == "won")
                .map(|h| (h["at"].clone(), h["amount"].clone(), h["product"].clone()))
                .collect();
            let bought: Vec<(Value, Value, Value)> = purchases
                .iter()
                .map(|b| (b["at"].clone(), b["amount"].clone(), b["product"].clone()))
                .collect();
            assert_eq!(bought, wins, "purchases of #{id}");
        }
        tagged += usize::from(!tags(e).is_empty());
        bought += usize::from(!purchases.is_empty());
    }
    assert!(
        tagged > 20 && bought > 5,
        "{tagged} tagged, {bought} bought"
    );
    // Each lifecycle as `list --lifecycle` sees it.
    for lifecycle in ["intro", "growth", "mature", "dormant", "churned"] {
        let want: BTreeSet<i64> = exported
            .iter()
            .filter(|c| c["lifecycle"] == lifecycle)
            .map(|c| c["id"].as_i64().unwrap())
            .collect();
        let got: BTreeSet<i64> = sb
            .json(&[
                "list",
                "--all",
                "--lifecycle",
                lifecycle,
                "--format",
                "json",
            ])
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].as_i64().unwrap())
            .collect();
        assert_eq!(got, want, "lifecycle {lifecycle}");
    }
}

// ───────────────────────────── what the export files look like ─────────────────────────────

/// 张伟 (#1) and 欧阳强浩 (#2) open, 李娜 (#3) archived.
fn small_book() -> Sb {
    let sb = Sb::new();
    sb.add(&[
        "--name",
        "张伟",
        "--phone",
        "13812341234",
        "--wechat",
        "zhangwei88",
        "--company",
        "武当科技",
    ]);
    sb.add(&[
        "--name",
        "欧阳强浩",
        "--phone",
        "075512345678",
        "--wechat",
        "00123",
        "--budget",
        "3-5",
    ]);
    sb.add(&[
        "--name",
        "李娜",
        "--phone",
        "13911112222",
        "--wechat",
        "lina_1990",
    ]);
    sb.ok(&["archive", "3"]);
    sb
}

#[test]
fn export_files_are_private() {
    let sb = small_book();
    // Even over a file that was readable by everyone.
    let old = sb.write("old.csv", "old");
    std::fs::set_permissions(&old, std::fs::Permissions::from_mode(0o644)).unwrap();
    for (name, format) in [
        ("old.csv", "csv"),
        ("out.csv", "csv"),
        ("out.json", "json"),
        ("out.vcf", "vcard"),
    ] {
        let bytes = export(&sb, name, &["--format", format]);
        assert!(bytes.len() > 100, "{name}");
        let mode = std::fs::metadata(sb.path(name))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "{name} is {:o}", mode & 0o777);
    }
}

#[test]
fn csv_export_has_a_bom_crlf_and_text_cells() {
    let sb = small_book();
    let bytes = export(&sb, "out.csv", &[]);
    assert!(bytes.starts_with(BOM), "no BOM");
    let body = &bytes[BOM.len()..];
    assert!(!body.starts_with(BOM));
    // No cell here holds a line break: every line ends in CRLF.
    assert!(body.ends_with(b"\r\n"));
    for (i, &b) in body.iter().enumerate() {
        if b == b'\n' {
            assert_eq!(body[i - 1], b'\r', "a bare LF at byte {i}");
        }
    }
    assert_eq!(body.windows(2).filter(|w| w == b"\r\n").count(), 3);
    let rows = csv_rows(&bytes);
    assert_eq!(rows[0], salesbook::i18n::exchange::ZH.csv_headers);
    assert_eq!(rows[0][..4], ["编号", "姓名", "称呼", "手机"]);
    assert_eq!(column(&rows, "姓名"), ["张伟", "欧阳强浩"]);
    // Numbers as text, so a spreadsheet keeps the leading zeros.
    let ouyang = row_where(&rows, "姓名", "欧阳强浩");
    assert_eq!(ouyang[col(&rows, "手机")], "075512345678\t");
    assert_eq!(ouyang[col(&rows, "微信号")], "00123\t");
    assert_eq!(ouyang[col(&rows, "预算")], "3-5\t");
    let zhang = row_where(&rows, "姓名", "张伟");
    assert_eq!(zhang[col(&rows, "手机")], "13812341234\t");
    assert_eq!(zhang[col(&rows, "微信号")], "zhangwei88");
    assert_eq!(zhang[col(&rows, "公司")], "武当科技");
    assert_eq!(zhang[col(&rows, "已归档")], "否");

    // --no-bom: the same bytes without the mark.
    let plain = export(&sb, "plain.csv", &["--no-bom"]);
    assert_eq!(plain, body);
    // Standard output gets exactly what the file gets.
    let out = sb.run(&["export"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(out.stdout, bytes);
}

#[test]
fn mask_hides_phones_and_wechat_ids_and_names_when_asked() {
    let sb = small_book();
    let masked = export(&sb, "masked.csv", &["--mask"]);
    let text = String::from_utf8(masked.clone()).unwrap();
    for secret in ["13812341234", "075512345678", "zhangwei88", "00123"] {
        assert!(!text.contains(secret), "{secret} is in the masked export");
    }
    let rows = csv_rows(&masked);
    assert_eq!(column(&rows, "姓名"), ["张伟", "欧阳强浩"]);
    assert_eq!(column(&rows, "手机"), ["138****1234", "075*****5678"]);
    assert_eq!(column(&rows, "微信号"), ["zh***88", "00***23"]);

    let rows = csv_rows(&export(&sb, "names.csv", &["--mask", "names"]));
    assert_eq!(column(&rows, "姓名"), ["张某", "欧阳某"]);
    assert_eq!(column(&rows, "手机"), ["138****1234", "075*****5678"]);

    let json: Value =
        serde_json::from_slice(&export(&sb, "m.json", &["--format", "json", "--mask"])).unwrap();
    assert_eq!(json[0]["phone"], "138****1234");
    assert_eq!(json[0]["wechat"], "zh***88");
    assert_eq!(json[0]["name"], "张伟");
    let vcf = String::from_utf8(export(
        &sb,
        "m.vcf",
        &["--format", "vcard", "--mask", "names"],
    ))
    .unwrap();
    assert!(
        vcf.contains("FN:张某\r\n") && !vcf.contains("13812341234"),
        "{vcf}"
    );
}

#[test]
fn mask_hides_phone_numbers_written_with_separators_in_notes() {
    let sb = Sb::new();
    sb.add(&[
        "--name",
        "王五",
        "--phone",
        "13812345678",
        "--note",
        "备用 139-8765-4321，座机 0755 8765 1234，老号 13987654321",
    ]);
    for format in ["csv", "json", "vcard"] {
        let bytes = export(&sb, "masked", &["--format", format, "--mask"]);
        let text = String::from_utf8(bytes).unwrap();
        assert!(!text.contains("8765"), "{format}:\n{text}");
    }
}

#[test]
fn an_export_that_cannot_be_written_says_why_and_leaves_nothing() {
    let sb = small_book();
    std::fs::create_dir_all(sb.path("folder")).unwrap();
    let (nodir, folder) = (sb.path("nodir/out.csv"), sb.path("folder"));
    for lang in ["zh", "en"] {
        if lang == "en" {
            english(&sb);
        }
        for (out, zh, en) in [
            (&nodir, "文件夹不存在", "no such folder"),
            (&folder, "这是一个文件夹", "it is a folder"),
        ] {
            let args = ["export", "--out", p(out)];
            let said = leaves_everything_as_it_was(&sb, &args);
            let err = expect_fail(&args, said);
            let (what, why) = if lang == "zh" {
                ("写不了文件", zh)
            } else {
                ("cannot write the file", en)
            };
            assert!(
                err.contains(p(out)) && err.contains(what) && err.contains(why),
                "{err}"
            );
            assert!(!err.contains("os error"), "{err}");
        }
    }
}

#[test]
fn archived_contacts_are_exported_only_with_all() {
    let sb = small_book();
    let rows = csv_rows(&export(&sb, "open.csv", &[]));
    assert_eq!(column(&rows, "姓名"), ["张伟", "欧阳强浩"]);
    let rows = csv_rows(&export(&sb, "all.csv", &["--all"]));
    assert_eq!(column(&rows, "姓名"), ["张伟", "欧阳强浩", "李娜"]);
    assert_eq!(column(&rows, "已归档"), ["否", "否", "是"]);

    let json = |args: &[&str]| -> Vec<Value> {
        serde_json::from_slice(&export(&sb, "x.json", args)).unwrap()
    };
    assert_eq!(json(&["--format", "json"]).len(), 2);
    let all = json(&["--format", "json", "--all"]);
    assert_eq!(all.len(), 3);
    assert_eq!(all[2]["archived"], true);
    let cards = |args: &[&str]| {
        String::from_utf8(export(&sb, "x.vcf", args))
            .unwrap()
            .matches("BEGIN:VCARD")
            .count()
    };
    assert_eq!(cards(&["--format", "vcard"]), 2);
    assert_eq!(cards(&["--format", "vcard", "--all"]), 3);
}

// ───────────────────────────── formula guards ─────────────────────────────

const HOSTILE: [&str; 4] = ["=HYPERLINK(\"x\")", "+1+cmd|' /C calc'!A0", "@SUM(1)", "-2"];

/// Whether a spreadsheet would run the cell.
fn runs_as_formula(cell: &str) -> bool {
    cell.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

fn hostile_book() -> Sb {
    let sb = Sb::new();
    for (i, name) in HOSTILE.iter().enumerate() {
        let name = format!("--name={name}");
        let phone = format!("1380000111{i}");
        sb.add(&[&name, "--company", "毒药公司", "--phone", &phone]);
    }
    sb
}

/// Plain UTF-8 CSV for scripts: no BOM, and no cell a spreadsheet would run.
fn assert_script_csv(what: &str, out: &str) -> Vec<Vec<String>> {
    assert!(!out.starts_with('\u{feff}'), "{what} starts with a BOM");
    let rows = csv_rows(out.as_bytes());
    for row in &rows {
        for cell in row {
            assert!(!runs_as_formula(cell), "{what}: unguarded cell {cell:?}");
        }
    }
    rows
}

#[test]
fn hostile_names_are_guarded_in_every_csv_and_import_back_exactly() {
    let sb = hostile_book();
    let guarded_for_scripts = [
        "'=HYPERLINK(\"x\")",
        "'+1+cmd|' /C calc'!A0",
        "'@SUM(1)",
        "'-2",
    ];

    let bytes = export(&sb, "out.csv", &[]);
    let rows = csv_rows(&bytes);
    for row in &rows {
        for cell in row {
            assert!(!runs_as_formula(cell), "export: unguarded cell {cell:?}");
        }
    }
    // `-2` also reads as a number: the text marker comes before the guard.
    assert_eq!(
        column(&rows, "姓名"),
        [
            "'=HYPERLINK(\"x\")",
            "'+1+cmd|' /C calc'!A0",
            "'@SUM(1)",
            "'-2\t"
        ]
    );

    let list = sb.ok(&["list", "--format", "csv"]);
    assert!(list.starts_with("id,name,"), "{list}");
    let rows = assert_script_csv("list", &list);
    assert_eq!(column(&rows, "name"), guarded_for_scripts);

    let search = sb.ok(&["search", "毒药", "--format", "csv"]);
    let rows = assert_script_csv("search", &search);
    let found: BTreeSet<String> = column(&rows, "name").into_iter().collect();
    assert_eq!(found, guarded_for_scripts.map(String::from).into());

    // New leads wait for a first reply: all four are on the agenda.
    let agenda = sb.ok(&["agenda", "--format", "csv"]);
    let rows = assert_script_csv("agenda", &agenda);
    let on_agenda: BTreeSet<String> = column(&rows, "contact_name").into_iter().collect();
    assert_eq!(on_agenda, guarded_for_scripts.map(String::from).into());

    // The export reads back exactly.
    let other = Sb::new();
    import_ok(&other, &[p(&sb.path("out.csv"))]);
    assert_eq!(names(&other), HOSTILE);
}

// ───────────────────────────── tags that hold separators ─────────────────────────────

#[test]
fn tags_holding_separators_split_back_exactly() {
    let sb = Sb::new();
    // Tags of the rep's own, not in the template: added on purpose.
    sb.add(&["--name", "张三", "--new-tag", "组/a;b", "--new-tag", "组/c"]);
    sb.add(&[
        "--name",
        "李四",
        "--new-tag",
        "组/x,y",
        "--new-tag",
        "组/z、w；v",
    ]);
    let first = tags(&sb.contact(1));
    let second = tags(&sb.contact(2));
    let sorted = |mut v: Vec<String>| {
        v.sort();
        v
    };
    assert_eq!(sorted(first.clone()), ["组/a;b", "组/c"]);
    assert_eq!(sorted(second.clone()), ["组/x,y", "组/z、w；v"]);

    let rows = csv_rows(&export(&sb, "out.csv", &[]));
    assert_eq!(column(&rows, "标签"), [first.join("\n"), second.join("\n")]);

    let other = Sb::new();
    import_ok(&other, &[p(&sb.path("out.csv"))]);
    assert_eq!(tags(&other.contact(1)), first);
    assert_eq!(tags(&other.contact(2)), second);

    let vcard = Sb::new();
    export(&sb, "out.vcf", &["--format", "vcard"]);
    import_ok(&vcard, &[p(&sb.path("out.vcf"))]);
    assert_eq!(tags(&vcard.contact(1)), first);
    assert_eq!(tags(&vcard.contact(2)), second);

    // `list --format csv`: one tag a line.
    let rows = csv_rows(sb.ok(&["list", "--format", "csv"]).as_bytes());
    let cells = column(&rows, "tags");
    let split: Vec<Vec<&str>> = cells.iter().map(|c| c.split('\n').collect()).collect();
    assert_eq!(split, [first, second]);
}

// ───────────────────────────── the corpus through the command line ─────────────────────────────

/// The report part of a golden file of tests/fixtures/import/ (it goes on with the records).
fn golden(name: &str) -> String {
    let text = read_fixture(&format!("import/{name}"));
    let (report, _) = text
        .split_once("\n=== adds\n")
        .unwrap_or_else(|| panic!("{name} is not a golden report"));
    report.to_string()
}

/// The number after `label` in the counts line, e.g. 拒绝 in `…，拒绝 1；…`.
fn count_of(report: &str, label: &str) -> usize {
    let line = counts(report);
    let at = line
        .find(label)
        .unwrap_or_else(|| panic!("{label} in {line}"))
        + label.len();
    line[at..]
        .trim_start()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .unwrap()
}

/// The rejected count of a report in either language.
fn rejected(report: &str) -> usize {
    let line = counts(report);
    match line.strip_prefix("Total: ") {
        Some(rest) => rest
            .split(", ")
            .find_map(|part| part.split(';').next()?.strip_suffix(" rejected"))
            .unwrap_or_else(|| panic!("no rejected count in {line}"))
            .parse()
            .unwrap(),
        None => count_of(report, "拒绝"),
    }
}

/// `import --dry-run FILE ARGS…` prints the golden report under the dry run's title; the
/// exit says whether rows were rejected.
fn check_dry_run(sb: &Sb, file: &str, args: &[&str], golden_name: &str, dry_title: &str) {
    let want = golden(golden_name);
    let path = fixture(&format!("import/{file}"));
    let mut all = vec!["import", "--dry-run", p(&path)];
    all.extend_from_slice(args);
    let out = sb.run(&all);
    let printed = stdout(&out);
    let (title, rest) = printed.split_once('\n').expect("a title line");
    let (_, want_rest) = want.split_once('\n').unwrap();
    assert_eq!(title, dry_title, "{golden_name}");
    assert_eq!(rest, want_rest, "{golden_name}: the report differs");
    let rejected = rejected(&want);
    assert_eq!(
        out.status.success(),
        rejected == 0,
        "{golden_name}: {rejected} rejected, exit {}: {}",
        out.status,
        stderr(&out)
    );
}

/// Every corpus file whose golden report was made with the default options.
const DEFAULT_CASES: [&str; 14] = [
    "clean.csv",
    "excel_utf8_bom.csv",
    "wecom_customers_gbk.csv",
    "gb18030.csv",
    "excel_unicode_text.txt",
    "quoted_newlines.csv",
    "crm_en_semicolon.csv",
    "address_book.csv",
    "missing_names.csv",
    "bad_values.csv",
    "unterminated_quote.csv",
    "iphone_v3.vcf",
    "android_v21_qp.vcf",
    "v4.vcf",
];

#[test]
fn dry_run_prints_each_fixtures_golden_report() {
    let sb = Sb::new();
    for file in DEFAULT_CASES {
        check_dry_run(&sb, file, &[], &format!("{file}.report"), DRY_RUN_ZH);
    }
    for (file, args, golden) in [
        (
            "wecom_customers_gbk.csv",
            &[
                "--map",
                "性别=ignore",
                "--map",
                "状态=ignore",
                "--map",
                "客户名称=ignore",
            ][..],
            "wecom_customers_gbk.csv.mapped.report",
        ),
        (
            "mixed_encoding.csv",
            &["--encoding", "utf-8"][..],
            "mixed_encoding.csv.as_utf8.report",
        ),
        (
            "address_book.csv",
            &["--source", "手机通讯录", "--tag", "客户分类/自用"][..],
            "address_book.csv.source_and_tag.report",
        ),
    ] {
        check_dry_run(&sb, file, args, golden, DRY_RUN_ZH);
    }
    assert!(!sb.db().exists(), "a dry run made a book");
    english(&sb);
    check_dry_run(
        &sb,
        "bad_values.csv",
        &[],
        "bad_values.csv.en.report",
        DRY_RUN_EN,
    );
}

#[test]
fn a_real_import_prints_the_golden_report_and_adds_what_it_counts() {
    for file in DEFAULT_CASES {
        let sb = Sb::new();
        let want = golden(&format!("{file}.report"));
        let out = import(&sb, &[p(&fixture(&format!("import/{file}")))]);
        let printed = stdout(&out);
        let rest = printed
            .strip_prefix(&want)
            .unwrap_or_else(|| panic!("{file}: the report differs:\n{printed}\nwanted:\n{want}"));
        let added = count_of(&want, "新增");
        if added > 0 {
            let hint = rest
                .strip_prefix("\n#")
                .and_then(|r| r.strip_suffix(&format!(" · {UNDO_HINT_ZH}\n")))
                .unwrap_or_else(|| panic!("{file}: no undo hint after the report: {rest:?}"));
            assert!(hint.parse::<i64>().is_ok(), "{file}: {rest:?}");
        }
        assert_eq!(out.status.success(), count_of(&want, "拒绝") == 0, "{file}");
        assert_eq!(sb.all().len(), added, "{file}");
    }
}

// ───────────────────────────── a dry run writes nothing ─────────────────────────────

#[test]
fn dry_run_without_a_book_creates_nothing() {
    let sb = Sb::new();
    let clean = sb.write("in/clean.csv", &read_fixture("import/clean.csv"));
    let bad = sb.write("in/bad.csv", &read_fixture("import/bad_values.csv"));
    let out = leaves_everything_as_it_was(&sb, &["import", "--dry-run", p(&clean)]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).starts_with(DRY_RUN_ZH));
    let out = leaves_everything_as_it_was(&sb, &["import", "--dry-run", p(&bad)]);
    assert!(!out.status.success());
    assert!(!sb.db().exists());
    assert!(!sb.path("config").exists() && !sb.path("data").exists());
}

#[test]
fn dry_run_leaves_a_book_byte_for_byte_unchanged() {
    let sb = Sb::new();
    sb.add(&[
        "--name",
        "张伟",
        "--phone",
        "13800001234",
        "--company",
        "武当科技",
    ]);
    sb.add(&["--name", "李娜", "--wechat", "lina_1990"]);
    let dups = fixture("import/duplicates.csv");
    for policy in ["skip", "merge", "new"] {
        let out = leaves_everything_as_it_was(
            &sb,
            &["import", "--dry-run", p(&dups), "--on-duplicate", policy],
        );
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(
            stdout(&out).contains("手册里已有的客户（#1）"),
            "{}",
            stdout(&out)
        );
    }
    let out =
        leaves_everything_as_it_was(&sb, &["import", "--dry-run", p(&fixture("import/v4.vcf"))]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(names(&sb), ["张伟", "李娜"]);
}

// ───────────────────────────── duplicates against the book ─────────────────────────────

/// The book the corpus' duplicate reports were made against: 张伟 #1, 李娜 #2, 王芳 #3.
fn sample_book() -> Sb {
    let sb = Sb::new();
    sb.add(&[
        "--name",
        "张伟",
        "--phone",
        "13800001234",
        "--company",
        "武当科技",
        "--grade",
        "B",
        "--tag",
        "客户来源/朋友圈",
    ]);
    sb.add(&["--name", "李娜", "--wechat", "lina_1990"]);
    sb.add(&[
        "--name",
        "王芳",
        "--phone",
        "13500000000",
        "--company",
        "青城山茶社",
    ]);
    sb
}

#[test]
fn duplicates_against_the_book_follow_the_policy() {
    let dups = fixture("import/duplicates.csv");
    for policy in ["skip", "merge", "new"] {
        let sb = sample_book();
        check_dry_run(
            &sb,
            "duplicates.csv",
            &["--on-duplicate", policy],
            &format!("duplicates.csv.{policy}.report"),
            DRY_RUN_ZH,
        );
        let before: Vec<Value> = (1..=3).map(|id| sb.contact(id)).collect();
        let args: Vec<&str> = if policy == "skip" {
            vec![p(&dups)] // the default
        } else {
            vec![p(&dups), "--on-duplicate", policy]
        };
        let report = import_ok(&sb, &args);
        let want = golden(&format!("duplicates.csv.{policy}.report"));
        assert!(report.starts_with(&want), "{policy}:\n{report}");
        let added = count_of(&want, "新增");
        assert_eq!(sb.all().len(), 3 + added, "{policy}");
        let after: Vec<Value> = (1..=3).map(|id| sb.contact(id)).collect();
        match policy {
            "merge" => {
                assert_eq!(
                    counts(&report),
                    "合计：读到 7 条，新增 2，合并 5，跳过 0，拒绝 0；2 条有警告"
                );
                // 张伟: the book's company and grade kept, the file's tag added.
                let z = &after[0];
                assert_eq!(z["company"], "武当科技");
                assert_eq!(z["grade"], "B");
                assert_eq!(z["phone"], before[0]["phone"]);
                let mut t = tags(z);
                t.sort();
                assert_eq!(t, ["客户来源/朋友圈", "意向/近期购买"]);
                // 李娜: her empty phone filled from the file, her WeChat ID kept.
                assert_eq!(after[1]["phone"], "13911112222");
                assert_eq!(after[1]["wechat"], "lina_1990");
                // 王芳 only shares a name and company: reported, not touched.
                assert_eq!(after[2], before[2]);
                // 赵敏 (lines 4, 5, 6, 8) is one new contact with what line 5 added.
                let zhao: Vec<Value> = sb
                    .all()
                    .into_iter()
                    .filter(|c| c["name"] == "赵敏")
                    .collect();
                assert_eq!(zhao.len(), 1);
                assert_eq!(zhao[0]["company"], "明教");
                assert_eq!(zhao[0]["grade"], "B");
                assert_eq!(zhao[0]["wechat"], "zhaomin");
            }
            "skip" => {
                assert_eq!(
                    counts(&report),
                    "合计：读到 7 条，新增 2，合并 0，跳过 5，拒绝 0；2 条有警告"
                );
                assert_eq!(after, before, "skip changed the book's contacts");
            }
            _ => {
                assert_eq!(
                    counts(&report),
                    "合计：读到 7 条，新增 7，合并 0，跳过 0，拒绝 0；6 条有警告"
                );
                assert_eq!(after, before, "new changed the book's contacts");
                let zhang = sb.all().iter().filter(|c| c["name"] == "张伟").count();
                assert_eq!(zhang, 2);
            }
        }
    }
}

#[test]
fn a_row_matching_a_contact_merged_away_goes_to_the_one_it_joined() {
    let sb = Sb::new();
    sb.add(&["--name", "李娜", "--wechat", "lina_1990"]);
    sb.add(&["--name", "李娜", "--phone", "13911112222"]);
    // #1 joins #2: both now hold the WeChat ID, #1 only as a merged-away record.
    sb.ok(&["merge", "2", "1"]);
    let file = sb.write("m.csv", "姓名,微信号,公司\n李娜,lina_1990,峨眉派\n新人,,\n");
    let dry = sb.ok(&["import", "--dry-run", p(&file)]);
    assert!(dry.contains("（#2）") && !dry.contains("（#1）"), "{dry}");
    let report = import_ok(&sb, &[p(&file), "--on-duplicate", "merge"]);
    assert_eq!(
        counts(&report),
        "合计：读到 2 条，新增 1，合并 1，跳过 0，拒绝 0",
        "{report}"
    );
    assert_eq!(sb.contact(2)["company"], "峨眉派");
    assert_eq!(sb.contact(1)["company"], Value::Null);
}

// ───────────────────────────── undo ─────────────────────────────

const THREE: &str = "姓名,手机,微信号,公司\n\
                     赵敏,13700001111,zhaomin,明教\n\
                     周芷若,13600001111,zhouzr,峨眉派\n\
                     小昭,13500002222,,明教\n";

#[test]
fn undo_removes_a_whole_import() {
    let sb = Sb::new();
    sb.add(&["--name", "老客户", "--phone", "13900009999"]);
    let before = sb.snapshot();
    let file = sb.write("three.csv", THREE);
    import_ok(&sb, &[p(&file)]);
    assert_eq!(names(&sb), ["老客户", "赵敏", "周芷若", "小昭"]);

    // One log entry for the whole file.
    let list = sb.json(&["undo", "--list", "--format", "json"]);
    let newest = &list[0];
    assert!(
        newest["action"].as_str().unwrap().contains("import"),
        "{newest}"
    );
    assert_eq!(
        newest["contacts"],
        serde_json::json!(["赵敏", "周芷若", "小昭"])
    );
    assert!(
        list[1]["action"].as_str().unwrap().contains("add"),
        "{list}"
    );

    sb.ok(&["undo"]);
    assert_eq!(sb.snapshot(), before);
    sb.ok(&["verify"]);
}

#[test]
fn undo_of_a_merging_import_gives_back_the_book_values() {
    let sb = sample_book();
    let before = sb.snapshot();
    let dups = fixture("import/duplicates.csv");
    import_ok(&sb, &[p(&dups), "--on-duplicate", "merge"]);
    assert_ne!(sb.snapshot(), before);
    sb.ok(&["undo"]);
    assert_eq!(sb.snapshot(), before);
    sb.ok(&["verify"]);
}

#[test]
fn undo_archives_an_imported_contact_worked_on_since() {
    let sb = Sb::new();
    sb.add(&["--name", "老客户", "--phone", "13900009999"]);
    let file = sb.write("three.csv", THREE);
    import_ok(&sb, &[p(&file)]);
    let zhou = sb
        .all()
        .into_iter()
        .find(|c| c["name"] == "周芷若")
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    // A colleague on the same book logs a call, so the rep's latest change is the import.
    let out = sb.run_env(
        &[
            "log",
            &zhou.to_string(),
            "--channel",
            "phone",
            "--note",
            "回电话了",
        ],
        &[("USER", "colleague")],
    );
    expect_ok(&["log"], out);

    let said = sb.ok(&["undo"]);
    assert!(!said.trim().is_empty());
    // Nothing of the import is left open; 周芷若 is archived with her call, not deleted.
    assert_eq!(
        sb.json(&["list", "--format", "json"])
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(names(&sb), ["老客户", "周芷若"]);
    let c = sb.contact(zhou);
    assert_eq!(c["archived"], true);
    let texts: Vec<&str> = common::history(&c)
        .iter()
        .filter_map(|h| h["text"].as_str())
        .collect();
    assert!(texts.contains(&"回电话了"), "{c}");
    sb.ok(&["verify"]);
}

// ───────────────────────────── bad input ─────────────────────────────

/// A book of two contacts, and a good file to import into it.
fn book_and_file() -> (Sb, PathBuf) {
    let sb = Sb::new();
    sb.add(&["--name", "张伟", "--phone", "13800001234"]);
    sb.add(&["--name", "李娜"]);
    let file = sb.write("clean.csv", &read_fixture("import/clean.csv"));
    sb.write("empty.csv", "");
    sb.write("nocolumns.csv", "foo,bar\n1,2\n");
    std::fs::create_dir_all(sb.path("folder.csv")).unwrap();
    (sb, file)
}

#[test]
fn bad_options_and_files_are_refused_with_what_is_accepted() {
    let (sb, file) = book_and_file();
    let f = p(&file);
    let (missing, folder) = (sb.path("nope.csv"), sb.path("folder.csv"));
    let (empty, nocols) = (sb.path("empty.csv"), sb.path("nocolumns.csv"));
    // (arguments, what the Chinese message says, what the English one says)
    let cases: Vec<(Vec<&str>, Vec<&str>, Vec<&str>)> = vec![
        (
            vec![p(&missing)],
            vec!["nope.csv", "读不了文件", "没有这个文件"],
            vec!["nope.csv", "cannot read the file", "no such file"],
        ),
        (
            vec![p(&folder)],
            vec!["folder.csv", "不是普通文件"],
            vec!["folder.csv", "not a regular file"],
        ),
        (
            vec![f, "--encoding", "latin9"],
            vec!["--encoding", "latin9", "可用", "gbk", "gb18030", "utf-8"],
            vec![
                "--encoding",
                "latin9",
                "accepted",
                "gbk",
                "gb18030",
                "utf-8",
            ],
        ),
        (
            vec![f, "--on-duplicate", "replace"],
            vec!["--on-duplicate", "replace", "可用", "skip, merge, new"],
            vec!["--on-duplicate", "replace", "accepted", "skip, merge, new"],
        ),
        (
            vec![f, "--format", "xlsx"],
            vec!["--format", "xlsx", "可用", "csv, vcard"],
            vec!["--format", "xlsx", "accepted", "csv, vcard"],
        ),
        (
            vec![f, "--map", "客户姓名"],
            vec!["--map", "客户姓名", "列名=字段", "name", "phone", "ignore"],
            vec![
                "--map",
                "客户姓名",
                "COLUMN=FIELD",
                "name",
                "phone",
                "ignore",
            ],
        ),
        (
            vec![f, "--map", "客户姓名=shoe_size"],
            vec!["--map", "shoe_size", "name", "phone", "ignore"],
            vec!["--map", "shoe_size", "name", "phone", "ignore"],
        ),
        (
            vec![f, "--map", "客户昵称=name"],
            vec!["--map", "客户昵称"],
            vec!["--map", "客户昵称"],
        ),
        (
            vec![f, "--tag", "朋友圈"],
            vec!["朋友圈", "分组/标签"],
            vec!["朋友圈", "GROUP/TAG"],
        ),
        (
            vec![p(&empty)],
            vec!["文件是空的"],
            vec!["the file is empty"],
        ),
        (
            vec![p(&nocols)],
            vec!["没有认出任何一列", "foo", "--map"],
            vec!["no column was recognised", "foo", "--map"],
        ),
    ];
    for lang in ["zh", "en"] {
        if lang == "en" {
            english(&sb);
        }
        for (args, zh, en) in &cases {
            for dry in [false, true] {
                let mut all = vec!["import"];
                all.extend_from_slice(args);
                if dry {
                    all.push("--dry-run");
                }
                let out = leaves_everything_as_it_was(&sb, &all);
                let err = expect_fail(&all, out);
                let want = if lang == "zh" { zh } else { en };
                for part in want {
                    assert!(
                        err.contains(part),
                        "`salesbook {}` ({lang}) should say {part:?}:\n{err}",
                        all.join(" ")
                    );
                }
                if lang == "en" {
                    for part in zh.iter().filter(|z| !en.contains(z)) {
                        assert!(!err.contains(part), "Chinese in English: {err}");
                    }
                }
            }
        }
    }
    assert_eq!(names(&sb), ["张伟", "李娜"]);
    // The system's own English stays out of a Chinese message.
    std::fs::remove_file(sb.path("config/salesbook/config.toml")).unwrap();
    let err = sb.fail(&["import", p(&missing)]);
    assert!(!err.contains("No such file"), "{err}");
}

#[test]
fn a_file_of_only_bad_rows_imports_nothing_and_fails() {
    let (sb, _) = book_and_file();
    // No name and nothing to name the contact by; a name over 100 characters.
    let bad = sb.write(
        "bad.csv",
        &format!(
            "姓名,手机,来源\n,,朋友圈\n{},13900002222,\n",
            "长".repeat(101)
        ),
    );
    let before = sb.snapshot();
    let out = leaves_everything_as_it_was(&sb, &["import", p(&bad)]);
    let report = stdout(&out);
    let err = expect_fail(&["import"], out);
    assert!(err.contains("没有导入任何一行"), "{err}");
    assert!(err.contains("手册没有改动"), "{err}");
    assert_eq!(
        counts(&report),
        "合计：读到 2 条，新增 0，合并 0，跳过 0，拒绝 2",
        "{report}"
    );
    assert!(report.contains("第 2 行\n  拒绝：") && report.contains("第 3 行\n  拒绝："));
    assert_eq!(sb.snapshot(), before);
}

#[test]
fn a_file_that_imports_nothing_makes_no_book() {
    let sb = Sb::new();
    for (name, text, says) in [
        ("bad.csv", "姓名,手机,来源\n,,朋友圈\n", "没有导入任何一行"),
        ("empty.csv", "", "文件是空的"),
        ("nocolumns.csv", "foo,bar\n1,2\n", "没有认出任何一列"),
        ("nocards.vcf", "hello\n", "没有找到名片"),
    ] {
        let file = sb.write(name, text);
        let out = leaves_everything_as_it_was(&sb, &["import", p(&file)]);
        let err = expect_fail(&["import", name], out);
        assert!(err.contains(says), "{name}: {err}");
        assert!(!err.contains("已新建"), "{name}: {err}");
        assert!(!sb.db().exists(), "{name} made a book");
    }
    // A good file does make one.
    let good = sb.write("good.csv", "姓名,手机\n张伟,13800001234\n");
    let out = sb.run(&["import", p(&good)]);
    let report = expect_ok(&["import"], out);
    assert_eq!(
        counts(&report),
        "合计：读到 1 条，新增 1，合并 0，跳过 0，拒绝 0"
    );
    assert_eq!(names(&sb), ["张伟"]);
}

#[test]
fn a_map_to_a_missing_column_is_explained_in_chinese() {
    let (sb, file) = book_and_file();
    let err = sb.fail(&["import", p(&file), "--map", "客户昵称=name"]);
    assert!(
        err.contains("客户昵称") && err.contains("姓名、手机"),
        "{err}"
    );
    assert!(!err.contains("which the file does not have"), "{err}");
}

/// Line 2 spans two physical lines (a quoted line break), so the rows after it start one
/// line further down: 3 张伟, 4 (no name, nothing to name it by), 5 李娜, 6 (a name of
/// 101 characters).
fn partly_bad() -> String {
    format!(
        "姓名,手机,备注\n\
         张伟,13800007777,\"第一行\n第二行\"\n\
         ,,没有名字也没有电话\n\
         李娜,13900003333,\n\
         {},13700004444,太长\n",
        "长".repeat(101)
    )
}

#[test]
fn a_partly_bad_file_imports_the_good_rows_and_fails_naming_the_bad_lines() {
    let (sb, _) = book_and_file();
    let file = sb.write("partly.csv", &partly_bad());
    let out = import(&sb, &[p(&file)]);
    let report = stdout(&out);
    let err = expect_fail(&["import"], out);
    assert!(err.contains("有 2 行没有导入"), "{err}");
    assert_eq!(
        counts(&report),
        "合计：读到 4 条，新增 2，合并 0，跳过 0，拒绝 2",
        "{report}"
    );
    let flagged: Vec<&str> = report.lines().filter(|l| l.starts_with("第 ")).collect();
    assert_eq!(flagged, ["第 4 行", "第 6 行"], "{report}");
    assert!(report.contains("第 4 行\n  拒绝："), "{report}");
    assert!(report.contains("第 6 行\n  拒绝："), "{report}");
    assert_eq!(names(&sb), ["张伟", "李娜", "张伟", "李娜"]);
    let zhang = sb.contact(3);
    assert_eq!(zhang["notes"], "第一行\n第二行");

    // In English.
    let (sb, _) = book_and_file();
    english(&sb);
    let file = sb.write("partly.csv", &partly_bad());
    let out = import(&sb, &[p(&file)]);
    let report = stdout(&out);
    let err = expect_fail(&["import"], out);
    assert!(err.contains("2 rows were not imported"), "{err}");
    assert_eq!(
        counts(&report),
        "Total: 4 read, 2 added, 0 merged, 0 skipped, 2 rejected",
        "{report}"
    );
    let flagged: Vec<&str> = report.lines().filter(|l| l.starts_with("line ")).collect();
    assert_eq!(flagged, ["line 4", "line 6"], "{report}");
    assert_eq!(sb.all().len(), 4);
}

#[test]
fn a_partly_bad_dry_run_does_not_say_rows_were_imported() {
    let (sb, _) = book_and_file();
    let file = sb.write("partly.csv", &partly_bad());
    let out = leaves_everything_as_it_was(&sb, &["import", "--dry-run", p(&file)]);
    let err = expect_fail(&["import", "--dry-run"], out);
    assert!(err.contains('2'), "{err}");
    assert!(!err.contains("已导入"), "a dry run imported nothing: {err}");
    english(&sb);
    let out = leaves_everything_as_it_was(&sb, &["import", "--dry-run", p(&file)]);
    let err = expect_fail(&["import", "--dry-run"], out);
    assert!(
        !err.contains("the others were"),
        "a dry run imported nothing: {err}"
    );
}

// ───────────────────────────── all or nothing ─────────────────────────────

/// Rows of distinct contacts (phones 1390000000x… and WeChat IDs never in the book).
fn big_csv(rows: usize) -> String {
    let mut out = String::from("姓名,手机,微信号,公司,需求,标签,添加时间\n");
    for i in 0..rows {
        out.push_str(&format!(
            "客户{i},139{i:08},wx_big_{i},公司{},想了解产品 {i},意向/近期购买,2026-10-{:02} 10:00\n",
            i % 97,
            i % 28 + 1
        ));
    }
    out
}

/// A small pseudo-random sequence (xorshift), seeded from the clock and printed, so a failing
/// run can be repeated.
struct Rng(u64);

impl Rng {
    fn unit(&mut self) -> f64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

fn contacts_in(book: &Path) -> i64 {
    let db =
        rusqlite::Connection::open_with_flags(book, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .expect("open the book read-only");
    let check: String = db
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("integrity_check");
    assert_eq!(check, "ok");
    db.query_row("SELECT count(*) FROM contacts", [], |r| r.get(0))
        .expect("count")
}

/// Rows in the killed import. The debug build imports about 2,000 rows a second on an idle
/// 2-core machine (half that when it is busy): 4,000 keep the 20 kills well under a minute.
const KILL_ROWS: usize = 4_000;
const KILL_RUNS: usize = 20;

#[test]
fn an_import_killed_at_any_moment_leaves_all_of_it_or_none() {
    let sb = Sb::new();
    sb.add(&["--name", "老客户", "--phone", "13900009999"]);
    sb.add(&["--name", "老朋友", "--wechat", "old_friend"]);
    let file = sb.write("big.csv", &big_csv(KILL_ROWS));
    let pristine = sb.path("pristine.sqlite");
    std::fs::copy(sb.db(), &pristine).unwrap();
    let old = contacts_in(&pristine);
    assert_eq!(old, 2);
    let reset = || {
        for ext in ["-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{ext}", sb.db().display()));
        }
        std::fs::copy(&pristine, sb.db()).unwrap();
    };

    // How long a whole import takes (other tests may be running: later runs shorten it).
    let start = Instant::now();
    import_ok(&sb, &[p(&file)]);
    let mut whole = start.elapsed();
    assert_eq!(contacts_in(&sb.db()), old + KILL_ROWS as i64);

    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
        | 1;
    eprintln!("a whole import of {KILL_ROWS} rows: {whole:?}; seed {seed}");
    let mut rng = Rng(seed);
    let (mut none, mut all, mut finished) = (0, 0, 0);
    for run in 0..KILL_RUNS {
        reset();
        // One random moment in each twentieth of the import.
        let at = whole.mul_f64((run as f64 + rng.unit()) / KILL_RUNS as f64);
        let mut child = sb
            .command()
            .args(["import", p(&file)])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(at);
        let done = child.try_wait().unwrap();
        if done.is_none() {
            child.kill().unwrap(); // SIGKILL
        }
        let status = child.wait().unwrap();

        let n = contacts_in(&sb.db());
        assert!(
            n == old || n == old + KILL_ROWS as i64,
            "killed after {at:?} (seed {seed}): {n} contacts"
        );
        if done.is_some() {
            // It ran to the end first: the import is a shorter one than measured.
            assert!(
                status.success() && n == old + KILL_ROWS as i64,
                "{status}, {n}"
            );
            whole = whole.min(at);
            finished += 1;
        } else if n == old {
            none += 1;
        } else {
            all += 1;
        }
        let out = sb.run(&["verify"]);
        assert!(
            out.status.success(),
            "verify after a kill at {at:?} (seed {seed}):\n{}{}",
            stdout(&out),
            stderr(&out)
        );
    }
    eprintln!(
        "{none} kills left none of the import, {all} all of it; {finished} imports ended first"
    );
}

// ───────────────────────────── standard input ─────────────────────────────

fn import_stdin(sb: &Sb, args: &[&str], input: &[u8]) -> Output {
    let mut child = sb
        .command()
        .arg("import")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    out
}

#[test]
fn import_reads_standard_input_for_a_dash() {
    let sb = Sb::new();
    let clean = std::fs::read(fixture("import/clean.csv")).unwrap();
    let dry = import_stdin(&sb, &["--dry-run", "-"], &clean);
    let printed = expect_ok(&["import", "--dry-run", "-"], dry);
    let want = golden("clean.csv.report");
    assert_eq!(
        printed.split_once('\n').unwrap().1,
        want.split_once('\n').unwrap().1
    );
    assert!(!sb.db().exists());

    let out = import_stdin(&sb, &["-"], &clean);
    let printed = expect_ok(&["import", "-"], out);
    assert!(printed.starts_with(&want), "{printed}");
    assert_eq!(names(&sb), ["张伟", "李娜", "欧阳强浩", "王芳", "陈静"]);

    // A vCard, told by its content; a GBK file, told by its bytes.
    let vcf = std::fs::read(fixture("import/v4.vcf")).unwrap();
    let out = import_stdin(&sb, &["-"], &vcf);
    let printed = expect_ok(&["import", "-"], out);
    assert!(printed.starts_with(&golden("v4.vcf.report")), "{printed}");
    let gbk = std::fs::read(fixture("import/wecom_customers_gbk.csv")).unwrap();
    let out = import_stdin(&sb, &["--dry-run", "-"], &gbk);
    let printed = stdout(&out);
    assert!(printed.contains("GBK"), "{printed}");

    // Nothing on standard input.
    let before = sb.snapshot();
    let out = import_stdin(&sb, &["-"], b"");
    let err = expect_fail(&["import", "-"], out);
    assert!(err.contains("文件是空的"), "{err}");
    assert_eq!(sb.snapshot(), before);
}
