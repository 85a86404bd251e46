//! Comparing sources: stories, and what the outlets of a story agree and disagree on.
//!
//! Workers reduce every article to a [`Digest`] (its entity keys, claims with their evidence,
//! quotations, a narration [`Sketch`] and its story terms); the writer thread feeds the
//! digests to a [`Comparer`], which keeps only compact state: pooled keys, names, claim
//! values, evidence sentences (each at most a sentence's 2,048 bytes), quotation texts,
//! term lists and a sketch of at most 256 bytes per article. Nothing else of the text read is
//! kept.
//!
//! **Stories** are events: see [`stories`]. Only stories with articles from at least two
//! sources are compared.
//!
//! **Claims** of a story are aligned by subject and attribute, whatever their wording, and
//! each row gets a status (`conflict`, `differ`, `self-conflict`, `agree`, `one`): see the
//! view module's notes and [`values`] for when two values are compatible.
//!
//! **Memory.** The state kept per article is a few numbers; strings, entity lists, claim
//! lists, quotation lists, term lists and sketches are pooled, so each distinct one is stored
//! once.
//!
//! **Tables.** `stories`, `compare_names`, `compare_quotes` and `compare_claims` (long: one row
//! per finding and source; `--wide`: one column per source, sources in sorted order), and
//! `comparison.md`, a digest per story.

pub mod align;
pub mod context;
mod report;
pub mod stories;
mod table;
pub mod values;
mod view;
pub mod wording;

use std::hash::{BuildHasher, Hash};
use std::path::{Path, PathBuf};

use jiff::civil::Date;
use rustc_hash::{FxBuildHasher, FxHashMap};

use crate::Error;
use crate::extract::claims::Change;
use crate::extract::names::NameKind;
use crate::input::Article;
use crate::output::{Format, Pending, Table};
use crate::pipeline::Analysis;
use crate::span::Span;
pub use stories::TermRules;
use values::{Value, describe};
use wording::Sketch;

/// At most this many distinct wordings in one story are compared pairwise for similarity;
/// beyond it only equal wordings are grouped (a guard against quadratic time on huge stories).
const MAX_FUZZY_WORDINGS: usize = 2000;

/// The most sources `--wide` writes a column for.
pub const MAX_WIDE_SOURCES: usize = 50;

/// An entity of one article, for comparison.
#[derive(Clone, Debug)]
pub struct DigestEntity {
    /// Where it is first named.
    pub first: Locus,
    /// Cross-article key.
    pub key: String,
    /// Name as written (the entity's canonical name in the article).
    pub name: String,
    /// Kind.
    pub kind: NameKind,
    /// Mentions in the article.
    pub mentions: u32,
}

/// Where a value, quotation or name is written: its sentence (1-based) and its offsets in
/// characters, as the extraction tables give them.
#[derive(Clone, Copy, Debug, Default, Hash, PartialEq, Eq)]
pub struct Locus {
    /// The sentence's number in the article.
    pub sentence: u32,
    /// First character.
    pub start: u32,
    /// One past the last character.
    pub end: u32,
}

impl Locus {
    fn of(a: &Analysis, span: Span) -> Locus {
        let c = a.offsets.chars(span);
        Locus {
            sentence: a.segmentation.sentence_at(span.start()) as u32 + 1,
            start: c.start as u32,
            end: c.end as u32,
        }
    }
}

/// A claim of one article, for comparison.
#[derive(Clone, Debug)]
pub struct DigestClaim {
    /// Where the value is written.
    pub locus: Locus,
    /// The value as written.
    pub text: String,
    /// The subjects' keys, sorted (none, one, or a couple's two).
    pub subject_keys: Vec<String>,
    /// The subjects' names, in the order of their keys.
    pub subject_names: Vec<String>,
    /// Keys of the entities named in the claim's sentence.
    pub entities: Vec<String>,
    /// The question answered (`when`, `deaths`, … or `mention`).
    pub attribute: &'static str,
    /// The finer question (`CLOSE`; `cut`), or empty.
    pub event: &'static str,
    /// `date`, `amount`, `duration`, …
    pub value_type: &'static str,
    /// The unit, if any.
    pub unit: String,
    /// The normalised value.
    pub value: String,
    /// The value in plain words.
    pub plain: String,
    /// The comparable value.
    pub cmp: Option<Value>,
    /// What a place or role is compared by.
    pub key: String,
    /// Reported as unconfirmed.
    pub hedged: bool,
    /// How the attribute's true value behaves over time.
    pub change: Change,
    /// The claim's own date in plain words (`early 2022`), if it has one.
    pub when: String,
    /// The whole sentence as written.
    pub evidence: String,
    /// What the value is about: the words around it (see [`context`]).
    pub context: context::Context,
    /// The sentence's number in the article: two values of one sentence are two facts.
    pub sentence: u32,
    /// Told as background about another incident (see [`Claim::background`]).
    ///
    /// [`Claim::background`]: crate::extract::claims::Claim::background
    pub background: bool,
    /// Inside a quotation (not a scare-quoted term): `Some` of its speaker's entity key, or
    /// of the empty string when the speaker is not resolved. What someone is quoted saying
    /// is theirs, not the outlet's report.
    pub quoted: Option<String>,
}

/// A quotation of one article, for comparison.
#[derive(Clone, Debug)]
pub struct DigestQuote {
    /// Its `quote_id` and `part` in `quotes.csv` (1-based).
    pub id: u32,
    /// The part of the quotation (1-based).
    pub part: u32,
    /// Where it is written.
    pub locus: Locus,
    /// The quoted words as written.
    pub text: String,
    /// The speaker: the entity's name when resolved, else as written at the attribution.
    pub speaker: String,
    /// The speaker's entity key, when resolved.
    pub speaker_key: String,
    /// A quotation (direct or partial) given to a person by a reporting verb: only these can
    /// show that outlets give one quotation to different speakers (a scare-quoted term has
    /// none; an organisation speaks through people, so its spokesman is no other speaker).
    pub attributed: bool,
    /// Keys of the people named in the sentences that hold the quotation and its speaker,
    /// outside the quoted words: the company a joint statement is given in ("said Laurence
    /// Mark and Bill Condon").
    pub beside: Vec<String>,
}

/// What the comparison needs of one article.
#[derive(Clone, Debug)]
pub struct Digest {
    /// The article's id.
    pub id: String,
    /// The file it came from.
    pub path: String,
    /// Its line in a JSON-lines file.
    pub line: Option<usize>,
    /// The registrable domain of its address (`bbc.co.uk`), or empty.
    pub host: String,
    /// The outlet.
    pub source: String,
    /// The headline.
    pub title: String,
    /// The publication date.
    pub published: Option<Date>,
    /// The day the article's opening sentences give its event (see [`event_day`]).
    pub day: Option<Date>,
    /// Entities, in the article's order.
    pub entities: Vec<DigestEntity>,
    /// Claims, one per row of `claims`.
    pub claims: Vec<DigestClaim>,
    /// Quotations (each contiguous quoted span).
    pub quotes: Vec<DigestQuote>,
    /// Sketch of the narration.
    pub sketch: Sketch,
    /// The terms the article is grouped into a story by, with their weights.
    pub terms: Vec<(String, f32)>,
}

/// The sentence `sentence` as written, whole (a sentence is at most
/// [`MAX_SENTENCE`](crate::segment::MAX_SENTENCE) bytes), white space runs as one space: the
/// evidence of every value it gives.
pub fn excerpt(text: &str, sentence: Span) -> String {
    let s = sentence.slice(text);
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// True when the speaker of a quotation is named, not a pronoun, in the sentence where the
/// quotation opens or closes ("…," said Helen Okonjo): a speaker carried over from another
/// sentence or paragraph is too often someone else to call a quotation misattributed.
fn named_beside(
    text: &str,
    seg: &crate::segment::Segmentation,
    quote: Span,
    speaker: Span,
) -> bool {
    let at = seg.sentence_at(speaker.start());
    let written = speaker.slice(text);
    let named = written.starts_with(char::is_uppercase)
        && !matches!(written, "He" | "She" | "They" | "It" | "We" | "I");
    named
        && (at == seg.sentence_at(quote.start())
            || at == seg.sentence_at(quote.end().saturating_sub(1).max(quote.start())))
}

/// The name mentions of an article in text order, for finding those inside a span by
/// binary search (linear in the mentions found, never in the article's).
struct MentionIndex<'a> {
    a: &'a Analysis,
    order: Vec<usize>,
}

impl<'a> MentionIndex<'a> {
    fn new(a: &'a Analysis) -> MentionIndex<'a> {
        let mut order: Vec<usize> = (0..a.names.mentions.len()).collect();
        order.sort_by_key(|&m| a.names.mentions[m].span.start());
        MentionIndex { a, order }
    }

    /// The mentions that lie inside `span`.
    fn inside(&self, span: Span) -> impl Iterator<Item = &'a crate::extract::names::NameMention> {
        let ms = &self.a.names.mentions;
        let from = self
            .order
            .partition_point(|&m| ms[m].span.start() < span.start());
        let to = self
            .order
            .partition_point(|&m| ms[m].span.start() < span.end());
        let a = self.a;
        self.order[from..to.max(from)]
            .iter()
            .map(move |&m| &a.names.mentions[m])
            .filter(move |m| m.span.end() <= span.end())
    }
}

/// Keys of the people named, outside the quoted words, in the sentences that hold a
/// quotation and its speaker (sorted, without repeats).
fn people_beside(index: &MentionIndex<'_>, q: &crate::extract::quotes::Quote) -> Vec<String> {
    let a = index.a;
    let seg = &a.segmentation;
    let mut sentences = vec![
        seg.sentence_at(q.span.start()),
        seg.sentence_at(q.span.end().saturating_sub(1).max(q.span.start())),
    ];
    if let Some(sp) = q.speaker {
        sentences.push(seg.sentence_at(sp.start()));
    }
    sentences.sort_unstable();
    sentences.dedup();
    let mut keys: Vec<String> = sentences
        .iter()
        .flat_map(|&i| index.inside(seg.sentences[i].span))
        .filter(|m| {
            m.kind == NameKind::Person
                && !(q.span.start() <= m.span.start() && m.span.end() <= q.span.end())
        })
        .map(|m| a.names.entities[m.entity].key.clone())
        .collect();
    keys.sort();
    keys.dedup();
    keys
}

/// True for a person's full name: two words or more, each capitalised ("Helen Okonjo",
/// "Michael G. Grimm"), not a surname alone or a description ("Rice", "a village resident").
fn full_name(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    words.len() >= 2 && words.iter().all(|w| w.starts_with(char::is_uppercase))
}

impl Digest {
    /// Reduces an analysed article to what the comparison needs.
    pub fn new(article: &Article, a: &Analysis, rules: &TermRules) -> Digest {
        let text = &article.text;
        let entities = a
            .names
            .entities
            .iter()
            .map(|e| DigestEntity {
                first: e
                    .mentions
                    .first()
                    .map(|&m| Locus::of(a, a.names.mentions[m].span))
                    .unwrap_or_default(),
                key: e.key.clone(),
                name: e.name.clone(),
                kind: e.kind,
                mentions: e.mentions.len() as u32,
            })
            .collect();
        let index = MentionIndex::new(a);
        // Quotations (not scare-quoted terms) by where they open.
        let mut open: Vec<&crate::extract::quotes::Quote> = a
            .quotes
            .iter()
            .filter(|q| q.kind != crate::extract::quotes::QuoteKind::Term)
            .collect();
        open.sort_by_key(|q| q.span.start());
        // Each sentence is read once for the contexts of all its values.
        let mut read: Option<(usize, context::SentenceWords)> = None;
        let claims = a
            .claims
            .iter()
            .map(|c| {
                let d = describe(c, &a.dates, &a.amounts, &a.names);
                let subjects = crate::extract::claims::subject_keys(c, &a.names);
                let sentence = a.segmentation.sentences[c.sentence].span;
                let mut entities: Vec<String> =
                    crate::extract::claims::mentions_in_sentence(&a.names, sentence)
                        .map(|e| a.names.entities[e].key.clone())
                        .collect();
                entities.sort();
                entities.dedup();
                DigestClaim {
                    locus: Locus::of(a, c.span),
                    text: c.span.slice(text).to_string(),
                    subject_keys: subjects.iter().map(|s| s.0.to_string()).collect(),
                    subject_names: subjects.iter().map(|s| s.1.to_string()).collect(),
                    entities,
                    attribute: c.attribute,
                    event: c.event,
                    value_type: d.value_type,
                    unit: c.unit.clone(),
                    // A date's code with its mod ("2025-06 END"), as the tables show it.
                    value: if d.modifier.is_empty() || !matches!(d.value_type, "date" | "duration")
                    {
                        d.value
                    } else {
                        format!("{} {}", d.value, d.modifier)
                    },
                    plain: d.plain,
                    cmp: d.cmp,
                    key: d.key,
                    hedged: c.hedged,
                    change: c.change,
                    when: c
                        .when
                        .map(|i| values::plain_date(&a.dates[i].value, a.dates[i].modifier))
                        .unwrap_or_default(),
                    evidence: excerpt(text, sentence),
                    context: rules.facts.context_in(
                        match &read {
                            Some((k, sw)) if *k == c.sentence => sw,
                            _ => {
                                let sw = rules.facts.sentence(text, sentence, &a.names);
                                &read.insert((c.sentence, sw)).1
                            }
                        },
                        c.span,
                        match d.value_type {
                            "amount" | "number" => context::Governs::Counted,
                            "age" => context::Governs::Described,
                            _ => context::Governs::Other,
                        },
                        if context::is_count_unit(&c.unit) {
                            &c.unit
                        } else {
                            ""
                        },
                    ),
                    sentence: c.sentence as u32,
                    background: c.background,
                    // The quotation opened last before the value, if it holds it.
                    quoted: open[..open.partition_point(|q| q.span.start() <= c.span.start())]
                        .last()
                        .filter(|q| c.span.end() <= q.span.end())
                        .map(|q| {
                            q.speaker_entity
                                .map(|e| a.names.entities[e].key.clone())
                                .unwrap_or_default()
                        }),
                }
            })
            .collect();
        let quotes = a
            .quotes
            .iter()
            .map(|q| DigestQuote {
                id: q.quote_id as u32 + 1,
                part: q.part as u32,
                locus: Locus::of(a, q.span),
                text: q.span.slice(text).to_string(),
                speaker: q
                    .speaker_entity
                    .map(|e| a.names.entities[e].name.clone())
                    .or_else(|| q.speaker.map(|s| s.slice(text).to_string()))
                    .unwrap_or_default(),
                speaker_key: q
                    .speaker_entity
                    .map(|e| a.names.entities[e].key.clone())
                    .unwrap_or_default(),
                attributed: q.kind != crate::extract::quotes::QuoteKind::Term
                    && q.cue.is_some()
                    && q.speaker_entity.is_some_and(|e| {
                        let ent = &a.names.entities[e];
                        ent.kind == crate::extract::names::NameKind::Person && full_name(&ent.name)
                    })
                    && q.speaker
                        .is_some_and(|sp| named_beside(text, &a.segmentation, q.span, sp))
                    // A speaker named in the quoted words is what they speak of ("attacks
                    // directed at Internet Explorer 8"), not who speaks.
                    && q
                        .speaker_entity
                        .is_some_and(|e| !index.inside(q.span).any(|m| m.entity == e)),
                beside: people_beside(&index, q),
            })
            .collect();
        let mut quoted: Vec<Span> = a.quotes.iter().map(|q| q.span).collect();
        quoted.sort_by_key(|s| (s.start(), s.end()));
        Digest {
            id: article.id.clone(),
            path: article.path.clone(),
            line: article.line,
            host: crate::input::host_source(&article.url).unwrap_or_default(),
            source: article.source.clone(),
            title: article.title.clone(),
            published: article.published.as_ref().map(|p| p.date),
            day: event_day(text, a, article.published.as_ref().map(|p| p.date)),
            entities,
            claims,
            quotes,
            sketch: Sketch::of_narration(text, &quoted),
            terms: stories::story_terms(rules, text, &article.source, a),
        }
    }
}

/// The day an article's opening sentences give its event: the first day (or part of one)
/// resolved against the publication date ("on Sunday", "Monday night", "on March 30"), of
/// its first [`stories::EARLY_SENTENCES`] sentences (the headline and the lede), when it
/// falls within a week before publication or the day after (further off is background or a
/// plan). The publication day itself written with digits ("BRINDLECOMBE, March 17") is the
/// dateline's stamp, not the event's day, and is passed over.
fn event_day(text: &str, a: &Analysis, published: Option<Date>) -> Option<Date> {
    a.dates.iter().find_map(|d| {
        if !matches!(
            d.kind,
            crate::extract::dates::DateType::Date | crate::extract::dates::DateType::Time
        ) || d.anchor != crate::extract::dates::Anchor::Published
            || !(d.value.len() == 10 || d.value.as_bytes().get(10) == Some(&b'T'))
            || a.segmentation.sentence_at(d.span.start()) as u32 + 1 > stories::EARLY_SENTENCES
        {
            return None;
        }
        let day: Date = d.value.get(..10)?.parse().ok()?;
        let p = published?;
        let off = (day - p).get_days();
        // The publication day written with digits is a stamp ("BRINDLECOMBE, March 17").
        let stamp = off == 0 && d.span.slice(text).contains(|c: char| c.is_ascii_digit());
        ((-7..=1).contains(&off) && !stamp).then_some(day)
    })
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
    first: Locus,
    key: u32,
    name: u32,
    kind: NameKind,
    mentions: u32,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq)]
pub(crate) struct StoredClaim {
    /// Its `claim_id` in `claims.csv`.
    pub id: u32,
    pub locus: Locus,
    /// The value as written.
    pub text: u32,
    /// The subjects' keys (a pooled list, sorted).
    pub subjects: u32,
    /// Keys of the entities named in the claim's sentence (a pooled list).
    pub entities: u32,
    pub attribute: &'static str,
    pub event: &'static str,
    pub value_type: &'static str,
    pub unit: u32,
    pub value: u32,
    pub plain: u32,
    pub cmp: Option<Value>,
    pub key: u32,
    pub hedged: bool,
    pub change: Change,
    pub when: u32,
    pub evidence: u32,
    /// Context words: (stem, word, weight as f32 bits), a pooled list.
    pub context: u32,
    /// The counted noun's stem (a key id; the empty key when none).
    pub noun: u32,
    /// Qualifier words (a pooled key list).
    pub qualifiers: u32,
    pub sentence: u32,
    pub background: bool,
    /// Inside a quotation: its speaker's key id (the empty key when unresolved).
    pub quoted: Option<u32>,
    /// Told as changed since an earlier report ("rose to two").
    pub updated: bool,
    /// The time zone written with a clock time (a key id; the empty key when none).
    pub zone: u32,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq)]
struct StoredQuote {
    id: u32,
    part: u32,
    locus: Locus,
    text: u32,
    speaker: u32,
    speaker_key: u32,
    attributed: bool,
    /// People named beside it (a pooled key list; see [`DigestQuote::beside`]).
    beside: u32,
}

/// One article's comparison state: ids into the pools.
#[derive(Debug)]
struct Stored {
    id: u32,
    path: u32,
    line: Option<u32>,
    host: u32,
    source: u32,
    title: u32,
    published: Option<Date>,
    day: Option<Date>,
    entities: u32,
    claims: u32,
    quotes: u32,
    sketch: u32,
    terms: u32,
}

/// Collects digests in input order and writes the comparison tables at the end.
#[derive(Debug)]
pub struct Comparer {
    story_days: i64,
    weights: align::Weights,
    articles: Vec<Stored>,
    keys: Pool<Box<str>>,
    strings: Pool<Box<str>>,
    sources: Pool<Box<str>>,
    key_lists: Pool<Box<[u32]>>,
    entity_lists: Pool<Box<[StoredEntity]>>,
    claim_lists: Pool<Box<[StoredClaim]>>,
    quote_lists: Pool<Box<[StoredQuote]>>,
    sketches: Pool<Sketch>,
    /// Story terms: (key id, weight as f32 bits), sorted by key id.
    term_lists: Pool<Box<[(u32, f32)]>>,
    /// Fact contexts: (stem key id, word string id, weight as f32 bits).
    context_lists: Pool<Box<[(u32, u32, u32)]>>,
    /// Articles whose facts' contexts hold each stem (by key id), for IDF.
    context_df: FxHashMap<u32, u32>,
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
    pub fn new(story_days: u32) -> Result<Comparer, Error> {
        Ok(Comparer {
            story_days: i64::from(story_days),
            weights: align::Weights::builtin()?,
            articles: Vec::new(),
            keys: Pool::default(),
            strings: Pool::default(),
            sources: Pool::default(),
            key_lists: Pool::default(),
            entity_lists: Pool::default(),
            claim_lists: Pool::default(),
            quote_lists: Pool::default(),
            sketches: Pool::default(),
            term_lists: Pool::default(),
            context_lists: Pool::default(),
            context_df: FxHashMap::default(),
        })
    }

    /// Adds the next article.
    pub fn add(&mut self, d: Digest) {
        let source = self.sources.str_id(&d.source);
        let title = self.strings.str_id(&d.title);
        let entities: Vec<StoredEntity> = d
            .entities
            .iter()
            .map(|e| StoredEntity {
                first: e.first,
                key: self.keys.str_id(&e.key),
                name: self.strings.str_id(&e.name),
                kind: e.kind,
                mentions: e.mentions,
            })
            .collect();
        let mut seen: Vec<u32> = Vec::new();
        let claims: Vec<StoredClaim> = d
            .claims
            .iter()
            .enumerate()
            .map(|(k, c)| {
                let words: Vec<(u32, u32, u32)> = c
                    .context
                    .words
                    .iter()
                    .map(|w| {
                        (
                            self.keys.str_id(&w.stem),
                            self.strings.str_id(&w.word),
                            w.weight.to_bits(),
                        )
                    })
                    .collect();
                seen.extend(words.iter().map(|w| w.0));
                let qualifiers: Vec<u32> = c
                    .context
                    .qualifiers
                    .iter()
                    .map(|q| self.keys.str_id(q))
                    .collect();
                let keys: Vec<u32> = c.entities.iter().map(|k| self.keys.str_id(k)).collect();
                let subjects: Vec<u32> =
                    c.subject_keys.iter().map(|k| self.keys.str_id(k)).collect();
                StoredClaim {
                    id: k as u32 + 1,
                    locus: c.locus,
                    text: self.strings.str_id(&c.text),
                    subjects: self.key_lists.slice_id(subjects),
                    entities: self.key_lists.slice_id(keys),
                    attribute: c.attribute,
                    event: c.event,
                    value_type: c.value_type,
                    unit: self.strings.str_id(&c.unit),
                    value: self.strings.str_id(&c.value),
                    plain: self.strings.str_id(&c.plain),
                    cmp: c.cmp,
                    key: self.strings.str_id(&c.key),
                    hedged: c.hedged,
                    change: c.change,
                    when: self.strings.str_id(&c.when),
                    evidence: self.strings.str_id(&c.evidence),
                    context: self.context_lists.slice_id(words),
                    noun: self.keys.str_id(&c.context.noun),
                    qualifiers: self.key_lists.slice_id(qualifiers),
                    sentence: c.sentence,
                    background: c.background,
                    quoted: c.quoted.as_deref().map(|k| self.keys.str_id(k)),
                    updated: c.context.updated,
                    zone: self.keys.str_id(&c.context.zone),
                }
            })
            .collect();
        let quotes: Vec<StoredQuote> = d
            .quotes
            .iter()
            .map(|q| StoredQuote {
                id: q.id,
                part: q.part,
                locus: q.locus,
                text: self.strings.str_id(&q.text),
                speaker: self.strings.str_id(&q.speaker),
                speaker_key: self.keys.str_id(&q.speaker_key),
                attributed: q.attributed,
                beside: {
                    let keys: Vec<u32> = q.beside.iter().map(|k| self.keys.str_id(k)).collect();
                    self.key_lists.slice_id(keys)
                },
            })
            .collect();
        seen.sort_unstable();
        seen.dedup();
        for k in seen {
            *self.context_df.entry(k).or_insert(0) += 1;
        }
        let sketch = self
            .sketches
            .id(&d.sketch, |x| *x == d.sketch, || d.sketch.clone());
        let mut terms: Vec<(u32, f32)> = d
            .terms
            .iter()
            .map(|(t, w)| (self.keys.str_id(t), *w))
            .collect();
        terms.sort_by_key(|x| x.0);
        let bits: Vec<(u32, u32)> = terms.iter().map(|&(t, w)| (t, w.to_bits())).collect();
        let terms = self.term_lists.id(
            &bits[..],
            |x| {
                x.len() == terms.len()
                    && x.iter()
                        .zip(&terms)
                        .all(|(a, b)| a.0 == b.0 && a.1.to_bits() == b.1.to_bits())
            },
            || terms.clone().into_boxed_slice(),
        );
        self.articles.push(Stored {
            terms,
            id: self.strings.str_id(&d.id),
            path: self.strings.str_id(&d.path),
            line: d.line.map(|l| l as u32),
            host: self.keys.str_id(&d.host),
            source,
            title,
            published: d.published,
            day: d.day,
            entities: self.entity_lists.slice_id(entities),
            claims: self.claim_lists.slice_id(claims),
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

    fn claim_context(&self, c: &StoredClaim) -> &[(u32, u32, u32)] {
        self.context_lists.get(c.context)
    }

    /// How rare a context stem is in the run: `ln(1 + articles / articles holding it)`.
    fn idf(&self, stem: u32) -> f32 {
        let n = self.articles.len().max(1) as f32;
        let df = self.context_df.get(&stem).copied().unwrap_or(1).max(1) as f32;
        (1.0 + n / df).ln()
    }

    fn claim_subjects(&self, c: &StoredClaim) -> &[u32] {
        self.key_lists.get(c.subjects)
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

    /// Groups the articles into stories (see [`stories`]).
    pub fn stories(&self) -> Stories {
        let n = self.articles.len();
        // Copies (the same terms and date) join their first copy and are scored once.
        let mut first_copy: FxHashMap<(u32, Option<Date>), u32> = FxHashMap::default();
        let mut node_of: Vec<u32> = Vec::with_capacity(n);
        let mut firsts: Vec<usize> = Vec::new();
        for (i, a) in self.articles.iter().enumerate() {
            let next = firsts.len() as u32;
            let id = *first_copy.entry((a.terms, a.published)).or_insert_with(|| {
                firsts.push(i);
                next
            });
            node_of.push(id);
        }
        let nodes: Vec<stories::Node<'_>> = firsts
            .iter()
            .map(|&i| stories::Node {
                terms: self.term_lists.get(self.articles[i].terms),
                published: self.articles[i].published,
                day: self.articles[i].day,
                // Only an article whose opening dates its event can be told apart by its
                // places; only places are read.
                places: self
                    .entities(i)
                    .iter()
                    .filter(|e| self.articles[i].day.is_some() && e.kind == NameKind::Place)
                    .map(|e| stories::Place {
                        key: e.key,
                        mentions: e.mentions,
                        early: e.first.sentence <= stories::EARLY_SENTENCES,
                    })
                    .collect(),
            })
            .collect();
        let specific: Vec<bool> = (0..self.keys.len() as u32)
            .map(|k| !self.keys.get(k).starts_with("w:"))
            .collect();
        let group = stories::group(&nodes, &specific, self.story_days);
        let mut number: FxHashMap<u32, usize> = FxHashMap::default();
        let of_article = node_of
            .iter()
            .map(|&nd| {
                let g = group[nd as usize];
                let next = number.len() + 1;
                *number.entry(g).or_insert(next)
            })
            .collect();
        Stories {
            of_article,
            count: number.len(),
        }
    }

    /// Writes the comparison tables into `dir`, fills the `story` column of the `pending`
    /// tables, and returns the paths written, with the rows of the tables it wrote (the
    /// pending tables keep the rows they had).
    pub fn finish(
        self,
        dir: &Path,
        format: Format,
        wide: bool,
        pending: Vec<Pending>,
    ) -> Result<Vec<(PathBuf, Option<u64>)>, Error> {
        let stories = self.stories();
        let view = view::View::new(&self, &stories);
        let mut written = Vec::new();
        for p in pending {
            let path = match p.table {
                Table::Claims => table::fill(
                    &p,
                    format,
                    view.claim_rows(&stories.of_article)
                        .map(|(s, name, key)| (s, Some((name, key)))),
                )?,
                _ => table::fill(&p, format, stories.of_article.iter().map(|&s| (s, None)))?,
            };
            written.push((path, None));
        }
        let wide = wide && {
            let sources = view.sources_compared();
            if sources > MAX_WIDE_SOURCES {
                eprintln!(
                    "newsrake: --wide refused: {sources} sources are compared, over \
                     {MAX_WIDE_SOURCES}; the comparison tables are written long (one row per \
                     finding and source)"
                );
            }
            sources <= MAX_WIDE_SOURCES
        };
        written.extend(view.write(dir, format, wide)?);
        let shared = view.shared_hosts();
        if let Some((story, host, names)) = shared.first() {
            // Two outlets at one address are likely one outlet told apart by folder or by
            // label: comparing it with itself finds nothing true.
            eprintln!(
                "newsrake: warning: {} compared {} sources sharing a web address (story \
                 {story}: {} on {host}); if they are one outlet, name it with --source or \
                 --source-map",
                shared.len(),
                if shared.len() == 1 {
                    "story has"
                } else {
                    "stories have"
                },
                names.join(" and ")
            );
        }
        let capped = view.capped();
        if capped > 0 {
            // Said once, on stderr like the run's other warnings: the tables stay complete.
            eprintln!(
                "newsrake: warning: {capped} stor{} with more than {} facts: facts past the \
                 first {} of each are compared with none",
                if capped == 1 { "y" } else { "ies" },
                self.weights.max_facts,
                self.weights.max_facts
            );
        }
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
