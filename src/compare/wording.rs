//! Wording: normalised words of quotations, how alike two wordings are, what changed between
//! them, and a compact sketch of an article's narration (its text outside quotation marks) to
//! tell when one outlet presents as narration the words another one quotes.
//!
//! Normalising lower-cases, drops apostrophes inside words (`months’` = `months`) and keeps
//! runs of letters and digits as words, so that marks, case, white space and punctuation do
//! not count. Two wordings are the same quotation when they are equal, when one (at least
//! three words) lies inside the other, or when their word-level similarity — twice the number
//! of words in a longest common subsequence over the total number of words — is at least
//! [`SIMILAR`] and both have at least four words.
//!
//! The narration sketch is a Bloom filter of word trigrams with two hash functions, sized at
//! eight bits per word (256 to 2,048 bits, so it costs at most 256 bytes an article whatever
//! its length). A quotation counts as unquoted in an article when the trigrams of at least half
//! of its words are in the sketch and they include a run of at least five words (three
//! trigrams in a row). At eight bits a word a random trigram matches with a chance of about
//! one in twenty, so a false run of three needs three such misses in a row (about 1 in 8,000);
//! articles of over 256 words have fewer bits per word and a higher rate, a price paid for a
//! bound on memory.

use std::hash::Hash;

use similar::{Algorithm, DiffOp, capture_diff_slices};

use crate::span::Span;

/// The similarity from which two wordings are one quotation.
pub const SIMILAR: f64 = 0.6;

/// Calls `f` with each normalised word of `text`.
pub fn for_each_word(text: &str, mut f: impl FnMut(&str)) {
    let mut word = String::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // ASCII a byte at a time; other characters decoded where they start.
        let c = if bytes[i] < 0x80 {
            i += 1;
            char::from(bytes[i - 1])
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            i += c.len_utf8();
            c
        };
        if c.is_ascii_alphanumeric() {
            word.push(c.to_ascii_lowercase());
        } else if c.is_alphanumeric() {
            word.extend(c.to_lowercase());
        } else if (c == '\'' || c == '’') && !word.is_empty() {
            // An apostrophe inside or at the end of a word is dropped ("don't", "months’").
            continue;
        } else if !word.is_empty() {
            f(&word);
            word.clear();
        }
    }
    if !word.is_empty() {
        f(&word);
    }
}

/// The normalised words of `text`.
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_word(text, |w| out.push(w.to_string()));
    out
}

/// Folds one lower-case character into a word hash (FxHash's step).
fn hash_step(h: u64, c: char) -> u64 {
    (h.rotate_left(5) ^ u64::from(c)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95)
}

/// The hash of a normalised word, as [`word_hashes`] computes it.
fn hash_word(w: &str) -> u64 {
    w.chars().fold(0, hash_step)
}

/// Calls `f` with the hash of each normalised word of `text`, without making the words.
fn word_hashes(text: &str, mut f: impl FnMut(u64)) {
    let mut h = 0u64;
    let mut in_word = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if c.is_ascii() {
                h = hash_step(h, c.to_ascii_lowercase());
            } else {
                h = c.to_lowercase().fold(h, hash_step);
            }
            in_word = true;
        } else if (c == '\'' || c == '’') && in_word {
            continue;
        } else if in_word {
            f(h);
            h = 0;
            in_word = false;
        }
    }
    if in_word {
        f(h);
    }
}

/// A well-mixed hash of three word hashes (FxHash alone leaves the low bits, which pick the
/// filter's slots, poorly mixed; the MurmurHash3 finaliser spreads them).
fn trigram(a: u64, b: u64, c: u64) -> u64 {
    let mut h = rustc_hash::FxHasher::default();
    (a, b, c).hash(&mut h);
    let mut x = std::hash::Hasher::finish(&h);
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    x = x.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    x ^ (x >> 33)
}

/// A Bloom filter of an article's narration trigrams.
#[derive(Clone, Debug, Default, Hash, PartialEq, Eq)]
pub struct Sketch {
    bits: Box<[u64]>,
}

impl Sketch {
    /// The sketch of `text` outside the spans in `quoted` (sorted, not overlapping).
    pub fn of_narration(text: &str, quoted: &[Span]) -> Sketch {
        let mut hashes: Vec<u64> = Vec::new();
        let mut pos = 0;
        let mut grams = Vec::new();
        let mut flush = |hashes: &mut Vec<u64>| {
            for w in hashes.windows(3) {
                grams.push(trigram(w[0], w[1], w[2]));
            }
            hashes.clear();
        };
        for q in quoted {
            if q.start() >= pos {
                word_hashes(&text[pos..q.start()], |h| hashes.push(h));
                flush(&mut hashes);
            }
            pos = pos.max(q.end());
        }
        word_hashes(&text[pos.min(text.len())..], |h| hashes.push(h));
        flush(&mut hashes);
        let bits = (grams.len() * 8).clamp(256, 2048).next_power_of_two();
        let mut s = Sketch {
            bits: vec![0u64; bits / 64].into_boxed_slice(),
        };
        for g in grams {
            s.insert(g);
        }
        s
    }

    fn slots(&self, h: u64) -> [usize; 2] {
        let m = self.bits.len() * 64;
        [(h as usize) % m, ((h >> 32) as usize) % m]
    }

    fn insert(&mut self, h: u64) {
        for i in self.slots(h) {
            self.bits[i / 64] |= 1 << (i % 64);
        }
    }

    fn contains(&self, h: u64) -> bool {
        !self.bits.is_empty()
            && self
                .slots(h)
                .iter()
                .all(|&i| self.bits[i / 64] & (1 << (i % 64)) != 0)
    }

    /// True when the narration holds the quotation `words` (see the module notes).
    pub fn holds(&self, words: &[String]) -> bool {
        if words.len() < 4 {
            return false;
        }
        let h: Vec<u64> = words.iter().map(|w| hash_word(w)).collect();
        let mut covered = vec![false; words.len()];
        let mut run = 0;
        let mut best = 0;
        for i in 0..h.len() - 2 {
            if self.contains(trigram(h[i], h[i + 1], h[i + 2])) {
                covered[i..i + 3].iter_mut().for_each(|c| *c = true);
                run = if run == 0 { 3 } else { run + 1 };
                best = best.max(run);
            } else {
                run = 0;
            }
        }
        let n = covered.iter().filter(|&&c| c).count();
        best >= 5 && n * 2 >= words.len()
    }

    /// Bytes held.
    pub fn bytes(&self) -> usize {
        self.bits.len() * 8
    }
}

/// Word-level similarity of two wordings, 0 to 1.
pub fn similarity(a: &[String], b: &[String]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let same: usize = capture_diff_slices(Algorithm::Myers, a, b)
        .iter()
        .map(|op| match op {
            DiffOp::Equal { len, .. } => *len,
            _ => 0,
        })
        .sum();
    2.0 * same as f64 / (a.len() + b.len()) as f64
}

/// True when `short` (at least three words) occurs as a contiguous run inside `long`.
pub fn contains(long: &[String], short: &[String]) -> bool {
    short.len() >= 3 && short.len() <= long.len() && long.windows(short.len()).any(|w| w == short)
}

/// Two wordings of one quotation?
pub fn same_quotation(a: &[String], b: &[String]) -> bool {
    a == b
        || contains(a, b)
        || contains(b, a)
        || (a.len() >= 4 && b.len() >= 4 && bound(a, b) >= SIMILAR && similarity(a, b) >= SIMILAR)
}

/// An upper bound of [`similarity`], cheap to compute: a common subsequence is at most the
/// words the two have in common (as multisets).
fn bound(a: &[String], b: &[String]) -> f64 {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if 2.0 * short.len() as f64 / ((a.len() + b.len()) as f64) < SIMILAR {
        return 0.0;
    }
    let mut pool: Vec<&str> = long.iter().map(String::as_str).collect();
    pool.sort_unstable();
    let mut used = vec![false; pool.len()];
    let mut common = 0;
    for w in short {
        let mut i = pool.partition_point(|p| *p < w.as_str());
        while i < pool.len() && pool[i] == w && used[i] {
            i += 1;
        }
        if i < pool.len() && pool[i] == w {
            used[i] = true;
            common += 1;
        }
    }
    2.0 * common as f64 / (a.len() + b.len()) as f64
}

/// What changed from wording `a` to wording `b`, in words: `twenty → 20; omits "it is"`.
pub fn differences(a: &[String], b: &[String]) -> String {
    let ops = capture_diff_slices(Algorithm::Myers, a, b);
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < ops.len() {
        let op = ops[i];
        match op {
            DiffOp::Equal { .. } => {}
            DiffOp::Delete {
                old_index, old_len, ..
            } => {
                let old = a[old_index..old_index + old_len].join(" ");
                // A deletion followed by an insertion is a replacement.
                if let Some(DiffOp::Insert {
                    new_index, new_len, ..
                }) = ops.get(i + 1).copied()
                {
                    out.push(format!(
                        "{old} → {}",
                        b[new_index..new_index + new_len].join(" ")
                    ));
                    i += 1;
                } else {
                    out.push(format!("omits \"{old}\""));
                }
            }
            DiffOp::Insert {
                new_index, new_len, ..
            } => out.push(format!(
                "adds \"{}\"",
                b[new_index..new_index + new_len].join(" ")
            )),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => out.push(format!(
                "{} → {}",
                a[old_index..old_index + old_len].join(" "),
                b[new_index..new_index + new_len].join(" ")
            )),
        }
        i += 1;
    }
    out.join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalising_ignores_marks_case_and_punctuation() {
        assert_eq!(
            words("“Twenty years at the company, and they give us three months’ notice,”"),
            words("twenty years at the company and they give us three months' notice")
        );
        assert_eq!(words("Don't — stop!"), vec!["dont", "stop"]);
    }

    #[test]
    fn variants_are_one_quotation_and_their_changes_are_named() {
        let a = words("Twenty years at the company, and they give us three months' notice");
        let b = words("20 years at the company and they give us three months' notice");
        assert!(same_quotation(&a, &b));
        assert!(similarity(&a, &b) > 0.9);
        assert!(bound(&a, &b) >= similarity(&a, &b));
        assert!(bound(&a, &words("one two three four five six seven eight")) < SIMILAR);
        assert_eq!(bound(&a, &words("a b c d")), 0.0);
        assert_eq!(differences(&a, &b), "twenty → 20");
        let c = words("We have heard promises before");
        assert!(!same_quotation(&a, &c));
        let part = words("three months notice");
        assert!(same_quotation(&a, &part));
        assert_eq!(
            differences(&words("a b c d"), &words("a b c")),
            "omits \"d\""
        );
    }

    #[test]
    fn word_hashes_agree_with_normalised_words() {
        let text = "Twenty YEARS at the company’s yard, don't — Zoë!";
        let mut a = Vec::new();
        word_hashes(text, |h| a.push(h));
        let b: Vec<u64> = words(text).iter().map(|w| hash_word(w)).collect();
        assert_eq!(a, b);
    }

    #[test]
    fn the_sketch_finds_quoted_words_in_narration_only() {
        let text = "Union official Tom Reyes said twenty years at the company had ended with \
                    three months' notice. \"We want a buyer,\" he said.";
        let quoted = text.find("We want").unwrap();
        let s = Sketch::of_narration(text, &[Span::new(quoted, quoted + 14)]);
        assert!(s.holds(&words(
            "Twenty years at the company, and they give us three months' notice"
        )));
        assert!(!s.holds(&words("We want a buyer for the yard")));
        assert!(!s.holds(&words("The yard has been the heart of the town")));
        assert!(s.bytes() <= 256);
    }
}
