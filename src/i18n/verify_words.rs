//! What `verify` found, in the UI's language: the first broken link of the log and what it
//! is about.

use super::errors::{action_label, fields_text, zh};
use crate::config::Lang;
use crate::service::verify::Break;

/// What a broken link is about, for the head of a report: a contact, or the log itself.
pub fn verify_break_subject(lang: Lang, b: &Break) -> String {
    let contact = |id: &i64, name: Option<&str>| match (zh(lang), name) {
        (true, Some(n)) => format!("客户 {id}（{n}）"),
        (true, None) => format!("客户 {id}"),
        (false, Some(n)) => format!("contact {id} ({n})"),
        (false, None) => format!("contact {id}"),
    };
    match b {
        Break::Hash {
            contact: Some(c), ..
        } => contact(c, None),
        Break::Gap { .. }
        | Break::Hash { .. }
        | Break::Unreadable { .. }
        | Break::RecordsContradiction { .. } => {
            if zh(lang) { "日志" } else { "the log" }.to_string()
        }
        Break::RecordsDiffer { .. } => if zh(lang) {
            "时间线与购买记录"
        } else {
            "the timeline and purchases"
        }
        .to_string(),
        Break::Contradiction { contact: c, .. } => contact(c, None),
        Break::Differs {
            contact: c, name, ..
        }
        | Break::NotInLog { contact: c, name }
        | Break::NotInBook { contact: c, name }
        | Break::StageHistory {
            contact: c, name, ..
        } => contact(c, Some(name)),
    }
}

/// One broken link found by `verify`.
pub fn verify_break(lang: Lang, b: &Break, offset: chrono::FixedOffset) -> String {
    let z = zh(lang);
    let when = |t: &chrono::DateTime<chrono::Utc>| {
        t.with_timezone(&offset)
            .format("%Y-%m-%d %H:%M")
            .to_string()
    };
    match b {
        Break::Gap { after, next, at } => {
            if z {
                format!(
                    "日志在 #{after} 之后直接跳到 #{next}（{}）：中间的记录被删掉了",
                    when(at)
                )
            } else {
                format!(
                    "the log jumps from #{after} to #{next} ({}): entries in between were removed",
                    when(at)
                )
            }
        }
        Break::Hash {
            event,
            at,
            action,
            contact,
        } => {
            let who = contact
                .map(|c| {
                    if z {
                        format!("，客户 {c}")
                    } else {
                        format!(", contact {c}")
                    }
                })
                .unwrap_or_default();
            let a = action_label(lang, action);
            if z {
                format!(
                    "日志 #{event}（{}，{a}{who}）的哈希对不上：这一条或它前面的记录被改过、插入过或调换过",
                    when(at)
                )
            } else {
                format!(
                    "log entry #{event} ({}, {a}{who}) does not hash to what it says: it, or an entry before it, was edited, inserted or reordered",
                    when(at)
                )
            }
        }
        Break::Unreadable { event, at } => {
            if z {
                format!("日志 #{event}（{}）的内容无法读取", when(at))
            } else {
                format!("log entry #{event} ({}) cannot be read", when(at))
            }
        }
        Break::Contradiction {
            event,
            at,
            contact,
            fields,
        } => {
            if z {
                format!(
                    "日志 #{event}（{}）与它前面的记录矛盾（客户 {contact}）：{}",
                    when(at),
                    fields_text(lang, fields, "这一条")
                )
            } else {
                format!(
                    "log entry #{event} ({}) contradicts the entries before it (contact {contact}): {}",
                    when(at),
                    fields_text(lang, fields, "this entry")
                )
            }
        }
        Break::Differs {
            contact,
            name,
            fields,
        } => {
            if z {
                format!(
                    "客户 {contact}（{name}）与日志不符：{}",
                    fields_text(lang, fields, "手册里")
                )
            } else {
                format!(
                    "contact {contact} ({name}) differs from the log: {}",
                    fields_text(lang, fields, "the book has")
                )
            }
        }
        Break::NotInLog { contact, name } => {
            if z {
                format!("客户 {contact}（{name}）在手册里，但日志里没有它")
            } else {
                format!("contact {contact} ({name}) is in the book but not in the log")
            }
        }
        Break::NotInBook { contact, name } => {
            if z {
                format!("日志里有客户 {contact}（{name}），手册里却没有")
            } else {
                format!("the log has contact {contact} ({name}), the book does not")
            }
        }
        Break::StageHistory {
            contact,
            name,
            log,
            book,
        } => {
            if z {
                format!(
                    "客户 {contact}（{name}）的阶段记录与日志不符：日志 {log} 条，手册 {book} 条"
                )
            } else {
                format!(
                    "contact {contact} ({name}): stage history differs from the log ({log} rows logged, {book} in the book)"
                )
            }
        }
        Break::RecordsContradiction { event, at } => {
            if z {
                format!(
                    "日志 #{event}（{}）记下的时间线与购买记录和前一条对不上：手册在两次修改之间被人在应用之外改过",
                    when(at)
                )
            } else {
                format!(
                    "log entry #{event} ({}) finds the timeline and purchases otherwise than the entry before left them: the book was changed outside the app between the two",
                    when(at)
                )
            }
        }
        Break::RecordsDiffer { log, book } => {
            let how = match (z, book.cmp(log)) {
                (true, std::cmp::Ordering::Equal) => "有记录被改过".to_string(),
                (true, std::cmp::Ordering::Greater) => format!("多了 {} 行", book - log),
                (true, std::cmp::Ordering::Less) => format!("少了 {} 行", log - book),
                (false, std::cmp::Ordering::Equal) => "rows were changed".to_string(),
                (false, std::cmp::Ordering::Greater) => format!("{} rows were added", book - log),
                (false, std::cmp::Ordering::Less) => format!("{} rows were removed", log - book),
            };
            if z {
                format!(
                    "手册里的时间线、购买和已完成的跟进与日志不符（日志 {log} 行，手册 {book} 行，{how}）：有人在应用之外改过它们，或者文件本身损坏了"
                )
            } else {
                format!(
                    "the book's timeline, purchases and closed follow-ups differ from the log ({log} rows logged, {book} in the book: {how}): they were changed outside the app, or the file itself is damaged"
                )
            }
        }
    }
}
