//! Answering a query. The ranking is a list of tiers — exact name, name prefix, name,
//! pinyin (natural readings before others, then the fewest syllables), other fields,
//! notes and timeline — and each tier is a few lookups that read the index best first. A page
//! takes, tier by tier, the first new contacts of each lookup, so its cost follows the
//! page size, not the number of matches. The total is counted up to [`TOTAL_CAP`].

use super::super::contacts::get_contact;
use super::{CLASS_NAME_NATURAL, CLASS_NAME_OTHER, CLASS_TEXT, Spelled};
use crate::domain::search::spell::{OPEN_HEADS, Spelled as SpelledText, reads_as};
use crate::domain::search::words::{InName, name_query, text_query};
use crate::domain::search::{
    ARCHIVED, MatchClass, Probe, QueryPlan, Reading, fold, id_of_key, plan, rank_of_key,
};
use crate::domain::{Contact, ContactId};
use anyhow::Result;
use rusqlite::{Connection, params};
use std::collections::{BTreeSet, HashMap, HashSet};

/// Matches counted at most (or as many as the page asks for, when more); past it the
/// total reads "at least this many".
pub const TOTAL_CAP: usize = 1000;

/// One search result.
#[derive(Debug, Clone)]
pub struct SearchHit {
    pub contact: Contact,
    pub class: MatchClass,
    /// Which field matched: name, pinyin, honorific, company, source, wechat, phone, need,
    /// budget, tags, notes, timeline.
    pub matched: &'static str,
}

/// A page of results and how many contacts match in all.
#[derive(Debug, Clone, Default)]
pub struct SearchResults {
    /// The best `limit` hits, best first.
    pub hits: Vec<SearchHit>,
    /// How many contacts match: exact, or where counting stopped (at [`TOTAL_CAP`], or at
    /// the page size when that is larger).
    pub total: usize,
    /// False when `total` is only a lower bound.
    pub total_is_exact: bool,
}

/// The key ranges of active and of archived contacts (see `domain::search::order_key`).
const ACTIVE_KEYS: (i64, i64) = (0, ARCHIVED - 1);
const ARCHIVED_KEYS: (i64, i64) = (ARCHIVED, i64::MAX);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FullText {
    Name,
    Fields,
    Notes,
}

impl FullText {
    fn table(self) -> &'static str {
        match self {
            FullText::Name => "search_name",
            FullText::Fields => "search_fields",
            FullText::Notes => "search_notes",
        }
    }
}

/// What a lookup knows of the field a hit came through; the rest is worked out from the
/// contact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Label {
    Name,
    /// Some field other than the name and the notes.
    Fields,
    /// The notes or the timeline.
    Notes,
    Spelled(Spelled),
}

/// One index read that yields contacts best first (most recent, then lowest id).
enum Lookup<'p> {
    /// Documents holding a phrase.
    Text { table: FullText, phrase: String },
    /// Pinyin rows of one class fitting one probe, read as `how`.
    Spell {
        probe: &'p Probe,
        class: i64,
        how: Reading,
    },
}

/// Lookups whose hits rank alike, merged best first.
struct Tier<'p> {
    class: MatchClass,
    lookups: Vec<Lookup<'p>>,
}

fn tiers(p: &QueryPlan) -> Vec<Tier<'_>> {
    let name = |at| Lookup::Text {
        table: FullText::Name,
        phrase: name_query(&p.compact, at),
    };
    let text = |table, compact: &str| Lookup::Text {
        table,
        phrase: text_query(compact),
    };
    let mut tiers = vec![
        Tier {
            class: MatchClass::ExactName,
            lookups: vec![name(InName::Whole)],
        },
        Tier {
            class: MatchClass::NamePrefix,
            lookups: vec![name(InName::Start)],
        },
        Tier {
            class: MatchClass::Name,
            lookups: vec![name(InName::Anywhere)],
        },
    ];
    // Pinyin: natural readings before other ones, then the fewest syllables spanned.
    let spans: BTreeSet<usize> = p.probes.iter().map(Probe::span).collect();
    for how in [Reading::Natural, Reading::Any] {
        for &span in &spans {
            let of_span = || p.probes.iter().filter(move |pr| pr.span() == span);
            let lookups = match how {
                Reading::Natural => of_span()
                    .map(|probe| (probe, CLASS_NAME_NATURAL))
                    .collect::<Vec<_>>(),
                // A certain probe's natural rows were all taken by the natural tiers.
                Reading::Any => of_span()
                    .filter(|probe| !probe.certain)
                    .map(|probe| (probe, CLASS_NAME_NATURAL))
                    .chain(of_span().map(|probe| (probe, CLASS_NAME_OTHER)))
                    .collect(),
            };
            tiers.push(Tier {
                class: MatchClass::Pinyin,
                lookups: lookups
                    .into_iter()
                    .map(|(probe, class)| Lookup::Spell { probe, class, how })
                    .collect(),
            });
        }
    }
    let mut fields = vec![text(FullText::Fields, &p.compact)];
    if let Some(digits) = &p.phone {
        fields.push(text(FullText::Fields, digits));
    }
    fields.extend(p.probes.iter().map(|probe| Lookup::Spell {
        probe,
        class: CLASS_TEXT,
        how: Reading::Any,
    }));
    tiers.push(Tier {
        class: MatchClass::Field,
        lookups: fields,
    });
    tiers.push(Tier {
        class: MatchClass::Notes,
        lookups: vec![text(FullText::Notes, &p.compact)],
    });
    tiers
}

/// Reads `lookup` best first within `keys`, handing each matching contact's order key
/// and label to `visit` until it returns false.
fn scan(
    conn: &Connection,
    p: &QueryPlan,
    lookup: &Lookup,
    keys: (i64, i64),
    visit: &mut dyn FnMut(i64, Label) -> bool,
) -> Result<()> {
    match lookup {
        Lookup::Text { table, phrase } => {
            let t = table.table();
            let mut stmt = conn.prepare_cached(&format!(
                "SELECT rowid FROM {t} WHERE {t} MATCH ?1 AND rowid >= ?2 AND rowid <= ?3 \
                 ORDER BY rowid"
            ))?;
            let label = match table {
                FullText::Name => Label::Name,
                FullText::Fields => Label::Fields,
                FullText::Notes => Label::Notes,
            };
            let mut rows = stmt.query(params![phrase, keys.0, keys.1])?;
            while let Some(r) = rows.next()? {
                if !visit(r.get(0)?, label) {
                    break;
                }
            }
        }
        Lookup::Spell { probe, class, how } => {
            let Some(q) = &p.pinyin else {
                return Ok(());
            };
            let mut stmt = conn.prepare_cached(
                "SELECT sort_key, heads, start, field, text FROM search_spell \
                 WHERE key = ?1 AND class = ?2 AND sort_key >= ?3 AND sort_key <= ?4 \
                 AND (heads GLOB ?5 OR heads = ?6) ORDER BY sort_key",
            )?;
            let mut rows = stmt.query(params![
                probe.key,
                class,
                keys.0,
                keys.1,
                probe.pattern,
                OPEN_HEADS
            ])?;
            // Texts already checked, with the answer: common names repeat.
            let mut checked: HashMap<(String, usize, bool), bool> = HashMap::new();
            let mut last_taken = None;
            while let Some(r) = rows.next()? {
                let key: i64 = r.get(0)?;
                if last_taken == Some(key) {
                    continue;
                }
                let open = r.get_ref(1)?.as_str()? == OPEN_HEADS;
                let start = r.get::<_, i64>(2)? as usize;
                let field = Spelled::from_code(r.get(3)?);
                let ok = (probe.certain && !open) || {
                    let text: String = r.get(4)?;
                    let as_name = field == Spelled::Name;
                    *checked.entry((text, start, as_name)).or_insert_with_key(
                        |(text, start, as_name)| {
                            let sp = SpelledText::new(text, *as_name);
                            reads_as(q, &sp, *start, probe.span(), *how)
                        },
                    )
                };
                if !ok {
                    continue;
                }
                last_taken = Some(key);
                if !visit(key, Label::Spelled(field)) {
                    break;
                }
            }
        }
    }
    Ok(())
}

/// The best `limit` contacts for `query`, ranked by tier, then most recent activity,
/// then id; and how many contacts match in all (exact, or at least [`TOTAL_CAP`] or
/// `limit`, whichever is larger).
/// Archived contacts only with `include_archived`.
pub(crate) fn search(
    conn: &Connection,
    query: &str,
    limit: usize,
    include_archived: bool,
) -> Result<SearchResults> {
    let p = plan(query);
    if p.compact.is_empty() {
        return Ok(SearchResults {
            total_is_exact: true,
            ..Default::default()
        });
    }
    let tiers = tiers(&p);
    let ranges: &[(i64, i64)] = if include_archived {
        &[ACTIVE_KEYS, ARCHIVED_KEYS]
    } else {
        &[ACTIVE_KEYS]
    };
    // Each lookup is read once: as far as the page needs, and on while the count does.
    let cap = TOTAL_CAP.max(limit);
    let mut counted: HashSet<ContactId> = HashSet::new();
    let mut seen: HashSet<ContactId> = HashSet::new();
    let mut picked: Vec<(ContactId, MatchClass, Label)> = Vec::new();
    for tier in &tiers {
        let need = limit - picked.len();
        if need == 0 && counted.len() >= cap {
            break;
        }
        // (rank, lookup index, key, label) of each lookup's first `need` contacts not on
        // the page yet: the tier's best `need` are among them.
        let mut found: Vec<(i64, usize, i64, Label)> = Vec::new();
        for (i, lookup) in tier.lookups.iter().enumerate() {
            for &keys in ranges {
                let mut taken = 0;
                scan(conn, &p, lookup, keys, &mut |key, label| {
                    let id = id_of_key(key);
                    if counted.len() < cap {
                        counted.insert(id);
                    }
                    if taken < need && !seen.contains(&id) {
                        found.push((rank_of_key(key), i, key, label));
                        taken += 1;
                    }
                    taken < need || counted.len() < cap
                })?;
            }
        }
        found.sort_by_key(|f| (f.0, f.1));
        for (_, _, key, label) in found {
            if picked.len() == limit {
                break;
            }
            let id = id_of_key(key);
            if seen.insert(id) {
                picked.push((id, tier.class, label));
            }
        }
    }
    let (total, total_is_exact) = (counted.len(), counted.len() < cap);
    let mut hits = Vec::with_capacity(picked.len());
    for (id, class, label) in picked {
        let Some(contact) = get_contact(conn, id)? else {
            continue;
        };
        let matched = matched_field(&contact, label, &p);
        hits.push(SearchHit {
            contact,
            class,
            matched,
        });
    }
    Ok(SearchResults {
        hits,
        total,
        total_is_exact,
    })
}

/// Names the field a hit came through, for the `matched` column.
fn matched_field(c: &Contact, label: Label, p: &QueryPlan) -> &'static str {
    let holds = |v: &Option<String>| v.as_deref().is_some_and(|s| fold(s).contains(&p.compact));
    match label {
        Label::Name => "name",
        Label::Spelled(field) => field.label(),
        Label::Notes => {
            if holds(&c.notes) {
                "notes"
            } else {
                "timeline"
            }
        }
        Label::Fields => {
            let digits = |s: &str| -> String { s.chars().filter(char::is_ascii_digit).collect() };
            let wanted = p.phone.clone().unwrap_or_else(|| p.compact.clone());
            if let Some(phone) = &c.phone
                && wanted.chars().all(|d| d.is_ascii_digit())
                && digits(phone).contains(&wanted)
            {
                return "phone";
            }
            let tags = c
                .tags
                .iter()
                .any(|t| fold(&t.to_string()).contains(&p.compact));
            [
                ("honorific", holds(&c.honorific)),
                ("company", holds(&c.company)),
                ("source", holds(&c.source)),
                ("wechat", holds(&c.wechat)),
                ("need", holds(&c.need)),
                ("budget", holds(&c.budget)),
                ("tags", tags),
            ]
            .into_iter()
            .find(|(_, hit)| *hit)
            .map_or("fields", |(f, _)| f)
        }
    }
}
