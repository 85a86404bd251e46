//! Claim values and when two of them are compatible.
//!
//! A date value is the period its TIMEX3 value names (a day, a week, a month, a quarter, a
//! season, a half, a year, a decade, a century), narrowed to its first, middle or last third by
//! `START`, `MID` and `END`. Two dates are compatible when their periods overlap: equal days,
//! or one period containing the other (`2025-06` `END` contains `2025-06-30`).
//!
//! An amount stands for a range of true values: an exact one for itself within 0.5 % (for
//! rounding), an approximate one (`about 260`) for ±5 %, a lower bound (`more than 240`) for
//! anything from 95 % of it up, an upper bound (`up to 150`) for anything up to 105 % of it.
//! Two amounts are compatible when their ranges overlap.

use jiff::civil::Date;

use crate::extract::amounts::{Bound, format_value};
use crate::extract::dates::Mod;

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
    /// A number and how exact it is.
    Amount {
        /// The number.
        value: f64,
        /// How exact it is.
        bound: Bound,
    },
}

// Amounts are finite numbers (the extractor never makes NaN), so equality is an equivalence.
impl Eq for Value {}

impl std::hash::Hash for Value {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        match *self {
            Value::Date { lo, hi } => (0u8, lo, hi).hash(h),
            Value::Amount { value, bound } => (1u8, value.to_bits(), bound).hash(h),
        }
    }
}

impl Value {
    /// True when the two values can both be right.
    pub fn compatible(self, other: Value) -> bool {
        match (self, other) {
            (Value::Date { lo: a, hi: b }, Value::Date { lo: c, hi: d }) => a < d && c < b,
            (
                Value::Amount {
                    value: a,
                    bound: ba,
                },
                Value::Amount {
                    value: b,
                    bound: bb,
                },
            ) => {
                let (x, y) = (range(a, ba), range(b, bb));
                x.0 <= y.1 && y.0 <= x.1
            }
            _ => false,
        }
    }
}

/// The true amounts an outlet allows when it writes `v` with `bound`.
fn range(v: f64, bound: Bound) -> (f64, f64) {
    let (lo, hi) = match bound {
        Bound::Exact => (v * 0.995, v * 1.005),
        Bound::Approx => (v * 0.95, v * 1.05),
        Bound::Min => (v * 0.95, f64::INFINITY),
        Bound::Max => (f64::NEG_INFINITY, v * 1.05),
    };
    (lo.min(hi), lo.max(hi))
}

/// How an amount is shown in the comparison tables: `about 260`, `240`, `more than 40`.
pub fn show_amount(value: f64, bound: Bound) -> String {
    let v = format_value(value);
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
    let num = |s: &str| -> Option<i64> {
        (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
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
                    let w = num(&p[1..])? as i32;
                    // ISO week 1 holds January 4th.
                    let jan4 = Date::new(y, 1, 4).ok()?;
                    let monday = day(jan4) - i32::from(jan4.weekday().to_monday_zero_offset());
                    let start = monday + (w - 1) * 7;
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

#[cfg(test)]
mod tests {
    use super::*;

    fn d(v: &str, m: Option<Mod>) -> Value {
        let (lo, hi) = period(v, m).unwrap();
        Value::Date { lo, hi }
    }

    fn a(v: f64, bound: Bound) -> Value {
        Value::Amount { value: v, bound }
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
    }

    #[test]
    fn dates_agree_when_one_contains_the_other() {
        assert!(d("2025-06", Some(Mod::End)).compatible(d("2025-06-30", None)));
        assert!(!d("2025-06", Some(Mod::Start)).compatible(d("2025-06-30", None)));
        assert!(d("2025", None).compatible(d("2025-03-13", None)));
        assert!(!d("2025-07", None).compatible(d("2025-06-30", None)));
        assert!(!d("2025-03-10", None).compatible(d("2025-03-11", None)));
        assert!(d("2025-03-13", None).compatible(d("2025-03-13TNI", None)));
    }

    #[test]
    fn approximate_amounts_agree_with_close_exact_ones() {
        assert!(a(240.0, Bound::Exact).compatible(a(240.0, Bound::Exact)));
        assert!(!a(240.0, Bound::Exact).compatible(a(260.0, Bound::Approx)));
        assert!(a(250.0, Bound::Exact).compatible(a(260.0, Bound::Approx)));
        assert!(!a(12.0, Bound::Exact).compatible(a(14.0, Bound::Exact)));
        assert!(a(260.0, Bound::Exact).compatible(a(240.0, Bound::Min)));
        assert!(!a(260.0, Bound::Exact).compatible(a(150.0, Bound::Max)));
        assert!(a(45e6, Bound::Exact).compatible(a(45.1e6, Bound::Exact)));
    }

    #[test]
    fn values_are_shown_for_people() {
        assert_eq!(show_amount(260.0, Bound::Approx), "about 260");
        assert_eq!(show_date("2025-06", Some(Mod::End)), "2025-06 END");
    }
}
