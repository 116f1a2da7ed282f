//! The one place "now" comes from, and the zone times are shown in. `SALESBOOK_NOW` (RFC 3339)
//! pins the instant for tests and demos; times are then shown in its offset — unless `TZ` is
//! set, which chooses a region (with daylight saving). Without a pin, the system's zone.

use crate::domain::zone::{Zone, instant_in};
use anyhow::{Result, bail};
use chrono::{DateTime, FixedOffset, Local, NaiveDateTime, Offset, TimeZone, Utc};

#[derive(Debug, Clone, Copy)]
pub struct Clock {
    pinned: Option<DateTime<Utc>>,
    zone: ZoneChoice,
}

#[derive(Debug, Clone, Copy)]
enum ZoneChoice {
    Fixed(FixedOffset),
    /// The system's zone (`TZ`, else `/etc/localtime`), daylight saving included.
    System,
}

impl Clock {
    pub const ENV: &'static str = "SALESBOOK_NOW";

    pub fn from_env() -> Result<Clock> {
        match std::env::var(Self::ENV) {
            Ok(v) if !v.trim().is_empty() => {
                let mut c = Clock::parse(&v)?;
                if std::env::var_os("TZ").is_some_and(|tz| !tz.is_empty()) {
                    c.zone = ZoneChoice::System;
                }
                Ok(c)
            }
            Ok(_) | Err(std::env::VarError::NotPresent) => Ok(Clock::system()),
            Err(std::env::VarError::NotUnicode(v)) => bail!(
                "{} = {v:?} is not text; expected an RFC 3339 time, e.g. 2026-11-23T09:30:00+08:00",
                Self::ENV
            ),
        }
    }

    pub fn system() -> Clock {
        Clock {
            pinned: None,
            zone: ZoneChoice::System,
        }
    }

    pub fn parse(v: &str) -> Result<Clock> {
        let Ok(t) = DateTime::parse_from_rfc3339(v.trim()) else {
            bail!(
                "{} = '{v}' is not an RFC 3339 time; expected e.g. 2026-11-23T09:30:00+08:00",
                Self::ENV
            );
        };
        Ok(Clock {
            pinned: Some(t.with_timezone(&Utc)),
            zone: ZoneChoice::Fixed(*t.offset()),
        })
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.pinned.unwrap_or_else(Utc::now)
    }

    /// The offset in force now.
    pub fn offset(&self) -> FixedOffset {
        self.offset_at(self.now())
    }

    /// `t` in the offset of its own date.
    pub fn local(&self, t: DateTime<Utc>) -> DateTime<FixedOffset> {
        Zone::local(self, t)
    }
}

impl Zone for Clock {
    fn offset_at(&self, t: DateTime<Utc>) -> FixedOffset {
        match self.zone {
            ZoneChoice::Fixed(o) => o,
            ZoneChoice::System => Local.offset_from_utc_datetime(&t.naive_utc()).fix(),
        }
    }

    fn instant(&self, local: NaiveDateTime) -> Option<DateTime<Utc>> {
        match self.zone {
            ZoneChoice::Fixed(o) => o.instant(local),
            ZoneChoice::System => instant_in(&Local, local),
        }
    }
}
