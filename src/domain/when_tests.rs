//! Reading the times a rep types (see `when.rs`).

use super::*;

use chrono::FixedOffset;

fn cn() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).unwrap()
}

#[test]
fn relative_dates_and_times() {
    let now: DateTime<Utc> = "2026-11-23T01:00:00Z".parse().unwrap();
    assert_eq!(
        parse_until(now, &cn(), "+3d").unwrap(),
        now + TimeDelta::days(3)
    );
    assert_eq!(
        parse_until(now, &cn(), "＋2h").unwrap(),
        now + TimeDelta::hours(2)
    );
    assert_eq!(
        parse_until(now, &cn(), "2026-12-01").unwrap().to_rfc3339(),
        "2026-12-01T01:00:00+00:00"
    );
    assert_eq!(
        parse_until(now, &cn(), "2026-12-01 15:30")
            .unwrap()
            .to_rfc3339(),
        "2026-12-01T07:30:00+00:00"
    );
    // The same spans in Chinese units, with a plus or as "…后".
    for (typed, span) in [
        ("+3天", TimeDelta::days(3)),
        ("3天后", TimeDelta::days(3)),
        ("＋4小时", TimeDelta::hours(4)),
        ("2个小时以后", TimeDelta::hours(2)),
        ("30分钟后", TimeDelta::minutes(30)),
        ("+1周", TimeDelta::weeks(1)),
        ("2个星期之后", TimeDelta::weeks(2)),
    ] {
        assert_eq!(
            parse_until(now, &cn(), typed).unwrap(),
            now + span,
            "{typed}"
        );
    }
    for bad in [
        "+3x",
        "+天",
        "零天后",
        "一百天后",
        "半天后",
        "后",
        "3年后",
        "2026-13-01",
        "",
        "下周八",
        "明天 25:00",
        "+99999999999w",
    ] {
        assert!(parse_until(now, &cn(), bad).is_err(), "{bad}");
    }
}

#[test]
fn a_day_the_calendar_lacks_and_a_time_too_far_are_told_apart_from_a_typo() {
    let now: DateTime<Utc> = "2026-11-23T01:00:00Z".parse().unwrap();
    let err = |s: &str| parse_until(now, &cn(), s).unwrap_err();
    for missing in [
        "2026-02-30",
        "2026-13-01",
        "明天 25:00",
        "2026-12-01 24:30",
        "2026-04-31 10:00",
    ] {
        assert_eq!(
            err(missing),
            FieldError::NoSuchTime(missing.into()),
            "{missing}"
        );
    }
    for typo in ["abc", "2026-12-01 15", "明天 abc", "2026/12/01x", "+3x"] {
        assert!(
            matches!(err(typo), FieldError::BadTime(_)),
            "{typo}: {:?}",
            err(typo)
        );
    }
    // Ten years ahead at most, however it is written.
    let limit = now + TimeDelta::days(MAX_DAYS_AHEAD);
    assert_eq!(parse_until(now, &cn(), "+3660d").unwrap(), limit);
    for far in [
        "+3661d",
        "+99999d",
        "2040-01-01",
        "+99999999d",
        "+99999999999999999999w",
        "99999999999999天后",
        "+99999999999999999999周",
    ] {
        assert_eq!(err(far), FieldError::TooFarAhead(far.into()), "{far}");
    }
}

/// New York's clocks around 2026-03-08 07:00Z, when they went from -05:00 to -04:00.
struct NewYorkSpring;

impl Zone for NewYorkSpring {
    fn offset_at(&self, t: DateTime<Utc>) -> FixedOffset {
        let switch: DateTime<Utc> = "2026-03-08T07:00:00Z".parse().unwrap();
        FixedOffset::west_opt(if t < switch { 5 } else { 4 } * 3600).unwrap()
    }

    fn instant(&self, local: chrono::NaiveDateTime) -> Option<DateTime<Utc>> {
        [5, 4].into_iter().find_map(|h| {
            let t = (local + TimeDelta::hours(h)).and_utc();
            (self.offset_at(t).local_minus_utc() == -h as i32 * 3600).then_some(t)
        })
    }
}

#[test]
fn days_and_weeks_ahead_keep_the_clock_time_across_daylight_saving() {
    // Saturday 10:05 EST; Sunday is the first day of EDT.
    let now: DateTime<Utc> = "2026-03-07T15:05:00Z".parse().unwrap();
    let at = |s: &str| parse_until(now, &NewYorkSpring, s).unwrap().to_rfc3339();
    assert_eq!(at("+1d"), "2026-03-08T14:05:00+00:00");
    assert_eq!(at("1天后"), "2026-03-08T14:05:00+00:00");
    assert_eq!(at("+1w"), "2026-03-14T14:05:00+00:00");
    // Hours and minutes are amounts of time.
    assert_eq!(at("+24h"), "2026-03-08T15:05:00+00:00");
    assert_eq!(at("+90m"), "2026-03-07T16:35:00+00:00");
}

#[test]
fn day_words() {
    // Monday 2026-11-23, 09:00 in +08:00.
    let now: DateTime<Utc> = "2026-11-23T01:00:00Z".parse().unwrap();
    let local = |s: &str| {
        parse_until(now, &cn(), s)
            .unwrap()
            .with_timezone(&cn())
            .format("%Y-%m-%d %H:%M")
            .to_string()
    };
    assert_eq!(local("明天"), "2026-11-24 09:00");
    assert_eq!(local("tomorrow"), "2026-11-24 09:00");
    assert_eq!(local("后天 15:00"), "2026-11-25 15:00");
    assert_eq!(local("大后天"), "2026-11-26 09:00");
    assert_eq!(local("明天15点"), "2026-11-24 15:00");
    assert_eq!(local("明天下午3点半"), "2026-11-24 15:30");
    assert_eq!(local("下周二"), "2026-12-01 09:00");
    assert_eq!(local("周三 10:00"), "2026-11-25 10:00");
    assert_eq!(local("周一"), "2026-11-30 09:00");
    assert_eq!(local("下星期天"), "2026-12-06 09:00");
}

/// `s` read at `now`, shown as a local time in +08:00.
fn read(now: &str, s: &str) -> String {
    let now: DateTime<Utc> = now.parse().unwrap();
    parse_until(now, &cn(), s)
        .unwrap_or_else(|e| panic!("{s}: {e:?}"))
        .with_timezone(&cn())
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

/// Wednesday 2026-11-25, 10:00 in +08:00.
const WEDNESDAY: &str = "2026-11-25T02:00:00Z";

#[test]
fn a_weekday_is_the_next_one_to_come() {
    assert_eq!(read(WEDNESDAY, "周四"), "2026-11-26 09:00");
    assert_eq!(read(WEDNESDAY, "星期日"), "2026-11-29 09:00");
    assert_eq!(read(WEDNESDAY, "周天"), "2026-11-29 09:00");
    // Today and the days before it this week are next week's.
    assert_eq!(read(WEDNESDAY, "周三"), "2026-12-02 09:00");
    assert_eq!(read(WEDNESDAY, "周二 14:00"), "2026-12-01 14:00");
    assert_eq!(read(WEDNESDAY, "星期一"), "2026-11-30 09:00");
}

#[test]
fn english_days_spans_and_clock_times_read_as_the_chinese_ones() {
    // Weekdays: full, short, any case; a passed day (today too) is next week's.
    assert_eq!(read(WEDNESDAY, "thursday"), read(WEDNESDAY, "周四"));
    assert_eq!(read(WEDNESDAY, "Thu"), "2026-11-26 09:00");
    assert_eq!(read(WEDNESDAY, "thurs 15:00"), "2026-11-26 15:00");
    assert_eq!(read(WEDNESDAY, "sun"), "2026-11-29 09:00");
    assert_eq!(read(WEDNESDAY, "wednesday"), "2026-12-02 09:00");
    assert_eq!(read(WEDNESDAY, "tue 3pm"), "2026-12-01 15:00");
    assert_eq!(read(WEDNESDAY, "next monday"), read(WEDNESDAY, "下周一"));
    assert_eq!(read(WEDNESDAY, "next wed 9:30"), "2026-12-02 09:30");
    assert_eq!(read(WEDNESDAY, "next sunday"), "2026-12-06 09:00");
    // A word that only starts like a day is not one.
    assert!(parse_until(WEDNESDAY.parse().unwrap(), &cn(), "monkey").is_err());
    assert!(parse_until(WEDNESDAY.parse().unwrap(), &cn(), "fridays").is_err());
    // Spans from now.
    let now: DateTime<Utc> = WEDNESDAY.parse().unwrap();
    for (text, span) in [
        ("in 3 days", TimeDelta::days(3)),
        ("3 days", TimeDelta::days(3)),
        ("in 1 day", TimeDelta::days(1)),
        ("in 2 hours", TimeDelta::hours(2)),
        ("in 1 hr", TimeDelta::hours(1)),
        ("in 30 min", TimeDelta::minutes(30)),
        ("in 45 minutes", TimeDelta::minutes(45)),
        ("in 2 weeks", TimeDelta::weeks(2)),
        ("2 days later", TimeDelta::days(2)),
    ] {
        assert_eq!(parse_until(now, &cn(), text).unwrap(), now + span, "{text}");
    }
    assert!(parse_until(now, &cn(), "in days").is_err());
    assert!(parse_until(now, &cn(), "in 3 fortnights").is_err());
    // Clock times with am/pm: 12am is midnight, 12pm noon.
    assert_eq!(read(WEDNESDAY, "tomorrow 3pm"), "2026-11-26 15:00");
    assert_eq!(read(WEDNESDAY, "tomorrow 3:30 PM"), "2026-11-26 15:30");
    assert_eq!(read(WEDNESDAY, "tomorrow 11am"), "2026-11-26 11:00");
    assert_eq!(read(WEDNESDAY, "tomorrow 12pm"), "2026-11-26 12:00");
    assert_eq!(read(WEDNESDAY, "tomorrow 12am"), "2026-11-26 00:00");
    assert!(parse_until(now, &cn(), "tomorrow 13pm").is_err());
    assert!(parse_until(now, &cn(), "tomorrow 0am").is_err());
}

#[test]
fn next_week_is_the_week_after_this_one() {
    assert_eq!(read(WEDNESDAY, "下周一"), "2026-11-30 09:00");
    assert_eq!(read(WEDNESDAY, "下周三"), "2026-12-02 09:00");
    assert_eq!(read(WEDNESDAY, "下星期五"), "2026-12-04 09:00");
    assert_eq!(read(WEDNESDAY, "下周日 8:00"), "2026-12-06 08:00");
}

#[test]
fn today_is_the_local_date() {
    // 20:00 UTC on the 24th is already the 25th in Beijing.
    let late = "2026-11-24T20:00:00Z";
    assert_eq!(read(late, "today"), "2026-11-25 09:00");
    assert_eq!(read(late, "今天 18:00"), "2026-11-25 18:00");
    assert_eq!(read(late, "TOMORROW"), "2026-11-26 09:00");
    assert_eq!(read(late, "明天"), "2026-11-26 09:00");
}

#[test]
fn afternoon_and_evening_hours_count_from_noon() {
    for (typed, want) in [
        ("明天下午3点", "15:00"),
        ("明天晚上8点", "20:00"),
        ("明天上午10点", "10:00"),
        ("明天3点", "03:00"),
        // Noon and hours already past it stay as they are.
        ("明天下午12点", "12:00"),
        ("明天下午15点", "15:00"),
        ("明天 15点半", "15:30"),
        ("明天 9点05分", "09:05"),
        ("明天 9点5", "09:05"),
        // Noon, and the parts of the day before it.
        ("明天中午12点", "12:00"),
        ("明天中午1点", "13:00"),
        ("明天中午11点半", "11:30"),
        ("明天傍晚6点", "18:00"),
        ("明天早上8点", "08:00"),
        ("明天凌晨2点", "02:00"),
    ] {
        assert_eq!(
            read(WEDNESDAY, typed),
            format!("2026-11-26 {want}"),
            "{typed}"
        );
    }
    let now: DateTime<Utc> = WEDNESDAY.parse().unwrap();
    for bad in ["明天 点", "明天 3点半钟", "明天 24点", "周", "周x"] {
        assert!(parse_until(now, &cn(), bad).is_err(), "{bad}");
    }
}

#[test]
fn amounts_of_time_and_full_dates() {
    assert_eq!(read(WEDNESDAY, "+30m"), "2026-11-25 10:30");
    assert_eq!(read(WEDNESDAY, "+1w"), "2026-12-02 10:00");
    assert_eq!(read(WEDNESDAY, "2026-12-01T15:30"), "2026-12-01 15:30");
    assert_eq!(read(WEDNESDAY, "2026-12-01T15:30:45"), "2026-12-01 15:30");
    assert_eq!(read(WEDNESDAY, "２０２６-１２-０１"), "2026-12-01 09:00");
}

#[test]
fn a_time_alone_is_the_next_time_the_clock_shows_it() {
    // Wednesday 10:00: 15:00 is this afternoon, 09:30 tomorrow morning.
    assert_eq!(read(WEDNESDAY, "15:00"), "2026-11-25 15:00");
    assert_eq!(read(WEDNESDAY, "下午3点"), "2026-11-25 15:00");
    assert_eq!(read(WEDNESDAY, "3pm"), "2026-11-25 15:00");
    assert_eq!(read(WEDNESDAY, "09:30"), "2026-11-26 09:30");
    assert_eq!(
        read(WEDNESDAY, "10:00"),
        "2026-11-26 10:00",
        "now is passed"
    );
    assert_eq!(read(WEDNESDAY, "15:00:30"), "2026-11-25 15:00");
    let now: DateTime<Utc> = WEDNESDAY.parse().unwrap();
    assert_eq!(
        parse_until(now, &cn(), "25:00").unwrap_err(),
        FieldError::NoSuchTime("25:00".into())
    );
    // Not shaped as a clock time at all: a typo, not a time the day lacks.
    for typo in ["123:00", "1a:00", ":30", "15:"] {
        assert!(
            matches!(parse_until(now, &cn(), typo), Err(FieldError::BadTime(_))),
            "{typo}"
        );
    }
}

#[test]
fn dates_as_people_write_them_with_or_without_the_year() {
    for typed in [
        "2026/12/01 15:00",
        "2026/12/1 15:00",
        "2026.12.1 15:00",
        "2026年12月1日 15:00",
        "2026年12月1日下午3点",
        "12月1日 15:00",
        "12月1号15点",
        "12-01 15:00",
        "12/1 3pm",
    ] {
        assert_eq!(read(WEDNESDAY, typed), "2026-12-01 15:00", "{typed}");
    }
    assert_eq!(read(WEDNESDAY, "12月1日"), "2026-12-01 09:00");
    // Without its year, a day that has passed this year is next year's.
    assert_eq!(read(WEDNESDAY, "11月20日"), "2027-11-20 09:00");
    let now: DateTime<Utc> = WEDNESDAY.parse().unwrap();
    for missing in ["2026/02/30", "2月30日", "12月1日 24:30", "2026年13月1日"] {
        assert_eq!(
            parse_until(now, &cn(), missing).unwrap_err(),
            FieldError::NoSuchTime(missing.into()),
            "{missing}"
        );
    }
    for typo in ["12月1日 abc", "12-1x", "2026/12"] {
        assert!(
            matches!(parse_until(now, &cn(), typo), Err(FieldError::BadTime(_))),
            "{typo}"
        );
    }
    // A script's time with its offset is that instant.
    assert_eq!(read(WEDNESDAY, "2026-12-01T07:00:00Z"), "2026-12-01 15:00");
}

#[test]
fn a_day_for_the_agenda_is_a_date_or_a_day_word() {
    let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    let day = |s: &str| parse_day(today, s).map(|d| d.to_string());
    assert_eq!(day("明天"), Ok("2026-11-26".into()));
    assert_eq!(day("today"), Ok("2026-11-25".into()));
    assert_eq!(day("下周一"), Ok("2026-11-30".into()));
    assert_eq!(day("fri"), Ok("2026-11-27".into()));
    assert_eq!(day("12月1日"), Ok("2026-12-01".into()));
    assert_eq!(day("2026/12/1"), Ok("2026-12-01".into()));
    assert_eq!(day("２０２６-１２-０１"), Ok("2026-12-01".into()));
    assert_eq!(
        day("2026-02-30"),
        Err(FieldError::NoSuchDate("2026-02-30".into()))
    );
    for bad in ["明天 15:00", "+3d", "someday", ""] {
        assert!(
            matches!(parse_day(today, bad), Err(FieldError::BadDay(_))),
            "{bad}"
        );
    }
}

/// What reps write in chat: 今晚8点, 明早, 明天下午, 这周六, 礼拜五, 下下周一, 两天后,
/// 半小时后, 3天后 15:00.
#[test]
fn everyday_chinese_phrases_read_as_a_rep_means_them() {
    // Wednesday 10:00.
    for (typed, want) in [
        ("今晚8点", "2026-11-25 20:00"),
        ("今晚", "2026-11-25 19:00"),
        ("今天下午", "2026-11-25 14:00"),
        ("今天晚上8点半", "2026-11-25 20:30"),
        ("明早", "2026-11-26 09:00"),
        ("明早8点", "2026-11-26 08:00"),
        ("明晚7点", "2026-11-26 19:00"),
        ("明天上午", "2026-11-26 09:00"),
        ("明天中午", "2026-11-26 12:00"),
        ("明天下午", "2026-11-26 14:00"),
        ("明天的下午3点", "2026-11-26 15:00"),
        ("后天傍晚", "2026-11-27 18:00"),
        ("周五下午", "2026-11-27 14:00"),
        ("这周六", "2026-11-28 09:00"),
        ("本周五 15:00", "2026-11-27 15:00"),
        ("这星期天", "2026-11-29 09:00"),
        ("礼拜五", "2026-11-27 09:00"),
        ("礼拜天", "2026-11-29 09:00"),
        ("下礼拜一", "2026-11-30 09:00"),
        ("下下周一", "2026-12-07 09:00"),
        ("下下星期三 10:00", "2026-12-09 10:00"),
        ("3天后 15:00", "2026-11-28 15:00"),
        ("两天后下午3点", "2026-11-27 15:00"),
        ("1周后 9:30", "2026-12-02 09:30"),
        ("两天后", "2026-11-27 10:00"),
        ("十天后", "2026-12-05 10:00"),
        ("十五天后", "2026-12-10 10:00"),
        ("二十天以后", "2026-12-15 10:00"),
        ("两个星期后", "2026-12-09 10:00"),
        ("半小时后", "2026-11-25 10:30"),
        ("半个小时以后", "2026-11-25 10:30"),
        ("一个半小时后", "2026-11-25 11:30"),
        ("2个半小时后", "2026-11-25 12:30"),
        ("三个小时后", "2026-11-25 13:00"),
        ("+两天", "2026-11-27 10:00"),
        ("下周", "2026-11-30 09:00"),
        ("下周 15:00", "2026-11-30 15:00"),
        ("下下周", "2026-12-07 09:00"),
        ("下星期下午", "2026-11-30 14:00"),
        ("下个月", "2026-12-01 09:00"),
        ("下月 10:00", "2026-12-01 10:00"),
        ("月底", "2026-11-30 09:00"),
        ("本月底下午3点", "2026-11-30 15:00"),
        ("一个月后", "2026-12-25 10:00"),
        ("3个月以后", "2027-02-25 10:00"),
        ("两个月之后", "2027-01-25 10:00"),
    ] {
        assert_eq!(read(WEDNESDAY, typed), want, "{typed}");
    }
    // This week's day is this calendar week's, passed or not (a past time is the caller's
    // to refuse); today is today.
    assert_eq!(read(WEDNESDAY, "这周一"), "2026-11-23 09:00");
    assert_eq!(read(WEDNESDAY, "本周三 15:00"), "2026-11-25 15:00");
    let now: DateTime<Utc> = WEDNESDAY.parse().unwrap();
    for bad in [
        "明天凌晨",
        "明天半夜",
        "3小时后 15:00",
        "两天后 25:00",
        "这周八",
        "下下下周一",
        "今晚吃饭",
        "个月后",
        "一百个月后",
        "下周吧",
    ] {
        assert!(parse_until(now, &cn(), bad).is_err(), "{bad}");
    }
    let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    assert_eq!(
        parse_day(today, "这周六").map(|d| d.to_string()),
        Ok("2026-11-28".into())
    );
    assert_eq!(
        parse_day(today, "礼拜一").map(|d| d.to_string()),
        Ok("2026-11-30".into())
    );
}

#[test]
fn chinese_counts_read_up_to_ninety_nine() {
    for (typed, n) in [
        ("一", 1),
        ("两", 2),
        ("九", 9),
        ("十", 10),
        ("十一", 11),
        ("二十", 20),
        ("两十", 20),
        ("九十九", 99),
    ] {
        assert_eq!(chinese_number(typed), Some((n, "")), "{typed}");
    }
    assert_eq!(chinese_number("三天"), Some((3, "天")));
    for bad in ["", "零", "天", "百"] {
        assert_eq!(chinese_number(bad), None, "{bad}");
    }
}

/// A month on from the 31st is the next month's last day; ten years of months at most.
#[test]
fn months_later_keep_the_day_or_the_months_last() {
    let jan31: &str = "2027-01-31T02:00:00Z";
    assert_eq!(read(jan31, "一个月后"), "2027-02-28 10:00");
    assert_eq!(read(jan31, "2个月后"), "2027-03-31 10:00");
    let now: DateTime<Utc> = jan31.parse().unwrap();
    assert!(matches!(
        parse_until(now, &cn(), "200个月后"),
        Err(FieldError::TooFarAhead(_))
    ));
    // December's 下个月 is next year's January.
    assert_eq!(read("2026-12-15T02:00:00Z", "下个月"), "2027-01-01 09:00");
    assert_eq!(read("2026-12-15T02:00:00Z", "月底"), "2026-12-31 09:00");
}
