//! What an import tells the user: how the file was read, every rejected or suspicious row
//! with its line and raw text, and the counts.

use super::decode::{Format, TextEncoding};
use super::headers::ColumnTarget;
use super::model::Field;
use crate::domain::ContactId;

/// How the file was read.
#[derive(Debug, Clone, PartialEq)]
pub struct FileMeta {
    pub format: Format,
    pub encoding: TextEncoding,
    pub bom: bool,
    /// CSV only.
    pub delimiter: Option<char>,
    /// CSV only: the line of the header row (a title line above it is skipped).
    pub header_line: Option<usize>,
    /// CSV columns (or vCard properties put into the note) and where they went.
    pub columns: Vec<(String, ColumnTarget)>,
    /// The file is salesbook's own export: its guards and lists are undone exactly.
    pub own_export: bool,
    /// The file is an address book's own export (vCards; Google's or Outlook's contact
    /// CSV): its people are known to the rep.
    pub address_book: bool,
}

impl FileMeta {
    /// Whether each record brings its past (salesbook's own CSV, with its timeline): then
    /// nothing about it is decided afresh. Salesbook's own vCards bring none (a vCard has
    /// no timeline): an address book like a phone's.
    pub fn brings_its_past(&self) -> bool {
        self.own_export && !self.address_book
    }
}

/// Which earlier record a row matched: a contact already in the book, or an earlier row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Match {
    Book(ContactId),
    Row { line: usize },
}

/// The value two records share.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MatchKey {
    Phone(String),
    Wechat(String),
    /// Name (and company): for a row with neither phone nor WeChat ID.
    Name(String),
}

/// A field both sides had with different values; the earlier (book's) value was kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    pub field: Field,
    pub kept: String,
    pub incoming: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IssueKind {
    /// No name, no honorific, no WeChat ID and no phone: nothing to call the contact.
    NoName,
    NameTooLong {
        chars: usize,
    },
    /// A quote opened on this row is never closed: the rest of the file is one cell.
    UnterminatedQuote {
        last_line: usize,
    },
    /// A vCard with no `END:VCARD`.
    UnterminatedCard,
    /// A value that does not read; the raw value went into the note.
    BadValue {
        field: Field,
        value: String,
    },
    /// A landline with its extension: the number became the phone, the value went into
    /// the note.
    PhoneExtension {
        value: String,
        number: String,
        extension: String,
    },
    /// A line of the timeline cell that does not read (`line`: its line within the cell,
    /// from 1); the entry is left out and the line went into the note.
    BadTimelineEntry {
        line: usize,
        value: String,
    },
    /// A row merged into another record brought its fields and tags but not its timeline
    /// (`entries` long): the record it joined keeps its own.
    TimelineNotMerged {
        entries: usize,
    },
    /// Nor its purchases (`purchases` of them): the record it joined keeps its own.
    PurchasesNotMerged {
        purchases: usize,
    },
    /// A bare tag the template's taxonomy does not have; it went into the note.
    UnknownTag {
        tag: String,
    },
    /// A bare tag found in several groups; it went into the note.
    AmbiguousTag {
        tag: String,
        groups: Vec<String>,
    },
    MalformedTag {
        tag: String,
    },
    /// No name column had a value: the contact is named after its WeChat ID or phone.
    NamedAfter {
        field: Field,
        value: String,
    },
    /// More cells than headers (an unquoted comma?); the extra cells went into the note.
    ExtraCells {
        count: usize,
    },
    /// Bytes that are not valid in the file's encoding became �: the row is rejected
    /// rather than written into the book garbled. `another_encoding`: another encoding
    /// reads the file, so `--encoding` is worth a try; otherwise it cannot help.
    /// The row was GBK in a UTF-8 file and was read as GBK.
    ReadAsGbk,
    /// Control characters in the record's cells (NUL bytes, escapes, direction
    /// overrides), `count` of them, dropped as the values entered the book.
    ControlsDropped {
        count: usize,
    },
    /// A mobile number one digit short or long (kept as written).
    MobileLength {
        value: String,
    },
    /// The note (`chars` long) was cut to the `max` the book keeps.
    NoteCut {
        chars: usize,
        max: usize,
    },
    Undecodable {
        another_encoding: bool,
    },
    /// A repeated header, a totals row or a note under a hand-kept table: skipped.
    NotAContact(super::sheet_rows::NotAContact),
    Skipped {
        of: Match,
        by: MatchKey,
    },
    Merged {
        into: Match,
        by: MatchKey,
        conflicts: Vec<Conflict>,
    },
    /// `--on-duplicate new`: added although it matches.
    AddedAnyway {
        of: Match,
        by: MatchKey,
    },
    /// Same name and company as another record but no shared phone or WeChat ID: reported,
    /// not acted on.
    SameNameAndCompany {
        of: Match,
    },
    /// A time later than the import (a typo, or a date format read the other way round):
    /// the import's time is used instead.
    FutureTime {
        field: Field,
        value: String,
    },
    /// Same name as a record that has no phone, WeChat ID or company to tell them apart:
    /// reported, not acted on.
    SameNameNothingElse {
        of: Match,
    },
    /// The phone matches one record and the WeChat ID another; the phone's match was used.
    SplitMatch {
        phone: Match,
        wechat: Match,
    },
    /// The book refuses a value the file gave (the reason, in the user's words).
    Refused {
        reason: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Rejected,
    Skipped,
    Merged,
    Warning,
}

impl IssueKind {
    pub fn severity(&self) -> Severity {
        match self {
            IssueKind::NoName
            | IssueKind::NameTooLong { .. }
            | IssueKind::UnterminatedQuote { .. }
            | IssueKind::UnterminatedCard
            | IssueKind::Undecodable { .. }
            | IssueKind::Refused { .. } => Severity::Rejected,
            IssueKind::Skipped { .. } | IssueKind::NotAContact(_) => Severity::Skipped,
            IssueKind::Merged { .. } => Severity::Merged,
            _ => Severity::Warning,
        }
    }
}

/// One line of the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    /// The physical line where the record starts (1-based; multi-line cells counted).
    pub line: usize,
    pub kind: IssueKind,
    /// The record as written in the file.
    pub raw: String,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Records read (header, title and blank lines not counted).
    pub read: usize,
    pub added: usize,
    pub merged: usize,
    pub skipped: usize,
    pub rejected: usize,
    /// Blank rows passed over.
    pub blank: usize,
    /// Rows with at least one warning.
    pub warned: usize,
    /// Of the added, those taken as existing relationships (no first reply owed).
    pub known: usize,
    /// Of those, the ones without a grade: no rhythm until they are graded.
    pub known_ungraded: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ImportReport {
    pub meta: FileMeta,
    /// Whether each added record was decided an existing relationship or a new lead:
    /// `Some(true)` row by row, `Some(false)` by the user for the whole file.
    pub contacted_by_rows: Option<bool>,
    /// By line, in the order they were found within a line.
    pub issues: Vec<Issue>,
    pub counts: Counts,
    /// Tags of the file that neither the template nor the book had: they join the book's
    /// own taxonomy (filled in by the core, which knows both).
    pub new_tags: Vec<crate::domain::TagRef>,
}
