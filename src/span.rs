//! Spans: byte offsets inside the library, character offsets at the edges.
//!
//! Everything that scans text (`regex`, `str`, `unicode-segmentation`) speaks UTF-8 byte
//! offsets, so [`Span`] is a byte range into one article's text. Users and gold files speak
//! character offsets (Unicode scalar values, as Python indexes a `str`), so every table writes
//! [`CharSpan`]s, converted through one [`OffsetIndex`] built once per article. The two types
//! never mix by accident.

use std::ops::Range;

/// A half-open byte range `start..end` into an article's text, `start <= end`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    start: usize,
    end: usize,
}

impl Span {
    /// A new span. Panics (a programming error, never input-driven) when `start > end`.
    #[track_caller]
    pub fn new(start: usize, end: usize) -> Span {
        assert!(start <= end, "span start {start} > end {end}");
        Span { start, end }
    }

    /// First byte of the span.
    pub fn start(self) -> usize {
        self.start
    }

    /// One past the last byte of the span.
    pub fn end(self) -> usize {
        self.end
    }

    /// Length in bytes.
    pub fn len(self) -> usize {
        self.end - self.start
    }

    /// True when the span covers no bytes.
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// The text this span covers. Panics when the span is not on char boundaries of `text`;
    /// use [`Span::get`] where that is not guaranteed.
    #[track_caller]
    pub fn slice(self, text: &str) -> &str {
        &text[self.start..self.end]
    }

    /// The text this span covers, or `None` when it is out of range or not on char boundaries.
    pub fn get(self, text: &str) -> Option<&str> {
        text.get(self.start..self.end)
    }

    /// This span moved `by` bytes to the right.
    pub fn offset(self, by: usize) -> Span {
        Span::new(self.start + by, self.end + by)
    }

    /// True when `other` lies within this span.
    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// True when the two spans share at least one byte.
    pub fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The byte range, for slicing.
    pub fn range(self) -> Range<usize> {
        self.start..self.end
    }
}

impl From<Range<usize>> for Span {
    fn from(r: Range<usize>) -> Span {
        Span::new(r.start, r.end)
    }
}

/// A half-open range of character offsets, for output only.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct CharSpan {
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
}

/// Converts byte offsets of one text to character offsets in `O(log k)`, where `k` is the
/// number of non-ASCII characters (zero work at all for ASCII text).
#[derive(Debug, Clone, Default)]
pub struct OffsetIndex {
    /// For each non-ASCII character: (byte offset just past it, extra bytes so far).
    /// Extra bytes are the bytes beyond the first of every multi-byte character.
    marks: Vec<(u32, u32)>,
    len: usize,
}

impl OffsetIndex {
    /// Builds the index for `text`.
    pub fn new(text: &str) -> OffsetIndex {
        let mut marks = Vec::new();
        if !text.is_ascii() {
            let mut extra = 0u32;
            for (i, c) in text.char_indices() {
                let n = c.len_utf8();
                if n > 1 {
                    extra += (n - 1) as u32;
                    marks.push(((i + n) as u32, extra));
                }
            }
        }
        OffsetIndex {
            marks,
            len: text.len(),
        }
    }

    /// The character offset of byte offset `byte`, which must be a char boundary.
    pub fn char_of(&self, byte: usize) -> usize {
        if self.marks.is_empty() {
            return byte;
        }
        // Multi-byte characters that end at or before `byte` lie wholly before it.
        let n = self.marks.partition_point(|&(end, _)| end as usize <= byte);
        let extra = if n == 0 {
            0
        } else {
            self.marks[n - 1].1 as usize
        };
        byte - extra
    }

    /// The character span of a byte span.
    pub fn chars(&self, span: Span) -> CharSpan {
        CharSpan {
            start: self.char_of(span.start),
            end: self.char_of(span.end),
        }
    }

    /// Length of the text in characters.
    pub fn char_len(&self) -> usize {
        self.char_of(self.len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_is_identity() {
        let idx = OffsetIndex::new("hello world");
        assert_eq!(idx.char_of(5), 5);
        assert_eq!(idx.char_len(), 11);
    }

    #[test]
    fn multibyte_characters() {
        let text = "“Né” — 🎉 ok";
        let idx = OffsetIndex::new(text);
        for (ci, (bi, _)) in text.char_indices().enumerate() {
            assert_eq!(idx.char_of(bi), ci, "byte {bi}");
        }
        assert_eq!(idx.char_len(), text.chars().count());
    }

    #[test]
    fn span_helpers() {
        let s = Span::new(2, 5);
        assert_eq!(s.slice("abcdefg"), "cde");
        assert!(s.contains(Span::new(3, 4)));
        assert!(s.overlaps(Span::new(4, 9)));
        assert!(!s.overlaps(Span::new(5, 9)));
        assert_eq!(s.offset(1), Span::new(3, 6));
        assert_eq!(Span::new(0, 2).get("é"), Some("é"));
        assert_eq!(Span::new(0, 1).get("é"), None);
    }
}
