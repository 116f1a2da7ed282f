//! What-if and hand-off: a dry run of the SOP over the coming days, and the open follow-ups
//! as an iCalendar file for calendar apps.

use super::followups::{facts, local_midnight};
use super::session::View;
use crate::config::Lang;
use crate::domain::Contact;
use crate::domain::followup::{self, Planned, Track};
use crate::domain::text::display_safe;
use crate::i18n::report::track_name;
use crate::i18n::stage_name;
use crate::store::History;
use anyhow::Result;
use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use serde::Serialize;

impl View<'_> {
    /// A dry run over the next `days` days, writing nothing: each follow-up is assumed done
    /// on its due day, and what the SOP asks for next is planned from there — with `t`, the
    /// book's template or one tried out (`--template`).
    pub fn simulate(&self, t: &crate::domain::sop::Template, days: u32) -> Result<Vec<SimDay>> {
        let offset = self.clock().offset();
        let now = self.now();
        let start = local_midnight(self.clock().local(now).date_naive(), self.clock());
        let end = start + TimeDelta::days(days as i64);
        let mut out: Vec<SimDay> = (0..days)
            .map(|d| SimDay {
                date: (start + TimeDelta::days(d as i64))
                    .with_timezone(&offset)
                    .date_naive(),
                count: 0,
                contacts: Vec::new(),
                contacts_total: 0,
                last: None,
            })
            .collect();
        for c in self.snap.list_contacts(&Default::default())? {
            let mut h = self.snap.history(c.id)?;
            let mut c = c;
            for _ in 0..200 {
                // What would be live when each item falls due.
                let planned = followup::plan_full(t, &facts(&c, &h), offset);
                let Some(next) = planned
                    .into_iter()
                    .filter(|p| p.live_at(p.due.max(now)))
                    .min_by_key(|p| p.due)
                else {
                    break;
                };
                let due = next.due.max(start);
                if due >= end {
                    break;
                }
                let day = ((due - start).num_days()) as usize;
                if let Some(d) = out.get_mut(day) {
                    d.count += 1;
                    // A contact's items are walked one after another: counted once a day.
                    if d.last != Some(c.id) {
                        d.last = Some(c.id);
                        d.contacts_total += 1;
                        if d.contacts.len() < 20 {
                            d.contacts.push(c.name.clone());
                        }
                    }
                }
                simulate_done(&mut c, &mut h, &next, due);
            }
        }
        Ok(out)
    }

    /// Open follow-ups as an iCalendar file, to-dos or events, its words in `lang`. A UID
    /// stays the same while the follow-up is open and names the book too, so the calendars
    /// of two books (two reps in one lead's calendar) never overwrite each other's items.
    pub fn ics(&self, lang: Lang, kind: IcsItems) -> Result<String> {
        let now = self.now();
        let items =
            self.snap
                .open_followups_before(now + TimeDelta::days(3650), now, usize::MAX >> 1)?;
        let tongue = match lang {
            Lang::Zh => "ZH",
            Lang::En => "EN",
        };
        // A published calendar with a name of its own, which a calendar that subscribes to
        // the file shows instead of the file's name.
        let mut out = format!(
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//salesbook//follow-ups//{tongue}\r\nCALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\n",
        );
        out.push_str(&fold_ics(&format!(
            "X-WR-CALNAME:{}",
            ics_text(crate::i18n::cli::ics_calendar_name(lang))
        )));
        let stamp = now.format("%Y%m%dT%H%M%SZ");
        // Hex digits only: the column is the book's, and a UID must not carry anything else.
        let book: String = self
            .snap
            .first_event_hash()?
            .unwrap_or_default()
            .chars()
            .filter(char::is_ascii_hexdigit)
            .take(12)
            .collect();
        let book = if book.is_empty() {
            book
        } else {
            format!("-{book}")
        };
        for f in items {
            let Some(c) = self.snap.contact(f.contact_id)? else {
                continue;
            };
            let title = ics_text(&display_safe(&summary(lang, &c.name, &f.action), true));
            // The script as the rep knows it, by its title (its id where the template no
            // longer has it).
            let script = f.script.as_deref().map(|id| {
                self.template()
                    .script(id)
                    .map_or(id, |(_, s)| s.title.as_str())
            });
            let description = ics_text(&display_safe(
                &[
                    track_name(lang, f.track),
                    stage_name(lang, c.stage),
                    script.unwrap_or(""),
                ]
                .into_iter()
                .filter(|p| !p.is_empty())
                .collect::<Vec<_>>()
                .join(" · "),
                true,
            ));
            let at = |t: DateTime<Utc>| t.format("%Y%m%dT%H%M%SZ").to_string();
            // An event in the past is one no calendar shows the rep again: an overdue
            // follow-up is put at the next quarter hour, says it is overdue and since when.
            // A to-do keeps its due time (task apps show it overdue themselves).
            let overdue = kind == IcsItems::Events && f.due < now;
            let (start, title, description) = if overdue {
                let was = self
                    .clock()
                    .local(f.due)
                    .format("%Y-%m-%d %H:%M")
                    .to_string();
                let (prefix, since) = crate::i18n::cli::ics_overdue(lang, &was);
                let description = if description.is_empty() {
                    ics_text(&since)
                } else {
                    format!("{} · {description}", ics_text(&since))
                };
                (
                    next_quarter_hour(now),
                    format!("{prefix}{title}"),
                    description,
                )
            } else {
                (f.due, title, description)
            };
            let lines = match kind {
                IcsItems::Todos => vec![
                    "BEGIN:VTODO".to_string(),
                    format!("UID:followup-{}{book}@salesbook", f.id),
                    format!("DTSTAMP:{stamp}"),
                    format!("DUE:{}", at(f.due)),
                    format!("SUMMARY:{title}"),
                    format!("DESCRIPTION:{description}"),
                    "STATUS:NEEDS-ACTION".to_string(),
                    "END:VTODO".to_string(),
                ],
                // A follow-up is a reminder, not a meeting: it does not make the rep busy,
                // and it rings when it is due. Its own UID, so a calendar that also took
                // the to-dos keeps both.
                IcsItems::Events => vec![
                    "BEGIN:VEVENT".to_string(),
                    format!("UID:followup-{}{book}-event@salesbook", f.id),
                    format!("DTSTAMP:{stamp}"),
                    format!("DTSTART:{}", at(start)),
                    format!("DTEND:{}", at(start + TimeDelta::minutes(EVENT_MINUTES))),
                    format!("SUMMARY:{title}"),
                    format!("DESCRIPTION:{description}"),
                    "TRANSP:TRANSPARENT".to_string(),
                    "BEGIN:VALARM".to_string(),
                    "ACTION:DISPLAY".to_string(),
                    "TRIGGER:PT0M".to_string(),
                    format!("DESCRIPTION:{title}"),
                    "END:VALARM".to_string(),
                    "END:VEVENT".to_string(),
                ],
            };
            for l in lines {
                out.push_str(&fold_ics(&l));
            }
        }
        out.push_str("END:VCALENDAR\r\n");
        Ok(out)
    }
}

/// What `export --ics` writes a follow-up as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IcsItems {
    /// A to-do due at the follow-up's time (task apps, Apple Reminders, Thunderbird).
    Todos,
    /// An event of [`EVENT_MINUTES`] at that time with a reminder (Google Calendar and
    /// Outlook import no to-dos).
    Events,
}

/// How long a follow-up's event lasts in a calendar.
const EVENT_MINUTES: i64 = 15;

/// The first quarter hour (:00, :15, :30, :45) at or after `t`, to the second.
fn next_quarter_hour(t: DateTime<Utc>) -> DateTime<Utc> {
    const QUARTER: i64 = 15 * 60;
    let secs = t.timestamp();
    let up = secs + (QUARTER - secs.rem_euclid(QUARTER)) % QUARTER;
    DateTime::from_timestamp(up, 0).unwrap_or(t)
}

/// Pretends the follow-up was done at `at`, for the simulation.
fn simulate_done(c: &mut Contact, h: &mut History, p: &Planned, at: DateTime<Utc>) {
    h.snoozed
        .retain(|s| !(s.track == p.track && s.step == p.step));
    h.closed.push(followup::Closed {
        track: p.track,
        step: p.step,
        purchase_id: p.purchase_id,
        at,
        skipped: false,
    });
    if !matches!(p.track, Track::Repurchase | Track::Grading) {
        h.touches.push(at);
        h.touches.sort();
        c.last_touch_at = Some(at);
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct SimDay {
    pub date: NaiveDate,
    pub count: usize,
    /// Up to 20 names.
    pub contacts: Vec<String>,
    /// The contacts that day, the listed ones and the rest.
    pub contacts_total: usize,
    #[serde(skip)]
    last: Option<crate::domain::ContactId>,
}

/// Escapes text for an iCalendar value.
fn ics_text(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,")
        .replace('\n', "\\n")
}

/// Folds a content line at 75 octets (RFC 5545), never inside a UTF-8 character.
fn fold_ics(line: &str) -> String {
    let mut out = String::new();
    let mut len = 0;
    for ch in line.chars() {
        let n = ch.len_utf8();
        if len + n > 75 {
            out.push_str("\r\n ");
            len = 1;
        }
        out.push(ch);
        len += n;
    }
    out.push_str("\r\n");
    out
}

/// A calendar item's title: the contact, then the action, joined in the language's way.
fn summary(lang: Lang, name: &str, action: &str) -> String {
    match lang {
        Lang::Zh => format!("{name}：{action}"),
        Lang::En => format!("{name}: {}", crate::i18n::names::action_text(lang, action)),
    }
}
