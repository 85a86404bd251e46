//! The pattern language of `patterns.txt`: compiling patterns and matching them on tokens.

use super::lexer::{Cat, Shape, Tok};
use crate::Error;

/// One alternative of an element.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Alt {
    Cat(Cat),
    /// A literal word, by its id in the lexicon (see `lexer::Word::lit`).
    Lit(u16),
}

/// One element of a pattern.
#[derive(Clone, Debug)]
pub(crate) struct Elem {
    pub alts: Vec<Alt>,
    pub optional: bool,
    /// Context: must match next to the expression, not part of it.
    pub context: bool,
}

/// A compiled pattern.
#[derive(Clone, Debug)]
pub(crate) struct Pattern {
    pub name: &'static str,
    pub action: &'static str,
    pub elems: Vec<Elem>,
    /// `text => value`, run by the tests.
    #[cfg_attr(not(test), allow(dead_code))]
    pub example: &'static str,
    /// Categories that can stand at the first token of a match.
    pub first_cats: u64,
    /// Literals (ids) that can stand at the first token of a match.
    pub first_lits: Vec<u16>,
}

impl Pattern {
    /// Parses the pattern column of `patterns.txt`; `intern` gives each literal its id.
    pub(crate) fn parse(
        file: &'static str,
        line: usize,
        [name, action, src, example]: [&'static str; 4],
        intern: &mut dyn FnMut(&'static str) -> u16,
    ) -> Result<Pattern, Error> {
        let mut elems = Vec::new();
        let parts: Vec<&'static str> = src.split(' ').filter(|s| !s.is_empty()).collect();
        for (k, part) in parts.iter().enumerate() {
            let mut p: &'static str = part;
            let mut context = false;
            if let Some(inner) = p.strip_prefix('<').and_then(|x| x.strip_suffix('>')) {
                if k != 0 && k != parts.len() - 1 {
                    return Err(Error::rule(
                        file,
                        line,
                        "context <...> only at the start or the end",
                    ));
                }
                context = true;
                p = inner;
            }
            let optional = p.len() > 1 && p.ends_with('?');
            if optional {
                p = &p[..p.len() - 1];
            }
            let mut alts = Vec::new();
            for a in p.split('|') {
                if a.is_empty() {
                    return Err(Error::rule(
                        file,
                        line,
                        format!("empty alternative in {part:?}"),
                    ));
                }
                let upper = a.len() > 1 && a.chars().all(|c| c.is_ascii_uppercase() || c == '_');
                if upper {
                    let cat = Cat::from_name(a).ok_or_else(|| {
                        Error::rule(file, line, format!("unknown category {a:?}"))
                    })?;
                    alts.push(Alt::Cat(cat));
                } else {
                    alts.push(Alt::Lit(intern(a)));
                }
            }
            elems.push(Elem {
                alts,
                optional,
                context,
            });
        }
        if elems.iter().all(|e| e.context || e.optional) {
            return Err(Error::rule(file, line, "pattern matches nothing"));
        }
        let (mut first_cats, mut first_lits) = (0u64, Vec::new());
        for e in elems.iter().skip_while(|e| e.context) {
            for a in &e.alts {
                match a {
                    Alt::Cat(c) => first_cats |= c.bit(),
                    Alt::Lit(l) => first_lits.push(*l),
                }
            }
            if !e.optional {
                break;
            }
        }
        Ok(Pattern {
            name,
            action,
            elems,
            example,
            first_cats,
            first_lits,
        })
    }
}

/// What a category element bound to: the category and the token index.
pub(crate) type Binds = Vec<(Cat, usize)>;

/// Whether token `i` of `toks` fits `cat` (from the mask the lexer computed).
pub(crate) fn fits(toks: &[Tok<'_>], i: usize, cat: Cat) -> bool {
    toks[i].mask & cat.bit() != 0
}

/// Whether token `i` fits a shape category (computed once per token by the lexer). For MONTH
/// it says whether a month word is really a month here.
pub(crate) fn fits_shape(toks: &[Tok<'_>], i: usize, cat: Cat) -> bool {
    let t = &toks[i];
    match cat {
        Cat::Year => match t.shape {
            Shape::Int {
                v,
                digits: 4,
                money: false,
            } => {
                // Not money ("£2020"), a count ("2020 people", "2020%"), or a phone number.
                let before = i.checked_sub(1).map(|j| toks[j].shape);
                let after_money = matches!(before, Some(Shape::Punct('$' | '£' | '€' | '#')));
                let after_number = matches!(before, Some(Shape::Int { .. }));
                let counted = toks.get(i + 1).is_some_and(|n| {
                    n.entry(Cat::Counted).is_some()
                        || matches!(n.shape, Shape::Punct('%') | Shape::Int { .. })
                });
                (1000..=2199).contains(&v) && !(after_money || after_number || counted)
            }
            _ => false,
        },
        Cat::Day => match t.shape {
            Shape::Int {
                v,
                digits: 1..=2,
                money: false,
            } => (1..=31).contains(&v),
            Shape::OrdNum(v) => (1..=31).contains(&v),
            _ => t.entry(Cat::Ord).is_some_and(|e| (1..=31).contains(&e.num)),
        },
        Cat::OrdDay => match t.shape {
            Shape::OrdNum(v) => (1..=31).contains(&v),
            _ => t.entry(Cat::Ord).is_some_and(|e| (1..=31).contains(&e.num)),
        },
        Cat::Num => {
            matches!(
                t.shape,
                Shape::Int { money: false, .. } | Shape::Decimal(_) | Shape::Grouped(_)
            ) || t.numword.is_some()
                || t.entry(Cat::NumWord).is_some()
        }
        // "Jan" without its stop is a month only before a number ("Jan 5"), not in "Jan Kavan".
        Cat::Month => {
            t.entry(cat).is_some()
                && (t.text.len() > 4
                    || t.text.ends_with('.')
                    || matches!(t.text, "May" | "June" | "July")
                    || toks
                        .get(i + 1)
                        .is_some_and(|n| matches!(n.shape, Shape::Int { .. } | Shape::OrdNum(_))))
        }
        Cat::Int => matches!(
            t.shape,
            Shape::Int {
                v: 0..=24,
                digits: 1..=2,
                money: false
            }
        ),
        Cat::Iso => matches!(t.shape, Shape::Iso(..)),
        Cat::Slash => matches!(t.shape, Shape::Slash(..)),
        Cat::Clock => matches!(t.shape, Shape::Clock(..)),
        Cat::Hms => matches!(t.shape, Shape::Hms(..)),
        Cat::Decade => matches!(t.shape, Shape::Decade(..)),
        Cat::Qn => matches!(t.shape, Shape::Qn(_)),
        _ => false,
    }
}

fn alt_fits(toks: &[Tok<'_>], i: usize, alt: &Alt) -> bool {
    match alt {
        Alt::Cat(c) => fits(toks, i, *c),
        Alt::Lit(l) => toks[i].lit == *l,
    }
}

/// The first alternative of `e` that fits token `i`.
fn elem_fits<'p>(toks: &[Tok<'_>], i: usize, e: &'p Elem) -> Option<&'p Alt> {
    e.alts.iter().find(|a| alt_fits(toks, i, a))
}

/// Matches `p` with its first non-context element at token `start`. Returns the end token
/// (exclusive) and the category bindings.
/// `scratch` holds the bindings while matching, so that a failed attempt allocates nothing.
pub(crate) fn match_at(
    p: &Pattern,
    toks: &[Tok<'_>],
    start: usize,
    scratch: &mut Binds,
) -> Option<(usize, Binds)> {
    let t = &toks[start];
    // An expression never starts at a comma ("WASHINGTON, March 12": the optional comma of
    // "Monday, March 12" without its weekday); the match starts at the next token.
    if t.shape == Shape::Punct(',') {
        return None;
    }
    if t.mask & p.first_cats == 0 && (t.lit == 0 || !p.first_lits.contains(&t.lit)) {
        return None;
    }
    let mut elems: &[Elem] = &p.elems;
    if let Some(first) = elems.first()
        && first.context
    {
        let mut j = start.checked_sub(1)?;
        if toks[j].shape == Shape::Punct('-') {
            j = j.checked_sub(1)?;
        }
        elem_fits(toks, j, first)?;
        elems = &elems[1..];
    }
    let mut right: Option<&Elem> = None;
    if let Some(last) = elems.last()
        && last.context
    {
        right = Some(last);
        elems = &elems[..elems.len() - 1];
    }
    scratch.clear();
    let end = walk(elems, toks, start, scratch, right)?;
    if end == start {
        return None;
    }
    Some((end, scratch.clone()))
}

fn walk(
    elems: &[Elem],
    toks: &[Tok<'_>],
    i: usize,
    binds: &mut Binds,
    right: Option<&Elem>,
) -> Option<usize> {
    let Some((e, rest)) = elems.split_first() else {
        if let Some(r) = right {
            if i >= toks.len() {
                return None;
            }
            elem_fits(toks, i, r)?;
        }
        return Some(i);
    };
    if i < toks.len()
        && let Some(a) = elem_fits(toks, i, e)
    {
        let mark = binds.len();
        if let Alt::Cat(c) = a {
            binds.push((*c, i));
        }
        if let Some(end) = walk(rest, toks, i + 1, binds, right) {
            return Some(end);
        }
        binds.truncate(mark);
    }
    if e.optional {
        return walk(rest, toks, i, binds, right);
    }
    None
}
