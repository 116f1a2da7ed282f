//! The team roll-up: several books' figures side by side, a column per rep, team totals and
//! a ranking per figure.
//!
//! Books on different templates (id or version) are measured against different limits, so
//! they are grouped per template and never merged; the differences are stated. A book that
//! could not be read is named with its error; a book whose log is broken keeps its column,
//! flagged, but stays out of the team totals and rankings.

use super::figures::Figures;
use super::input::{ChainBreak, TemplateInfo, Window};
use super::stats::{Distribution, Share};
use serde::Serialize;

/// One book handed to the roll-up: its label (file name) and its figures, or why there are
/// none.
pub type BookResult = (String, Result<Figures, String>);

#[derive(Debug, Clone, Serialize)]
pub struct Rollup {
    /// The period of the first readable book (the command loads all with the same one),
    /// and that book's time zone for showing it.
    pub period: Option<Window>,
    pub utc_offset_seconds: i32,
    /// How the books' periods compare when their reps write from different time zones.
    pub zones: Zones,
    pub groups: Vec<TemplateGroup>,
    /// Per template field that differs between groups, each group's value.
    pub template_differences: Vec<TemplateDifference>,
    pub unreadable: Vec<Unreadable>,
    pub tampered: Vec<Tampered>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TemplateGroup {
    pub template_id: String,
    pub template_name: String,
    pub template_version: u32,
    pub reps: Vec<RepColumn>,
    pub metrics: Vec<MetricRow>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RepColumn {
    pub label: String,
    pub owner: String,
    /// The log is broken: shown, but out of totals and rankings.
    pub tampered: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct MetricRow {
    pub key: &'static str,
    /// Whether a higher value ranks first.
    pub higher_is_better: bool,
    /// One per rep, in the group's order.
    pub values: Vec<MetricValue>,
    /// The group's untampered books together: counts and sums added, shares from the
    /// added numerators and denominators, medians over the pooled values.
    pub team: MetricValue,
    /// 1 = best; ties share a rank; `None`: tampered, or no value.
    pub ranks: Vec<Option<usize>>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum MetricValue {
    Count { count: usize },
    Share(Share),
    Money { cents: i64 },
    Minutes(Distribution),
}

impl MetricValue {
    /// The value rankings compare; `None` when there is none (an empty share or set).
    fn score(&self) -> Option<f64> {
        match self {
            MetricValue::Count { count } => Some(*count as f64),
            MetricValue::Share(s) => s.rate,
            MetricValue::Money { cents } => Some(*cents as f64),
            MetricValue::Minutes(d) => d.median_seconds.map(|s| s as f64),
        }
    }

    /// The sum of one metric's values (all of one kind): counts and money added, shares
    /// from the added numerators and denominators, distributions pooled.
    fn total<'a>(parts: impl Iterator<Item = &'a MetricValue>) -> Option<MetricValue> {
        use MetricValue::*;
        let mut sum: Option<MetricValue> = None;
        for p in parts {
            sum = Some(match (sum, p) {
                (None, p) => p.clone(),
                (Some(Count { count: a }), Count { count: b }) => Count { count: a + b },
                (Some(Share(a)), Share(b)) => {
                    Share(super::stats::Share::new(a.num + b.num, a.den + b.den))
                }
                (Some(Money { cents: a }), Money { cents: b }) => Money { cents: a + b },
                (Some(Minutes(a)), Minutes(b)) => Minutes(Distribution::pooled([&a, b])),
                // A metric reads one kind of value from every book.
                (Some(a), _) => a,
            });
        }
        sum
    }
}

/// The books' periods across their reps' time zones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Zones {
    /// Every rep writes from the same zone: one period, the same instants.
    One,
    /// Different zones, the same days and hours in each (other instants).
    EachOwn,
    /// Different zones whose "today" differed when the default period was taken: the
    /// books' periods are not the same days.
    DaysDiffer,
}

#[derive(Debug, Clone, Serialize)]
pub struct TemplateDifference {
    pub field: &'static str,
    /// (template "id v", value) per group.
    pub values: Vec<(String, String)>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Unreadable {
    pub label: String,
    pub error: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Tampered {
    pub label: String,
    pub owner: String,
    pub chain_break: ChainBreak,
}

/// A figure of the roll-up: its key (the i18n label is looked up by it) and how to read it
/// from one book's period figures.
pub(crate) struct Metric {
    pub key: &'static str,
    pub higher_is_better: bool,
    pub read: fn(&Figures) -> MetricValue,
    /// For a count of problems: what it is out of. A book where that is 0 (nothing fell
    /// due, no open contact) has no problems to count and is not ranked on it — an empty
    /// book is not the team's best at missing nothing.
    pub out_of: Option<fn(&Figures) -> usize>,
}

pub(crate) const METRICS: &[Metric] = &[
    Metric {
        key: "new_contacts",
        higher_is_better: true,
        // Every contact the period brought (each is in one grade row), not only the
        // leads owed a first reply.
        read: |f| MetricValue::Count {
            count: f.period.by_grade.iter().map(|g| g.contacts.count).sum(),
        },
        out_of: None,
    },
    Metric {
        key: "won",
        higher_is_better: true,
        read: |f| MetricValue::Count {
            count: f.period.funnel.won.count,
        },
        out_of: None,
    },
    Metric {
        key: "win_rate",
        higher_is_better: true,
        read: |f| MetricValue::Share(f.period.funnel.win_rate),
        out_of: None,
    },
    Metric {
        key: "sales",
        higher_is_better: true,
        read: |f| MetricValue::Money {
            cents: f.period.after_sale.sales_cents,
        },
        out_of: None,
    },
    Metric {
        key: "first_reply_median",
        higher_is_better: false,
        read: |f| MetricValue::Minutes(f.period.first_response.reply_time.clone()),
        out_of: None,
    },
    Metric {
        key: "within_limit",
        higher_is_better: true,
        read: |f| MetricValue::Share(f.period.first_response.within_limit),
        out_of: None,
    },
    Metric {
        key: "on_time_share",
        higher_is_better: true,
        read: |f| MetricValue::Share(f.period.cadence.total.on_time_share),
        out_of: None,
    },
    Metric {
        key: "missed",
        higher_is_better: false,
        read: |f| MetricValue::Count {
            count: f.period.cadence.total.missed.count,
        },
        out_of: Some(|f| {
            let t = &f.period.cadence.total;
            t.on_time.count + t.late.count + t.missed.count + t.skipped.count
        }),
    },
    Metric {
        key: "dropped",
        higher_is_better: false,
        read: |f| MetricValue::Share(f.period.quality.dropped_share),
        out_of: None,
    },
    Metric {
        key: "repurchase_rate",
        higher_is_better: true,
        read: |f| MetricValue::Share(f.period.after_sale.repurchase_rate),
        out_of: None,
    },
    Metric {
        key: "stuck",
        higher_is_better: false,
        read: |f| MetricValue::Count {
            count: f.now.stuck_total.count,
        },
        out_of: Some(|f| f.now.open_by_stage.iter().map(|s| s.count.count).sum()),
    },
    Metric {
        key: "quiet_share",
        higher_is_better: false,
        read: |f| MetricValue::Share(f.now.quiet_share),
        out_of: None,
    },
];

/// Competition ranks (1, 1, 3…) of `scores`; `None` scores get no rank, and nobody is
/// ranked with no one to be ranked against (a book alone in its template's group read
/// "#1" on its misses).
fn ranks(scores: &[Option<f64>], higher_is_better: bool) -> Vec<Option<usize>> {
    if scores.iter().flatten().count() < 2 {
        return vec![None; scores.len()];
    }
    scores
        .iter()
        .map(|s| {
            let s = (*s)?;
            let better = scores
                .iter()
                .flatten()
                .filter(|o| if higher_is_better { **o > s } else { **o < s })
                .count();
            Some(better + 1)
        })
        .collect()
}

fn template_label(t: &TemplateInfo) -> String {
    format!("{} v{}", t.id, t.version)
}

/// Combines the books into one roll-up.
pub fn combine(books: &[BookResult]) -> Rollup {
    let mut unreadable = Vec::new();
    let mut tampered = Vec::new();
    let mut grouped: Vec<(&TemplateInfo, Vec<(&str, &Figures)>)> = Vec::new();
    for (label, result) in books {
        let f = match result {
            Ok(f) => f,
            Err(e) => {
                unreadable.push(Unreadable {
                    label: label.clone(),
                    error: e.clone(),
                });
                continue;
            }
        };
        if let Some(b) = &f.book.verify.broken {
            tampered.push(Tampered {
                label: label.clone(),
                owner: f.book.owner.clone(),
                chain_break: b.clone(),
            });
        }
        let t = &f.book.template;
        match grouped
            .iter_mut()
            .find(|(g, _)| g.id == t.id && g.version == t.version)
        {
            Some((_, members)) => members.push((label, f)),
            None => grouped.push((t, vec![(label, f)])),
        }
    }
    let first = grouped.first().map(|(_, m)| &m[0].1.book);
    let period = first.map(|b| b.period);
    let utc_offset_seconds = first.map_or(0, |b| b.utc_offset_seconds);
    let zones = zones(
        grouped
            .iter()
            .flat_map(|(_, members)| members.iter())
            .map(|(_, f)| (f.book.period, f.book.utc_offset_seconds)),
    );
    let template_differences = differences(&grouped.iter().map(|(t, _)| *t).collect::<Vec<_>>());
    let groups = grouped
        .into_iter()
        .map(|(t, members)| group(t, &members))
        .collect();
    Rollup {
        period,
        utc_offset_seconds,
        zones,
        groups,
        template_differences,
        unreadable,
        tampered,
    }
}

fn group(t: &TemplateInfo, members: &[(&str, &Figures)]) -> TemplateGroup {
    let trusted: Vec<bool> = members
        .iter()
        .map(|(_, f)| f.book.verify.broken.is_none())
        .collect();
    let metrics = METRICS
        .iter()
        .map(|m| {
            let values: Vec<MetricValue> = members.iter().map(|(_, f)| (m.read)(f)).collect();
            let kept = values
                .iter()
                .zip(&trusted)
                .filter(|(_, t)| **t)
                .map(|(v, _)| v);
            let team = MetricValue::total(kept).unwrap_or(MetricValue::Count { count: 0 });
            let scores: Vec<Option<f64>> = values
                .iter()
                .zip(&trusted)
                .zip(members)
                .map(|((v, t), (_, f))| {
                    let nothing_to_count = m.out_of.is_some_and(|base| base(f) == 0);
                    if *t && !nothing_to_count {
                        v.score()
                    } else {
                        None
                    }
                })
                .collect();
            MetricRow {
                key: m.key,
                higher_is_better: m.higher_is_better,
                ranks: ranks(&scores, m.higher_is_better),
                values,
                team,
            }
        })
        .collect();
    TemplateGroup {
        template_id: t.id.clone(),
        template_name: t.name.clone(),
        template_version: t.version,
        reps: members
            .iter()
            .zip(&trusted)
            .map(|((label, f), ok)| RepColumn {
                label: label.to_string(),
                owner: f.book.owner.clone(),
                tampered: !ok,
            })
            .collect(),
        metrics,
    }
}

/// Reads one field of a template as text.
type ReadField = dyn Fn(&TemplateInfo) -> String;

/// How the books' periods (each with its rep's UTC offset) compare: their days and hours
/// in each rep's own zone, and their instants.
fn zones(mut books: impl Iterator<Item = (Window, i32)>) -> Zones {
    let local = |w: Window, offset: i32| {
        let zone = chrono::FixedOffset::east_opt(offset);
        let at = |t: Option<chrono::DateTime<chrono::Utc>>| {
            t.zip(zone).map(|(t, z)| t.with_timezone(&z).naive_local())
        };
        (at(w.from), at(w.to))
    };
    let Some((first, offset)) = books.next() else {
        return Zones::One;
    };
    let mut zones = Zones::One;
    for (w, o) in books {
        if o == offset {
            continue;
        }
        if local(w, o) != local(first, offset) {
            return Zones::DaysDiffer;
        }
        zones = Zones::EachOwn;
    }
    zones
}

/// The measuring rules that differ between the groups' templates.
fn differences(templates: &[&TemplateInfo]) -> Vec<TemplateDifference> {
    if templates.len() < 2 {
        return Vec::new();
    }
    let rot = |t: &TemplateInfo| {
        t.rot_after_days
            .iter()
            .map(|d| d.map_or_else(|| "-".to_string(), |d| d.to_string()))
            .collect::<Vec<_>>()
            .join("/")
    };
    let fields: [(&'static str, &ReadField); 6] = [
        ("version", &|t| t.version.to_string()),
        ("first_response_minutes", &|t| {
            t.first_response_minutes.to_string()
        }),
        ("rot_after_days", &rot),
        ("dormant_after_days", &|t| t.dormant_after_days.to_string()),
        ("churned_after_days", &|t| t.churned_after_days.to_string()),
        ("script_window_days", &|t| t.script_window_days.to_string()),
    ];
    fields
        .into_iter()
        .filter_map(|(field, read)| {
            let values: Vec<(String, String)> = templates
                .iter()
                .map(|t| (template_label(t), read(t)))
                .collect();
            let differs = values.iter().any(|(_, v)| *v != values[0].1);
            differs.then_some(TemplateDifference { field, values })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{Window, Zones, ranks, zones};
    use chrono::{TimeZone, Utc};

    /// Midnight to midnight of 2026-11-10..2026-11-20 in the zone `offset` seconds east.
    fn days(first: u32, last: u32, offset: i32) -> (Window, i32) {
        let at = |day: u32| {
            Utc.with_ymd_and_hms(2026, 11, day, 0, 0, 0).unwrap()
                - chrono::TimeDelta::seconds(i64::from(offset))
        };
        (Window::between(at(first), at(last + 1)), offset)
    }

    #[test]
    fn periods_across_zones() {
        let (cn, ny) = (8 * 3600, -5 * 3600);
        assert_eq!(
            zones([days(10, 19, cn), days(10, 19, cn)].into_iter()),
            Zones::One
        );
        assert_eq!(zones(std::iter::empty()), Zones::One);
        // The same days, in each rep's own zone: other instants.
        assert_eq!(
            zones([days(10, 19, cn), days(10, 19, ny)].into_iter()),
            Zones::EachOwn
        );
        // The default period near midnight: New York's today is a day behind.
        assert_eq!(
            zones([days(10, 19, cn), days(10, 19, cn), days(9, 18, ny)].into_iter()),
            Zones::DaysDiffer
        );
        // The same instants in two zones are not the same days and hours.
        let same_instants = (days(10, 19, cn).0, ny);
        assert_eq!(
            zones([days(10, 19, cn), same_instants].into_iter()),
            Zones::DaysDiffer
        );
    }

    #[test]
    fn competition_ranks() {
        let r = ranks(&[Some(3.0), None, Some(5.0), Some(3.0)], true);
        assert_eq!(r, vec![Some(2), None, Some(1), Some(2)]);
        let r = ranks(&[Some(3.0), Some(5.0)], false);
        assert_eq!(r, vec![Some(1), Some(2)]);
        // Alone, or alone with a value: no rank.
        assert_eq!(ranks(&[Some(7.0)], false), vec![None]);
        assert_eq!(ranks(&[Some(7.0), None], true), vec![None, None]);
    }
}
