//! What the export files look like: mode, BOM, CRLF, masks, formula guards, tags that hold separators. Part of `cli_exchange.rs`, whose helpers it uses.

use super::*;

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
    // The headers, the creation time's saying the offset every time in the file is in.
    let mut headers = salesbook::i18n::exchange::ZH.csv_headers.map(String::from);
    headers[22] = "创建时间（UTC+08:00）".into();
    assert_eq!(rows[0], headers);
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
fn mask_hides_phone_numbers_emails_and_the_wechat_id_written_in_notes() {
    let sb = Sb::new();
    let id = sb.add(&[
        "--name",
        "王五",
        "--phone",
        "13812345678",
        "--wechat",
        "wangwu_1988",
        "--note",
        "备用 139-8765-4321，座机 0755 8765 1234，老号 13987654321，邮箱 wang.wu@corp.example.cn",
    ]);
    sb.ok(&[
        "log",
        &id.to_string(),
        "--note",
        "让我加他小号 WANGWU_1988 或发到 ww@qq.com",
    ]);
    for format in ["csv", "json", "vcard"] {
        let bytes = export(&sb, "masked", &["--format", format, "--mask"]);
        let text = String::from_utf8(bytes).unwrap().to_lowercase();
        for secret in ["8765", "wang.wu@", "ww@qq", "wangwu_1988"] {
            assert!(!text.contains(secret), "{format}: {secret}\n{text}");
        }
        if format != "vcard" {
            // Masked, not dropped: the note still says there was an address and an ID.
            for masked in ["wa***@corp.example.cn", "ww***@qq.com", "wa***88"] {
                assert!(text.contains(masked), "{format}: {masked}\n{text}");
            }
        }
    }
}

/// A contact's earlier WeChat IDs and names live on in its edits and merges: the masked
/// export hides them too, and a budget range is not taken for a phone.
#[test]
fn mask_hides_the_ids_and_names_a_contact_had_before() {
    let sb = Sb::new();
    let id = sb.add(&[
        "--name",
        "王芳芳",
        "--wechat",
        "oldwx_secret1",
        "--phone",
        "13811112222",
        "--budget",
        "500-2000",
    ]);
    sb.ok(&[
        "edit",
        &id.to_string(),
        "--wechat",
        "newwx_2",
        "--name",
        "王芳",
    ]);
    let dup = sb.add(&[
        "--name",
        "欧阳娜",
        "--wechat",
        "dupwx_secret3",
        "--budget",
        "3000-5000",
    ]);
    sb.ok(&["merge", &id.to_string(), &dup.to_string()]);
    for format in ["csv", "json"] {
        let bytes = export(
            &sb,
            "masked",
            &["--all", "--format", format, "--mask", "names"],
        );
        let text = String::from_utf8(bytes).unwrap();
        for secret in [
            "oldwx_secret1",
            "newwx_2",
            "dupwx_secret3",
            "13811112222",
            "王芳芳",
            "王芳",
            "欧阳娜",
        ] {
            assert!(!text.contains(secret), "{format}: {secret}\n{text}");
        }
        assert!(text.contains("500-2000"), "{format}: the budget\n{text}");
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

    // Leaving them out is said, with how to bring them (to a file and to stdout alike).
    let said = "另有 1 位已归档的客户没有导出；加 --all 一起导出";
    let out = sb.run(&["export", "--out", p(&sb.path("left.csv"))]);
    assert!(
        out.status.success() && stderr(&out).contains(said),
        "{}",
        stderr(&out)
    );
    let out = sb.run(&["export"]);
    assert!(stderr(&out).contains(said), "{}", stderr(&out));
    let out = sb.run(&["export", "--all", "--out", p(&sb.path("all2.csv"))]);
    assert!(!stderr(&out).contains("已归档"), "{}", stderr(&out));
    english(&sb);
    let out = sb.run(&["export", "--format", "json"]);
    assert!(
        stderr(&out).contains("archived contacts not exported: 1; add --all"),
        "{}",
        stderr(&out)
    );
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

/// An export's `--out` never lands on a book: the one being read (by any name a link or a
/// path gives it), its `-wal`, or another SQLite database. The book keeps every byte.
#[test]
fn export_never_writes_over_a_book() {
    let sb = small_book();
    let other = sb.path("other.sqlite");
    std::fs::copy(sb.db(), &other).unwrap();
    let link = sb.path("link.csv");
    std::os::unix::fs::symlink(sb.db(), &link).unwrap();
    std::fs::write(sb.path("book.sqlite-wal"), b"").unwrap();
    let before = std::fs::read(sb.db()).unwrap();
    let other_before = std::fs::read(&other).unwrap();
    let db = sb.db().to_str().unwrap().to_string();
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["export", "--out", &db], "是正在读取的客户手册"),
        (
            vec!["export", "--format", "json", "--out", &db],
            "是正在读取的客户手册",
        ),
        (
            vec!["export", "--format", "vcard", "--out", &db],
            "是正在读取的客户手册",
        ),
        (
            vec!["export", "--ics", "--out", &db],
            "是正在读取的客户手册",
        ),
        (vec!["export", "--out", "link.csv"], "是正在读取的客户手册"),
        (
            vec!["export", "--out", "book.sqlite-wal"],
            "是正在读取的客户手册",
        ),
        (
            vec!["export", "--out", "other.sqlite"],
            "是一个 SQLite 数据库",
        ),
        (
            vec!["export", "--ics", "--out", "other.sqlite"],
            "是一个 SQLite 数据库",
        ),
        (
            vec!["report", "--out", "other.sqlite"],
            "是一个 SQLite 数据库",
        ),
        // The read book's sidecars that are not there yet: a made-up one beside it would
        // be taken for its log.
        (
            vec!["report", "--out", "book.sqlite-shm"],
            "是正在读取的客户手册",
        ),
        (
            vec!["export", "--out", "book.sqlite-journal"],
            "是正在读取的客户手册",
        ),
        // Another book's, there or not: writing them damages that book.
        (
            vec!["report", "--out", "other.sqlite-wal"],
            "是 SQLite 数据库",
        ),
        (
            vec!["export", "--ics", "--out", "other.sqlite-shm"],
            "的附属文件",
        ),
        (
            vec!["export", "--out", "other-live.sqlite-shm"],
            "的附属文件",
        ),
        // A write-ahead log by its content, whatever its name.
        (
            vec!["export", "--out", "renamed.log"],
            "是一个 SQLite 数据库",
        ),
    ];
    std::fs::copy(&other, sb.path("other-live.sqlite")).unwrap();
    std::fs::write(sb.path("other-live.sqlite-shm"), [0u8; 64]).unwrap();
    let mut wal = vec![0x37, 0x7f, 0x06, 0x82];
    wal.extend([0u8; 28]);
    std::fs::write(sb.path("renamed.log"), &wal).unwrap();
    for (args, says) in cases {
        let err = sb.fail(&args);
        assert!(err.contains(says), "{args:?}: {err}");
    }
    assert_eq!(std::fs::read(sb.db()).unwrap(), before);
    assert_eq!(std::fs::read(&other).unwrap(), other_before);
    for made_up in [
        "book.sqlite-shm",
        "book.sqlite-journal",
        "other.sqlite-wal",
        "other.sqlite-shm",
    ] {
        assert!(!sb.path(made_up).exists(), "{made_up} was written");
    }
    assert_eq!(
        std::fs::read(sb.path("other-live.sqlite-shm")).unwrap(),
        [0u8; 64]
    );
    // A file that is no database is replaced as before.
    std::fs::write(sb.path("old.csv"), "old").unwrap();
    sb.ok(&["export", "--out", "old.csv"]);
    assert!(
        std::fs::read_to_string(sb.path("old.csv"))
            .unwrap()
            .contains("张伟")
    );
}

/// `--mask names` masks the 称呼 too: it is often the name itself (李娜姐), or a real name
/// the contact's name is not (a WeCom remark, 王美丽-宝妈), and it went out whole in every
/// format. Texts quoting it are masked alike.
#[test]
fn mask_names_hides_the_honorific_in_every_format() {
    let sb = Sb::new();
    sb.add(&["--name", "李娜", "--honorific", "李娜姐"]);
    sb.add(&["--name", "微信用户C", "--honorific", "王美丽-宝妈"]);
    sb.ok(&["log", "1", "--note", "李娜姐说下周", "--channel", "wechat"]);
    sb.ok(&[
        "log",
        "2",
        "--note",
        "王美丽-宝妈问价格",
        "--channel",
        "wechat",
    ]);
    for format in ["csv", "json", "vcard"] {
        let bytes = export(&sb, "masked", &["--format", format, "--mask", "names"]);
        let text = String::from_utf8(bytes).unwrap();
        for secret in ["李娜", "王美丽"] {
            assert!(!text.contains(secret), "{format}: {secret}\n{text}");
        }
        assert!(
            text.contains("李某") && text.contains("王某"),
            "{format}\n{text}"
        );
    }
    // Without `names`, the honorific is kept.
    let text = String::from_utf8(export(&sb, "plain", &["--format", "json", "--mask"])).unwrap();
    assert!(
        text.contains("李娜姐") && text.contains("王美丽-宝妈"),
        "{text}"
    );
}

/// The CSV export says the offset its times are in (the creation time's header), and an
/// import reads them in it: a book exported on a machine set to UTC and imported on one at
/// +08:00 comes back with every time where it was (it moved by 8 hours). An export written
/// before the header said it reads in the importing machine's zone, as before.
#[test]
fn an_export_reads_back_the_same_in_another_zone() {
    let mut a = Sb::new();
    a.ok(&["demo"]);
    let want = export(&a, "a.json", &["--all", "--format", "json"]);
    // The same instant, on a machine in UTC.
    a.set_now("2026-11-23T01:30:00+00:00");
    let utc = export(&a, "utc.csv", &["--all"]);
    let text = String::from_utf8_lossy(&utc);
    assert!(text.contains(",创建时间（UTC+00:00）,"), "{}", &text[..300]);
    let b = Sb::new();
    import_ok(&b, &[p(&a.path("utc.csv"))]);
    assert_same_bytes(
        "a UTC export imported at +08:00",
        &want,
        &export(&b, "b.json", &["--all", "--format", "json"]),
    );
    // Without the offset (an earlier export), the times are read as this machine's.
    let old = text.replacen("创建时间（UTC+00:00）", "创建时间", 1);
    let c = Sb::new();
    let file = c.write("old.csv", &old);
    import_ok(&c, &[p(&file)]);
    let moved = export(&c, "c.json", &["--all", "--format", "json"]);
    assert_ne!(moved, want);
    // An English export says it the English way and reads back alike.
    english(&a);
    let en = export(&a, "en.csv", &["--all"]);
    let text = String::from_utf8_lossy(&en);
    assert!(text.contains(" (UTC+00:00),"), "{}", &text[..300]);
    let d = Sb::new();
    import_ok(&d, &[p(&a.path("en.csv"))]);
    assert_same_bytes(
        "an English UTC export imported at +08:00",
        &want,
        &export(&d, "d.json", &["--all", "--format", "json"]),
    );
}
