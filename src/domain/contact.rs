//! A contact in the book and the field values a rep types in.

use super::{Grade, Outcome, Stage, TagRef};
use chrono::{DateTime, Utc};

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
    pub grade: Option<Grade>,
    pub stage: Stage,
    pub outcome: Outcome,
    pub lost_reason: Option<String>,
    pub notes: Option<String>,
    pub owner: Option<String>,
    pub archived: bool,
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
}

impl Contact {
    /// When the contact last saw activity from the rep: the last touch, else creation.
    pub fn last_activity(&self) -> DateTime<Utc> {
        self.last_touch_at.unwrap_or(self.created_at)
    }

    /// Whole days since the last activity, as of `now` (never negative).
    pub fn idle_days(&self, now: DateTime<Utc>) -> i64 {
        (now - self.last_activity()).num_days().max(0)
    }
}

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
    pub grade: Option<Grade>,
    pub notes: Option<String>,
    pub tags: Vec<TagRef>,
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
    pub grade: Option<Option<Grade>>,
    pub notes: Option<Option<String>>,
    pub add_tags: Vec<TagRef>,
    pub remove_tags: Vec<TagRef>,
}

impl ContactPatch {
    pub fn is_empty(&self) -> bool {
        *self == ContactPatch::default()
    }
}

/// Trims a typed value; an empty value means "not set".
pub fn clean(value: &str) -> Option<String> {
    let t = value.trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// Checks a name before it enters the book.
pub fn validate_name(name: &str) -> Result<String, String> {
    let t = name.trim();
    if t.is_empty() {
        return Err("a contact needs a name (--name), e.g. --name 张三".into());
    }
    if t.chars().count() > 100 {
        return Err(format!(
            "name is too long ({} characters); at most 100",
            t.chars().count()
        ));
    }
    Ok(t.to_string())
}

/// Keeps the digits (and a leading +) of a phone number typed with spaces or dashes.
pub fn normalize_phone(phone: &str) -> Result<Option<String>, String> {
    let folded = super::text::fold_width(phone.trim());
    if folded.is_empty() {
        return Ok(None);
    }
    let mut out = String::new();
    for (i, c) in folded.chars().enumerate() {
        match c {
            '0'..='9' => out.push(c),
            '+' if i == 0 => out.push(c),
            ' ' | '-' | '(' | ')' | '.' => {}
            _ => {
                return Err(format!(
                    "bad phone '{phone}'; use digits, optionally with spaces, dashes or a leading +"
                ));
            }
        }
    }
    let digits = out.trim_start_matches('+').len();
    if !(3..=20).contains(&digits) {
        return Err(format!("bad phone '{phone}'; expected 3 to 20 digits"));
    }
    Ok(Some(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_required_and_trimmed() {
        assert_eq!(validate_name("  张三丰 "), Ok("张三丰".into()));
        assert!(validate_name("   ").is_err());
        assert!(validate_name(&"长".repeat(101)).is_err());
    }

    #[test]
    fn phones_keep_digits() {
        assert_eq!(
            normalize_phone("138-0000 1234"),
            Ok(Some("13800001234".into()))
        );
        assert_eq!(normalize_phone("+86 138"), Ok(Some("+86138".into())));
        assert_eq!(normalize_phone("１３８００"), Ok(Some("13800".into())));
        assert_eq!(normalize_phone(""), Ok(None));
        assert!(normalize_phone("call me").is_err());
        assert!(normalize_phone("12").is_err());
    }
}
