//! Bad input, a kill in the middle of an import, and standard input. Part of `cli_exchange.rs`, whose helpers it uses.

use super::*;

// ───────────────────────────── bad input ─────────────────────────────

/// A book of two contacts, and a good file to import into it.
pub(crate) fn book_and_file() -> (Sb, PathBuf) {
    let sb = Sb::new();
    sb.add(&["--name", "张伟", "--phone", "13800001234"]);
    sb.add(&["--name", "李娜"]);
    let file = sb.write("clean.csv", &read_fixture("import/clean.csv"));
    sb.write("empty.csv", "");
    sb.write("nocolumns.csv", "foo,bar\n1,2\n");
    sb.write("header_only.csv", "姓名,手机\r\n");
    std::fs::create_dir_all(sb.path("folder.csv")).unwrap();
    (sb, file)
}

#[test]
fn bad_options_and_files_are_refused_with_what_is_accepted() {
    let (sb, file) = book_and_file();
    let f = p(&file);
    let (missing, folder) = (sb.path("nope.csv"), sb.path("folder.csv"));
    let (empty, nocols) = (sb.path("empty.csv"), sb.path("nocolumns.csv"));
    let header_only = sb.path("header_only.csv");
    // (arguments, what the Chinese message says, what the English one says)
    let cases: Vec<(Vec<&str>, Vec<&str>, Vec<&str>)> = vec![
        (
            vec![p(&missing)],
            vec!["nope.csv：读不了文件（没有这个文件）"],
            vec!["nope.csv: cannot read the file (no such file)"],
        ),
        (
            vec![p(&folder)],
            vec!["folder.csv：读不了文件（不是普通文件）"],
            vec!["folder.csv: cannot read the file (not a regular file)"],
        ),
        (
            vec![p(&header_only)],
            vec!["文件里只有表头，下面没有客户"],
            vec!["a header and no rows under it"],
        ),
        (
            vec![f, "--encoding", "latin9"],
            vec![
                "参数 --encoding 的值 'latin9' 不对；可用：utf-8、gbk、gb2312、cp936、gb18030、utf-16le、utf-16be",
            ],
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
            vec!["参数 --on-duplicate 的值 'replace' 不对；可用：skip、merge、new"],
            vec!["--on-duplicate", "replace", "accepted", "skip, merge, new"],
        ),
        (
            vec![f, "--format", "xlsx"],
            vec!["参数 --format 的值 'xlsx' 不对；可用：csv、vcard"],
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

#[test]
fn a_spreadsheet_file_is_refused_with_how_to_save_it_as_csv() {
    let (sb, _) = book_and_file();
    // The first bytes of an .xlsx (a ZIP) and of an old .xls (an OLE2 compound file).
    let mut xlsx = b"PK\x03\x04\x14\x00\x06\x00".to_vec();
    xlsx.extend_from_slice(b"[Content_Types].xml");
    let mut xls = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    xls.resize(512, 0);
    for (name, bytes, kind) in [
        ("客户.xlsx", xlsx, "xlsx / ods"),
        ("客户.xls", xls, "xls / et"),
    ] {
        let path = sb.path(name);
        std::fs::write(&path, &bytes).unwrap();
        let out = leaves_everything_as_it_was(&sb, &["import", p(&path)]);
        assert!(!out.status.success(), "{name}");
        let err = stderr(&out);
        assert!(
            err.contains(kind) && err.contains("另存为"),
            "{name}: {err}"
        );
        // Whatever --format or --encoding says, it is not text.
        let out = sb.run(&["import", p(&path), "--format", "csv", "--encoding", "gbk"]);
        assert!(stderr(&out).contains("另存为"), "{name}");
    }
    assert_eq!(names(&sb).len(), 2);
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
        "合计：读到 4 条，新增 2，合并 0，跳过 0，拒绝 2；1 条有警告",
        "{report}"
    );
    let flagged: Vec<&str> = report.lines().filter(|l| l.starts_with("第 ")).collect();
    assert_eq!(flagged, ["第 4 行", "第 5 行", "第 6 行"], "{report}");
    assert!(report.contains("第 4 行\n  拒绝："), "{report}");
    // The book's 李娜 has nothing but her name: is the file's 李娜 the same person?
    assert!(
        report.contains("第 5 行\n  警告：与手册里已有的客户（#2）同名"),
        "{report}"
    );
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
        "Total: 4 read, 2 added, 0 merged, 0 skipped, 2 rejected; 1 with warnings",
        "{report}"
    );
    let flagged: Vec<&str> = report.lines().filter(|l| l.starts_with("line ")).collect();
    assert_eq!(flagged, ["line 4", "line 5", "line 6"], "{report}");
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

/// `import --tag` takes tags as `add` does: a misspelt one is refused with the closest,
/// before anything is read or made (no new book either); `--new-tag` adds one on purpose;
/// a derived group's tag is never the rep's to give.
#[test]
fn import_tags_are_checked_like_adds() {
    let (sb, _) = book_and_file();
    let file = sb.write("one.csv", "姓名,手机号\n赵强,13800001111\n");
    let out = leaves_everything_as_it_was(&sb, &["import", p(&file), "--tag", "意向/近期够买"]);
    let err = expect_fail(&["import", "--tag"], out);
    assert!(err.contains("意向/近期够买"), "{err}");
    assert!(err.contains("意向/近期购买"), "the closest tag: {err}");
    assert!(err.contains("--new-tag"), "{err}");
    let out = leaves_everything_as_it_was(
        &sb,
        &["import", "--dry-run", p(&file), "--tag", "意向/近期够买"],
    );
    expect_fail(&["import", "--dry-run", "--tag"], out);
    let out = leaves_everything_as_it_was(&sb, &["import", p(&file), "--new-tag", "购买次数/首单"]);
    let err = expect_fail(&["import", "--new-tag"], out);
    assert!(err.contains("自动维护"), "{err}");
    // No book yet: refused before one is made.
    let fresh = sb.path("fresh.sqlite");
    let out = sb.run(&[
        "--db",
        p(&fresh),
        "import",
        p(&file),
        "--tag",
        "意向/近期够买",
    ]);
    let err = expect_fail(&["import", "--tag"], out);
    assert!(err.contains("意向/近期购买"), "{err}");
    assert!(!fresh.exists());
    // On purpose, and a tag of the taxonomy: both on the contact.
    sb.ok(&[
        "import",
        p(&file),
        "--new-tag",
        "意向/近期够买",
        "--tag",
        "意向/近期购买",
    ]);
    let card = sb.ok(&["show", "3"]);
    assert!(card.contains("意向/近期够买"), "{card}");
    assert!(card.contains("意向/近期购买"), "{card}");
}

/// A row the book refuses only when writing (a note over the limit) is refused by the dry
/// run too: both reports say the same, line for line.
#[test]
fn a_dry_run_refuses_what_the_import_refuses() {
    let (sb, _) = book_and_file();
    // A company longer than the book keeps: the file reads it, the book refuses it.
    let long = "公".repeat(salesbook::domain::contact::MAX_LINE_CHARS + 1);
    let file = sb.write(
        "long.csv",
        &format!("姓名,手机号,公司\n甲,13800000020,{long}\n丙,13800000022,好\n"),
    );
    let tried = sb.run(&["import", "--dry-run", p(&file)]);
    let tried_report = String::from_utf8(tried.stdout.clone()).unwrap();
    let err = expect_fail(&["import", "--dry-run"], tried);
    assert!(err.contains("1 行会被拒绝"), "{err}");
    let done = sb.run(&["import", p(&file)]);
    let done_report = String::from_utf8(done.stdout.clone()).unwrap();
    expect_fail(&["import"], done);
    let body = |r: &str| -> Vec<String> {
        r.lines()
            .skip(1)
            .filter(|l| !l.is_empty() && !l.contains("撤销"))
            .map(String::from)
            .collect()
    };
    assert!(
        tried_report.contains("第 2 行\n  拒绝：公司太长"),
        "{tried_report}"
    );
    assert!(
        tried_report.contains("新增 1，合并 0，跳过 0，拒绝 1"),
        "{tried_report}"
    );
    assert_eq!(body(&tried_report), body(&done_report));
    assert_eq!(sb.all().len(), 3);
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

    // A pipe named as a file: `/dev/stdin`, or what a shell's `<(…)` hands over.
    let out = import_stdin(&sb, &["--dry-run", "/dev/stdin"], &clean);
    let printed = expect_ok(&["import", "--dry-run", "/dev/stdin"], out);
    assert!(printed.contains("跳过 5"), "{printed}");

    // Nothing on standard input.
    let before = sb.snapshot();
    let out = import_stdin(&sb, &["-"], b"");
    let err = expect_fail(&["import", "-"], out);
    assert!(err.contains("文件是空的"), "{err}");
    assert_eq!(sb.snapshot(), before);
}

/// A masked export read back: its WeChat IDs (wx***88) are no IDs — each row is refused
/// saying so, rather than one kept with a masked ID and the others skipped as its
/// duplicates. `add` refuses a starred ID the same way.
#[test]
fn a_masked_export_is_not_a_backup() {
    let a = Sb::new();
    a.add(&["甲", "--wechat", "wx_aaa88"]);
    a.add(&["乙", "--wechat", "wx_bbb88"]);
    let masked = a.path("masked.csv");
    a.ok(&["export", "--mask", "--out", masked.to_str().unwrap()]);
    let b = Sb::new();
    let out = import(&b, &[p(&masked)]);
    assert!(!out.status.success());
    let report = stdout(&out);
    assert_eq!(
        report
            .matches("微信号 'wx***88' 带星号，是打过码的")
            .count(),
        2,
        "{report}"
    );
    assert!(counts(&report).contains("新增 0"), "{report}");
    let err = b.fail(&["add", "丙", "--wechat", "ｗｘ＊＊＊８８"]);
    assert!(err.contains("带星号"), "{err}");
    assert!(b.all().is_empty());
}

/// A note longer than the book keeps (a chat history pasted into the cell) is cut and said;
/// the contact comes in (the whole row was refused for it, its name nowhere in the report).
#[test]
fn an_over_long_note_is_cut_not_the_contact_refused() {
    let sb = Sb::new();
    let file = sb.write(
        "long.csv",
        &format!(
            "姓名,手机号,备注\n小美,13800000001,{}\n",
            "聊".repeat(100_000)
        ),
    );
    let report = import_ok(&sb, &[p(&file)]);
    assert!(
        report.contains("备注太长（100000 个字），手册最多存 10000 个字"),
        "{}",
        &report[..report.len().min(600)]
    );
    let all = sb.all();
    assert_eq!(all[0]["name"], "小美");
    let note = all[0]["notes"].as_str().unwrap();
    assert_eq!(note.chars().count(), 10_000);
    assert!(note.ends_with("聊…"));
}

/// A tab-separated file's rows are shown in the report with their tabs as ⇥, not as the
/// escape `\u{9}`.
#[test]
fn a_tab_separated_rows_raw_text_shows_its_tabs() {
    let sb = Sb::new();
    let file = sb.write("tabs.txt", "姓名\t手机号\n张伟\t13800138000\n");
    import_ok(&sb, &[p(&file)]);
    let again = import_ok(&sb, &[p(&file)]);
    assert!(again.contains("原文：张伟⇥13800138000"), "{again}");
    assert!(!again.contains("\\u{9}"), "{again}");
}

/// A merge's conflicting date added is said in the rep's own time, as typed, not in UTC.
#[test]
fn a_merge_conflict_of_times_is_in_local_time() {
    let sb = Sb::new();
    let first = sb.write(
        "c1.csv",
        "姓名,手机号,添加时间\n王美丽,13912345678,2026-11-01 10:12:33\n",
    );
    import_ok(&sb, &[p(&first)]);
    let second = sb.write(
        "c2.csv",
        "姓名,手机号,添加时间\n王美丽,13912345678,2026-11-05 21:00\n",
    );
    let report = import_ok(&sb, &[p(&second), "--on-duplicate", "merge"]);
    assert!(
        report.contains("添加时间 保留“2026-11-01 10:12:33”，文件里是“2026-11-05 21:00:00”"),
        "{report}"
    );
}
