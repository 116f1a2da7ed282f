//! The two cells of salesbook's own export that carry what the rep did to the plan: the
//! follow-ups closed or snoozed, and the dates set with the customer. Both read back
//! exactly ([`super::cells`] escapes text the same way), so an exported book imported again
//! plans the same follow-ups and reports the same compliance.

use super::cells::{SCRIPT_CLOSE, SCRIPT_OPEN, escape_into, script_part, unescape_until};
use super::model::{AppointmentRecord, FollowupRecord, FollowupState, StepRef};
use super::values::{format_local, parse_time};
use crate::domain::followup::Track;
use crate::domain::zone::Zone;
use chrono::{DateTime, Utc};

/// What starts the deadline a snoozed follow-up had missed.
const MISSED: &str = "[missed ";

/// A time as the export writes it: `YYYY-MM-DD HH:MM:SS`.
const STAMP: usize = 19;

/// Follow-ups one per line:
///
/// `DUE STATE TRACK/STEP #PURCHASE (CLOSED) [missed MISSED] 「SCRIPT」 《ACTION》 NOTE`
///
/// Times local; STATE `done`, `skipped`, `superseded` or `snoozed`; STEP the cadence's step
/// number, or `@N` for the N-th date set with the customer (1-based); `#N` the N-th purchase
/// (1-based) the follow-up belongs to; the closing time in brackets; MISSED the deadline it
/// had already missed when it was snoozed (files written before it was kept have none);
/// the parts after the
/// step only when the follow-up has them, the action always. Script, action and note are
/// escaped like tags (and the closing `」` / `》`). `«SCRIPT»` of older exports reads too.
pub fn encode_followups(rows: &[FollowupRecord], offset: impl Zone + Copy) -> String {
    let mut out = String::with_capacity(rows.len() * 64);
    for (i, f) in rows.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&format_local(f.due, offset));
        out.push(' ');
        out.push_str(f.state.key());
        out.push(' ');
        out.push_str(f.track.key());
        match f.step {
            StepRef::Step(n) => out.push_str(&format!("/{n}")),
            StepRef::Appointment(k) => out.push_str(&format!("/@{}", k + 1)),
        }
        if let Some(k) = f.purchase {
            out.push_str(&format!(" #{}", k + 1));
        }
        if let Some(at) = f.closed_at {
            out.push_str(" (");
            out.push_str(&format_local(at, offset));
            out.push(')');
        }
        if let Some(at) = f.overdue {
            out.push(' ');
            out.push_str(MISSED);
            out.push_str(&format_local(at, offset));
            out.push(']');
        }
        if let Some(script) = &f.script {
            out.push(' ');
            out.push(SCRIPT_OPEN);
            escape_into(&mut out, script, &[SCRIPT_CLOSE]);
            out.push(SCRIPT_CLOSE);
        }
        out.push_str(" 《");
        escape_into(&mut out, &f.action, &['》']);
        out.push('》');
        if let Some(note) = f.note.as_deref().filter(|n| !n.is_empty()) {
            out.push(' ');
            escape_into(&mut out, note, &[]);
        }
    }
    out
}

/// Undoes [`encode_followups`]; the error is the first line that does not read.
pub fn decode_followups(
    cell: &str,
    offset: impl Zone + Copy,
) -> Result<Vec<FollowupRecord>, String> {
    lines(cell)
        .map(|line| decode_followup(line, offset).ok_or_else(|| line.to_string()))
        .collect()
}

fn lines(cell: &str) -> impl Iterator<Item = &str> {
    cell.split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .filter(|l| !l.trim().is_empty())
}

/// A time at the start of `s`, and what follows it.
fn stamp(s: &str, offset: impl Zone + Copy) -> Option<(DateTime<Utc>, &str)> {
    let head = s.get(..STAMP)?;
    Some((parse_time(head, offset)?, &s[STAMP..]))
}

/// A 1-based place written after `mark` (`#2`, `@1`), as 0-based.
fn place(word: &str, mark: char) -> Option<usize> {
    let n: usize = word.strip_prefix(mark)?.parse().ok()?;
    n.checked_sub(1)
}

fn decode_followup(line: &str, offset: impl Zone + Copy) -> Option<FollowupRecord> {
    let (due, rest) = stamp(line, offset)?;
    let mut words = rest.strip_prefix(' ')?.splitn(3, ' ');
    let state = words.next()?;
    let state = FollowupState::ALL.into_iter().find(|s| s.key() == state)?;
    let (track, step) = words.next()?.split_once('/')?;
    let track: Track = track.parse().ok()?;
    let step = if track.steps_are_appointments() {
        StepRef::Appointment(place(step, '@')?)
    } else {
        StepRef::Step(step.parse().ok()?)
    };
    let mut rest = words.next()?;
    let mut purchase = None;
    if rest.starts_with('#') {
        let (word, tail) = rest.split_once(' ')?;
        purchase = Some(place(word, '#')?);
        rest = tail;
    }
    let mut closed_at = None;
    if let Some(r) = rest.strip_prefix('(') {
        let (at, tail) = stamp(r, offset)?;
        closed_at = Some(at);
        rest = tail.strip_prefix(") ")?;
    }
    let mut overdue = None;
    if let Some(r) = rest.strip_prefix(MISSED) {
        let (at, tail) = stamp(r, offset)?;
        overdue = Some(at);
        rest = tail.strip_prefix("] ")?;
    }
    let mut script = None;
    if let Some((s, tail)) = script_part(rest) {
        script = Some(s);
        rest = tail?.strip_prefix(' ')?;
    }
    let (action, tail) = unescape_until(rest.strip_prefix('《')?, Some('》'));
    let tail = tail?;
    let note = match tail.strip_prefix(' ') {
        Some(n) => Some(unescape_until(n, None).0).filter(|n| !n.is_empty()),
        None if tail.is_empty() => None,
        None => return None,
    };
    Some(FollowupRecord {
        due,
        state,
        track,
        step,
        purchase,
        closed_at,
        script,
        action,
        note,
        overdue,
    })
}

/// The word that marks a date the customer is reminded of beforehand.
const REMIND: &str = "[remind]";

/// Dates set with the customer, one per line:
///
/// `AT (SET) 「KIND」 [remind] NOTE`
///
/// Times local; SET when the rep set it; the kind (one of the template's, 面诊, 试听…),
/// the reminder mark and the note only when there is one. Kind and note are escaped like
/// tags; a note that would read as a part (it starts with `[`, `「` or `«`) gets a leading
/// `\`. `«KIND»` of older exports reads too.
pub fn encode_appointments(rows: &[AppointmentRecord], offset: impl Zone + Copy) -> String {
    let mut out = String::with_capacity(rows.len() * 48);
    for (i, a) in rows.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&format_local(a.at, offset));
        out.push_str(" (");
        out.push_str(&format_local(a.created_at, offset));
        out.push(')');
        if let Some(kind) = &a.kind {
            out.push(' ');
            out.push(SCRIPT_OPEN);
            escape_into(&mut out, kind, &[SCRIPT_CLOSE]);
            out.push(SCRIPT_CLOSE);
        }
        if a.remind {
            out.push(' ');
            out.push_str(REMIND);
        }
        if let Some(note) = a.note.as_deref().filter(|n| !n.is_empty()) {
            out.push(' ');
            if note.starts_with(['[', SCRIPT_OPEN, '«']) {
                out.push('\\');
            }
            escape_into(&mut out, note, &[]);
        }
    }
    out
}

/// Undoes [`encode_appointments`]; the error is the first line that does not read.
pub fn decode_appointments(
    cell: &str,
    offset: impl Zone + Copy,
) -> Result<Vec<AppointmentRecord>, String> {
    lines(cell)
        .map(|line| decode_appointment(line, offset).ok_or_else(|| line.to_string()))
        .collect()
}

fn decode_appointment(line: &str, offset: impl Zone + Copy) -> Option<AppointmentRecord> {
    let (at, rest) = stamp(line, offset)?;
    let (created_at, mut rest) = stamp(rest.strip_prefix(" (")?, offset)?;
    rest = rest.strip_prefix(')')?;
    let mut kind = None;
    if let Some((k, tail)) = rest.strip_prefix(' ').and_then(script_part) {
        kind = Some(k);
        rest = tail?;
    }
    let mut remind = false;
    if let Some(r) = rest.strip_prefix(' ').and_then(|r| r.strip_prefix(REMIND)) {
        remind = true;
        rest = r;
    }
    let note = match rest.strip_prefix(' ') {
        Some(n) => Some(unescape_until(n, None).0).filter(|n| !n.is_empty()),
        None if rest.is_empty() => None,
        None => return None,
    };
    Some(AppointmentRecord {
        at,
        kind,
        remind,
        created_at,
        note,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cn() -> chrono::FixedOffset {
        chrono::FixedOffset::east_opt(8 * 3600).unwrap()
    }

    fn t(s: &str) -> DateTime<Utc> {
        parse_time(s, cn()).unwrap()
    }

    fn record(state: FollowupState, track: Track, step: StepRef) -> FollowupRecord {
        FollowupRecord {
            due: t("2026-11-02 09:05:00"),
            state,
            track,
            step,
            purchase: None,
            closed_at: None,
            script: None,
            action: "发一条实用小知识".into(),
            note: None,
            overdue: None,
        }
    }

    #[test]
    fn followups_read_back_exactly() {
        let mut skipped = record(FollowupState::Skipped, Track::Cadence, StepRef::Step(3));
        skipped.closed_at = Some(t("2026-11-05 12:00:00"));
        skipped.script = Some("case»share\\".into());
        skipped.note = Some("客户出差\n下周再说 》(x)".into());
        let mut after = record(
            FollowupState::Done,
            Track::AfterAppointment,
            StepRef::Appointment(1),
        );
        after.closed_at = Some(t("2026-11-09 08:00:00"));
        after.action = "《回访》 (a)".into();
        let mut repurchase = record(FollowupState::Snoozed, Track::Repurchase, StepRef::Step(0));
        repurchase.purchase = Some(2);
        repurchase.overdue = Some(t("2026-10-30 09:00:00"));
        let superseded = record(
            FollowupState::Superseded,
            Track::FirstResponse,
            StepRef::Step(0),
        );
        let rows = vec![skipped, after, repurchase, superseded];
        let cell = encode_followups(&rows, cn());
        assert_eq!(
            cell.lines().next(),
            Some(
                "2026-11-02 09:05:00 skipped cadence/3 (2026-11-05 12:00:00) 「case»share\\\\」 \
                 《发一条实用小知识》 客户出差\\n下周再说 》(x)"
            )
        );
        // An older export's `«»` reads the same.
        let old = "2026-11-02 09:05:00 skipped cadence/3 (2026-11-05 12:00:00) «case\\»share\\\\» \
                   《发一条实用小知识》 客户出差\\n下周再说 》(x)";
        assert_eq!(decode_followups(old, cn()).unwrap()[..], rows[..1]);
        assert!(cell.contains(" after_appointment/@2 "), "{cell}");
        assert!(
            cell.contains(" repurchase/0 #3 [missed 2026-10-30 09:00:00] 《"),
            "{cell}"
        );
        assert_eq!(decode_followups(&cell, cn()).unwrap(), rows);
        assert_eq!(
            decode_followups(&cell.replace('\n', "\r\n"), cn()).unwrap(),
            rows
        );
        assert_eq!(decode_followups("", cn()).unwrap(), vec![]);
    }

    #[test]
    fn bad_followup_lines_are_named() {
        for bad in [
            "2026-11-02 09:05:00 finished cadence/0 《x》",
            "2026-11-02 09:05:00 done nowhere/0 《x》",
            "2026-11-02 09:05:00 done appointment/0 《x》",
            "2026-11-02 09:05:00 done appointment/@0 《x》",
            "2026-11-02 09:05:00 done cadence/@1 《x》",
            "2026-11-02 09:05:00 done cadence/0 #0 《x》",
            "2026-11-02 09:05:00 done cadence/0 (2026-11-05) 《x》",
            "2026-11-02 09:05:00 done cadence/0 《x",
            "2026-11-02 09:05:00 done cadence/0 《x》note",
            "2026-11-02 09:05:00 snoozed cadence/0 [missed 2026-11-01] 《x》",
            "2026-11-02 09:05:00 snoozed cadence/0 [missed 2026-11-01 09:00:00]《x》",
            "2026-11-02 done cadence/0 《x》",
            "done cadence/0 《x》",
        ] {
            let cell = format!("2026-11-02 09:05:00 done cadence/0 《ok》\n{bad}");
            assert_eq!(decode_followups(&cell, cn()), Err(bad.to_string()), "{bad}");
        }
    }

    #[test]
    fn appointments_read_back_exactly() {
        let rows = vec![
            AppointmentRecord {
                at: t("2026-11-10 15:00:00"),
                kind: Some("面诊".into()),
                remind: true,
                created_at: t("2026-11-01 09:00:00"),
                note: Some("[带上报告] «x»\n第二行".into()),
            },
            AppointmentRecord {
                at: t("2026-11-12 10:00:00"),
                kind: None,
                remind: false,
                created_at: t("2026-11-01 09:30:00"),
                note: None,
            },
            AppointmentRecord {
                at: t("2026-11-13 10:00:00"),
                kind: None,
                remind: true,
                created_at: t("2026-11-01 09:30:00"),
                note: Some("电话 (晚上)".into()),
            },
        ];
        let cell = encode_appointments(&rows, cn());
        assert_eq!(
            cell.lines().next(),
            Some(
                "2026-11-10 15:00:00 (2026-11-01 09:00:00) 「面诊」 [remind] \\[带上报告] «x»\\n第二行"
            )
        );
        let old =
            "2026-11-10 15:00:00 (2026-11-01 09:00:00) «面诊» [remind] \\[带上报告] «x»\\n第二行";
        assert_eq!(decode_appointments(old, cn()).unwrap()[..], rows[..1]);
        assert_eq!(decode_appointments(&cell, cn()).unwrap(), rows);
        for bad in [
            "2026-11-10 15:00:00",
            "2026-11-10 15:00:00 2026-11-01 09:00:00",
            "2026-11-10 15:00:00 (2026-11-01 09:00:00)x",
            "2026-11-10 15:00:00 (2026-11-01 09:00:00) «面诊",
        ] {
            assert_eq!(
                decode_appointments(bad, cn()),
                Err(bad.to_string()),
                "{bad}"
            );
        }
    }
}
