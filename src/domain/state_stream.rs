//! Folding a log entry straight from its JSON text. A demo or an import writes one entry
//! for 100,000 contacts; decoding it into a list first held every change at once (about
//! 100 MB, and a fifth of a check's time spent growing that list). Here each change is
//! applied to the fold as it is read, and dropped.

use super::records_seal::SealChange;
use super::state::{ContactChange, Effect, FoldConflict, Folded, GenesisContact};
use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::fmt;

/// Applies the entry whose detail is `text` to `fold`, as folding its decoded
/// [`EventDetail`](super::state::EventDetail) would: a genesis entry starts the fold over
/// (its other changes count for nothing), any other applies its contact changes in order.
/// Returns the conflicts found. On an error the entry cannot be read; the changes read
/// before the fault have been applied.
pub fn fold_detail<'t, S: Kept<'t>>(
    text: &'t str,
    fold: &mut Folded<S>,
) -> serde_json::Result<Vec<FoldConflict<S>>> {
    fold_entry(text, fold).map(|f| f.conflicts)
}

/// What folding one entry found: its conflicts, and what it says it did to the book's
/// sealed records.
pub struct Folding<S> {
    pub conflicts: Vec<FoldConflict<S>>,
    pub records: Option<SealChange>,
}

/// [`fold_detail`], with the entry's seal of the records.
pub fn fold_entry<'t, S: Kept<'t>>(
    text: &'t str,
    fold: &mut Folded<S>,
) -> serde_json::Result<Folding<S>> {
    let mut de = serde_json::Deserializer::from_str(text);
    let folding = Detail { fold }.deserialize(&mut de)?;
    de.end()?;
    Ok(folding)
}

/// What a fold can keep of a contact's state: the state itself, or its digest.
pub trait Kept<'de>: Deserialize<'de> + Clone + PartialEq {}
impl<'de, S: Deserialize<'de> + Clone + PartialEq> Kept<'de> for S {}

struct Detail<'f, S> {
    fold: &'f mut Folded<S>,
}

impl<'de, S: Kept<'de>> DeserializeSeed<'de> for Detail<'_, S> {
    type Value = Folding<S>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_struct("EventDetail", &FIELDS, self)
    }
}

impl<'de, S: Kept<'de>> Visitor<'de> for Detail<'_, S> {
    type Value = Folding<S>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a log entry's detail")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut conflicts = Vec::new();
        let mut seen = [false; FIELDS.len()];
        let mut genesis: Option<Vec<GenesisContact<S>>> = None;
        let mut records = None;
        while let Some(key) = map.next_key::<String>()? {
            let field = FIELDS.iter().position(|f| *f == key);
            if let Some(i) = field
                && std::mem::replace(&mut seen[i], true)
            {
                return Err(de::Error::duplicate_field(FIELDS[i]));
            }
            match field.map(|i| FIELDS[i]) {
                Some("contacts") => map.next_value_seed(Changes {
                    fold: &mut *self.fold,
                    conflicts: &mut conflicts,
                })?,
                Some("effects") => {
                    // Read to be checked like the rest; folding does not use them.
                    map.next_value::<Vec<Effect>>()?;
                }
                Some("genesis") => genesis = map.next_value()?,
                Some("records") => records = map.next_value()?,
                // The command, and fields the decoder passes over.
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(Folding {
            conflicts: self.finish(genesis, conflicts),
            records,
        })
    }

    /// The fields by position, as a derived decoder also takes them (nothing writes this).
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut conflicts = Vec::new();
        let done = seq.next_element::<IgnoredAny>()?.is_none()
            || seq
                .next_element_seed(Changes {
                    fold: &mut *self.fold,
                    conflicts: &mut conflicts,
                })?
                .is_none()
            || seq.next_element::<Vec<Effect>>()?.is_none();
        let (genesis, records) = match done {
            true => (None, None),
            false => (
                seq.next_element::<Option<Vec<GenesisContact<S>>>>()?
                    .flatten(),
                seq.next_element::<Option<SealChange>>()?.flatten(),
            ),
        };
        Ok(Folding {
            conflicts: self.finish(genesis, conflicts),
            records,
        })
    }
}

impl<S: Clone + PartialEq> Detail<'_, S> {
    /// A genesis starts the fold over from its snapshot: whatever else the entry changed,
    /// and the conflicts found there, count for nothing.
    fn finish(
        self,
        genesis: Option<Vec<GenesisContact<S>>>,
        conflicts: Vec<FoldConflict<S>>,
    ) -> Vec<FoldConflict<S>> {
        let Some(g) = genesis else {
            return conflicts;
        };
        let start: Vec<_> = g.into_iter().map(|g| (g.id, g.state, g.stages)).collect();
        self.fold.start_from(&start);
        Vec::new()
    }
}

/// The detail's fields, as [`EventDetail`](super::state::EventDetail) names them.
const FIELDS: [&str; 5] = ["command", "contacts", "effects", "genesis", "records"];

/// The entry's contact changes, each applied as soon as it is read.
struct Changes<'a, S> {
    fold: &'a mut Folded<S>,
    conflicts: &'a mut Vec<FoldConflict<S>>,
}

impl<'de, S: Kept<'de>> DeserializeSeed<'de> for Changes<'_, S> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de, S: Kept<'de>> Visitor<'de> for Changes<'_, S> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of contact changes")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(ch) = seq.next_element::<ContactChange<S>>()? {
            if let Err(c) = self.fold.apply(ch) {
                self.conflicts.push(*c);
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
