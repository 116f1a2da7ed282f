//! Done, snooze and skip: the rep closing or moving one follow-up, inside the pipeline.

use super::error::{Error, Result};
use super::pipeline::{Cx, Reply};
use crate::domain::contact::clean_text;
use crate::domain::error::{Field, FieldError};
use crate::domain::{Interaction, InteractionKind};
use crate::store::Followup;
use chrono::{DateTime, Utc};

/// The follow-up, which must still be open; its contact is loaded for the log.
fn open_followup(cx: &mut Cx, id: i64) -> Result<Followup> {
    let f = cx.w.snap().followup(id)?.ok_or(Error::NoFollowup(id))?;
    if f.status != "open" {
        return Err(Error::FollowupClosed {
            id,
            status: f.status,
        });
    }
    cx.load_live(f.contact_id)?;
    Ok(f)
}

/// Marks a follow-up done: a touch in the timeline, and the cadence moves on.
pub(super) fn done(cx: &mut Cx, id: i64, note: &Option<String>) -> Result<Reply> {
    let note = note
        .as_deref()
        .map(|n| clean_text(Field::Note, n))
        .transpose()?
        .flatten();
    let f = open_followup(cx, id)?;
    cx.w.close_followup(id, false, note.as_deref(), cx.now)?;
    let mut entry = Interaction::new(f.contact_id, cx.now, InteractionKind::FollowupDone);
    entry.text = Some(match &note {
        Some(n) => format!("{} · {n}", f.action),
        None => f.action.clone(),
    });
    entry.script_id = f.script.clone();
    cx.w.insert_interaction(&entry)?;
    Ok(Reply::Followup(id))
}

/// Skips a follow-up with a reason; the cadence moves on without a touch.
pub(super) fn skip(cx: &mut Cx, id: i64, reason: &str) -> Result<Reply> {
    let reason = clean_text(Field::Reason, reason)?.ok_or(FieldError::Missing(Field::Reason))?;
    let f = open_followup(cx, id)?;
    cx.w.close_followup(id, true, Some(&reason), cx.now)?;
    let mut entry = Interaction::new(f.contact_id, cx.now, InteractionKind::FollowupSkipped);
    entry.text = Some(format!("{} · {reason}", f.action));
    cx.w.insert_interaction(&entry)?;
    Ok(Reply::Followup(id))
}

/// Moves a follow-up to `until` (it keeps its id).
pub(super) fn snooze(cx: &mut Cx, id: i64, until: DateTime<Utc>) -> Result<Reply> {
    if until <= cx.now {
        return Err(Error::NotInFuture);
    }
    let f = open_followup(cx, id)?;
    // Judged as the lead's report judges it: past the deadline, the snooze does not make
    // the item on time. A first reply's deadline is the customer's wait, which no snooze
    // moves (the first-reply figure counts from the lead's arrival either way).
    let offset = *cx.session.clock.local(cx.now).offset();
    let keeps_deadline = f.track == crate::domain::followup::Track::FirstResponse
        || !crate::report::figures::on_time(f.track, f.due, cx.now, offset);
    cx.w.snooze_followup(&f, until, keeps_deadline)?;
    let local = cx
        .session
        .clock
        .local(until)
        .format("%Y-%m-%d %H:%M")
        .to_string();
    let mut entry = Interaction::new(f.contact_id, cx.now, InteractionKind::FollowupSnoozed);
    entry.text = Some(format!("{} → {local}", f.action));
    cx.w.insert_interaction(&entry)?;
    Ok(Reply::Snoozed { id, was: f.due })
}
