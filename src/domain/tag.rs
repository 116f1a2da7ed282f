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
}
