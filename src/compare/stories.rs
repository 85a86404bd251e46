//! Stories: articles grouped by the event they report.
//!
//! **What an article is made of.** Each article is a bag of terms with weights (computed on
//! the worker, [`story_terms`]): its 40 most frequent content words (lower-cased, stop words of
//! `stopwords.txt` dropped, a plural `-s` removed; weight 1 + ln count), the words of its
//! first two lines once more (headline, and the address a web page opens with, without its
//! host), the entities it names (persons and organisations 1 + ln mentions, places and other
//! names half that), the years and the days of the month its dates name, and its amounts.
//!
//! **How alike two articles are.** Terms are weighted by their inverse document frequency
//! over the run (ln((N + 1) / df), so that a term two articles of a run of two share counts); terms in one article only, and terms in more than a tenth of the run's
//! articles (at least ten), are left out. Two articles' similarity is the cosine of their
//! vectors, scaled by how alike each article is to its neighbours: divided by the geometric
//! mean of each one's similarity to its eighth most similar article (local scaling, after
//! Zelnik-Manor and Perona). An article that is a little like many others then links less
//! than one that is much like a few; two events of the same kind (two earthquakes, two
//! signings by one club) stay apart although they share many words.
//!
//! **One event, one story.** Two articles are not linked when they report events of their
//! own: the days their openings give the event ("on Sunday", resolved against publication)
//! differ, and the places each is mostly about (most named, the opening counting double) are
//! named at most once by the other. Another march in another town the next day, another
//! landing at another airport, another quake in another country share nearly every word of
//! the story they follow, and often name it in passing; they are stories of their own. So
//! are two articles published five or more days apart whose openings give days five or more
//! apart, wherever they are: two turns of one long-running saga.
//!
//! **Grouping.** Articles are linked to their 24 most similar articles (cosine at least
//! 0.03; when both have publication dates, at most `--story-days` apart), and the links are
//! merged by average linkage: the two groups with the highest mean scaled similarity (links
//! missing count as zero) merge, as long as that mean is at least [`STORY_LINK`]. One
//! bridging article cannot chain two stories together: it would have to be as close to every
//! article of both, on average, as they are to each other. Then groups whose centroids have
//! a cosine of at least [`STORY_CENTROID`] merge (the parts of a large story). Copies (the
//! same terms and date) are grouped with their first copy and scored once.
//!
//! **Cost.** Similarities come from an inverted index over the terms: an article is compared
//! only with those that share a term, and terms in more than [`CANDIDATE_DF`] articles do not
//! propose candidates (they still count in the cosine of pairs others propose). Time is
//! O(Σ over terms of df × min(df, CANDIDATE_DF)) for the index and O(E log E) for the
//! merging, E ≤ 24 × articles; memory is the term lists (pooled: copies cost nothing) and the
//! links.

use std::collections::BinaryHeap;

use jiff::civil::Date;
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::Error;
use crate::extract::amounts::format_value;
use crate::extract::names::NameKind;
use crate::pipeline::Analysis;
use crate::rules::{List, Order};

/// Days apart from which two articles, by publication and by the day their openings give
/// the event, report two events (one news cycle is a few days).
const OTHER_CYCLE_DAYS: i32 = 5;

/// Mean scaled similarity from which two groups are one story.
pub const STORY_LINK: f64 = 0.75;

/// Centroid cosine from which two groups are parts of one story.
pub const STORY_CENTROID: f64 = 0.6;

/// The neighbour whose similarity scales an article's (the eighth most similar).
const SCALE_RANK: usize = 8;

/// Links kept per article.
const LINKS: usize = 24;

/// Lowest cosine of a link.
const MIN_COSINE: f64 = 0.03;

/// Lowest local scale: in a small run the eighth neighbour may be no relation at all, and a
/// weak likeness must not count as a strong one.
const MIN_SCALE: f64 = 0.2;

/// The weight of a person or organisation against a word (places and other names: half).
const ENTITY_WEIGHT: f32 = 1.0;

/// The factor on the similarity of two articles that share no name, date or figure.
const NOTHING_SPECIFIC: f32 = 0.7;

/// Content words per article.
const TOP_WORDS: usize = 40;

/// Terms in more articles than this propose no candidate pairs.
pub const CANDIDATE_DF: usize = 2000;

/// The stop words and the rules for an article's story terms. Build once, share.
#[derive(Debug)]
pub struct TermRules {
    stop: FxHashSet<&'static str>,
    /// The rules of facts' contexts.
    pub facts: super::context::ContextRules,
}

/// The stop words of `stopwords.txt`: too common in news to tell stories or facts apart.
pub(crate) fn stop_words() -> Result<FxHashSet<&'static str>, Error> {
    Ok(List::parse(
        "compare/stopwords.txt",
        include_str!("stopwords.txt"),
        Order::Sorted,
    )?
    .words()
    .collect())
}

impl TermRules {
    /// Loads the stop words.
    pub fn new() -> Result<TermRules, Error> {
        Ok(TermRules {
            stop: stop_words()?,
            facts: super::context::ContextRules::new()?,
        })
    }

    fn content_word<'w>(&self, w: &'w str) -> Option<&'w str> {
        if w.chars().count() < 3
            || !w.starts_with(|c: char| c.is_alphabetic())
            || self.stop.contains(w)
        {
            return None;
        }
        // A plural -s: "robberies" and "robbery" do not meet, "pirates" and "pirate" do.
        let w = match w.strip_suffix('s') {
            Some(stem) if w.len() > 4 && !w.ends_with("ss") => stem,
            _ => w,
        };
        Some(w)
    }
}

/// The terms an article is grouped by, with their weights (see the module notes).
pub fn story_terms(
    rules: &TermRules,
    text: &str,
    source: &str,
    a: &Analysis,
) -> Vec<(String, f32)> {
    // The outlet naming itself ("(Wireline)" in its datelines) tells no story apart.
    let own = crate::extract::names::entity_key(&source.replace(['-', '_'], " "));
    let mut counts: FxHashMap<String, u32> = FxHashMap::default();
    super::wording::for_each_word(text, |w| {
        if let Some(w) = rules.content_word(w) {
            match counts.get_mut(w) {
                Some(n) => *n += 1,
                None => {
                    counts.insert(w.to_string(), 1);
                }
            }
        }
    });
    // The most frequent words (ties by the word): which, not in what order, since they go
    // into a map; selecting them is linear, sorting every word was not.
    let mut words: Vec<(String, u32)> = counts.into_iter().collect();
    let order = |a: &(String, u32), b: &(String, u32)| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0));
    if words.len() > TOP_WORDS {
        words.select_nth_unstable_by(TOP_WORDS, order);
        words.truncate(TOP_WORDS);
    }
    let mut terms: FxHashMap<String, f32> = FxHashMap::default();
    for (w, c) in words {
        *terms.entry(format!("w:{w}")).or_default() += 1.0 + (c as f32).ln();
    }
    // The first two lines: a headline, an address (its path only: the host is the outlet).
    let head: String = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(2)
        .flat_map(|l| l.split_whitespace())
        .map(|t| match t.find("://") {
            Some(i) => t[i + 3..].find('/').map_or("", |j| &t[i + 3 + j..]),
            None => t,
        })
        .collect::<Vec<_>>()
        .join(" ");
    let mut seen = FxHashSet::default();
    super::wording::for_each_word(&head, |w| {
        if let Some(w) = rules.content_word(w)
            && seen.insert(w.to_string())
        {
            *terms.entry(format!("w:{w}")).or_default() += 1.0;
        }
    });
    for e in &a.names.entities {
        if e.key == own {
            continue;
        }
        let kind = match e.kind {
            NameKind::Person | NameKind::Org | NameKind::Misc => ENTITY_WEIGHT,
            NameKind::Place => ENTITY_WEIGHT / 2.0,
        };
        *terms.entry(format!("e:{}", e.key)).or_default() +=
            kind * (1.0 + (e.mentions.len().max(1) as f32).ln());
    }
    let mut dated = FxHashSet::default();
    for d in &a.dates {
        if !matches!(
            d.kind,
            crate::extract::dates::DateType::Date | crate::extract::dates::DateType::Time
        ) {
            continue;
        }
        let v = d.value.as_bytes();
        if v.len() >= 4 && v[..4].iter().all(u8::is_ascii_digit) {
            dated.insert(format!("y:{}", &d.value[..4]));
        }
        if v.len() >= 10
            && v[4] == b'-'
            && v[7] == b'-'
            && v[5..7].iter().all(u8::is_ascii_digit)
            && v[8..10].iter().all(u8::is_ascii_digit)
        {
            dated.insert(format!("d:{}", &d.value[5..10]));
        }
    }
    for m in &a.amounts {
        if m.unit != "percent" {
            dated.insert(format!("n:{}{}", format_value(m.value), m.unit));
        }
    }
    for t in dated {
        *terms.entry(t).or_default() += 1.0;
    }
    let mut out: Vec<(String, f32)> = terms.into_iter().collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// One article to group: its term ids (sorted) with raw weights, its date, the day its
/// opening gives the event, and the places it names.
pub(crate) struct Node<'a> {
    pub terms: &'a [(u32, f32)],
    pub published: Option<Date>,
    pub day: Option<Date>,
    pub places: Vec<Place>,
}

/// A place an article names: its key id, its mentions, and whether it is named in the
/// article's opening sentences.
pub(crate) struct Place {
    pub key: u32,
    pub mentions: u32,
    pub early: bool,
}

/// The opening sentences (the headline and the lede) that give an article's event day and
/// mark its main place.
pub const EARLY_SENTENCES: u32 = 3;

/// The score from which a place is an article's main place: its mentions, plus
/// [`EARLY_PLACE`] when its opening names it.
const MAIN_PLACE: u32 = 3;

/// What naming a place in the opening adds to its score.
const EARLY_PLACE: u32 = 2;

impl Node<'_> {
    /// The places the article is mostly about: those of the highest score (mentions, and
    /// the opening naming it), when it is at least [`MAIN_PLACE`].
    fn main_places(&self) -> Vec<u32> {
        let score = |p: &Place| p.mentions + if p.early { EARLY_PLACE } else { 0 };
        let best = self.places.iter().map(score).max().unwrap_or(0);
        if best < MAIN_PLACE {
            return Vec::new();
        }
        self.places
            .iter()
            .filter(|p| score(p) == best)
            .map(|p| p.key)
            .collect()
    }

    /// How often the article names the place `key`.
    fn mentions(&self, key: u32) -> u32 {
        self.places
            .iter()
            .find(|p| p.key == key)
            .map_or(0, |p| p.mentions)
    }
}

/// True when two articles report events of their own: each opens on another day, and each
/// is about places the other names at most once (in passing: "the protest followed a march
/// in Vellmouth on Saturday"). Two marches, two landings, two quakes of one week share most
/// of their words; their places and days tell them apart.
fn other_events(a: &Node<'_>, pa: &[u32], b: &Node<'_>, pb: &[u32]) -> bool {
    let (Some(da), Some(db)) = (a.day, b.day) else {
        return false;
    };
    // Published and telling of days a news cycle apart: two events of one long-running
    // saga (an offer to end a shutdown, and the deal that ended it six days later).
    let apart = |x: Date, y: Date| (x - y).get_days().abs() >= OTHER_CYCLE_DAYS;
    if let (Some(pa), Some(pb)) = (a.published, b.published)
        && apart(pa, pb)
        && apart(da, db)
    {
        return true;
    }
    da != db
        && !pa.is_empty()
        && !pb.is_empty()
        && pa.iter().all(|&p| b.mentions(p) <= 1)
        && pb.iter().all(|&p| a.mentions(p) <= 1)
}

/// A merge candidate: groups `a` and `b` with mean link `score`.
#[derive(PartialEq)]
struct Cand {
    score: f64,
    a: u32,
    b: u32,
}

impl Eq for Cand {}

impl Ord for Cand {
    fn cmp(&self, o: &Cand) -> std::cmp::Ordering {
        self.score
            .total_cmp(&o.score)
            // On a tie, the pair of lowest ids first (the heap pops the greatest).
            .then_with(|| (o.a, o.b).cmp(&(self.a, self.b)))
    }
}

impl PartialOrd for Cand {
    fn partial_cmp(&self, o: &Cand) -> Option<std::cmp::Ordering> {
        Some(self.cmp(o))
    }
}

/// Groups `nodes` into stories; returns each node's group (an arbitrary but deterministic
/// representative id).
pub(crate) fn group(nodes: &[Node<'_>], specific: &[bool], story_days: i64) -> Vec<u32> {
    let terms = specific.len();
    let n = nodes.len();
    if n == 0 {
        return Vec::new();
    }
    let mut df = vec![0u32; terms];
    for nd in nodes {
        for &(t, _) in nd.terms {
            df[t as usize] += 1;
        }
    }
    let cap = ((n as f64) * 0.1).max(10.0) as u32;
    let usable = |t: u32| {
        let d = df[t as usize];
        d >= 2 && d <= cap
    };
    // Normalised tf-idf vectors.
    let vecs: Vec<Vec<(u32, f32)>> = nodes
        .par_iter()
        .map(|nd| {
            let mut v: Vec<(u32, f32)> = nd
                .terms
                .iter()
                .filter(|&&(t, _)| usable(t))
                .map(|&(t, w)| (t, w * ((n as f32 + 1.0) / df[t as usize] as f32).ln()))
                .collect();
            let norm = v.iter().map(|x| x.1 * x.1).sum::<f32>().sqrt();
            if norm > 0.0 {
                for x in &mut v {
                    x.1 /= norm;
                }
            }
            v
        })
        .collect();
    let mut postings: Vec<Vec<(u32, f32)>> = vec![Vec::new(); terms];
    for (i, v) in vecs.iter().enumerate() {
        for &(t, w) in v {
            postings[t as usize].push((i as u32, w));
        }
    }
    let main: Vec<Vec<u32>> = nodes.iter().map(Node::main_places).collect();
    if std::env::var_os("NEWSRAKE_DEBUG_STORIES").is_some() {
        for (i, nd) in nodes.iter().enumerate() {
            eprintln!("node {i} place {:?} day {:?}", main[i], nd.day);
        }
    }
    let near = |i: usize, j: usize| {
        let dated = match (nodes[i].published, nodes[j].published) {
            (Some(x), Some(y)) => i64::from((x - y).get_days().abs()) <= story_days,
            _ => true,
        };
        dated && !other_events(&nodes[i], &main[i], &nodes[j], &main[j])
    };
    // Each node's most similar nodes, by cosine.
    let neighbours: Vec<Vec<(f32, u32)>> = (0..n)
        .into_par_iter()
        .map_init(
            || (vec![0f32; n], vec![false; n], Vec::<u32>::new()),
            |(acc, shares, touched), i| {
                for &(t, w) in &vecs[i] {
                    let p = &postings[t as usize];
                    if p.len() > CANDIDATE_DF {
                        continue;
                    }
                    for &(j, wj) in p {
                        if j as usize == i {
                            continue;
                        }
                        if acc[j as usize] == 0.0 {
                            touched.push(j);
                        }
                        acc[j as usize] += w * wj;
                        if specific[t as usize] {
                            shares[j as usize] = true;
                        }
                    }
                }
                // Two reports of one event share a name, a date or a figure, not only the
                // words of its kind ("quake", "magnitude", "epicentre").
                let mut best: Vec<(f32, u32)> = touched
                    .iter()
                    .map(|&j| {
                        let s = acc[j as usize];
                        (
                            if shares[j as usize] {
                                s
                            } else {
                                s * NOTHING_SPECIFIC
                            },
                            j,
                        )
                    })
                    .filter(|&(s, j)| f64::from(s) >= MIN_COSINE && near(i, j as usize))
                    .collect();
                for &j in touched.iter() {
                    acc[j as usize] = 0.0;
                    shares[j as usize] = false;
                }
                touched.clear();
                best.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
                best.truncate(LINKS);
                best
            },
        )
        .collect();
    let scale: Vec<f64> = neighbours
        .iter()
        .map(|b| {
            let s = b
                .get(SCALE_RANK - 1)
                .or(b.last())
                .map_or(MIN_SCALE, |x| f64::from(x.0));
            s.max(MIN_SCALE)
        })
        .collect();
    // Links, once per pair, with their scaled similarity.
    let mut links: FxHashMap<(u32, u32), f64> = FxHashMap::default();
    for (i, b) in neighbours.iter().enumerate() {
        for &(s, j) in b {
            let key = (i.min(j as usize) as u32, i.max(j as usize) as u32);
            links
                .entry(key)
                .or_insert(f64::from(s) / (scale[i] * scale[j as usize]).sqrt());
        }
    }
    if std::env::var_os("NEWSRAKE_DEBUG_STORIES").is_some() {
        let mut v: Vec<_> = links.iter().collect();
        v.sort_by(|a, b| a.0.cmp(b.0));
        for ((a, b), s) in v {
            eprintln!(
                "link {a} {b} scaled {s:.3} scale {:.3} {:.3}",
                scale[*a as usize], scale[*b as usize]
            );
        }
    }
    let mut group = average_linkage(n, &links, STORY_LINK);
    if std::env::var_os("NEWSRAKE_DEBUG_STORIES").is_some() {
        eprintln!("avg groups {group:?}");
    }
    merge_centroids(&vecs, &links, &mut group, STORY_CENTROID);
    group
}

/// Average-linkage merging over the sparse links: returns each node's group id.
fn average_linkage(n: usize, links: &FxHashMap<(u32, u32), f64>, threshold: f64) -> Vec<u32> {
    let mut sums: Vec<FxHashMap<u32, f64>> = vec![FxHashMap::default(); n];
    let mut pairs: Vec<(&(u32, u32), &f64)> = links.iter().collect();
    pairs.sort_by(|a, b| a.0.cmp(b.0));
    for (&(a, b), &s) in pairs {
        sums[a as usize].insert(b, s);
        sums[b as usize].insert(a, s);
    }
    let mut size = vec![1u32; n];
    let mut alive = vec![true; n];
    let mut heap: BinaryHeap<Cand> = BinaryHeap::new();
    for (a, m) in sums.iter().enumerate() {
        for (&b, &s) in m {
            if (a as u32) < b && s >= threshold {
                heap.push(Cand {
                    score: s,
                    a: a as u32,
                    b,
                });
            }
        }
    }
    let mut parent: Vec<u32> = (0..n as u32).collect();
    while let Some(Cand { score, a, b }) = heap.pop() {
        let (ai, bi) = (a as usize, b as usize);
        if !alive[ai] || !alive[bi] {
            continue;
        }
        let now =
            sums[ai].get(&b).copied().unwrap_or(0.0) / (f64::from(size[ai]) * f64::from(size[bi]));
        if (now - score).abs() > 1e-9 {
            continue; // stale: the groups changed since
        }
        // Merge b into a (the lower id stays).
        alive[bi] = false;
        parent[bi] = a;
        let moved = std::mem::take(&mut sums[bi]);
        sums[ai].remove(&b);
        let mut moved: Vec<(u32, f64)> = moved.into_iter().filter(|&(k, _)| k != a).collect();
        moved.sort_by_key(|x| x.0);
        for (k, s) in moved {
            *sums[ai].entry(k).or_default() += s;
            let total = sums[ai][&k];
            let m = &mut sums[k as usize];
            m.remove(&b);
            m.insert(a, total);
        }
        size[ai] += size[bi];
        let mut next: Vec<(u32, f64)> = sums[ai].iter().map(|(&k, &s)| (k, s)).collect();
        next.sort_by_key(|x| x.0);
        for (k, s) in next {
            let mean = s / (f64::from(size[ai]) * f64::from(size[k as usize]));
            if mean >= threshold {
                heap.push(Cand {
                    score: mean,
                    a: a.min(k),
                    b: a.max(k),
                });
            }
        }
    }
    (0..n as u32).map(|i| root(&mut parent, i)).collect()
}

fn root(parent: &mut [u32], mut i: u32) -> u32 {
    while parent[i as usize] != i {
        parent[i as usize] = parent[parent[i as usize] as usize];
        i = parent[i as usize];
    }
    i
}

/// Merges groups linked by some link whose centroids have a cosine of at least `threshold`.
fn merge_centroids(
    vecs: &[Vec<(u32, f32)>],
    links: &FxHashMap<(u32, u32), f64>,
    group: &mut [u32],
    threshold: f64,
) {
    let mut centroids: FxHashMap<u32, FxHashMap<u32, f64>> = FxHashMap::default();
    for (i, v) in vecs.iter().enumerate() {
        let c = centroids.entry(group[i]).or_default();
        for &(t, w) in v {
            *c.entry(t).or_default() += f64::from(w);
        }
    }
    let norm: FxHashMap<u32, f64> = centroids
        .iter()
        .map(|(&g, c)| (g, c.values().map(|x| x * x).sum::<f64>().sqrt()))
        .collect();
    let mut pairs: Vec<(u32, u32)> = links
        .keys()
        .map(|&(a, b)| (group[a as usize], group[b as usize]))
        .filter(|(a, b)| a != b)
        .map(|(a, b)| (a.min(b), a.max(b)))
        .collect();
    pairs.sort_unstable();
    pairs.dedup();
    let mut parent: FxHashMap<u32, u32> = FxHashMap::default();
    fn find(p: &mut FxHashMap<u32, u32>, mut x: u32) -> u32 {
        while let Some(&y) = p.get(&x) {
            if y == x {
                break;
            }
            x = y;
        }
        x
    }
    for (a, b) in pairs {
        let (ca, cb) = (&centroids[&a], &centroids[&b]);
        let (small, large) = if ca.len() < cb.len() {
            (ca, cb)
        } else {
            (cb, ca)
        };
        let dot: f64 = small
            .iter()
            .map(|(t, w)| w * large.get(t).copied().unwrap_or(0.0))
            .sum();
        let cos = dot / (norm[&a] * norm[&b]).max(f64::MIN_POSITIVE);
        if cos >= threshold {
            let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
            if ra != rb {
                parent.insert(ra.max(rb), ra.min(rb));
            }
        }
    }
    for g in group.iter_mut() {
        *g = find(&mut parent, *g);
    }
}
