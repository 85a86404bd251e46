//! Dates: every temporal expression, found and normalised to a TimeML TIMEX3 value.
//!
//! Each sentence is tokenised once ([`lexer`]); at each token that can start an expression the
//! patterns of `patterns.txt` are tried ([`grammar`]), the longest match wins, and its action
//! computes the value against the publication date (or an earlier date in the text) with
//! `jiff`. Modifiers before an expression (`modifiers.txt`: "early", "more than", "the end of")
//! join its span and set `mod`; a clock time next to a day joins it. The rules are data; this
//! module holds only the actions.

pub(crate) mod grammar;
mod lexer;
mod ranges;
mod value;

use jiff::civil::Date;

use crate::Error;
use crate::rules::{List, Order};
use crate::segment::Segmentation;
use crate::span::Span;

use grammar::{Pattern, match_at};
use lexer::{Cat, Entry, Lexicon, Shape, Tok};
pub use value::{Anchor, DateType, Mod};

/// One temporal expression.
#[derive(Clone, Debug, PartialEq)]
pub struct DateMention {
    /// Where it is (bytes).
    pub span: Span,
    /// DATE, TIME, DURATION or SET.
    pub kind: DateType,
    /// The TIMEX3 value.
    pub value: String,
    /// The TIMEX3 mod, if any.
    pub modifier: Option<Mod>,
    /// What the value was resolved against.
    pub anchor: Anchor,
}

/// Options for date extraction.
#[derive(Clone, Copy, Debug, Default)]
pub struct DateOptions {
    /// Read `05/01/2019` as 5 January (day first) even when both numbers are 12 or less.
    pub day_first: bool,
}

/// Where a modifier applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Applies {
    Date,
    This,
    NotName,
    Duration,
    NumDuration,
    Any,
}

struct Modifier {
    words: Vec<&'static str>,
    modifier: Option<Mod>,
    applies: Applies,
}

/// The compiled date rules. Build once, share across threads.
pub struct DateExtractor {
    lexicon: Lexicon,
    patterns: Vec<Pattern>,
    modifiers: Vec<Modifier>,
    options: DateOptions,
    /// Anchor words and digits: where an expression may be.
    anchors: aho_corasick::AhoCorasick,
    segmenter: crate::segment::Segmenter,
    /// For each category bit, the patterns (as bits of a `u128`) that may start with it.
    starts_by_cat: [u128; 64],
    /// For each literal id, the patterns that may start with it.
    starts_by_lit: Vec<u128>,
    /// Category bits of anchor tokens, and anchor literal ids: every expression holds one.
    anchor_mask: u64,
    anchor_lits: Vec<bool>,
    /// The most tokens a match can span: no match starts further than this from an anchor.
    max_span: usize,
}

impl std::fmt::Debug for DateExtractor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let names: Vec<&str> = self.patterns.iter().map(|p| p.name).collect();
        f.debug_struct("DateExtractor")
            .field("patterns", &names)
            .finish()
    }
}

/// Bytes tokenised before and after an anchor word: enough for the longest pattern, its
/// modifiers and the tense words around it.
const WINDOW_BACK: usize = 120;
const WINDOW_AHEAD: usize = 40;

/// Categories of which every expression that has no digit holds at least one word (a month,
/// a unit, a weekday, …): their words are the anchors around which a sentence is tokenised.
/// Number words, ordinals, prepositions and modifiers ("two", "first", "for", "last") are far
/// more common and never make an expression without one of these.
const ANCHOR_CATS: [Cat; 16] = [
    Cat::Holiday,
    Cat::DecadeWord,
    Cat::Month,
    Cat::Weekday,
    Cat::Weekdays,
    Cat::Unit,
    Cat::Units,
    Cat::Season,
    Cat::Seasons,
    Cat::Pod,
    Cat::Pods,
    Cat::Deictic,
    Cat::Tonight,
    Cat::Ref,
    Cat::SetAdv,
    Cat::Noon,
];

/// Further anchors: pattern literals that are an expression's only anchor ("the near future",
/// "a later date", "as soon as possible", "the latest period"), and the words that open a
/// spoken year ("nineteen ninety-six", "two thousand and one"). The pattern examples, which a
/// test runs, would not be found without them.
const ANCHOR_LITS: [&str; 9] = [
    "future", "past", "term", "possible", "date", "period", "o'clock", "nineteen", "thousand",
];

/// Runs of ASCII digits, in order.
struct DigitRuns<'a> {
    b: &'a [u8],
    pos: usize,
}

impl Iterator for DigitRuns<'_> {
    type Item = (usize, usize);

    fn next(&mut self) -> Option<(usize, usize)> {
        let start = self.pos + self.b[self.pos..].iter().position(u8::is_ascii_digit)?;
        let len = self.b[start..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count();
        self.pos = start + len;
        Some((start, start + len))
    }
}

/// Anchor words and digit runs merged in order of position.
struct MergeHits<A: Iterator<Item = (usize, usize)>, B: Iterator<Item = (usize, usize)>> {
    words: std::iter::Peekable<A>,
    digits: std::iter::Peekable<B>,
}

impl<A: Iterator<Item = (usize, usize)>, B: Iterator<Item = (usize, usize)>> Iterator
    for MergeHits<A, B>
{
    type Item = (usize, usize);

    fn next(&mut self) -> Option<(usize, usize)> {
        match (self.words.peek(), self.digits.peek()) {
            (Some(w), Some(d)) if d.0 < w.0 => self.digits.next(),
            (Some(_), _) => self.words.next(),
            (None, _) => self.digits.next(),
        }
    }
}

/// Whether the match `toks[start..end]` is part of a compound adjective ("the
/// year-earlier results", "the quarter-to-quarter comparison": the match ends at a hyphen
/// glued to a lower-case word) or a capitalised title inside a sentence ("VOA Today", ABC's
/// "This Week"): no expression.
fn compound_or_title(text: &str, toks: &[Tok<'_>], start: usize, end: usize) -> bool {
    let glued = |a: &Tok<'_>, b: &Tok<'_>| a.end == b.start;
    let compound = end < toks.len()
        && toks[end].shape == Shape::Punct('-')
        && glued(&toks[end - 1], &toks[end])
        && toks.get(end + 1).is_some_and(|n| {
            glued(&toks[end], n)
                && n.shape == Shape::Word
                && n.text.starts_with(|c: char| c.is_ascii_lowercase())
        });
    let first = &toks[start];
    let usually_lower = first.cap
        && (first.entry(Cat::This).is_some()
            || first.entry(Cat::Deictic).is_some()
            || first.entry(Cat::Next).is_some()
            || first.entry(Cat::Prev).is_some());
    let before = text[..first.start].trim_end();
    let inside = before
        .chars()
        .next_back()
        .is_some_and(|c| c.is_alphanumeric())
        || before.ends_with("'s")
        || before.ends_with("’s");
    // A quotation that opens inside the sentence on a title: ABC's "This Week", a show
    // called "Next Week": every word of the match capitalised, as titles are written.
    let opener = before.strip_suffix(['"', '\u{201c}']);
    let quoted_title = opener.is_some_and(|o| {
        o.trim_end()
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '\'' || c == ',')
    }) && end > start + 1
        && toks[start..end]
            .iter()
            .all(|t| t.shape != Shape::Word || t.cap && t.text.chars().any(|c| c.is_lowercase()));
    compound || usually_lower && (inside || quoted_title)
}

/// `pos` moved back to the start of its word (not before `floor`).
fn snap_back(text: &str, floor: usize, mut pos: usize) -> usize {
    let b = text.as_bytes();
    while pos > floor && !b[pos - 1].is_ascii_whitespace() {
        pos -= 1;
    }
    pos
}

/// `pos` moved forward to the end of its word (not past `ceil`).
fn snap_forward(text: &str, ceil: usize, mut pos: usize) -> usize {
    let b = text.as_bytes();
    while pos < ceil && !b[pos].is_ascii_whitespace() {
        pos += 1;
    }
    pos
}

const LEXICON: &str = "extract/dates/lexicon.txt";
const PATTERNS: &str = "extract/dates/patterns.txt";
const MODIFIERS: &str = "extract/dates/modifiers.txt";

impl DateExtractor {
    /// Compiles the built-in rules.
    pub fn new(options: DateOptions) -> Result<DateExtractor, Error> {
        let lex = List::parse(LEXICON, include_str!("lexicon.txt"), Order::Sorted)?;
        let mut lexicon = Lexicon::default();
        for (line, f) in lex.fields(3)? {
            let cat = Cat::from_name(f[1]).ok_or_else(|| {
                Error::rule(LEXICON, line, format!("unknown category {:?}", f[1]))
            })?;
            let num = f[2].parse::<i64>().unwrap_or(0);
            if f[0].len() > lexer::MAX_WORD {
                return Err(Error::rule(LEXICON, line, "word too long"));
            }
            lexicon
                .entry(f[0])
                .or_default()
                .entries
                .push(Entry { cat, num, s: f[2] });
        }
        let pats = List::parse(PATTERNS, include_str!("patterns.txt"), Order::UniqueKeys)?;
        let mut patterns = Vec::new();
        let mut next_lit = 0u16;
        let mut intern = |w: &'static str| -> u16 {
            let word = lexicon.entry(w).or_default();
            if word.lit == 0 {
                next_lit += 1;
                word.lit = next_lit;
            }
            word.lit
        };
        for (line, f) in pats.fields(4)? {
            if !value::ACTIONS.contains(&f[1]) {
                return Err(Error::rule(
                    PATTERNS,
                    line,
                    format!("unknown action {:?}", f[1]),
                ));
            }
            let cols = [f[0], f[1], f[2], f[3]];
            patterns.push(Pattern::parse(PATTERNS, line, cols, &mut intern)?);
        }
        // Later lines of the file win ties: sort by file order is kept; priority below.
        let mods = List::parse(MODIFIERS, include_str!("modifiers.txt"), Order::SortedKeys)?;
        let mut modifiers = Vec::new();
        for (line, f) in mods.fields(3)? {
            let modifier =
                match f[1] {
                    "-" => None,
                    m => Some(Mod::from_name(m).ok_or_else(|| {
                        Error::rule(MODIFIERS, line, format!("unknown mod {m:?}"))
                    })?),
                };
            let applies = match f[2] {
                "date" => Applies::Date,
                "duration" => Applies::Duration,
                "numdur" => Applies::NumDuration,
                "any" => Applies::Any,
                "this" => Applies::This,
                "notname" => Applies::NotName,
                a => return Err(Error::rule(MODIFIERS, line, format!("unknown scope {a:?}"))),
            };
            modifiers.push(Modifier {
                words: f[0].split(' ').collect(),
                modifier,
                applies,
            });
        }
        // Longest phrases first, so "no more than" wins over "more than".
        modifiers.sort_by_key(|m| std::cmp::Reverse(m.words.len()));
        let mut anchor_words: Vec<&str> = lexicon
            .iter()
            .filter(|(w, word)| {
                word.entries.iter().any(|e| ANCHOR_CATS.contains(&e.cat)) || ANCHOR_LITS.contains(w)
            })
            .map(|(w, _)| *w)
            .collect();
        anchor_words.sort_unstable();
        let anchors = aho_corasick::AhoCorasick::builder()
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .ascii_case_insensitive(true)
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(&anchor_words)
            .map_err(|e| Error::rule(LEXICON, 0, format!("anchor automaton: {e}")))?;
        if patterns.len() > 128 {
            return Err(Error::rule(
                PATTERNS,
                0,
                "more than 128 patterns: widen the start index",
            ));
        }
        let mut starts_by_cat = [0u128; 64];
        let mut starts_by_lit = vec![0u128; next_lit as usize + 1];
        for (pi, p) in patterns.iter().enumerate() {
            for (bit, slot) in starts_by_cat.iter_mut().enumerate() {
                if p.first_cats & (1u64 << bit) != 0 {
                    *slot |= 1u128 << pi;
                }
            }
            for &l in &p.first_lits {
                starts_by_lit[l as usize] |= 1u128 << pi;
            }
        }
        let anchor_mask = ANCHOR_CATS.iter().fold(0, |m, c| m | c.bit());
        let mut anchor_lits = vec![false; starts_by_lit.len().max(1)];
        for w in ANCHOR_LITS {
            if let Some(lit) = lexicon.get(w).map(|w| w.lit as usize)
                && lit != 0
            {
                if lit >= anchor_lits.len() {
                    anchor_lits.resize(lit + 1, false);
                }
                anchor_lits[lit] = true;
            }
        }
        let max_span = patterns
            .iter()
            .map(|p| p.elems.iter().filter(|e| !e.context).count())
            .max()
            .unwrap_or(0);
        Ok(DateExtractor {
            anchor_mask,
            anchor_lits,
            max_span,
            segmenter: crate::segment::Segmenter::new()?,
            lexicon,
            patterns,
            modifiers,
            options,
            anchors,
            starts_by_cat,
            starts_by_lit,
        })
    }

    /// Every temporal expression in `text`, segmenting it first (use
    /// [`DateExtractor::extract`] when the segmentation is at hand).
    pub fn extract_text(&self, text: &str, published: Option<Date>) -> Vec<DateMention> {
        self.extract(text, &self.segmenter.segment(text), published)
    }

    /// Every temporal expression in `text`, in order. `published` anchors relative ones.
    pub fn extract(
        &self,
        text: &str,
        seg: &Segmentation,
        published: Option<Date>,
    ) -> Vec<DateMention> {
        let mut out = Vec::new();
        let mut toks = Vec::new();
        let mut ctx = value::Context {
            dct: published,
            last_date: None,
            last_day_known: false,
            last_quarter: None,
            last_year: None,
            day_first: self.options.day_first,
        };
        // Only the stretches around anchor words (months, units, digits...) are tokenised:
        // one pass of the anchor automaton over the text finds them.
        let bytes = text.as_bytes();
        let words = self.anchors.find_iter(text).filter(|m| {
            let glued_after = bytes.get(m.end()).is_some_and(u8::is_ascii_alphanumeric);
            let glued_before = m.start() > 0 && bytes[m.start() - 1].is_ascii_alphanumeric();
            !glued_after && !glued_before
        });
        let mut hits = MergeHits {
            words: words.map(|m| (m.start(), m.end())).peekable(),
            digits: DigitRuns { b: bytes, pos: 0 }.peekable(),
        };
        let mut hit = hits.next();
        let mut windows: Vec<(usize, usize)> = Vec::new();
        for s in &seg.sentences {
            let (ss, se) = (s.span.start(), s.span.end());
            windows.clear();
            while let Some(h) = hit {
                let (hs, he) = h;
                if hs >= se {
                    break;
                }
                if hs >= ss {
                    let ws = snap_back(text, ss, hs.saturating_sub(WINDOW_BACK).max(ss));
                    let we = snap_forward(text, se, (he + WINDOW_AHEAD).min(se));
                    match windows.last_mut() {
                        Some(last) if ws <= last.1 => last.1 = last.1.max(we),
                        _ => windows.push((ws, we)),
                    }
                }
                hit = hits.next();
            }
            for &(ws, we) in &windows {
                lexer::lex(text, ws, we, &self.lexicon, &mut toks);
                self.sentence(text, &toks, &mut ctx, &mut out);
            }
        }
        out
    }

    /// A token every expression holds one of: a digit, a month, a unit, a weekday…
    fn is_anchor(&self, t: &Tok<'_>) -> bool {
        !matches!(t.shape, Shape::Word | Shape::Punct(_) | Shape::Other)
            || t.mask & self.anchor_mask != 0
            || self
                .anchor_lits
                .get(t.lit as usize)
                .copied()
                .unwrap_or(false)
    }

    fn sentence(
        &self,
        text: &str,
        toks: &[Tok<'_>],
        ctx: &mut value::Context,
        out: &mut Vec<DateMention>,
    ) {
        let first_new = out.len();
        let mut cands: Vec<(usize, usize, grammar::Binds)> = Vec::new();
        let mut scratch = grammar::Binds::new();
        let mut i = 0;
        let mut prev_end_tok = 0;
        // The next anchor token at or after `i`: a match holds one, so it starts at most
        // `max_span` tokens before it.
        let mut anchor = 0;
        while i < toks.len() {
            let t = &toks[i];
            // Only tokens with a category or a pattern literal can start a match.
            if t.mask == 0 && t.lit == 0 {
                i += 1;
                continue;
            }
            anchor = anchor.max(i);
            while anchor < toks.len() && !self.is_anchor(&toks[anchor]) {
                anchor += 1;
            }
            if anchor >= toks.len() {
                break;
            }
            if anchor - i >= self.max_span {
                i += 1;
                continue;
            }
            // All matches here, longest first, then file order; only the patterns that can
            // start with this token's categories or literal are tried.
            let mut can_start = self.starts_by_lit.get(t.lit as usize).copied().unwrap_or(0);
            let mut m = t.mask;
            while m != 0 {
                can_start |= self.starts_by_cat[m.trailing_zeros() as usize];
                m &= m - 1;
            }
            cands.clear();
            while can_start != 0 {
                let pi = can_start.trailing_zeros() as usize;
                can_start &= can_start - 1;
                if let Some((end, binds)) = match_at(&self.patterns[pi], toks, i, &mut scratch) {
                    cands.push((end, pi, binds));
                }
            }
            cands.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            let mut done = false;
            let mut tense = None;
            for (end, pi, binds) in cands.drain(..) {
                let p = &self.patterns[pi];
                let tense = *tense.get_or_insert_with(|| value::tense(toks, i));
                if value::vetoed(p.action, toks, i, end) || compound_or_title(text, toks, i, end) {
                    continue;
                }
                if let Some(r) = value::act(
                    p.action,
                    toks,
                    &toks[i..end],
                    toks.get(end),
                    &binds,
                    tense,
                    ctx,
                ) {
                    let mut start_tok = i;
                    let mut r = r;
                    if r.kind == DateType::Duration && value::is_rate(toks, i, end) {
                        r.kind = DateType::Set;
                    }
                    self.extend_modifier(toks, &mut start_tok, prev_end_tok, &mut r);
                    // "the week of March 6": that day's week.
                    if start_tok >= prev_end_tok + 3
                        && toks[start_tok - 3].is("the")
                        && toks[start_tok - 2].is("week")
                        && toks[start_tok - 1].is("of")
                        && let Some(w) = value::week_of_day(&r.value)
                    {
                        r.value = w;
                        start_tok -= 3;
                    }
                    if r.kind == DateType::Date
                        && r.anchor != Anchor::Unresolved
                        && let Some(d) = value::parse_day_or_month(&r.value)
                    {
                        ctx.last_date = Some(d);
                        ctx.last_day_known = value::is_day(&r.value);
                    }
                    // A part of a day ("Monday night") names its day too.
                    if r.kind == DateType::Time
                        && r.anchor != Anchor::Unresolved
                        && r.value.as_bytes().get(10) == Some(&b'T')
                        && let Some(d) = value::parse_day_or_month(&r.value[..10])
                    {
                        ctx.last_date = Some(d);
                        ctx.last_day_known = true;
                    }
                    if r.kind == DateType::Date
                        && r.anchor == Anchor::Absolute
                        && r.value.len() >= 4
                        && r.value.as_bytes()[..4].iter().all(u8::is_ascii_digit)
                        && r.value.as_bytes().get(4).is_none_or(|&b| b == b'-')
                    {
                        ctx.last_year = r.value[..4].parse().ok();
                    }
                    if matches!(p.action, "quarter" | "quarter_last")
                        && let Some(q) = value::parse_quarter(&r.value)
                    {
                        ctx.last_quarter = Some(q);
                    }
                    out.push(DateMention {
                        span: Span::new(toks[start_tok].start, toks[end - 1].end),
                        kind: r.kind,
                        value: r.value,
                        modifier: r.modifier,
                        anchor: r.anchor,
                    });
                    prev_end_tok = end;
                    i = end;
                    done = true;
                    break;
                }
            }
            if !done {
                i += 1;
            }
        }
        ranges::complete(toks, out, first_new);
        ranges::compound(text, &mut out[..], first_new);
        value::join_clock_and_day(text, &mut out[..], first_new);
        value::date_from_aside(text, &mut out[..], first_new);
        let mut k = first_new;
        while k < out.len() {
            if out[k].span.is_empty() {
                out.remove(k);
            } else {
                k += 1;
            }
        }
    }

    /// Extends an expression leftwards over a modifier ("early", "more than", "the end of").
    fn extend_modifier(
        &self,
        toks: &[Tok<'_>],
        start: &mut usize,
        floor: usize,
        r: &mut value::Resolved,
    ) {
        let first = &toks[*start];
        let begins_with_number = first.number().is_some();
        let named = first.cap && first.shape == lexer::Shape::Word || r.value.ends_with("_REF");
        for m in &self.modifiers {
            let ok = match m.applies {
                Applies::Any => true,
                Applies::Date => matches!(r.kind, DateType::Date | DateType::Time),
                Applies::Duration => r.kind == DateType::Duration,
                Applies::NumDuration => r.kind == DateType::Duration && begins_with_number,
                Applies::This => first.entry(Cat::This).is_some(),
                Applies::NotName => !named,
            };
            if !ok {
                continue;
            }
            let n = m.words.len();
            let mut j = *start;
            if j > 0 && toks[j - 1].shape == lexer::Shape::Punct('-') {
                j -= 1;
            }
            if j < n || j - n < floor {
                continue;
            }
            if m.words
                .iter()
                .enumerate()
                .all(|(k, w)| toks[j - n + k].is(w))
            {
                *start = j - n;
                if r.modifier.is_none() {
                    r.modifier = m.modifier;
                }
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests;
