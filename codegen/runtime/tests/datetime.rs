//! Timestamps to the nanosecond, cross-checked against the `time` crate (a dev-dependency only):
//! random instants across years 0001–9999 are written and read by both, and must agree. The
//! hand-computed cases are the unit tests in `src/datetime.rs`.

use runtime::datetime::{DateTime, Format};
use time::format_description::well_known::Rfc3339;
use time::format_description::BorrowedFormatItem;
use time::{OffsetDateTime, PrimitiveDateTime, UtcOffset};

const NANOS_PER_SECOND: i128 = 1_000_000_000;
/// 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999999999Z in nanoseconds since the epoch.
const FIRST: i128 = -62_135_596_800 * NANOS_PER_SECOND;
const LAST: i128 = 253_402_300_800 * NANOS_PER_SECOND - 1;
/// One year in nanoseconds (no more than a day is needed): room for offsets near the edges.
const YEAR: i128 = 366 * 86_400 * NANOS_PER_SECOND;
const CASES: usize = 20_000;

/// xorshift64: a fixed-seed pseudo-random sequence, so failures reproduce.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, bound: u64) -> u64 {
        self.next() % bound
    }

    /// Nanoseconds since the epoch in `first..=last`; every third one a whole second and every
    /// third a whole millisecond, the values services send most.
    fn instant(&mut self, first: i128, last: i128) -> i128 {
        let span = (last - first + 1) as u128;
        let random = (u128::from(self.next()) << 64 | u128::from(self.next())) % span;
        let nanos = first + random as i128;
        match self.below(3) {
            0 => nanos - nanos.rem_euclid(NANOS_PER_SECOND),
            1 => nanos - nanos.rem_euclid(1_000_000),
            _ => nanos,
        }
    }

    /// `count` random ASCII digits.
    fn digits(&mut self, count: u64) -> String {
        (0..count).map(|_| char::from(b'0' + self.below(10) as u8)).collect()
    }
}

/// Ours, from nanoseconds since the epoch.
fn ours(nanos: i128) -> DateTime {
    let secs = i64::try_from(nanos.div_euclid(NANOS_PER_SECOND)).unwrap();
    DateTime::from_secs_and_nanos(secs, nanos.rem_euclid(NANOS_PER_SECOND) as u32)
}

/// Nanoseconds since the epoch of ours.
fn total_nanos(time: DateTime) -> i128 {
    i128::from(time.secs()) * NANOS_PER_SECOND + i128::from(time.subsec_nanos())
}

fn theirs(nanos: i128) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp_nanos(nanos).unwrap()
}

fn description(text: &str) -> Vec<BorrowedFormatItem<'_>> {
    time::format_description::parse_borrowed::<2>(text).unwrap()
}

#[test]
fn date_time_is_written_and_read_as_time_does() {
    let mut random = Random(0x0123_4567_89AB_CDEF);
    for _ in 0..CASES {
        let nanos = random.instant(FIRST, LAST);
        // `time` writes RFC 3339 with the fraction digits needed, as we do.
        let expected = theirs(nanos).format(&Rfc3339).unwrap();
        assert_eq!(ours(nanos).fmt(Format::DateTime).unwrap(), expected);
        let parsed = DateTime::parse(Format::DateTime, &expected).unwrap();
        assert_eq!(total_nanos(parsed), nanos, "{expected}");
    }
}

#[test]
fn date_time_offsets_and_long_fractions_are_read_as_time_reads_them() {
    let local = description("[year]-[month]-[day]T[hour]:[minute]:[second]");
    let mut random = Random(0xDEAD_BEEF_CAFE_F00D);
    for _ in 0..CASES {
        let whole_seconds = random.instant(FIRST + YEAR, LAST - YEAR) / NANOS_PER_SECOND;
        let offset = UtcOffset::from_hms(random.below(24) as i8, random.below(60) as i8, 0).unwrap();
        let offset = if random.below(2) == 0 { offset } else { -offset };
        let mut text = theirs(whole_seconds * NANOS_PER_SECOND).to_offset(offset).format(&local).unwrap();
        // No fraction, or 1 to 15 digits: beyond the ninth both truncate.
        let fraction_len = random.below(16);
        if fraction_len > 0 {
            text.push('.');
            text.push_str(&random.digits(fraction_len));
        }
        if offset.is_utc() && random.below(2) == 0 {
            text.push('Z');
        } else {
            let sign = if offset.is_negative() { '-' } else { '+' };
            let (hours, minutes) = (offset.whole_hours().abs(), offset.minutes_past_hour().abs());
            text.push_str(&format!("{sign}{hours:02}:{minutes:02}"));
        }
        let expected = OffsetDateTime::parse(&text, &Rfc3339).unwrap().unix_timestamp_nanos();
        let parsed = DateTime::parse(Format::DateTime, &text).unwrap();
        assert_eq!(total_nanos(parsed), expected, "{text}");
        // The offset is applied and only the needed digits are written back, in UTC.
        assert_eq!(parsed.fmt(Format::DateTime).unwrap(), theirs(expected).format(&Rfc3339).unwrap());
    }
}

#[test]
fn http_date_is_written_and_read_as_time_does() {
    let imf_fixdate = description("[weekday repr:short], [day] [month repr:short] [year] [hour]:[minute]:[second] GMT");
    let with_fraction =
        description("[weekday repr:short], [day] [month repr:short] [year] [hour]:[minute]:[second].[subsecond] GMT");
    let mut random = Random(0x1357_9BDF_2468_ACE0);
    for _ in 0..CASES {
        let nanos = random.instant(FIRST, LAST);
        // http-date has no fraction: `time` leaves the subsecond out, which truncates.
        let expected = theirs(nanos).format(&imf_fixdate).unwrap();
        assert_eq!(ours(nanos).fmt(Format::HttpDate).unwrap(), expected);
        let parsed = DateTime::parse(Format::HttpDate, &expected).unwrap();
        assert_eq!(total_nanos(parsed), nanos.div_euclid(NANOS_PER_SECOND) * NANOS_PER_SECOND);
        // A fraction of 1 to 9 digits is read to the nanosecond.
        let fraction_len = 1 + random.below(9);
        let text = format!("{}.{} GMT", expected.trim_end_matches(" GMT"), random.digits(fraction_len));
        let expected = PrimitiveDateTime::parse(&text, &with_fraction).unwrap().assume_utc().unix_timestamp_nanos();
        assert_eq!(total_nanos(DateTime::parse(Format::HttpDate, &text).unwrap()), expected, "{text}");
    }
}

#[test]
fn epoch_seconds_agree_with_time_to_the_nanosecond() {
    // Wider than the calendar range: epoch-seconds has no year limit, `time` (without its
    // `large-dates` feature) only checks years -9999–9999.
    let first = -377_705_116_800 * NANOS_PER_SECOND; // -9999-01-01T00:00:00Z
    let last = 253_402_300_800 * NANOS_PER_SECOND - 1;
    let mut random = Random(0x9E37_79B9_7F4A_7C15);
    for _ in 0..CASES {
        let nanos = random.instant(first, last);
        let time = theirs(nanos);
        // `time` splits a negative instant as we do: whole seconds toward the past, then a
        // nanosecond part counting forward.
        let parsed = DateTime::parse(Format::EpochSeconds, &format!("{nanos}e-9")).unwrap();
        assert_eq!((parsed.secs(), parsed.subsec_nanos()), (time.unix_timestamp(), time.nanosecond()), "{nanos}e-9");
        // Our text, read back by placing the decimal point in `time`'s integer nanoseconds.
        let text = ours(nanos).fmt(Format::EpochSeconds).unwrap();
        assert_eq!(text, decimal_seconds(time.unix_timestamp_nanos()), "{nanos}");
        assert_eq!(DateTime::parse(Format::EpochSeconds, &text), Ok(parsed));
        // Other spellings of the same number: exponent and trailing zeros.
        let mantissa = nanos.unsigned_abs().to_string();
        let sign = if nanos < 0 { "-" } else { "" };
        for spelling in [
            format!("{sign}0.{mantissa}e{}", mantissa.len() as i64 - 9),
            format!("{sign}{mantissa}.000E-9"),
            format!("{text}{}", if text.contains('.') { "000" } else { ".000" }),
        ] {
            assert_eq!(DateTime::parse(Format::EpochSeconds, &spelling), Ok(parsed), "{spelling}");
        }
        // Extra digits below the nanosecond: toward the past, so a negative value moves back
        // by one nanosecond unless the extra digits are all zero.
        let extra_len = 1 + random.below(6);
        let extra = random.digits(extra_len);
        let longer = format!("{nanos}.{extra}e-9");
        let back = if nanos < 0 && extra.bytes().any(|d| d != b'0') { 1 } else { 0 };
        assert_eq!(total_nanos(DateTime::parse(Format::EpochSeconds, &longer).unwrap()), nanos - back, "{longer}");
    }
}

/// `nanos` as decimal seconds, by placing the point nine digits from the right and trimming
/// the zeros after it.
fn decimal_seconds(nanos: i128) -> String {
    let digits = format!("{:010}", nanos.unsigned_abs());
    let (whole, fraction) = digits.split_at(digits.len() - 9);
    let fraction = fraction.trim_end_matches('0');
    let sign = if nanos < 0 { "-" } else { "" };
    if fraction.is_empty() {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{fraction}")
    }
}

#[test]
fn utc_date_times_read_as_the_same_text_with_a_zero_offset() {
    // `...Z` with a fraction of up to nine digits has a reading of its own; `+00:00` always takes
    // the general one. Both give the same instant, or reject the text for the same reason.
    for text in [
        "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "2024-02-29T12:00:00Z", "2023-02-29T12:00:00Z",
        "1900-02-29T00:00:00Z", "2000-02-29T00:00:00Z", "2000-13-01T00:00:00Z", "2000-00-01T00:00:00Z",
        "2000-01-00T00:00:00Z", "2000-01-32T00:00:00Z", "2000-04-31T00:00:00Z", "2000-01-01T24:00:00Z",
        "2000-01-01T23:60:00Z", "2000-01-01T23:59:60Z", "2000-01-01T12:59:60Z", "2000-01-01T00:00:61Z",
        "2000-01-01T00:00:00.Z", "2000-01-01T00:00:00.1Z", "2000-01-01T00:00:00.000000001Z",
        "2000-01-01T00:00:00.1234567891Z", "2000-01-01T00:00:00.12a4Z", "2000-01-0aT00:00:00Z", "2000-01-01 00:00:00Z",
        "0000-01-01T00:00:00Z", "2000-1-01T00:00:00Z", "+200-01-01T00:00:00Z", "2000-01-01T00:00:00ZZ",
    ] {
        let general = text.replace('Z', "+00:00");
        let reason = |text: &str| DateTime::parse(Format::DateTime, text).map_err(|e| e.reason());
        assert_eq!(reason(text), reason(&general), "{text}");
    }
    // And the instants themselves, computed by hand (Python's datetime for the seconds).
    let read = |text: &str| DateTime::parse(Format::DateTime, text).unwrap();
    assert_eq!(read("2024-02-29T12:00:00Z"), DateTime::from_secs(1_709_208_000));
    assert_eq!(read("0001-01-01T00:00:00Z"), DateTime::from_secs(-62_135_596_800));
    assert_eq!(read("2025-06-01T09:15:30.123Z"), DateTime::from_millis(1_748_769_330_123));
    assert_eq!(read("2025-06-01T09:15:30.000000001Z"), DateTime::from_secs_and_nanos(1_748_769_330, 1));
    assert_eq!(read("9999-12-31T23:59:59.999999999Z"), DateTime::from_secs_and_nanos(253_402_300_799, 999_999_999));
    // A leap second at 23:59 UTC is the next day's first second.
    assert_eq!(read("2016-12-31T23:59:60Z"), read("2017-01-01T00:00:00Z"));
}
