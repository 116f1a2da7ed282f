//! Commands that change contacts: add, edit, move, won, lost, reopen, log, archive,
//! unarchive, merge — each one command through the write pipeline.

use super::args::{Command, ContactFields, Format};
use super::listing::print_contact;
use super::output::emit_line;
use super::{Ui, after_save, open_write};
use crate::context::Context;
use crate::domain::command::Command as Cmd;
use crate::domain::contact::{clean, parse_date};
use crate::domain::money::parse_amount;
use crate::domain::phone::looks_like_a_mistyped_mobile;
use crate::domain::text::display_safe;
use crate::domain::{Channel, ContactPatch, Grade, NewContact, Outcome, TagRef};
use crate::i18n::stage_name;
use crate::service::{Error, Reply};
use anyhow::Result;

pub fn run(ctx: &Context, ui: Ui, mut cmd: Command) -> Result<()> {
    // Only `add` makes a book where there is none; the rest need one.
    let create = matches!(cmd, Command::Add(_));
    super::bare_tags::place(ctx, ui, &mut cmd)?;
    // Check the arguments before opening (and perhaps creating) anything.
    let (command, format) = to_command(cmd)?;
    let mut book = open_write(ctx, ui, create)?;
    // `--untag` of a tag the contact does not have: said, not passed over as "no change".
    if let Cmd::Edit { id, patch } = &command
        && let Some(c) = book.view().find(*id)?
    {
        for tag in patch.remove_tags.iter().filter(|t| !c.tags.contains(t)) {
            ui.note(&crate::i18n::cli::not_tagged(
                ui.lang,
                *id,
                &display_safe(&c.name, false),
                &display_safe(&tag.to_string(), false),
            ));
        }
    }
    let applied = book.execute(command.clone())?;
    let view = book.view();
    // A mobile a digit off, typed by hand: saved as typed, and said (as an import says it).
    let phone_given = match &command {
        Cmd::Add(new) => new.phone.is_some(),
        Cmd::Edit { patch, .. } => matches!(patch.phone, Some(Some(_))),
        _ => false,
    };
    if phone_given
        && let Reply::Contact(id) = applied.reply
        && let Some(p) = view.contact(id)?.phone
        && looks_like_a_mistyped_mobile(&p)
    {
        let s = crate::i18n::exchange::strings(ui.lang);
        ui.note(&crate::exchange::fill(
            s.mobile_length,
            &[&p, &p.len().to_string()],
        ));
    }
    let name =
        |id| -> Result<String> { Ok(display_safe(&view.contact(id)?.name, false).into_owned()) };
    let text = match (&command, &applied.reply) {
        (Cmd::Add(_), Reply::Contact(id)) => {
            let others = view.same_name(*id)?;
            if !others.is_empty() {
                ui.note(&crate::i18n::cli::same_name(ui.lang, *id, &others));
            }
            match format {
                Format::Table => id.to_string(),
                f => return after_save(ui, print_contact(&view, ui, *id, false, f)),
            }
        }
        (Cmd::Edit { id, .. }, reply) => {
            if *reply == Reply::Unchanged {
                ui.note(ui.t.unchanged);
            }
            return after_save(ui, print_contact(&view, ui, *id, false, format));
        }
        (_, Reply::Moved { id, from, to }) => format!(
            "{id} {}: {} → {}",
            name(*id)?,
            stage_name(ui.lang, *from),
            stage_name(ui.lang, *to)
        ),
        (_, Reply::AlreadyThere { id, stage }) => {
            let sep = match ui.lang {
                crate::config::Lang::Zh => "；",
                crate::config::Lang::En => "; ",
            };
            ui.note(&format!(
                "{id} {} {} ({}){sep}{}",
                ui.t.already_in,
                stage_name(ui.lang, *stage),
                stage.key(),
                ui.t.unchanged
            ));
            return Ok(());
        }
        (Cmd::Won { id, product, .. }, _) => {
            let c = view.contact(*id)?;
            // An unknown product gets no repurchase reminder: say so, and what is known.
            if let Some(p) = product.as_deref()
                && view.product_named(p).is_none()
            {
                let names: Vec<&str> = view.products().iter().map(|x| x.name.as_str()).collect();
                ui.note(&crate::i18n::sop::unknown_product(
                    ui.lang,
                    &display_safe(p, false),
                    &names,
                ));
            }
            // A customer who had bought before: this is a repurchase, said as one.
            let what = match view.purchase_count(*id)? {
                n if n > 1 => crate::i18n::cli::bought_again(ui.lang, n),
                _ => outcome_word(ui, Outcome::Won).to_string(),
            };
            format!(
                "{id} {}: {what} → {}",
                name(*id)?,
                stage_name(ui.lang, c.stage)
            )
        }
        (Cmd::Lost { id, .. }, _) => {
            let c = view.contact(*id)?;
            format!(
                "{id} {}: {} ({})",
                name(*id)?,
                outcome_word(ui, Outcome::Lost),
                display_safe(c.lost_reason.as_deref().unwrap_or(""), false)
            )
        }
        (Cmd::Reopen { id }, _) => {
            let c = view.contact(*id)?;
            format!(
                "{id} {}: {} · {}",
                name(*id)?,
                outcome_word(ui, Outcome::Open),
                stage_name(ui.lang, c.stage)
            )
        }
        (Cmd::Log { .. } | Cmd::ScriptSent { .. }, Reply::Logged { id, entry }) => {
            let kind = view
                .entry(*entry)?
                .map(|i| crate::i18n::names::kind_label(ui.lang, i.kind))
                .unwrap_or_default();
            format!("{id} {}: {kind} #{entry}", name(*id)?)
        }
        (Cmd::Archive { id }, _) => format!("{id} {}: {}", name(*id)?, ui.t.archived_done),
        (Cmd::Unarchive { id }, _) => format!("{id} {}: {}", name(*id)?, ui.t.unarchived),
        (Cmd::Merge { keep, other }, _) => format!(
            "{} {keep} {} ← {other} {}",
            ui.t.merged,
            name(*keep)?,
            name(*other)?
        ),
        _ => String::new(),
    };
    after_save(ui, emit_line(&text))
}

fn outcome_word(ui: Ui, o: Outcome) -> &'static str {
    match ui.lang {
        crate::config::Lang::Zh => o.zh(),
        crate::config::Lang::En => o.key(),
    }
}

/// The pipeline command a command line asks for, and the output format it wants.
fn to_command(cmd: Command) -> Result<(Cmd, Format)> {
    Ok(match cmd {
        Command::Add(a) => {
            let new = new_contact(a.name.or(a.named).unwrap_or_default(), a.fields)?;
            (Cmd::Add(new), a.format.format)
        }
        Command::Edit(e) => {
            let patch = patch(e.name, e.fields, e.untag)?;
            if patch.is_empty() {
                return Err(Error::NothingToChange.into());
            }
            (Cmd::Edit { id: e.id, patch }, e.format.format)
        }
        Command::Move { id, stage } => (
            Cmd::Move {
                id,
                to: stage.parse()?,
            },
            Format::Table,
        ),
        Command::Won {
            id,
            amount,
            product,
        } => (
            Cmd::Won {
                id,
                amount_cents: amount.as_deref().map(parse_amount).transpose()?,
                product,
            },
            Format::Table,
        ),
        Command::Lost { id, why, reason } => (
            Cmd::Lost {
                id,
                // One of the two is required by the parser.
                reason: reason.or(why).unwrap_or_default(),
            },
            Format::Table,
        ),
        Command::Reopen { id } => (Cmd::Reopen { id }, Format::Table),
        Command::Log {
            id,
            text,
            note,
            channel,
            inbound,
        } => (
            Cmd::Log {
                id,
                // One of the two is required by the parser.
                text: note.or(text).unwrap_or_default(),
                channel: channel.as_deref().map(str::parse::<Channel>).transpose()?,
                inbound,
            },
            Format::Table,
        ),
        Command::Archive { id } => (Cmd::Archive { id }, Format::Table),
        Command::Unarchive { id } => (Cmd::Unarchive { id }, Format::Table),
        Command::Merge { keep, other } => (Cmd::Merge { keep, other }, Format::Table),
        other => anyhow::bail!("not a contact command: {other:?}"),
    })
}

fn text(v: Option<String>) -> Option<String> {
    v.as_deref().and_then(clean)
}

fn parse_tags(tags: &[String]) -> Result<Vec<TagRef>> {
    Ok(tags
        .iter()
        .map(|t| t.parse::<TagRef>())
        .collect::<Result<_, _>>()?)
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
        email: text(f.email),
        birthday: f.birthday.as_deref().map(parse_date).transpose()?,
        anniversary: f.anniversary.as_deref().map(parse_date).transpose()?,
        grade: f.grade.as_deref().map(str::parse::<Grade>).transpose()?,
        notes: text(f.note),
        tags: parse_tags(&f.tags)?
            .into_iter()
            .chain(parse_tags(&f.new_tags)?)
            .collect(),
        new_tags: parse_tags(&f.new_tags)?,
        created_at: None,
        duplicate_ok: f.duplicate,
    })
}

/// An edit flag given as "" clears the field.
fn patch(name: Option<String>, f: ContactFields, untag: Vec<String>) -> Result<ContactPatch> {
    let set = |v: Option<String>| v.map(|v| clean(&v));
    let date = |v: Option<String>| -> Result<Option<Option<chrono::NaiveDate>>> {
        Ok(match v {
            None => None,
            Some(d) if d.trim().is_empty() => Some(None),
            Some(d) => Some(Some(parse_date(&d)?)),
        })
    };
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
        email: set(f.email),
        birthday: date(f.birthday)?,
        anniversary: date(f.anniversary)?,
        grade,
        notes: set(f.note),
        add_tags: parse_tags(&f.tags)?
            .into_iter()
            .chain(parse_tags(&f.new_tags)?)
            .collect(),
        remove_tags: parse_tags(&untag)?,
        new_tags: parse_tags(&f.new_tags)?,
        duplicate_ok: f.duplicate,
    })
}
