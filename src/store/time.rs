//! Times are stored as Unix seconds (UTC).

use chrono::{DateTime, Utc};

pub fn to_db(t: DateTime<Utc>) -> i64 {
    t.timestamp()
}

pub fn from_db(secs: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(secs, 0).unwrap_or_default()
}
