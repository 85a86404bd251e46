//! Ranges: the first end of "three to five years", "March 3-5" and "1962-63" is an expression
//! of its own, completed from the other end (the unit, the month, the century).
//!
//! The patterns find the end that names its unit ("five years", "March 3", "1962"); this pass
//! adds the bare number on the other side of `to`, `-`, `or` or `between … and`.

use super::lexer::{Cat, Shape, Tok};
use super::{Anchor, DateMention, DateType};
use crate::span::Span;

/// Words that join the two ends of a range.
fn is_joiner(t: &Tok<'_>) -> bool {
    t.is("to")
        || t.is("or")
        || t.is("through")
        || t.is("and")
        || matches!(t.shape, Shape::Punct('-' | '–' | '—'))
}

/// A plain integer token (not money), its value and digit count.
fn int(t: &Tok<'_>) -> Option<(i64, u8)> {
    match t.shape {
        Shape::Int {
            v,
            digits,
            money: false,
        } => Some((v, digits)),
        _ => None,
    }
}

/// `P9M` → (`P`, 9, `M`); `PT12H` → (`PT`, 12, `H`). Only one count, no fraction.
fn split_duration(v: &str) -> Option<(&str, f64, &str)> {
    let head = if v.starts_with("PT") { 2 } else { 1 };
    if !v.starts_with('P') {
        return None;
    }
    let digits = v[head..].bytes().take_while(u8::is_ascii_digit).count();
    let unit = &v[head + digits..];
    if digits == 0 || unit.is_empty() || !unit.bytes().all(|c| c.is_ascii_uppercase()) {
        return None;
    }
    Some((&v[..head], v[head..head + digits].parse().ok()?, unit))
}

fn mention(t: &Tok<'_>, kind: DateType, value: String, anchor: Anchor) -> DateMention {
    DateMention {
        span: Span::new(t.start, t.end),
        kind,
        value,
        modifier: None,
        anchor,
    }
}

/// Whether a span is free: no mention of this window overlaps it (`out` is in text order and
/// its mentions do not overlap, so only the neighbours of its place need a look).
fn free(out: &[DateMention], s: Span) -> bool {
    let k = out.partition_point(|m| m.span.start() < s.start());
    let overlaps = |m: &DateMention| m.span.start() < s.end() && s.start() < m.span.end();
    !(k > 0 && overlaps(&out[k - 1]) || out.get(k).is_some_and(overlaps))
}

/// The first ends of ranges among the mentions `out[first..]`, found in `toks`, inserted in
/// text order.
pub(crate) fn complete(toks: &[Tok<'_>], out: &mut Vec<DateMention>, first: usize) {
    let mut added = Vec::new();
    for m in &out[first..] {
        let Some(a) = super::value::index_of(toks, m.span.start()) else {
            continue;
        };
        // The last token of the mention: the one just before the first token starting at or
        // after its end.
        let z = toks.partition_point(|t| t.start < m.span.end());
        let Some(z) = z
            .checked_sub(1)
            .filter(|&z| z >= a && toks[z].end == m.span.end())
        else {
            continue;
        };
        match m.kind {
            DateType::Duration => {
                // "three to five years", "between 6 and 9 months", "two or three days".
                let Some((head, n, unit)) = split_duration(&m.value) else {
                    continue;
                };
                if a < 2 || toks[a].number() != Some(n) || !is_joiner(&toks[a - 1]) {
                    continue;
                }
                let and = toks[a - 1].is("and");
                if and && !(a >= 3 && toks[a - 3].is("between")) {
                    continue;
                }
                let Some(first_n) = toks[a - 2].number() else {
                    continue;
                };
                if first_n >= n || first_n <= 0.0 || first_n.fract() != 0.0 {
                    continue;
                }
                let v = format!("{head}{}{unit}", first_n as i64);
                added.push(mention(&toks[a - 2], DateType::Duration, v, m.anchor));
            }
            DateType::Date => {
                let v = &m.value;
                let b = v.as_bytes();
                let day = v.len() == 10 && b[4] == b'-' && b[7] == b'-';
                let year = v.len() == 4 && b.iter().all(u8::is_ascii_digit) && a == z;
                if day {
                    let Ok(d) = v[8..].parse::<i64>() else {
                        continue;
                    };
                    // "March 3-5", "March 3 to 5": the second day, after the first.
                    if int(&toks[z]).is_some_and(|(x, _)| x == d)
                        && let (Some(j), Some(t)) = (toks.get(z + 1), toks.get(z + 2))
                        && is_joiner(j)
                        && !j.is("or")
                        && let Some((x, 1..=2)) = int(t)
                        && x > d
                        && x <= 31
                        && !toks.get(z + 3).is_some_and(|n| {
                            [Cat::Month, Cat::Unit, Cat::Units, Cat::AmPm]
                                .iter()
                                .any(|&c| n.entry(c).is_some())
                                || matches!(n.shape, Shape::Punct('%' | ':'))
                        })
                    {
                        let value = format!("{}-{x:02}", &v[..7]);
                        if valid_day(&value) {
                            added.push(mention(t, DateType::Date, value, m.anchor));
                        }
                    }
                    // "3-5 March": the first day, before the second.
                    if int(&toks[a]).is_some_and(|(x, _)| x == d)
                        && a >= 2
                        && is_joiner(&toks[a - 1])
                        && !toks[a - 1].is("or")
                        && let Some((x, 1..=2)) = int(&toks[a - 2])
                        && x < d
                        && x >= 1
                    {
                        let value = format!("{}-{x:02}", &v[..7]);
                        if valid_day(&value) {
                            added.push(mention(&toks[a - 2], DateType::Date, value, m.anchor));
                        }
                    }
                } else if year {
                    // "1962-63": the second year, in the first one's century.
                    let Ok(y) = v.parse::<i64>() else {
                        continue;
                    };
                    if let (Some(j), Some(t)) = (toks.get(z + 1), toks.get(z + 2))
                        && matches!(j.shape, Shape::Punct('-' | '–'))
                        && let Some((x, 2)) = int(t)
                        && t.start == j.end
                        && j.start == toks[z].end
                    {
                        let mut y2 = y - y % 100 + x;
                        if y2 <= y {
                            y2 += 100;
                        }
                        if y2 - y <= 100 {
                            added.push(mention(t, DateType::Date, format!("{y2:04}"), m.anchor));
                        }
                    }
                }
            }
            _ => {}
        }
    }
    if added.is_empty() {
        return;
    }
    // Checked against the window's own mentions (in order), and against each other: a number
    // between two mentions ("May 3-5 June") is added once.
    added.sort_by_key(|m| m.span.start());
    let existing = out.len();
    let mut last_end = 0;
    for m in added {
        if m.span.start() >= last_end && free(&out[first..existing], m.span) {
            last_end = m.span.end();
            out.push(m);
        }
    }
    out[first..].sort_by_key(|m| m.span.start());
}

fn valid_day(v: &str) -> bool {
    v.parse::<jiff::civil::Date>().is_ok()
}

/// Joins a length told in two units into one ("five years and six months" is `P5Y6M`, "4hr
/// 52min" is `PT4H52M`): the larger unit first, joined by "and", a comma or nothing. The
/// second mention's span is emptied for the caller to drop.
pub(crate) fn compound(text: &str, out: &mut [DateMention], first: usize) {
    let rank = |head: &str, unit: &str| -> Option<u8> {
        match (head, unit) {
            ("P", "Y") | ("PT", "H") => Some(0),
            ("P", "M") | ("PT", "M") => Some(1),
            ("P", "D") | ("PT", "S") => Some(2),
            _ => None,
        }
    };
    for k in first..out.len().saturating_sub(1) {
        let (a, b) = (&out[k], &out[k + 1]);
        if a.kind != DateType::Duration
            || b.kind != DateType::Duration
            || b.modifier.is_some()
            || a.span.is_empty()
            || b.span.start() < a.span.end()
        {
            continue;
        }
        let between = text.get(a.span.end()..b.span.start()).unwrap_or("x").trim();
        if !matches!(between, "" | "and" | ",") {
            continue;
        }
        let (Some((h1, n1, u1)), Some((h2, n2, u2))) =
            (split_duration(&a.value), split_duration(&b.value))
        else {
            continue;
        };
        let (Some(r1), Some(r2)) = (rank(h1, u1), rank(h2, u2)) else {
            continue;
        };
        if h1 != h2 || r1 >= r2 {
            continue;
        }
        let value = format!("{h1}{}{u1}{}{u2}", n1 as i64, n2 as i64);
        let end = b.span.end();
        out[k].value = value;
        out[k].span = Span::new(out[k].span.start(), end);
        out[k + 1].span = Span::new(end, end);
    }
}
