//! Buying signals (成交信号) in the customer's own activity: a question about the product,
//! likes or messages several days running. Each raises an item on Today, with the reason,
//! until the rep answers (any touch after it) or the signal's window passes.

use super::followup::{Facts, Inbound, Planned, Track, local_day};
use super::sop::{Signal, Template};
use super::text::fold_width;
use chrono::{DateTime, FixedOffset, TimeDelta, Utc};

fn folded(s: &str) -> String {
    fold_width(s).to_lowercase()
}

/// The latest inbound at which `rule` fires, with the words that made it fire.
fn fired<'a>(rule: &Signal, inbound: &'a [Inbound], offset: FixedOffset) -> Option<&'a Inbound> {
    let by_words = |i: &&Inbound| {
        let text = folded(&i.text);
        rule.keywords.iter().any(|k| text.contains(&folded(k)))
    };
    let by_streak = |i: &&Inbound| {
        rule.streak_days.is_some_and(|n| {
            let day = local_day(i.at, offset);
            (0..n as i64).all(|back| {
                let want = day - TimeDelta::days(back);
                inbound
                    .iter()
                    .any(|j| j.at <= i.at && local_day(j.at, offset) == want)
            })
        })
    };
    inbound
        .iter()
        .rev()
        .find(|i| (!rule.keywords.is_empty() && by_words(i)) || by_streak(i))
}

/// A short quote of what the customer wrote, for the reason on Today.
fn excerpt(s: &str) -> String {
    let one_line: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out: String = one_line.chars().take(16).collect();
    if one_line.chars().count() > 16 {
        out.push('…');
    }
    out
}

pub fn plan(t: &Template, f: &Facts, offset: FixedOffset) -> Vec<Planned> {
    let mut out = Vec::new();
    for (i, rule) in t.signals.iter().enumerate() {
        let Some(hit) = fired(rule, f.inbound, offset) else {
            continue;
        };
        let at: DateTime<Utc> = hit.at;
        let answered = f.touches.iter().any(|x| *x > at)
            || f.closed
                .iter()
                .any(|c| c.track == Track::Signal && c.step == i as u32 && c.at >= at);
        if answered {
            continue;
        }
        let reason = if rule.keywords.is_empty() {
            rule.name.clone()
        } else {
            format!("{}「{}」", rule.name, excerpt(&hit.text))
        };
        let mut p = Planned::new(
            Track::Signal,
            i as u32,
            at,
            format!("{reason}：{}", rule.action),
        );
        p.script = rule.script.clone();
        p.expires = Some(at + rule.window);
        out.push(p);
    }
    out
}
