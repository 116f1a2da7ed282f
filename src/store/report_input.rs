//! The team lead's figures read from a book: one pass over each table fills the lists of a
//! [`BookInput`] (no query per contact: a book may hold 100,000 contacts and a million
//! timeline entries). What the service adds — the template measured against, the period,
//! the clock, the log's verification — it sets itself.

use super::records_seal::{
    FOLLOWUP_COLUMNS, FOLLOWUP_WIDTH, PURCHASE_COLUMNS, PURCHASE_WIDTH, hash_columns, is_closed,
};
use super::report_timeline::{OutcomeRow, TimelineChunks, TimelinePart};
use super::time::from_db;
use super::{BookRows, RowTable, Snap};
use crate::domain::contact::UNNAMED_OWNER;
use crate::domain::followup::Track;
use crate::domain::records_seal::{RowHasher, Seal, Table};
use crate::domain::state::StageRow;
use crate::domain::{Contact, ContactId, Grade};
use crate::report::input::{
    BookInput, ContactRow, FollowupRow, FollowupStatus, GradeChange, OutcomeChange,
    OutcomeChangeKind, PurchaseRow, StageMove,
};
use anyhow::{Result, anyhow};
use chrono::{DateTime, Utc};
use rusqlite::Row;
use rusqlite::types::ValueRef;
use std::collections::HashMap;

pub(super) fn text<'r>(r: &'r Row, i: usize) -> Result<Option<&'r str>> {
    Ok(match r.get_ref(i)? {
        ValueRef::Null => None,
        v => Some(v.as_str()?),
    })
}

fn time(r: &Row, i: usize) -> Result<DateTime<Utc>> {
    Ok(from_db(r.get(i)?))
}

pub(super) fn grade(v: Option<&str>) -> Result<Option<Grade>> {
    v.map(|g| {
        Grade::ALL
            .into_iter()
            .find(|x| x.key() == g)
            .ok_or_else(|| anyhow!("unknown grade '{g}' in the book"))
    })
    .transpose()
}

fn track(v: &str) -> Result<Track> {
    Track::ALL
        .into_iter()
        .find(|t| t.key() == v)
        .ok_or_else(|| anyhow!("unknown follow-up track '{v}' in the book"))
}

fn status(v: &str) -> Result<FollowupStatus> {
    Ok(match v {
        "open" => FollowupStatus::Open,
        "done" => FollowupStatus::Done,
        "skipped" => FollowupStatus::Skipped,
        "superseded" => FollowupStatus::Superseded,
        other => return Err(anyhow!("unknown follow-up status '{other}' in the book")),
    })
}

/// The book's stage history as the figures read it.
pub fn fill_stage_moves(input: &mut BookInput, stages: &[(ContactId, StageRow)]) {
    input.stage_moves = stages
        .iter()
        .map(|(contact, r)| StageMove {
            contact: *contact,
            at: from_db(r.at),
            from: r.from,
            to: r.to,
        })
        .collect();
}

/// The report's contacts, taken one by one as the book is read: each contact's text moves
/// into its row, uncopied, and the rest of it is let go at once (a big book's report then
/// never holds 100,000 whole contacts). Owners are counted on the way.
#[derive(Debug, Default)]
pub struct ReportContacts {
    rows: Vec<ContactRow>,
    /// Each owner named, with how many contacts name them, in the order first seen.
    owners: Vec<(String, usize)>,
}

impl ReportContacts {
    /// Room for every contact of the book in `snap` (a list grown by doubling touches
    /// twice the memory).
    pub fn sized_for(snap: &Snap<'_>) -> ReportContacts {
        ReportContacts {
            rows: Vec::with_capacity(snap.rows_hint(RowTable::Contacts)),
            owners: Vec::new(),
        }
    }

    pub fn take(&mut self, c: Contact) {
        if let Some(o) = c.owner.as_deref().map(str::trim).filter(|o| !o.is_empty()) {
            match self.owners.iter_mut().find(|(n, _)| n == o) {
                Some((_, count)) => *count += 1,
                None => self.owners.push((o.to_string(), 1)),
            }
        }
        // Moved out field by field: the rest of the contact is let go here.
        self.rows.push(ContactRow {
            id: c.id,
            name: c.name,
            phone: c.phone,
            wechat: c.wechat,
            source: c.source,
            grade: c.grade,
            stage: c.stage,
            outcome: c.outcome,
            lost_reason: c.lost_reason,
            created_at: c.created_at,
            archived: c.archived,
            last_touch_at: c.last_touch_at,
            last_inbound_at: None,
            arrived_at: None,
            prior_contact: None,
            referred_by: None,
            quiet: c.quiet,
        });
    }
}

/// The follow-ups and purchases of a book, for its report.
#[derive(Debug, Default)]
pub struct ReportTables {
    pub followups: Vec<FollowupRow>,
    pub purchases: Vec<PurchaseRow>,
    /// The seal of the purchases and closed follow-ups read (see
    /// [`crate::domain::records_seal`]).
    pub seal: Seal,
}

impl ReportTables {
    pub fn fill(self, input: &mut BookInput) {
        input.followups = self.followups;
        input.purchases = self.purchases;
    }
}

/// A grade change with the timeline entry that holds it (to order changes made in the same
/// second).
pub(super) struct EntryGrade {
    pub(super) entry: i64,
    pub(super) change: GradeChange,
}

impl Snap<'_> {
    /// Fills `input`'s owner and its lists from the book: its contacts (archived included,
    /// taken as `verify` read them), then the timeline `parts` read of `chunks` (see
    /// [`read_timeline_chunks`](Self::read_timeline_chunks)); grade and outcome changes.
    /// The stage moves come from [`fill_stage_moves`], the follow-ups and purchases from
    /// [`report_tables`](Self::report_tables).
    /// The book does not record referrals (`records_referrals` is false). Returns the seal
    /// of the timeline's rows, for `verify`'s check of them.
    pub fn fill_report_input(
        &self,
        input: &mut BookInput,
        contacts: ReportContacts,
        chunks: &TimelineChunks,
        parts: Vec<TimelinePart>,
    ) -> Result<Seal> {
        input.contacts = contacts.rows;
        // The most contacts' owner; ties go to the first seen. Contacts added before the
        // rep had a name count for nobody: the name given since is the book's.
        let mut owner: Option<(String, usize)> = None;
        for (o, n) in contacts.owners {
            if o.trim().is_empty() || o == UNNAMED_OWNER {
                continue;
            }
            if owner.as_ref().is_none_or(|(_, best)| n > *best) {
                owner = Some((o, n));
            }
        }
        input.owner = match owner {
            Some((o, _)) => o,
            None => self.last_actor()?.unwrap_or_default(),
        };
        input.records_referrals = false;
        let (graded, seal) = self.merge_timeline(input, chunks, parts)?;
        input.grade_changes = with_first_grades(&input.contacts, graded);
        Ok(seal)
    }

    /// Everything [`fill_report_input`](Self::fill_report_input) reads, in one call on one
    /// connection.
    pub fn fill_whole_report_input(&self, input: &mut BookInput, book: &BookRows) -> Result<()> {
        let mut contacts = ReportContacts::sized_for(self);
        for c in &book.contacts {
            contacts.take(c.clone());
        }
        let chunks = self.timeline_chunks()?;
        let part = self.read_timeline_chunks(&chunks, chunks.rows_hint())?;
        self.fill_report_input(input, contacts, &chunks, vec![part])?;
        fill_stage_moves(input, &book.stages);
        self.report_tables()?.fill(input);
        Ok(())
    }

    /// The follow-ups and purchases the figures read: independent of the book's contacts,
    /// so another thread can read them beside [`fill_report_input`](Self::fill_report_input).
    pub fn report_tables(&self) -> Result<ReportTables> {
        let mut seal = Seal::default();
        Ok(ReportTables {
            followups: self.report_followups(&mut seal)?,
            purchases: self.report_purchases(&mut seal)?,
            seal,
        })
    }

    /// Who last wrote to the book (for a book whose contacts name no owner).
    fn last_actor(&self) -> Result<Option<String>> {
        use rusqlite::OptionalExtension;
        Ok(self
            .conn()
            .query_row(
                "SELECT actor FROM events WHERE actor NOT IN ('salesbook', ?1) \
                 ORDER BY id DESC LIMIT 1",
                [UNNAMED_OWNER],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Every follow-up, the closed ones hashed into `seal` as they pass.
    fn report_followups(&self, seal: &mut Seal) -> Result<Vec<FollowupRow>> {
        // A follow-up snoozed past its deadline is judged by the deadline it missed (a book
        // older than the column has none kept, nor a seal to check).
        let sql = if self.schema_version()? >= super::schema::OVERDUE_VERSION {
            format!("SELECT {FOLLOWUP_COLUMNS}, coalesce(overdue_at, due_at) FROM followups")
        } else {
            "SELECT id, contact_id, track, step, purchase_id, due_at, status, closed_at, note, \
             NULL, due_at FROM followups"
                .to_string()
        };
        let mut stmt = self.conn().prepare(&sql)?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::with_capacity(self.rows_hint(RowTable::Followups));
        let mut h = RowHasher::default();
        let sealed: [usize; FOLLOWUP_WIDTH] = std::array::from_fn(|i| i);
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            let bad = |e: anyhow::Error| e.context(format!("follow-up {id}"));
            let status_text = text(r, 6)?.unwrap_or_default();
            if is_closed(status_text.as_bytes()) {
                seal.add(hash_columns(&mut h, Table::ClosedFollowups, r, &sealed)?);
            }
            out.push(FollowupRow {
                id,
                contact: r.get(1)?,
                track: track(text(r, 2)?.unwrap_or_default()).map_err(bad)?,
                due: time(r, FOLLOWUP_WIDTH)?,
                status: status(status_text).map_err(bad)?,
                closed_at: r.get::<_, Option<i64>>(7)?.map(from_db),
                note: r.get(8)?,
            });
        }
        Ok(out)
    }

    /// Every purchase, each hashed into `seal`.
    fn report_purchases(&self, seal: &mut Seal) -> Result<Vec<PurchaseRow>> {
        let mut stmt = self
            .conn()
            .prepare(&format!("SELECT {PURCHASE_COLUMNS} FROM purchases"))?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        let mut h = RowHasher::default();
        let sealed: [usize; PURCHASE_WIDTH] = std::array::from_fn(|i| i);
        while let Some(r) = rows.next()? {
            seal.add(hash_columns(&mut h, Table::Purchases, r, &sealed)?);
            out.push(PurchaseRow {
                contact: r.get(1)?,
                at: time(r, 2)?,
                product: r.get(3)?,
                amount_cents: r.get::<_, Option<i64>>(4)?.unwrap_or(0),
            });
        }
        Ok(out)
    }
}

/// Wins, losses and reopenings in each contact's order. A win of a contact already won is a
/// repeat purchase (`won` records each order), not a change of outcome: it is left out.
pub(super) fn outcome_changes(mut rows: Vec<OutcomeRow>) -> Vec<OutcomeChange> {
    rows.sort_by_key(|(contact, at, id, ..)| (*contact, *at, *id));
    let mut out = Vec::with_capacity(rows.len());
    let mut current: Option<(ContactId, OutcomeChangeKind)> = None;
    for (contact, at, _, change, reason) in rows {
        let won_again =
            change == OutcomeChangeKind::Won && current == Some((contact, OutcomeChangeKind::Won));
        current = Some((contact, change));
        if won_again {
            continue;
        }
        out.push(OutcomeChange {
            contact,
            at: from_db(at),
            change,
            reason: reason.filter(|_| change == OutcomeChangeKind::Lost),
        });
    }
    out
}

/// The recorded changes plus each contact's first grading: a contact created with a grade
/// was graded from none when it was created. Its grade then was the first change's `from`
/// or, with no change since, the grade it has now.
fn with_first_grades(contacts: &[ContactRow], mut graded: Vec<EntryGrade>) -> Vec<GradeChange> {
    graded.sort_by_key(|g| (g.change.contact, g.change.at, g.entry));
    let mut first: HashMap<ContactId, Option<Grade>> = HashMap::new();
    for g in &graded {
        first.entry(g.change.contact).or_insert(g.change.from);
    }
    let mut out: Vec<GradeChange> = Vec::with_capacity(contacts.len() + graded.len());
    for c in contacts {
        let at_creation = match first.get(&c.id) {
            Some(from) => *from,
            None => c.grade,
        };
        if let Some(g) = at_creation {
            out.push(GradeChange {
                contact: c.id,
                at: c.created_at,
                from: None,
                to: Some(g),
            });
        }
    }
    out.extend(graded.into_iter().map(|g| g.change));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Outcome, Stage};

    fn t(s: i64) -> DateTime<Utc> {
        from_db(s)
    }

    #[test]
    fn a_second_win_is_a_repeat_purchase() {
        use OutcomeChangeKind::*;
        let rows = vec![
            (1, 50, 5, Won, None),
            (1, 10, 1, Won, None),
            (1, 20, 2, Reopened, None),
            (1, 30, 3, Lost, Some("贵".to_string())),
            (1, 40, 4, Reopened, None),
            (2, 10, 6, Won, Some("not a reason".to_string())),
            (2, 10, 7, Won, None),
        ];
        let got: Vec<(ContactId, i64, OutcomeChangeKind, Option<String>)> = outcome_changes(rows)
            .into_iter()
            .map(|o| (o.contact, o.at.timestamp(), o.change, o.reason))
            .collect();
        assert_eq!(
            got,
            vec![
                (1, 10, Won, None),
                (1, 20, Reopened, None),
                (1, 30, Lost, Some("贵".into())),
                (1, 40, Reopened, None),
                (1, 50, Won, None),
                (2, 10, Won, None),
            ]
        );
    }

    #[test]
    fn first_gradings_come_from_the_first_change_or_the_grade_now() {
        let contact = |id: ContactId, grade: Option<Grade>| ContactRow {
            id,
            name: format!("客户{id}"),
            phone: None,
            wechat: None,
            source: None,
            grade,
            stage: Stage::Discover,
            outcome: Outcome::Open,
            lost_reason: None,
            created_at: t(100 * id),
            archived: false,
            last_touch_at: None,
            last_inbound_at: None,
            arrived_at: None,
            prior_contact: None,
            referred_by: None,
            quiet: None,
        };
        let change = |entry, contact, at, from, to| EntryGrade {
            entry,
            change: GradeChange {
                contact,
                at: t(at),
                from,
                to,
            },
        };
        use Grade::*;
        let contacts = vec![
            contact(1, Some(C)),
            contact(2, Some(A)),
            contact(3, None),
            contact(4, Some(C)),
        ];
        let graded = vec![
            // 1: created A, then A → B → C in one second (out of order: by entry).
            change(11, 1, 500, Some(B), Some(C)),
            change(10, 1, 500, Some(A), Some(B)),
            // 3: created ungraded, graded C, then cleared.
            change(30, 3, 400, None, Some(C)),
            change(31, 3, 450, Some(C), None),
        ];
        let got = with_first_grades(&contacts, graded);
        let firsts: Vec<(ContactId, Option<Grade>)> = got
            .iter()
            .filter(|g| g.from.is_none() && g.at == t(100 * g.contact))
            .map(|g| (g.contact, g.to))
            .collect();
        assert_eq!(firsts, vec![(1, Some(A)), (2, Some(A)), (4, Some(C))]);
        assert_eq!(got.len(), 3 + 4);
    }
}
