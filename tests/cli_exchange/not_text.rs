//! Files that are not text at all. Part of `cli_exchange.rs`, whose helpers it uses.

use super::*;
use bad_input::book_and_file;

/// A picture, a PDF or other binary data given to import is named for what it is, in
/// either language, never blamed on the encoding; a .csv or .vcf name does not change that.
#[test]
fn a_picture_or_pdf_is_not_taken_for_a_csv_in_another_encoding() {
    let (sb, _) = book_and_file();
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0".to_vec();
    let jpeg = b"\xFF\xD8\xFF\xE0\0\x10JFIF\0\x01\x01\0\0\x01".to_vec();
    let gif = b"GIF89a\x01\0\x01\0\x80\0\0\xFF\xFF\xFF".to_vec();
    let pdf = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<< /Type /Catalog >>\n".to_vec();
    let mut exe = b"MZ\x90\0\x03\0\0\0\x04\0".to_vec();
    exe.extend_from_slice(&[0xB8; 64]);
    let cases = [
        (
            "photo.png",
            &png,
            "看起来是一张图片（PNG）",
            "looks like a picture (PNG)",
        ),
        (
            "photo.csv",
            &png,
            "看起来是一张图片（PNG）",
            "looks like a picture (PNG)",
        ),
        (
            "photo.vcf",
            &png,
            "看起来是一张图片（PNG）",
            "looks like a picture (PNG)",
        ),
        (
            "scan.jpg",
            &jpeg,
            "看起来是一张图片（JPEG）",
            "looks like a picture (JPEG)",
        ),
        (
            "a.gif",
            &gif,
            "看起来是一张图片（GIF）",
            "looks like a picture (GIF)",
        ),
        (
            "list.pdf",
            &pdf,
            "看起来是 PDF 文档",
            "looks like a PDF document",
        ),
        (
            "tool.csv",
            &exe,
            "里面不是文字",
            "holds binary data, not text",
        ),
    ];
    for (name, bytes, zh, _) in cases {
        let path = sb.path(name);
        std::fs::write(&path, bytes).unwrap();
        let out = leaves_everything_as_it_was(&sb, &["import", "--dry-run", p(&path)]);
        assert!(!out.status.success(), "{name}");
        let err = stderr(&out);
        assert!(
            err.contains("这不是 CSV 或 vCard 文件") && err.contains(zh),
            "{name}: {err}"
        );
        assert!(!err.contains("--encoding"), "{name}: {err}");
    }
    english(&sb);
    for (name, _, _, en) in cases {
        let out = sb.run(&["import", p(&sb.path(name)), "--encoding", "gbk"]);
        let err = stderr(&out);
        assert!(
            !out.status.success() && err.contains("not a CSV or vCard file") && err.contains(en),
            "{name}: {err}"
        );
    }
    assert_eq!(names(&sb).len(), 2);
}

/// A web page's table saved as .xls (many systems' "export to Excel") and a JSON file are
/// named for what they are (both were "no column recognised; use --map", which cannot
/// help); UTF-16 saved without its mark is read as UTF-16 (it was "binary data").
#[test]
fn a_web_table_or_json_is_named_and_utf16_without_its_mark_reads() {
    let (sb, _) = book_and_file();
    let html = sb.write(
        "export.xls",
        "<html><head><meta charset=utf-8></head><body><table><tr><td>姓名</td><td>手机</td></tr></table></body></html>\n",
    );
    let err = sb.fail(&["import", "--dry-run", p(&html)]);
    assert!(err.contains("是网页格式的表格"), "{err}");
    let json = sb.write(
        "book.json",
        "[{\"name\": \"张伟\", \"phone\": \"13800001234\"}]\n",
    );
    let err = sb.fail(&["import", "--dry-run", p(&json)]);
    assert!(err.contains("是 JSON 数据"), "{err}");
    // A CSV whose first cell opens with a bracket is still a CSV.
    let csv = sb.write("vip.csv", "[VIP]姓名,手机\n韦一,13700009991\n");
    let out = sb.run(&["import", "--dry-run", "--map", "[VIP]姓名=name", p(&csv)]);
    assert!(stdout(&out).contains("新增 1"), "{}", stdout(&out));
    for (file, bytes) in [
        (
            "le.txt",
            "姓名\t手机号\n韦二\t13700009992\n"
                .encode_utf16()
                .flat_map(u16::to_le_bytes)
                .collect::<Vec<u8>>(),
        ),
        (
            "be.csv",
            "姓名,手机号\n韦三,13700009993\n"
                .encode_utf16()
                .flat_map(u16::to_be_bytes)
                .collect(),
        ),
    ] {
        let path = sb.path(file);
        std::fs::write(&path, bytes).unwrap();
        let report = sb.ok(&["import", "--dry-run", p(&path)]);
        assert!(report.contains("新增 1"), "{file}: {report}");
        assert!(report.contains("编码 UTF-16"), "{file}: {report}");
    }
}

/// Another book given to import (a rep's old book, or a colleague's) is named as a
/// database, with how to open it and how to bring its contacts over; nothing is written.
#[test]
fn another_book_given_to_import_is_named_as_a_database() {
    let (sb, _) = book_and_file();
    let other = sb.path("old-book.sqlite");
    let made = sb.run(&["--db", p(&other), "add", "韦老客"]);
    assert!(made.status.success(), "{}", stderr(&made));
    for file in [other.clone(), sb.path("old-book.csv")] {
        if file != other {
            std::fs::copy(&other, &file).unwrap();
        }
        let out = leaves_everything_as_it_was(&sb, &["import", p(&file)]);
        assert!(!out.status.success());
        let err = stderr(&out);
        assert!(
            err.contains("是 SQLite 数据库") && err.contains("--db") && err.contains("export"),
            "{err}"
        );
        assert!(!err.contains("二进制"), "{err}");
    }
    english(&sb);
    let err = sb.fail(&["import", p(&other)]);
    assert!(err.contains("it is an SQLite database"), "{err}");
    assert_eq!(names(&sb).len(), 2);
}

/// A CSV whose program padded its cells with NUL bytes (or left one in a note) is text: the
/// NULs and other control characters are dropped, each row's report saying how many, and
/// the values are stored clean. Random bytes and compressed files stay "not text".
#[test]
fn nul_padded_cells_are_read_and_the_dropped_controls_reported() {
    let (sb, _) = book_and_file();
    let padded = sb.path("padded.csv");
    std::fs::write(
        &padded,
        "姓名,手机,备注\n韦零\0\0\0\0\0\0,13700000001,老客户\n韦一,13700000002,a\0b\n韦二,13700000003,\u{1b}[31m红\u{1b}[0m\n韦三,13700000004,干净\n",
    )
    .unwrap();
    let report = sb.ok(&["import", p(&padded)]);
    assert!(report.contains("新增 4"), "{report}");
    assert!(report.contains("3 条有警告"), "{report}");
    // The escape sequences are dropped whole: `ESC[31m` and `ESC[0m` are 9 characters.
    for (line, count) in [(2, 6), (3, 1), (4, 9)] {
        let at = report
            .find(&format!("第 {line} 行"))
            .expect("each row with controls");
        let next = report[at..].lines().nth(1).unwrap();
        assert!(
            next.contains(&format!("去掉了 {count} 个控制字符")),
            "{line}: {next}"
        );
    }
    assert!(!report.contains("第 5 行"), "{report}");
    // No control byte reached the terminal: the raw lines show them escaped.
    assert!(
        !report.contains('\0') && !report.contains('\u{1b}'),
        "{report}"
    );
    let shown = sb.ok(&["list", "--format", "json"]);
    assert!(
        shown.contains("\"韦零\"") && !shown.contains("\\u0000"),
        "{shown}"
    );
    let note = sb.ok(&["search", "ab", "--format", "json"]);
    assert!(note.contains("韦一"), "{note}");
    // Random bytes, and a gzip file named .csv: still not text.
    let mut noise = 0x2545_f491_u32;
    let random: Vec<u8> = (0..4096)
        .map(|_| {
            noise ^= noise << 13;
            noise ^= noise >> 17;
            noise ^= noise << 5;
            (noise >> 24) as u8
        })
        .collect();
    let mut gzip = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03".to_vec();
    gzip.extend_from_slice(&random[..200]);
    for (name, bytes) in [("noise.csv", random), ("list.csv", gzip)] {
        let path = sb.path(name);
        std::fs::write(&path, &bytes).unwrap();
        let out = leaves_everything_as_it_was(&sb, &["import", p(&path)]);
        assert!(!out.status.success(), "{name}");
        assert!(
            stderr(&out).contains("里面不是文字"),
            "{name}: {}",
            stderr(&out)
        );
    }
    english(&sb);
    let again = sb.path("again.csv");
    std::fs::write(&again, "姓名,手机\n韦四\0\0,13700000005\n").unwrap();
    let report = sb.ok(&["import", p(&again)]);
    assert!(
        report.contains("2 characters of control codes (NUL bytes"),
        "{report}"
    );
}

/// A cell that shows nothing once its control characters are gone is an empty cell: a row
/// of NULs is a blank line, and a name of NULs or zero-width spaces leaves the contact to
/// be named after its phone (it was refused as a name "too long"). A vCard with NULs and
/// an escape sequence in it reads too.
#[test]
fn cells_of_control_characters_alone_are_empty() {
    let (sb, _) = book_and_file();
    let file = sb.path("blank.csv");
    std::fs::write(
        &file,
        "姓名,手机,公司\n\0\0\0\0,13500001111,\n\u{200b}\u{200b},13500002222,\u{1b}[0m\n\0\0,,\n韦七,13500003333,\u{200b}\n",
    )
    .unwrap();
    let report = sb.ok(&["import", p(&file)]);
    assert!(counts(&report).contains("新增 3"), "{report}");
    assert!(counts(&report).contains("拒绝 0"), "{report}");
    assert!(counts(&report).contains("忽略空行 1 行"), "{report}");
    assert!(!report.contains("姓名太长"), "{report}");
    let all = names(&sb);
    for name in ["13500001111", "13500002222", "韦七"] {
        assert!(all.iter().any(|n| n == name), "{name} in {all:?}");
    }
    // Headers padded with NULs are recognised, and named without them.
    let padded = sb.path("padded_header.csv");
    std::fs::write(&padded, "姓名\0\0\0\0,手机\0\0\0\0\n韦九\0\0,13500005555\n").unwrap();
    let report = sb.ok(&["import", p(&padded)]);
    assert!(
        report.contains("列：姓名 → 姓名 · 手机 → 手机号"),
        "{report}"
    );
    assert!(names(&sb).iter().any(|n| n == "韦九"), "{:?}", names(&sb));
    let vcf = sb.path("card.vcf");
    std::fs::write(
        &vcf,
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:韦八\0\0\r\nTEL:13500004444\r\nNOTE:hi\u{1b}]0;pwn\u{7} there\r\nEND:VCARD\r\n",
    )
    .unwrap();
    let report = sb.ok(&["import", p(&vcf)]);
    // Two NULs, and ESC ] 0 ; p w n BEL.
    assert!(report.contains("去掉了 10 个控制字符"), "{report}");
    let json = sb.ok(&["search", "韦八", "--format", "json"]);
    assert!(json.contains("韦八") && !json.contains("pwn"), "{json}");
}

/// A calendar file (the book's own `export --ics`, or any calendar's) given to import is
/// named as a calendar that holds no contacts, whatever its name says; it was read as a CSV
/// and answered "no column recognised; use --map", which could never help.
#[test]
fn a_calendar_file_is_named_as_one() {
    let (sb, _) = book_and_file();
    sb.ok(&["followup", "add", "1", "明天 10:00"]);
    let ics = sb.ok(&["export", "--ics"]);
    assert!(ics.starts_with("BEGIN:VCALENDAR"), "{ics}");
    let outlook = "\u{FEFF}begin:vcalendar\r\nversion:2.0\r\nend:vcalendar\r\n";
    for (name, text) in [
        ("follow-ups.ics", ics.as_str()),
        ("follow-ups.csv", ics.as_str()),
        ("cal.ics", outlook),
    ] {
        let file = sb.write(name, text);
        let out = leaves_everything_as_it_was(&sb, &["import", p(&file)]);
        assert!(!out.status.success(), "{name}");
        let err = stderr(&out);
        assert!(
            err.contains("这不是 CSV 或 vCard 文件") && err.contains("iCalendar 日历"),
            "{name}: {err}"
        );
        assert!(!err.contains("--map"), "{name}: {err}");
    }
    english(&sb);
    let err = sb.fail(&["import", p(&sb.path("follow-ups.ics"))]);
    assert!(err.contains("it is an iCalendar file"), "{err}");
    assert_eq!(names(&sb).len(), 2);
}
