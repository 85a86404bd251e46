//! Command-line arguments (clap derive) → [`newsrake::Config`], and the exit codes.

use std::path::PathBuf;

use clap::{Parser, ValueEnum};
use newsrake::input::{SourceRules, StdinFormat};

/// The exit codes, in one place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    /// Every article processed.
    Ok = 0,
    /// The run finished but some inputs were skipped (listed in `errors.csv`).
    Skipped = 1,
    /// Usage error or fatal error (unwritable output, bad rules).
    Fatal = 2,
}

const AFTER_HELP: &str = "\
Examples:
  newsrake                          process input/ into output/
  newsrake articles/ -o tables/     one folder of articles, one folder of tables
  newsrake a.html b.txt feed.jsonl  single files
  zcat dump.jsonl.gz | newsrake -   JSONL articles on standard input
  newsrake - < article.txt          one plain-text article on standard input
  newsrake --format jsonl --tokens --sentences corpus/
  newsrake - --stdout -q            a stream stage: JSONL articles in, tagged rows out
                                    (Spark: rdd.pipe(\"newsrake - --stdout -q\"))

Inputs: .txt/.md (optional front matter), .html/.htm, .json, .jsonl; folders are walked
recursively in sorted order, hidden entries skipped, other extensions skipped and counted.

Exit codes:
  0  every article processed
  1  the run finished but some inputs were skipped (listed in errors.csv; with
     --stdout they are `errors` rows in the stream and the exit code stays 0)
  2  usage error or fatal error (an input that does not exist, an output that
     is a file, unwritable output, bad rules): checked before anything is written
  130, 143  stopped by SIGINT (Ctrl-C) or SIGTERM: the previous tables are untouched";

/// Find every date, name and quotation in folders of news articles, and compare outlets.
#[derive(Debug, Parser)]
#[command(name = "newsrake", version, about, after_help = AFTER_HELP)]
pub struct Args {
    /// Files or folders to read; `-` reads JSONL articles from standard input [default:
    /// input, when there is such a folder here].
    pub inputs: Vec<PathBuf>,

    /// The folder the tables are written to (created if missing).
    #[arg(short, long, default_value = "output")]
    pub output: PathBuf,

    /// Worker threads (default: one per core).
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,

    /// No progress bar and no summary on stderr (problems are still reported).
    #[arg(short, long)]
    pub quiet: bool,

    /// Table format: the same tables and columns either way.
    #[arg(long, value_enum, default_value_t = FormatArg::Csv)]
    pub format: FormatArg,

    /// CSV cells exactly as written: no leading ' on text a spreadsheet would read as a formula
    /// (=, +, -, @, tab, carriage return). For programs that slice the text by its offsets.
    #[arg(long)]
    pub raw_cells: bool,

    /// CSV for Excel: a UTF-8 byte-order mark, so that Excel reads curly quotes and accents
    /// correctly, and CRLF line ends (cells neutralised as by default).
    #[arg(long, conflicts_with_all = ["raw_cells", "stdout"])]
    pub excel: bool,

    /// Also write tokens.csv.
    #[arg(long)]
    pub tokens: bool,

    /// Also write sentences.csv.
    #[arg(long)]
    pub sentences: bool,

    /// Read ambiguous numeric dates such as 05/01/2019 day first (5 January).
    #[arg(long)]
    pub day_first: bool,

    /// Articles published more than this many days apart are never grouped into one story.
    #[arg(long, value_name = "DAYS", default_value_t = 7)]
    pub story_days: u32,

    /// Write every per-article row to standard output as JSON lines, each with a `table` key,
    /// in input order, instead of tables in the output folder; sources are not compared (a
    /// map stage for Spark's `RDD.pipe`: `newsrake - --stdout -q`).
    #[arg(long, conflicts_with_all = ["output", "format"])]
    pub stdout: bool,

    /// Comparison tables wide: one column per source (values, wordings, mentions), as a
    /// spreadsheet shows a handful of outlets side by side; refused past 50 sources (the long
    /// tables are written instead).
    #[arg(long, conflicts_with = "stdout")]
    pub wide: bool,

    /// Skip files (and JSONL lines) larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = 50_000_000)]
    pub max_bytes: u64,

    /// Every input is from this outlet (above what the files say).
    #[arg(long, value_name = "NAME", conflicts_with = "source_map")]
    pub source: Option<String>,

    /// Outlets by path: a CSV file of `path_glob,source` rows; a file takes the source of the
    /// first row whose glob matches its path (e.g. `articles/bbc/**,BBC`). Files no row
    /// matches fall back to their metadata, address, folder or name.
    #[arg(long, value_name = "FILE")]
    pub source_map: Option<PathBuf>,

    /// What `-` (standard input) holds [default: JSON lines when it opens with `{`, else one
    /// plain-text article].
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub stdin_format: Option<StdinArg>,
}

/// `--stdin-format` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum StdinArg {
    /// One plain-text article (front matter allowed).
    Text,
    /// One JSON article a line.
    Jsonl,
}

/// `--format` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// Comma-separated values with a header row.
    Csv,
    /// One JSON object per line.
    Jsonl,
    /// One Excel workbook, newsrake.xlsx, a sheet per table.
    Xlsx,
}

impl Args {
    /// The validated configuration.
    pub fn config(self) -> Result<newsrake::Config, String> {
        if self.threads == Some(0) {
            return Err("--threads must be at least 1".into());
        }
        if self.max_bytes == 0 {
            return Err("--max-bytes must be at least 1".into());
        }
        if self.excel && self.format != FormatArg::Csv {
            return Err("--excel writes CSV tables: it cannot go with another --format".into());
        }
        if self.raw_cells && self.format != FormatArg::Csv {
            return Err(
                "--raw-cells is for CSV tables (JSONL cells are never altered; a workbook's are neutralised as CSV's)".into(),
            );
        }
        // Nothing is written before the inputs and the output are known to be usable: a typo
        // must not replace earlier results with empty tables.
        let inputs = if self.inputs.is_empty() {
            if !std::path::Path::new("input").is_dir() {
                return Err(format!(
                    "no input/ folder here: say what to read\n\n{}",
                    <Args as clap::CommandFactory>::command().render_usage()
                ));
            }
            vec![PathBuf::from("input")]
        } else {
            self.inputs
        };
        for input in &inputs {
            if input.as_os_str() != "-" && std::fs::metadata(input).is_err() {
                return Err(format!("input not found: {}", input.display()));
            }
        }
        if !self.stdout
            && let Ok(m) = std::fs::metadata(&self.output)
            && !m.is_dir()
        {
            return Err(format!("output is not a folder: {}", self.output.display()));
        }
        let sources = match (&self.source, &self.source_map) {
            (Some(name), _) => SourceRules::fixed(name).map_err(|e| e.to_string())?,
            (None, Some(map)) => SourceRules::map_file(map).map_err(|e| e.to_string())?,
            (None, None) => SourceRules::default(),
        };
        Ok(newsrake::Config {
            inputs,
            sources,
            stdin_format: match self.stdin_format {
                None => StdinFormat::Auto,
                Some(StdinArg::Text) => StdinFormat::Text,
                Some(StdinArg::Jsonl) => StdinFormat::Jsonl,
            },
            output: self.output,
            threads: self.threads.unwrap_or(0),
            format: match (self.stdout, self.format) {
                (true, _) => newsrake::output::Format::Tagged,
                (false, FormatArg::Csv) if self.raw_cells => newsrake::output::Format::RawCsv,
                (false, FormatArg::Csv) if self.excel => newsrake::output::Format::ExcelCsv,
                (false, FormatArg::Csv) => newsrake::output::Format::Csv,
                (false, FormatArg::Jsonl) => newsrake::output::Format::Jsonl,
                (false, FormatArg::Xlsx) => newsrake::output::Format::Xlsx,
            },
            stdout: self.stdout,
            tokens: self.tokens,
            sentences: self.sentences,
            max_bytes: self.max_bytes,
            progress: !self.quiet,
            report_problems: true,
            day_first: self.day_first,
            story_days: self.story_days,
            wide: self.wide,
            arguments: std::env::args_os()
                .map(|a| a.to_string_lossy().into_owned())
                .collect(),
        })
    }
}
