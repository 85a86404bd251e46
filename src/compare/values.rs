//! Claim values: what each one reads as in plain words, and when two of them are compatible.
//!
//! A **date** is the period its TIMEX3 value names (a day, a week, a month, a quarter, a
//! season, a half, a year, a decade, a century), narrowed to its first, middle or last third by
//! `START`, `MID` and `END`. Two dates are compatible when their periods overlap: equal days,
//! or one period containing the other (`2025-06` `END` contains `2025-06-30`).
//!
//! A **quantity** (an amount, a count, an age, a duration in days) stands for the range of true
//! values its writer allows:
//! - as written, it is exact to half the place value of its last digit, scales applied, but
//!   never more than 5 % of the figure: `44` percent covers 43.5–44.5 and so holds `43.6`;
//!   `2.4 million` covers 2.35–2.45 million and holds `2,381,000`; `£3m` covers £2.85–3.15m;
//!   `240` and `243` are different figures;
//! - `about`, `some`, `around`: ±5 % (or half the last digit's place value, if more): `about
//!   80` holds `83`, `about 260` does not hold `240`;
//! - `more than`, `at least`, `over`: from the figure (less half a last digit) up; `up to`,
//!   `nearly`, `at most`: up to the figure (plus half a last digit);
//! - a duration's last digit is its unit: `nine years` covers 8.5–9.5 years.
//!
//! Two quantities are compatible when their ranges overlap. Roles, relationship stages and
//! places are compared as words in the comparison itself.

use jiff::civil::Date;

use crate::extract::amounts::{Amount, Bound, format_value};
use crate::extract::claims::{Claim, ClaimValue};
use crate::extract::dates::{DateMention, Mod};
use crate::extract::names::Names;

/// A comparable value.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Value {
    /// A period of days, `[lo, hi)`, counted from 1970-01-01.
    Date {
        /// First day.
        lo: i32,
        /// One past the last day.
        hi: i32,
    },
    /// A closed range of quantities (durations in days).
    Range {
        /// Lowest value allowed.
        lo: f64,
        /// Highest value allowed.
        hi: f64,
    },
    /// A time of day on a day, `[lo, hi)` in minutes counted from 1970-01-01 00:00 (a clock
    /// time is exact to the minute; `about` allows a quarter of an hour either side). Two
    /// times compare by the time of day alone; a time and a day, by the day.
    Time {
        /// First minute.
        lo: i64,
        /// One past the last minute.
        hi: i64,
    },
    /// A word or name, by a hash of its normalised text.
    Text {
        /// FxHash of the text.
        hash: u64,
    },
}

// Ranges hold finite numbers or infinities (never NaN), so equality is an equivalence.
impl Eq for Value {}

impl std::hash::Hash for Value {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        match *self {
            Value::Date { lo, hi } => (0u8, lo, hi).hash(h),
            Value::Range { lo, hi } => (1u8, lo.to_bits(), hi.to_bits()).hash(h),
            Value::Text { hash } => (2u8, hash).hash(h),
            Value::Time { lo, hi } => (3u8, lo, hi).hash(h),
        }
    }
}

impl Value {
    /// True when the two values can both be right.
    pub fn compatible(self, other: Value) -> bool {
        match (self, other) {
            (Value::Date { lo: a, hi: b }, Value::Date { lo: c, hi: d }) => a < d && c < b,
            (Value::Range { lo: a, hi: b }, Value::Range { lo: c, hi: d }) => {
                // Half-open at the top, so that 8.5 years ("eight") and 8.5 ("nine") do not
                // meet, unless a range is a single point.
                a == c || a < d && c < b
            }
            (Value::Text { hash: a }, Value::Text { hash: b }) => a == b,
            // Two clock times compare by the time of day: a clock alone takes its day from
            // the publication date, which may not be the day it tells of.
            (Value::Time { lo: a, hi: b }, Value::Time { lo: c, hi: d }) => {
                let day = |m: i64| m.div_euclid(MINUTES_A_DAY) * MINUTES_A_DAY;
                let (a, b) = (a - day(a), b - day(a));
                let (c, d) = (c - day(c), d - day(c));
                a < d && c < b
            }
            // A time and a day (or a longer period) meet when the day holds the time.
            (Value::Time { lo, hi }, Value::Date { lo: d0, hi: d1 })
            | (Value::Date { lo: d0, hi: d1 }, Value::Time { lo, hi }) => {
                lo < i64::from(d1) * MINUTES_A_DAY && i64::from(d0) * MINUTES_A_DAY < hi
            }
            _ => false,
        }
    }
}

const MINUTES_A_DAY: i64 = 24 * 60;

/// How much longer one date's period may be than the other's for the two to tell the same
/// date: a weekend holds its Sunday and a quarter its last month ("in the third quarter",
/// "by September"); a week does not hold one of its days, nor a year one of its months.
/// In halves of a day's length, so that a quarter of 92 days meets a month of 28.
const SAME_PERIOD_HALVES: i32 = 7;

/// How far past its figure an open bound may reach and still tell the same quantity:
/// "more than $1 million" tells $1.1 million, "nearly $44 million" does not tell $9.68 million.
const SAME_BOUND_RATIO: f64 = 1.3;

impl Value {
    /// True when the two values tell the same thing, not only things that can both be
    /// right: compatible, and neither much vaguer than the other. "Last year" holds
    /// "November" and "more than 5,000" holds 12,000; neither pair is one value told twice.
    pub fn same(self, other: Value) -> bool {
        if !self.compatible(other) {
            return false;
        }
        match (self, other) {
            (Value::Date { lo: a, hi: b }, Value::Date { lo: c, hi: d }) => {
                let (p, q) = (b - a, d - c);
                p.max(q).saturating_mul(2) <= p.min(q).saturating_mul(SAME_PERIOD_HALVES)
            }
            (Value::Time { .. }, Value::Date { lo, hi })
            | (Value::Date { lo, hi }, Value::Time { .. }) => hi - lo == 1,
            (Value::Range { lo: a, hi: b }, Value::Range { lo: c, hi: d }) => {
                // The figures an open range is bounded by; both ends of a closed one.
                let ends = |lo: f64, hi: f64| -> (f64, f64) {
                    match (lo.is_finite(), hi.is_finite()) {
                        (true, true) => (lo, hi),
                        (true, false) => (lo, lo),
                        (false, true) => (hi, hi),
                        (false, false) => (0.0, 0.0),
                    }
                };
                let open = |lo: f64, hi: f64| !lo.is_finite() || !hi.is_finite();
                if !open(a, b) && !open(c, d) {
                    return true;
                }
                let (p0, p1) = ends(a, b);
                let (q0, q1) = ends(c, d);
                let (small, big) = (
                    p0.abs().min(q0.abs()).min(p1.abs()).min(q1.abs()),
                    p0.abs().max(q0.abs()).max(p1.abs()).max(q1.abs()),
                );
                big <= small * SAME_BOUND_RATIO
            }
            _ => true,
        }
    }
}

/// A measure's range in its dimension's base unit, so that `1,200 feet` meets `370 metres`
/// and `248°F` meets `120°C`: distances in metres, speeds in km/h, temperatures in °C. Other
/// units are left as they are.
pub fn in_base_unit(v: Value, unit: &str) -> Value {
    let (scale, offset) = match unit {
        "km" => (1000.0, 0.0),
        "miles" => (1609.344, 0.0),
        "ft" => (0.3048, 0.0),
        "mph" => (1.609_344, 0.0),
        "knots" => (1.852, 0.0),
        "fahrenheit" => (5.0 / 9.0, -32.0 * 5.0 / 9.0),
        _ => return v,
    };
    match v {
        Value::Range { lo, hi } => Value::Range {
            lo: lo * scale + offset,
            hi: hi * scale + offset,
        },
        other => other,
    }
}

/// The minutes a TIMEX3 time value names (`2025-03-12T14:35`): `None` for a day, a part of
/// a day (`TMO`) or anything else.
pub fn time_of_day(value: &str, modifier: Option<Mod>) -> Option<Value> {
    let (date, time) = value.split_once('T')?;
    let (h, m) = time.get(..5)?.split_once(':')?;
    let (h, m): (i64, i64) = (h.parse().ok()?, m.parse().ok()?);
    if !(0..=24).contains(&h) || !(0..60).contains(&m) {
        return None;
    }
    let (day, next) = period(date, None)?;
    if next - day != 1 {
        return None;
    }
    let at = i64::from(day) * MINUTES_A_DAY + h * 60 + m;
    let slack = if modifier == Some(Mod::Approx) { 15 } else { 0 };
    Some(Value::Time {
        lo: at - slack,
        hi: at + 1 + slack,
    })
}

/// The range of true values an outlet allows when it writes `v` with `bound`, its last digit
/// worth `precision`.
pub fn range(v: f64, bound: Bound, precision: f64) -> Value {
    // Half the last digit's place value, but never more than 5 % of the figure: "£3m" may
    // round £3.1m, not £3.4m.
    let half = (precision / 2.0).min(v.abs() * 0.05).max(v.abs() * 1e-9);
    let (lo, hi) = match bound {
        Bound::Exact => (v - half, v + half),
        Bound::Approx => {
            let t = (v.abs() * 0.05).max(half);
            (v - t, v + t)
        }
        Bound::Min => (v - half, f64::INFINITY),
        Bound::Max => (f64::NEG_INFINITY, v + half),
    };
    Value::Range {
        lo: lo.min(hi),
        hi: lo.max(hi),
    }
}

/// How an amount is shown in the comparison tables: `about 260`, `240`, `at least 40`.
pub fn show_amount(value: f64, bound: Bound) -> String {
    with_bound(format_value(value), bound)
}

fn with_bound(v: String, bound: Bound) -> String {
    match bound {
        Bound::Exact => v,
        Bound::Approx => format!("about {v}"),
        Bound::Min => format!("at least {v}"),
        Bound::Max => format!("at most {v}"),
    }
}

/// How a date is shown: its TIMEX3 value, with the mod when there is one (`2025-06 END`).
pub fn show_date(value: &str, modifier: Option<Mod>) -> String {
    match modifier {
        Some(m) => format!("{value} {}", m.name()),
        None => value.to_string(),
    }
}

fn day(d: Date) -> i32 {
    (d - Date::constant(1970, 1, 1)).get_days()
}

fn ymd(y: i16, m: i8, d: i8) -> Option<i32> {
    Date::new(y, m, d).ok().map(day)
}

/// The period of a TIMEX3 calendar value, or `None` when it names no fixed period.
pub fn period(value: &str, modifier: Option<Mod>) -> Option<(i32, i32)> {
    let (date, _time) = value.split_once('T').unwrap_or((value, ""));
    let parts: Vec<&str> = date.split('-').collect();
    let head = *parts.first()?;
    let (lo, hi) = match (head.len(), parts.len()) {
        // Century ("20" is the 2000s … as TimeML writes it) and decade ("199").
        (2, 1) => {
            let c = num(head)? as i16;
            (ymd(c * 100, 1, 1)?, ymd(c * 100 + 100, 1, 1)?)
        }
        (3, 1) => {
            let d = num(head)? as i16;
            (ymd(d * 10, 1, 1)?, ymd(d * 10 + 10, 1, 1)?)
        }
        (4, _) => {
            let y = num(head)? as i16;
            match parts.get(1).copied() {
                None => (ymd(y, 1, 1)?, ymd(y + 1, 1, 1)?),
                Some(p) if p.starts_with('W') => {
                    let start = week_start(y, num(&p[1..])? as i32)?;
                    match parts.get(2) {
                        // "XXXX-WXX-6" style days inside a week, or weekends ("2025-W10-WE").
                        Some(&"WE") => (start + 5, start + 7),
                        Some(d) => {
                            let d = num(d)? as i32;
                            (start + d - 1, start + d)
                        }
                        None => (start, start + 7),
                    }
                }
                Some(p) if p.starts_with('Q') => {
                    let q = num(&p[1..])? as i8;
                    if !(1..=4).contains(&q) {
                        return None;
                    }
                    let m = (q - 1) * 3 + 1;
                    let end = if q == 4 {
                        ymd(y + 1, 1, 1)?
                    } else {
                        ymd(y, m + 3, 1)?
                    };
                    (ymd(y, m, 1)?, end)
                }
                Some(p) if p.starts_with('H') => {
                    let h = num(&p[1..])?;
                    if h == 1 {
                        (ymd(y, 1, 1)?, ymd(y, 7, 1)?)
                    } else {
                        (ymd(y, 7, 1)?, ymd(y + 1, 1, 1)?)
                    }
                }
                Some("SP") => (ymd(y, 3, 1)?, ymd(y, 6, 1)?),
                Some("SU") => (ymd(y, 6, 1)?, ymd(y, 9, 1)?),
                Some("FA") => (ymd(y, 9, 1)?, ymd(y, 12, 1)?),
                Some("WI") => (ymd(y, 12, 1)?, ymd(y + 1, 3, 1)?),
                Some(m) => {
                    let m = num(m)? as i8;
                    match parts.get(2) {
                        Some(d) => {
                            let d = ymd(y, m, num(d)? as i8)?;
                            (d, d + 1)
                        }
                        None => {
                            let end = if m == 12 {
                                ymd(y + 1, 1, 1)?
                            } else {
                                ymd(y, m + 1, 1)?
                            };
                            (ymd(y, m, 1)?, end)
                        }
                    }
                }
            }
        }
        _ => return None,
    };
    let third = (hi - lo) / 3;
    Some(match modifier {
        Some(Mod::Start) if third > 0 => (lo, lo + third),
        Some(Mod::Mid) if third > 0 => (lo + third, hi - third),
        Some(Mod::End) if third > 0 => (hi - third, hi),
        _ => (lo, hi),
    })
}

fn num(s: &str) -> Option<i64> {
    (!s.is_empty() && s.len() <= 6 && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

/// The first day of ISO week `w` of year `y` (week 1 holds January 4th).
fn week_start(y: i16, w: i32) -> Option<i32> {
    if !(1..=53).contains(&w) {
        return None;
    }
    let jan4 = Date::new(y, 1, 4).ok()?;
    let monday = day(jan4) - i32::from(jan4.weekday().to_monday_zero_offset());
    Some(monday + (w - 1) * 7)
}

/// A date as "%A %-d %B %Y" or another jiff format ("Tuesday 11 March 2025").
fn fmt_date(fmt: &str, d: Date) -> Option<String> {
    jiff::fmt::strtime::format(fmt, d).ok()
}

fn ordinal(n: i64) -> String {
    let suffix = match (n % 10, n % 100) {
        (1, x) if x != 11 => "st",
        (2, x) if x != 12 => "nd",
        (3, x) if x != 13 => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// A TIMEX3 date value in plain words: `2025-06 END` reads "end of June 2025", `199` "the
/// 1990s", `2025-03-11` "Tuesday 11 March 2025", `2025-Q3` "the third quarter of 2025". A
/// value it cannot read is given back as written.
/// A date mention's value in plain words, as `claims.csv` gives it: `end of June 2025`,
/// `9 years`, `the 1990s`.
pub fn plain_mention(d: &DateMention) -> String {
    use crate::extract::dates::DateType;
    match d.kind {
        DateType::Duration => plain_duration(&d.value, d.modifier),
        // "every Monday", "every week", "every 2 years".
        DateType::Set if d.value.starts_with('P') => {
            let each = plain_duration(&d.value, None);
            match each.strip_prefix("1 ") {
                Some(unit) => format!("every {unit}"),
                None => format!("every {each}"),
            }
        }
        DateType::Set => match plain_period(&d.value) {
            Some(p) => format!("every {}", p.trim_start_matches("a ")),
            None => d.value.clone(),
        },
        _ => plain_date(&d.value, d.modifier),
    }
}

/// A date's value in plain words.
pub fn plain_date(value: &str, modifier: Option<Mod>) -> String {
    let Some(base) = plain_period(value) else {
        return show_date(value, modifier);
    };
    match modifier {
        None => base,
        Some(Mod::Start) => format!("early {}", base.trim_start_matches("the ")),
        Some(Mod::Mid) => format!("mid-{}", base.trim_start_matches("the ")),
        Some(Mod::End) => format!("end of {base}"),
        Some(Mod::Approx) => format!("about {base}"),
        Some(Mod::MoreThan) => format!("after {base}"),
        Some(Mod::LessThan) => format!("before {base}"),
        Some(Mod::EqualOrMore) => format!("{base} or later"),
        Some(Mod::EqualOrLess) => format!("by {base}"),
    }
}

fn plain_period(value: &str) -> Option<String> {
    match value {
        "PRESENT_REF" => return Some("the present".into()),
        "PAST_REF" => return Some("the past".into()),
        "FUTURE_REF" => return Some("the future".into()),
        _ => {}
    }
    let (date, time) = value.split_once('T').unwrap_or((value, ""));
    let parts: Vec<&str> = date.split('-').collect();
    let head = *parts.first()?;
    let base = match (head.len(), parts.len()) {
        // A date whose year is unknown: what is known of it ("a Wednesday", "summer",
        // "14 March").
        (4, _) if head == "XXXX" => unknown_year(&parts[1..])?,
        (2, 1) => format!("the {} century", ordinal(num(head)? + 1)),
        (3, 1) => format!("the {}0s", num(head)?),
        (4, 1) => head.to_string(),
        (4, _) => {
            let y = num(head)?;
            let p = parts[1];
            if let Some(w) = p.strip_prefix('W') {
                let start = week_start(y as i16, num(w)? as i32)?;
                let weekend = parts.get(2) == Some(&"WE");
                let offset = i64::from(start) + if weekend { 5 } else { 0 };
                let d = Date::constant(1970, 1, 1)
                    .checked_add(jiff::Span::new().days(offset))
                    .ok()?;
                let what = if weekend { "weekend" } else { "week" };
                format!("the {what} of {}", fmt_date("%-d %B %Y", d)?)
            } else if let Some(q) = p.strip_prefix('Q') {
                let n = ["first", "second", "third", "fourth"].get(num(q)? as usize - 1)?;
                format!("the {n} quarter of {y}")
            } else if let Some(h) = p.strip_prefix('H') {
                let n = ["first", "second"].get(num(h)? as usize - 1)?;
                format!("the {n} half of {y}")
            } else if let Some(s) = match p {
                "SP" => Some("spring"),
                "SU" => Some("summer"),
                "FA" => Some("autumn"),
                "WI" => Some("winter"),
                _ => None,
            } {
                format!("{s} {y}")
            } else {
                let m = num(p)?;
                match parts.get(2) {
                    None => fmt_date("%B %Y", Date::new(y as i16, m as i8, 1).ok()?)?,
                    Some(d) => {
                        let date = Date::new(y as i16, m as i8, num(d)? as i8).ok()?;
                        fmt_date("%A %-d %B %Y", date)?
                    }
                }
            }
        }
        _ => return None,
    };
    Some(match time {
        "" => base,
        "MO" => format!("the morning of {base}"),
        "AF" => format!("the afternoon of {base}"),
        "EV" => format!("the evening of {base}"),
        "NI" => format!("the night of {base}"),
        t if t.len() >= 5 && t.as_bytes()[2] == b':' => format!("{base}, {}", &t[..5]),
        t => format!("{base} {t}"),
    })
}

/// What a TIMEX3 date of unknown year says: a weekday ("XXXX-WXX-3": "a Wednesday"), a
/// weekend, a season, a month or a day of a month.
fn unknown_year(parts: &[&str]) -> Option<String> {
    // Names from a calendar: 1 January 2024 was a Monday.
    let month = |m: &str| {
        let m = i8::try_from(num(m)?).ok()?;
        fmt_date("%B", Date::new(2024, m, 1).ok()?)
    };
    let weekday = |d: &str| {
        let d = num(d).filter(|d| (1..=7).contains(d))?;
        fmt_date(
            "%A",
            Date::constant(2024, 1, 1)
                .checked_add(jiff::Span::new().days(d - 1))
                .ok()?,
        )
    };
    Some(match parts {
        ["WXX", "WE"] => "a weekend".into(),
        ["WXX", d] => format!("a {}", weekday(d)?),
        ["SP"] => "spring".into(),
        ["SU"] => "summer".into(),
        ["FA"] => "autumn".into(),
        ["WI"] => "winter".into(),
        [m] => month(m)?,
        [m, d] => format!("{} {}", num(d)?, month(m)?),
        _ => return None,
    })
}

/// The parts of a TIMEX3 duration (`P1Y6M` is 1 year and 6 months; `P2DE` two decades): each
/// count with its unit's name and length in days.
fn duration_parts(value: &str) -> Option<Vec<(&str, &'static str, f64)>> {
    let body = value.strip_prefix('P')?;
    let mut out = Vec::new();
    let mut in_time = false;
    let mut start = 0;
    let bytes = body.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        if c == b'T' {
            in_time = true;
            i += 1;
            start = i;
            continue;
        }
        if c.is_ascii_digit() || c == b'.' {
            i += 1;
            continue;
        }
        let count = &body[start..i];
        let (unit, days) = match (c, in_time) {
            (b'Y', _) => ("year", 365.25),
            (b'M', false) => ("month", 30.44),
            (b'W', _) => ("week", 7.0),
            (b'D', false) if bytes.get(i + 1) == Some(&b'E') => {
                i += 1;
                ("decade", 3652.5)
            }
            (b'D', false) => ("day", 1.0),
            (b'H', _) => ("hour", 1.0 / 24.0),
            (b'M', true) => ("minute", 1.0 / 1440.0),
            (b'S', _) => ("second", 1.0 / 86400.0),
            (b'C', _) => ("century", 36525.0),
            (b'L', _) => ("millennium", 365250.0),
            _ => return None,
        };
        if count.is_empty() || count.parse::<f64>().is_err() {
            return None;
        }
        out.push((count, unit, days));
        i += 1;
        start = i;
    }
    (start == body.len() && !out.is_empty()).then_some(out)
}

/// The length of a TIMEX3 duration in days, and the size of its smallest unit in days (`P9Y`,
/// `PT14H`, `P1Y6M`, `P2DE` for two decades), when it names one.
pub fn duration_days(value: &str) -> Option<(f64, f64)> {
    let parts = duration_parts(value)?;
    let days = parts
        .iter()
        .map(|(n, _, d)| n.parse::<f64>().unwrap_or(0.0) * d)
        .sum();
    let unit = parts.iter().map(|p| p.2).fold(f64::INFINITY, f64::min);
    Some((days, unit))
}

/// A TIMEX3 duration in plain words: `P9Y` reads "9 years", `PT14H` "14 hours".
pub fn plain_duration(value: &str, modifier: Option<Mod>) -> String {
    let Some(parts) = duration_parts(value) else {
        // A length of time counted in no number ("months", "weeks": `PXM`, `PXW`).
        let unit = match value {
            "PXY" => "years",
            "PXM" => "months",
            "PXW" => "weeks",
            "PXD" => "days",
            "PXDE" => "decades",
            "PXC" | "PXCE" => "centuries",
            "PTXH" => "hours",
            "PTXM" => "minutes",
            "PTXS" => "seconds",
            _ => return value.to_string(),
        };
        return unit.to_string();
    };
    let words: Vec<String> = parts
        .iter()
        .map(|&(n, unit, _)| {
            let unit = match (unit, n != "1") {
                ("century", true) => "centuries".to_string(),
                ("millennium", true) => "millennia".to_string(),
                (u, true) => format!("{u}s"),
                (u, false) => u.to_string(),
            };
            format!("{n} {unit}")
        })
        .collect();
    let base = words.join(" ");
    match modifier {
        Some(Mod::Approx) => format!("about {base}"),
        Some(Mod::MoreThan) => format!("more than {base}"),
        Some(Mod::LessThan) => format!("less than {base}"),
        Some(Mod::EqualOrMore) => format!("at least {base}"),
        Some(Mod::EqualOrLess) => format!("at most {base}"),
        _ => base,
    }
}

/// A number with thousands separators (`2381000` → `2,381,000`; `4.5` stays).
fn grouped(v: f64) -> String {
    let s = format_value(v.abs());
    let (int, frac) = s.split_once('.').map_or((s.as_str(), ""), |(a, b)| (a, b));
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push('.');
        out.push_str(frac);
    }
    if v < 0.0 {
        out.insert(0, '-');
    }
    out
}

/// A sum of money in words: `$1.9 billion`, `£250,000`, `€1.5 million`.
fn money(v: f64, unit: &str) -> String {
    let sign = match unit {
        "USD" => "$",
        "GBP" => "£",
        "EUR" => "€",
        "JPY" => "¥",
        _ => "",
    };
    let (n, scale) = if v.abs() >= 1e9 {
        (v / 1e9, " billion")
    } else if v.abs() >= 1e6 {
        (v / 1e6, " million")
    } else {
        (v, "")
    };
    let n = if scale.is_empty() {
        grouped(n)
    } else {
        format_value((n * 1000.0).round() / 1000.0)
    };
    if sign.is_empty() {
        format!("{unit} {n}{scale}")
    } else {
        format!("{sign}{n}{scale}")
    }
}

/// A quantity in plain words with its unit: `about 2,000 people`, `$1.9 billion`, `43.6%`,
/// `magnitude 5.8`, `90 mph`, `-3°C`, `at least 12 people`.
pub fn plain_quantity(v: f64, unit: &str, bound: Bound) -> String {
    let base = match unit {
        "percent" => format!("{}%", format_value(v)),
        "percentage points" => format!("{} percentage points", format_value(v)),
        "magnitude" => format!("magnitude {}", format_value(v)),
        "celsius" => format!("{}°C", format_value(v)),
        "fahrenheit" => format!("{}°F", format_value(v)),
        "degrees" => format!("{}°", format_value(v)),
        "years" => format!("{} years old", format_value(v)),
        "" => grouped(v),
        u if u.len() == 3 && u.bytes().all(|b| b.is_ascii_uppercase()) => money(v, u),
        u => {
            let n = grouped(v);
            // "1 people" reads "1 person".
            let u = match (u, v == 1.0) {
                ("people", true) => "person",
                ("jobs", true) => "job",
                (u, _) => u,
            };
            format!("{n} {u}")
        }
    };
    match bound {
        Bound::Exact => base,
        Bound::Approx => format!("about {base}"),
        Bound::Min => format!("at least {base}"),
        Bound::Max => format!("at most {base}"),
    }
}

/// A claim's value, ready for a table and for comparison.
#[derive(Clone, Debug, PartialEq)]
pub struct Described {
    /// `date`, `duration`, `amount`, `number`, `age`, `role`, `relationship` or `place`.
    pub value_type: &'static str,
    /// The normalised value: a TIMEX3 value, a number, a role, a stage, a place's name.
    pub value: String,
    /// The value in plain words.
    pub plain: String,
    /// The date's TIMEX3 mod or the amount's bound (`approx`, `min`, `max`).
    pub modifier: &'static str,
    /// The comparable value, when there is one.
    pub cmp: Option<Value>,
    /// The key a place or a role is compared by (a place's entity key, a role's words).
    pub key: String,
}

fn text_hash(s: &str) -> u64 {
    use std::hash::BuildHasher;
    rustc_hash::FxBuildHasher.hash_one(s)
}

/// Describes a claim of an analysed article.
pub fn describe(c: &Claim, dates: &[DateMention], amounts: &[Amount], names: &Names) -> Described {
    let text = |value: String, plain: String, key: String, value_type, modifier| Described {
        cmp: Some(Value::Text {
            hash: text_hash(&key),
        }),
        value_type,
        value,
        plain,
        modifier,
        key,
    };
    match &c.value {
        ClaimValue::Date(i) => {
            let d = &dates[*i];
            Described {
                value_type: "date",
                value: d.value.clone(),
                plain: plain_date(&d.value, d.modifier),
                modifier: d.modifier.map_or("", |m| m.name()),
                cmp: time_of_day(&d.value, d.modifier).or_else(|| {
                    period(&d.value, d.modifier).map(|(lo, hi)| Value::Date { lo, hi })
                }),
                key: String::new(),
            }
        }
        ClaimValue::Duration(i) => {
            let d = &dates[*i];
            let cmp = duration_days(&d.value).map(|(days, unit)| {
                let bound = match d.modifier {
                    Some(Mod::Approx) => Bound::Approx,
                    Some(Mod::MoreThan | Mod::EqualOrMore) => Bound::Min,
                    Some(Mod::LessThan | Mod::EqualOrLess) => Bound::Max,
                    _ => Bound::Exact,
                };
                range(days, bound, unit)
            });
            Described {
                value_type: "duration",
                value: d.value.clone(),
                plain: plain_duration(&d.value, d.modifier),
                modifier: d.modifier.map_or("", |m| m.name()),
                cmp,
                key: String::new(),
            }
        }
        ClaimValue::Amount(i) => {
            let m = &amounts[*i];
            Described {
                value_type: "amount",
                value: m.value_text(),
                plain: plain_quantity(m.value, quantity_unit(&c.unit, &m.unit), m.bound),
                modifier: m.bound.name(),
                cmp: Some(in_base_unit(range(m.value, m.bound, m.precision), &m.unit)),
                key: String::new(),
            }
        }
        ClaimValue::AmountRange(i, j) => {
            let (a, b) = (&amounts[*i], &amounts[*j]);
            let unit = quantity_unit(&c.unit, &a.unit);
            let (lo, hi) = match (
                range(a.value, a.bound, a.precision),
                range(b.value, b.bound, b.precision),
            ) {
                (Value::Range { lo, .. }, Value::Range { hi, .. }) => (lo, hi),
                _ => (a.value, b.value),
            };
            Described {
                value_type: "amount",
                value: format!("{}-{}", a.value_text(), b.value_text()),
                plain: format!(
                    "{} to {}",
                    plain_quantity(a.value, unit, a.bound),
                    plain_quantity(b.value, unit, b.bound)
                ),
                modifier: "range",
                cmp: Some(Value::Range {
                    lo: lo.min(hi),
                    hi: lo.max(hi),
                }),
                key: String::new(),
            }
        }
        ClaimValue::Number {
            value,
            bound,
            precision,
        } => Described {
            value_type: "number",
            value: format_value(*value),
            plain: plain_quantity(*value, &c.unit, *bound),
            modifier: bound.name(),
            cmp: Some(range(*value, *bound, *precision)),
            key: String::new(),
        },
        ClaimValue::Age(y) => Described {
            value_type: "age",
            value: y.to_string(),
            plain: format!("{y} years old"),
            modifier: "",
            cmp: Some(range(f64::from(*y), Bound::Exact, 1.0)),
            key: String::new(),
        },
        ClaimValue::Role(r) => text(r.clone(), r.clone(), r.clone(), "role", ""),
        ClaimValue::Relation(stage) => {
            let plain = match (*stage, c.hedged) {
                (s, true) => format!("{s}, rumoured"),
                (s, false) => s.to_string(),
            };
            text(
                stage.to_string(),
                plain,
                stage.to_string(),
                "relationship",
                "",
            )
        }
        ClaimValue::Place(e) => {
            let ent = &names.entities[*e];
            text(
                ent.name.clone(),
                ent.name.clone(),
                ent.key.clone(),
                "place",
                "",
            )
        }
    }
}

/// The unit an amount's claim is shown in: the attribute's (`people` for a count of
/// `residents`), else the amount's own.
fn quantity_unit<'a>(claim_unit: &'a str, amount_unit: &'a str) -> &'a str {
    if claim_unit.is_empty() || claim_unit == "items" {
        amount_unit
    } else {
        claim_unit
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(v: &str, m: Option<Mod>) -> Value {
        let (lo, hi) = period(v, m).unwrap();
        Value::Date { lo, hi }
    }

    fn a(v: f64, bound: Bound, p: f64) -> Value {
        range(v, bound, p)
    }

    #[test]
    fn periods_of_timex_values() {
        assert_eq!(period("2025-03-11", None), Some((20158, 20159)));
        let (lo, hi) = period("2025-06", None).unwrap();
        assert_eq!(hi - lo, 30);
        let (lo, hi) = period("2024", None).unwrap();
        assert_eq!(hi - lo, 366);
        let (lo, hi) = period("199", None).unwrap();
        assert_eq!(
            (lo, hi),
            (
                period("1990", None).unwrap().0,
                period("2000", None).unwrap().0
            )
        );
        assert_eq!(period("2025-W11", None), Some((20157, 20164))); // Mon 10 – Sun 16 March
        assert_eq!(period("2025-03-11TMO", None), Some((20158, 20159)));
        assert!(period("2025-Q1", None).is_some());
        assert!(period("2022-SU", None).is_some());
        assert_eq!(period("PRESENT_REF", None), None);
        assert_eq!(period("2025-13", None), None);
        assert_eq!(period("2025-Q9", None), None);
    }

    #[test]
    fn a_vaguer_value_is_compatible_but_not_the_same() {
        let d = |v: &str| {
            let (lo, hi) = period(v, None).unwrap();
            Value::Date { lo, hi }
        };
        assert!(d("2012").compatible(d("2012-11")));
        assert!(!d("2012").same(d("2012-11")));
        assert!(!d("2018-W51").same(d("2018-12-20")));
        assert!(d("2012-W07-WE").same(d("2012-02-19")));
        assert!(d("2012-11").same(d("2012-11")));
        assert!(d("2026-Q3").same(d("2026-09")));
        assert!(!d("2026").same(d("2026-Q3")));
        assert!(!d("2012-11").same(d("2012-12")));
        let a = |v: f64, b: Bound| range(v, b, 1.0);
        assert!(a(5000.0, Bound::Min).same(a(5200.0, Bound::Exact)));
        assert!(a(5000.0, Bound::Min).compatible(a(12000.0, Bound::Exact)));
        assert!(!a(5000.0, Bound::Min).same(a(12000.0, Bound::Exact)));
        assert!(!a(44e6, Bound::Max).same(range(9.68e6, Bound::Exact, 1e4)));
        assert!(a(44e6, Bound::Max).same(range(43.5e6, Bound::Exact, 1e5)));
        assert!(a(80.0, Bound::Approx).same(a(83.0, Bound::Exact)));
        assert!(!a(80.0, Bound::Approx).same(a(90.0, Bound::Exact)));
    }

    #[test]
    fn measures_meet_across_units() {
        let m = |v: f64, p: f64, u: &str| in_base_unit(range(v, Bound::Exact, p), u);
        assert!(m(1200.0, 100.0, "ft").compatible(m(370.0, 10.0, "m")));
        assert!(m(37000.0, 1000.0, "ft").compatible(m(11300.0, 100.0, "m")));
        assert!(m(2.5, 0.1, "miles").compatible(m(4.0, 1.0, "km")));
        assert!(m(248.0, 1.0, "fahrenheit").compatible(m(120.0, 10.0, "celsius")));
        assert!(!m(40.0, 10.0, "ft").compatible(m(40.0, 10.0, "m")));
        assert!(m(90.0, 10.0, "mph").compatible(m(145.0, 5.0, "km/h")));
    }

    #[test]
    fn clock_times_meet_to_the_minute_and_inside_their_day() {
        let t = |v: &str, m| time_of_day(v, m).unwrap();
        assert!(t("2026-05-13T14:35", None).compatible(t("2026-05-13T14:35", None)));
        assert!(!t("2026-05-13T11:00", None).compatible(t("2026-05-13T13:00", None)));
        assert!(t("2026-05-13T14:30", Some(Mod::Approx)).compatible(t("2026-05-13T14:35", None)));
        assert!(t("2026-05-13T09:35", None).compatible(t("2026-05-19T09:35", None)));
        assert!(t("2026-05-13T14:35", None).compatible(d("2026-05-13", None)));
        assert!(!t("2026-05-13T14:35", None).compatible(d("2026-05-14", None)));
        assert_eq!(time_of_day("2026-05-13TMO", None), None);
        assert_eq!(time_of_day("2026-05-13", None), None);
    }

    #[test]
    fn dates_agree_when_one_contains_the_other() {
        assert!(d("2025-06", Some(Mod::End)).compatible(d("2025-06-30", None)));
        assert!(!d("2025-06", Some(Mod::Start)).compatible(d("2025-06-30", None)));
        assert!(d("2025", None).compatible(d("2025-03-13", None)));
        assert!(!d("2025-07", None).compatible(d("2025-06-30", None)));
        assert!(!d("2025-03-10", None).compatible(d("2025-03-11", None)));
        assert!(d("2025-03-13", None).compatible(d("2025-03-13TNI", None)));
        assert!(d("2026-Q3", None).compatible(d("2026-09", Some(Mod::EqualOrLess))));
    }

    #[test]
    fn figures_agree_at_another_precision() {
        // 44 percent and 43.6 percent; 2.4 million and 2,381,000.
        assert!(a(44.0, Bound::Exact, 1.0).compatible(a(43.6, Bound::Exact, 0.1)));
        assert!(a(2.4e6, Bound::Exact, 1e5).compatible(a(2_381_000.0, Bound::Exact, 1.0)));
        assert!(a(12e6, Bound::Exact, 1e6).compatible(a(12.4e6, Bound::Exact, 1e5)));
        // A round figure rounds a near one, not one 13 % away.
        assert!(!a(3e6, Bound::Exact, 1e6).compatible(a(3.4e6, Bound::Exact, 1e5)));
        // Different figures at the same precision do not.
        assert!(!a(240.0, Bound::Exact, 1.0).compatible(a(243.0, Bound::Exact, 1.0)));
        assert!(!a(1.9e9, Bound::Exact, 1e8).compatible(a(2.1e9, Bound::Exact, 1e8)));
        assert!(!a(5.8, Bound::Exact, 0.1).compatible(a(5.6, Bound::Exact, 0.1)));
    }

    #[test]
    fn approximate_and_bounded_figures() {
        assert!(a(80.0, Bound::Approx, 1.0).compatible(a(83.0, Bound::Exact, 1.0)));
        assert!(!a(260.0, Bound::Approx, 1.0).compatible(a(240.0, Bound::Exact, 1.0)));
        assert!(a(300.0, Bound::Approx, 1.0).compatible(a(310.0, Bound::Exact, 1.0)));
        assert!(a(40.0, Bound::Min, 1.0).compatible(a(43.0, Bound::Exact, 1.0)));
        assert!(!a(40.0, Bound::Min, 1.0).compatible(a(30.0, Bound::Exact, 1.0)));
        assert!(!a(150.0, Bound::Max, 1.0).compatible(a(260.0, Bound::Exact, 1.0)));
        assert!(a(12.0, Bound::Min, 1.0).compatible(a(12.0, Bound::Exact, 1.0)));
    }

    #[test]
    fn durations_in_days() {
        let (nine, unit) = duration_days("P9Y").unwrap();
        let (eight, _) = duration_days("P8Y").unwrap();
        assert!(!range(nine, Bound::Exact, unit).compatible(range(eight, Bound::Exact, unit)));
        let (a18, u) = duration_days("P18M").unwrap();
        let (b18, v) = duration_days("P1Y6M").unwrap();
        assert!(range(a18, Bound::Exact, u).compatible(range(b18, Bound::Exact, v)));
        assert_eq!(
            duration_days("PT14H").map(|d| (d.0 * 24.0).round()),
            Some(14.0)
        );
        let (dec, _) = duration_days("P2DE").unwrap();
        assert!((dec - 7305.0).abs() < 1.0, "{dec}");
        assert_eq!(duration_days("PXY"), None);
    }

    #[test]
    fn values_read_in_plain_words() {
        assert_eq!(plain_date("2025-06", Some(Mod::End)), "end of June 2025");
        assert_eq!(plain_date("199", None), "the 1990s");
        assert_eq!(plain_date("19", None), "the 20th century");
        assert_eq!(plain_date("2025-03-11", None), "Tuesday 11 March 2025");
        assert_eq!(plain_date("2022", Some(Mod::Start)), "early 2022");
        assert_eq!(plain_date("2026-Q3", None), "the third quarter of 2026");
        assert_eq!(plain_date("2025-W11", None), "the week of 10 March 2025");
        assert_eq!(
            plain_date("2025-03-11TMO", None),
            "the morning of Tuesday 11 March 2025"
        );
        assert_eq!(
            plain_date("2025-03-11T15:30", None),
            "Tuesday 11 March 2025, 15:30"
        );
        assert_eq!(plain_date("PAST_REF", None), "the past");
        assert_eq!(
            plain_date("XXXX-WXX-3TEV", None),
            "the evening of a Wednesday"
        );
        assert_eq!(plain_date("XXXX-SU", None), "summer");
        assert_eq!(plain_date("XXXX-03-14", None), "14 March");
        assert_eq!(plain_duration("PXM", None), "months");
        assert_eq!(plain_duration("P9Y", None), "9 years");
        assert_eq!(plain_duration("P1Y", None), "1 year");
        assert_eq!(plain_duration("PT14H", Some(Mod::Approx)), "about 14 hours");
        assert_eq!(plain_duration("P2DE", None), "2 decades");
        assert_eq!(plain_quantity(1.9e9, "USD", Bound::Exact), "$1.9 billion");
        assert_eq!(plain_quantity(250_000.0, "GBP", Bound::Exact), "£250,000");
        assert_eq!(
            plain_quantity(2000.0, "people", Bound::Approx),
            "about 2,000 people"
        );
        assert_eq!(plain_quantity(1.0, "people", Bound::Exact), "1 person");
        assert_eq!(plain_quantity(43.6, "percent", Bound::Exact), "43.6%");
        assert_eq!(plain_quantity(-3.0, "celsius", Bound::Exact), "-3°C");
        assert_eq!(show_amount(260.0, Bound::Approx), "about 260");
        assert_eq!(show_date("2025-06", Some(Mod::End)), "2025-06 END");
    }
}
