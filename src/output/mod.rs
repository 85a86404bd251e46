//! Output tables: row types with a fixed column order, per-article encoding on the worker
//! threads, and writers that publish each table atomically (temporary file, then rename).
//!
//! Workers encode an article's rows into byte buffers, in parallel; the single writer only
//! appends buffers in input order, so the output is the same whatever the thread count.

mod rows;

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;

pub use rows::*;

use crate::Error;

/// The format every table is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Format {
    /// Comma-separated, with a header row (`.csv`).
    #[default]
    Csv,
    /// One JSON object per row (`.jsonl`).
    Jsonl,
}

impl Format {
    fn ext(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Jsonl => "jsonl",
        }
    }
}

/// The tables newsrake writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Table {
    /// `articles`: one row per article.
    Articles,
    /// `sentences` (with `--sentences`).
    Sentences,
    /// `tokens` (with `--tokens`).
    Tokens,
    /// `dates`: temporal expressions.
    Dates,
    /// `names`: name mentions.
    Names,
    /// `entities`: entities per article.
    Entities,
    /// `quotes`: quotations.
    Quotes,
    /// `errors`: problems with inputs.
    Errors,
}

impl Table {
    /// Every table, in a fixed order.
    pub const ALL: [Table; 8] = [
        Table::Articles,
        Table::Sentences,
        Table::Tokens,
        Table::Dates,
        Table::Names,
        Table::Entities,
        Table::Quotes,
        Table::Errors,
    ];

    /// The file stem.
    pub fn name(self) -> &'static str {
        match self {
            Table::Articles => "articles",
            Table::Sentences => "sentences",
            Table::Tokens => "tokens",
            Table::Dates => "dates",
            Table::Names => "names",
            Table::Entities => "entities",
            Table::Quotes => "quotes",
            Table::Errors => "errors",
        }
    }

    /// The column names, in order (equal to the row type's serde fields; a test checks).
    pub fn columns(self) -> &'static [&'static str] {
        match self {
            Table::Articles => ArticleRow::COLUMNS,
            Table::Sentences => SentenceRow::COLUMNS,
            Table::Tokens => TokenRow::COLUMNS,
            Table::Dates => DateRow::COLUMNS,
            Table::Names => NameRow::COLUMNS,
            Table::Entities => EntityRow::COLUMNS,
            Table::Quotes => QuoteRow::COLUMNS,
            Table::Errors => ErrorRow::COLUMNS,
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// Encoded rows of one article (or one job), a buffer per table.
#[derive(Debug, Default)]
pub struct Encoded {
    bufs: [Vec<u8>; Table::ALL.len()],
    /// One CSV writer per table, made on first use and flushed by [`Encoded::finish`].
    csv: [Option<csv::Writer<Vec<u8>>>; Table::ALL.len()],
}

impl Encoded {
    /// Appends one row to `table`'s buffer.
    pub fn row<T: Serialize>(&mut self, format: Format, table: Table, row: &T) {
        let buf = &mut self.bufs[table.index()];
        match format {
            Format::Csv => {
                let w = self.csv[table.index()].get_or_insert_with(|| {
                    csv::WriterBuilder::new()
                        .has_headers(false)
                        .from_writer(Vec::new())
                });
                // Serialising plain structs of strings and numbers into memory cannot fail.
                let _ = w.serialize(row);
            }
            Format::Jsonl => {
                let _ = serde_json::to_writer(&mut *buf, row);
                buf.push(b'\n');
            }
        }
    }

    /// Moves the rows still held by the CSV writers into the buffers. Call it once all rows
    /// are written, before [`Encoded::bytes`].
    pub fn finish(&mut self) {
        for (buf, w) in self.bufs.iter_mut().zip(self.csv.iter_mut()) {
            if let Some(w) = w.take() {
                let _ = w.into_inner().map(|b| buf.extend_from_slice(&b));
            }
        }
    }

    /// The encoded bytes for `table`.
    pub fn bytes(&self, table: Table) -> &[u8] {
        &self.bufs[table.index()]
    }
}

/// An open table: written to `.NAME.EXT.partial`, renamed to `NAME.EXT` by [`Writers::finish`].
struct Sink {
    table: Table,
    tmp: PathBuf,
    path: PathBuf,
    out: BufWriter<File>,
}

/// The writers of one run.
pub struct Writers {
    sinks: Vec<Sink>,
}

impl Writers {
    /// Creates the output folder and opens the tables in `tables`, headers written.
    pub fn create(dir: &Path, format: Format, tables: &[Table]) -> Result<Writers, Error> {
        std::fs::create_dir_all(dir).map_err(|e| Error::output(dir, e))?;
        let mut sinks = Vec::new();
        for &table in tables {
            let file = format!("{}.{}", table.name(), format.ext());
            let path = dir.join(&file);
            let tmp = dir.join(format!(".{file}.partial"));
            let f = File::create(&tmp).map_err(|e| Error::output(&tmp, e))?;
            let mut out = BufWriter::with_capacity(1 << 18, f);
            if format == Format::Csv {
                let mut w = csv::Writer::from_writer(Vec::new());
                let _ = w.write_record(table.columns());
                let header = w.into_inner().unwrap_or_default();
                out.write_all(&header).map_err(|e| Error::output(&tmp, e))?;
            }
            sinks.push(Sink {
                table,
                tmp,
                path,
                out,
            });
        }
        Ok(Writers { sinks })
    }

    /// Appends encoded rows to every open table.
    pub fn write(&mut self, enc: &Encoded) -> Result<(), Error> {
        for s in &mut self.sinks {
            let b = enc.bytes(s.table);
            if !b.is_empty() {
                s.out.write_all(b).map_err(|e| Error::output(&s.tmp, e))?;
            }
        }
        Ok(())
    }

    /// Flushes every table and moves it into place.
    pub fn finish(self) -> Result<Vec<PathBuf>, Error> {
        let mut done = Vec::new();
        for s in self.sinks {
            let f = s
                .out
                .into_inner()
                .map_err(|e| Error::output(&s.tmp, e.into_error()))?;
            f.sync_all().ok();
            drop(f);
            std::fs::rename(&s.tmp, &s.path).map_err(|e| Error::output(&s.path, e))?;
            done.push(s.path);
        }
        Ok(done)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The header the csv crate derives from the row type equals the declared columns.
    fn header_of<T: Serialize + Default>() -> Vec<String> {
        let mut w = csv::Writer::from_writer(Vec::new());
        w.serialize(T::default()).unwrap();
        let data = String::from_utf8(w.into_inner().unwrap()).unwrap();
        let mut r = csv::Reader::from_reader(data.as_bytes());
        r.headers().unwrap().iter().map(str::to_string).collect()
    }

    #[test]
    fn columns_match_row_types() {
        assert_eq!(header_of::<ArticleRow>(), Table::Articles.columns());
        assert_eq!(header_of::<SentenceRow>(), Table::Sentences.columns());
        assert_eq!(header_of::<TokenRow>(), Table::Tokens.columns());
        assert_eq!(header_of::<DateRow>(), Table::Dates.columns());
        assert_eq!(header_of::<NameRow>(), Table::Names.columns());
        assert_eq!(header_of::<EntityRow>(), Table::Entities.columns());
        assert_eq!(header_of::<QuoteRow>(), Table::Quotes.columns());
        assert_eq!(header_of::<ErrorRow>(), Table::Errors.columns());
    }

    #[test]
    fn empty_tables_have_headers_and_are_renamed() {
        let dir = tempfile::tempdir().unwrap();
        let w = Writers::create(dir.path(), Format::Csv, &[Table::Errors]).unwrap();
        assert!(dir.path().join(".errors.csv.partial").exists());
        w.finish().unwrap();
        let text = std::fs::read_to_string(dir.path().join("errors.csv")).unwrap();
        assert_eq!(text, "path,line,kind,message\n");
        assert!(!dir.path().join(".errors.csv.partial").exists());
    }
}
