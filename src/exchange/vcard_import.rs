//! Reading vCards (2.1, 3.0, 4.0: what phones and address books export) into records.
//!
//! FN is the name; when it is missing, or is a Chinese name turned round by a Western tool
//! (`伟 张` with N `张;伟`), the name is built from N family-first. TEL (several), EMAIL,
//! ORG, NOTE, CATEGORIES, BDAY, ANNIVERSARY (and Apple's date labelled one), NICKNAME (the
//! honorific) and a WeChat ID (`X-WECHAT`, `X-WECHAT-ID`, IMPP `weixin:`, or an iPhone's
//! IMPP with `X-SERVICE-TYPE=WeChat`) become fields; ADR, TITLE, a department, URL and
//! other messengers' IMPP (QQ…) go into the note.

use super::decode::{Decoded, Format};
use super::headers::ColumnTarget;
use super::model::Field;
use super::names::{is_cjk, join_name};
use super::report::{Counts, FileMeta, IssueKind};
use super::row::{Cell, assemble};
use super::vcard_lines::{Card, Property, cards, split_value, unescape};
use super::{ImportError, ImportOptions, ParsedFile};

/// Export programs that are salesbook: their tag lists read back exactly.
pub const OWN_PRODID: &str = "-//salesbook//export//EN";

pub fn read_vcards(decoded: &Decoded, opts: &ImportOptions) -> Result<ParsedFile, ImportError> {
    let cards = cards(&decoded.text);
    if cards.is_empty() {
        return Err(ImportError::NoCards);
    }
    let mut out = ParsedFile {
        meta: FileMeta {
            format: Format::Vcard,
            encoding: decoded.encoding,
            bom: decoded.bom,
            delimiter: None,
            header_line: None,
            columns: Vec::new(),
            own_export: false,
            address_book: true,
        },
        text: String::new(),
        records: Vec::new(),
        issues: Vec::new(),
        counts: Counts::default(),
    };
    for card in &cards {
        out.counts.read += 1;
        let own = card
            .props
            .iter()
            .any(|p| p.name == "PRODID" && p.value == OWN_PRODID);
        out.meta.own_export |= own;
        let raw = &decoded.text[card.span.clone()];
        let at = (card.line, card.span.clone(), raw);
        if !card.closed {
            out.push(at, Err(IssueKind::UnterminatedCard), Vec::new());
            continue;
        }
        if decoded.lossy && raw.contains('\u{FFFD}') {
            let another_encoding = decoded.another_reads;
            out.push(
                at,
                Err(IssueKind::Undecodable { another_encoding }),
                Vec::new(),
            );
            continue;
        }
        let values = card_cells(card, opts, own);
        let cells: Vec<Cell> = values
            .iter()
            .map(|(label, target, rank, value)| Cell {
                label,
                target: *target,
                rank: *rank,
                value,
            })
            .collect();
        let (result, warnings) = assemble(&cells, opts, own);
        out.push(at, result, warnings);
    }
    Ok(out)
}

type OwnedCell = (String, ColumnTarget, u8, String);

fn card_cells(card: &Card, opts: &ImportOptions, own: bool) -> Vec<OwnedCell> {
    let s = opts.strings;
    let label = |f: Field| s.fields[f as usize].to_string();
    let field = |f: Field, value: String| (label(f), ColumnTarget::Field(f), 0, value);
    let note = |l: &str, value: String| (l.to_string(), ColumnTarget::Note, 0, value);
    let mut out: Vec<OwnedCell> = Vec::new();
    if let Some(name) = card_name(card, own) {
        out.push(field(Field::Name, name));
    }
    for p in &card.props {
        match p.name.as_str() {
            "NICKNAME" => out.push(field(Field::Honorific, unescape(&p.value))),
            "TEL" => out.push(field(Field::Phone, tel_value(p))),
            "EMAIL" => out.push(field(Field::Email, unescape(&p.value))),
            "ORG" => {
                let mut parts = split_value(&p.value, ';').into_iter();
                out.push(field(Field::Company, parts.next().unwrap_or_default()));
                let rest: Vec<String> = parts.filter(|d| !d.trim().is_empty()).collect();
                if !rest.is_empty() {
                    out.push(note(s.note_department, rest.join(" ")));
                }
            }
            "NOTE" => out.push(field(Field::Notes, unescape(&p.value))),
            "CATEGORIES" => {
                // Google's own groups, which every card of its export carries, are no tags.
                for cat in split_value(&p.value, ',') {
                    let own = ["myContacts", "starred"]
                        .iter()
                        .any(|g| cat.trim().eq_ignore_ascii_case(g));
                    if !own {
                        out.push(field(Field::Tags, cat));
                    }
                }
            }
            "BDAY" => out.push(field(Field::Birthday, card_date(p))),
            "ANNIVERSARY" => out.push(field(Field::Anniversary, card_date(p))),
            // Apple's dates with a label: the one labelled an anniversary is one.
            "X-ABDATE" if labelled(card, p, "anniversary") => {
                out.push(field(Field::Anniversary, card_date(p)))
            }
            "X-WECHAT" | "X-WEIXIN" | "X-WECHAT-ID" => {
                out.push(field(Field::Wechat, unescape(&p.value)))
            }
            "IMPP" => {
                let v = unescape(&p.value);
                let lower = v.to_ascii_lowercase();
                // The service by its scheme (`weixin:id`), or, as an iPhone writes it, by
                // its X-SERVICE-TYPE with the ID after `x-apple:`.
                let service = p.param("X-SERVICE-TYPE").unwrap_or_default();
                let after_scheme = |v: &str| v.split_once(':').map_or(v, |(_, id)| id).to_string();
                if let Some(id) = ["weixin:", "wechat:", "wx:"]
                    .iter()
                    .find_map(|scheme| lower.starts_with(scheme).then(|| &v[scheme.len()..]))
                {
                    out.push(field(Field::Wechat, id.to_string()));
                } else if ["wechat", "weixin", "微信"]
                    .iter()
                    .any(|w| service.to_lowercase() == *w)
                {
                    out.push(field(Field::Wechat, after_scheme(&v)));
                } else if !v.trim().is_empty() {
                    // Another messenger (QQ, Skype…): kept in the note under its name.
                    let label = if service.is_empty() { "IMPP" } else { service };
                    out.push(note(label, after_scheme(&v)));
                }
            }
            "ADR" => {
                // Largest place first, as a Chinese address reads.
                let mut parts = split_value(&p.value, ';');
                parts.reverse();
                let parts: Vec<String> =
                    parts.into_iter().filter(|x| !x.trim().is_empty()).collect();
                out.push(note(s.note_address, parts.join(" ")));
            }
            "TITLE" | "ROLE" => out.push(note(s.note_job_title, unescape(&p.value))),
            "URL" => out.push(note(s.note_website, unescape(&p.value))),
            _ => {}
        }
    }
    out
}

/// A date property's date: the time part left off; a year the phone put in only because
/// the rep gave none (Apple's `X-APPLE-OMIT-YEAR=1604`) left off too, as `--MMDD`.
fn card_date(p: &Property) -> String {
    let v = unescape(&p.value);
    let date = v.split('T').next().unwrap_or("").trim().to_string();
    match p.param("X-APPLE-OMIT-YEAR") {
        Some(year) if date.starts_with(year) => {
            format!(
                "--{}",
                date[year.len()..].trim_start_matches('-').replace('-', "")
            )
        }
        _ => date,
    }
}

/// Whether the card labels `p`'s group (`item3.X-ABLabel:_$!<Anniversary>!$_`) with
/// `word`, in any case.
fn labelled(card: &Card, p: &Property, word: &str) -> bool {
    let Some(group) = &p.group else {
        return false;
    };
    card.props.iter().any(|l| {
        l.name == "X-ABLABEL"
            && l.group.as_ref() == Some(group)
            && l.value.to_ascii_lowercase().contains(word)
    })
}

/// `tel:+86-138…` (vCard 4.0) or the number as written.
fn tel_value(p: &Property) -> String {
    let v = unescape(&p.value);
    let v = v.trim();
    v.strip_prefix("tel:")
        .or_else(|| v.strip_prefix("TEL:"))
        .unwrap_or(v)
        .to_string()
}

/// FN; or N family-first when FN is missing or is N's Chinese name in Western order.
/// salesbook's own FN is the name exactly.
fn card_name(card: &Card, own: bool) -> Option<String> {
    let prop = |n: &str| card.props.iter().find(|p| p.name == n);
    let fn_name = prop("FN").map(|p| unescape(&p.value).trim().to_string());
    let fn_name = fn_name.filter(|n| !n.is_empty());
    if own {
        return fn_name;
    }
    let n_name = prop("N").and_then(|p| {
        let parts = split_value(&p.value, ';');
        let family = parts.first().map_or("", |s| s.as_str());
        let given = parts.get(1).map_or("", |s| s.as_str());
        let joined = join_name(family, given);
        (!joined.is_empty()).then(|| (joined, format!("{}{}", given.trim(), family.trim())))
    });
    match (fn_name, n_name) {
        (Some(f), Some((joined, western))) => {
            let squeezed: String = f.chars().filter(|c| !c.is_whitespace()).collect();
            let turned = squeezed == western && squeezed != joined && joined.chars().any(is_cjk);
            Some(if turned { joined } else { f })
        }
        (Some(f), None) => Some(f),
        (None, n) => n.map(|(joined, _)| joined),
    }
}
