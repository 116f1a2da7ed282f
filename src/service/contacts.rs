//! Reading contacts: one, a listing, the board, a search — through the reader or inside a
//! write, the same calls.

use super::error::{Error, Result};
use super::session::View;
use crate::domain::followup::Lifecycle;
use crate::domain::{Contact, ContactId, Interaction};
use crate::store::ContactFilter;

/// A listing's filters that need the template (lifecycle, rotting) besides the stored ones.
#[derive(Debug, Clone, Default)]
pub struct ListQuery {
    pub filter: ContactFilter,
    pub lifecycle: Option<Lifecycle>,
    pub rotting: bool,
}

impl View<'_> {
    pub fn contact(&self, id: ContactId) -> Result<Contact> {
        self.snap.contact(id)?.ok_or(Error::NoContact(id))
    }

    /// Other contacts with contact `id`'s name and the same company (or with no company
    /// where one of the two has none): perhaps the same person, said after an add.
    pub fn same_name(&self, id: ContactId) -> Result<Vec<ContactId>> {
        let c = self.contact(id)?;
        Ok(self
            .snap
            .contacts_sharing(&[], None, Some(&c.name))?
            .into_iter()
            .filter(|k| k.id != id)
            .filter(|k| match (&k.company, &c.company) {
                (Some(a), Some(b)) => a == b,
                _ => true,
            })
            .map(|k| k.id)
            .collect())
    }

    /// How many purchases contact `id` has: its win, and each time it bought again.
    pub fn purchase_count(&self, id: ContactId) -> Result<usize> {
        Ok(self.snap.purchases_of(id)?.len())
    }

    /// Refuses a filter on a tag that neither the template's taxonomy nor the book has (a
    /// typo would list nobody, as if nobody had the tag), naming the nearest ones.
    pub fn check_filter_tag(&self, tag: &crate::domain::TagRef) -> Result<()> {
        let t = self.template();
        if t.tag_groups.iter().any(|g| g.contains(tag)) || self.snap.tag_known(tag)? {
            return Ok(());
        }
        Err(super::SopError::NoSuchTag {
            tag: tag.to_string(),
            closest: super::apply_sop::closest_tags(t, Some(&self.snap), tag, true)?,
        }
        .into())
    }

    /// The contact, if the book has one with this id.
    pub fn find(&self, id: ContactId) -> Result<Option<Contact>> {
        Ok(self.snap.contact(id)?)
    }

    /// One timeline entry.
    pub fn entry(&self, id: i64) -> Result<Option<Interaction>> {
        Ok(self.snap.interaction(id)?)
    }

    pub fn stage_history(&self, id: ContactId) -> Result<Vec<crate::domain::state::StageRow>> {
        Ok(self.snap.stage_history(id)?)
    }

    pub fn followup(&self, id: i64) -> Result<crate::store::Followup> {
        self.snap.followup(id)?.ok_or(Error::NoFollowup(id))
    }

    /// The deadline a follow-up had already missed when it was snoozed: the report judges
    /// it by that, not by its new time.
    pub fn missed_deadline(&self, id: i64) -> Result<Option<chrono::DateTime<chrono::Utc>>> {
        Ok(self.snap.missed_deadline(id)?)
    }

    /// A skipped follow-up was skipped after its deadline: the report counts it missed.
    pub fn skipped_late(&self, id: i64) -> Result<bool> {
        let f = self.followup(id)?;
        let Some(closed) = f.closed_at.filter(|_| f.status == "skipped") else {
            return Ok(false);
        };
        let deadline = self.missed_deadline(id)?.unwrap_or(f.due);
        let offset = *self.session.clock.local(closed).offset();
        Ok(!crate::report::figures::on_time(
            f.track, deadline, closed, offset,
        ))
    }

    pub fn open_followups_of(&self, id: ContactId) -> Result<Vec<crate::store::Followup>> {
        Ok(self.snap.open_followups_of(id)?)
    }

    /// The activity log, oldest first.
    pub fn events(&self) -> Result<Vec<crate::store::EventRow>> {
        Ok(self.snap.events()?)
    }

    pub fn count_events(&self) -> Result<i64> {
        Ok(self.snap.count_events()?)
    }

    pub fn schema_version(&self) -> Result<i64> {
        Ok(self.snap.schema_version()?)
    }

    pub fn timeline(&self, id: ContactId) -> Result<Vec<Interaction>> {
        self.contact(id)?;
        Ok(self.snap.timeline(id)?)
    }

    /// How many entries contact `id`'s timeline holds.
    pub fn timeline_len(&self, id: ContactId) -> Result<i64> {
        Ok(self.snap.timeline_len(id)?)
    }

    pub fn is_empty(&self) -> Result<bool> {
        Ok(self.snap.count_contacts()? == 0)
    }

    /// Every contact the query keeps, by id, one at a time: a listing never holds the whole
    /// book in memory.
    pub fn for_each_listed(
        &self,
        q: &ListQuery,
        mut f: impl FnMut(Contact) -> anyhow::Result<()>,
    ) -> Result<()> {
        self.snap.for_each_contact(&q.filter, |c| {
            if let Some(want) = q.lifecycle
                && self.lifecycle_of(&c)? != want
            {
                return Ok(());
            }
            if q.rotting && !self.is_rotting(&c) {
                return Ok(());
            }
            f(c)
        })?;
        Ok(())
    }

    pub fn list(&self, q: &ListQuery) -> Result<Vec<Contact>> {
        let mut out = Vec::new();
        self.for_each_listed(q, |c| {
            out.push(c);
            Ok(())
        })?;
        Ok(out)
    }

    pub fn search(
        &self,
        query: &str,
        limit: usize,
        include_archived: bool,
    ) -> Result<crate::store::SearchResults> {
        Ok(self.snap.search(query, limit, include_archived)?)
    }

    /// Open contacts and won ones in after-sale care, most recently active first.
    pub fn board_contacts(&self) -> Result<Vec<Contact>> {
        Ok(self.snap.board_contacts()?)
    }
}
