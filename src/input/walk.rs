//! Walking the inputs: folders recursively in sorted order, hidden entries skipped, symlinks
//! followed with loop detection (`walkdir`), JSONL files and standard input streamed a line at
//! a time so that memory stays flat however large they are.

use std::collections::VecDeque;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use super::{Format, Origin, Problem, ProblemKind, SourceRules};

/// One unit of work for a worker thread.
#[derive(Debug)]
pub struct Job {
    /// Where it came from.
    pub origin: Origin,
    /// What to do.
    pub kind: JobKind,
}

/// The kinds of work.
#[derive(Debug)]
pub enum JobKind {
    /// Read and parse a whole file.
    File {
        /// Its format.
        format: Format,
        /// Its size in bytes, from the walk.
        size: u64,
    },
    /// Parse one JSONL line, already read.
    Line {
        /// 1-based line number.
        line: usize,
        /// The raw line.
        bytes: Vec<u8>,
    },
    /// A whole document already read (plain text on standard input).
    Bytes {
        /// Its format.
        format: Format,
        /// Its bytes.
        bytes: Vec<u8>,
    },
    /// A problem found while walking.
    Problem(Problem),
}

/// What standard input (`-`) holds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum StdinFormat {
    /// JSON lines when the first character is `{`, else one plain-text article.
    #[default]
    Auto,
    /// One plain-text article (front matter allowed).
    Text,
    /// One JSON article a line.
    Jsonl,
}

impl Job {
    /// About how many bytes of input this job holds, for sizing windows.
    pub fn weight(&self) -> u64 {
        match &self.kind {
            JobKind::File { size, .. } => *size,
            JobKind::Line { bytes, .. } | JobKind::Bytes { bytes, .. } => bytes.len() as u64,
            JobKind::Problem(_) => 0,
        }
    }
}

/// Counts kept while walking.
#[derive(Clone, Copy, Debug, Default)]
pub struct WalkStats {
    /// Files skipped because newsrake does not read their extension.
    pub unknown_extension: usize,
}

type Walk = walkdir::FilterEntry<walkdir::IntoIter, fn(&walkdir::DirEntry) -> bool>;

/// An open JSONL stream.
struct Stream {
    reader: Box<dyn BufRead + Send>,
    origin: Origin,
    line: usize,
}

/// The jobs of a list of inputs, in a deterministic order.
pub struct Jobs {
    inputs: VecDeque<PathBuf>,
    walk: Option<(Walk, PathBuf)>,
    stream: Option<Stream>,
    max_bytes: u64,
    /// A folder never read (the run's own output), canonical.
    skip: Option<PathBuf>,
    /// Several inputs: article ids carry their root (the path as walked), so that `a/x.txt`
    /// and `b/x.txt` stay two ids.
    rooted_ids: bool,
    /// `--source` / `--source-map`.
    sources: SourceRules,
    /// What `-` holds.
    stdin_format: StdinFormat,
    /// Counts so far.
    pub stats: WalkStats,
}

impl Jobs {
    /// Jobs for `inputs` (files, folders, or `-` for JSONL on standard input).
    pub fn new(inputs: &[PathBuf], max_bytes: u64) -> Jobs {
        Jobs {
            inputs: inputs.iter().cloned().collect(),
            walk: None,
            stream: None,
            max_bytes,
            skip: None,
            rooted_ids: inputs.len() > 1,
            sources: SourceRules::default(),
            stdin_format: StdinFormat::Auto,
            stats: WalkStats::default(),
        }
    }

    /// Names sources as the user chose (`--source`, `--source-map`), above anything a file says.
    pub fn with_sources(mut self, rules: SourceRules) -> Jobs {
        self.sources = rules;
        self
    }

    /// Reads standard input as `format` (`--stdin-format`), or decides by its first character.
    pub fn with_stdin_format(mut self, format: StdinFormat) -> Jobs {
        self.stdin_format = format;
        self
    }

    /// The job for standard input: a JSONL stream (set up, no job yet) or one text article.
    fn stdin_job(&mut self) -> Option<Job> {
        let mut reader = BufReader::with_capacity(1 << 16, std::io::stdin());
        let origin = self.chosen(Origin::stdin());
        let text = match self.stdin_format {
            StdinFormat::Text => true,
            StdinFormat::Jsonl => false,
            StdinFormat::Auto => match reader.fill_buf() {
                // JSON lines open with `{` (after blanks or a byte-order mark); a buffer of
                // blanks alone is read as JSONL, which skips blank lines.
                Ok(buf) => buf
                    .strip_prefix(b"\xef\xbb\xbf")
                    .unwrap_or(buf)
                    .iter()
                    .find(|b| !b.is_ascii_whitespace())
                    .is_some_and(|&b| b != b'{'),
                Err(_) => false,
            },
        };
        if !text {
            self.stream = Some(Stream {
                reader: Box::new(reader),
                origin,
                line: 0,
            });
            return None;
        }
        let mut bytes = Vec::new();
        let read = (&mut reader)
            .take(self.max_bytes.saturating_add(1))
            .read_to_end(&mut bytes);
        let problem = match read {
            Ok(_) if bytes.len() as u64 > self.max_bytes => Problem::new(
                "-",
                None,
                ProblemKind::TooLarge,
                format!("standard input is over --max-bytes {}", self.max_bytes),
            ),
            Ok(_) => {
                return Some(Job {
                    origin,
                    kind: JobKind::Bytes {
                        format: Format::Text,
                        bytes,
                    },
                });
            }
            Err(e) => Problem::new(
                "-",
                None,
                ProblemKind::Unreadable,
                format!("read failed: {e}"),
            ),
        };
        Some(problem_job(origin, problem))
    }

    /// Applies the user's choice of source to an origin.
    fn chosen(&self, mut o: Origin) -> Origin {
        if let Some((name, from)) = self.sources.explicit(&o.path, &o.rel) {
            o.source = name;
            o.from = from;
            o.forced = true;
        }
        o
    }

    /// Never reads the folder `dir` (the run's own output, when it lies inside an input): its
    /// tables would be read back as articles. A walk that meets it notes it as a warning.
    pub fn skipping(mut self, dir: &Path) -> Jobs {
        self.skip = std::fs::canonicalize(dir).ok();
        self
    }

    fn next_line(&mut self) -> Option<Job> {
        let stream = self.stream.as_mut()?;
        loop {
            stream.line += 1;
            let origin = stream.origin.clone();
            match read_line_limited(&mut stream.reader, self.max_bytes) {
                Ok(LineRead::Eof) => {
                    self.stream = None;
                    return None;
                }
                Ok(LineRead::Line(bytes)) => {
                    if bytes.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    let line = stream.line;
                    return Some(Job {
                        origin,
                        kind: JobKind::Line { line, bytes },
                    });
                }
                Ok(LineRead::TooLong(n)) => {
                    let p = Problem::new(
                        &*origin.path,
                        Some(stream.line),
                        ProblemKind::TooLarge,
                        format!("line is over {n} bytes (--max-bytes)"),
                    );
                    return Some(problem_job(origin, p));
                }
                Err(e) => {
                    self.stream = None;
                    let p = Problem::new(
                        &*origin.path,
                        None,
                        ProblemKind::Unreadable,
                        format!("read failed: {e}"),
                    );
                    return Some(problem_job(origin, p));
                }
            }
        }
    }

    /// The origin of `path` below `root`: its id relative to the root, or with several inputs
    /// the path as walked (`./` dropped).
    fn origin(&self, path: &Path, root: &Path) -> Origin {
        let mut o = Origin::new(path, root);
        if self.rooted_ids {
            let walked = path.to_string_lossy().replace('\\', "/");
            o.rel = walked.strip_prefix("./").unwrap_or(&walked).into();
        }
        self.chosen(o)
    }

    /// The job for one file found at `path` below `root`, of kind and size `meta` (its
    /// target's, for a symlink).
    fn file_job(
        &mut self,
        path: &Path,
        root: &Path,
        meta: Option<&std::fs::Metadata>,
    ) -> Option<Job> {
        let size = meta.map_or(0, std::fs::Metadata::len);
        if let Some(m) = meta
            && !m.is_file()
        {
            // A FIFO blocks on open and a device never ends: neither is read, whatever its
            // name says.
            let origin = self.origin(path, root);
            let p = Problem::new(
                &*origin.path,
                None,
                ProblemKind::NotAFile,
                format!("not a regular file ({}): not read", file_kind(m)),
            );
            return Some(problem_job(origin, p));
        }
        let Some(format) = Format::of(path) else {
            // Documents newsrake cannot read but a user meant it to: say how to convert them.
            if let Some(how) = unsupported(path) {
                let origin = self.origin(path, root);
                let p = Problem::new(&*origin.path, None, ProblemKind::Unsupported, how);
                return Some(problem_job(origin, p));
            }
            self.stats.unknown_extension += 1;
            return None;
        };
        let origin = self.origin(path, root);
        if format == Format::Jsonl {
            match File::open(path) {
                Ok(f) => {
                    self.stream = Some(Stream {
                        reader: Box::new(BufReader::with_capacity(1 << 16, f)),
                        origin,
                        line: 0,
                    });
                    return self.next_line();
                }
                Err(e) => {
                    let p = Problem::new(
                        &*origin.path,
                        None,
                        ProblemKind::Unreadable,
                        format!("cannot open: {e}"),
                    );
                    return Some(problem_job(origin, p));
                }
            }
        }
        Some(Job {
            origin,
            kind: JobKind::File { format, size },
        })
    }
}

/// What kind of file system entry `m` is, in words.
fn file_kind(m: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = m.file_type();
        if t.is_fifo() {
            return "a FIFO";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    let _ = m;
    "not a file"
}

/// What to do with a document of a format newsrake does not read, by its extension.
fn unsupported(path: &Path) -> Option<String> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    let file = path
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = path
        .file_stem()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default();
    Some(match ext.as_str() {
        "pdf" => {
            format!("PDF is not read: convert it to text first, e.g. `pdftotext {file} {stem}.txt`")
        }
        "docx" | "doc" | "odt" | "rtf" | "epub" => format!(
            "{} is not read: convert it to text first, e.g. `pandoc {file} -t plain -o {stem}.txt`",
            ext.to_ascii_uppercase()
        ),
        "png" | "jpg" | "jpeg" | "gif" | "webp" | "tif" | "tiff" | "bmp" => format!(
            "an image ({}) holds no text newsrake can read: run OCR first, e.g. `tesseract {file} {stem}`",
            ext.to_ascii_uppercase()
        ),
        _ => return None,
    })
}

fn problem_job(origin: Origin, p: Problem) -> Job {
    Job {
        origin,
        kind: JobKind::Problem(p),
    }
}

impl Iterator for Jobs {
    type Item = Job;

    fn next(&mut self) -> Option<Job> {
        loop {
            if self.stream.is_some() {
                if let Some(j) = self.next_line() {
                    return Some(j);
                }
                continue;
            }
            if let Some((walk, root)) = self.walk.as_mut() {
                let root = root.clone();
                match walk.next() {
                    None => {
                        self.walk = None;
                        continue;
                    }
                    Some(Ok(entry)) => {
                        if entry.file_type().is_dir() {
                            let why = if self.skip.is_some()
                                && std::fs::canonicalize(entry.path()).ok() == self.skip
                            {
                                "the run's own output folder: not read"
                            } else if crate::output::staging::is_newsrake_output(entry.path()) {
                                "a newsrake output folder (it holds newsrake's manifest.json): not read"
                            } else {
                                continue;
                            };
                            walk.skip_current_dir();
                            let path = entry.path().to_string_lossy().into_owned();
                            let origin = self.origin(entry.path(), &root);
                            let p = Problem::new(path, None, ProblemKind::Warning, why);
                            return Some(problem_job(origin, p));
                        }
                        // A symlink's target's kind and size (links are followed).
                        let meta = entry.metadata().ok();
                        if let Some(j) = self.file_job(entry.path(), &root, meta.as_ref()) {
                            return Some(j);
                        }
                    }
                    Some(Err(e)) => {
                        let path = e
                            .path()
                            .map(|p| p.to_string_lossy().into_owned())
                            .unwrap_or_default();
                        let msg = if e.loop_ancestor().is_some() {
                            "symlink loop: not followed".to_string()
                        } else {
                            e.io_error()
                                .map_or_else(|| e.to_string(), |io| format!("cannot read: {io}"))
                        };
                        let origin = self.origin(Path::new(&path), &root);
                        let p = Problem::new(path, None, ProblemKind::Unreadable, msg);
                        return Some(problem_job(origin, p));
                    }
                }
                continue;
            }
            let input = self.inputs.pop_front()?;
            if input.as_os_str() == "-" {
                if let Some(j) = self.stdin_job() {
                    return Some(j);
                }
                continue;
            }
            let meta = match std::fs::metadata(&input) {
                Ok(m) => m,
                Err(e) => {
                    let origin = Origin::new(&input, input.parent().unwrap_or(Path::new("")));
                    let p = Problem::new(
                        input.to_string_lossy(),
                        None,
                        ProblemKind::Unreadable,
                        format!("cannot read: {e}"),
                    );
                    return Some(problem_job(origin, p));
                }
            };
            if meta.is_dir() {
                let walk = WalkDir::new(&input)
                    .follow_links(true)
                    .sort_by_file_name()
                    .into_iter()
                    .filter_entry(visible as fn(&walkdir::DirEntry) -> bool);
                self.walk = Some((walk, input));
            } else {
                let root = input.parent().unwrap_or(Path::new("")).to_path_buf();
                if let Some(j) = self.file_job(&input, &root, Some(&meta)) {
                    return Some(j);
                }
            }
        }
    }
}

/// Hidden files and folders (a leading `.`) are skipped, except the root itself.
fn visible(e: &walkdir::DirEntry) -> bool {
    e.depth() == 0 || !e.file_name().to_str().is_some_and(|s| s.starts_with('.'))
}

enum LineRead {
    Eof,
    Line(Vec<u8>),
    TooLong(u64),
}

/// Reads one line (without its `\n`) of at most `max` bytes; a longer line is skipped whole.
fn read_line_limited(r: &mut dyn BufRead, max: u64) -> std::io::Result<LineRead> {
    let mut buf = Vec::new();
    let n = (&mut *r)
        .take(max.saturating_add(1))
        .read_until(b'\n', &mut buf)?;
    if n == 0 {
        return Ok(LineRead::Eof);
    }
    if buf.last() == Some(&b'\n') {
        buf.pop();
        if buf.last() == Some(&b'\r') {
            buf.pop();
        }
        return Ok(LineRead::Line(buf));
    }
    if n as u64 > max {
        // Skip the rest of the line without keeping it.
        loop {
            let chunk = r.fill_buf()?;
            if chunk.is_empty() {
                break;
            }
            match memchr::memchr(b'\n', chunk) {
                Some(p) => {
                    r.consume(p + 1);
                    break;
                }
                None => {
                    let len = chunk.len();
                    r.consume(len);
                }
            }
        }
        return Ok(LineRead::TooLong(max));
    }
    Ok(LineRead::Line(buf))
}
