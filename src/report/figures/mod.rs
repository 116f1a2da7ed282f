//! Every figure of the report, computed once from a [`BookInput`]: the TUI, each report
//! format and the team roll-up all read these values, so they always agree.
//!
//! Flow figures (what happened) are computed twice, for the period and for all time, by the
//! same code. State figures (stuck, dormant) are judged as of "now" only. Definitions: the
//! `explain` strings in `i18n::report`, one per figure.

mod activity;
mod after_sale;
mod cadence;
mod funnel;
mod groups;
mod quality;
mod response;
mod scripts;
mod snapshot;

pub use activity::DayActivity;
pub use after_sale::AfterSale;
pub use cadence::{Compliance, TrackCompliance, on_time, superseded_by_touch};
pub use funnel::{Funnel, Reason, StageFlow};
pub use groups::GroupRow;
pub use quality::{GradeCount, LeadQuality, Regrade};
pub use response::FirstResponse;
pub use scripts::ScriptRow;
pub use snapshot::{Snapshot, StageCount};

use super::index::Index;
use super::input::{BookInput, TemplateInfo, VerifyStatus, Window};
use super::stats::{Count, FastMap, clean_text};
use crate::domain::ContactId;
use chrono::{DateTime, Utc};
use serde::Serialize;
use std::collections::BTreeMap;

/// Named lists (breaches, stuck, dropped) show this many contacts by name; the rest are
/// counted, and all are in the drill-down ids.
pub const NAMES_LISTED: usize = 20;

/// A conversation is "dropped" when nothing followed it for this many days.
pub const DROPPED_AFTER_DAYS: i64 = 7;

/// A superseded follow-up was completed by a touch when one was logged at most this many
/// seconds before the follow-up was closed (the touch and the re-plan are one write).
pub const TOUCH_CLOSES_WITHIN_SECONDS: i64 = 60;

#[derive(Debug, Clone, Serialize)]
pub struct Figures {
    pub book: BookSummary,
    pub period: WindowFigures,
    pub all_time: WindowFigures,
    /// States as of `book.now`.
    pub now: Snapshot,
    /// Per local day of the period.
    pub activity: Vec<DayActivity>,
    /// Name, phone and WeChat ID of the contacts the report names: the first
    /// [`NAMES_LISTED`] of the period's first-response breaches, its dropped leads, and the
    /// contacts stuck now.
    pub people: BTreeMap<ContactId, Person>,
    /// The book's WeChat IDs (lower-cased) that occur as words in the figures' free text
    /// (reasons, sources, names): masking hides them there too.
    #[serde(skip)]
    pub(crate) wechat_ids: super::mask::WordSet,
    /// The book's contact names that occur inside that free text, longest first.
    #[serde(skip)]
    pub(crate) names_in_text: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct BookSummary {
    pub owner: String,
    pub template: TemplateInfo,
    pub period: Window,
    pub now: DateTime<Utc>,
    pub utc_offset_seconds: i32,
    pub verify: VerifyStatus,
    /// Contacts in the book, archived included.
    pub contacts: usize,
}

/// The flow figures of one window (the period, or all time).
#[derive(Debug, Clone, Serialize)]
pub struct WindowFigures {
    pub window: Window,
    pub funnel: Funnel,
    pub first_response: FirstResponse,
    pub cadence: Compliance,
    pub quality: LeadQuality,
    pub by_source: Vec<GroupRow>,
    pub by_grade: Vec<GroupRow>,
    pub after_sale: AfterSale,
    pub scripts: Vec<ScriptRow>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Person {
    pub name: String,
    pub phone: Option<String>,
    pub wechat: Option<String>,
}

/// Computes every figure of the book.
pub fn compute(input: &BookInput) -> Figures {
    let ix = Index::new(input);
    // The two windows are independent: all time (the larger) on a second thread.
    let (period, all_time, now, activity) = std::thread::scope(|scope| {
        let all_time = scope.spawn(|| window_figures(&ix, Window::ALL));
        let period = window_figures(&ix, input.period);
        let now = snapshot::snapshot(&ix);
        let activity = activity::per_day(&ix, input.period);
        let all_time = all_time.join().expect("all-time figures");
        (period, all_time, now, activity)
    });
    let mut named: Vec<ContactId> = Vec::new();
    for ids in [
        &period.first_response.breaches.contacts,
        &period.quality.dropped.contacts,
        &now.stuck_total.contacts,
    ] {
        named.extend(ids.iter().take(NAMES_LISTED));
    }
    let people = named
        .into_iter()
        .filter_map(|id| {
            let c = &input.contacts[ix.pos.get(id)?];
            Some((
                id,
                Person {
                    name: clean_text(&c.name),
                    phone: c.phone.as_deref().map(clean_text),
                    wechat: c.wechat.as_deref().map(clean_text),
                },
            ))
        })
        .collect();
    let mut f = Figures {
        book: BookSummary {
            owner: clean_text(&input.owner),
            template: input.template.clone(),
            period: input.period,
            now: input.now,
            utc_offset_seconds: input.utc_offset.local_minus_utc(),
            verify: input.verify.clone(),
            contacts: input.contacts.len(),
        },
        period,
        all_time,
        now,
        activity,
        people,
        wechat_ids: Default::default(),
        names_in_text: Vec::new(),
    };
    f.wechat_ids = super::mask::wechat_ids_in_text(&mut f, input);
    f.names_in_text = super::mask::names_in_text(&mut f, input);
    f
}

fn window_figures(ix: &Index, w: Window) -> WindowFigures {
    let cadence = cadence::compliance(ix, w);
    let after_sale = after_sale::after_sale(ix, w, &cadence);
    let (by_source, by_grade) = groups::by_source_and_grade(ix, w);
    WindowFigures {
        window: w,
        funnel: funnel::funnel(ix, w),
        first_response: response::first_response(ix, w),
        quality: quality::lead_quality(ix, w),
        by_source,
        by_grade,
        scripts: scripts::scripts(ix, w),
        cadence,
        after_sale,
    }
}

/// Reasons (lost, skipped) counted and ranked: most frequent first, then by text; "no
/// reason given" (`None`) last among equals. Reasons that differ only in spacing or control
/// characters are one reason.
pub(crate) fn rank_reasons<'a>(
    items: impl Iterator<Item = (Option<&'a str>, ContactId)>,
) -> Vec<Reason> {
    let mut raw: FastMap<Option<&str>, (usize, Vec<ContactId>)> = FastMap::default();
    for (reason, id) in items {
        let e = raw.entry(reason).or_default();
        e.0 += 1;
        e.1.push(id);
    }
    let mut by: BTreeMap<Option<String>, (usize, Vec<ContactId>)> = BTreeMap::new();
    for (reason, (n, ids)) in raw {
        let key = reason.map(clean_text).filter(|r| !r.is_empty());
        let e = by.entry(key).or_default();
        e.0 += n;
        e.1.extend(ids);
    }
    let mut out: Vec<Reason> = by
        .into_iter()
        .map(|(reason, (n, ids))| Reason {
            reason,
            count: Count::of_items(n, ids),
        })
        .collect();
    out.sort_by(|a, b| {
        b.count
            .count
            .cmp(&a.count.count)
            .then_with(|| a.reason.is_none().cmp(&b.reason.is_none()))
            .then_with(|| a.reason.cmp(&b.reason))
    });
    out
}
