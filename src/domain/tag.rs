//! Tags (标签): three levels, category (一级) → group (二级) → tag (三级).

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A tag as a contact carries it: `group/tag`, e.g. `客户来源/朋友圈`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct TagRef {
    pub group: String,
    pub tag: String,
}

/// A tag in the book's taxonomy, with its category (基础 / 精细).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tag {
    pub category: Option<String>,
    pub group: String,
    pub tag: String,
}

impl fmt::Display for TagRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.group, self.tag)
    }
}

impl FromStr for TagRef {
    type Err = super::error::FieldError;

    /// `GROUP/TAG`; a full-width `／` is accepted as the separator.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let norm = super::text::strip_controls(s).trim().replace('／', "/");
        let bad = || super::error::FieldError::BadTag(s.to_string());
        let (g, t) = norm.split_once('/').ok_or_else(bad)?;
        let (g, t) = (g.trim(), t.trim());
        if g.is_empty() || t.is_empty() || t.contains('/') {
            return Err(bad());
        }
        Ok(TagRef {
            group: g.to_string(),
            tag: t.to_string(),
        })
    }
}

/// Edit distance in characters (one insertion, deletion or substitution each).
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// The known tags closest to `wanted` (a typo like 意向/近期够买 finds 意向/近期购买): up to
/// `n`, nearest first; a tag of the same group counts as nearer.
pub fn closest<'a>(wanted: &TagRef, known: &'a [TagRef], n: usize) -> Vec<&'a TagRef> {
    let w = wanted.to_string();
    let mut scored: Vec<(usize, &TagRef)> = known
        .iter()
        .map(|k| {
            let d = distance(&w, &k.to_string());
            (d * 2 + usize::from(k.group != wanted.group), k)
        })
        .collect();
    scored.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1)));
    scored.into_iter().take(n).map(|(_, k)| k).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_group_and_tag() {
        let t: TagRef = "客户来源/朋友圈".parse().unwrap();
        assert_eq!((t.group.as_str(), t.tag.as_str()), ("客户来源", "朋友圈"));
        let t: TagRef = "意向 ／ 近期".parse().unwrap();
        assert_eq!(t.to_string(), "意向/近期");
        for bad in ["朋友圈", "/x", "x/", "a/b/c", ""] {
            assert!(bad.parse::<TagRef>().is_err(), "{bad}");
        }
    }

    #[test]
    fn closest_finds_the_typo_first() {
        let known: Vec<TagRef> = [
            "意向/近期购买",
            "意向/对比观望",
            "客户来源/朋友圈",
            "成交周期/一周内",
        ]
        .iter()
        .map(|s| s.parse().unwrap())
        .collect();
        let typo: TagRef = "意向/近期够买".parse().unwrap();
        let found = closest(&typo, &known, 3);
        assert_eq!(found[0].to_string(), "意向/近期购买");
        assert_eq!(found[1].to_string(), "意向/对比观望");
        assert_eq!(distance("近期购买", "近期够买"), 1);
        assert_eq!(distance("", "ab"), 2);
    }

    #[test]
    fn distance_counts_insertions_deletions_and_substitutions() {
        for (a, b, d) in [
            ("abc", "abc", 0),
            ("abc", "abd", 1),
            ("abcd", "abd", 1),
            ("abd", "abcd", 1),
            ("ab", "", 2),
            ("kitten", "sitting", 3),
            ("flaw", "lawn", 2),
            ("近期购买", "近期买", 1),
            ("意向", "向意", 2),
        ] {
            assert_eq!(distance(a, b), d, "{a} {b}");
            assert_eq!(distance(b, a), d, "{b} {a}");
        }
    }

    fn tags(list: &[&str]) -> Vec<TagRef> {
        list.iter().map(|s| s.parse().unwrap()).collect()
    }

    fn names(found: Vec<&TagRef>) -> Vec<String> {
        found.iter().map(|t| t.to_string()).collect()
    }

    #[test]
    fn at_the_same_distance_a_tag_of_the_same_group_comes_first() {
        let known = tags(&["a/xy", "b/xz"]);
        let wanted: TagRef = "b/xy".parse().unwrap();
        assert_eq!(names(closest(&wanted, &known, 2)), ["b/xz", "a/xy"]);
        // The exact tag is nearest of all.
        let known = tags(&["a/xy", "b/xy", "b/xz"]);
        assert_eq!(names(closest(&wanted, &known, 1)), ["b/xy"]);
        let wanted: TagRef = "a/xy".parse().unwrap();
        assert_eq!(names(closest(&wanted, &known, 3)), ["a/xy", "b/xy", "b/xz"]);
    }

    #[test]
    fn a_nearer_tag_of_another_group_beats_a_farther_one_of_the_same() {
        let known = tags(&["b/xab", "c/xyz"]);
        let wanted: TagRef = "b/xyz".parse().unwrap();
        assert_eq!(names(closest(&wanted, &known, 2)), ["c/xyz", "b/xab"]);
    }
}
