//! Whether an imported contact is someone the rep already talks to, or a new lead still
//! owed a first reply.
//!
//! A rep's existing customer list must not arrive as hundreds of "new lead, reply within 10
//! minutes" items, nor count against the rep's first-reply figure. A list of fresh leads
//! must. The file usually tells which: a last-contact time, a grade, a stage past the
//! first, an outcome, purchases, or a date added more than a day ago. An address book's
//! own export (a phone's vCards, Google's or Outlook's contact CSV) holds people the rep
//! knows. The rep can say it for the whole file instead
//! (`--contacted`). Either way nothing falls due before the import: a new lead added last
//! week is owed its welcome from the moment it came in.

use super::model::ImportedContact;
use crate::domain::{Outcome, Stage};
use chrono::{DateTime, TimeDelta, Utc};

/// A contact added longer ago than this, with nothing else known, is someone the rep
/// already met: the welcome of a lead is a matter of minutes, not days.
const NEW_WITHIN: TimeDelta = TimeDelta::days(1);

/// `--contacted`: how to tell an existing relationship from a new lead.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Contacted {
    /// From what each record says.
    #[default]
    Auto,
    /// Every record is someone the rep already talks to.
    Yes,
    /// Every record is a new lead, owed a first reply.
    No,
}

impl Contacted {
    pub const KEYS: &'static [&'static str] = &["auto", "yes", "no"];

    /// The value as typed, or `None` when it is not one of [`Contacted::KEYS`].
    pub fn parse(s: &str) -> Option<Contacted> {
        match s.trim().to_ascii_lowercase().as_str() {
            "auto" => Some(Contacted::Auto),
            "yes" | "y" | "true" | "是" => Some(Contacted::Yes),
            "no" | "n" | "false" | "否" => Some(Contacted::No),
            _ => None,
        }
    }
}

/// What the decision needs besides the record: the rule and the time of the import.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Arrival {
    pub contacted: Contacted,
    pub now: DateTime<Utc>,
}

/// Whether the record is an existing relationship the book takes over. A record that
/// brings its past (a file that does, `FileMeta::brings_its_past`: salesbook's own CSV;
/// a column mapped to the timeline with touches in it) never is: its past goes into the
/// book as it happened, first reply included.
pub fn known_before(
    r: &ImportedContact,
    address_book: bool,
    brings_its_past: bool,
    a: &Arrival,
) -> bool {
    if brings_its_past || r.timeline.iter().any(|e| e.kind.is_touch()) {
        return false;
    }
    match a.contacted {
        Contacted::Yes => true,
        Contacted::No => false,
        Contacted::Auto => {
            address_book
                || r.last_touch_at.is_some()
                || r.grade.is_some()
                || r.stage.is_some_and(|s| s != Stage::Discover)
                || r.outcome.is_some_and(|o| o != Outcome::Open)
                || r.tier.is_some()
                || !r.purchases.is_empty()
                || r.created_at.is_some_and(|c| c + NEW_WITHIN < a.now)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Grade, InteractionKind};
    use crate::exchange::model::TimelineEntry;

    fn arrival(contacted: Contacted) -> Arrival {
        Arrival {
            contacted,
            now: "2026-12-02T10:00:00Z".parse().unwrap(),
        }
    }

    const ADDRESS_BOOK: bool = true;
    const OTHER_FILE: bool = false;

    fn named() -> ImportedContact {
        ImportedContact {
            name: "王芳".into(),
            phone: Some("13800138001".into()),
            ..Default::default()
        }
    }

    fn known(r: &ImportedContact) -> bool {
        known_before(r, OTHER_FILE, false, &arrival(Contacted::Auto))
    }

    #[test]
    fn a_name_and_number_alone_is_a_new_lead() {
        assert!(!known(&named()));
        // Added within the last day: a lead, owed its welcome.
        let mut r = named();
        r.created_at = Some("2026-12-01T10:30:00Z".parse().unwrap());
        assert!(!known(&r));
        // A stage given as the first one, and an open outcome, say nothing.
        r.stage = Some(Stage::Discover);
        r.outcome = Some(Outcome::Open);
        assert!(!known(&r));
        // A note is not a conversation.
        r.timeline = vec![TimelineEntry::new(
            "2026-12-01T10:00:00Z".parse().unwrap(),
            InteractionKind::Note,
        )];
        assert!(!known(&r));
    }

    #[test]
    fn each_sign_of_a_relationship_is_enough() {
        type Sign = Box<dyn Fn(&mut ImportedContact)>;
        let signs: Vec<(&str, Sign)> = vec![
            (
                "last contact",
                Box::new(|r| r.last_touch_at = Some("2026-11-20T10:00:00Z".parse().unwrap())),
            ),
            ("grade", Box::new(|r| r.grade = Some(Grade::C))),
            ("stage", Box::new(|r| r.stage = Some(Stage::Pitch))),
            ("outcome", Box::new(|r| r.outcome = Some(Outcome::Lost))),
            ("tier", Box::new(|r| r.tier = Some("VIP".into()))),
            (
                "added over a day ago",
                Box::new(|r| r.created_at = Some("2026-12-01T09:59:00Z".parse().unwrap())),
            ),
        ];
        for (what, sign) in signs {
            let mut r = named();
            sign(&mut r);
            assert!(known(&r), "{what}");
        }
    }

    /// Salesbook's own vCards (an address book, no timeline) bring no past: their people
    /// are known; its own CSV brings each record's past instead.
    #[test]
    fn the_books_own_vcards_bring_no_past() {
        let meta = |address_book| crate::exchange::report::FileMeta {
            format: crate::exchange::decode::Format::Vcard,
            encoding: crate::exchange::decode::TextEncoding::Utf8,
            bom: false,
            delimiter: None,
            header_line: None,
            columns: Vec::new(),
            own_export: true,
            address_book,
        };
        assert!(!meta(ADDRESS_BOOK).brings_its_past());
        assert!(meta(OTHER_FILE).brings_its_past());
        let r = named();
        let vcards = meta(ADDRESS_BOOK);
        let auto = arrival(Contacted::Auto);
        assert!(known_before(
            &r,
            vcards.address_book,
            vcards.brings_its_past(),
            &auto
        ));
    }

    #[test]
    fn an_address_book_is_people_known_and_the_rep_can_say_it_for_the_file() {
        let r = named();
        assert!(known_before(
            &r,
            ADDRESS_BOOK,
            false,
            &arrival(Contacted::Auto)
        ));
        assert!(known_before(
            &r,
            OTHER_FILE,
            false,
            &arrival(Contacted::Yes)
        ));
        let mut graded = named();
        graded.grade = Some(Grade::A);
        assert!(!known_before(
            &graded,
            OTHER_FILE,
            false,
            &arrival(Contacted::No)
        ));
        assert!(!known_before(
            &graded,
            ADDRESS_BOOK,
            false,
            &arrival(Contacted::No)
        ));
    }

    #[test]
    fn a_record_that_brings_its_touches_is_never_taken_over() {
        let mut r = named();
        r.grade = Some(Grade::A);
        for c in [Contacted::Auto, Contacted::Yes] {
            assert!(known_before(&r, OTHER_FILE, false, &arrival(c)));
            assert!(!known_before(&r, OTHER_FILE, true, &arrival(c)));
        }
        r.timeline = vec![TimelineEntry::new(
            "2026-11-01T10:00:00Z".parse().unwrap(),
            InteractionKind::Call,
        )];
        for c in [Contacted::Auto, Contacted::Yes] {
            assert!(!known_before(&r, OTHER_FILE, false, &arrival(c)));
        }
    }

    #[test]
    fn the_rule_reads_in_both_languages() {
        assert_eq!(Contacted::parse(" YES "), Some(Contacted::Yes));
        assert_eq!(Contacted::parse("否"), Some(Contacted::No));
        assert_eq!(Contacted::parse("auto"), Some(Contacted::Auto));
        assert_eq!(Contacted::parse("maybe"), None);
    }
}
