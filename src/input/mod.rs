//! Input: walking folders, reading and decoding files, and turning each format into
//! [`Article`]s with their metadata.
//!
//! Reading never fails the run: every problem with one file or line becomes a [`Problem`]
//! (a row of `errors.csv`), and the rest of the batch goes on.

mod decode;
mod html;
mod json;
mod published;
mod source;
mod text;
mod walk;

use std::path::Path;
use std::sync::Arc;

use serde::Serialize;

pub use decode::{Decoded, decode};
pub use published::{Published, parse_published};
pub use source::{SourceFrom, SourceRules, host_source};
pub use walk::{Job, JobKind, Jobs, StdinFormat, WalkStats};

/// One news article, decoded, with its metadata.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Article {
    /// Metadata `id`, else the path relative to the input root (`:LINE` added for JSONL).
    pub id: String,
    /// The outlet.
    pub source: String,
    /// How the outlet was decided.
    pub source_from: SourceFrom,
    /// The file it came from, as walked (`-` for standard input).
    pub path: String,
    /// The headline, when known.
    pub title: String,
    /// The publication date, when known.
    pub published: Option<Published>,
    /// The article's address, when known.
    pub url: String,
    /// The byline, when known.
    pub author: String,
    /// The line of a JSON-lines file the article is (1-based), when it is one.
    pub line: Option<usize>,
    /// Where the text starts in the file as read (in characters, front matter counted), when
    /// the text is the end of the file as written: `start`/`end` of its rows plus this offset
    /// index the file. None for HTML and JSON, whose text is extracted from the markup.
    pub text_offset: Option<usize>,
    /// The text every extractor sees; all offsets index into it.
    pub text: String,
}

impl Article {
    /// The article's metadata, without its text.
    pub fn clone_meta(&self) -> Article {
        Article {
            id: self.id.clone(),
            source: self.source.clone(),
            source_from: self.source_from,
            path: self.path.clone(),
            title: self.title.clone(),
            published: self.published.clone(),
            url: self.url.clone(),
            author: self.author.clone(),
            line: self.line,
            text_offset: self.text_offset,
            text: String::new(),
        }
    }
}

/// Metadata read from a file's front matter, HTML head or JSON keys, before defaults apply.
#[derive(Clone, Debug, Default)]
pub(crate) struct Meta {
    pub id: Option<String>,
    pub title: Option<String>,
    pub source: Option<String>,
    pub published: Option<String>,
    pub url: Option<String>,
    pub author: Option<String>,
    /// Where `source` was read: front matter, JSON or HTML.
    pub from: SourceFrom,
}

impl Meta {
    /// Sets a field from a metadata key (with its aliases). Returns false for unknown keys.
    pub(crate) fn set(&mut self, key: &str, value: String) -> bool {
        let value = value.trim().to_string();
        if value.is_empty() {
            return true;
        }
        let slot = match key {
            "id" => &mut self.id,
            "title" | "headline" => &mut self.title,
            "source" | "source_domain" | "outlet" => &mut self.source,
            "published" | "date_publish" | "dct" | "date" => &mut self.published,
            "url" => &mut self.url,
            "author" | "authors" => &mut self.author,
            _ => return false,
        };
        if slot.is_none() {
            *slot = Some(value);
        }
        true
    }
}

/// What went wrong with one input.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ProblemKind {
    /// Read, but with a caveat (e.g. decoded as Windows-1252). Not skipped.
    Warning,
    /// Binary content (NUL bytes, control characters).
    Binary,
    /// Could not be read (permissions, vanished, a symlink loop).
    Unreadable,
    /// Larger than `--max-bytes`.
    TooLarge,
    /// A JSON document or JSONL line that does not parse, or is not an article.
    MalformedJson,
    /// A JSON article with no text field.
    NoText,
    /// An HTML document nested deeper than newsrake reads (see [`html::MAX_DEPTH`]).
    TooDeep,
    /// A document of a format newsrake does not read (PDF, Word, an image): the message says
    /// how to convert it.
    Unsupported,
    /// Not a regular file (a FIFO, a device such as `/dev/zero`, a socket), or a link to
    /// one: never opened, since reading one can block or never end.
    NotAFile,
}

impl ProblemKind {
    /// True when the input was skipped (everything but warnings).
    pub fn skipped(self) -> bool {
        self != ProblemKind::Warning
    }
}

/// A problem with one input file or line: one row of `errors.csv`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// The file.
    pub path: String,
    /// The 1-based line (JSONL) or empty.
    pub line: Option<usize>,
    /// What kind of problem.
    pub kind: ProblemKind,
    /// What was wrong, for a person.
    pub message: String,
}

impl Problem {
    pub(crate) fn new(
        path: impl Into<String>,
        line: Option<usize>,
        kind: ProblemKind,
        message: impl Into<String>,
    ) -> Problem {
        Problem {
            path: path.into(),
            line,
            kind,
            message: message.into(),
        }
    }
}

/// Where an input came from: enough to name its articles and report its problems.
#[derive(Clone, Debug)]
pub struct Origin {
    /// The path as walked, for `articles.csv` and messages.
    pub path: Arc<str>,
    /// Relative to the input root: the default article id.
    pub rel: Arc<str>,
    /// The default source: first folder below the root, else the file stem (or the one
    /// `--source`/`--source-map` gives, when `forced`).
    pub source: Arc<str>,
    /// How `source` was decided.
    pub from: SourceFrom,
    /// `source` was given by the user and overrides what the file says.
    pub forced: bool,
}

impl Origin {
    pub(crate) fn new(path: &Path, root: &Path) -> Origin {
        let rel_path = path.strip_prefix(root).unwrap_or(path);
        let rel = rel_path.to_string_lossy().replace('\\', "/");
        let mut comps = rel_path.components();
        let first = comps.next();
        let (source, from) = match (first, comps.next()) {
            (Some(dir), Some(_)) => (
                dir.as_os_str().to_string_lossy().into_owned(),
                SourceFrom::Folder,
            ),
            _ => (
                path.file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                SourceFrom::FileName,
            ),
        };
        Origin {
            path: path.to_string_lossy().into(),
            rel: rel.into(),
            source: source.into(),
            from,
            forced: false,
        }
    }

    /// The origin of standard input.
    pub(crate) fn stdin() -> Origin {
        Origin {
            path: "-".into(),
            rel: "stdin".into(),
            source: "stdin".into(),
            from: SourceFrom::Stdin,
            forced: false,
        }
    }
}

/// Articles and problems read from one job.
#[derive(Debug, Default)]
pub struct Read {
    /// Articles, in input order.
    pub articles: Vec<Article>,
    /// Problems, in input order.
    pub problems: Vec<Problem>,
}

/// Reads one job into articles. Never fails: problems are returned beside the articles.
pub fn read_job(job: Job, max_bytes: u64) -> Read {
    let mut out = Read::default();
    match job.kind {
        JobKind::Problem(p) => out.problems.push(p),
        JobKind::Line { line, bytes } => {
            let text = match decode_or_report(&bytes, &job.origin, Some(line), &mut out) {
                Some(t) => t,
                None => return out,
            };
            json::read_line(&text, &job.origin, line, &mut out);
        }
        JobKind::Bytes { format, bytes } => read_file_bytes(&bytes, format, &job.origin, &mut out),
        JobKind::File { format, size } => {
            if size > max_bytes {
                out.problems.push(Problem::new(
                    &*job.origin.path,
                    None,
                    ProblemKind::TooLarge,
                    format!("file is {size} bytes, over --max-bytes {max_bytes}"),
                ));
                return out;
            }
            let bytes = match read_bounded(Path::new(&*job.origin.path), max_bytes) {
                Ok(Some(b)) => b,
                Ok(None) => {
                    out.problems.push(Problem::new(
                        &*job.origin.path,
                        None,
                        ProblemKind::TooLarge,
                        format!("file grew past --max-bytes {max_bytes} while read"),
                    ));
                    return out;
                }
                Err(e) => {
                    out.problems.push(Problem::new(
                        &*job.origin.path,
                        None,
                        ProblemKind::Unreadable,
                        format!("cannot read: {e}"),
                    ));
                    return out;
                }
            };
            read_file_bytes(&bytes, format, &job.origin, &mut out);
        }
    }
    out
}

/// Reads a regular file, at most `max` bytes: `None` when it holds more (it grew since the
/// walk). A path that is no longer a regular file (swapped for a FIFO or a device since the
/// walk) is refused before reading.
fn read_bounded(path: &Path, max: u64) -> std::io::Result<Option<Vec<u8>>> {
    use std::io::Read as _;
    if !std::fs::metadata(path)?.is_file() {
        return Err(std::io::Error::other("not a regular file"));
    }
    let f = std::fs::File::open(path)?;
    let mut bytes = Vec::new();
    f.take(max.saturating_add(1)).read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= max).then_some(bytes))
}

/// Reads the bytes of one whole file of a format into articles, as [`read_job`] does once the
/// file is read: decoded, then split into front matter, HTML head, JSON keys or JSONL lines.
/// `name` stands for the file's path in ids and messages.
///
/// This is the whole input layer short of the folder walk; the fuzz target drives it.
pub fn read_bytes(bytes: &[u8], format: Format, name: &str) -> Read {
    let mut out = Read::default();
    let origin = Origin::new(Path::new(name), Path::new(""));
    read_file_bytes(bytes, format, &origin, &mut out);
    out
}

fn read_file_bytes(bytes: &[u8], format: Format, origin: &Origin, out: &mut Read) {
    let Some(text) = decode_or_report(bytes, origin, None, out) else {
        return;
    };
    match format {
        Format::Text => out.articles.push(text::read(text, origin)),
        Format::Html => html::read(&text, origin, out),
        Format::Json => json::read_document(&text, origin, out),
        Format::Jsonl => {
            // A JSONL file given as a whole (not streamed): read it line by line.
            for (i, l) in text.lines().enumerate() {
                if !l.trim().is_empty() {
                    json::read_line(l, origin, i + 1, out);
                }
            }
        }
    }
}

fn decode_or_report(
    bytes: &[u8],
    origin: &Origin,
    line: Option<usize>,
    out: &mut Read,
) -> Option<String> {
    match decode(bytes) {
        Ok(Decoded { text, warning }) => {
            if let Some(w) = warning {
                out.problems
                    .push(Problem::new(&*origin.path, line, ProblemKind::Warning, w));
            }
            Some(text)
        }
        Err(msg) => {
            out.problems
                .push(Problem::new(&*origin.path, line, ProblemKind::Binary, msg));
            None
        }
    }
}

/// An input file format, from the file's extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// `.txt`, `.md`: plain text with optional front matter.
    Text,
    /// `.html`, `.htm`.
    Html,
    /// `.json`: one article (or an array of them).
    Json,
    /// `.jsonl`: one article a line.
    Jsonl,
}

impl Format {
    /// The format of a path, or `None` for an extension newsrake does not read.
    pub fn of(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "txt" | "md" | "markdown" | "text" => Format::Text,
            "html" | "htm" | "xhtml" => Format::Html,
            "json" => Format::Json,
            "jsonl" | "ndjson" => Format::Jsonl,
            _ => return None,
        })
    }
}

/// Fills an [`Article`] from metadata and text, applying the defaults for id and source.
pub(crate) fn build_article(
    mut meta: Meta,
    text: String,
    origin: &Origin,
    line: Option<usize>,
) -> Article {
    let id = meta.id.unwrap_or_else(|| match line {
        Some(l) => format!("{}:{l}", origin.rel),
        None => origin.rel.to_string(),
    });
    // The user's choice, then the file's own word, then its address's host, then where it lies.
    let (source, source_from) = if origin.forced {
        (origin.source.to_string(), origin.from)
    } else if let Some(s) = meta.source.take() {
        (s, meta.from)
    } else if let Some(h) = meta.url.as_deref().and_then(host_source) {
        (h, SourceFrom::Url)
    } else {
        (origin.source.to_string(), origin.from)
    };
    Article {
        id,
        source,
        source_from,
        path: origin.path.to_string(),
        title: meta.title.unwrap_or_default(),
        published: meta.published.as_deref().and_then(parse_published),
        url: meta.url.unwrap_or_default(),
        author: meta.author.unwrap_or_default(),
        line,
        text_offset: None,
        text,
    }
}

/// Normalises line endings to `\n`, so that offsets agree with what Python reads in text mode.
pub(crate) fn normalize_newlines(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origin_source_is_first_folder_or_stem() {
        let root = Path::new("input");
        let o = Origin::new(Path::new("input/coastal-daily/a.txt"), root);
        assert_eq!(&*o.source, "coastal-daily");
        assert_eq!(&*o.rel, "coastal-daily/a.txt");
        let o = Origin::new(Path::new("input/herald.txt"), root);
        assert_eq!(&*o.source, "herald");
    }

    #[test]
    fn formats_by_extension() {
        assert_eq!(Format::of(Path::new("a.TXT")), Some(Format::Text));
        assert_eq!(Format::of(Path::new("a.htm")), Some(Format::Html));
        assert_eq!(Format::of(Path::new("a.jsonl")), Some(Format::Jsonl));
        assert_eq!(Format::of(Path::new("a.pdf")), None);
        assert_eq!(Format::of(Path::new("README")), None);
    }
}
