//! Merging a duplicate into the contact to keep: nothing of either is lost.

use super::apply::describe_changes;
use super::error::{Error, Result};
use super::pipeline::{Cx, Reply};
use crate::domain::{ContactId, ContactPatch, Interaction, InteractionKind, Outcome, Stage};

/// A field: its name, `keep`'s value, `other`'s, and where the patch puts a filled value.
type MergeSlot<'a> = (
    &'a str,
    &'a Option<String>,
    &'a Option<String>,
    &'a mut Option<Option<String>>,
);

/// `other` joins `keep`: `keep`'s empty fields take `other`'s values (where both have one,
/// `keep`'s stays and the other is named in the timeline; notes are joined), tags are
/// united, `other`'s timeline and purchases move over (a won duplicate makes the lead kept a
/// customer, open or lost), and `other` is archived, pointing at `keep`.
pub(super) fn merge(cx: &mut Cx, keep: ContactId, other: ContactId) -> Result<Reply> {
    if keep == other {
        return Err(Error::MergeSelf(keep));
    }
    let k = cx.load_live(keep)?;
    let o = cx.load_live(other)?;
    let mut patch = ContactPatch::default();
    let mut conflicts: Vec<String> = Vec::new();
    let texts: [MergeSlot; 9] = [
        (
            "honorific",
            &k.honorific,
            &o.honorific,
            &mut patch.honorific,
        ),
        ("phone", &k.phone, &o.phone, &mut patch.phone),
        ("wechat", &k.wechat, &o.wechat, &mut patch.wechat),
        ("company", &k.company, &o.company, &mut patch.company),
        ("source", &k.source, &o.source, &mut patch.source),
        ("need", &k.need, &o.need, &mut patch.need),
        ("budget", &k.budget, &o.budget, &mut patch.budget),
        ("email", &k.email, &o.email, &mut patch.email),
        ("notes", &k.notes, &o.notes, &mut patch.notes),
    ];
    for (label, mine, theirs, slot) in texts {
        match (mine, theirs) {
            (None, Some(v)) => *slot = Some(Some(v.clone())),
            // Notes are the rep's own words about one person: both are kept, one after the
            // other, not set aside as a conflict.
            (Some(a), Some(b)) if label == "notes" && !a.contains(b.as_str()) => {
                *slot = Some(Some(format!("{a}\n{b}")));
            }
            (Some(a), Some(b)) if a != b && label != "notes" => {
                conflicts.push(format!("{label}: {b}"))
            }
            _ => {}
        }
    }
    if k.grade.is_none() && o.grade.is_some() {
        patch.grade = Some(o.grade);
    }
    if k.birthday.is_none() && o.birthday.is_some() {
        patch.birthday = Some(o.birthday);
    }
    if k.anniversary.is_none() && o.anniversary.is_some() {
        patch.anniversary = Some(o.anniversary);
    }
    patch.add_tags = o
        .tags
        .iter()
        .filter(|t| !k.tags.contains(t))
        .cloned()
        .collect();
    let mut merged = k.clone();
    super::apply::apply_patch(&mut merged, &patch)?;
    let changes = describe_changes(&k, &merged, &patch);
    cx.w.update_fields(&merged, cx.now)?;
    for tag in &patch.add_tags {
        cx.w.add_tag(keep, tag)?;
    }
    cx.w.move_history(other, keep)?;
    cx.w.set_archived(other, true, cx.now)?;
    cx.w.set_merged_into(other, Some(keep), cx.now)?;
    // The duplicate already bought (its win and purchases came over with its history): the
    // lead kept, open or marked lost, is that customer, in 理售后, as `won` leaves one.
    if k.outcome != Outcome::Won && o.outcome == Outcome::Won {
        cx.w.set_outcome(keep, Outcome::Won, None, cx.now)?;
        if merged.stage != Stage::Aftercare {
            super::apply::change_stage(cx, keep, merged.stage, Stage::Aftercare)?;
        }
    }
    let mut entry = Interaction::new(keep, cx.now, InteractionKind::Merged);
    let mut text = format!("#{other} {}", o.name);
    if !changes.is_empty() {
        text.push_str(&format!("; {}", changes.join("; ")));
    }
    if !conflicts.is_empty() {
        text.push_str(&format!("; ≠ {}", conflicts.join("; ")));
    }
    entry.text = Some(text);
    let entry = cx.w.insert_interaction(&entry)?;
    if k.grade != merged.grade {
        cx.w.set_grade_change(entry, k.grade, merged.grade)?;
    }
    Ok(Reply::Contact(keep))
}
