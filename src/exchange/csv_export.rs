//! The spreadsheet CSV export: every field, one contact a row, made to open right in a
//! spreadsheet on a Chinese Windows PC and to import back with nothing lost.
//!
//! UTF-8 with a byte-order mark (without one, Excel on Chinese Windows reads UTF-8 as GBK),
//! CRLF line ends, and each text cell written by [`cells::text_cell`]: guarded against
//! formulas, and marked so numbers-as-text (phones, WeChat IDs, leading zeros, `+86`) stay
//! text. Times are local (`YYYY-MM-DD HH:MM:SS` in the offset given), which a spreadsheet
//! shows as times; a fixed offset is stated on the creation time's header, and the import
//! reads the file's times in it. The last column is the timeline, one entry a line
//! ([`cells::encode_timeline`]), so the book derives the same lifecycles, tiers and
//! automatic tags from an imported export as from the original.

use super::cells::{encode_purchases, encode_tags, encode_timeline, text_cell};
use super::headers::{Column, ColumnTarget};
use super::model::{ExportContact, Field};
use super::plan_cells::{encode_appointments, encode_followups};
use super::values::format_local;
use crate::clock::LocalZone;
use crate::i18n::exchange::{EN, ExchangeStrings, ZH};

pub const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Where each export column goes when the file is imported back, in column order; `None`
/// for what the book derives itself (id, lifecycle, updated and last-touch times).
const IMPORT_TARGETS: [Option<Field>; 29] = [
    None,
    Some(Field::Name),
    Some(Field::Honorific),
    Some(Field::Phone),
    Some(Field::Wechat),
    Some(Field::Email),
    Some(Field::Company),
    Some(Field::Source),
    Some(Field::Need),
    Some(Field::Budget),
    Some(Field::Grade),
    Some(Field::Stage),
    Some(Field::Outcome),
    Some(Field::LostReason),
    Some(Field::Tier),
    None,
    Some(Field::Tags),
    Some(Field::Notes),
    Some(Field::Birthday),
    Some(Field::Anniversary),
    Some(Field::Owner),
    Some(Field::Archived),
    Some(Field::CreatedAt),
    Some(Field::UpdatedAt),
    Some(Field::LastTouchAt),
    Some(Field::Purchases),
    Some(Field::Timeline),
    Some(Field::Followups),
    Some(Field::Appointments),
];

/// The creation time's column, whose header says the offset of the file's times.
const CREATED_AT: usize = 22;

/// `创建时间（UTC+08:00）` (`created_at (UTC+08:00)` in English): a header with the offset
/// every time in the file is written in.
fn zone_header(header: &str, offset: chrono::FixedOffset, chinese: bool) -> String {
    if chinese {
        format!("{header}（UTC{offset}）")
    } else {
        format!("{header} (UTC{offset})")
    }
}

/// The header without its offset, and the offset (`None` for an export written before
/// the header said it, read in the importing machine's zone as it was written).
fn split_zone_header(header: &str) -> (&str, Option<chrono::FixedOffset>) {
    let header = header.trim();
    let parsed = header
        .strip_suffix('）')
        .or_else(|| header.strip_suffix(')'))
        .and_then(|h| h.rsplit_once("UTC"))
        .and_then(|(name, offset)| {
            let name = name.strip_suffix('（').or_else(|| name.strip_suffix('('))?;
            let offset =
                chrono::DateTime::parse_from_rfc3339(&format!("2000-01-01T00:00:00{offset}"))
                    .ok()?
                    .offset()
                    .to_owned();
            Some((name.trim_end(), offset))
        });
    match parsed {
        Some((name, offset)) => (name, Some(offset)),
        None => (header, None),
    }
}

/// The offset an own export's header row says its times are in.
pub fn own_export_zone(headers: &[String]) -> Option<chrono::FixedOffset> {
    headers.get(CREATED_AT).and_then(|h| split_zone_header(h).1)
}

/// The columns of earlier exports, which read back as far as they go: without the
/// follow-ups and appointments (27), and without the timeline too (26).
const EARLIER_WIDTHS: [usize; 2] = [27, 26];

#[derive(Debug, Clone, Copy)]
pub struct CsvExportOptions<'a> {
    /// Write the UTF-8 byte-order mark (`--no-bom` turns it off).
    pub bom: bool,
    pub zone: LocalZone,
    /// Header language and value words (stage names, 是/否).
    pub strings: &'a ExchangeStrings,
}

/// The contacts as spreadsheet CSV bytes.
pub fn export_csv(contacts: &[ExportContact], opts: &CsvExportOptions) -> Vec<u8> {
    // Writing into memory cannot fail.
    let mut w = CsvStream::new(Vec::with_capacity(64 + contacts.len() * 256), *opts)
        .expect("write to memory");
    for c in contacts {
        w.push(c).expect("write to memory");
    }
    w.finish().expect("write to memory")
}

/// The spreadsheet CSV written one contact at a time, so an export holds one contact in
/// memory whatever the book's size.
pub struct CsvStream<'a, W: std::io::Write> {
    w: csv::Writer<W>,
    opts: CsvExportOptions<'a>,
}

impl<'a, W: std::io::Write> CsvStream<'a, W> {
    /// Writes the byte-order mark (unless turned off) and the header row.
    pub fn new(mut out: W, opts: CsvExportOptions<'a>) -> std::io::Result<Self> {
        if opts.bom {
            out.write_all(UTF8_BOM)?;
        }
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(out);
        let mut headers = opts.strings.csv_headers.map(String::from);
        // Every time in the file is in one offset, said on the creation time's header, so
        // the file reads back the same on a machine in another zone.
        if let LocalZone::Fixed(offset) = opts.zone {
            let chinese = opts.strings.chinese_values;
            headers[CREATED_AT] = zone_header(&headers[CREATED_AT], offset, chinese);
        }
        w.write_record(&headers).map_err(csv_io_error)?;
        Ok(CsvStream { w, opts })
    }

    pub fn push(&mut self, c: &ExportContact) -> std::io::Result<()> {
        self.w
            .write_record(row(c, &self.opts))
            .map_err(csv_io_error)
    }

    /// The writer, every row flushed into it.
    pub fn finish(self) -> std::io::Result<W> {
        self.w.into_inner().map_err(|e| e.into_error())
    }
}

/// The system's error inside a CSV writer's (a full disk stays a full disk, not "other").
pub fn csv_io_error(e: csv::Error) -> std::io::Error {
    if e.is_io_error()
        && let csv::ErrorKind::Io(io) = e.into_kind()
    {
        return io;
    }
    std::io::Error::other("CSV")
}

fn row(c: &ExportContact, opts: &CsvExportOptions) -> [String; 29] {
    let s = opts.strings;
    let text = |v: &Option<String>| v.as_deref().map(text_cell).unwrap_or_default();
    let time = |t| format_local(t, opts.zone);
    let (stage, outcome, lifecycle) = if s.chinese_values {
        (c.stage.zh(), c.outcome.zh(), c.lifecycle.zh())
    } else {
        (c.stage.key(), c.outcome.key(), c.lifecycle.key())
    };
    [
        c.id.to_string(),
        text_cell(&c.name),
        text(&c.honorific),
        text(&c.phone),
        text(&c.wechat),
        text(&c.email),
        text(&c.company),
        text(&c.source),
        text(&c.need),
        text(&c.budget),
        c.grade.map(|g| g.key().to_string()).unwrap_or_default(),
        stage.to_string(),
        outcome.to_string(),
        text(&c.lost_reason),
        text(&c.tier),
        lifecycle.to_string(),
        text_cell(&encode_tags(&c.tags)),
        text(&c.notes),
        c.birthday
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default(),
        c.anniversary
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default(),
        text(&c.owner),
        (if c.archived { s.yes } else { s.no }).to_string(),
        time(c.created_at),
        time(c.updated_at),
        c.last_touch_at.map(time).unwrap_or_default(),
        text_cell(&encode_purchases(&c.purchases, opts.zone)),
        text_cell(&encode_timeline(&c.timeline, opts.zone, s.chinese_values)),
        text_cell(&encode_followups(&c.followups, opts.zone)),
        text_cell(&encode_appointments(&c.appointments, opts.zone)),
    ]
}

/// The columns of a header row that is exactly the export's (in either language), or an
/// earlier export's without its last columns: the file is salesbook's own and reads back
/// exactly.
pub fn own_export_columns(headers: &[String]) -> Option<Vec<Column>> {
    let matches = |s: &ExchangeStrings| {
        (headers.len() == s.csv_headers.len() || EARLIER_WIDTHS.contains(&headers.len()))
            && headers
                .iter()
                .zip(s.csv_headers)
                .enumerate()
                .all(|(i, (h, e))| match i {
                    CREATED_AT => split_zone_header(h).0 == e,
                    _ => h.trim() == e,
                })
    };
    if !matches(&ZH) && !matches(&EN) {
        return None;
    }
    let cols = headers
        .iter()
        .zip(IMPORT_TARGETS)
        .map(|(h, target)| Column {
            label: h.trim().to_string(),
            target: target.map_or(ColumnTarget::Ignore, ColumnTarget::Field),
            rank: 0,
        })
        .collect();
    Some(cols)
}
