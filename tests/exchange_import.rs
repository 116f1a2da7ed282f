//! Import and export behaviour that the corpus does not show: a 10 MB file, the lookup
//! contract, file-level errors, the JSON and vCard writers, masking, the timeline column
//! (mapped, with bad lines, in an export from before it, in a merge).

mod exchange_support;

use exchange_support::{cn, full_contact, full_timeline, sample_book, taxonomy, utc};
use salesbook::domain::{Channel, InteractionKind};
use salesbook::exchange::mask::{mask_contact, mask_name};
use salesbook::exchange::{
    BookLookup, ColumnMapping, CsvExportOptions, DuplicatePolicy, Format, ImportError,
    ImportOptions, ImportedContact, IssueKind, MemoryBook, NoBook, TimelineEntry, export_csv,
    export_json, export_vcard, guard_formula, import, read, render_error, render_report,
};
use salesbook::i18n::exchange::{EN, ZH};
use std::cell::RefCell;

fn opts() -> ImportOptions {
    let mut o = ImportOptions::new(&ZH);
    o.taxonomy = taxonomy();
    o
}

/// About 10 MB of a GBK spreadsheet export: a note with a line break every 7th row, and a
/// bad phone, a missing name and a duplicate at rows whose lines are known.
#[test]
fn a_ten_megabyte_gbk_file_keeps_exact_line_numbers() {
    let mut text = String::from("姓名,手机,微信号,公司,来源,需求,标签,备注,添加时间\r\n");
    let mut line = 2;
    let mut expected_issues: Vec<(usize, &str)> = Vec::new();
    let mut i = 0u64;
    // GBK takes two bytes for a character UTF-8 takes three for.
    while text.len() < 27 * 1024 * 1024 / 2 {
        let note = if i.is_multiple_of(7) {
            "\"第一行\r\n第二行，带逗号\""
        } else {
            "普通备注"
        };
        let (name, phone) = match i {
            1_000 => ("坏号码", "138-abc".to_string()),
            20_000 => ("", String::new()),
            40_000 => ("重复", format!("139{:08}", 39_999)),
            _ => ("客户", format!("139{i:08}")),
        };
        match i {
            1_000 => expected_issues.push((line, "phone")),
            20_000 => expected_issues.push((line, "noname")),
            40_000 => expected_issues.push((line, "dup")),
            _ => {}
        }
        text.push_str(&format!(
            "{name}{i},{phone},wx{i},某某科技有限公司,朋友圈,想了解一下产品和价格,意向/近期购买,{note},2026/11/3 14:05\r\n"
        ));
        line += if i.is_multiple_of(7) { 2 } else { 1 };
        i += 1;
    }
    // The 20,000th row has no name at all (its number alone is not a name column).
    let text = text.replace("\r\n20000,,wx20000,", "\r\n,,,");
    let bytes = encoding_rs::GBK.encode(&text).0.into_owned();
    assert!(bytes.len() > 10 * 1024 * 1024, "{} bytes", bytes.len());

    let plan = import(&bytes, &opts(), DuplicatePolicy::Skip, &NoBook).unwrap();
    let r = &plan.report;
    assert_eq!(r.meta.encoding.label(), "GBK");
    assert_eq!(r.counts.read as u64, i);
    assert_eq!(r.counts.rejected, 1);
    assert_eq!(r.counts.skipped, 1);
    assert_eq!(r.counts.added as u64, i - 2);
    let found: Vec<(usize, &str)> = r
        .issues
        .iter()
        .map(|iss| {
            let kind = match iss.kind {
                IssueKind::BadValue { .. } => "phone",
                IssueKind::NoName => "noname",
                IssueKind::Skipped { .. } => "dup",
                _ => "other",
            };
            (iss.line, kind)
        })
        .collect();
    assert_eq!(found, expected_issues);
    let last = plan.adds.last().unwrap();
    assert_eq!(
        last.line,
        line - if (i - 1).is_multiple_of(7) { 2 } else { 1 }
    );
    assert_eq!(last.contact.wechat, Some(format!("wx{}", i - 1)));
    let first = &plan.adds[0].contact;
    assert_eq!(first.notes.as_deref(), Some("第一行\n第二行，带逗号"));
    assert_eq!(first.tags[0].to_string(), "意向/近期购买");
}

/// Records the keys the planner asks the book for.
struct Spy {
    asked: RefCell<Vec<String>>,
}

impl BookLookup for Spy {
    fn by_phone(&self, key: &str) -> Option<i64> {
        self.asked.borrow_mut().push(format!("phone {key}"));
        None
    }
    fn by_wechat(&self, key: &str) -> Option<i64> {
        self.asked.borrow_mut().push(format!("wechat {key}"));
        None
    }
    fn by_name_company(&self, name: &str, company: &str) -> Option<i64> {
        self.asked
            .borrow_mut()
            .push(format!("name {name}/{company}"));
        None
    }
    fn contact(&self, _: i64) -> Option<ImportedContact> {
        None
    }
}

#[test]
fn the_book_is_asked_with_normalised_keys() {
    let csv = "姓名,手机,微信号,公司\n张伟,+86 138-0000-1234,ZhangWei88,武当科技\n";
    let spy = Spy {
        asked: RefCell::new(Vec::new()),
    };
    import(csv.as_bytes(), &opts(), DuplicatePolicy::Merge, &spy).unwrap();
    assert_eq!(
        spy.asked.into_inner(),
        [
            "phone 13800001234",
            "wechat zhangwei88",
            "name 张伟/武当科技"
        ]
    );
}

#[test]
fn merging_into_the_same_book_contact_twice_builds_one_update() {
    let csv =
        "姓名,手机,微信号,需求\n张伟,13800001234,,想改善睡眠\n张伟,,zw88,\n张伟,+8613800001234,,\n";
    let plan = import(
        csv.as_bytes(),
        &opts(),
        DuplicatePolicy::Merge,
        &sample_book(),
    )
    .unwrap();
    // Line 2 matches contact #1 by phone; line 3 shares nothing and is new; line 4's
    // `+86` number is line 2's, so it goes into the same update.
    assert_eq!(plan.updates.len(), 1);
    let u = &plan.updates[0];
    assert_eq!((u.id, u.lines.clone()), (1, vec![2, 4]));
    assert_eq!(u.after.need.as_deref(), Some("想改善睡眠"));
    assert_eq!(u.before.need, None);
    assert_eq!(plan.adds.len(), 1);
    assert_eq!(plan.report.counts.merged, 2);
}

#[test]
fn files_that_cannot_be_read_say_why() {
    assert_eq!(read(b"", &opts()), Err(ImportError::Empty));
    assert_eq!(read(b" \r\n\r\n", &opts()), Err(ImportError::Empty));
    let err = read("甲,乙\n1,2\n".as_bytes(), &opts()).unwrap_err();
    assert_eq!(
        err,
        ImportError::NoColumns {
            headers: vec!["甲".into(), "乙".into()]
        }
    );
    assert!(render_error(&err, &ZH).contains("--map"));
    let mut o = opts();
    o.mappings = vec![ColumnMapping::parse("性别=ignore").unwrap()];
    let err = read("姓名,手机\n张三,138\n".as_bytes(), &o).unwrap_err();
    assert!(render_error(&err, &EN).contains("性别"), "{err:?}");
    // A GBK file forced to UTF-8: nothing reads, so the error points at --encoding.
    let gbk = encoding_rs::GBK
        .encode("姓名,手机\n张三,138\n")
        .0
        .into_owned();
    let mut o = opts();
    o.encoding = Some(salesbook::exchange::TextEncoding::Utf8);
    let err = read(&gbk, &o).unwrap_err();
    use salesbook::exchange::TextEncoding::{Gbk, Utf8};
    assert_eq!(err, ImportError::WrongEncoding(Utf8, Some(Gbk)));
    // It names what the file looks like, not just "choose one".
    assert!(
        render_error(&err, &ZH).contains("看起来是 GBK 编码：写 --encoding gbk"),
        "{}",
        render_error(&err, &ZH)
    );
    assert!(render_error(&err, &EN).contains("looks like GBK: give --encoding gbk"));
    // Bytes that read cleanly in nothing: the general advice.
    let mut junk = gbk.clone();
    junk.extend([0xFF, 0xFF, 0x81]);
    let err = read(&junk, &o).unwrap_err();
    assert_eq!(err, ImportError::WrongEncoding(Utf8, None));
    assert!(render_error(&err, &ZH).contains("请用 --encoding 指定"));
    let mut o = opts();
    o.format = Some(Format::Vcard);
    assert_eq!(
        read("姓名\n张三\n".as_bytes(), &o),
        Err(ImportError::NoCards)
    );
}

#[test]
fn a_vcard_is_recognised_whatever_the_file_is_called() {
    let mut o = opts();
    o.file_name = Some("contacts.csv".into());
    let p = read(b"BEGIN:VCARD\r\nFN:Li\r\nEND:VCARD\r\n", &o).unwrap();
    assert_eq!(p.meta.format, Format::Vcard);
    assert_eq!(p.records[0].contact.name, "Li");
}

#[test]
fn json_export_has_every_field() {
    let json = export_json(&[full_contact(5, "张伟")], cn());
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let c = &v[0];
    assert_eq!(c["id"], 5);
    assert_eq!(c["stage"], "aftercare");
    assert_eq!(c["outcome"], "won");
    assert_eq!(c["lifecycle"], "growth");
    assert_eq!(c["tier"], "A");
    assert_eq!(c["birthday"], "1985-06-15");
    assert_eq!(c["anniversary"], "2020-05-20");
    assert_eq!(c["created_at"], "2026-11-03T14:05:00+08:00");
    assert_eq!(c["tags"][1], "意向/近期购买");
    assert_eq!(c["purchases"][0]["amount"], "3999");
    assert_eq!(c["purchases"][0]["product"], "年卡");
    assert_eq!(c["lost_reason"], serde_json::Value::Null);
    let keys = c.as_object().unwrap().len();
    assert_eq!(keys, 29);
    // What the rep did to the plan: places, not the book's ids.
    assert_eq!(
        c["followups"][3],
        serde_json::json!({
            "due": "2027-01-10T09:00:00+08:00", "state": "snoozed", "track": "repurchase",
            "step": 0, "purchase": 0, "action": "跟进一次",
            "missed_due": "2026-12-20T09:00:00+08:00"
        })
    );
    assert_eq!(c["followups"][4]["track"], "appointment");
    assert_eq!(c["followups"][4]["closed_at"], "2026-11-25T16:00:00+08:00");
    assert_eq!(
        c["appointments"][0],
        serde_json::json!({
            "at": "2026-11-25T15:00:00+08:00", "kind": "visit", "remind": true,
            "created_at": "2026-11-19T20:30:00+08:00", "note": "带上体检报告"
        })
    );
    // The timeline: each entry with the parts it has, no nulls.
    assert_eq!(
        c["timeline"][0],
        serde_json::json!({ "at": "2026-11-03T14:05:00+08:00", "kind": "created" })
    );
    assert_eq!(
        c["timeline"][1],
        serde_json::json!({
            "at": "2026-11-03T14:10:00+08:00",
            "kind": "script_sent",
            "channel": "wechat",
            "script_id": "welcome",
            "text": "您好，我是小王"
        })
    );
    assert_eq!(c["timeline"][3]["from_stage"], "discover");
    assert_eq!(c["timeline"][3]["to_stage"], "close");
    assert_eq!(c["timeline"][4]["amount"], "3999");
    assert_eq!(c["timeline"][4]["product"], "年卡");
    assert_eq!(c["timeline"].as_array().unwrap().len(), 7);
}

#[test]
fn vcard_export_writes_chinese_names_family_first_and_folds() {
    let mut c = full_contact(1, "欧阳强浩");
    c.notes = Some("很长的备注".repeat(10));
    let v = export_vcard(&[c]);
    assert!(v.contains("\r\nFN:欧阳强浩\r\n"));
    assert!(v.contains("\r\nN:欧阳;强浩;;;\r\n"));
    assert!(v.contains("\r\nTEL;TYPE=CELL:13800001234\r\n"));
    assert!(v.contains("\r\nCATEGORIES:客户来源/朋友圈,意向/近期购买\r\n"));
    assert!(v.contains("\r\nNOTE:很长的备注"));
    assert!(v.split("\r\n").all(|l| l.len() <= 75), "folded at 75 bytes");
    assert!(v.split("\r\n").any(|l| l.starts_with(' ')), "a folded line");
}

#[test]
fn masking_hides_phone_wechat_email_and_names_on_request() {
    let mut c = full_contact(1, "欧阳强浩");
    c.notes = Some("其他电话：13900001111".into());
    mask_contact(&mut c, false);
    assert_eq!(c.phone.as_deref(), Some("138****1234"));
    assert_eq!(c.wechat.as_deref(), Some("zh***88"));
    assert_eq!(c.email.as_deref(), Some("zw***@example.com"));
    assert_eq!(c.notes.as_deref(), Some("其他电话：139****1111"));
    assert_eq!(
        c.timeline[2].text.as_deref(),
        Some("聊了十分钟，电话 139****1234"),
        "phones in the timeline's texts too"
    );
    assert_eq!(c.name, "欧阳强浩");
    mask_contact(&mut c, true);
    assert_eq!(c.name, "欧阳某");
    assert_eq!(mask_name("张伟"), "张某");
}

#[test]
fn plain_csv_cells_are_guarded_but_otherwise_untouched() {
    assert_eq!(guard_formula("=1+1"), "'=1+1");
    assert_eq!(guard_formula("00123"), "00123");
    assert_eq!(guard_formula("张三"), "张三");
}

#[test]
fn map_names_columns_by_header_or_number() {
    let mut o = opts();
    o.mappings = vec![
        ColumnMapping::parse("2=phone").unwrap(),
        ColumnMapping::parse("名=name").unwrap(),
    ];
    let p = read("名,号码,性别\n张三,13800001111,男\n".as_bytes(), &o).unwrap();
    let c = &p.records[0].contact;
    assert_eq!(c.name, "张三");
    assert_eq!(c.phone.as_deref(), Some("13800001111"));
    assert_eq!(c.notes.as_deref(), Some("性别：男"));
}

/// `--map 记录=timeline`: each line of the cell an entry; a line that does not read is named
/// by its line in the cell, kept in the note, and the rest of the row comes in.
#[test]
fn a_mapped_timeline_column_reads_each_line_and_names_the_bad_ones() {
    let csv = "姓名,手机,记录\n\
               张伟,13800001234,\"2026-03-01 10:00:00 created\n\
               2026/3/2 9:05 call [电话] 聊了十分钟\r\n\
               昨天 又打了电话\n\
               2026-03-03 10:00:00 stage_change 挖需求→抛产品\"\n\
               李娜,13900001111,\n";
    let mut o = opts();
    o.mappings = vec![ColumnMapping::parse("记录=timeline").unwrap()];
    let parsed = read(csv.as_bytes(), &o).unwrap();
    assert_eq!(parsed.records.len(), 2);
    let c = &parsed.records[0].contact;
    let entry = |at: &str, kind| TimelineEntry::new(utc(at), kind);
    assert_eq!(
        c.timeline,
        [
            entry("2026-03-01T02:00:00Z", InteractionKind::Created),
            TimelineEntry {
                channel: Some(Channel::Phone),
                text: Some("聊了十分钟".into()),
                ..entry("2026-03-02T01:05:00Z", InteractionKind::Call)
            },
            TimelineEntry {
                from_stage: Some(salesbook::domain::Stage::Discover),
                to_stage: Some(salesbook::domain::Stage::Pitch),
                ..entry("2026-03-03T02:00:00Z", InteractionKind::StageChange)
            },
        ]
    );
    assert_eq!(c.phone.as_deref(), Some("13800001234"));
    assert_eq!(c.notes.as_deref(), Some("记录：昨天 又打了电话"));
    assert_eq!(
        parsed
            .issues
            .iter()
            .map(|i| (i.line, &i.kind))
            .collect::<Vec<_>>(),
        [(
            2,
            &IssueKind::BadTimelineEntry {
                line: 3,
                value: "昨天 又打了电话".into()
            }
        )]
    );
    assert_eq!(parsed.counts.warned, 1);
    assert!(parsed.records[1].contact.timeline.is_empty());
    let plan = import(csv.as_bytes(), &o, DuplicatePolicy::Skip, &NoBook).unwrap();
    let report = render_report(&plan.report, &ZH, false);
    assert!(
        report.contains("跟进记录第 3 行“昨天 又打了电话”无法识别"),
        "{report}"
    );
    assert!(report.contains("记录 → 跟进记录"), "{report}");
}

/// Exports made before the follow-up columns, and before the timeline column, are still
/// salesbook's own: read back exactly as far as they go.
#[test]
fn an_earlier_export_still_reads_as_our_own() {
    let opts_out = CsvExportOptions {
        bom: true,
        zone: cn().into(),
        strings: &ZH,
    };
    let bytes = export_csv(&[full_contact(1, "张伟")], &opts_out);
    let rows: Vec<Vec<String>> = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(&bytes[3..])
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    assert_eq!(
        rows[0][rows[0].len() - 3..],
        ["跟进记录", "跟进计划", "约好的跟进"]
    );
    for cut in [2, 3] {
        let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
        for r in &rows {
            w.write_record(&r[..r.len() - cut]).unwrap();
        }
        let old = w.into_inner().unwrap();
        let parsed = read(&old, &opts()).unwrap();
        assert!(parsed.meta.own_export, "without the last {cut} columns");
        assert!(parsed.issues.is_empty(), "{:?}", parsed.issues);
        let mut want = ImportedContact::from(&full_contact(1, "张伟"));
        want.followups.clear();
        want.appointments.clear();
        if cut == 3 {
            want.timeline.clear();
        }
        assert_eq!(
            parsed.records[0].contact, want,
            "without the last {cut} columns"
        );
    }
    // And the whole export reads back with all of it.
    let parsed = read(&bytes, &opts()).unwrap();
    let c = &parsed.records[0].contact;
    assert_eq!(c.timeline, full_timeline());
    assert_eq!(c.followups, exchange_support::full_followups());
    assert_eq!(c.appointments.len(), 1);
}

/// A row merged into the book's contact brings its fields and tags, not its timeline: the
/// report says so. (In salesbook's own export each row is a contact of its own, so the
/// merge is into the book.)
#[test]
fn a_merged_row_s_timeline_is_left_out_and_reported() {
    let mut first = full_contact(1, "张伟");
    first.timeline.truncate(2);
    let mut second = full_contact(2, "张伟");
    second.need = None;
    first.need = None;
    second.need = Some("想再买".into());
    let csv = |c: &salesbook::exchange::ExportContact| {
        export_csv(
            std::slice::from_ref(c),
            &CsvExportOptions {
                bom: false,
                zone: cn().into(),
                strings: &ZH,
            },
        )
    };
    let in_book = read(&csv(&first), &opts()).unwrap().records[0]
        .contact
        .clone();
    let book = MemoryBook::new([(1, in_book)]);
    let plan = import(&csv(&second), &opts(), DuplicatePolicy::Merge, &book).unwrap();
    assert!(plan.adds.is_empty());
    let merged = &plan.updates[0].after;
    assert_eq!(merged.timeline, first.timeline, "the book's timeline only");
    assert_eq!(merged.need.as_deref(), Some("想再买"), "fields are filled");
    let kinds: Vec<&IssueKind> = plan.report.issues.iter().map(|i| &i.kind).collect();
    assert!(
        kinds.contains(&&IssueKind::TimelineNotMerged { entries: 7 }),
        "{kinds:?}"
    );
    let report = render_report(&plan.report, &ZH, false);
    assert!(
        report.contains("这一行的跟进记录（7 条）没有合并进去"),
        "{report}"
    );
}

/// A row with neither phone nor WeChat ID is known by its name and company alone: that is
/// its match, in the file and in the book, so a list imported twice adds nobody twice. A
/// row with a phone or an ID is matched by those only.
#[test]
fn a_row_without_phone_or_wechat_matches_by_name_and_company() {
    let book = MemoryBook::new([
        (
            7,
            ImportedContact {
                name: "王芳".into(),
                ..Default::default()
            },
        ),
        (
            8,
            ImportedContact {
                name: "李雷".into(),
                company: Some("星河".into()),
                phone: Some("13900001111".into()),
                ..Default::default()
            },
        ),
    ]);
    let csv = "姓名,公司,手机\n王芳,,\n李雷,星河,\n李雷,,\n赵敏,,\n赵敏,,\n王芳,,13700002222\n";
    let plan = import(csv.as_bytes(), &opts(), DuplicatePolicy::Skip, &book).unwrap();
    let added: Vec<(usize, &str)> = plan
        .adds
        .iter()
        .map(|a| (a.line, a.contact.name.as_str()))
        .collect();
    // 王芳 (book #7), 李雷·星河 (book #8) and the second 赵敏 (line 5) are skipped; 李雷
    // without a company is someone else; 王芳 with a phone is matched by the phone only.
    assert_eq!(added, [(4, "李雷"), (5, "赵敏"), (7, "王芳")]);
    let skipped: Vec<(usize, String)> = plan
        .report
        .issues
        .iter()
        .filter_map(|i| match &i.kind {
            IssueKind::Skipped { of, by } => Some((i.line, format!("{of:?} {by:?}"))),
            _ => None,
        })
        .collect();
    assert_eq!(
        skipped,
        [
            (2, "Book(7) Name(\"王芳\")".to_string()),
            (3, "Book(8) Name(\"李雷 · 星河\")".to_string()),
            (6, "Row { line: 5 } Name(\"赵敏\")".to_string()),
        ]
    );
    // `new` adds them anyway, and says so.
    let plan = import(csv.as_bytes(), &opts(), DuplicatePolicy::New, &book).unwrap();
    assert_eq!(plan.adds.len(), 6);
}

/// What spreadsheets do to keep a number's zeros (`'…`, `="…"`) is read through; a phone a
/// spreadsheet already turned into scientific notation is named as such.
#[test]
fn spreadsheet_text_markers_are_read_and_scientific_phones_explained() {
    let csv = "姓名,手机号码,微信号\n甲,'13800138000,'wx_a\n乙,=\"013800000003\",=\"00123\"\n丙,1.38001E+10,\n";
    let plan = import(csv.as_bytes(), &opts(), DuplicatePolicy::Skip, &NoBook).unwrap();
    let got: Vec<(Option<&str>, Option<&str>)> = plan
        .adds
        .iter()
        .map(|a| (a.contact.phone.as_deref(), a.contact.wechat.as_deref()))
        .collect();
    assert_eq!(
        got,
        [
            (Some("13800138000"), Some("wx_a")),
            (Some("013800000003"), Some("00123")),
            (None, None)
        ]
    );
    let report = render_report(&plan.report, &ZH, false);
    assert!(
        report.contains("第 4 行") && report.contains("科学计数法"),
        "{report}"
    );
    let report = render_report(&plan.report, &EN, false);
    assert!(report.contains("scientific notation"), "{report}");
}

/// A phone column a script or spreadsheet wrote as floats (`13800001234.0`, as pandas does
/// for a column with an empty cell) keeps its digits and finds the contact the book has;
/// scientific notation with every digit kept is the number. They were stored with the `0`
/// as a digit (`138000012340`), missing the duplicate.
#[test]
fn float_phones_keep_their_digits_and_find_their_duplicates() {
    let book = MemoryBook::new([(
        1,
        ImportedContact {
            name: "王芳".into(),
            phone: Some("13800001234".into()),
            ..Default::default()
        },
    )]);
    let csv = "姓名,手机号\n王芳,13800001234.0\n李娜,13900005678.00\n丙,+8613800001236.0\n戊,1.3800001243E10\n";
    let plan = import(csv.as_bytes(), &opts(), DuplicatePolicy::Skip, &book).unwrap();
    let phones: Vec<Option<&str>> = plan
        .adds
        .iter()
        .map(|a| a.contact.phone.as_deref())
        .collect();
    assert_eq!(
        phones,
        [
            Some("13900005678"),
            Some("13800001236"),
            Some("13800001243")
        ]
    );
    let report = render_report(&plan.report, &ZH, false);
    assert!(report.contains("跳过 1"), "{report}");
    assert!(!report.contains("警告"), "{report}");
}
