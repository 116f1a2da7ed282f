//! A contact that arrives with its past (an import's row, demo data): written, planned and
//! logged without reading back what was just written. Imports and demo books bring tens of
//! thousands of these in one command; the plain way (re-read the contact and its history,
//! diff its follow-ups against none) costs several statements each. `settled_matches_plain`
//! below checks, on random seeds, that this path leaves exactly what the plain one would.

use super::error::Result;
use super::followups::replanned;
use super::pipeline::{Cx, Reply};
use crate::domain::command::SeedContact;
use crate::domain::followup::{Inbound, Purchase};
use crate::domain::state::{ContactState, StageRow};
use crate::domain::{Contact, InteractionKind, Stage, TagRef};
use crate::store::{ContactInsert, History};
use chrono::{DateTime, Utc};

/// A time as the book stores it (whole seconds).
fn stored(t: DateTime<Utc>) -> DateTime<Utc> {
    DateTime::from_timestamp(t.timestamp(), 0).unwrap_or_default()
}

pub(super) fn seed(cx: &mut Cx, seed: &SeedContact) -> Result<Reply> {
    // Contacts from a file are checked like a typed one (demo data passes the same rules).
    let c = &super::apply::checked_new(&seed.contact)?;
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
    let owner = seed.owner.as_deref().unwrap_or(&cx.session.actor);
    let id = cx.w.insert_contact(&ContactInsert {
        contact: c,
        owner,
        created_at: seed.created_at,
        stage: seed.stage,
        stage_since,
        outcome: seed.outcome,
        lost_reason: seed.lost_reason.as_deref(),
        archived: seed.archived,
        updated_at: updated,
        last_touch_at: last_touch,
    })?;
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
    let mut purchases = Vec::with_capacity(seed.purchases.len());
    for (at, product, amount) in &seed.purchases {
        let pid =
            cx.w.insert_purchase_quietly(id, *at, product.as_deref(), *amount)?;
        purchases.push(Purchase {
            id: pid,
            at: stored(*at),
            product: product.clone(),
            amount_cents: *amount,
        });
    }

    // The contact as the book now holds it, and its history as the planner reads it.
    let mut tags: Vec<TagRef> = c.tags.clone();
    tags.sort_by(|a, b| (&a.group, &a.tag).cmp(&(&b.group, &b.tag)));
    tags.dedup();
    let created = stored(seed.created_at);
    let contact = Contact {
        id,
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
        grade_since: created,
        next_due_at: None,
        tier: None,
    };
    let mut touches: Vec<DateTime<Utc>> = seed
        .history
        .iter()
        .filter(|i| i.kind.is_touch())
        .map(|i| stored(i.at))
        .collect();
    touches.sort();
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
    purchases.sort_by_key(|p| (p.at, p.id));
    let history = History {
        touches,
        inbound,
        closed: Vec::new(),
        snoozed: Vec::new(),
        purchases,
        appointments: Vec::new(),
        won_at: seed
            .history
            .iter()
            .filter(|i| i.kind == InteractionKind::Won)
            .map(|i| stored(i.at))
            .max(),
    };
    let session = cx.session;
    let r = replanned(&session.template, &contact, &history, session.offset());
    let mut contact = contact;
    for tag in &r.stale {
        cx.w.remove_tag(id, tag)?;
        contact.tags.retain(|t| t != tag);
    }
    for tag in &r.missing {
        cx.w.add_tag(id, tag)?;
        contact.tags.push(tag.clone());
    }
    cx.w.set_tier(id, r.tier)?;
    cx.w.insert_first_followups(id, &r.plan, r.rot_from)?;
    cx.settle(id, ContactState::of(&contact));
    Ok(Reply::Seeded {
        id,
        interactions: seed.history.len() as u64,
    })
}
