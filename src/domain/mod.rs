//! Pure types and rules of the sales book. No I/O and no clock reads: time is passed in.

pub mod agenda_card;
pub mod appointment;
pub mod budget;
pub mod clock;
pub mod command;
pub mod condition;
pub mod contact;
pub mod customer;
pub mod derived;
pub mod error;
#[cfg(test)]
pub(crate) mod fixtures;
pub mod followup;
pub mod grade;
pub mod interaction;
pub mod lifecycle;
pub mod money;
pub mod outcome;
pub mod phone;
pub mod placeholder;
pub mod records_seal;
pub mod script_values;
pub mod search;
pub mod signal;
pub mod sop;
pub mod sop_parts;
pub mod sop_syntax;
pub mod stage;
pub mod state;
pub mod state_digest;
pub mod state_stream;
pub mod tag;
#[cfg(test)]
mod takeover_tests;
pub mod text;
pub mod tier;
pub mod urgency;
pub mod walk;
pub mod when;
pub mod written_date;
pub mod zone;

pub use contact::{Contact, ContactId, ContactPatch, NewContact};
pub use grade::Grade;
pub use interaction::{Channel, GradeChange, Interaction, InteractionKind};
pub use outcome::Outcome;
pub use stage::Stage;
pub use tag::{Tag, TagRef};
pub use tier::Tier;
