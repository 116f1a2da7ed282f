//! One record's cells (a CSV row, or a vCard's properties) → a validated contact.
//!
//! Per field, what a bad value does:
//! - **name**: the best-ranked name column with a value (姓名 before 备注名 before 客户名称
//!   before 昵称); the other name columns go into the note when they differ. With no name,
//!   the honorific, else the WeChat ID, else the phone names the contact (a warning: a rep
//!   who exported only IDs still gets every contact in). Nothing at all, or a name over 100
//!   characters (a shifted column, most likely): the row is **rejected**.
//! - **everything else**: a value that does not read (phone, e-mail, grade, stage, outcome,
//!   times, dates, yes/no, tags, purchases) is a **warning**; the contact is imported and the
//!   raw value is kept in its note as `列名：值`, so nothing the file said is lost.
//! - **purchases** of another tool's file read as [`super::purchase_cells`] says; one
//!   without a time is dated when the contact was added.
//! - **timeline**: each line of the cell is one entry; a line that does not read is left
//!   out with a warning naming its line in the cell, and kept in the note the same way.
//! - Columns salesbook does not know go into the note the same way; extra phones and
//!   e-mails go into the note under their own label.

use super::cell_text::{
    annotated_number, crm_outcome, hidden_controls, looks_like_a_mistyped_mobile, no_date,
    shows_something, spreadsheet_text,
};
use super::cells::{decode_purchases, decode_tags, decode_timeline};
use super::headers::ColumnTarget;
use super::model::{Field, ImportedContact, PurchaseRecord};
use super::plan_cells::{decode_appointments, decode_followups};
use super::purchase_cells::{LoosePurchase, read_purchases};
use super::report::IssueKind;
use super::values::{
    TagReading, is_email, parse_date, parse_time, parse_yes_no, read_tag, split_phones, split_tags,
};
use super::{ImportOptions, fill};
use crate::domain::contact::{clean, normalize_phone, normalize_wechat, validate_name};
use crate::domain::error::FieldError;

/// One cell of a record.
#[derive(Debug, Clone)]
pub struct Cell<'a> {
    pub label: &'a str,
    pub target: ColumnTarget,
    pub rank: u8,
    pub value: &'a str,
}

/// The contact (or why the record is rejected), and the warnings on the way.
pub type Assembled = (Result<ImportedContact, IssueKind>, Vec<IssueKind>);

struct Builder<'o> {
    c: ImportedContact,
    notes: Option<String>,
    /// Lines for the note, by the column they came from.
    note_lines: Vec<(usize, String)>,
    /// The column being read.
    at: usize,
    other_phones: Vec<String>,
    /// Purchases the file gives no time for, with the column they came from.
    undated: Vec<(usize, String, LoosePurchase)>,
    warnings: Vec<IssueKind>,
    opts: &'o ImportOptions,
}

impl Builder<'_> {
    fn note(&mut self, label: &str, value: &str) {
        let sep = self.opts.strings.colon;
        self.note_lines
            .push((self.at, format!("{label}{sep}{value}")));
    }

    fn bad(&mut self, field: Field, label: &str, value: &str) {
        self.warnings.push(IssueKind::BadValue {
            field,
            value: value.to_string(),
        });
        self.note(label, value);
    }
}

/// Builds the contact from the record's cells. `exact`: the file is salesbook's own export,
/// whose tag and purchase lists are read back exactly instead of guessed at.
pub fn assemble(cells: &[Cell<'_>], opts: &ImportOptions, exact: bool) -> Assembled {
    let mut b = Builder {
        c: ImportedContact::default(),
        notes: None,
        note_lines: Vec::new(),
        at: 0,
        other_phones: Vec::new(),
        undated: Vec::new(),
        warnings: Vec::new(),
        opts,
    };
    let dropped: usize = cells
        .iter()
        .filter(|c| c.target != ColumnTarget::Ignore)
        .map(|c| hidden_controls(c.value))
        .sum();
    if dropped > 0 {
        b.warnings
            .push(IssueKind::ControlsDropped { count: dropped });
    }
    // Best rank first; among equals, column order.
    let mut order: Vec<usize> = (0..cells.len()).collect();
    order.sort_by_key(|&i| (cells[i].rank, i));
    let mut names: Vec<(usize, &Cell)> = Vec::new();
    let mut parts = NameParts::default();
    let mut seen = [false; Field::ALL.len()];
    for &i in &order {
        let cell = &cells[i];
        let ColumnTarget::Field(field) = cell.target else {
            continue;
        };
        // Salesbook's own timeline is read as written: a text may end in a space.
        let value = if exact
            && matches!(
                field,
                Field::Timeline | Field::Followups | Field::Appointments
            ) {
            (!cell.value.trim().is_empty()).then(|| cell.value.to_string())
        } else {
            cleaned(cell.value, exact)
        };
        let Some(value) = value else {
            continue;
        };
        b.at = i;
        let first = !std::mem::replace(&mut seen[field as usize], true);
        if field == Field::Name {
            names.push((i, cell));
        } else if let Some(part) = parts.of(field) {
            part.push((i, cell));
        } else {
            field_value(&mut b, field, cell.label, value, first, exact);
        }
    }
    // Unknown columns, in column order.
    for (i, cell) in cells.iter().enumerate() {
        if cell.target == ColumnTarget::Note
            && let Some(v) = cleaned(cell.value, exact)
            && !super::header_words::is_default_value(cell.label, &v)
        {
            b.at = i;
            // A number a spreadsheet kept as text (="3456…", '0755…) is the number.
            let v = if exact { &v } else { spreadsheet_text(&v) };
            b.note(cell.label, v);
        }
    }
    let name = choose_name(&mut b, &names, &parts, exact);
    finish(b, name)
}

/// One known field's value (trimmed, not empty); `first`: no earlier column gave this field.
fn field_value(
    b: &mut Builder,
    field: Field,
    label: &str,
    value: String,
    first: bool,
    exact: bool,
) {
    let c = &mut b.c;
    let v = value.as_str();
    match field {
        // Put together by `choose_name`.
        Field::Name | Field::FamilyName | Field::GivenName | Field::MiddleName => {}
        // salesbook's own export is read back exactly: no spreadsheet markers to undo.
        Field::Phone if exact => phones(b, label, v, exact),
        Field::Phone => phones(b, label, spreadsheet_text(v), exact),
        // Google Contacts puts two addresses of one label in a cell as `a ::: b`.
        Field::Email => {
            for e in v.split(":::").map(str::trim).filter(|e| !e.is_empty()) {
                if !is_email(e) {
                    b.bad(field, label, e);
                } else if b.c.email.is_none() {
                    b.c.email = Some(e.to_string());
                } else {
                    let other = b.opts.strings.note_other_emails;
                    b.note(other, e);
                }
            }
        }
        Field::Tags => tags(b, label, v, exact),
        Field::Notes if first => b.notes = Some(value),
        Field::Purchases if exact => match decode_purchases(v, b.opts.zone) {
            Ok(p) if first => c.purchases = p,
            Ok(_) => b.note(label, v),
            Err(_) => b.bad(field, label, v),
        },
        Field::Purchases => loose_purchases(b, label, v),
        Field::Timeline if first => {
            let (entries, bad) = decode_timeline(v, b.opts.zone);
            b.c.timeline = entries;
            for (line, value) in bad {
                b.note(label, &value);
                b.warnings.push(IssueKind::BadTimelineEntry { line, value });
            }
        }
        Field::Followups if exact && first => match decode_followups(v, b.opts.zone) {
            Ok(f) => c.followups = f,
            Err(line) => b.bad(field, label, &line),
        },
        Field::Appointments if exact && first => match decode_appointments(v, b.opts.zone) {
            Ok(a) => c.appointments = a,
            Err(line) => b.bad(field, label, &line),
        },
        _ if !first => b.note(label, v),
        Field::Honorific => c.honorific = Some(value),
        Field::Wechat if exact => c.wechat = Some(value),
        // As the book will keep it (full-width folded), so duplicates in the file match;
        // a value the book refuses is kept for it to say why.
        Field::Wechat => {
            let typed = spreadsheet_text(&value);
            c.wechat = Some(match normalize_wechat(typed) {
                Ok(Some(w)) => w,
                _ => typed.to_string(),
            });
        }
        Field::Company => c.company = Some(value),
        Field::Source => c.source = Some(value),
        Field::Need => c.need = Some(value),
        Field::Budget => c.budget = Some(value),
        Field::LostReason => c.lost_reason = Some(value),
        Field::Tier => c.tier = Some(value),
        Field::Owner => c.owner = Some(value),
        Field::Grade => match v.parse() {
            Ok(g) => c.grade = Some(g),
            Err(_) if super::header_words::is_loose_grade(label) => b.note(label, v),
            Err(_) => b.bad(field, label, v),
        },
        // CRMs keep the result in the stage column (`Closed Won`): it is the outcome.
        Field::Stage => match (v.parse(), crm_outcome(v)) {
            (Ok(s), _) => c.stage = Some(s),
            (Err(_), Some(o)) => {
                c.outcome.get_or_insert(o);
            }
            (Err(_), None) => b.bad(field, label, v),
        },
        Field::Outcome => match v.parse().ok().or_else(|| crm_outcome(v)) {
            Some(o) => c.outcome = Some(o),
            None => b.bad(field, label, v),
        },
        // Outlook writes `0/0/00` for a date it does not have: nothing, not a bad value.
        Field::Birthday | Field::Anniversary if no_date(v) => {}
        // No one alive was born before 1900 (a phone's placeholder year, 1604, is not a
        // birth year): such a date goes into the note.
        Field::Birthday => match parse_date(v) {
            Some(d) if chrono::Datelike::year(&d) >= 1900 => c.birthday = Some(d),
            _ => b.bad(field, label, v),
        },
        Field::Anniversary => match parse_date(v) {
            Some(d) => c.anniversary = Some(d),
            None => b.bad(field, label, v),
        },
        Field::CreatedAt => match parse_time(v, b.opts.zone) {
            Some(t) => c.created_at = Some(t),
            None => b.bad(field, label, v),
        },
        Field::UpdatedAt => match parse_time(v, b.opts.zone) {
            Some(t) => c.updated_at = Some(t),
            None => b.bad(field, label, v),
        },
        Field::LastTouchAt => match parse_time(v, b.opts.zone) {
            Some(t) => c.last_touch_at = Some(t),
            None => b.bad(field, label, v),
        },
        Field::Archived => match parse_yes_no(v) {
            Some(a) => c.archived = Some(a),
            None => b.bad(field, label, v),
        },
        // Only salesbook's own export has a timeline and plan it can read back.
        Field::Notes | Field::Timeline | Field::Followups | Field::Appointments => b.note(label, v),
    }
}

/// Another tool's purchase cell: each line that reads is a purchase; one that does not
/// is kept in the note with a warning, never a purchase without its amount.
fn loose_purchases(b: &mut Builder, label: &str, value: &str) {
    for line in read_purchases(value, b.opts.zone) {
        match line {
            Ok(LoosePurchase {
                at: Some(at),
                amount_cents,
                product,
            }) => b.c.purchases.push(PurchaseRecord {
                at,
                amount_cents: Some(amount_cents),
                product,
            }),
            Ok(p) => b.undated.push((b.at, label.to_string(), p)),
            Err(raw) => b.bad(Field::Purchases, label, &raw),
        }
    }
}

/// A purchase the file gives no time for was made by the time the rep added the contact
/// (as early as the file's times go, else the import, when the book adds it). So it counts
/// in the period the contact arrived, never in the month of the import for an old list.
fn date_undated_purchases(b: &mut Builder) {
    let now = b.opts.arrival.as_ref().map(|a| a.now);
    let added = (b.c.created_at.into_iter())
        .chain(b.c.last_touch_at)
        .chain(b.c.timeline.iter().map(|e| e.at))
        .min();
    let when = match (added, now) {
        (Some(t), Some(n)) => Some(t.min(n)),
        (t, n) => t.or(n),
    };
    for (at, label, p) in std::mem::take(&mut b.undated) {
        match when {
            Some(t) => b.c.purchases.push(PurchaseRecord {
                at: t,
                amount_cents: Some(p.amount_cents),
                product: p.product,
            }),
            // No clock (a library caller without an arrival): kept in the note.
            None => {
                let text = format!(
                    "￥{} {}",
                    crate::domain::money::format_amount(p.amount_cents),
                    p.product.unwrap_or_default()
                );
                b.at = at;
                b.bad(Field::Purchases, &label, text.trim());
            }
        }
    }
}

/// The first phone that reads becomes the phone; others are listed in the note.
fn phones(b: &mut Builder, label: &str, value: &str, exact: bool) {
    for part in split_phones(value) {
        // Most files hold plain digits, which normalising would leave as they are.
        let plain = (3..=20).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit());
        let normalized = if plain {
            Ok(Some(part.to_string()))
        } else {
            normalize_phone(part)
        };
        // The book's own export holds what the book took already.
        if let Ok(Some(p)) = &normalized
            && !exact
            && looks_like_a_mistyped_mobile(p)
        {
            b.warnings
                .push(IssueKind::MobileLength { value: p.clone() });
        }
        match normalized {
            Ok(Some(p)) if b.c.phone.is_none() => b.c.phone = Some(p),
            Ok(Some(p)) => {
                if b.c.phone.as_deref() != Some(&p) && !b.other_phones.contains(&p) {
                    b.other_phones.push(p);
                }
            }
            Ok(None) => {}
            Err(FieldError::PhoneExtension { number, extension }) => {
                // The number is still the contact's; the extension is kept in the note.
                match normalize_phone(&number) {
                    Ok(Some(p)) if b.c.phone.is_none() => b.c.phone = Some(p),
                    Ok(Some(p)) if b.c.phone.as_deref() != Some(&p) => b.other_phones.push(p),
                    _ => {}
                }
                b.warnings.push(IssueKind::PhoneExtension {
                    value: part.to_string(),
                    number,
                    extension,
                });
                b.note(label, part);
            }
            Err(_) => {
                match annotated_number(part).map(|(n, remark)| (normalize_phone(n), remark)) {
                    // `13800138011（微信同号）`, `手机：138…`: the number, and a remark kept in
                    // the note with the cell as written.
                    Some((Ok(Some(p)), remark)) => {
                        if b.c.phone.is_none() {
                            b.c.phone = Some(p);
                        } else if b.c.phone.as_deref() != Some(&p) && !b.other_phones.contains(&p) {
                            b.other_phones.push(p);
                        }
                        if remark {
                            b.note(label, part);
                        }
                    }
                    _ => b.bad(Field::Phone, label, part),
                }
            }
        }
    }
}

fn tags(b: &mut Builder, label: &str, value: &str, exact: bool) {
    if exact {
        match decode_tags(value) {
            Ok(tags) => b.c.tags.extend(tags),
            Err(_) => b.bad(Field::Tags, label, value),
        }
        return;
    }
    for token in split_tags(value) {
        let warning = match read_tag(token, &b.opts.taxonomy) {
            TagReading::Tag(t) => {
                if !b.c.tags.contains(&t) {
                    b.c.tags.push(t);
                }
                continue;
            }
            TagReading::Unknown => IssueKind::UnknownTag { tag: token.into() },
            TagReading::Ambiguous(groups) => IssueKind::AmbiguousTag {
                tag: token.into(),
                groups,
            },
            TagReading::Malformed => IssueKind::MalformedTag { tag: token.into() },
        };
        b.warnings.push(warning);
        b.note(label, token);
    }
}

/// The columns of a name in parts, each in rank and column order.
#[derive(Default)]
struct NameParts<'c, 'a> {
    family: Vec<(usize, &'c Cell<'a>)>,
    given: Vec<(usize, &'c Cell<'a>)>,
    middle: Vec<(usize, &'c Cell<'a>)>,
}

impl<'c, 'a> NameParts<'c, 'a> {
    fn of(&mut self, field: Field) -> Option<&mut Vec<(usize, &'c Cell<'a>)>> {
        match field {
            Field::FamilyName => Some(&mut self.family),
            Field::GivenName => Some(&mut self.given),
            Field::MiddleName => Some(&mut self.middle),
            _ => None,
        }
    }

    /// The name the first column of each part makes, in the language's order (张 + 伟 →
    /// 张伟; Smith + John + Q → John Q Smith), and the leftmost column it came from.
    fn compose(&self, exact: bool) -> Option<(usize, String)> {
        fn first(p: &[(usize, &Cell)], exact: bool) -> Option<(usize, String)> {
            p.first()
                .and_then(|(i, c)| Some((*i, cleaned(c.value, exact)?)))
        }
        fn text(p: &Option<(usize, String)>) -> &str {
            p.as_ref().map_or("", |(_, v)| v.as_str())
        }
        let family = first(&self.family, exact);
        let given = first(&self.given, exact);
        let middle = first(&self.middle, exact);
        let column = [&family, &given, &middle]
            .into_iter()
            .filter_map(|p| p.as_ref().map(|(i, _)| *i))
            .min()?;
        let given = format!("{} {}", text(&given), text(&middle));
        let name = super::names::join_name(text(&family), &given);
        (!name.is_empty()).then_some((column, name))
    }

    /// Whether column `i` is the one a part's value was taken from.
    fn is_first(&self, i: usize) -> bool {
        [&self.family, &self.given, &self.middle]
            .into_iter()
            .any(|p| p.first().is_some_and(|(j, _)| *j == i))
    }

    /// Every part's columns, as (column, cell).
    fn all(&self) -> impl Iterator<Item = &(usize, &'c Cell<'a>)> {
        self.family.iter().chain(&self.given).chain(&self.middle)
    }
}

/// The best-ranked name: a whole-name column, or the name its parts make (ranked as 姓名,
/// then by column order); the other name columns go into the note when they differ.
fn choose_name(
    b: &mut Builder,
    names: &[(usize, &Cell)],
    parts: &NameParts,
    exact: bool,
) -> Option<String> {
    let whole = names
        .first()
        .and_then(|(i, c)| Some((c.rank, *i, cleaned(c.value, exact)?)));
    let composed = parts.compose(exact);
    let (chosen, other_wholes, parts_used) = match (whole, composed) {
        (Some((rank, i, _)), Some((j, name))) if (0, j) < (rank, i) => (name, names, true),
        (None, Some((_, name))) => (name, names, true),
        (Some((_, _, name)), composed) => {
            let agree = composed.is_some_and(|(_, c)| c == name);
            (name, &names[1..], agree)
        }
        (None, None) => return None,
    };
    for (i, other) in other_wholes {
        if let Some(v) = cleaned(other.value, exact)
            && v != chosen
        {
            b.at = *i;
            b.note(other.label, &v);
        }
    }
    // A part the name does not show is kept as written: every part when a whole-name
    // column says otherwise, and a second column of the same part.
    for (i, cell) in parts.all() {
        if parts_used && parts.is_first(*i) {
            continue;
        }
        if let Some(v) = cleaned(cell.value, exact) {
            b.at = *i;
            b.note(cell.label, &v);
        }
    }
    Some(chosen)
}

fn finish(mut b: Builder, name: Option<String>) -> Assembled {
    date_undated_purchases(&mut b);
    // Without a name: how the rep addresses them, else (when there is a way to reach
    // them) the company, as address books show a company's own entry, the WeChat ID, the
    // phone number.
    let fallback = || {
        let c = &b.c;
        let reachable = c.wechat.is_some() || c.phone.is_some();
        c.honorific
            .clone()
            .map(|h| (Field::Honorific, h))
            .or_else(|| {
                c.company
                    .clone()
                    .filter(|_| reachable)
                    .map(|co| (Field::Company, co))
            })
            .or_else(|| c.wechat.clone().map(|w| (Field::Wechat, w)))
            .or_else(|| c.phone.clone().map(|p| (Field::Phone, p)))
    };
    let name = match name {
        Some(n) => n,
        None => match fallback() {
            Some((field, n)) => {
                b.warnings.push(IssueKind::NamedAfter {
                    field,
                    value: n.clone(),
                });
                n
            }
            None => return (Err(IssueKind::NoName), b.warnings),
        },
    };
    match validate_name(&name) {
        Ok(n) => b.c.name = n,
        Err(FieldError::TooLong { chars, .. }) => {
            return (Err(IssueKind::NameTooLong { chars }), b.warnings);
        }
        Err(_) => return (Err(IssueKind::NoName), b.warnings),
    }
    if !b.other_phones.is_empty() {
        let line = b.other_phones.join(", ");
        let label = b.opts.strings.note_other_phones;
        b.at = usize::MAX;
        b.note(label, &line);
    }
    b.note_lines.sort_by_key(|(at, _)| *at);
    let mut notes: Vec<String> = b.notes.into_iter().collect();
    notes.extend(b.note_lines.into_iter().map(|(_, line)| line));
    b.c.notes = (!notes.is_empty()).then(|| notes.join("\n"));
    // A note past what the book keeps (a chat history pasted in) is cut, said, rather than
    // the whole contact refused for it.
    let max = crate::domain::contact::MAX_TEXT_CHARS;
    if let Some(n) = &mut b.c.notes
        && let chars = n.chars().count()
        && chars > max
    {
        *n = n.chars().take(max - 1).chain(['…']).collect();
        b.warnings.push(IssueKind::NoteCut { chars, max });
    }
    if b.c.source.is_none() {
        b.c.source.clone_from(&b.opts.source);
    }
    for t in &b.opts.tags {
        if !b.c.tags.contains(t) {
            b.c.tags.push(t.clone());
        }
    }
    (Ok(b.c), b.warnings)
}

/// A cell's value trimmed, `None` when empty or when it shows nothing (NULs, escapes or
/// zero-width spaces alone). Other tools' line breaks inside a cell (CRLF from Windows)
/// become `\n`; salesbook's own export is read exactly.
fn cleaned(value: &str, exact: bool) -> Option<String> {
    if !exact && value.contains('\r') {
        clean(&value.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        clean(value)
    }
    .filter(|t| shows_something(t))
}

/// `第N列` for a column without a header.
pub fn column_label(opts: &ImportOptions, index: usize) -> String {
    fill(opts.strings.note_column_n, &[&(index + 1).to_string()])
}
