//! The contact card's fields, labelled and formatted once for both front ends.

use super::session::View;
use crate::config::Lang;
use crate::domain::Contact;
use crate::i18n::names::{grade_name, outcome_name, tier_name};
use crate::i18n::{Strings, stage_name};

/// Which rows a card shows besides the common ones.
#[derive(Debug, Clone, Copy)]
pub struct CardStyle {
    /// Id, name and owner (the TUI shows the name in the frame title instead).
    pub identity: bool,
    /// chrono format for times.
    pub time_format: &'static str,
    /// The stage's and lifecycle's keys beside their names, for the command line (where
    /// they are typed, as in `move 1 pitch`); the app shows words only.
    pub keys: bool,
}

impl View<'_> {
    /// The card as (label, value) rows, empty values left out.
    pub fn card_fields(
        &self,
        c: &Contact,
        s: &Strings,
        lang: Lang,
        style: CardStyle,
    ) -> Vec<(&'static str, String)> {
        let when = |t| self.clock().local(t).format(style.time_format).to_string();
        let mut stage = if style.keys {
            format!(
                "{} ({}) · {}",
                stage_name(lang, c.stage),
                c.stage.key(),
                outcome_name(lang, c.outcome)
            )
        } else {
            format!(
                "{} · {}",
                stage_name(lang, c.stage),
                outcome_name(lang, c.outcome)
            )
        };
        if c.archived {
            stage.push_str(&format!(" · {}", s.archived));
        }
        if let Some(into) = c.merged_into {
            stage.push_str(&format!(" · {} #{into}", s.merged_into));
        }
        let text = |v: &Option<String>| v.clone().unwrap_or_default();
        let mut rows: Vec<(&'static str, String)> = Vec::new();
        if style.identity {
            rows.push((s.col_id, c.id.to_string()));
            rows.push((s.col_name, c.name.clone()));
        }
        rows.extend([
            (s.honorific, text(&c.honorific)),
            (s.col_stage, stage),
            (
                s.col_grade,
                c.grade
                    .map(|g| grade_name(lang, g).to_string())
                    .unwrap_or_default(),
            ),
            (
                crate::i18n::sop::tier_label(lang),
                c.tier
                    .map(|t| format!("{t} {}", tier_name(lang, t)))
                    .unwrap_or_default(),
            ),
            (s.col_source, text(&c.source)),
            (s.col_need, text(&c.need)),
            (s.col_budget, text(&c.budget)),
            (s.phone, text(&c.phone)),
            (s.wechat, text(&c.wechat)),
            (s.company, text(&c.company)),
            (
                s.col_tags,
                c.tags
                    .iter()
                    .map(|t| t.to_string())
                    .collect::<Vec<_>>()
                    .join(" "),
            ),
            (s.email, text(&c.email)),
            (
                s.birthday,
                c.birthday.map(|d| d.to_string()).unwrap_or_default(),
            ),
            (
                s.anniversary,
                c.anniversary.map(|d| d.to_string()).unwrap_or_default(),
            ),
            (s.notes, text(&c.notes)),
            (s.lost_reason, text(&c.lost_reason)),
        ]);
        if style.identity {
            // Added before the rep gave a name: said in words, not as the stand-in "me".
            let owner = match c.owner.as_deref() {
                Some(crate::domain::contact::UNNAMED_OWNER) => s.owner_me.to_string(),
                _ => text(&c.owner),
            };
            rows.push((s.owner, owner));
        }
        rows.extend([
            (s.created, when(c.created_at)),
            (
                s.last_touch,
                c.last_touch_at.map(when).unwrap_or_else(|| s.never.into()),
            ),
            (
                s.lifecycle,
                self.lifecycle_of(c)
                    .map(|l| match lang {
                        Lang::Zh if style.keys => format!("{} ({})", l.zh(), l.key()),
                        Lang::Zh => l.zh().to_string(),
                        Lang::En => l.key().to_string(),
                    })
                    .unwrap_or_default(),
            ),
            (
                s.next_followup,
                match self.next_followup_text(c).ok().flatten() {
                    Some((text, false)) => text,
                    Some((text, true)) => format!("{text}{}", s.if_still_quiet),
                    None => s.nothing_scheduled.into(),
                },
            ),
        ]);
        rows.retain(|(_, v)| !v.is_empty());
        rows
    }
}
