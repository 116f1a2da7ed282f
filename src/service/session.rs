//! Who is working, when "now" is, and which SOP template the book follows — and the two
//! ways to hold a book: [`ReadBook`], which can only read, and [`Book`], which also writes
//! through the one pipeline.

use super::error::Result;
use super::session_template::SessionTemplate;
use crate::clock::Clock;
use crate::domain::sop::Template;
use crate::store::{BackupPolicy, Opened, Reader, Snap, Store};
use chrono::{DateTime, FixedOffset, Utc};
use std::path::Path;

/// Settings key: the template the book follows.
pub const ACTIVE_TEMPLATE: &str = "active_template";
/// Settings key: which template (id@version) the open follow-ups were planned with.
pub const PLANNED_WITH: &str = "followups_planned_with";

/// Raised whenever the planner's rules change what existing facts plan (2: contacts taken
/// over by an import, and nothing due while a contact was closed or archived; 3: the
/// catch-up due by the end of the day's contact hours; 4: a skipped welcome starts the
/// cadence; 5: a lost customer's message after the loss; 6: a touch after a skipped welcome
/// goes on with the cadence begun at the skip), so every book's stored plans are made again
/// once.
const PLANNER_REVISION: u32 = 6;
/// Settings key: the UTC offset (seconds east) of the rep's clock at their latest write:
/// the lead's figures judge days by it, not by the reader's zone.
pub const REP_UTC_OFFSET: &str = "rep_utc_offset";
/// Settings key: the local date of the last automatic daily backup.
pub const LAST_BACKUP_DAY: &str = "last_backup_day";

#[derive(Debug, Clone)]
pub struct Session {
    pub clock: Clock,
    /// Signs every change in the log.
    pub actor: String,
    /// The rep's own name (`[me] name`), which fills `{me}`: never a login name.
    pub me: Option<String>,
    /// The template follow-ups are planned with (the book's own), parsed on first use.
    pub template: SessionTemplate,
    /// Automatic backups, for a writer.
    pub backups: Option<BackupPolicy>,
}

impl Session {
    /// A session on the built-in default template, without automatic backups (tests,
    /// benchmarks, tools).
    pub fn with_default_template(clock: Clock, actor: &str) -> Session {
        Session {
            clock,
            actor: actor.to_string(),
            me: Some(actor.to_string()),
            template: SessionTemplate::builtin(crate::sop::DEFAULT_ID),
            backups: None,
        }
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    pub fn offset(&self) -> FixedOffset {
        self.clock.offset()
    }

    /// `id@version/planner/content`: a plan made with another stamp is made again — after
    /// a template change, once after an upgrade whose planner plans differently, and after
    /// the template's file was edited (a lead fixing a script or a cadence in place: its
    /// id and version alone would leave every plan made before it as it was).
    pub fn template_stamp(&self) -> String {
        use siphasher::sip128::{Hasher128, SipHasher13};
        use std::hash::Hasher;
        let template: &Template = &self.template;
        let mut h = SipHasher13::new();
        // The parsed template, not the file: its meaning, whatever the formatting.
        h.write(&serde_json::to_vec(template).unwrap_or_default());
        format!(
            "{}@{}/{PLANNER_REVISION}/{:016x}",
            template.id,
            template.version,
            h.finish128().h1
        )
    }
}

/// The read services over one snapshot of a book. Front ends read only through its
/// methods: the store's queries stay behind the service.
#[derive(Clone, Copy)]
pub struct View<'a> {
    pub(super) snap: Snap<'a>,
    pub session: &'a Session,
}

impl<'a> View<'a> {
    pub fn now(&self) -> DateTime<Utc> {
        self.session.now()
    }

    pub fn clock(&self) -> &'a Clock {
        &self.session.clock
    }

    pub fn template(&self) -> &'a Template {
        &self.session.template
    }
}

/// A book opened only for reading: a team lead's audit, every read command.
pub struct ReadBook {
    reader: Reader,
    session: Session,
}

impl ReadBook {
    pub fn new(reader: Reader, session: Session) -> ReadBook {
        ReadBook { reader, session }
    }

    pub fn open(path: &Path, session: Session) -> Result<ReadBook> {
        Ok(ReadBook::new(Reader::open(path)?, session))
    }

    pub fn path(&self) -> &Path {
        self.reader.path()
    }

    pub fn session(&self) -> &Session {
        &self.session
    }

    pub fn view(&self) -> View<'_> {
        View {
            snap: self.reader.snap(),
            session: &self.session,
        }
    }

    /// Runs `f` over one consistent snapshot.
    pub fn read<T>(&self, f: impl FnOnce(View<'_>) -> anyhow::Result<T>) -> Result<T> {
        let session = &self.session;
        Ok(self.reader.read(|snap| f(View { snap, session }))?)
    }

    /// False when a writer changed a book read without locks while this read it.
    pub fn still_consistent(&self) -> bool {
        self.reader.still_consistent()
    }
}

/// A book opened for writing: the rep's app and every command that changes something.
pub struct Book {
    /// The daily backup runs beside the writes (an app that stays open), not before one.
    /// First, so dropping the book waits for it before the store closes.
    pub(super) backup_beside: Option<super::upkeep::BackupBeside>,
    pub(super) store: Store,
    pub(super) session: Session,
    opened: Opened,
    /// The book's own template, when it could not be read and the session's template
    /// stands in for it: then nothing is planned again, and only a switch of template
    /// may write (plans made with a stand-in would replace the rep's, snoozes and all).
    stand_in_for: Option<String>,
    /// The session template's stamp, worked out once (cleared when the template changes).
    pub(super) stamp: std::cell::OnceCell<String>,
}

impl Book {
    /// Opens (with `create`, makes) the book and brings its plans in line with its template.
    pub fn open(path: &Path, session: Session, create: bool) -> Result<Book> {
        let (store, opened) = Store::open(path, create, session.backups.as_ref())?;
        Book::new(store, opened, session)
    }

    /// A book over an opened store; plans are made again if its template changed.
    pub fn new(store: Store, opened: Opened, session: Session) -> Result<Book> {
        Book::standing_in(store, opened, session, None)
    }

    /// [`Book::new`] with the session's template standing in for the book's own
    /// (`stand_in_for`, the id that could not be read): nothing is planned again.
    pub fn standing_in(
        store: Store,
        opened: Opened,
        session: Session,
        stand_in_for: Option<String>,
    ) -> Result<Book> {
        let mut book = Book {
            backup_beside: None,
            store,
            session,
            opened,
            stand_in_for,
            stamp: Default::default(),
        };
        if book.stand_in_for.is_none() {
            book.replan_if_template_changed()?;
        }
        Ok(book)
    }

    /// The template the book follows could not be read (what stands in for it is for
    /// reading only); `None` when it is the book's own.
    pub fn template_stood_in_for(&self) -> Option<&str> {
        self.stand_in_for.as_deref()
    }

    /// What opening found: a new book, an upgraded one (and its backup).
    pub fn opened(&self) -> &Opened {
        &self.opened
    }

    pub fn path(&self) -> &Path {
        self.store.path()
    }

    pub fn session(&self) -> &Session {
        &self.session
    }

    pub fn view(&self) -> View<'_> {
        View {
            snap: self.store.snap(),
            session: &self.session,
        }
    }

    pub fn read<T>(&self, f: impl FnOnce(View<'_>) -> anyhow::Result<T>) -> Result<T> {
        let session = &self.session;
        Ok(self.store.read(|snap| f(View { snap, session }))?)
    }

    /// Follows another template from now on (the book's own choice is `template use`).
    pub fn set_template(&mut self, template: Template) -> Result<()> {
        self.session.template = template.into();
        self.stamp.take();
        self.stand_in_for = None;
        self.replan_if_template_changed()
    }

    fn replan_if_template_changed(&mut self) -> Result<()> {
        if self.planned_with_another()? {
            self.execute(crate::domain::command::Command::Replan)?;
        }
        Ok(())
    }

    /// The session template's stamp (see [`Session::template_stamp`]).
    pub(super) fn stamp(&self) -> &str {
        self.stamp.get_or_init(|| self.session.template_stamp())
    }

    /// The book's plans were made with another template than this book's session has: it
    /// was switched or edited elsewhere since (an app open all day must open it again).
    pub fn planned_with_another(&self) -> Result<bool> {
        let planned = self.store.snap().setting(PLANNED_WITH)?;
        Ok(planned.as_deref() != Some(self.stamp()))
    }

    pub fn is_empty(&self) -> Result<bool> {
        Ok(self.store.snap().count_contacts()? == 0)
    }

    /// For an app that stays open: writes return without copying the log into the book;
    /// a `upkeep::LogKeeper` does that beside them, and closing does the last copy. The
    /// day's first backup is made beside the writes too (on a big book it takes as long as
    /// copying the file: the rep's first change of the day must not wait for it).
    pub fn defer_checkpoints(&mut self) {
        self.store.defer_checkpoints();
        self.backup_beside = Some(super::upkeep::BackupBeside::default());
    }

    pub fn checkpoint(&self) {
        self.store.checkpoint();
    }
}
