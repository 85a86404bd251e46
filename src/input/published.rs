//! Publication dates from metadata, in any common form, normalised to ISO 8601.
//!
//! Accepted: `2025-03-14`, `2025/03/14`, `2025-03-14T09:30:00Z` (and offsets, fractions, a
//! space for `T`), RFC 2822 (`Fri, 14 Mar 2025 09:30:00 +0000`), and written dates
//! (`March 14, 2025`, `Mar. 14, 2025`, `14 March 2025`, `Friday, March 14, 2025`). The calendar
//! work is `jiff`'s: invalid dates (February 30) are rejected, not wrapped.

use std::sync::LazyLock;

use jiff::civil::{Date, DateTime};
use regex::Regex;

/// A publication date: the calendar date extractors resolve against, and its ISO form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Published {
    /// The date as the outlet saw it (local to the given offset, if any).
    pub date: Date,
    /// ISO 8601: `2025-03-14`, `2025-03-14T09:30:00`, `2025-03-14T09:30:00Z` or with `+01:00`.
    pub iso: String,
}

// A fixed, tested pattern: compiling it cannot fail on any input.
static ISO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?(?:[.,]\d+)?)?\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?$",
    )
    .expect("valid ISO date pattern")
});

const WRITTEN: [&str; 16] = [
    "%B %d, %Y",
    "%B %d %Y",
    "%d %B %Y",
    "%d %B, %Y",
    "%A, %B %d, %Y",
    "%A %B %d, %Y",
    "%A, %d %B %Y",
    "%A %d %B %Y",
    "%b %d, %Y",
    "%b %d %Y",
    "%d %b %Y",
    "%d %b, %Y",
    "%a, %b %d, %Y",
    "%a %b %d, %Y",
    "%a, %d %b %Y",
    "%a %d %b %Y",
];

/// Parses a metadata date, or `None` when it is not a date newsrake recognises.
pub fn parse_published(s: &str) -> Option<Published> {
    let s = s.trim();
    if let Some(c) = ISO.captures(s) {
        let num = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<i16>().ok());
        let date = Date::new(num(1)?, num(2)? as i8, num(3)? as i8).ok()?;
        let Some(h) = num(4) else {
            return Some(Published {
                date,
                iso: date.to_string(),
            });
        };
        let dt = DateTime::from_parts(
            date,
            jiff::civil::Time::new(h as i8, num(5)? as i8, num(6).unwrap_or(0) as i8, 0).ok()?,
        );
        let offset = match c.get(7).map(|m| m.as_str()) {
            None => String::new(),
            Some("Z" | "UTC" | "GMT") => "Z".to_string(),
            Some(o) => {
                let o = o.replace(':', "");
                if o == "+0000" || o == "-0000" {
                    "Z".to_string()
                } else {
                    format!("{}:{}", &o[..3], &o[3..])
                }
            }
        };
        return Some(Published {
            date,
            iso: format!("{}{offset}", dt.strftime("%Y-%m-%dT%H:%M:%S")),
        });
    }
    if let Ok(z) = jiff::fmt::rfc2822::parse(s) {
        let off = z.offset();
        let iso = if off.seconds() == 0 {
            format!("{}Z", z.strftime("%Y-%m-%dT%H:%M:%S"))
        } else {
            z.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string()
        };
        return Some(Published {
            date: z.date(),
            iso,
        });
    }
    // Written dates: drop the full stop of an abbreviated month and ordinal suffixes.
    let cleaned = clean_written(s);
    for f in WRITTEN {
        if let Ok(tm) = jiff::fmt::strtime::parse(f, &cleaned)
            && let Ok(date) = tm.to_date()
        {
            return Some(Published {
                date,
                iso: date.to_string(),
            });
        }
    }
    None
}

fn clean_written(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        let (core, comma) = match w.strip_suffix(',') {
            Some(c) => (c, ","),
            None => (w, ""),
        };
        let core = core.strip_suffix('.').unwrap_or(core);
        let core = ["st", "nd", "rd", "th"]
            .iter()
            .find_map(|suf| {
                core.strip_suffix(suf)
                    .filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
            })
            .unwrap_or(core);
        out.push_str(core);
        out.push_str(comma);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn iso(s: &str) -> String {
        parse_published(s).map(|p| p.iso).unwrap_or_default()
    }

    #[test]
    fn forms() {
        assert_eq!(iso("2025-03-14"), "2025-03-14");
        assert_eq!(iso("2025/3/4"), "2025-03-04");
        assert_eq!(iso("2025-03-14T09:30:00Z"), "2025-03-14T09:30:00Z");
        assert_eq!(
            iso("2025-03-14T09:30:00.123+01:00"),
            "2025-03-14T09:30:00+01:00"
        );
        assert_eq!(iso("2025-03-14 09:30"), "2025-03-14T09:30:00");
        assert_eq!(iso("March 14, 2025"), "2025-03-14");
        assert_eq!(iso("Mar. 14, 2025"), "2025-03-14");
        assert_eq!(iso("14 March 2025"), "2025-03-14");
        assert_eq!(iso("Friday, March 14th, 2025"), "2025-03-14");
        assert_eq!(
            iso("Fri, 14 Mar 2025 09:30:00 +0000"),
            "2025-03-14T09:30:00Z"
        );
        assert_eq!(
            iso("Fri, 14 Mar 2025 23:30:00 -0500"),
            "2025-03-14T23:30:00-05:00"
        );
    }

    #[test]
    fn local_date_is_kept() {
        let p = parse_published("2025-03-14T23:30:00-05:00").unwrap();
        assert_eq!(p.date.to_string(), "2025-03-14");
    }

    #[test]
    fn rejects_non_dates() {
        assert_eq!(iso("2025-02-30"), "");
        assert_eq!(iso("soon"), "");
        assert_eq!(iso(""), "");
    }
}
