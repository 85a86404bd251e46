//! Segmentation: paragraphs, sentences and word tokens, each as byte [`Span`]s into the text.
//!
//! Invariants (checked by the property tests):
//! - paragraphs are disjoint, in order, and never start or end with white space;
//! - the sentences of a paragraph tile it: the first starts where the paragraph starts, the
//!   last ends where it ends, and between two neighbours there is only white space;
//! - every span lies on char boundaries.
//!
//! Sentence boundaries follow the shape of UAX #29 (a break after `.`, `!` or `?`, any closing
//! quotes or brackets, then white space, unless a lower-case word follows), with the
//! corrections news needs: abbreviations and titles (a data file), initials, decimals and
//! times, ellipses inside a sentence, headline lines and paragraph breaks. It is a hand-written
//! scanner rather than `unicode-segmentation`'s sentence iterator because that iterator runs at
//! about 36 MB/s here, a third of the whole pipeline's budget. Word tokens are UAX #29 word
//! boundaries from `unicode-segmentation`, with an ASCII fast path that a property test holds
//! equal to it.

mod tokens;

use std::collections::{HashMap, HashSet};

pub use tokens::{Token, TokenKind, count_words, tokenize};
pub(crate) use tokens::{push_lower, with_lower};

use crate::Error;
use crate::rules::{List, Order};
use crate::span::Span;

/// How an abbreviation behaves before a capitalised word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum AbbrevClass {
    /// Never ends a sentence (`Mr.`, `No.`).
    Title,
    /// Ends a sentence only before a usual sentence opener (`Inc.`, `U.S.`).
    Other,
}

/// A sentence: its span and the 0-based index of its paragraph.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sentence {
    /// The sentence text, trimmed of surrounding white space.
    pub span: Span,
    /// Index into [`Segmentation::paragraphs`].
    pub paragraph: usize,
}

/// The segmentation of one article.
#[derive(Clone, Debug, Default)]
pub struct Segmentation {
    /// Paragraph spans, in order.
    pub paragraphs: Vec<Span>,
    /// Sentence spans, in order.
    pub sentences: Vec<Sentence>,
}

impl Segmentation {
    /// The index of the sentence containing byte `pos` (or the last one starting before it).
    pub fn sentence_at(&self, pos: usize) -> usize {
        self.sentences
            .partition_point(|s| s.span.start() <= pos)
            .saturating_sub(1)
    }
}

/// Splits text into paragraphs and sentences. Build once, share across threads.
#[derive(Debug, Clone)]
pub struct Segmenter {
    abbrevs: HashMap<&'static str, AbbrevClass>,
    openers: HashSet<&'static str>,
}

impl Segmenter {
    /// Builds the segmenter from its embedded rule files.
    pub fn new() -> Result<Segmenter, Error> {
        let list = List::parse(
            "segment/abbreviations.txt",
            include_str!("abbreviations.txt"),
            Order::SortedKeys,
        )?;
        let mut abbrevs = HashMap::new();
        for (line, f) in list.fields(2)? {
            let class = match f[1] {
                "title" => AbbrevClass::Title,
                "other" => AbbrevClass::Other,
                c => {
                    return Err(Error::rule(
                        list.name,
                        line,
                        format!("unknown class {c:?} (title or other)"),
                    ));
                }
            };
            abbrevs.insert(f[0], class);
        }
        let openers = List::parse(
            "segment/openers.txt",
            include_str!("openers.txt"),
            Order::Sorted,
        )?;
        Ok(Segmenter {
            abbrevs,
            openers: openers.words().collect(),
        })
    }

    /// Paragraphs and sentences of `text`. A sentence longer than [`MAX_SENTENCE`] bytes is
    /// cut into windows of at most that size, at white space where there is some.
    pub fn segment(&self, text: &str) -> Segmentation {
        let mut seg = Segmentation::default();
        paragraphs(text, &mut seg.paragraphs);
        for (p, &para) in seg.paragraphs.iter().enumerate() {
            self.sentences(text, para, |span| {
                windows(text, span, MAX_SENTENCE, |span| {
                    seg.sentences.push(Sentence { span, paragraph: p })
                })
            });
        }
        seg
    }

    /// Calls `emit` with each sentence of the paragraph `para`, in order.
    fn sentences(&self, text: &str, para: Span, mut emit: impl FnMut(Span)) {
        let bytes = text.as_bytes();
        let end = para.end();
        let mut start = para.start();
        let mut i = start;
        while i < end {
            let (is_term, _) = terminator_at(bytes, i);
            if !is_term {
                i += 1;
                continue;
            }
            // A run of terminators: "?!", "...", "…".
            let mut j = i;
            let (mut dots, mut strong, mut ellipsis) = (0, false, false);
            while j < end {
                match terminator_at(bytes, j) {
                    (true, 1) if bytes[j] == b'.' => dots += 1,
                    (true, 1) => strong = true,
                    (true, _) => ellipsis = true,
                    _ => break,
                }
                j += terminator_at(bytes, j).1;
            }
            ellipsis |= dots >= 2;
            let term_end = j;
            // Closing quotes and brackets belong to the sentence they close.
            while j < end {
                match closing_len(&text[j..]) {
                    0 => break,
                    n => j += n,
                }
            }
            let closed = j > term_end;
            // No white space after it: a decimal, a time, a web address, "U.S.A".
            let Some(c) = text[j..end].chars().next() else {
                break;
            };
            if !c.is_whitespace() {
                i = j.max(i + 1);
                continue;
            }
            let k = j + text[j..end].len() - text[j..end].trim_start().len();
            if k >= end {
                break;
            }
            if self.is_break(
                text,
                i,
                k,
                dots == 1 && !strong && !ellipsis,
                closed,
                ellipsis,
            ) {
                emit(Span::new(start, j));
                start = k;
            }
            i = j;
        }
        if start < end {
            emit(Span::new(start, end));
        }
    }

    /// Whether the terminator at `term` ends the sentence, given the next word starts at `next`.
    fn is_break(
        &self,
        text: &str,
        term: usize,
        next: usize,
        single_dot: bool,
        closed: bool,
        ellipsis: bool,
    ) -> bool {
        let rest = &text[next..];
        let first = rest.chars().next().unwrap_or(' ');
        if first.is_lowercase() {
            return false;
        }
        if ellipsis {
            // An ellipsis leaves words out of a sentence; it ends one only inside a quote.
            return closed;
        }
        if !single_dot || closed {
            return true;
        }
        let next_word = leading_word(rest);
        let before = &text[..term];
        let prev = before
            .rsplit(|c: char| c.is_whitespace() || "([{\"“‘'".contains(c))
            .next()
            .unwrap_or("");
        if prev.is_empty() {
            return true;
        }
        let opener = self.openers.contains(next_word);
        let mut pc = prev.chars();
        if let (Some(c), None) = (pc.next(), pc.next())
            && c.is_uppercase()
        {
            // An initial: "J. K. Rowling", "George W. Bush".
            return opener;
        }
        match self.abbrevs.get(prev) {
            Some(AbbrevClass::Title) => false,
            Some(AbbrevClass::Other) => opener,
            // Letters with inner dots ("D.C", "N.Y") behave like known abbreviations.
            None if prev.contains('.') && prev.chars().all(|c| c.is_alphabetic() || c == '.') => {
                opener
            }
            None => true,
        }
    }
}

/// Whether byte `i` starts a sentence terminator, and its length in bytes.
fn terminator_at(bytes: &[u8], i: usize) -> (bool, usize) {
    match bytes[i] {
        b'.' | b'!' | b'?' => (true, 1),
        // U+2026 HORIZONTAL ELLIPSIS
        0xE2 if bytes.get(i + 1..i + 3) == Some(&[0x80, 0xA6]) => (true, 3),
        _ => (false, 1),
    }
}

/// Length of a closing quotation mark or bracket at the start of `s`, or 0.
fn closing_len(s: &str) -> usize {
    match s.chars().next() {
        Some(c @ ('"' | '\'' | ')' | ']' | '”' | '’' | '»' | '›')) => c.len_utf8(),
        _ => 0,
    }
}

/// The alphabetic word at the start of `s` (after any opening quotes).
fn leading_word(s: &str) -> &str {
    let s = s.trim_start_matches(['"', '“', '‘', '\'', '(', '[']);
    let n = s
        .char_indices()
        .find(|&(_, c)| !c.is_alphabetic())
        .map_or(s.len(), |(i, _)| i);
    &s[..n]
}

/// True when the line ends a sentence or a heading on its own: what comes after it starts a new
/// paragraph even without a blank line.
/// The longest sentence, in bytes. Real sentences of news are a few hundred bytes; text with
/// no sentence breaks (a run of words, digits or quotation marks) is cut into windows of this
/// size, so that every extractor's work per sentence stays bounded and the whole stays linear
/// in the text. A window cut inside a real sentence may lose a date, name or quotation that
/// spans the cut.
pub const MAX_SENTENCE: usize = 2048;

/// Calls `emit` with `span` cut into pieces of at most `max` bytes: each ends before the last
/// white space that leaves it at most `max` long (the white space between pieces belongs to
/// neither), or, with no white space in reach, at the last character boundary in reach.
fn windows(text: &str, span: Span, max: usize, mut emit: impl FnMut(Span)) {
    let mut start = span.start();
    let end = span.end();
    while end - start > max {
        let mut cut = start + max;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        let window = &text[start..cut];
        // The start of the last white-space run in the window, and where the next piece starts.
        let (piece_end, next) = match window.rfind(char::is_whitespace) {
            Some(w) if w > 0 => {
                let ws_start = start + window[..w].trim_end().len();
                let ws_end = start + w + text[start + w..].chars().next().map_or(1, char::len_utf8);
                let next = ws_end + text[ws_end..end].len() - text[ws_end..end].trim_start().len();
                (ws_start, next)
            }
            _ => (cut, cut),
        };
        if piece_end <= start {
            // Only white space before the cut (not possible for a trimmed span): cut anyway.
            emit(Span::new(start, cut));
            start = cut;
            continue;
        }
        emit(Span::new(start, piece_end));
        if next >= end {
            return;
        }
        start = next;
    }
    if start < end {
        emit(Span::new(start, end));
    }
}

fn is_blank(line: &str) -> bool {
    line.trim().is_empty()
}

/// Splits `text` into paragraphs: blocks separated by blank lines, and within a block a new
/// paragraph at each line break unless the next line starts with a lower-case letter (a
/// hard-wrapped sentence going on).
fn paragraphs(text: &str, out: &mut Vec<Span>) {
    let mut cur: Option<(usize, usize)> = None;
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let line_start = pos;
        pos += line.len();
        if is_blank(line) {
            if let Some((s, e)) = cur.take() {
                out.push(Span::new(s, e));
            }
            continue;
        }
        let lead = line.len() - line.trim_start().len();
        let s = line_start + lead;
        let e = line_start + line.trim_end().len();
        let continues = line
            .trim_start()
            .chars()
            .next()
            .is_some_and(char::is_lowercase);
        cur = match cur {
            Some((ps, _)) if continues => Some((ps, e)),
            Some((ps, pe)) => {
                out.push(Span::new(ps, pe));
                Some((s, e))
            }
            None => Some((s, e)),
        };
    }
    if let Some((s, e)) = cur {
        out.push(Span::new(s, e));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seg() -> Segmenter {
        Segmenter::new().expect("built-in rules parse")
    }

    #[track_caller]
    fn assert_sentences(text: &str, expected: &[&str]) {
        let s = seg().segment(text);
        let got: Vec<&str> = s.sentences.iter().map(|s| s.span.slice(text)).collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn plain_sentences() {
        assert_sentences(
            "It rained. Then it stopped! Did it? Yes.",
            &["It rained.", "Then it stopped!", "Did it?", "Yes."],
        );
    }

    #[test]
    fn titles_and_abbreviations() {
        assert_sentences(
            "Mr. Reyes met Mrs. Holm and Dr. Ng. Sen. Day and Gen. Lee spoke.",
            &[
                "Mr. Reyes met Mrs. Holm and Dr. Ng.",
                "Sen. Day and Gen. Lee spoke.",
            ],
        );
        assert_sentences(
            "He lives on Elm St. near the park. Acme Inc. and Beta Ltd. merged.",
            &[
                "He lives on Elm St. near the park.",
                "Acme Inc. and Beta Ltd. merged.",
            ],
        );
        assert_sentences(
            "It opened on Jan. 5 and Feb. 2. The U.S. Senate agreed.",
            &["It opened on Jan. 5 and Feb. 2.", "The U.S. Senate agreed."],
        );
        assert_sentences(
            "He went to No. 10 with the U.K. team. It was the U.S. vs. Spain, e.g. Madrid.",
            &[
                "He went to No. 10 with the U.K. team.",
                "It was the U.S. vs. Spain, e.g. Madrid.",
            ],
        );
    }

    #[test]
    fn abbreviation_can_end_a_sentence_before_an_opener() {
        assert_sentences(
            "She moved to the U.S. She loved it.",
            &["She moved to the U.S.", "She loved it."],
        );
        assert_sentences(
            "He founded Acme Inc. The firm grew.",
            &["He founded Acme Inc.", "The firm grew."],
        );
    }

    #[test]
    fn initials() {
        assert_sentences(
            "J. K. Rowling met George W. Bush. They talked.",
            &["J. K. Rowling met George W. Bush.", "They talked."],
        );
    }

    #[test]
    fn decimals_and_times() {
        assert_sentences(
            "Growth was 3.5 per cent by 9.30 today. Markets rose.",
            &["Growth was 3.5 per cent by 9.30 today.", "Markets rose."],
        );
    }

    #[test]
    fn ellipses_inside_a_sentence() {
        assert_sentences(
            "We waited... and waited… Then it came. Done.",
            &["We waited... and waited… Then it came.", "Done."],
        );
    }

    #[test]
    fn closing_quotes_stay_with_their_sentence() {
        assert_sentences(
            "He said: \"It is over.\" She left. “We won.” They cheered. 'Why?' she asked.",
            &[
                "He said: \"It is over.\"",
                "She left.",
                "“We won.”",
                "They cheered.",
                "'Why?' she asked.",
            ],
        );
    }

    #[test]
    fn headlines_and_paragraph_breaks() {
        let text = "Council Votes to Close Library\nThe council voted on Monday. It was close\n\nA new paragraph";
        let s = seg().segment(text);
        let got: Vec<&str> = s.sentences.iter().map(|s| s.span.slice(text)).collect();
        assert_eq!(
            got,
            [
                "Council Votes to Close Library",
                "The council voted on Monday.",
                "It was close",
                "A new paragraph"
            ]
        );
        assert_eq!(s.paragraphs.len(), 3);
        assert_eq!(s.sentences[3].paragraph, 2);
    }

    #[test]
    fn hard_wrapped_lines_join() {
        let text = "The council voted on\nthe plan to close the\nlibrary.";
        let s = seg().segment(text);
        assert_eq!(s.paragraphs.len(), 1);
        assert_eq!(s.sentences.len(), 1);
    }

    #[test]
    fn pretokenised_text() {
        assert_sentences(
            "He flew to the U.S. , officials said . Then he left .",
            &["He flew to the U.S. , officials said .", "Then he left ."],
        );
    }

    #[test]
    fn runs_without_breaks_are_cut_into_bounded_windows() {
        let mut text = "word ".repeat(2000);
        text.push_str("and the end.");
        let cut = seg().segment(&text);
        assert!(cut.sentences.len() > 1);
        let mut prev_end = 0;
        for s in &cut.sentences {
            let piece = s.span.slice(&text);
            assert!(piece.len() <= MAX_SENTENCE);
            assert!(
                !piece.starts_with(' ') && !piece.ends_with(' '),
                "{piece:?}"
            );
            assert!(text[prev_end..s.span.start()].trim().is_empty());
            prev_end = s.span.end();
        }
        assert_eq!(prev_end, text.len());
        // No white space at all: cut at character boundaries.
        let text = "é".repeat(3000);
        let cut = seg().segment(&text);
        let total: usize = cut.sentences.iter().map(|s| s.span.len()).sum();
        assert_eq!(total, text.len());
        assert!(cut.sentences.iter().all(|s| s.span.len() <= MAX_SENTENCE));
        // Ordinary sentences are untouched.
        assert_sentences("It rained. We left.", &["It rained.", "We left."]);
    }

    #[test]
    fn sentence_at_finds_the_containing_sentence() {
        let text = "One. Two. Three.";
        let s = seg().segment(text);
        assert_eq!(s.sentence_at(0), 0);
        assert_eq!(s.sentence_at(6), 1);
        assert_eq!(s.sentence_at(15), 2);
    }
}
