//! The read jobs: each one a few indexed reads through the service's `View`.

use crate::config::Lang;
use crate::service::{BoardPage, CardStyle, View};
use crate::tui::jobs::{Anchor, CardData, Data, Job, Window};
use anyhow::Result;

/// Upcoming days Today shows after today.
pub const UPCOMING_DAYS: u32 = 3;
/// Sources and lost reasons offered as choices.
const CHOICES: usize = 12;

pub fn run(view: View<'_>, job: Job, lang: Lang) -> Result<Data> {
    Ok(match job {
        Job::Today { limit } => {
            let date = view.clock().local(view.now()).date_naive();
            Data::Today(Box::new(view.agenda(date, UPCOMING_DAYS, limit)?))
        }
        Job::Window {
            stage,
            filter,
            anchor,
            above,
            below,
        } => {
            // Without a stage, the column the anchor contact is in now.
            let stage = match (stage, &anchor) {
                (Some(s), _) => s,
                (None, Anchor::Contact { id, .. }) => view.contact(*id)?.stage,
                (None, _) => crate::domain::Stage::Discover,
            };
            Data::Window(stage, window(view, stage, &filter, anchor, above, below)?)
        }
        Job::Page {
            stage,
            filter,
            from,
            down,
            limit,
        } => {
            let rows = if down {
                view.board_page(stage, &filter, Some(from), limit)?
            } else {
                view.board_page_before(stage, &filter, Some(from), limit)?
            };
            Data::Page(stage, rows)
        }
        Job::Card { id, due } => Data::Card(Box::new(card(view, id, due, lang)?)),
        Job::Contact(id) => Data::Contact(Box::new(view.contact(id)?)),
        Job::LostReasons => Data::Choices(view.lost_reasons_in_use(CHOICES)?),
        Job::Sources => Data::Choices(view.sources_in_use(CHOICES)?),
        Job::Search { query, archived } => {
            let found = view.search(&query, crate::tui::views::search::LIMIT, archived)?;
            // Nothing among the active contacts: whether the archive has it (as the CLI
            // says), so the rep knows a key shows them.
            let hidden = if found.total == 0 && !archived {
                let a = view.search(&query, 1, true)?;
                (a.total > 0).then_some((a.total, a.total_is_exact))
            } else {
                None
            };
            Data::Hits(found, hidden)
        }
        Job::People(ids) => Data::People(
            ids.into_iter()
                .map(|id| Ok((id, view.find(id)?)))
                .collect::<Result<_>>()?,
        ),
        Job::Merging { keep, other } => Data::Merging(
            [keep, other]
                .into_iter()
                .map(|id| Ok((view.contact(id)?, view.timeline_len(id)?)))
                .collect::<Result<_>>()?,
        ),
        other => anyhow::bail!("not a read: {other:?}"),
    })
}

fn window(
    view: View<'_>,
    stage: crate::domain::Stage,
    filter: &crate::service::BoardFilter,
    anchor: Anchor,
    above: usize,
    below: usize,
) -> Result<Window> {
    match anchor {
        Anchor::Top => {
            let rows = view.board_page(stage, filter, None, below)?;
            Ok(Window {
                to_bottom: rows.len() < below,
                at: (!rows.is_empty()).then_some(0),
                page: BoardPage { start: 0, rows },
            })
        }
        Anchor::Bottom => {
            let page = view.board_bottom(stage, filter, above.max(1))?;
            Ok(Window {
                at: page.rows.len().checked_sub(1),
                page,
                to_bottom: true,
            })
        }
        Anchor::Contact { id, was } => {
            if let Some((s, page)) = view.board_around(id, filter, above, below)?
                && s == stage
            {
                let at = page.rows.iter().position(|r| r.id == id);
                let after = page.rows.len() - at.unwrap_or(0);
                return Ok(Window {
                    to_bottom: after < below + 1,
                    at,
                    page,
                });
            }
            // Gone from the column (moved, filtered out): the rows around where it was.
            let Some(key) = was else {
                return window(view, stage, filter, Anchor::Top, above, below);
            };
            let mut rows = view.board_page_before(stage, filter, Some(key), above)?;
            let start = match rows.first() {
                Some(first) => view.board_rank(stage, filter, first.key())?,
                None => 0,
            };
            let at = rows.len();
            let below_rows = view.board_page(stage, filter, Some(key), below)?;
            let to_bottom = below_rows.len() < below;
            rows.extend(below_rows);
            Ok(Window {
                at: (at < rows.len())
                    .then_some(at)
                    .or(rows.len().checked_sub(1)),
                page: BoardPage { start, rows },
                to_bottom,
            })
        }
    }
}

fn card(
    view: View<'_>,
    id: crate::domain::ContactId,
    due: Option<String>,
    lang: Lang,
) -> Result<CardData> {
    let contact = view.contact(id)?;
    let timeline = view.timeline(id)?;
    let stage = view.scripts_for(view.template(), id, None)?;
    // Only what the stage's list lacks: a script already there is selected in place.
    let listed = |s: &str| {
        stage.scripts.iter().any(|x| x.id == s) || stage.objections.iter().any(|o| o.id == s)
    };
    let due = match due.filter(|s| !listed(s)) {
        Some(s) => {
            let home = view.template().script(&s).map(|(sop, _)| sop.stage);
            let script = view.script_for(view.template(), id, &s)?;
            home.zip(script)
        }
        None => None,
    };
    let style = CardStyle {
        identity: false,
        time_format: "%Y-%m-%d",
        keys: false,
    };
    let fields = view.card_fields(&contact, crate::i18n::strings(lang), lang, style);
    let script_titles = timeline
        .iter()
        .filter_map(|e| e.script_id.as_deref())
        .filter_map(|id| {
            let (_, script) = view.template().script(id)?;
            Some((id.to_string(), script.title.clone()))
        })
        .collect();
    let merged_into = match contact.merged_into {
        Some(into) => Some((into, view.contact(into)?.name)),
        None => None,
    };
    Ok(CardData {
        merged_into,
        contact,
        timeline,
        script_titles,
        stage,
        due,
        fields,
    })
}
