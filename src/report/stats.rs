//! The building blocks every figure is made of: a count with the contacts behind it, a
//! share, and a distribution's median and p90.
//!
//! Percentiles are nearest-rank: the p-th percentile of n sorted values is the value at rank
//! ⌈p × n / 100⌉ (1-based). The median is the 50th percentile, so with an even count it is
//! the lower of the two middle values; every median and p90 is a value that occurred. An
//! empty set has no median, no p90 and no share: they are `None` and print as "—".

use crate::domain::ContactId;
use serde::Serialize;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// FNV-1a: a fast hash for the short keys the figures group by (sources, script ids,
/// reasons), where the default hasher's resistance to crafted keys buys nothing.
#[derive(Default)]
pub(crate) struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        self.0 = h;
    }
}

pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

/// How many, and which contacts. `count` counts the figure's items (contacts, follow-ups,
/// sends…, as the figure says); `contacts` are the distinct contacts behind them, ascending.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Count {
    pub count: usize,
    pub contacts: Vec<ContactId>,
}

impl Count {
    /// A count of contacts: `ids` in any order, duplicates allowed.
    pub fn of_contacts(mut ids: Vec<ContactId>) -> Count {
        sort_ids(&mut ids);
        Count {
            count: ids.len(),
            contacts: ids,
        }
    }

    /// `count` items that concern the contacts `ids`.
    pub fn of_items(count: usize, mut ids: Vec<ContactId>) -> Count {
        sort_ids(&mut ids);
        Count {
            count,
            contacts: ids,
        }
    }
}

/// Ascending and distinct; ids gathered in contact order are often sorted already.
fn sort_ids(ids: &mut Vec<ContactId>) {
    if !ids.is_sorted() {
        ids.sort_unstable();
    }
    ids.dedup();
}

/// The local calendar day of `t` as a day number (days since 1970-01-01 local): cheaper
/// than a calendar conversion when only "same day?" matters.
pub fn local_day(t: chrono::DateTime<chrono::Utc>, offset: chrono::FixedOffset) -> i64 {
    (t.timestamp() + i64::from(offset.local_minus_utc())).div_euclid(86_400)
}

/// `num` out of `den`; `rate` is `None` when `den` is 0.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Share {
    pub num: usize,
    pub den: usize,
    pub rate: Option<f64>,
}

impl Share {
    pub fn new(num: usize, den: usize) -> Share {
        Share {
            num,
            den,
            rate: (den > 0).then(|| num as f64 / den as f64),
        }
    }
}

/// Durations in seconds: how many, the median and the p90.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Distribution {
    pub count: usize,
    pub median_seconds: Option<i64>,
    pub p90_seconds: Option<i64>,
    /// The values, ascending, kept so a team's figures can pool them.
    #[serde(skip)]
    pub values: Vec<i64>,
}

impl Distribution {
    pub fn of(mut values: Vec<i64>) -> Distribution {
        values.sort_unstable();
        Distribution {
            count: values.len(),
            median_seconds: percentile(&values, 50),
            p90_seconds: percentile(&values, 90),
            values,
        }
    }

    /// Several distributions as one (a team's).
    pub fn pooled<'a>(parts: impl IntoIterator<Item = &'a Distribution>) -> Distribution {
        Distribution::of(
            parts
                .into_iter()
                .flat_map(|d| d.values.iter().copied())
                .collect(),
        )
    }
}

/// Nearest-rank percentile of ascending `sorted`; `None` for an empty slice.
pub fn percentile(sorted: &[i64], p: usize) -> Option<i64> {
    let n = sorted.len();
    if n == 0 {
        return None;
    }
    let rank = (p * n).div_ceil(100).clamp(1, n);
    Some(sorted[rank - 1])
}

/// Untrusted text made safe to carry: control characters and bidirectional overrides
/// become spaces, runs of whitespace one space, ends trimmed.
pub fn clean_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        let blank = c.is_control()
            || c.is_whitespace()
            || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}');
        if blank {
            space = true;
        } else {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_percentiles() {
        assert_eq!(percentile(&[], 50), None);
        assert_eq!(percentile(&[7], 50), Some(7));
        assert_eq!(percentile(&[7], 90), Some(7));
        // n = 4: median rank ⌈2⌉ = 2, p90 rank ⌈3.6⌉ = 4.
        assert_eq!(percentile(&[1, 2, 3, 4], 50), Some(2));
        assert_eq!(percentile(&[1, 2, 3, 4], 90), Some(4));
        // n = 10: p90 rank 9.
        let ten: Vec<i64> = (1..=10).collect();
        assert_eq!(percentile(&ten, 90), Some(9));
        assert_eq!(percentile(&ten, 50), Some(5));
    }

    #[test]
    fn shares_and_counts() {
        assert_eq!(Share::new(0, 0).rate, None);
        assert_eq!(Share::new(1, 4).rate, Some(0.25));
        let c = Count::of_contacts(vec![3, 1, 3, 2]);
        assert_eq!((c.count, c.contacts), (3, vec![1, 2, 3]));
        let d = Distribution::pooled([&Distribution::of(vec![5, 1]), &Distribution::of(vec![3])]);
        assert_eq!(
            (d.count, d.median_seconds, d.values),
            (3, Some(3), vec![1, 3, 5])
        );
    }

    #[test]
    fn cleans_controls_and_overrides() {
        assert_eq!(clean_text(" 张\u{0}三\n\t李\u{202E}四 "), "张 三 李 四");
        assert_eq!(clean_text("\u{1b}[31mred"), "[31mred");
        assert_eq!(clean_text(""), "");
    }
}
