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
            // "成交" / "流失" as a rep says them, besides the names the app shows.
            .find(|o| {
                o.key().eq_ignore_ascii_case(t)
                    || o.zh() == t
                    || o.zh().strip_prefix('已') == Some(t)
            })
            .ok_or_else(|| super::error::FieldError::UnknownOutcome(s.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::error::FieldError;

    #[test]
    fn each_outcome_has_its_own_key_and_chinese_name() {
        let keys: Vec<_> = Outcome::ALL.iter().map(|o| o.key()).collect();
        assert_eq!(keys, ["open", "won", "lost"]);
        let names: Vec<_> = Outcome::ALL.iter().map(|o| o.zh()).collect();
        assert_eq!(names, ["进行中", "已成交", "已流失"]);
    }

    #[test]
    fn shows_as_its_key() {
        assert_eq!(Outcome::Open.to_string(), "open");
        assert_eq!(Outcome::Won.to_string(), "won");
        assert_eq!(format!("[{}]", Outcome::Lost), "[lost]");
    }

    #[test]
    fn parses_keys_in_any_case_and_chinese_names() {
        assert_eq!("won".parse(), Ok(Outcome::Won));
        assert_eq!(" LOST ".parse(), Ok(Outcome::Lost));
        assert_eq!("Open".parse(), Ok(Outcome::Open));
        assert_eq!("已成交".parse(), Ok(Outcome::Won));
        assert_eq!(" 已流失".parse(), Ok(Outcome::Lost));
        assert_eq!("进行中".parse(), Ok(Outcome::Open));
        assert_eq!("成交".parse(), Ok(Outcome::Won));
        assert_eq!("流失".parse(), Ok(Outcome::Lost));
        for o in Outcome::ALL {
            assert_eq!(o.to_string().parse(), Ok(o));
        }
    }

    #[test]
    fn anything_else_is_an_unknown_outcome() {
        for bad in ["", "closed", "提成交", "已", "行中", "wonn"] {
            assert_eq!(
                bad.parse::<Outcome>(),
                Err(FieldError::UnknownOutcome(bad.to_string())),
                "{bad}"
            );
        }
    }
}
