//! The queries the search benchmark times, picked from each book deterministically: the
//! most common surname and what a user typing a name under it would type next, pinyin typed
//! three ways, words of needs, notes and the timeline, phone digits, a company's pinyin, a
//! name found once and a character every contact has.

use anyhow::{Result, bail};
use rusqlite::{Connection, OptionalExtension};
use salesbook::domain::search::spell::dictionary_readings;
use salesbook::domain::search::surnames;

/// One query to time, and where it came from.
pub struct Case {
    pub label: &'static str,
    pub query: String,
    /// How it was picked from the book.
    pub picked: String,
}

/// Words the demo generator writes; the benchmark checks each is in the book.
const NEED_WORD: &str = "零食";
const NOTE_WORD: &str = "晚上八点";
const TIMELINE_WORD: &str = "案例";
const EVERYONE: &str = "客";

/// The natural reading of each character of a name: a surname as a surname reads, the
/// rest by the dictionary's main reading.
fn natural_readings(name: &str) -> Vec<String> {
    let chars: Vec<char> = name.chars().collect();
    let surname = surnames::of_name(&chars).unwrap_or_default();
    chars
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let table = surname.get(i).copied().unwrap_or(&[]);
            let r = table
                .first()
                .copied()
                .or_else(|| dictionary_readings(c).first().copied())
                .unwrap_or_default();
            r.replace('ü', "v")
        })
        .collect()
}

pub fn pick(db: &Connection) -> Result<Vec<Case>> {
    let one = |sql: &str, args: &[&dyn rusqlite::ToSql]| -> Result<String> {
        db.query_row(sql, args, |r| r.get::<_, String>(0))
            .optional()?
            .ok_or_else(|| anyhow::anyhow!("the book has nothing for: {sql}"))
    };
    let surname = one(
        "SELECT substr(name, 1, 1) AS s FROM contacts WHERE archived = 0 \
         GROUP BY s ORDER BY count(*) DESC, s LIMIT 1",
        &[],
    )?;
    let name3 = one(
        "SELECT name FROM contacts WHERE archived = 0 AND length(name) = 3 \
         AND substr(name, 1, 1) = ?1 GROUP BY name ORDER BY count(*) DESC, name LIMIT 1",
        &[&surname],
    )?;
    let name2 = one(
        "SELECT name FROM contacts WHERE archived = 0 AND length(name) = 2 \
         GROUP BY name ORDER BY count(*) DESC, name LIMIT 1",
        &[],
    )?;
    let unique = one(
        "SELECT name FROM contacts WHERE archived = 0 AND length(name) = 3 \
         GROUP BY name HAVING count(*) = 1 ORDER BY name LIMIT 1",
        &[],
    )?;
    let company = one(
        "SELECT company FROM contacts WHERE archived = 0 AND company IS NOT NULL \
         GROUP BY company ORDER BY count(*) DESC, company LIMIT 1",
        &[],
    )?;
    let phone = one(
        "SELECT phone FROM contacts WHERE archived = 0 AND phone IS NOT NULL \
         AND length(phone) >= 4 ORDER BY id LIMIT 1",
        &[],
    )?;
    let tail: String = phone.chars().skip(phone.chars().count() - 4).collect();
    for (word, sql) in [
        (
            NEED_WORD,
            "SELECT count(*) FROM contacts WHERE instr(need, ?1) > 0",
        ),
        (
            NOTE_WORD,
            "SELECT count(*) FROM contacts WHERE instr(notes, ?1) > 0",
        ),
        (
            TIMELINE_WORD,
            "SELECT count(*) FROM (SELECT 1 FROM interactions WHERE instr(body, ?1) > 0 LIMIT 1)",
        ),
    ] {
        let n: i64 = db.query_row(sql, [word], |r| r.get(0))?;
        if n == 0 {
            bail!("the book has no {word:?} where the benchmark looks for it");
        }
    }
    let two: String = name3.chars().take(2).collect();
    let r2 = natural_readings(&name2);
    let r3 = natural_readings(&name3);
    let initials =
        |rs: &[String]| -> String { rs.iter().filter_map(|r| r.chars().next()).collect() };
    let prefixes = format!("{}{}", &r3[0][..r3[0].len().min(2)], initials(&r3[1..]));
    Ok(vec![
        Case {
            label: "1 hanzi",
            picked: "most common first character of a name".into(),
            query: surname,
        },
        Case {
            label: "2 hanzi",
            picked: format!("first two of {name3}, the most common 3-character name under it"),
            query: two,
        },
        Case {
            label: "whole name",
            picked: "that name".into(),
            query: name3.clone(),
        },
        Case {
            label: "name found once",
            picked: "first 3-character name only one contact has".into(),
            query: unique,
        },
        Case {
            label: "pinyin initials",
            picked: format!("initials of {name2}, the most common 2-character name"),
            query: initials(&r2),
        },
        Case {
            label: "full pinyin",
            picked: format!("natural readings of {name2}"),
            query: r2.concat(),
        },
        Case {
            label: "syllable prefixes",
            picked: format!("{name3}: two letters of the first syllable, initials after"),
            query: prefixes,
        },
        Case {
            label: "company pinyin",
            picked: format!("initials of {company}, the most common company"),
            query: initials(&natural_readings(&company)),
        },
        Case {
            label: "1 character, everyone",
            picked: "in every demo contact's tag group 客户来源".into(),
            query: EVERYONE.into(),
        },
        Case {
            label: "need word",
            picked: "2 characters inside a need".into(),
            query: NEED_WORD.into(),
        },
        Case {
            label: "4 phone digits",
            picked: format!("last four digits of {phone}, the first contact's phone"),
            query: tail,
        },
        Case {
            label: "note word",
            picked: "in notes and the timeline".into(),
            query: NOTE_WORD.into(),
        },
        Case {
            label: "timeline word",
            picked: "2 characters in the timeline only".into(),
            query: TIMELINE_WORD.into(),
        },
    ])
}
