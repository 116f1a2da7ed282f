//! Writing the index. Documents and pinyin rows are written in order of the contacts'
//! keys, a batch at a time ([`Batch`]): FTS5 flushes its pending data to a new segment
//! whenever a rowid comes lower than the last one (which the recency keys of a bulk load
//! would do on nearly every insert), and appending to a B-tree costs far less than
//! inserting all over it. A batch of one contact is the single write's case.

use super::super::contacts::get_contact;
use super::{CLASS_NAME_NATURAL, CLASS_NAME_OTHER, CLASS_TEXT, SearchDoc, Spelled};
use crate::domain::search::spell::{KeyRow, NameRows, name_rows, text_rows};
use crate::domain::search::words::{document, name_document};
use crate::domain::search::{is_cjk, order_key};
use crate::domain::{Contact, ContactId};
use anyhow::{Result, anyhow};
use rusqlite::{Connection, OptionalExtension, params};
use std::collections::HashMap;

/// Separates the texts of one document while a batch holds them.
const TEXT_SEP: char = '\u{1f}';

/// A contact's index entries waiting to be written.
struct Pending {
    key: i64,
    name: String,
    spelled: Vec<(Spelled, String)>,
    /// The texts of the fields document and of the notes document, `TEXT_SEP` between.
    fields: String,
    notes: String,
}

/// Contacts indexed together, written in key order by [`Batch::write`].
#[derive(Default)]
pub(crate) struct Batch {
    pending: Vec<Pending>,
}

/// A contact's index entry made from its [`SearchDoc`], not yet written.
pub(crate) struct Prepared {
    id: ContactId,
    /// `search_state.spelled`.
    spelled: String,
    pending: Pending,
}

impl Prepared {
    pub(crate) fn of(d: &SearchDoc) -> Result<Prepared> {
        let key = order_key(d.id, d.recency, d.archived)
            .ok_or_else(|| anyhow!("contact id {} is past what the search index orders", d.id))?;
        let spelled = spelled_texts(d);
        let phone_digits: Option<String> = d
            .phone
            .map(|p| p.chars().filter(char::is_ascii_digit).collect());
        let fields: Vec<&str> = [
            d.honorific,
            d.company,
            d.source,
            d.wechat,
            phone_digits.as_deref(),
            d.need,
            d.budget,
        ]
        .into_iter()
        .flatten()
        .chain(d.tags.iter().map(String::as_str))
        .collect();
        let notes: Vec<&str> = d
            .notes
            .into_iter()
            .chain(d.timeline.iter().map(String::as_str))
            .collect();
        let sep = TEXT_SEP.to_string();
        Ok(Prepared {
            id: d.id,
            spelled: encode_spelled(&spelled),
            pending: Pending {
                key,
                name: d.name.to_string(),
                spelled: spelled
                    .into_iter()
                    .map(|(f, t)| (f, t.to_string()))
                    .collect(),
                fields: fields.join(&sep),
                notes: notes.join(&sep),
            },
        })
    }
}

impl Batch {
    /// Adds a contact that is not in the index. Its state row is written at once (a bulk
    /// load adds contacts in id order); the rest waits for [`Batch::write`].
    pub(crate) fn add(&mut self, conn: &Connection, d: &SearchDoc) -> Result<()> {
        self.add_prepared(conn, Prepared::of(d)?)
    }

    /// [`Batch::add`] of an entry made before.
    pub(crate) fn add_prepared(&mut self, conn: &Connection, p: Prepared) -> Result<()> {
        conn.prepare_cached(
            "INSERT INTO search_state (contact_id, sort_key, name, spelled) VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![p.id, p.pending.key, p.pending.name, p.spelled])?;
        self.pending.push(p.pending);
        Ok(())
    }

    /// Writes every pending entry: the documents, then the pinyin rows, each in order.
    pub(crate) fn write(mut self, conn: &Connection) -> Result<()> {
        self.pending.sort_by_key(|p| p.key);
        let bulk = self.pending.len() >= BULK;
        for p in &self.pending {
            let docs = [
                ("search_name", name_document(&p.name)),
                ("search_fields", document(p.fields.split(TEXT_SEP))),
                ("search_notes", document(p.notes.split(TEXT_SEP))),
            ];
            for (table, words) in docs {
                if words.is_empty() {
                    continue;
                }
                conn.prepare_cached(&format!(
                    "INSERT INTO {table} (rowid, words) VALUES (?1, ?2)"
                ))?
                .execute(params![p.key, words])?;
            }
        }
        // Each distinct name and text is spelled once: sources, tags and companies repeat.
        let mut names: HashMap<&str, NameRows> = HashMap::new();
        let mut texts: HashMap<&str, Vec<KeyRow>> = HashMap::new();
        for p in &self.pending {
            names.entry(&p.name).or_insert_with(|| name_rows(&p.name));
            for (_, t) in &p.spelled {
                texts.entry(t).or_insert_with(|| text_rows(t));
            }
        }
        let mut rows: Vec<SpellRow> = Vec::new();
        for p in &self.pending {
            let n = &names[p.name.as_str()];
            for (class, list) in [
                (CLASS_NAME_NATURAL, &n.natural),
                (CLASS_NAME_OTHER, &n.other),
            ] {
                rows.extend(list.iter().map(|row| SpellRow {
                    key: p.key,
                    row,
                    class,
                    field: Spelled::Name,
                    text: &p.name,
                }));
            }
            for (field, text) in &p.spelled {
                rows.extend(texts[text.as_str()].iter().map(|row| SpellRow {
                    key: p.key,
                    row,
                    class: CLASS_TEXT,
                    field: *field,
                    text,
                }));
            }
        }
        rows.sort_by_cached_key(SpellRow::order);
        // Many rows per statement: most of a row's cost is the statement's own.
        let mut chunks = rows.chunks_exact(ROWS_PER_INSERT);
        for chunk in chunks.by_ref() {
            insert_spell_rows(conn, chunk)?;
        }
        for row in chunks.remainder() {
            insert_spell_rows(conn, std::slice::from_ref(row))?;
        }
        if bulk && self.pending.len() * 2 >= indexed_contacts(conn)? {
            settle(conn)?;
        }
        Ok(())
    }
}

/// Contacts in a batch from which on it may have built most of the index (a demo, an
/// import, a rebuild): below this, a batch is one change's.
const BULK: usize = 256;

fn indexed_contacts(conn: &Connection) -> Result<usize> {
    let n: i64 = conn.query_row("SELECT count(*) FROM search_state", [], |r| r.get(0))?;
    Ok(n.max(0) as usize)
}

/// Merges each full-text table into one segment above FTS5's lowest level, once the bulk of
/// the index has just been written. Left as written, the bulk sits on the lowest level,
/// where every later change adds a small segment; the 16th makes FTS5 merge the whole level
/// at once inside that change's commit (0.1 s on 10,000 contacts, 0.4 s on 100,000: the
/// rep's 15th keystroke after a demo or an import stalled). Merged here, later merges
/// stay among the small segments. `optimize` leaves a lone segment where it is, so a
/// placeholder row (rowid -1: no contact's key is negative) makes a second one first.
fn settle(conn: &Connection) -> Result<()> {
    for table in ["search_name", "search_fields", "search_notes"] {
        conn.execute_batch(&format!(
            "INSERT INTO {table} (rowid, words) VALUES (-1, 'settle'); \
             INSERT INTO {table} ({table}) VALUES ('optimize'); \
             DELETE FROM {table} WHERE rowid = -1;"
        ))?;
    }
    Ok(())
}

/// Pinyin rows written by one statement in a batch.
const ROWS_PER_INSERT: usize = 64;

fn insert_spell_rows(conn: &Connection, rows: &[SpellRow]) -> Result<()> {
    static SQL: std::sync::LazyLock<[String; 2]> =
        std::sync::LazyLock::new(|| [insert_sql(1), insert_sql(ROWS_PER_INSERT)]);
    let sql = if rows.len() == ROWS_PER_INSERT {
        &SQL[1]
    } else {
        debug_assert_eq!(rows.len(), 1);
        &SQL[0]
    };
    let numbers: Vec<[i64; 4]> = rows
        .iter()
        .map(|r| [r.class, r.key, r.row.start as i64, r.field as i64])
        .collect();
    let mut args: Vec<&dyn rusqlite::ToSql> = Vec::with_capacity(rows.len() * 7);
    for (r, n) in rows.iter().zip(&numbers) {
        args.extend_from_slice(&[
            &r.row.key,
            &n[0],
            &n[1],
            &r.row.heads,
            &n[2],
            &n[3],
            &r.text,
        ]);
    }
    conn.prepare_cached(sql)?.execute(args.as_slice())?;
    Ok(())
}

/// `INSERT OR IGNORE` of `n` rows of `search_spell`.
fn insert_sql(n: usize) -> String {
    let row = "(?, ?, ?, ?, ?, ?, ?)";
    format!(
        "INSERT OR IGNORE INTO search_spell (key, class, sort_key, heads, start, field, text) \
         VALUES {}",
        vec![row; n].join(", ")
    )
}

/// A row of `search_spell` before it is written.
struct SpellRow<'a> {
    key: i64,
    row: &'a KeyRow,
    class: i64,
    field: Spelled,
    text: &'a str,
}

impl SpellRow<'_> {
    /// Close to the table's order (key, class, sort key): enough for the writes to be
    /// appends, and far cheaper to sort by than the whole primary key.
    fn order(&self) -> (u64, i64, i64) {
        let mut prefix = [0u8; 8];
        for (p, b) in prefix.iter_mut().zip(self.row.key.bytes()) {
            *p = b;
        }
        (u64::from_be_bytes(prefix), self.class, self.key)
    }
}

/// Indexes one contact that is not in the index.
#[allow(dead_code)] // Part of the store's interface for the write pipeline.
pub(crate) fn index_doc(conn: &Connection, d: &SearchDoc) -> Result<()> {
    let mut batch = Batch::default();
    batch.add(conn, d)?;
    batch.write(conn)
}

/// The texts besides the name that get pinyin rows: company, source, and each tag's name
/// (not its group), each once, those with Chinese characters only.
fn spelled_texts<'a>(d: &'a SearchDoc) -> Vec<(Spelled, &'a str)> {
    let tags = d.tags.iter().map(|t| t.rsplit('/').next().unwrap_or(t));
    let candidates = [(Spelled::Company, d.company), (Spelled::Source, d.source)]
        .into_iter()
        .filter_map(|(f, t)| t.map(|t| (f, t)))
        .chain(tags.map(|t| (Spelled::Tag, t)));
    let mut out: Vec<(Spelled, &str)> = Vec::new();
    for (field, text) in candidates {
        if text.chars().any(is_cjk) && !out.iter().any(|(_, t)| *t == text) {
            out.push((field, text));
        }
    }
    out
}

/// `search_state.spelled`: the spelled texts, as `code \x1f text` joined by `\x1e`.
fn encode_spelled(texts: &[(Spelled, &str)]) -> String {
    texts
        .iter()
        .map(|(f, t)| format!("{}\u{1f}{t}", *f as i64))
        .collect::<Vec<_>>()
        .join("\u{1e}")
}

fn decode_spelled(s: &str) -> Vec<(Spelled, &str)> {
    s.split('\u{1e}')
        .filter_map(|part| part.split_once('\u{1f}'))
        .map(|(code, text)| (Spelled::from_code(code.parse().unwrap_or(0)), text))
        .collect()
}

/// Calls `f` with every pinyin row of a contact: (row, class, field, text).
fn each_spell_row<'t>(
    name: &'t str,
    texts: &[(Spelled, &'t str)],
    mut f: impl FnMut(KeyRow, i64, Spelled, &'t str) -> Result<()>,
) -> Result<()> {
    let rows = name_rows(name);
    for r in rows.natural {
        f(r, CLASS_NAME_NATURAL, Spelled::Name, name)?;
    }
    for r in rows.other {
        f(r, CLASS_NAME_OTHER, Spelled::Name, name)?;
    }
    for &(field, text) in texts {
        for r in text_rows(text) {
            f(r, CLASS_TEXT, field, text)?;
        }
    }
    Ok(())
}

/// Removes a contact's index entries, found again from what they were built from.
fn unindex(conn: &Connection, id: ContactId) -> Result<()> {
    let state: Option<(i64, String, String)> = conn
        .prepare_cached("SELECT sort_key, name, spelled FROM search_state WHERE contact_id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    let Some((key, name, spelled)) = state else {
        return Ok(());
    };
    for table in ["search_name", "search_fields", "search_notes"] {
        conn.prepare_cached(&format!("DELETE FROM {table} WHERE rowid = ?1"))?
            .execute([key])?;
    }
    let mut delete = conn.prepare_cached(
        "DELETE FROM search_spell WHERE key = ?1 AND class = ?2 AND sort_key = ?3 \
         AND heads = ?4 AND start = ?5 AND field = ?6 AND text = ?7",
    )?;
    each_spell_row(&name, &decode_spelled(&spelled), |r, class, field, text| {
        delete.execute(params![
            r.key,
            class,
            key,
            r.heads,
            r.start as i64,
            field as i64,
            text
        ])?;
        Ok(())
    })?;
    conn.prepare_cached("DELETE FROM search_state WHERE contact_id = ?1")?
        .execute([id])?;
    Ok(())
}

/// Re-reads one contact and replaces its index entries.
#[allow(dead_code)] // Part of the store's interface for the write pipeline.
pub(crate) fn reindex_contact(conn: &Connection, id: ContactId) -> Result<()> {
    reindex_contacts(conn, &[id], &mut HashMap::new())
}

/// Re-reads these contacts and replaces their index entries, in one batch; a contact with
/// an entry in `fresh` (made as the write created it) takes that instead of being read. The
/// timeline's `edited` entries are left out: they quote old values ("name: 张三丰 →
/// 李四光"), which must stop matching.
pub(crate) fn reindex_contacts(
    conn: &Connection,
    ids: &[ContactId],
    fresh: &mut HashMap<ContactId, Prepared>,
) -> Result<()> {
    let mut batch = Batch::default();
    for &id in ids {
        unindex(conn, id)?;
        if let Some(entry) = fresh.remove(&id) {
            batch.add_prepared(conn, entry)?;
            continue;
        }
        let Some(c) = get_contact(conn, id)? else {
            continue;
        };
        let bodies = conn
            .prepare_cached(
                "SELECT body FROM interactions \
                 WHERE contact_id = ?1 AND body IS NOT NULL AND kind != 'edited' \
                 ORDER BY at, id",
            )?
            .query_map([id], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?;
        let timeline = timeline_texts(bodies.iter().map(String::as_str));
        batch.add(conn, &doc_of(&c, timeline))?;
    }
    batch.write(conn)
}

/// The timeline's texts as the index takes them: each distinct text once, where it first
/// comes. `texts` are the bodies of the entries that are not edits, in the book's order
/// (time, then entry id).
pub(crate) fn timeline_texts<'t>(texts: impl IntoIterator<Item = &'t str>) -> Vec<String> {
    let mut seen: std::collections::HashSet<&str> = std::collections::HashSet::new();
    texts
        .into_iter()
        .filter(|t| seen.insert(t))
        .map(str::to_string)
        .collect()
}

pub(crate) fn doc_of(c: &Contact, timeline: Vec<String>) -> SearchDoc<'_> {
    let recency = c.last_activity().timestamp();
    super::search_doc!(c, id: c.id, timeline: timeline, archived: c.archived, recency: recency)
}

/// Empties every search table.
pub(crate) fn clear_all(conn: &Connection) -> Result<()> {
    conn.execute_batch(
        "DELETE FROM search_spell; DELETE FROM search_state; \
         INSERT INTO search_name (search_name) VALUES ('delete-all'); \
         INSERT INTO search_fields (search_fields) VALUES ('delete-all'); \
         INSERT INTO search_notes (search_notes) VALUES ('delete-all');",
    )?;
    Ok(())
}

/// Builds the whole index again from the contacts (books whose index is older than this
/// build's, or a rebuild on request).
pub(crate) fn rebuild_all(conn: &Connection) -> Result<()> {
    clear_all(conn)?;
    let ids: Vec<ContactId> = conn
        .prepare("SELECT id FROM contacts ORDER BY id")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    reindex_contacts(conn, &ids, &mut HashMap::new())
}
