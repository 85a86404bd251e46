//! The date tokenizer: one pass over a sentence's bytes, producing typed tokens (words with
//! their lexicon entries, numbers, ordinals, ISO and slashed dates, clock times, decades).
//! Shapes are recognised here once so that the patterns can match on categories.

use rustc_hash::FxHashMap;

/// A lexicon category. The names are those of `lexicon.txt` and `patterns.txt`. There are
/// fewer than 64, so a token's categories fit in one `u64` mask (a test checks).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
pub(crate) enum Cat {
    Month,
    Weekday,
    Weekdays,
    NumWord,
    Tens,
    Art,
    Fuzzy,
    Ord,
    Unit,
    Units,
    Season,
    Seasons,
    Pod,
    Pods,
    Deictic,
    Tonight,
    Ref,
    Prev,
    Next,
    Following,
    This,
    Ago,
    Later,
    Earlier,
    Prep,
    AmPm,
    Tz,
    SetAdv,
    Every,
    Freq,
    Times,
    Noon,
    Part,
    Pos,
    Half,
    Holiday,
    Fiscal,
    Long,
    Approx,
    The,
    Counted,
    Tense,
    Det,
    DecadeWord,
    Latest,
    Deadline,
    Nowadays,
    // Shape categories: decided from the token itself, not the lexicon.
    Year,
    Day,
    OrdDay,
    Num,
    Int,
    Iso,
    Slash,
    Clock,
    Hms,
    Decade,
    Qn,
}

impl Cat {
    /// The category named `s` in a rule file.
    pub(crate) fn from_name(s: &str) -> Option<Cat> {
        use Cat::*;
        Some(match s {
            "MONTH" => Month,
            "WEEKDAY" => Weekday,
            "WEEKDAYS" => Weekdays,
            "NUMWORD" => NumWord,
            "TENS" => Tens,
            "ART" => Art,
            "FUZZY" => Fuzzy,
            "ORD" => Ord,
            "UNIT" => Unit,
            "UNITS" => Units,
            "SEASON" => Season,
            "SEASONS" => Seasons,
            "POD" => Pod,
            "PODS" => Pods,
            "DEICTIC" => Deictic,
            "TONIGHT" => Tonight,
            "REF" => Ref,
            "PREV" => Prev,
            "NEXT" => Next,
            "FOLLOWING" => Following,
            "THIS" => This,
            "AGO" => Ago,
            "LATER" => Later,
            "EARLIER" => Earlier,
            "PREP" => Prep,
            "AMPM" => AmPm,
            "TZ" => Tz,
            "SETADV" => SetAdv,
            "EVERY" => Every,
            "FREQ" => Freq,
            "TIMES" => Times,
            "NOON" => Noon,
            "PART" => Part,
            "POS" => Pos,
            "HALF" => Half,
            "HOLIDAY" => Holiday,
            "FISCAL" => Fiscal,
            "LONG" => Long,
            "APPROX" => Approx,
            "THE" => The,
            "COUNTED" => Counted,
            "TENSE" => Tense,
            "DET" => Det,
            "DECADEW" => DecadeWord,
            "LATEST" => Latest,
            "DEADLINE" => Deadline,
            "NOWADAYS" => Nowadays,
            "YEAR" => Year,
            "DAY" => Day,
            "ORDDAY" => OrdDay,
            "NUM" => Num,
            "INT" => Int,
            "ISO" => Iso,
            "SLASH" => Slash,
            "CLOCK" => Clock,
            "HMS" => Hms,
            "DECADE" => Decade,
            "QN" => Qn,
            _ => return None,
        })
    }

    /// This category's bit in a token mask.
    pub(crate) fn bit(self) -> u64 {
        1u64 << (self as u8)
    }

    /// Categories that match only capitalised words.
    fn needs_capital(self) -> bool {
        matches!(
            self,
            Cat::Month | Cat::Weekday | Cat::Weekdays | Cat::Holiday
        )
    }
}

/// One lexicon reading of a word.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Entry {
    pub cat: Cat,
    /// The numeric value (month, weekday, number, offset), or 0.
    pub num: i64,
    /// The string value (unit code, TIMEX3 value).
    pub s: &'static str,
}

/// A lexicon word: its readings, and its id as a pattern literal (0: not a literal).
#[derive(Clone, Debug, Default)]
pub(crate) struct Word {
    pub entries: Vec<Entry>,
    pub lit: u16,
}

/// The lexicon: lower-case word (or punctuation) → its readings and literal id.
pub(crate) type Lexicon = FxHashMap<&'static str, Word>;

/// The longest word in the lexicon is shorter than this (a cheap pre-check before lookups).
pub(crate) const MAX_WORD: usize = 16;

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Shape {
    Word,
    /// Digits only. `money` when a currency sign comes just before.
    Int {
        v: i64,
        digits: u8,
        money: bool,
    },
    /// Digits with thousands separators (`2,017`): a count, never a year or a day.
    Grouped(i64),
    Decimal(f64),
    /// `5th`, `21st`.
    OrdNum(i64),
    Iso(i16, i8, i8),
    /// `a/b/c` with the digit count of `c`.
    Slash(u32, u32, u32, u8),
    Clock(i8, i8),
    /// `2:14:09`: hours, minutes and seconds, a race time (a duration) unless a clock word
    /// follows.
    Hms(i8, i8, i8),
    /// `1990s` → 199, `'90s` → 90 (century decided later).
    Decade(i64, bool),
    Qn(i8),
    /// Any other run of digits and letters (`3-1`, `49ers`, `2.0.1`).
    Other,
    Punct(char),
}

/// A token of a sentence.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Tok<'a> {
    /// Byte offsets into the article.
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
    pub shape: Shape,
    pub lex: &'a [Entry],
    /// The literal id of the token's text (see [`Word::lit`]), or 0.
    pub lit: u16,
    pub cap: bool,
    /// A merged number word ("twenty-four").
    pub numword: Option<i64>,
    /// Every category this token fits, as [`Cat::bit`]s (set by [`lex`]).
    pub mask: u64,
}

impl<'a> Tok<'a> {
    /// The reading of this token in `cat`, if it has one (lexicon categories only).
    pub(crate) fn entry(&self, cat: Cat) -> Option<&'a Entry> {
        if cat.needs_capital() && !self.cap {
            return None;
        }
        self.lex.iter().find(|e| e.cat == cat)
    }

    /// True when the token's text equals `lit` ignoring ASCII case.
    pub(crate) fn is(&self, lit: &str) -> bool {
        if self.text.len() == lit.len() {
            return self.text.eq_ignore_ascii_case(lit);
        }
        // A curly apostrophe is three bytes: compare with it straightened.
        self.text.len() == lit.len() + 2
            && self.text.contains('’')
            && self.text.replace('’', "'").eq_ignore_ascii_case(lit)
    }

    /// The number this token stands for, if any: digits, decimals, number words.
    pub(crate) fn number(&self) -> Option<f64> {
        match self.shape {
            Shape::Int {
                v, money: false, ..
            } => Some(v as f64),
            Shape::Grouped(v) => Some(v as f64),
            Shape::Decimal(f) => Some(f),
            _ => self
                .numword
                .or_else(|| {
                    self.entry(Cat::NumWord)
                        .or_else(|| self.entry(Cat::Tens))
                        .map(|e| e.num)
                })
                .map(|v| v as f64),
        }
    }
}

fn is_currency(c: char) -> bool {
    matches!(c, '$' | '£' | '€' | '¥' | '₹')
}

/// Tokenises `text[start..end]` (a sentence) into `out`.
pub(crate) fn lex<'a>(
    text: &'a str,
    start: usize,
    end: usize,
    lexicon: &'a Lexicon,
    out: &mut Vec<Tok<'a>>,
) {
    out.clear();
    let b = text.as_bytes();
    let mut i = start;
    while i < end {
        let c = b[i];
        if c.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        if c.is_ascii_digit() {
            let (tok, next) = number(text, i, end);
            out.push(tok);
            i = next;
            continue;
        }
        if c.is_ascii_alphabetic() {
            // a.m. / p.m.
            if matches!(c | 0x20, b'a' | b'p')
                && b.get(i + 1) == Some(&b'.')
                && b.get(i + 2).is_some_and(|&x| x | 0x20 == b'm')
                && !b.get(i + 3).is_some_and(|x| x.is_ascii_alphanumeric())
            {
                let mut e = i + 3;
                // Keep the final stop unless it also ends the sentence.
                if b.get(e) == Some(&b'.') && e + 1 < end {
                    e += 1;
                }
                let key = if c | 0x20 == b'a' { "a.m" } else { "p.m" };
                out.push(word_tok(text, i, e, lexicon.get(key)));
                i = e;
                continue;
            }
            // Q1..Q4
            if c | 0x20 == b'q'
                && b.get(i + 1).is_some_and(|x| (b'1'..=b'4').contains(x))
                && !b.get(i + 2).is_some_and(|x| x.is_ascii_alphanumeric())
            {
                let mut t = word_tok(text, i, i + 2, None);
                t.shape = Shape::Qn((b[i + 1] - b'0') as i8);
                out.push(t);
                i += 2;
                continue;
            }
        }
        let ch = text[i..].chars().next().unwrap_or(' ');
        if ch.is_alphabetic() {
            let mut e = i;
            for (off, c2) in text[i..end].char_indices() {
                if c2.is_alphabetic() {
                    e = i + off + c2.len_utf8();
                } else if (c2 == '\'' || c2 == '’')
                    && text[i + off + c2.len_utf8()..end]
                        .chars()
                        .next()
                        .is_some_and(char::is_alphabetic)
                    && !is_possessive(&text[i + off + c2.len_utf8()..end])
                {
                    // don't, o'clock: the apostrophe stays inside the word
                    continue;
                } else {
                    break;
                }
            }
            let mut e = e.max(i + ch.len_utf8());
            let lex = lookup(lexicon, &text[i..e]);
            // "Jan." and "Sept.": the stop belongs to an abbreviated month (not to "June.").
            if b.get(e) == Some(&b'.')
                && e - i <= 4
                && lex.is_some_and(|w| w.entries.iter().any(|x| x.cat == Cat::Month))
                && !matches!(&text[i..e], "May" | "June" | "July")
            {
                e += 1;
            }
            out.push(word_tok(text, i, e, lex));
            i = e;
            continue;
        }
        if ch == '\'' || ch == '’' {
            let after = i + ch.len_utf8();
            // '90s
            let rest = &b[after..end];
            if rest.len() >= 3
                && rest[0].is_ascii_digit()
                && rest[1].is_ascii_digit()
                && rest[2] == b's'
                && !rest.get(3).is_some_and(|x| x.is_ascii_alphanumeric())
            {
                let v = ((rest[0] - b'0') * 10 + (rest[1] - b'0')) as i64;
                let mut t = word_tok(text, i, after + 3, None);
                t.shape = Shape::Decade(v, true);
                out.push(t);
                i = after + 3;
                continue;
            }
            // 's, 'll
            let n = rest.iter().take_while(|x| x.is_ascii_alphabetic()).count();
            if (1..=2).contains(&n) {
                let e = after + n;
                let lex = lookup(lexicon, &text[i..e]);
                out.push(word_tok(text, i, e, lex));
                i = e;
                continue;
            }
        }
        let e = i + ch.len_utf8();
        let mut t = word_tok(text, i, e, lexicon.get(&text[i..e]));
        t.shape = Shape::Punct(ch);
        out.push(t);
        i = e;
    }
    merge_number_words(out);
    merge_fractions(text, out);
    for i in 0..out.len() {
        // A plain word or mark with no lexicon reading fits no category: most tokens.
        let t = &out[i];
        if t.lex.is_empty()
            && t.numword.is_none()
            && matches!(t.shape, Shape::Word | Shape::Punct(_) | Shape::Other)
        {
            out[i].mask = 0;
            continue;
        }
        let mut mask = 0;
        for e in out[i].lex {
            if !e.cat.needs_capital() || out[i].cap {
                mask |= e.cat.bit();
            }
        }
        for cat in SHAPE_CATS {
            if crate::extract::dates::grammar::fits_shape(out, i, cat) {
                mask |= cat.bit();
            } else if cat == Cat::Month {
                mask &= !cat.bit();
            }
        }
        out[i].mask = mask;
    }
}

/// The categories decided (or, for MONTH, checked) from the token and its neighbours.
const SHAPE_CATS: [Cat; 12] = [
    Cat::Year,
    Cat::Day,
    Cat::OrdDay,
    Cat::Num,
    Cat::Int,
    Cat::Iso,
    Cat::Slash,
    Cat::Clock,
    Cat::Hms,
    Cat::Decade,
    Cat::Qn,
    Cat::Month,
];

/// Token `i` takes in the tokens up to `last` (a number written in several pieces) and
/// becomes a plain `shape`: no lexicon readings, no literal, no number word.
fn absorb(toks: &mut Vec<Tok<'_>>, i: usize, last: usize, shape: Shape) {
    toks[i].end = toks[last].end;
    toks[i].shape = shape;
    toks[i].lex = &[];
    toks[i].lit = 0;
    toks[i].numword = None;
    toks.drain(i + 1..=last);
}

/// A spoken year ("nineteen ninety-six") as a four-digit year token.
fn year_shape(v: i64) -> Shape {
    Shape::Int {
        v,
        digits: 4,
        money: false,
    }
}

/// "5 1/2" and "2 1/2": a whole number and a fraction become one decimal number.
fn merge_fractions(text: &str, toks: &mut Vec<Tok<'_>>) {
    let mut i = 0;
    while i + 1 < toks.len() {
        if let (
            Shape::Int {
                v, money: false, ..
            },
            Shape::Other,
        ) = (toks[i].shape, toks[i + 1].shape)
            && let Some((a, b)) = text[toks[i + 1].start..toks[i + 1].end].split_once('/')
            && let (Ok(a), Ok(b)) = (a.parse::<f64>(), b.parse::<f64>())
            && b > a
            && b <= 8.0
        {
            absorb(toks, i, i + 1, Shape::Decimal(v as f64 + a / b));
        }
        i += 1;
    }
}

/// `s` follows an apostrophe: true when it is the possessive `s` ("Friday's").
fn is_possessive(s: &str) -> bool {
    let mut c = s.chars();
    matches!(c.next(), Some('s' | 'S')) && !c.next().is_some_and(char::is_alphanumeric)
}

fn lookup<'a>(lexicon: &'a Lexicon, w: &str) -> Option<&'a Word> {
    if w.len() > MAX_WORD {
        return None;
    }
    if w.is_ascii() {
        let mut buf = [0u8; MAX_WORD];
        let b = &mut buf[..w.len()];
        b.copy_from_slice(w.as_bytes());
        b.make_ascii_lowercase();
        return std::str::from_utf8(b).ok().and_then(|s| lexicon.get(s));
    }
    let mut buf = [0u8; MAX_WORD * 4];
    let mut n = 0;
    for c in w.chars() {
        let c = if c == '’' { '\'' } else { c };
        for l in c.to_lowercase() {
            if n + l.len_utf8() > buf.len() {
                return None;
            }
            n += l.encode_utf8(&mut buf[n..]).len();
        }
    }
    std::str::from_utf8(&buf[..n])
        .ok()
        .and_then(|s| lexicon.get(s))
}

fn word_tok<'a>(text: &'a str, s: usize, e: usize, word: Option<&'a Word>) -> Tok<'a> {
    Tok {
        start: s,
        end: e,
        text: &text[s..e],
        shape: Shape::Word,
        lex: word.map_or(&[][..], |w| w.entries.as_slice()),
        lit: word.map_or(0, |w| w.lit),
        cap: text[s..].chars().next().is_some_and(char::is_uppercase),
        numword: None,
        mask: 0,
    }
}

/// A token starting with a digit at `i`.
fn number<'a>(text: &'a str, i: usize, end: usize) -> (Tok<'a>, usize) {
    let b = text.as_bytes();
    let mut e = i;
    while e < end {
        let c = b[e];
        if c.is_ascii_digit() {
            e += 1;
        } else if matches!(c, b'.' | b',' | b':' | b'/' | b'-')
            && b.get(e + 1).is_some_and(u8::is_ascii_digit)
            && e + 1 < end
        {
            e += 2;
        } else {
            break;
        }
    }
    // A range of years or days written with a hyphen ("2011-2012", "1962-63", "3-5"): the
    // first number is a token of its own, then the hyphen and the second number, so that each
    // end can be a date.
    if let Some(h) = range_hyphen(&text[i..e]) {
        let core = &text[i..i + h];
        let mut tok = word_tok(text, i, i + h, None);
        tok.shape = shape_of(
            core,
            true,
            text[..i].chars().next_back().is_some_and(is_currency),
        );
        return (tok, i + h);
    }
    let digits_end = e;
    // Trailing letters: 5th, 1990s, 3pm, 49ers.
    let mut le = e;
    while le < end && b[le].is_ascii_alphabetic() {
        le += 1;
    }
    let core = &text[i..digits_end];
    let suffix = &text[digits_end..le];
    let money = text[..i].chars().next_back().is_some_and(is_currency);
    let mut tok = word_tok(text, i, le, None);
    let plain = core.bytes().all(|c| c.is_ascii_digit());
    let lower = suffix.to_ascii_lowercase();
    tok.shape = if suffix.is_empty() {
        shape_of(core, plain, money)
    } else if plain && matches!(lower.as_str(), "st" | "nd" | "rd" | "th") {
        core.parse().map_or(Shape::Other, Shape::OrdNum)
    } else if plain && lower == "s" && (core.len() == 4 || core.len() == 2) {
        let v: i64 = core.parse().unwrap_or(0);
        if core.len() == 4 {
            if v % 10 == 0 {
                Shape::Decade(v / 10, false)
            } else {
                Shape::Other
            }
        } else if v % 10 == 0 {
            Shape::Decade(v, true)
        } else {
            Shape::Other
        }
    } else if matches!(lower.as_str(), "am" | "pm") {
        // "3pm": the number alone; the suffix becomes its own token. "2.35pm": hours and
        // minutes with a dot, as British papers write them.
        tok.end = digits_end;
        tok.text = core;
        tok.shape = match core.split_once('.') {
            Some((h, m)) if !h.is_empty() && h.len() <= 2 && m.len() == 2 && !money => {
                match (h.parse::<i8>(), m.parse::<i8>()) {
                    (Ok(h), Ok(m)) if (1..=12).contains(&h) && (0..60).contains(&m) => {
                        Shape::Clock(h, m)
                    }
                    _ => shape_of(core, plain, money),
                }
            }
            _ => shape_of(core, plain, money),
        };
        return (tok, digits_end);
    } else {
        Shape::Other
    };
    (tok, le)
}

/// Where the hyphen is in `core` when it is a range of years (`1939-1945`, `1962-63`: the second
/// after the first, within a century) or of days (`3-5`: 1 to 31, rising).
fn range_hyphen(core: &str) -> Option<usize> {
    let (a, b) = core.split_once('-')?;
    if a.is_empty() || b.is_empty() || !(a.bytes().chain(b.bytes()).all(|c| c.is_ascii_digit())) {
        return None;
    }
    let (x, y): (i64, i64) = (a.parse().ok()?, b.parse().ok()?);
    let years = a.len() == 4
        && (1000..=2199).contains(&x)
        && match b.len() {
            4 => x < y && y - x <= 100,
            2 => {
                let y = x - x % 100 + y;
                let y = if y <= x { y + 100 } else { y };
                y - x <= 100
            }
            _ => false,
        };
    let days = a.len() <= 2 && b.len() <= 2 && (1..=31).contains(&x) && x < y && y <= 31;
    (years || days).then_some(a.len())
}

fn shape_of(core: &str, plain: bool, money: bool) -> Shape {
    if plain {
        return match core.parse::<i64>() {
            Ok(v) if core.len() <= 18 => Shape::Int {
                v,
                digits: core.len() as u8,
                money,
            },
            _ => Shape::Other,
        };
    }
    let parts: Vec<&str> = core.split(['-', '/', ':', '.', ',']).collect();
    let seps: Vec<u8> = core.bytes().filter(|c| !c.is_ascii_digit()).collect();
    let num = |s: &str| s.parse::<i64>().ok();
    match (seps.as_slice(), parts.as_slice()) {
        (b"--", [y, m, d]) if y.len() == 4 && m.len() == 2 && d.len() == 2 => {
            match (num(y), num(m), num(d)) {
                (Some(y), Some(m), Some(d)) => Shape::Iso(y as i16, m as i8, d as i8),
                _ => Shape::Other,
            }
        }
        (b"//", [a, m, c]) if a.len() <= 2 && m.len() <= 2 && (c.len() == 2 || c.len() == 4) => {
            let digits = c.len() as u8;
            match (num(a), num(m), num(c)) {
                (Some(a), Some(m), Some(y)) => Shape::Slash(a as u32, m as u32, y as u32, digits),
                _ => Shape::Other,
            }
        }
        (b":", [h, m]) if h.len() <= 2 && m.len() == 2 => match (num(h), num(m)) {
            (Some(h), Some(m)) if h <= 24 && m < 60 => Shape::Clock(h as i8, m as i8),
            _ => Shape::Other,
        },
        (b"::", [h, m, s]) if h.len() <= 2 && m.len() == 2 && s.len() == 2 => {
            match (num(h), num(m), num(s)) {
                (Some(h), Some(m), Some(s)) if m < 60 && s < 60 => {
                    Shape::Hms(h as i8, m as i8, s as i8)
                }
                _ => Shape::Other,
            }
        }
        (b".", [_, _]) => core.parse().map_or(Shape::Other, Shape::Decimal),
        (s, _)
            if !s.is_empty()
                && s.iter().all(|&c| c == b',')
                && parts[0].len() <= 3
                && parts[1..].iter().all(|p| p.len() == 3) =>
        {
            core.replace(',', "")
                .parse()
                .map_or(Shape::Other, Shape::Grouped)
        }
        _ => Shape::Other,
    }
}

/// Joins "twenty four" and "twenty-four" into one number token, then spoken years
/// ("nineteen ninety-six", "two thousand") into four-digit year tokens.
fn merge_number_words(toks: &mut Vec<Tok<'_>>) {
    merge_tens(toks);
    let mut i = 0;
    while i < toks.len() {
        let head = toks[i]
            .entry(Cat::NumWord)
            .map(|e| e.num)
            .or(toks[i].numword);
        match head {
            // nineteen ninety-six, twenty twenty
            Some(h @ (11..=20)) if toks[i].numword.is_none() || h == 20 => {
                let tail = toks
                    .get(i + 1)
                    .and_then(|n| n.numword.or_else(|| n.entry(Cat::NumWord).map(|e| e.num)));
                if let Some(t @ 10..=99) = tail
                    && toks[i + 1].start > toks[i].end
                {
                    absorb(toks, i, i + 1, year_shape(h * 100 + t));
                }
            }
            // two thousand (and one)
            Some(2)
                if toks.get(i + 1).is_some_and(|n| n.is("thousand"))
                    && !toks.get(i + 2).is_some_and(|n| {
                        n.entry(Cat::Units).is_some() || n.entry(Cat::Counted).is_some()
                    }) =>
            {
                let mut y = 2000;
                let mut e = i + 1;
                if toks.get(i + 2).is_some_and(|n| n.is("and"))
                    && let Some(u) = toks
                        .get(i + 3)
                        .and_then(|n| n.entry(Cat::NumWord))
                        .map(|x| x.num)
                        .filter(|u| (1..=19).contains(u))
                {
                    y += u;
                    e = i + 3;
                }
                absorb(toks, i, e, year_shape(y));
            }
            // "two thousand years", "three hundred days": a count, multiplied.
            Some(h @ 1..=99)
                if toks.get(i + 1).is_some_and(|n| {
                    n.entry(Cat::NumWord)
                        .is_some_and(|e| matches!(e.num, 100 | 1000))
                }) =>
            {
                let m = toks[i + 1].entry(Cat::NumWord).map_or(1, |e| e.num);
                let shape = toks[i].shape;
                absorb(toks, i, i + 1, shape);
                toks[i].numword = Some(h * m);
            }
            _ => {}
        }
        i += 1;
    }
}

fn merge_tens(toks: &mut Vec<Tok<'_>>) {
    let mut i = 0;
    while i < toks.len() {
        if let Some(t) = toks[i].entry(Cat::Tens).map(|e| e.num) {
            let (j, hyphen) = match toks.get(i + 1) {
                Some(n) if n.shape == Shape::Punct('-') => (i + 2, true),
                _ => (i + 1, false),
            };
            if let Some(u) = toks
                .get(j)
                .and_then(|n| n.entry(Cat::NumWord))
                .map(|e| e.num)
                .filter(|u| (1..=9).contains(u))
                && (hyphen || toks[j].start > toks[i].end)
            {
                let shape = toks[i].shape;
                absorb(toks, i, j, shape);
                toks[i].numword = Some(t + u);
            } else {
                toks[i].numword = Some(t);
            }
        }
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shapes(s: &str) -> Vec<(String, Shape)> {
        let lex = Lexicon::default();
        let mut v = Vec::new();
        lex_into(s, &lex, &mut v);
        v.into_iter()
            .map(|t| (t.text.to_string(), t.shape))
            .collect()
    }

    fn lex_into<'a>(s: &'a str, l: &'a Lexicon, v: &mut Vec<Tok<'a>>) {
        lex(s, 0, s.len(), l, v);
    }

    #[test]
    fn number_shapes() {
        let got = shapes("2019-01-05 1/5/2019 15:30 5th 1990s '90s 2,017 3.5 3-1 £2020 Q3 3pm");
        let kinds: Vec<Shape> = got.iter().map(|g| g.1).collect();
        assert_eq!(kinds[0], Shape::Iso(2019, 1, 5));
        assert_eq!(kinds[1], Shape::Slash(1, 5, 2019, 4));
        assert_eq!(kinds[2], Shape::Clock(15, 30));
        assert_eq!(kinds[3], Shape::OrdNum(5));
        assert_eq!(kinds[4], Shape::Decade(199, false));
        assert_eq!(kinds[5], Shape::Decade(90, true));
        assert_eq!(kinds[6], Shape::Grouped(2017));
        assert_eq!(kinds[7], Shape::Decimal(3.5));
        assert_eq!(kinds[8], Shape::Other);
        assert_eq!(kinds[9], Shape::Punct('£'));
        assert_eq!(
            kinds[10],
            Shape::Int {
                v: 2020,
                digits: 4,
                money: true
            }
        );
        assert_eq!(kinds[11], Shape::Qn(3));
        assert_eq!(got[12].0, "3");
        assert_eq!(got[13].0, "pm");
    }

    #[test]
    fn categories_fit_a_mask() {
        assert!((Cat::Qn as u8) < 64);
    }

    #[test]
    fn words_and_marks() {
        let got = shapes("o'clock don’t 2019's a.m. p.m.");
        let texts: Vec<&str> = got.iter().map(|g| g.0.as_str()).collect();
        assert_eq!(
            texts,
            ["o'clock", "don’t", "2019", "'s", "a.m.", "p.m", "."]
        );
    }
}
