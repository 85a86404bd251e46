//! Claims: statements that tie an entity to a value in one sentence — *Halvorsen Marine will
//! close the yard on June 30*, *about 260 staff face redundancy* — each with the event it is
//! about, so that outlets can be compared claim by claim.
//!
//! A claim is made for every date (TIMEX3 `DATE` or `TIME` with a known calendar value) and
//! every amount in a sentence. Its **event** comes from the nearest trigger word of the
//! trigger table (`events.txt`) in the value's clause (clauses are split at commas, colons,
//! semicolons, dashes and brackets outside the value itself), else from a trigger at most six
//! words away in the sentence; a value with no such trigger is a `MENTION`. Its **subject** is the main entity of the sentence: a pronoun or a
//! definite description opening the sentence (`it`, `she`, `the company`) is resolved as in
//! quote attribution (`it` and organisation nouns take the organisation the previous sentences
//! were about); otherwise the first person or organisation named in the sentence, else the
//! first place; a name that is only the source of a statement (`…, director Anna Holm said`,
//! `according to Holm`) is not a subject. A sentence that names nobody else (a headline such
//! as *Shipyard closure: 260 staff face redundancy*) is about the article's main entity: the
//! person or organisation it names most.

use rustc_hash::FxHashMap;

use crate::Error;
use crate::extract::amounts::Amount;
use crate::extract::dates::{DateMention, DateType};
use crate::extract::names::{NameKind, Names};
use crate::extract::quotes::{ORG_NOUNS, resolve};
use crate::rules::{List, Order};
use crate::segment::{Segmentation, TokenKind, push_lower, tokenize, with_lower};
use crate::span::Span;

/// The value a claim gives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClaimValue {
    /// An index into the article's dates.
    Date(usize),
    /// An index into the article's amounts.
    Amount(usize),
}

/// One claim.
#[derive(Clone, Debug, PartialEq)]
pub struct Claim {
    /// The sentence (index into the segmentation).
    pub sentence: usize,
    /// The entity the claim is about (index into [`Names::entities`]).
    pub subject: Option<usize>,
    /// The event type (`CLOSE`, `ANNOUNCE`, …, or `MENTION`).
    pub event: &'static str,
    /// The value.
    pub value: ClaimValue,
    /// The trigger as written, when there is one.
    pub trigger: Option<Span>,
}

/// The event when no trigger is found.
pub const MENTION: &str = "MENTION";

/// The compiled claim rules. Build once, share across threads.
#[derive(Debug)]
pub struct ClaimExtractor {
    /// Trigger phrases by first word, longest first: (words, event).
    triggers: FxHashMap<&'static str, Vec<(Vec<&'static str>, &'static str)>>,
    /// Reporting verbs (the quote extractor's list).
    verbs: rustc_hash::FxHashSet<&'static str>,
    /// Events only a person can be the subject of (`person_events.txt`).
    person_events: rustc_hash::FxHashSet<&'static str>,
}

#[derive(Clone, Debug)]
struct Tok {
    span: Span,
    lower: String,
    clause: u32,
}

#[derive(Clone, Copy, Debug)]
struct Trigger {
    first: usize,
    last: usize,
    event: &'static str,
    span: Span,
}

/// Words that may open a sentence before its subject.
const OPENERS: [&str; 6] = ["but", "and", "meanwhile", "however", "now", "so"];

impl ClaimExtractor {
    /// Loads the built-in trigger table.
    pub fn new() -> Result<ClaimExtractor, Error> {
        let list = List::parse(
            "extract/claims/events.txt",
            include_str!("events.txt"),
            Order::SortedKeys,
        )?;
        let mut triggers: FxHashMap<&'static str, Vec<(Vec<&'static str>, &'static str)>> =
            FxHashMap::default();
        for (line, f) in list.fields(2)? {
            if f[1].is_empty() || !f[1].bytes().all(|b| b.is_ascii_uppercase() || b == b'_') {
                return Err(Error::rule(list.name, line, "the event must be UPPER_CASE"));
            }
            let words: Vec<&str> = f[0].split(' ').collect();
            let e = triggers.entry(words[0]).or_default();
            e.push((words, f[1]));
            e.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
        }
        let verbs = List::parse(
            "extract/quotes/verbs.txt",
            include_str!("../quotes/verbs.txt"),
            Order::Sorted,
        )?
        .words()
        .collect();
        let person_events = List::parse(
            "extract/claims/person_events.txt",
            include_str!("person_events.txt"),
            Order::Sorted,
        )?
        .words()
        .collect();
        Ok(ClaimExtractor {
            triggers,
            verbs,
            person_events,
        })
    }

    /// The event a single word or phrase triggers, if any (`"closure"` → `CLOSE`).
    pub fn event_of(&self, phrase: &str) -> Option<&'static str> {
        let words: Vec<&str> = phrase.split_whitespace().collect();
        self.triggers
            .get(words.first()?)?
            .iter()
            .find(|(w, _)| *w == words)
            .map(|&(_, e)| e)
    }

    /// The claims of an article, in text order of their values.
    pub fn extract(
        &self,
        text: &str,
        seg: &Segmentation,
        names: &Names,
        dates: &[DateMention],
        amounts: &[Amount],
    ) -> Vec<Claim> {
        // Values in text order.
        let mut values: Vec<(Span, ClaimValue)> = dates
            .iter()
            .enumerate()
            .filter(|(_, d)| is_calendar(d))
            .map(|(i, d)| (d.span, ClaimValue::Date(i)))
            .chain(
                amounts
                    .iter()
                    .enumerate()
                    .map(|(i, a)| (a.span, ClaimValue::Amount(i))),
            )
            .collect();
        values.sort_by_key(|v| (v.0.start(), v.0.end()));
        let mut out = Vec::new();
        let mut toks: Vec<Tok> = Vec::new();
        let mut trig: Vec<Trigger> = Vec::new();
        // The organisation the previous sentences were about, for "it" and "the company".
        let mut org_subject: Option<usize> = None;
        // The article's main entity: the person or organisation named most (an organisation,
        // then the first named, on a tie).
        let topic = names
            .entities
            .iter()
            .enumerate()
            .filter(|(_, e)| matches!(e.kind, NameKind::Org | NameKind::Person))
            .max_by_key(|(i, e)| {
                (
                    e.mentions.len(),
                    e.kind == NameKind::Org,
                    std::cmp::Reverse(*i),
                )
            })
            .map(|(i, _)| i);
        let mut v = 0;
        for (si, s) in seg.sentences.iter().enumerate() {
            let from = v;
            while v < values.len() && values[v].0.start() < s.span.end() {
                v += 1;
            }
            let here = &values[from..v];
            let subject = self.subject(text, seg, names, si, org_subject, topic);
            if let Some(id) = subject
                && names.entities[id].kind == NameKind::Org
            {
                org_subject = Some(id);
            }
            if here.is_empty() {
                continue;
            }
            let n = self.tokens(text, s.span, here, names, &mut toks, &mut trig);
            for &(span, value) in here {
                let (event, trigger) = nearest(&toks[..n], &trig, span)
                    // A birth or an arrest whose subject is a place or an organisation is a
                    // figure of speech: the value is only mentioned.
                    .filter(|t| {
                        !self.person_events.contains(t.event)
                            || subject.is_none_or(|id| names.entities[id].kind == NameKind::Person)
                    })
                    .map_or((MENTION, None), |t| (t.event, Some(t.span)));
                out.push(Claim {
                    sentence: si,
                    subject,
                    event,
                    value,
                    trigger,
                });
            }
        }
        out
    }

    /// The main entity of sentence `si`.
    fn subject(
        &self,
        text: &str,
        seg: &Segmentation,
        names: &Names,
        si: usize,
        org_subject: Option<usize>,
        topic: Option<usize>,
    ) -> Option<usize> {
        let s = seg.sentences[si].span;
        let body = s.slice(text);
        let mut words = body
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|w| !w.is_empty())
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()));
        let mut first = words.next().unwrap_or("");
        if with_lower(first, |w| OPENERS.contains(&w)) {
            first = words.next().unwrap_or("");
        }
        let second = words.next().unwrap_or("");
        // Mentions inside the sentence, but not the source of an attribution ("…, director
        // Anna Holm said"): the source of a statement is not what it is about.
        // The mentions are in text order: the sentence's are one slice of them.
        let from = names
            .mentions
            .partition_point(|m| m.span.start() < s.start());
        let to = from + names.mentions[from..].partition_point(|m| m.span.start() < s.end());
        let here = &names.mentions[from..to];
        let in_sentence = || {
            here.iter()
                .filter(move |m| s.contains(m.span) && !self.attributes(text, s, m.span))
                .map(|m| m.entity)
        };
        let start = s.start() + body.find(first).unwrap_or(0);
        if !here.iter().any(|m| m.span.start() == start) {
            let lower = with_lower(first, |w| {
                ["it", "its", "he", "she", "they", "we", "i", "the"]
                    .into_iter()
                    .find(|x| *x == w)
            });
            match lower.unwrap_or("") {
                "it" | "its" if !matches!(second, "was" | "is" | "has" | "had") => {
                    return org_subject;
                }
                "he" | "she" => {
                    let span = Span::new(start, start + first.len());
                    return resolve(text, seg, names, span, start);
                }
                "they" | "we" | "i" => return None,
                "the" if with_lower(second, |w| ORG_NOUNS.contains(&w)) => {
                    return org_subject.or_else(|| last_org(names, s.start()));
                }
                _ => {}
            }
        }
        in_sentence()
            .find(|&e| matches!(names.entities[e].kind, NameKind::Person | NameKind::Org))
            .or_else(|| in_sentence().find(|&e| names.entities[e].kind == NameKind::Place))
            .or(topic)
    }

    /// True when the name at `m` is only the source of a statement: an attribution put after
    /// the statement (`…, director Anna Holm said.`, `…, said Holm.`) or `according to Holm`.
    /// A name before a reporting verb that goes on (`Acme announced on Tuesday that …`) is the
    /// subject of what it announced.
    fn attributes(&self, text: &str, sentence: Span, m: Span) -> bool {
        let is_verb = |w: &str| with_lower(w, |w| self.verbs.contains(w));
        let rest = &text[m.end()..sentence.end()];
        let after = rest.trim_start();
        let verb_len = after
            .find(|c: char| !c.is_alphanumeric())
            .unwrap_or(after.len());
        if verb_len > 0 && is_verb(&after[..verb_len]) {
            let tail = after[verb_len..].trim_start();
            if tail.is_empty() || tail.starts_with(['.', ',', ';', '!', '?']) {
                return true;
            }
        }
        let before = &text[sentence.start()..m.start()];
        // The last three words before the name, with their offsets.
        let words = before
            .rsplit(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|w| (w.as_ptr() as usize - before.as_ptr() as usize, w));
        words.take(3).any(|(at, w)| {
            if w.eq_ignore_ascii_case("according") {
                return true;
            }
            // ", said museum director Anna Holm": the verb follows a comma or a closing mark.
            is_verb(w)
                && before[..at]
                    .trim_end()
                    .ends_with([',', '"', '”', '’', '\''])
        })
    }

    /// Tokens and triggers of one sentence.
    fn tokens(
        &self,
        text: &str,
        span: Span,
        values: &[(Span, ClaimValue)],
        names: &Names,
        buf: &mut Vec<Tok>,
        trig: &mut Vec<Trigger>,
    ) -> usize {
        trig.clear();
        let mut clause = 0u32;
        // Token buffers are reused from sentence to sentence: no allocation per token.
        let mut n = 0;
        tokenize(text, span, |t| {
            let s = t.span.slice(text);
            if t.kind == TokenKind::Punct {
                let inside = values.iter().any(|v| v.0.contains(t.span));
                if !inside && matches!(s, "," | ";" | ":" | "—" | "–" | "(" | ")") {
                    clause += 1;
                }
                return;
            }
            if n == buf.len() {
                buf.push(Tok {
                    span: t.span,
                    lower: String::new(),
                    clause,
                });
            }
            let tok = &mut buf[n];
            tok.span = t.span;
            tok.clause = clause;
            tok.lower.clear();
            push_lower(&mut tok.lower, s);
            n += 1;
        });
        let toks = &buf[..n];
        let mut k = 0;
        while k < toks.len() {
            let hit = self.triggers.get(toks[k].lower.as_str()).and_then(|ps| {
                ps.iter().find(|(w, _)| {
                    w.iter()
                        .enumerate()
                        .all(|(j, w)| toks.get(k + j).is_some_and(|t| t.lower == *w))
                })
            });
            match hit {
                Some((w, event)) => {
                    let last = k + w.len() - 1;
                    let sp = Span::new(toks[k].span.start(), toks[last].span.end());
                    let in_value = values.iter().any(|v| v.0.overlaps(sp));
                    let in_name = names.mentions.iter().any(|m| m.span.overlaps(sp));
                    if !in_value && !in_name {
                        trig.push(Trigger {
                            first: k,
                            last,
                            event,
                            span: sp,
                        });
                    }
                    k = last + 1;
                }
                None => k += 1,
            }
        }
        n
    }
}

/// How many words away a trigger outside the value's clause may be.
const MAX_OUTSIDE_CLAUSE: usize = 6;

/// The trigger nearest to the value in `span`, in the value's clause (else at most
/// [`MAX_OUTSIDE_CLAUSE`] words away); on a tie, the one after.
fn nearest(toks: &[Tok], trig: &[Trigger], span: Span) -> Option<Trigger> {
    let first = toks.iter().position(|t| t.span.start() >= span.start())?;
    let last = toks
        .iter()
        .rposition(|t| t.span.end() <= span.end())
        .unwrap_or(first)
        .max(first);
    let clause = toks[first].clause;
    let mut clause_end = toks[last].clause;
    // A value in a short phrase of its own ("Yet, in early 2022, the couple announced their
    // engagement"; "On March 3, the yard closed") belongs to the clause after it.
    let own = toks
        .iter()
        .filter(|t| t.clause >= clause && t.clause <= clause_end)
        .count();
    if own <= last + 1 - first + 2 && toks.iter().any(|t| t.clause > clause_end) {
        clause_end += 1;
    }
    let distance = |t: &Trigger| {
        if t.last < first {
            2 * (first - t.last)
        } else {
            (2 * t.first.saturating_sub(last)).saturating_sub(1)
        }
    };
    let in_clause = trig.iter().filter(|t| {
        let c = toks[t.first].clause;
        c >= clause && c <= clause_end
    });
    // Else a trigger close by in the next or previous clause ("in early 2022, the couple
    // announced their engagement").
    let near = || {
        trig.iter()
            .filter(|t| distance(t) <= 2 * MAX_OUTSIDE_CLAUSE)
    };
    if in_clause.clone().next().is_none() {
        return near().min_by_key(|t| (distance(t), t.first)).copied();
    }
    in_clause.min_by_key(|t| (distance(t), t.first)).copied()
}

/// The most recent organisation named before byte `at`.
fn last_org(names: &Names, at: usize) -> Option<usize> {
    names
        .mentions
        .iter()
        .rev()
        .filter(|m| m.span.start() < at)
        .map(|m| m.entity)
        .find(|&e| names.entities[e].kind == NameKind::Org)
}

/// A date with a calendar value that can be compared: a day, month, year, week, quarter…
pub fn is_calendar(d: &DateMention) -> bool {
    matches!(d.kind, DateType::Date | DateType::Time)
        && d.value.as_bytes().first().is_some_and(u8::is_ascii_digit)
        && !d.value.contains('X')
}

#[cfg(test)]
mod tests;
