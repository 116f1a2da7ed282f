//! Reading a CSV (or tab- or semicolon-separated) file into records.
//!
//! The delimiter is sniffed (or taken from an Excel `sep=` first line); the header row is
//! the first of the first ten rows that names at least two fields, so a title line above
//! it is passed over; below it, a repeated header, a totals row or a note under the table
//! is skipped (see [`sheet_rows`]). Line numbers are physical lines: a cell with line breaks in it moves
//! the next record's line down, as an editor would show it.

use super::cell_text::shows_something;
use super::csv_export::{own_export_columns, own_export_zone};
use super::decode::{Decoded, Format};
use super::headers::{self, Column, ColumnTarget};
use super::model::Field;
use super::report::{Counts, FileMeta, Issue, IssueKind};
use super::row::{Cell, assemble, column_label};
use super::sheet_rows;
use super::{ImportError, ImportOptions, ParsedFile, cells};
use crate::domain::text::{may_hide, strip_controls};

const CANDIDATES: [u8; 3] = [b',', b'\t', b';'];
const HEADER_SEARCH_ROWS: usize = 10;

pub fn read_csv(decoded: &Decoded, opts: &ImportOptions) -> Result<ParsedFile, ImportError> {
    let text = decoded.text.trim_start_matches('\u{FEFF}');
    let (delimiter, body, line_base) = match excel_sep_line(text) {
        Some((d, rest)) => (d, rest, 1),
        None => (choose_delimiter(text, opts), text, 0),
    };
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(body.as_bytes());

    // Rows up to the header, kept to find it.
    let mut head: Vec<csv::StringRecord> = Vec::new();
    let mut record = csv::StringRecord::new();
    while head.len() < HEADER_SEARCH_ROWS && read_next(&mut rdr, &mut record) {
        head.push(record.clone());
    }
    let header_at = find_header(&head, opts)?;
    let header_cells: Vec<String> = head[header_at].iter().map(header_text).collect();
    let own = own_export_columns(&header_cells);
    // salesbook's own export says the offset its times are in: read them in it, not in
    // this machine's zone (an export made in UTC and read at +08:00 moved by 8 hours).
    let in_its_zone;
    let opts = match own.as_ref().and(own_export_zone(&header_cells)) {
        Some(offset) => {
            in_its_zone = ImportOptions {
                zone: crate::clock::LocalZone::Fixed(offset),
                ..opts.clone()
            };
            &in_its_zone
        }
        None => opts,
    };
    let columns = match &own {
        Some(cols) => cols.clone(),
        None => headers::resolve(&header_cells, &opts.mappings).map_err(ImportError::BadMapping)?,
    };
    let columns = label_blank_headers(columns, opts);
    let header_line = start_of(body, &head[header_at]).0 + line_base;

    let mut reader = RowReader {
        body,
        base: body.as_ptr() as usize - decoded.text.as_ptr() as usize,
        line_base,
        lossy: decoded.lossy,
        another_reads: decoded.another_reads,
        gbk_lines: &decoded.gbk_lines,
        exact: own.is_some(),
        columns: &columns,
        header: &header_cells,
        name_columns: columns
            .iter()
            .enumerate()
            .filter(|(_, c)| c.target == ColumnTarget::Field(Field::Name))
            .map(|(i, _)| i)
            .collect(),
        opts,
        out: ParsedFile {
            text: String::new(),
            meta: FileMeta {
                format: Format::Csv,
                encoding: decoded.encoding,
                bom: decoded.bom,
                delimiter: Some(delimiter as char),
                header_line: Some(header_line),
                columns: columns
                    .iter()
                    .map(|c| (c.label.clone(), c.target))
                    .collect(),
                own_export: own.is_some(),
                address_book: own.is_none() && headers::is_address_book(&header_cells),
            },
            // A row per line at most: no growing (and copying) a large vector.
            records: Vec::with_capacity(body.bytes().filter(|&b| b == b'\n').count() + 1),
            issues: Vec::new(),
            counts: Counts::default(),
        },
    };
    // Rows already read after the header, then the rest of the file.
    let buffered: Vec<csv::StringRecord> = head.drain(header_at + 1..).collect();
    let head_end = rdr.position().byte() as usize;
    for (i, r) in buffered.iter().enumerate() {
        let next = buffered
            .get(i + 1)
            .map_or(head_end, |r| start_of(body, r).1);
        reader.row(r, next);
    }
    while read_next(&mut rdr, &mut record) {
        let end = rdr.position().byte() as usize;
        reader.row(&record, end);
    }
    reader.check_unterminated_quote();
    Ok(reader.out)
}

fn read_next(rdr: &mut csv::Reader<&[u8]>, record: &mut csv::StringRecord) -> bool {
    // The text is valid UTF-8 already, so reading cannot fail.
    rdr.read_record(record).unwrap_or(false)
}

/// The physical line and byte where a record starts. The reader's position for a record
/// can lie before blank lines it skipped; those are stepped over.
fn start_of(body: &str, r: &csv::StringRecord) -> (usize, usize) {
    let (mut line, mut byte) = r
        .position()
        .map_or((1, 0), |p| (p.line() as usize, p.byte() as usize));
    for b in body.as_bytes()[byte.min(body.len())..].iter() {
        match b {
            b'\n' => line += 1,
            b'\r' => {}
            _ => break,
        }
        byte += 1;
    }
    (line, byte)
}

/// Excel's `sep=;` first line names the delimiter.
fn excel_sep_line(text: &str) -> Option<(u8, &str)> {
    let (first, rest) = text.split_once('\n').unwrap_or((text, ""));
    let d = first.trim_end_matches('\r').strip_prefix("sep=")?;
    match d.as_bytes() {
        [b] if CANDIDATES.contains(b) => Some((*b, rest)),
        _ => None,
    }
}

/// The delimiter under which a row of the first ten reads as the best header; failing
/// that, the one seen most often outside quotes. (Counting alone is fooled by a note full
/// of semicolons.)
fn choose_delimiter(text: &str, opts: &ImportOptions) -> u8 {
    let best_header = |d: u8| {
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(d)
            .from_reader(text.as_bytes());
        rdr.records()
            .take(HEADER_SEARCH_ROWS)
            .map_while(Result::ok)
            .map(|r| {
                let cells: Vec<String> = r.iter().map(str::to_string).collect();
                if own_export_columns(&cells).is_some() {
                    usize::MAX
                } else {
                    headers::header_score(&cells, &opts.mappings)
                }
            })
            .max()
            .unwrap_or(0)
    };
    let scores = CANDIDATES.map(best_header);
    let counts = count_outside_quotes(text);
    let best = (0..CANDIDATES.len()).max_by_key(|&i| (scores[i], counts[i], std::cmp::Reverse(i)));
    CANDIDATES[best.unwrap_or(0)]
}

/// How often each candidate appears outside quotes in the first lines.
fn count_outside_quotes(text: &str) -> [usize; 3] {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    let mut lines = 0;
    for b in text.bytes() {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => {
                lines += 1;
                if lines >= HEADER_SEARCH_ROWS {
                    break;
                }
            }
            _ if !quoted => {
                if let Some(i) = CANDIDATES.iter().position(|&c| c == b) {
                    counts[i] += 1;
                }
            }
            _ => {}
        }
    }
    counts
}

fn find_header(head: &[csv::StringRecord], opts: &ImportOptions) -> Result<usize, ImportError> {
    let cells = |r: &csv::StringRecord| r.iter().map(header_text).collect::<Vec<_>>();
    let scores: Vec<usize> = head
        .iter()
        .map(|r| {
            let c = cells(r);
            if own_export_columns(&c).is_some() {
                usize::MAX
            } else {
                headers::header_score(&c, &opts.mappings)
            }
        })
        .collect();
    let first_with = |min: usize| scores.iter().position(|&s| s >= min);
    match first_with(2).or_else(|| first_with(1)) {
        Some(i) => Ok(i),
        None => {
            let headers = head.first().map(cells).unwrap_or_default();
            if headers.is_empty() {
                Err(ImportError::Empty)
            } else {
                Err(ImportError::NoColumns { headers })
            }
        }
    }
}

/// A header cell as the columns are matched and named by: without the control characters
/// a program may have padded it with (`姓名\0\0\0\0`).
fn header_text(cell: &str) -> String {
    if may_hide(cell) {
        strip_controls(cell)
    } else {
        cell.to_string()
    }
}

/// A column with no header is named by its position in the note.
fn label_blank_headers(columns: Vec<Column>, opts: &ImportOptions) -> Vec<Column> {
    columns
        .into_iter()
        .enumerate()
        .map(|(i, mut c)| {
            if c.label.is_empty() {
                c.label = column_label(opts, i);
            }
            c
        })
        .collect()
}

struct RowReader<'a> {
    body: &'a str,
    /// Where `body` starts in the decoded text (after a `sep=` line).
    base: usize,
    line_base: usize,
    lossy: bool,
    another_reads: bool,
    gbk_lines: &'a [usize],
    exact: bool,
    columns: &'a [Column],
    header: &'a [String],
    name_columns: Vec<usize>,
    opts: &'a ImportOptions,
    out: ParsedFile,
}

impl RowReader<'_> {
    /// One data row; `end` is the byte where the next record starts.
    fn row(&mut self, record: &csv::StringRecord, end: usize) {
        let (line, start) = start_of(self.body, record);
        let line = line + self.line_base;
        let raw = self.body[start..end.max(start)].trim_end_matches(['\r', '\n']);
        let span = self.base + start..self.base + start + raw.len();
        if !record.iter().any(shows_something) {
            self.out.counts.blank += 1;
            return;
        }
        self.out.counts.read += 1;
        // salesbook's own export has no such rows: a contact named 合计 comes back.
        if !self.exact {
            let values: Vec<&str> = record.iter().collect();
            if let Some(why) = sheet_rows::not_a_contact(&values, self.header, &self.name_columns) {
                self.out.counts.skipped += 1;
                self.out.issues.push(Issue {
                    line,
                    kind: IssueKind::NotAContact(why),
                    raw: raw.to_string(),
                });
                return;
            }
        }
        let value_of = |v| {
            if self.exact {
                cells::read_text_cell(v)
            } else {
                v
            }
        };
        // Cells past the last header (an unquoted comma?) join the note by column number.
        let extras: Vec<(String, &str)> = record
            .iter()
            .enumerate()
            .skip(self.columns.len())
            .filter(|(_, v)| shows_something(v))
            .map(|(i, v)| (column_label(self.opts, i), value_of(v)))
            .collect();
        let mut cells: Vec<Cell> = Vec::with_capacity(record.len());
        for (col, value) in self.columns.iter().zip(record.iter()) {
            cells.push(Cell {
                label: &col.label,
                target: col.target,
                rank: col.rank,
                value: value_of(value),
            });
        }
        for (label, value) in &extras {
            cells.push(Cell {
                label,
                target: ColumnTarget::Note,
                rank: 0,
                value,
            });
        }
        if self.lossy && raw.contains('\u{FFFD}') {
            let reason = Err(IssueKind::Undecodable {
                another_encoding: self.another_reads,
            });
            self.out.push((line, span, raw), reason, Vec::new());
            return;
        }
        let (result, mut warnings) = assemble(&cells, self.opts, self.exact);
        let last = line + raw.trim_end_matches(['\r', '\n']).matches('\n').count();
        if self.gbk_lines.iter().any(|l| (line..=last).contains(l)) {
            warnings.insert(0, IssueKind::ReadAsGbk);
        }
        if !extras.is_empty() {
            let count = extras.len();
            warnings.insert(0, IssueKind::ExtraCells { count });
        }
        self.out.push((line, span, raw), result, warnings);
    }

    /// A quote opened in the last record and never closed swallowed the rest of the file:
    /// that record is rejected rather than imported with half the file in one cell.
    fn check_unterminated_quote(&mut self) {
        let Some(last) = self.out.records.last() else {
            return;
        };
        let raw = &self.body[last.span.start - self.base..last.span.end - self.base];
        let multi_line = raw.contains('\n');
        let quotes = raw.matches('"').count();
        if !multi_line || quotes.is_multiple_of(2) {
            return;
        }
        let last = self.out.records.pop().expect("checked above");
        let last_line = last.line + raw.matches('\n').count();
        if self.out.issues.iter().any(|i| i.line == last.line) {
            self.out.counts.warned -= 1;
            self.out.issues.retain(|i| i.line != last.line);
        }
        self.out.counts.rejected += 1;
        self.out.issues.push(Issue {
            line: last.line,
            kind: IssueKind::UnterminatedQuote { last_line },
            raw: raw.to_string(),
        });
    }
}
