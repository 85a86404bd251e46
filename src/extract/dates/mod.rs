//! Dates: every temporal expression, found and normalised to a TimeML TIMEX3 value.
//!
//! Each sentence is tokenised once ([`lexer`]); at each token that can start an expression the
//! patterns of `patterns.txt` are tried ([`grammar`]), the longest match wins, and its action
//! computes the value against the publication date (or an earlier date in the text) with
//! `jiff`. Modifiers before an expression (`modifiers.txt`: "early", "more than", "the end of")
//! join its span and set `mod`; a clock time next to a day joins it. The rules are data; this
//! module holds only the actions.

mod grammar;
mod lexer;
mod value;

use std::collections::HashMap;

use jiff::civil::Date;

use crate::Error;
use crate::rules::{List, Order};
use crate::segment::Segmentation;
use crate::span::Span;

use grammar::{Pattern, match_at};
use lexer::{Cat, Entry, Lexicon, Tok};
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
}

impl std::fmt::Debug for DateExtractor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DateExtractor")
            .field("patterns", &self.patterns.len())
            .finish()
    }
}

const LEXICON: &str = "extract/dates/lexicon.txt";
const PATTERNS: &str = "extract/dates/patterns.txt";
const MODIFIERS: &str = "extract/dates/modifiers.txt";

impl DateExtractor {
    /// Compiles the built-in rules.
    pub fn new(options: DateOptions) -> Result<DateExtractor, Error> {
        let lex = List::parse(LEXICON, include_str!("lexicon.txt"), Order::Sorted)?;
        let mut lexicon: Lexicon = HashMap::new();
        for (line, f) in lex.fields(3)? {
            let cat = Cat::from_name(f[1])
                .ok_or_else(|| Error::rule(LEXICON, line, format!("unknown category {:?}", f[1])))?;
            let num = f[2].parse::<i64>().unwrap_or(0);
            if f[0].len() > lexer::MAX_WORD {
                return Err(Error::rule(LEXICON, line, "word too long"));
            }
            lexicon.entry(f[0]).or_default().push(Entry { cat, num, s: f[2] });
        }
        let pats = List::parse(PATTERNS, include_str!("patterns.txt"), Order::UniqueKeys)?;
        let mut patterns = Vec::new();
        for (line, f) in pats.fields(4)? {
            if !value::ACTIONS.contains(&f[1]) {
                return Err(Error::rule(PATTERNS, line, format!("unknown action {:?}", f[1])));
            }
            patterns.push(Pattern::parse(PATTERNS, line, f[0], f[1], f[2], f[3])?);
        }
        // Later lines of the file win ties: sort by file order is kept; priority below.
        let mods = List::parse(MODIFIERS, include_str!("modifiers.txt"), Order::SortedKeys)?;
        let mut modifiers = Vec::new();
        for (line, f) in mods.fields(3)? {
            let modifier = match f[1] {
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
        Ok(DateExtractor {
            lexicon,
            patterns,
            modifiers,
            options,
        })
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
            last_quarter: None,
            day_first: self.options.day_first,
        };
        for s in &seg.sentences {
            lexer::lex(text, s.span.start(), s.span.end(), &self.lexicon, &mut toks);
            self.sentence(text, &toks, &mut ctx, &mut out);
        }
        out
    }

    fn sentence(
        &self,
        text: &str,
        toks: &[Tok<'_>], ctx: &mut value::Context, out: &mut Vec<DateMention>) {
        let first_new = out.len();
        let mut i = 0;
        let mut prev_end_tok = 0;
        while i < toks.len() {
            let t = &toks[i];
            if t.lex.is_empty()
                && matches!(t.shape, lexer::Shape::Word | lexer::Shape::Punct(_) | lexer::Shape::Other)
                && t.numword.is_none()
            {
                i += 1;
                continue;
            }
            // All matches here, longest first, then file order.
            let mut cands: Vec<(usize, usize, grammar::Binds)> = Vec::new();
            for (pi, p) in self.patterns.iter().enumerate() {
                if let Some((end, binds)) = match_at(p, toks, i) {
                    cands.push((end, pi, binds));
                }
            }
            cands.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            let mut done = false;
            for (end, pi, binds) in cands {
                let p = &self.patterns[pi];
                let tense = value::tense(toks, i);
                if let Some(r) = value::act(p.action, toks, &toks[i..end], toks.get(end), &binds, tense, ctx) {
                    let mut start_tok = i;
                    let mut r = r;
                    self.extend_modifier(toks, &mut start_tok, prev_end_tok, &mut r);
                    if r.kind == DateType::Date
                        && r.anchor != Anchor::Unresolved
                        && let Some(d) = value::parse_day_or_month(&r.value)
                    {
                        ctx.last_date = Some(d);
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
        value::join_clock_and_day(text, &mut out[..], first_new);
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
        let named = first.cap && first.shape == lexer::Shape::Word
            || r.value.ends_with("_REF");
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
            if m.words.iter().enumerate().all(|(k, w)| toks[j - n + k].is(w)) {
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
