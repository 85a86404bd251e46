//! Claims: what a text says about someone or something, as (subject, attribute, value) — *the
//! yard closes on June 30*, *240 jobs are cut*, *Pryce, 61, was jailed for nine years* — so
//! that outlets can be compared on the questions they answer, whatever their wording.
//!
//! **Attributes** are the questions (`attributes.txt`): when an event happened (`when`, with
//! the event class from `events.txt`: announce/reveal/unveil/disclose are one class), counts
//! of people (`deaths`, `injured`, `missing`, `arrested`, `evacuated`, `affected`, `jobs`,
//! `workforce`), money (`price`, `fee`, `fine`, `compensation`, `bail`, `profit`, …), shares
//! (`turnout`, `stake`, `vote share`, …), measures (`magnitude`, `wind speed`, `depth`, …),
//! durations (`prison term`, `contract length`), a person's `age`, `role` and
//! `relationship`, and where an event happened (`where`, `epicentre`).
//!
//! **Values** are the dates, durations and amounts the other extractors found, numbers that a
//! cue governs without a unit of their own (`killing at least 12`, `43 injured`, `75 of the
//! 125 seats`), places after a place cue, and the person attributes read here: ages (`Lund,
//! 61,`, `61-year-old Lund`, `aged 61`, `Lund (61)`), roles (a title before a name, a role
//! noun before it, an appositive after it) and relationships (`his girlfriend, X`; `X and Y
//! are engaged`; `the couple … their engagement`).
//!
//! **Cues** (`cues.txt`) decide a value's attribute: the nearest cue of the value's kind in its
//! clause (`fined £2m` is a fine; `450 jobs cut and 120 created` are two questions). Clauses
//! end at commas, semicolons, colons, dashes and brackets, and at a conjunction before a verb
//! (`completed a medical on Sunday and signed on Monday`); a clause of one word (`London`,
//! `61`) does not end one, and a short verbless phrase opening the sentence (`Yet, in early
//! 2022,`) belongs to the clause after it, one after a clause (`, March 11,`) to the clause
//! before. A cue in a neighbouring clause is never taken. A date with no event cue, and an
//! amount with no cue, is a `mention`: it is listed, but never compared as a contradiction.
//!
//! **Subjects** follow the attribute (`SUBJECT` column): a person attribute is about the
//! person the pattern names; an `actor` attribute about the nearest person or organisation
//! before the cue in its clause — a pronoun or description (`it`, `the firm`, `she`, `the
//! couple`, `its managing director`) resolved as quote speakers are, a person who only reports
//! it (`X said the fraud cost …`) passed over — else the sentence's subject, else the article's
//! main entity; an event attribute (`deaths`, `magnitude`) has none. A sentence about two
//! people (`the couple`, `Norton and Poots`) has both.

mod people;
mod tables;
#[cfg(test)]
mod tests;

use crate::Error;
use crate::extract::amounts::{Amount, AmountExtractor, Bound, Tok as NumTok};
use crate::extract::dates::{DateMention, DateType};
use crate::extract::names::{NameKind, Names};
use crate::extract::quotes::{ORG_NOUNS, is_auxiliary, resolve};
use crate::segment::{Segmentation, TokenKind, push_lower, tokenize, with_lower};
use crate::span::Span;

pub use tables::{AttributeDef, Change, SubjectPolicy, ValueKind};
use tables::{CueMeaning, Tables, phrase_at};

/// The most claims one sentence gives. Real news gives at most 8 (300 BASIL articles, 300
/// ECB+ pages); a sentence with more is a list, and its claims would each repeat it (this
/// keeps a hostile list's claim rows within 8 times its text).
pub const MAX_CLAIMS_PER_SENTENCE: usize = 8;

/// The attribute of a value that answers no question the tables know: listed, never compared
/// as a contradiction.
pub const MENTION: &str = "mention";

/// The attribute of a date: when an event happened.
pub const WHEN: &str = "when";

/// The attribute of a duration no finer cue names: how long an event went on.
const DURATION: &str = "duration";

/// The value a claim gives.
#[derive(Clone, Debug, PartialEq)]
pub enum ClaimValue {
    /// An index into the article's dates (a calendar `DATE` or `TIME`).
    Date(usize),
    /// An index into the article's dates (a `DURATION`).
    Duration(usize),
    /// An index into the article's amounts.
    Amount(usize),
    /// A range of two of the article's amounts ("$10 million to $15 million").
    AmountRange(usize, usize),
    /// A number a cue governs, with no unit of its own (`killing at least 12`).
    Number {
        /// The number.
        value: f64,
        /// How exact it is.
        bound: Bound,
        /// The place value of its last digit.
        precision: f64,
    },
    /// An age in years.
    Age(u16),
    /// A role or title, normalised (`former transport minister`).
    Role(String),
    /// Where a couple stands: `dating`, `engaged`, `married` or `split`.
    Relation(&'static str),
    /// A place (an index into the article's entities).
    Place(usize),
}

/// One claim.
#[derive(Clone, Debug, PartialEq)]
pub struct Claim {
    /// The sentence (index into the segmentation).
    pub sentence: usize,
    /// The entities the claim is about (indices into [`Names::entities`]): none, one, or the
    /// two people of a couple.
    pub subjects: Vec<usize>,
    /// The question answered (`when`, `deaths`, `price`, … or [`MENTION`]).
    pub attribute: &'static str,
    /// The finer question: the event class of a date (`CLOSE`), or what the text separates
    /// (`cut`, `created` for jobs); empty when there is none.
    pub event: &'static str,
    /// The value.
    pub value: ClaimValue,
    /// The value as written.
    pub span: Span,
    /// The cue that gave the attribute, as written.
    pub cue: Option<Span>,
    /// Reported as unconfirmed (`a rumoured split`, `a reported £45m`).
    pub hedged: bool,
    /// A date that dates the claim (`in early 2022, … their engagement`): an index into the
    /// article's dates.
    pub when: Option<usize>,
    /// How the attribute's true value behaves over time (from `attributes.txt`).
    pub change: Change,
    /// The unit: the attribute's own (`people`, `jobs`) or the amount's (`GBP`, `mph`,
    /// `seats`).
    pub unit: String,
    /// Told as background about another incident: its clause brings in another event ("a
    /// 6.4-magnitude quake hit Zarand") or is dated weeks before the article ("last year's
    /// march drew 3,000"). Such a value never contradicts the story's own.
    pub background: bool,
}

/// The compiled claim rules. Build once, share across threads.
#[derive(Debug)]
pub struct ClaimExtractor {
    t: Tables,
    numbers: AmountExtractor,
}

/// A token of the sentence being read.
#[derive(Clone, Debug)]
pub(crate) struct Tok {
    pub span: Span,
    pub kind: TokenKind,
    pub lower: String,
    pub clause: u32,
    /// Starts with an upper-case letter.
    pub cap: bool,
}

impl Tok {
    pub(crate) fn is(&self, w: &str) -> bool {
        self.lower == w
    }
    fn word(&self) -> bool {
        matches!(self.kind, TokenKind::Word | TokenKind::Number)
    }
}

/// A phrase of a table found in the sentence: tokens `first..=last`.
#[derive(Clone, Copy, Debug)]
struct Hit<T> {
    first: usize,
    last: usize,
    what: T,
}

/// A value found in a sentence, before its attribute is known.
#[derive(Clone, Debug)]
enum Found {
    Date(usize),
    Duration(usize),
    Amount(usize),
    AmountRange(usize, usize),
    /// A number a cue governs; true when the cue counts jobs ("hire 50"); the unit of the
    /// whole it is part of ("75 of the 125 seats").
    Number(crate::extract::amounts::BareNumber, bool, Option<usize>),
    /// A number no cue governs and no unit follows ("estimated the crowd at about 8,000",
    /// "48,000 Hestia 3 cookers"): still a value to compare, by its context.
    Bare(crate::extract::amounts::BareNumber),
}

/// The sentence being read, with its tokens and the phrases found in them.
pub(crate) struct Sentence<'a> {
    pub index: usize,
    pub span: Span,
    pub toks: &'a [Tok],
    events: Vec<Hit<&'static str>>,
    cues: Vec<Hit<&'a [CueMeaning]>>,
}

/// What is known of the article while its sentences are read.
pub(crate) struct Ctx<'a> {
    pub text: &'a str,
    pub seg: &'a Segmentation,
    pub names: &'a Names,
    pub dates: &'a [DateMention],
    /// The organisation the previous sentences were about, for "it" and "the company".
    pub org_subject: Option<usize>,
    /// The two people last named together ("Norton and Poots"), for "the couple", "their".
    pub couple: Option<(usize, usize)>,
    /// The article's main person or organisation.
    pub topic: Option<usize>,
    /// Roles found so far: (entity, role), for "its managing director".
    pub roles: Vec<(usize, String)>,
    /// The year the article was written in, as far as it tells.
    pub own_year: Option<i64>,
    /// The article's publication date.
    pub published: Option<jiff::civil::Date>,
}

impl ClaimExtractor {
    /// Loads the built-in tables.
    pub fn new() -> Result<ClaimExtractor, Error> {
        Ok(ClaimExtractor {
            t: Tables::load()?,
            numbers: AmountExtractor::new()?,
        })
    }

    /// The event class a word or phrase triggers, if any (`"closure"` → `CLOSE`).
    pub fn event_of(&self, phrase: &str) -> Option<&'static str> {
        let words: Vec<&str> = split_phrase(phrase);
        match phrase_at(&self.t.events, &words, 0) {
            Some((n, e)) if n == words.len() => Some(*e),
            _ => None,
        }
    }

    /// The definition of an attribute (`"deaths"`), if the table has it.
    pub fn attribute(&self, name: &str) -> Option<&AttributeDef> {
        self.t.attributes.get(name)
    }

    /// Every attribute of the table, sorted by name.
    pub fn attributes(&self) -> Vec<&AttributeDef> {
        let mut v: Vec<&AttributeDef> = self.t.attributes.values().collect();
        v.sort_by_key(|d| d.name);
        v
    }

    /// The claims of an article, in text order of their values; at most
    /// [`MAX_CLAIMS_PER_SENTENCE`] of each sentence.
    pub fn extract(
        &self,
        text: &str,
        seg: &Segmentation,
        names: &Names,
        dates: &[DateMention],
        amounts: &[Amount],
        published: Option<jiff::civil::Date>,
    ) -> Vec<Claim> {
        // The article's own year: its publication's, else the latest year it writes out.
        let own_year = published.map(|d| i64::from(d.year())).or_else(|| {
            dates
                .iter()
                .filter(|d| is_calendar(d))
                .filter_map(|d| d.value.get(..4)?.parse::<i64>().ok())
                .filter(|&y| y <= 2100)
                .max()
        });
        // A name only ever given in parentheses is a credit ("PENNISTOW, March 16
        // (Presswire) -"), not what the article is about.
        let credit = |e: &crate::extract::names::Entity| {
            e.mentions.iter().all(|&m| {
                let span = names.mentions[m].span;
                text[..span.start()].trim_end().ends_with('(')
                    && text[span.end()..].trim_start().starts_with(')')
            })
        };
        let topic = names
            .entities
            .iter()
            .enumerate()
            .filter(|(_, e)| matches!(e.kind, NameKind::Org | NameKind::Person) && !credit(e))
            .max_by_key(|(i, e)| {
                (
                    e.mentions.len(),
                    e.kind == NameKind::Org,
                    std::cmp::Reverse(*i),
                )
            })
            .map(|(i, _)| i);
        let mut ctx = Ctx {
            text,
            seg,
            names,
            dates,
            org_subject: None,
            couple: None,
            topic,
            roles: Vec::new(),
            own_year,
            published,
        };
        // Dates and amounts in text order, with their sentence.
        let mut values: Vec<(Span, Found)> = dates
            .iter()
            .enumerate()
            .filter(|(_, d)| !is_dateline_date(text, d, published))
            .filter_map(|(i, d)| {
                if is_calendar(d) {
                    Some((d.span, Found::Date(i)))
                } else if is_duration(d) {
                    Some((d.span, Found::Duration(i)))
                } else {
                    None
                }
            })
            .chain(
                amounts
                    .iter()
                    .enumerate()
                    .map(|(i, a)| (a.span, Found::Amount(i))),
            )
            .collect();
        values.sort_by_key(|v| (v.0.start(), v.0.end()));
        let mut date_spans: Vec<Span> = dates.iter().map(|d| d.span).collect();
        date_spans.sort_by_key(|s| (s.start(), s.end()));
        let mut out = Vec::new();
        let mut toks: Vec<Tok> = Vec::new();
        let mut v = 0;
        for (si, s) in seg.sentences.iter().enumerate() {
            let from = v;
            while v < values.len() && values[v].0.start() < s.span.end() {
                v += 1;
            }
            // A web address is no statement ("http://…/2012-08-07/fire-crews").
            let body = s.span.slice(text).trim_start();
            if body.starts_with("http") || body.starts_with("www.") {
                continue;
            }
            self.tokens(text, s.span, &mut toks);
            let mut sentence = self.sentence(si, s.span, &toks);
            // A trigger inside a name of several words is part of the name ("Calveley Fire
            // and Rescue Service", "the Flood Re scheme"), not an event of the sentence.
            let ms = mentions_in(ctx.names, s.span);
            sentence.events.retain(|h| {
                let at = toks[h.first].span;
                !ms.iter().any(|m| m.span.contains(at) && m.span != at)
            });
            people::track_couple(&mut ctx, &sentence);
            let subject = people::sentence_subject(self, &ctx, &sentence);
            let start = out.len();
            people::ages(self, &ctx, &sentence, &mut out);
            people::roles(self, &mut ctx, &sentence, &mut out);
            people::relations(self, &mut ctx, &sentence, &mut out);
            self.values(
                &ctx,
                &sentence,
                &values[from..v],
                amounts,
                &date_spans,
                &mut out,
            );
            // "Ilse Marant, 76": the number is her age, not a count of its own.
            let ages: Vec<Span> = out[start..]
                .iter()
                .filter(|c| matches!(c.value, ClaimValue::Age(_)))
                .map(|c| c.span)
                .collect();
            if !ages.is_empty() {
                let told = out.split_off(start);
                out.extend(told.into_iter().filter(|c| {
                    c.attribute != MENTION
                        || !matches!(c.value, ClaimValue::Number { .. })
                        || !ages.iter().any(|a| a.overlaps(c.span))
                }));
            }
            for c in &mut out[start..] {
                c.change = if c.attribute == WHEN && !self.t.once.contains(c.event) {
                    Change::Recurs
                } else {
                    self.t
                        .attributes
                        .get(c.attribute)
                        .map_or(Change::Fixed, |d| d.change)
                };
            }
            // A sentence with more values than prose ever gives is a list or a table: its first
            // answers to questions are kept, then its first mentions (every value stays in
            // `dates`/`amounts`). Each claim row repeats its sentence as evidence, so this also
            // bounds what a hostile line writes.
            if out.len() - start > MAX_CLAIMS_PER_SENTENCE {
                let mut told = out.split_off(start);
                told.sort_by_key(|c| (c.attribute == MENTION, c.span.start(), c.span.end()));
                told.truncate(MAX_CLAIMS_PER_SENTENCE);
                out.extend(told);
            }
            out[start..].sort_by_key(|c| (c.span.start(), c.span.end()));
            if let Some(id) = subject.first().copied()
                && names.entities[id].kind == NameKind::Org
            {
                ctx.org_subject = Some(id);
            }
        }
        out
    }

    /// Tokens of one sentence, with their clause numbers.
    fn tokens(&self, text: &str, span: Span, toks: &mut Vec<Tok>) {
        toks.clear();
        tokenize(text, span, |t| {
            let s = t.span.slice(text);
            let mut lower = String::with_capacity(s.len());
            push_lower(&mut lower, s);
            toks.push(Tok {
                span: t.span,
                kind: t.kind,
                cap: s.starts_with(char::is_uppercase),
                lower,
                clause: 0,
            });
        });
        let bytes = text.as_bytes();
        let spaced = |t: &Tok| {
            t.span.start() > 0
                && bytes
                    .get(t.span.start() - 1)
                    .is_some_and(u8::is_ascii_whitespace)
                && bytes.get(t.span.end()).is_some_and(u8::is_ascii_whitespace)
        };
        // Clause breaks: before each token that opens a clause.
        let mut breaks = vec![false; toks.len()];
        for k in 0..toks.len() {
            let t = &toks[k];
            let punct_break = t.kind == TokenKind::Punct
                && (matches!(t.lower.as_str(), "," | ";" | ":" | "—" | "–" | "(" | ")")
                    || t.lower == "-" && spaced(t));
            if punct_break {
                breaks[k] = true;
                continue;
            }
            // "announced on Tuesday that it will close …": what was announced is a clause of
            // its own.
            if t.lower == "that"
                && toks[k.saturating_sub(5)..k]
                    .iter()
                    .rev()
                    .take_while(|p| p.kind != TokenKind::Punct)
                    .any(|p| self.t.verbs.contains(p.lower.as_str()))
            {
                breaks[k] = true;
                continue;
            }
            let conj = matches!(
                t.lower.as_str(),
                "and" | "but" | "while" | "whereas" | "although" | "though"
            );
            // "while working on Belleville": a participle after "while" is no clause of its own.
            let participle = toks
                .get(k + 1)
                .is_some_and(|n| n.lower.len() > 4 && n.lower.ends_with("ing"));
            if conj
                && k > 0
                && (matches!(
                    t.lower.as_str(),
                    "while" | "whereas" | "although" | "though"
                ) && !participle
                    || t.lower.as_str() == "and"
                    || t.lower.as_str() == "but")
                && (!matches!(t.lower.as_str(), "and" | "but")
                    || toks.get(k + 1).is_some_and(|n| self.verbish(n)))
            {
                breaks[k] = true;
            }
        }
        // A clause of one word ("London", "61", "however") ends none.
        let mut c = 0u32;
        let mut k = 0;
        while k < toks.len() {
            if breaks[k] {
                let mut e = k + 1;
                while e < toks.len() && !breaks[e] {
                    e += 1;
                }
                let words = toks[k..e].iter().filter(|t| t.word()).count();
                let conj_led = toks[k].word();
                if words <= 1 && !conj_led && e < toks.len() && breaks[e] {
                    // Absorb this one-word clause and the break after it.
                    for t in &mut toks[k..e] {
                        t.clause = c;
                    }
                    breaks[e] = false;
                    k = e;
                    continue;
                }
                c += 1;
            }
            toks[k].clause = c;
            k += 1;
        }
    }

    /// True for a word that reads as a verb after a conjunction: a trigger, a cue, an
    /// auxiliary, or a word in -ed / -ing.
    fn verbish(&self, t: &Tok) -> bool {
        let w = t.lower.as_str();
        t.kind == TokenKind::Word
            && !t.cap
            && (is_auxiliary(w)
                || matches!(w, "said" | "says")
                || w.len() > 4 && (w.ends_with("ed") || w.ends_with("ing"))
                || self.t.events.contains_key(w))
    }

    /// The phrases of the tables found in a sentence's tokens.
    fn sentence<'a>(&'a self, index: usize, span: Span, toks: &'a [Tok]) -> Sentence<'a> {
        let words: Vec<&str> = toks.iter().map(|t| t.lower.as_str()).collect();
        let mut events = Vec::new();
        let mut cues = Vec::new();
        let mut k = 0;
        while k < words.len() {
            if let Some((n, e)) = phrase_at(&self.t.events, &words, k) {
                events.push(Hit {
                    first: k,
                    last: k + n - 1,
                    what: *e,
                });
            }
            if let Some((n, m)) = phrase_at(&self.t.cues, &words, k) {
                cues.push(Hit {
                    first: k,
                    last: k + n - 1,
                    what: m.as_slice(),
                });
            }
            k += 1;
        }
        // Overlapping hits: the longer one (found first at its start) wins; an idiom ("drew to
        // a close") then leaves no trigger.
        dedup_hits(&mut events);
        events.retain(|h| h.what != "-");
        dedup_hits(&mut cues);
        Sentence {
            index,
            span,
            toks,
            events,
            cues,
        }
    }

    /// Claims for the dates, amounts and governed numbers of a sentence.
    fn values(
        &self,
        ctx: &Ctx<'_>,
        s: &Sentence<'_>,
        here: &[(Span, Found)],
        amounts: &[Amount],
        date_spans: &[Span],
        out: &mut Vec<Claim>,
    ) {
        let toks = s.toks;
        let num_toks: Vec<NumTok> = toks
            .iter()
            .map(|t| NumTok {
                span: t.span,
                kind: t.kind,
                lower: t.lower.clone(),
            })
            .collect();
        let taken: Vec<Span> = here.iter().map(|v| v.0).collect();
        let mut found: Vec<(Span, Found)> = here.to_vec();
        // "won 75 of the 125 seats": 75 is the count, 125 the whole.
        let mut totals: Vec<Span> = Vec::new();
        let mut k = 0;
        while k < toks.len() {
            let inside =
                |sp: Span| taken.iter().any(|t| t.overlaps(sp)) || overlaps(date_spans, sp);
            if inside(toks[k].span) || !(toks[k].word()) {
                k += 1;
                continue;
            }
            let Some(n) = self.numbers.bare_number(&num_toks, k) else {
                k += 1;
                continue;
            };
            let num_span = Span::new(toks[n.first].span.start(), toks[n.next - 1].span.end());
            if inside(num_span) {
                k = n.next;
                continue;
            }
            // "93-year-old", "13-inch", "24-hour": a number joined to a word describes it.
            if toks
                .get(n.next)
                .is_some_and(|t| t.is("-") && t.span.start() == toks[n.next - 1].span.end())
            {
                k = n.next;
                continue;
            }
            let mut keep = false;
            // "75 of the 125 seats".
            let mut part_of = None;
            if toks.get(n.next).is_some_and(|t| t.is("of"))
                && toks.get(n.next + 1).is_some_and(|t| t.is("the"))
                && let Some(total) = here.iter().find(|v| {
                    matches!(v.1, Found::Amount(_))
                        && v.0.start() == toks.get(n.next + 2).map_or(0, |t| t.span.start())
                })
            {
                totals.push(total.0);
                if let Found::Amount(i) = total.1 {
                    part_of = Some(i);
                }
                keep = true;
            }
            // "43 injured", "12 dead", "120 created".
            let counts = |h: &Hit<&[CueMeaning]>| {
                h.what
                    .iter()
                    .any(|m| matches!(m.kind, ValueKind::Count | ValueKind::Jobs))
            };
            let mut jobs = false;
            // "more than 40 were hurt", "12 have been arrested": the cue after a verb of being.
            let mut after = n.next;
            if toks
                .get(after)
                .is_some_and(|t| matches!(t.lower.as_str(), "were" | "are" | "have" | "had"))
            {
                after += 1;
                if toks.get(after).is_some_and(|t| t.is("been")) {
                    after += 1;
                }
            }
            if let Some(h) = s
                .cues
                .iter()
                .find(|h| (h.first == n.next || h.first == after) && counts(h))
            {
                keep = true;
                jobs = h.what.iter().all(|m| m.kind == ValueKind::Jobs);
            }
            // "The death toll from the quake in Varna rose to 19": a count cue earlier in the
            // clause, and a verb of change just before the number.
            if !keep
                && n.first >= 2
                && matches!(toks[n.first - 1].lower.as_str(), "to" | "at")
                && matches!(
                    toks[n.first - 2].lower.as_str(),
                    "rose"
                        | "risen"
                        | "climbed"
                        | "reached"
                        | "jumped"
                        | "increased"
                        | "stood"
                        | "stands"
                        | "rises"
                )
                && let Some(h) = s.cues.iter().rev().find(|h| {
                    h.last < n.first && toks[h.first].clause == toks[n.first].clause && counts(h)
                })
            {
                keep = true;
                jobs = h.what.iter().all(|m| m.kind == ValueKind::Jobs);
            }
            // An estimate: "police put the crowd at about 8,000", "estimated the number taking
            // part at 900": the count cue between an estimating verb and "at" the number.
            if !keep
                && n.first >= 3
                && toks[n.first - 1].is("at")
                && let Some(v) = (n.first.saturating_sub(ESTIMATE_REACH)..n.first - 1)
                    .rev()
                    .take_while(|&j| toks[j].clause == toks[n.first].clause)
                    .find(|&j| ESTIMATING.contains(&toks[j].lower.as_str()))
                && let Some(h) = s
                    .cues
                    .iter()
                    .find(|h| h.first > v && h.last < n.first - 1 && counts(h))
            {
                keep = true;
                jobs = h.what.iter().all(|m| m.kind == ValueKind::Jobs);
            }
            // "killing at least 12", "injuring 41", "the death toll rose to 14", "hire 50".
            if let Some(h) = s.cues.iter().find(|h| {
                h.last < n.first
                    && n.first - h.last <= 3
                    && counts(h)
                    && toks[h.last + 1..n.first].iter().all(|t| {
                        matches!(
                            t.lower.as_str(),
                            "rose"
                                | "risen"
                                | "rises"
                                | "climbed"
                                | "reached"
                                | "stood"
                                | "stands"
                                | "to"
                                | "of"
                                | "at"
                                | "was"
                                | "is"
                                | "has"
                                | "had"
                        )
                    })
            }) {
                keep = true;
                jobs = h.what.iter().all(|m| m.kind == ValueKind::Jobs);
            }
            // A year or a clock is a date, not a count; a number that is a name's is neither.
            let year_like = n.value >= 1000.0
                && n.value <= 2199.0
                && n.value.fract() == 0.0
                // "2,000" with its thousands comma is a count, never a year.
                && !toks[n.first..n.next].iter().any(|t| t.lower.contains(','));
            if !year_like && n.value >= 0.0 {
                if keep {
                    found.push((num_span, Found::Number(n, jobs, part_of)));
                } else if bare_count(toks, &n)
                    // A number inside a name is the name's ("28 Weeks Later", "Apollo 11").
                    && !mentions_in(ctx.names, s.span)
                        .iter()
                        .any(|m| m.span.overlaps(num_span))
                {
                    found.push((num_span, Found::Bare(n)));
                }
            }
            k = n.next;
        }
        found.retain(|v| !totals.contains(&v.0));
        found.sort_by_key(|v| (v.0.start(), v.0.end()));
        // "$10 million to $15 million", "between 40 and 50 homes": one range, not two figures.
        let mut k = 0;
        while k + 1 < found.len() {
            if let (Found::Amount(a), Found::Amount(b)) = (&found[k].1, &found[k + 1].1)
                && amounts[*a].unit == amounts[*b].unit
            {
                let (x, y) = (found[k].0, found[k + 1].0);
                let between: Vec<&str> = toks
                    .iter()
                    .filter(|t| t.span.start() >= x.end() && t.span.end() <= y.start())
                    .map(|t| t.lower.as_str())
                    .collect();
                let before = toks
                    .iter()
                    .rev()
                    .find(|t| t.span.end() <= x.start())
                    .map(|t| t.lower.as_str());
                let joined = matches!(between.as_slice(), ["to"] | ["-"] | ["–"])
                    || between.as_slice() == ["and"] && before == Some("between");
                if joined {
                    let (a, b) = (*a, *b);
                    found[k] = (Span::new(x.start(), y.end()), Found::AmountRange(a, b));
                    found.remove(k + 1);
                }
            }
            k += 1;
        }
        for (span, f) in &found {
            let Some(first) = toks.iter().position(|t| t.span.end() > span.start()) else {
                continue;
            };
            let last = toks
                .iter()
                .rposition(|t| t.span.start() < span.end())
                .unwrap_or(first)
                .max(first);
            let (kind, unit): (ValueKind, &str) = match f {
                Found::Date(_) => (ValueKind::Date, ""),
                Found::Duration(_) => (ValueKind::Duration, ""),
                Found::Amount(i) | Found::AmountRange(i, _) => (
                    self.t.kind_of_unit(&amounts[*i].unit),
                    amounts[*i].unit.as_str(),
                ),
                Found::Number(_, true, _) => (ValueKind::Jobs, "jobs"),
                Found::Number(_, false, Some(i)) => (
                    self.t.kind_of_unit(&amounts[*i].unit),
                    amounts[*i].unit.as_str(),
                ),
                Found::Number(_, false, None) => (ValueKind::Count, "people"),
                Found::Bare(_) => (ValueKind::Count, ""),
            };
            // A bare number takes no cue from its clause ("Raj Chohan, 59, was killed" is no
            // toll, "a mother of 2 dead" neither): only a cue next to it makes a count (see
            // above); else it is a mention, compared by its context.
            let meaning = match f {
                Found::Bare(_) => Some((MENTION, "", None)),
                _ => self.attribute_of(s, kind, first, last),
            };
            let Some((mut attribute, mut event, cue)) = meaning else {
                continue;
            };
            // "75 seats": a unit that answers a question by itself.
            if attribute == MENTION
                && let Some(&a) = self.t.by_unit.get(unit)
            {
                attribute = a;
            }
            // "The blaze lasted eight hours": how long the clause's event went on, so that the
            // length of a fire and of a strike told in one story are two questions.
            if attribute == DURATION
                && event.is_empty()
                && let Some(h) = s
                    .events
                    .iter()
                    .filter(|h| toks[h.first].clause == toks[first].clause)
                    .filter(|h| !inside(h.first, h.last, first, last))
                    .min_by_key(|h| (distance(first, last, h.first, h.last), h.first))
            {
                event = h.what;
            }
            // "since 1989", "between 1990 and 2024", "until 2019": the bounds of a period, not
            // the day of an event.
            if kind == ValueKind::Date && bounds_a_period(toks, first, last) {
                attribute = MENTION;
                event = "";
            }
            // "a 2001 Bush policy change": a year before a noun dates that noun, not the verb
            // of the clause ("the 1974 resignation of Nixon" dates the resignation).
            if kind == ValueKind::Date
                && first > 0
                && matches!(
                    toks[first - 1].lower.as_str(),
                    "a" | "an" | "the" | "its" | "his" | "her" | "their" | "this" | "that"
                )
                && toks
                    .get(last + 1)
                    .is_some_and(|t| t.kind == TokenKind::Word && !t.is("and"))
            {
                match s
                    .events
                    .iter()
                    .find(|h| h.first > last && h.first <= last + 3)
                {
                    Some(h) => {
                        attribute = WHEN;
                        event = h.what;
                    }
                    None => {
                        attribute = MENTION;
                        event = "";
                    }
                }
            }
            // "well above the 50mph limit": a limit is the rule, not what happened.
            if kind == ValueKind::Speed
                && toks[last + 1..]
                    .iter()
                    .take(2)
                    .any(|t| t.is("limit") || t.is("limits"))
            {
                attribute = MENTION;
                event = "";
            }
            // "two extensions in seven months", "within a year", "after five years at the
            // club": the time something took or came after, not the length of anything.
            // ("after 14 hours of deliberation" is how long the deliberation went on.)
            if kind == ValueKind::Duration
                && first > 0
                && matches!(toks[first - 1].lower.as_str(), "in" | "within" | "after")
                && !(attribute == DURATION
                    && cue.is_some_and(|(f, _)| {
                        f == last + 1 || f == last + 2 && toks[last + 1].is("of")
                    }))
            {
                attribute = MENTION;
                event = "";
            }
            // "three more years were added to his term": an addition, not the whole.
            if matches!(
                kind,
                ValueKind::Duration | ValueKind::Money | ValueKind::Count
            ) && toks[first..=last].iter().any(|t| {
                matches!(
                    t.lower.as_str(),
                    "more" | "additional" | "extra" | "further"
                )
            }) && !toks.get(last + 1).is_some_and(|t| t.is("than"))
                && !toks[first..=last]
                    .windows(2)
                    .any(|w| w[0].is("more") && w[1].is("than"))
            {
                attribute = MENTION;
                event = "";
            }
            // An offer, a wish, what is left: "offered an eight-year deal", "seeking a 10-year
            // contract", "two years left on the contract".
            // A sentence opening with "If" or "Unless" supposes what it tells.
            let supposed = toks.first().is_some_and(|t| t.is("if") || t.is("unless"));
            // (What was demanded, a ransom: the demand is its question.)
            if kind != ValueKind::Date
                && attribute != "demanded"
                && (supposed
                    || self.in_clause(s, first, |t| {
                        !t.cap && self.t.proposals.contains(t.lower.as_str())
                    })
                    || remainder(toks, first, last))
            {
                attribute = MENTION;
                event = "";
            }
            let background = kind != ValueKind::Date
                && (self.clause_dated_before(ctx, s, first, last) || another_event(s, first));
            // A figure of the past beside the story ("In December 2003, Bam was razed by a 6.7
            // quake that left 31,000 dead"): a clause dated years before the article.
            if kind != ValueKind::Date
                && attribute != MENTION
                && self.t.attributes.get(attribute).is_some_and(|d| {
                    matches!(
                        d.subject,
                        SubjectPolicy::None | SubjectPolicy::Object | SubjectPolicy::PersonObject
                    )
                })
                && (self.dated_before(ctx, s, first, last) || another_event(s, first))
            {
                attribute = MENTION;
                event = "";
            }
            // Celsius and Fahrenheit are temperatures; bare "degrees" (of longitude, on the
            // Richter scale) only where the text says "temperature".
            if kind == ValueKind::Temperature && unit != "degrees" && attribute == MENTION {
                attribute = "temperature";
            }
            let def = self.t.attributes.get(attribute);
            let policy = def.map_or(SubjectPolicy::Actor, |d| d.subject);
            // The subject stands before the verb ("In 2018, they confirmed …"; "It was only in
            // 2018 that they confirmed …"): look back from the cue, or from the value.
            let at = cue.map_or(first, |h| h.0);
            // "Shares in Nordvik Group fell 3%", "Halvorsen shares fell 4.5%": whose shares.
            let owner = (attribute == "share price")
                .then(|| people::share_owner(ctx, s, cue.map_or(first, |c| c.0)))
                .flatten();
            let person = |e: &usize| ctx.names.entities[*e].kind == NameKind::Person;
            let object = match policy {
                SubjectPolicy::Object => cue.and_then(|c| people::object(ctx, s, c.1, first)),
                SubjectPolicy::PersonObject => cue
                    .and_then(|c| people::object(ctx, s, c.1, first))
                    .filter(person),
                _ => None,
            };
            let mut subjects = match (policy, object.or(owner)) {
                (SubjectPolicy::None, _) => Vec::new(),
                (_, Some(o)) => vec![o],
                (SubjectPolicy::Party, None) => {
                    let p = people::actor(self, ctx, s, at, true);
                    if p.is_empty() {
                        people::actor(self, ctx, s, at, false)
                    } else {
                        p
                    }
                }
                _ => people::actor(
                    self,
                    ctx,
                    s,
                    at,
                    matches!(policy, SubjectPolicy::Person | SubjectPolicy::PersonObject),
                ),
            };
            if attribute == WHEN {
                // "Shares in Nordvik closed 3% lower": the market's close, not a closure.
                if event == "CLOSE"
                    && let Some((cf, _)) = cue
                    && toks[..cf].iter().any(|t| {
                        t.clause == toks[cf].clause
                            && matches!(
                                t.lower.as_str(),
                                "shares" | "stock" | "stocks" | "index" | "market" | "markets"
                            )
                    })
                {
                    event = "MARKET";
                }
                // A romance "born" or "begun" in 2017 is when the couple got together.
                if matches!(event, "BIRTH" | "BEGIN")
                    && people::about_a_relationship(self, s, cue.map_or(first, |c| c.0))
                {
                    event = "FIRST_MET";
                    if let Some((a, b)) = ctx.couple {
                        subjects = vec![a.min(b), a.max(b)];
                    }
                }
                // "X shot and killed Y in 1957": the death is Y's, not X's.
                if event == "DEATH"
                    && let Some((cf, _)) = cue
                    && matches!(
                        toks[cf].lower.as_str(),
                        "killed" | "kill" | "kills" | "killing" | "murdered" | "shot"
                    )
                    && !toks[..cf]
                        .iter()
                        .rev()
                        .take(3)
                        .any(|t| matches!(t.lower.as_str(), "was" | "were" | "been" | "be"))
                {
                    subjects = cue
                        .and_then(|c| people::object(ctx, s, c.1, first))
                        .into_iter()
                        .collect();
                }
                // A couple meets once for the first time; meetings and summits recur.
                if event == "MEET"
                    && subjects.len() == 2
                    && subjects
                        .iter()
                        .all(|&e| ctx.names.entities[e].kind == NameKind::Person)
                {
                    event = "FIRST_MET";
                }
                // Births, deaths, arrests happen to people: of a place, a figure of speech.
                if self.t.person_events.contains(event)
                    && (subjects.is_empty()
                        || !subjects
                            .iter()
                            .all(|&e| ctx.names.entities[e].kind == NameKind::Person))
                {
                    attribute = MENTION;
                    event = "";
                }
            }
            // The day someone spoke ("Gowdy suggested Monday that …", "On Monday, Mr.
            // Priebus said …") is the speaker's: two outlets' "Monday" of two speakers are two
            // happenings, not one fact.
            if attribute == MENTION
                && matches!(f, Found::Date(_))
                && let Some(v) = self.speaking_day(ctx, s, first, last)
            {
                let speaker = people::speaker_of_verb(self, ctx, s, v);
                if !speaker.is_empty() {
                    subjects = speaker;
                }
            }
            let value = match f {
                Found::Date(i) => ClaimValue::Date(*i),
                Found::Duration(i) => ClaimValue::Duration(*i),
                Found::Amount(i) => ClaimValue::Amount(*i),
                Found::AmountRange(i, j) => ClaimValue::AmountRange(*i, *j),
                Found::Number(n, _, _) | Found::Bare(n) => ClaimValue::Number {
                    value: n.value,
                    bound: n.bound,
                    precision: n.precision,
                },
            };
            let unit = def.and_then(|d| d.unit).unwrap_or(unit).to_string();
            out.push(Claim {
                sentence: s.index,
                subjects,
                attribute,
                event,
                value,
                span: *span,
                cue: cue.map(|c| Span::new(toks[c.0].span.start(), toks[c.1].span.end())),
                hedged: self.hedged(s, first),
                when: None,
                change: Change::Fixed,
                unit,
                background,
            });
        }
        self.places(ctx, s, out);
    }

    /// The attribute, event and cue (token range) of a value of `kind` at tokens
    /// `first..=last` (a mention when no cue governs it); `None` when it makes no claim.
    fn attribute_of(
        &self,
        s: &Sentence<'_>,
        kind: ValueKind,
        first: usize,
        last: usize,
    ) -> Option<Meaning> {
        let toks = s.toks;
        let range = clause_range(toks, first, last, |c0, c1| {
            let in_range = |h: usize| (c0..=c1).contains(&toks[h].clause);
            if kind == ValueKind::Date {
                s.events.iter().any(|h| in_range(h.first))
            } else {
                s.cues
                    .iter()
                    .any(|h| in_range(h.first) && h.what.iter().any(|m| fits(m.kind, kind)))
                    || s.events
                        .iter()
                        .any(|h| in_range(h.first) && self.t.by_event.contains_key(&(h.what, kind)))
            }
        });
        let in_range = |h: usize| (range.0..=range.1).contains(&toks[h].clause);
        // "a profit of £12.4m", "£1.2m in compensation": a cue joined by a preposition binds
        // as closely as one next to the value.
        let joined = |hf: usize, hl: usize| {
            let between = if hl < first {
                &toks[hl + 1..first]
            } else if hf > last {
                &toks[last + 1..hf]
            } else {
                return false;
            };
            between.len() == 1 && matches!(between[0].lower.as_str(), "of" | "in" | "at" | "to")
        };
        let dist = |hf: usize, hl: usize| {
            if joined(hf, hl) {
                1
            } else {
                distance(first, last, hf, hl)
            }
        };
        if kind == ValueKind::Date {
            // "said on Tuesday", "announced on Monday": the date of the statement itself.
            let mut j = first;
            while j > 0
                && matches!(
                    toks[j - 1].lower.as_str(),
                    "on" | "this" | "last" | "late" | "early"
                )
            {
                j -= 1;
            }
            if j > 0
                && toks[j - 1].kind == TokenKind::Word
                && self.t.verbs.contains(toks[j - 1].lower.as_str())
            {
                let own = s.events.iter().find(|h| h.first < j && h.last >= j - 1);
                return Some(match own {
                    Some(h) => (WHEN, h.what, Some((h.first, h.last))),
                    None => (MENTION, "", None),
                });
            }
            // "unveiled plans on Monday to close the plant": a planned event after the date
            // ("to close") does not take the date of the verb before it.
            let before = s.events.iter().any(|h| in_range(h.first) && h.last < first);
            let planned = |h: &Hit<&'static str>| {
                h.first > last && h.first > 0 && toks[h.first - 1].is("to") && before
            };
            // "The Cypriot government Saturday condemned the attacks": a day just before a verb
            // that is no event is that verb's.
            if let Some(next) = toks.get(last + 1)
                && next.kind == TokenKind::Word
                && !next.cap
                && (self.t.verbs.contains(next.lower.as_str())
                    || next.lower.len() > 4 && next.lower.ends_with("ed"))
                && !s.events.iter().any(|h| h.first == last + 1)
                && first > 0
                && !matches!(
                    toks[first - 1].lower.as_str(),
                    "on" | "in" | "by" | "since" | "until"
                )
            {
                return Some((MENTION, "", None));
            }
            // "on Saturday, one day before Barr released it": a date told relative to an event
            // is not that event's date.
            // An event just after or before a time ("crashed shortly after 6.20pm", "gave way
            // just before 5am") is at about that time.
            let relative = |h: &Hit<&'static str>| {
                let between = if h.first > last {
                    &toks[last + 1..h.first]
                } else if h.last < first {
                    &toks[h.last + 1..first]
                } else {
                    return false;
                };
                let near = h.last < first
                    && between.iter().all(|t| {
                        matches!(
                            t.lower.as_str(),
                            "shortly" | "just" | "soon" | "after" | "before" | "at" | "on"
                        )
                    });
                !near
                    && between
                        .iter()
                        .any(|t| matches!(t.lower.as_str(), "before" | "after" | "ahead"))
            };
            let hit = s
                .events
                .iter()
                .filter(|h| in_range(h.first) && !inside(h.first, h.last, first, last))
                .filter(|h| !planned(h) && !relative(h))
                .min_by_key(|h| (dist(h.first, h.last), h.first));
            return Some(match hit {
                Some(h) => (WHEN, h.what, Some((h.first, h.last))),
                None => (MENTION, "", None),
            });
        }
        // A cue of the value's kind: specific ones first, then the events' own attributes.
        let specific = s
            .cues
            .iter()
            .filter(|h| in_range(h.first))
            .filter_map(|h| {
                let m = h.what.iter().find(|m| m.kind == kind).or_else(|| {
                    h.what
                        .iter()
                        .find(|m| kind == ValueKind::Jobs && m.kind == ValueKind::Count)
                })?;
                Some((h, m.attribute?, m.event))
            })
            .map(|(h, a, e)| (dist(h.first, h.last), h.first, h.last, a, e));
        // A duration needs a cue of its own ("for", "lasted"): "the fire, the worst in 20
        // years" tells no fire's length.
        let by_event = s
            .events
            .iter()
            .filter(|_| kind != ValueKind::Duration)
            .filter(|h| in_range(h.first) && !inside(h.first, h.last, first, last))
            .filter_map(|h| {
                let &(a, e) = self.t.by_event.get(&(h.what, kind))?;
                Some((dist(h.first, h.last), h.first, h.last, a, e))
            });
        if let Some((_, f, l, a, e)) = specific.chain(by_event).min_by_key(|c| (c.0, c.1)) {
            return Some((a, e, Some((f, l))));
        }
        // "a 48-hour walkout", "after 14 hours of deliberation": a length of time set before
        // its event's word is how long that event went on.
        if kind == ValueKind::Duration
            && let Some(h) = s.events.iter().find(|h| {
                h.first == last + 1
                    || h.first == last + 2 && toks.get(last + 1).is_some_and(|t| t.is("of"))
            })
        {
            return Some((DURATION, h.what, Some((h.first, h.last))));
        }
        // A generic cue ("for", "worth"): the attribute of the sentence's event, else price.
        let generic = s
            .cues
            .iter()
            .filter(|h| in_range(h.first))
            .filter(|h| {
                h.what
                    .iter()
                    .any(|m| m.kind == kind && m.attribute.is_none())
            })
            .min_by_key(|h| (dist(h.first, h.last), h.first));
        if let Some(g) = generic {
            let from_event = s
                .events
                .iter()
                .filter_map(|h| self.t.by_event.get(&(h.what, kind)).map(|x| (h, x)))
                .min_by_key(|(h, _)| (dist(h.first, h.last), h.first));
            if let Some((_, &(a, e))) = from_event {
                return Some((a, e, Some((g.first, g.last))));
            }
            // Else the nearest generic cue that has an attribute of its own ("pay" → price).
            let with_default = s
                .cues
                .iter()
                .filter(|h| in_range(h.first))
                .filter_map(|h| {
                    let m = h
                        .what
                        .iter()
                        .find(|m| m.kind == kind && m.attribute.is_none())?;
                    Some((h, m.default?))
                })
                .min_by_key(|(h, _)| (dist(h.first, h.last), h.first));
            if let Some((h, a)) = with_default {
                return Some((a, "", Some((h.first, h.last))));
            }
        }
        if let Some(&(_, a)) = self.t.intrinsic.iter().find(|(k, _)| *k == kind) {
            return Some((a, "", None));
        }
        // A value no cue governs is a mention: compared by its context, never a contradiction.
        Some((MENTION, "", None))
    }

    /// Places after a place cue in its clause: where a quake struck, its epicentre.
    fn places(&self, ctx: &Ctx<'_>, s: &Sentence<'_>, out: &mut Vec<Claim>) {
        let toks = s.toks;
        let mut cues: Vec<(usize, usize, &'static str, &'static str)> = Vec::new();
        for h in &s.cues {
            for m in h.what.iter().filter(|m| m.kind == ValueKind::Place) {
                if let Some(a) = m.attribute {
                    cues.push((h.first, h.last, a, m.event));
                }
            }
        }
        for h in &s.events {
            if let Some(&(a, e)) = self.t.by_event.get(&(h.what, ValueKind::Place)) {
                cues.push((h.first, h.last, a, e));
            }
        }
        cues.sort();
        let mentions = mentions_in(ctx.names, s.span);
        let mut seen: Vec<(&'static str, usize)> = Vec::new();
        for (first, last, attribute, event) in cues {
            let clause = toks[last].clause;
            let end = toks
                .iter()
                .enumerate()
                .skip(last + 1)
                .take(12)
                .take_while(|(_, t)| t.clause == clause)
                .last()
                .map_or(toks[last].span.end(), |(_, t)| t.span.end());
            // The place right after the cue or after a preposition ("struck the Serval Hills",
            // "broke out in Leeds", "near the town of Brastova"), not any place of the clause.
            let Some(m) = mentions.iter().find(|m| {
                m.kind == NameKind::Place
                    && m.span.start() >= toks[last].span.end()
                    && m.span.end() <= end
                    && {
                        let k = toks.partition_point(|t| t.span.start() < m.span.start());
                        let mut j = k;
                        while j > last + 1
                            && matches!(
                                toks[j - 1].lower.as_str(),
                                "the" | "town" | "city" | "village" | "of"
                            )
                            && k - j < 4
                        {
                            j -= 1;
                        }
                        j == last + 1
                            || j > last + 1
                                && matches!(
                                    toks[j - 1].lower.as_str(),
                                    "in" | "near"
                                        | "at"
                                        | "off"
                                        | "outside"
                                        | "across"
                                        | "on"
                                        | "around"
                                        | "to"
                                )
                    }
            }) else {
                continue;
            };
            if seen.contains(&(attribute, m.entity)) {
                continue;
            }
            seen.push((attribute, m.entity));
            out.push(Claim {
                sentence: s.index,
                subjects: Vec::new(),
                attribute,
                event,
                value: ClaimValue::Place(m.entity),
                span: m.span,
                cue: Some(Span::new(toks[first].span.start(), toks[last].span.end())),
                hedged: self.hedged(s, first),
                when: None,
                change: Change::Fixed,
                unit: String::new(),
                background: false,
            });
        }
    }

    /// True when a token of the clause of token `k` passes `f`.
    fn in_clause(&self, s: &Sentence<'_>, k: usize, f: impl Fn(&Tok) -> bool) -> bool {
        let c = s.toks[k].clause;
        s.toks.iter().filter(|t| t.clause == c).any(f)
    }

    /// True when the sentence of the value at tokens `first..=last` holds a calendar date of a
    /// year before the article's own (the event it tells of is another, older one).
    fn dated_before(&self, ctx: &Ctx<'_>, s: &Sentence<'_>, first: usize, last: usize) -> bool {
        let Some(own) = ctx.own_year else {
            return false;
        };
        let (from, to) = (s.toks[first].span.start(), s.toks[last].span.end());
        ctx.dates.iter().any(|d| {
            let k = s.toks.partition_point(|t| t.span.start() < d.span.start());
            s.span.contains(d.span)
                && !(d.span.start() >= from && d.span.end() <= to)
                && is_calendar(d)
                // "the highest since 1998": a comparison, not the time of what is told.
                && !(k > 0 && s.toks[k - 1].is("since"))
                && d.value
                    .get(..4)
                    .and_then(|y| y.parse::<i64>().ok())
                    .is_some_and(|y| y < own)
        })
    }

    /// True when the clause of the value at tokens `first..=last` is dated weeks before the
    /// article ("last year's march drew 3,000", "in March, a quake killed 40"): a calendar
    /// date of that clause, not the value and not after "since", whose period ends more than
    /// [`BACKGROUND_DAYS`] days before publication (without one, in an earlier year).
    fn clause_dated_before(
        &self,
        ctx: &Ctx<'_>,
        s: &Sentence<'_>,
        first: usize,
        last: usize,
    ) -> bool {
        let clause = s.toks[first].clause;
        let (from, to) = (s.toks[first].span.start(), s.toks[last].span.end());
        ctx.dates.iter().any(|d| {
            if !s.span.contains(d.span)
                || (d.span.start() >= from && d.span.end() <= to)
                || !is_calendar(d)
            {
                return false;
            }
            let k = s.toks.partition_point(|t| t.span.start() < d.span.start());
            // A date opening the sentence ("In 2010, after a wave of …, she lost 43 votes")
            // dates all of it; any other, its own clause.
            let opening = k < s.toks.len() && s.toks[k].clause == 0 && k <= 2;
            // "since 2023, when a fire took 11 hours": a clause opening with "when" is the
            // time the clause before it ends on.
            let after = s.toks.partition_point(|t| t.span.start() < d.span.end());
            let when = after < first
                && s.toks[after..first]
                    .iter()
                    .find(|t| t.kind != TokenKind::Punct)
                    .is_some_and(|t| t.is("when"));
            if k >= s.toks.len()
                || s.toks[k].clause != clause && !opening && !when
                || k > 0 && s.toks[k - 1].is("since") && !when
                || now_between(s.toks, after, first)
            {
                return false;
            }
            let Some(end) = period_end(&d.value) else {
                return false;
            };
            match ctx.published {
                Some(p) => (p - end).get_days() > BACKGROUND_DAYS,
                None => ctx.own_year.is_some_and(|y| i64::from(end.year()) < y),
            }
        })
    }

    /// The reporting verb whose day the date at tokens `first..=last` tells: one just
    /// before it in its clause ("said Monday", "told reporters on Friday"), or just after it
    /// with a name or pronoun between ("On Monday, Mr. Priebus said").
    fn speaking_day(
        &self,
        ctx: &Ctx<'_>,
        s: &Sentence<'_>,
        first: usize,
        last: usize,
    ) -> Option<usize> {
        let toks = s.toks;
        let clause = toks[first].clause;
        let speaks = |k: usize| self.t.verbs.contains(toks[k].lower.as_str());
        let before = (first.saturating_sub(SPEAKING_REACH)..first)
            .rev()
            .take_while(|&k| toks[k].clause == clause && toks[k].kind != TokenKind::Punct)
            .find(|&k| speaks(k));
        if before.is_some() {
            return before;
        }
        let named = |from: usize, to: usize| {
            let (a, b) = (toks[from].span.start(), toks[to].span.end());
            mentions_in(ctx.names, s.span)
                .iter()
                .any(|m| m.span.start() >= a && m.span.end() <= b)
                || toks[from..=to]
                    .iter()
                    .any(|t| matches!(t.lower.as_str(), "he" | "she" | "they"))
        };
        (last + 1..toks.len().min(last + 1 + SPEAKING_REACH + 2))
            .find(|&k| speaks(k))
            .filter(|&k| k > last + 1 && named(last + 1, k - 1))
    }

    /// True when the clause of token `k` hedges what it says ("a rumoured split"), or
    /// "reported" stands just before it ("a reported £45m").
    fn hedged(&self, s: &Sentence<'_>, k: usize) -> bool {
        let c = s.toks[k].clause;
        s.toks
            .iter()
            .filter(|t| t.clause == c)
            .any(|t| self.t.hedges.contains(t.lower.as_str()))
            || s.toks[k.saturating_sub(2)..k]
                .iter()
                .any(|t| t.is("reported"))
    }
}

/// True when a number no cue governs is still a count worth comparing: not `one` or less,
/// not an identifier after a name or a label ("Hestia 3", "Flight 622", "No. 10"), not a score,
/// ratio or fraction ("3-1", "2/3"), not a multiplier ("three times").
fn bare_count(toks: &[Tok], n: &crate::extract::amounts::BareNumber) -> bool {
    let before = n.first.checked_sub(1).map(|k| &toks[k]);
    let after = toks.get(n.next);
    let label = before.is_some_and(|t| {
        (t.cap && t.kind == TokenKind::Word && n.first > 1)
            || matches!(
                t.lower.as_str(),
                "no" | "no." | "number" | "#" | "-" | "–" | ":" | "/" | "route" | "flight" | "page"
            )
    });
    let tail = after.is_some_and(|t| {
        matches!(
            t.lower.as_str(),
            "-" | "–" | ":" | "/" | "times" | "%" | "th" | "st" | "nd" | "rd" | "'s" | "’s"
        )
    });
    n.value > 1.0 && !label && !tail
}

/// Tokens between a reporting verb and the day it is told on ("told reporters on Capitol
/// Hill Friday").
const SPEAKING_REACH: usize = 5;

/// True when tokens `from..to` join on a clause told in the present ("carried 2.1 million
/// passengers last year and employs 1,620 people"): the date before dates the first verb,
/// not the value after.
fn now_between(toks: &[Tok], from: usize, to: usize) -> bool {
    let present = |t: &Tok| {
        t.kind == TokenKind::Word
            && !t.cap
            && (matches!(
                t.lower.as_str(),
                "is" | "are" | "has" | "have" | "now" | "still" | "remains" | "currently"
            ) || t.lower.len() > 3
                && t.lower.ends_with('s')
                && !t.lower.ends_with("ss")
                && !t.lower.ends_with("us")
                && !t.lower.ends_with("is"))
    };
    // A verb in -s takes its object next ("employs 1,620", "runs a fleet"); a plural noun
    // does not ("porters and cleaners held").
    let object = |t: &Tok| {
        t.kind == TokenKind::Number
            || t.lower.starts_with(|c: char| c.is_ascii_digit())
            || matches!(
                t.lower.as_str(),
                "a" | "an" | "the" | "some" | "about" | "around" | "more" | "nearly" | "over"
            )
    };
    toks.get(from..to.min(toks.len())).is_some_and(|w| {
        w.windows(3).any(|p| {
            (p[0].is("and") || p[0].is("but"))
                && present(&p[1])
                && (matches!(
                    p[1].lower.as_str(),
                    "is" | "are" | "has" | "have" | "now" | "still" | "remains" | "currently"
                ) || object(&p[2]))
        })
    })
}

/// Days before publication beyond which a clause's date makes its figures background.
const BACKGROUND_DAYS: i32 = 30;

/// The last day of the period a calendar TIMEX3 value names (`2025`, `2025-03`,
/// `2025-03-11…`); `None` for other values (weeks, seasons, decades).
fn period_end(value: &str) -> Option<jiff::civil::Date> {
    let year: i16 = value.get(..4)?.parse().ok()?;
    let rest = &value[4..];
    if rest.is_empty() {
        return jiff::civil::Date::new(year, 12, 31).ok();
    }
    let month: i8 = rest.strip_prefix('-')?.get(..2)?.parse().ok()?;
    let first = jiff::civil::Date::new(year, month, 1).ok()?;
    match rest.get(3..) {
        Some(d) if d.len() >= 3 && d.starts_with('-') => {
            let day: i8 = d.get(1..3)?.parse().ok()?;
            jiff::civil::Date::new(year, month, day).ok()
        }
        _ => Some(first.last_of_month()),
    }
}

/// True when the value is what remains, not the whole: "the remaining two years", "two years
/// remaining", "two years left on the contract".
fn remainder(toks: &[Tok], first: usize, last: usize) -> bool {
    (first > 0 && toks[first - 1].is("remaining"))
        || toks
            .get(last + 1)
            .is_some_and(|t| t.is("remaining") || t.is("left"))
        || toks[first..]
            .windows(2)
            .take(8)
            .any(|w| w[0].is("left") && (w[1].is("on") || w[1].is("in")))
}
/// Nouns of events that a story is about (a quake, a fire): "a 6.4-magnitude quake hit Zarand"
/// after an article's opening tells of another event than the article's own.
const EVENT_NOUNS: [&str; 20] = [
    "quake",
    "earthquake",
    "tremor",
    "temblor",
    "fire",
    "blaze",
    "storm",
    "hurricane",
    "typhoon",
    "cyclone",
    "flood",
    "floods",
    "explosion",
    "blast",
    "attack",
    "bombing",
    "shooting",
    "crash",
    "collision",
    "eruption",
];

/// True when the clause of token `first`, past the article's opening sentences, brings in an
/// event with an indefinite article ("a 6.4-magnitude quake hit the town of Zarand").
fn another_event(s: &Sentence<'_>, first: usize) -> bool {
    if s.index <= 2 {
        return false;
    }
    let c = s.toks[first].clause;
    let clause: Vec<&Tok> = s.toks.iter().filter(|t| t.clause == c).collect();
    clause.iter().enumerate().any(|(i, t)| {
        matches!(t.lower.as_str(), "a" | "an")
            && clause[i + 1..]
                .iter()
                .take(5)
                .any(|n| EVENT_NOUNS.contains(&n.lower.as_str()))
    })
}

/// True when the date at tokens `first..=last` bounds a period: after "since", "until",
/// "between" or "from", or before "and" or "to" with another date.
fn bounds_a_period(toks: &[Tok], first: usize, last: usize) -> bool {
    let before = first.checked_sub(1).map(|k| toks[k].lower.as_str());
    let after = toks.get(last + 1).map(|t| t.lower.as_str());
    let mut k = first;
    // "between 1990 and 2024": the second date is preceded by "and" after a "between".
    while k > 0 && first - k < 8 {
        k -= 1;
        if toks[k].is("between") {
            return true;
        }
    }
    matches!(
        before,
        Some("since" | "until" | "till" | "from" | "between")
    ) || matches!(after, Some("to" | "until"))
        && toks
            .get(last + 2)
            .is_some_and(|t| t.kind == TokenKind::Number)
}

/// What a value answers: its attribute, event, and the cue's tokens, if a cue gave them.
type Meaning = (&'static str, &'static str, Option<(usize, usize)>);

/// Whether a cue of kind `cue` can govern a value of kind `value`: a jobs count also takes
/// the cues of people ("two workers were killed").
fn fits(cue: ValueKind, value: ValueKind) -> bool {
    cue == value || (value == ValueKind::Jobs && cue == ValueKind::Count)
}

/// Splits a table phrase into token words: spaces separate words, hyphens are tokens of their
/// own ("ex-wife" is `ex`, `-`, `wife`, as the tokenizer reads it).
pub(crate) fn split_phrase(phrase: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for w in phrase.split(' ') {
        let mut parts = w.split('-').peekable();
        while let Some(p) = parts.next() {
            if !p.is_empty() {
                out.push(p);
            }
            if parts.peek().is_some() {
                out.push("-");
            }
        }
    }
    out
}

/// Keeps the first of overlapping hits (hits are in order of their first token, longest
/// first at each token).
fn dedup_hits<T>(hits: &mut Vec<Hit<T>>) {
    let mut end = 0;
    let mut first = true;
    hits.retain(|h| {
        let keep = first || h.first >= end;
        if keep {
            end = h.last + 1;
            first = false;
        }
        keep
    });
}

/// True when tokens `hf..=hl` lie inside the value `first..=last`.
fn inside(hf: usize, hl: usize, first: usize, last: usize) -> bool {
    hf >= first && hl <= last
}

/// How far a cue at tokens `hf..=hl` is from the value at `first..=last`: twice the tokens
/// between, one less when the cue comes after ("fined £2m" and "£2m fine" are both close; on
/// a tie the cue after wins); zero for a cue inside the value ("120 new roles").
fn distance(first: usize, last: usize, hf: usize, hl: usize) -> usize {
    if hl < first {
        2 * (first - hl)
    } else if hf > last {
        2 * (hf - last) - 1
    } else {
        0
    }
}

/// The clauses a value at tokens `first..=last` may take its cue from: its own, or, when it
/// has none there (`has(c0, c1)` says) and its phrase is short and verbless, the clause after a
/// sentence-opening phrase (`Yet, in early 2022, the couple …`) or the one before an aside
/// (`…, March 11, …`).
fn clause_range(
    toks: &[Tok],
    first: usize,
    last: usize,
    has: impl Fn(u32, u32) -> bool,
) -> (u32, u32) {
    let c0 = toks[first].clause;
    let c1 = toks[last].clause;
    if has(c0, c1) {
        return (c0, c1);
    }
    let own = toks
        .iter()
        .enumerate()
        .filter(|(k, t)| t.clause >= c0 && t.clause <= c1 && t.word() && (*k < first || *k > last))
        .count();
    if own > 2 {
        return (c0, c1);
    }
    let max = toks.last().map_or(0, |t| t.clause);
    if c0 == 0 && c1 < max {
        return (c0, c1 + 1);
    }
    if c0 > 0 {
        return (c0 - 1, c1);
    }
    (c0, c1)
}

/// Verbs that give an estimate of a count: "put the crowd at 8,000".
const ESTIMATING: &[&str] = &[
    "estimate",
    "estimated",
    "estimates",
    "numbered",
    "placed",
    "places",
    "put",
    "puts",
    "putting",
];

/// Tokens before the number within which the estimating verb is looked for.
const ESTIMATE_REACH: usize = 20;

/// True when `span` overlaps one of the sorted `spans`.
fn overlaps(spans: &[Span], span: Span) -> bool {
    let i = spans.partition_point(|s| s.end() <= span.start());
    spans.get(i).is_some_and(|s| s.overlaps(span))
}

/// The name mentions inside `span` (mentions are in text order).
pub(crate) fn mentions_in(names: &Names, span: Span) -> &[crate::extract::names::NameMention] {
    let from = names
        .mentions
        .partition_point(|m| m.span.start() < span.start());
    let to = from + names.mentions[from..].partition_point(|m| m.span.start() < span.end());
    &names.mentions[from..to]
}

/// The publication date on a byline or date line ("By Lena Marsh, Valley Herald, 14 March
/// 2026"): the article's own metadata, not a claim of its story. A short line of its own that
/// is no sentence (no final stop) and gives the publication day.
fn is_dateline_date(text: &str, d: &DateMention, published: Option<jiff::civil::Date>) -> bool {
    let Some(p) = published else {
        return false;
    };
    if d.value.get(..10) != Some(p.to_string().as_str()) {
        return false;
    }
    let from = text[..d.span.start()].rfind('\n').map_or(0, |i| i + 1);
    let to = text[d.span.end()..]
        .find('\n')
        .map_or(text.len(), |i| d.span.end() + i);
    let line = text[from..to].trim();
    line.chars().count() <= 120 && !line.ends_with(['.', '!', '?', '"', '\u{201d}'])
}

/// A date with a calendar value that can be compared: a day, month, year, week, quarter…
pub fn is_calendar(d: &DateMention) -> bool {
    matches!(d.kind, DateType::Date | DateType::Time)
        && d.value.as_bytes().first().is_some_and(u8::is_ascii_digit)
        && !d.value.contains('X')
}

/// A duration with a number of units (`P9Y`, `PT14H`), not a vague one (`PXY`).
pub fn is_duration(d: &DateMention) -> bool {
    d.kind == DateType::Duration
        && d.value.starts_with('P')
        && d.value.bytes().any(|b| b.is_ascii_digit())
        && !d.value.contains('X')
}

/// `f` on `w` lower-cased (re-exported for the person rules).
pub(crate) fn lower_is(w: &str, f: impl FnOnce(&str) -> bool) -> bool {
    with_lower(w, f)
}

/// The quote extractor's organisation nouns ("the company", "the firm").
pub(crate) fn is_org_noun(w: &str) -> bool {
    ORG_NOUNS.contains(&w)
}

/// Resolves a pronoun or description at `span` as quote speakers are.
pub(crate) fn resolve_at(ctx: &Ctx<'_>, span: Span) -> Option<usize> {
    resolve(ctx.text, ctx.seg, ctx.names, span, span.start())
}

/// A claim's subjects as (key, name), sorted by key, each once.
pub fn subject_keys<'n>(c: &Claim, names: &'n Names) -> Vec<(&'n str, &'n str)> {
    let mut subjects: Vec<(&str, &str)> = c
        .subjects
        .iter()
        .map(|&e| {
            let e = &names.entities[e];
            (e.key.as_str(), e.name.as_str())
        })
        .collect();
    subjects.sort();
    subjects.dedup_by(|x, y| x.0 == y.0);
    subjects
}

/// The entities named inside `sentence`, in text order (with repeats).
pub fn mentions_in_sentence(names: &Names, sentence: Span) -> impl Iterator<Item = usize> + '_ {
    mentions_in(names, sentence)
        .iter()
        .filter(move |m| sentence.contains(m.span))
        .map(|m| m.entity)
}
