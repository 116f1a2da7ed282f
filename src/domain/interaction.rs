//! The timeline: every touch and every change, with its time.

use super::{ContactId, Grade, Stage};
use chrono::{DateTime, Utc};
use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum InteractionKind {
    Created,
    Note,
    Message,
    Call,
    Meeting,
    ScriptSent,
    StageChange,
    Won,
    Lost,
    Reopened,
    Edited,
    Archived,
    Unarchived,
    FollowupDone,
    FollowupSkipped,
    FollowupSnoozed,
    /// The customer's own message, question or like.
    Inbound,
    /// Another contact's record joined this one.
    Merged,
    /// Came into the book from another tool's file: nothing falls due before it.
    Imported,
    /// A relationship already under way before the import, at the last contact the file
    /// gave (else at the import): no first reply is owed, and the rhythm resumes from it.
    /// Never a touch of the rep's in this book.
    PriorContact,
}

impl InteractionKind {
    pub const ALL: [InteractionKind; 20] = [
        InteractionKind::Created,
        InteractionKind::Note,
        InteractionKind::Message,
        InteractionKind::Call,
        InteractionKind::Meeting,
        InteractionKind::ScriptSent,
        InteractionKind::StageChange,
        InteractionKind::Won,
        InteractionKind::Lost,
        InteractionKind::Reopened,
        InteractionKind::Edited,
        InteractionKind::Archived,
        InteractionKind::Unarchived,
        InteractionKind::FollowupDone,
        InteractionKind::FollowupSkipped,
        InteractionKind::FollowupSnoozed,
        InteractionKind::Inbound,
        InteractionKind::Merged,
        InteractionKind::Imported,
        InteractionKind::PriorContact,
    ];

    pub fn key(self) -> &'static str {
        match self {
            InteractionKind::Created => "created",
            InteractionKind::Note => "note",
            InteractionKind::Message => "message",
            InteractionKind::Call => "call",
            InteractionKind::Meeting => "meeting",
            InteractionKind::ScriptSent => "script_sent",
            InteractionKind::StageChange => "stage_change",
            InteractionKind::Won => "won",
            InteractionKind::Lost => "lost",
            InteractionKind::Reopened => "reopened",
            InteractionKind::Edited => "edited",
            InteractionKind::Archived => "archived",
            InteractionKind::Unarchived => "unarchived",
            InteractionKind::FollowupDone => "followup_done",
            InteractionKind::FollowupSkipped => "followup_skipped",
            InteractionKind::FollowupSnoozed => "followup_snoozed",
            InteractionKind::Inbound => "inbound",
            InteractionKind::Merged => "merged",
            InteractionKind::Imported => "imported",
            InteractionKind::PriorContact => "prior_contact",
        }
    }

    /// A touch is real contact with the customer: it resets follow-up cadences.
    pub fn is_touch(self) -> bool {
        matches!(
            self,
            InteractionKind::Message
                | InteractionKind::Call
                | InteractionKind::Meeting
                | InteractionKind::ScriptSent
                | InteractionKind::FollowupDone
        )
    }

    /// A touch the customer took part in (a call, a meeting): their side of it shows they
    /// are still there, as a message of theirs does.
    pub fn is_conversation(self) -> bool {
        matches!(self, InteractionKind::Call | InteractionKind::Meeting)
    }
}

impl fmt::Display for InteractionKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

impl FromStr for InteractionKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        InteractionKind::ALL
            .into_iter()
            .find(|k| k.key() == s)
            .ok_or_else(|| format!("unknown interaction kind '{s}'"))
    }
}

/// The channel a touch went through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Channel {
    Wechat,
    Phone,
    Meeting,
    Other,
}

impl Channel {
    pub const ALL: [Channel; 4] = [
        Channel::Wechat,
        Channel::Phone,
        Channel::Meeting,
        Channel::Other,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Channel::Wechat => "wechat",
            Channel::Phone => "phone",
            Channel::Meeting => "meeting",
            Channel::Other => "other",
        }
    }

    pub fn zh(self) -> &'static str {
        match self {
            Channel::Wechat => "微信",
            Channel::Phone => "电话",
            Channel::Meeting => "面谈",
            Channel::Other => "其他",
        }
    }

    /// The kind of timeline entry a logged touch on this channel becomes.
    pub fn touch_kind(self) -> InteractionKind {
        match self {
            Channel::Wechat | Channel::Other => InteractionKind::Message,
            Channel::Phone => InteractionKind::Call,
            Channel::Meeting => InteractionKind::Meeting,
        }
    }
}

impl fmt::Display for Channel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

impl FromStr for Channel {
    type Err = super::error::FieldError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        Channel::ALL
            .into_iter()
            .find(|c| c.key().eq_ignore_ascii_case(t) || c.zh() == t)
            .ok_or_else(|| super::error::FieldError::UnknownChannel(s.to_string()))
    }
}

/// A change of a contact's grade: before, after (either may be none: a first grading, a
/// grade cleared).
pub type GradeChange = (Option<Grade>, Option<Grade>);

/// One entry of a contact's timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct Interaction {
    pub id: i64,
    pub contact_id: ContactId,
    pub at: DateTime<Utc>,
    pub kind: InteractionKind,
    pub channel: Option<Channel>,
    pub text: Option<String>,
    pub from_stage: Option<Stage>,
    pub to_stage: Option<Stage>,
    pub script_id: Option<String>,
    pub amount_cents: Option<i64>,
    pub product: Option<String>,
    /// An edit's or a merge's change of the contact's grade.
    pub grade_change: Option<GradeChange>,
}

impl Interaction {
    /// A blank entry of `kind`; callers fill in what applies.
    pub fn new(contact_id: ContactId, at: DateTime<Utc>, kind: InteractionKind) -> Self {
        Interaction {
            id: 0,
            contact_id,
            at,
            kind,
            channel: None,
            text: None,
            from_stage: None,
            to_stage: None,
            script_id: None,
            amount_cents: None,
            product: None,
            grade_change: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_and_touches() {
        for k in InteractionKind::ALL {
            assert_eq!(k.key().parse::<InteractionKind>().unwrap(), k);
        }
        assert!(InteractionKind::Call.is_touch());
        assert!(InteractionKind::ScriptSent.is_touch());
        assert!(!InteractionKind::Note.is_touch());
        assert!(!InteractionKind::StageChange.is_touch());
        let talks: Vec<_> = InteractionKind::ALL
            .into_iter()
            .filter(|k| k.is_conversation())
            .collect();
        assert_eq!(talks, [InteractionKind::Call, InteractionKind::Meeting]);
        assert!(talks.iter().all(|k| k.is_touch()));
    }

    #[test]
    fn channels_parse_and_map_to_kinds() {
        assert_eq!("微信".parse::<Channel>().unwrap(), Channel::Wechat);
        assert_eq!(
            "PHONE".parse::<Channel>().unwrap().touch_kind(),
            InteractionKind::Call
        );
        assert_eq!(
            "fax".parse::<Channel>(),
            Err(crate::domain::error::FieldError::UnknownChannel(
                "fax".into()
            ))
        );
    }

    #[test]
    fn kinds_are_stored_under_their_own_keys() {
        let keys: Vec<_> = InteractionKind::ALL.iter().map(|k| k.to_string()).collect();
        assert_eq!(
            keys,
            [
                "created",
                "note",
                "message",
                "call",
                "meeting",
                "script_sent",
                "stage_change",
                "won",
                "lost",
                "reopened",
                "edited",
                "archived",
                "unarchived",
                "followup_done",
                "followup_skipped",
                "followup_snoozed",
                "inbound",
                "merged",
                "imported",
                "prior_contact",
            ]
        );
        assert_eq!(
            "Call".parse::<InteractionKind>(),
            Err("unknown interaction kind 'Call'".to_string())
        );
    }

    #[test]
    fn only_contact_with_the_customer_is_a_touch() {
        let touches: Vec<_> = InteractionKind::ALL
            .into_iter()
            .filter(|k| k.is_touch())
            .collect();
        assert_eq!(
            touches,
            [
                InteractionKind::Message,
                InteractionKind::Call,
                InteractionKind::Meeting,
                InteractionKind::ScriptSent,
                InteractionKind::FollowupDone,
            ]
        );
    }

    #[test]
    fn each_channel_has_its_names_and_kind_of_touch() {
        let all: Vec<_> = Channel::ALL
            .iter()
            .map(|c| (c.to_string(), c.zh(), c.touch_kind()))
            .collect();
        assert_eq!(
            all,
            [
                ("wechat".to_string(), "微信", InteractionKind::Message),
                ("phone".into(), "电话", InteractionKind::Call),
                ("meeting".into(), "面谈", InteractionKind::Meeting),
                ("other".into(), "其他", InteractionKind::Message),
            ]
        );
        for c in Channel::ALL {
            assert_eq!(c.key().parse(), Ok(c));
            assert_eq!(format!(" {} ", c.zh()).parse(), Ok(c));
        }
    }
}
