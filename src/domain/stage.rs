//! The five pipeline stages, in order, with their key and Chinese name.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Stage {
    Discover,
    Pitch,
    Resolve,
    Close,
    Aftercare,
}

impl Stage {
    pub const ALL: [Stage; 5] = [
        Stage::Discover,
        Stage::Pitch,
        Stage::Resolve,
        Stage::Close,
        Stage::Aftercare,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Stage::Discover => "discover",
            Stage::Pitch => "pitch",
            Stage::Resolve => "resolve",
            Stage::Close => "close",
            Stage::Aftercare => "aftercare",
        }
    }

    pub fn zh(self) -> &'static str {
        match self {
            Stage::Discover => "挖需求",
            Stage::Pitch => "抛产品",
            Stage::Resolve => "解问题",
            Stage::Close => "提成交",
            Stage::Aftercare => "理售后",
        }
    }

    pub fn en(self) -> &'static str {
        match self {
            Stage::Discover => "Discover",
            Stage::Pitch => "Pitch",
            Stage::Resolve => "Resolve",
            Stage::Close => "Close",
            Stage::Aftercare => "Aftercare",
        }
    }

    /// Zero-based position in the pipeline.
    pub fn index(self) -> usize {
        self as usize
    }

    pub fn from_index(i: usize) -> Option<Stage> {
        Stage::ALL.get(i).copied()
    }

    pub fn next(self) -> Option<Stage> {
        Stage::from_index(self.index() + 1)
    }

    pub fn prev(self) -> Option<Stage> {
        self.index().checked_sub(1).and_then(Stage::from_index)
    }
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

impl FromStr for Stage {
    type Err = super::error::FieldError;

    /// Accepts the key (any case), the Chinese name, or the name without its verb as reps
    /// say it (售后, 需求, 产品, 问题 — not 成交, which says won as often as the stage).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        Stage::ALL
            .into_iter()
            .find(|st| {
                st.key().eq_ignore_ascii_case(t)
                    || st.zh() == t
                    || (*st != Stage::Close && st.zh().chars().skip(1).eq(t.chars()))
            })
            .ok_or_else(|| super::error::FieldError::UnknownStage(s.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_key_and_chinese_name() {
        for st in Stage::ALL {
            assert_eq!(st.key().parse::<Stage>().unwrap(), st);
            assert_eq!(st.zh().parse::<Stage>().unwrap(), st);
            assert_eq!(st.key().to_uppercase().parse::<Stage>().unwrap(), st);
        }
        assert_eq!(" 抛产品 ".parse::<Stage>().unwrap(), Stage::Pitch);
        // Without the verb, as reps say them.
        assert_eq!("售后".parse::<Stage>().unwrap(), Stage::Aftercare);
        assert_eq!("需求".parse::<Stage>().unwrap(), Stage::Discover);
        assert_eq!("产品".parse::<Stage>().unwrap(), Stage::Pitch);
        assert_eq!("问题".parse::<Stage>().unwrap(), Stage::Resolve);
        assert!(
            "成交".parse::<Stage>().is_err(),
            "won or the stage: not guessed"
        );
        assert!("后".parse::<Stage>().is_err() && "".parse::<Stage>().is_err());
    }

    #[test]
    fn unknown_stage_keeps_what_was_typed() {
        assert_eq!(
            "签合同".parse::<Stage>(),
            Err(crate::domain::error::FieldError::UnknownStage(
                "签合同".into()
            ))
        );
    }

    #[test]
    fn order_next_prev() {
        assert!(Stage::Discover < Stage::Pitch && Stage::Close < Stage::Aftercare);
        assert_eq!(Stage::Discover.next(), Some(Stage::Pitch));
        assert_eq!(Stage::Close.next(), Some(Stage::Aftercare));
        assert_eq!(Stage::Aftercare.next(), None);
        assert_eq!(Stage::Discover.prev(), None);
        assert_eq!(Stage::Resolve.prev(), Some(Stage::Pitch));
        for (i, st) in Stage::ALL.iter().enumerate() {
            assert_eq!(st.index(), i);
            assert_eq!(Stage::from_index(i), Some(*st));
        }
        assert_eq!(Stage::from_index(5), None);
    }

    #[test]
    fn each_stage_has_its_own_names() {
        let names: Vec<_> = Stage::ALL
            .iter()
            .map(|s| (s.to_string(), s.zh(), s.en()))
            .collect();
        assert_eq!(
            names,
            [
                ("discover".to_string(), "挖需求", "Discover"),
                ("pitch".into(), "抛产品", "Pitch"),
                ("resolve".into(), "解问题", "Resolve"),
                ("close".into(), "提成交", "Close"),
                ("aftercare".into(), "理售后", "Aftercare"),
            ]
        );
    }

    #[test]
    fn every_stage_but_the_ends_has_both_neighbours() {
        assert_eq!(Stage::Pitch.next(), Some(Stage::Resolve));
        assert_eq!(Stage::Pitch.prev(), Some(Stage::Discover));
        assert_eq!(Stage::Aftercare.prev(), Some(Stage::Close));
    }
}
