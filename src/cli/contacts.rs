//! Contact commands: add, edit, show, list, move, won, lost, reopen, log, archive, demo.

use super::args::{Command, ContactFields, Format};
use super::output::{Table, contact_json, contacts_csv};
use crate::config::Lang;
use crate::context::Context;
use crate::domain::contact::clean;
use crate::domain::followup::Lifecycle;
use crate::domain::money::parse_amount;
use crate::domain::text::{pad, width};
use crate::domain::{
    Channel, Contact, ContactPatch, Grade, Interaction, NewContact, Outcome, Stage, TagRef,
};
use crate::i18n::{Strings, strings};
use crate::service::{Book, CardStyle, MoveOutcome, demo::DemoOptions};
use crate::store::{ContactFilter, SearchHit};
use anyhow::{Result, anyhow, bail};

pub fn run(ctx: &Context, cmd: Command) -> Result<()> {
    // Searching reads no follow-ups: skip loading and checking the SOP template.
    let mut book = match cmd {
        Command::Search { .. } => ctx.open_book_unplanned()?,
        _ => ctx.open_book()?,
    };
    let s = strings(ctx.lang());
    match cmd {
        Command::Add(a) => {
            let name = a.name.unwrap_or_default();
            let new = new_contact(name, a.fields)?;
            let c = book.add(new)?;
            match a.format.format {
                Format::Table => println!("{}", c.id),
                f => print_contact(&book, s, ctx.lang(), &c, None, f)?,
            }
        }
        Command::Edit(e) => {
            let patch = patch(e.name, e.fields, e.untag)?;
            if patch.is_empty() {
                bail!(
                    "nothing to change; give at least one of --name, --honorific, --phone, \
                     --wechat, --company, --source, --need, --budget, --grade, --tag, --untag, --note"
                );
            }
            let c = book.edit(e.id, patch)?;
            print_contact(&book, s, ctx.lang(), &c, None, e.format.format)?;
        }
        Command::Show { id, format } => {
            let c = book.contact(id)?;
            let history = book.timeline(id)?;
            print_contact(&book, s, ctx.lang(), &c, Some(&history), format.format)?;
        }
        Command::List(l) => {
            let filter = ContactFilter {
                stage: l.stage.as_deref().map(str::parse::<Stage>).transpose()?,
                grade: l.grade.as_deref().map(str::parse::<Grade>).transpose()?,
                tag: l
                    .tag
                    .as_deref()
                    .map(|t| t.parse::<TagRef>().map_err(|e| anyhow!(e)))
                    .transpose()?,
                outcome: l
                    .outcome
                    .as_deref()
                    .map(|o| o.parse::<Outcome>().map_err(|e| anyhow!(e)))
                    .transpose()?,
                include_archived: l.all,
            };
            let lifecycle = l
                .lifecycle
                .as_deref()
                .map(|v| v.parse::<Lifecycle>().map_err(|e| anyhow!(e)))
                .transpose()?;
            let mut contacts = book.list(&filter)?;
            if let Some(want) = lifecycle {
                let mut kept = Vec::new();
                for c in contacts {
                    if book.lifecycle_of(&c)? == want {
                        kept.push(c);
                    }
                }
                contacts = kept;
            }
            if l.rotting {
                let mut kept = Vec::new();
                for c in contacts {
                    if book.is_rotting(&c)? {
                        kept.push(c);
                    }
                }
                contacts = kept;
            }
            print_list(&book, s, &contacts, l.format.format)?;
        }
        Command::Move { id, stage } => {
            let to: Stage = stage.parse()?;
            match book.move_to(id, to)? {
                MoveOutcome::Moved { from, to } => {
                    let c = book.contact(id)?;
                    println!("{id} {}: {} → {}", c.name, from.zh(), to.zh());
                }
                MoveOutcome::AlreadyThere(st) => {
                    eprintln!(
                        "contact {id} is already in {} ({}); nothing changed",
                        st.key(),
                        st.zh()
                    );
                }
            }
        }
        Command::Won {
            id,
            amount,
            product,
        } => {
            let amount = amount
                .as_deref()
                .map(parse_amount)
                .transpose()
                .map_err(|e| anyhow!(e))?;
            let c = book.won(id, amount, product)?;
            println!("{id} {}: {} → {}", c.name, Outcome::Won.zh(), c.stage.zh());
        }
        Command::Lost { id, reason } => {
            let c = book.lost(id, &reason)?;
            println!("{id} {}: {} ({reason})", c.name, Outcome::Lost.zh());
        }
        Command::Reopen { id } => {
            let c = book.reopen(id)?;
            println!("{id} {}: {} · {}", c.name, Outcome::Open.zh(), c.stage.zh());
        }
        Command::Log { id, note, channel } => {
            let channel = channel
                .as_deref()
                .map(|c| c.parse::<Channel>().map_err(|e| anyhow!(e)))
                .transpose()?;
            let entry = book.log(id, &note, channel)?;
            println!("{id}: {} #{}", entry.kind.key(), entry.id);
        }
        Command::Archive { id } => {
            let c = book.set_archived(id, true)?;
            println!("{id} {}: {}", c.name, s.archived);
        }
        Command::Unarchive { id } => {
            let c = book.set_archived(id, false)?;
            println!("{id} {}: {}", c.name, Outcome::Open.zh());
        }
        Command::Template(_)
        | Command::Script { .. }
        | Command::Agenda { .. }
        | Command::Done { .. }
        | Command::Snooze { .. }
        | Command::Skip { .. }
        | Command::Simulate { .. }
        | Command::Export { .. } => unreachable!("dispatched in cli::run"),
        Command::Search {
            query,
            limit,
            all,
            format,
        } => {
            if !crate::store::searchable(&query) {
                bail!(
                    "nothing to search for in '{query}'; type part of a name, pinyin, digits or a word"
                );
            }
            let found = book.store().search(&query, limit, all)?;
            print_hits(&book, s, &found.hits, format.format)?;
            // The total: under the table, or on stderr when a script's page was cut.
            let line = crate::i18n::search::total_line(
                ctx.lang(),
                found.hits.len(),
                found.total,
                found.total_is_exact,
            );
            match format.format {
                Format::Table => println!("{line}"),
                _ if found.hits.len() < found.total => eprintln!("{line}"),
                _ => {}
            }
        }
        Command::Demo(d) => {
            let opts = DemoOptions {
                contacts: d.contacts,
                interactions: d.interactions.unwrap_or(d.contacts.saturating_mul(8)),
                seed: d.seed,
            };
            if opts.contacts == 0 {
                bail!("--contacts must be at least 1");
            }
            let (n, m) = book.fill_demo(&opts, d.force)?;
            println!(
                "demo: {n} contacts, {m} interactions → {}",
                book.store().path().display()
            );
        }
    }
    Ok(())
}

fn text(v: Option<String>) -> Option<String> {
    v.as_deref().and_then(clean)
}

fn parse_tags(tags: &[String]) -> Result<Vec<TagRef>> {
    tags.iter()
        .map(|t| t.parse::<TagRef>().map_err(|e| anyhow!(e)))
        .collect()
}

fn new_contact(name: String, f: ContactFields) -> Result<NewContact> {
    Ok(NewContact {
        name,
        honorific: text(f.honorific),
        phone: text(f.phone),
        wechat: text(f.wechat),
        company: text(f.company),
        source: text(f.source),
        need: text(f.need),
        budget: text(f.budget),
        grade: f.grade.as_deref().map(str::parse::<Grade>).transpose()?,
        notes: text(f.note),
        tags: parse_tags(&f.tags)?,
    })
}

/// An edit flag given as "" clears the field.
fn patch(name: Option<String>, f: ContactFields, untag: Vec<String>) -> Result<ContactPatch> {
    let set = |v: Option<String>| v.map(|v| clean(&v));
    let grade = match f.grade {
        None => None,
        Some(g) if g.trim().is_empty() => Some(None),
        Some(g) => Some(Some(g.parse::<Grade>()?)),
    };
    Ok(ContactPatch {
        name,
        honorific: set(f.honorific),
        phone: set(f.phone),
        wechat: set(f.wechat),
        company: set(f.company),
        source: set(f.source),
        need: set(f.need),
        budget: set(f.budget),
        grade,
        notes: set(f.note),
        add_tags: parse_tags(&f.tags)?,
        remove_tags: parse_tags(&untag)?,
    })
}

fn print_list(book: &Book, s: &Strings, contacts: &[Contact], format: Format) -> Result<()> {
    let clock = book.clock();
    match format {
        Format::Json => {
            let items: Vec<_> = contacts
                .iter()
                .map(|c| contact_json(clock, c, None))
                .collect();
            println!("{}", serde_json::to_string_pretty(&items)?);
        }
        Format::Csv => print!("{}", contacts_csv(clock, contacts)?),
        Format::Table => {
            let mut t = Table::new(&[
                s.col_id,
                s.col_name,
                s.col_stage,
                s.col_grade,
                s.col_outcome,
                s.col_source,
                s.col_need,
                s.col_budget,
                s.col_tags,
                s.col_updated,
            ]);
            for c in contacts {
                t.row(vec![
                    c.id.to_string(),
                    c.name.clone(),
                    c.stage.zh().to_string(),
                    c.grade.map(|g| g.to_string()).unwrap_or_default(),
                    c.outcome.zh().to_string(),
                    c.source.clone().unwrap_or_default(),
                    c.need.clone().unwrap_or_default(),
                    c.budget.clone().unwrap_or_default(),
                    c.tags
                        .iter()
                        .map(|t| t.to_string())
                        .collect::<Vec<_>>()
                        .join(" "),
                    clock.local(c.updated_at).format("%Y-%m-%d").to_string(),
                ]);
            }
            print!("{}", t.render());
        }
    }
    Ok(())
}

fn print_hits(book: &Book, s: &Strings, hits: &[SearchHit], format: Format) -> Result<()> {
    let clock = book.clock();
    match format {
        Format::Json => {
            let items: Vec<serde_json::Value> = hits
                .iter()
                .map(|h| {
                    let mut v = serde_json::to_value(contact_json(clock, &h.contact, None))?;
                    v["matched"] = h.matched.into();
                    Ok(v)
                })
                .collect::<Result<_>>()?;
            println!("{}", serde_json::to_string_pretty(&items)?);
        }
        Format::Csv => {
            let contacts: Vec<Contact> = hits.iter().map(|h| h.contact.clone()).collect();
            // Re-read the records rather than the lines: a quoted field (notes) may hold a
            // line break.
            let body = contacts_csv(clock, &contacts)?;
            let mut r = csv::Reader::from_reader(body.as_bytes());
            let mut w = csv::Writer::from_writer(Vec::new());
            let mut header = r.headers()?.clone();
            header.push_field("matched");
            w.write_record(&header)?;
            for (record, h) in r.records().zip(hits) {
                let mut record = record?;
                record.push_field(h.matched);
                w.write_record(&record)?;
            }
            print!("{}", String::from_utf8(w.into_inner()?)?);
        }
        Format::Table => {
            let mut t = Table::new(&[
                s.col_id,
                s.col_name,
                s.col_stage,
                s.col_grade,
                s.phone,
                s.col_need,
                s.col_matched,
            ]);
            for h in hits {
                let c = &h.contact;
                t.row(vec![
                    c.id.to_string(),
                    c.name.clone(),
                    c.stage.zh().to_string(),
                    c.grade.map(|g| g.to_string()).unwrap_or_default(),
                    c.phone.clone().unwrap_or_default(),
                    c.need.clone().unwrap_or_default(),
                    h.matched.to_string(),
                ]);
            }
            print!("{}", t.render());
        }
    }
    Ok(())
}

fn print_contact(
    book: &Book,
    s: &Strings,
    lang: Lang,
    c: &Contact,
    history: Option<&[Interaction]>,
    format: Format,
) -> Result<()> {
    let clock = book.clock();
    match format {
        Format::Json => println!(
            "{}",
            serde_json::to_string_pretty(&contact_json(clock, c, history))?
        ),
        Format::Csv => print!("{}", contacts_csv(clock, std::slice::from_ref(c))?),
        Format::Table => print!("{}", card(book, s, lang, c, history)),
    }
    Ok(())
}

/// The contact card as text: aligned "label  value" lines, then the timeline.
fn card(
    book: &Book,
    s: &Strings,
    lang: Lang,
    c: &Contact,
    history: Option<&[Interaction]>,
) -> String {
    let clock = book.clock();
    let when = |t| clock.local(t).format("%Y-%m-%d %H:%M").to_string();
    let style = CardStyle {
        identity: true,
        time_format: "%Y-%m-%d %H:%M",
    };
    let rows = book.card_fields(c, s, lang, style);

    // Labels are padded to the widest one, never cut ("Last touch", "Lost reason" in English).
    let label_cols = rows.iter().map(|(l, _)| width(l)).max().unwrap_or(0);
    let mut out = String::new();
    for (label, value) in rows {
        out.push_str(&format!("{}  {value}\n", pad(label, label_cols)));
    }
    if let Some(history) = history {
        out.push_str(&format!("\n{}\n", s.timeline));
        let mut t = Table::new(&[s.col_time, s.col_kind, s.col_detail]);
        for i in history {
            t.row(vec![when(i.at), i.kind.key().to_string(), i.summary()]);
        }
        out.push_str(&t.render());
    }
    out
}
