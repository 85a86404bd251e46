//! Amounts: cardinal numbers with what they count — `240 jobs`, `about 260 staff`, `$45
//! million`, `a third of`, `4.5%`, `twelve firefighters` — each with a numeric value and a
//! normalised unit, so that outlets can be compared on the numbers they give.
//!
//! The extractor walks each sentence's tokens once. A number (digits, number words, or a
//! fraction followed by `of`) becomes an amount only when it has a unit: a currency before it,
//! a percent sign or word after it, or a counted noun within the next three words. Numbers
//! inside temporal expressions (`38 years`, `5 October 2018`) are left to the dates extractor:
//! pass its spans to [`AmountExtractor::extract`]. Word lists (number words, units, modifiers,
//! words that are never counted nouns) are data files beside this module.
//!
//! Measures are amounts too: magnitudes (`a magnitude 5.8 earthquake`, `5.8-magnitude`),
//! distances (`10 km`, `a 30-mile stretch`), speeds (`90 mph`, `120 miles per hour`) and
//! temperatures (`minus 3C`, `40°C`, `40 degrees Celsius`).

use rustc_hash::FxHashMap;

use crate::Error;
use crate::rules::{List, Order};
use crate::segment::{Segmentation, TokenKind, push_lower, tokenize};
use crate::span::Span;

/// How exact an amount is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Bound {
    /// As written.
    Exact,
    /// Close to the number (`about`, `some`).
    Approx,
    /// The number or more (`more than`, `at least`).
    Min,
    /// The number or fewer (`up to`, `nearly`).
    Max,
}

impl Bound {
    /// The name written in `claims.csv`'s `mod` column: empty when exact.
    pub fn name(self) -> &'static str {
        match self {
            Bound::Exact => "",
            Bound::Approx => "approx",
            Bound::Min => "min",
            Bound::Max => "max",
        }
    }
}

/// One amount found in a text.
#[derive(Clone, Debug, PartialEq)]
pub struct Amount {
    /// From the modifier (or currency) to the unit.
    pub span: Span,
    /// The number, scales and fractions applied (`$45 million` → 45000000; `a third` → 33.33).
    pub value: f64,
    /// The normalised unit: a currency code, `percent`, or the counted noun (`jobs`).
    pub unit: String,
    /// How exact the number is.
    pub bound: Bound,
    /// The place value of the last digit written, scales applied: `43.6` → 0.1, `44` → 1,
    /// `2.4 million` → 100,000, `£45m` → 1,000,000. A comparison of two figures allows for it
    /// (`44 percent` and `43.6 percent` are the same figure at another precision).
    pub precision: f64,
}

impl Amount {
    /// True unless the amount is exact.
    pub fn approx(&self) -> bool {
        self.bound != Bound::Exact
    }

    /// The value as written in tables: an integer when whole, else up to four decimals.
    pub fn value_text(&self) -> String {
        format_value(self.value)
    }
}

/// Formats a number the way the tables write it: `240`, `4.5`, `33.3333`.
pub fn format_value(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e17 {
        format!("{v:.0}")
    } else {
        let s = format!("{v:.4}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    Unit,
    Ten,
    Scale,
    Suffix,
    Fraction,
}

/// The compiled amount rules. Build once, share across threads.
#[derive(Debug)]
pub struct AmountExtractor {
    numbers: FxHashMap<&'static str, (f64, Role)>,
    units: FxHashMap<&'static str, &'static str>,
    /// Modifier phrases by their first word: (the words, the bound).
    modifiers: FxHashMap<&'static str, Vec<(Vec<&'static str>, Bound)>>,
    not_units: rustc_hash::FxHashSet<&'static str>,
    /// The number words ("twelve", "dozen", "third"), to find the sentences that hold one in
    /// one pass over the text.
    number_words: aho_corasick::AhoCorasick,
}

/// A token of the sentence being read, lower-cased once.
#[derive(Clone, Debug)]
pub(crate) struct Tok {
    pub span: Span,
    pub kind: TokenKind,
    pub lower: String,
}

/// A number with no unit of its own, read where a claim needs one ("killing at least 12",
/// "43 injured", "won 75 of the 125 seats").
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct BareNumber {
    /// The first token (its modifier, if any).
    pub first: usize,
    /// The token after the number.
    pub next: usize,
    pub value: f64,
    pub bound: Bound,
    pub precision: f64,
}

impl AmountExtractor {
    /// Loads the built-in rules.
    pub fn new() -> Result<AmountExtractor, Error> {
        let list = List::parse(
            "extract/amounts/numbers.txt",
            include_str!("numbers.txt"),
            Order::SortedKeys,
        )?;
        let mut numbers = FxHashMap::default();
        for (line, f) in list.fields(3)? {
            let value: f64 = f[1]
                .parse()
                .map_err(|_| Error::rule(list.name, line, format!("bad number {:?}", f[1])))?;
            let role = match f[2] {
                "unit" => Role::Unit,
                "ten" => Role::Ten,
                "scale" => Role::Scale,
                "suffix" => Role::Suffix,
                "fraction" => Role::Fraction,
                r => return Err(Error::rule(list.name, line, format!("unknown role {r:?}"))),
            };
            numbers.insert(f[0], (value, role));
        }
        let list = List::parse(
            "extract/amounts/units.txt",
            include_str!("units.txt"),
            Order::SortedKeys,
        )?;
        let units = list
            .fields(2)?
            .into_iter()
            .map(|(_, f)| (f[0], f[1]))
            .collect();
        let list = List::parse(
            "extract/amounts/modifiers.txt",
            include_str!("modifiers.txt"),
            Order::SortedKeys,
        )?;
        let mut modifiers: FxHashMap<&'static str, Vec<(Vec<&'static str>, Bound)>> =
            FxHashMap::default();
        for (line, f) in list.fields(2)? {
            let bound = match f[1] {
                "approx" => Bound::Approx,
                "min" => Bound::Min,
                "max" => Bound::Max,
                b => return Err(Error::rule(list.name, line, format!("unknown bound {b:?}"))),
            };
            let words: Vec<&str> = f[0].split(' ').collect();
            let entry = modifiers.entry(words[0]).or_default();
            entry.push((words, bound));
            // Longest phrase first.
            entry.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
        }
        let not_units = List::parse(
            "extract/amounts/not_units.txt",
            include_str!("not_units.txt"),
            Order::Sorted,
        )?
        .words()
        .collect();
        let mut words: Vec<&str> = numbers
            .keys()
            .copied()
            .filter(|w| w.bytes().all(|b| b.is_ascii_alphabetic()))
            .collect();
        words.sort_unstable();
        let number_words = aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(&words)
            .map_err(|e| Error::rule("extract/amounts/numbers.txt", 0, e.to_string()))?;
        Ok(AmountExtractor {
            number_words,
            numbers,
            units,
            modifiers,
            not_units,
        })
    }

    /// The amounts of `text`, leaving out numbers inside any of `skip` (sorted spans, e.g. the
    /// temporal expressions).
    pub fn extract(&self, text: &str, seg: &Segmentation, skip: &[Span]) -> Vec<Amount> {
        let mut out = Vec::new();
        let mut toks: Vec<Tok> = Vec::new();
        // Number words standing alone ("twelve", not "Twelvetrees"), in order.
        let bytes = text.as_bytes();
        let mut words = self
            .number_words
            .find_iter(text)
            .filter(|m| {
                let glued_after = bytes.get(m.end()).is_some_and(u8::is_ascii_alphabetic);
                let glued_before = m.start() > 0 && bytes[m.start() - 1].is_ascii_alphabetic();
                !glued_after && !glued_before
            })
            .map(|m| m.start())
            .peekable();
        for s in &seg.sentences {
            let body = s.span.slice(text);
            while words.next_if(|&w| w < s.span.start()).is_some() {}
            let has_word = words.peek().is_some_and(|&w| w < s.span.end());
            // Most sentences hold no number at all: skip them without tokenising.
            if !has_word
                && !body.bytes().any(|b| b.is_ascii_digit() || b == b'$')
                && !body.contains(['£', '€', '¥'])
            {
                continue;
            }
            // Token buffers are reused from sentence to sentence: no allocation per token.
            let mut n = 0;
            tokenize(text, s.span, |t| {
                if n == toks.len() {
                    toks.push(Tok {
                        span: t.span,
                        kind: t.kind,
                        lower: String::new(),
                    });
                }
                let tok = &mut toks[n];
                tok.span = t.span;
                tok.kind = t.kind;
                tok.lower.clear();
                push_lower(&mut tok.lower, t.span.slice(text));
                n += 1;
            });
            let from = out.len();
            self.sentence(text, &toks[..n], skip, &mut out);
            // A decimal broken by a space ("$2. 6 million", as some pages are scraped): the
            // figure cannot be read, so none is given.
            let broken = |a: &Amount| {
                let rest = &bytes[a.span.end().min(bytes.len())..];
                rest.first() == Some(&b'.')
                    && rest.get(1).is_some_and(u8::is_ascii_whitespace)
                    && rest[1..]
                        .iter()
                        .find(|b| !b.is_ascii_whitespace())
                        .is_some_and(u8::is_ascii_digit)
                    && bytes[a.span.end() - 1].is_ascii_digit()
            };
            let told = out.split_off(from);
            out.extend(told.into_iter().filter(|a| !broken(a)));
        }
        out
    }

    /// The amounts of plain text (segmented here, no spans skipped).
    pub fn extract_text(&self, text: &str) -> Vec<Amount> {
        match crate::segment::Segmenter::new() {
            Ok(s) => self.extract(text, &s.segment(text), &[]),
            Err(_) => Vec::new(),
        }
    }

    fn sentence(&self, text: &str, toks: &[Tok], skip: &[Span], out: &mut Vec<Amount>) {
        let mut i = 0;
        while i < toks.len() {
            match self.amount_at(text, toks, i) {
                Some((amount, next)) if !overlaps_any(skip, amount.span) => {
                    out.push(amount);
                    i = next;
                }
                _ => i += 1,
            }
        }
    }

    /// An amount whose modifier, currency or number starts at token `i`, and the token after it.
    fn amount_at(&self, text: &str, t: &[Tok], i: usize) -> Option<(Amount, usize)> {
        let mut j = i;
        // Modifier: "about", "more than", "up to".
        let mut bound = Bound::Exact;
        if let Some(phrases) = self.modifiers.get(t[j].lower.as_str()) {
            let hit = phrases.iter().find(|(words, _)| {
                words
                    .iter()
                    .enumerate()
                    .all(|(k, w)| t.get(j + k).is_some_and(|x| x.lower == *w))
            });
            match hit {
                Some((words, b)) => {
                    bound = *b;
                    j += words.len();
                }
                None => return None,
            }
        }
        // A sign word: "minus 3C".
        let mut sign = 1.0;
        if t.get(j).is_some_and(|x| x.lower == "minus") {
            sign = -1.0;
            j += 1;
            // "minus-20 degree temperatures".
            if t.get(j).is_some_and(|x| x.lower == "-") {
                j += 1;
            }
        }
        // A temperature written in one token: "3C", "40F".
        if let Some(tok) = t.get(j)
            && let Some((v, unit)) = glued_temperature(tok.span.slice(text))
        {
            let precision = digits_precision(&tok.lower[..tok.lower.len() - 1]);
            return Some((
                Amount {
                    span: Span::new(t[i].span.start(), tok.span.end()),
                    value: sign * v,
                    unit: unit.into(),
                    bound,
                    precision,
                },
                j + 1,
            ));
        }
        // Pence written in one token: "412p", "37.5p" (a share price, a fare).
        if let Some(tok) = t.get(j)
            && tok.kind == TokenKind::Word
            && let Some(digits) = tok.span.slice(text).strip_suffix('p')
            && (1..=6).contains(&digits.len())
            && digits.starts_with(|c: char| c.is_ascii_digit())
            && digits.bytes().all(|b| b.is_ascii_digit() || b == b'.')
            && let Some(v) = parse_digits(digits)
        {
            return Some((
                Amount {
                    span: Span::new(t[i].span.start(), tok.span.end()),
                    value: sign * v / 100.0,
                    unit: "GBP".into(),
                    bound,
                    precision: digits_precision(digits) / 100.0,
                },
                j + 1,
            ));
        }
        // A measure written in one token: "70mph", "12km", "120km/h".
        if let Some(tok) = t.get(j)
            && tok.kind == TokenKind::Word
            && let Some(cut) = tok.lower.find(|c: char| !(c.is_ascii_digit() || c == '.'))
            && cut > 0
            && let Some(&u) = self.units.get(&tok.lower[cut..])
            && GLUED_UNITS.contains(&u)
            && let Some(v) = parse_digits(&tok.lower[..cut])
        {
            let mut unit = u;
            let mut end = j + 1;
            if u == "km"
                && t.get(j + 1).is_some_and(|x| x.lower == "/")
                && t.get(j + 2).is_some_and(|x| x.lower == "h")
            {
                unit = "km/h";
                end = j + 3;
            }
            return Some((
                Amount {
                    span: Span::new(t[i].span.start(), t[end - 1].span.end()),
                    value: sign * v,
                    unit: unit.into(),
                    bound,
                    precision: digits_precision(&tok.lower[..cut]),
                },
                end,
            ));
        }
        // Currency before: "$", "£", "US$", "EUR".
        let mut currency = None;
        if let Some(tok) = t.get(j) {
            if tok.lower == "us" && t.get(j + 1).is_some_and(|x| x.lower == "$") {
                currency = Some("USD");
                j += 2;
            } else if (tok.kind == TokenKind::Symbol
                || (tok.lower.len() == 3 && tok.lower.bytes().all(|b| b.is_ascii_alphabetic())))
                && let Some(&u) = self.units.get(tok.lower.as_str())
                && u.len() == 3
                && u.bytes().all(|b| b.is_ascii_uppercase())
            {
                // A sign or a code before the digits ("$5", "EUR 5").
                currency = Some(u);
                j += 1;
            }
        }
        let start_num = j;
        let num = self.number(t, j, currency.is_some())?;
        let (mut value, mut next) = (num.value * sign, num.next);
        let precision = num.precision;
        if num.fraction {
            // "a third of", "two-thirds of": a share, in percent; "of" must follow.
            t.get(next).filter(|x| x.lower == "of")?;
            return Some((
                Amount {
                    span: Span::new(t[i].span.start(), t[next - 1].span.end()),
                    value,
                    unit: "percent".into(),
                    bound,
                    precision: 0.0,
                },
                next,
            ));
        }
        // A magnitude written before its number: "a magnitude 5.8 earthquake", "of magnitude 6".
        if currency.is_none()
            && start_num == i
            && i > 0
            && t[i - 1].lower == "magnitude"
            && t[i].kind == TokenKind::Number
        {
            return Some((
                Amount {
                    span: Span::new(t[i - 1].span.start(), t[next - 1].span.end()),
                    value,
                    unit: "magnitude".into(),
                    bound,
                    precision,
                },
                next,
            ));
        }
        // A unit joined by a hyphen: "a 5.8-magnitude quake", "a 30-mile stretch".
        if currency.is_none()
            && t.get(next).is_some_and(|x| x.lower == "-")
            && let Some(x) = t.get(next + 1)
            && let Some(&u) = self.units.get(x.lower.as_str())
            && HYPHEN_UNITS.contains(&u)
        {
            return Some((
                Amount {
                    span: Span::new(t[i].span.start(), x.span.end()),
                    value,
                    unit: u.into(),
                    bound,
                    precision,
                },
                next + 2,
            ));
        }
        // A number is not an amount inside a score, a range of versions or a name ("3-1",
        // "2.0", "Boeing 747").
        if t.get(next)
            .is_some_and(|x| x.lower == "-" || x.lower == "–")
            && t.get(next + 1).is_some_and(|x| x.kind == TokenKind::Number)
        {
            return None;
        }
        if currency.is_none()
            && start_num > 0
            && start_num == i
            && t[start_num - 1].kind == TokenKind::Word
            && t[start_num - 1]
                .span
                .slice(text)
                .starts_with(|c: char| c.is_uppercase())
            && !self.numbers.contains_key(t[start_num - 1].lower.as_str())
        {
            return None;
        }
        let unit: String;
        if let Some(c) = currency {
            unit = c.into();
        } else if let Some(tok) = t.get(next) {
            if tok.lower == "%" {
                unit = "percent".into();
                next += 1;
            } else if tok.lower == "per" && t.get(next + 1).is_some_and(|x| x.lower == "cent") {
                unit = "percent".into();
                next += 2;
            } else if tok.lower == "percentage"
                && t.get(next + 1).is_some_and(|x| x.lower == "points")
            {
                unit = "percentage points".into();
                next += 2;
            } else if tok.lower == "°" {
                // "40°C", "40 °F", "40°".
                unit = match t.get(next + 1).map(|x| x.lower.as_str()) {
                    Some("c") => "celsius",
                    Some("f") => "fahrenheit",
                    _ => "degrees",
                }
                .into();
                next += if unit == "degrees" { 1 } else { 2 };
            } else if let Some((u, after)) = self.counted(t, next) {
                unit = u;
                next = after;
            } else {
                return None;
            }
        } else {
            return None;
        }
        let mut unit = unit;
        // "40 degrees Celsius"; "120 miles per hour".
        if unit == "degrees"
            && let Some(&u) = t.get(next).and_then(|x| self.units.get(x.lower.as_str()))
            && (u == "celsius" || u == "fahrenheit")
        {
            unit = u.into();
            next += 1;
        }
        if (unit == "miles" || unit == "km")
            && t.get(next).is_some_and(|x| x.lower == "per")
            && t.get(next + 1).is_some_and(|x| x.lower == "hour")
        {
            unit = if unit == "miles" { "mph" } else { "km/h" }.into();
            next += 2;
        }
        // A currency written after the number ("45 million dollars") is the unit already; a
        // currency sign before it may still be followed by a scale word read by `number`.
        if currency.is_some()
            && let Some(tok) = t.get(next)
            && let Some(&u) = self.units.get(tok.lower.as_str())
            && u == unit
        {
            next += 1;
        }
        // A hundredth of a currency ("412 pence", "75 cents", units.txt `GBP/100`).
        let mut precision = precision;
        if let Some(code) = unit.strip_suffix("/100") {
            unit = code.to_string();
            value /= 100.0;
            precision /= 100.0;
        }
        if !value.is_finite() {
            value = 0.0;
        }
        Some((
            Amount {
                span: Span::new(t[i].span.start(), t[next - 1].span.end()),
                value,
                unit,
                bound,
                precision,
            },
            next,
        ))
    }

    /// A number at token `j` (digits, number words, a fraction), if one starts there.
    fn number(&self, t: &[Tok], j: usize, currency: bool) -> Option<Num> {
        let tok = t.get(j)?;
        let mut next = j + 1;
        let mut value;
        let mut precision = 1.0;
        let fraction = |value, next| {
            Some(Num {
                value,
                next,
                fraction: true,
                precision: 0.0,
            })
        };
        match tok.kind {
            TokenKind::Number => {
                value = parse_digits(&tok.lower)?;
                precision = digits_precision(&tok.lower);
            }
            TokenKind::Word => {
                // Digits glued to a suffix: "$5m", "£2bn", "45k".
                let digits = tok
                    .lower
                    .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','));
                if let Some(cut) = digits.filter(|&c| c > 0) {
                    let (num, suffix) = tok.lower.split_at(cut);
                    let (mult, role) = *self.numbers.get(suffix)?;
                    if !(currency && matches!(role, Role::Suffix | Role::Scale)) {
                        return None;
                    }
                    return Some(Num {
                        value: parse_digits(num)? * mult,
                        next,
                        fraction: false,
                        precision: digits_precision(num) * mult,
                    });
                }
                // "a third of", "a dozen", "two-thirds of", "twenty-one", "two hundred".
                let (first, role) = if tok.lower == "a" || tok.lower == "an" {
                    let n = t.get(next)?;
                    let (v, r) = *self.numbers.get(n.lower.as_str())?;
                    if r == Role::Scale && v >= 100.0 {
                        // "a hundred and ten", "a million": one of the scale, read below.
                        (1.0, Role::Unit)
                    } else {
                        if !matches!(r, Role::Fraction) && n.lower != "dozen" {
                            return None;
                        }
                        next += 1;
                        (if r == Role::Fraction { v } else { 12.0 }, r)
                    }
                } else {
                    *self.numbers.get(tok.lower.as_str())?
                };
                match role {
                    Role::Fraction => {
                        if tok.lower == "half" || tok.lower == "a" || tok.lower == "an" {
                            return fraction(first, next);
                        }
                        return None;
                    }
                    Role::Scale | Role::Suffix => return None,
                    Role::Unit | Role::Ten => {}
                }
                value = first;
                if role == Role::Ten
                    && t.get(next).is_some_and(|x| x.lower == "-")
                    && let Some((u, Role::Unit)) = t
                        .get(next + 1)
                        .and_then(|x| self.numbers.get(x.lower.as_str()).copied())
                    && u < 10.0
                {
                    value += u;
                    next += 2;
                }
                // "two-thirds of".
                if t.get(next).is_some_and(|x| x.lower == "-")
                    && let Some((f, Role::Fraction)) = t
                        .get(next + 1)
                        .and_then(|x| self.numbers.get(x.lower.as_str()).copied())
                {
                    return fraction(value * f, next + 2);
                }
            }
            _ => return None,
        }
        // Scales: "45 million", "two hundred thousand"; suffixes only after a currency.
        let mut last_scale = 0.0;
        while let Some(x) = t.get(next) {
            match self.numbers.get(x.lower.as_str()) {
                Some(&(mult, Role::Scale)) => {
                    value *= mult;
                    precision *= mult;
                    last_scale = mult;
                }
                Some(&(mult, Role::Suffix)) if currency => {
                    value *= mult;
                    precision *= mult;
                }
                _ => break,
            }
            next += 1;
        }
        // Number words go on below their scale: "one hundred and eighty-six", "two thousand
        // five hundred". Each part is smaller than the scale before it, so this ends.
        if tok.kind == TokenKind::Word && last_scale > 0.0 {
            let k = next + usize::from(t.get(next).is_some_and(|x| x.lower == "and"));
            if t.get(k).is_some_and(|x| x.kind == TokenKind::Word)
                && let Some(rest) = self.number(t, k, false)
                && !rest.fraction
                && rest.value >= 1.0
                && rest.value < last_scale
            {
                value += rest.value;
                precision = precision.min(rest.precision.max(1.0));
                next = rest.next;
            }
        }
        Some(Num {
            value,
            next,
            fraction: false,
            precision,
        })
    }

    /// The value of a number word below a hundred ("six", "nineteen", "forty"), if it is one.
    pub(crate) fn small_number_word(&self, w: &str) -> Option<u16> {
        match self.numbers.get(w) {
            Some(&(v, Role::Unit | Role::Ten)) if (1.0..100.0).contains(&v) => Some(v as u16),
            _ => None,
        }
    }

    /// A number starting at token `i` (after an optional modifier: "at least 12", "some
    /// 300"), without a unit.
    pub(crate) fn bare_number(&self, t: &[Tok], i: usize) -> Option<BareNumber> {
        let mut j = i;
        let mut bound = Bound::Exact;
        if let Some(phrases) = self.modifiers.get(t.get(j)?.lower.as_str())
            && let Some((words, b)) = phrases.iter().find(|(words, _)| {
                words
                    .iter()
                    .enumerate()
                    .all(|(k, w)| t.get(j + k).is_some_and(|x| x.lower == *w))
            })
        {
            bound = *b;
            j += words.len();
        }
        let num = self.number(t, j, false)?;
        if num.fraction || !num.value.is_finite() {
            return None;
        }
        Some(BareNumber {
            first: i,
            next: num.next,
            value: num.value,
            bound,
            precision: num.precision,
        })
    }

    /// The counted noun at or within three words after token `j`: its unit and the token after.
    fn counted(&self, t: &[Tok], j: usize) -> Option<(String, usize)> {
        for k in j..(j + 3).min(t.len()) {
            let tok = &t[k];
            if tok.kind != TokenKind::Word || self.not_units.contains(tok.lower.as_str()) {
                return None;
            }
            // Two-word units: "per cent" is handled by the caller; "percentage points" too.
            if let Some(&u) = self.units.get(tok.lower.as_str()) {
                return Some((u.to_string(), k + 1));
            }
            let w = tok.lower.as_str();
            let lowercase = tok.span.len() == w.len() && !w.contains(|c: char| c.is_uppercase());
            let plural = w.len() > 3
                && w.ends_with('s')
                && !w.ends_with("ss")
                && !w.ends_with("'s")
                && w.bytes().all(|b| b.is_ascii_lowercase() || b == b'-');
            if plural && lowercase {
                // The plural may be an adjective-like word before the noun ("240 full-time
                // jobs" has none; "12 more firefighters" skips "more"): take the last plural of
                // a run only when the next word is a listed unit.
                if let Some(n) = t.get(k + 1)
                    && let Some(&u) = self.units.get(n.lower.as_str())
                    && u.bytes().all(|b| b.is_ascii_lowercase())
                {
                    return Some((u.to_string(), k + 2));
                }
                return Some((w.to_string(), k + 1));
            }
            // An adjective between the number and its noun: a lower-case word, not a plural.
            if !lowercase || !w.bytes().all(|b| b.is_ascii_lowercase() || b == b'-') {
                return None;
            }
        }
        None
    }
}

/// A number read at a token: its value, the token after it, whether it is a fraction (`a
/// third`), and the place value of its last digit.
struct Num {
    value: f64,
    next: usize,
    fraction: bool,
    precision: f64,
}

/// Units that may be joined to their number by a hyphen ("a 5.8-magnitude quake").
/// Units written glued to their digits ("70mph", "12km"); "5m" is five million, not metres.
const GLUED_UNITS: [&str; 3] = ["mph", "km", "km/h"];

const HYPHEN_UNITS: [&str; 5] = ["magnitude", "km", "miles", "m", "mph"];

/// A temperature in one token, as written: `3C`, `40F` (an upper-case letter after digits).
fn glued_temperature(w: &str) -> Option<(f64, &'static str)> {
    let unit = match w.as_bytes().last()? {
        b'C' => "celsius",
        b'F' => "fahrenheit",
        _ => return None,
    };
    let digits = &w[..w.len() - 1];
    if digits.is_empty() || digits.len() > 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let v: f64 = digits.parse().ok()?;
    (v <= 150.0).then_some((v, unit))
}

/// The place value of the last digit of `s` (`43.6` → 0.1, `2,381` → 1).
fn digits_precision(s: &str) -> f64 {
    match s.split_once('.') {
        Some((_, d)) if !d.is_empty() => 10f64.powi(-(d.len().min(10) as i32)),
        _ => 1.0,
    }
}

fn parse_digits(s: &str) -> Option<f64> {
    let clean: String = s.chars().filter(|&c| c != ',').collect();
    if clean.is_empty() || !clean.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    clean.parse().ok()
}

/// True when `span` overlaps one of the sorted spans in `skip`.
fn overlaps_any(skip: &[Span], span: Span) -> bool {
    let i = skip.partition_point(|s| s.end() <= span.start());
    skip.get(i).is_some_and(|s| s.overlaps(span))
}

#[cfg(test)]
mod tests;
