//! Comparing sources: stories, and what the outlets of a story agree and disagree on.
//!
//! Workers reduce every article to a [`Digest`] (its entity keys, claims, quotations and a
//! narration [`Sketch`]); the writer thread feeds the digests to a [`Comparer`], which keeps
//! only compact state: interned keys and names, claim values, quotation texts and a sketch of
//! at most 256 bytes per article. Nothing of the text read is kept beyond that.
//!
//! **Stories.** Two articles are in the same story when the entities they share weigh at least
//! [`STORY_THRESHOLD`] (two persons or organisations, or one and a place) and, when both have a publication date, those dates are at most
//! `story_days` apart. A shared entity weighs 1 for a person or an organisation and 0.5 for a
//! place or any other name, times a rarity factor: 1 for an entity in at most 50 articles of the
//! run, falling with the logarithm of its article count to 0 at 500 (so countries, capitals and
//! the names in every article of a large run count little or nothing). Stories are the
//! connected components of that relation (union-find, articles in input order), numbered by
//! their first article. Only stories with articles from at least two sources are compared.
//!
//! **Tables.** `stories`, `compare_names`, `compare_quotes` and `compare_claims` (wide: one
//! column per source, sources in sorted order), and `comparison.md`, a digest per story.

mod report;
pub mod values;
pub mod wording;

use std::collections::{BTreeMap, BTreeSet};
use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

use jiff::civil::Date;
use rustc_hash::FxHashMap;

use crate::Error;
use crate::extract::amounts::Bound;
use crate::extract::claims::{ClaimValue, MENTION};
use crate::extract::names::NameKind;
use crate::input::Article;
use crate::output::{Format, Pending, Table};
use crate::pipeline::Analysis;
use crate::span::Span;
use values::{Value, period, show_amount, show_date};
use wording::{Sketch, differences, same_quotation, words};

/// The weight of shared entities from which two articles are one story.
pub const STORY_THRESHOLD: f64 = 1.5;

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

/// Strings stored once, referred to by number.
#[derive(Debug, Default)]
struct Interner {
    ids: FxHashMap<Box<str>, u32>,
    list: Vec<Box<str>>,
}

impl Interner {
    fn id(&mut self, s: &str) -> u32 {
        if let Some(&i) = self.ids.get(s) {
            return i;
        }
        let i = self.list.len() as u32;
        self.list.push(s.into());
        self.ids.insert(s.into(), i);
        i
    }

    fn get(&self, i: u32) -> &str {
        &self.list[i as usize]
    }
}

#[derive(Debug)]
struct StoredEntity {
    key: u32,
    name: u32,
    kind: NameKind,
    mentions: u32,
}

#[derive(Debug)]
struct StoredClaim {
    subject: u32,
    /// Keys of the entities named in the claim's sentence.
    entities: Box<[u32]>,
    subject_name: u32,
    event: &'static str,
    value_type: ValueType,
    unit: u32,
    shown: u32,
    value: Value,
}

#[derive(Debug)]
struct StoredQuote {
    text: Box<str>,
    speaker: u32,
}

#[derive(Debug)]
struct Stored {
    source: u32,
    title: Box<str>,
    published: Option<Date>,
    entities: Box<[StoredEntity]>,
    claims: Box<[StoredClaim]>,
    claim_rows: u32,
    quotes: Box<[StoredQuote]>,
    sketch: Sketch,
}

/// Collects digests in input order and writes the comparison tables at the end.
#[derive(Debug)]
pub struct Comparer {
    story_days: i64,
    articles: Vec<Stored>,
    keys: Interner,
    strings: Interner,
    sources: Interner,
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
            keys: Interner::default(),
            strings: Interner::default(),
            sources: Interner::default(),
        }
    }

    /// Adds the next article.
    pub fn add(&mut self, d: Digest) {
        let source = self.sources.id(&d.source);
        let entities = d
            .entities
            .iter()
            .map(|e| StoredEntity {
                key: self.keys.id(&e.key),
                name: self.strings.id(&e.name),
                kind: e.kind,
                mentions: e.mentions,
            })
            .collect();
        let claims = d
            .claims
            .iter()
            .map(|c| StoredClaim {
                subject: self.keys.id(&c.subject_key),
                entities: c.entities.iter().map(|k| self.keys.id(k)).collect(),
                subject_name: self.strings.id(&c.subject),
                event: c.event,
                value_type: c.value_type,
                unit: self.strings.id(&c.unit),
                shown: self.strings.id(&c.shown),
                value: c.value,
            })
            .collect();
        let quotes = d
            .quotes
            .iter()
            .map(|q| StoredQuote {
                text: q.text.as_str().into(),
                speaker: self.strings.id(&q.speaker),
            })
            .collect();
        self.articles.push(Stored {
            source,
            title: d.title.into(),
            published: d.published,
            entities,
            claims,
            claim_rows: d.claim_rows as u32,
            quotes,
            sketch: d.sketch,
        });
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
        let mut df = vec![0u32; self.keys.list.len()];
        for a in &self.articles {
            for e in a.entities.iter() {
                df[e.key as usize] += 1;
            }
        }
        let rarity = |k: u32| -> f64 {
            let d = f64::from(df[k as usize]);
            if d <= 50.0 {
                1.0
            } else {
                (1.0 - (d / 50.0).ln() / 10f64.ln()).max(0.0)
            }
        };
        let weight = |e: &StoredEntity| -> f64 {
            let w = match e.kind {
                NameKind::Person | NameKind::Org => 1.0,
                NameKind::Place | NameKind::Misc => 0.5,
            };
            w * rarity(e.key)
        };
        let mut postings: Vec<Vec<u32>> = vec![Vec::new(); self.keys.list.len()];
        let mut parent: Vec<u32> = (0..n as u32).collect();
        let mut score = vec![0f64; n];
        let mut touched: Vec<u32> = Vec::new();
        for (i, a) in self.articles.iter().enumerate() {
            for e in a.entities.iter() {
                let w = weight(e);
                if w <= 0.0 {
                    continue;
                }
                for &j in &postings[e.key as usize] {
                    if score[j as usize] == 0.0 {
                        touched.push(j);
                    }
                    score[j as usize] += w;
                }
                postings[e.key as usize].push(i as u32);
            }
            for &j in &touched {
                let b = &self.articles[j as usize];
                let near = match (a.published, b.published) {
                    (Some(x), Some(y)) => (x - y).get_days().abs() as i64 <= self.story_days,
                    _ => true,
                };
                if score[j as usize] >= STORY_THRESHOLD - 1e-9 && near {
                    union(&mut parent, i as u32, j);
                }
                score[j as usize] = 0.0;
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
            written.push(fill_story(&p, format, &story_of_row)?);
        }
        let view = View::new(&self, &stories);
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

/// Rewrites a table written with an empty `story` column, filling it row by row.
fn fill_story(p: &Pending, format: Format, story_of_row: &[usize]) -> Result<PathBuf, Error> {
    let out_tmp = p.tmp.with_extension("story.partial");
    let f = File::open(&p.tmp).map_err(|e| Error::output(&p.tmp, e))?;
    let out = File::create(&out_tmp).map_err(|e| Error::output(&out_tmp, e))?;
    let mut out = BufWriter::with_capacity(1 << 18, out);
    let werr = |e: std::io::Error| Error::output(&out_tmp, e);
    match format {
        Format::Csv => {
            let mut r = csv::ReaderBuilder::new()
                .has_headers(true)
                .from_reader(BufReader::new(f));
            let headers = r
                .headers()
                .map_err(|e| Error::output(&p.tmp, e.into()))?
                .clone();
            let col = headers.iter().position(|h| h == "story").unwrap_or(0);
            let mut w = csv::Writer::from_writer(&mut out);
            w.write_record(&headers)
                .map_err(|e| Error::output(&out_tmp, e.into()))?;
            let mut rec = csv::StringRecord::new();
            let mut row = 0;
            while r
                .read_record(&mut rec)
                .map_err(|e| Error::output(&p.tmp, e.into()))?
            {
                let story = story_of_row.get(row).map(|s| s.to_string());
                let fields = rec.iter().enumerate().map(|(i, v)| {
                    if i == col {
                        story.as_deref().unwrap_or("")
                    } else {
                        v
                    }
                });
                w.write_record(fields)
                    .map_err(|e| Error::output(&out_tmp, e.into()))?;
                row += 1;
            }
            w.flush().map_err(werr)?;
        }
        Format::Jsonl => {
            for (row, line) in BufReader::new(f).lines().enumerate() {
                let line = line.map_err(|e| Error::output(&p.tmp, e))?;
                let story = story_of_row
                    .get(row)
                    .map_or("null".to_string(), |s| s.to_string());
                // Inside JSON strings every quote is escaped, so this key is the field itself.
                let line = line.replacen("\"story\":null", &format!("\"story\":{story}"), 1);
                writeln!(out, "{line}").map_err(werr)?;
            }
        }
    }
    let f = out
        .into_inner()
        .map_err(|e| Error::output(&out_tmp, e.into_error()))?;
    f.sync_all().ok();
    drop(f);
    std::fs::remove_file(&p.tmp).map_err(|e| Error::output(&p.tmp, e))?;
    std::fs::rename(&out_tmp, &p.path).map_err(|e| Error::output(&p.path, e))?;
    Ok(p.path.clone())
}

/// One row of a comparison table: cells in column order.
type Row = Vec<Cell>;

/// A cell: text or a count.
#[derive(Clone, Debug, PartialEq)]
enum Cell {
    S(String),
    N(usize),
}

impl Cell {
    fn text(&self) -> String {
        match self {
            Cell::S(s) => s.clone(),
            Cell::N(n) => n.to_string(),
        }
    }
}

/// A name table with columns known only at run time (one per source).
struct DynTable {
    name: &'static str,
    columns: Vec<String>,
    rows: Vec<Row>,
}

impl DynTable {
    fn write(&self, dir: &Path, format: Format) -> Result<PathBuf, Error> {
        let ext = match format {
            Format::Csv => "csv",
            Format::Jsonl => "jsonl",
        };
        let path = dir.join(format!("{}.{ext}", self.name));
        let tmp = dir.join(format!(".{}.{ext}.partial", self.name));
        let f = File::create(&tmp).map_err(|e| Error::output(&tmp, e))?;
        let mut out = BufWriter::new(f);
        let err = |e: std::io::Error| Error::output(&tmp, e);
        match format {
            Format::Csv => {
                let mut w = csv::Writer::from_writer(&mut out);
                w.write_record(&self.columns)
                    .map_err(|e| Error::output(&tmp, e.into()))?;
                for r in &self.rows {
                    w.write_record(r.iter().map(Cell::text))
                        .map_err(|e| Error::output(&tmp, e.into()))?;
                }
                w.flush().map_err(err)?;
            }
            Format::Jsonl => {
                for r in &self.rows {
                    let mut m = serde_json::Map::new();
                    for (c, v) in self.columns.iter().zip(r) {
                        let v = match v {
                            Cell::S(s) => serde_json::Value::String(s.clone()),
                            Cell::N(n) => serde_json::Value::from(*n),
                        };
                        m.insert(c.clone(), v);
                    }
                    serde_json::to_writer(&mut out, &m).map_err(|e| err(e.into()))?;
                    out.write_all(b"\n").map_err(err)?;
                }
            }
        }
        let f = out
            .into_inner()
            .map_err(|e| Error::output(&tmp, e.into_error()))?;
        drop(f);
        std::fs::rename(&tmp, &path).map_err(|e| Error::output(&path, e))?;
        Ok(path)
    }
}

/// A story's articles grouped for comparison.
struct StoryView {
    number: usize,
    articles: Vec<usize>,
    /// Source ids, sorted by name.
    sources: Vec<u32>,
}

/// A group of claims: one row of `compare_claims`.
pub(crate) struct ClaimGroup {
    pub subject: String,
    pub event: &'static str,
    pub value_type: ValueType,
    pub unit: String,
    pub status: &'static str,
    /// Per source (in the run's sorted source order): the values shown.
    pub values: BTreeMap<String, Vec<String>>,
    pub detail: String,
}

/// An entity across the sources of a story: one row of `compare_names`.
pub(crate) struct NameGroup {
    pub entity: String,
    pub kind: NameKind,
    pub key: String,
    /// Mentions per source.
    pub mentions: BTreeMap<String, u32>,
}

/// A group of quotations: one row of `compare_quotes`.
pub(crate) struct QuoteGroup {
    pub speaker: String,
    pub status: &'static str,
    pub text: String,
    pub wording: BTreeMap<String, Vec<String>>,
    pub differences: String,
    pub unquoted_in: Vec<String>,
}

/// Everything computed for one compared story.
pub(crate) struct StoryReport {
    pub number: usize,
    pub sources: Vec<(String, usize)>,
    pub titles: Vec<(String, String)>,
    pub first: Option<Date>,
    pub last: Option<Date>,
    pub top: Vec<String>,
    pub names: Vec<NameGroup>,
    pub quotes: Vec<QuoteGroup>,
    pub claims: Vec<ClaimGroup>,
}

struct View<'a> {
    c: &'a Comparer,
    stories: Vec<StoryView>,
    /// Sources in sorted order (all sources of compared stories).
    columns: Vec<String>,
}

impl<'a> View<'a> {
    fn new(c: &'a Comparer, s: &Stories) -> View<'a> {
        let mut stories: Vec<StoryView> = (1..=s.count)
            .map(|number| StoryView {
                number,
                articles: Vec::new(),
                sources: Vec::new(),
            })
            .collect();
        for (i, &st) in s.of_article.iter().enumerate() {
            stories[st - 1].articles.push(i);
        }
        let mut columns = BTreeSet::new();
        for st in &mut stories {
            let mut src: Vec<u32> = st.articles.iter().map(|&i| c.articles[i].source).collect();
            src.sort_by(|a, b| c.sources.get(*a).cmp(c.sources.get(*b)));
            src.dedup();
            if src.len() >= 2 {
                columns.extend(src.iter().map(|&x| c.sources.get(x).to_string()));
            }
            st.sources = src;
        }
        View {
            c,
            stories,
            columns: columns.into_iter().collect(),
        }
    }

    fn source(&self, article: usize) -> &str {
        self.c.sources.get(self.c.articles[article].source)
    }

    fn write(&self, dir: &Path, format: Format) -> Result<Vec<PathBuf>, Error> {
        let mut stories = DynTable {
            name: "stories",
            columns: [
                "story",
                "articles",
                "sources",
                "first_published",
                "last_published",
                "top_entities",
            ]
            .map(String::from)
            .to_vec(),
            rows: Vec::new(),
        };
        let with_sources = |fixed: &[&str], after: &[&str]| -> Vec<String> {
            fixed
                .iter()
                .map(|s| s.to_string())
                .chain(self.columns.iter().cloned())
                .chain(after.iter().map(|s| s.to_string()))
                .collect()
        };
        let mut names = DynTable {
            name: "compare_names",
            columns: with_sources(
                &["story", "entity", "kind", "key", "sources", "status"],
                &[],
            ),
            rows: Vec::new(),
        };
        let mut quotes = DynTable {
            name: "compare_quotes",
            columns: with_sources(
                &[
                    "story",
                    "quote_group",
                    "speaker",
                    "sources",
                    "status",
                    "text",
                ],
                &["differences", "unquoted_in"],
            ),
            rows: Vec::new(),
        };
        let mut claims = DynTable {
            name: "compare_claims",
            columns: with_sources(
                &[
                    "story",
                    "subject",
                    "event",
                    "value_type",
                    "unit",
                    "sources",
                    "status",
                ],
                &["detail"],
            ),
            rows: Vec::new(),
        };
        let mut reports = Vec::new();
        for st in &self.stories {
            let (first, last) = self.dates(st);
            let top = self.top_entities(st, 5);
            stories.rows.push(vec![
                Cell::N(st.number),
                Cell::N(st.articles.len()),
                Cell::S(self.source_names(&st.sources).join("|")),
                Cell::S(first.map(|d| d.to_string()).unwrap_or_default()),
                Cell::S(last.map(|d| d.to_string()).unwrap_or_default()),
                Cell::S(top.join("|")),
            ]);
            if st.sources.len() < 2 {
                continue;
            }
            let r = self.report(st, first, last, top);
            for g in &r.names {
                let per = &g.mentions;
                let n = per.len();
                let mut row = vec![
                    Cell::N(st.number),
                    Cell::S(g.entity.clone()),
                    Cell::S(g.kind.name().into()),
                    Cell::S(g.key.clone()),
                    Cell::S(per.keys().cloned().collect::<Vec<_>>().join("|")),
                    Cell::S(status(n, st.sources.len()).into()),
                ];
                row.extend(self.columns.iter().map(|s| match per.get(s) {
                    Some(&m) => Cell::N(m as usize),
                    None if st.sources.iter().any(|&x| self.c.sources.get(x) == s) => Cell::N(0),
                    None => Cell::S(String::new()),
                }));
                names.rows.push(row);
            }
            for (g, q) in r.quotes.iter().enumerate() {
                let mut row = vec![
                    Cell::N(st.number),
                    Cell::N(g + 1),
                    Cell::S(q.speaker.clone()),
                    Cell::S(q.wording.keys().cloned().collect::<Vec<_>>().join("|")),
                    Cell::S(q.status.into()),
                    Cell::S(q.text.clone()),
                ];
                row.extend(
                    self.columns.iter().map(|s| {
                        Cell::S(q.wording.get(s).map(|w| w.join(" | ")).unwrap_or_default())
                    }),
                );
                row.push(Cell::S(q.differences.clone()));
                row.push(Cell::S(q.unquoted_in.join("|")));
                quotes.rows.push(row);
            }
            for g in &r.claims {
                let mut row = vec![
                    Cell::N(st.number),
                    Cell::S(g.subject.clone()),
                    Cell::S(g.event.into()),
                    Cell::S(g.value_type.name().into()),
                    Cell::S(g.unit.clone()),
                    Cell::S(g.values.keys().cloned().collect::<Vec<_>>().join("|")),
                    Cell::S(g.status.into()),
                ];
                row.extend(
                    self.columns.iter().map(|s| {
                        Cell::S(g.values.get(s).map(|v| v.join(" | ")).unwrap_or_default())
                    }),
                );
                row.push(Cell::S(g.detail.clone()));
                claims.rows.push(row);
            }
            reports.push(r);
        }
        let mut out = Vec::new();
        for t in [&stories, &names, &quotes, &claims] {
            out.push(t.write(dir, format)?);
        }
        out.push(report::write(dir, &reports)?);
        Ok(out)
    }

    fn source_names(&self, ids: &[u32]) -> Vec<String> {
        ids.iter()
            .map(|&x| self.c.sources.get(x).to_string())
            .collect()
    }

    fn dates(&self, st: &StoryView) -> (Option<Date>, Option<Date>) {
        let ds = st
            .articles
            .iter()
            .filter_map(|&i| self.c.articles[i].published);
        (ds.clone().min(), ds.max())
    }

    /// The story's most telling entities: by mentions, persons and organisations first.
    fn top_entities(&self, st: &StoryView, n: usize) -> Vec<String> {
        let mut score: FxHashMap<u32, (f64, u32)> = FxHashMap::default();
        for &i in &st.articles {
            for e in self.c.articles[i].entities.iter() {
                let w = match e.kind {
                    NameKind::Person | NameKind::Org => 1.0,
                    _ => 0.5,
                };
                let s = score.entry(e.key).or_insert((0.0, e.name));
                s.0 += w * f64::from(e.mentions) + 1.0;
            }
        }
        let mut v: Vec<(u32, (f64, u32))> = score.into_iter().collect();
        v.sort_by(|a, b| {
            b.1.0
                .total_cmp(&a.1.0)
                .then_with(|| self.c.keys.get(a.0).cmp(self.c.keys.get(b.0)))
        });
        v.into_iter()
            .take(n)
            .map(|(_, (_, name))| self.c.strings.get(name).to_string())
            .collect()
    }

    fn report(
        &self,
        st: &StoryView,
        first: Option<Date>,
        last: Option<Date>,
        top: Vec<String>,
    ) -> StoryReport {
        let c = self.c;
        let mut per_source: BTreeMap<String, usize> = BTreeMap::new();
        let mut titles = Vec::new();
        for &i in &st.articles {
            *per_source.entry(self.source(i).to_string()).or_default() += 1;
            titles.push((self.source(i).to_string(), c.articles[i].title.to_string()));
        }
        StoryReport {
            number: st.number,
            sources: per_source.into_iter().collect(),
            titles,
            first,
            last,
            top,
            names: self.names(st),
            quotes: self.quotes(st),
            claims: self.claims(st),
        }
    }

    fn names(&self, st: &StoryView) -> Vec<NameGroup> {
        struct Agg {
            first: usize,
            names: BTreeMap<u32, u32>,
            kinds: [u32; 4],
            per: BTreeMap<String, u32>,
        }
        let mut by_key: FxHashMap<u32, Agg> = FxHashMap::default();
        let mut order = 0;
        for &i in &st.articles {
            let src = self.source(i).to_string();
            for e in self.c.articles[i].entities.iter() {
                let a = by_key.entry(e.key).or_insert_with(|| {
                    order += 1;
                    Agg {
                        first: order,
                        names: BTreeMap::new(),
                        kinds: [0; 4],
                        per: BTreeMap::new(),
                    }
                });
                *a.names.entry(e.name).or_default() += e.mentions;
                a.kinds[e.kind as usize] += e.mentions;
                *a.per.entry(src.clone()).or_default() += e.mentions;
            }
        }
        // Most sources first, then most mentions, then first named.
        type Rank = (std::cmp::Reverse<usize>, std::cmp::Reverse<u32>, usize);
        let mut rows: Vec<(Rank, NameGroup)> = by_key
            .into_iter()
            .map(|(key, a)| {
                // The name written most; on a tie, the first in byte order.
                let name = a
                    .names
                    .iter()
                    .max_by(|x, y| {
                        x.1.cmp(y.1)
                            .then_with(|| self.c.strings.get(*y.0).cmp(self.c.strings.get(*x.0)))
                    })
                    .map_or(0, |(&n, _)| n);
                let kind = [
                    NameKind::Person,
                    NameKind::Org,
                    NameKind::Place,
                    NameKind::Misc,
                ]
                .into_iter()
                .max_by_key(|&k| (a.kinds[k as usize], std::cmp::Reverse(k as usize)))
                .unwrap_or(NameKind::Misc);
                let total: u32 = a.per.values().sum();
                let rank = (
                    std::cmp::Reverse(a.per.len()),
                    std::cmp::Reverse(total),
                    a.first,
                );
                let group = NameGroup {
                    entity: self.c.strings.get(name).to_string(),
                    kind,
                    key: self.c.keys.get(key).to_string(),
                    mentions: a.per,
                };
                (rank, group)
            })
            .collect();
        rows.sort_by_key(|r| r.0);
        rows.into_iter().map(|(_, g)| g).collect()
    }

    fn quotes(&self, st: &StoryView) -> Vec<QuoteGroup> {
        // Distinct normalised wordings, in order of first appearance.
        let mut wordings: Vec<Vec<String>> = Vec::new();
        let mut index: FxHashMap<Vec<String>, usize> = FxHashMap::default();
        // (wording, article, quote)
        let mut members: Vec<(usize, usize, usize)> = Vec::new();
        for &i in &st.articles {
            for (k, q) in self.c.articles[i].quotes.iter().enumerate() {
                let w = words(&q.text);
                if w.is_empty() {
                    continue;
                }
                let id = *index.entry(w.clone()).or_insert_with(|| {
                    wordings.push(w);
                    wordings.len() - 1
                });
                members.push((id, i, k));
            }
        }
        let mut parent: Vec<u32> = (0..wordings.len() as u32).collect();
        if wordings.len() <= MAX_FUZZY_WORDINGS {
            for a in 0..wordings.len() {
                for b in a + 1..wordings.len() {
                    if same_quotation(&wordings[a], &wordings[b]) {
                        union(&mut parent, a as u32, b as u32);
                    }
                }
            }
        }
        let mut groups: BTreeMap<u32, Vec<(usize, usize, usize)>> = BTreeMap::new();
        for &m in &members {
            groups
                .entry(find(&mut parent, m.0 as u32))
                .or_default()
                .push(m);
        }
        let mut out: Vec<(usize, QuoteGroup)> = Vec::new();
        for ms in groups.values() {
            let first_member = ms.iter().map(|m| (m.1, m.2)).min().unwrap_or((0, 0));
            let mut wording: BTreeMap<String, Vec<String>> = BTreeMap::new();
            let mut norm: BTreeMap<String, Vec<String>> = BTreeMap::new();
            let mut speakers: BTreeMap<String, usize> = BTreeMap::new();
            for &(w, i, k) in ms {
                let src = self.source(i).to_string();
                let q = &self.c.articles[i].quotes[k];
                let list = wording.entry(src.clone()).or_default();
                if !list.iter().any(|t| words(t) == wordings[w]) {
                    list.push(q.text.to_string());
                }
                norm.entry(src).or_insert_with(|| wordings[w].clone());
                let sp = self.c.strings.get(q.speaker);
                if !sp.is_empty() {
                    *speakers.entry(sp.to_string()).or_default() += 1;
                }
            }
            let speaker = speakers
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then(b.0.len().cmp(&a.0.len()).reverse()))
                .map(|(s, _)| s.clone())
                .unwrap_or_default();
            let distinct: BTreeSet<usize> = ms.iter().map(|m| m.0).collect();
            let status = if wording.len() < 2 {
                "one"
            } else if distinct.len() == 1 {
                "verbatim"
            } else {
                "variant"
            };
            let text = self.c.articles[first_member.0].quotes[first_member.1]
                .text
                .to_string();
            let reference = words(&text);
            let first_source = self.source(first_member.0).to_string();
            let differences = if status == "variant" {
                norm.iter()
                    .filter(|(s, w)| **s != first_source && **w != reference)
                    .map(|(s, w)| format!("{s}: {}", differences(&reference, w)))
                    .collect::<Vec<_>>()
                    .join("; ")
            } else {
                String::new()
            };
            let quoting: BTreeSet<&String> = wording.keys().collect();
            let mut unquoted_in = Vec::new();
            for &x in &st.sources {
                let name = self.c.sources.get(x);
                let found = st.articles.iter().any(|&i| {
                    self.c.articles[i].source == x
                        && distinct
                            .iter()
                            .any(|&w| self.c.articles[i].sketch.holds(&wordings[w]))
                });
                if found && (status != "one" || !quoting.contains(&name.to_string())) {
                    unquoted_in.push(name.to_string());
                }
            }
            out.push((
                first_member.0 * 1_000_000 + first_member.1,
                QuoteGroup {
                    speaker,
                    status,
                    text,
                    wording,
                    differences,
                    unquoted_in,
                },
            ));
        }
        out.sort_by_key(|g| g.0);
        out.into_iter().map(|g| g.1).collect()
    }

    fn claims(&self, st: &StoryView) -> Vec<ClaimGroup> {
        type Key = (&'static str, ValueType, u32);
        // Claims by (event, value type, unit).
        let mut by_key: BTreeMap<Key, Vec<(String, &StoredClaim)>> = BTreeMap::new();
        for &i in &st.articles {
            let src = self.source(i).to_string();
            for c in self.c.articles[i].claims.iter() {
                by_key
                    .entry((c.event, c.value_type, c.unit))
                    .or_default()
                    .push((src.clone(), c));
            }
        }
        let mut out = Vec::new();
        for ((event, value_type, unit), claims) in by_key {
            // Two claims are about the same thing when they have the same subject, or the
            // subject of one is named in the other's sentence. A bare mention is no evidence
            // of a contradiction: mentions are grouped by equal values only.
            let related = |a: &StoredClaim, b: &StoredClaim| {
                a.subject == b.subject
                    || a.entities.contains(&b.subject)
                    || b.entities.contains(&a.subject)
            };
            let mut parent: Vec<u32> = (0..claims.len() as u32).collect();
            for a in 0..claims.len() {
                for b in a + 1..claims.len() {
                    let (x, y) = (claims[a].1, claims[b].1);
                    if related(x, y) && (event != MENTION || same_value(x.value, y.value)) {
                        union(&mut parent, a as u32, b as u32);
                    }
                }
            }
            let mut g: BTreeMap<u32, Vec<(String, Value, u32, u32)>> = BTreeMap::new();
            for (k, (src, c)) in claims.iter().enumerate() {
                g.entry(find(&mut parent, k as u32)).or_default().push((
                    src.clone(),
                    c.value,
                    c.shown,
                    c.subject_name,
                ));
            }
            let clusters: Vec<Vec<(String, Value, u32, u32)>> = g.into_values().collect();
            for cl in clusters {
                let mut values: BTreeMap<String, Vec<String>> = BTreeMap::new();
                let mut raw: BTreeMap<String, Vec<Value>> = BTreeMap::new();
                for (src, v, shown, _) in &cl {
                    let list = values.entry(src.clone()).or_default();
                    let s = self.c.strings.get(*shown).to_string();
                    if !list.contains(&s) {
                        list.push(s);
                    }
                    raw.entry(src.clone()).or_default().push(*v);
                }
                let mut detail = Vec::new();
                let srcs: Vec<&String> = raw.keys().collect();
                for (x, a) in srcs.iter().enumerate() {
                    for b in &srcs[x + 1..] {
                        let fits = |p: &[Value], q: &[Value]| {
                            p.iter().all(|v| q.iter().any(|w| v.compatible(*w)))
                        };
                        if !fits(&raw[*a], &raw[*b]) || !fits(&raw[*b], &raw[*a]) {
                            detail.push(format!(
                                "{a}: {} vs {b}: {}",
                                values[*a].join(", "),
                                values[*b].join(", ")
                            ));
                        }
                    }
                }
                let status = if values.len() < 2 {
                    "one"
                } else if detail.is_empty() {
                    "agree"
                } else {
                    "conflict"
                };
                // The subject's most frequent name in the group; the shortest on a tie.
                let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
                for c in &cl {
                    *counts.entry(self.c.strings.get(c.3)).or_default() += 1;
                }
                let subject = counts
                    .iter()
                    .max_by(|a, b| a.1.cmp(b.1).then(b.0.len().cmp(&a.0.len())))
                    .map_or(String::new(), |(s, _)| s.to_string());
                out.push(ClaimGroup {
                    subject,
                    event,
                    value_type,
                    unit: self.c.strings.get(unit).to_string(),
                    status,
                    values,
                    detail: detail.join("; "),
                });
            }
        }
        let rank = |s: &str| match s {
            "conflict" => 0,
            "agree" => 1,
            _ => 2,
        };
        out.sort_by(|a, b| {
            rank(a.status)
                .cmp(&rank(b.status))
                .then_with(|| a.subject.cmp(&b.subject))
                .then_with(|| a.event.cmp(b.event))
                .then_with(|| a.value_type.cmp(&b.value_type))
                .then_with(|| a.unit.cmp(&b.unit))
        });
        out
    }
}

/// The same day, period or amount (amounts: compatible both ways).
fn same_value(a: Value, b: Value) -> bool {
    match (a, b) {
        (Value::Date { .. }, Value::Date { .. }) => a == b,
        _ => a.compatible(b),
    }
}

fn status(n: usize, of: usize) -> &'static str {
    if n >= of {
        "all"
    } else if n == 1 {
        "one"
    } else {
        "some"
    }
}

/// How sure a bound is, for the tables (re-exported for the report).
pub(crate) fn bound_name(b: Bound) -> &'static str {
    match b {
        Bound::Exact => "",
        Bound::Approx => "approx",
        Bound::Min => "min",
        Bound::Max => "max",
    }
}

#[cfg(test)]
mod tests;
