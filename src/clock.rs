//! The one place "now" comes from, and the zone times are shown in. `SALESBOOK_NOW` (RFC 3339)
//! pins the instant for tests and demos; times are then shown in its offset — unless `TZ` is
//! set, which chooses a region (with daylight saving). Without a pin, the system's zone.

use crate::domain::zone::{Zone, instant_in};
use anyhow::Result;
use chrono::{DateTime, FixedOffset, Local, NaiveDateTime, Offset, TimeZone, Utc};

#[derive(Debug, Clone, Copy)]
pub struct Clock {
    pinned: Option<DateTime<Utc>>,
    zone: LocalZone,
}

/// The zone local times are in: one offset, or the system's zone with its daylight saving.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LocalZone {
    Fixed(FixedOffset),
    /// The system's zone (`TZ`, else `/etc/localtime`), daylight saving included.
    System,
}

impl From<FixedOffset> for LocalZone {
    fn from(o: FixedOffset) -> LocalZone {
        LocalZone::Fixed(o)
    }
}

impl LocalZone {
    /// This zone as its one offset when it keeps no daylight saving (the same offset now
    /// and half a year ago); itself otherwise. A file written in it can then state the
    /// offset all its times are in.
    pub fn steady(self, now: DateTime<Utc>) -> LocalZone {
        let offset = self.offset_at(now);
        if offset == self.offset_at(now - chrono::TimeDelta::days(182)) {
            LocalZone::Fixed(offset)
        } else {
            self
        }
    }
}

impl Zone for LocalZone {
    fn offset_at(&self, t: DateTime<Utc>) -> FixedOffset {
        match self {
            LocalZone::Fixed(o) => *o,
            LocalZone::System => Local.offset_from_utc_datetime(&t.naive_utc()).fix(),
        }
    }

    fn instant(&self, local: NaiveDateTime) -> Option<DateTime<Utc>> {
        match self {
            LocalZone::Fixed(o) => o.instant(local),
            LocalZone::System => instant_in(&Local, local),
        }
    }
}

impl Clock {
    pub const ENV: &'static str = "SALESBOOK_NOW";

    pub fn from_env() -> Result<Clock> {
        match std::env::var(Self::ENV) {
            Ok(v) if !v.trim().is_empty() => {
                let mut c = Clock::parse(&v)?;
                if std::env::var_os("TZ").is_some_and(|tz| !tz.is_empty()) {
                    c.zone = LocalZone::System;
                }
                Ok(c)
            }
            Ok(_) | Err(std::env::VarError::NotPresent) => Ok(Clock::system()),
            Err(std::env::VarError::NotUnicode(v)) => Err(BadNow {
                value: format!("{v:?}"),
                not_text: true,
            }
            .into()),
        }
    }

    pub fn system() -> Clock {
        Clock {
            pinned: None,
            zone: LocalZone::System,
        }
    }

    pub fn parse(v: &str) -> Result<Clock> {
        let Ok(t) = DateTime::parse_from_rfc3339(v.trim()) else {
            return Err(BadNow {
                value: v.to_string(),
                not_text: false,
            }
            .into());
        };
        Ok(Clock {
            pinned: Some(t.with_timezone(&Utc)),
            zone: LocalZone::Fixed(*t.offset()),
        })
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.pinned.unwrap_or_else(Utc::now)
    }

    /// The offset in force now.
    pub fn offset(&self) -> FixedOffset {
        self.offset_at(self.now())
    }

    /// The zone times are shown in.
    pub fn zone(&self) -> LocalZone {
        self.zone
    }

    /// `t` in the offset of its own date.
    pub fn local(&self, t: DateTime<Utc>) -> DateTime<FixedOffset> {
        Zone::local(self, t)
    }
}

/// `SALESBOOK_NOW` that does not read as a time (worded in the UI's language by
/// `i18n::errors::bad_now`). A pin that cannot be read is an error, never the real clock.
#[derive(Debug)]
pub struct BadNow {
    /// The value as set (escaped where it is not UTF-8).
    pub value: String,
    /// Not text at all (bytes that are not UTF-8).
    pub not_text: bool,
}

impl std::fmt::Display for BadNow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        crate::i18n::errors::bad_now(crate::config::Lang::En, self).fmt(f)
    }
}

impl std::error::Error for BadNow {}

impl Zone for Clock {
    fn offset_at(&self, t: DateTime<Utc>) -> FixedOffset {
        self.zone.offset_at(t)
    }

    fn instant(&self, local: NaiveDateTime) -> Option<DateTime<Utc>> {
        self.zone.instant(local)
    }
}
