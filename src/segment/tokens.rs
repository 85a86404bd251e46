//! Word tokens: UAX #29 word boundaries, white space dropped, each token typed.
//!
//! Pure-ASCII stretches between white space go through a fast path that gives the same tokens
//! as `unicode-segmentation` (a property test checks it); anything else goes to
//! `unicode-segmentation` itself.

use serde::Serialize;
use unicode_segmentation::UnicodeSegmentation;

use crate::span::Span;

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TokenKind {
    /// Contains a letter.
    Word,
    /// Digits (with inner `.` or `,`), no letter.
    Number,
    /// Punctuation: quotes, dashes, brackets, stops.
    Punct,
    /// Anything else: currency, maths, emoji.
    Symbol,
}

/// One token of the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// Where it is.
    pub span: Span,
    /// What it is.
    pub kind: TokenKind,
}

/// Calls `emit` with each token of `text[span]`, in order.
pub fn tokenize(text: &str, span: Span, mut emit: impl FnMut(Token)) {
    let s = span.slice(text);
    let base = span.start();
    let mut pos = 0;
    for chunk in (WhitespaceChunks { s, pos: 0 }) {
        let body = chunk.trim_end_matches(char::is_whitespace);
        if body.is_ascii() {
            ascii_tokens(body, |a, b| {
                let t = &body[a..b];
                emit(Token {
                    span: Span::new(base + pos + a, base + pos + b),
                    kind: classify(t),
                })
            });
        } else {
            for (off, w) in body.split_word_bound_indices() {
                if w.chars().all(char::is_whitespace) {
                    continue;
                }
                emit(Token {
                    span: Span::new(base + pos + off, base + pos + off + w.len()),
                    kind: classify(w),
                });
            }
        }
        pos += chunk.len();
    }
}

/// Splits text after each white-space character, like `split_inclusive(char::is_whitespace)`
/// but testing ASCII bytes without decoding them.
struct WhitespaceChunks<'a> {
    s: &'a str,
    pos: usize,
}

impl<'a> Iterator for WhitespaceChunks<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let b = self.s.as_bytes();
        let start = self.pos;
        if start >= b.len() {
            return None;
        }
        let mut i = start;
        while i < b.len() {
            let c = b[i];
            if c < 0x80 {
                i += 1;
                if c.is_ascii_whitespace() || c == 0x0b {
                    break;
                }
            } else {
                let ch = self.s[i..].chars().next().unwrap_or(' ');
                i += ch.len_utf8();
                if ch.is_whitespace() {
                    break;
                }
            }
        }
        self.pos = i;
        Some(&self.s[start..i])
    }
}

/// Appends `s` lower-cased to `out`: bytewise for ASCII (most news text), by Unicode case
/// mapping otherwise.
pub(crate) fn push_lower(out: &mut String, s: &str) {
    if s.is_ascii() {
        let from = out.len();
        out.push_str(s);
        out[from..].make_ascii_lowercase();
    } else {
        out.extend(s.chars().flat_map(char::to_lowercase));
    }
}

/// `f` applied to `s` lower-cased, without allocating for a short ASCII word.
pub(crate) fn with_lower<R>(s: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut buf = [0u8; 32];
    if s.is_ascii() && s.len() <= buf.len() {
        let b = &mut buf[..s.len()];
        b.copy_from_slice(s.as_bytes());
        b.make_ascii_lowercase();
        if let Ok(lower) = std::str::from_utf8(b) {
            return f(lower);
        }
    }
    f(&s.to_lowercase())
}

/// The number of word and number tokens in `text`.
pub fn count_words(text: &str) -> usize {
    // ASCII stretches ending at white space are counted without building tokens; only the
    // white-space-delimited pieces holding a non-ASCII character are tokenised. Tokens never
    // cross white space, so the pieces add up to the whole.
    let b = text.as_bytes();
    let mut n = 0;
    let mut from = 0;
    while let Some(off) = b[from..].iter().position(|&c| c >= 0x80) {
        let hit = from + off;
        let piece_start = b[from..hit]
            .iter()
            .rposition(u8::is_ascii_whitespace)
            .map_or(from, |p| from + p + 1);
        let piece_end = b[hit..]
            .iter()
            .position(u8::is_ascii_whitespace)
            .map_or(b.len(), |p| hit + p + 1);
        n += ascii_word_count(&b[from..piece_start]);
        tokenize(text, Span::new(piece_start, piece_end), |t| {
            if matches!(t.kind, TokenKind::Word | TokenKind::Number) {
                n += 1
            }
        });
        from = piece_end;
    }
    n + ascii_word_count(&b[from..])
}

/// The number of word and number tokens [`ascii_tokens`] would give for ASCII text (white
/// space is `Other`, so runs never cross it), without building them.
fn ascii_word_count(b: &[u8]) -> usize {
    let word = |c| matches!(c, Class::Letter | Class::Digit | Class::Extend);
    let mut n = 0;
    let mut i = 0;
    while i < b.len() {
        if !word(class(b[i])) {
            i += 1;
            continue;
        }
        // A run of underscores alone ("___") is punctuation, not a word.
        let mut alnum = b[i].is_ascii_alphanumeric();
        i += 1;
        while i < b.len() {
            let cur = class(b[i]);
            if word(cur) {
                alnum |= b[i].is_ascii_alphanumeric();
                i += 1;
            } else if joins(class(b[i - 1]), cur, b.get(i + 1).map(|&x| class(x))) {
                alnum |= b.get(i + 1).is_some_and(u8::is_ascii_alphanumeric);
                i += 2;
            } else {
                break;
            }
        }
        n += usize::from(alnum);
    }
    n
}

/// WB6/7 and WB11/12: whether a middle character `cur` joins `prev` to `next`.
fn joins(prev: Class, cur: Class, next: Option<Class>) -> bool {
    match cur {
        Class::MidNumLet => {
            (prev == Class::Letter && next == Some(Class::Letter))
                || (prev == Class::Digit && next == Some(Class::Digit))
        }
        Class::MidLetter => prev == Class::Letter && next == Some(Class::Letter),
        Class::MidNum => prev == Class::Digit && next == Some(Class::Digit),
        _ => false,
    }
}

fn classify(t: &str) -> TokenKind {
    let mut digit = false;
    for c in t.chars() {
        if c.is_alphabetic() {
            return TokenKind::Word;
        }
        digit |= c.is_numeric();
    }
    if digit {
        return TokenKind::Number;
    }
    match t.chars().next() {
        Some(c) if c.is_ascii() => {
            if "$+<=>^`|~".contains(c) {
                TokenKind::Symbol
            } else {
                TokenKind::Punct
            }
        }
        Some(c) if is_unicode_punct(c) => TokenKind::Punct,
        _ => TokenKind::Symbol,
    }
}

fn is_unicode_punct(c: char) -> bool {
    matches!(c,
        '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{205E}' | '\u{00A1}' | '\u{00A7}' | '\u{00AB}'
        | '\u{00B6}' | '\u{00B7}' | '\u{00BB}' | '\u{00BF}' | '\u{3001}'..='\u{3003}'
        | '\u{3008}'..='\u{3011}' | '\u{FF01}'..='\u{FF0F}')
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Letter,
    Digit,
    /// `.` and `'`: join letters to letters, and `.` digits to digits.
    MidNumLet,
    /// `,` and `;`: join digits to digits.
    MidNum,
    /// `:`: joins letters to letters.
    MidLetter,
    /// `_`: joins anything word-like.
    Extend,
    Other,
}

fn class(b: u8) -> Class {
    match b {
        b'a'..=b'z' | b'A'..=b'Z' => Class::Letter,
        b'0'..=b'9' => Class::Digit,
        b'.' | b'\'' => Class::MidNumLet,
        b',' | b';' => Class::MidNum,
        b':' => Class::MidLetter,
        b'_' => Class::Extend,
        _ => Class::Other,
    }
}

/// UAX #29 word boundaries for ASCII text without white space: calls `emit(start, end)`.
fn ascii_tokens(s: &str, mut emit: impl FnMut(usize, usize)) {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let start = i;
        let c = class(b[i]);
        if !matches!(c, Class::Letter | Class::Digit | Class::Extend) {
            emit(i, i + 1);
            i += 1;
            continue;
        }
        i += 1;
        while i < b.len() {
            let prev = class(b[i - 1]);
            let cur = class(b[i]);
            let word = |c| matches!(c, Class::Letter | Class::Digit | Class::Extend);
            if word(cur) {
                // WB5, WB8-10, WB13a/b: letters, digits and `_` run together.
                i += 1;
                continue;
            }
            // WB6/7 and WB11/12: a middle character joins when the same kind follows.
            if joins(prev, cur, b.get(i + 1).map(|&x| class(x))) {
                i += 2;
            } else {
                break;
            }
        }
        emit(start, i);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<(&str, TokenKind)> {
        let mut v = Vec::new();
        tokenize(text, Span::new(0, text.len()), |t| {
            v.push((t.span.slice(text), t.kind))
        });
        v
    }

    #[test]
    fn kinds_and_joins() {
        use TokenKind::*;
        assert_eq!(
            toks("Don't pay $3,500.50 (U.S.) — “now”!"),
            vec![
                ("Don't", Word),
                ("pay", Word),
                ("$", Symbol),
                ("3,500.50", Number),
                ("(", Punct),
                ("U.S", Word),
                (".", Punct),
                (")", Punct),
                ("—", Punct),
                ("“", Punct),
                ("now", Word),
                ("”", Punct),
                ("!", Punct),
            ]
        );
    }

    #[test]
    fn ascii_count_equals_token_count() {
        for s in [
            "Don't pay $3,500.50 (U.S.) now!",
            "a.b 1,2 x:y _q_ 3-1 e.g. end.",
            "Sign here: ___. Or __ _ a_ _1.",
            "",
        ] {
            let mut n = 0;
            tokenize(s, Span::new(0, s.len()), |t| {
                n += usize::from(matches!(t.kind, TokenKind::Word | TokenKind::Number))
            });
            assert_eq!(ascii_word_count(s.as_bytes()), n, "{s:?}");
        }
    }

    #[test]
    fn counts_words() {
        assert_eq!(count_words("Café opens at 9.30, says Zoë."), 6);
    }

    #[test]
    fn ascii_fast_path_matches_uax29_on_samples() {
        for s in [
            "a.b", "a..b", "1.2.3", "a1.b2", "x:y", "1:30", "a'b'", "'a", "_x_", "a_1,2", "1,a",
            "a.", ".a", "e.g.", "3.5%", "a:1", "1'2", "a;b", "1;2",
        ] {
            let mut ours = Vec::new();
            ascii_tokens(s, |a, b| ours.push(&s[a..b]));
            let theirs: Vec<&str> = s.split_word_bounds().collect();
            assert_eq!(ours, theirs, "{s:?}");
        }
    }
}
