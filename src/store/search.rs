//! The search index: kept in step with every write, queried as the user types.

use super::contacts::get_contact;
use super::{Snap, Store, Writer};
use crate::domain::search::{
    MatchClass, PINYIN_PREFIX_MAX, QueryPlan, gram_keys, is_cjk, pinyin_keys, plan,
};
use crate::domain::{Contact, ContactId};
use anyhow::Result;
use rusqlite::{Connection, OptionalExtension, params};
use std::collections::HashMap;

/// What gets indexed for one contact.
pub(crate) struct SearchDoc<'a> {
    pub id: ContactId,
    pub name: &'a str,
    pub honorific: Option<&'a str>,
    pub company: Option<&'a str>,
    pub source: Option<&'a str>,
    pub wechat: Option<&'a str>,
    pub phone: Option<&'a str>,
    pub need: Option<&'a str>,
    pub budget: Option<&'a str>,
    pub tags: Vec<String>,
    pub notes: Option<&'a str>,
    /// Distinct texts of the timeline.
    pub timeline: Vec<String>,
    pub archived: bool,
    /// Last activity, Unix seconds.
    pub recency: i64,
}

pub(crate) fn index_doc(conn: &Connection, d: &SearchDoc) -> Result<()> {
    let (archived, age) = (d.archived as i64, -d.recency);
    let tags = d.tags.join(" ");
    let short_text = short_text(&[d.honorific, d.company, d.source, Some(tags.as_str())]);
    let mut gram_stmt = conn.prepare_cached(
        "INSERT OR IGNORE INTO search_grams (gram, archived, class, age, contact_id) \
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (g, class) in gram_keys(d.name, &short_text) {
        gram_stmt.execute(params![g, archived, class as i64, age, d.id])?;
    }
    let mut py_stmt = conn.prepare_cached(
        "INSERT OR IGNORE INTO search_pinyin (key, archived, rank, age, contact_id) \
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (key, rank) in pinyin_keys(d.name) {
        py_stmt.execute(params![key, archived, rank, age, d.id])?;
    }
    conn.prepare_cached(
        "INSERT INTO search_state (contact_id, name, short_text, archived, age) \
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![d.id, d.name, short_text, archived, age])?;
    conn.prepare_cached(
        "INSERT INTO search_fields \
         (rowid, name, honorific, company, source, wechat, phone, need, budget, tags) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![
        d.id,
        d.name,
        d.honorific,
        d.company,
        d.source,
        d.wechat,
        d.phone,
        d.need,
        d.budget,
        tags
    ])?;
    if d.notes.is_some() || !d.timeline.is_empty() {
        conn.prepare_cached(
            "INSERT INTO search_notes (rowid, notes, timeline) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![d.id, d.notes, d.timeline.join("\n")])?;
    }
    Ok(())
}

/// The short fields whose one- and two-character substrings are indexed besides the name.
fn short_text(fields: &[Option<&str>]) -> String {
    fields
        .iter()
        .flatten()
        .copied()
        .collect::<Vec<_>>()
        .join("\u{1f}")
}

/// Removes a contact's index entries, found again from what they were built from.
fn unindex(conn: &Connection, id: ContactId) -> Result<()> {
    let state: Option<(String, String, i64, i64)> = conn
        .prepare_cached(
            "SELECT name, short_text, archived, age FROM search_state WHERE contact_id = ?1",
        )?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .optional()?;
    if let Some((name, short_text, archived, age)) = state {
        let mut del_gram = conn.prepare_cached(
            "DELETE FROM search_grams WHERE gram = ?1 AND archived = ?2 AND class = ?3 \
             AND age = ?4 AND contact_id = ?5",
        )?;
        for (g, class) in gram_keys(&name, &short_text) {
            del_gram.execute(params![g, archived, class as i64, age, id])?;
        }
        let mut del_key = conn.prepare_cached(
            "DELETE FROM search_pinyin WHERE key = ?1 AND archived = ?2 AND rank = ?3 \
             AND age = ?4 AND contact_id = ?5",
        )?;
        for (key, rank) in pinyin_keys(&name) {
            del_key.execute(params![key, archived, rank, age, id])?;
        }
    }
    for sql in [
        "DELETE FROM search_state WHERE contact_id = ?1",
        "DELETE FROM search_fields WHERE rowid = ?1",
        "DELETE FROM search_notes WHERE rowid = ?1",
    ] {
        conn.prepare_cached(sql)?.execute([id])?;
    }
    Ok(())
}

/// Re-reads one contact and replaces its index entries. The timeline's `edited` entries
/// are left out: they quote old values ("name: 张三丰 → 李四光"), which must stop matching.
pub(crate) fn reindex_contact(conn: &Connection, id: ContactId) -> Result<()> {
    unindex(conn, id)?;
    let Some(c) = get_contact(conn, id)? else {
        return Ok(());
    };
    let timeline: Vec<String> = conn
        .prepare_cached(
            "SELECT DISTINCT body FROM interactions \
             WHERE contact_id = ?1 AND body IS NOT NULL AND kind != 'edited'",
        )?
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    index_doc(conn, &doc_of(&c, timeline))
}

fn doc_of(c: &Contact, timeline: Vec<String>) -> SearchDoc<'_> {
    SearchDoc {
        id: c.id,
        name: &c.name,
        honorific: c.honorific.as_deref(),
        company: c.company.as_deref(),
        source: c.source.as_deref(),
        wechat: c.wechat.as_deref(),
        phone: c.phone.as_deref(),
        need: c.need.as_deref(),
        budget: c.budget.as_deref(),
        tags: c.tags.iter().map(|t| t.to_string()).collect(),
        notes: c.notes.as_deref(),
        timeline,
        archived: c.archived,
        recency: c.last_activity().timestamp(),
    }
}

/// Builds the whole index (for books created before it existed).
pub(crate) fn rebuild_all(conn: &Connection) -> Result<()> {
    let ids: Vec<ContactId> = conn
        .prepare("SELECT id FROM contacts")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for id in ids {
        reindex_contact(conn, id)?;
    }
    Ok(())
}

/// Empties every search table.
fn clear_all(conn: &Connection) -> Result<()> {
    conn.execute_batch(
        "DELETE FROM search_grams; DELETE FROM search_pinyin; DELETE FROM search_state; \
         INSERT INTO search_fields (search_fields) VALUES ('delete-all'); \
         INSERT INTO search_notes (search_notes) VALUES ('delete-all');",
    )?;
    Ok(())
}

impl Store {
    /// Throws the search index away and builds it again from the contacts, in one write.
    pub fn rebuild_search_index(&mut self) -> Result<()> {
        self.write(|w| {
            clear_all(w.tx)?;
            rebuild_all(w.tx)
        })
    }
}

impl Writer<'_> {
    pub(crate) fn reindex_dirty(&self) -> Result<()> {
        let ids: Vec<ContactId> = self.dirty.borrow().iter().copied().collect();
        for id in ids {
            reindex_contact(self.tx, id)?;
        }
        Ok(())
    }
}

/// One search result.
#[derive(Debug, Clone)]
pub struct SearchHit {
    pub contact: Contact,
    pub class: MatchClass,
    /// Which field matched: name, pinyin, honorific, phone, wechat, … notes, timeline.
    pub matched: &'static str,
}

/// A candidate before the contact is loaded.
#[derive(Clone, Copy)]
struct Candidate {
    class: MatchClass,
    /// Among pinyin hits: 0 through main readings, 1 through a secondary reading.
    rank: i64,
    recency: i64,
}

/// Candidates fetched from the trigram index at most; enough to rank a page of results.
const FTS_CANDIDATES: usize = 2000;

impl Snap<'_> {
    pub fn search(
        &self,
        query: &str,
        limit: usize,
        include_archived: bool,
    ) -> Result<Vec<SearchHit>> {
        let p = plan(query);
        if p.text.is_empty() || limit == 0 {
            return Ok(Vec::new());
        }
        let conn = self.conn();
        let mut found: HashMap<ContactId, Candidate> = HashMap::new();
        let mut offer = |id: ContactId, c: Candidate| {
            let e = found.entry(id).or_insert(c);
            if (c.class, c.rank) < (e.class, e.rank) {
                *e = c;
            }
        };
        let archived_filter = if include_archived {
            "archived IN (0, 1)"
        } else {
            "archived = 0"
        };

        if p.short_cjk {
            let sql = format!(
                "SELECT contact_id, class, age FROM search_grams WHERE gram = ?1 AND {archived_filter} \
                 ORDER BY class, age LIMIT ?2"
            );
            for (id, class, age) in query3(conn, &sql, params![p.text, limit as i64])? {
                offer(
                    id,
                    Candidate {
                        class: class_of(class),
                        rank: 0,
                        recency: -age,
                    },
                );
            }
        }
        // A mixed query (张s) keeps only names holding its hanzi. They are filtered while
        // reading, before the cap: names that merely share the letters must not fill it.
        let must = &p.pinyin_must_contain;
        let (name_col, name_join) = if must.is_empty() {
            ("NULL", "")
        } else {
            (
                "s.name",
                "JOIN search_state s ON s.contact_id = p.contact_id",
            )
        };
        for form in &p.pinyin {
            let (key_match, cap) = if form.len() <= PINYIN_PREFIX_MAX {
                ("p.key = ?1", limit.saturating_mul(4))
            } else {
                ("p.key >= ?1 AND p.key < ?1 || '~'", FTS_CANDIDATES)
            };
            let sql = format!(
                "SELECT p.contact_id, p.rank, p.age, {name_col} FROM search_pinyin p {name_join} \
                 WHERE {key_match} AND p.{archived_filter} ORDER BY p.rank, p.age, p.contact_id"
            );
            let mut stmt = conn.prepare_cached(&sql)?;
            let mut rows = stmt.query(params![form])?;
            let mut taken = 0;
            while taken < cap
                && let Some(r) = rows.next()?
            {
                if !must.is_empty() {
                    let name: String = r.get(3)?;
                    if !must.iter().all(|c| name.contains(*c)) {
                        continue;
                    }
                }
                taken += 1;
                offer(
                    r.get(0)?,
                    Candidate {
                        class: MatchClass::Pinyin,
                        rank: r.get(1)?,
                        recency: -r.get::<_, i64>(2)?,
                    },
                );
            }
        }
        // Each full-text lookup is capped, so each returns its best matches in the final
        // order: unordered, a word common to thousands of contacts would rank whichever the
        // index returned first. Recency and the archived flag come from `search_state` (a
        // narrow row, kept with the index). Name matches get their own lookup, ordered exact,
        // prefix, inside; the lowercasing that takes is paid only on names that match.
        let mut fts_queries: Vec<(&str, String, bool)> = Vec::new();
        if p.trigram {
            let phrase = fts_phrase(&p.text);
            fts_queries.push(("search_fields", format!("name : {phrase}"), true));
            fts_queries.push(("search_fields", phrase.clone(), false));
            fts_queries.push(("search_notes", phrase, false));
        }
        if let Some(d) = &p.phone {
            fts_queries.push(("search_fields", format!("phone : {}", fts_phrase(d)), false));
        }
        let cap = FTS_CANDIDATES as i64;
        for (table, q, names) in fts_queries {
            let name_order = if names {
                "CASE WHEN lower(s.name) = ?3 THEN 0 WHEN instr(lower(s.name), ?3) = 1 THEN 1 \
                 ELSE 2 END,"
            } else {
                ""
            };
            let sql = format!(
                "SELECT s.contact_id, s.name, s.age FROM {table} f \
                 JOIN search_state s ON s.contact_id = f.rowid \
                 WHERE {table} MATCH ?1 AND s.{archived_filter} \
                 ORDER BY {name_order} s.age, s.contact_id LIMIT ?2"
            );
            let args: &[&dyn rusqlite::ToSql] = if names {
                &[&q, &cap, &p.text]
            } else {
                &[&q, &cap]
            };
            let mut stmt = conn.prepare_cached(&sql)?;
            let rows = stmt.query_map(args, |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, i64>(2)?,
                ))
            })?;
            for row in rows {
                let (id, name, age) = row?;
                let class = if table == "search_notes" {
                    MatchClass::Notes
                } else {
                    name_class(&name.to_lowercase(), &p.text)
                };
                offer(
                    id,
                    Candidate {
                        class,
                        rank: 0,
                        recency: -age,
                    },
                );
            }
        }

        let mut ranked: Vec<(ContactId, Candidate)> = found.into_iter().collect();
        ranked.sort_by_key(|(id, c)| (c.class, c.rank, -c.recency, *id));
        let mut hits = Vec::new();
        for (id, cand) in ranked {
            if hits.len() >= limit {
                break;
            }
            let Some(contact) = get_contact(conn, id)? else {
                continue;
            };
            let matched = matched_field(&contact, cand.class, &p);
            hits.push(SearchHit {
                contact,
                class: cand.class,
                matched,
            });
        }
        Ok(hits)
    }
}

fn query3(
    conn: &Connection,
    sql: &str,
    args: impl rusqlite::Params,
) -> Result<Vec<(ContactId, i64, i64)>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt
        .query_map(args, |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

fn class_of(v: i64) -> MatchClass {
    match v {
        0 => MatchClass::ExactName,
        1 => MatchClass::NamePrefix,
        2 => MatchClass::Name,
        3 => MatchClass::Pinyin,
        5 => MatchClass::Notes,
        _ => MatchClass::Field,
    }
}

fn name_class(name: &str, q: &str) -> MatchClass {
    if name == q {
        MatchClass::ExactName
    } else if name.starts_with(q) {
        MatchClass::NamePrefix
    } else if name.contains(q) {
        MatchClass::Name
    } else {
        MatchClass::Field
    }
}

/// An FTS5 string literal: the text in double quotes, inner quotes doubled.
fn fts_phrase(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

/// Names the field a hit came through, for the `matched` column.
fn matched_field(c: &Contact, class: MatchClass, p: &QueryPlan) -> &'static str {
    match class {
        MatchClass::ExactName | MatchClass::NamePrefix | MatchClass::Name => return "name",
        MatchClass::Pinyin => return "pinyin",
        _ => {}
    }
    let q = p.text.as_str();
    let has = |v: &Option<String>| v.as_deref().is_some_and(|s| s.to_lowercase().contains(q));
    if let (Some(d), Some(phone)) = (&p.phone, &c.phone)
        && phone.contains(d.as_str())
    {
        return "phone";
    }
    let fields: [(&'static str, bool); 9] = [
        ("honorific", has(&c.honorific)),
        ("company", has(&c.company)),
        ("source", has(&c.source)),
        ("wechat", has(&c.wechat)),
        ("need", has(&c.need)),
        ("budget", has(&c.budget)),
        (
            "tags",
            c.tags
                .iter()
                .any(|t| t.to_string().to_lowercase().contains(q)),
        ),
        ("notes", has(&c.notes)),
        ("phone", has(&c.phone)),
    ];
    fields.into_iter().find(|(_, hit)| *hit).map_or(
        if class == MatchClass::Notes {
            "timeline"
        } else {
            "name"
        },
        |(f, _)| f,
    )
}

/// True when `q` is worth a search (not only spaces and punctuation).
pub fn searchable(q: &str) -> bool {
    q.chars().any(|c| c.is_alphanumeric() || is_cjk(c))
}
