//! The vCard 3.0 export (what phones import best), for the fields vCard carries: name (FN,
//! and N family-first), honorific (NICKNAME), phone, e-mail, company, birthday, the
//! anniversary (Apple's labelled date), tags
//! (CATEGORIES), notes, and the WeChat ID (`X-WECHAT`). UTF-8, CRLF, lines folded at 75
//! bytes. The sales side (stage, outcome, purchases, the timeline) is not carried: a phone's
//! address book has no place for it; the CSV and JSON exports have it.

use super::cells::encode_tags;
use super::model::ExportContact;
use super::names::split_name;
use super::vcard_import::OWN_PRODID;
use super::vcard_lines::{escape, fold_into};

pub fn export_vcard(contacts: &[ExportContact]) -> String {
    let mut out = String::with_capacity(contacts.len() * 256);
    for c in contacts {
        card(&mut out, c);
    }
    out
}

/// One contact's vCard written to `out` (an export written a card at a time).
pub fn write_vcard(out: &mut impl std::io::Write, c: &ExportContact) -> std::io::Result<()> {
    let mut text = String::with_capacity(512);
    card(&mut text, c);
    out.write_all(text.as_bytes())
}

fn card(out: &mut String, c: &ExportContact) {
    let mut line = |s: String| fold_into(out, &s);
    line("BEGIN:VCARD".into());
    line("VERSION:3.0".into());
    line(format!("PRODID:{OWN_PRODID}"));
    line(format!("FN:{}", escape(&c.name)));
    let (family, given) = split_name(&c.name);
    line(format!("N:{};{};;;", escape(&family), escape(&given)));
    if let Some(h) = &c.honorific {
        line(format!("NICKNAME:{}", escape(h)));
    }
    if let Some(p) = &c.phone {
        let kind = if is_mobile(p) { "CELL" } else { "VOICE" };
        line(format!("TEL;TYPE={kind}:{}", escape(p)));
    }
    if let Some(e) = &c.email {
        line(format!("EMAIL;TYPE=INTERNET:{}", escape(e)));
    }
    if let Some(w) = &c.wechat {
        line(format!("X-WECHAT:{}", escape(w)));
    }
    if let Some(o) = &c.company {
        line(format!("ORG:{}", escape(o)));
    }
    if let Some(b) = c.birthday {
        line(format!("BDAY:{}", b.format("%Y-%m-%d")));
    }
    if let Some(a) = c.anniversary {
        // vCard 3.0 has no anniversary: written as iPhones and Google Contacts write one,
        // a date labelled as such, which they and salesbook's import read back.
        line(format!("item1.X-ABDATE:{}", a.format("%Y-%m-%d")));
        line("item1.X-ABLabel:_$!<Anniversary>!$_".into());
    }
    if !c.tags.is_empty() {
        // Each tag is written as the spreadsheet writes it (a `/` in a group escaped),
        // then escaped for vCard, so the list splits back exactly.
        let cats: Vec<String> = c
            .tags
            .iter()
            .map(|t| escape(&encode_tags(std::slice::from_ref(t))))
            .collect();
        line(format!("CATEGORIES:{}", cats.join(",")));
    }
    if let Some(n) = &c.notes {
        line(format!("NOTE:{}", escape(n)));
    }
    line("END:VCARD".into());
}

/// A Chinese mobile number: 11 digits starting with 1, with or without +86.
fn is_mobile(phone: &str) -> bool {
    let national = phone
        .strip_prefix("+86")
        .or_else(|| phone.strip_prefix("0086"))
        .unwrap_or(phone);
    national.len() == 11
        && national.starts_with('1')
        && national.bytes().all(|b| b.is_ascii_digit())
}
