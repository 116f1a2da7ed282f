//! Merging a file's record into an existing one: fill what is empty, unite the tags and
//! purchases, keep the existing value where both have one and they differ, and list those
//! conflicts. The existing record's timeline stays as it is: the incoming one is not woven
//! into it (the planner reports it as left out).

use super::model::{Field, ImportedContact};
use super::report::Conflict;
use crate::domain::TagRef;
use crate::domain::contact::national_phone;
use chrono::SecondsFormat;

#[derive(Debug, Clone, PartialEq)]
pub struct MergeOutcome {
    pub merged: ImportedContact,
    /// Fields that were empty and now have the incoming value.
    pub filled: Vec<Field>,
    pub added_tags: Vec<TagRef>,
    pub conflicts: Vec<Conflict>,
}

/// Whether two phones are the same number: `+86` / `0086` prefixes aside, and a bare `86`
/// before a mobile number (`86-138-0013-8000` as some exports write it).
pub fn same_phone(a: &str, b: &str) -> bool {
    phone_key(a) == phone_key(b)
}

/// The form phones are compared in: a Chinese number as dialled at home (see
/// [`national_phone`]). The core indexes phones by this key so a `+86` in the file finds
/// the book's bare number, and a book's older `+86` spelling finds the file's bare one.
pub fn phone_key(phone: &str) -> String {
    national_phone(phone).unwrap_or_else(|| phone.to_string())
}

/// The form WeChat IDs are compared in: WeChat ignores case.
pub fn wechat_key(id: &str) -> String {
    id.trim().to_lowercase()
}

/// `book` is the record already there (in the book, or an earlier row of the file);
/// `incoming` is the row being merged into it.
pub fn merge(book: &ImportedContact, incoming: &ImportedContact) -> MergeOutcome {
    let mut m = MergeOutcome {
        merged: book.clone(),
        filled: Vec::new(),
        added_tags: Vec::new(),
        conflicts: Vec::new(),
    };
    if book.name != incoming.name {
        m.conflict(Field::Name, &book.name, &incoming.name);
    }
    let same_text = |a: &String, b: &String| a == b;
    let same_phone_v = |a: &String, b: &String| same_phone(a, b);
    let same_wechat = |a: &String, b: &String| wechat_key(a) == wechat_key(b);
    let show = |s: &String| s.clone();
    let to = &mut m.merged;
    let c = &mut Vec::new();
    let f = &mut Vec::new();
    let inc = incoming;
    one(
        f,
        c,
        Field::Honorific,
        &mut to.honorific,
        &inc.honorific,
        same_text,
        show,
    );
    one(
        f,
        c,
        Field::Phone,
        &mut to.phone,
        &inc.phone,
        same_phone_v,
        show,
    );
    one(
        f,
        c,
        Field::Wechat,
        &mut to.wechat,
        &inc.wechat,
        same_wechat,
        show,
    );
    one(
        f,
        c,
        Field::Email,
        &mut to.email,
        &inc.email,
        same_text,
        show,
    );
    one(
        f,
        c,
        Field::Company,
        &mut to.company,
        &inc.company,
        same_text,
        show,
    );
    one(
        f,
        c,
        Field::Source,
        &mut to.source,
        &inc.source,
        same_text,
        show,
    );
    one(f, c, Field::Need, &mut to.need, &inc.need, same_text, show);
    one(
        f,
        c,
        Field::Budget,
        &mut to.budget,
        &inc.budget,
        same_text,
        show,
    );
    one(f, c, Field::Grade, &mut to.grade, &inc.grade, eq, |g| {
        g.key().into()
    });
    one(f, c, Field::Stage, &mut to.stage, &inc.stage, eq, |s| {
        s.zh().into()
    });
    one(
        f,
        c,
        Field::Outcome,
        &mut to.outcome,
        &inc.outcome,
        eq,
        |o| o.zh().into(),
    );
    one(
        f,
        c,
        Field::LostReason,
        &mut to.lost_reason,
        &inc.lost_reason,
        same_text,
        show,
    );
    one(f, c, Field::Tier, &mut to.tier, &inc.tier, same_text, show);
    one(
        f,
        c,
        Field::Notes,
        &mut to.notes,
        &inc.notes,
        same_text,
        show,
    );
    one(
        f,
        c,
        Field::Birthday,
        &mut to.birthday,
        &inc.birthday,
        eq,
        |d| d.to_string(),
    );
    one(
        f,
        c,
        Field::Anniversary,
        &mut to.anniversary,
        &inc.anniversary,
        eq,
        |d| d.to_string(),
    );
    one(
        f,
        c,
        Field::Owner,
        &mut to.owner,
        &inc.owner,
        same_text,
        show,
    );
    one(
        f,
        c,
        Field::Archived,
        &mut to.archived,
        &inc.archived,
        eq,
        |a| a.to_string(),
    );
    let time = |t: &chrono::DateTime<chrono::Utc>| t.to_rfc3339_opts(SecondsFormat::Secs, true);
    one(
        f,
        c,
        Field::CreatedAt,
        &mut to.created_at,
        &inc.created_at,
        eq,
        time,
    );
    for t in &incoming.tags {
        if !to.tags.contains(t) {
            to.tags.push(t.clone());
            m.added_tags.push(t.clone());
        }
    }
    for p in &incoming.purchases {
        if !to.purchases.contains(p) {
            to.purchases.push(p.clone());
        }
    }
    m.filled.append(f);
    m.conflicts.append(c);
    m
}

fn eq<T: PartialEq>(a: &T, b: &T) -> bool {
    a == b
}

impl MergeOutcome {
    fn conflict(&mut self, field: Field, kept: &str, incoming: &str) {
        self.conflicts.push(Conflict {
            field,
            kept: kept.to_string(),
            incoming: incoming.to_string(),
        });
    }
}

/// One optional field: fill when empty, else a conflict when the values differ.
fn one<T: Clone>(
    filled: &mut Vec<Field>,
    conflicts: &mut Vec<Conflict>,
    field: Field,
    kept: &mut Option<T>,
    incoming: &Option<T>,
    same: impl Fn(&T, &T) -> bool,
    show: impl Fn(&T) -> String,
) {
    match (kept.as_ref(), incoming) {
        (_, None) => {}
        (None, Some(v)) => {
            *kept = Some(v.clone());
            filled.push(field);
        }
        (Some(k), Some(v)) if !same(k, v) => conflicts.push(Conflict {
            field,
            kept: show(k),
            incoming: show(v),
        }),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Grade, Stage};

    fn tag(g: &str, t: &str) -> TagRef {
        TagRef {
            group: g.into(),
            tag: t.into(),
        }
    }

    #[test]
    fn fills_empty_fields_unites_tags_and_keeps_the_book_on_conflict() {
        let book = ImportedContact {
            name: "张伟".into(),
            phone: Some("13800001234".into()),
            company: Some("武当科技".into()),
            grade: Some(Grade::B),
            tags: vec![tag("来源", "朋友圈")],
            ..Default::default()
        };
        let file = ImportedContact {
            name: "张伟".into(),
            phone: Some("+8613800001234".into()),
            wechat: Some("zhangwei88".into()),
            company: Some("峨眉集团".into()),
            grade: Some(Grade::A),
            stage: Some(Stage::Pitch),
            tags: vec![tag("来源", "朋友圈"), tag("意向", "高")],
            ..Default::default()
        };
        let m = merge(&book, &file);
        assert_eq!(m.merged.phone.as_deref(), Some("13800001234"));
        assert_eq!(m.merged.wechat.as_deref(), Some("zhangwei88"));
        assert_eq!(m.merged.company.as_deref(), Some("武当科技"));
        assert_eq!(m.merged.grade, Some(Grade::B));
        assert_eq!(m.merged.stage, Some(Stage::Pitch));
        assert_eq!(m.merged.tags, [tag("来源", "朋友圈"), tag("意向", "高")]);
        assert_eq!(m.filled, [Field::Wechat, Field::Stage]);
        assert_eq!(m.added_tags, [tag("意向", "高")]);
        let conflicts: Vec<(Field, &str, &str)> = m
            .conflicts
            .iter()
            .map(|c| (c.field, c.kept.as_str(), c.incoming.as_str()))
            .collect();
        assert_eq!(
            conflicts,
            [
                (Field::Company, "武当科技", "峨眉集团"),
                (Field::Grade, "B", "A")
            ]
        );
    }

    #[test]
    fn phones_and_wechat_ids_compare_loosely() {
        assert!(same_phone("+8613800001234", "13800001234"));
        assert!(same_phone("008613800001234", "13800001234"));
        assert!(!same_phone("13800001234", "13800001235"));
        assert_eq!(phone_key("+86123"), "+86123");
        assert!(same_phone("8613800001234", "+8613800001234"));
        // Not a mobile after the 86: left as it is.
        assert_eq!(phone_key("8675512345678"), "8675512345678");
        assert_eq!(phone_key("86138"), "86138");
        assert_eq!(wechat_key(" ZhangWei88 "), "zhangwei88");
    }
}
