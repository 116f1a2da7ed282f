//! The JSON export: every field, the field names of `list --format json`, times in RFC 3339
//! in the offset given, amounts as decimal strings (`"3999.50"`). The timeline is an array
//! of entries, each with only the parts it has.

use super::model::{ExportContact, FollowupRecord, PurchaseRecord, StepRef, TimelineEntry};
use crate::domain::money::format_amount;
use crate::domain::zone::Zone;
use chrono::{DateTime, SecondsFormat, Utc};
use serde::Serialize;

#[derive(Serialize)]
struct ContactOut<'a> {
    id: i64,
    name: &'a str,
    honorific: Option<&'a str>,
    phone: Option<&'a str>,
    wechat: Option<&'a str>,
    email: Option<&'a str>,
    company: Option<&'a str>,
    source: Option<&'a str>,
    need: Option<&'a str>,
    budget: Option<&'a str>,
    grade: Option<&'static str>,
    stage: &'static str,
    outcome: &'static str,
    lost_reason: Option<&'a str>,
    tier: Option<&'a str>,
    lifecycle: &'static str,
    tags: Vec<String>,
    notes: Option<&'a str>,
    birthday: Option<String>,
    anniversary: Option<String>,
    owner: Option<&'a str>,
    archived: bool,
    created_at: String,
    updated_at: String,
    last_touch_at: Option<String>,
    purchases: Vec<PurchaseOut<'a>>,
    timeline: Vec<EntryOut<'a>>,
    followups: Vec<FollowupOut<'a>>,
    appointments: Vec<AppointmentOut<'a>>,
}

/// A follow-up the rep worked on. `step` is the cadence's step, or on the appointment
/// tracks the 0-based place in `appointments`; `purchase` the 0-based place in `purchases`.
#[derive(Serialize)]
struct FollowupOut<'a> {
    due: String,
    state: &'static str,
    track: &'static str,
    step: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    purchase: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    closed_at: Option<String>,
    /// The deadline it had already missed when it was snoozed.
    #[serde(skip_serializing_if = "Option::is_none")]
    missed_due: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    script: Option<&'a str>,
    action: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
}

#[derive(Serialize)]
struct AppointmentOut<'a> {
    at: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    kind: Option<&'a str>,
    remind: bool,
    created_at: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
}

#[derive(Serialize)]
struct EntryOut<'a> {
    at: String,
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    channel: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    from_stage: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    to_stage: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    script_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    amount: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    product: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    grade_from: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    grade_to: Option<&'static str>,
}

#[derive(Serialize)]
struct PurchaseOut<'a> {
    at: String,
    amount: Option<String>,
    product: Option<&'a str>,
}

/// The contacts as a pretty-printed JSON array.
pub fn export_json(contacts: &[ExportContact], offset: impl Zone + Copy) -> String {
    // Writing into memory cannot fail.
    let mut w = JsonStream::new(Vec::new(), offset).expect("write to memory");
    for c in contacts {
        w.push(c).expect("write to memory");
    }
    String::from_utf8(w.finish().expect("write to memory")).expect("JSON is UTF-8")
}

/// The JSON array written one contact at a time, byte for byte as [`export_json`] writes it
/// whole: an export holds one contact in memory whatever the book's size.
pub struct JsonStream<W: std::io::Write, Z> {
    array: PrettyArray<W>,
    zone: Z,
}

impl<W: std::io::Write, Z: Zone + Copy> JsonStream<W, Z> {
    pub fn new(out: W, zone: Z) -> std::io::Result<Self> {
        Ok(JsonStream {
            array: PrettyArray::new(out),
            zone,
        })
    }

    pub fn push(&mut self, c: &ExportContact) -> std::io::Result<()> {
        self.array.push(&contact_out(c, self.zone))
    }

    pub fn finish(self) -> std::io::Result<W> {
        self.array.finish()
    }
}

/// A pretty-printed JSON array written an element at a time: the same text
/// `serde_json::to_string_pretty` gives for the whole array, without holding it.
pub struct PrettyArray<W: std::io::Write> {
    out: W,
    items: usize,
    buf: Vec<u8>,
}

impl<W: std::io::Write> PrettyArray<W> {
    pub fn new(out: W) -> Self {
        PrettyArray {
            out,
            items: 0,
            buf: Vec::new(),
        }
    }

    pub fn push(&mut self, item: &impl serde::Serialize) -> std::io::Result<()> {
        self.buf.clear();
        serde_json::to_writer_pretty(&mut self.buf, item)?;
        self.out
            .write_all(if self.items == 0 { b"[\n  " } else { b",\n  " })?;
        self.items += 1;
        // One level deeper than alone: every line break in pretty JSON is between values
        // (breaks inside strings are escaped).
        for (i, line) in self.buf.split(|b| *b == b'\n').enumerate() {
            if i > 0 {
                self.out.write_all(b"\n  ")?;
            }
            self.out.write_all(line)?;
        }
        Ok(())
    }

    /// Closes the array; returns the output it was written to.
    pub fn finish(mut self) -> std::io::Result<W> {
        self.out
            .write_all(if self.items == 0 { b"[]" } else { b"\n]" })?;
        Ok(self.out)
    }
}

fn contact_out(c: &ExportContact, offset: impl Zone + Copy) -> ContactOut<'_> {
    let time = |t: DateTime<Utc>| offset.local(t).to_rfc3339_opts(SecondsFormat::Secs, true);
    ContactOut {
        id: c.id,
        name: &c.name,
        honorific: c.honorific.as_deref(),
        phone: c.phone.as_deref(),
        wechat: c.wechat.as_deref(),
        email: c.email.as_deref(),
        company: c.company.as_deref(),
        source: c.source.as_deref(),
        need: c.need.as_deref(),
        budget: c.budget.as_deref(),
        grade: c.grade.map(|g| g.key()),
        stage: c.stage.key(),
        outcome: c.outcome.key(),
        lost_reason: c.lost_reason.as_deref(),
        tier: c.tier.as_deref(),
        lifecycle: c.lifecycle.key(),
        tags: c.tags.iter().map(|t| t.to_string()).collect(),
        notes: c.notes.as_deref(),
        birthday: c.birthday.map(|d| d.format("%Y-%m-%d").to_string()),
        anniversary: c.anniversary.map(|d| d.format("%Y-%m-%d").to_string()),
        owner: c.owner.as_deref(),
        archived: c.archived,
        created_at: time(c.created_at),
        updated_at: time(c.updated_at),
        last_touch_at: c.last_touch_at.map(time),
        purchases: c.purchases.iter().map(|p| purchase(p, time)).collect(),
        timeline: c.timeline.iter().map(|e| entry(e, time)).collect(),
        followups: c.followups.iter().map(|f| followup(f, time)).collect(),
        appointments: c
            .appointments
            .iter()
            .map(|a| AppointmentOut {
                at: time(a.at),
                kind: a.kind.as_deref(),
                remind: a.remind,
                created_at: time(a.created_at),
                note: a.note.as_deref(),
            })
            .collect(),
    }
}

fn purchase(p: &PurchaseRecord, time: impl Fn(DateTime<Utc>) -> String) -> PurchaseOut<'_> {
    PurchaseOut {
        at: time(p.at),
        amount: p.amount_cents.map(format_amount),
        product: p.product.as_deref(),
    }
}

fn entry(e: &TimelineEntry, time: impl Fn(DateTime<Utc>) -> String) -> EntryOut<'_> {
    EntryOut {
        at: time(e.at),
        kind: e.kind.key(),
        channel: e.channel.map(|c| c.key()),
        from_stage: e.from_stage.map(|s| s.key()),
        to_stage: e.to_stage.map(|s| s.key()),
        script_id: e.script_id.as_deref(),
        amount: e.amount_cents.map(format_amount),
        product: e.product.as_deref(),
        text: e.text.as_deref(),
        grade_from: e.grade_change.and_then(|g| g.0).map(|g| g.key()),
        grade_to: e.grade_change.and_then(|g| g.1).map(|g| g.key()),
    }
}

fn followup(f: &FollowupRecord, time: impl Fn(DateTime<Utc>) -> String) -> FollowupOut<'_> {
    FollowupOut {
        due: time(f.due),
        state: f.state.key(),
        track: f.track.key(),
        step: match f.step {
            StepRef::Step(n) => n as usize,
            StepRef::Appointment(k) => k,
        },
        purchase: f.purchase,
        closed_at: f.closed_at.map(&time),
        missed_due: f.overdue.map(&time),
        script: f.script.as_deref(),
        action: &f.action,
        note: f.note.as_deref(),
    }
}
