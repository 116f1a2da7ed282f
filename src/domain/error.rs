//! What can be wrong with a value a rep types, as data: each front end words it in the UI's
//! language (see `crate::i18n::errors`), the command line with the flag to fix.

use std::fmt;

/// Which field of a contact a value was for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Name,
    Honorific,
    Phone,
    Wechat,
    Company,
    Source,
    Need,
    Budget,
    Notes,
    Email,
    Tag,
    Reason,
    Note,
    Product,
}

impl Field {
    /// The command-line flag that sets the field.
    pub fn flag(self) -> &'static str {
        match self {
            Field::Name => "--name",
            Field::Honorific => "--honorific",
            Field::Phone => "--phone",
            Field::Wechat => "--wechat",
            Field::Company => "--company",
            Field::Source => "--source",
            Field::Need => "--need",
            Field::Budget => "--budget",
            Field::Notes | Field::Note => "--note",
            Field::Email => "--email",
            Field::Tag => "--tag",
            Field::Reason => "--reason",
            Field::Product => "--product",
        }
    }
}

/// A value that cannot be accepted, with what was typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldError {
    /// A required value is empty (a contact's name, a lost reason, a log note…).
    Missing(Field),
    TooLong {
        field: Field,
        chars: usize,
        max: usize,
    },
    /// A single-line value that holds only invisible characters (zero-width, bidi marks…).
    Invisible(Field),
    BadPhone(String),
    PhoneDigits(String),
    /// A landline with its extension: the number, and the extension to keep elsewhere.
    PhoneExtension {
        number: String,
        extension: String,
    },
    BadEmail(String),
    /// A WeChat ID with stars in it: masked (`wx***88`, from a masked export), not an ID.
    MaskedWechat(String),
    BadTag(String),
    BadAmount(String),
    /// A sale of nothing: `won --amount 0`.
    ZeroAmount,
    /// A time for snooze / follow-up: `+3d`, a date, a date and time.
    BadTime(String),
    /// Written as a date (and time) that the calendar does not have: `2026-02-30`.
    NoSuchTime(String),
    /// A time further ahead than anyone plans a follow-up.
    TooFarAhead(String),
    BadDate(String),
    /// Written as a date that the calendar does not have: `2026-02-30`.
    NoSuchDate(String),
    /// Not a day `agenda --date` reads: a date or a day word.
    BadDay(String),
    /// A birthday after today, or before 1900.
    BirthdayNotPast(String),
    UnknownStage(String),
    UnknownGrade(String),
    UnknownOutcome(String),
    UnknownChannel(String),
    UnknownLifecycle(String),
    UnknownTier(String),
}

impl fmt::Display for FieldError {
    /// A bare description for logs; the front ends word it through `i18n::errors`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid value: {self:?}")
    }
}

impl std::error::Error for FieldError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_field_names_the_flag_that_sets_it() {
        let flags: Vec<_> = [
            Field::Name,
            Field::Honorific,
            Field::Phone,
            Field::Wechat,
            Field::Company,
            Field::Source,
            Field::Need,
            Field::Budget,
            Field::Notes,
            Field::Note,
            Field::Email,
            Field::Tag,
            Field::Reason,
            Field::Product,
        ]
        .iter()
        .map(|f| f.flag())
        .collect();
        assert_eq!(
            flags,
            [
                "--name",
                "--honorific",
                "--phone",
                "--wechat",
                "--company",
                "--source",
                "--need",
                "--budget",
                "--note",
                "--note",
                "--email",
                "--tag",
                "--reason",
                "--product",
            ]
        );
    }

    #[test]
    fn shown_bare_for_logs_with_what_was_typed() {
        assert_eq!(
            FieldError::BadPhone("call me".into()).to_string(),
            "invalid value: BadPhone(\"call me\")"
        );
        assert_eq!(
            FieldError::Missing(Field::Name).to_string(),
            "invalid value: Missing(Name)"
        );
    }
}
