//! A contact that arrives with its past (an import's row, demo data): written, planned and
//! logged without reading back what was just written. Imports and demo books bring tens of
//! thousands of these in one command; the plain way (re-read the contact and its history,
//! diff its follow-ups against none) costs several statements each. `settled_matches_plain`
//! below checks, on random seeds, that this path leaves exactly what the plain one would.

use super::error::Result;
use super::followups::replanned;
use super::pipeline::{Cx, Reply};
use crate::domain::agenda_card::Card;
use crate::domain::command::{SeedContact, SeedFollowup};
use crate::domain::followup::{
    Appointment, Closed, FollowupState, Inbound, Purchase, Snooze, Track,
};
use crate::domain::state::{ContactState, StageRow};
use crate::domain::{Contact, Interaction, InteractionKind, NewContact, Stage, TagRef};
use crate::store::{ContactInsert, Followup, History, NewAppointment};
use chrono::{DateTime, Utc};

/// The place of the purchase a worked follow-up follows, standing in for its id until the
/// purchases are written.
fn purchase_of(f: &SeedFollowup) -> Option<i64> {
    f.purchase.map(|k| k as i64)
}

/// A time as the book stores it (whole seconds).
pub(super) fn stored(t: DateTime<Utc>) -> DateTime<Utc> {
    DateTime::from_timestamp(t.timestamp(), 0).unwrap_or_default()
}

/// The latest entry of `kind` in a seed's history, as the book will store it.
fn marker(seed: &SeedContact, kind: InteractionKind) -> Option<DateTime<Utc>> {
    seed.history
        .iter()
        .filter(|i| i.kind == kind)
        .map(|i| stored(i.at))
        .max()
}

/// A seeded contact as the book will hold it, and its history as the planner reads it.
pub(super) struct Planning {
    pub contact: Contact,
    pub history: History,
    /// As given (the contact's row keeps them unrounded).
    last_touch: Option<DateTime<Utc>>,
    updated: DateTime<Utc>,
    stage_since: DateTime<Utc>,
}

/// Made before anything is written: the plan (tier, next follow-up, the template's
/// automatic tags) then goes in with the contact's row instead of rewriting it. `c` is
/// the seed's contact as checked.
pub(super) fn planning(
    seed: &SeedContact,
    c: &NewContact,
    owner: &str,
    template_since: Option<DateTime<Utc>>,
) -> Planning {
    // The latest of the given last touch and every touch in the history: what inserting
    // the history one touch at a time would leave, set once.
    let last_touch = seed
        .history
        .iter()
        .filter(|i| i.kind.is_touch())
        .map(|i| i.at)
        .chain(seed.last_touch_at)
        .max();
    let updated = seed.updated_at.unwrap_or_else(|| {
        seed.history
            .iter()
            .map(|i| i.at)
            .max()
            .unwrap_or(seed.created_at)
            .max(seed.created_at)
    });
    let stage_since = seed
        .history
        .iter()
        .filter(|i| i.kind == InteractionKind::StageChange)
        .map(|i| i.at)
        .max()
        .unwrap_or(seed.created_at);

    // The contact as the book will hold it, and its history as the planner reads it,
    // made before anything is written: the plan (tier, next follow-up, the template's
    // automatic tags) then goes in with the contact's row instead of rewriting it.
    let mut tags: Vec<TagRef> = c.tags.clone();
    tags.sort_by(|a, b| (&a.group, &a.tag).cmp(&(&b.group, &b.tag)));
    tags.dedup();
    let created = stored(seed.created_at);
    // Given its grade when the last change to that grade was logged (as an undo finds it).
    let grade_since = seed
        .history
        .iter()
        .filter(|i| matches!(i.kind, InteractionKind::Edited | InteractionKind::Merged))
        .filter(|i| matches!(i.grade_change, Some((from, to)) if to == c.grade && from != to))
        .map(|i| stored(i.at))
        .max()
        .map_or(created, |t| t.max(created));
    let contact = Contact {
        id: 0,
        name: c.name.clone(),
        honorific: c.honorific.clone(),
        phone: c.phone.clone(),
        wechat: c.wechat.clone(),
        company: c.company.clone(),
        source: c.source.clone(),
        need: c.need.clone(),
        budget: c.budget.clone(),
        email: c.email.clone(),
        birthday: c.birthday,
        anniversary: c.anniversary,
        merged_into: None,
        grade: c.grade,
        stage: seed.stage,
        outcome: seed.outcome,
        lost_reason: seed.lost_reason.clone(),
        notes: c.notes.clone(),
        owner: Some(owner.to_string()),
        archived: seed.archived,
        tags,
        created_at: created,
        updated_at: stored(updated),
        last_touch_at: last_touch.map(stored),
        stage_since: stored(stage_since),
        grade_since,
        next_due_at: None,
        tier: None,
        quiet: None,
    };
    let mut touches: Vec<DateTime<Utc>> = seed
        .history
        .iter()
        .filter(|i| i.kind.is_touch())
        .map(|i| stored(i.at))
        .collect();
    touches.sort();
    let mut conversations: Vec<DateTime<Utc>> = seed
        .history
        .iter()
        .filter(|i| i.kind.is_conversation())
        .map(|i| stored(i.at))
        .collect();
    conversations.sort();
    let mut inbound: Vec<Inbound> = seed
        .history
        .iter()
        .filter(|i| i.kind == InteractionKind::Inbound)
        .map(|i| Inbound {
            at: stored(i.at),
            text: i.text.clone().unwrap_or_default(),
        })
        .collect();
    // By time, then as inserted (the book's order: time, then id).
    inbound.sort_by_key(|i| i.at);
    // Purchases have no ids yet: their places in the insert order stand in for them (the
    // ids the book gives are in that order too) until they are written.
    let mut purchases: Vec<Purchase> = seed
        .purchases
        .iter()
        .enumerate()
        .map(|(k, (at, product, amount))| Purchase {
            id: k as i64,
            at: stored(*at),
            product: product.clone(),
            amount_cents: *amount,
        })
        .collect();
    purchases.sort_by_key(|p| (p.at, p.id));
    // Worked follow-ups and appointments point at purchases and appointments by place,
    // which stands in for their ids until they are written (as for purchases above).
    let closed: Vec<Closed> = seed
        .worked
        .iter()
        .filter_map(|f| {
            let skipped = match f.state {
                FollowupState::Done => false,
                FollowupState::Skipped => true,
                FollowupState::Superseded | FollowupState::Snoozed => return None,
            };
            Some(Closed {
                track: f.track,
                step: f.step,
                purchase_id: purchase_of(f),
                at: stored(f.closed_at.unwrap_or(f.due)),
                skipped,
            })
        })
        .collect();
    let snoozed: Vec<Snooze> = seed
        .worked
        .iter()
        .filter(|f| f.state == FollowupState::Snoozed)
        .map(|f| Snooze {
            track: f.track,
            step: f.step,
            purchase_id: purchase_of(f),
            until: stored(f.due),
        })
        .collect();
    let appointments: Vec<Appointment> = seed
        .appointments
        .iter()
        .map(|a| Appointment {
            at: stored(a.at),
            created_at: stored(a.created_at),
            ..a.clone()
        })
        .collect();
    let history = History {
        touches,
        inbound,
        conversations,
        closed,
        snoozed,
        purchases,
        appointments,
        won_at: seed
            .history
            .iter()
            .filter(|i| i.kind == InteractionKind::Won)
            .map(|i| stored(i.at))
            .max(),
        arrived: marker(seed, InteractionKind::Imported),
        prior_contact: marker(seed, InteractionKind::PriorContact),
        resumed: marker(seed, InteractionKind::Reopened)
            .max(marker(seed, InteractionKind::Unarchived)),
        lost_at: marker(seed, InteractionKind::Lost),
        template_since,
    };
    Planning {
        contact,
        history,
        last_touch,
        updated,
        stage_since,
    }
}

pub(super) fn seed(cx: &mut Cx, seed: &SeedContact) -> Result<Reply> {
    // Contacts from a file are checked like a typed one (demo data passes the same rules).
    let mut c = super::apply::checked_new(&seed.contact)?;
    let owner = seed.owner.as_deref().unwrap_or(&cx.session.actor);
    let Planning {
        mut contact,
        history,
        last_touch,
        updated,
        stage_since,
    } = planning(seed, &c, owner, cx.template_since()?);
    let session = cx.session;
    let mut r = replanned(&session.template, &contact, &history, session.offset());
    contact.tags.retain(|t| !r.stale.contains(t));
    contact.tags.extend(r.missing.iter().cloned());
    c.tags = contact.tags.clone();

    let id = cx.w.insert_contact(&ContactInsert {
        contact: &c,
        owner,
        created_at: seed.created_at,
        stage: seed.stage,
        stage_since,
        outcome: seed.outcome,
        lost_reason: seed.lost_reason.as_deref(),
        archived: seed.archived,
        updated_at: updated,
        last_touch_at: last_touch,
        grade_since: contact.grade_since,
        tier: r.tier,
        next_due_at: r.plan.iter().map(|p| p.due).min(),
        quiet: Some(r.quiet),
    })?;
    contact.id = id;
    cx.created(id);
    cx.w.add_stage_row(id, &StageRow::new(seed.created_at, None, Stage::Discover))?;
    let entries: Vec<_> = seed
        .history
        .iter()
        .map(|i| {
            let mut entry = i.clone();
            entry.contact_id = id;
            entry
        })
        .collect();
    cx.w.insert_interaction_rows(&entries)?;
    for i in &seed.history {
        if let (InteractionKind::StageChange, Some(to)) = (i.kind, i.to_stage) {
            cx.w.add_stage_row(id, &StageRow::new(i.at, i.from_stage, to))?;
        }
    }
    let mut purchase_ids = Vec::with_capacity(seed.purchases.len());
    for (at, product, amount) in &seed.purchases {
        purchase_ids.push(cx.w.insert_purchase_quietly(id, *at, product.as_deref(), *amount)?);
    }
    let mut appointment_ids = Vec::with_capacity(seed.appointments.len());
    for a in &seed.appointments {
        appointment_ids.push(cx.w.insert_appointment_quietly(&NewAppointment {
            contact: id,
            at: a.at,
            kind: a.kind.as_deref(),
            note: a.note.as_deref(),
            remind: a.remind,
            created_at: a.created_at,
        })?);
    }
    // Places become the ids the book gave.
    let purchase_id = |k: Option<i64>| k.map(|k| purchase_ids[k as usize]);
    let step = |track: Track, step: u32| match appointment_ids.get(step as usize) {
        Some(id) if track.steps_are_appointments() => *id as u32,
        _ => step,
    };
    for p in &mut r.plan {
        p.purchase_id = purchase_id(p.purchase_id);
        p.step = step(p.track, p.step);
    }
    let snoozed: Vec<Snooze> = history
        .snoozed
        .iter()
        .map(|s| Snooze {
            step: step(s.track, s.step),
            purchase_id: purchase_id(s.purchase_id),
            ..s.clone()
        })
        .collect();
    for f in seed
        .worked
        .iter()
        .filter(|f| f.state != FollowupState::Snoozed)
    {
        cx.w.insert_closed_followup(&Followup {
            id: 0,
            contact_id: id,
            track: f.track,
            step: step(f.track, f.step),
            purchase_id: purchase_id(purchase_of(f)),
            due: f.due,
            action: f.action.clone(),
            script: f.script.clone(),
            status: f.state.key().to_string(),
            snoozed: false,
            score_base: 0.0,
            valid_from: None,
            valid_until: None,
            closed_at: f.closed_at,
            note: f.note.clone(),
            rot_from: None,
            overdue_at: f.overdue,
        })?;
    }
    // As written: the tier the plan gave it.
    contact.tier = r.tier;
    let card = Card::of(&session.template, &contact).to_json();
    cx.w.insert_followup_rows(id, &r.plan, r.rot_from, &card, &snoozed)?;
    for f in seed
        .worked
        .iter()
        .filter(|f| f.state == FollowupState::Snoozed)
    {
        if let Some(overdue) = f.overdue {
            cx.w.set_seeded_overdue(
                id,
                f.track,
                step(f.track, f.step),
                purchase_id(purchase_of(f)),
                overdue,
            )?;
        }
    }
    cx.settle(id, ContactState::of(&contact));
    // The book lists tags by group, then name; the timeline by time, then as inserted.
    contact
        .tags
        .sort_by(|a, b| (&a.group, &a.tag).cmp(&(&b.group, &b.tag)));
    let mut order: Vec<&Interaction> = seed
        .history
        .iter()
        .filter(|i| i.kind != InteractionKind::Edited)
        .collect();
    order.sort_by_key(|i| i.at.timestamp());
    cx.w.created_as(&contact, order.iter().filter_map(|i| i.text.as_deref()))?;
    Ok(Reply::Seeded {
        id,
        interactions: seed.history.len() as u64,
    })
}
