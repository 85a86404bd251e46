//! Aligning facts across the articles of a story: which values answer the same question.
//!
//! Facts are aligned the way quotations are, by what their sentences say: two facts of
//! compatible types (a count with a count, a distance with a distance after unit conversion,
//! a date with a date) score the cosine of their IDF-weighted contexts (see [`context`]),
//! moved up or down by what the extractors resolved (the same attribute, event, subject or
//! counted noun; values that agree; other qualifiers; background about another incident).
//! The weights and thresholds are data (`alignment.txt`).
//!
//! **Matching.** Within an article, facts that align and agree are one fact told twice (the
//! headline and the lede). Across articles, pairs are taken best score first, and two groups
//! join only when they hold no article in common, so each article gives at most one fact (or
//! one repeated fact) to a finding: a one-to-one matching for each pair of articles. Pairs
//! below `align` are never joined.
//!
//! [`context`]: super::context

use crate::Error;
use crate::rules::{List, Order};

/// The alignment's weights and thresholds (`alignment.txt`).
#[derive(Clone, Debug, PartialEq)]
pub struct Weights {
    /// Lowest score at which two facts are aligned.
    pub align: f32,
    /// Lowest score at which two aligned facts with incompatible values contradict.
    pub strong: f32,
    /// Lowest cosine of their contexts at which two facts can contradict: the resolved
    /// attribute and subject alone never make a contradiction.
    pub min_context: f32,
    /// Lowest cosine of their contexts at which two dates of one event can contradict.
    pub date_context: f32,
    /// Lowest cosine of their contexts at which an outlet's two values contradict each other.
    pub self_context: f32,
    /// Lowest score at which two facts of one article with incompatible values are one fact
    /// told twice, differently (the outlet contradicting itself).
    pub self_strong: f32,
    /// Added for the same attribute (neither a mention).
    pub same_attribute: f32,
    /// Added for different attributes (neither a mention).
    pub other_attribute: f32,
    /// Added when one fact answers an attribute and the other is a mention (no cue).
    pub mention: f32,
    /// Lowest score at which a mention (a value no cue names) contradicts: it must align
    /// by its sentence's words alone, much more strongly than a cued fact.
    pub mention_strong: f32,
    /// Lowest cosine of their contexts (beyond the counted noun) at which a mention
    /// contradicts.
    pub mention_context: f32,
    /// Added for the same event class.
    pub same_event: f32,
    /// Added for different event classes.
    pub other_event: f32,
    /// Added for the same subject.
    pub same_subject: f32,
    /// Added for different subjects, neither named beside the other.
    pub other_subject: f32,
    /// Added for different counted nouns.
    pub other_noun: f32,
    /// Added for values that can both be right.
    pub compatible_values: f32,
    /// Added, besides `compatible_values`, for one specific value in both (a clock time, a
    /// day, a figure of several digits).
    pub same_specific: f32,
    /// Added for different qualifiers near the values.
    pub other_qualifiers: f32,
    /// Added when each fact is the only value of its kind in its article (one clock time,
    /// one percentage, one count of its noun).
    pub only_of_kind: f32,
    /// Added when one fact is background about another incident and the other is not.
    pub background: f32,
    /// Facts of one story aligned at most; beyond, each stands alone (with a warning).
    pub max_facts: usize,
}

impl Weights {
    /// The built-in weights.
    pub fn builtin() -> Result<Weights, Error> {
        Weights::parse("compare/alignment.txt", include_str!("alignment.txt"))
    }

    fn parse(name: &'static str, text: &'static str) -> Result<Weights, Error> {
        let list = List::parse(name, text, Order::SortedKeys)?;
        let mut w = Weights {
            align: f32::NAN,
            strong: f32::NAN,
            min_context: f32::NAN,
            date_context: f32::NAN,
            self_context: f32::NAN,
            self_strong: f32::NAN,
            same_attribute: f32::NAN,
            other_attribute: f32::NAN,
            mention: f32::NAN,
            mention_strong: f32::NAN,
            mention_context: f32::NAN,
            same_event: f32::NAN,
            other_event: f32::NAN,
            same_subject: f32::NAN,
            other_subject: f32::NAN,
            other_noun: f32::NAN,
            compatible_values: f32::NAN,
            same_specific: f32::NAN,
            other_qualifiers: f32::NAN,
            only_of_kind: f32::NAN,
            background: f32::NAN,
            max_facts: 0,
        };
        for (line, f) in list.fields(2)? {
            let v: f32 = f[1]
                .parse()
                .map_err(|_| Error::rule(name, line, format!("{:?} is no number", f[1])))?;
            let slot = match f[0] {
                "align" => &mut w.align,
                "strong" => &mut w.strong,
                "min_context" => &mut w.min_context,
                "date_context" => &mut w.date_context,
                "self_context" => &mut w.self_context,
                "self_strong" => &mut w.self_strong,
                "same_attribute" => &mut w.same_attribute,
                "other_attribute" => &mut w.other_attribute,
                "mention" => &mut w.mention,
                "mention_strong" => &mut w.mention_strong,
                "mention_context" => &mut w.mention_context,
                "same_event" => &mut w.same_event,
                "other_event" => &mut w.other_event,
                "same_subject" => &mut w.same_subject,
                "other_subject" => &mut w.other_subject,
                "other_noun" => &mut w.other_noun,
                "compatible_values" => &mut w.compatible_values,
                "same_specific" => &mut w.same_specific,
                "other_qualifiers" => &mut w.other_qualifiers,
                "only_of_kind" => &mut w.only_of_kind,
                "background" => &mut w.background,
                "max_facts" => {
                    w.max_facts = v as usize;
                    continue;
                }
                k => return Err(Error::rule(name, line, format!("unknown weight {k:?}"))),
            };
            *slot = v;
        }
        let all = [
            w.align,
            w.strong,
            w.min_context,
            w.date_context,
            w.self_context,
            w.self_strong,
            w.same_attribute,
            w.other_attribute,
            w.mention,
            w.mention_strong,
            w.mention_context,
            w.same_event,
            w.other_event,
            w.same_subject,
            w.other_subject,
            w.other_noun,
            w.compatible_values,
            w.same_specific,
            w.other_qualifiers,
            w.only_of_kind,
            w.background,
        ];
        if all.iter().any(|v| v.is_nan()) || w.max_facts == 0 {
            return Err(Error::rule(name, 1, "a weight is missing"));
        }
        Ok(w)
    }
}

/// A pair of facts that align: their indices and score.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Edge {
    /// One fact.
    pub a: usize,
    /// The other.
    pub b: usize,
    /// How well they align.
    pub score: f32,
}

/// Groups `article.len()` facts into findings, given the pairs that align (score at least
/// `align`). `article[i]` and `sentence[i]` say where fact `i` is; `agree(i, j)` says
/// whether two facts' values can both be right. Two values of one sentence that disagree are
/// two facts, however alike their words. Findings come in the order of their first fact,
/// each sorted.
pub fn cluster(
    article: &[usize],
    sentence: &[usize],
    mut edges: Vec<Edge>,
    w: &Weights,
    agree: impl Fn(usize, usize) -> bool,
) -> Vec<Vec<usize>> {
    let n = article.len();
    let mut parent: Vec<usize> = (0..n).collect();
    let mut arts: Vec<Vec<usize>> = article.iter().map(|&a| vec![a]).collect();
    edges.retain(|e| e.score >= w.align && e.a != e.b);
    edges.sort_by(|x, y| {
        y.score
            .total_cmp(&x.score)
            .then_with(|| (x.a, x.b).cmp(&(y.a, y.b)))
    });
    fn root(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    // One article: the same fact told twice (or, very strongly aligned, told differently:
    // two groups each of one value told alike, in no sentence in common, so that a chain of
    // strong pairs never gathers an article's several figures into one finding).
    let mut plain = vec![true; n];
    let mut said: Vec<Vec<usize>> = sentence.iter().map(|&s| vec![s]).collect();
    for e in edges.iter().filter(|e| article[e.a] == article[e.b]) {
        let (x, y) = (root(&mut parent, e.a), root(&mut parent, e.b));
        if x == y {
            continue;
        }
        let alike = agree(e.a, e.b);
        if alike || e.score >= w.self_strong && plain[x] && plain[y] && disjoint(&said[x], &said[y])
        {
            join(&mut parent, &mut arts, x, y);
            plain[x] = plain[x] && plain[y] && alike;
            let moved = std::mem::take(&mut said[y]);
            said[x].extend(moved);
            said[x].sort_unstable();
            said[x].dedup();
        }
    }
    // Across articles: best first, never two groups of one article.
    for e in edges.iter().filter(|e| article[e.a] != article[e.b]) {
        let (x, y) = (root(&mut parent, e.a), root(&mut parent, e.b));
        if x != y && disjoint(&arts[x], &arts[y]) {
            join(&mut parent, &mut arts, x, y);
        }
    }
    let mut at: Vec<Option<usize>> = vec![None; n];
    let mut out: Vec<Vec<usize>> = Vec::new();
    for i in 0..n {
        let r = root(&mut parent, i);
        match at[r] {
            Some(k) => out[k].push(i),
            None => {
                at[r] = Some(out.len());
                out.push(vec![i]);
            }
        }
    }
    out
}

fn disjoint(a: &[usize], b: &[usize]) -> bool {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => return false,
        }
    }
    true
}

/// Joins group root `y` into root `x`, with its articles.
fn join(parent: &mut [usize], arts: &mut [Vec<usize>], x: usize, y: usize) {
    parent[y] = x;
    let moved = std::mem::take(&mut arts[y]);
    arts[x].extend_from_slice(&moved);
    arts[x].sort_unstable();
    arts[x].dedup();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(a: usize, b: usize, score: f32) -> Edge {
        Edge { a, b, score }
    }

    #[test]
    fn the_builtin_weights_parse() {
        let w = Weights::builtin().unwrap();
        assert!(w.align > 0.0 && w.align < w.strong && w.strong <= w.self_strong);
        assert!(Weights::parse("t.txt", "# h\nalign\t0.3\n").is_err());
        assert!(Weights::parse("t.txt", "# h\nalign\tx\n").is_err());
    }

    #[test]
    fn each_article_gives_one_fact_to_a_finding_best_first() {
        let w = Weights::builtin().unwrap();
        // Facts 0, 1 in article 0; 2, 3 in article 1. 0–2 is the best pair, so 1 cannot also
        // join 2, and takes 3.
        let got = cluster(
            &[0, 0, 1, 1],
            &[0, 1, 2, 3],
            vec![e(0, 2, 0.9), e(1, 2, 0.8), e(1, 3, 0.5)],
            &w,
            |_, _| false,
        );
        assert_eq!(got, vec![vec![0, 2], vec![1, 3]]);
    }

    #[test]
    fn a_fact_told_twice_in_one_article_is_one_and_weak_pairs_stay_apart() {
        let w = Weights::builtin().unwrap();
        // 0 and 1 repeat one value in article 0; both meet 2 in article 1.
        let got = cluster(
            &[0, 0, 1, 2],
            &[0, 1, 2, 3],
            vec![e(0, 1, 0.5), e(1, 2, 0.6), e(0, 3, w.align / 2.0)],
            &w,
            |a, b| (a, b) == (0, 1),
        );
        assert_eq!(got, vec![vec![0, 1, 2], vec![3]]);
        // Two values of one article that disagree stay apart unless very strongly aligned.
        let got = cluster(&[0, 0], &[0, 1], vec![e(0, 1, w.strong)], &w, |_, _| false);
        assert_eq!(got.len(), 2);
        let got = cluster(
            &[0, 0],
            &[0, 1],
            vec![e(0, 1, w.self_strong)],
            &w,
            |_, _| false,
        );
        assert_eq!(got.len(), 1);
        // ... but never two values of one sentence ("said on Monday it would close in July").
        let got = cluster(&[0, 0], &[0, 0], vec![e(0, 1, 1.0)], &w, |_, _| false);
        assert_eq!(got.len(), 2);
    }
}
