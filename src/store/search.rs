//! The search index, kept in step with every write: for each contact, three full-text
//! documents (name; other fields; notes and timeline) and its pinyin rows, all under the
//! contact's order key. See migration 4 in `schema.rs` for the tables. Writing is in
//! [`index`], answering a query in [`query`].

mod index;
mod query;

#[allow(unused_imports)] // `index_doc` and `reindex_contact`: see `index`.
pub(crate) use index::{Batch, index_doc, rebuild_all, reindex_contact, reindex_contacts};
pub(crate) use query::search;
pub use query::{SearchHit, SearchResults, TOTAL_CAP};

use super::{Snap, Store, Writer};
use crate::domain::search::is_cjk;
use crate::domain::{Contact, ContactId};
use anyhow::Result;

/// What gets indexed for one contact.
pub(crate) struct SearchDoc<'a> {
    pub id: ContactId,
    pub name: &'a str,
    pub honorific: Option<&'a str>,
    pub company: Option<&'a str>,
    pub source: Option<&'a str>,
    pub wechat: Option<&'a str>,
    pub phone: Option<&'a str>,
    pub need: Option<&'a str>,
    pub budget: Option<&'a str>,
    pub tags: Vec<String>,
    pub notes: Option<&'a str>,
    /// Distinct texts of the timeline.
    pub timeline: Vec<String>,
    pub archived: bool,
    /// Last activity, Unix seconds.
    pub recency: i64,
}

/// A [`SearchDoc`] of the text fields of `$c` (a `Contact` or a `NewContact`: they name
/// their fields alike).
macro_rules! search_doc {
    ($c:expr, id: $id:expr, timeline: $timeline:expr, archived: $archived:expr, recency: $recency:expr) => {
        $crate::store::search::SearchDoc {
            id: $id,
            name: &$c.name,
            honorific: $c.honorific.as_deref(),
            company: $c.company.as_deref(),
            source: $c.source.as_deref(),
            wechat: $c.wechat.as_deref(),
            phone: $c.phone.as_deref(),
            need: $c.need.as_deref(),
            budget: $c.budget.as_deref(),
            tags: $c.tags.iter().map(|t| t.to_string()).collect(),
            notes: $c.notes.as_deref(),
            timeline: $timeline,
            archived: $archived,
            recency: $recency,
        }
    };
}
pub(crate) use search_doc;

/// Which text a pinyin row spells (the `field` column): it names the field a hit
/// matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Spelled {
    Name = 0,
    Company = 1,
    Source = 2,
    Tag = 3,
}

impl Spelled {
    fn from_code(code: i64) -> Spelled {
        match code {
            1 => Spelled::Company,
            2 => Spelled::Source,
            3 => Spelled::Tag,
            _ => Spelled::Name,
        }
    }

    /// The `matched` label of a hit through this text.
    pub(crate) fn label(self) -> &'static str {
        match self {
            Spelled::Name => "pinyin",
            Spelled::Company => "company",
            Spelled::Source => "source",
            Spelled::Tag => "tags",
        }
    }
}

/// The pinyin classes of `search_spell`.
pub(crate) const CLASS_NAME_NATURAL: i64 = 0;
pub(crate) const CLASS_NAME_OTHER: i64 = 1;
pub(crate) const CLASS_TEXT: i64 = 2;

impl Store {
    /// Throws the search index away and builds it again from the contacts, in one write.
    pub fn rebuild_search_index(&mut self) -> Result<()> {
        self.write(|w| rebuild_all(w.tx))
    }
}

impl Snap<'_> {
    /// The best `limit` contacts for `query`, and how many match in all: see [`search`].
    pub fn search(
        &self,
        query: &str,
        limit: usize,
        include_archived: bool,
    ) -> Result<SearchResults> {
        search(self.conn(), query, limit, include_archived)
    }
}

/// A contact created by the current write: its index entry, made from the contact as it
/// was written (see [`Writer::created_as`]), waiting for the commit.
pub(crate) type Fresh = index::Prepared;

impl Writer<'_> {
    pub(crate) fn reindex_dirty(&self) -> Result<()> {
        let ids: Vec<ContactId> = self.dirty.borrow().iter().copied().collect();
        let mut fresh = std::mem::take(&mut *self.fresh.borrow_mut());
        reindex_contacts(self.tx, &ids, &mut fresh)
    }

    /// A contact this write has just created, exactly as it now stands in the book, and
    /// the texts of its timeline entries in the book's order: its index entry is made from
    /// these and written at commit, instead of the contact being read back then (an import
    /// or a demo creates tens of thousands). Any later change to it in the same write drops
    /// the entry, and it is read back as usual.
    pub fn created_as<'t>(
        &self,
        contact: &Contact,
        texts: impl IntoIterator<Item = &'t str>,
    ) -> Result<()> {
        let timeline = index::timeline_texts(texts);
        let entry = index::Prepared::of(&index::doc_of(contact, timeline))?;
        self.fresh.borrow_mut().insert(contact.id, entry);
        Ok(())
    }
}

/// True when `q` is worth a search (not only spaces and punctuation).
pub fn searchable(q: &str) -> bool {
    q.chars().any(|c| c.is_alphanumeric() || is_cjk(c))
}
