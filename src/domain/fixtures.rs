//! Test fixtures for the domain's unit tests: a blank contact, the built-in default template,
//! and a contact's history that lends itself as [`Facts`].

use super::followup::{Appointment, Closed, Facts, Inbound, Purchase, Snooze};
use super::sop::Template;
use super::{Contact, Stage};
use chrono::{DateTime, FixedOffset, Utc};

/// A contact's logged state with only its name and stage set.
pub fn state(name: &str, stage: Stage) -> super::state::ContactState {
    super::state::ContactState::of(&Contact {
        name: name.into(),
        stage,
        ..blank_contact(DateTime::UNIX_EPOCH)
    })
}

/// An RFC 3339 time, as UTC.
pub fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s)
        .unwrap_or_else(|e| panic!("bad test time {s}: {e}"))
        .with_timezone(&Utc)
}

/// China Standard Time.
pub fn cn() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).unwrap()
}

/// The built-in default template.
pub fn default_template() -> Template {
    crate::sop::Library::builtin(crate::sop::DEFAULT_ID)
        .expect("the default template is built in")
        .template
}

/// An open, ungraded contact in the first stage, created at `created`.
pub fn blank_contact(created: DateTime<Utc>) -> Contact {
    Contact::blank(1, "张三", created)
}

/// A contact and what happened with it, owned; [`History::facts`] lends it to the engine.
#[derive(Debug, Clone)]
pub struct History {
    pub contact: Contact,
    pub won_at: Option<DateTime<Utc>>,
    pub touches: Vec<DateTime<Utc>>,
    pub inbound: Vec<Inbound>,
    pub conversations: Vec<DateTime<Utc>>,
    pub closed: Vec<Closed>,
    pub snoozed: Vec<Snooze>,
    pub purchases: Vec<Purchase>,
    pub appointments: Vec<Appointment>,
    pub arrived: Option<DateTime<Utc>>,
    pub prior_contact: Option<DateTime<Utc>>,
    pub resumed: Option<DateTime<Utc>>,
    pub lost_at: Option<DateTime<Utc>>,
    pub template_since: Option<DateTime<Utc>>,
}

impl History {
    pub fn new(created: DateTime<Utc>) -> History {
        History {
            contact: blank_contact(created),
            won_at: None,
            touches: Vec::new(),
            inbound: Vec::new(),
            conversations: Vec::new(),
            closed: Vec::new(),
            snoozed: Vec::new(),
            purchases: Vec::new(),
            appointments: Vec::new(),
            arrived: None,
            prior_contact: None,
            resumed: None,
            lost_at: None,
            template_since: None,
        }
    }

    pub fn facts(&self) -> Facts<'_> {
        Facts {
            contact: &self.contact,
            grade_since: self.contact.grade_since,
            stage_since: self.contact.stage_since,
            won_at: self.won_at,
            touches: &self.touches,
            inbound: &self.inbound,
            conversations: &self.conversations,
            closed: &self.closed,
            snoozed: &self.snoozed,
            purchases: &self.purchases,
            appointments: &self.appointments,
            arrived: self.arrived,
            prior_contact: self.prior_contact,
            resumed: self.resumed,
            lost_at: self.lost_at,
            template_since: self.template_since,
        }
    }
}
