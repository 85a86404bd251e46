//! Row types: one struct per table, fields in column order (the header is derived from the
//! fields, and a test pins it to the documented columns). Offsets are character offsets.

use serde::Serialize;

use crate::input::ProblemKind;

/// A row of `articles.csv`.
#[derive(Debug, Default, Serialize)]
pub struct ArticleRow<'a> {
    pub article_id: &'a str,
    pub source: &'a str,
    /// How `source` was decided (`front matter`, `URL`, `folder`, …).
    pub source_from: &'a str,
    pub path: &'a str,
    /// The line of a JSON-lines file (1-based).
    pub line: Option<usize>,
    /// Where the text starts in the file (characters): rows' offsets plus this index the file.
    pub text_offset: Option<usize>,
    pub title: &'a str,
    pub published: &'a str,
    pub url: &'a str,
    pub author: &'a str,
    pub chars: usize,
    pub words: usize,
    pub sentences: usize,
    pub paragraphs: usize,
    pub dates: usize,
    pub names: usize,
    pub entities: usize,
    pub quotes: usize,
    pub amounts: usize,
    pub claims: usize,
    /// Filled in at the end of the run, when stories are known.
    pub story: Option<usize>,
}

/// A row of `sentences.csv`. `sentence` and `paragraph` are 1-based.
#[derive(Debug, Default, Serialize)]
pub struct SentenceRow<'a> {
    pub article_id: &'a str,
    pub sentence: usize,
    pub paragraph: usize,
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
}

/// A row of `tokens.csv`. `sentence` and `token` are 1-based; `token` counts within the article.
#[derive(Debug, Default, Serialize)]
pub struct TokenRow<'a> {
    pub article_id: &'a str,
    pub sentence: usize,
    pub token: usize,
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
    pub kind: &'a str,
}

/// A row of `errors.csv`.
#[derive(Debug, Serialize)]
pub struct ErrorRow<'a> {
    pub path: &'a str,
    pub line: Option<usize>,
    pub kind: ProblemKind,
    pub message: &'a str,
}

impl Default for ErrorRow<'_> {
    fn default() -> Self {
        ErrorRow {
            path: "",
            line: None,
            kind: ProblemKind::Warning,
            message: "",
        }
    }
}

/// A row of `dates.csv`.
#[derive(Debug, Default, Serialize)]
pub struct DateRow<'a> {
    pub article_id: &'a str,
    pub source: &'a str,
    pub sentence: usize,
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
    #[serde(rename = "type")]
    pub kind: &'a str,
    pub value: &'a str,
    /// The value in plain words (`end of June 2025`, `9 years`).
    pub value_plain: &'a str,
    #[serde(rename = "mod")]
    pub modifier: &'a str,
    pub anchor: &'a str,
}

/// A row of `names.csv`.
#[derive(Debug, Default, Serialize)]
pub struct NameRow<'a> {
    pub article_id: &'a str,
    pub source: &'a str,
    pub sentence: usize,
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
    pub kind: &'a str,
    pub entity: &'a str,
}

/// A row of `entities.csv`.
#[derive(Debug, Default, Serialize)]
pub struct EntityRow<'a> {
    pub article_id: &'a str,
    pub source: &'a str,
    pub entity: &'a str,
    pub kind: &'a str,
    pub key: &'a str,
    pub mentions: usize,
    pub first_start: usize,
    pub aliases: &'a str,
}

/// A row of `quotes.csv`. `quote_id` and `part` are 1-based.
#[derive(Debug, Default, Serialize)]
pub struct QuoteRow<'a> {
    pub article_id: &'a str,
    pub source: &'a str,
    pub quote_id: usize,
    pub part: usize,
    pub sentence: usize,
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
    pub kind: &'a str,
    pub speaker: &'a str,
    pub speaker_entity: &'a str,
    pub speaker_start: Option<usize>,
    pub speaker_end: Option<usize>,
    pub cue: &'a str,
    pub unclosed: bool,
}

/// A row of `amounts.csv`.
#[derive(Debug, Default, Serialize)]
pub struct AmountRow<'a> {
    pub article_id: &'a str,
    pub source: &'a str,
    pub sentence: usize,
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
    pub value: &'a str,
    pub unit: &'a str,
    pub approx: bool,
}

/// A row of `claims.csv`. `claim_id` is 1-based within the article; `story`, `subject` and
/// `subject_key` are filled in at the end of the run, as the story names its entities.
#[derive(Debug, Default, Serialize)]
pub struct ClaimRow<'a> {
    pub article_id: &'a str,
    pub source: &'a str,
    pub story: Option<usize>,
    pub sentence: usize,
    pub claim_id: usize,
    pub subject: &'a str,
    pub subject_key: &'a str,
    pub attribute: &'a str,
    pub event: &'a str,
    pub value_type: &'a str,
    pub text: &'a str,
    pub value: &'a str,
    pub plain: &'a str,
    pub unit: &'a str,
    #[serde(rename = "mod")]
    pub modifier: &'a str,
    pub hedged: bool,
    pub when: &'a str,
    pub start: usize,
    pub end: usize,
    pub cue: &'a str,
    pub evidence: &'a str,
}
