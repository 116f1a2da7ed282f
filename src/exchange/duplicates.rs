//! Duplicates, within the file and against the book, and what `--on-duplicate` does.
//!
//! Two records are the same contact when they share a phone (compared by
//! [`merge::phone_key`], so `+86` does not matter) or a WeChat ID (case ignored). The same
//! name and company alone is a weaker signal: it is reported, never acted on — except for a
//! row with neither phone nor WeChat ID, whose name (and company, or the lack of one) is
//! all that tells who it is: there it is the match, so importing such a list twice adds
//! nobody twice. A row that
//! matches is skipped (`skip`, the default: an import never changes what is there unless
//! asked), merged into what it matches (`merge`, by [`merge::merge`]), or added anyway
//! (`new`). Rows are taken in file order, so a row matches the book or any earlier row.

use super::merge::{merge, phone_key, wechat_key};
use super::model::ImportedContact;
use super::report::{Conflict, Counts, ImportReport, Issue, IssueKind, Match, MatchKey, Severity};
use super::{ParsedFile, ParsedRecord};
use crate::domain::ContactId;
use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};

/// How the core answers "is this already in the book?" from its indexes.
pub trait BookLookup {
    /// A contact whose phone has this [`merge::phone_key`].
    fn by_phone(&self, phone_key: &str) -> Option<ContactId>;
    /// A contact whose WeChat ID has this [`merge::wechat_key`].
    fn by_wechat(&self, wechat_key: &str) -> Option<ContactId>;
    /// A contact with exactly this name and company ("" for a contact without one).
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
            let co = c.company.clone().unwrap_or_default();
            book.names.entry((c.name.clone(), co)).or_insert(id);
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
    text: &'b str,
    phones: HashMap<String, Match>,
    wechats: HashMap<String, Match>,
    /// Name and company of added rows, by their hash (checked against the row on a hit).
    names: HashMap<u64, usize>,
    update_of: HashMap<ContactId, usize>,
    plan: ImportPlan,
}

/// The keys a record is matched by.
struct Keys {
    phone: Option<String>,
    wechat: Option<String>,
}

/// Step two of an import: duplicates and the policy.
pub fn plan(parsed: ParsedFile, policy: DuplicatePolicy, book: &dyn BookLookup) -> ImportPlan {
    let ParsedFile {
        text,
        meta,
        records,
        issues,
        counts,
    } = parsed;
    let mut p = Planner {
        book,
        policy,
        text: &text,
        phones: HashMap::with_capacity(records.len()),
        wechats: HashMap::with_capacity(records.len()),
        names: HashMap::with_capacity(records.len()),
        update_of: HashMap::new(),
        plan: ImportPlan {
            adds: Vec::with_capacity(records.len()),
            updates: Vec::new(),
            decisions: Vec::with_capacity(records.len()),
            report: ImportReport {
                meta,
                contacted_by_rows: None,
                issues,
                counts,
                new_tags: Vec::new(),
            },
        },
    };
    for record in records {
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

fn name_hash(name: &str, company: &str) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (name, company).hash(&mut h);
    h.finish()
}

impl Planner<'_> {
    fn keys(c: &ImportedContact) -> Keys {
        Keys {
            phone: c.phone.as_deref().map(phone_key),
            wechat: c.wechat.as_deref().map(wechat_key),
        }
    }

    /// The earlier record (file or book) this one matches, and a warning when its phone
    /// and its WeChat ID match different ones.
    fn find(
        &self,
        c: &ImportedContact,
        k: &Keys,
    ) -> (Option<(Match, MatchKey)>, Option<IssueKind>) {
        // In salesbook's own export each row is one contact of the book it came from: two
        // sharing a phone (a family, added with --duplicate) are two, as the book had them.
        let within = !self.plan.report.meta.own_export;
        let by_phone = k.phone.as_ref().and_then(|key| {
            let hit = self.phones.get(key).copied().filter(|_| within);
            let hit = hit.or_else(|| self.book.by_phone(key).map(Match::Book));
            hit.map(|m| (m, MatchKey::Phone(c.phone.clone().unwrap_or_default())))
        });
        let by_wechat = k.wechat.as_ref().and_then(|key| {
            let hit = self.wechats.get(key).copied().filter(|_| within);
            let hit = hit.or_else(|| self.book.by_wechat(key).map(Match::Book));
            hit.map(|m| (m, MatchKey::Wechat(c.wechat.clone().unwrap_or_default())))
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
        let raw = super::raw_text(self.text, &r.span).to_string();
        self.plan.report.issues.push(Issue {
            line: r.line,
            kind,
            raw,
        });
    }

    fn index(&mut self, keys: Keys, target: Match) {
        if let Some(p) = keys.phone {
            self.phones.entry(p).or_insert(target);
        }
        if let Some(w) = keys.wechat {
            self.wechats.entry(w).or_insert(target);
        }
    }

    fn row(&mut self, r: ParsedRecord) {
        let keys = Self::keys(&r.contact);
        let (found, split) = self.find(&r.contact, &keys);
        if let Some(split) = split {
            self.issue(&r, split);
        }
        let found = found.or_else(|| self.by_name_alone(&r.contact, &keys));
        let line = r.line;
        let decision = match (found, self.policy) {
            (None, _) => {
                self.weak_signal(&r);
                self.add(r, keys);
                Decision::Add
            }
            (Some((of, by)), DuplicatePolicy::Skip) => {
                self.plan.report.counts.skipped += 1;
                self.issue(&r, IssueKind::Skipped { of, by });
                Decision::Skip { of }
            }
            (Some((of, by)), DuplicatePolicy::New) => {
                self.issue(&r, IssueKind::AddedAnyway { of, by });
                self.add(r, keys);
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
                    let entries = r.contact.timeline.len();
                    if entries > 0 {
                        self.issue(&r, IssueKind::TimelineNotMerged { entries });
                    }
                    // A row merged into an earlier row brings its purchases (the two are
                    // one add); into the book's contact, a merge only fills its fields.
                    let purchases = r.contact.purchases.len();
                    if purchases > 0 && matches!(into, Match::Book(_)) {
                        self.issue(&r, IssueKind::PurchasesNotMerged { purchases });
                    }
                    self.index(keys, into);
                    Decision::Merge { into }
                }
                // The book no longer has it: a new contact after all.
                None => {
                    self.add(r, keys);
                    Decision::Add
                }
            },
        };
        self.plan.decisions.push((line, decision));
    }

    /// For a row with neither phone nor WeChat ID: the earlier row or book contact of the
    /// same name and company (both without one counts as the same).
    fn by_name_alone(&self, c: &ImportedContact, k: &Keys) -> Option<(Match, MatchKey)> {
        if k.phone.is_some() || k.wechat.is_some() {
            return None;
        }
        let co = c.company.as_deref().unwrap_or("");
        let earlier = self
            .earlier_names()
            .and_then(|names| names.get(&name_hash(&c.name, co)))
            .and_then(|&line| self.add_at(line))
            .map(|i| &self.plan.adds[i])
            .filter(|a| {
                a.contact.name == c.name && a.contact.company.as_deref().unwrap_or("") == co
            })
            .map(|a| Match::Row { line: a.line });
        let of = earlier.or_else(|| self.book.by_name_company(&c.name, co).map(Match::Book))?;
        let label = match &c.company {
            Some(co) => format!("{} · {co}", c.name),
            None => c.name.clone(),
        };
        Some((of, MatchKey::Name(label)))
    }

    fn add(&mut self, r: ParsedRecord, keys: Keys) {
        self.index(keys, Match::Row { line: r.line });
        let co = r.contact.company.as_deref().unwrap_or("");
        self.names
            .entry(name_hash(&r.contact.name, co))
            .or_insert(r.line);
        self.plan.adds.push(PlannedAdd {
            line: r.line,
            contact: r.contact,
        });
    }

    /// The names of the rows added so far, to match a row by name against — none in
    /// salesbook's own export, where each row is one contact of the book it came from: two
    /// 王芳 there are two people, however little else they have.
    fn earlier_names(&self) -> Option<&HashMap<u64, usize>> {
        (!self.plan.report.meta.own_export).then_some(&self.names)
    }

    /// The add made from the row at `line` (adds are in file order).
    fn add_at(&self, line: usize) -> Option<usize> {
        self.plan.adds.binary_search_by_key(&line, |a| a.line).ok()
    }

    /// Same name and company, nothing else shared: a note in the report. Without a company,
    /// the same name as a record with nothing else to go by (no phone, no WeChat ID): a
    /// contact first written down by name alone.
    fn weak_signal(&mut self, r: &ParsedRecord) {
        let c = &r.contact;
        let Some(co) = &c.company else {
            let bare = |x: &ImportedContact| {
                x.name == c.name && x.company.is_none() && x.phone.is_none() && x.wechat.is_none()
            };
            let earlier = self
                .earlier_names()
                .and_then(|names| names.get(&name_hash(&c.name, "")))
                .and_then(|&line| self.add_at(line))
                .map(|i| &self.plan.adds[i])
                .filter(|a| a.line != r.line && bare(&a.contact));
            let of = match earlier {
                Some(a) => Some(Match::Row { line: a.line }),
                None => self
                    .book
                    .by_name_company(&c.name, "")
                    .filter(|id| self.book.contact(*id).is_some_and(|x| bare(&x)))
                    .map(Match::Book),
            };
            if let Some(of) = of {
                self.issue(r, IssueKind::SameNameNothingElse { of });
            }
            return;
        };
        let earlier = self
            .earlier_names()
            .and_then(|names| names.get(&name_hash(&c.name, co)))
            .and_then(|&line| self.add_at(line))
            .map(|i| &self.plan.adds[i])
            .filter(|a| a.contact.name == c.name && a.contact.company.as_ref() == Some(co));
        let of = match earlier {
            Some(a) => Some(Match::Row { line: a.line }),
            None => self.book.by_name_company(&c.name, co).map(Match::Book),
        };
        if let Some(of) = of {
            self.issue(r, IssueKind::SameNameAndCompany { of });
        }
    }

    /// Merges the row into its match; the conflicts, or `None` if the book contact is gone.
    fn merge_into(&mut self, r: &ParsedRecord, into: Match) -> Option<Vec<Conflict>> {
        match into {
            Match::Row { line } => {
                let i = self.add_at(line)?;
                let m = merge(&self.plan.adds[i].contact, &r.contact);
                self.plan.adds[i].contact = m.merged;
                Some(m.conflicts)
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
                Some(m.conflicts)
            }
        }
    }
}
