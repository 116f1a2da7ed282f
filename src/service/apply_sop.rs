//! What the SOP checks and adds inside the pipeline: tags from the taxonomy (a typo is
//! refused with the closest known tags; derived groups are never typed), and dated
//! follow-ups the rep sets with a customer.

use super::error::{Result, SopError};
use super::pipeline::{Cx, Reply};
use crate::domain::contact::clean_text;
use crate::domain::derived::is_derived;
use crate::domain::error::Field;
use crate::domain::sop::Template;
use crate::domain::{ContactId, TagRef, tag};
use crate::store::{NewAppointment, Snap};
use chrono::{DateTime, Utc};

/// Every tag in `tags` must be in the template's taxonomy, already in the book, or among
/// `new` (added on purpose); none may belong to a group salesbook derives.
pub(super) fn check_tags(cx: &Cx, tags: &[TagRef], new: &[TagRef]) -> Result<()> {
    check_tags_in(&cx.session.template, Some(&cx.w.snap()), tags, new)
}

/// [`check_tags`] against a template and the book's tags (`None`: a book not made yet).
pub(super) fn check_tags_in(
    t: &Template,
    snap: Option<&Snap>,
    tags: &[TagRef],
    new: &[TagRef],
) -> Result<()> {
    for tag in tags {
        if is_derived(t, tag) {
            return Err(SopError::DerivedTag {
                tag: tag.to_string(),
            }
            .into());
        }
        let in_template = t.tag_groups.iter().any(|g| g.contains(tag));
        let in_book = match snap {
            Some(snap) => snap.tag_known(tag)?,
            None => false,
        };
        if in_template || new.contains(tag) || in_book {
            continue;
        }
        return Err(SopError::UnknownTag {
            tag: tag.to_string(),
            closest: closest_tags(t, snap, tag, false)?,
        }
        .into());
    }
    Ok(())
}

/// The three tags nearest to `tag` of the template's and the book's (with the groups
/// salesbook keeps itself when `derived` — a filter may name them, a contact not).
pub(super) fn closest_tags(
    t: &Template,
    snap: Option<&Snap>,
    tag: &TagRef,
    derived: bool,
) -> Result<Vec<String>> {
    let mut known: Vec<TagRef> = t
        .tag_groups
        .iter()
        .filter(|g| derived || !g.auto)
        .flat_map(|g| {
            g.tags.iter().map(|x| TagRef {
                group: g.group.clone(),
                tag: x.clone(),
            })
        })
        .collect();
    let book_tags = match snap {
        Some(snap) => snap.book_tags()?,
        None => Vec::new(),
    };
    for b in book_tags {
        if !known.contains(&b) && (derived || !is_derived(t, &b)) {
            known.push(b);
        }
    }
    Ok(tag::closest(tag, &known, 3)
        .into_iter()
        .map(|k| k.to_string())
        .collect())
}

/// A follow-up on a date: it must be ahead, and its kind one the template defines.
pub(super) fn followup_add(
    cx: &mut Cx,
    id: ContactId,
    at: DateTime<Utc>,
    note: &Option<String>,
    kind: &Option<String>,
    remind: bool,
) -> Result<Reply> {
    if at <= cx.now {
        return Err(SopError::PastDate.into());
    }
    let note = note
        .as_deref()
        .map(|n| clean_text(Field::Note, n))
        .transpose()?
        .flatten();
    let t = &cx.session.template;
    let kind = match kind.as_deref().map(str::trim).filter(|k| !k.is_empty()) {
        None => None,
        Some(k) => Some(t.appointment(k).map(|a| a.kind.clone()).ok_or_else(|| {
            SopError::UnknownAppointmentKind {
                kind: k.to_string(),
                available: t
                    .appointments
                    .iter()
                    .map(|a| format!("{} ({})", a.kind, a.name))
                    .collect(),
            }
        })?),
    };
    // A lost contact plans nothing: reopen it first.
    let c = cx.load_active(id)?;
    if c.outcome == crate::domain::Outcome::Lost {
        return Err(SopError::Lost { id, name: c.name }.into());
    }
    let appointment = cx.w.insert_appointment(&NewAppointment {
        contact: id,
        at,
        kind: kind.as_deref(),
        note: note.as_deref(),
        remind,
        created_at: cx.now,
    })?;
    Ok(Reply::Scheduled { id, appointment })
}
