//! The dashboard's figures as rows: a heading per family, then one row per figure with its
//! value, a note, and the contacts behind it (what Enter opens). Every value comes from
//! the figures module and is written with the report's own formatting, so a row reads as
//! the report's cell for the same figure.

use crate::config::Lang;
use crate::domain::ContactId;
use crate::i18n::report::{ReportStrings, report_strings, track_name};
use crate::i18n::stage_name;
use crate::report::figures::{Figures, GroupRow, WindowFigures};
use crate::report::render::fmt;
use crate::report::stats::{Count, Share};

#[derive(Debug, Clone, PartialEq)]
pub struct Row<'a> {
    /// A family's heading (not selectable).
    pub heading: bool,
    pub label: String,
    pub value: String,
    pub note: String,
    pub ids: &'a [ContactId],
}

/// Collects rows; a figure with no contacts of its own drills into none.
struct Rows<'a>(Vec<Row<'a>>);

impl<'a> Rows<'a> {
    fn heading(&mut self, label: &str) {
        self.0.push(Row {
            heading: true,
            label: label.to_string(),
            value: String::new(),
            note: String::new(),
            ids: &[],
        });
    }

    fn row(&mut self, label: impl Into<String>, value: String, ids: &'a [ContactId]) {
        self.0.push(Row {
            heading: false,
            label: label.into(),
            value,
            note: String::new(),
            ids,
        });
    }

    fn count(&mut self, label: impl Into<String>, c: &'a Count) {
        self.row(label, c.count.to_string(), &c.contacts);
    }

    fn share(&mut self, label: impl Into<String>, sh: &Share, ids: &'a [ContactId]) {
        self.row(label, fmt::share(sh), ids);
    }

    fn note(&mut self, note: String) {
        if let Some(last) = self.0.last_mut() {
            last.note = note;
        }
    }
}

/// Every row of the period's figures (or all time's), with the states now.
pub fn rows(f: &Figures, all_time: bool, lang: Lang) -> Vec<Row<'_>> {
    let s = report_strings(lang);
    let w = if all_time { &f.all_time } else { &f.period };
    let mut r = Rows(Vec::new());
    funnel(&mut r, w, s, lang);
    now(&mut r, f, s, lang);
    response(&mut r, w, s);
    cadence(&mut r, w, s, lang);
    quality(&mut r, w, s);
    groups(&mut r, s.sec_source, &w.by_source, (s, lang), |k| {
        k.map_or_else(|| s.no_source.to_string(), str::to_string)
    });
    groups(&mut r, s.sec_grade, &w.by_grade, (s, lang), |k| {
        k.map_or_else(|| s.no_grade.to_string(), str::to_string)
    });
    after_sale(&mut r, w, s);
    scripts(&mut r, w, s);
    if !all_time {
        r.heading(s.sec_activity);
        let sum = |g: fn(&crate::report::figures::DayActivity) -> usize| {
            f.activity.iter().map(g).sum::<usize>().to_string()
        };
        // Named with their family: "成交" alone is the funnel's.
        let label = |l: &str| format!("{} · {l}", s.sec_activity);
        r.row(label(s.touches), sum(|d| d.touches), &[]);
        r.row(label(s.stage_moves), sum(|d| d.stage_moves), &[]);
        r.row(label(s.wins), sum(|d| d.wins), &[]);
    }
    r.0
}

fn funnel<'a>(r: &mut Rows<'a>, w: &'a WindowFigures, s: &ReportStrings, lang: Lang) {
    r.heading(s.sec_funnel);
    for st in &w.funnel.stages {
        let name = stage_name(lang, st.stage);
        r.count(format!("{name} · {}", s.entered), &st.entered);
        if let Some(sh) = &st.to_next {
            r.note(format!("{} {}", s.to_next, fmt::share(sh)));
        }
        r.count(format!("{name} · {}", s.left), &st.left);
        // Short: at 120 columns the report's own labels cut the P90 off.
        r.note(crate::exchange::fill(
            crate::i18n::audit::audit_text(lang).stay_days,
            &[
                &fmt::days(st.time_in_stage.median_seconds),
                &fmt::days(st.time_in_stage.p90_seconds),
            ],
        ));
        r.count(format!("{name} · {}", s.lost_here), &st.lost_here);
    }
    r.count(s.won, &w.funnel.won);
    r.count(s.lost, &w.funnel.lost);
    r.share(s.win_rate, &w.funnel.win_rate, &w.funnel.won.contacts);
    for reason in &w.funnel.lost_reasons {
        let why = reason.reason.as_deref().unwrap_or(s.no_reason);
        r.count(format!("{} · {why}", s.lost_reasons), &reason.count);
    }
}

fn now<'a>(r: &mut Rows<'a>, f: &'a Figures, s: &ReportStrings, lang: Lang) {
    r.heading(s.sec_now);
    for (open, stuck) in f.now.open_by_stage.iter().zip(&f.now.stuck) {
        let name = stage_name(lang, open.stage);
        r.count(format!("{name} · {}", s.open), &open.count);
        r.count(format!("{name} · {}", s.stuck), &stuck.count);
    }
    r.row(s.contacts_now, f.now.contacts.to_string(), &[]);
    r.count(s.dormant, &f.now.dormant);
    r.count(s.churned, &f.now.churned);
    r.share(s.quiet_share, &f.now.quiet_share, &[]);
}

fn response<'a>(r: &mut Rows<'a>, w: &'a WindowFigures, s: &ReportStrings) {
    let fr = &w.first_response;
    r.heading(s.sec_response);
    r.row(s.owed_reply, fr.new_contacts.to_string(), &[]);
    r.row(
        s.median_minutes,
        fmt::minutes(fr.reply_time.median_seconds),
        &[],
    );
    r.note(format!(
        "{} {}",
        s.p90_minutes,
        fmt::minutes(fr.reply_time.p90_seconds)
    ));
    r.share(s.within_limit, &fr.within_limit, &[]);
    r.note(format!("{} {}", s.limit_minutes, fr.limit_minutes));
    r.count(s.breaches, &fr.breaches);
    r.count(s.pending, &fr.pending);
}

fn cadence<'a>(r: &mut Rows<'a>, w: &'a WindowFigures, s: &ReportStrings, lang: Lang) {
    r.heading(s.sec_cadence);
    for t in w.cadence.sections.iter().chain([&w.cadence.total]) {
        let name = t.track.map_or(s.total, |tr| track_name(lang, tr));
        r.share(
            format!("{name} · {}", s.on_time_share),
            &t.on_time_share,
            &t.on_time.contacts,
        );
        r.note(format!(
            "{} {} · {} {} · {} {} · {} {}",
            s.on_time,
            t.on_time.count,
            s.late,
            t.late.count,
            s.missed,
            t.missed.count,
            s.skipped,
            t.skipped.count
        ));
        r.count(format!("{name} · {}", s.missed), &t.missed);
        r.count(format!("{name} · {}", s.skipped), &t.skipped);
        r.count(format!("{name} · {}", s.replaced), &t.replaced);
        r.count(format!("{name} · {}", s.pending), &t.pending);
    }
    for reason in &w.cadence.total.skip_reasons {
        let why = reason.reason.as_deref().unwrap_or(s.no_reason);
        r.count(format!("{} · {why}", s.skip_reasons), &reason.count);
    }
}

fn quality<'a>(r: &mut Rows<'a>, w: &'a WindowFigures, s: &ReportStrings) {
    let q = &w.quality;
    r.heading(s.sec_quality);
    for g in &q.grade_mix {
        let grade = g.grade.map_or(s.no_grade, |g| g.key());
        // The grade first: a narrow list cuts a label's end, and the rows differ only there.
        r.count(format!("{grade} · {}", s.grade_mix), &g.count);
    }
    r.count(s.ungraded_after_touch, &q.ungraded_after_touch);
    r.note(fmt::share(&q.ungraded_share));
    r.count(s.first_graded, &q.first_graded);
    r.count(s.upgrades, &q.upgrades);
    r.count(s.downgrades, &q.downgrades);
    r.count(s.dropped, &q.dropped);
    r.note(fmt::share(&q.dropped_share));
}

fn groups<'a>(
    r: &mut Rows<'a>,
    title: &str,
    rows: &'a [GroupRow],
    (s, lang): (&ReportStrings, Lang),
    name: impl Fn(Option<&str>) -> String,
) {
    let short = crate::i18n::audit::audit_text(lang);
    r.heading(title);
    for g in rows {
        r.count(name(g.key.as_deref()), &g.contacts);
        r.note(format!(
            "{} {} · {} {} · {}",
            s.won,
            g.won.count,
            s.share_won,
            fmt::share(&g.win_rate),
            fmt::money(g.amount_cents)
        ));
        r.row(
            format!("{} · {}", name(g.key.as_deref()), short.days_to_win),
            fmt::days(g.time_to_win.median_seconds),
            &g.won.contacts,
        );
    }
}

fn after_sale<'a>(r: &mut Rows<'a>, w: &'a WindowFigures, s: &ReportStrings) {
    let a = &w.after_sale;
    r.heading(s.sec_after_sale);
    r.count(s.customers, &a.customers);
    r.count(s.repeat_buyers, &a.repeat_buyers);
    r.share(
        s.repurchase_rate,
        &a.repurchase_rate,
        &a.repeat_buyers.contacts,
    );
    // The amount is the figure, as in the report; Enter opens the buyers.
    r.row(s.sales, fmt::money(a.sales_cents), &a.purchases.contacts);
    r.share(s.reminders_acted_on, &a.reminders_acted_on, &[]);
    // "—" where the book records no referrer, as in the report.
    for (label, c) in [(s.referrals, &a.referrals), (s.referrers, &a.referrers)] {
        match c {
            Some(c) => r.count(label, c),
            None => r.row(label, fmt::NONE.to_string(), &[]),
        }
    }
}

fn scripts<'a>(r: &mut Rows<'a>, w: &'a WindowFigures, s: &ReportStrings) {
    r.heading(s.sec_scripts);
    for sc in &w.scripts {
        let title = sc.title.as_deref().unwrap_or(&sc.script);
        r.row(
            format!("{title} · {}", s.sends),
            sc.sends.to_string(),
            &sc.contacts.contacts,
        );
        r.note(format!(
            "{} {}",
            s.advanced_share,
            fmt::share(&sc.advanced_share)
        ));
    }
}
