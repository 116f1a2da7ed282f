//! Whether a contact is still in the pipeline or has ended it.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    Open,
    Won,
    Lost,
}

impl Outcome {
    pub const ALL: [Outcome; 3] = [Outcome::Open, Outcome::Won, Outcome::Lost];

    pub fn key(self) -> &'static str {
        match self {
            Outcome::Open => "open",
            Outcome::Won => "won",
            Outcome::Lost => "lost",
        }
    }

    pub fn zh(self) -> &'static str {
        match self {
            Outcome::Open => "进行中",
            Outcome::Won => "已成交",
            Outcome::Lost => "已流失",
        }
    }
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

impl FromStr for Outcome {
    type Err = super::error::FieldError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        Outcome::ALL
            .into_iter()
            .find(|o| o.key().eq_ignore_ascii_case(t) || o.zh() == t)
            .ok_or_else(|| super::error::FieldError::UnknownOutcome(s.to_string()))
    }
}
