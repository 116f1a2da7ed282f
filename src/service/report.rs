//! The team lead's figures from a book: its rows, the template it follows and what `verify`
//! found, read in one snapshot into the report's input. `report`, `rollup` and the audit
//! dashboard all come through here, so they show the same numbers.

use super::session::{ReadBook, View};
use super::verify::ContactSink;
use super::verify::{Break, Verification};
use crate::config::Lang;
use crate::domain::Contact;
use crate::domain::Stage;
use crate::domain::sop::Template;
use crate::report::input::{BookInput, ChainBreak, Period, ScriptInfo, TemplateInfo, VerifyStatus};
use crate::store::{ReportContacts, Snap, TimelineChunks, TimelinePart, fill_stage_moves};
use chrono::{DateTime, FixedOffset, Utc};

/// A script "moved" a contact if it advanced within this many days (templates do not set
/// their own window yet).
pub const SCRIPT_WINDOW_DAYS: u32 = 7;

/// The parts of a template the figures are measured against.
pub fn template_info(t: &Template) -> TemplateInfo {
    let mut rot_after_days = [None; 5];
    for s in &t.stages {
        rot_after_days[s.stage.index()] = s.rot_after_days;
    }
    let scripts = Stage::ALL
        .iter()
        .flat_map(|stage| {
            t.stages
                .iter()
                .filter(move |s| s.stage == *stage)
                .flat_map(|s| &s.scripts)
                .map(|sc| ScriptInfo {
                    id: sc.id.clone(),
                    title: sc.title.clone(),
                    stage: *stage,
                })
        })
        .collect();
    TemplateInfo {
        id: t.id.clone(),
        name: t.name.clone(),
        version: t.version,
        first_response_minutes: t.first_response_minutes,
        rot_after_days,
        dormant_after_days: t.lifecycle.dormant_after_days,
        churned_after_days: t.lifecycle.churned_after_days,
        script_window_days: SCRIPT_WINDOW_DAYS,
        scripts,
    }
}

/// What `verify` found, as the report shows it: the log's span and its first broken link,
/// worded in `lang`. A difference between the book and the log is found once the whole
/// log is read: it is placed at the log's last entry.
pub fn verify_status(v: &Verification, lang: Lang, offset: FixedOffset) -> VerifyStatus {
    let broken = v.breaks.first().map(|b| {
        let (event, at, book_differs) = match b {
            Break::Gap { next, at, .. } => (*next, Some(*at), false),
            Break::Hash { event, at, .. }
            | Break::Unreadable { event, at }
            | Break::RecordsContradiction { event, at }
            | Break::Contradiction { event, at, .. } => (*event, Some(*at), false),
            Break::Differs { .. }
            | Break::NotInLog { .. }
            | Break::NotInBook { .. }
            | Break::StageHistory { .. }
            | Break::RecordsDiffer { .. } => (v.events as i64, v.last_at, true),
        };
        ChainBreak {
            event: event.max(0) as u64,
            at,
            entity: crate::i18n::errors::verify_break_subject(lang, b),
            detail: crate::i18n::errors::verify_break(lang, b, offset),
            book_differs,
        }
    });
    VerifyStatus {
        events: v.events as u64,
        first_at: v.first_at,
        last_at: v.last_at,
        broken,
        records_checked: v.sealed.is_some(),
    }
}

impl View<'_> {
    /// The figures' input for `period` (the rep's days), with states judged at `now`; a
    /// broken log is worded in `lang`. Run it inside one read (`ReadBook::read`): the
    /// verification and the rows then come from the same snapshot.
    pub fn report_input(
        &self,
        period: impl Into<Period>,
        now: DateTime<Utc>,
        lang: Lang,
    ) -> anyhow::Result<BookInput> {
        // Days are the rep's: a follow-up done at 23:59 in the rep's city was done on its
        // due day, whoever reads the book and wherever. A book no write has marked yet is
        // read in the reader's zone.
        let offset = self
            .snap
            .setting(super::session::REP_UTC_OFFSET)?
            .and_then(|s| s.parse::<i32>().ok())
            .and_then(FixedOffset::east_opt)
            .unwrap_or_else(|| self.session.offset());
        let period = period
            .into()
            .window(now, offset)
            .ok_or_else(|| anyhow::anyhow!("the report's period lies past the calendar's end"))?;
        let mut input = BookInput::empty(template_info(self.template()), period, now, offset);
        // The rows are read while the log is checked on a second thread, which reads the
        // follow-ups and purchases too, then helps with the timeline.
        let chunks = self.snap.timeline_chunks()?;
        let sink = ReportSink {
            snap: self.snap,
            chunks: &chunks,
            contacts: ReportContacts::sized_for(&self.snap),
        };
        let read = self.verify_with(
            |snap| {
                let tables = snap.report_tables()?;
                Ok((tables, snap.read_timeline_chunks(&chunks, 0)?))
            },
            sink,
        )?;
        let (tables, theirs) = read.beside;
        let (contacts, ours) = read.also;
        let timeline =
            self.snap
                .fill_report_input(&mut input, contacts, &chunks, vec![ours, theirs])?;
        let sealed = timeline.plus(tables.seal);
        tables.fill(&mut input);
        fill_stage_moves(&mut input, &read.stages);
        let mut verification = read.verification;
        verification.check_records(sealed);
        input.verify = verify_status(&verification, lang, offset);
        Ok(input)
    }
}

/// The report's loader as the check's contact sink: the contacts become the report's
/// rows as they are read, then the timeline is read (with the other thread, once it is
/// free).
struct ReportSink<'a> {
    snap: Snap<'a>,
    chunks: &'a TimelineChunks,
    contacts: ReportContacts,
}

impl ContactSink for ReportSink<'_> {
    type Out = (ReportContacts, TimelinePart);
    fn take(&mut self, c: Contact) {
        // A duplicate merged into another is that person, counted once (its history moved
        // over with it).
        if c.merged_into.is_none() {
            self.contacts.take(c);
        }
    }
    fn finish(self) -> anyhow::Result<Self::Out> {
        let part = self
            .snap
            .read_timeline_chunks(self.chunks, self.chunks.rows_hint())?;
        Ok((self.contacts, part))
    }
}

impl ReadBook {
    /// The figures' input for `period` as of the session's "now", in one snapshot. A book
    /// that names no owner (no contact has one, nobody signed a change) is named by its
    /// file.
    pub fn report_input(
        &self,
        period: impl Into<Period>,
        lang: Lang,
    ) -> super::error::Result<BookInput> {
        let period = period.into();
        let mut input = self.read(|view| view.report_input(period, view.now(), lang))?;
        // No name to show (none set, no login name): the book's file says whose it is.
        if input.owner.trim().is_empty() || input.owner == crate::config::NO_NAME {
            input.owner = self
                .path()
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
        }
        Ok(input)
    }
}
