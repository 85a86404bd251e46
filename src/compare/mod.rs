//! Comparing sources: stories, and what the outlets of a story agree and disagree on.
//!
//! Workers reduce every article to a [`Digest`] (its entity keys, claims, quotations and a
//! narration [`Sketch`]); the writer thread feeds the digests to a [`Comparer`], which keeps
//! only compact state: pooled keys and names, claim values, quotation texts and a sketch of
//! at most 256 bytes per article. Nothing else of the text read is kept.
//!
//! **Stories.** Each article is a vector of the entities it names: a person or an
//! organisation weighs 1, a place or any other name 0.5, times a rarity factor — 1 for an
//! entity named in at most 10 articles (or 0.5 % of the run, if more), falling with the
//! logarithm of its article count to 0 at ten times that, so that countries, capitals and the
//! names in every article of a large run count little or nothing. Two articles are in the same
//! story when the entities they share weigh at least [`STORY_THRESHOLD`] (two persons or
//! organisations, or one and a place), the cosine similarity of their vectors is at least
//! [`STORY_COSINE`], and, when both have a publication date, those dates are at most
//! `story_days` apart. Stories are the connected components of that relation (union-find over
//! the articles in input order), numbered by their first article. Only stories with articles
//! from at least two sources are compared.
//!
//! **Memory.** The state kept per article is a few numbers; strings, entity lists, claim
//! lists, quotation lists and sketches are pooled, so each distinct one is stored once.
//!
//! **Tables.** `stories`, `compare_names`, `compare_quotes` and `compare_claims` (wide: one
//! column per source, sources in sorted order), and `comparison.md`, a digest per story.

mod report;
mod table;
pub mod values;
mod view;
pub mod wording;

use std::hash::{BuildHasher, Hash};
use std::path::{Path, PathBuf};

use jiff::civil::Date;
use rustc_hash::{FxBuildHasher, FxHashMap};

use crate::Error;
use crate::extract::claims::ClaimValue;
use crate::extract::names::NameKind;
use crate::input::Article;
use crate::output::{Format, Pending, Table};
use crate::pipeline::Analysis;
use crate::span::Span;
use values::{Value, period, show_amount, show_date};
use wording::Sketch;

/// The weight of shared entities from which two articles are one story.
pub const STORY_THRESHOLD: f64 = 1.5;

/// Entities in at most this many articles (or 0.5 % of the run, if more) weigh fully.
const COMMON_FLOOR: f64 = 10.0;

/// The cosine similarity of their weighted entity vectors from which two articles are one
/// story: articles naming many people do not join on two incidental names, and long chains
/// of loosely related articles do not form.
pub const STORY_COSINE: f64 = 0.3;

/// At most this many distinct wordings in one story are compared pairwise for similarity;
/// beyond it only equal wordings are grouped (a guard against quadratic time on huge stories).
const MAX_FUZZY_WORDINGS: usize = 2000;

/// An entity of one article, for comparison.
#[derive(Clone, Debug)]
pub struct DigestEntity {
    /// Cross-article key.
    pub key: String,
    /// Name as written (the entity's canonical name in the article).
    pub name: String,
    /// Kind.
    pub kind: NameKind,
    /// Mentions in the article.
    pub mentions: u32,
}

/// The kind of a claim's value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ValueType {
    /// A date (TIMEX3 value).
    Date,
    /// An amount with a unit.
    Amount,
}

impl ValueType {
    /// The name written in the tables.
    pub fn name(self) -> &'static str {
        match self {
            ValueType::Date => "date",
            ValueType::Amount => "amount",
        }
    }
}

/// A claim of one article, for comparison.
#[derive(Clone, Debug)]
pub struct DigestClaim {
    /// The subject's key.
    pub subject_key: String,
    /// The subject's name.
    pub subject: String,
    /// Keys of the entities named in the claim's sentence.
    pub entities: Vec<String>,
    /// Event type.
    pub event: &'static str,
    /// Date or amount.
    pub value_type: ValueType,
    /// The unit (amounts only).
    pub unit: String,
    /// The value as shown in tables.
    pub shown: String,
    /// The comparable value.
    pub value: Value,
}

/// A quotation of one article, for comparison.
#[derive(Clone, Debug)]
pub struct DigestQuote {
    /// The quoted words as written.
    pub text: String,
    /// The speaker: the entity's name when resolved, else as written at the attribution.
    pub speaker: String,
}

/// What the comparison needs of one article.
#[derive(Clone, Debug)]
pub struct Digest {
    /// The outlet.
    pub source: String,
    /// The headline.
    pub title: String,
    /// The publication date.
    pub published: Option<Date>,
    /// Entities, in the article's order.
    pub entities: Vec<DigestEntity>,
    /// Claims that have a subject.
    pub claims: Vec<DigestClaim>,
    /// Rows written to `claims` for the article (claims with and without subject).
    pub claim_rows: usize,
    /// Quotations (each contiguous quoted span).
    pub quotes: Vec<DigestQuote>,
    /// Sketch of the narration.
    pub sketch: Sketch,
}

impl Digest {
    /// Reduces an analysed article to what the comparison needs.
    pub fn new(article: &Article, a: &Analysis) -> Digest {
        let text = &article.text;
        let entities = a
            .names
            .entities
            .iter()
            .map(|e| DigestEntity {
                key: e.key.clone(),
                name: e.name.clone(),
                kind: e.kind,
                mentions: e.mentions.len() as u32,
            })
            .collect();
        let claims = a
            .claims
            .iter()
            .filter_map(|c| {
                let e = &a.names.entities[c.subject?];
                let (value_type, unit, shown, value) = match c.value {
                    ClaimValue::Date(i) => {
                        let d = &a.dates[i];
                        let (lo, hi) = period(&d.value, d.modifier)?;
                        (
                            ValueType::Date,
                            String::new(),
                            show_date(&d.value, d.modifier),
                            Value::Date { lo, hi },
                        )
                    }
                    ClaimValue::Amount(i) => {
                        let m = &a.amounts[i];
                        (
                            ValueType::Amount,
                            m.unit.clone(),
                            show_amount(m.value, m.bound),
                            Value::Amount {
                                value: m.value,
                                bound: m.bound,
                            },
                        )
                    }
                };
                let sentence = a.segmentation.sentences[c.sentence].span;
                let mut entities: Vec<String> = a
                    .names
                    .mentions
                    .iter()
                    .filter(|m| sentence.contains(m.span))
                    .map(|m| a.names.entities[m.entity].key.clone())
                    .collect();
                entities.sort();
                entities.dedup();
                Some(DigestClaim {
                    entities,
                    subject_key: e.key.clone(),
                    subject: e.name.clone(),
                    event: c.event,
                    value_type,
                    unit,
                    shown,
                    value,
                })
            })
            .collect();
        let quotes = a
            .quotes
            .iter()
            .map(|q| DigestQuote {
                text: q.span.slice(text).to_string(),
                speaker: q
                    .speaker_entity
                    .map(|e| a.names.entities[e].name.clone())
                    .or_else(|| q.speaker.map(|s| s.slice(text).to_string()))
                    .unwrap_or_default(),
            })
            .collect();
        let mut quoted: Vec<Span> = a.quotes.iter().map(|q| q.span).collect();
        quoted.sort_by_key(|s| (s.start(), s.end()));
        Digest {
            source: article.source.clone(),
            title: article.title.clone(),
            published: article.published.as_ref().map(|p| p.date),
            entities,
            claims,
            claim_rows: a.claims.len(),
            quotes,
            sketch: Sketch::of_narration(text, &quoted),
        }
    }
}

/// Values stored once and referred to by number: the same string, entity list, claim list,
/// quotation list or sketch (syndicated copy, repeated names) costs its bytes only once.
#[derive(Debug)]
struct Pool<T> {
    /// First id of each hash; further ids with that hash are chained in `next`.
    first: FxHashMap<u64, u32>,
    next: Vec<u32>,
    list: Vec<T>,
}

impl<T> Default for Pool<T> {
    fn default() -> Pool<T> {
        Pool {
            first: FxHashMap::default(),
            next: Vec::new(),
            list: Vec::new(),
        }
    }
}

const NONE: u32 = u32::MAX;

impl<T> Pool<T> {
    /// The id of the value equal to `probe` (hashing as `probe` does), made by `make` if new.
    fn id<Q: Hash + ?Sized>(
        &mut self,
        probe: &Q,
        eq: impl Fn(&T) -> bool,
        make: impl FnOnce() -> T,
    ) -> u32 {
        let h = FxBuildHasher.hash_one(probe);
        let head = self.first.get(&h).copied().unwrap_or(NONE);
        let mut i = head;
        while i != NONE {
            if eq(&self.list[i as usize]) {
                return i;
            }
            i = self.next[i as usize];
        }
        let id = self.list.len() as u32;
        self.list.push(make());
        self.next.push(head);
        self.first.insert(h, id);
        id
    }

    /// The value of id `i`.
    fn get(&self, i: u32) -> &T {
        &self.list[i as usize]
    }

    fn len(&self) -> usize {
        self.list.len()
    }
}

impl Pool<Box<str>> {
    fn str_id(&mut self, s: &str) -> u32 {
        self.id(s, |x| &**x == s, || s.into())
    }
}

impl<T: Hash + Eq + Clone> Pool<Box<[T]>> {
    fn slice_id(&mut self, v: Vec<T>) -> u32 {
        self.id(&v[..], |x| x[..] == v[..], || v.clone().into_boxed_slice())
    }
}

#[derive(Clone, Debug, Hash, PartialEq, Eq)]
struct StoredEntity {
    key: u32,
    name: u32,
    kind: NameKind,
    mentions: u32,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq)]
struct StoredClaim {
    subject: u32,
    /// Keys of the entities named in the claim's sentence (a pooled list).
    entities: u32,
    subject_name: u32,
    event: &'static str,
    value_type: ValueType,
    unit: u32,
    shown: u32,
    value: Value,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq)]
struct StoredQuote {
    text: u32,
    speaker: u32,
}

/// One article's comparison state: ids into the pools.
#[derive(Debug)]
struct Stored {
    source: u32,
    title: u32,
    published: Option<Date>,
    entities: u32,
    claims: u32,
    claim_rows: u32,
    quotes: u32,
    sketch: u32,
}

/// Collects digests in input order and writes the comparison tables at the end.
#[derive(Debug)]
pub struct Comparer {
    story_days: i64,
    articles: Vec<Stored>,
    keys: Pool<Box<str>>,
    strings: Pool<Box<str>>,
    sources: Pool<Box<str>>,
    key_lists: Pool<Box<[u32]>>,
    entity_lists: Pool<Box<[StoredEntity]>>,
    claim_lists: Pool<Box<[StoredClaim]>>,
    quote_lists: Pool<Box<[StoredQuote]>>,
    sketches: Pool<Sketch>,
}

/// The stories of a run: a story number (1-based) per article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stories {
    /// Story of each article, in input order.
    pub of_article: Vec<usize>,
    /// Number of stories.
    pub count: usize,
}

impl Comparer {
    /// An empty comparer; articles whose publication dates are more than `story_days` apart
    /// are never in one story.
    pub fn new(story_days: u32) -> Comparer {
        Comparer {
            story_days: i64::from(story_days),
            articles: Vec::new(),
            keys: Pool::default(),
            strings: Pool::default(),
            sources: Pool::default(),
            key_lists: Pool::default(),
            entity_lists: Pool::default(),
            claim_lists: Pool::default(),
            quote_lists: Pool::default(),
            sketches: Pool::default(),
        }
    }

    /// Adds the next article.
    pub fn add(&mut self, d: Digest) {
        let source = self.sources.str_id(&d.source);
        let title = self.strings.str_id(&d.title);
        let entities: Vec<StoredEntity> = d
            .entities
            .iter()
            .map(|e| StoredEntity {
                key: self.keys.str_id(&e.key),
                name: self.strings.str_id(&e.name),
                kind: e.kind,
                mentions: e.mentions,
            })
            .collect();
        let claims: Vec<StoredClaim> = d
            .claims
            .iter()
            .map(|c| {
                let keys: Vec<u32> = c.entities.iter().map(|k| self.keys.str_id(k)).collect();
                StoredClaim {
                    subject: self.keys.str_id(&c.subject_key),
                    entities: self.key_lists.slice_id(keys),
                    subject_name: self.strings.str_id(&c.subject),
                    event: c.event,
                    value_type: c.value_type,
                    unit: self.strings.str_id(&c.unit),
                    shown: self.strings.str_id(&c.shown),
                    value: c.value,
                }
            })
            .collect();
        let quotes: Vec<StoredQuote> = d
            .quotes
            .iter()
            .map(|q| StoredQuote {
                text: self.strings.str_id(&q.text),
                speaker: self.strings.str_id(&q.speaker),
            })
            .collect();
        let sketch = self
            .sketches
            .id(&d.sketch, |x| *x == d.sketch, || d.sketch.clone());
        self.articles.push(Stored {
            source,
            title,
            published: d.published,
            entities: self.entity_lists.slice_id(entities),
            claims: self.claim_lists.slice_id(claims),
            claim_rows: d.claim_rows as u32,
            quotes: self.quote_lists.slice_id(quotes),
            sketch,
        });
    }

    fn entities(&self, i: usize) -> &[StoredEntity] {
        self.entity_lists.get(self.articles[i].entities)
    }

    fn claims(&self, i: usize) -> &[StoredClaim] {
        self.claim_lists.get(self.articles[i].claims)
    }

    fn claim_entities(&self, c: &StoredClaim) -> &[u32] {
        self.key_lists.get(c.entities)
    }

    fn quotes(&self, i: usize) -> &[StoredQuote] {
        self.quote_lists.get(self.articles[i].quotes)
    }

    /// Articles added so far.
    pub fn len(&self) -> usize {
        self.articles.len()
    }

    /// True when no article was added.
    pub fn is_empty(&self) -> bool {
        self.articles.is_empty()
    }

    /// Groups the articles into stories (see the module notes).
    pub fn stories(&self) -> Stories {
        let n = self.articles.len();
        let mut df = vec![0u32; self.keys.len()];
        for i in 0..n {
            for e in self.entities(i) {
                df[e.key as usize] += 1;
            }
        }
        // Full weight up to `common` articles, falling to nothing at ten times as many.
        let common = (n as f64 / 200.0).max(COMMON_FLOOR);
        let rarity = |k: u32| -> f64 {
            let d = f64::from(df[k as usize]);
            if d <= common {
                1.0
            } else {
                (1.0 - (d / common).ln() / 10f64.ln()).max(0.0)
            }
        };
        let weight = |e: &StoredEntity| -> f64 {
            let w = match e.kind {
                NameKind::Person | NameKind::Org => 1.0,
                NameKind::Place | NameKind::Misc => 0.5,
            };
            w * rarity(e.key)
        };
        // Postings: for each key, the earlier articles naming it, with its weight there.
        let mut postings: Vec<Vec<(u32, f32)>> = vec![Vec::new(); self.keys.len()];
        let mut parent: Vec<u32> = (0..n as u32).collect();
        let norm: Vec<f64> = (0..n)
            .map(|i| {
                self.entities(i)
                    .iter()
                    .map(|e| weight(e).powi(2))
                    .sum::<f64>()
                    .sqrt()
            })
            .collect();
        // Per earlier article: (shared weight, dot product), reset after each article.
        let mut score = vec![(0f64, 0f64); n];
        let mut touched: Vec<u32> = Vec::new();
        // Copies (the same entities and date: syndicated or duplicated articles) score alike
        // against every other article, so only the first of each is scored; the others join it.
        let mut first_copy: FxHashMap<(u32, Option<Date>), u32> = FxHashMap::default();
        for (i, a) in self.articles.iter().enumerate() {
            match first_copy.entry((a.entities, a.published)) {
                std::collections::hash_map::Entry::Occupied(o) => {
                    let total: f64 = self.entities(i).iter().map(weight).sum();
                    if total >= STORY_THRESHOLD - 1e-9 {
                        union(&mut parent, i as u32, *o.get());
                    }
                    continue;
                }
                std::collections::hash_map::Entry::Vacant(v) => {
                    v.insert(i as u32);
                }
            }
            for e in self.entities(i) {
                let w = weight(e);
                if w <= 0.0 {
                    continue;
                }
                for &(j, wj) in &postings[e.key as usize] {
                    let s = &mut score[j as usize];
                    if s.0 == 0.0 {
                        touched.push(j);
                    }
                    s.0 += w.min(f64::from(wj));
                    s.1 += w * f64::from(wj);
                }
                postings[e.key as usize].push((i as u32, w as f32));
            }
            for &j in &touched {
                let b = &self.articles[j as usize];
                let near = match (a.published, b.published) {
                    (Some(x), Some(y)) => (x - y).get_days().abs() as i64 <= self.story_days,
                    _ => true,
                };
                let (shared, dot) = score[j as usize];
                let cosine = dot / (norm[i] * norm[j as usize]).max(f64::MIN_POSITIVE);
                if near && shared >= STORY_THRESHOLD - 1e-9 && cosine >= STORY_COSINE - 1e-9 {
                    union(&mut parent, i as u32, j);
                }
                score[j as usize] = (0.0, 0.0);
            }
            touched.clear();
        }
        let mut number: FxHashMap<u32, usize> = FxHashMap::default();
        let of_article = (0..n as u32)
            .map(|i| {
                let root = find(&mut parent, i);
                let next = number.len() + 1;
                *number.entry(root).or_insert(next)
            })
            .collect();
        Stories {
            of_article,
            count: number.len(),
        }
    }

    /// Writes the comparison tables into `dir`, fills the `story` column of the `pending`
    /// tables, and returns the paths written.
    pub fn finish(
        self,
        dir: &Path,
        format: Format,
        pending: Vec<Pending>,
    ) -> Result<Vec<PathBuf>, Error> {
        let stories = self.stories();
        let mut written = Vec::new();
        for p in pending {
            let story_of_row: Vec<usize> = match p.table {
                Table::Claims => self
                    .articles
                    .iter()
                    .zip(&stories.of_article)
                    .flat_map(|(a, &s)| std::iter::repeat_n(s, a.claim_rows as usize))
                    .collect(),
                _ => stories.of_article.clone(),
            };
            written.push(table::fill_story(&p, format, &story_of_row)?);
        }
        let view = view::View::new(&self, &stories);
        written.extend(view.write(dir, format)?);
        Ok(written)
    }
}

fn find(parent: &mut [u32], mut i: u32) -> u32 {
    while parent[i as usize] != i {
        parent[i as usize] = parent[parent[i as usize] as usize];
        i = parent[i as usize];
    }
    i
}

fn union(parent: &mut [u32], a: u32, b: u32) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    // The smaller index is the root: the result does not depend on the order of unions.
    let (lo, hi) = (ra.min(rb), ra.max(rb));
    parent[hi as usize] = lo;
}

#[cfg(test)]
mod tests;
