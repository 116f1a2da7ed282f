//! Pure types and rules of the sales book. No I/O and no clock reads: time is passed in.

pub mod command;
pub mod contact;
pub mod error;
pub mod followup;
pub mod grade;
pub mod interaction;
pub mod lifecycle;
pub mod money;
pub mod outcome;
pub mod placeholder;
pub mod search;
pub mod sop;
pub mod stage;
pub mod state;
pub mod tag;
pub mod text;
pub mod urgency;
pub mod when;
pub mod zone;

pub use contact::{Contact, ContactId, ContactPatch, NewContact};
pub use grade::Grade;
pub use interaction::{Channel, Interaction, InteractionKind};
pub use outcome::Outcome;
pub use stage::Stage;
pub use tag::{Tag, TagRef};
