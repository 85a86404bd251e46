//! Actions: from a matched pattern's tokens to a TIMEX3 type, value, mod and anchor. All
//! calendar arithmetic is `jiff`'s.

use jiff::ToSpan;
use jiff::civil::{Date, Weekday};
use serde::Serialize;

use super::grammar::Binds;
use super::lexer::{Cat, Shape, Tok};

/// The actions `patterns.txt` may name.
pub(crate) const ACTIONS: &[&str] = &[
    "ago",
    "century",
    "clock",
    "clock_dur",
    "date",
    "date_year_rel",
    "decade",
    "deictic",
    "deictic_pod",
    "duration",
    "following",
    "half",
    "holiday",
    "in_n",
    "iso",
    "later",
    "month",
    "pod",
    "quarter",
    "ref",
    "ref_the",
    "rel",
    "season",
    "set",
    "set_every",
    "set_freq",
    "slash",
    "weekday",
    "weekday_pod",
    "day_only",
    "month_year",
    "quarter_last",
    "quarter_year_ago",
    "ref_dir",
    "year_quarter",
    "ref_now",
    "weekend",
    "year",
    "year_end",
    "year_ago",
    "year_bare",
    "following_day",
    "that_unit",
    "in_the_unit",
    "ref_fut",
    "rel_close",
];

/// TIMEX3 types.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum DateType {
    /// A calendar date or period.
    Date,
    /// A time of day.
    Time,
    /// A length of time.
    Duration,
    /// A recurrence.
    Set,
}

impl DateType {
    /// The TIMEX3 name.
    pub fn name(self) -> &'static str {
        match self {
            DateType::Date => "DATE",
            DateType::Time => "TIME",
            DateType::Duration => "DURATION",
            DateType::Set => "SET",
        }
    }
}

/// TIMEX3 `mod` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[allow(missing_docs)]
pub enum Mod {
    Start,
    Mid,
    End,
    Approx,
    MoreThan,
    LessThan,
    EqualOrMore,
    EqualOrLess,
}

impl Mod {
    /// The TIMEX3 name.
    pub fn name(self) -> &'static str {
        match self {
            Mod::Start => "START",
            Mod::Mid => "MID",
            Mod::End => "END",
            Mod::Approx => "APPROX",
            Mod::MoreThan => "MORE_THAN",
            Mod::LessThan => "LESS_THAN",
            Mod::EqualOrMore => "EQUAL_OR_MORE",
            Mod::EqualOrLess => "EQUAL_OR_LESS",
        }
    }

    pub(crate) fn from_name(s: &str) -> Option<Mod> {
        Some(match s {
            "START" => Mod::Start,
            "MID" => Mod::Mid,
            "END" => Mod::End,
            "APPROX" => Mod::Approx,
            "MORE_THAN" => Mod::MoreThan,
            "LESS_THAN" => Mod::LessThan,
            "EQUAL_OR_MORE" => Mod::EqualOrMore,
            "EQUAL_OR_LESS" => Mod::EqualOrLess,
            _ => return None,
        })
    }
}

/// What a value was resolved against.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Anchor {
    /// Fully written out (or not a calendar value at all).
    Absolute,
    /// Resolved against the publication date.
    Published,
    /// Resolved against an earlier date in the text.
    Previous,
    /// No publication date: the value keeps only what the text says.
    Unresolved,
}

impl Anchor {
    /// The column value.
    pub fn name(self) -> &'static str {
        match self {
            Anchor::Absolute => "absolute",
            Anchor::Published => "published",
            Anchor::Previous => "previous",
            Anchor::Unresolved => "unresolved",
        }
    }
}

/// The state carried through an article.
pub(crate) struct Context {
    pub dct: Option<Date>,
    /// The last day-precise date the text gave (for "two days later").
    pub last_date: Option<Date>,
    /// Whether that date gave its day (`March 5`), not only its month (`March`).
    pub last_day_known: bool,
    /// The last quarter the text named (`1989-Q3`): in reports that compare quarters,
    /// "a year ago" is that quarter a year before.
    pub last_quarter: Option<(i64, i64)>,
    /// The year of the last date the text wrote out with its year (`In 2022, …`): in a
    /// narrative told in the past, "the end of the year" is the end of that year.
    pub last_year: Option<i64>,
    pub day_first: bool,
}

impl Context {
    /// What "two days later" counts from: the last date the text gave, else the publication
    /// date.
    fn base(&self) -> Option<(Date, Anchor)> {
        match (self.last_date, self.dct) {
            (Some(d), _) => Some((d, Anchor::Previous)),
            (None, Some(d)) => Some((d, Anchor::Published)),
            (None, None) => None,
        }
    }
}

/// An action's result.
#[derive(Debug)]
pub(crate) struct Resolved {
    pub kind: DateType,
    pub value: String,
    pub modifier: Option<Mod>,
    pub anchor: Anchor,
    /// A clock time with no day of its own (`3 p.m.`): joins an adjacent day.
    pub clock: Option<String>,
}

fn res(kind: DateType, value: String, anchor: Anchor) -> Option<Resolved> {
    Some(Resolved {
        kind,
        value,
        modifier: None,
        anchor,
        clock: None,
    })
}

/// Whether the sentence around token `at` looks ahead (future) or back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Tense {
    Past,
    Future,
    /// No tense word in the sentence.
    Unknown,
}

/// The tense around token `at`, and whether a lexicon word (not just a word in -ed) said so:
/// a strong future word (`will`) in the few words before it, else the nearest tense word
/// before it (lexicon `TENSE`, or a word in -ed), else the nearest after it. "since" just
/// before the expression means the past. An arrangement ("is to resume", "are set to meet",
/// "is expected to disclose", "are due to meet", "as early as") looks ahead; one that lay ahead in the past ("had been due", "had planned")
/// looks back.
pub(crate) fn tense(toks: &[Tok<'_>], at: usize) -> (Tense, bool) {
    let before = |j: usize, k: usize| j.checked_sub(k).map(|x| &toks[x]);
    let marker = |j: usize| {
        let t = &toks[j];
        // ("is to blame" is no arrangement.)
        let plan =
            |p: &Tok<'_>| p.is("expected") || p.is("due") || p.is("scheduled") || p.is("slated");
        let now = |p: &Tok<'_>| p.is("is") || p.is("are") || p.is("'s");
        if t.is("to")
            && before(j, 1).is_some_and(|p| p.is("is") || p.is("are") || p.is("set"))
            && !toks.get(j + 1).is_some_and(|n| n.is("blame"))
            // "is expected to disclose", "are due to meet": an arrangement of the present.
            || t.is("to")
                && before(j, 1).is_some_and(plan)
                && before(j, 2).is_some_and(now)
            || t.is("early")
                && before(j, 1).is_some_and(|p| p.is("as"))
                && toks.get(j + 1).is_some_and(|n| n.is("as"))
        {
            return Some((Tense::Future, true));
        }
        match t.entry(Cat::Tense) {
            Some(e) if e.num == 1 => {
                let had = |k: usize| before(j, k).is_some_and(|p| p.is("had"));
                if had(1) || had(2) && before(j, 1).is_some_and(|p| p.is("been")) {
                    Some((Tense::Past, true))
                } else {
                    Some((Tense::Future, true))
                }
            }
            Some(e) if e.num > 0 => Some((Tense::Future, true)),
            // A past participle after "be" says nothing of the past ("would be paid", "to be
            // built"): the word before it tells.
            Some(_) if before(j, 1).is_some_and(|p| p.is("be")) => None,
            Some(_) => Some((Tense::Past, true)),
            // A participle after "be" ("to be completed", "will be finished") says nothing
            // of the past.
            // Nor does one after an article or a possessive ("the reduced dividend", "its
            // planned merger"): an adjective.
            // An adverb between them changes nothing: "a still unspecified date", "the
            // newly formed unit".
            None if in_ed(t)
                && !before(j, 1).is_some_and(makes_adjective)
                && !(before(j, 1).is_some_and(|p| {
                    p.is("still") || p.is("yet") || p.text.len() > 4 && p.text.ends_with("ly")
                }) && before(j, 2).is_some_and(makes_adjective)) =>
            {
                Some((Tense::Past, false))
            }
            None => None,
        }
    };
    if at > 0 && toks[at - 1].is("since") {
        return (Tense::Past, true);
    }
    let strong = |t: &Tok<'_>| t.entry(Cat::Tense).is_some_and(|e| e.num == 2);
    if toks[at.saturating_sub(6)..at].iter().any(strong) {
        return (Tense::Future, true);
    }
    // "until" looks ahead only when no verb before it tells the tense: "the road was kept
    // shut until Thursday" is the Thursday before.
    let mut until = None;
    // A relative clause closed before the expression tells nothing of its tense: "The sale,
    // which had been expected, is part of a plan to pay the loan by February." (Looks at most
    // 40 words each way.)
    let aside = |j: usize| {
        let rel = |t: &Tok<'_>| t.is("which") || t.is("who") || t.is("whose");
        let mut k = j;
        let opened = loop {
            if k < j && toks[k].is(",") {
                break false;
            }
            if rel(&toks[k]) && k > 0 && toks[k - 1].is(",") {
                break true;
            }
            if k == 0 || j - k >= 40 {
                break false;
            }
            k -= 1;
        };
        opened && toks[j + 1..at].iter().take(40).any(|t| t.is(","))
    };
    for j in (0..at).rev() {
        if aside(j) {
            continue;
        }
        if let Some(t) = marker(j) {
            if toks[j].is("until") {
                until.get_or_insert((t, j));
                continue;
            }
            // "postponed until Tuesday", "has given them until Friday": a time limit set in
            // the past lies ahead.
            if let Some((u, k)) = until
                && toks[j..k].iter().any(|t| t.entry(Cat::Deadline).is_some())
            {
                return u;
            }
            return t;
        }
    }
    // "Until Thursday, they had not called him a suspect": the past perfect ends in the past.
    if until.is_some()
        && let Some(j) = (at..toks.len()).find(|&j| marker(j).is_some())
        && toks[j].is("had")
    {
        return (Tense::Past, true);
    }
    let until = until.map(|(t, _)| t);
    until
        .or_else(|| (at..toks.len()).find_map(marker))
        .unwrap_or((Tense::Unknown, false))
}

fn get<'a>(toks: &'a [Tok<'a>], b: &Binds, cat: Cat) -> Option<&'a Tok<'a>> {
    b.iter().find(|(c, _)| *c == cat).map(|&(_, i)| &toks[i])
}

fn num_of(toks: &[Tok<'_>], b: &Binds, cat: Cat) -> Option<i64> {
    let t = get(toks, b, cat)?;
    match (cat, t.shape) {
        (Cat::Year | Cat::Int | Cat::Day, Shape::Int { v, .. }) => Some(v),
        (Cat::Day | Cat::OrdDay, Shape::OrdNum(v)) => Some(v),
        _ => t
            .entry(cat)
            .or_else(|| t.entry(Cat::Ord))
            .map(|e| e.num)
            .or_else(|| t.number().map(|f| f as i64)),
    }
}

fn str_of(toks: &[Tok<'_>], b: &Binds, cat: Cat) -> Option<&'static str> {
    get(toks, b, cat)?.entry(cat).map(|e| e.s)
}

/// The relative direction bound by PREV / NEXT / THIS / FOLLOWING, if any.
fn direction(span: &[Tok<'_>], b: &Binds) -> Option<i64> {
    if span
        .iter()
        .any(|t| t.is("previous") || t.is("preceding") || t.is("prior"))
    {
        return Some(-1);
    }
    b.iter().find_map(|(c, _)| match c {
        Cat::Prev => Some(-1),
        Cat::Next | Cat::Following => Some(1),
        Cat::This => Some(0),
        _ => None,
    })
}

/// A count: NUM (digits, words), ART (1), FUZZY (None = "X").
fn count(toks: &[Tok<'_>], b: &Binds) -> Option<Option<f64>> {
    if let Some(t) = get(toks, b, Cat::Num) {
        return t.number().map(Some);
    }
    if get(toks, b, Cat::Art).is_some() {
        return Some(Some(1.0));
    }
    if get(toks, b, Cat::Fuzzy).is_some() {
        return Some(None);
    }
    None
}

fn unit_of(toks: &[Tok<'_>], b: &Binds) -> Option<&'static str> {
    str_of(toks, b, Cat::Unit).or_else(|| str_of(toks, b, Cat::Units))
}

fn fmt_num(n: f64) -> String {
    if n.fract() == 0.0 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// `P3Y`, `PT48H`, `PXD`, `P2Y6M` for a count and a unit code.
fn duration_value(n: Option<f64>, unit: &str) -> String {
    // A fraction becomes whole units and a remainder in the next smaller unit when exact.
    if let Some(x) = n
        && x.fract() != 0.0
    {
        let (per, small) = match unit {
            "Y" => (12.0, "M"),
            "D" => (24.0, "H"),
            "H" => (60.0, "MIN"),
            "MIN" => (60.0, "S"),
            "W" => (7.0, "D"),
            _ => (0.0, ""),
        };
        let rest = x.fract() * per;
        if per > 0.0 && rest.fract().abs() < 1e-9 {
            let whole = x.trunc() as i64;
            let rest = rest as i64;
            let t = |u: &str| matches!(u, "H" | "MIN" | "S");
            let part = |v: i64, u: &str| match u {
                "MIN" => format!("{v}M"),
                u => format!("{v}{u}"),
            };
            let mut out = String::from("P");
            let mut in_time = false;
            for (v, u) in [(whole, unit), (rest, small)] {
                if v == 0 {
                    continue;
                }
                if t(u) && !in_time {
                    out.push('T');
                    in_time = true;
                }
                out.push_str(&part(v, u));
            }
            return out;
        }
    }
    let (n, unit) = match (n, unit) {
        (Some(n), "FN") => (Some(n * 2.0), "W"),
        (n, u) => (n, u),
    };
    let n = n.map_or_else(|| "X".to_string(), fmt_num);
    match unit {
        "S" => format!("PT{n}S"),
        "MIN" => format!("PT{n}M"),
        "H" => format!("PT{n}H"),
        "ML" => format!("P{n}L"),
        "FN" => format!("P{n}W"),
        u => format!("P{n}{u}"),
    }
}

/// Decades, centuries and millennia: units whose shift gives a period, not a point.
fn is_long_unit(unit: &str) -> bool {
    matches!(unit, "DE" | "CE" | "ML")
}

fn ymd(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

fn ym(y: i64, m: i64) -> String {
    format!("{y:04}-{m:02}")
}

fn week(d: Date) -> String {
    let w = d.iso_week_date();
    format!("{:04}-W{:02}", w.year(), w.week())
}

fn quarter_of(d: Date) -> i64 {
    (d.month() as i64 - 1) / 3 + 1
}

/// `d` moved by `n` units, written at that unit's precision.
fn shift(d: Date, n: i64, unit: &str) -> Option<String> {
    Some(match unit {
        "D" => ymd(d.checked_add(n.days()).ok()?),
        "W" => week(d.checked_add(n.weeks()).ok()?),
        "FN" => week(d.checked_add((2 * n).weeks()).ok()?),
        "WE" => format!("{}-WE", week(d.checked_add(n.weeks()).ok()?)),
        "M" => {
            let x = d.checked_add(n.months()).ok()?;
            ym(x.year() as i64, x.month() as i64)
        }
        "Q" => {
            let x = d.checked_add((3 * n).months()).ok()?;
            format!("{:04}-Q{}", x.year(), quarter_of(x))
        }
        "Y" => format!("{:04}", d.year() as i64 + n),
        "DE" => format!("{:03}", (d.year() as i64 + 10 * n).div_euclid(10)),
        "CE" => format!("{:02}", (d.year() as i64 + 100 * n).div_euclid(100)),
        "H" | "MIN" | "S" => ymd(d),
        _ => return None,
    })
}

fn weekday_of(n: i64) -> Option<Weekday> {
    Weekday::from_monday_one_offset(n as i8).ok()
}

/// The weekday `wd` nearest `dct` in direction `dir` (-1 before, 1 after, 0 tense decides).
fn resolve_weekday(dct: Date, wd: Weekday, dir: i64, tense: Tense) -> Option<Date> {
    let back = |strict: bool| -> Option<Date> {
        let mut d = if strict { dct.yesterday().ok()? } else { dct };
        while d.weekday() != wd {
            d = d.yesterday().ok()?;
        }
        Some(d)
    };
    let fwd = |strict: bool| -> Option<Date> {
        let mut d = if strict { dct.tomorrow().ok()? } else { dct };
        while d.weekday() != wd {
            d = d.tomorrow().ok()?;
        }
        Some(d)
    };
    match (dir, tense) {
        (-1, _) => back(true),
        (1, _) => fwd(true),
        (_, Tense::Future) => fwd(false),
        (_, _) => back(false),
    }
}

/// The year of a month (and day) the text gives without one: the occurrence nearest the
/// publication date, unless the tense says the other way or the publication year's is
/// about as near (then the publication year, or the tense, decides).
fn infer_year(dct: Date, month: i64, day: Option<i64>, tense: Tense, strong: bool) -> i64 {
    let y = dct.year() as i64;
    // Distance in days from the publication date to the month (or day) in year `c`.
    let dist = |c: i64| -> Option<i64> {
        let d =
            jiff::civil::Date::new(c as i16, month as i8, day.unwrap_or(15).min(28) as i8).ok()?;
        Some((d - dct).get_days() as i64)
    };
    let (Some(here), Some(back), Some(ahead)) = (dist(y), dist(y - 1), dist(y + 1)) else {
        return y;
    };
    // Without a day the publication year is strongly preferred: "in March" said in October
    // is this March. A day makes the nearest occurrence the likely one.
    let margin = if day.is_some() { 45 } else { 120 };
    let mut best = y;
    let mut best_d = here.abs();
    for (c, d) in [(y - 1, back), (y + 1, ahead)] {
        // A past verb never moves a month into the next year ("closed in January", said in
        // October, is the January before), nor a future one into the last.
        let allowed = match tense {
            Tense::Past if strong => d <= 0 || c < y,
            Tense::Future if strong => d >= 0 || c > y,
            _ => true,
        };
        if allowed && d.abs() + margin < best_d {
            best = c;
            best_d = d.abs();
        }
    }
    // A clear tense overrides a near tie with the publication year.
    match tense {
        Tense::Past if best == y && here > 0 && (back.abs() - here.abs()).abs() < margin => y - 1,
        Tense::Future if best == y && here < 0 && (ahead.abs() - here.abs()).abs() < margin => {
            y + 1
        }
        _ => best,
    }
}

fn season_code(s: &str) -> i64 {
    match s {
        "SP" => 1,
        "SU" => 2,
        "FA" => 3,
        _ => 4,
    }
}

/// The year of a season relative to `d`: seasons are numbered from their first month
/// (spring March, summer June, autumn September, winter December of its year).
fn season_year(d: Date, want: i64, dir: Option<i64>, tense: Tense) -> i64 {
    let start = |y: i64, s: i64| y * 12 + 3 * s; // month index of the season's start
    let m = d.year() as i64 * 12 + d.month() as i64;
    let y = d.year() as i64;
    // The instance of `want` that contains d, or began most recently before it.
    let mut cur = y;
    while start(cur, want) > m {
        cur -= 1;
    }
    let current_contains = m < start(cur, want) + 3;
    match dir {
        Some(-1) => {
            if current_contains {
                cur - 1
            } else {
                cur
            }
        }
        Some(1) => cur + 1,
        // "this summer": the one of the publication year ("this winter" in January: the one
        // that began in December).
        Some(_) => {
            if want == 4 && d.month() <= 2 {
                y - 1
            } else {
                y
            }
        }
        None => match tense {
            Tense::Past => cur,
            _ => {
                if current_contains {
                    cur
                } else {
                    cur + 1
                }
            }
        },
    }
}

/// A word in -ed: a past verb, unless what stands before it makes it a participle.
fn in_ed(t: &Tok<'_>) -> bool {
    t.shape == Shape::Word && t.text.len() > 4 && t.text.ends_with("ed")
}

/// Words after which a word in -ed is a participle or an adjective, not a past verb: "be"
/// ("to be completed"), an article or a possessive ("the reduced dividend").
fn makes_adjective(p: &Tok<'_>) -> bool {
    p.is("be") || p.entry(Cat::Det).is_some() || p.entry(Cat::The).is_some()
}

/// The index of the token starting at byte `start` (tokens are in order: a binary search, so
/// that no rule scans the window once per expression).
pub(crate) fn index_of(toks: &[Tok<'_>], start: usize) -> Option<usize> {
    toks.binary_search_by_key(&start, |t| t.start).ok()
}

/// Whether a verb in -ed stands at most three words before the expression, after its subject
/// (not after an article: "the reduced dividend").
fn past_verb_just_before(toks: &[Tok<'_>], span: &[Tok<'_>]) -> bool {
    let Some(first) = span.first() else {
        return false;
    };
    let Some(at) = index_of(toks, first.start) else {
        return false;
    };
    (at.saturating_sub(3)..at).any(|j| {
        let t = &toks[j];
        in_ed(t)
            && !t.cap
            && j > 0
            && toks[j - 1].shape == Shape::Word
            && !makes_adjective(&toks[j - 1])
    })
}

/// True when the words around tokens `start..end` show that a match of action `name` is no
/// date: "since the second world war" (an ordinal before its noun), "in his 30s" (an age).
pub(crate) fn vetoed(name: &str, toks: &[Tok<'_>], start: usize, end: usize) -> bool {
    match name {
        // A written ordinal before a noun: "the second world war", not "the 2nd".
        "day_only" => {
            let word = |t: &Tok<'_>| {
                t.text.starts_with(|c: char| c.is_ascii_lowercase())
                    && t.text.chars().all(char::is_alphabetic)
            };
            // "on the 14th day of the shutdown", "the 3rd round": a numeric ordinal before a
            // noun counts, it names no day ("on the 5th at noon" still does).
            let numeric = |t: &Tok<'_>| t.text.starts_with(|c: char| c.is_ascii_digit());
            let noun = |t: &Tok<'_>| {
                word(t)
                    && !matches!(
                        t.text,
                        "of" | "at"
                            | "in"
                            | "on"
                            | "and"
                            | "or"
                            | "when"
                            | "after"
                            | "before"
                            | "to"
                            | "from"
                            | "until"
                            | "as"
                            | "but"
                            | "with"
                            | "by"
                            | "for"
                            | "the"
                            | "this"
                            | "that"
                            | "was"
                            | "is"
                            | "will"
                    )
            };
            end > start
                && (word(&toks[end - 1]) && toks.get(end).is_some_and(word)
                    || numeric(&toks[end - 1]) && toks.get(end).is_some_and(noun))
        }
        // "today's youth", "today's world": the present age, not the day.
        "deictic" => {
            toks[start].entry(Cat::Deictic).is_some_and(|e| e.num == 0)
                && toks
                    .get(end)
                    .is_some_and(|t| t.is("'s") || t.is("\u{2019}s"))
                && toks
                    .get(end + 1)
                    .is_some_and(|t| t.entry(Cat::Nowadays).is_some())
        }
        "decade" => {
            start > 0
                && matches!(
                    toks[start - 1].text,
                    "his" | "her" | "their" | "my" | "your" | "our" | "its"
                )
        }
        // "the index closed at 2082", "it stood at 1950": a market's level, not a year.
        "year" | "year_bare" => {
            start >= 2
                && toks[start - 1].is("at")
                && matches!(
                    toks[start - 2].text,
                    "closed"
                        | "close"
                        | "closing"
                        | "stood"
                        | "stands"
                        | "ended"
                        | "ending"
                        | "finished"
                        | "opened"
                        | "traded"
                        | "settled"
                        | "peaked"
                        | "level"
                )
        }
        // "the Communist Party daily Granma", "the German weekly Der Spiegel": a newspaper
        // between its description and its title, not a recurrence.
        "set" => {
            end == start + 1
                && start > 0
                && toks[start - 1].cap
                && toks.get(end).is_some_and(|t| t.cap)
        }
        _ => false,
    }
}

/// True when the duration at tokens `start..end` is a rate: "$500 million a year", "four
/// flights a week", "24 hours a day" — a set (TIMEX3 `SET`), like "annually".
pub(crate) fn is_rate(toks: &[Tok<'_>], start: usize, end: usize) -> bool {
    end == start + 2
        && matches!(toks[start].text, "a" | "per")
        && start > 0
        && {
            let p = &toks[start - 1];
            matches!(
                p.shape,
                Shape::Int { .. } | Shape::Grouped(_) | Shape::Decimal(_)
            ) || p.numword.is_some()
                || matches!(p.text, "million" | "billion" | "thousand" | "trillion")
                || p.text.len() > 3
                    && p.text.ends_with('s')
                    && !p.text.ends_with("ss")
                    && p.text.starts_with(|c: char| c.is_ascii_lowercase())
        }
        && !toks
            .get(end)
            .is_some_and(|t| matches!(t.text, "ago" | "earlier" | "later" | "before" | "after"))
}

/// Runs action `name` on the bindings.
pub(crate) fn act(
    name: &str,
    toks: &[Tok<'_>],
    span: &[Tok<'_>],
    next: Option<&Tok<'_>>,
    b: &Binds,
    (tense, strong): (Tense, bool),
    ctx: &Context,
) -> Option<Resolved> {
    use Anchor::*;
    use DateType::*;
    let dct = ctx.dct;
    let rel_anchor = if dct.is_some() { Published } else { Unresolved };
    // A verb in the past just before the expression ("closed in January") is as sure as a
    // tense word.
    let strong = strong || tense == Tense::Past && past_verb_just_before(toks, span);
    match name {
        // "14 February last year": that day of the year before the publication's.
        "date_year_rel" => {
            let month = num_of(toks, b, Cat::Month)?;
            let d = num_of(toks, b, Cat::Day)?;
            let dir = direction(span, b).unwrap_or(0);
            match dct {
                Some(dct) => {
                    let y = dct.year() as i64 + dir;
                    let date = jiff::civil::Date::new(y as i16, month as i8, d as i8).ok()?;
                    res(Date, ymd(date), Published)
                }
                None => res(Date, format!("XXXX-{month:02}-{d:02}"), Unresolved),
            }
        }
        "date" => {
            let month = num_of(toks, b, Cat::Month)?;
            let day = num_of(toks, b, Cat::Day);
            if let Some(year) = num_of(toks, b, Cat::Year) {
                return match day {
                    Some(d) => {
                        let date =
                            jiff::civil::Date::new(year as i16, month as i8, d as i8).ok()?;
                        res(Date, ymd(date), Absolute)
                    }
                    None => res(Date, ym(year, month), Absolute),
                };
            }
            let d = day?;
            match (dct, direction(span, b)) {
                // "last Oct. 23": the most recent one before the publication date; "next
                // March 3": the first one after it.
                (Some(dct), Some(dir @ (-1 | 1))) => {
                    let y = dct.year() as i64;
                    let date = [y - 1, y, y + 1]
                        .into_iter()
                        .filter_map(|c| jiff::civil::Date::new(c as i16, month as i8, d as i8).ok())
                        .filter(|x| if dir < 0 { *x < dct } else { *x > dct })
                        .min_by_key(|x| (*x - dct).get_days().abs())?;
                    res(Date, ymd(date), Published)
                }
                (Some(dct), _) => {
                    let mut y = infer_year(dct, month, Some(d), tense, strong);
                    // A weekday written beside the date picks the year it falls on.
                    if let Some(wd) = num_of(toks, b, Cat::Weekday).and_then(weekday_of) {
                        let fits = |y: i64| {
                            jiff::civil::Date::new(y as i16, month as i8, d as i8)
                                .is_ok_and(|x| x.weekday() == wd)
                        };
                        if let Some(best) = [y, y - 1, y + 1].into_iter().find(|&c| fits(c)) {
                            y = best;
                        }
                    }
                    let date = jiff::civil::Date::new(y as i16, month as i8, d as i8).ok()?;
                    res(Date, ymd(date), Published)
                }
                (None, _) => {
                    jiff::civil::Date::new(2000, month as i8, d as i8).ok()?;
                    res(Date, format!("XXXX-{month:02}-{d:02}"), Unresolved)
                }
            }
        }
        "day_only" => {
            let d = num_of(toks, b, Cat::OrdDay)?;
            match dct {
                Some(dct) => {
                    let mut m = dct.first_of_month();
                    let here = dct.day() as i64;
                    if tense == Tense::Past && d > here {
                        m = m.checked_sub(1.month()).ok()?;
                    } else if tense == Tense::Future && d < here {
                        m = m.checked_add(1.month()).ok()?;
                    }
                    let date = jiff::civil::Date::new(m.year(), m.month(), d as i8).ok()?;
                    res(Date, ymd(date), Published)
                }
                None => res(Date, format!("XXXX-XX-{d:02}"), Unresolved),
            }
        }
        "iso" => {
            let t = get_shape(toks, b, |s| matches!(s, Shape::Iso(..)))?;
            let Shape::Iso(y, m, d) = t.shape else {
                return None;
            };
            res(Date, ymd(jiff::civil::Date::new(y, m, d).ok()?), Absolute)
        }
        "slash" => {
            let t = get_shape(toks, b, |s| matches!(s, Shape::Slash(..)))?;
            let Shape::Slash(a, m2, c, digits) = t.shape else {
                return None;
            };
            let year = if digits == 2 {
                if c <= 30 { 2000 + c } else { 1900 + c }
            } else {
                c
            };
            let (month, day) = if a > 12 || (ctx.day_first && m2 <= 12) {
                (m2, a)
            } else {
                (a, m2)
            };
            let date = jiff::civil::Date::new(year as i16, month as i8, day as i8).ok()?;
            res(Date, ymd(date), Absolute)
        }
        "month" => {
            let month = num_of(toks, b, Cat::Month)?;
            match (dct, direction(span, b)) {
                (Some(dct), dir) => {
                    let y = dct.year() as i64;
                    let cur = dct.month() as i64;
                    let year = match dir {
                        Some(-1) => {
                            if month < cur {
                                y
                            } else {
                                y - 1
                            }
                        }
                        Some(1) => {
                            if month > cur {
                                y
                            } else {
                                y + 1
                            }
                        }
                        Some(_) => y,
                        None => infer_year(dct, month, None, tense, strong),
                    };
                    res(Date, ym(year, month), Published)
                }
                (None, _) => res(Date, format!("XXXX-{month:02}"), Unresolved),
            }
        }
        "year_bare" => {
            // A four-digit number with no cue: a year only in the range news mostly writes.
            let y = num_of(toks, b, Cat::Year)?;
            if !(1900..=2049).contains(&y) {
                return None;
            }
            // After a capitalised word inside a sentence, part of a name: "a venture called
            // Orion 1980", "Euro 2004", "Vision 2030".
            let at = index_of(toks, span.first()?.start)?;
            if at >= 2
                && toks[at - 1].shape == Shape::Word
                && toks[at - 1].cap
                && toks[at - 1].lex.is_empty()
                && toks[at - 2].shape == Shape::Word
            {
                return None;
            }
            res(Date, format!("{y:04}"), Absolute)
        }
        "year" => {
            let y = num_of(toks, b, Cat::Year)?;
            res(Date, format!("{y:04}"), Absolute)
        }
        "year_ago" if ctx.last_quarter.is_some() => {
            let q = year_before_quarter(ctx, "Y", Some(Some(1.0)))?;
            res(Date, q, Published)
        }
        "year_ago" => match dct {
            Some(d) => res(Date, format!("{:04}", d.year() as i64 - 1), Published),
            None => res(Date, "XXXX".into(), Unresolved),
        },
        "year_end" => {
            let mut r = match dct {
                Some(d) => res(Date, format!("{:04}", d.year()), Published)?,
                None => res(Date, "XXXX".into(), Unresolved)?,
            };
            r.modifier = Some(Mod::End);
            Some(r)
        }
        "month_year" => {
            let month = num_of(toks, b, Cat::Month)?;
            let dir = direction(span, b).unwrap_or(0);
            match dct {
                Some(d) => res(Date, ym(d.year() as i64 + dir, month), Published),
                None => res(Date, format!("XXXX-{month:02}"), Unresolved),
            }
        }
        "quarter_last" | "quarter_year_ago" => {
            let back = if name == "quarter_last" { 1 } else { 5 };
            match dct {
                Some(d) => {
                    let x = d.checked_sub((3 * back).months()).ok()?;
                    res(
                        Date,
                        format!("{:04}-Q{}", x.year(), quarter_of(x)),
                        Published,
                    )
                }
                None => res(Date, "XXXX-QX".into(), Unresolved),
            }
        }
        // "the 1988 quarter", "last year's period", "the same period last year": in a report
        // that named its quarter, that quarter of the other year; else the year.
        "year_quarter" => {
            let y = match num_of(toks, b, Cat::Year) {
                Some(y) => y,
                None => {
                    ctx.last_quarter
                        .map(|(y, _)| y)
                        .or(dct.map(|d| d.year() as i64))?
                        - 1
                }
            };
            match ctx.last_quarter {
                Some((_, q)) => res(Date, format!("{y:04}-Q{q}"), Previous),
                None => res(Date, format!("{y:04}"), rel_anchor),
            }
        }
        "ref_dir" => {
            let v = if b.iter().any(|(c, _)| *c == Cat::Prev) {
                "PAST_REF"
            } else {
                "FUTURE_REF"
            };
            res(Date, v.into(), Absolute)
        }
        "ref_now" => res(Date, "PRESENT_REF".into(), Absolute),
        "ref_fut" => res(Date, "FUTURE_REF".into(), Absolute),
        "following_day" => {
            let Some((base, anchor)) = ctx.base() else {
                return res(Date, "XXXX-XX-XX".into(), Unresolved);
            };
            res(Date, ymd(base.tomorrow().ok()?), anchor)
        }
        "that_unit" | "in_the_unit" => {
            // "later that year", "earlier in the day": the unit of the date the text last
            // gave; "later in the day" with no date before it is the day of publication.
            let unit = unit_of(toks, b)?;
            // "Results for that quarter": the quarter the report last named.
            if unit == "Q"
                && let Some((y, q)) = ctx.last_quarter
            {
                return res(Date, format!("{y:04}-Q{q}"), Previous);
            }
            match ctx.last_date {
                // "that same day" after "in October": a day of that month.
                Some(d) if unit == "D" && !ctx.last_day_known => res(
                    Date,
                    format!("{}-XX", ym(d.year() as i64, d.month() as i64)),
                    Previous,
                ),
                Some(d) => res(Date, shift(d, 0, unit)?, Previous),
                None if name == "in_the_unit" => match dct {
                    Some(d) => res(Date, shift(d, 0, unit)?, Published),
                    None => res(Date, unknown_at(unit), Unresolved),
                },
                None => None,
            }
        }
        "weekend" => {
            let dir = direction(span, b).unwrap_or(0);
            match dct {
                Some(d) => {
                    let sat = resolve_weekday(d, Weekday::Saturday, dir, tense)?;
                    res(Date, format!("{}-WE", week(sat)), Published)
                }
                None => res(Date, "XXXX-WXX-WE".into(), Unresolved),
            }
        }
        "decade" => {
            let (v, short) = match num_of(toks, b, Cat::DecadeWord) {
                Some(v) => (v, true),
                None => {
                    let t = get_shape(toks, b, |s| matches!(s, Shape::Decade(..)))?;
                    let Shape::Decade(v, short) = t.shape else {
                        return None;
                    };
                    (v, short)
                }
            };
            if !short {
                return res(Date, format!("{v:03}"), Absolute);
            }
            // '90s: the latest such decade not after the publication year.
            let (century, anchor) = match dct {
                Some(d) => {
                    let y = d.year() as i64;
                    let c = y / 100;
                    if c * 100 + v > y {
                        (c - 1, Published)
                    } else {
                        (c, Published)
                    }
                }
                None => (if v >= 30 { 19 } else { 20 }, Absolute),
            };
            res(Date, format!("{:03}", century * 10 + v / 10), anchor)
        }
        "century" => {
            let n = num_of(toks, b, Cat::OrdDay).or_else(|| num_of(toks, b, Cat::Ord))?;
            if !(1..=30).contains(&n) {
                return None;
            }
            res(Date, format!("{:02}", n - 1), Absolute)
        }
        "weekday" | "weekday_pod" => {
            let wd = weekday_of(num_of(toks, b, Cat::Weekday)?)?;
            let pod = str_of(toks, b, Cat::Pod);
            let (kind, suffix) = match pod {
                Some(p) if name == "weekday_pod" => (Time, format!("T{p}")),
                _ => (Date, String::new()),
            };
            // "the previous Friday", "the preceding Monday": the one before the day the text
            // is telling, not before publication.
            let anaphoric = span
                .iter()
                .any(|t| t.is("previous") || t.is("preceding") || t.is("prior"))
                && span
                    .first()
                    .and_then(|f| index_of(toks, f.start))
                    .and_then(|i| i.checked_sub(1))
                    .is_some_and(|i| toks[i].is("the"));
            if anaphoric
                && ctx.last_day_known
                && let Some(last) = ctx.last_date
            {
                let d = resolve_weekday(last, wd, -1, tense)?;
                return res(kind, format!("{}{suffix}", ymd(d)), Previous);
            }
            match dct {
                Some(dct) => {
                    // A weekday's event ("Wednesday's ruling", "Friday's close") has happened:
                    // news writes it of the past or of the day itself, never of one ahead.
                    let owned = next.is_some_and(|n| n.is("'s") || n.is("\u{2019}s"));
                    let tense = if owned { Tense::Past } else { tense };
                    let d = resolve_weekday(dct, wd, direction(span, b).unwrap_or(0), tense)?;
                    res(kind, format!("{}{suffix}", ymd(d)), Published)
                }
                None => res(
                    kind,
                    format!("XXXX-WXX-{}{suffix}", wd.to_monday_one_offset()),
                    Unresolved,
                ),
            }
        }
        "deictic" | "deictic_pod" => {
            let n = num_of(toks, b, Cat::Deictic)?;
            let pod = str_of(toks, b, Cat::Pod);
            let (kind, suffix) = match pod {
                Some(p) => (Time, format!("T{p}")),
                None => (Date, String::new()),
            };
            day_offset(dct, n, kind, &suffix)
        }
        "pod" => {
            let (offset, pod) = if get(toks, b, Cat::Tonight).is_some() {
                (0, "NI")
            } else {
                // A part of day bound by the pattern, or one written as a literal ("overnight").
                let p = str_of(toks, b, Cat::Pod)
                    .or_else(|| span.iter().find_map(|t| t.entry(Cat::Pod).map(|e| e.s)))?;
                let off = match num_of(toks, b, Cat::Deictic) {
                    Some(n) => n,
                    None if direction(span, b) == Some(-1) => -1,
                    None => 0,
                };
                (off, p)
            };
            day_offset(dct, offset, Time, &format!("T{pod}"))
        }
        "rel" | "rel_close" => {
            // Bare "weekend" is matched as a literal: no unit bound.
            let unit = unit_of(toks, b).unwrap_or("WE");
            let bound_dir = direction(span, b);
            let dir = bound_dir.unwrap_or(0);
            if matches!(unit, "H" | "MIN" | "S") {
                return res(Duration, duration_value(Some(1.0), unit), Absolute);
            }
            let end = |r: Option<Resolved>| {
                r.map(|mut r| {
                    if name == "rel_close" {
                        r.modifier = Some(Mod::End);
                    }
                    r
                })
            };
            // "In 2022 … as the year drew to a close": a narrative in the past names the year
            // it is telling, not the year of publication.
            if unit == "Y"
                && bound_dir.is_none()
                && let Some(y) = ctx.last_year
                && dct.is_none_or(|d| i64::from(d.year()) != y)
                && (tense == Tense::Past || dct.is_none() && tense != Tense::Future)
            {
                return end(res(Date, format!("{y:04}"), Anchor::Previous));
            }
            end(match dct {
                Some(d) => res(Date, shift(d, dir, unit)?, Published),
                None => res(Date, unknown_at(unit), Unresolved),
            })
        }
        "ago" | "in_n" | "later"
            if get(toks, b, Cat::Unit)
                .or_else(|| get(toks, b, Cat::Units))
                .is_some_and(|t| t.cap) =>
        {
            None
        }
        "ago" | "in_n" => {
            let unit = unit_of(toks, b)?;
            if name == "ago"
                && let Some(q) = year_before_quarter(ctx, unit, count(toks, b))
            {
                return res(Date, q, Published);
            }
            let n = if span.iter().any(|t| t.is("couple")) {
                Some(2.0)
            } else {
                // "months ago": no count, a vague past.
                count(toks, b).unwrap_or(None)
            };
            let sign = if name == "ago" { -1 } else { 1 };
            // "a decade ago" is the year ten years back, not the decade before this one.
            let (n, unit) = match (n, unit) {
                (Some(n), "DE") if name == "ago" => (Some(n * 10.0), "Y"),
                (Some(n), "CE") if name == "ago" => (Some(n * 100.0), "Y"),
                (n, u) => (n, u),
            };
            let Some(n) = n else {
                let r = if sign < 0 { "PAST_REF" } else { "FUTURE_REF" };
                return res(Date, r.into(), rel_anchor);
            };
            // Only a future verb makes "in five years" a date: "the worst storm in 30 years"
            // and "it has grown in 30 years" are lengths of time.
            if name == "in_n" && tense != Tense::Future {
                return res(Duration, duration_value(Some(n), unit), Absolute);
            }
            match dct {
                Some(d) => res(Date, shift_frac(d, sign as f64 * n, unit)?, Published),
                None => res(Date, unknown_at(unit), Unresolved),
            }
        }
        "later" => {
            let unit = unit_of(toks, b)?;
            let n = count(toks, b)??;
            let sign = if get(toks, b, Cat::Earlier).is_some() {
                -1.0
            } else {
                1.0
            };
            if sign < 0.0
                && let Some(q) = year_before_quarter(ctx, unit, Some(Some(n)))
            {
                return res(Date, q, Published);
            }
            // "two decades later": a length of time from a point the text may not give, never
            // a decade value.
            if is_long_unit(unit) {
                return res(Duration, duration_value(Some(n), unit), Absolute);
            }
            let Some((base, anchor)) = ctx.base() else {
                return res(Date, unknown_at(unit), Unresolved);
            };
            res(Date, shift_frac(base, sign * n, unit)?, anchor)
        }
        "following" => {
            let unit = unit_of(toks, b)?;

            // "the coming decade", "the following century": a period, not a decade value.
            if is_long_unit(unit) {
                return res(Duration, duration_value(Some(1.0), unit), Absolute);
            }
            let dir = direction(span, b).unwrap_or(1);
            let Some((base, anchor)) = ctx.base() else {
                return res(Date, unknown_at(unit), Unresolved);
            };
            res(Date, shift(base, dir, unit)?, anchor)
        }
        "duration" => {
            let unit = unit_of(toks, b)?;
            let n = if span.iter().any(|t| t.is("couple")) {
                Some(2.0)
            } else if b
                .iter()
                .any(|(c, _)| matches!(c, Cat::Num | Cat::Art | Cat::Fuzzy))
            {
                count(toks, b)?
            } else if b
                .iter()
                .any(|(c, _)| matches!(c, Cat::Prev | Cat::Next | Cat::Unit))
            {
                Some(1.0)
            } else {
                None
            };
            // "half an hour" is half of one; "a year and a half", "two and a half years" one
            // half more.
            let half = span.iter().any(|t| t.is("half"));
            let n = match n {
                Some(_) if span.first().is_some_and(|t| t.is("half")) => Some(0.5),
                Some(n) if half => Some(n + 0.5),
                n => n,
            };
            // "a second", "one second": an ordinal or a moment, not a duration.
            if unit == "S" && n == Some(1.0) && get(toks, b, Cat::Num).is_none() {
                return None;
            }
            let hyphen = span.iter().any(|t| t.shape == Shape::Punct('-'));
            let plural = get(toks, b, Cat::Units).is_some();
            // "37 years old", "a 6-year-old": an age, not a duration (TimeML leaves ages out).
            let old = |t: &Tok<'_>| t.is("old") || t.is("olds");
            if next.is_some_and(old)
                || (next.is_some_and(|t| t.shape == Shape::Punct('-')) && toks.iter().any(old))
            {
                return None;
            }
            // "60 Minutes": a title, not a duration.
            if get(toks, b, Cat::Unit)
                .or_else(|| get(toks, b, Cat::Units))
                .is_some_and(|t| t.cap)
            {
                return None;
            }
            // "a year-earlier loss": the adjective "year-earlier", not "a year".
            if next.is_some_and(|t| t.shape == Shape::Punct('-'))
                && let Some(j) = next.and_then(|n| index_of(toks, n.start))
                && toks
                    .get(j + 1)
                    .is_some_and(|t| t.is("earlier") || t.is("ago") || t.is("end"))
            {
                return None;
            }
            // "three-quarters": a fraction; "1988 second": a year and an ordinal.
            if hyphen && plural && get(toks, b, Cat::Num).is_some() {
                return None;
            }
            // "five year low" is a duration, "1988 second" is not.
            let modifier_position = next.is_some_and(|t| t.shape == Shape::Word && !t.cap);
            if !hyphen
                && !plural
                && !half
                && n.is_some_and(|n| n > 1.0 && (n >= 1000.0 || !modifier_position))
            {
                return None;
            }
            let mut r = res(Duration, duration_value(n, unit), Absolute)?;
            if span.iter().any(|t| t.is("couple")) {
                r.modifier = Some(Mod::Approx);
            }
            Some(r)
        }
        "set" => {
            // "a quarterly dividend", "his daily life": TimeML marks the adjective too, except
            // as a noun with an article ("its initial quarterly of five cents").
            // Reports of earnings write "quarterly dividend" and "average daily volume" as
            // measures, not as times.
            let adjective = next.is_some_and(|n| n.shape == Shape::Word && !n.cap);
            let first = span.first()?;
            let before = index_of(toks, first.start)
                .and_then(|j| j.checked_sub(1))
                .map(|j| &toks[j]);
            if next.is_some_and(|n| n.is("of"))
                || adjective && first.is("quarterly")
                || adjective && before.is_some_and(|t| t.is("average"))
            {
                return None;
            }
            // "the Coastal Daily": a capitalised adverb inside a sentence is part of a name.
            if span.first().is_some_and(|t| t.cap)
                && toks
                    .first()
                    .is_some_and(|f| span.first().is_some_and(|t| t.start > f.start))
            {
                return None;
            }
            res(Set, str_of(toks, b, Cat::SetAdv)?.into(), Absolute)
        }
        "set_every" => {
            if let Some(wd) =
                num_of(toks, b, Cat::Weekday).or_else(|| num_of(toks, b, Cat::Weekdays))
            {
                // "Tuesday nights", "Sunday mornings": that part of every such day.
                let pod = str_of(toks, b, Cat::Pods)
                    .map(|p| format!("T{p}"))
                    .unwrap_or_default();
                return res(Set, format!("XXXX-WXX-{wd}{pod}"), Absolute);
            }
            if let Some(s) = str_of(toks, b, Cat::Season) {
                return res(Set, format!("XXXX-{s}"), Absolute);
            }
            if let Some(m) = num_of(toks, b, Cat::Month) {
                return res(Set, format!("XXXX-{m:02}"), Absolute);
            }
            // "each evening": that part of every day.
            if let Some(p) = str_of(toks, b, Cat::Pod) {
                return res(Set, format!("XXXX-XX-XXT{p}"), Absolute);
            }
            res(Set, duration_value(Some(1.0), unit_of(toks, b)?), Absolute)
        }
        "set_freq" => res(Set, duration_value(Some(1.0), unit_of(toks, b)?), Absolute),
        "quarter" => {
            let n = if let Some(t) = get_shape(toks, b, |s| matches!(s, Shape::Qn(_))) {
                let Shape::Qn(q) = t.shape else { return None };
                q as i64
            } else {
                num_of(toks, b, Cat::Ord)?
            };
            if !(1..=4).contains(&n) {
                return None;
            }
            if let Some(y) = num_of(toks, b, Cat::Year) {
                return res(Date, format!("{y:04}-Q{n}"), Absolute);
            }
            match dct {
                Some(d) => {
                    let y = d.year() as i64;
                    let dir = direction(span, b);
                    let this = dir == Some(0);
                    // "next year's first quarter", "last year's third quarter".
                    let y = if let Some(dir @ (-1 | 1)) = dir {
                        y + dir
                    } else if this || n <= quarter_of(d) || tense == Tense::Future {
                        y
                    } else {
                        y - 1
                    };
                    res(Date, format!("{y:04}-Q{n}"), Published)
                }
                None => res(Date, format!("XXXX-Q{n}"), Unresolved),
            }
        }
        "half" => {
            // "the last half" is the second.
            let n = num_of(toks, b, Cat::Ord).map(|n| if n == -1 { 2 } else { n })?;
            if !(1..=2).contains(&n) {
                return None;
            }
            if let Some(y) = num_of(toks, b, Cat::Year) {
                return res(Date, format!("{y:04}-H{n}"), Absolute);
            }
            match dct {
                Some(d) => {
                    let y = d.year() as i64 + direction(span, b).unwrap_or(0);
                    res(Date, format!("{y:04}-H{n}"), Published)
                }
                None => res(Date, format!("XXXX-H{n}"), Unresolved),
            }
        }
        "season" => {
            let s = str_of(toks, b, Cat::Season)?;
            if let Some(y) = num_of(toks, b, Cat::Year) {
                return res(Date, format!("{y:04}-{s}"), Absolute);
            }
            // "the fall of the Berlin Wall": a noun, not a season.
            if next.is_some_and(|t| t.is("of")) {
                return None;
            }
            match dct {
                Some(d) => {
                    let year = season_year(d, season_code(s), direction(span, b), tense);
                    res(Date, format!("{year:04}-{s}"), Published)
                }
                None => res(Date, format!("XXXX-{s}"), Unresolved),
            }
        }
        "holiday" => {
            // `12-25` (a fixed day), `11-TH4` (the fourth Thursday of November), `05-MO-1` (the
            // last Monday of May), `11-MO1+1` (the day after the first Monday); `/day` after
            // the rule: only with the word "Day" ("Labor Day", not "labor").
            let md = str_of(toks, b, Cat::Holiday)?;
            let (md, needs_day) = match md.strip_suffix("/day") {
                Some(rest) => (rest, true),
                None => (md, false),
            };
            if needs_day && !span.iter().any(|t| t.is("day") && t.cap) {
                return None;
            }
            // `E`: Easter Sunday (the Gregorian computus), then `+k` or `-k` days.
            let easter = md.strip_prefix('E').map(|k| {
                if k.is_empty() {
                    Some(0)
                } else {
                    k.parse::<i64>().ok()
                }
            });
            let (m, rule) = match easter {
                Some(_) => ("04", "E"),
                None => md.split_once('-')?,
            };
            let m: i64 = m.parse().ok()?;
            let (rule, offset) = match (easter, rule.split_once('+')) {
                (Some(k), _) => (rule, k?),
                (None, Some((r, k))) => (r, k.parse::<i64>().ok()?),
                (None, None) => (rule, 0),
            };
            let day_in = |y: i64| -> Option<jiff::civil::Date> {
                if easter.is_some() {
                    let e = computus::gregorian(i32::try_from(y).ok()?).ok()?;
                    return jiff::civil::Date::new(
                        i16::try_from(y).ok()?,
                        i8::try_from(e.month).ok()?,
                        i8::try_from(e.day).ok()?,
                    )
                    .ok()?
                    .checked_add(offset.days())
                    .ok();
                }
                match rule.parse::<i64>() {
                    Ok(day) => jiff::civil::Date::new(y as i16, m as i8, day as i8).ok(),
                    Err(_) => {
                        let wd = match rule.get(..2)? {
                            "MO" => Weekday::Monday,
                            "TU" => Weekday::Tuesday,
                            "TH" => Weekday::Thursday,
                            _ => return None,
                        };
                        let nth: i8 = rule[2..].parse().ok()?;
                        jiff::civil::Date::new(y as i16, m as i8, 1)
                            .ok()?
                            .nth_weekday_of_month(nth, wd)
                            .ok()?
                            .checked_add(offset.days())
                            .ok()
                    }
                }
            };
            match dct {
                Some(d) => {
                    let probe = day_in(d.year() as i64)?;
                    let y = infer_year(d, m, Some(probe.day() as i64), tense, strong);
                    let day = day_in(y)?;
                    // "Easter week": the week holding the day.
                    if span.last().is_some_and(|t| t.is("week")) {
                        return res(Date, week(day), Published);
                    }
                    if span.last().is_some_and(|t| t.is("weekend")) {
                        // "the Labor Day weekend": the weekend nearest the day (the one before
                        // a Monday, the one after a Thursday).
                        let sat = (-3..=3)
                            .filter_map(|k: i64| day.checked_add(k.days()).ok())
                            .find(|x| x.weekday() == Weekday::Saturday)?;
                        return res(Date, format!("{}-WE", week(sat)), Published);
                    }
                    res(Date, ymd(day), Published)
                }
                None if rule.parse::<i64>().is_ok() => res(Date, format!("XXXX-{md}"), Unresolved),
                None => res(Date, "XXXX-XX-XX".into(), Unresolved),
            }
        }
        "clock" => {
            // "High Noon": a film, not a time.
            if span.first().is_some_and(|t| t.is("noon")) && toks.iter().any(|t| t.is("high")) {
                return None;
            }
            let hm = clock(toks, b)?;
            // A clock time with no day is on the last day the text named ("on Monday night
            // … The blast happened at 9.40pm"), when that day is near publication; else on
            // the publication day.
            let near =
                |x: jiff::civil::Date, d: jiff::civil::Date| (-7..=1).contains(&(x - d).get_days());
            let (value, anchor) = match (ctx.last_date, dct) {
                (Some(x), Some(d)) if ctx.last_day_known && near(x, d) => {
                    (format!("{}T{hm}", ymd(x)), Previous)
                }
                (_, Some(d)) => (format!("{}T{hm}", ymd(d)), Published),
                (_, None) => (format!("XXXX-XX-XXT{hm}"), Unresolved),
            };
            let mut r = res(Time, value, anchor)?;
            r.clock = Some(hm);
            Some(r)
        }
        "clock_dur" => {
            // "a 2:05 marathon", "finishing in 2:14:09"; "2:05 p.m." and "10:30 GMT" are times.
            if next.is_some_and(|t| t.entry(Cat::AmPm).is_some() || t.entry(Cat::Tz).is_some()) {
                return None;
            }
            let (h, m, s) = match span.first()?.shape {
                Shape::Hms(h, m, s) => (h, m, s),
                Shape::Clock(h, m) => (h, m, 0),
                _ => return None,
            };
            let mut v = String::from("PT");
            for (n, u) in [(h, 'H'), (m, 'M'), (s, 'S')] {
                if n > 0 {
                    v.push_str(&format!("{n}{u}"));
                }
            }
            if v.len() == 2 {
                return None;
            }
            res(Duration, v, Absolute)
        }
        "ref" => res(Date, str_of(toks, b, Cat::Ref)?.into(), Absolute),
        "ref_the" => {
            let v = if span.iter().any(|t| t.is("future")) {
                "FUTURE_REF"
            } else {
                "PAST_REF"
            };
            res(Date, v.into(), Absolute)
        }
        _ => None,
    }
}

/// The publication day moved by `n` days, with a suffix (`TMO`); `XXXX-XX-XX` without it.
fn day_offset(dct: Option<Date>, n: i64, kind: DateType, suffix: &str) -> Option<Resolved> {
    match dct {
        Some(d) => {
            let day = ymd(d.checked_add(n.days()).ok()?);
            res(kind, format!("{day}{suffix}"), Anchor::Published)
        }
        None => res(kind, format!("XXXX-XX-XX{suffix}"), Anchor::Unresolved),
    }
}

fn get_shape<'a>(toks: &'a [Tok<'a>], b: &Binds, f: impl Fn(Shape) -> bool) -> Option<&'a Tok<'a>> {
    b.iter().map(|&(_, i)| &toks[i]).find(|t| f(t.shape))
}

/// `hh:mm` of a clock expression (`3 p.m.`, `15:30`, `noon`).
fn clock(toks: &[Tok<'_>], b: &Binds) -> Option<String> {
    if let Some(n) = str_of(toks, b, Cat::Noon) {
        return Some(n.to_string());
    }
    let (mut h, m) = if let Some(t) = get_shape(toks, b, |s| matches!(s, Shape::Clock(..))) {
        let Shape::Clock(h, m) = t.shape else {
            return None;
        };
        (h as i64, m as i64)
    } else {
        (num_of(toks, b, Cat::Int)?, 0)
    };
    if let Some(ap) = str_of(toks, b, Cat::AmPm) {
        if !(1..=12).contains(&h) {
            return None;
        }
        if ap == "PM" && h < 12 {
            h += 12;
        } else if ap == "AM" && h == 12 {
            h = 0;
        }
    }
    if h > 24 || m > 59 {
        return None;
    }
    Some(format!("{h:02}:{m:02}"))
}

/// A shift by a possibly fractional count (1.5 years → 18 months).
fn shift_frac(d: Date, n: f64, unit: &str) -> Option<String> {
    if n.fract() == 0.0 {
        return shift(d, n as i64, unit);
    }
    let (months, u) = match unit {
        "Y" => ((n * 12.0).round() as i64, "M"),
        "DE" => ((n * 120.0).round() as i64, "M"),
        _ => return shift(d, n.round() as i64, unit),
    };
    shift(d, months, u)
}

/// "A year ago" in a text that is comparing quarters: the same quarter a year before.
fn year_before_quarter(ctx: &Context, unit: &str, n: Option<Option<f64>>) -> Option<String> {
    let (y, q) = ctx.last_quarter?;
    (unit == "Y" && n == Some(Some(1.0))).then(|| format!("{:04}-Q{q}", y - 1))
}

/// The value of an unresolvable relative date at a unit's precision.
fn unknown_at(unit: &str) -> String {
    match unit {
        "Y" => "XXXX".into(),
        "M" => "XXXX-XX".into(),
        "W" | "FN" => "XXXX-WXX".into(),
        "WE" => "XXXX-WXX-WE".into(),
        "Q" => "XXXX-QX".into(),
        "DE" => "XXX".into(),
        "CE" => "XX".into(),
        _ => "XXXX-XX-XX".into(),
    }
}

/// The ISO week of a day value (`2000-03-06` → `2000-W10`).
pub(crate) fn week_of_day(v: &str) -> Option<String> {
    if !is_day(v) {
        return None;
    }
    Some(week(v.parse::<Date>().ok()?))
}

/// True when a value names one day (`2025-03-11`).
pub(crate) fn is_day(v: &str) -> bool {
    v.len() == 10 && v.as_bytes()[4] == b'-' && v.as_bytes()[7] == b'-' && !v.contains('X')
}

/// The year and quarter a value names (`1989-Q3`).
pub(crate) fn parse_quarter(v: &str) -> Option<(i64, i64)> {
    let (y, q) = v.split_once("-Q")?;
    Some((y.parse().ok()?, q.parse().ok()?))
}

/// The day a value names (`2025-03-11`), or the first day of the month it names (`2025-03`).
pub(crate) fn parse_day_or_month(v: &str) -> Option<Date> {
    if is_day(v) {
        return v.parse().ok();
    }
    let (y, m) = v.split_once('-')?;
    if y.len() != 4 || m.len() != 2 {
        return None;
    }
    jiff::civil::Date::new(y.parse().ok()?, m.parse().ok()?, 1).ok()
}

/// Joins a clock time with no day (`3 p.m.`) to an adjacent day (`Tuesday`, `March 5`): the
/// time takes the day, the span covers both, and the day mention is emptied (removed later).
pub(crate) fn join_clock_and_day(text: &str, out: &mut [super::DateMention], first: usize) {
    let n = out.len();
    for k in first..n.saturating_sub(1) {
        let (a, b) = (&out[k], &out[k + 1]);
        let gap_ok =
            |x: &super::DateMention, y: &super::DateMention| y.span.start() >= x.span.end();
        if !gap_ok(a, b) {
            continue;
        }
        let (time_idx, day_idx) =
            if a.kind == DateType::Time && is_clock_value(&a.value) && is_day(&b.value) {
                (k, k + 1)
            } else if b.kind == DateType::Time && is_clock_value(&b.value) && is_day(&a.value) {
                (k + 1, k)
            } else {
                continue;
            };
        // Only short glue between them: white space, a comma, "on", "at".
        let glue = text
            .get(out[k].span.end()..out[k + 1].span.start())
            .unwrap_or("x")
            .trim_matches(|c: char| c.is_whitespace() || c == ',');
        // "10:35 a.m. (0735 GMT) Friday": the clock is on that day, and both stay as written.
        let aside = glue
            .strip_suffix(" on")
            .or_else(|| glue.strip_suffix(" at"))
            .unwrap_or(glue);
        if time_idx == k && is_aside(aside) {
            let (day, anchor) = (out[day_idx].value.clone(), out[day_idx].anchor);
            put_on_day(&mut out[time_idx], &day, anchor);
            continue;
        }
        if !matches!(glue, "" | "on" | "at" | "On" | "At") {
            continue;
        }
        let day = out[day_idx].value.clone();
        let t = out[time_idx]
            .value
            .rsplit('T')
            .next()
            .unwrap_or("")
            .to_string();
        let span = crate::span::Span::new(out[k].span.start(), out[k + 1].span.end());
        let anchor = out[day_idx].anchor;
        let m = &mut out[time_idx];
        m.value = format!("{day}T{t}");
        m.span = span;
        m.anchor = anchor;
        let d = &mut out[day_idx];
        d.span = crate::span::Span::new(d.span.start(), d.span.start());
    }
}

/// A short parenthesis and nothing else ("(0735 GMT)").
fn is_aside(glue: &str) -> bool {
    glue.len() <= 24
        && glue.starts_with('(')
        && glue.ends_with(')')
        && !glue[1..glue.len() - 1].contains(['(', ')'])
}

/// "4 in the morning (4 a.m. EDT Thursday)": a clock followed by a parenthesis that gives the
/// same moment with its day takes that day.
pub(crate) fn date_from_aside(text: &str, out: &mut [super::DateMention], first: usize) {
    for k in first..out.len().saturating_sub(1) {
        let (a, b) = (&out[k], &out[k + 1]);
        if a.kind != DateType::Time || !is_clock_value(&a.value) || b.span.start() < a.span.end() {
            continue;
        }
        let open = text.get(a.span.end()..b.span.start()).unwrap_or("x").trim();
        let close = text.get(b.span.end()..).unwrap_or("").trim_start();
        let day = b
            .value
            .split_once('T')
            .map(|(d, _)| d)
            .filter(|d| is_day(d));
        if open == "("
            && close.starts_with(')')
            && b.kind == DateType::Time
            && let Some(day) = day
        {
            let (day, anchor) = (day.to_string(), b.anchor);
            put_on_day(&mut out[k], &day, anchor);
        }
    }
}

/// A clock mention moved onto `day` (`2025-03-12T10:35` → `2025-03-14T10:35`).
fn put_on_day(m: &mut super::DateMention, day: &str, anchor: Anchor) {
    if let Some((_, t)) = m.value.rsplit_once('T') {
        m.value = format!("{day}T{t}");
        m.anchor = anchor;
    }
}

fn is_clock_value(v: &str) -> bool {
    v.rsplit_once('T')
        .is_some_and(|(_, t)| t.len() == 5 && t.as_bytes()[2] == b':')
}
