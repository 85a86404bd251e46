//! The comparison of each story covered by several sources, computed one story at a time and
//! streamed to the tables, so that nothing of one story is kept while the next is compared.
//!
//! **Names across articles.** Within a story, a one-word person key that ends exactly one
//! longer person key (`pryce` → `alan pryce`) and a one-word organisation key that begins
//! exactly one longer one (`corvane` → `corvane foods`) are that entity; each entity is named
//! by the form its articles write most. `claims.csv`, `compare_names.csv` and
//! `compare_claims.csv` use these names, so they can be joined.
//!
//! **Claims.** A story's claims are grouped by attribute and event, then by subject: the same
//! entities; for a relationship, one person joins the only couple that includes them; else
//! (not for ages, roles and relationships) the subject of one named in the other's sentence.
//! A claim with no subject joins the group's only subject, if it has one. Each group is a row:
//! - `conflict`: two outlets give values of which none is compatible (see `values.rs`) with
//!   any of the other's, for an attribute with one true value (or a changing one, in articles
//!   published the same day);
//! - `differ`: such values for an attribute that changes with time (an age, a role, a
//!   relationship, a count that rises, when the later article gives the larger count), in
//!   articles published on other days or undated; `detail` gives each side's publication date;
//! - `self-conflict`: one outlet gives incompatible values itself (two articles, or one), and
//!   no two outlets conflict;
//! - `agree`: every outlet's values meet every other's; `one`: one outlet only.
//!
//! A `mention` (a value no cue ties to a question) never conflicts: mentions are grouped by
//! equal values.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use jiff::civil::Date;
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use super::align::{Edge, cluster};
use super::context::{is_count_unit, unit_dimension};
use super::report::ReportWriter;
use super::table::{Cell, TableWriter};
use super::wording::{differences, same_quotation, words};
use super::{Comparer, Locus, MAX_FUZZY_WORDINGS, StoredClaim, Stories, find, union};
use crate::Error;
use crate::extract::claims::{Change, MENTION, WHEN};
use crate::extract::names::NameKind;
use crate::output::Format;

/// Columns of the long `compare_names`: one row per entity and source.
pub const LONG_NAMES: &[&str] = &[
    "finding_id",
    "story",
    "entity",
    "kind",
    "key",
    "status",
    "sources",
    "source",
    "mentions",
    "article_id",
    "path",
    "line",
    "sentence",
    "start",
    "end",
];

/// Columns of the long `compare_quotes`: one row per quotation group, source and wording.
pub const LONG_QUOTES: &[&str] = &[
    "finding_id",
    "story",
    "quote_group",
    "status",
    "quote_speaker",
    "text",
    "sources",
    "source",
    "speaker",
    "wording",
    "differences",
    "quote_id",
    "part",
    "article_id",
    "path",
    "line",
    "sentence",
    "start",
    "end",
    "unquoted_in",
];

/// Columns of the long `compare_claims`: one row per finding, source and value.
pub const LONG_CLAIMS: &[&str] = &[
    "finding_id",
    "story",
    "subject",
    "subject_key",
    "attribute",
    "event",
    "value_type",
    "status",
    "confidence",
    "because",
    "sources",
    "source",
    "published",
    "value",
    "value_plain",
    "unit",
    "when",
    "hedged",
    "text",
    "claim_id",
    "article_id",
    "path",
    "line",
    "sentence",
    "start",
    "end",
    "evidence",
    "detail",
];

/// Where the sentences of a quotation's `text` end, counted in its words (0 first, then after
/// each `.`, `!` or `?`); none when the count disagrees with its `words` (a word split by a
/// full stop), so that no claim is made either way.
fn sentence_bounds(text: &str, words: usize) -> Option<Vec<usize>> {
    let mut bounds = vec![0];
    let mut n = 0;
    let mut rest = text;
    while let Some(at) = rest.find(['.', '!', '?']) {
        super::wording::for_each_word(&rest[..at], |_| n += 1);
        if bounds.last() != Some(&n) {
            bounds.push(n);
        }
        rest = &rest[at + 1..];
    }
    super::wording::for_each_word(rest, |_| n += 1);
    if bounds.last() != Some(&n) {
        bounds.push(n);
    }
    (n == words).then_some(bounds)
}

/// True when the words `part` are whole sentences of `whole`: a run of its words that starts
/// and ends at sentence `bounds` (see [`sentence_bounds`]).
fn whole_sentences_of(part: &[String], whole: &[String], bounds: &[usize]) -> bool {
    !part.is_empty()
        && bounds.iter().any(|&i| {
            i + part.len() <= whole.len()
                && whole[i..i + part.len()] == *part
                && bounds.contains(&(i + part.len()))
        })
}

/// Stories compared at once before their rows are written.
const REPORT_CHUNK: usize = 32;

/// A story's row data: a story with one source is listed, not compared.
enum Story {
    Alone(Option<Date>, Option<Date>, Vec<String>),
    Compared(Box<StoryReport>),
}

/// The comparison tables, open for writing.
struct Tables {
    stories: TableWriter,
    names: TableWriter,
    quotes: TableWriter,
    claims: TableWriter,
    report: ReportWriter,
    /// One column per source (`--wide`) instead of long rows.
    wide: bool,
    /// Findings numbered so far: names, quotations, claims.
    findings: [usize; 3],
}

impl Tables {
    /// Closes every table; returns the files written, with their rows (none for the
    /// report).
    fn finish(self) -> Result<Vec<(PathBuf, Option<u64>)>, Error> {
        Ok(vec![
            self.stories.finish()?,
            self.names.finish()?,
            self.quotes.finish()?,
            self.claims.finish()?,
            (self.report.finish()?, None),
        ])
    }
}

/// A story's articles grouped for comparison.
struct StoryView {
    number: usize,
    articles: Vec<usize>,
    /// Source ids, sorted by name.
    sources: Vec<u32>,
}

/// How a story names its entities: key aliases and the name of each key.
#[derive(Default)]
pub(crate) struct Naming {
    /// A key → the key of the entity it stands for (`pryce` → `alan pryce`).
    alias: FxHashMap<u32, u32>,
    /// A key → the name its articles write most.
    name: FxHashMap<u32, u32>,
}

impl Naming {
    fn key(&self, k: u32) -> u32 {
        self.alias.get(&k).copied().unwrap_or(k)
    }
}

/// Where a finding's value, quotation or name is written: its article and file, the line of
/// a JSON-lines file, its sentence and offsets (as the extraction tables give them).
#[derive(Clone, Debug, Default)]
pub(crate) struct Place {
    pub article: String,
    pub path: String,
    pub line: Option<u32>,
    pub locus: Locus,
}

/// One source's value in a claim row, and where it is written.
#[derive(Clone, Debug)]
pub(crate) struct Evidence {
    pub source: String,
    pub place: Place,
    pub published: Option<Date>,
    /// The value as the wide table and the digest show it (code, plain words, date, hedge).
    pub shown: String,
    /// The claim's row in `claims.csv`.
    pub claim_id: u32,
    pub value: String,
    pub plain: String,
    pub unit: String,
    /// The claim's own date in plain words.
    pub when: String,
    pub hedged: bool,
    /// The value as written.
    pub text: String,
    /// The whole sentence.
    pub sentence: String,
}

/// One source's wording in a quotation row, and where it is written.
#[derive(Clone, Debug)]
pub(crate) struct QuoteEntry {
    pub source: String,
    pub place: Place,
    /// Its `quote_id` and `part` in `quotes.csv`.
    pub quote_id: u32,
    pub part: u32,
    /// The speaker this source gives.
    pub speaker: String,
    pub wording: String,
    /// How the wording differs from the row's (reference) text.
    pub differences: String,
}

/// A group of claims: one row of `compare_claims`.
pub(crate) struct ClaimGroup {
    pub subject: String,
    pub subject_key: String,
    pub attribute: &'static str,
    pub event: &'static str,
    pub value_type: &'static str,
    pub unit: String,
    pub status: &'static str,
    /// Per source: the values shown.
    pub values: BTreeMap<String, Vec<String>>,
    pub detail: String,
    /// Per source and value: the article and sentence that give it.
    pub evidence: Vec<Evidence>,
    /// How well the best pair of facts from two sources aligns (0 to 1); none for a row of
    /// one source.
    pub confidence: Option<f32>,
    /// The context words that pair shares, heaviest first.
    pub because: String,
}

/// An entity across the sources of a story: one row of `compare_names`.
pub(crate) struct NameGroup {
    pub entity: String,
    pub kind: NameKind,
    pub key: String,
    /// Mentions per source.
    pub mentions: BTreeMap<String, u32>,
    /// Per source: where it is first named (in the story's first article of that source to
    /// name it).
    pub first: BTreeMap<String, Place>,
}

/// A group of quotations: one row of `compare_quotes`.
pub(crate) struct QuoteGroup {
    pub speaker: String,
    pub status: &'static str,
    pub text: String,
    pub wording: BTreeMap<String, Vec<String>>,
    /// Per source: the speakers it gives.
    pub speakers: BTreeMap<String, Vec<String>>,
    pub differences: String,
    pub unquoted_in: Vec<String>,
    /// Per source and distinct wording: the first quotation giving it.
    pub entries: Vec<QuoteEntry>,
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

pub(crate) struct View<'a> {
    c: &'a Comparer,
    /// Stories with more facts than the alignment takes (counted as they are compared).
    capped: std::sync::atomic::AtomicUsize,
    stories: Vec<StoryView>,
    namings: Vec<Naming>,
    /// Sources in sorted order (all sources of compared stories).
    columns: Vec<String>,
}

/// A claim of a story with what it came from.
#[derive(Clone, Copy)]
struct Member<'s> {
    article: usize,
    source: u32,
    claim: &'s StoredClaim,
    /// Its context as a unit vector: (stem, word, weight), weights made rare-word heavy by
    /// the run's IDF and the story's (a word in most facts of the story tells none apart).
    ctx: &'s [(u32, u32, f32)],
    /// The only value of its kind its article gives (see [`View::only_of_kind`]), worked out
    /// once per fact, not per pair.
    only: bool,
}

impl<'a> View<'a> {
    pub(crate) fn new(c: &'a Comparer, s: &Stories) -> View<'a> {
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
        let namings = stories.par_iter().map(|st| naming(c, st)).collect();
        View {
            c,
            capped: std::sync::atomic::AtomicUsize::new(0),
            stories,
            namings,
            columns: columns.into_iter().collect(),
        }
    }

    /// How many stories had more facts than the alignment takes.
    pub(crate) fn capped(&self) -> usize {
        self.capped.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// The compared stories whose articles from two sources or more share a web host: for
    /// each, its number, the host and those sources.
    pub(crate) fn shared_hosts(&self) -> Vec<(usize, String, Vec<String>)> {
        let mut out = Vec::new();
        for st in self.stories.iter().filter(|st| st.sources.len() >= 2) {
            let mut by_host: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
            for &i in &st.articles {
                let host: &str = self.c.keys.get(self.c.articles[i].host);
                if !host.is_empty() {
                    by_host.entry(host).or_default().insert(self.source(i));
                }
            }
            if let Some((host, sources)) = by_host.into_iter().find(|(_, s)| s.len() >= 2) {
                out.push((
                    st.number,
                    host.to_string(),
                    sources.into_iter().map(str::to_string).collect(),
                ));
            }
        }
        out
    }

    /// How many sources the wide tables would have a column for.
    pub(crate) fn sources_compared(&self) -> usize {
        self.columns.len()
    }

    /// Where `locus` of article `article` is.
    fn place(&self, article: usize, locus: Locus) -> Place {
        let a = &self.c.articles[article];
        Place {
            article: self.c.strings.get(a.id).to_string(),
            path: self.c.strings.get(a.path).to_string(),
            line: a.line,
            locus,
        }
    }

    fn source(&self, article: usize) -> &str {
        self.c.sources.get(self.c.articles[article].source)
    }

    /// The story's name and key for a claim's subjects (`Imogen Poots & James Norton`,
    /// `imogen poots|james norton`).
    pub(crate) fn subject_of(&self, story: usize, c: &StoredClaim) -> (String, String) {
        let n = &self.namings[story - 1];
        let mut keys: Vec<u32> = self.c.claim_subjects(c).iter().map(|&k| n.key(k)).collect();
        keys.sort_by(|a, b| self.c.keys.get(*a).cmp(self.c.keys.get(*b)));
        keys.dedup();
        let names: Vec<&str> = keys
            .iter()
            .map(|k| {
                n.name
                    .get(k)
                    .map_or(&**self.c.keys.get(*k), |&s| &**self.c.strings.get(s))
            })
            .collect();
        let key: Vec<&str> = keys.iter().map(|&k| &**self.c.keys.get(k)).collect();
        (names.join(" & "), key.join("|"))
    }

    /// For each row of `claims`, in order: its story and its subject's name and key.
    pub(crate) fn claim_rows<'v>(
        &'v self,
        of_article: &'v [usize],
    ) -> impl Iterator<Item = (usize, String, String)> + 'v {
        (0..self.c.articles.len()).flat_map(move |i| {
            let story = of_article[i];
            self.c.claims(i).iter().map(move |c| {
                let (name, key) = self.subject_of(story, c);
                (story, name, key)
            })
        })
    }

    pub(crate) fn write(
        &self,
        dir: &Path,
        format: Format,
        wide: bool,
    ) -> Result<Vec<(PathBuf, Option<u64>)>, Error> {
        let cols = |names: &[&str]| names.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let stories = TableWriter::create(
            dir,
            "stories",
            format,
            cols(&[
                "story",
                "articles",
                "sources",
                "first_published",
                "last_published",
                "top_entities",
            ]),
        )?;
        let with_sources = |fixed: &[&str], after: &[&str]| -> Vec<String> {
            fixed
                .iter()
                .map(|s| s.to_string())
                .chain(self.columns.iter().cloned())
                .chain(after.iter().map(|s| s.to_string()))
                .collect()
        };
        let (names, quotes, claims) = if wide {
            (
                with_sources(
                    &["story", "entity", "kind", "key", "sources", "status"],
                    &[],
                ),
                with_sources(
                    &[
                        "story",
                        "quote_group",
                        "speaker",
                        "sources",
                        "status",
                        "text",
                    ],
                    &["speakers", "differences", "unquoted_in"],
                ),
                with_sources(
                    &[
                        "story",
                        "subject",
                        "subject_key",
                        "attribute",
                        "event",
                        "value_type",
                        "unit",
                        "sources",
                        "status",
                        "confidence",
                        "because",
                    ],
                    &["detail", "evidence"],
                ),
            )
        } else {
            (cols(LONG_NAMES), cols(LONG_QUOTES), cols(LONG_CLAIMS))
        };
        let names = TableWriter::create(dir, "compare_names", format, names)?;
        let quotes = TableWriter::create(dir, "compare_quotes", format, quotes)?;
        let claims = TableWriter::create(dir, "compare_claims", format, claims)?;
        let report = ReportWriter::create(dir)?;
        let mut tables = Tables {
            stories,
            names,
            quotes,
            claims,
            report,
            wide,
            findings: [0; 3],
        };
        // Stories are compared in parallel, a chunk at a time (memory stays bounded), and
        // written in story order.
        for chunk in self.stories.chunks(REPORT_CHUNK) {
            let done: Vec<_> = chunk
                .par_iter()
                .map(|st| {
                    let (first, last) = self.dates(st);
                    let top = self.top_entities(st, 5);
                    if st.sources.len() >= 2 {
                        Story::Compared(Box::new(self.report(st, first, last, top)))
                    } else {
                        Story::Alone(first, last, top)
                    }
                })
                .collect();
            for (st, done) in chunk.iter().zip(done) {
                self.write_story(st, done, &mut tables)?;
            }
        }
        tables.finish()
    }

    /// Writes one story's rows (and its comparison, when it has one).
    fn write_story(&self, st: &StoryView, done: Story, t: &mut Tables) -> Result<(), Error> {
        let (first, last, top) = match &done {
            Story::Alone(first, last, top) => (*first, *last, top),
            Story::Compared(r) => (r.first, r.last, &r.top),
        };
        t.stories.row(&[
            Cell::N(st.number),
            Cell::N(st.articles.len()),
            Cell::S(self.source_names(&st.sources).join("|")),
            Cell::S(first.map(|d| d.to_string()).unwrap_or_default()),
            Cell::S(last.map(|d| d.to_string()).unwrap_or_default()),
            Cell::S(top.join("|")),
        ])?;
        let Story::Compared(r) = done else {
            return Ok(());
        };
        if t.wide {
            self.write_wide(st, &r, t)?;
        } else {
            self.write_long(st, &r, t)?;
        }
        t.report.story(&r)?;
        Ok(())
    }

    /// The long tables: one row per finding, source and value (or wording, or name), each
    /// with where it is written; `finding_id` joins the rows of one finding.
    fn write_long(&self, st: &StoryView, r: &StoryReport, t: &mut Tables) -> Result<(), Error> {
        let place = |p: &Place| {
            [
                Cell::S(p.article.clone()),
                Cell::S(p.path.clone()),
                p.line
                    .map_or(Cell::S(String::new()), |l| Cell::N(l as usize)),
                Cell::N(p.locus.sentence as usize),
                Cell::N(p.locus.start as usize),
                Cell::N(p.locus.end as usize),
            ]
        };
        for g in &r.names {
            t.findings[0] += 1;
            let id = format!("N{}", t.findings[0]);
            let sources = g.mentions.keys().cloned().collect::<Vec<_>>().join("|");
            let status = status(g.mentions.len(), st.sources.len());
            for (src, &m) in &g.mentions {
                let mut row = vec![
                    Cell::S(id.clone()),
                    Cell::N(st.number),
                    Cell::S(g.entity.clone()),
                    Cell::S(g.kind.name().into()),
                    Cell::S(g.key.clone()),
                    Cell::S(status.into()),
                    Cell::S(sources.clone()),
                    Cell::S(src.clone()),
                    Cell::N(m as usize),
                ];
                row.extend(place(&g.first.get(src).cloned().unwrap_or_default()));
                t.names.row(&row)?;
            }
        }
        for (n, q) in r.quotes.iter().enumerate() {
            t.findings[1] += 1;
            let id = format!("Q{}", t.findings[1]);
            let sources = q.wording.keys().cloned().collect::<Vec<_>>().join("|");
            for e in &q.entries {
                let mut row = vec![
                    Cell::S(id.clone()),
                    Cell::N(st.number),
                    Cell::N(n + 1),
                    Cell::S(q.status.into()),
                    Cell::S(q.speaker.clone()),
                    Cell::S(q.text.clone()),
                    Cell::S(sources.clone()),
                    Cell::S(e.source.clone()),
                    Cell::S(e.speaker.clone()),
                    Cell::S(e.wording.clone()),
                    Cell::S(e.differences.clone()),
                    Cell::N(e.quote_id as usize),
                    Cell::N(e.part as usize),
                ];
                row.extend(place(&e.place));
                row.push(Cell::S(q.unquoted_in.join("|")));
                t.quotes.row(&row)?;
            }
        }
        for g in &r.claims {
            t.findings[2] += 1;
            let id = format!("C{}", t.findings[2]);
            let sources = g.values.keys().cloned().collect::<Vec<_>>().join("|");
            for e in &g.evidence {
                let mut row = vec![
                    Cell::S(id.clone()),
                    Cell::N(st.number),
                    Cell::S(g.subject.clone()),
                    Cell::S(g.subject_key.clone()),
                    Cell::S(g.attribute.into()),
                    Cell::S(g.event.into()),
                    Cell::S(g.value_type.into()),
                    Cell::S(g.status.into()),
                    Cell::S(g.confidence.map(|x| format!("{x:.2}")).unwrap_or_default()),
                    Cell::S(g.because.clone()),
                    Cell::S(sources.clone()),
                    Cell::S(e.source.clone()),
                    Cell::S(e.published.map(|d| d.to_string()).unwrap_or_default()),
                    Cell::S(e.value.clone()),
                    Cell::S(e.plain.clone()),
                    Cell::S(e.unit.clone()),
                    Cell::S(e.when.clone()),
                    Cell::S(e.hedged.to_string()),
                    Cell::S(e.text.clone()),
                    Cell::N(e.claim_id as usize),
                ];
                row.extend(place(&e.place));
                row.push(Cell::S(e.sentence.clone()));
                row.push(Cell::S(g.detail.clone()));
                t.claims.row(&row)?;
            }
        }
        Ok(())
    }

    /// The wide tables (`--wide`): one row per finding, one column per source.
    fn write_wide(&self, st: &StoryView, r: &StoryReport, t: &mut Tables) -> Result<(), Error> {
        let in_story = |s: &str| st.sources.iter().any(|&x| **self.c.sources.get(x) == *s);
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
                None if in_story(s) => Cell::N(0),
                None => Cell::S(String::new()),
            }));
            t.names.row(&row)?;
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
                self.columns
                    .iter()
                    .map(|s| Cell::S(q.wording.get(s).map(|w| w.join(" | ")).unwrap_or_default())),
            );
            let speakers: Vec<String> = q
                .speakers
                .iter()
                .map(|(s, v)| format!("{s}: {}", v.join(", ")))
                .collect();
            row.push(Cell::S(speakers.join(" | ")));
            row.push(Cell::S(q.differences.clone()));
            row.push(Cell::S(q.unquoted_in.join("|")));
            t.quotes.row(&row)?;
        }
        for g in &r.claims {
            let mut row = vec![
                Cell::N(st.number),
                Cell::S(g.subject.clone()),
                Cell::S(g.subject_key.clone()),
                Cell::S(g.attribute.into()),
                Cell::S(g.event.into()),
                Cell::S(g.value_type.into()),
                Cell::S(g.unit.clone()),
                Cell::S(g.values.keys().cloned().collect::<Vec<_>>().join("|")),
                Cell::S(g.status.into()),
                Cell::S(g.confidence.map(|x| format!("{x:.2}")).unwrap_or_default()),
                Cell::S(g.because.clone()),
            ];
            row.extend(
                self.columns
                    .iter()
                    .map(|s| Cell::S(g.values.get(s).map(|v| v.join(" | ")).unwrap_or_default())),
            );
            row.push(Cell::S(g.detail.clone()));
            let evidence: Vec<String> = g
                .evidence
                .iter()
                .map(|e| {
                    format!(
                        "{} ({}, sentence {}): “{}”",
                        e.source, e.place.article, e.place.locus.sentence, e.sentence
                    )
                })
                .collect();
            row.push(Cell::S(evidence.join(" | ")));
            t.claims.row(&row)?;
        }
        Ok(())
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
        let naming = &self.namings[st.number - 1];
        let mut score: FxHashMap<u32, f64> = FxHashMap::default();
        for &i in &st.articles {
            for e in self.c.entities(i).iter() {
                let w = match e.kind {
                    NameKind::Person | NameKind::Org => 1.0,
                    _ => 0.5,
                };
                *score.entry(naming.key(e.key)).or_default() += w * f64::from(e.mentions) + 1.0;
            }
        }
        let mut v: Vec<(u32, f64)> = score.into_iter().collect();
        v.sort_by(|a, b| {
            b.1.total_cmp(&a.1)
                .then_with(|| self.c.keys.get(a.0).cmp(self.c.keys.get(b.0)))
        });
        v.into_iter()
            .take(n)
            .map(|(k, _)| {
                naming.name.get(&k).map_or_else(
                    || self.c.keys.get(k).to_string(),
                    |&s| self.c.strings.get(s).to_string(),
                )
            })
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
            titles.push((
                self.source(i).to_string(),
                c.strings.get(c.articles[i].title).to_string(),
            ));
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
            kinds: [u32; 4],
            per: BTreeMap<String, u32>,
            at: BTreeMap<String, Place>,
        }
        let naming = &self.namings[st.number - 1];
        let mut by_key: FxHashMap<u32, Agg> = FxHashMap::default();
        let mut order = 0;
        for &i in &st.articles {
            let src = self.source(i).to_string();
            for e in self.c.entities(i).iter() {
                let a = by_key.entry(naming.key(e.key)).or_insert_with(|| {
                    order += 1;
                    Agg {
                        first: order,
                        kinds: [0; 4],
                        per: BTreeMap::new(),
                        at: BTreeMap::new(),
                    }
                });
                a.kinds[e.kind as usize] += e.mentions;
                *a.per.entry(src.clone()).or_default() += e.mentions;
                if !a.at.contains_key(&src) {
                    a.at.insert(src.clone(), self.place(i, e.first));
                }
            }
        }
        // Most sources first, then most mentions, then first named.
        type Rank = (std::cmp::Reverse<usize>, std::cmp::Reverse<u32>, usize);
        let mut rows: Vec<(Rank, NameGroup)> = by_key
            .into_iter()
            .map(|(key, a)| {
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
                let entity = naming.name.get(&key).map_or_else(
                    || self.c.keys.get(key).to_string(),
                    |&s| self.c.strings.get(s).to_string(),
                );
                let group = NameGroup {
                    entity,
                    kind,
                    key: self.c.keys.get(key).to_string(),
                    mentions: a.per,
                    first: a.at,
                };
                (rank, group)
            })
            .collect();
        rows.sort_by_key(|r| r.0);
        rows.into_iter().map(|(_, g)| g).collect()
    }

    fn quotes(&self, st: &StoryView) -> Vec<QuoteGroup> {
        let naming = &self.namings[st.number - 1];
        // Distinct normalised wordings, in order of first appearance.
        let mut wordings: Vec<Vec<String>> = Vec::new();
        let mut index: FxHashMap<Vec<String>, usize> = FxHashMap::default();
        // (wording, article, quote)
        let mut members: Vec<(usize, usize, usize)> = Vec::new();
        for &i in &st.articles {
            for (k, q) in self.c.quotes(i).iter().enumerate() {
                let w = words(self.c.strings.get(q.text));
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
        // Each source's distinct narration sketches (copies of one text share one).
        let mut sketches: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
        for &i in &st.articles {
            let list = sketches.entry(self.c.articles[i].source).or_default();
            if !list.contains(&self.c.articles[i].sketch) {
                list.push(self.c.articles[i].sketch);
            }
        }
        let mut out: Vec<(usize, QuoteGroup)> = Vec::new();
        for ms in groups.values() {
            let first_member = ms.iter().map(|m| (m.1, m.2)).min().unwrap_or((0, 0));
            // The reference wording is the longest one (the fullest quotation), the first on a
            // tie: a fragment is shown against it, not the other way round.
            let reference_member = ms
                .iter()
                .min_by_key(|m| (std::cmp::Reverse(wordings[m.0].len()), m.1, m.2))
                .copied()
                .unwrap_or((0, 0, 0));
            let mut wording: BTreeMap<String, Vec<String>> = BTreeMap::new();
            let mut norm: BTreeMap<String, Vec<usize>> = BTreeMap::new();
            let mut speakers: BTreeMap<String, usize> = BTreeMap::new();
            let mut by_source: BTreeMap<String, Vec<String>> = BTreeMap::new();
            let mut speaker_keys: BTreeMap<String, BTreeSet<u32>> = BTreeMap::new();
            // The speakers of the quotations given with a reporting verb, per source.
            let mut attributed: BTreeMap<String, BTreeSet<u32>> = BTreeMap::new();
            let mut company: BTreeMap<String, BTreeSet<u32>> = BTreeMap::new();
            let mut seen: FxHashSet<(u32, usize)> = FxHashSet::default();
            // Per source and distinct wording, the first quotation giving it (and its wording).
            let mut entries: Vec<(usize, QuoteEntry)> = Vec::new();
            for &(w, i, k) in ms {
                let src = self.source(i).to_string();
                let q = &self.c.quotes(i)[k];
                // The speaker as the story names them (a name of its own, else as written).
                let sp: &str = self.c.strings.get(q.speaker);
                let key = self.c.keys.get(q.speaker_key);
                let name: &str = if key.is_empty() {
                    sp
                } else {
                    naming
                        .name
                        .get(&naming.key(q.speaker_key))
                        .map_or(sp, |&n| self.c.strings.get(n))
                };
                let list = wording.entry(src.clone()).or_default();
                if seen.insert((self.c.articles[i].source, w)) {
                    list.push(self.c.strings.get(q.text).to_string());
                    entries.push((
                        w,
                        QuoteEntry {
                            source: src.clone(),
                            place: self.place(i, q.locus),
                            quote_id: q.id,
                            part: q.part,
                            speaker: name.to_string(),
                            wording: self.c.strings.get(q.text).to_string(),
                            differences: String::new(),
                        },
                    ));
                }
                let ws = norm.entry(src.clone()).or_default();
                if !ws.contains(&w) {
                    ws.push(w);
                }
                if !key.is_empty() {
                    *speakers.entry(name.to_string()).or_default() += 1;
                    let list = by_source.entry(src.clone()).or_default();
                    if !list.iter().any(|x| x == name) {
                        list.push(name.to_string());
                    }
                    if q.attributed {
                        attributed
                            .entry(src.clone())
                            .or_default()
                            .insert(naming.key(q.speaker_key));
                    }
                    company.entry(src.clone()).or_default().extend(
                        self.c
                            .key_lists
                            .get(q.beside)
                            .iter()
                            .map(|&k| naming.key(k)),
                    );
                    speaker_keys
                        .entry(src)
                        .or_default()
                        .insert(naming.key(q.speaker_key));
                } else if !sp.is_empty() {
                    *speakers.entry(sp.to_string()).or_default() += 0;
                }
            }
            let speaker = speakers
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then(b.0.len().cmp(&a.0.len()).reverse()))
                .map(|(s, _)| s.clone())
                .unwrap_or_default();
            let distinct: BTreeSet<usize> = ms.iter().map(|m| m.0).collect();
            // Misattributed: two sources give a quotation, each with a reporting verb, to
            // different speakers, and share none. Speakers meet when their keys end in the same
            // word (`solana` and `nato secretary general javier solana`, `dirk kempthorne` and
            // `dirk a kempthorne`, `state department` and `u s state department`): a title, an
            // initial or a fuller name is the same speaker.
            let words = |k: u32| -> Vec<&str> {
                self.c
                    .keys
                    .get(k)
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|w| !w.is_empty())
                    .collect()
            };
            let meet = |a: u32, b: u32| {
                let (x, y) = (words(a), words(b));
                x.last().is_some() && x.last() == y.last()
            };
            let keyed: Vec<(&String, &BTreeSet<u32>)> = attributed.iter().collect();
            // Whom a source names beside its speaker: a joint statement ("said Laurence Mark
            // and Bill Condon") given to one of them by each source is no misattribution.
            let nobody = BTreeSet::new();
            let with = |src: &String| company.get(src).unwrap_or(&nobody);
            // A phrase of a few words ("midnight rules", "Yes.") is quoted by many; only a
            // statement of five words or more is one speaker's.
            let statement = ms.iter().any(|&(_, i, k)| {
                let q = &self.c.quotes(i)[k];
                self.c.strings.get(q.text).split_whitespace().count() >= MISATTRIBUTION_WORDS
            });
            // Each source names one speaker for it (a source naming two is itself unsure: a
            // joint statement, or an attribution the extractor could not settle).
            let single = speaker_keys.values().all(|k| k.len() <= 1);
            let misattributed = statement
                && single
                && keyed.len() >= 2
                && keyed.iter().enumerate().any(|(x, (sa, a))| {
                    keyed[x + 1..].iter().any(|(sb, b)| {
                        !a.iter().any(|&ka| b.iter().any(|&kb| meet(ka, kb)))
                            && !a.iter().any(|&ka| with(sb).iter().any(|&kb| meet(ka, kb)))
                            && !b.iter().any(|&kb| with(sa).iter().any(|&ka| meet(ka, kb)))
                    })
                });
            let reference = &wordings[reference_member.0];
            let reference_text: &str = self
                .c
                .strings
                .get(self.c.quotes(reference_member.1)[reference_member.2].text);
            let status = if wording.len() < 2 {
                "one"
            } else if misattributed {
                "misattributed"
            } else if distinct.len() == 1
                || sentence_bounds(reference_text, reference.len()).is_some_and(|bounds| {
                    distinct
                        .iter()
                        .all(|&w| whole_sentences_of(&wordings[w], reference, &bounds))
                })
            {
                // Every wording is the fullest one's words, or whole sentences of them: an
                // outlet that quotes fewer sentences has altered nothing (`differences` says
                // what it leaves out). A phrase cut from inside a sentence is a variant: what
                // it leaves out may turn its meaning ("was not 'a war of choice'").
                "verbatim"
            } else {
                "variant"
            };
            let text = self
                .c
                .strings
                .get(self.c.quotes(reference_member.1)[reference_member.2].text)
                .to_string();
            let differences = if distinct.len() > 1 && wording.len() >= 2 {
                norm.iter()
                    .flat_map(|(s, ws)| ws.iter().map(move |&w| (s, w)))
                    .filter(|&(_, w)| w != reference_member.0)
                    .map(|(s, w)| format!("{s}: {}", differences(reference, &wordings[w])))
                    .collect::<Vec<_>>()
                    .join("; ")
            } else {
                String::new()
            };
            let entries: Vec<QuoteEntry> = entries
                .into_iter()
                .map(|(w, mut e)| {
                    if w != reference_member.0 {
                        e.differences = super::wording::differences(reference, &wordings[w]);
                    }
                    e
                })
                .collect();
            let quoting: BTreeSet<&String> = wording.keys().collect();
            let mut unquoted_in = Vec::new();
            for (&x, sketches) in &sketches {
                let name = self.c.sources.get(x);
                let found = sketches.iter().any(|&sk| {
                    distinct
                        .iter()
                        .any(|&w| self.c.sketches.get(sk).holds(&wordings[w]))
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
                    speakers: if misattributed {
                        by_source
                    } else {
                        by_source_if_any(&speaker_keys, by_source)
                    },
                    differences,
                    unquoted_in,
                    entries,
                },
            ));
        }
        out.sort_by_key(|g| g.0);
        out.into_iter().map(|g| g.1).collect()
    }

    /// The quotation rows of story `number` (for tests).
    #[cfg(test)]
    pub(crate) fn quote_groups(&self, number: usize) -> Vec<QuoteGroup> {
        self.quotes(&self.stories[number - 1])
    }

    /// The claim rows of story `number` (for tests).
    #[cfg(test)]
    pub(crate) fn claim_groups(&self, number: usize) -> Vec<ClaimGroup> {
        self.claims(&self.stories[number - 1])
    }

    /// The claims of a story, aligned into rows (see the module notes and [`align`]).
    ///
    /// [`align`]: super::align
    fn claims(&self, st: &StoryView) -> Vec<ClaimGroup> {
        let naming = &self.namings[st.number - 1];
        let c = self.c;
        let mut raw: Vec<(usize, &StoredClaim)> = Vec::new();
        for &i in &st.articles {
            for claim in c.claims(i).iter() {
                raw.push((i, claim));
            }
        }
        // The story's own document frequency of each stem, over its facts.
        let mut df: FxHashMap<u32, u32> = FxHashMap::default();
        for (_, claim) in &raw {
            for e in c.claim_context(claim) {
                *df.entry(e.0).or_insert(0) += 1;
            }
        }
        let facts = raw.len().max(1) as f32;
        let vecs: Vec<Vec<(u32, u32, f32)>> = raw
            .iter()
            .map(|(_, claim)| {
                let mut v: Vec<(u32, u32, f32)> = c
                    .claim_context(claim)
                    .iter()
                    .map(|e| {
                        let story_idf = (1.0 + facts / df[&e.0] as f32).ln();
                        (e.0, e.1, f32::from_bits(e.2) * c.idf(e.0) * story_idf)
                    })
                    .collect();
                let norm = v.iter().map(|e| e.2 * e.2).sum::<f32>().sqrt();
                if norm > 0.0 {
                    for e in &mut v {
                        e.2 /= norm;
                    }
                }
                v
            })
            .collect();
        let members: Vec<Member<'_>> = raw
            .iter()
            .zip(&vecs)
            .map(|(&(i, claim), v)| Member {
                article: i,
                source: c.articles[i].source,
                claim,
                ctx: v,
                only: self.only_of_kind(i, claim),
            })
            .collect();
        let w = &c.weights;
        let n = members.len().min(w.max_facts);
        if n < members.len() {
            self.capped
                .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        }
        // Pairs of facts of one dimension, by dimension, so that dates never meet counts.
        let mut by_dim: BTreeMap<(&'static str, &str), Vec<usize>> = BTreeMap::new();
        for (k, m) in members[..n].iter().enumerate() {
            by_dim.entry(self.dimension(m.claim)).or_default().push(k);
        }
        let mut edges = Vec::new();
        for ks in by_dim.values() {
            for (x, &i) in ks.iter().enumerate() {
                for &j in &ks[x + 1..] {
                    let sc = self.score(st, naming, &members[i], &members[j]);
                    if debug_align() {
                        let (a, b) = (&members[i], &members[j]);
                        let show = |m: &Member<'_>| {
                            format!(
                                "{}:{}/{}/{}/{}",
                                c.sources.get(m.source),
                                c.strings.get(m.claim.value),
                                m.claim.attribute,
                                m.claim.event,
                                self.subject_set(naming, m.claim)
                                    .iter()
                                    .map(|&k| c.keys.get(k).to_string())
                                    .collect::<Vec<_>>()
                                    .join("+")
                            )
                        };
                        eprintln!(
                            "ALIGN story {} {} ~ {} score {:?} cos {:.2} alike {:.2} only {}{}",
                            st.number,
                            show(a),
                            show(b),
                            sc,
                            self.cosine(a, b).0,
                            self.words_alike(a, b),
                            a.only,
                            b.only
                        );
                        for m in [a, b] {
                            let words: Vec<String> = m
                                .ctx
                                .iter()
                                .map(|e| format!("{}:{:.2}", c.strings.get(e.1), e.2))
                                .collect();
                            eprintln!("    {}", words.join(" "));
                        }
                    }
                    if let Some(score) = sc
                        && score >= w.align
                    {
                        edges.push(Edge { a: i, b: j, score });
                    }
                }
            }
        }
        // Only each fact's two best partners in each other article can win a one-to-one
        // matching (best first): the rest are dropped, so that edges grow with the facts.
        edges.sort_by(|x, y| {
            y.score
                .total_cmp(&x.score)
                .then_with(|| (x.a, x.b).cmp(&(y.a, y.b)))
        });
        let mut kept: FxHashMap<(usize, usize), u8> = FxHashMap::default();
        edges.retain(|e| {
            let ka = kept.entry((e.a, members[e.b].article)).or_insert(0);
            let keep_a = *ka < EDGES_PER_ARTICLE;
            *ka += 1;
            let kb = kept.entry((e.b, members[e.a].article)).or_insert(0);
            let keep_b = *kb < EDGES_PER_ARTICLE;
            *kb += 1;
            keep_a || keep_b
        });
        let article: Vec<usize> = members.iter().map(|m| m.article).collect();
        let sentence: Vec<usize> = members.iter().map(|m| m.claim.sentence as usize).collect();
        let groups = cluster(&article, &sentence, edges, w, |i, j| {
            let (a, b) = (&members[i], &members[j]);
            // Two values of one sentence are one fact only when they are one value.
            if a.article == b.article && a.claim.sentence == b.claim.sentence {
                a.claim.value == b.claim.value
            } else if a.article == b.article {
                // A person's relationship told in its stages (dating, engaged, split) is one
                // changing fact, however many stages the article gives.
                if a.claim.change == Change::Changes
                    && a.claim.value_type == "relationship"
                    && b.claim.value_type == "relationship"
                    && self.personal(a.claim, b.claim)
                {
                    return true;
                }
                // One article telling one fact twice says it alike: the same value, or values
                // that fit in sentences that share their words. A day and a clock time of it
                // ("today" in a quotation, "at 7.45am" in the narration) are two facts.
                self.compatible(st, a, b)
                    && (a.claim.value == b.claim.value
                        || self.words_alike(a, b) >= c.weights.min_context)
            } else {
                self.compatible(st, a, b)
            }
        });
        // The questions some article tells a count of as having risen ("the toll rose to
        // two"): the story says those figures moved between reports.
        let risen: FxHashSet<(&str, &str)> = raw
            .iter()
            .filter(|(_, claim)| claim.updated)
            .map(|(_, claim)| (claim.attribute, claim.event))
            .collect();
        let mut out: Vec<ClaimGroup> = groups
            .iter()
            .map(|g| {
                let cl: Vec<Member<'_>> = g.iter().map(|&k| members[k]).collect();
                self.claim_row(st, naming, &cl, &risen)
            })
            .collect();
        let rank = |s: &str| match s {
            "conflict" => 0,
            "differ" => 1,
            "self-conflict" => 2,
            "agree" => 3,
            _ => 4,
        };
        out.sort_by(|a, b| {
            rank(a.status)
                .cmp(&rank(b.status))
                .then_with(|| (a.attribute == MENTION).cmp(&(b.attribute == MENTION)))
                .then_with(|| {
                    b.confidence
                        .unwrap_or(0.0)
                        .total_cmp(&a.confidence.unwrap_or(0.0))
                })
                .then_with(|| a.subject.cmp(&b.subject))
                .then_with(|| a.attribute.cmp(b.attribute))
                .then_with(|| a.event.cmp(b.event))
                .then_with(|| a.unit.cmp(&b.unit))
        });
        out
    }

    /// What a fact's value measures, for alignment: facts of one dimension can align. Counts
    /// of different specific nouns (passengers, crew) are different dimensions; `people` is
    /// any count's.
    fn dimension(&self, x: &StoredClaim) -> (&'static str, &str) {
        let unit = &**self.c.strings.get(x.unit);
        match x.value_type {
            "amount" | "number" => match unit_dimension(unit) {
                "money" => ("money", unit),
                d => (d, ""),
            },
            t => (t, ""),
        }
    }

    /// How well two facts of one dimension align: `None` when they cannot (see [`align`]).
    ///
    /// [`align`]: super::align
    fn score(
        &self,
        st: &StoryView,
        naming: &Naming,
        a: &Member<'_>,
        b: &Member<'_>,
    ) -> Option<f32> {
        let c = self.c;
        let w = &c.weights;
        let (x, y) = (a.claim, b.claim);
        let (sa, sb) = (self.subject_set(naming, x), self.subject_set(naming, y));
        // A person's age, role or relationship is the person's: it aligns by who, not by
        // the words around it. One person joins the only couple that includes them.
        if self.personal(x, y) {
            let meets = sa == sb
                || x.value_type == "relationship"
                    && (sa.len() == 1 && sb.contains(&sa[0])
                        || sb.len() == 1 && sa.contains(&sb[0]));
            return meets.then_some(1.0);
        }
        // Counts of two specific nouns (passengers and crew) are two questions.
        if self.other_nouns(x, y) {
            return None;
        }
        let mut score = self.cosine(a, b).0;
        // Facts whose sentences share no word meet by their values alone: two events that
        // fall on one day ("Saturday" of a campaign email and of a speech) are not one fact.
        // One figure of several digits (30,000; £410,000), a clock time or an age told alike
        // is evidence enough.
        let telling = x.value == y.value
            && (x.value_type == "age"
                || x.cmp
                    .is_some_and(|v| specific(v) && !matches!(v, super::Value::Date { .. })));
        if score <= 0.0 && !telling {
            return None;
        }
        let mention = |m: &StoredClaim| m.attribute == MENTION;
        // Every dated event answers "when": for dates, the event says which question.
        let same_question =
            x.attribute == y.attribute && (x.attribute != WHEN || x.event == y.event);
        if !mention(x) && !mention(y) {
            score += if same_question {
                w.same_attribute
            } else if x.attribute == y.attribute {
                0.0
            } else {
                w.other_attribute
            };
        } else if mention(x) != mention(y) && !(a.article != b.article && a.only && b.only) {
            // (Each the only value of its kind in its article: a cue on one side only is no
            // evidence of two questions.)
            score += w.mention;
        }
        if !x.event.is_empty() && !y.event.is_empty() {
            score += if x.event == y.event {
                w.same_event
            } else {
                w.other_event
            };
        }
        let meet = self.subjects_meet(naming, x, y);
        match meet {
            Some(true) => score += w.same_subject,
            Some(false) => score += w.other_subject,
            None => {}
        }
        let empty = |k: u32| c.keys.get(k).is_empty();
        if !empty(x.noun) && !empty(y.noun) && x.noun != y.noun {
            score += w.other_noun;
        }
        if self.compatible(st, a, b) {
            score += w.compatible_values;
            // One specific value in both (a clock time, a day, a figure of several digits) is
            // evidence of one fact, as a quotation's own words are.
            if x.value == y.value && x.cmp.is_some_and(specific) {
                score += w.same_specific;
            }
        }
        // Whose estimate a count is ("by police") keeps two facts from contradicting (see
        // `fair`), not from aligning: the police's crowd sits beside the organisers'.
        let what = |m: &StoredClaim| -> Vec<u32> {
            c.key_lists
                .get(m.qualifiers)
                .iter()
                .copied()
                .filter(|&k| !super::context::is_estimate(c.keys.get(k)))
                .collect()
        };
        let (qa, qb) = (what(x), what(y));
        if !qa.is_empty() && !qb.is_empty() && qa != qb {
            score += w.other_qualifiers;
        }
        // Background about another incident answers another question: with another value it
        // never meets the story's own ("310 jobs went when it shut Brantham in 2019" beside
        // "580 jobs to go"); with the same value, the background reading may be wrong.
        if x.background != y.background {
            if !self.compatible(st, a, b) {
                return None;
            }
            score += w.background;
        }
        // Each the only value of its kind its article gives (the one clock time, the one
        // percentage): likely one question, as for two facts a cue names alike.
        if a.article != b.article && meet != Some(false) && a.only && b.only {
            score += w.only_of_kind;
        }
        Some(score)
    }

    /// True for two counts of different specific nouns (passengers and crew): `people` is
    /// any count's noun.
    fn other_nouns(&self, x: &StoredClaim, y: &StoredClaim) -> bool {
        let count_unit =
            |m: &StoredClaim| is_count_unit(self.c.strings.get(m.unit)).then_some(m.unit);
        self.dimension(x).0 == "count"
            && self.dimension(y).0 == "count"
            && matches!((count_unit(x), count_unit(y)), (Some(p), Some(q)) if p != q)
    }

    /// True when a fact is the only value its article gives for its attribute and event
    /// (told once or repeated): two articles that each give one price for the deal speak of
    /// one price, whatever their other words.
    fn only_answer(&self, m: &Member<'_>) -> bool {
        let x = m.claim;
        x.attribute != MENTION
            && self.c.claims(m.article).iter().all(|y| {
                // Background about another incident answers another question.
                y.background && !x.background
                    || another_time(x, y, i64::from(NEWS_PEG_DAYS))
                    || y.attribute != x.attribute
                    || y.event != x.event
                    || self.dimension(y) != self.dimension(x)
                    || self.other_nouns(x, y)
                    || y.value == x.value
                    // A length in other units measures another way ("14 hours over three
                    // days"): never contradicts, nor makes two answers.
                    || x.value_type == "duration"
                        && duration_unit(self.c.strings.get(x.value))
                            != duration_unit(self.c.strings.get(y.value))
                    // One answer told more or less finely ("on Tuesday", "at 2.35pm on
                    // Tuesday").
                    || matches!((x.cmp, y.cmp), (Some(p), Some(q)) if p.compatible(q))
            })
    }

    /// An age of someone the article describes but does not name ("a six-year-old girl"),
    /// and the only such age it gives: two of these meet by their words alone.
    fn described_age(&self, m: &Member<'_>) -> bool {
        let unnamed =
            |x: &StoredClaim| x.value_type == "age" && self.c.claim_subjects(x).is_empty();
        unnamed(m.claim)
            && self
                .c
                .claims(m.article)
                .iter()
                .all(|y| !unnamed(y) || y.value == m.claim.value)
    }

    /// True when the fact's value is the only one of its kind its article gives (told any
    /// number of times): the only clock time, percentage, count of its noun, sum in its
    /// currency or length of time. Background and values told as changed do not count.
    fn only_of_kind(&self, article: usize, x: &StoredClaim) -> bool {
        if x.background {
            return false;
        }
        let kind = |y: &StoredClaim| {
            let clock = matches!(y.cmp, Some(super::Value::Time { .. }));
            (self.dimension(y), clock, y.noun)
        };
        let k = kind(x);
        // Lengths of time, clock times and percentages only: dates without a clock are too
        // many and too varied to count on, and counts and sums are often estimates of one
        // thing by two parties (the police's crowd and the organisers').
        let percent = self.dimension(x).0 == "percent";
        if !(x.value_type == "duration" || k.1 || percent) {
            return false;
        }
        self.c
            .claims(article)
            .iter()
            .filter(|y| !y.background && kind(y) == k)
            .all(|y| y.value == x.value)
    }

    /// A fact's subjects as the story names them: entity keys, aliases resolved, sorted.
    fn subject_set(&self, naming: &Naming, m: &StoredClaim) -> Vec<u32> {
        let mut v: Vec<u32> = self
            .c
            .claim_subjects(m)
            .iter()
            .map(|&k| naming.key(k))
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    }

    /// True for two facts of a person (an age, a role, a relationship) that both name whose:
    /// they align by the person, not by their words.
    fn personal(&self, x: &StoredClaim, y: &StoredClaim) -> bool {
        matches!(x.value_type, "age" | "role" | "relationship")
            && !self.c.claim_subjects(x).is_empty()
            && !self.c.claim_subjects(y).is_empty()
    }

    /// Whether two facts are about one subject: `Some(true)` for the same subjects,
    /// `Some(false)` for other subjects neither fact's sentence names beside its own, `None`
    /// when either has none or one names the other's ("Castleford signed Reinholt").
    fn subjects_meet(&self, naming: &Naming, x: &StoredClaim, y: &StoredClaim) -> Option<bool> {
        let c = self.c;
        let (sa, sb) = (self.subject_set(naming, x), self.subject_set(naming, y));
        if sa.is_empty() || sb.is_empty() {
            return None;
        }
        let named = |m: &StoredClaim, s: &[u32]| {
            let e: Vec<u32> = c.claim_entities(m).iter().map(|&k| naming.key(k)).collect();
            s.iter().all(|k| e.contains(k))
        };
        // "Hestia" and "the Hestia family": one name inside the other may be one thing.
        let within = |p: &str, q: &str| {
            let words: Vec<&str> = q.split(' ').collect();
            p.split(' ').all(|w| words.contains(&w))
        };
        let nested = sa.iter().any(|&a| {
            sb.iter().any(|&b| {
                let (p, q) = (&**c.keys.get(a), &**c.keys.get(b));
                within(p, q) || within(q, p)
            })
        });
        if sa == sb {
            Some(true)
        } else if !nested && !named(x, &sb) && !named(y, &sa) {
            Some(false)
        } else {
            None
        }
    }

    /// The cosine of two facts' contexts without their counted nouns: how much their
    /// sentences say alike beyond what they count (the unit says that already).
    fn words_alike(&self, a: &Member<'_>, b: &Member<'_>) -> f32 {
        let (na, nb) = (a.claim.noun, b.claim.noun);
        let rest = |m: &Member<'_>, n: u32| -> Vec<(u32, f32)> {
            m.ctx
                .iter()
                .filter(|e| e.0 != n)
                .map(|e| (e.0, e.2))
                .collect()
        };
        let (p, q) = (rest(a, na), rest(b, nb));
        let norm = |v: &[(u32, f32)]| v.iter().map(|e| e.1 * e.1).sum::<f32>().sqrt();
        let (np, nq) = (norm(&p), norm(&q));
        if np == 0.0 || nq == 0.0 {
            return 0.0;
        }
        let dot: f32 = p
            .iter()
            .filter_map(|e| q.iter().find(|f| f.0 == e.0).map(|f| e.1 * f.1))
            .sum();
        dot / (np * nq)
    }

    /// The cosine of two facts' weighted contexts, and the words they share, heaviest first.
    fn cosine(&self, a: &Member<'_>, b: &Member<'_>) -> (f32, Vec<u32>) {
        let mut shared: Vec<(f32, u32)> = Vec::new();
        let mut dot = 0.0;
        for e in a.ctx {
            if let Some(f) = b.ctx.iter().find(|f| f.0 == e.0) {
                let v = e.2 * f.2;
                dot += v;
                shared.push((v, e.1));
            }
        }
        shared.sort_by(|x, y| y.0.total_cmp(&x.0).then_with(|| x.1.cmp(&y.1)));
        (dot, shared.into_iter().map(|s| s.1).collect())
    }

    /// One row of `compare_claims`: the values of a group of claims and their status.
    fn claim_row(
        &self,
        st: &StoryView,
        naming: &Naming,
        cl: &[Member<'_>],
        risen: &FxHashSet<(&str, &str)>,
    ) -> ClaimGroup {
        let c = self.c;
        let w = &c.weights;
        // The row's question: the attribute most of its facts answer (a mention only when
        // none answers one), and the event most of those give.
        let most = |f: &dyn Fn(&StoredClaim) -> &'static str| -> &'static str {
            let mut counts: Vec<(&'static str, usize)> = Vec::new();
            for m in cl {
                let v = f(m.claim);
                match counts.iter_mut().find(|x| x.0 == v) {
                    Some(x) => x.1 += 1,
                    None => counts.push((v, 1)),
                }
            }
            counts
                .iter()
                .filter(|x| !x.0.is_empty() && x.0 != MENTION)
                .max_by_key(|x| x.1)
                .or_else(|| counts.first())
                .map_or("", |x| x.0)
        };
        let attribute = most(&|x| x.attribute);
        let event = most(&|x| {
            if x.attribute == attribute {
                x.event
            } else {
                ""
            }
        });
        let first = cl
            .iter()
            .find(|m| m.claim.attribute == attribute)
            .unwrap_or(&cl[0])
            .claim;
        // The best-aligned pair of facts from two sources: the row's confidence, and the
        // words they share are why they sit side by side.
        let mut best: Option<(f32, &Member<'_>, &Member<'_>)> = None;
        for (x, a) in cl.iter().enumerate() {
            for b in &cl[x + 1..] {
                if a.source == b.source {
                    continue;
                }
                let s = self.score(st, naming, a, b).unwrap_or(0.0);
                if best.is_none_or(|(t, _, _)| s > t) {
                    best = Some((s, a, b));
                }
            }
        }
        let confidence = best.map(|b| b.0.clamp(0.0, 1.0));
        let because = best
            .map(|(_, a, b)| {
                let (_, shared) = self.cosine(a, b);
                shared
                    .iter()
                    .take(BECAUSE_WORDS)
                    .map(|&k| c.strings.get(k).to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .unwrap_or_default();
        // Two facts contradict only when they answer one question that a cue named (never two
        // mentions), align strongly (or each is the only answer its article gives to that
        // question), carry the same qualifiers, are about no two subjects and neither is
        // background about another incident. Dates must share their context words too, and
        // ages their person.
        // Qualifiers hold for every telling of a value in one article: a headline's "£2.3bn
        // deal" is the body's "£2.3bn including debt".
        let quals = |m: &Member<'_>| -> BTreeSet<u32> {
            c.claims(m.article)
                .iter()
                .filter(|x| {
                    x.value == m.claim.value && self.dimension(x) == self.dimension(m.claim)
                })
                .flat_map(|x| c.key_lists.get(x.qualifiers).iter().copied())
                .collect()
        };
        // Whose estimates ("by police", "by organisers"): two parties' figures never
        // contradict, but a figure whose party is not named may be either's.
        let by = |q: &BTreeSet<u32>| -> BTreeSet<u32> {
            q.iter()
                .copied()
                .filter(|&k| super::context::is_estimate(c.keys.get(k)))
                .collect()
        };
        let same_quals = |a: &Member<'_>, b: &Member<'_>| {
            let (qa, qb) = (quals(a), quals(b));
            let (ba, bb) = (by(&qa), by(&qb));
            qa.difference(&ba).eq(qb.difference(&bb))
                && (ba.is_empty() || bb.is_empty() || !ba.is_disjoint(&bb))
        };
        // A third article that tells both values as two facts ("£85,000 to the family and
        // £1.2m to the residents") shows they are two quantities, not one told two ways.
        let told_apart = |a: &Member<'_>, b: &Member<'_>| {
            st.articles.iter().any(|&art| {
                let has = |m: &Member<'_>| {
                    c.claims(art).iter().any(|y| {
                        y.value == m.claim.value && self.dimension(y) == self.dimension(m.claim)
                    })
                };
                art != a.article && art != b.article && has(a) && has(b)
            })
        };
        // What someone is quoted saying ("only getting 30 percent of the vote in some
        // area") is theirs: it contradicts only what the same person is quoted saying, and
        // the outlet's own report only in the outlet's own words.
        let same_voice = |a: &Member<'_>, b: &Member<'_>| match (a.claim.quoted, b.claim.quoted) {
            (None, None) => true,
            (Some(x), Some(y)) => x == y && !c.keys.get(x).is_empty(),
            _ => false,
        };
        let clock = |m: &Member<'_>| matches!(m.claim.cmp, Some(super::Value::Time { .. }));
        let fair = |a: &Member<'_>, b: &Member<'_>| {
            // "four days deliberating" and "30 hours of deliberation": lengths of time told in
            // other units count other things (days on which, hours spent).
            (a.claim.value_type != "duration"
                || duration_unit(c.strings.get(a.claim.value))
                    == duration_unit(c.strings.get(b.claim.value)))
            // "3:30 p.m." and "4:30 p.m. ET" may be one kick-off in two zones.
            && (!clock(a) || !clock(b) || a.claim.zone == b.claim.zone)
                && !a.claim.background
                && !b.claim.background
                && same_voice(a, b)
                && !a.claim.updated
                && !b.claim.updated
                && same_quals(a, b)
                && !told_apart(a, b)
        };
        // A value no cue names (a mention) contradicts only by its context: its sentence says
        // much the same as the other's (`mention_strong`, `mention_context`), or it is the
        // only one of its kind in each article (the one length of time, clock time or
        // percentage each gives) and they align. Either way in one news cycle (a figure told a
        // week later may have moved), about no two subjects. The score is judged without the
        // mention's own penalty: a cue on one side only is no evidence against.
        let by_context = |a: &Member<'_>, b: &Member<'_>| {
            let day = |m: &Member<'_>| c.articles[m.article].published;
            let mixed = (a.claim.attribute == MENTION) != (b.claim.attribute == MENTION);
            let score = || {
                self.score(st, naming, a, b)
                    .map(|s| s - if mixed { w.mention } else { 0.0 })
            };
            fair(a, b)
                && (a.claim.attribute == MENTION || b.claim.attribute == MENTION)
                && a.claim.value_type != "age"
                && match (day(a), day(b)) {
                    (Some(x), Some(y)) => (x - y).get_days().abs() <= NEWS_PEG_DAYS,
                    _ => false,
                }
                && self.subjects_meet(naming, a.claim, b.claim) != Some(false)
                && (self.words_alike(a, b) >= w.mention_context
                    && score().is_some_and(|s| s >= w.mention_strong)
                    || a.only
                        && b.only
                        && self.words_alike(a, b) >= w.min_context
                        && score().is_some_and(|s| s >= w.align))
        };
        let earned = |a: &Member<'_>, b: &Member<'_>| {
            by_context(a, b)
                || a.claim.attribute != MENTION
                    && a.claim.attribute == b.claim.attribute
                    && a.claim.event == b.claim.event
                    && (a.claim.value_type != "date"
                        || self.words_alike(a, b) >= w.date_context
                        // The one clock time each article gives, for one event a cue names
                        // in both: as good as shared words.
                        || clock(a)
                            && clock(b)
                            && a.only
                            && b.only
                            && !a.claim.event.is_empty()
                            && self.words_alike(a, b) > 0.0)
                    && (a.claim.value_type != "age"
                        || self.personal(a.claim, b.claim)
                        || self.described_age(a) && self.described_age(b))
                    && fair(a, b)
                    && self.subjects_meet(naming, a.claim, b.claim) != Some(false)
                    && self.score(st, naming, a, b).is_some_and(|s| {
                        self.personal(a.claim, b.claim)
                            || s >= w.strong && self.words_alike(a, b) >= w.min_context
                            || s >= w.align
                                && a.claim.value_type != "age"
                                && a.claim.attribute == b.claim.attribute
                                && a.claim.event == b.claim.event
                                && self.only_answer(a)
                                && self.only_answer(b)
                    })
        };
        // Distinct values per source: (source, value id, the member first giving it).
        let mut per: BTreeMap<String, Vec<Member<'_>>> = BTreeMap::new();
        let empty = |x: &StoredClaim| c.strings.get(x.when).is_empty();
        for m in cl {
            let src = c.sources.get(m.source).to_string();
            let list = per.entry(src).or_default();
            if list.iter().any(|x| same_value(x.claim, m.claim)) {
                continue;
            }
            // "engaged" beside "engaged (early 2022)": the dated one says it all.
            let undated = |x: &StoredClaim, y: &StoredClaim| {
                x.value == y.value && x.cmp == y.cmp && x.hedged == y.hedged && empty(x)
            };
            if list.iter().any(|x| undated(m.claim, x.claim)) {
                continue;
            }
            list.retain(|x| !undated(x.claim, m.claim));
            list.push(*m);
        }
        let shown = |m: &Member<'_>| {
            let claim = m.claim;
            let plain = c.strings.get(claim.plain);
            let code = c.strings.get(claim.value);
            let mut s = if matches!(claim.value_type, "date" | "duration") && **plain != **code {
                format!("{code} ({plain})")
            } else {
                plain.to_string()
            };
            let when = c.strings.get(claim.when);
            if !when.is_empty() {
                s.push_str(&format!(" ({when})"));
            }
            if claim.hedged && claim.value_type != "relationship" {
                s.push_str(" (reported)");
            }
            s
        };
        let values: BTreeMap<String, Vec<String>> = per
            .iter()
            .map(|(s, ms)| {
                let mut v: Vec<String> = Vec::new();
                for m in ms {
                    let x = shown(m);
                    if !v.contains(&x) {
                        v.push(x);
                    }
                }
                (s.clone(), v)
            })
            .collect();
        let change = first.change;
        let compatible = |a: &Member<'_>, b: &Member<'_>| self.compatible(st, a, b);
        let mention = attribute == MENTION;
        let published = |m: &Member<'_>| c.articles[m.article].published;
        // An event each article dates to its own days ("Castro announced Wednesday", in two
        // articles a week apart): each reports its own day's news.
        // Articles published days apart ("Wednesday" in two weekly reports), not hours.
        let days_apart = |a: &Member<'_>, b: &Member<'_>| match (published(a), published(b)) {
            (Some(x), Some(y)) => (x - y).get_days().abs() > NEWS_PEG_DAYS,
            _ => false,
        };
        // A dated value's days `[lo, hi)` and its article's publication day, all counted
        // from 1970-01-01.
        let dated = |m: &Member<'_>| match (m.claim.cmp, published(m)) {
            (Some(super::Value::Date { lo, hi }), Some(p)) => Some((
                lo,
                hi,
                (p - jiff::civil::Date::constant(1970, 1, 1)).get_days(),
            )),
            _ => None,
        };
        let own_news = |m: &Member<'_>| {
            dated(m).is_some_and(|(lo, hi, day)| hi - lo <= 2 && (day - lo).abs() <= NEWS_PEG_DAYS)
        };
        // Dated to exactly the day it was published ("announced today").
        let own_day =
            |m: &Member<'_>| dated(m).is_some_and(|(lo, hi, day)| lo == day && hi == day + 1);
        // Sources that contradict themselves (fixed facts only: a toll that rises or a couple
        // that gets engaged is no self-contradiction).
        let mut selfish: Vec<String> = Vec::new();
        if !mention && matches!(change, Change::Fixed | Change::Recurs) {
            // Two values of one sentence are two things ("signed Brand to an $82 million deal
            // and re-signed Iguodala for $80 million"), not a writer contradicting themselves.
            let clash = |a: &Member<'_>, b: &Member<'_>| {
                (a.article, a.claim.sentence) != (b.article, b.claim.sentence)
                    // One article giving two dates of a recurring kind of event (a visit, an
                    // announcement) tells of two of them ("visited on Wednesday, as he did in
                    // September").
                    && !(change == Change::Recurs && a.article == b.article)
                    // Two of its articles of two days, each dating the event to the day it
                    // was published ("announced today"), each report that day's news.
                    && !(change == Change::Recurs
                        && a.article != b.article
                        && published(a) != published(b)
                        && own_day(a)
                        && own_day(b))
                    && a.claim.attribute != MENTION
                    && a.claim.attribute == b.claim.attribute
                    && a.claim.event == b.claim.event
                    && self.subjects_meet(naming, a.claim, b.claim) != Some(false)
                    && (self.words_alike(a, b) >= w.self_context
                        || a.article != b.article
                            // Two of its articles published on two days, dating an event of a
                            // recurring kind days apart, may tell of two: only their words can
                            // say they are one (a day apart is one event told wrong).
                            && !(change == Change::Recurs
                                && published(a) != published(b)
                                && far_apart(a.claim, b.claim, NEWS_PEG_DAYS))
                            && self.subjects_meet(naming, a.claim, b.claim) == Some(true)
                            && self.only_answer(a)
                            && self.only_answer(b))
                    && !compatible(a, b)
                    && !a.claim.background
                    && !b.claim.background
                    && self.score(st, naming, a, b).is_some_and(|s| {
                        s >= if a.article == b.article {
                            w.self_strong
                        } else {
                            w.strong
                        }
                    })
                    && !(change == Change::Recurs
                        && (far_apart(a.claim, b.claim, RECUR_DAYS)
                            || published(a).is_none()
                            || published(b).is_none()))
            };
            for (s, ms) in &per {
                if ms
                    .iter()
                    .enumerate()
                    .any(|(x, a)| ms[x + 1..].iter().any(|b| clash(a, b)))
                {
                    selfish.push(format!(
                        "{s} contradicts itself: {}",
                        ms.iter().map(&shown).collect::<Vec<_>>().join(" vs ")
                    ));
                }
            }
        }
        // Every fact of each source (not only its distinct values): whether a contradiction
        // is earned depends on how well the facts align, and a headline aligns less well than
        // the sentence that tells the same value.
        let mut all: BTreeMap<&str, Vec<Member<'_>>> = BTreeMap::new();
        for m in cl {
            all.entry(&**c.sources.get(m.source)).or_default().push(*m);
        }
        // Pairs of sources: compatible, contradicting, or differing in a way time may explain.
        let srcs: Vec<(&String, &Vec<Member<'_>>)> = per.iter().collect();
        let mut conflicts = Vec::new();
        let mut differs = Vec::new();
        // Values that disagree in facts aligned too weakly (or qualified, or background) to
        // call a contradiction: shown side by side as a difference.
        let mut weak = Vec::new();
        // "source: v1, v2 (published 2026-06-01)": values by publication date.
        let label = |s: &str, ms: &[Member<'_>], dated: bool| {
            let mut by_day: Vec<(Option<Date>, Vec<String>)> = Vec::new();
            for m in ms {
                let day = if dated { published(m) } else { None };
                match by_day.iter_mut().find(|x| x.0 == day) {
                    Some(x) => x.1.push(shown(m)),
                    None => by_day.push((day, vec![shown(m)])),
                }
            }
            let parts: Vec<String> = by_day
                .into_iter()
                .map(|(day, v)| {
                    let v = v.join(", ");
                    match (dated, day) {
                        (false, _) => v,
                        (true, Some(d)) => format!("{v} (published {d})"),
                        (true, None) => format!("{v} (publication date unknown)"),
                    }
                })
                .collect();
            format!("{s}: {}", parts.join("; "))
        };
        // Values that fit together, one much vaguer than the other.
        let mut vaguer = Vec::new();
        // Whether two sources tell one value alike.
        let mut met = false;
        for (x, (sa, ma)) in srcs.iter().enumerate() {
            for (sb, mb) in &srcs[x + 1..] {
                // A fact that holds once: one value the two share is enough. A value that
                // changes: each must give no value the other lacks ("dating" against "dating,
                // engaged, split" differs).
                let fits = |p: &[Member<'_>], q: &[Member<'_>]| {
                    p.iter().all(|a| q.iter().any(|b| compatible(a, b)))
                };
                let meet = match change {
                    Change::Changes => fits(ma, mb) && fits(mb, ma),
                    _ => ma.iter().any(|a| mb.iter().any(|b| self.same(st, a, b))),
                };
                if meet {
                    met = true;
                    continue;
                }
                // Values that can both be right, one much vaguer ("last year" and
                // "November", "more than 5,000" and 12,000): no contradiction, and no
                // agreement either.
                if change != Change::Changes
                    && ma.iter().any(|a| mb.iter().any(|b| compatible(a, b)))
                {
                    vaguer.push(format!(
                        "{} vs {}",
                        label(sa, ma, false),
                        label(sb, mb, false)
                    ));
                    continue;
                }
                let earned = all[sa.as_str()]
                    .iter()
                    .any(|a| all[sb.as_str()].iter().any(|b| earned(a, b)));
                if debug_align() {
                    for a in &all[sa.as_str()] {
                        for b in &all[sb.as_str()] {
                            eprintln!(
                                "EARNED {} ~ {}: by_context {} fair {} subjects {:?} score {:?} alike {:.2} only_answer {} {} quals {}",
                                c.strings.get(a.claim.value),
                                c.strings.get(b.claim.value),
                                by_context(a, b),
                                fair(a, b),
                                self.subjects_meet(naming, a.claim, b.claim),
                                self.score(st, naming, a, b),
                                self.words_alike(a, b),
                                self.only_answer(a),
                                self.only_answer(b),
                                same_quals(a, b),
                            );
                        }
                    }
                }
                // Two different roles are both true more often than not ("striker",
                // "forward"), and so are a role with and without "former": on real news a
                // title is given of the time told ("criticised President Barack Obama for
                // using executive action", "former President Barack Obama" in the next
                // outlet), and "former" is dropped as often as it differs.
                let other_roles = first.value_type == "role";
                let explained = other_roles
                    || match change {
                        Change::Fixed => false,
                        // Dates of a recurring event far apart, or in undated articles (nothing
                        // says they tell of the same days): perhaps two events.
                        Change::Recurs => ma.iter().all(|a| {
                            mb.iter().all(|b| {
                                far_apart(a.claim, b.claim, RECUR_DAYS)
                                    || published(a).is_none()
                                    || published(b).is_none()
                                    || own_news(a) && own_news(b) && days_apart(a, b)
                            })
                        }),
                        Change::Varies => true,
                        Change::Changes => ma.iter().any(|a| {
                            mb.iter().any(|b| {
                                published(a) != published(b)
                                    || published(a).is_none()
                                    || a.claim.when != b.claim.when
                            })
                        }),
                        // An age told later may be higher by the birthdays between.
                        Change::Ages => ma.iter().any(|a| {
                            mb.iter().any(|b| match (published(a), published(b)) {
                                (Some(da), Some(db)) if da == db => false,
                                (Some(da), Some(db)) => {
                                    let (early, late) = if da < db { (a, b) } else { (b, a) };
                                    let days = (da - db).get_days().abs();
                                    let birthdays = f64::from((days + 364) / 365);
                                    let gain = low(late.claim) - low(early.claim);
                                    (0.0..=birthdays).contains(&gain)
                                }
                                _ => true,
                            })
                        }),
                        // A figure some outlet tells as having risen ("the toll rose to
                        // two"): the story itself says it moved between reports.
                        Change::Rises
                            if cl.iter().any(|m| m.claim.updated)
                                || risen.contains(&(attribute, event)) =>
                        {
                            true
                        }
                        Change::Rises => ma.iter().any(|a| {
                            mb.iter().any(|b| match (published(a), published(b)) {
                                (Some(da), Some(db)) if da == db => false,
                                (Some(da), Some(db)) => {
                                    let (early, late) = if da < db { (a, b) } else { (b, a) };
                                    low(early.claim) <= low(late.claim)
                                }
                                _ => true,
                            })
                        }),
                    };
                if !earned && !explained {
                    weak.push(format!(
                        "{} vs {}",
                        label(sa, ma, false),
                        label(sb, mb, false)
                    ));
                } else if explained {
                    let dated = !other_roles;
                    differs.push(format!(
                        "{} vs {}",
                        label(sa, ma, dated),
                        label(sb, mb, dated)
                    ));
                } else {
                    conflicts.push(format!(
                        "{} vs {}",
                        label(sa, ma, false),
                        label(sb, mb, false)
                    ));
                }
            }
        }
        let status = if !conflicts.is_empty() {
            "conflict"
        } else if !differs.is_empty() || !weak.is_empty() || !vaguer.is_empty() && !met {
            "differ"
        } else if !selfish.is_empty() {
            "self-conflict"
        } else if per.len() >= 2 {
            "agree"
        } else {
            "one"
        };
        let mut detail: Vec<String> = conflicts;
        if !differs.is_empty() {
            let why = if first.value_type == "role" {
                "the outlets describe the role differently (both may be true)"
            } else if change == Change::Recurs {
                "dates far apart or undated, perhaps of two events"
            } else if change == Change::Varies {
                "the outlets name other places (one may hold the other)"
            } else {
                "the outlets differ (time may explain it)"
            };
            detail.push(format!("{why}: {}", differs.join("; ")));
        }
        if !weak.is_empty() {
            detail.push(format!(
                "the values differ, but the facts may not be the same (aligned weakly, \
                 qualified otherwise, or background): {}",
                weak.join("; ")
            ));
        }
        // An outlet contradicting itself is the row's news: said first.
        if status == "self-conflict" {
            detail.splice(0..0, selfish);
        } else {
            detail.extend(selfish);
        }
        if !vaguer.is_empty() {
            detail.push(format!(
                "the values can both be right, but one is much vaguer than the other (not \
                 the same value told twice): {}",
                vaguer.join("; ")
            ));
        }
        let evidence = per
            .iter()
            .flat_map(|(s, ms)| {
                ms.iter().map(move |m| Evidence {
                    source: s.clone(),
                    place: self.place(m.article, m.claim.locus),
                    published: published(m),
                    shown: shown(m),
                    claim_id: m.claim.id,
                    value: c.strings.get(m.claim.value).to_string(),
                    plain: c.strings.get(m.claim.plain).to_string(),
                    unit: c.strings.get(m.claim.unit).to_string(),
                    when: c.strings.get(m.claim.when).to_string(),
                    hedged: m.claim.hedged,
                    text: c.strings.get(m.claim.text).to_string(),
                    sentence: c.strings.get(m.claim.evidence).to_string(),
                })
            })
            .collect();
        // The subject as the story names it (the first claim with one).
        let (subject, subject_key) = cl
            .iter()
            .find(|m| !c.claim_subjects(m.claim).is_empty())
            .map(|m| self.subject_of(st.number, m.claim))
            .unwrap_or_default();
        let _ = naming;
        ClaimGroup {
            subject,
            subject_key,
            attribute,
            event,
            value_type: first.value_type,
            unit: c.strings.get(first.unit).to_string(),
            status,
            values,
            detail: detail.join("; "),
            evidence,
            confidence,
            because,
        }
    }

    /// True when two claims of one row can both be right.
    fn compatible(&self, st: &StoryView, a: &Member<'_>, b: &Member<'_>) -> bool {
        let c = self.c;
        let (x, y) = (a.claim, b.claim);
        // The same words cannot contradict themselves: a sentence copied into a later article
        // ("Wednesday's ruling") only resolves to another day.
        if x.evidence == y.evidence && x.value_type == "date" {
            return true;
        }
        match x.value_type {
            "role" => roles_compatible(c.strings.get(x.key), c.strings.get(y.key)),
            "place" => {
                let (p, q) = (c.strings.get(x.key), c.strings.get(y.key));
                if p == q || p.contains(&**q) || q.contains(&**p) {
                    return true;
                }
                // Two places are both right when an outlet names both ("the High Street in
                // Banstead").
                let names = |source: u32, key: &str| {
                    st.articles.iter().any(|&i| {
                        c.articles[i].source == source
                            && c.entities(i).iter().any(|e| **c.keys.get(e.key) == *key)
                    })
                };
                names(a.source, q) || names(b.source, p)
            }
            _ => match (x.cmp, y.cmp) {
                (Some(p), Some(q)) => p.compatible(q),
                _ => x.value == y.value,
            },
        }
    }

    /// True when two facts tell the same value, not only values that can both be right:
    /// "last year" and "November" are compatible, but an agreement needs one as precise as
    /// the other (see [`super::Value::same`]).
    fn same(&self, st: &StoryView, a: &Member<'_>, b: &Member<'_>) -> bool {
        let (x, y) = (a.claim, b.claim);
        if !self.compatible(st, a, b) {
            return false;
        }
        match (x.value_type, x.cmp, y.cmp) {
            ("role" | "place", _, _) => true,
            (_, Some(p), Some(q)) => {
                (x.evidence == y.evidence && x.value_type == "date") || p.same(q)
            }
            _ => true,
        }
    }
}

/// Days from its article's publication within which a recurring event is that article's news.
const NEWS_PEG_DAYS: i32 = 3;

/// A fact's best partners kept per other article for the matching.
const EDGES_PER_ARTICLE: u8 = 2;

/// Shared context words shown in `because`.
const BECAUSE_WORDS: usize = 5;

/// The fewest words of a quotation that can be misattributed: a stock phrase of a few words
/// ("Let's turn lemons into lemonade") is said by many.
const MISATTRIBUTION_WORDS: usize = 10;

/// Days between two dates of a recurring event beyond which they are two events.
const RECUR_DAYS: i32 = 90;

/// True for a value precise enough that two outlets giving it likely tell one fact: a clock
/// time, a single day, a figure of 100 or more exact to 2 %.
fn specific(v: super::Value) -> bool {
    match v {
        super::Value::Time { .. } => true,
        super::Value::Date { lo, hi } => hi - lo == 1,
        super::Value::Range { lo, hi } => {
            lo.is_finite() && hi.is_finite() && lo >= 100.0 && (hi - lo) <= 0.02 * lo
        }
        super::Value::Text { .. } => false,
    }
}

/// True when the periods of two date claims are more than `days` apart.
fn far_apart(a: &StoredClaim, b: &StoredClaim, days: i32) -> bool {
    let day = |c: &StoredClaim| matches!(c.cmp, Some(super::Value::Date { .. }));
    day(a) && day(b) && another_time(a, b, i64::from(days))
}

/// The unit a length of time is told in, from its ISO 8601 code: `H`, `MIN`, `S` for hours,
/// minutes and seconds, `D`, `W`, `M`, `Y`, `DE` (decades) and so on for the rest.
fn duration_unit(code: &str) -> &str {
    let code = code.split(' ').next().unwrap_or("");
    let unit =
        code.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == 'P' || c == 'T');
    let unit = unit
        .rsplit(|c: char| c.is_ascii_digit() || c == '.')
        .next()
        .unwrap_or(unit);
    if code.contains('T') && unit == "M" {
        "MIN"
    } else {
        unit
    }
}

/// True when `NEWSRAKE_DEBUG_ALIGN` is set: every pair of facts scored, with their contexts,
/// and why each pair of differing values is or is not a contradiction, go to stderr.
fn debug_align() -> bool {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("NEWSRAKE_DEBUG_ALIGN").is_some())
}

/// The days `[lo, hi)` a date or a clock time falls on, counted from 1970-01-01.
fn days_of(c: &StoredClaim) -> Option<(i64, i64)> {
    const DAY: i64 = 24 * 60;
    match c.cmp? {
        super::Value::Date { lo, hi } => Some((i64::from(lo), i64::from(hi))),
        super::Value::Time { lo, hi } => Some((lo.div_euclid(DAY), (hi - 1).div_euclid(DAY) + 1)),
        _ => None,
    }
}

/// True for two dated values (days or clock times) more than `days` apart: another occurrence
/// ("a fire in August 2018" beside this Tuesday's).
fn another_time(a: &StoredClaim, b: &StoredClaim, days: i64) -> bool {
    match (days_of(a), days_of(b)) {
        (Some((a0, a1)), Some((b0, b1))) => b0 - a1 > days || a0 - b1 > days,
        _ => false,
    }
}

/// The lowest true value a claim allows (for counts that rise).
fn low(c: &StoredClaim) -> f64 {
    match c.cmp {
        Some(super::Value::Range { lo, .. }) => lo,
        _ => 0.0,
    }
}

/// True when two claims give the same value (so a source's list holds it once).
fn same_value(a: &StoredClaim, b: &StoredClaim) -> bool {
    a.value == b.value && a.cmp == b.cmp && a.when == b.when && a.hedged == b.hedged
}

/// Speakers per source, when any source names one.
fn by_source_if_any(
    keys: &BTreeMap<String, BTreeSet<u32>>,
    by_source: BTreeMap<String, Vec<String>>,
) -> BTreeMap<String, Vec<String>> {
    if keys.is_empty() {
        BTreeMap::new()
    } else {
        by_source
    }
}

/// Words that mean the same in a role (`ceo` is `chief executive`).
fn role_words(r: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for w in r.split(' ') {
        match w {
            "ceo" => out.extend(["chief", "executive"]),
            "md" => out.extend(["managing", "director"]),
            "officer" if out.ends_with(&["chief", "executive"]) => {}
            "boss" => out.push("head"),
            w => out.push(w),
        }
    }
    out
}

/// Two roles can both be right when one's words hold the other's (`minister`, `transport
/// minister`), unless one says `former` and the other not.
fn roles_compatible(a: &str, b: &str) -> bool {
    let (x, y) = (role_words(a), role_words(b));
    let former = |v: &[&str]| v.contains(&"former");
    if former(&x) != former(&y) {
        return false;
    }
    let sub = |p: &[&str], q: &[&str]| p.iter().all(|w| q.contains(w));
    sub(&x, &y) || sub(&y, &x)
}

/// How a story names its entities (see the module notes).
fn naming(c: &Comparer, st: &StoryView) -> Naming {
    // Mentions per (key, name), and each key's kind by vote.
    let mut mentions: FxHashMap<(u32, u32), u32> = FxHashMap::default();
    let mut kinds: FxHashMap<u32, [u32; 4]> = FxHashMap::default();
    for &i in &st.articles {
        for e in c.entities(i) {
            *mentions.entry((e.key, e.name)).or_default() += e.mentions.max(1);
            kinds.entry(e.key).or_default()[e.kind as usize] += e.mentions.max(1);
        }
    }
    let kind_of = |k: u32| {
        let v = kinds.get(&k).copied().unwrap_or_default();
        (0..4)
            .max_by_key(|&i| (v[i], std::cmp::Reverse(i)))
            .unwrap_or(3)
    };
    let mut keys: Vec<u32> = kinds.keys().copied().collect();
    keys.sort_by(|a, b| c.keys.get(*a).cmp(c.keys.get(*b)));
    // Names of several words by their last word (a person's surname) and by their first (an
    // organisation's short name): each one-word key looks up its own, so the story's keys are
    // read once, not once per one-word key.
    let mut by_last: FxHashMap<&str, Vec<u32>> = FxHashMap::default();
    let mut by_first: FxHashMap<&str, Vec<u32>> = FxHashMap::default();
    for &o in &keys {
        let other: &str = c.keys.get(o);
        if let (Some(first), Some(last)) = (other.split(' ').next(), other.rsplit(' ').next())
            && other.contains(' ')
        {
            by_last.entry(last).or_default().push(o);
            by_first.entry(first).or_default().push(o);
        }
    }
    let mut alias = FxHashMap::default();
    for &k in &keys {
        let key: &str = c.keys.get(k);
        if key.contains(' ') {
            continue;
        }
        let kind = kind_of(k);
        let index = match kind {
            // NameKind::Person: a surname ends the full name.
            0 => &by_last,
            // NameKind::Org: a short name begins the full one.
            1 => &by_first,
            _ => continue,
        };
        let mut longer = index
            .get(key)
            .into_iter()
            .flatten()
            .copied()
            .filter(|&o| o != k && kind_of(o) == kind);
        if let (Some(only), None) = (longer.next(), longer.next()) {
            alias.insert(k, only);
        }
    }
    let mut best: FxHashMap<u32, (u32, u32, bool)> = FxHashMap::default();
    let mut entries: Vec<((u32, u32), u32)> = mentions.into_iter().collect();
    entries.sort_by(|a, b| {
        c.keys
            .get(a.0.0)
            .cmp(c.keys.get(b.0.0))
            .then_with(|| c.strings.get(a.0.1).cmp(c.strings.get(b.0.1)))
    });
    // Names written for the key itself first; an alias's ("Pryce") only when the entity has
    // none of its own.
    for short in [false, true] {
        for &((k, name), n) in &entries {
            if alias.contains_key(&k) != short {
                continue;
            }
            let k = alias.get(&k).copied().unwrap_or(k);
            if short && best.get(&k).is_some_and(|e| !e.2) {
                continue;
            }
            let e = best.entry(k).or_insert((name, 0, short));
            let longer = c.strings.get(name).len() > c.strings.get(e.0).len();
            if n > e.1 || n == e.1 && longer {
                *e = (name, n, short);
            }
        }
    }
    Naming {
        alias,
        name: best.into_iter().map(|(k, (n, _, _))| (k, n)).collect(),
    }
}

pub(crate) fn status(n: usize, of: usize) -> &'static str {
    if n >= of {
        "all"
    } else if n == 1 {
        "one"
    } else {
        "some"
    }
}
