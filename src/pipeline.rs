//! The pipeline: inputs → articles → analysis → encoded rows → tables.
//!
//! Jobs (files, JSONL lines) are taken from the walk in windows of bounded size; each window is
//! analysed in parallel with rayon and collected in input order, then handed to one writer
//! thread while the next window is analysed. Memory is bounded by two windows whatever the
//! size of the corpus, and the output does not depend on the number of threads.

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::mpsc::sync_channel;
use std::time::Instant;

use rayon::prelude::*;

use crate::Error;
use crate::compare::values::describe;
use crate::compare::{Comparer, Digest, TermRules, excerpt};
use crate::extract::amounts::{Amount, AmountExtractor};
use crate::extract::claims::{Claim, ClaimExtractor, subject_keys};
use crate::extract::dates::{DateExtractor, DateMention, DateOptions};
use crate::extract::names::{NameExtractor, Names};
use crate::extract::quotes::{Quote, QuoteExtractor};
use crate::input::{
    Article, Job, Jobs, Problem, SourceFrom, SourceRules, StdinFormat, WalkStats, read_job,
};
use crate::output::staging::{RunInfo, Staging};
use crate::output::{
    AmountRow, ArticleRow, ClaimRow, DateRow, Encoded, EntityRow, ErrorRow, Format, NameRow,
    QuoteRow, SentenceRow, StreamWriter, Table, TokenRow, Writers,
};
use crate::segment::{Segmentation, Segmenter, TokenKind, count_words, tokenize};
use crate::span::OffsetIndex;

/// At most this many jobs in one window.
const WINDOW_JOBS: usize = 512;
/// At most about this many input bytes in one window.
const WINDOW_BYTES: u64 = 16 << 20;

/// Everything a run needs, validated.
#[derive(Clone, Debug)]
pub struct Config {
    /// Files, folders, or `-` (JSONL on standard input).
    pub inputs: Vec<PathBuf>,
    /// The output folder.
    pub output: PathBuf,
    /// Worker threads; 0 means one per core.
    pub threads: usize,
    /// Table format.
    pub format: Format,
    /// Also write `tokens`.
    pub tokens: bool,
    /// Also write `sentences`.
    pub sentences: bool,
    /// Files (and JSONL lines) larger than this are skipped.
    pub max_bytes: u64,
    /// Show a progress bar (only honoured when stderr is a terminal).
    pub progress: bool,
    /// Print one line on stderr per problem.
    pub report_problems: bool,
    /// Read ambiguous numeric dates (`05/01/2019`) day first.
    pub day_first: bool,
    /// Articles published more than this many days apart are never one story.
    pub story_days: u32,
    /// Write every per-article row to standard output, tagged with its table, instead of
    /// tables in `output`; no comparison (it needs every article: a later, grouped stage).
    pub stdout: bool,
    /// The command line, recorded in the output's `manifest.json`.
    pub arguments: Vec<String>,
    /// The user's choice of sources (`--source`, `--source-map`).
    pub sources: SourceRules,
    /// What `-` holds (`--stdin-format`).
    pub stdin_format: StdinFormat,
    /// Comparison tables wide (one column per source) instead of long, for at most
    /// [`crate::compare::MAX_WIDE_SOURCES`] sources.
    pub wide: bool,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            inputs: vec![PathBuf::from("input")],
            output: PathBuf::from("output"),
            threads: 0,
            format: Format::Csv,
            tokens: false,
            sentences: false,
            max_bytes: 50_000_000,
            progress: false,
            report_problems: true,
            day_first: false,
            story_days: 7,
            stdout: false,
            arguments: Vec::new(),
            sources: SourceRules::default(),
            stdin_format: StdinFormat::Auto,
            wide: false,
        }
    }
}

/// What a run did.
#[derive(Clone, Debug, Default)]
pub struct Summary {
    /// Articles written.
    pub articles: usize,
    /// Distinct sources among them.
    pub sources: usize,
    /// How the sources were decided: per way, the sources it named (each counted once, under
    /// the way of its first article), in the order of [`SourceFrom`].
    pub source_from: Vec<(SourceFrom, usize)>,
    /// Warnings about the sources: a comparison impossible or doubtful.
    pub source_warnings: Vec<String>,
    /// Input bytes read.
    pub bytes: u64,
    /// Wall-clock seconds.
    pub seconds: f64,
    /// Rows in `errors` (warnings included).
    pub problems: usize,
    /// Inputs skipped (problems that are not warnings).
    pub skipped: usize,
    /// Files skipped for their extension.
    pub unknown_extension: usize,
    /// The tables written.
    pub tables: Vec<PathBuf>,
    /// Rows of each table (header not counted), counted while writing.
    pub rows: std::collections::HashMap<PathBuf, u64>,
    /// Cells cut to Excel's limit (`--format xlsx`).
    pub cut_cells: u64,
}

impl Summary {
    /// Throughput in MB/s (10^6 bytes).
    pub fn mb_per_s(&self) -> f64 {
        if self.seconds > 0.0 {
            self.bytes as f64 / 1e6 / self.seconds
        } else {
            0.0
        }
    }
}

/// The analysis of one article: everything the tables are made from.
#[derive(Debug)]
pub struct Analysis {
    /// Byte → character offsets.
    pub offsets: OffsetIndex,
    /// Paragraphs and sentences.
    pub segmentation: Segmentation,
    /// Word and number tokens.
    pub words: usize,
    /// Temporal expressions.
    pub dates: Vec<DateMention>,
    /// Names and entities.
    pub names: Names,
    /// Quotations.
    pub quotes: Vec<Quote>,
    /// Amounts.
    pub amounts: Vec<Amount>,
    /// Claims: entities tied to dates and amounts.
    pub claims: Vec<Claim>,
}

/// The compiled rules of every stage. Build once, share across threads.
#[derive(Debug)]
pub struct Pipeline {
    segmenter: Segmenter,
    dates: DateExtractor,
    names: NameExtractor,
    quotes: QuoteExtractor,
    amounts: AmountExtractor,
    claims: ClaimExtractor,
    terms: TermRules,
}

/// Options of the extractors.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    /// Date options.
    pub dates: DateOptions,
}

impl Pipeline {
    /// Compiles the built-in rules with default options.
    pub fn new() -> Result<Pipeline, Error> {
        Pipeline::with_options(Options::default())
    }

    /// Compiles the built-in rules.
    pub fn with_options(options: Options) -> Result<Pipeline, Error> {
        Ok(Pipeline {
            segmenter: Segmenter::new()?,
            dates: DateExtractor::new(options.dates)?,
            names: NameExtractor::new()?,
            quotes: QuoteExtractor::new()?,
            amounts: AmountExtractor::new()?,
            claims: ClaimExtractor::new()?,
            terms: TermRules::new()?,
        })
    }

    /// The segmenter.
    pub fn segmenter(&self) -> &Segmenter {
        &self.segmenter
    }

    /// Analyses one article.
    pub fn analyze(&self, article: &Article) -> Analysis {
        let text = &article.text;
        let segmentation = self.segmenter.segment(text);
        let published = article.published.as_ref().map(|p| p.date);
        let dates = self.dates.extract(text, &segmentation, published);
        let names = self.names.extract(text, &segmentation);
        let quotes = self.quotes.extract(text, &segmentation, &names);
        let mut date_spans: Vec<_> = dates.iter().map(|d| d.span).collect();
        date_spans.sort_by_key(|s| (s.start(), s.end()));
        let amounts = self.amounts.extract(text, &segmentation, &date_spans);
        let claims = self
            .claims
            .extract(text, &segmentation, &names, &dates, &amounts, published);
        Analysis {
            amounts,
            claims,
            offsets: OffsetIndex::new(text),
            words: count_words(text),
            dates,
            names,
            quotes,
            segmentation,
        }
    }

    /// Analyses an article, encodes its rows and returns what the comparison needs of it
    /// (nothing in a `--stdout` stream, which compares nothing).
    ///
    /// An article longer than [`SECTION_BYTES`] is analysed a section at a time (cut at a
    /// paragraph break, else a line break, else a space), so that the memory an article needs
    /// beyond its text does not grow with it. Rows keep the article's own offsets and numbers
    /// (sentences, quotes and claims count on across sections); names, quotes and claims are
    /// resolved within a section, so `entities` has a row per entity and section; the
    /// comparison reads the first section.
    fn encode(&self, article: &Article, config: &Config, enc: &mut Encoded) -> Option<Digest> {
        let mut base = Base::default();
        let mut digest = None;
        let sections = sections(&article.text, SECTION_BYTES);
        for (i, &(start, end)) in sections.iter().enumerate() {
            let section;
            let part = if sections.len() == 1 {
                article
            } else {
                section = Article {
                    text: article.text[start..end].to_string(),
                    ..article.clone_meta()
                };
                &section
            };
            let a = self.analyze(part);
            self.encode_rows(article, &part.text, &a, &mut base, config, enc);
            if i == 0 && !config.stdout {
                digest = Some(Digest::new(part, &a, &self.terms));
            }
        }
        enc.row(
            config.format,
            Table::Articles,
            &ArticleRow {
                article_id: &article.id,
                source: &article.source,
                source_from: article.source_from.name(),
                path: &article.path,
                line: article.line,
                text_offset: article.text_offset,
                title: &article.title,
                published: article.published.as_ref().map_or("", |p| &p.iso),
                url: &article.url,
                author: &article.author,
                chars: base.chars,
                words: base.words,
                sentences: base.sentences,
                paragraphs: base.paragraphs,
                dates: base.dates,
                names: base.names,
                entities: base.entities,
                quotes: base.quotes,
                amounts: base.amounts,
                claims: base.claims,
                story: None,
            },
        );
        digest
    }

    /// Encodes the rows of one analysed section (`text`, the whole article or a section of
    /// it) but the article's own row, numbered on from `base`, which it then advances.
    fn encode_rows(
        &self,
        article: &Article,
        text: &str,
        a: &Analysis,
        base: &mut Base,
        config: &Config,
        enc: &mut Encoded,
    ) {
        let seg = &a.segmentation;
        let f = config.format;
        let (char0, sent0, quote0, claim0) = (base.chars, base.sentences, base.quotes, base.claims);
        let chars = |span: crate::span::Span| {
            let c = a.offsets.chars(span);
            (c.start + char0)..(c.end + char0)
        };
        for q in &a.quotes {
            let c = chars(q.span);
            let sp = q.speaker.map(chars);
            enc.row(
                f,
                Table::Quotes,
                &QuoteRow {
                    article_id: &article.id,
                    source: &article.source,
                    quote_id: quote0 + q.quote_id + 1,
                    part: q.part,
                    sentence: sent0 + seg.sentence_at(q.span.start()) + 1,
                    start: c.start,
                    end: c.end,
                    text: q.span.slice(text),
                    kind: q.kind.name(),
                    speaker: q.speaker.map_or("", |s| s.slice(text)),
                    speaker_entity: q
                        .speaker_entity
                        .map_or("", |e| a.names.entities[e].name.as_str()),
                    speaker_start: sp.as_ref().map(|s| s.start),
                    speaker_end: sp.map(|s| s.end),
                    cue: q.cue.map_or("", |s| s.slice(text)),
                    unclosed: q.unclosed,
                },
            );
        }
        for m in &a.names.mentions {
            let c = chars(m.span);
            enc.row(
                f,
                Table::Names,
                &NameRow {
                    article_id: &article.id,
                    source: &article.source,
                    sentence: sent0 + seg.sentence_at(m.span.start()) + 1,
                    start: c.start,
                    end: c.end,
                    text: m.span.slice(text),
                    kind: m.kind.name(),
                    entity: &a.names.entities[m.entity].name,
                },
            );
        }
        for e in &a.names.entities {
            let first = e.mentions.first().map_or(0, |&m| {
                char0 + a.offsets.char_of(a.names.mentions[m].span.start())
            });
            enc.row(
                f,
                Table::Entities,
                &EntityRow {
                    article_id: &article.id,
                    source: &article.source,
                    entity: &e.name,
                    kind: e.kind.name(),
                    key: &e.key,
                    mentions: e.mentions.len(),
                    first_start: first,
                    aliases: &e.aliases.join("|"),
                },
            );
        }
        for d in &a.dates {
            let c = chars(d.span);
            enc.row(
                f,
                Table::Dates,
                &DateRow {
                    article_id: &article.id,
                    source: &article.source,
                    sentence: sent0 + seg.sentence_at(d.span.start()) + 1,
                    start: c.start,
                    end: c.end,
                    text: d.span.slice(text),
                    kind: d.kind.name(),
                    value: &d.value,
                    value_plain: &crate::compare::values::plain_mention(d),
                    modifier: d.modifier.map_or("", |m| m.name()),
                    anchor: d.anchor.name(),
                },
            );
        }
        for m in &a.amounts {
            let c = chars(m.span);
            enc.row(
                f,
                Table::Amounts,
                &AmountRow {
                    article_id: &article.id,
                    source: &article.source,
                    sentence: sent0 + seg.sentence_at(m.span.start()) + 1,
                    start: c.start,
                    end: c.end,
                    text: m.span.slice(text),
                    value: &m.value_text(),
                    unit: &m.unit,
                    approx: m.approx(),
                },
            );
        }
        for (k, c) in a.claims.iter().enumerate() {
            let d = describe(c, &a.dates, &a.amounts, &a.names);
            let sentence = seg.sentences[c.sentence].span;
            let subjects = subject_keys(c, &a.names);
            let names: Vec<&str> = subjects.iter().map(|s| s.1).collect();
            let keys: Vec<&str> = subjects.iter().map(|s| s.0).collect();
            let span = chars(c.span);
            enc.row(
                f,
                Table::Claims,
                &ClaimRow {
                    article_id: &article.id,
                    source: &article.source,
                    story: None,
                    sentence: sent0 + c.sentence + 1,
                    claim_id: claim0 + k + 1,
                    subject: &names.join(" & "),
                    subject_key: &keys.join("|"),
                    attribute: c.attribute,
                    event: c.event,
                    value_type: d.value_type,
                    text: c.span.slice(text),
                    value: &d.value,
                    plain: &d.plain,
                    unit: &c.unit,
                    modifier: d.modifier,
                    hedged: c.hedged,
                    // With its modifier, in plain words (`early 2022`), as the comparison shows it.
                    when: &c
                        .when
                        .map(|i| crate::compare::values::plain_mention(&a.dates[i]))
                        .unwrap_or_default(),
                    start: span.start,
                    end: span.end,
                    cue: c.cue.map_or("", |s| s.slice(text)),
                    evidence: &excerpt(text, sentence),
                },
            );
        }
        if config.sentences {
            for (i, s) in seg.sentences.iter().enumerate() {
                let c = chars(s.span);
                enc.row(
                    f,
                    Table::Sentences,
                    &SentenceRow {
                        article_id: &article.id,
                        sentence: sent0 + i + 1,
                        paragraph: base.paragraphs + s.paragraph + 1,
                        start: c.start,
                        end: c.end,
                        text: s.span.slice(text),
                    },
                );
            }
        }
        if config.tokens {
            let mut n = base.tokens;
            for (i, s) in seg.sentences.iter().enumerate() {
                tokenize(text, s.span, |t| {
                    n += 1;
                    let c = chars(t.span);
                    enc.row(
                        f,
                        Table::Tokens,
                        &TokenRow {
                            article_id: &article.id,
                            sentence: sent0 + i + 1,
                            token: n,
                            start: c.start,
                            end: c.end,
                            text: t.span.slice(text),
                            kind: kind_name(t.kind),
                        },
                    );
                });
            }
            base.tokens = n;
        }
        base.chars += a.offsets.char_len();
        base.words += a.words;
        base.sentences += seg.sentences.len();
        base.paragraphs += seg.paragraphs.len();
        base.dates += a.dates.len();
        base.names += a.names.mentions.len();
        base.entities += a.names.entities.len();
        base.quotes += a.quotes.iter().map(|q| q.quote_id + 1).max().unwrap_or(0);
        base.amounts += a.amounts.len();
        base.claims += a.claims.len();
    }
}

/// An article longer than this is analysed a section at a time (see `Pipeline::encode`).
pub const SECTION_BYTES: usize = 1 << 20;

/// Counts of the sections of an article analysed so far: where the next one's numbers start,
/// and the article's row at the end.
#[derive(Default)]
struct Base {
    chars: usize,
    words: usize,
    sentences: usize,
    paragraphs: usize,
    tokens: usize,
    dates: usize,
    names: usize,
    entities: usize,
    quotes: usize,
    amounts: usize,
    claims: usize,
}

/// Byte ranges of the sections of `text`, each at most `max` bytes: cut at the last paragraph
/// break (a blank line) in the second half of the window, else the last line break, else the
/// last space, else at a character boundary. One section when the text is short.
pub fn sections(text: &str, max: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    while text.len() - start > max {
        let mut limit = start + max;
        while !text.is_char_boundary(limit) {
            limit -= 1;
        }
        let window = &text.as_bytes()[start..limit];
        let half = window.len() / 2;
        let cut = memchr::memmem::rfind(&window[half..], b"\n\n")
            .map(|i| half + i + 2)
            .or_else(|| memchr::memrchr(b'\n', &window[half..]).map(|i| half + i + 1))
            .or_else(|| memchr::memrchr(b' ', &window[half..]).map(|i| half + i + 1))
            .unwrap_or(window.len());
        out.push((start, start + cut));
        start += cut;
    }
    out.push((start, text.len()));
    out
}

fn kind_name(k: TokenKind) -> &'static str {
    match k {
        TokenKind::Word => "word",
        TokenKind::Number => "number",
        TokenKind::Punct => "punct",
        TokenKind::Symbol => "symbol",
    }
}

/// The result of one job, ready for the writer.
struct Done {
    enc: Encoded,
    digests: Vec<Digest>,
    sources: Vec<(String, SourceFrom)>,
    problems: Vec<Problem>,
    bytes: u64,
}

// Never inlined: one job's whole work is one frame, which profiles (and the instruction-count
// test, which collects inside it) find by name in any build profile.
#[inline(never)]
fn process(
    pipeline: &Pipeline,
    config: &Config,
    spill: Option<&std::path::Path>,
    job: Job,
) -> Done {
    let bytes = job.weight();
    let read = read_job(job, config.max_bytes);
    let mut enc = match spill {
        Some(dir) => Encoded::spilling(dir),
        None => Encoded::default(),
    };
    let mut sources = Vec::with_capacity(read.articles.len());
    let mut digests = Vec::with_capacity(read.articles.len());
    for article in &read.articles {
        digests.extend(pipeline.encode(article, config, &mut enc));
        sources.push((article.source.clone(), article.source_from));
    }
    for p in &read.problems {
        enc.row(
            config.format,
            Table::Errors,
            &ErrorRow {
                path: &p.path,
                line: p.line,
                kind: p.kind,
                message: &p.message,
            },
        );
    }
    enc.finish();
    Done {
        enc,
        digests,
        sources,
        problems: read.problems,
        bytes,
    }
}

/// What a user should know about the sources before trusting a comparison: when it is
/// impossible (one source) or doubtful (every article its own source).
fn source_warnings(articles: usize, sources: &BTreeMap<String, SourceFrom>) -> Vec<String> {
    let how = "name each article's outlet with --source-map FILE (path_glob,source), a \
               `source:` line in its front matter, or one folder per outlet";
    let mut w = Vec::new();
    if articles > 1
        && let [(name, from)] = sources.iter().collect::<Vec<_>>()[..]
    {
        w.push(format!(
            "all {articles} articles are from one source, {name:?} (from {}): nothing is \
             compared across sources; {how}",
            from.name()
        ));
    }
    if articles > 20 && sources.len() == articles {
        w.push(format!(
            "every article is its own source ({articles} sources): each is compared as a \
             separate outlet, so an outlet's follow-up reads as another outlet; {how}"
        ));
    }
    w
}

/// Runs the whole pipeline as configured.
pub fn run(config: &Config) -> Result<Summary, Error> {
    let started = Instant::now();
    let pipeline = Pipeline::with_options(Options {
        dates: DateOptions {
            day_first: config.day_first,
        },
    })?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(config.threads)
        .build()
        .map_err(|e| Error::Config(format!("cannot start {} threads: {e}", config.threads)))?;
    let mut tables = vec![Table::Articles];
    if config.sentences {
        tables.push(Table::Sentences);
    }
    if config.tokens {
        tables.push(Table::Tokens);
    }
    tables.push(Table::Dates);
    tables.push(Table::Names);
    tables.push(Table::Entities);
    tables.push(Table::Quotes);
    tables.push(Table::Amounts);
    tables.push(Table::Claims);
    tables.push(Table::Errors);
    // Tables in the output folder, or (`--stdout`) one tagged stream on standard output.
    enum Out {
        Files(Writers),
        Stream(StreamWriter<std::io::Stdout>),
    }
    // Tables are written into a staging folder and put in place together at the end.
    let staging = if config.stdout {
        None
    } else {
        Some(Staging::create(&config.output)?)
    };
    let mut out = match &staging {
        None => Out::Stream(StreamWriter::new(std::io::stdout())),
        Some(st) => Out::Files(Writers::create(st.dir(), config.format, &tables)?),
    };
    let staging_dir = staging.as_ref().map(|s| s.dir().to_path_buf());
    let spill_dir = staging_dir.clone();
    let progress = (config.progress && std::io::stderr().is_terminal()).then(|| {
        let pb = indicatif::ProgressBar::new_spinner();
        pb.set_style(
            indicatif::ProgressStyle::with_template("{spinner} {msg} [{elapsed}]")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
        );
        pb
    });
    let mut jobs = Jobs::new(&config.inputs, config.max_bytes)
        .with_sources(config.sources.clone())
        .with_stdin_format(config.stdin_format);
    if !config.stdout {
        jobs = jobs.skipping(&config.output);
    }
    let (tx, rx) = sync_channel::<Vec<Done>>(1);
    let mut summary = Summary::default();

    let written: Result<WalkStats, Error> = std::thread::scope(|scope| {
        let summary = &mut summary;
        let progress = progress.as_ref();
        let comparer_pool = &pool;
        let writer = scope.spawn(move || -> Result<(), Error> {
            let mut sources: BTreeMap<String, SourceFrom> = BTreeMap::new();
            let mut comparer = Comparer::new(config.story_days)?;
            for batch in rx {
                for mut done in batch {
                    match &mut out {
                        Out::Files(w) => {
                            w.write(&mut done.enc)?;
                            for d in done.digests {
                                comparer.add(d);
                            }
                        }
                        Out::Stream(w) => w.write(&done.enc)?,
                    }
                    summary.articles += done.sources.len();
                    summary.bytes += done.bytes;
                    for p in &done.problems {
                        summary.problems += 1;
                        summary.skipped += usize::from(p.kind.skipped());
                        if config.report_problems {
                            let line = p.line.map(|l| format!(":{l}")).unwrap_or_default();
                            let msg = format!("newsrake: {}{line}: {}", p.path, p.message);
                            match progress {
                                Some(pb) => pb.suspend(|| eprintln!("{msg}")),
                                None => eprintln!("{msg}"),
                            }
                        }
                    }
                    for (s, from) in done.sources {
                        sources.entry(s).or_insert(from);
                    }
                }
                if let Some(pb) = progress {
                    pb.set_message(format!(
                        "{} articles, {:.1} MB",
                        summary.articles,
                        summary.bytes as f64 / 1e6
                    ));
                }
            }
            summary.sources = sources.len();
            let mut by: BTreeMap<SourceFrom, usize> = BTreeMap::new();
            for from in sources.values() {
                *by.entry(*from).or_default() += 1;
            }
            summary.source_from = by.into_iter().collect();
            summary.source_warnings = source_warnings(summary.articles, &sources);
            // Nothing to read is worth saying, in the run's own errors table too.
            if summary.articles == 0 {
                let why = if summary.problems > 0 {
                    "no articles found: every input was skipped (see the rows above)"
                } else {
                    "no articles found: the inputs hold no article (.txt, .md, .html, .htm, .json, .jsonl)"
                };
                let msg = format!("newsrake: warning: {why}");
                match progress {
                    Some(pb) => pb.suspend(|| eprintln!("{msg}")),
                    None => eprintln!("{msg}"),
                }
                if let Out::Files(w) = &mut out {
                    let mut enc = Encoded::default();
                    let inputs: Vec<String> = config
                        .inputs
                        .iter()
                        .map(|p| p.to_string_lossy().into_owned())
                        .collect();
                    enc.row(
                        config.format,
                        Table::Errors,
                        &ErrorRow {
                            path: &inputs.join(" "),
                            line: None,
                            kind: crate::input::ProblemKind::Warning,
                            message: why,
                        },
                    );
                    enc.finish();
                    w.write(&mut enc)?;
                }
            }
            let writers = match out {
                Out::Files(w) => w,
                Out::Stream(w) => return w.finish(),
            };
            summary.rows.extend(writers.row_counts());
            let (mut tables, pending) = writers.finish_except(&[Table::Articles, Table::Claims])?;
            if let Some(pb) = progress {
                pb.set_message(format!("comparing {} articles", comparer.len()));
            }
            crate::output::staging::pause_for_tests("comparison");
            let t = Instant::now();
            let dir = staging_dir.as_deref().unwrap_or(&config.output);
            // In the pool `--threads` sizes, like the analysis: a task given one core uses one.
            let compared = comparer_pool
                .install(|| comparer.finish(dir, config.format, config.wide, pending))?;
            for (path, rows) in compared {
                if let Some(n) = rows {
                    summary.rows.insert(path.clone(), n);
                }
                tables.push(path);
            }
            if std::env::var_os("NEWSRAKE_TIMING").is_some() {
                eprintln!("comparison: {:.2} s", t.elapsed().as_secs_f64());
            }
            summary.tables = tables;
            Ok(())
        });
        // The walk (and the reading of a JSONL stream) fills the next window while the
        // workers analyse the current one.
        let (wtx, wrx) = sync_channel::<Vec<Job>>(1);
        let walker = scope.spawn(move || {
            crate::output::staging::pause_for_tests("reading");
            loop {
                let mut window = Vec::new();
                let mut weight = 0;
                while window.len() < WINDOW_JOBS && weight < WINDOW_BYTES {
                    match jobs.next() {
                        Some(j) => {
                            weight += j.weight();
                            window.push(j);
                        }
                        None => break,
                    }
                }
                if window.is_empty() || wtx.send(window).is_err() {
                    break;
                }
            }
            jobs.stats
        });
        for window in wrx {
            let done: Vec<Done> = pool.install(|| {
                window
                    .into_par_iter()
                    .map(|j| process(&pipeline, config, spill_dir.as_deref(), j))
                    .collect()
            });
            if tx.send(done).is_err() {
                break; // the writer stopped: its error is reported below
            }
        }
        drop(tx);
        let stats = walker.join().unwrap_or_default();
        writer
            .join()
            .unwrap_or_else(|_| Err(Error::Config("the writer thread panicked".into())))
            .map(|()| stats)
    });
    // A failed run's staging folder is removed with it (a full disk stays full otherwise).
    let stats = written?;
    if let Some(st) = staging {
        let mut run = RunInfo {
            arguments: config.arguments.clone(),
            articles: summary.articles,
            problems: summary.problems,
            skipped: summary.skipped,
            ..RunInfo::default()
        };
        if config.format == Format::Xlsx {
            // The staged CSV tables become the workbook's sheets; the report stays beside it.
            let (mut sheets, mut rest): (Vec<_>, Vec<_>) = std::mem::take(&mut summary.tables)
                .into_iter()
                .partition(|p| p.extension().is_some_and(|e| e == "csv"));
            crate::output::staging::sort_tables(&mut sheets);
            let book = st.dir().join(crate::output::xlsx::WORKBOOK);
            let stats = crate::output::xlsx::write_workbook(
                &sheets,
                &book,
                st.dir(),
                crate::output::xlsx::EXCEL_ROWS,
            )?;
            summary.cut_cells = stats.cut_cells;
            run.cut_cells = stats.cut_cells;
            run.sheets = stats.sheets;
            rest.insert(0, book);
            summary.tables = rest;
        }
        let (placed, _) = st.commit(&summary.tables, &summary.rows, &run)?;
        summary.tables = placed;
    }
    if let Some(pb) = progress {
        pb.finish_and_clear();
    }
    summary.unknown_extension = stats.unknown_extension;
    summary.seconds = started.elapsed().as_secs_f64();
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::sections;

    #[test]
    fn sections_cut_at_paragraphs_lines_or_spaces_and_cover_the_text() {
        let text = "one two.\n\nthree four five.\nsix seven eight nine ten.";
        assert_eq!(sections(text, 100), vec![(0, text.len())]);
        let cut = sections(text, 16);
        // Contiguous, none over the limit, the text all there.
        assert_eq!(cut.first().unwrap().0, 0);
        assert_eq!(cut.last().unwrap().1, text.len());
        for w in cut.windows(2) {
            assert_eq!(w[0].1, w[1].0);
        }
        assert!(cut.iter().all(|&(a, b)| b - a <= 16 && b > a), "{cut:?}");
        // The first cut is the paragraph break, the second the line break.
        assert_eq!(&text[cut[0].0..cut[0].1], "one two.\n\n");
        assert!(text[..cut[1].1].ends_with(".\n") || text[..cut[1].1].ends_with(' '));
        // No break at all: cut at a character boundary.
        let s = "é".repeat(20);
        for (a, b) in sections(&s, 7) {
            assert!(s.is_char_boundary(a) && s.is_char_boundary(b) && b - a <= 7);
        }
    }
}
