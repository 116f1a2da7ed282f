//! A contact in the book and the field values a rep types in.

use super::error::{Field, FieldError};
use super::text::{is_invisible, strip_controls};
use super::{Grade, Outcome, Stage, TagRef, Tier};
use chrono::{DateTime, NaiveDate, Utc};

pub type ContactId = i64;

#[derive(Debug, Clone, PartialEq)]
pub struct Contact {
    pub id: ContactId,
    pub name: String,
    pub honorific: Option<String>,
    pub phone: Option<String>,
    pub wechat: Option<String>,
    pub company: Option<String>,
    pub source: Option<String>,
    pub need: Option<String>,
    pub budget: Option<String>,
    pub email: Option<String>,
    pub birthday: Option<NaiveDate>,
    pub anniversary: Option<NaiveDate>,
    pub grade: Option<Grade>,
    /// The customer tier, derived from purchases, replies and spend (set by the engine
    /// whenever the contact changes; none before a purchase).
    pub tier: Option<Tier>,
    pub stage: Stage,
    pub outcome: Outcome,
    pub lost_reason: Option<String>,
    pub notes: Option<String>,
    pub owner: Option<String>,
    pub archived: bool,
    /// The contact this one was merged into (it is archived then).
    pub merged_into: Option<ContactId>,
    pub tags: Vec<TagRef>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Last outgoing touch (message, call, meeting, script sent), if any.
    pub last_touch_at: Option<DateTime<Utc>>,
    /// When the contact entered its current stage.
    pub stage_since: DateTime<Utc>,
    /// When the grade was last set (follow-up cadences restart then).
    pub grade_since: DateTime<Utc>,
    /// The earliest open follow-up, if any.
    pub next_due_at: Option<DateTime<Utc>>,
    /// Where it stands on going quiet, as the book keeps it with the plan. Only the
    /// book-wide pass of the lead's report reads it; `None` from other reads, before the
    /// contact's first plan, and in a book not planned since the book kept it.
    pub quiet: Option<super::lifecycle::Quiet>,
}

impl Contact {
    /// An open, ungraded contact in 挖需求 with only a name, created (and last changed) at
    /// `created`, with no details, free text, tags or history.
    pub fn blank(id: ContactId, name: &str, created: DateTime<Utc>) -> Contact {
        Contact {
            id,
            name: name.to_string(),
            honorific: None,
            phone: None,
            wechat: None,
            company: None,
            source: None,
            need: None,
            budget: None,
            email: None,
            birthday: None,
            anniversary: None,
            merged_into: None,
            grade: None,
            tier: None,
            stage: Stage::Discover,
            outcome: Outcome::Open,
            lost_reason: None,
            notes: None,
            owner: None,
            archived: false,
            tags: Vec::new(),
            created_at: created,
            updated_at: created,
            last_touch_at: None,
            stage_since: created,
            grade_since: created,
            next_due_at: None,
            quiet: None,
        }
    }

    /// When the contact last saw activity from the rep: the last touch, else creation.
    pub fn last_activity(&self) -> DateTime<Utc> {
        self.last_touch_at.unwrap_or(self.created_at)
    }

    /// Whole days since the last activity, as of `now` (never negative).
    pub fn idle_days(&self, now: DateTime<Utc>) -> i64 {
        (now - self.last_activity()).num_days().max(0)
    }
}

/// The owner of contacts added before the rep had a name (none set, no login name): not a
/// person, so the report looks past it for the rep's name.
pub const UNNAMED_OWNER: &str = "me";

pub use super::phone::{national_phone, normalize_phone, phone_spellings, split_extension};

/// The fields of a new contact; only the name is required.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NewContact {
    pub name: String,
    pub honorific: Option<String>,
    pub phone: Option<String>,
    pub wechat: Option<String>,
    pub company: Option<String>,
    pub source: Option<String>,
    pub need: Option<String>,
    pub budget: Option<String>,
    pub email: Option<String>,
    pub birthday: Option<NaiveDate>,
    pub anniversary: Option<NaiveDate>,
    pub grade: Option<Grade>,
    pub notes: Option<String>,
    pub tags: Vec<TagRef>,
    /// Tags among `tags` the rep adds to the book's taxonomy on purpose (`--new-tag`): any
    /// other tag must be one the template or the book already knows.
    pub new_tags: Vec<TagRef>,
    /// When the contact came in, if earlier than now (an import's "added" column).
    pub created_at: Option<DateTime<Utc>>,
    /// Added although a contact with the same phone or WeChat ID is in the book (two people
    /// sharing a family phone): otherwise that is refused as a duplicate.
    pub duplicate_ok: bool,
}

/// A change to a contact: `None` leaves a field alone, `Some(None)` clears it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ContactPatch {
    pub name: Option<String>,
    pub honorific: Option<Option<String>>,
    pub phone: Option<Option<String>>,
    pub wechat: Option<Option<String>>,
    pub company: Option<Option<String>>,
    pub source: Option<Option<String>>,
    pub need: Option<Option<String>>,
    pub budget: Option<Option<String>>,
    pub email: Option<Option<String>>,
    pub birthday: Option<Option<NaiveDate>>,
    pub anniversary: Option<Option<NaiveDate>>,
    pub grade: Option<Option<Grade>>,
    pub notes: Option<Option<String>>,
    pub add_tags: Vec<TagRef>,
    pub remove_tags: Vec<TagRef>,
    /// Tags among `add_tags` added to the book's taxonomy on purpose (`--new-tag`).
    pub new_tags: Vec<TagRef>,
    /// A phone or WeChat ID another contact has is taken anyway (see
    /// [`NewContact::duplicate_ok`]); not a change by itself.
    pub duplicate_ok: bool,
}

impl ContactPatch {
    pub fn is_empty(&self) -> bool {
        ContactPatch {
            duplicate_ok: false,
            ..self.clone()
        } == ContactPatch::default()
    }
}

/// The longest single-line value a field takes (a name is shorter still).
pub const MAX_LINE_CHARS: usize = 200;
/// The longest note.
pub const MAX_TEXT_CHARS: usize = 10_000;
const MAX_NAME_CHARS: usize = 100;

/// Trims a typed value; an empty value means "not set". For values already checked.
pub fn clean(value: &str) -> Option<String> {
    let t = value.trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// A one-line value as typed: control characters dropped, line breaks and tabs turned into
/// spaces, trimmed. Empty means "not set"; invisible-only or too long is refused.
pub fn clean_line(field: Field, value: &str) -> Result<Option<String>, FieldError> {
    let one_line: String = value
        .chars()
        .map(|c| {
            if matches!(c, '\n' | '\r' | '\t') {
                ' '
            } else {
                c
            }
        })
        .collect();
    let t = strip_controls(&one_line);
    let t = t.trim();
    if t.is_empty() {
        return Ok(None);
    }
    if t.chars().all(is_invisible) {
        return Err(FieldError::Invisible(field));
    }
    let chars = t.chars().count();
    if chars > MAX_LINE_CHARS {
        return Err(FieldError::TooLong {
            field,
            chars,
            max: MAX_LINE_CHARS,
        });
    }
    Ok(Some(t.to_string()))
}

/// A WeChat ID as typed: one line, and full-width forms (`ｗｘ＿ｚｈａｎｇ`, as a Chinese IME
/// types them) folded to the half-width ID WeChat has, so the same ID always matches.
pub fn normalize_wechat(value: &str) -> Result<Option<String>, FieldError> {
    let id = clean_line(Field::Wechat, &super::text::fold_width(value))?;
    // WeChat IDs have no `*`: one that does was masked (a masked export read back), and
    // as an ID it would match every other one masked alike.
    match id {
        Some(id) if id.contains('*') => Err(FieldError::MaskedWechat(id)),
        id => Ok(id),
    }
}

/// A free text (notes, a logged message): line breaks kept, other control characters
/// dropped, trimmed; empty means "not set".
pub fn clean_text(field: Field, value: &str) -> Result<Option<String>, FieldError> {
    let normalised = value.replace("\r\n", "\n").replace('\r', "\n");
    let t = strip_controls(&normalised);
    let t = t.trim();
    if t.is_empty() || t.chars().all(|c| is_invisible(c) || c.is_whitespace()) {
        return Ok(None);
    }
    let chars = t.chars().count();
    if chars > MAX_TEXT_CHARS {
        return Err(FieldError::TooLong {
            field,
            chars,
            max: MAX_TEXT_CHARS,
        });
    }
    Ok(Some(t.to_string()))
}

/// Checks a name before it enters the book.
pub fn validate_name(name: &str) -> Result<String, FieldError> {
    // A name past any one line's limit is still told the name's own limit.
    let t = match clean_line(Field::Name, name) {
        Err(FieldError::TooLong { field, chars, .. }) => {
            return Err(FieldError::TooLong {
                field,
                chars,
                max: MAX_NAME_CHARS,
            });
        }
        other => other?.ok_or(FieldError::Missing(Field::Name))?,
    };
    let chars = t.chars().count();
    if chars > MAX_NAME_CHARS {
        return Err(FieldError::TooLong {
            field: Field::Name,
            chars,
            max: MAX_NAME_CHARS,
        });
    }
    Ok(t)
}

/// An e-mail address: something@something, one line.
pub fn normalize_email(email: &str) -> Result<Option<String>, FieldError> {
    let Some(t) = clean_line(Field::Email, email)? else {
        return Ok(None);
    };
    match t.split_once('@') {
        Some((user, host)) if !user.is_empty() && host.contains('.') && !t.contains(' ') => {
            Ok(Some(t))
        }
        _ => Err(FieldError::BadEmail(email.to_string())),
    }
}

/// A calendar date typed as YYYY-MM-DD (full-width digits too).
/// A birthday a person can have on `today`: from 1900 up to today.
pub fn check_birthday(b: Option<NaiveDate>, today: NaiveDate) -> Result<(), FieldError> {
    match b {
        Some(d) if d > today || chrono::Datelike::year(&d) < 1900 => {
            Err(FieldError::BirthdayNotPast(d.to_string()))
        }
        _ => Ok(()),
    }
}

pub fn parse_date(s: &str) -> Result<NaiveDate, FieldError> {
    let t = super::text::fold_width(s.trim());
    match super::written_date::split_written(&t) {
        Some((w, "")) if w.year.is_some() => w
            .date()
            .ok_or_else(|| FieldError::NoSuchDate(s.trim().to_string())),
        _ => Err(FieldError::BadDate(s.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_required_and_trimmed() {
        assert_eq!(validate_name("  张三丰 "), Ok("张三丰".into()));
        assert_eq!(validate_name("   "), Err(FieldError::Missing(Field::Name)));
        assert!(matches!(
            validate_name(&"长".repeat(101)),
            Err(FieldError::TooLong { chars: 101, .. })
        ));
        // Past any line's limit too, the limit told is the name's.
        assert_eq!(
            validate_name(&"长".repeat(30_000)),
            Err(FieldError::TooLong {
                field: Field::Name,
                chars: 30_000,
                max: MAX_NAME_CHARS
            })
        );
        // Line breaks become spaces; control characters (escape sequences whole) never
        // enter the book.
        assert_eq!(validate_name("张\r\n三\u{1b}[2J"), Ok("张  三".into()));
        assert_eq!(
            validate_name("\u{200b}\u{202e}"),
            Err(FieldError::Invisible(Field::Name))
        );
    }

    #[test]
    fn notes_keep_their_lines() {
        assert_eq!(
            clean_text(Field::Notes, " 第一行\r\n第二行\u{7}\n"),
            Ok(Some("第一行\n第二行".into()))
        );
        assert_eq!(clean_text(Field::Notes, "\u{200b} \n"), Ok(None));
    }

    #[test]
    fn emails_and_dates() {
        assert_eq!(normalize_email(" a@b.cn "), Ok(Some("a@b.cn".into())));
        assert!(normalize_email("nope").is_err());
        assert_eq!(
            parse_date("２０２６-０１-０２"),
            Ok(NaiveDate::from_ymd_opt(2026, 1, 2).unwrap())
        );
        assert_eq!(
            parse_date("2026-02-30"),
            Err(FieldError::NoSuchDate("2026-02-30".into()))
        );
        for typed in ["1990-05-01", "1990/5/1", "1990.05.01", "1990年5月1日"] {
            assert_eq!(
                parse_date(typed),
                Ok(NaiveDate::from_ymd_opt(1990, 5, 1).unwrap()),
                "{typed}"
            );
        }
        // A birthday or a report's day has its year; a time is not a date.
        for bad in ["5月1日", "05-01", "1990-05-01 15:00", "19900501x", "abc"] {
            assert_eq!(
                parse_date(bad),
                Err(FieldError::BadDate(bad.into())),
                "{bad}"
            );
        }
    }

    fn contact(created: &str, last_touch: Option<&str>) -> Contact {
        let at = |s: &str| DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc);
        let mut c = crate::domain::fixtures::blank_contact(at(created));
        c.last_touch_at = last_touch.map(at);
        c
    }

    #[test]
    fn idle_days_count_whole_days_since_the_last_touch_or_creation() {
        let now = DateTime::parse_from_rfc3339("2026-11-30T10:00:00+08:00")
            .unwrap()
            .with_timezone(&Utc);
        let c = contact("2026-11-20T09:00:00+08:00", None);
        assert_eq!(c.last_activity(), c.created_at);
        assert_eq!(c.idle_days(now), 10);
        let c = contact(
            "2026-11-20T09:00:00+08:00",
            Some("2026-11-28T10:00:01+08:00"),
        );
        assert_eq!(c.last_activity(), c.last_touch_at.unwrap());
        assert_eq!(c.idle_days(now), 1);
        // A touch stamped after "now" (another machine's clock) is no negative idleness.
        let c = contact(
            "2026-11-20T09:00:00+08:00",
            Some("2026-12-05T10:00:00+08:00"),
        );
        assert_eq!(c.idle_days(now), 0);
    }

    #[test]
    fn a_patch_is_empty_only_when_it_changes_nothing() {
        assert!(ContactPatch::default().is_empty());
        let p = ContactPatch {
            need: Some(None),
            ..ContactPatch::default()
        };
        assert!(!p.is_empty());
        // Saying a shared phone is fine changes nothing by itself.
        let p = ContactPatch {
            duplicate_ok: true,
            ..ContactPatch::default()
        };
        assert!(p.is_empty());
    }

    #[test]
    fn clean_trims_and_empty_is_not_set() {
        assert_eq!(clean("  张三 "), Some("张三".into()));
        assert_eq!(clean(" \t "), None);
    }

    #[test]
    fn a_line_is_one_line_of_at_most_200_characters() {
        assert_eq!(
            clean_line(Field::Company, " 星光\t科技\n有限公司 "),
            Ok(Some("星光 科技 有限公司".into()))
        );
        assert_eq!(clean_line(Field::Company, " \r\n"), Ok(None));
        assert_eq!(
            clean_line(Field::Company, "\u{200b}\u{feff}"),
            Err(FieldError::Invisible(Field::Company))
        );
        // Invisible characters beside visible ones are kept.
        assert!(clean_line(Field::Company, "a\u{200b}").unwrap().is_some());
        let longest = "长".repeat(MAX_LINE_CHARS);
        assert_eq!(clean_line(Field::Need, &longest), Ok(Some(longest.clone())));
        assert_eq!(
            clean_line(Field::Need, &format!("{longest}长")),
            Err(FieldError::TooLong {
                field: Field::Need,
                chars: 201,
                max: MAX_LINE_CHARS
            })
        );
    }

    #[test]
    fn a_text_keeps_lines_up_to_ten_thousand_characters() {
        assert_eq!(
            clean_text(Field::Note, "a\rb\r\nc"),
            Ok(Some("a\nb\nc".into()))
        );
        assert_eq!(clean_text(Field::Note, ""), Ok(None));
        assert_eq!(clean_text(Field::Note, "\u{200b}\n\u{200d}"), Ok(None));
        let longest = "字".repeat(MAX_TEXT_CHARS);
        assert_eq!(clean_text(Field::Note, &longest), Ok(Some(longest.clone())));
        assert_eq!(
            clean_text(Field::Note, &format!("{longest}字")),
            Err(FieldError::TooLong {
                field: Field::Note,
                chars: MAX_TEXT_CHARS + 1,
                max: MAX_TEXT_CHARS
            })
        );
    }

    #[test]
    fn a_name_is_at_most_100_characters() {
        let longest = "长".repeat(100);
        assert_eq!(validate_name(&longest), Ok(longest.clone()));
        assert_eq!(
            validate_name(&format!("{longest}长")),
            Err(FieldError::TooLong {
                field: Field::Name,
                chars: 101,
                max: 100
            })
        );
    }

    #[test]
    fn a_wechat_id_typed_full_width_is_the_half_width_id() {
        assert_eq!(
            normalize_wechat(" ｗｘ＿ｚｈａｎｇ "),
            Ok(Some("wx_zhang".into()))
        );
        assert_eq!(normalize_wechat("Lina_2020"), Ok(Some("Lina_2020".into())));
        assert_eq!(
            normalize_wechat("wx***88"),
            Err(FieldError::MaskedWechat("wx***88".into()))
        );
        assert_eq!(
            normalize_wechat("ｗｘ＊＊＊８８"),
            Err(FieldError::MaskedWechat("wx***88".into()))
        );
        assert_eq!(normalize_wechat("　"), Ok(None));
    }

    #[test]
    fn a_country_code_in_brackets_reads_as_written_plainly() {
        for typed in [
            "(+86)13700001111",
            "（+86）137-0000-1111",
            "(+86) 137 0000 1111",
            "（＋８６）１３７００００１１１１",
        ] {
            assert_eq!(
                normalize_phone(typed),
                Ok(Some("13700001111".into())),
                "{typed}"
            );
        }
        assert_eq!(
            normalize_phone("(+1) 415 555 0100"),
            Ok(Some("+14155550100".into()))
        );
        assert_eq!(
            normalize_phone("(138)+0000"),
            Err(FieldError::BadPhone("(138)+0000".into()))
        );
    }

    #[test]
    fn a_phone_has_3_to_20_digits_and_a_plus_only_in_front() {
        assert_eq!(
            normalize_phone("(010) 8888.1234"),
            Ok(Some("01088881234".into()))
        );
        assert_eq!(normalize_phone("110"), Ok(Some("110".into())));
        assert_eq!(normalize_phone("+110"), Ok(Some("+110".into())));
        assert_eq!(
            normalize_phone("+11"),
            Err(FieldError::PhoneDigits("+11".into()))
        );
        let twenty = "1".repeat(20);
        assert_eq!(normalize_phone(&twenty), Ok(Some(twenty.clone())));
        let long = "1".repeat(21);
        assert_eq!(normalize_phone(&long), Err(FieldError::PhoneDigits(long)));
        assert_eq!(
            normalize_phone("138+0000"),
            Err(FieldError::BadPhone("138+0000".into()))
        );
    }

    #[test]
    fn an_email_is_someone_at_a_dotted_host() {
        assert_eq!(normalize_email(""), Ok(None));
        for bad in ["@b.cn", "a@b", "a b@c.cn", "a@b .cn", "ab.cn"] {
            assert_eq!(
                normalize_email(bad),
                Err(FieldError::BadEmail(bad.into())),
                "{bad}"
            );
        }
    }
}
