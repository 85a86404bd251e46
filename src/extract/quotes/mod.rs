//! Quotations: every quoted span, what kind it is, and who said it.
//!
//! Quote marks are paired per paragraph (straight, curly, single curly told apart from
//! apostrophes, guillemets, „…“); a quote left open runs to its paragraph's end, or on into the
//! next paragraph when that one reopens it (news convention: one quotation, several parts).
//! Each quotation is then attributed from the words around it: a reporting verb
//! (`verbs.txt`) and its subject — a name, a pronoun or a description — before or after the
//! quote, a split quote sharing its speaker, a quote-only paragraph inheriting the speaker of
//! the paragraph before. Pronouns and descriptions are resolved to the most recent compatible
//! person from the names extractor; nothing is guessed when two are equally likely.

#[cfg(test)]
mod tests;

use std::sync::LazyLock;

use rustc_hash::FxHashSet;

use crate::Error;
use crate::extract::names::{Gender, NameKind, NameMention, Names};
use crate::rules::{List, Order};
use crate::segment::Segmentation;
use crate::span::Span;

/// What a quotation is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuoteKind {
    /// A quoted utterance.
    Direct,
    /// Quoted words inside a reported sentence.
    Partial,
    /// Scare quotes, a nickname, a title: a few words with no speech cue.
    Term,
}

impl QuoteKind {
    /// The column value.
    pub fn name(self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Partial => "partial",
            QuoteKind::Term => "term",
        }
    }
}

/// One contiguous quoted span (one part of a quotation).
#[derive(Clone, Debug, PartialEq)]
pub struct Quote {
    /// The quotation this part belongs to (0-based, article order).
    pub quote_id: usize,
    /// 1-based part within the quotation.
    pub part: usize,
    /// The quoted words, without the marks.
    pub span: Span,
    /// Direct, partial or term.
    pub kind: QuoteKind,
    /// The speaker as written at the attribution.
    pub speaker: Option<Span>,
    /// The entity (index into the article's [`Names::entities`]) the speaker refers to.
    pub speaker_entity: Option<usize>,
    /// The reporting verb or phrase as written.
    pub cue: Option<Span>,
    /// The closing mark was missing: the quote was cut at its paragraph's end.
    pub unclosed: bool,
}

/// The compiled quote rules. Build once, share across threads.
#[derive(Debug)]
pub struct QuoteExtractor {
    verbs: FxHashSet<&'static str>,
    /// Verbs that label ("called it", "accused … of"), for partial quotes (`labels.txt`).
    labels: FxHashSet<&'static str>,
}

/// A quoted span before attribution.
#[derive(Clone, Copy, Debug)]
struct Raw {
    /// Content, without the marks.
    span: Span,
    /// Including the marks (or to the paragraph's end when unclosed).
    outer: Span,
    paragraph: usize,
    unclosed: bool,
    /// Continues the previous raw span (a quotation over several paragraphs).
    continues: bool,
}

/// An attribution found for a quote.
#[derive(Clone, Copy, Debug, Default)]
struct Attribution {
    speaker: Option<Span>,
    cue: Option<Span>,
}

const PRONOUNS: [&str; 8] = ["he", "she", "they", "it", "we", "i", "He", "She"];

impl QuoteExtractor {
    /// Loads the built-in rules.
    pub fn new() -> Result<QuoteExtractor, Error> {
        let verbs = List::parse(
            "extract/quotes/verbs.txt",
            include_str!("verbs.txt"),
            Order::Sorted,
        )?;
        let labels = List::parse(
            "extract/quotes/labels.txt",
            include_str!("labels.txt"),
            Order::Sorted,
        )?;
        Ok(QuoteExtractor {
            verbs: verbs.words().collect(),
            labels: labels.words().collect(),
        })
    }

    /// The quotations of `text`, attributed with the help of its names.
    pub fn extract(&self, text: &str, seg: &Segmentation, names: &Names) -> Vec<Quote> {
        let raws = find_quotes(text, seg);
        let mut out: Vec<Quote> = Vec::with_capacity(raws.len());
        let mut quote_id = 0usize;
        // The speaker of the last attributed quote, and its paragraph.
        let mut last_speaker: Option<(usize, Attribution, Option<usize>)> = None;
        for (k, r) in raws.iter().enumerate() {
            let para = seg.paragraphs[r.paragraph];
            // A quote that opens its paragraph ("Caddell continued:" then the quote).
            let quote_only = r.outer.start() <= para.start() + 3;
            // A transcript line ("PENCE: Well, …") names its speaker and starts a new quotation
            // even where the paragraph reopens one left open. Only at a paragraph's start:
            // "Collapse: How Societies Choose to Fail" inside a sentence is a title.
            let transcript = quote_only
                .then(|| transcript_speaker(text, r.span))
                .flatten();
            let (id, part) = if r.continues && transcript.is_none() && !out.is_empty() {
                let prev = &out[out.len() - 1];
                (prev.quote_id, prev.part + 1)
            } else {
                quote_id += if out.is_empty() { 0 } else { 1 };
                (quote_id, 1)
            };
            let mut att = if part > 1 {
                let prev = &out[out.len() - 1];
                Attribution {
                    speaker: prev.speaker,
                    cue: prev.cue,
                }
            } else if let Some(sp) = transcript {
                Attribution {
                    speaker: Some(sp),
                    cue: None,
                }
            } else {
                self.attribute(text, seg, &raws, k)
            };
            // Split quote: "Q1," X said, "Q2." — the second part shares the first's speaker.
            if att.speaker.is_none()
                && k > 0
                && raws[k - 1].paragraph == r.paragraph
                && let Some(prev) = out.last()
                && prev.speaker.is_some()
                && text[raws[k - 1].outer.end()..r.outer.start()].len() < 400
            {
                att = Attribution {
                    speaker: prev.speaker,
                    cue: prev.cue,
                };
            }
            // "Caddell continued:" then a paragraph that is a quote.
            if att.speaker.is_none() && quote_only && r.paragraph > 0 {
                let prev_para = seg.paragraphs[r.paragraph - 1].slice(text);
                if prev_para.trim_end().ends_with(':') {
                    let end = seg.paragraphs[r.paragraph - 1].end();
                    att = self.before(text, end, seg, 0);
                    // "Trump issued the following statement:": the subject introduces it.
                    if att.speaker.is_none() {
                        att.speaker = sentence_subject(text, seg, names, end - 1, true);
                    }
                }
            }
            // A paragraph that only quotes, after one attributed to X, is X's.
            if att.speaker.is_none()
                && quote_only
                && let Some((p, a, _)) = last_speaker
                && p + 1 >= r.paragraph
                && r.paragraph > 0
            {
                att = a;
            }
            // No cue: the subject of the sentence that holds the quote, if it opens it.
            if att.speaker.is_none() && !quote_only {
                let long = r.span.slice(text).split_whitespace().count() > 4;
                att.speaker = sentence_subject(text, seg, names, r.outer.start(), long);
            }
            let entity = att
                .speaker
                .and_then(|s| resolve(text, seg, names, s, r.span.start()));
            let words = r.span.slice(text).split_whitespace().count();
            // A fragment inside a reported sentence ("she wanted to “set up a farm”") starts
            // in lower case and is not introduced by a colon or a comma.
            let lower_start = r
                .span
                .slice(text)
                .chars()
                .next()
                .is_some_and(char::is_lowercase);
            let introduced = text[..r.outer.start()].trim_end().ends_with([':', ',']);
            let kind = if att.cue.is_some() || att.speaker.is_some() {
                if quote_only || introduced || !lower_start && words >= 3 {
                    QuoteKind::Direct
                } else {
                    QuoteKind::Partial
                }
            } else if words <= 4 {
                QuoteKind::Term
            } else if quote_only {
                QuoteKind::Direct
            } else {
                QuoteKind::Partial
            };
            if att.speaker.is_some() {
                last_speaker = Some((r.paragraph, att, entity));
            }
            out.push(Quote {
                quote_id: id,
                part,
                span: r.span,
                kind,
                speaker: att.speaker,
                speaker_entity: entity,
                cue: att.cue,
                unclosed: r.unclosed,
            });
        }
        out
    }

    /// The attribution of raw quote `k`: after it, else before it, in its sentence(s).
    fn attribute(&self, text: &str, seg: &Segmentation, raws: &[Raw], k: usize) -> Attribution {
        let r = &raws[k];
        let para = seg.paragraphs[r.paragraph];
        // After: up to the next quote in the paragraph or the end of the sentence.
        let after_end = raws
            .get(k + 1)
            .filter(|n| n.paragraph == r.paragraph)
            .map_or(para.end(), |n| n.outer.start());
        let s_end = seg.sentences
            [seg.sentence_at(r.outer.end().saturating_sub(1).max(r.span.start()))]
        .span
        .end()
        .max(r.outer.end());
        // A byline after a dash ("“Q.” ― Steve Quinlan") stands in the next sentence.
        let s_end = match text[r.outer.end()..].trim_start().chars().next() {
            Some('—' | '–' | '―') => {
                let next = text[r.outer.end()..].len() - text[r.outer.end()..].trim_start().len();
                seg.sentences[seg.sentence_at(r.outer.end() + next)]
                    .span
                    .end()
                    .max(s_end)
            }
            _ => s_end,
        };
        let a = self.after(
            text,
            Span::new(r.outer.end(), after_end.min(s_end.max(r.outer.end()))),
        );
        if a.speaker.is_some() {
            return a;
        }
        // Before: from the start of the sentence (or the previous quote) to the opening mark.
        let prev_end = k
            .checked_sub(1)
            .map(|j| &raws[j])
            .filter(|p| p.paragraph == r.paragraph)
            .map_or(para.start(), |p| p.outer.end());
        let s_start = seg.sentences[seg.sentence_at(r.outer.start())].span.start();
        let b = self.before(text, r.outer.start(), seg, prev_end);
        if b.speaker.is_some() && b.cue.is_none_or(|c| c.start() >= prev_end.min(s_start)) {
            return b;
        }
        // "“…?” Clinton said.": the segmenter ends the sentence at the closing mark; the
        // attribution is the start of the next one, in the same paragraph.
        if s_end < after_end {
            let next = seg.sentences[seg.sentence_at(s_end + 1)].span;
            if next.start() >= s_end && next.start() < after_end {
                let head = Span::new(r.outer.end(), next.end().min(after_end));
                let a = self.after(text, head);
                let near = a.cue.is_some_and(|c| {
                    text.get(next.start()..c.start())
                        .is_none_or(|gap| gap.split_whitespace().count() <= 6)
                });
                // After a quote closed by a full stop, the next sentence is only its
                // attribution when that is all it says ("“….” Reyes said."), not when it goes
                // on ("“….” Russia insisted that …").
                let stop = r.span.slice(text).trim_end().ends_with('.');
                let ends = a.speaker.zip(a.cue).is_some_and(|(sp, c)| {
                    let tail = &text[sp.end().max(c.end())..next.end().min(after_end)];
                    tail.trim_start().starts_with(['.', ',', ';']) || tail.trim().is_empty()
                });
                if a.speaker.is_some() && near && (!stop || ends) {
                    return a;
                }
            }
        }

        Attribution::default()
    }

    /// `"Q," X said.` / `"Q," said X.` / `"Q" — X`: the words in `span` after a quote.
    fn after(&self, text: &str, span: Span) -> Attribution {
        let ws = words(text, span);
        let mut i = 0;
        while i < ws.len() && matches!(ws[i].1, "," | "." | "—" | "–" | "―" | "-" | "(") {
            i += 1;
        }
        let dash = ws[..i].iter().any(|w| matches!(w.1, "—" | "–" | "―" | "-"));
        if i >= ws.len() {
            return Attribution::default();
        }
        // "said X"
        if self.is_cue(ws[i].1) {
            let cue = cue_span(&ws, i);
            let sp = speaker_phrase(&ws, i + 1, true);
            return Attribution {
                speaker: sp,
                cue: Some(cue),
            };
        }
        // "X said": a speaker phrase of a few words, then the verb.
        let mut depth = 0i32;
        for j in i + 1..ws.len().min(i + 40) {
            match ws[j].1 {
                "(" => depth += 1,
                ")" => depth -= 1,
                // A stop inside "(D-Wis.)" does not end the sentence.
                // "R-Ky., said": a stop before a comma or a lower-case word goes on.
                "." if ws.get(j + 1).is_some_and(|n| {
                    n.1 == "," || n.1.chars().next().is_some_and(char::is_lowercase)
                }) => {}
                // An initial: "J. Gerald Hebert said".
                "." if ws[j - 1].1.len() == 1 && ws[j - 1].1.starts_with(char::is_uppercase) => {}
                "." | "?" | "!" | ";" | "“" | "\"" if depth <= 0 => break,
                _ => {}
            }
            if self.is_cue(ws[j].1) {
                // "X said", or a name opening a long appositive: "X, the chairwoman of ...,
                // said".
                let sp = speaker_before(&ws, i, j)
                    .or_else(|| {
                        (is_name_word(ws[i].1) && ws.get(i + 1).is_some_and(|w| w.1 != "."))
                            .then(|| speaker_phrase(&ws, i, false))
                            .flatten()
                    })
                    // "“Q” about fixing inequality, said Marla Kilfoyle": the verb after a
                    // comma, its speaker after it.
                    .or_else(|| {
                        // Not a participle and its object: ", calling it “…”".
                        (ws[j - 1].1 == "," && !ws[j].1.ends_with("ing"))
                            .then(|| speaker_phrase(&ws, j + 1, true))
                            .flatten()
                    });
                if sp.is_some() {
                    return Attribution {
                        speaker: sp,
                        cue: Some(cue_span(&ws, j)),
                    };
                }
                break;
            }
        }
        // "Q," according to X.
        if let Some(a) = ws[i..]
            .iter()
            .position(|w| w.1.eq_ignore_ascii_case("according"))
            .map(|a| a + i)
            && ws.get(a + 1).is_some_and(|w| w.1 == "to")
            && !ws[i..a].iter().any(|w| matches!(w.1, "." | "?" | "!"))
        {
            return Attribution {
                speaker: speaker_phrase(&ws, a + 2, true),
                cue: Some(Span::new(ws[a].0.start(), ws[a + 1].0.end())),
            };
        }
        // "Q," as put by X.
        if ws[i].1 == "as"
            && ws.get(i + 1).is_some_and(|w| w.1 == "put")
            && ws.get(i + 2).is_some_and(|w| w.1 == "by")
        {
            return Attribution {
                speaker: speaker_phrase(&ws, i + 3, true),
                cue: Some(Span::new(ws[i].0.start(), ws[i + 2].0.end())),
            };
        }
        // "Q," as X put it.
        if let Some(p) = ws[i..].iter().position(|w| w.1 == "put").map(|p| p + i)
            && p > i
            && ws[i].1 == "as"
        {
            return Attribution {
                speaker: speaker_before(&ws, i + 1, p).or_else(|| speaker_phrase(&ws, i + 1, true)),
                cue: Some(ws[p].0),
            };
        }
        // "Q" — X: a byline names someone ("— Adriana Rodarte"); a description after a dash
        // goes on with the sentence ("” — a metaphor for …").
        if dash {
            return Attribution {
                speaker: speaker_phrase(&ws, i, false),
                cue: None,
            };
        }
        Attribution::default()
    }

    /// `X said: "Q"` / `X said, "Q"` / `According to X, "Q"`: the words before `end` in its
    /// sentence.
    fn before(&self, text: &str, end: usize, seg: &Segmentation, from: usize) -> Attribution {
        let s = seg.sentences[seg.sentence_at(end.saturating_sub(1))].span;
        // Not into an earlier quote of the same sentence.
        let start = s.start().max(from).min(end);
        let ws = words(text, Span::new(start, end));
        if ws.is_empty() {
            return Attribution::default();
        }
        // "According to X,"
        if let Some(a) = ws
            .iter()
            .position(|w| w.1.eq_ignore_ascii_case("according"))
            && ws.get(a + 1).is_some_and(|w| w.1 == "to")
        {
            let sp = speaker_phrase(&ws, a + 2, true);
            return Attribution {
                speaker: sp,
                cue: Some(Span::new(ws[a].0.start(), ws[a + 1].0.end())),
            };
        }
        // The last reporting verb, close to the quote.
        let n = ws.len();
        // A name right before a colon introduces the quote: "… doesn't surprise Republican
        // pollster Daron Shaw: “…”".
        if n >= 2
            && ws[n - 1].1 == ":"
            && is_name_word(ws[n - 2].1)
            && !(0..n - 1).any(|j| self.is_cue(ws[j].1))
            && let Some(sp) = speaker_before(&ws, 0, n - 1)
        {
            return Attribution {
                speaker: Some(sp),
                cue: None,
            };
        }
        for j in (0..n).rev() {
            if n - j > 6 {
                break;
            }
            if self.is_cue(ws[j].1) && !possessed(&ws, j) {
                // A participle ("…, saying", "marched through the streets chanting") reports
                // the sentence's subject, not the words just before it.
                let mut sp = self.cue_subject(&ws, j);
                // "… on Wednesday, calling it “…”" after an earlier quote of the sentence: the
                // participle's subject opens the sentence, before that quote.
                if sp.is_none() && ws[j].1.ends_with("ing") && start > s.start() {
                    let full = words(text, Span::new(s.start(), ws[j].0.start()));
                    sp = sentence_opening(&full, full.len());
                }
                return Attribution {
                    speaker: sp,
                    cue: Some(cue_span(&ws, j)),
                };
            }
        }
        // A verb further back in the sentence, for a partial quote: "X called it "Q"".
        for j in (0..n).rev() {
            if (self.is_cue(ws[j].1) || self.labels.contains(ws[j].1)) && !possessed(&ws, j) {
                if let Some(sp) = self.cue_subject(&ws, j) {
                    return Attribution {
                        speaker: Some(sp),
                        cue: Some(cue_span(&ws, j)),
                    };
                }
                break;
            }
        }
        Attribution::default()
    }

    /// The speaker of the reporting verb at `j`, in the words before a quote.
    fn cue_subject(&self, ws: &[(Span, &str)], j: usize) -> Option<Span> {
        // A participle ("…, saying", "marched through the streets chanting") or a verb joined
        // to an earlier one ("X said … but added:") reports the sentence's subject.
        if ws[j].1.ends_with("ing") || j > 0 && matches!(ws[j - 1].1, "and" | "but") {
            // "with Donald Trump tweeting that …": the participle has its own subject.
            if let Some(w) = (j.saturating_sub(7)..j).rev().find(|&k| ws[k].1 == "with")
                && w + 1 < j
                && let Some(sp) = speaker_phrase(&ws[..j], w + 1, true)
                && sp.end() == ws[j - 1].0.end()
            {
                return Some(sp);
            }
            return sentence_opening(ws, j);
        }
        // "Beck, who has in the past described Trump as “…”": the relative pronoun is the
        // speaker as written (its entity is the name before it).
        if let Some(k) = (j.saturating_sub(8)..j)
            .rev()
            .find(|&k| matches!(ws[k].1, "who" | "which") && k > 0 && ws[k - 1].1 == ",")
            // "NAFTA, which Trump had called “…”": a subject of its own after the pronoun.
            && !ws[k + 1..j].iter().any(|w| {
                !w.1.chars().next().is_some_and(char::is_alphanumeric)
                    || w.1.starts_with(char::is_uppercase)
                    || self.is_cue(w.1)
                    || pronoun(*w).is_some()
            })
        {
            return Some(ws[k].0);
        }
        let before = speaker_before(ws, 0, j);
        // "Protesters marching through the streets chanted": no subject next to the verb,
        // the one opening the sentence.
        if before.is_none()
            && j > 1
            && ws[j - 1].1.starts_with(char::is_lowercase)
            && let Some(k) = (0..j - 1).rev().find(|&k| ws[k].1.ends_with("ing"))
            && k > 0
            && !ws[..k].iter().any(|w| w.1 == ",")
        {
            return sentence_opening(ws, k);
        }
        // "a program called “BleachBit”", "an inflation formula dubbed …": a name given, not
        // words said.
        if matches!(
            ws[j].1,
            "called" | "dubbed" | "labeled" | "labelled" | "named" | "titled" | "termed"
        ) && before.is_some_and(|sp| {
            ws.iter()
                .find(|w| w.0.start() == sp.start())
                .is_some_and(|w| matches!(w.1, "a" | "an" | "A" | "An"))
        }) {
            return None;
        }
        before.or_else(|| {
            // Inverted: "Stated Stone:", "…, explained Rosenberg, “…”" — a name that ends the
            // clause, not the object of a verb ("described Trump as").
            let next = ws.get(j + 1)?;
            if !is_name_word(next.1) || is_determiner(next.1) {
                return None;
            }
            let sp = speaker_phrase(ws, j + 1, false)?;
            let after = ws.iter().find(|w| w.0.start() >= sp.end());
            after
                .is_none_or(|w| matches!(w.1, "," | ":" | "." | ";"))
                .then_some(sp)
        })
    }

    fn is_cue(&self, w: &str) -> bool {
        w.len() <= 12
            && (self.verbs.contains(w)
                // "Tweeted" after an appositive; not "States" or "Says" in a name or headline.
                || w.starts_with(char::is_uppercase)
                    && w.ends_with("ed")
                    && w.chars().skip(1).all(|c| c.is_ascii_lowercase())
                    && self.verbs.contains(w.to_ascii_lowercase().as_str()))
    }
}

/// The words (and punctuation marks) of `text[span]`, with their spans.
fn words(text: &str, span: Span) -> Vec<(Span, &str)> {
    let s = span.slice(text);
    let mut out = Vec::new();
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c.is_whitespace() {
            continue;
        }
        let mut e = i + c.len_utf8();
        if c.is_alphanumeric() {
            while let Some(&(j, d)) = it.peek() {
                let inner = matches!(d, '\'' | '’' | '-' | '.')
                    && s[j + d.len_utf8()..]
                        .chars()
                        .next()
                        .is_some_and(char::is_alphanumeric);
                if d.is_alphanumeric() || inner {
                    e = j + d.len_utf8();
                    it.next();
                } else {
                    break;
                }
            }
            // "Mr.", and acronyms written with stops ("U.S.", "D.C."), keep their last stop.
            if s[e..].starts_with('.')
                && (s[i..e].contains('.') && s[i..e].len() <= 6
                    || matches!(
                        &s[i..e],
                        "Mr" | "Mrs"
                            | "Ms"
                            | "Dr"
                            | "Gov"
                            | "Sen"
                            | "Rep"
                            | "St"
                            | "Del"
                            | "Gen"
                            | "Lt"
                            | "Col"
                            | "Capt"
                            | "Sgt"
                            | "Prof"
                            | "Rev"
                            | "Hon"
                            | "Jr"
                            | "Sr"
                    ))
            {
                e += 1;
                it.next();
            }
        }
        out.push((Span::new(span.start() + i, span.start() + e), &s[i..e]));
    }
    out
}

/// The cue: the verb, and after `told` or `asked` its object ("told the magazine").
fn cue_span(ws: &[(Span, &str)], j: usize) -> Span {
    let mut end = ws[j].0.end();
    if matches!(ws[j].1, "told" | "tells" | "asked" | "asks") {
        for w in ws.iter().skip(j + 1).take(4) {
            if !w.1.chars().next().is_some_and(char::is_alphanumeric) {
                break;
            }
            end = w.0.end();
        }
    }
    Span::new(ws[j].0.start(), end)
}

/// A pronoun, alone or contracted ("He’s" → "He").
fn pronoun((span, w): (Span, &str)) -> Option<Span> {
    if PRONOUNS.contains(&w) {
        return Some(span);
    }
    let (head, _) = w.split_once(['\'', '’'])?;
    PRONOUNS
        .contains(&head)
        .then(|| Span::new(span.start(), span.start() + head.len()))
}

fn is_name_word(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase) && !SENTENCE_WORDS.contains(w)
}

/// Capitalised words that open sentences and clauses but never name a speaker
/// (`openers.txt`).
static SENTENCE_WORDS: LazyLock<FxHashSet<&'static str>> = LazyLock::new(|| list(OPENERS));
const OPENERS: (&str, &str) = ("extract/quotes/openers.txt", include_str!("openers.txt"));

/// Prepositions whose object is never the subject of the verb that follows it
/// (`prepositions.txt`).
static PREPOSITIONS: LazyLock<FxHashSet<&'static str>> = LazyLock::new(|| list(PREPOSITION_LIST));
const PREPOSITION_LIST: (&str, &str) = (
    "extract/quotes/prepositions.txt",
    include_str!("prepositions.txt"),
);

/// The words of a built-in list. The lists are checked by a test; a broken one only means no
/// word is known.
fn list((name, text): (&'static str, &'static str)) -> FxHashSet<&'static str> {
    List::parse(name, text, Order::Sorted)
        .map(|l| l.words().collect())
        .unwrap_or_default()
}

/// A speaker phrase starting at word `i`: a pronoun, a capitalised name (with titles), or a
/// description (`the actress`, `a spokesperson for the ministry`).
fn speaker_phrase(ws: &[(Span, &str)], i: usize, allow_description: bool) -> Option<Span> {
    let first = ws.get(i)?;
    if let Some(p) = pronoun(*first) {
        return Some(p);
    }
    // A role before the name: "said chief executive Margaret Okafor".
    if !first.1.chars().next().is_some_and(char::is_uppercase)
        && let Some(k) = (i + 1..ws.len().min(i + 5)).find(|&k| is_name_word(ws[k].1))
        && ws[i..k].iter().all(|w| {
            w.1.chars()
                .all(|c| c.is_alphanumeric() || c == '/' || c == '-')
                && !is_link_word(w.1)
        })
        && !is_determiner(first.1)
    {
        let name = speaker_phrase(ws, k, false)?;
        return Some(Span::new(first.0.start(), name.end()));
    }
    if is_name_word(first.1) && !is_determiner(first.1) {
        let mut e = i;
        while e + 1 < ws.len()
            && (is_name_word(ws[e + 1].1)
                || matches!(ws[e + 1].1, "de" | "van" | "von" | "der" | "al" | "bin"))
        {
            e += 1;
        }
        // "said Corvane chief executive Martin Oyelaran": an organisation, a role, the person.
        if let Some(k) = (e + 2..ws.len().min(e + 5)).find(|&k| is_name_word(ws[k].1))
            && ws[e + 1..k]
                .iter()
                .all(|w| w.1.chars().all(|c| c.is_lowercase() || c == '-') && !is_link_word(w.1))
            && let Some(name) = speaker_phrase(ws, k, false)
        {
            return Some(Span::new(first.0.start(), name.end()));
        }
        return Some(Span::new(first.0.start(), ws[e].0.end()));
    }
    if allow_description && is_determiner(first.1) {
        // Up to six words, to punctuation or a relative pronoun.
        let e = i + ws[i + 1..]
            .iter()
            .take(6)
            .take_while(|w| {
                w.1.chars().next().is_some_and(char::is_alphanumeric)
                    && !matches!(
                        w.1,
                        "who" | "which" | "that" | "also" | "is" | "was" | "has" | "had"
                            | "will" | "would" | "can" | "could" | "did" | "does" | "says"
                            | "said" | "told" | "then" | "by"
                    )
                    // A verb in the past or an adverb ends the description.
                    && !(w.1.len() > 4
                        && w.1.starts_with(char::is_lowercase)
                        && (w.1.ends_with("ed") || w.1.ends_with("ly")))
            })
            .count();
        if e > i {
            return Some(Span::new(first.0.start(), ws[e].0.end()));
        }
    }
    None
}

/// True when the cue at `j` is a noun owned by the word before it ("Mr. Obama's remarks",
/// "Bill Clinton’s comments").
fn possessed(ws: &[(Span, &str)], j: usize) -> bool {
    let Some(&(_, w)) = j.checked_sub(1).and_then(|k| ws.get(k)) else {
        return false;
    };
    let Some(head) = w.strip_suffix("'s").or_else(|| w.strip_suffix("’s")) else {
        return false;
    };
    // "He’s claiming", "that's what" are contractions, not possessives.
    !matches!(
        head.to_ascii_lowercase().as_str(),
        "he" | "she" | "it" | "that" | "there" | "who" | "what"
    )
}

/// A word that opens a description of a speaker: "the actress", "my father", "one questioner".
/// A possessive name or noun: "Lumen's", "the ministers'".
fn is_possessive(w: &str) -> bool {
    w.len() > 2 && (w.ends_with("'s") || w.ends_with("’s") || w.ends_with("s'"))
}

fn is_determiner(w: &str) -> bool {
    matches!(
        w.to_ascii_lowercase().as_str(),
        "the"
            | "a"
            | "an"
            | "his"
            | "her"
            | "their"
            | "its"
            | "my"
            | "our"
            | "your"
            | "one"
            | "some"
            | "several"
            | "many"
            | "two"
            | "three"
    )
}

/// Where the subject of a sentence starts, before word `j`: after a leading conjunction,
/// punctuation and an opening phrase ("During the debate, Trump …", "Worried about turnout,
/// President Obama …", "Following a swiftly called, late meeting, the council …").
fn subject_start(ws: &[(Span, &str)], j: usize) -> Option<usize> {
    let mut i = usize::from(ws.first().is_some_and(|w| {
        matches!(
            w.1,
            "But" | "And" | "Meanwhile" | "Then" | "So" | "Still" | "Yet"
        )
    }));
    if i == 1 && ws.get(1).is_some_and(|w| w.1 == ",") {
        i = 2;
    }
    // After an earlier quote of the sentence: "“…,” Sanders said, suggesting “…”".
    while ws
        .get(i)
        .is_some_and(|w| !w.1.chars().next().is_some_and(char::is_alphanumeric))
    {
        i += 1;
    }
    let first = ws.get(i)?;
    // A participle opening a phrase: "Speaking at", "Asked about", "Worried about".
    // A day or month opening the sentence: "Sunday morning, Clinton …".
    let day = WEEKDAYS.contains(&first.1) || MONTHS.contains(&first.1);
    let participle = first.1.starts_with(char::is_uppercase)
        && (first.1.ends_with("ing") || first.1.ends_with("ed"))
        && ws.get(i + 1).is_some_and(|n| {
            matches!(
                n.1,
                "about" | "at" | "to" | "by" | "in" | "on" | "with" | "for" | "from" | "after"
            )
        });
    if day || participle || SENTENCE_WORDS.contains(first.1) && !is_determiner(first.1) {
        // The subject follows the first comma that a subject-like word follows.
        i = (i + 1..j.min(ws.len())).take(30).find(|&k| {
            ws[k].1 == ","
                && ws.get(k + 1).is_some_and(|n| {
                    k + 1 < j
                        && (is_determiner(n.1)
                            || pronoun(*n).is_some()
                            || is_name_word(n.1) && !SENTENCE_WORDS.contains(n.1))
                })
        })? + 1;
    }
    (i < j).then_some(i)
}

/// The subject opening a sentence, before word `j`: a name, a pronoun or a description.
fn sentence_opening(ws: &[(Span, &str)], j: usize) -> Option<Span> {
    let i = subject_start(ws, j)?;
    let first = ws[i];
    let lower = first.1.to_lowercase();
    if is_determiner(&lower) || pronoun(first).is_some() || is_name_word(first.1) {
        speaker_phrase(&ws[..j], i, true)
    } else {
        None
    }
}

/// The speaker phrase that ends just before the verb at `j` (skipping an appositive between
/// commas: "X, a spokesperson, said"), not before word `from`.
fn speaker_before(ws: &[(Span, &str)], from: usize, j: usize) -> Option<Span> {
    if j == 0 || j <= from {
        return None;
    }
    let mut end = j - 1;
    // Adverbs between subject and verb: "she once said", "Reyes later added".
    while end > from
        && (ws[end].1.ends_with("ly") && ws[end].1.starts_with(char::is_lowercase)
            || matches!(
                ws[end].1,
                "often" | "again" | "always" | "never" | "still" | "first"
            ))
        || end > from
            && (matches!(ws[end].1, "once" | "later" | "also" | "then")
                || is_auxiliary(ws[end].1) && !matches!(ws[end].1, "is" | "are" | "was" | "were"))
    {
        end -= 1;
    }
    // A day between subject and verb: "Trump on Saturday tweeted", "she last week said".
    if end > from + 1
        && matches!(ws[end - 1].1, "on" | "last" | "this" | "late" | "early")
        && (WEEKDAYS.contains(&ws[end].1) || matches!(ws[end].1, "week" | "month" | "year"))
    {
        end -= 2;
    }
    // A party and state after a name: "Rep. Jason Chaffetz (R-Utah) said".
    if ws[end].1 == ")"
        && let Some(open) = (from..end).rev().take(6).find(|&k| ws[k].1 == "(")
        && open > from
    {
        end = open - 1;
    }
    // An appositive or relative clause: "X, who ..., said" / "X, a spokesperson, said".
    if ws[end].1 == "," {
        let close = end;
        let mut k = end;
        while k > from {
            k -= 1;
            if ws[k].1 == "," {
                end = k.saturating_sub(1);
                break;
            }
        }
        if ws[end].1 == "," || end < from {
            return None;
        }
        // "Lumen's chief executive, Amara Okoye, said": a name set after a description is
        // the speaker the description introduces.
        let named = &ws[end + 2..close];
        if (1..=4).contains(&named.len())
            && named.iter().all(|w| is_name_word(w.1))
            && ws[end].1.starts_with(char::is_lowercase)
            && !is_auxiliary(ws[end].1)
        {
            return Some(Span::new(
                named[0].0.start(),
                named[named.len() - 1].0.end(),
            ));
        }
    }
    let w = ws[end];
    // A relative clause ("a letter that says"): its subject is not next to the verb.
    if matches!(w.1, "that" | "which" | "who" | "and" | "but" | "to") {
        return None;
    }
    if let Some(p) = pronoun(w) {
        return Some(p);
    }
    // Walk back over the name or the description.
    let mut s = end;
    if is_name_word(w.1) {
        while s > from
            && (is_name_word(ws[s - 1].1)
                || matches!(
                    ws[s - 1].1,
                    "de" | "van" | "von" | "der" | "al" | "bin" | "Mr." | "Ms." | "Mrs." | "Dr."
                ))
        {
            s -= 1;
        }
        return Some(Span::new(ws[s].0.start(), w.0.end()));
    }
    // "the actress", "a spokesperson for the ministry": back to a determiner, a few words,
    // without a conjunction or an adverb ("the car and repeatedly").
    if w.1.ends_with("ly") {
        return None;
    }
    for k in (from..end).rev().take(6) {
        if matches!(ws[k].1, "and" | "or" | "by" | "but") {
            return None;
        }
        // "Lumen's chief executive": a possessive opens a description as a determiner does.
        let owner = is_possessive(ws[k].1)
            && is_name_word(ws[k].1)
            && end - k <= 3
            && ws[k + 1..=end]
                .iter()
                .all(|w| w.1.starts_with(char::is_lowercase) && !PREPOSITIONS.contains(w.1));
        if is_determiner(ws[k].1) || owner {
            // "Protesters marching through the streets chanted": the object of a preposition
            // is not the subject.
            if k > from && PREPOSITIONS.contains(ws[k - 1].1) {
                return None;
            }
            return Some(Span::new(ws[k].0.start(), w.0.end()));
        }
        if !ws[k].1.chars().next().is_some_and(char::is_alphanumeric) {
            break;
        }
    }
    None
}

const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// True for an auxiliary or modal verb ("has", "will", "could", "was").
pub(crate) fn is_auxiliary(w: &str) -> bool {
    matches!(
        w,
        "is" | "are"
            | "was"
            | "were"
            | "has"
            | "had"
            | "have"
            | "will"
            | "would"
            | "can"
            | "could"
            | "may"
            | "might"
            | "must"
            | "should"
            | "did"
            | "does"
    )
}

/// True for the little words that never sit between a role and a name ("of", "and", "said").
fn is_link_word(w: &str) -> bool {
    matches!(
        w,
        "that"
            | "which"
            | "who"
            | "and"
            | "or"
            | "of"
            | "in"
            | "to"
            | "for"
            | "with"
            | "on"
            | "at"
            | "by"
            | "as"
            | "if"
            | "when"
            | "than"
            | "said"
            | "says"
            | "told"
    )
}

/// Head nouns of descriptions that name an organisation.
pub(crate) const ORG_NOUNS: [&str; 26] = [
    "company",
    "firm",
    "group",
    "council",
    "ministry",
    "department",
    "agency",
    "committee",
    "government",
    "bank",
    "union",
    "party",
    "campaign",
    "organisation",
    "organization",
    "operator",
    "airline",
    "carrier",
    "retailer",
    "manufacturer",
    "club",
    "museum",
    "hospital",
    "university",
    "shipyard",
    "charity",
];

/// Head nouns of descriptions of women and of men, for resolving them to a person.
const FEMALE_NOUNS: [&str; 14] = [
    "actress",
    "woman",
    "mother",
    "wife",
    "daughter",
    "sister",
    "girlfriend",
    "queen",
    "princess",
    "chairwoman",
    "spokeswoman",
    "businesswoman",
    "grandmother",
    "widow",
];
const MALE_NOUNS: [&str; 14] = [
    "actor",
    "man",
    "father",
    "husband",
    "son",
    "brother",
    "boyfriend",
    "king",
    "prince",
    "chairman",
    "spokesman",
    "businessman",
    "grandfather",
    "widower",
];

/// `WALLACE: ...` or `Pence: ...` at the start of a quote: the speaker of a transcript line.
fn transcript_speaker(text: &str, quote: Span) -> Option<Span> {
    let q = quote.slice(text);
    let colon = q.find(':')?;
    let head = &q[..colon];
    let ok = (1..=3).contains(&head.split_whitespace().count())
        && head
            .split_whitespace()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
        && head
            .chars()
            .all(|c| c.is_alphabetic() || c == ' ' || c == '.' || c == '\'');
    ok.then(|| Span::new(quote.start(), quote.start() + colon))
}

/// The subject of the sentence holding byte `at`: a name or a pronoun among its first words,
/// before `at`.
fn sentence_subject(
    text: &str,
    seg: &Segmentation,
    names: &Names,
    at: usize,
    long: bool,
) -> Option<Span> {
    let mut s = seg.sentences[seg.sentence_at(at)].span;
    // A dateline ("FLINT, Mich., Oct. 4 (UPI) — Former President …") is not the subject.
    if let Some(dash) = text[s.start()..at.max(s.start())]
        .char_indices()
        .take(60)
        .find(|&(_, c)| c == '—')
        .map(|(i, c)| s.start() + i + c.len_utf8())
    {
        s = Span::new(dash, s.end());
    }
    // An opening phrase is not the subject: "In a White House statement, President Obama …".
    let opening = words(text, Span::new(s.start(), at.max(s.start())));
    if let Some(i) = subject_start(&opening, opening.len()) {
        s = Span::new(opening[i].0.start(), s.end());
    }
    let early = |m: &&crate::extract::names::NameMention, n: usize| {
        m.span.start() >= s.start()
            && m.span.end() <= at
            && text[s.start()..m.span.start()].split_whitespace().count() <= n
    };
    // A person among the first words or an organisation opening the sentence, whichever
    // comes first ("Politifact then ruled that Trump's statement … is “true”").
    let person = names
        .mentions
        .iter()
        .find(|m| m.kind == NameKind::Person && early(m, 8));
    let org = names
        .mentions
        .iter()
        .find(|m| m.kind == NameKind::Org && early(m, 2));
    let first = match (person, org) {
        (Some(p), Some(o)) => Some(if o.span.start() < p.span.start() {
            o
        } else {
            p
        }),
        (p, o) => p.or(o),
    }
    // A country or city opening the sentence speaks for its government ("Japan branded …").
    .or_else(|| {
        names
            .mentions
            .iter()
            .find(|m| m.kind == NameKind::Place && early(m, 0))
    });
    if let Some(m) = first {
        // "Trump says he goes “back to war”": the pronoun is the speaker as written, and
        // resolves to the name (the subject of its sentence).
        let ws = words(text, Span::new(m.span.end(), at));
        let pronoun_after = ws
            .iter()
            .rev()
            .filter(|w| matches!(w.1, "he" | "she"))
            .find_map(|&w| pronoun(w));
        return Some(pronoun_after.unwrap_or(m.span));
    }
    // Else a description opening the sentence ("The Republican nominee later said he was
    // “sarcastic”"), for a quote too long to be a scare quote; else the nearest subject
    // pronoun before the quote ("…, and she wanted to “…”").
    let ws = words(text, Span::new(s.start(), at));
    ws.first()
        .filter(|_| long)
        // An article, not a possessive: "Her work was her happy place, and she wanted to
        // “set up a farm”" is hers.
        .filter(|w| {
            matches!(
                w.1,
                "The" | "A" | "An" | "One" | "Some" | "Several" | "Many"
                // After an opening phrase: "In her speech, the former secretary …".
                | "the" | "a" | "an"
            )
        })
        .and_then(|_| sentence_opening(&ws, ws.len()))
        .or_else(|| {
            ws.iter()
                .rev()
                .filter(|w| matches!(w.1, "he" | "she" | "He" | "She" | "they" | "They"))
                .find_map(|&w| pronoun(w))
        })
}

/// The entity a speaker refers to: a name mention inside it, or for a pronoun or description
/// the subject of its sentence or the most recent compatible person before `at`, if no other
/// is as likely.
/// How many mentions a speaker's look back for the most recent person or organisation goes:
/// a few pages of news, and a fixed cost per speaker in an article of any length.
pub(crate) const LOOK_BACK: usize = 400;

pub(crate) fn resolve(
    text: &str,
    seg: &Segmentation,
    names: &Names,
    speaker: Span,
    at: usize,
) -> Option<usize> {
    // "Lumen's chief executive": the owner named in a description is not the speaker.
    let possessor = |m: &&NameMention| {
        let after = text.get(m.span.end()..speaker.end()).unwrap_or("");
        (after.starts_with("'s") || after.starts_with("’s"))
            && after
                .trim_start_matches(['\'', '’', 's'])
                .contains(char::is_alphanumeric)
    };
    // Mentions are looked up by binary search, and a look back for the most recent one of a
    // kind goes at most `LOOK_BACK` mentions: each speaker costs the same in any article.
    let around = names.overlapping(speaker);
    let before = &names.mentions[..names.first_from(speaker.start())];
    let inside = around.iter().filter(|m| {
        !possessor(m)
            && match m.kind {
                NameKind::Person | NameKind::Org => true,
                // "a former U.S. official" is not the United States speaking.
                NameKind::Place => m.span == speaker,
                NameKind::Misc => false,
            }
    });
    // "Corvane chief executive Martin Oyelaran": the person, not the firm named before.
    if let Some(m) = inside
        .clone()
        .rfind(|m| m.kind == NameKind::Person)
        .or_else(|| inside.clone().next())
    {
        return Some(m.entity);
    }
    let word = speaker.slice(text).to_lowercase();
    // "Beck, who …": the name just before the relative pronoun.
    if matches!(word.as_str(), "who" | "which") {
        return before
            .iter()
            .rev()
            .take(LOOK_BACK)
            .find(|m| m.span.end() <= speaker.start())
            .filter(|m| text[m.span.end()..speaker.start()].trim() == ",")
            .filter(|m| word == "which" || m.kind == NameKind::Person)
            .map(|m| m.entity);
    }
    let head = word.rsplit(' ').next().unwrap_or("");
    // "the company", "the ministry": the most recent organisation.
    if word.contains(' ') && ORG_NOUNS.contains(&head) {
        return before
            .iter()
            .rev()
            .take(LOOK_BACK)
            .find(|m| m.kind == NameKind::Org)
            .map(|m| m.entity);
    }
    // "Lumen's spokesman": one who speaks for the organisation named, not a person by name.
    if matches!(
        head,
        "spokesman" | "spokeswoman" | "spokesperson" | "representative"
    ) && let Some(m) = around
        .iter()
        .find(|m| m.kind == NameKind::Org && possessor(m))
    {
        return Some(m.entity);
    }
    // A plural or a bare word that names no one ("Protesters", "the voters") is not a person.
    let opener = word.split(' ').next().unwrap_or("");
    let described = word.contains(' ') && (is_determiner(opener) || is_possessive(opener));
    let plural = head.ends_with('s') && !head.ends_with("ss");
    if !matches!(word.as_str(), "he" | "she") && (!described || plural) {
        return None;
    }
    let want = match word.as_str() {
        "he" => Some(Gender::Male),
        "she" => Some(Gender::Female),
        "they" | "it" | "we" | "i" => return None,
        // "the actress", "the union leader": a description, its head noun may tell the gender.
        _ if FEMALE_NOUNS.contains(&head) => Some(Gender::Female),
        _ if MALE_NOUNS.contains(&head) => Some(Gender::Male),
        _ => None,
    };
    let limit = at.min(speaker.start().max(at));
    // "Senator Ruth Adler's aide": whoever the description belongs to is not the speaker.
    let owners: Vec<usize> = around
        .iter()
        .filter(|m| possessor(m))
        .map(|m| m.entity)
        .collect();
    let fits = |id: usize| {
        !owners.contains(&id)
            && match want {
                Some(g) => {
                    names.entities[id].gender == g || names.entities[id].gender == Gender::Unknown
                }
                None => true,
            }
    };
    // The subject of the speaker's own sentence comes first ("Clinton says she ..."), then
    // that of the sentence before ("Poots said that ... “…,” she quipped").
    let here = seg.sentence_at(speaker.start());
    for (k, limit_end) in [(here, speaker.start()), (here.wrapping_sub(1), usize::MAX)] {
        let Some(sentence) = seg.sentences.get(k).map(|s| s.span) else {
            continue;
        };
        let from = names.first_from(sentence.start());
        let upto = names.first_from(sentence.end());
        if let Some(m) = names.mentions[from..upto].iter().find(|m| {
            m.kind == NameKind::Person
                && m.span.end() <= limit_end.min(sentence.end())
                && text[sentence.start()..m.span.start()]
                    .split_whitespace()
                    .count()
                    <= 4
        }) && fits(m.entity)
        {
            return Some(m.entity);
        }
    }
    let mut seen: Vec<usize> = Vec::new();
    for m in names.mentions[..names.first_from(limit)]
        .iter()
        .rev()
        .take(LOOK_BACK)
    {
        if m.kind != NameKind::Person {
            continue;
        }
        if !seen.contains(&m.entity) {
            seen.push(m.entity);
        }
        if seen.len() >= 3 {
            break;
        }
    }
    // Known matching genders first, then unknown ones, each in order of recency.
    let mut candidates: Vec<usize> = seen.into_iter().filter(|&id| fits(id)).collect();
    candidates.sort_by_key(|&id| want.is_none_or(|g| names.entities[id].gender != g));
    let first = *candidates.first()?;
    // Two candidates whose genders are both unknown (or both fit): nothing is guessed, unless
    // the first one's gender is known to match.
    let known = want.is_some_and(|g| names.entities[first].gender == g);
    let rival = candidates.get(1).is_some_and(|&c| {
        want.is_none_or(|g| {
            names.entities[c].gender == g || names.entities[c].gender == Gender::Unknown
        })
    });
    if known || !rival { Some(first) } else { None }
}

/// Opening and closing marks, paired per paragraph.
fn find_quotes(text: &str, seg: &Segmentation) -> Vec<Raw> {
    let mut out: Vec<Raw> = Vec::new();
    for (p, &para) in seg.paragraphs.iter().enumerate() {
        let s = para.slice(text);
        let base = para.start();
        // Every mark is '"' or starts with byte 0xE2 (“ ” ‘ ’ „) or 0xC2 (« »): skip
        // paragraphs without one in a single SIMD pass. Newswire archives write ``double
        // marks'' as two backticks and two apostrophes: in a paragraph with a ``, those count
        // as “ and ”.
        let wire = memchr::memmem::find(s.as_bytes(), b"``").is_some();
        if !wire && memchr::memchr3(b'"', 0xE2, 0xC2, s.as_bytes()).is_none() {
            continue;
        }
        let mut open: Option<(usize, usize, char)> = None; // (mark start, content start, mark)
        // Only marks matter, and the characters just before and after them: jump from one
        // candidate byte to the next.
        let bytes = s.as_bytes();
        let mut pos = 0;
        let next_candidate = |from: usize| {
            if wire {
                bytes[from..]
                    .iter()
                    .position(|&b| matches!(b, b'"' | 0xE2 | 0xC2 | b'`' | b'\''))
            } else {
                memchr::memchr3(b'"', 0xE2, 0xC2, &bytes[from..])
            }
        };
        while let Some(off) = next_candidate(pos) {
            let i = pos + off;
            let Some(mut c) = s[i..].chars().next() else {
                break;
            };
            let mut len = c.len_utf8();
            if matches!(c, '`' | '\'') {
                // Only doubled: `` opens and '' closes; a single one is a backtick or an
                // apostrophe.
                if bytes.get(i + 1) != Some(&bytes[i]) {
                    pos = i + 1;
                    continue;
                }
                c = if c == '`' { '“' } else { '”' };
                len = 2;
            }
            pos = i + len;
            if !matches!(c, '"' | '“' | '”' | '„' | '«' | '»' | '‘' | '’') {
                continue;
            }
            let prev = s[..i].chars().next_back();
            let next = s[pos..].chars().next();
            let word_before = prev.is_some_and(char::is_alphanumeric);
            let word_after = next.is_some_and(char::is_alphanumeric);
            let stop_before = prev.is_some_and(|p| matches!(p, '.' | ',' | '?' | '!'));
            match open {
                None => {
                    let opens = match c {
                        '“' | '„' | '«' => true,
                        '"' | '‘' => !word_before,
                        _ => false,
                    };
                    if opens {
                        open = Some((i, i + len, c));
                    }
                }
                Some((mark_start, content, m)) => {
                    let closes = match (m, c) {
                        ('“' | '"' | '„', '”') | ('„', '“') | ('«', '»') | ('“' | '"', '"') => {
                            true
                        }
                        // An opening mark typed where the closing one belongs: after the
                        // quote's last stop and before white space ("a fascist?“ he asked").
                        ('“', '“') => stop_before && next.is_none_or(char::is_whitespace),
                        // A closing single mark, not an apostrophe (don’t, ’90s).
                        ('‘', '’') => !(word_before && word_after),
                        _ => false,
                    };
                    if closes {
                        let mark = (mark_start, content, i, i + len);
                        push(&mut out, text, base, mark, p, false);
                        open = None;
                    }
                }
            }
        }
        if let Some((mark_start, content, _)) = open {
            // Unclosed: cut at the paragraph's end (the next paragraph may reopen it).
            push(
                &mut out,
                text,
                base,
                (mark_start, content, s.len(), s.len()),
                p,
                true,
            );
        }
    }
    // A quote left open whose next paragraph opens with a mark goes on there: one quotation.
    for k in 1..out.len() {
        let (a, b) = (out[k - 1], out[k]);
        if a.unclosed
            && b.paragraph == a.paragraph + 1
            && b.outer.start() == seg.paragraphs[b.paragraph].start()
        {
            out[k].continues = true;
            out[k - 1].unclosed = false;
        }
    }
    out
}

/// Records a quote: `marks` are (opening mark, content start, content end, closing mark end),
/// relative to the paragraph at `base`.
fn push(
    out: &mut Vec<Raw>,
    text: &str,
    base: usize,
    (mark_start, content, content_end, mark_end): (usize, usize, usize, usize),
    paragraph: usize,
    unclosed: bool,
) {
    let inner = &text[base + content..base + content_end];
    let lead = inner.len() - inner.trim_start().len();
    let trimmed = inner.trim();
    if trimmed.is_empty() {
        return;
    }
    let start = base + content + lead;
    out.push(Raw {
        span: Span::new(start, start + trimmed.len()),
        outer: Span::new(base + mark_start, base + mark_end),
        paragraph,
        unclosed,
        continues: false,
    });
}
