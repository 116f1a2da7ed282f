//! The spreadsheet check: the CSV export opened the way a spreadsheet on Chinese Windows
//! opens it, by LibreOffice Calc headless, in the zh-CN locale, with special numbers (dates)
//! detected and formulas evaluated, as Excel does on a double-click. The names must read
//! right, phone and ID cells must stay text with their leading zeros and `+86`, and no cell
//! may be a formula. A control file written without the BOM and the guards shows the check
//! can fail.
//!
//! Which encoding: Excel on Chinese Windows reads a CSV as UTF-8 when it starts with the
//! UTF-8 byte-order mark, and as code page 936 (GBK) otherwise. LibreOffice headless does
//! not look for the mark (given GBK, it reads the mark as `锘`), so the test applies that
//! rule itself and tells LibreOffice the encoding; LibreOffice then checks that the mark
//! does not end up in the first cell, and everything about the cells.
//!
//! Runs when `soffice` is on the PATH (Debian: `apt-get install --no-install-recommends
//! libreoffice-calc-nogui`); otherwise it prints a note and passes.

mod exchange_support;

use exchange_support::{cn, full_contact};
use salesbook::exchange::cells::read_text_cell;
use salesbook::exchange::{CsvExportOptions, ExportContact, export_csv};
use salesbook::i18n::exchange::ZH;
use std::path::{Path, PathBuf};
use std::process::Command;

/// LibreOffice's numbers for code page 936 (what Chinese Windows assumes a CSV is in) and
/// for UTF-8.
const GBK: u32 = 61;
const UTF8: u32 = 76;
/// zh-CN.
const LOCALE: u32 = 2052;

/// LibreOffice, if installed. CI installs it and sets `SALESBOOK_REQUIRE_SOFFICE=1`, so
/// there a missing one fails the check instead of skipping it.
fn soffice() -> Option<PathBuf> {
    let found = std::env::var_os("PATH").and_then(|path| {
        std::env::split_paths(&path)
            .map(|d| d.join("soffice"))
            .find(|p| p.is_file())
    });
    if found.is_none() && std::env::var_os("SALESBOOK_REQUIRE_SOFFICE").is_some() {
        panic!("SALESBOOK_REQUIRE_SOFFICE is set but soffice is not on the PATH");
    }
    found
}

/// One cell of the converted sheet.
#[derive(Debug, Clone, PartialEq)]
struct SheetCell {
    value_type: String,
    formula: bool,
    text: String,
}

/// Opens `csv` as a spreadsheet would and returns its rows of cells.
fn open_in_calc(soffice: &Path, dir: &Path, csv: &[u8], name: &str) -> Vec<Vec<SheetCell>> {
    let input = dir.join(format!("{name}.csv"));
    std::fs::write(&input, csv).unwrap();
    let profile = format!("file://{}", dir.join("profile").display());
    // Separator, quote, charset, first line, column formats, language, quoted-as-text,
    // detect special numbers, (export options), evaluate formulas.
    let charset = if csv.starts_with(b"\xEF\xBB\xBF") {
        UTF8
    } else {
        GBK
    };
    let filter = format!("CSV:44,34,{charset},1,,{LOCALE},false,true,false,false,false,-1,true");
    let out = Command::new(soffice)
        .arg(format!("-env:UserInstallation={profile}"))
        .arg("--headless")
        .arg(format!("--infilter={filter}"))
        .args(["--convert-to", "fods"])
        .arg("--outdir")
        .arg(dir)
        .arg(&input)
        .output()
        .unwrap();
    let fods = dir.join(format!("{name}.fods"));
    assert!(
        fods.is_file(),
        "soffice did not convert: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    parse_fods(&std::fs::read_to_string(fods).unwrap())
}

fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    let len = tag[start..].find('"')?;
    Some(&tag[start..start + len])
}

fn unescape_xml(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// The text of a cell body: paragraphs joined by line breaks, tabs and spaces restored.
fn cell_text(body: &str) -> String {
    let mut out = String::new();
    let mut rest = body;
    let mut paragraphs = 0;
    while let Some(lt) = rest.find('<') {
        out.push_str(&unescape_xml(&rest[..lt]));
        let gt = rest[lt..].find('>').unwrap() + lt;
        let tag = &rest[lt..=gt];
        if tag.starts_with("<text:p") && !tag.starts_with("<text:p/") {
            if paragraphs > 0 {
                out.push('\n');
            }
            paragraphs += 1;
        } else if tag.starts_with("<text:tab") {
            out.push('\t');
        } else if tag.starts_with("<text:line-break") {
            out.push('\n');
        } else if tag.starts_with("<text:s") {
            let n: usize = attr(tag, "text:c").map_or(1, |c| c.parse().unwrap());
            out.push_str(&" ".repeat(n));
        }
        rest = &rest[gt + 1..];
    }
    out.push_str(&unescape_xml(rest));
    out.trim_matches(['\n', ' ']).to_string()
}

fn parse_fods(xml: &str) -> Vec<Vec<SheetCell>> {
    let mut rows = Vec::new();
    for row in xml.split("<table:table-row").skip(1) {
        let row = &row[..row.find("</table:table-row>").unwrap_or(row.len())];
        let mut cells = Vec::new();
        for cell in row.split("<table:table-cell").skip(1) {
            let tag_end = cell.find('>').unwrap();
            let tag = &cell[..tag_end];
            let body = if tag.ends_with('/') {
                ""
            } else {
                &cell[tag_end + 1..cell.find("</table:table-cell>").unwrap_or(cell.len())]
            };
            let repeat: usize =
                attr(tag, "table:number-columns-repeated").map_or(1, |n| n.parse().unwrap());
            let c = SheetCell {
                value_type: attr(tag, "office:value-type").unwrap_or("").to_string(),
                formula: attr(tag, "table:formula").is_some(),
                text: cell_text(body),
            };
            cells.extend(std::iter::repeat_n(c, repeat.min(64)));
        }
        rows.push(cells);
    }
    rows
}

fn contacts() -> Vec<ExportContact> {
    let mut a = full_contact(1, "欧阳强浩");
    a.phone = Some("075512345678".into());
    a.wechat = Some("00123".into());
    a.company = Some("=HYPERLINK(\"http://evil.example\",\"点我\")".into());
    a.source = Some("+1+cmd|' /C calc'!A0".into());
    a.budget = Some("3-5".into());
    a.notes = Some("=1+1\n第二行".into());
    let mut b = full_contact(2, "张伟");
    b.phone = Some("+8613800001234".into());
    b.wechat = Some("-12".into());
    b.need = Some("@SUM(1+1)".into());
    b.tags = vec!["组/a;b".parse().unwrap(), "组/c".parse().unwrap()];
    let mut c = full_contact(3, "李娜");
    c.phone = Some("13800001234".into());
    c.wechat = Some("0086".into());
    vec![a, b, c]
}

fn column(name: &str) -> usize {
    ZH.csv_headers.iter().position(|h| *h == name).unwrap()
}

#[test]
fn the_export_opens_right_in_a_chinese_locale_spreadsheet() {
    let Some(soffice) = soffice() else {
        eprintln!(
            "note: soffice not found, spreadsheet check skipped \
             (apt-get install --no-install-recommends libreoffice-calc-nogui)"
        );
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let contacts = contacts();
    let opts = CsvExportOptions {
        bom: true,
        zone: cn().into(),
        strings: &ZH,
    };
    let rows = open_in_calc(
        &soffice,
        dir.path(),
        &export_csv(&contacts, &opts),
        "export",
    );

    let header: Vec<&str> = rows[0].iter().map(|c| c.text.as_str()).collect();
    // The creation time's header states the offset the times are in.
    let mut want = ZH.csv_headers.to_vec();
    want[22] = "创建时间（UTC+08:00）";
    assert_eq!(&header[..ZH.csv_headers.len()], want);
    for (i, c) in contacts.iter().enumerate() {
        let row = &rows[i + 1];
        assert_eq!(row[column("姓名")].text, c.name, "the name reads right");
        for (col, want) in [("手机", &c.phone), ("微信号", &c.wechat)] {
            let cell = &row[column(col)];
            assert_eq!(cell.value_type, "string", "{col} of {} stays text", c.name);
            assert!(!cell.formula);
            assert_eq!(Some(read_text_cell(&cell.text)), want.as_deref(), "{col}");
        }
        for cell in row {
            assert!(!cell.formula, "no formula in {}'s row: {cell:?}", c.name);
        }
    }
    let first = &rows[1];
    assert_eq!(first[column("手机")].text.trim_end(), "075512345678");
    assert_eq!(first[column("微信号")].text.trim_end(), "00123");
    assert_eq!(
        first[column("预算")].value_type,
        "string",
        "3-5 is not a date"
    );
    assert_eq!(rows[2][column("手机")].text.trim_end(), "'+8613800001234");
    assert_eq!(rows[2][column("标签")].text, "组/a;b\n组/c");
    assert_eq!(
        first[column("编号")].value_type,
        "float",
        "the id is a number"
    );
    assert_eq!(
        first[column("创建时间")].value_type,
        "date",
        "times are times"
    );
}

#[test]
fn without_the_bom_and_guards_the_same_spreadsheet_makes_a_mess() {
    let Some(soffice) = soffice() else {
        eprintln!("note: soffice not found, spreadsheet control skipped");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let plain = "姓名,手机,微信号,公司\r\n欧阳强浩,075512345678,00123,=1+1\r\n";
    let rows = open_in_calc(&soffice, dir.path(), plain.as_bytes(), "plain");
    assert_eq!(rows[1][0].text, "娆ч槼寮烘旦", "UTF-8 read as GBK");
    assert_eq!(
        (rows[1][1].value_type.as_str(), rows[1][1].text.as_str()),
        ("float", "75512345678")
    );
    assert_eq!(rows[1][2].text, "123");
    assert!(rows[1][3].formula, "=1+1 runs as a formula");
}
