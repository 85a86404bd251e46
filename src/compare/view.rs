//! The comparison of each story covered by several sources, computed one story at a time and
//! streamed to the tables, so that nothing of one story is kept while the next is compared.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use jiff::civil::Date;
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use super::report::ReportWriter;
use super::table::{Cell, TableWriter};
use super::values::Value;
use super::wording::{differences, same_quotation, words};
use super::{Comparer, MAX_FUZZY_WORDINGS, StoredClaim, Stories, ValueType, find, union};
use crate::Error;
use crate::extract::claims::MENTION;
use crate::extract::names::NameKind;
use crate::output::Format;

/// Stories compared at once before their rows are written.
const REPORT_CHUNK: usize = 32;

/// A story's row data: a story with one source is listed, not compared.
enum Story {
    Alone(Option<Date>, Option<Date>, Vec<String>),
    Compared(StoryReport),
}

/// The comparison tables, open for writing.
struct Tables {
    stories: TableWriter,
    names: TableWriter,
    quotes: TableWriter,
    claims: TableWriter,
    report: ReportWriter,
}

impl Tables {
    /// Closes every table; returns the files written.
    fn finish(self) -> Result<Vec<PathBuf>, Error> {
        Ok(vec![
            self.stories.finish()?,
            self.names.finish()?,
            self.quotes.finish()?,
            self.claims.finish()?,
            self.report.finish()?,
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

pub(crate) struct View<'a> {
    c: &'a Comparer,
    stories: Vec<StoryView>,
    /// Sources in sorted order (all sources of compared stories).
    columns: Vec<String>,
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
        View {
            c,
            stories,
            columns: columns.into_iter().collect(),
        }
    }

    fn source(&self, article: usize) -> &str {
        self.c.sources.get(self.c.articles[article].source)
    }

    pub(crate) fn write(&self, dir: &Path, format: Format) -> Result<Vec<PathBuf>, Error> {
        let stories = TableWriter::create(
            dir,
            "stories",
            format,
            [
                "story",
                "articles",
                "sources",
                "first_published",
                "last_published",
                "top_entities",
            ]
            .map(String::from)
            .to_vec(),
        )?;
        let with_sources = |fixed: &[&str], after: &[&str]| -> Vec<String> {
            fixed
                .iter()
                .map(|s| s.to_string())
                .chain(self.columns.iter().cloned())
                .chain(after.iter().map(|s| s.to_string()))
                .collect()
        };
        let names = TableWriter::create(
            dir,
            "compare_names",
            format,
            with_sources(
                &["story", "entity", "kind", "key", "sources", "status"],
                &[],
            ),
        )?;
        let quotes = TableWriter::create(
            dir,
            "compare_quotes",
            format,
            with_sources(
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
        )?;
        let claims = TableWriter::create(
            dir,
            "compare_claims",
            format,
            with_sources(
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
        )?;
        let report = ReportWriter::create(dir)?;
        let mut tables = Tables {
            stories,
            names,
            quotes,
            claims,
            report,
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
                        Story::Compared(self.report(st, first, last, top))
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
        let Tables {
            stories,
            names,
            quotes,
            claims,
            report,
        } = t;
        let (first, last, top) = match &done {
            Story::Alone(first, last, top) => (*first, *last, top),
            Story::Compared(r) => (r.first, r.last, &r.top),
        };
        stories.row(&[
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
                None if st.sources.iter().any(|&x| **self.c.sources.get(x) == **s) => Cell::N(0),
                None => Cell::S(String::new()),
            }));
            names.row(&row)?;
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
            row.push(Cell::S(q.differences.clone()));
            row.push(Cell::S(q.unquoted_in.join("|")));
            quotes.row(&row)?;
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
                self.columns
                    .iter()
                    .map(|s| Cell::S(g.values.get(s).map(|v| v.join(" | ")).unwrap_or_default())),
            );
            row.push(Cell::S(g.detail.clone()));
            claims.row(&row)?;
        }
        report.story(&r)?;
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
        let mut score: FxHashMap<u32, (f64, u32)> = FxHashMap::default();
        for &i in &st.articles {
            for e in self.c.entities(i).iter() {
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
            names: BTreeMap<u32, u32>,
            kinds: [u32; 4],
            per: BTreeMap<String, u32>,
        }
        let mut by_key: FxHashMap<u32, Agg> = FxHashMap::default();
        let mut order = 0;
        for &i in &st.articles {
            let src = self.source(i).to_string();
            for e in self.c.entities(i).iter() {
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
            let (first_member, first_wording) = ms
                .iter()
                .map(|m| ((m.1, m.2), m.0))
                .min()
                .unwrap_or(((0, 0), 0));
            let mut wording: BTreeMap<String, Vec<String>> = BTreeMap::new();
            let mut norm: BTreeMap<String, Vec<String>> = BTreeMap::new();
            let mut speakers: BTreeMap<String, usize> = BTreeMap::new();
            let mut seen: FxHashSet<(u32, usize)> = FxHashSet::default();
            for &(w, i, k) in ms {
                let src = self.source(i).to_string();
                let q = &self.c.quotes(i)[k];
                let list = wording.entry(src.clone()).or_default();
                if seen.insert((self.c.articles[i].source, w)) {
                    list.push(self.c.strings.get(q.text).to_string());
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
            let text = self
                .c
                .strings
                .get(self.c.quotes(first_member.0)[first_member.1].text)
                .to_string();
            let reference = &wordings[first_wording];
            let first_source = self.source(first_member.0).to_string();
            let differences = if status == "variant" {
                norm.iter()
                    .filter(|(s, w)| **s != first_source && **w != *reference)
                    .map(|(s, w)| format!("{s}: {}", differences(reference, w)))
                    .collect::<Vec<_>>()
                    .join("; ")
            } else {
                String::new()
            };
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
            for c in self.c.claims(i).iter() {
                by_key
                    .entry((c.event, c.value_type, c.unit))
                    .or_default()
                    .push((src.clone(), c));
            }
        }
        let mut out = Vec::new();
        for ((event, value_type, unit), claims) in by_key {
            // Two claims are about the same thing when they have the same subject, or the
            // subject of one is named in the other's sentence: subjects are joined first (few
            // per story), then claims follow their subject's group. A bare mention is no
            // evidence of a contradiction: mentions are grouped by equal values as well.
            let mut subjects: Vec<u32> = claims.iter().map(|(_, c)| c.subject).collect();
            subjects.sort_unstable();
            subjects.dedup();
            let mut named: Vec<FxHashSet<u32>> = vec![FxHashSet::default(); subjects.len()];
            for (_, c) in &claims {
                if let Ok(k) = subjects.binary_search(&c.subject) {
                    named[k].extend(self.c.claim_entities(c).iter().copied());
                }
            }
            let mut parent: Vec<u32> = (0..subjects.len() as u32).collect();
            for a in 0..subjects.len() {
                for b in a + 1..subjects.len() {
                    if named[a].contains(&subjects[b]) || named[b].contains(&subjects[a]) {
                        union(&mut parent, a as u32, b as u32);
                    }
                }
            }
            // Clusters in order of their first claim.
            let mut index: FxHashMap<(u32, Option<Value>), usize> = FxHashMap::default();
            let mut clusters: Vec<Vec<(String, Value, u32, u32)>> = Vec::new();
            for (src, c) in &claims {
                let k = subjects.binary_search(&c.subject).unwrap_or(0) as u32;
                let root = find(&mut parent, k);
                let value = (event == MENTION).then_some(c.value);
                let at = *index.entry((root, value)).or_insert_with(|| {
                    clusters.push(Vec::new());
                    clusters.len() - 1
                });
                clusters[at].push((src.clone(), c.value, c.shown, c.subject_name));
            }
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
                // Sources that give the same values are compared once, as one class.
                let mut classes: Vec<(Vec<Value>, Vec<&String>)> = Vec::new();
                for (src, vs) in &raw {
                    let mut distinct: Vec<Value> = Vec::new();
                    for v in vs.iter() {
                        if !distinct.contains(v) {
                            distinct.push(*v);
                        }
                    }
                    match classes.iter_mut().find(|c| c.0 == distinct) {
                        Some(c) => c.1.push(src),
                        None => classes.push((distinct, vec![src])),
                    }
                }
                let fits =
                    |p: &[Value], q: &[Value]| p.iter().all(|v| q.iter().any(|w| v.compatible(*w)));
                let label = |srcs: &[&String]| {
                    let shown = values[srcs[0]].join(", ");
                    let names: Vec<&str> = srcs.iter().take(3).map(|s| s.as_str()).collect();
                    let more = srcs.len().saturating_sub(3);
                    let who = if more > 0 {
                        format!("{} and {more} more", names.join(", "))
                    } else {
                        names.join(", ")
                    };
                    format!("{who}: {shown}")
                };
                let mut detail = Vec::new();
                for (x, a) in classes.iter().enumerate() {
                    for b in &classes[x + 1..] {
                        if !fits(&a.0, &b.0) || !fits(&b.0, &a.0) {
                            detail.push(format!("{} vs {}", label(&a.1), label(&b.1)));
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

pub(crate) fn status(n: usize, of: usize) -> &'static str {
    if n >= of {
        "all"
    } else if n == 1 {
        "one"
    } else {
        "some"
    }
}
