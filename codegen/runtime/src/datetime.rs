//! Timestamps (the Smithy `timestamp` type) and their three wire formats.
//!
//! A [`DateTime`] is an instant on the POSIX timeline: whole seconds since
//! `1970-01-01T00:00:00Z` plus a nanosecond part that is always in `0..1_000_000_000` (so
//! `-1.5` seconds is stored as `-2` seconds and `500_000_000` nanoseconds). Leap seconds do not
//! exist on this timeline, and dates use the proleptic Gregorian calendar.
//!
//! # Formats ([`Format`])
//!
//! | format | written as | example |
//! |---|---|---|
//! | `epoch-seconds` | JSON number text | `946845296`, `946845296.123456789` |
//! | `date-time` | RFC 3339, UTC, `Z` | `2000-01-02T20:34:56Z`, `2000-01-02T20:34:56.123Z` |
//! | `http-date` | IMF-fixdate (RFC 9110) | `Sun, 02 Jan 2000 20:34:56 GMT` |
//!
//! # Precision policy
//!
//! A timestamp keeps the precision it arrives with, to the nanosecond, so a value read from a
//! response can be sent back unchanged (the AWS SDK for Rust's `DateTime` does the same).
//!
//! * **Parsing is exact to the nanosecond** in all three formats. Decimal text is read with
//!   exact decimal arithmetic, never through `f64`: `1576540098.123456789` is exactly
//!   `1576540098` s + `123_456_789` ns, and `1.591735225353E9` exactly `1591735225` s + 353 ms.
//!   Digits beyond the ninth are dropped toward the past, alike in every format:
//!   `…:56.1234567899Z` is `…:56.123456789Z`, and epoch seconds `-0.0000000001` are one
//!   nanosecond before the epoch (the instant `1969-12-31T23:59:59.9999999999Z` also names).
//! * **Formatting writes the fraction digits needed and no more**, up to nine: none for a whole
//!   second, no trailing zeros (`1`, `1.5`, `2019-12-16T22:48:18.1234Z`, `1576540098.123456789`).
//!   `http-date` has no fraction and truncates to the whole second (toward the past), so it
//!   never moves a value into the next second, minute or day.
//! * [`DateTime::from_secs_f64`] rounds to the nearest nanosecond of the number's shortest
//!   decimal form; [`DateTime::to_millis`] truncates to milliseconds.
//!
//! This departs on purpose from the Smithy specification (protocol-traits.rst, "`timestampFormat`
//! trait", "Timestamp formats"), where `date-time` and `epoch-seconds` values finer than a
//! millisecond "SHOULD be truncated": that would change a value between reading and writing it.
//! A whole number of milliseconds is still written with at most three digits. The AWS JSON
//! protocols (aws-json-1_0-protocol.rst, aws-json-1_1-protocol.rst, aws-restjson1-protocol.rst,
//! "Shape serialization") describe an `epoch-seconds` number as a double; its decimal text is
//! read and written exactly here instead.
//!
//! # Parsing details
//!
//! * `epoch-seconds`: exactly one JSON number (`-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?`):
//!   integers, decimals, negatives and exponent notation. `NaN`, `Infinity`, a leading `+`,
//!   leading zeros and surrounding whitespace are rejected, as are values whose whole seconds do
//!   not fit in `i64`.
//! * `date-time`: RFC 3339 `date-time`: `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`, with `t`/`z`
//!   accepted in lower case and a fraction of any length. Offsets are applied (`-00:00` is UTC).
//!   Years `0000`–`9999` are accepted; the separator must be `T`/`t` (no space).
//! * `http-date`: IMF-fixdate, plus the obsolete RFC 850 (`Sunday, 06-Nov-94 08:49:37 GMT`) and
//!   asctime (`Sun Nov  6 08:49:37 1994`) forms that RFC 9110 tells recipients to accept. Day and
//!   month names are matched case-insensitively and the day name is not checked against the
//!   date. A fractional second (`20:34:56.456 GMT`, as in the Smithy compliance test
//!   `RestJsonHttpDateWithFractionalSeconds`) is accepted. Spaces and tabs around the value are
//!   ignored (they are optional whitespace in a header). Two-digit RFC 850 years `00`–`69` mean
//!   `2000`–`2069` and `70`–`99` mean `1970`–`1999` (a fixed pivot, so parsing never depends on
//!   the clock).
//! * Leap seconds: second `60` is accepted only where a leap second can occur, at `23:59:60`
//!   UTC (for `date-time`, after applying the offset, so `1990-12-31T15:59:60-08:00` is fine). As
//!   POSIX time has no leap seconds, it is read as the first second of the next day:
//!   `1990-12-31T23:59:60Z` parses to the same instant as `1991-01-01T00:00:00Z`.
//!
//! # Range
//!
//! Any `i64` number of seconds can be represented and written as `epoch-seconds`. `date-time`
//! and `http-date` can only write years `0001`–`9999`; other instants produce a
//! [`DateTimeFormatError`] (and [`Display`](fmt::Display) falls back to `epoch-seconds` text).

use std::fmt;
use std::str::FromStr;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

const NANOS_PER_SECOND: u32 = 1_000_000_000;
const NANOS_PER_MILLI: u32 = 1_000_000;
const SECONDS_PER_DAY: i64 = 86_400;

/// An instant in time: seconds since the Unix epoch plus a sub-second part in nanoseconds.
///
/// Ordering is chronological. `Default` is the Unix epoch. `Display` and `FromStr` use RFC 3339
/// (`date-time`); `Debug` prints the same, or the raw fields outside years 0001–9999. See the
/// [module documentation](self) for formats, precision and range.
#[derive(Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DateTime {
    // Field order matters: the derived `Ord` compares `secs` first.
    secs: i64,
    nanos: u32,
}

/// A wire format for timestamps (the values of Smithy's `@timestampFormat` trait).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// `epoch-seconds`: seconds since the Unix epoch as a JSON number (`946845296.123456789`).
    EpochSeconds,
    /// `date-time`: RFC 3339 in UTC (`2000-01-02T20:34:56.123Z`).
    DateTime,
    /// `http-date`: IMF-fixdate (`Sun, 02 Jan 2000 20:34:56 GMT`).
    HttpDate,
}

impl Format {
    /// The Smithy name of the format (`epoch-seconds`, `date-time` or `http-date`).
    pub fn as_str(&self) -> &'static str {
        match self {
            Format::EpochSeconds => "epoch-seconds",
            Format::DateTime => "date-time",
            Format::HttpDate => "http-date",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Error returned by [`DateTime::parse`] (and `FromStr`) for text that is not a valid timestamp.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateTimeParseError {
    format: Format,
    reason: &'static str,
}

impl DateTimeParseError {
    /// The format that was being parsed.
    pub fn format(&self) -> Format {
        self.format
    }

    /// Short description of the problem.
    pub fn reason(&self) -> &'static str {
        self.reason
    }
}

impl fmt::Display for DateTimeParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid {} timestamp: {}", self.format, self.reason)
    }
}

impl std::error::Error for DateTimeParseError {}

/// Error returned by [`DateTime::fmt`] when the instant cannot be written in the format.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateTimeFormatError {
    format: Format,
    reason: &'static str,
}

impl DateTimeFormatError {
    /// The format that was requested.
    pub fn format(&self) -> Format {
        self.format
    }

    /// Short description of the problem.
    pub fn reason(&self) -> &'static str {
        self.reason
    }
}

impl fmt::Display for DateTimeFormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "cannot write timestamp as {}: {}",
            self.format, self.reason
        )
    }
}

impl std::error::Error for DateTimeFormatError {}

/// Error returned when converting between [`DateTime`] and other time representations fails
/// (out of range, or not a finite number).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateTimeConversionError {
    reason: &'static str,
}

impl DateTimeConversionError {
    /// Short description of the problem.
    pub fn reason(&self) -> &'static str {
        self.reason
    }
}

impl fmt::Display for DateTimeConversionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "timestamp conversion failed: {}", self.reason)
    }
}

impl std::error::Error for DateTimeConversionError {}

impl DateTime {
    /// The instant `secs` whole seconds after (or, if negative, before) the Unix epoch.
    pub const fn from_secs(secs: i64) -> Self {
        DateTime { secs, nanos: 0 }
    }

    /// The instant `millis` milliseconds after (or before) the Unix epoch.
    pub const fn from_millis(millis: i64) -> Self {
        DateTime {
            secs: millis.div_euclid(1000),
            nanos: millis.rem_euclid(1000) as u32 * NANOS_PER_MILLI,
        }
    }

    /// The instant `secs` seconds plus `nanos` nanoseconds after the Unix epoch.
    ///
    /// `nanos` of a second or more carry into the seconds (saturating at `i64::MAX`), so
    /// `from_secs_and_nanos(0, 1_500_000_000)` is 1.5 seconds.
    pub const fn from_secs_and_nanos(secs: i64, nanos: u32) -> Self {
        DateTime {
            secs: secs.saturating_add((nanos / NANOS_PER_SECOND) as i64),
            nanos: nanos % NANOS_PER_SECOND,
        }
    }

    /// The instant `secs` seconds (with fraction) after the Unix epoch, rounded to the nearest
    /// nanosecond (ties away from zero).
    ///
    /// The number is rounded from its shortest decimal representation (the digits `{}` prints),
    /// so `1591735225.353` gives exactly 353 ms even though the `f64` is slightly below it
    /// (`1591735225.352999925…`). An `f64` holds only about 16 significant digits, so today's
    /// instants come out to about the microsecond: parse decimal text with
    /// [`DateTime::parse`] to keep every digit. Fails for `NaN`, infinities, and values whose
    /// seconds do not fit in `i64`.
    pub fn from_secs_f64(secs: f64) -> Result<Self, DateTimeConversionError> {
        if !secs.is_finite() {
            return Err(DateTimeConversionError {
                reason: "the number of seconds is not finite",
            });
        }
        // Reject far-out values before formatting them (1e300 would print 301 digits).
        if secs.abs() >= 1e19 {
            return Err(DateTimeConversionError {
                reason: "the number of seconds is out of range",
            });
        }
        decimal_seconds(&secs.to_string(), Rounding::Nearest).map_err(|_| DateTimeConversionError {
            reason: "the number of seconds is out of range",
        })
    }

    /// Whole seconds since the Unix epoch (rounded toward the past: −1.5 s gives −2).
    pub const fn secs(&self) -> i64 {
        self.secs
    }

    /// Nanoseconds after [`secs`](Self::secs), always below 1 000 000 000.
    pub const fn subsec_nanos(&self) -> u32 {
        self.nanos
    }

    /// Milliseconds since the Unix epoch, truncated toward the past; fails if out of `i64`
    /// range.
    pub fn to_millis(&self) -> Result<i64, DateTimeConversionError> {
        let millis = i128::from(self.secs) * 1000 + i128::from(self.nanos / NANOS_PER_MILLI);
        i64::try_from(millis).map_err(|_| DateTimeConversionError {
            reason: "the number of milliseconds does not fit in i64",
        })
    }

    /// Seconds since the Unix epoch as `f64` (may lose precision).
    pub fn as_secs_f64(&self) -> f64 {
        self.secs as f64 + f64::from(self.nanos) / f64::from(NANOS_PER_SECOND)
    }

    /// Writes the instant in `format` (see the [module documentation](self) for precision).
    ///
    /// Fails only for `date-time` and `http-date` when the year is outside `0001`–`9999`.
    pub fn fmt(&self, format: Format) -> Result<String, DateTimeFormatError> {
        let out_of_range = DateTimeFormatError {
            format,
            reason: "the year is outside 0001..=9999",
        };
        match format {
            Format::EpochSeconds => Ok(self.epoch_seconds_string()),
            Format::DateTime => self.rfc3339_string().ok_or(out_of_range),
            Format::HttpDate => self.http_date_string().ok_or(out_of_range),
        }
    }

    /// Parses `text` in `format` (see the [module documentation](self) for what is accepted).
    pub fn parse(format: Format, text: &str) -> Result<Self, DateTimeParseError> {
        let result = match format {
            Format::EpochSeconds => parse_epoch_seconds(text),
            Format::DateTime => parse_date_time(text),
            Format::HttpDate => parse_http_date(text),
        };
        result.map_err(|reason| DateTimeParseError { format, reason })
    }

    /// The instant `nanos` nanoseconds from the epoch, if its seconds fit in `i64`.
    fn from_total_nanos(nanos: i128) -> Option<Self> {
        let per_second = i128::from(NANOS_PER_SECOND);
        let secs = i64::try_from(nanos.div_euclid(per_second)).ok()?;
        // rem_euclid is in 0..1_000_000_000, so the cast is lossless.
        let nanos = nanos.rem_euclid(per_second) as u32;
        Some(DateTime { secs, nanos })
    }

    /// The exact value as a JSON number: `-1.5`, not the stored `-2` s + 0.5 s.
    fn epoch_seconds_string(&self) -> String {
        let total = i128::from(self.secs) * i128::from(NANOS_PER_SECOND) + i128::from(self.nanos);
        let sign = if total < 0 { "-" } else { "" };
        let magnitude = total.unsigned_abs();
        let per_second = u128::from(NANOS_PER_SECOND);
        // The remainder is below 1_000_000_000, so the cast is lossless.
        let fraction = fraction_text((magnitude % per_second) as u32);
        format!("{sign}{}{fraction}", magnitude / per_second)
    }

    /// RFC 3339 in UTC with the fraction digits needed; `None` if the year is outside
    /// 0001..=9999.
    fn rfc3339_string(&self) -> Option<String> {
        let (year, month, day, hour, minute, second) = self.civil_utc()?;
        let fraction = fraction_text(self.nanos);
        Some(format!(
            "{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}{fraction}Z"
        ))
    }

    /// IMF-fixdate, truncated to whole seconds; `None` if the year is outside 0001..=9999.
    fn http_date_string(&self) -> Option<String> {
        let (year, month, day, hour, minute, second) = self.civil_utc()?;
        let days = self.secs.div_euclid(SECONDS_PER_DAY);
        let weekday = WEEKDAYS[weekday_from_days(days)].0;
        let month_name = MONTHS[(month - 1) as usize];
        Some(format!(
            "{weekday}, {day:02} {month_name} {year:04} {hour:02}:{minute:02}:{second:02} GMT"
        ))
    }

    /// UTC calendar fields (year, month, day, hour, minute, second) if the year is 1..=9999.
    fn civil_utc(&self) -> Option<(i64, u32, u32, i64, i64, i64)> {
        let days = self.secs.div_euclid(SECONDS_PER_DAY);
        let second_of_day = self.secs.rem_euclid(SECONDS_PER_DAY);
        let (year, month, day) = civil_from_days(days);
        if !(1..=9999).contains(&year) {
            return None;
        }
        Some((
            year,
            month,
            day,
            second_of_day / 3600,
            second_of_day / 60 % 60,
            second_of_day % 60,
        ))
    }
}

/// `.` and the nanoseconds without trailing zeros (`.5`, `.000000001`), or nothing for zero.
fn fraction_text(nanos: u32) -> String {
    if nanos == 0 {
        return String::new();
    }
    let digits = format!("{nanos:09}");
    format!(".{}", digits.trim_end_matches('0'))
}

impl fmt::Display for DateTime {
    /// RFC 3339 (`date-time`); instants outside years 0001–9999 fall back to `epoch-seconds`
    /// text.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.rfc3339_string() {
            Some(text) => f.write_str(&text),
            None => f.write_str(&self.epoch_seconds_string()),
        }
    }
}

impl fmt::Debug for DateTime {
    /// RFC 3339, or the raw fields outside years 0001–9999.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.rfc3339_string() {
            Some(text) => f.write_str(&text),
            None => write!(
                f,
                "DateTime {{ secs: {}, nanos: {} }}",
                self.secs, self.nanos
            ),
        }
    }
}

impl FromStr for DateTime {
    type Err = DateTimeParseError;

    /// Parses RFC 3339 (`date-time`).
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        DateTime::parse(Format::DateTime, text)
    }
}

impl From<SystemTime> for DateTime {
    /// Converts exactly (saturating at the `i64` seconds range, which no real clock reaches).
    fn from(time: SystemTime) -> Self {
        match time.duration_since(UNIX_EPOCH) {
            Ok(after) => DateTime::from_secs_and_nanos(
                i64::try_from(after.as_secs()).unwrap_or(i64::MAX),
                after.subsec_nanos(),
            ),
            Err(before) => {
                let before = before.duration();
                let secs = i64::try_from(before.as_secs()).map_or(i64::MIN, |s| -s);
                match before.subsec_nanos() {
                    0 => DateTime::from_secs(secs),
                    nanos => DateTime {
                        secs: secs.saturating_sub(1),
                        nanos: NANOS_PER_SECOND - nanos,
                    },
                }
            }
        }
    }
}

impl TryFrom<DateTime> for SystemTime {
    type Error = DateTimeConversionError;

    /// Converts exactly; fails if the platform's `SystemTime` cannot hold the instant.
    fn try_from(time: DateTime) -> Result<Self, Self::Error> {
        let error = DateTimeConversionError {
            reason: "the instant is outside the range of SystemTime",
        };
        let whole = if time.secs >= 0 {
            UNIX_EPOCH.checked_add(Duration::from_secs(time.secs.unsigned_abs()))
        } else {
            UNIX_EPOCH.checked_sub(Duration::from_secs(time.secs.unsigned_abs()))
        };
        whole
            .and_then(|t| t.checked_add(Duration::from_nanos(u64::from(time.nanos))))
            .ok_or(error)
    }
}

/// With the `serde` feature: an RFC 3339 `date-time` string in UTC with the fraction digits
/// needed, as [`Display`](fmt::Display) writes it (`"2000-01-02T20:34:56.123Z"`). An instant
/// outside years 0001–9999 has no such form and is an error.
#[cfg(feature = "serde")]
impl serde::Serialize for DateTime {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.fmt(Format::DateTime) {
            Ok(text) => serializer.serialize_str(&text),
            Err(e) => Err(serde::ser::Error::custom(e)),
        }
    }
}

/// With the `serde` feature: any RFC 3339 `date-time` string (offsets applied, a fraction of any
/// length), as [`DateTime::parse`] reads [`Format::DateTime`].
#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for DateTime {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <String as serde::Deserialize>::deserialize(deserializer)?;
        DateTime::parse(Format::DateTime, &text).map_err(serde::de::Error::custom)
    }
}

// ---------------------------------------------------------------------------------------------
// Calendar arithmetic (proleptic Gregorian).
//
// Both directions work on "March years": a year that starts on 1 March, so that the leap day is
// the last day of its year and month lengths follow a regular pattern. Gregorian years repeat
// every 400 years, which are exactly 146 097 days. Day 0 of a 400-year cycle is 0000-03-01.

/// Days in one 400-year Gregorian cycle.
const DAYS_PER_400_YEARS: i64 = 146_097;
/// Days from 0000-03-01 (the start of a cycle) to 1970-01-01.
const DAYS_FROM_CYCLE_START_TO_EPOCH: i64 = 719_468;

/// Whether `year` has a 29 February.
fn is_leap_year(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

/// Number of days in `month` (1–12) of `year`.
fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days from the start of a March year to the first of `march_month` (0 = March … 11 =
/// February). Month lengths from March repeat 31,30,31,30,31 (153 days per five months), which
/// `(153 * m + 2) / 5` reproduces.
fn days_before_march_month(march_month: i64) -> i64 {
    (153 * march_month + 2) / 5
}

/// Days since 1970-01-01 of the date `year-month-day` (month 1–12, day 1–31, not validated).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let (march_year, march_month) = if month >= 3 {
        (year, i64::from(month) - 3)
    } else {
        (year - 1, i64::from(month) + 9)
    };
    let cycle = march_year.div_euclid(400);
    let year_of_cycle = march_year.rem_euclid(400);
    let day_of_year = days_before_march_month(march_month) + i64::from(day) - 1;
    // Leap days before this March year within the cycle: one every 4 years, minus centuries,
    // (a cycle's 400th year is never "before" anything inside it).
    let day_of_cycle = year_of_cycle * 365 + year_of_cycle / 4 - year_of_cycle / 100 + day_of_year;
    cycle * DAYS_PER_400_YEARS + day_of_cycle - DAYS_FROM_CYCLE_START_TO_EPOCH
}

/// The date (year, month 1–12, day 1–31) that is `days` days after 1970-01-01.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let days = days + DAYS_FROM_CYCLE_START_TO_EPOCH;
    let cycle = days.div_euclid(DAYS_PER_400_YEARS);
    let day_of_cycle = days.rem_euclid(DAYS_PER_400_YEARS);
    // Remove the leap days so that every year is 365 days long: one per 4 years (1460 days),
    // back one per century (36 524 days), and the cycle's last day (146 096) is a leap day too.
    let year_of_cycle = (day_of_cycle - day_of_cycle / 1460 + day_of_cycle / 36_524
        - day_of_cycle / (DAYS_PER_400_YEARS - 1))
        / 365;
    let day_of_year =
        day_of_cycle - (year_of_cycle * 365 + year_of_cycle / 4 - year_of_cycle / 100);
    let march_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - days_before_march_month(march_month) + 1;
    let (month, year_offset) = if march_month < 10 {
        (march_month + 3, 0)
    } else {
        (march_month - 9, 1)
    };
    let year = cycle * 400 + year_of_cycle + year_offset;
    // month is 1..=12 and day 1..=31 by construction.
    (year, month as u32, day as u32)
}

/// Day of the week (0 = Sunday) of the day `days` after 1970-01-01, which was a Thursday.
fn weekday_from_days(days: i64) -> usize {
    (days + 4).rem_euclid(7) as usize
}

const WEEKDAYS: [(&str, &str); 7] = [
    ("Sun", "Sunday"),
    ("Mon", "Monday"),
    ("Tue", "Tuesday"),
    ("Wed", "Wednesday"),
    ("Thu", "Thursday"),
    ("Fri", "Friday"),
    ("Sat", "Saturday"),
];

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

// ---------------------------------------------------------------------------------------------
// Parsing.

/// Parse result with a static reason on failure; `DateTime::parse` adds the format.
type ParseResult<T> = Result<T, &'static str>;

/// A byte cursor over ASCII-structured text; anything non-ASCII simply fails to match.
struct Cursor<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn new(text: &'a str) -> Self {
        Cursor {
            bytes: text.as_bytes(),
            pos: 0,
        }
    }

    fn at_end(&self) -> bool {
        self.pos == self.bytes.len()
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    /// Consumes `byte` if it is next.
    fn eat(&mut self, byte: u8) -> bool {
        let found = self.peek() == Some(byte);
        if found {
            self.pos += 1;
        }
        found
    }

    fn expect(&mut self, byte: u8, reason: &'static str) -> ParseResult<()> {
        if self.eat(byte) {
            Ok(())
        } else {
            Err(reason)
        }
    }

    /// Exactly `count` ASCII digits (count ≤ 4) as a number.
    fn digits(&mut self, count: usize, reason: &'static str) -> ParseResult<u32> {
        let mut value = 0;
        for _ in 0..count {
            match self.peek() {
                Some(byte @ b'0'..=b'9') => {
                    value = value * 10 + u32::from(byte - b'0');
                    self.pos += 1;
                }
                _ => return Err(reason),
            }
        }
        Ok(value)
    }

    /// The (possibly empty) run of bytes satisfying `pred`.
    fn take_while(&mut self, pred: impl Fn(u8) -> bool) -> &'a [u8] {
        let start = self.pos;
        while self.peek().is_some_and(&pred) {
            self.pos += 1;
        }
        &self.bytes[start..self.pos]
    }

    /// A three-letter English month abbreviation, case-insensitive; returns 1–12.
    fn month(&mut self) -> ParseResult<u32> {
        let name = self
            .bytes
            .get(self.pos..self.pos + 3)
            .ok_or("expected a month name")?;
        let index = MONTHS
            .iter()
            .position(|m| m.as_bytes().eq_ignore_ascii_case(name))
            .ok_or("expected a month name")?;
        self.pos += 3;
        Ok(index as u32 + 1)
    }
}

/// Time of day `HH:MM:SS[.fraction]` as (hour, minute, second, nanoseconds).
fn parse_time_of_day(cursor: &mut Cursor<'_>) -> ParseResult<(u32, u32, u32, u32)> {
    let hour = cursor.digits(2, "expected a two-digit hour")?;
    cursor.expect(b':', "expected `:` after the hour")?;
    let minute = cursor.digits(2, "expected a two-digit minute")?;
    cursor.expect(b':', "expected `:` after the minute")?;
    let second = cursor.digits(2, "expected a two-digit second")?;
    let nanos = if cursor.eat(b'.') {
        let digits = cursor.take_while(|b| b.is_ascii_digit());
        if digits.is_empty() {
            return Err("expected digits after the decimal point");
        }
        fraction_to_nanos(digits)
    } else {
        0
    };
    if hour > 23 {
        return Err("hour out of range");
    }
    if minute > 59 {
        return Err("minute out of range");
    }
    if second > 60 {
        return Err("second out of range");
    }
    Ok((hour, minute, second, nanos))
}

/// `0.<digits>` seconds in nanoseconds. Digits beyond the ninth are dropped: the fraction only
/// ever adds to the second before it, so this truncates toward the past.
fn fraction_to_nanos(digits: &[u8]) -> u32 {
    (0..9).fold(0, |nanos, i| {
        nanos * 10 + digits.get(i).map_or(0, |d| u32::from(d - b'0'))
    })
}

/// Validates a calendar date and returns its day number since 1970-01-01.
fn checked_days_from_civil(year: u32, month: u32, day: u32) -> ParseResult<i64> {
    let year = i64::from(year);
    if !(1..=12).contains(&month) {
        return Err("month out of range");
    }
    if day == 0 || day > days_in_month(year, month) {
        return Err("day out of range for the month");
    }
    Ok(days_from_civil(year, month, day))
}

/// Combines the UTC start of a minute with a second (0–60) and nanoseconds.
fn assemble(minute_start: i64, second: u32, nanos: u32) -> ParseResult<DateTime> {
    if second == 60 && minute_start.rem_euclid(SECONDS_PER_DAY) != SECONDS_PER_DAY - 60 {
        return Err("second 60 (a leap second) is only valid at 23:59 UTC");
    }
    // Years 0000–9999 (plus a day of offset) are far inside the i64 range.
    Ok(DateTime::from_secs_and_nanos(
        minute_start + i64::from(second),
        nanos,
    ))
}

/// What to do with the digits of a decimal number below one nanosecond.
#[derive(Clone, Copy)]
enum Rounding {
    /// Drop them, toward the past (`-0.0000000001` s is 1 ns before the epoch).
    Floor,
    /// Round to the nearest nanosecond, ties away from zero.
    Nearest,
}

/// `epoch-seconds`: a JSON number, read exactly to the nanosecond.
fn parse_epoch_seconds(text: &str) -> ParseResult<DateTime> {
    match plain_epoch_seconds(text.as_bytes()) {
        Some(t) => Ok(t),
        None => decimal_seconds(text, Rounding::Floor),
    }
}

/// The shape services send, `-?(0|[1-9][0-9]{0,17})(.[0-9]+)?`, in `i64` arithmetic (the
/// general path needs `i128`); `None` for anything else (exponents, more digits, bad syntax),
/// which [`decimal_seconds`] then reads. Digits below a nanosecond round toward the past, as
/// there.
fn plain_epoch_seconds(text: &[u8]) -> Option<DateTime> {
    let negative = text.first() == Some(&b'-');
    let mut i = usize::from(negative);
    let start = i;
    let mut secs = 0i64;
    while let Some(&b) = text.get(i) {
        let digit = b.wrapping_sub(b'0');
        if digit > 9 {
            break;
        }
        // 18 digits stay below 10^18, far inside i64.
        if i - start == 18 {
            return None;
        }
        secs = secs * 10 + i64::from(digit);
        i += 1;
    }
    if i == start || (i - start > 1 && text[start] == b'0') {
        return None;
    }
    let (mut nanos, mut below_nano) = (0u32, false);
    if let Some(rest) = text.get(i..).filter(|rest| !rest.is_empty()) {
        let [b'.', fraction @ ..] = rest else { return None };
        if fraction.is_empty() {
            return None;
        }
        for (k, &b) in fraction.iter().enumerate() {
            let digit = b.wrapping_sub(b'0');
            if digit > 9 {
                return None;
            }
            if k < 9 {
                nanos = nanos * 10 + u32::from(digit);
            } else {
                below_nano |= digit != 0;
            }
        }
        // Fewer than nine digits: scale to nanoseconds.
        const SCALE: [u32; 9] = [100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1];
        nanos *= SCALE[fraction.len().min(9) - 1];
    }
    if !negative {
        return Some(DateTime { secs, nanos });
    }
    // -(secs + nanos + any dropped part): the dropped part rounds toward the past, one more
    // nanosecond below; a carry to a whole second is possible.
    let magnitude_nanos = nanos + u32::from(below_nano);
    Some(match magnitude_nanos {
        0 => DateTime { secs: -secs, nanos: 0 },
        NANOS_PER_SECOND => DateTime { secs: -secs - 1, nanos: 0 },
        n => DateTime { secs: -secs - 1, nanos: NANOS_PER_SECOND - n },
    })
}

/// A number of seconds in JSON number syntax, with exact decimal arithmetic (never `f64`).
fn decimal_seconds(text: &str, rounding: Rounding) -> ParseResult<DateTime> {
    let parts = super::json::split_json_number(text)
        .ok_or("expected a number of seconds in JSON number syntax")?;
    // Exponent, saturated: anything beyond ±10^12 is far outside the representable range or
    // far below a nanosecond, and saturation keeps the arithmetic below from overflowing.
    let exponent = parts.exponent.iter().fold(0i64, |acc, d| {
        (acc * 10 + i64::from(d - b'0')).min(1_000_000_000_000)
    });
    let exponent = if parts.exponent_negative {
        -exponent
    } else {
        exponent
    };
    // value = D × 10^(exponent − fraction_len) where D is all the digits; in nanoseconds that
    // is D × 10^shift with shift = exponent − fraction_len + 9.
    let fraction_len = i64::try_from(parts.fraction.len()).unwrap_or(i64::MAX);
    let shift = exponent.saturating_sub(fraction_len).saturating_add(9);
    let all_digits = || parts.integer.iter().chain(parts.fraction.iter()).copied();
    let significant = || all_digits().skip_while(|&d| d == b'0');
    let count = i64::try_from(significant().count()).unwrap_or(i64::MAX);
    if count == 0 {
        // Zero, whatever its exponent (`-0`, `0.000e5`).
        return Ok(DateTime::from_secs(0));
    }
    // Number of digits of the whole nanoseconds (negative: the value is below 0.1 ns).
    let integer_digits = count.saturating_add(shift);
    // i64 seconds have at most 19 digits, so whole nanoseconds at most 28; 10^29 fits in i128.
    if integer_digits > 29 {
        return Err("out of range");
    }
    let mut digits = significant();
    let mut magnitude: i128 = 0;
    for _ in 0..integer_digits.max(0) {
        let digit = digits.next().map_or(0, |d| d - b'0');
        magnitude = magnitude * 10 + i128::from(digit);
    }
    // What is left is a fraction of a nanosecond: its first digit, and whether it is non-zero.
    let first_dropped = if integer_digits < 0 {
        b'0'
    } else {
        digits.next().unwrap_or(b'0')
    };
    let dropped_non_zero = first_dropped != b'0' || digits.any(|d| d != b'0');
    let round_up = match rounding {
        Rounding::Floor => parts.negative && dropped_non_zero,
        Rounding::Nearest => first_dropped >= b'5',
    };
    if round_up {
        magnitude += 1;
    }
    let nanos = if parts.negative {
        -magnitude
    } else {
        magnitude
    };
    DateTime::from_total_nanos(nanos).ok_or("out of range")
}

/// `date-time`: RFC 3339 `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`.
fn parse_date_time(text: &str) -> ParseResult<DateTime> {
    if let Some(t) = utc_date_time(text.as_bytes()) {
        return Ok(t);
    }
    let mut cursor = Cursor::new(text);
    let year = cursor.digits(4, "expected a four-digit year")?;
    cursor.expect(b'-', "expected `-` after the year")?;
    let month = cursor.digits(2, "expected a two-digit month")?;
    cursor.expect(b'-', "expected `-` after the month")?;
    let day = cursor.digits(2, "expected a two-digit day")?;
    if !(cursor.eat(b'T') || cursor.eat(b't')) {
        return Err("expected `T` between the date and the time");
    }
    let (hour, minute, second, nanos) = parse_time_of_day(&mut cursor)?;
    let offset_seconds = if cursor.eat(b'Z') || cursor.eat(b'z') {
        0
    } else {
        let negative = match cursor.peek() {
            Some(b'+') => false,
            Some(b'-') => true,
            _ => return Err("expected `Z` or a numeric offset such as `+01:00`"),
        };
        cursor.pos += 1;
        let offset_hour = cursor.digits(2, "expected a two-digit offset hour")?;
        cursor.expect(b':', "expected `:` in the offset")?;
        let offset_minute = cursor.digits(2, "expected a two-digit offset minute")?;
        if offset_hour > 23 || offset_minute > 59 {
            return Err("offset out of range");
        }
        let seconds = i64::from(offset_hour * 3600 + offset_minute * 60);
        if negative {
            -seconds
        } else {
            seconds
        }
    };
    if !cursor.at_end() {
        return Err("unexpected text after the timestamp");
    }
    let days = checked_days_from_civil(year, month, day)?;
    let local_minute_start =
        days * SECONDS_PER_DAY + i64::from(hour) * 3600 + i64::from(minute) * 60;
    assemble(local_minute_start - offset_seconds, second, nanos)
}

/// The form services send, `YYYY-MM-DDTHH:MM:SS[.d{1,9}]Z`, read by fixed positions; `None`
/// for anything else (offsets, lower-case `t`/`z`, a leap second, more fraction digits, any
/// invalid field), which the general reading then accepts or rejects with its reason.
fn utc_date_time(text: &[u8]) -> Option<DateTime> {
    let [y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1, b'T', h0, h1, b':', n0, n1, b':', s0, s1, rest @ ..] = text else {
        return None;
    };
    let digit = |b: u8| {
        let d = b.wrapping_sub(b'0');
        (d <= 9).then_some(u32::from(d))
    };
    let two = |a: u8, b: u8| Some(digit(a)? * 10 + digit(b)?);
    let year = two(*y0, *y1)? * 100 + two(*y2, *y3)?;
    let (month, day) = (two(*m0, *m1)?, two(*d0, *d1)?);
    let (hour, minute, second) = (two(*h0, *h1)?, two(*n0, *n1)?, two(*s0, *s1)?);
    let nanos = match rest {
        [b'Z'] => 0,
        [b'.', fraction @ .., b'Z'] if (1..=9).contains(&fraction.len()) => {
            let mut nanos = 0;
            for &b in fraction {
                nanos = nanos * 10 + digit(b)?;
            }
            const SCALE: [u32; 9] = [100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1];
            nanos * SCALE[fraction.len() - 1]
        }
        _ => return None,
    };
    if hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    let days = checked_days_from_civil(year, month, day).ok()?;
    let secs = days * SECONDS_PER_DAY + i64::from(hour * 3600 + minute * 60 + second);
    Some(DateTime { secs, nanos })
}

/// `http-date`: IMF-fixdate, RFC 850 or asctime (see the module documentation).
fn parse_http_date(text: &str) -> ParseResult<DateTime> {
    let text = text.trim_matches(|c| c == ' ' || c == '\t');
    let mut cursor = Cursor::new(text);
    let day_name = cursor.take_while(|b| b.is_ascii_alphabetic());
    let known_day = WEEKDAYS.iter().any(|(short, long)| {
        short.as_bytes().eq_ignore_ascii_case(day_name)
            || long.as_bytes().eq_ignore_ascii_case(day_name)
    });
    if !known_day {
        return Err("expected a day name");
    }
    let (year, month, day, time) = if cursor.eat(b',') {
        cursor.expect(b' ', "expected a space after the day name")?;
        let day = cursor.digits(2, "expected a two-digit day")?;
        let (month, year) = if cursor.eat(b' ') {
            // IMF-fixdate: `02 Jan 2000`
            let month = cursor.month()?;
            cursor.expect(b' ', "expected a space after the month")?;
            (month, cursor.digits(4, "expected a four-digit year")?)
        } else if cursor.eat(b'-') {
            // RFC 850: `02-Jan-00`
            let month = cursor.month()?;
            cursor.expect(b'-', "expected `-` after the month")?;
            let year = cursor.digits(2, "expected a two-digit year")?;
            (month, if year < 70 { 2000 + year } else { 1900 + year })
        } else {
            return Err("expected a space or `-` after the day");
        };
        cursor.expect(b' ', "expected a space before the time")?;
        let time = parse_time_of_day(&mut cursor)?;
        cursor.expect(b' ', "expected a space before `GMT`")?;
        let zone = cursor.take_while(|b| b.is_ascii_alphabetic());
        if !zone.eq_ignore_ascii_case(b"GMT") {
            return Err("expected `GMT`");
        }
        (year, month, day, time)
    } else {
        // asctime: `Sun Jan  2 20:34:56 2000`
        cursor.expect(b' ', "expected `,` or a space after the day name")?;
        let month = cursor.month()?;
        cursor.expect(b' ', "expected a space after the month")?;
        let day = if cursor.eat(b' ') {
            cursor.digits(1, "expected a day")?
        } else {
            cursor.digits(2, "expected a two-digit day")?
        };
        cursor.expect(b' ', "expected a space before the time")?;
        let time = parse_time_of_day(&mut cursor)?;
        cursor.expect(b' ', "expected a space before the year")?;
        let year = cursor.digits(4, "expected a four-digit year")?;
        (year, month, day, time)
    };
    if !cursor.at_end() {
        return Err("unexpected text after the timestamp");
    }
    let (hour, minute, second, nanos) = time;
    let days = checked_days_from_civil(year, month, day)?;
    let minute_start = days * SECONDS_PER_DAY + i64::from(hour) * 3600 + i64::from(minute) * 60;
    assemble(minute_start, second, nanos)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(format: Format, text: &str) -> DateTime {
        DateTime::parse(format, text).unwrap_or_else(|e| panic!("{text:?}: {e}"))
    }

    fn ms(secs: i64, millis: u32) -> DateTime {
        DateTime::from_secs_and_nanos(secs, millis * NANOS_PER_MILLI)
    }

    fn ns(secs: i64, nanos: u32) -> DateTime {
        DateTime::from_secs_and_nanos(secs, nanos)
    }

    // ---- calendar -----------------------------------------------------------------------

    #[test]
    fn known_day_numbers() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(1969, 12, 31), -1);
        assert_eq!(days_from_civil(1970, 3, 1), 59);
        assert_eq!(days_from_civil(1972, 3, 1), 790); // 2*365 + 60 (1972 is leap)
        assert_eq!(days_from_civil(2000, 1, 1), 10_957); // 30*365 + 7 leap days
        assert_eq!(days_from_civil(2000, 2, 29), 11_016);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(days_from_civil(1900, 3, 1), -25_508); // 1900 is not a leap year
        assert_eq!(days_from_civil(1900, 2, 28), -25_509);
        assert_eq!(days_from_civil(1, 1, 1), -719_162);
        assert_eq!(days_from_civil(9999, 12, 31), 2_932_896);
        assert_eq!(days_from_civil(0, 3, 1), -719_468);
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
        assert_eq!(civil_from_days(-25_508), (1900, 3, 1));
        assert_eq!(civil_from_days(-719_162), (1, 1, 1));
        assert_eq!(civil_from_days(-719_163), (0, 12, 31));
        assert_eq!(civil_from_days(2_932_896), (9999, 12, 31));
        assert_eq!(civil_from_days(2_932_897), (10000, 1, 1));
    }

    #[test]
    fn leap_years() {
        for (year, leap) in [
            (1600, true),
            (1700, false),
            (1900, false),
            (1970, false),
            (1972, true),
            (2000, true),
            (2023, false),
            (2024, true),
            (2100, false),
            (2400, true),
            (0, true),
            (-4, true),
            (-100, false),
        ] {
            assert_eq!(is_leap_year(year), leap, "{year}");
        }
    }

    #[test]
    fn every_day_from_year_0_to_10000_round_trips_in_sequence() {
        let mut days = days_from_civil(0, 1, 1);
        for year in 0..=10_000i64 {
            for month in 1..=12 {
                for day in 1..=days_in_month(year, month) {
                    assert_eq!(days_from_civil(year, month, day), days);
                    assert_eq!(civil_from_days(days), (year, month, day));
                    days += 1;
                }
            }
        }
    }

    #[test]
    fn calendar_far_from_the_epoch() {
        for days in [
            -1_000_000_000,
            -146_097 * 1000 - 1,
            146_097 * 1000 + 1,
            1_000_000_000,
        ] {
            let (year, month, day) = civil_from_days(days);
            assert_eq!(days_from_civil(year, month, day), days);
        }
        // The extremes of the i64 seconds range do not overflow.
        for secs in [i64::MIN, i64::MAX] {
            let days = secs.div_euclid(SECONDS_PER_DAY);
            let (year, month, day) = civil_from_days(days);
            assert_eq!(days_from_civil(year, month, day), days);
        }
    }

    #[test]
    fn weekdays() {
        assert_eq!(weekday_from_days(0), 4); // Thursday
        assert_eq!(weekday_from_days(-1), 3);
        assert_eq!(weekday_from_days(days_from_civil(2000, 1, 2)), 0); // Sunday
        assert_eq!(weekday_from_days(days_from_civil(2019, 12, 16)), 1); // Monday
    }

    // ---- constructors and accessors -----------------------------------------------------

    #[test]
    fn constructors() {
        assert_eq!(DateTime::from_secs(5).secs(), 5);
        assert_eq!(DateTime::from_secs(5).subsec_nanos(), 0);
        let t = DateTime::from_millis(-1500);
        assert_eq!((t.secs(), t.subsec_nanos()), (-2, 500_000_000));
        let t = DateTime::from_millis(i64::MIN);
        assert_eq!(t.to_millis(), Ok(i64::MIN));
        assert_eq!(DateTime::from_millis(i64::MAX).to_millis(), Ok(i64::MAX));
        let t = DateTime::from_secs_and_nanos(0, 1_500_000_000);
        assert_eq!((t.secs(), t.subsec_nanos()), (1, 500_000_000));
        let t = DateTime::from_secs_and_nanos(i64::MAX, u32::MAX);
        assert_eq!(t.secs(), i64::MAX);
        assert!(t.subsec_nanos() < NANOS_PER_SECOND);
        assert_eq!(DateTime::default(), DateTime::from_secs(0));
    }

    #[test]
    fn to_millis() {
        assert_eq!(ms(946_845_296, 123).to_millis(), Ok(946_845_296_123));
        assert_eq!(
            DateTime::from_secs_and_nanos(-1, 999_999_999).to_millis(),
            Ok(-1)
        );
        // Truncated toward the past, never rounded.
        assert_eq!(ns(1, 999_999_999).to_millis(), Ok(1_999));
        assert!(DateTime::from_secs(i64::MAX).to_millis().is_err());
        assert!(DateTime::from_secs(i64::MIN).to_millis().is_err());
    }

    #[test]
    fn from_secs_f64_rounds_to_the_nearest_nanosecond() {
        assert_eq!(
            DateTime::from_secs_f64(1.591735225353E9),
            Ok(ms(1_591_735_225, 353))
        );
        assert_eq!(
            DateTime::from_secs_f64(946_845_296.123),
            Ok(ms(946_845_296, 123))
        );
        assert_eq!(DateTime::from_secs_f64(-1.5), Ok(ms(-2, 500)));
        // These two were rounded to 1 ms and 0 ms when parsing rounded to milliseconds.
        assert_eq!(DateTime::from_secs_f64(0.0005), Ok(ns(0, 500_000)));
        assert_eq!(DateTime::from_secs_f64(0.000_499), Ok(ns(0, 499_000)));
        assert_eq!(DateTime::from_secs_f64(-0.0), Ok(ms(0, 0)));
        assert_eq!(DateTime::from_secs_f64(1e-300), Ok(ms(0, 0)));
        // Half a nanosecond rounds away from zero; less rounds to zero.
        assert_eq!(DateTime::from_secs_f64(5e-10), Ok(ns(0, 1)));
        assert_eq!(DateTime::from_secs_f64(4.99e-10), Ok(ns(0, 0)));
        assert_eq!(DateTime::from_secs_f64(-5e-10), Ok(ns(-1, 999_999_999)));
        assert_eq!(DateTime::from_secs_f64(1.5e-9), Ok(ns(0, 2)));
        // 9007199254.740993 is not an f64 (the nearest is 9007199254.740993499755859375, by
        // Python's `decimal.Decimal(9007199254.740993)`), but its shortest form is the same
        // text, so the nanoseconds are the 740_993_000 written.
        assert_eq!(
            DateTime::from_secs_f64(9_007_199_254.740_993),
            Ok(ns(9_007_199_254, 740_993_000))
        );
        // An f64 cannot keep nine fraction digits of today's seconds: the shortest form of the
        // nearest f64 to 1576540098.123456789 is 1576540098.1234567 (Python's `repr`).
        let float: f64 = "1576540098.123456789".parse().unwrap();
        assert_eq!(
            DateTime::from_secs_f64(float),
            Ok(ns(1_576_540_098, 123_456_700))
        );
        assert_eq!(
            DateTime::from_secs_f64(1e18),
            Ok(DateTime::from_secs(1_000_000_000_000_000_000))
        );
        for bad in [
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            1e19,
            -1e19,
            1e300,
            f64::MAX,
        ] {
            assert!(DateTime::from_secs_f64(bad).is_err(), "{bad}");
        }
        assert!((ms(1, 500).as_secs_f64() - 1.5).abs() < 1e-12);
        assert!((ms(-2, 500).as_secs_f64() + 1.5).abs() < 1e-12);
    }

    #[test]
    fn system_time_round_trip() {
        let cases = [
            DateTime::from_secs(0),
            ms(946_845_296, 123),
            DateTime::from_secs_and_nanos(1_576_540_098, 1),
            DateTime::from_secs_and_nanos(-1, 1),
            DateTime::from_secs_and_nanos(-2, 999_999_999),
            DateTime::from_secs(-62_135_596_800),
        ];
        for time in cases {
            let system = SystemTime::try_from(time).unwrap();
            assert_eq!(DateTime::from(system), time, "{time:?}");
        }
        assert_eq!(
            DateTime::from(UNIX_EPOCH - Duration::from_millis(1500)),
            ms(-2, 500)
        );
        assert_eq!(
            DateTime::from(UNIX_EPOCH + Duration::new(946_845_296, 5)),
            DateTime::from_secs_and_nanos(946_845_296, 5)
        );
        // Extremes either convert or fail cleanly, never panic.
        for secs in [i64::MIN, i64::MAX] {
            let _ = SystemTime::try_from(DateTime::from_secs_and_nanos(secs, 999_999_999));
        }
        let now = DateTime::from(SystemTime::now());
        assert!(now.secs() > 1_700_000_000);
    }

    #[test]
    fn ordering_is_chronological() {
        let mut times = vec![
            ms(0, 1),
            DateTime::from_secs(-1),
            ms(-1, 999),
            DateTime::from_secs(0),
        ];
        times.sort();
        assert_eq!(
            times,
            [
                DateTime::from_secs(-1),
                ms(-1, 999),
                DateTime::from_secs(0),
                ms(0, 1)
            ]
        );
    }

    // ---- formatting ----------------------------------------------------------------------

    /// The values of the compliance tests: awsJson1_1 kitchen-sink.smithy
    /// (`serializes_timestamp_shapes*`), fractional-seconds.smithy, restJson1 http-labels.smithy
    /// and http-headers.smithy.
    #[test]
    fn formats_protocol_test_examples() {
        let t = DateTime::from_secs(946_845_296);
        assert_eq!(t.fmt(Format::EpochSeconds).unwrap(), "946845296");
        assert_eq!(t.fmt(Format::DateTime).unwrap(), "2000-01-02T20:34:56Z");
        assert_eq!(
            t.fmt(Format::HttpDate).unwrap(),
            "Sun, 02 Jan 2000 20:34:56 GMT"
        );
        let t = ms(946_845_296, 123);
        assert_eq!(t.fmt(Format::EpochSeconds).unwrap(), "946845296.123");
        assert_eq!(t.fmt(Format::DateTime).unwrap(), "2000-01-02T20:34:56.123Z");
        assert_eq!(
            t.fmt(Format::HttpDate).unwrap(),
            "Sun, 02 Jan 2000 20:34:56 GMT"
        );
        let t = DateTime::from_secs(1_576_540_098);
        assert_eq!(t.fmt(Format::EpochSeconds).unwrap(), "1576540098");
        assert_eq!(t.fmt(Format::DateTime).unwrap(), "2019-12-16T23:48:18Z");
        assert_eq!(
            t.fmt(Format::HttpDate).unwrap(),
            "Mon, 16 Dec 2019 23:48:18 GMT"
        );
    }

    #[test]
    fn formats_fractions_without_trailing_zeros() {
        assert_eq!(ms(1, 500).fmt(Format::EpochSeconds).unwrap(), "1.5");
        assert_eq!(ms(1, 120).fmt(Format::EpochSeconds).unwrap(), "1.12");
        assert_eq!(ms(1, 5).fmt(Format::EpochSeconds).unwrap(), "1.005");
        assert_eq!(
            ms(1, 500).fmt(Format::DateTime).unwrap(),
            "1970-01-01T00:00:01.5Z"
        );
        assert_eq!(
            ms(1, 120).fmt(Format::DateTime).unwrap(),
            "1970-01-01T00:00:01.12Z"
        );
        // Every digit down to the nanosecond is written (these were truncated to 59.999 and 0
        // when formatting stopped at milliseconds); http-date truncates to the second.
        let t = ns(59, 999_999_999);
        assert_eq!(t.fmt(Format::EpochSeconds).unwrap(), "59.999999999");
        assert_eq!(
            t.fmt(Format::DateTime).unwrap(),
            "1970-01-01T00:00:59.999999999Z"
        );
        assert_eq!(
            t.fmt(Format::HttpDate).unwrap(),
            "Thu, 01 Jan 1970 00:00:59 GMT"
        );
        let t = ns(0, 999_999);
        assert_eq!(t.fmt(Format::EpochSeconds).unwrap(), "0.000999999");
        assert_eq!(
            t.fmt(Format::DateTime).unwrap(),
            "1970-01-01T00:00:00.000999999Z"
        );
        // Only the digits needed: 123_400_000 ns is `.1234`, 1 ns is `.000000001`.
        let t = ns(1_576_536_498, 123_400_000);
        assert_eq!(t.fmt(Format::EpochSeconds).unwrap(), "1576536498.1234");
        assert_eq!(
            t.fmt(Format::DateTime).unwrap(),
            "2019-12-16T22:48:18.1234Z"
        );
        assert_eq!(ns(1, 1).fmt(Format::EpochSeconds).unwrap(), "1.000000001");
        assert_eq!(
            ns(1, 10).fmt(Format::DateTime).unwrap(),
            "1970-01-01T00:00:01.00000001Z"
        );
        let t = ns(1_576_540_098, 123_456_789);
        assert_eq!(t.fmt(Format::EpochSeconds).unwrap(), "1576540098.123456789");
        assert_eq!(
            t.fmt(Format::DateTime).unwrap(),
            "2019-12-16T23:48:18.123456789Z"
        );
        assert_eq!(
            t.fmt(Format::HttpDate).unwrap(),
            "Mon, 16 Dec 2019 23:48:18 GMT"
        );
    }

    #[test]
    fn formats_negative_epochs() {
        assert_eq!(
            DateTime::from_secs(-1).fmt(Format::EpochSeconds).unwrap(),
            "-1"
        );
        assert_eq!(ms(-2, 500).fmt(Format::EpochSeconds).unwrap(), "-1.5");
        assert_eq!(ms(-1, 999).fmt(Format::EpochSeconds).unwrap(), "-0.001");
        // 1 ns before the epoch is written exactly (it used to truncate to -1 ms).
        let t = ns(-1, 999_999_999);
        assert_eq!(t.fmt(Format::EpochSeconds).unwrap(), "-0.000000001");
        assert_eq!(
            t.fmt(Format::DateTime).unwrap(),
            "1969-12-31T23:59:59.999999999Z"
        );
        assert_eq!(
            t.fmt(Format::HttpDate).unwrap(),
            "Wed, 31 Dec 1969 23:59:59 GMT"
        );
        // -1576540098.123456789 s is stored as -1576540099 s + 876_543_211 ns
        // (1_000_000_000 − 123_456_789).
        assert_eq!(
            ns(-1_576_540_099, 876_543_211)
                .fmt(Format::EpochSeconds)
                .unwrap(),
            "-1576540098.123456789"
        );
        assert_eq!(
            DateTime::from_secs(-1).fmt(Format::HttpDate).unwrap(),
            "Wed, 31 Dec 1969 23:59:59 GMT"
        );
        assert_eq!(
            DateTime::from_secs(-2_208_988_800)
                .fmt(Format::DateTime)
                .unwrap(),
            "1900-01-01T00:00:00Z"
        );
    }

    #[test]
    fn formats_year_range_edges() {
        let first = DateTime::from_secs(-62_135_596_800);
        assert_eq!(first.fmt(Format::DateTime).unwrap(), "0001-01-01T00:00:00Z");
        assert_eq!(
            first.fmt(Format::HttpDate).unwrap(),
            "Mon, 01 Jan 0001 00:00:00 GMT"
        );
        let last = ms(253_402_300_799, 999);
        assert_eq!(
            last.fmt(Format::DateTime).unwrap(),
            "9999-12-31T23:59:59.999Z"
        );
        assert_eq!(
            last.fmt(Format::HttpDate).unwrap(),
            "Fri, 31 Dec 9999 23:59:59 GMT"
        );
        for outside in [
            DateTime::from_secs(-62_135_596_801),
            DateTime::from_secs(253_402_300_800),
            DateTime::from_secs(i64::MIN),
            DateTime::from_secs(i64::MAX),
        ] {
            for format in [Format::DateTime, Format::HttpDate] {
                let err = outside.fmt(format).unwrap_err();
                assert_eq!(err.format(), format);
                assert!(err.to_string().contains("0001..=9999"), "{err}");
            }
            // epoch-seconds always works, and Display/Debug fall back instead of failing.
            let epoch = outside.fmt(Format::EpochSeconds).unwrap();
            assert_eq!(outside.to_string(), epoch);
            assert!(format!("{outside:?}").starts_with("DateTime { secs: "));
        }
        assert_eq!(
            DateTime::from_secs(i64::MIN)
                .fmt(Format::EpochSeconds)
                .unwrap(),
            "-9223372036854775808"
        );
        assert_eq!(
            DateTime::from_secs_and_nanos(i64::MIN, 1_000_000)
                .fmt(Format::EpochSeconds)
                .unwrap(),
            "-9223372036854775807.999"
        );
        assert_eq!(
            ns(i64::MIN, 1).fmt(Format::EpochSeconds).unwrap(),
            "-9223372036854775807.999999999"
        );
        assert_eq!(
            ns(i64::MAX, 999_999_999).fmt(Format::EpochSeconds).unwrap(),
            "9223372036854775807.999999999"
        );
    }

    #[test]
    fn display_debug_and_from_str() {
        // Display writes every nanosecond now (it used to stop at `.123`).
        let t = DateTime::from_secs_and_nanos(946_845_296, 123_456_789);
        assert_eq!(t.to_string(), "2000-01-02T20:34:56.123456789Z");
        assert_eq!(format!("{t:?}"), "2000-01-02T20:34:56.123456789Z");
        assert_eq!(format!("{:?}", ms(1, 500)), "1970-01-01T00:00:01.5Z");
        assert_eq!(
            "2000-01-02T20:34:56.123Z".parse::<DateTime>(),
            Ok(ms(946_845_296, 123))
        );
        let err = "nope".parse::<DateTime>().unwrap_err();
        assert_eq!(err.format(), Format::DateTime);
        assert!(
            err.to_string().starts_with("invalid date-time timestamp: "),
            "{err}"
        );
        assert_eq!(Format::EpochSeconds.to_string(), "epoch-seconds");
        assert_eq!(Format::HttpDate.as_str(), "http-date");
    }

    // ---- epoch-seconds parsing -------------------------------------------------------------

    #[test]
    fn parses_epoch_seconds() {
        let f = Format::EpochSeconds;
        assert_eq!(parse(f, "946845296"), DateTime::from_secs(946_845_296));
        assert_eq!(parse(f, "946845296.123"), ms(946_845_296, 123));
        assert_eq!(parse(f, "1.591735225353E9"), ms(1_591_735_225, 353));
        assert_eq!(parse(f, "1.591735225353e+9"), ms(1_591_735_225, 353));
        assert_eq!(parse(f, "9.46845296123E8"), ms(946_845_296, 123));
        assert_eq!(parse(f, "1576540098"), DateTime::from_secs(1_576_540_098));
        assert_eq!(parse(f, "0"), DateTime::from_secs(0));
        assert_eq!(parse(f, "-0"), DateTime::from_secs(0));
        assert_eq!(parse(f, "-1"), DateTime::from_secs(-1));
        assert_eq!(parse(f, "-1.5"), ms(-2, 500));
        assert_eq!(parse(f, "1e3"), DateTime::from_secs(1000));
        assert_eq!(parse(f, "1E-3"), ms(0, 1));
        assert_eq!(parse(f, "12345e-2"), ms(123, 450));
        assert_eq!(parse(f, "0.000000000000000000000000000001"), ms(0, 0));
        assert_eq!(parse(f, "1e-1000000000000000000000000"), ms(0, 0));
        assert_eq!(parse(f, "0e1000000000000000000000000"), ms(0, 0));
        assert_eq!(parse(f, "0.000e5"), ms(0, 0));
        assert_eq!(parse(f, "0.00123e3"), ms(1, 230));
    }

    #[test]
    fn parses_epoch_seconds_exactly_to_the_nanosecond() {
        let f = Format::EpochSeconds;
        // Sub-millisecond digits are kept. These cases used to test rounding to milliseconds
        // (0.0005 → 1 ms, 1.9996 → 2 s, …); the expected values are now the digits as written.
        assert_eq!(parse(f, "0.0005"), ns(0, 500_000));
        assert_eq!(parse(f, "0.00049999999999"), ns(0, 499_999));
        assert_eq!(parse(f, "1.9996"), ns(1, 999_600_000));
        assert_eq!(parse(f, "5e-4"), ns(0, 500_000));
        assert_eq!(parse(f, "4e-4"), ns(0, 400_000));
        assert_eq!(parse(f, "946845296.1234567"), ns(946_845_296, 123_456_700));
        assert_eq!(parse(f, "946845296.1235"), ns(946_845_296, 123_500_000));
        // Nine digits, which no f64 holds: the nearest f64 to 1576540098.123456789 is
        // 1576540098.12345671653747558…, and to 9007199254.740993 it is
        // 9007199254.74099349975585937 (Python's `decimal.Decimal` of each float).
        assert_eq!(
            parse(f, "1576540098.123456789"),
            ns(1_576_540_098, 123_456_789)
        );
        assert_eq!(
            parse(f, "9007199254.740993"),
            ns(9_007_199_254, 740_993_000)
        );
        // The same instant in exponent notation, shifted both ways.
        assert_eq!(
            parse(f, "1.576540098123456789E9"),
            ns(1_576_540_098, 123_456_789)
        );
        assert_eq!(
            parse(f, "1576540098123456789e-9"),
            ns(1_576_540_098, 123_456_789)
        );
        assert_eq!(
            parse(f, "0.01576540098123456789e+11"),
            ns(1_576_540_098, 123_456_789)
        );
        assert_eq!(parse(f, "1e-9"), ns(0, 1));
        assert_eq!(parse(f, "1.5e-9"), ns(0, 1));
    }

    #[test]
    fn parses_negative_epoch_fractions() {
        let f = Format::EpochSeconds;
        // The nanosecond part counts forward from the second before: −1.5 s = −2 s + 0.5 s.
        assert_eq!(parse(f, "-1.5"), ns(-2, 500_000_000));
        assert_eq!(parse(f, "-0.0005"), ns(-1, 999_500_000));
        assert_eq!(parse(f, "-0.0004"), ns(-1, 999_600_000));
        assert_eq!(parse(f, "-1e-9"), ns(-1, 999_999_999));
        // 1_000_000_000 − 123_456_789 = 876_543_211.
        assert_eq!(
            parse(f, "-1576540098.123456789"),
            ns(-1_576_540_099, 876_543_211)
        );
        assert_eq!(
            parse(f, "-1.576540098123456789e9"),
            ns(-1_576_540_099, 876_543_211)
        );
        assert_eq!(parse(f, "-1.0000000000"), DateTime::from_secs(-1));
    }

    #[test]
    fn parses_epoch_digits_beyond_nine_toward_the_past() {
        let f = Format::EpochSeconds;
        assert_eq!(parse(f, "1.9999999999"), ns(1, 999_999_999));
        assert_eq!(parse(f, "0.0000000001"), DateTime::from_secs(0));
        assert_eq!(parse(f, "1E-10"), DateTime::from_secs(0));
        assert_eq!(parse(f, "1.00000000099999999999"), DateTime::from_secs(1));
        // Toward the past for negatives too: a trace below a nanosecond is the nanosecond before.
        assert_eq!(parse(f, "-0.0000000001"), ns(-1, 999_999_999));
        assert_eq!(parse(f, "-1E-10"), ns(-1, 999_999_999));
        assert_eq!(parse(f, "-1.0000000001"), ns(-2, 999_999_999));
        assert_eq!(parse(f, "-1.5e-9"), ns(-1, 999_999_998));
        assert_eq!(
            parse(f, "-1e-1000000000000000000000000"),
            ns(-1, 999_999_999)
        );
        // Trailing zeros are not a trace.
        assert_eq!(parse(f, "-2.1234567890000"), ns(-3, 876_543_211));
        // The same instant as date-time, which can only truncate toward the past.
        assert_eq!(
            parse(f, "-0.0000000001"),
            parse(Format::DateTime, "1969-12-31T23:59:59.9999999999Z")
        );
    }

    #[test]
    fn parses_epoch_seconds_range_edges() {
        let f = Format::EpochSeconds;
        assert_eq!(
            parse(f, "9223372036854775807"),
            DateTime::from_secs(i64::MAX)
        );
        assert_eq!(parse(f, "9223372036854775807.999"), ms(i64::MAX, 999));
        // In range now that nothing rounds up (it used to round past i64::MAX seconds).
        assert_eq!(
            parse(f, "9223372036854775807.9996"),
            ns(i64::MAX, 999_600_000)
        );
        assert_eq!(
            parse(f, "9223372036854775807.9999999999"),
            ns(i64::MAX, 999_999_999)
        );
        assert_eq!(parse(f, "-9223372036854775807.999999999"), ns(i64::MIN, 1));
        assert_eq!(
            parse(f, "-9223372036854775808"),
            DateTime::from_secs(i64::MIN)
        );
        assert_eq!(
            parse(f, "9.223372036854775807e18"),
            DateTime::from_secs(i64::MAX)
        );
        for text in [
            "9223372036854775808",
            "-9223372036854775809",
            "-9223372036854775808.001",
            // Toward the past, below i64::MIN seconds.
            "-9223372036854775808.0000000001",
            "1e19",
            "1e400",
            "-1e400",
            "1e1000000000000000000000",
            "123456789012345678901234567890",
        ] {
            let err = DateTime::parse(f, text).unwrap_err();
            assert_eq!(err.reason(), "out of range", "{text}");
        }
    }

    #[test]
    fn rejects_bad_epoch_seconds() {
        for text in [
            "",
            "-",
            "+1",
            "01",
            "1.",
            ".5",
            "1e",
            "1e+",
            "1.5.5",
            " 1",
            "1 ",
            "NaN",
            "nan",
            "Infinity",
            "-Infinity",
            "inf",
            "0x10",
            "1,5",
            "1_000",
            "\u{661}",
            "\"1\"",
        ] {
            assert!(
                DateTime::parse(Format::EpochSeconds, text).is_err(),
                "{text:?}"
            );
        }
    }

    // ---- date-time parsing -----------------------------------------------------------------

    #[test]
    fn parses_date_time() {
        let f = Format::DateTime;
        assert_eq!(
            parse(f, "2000-01-02T20:34:56Z"),
            DateTime::from_secs(946_845_296)
        );
        assert_eq!(parse(f, "2000-01-02T20:34:56.123Z"), ms(946_845_296, 123));
        assert_eq!(
            parse(f, "2000-01-02t20:34:56z"),
            DateTime::from_secs(946_845_296)
        );
        assert_eq!(
            parse(f, "2019-12-16T23:48:18Z"),
            DateTime::from_secs(1_576_540_098)
        );
        // Offsets must be accepted (protocol-traits.rst "Timestamp formats"; compliance tests
        // `*DateTimeWithNegativeOffset`, `*DateTimeWithPositiveOffset`).
        assert_eq!(
            parse(f, "2019-12-16T22:48:18-01:00"),
            DateTime::from_secs(1_576_540_098)
        );
        assert_eq!(
            parse(f, "2019-12-17T02:18:18+02:30"),
            DateTime::from_secs(1_576_540_098)
        );
        assert_eq!(
            parse(f, "2019-12-16T23:48:18+00:00"),
            DateTime::from_secs(1_576_540_098)
        );
        assert_eq!(
            parse(f, "2019-12-16T23:48:18-00:00"),
            DateTime::from_secs(1_576_540_098)
        );
        // RFC 3339 §5.8 examples.
        assert_eq!(parse(f, "1985-04-12T23:20:50.52Z"), ms(482_196_050, 520));
        assert_eq!(
            parse(f, "1996-12-19T16:39:57-08:00"),
            DateTime::from_secs(851_042_397)
        );
        assert_eq!(
            parse(f, "1937-01-01T12:00:27.87+00:20"),
            ms(-1_041_337_173, 870)
        );
        // Edges of the calendar.
        assert_eq!(parse(f, "1970-01-01T00:00:00Z"), DateTime::from_secs(0));
        assert_eq!(parse(f, "1969-12-31T23:59:59.999Z"), ms(-1, 999));
        assert_eq!(
            parse(f, "0001-01-01T00:00:00Z"),
            DateTime::from_secs(-62_135_596_800)
        );
        assert_eq!(
            parse(f, "9999-12-31T23:59:59Z"),
            DateTime::from_secs(253_402_300_799)
        );
        assert_eq!(
            parse(f, "0000-01-01T00:00:00Z"),
            DateTime::from_secs(-62_167_219_200)
        );
        assert_eq!(
            parse(f, "9999-12-31T23:59:59-23:59"),
            DateTime::from_secs(253_402_387_139)
        );
        assert_eq!(
            parse(f, "2000-02-29T00:00:00Z"),
            DateTime::from_secs(951_782_400)
        );
        assert_eq!(
            parse(f, "2024-02-29T12:00:00Z"),
            DateTime::from_secs(1_709_208_000)
        );
    }

    #[test]
    fn parses_date_time_fractions_of_any_length() {
        let f = Format::DateTime;
        assert_eq!(parse(f, "2000-01-02T20:34:56.1Z"), ms(946_845_296, 100));
        assert_eq!(parse(f, "2000-01-02T20:34:56.12Z"), ms(946_845_296, 120));
        // Every digit to the ninth is kept (these were rounded to .123 and .124).
        assert_eq!(
            parse(f, "2000-01-02T20:34:56.123456789Z"),
            ns(946_845_296, 123_456_789)
        );
        assert_eq!(
            parse(f, "2000-01-02T20:34:56.1235Z"),
            ns(946_845_296, 123_500_000)
        );
        assert_eq!(
            parse(f, "2000-01-02T20:34:56.000000001Z"),
            ns(946_845_296, 1)
        );
        // Digits beyond the ninth are dropped (toward the past), never rounded up.
        assert_eq!(
            parse(f, "2000-01-02T20:34:56.12349999999999999999Z"),
            ns(946_845_296, 123_499_999)
        );
        assert_eq!(
            parse(f, "2000-01-02T20:34:56.1234567899Z"),
            ns(946_845_296, 123_456_789)
        );
        assert_eq!(
            parse(f, "2000-01-02T20:34:56.0000000009Z"),
            DateTime::from_secs(946_845_296)
        );
        assert_eq!(
            parse(f, "2000-01-02T20:34:56.000Z"),
            DateTime::from_secs(946_845_296)
        );
        // This one used to round into the next day; now it stays in 1999.
        assert_eq!(
            parse(f, "1999-12-31T23:59:59.9995Z"),
            ns(946_684_799, 999_500_000)
        );
        assert_eq!(
            parse(f, "1999-12-31T23:59:59.9999999999Z"),
            ns(946_684_799, 999_999_999)
        );
    }

    #[test]
    fn parses_date_time_offsets_with_nanoseconds() {
        let f = Format::DateTime;
        // 2019-12-16T23:48:18Z is 1576540098 (see parses_date_time); an offset moves only the
        // seconds, never the fraction.
        let utc = ns(1_576_540_098, 123_456_789);
        for text in [
            "2019-12-16T23:48:18.123456789Z",
            "2019-12-16t23:48:18.123456789z",
            "2019-12-16T22:48:18.123456789-01:00",
            "2019-12-17T03:48:18.123456789+04:00",
            "2019-12-16T23:48:18.123456789-00:00",
            "2019-12-16T23:48:18.123456789+00:00",
            "2019-12-17T02:18:18.1234567891+02:30",
        ] {
            assert_eq!(parse(f, text), utc, "{text}");
        }
        // An offset can move the instant across midnight and the year.
        assert_eq!(
            parse(f, "1999-12-31T23:30:00.5-01:00"),
            ns(946_686_600, 500_000_000) // 2000-01-01T00:30:00.5Z = 946684800 + 1800
        );
        assert_eq!(parse(f, "1970-01-01T00:00:00.000000001+00:01"), ns(-60, 1));
    }

    #[test]
    fn parses_leap_seconds_as_the_next_second() {
        let f = Format::DateTime;
        assert_eq!(
            parse(f, "1990-12-31T23:59:60Z"),
            DateTime::from_secs(662_688_000)
        );
        assert_eq!(
            parse(f, "1990-12-31T15:59:60-08:00"),
            DateTime::from_secs(662_688_000)
        );
        assert_eq!(parse(f, "1990-12-31T23:59:60.5Z"), ms(662_688_000, 500));
        assert_eq!(
            parse(f, "1990-12-31T23:59:60Z"),
            parse(f, "1991-01-01T00:00:00Z")
        );
        for text in [
            "1990-12-31T23:58:60Z",
            "1990-12-31T22:59:60Z",
            "1990-12-31T23:59:60+01:00",
        ] {
            assert!(DateTime::parse(f, text).is_err(), "{text}");
        }
        assert_eq!(
            parse(Format::HttpDate, "Mon, 31 Dec 1990 23:59:60 GMT"),
            DateTime::from_secs(662_688_000)
        );
        assert!(DateTime::parse(Format::HttpDate, "Mon, 31 Dec 1990 23:58:60 GMT").is_err());
    }

    #[test]
    fn rejects_bad_date_times() {
        for text in [
            "",
            "2000-01-02",
            "2000-01-02T20:34:56",
            "2000-01-02 20:34:56Z",
            "2000-01-02T20:34Z",
            "2000-01-02T20:34:56.Z",
            "2000-01-02T20:34:56ZZ",
            "2000-01-02T20:34:56Z ",
            " 2000-01-02T20:34:56Z",
            "2000-1-02T20:34:56Z",
            "20000-01-02T20:34:56Z",
            "-2000-01-02T20:34:56Z",
            "+2000-01-02T20:34:56Z",
            "2000-00-02T20:34:56Z",
            "2000-13-02T20:34:56Z",
            "2000-01-00T20:34:56Z",
            "2000-01-32T20:34:56Z",
            "1900-02-29T00:00:00Z",
            "2023-02-29T00:00:00Z",
            "2000-04-31T00:00:00Z",
            "2000-01-02T24:00:00Z",
            "2000-01-02T23:60:00Z",
            "2000-01-02T23:59:61Z",
            "2000-01-02T20:34:56+01",
            "2000-01-02T20:34:56+0100",
            "2000-01-02T20:34:56+24:00",
            "2000-01-02T20:34:56+01:60",
            "2000-01-02T20:34:56UTC",
            "2000-01-02T20:34:56.１Z",
            "946845296",
            "Sun, 02 Jan 2000 20:34:56 GMT",
        ] {
            assert!(DateTime::parse(Format::DateTime, text).is_err(), "{text:?}");
        }
    }

    // ---- http-date parsing -----------------------------------------------------------------

    #[test]
    fn parses_http_dates() {
        let f = Format::HttpDate;
        assert_eq!(
            parse(f, "Sun, 02 Jan 2000 20:34:56 GMT"),
            DateTime::from_secs(946_845_296)
        );
        assert_eq!(
            parse(f, "Mon, 16 Dec 2019 23:48:18 GMT"),
            DateTime::from_secs(1_576_540_098)
        );
        // Smithy test RestJsonHttpDateWithFractionalSeconds.
        assert_eq!(
            parse(f, "Sun, 02 Jan 2000 20:34:56.456 GMT"),
            ms(946_845_296, 456)
        );
        // Fractions are kept to the nanosecond here too, and truncated beyond.
        assert_eq!(
            parse(f, "Sun, 02 Jan 2000 20:34:56.123456789 GMT"),
            ns(946_845_296, 123_456_789)
        );
        assert_eq!(
            parse(f, "Sun, 02 Jan 2000 20:34:56.9999999999 GMT"),
            ns(946_845_296, 999_999_999)
        );
        assert_eq!(
            parse(f, "Sun Jan  2 20:34:56.000001 2000"),
            ns(946_845_296, 1_000)
        );
        assert_eq!(
            parse(f, "sun, 02 JAN 2000 20:34:56 gmt"),
            DateTime::from_secs(946_845_296)
        );
        assert_eq!(
            parse(f, " Sun, 02 Jan 2000 20:34:56 GMT\t"),
            DateTime::from_secs(946_845_296)
        );
        // RFC 9110 §5.6.7 examples: all three forms denote 784111777.
        assert_eq!(
            parse(f, "Sun, 06 Nov 1994 08:49:37 GMT"),
            DateTime::from_secs(784_111_777)
        );
        assert_eq!(
            parse(f, "Sunday, 06-Nov-94 08:49:37 GMT"),
            DateTime::from_secs(784_111_777)
        );
        assert_eq!(
            parse(f, "Sun Nov  6 08:49:37 1994"),
            DateTime::from_secs(784_111_777)
        );
        assert_eq!(
            parse(f, "Sun Nov 06 08:49:37 1994"),
            DateTime::from_secs(784_111_777)
        );
        // RFC 850 two-digit year pivot.
        assert_eq!(
            parse(f, "Saturday, 01-Jan-00 00:00:00 GMT"),
            DateTime::from_secs(946_684_800)
        );
        assert_eq!(
            parse(f, "Thursday, 01-Jan-70 00:00:00 GMT"),
            DateTime::from_secs(0)
        );
        assert_eq!(
            parse(f, "Sunday, 31-Dec-69 00:00:00 GMT"),
            DateTime::from_secs(3_155_673_600)
        );
        // The day name is not cross-checked.
        assert_eq!(
            parse(f, "Fri, 02 Jan 2000 20:34:56 GMT"),
            DateTime::from_secs(946_845_296)
        );
        assert_eq!(
            parse(f, "Mon, 01 Jan 0001 00:00:00 GMT"),
            DateTime::from_secs(-62_135_596_800)
        );
    }

    #[test]
    fn rejects_bad_http_dates() {
        for text in [
            "",
            "GMT",
            "Sun",
            "Sun,",
            "Sun, 02 Jan 2000 20:34:56",
            "Sun, 02 Jan 2000 20:34:56 UTC",
            "Sun, 02 Jan 2000 20:34:56 +0000",
            "Sun, 02 Jan 2000 20:34:56 GMTX",
            "Sun, 2 Jan 2000 20:34:56 GMT",
            "Sun, 02 Jan 00 20:34:56 GMT",
            "Sun, 02 Foo 2000 20:34:56 GMT",
            "Sun, 30 Feb 2000 20:34:56 GMT",
            "Sun, 02 Jan 2000 24:34:56 GMT",
            "Sun, 02 Jan 2000 20:34 GMT",
            "Sun,  02 Jan 2000 20:34:56 GMT",
            "Sun, 02  Jan 2000 20:34:56 GMT",
            "Xyz, 02 Jan 2000 20:34:56 GMT",
            "02 Jan 2000 20:34:56 GMT",
            "Sunday, 06-Nov-1994 08:49:37 GMT",
            "Sun Nov 6 08:49:37 1994",
            "Sun Nov  6 08:49:37 94",
            "Sun Nov  6 08:49:37 1994 GMT",
            "2000-01-02T20:34:56Z",
            "946845296",
        ] {
            assert!(DateTime::parse(Format::HttpDate, text).is_err(), "{text:?}");
        }
    }

    // ---- round trips and robustness --------------------------------------------------------

    /// xorshift64: a fixed-seed pseudo-random sequence for reproducible "fuzz" tests.
    fn next(state: &mut u64) -> u64 {
        *state ^= *state << 13;
        *state ^= *state >> 7;
        *state ^= *state << 17;
        *state
    }

    #[test]
    fn round_trips_random_instants() {
        let min = -62_135_596_800i64; // 0001-01-01
        let max = 253_402_300_799i64; // 9999-12-31T23:59:59
        let span = (max - min + 1) as u64;
        let mut state = 0x0123_4567_89AB_CDEF;
        for i in 0..20_000 {
            let secs = min + (next(&mut state) % span) as i64;
            // Whole seconds, milliseconds and nanoseconds in turn.
            let nanos = match i % 3 {
                0 => 0,
                1 => (next(&mut state) % 1000) as u32 * NANOS_PER_MILLI,
                _ => (next(&mut state) % u64::from(NANOS_PER_SECOND)) as u32,
            };
            let time = ns(secs, nanos);
            for format in [Format::EpochSeconds, Format::DateTime] {
                let text = time.fmt(format).unwrap();
                assert_eq!(DateTime::parse(format, &text), Ok(time), "{text}");
            }
            let text = time.fmt(Format::HttpDate).unwrap();
            assert_eq!(
                DateTime::parse(Format::HttpDate, &text),
                Ok(DateTime::from_secs(secs))
            );
            assert_eq!(time.to_string().parse::<DateTime>(), Ok(time));
            // A decimal of at most 15 significant digits survives a trip through f64: 11
            // digits of seconds and 3 of milliseconds do.
            if i % 3 == 1 && secs.abs() < 100_000_000_000 {
                let text = time.fmt(Format::EpochSeconds).unwrap();
                let float: f64 = text.parse().unwrap();
                assert_eq!(DateTime::from_secs_f64(float), Ok(time), "{text}");
            }
        }
    }

    #[test]
    fn round_trips_extreme_epoch_seconds() {
        let mut state = 0xDEAD_BEEF_CAFE_F00D;
        for _ in 0..20_000 {
            let time = DateTime::from_secs_and_nanos(
                next(&mut state) as i64,
                (next(&mut state) % u64::from(NANOS_PER_SECOND)) as u32,
            );
            let text = time.fmt(Format::EpochSeconds).unwrap();
            assert_eq!(
                DateTime::parse(Format::EpochSeconds, &text),
                Ok(time),
                "{text}"
            );
            let _ = time.fmt(Format::DateTime);
            let _ = time.fmt(Format::HttpDate);
            let _ = time.to_string();
            let _ = format!("{time:?}");
            let _ = time.to_millis();
            let _ = SystemTime::try_from(time);
        }
    }

    #[test]
    fn never_panics_on_prefixes() {
        let samples = [
            "2000-01-02T20:34:56.123456789Z",
            "1990-12-31T15:59:60-08:00",
            "2019-12-16T22:48:18+01:00",
            "Sun, 02 Jan 2000 20:34:56.456 GMT",
            "Sunday, 06-Nov-94 08:49:37 GMT",
            "Sun Nov  6 08:49:37 1994",
            "-1.591735225353E+9",
            "9223372036854775807.9995",
        ];
        for sample in samples {
            for end in 0..=sample.len() {
                let prefix = &sample[..end];
                for format in [Format::EpochSeconds, Format::DateTime, Format::HttpDate] {
                    if let Ok(time) = DateTime::parse(format, prefix) {
                        let _ = time.fmt(format);
                    }
                }
            }
        }
    }

    #[test]
    fn never_panics_on_random_text() {
        let alphabet: &[u8] = b"0123456789-+.:eEtTzZ ,GMTSunJaDecNov\t\xff\xc3\xa9";
        let mut state = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..100_000 {
            let len = (next(&mut state) % 36) as usize;
            let bytes: Vec<u8> = (0..len)
                .map(|_| alphabet[(next(&mut state) % alphabet.len() as u64) as usize])
                .collect();
            let text = String::from_utf8_lossy(&bytes);
            for format in [Format::EpochSeconds, Format::DateTime, Format::HttpDate] {
                if let Ok(time) = DateTime::parse(format, &text) {
                    let _ = time.fmt(format);
                    let _ = time.to_string();
                }
            }
        }
    }

    #[test]
    fn never_panics_on_mutated_valid_text() {
        let samples = [
            "2000-01-02T20:34:56.123Z",
            "Sun, 02 Jan 2000 20:34:56 GMT",
            "Sunday, 06-Nov-94 08:49:37 GMT",
            "Sun Nov  6 08:49:37 1994",
            "1.591735225353E9",
        ];
        let mut state = 0x1357_9BDF_2468_ACE0;
        for _ in 0..50_000 {
            let sample = samples[(next(&mut state) % samples.len() as u64) as usize];
            let mut bytes = sample.as_bytes().to_vec();
            let index = (next(&mut state) % bytes.len() as u64) as usize;
            bytes[index] = (next(&mut state) % 256) as u8;
            let text = String::from_utf8_lossy(&bytes);
            for format in [Format::EpochSeconds, Format::DateTime, Format::HttpDate] {
                if let Ok(time) = DateTime::parse(format, &text) {
                    let _ = time.fmt(format);
                }
            }
        }
    }
}
