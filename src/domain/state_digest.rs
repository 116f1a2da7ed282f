//! A contact's state as a 128-bit digest, for checking a log against a book without
//! keeping every state. Folding a demo's log kept 100,000 full states (tens of MB, a sixth
//! of a big report's time); a fold of digests keeps 16 bytes a contact, and the states are
//! read from the log's text in place. Equal states give equal digests; two different ones
//! collide with odds of 2^-128 under keys drawn afresh by each process, so a book cannot be
//! made to collide in advance. Anything a digest fold finds wrong is looked at again with
//! the states themselves (`verify` does that), so only a clean result rests on digests.

use super::state::ContactState;
use super::{Contact, ContactId, Grade, Outcome, Stage};
use chrono::NaiveDate;
use serde::{Deserialize, Deserializer};
use siphasher::sip128::{Hasher128, SipHasher13};
use std::borrow::Cow;
use std::hash::{BuildHasher, Hash, RandomState};
use std::sync::OnceLock;

/// A contact's state with its text borrowed: from the log's JSON where it has no escapes,
/// from a contact or a [`ContactState`]. Its fields, names and defaults are
/// [`ContactState`]'s, so that both read the same JSON alike.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Deserialize)]
pub struct StateRef<'a> {
    #[serde(borrow)]
    name: Cow<'a, str>,
    #[serde(default, borrow)]
    honorific: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    phone: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    wechat: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    company: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    source: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    need: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    budget: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    email: Option<Cow<'a, str>>,
    #[serde(default)]
    birthday: Option<NaiveDate>,
    #[serde(default)]
    anniversary: Option<NaiveDate>,
    #[serde(default)]
    grade: Option<Grade>,
    stage: Stage,
    outcome: Outcome,
    #[serde(default, borrow)]
    lost_reason: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    notes: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    owner: Option<Cow<'a, str>>,
    #[serde(default)]
    archived: bool,
    #[serde(default)]
    merged_into: Option<ContactId>,
    #[serde(default, borrow)]
    tags: Vec<Cow<'a, str>>,
    created_at: i64,
}

fn text(s: &Option<String>) -> Option<Cow<'_, str>> {
    s.as_deref().map(Cow::Borrowed)
}

/// A [`StateRef`] borrowing the fields `ContactState` and `Contact` share by name.
macro_rules! borrowed {
    ($s:expr, tags: $tags:expr, created_at: $created:expr) => {
        StateRef {
            name: Cow::Borrowed(&$s.name),
            honorific: text(&$s.honorific),
            phone: text(&$s.phone),
            wechat: text(&$s.wechat),
            company: text(&$s.company),
            source: text(&$s.source),
            need: text(&$s.need),
            budget: text(&$s.budget),
            email: text(&$s.email),
            birthday: $s.birthday,
            anniversary: $s.anniversary,
            grade: $s.grade,
            stage: $s.stage,
            outcome: $s.outcome,
            lost_reason: text(&$s.lost_reason),
            notes: text(&$s.notes),
            owner: text(&$s.owner),
            archived: $s.archived,
            merged_into: $s.merged_into,
            tags: $tags,
            created_at: $created,
        }
    };
}

impl<'a> StateRef<'a> {
    pub fn of_state(s: &'a ContactState) -> StateRef<'a> {
        borrowed!(s,
            tags: s.tags.iter().map(|t| Cow::Borrowed(t.as_str())).collect(),
            created_at: s.created_at)
    }

    /// `ContactState::of(c)`, borrowed: only the tags are made (`group/tag`, sorted, no
    /// repeats).
    pub fn of_contact(c: &'a Contact) -> StateRef<'a> {
        let mut tags: Vec<Cow<str>> = c.tags.iter().map(|t| Cow::Owned(t.to_string())).collect();
        tags.sort();
        tags.dedup();
        borrowed!(c, tags: tags, created_at: c.created_at.timestamp())
    }

    /// One pass of 128-bit SipHash-1-3 under this process's keys (two 64-bit passes cost
    /// a big report twice the hashing).
    pub fn digest(&self) -> Digest {
        static KEYS: OnceLock<(u64, u64)> = OnceLock::new();
        let &(k0, k1) = KEYS.get_or_init(|| {
            // The standard library's per-process random keys, drawn out as two numbers.
            let r = RandomState::new();
            (r.hash_one(0u8), r.hash_one(1u8))
        });
        let mut h = SipHasher13::new_with_keys(k0, k1);
        self.hash(&mut h);
        Digest(h.finish128().as_u128())
    }
}

/// What a digest fold keeps of a state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Digest(u128);

impl Digest {
    pub fn of_contact(c: &Contact) -> Digest {
        StateRef::of_contact(c).digest()
    }
}

impl<'de> Deserialize<'de> for Digest {
    /// A state's JSON read in place and digested: nothing of it is kept.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Digest, D::Error> {
        Ok(StateRef::deserialize(d)?.digest())
    }
}

#[cfg(test)]
mod tests;
