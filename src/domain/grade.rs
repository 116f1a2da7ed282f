//! Lead grades (线索分级): A 立即跟进, B 持续培育, C 潜在, D 无效.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Grade {
    A,
    B,
    C,
    D,
}

impl Grade {
    pub const ALL: [Grade; 4] = [Grade::A, Grade::B, Grade::C, Grade::D];

    pub fn key(self) -> &'static str {
        match self {
            Grade::A => "A",
            Grade::B => "B",
            Grade::C => "C",
            Grade::D => "D",
        }
    }

    pub fn zh(self) -> &'static str {
        match self {
            Grade::A => "立即跟进",
            Grade::B => "持续培育",
            Grade::C => "潜在",
            Grade::D => "无效",
        }
    }
}

impl fmt::Display for Grade {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

impl FromStr for Grade {
    type Err = crate::domain::error::FieldError;

    /// Accepts the letter (any case, full-width too) or the Chinese name.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = crate::domain::text::fold_width(s.trim());
        Grade::ALL
            .into_iter()
            .find(|g| g.key().eq_ignore_ascii_case(&t) || g.zh() == t)
            .ok_or_else(|| crate::domain::error::FieldError::UnknownGrade(s.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_letters_and_names() {
        assert_eq!("a".parse::<Grade>().unwrap(), Grade::A);
        assert_eq!("Ｂ".parse::<Grade>().unwrap(), Grade::B);
        assert_eq!("潜在".parse::<Grade>().unwrap(), Grade::C);
        assert_eq!(
            "E".parse::<Grade>(),
            Err(crate::domain::error::FieldError::UnknownGrade("E".into()))
        );
    }

    #[test]
    fn shows_as_its_letter_with_a_chinese_name_each() {
        let shown: Vec<_> = Grade::ALL.iter().map(|g| g.to_string()).collect();
        assert_eq!(shown, ["A", "B", "C", "D"]);
        let names: Vec<_> = Grade::ALL.iter().map(|g| g.zh()).collect();
        assert_eq!(names, ["立即跟进", "持续培育", "潜在", "无效"]);
        for g in Grade::ALL {
            assert_eq!(g.to_string().parse(), Ok(g));
            assert_eq!(g.zh().parse(), Ok(g));
        }
        assert_eq!(" d ".parse(), Ok(Grade::D));
    }
}
