//! Import and export formats: bytes in → validated records and a report; contacts → bytes
//! out. Pure: no SQL, no file I/O, no clock (the local UTC offset is passed in). The command
//! line and the write pipeline sit above this module.
//!
//! Import is two steps. [`read`] decodes the file (UTF-8, GBK/GB18030, UTF-16), reads CSV or
//! vCard, and validates each record ([`row`] documents what a bad value does). [`plan`] then
//! finds duplicates within the file and against the book (through a [`BookLookup`]) and
//! applies the `--on-duplicate` policy; its [`ImportPlan`] holds the contacts to add, the
//! book contacts to update, and the [`ImportReport`]. [`import`] does both.
//!
//! Export: [`export_csv`] (for spreadsheets, and read back exactly by [`read`], timeline
//! included), [`export_json`], [`export_vcard`] (contact fields only: no timeline, no
//! purchases); [`guard_formula`] for plain CSV listings; [`mask`] for privacy.

pub mod cell_text;
pub mod cells;
pub mod contacted;
pub mod csv_export;
mod csv_import;
pub mod decode;
pub mod duplicates;
pub mod header_words;
pub mod headers;
pub mod json_export;
pub mod mask;
pub mod merge;
pub mod model;
pub mod names;
pub mod plan_cells;
mod purchase_cells;
pub mod render;
pub mod report;
mod row;
pub mod sheet_rows;
mod values;
pub use values::{TagReading, read_tag};
mod vcard_import;
mod vcard_lines;
pub mod vcard_write;

pub use cells::guard_formula;
pub use csv_export::{CsvExportOptions, CsvStream, csv_io_error, export_csv};
pub use decode::{Format, TextEncoding};
pub use duplicates::{BookLookup, DuplicatePolicy, ImportPlan, MemoryBook, NoBook, plan};
pub use headers::{ColumnMapping, ColumnTarget};
pub use json_export::{JsonStream, PrettyArray, export_json};
pub use merge::{MergeOutcome, merge};
pub use model::{ExportContact, Field, ImportedContact, PurchaseRecord, TimelineEntry};
pub use render::{render_error, render_report};
pub use report::{Conflict, Counts, FileMeta, ImportReport, Issue, IssueKind, Match, Severity};
pub use vcard_write::{export_vcard, write_vcard};

use crate::clock::LocalZone;
use crate::domain::TagRef;
use crate::domain::zone::Zone;
use crate::i18n::exchange::ExchangeStrings;
use chrono::FixedOffset;
use std::ops::Range;

/// Everything `import FILE [...]` says about how to read the file.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// `--format`; guessed from the content and `file_name` when `None`.
    pub format: Option<Format>,
    /// `--encoding`; detected when `None` (a byte-order mark always wins).
    pub encoding: Option<TextEncoding>,
    /// The file's name, for the extension.
    pub file_name: Option<String>,
    /// `--map COLUMN=FIELD`.
    pub mappings: Vec<ColumnMapping>,
    /// `--source S`: the source of records whose file gives none.
    pub source: Option<String>,
    /// `--tag GROUP/TAG`: added to every record.
    pub tags: Vec<TagRef>,
    /// The template's tag taxonomy: groups and their tags, to place bare tags.
    pub taxonomy: Vec<(String, Vec<String>)>,
    /// Local times in the file (and the export's) are in this zone, each in its own date's
    /// offset.
    pub zone: LocalZone,
    /// Labels written into notes (`其他电话`…), in the user's language.
    pub strings: &'static ExchangeStrings,
    /// When set, each added record is decided an existing relationship or a new lead.
    pub arrival: Option<contacted::Arrival>,
}

impl ImportOptions {
    /// Detect everything; China Standard Time.
    pub fn new(strings: &'static ExchangeStrings) -> ImportOptions {
        ImportOptions {
            format: None,
            encoding: None,
            file_name: None,
            mappings: Vec::new(),
            source: None,
            tags: Vec::new(),
            taxonomy: Vec::new(),
            zone: LocalZone::Fixed(FixedOffset::east_opt(8 * 3600).expect("valid offset")),
            strings,
            arrival: None,
        }
    }
}

/// A file that cannot be imported at all (a bad row never is one: it is in the report).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportError {
    Empty,
    /// No header names a field; these are the headers of the first row.
    NoColumns {
        headers: Vec<String>,
    },
    NoCards,
    /// A `--map` names a column the file does not have.
    BadMapping(headers::MissingColumn),
    /// Nothing read, and the bytes were not valid in this encoding: probably another one,
    /// the second when the file reads cleanly in it.
    WrongEncoding(TextEncoding, Option<TextEncoding>),
    /// A spreadsheet program's own file (xlsx, xls…), not text: it must be saved as CSV.
    Spreadsheet(Spreadsheet),
    /// Not text at all: a picture, a PDF, or other binary data.
    NotText(NotText),
}

/// What a file that is not text looks like, by its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotText {
    /// A picture, by its format's name (`PNG`, `JPEG`, `GIF`, `WebP`, `BMP`).
    Picture(&'static str),
    Pdf,
    /// Other binary data (NUL bytes, which no CSV or vCard in these encodings has).
    Binary,
    /// A web page's table, as many systems' "export to Excel" buttons write one (`.xls`).
    WebTable,
    /// JSON (salesbook's own `export --format json`, or another program's).
    Json,
    /// An SQLite database: another salesbook book, as a rep may well pick.
    Database,
    /// An iCalendar file (`.ics`): a calendar's events, salesbook's follow-ups among them.
    Calendar,
}

impl NotText {
    pub fn sniff(bytes: &[u8], chosen: Option<TextEncoding>) -> Option<NotText> {
        let pictures: [(&[u8], &str); 5] = [
            (b"\x89PNG\r\n\x1a\n", "PNG"),
            (b"\xFF\xD8\xFF", "JPEG"),
            (b"GIF87a", "GIF"),
            (b"GIF89a", "GIF"),
            (b"BM", "BMP"),
        ];
        for (magic, name) in pictures {
            // `BM` alone could open a text: a bitmap's header has its NULs too.
            if bytes.starts_with(magic) && (name != "BMP" || bytes.get(6..10) == Some(&[0; 4])) {
                return Some(NotText::Picture(name));
            }
        }
        if bytes.starts_with(b"RIFF") && bytes.get(8..12) == Some(b"WEBP") {
            return Some(NotText::Picture("WebP"));
        }
        if bytes.starts_with(b"%PDF-") {
            return Some(NotText::Pdf);
        }
        if bytes.starts_with(b"SQLite format 3\0") {
            return Some(NotText::Database);
        }
        let archives: [&[u8]; 7] = [
            b"\x1F\x8B",           // gzip
            b"7z\xBC\xAF\x27\x1C", // 7-Zip
            b"Rar!\x1A\x07",       // RAR
            b"BZh",                // bzip2
            b"\xFD7zXZ\0",         // xz
            b"\x28\xB5\x2F\xFD",   // zstd
            b"\x7FELF",            // a program
        ];
        if archives.iter().any(|magic| bytes.starts_with(magic)) {
            return Some(NotText::Binary);
        }
        // UTF-16 is full of NULs (with or without its mark). Anything else with NULs is
        // not text if they are half of it or other control bytes come with them; NULs in
        // text (cells padded with them by the program that wrote them) are dropped with
        // the other control characters, each row's report saying so.
        let utf16 = bytes.starts_with(b"\xFF\xFE")
            || bytes.starts_with(b"\xFE\xFF")
            || decode::utf16_without_mark(bytes).is_some()
            || matches!(chosen, Some(TextEncoding::Utf16Le | TextEncoding::Utf16Be));
        let head = &bytes[..bytes.len().min(8192)];
        let nuls = head.iter().filter(|b| **b == 0).count();
        (!utf16 && nuls > 0 && (nuls * 2 > head.len() || !mostly_text(head)))
            .then_some(NotText::Binary)
    }

    /// Text that is no table a CSV reader can read: a web page's table, or JSON.
    fn of_text(text: &str) -> Option<NotText> {
        let start = text.trim_start_matches('\u{FEFF}').trim_start();
        let head: String = start.chars().take(512).collect::<String>().to_lowercase();
        if head.starts_with('<')
            && ["<html", "<table", "<!doctype html", "<?xml"]
                .iter()
                .any(|tag| head.contains(tag))
        {
            return Some(NotText::WebTable);
        }
        if (start.starts_with('[') || start.starts_with('{'))
            && serde_json::from_str::<serde::de::IgnoredAny>(text.trim()).is_ok()
        {
            return Some(NotText::Json);
        }
        if head.starts_with("begin:vcalendar") {
            return Some(NotText::Calendar);
        }
        None
    }
}

/// Whether bytes with a few NULs in them are otherwise text: next to no control bytes but
/// tabs, line ends and escape sequences (UTF-8, GBK and GB18030 never use them inside a
/// character; compressed or other binary data has one byte in eight below a space).
fn mostly_text(head: &[u8]) -> bool {
    let odd = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, 0 | b'\t' | b'\n' | b'\r' | 0x07 | 0x1B))
        .count();
    odd * 200 <= head.len()
}

/// The spreadsheet files a rep may try to import as they are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spreadsheet {
    /// A ZIP container: .xlsx, .ods, .numbers, WPS .et saved as xlsx.
    Zipped,
    /// An OLE2 compound file: old Excel .xls, WPS .et.
    Compound,
}

impl Spreadsheet {
    /// Known by the first bytes of the file.
    pub fn sniff(bytes: &[u8]) -> Option<Spreadsheet> {
        if bytes.starts_with(b"PK\x03\x04") {
            Some(Spreadsheet::Zipped)
        } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            Some(Spreadsheet::Compound)
        } else {
            None
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Spreadsheet::Zipped => "xlsx / ods",
            Spreadsheet::Compound => "xls / et",
        }
    }
}

/// In English, for logs; users see [`render_error`] in their language.
impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&render_error(self, &crate::i18n::exchange::EN))
    }
}

impl std::error::Error for ImportError {}

/// One accepted record of the file.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedRecord {
    /// The physical line where the record starts.
    pub line: usize,
    /// Where the record is in [`ParsedFile::text`] (see [`ParsedFile::raw`]).
    pub span: Range<usize>,
    pub contact: ImportedContact,
}

/// A file read and validated, before duplicates are looked at.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedFile {
    /// The decoded file, which records point into.
    pub text: String,
    pub meta: FileMeta,
    pub records: Vec<ParsedRecord>,
    /// Rejections and warnings, by line.
    pub issues: Vec<Issue>,
    /// `read`, `rejected`, `blank` and `warned` so far.
    pub counts: Counts,
}

impl ParsedFile {
    /// The record as written in the file.
    pub fn raw(&self, record: &ParsedRecord) -> &str {
        raw_text(&self.text, &record.span)
    }

    /// Files one record: accepted with its warnings, or rejected with the reason.
    fn push(
        &mut self,
        (line, span, raw): (usize, Range<usize>, &str),
        result: Result<ImportedContact, IssueKind>,
        warnings: Vec<IssueKind>,
    ) {
        let issue = |kind| Issue {
            line,
            kind,
            raw: raw.to_string(),
        };
        match result {
            Ok(contact) => {
                if !warnings.is_empty() {
                    self.counts.warned += 1;
                }
                self.issues.extend(warnings.into_iter().map(issue));
                self.records.push(ParsedRecord {
                    line,
                    span,
                    contact,
                });
            }
            Err(reason) => {
                self.counts.rejected += 1;
                self.issues.push(issue(reason));
            }
        }
    }
}

fn raw_text<'t>(text: &'t str, span: &Range<usize>) -> &'t str {
    text.get(span.clone()).unwrap_or("")
}

/// Decodes and reads the file: step one of an import.
pub fn read(bytes: &[u8], opts: &ImportOptions) -> Result<ParsedFile, ImportError> {
    if let Some(kind) = Spreadsheet::sniff(bytes) {
        return Err(ImportError::Spreadsheet(kind));
    }
    if let Some(kind) = NotText::sniff(bytes, opts.encoding) {
        return Err(ImportError::NotText(kind));
    }
    // A vCard folded inside a character is mended before decoding, as RFC 6350 unfolds.
    let mended = looks_like_vcard(bytes, opts)
        .then(|| vcard_lines::mend_split_folds(bytes))
        .flatten()
        .filter(|m| {
            opts.encoding == Some(TextEncoding::Utf8)
                || std::str::from_utf8(m).is_ok()
                || decode::mostly_utf8(m)
        });
    let bytes = mended.as_deref().unwrap_or(bytes);
    let mut decoded = decode::decode(bytes, opts.encoding);
    if decoded.text.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    if let Some(kind) = NotText::of_text(&decoded.text) {
        return Err(ImportError::NotText(kind));
    }
    let format = opts
        .format
        .unwrap_or_else(|| Format::guess(opts.file_name.as_deref(), &decoded.text));
    // Excel for Mac's "CSV (Macintosh)" ends lines with CR alone. Read as line breaks (the
    // same length, so every span holds), the report's line numbers are physical lines.
    if format == Format::Csv && decoded.text.contains('\r') && !decoded.text.contains('\n') {
        decoded.text = decoded.text.replace('\r', "\n");
    }
    let parsed = match format {
        Format::Csv => csv_import::read_csv(&decoded, opts),
        Format::Vcard => vcard_import::read_vcards(&decoded, opts),
    };
    match parsed {
        Err(ImportError::NoColumns { .. } | ImportError::NoCards) if decoded.lossy => {
            // What the file reads as untold: named when it reads cleanly that way.
            let guessed = decode::decode(bytes, None);
            let likely = (!guessed.lossy && guessed.encoding != decoded.encoding)
                .then_some(guessed.encoding);
            Err(ImportError::WrongEncoding(decoded.encoding, likely))
        }
        Ok(mut parsed) => {
            parsed.text = decoded.text;
            Ok(parsed)
        }
        Err(e) => Err(e),
    }
}

/// A vCard file, by `--format`, its name or its first line; in an encoding where ASCII is
/// ASCII (a fold is a line break and a space).
fn looks_like_vcard(bytes: &[u8], opts: &ImportOptions) -> bool {
    if matches!(
        opts.encoding,
        Some(TextEncoding::Utf16Le | TextEncoding::Utf16Be)
    ) || bytes.starts_with(b"\xFF\xFE")
        || bytes.starts_with(b"\xFE\xFF")
    {
        return false;
    }
    let head = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let head = &head[head
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(0)..];
    match opts.format {
        Some(f) => f == Format::Vcard,
        None => {
            head.get(..11)
                .is_some_and(|h| h.eq_ignore_ascii_case(b"BEGIN:VCARD"))
                || Format::guess(opts.file_name.as_deref(), "") == Format::Vcard
        }
    }
}

/// Reads the file and plans the import against the book: both steps.
pub fn import(
    bytes: &[u8],
    opts: &ImportOptions,
    policy: DuplicatePolicy,
    book: &dyn BookLookup,
) -> Result<ImportPlan, ImportError> {
    let mut plan = plan(read(bytes, opts)?, policy, book);
    if let Some(a) = &opts.arrival {
        let meta = &plan.report.meta;
        let (book, own) = (meta.address_book, meta.brings_its_past());
        for add in &mut plan.adds {
            add.contact.known_before = contacted::known_before(&add.contact, book, own, a);
        }
        let known = || plan.adds.iter().filter(|a| a.contact.known_before);
        plan.report.counts.known = known().count();
        // A grade only drives a lead's rhythm: a customer's is the after-sale one.
        plan.report.counts.known_ungraded = known()
            .filter(|a| {
                a.contact.grade.is_none()
                    && a.contact.outcome_in_book() == crate::domain::Outcome::Open
            })
            .count();
        plan.report.contacted_by_rows = Some(a.contacted == contacted::Contacted::Auto);
        report_future_times(&mut plan, a.now, opts.zone);
    }
    local_conflict_times(&mut plan, opts.zone);
    Ok(plan)
}

/// A merge's conflicting times as the rep reads times (`2026-11-01 10:12:33` in their
/// zone), not as the merge compared them (UTC, RFC 3339).
fn local_conflict_times(plan: &mut ImportPlan, offset: impl Zone + Copy) {
    let local = |v: &mut String| {
        if let Ok(t) = chrono::DateTime::parse_from_rfc3339(v) {
            *v = values::format_local(t.to_utc(), offset);
        }
    };
    for issue in &mut plan.report.issues {
        if let IssueKind::Merged { conflicts, .. } = &mut issue.kind {
            for c in conflicts.iter_mut().filter(|c| c.field == Field::CreatedAt) {
                local(&mut c.kept);
                local(&mut c.incoming);
            }
        }
    }
}

/// A contact added, last contacted or buying after `now` is put at `now` by the book: said
/// for each such row, which then counts as warned.
fn report_future_times(
    plan: &mut ImportPlan,
    now: chrono::DateTime<chrono::Utc>,
    offset: impl Zone + Copy,
) {
    let mut found = false;
    for add in &plan.adds {
        let c = &add.contact;
        let purchases = c.purchases.iter().map(|p| (Field::Purchases, Some(p.at)));
        for (field, t) in [
            (Field::CreatedAt, c.created_at),
            (Field::LastTouchAt, c.last_touch_at),
        ]
        .into_iter()
        .chain(purchases)
        {
            if let Some(t) = t.filter(|t| *t > now) {
                found = true;
                plan.report.issues.push(Issue {
                    line: add.line,
                    kind: IssueKind::FutureTime {
                        field,
                        value: values::format_local(t, offset),
                    },
                    raw: String::new(),
                });
            }
        }
    }
    if found {
        let r = &mut plan.report;
        r.issues.sort_by_key(|i| i.line);
        r.counts.warned = r
            .issues
            .iter()
            .filter(|i| i.kind.severity() == Severity::Warning)
            .map(|i| i.line)
            .collect::<std::collections::HashSet<_>>()
            .len();
    }
}

/// Fills `{0}`, `{1}`… of a template from `src/i18n/exchange.rs`.
pub fn fill(template: &str, args: &[&str]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let arg = after
            .find('}')
            .and_then(|close| Some((after[..close].parse::<usize>().ok()?, close)));
        match arg {
            Some((i, close)) => {
                out.push_str(args.get(i).copied().unwrap_or(""));
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::fill;

    #[test]
    fn fills_numbered_places_only() {
        assert_eq!(fill("第 {0} 行：{1}", &["3", "{x}"]), "第 3 行：{x}");
        assert_eq!(fill("{a} {1}", &["z", "y"]), "{a} y");
        assert_eq!(fill("{0", &["z"]), "{0");
    }
}
