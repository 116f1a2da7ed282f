//! Duplicates, within the file and against the book, and what `--on-duplicate` does.
//!
//! Two records are the same contact when they share a phone (compared by
//! [`merge::phone_key`], so `+86` does not matter) or a WeChat ID (case ignored). The same
//! name and company alone is a weaker signal: it is reported, never acted on. A row that
//! matches is skipped (`skip`, the default: an import never changes what is there unless
//! asked), merged into what it matches (`merge`, by [`merge::merge`]), or added anyway
//! (`new`). Rows are taken in file order, so a row matches the book or any earlier row.

use super::merge::{merge, phone_key, wechat_key};
use super::model::ImportedContact;
use super::report::{Conflict, Counts, ImportReport, Issue, IssueKind, Match, MatchKey, Severity};
use super::{ParsedFile, ParsedRecord};
use crate::domain::ContactId;
use std::collections::{HashMap, HashSet};

/// How the core answers "is this already in the book?" from its indexes.
pub trait BookLookup {
    /// A contact whose phone has this [`merge::phone_key`].
    fn by_phone(&self, phone_key: &str) -> Option<ContactId>;
    /// A contact whose WeChat ID has this [`merge::wechat_key`].
    fn by_wechat(&self, wechat_key: &str) -> Option<ContactId>;
    /// A contact with exactly this name and company.
    fn by_name_company(&self, name: &str, company: &str) -> Option<ContactId>;
    /// The contact, to merge into (see `From<&ExportContact> for ImportedContact`).
    fn contact(&self, id: ContactId) -> Option<ImportedContact>;
}

/// An empty book.
pub struct NoBook;

impl BookLookup for NoBook {
    fn by_phone(&self, _: &str) -> Option<ContactId> {
        None
    }
    fn by_wechat(&self, _: &str) -> Option<ContactId> {
        None
    }
    fn by_name_company(&self, _: &str, _: &str) -> Option<ContactId> {
        None
    }
    fn contact(&self, _: ContactId) -> Option<ImportedContact> {
        None
    }
}

/// A book held in memory: for tests, and for a caller that has its contacts at hand.
pub struct MemoryBook {
    contacts: HashMap<ContactId, ImportedContact>,
    phones: HashMap<String, ContactId>,
    wechats: HashMap<String, ContactId>,
    names: HashMap<(String, String), ContactId>,
}

impl MemoryBook {
    pub fn new(contacts: impl IntoIterator<Item = (ContactId, ImportedContact)>) -> MemoryBook {
        let mut book = MemoryBook {
            contacts: HashMap::new(),
            phones: HashMap::new(),
            wechats: HashMap::new(),
            names: HashMap::new(),
        };
        for (id, c) in contacts {
            if let Some(p) = &c.phone {
                book.phones.entry(phone_key(p)).or_insert(id);
            }
            if let Some(w) = &c.wechat {
                book.wechats.entry(wechat_key(w)).or_insert(id);
            }
            if let Some(co) = &c.company {
                book.names.entry((c.name.clone(), co.clone())).or_insert(id);
            }
            book.contacts.insert(id, c);
        }
        book
    }
}

impl BookLookup for MemoryBook {
    fn by_phone(&self, key: &str) -> Option<ContactId> {
        self.phones.get(key).copied()
    }
    fn by_wechat(&self, key: &str) -> Option<ContactId> {
        self.wechats.get(key).copied()
    }
    fn by_name_company(&self, name: &str, company: &str) -> Option<ContactId> {
        self.names.get(&(name.into(), company.into())).copied()
    }
    fn contact(&self, id: ContactId) -> Option<ImportedContact> {
        self.contacts.get(&id).cloned()
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum DuplicatePolicy {
    #[default]
    Skip,
    Merge,
    New,
}

impl DuplicatePolicy {
    pub fn parse(s: &str) -> Result<DuplicatePolicy, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "skip" => Ok(DuplicatePolicy::Skip),
            "merge" => Ok(DuplicatePolicy::Merge),
            "new" => Ok(DuplicatePolicy::New),
            _ => Err(format!(
                "unknown duplicate policy '{s}'; accepted: skip, merge, new"
            )),
        }
    }
}

/// A new contact to write; later rows merged into it are already in.
#[derive(Debug, Clone, PartialEq)]
pub struct PlannedAdd {
    pub line: usize,
    pub contact: ImportedContact,
}

/// A book contact to change: `before` as the book has it, `after` with every row that
/// matched it merged in.
#[derive(Debug, Clone, PartialEq)]
pub struct PlannedUpdate {
    pub id: ContactId,
    pub lines: Vec<usize>,
    pub before: ImportedContact,
    pub after: ImportedContact,
    pub conflicts: Vec<Conflict>,
}

/// What happened to one accepted row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Add,
    /// Added although it matches (`--on-duplicate new`).
    AddDuplicate {
        of: Match,
    },
    Skip {
        of: Match,
    },
    Merge {
        into: Match,
    },
}

/// Everything an import will write, and the report. The core runs `adds` and `updates` as
/// one batch of commands in one transaction.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportPlan {
    pub adds: Vec<PlannedAdd>,
    pub updates: Vec<PlannedUpdate>,
    /// One per accepted row, in file order.
    pub decisions: Vec<(usize, Decision)>,
    pub report: ImportReport,
}

struct Planner<'b> {
    book: &'b dyn BookLookup,
    policy: DuplicatePolicy,
    phones: HashMap<String, Match>,
    wechats: HashMap<String, Match>,
    names: HashMap<(String, String), usize>,
    add_at_line: HashMap<usize, usize>,
    update_of: HashMap<ContactId, usize>,
    plan: ImportPlan,
}

/// Step two of an import: duplicates and the policy.
pub fn plan(parsed: ParsedFile, policy: DuplicatePolicy, book: &dyn BookLookup) -> ImportPlan {
    let mut p = Planner {
        book,
        policy,
        phones: HashMap::new(),
        wechats: HashMap::new(),
        names: HashMap::new(),
        add_at_line: HashMap::new(),
        update_of: HashMap::new(),
        plan: ImportPlan {
            adds: Vec::new(),
            updates: Vec::new(),
            decisions: Vec::new(),
            report: ImportReport {
                meta: parsed.meta,
                issues: parsed.issues,
                counts: parsed.counts,
            },
        },
    };
    for record in parsed.records {
        p.row(record);
    }
    let mut plan = p.plan;
    let r = &mut plan.report;
    r.issues.sort_by_key(|i| i.line);
    let warned: HashSet<usize> = r
        .issues
        .iter()
        .filter(|i| i.kind.severity() == Severity::Warning)
        .map(|i| i.line)
        .collect();
    r.counts = Counts {
        added: plan.adds.len(),
        warned: warned.len(),
        ..r.counts
    };
    plan
}

impl Planner<'_> {
    fn find(&self, c: &ImportedContact) -> (Option<(Match, MatchKey)>, Option<IssueKind>) {
        let by_phone = c.phone.as_ref().and_then(|p| {
            let k = phone_key(p);
            let hit = self.phones.get(&k).copied();
            let hit = hit.or_else(|| self.book.by_phone(&k).map(Match::Book));
            hit.map(|m| (m, MatchKey::Phone(p.clone())))
        });
        let by_wechat = c.wechat.as_ref().and_then(|w| {
            let k = wechat_key(w);
            let hit = self.wechats.get(&k).copied();
            let hit = hit.or_else(|| self.book.by_wechat(&k).map(Match::Book));
            hit.map(|m| (m, MatchKey::Wechat(w.clone())))
        });
        let split = match (&by_phone, &by_wechat) {
            (Some((p, _)), Some((w, _))) if p != w => Some(IssueKind::SplitMatch {
                phone: *p,
                wechat: *w,
            }),
            _ => None,
        };
        (by_phone.or(by_wechat), split)
    }

    fn issue(&mut self, r: &ParsedRecord, kind: IssueKind) {
        self.plan.report.issues.push(Issue {
            line: r.line,
            kind,
            raw: r.raw.clone(),
        });
    }

    fn index(&mut self, c: &ImportedContact, target: Match) {
        if let Some(p) = &c.phone {
            self.phones.entry(phone_key(p)).or_insert(target);
        }
        if let Some(w) = &c.wechat {
            self.wechats.entry(wechat_key(w)).or_insert(target);
        }
    }

    fn row(&mut self, r: ParsedRecord) {
        let (found, split) = self.find(&r.contact);
        if let Some(split) = split {
            self.issue(&r, split);
        }
        let decision = match (found, self.policy) {
            (None, _) => {
                self.weak_signal(&r);
                self.add(&r);
                Decision::Add
            }
            (Some((of, by)), DuplicatePolicy::Skip) => {
                self.plan.report.counts.skipped += 1;
                self.issue(&r, IssueKind::Skipped { of, by });
                Decision::Skip { of }
            }
            (Some((of, by)), DuplicatePolicy::New) => {
                self.issue(&r, IssueKind::AddedAnyway { of, by });
                self.add(&r);
                Decision::AddDuplicate { of }
            }
            (Some((into, by)), DuplicatePolicy::Merge) => match self.merge_into(&r, into) {
                Some(conflicts) => {
                    self.plan.report.counts.merged += 1;
                    self.issue(
                        &r,
                        IssueKind::Merged {
                            into,
                            by,
                            conflicts,
                        },
                    );
                    Decision::Merge { into }
                }
                // The book no longer has it: a new contact after all.
                None => {
                    self.add(&r);
                    Decision::Add
                }
            },
        };
        self.plan.decisions.push((r.line, decision));
    }

    fn add(&mut self, r: &ParsedRecord) {
        let target = Match::Row { line: r.line };
        self.index(&r.contact, target);
        if let Some(co) = &r.contact.company {
            self.names
                .entry((r.contact.name.clone(), co.clone()))
                .or_insert(r.line);
        }
        self.add_at_line.insert(r.line, self.plan.adds.len());
        self.plan.adds.push(PlannedAdd {
            line: r.line,
            contact: r.contact.clone(),
        });
    }

    /// Same name and company, nothing else shared: a note in the report.
    fn weak_signal(&mut self, r: &ParsedRecord) {
        let Some(co) = &r.contact.company else {
            return;
        };
        let key = (r.contact.name.clone(), co.clone());
        let of = match self.names.get(&key) {
            Some(&line) => Some(Match::Row { line }),
            None => self
                .book
                .by_name_company(&r.contact.name, co)
                .map(Match::Book),
        };
        if let Some(of) = of {
            self.issue(r, IssueKind::SameNameAndCompany { of });
        }
    }

    /// Merges the row into its match; the conflicts, or `None` if the book contact is gone.
    fn merge_into(&mut self, r: &ParsedRecord, into: Match) -> Option<Vec<Conflict>> {
        let conflicts = match into {
            Match::Row { line } => {
                let i = *self.add_at_line.get(&line)?;
                let m = merge(&self.plan.adds[i].contact, &r.contact);
                self.plan.adds[i].contact = m.merged;
                m.conflicts
            }
            Match::Book(id) => {
                let u = match self.update_of.get(&id) {
                    Some(&u) => u,
                    None => {
                        let before = self.book.contact(id)?;
                        self.plan.updates.push(PlannedUpdate {
                            id,
                            lines: Vec::new(),
                            after: before.clone(),
                            before,
                            conflicts: Vec::new(),
                        });
                        self.update_of.insert(id, self.plan.updates.len() - 1);
                        self.plan.updates.len() - 1
                    }
                };
                let update = &mut self.plan.updates[u];
                let m = merge(&update.after, &r.contact);
                update.after = m.merged;
                update.lines.push(r.line);
                update.conflicts.extend(m.conflicts.iter().cloned());
                m.conflicts
            }
        };
        self.index(&r.contact, into);
        Some(conflicts)
    }
}
