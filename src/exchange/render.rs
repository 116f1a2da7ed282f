//! The import report as text, in the user's language (strings in `src/i18n/exchange.rs`).

use super::decode::Format;
use super::headers::ColumnTarget;
use super::model::Field;
use super::report::{Conflict, ImportReport, IssueKind, Match, MatchKey, Severity};
use super::sheet_rows::NotAContact;
use super::{ImportError, NotText, fill};
use crate::i18n::exchange::ExchangeStrings;

/// The longest raw text shown for a row, in characters.
const RAW_SHOWN: usize = 200;

/// The whole report: how the file was read, each row with a problem (line, what, raw
/// text), the counts.
pub fn render_report(r: &ImportReport, s: &ExchangeStrings, dry_run: bool) -> String {
    let mut out = String::from(s.title);
    if dry_run {
        out.push_str(" · ");
        out.push_str(s.dry_run);
    }
    out.push('\n');
    out.push_str(&how_read(r, s));
    out.push('\n');
    // A header with a line break in its cell (`手机号↵（必填）`) is shown on one line.
    let to_note: Vec<String> = r
        .meta
        .columns
        .iter()
        .filter(|(_, t)| *t == ColumnTarget::Note)
        .map(|(l, _)| shown_raw(l))
        .collect();
    if !r.meta.own_export && r.meta.format == Format::Csv {
        let cols: Vec<String> = r
            .meta
            .columns
            .iter()
            .map(|(label, t)| format!("{} → {}", shown_raw(label), target_name(*t, s)))
            .collect();
        out.push_str(&format!("{}{}{}\n", s.columns, s.colon, cols.join(" · ")));
    }
    if !to_note.is_empty() {
        out.push_str(&fill(s.unknown_columns, &[&to_note.join(s.list_sep)]));
        out.push('\n');
    }
    let mut i = 0;
    while i < r.issues.len() {
        let line = r.issues[i].line;
        out.push('\n');
        out.push_str(&fill(s.line, &[&line.to_string()]));
        out.push('\n');
        // Issues found after reading (the book's refusals, times in the future) carry no
        // raw text: the row's is any of its issues' that has one.
        let mut raw = "";
        while i < r.issues.len() && r.issues[i].line == line {
            let issue = &r.issues[i];
            if raw.is_empty() {
                raw = &issue.raw;
            }
            let label = severity_name(issue.kind.severity(), s);
            out.push_str(&format!(
                "  {label}{}{}\n",
                s.colon,
                describe(&issue.kind, s)
            ));
            i += 1;
        }
        if !raw.is_empty() {
            out.push_str(&format!("  {}{}{}\n", s.raw, s.colon, shown_raw(raw)));
        }
    }
    out.push('\n');
    out.push_str(&summary(r, s));
    out.push('\n');
    if !r.new_tags.is_empty() {
        let tags: Vec<String> = r.new_tags.iter().map(|t| t.to_string()).collect();
        let line = if dry_run { s.new_tags_dry } else { s.new_tags };
        out.push_str(&fill(
            line,
            &[&tags.len().to_string(), &tags.join(s.list_sep)],
        ));
        out.push('\n');
    }
    out
}

fn how_read(r: &ImportReport, s: &ExchangeStrings) -> String {
    let m = &r.meta;
    let mut parts = vec![
        format!("{} {}", s.format, m.format.label()),
        if m.bom {
            format!("{} {} {}", s.encoding, m.encoding.label(), s.with_bom)
        } else {
            format!("{} {}", s.encoding, m.encoding.label())
        },
    ];
    if let Some(d) = m.delimiter {
        let name = match d {
            '\t' => s.tab,
            ';' => s.semicolon,
            _ => s.comma,
        };
        parts.push(format!("{} {name}", s.delimiter));
    }
    if let Some(h) = m.header_line.filter(|&h| h > 1) {
        parts.push(fill(s.header_line, &[&h.to_string()]));
    }
    if m.own_export {
        parts.push(s.own_export.to_string());
    }
    parts.join(" · ")
}

fn summary(r: &ImportReport, s: &ExchangeStrings) -> String {
    let c = &r.counts;
    let n = |v: usize| v.to_string();
    let mut out = fill(
        s.summary,
        &[
            &n(c.read),
            &n(c.added),
            &n(c.merged),
            &n(c.skipped),
            &n(c.rejected),
        ],
    );
    if c.warned > 0 {
        out.push_str(&fill(s.summary_warned, &[&n(c.warned)]));
    }
    if c.blank > 0 {
        out.push_str(&fill(s.summary_blank, &[&n(c.blank)]));
    }
    // The book's own CSV carries its timeline: nothing there is decided afresh.
    if let Some(by_rows) = r
        .contacted_by_rows
        .filter(|_| c.added > 0 && !r.meta.brings_its_past())
    {
        let new = c.added.saturating_sub(c.known);
        out.push('\n');
        out.push_str(&match (c.known, new) {
            (1, 0) => s.contacted_one_known.to_string(),
            (0, 1) => s.contacted_one_new.to_string(),
            (_, 0) => fill(s.contacted_all_known, &[&n(c.added)]),
            (0, _) => fill(s.contacted_all_new, &[&n(c.added)]),
            _ => fill(s.contacted_mixed, &[&n(c.known), &n(new)]),
        });
        if by_rows {
            out.push_str(s.contacted_hint);
        }
        if c.known_ungraded > 0 {
            out.push('\n');
            out.push_str(&fill(s.known_ungraded, &[&n(c.known_ungraded)]));
        }
    }
    out
}

fn target_name(t: ColumnTarget, s: &ExchangeStrings) -> &'static str {
    match t {
        ColumnTarget::Field(f) => field_name(f, s),
        ColumnTarget::Note => s.to_note,
        ColumnTarget::Ignore => s.to_nothing,
    }
}

fn field_name(f: Field, s: &ExchangeStrings) -> &'static str {
    s.fields[f as usize]
}

fn severity_name(sev: Severity, s: &ExchangeStrings) -> &'static str {
    match sev {
        Severity::Rejected => s.rejected,
        Severity::Skipped => s.skipped,
        Severity::Merged => s.merged,
        Severity::Warning => s.warning,
    }
}

/// One line, without a line break inside and not too long to read; a line break is shown
/// as ↵ and a tab as ⇥.
fn shown_raw(raw: &str) -> String {
    let one_line: String = raw
        .chars()
        .filter(|&c| c != '\r')
        .map(|c| match c {
            '\n' => '↵',
            // A tab-separated file's cells (the sanitiser would show `\u{9}`).
            '\t' => '⇥',
            c => c,
        })
        .collect();
    if one_line.chars().count() > RAW_SHOWN {
        let cut: String = one_line.chars().take(RAW_SHOWN).collect();
        format!("{cut}…")
    } else {
        one_line
    }
}

fn match_name(m: Match, s: &ExchangeStrings) -> String {
    match m {
        Match::Book(id) => fill(s.match_book, &[&id.to_string()]),
        Match::Row { line } => fill(s.match_row, &[&line.to_string()]),
    }
}

fn key_name(k: &MatchKey, s: &ExchangeStrings) -> String {
    match k {
        MatchKey::Phone(p) => fill(s.key_phone, &[p]),
        MatchKey::Wechat(w) => fill(s.key_wechat, &[w]),
        MatchKey::Name(n) => fill(s.key_name, &[n]),
    }
}

/// `1.38001E+10`: a number a spreadsheet shows in scientific notation, its digits lost.
fn scientific(value: &str) -> bool {
    let v = value.trim();
    let Some((mantissa, exponent)) = v.split_once(['E', 'e']) else {
        return false;
    };
    let exponent = exponent.strip_prefix('+').unwrap_or(exponent);
    !exponent.is_empty()
        && exponent.bytes().all(|b| b.is_ascii_digit())
        && mantissa.bytes().filter(|b| *b == b'.').count() <= 1
        && mantissa.bytes().any(|b| b.is_ascii_digit())
        && mantissa.bytes().all(|b| b.is_ascii_digit() || b == b'.')
}

/// `3/5/2024`: both first numbers could be the month, so the date is not guessed.
fn day_or_month_first(value: &str) -> bool {
    let date = value.split_whitespace().next().unwrap_or("");
    let parts: Vec<&str> = date.split(['/', '.', '-']).collect();
    let small = |p: &str| p.parse::<u32>().is_ok_and(|n| (1..=12).contains(&n));
    matches!(parts[..], [a, b, y] if small(a) && small(b)
        && (y.len() == 2 || y.len() == 4) && y.bytes().all(|c| c.is_ascii_digit()))
}

fn hint(field: Field, s: &ExchangeStrings) -> Option<&'static str> {
    Some(match field {
        Field::Phone => s.hint_phone,
        Field::Grade => s.hint_grade,
        Field::Stage => s.hint_stage,
        Field::Outcome => s.hint_outcome,
        Field::CreatedAt | Field::UpdatedAt | Field::LastTouchAt => s.hint_time,
        Field::Birthday | Field::Anniversary => s.hint_date,
        Field::Archived => s.hint_yes_no,
        Field::Purchases => s.hint_purchase,
        _ => return None,
    })
}

fn conflicts_text(conflicts: &[Conflict], s: &ExchangeStrings) -> String {
    if conflicts.is_empty() {
        return String::new();
    }
    let items: Vec<String> = conflicts
        .iter()
        .map(|c| fill(s.conflict, &[field_name(c.field, s), &c.kept, &c.incoming]))
        .collect();
    format!("{}{}", s.conflicts_kept, items.join(s.list_sep))
}

/// The reason for one issue.
pub fn describe(kind: &IssueKind, s: &ExchangeStrings) -> String {
    match kind {
        IssueKind::NoName => s.no_name.to_string(),
        IssueKind::NameTooLong { chars } => fill(s.name_too_long, &[&chars.to_string()]),
        IssueKind::UnterminatedQuote { last_line } => {
            fill(s.unterminated_quote, &[&last_line.to_string()])
        }
        IssueKind::UnterminatedCard => s.unterminated_card.to_string(),
        IssueKind::BadValue { field, value } => {
            let mut text = fill(s.bad_value, &[field_name(*field, s), value]);
            let dated = matches!(
                field,
                Field::CreatedAt
                    | Field::UpdatedAt
                    | Field::LastTouchAt
                    | Field::Birthday
                    | Field::Anniversary
            );
            if *field == Field::Phone && scientific(value) {
                // Not the rep's typing: the spreadsheet made the number a float.
                text.push_str(&fill(s.hint, &[s.hint_scientific]));
            } else if dated && day_or_month_first(value) {
                text.push_str(&fill(s.hint, &[s.hint_ambiguous_date]));
            } else if let Some(h) = hint(*field, s) {
                text.push_str(&fill(s.hint, &[h]));
            }
            text
        }
        IssueKind::PhoneExtension {
            value,
            number,
            extension,
        } => fill(s.phone_extension, &[value, number, extension]),
        IssueKind::BadTimelineEntry { line, value } => {
            fill(s.bad_timeline_entry, &[&line.to_string(), value])
        }
        IssueKind::TimelineNotMerged { entries } => {
            fill(s.timeline_not_merged, &[&entries.to_string()])
        }
        IssueKind::PurchasesNotMerged { purchases } => {
            fill(s.purchases_not_merged, &[&purchases.to_string()])
        }
        IssueKind::UnknownTag { tag } => fill(s.unknown_tag, &[tag]),
        IssueKind::AmbiguousTag { tag, groups } => {
            fill(s.ambiguous_tag, &[tag, &groups.join(s.list_sep)])
        }
        IssueKind::MalformedTag { tag } => fill(s.malformed_tag, &[tag]),
        IssueKind::NamedAfter { field, value } => {
            fill(s.named_after, &[field_name(*field, s), value])
        }
        IssueKind::ExtraCells { count } => fill(s.extra_cells, &[&count.to_string()]),
        IssueKind::ReadAsGbk => s.read_as_gbk.to_string(),
        IssueKind::ControlsDropped { count } => fill(s.controls_dropped, &[&count.to_string()]),
        IssueKind::MobileLength { value } => {
            fill(s.mobile_length, &[value, &value.len().to_string()])
        }
        IssueKind::NoteCut { chars, max } => {
            fill(s.note_cut, &[&chars.to_string(), &max.to_string()])
        }
        IssueKind::Undecodable {
            another_encoding: true,
        } => s.undecodable.to_string(),
        IssueKind::Undecodable {
            another_encoding: false,
        } => s.undecodable_here.to_string(),
        IssueKind::NotAContact(why) => match why {
            NotAContact::RepeatedHeader => s.not_contact_header,
            NotAContact::Totals => s.not_contact_totals,
            NotAContact::Footer => s.not_contact_footer,
        }
        .to_string(),
        IssueKind::Skipped { of, by } => {
            fill(s.dup_skipped, &[&match_name(*of, s), &key_name(by, s)])
        }
        IssueKind::Merged {
            into,
            by,
            conflicts,
        } => {
            let mut text = fill(s.dup_merged, &[&match_name(*into, s), &key_name(by, s)]);
            text.push_str(&conflicts_text(conflicts, s));
            text
        }
        IssueKind::AddedAnyway { of, by } => {
            fill(s.dup_added, &[&match_name(*of, s), &key_name(by, s)])
        }
        IssueKind::SameNameAndCompany { of } => fill(s.same_name_company, &[&match_name(*of, s)]),
        IssueKind::FutureTime { field, value } => {
            fill(s.future_time, &[field_name(*field, s), value])
        }
        IssueKind::SameNameNothingElse { of } => fill(s.same_name_only, &[&match_name(*of, s)]),
        IssueKind::SplitMatch { phone, wechat } => fill(
            s.split_match,
            &[&match_name(*phone, s), &match_name(*wechat, s)],
        ),
        IssueKind::Refused { reason } => reason.clone(),
    }
}

/// A file that cannot be imported at all, in words.
pub fn render_error(e: &ImportError, s: &ExchangeStrings) -> String {
    match e {
        ImportError::Empty => s.err_empty.to_string(),
        ImportError::NoColumns { headers } => fill(s.err_no_columns, &[&headers.join(s.list_sep)]),
        ImportError::NoCards => s.err_no_cards.to_string(),
        ImportError::BadMapping(m) => fill(s.err_map, &[&m.column, &m.columns.join(s.list_sep)]),
        ImportError::WrongEncoding(enc, None) => fill(s.err_encoding, &[enc.label()]),
        ImportError::WrongEncoding(enc, Some(likely)) => fill(
            s.err_encoding_likely,
            &[enc.label(), likely.label(), &likely.label().to_lowercase()],
        ),
        ImportError::Spreadsheet(kind) => fill(s.err_spreadsheet, &[kind.label()]),
        ImportError::NotText(NotText::Picture(format)) => fill(s.err_picture, &[format]),
        ImportError::NotText(NotText::Pdf) => s.err_pdf.to_string(),
        ImportError::NotText(NotText::Binary) => s.err_binary.to_string(),
        ImportError::NotText(NotText::WebTable) => s.err_web_table.to_string(),
        ImportError::NotText(NotText::Json) => s.err_json.to_string(),
        ImportError::NotText(NotText::Database) => s.err_database.to_string(),
        ImportError::NotText(NotText::Calendar) => s.err_calendar.to_string(),
    }
}
