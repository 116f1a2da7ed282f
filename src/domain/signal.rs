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

/// The step of [`Track::Signal`] a lost customer's message takes (the template's signal
/// rules are numbered from 0).
pub const CAME_BACK_STEP: u32 = 1000;

/// What a lost customer's message asks of the rep: an answer, and whether to reopen.
pub const CAME_BACK: &str = "流失客户发来消息";

/// How long a lost customer's message stays on Today unanswered.
const CAME_BACK_WINDOW_DAYS: i64 = 14;

/// The latest message a lost customer sent after being marked lost, until the rep answers
/// it (a touch after it) or closes the item.
pub fn lost_came_back(f: &Facts) -> Option<Planned> {
    let lost = f.lost_at?;
    let hit = f.inbound.iter().rev().find(|i| i.at > lost)?;
    let answered = f.touches.iter().any(|x| *x > hit.at)
        || f.closed
            .iter()
            .any(|c| c.track == Track::Signal && c.step == CAME_BACK_STEP && c.at >= hit.at);
    if answered {
        return None;
    }
    let mut p = Planned::new(
        Track::Signal,
        CAME_BACK_STEP,
        hit.at,
        format!(
            "{CAME_BACK}「{}」：回复，看要不要重新打开",
            excerpt(&hit.text)
        ),
    );
    p.expires = Some(hit.at + TimeDelta::days(CAME_BACK_WINDOW_DAYS));
    Some(p)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::fixtures::{History, at, cn, default_template};
    use crate::domain::followup::Closed;

    /// A question about price (any of two words), answered within two days.
    fn asks_price() -> Signal {
        Signal {
            id: "asks-price".into(),
            name: "问价".into(),
            keywords: vec!["价格".into(), "Price".into()],
            streak_days: None,
            points: 20.0,
            window: TimeDelta::days(2),
            action: "当天回复".into(),
            script: Some("answer-price".into()),
        }
    }

    /// Active three days running, answered within three days.
    fn three_days() -> Signal {
        Signal {
            id: "three-days".into(),
            name: "连续三天有互动".into(),
            keywords: Vec::new(),
            streak_days: Some(3),
            points: 10.0,
            window: TimeDelta::days(3),
            action: "聊两句".into(),
            script: None,
        }
    }

    /// The default template with only these signals.
    fn with_signals(signals: Vec<Signal>) -> Template {
        let mut t = default_template();
        t.signals = signals;
        t
    }

    fn history(inbound: &[(&str, &str)]) -> History {
        let mut h = History::new(at("2026-11-01T09:00:00+08:00"));
        h.inbound = inbound
            .iter()
            .map(|(when, text)| Inbound {
                at: at(when),
                text: (*text).into(),
            })
            .collect();
        h
    }

    fn planned(t: &Template, h: &History) -> Vec<Planned> {
        plan(t, &h.facts(), cn())
    }

    #[test]
    fn a_keyword_raises_an_item_with_a_quote_until_the_window_ends() {
        let t = with_signals(vec![three_days(), asks_price()]);
        let h = history(&[("2026-11-10T20:00:00+08:00", "这个价格多少")]);
        let got = planned(&t, &h);
        assert_eq!(got.len(), 1, "{got:?}");
        let p = &got[0];
        assert_eq!(p.track, Track::Signal);
        // The rule's place in the template: the second.
        assert_eq!(p.step, 1);
        assert_eq!(p.due, at("2026-11-10T20:00:00+08:00"));
        assert_eq!(p.action, "问价「这个价格多少」：当天回复");
        assert_eq!(p.script.as_deref(), Some("answer-price"));
        assert_eq!(p.expires, Some(at("2026-11-12T20:00:00+08:00")));
    }

    #[test]
    fn keywords_match_in_any_case_and_width() {
        let t = with_signals(vec![asks_price()]);
        for text in ["what PRICE?", "ｐｒｉｃｅ pls", "price"] {
            let h = history(&[("2026-11-10T20:00:00+08:00", text)]);
            assert_eq!(planned(&t, &h).len(), 1, "{text}");
        }
        let h = history(&[("2026-11-10T20:00:00+08:00", "在吗")]);
        assert!(planned(&t, &h).is_empty());
    }

    #[test]
    fn the_latest_message_with_a_keyword_is_the_one_quoted() {
        let t = with_signals(vec![asks_price()]);
        let h = history(&[
            ("2026-11-10T20:00:00+08:00", "价格？"),
            ("2026-11-11T08:00:00+08:00", "谢谢"),
            ("2026-11-11T09:00:00+08:00", "还是想问价格"),
            ("2026-11-11T10:00:00+08:00", "好的"),
        ]);
        let got = planned(&t, &h);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].due, at("2026-11-11T09:00:00+08:00"));
        assert_eq!(got[0].action, "问价「还是想问价格」：当天回复");
    }

    #[test]
    fn a_long_message_is_quoted_in_sixteen_characters_on_one_line() {
        assert_eq!(excerpt("价格\n  多少\t钱"), "价格 多少 钱");
        // Exactly 16 characters: whole, no ellipsis.
        assert_eq!(
            excerpt("一二三四五六七八九十一二三四五六"),
            "一二三四五六七八九十一二三四五六"
        );
        assert_eq!(
            excerpt("一二三四五六七八九十一二三四五六七"),
            "一二三四五六七八九十一二三四五六…"
        );
        assert_eq!(excerpt(""), "");
    }

    #[test]
    fn three_days_running_fire_on_the_third() {
        let t = with_signals(vec![asks_price(), three_days()]);
        let h = history(&[
            ("2026-11-08T10:00:00+08:00", "👍"),
            ("2026-11-09T23:30:00+08:00", "👍"),
            ("2026-11-10T00:30:00+08:00", "哈哈"),
        ]);
        let got = planned(&t, &h);
        assert_eq!(got.len(), 1, "{got:?}");
        let p = &got[0];
        assert_eq!(p.step, 1);
        assert_eq!(p.due, at("2026-11-10T00:30:00+08:00"));
        // No quote for a streak: the rule's name says it all.
        assert_eq!(p.action, "连续三天有互动：聊两句");
        assert_eq!(p.script, None);
        assert_eq!(p.expires, Some(at("2026-11-13T00:30:00+08:00")));
    }

    #[test]
    fn a_streak_is_counted_in_local_days() {
        let t = with_signals(vec![three_days()]);
        // Three UTC days (the 8th, 9th and 10th), but in Beijing the first two messages
        // fall on the 9th: only two days running there.
        let h = history(&[
            ("2026-11-08T23:00:00Z", "a"),
            ("2026-11-09T01:00:00Z", "b"),
            ("2026-11-10T01:00:00Z", "c"),
        ]);
        assert!(planned(&t, &h).is_empty());
        let utc = FixedOffset::east_opt(0).unwrap();
        assert_eq!(plan(&t, &h.facts(), utc).len(), 1);
    }

    #[test]
    fn two_days_or_a_gap_are_no_streak() {
        let t = with_signals(vec![three_days()]);
        for inbound in [
            &[
                ("2026-11-09T10:00:00+08:00", "a"),
                ("2026-11-10T10:00:00+08:00", "b"),
            ][..],
            &[
                ("2026-11-07T10:00:00+08:00", "a"),
                ("2026-11-08T10:00:00+08:00", "b"),
                ("2026-11-10T10:00:00+08:00", "c"),
                ("2026-11-11T10:00:00+08:00", "d"),
            ][..],
            &[
                ("2026-11-10T08:00:00+08:00", "a"),
                ("2026-11-10T09:00:00+08:00", "b"),
                ("2026-11-10T10:00:00+08:00", "c"),
            ][..],
        ] {
            let h = history(inbound);
            assert!(planned(&t, &h).is_empty(), "{inbound:?}");
        }
    }

    #[test]
    fn a_streak_ends_on_its_last_day_not_at_a_later_message() {
        let t = with_signals(vec![three_days()]);
        let h = history(&[
            ("2026-11-05T10:00:00+08:00", "a"),
            ("2026-11-06T10:00:00+08:00", "b"),
            ("2026-11-07T10:00:00+08:00", "c"),
            ("2026-11-09T10:00:00+08:00", "d"),
        ]);
        let got = planned(&t, &h);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].due, at("2026-11-07T10:00:00+08:00"));
    }

    #[test]
    fn a_rule_without_keywords_or_streak_never_fires() {
        let mut silent = asks_price();
        silent.keywords.clear();
        let t = with_signals(vec![silent]);
        let h = history(&[("2026-11-10T20:00:00+08:00", "价格")]);
        assert!(planned(&t, &h).is_empty());
    }

    #[test]
    fn a_touch_after_the_message_answers_it() {
        let t = with_signals(vec![asks_price()]);
        let mut h = history(&[("2026-11-10T20:00:00+08:00", "价格？")]);
        // A touch before (or at the same instant as) the message is no answer to it.
        h.touches = vec![
            at("2026-11-10T19:00:00+08:00"),
            at("2026-11-10T20:00:00+08:00"),
        ];
        assert_eq!(planned(&t, &h).len(), 1);
        h.touches.push(at("2026-11-10T20:05:00+08:00"));
        assert!(planned(&t, &h).is_empty());
    }

    #[test]
    fn closing_the_signal_item_answers_it() {
        let t = with_signals(vec![three_days(), asks_price()]);
        let mut h = history(&[("2026-11-10T20:00:00+08:00", "价格？")]);
        let closed = |track, step, when: &str| Closed {
            track,
            step,
            purchase_id: None,
            at: at(when),
            skipped: false,
        };
        // Closed before the message, on another rule, or on another track: still open.
        h.closed = vec![
            closed(Track::Signal, 1, "2026-11-10T19:59:59+08:00"),
            closed(Track::Signal, 0, "2026-11-10T20:10:00+08:00"),
            closed(Track::Cadence, 1, "2026-11-10T20:10:00+08:00"),
        ];
        assert_eq!(planned(&t, &h).len(), 1);
        // Closed on this rule at the message's own time: answered.
        h.closed
            .push(closed(Track::Signal, 1, "2026-11-10T20:00:00+08:00"));
        assert!(planned(&t, &h).is_empty());
    }

    #[test]
    fn a_lost_customer_who_writes_again_is_answered_and_perhaps_reopened() {
        use crate::domain::Outcome;
        use crate::domain::followup::{Closed, plan_full};
        let t = default_template();
        let mut h = history(&[
            ("2026-11-05T10:00:00+08:00", "太贵了，算了"),
            ("2026-11-20T21:00:00+08:00", "还有那个套餐吗"),
        ]);
        h.contact.outcome = Outcome::Lost;
        h.lost_at = Some(at("2026-11-06T10:00:00+08:00"));
        let got = plan_full(&t, &h.facts(), cn());
        assert_eq!(got.len(), 1, "{got:?}");
        let p = &got[0];
        assert_eq!((p.track, p.step), (Track::Signal, CAME_BACK_STEP));
        assert_eq!(p.due, at("2026-11-20T21:00:00+08:00"));
        assert_eq!(
            p.action,
            "流失客户发来消息「还有那个套餐吗」：回复，看要不要重新打开"
        );
        assert_eq!(p.expires, Some(at("2026-12-04T21:00:00+08:00")));
        // The message before the loss raises nothing.
        h.inbound.pop();
        assert!(plan_full(&t, &h.facts(), cn()).is_empty());
        // Answered (a touch after it) or closed: gone.
        let mut h = history(&[("2026-11-20T21:00:00+08:00", "在吗")]);
        h.contact.outcome = Outcome::Lost;
        h.lost_at = Some(at("2026-11-06T10:00:00+08:00"));
        let mut answered = h.clone();
        answered.touches.push(at("2026-11-20T22:00:00+08:00"));
        assert!(plan_full(&t, &answered.facts(), cn()).is_empty());
        // A touch logged the same second is no answer to it; a message the same second as
        // the loss came with it (the reason it was lost), not after.
        let mut same_second = h.clone();
        same_second.touches.push(at("2026-11-20T21:00:00+08:00"));
        assert_eq!(plan_full(&t, &same_second.facts(), cn()).len(), 1);
        let mut with_loss = h.clone();
        with_loss.lost_at = Some(at("2026-11-20T21:00:00+08:00"));
        assert!(plan_full(&t, &with_loss.facts(), cn()).is_empty());
        // Closing something else since (another track, or another signal) leaves it.
        for (track, step) in [(Track::Cadence, CAME_BACK_STEP), (Track::Signal, 0)] {
            let mut other = h.clone();
            other.closed.push(Closed {
                track,
                step,
                purchase_id: None,
                at: at("2026-11-21T09:00:00+08:00"),
                skipped: false,
            });
            assert_eq!(plan_full(&t, &other.facts(), cn()).len(), 1, "{track:?}");
        }
        h.closed.push(Closed {
            track: Track::Signal,
            step: CAME_BACK_STEP,
            purchase_id: None,
            at: at("2026-11-21T09:00:00+08:00"),
            skipped: true,
        });
        assert!(plan_full(&t, &h.facts(), cn()).is_empty());
    }
}
