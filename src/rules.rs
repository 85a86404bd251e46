//! Rule files: word lists and tables embedded in the binary, parsed once at start-up.
//!
//! Every list is a text file beside the code that uses it: `#` lines are a header (source,
//! licence, format), every other non-empty line is one entry, sorted in byte order with no
//! duplicates. A list that breaks those rules is an error naming its file and line, never a
//! panic, so a bad edit to a list fails at start-up (and in the tests) with a clear message.

use crate::Error;

/// How a list's order is checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Order {
    /// Whole lines sorted, no duplicates.
    Sorted,
    /// Sorted by the key before the first tab, no duplicate keys.
    SortedKeys,
    /// Any order (file order is meaningful), no duplicate keys.
    UniqueKeys,
}

/// One parsed list: the entries in file order, each with its 1-based line number.
#[derive(Debug, Clone)]
pub struct List {
    /// File name, for messages.
    pub name: &'static str,
    /// `(line, entry)` pairs.
    pub entries: Vec<(usize, &'static str)>,
}

impl List {
    /// Parses an embedded list, checking its order as `order` says.
    pub fn parse(name: &'static str, text: &'static str, order: Order) -> Result<List, Error> {
        let keyed = order != Order::Sorted;
        let mut entries = Vec::new();
        let mut prev: Option<&str> = None;
        let mut seen = std::collections::HashSet::new();
        let mut header = false;
        for (i, line) in text.lines().enumerate() {
            let lineno = i + 1;
            if line.starts_with('#') {
                header = true;
                continue;
            }
            if line.trim().is_empty() {
                continue;
            }
            if line != line.trim_end() {
                return Err(Error::rule(name, lineno, "trailing white space"));
            }
            let key = if keyed {
                line.split('\t').next().unwrap_or(line)
            } else {
                line
            };
            if order == Order::UniqueKeys {
                if !seen.insert(key) {
                    return Err(Error::rule(
                        name,
                        lineno,
                        format!("duplicate entry {key:?}"),
                    ));
                }
            } else if let Some(p) = prev {
                if p == key {
                    return Err(Error::rule(
                        name,
                        lineno,
                        format!("duplicate entry {key:?}"),
                    ));
                }
                if p > key {
                    return Err(Error::rule(
                        name,
                        lineno,
                        format!("{key:?} is out of order (after {p:?}): keep the list sorted"),
                    ));
                }
            }
            prev = Some(key);
            entries.push((lineno, line));
        }
        if !header {
            return Err(Error::rule(name, 1, "missing header (source and licence)"));
        }
        Ok(List { name, entries })
    }

    /// The entries without line numbers.
    pub fn words(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.entries.iter().map(|&(_, w)| w)
    }

    /// Splits each entry at tabs into exactly `n` fields, or fails naming the line.
    pub fn fields(&self, n: usize) -> Result<Vec<(usize, Vec<&'static str>)>, Error> {
        self.entries
            .iter()
            .map(|&(line, e)| {
                let f: Vec<&str> = e.split('\t').collect();
                if f.len() == n {
                    Ok((line, f))
                } else {
                    Err(Error::rule(
                        self.name,
                        line,
                        format!("expected {n} tab-separated fields, found {}", f.len()),
                    ))
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_unsorted_and_duplicates() {
        let e = List::parse("t.txt", "# h\nb\na\n", Order::Sorted).unwrap_err();
        assert!(e.to_string().contains("t.txt:3"), "{e}");
        let e = List::parse("t.txt", "# h\na\na\n", Order::Sorted).unwrap_err();
        assert!(e.to_string().contains("duplicate"), "{e}");
        let e = List::parse("t.txt", "a\n", Order::Sorted).unwrap_err();
        assert!(e.to_string().contains("header"), "{e}");
    }

    #[test]
    fn keyed_lists_check_keys() {
        let l = List::parse("t.txt", "# h\na\tx\nb\ty\n", Order::SortedKeys).unwrap();
        assert_eq!(l.fields(2).unwrap()[1].1, vec!["b", "y"]);
        assert!(l.fields(3).is_err());
        let l = List::parse("t.txt", "# h\nb\tx\na\ty\n", Order::UniqueKeys).unwrap();
        assert_eq!(l.entries.len(), 2);
        assert!(List::parse("t.txt", "# h\nb\tx\nb\ty\n", Order::UniqueKeys).is_err());
    }
}
