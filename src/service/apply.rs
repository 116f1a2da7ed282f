//! What each command does, inside the pipeline's transaction: read, validate, apply.

use super::error::{Error, Result};
use super::pipeline::{Cx, Reply};
use super::session::{ACTIVE_TEMPLATE, PLANNED_WITH};
use crate::domain::command::{Command, SeedContact};
use crate::domain::contact::{
    clean_line, clean_text, normalize_email, normalize_phone, normalize_wechat, validate_name,
};
use crate::domain::error::{Field, FieldError};
use crate::domain::{
    Channel, Contact, ContactId, ContactPatch, Interaction, InteractionKind, NewContact, Outcome,
    Stage, TagRef,
};
use crate::store::ContactInsert;

/// Seeded contacts from which on a batch builds the indexes after loading them.
pub(super) const BULK_LOAD: usize = 1_000;

/// Demo contacts handed from the thread that makes them to the one that writes them at once.
const DEMO_BATCH: usize = 512;

/// Before `seeds` new contacts are written: from [`BULK_LOAD`] of them, and at least as
/// many as the book holds, building the indexes once afterwards costs less than keeping
/// them up row by row (see `store::bulk`).
fn bulk_load(cx: &mut Cx, seeds: u64) -> Result<()> {
    if seeds >= BULK_LOAD as u64 && seeds as i64 >= cx.w.snap().count_contacts()? {
        cx.w.defer_indexes()?;
    }
    Ok(())
}

/// [`apply`] for a command the caller is done with: a batch's commands are dropped one by
/// one as they are applied, so an import of 100,000 rows with their timelines does not
/// hold every row until the end.
pub(super) fn apply_owned(cx: &mut Cx, cmd: Command) -> Result<Reply> {
    let Command::Batch { commands, .. } = cmd else {
        return apply(cx, &cmd);
    };
    if commands.len() > 100 {
        cx.w.prepare_for_bulk()?;
    }
    // Anything but new contacts in the batch (a merge, an edit) looks rows up by index.
    if commands.iter().all(|c| matches!(c, Command::Seed(_))) {
        bulk_load(cx, commands.len() as u64)?;
    }
    let mut replies = Vec::with_capacity(commands.len());
    for c in commands {
        replies.push(apply_owned(cx, c)?);
    }
    Ok(Reply::Batch(replies))
}

pub(super) fn apply(cx: &mut Cx, cmd: &Command) -> Result<Reply> {
    match cmd {
        Command::Add(new) => add(cx, new),
        Command::Edit { id, patch } => edit(cx, *id, patch),
        Command::Tag { id, add, remove } => edit(
            cx,
            *id,
            &ContactPatch {
                add_tags: add.clone(),
                remove_tags: remove.clone(),
                ..ContactPatch::default()
            },
        ),
        Command::Grade { id, grade } => edit(
            cx,
            *id,
            &ContactPatch {
                grade: Some(*grade),
                ..ContactPatch::default()
            },
        ),
        Command::Move { id, to } => move_to(cx, *id, *to),
        Command::Won {
            id,
            amount_cents,
            product,
        } => won(cx, *id, *amount_cents, product.as_deref()),
        Command::Lost { id, reason } => lost(cx, *id, reason),
        Command::Reopen { id } => reopen(cx, *id),
        Command::Log {
            id,
            text,
            channel,
            inbound,
        } => log(cx, *id, text, *channel, *inbound),
        Command::ScriptSent {
            id,
            script_id,
            title,
        } => {
            cx.load_active(*id)?;
            let mut entry = Interaction::new(*id, cx.now, InteractionKind::ScriptSent);
            entry.channel = Some(Channel::Wechat);
            entry.script_id = Some(clean_line(Field::Note, script_id)?.unwrap_or_default());
            entry.text = clean_line(Field::Note, title)?;
            let entry = cx.w.insert_interaction(&entry)?;
            Ok(Reply::Logged { id: *id, entry })
        }
        Command::Archive { id } => set_archived(cx, *id, true),
        Command::Unarchive { id } => set_archived(cx, *id, false),
        Command::Done { followup, note } => super::apply_followups::done(cx, *followup, note),
        Command::Snooze { followup, until } => {
            super::apply_followups::snooze(cx, *followup, *until)
        }
        Command::Skip { followup, reason } => super::apply_followups::skip(cx, *followup, reason),
        Command::FollowupAdd {
            id,
            at,
            note,
            kind,
            remind,
        } => super::apply_sop::followup_add(cx, *id, *at, note, kind, *remind),
        Command::Merge { keep, other } => super::merge::merge(cx, *keep, *other),
        Command::UseTemplate { id, retired_groups } => {
            cx.w.set_setting(ACTIVE_TEMPLATE, Some(id))?;
            cx.w.set_template_since(cx.now)?;
            replan_all(cx, retired_groups)
        }
        Command::Replan => replan_all(cx, &[]),
        Command::Seed(s) => super::seed::seed(cx, s),
        Command::Demo {
            contacts,
            interactions,
            seed: rng_seed,
            force,
        } => {
            let existing = cx.w.snap().count_contacts()?;
            if existing > 0 && !force {
                return Err(Error::BookNotEmpty { contacts: existing });
            }
            cx.w.prepare_for_bulk()?;
            bulk_load(cx, *contacts)?;
            let session = cx.session;
            let opts = super::demo::DemoOptions {
                contacts: *contacts,
                interactions: *interactions,
                seed: *rng_seed,
                offset: session.offset(),
            };
            let planner = super::demo_work::Planner {
                template: &session.template,
                offset: session.offset(),
                owner: &session.actor,
                template_since: cx.template_since()?,
                now: cx.now,
            };
            let now = cx.now;
            // The contacts are made and planned on a thread of their own while this one
            // writes them (a core is free), handed over a few hundred at a time: one at a
            // time, waking the other thread for each cost more than the making.
            let (n, m) = std::thread::scope(|scope| -> Result<(u64, u64)> {
                let (send, made) = std::sync::mpsc::sync_channel::<Vec<SeedContact>>(4);
                scope.spawn(move || {
                    let work = |s: &mut _, rng: &mut _| planner.work(s, rng);
                    let mut batch = Vec::with_capacity(DEMO_BATCH);
                    for s in super::demo::generate_worked(&opts, now, work) {
                        batch.push(s);
                        if batch.len() == DEMO_BATCH {
                            let full =
                                std::mem::replace(&mut batch, Vec::with_capacity(DEMO_BATCH));
                            if send.send(full).is_err() {
                                return; // The writer stopped on an error.
                            }
                        }
                    }
                    let _ = send.send(batch);
                });
                let (mut n, mut m) = (0u64, 0u64);
                for s in made.iter().flatten() {
                    if let Reply::Seeded { interactions, .. } = super::seed::seed(cx, &s)? {
                        n += 1;
                        m += interactions;
                    }
                }
                Ok((n, m))
            })?;
            Ok(Reply::Demo {
                contacts: n,
                interactions: m,
            })
        }
        // The pipeline hands batches over whole (`apply_owned`); a borrowed one is copied.
        Command::Batch { .. } => apply_owned(cx, cmd.clone()),
        Command::Undo { event } => super::undo::undo(cx, *event),
    }
}

/// Makes every plan again with the session's template (which the book now follows).
/// Every contact planned again; tags of `retired` groups taken off.
fn replan_all(cx: &mut Cx, retired: &[String]) -> Result<Reply> {
    let ids = cx.w.all_contact_ids()?;
    for id in &ids {
        super::followups::replan_retiring(cx, *id, retired)?;
    }
    cx.w.set_internal_setting(PLANNED_WITH, &cx.session.template_stamp())?;
    Ok(Reply::Replanned(ids.len()))
}

/// A new contact's fields, checked: a name, a well-formed phone and e-mail, one-line values
/// without control characters.
pub(super) fn checked_new(new: &NewContact) -> Result<NewContact, FieldError> {
    let line = |f: Field, v: &Option<String>| -> Result<Option<String>, FieldError> {
        v.as_deref()
            .map(|v| clean_line(f, v))
            .transpose()
            .map(Option::flatten)
    };
    Ok(NewContact {
        name: validate_name(&new.name)?,
        honorific: line(Field::Honorific, &new.honorific)?,
        phone: new
            .phone
            .as_deref()
            .map(normalize_phone)
            .transpose()?
            .flatten(),
        wechat: new
            .wechat
            .as_deref()
            .map(normalize_wechat)
            .transpose()?
            .flatten(),
        company: line(Field::Company, &new.company)?,
        source: line(Field::Source, &new.source)?,
        need: line(Field::Need, &new.need)?,
        budget: line(Field::Budget, &new.budget)?,
        email: new
            .email
            .as_deref()
            .map(normalize_email)
            .transpose()?
            .flatten(),
        birthday: new.birthday,
        anniversary: new.anniversary,
        grade: new.grade,
        notes: new
            .notes
            .as_deref()
            .map(|n| clean_text(Field::Notes, n))
            .transpose()?
            .flatten(),
        tags: checked_tags(&new.tags)?,
        new_tags: checked_tags(&new.new_tags)?,
        created_at: new.created_at,
        duplicate_ok: new.duplicate_ok,
    })
}

fn checked_tags(tags: &[TagRef]) -> Result<Vec<TagRef>, FieldError> {
    tags.iter()
        .map(|t| t.to_string().parse::<TagRef>())
        .collect()
}

fn add(cx: &mut Cx, new: &NewContact) -> Result<Reply> {
    let new = checked_new(new)?;
    crate::domain::contact::check_birthday(
        new.birthday,
        cx.session.clock.local(cx.now).date_naive(),
    )?;
    super::apply_sop::check_tags(cx, &new.tags, &new.new_tags)?;
    if !new.duplicate_ok {
        super::same_person::refuse_duplicate(
            cx,
            None,
            new.phone.as_deref(),
            new.wechat.as_deref(),
        )?;
    }
    let created_at = new.created_at.map_or(cx.now, |t| t.min(cx.now));
    let id = cx.w.insert_contact(&ContactInsert {
        contact: &new,
        owner: &cx.session.actor,
        created_at,
        stage: Stage::Discover,
        stage_since: created_at,
        outcome: Outcome::Open,
        lost_reason: None,
        archived: false,
        updated_at: cx.now,
        last_touch_at: None,
        grade_since: created_at,
        tier: None,
        next_due_at: None,
        quiet: None,
    })?;
    cx.created(id);
    cx.w.add_stage_row(
        id,
        &crate::domain::state::StageRow::new(created_at, None, Stage::Discover),
    )?;
    cx.w.insert_interaction_quietly(&Interaction::new(id, created_at, InteractionKind::Created))?;
    Ok(Reply::Contact(id))
}

fn edit(cx: &mut Cx, id: ContactId, patch: &ContactPatch) -> Result<Reply> {
    let before = cx.load_live(id)?;
    let mut c = before.clone();
    apply_patch(&mut c, patch)?;
    if !patch.duplicate_ok {
        // Only a phone or ID the edit brings in: one shared before stays as the rep left it.
        let phone = c.phone.as_deref().filter(|_| c.phone != before.phone);
        let wechat = c.wechat.as_deref().filter(|w| {
            let was = before.wechat.as_deref().map(str::to_lowercase);
            was.as_deref() != Some(w.to_lowercase().as_str())
        });
        if phone.is_some() || wechat.is_some() {
            super::same_person::refuse_duplicate(cx, Some(id), phone, wechat)?;
        }
    }
    if c.birthday != before.birthday {
        crate::domain::contact::check_birthday(
            c.birthday,
            cx.session.clock.local(cx.now).date_naive(),
        )?;
    }
    let adding: Vec<TagRef> = checked_tags(&patch.add_tags)?
        .into_iter()
        .filter(|t| !before.tags.contains(t))
        .collect();
    super::apply_sop::check_tags(cx, &adding, &checked_tags(&patch.new_tags)?)?;
    let changes = describe_changes(&before, &c, patch);
    if changes.is_empty() {
        return Ok(Reply::Unchanged);
    }
    cx.w.update_fields(&c, cx.now)?;
    for tag in checked_tags(&patch.add_tags)? {
        cx.w.add_tag(id, &tag)?;
    }
    for tag in &patch.remove_tags {
        cx.w.remove_tag(id, tag)?;
    }
    let mut entry = Interaction::new(id, cx.now, InteractionKind::Edited);
    entry.text = Some(changes.join("; "));
    let entry = cx.w.insert_interaction(&entry)?;
    if before.grade != c.grade {
        cx.w.set_grade_change(entry, before.grade, c.grade)?;
    }
    Ok(Reply::Contact(id))
}

fn move_to(cx: &mut Cx, id: ContactId, to: Stage) -> Result<Reply> {
    let c = cx.load_active(id)?;
    if c.outcome != Outcome::Open {
        return Err(Error::NotOpen {
            id,
            name: c.name,
            outcome: c.outcome,
        });
    }
    if c.stage == to {
        return Ok(Reply::AlreadyThere { id, stage: to });
    }
    if to == Stage::Aftercare {
        return Err(Error::AftercareByWin { id, name: c.name });
    }
    change_stage(cx, id, c.stage, to)?;
    Ok(Reply::Moved {
        id,
        from: c.stage,
        to,
    })
}

/// Moves the contact and leaves a `stage_change` entry in its timeline.
pub(super) fn change_stage(cx: &mut Cx, id: ContactId, from: Stage, to: Stage) -> Result<()> {
    cx.w.set_stage(id, Some(from), to, cx.now)?;
    let mut entry = Interaction::new(id, cx.now, InteractionKind::StageChange);
    entry.from_stage = Some(from);
    entry.to_stage = Some(to);
    cx.w.insert_interaction(&entry)?;
    Ok(())
}

fn won(
    cx: &mut Cx,
    id: ContactId,
    amount_cents: Option<i64>,
    product: Option<&str>,
) -> Result<Reply> {
    if amount_cents == Some(0) {
        return Err(FieldError::ZeroAmount.into());
    }
    let c = cx.load_active(id)?;
    if c.outcome == Outcome::Lost {
        return Err(Error::WonWhileLost { id, name: c.name });
    }
    // A product of the template by an alias, another case or width, is recorded by its own
    // name: the lead's figures and the reminders count one product, not its spellings.
    let product = product
        .map(|p| clean_line(Field::Product, p))
        .transpose()?
        .flatten()
        .map(|p| match cx.session.template.product(&p) {
            Some(known) => known.name.clone(),
            None => p,
        });
    cx.w.set_outcome(id, Outcome::Won, None, cx.now)?;
    cx.w.insert_purchase(id, cx.now, product.as_deref(), amount_cents)?;
    let mut entry = Interaction::new(id, cx.now, InteractionKind::Won);
    entry.amount_cents = amount_cents;
    entry.product = product;
    cx.w.insert_interaction(&entry)?;
    if c.stage != Stage::Aftercare {
        change_stage(cx, id, c.stage, Stage::Aftercare)?;
    }
    Ok(Reply::Contact(id))
}

fn lost(cx: &mut Cx, id: ContactId, reason: &str) -> Result<Reply> {
    let reason = clean_line(Field::Reason, reason)?.ok_or(FieldError::Missing(Field::Reason))?;
    let c = cx.load_active(id)?;
    if c.outcome != Outcome::Open {
        return Err(Error::NotOpen {
            id,
            name: c.name,
            outcome: c.outcome,
        });
    }
    cx.w.set_outcome(id, Outcome::Lost, Some(&reason), cx.now)?;
    let mut entry = Interaction::new(id, cx.now, InteractionKind::Lost);
    entry.text = Some(reason);
    cx.w.insert_interaction(&entry)?;
    Ok(Reply::Contact(id))
}

fn reopen(cx: &mut Cx, id: ContactId) -> Result<Reply> {
    let c = cx.load_active(id)?;
    if c.outcome == Outcome::Open {
        return Err(Error::AlreadyOpen { id, name: c.name });
    }
    cx.w.set_outcome(id, Outcome::Open, None, cx.now)?;
    // 理售后 is reached by a win: a customer reopened (the deal is back under discussion)
    // goes back to the stage it was won from, to be sold to again, not cared for.
    if c.stage == Stage::Aftercare {
        let back =
            cx.w.snap()
                .stage_history(id)?
                .into_iter()
                .rev()
                .find(|r| r.to == Stage::Aftercare)
                .and_then(|r| r.from)
                .filter(|s| *s != Stage::Aftercare)
                .unwrap_or(Stage::Close);
        change_stage(cx, id, Stage::Aftercare, back)?;
    }
    cx.w.insert_interaction(&Interaction::new(id, cx.now, InteractionKind::Reopened))?;
    Ok(Reply::Contact(id))
}

fn log(
    cx: &mut Cx,
    id: ContactId,
    text: &str,
    channel: Option<Channel>,
    inbound: bool,
) -> Result<Reply> {
    let text = clean_text(Field::Note, text)?.ok_or(FieldError::Missing(Field::Note))?;
    cx.load_active(id)?;
    let kind = if inbound {
        InteractionKind::Inbound
    } else {
        channel.map_or(InteractionKind::Note, Channel::touch_kind)
    };
    let mut entry = Interaction::new(id, cx.now, kind);
    entry.channel = channel;
    entry.text = Some(text);
    let entry = cx.w.insert_interaction(&entry)?;
    Ok(Reply::Logged { id, entry })
}

fn set_archived(cx: &mut Cx, id: ContactId, archived: bool) -> Result<Reply> {
    let c = cx.load(id)?;
    if c.archived == archived {
        return Err(Error::AlreadyArchived {
            id,
            name: c.name,
            archived,
        });
    }
    if !archived && let Some(into) = c.merged_into {
        return Err(Error::MergedAway {
            id,
            name: c.name,
            into,
        });
    }
    let kind = if archived {
        InteractionKind::Archived
    } else {
        InteractionKind::Unarchived
    };
    cx.w.set_archived(id, archived, cx.now)?;
    cx.w.insert_interaction(&Interaction::new(id, cx.now, kind))?;
    Ok(Reply::Contact(id))
}

/// A one-line field of a patch and where its value goes.
type TextSlot<'a> = (Field, &'a Option<Option<String>>, &'a mut Option<String>);

pub(super) fn apply_patch(c: &mut Contact, p: &ContactPatch) -> Result<(), FieldError> {
    if let Some(name) = &p.name {
        c.name = validate_name(name)?;
    }
    if let Some(w) = &p.wechat {
        c.wechat = w.as_deref().map(normalize_wechat).transpose()?.flatten();
    }
    let text_fields: [TextSlot; 5] = [
        (Field::Honorific, &p.honorific, &mut c.honorific),
        (Field::Company, &p.company, &mut c.company),
        (Field::Source, &p.source, &mut c.source),
        (Field::Need, &p.need, &mut c.need),
        (Field::Budget, &p.budget, &mut c.budget),
    ];
    for (field, new, slot) in text_fields {
        if let Some(v) = new {
            *slot = v
                .as_deref()
                .map(|v| clean_line(field, v))
                .transpose()?
                .flatten();
        }
    }
    if let Some(v) = &p.notes {
        c.notes = v
            .as_deref()
            .map(|v| clean_text(Field::Notes, v))
            .transpose()?
            .flatten();
    }
    if let Some(phone) = &p.phone {
        c.phone = phone.as_deref().map(normalize_phone).transpose()?.flatten();
    }
    if let Some(email) = &p.email {
        c.email = email.as_deref().map(normalize_email).transpose()?.flatten();
    }
    if let Some(d) = p.birthday {
        c.birthday = d;
    }
    if let Some(d) = p.anniversary {
        c.anniversary = d;
    }
    if let Some(grade) = p.grade {
        c.grade = grade;
    }
    Ok(())
}

/// Human-readable "field: old → new" lines for the timeline.
pub(super) fn describe_changes(before: &Contact, after: &Contact, p: &ContactPatch) -> Vec<String> {
    let show = |v: &Option<String>| v.clone().unwrap_or_else(|| "—".into());
    let date = |d: &Option<chrono::NaiveDate>| d.map(|d| d.to_string());
    let mut out = Vec::new();
    if before.name != after.name {
        out.push(format!("name: {} → {}", before.name, after.name));
    }
    let fields = [
        ("honorific", &before.honorific, &after.honorific),
        ("phone", &before.phone, &after.phone),
        ("wechat", &before.wechat, &after.wechat),
        ("company", &before.company, &after.company),
        ("source", &before.source, &after.source),
        ("need", &before.need, &after.need),
        ("budget", &before.budget, &after.budget),
        ("email", &before.email, &after.email),
        ("notes", &before.notes, &after.notes),
    ];
    for (label, b, a) in fields {
        if b != a {
            out.push(format!("{label}: {} → {}", show(b), show(a)));
        }
    }
    for (label, b, a) in [
        ("birthday", &before.birthday, &after.birthday),
        ("anniversary", &before.anniversary, &after.anniversary),
    ] {
        if b != a {
            out.push(format!("{label}: {} → {}", show(&date(b)), show(&date(a))));
        }
    }
    if before.grade != after.grade {
        let g = |g: Option<crate::domain::Grade>| g.map_or("—".to_string(), |g| g.to_string());
        out.push(format!("grade: {} → {}", g(before.grade), g(after.grade)));
    }
    for t in &p.add_tags {
        if !before.tags.contains(t) {
            out.push(format!("+tag {t}"));
        }
    }
    for t in &p.remove_tags {
        if before.tags.contains(t) {
            out.push(format!("-tag {t}"));
        }
    }
    out
}
