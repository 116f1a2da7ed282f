//! The one place "now" comes from. `SALESBOOK_NOW` (RFC 3339) pins it for tests and demos;
//! its offset is also the offset times are shown in.

use anyhow::{Context, Result};
use chrono::{DateTime, FixedOffset, Local, Utc};

#[derive(Debug, Clone, Copy)]
pub enum Clock {
    System,
    Fixed(DateTime<FixedOffset>),
}

impl Clock {
    pub const ENV: &'static str = "SALESBOOK_NOW";

    pub fn from_env() -> Result<Clock> {
        match std::env::var(Self::ENV) {
            Ok(v) if !v.trim().is_empty() => Clock::parse(&v),
            _ => Ok(Clock::System),
        }
    }

    pub fn parse(v: &str) -> Result<Clock> {
        let t = DateTime::parse_from_rfc3339(v.trim()).with_context(|| {
            format!(
                "{} = '{v}' is not an RFC 3339 time; expected e.g. 2026-11-23T09:30:00+08:00",
                Self::ENV
            )
        })?;
        Ok(Clock::Fixed(t))
    }

    pub fn now(&self) -> DateTime<Utc> {
        match self {
            Clock::System => Utc::now(),
            Clock::Fixed(t) => t.with_timezone(&Utc),
        }
    }

    /// The offset local dates and displayed times use.
    pub fn offset(&self) -> FixedOffset {
        match self {
            Clock::System => *Local::now().offset(),
            Clock::Fixed(t) => *t.offset(),
        }
    }

    pub fn local(&self, t: DateTime<Utc>) -> DateTime<FixedOffset> {
        t.with_timezone(&self.offset())
    }
}
