//! Output tables: row types with a fixed column order, per-article encoding on the worker
//! threads, and writers that publish each table atomically (temporary file, then rename).
//!
//! Workers encode an article's rows into byte buffers, in parallel; the single writer only
//! appends buffers in input order, so the output is the same whatever the thread count.

pub mod cells;
mod rows;
pub mod staging;
pub mod xlsx;

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;

pub use rows::*;

use crate::Error;

/// The format every table is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Format {
    /// Comma-separated, with a header row (`.csv`); text cells a spreadsheet would read as a
    /// formula are neutralised with a leading `'` ([`cells::safe_cell`]).
    #[default]
    Csv,
    /// Comma-separated as [`Format::Csv`], every cell as written (`--raw-cells`: for programs,
    /// which slice the text by its offsets).
    RawCsv,
    /// Comma-separated as [`Format::Csv`], for Excel (`--excel`): a UTF-8 byte-order mark
    /// first, so that Excel reads curly quotes and accents as UTF-8, and CRLF line ends.
    ExcelCsv,
    /// One workbook, `newsrake.xlsx`, a sheet per table (`--format xlsx`; see [`xlsx`]). The
    /// tables are staged as [`Format::Csv`], then turned into sheets.
    Xlsx,
    /// One JSON object per row (`.jsonl`).
    Jsonl,
    /// One JSON object per row, each with a leading `"table"` key naming its table: every
    /// table in one stream (`--stdout`).
    Tagged,
}

impl Format {
    /// The tables' file extension.
    pub fn ext(self) -> &'static str {
        match self {
            Format::Csv | Format::RawCsv | Format::ExcelCsv | Format::Xlsx => "csv",
            Format::Jsonl | Format::Tagged => "jsonl",
        }
    }

    /// True for the CSV formats.
    pub fn is_csv(self) -> bool {
        matches!(
            self,
            Format::Csv | Format::RawCsv | Format::ExcelCsv | Format::Xlsx
        )
    }

    /// True when text cells a spreadsheet would run as a formula get a leading `'`.
    pub fn safe_cells(self) -> bool {
        matches!(self, Format::Csv | Format::ExcelCsv | Format::Xlsx)
    }

    /// What a CSV table file begins with: the UTF-8 byte-order mark for Excel, else nothing.
    pub fn preamble(self) -> &'static [u8] {
        if self == Format::ExcelCsv {
            b"\xEF\xBB\xBF"
        } else {
            b""
        }
    }

    /// A CSV writer for this format (CRLF line ends for Excel), header row not written.
    pub fn csv_writer<W: Write>(self, out: W) -> csv::Writer<W> {
        let mut b = csv::WriterBuilder::new();
        b.has_headers(false);
        if self == Format::ExcelCsv {
            b.terminator(csv::Terminator::CRLF);
        }
        b.from_writer(out)
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
    /// `amounts`: numbers with their unit.
    Amounts,
    /// `claims`: entities tied to dates and amounts.
    Claims,
    /// `errors`: problems with inputs.
    Errors,
}

impl Table {
    /// Every table, in a fixed order.
    pub const ALL: [Table; 10] = [
        Table::Articles,
        Table::Sentences,
        Table::Tokens,
        Table::Dates,
        Table::Names,
        Table::Entities,
        Table::Quotes,
        Table::Amounts,
        Table::Claims,
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
            Table::Amounts => "amounts",
            Table::Claims => "claims",
            Table::Errors => "errors",
        }
    }

    /// The column names, in order, as the csv crate derives them from the row type's fields.
    pub fn columns(self) -> Vec<String> {
        match self {
            Table::Articles => header_of::<ArticleRow>(),
            Table::Sentences => header_of::<SentenceRow>(),
            Table::Tokens => header_of::<TokenRow>(),
            Table::Dates => header_of::<DateRow>(),
            Table::Names => header_of::<NameRow>(),
            Table::Entities => header_of::<EntityRow>(),
            Table::Quotes => header_of::<QuoteRow>(),
            Table::Amounts => header_of::<AmountRow>(),
            Table::Claims => header_of::<ClaimRow>(),
            Table::Errors => header_of::<ErrorRow>(),
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// The header the csv crate writes for a row type: its serde field names, in order.
fn header_of<T: Serialize + Default>() -> Vec<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.serialize(T::default());
    let data = w.into_inner().unwrap_or_default();
    let mut r = csv::Reader::from_reader(data.as_slice());
    r.headers()
        .map(|h| h.iter().map(str::to_string).collect())
        .unwrap_or_default()
}

/// Rows of one table held in memory before they go to a spill file (see [`Encoded::spilling`]).
const SPILL_BYTES: usize = 1 << 20;

/// Encoded rows of one article (or one job), a buffer per table.
#[derive(Debug, Default)]
pub struct Encoded {
    bufs: [Vec<u8>; Table::ALL.len()],
    /// One CSV writer per table, made on first use and flushed by [`Encoded::finish`].
    csv: [Option<csv::Writer<Vec<u8>>>; Table::ALL.len()],
    /// The cells of the row being written (CSV).
    cells: Vec<String>,
    /// Where rows beyond [`SPILL_BYTES`] a table go, when set.
    spill: Option<Spill>,
    /// Rows encoded, per table.
    rows: [u64; Table::ALL.len()],
}

/// Spill files of one [`Encoded`]: the rows of a long article wait there, in order, for the
/// writer, so that an article's rows are never all in memory.
#[derive(Debug)]
struct Spill {
    dir: PathBuf,
    files: [Option<(PathBuf, BufWriter<File>)>; Table::ALL.len()],
    /// The first error met; reported by [`Writers::write`].
    error: Option<Error>,
}

static SPILLS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

impl Spill {
    fn write(&mut self, table: Table, bytes: &[u8]) {
        if self.error.is_some() || bytes.is_empty() {
            return;
        }
        let slot = &mut self.files[table.index()];
        if slot.is_none() {
            let n = SPILLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let path = self.dir.join(format!(".spill-{n}-{}", table.name()));
            match File::create(&path) {
                Ok(f) => *slot = Some((path, BufWriter::with_capacity(1 << 16, f))),
                Err(e) => {
                    self.error = Some(Error::output(&path, e));
                    return;
                }
            }
        }
        if let Some((path, f)) = slot
            && let Err(e) = f.write_all(bytes)
        {
            self.error = Some(Error::output(&*path, e));
        }
    }
}

impl Encoded {
    /// Rows beyond about a megabyte a table are moved to files in `dir` as they are encoded
    /// (the run's staging folder), and read back in order by [`Writers::write`]: an article of
    /// any length holds a bounded amount of rows in memory.
    pub fn spilling(dir: &Path) -> Encoded {
        Encoded {
            spill: Some(Spill {
                dir: dir.to_path_buf(),
                files: Default::default(),
                error: None,
            }),
            ..Encoded::default()
        }
    }

    /// Moves `table`'s buffered rows to its spill file once they pass [`SPILL_BYTES`].
    fn maybe_spill(&mut self, table: Table) {
        let Some(spill) = &mut self.spill else {
            return;
        };
        let i = table.index();
        if let Some(w) = &self.csv[i] {
            if w.get_ref().len() >= SPILL_BYTES
                && let Some(w) = self.csv[i].take()
                && let Ok(bytes) = w.into_inner()
            {
                // The next row starts a new writer.
                spill.write(table, &bytes);
            }
        } else if self.bufs[i].len() >= SPILL_BYTES {
            spill.write(table, &self.bufs[i]);
            self.bufs[i].clear();
        }
    }

    /// Appends one row to `table`'s buffer.
    pub fn row<T: Serialize>(&mut self, format: Format, table: Table, row: &T) {
        self.encode_row(format, table, row);
        self.maybe_spill(table);
    }

    fn encode_row<T: Serialize>(&mut self, format: Format, table: Table, row: &T) {
        self.rows[table.index()] += 1;
        let buf = &mut self.bufs[table.index()];
        match format {
            Format::Csv | Format::RawCsv | Format::ExcelCsv | Format::Xlsx => {
                let w =
                    self.csv[table.index()].get_or_insert_with(|| format.csv_writer(Vec::new()));
                // Serialising plain structs of strings and numbers into memory cannot fail.
                if format.safe_cells() && cells::flatten(row, &mut self.cells) {
                    let _ = w.write_record(&self.cells);
                } else {
                    let _ = w.serialize(row);
                }
            }
            Format::Jsonl => {
                let _ = serde_json::to_writer(&mut *buf, row);
                buf.push(b'\n');
            }
            Format::Tagged => {
                // `{"table":"dates",` then the row's own object without its opening brace.
                buf.extend_from_slice(b"{\"table\":\"");
                buf.extend_from_slice(table.name().as_bytes());
                buf.extend_from_slice(b"\",");
                let at = buf.len();
                let _ = serde_json::to_writer(&mut *buf, row);
                if buf.get(at) == Some(&b'{') {
                    buf.remove(at);
                }
                buf.push(b'\n');
            }
        }
    }

    /// Moves the rows still held by the CSV writers into the buffers, and closes the spill
    /// files. Call it once all rows are written, before [`Encoded::bytes`].
    pub fn finish(&mut self) {
        for (buf, w) in self.bufs.iter_mut().zip(self.csv.iter_mut()) {
            if let Some(w) = w.take() {
                let _ = w.into_inner().map(|b| buf.extend_from_slice(&b));
            }
        }
        if let Some(spill) = &mut self.spill {
            for (path, f) in spill.files.iter_mut().flatten() {
                if let Err(e) = f.flush()
                    && spill.error.is_none()
                {
                    spill.error = Some(Error::output(&*path, e));
                }
            }
        }
    }

    /// Copies `table`'s spilled rows (those before [`Encoded::bytes`]) to `out`, then removes
    /// the spill file.
    fn copy_spilled(&mut self, table: Table, out: &mut impl Write, to: &Path) -> Result<(), Error> {
        let Some(spill) = &mut self.spill else {
            return Ok(());
        };
        if let Some(e) = spill.error.take() {
            return Err(e);
        }
        if let Some((path, f)) = spill.files[table.index()].take() {
            drop(f);
            let mut r = File::open(&path).map_err(|e| Error::output(&path, e))?;
            std::io::copy(&mut r, out).map_err(|e| Error::output(to, e))?;
            let _ = std::fs::remove_file(&path);
        }
        Ok(())
    }

    /// The encoded bytes for `table`.
    pub fn bytes(&self, table: Table) -> &[u8] {
        &self.bufs[table.index()]
    }
}

/// Every table's rows in one stream on standard output, an article's rows together, in input
/// order (`--stdout`: a map stage for Spark's `RDD.pipe` and other line-oriented tools).
pub struct StreamWriter<W: Write> {
    out: BufWriter<W>,
}

impl<W: Write> StreamWriter<W> {
    /// A writer on `out`.
    pub fn new(out: W) -> StreamWriter<W> {
        StreamWriter {
            out: BufWriter::with_capacity(1 << 18, out),
        }
    }

    /// Appends one article's (or job's) encoded rows, table by table.
    pub fn write(&mut self, enc: &Encoded) -> Result<(), Error> {
        for t in Table::ALL {
            let b = enc.bytes(t);
            if !b.is_empty() {
                self.out
                    .write_all(b)
                    .map_err(|e| Error::output("standard output", e))?;
            }
        }
        Ok(())
    }

    /// Flushes what is buffered.
    pub fn finish(mut self) -> Result<(), Error> {
        self.out
            .flush()
            .map_err(|e| Error::output("standard output", e))
    }
}

/// An open table: written to `.NAME.EXT.partial`, renamed to `NAME.EXT` by [`Writers::finish`].
struct Sink {
    table: Table,
    tmp: PathBuf,
    path: PathBuf,
    out: BufWriter<File>,
    /// Rows written (header not counted).
    rows: u64,
}

/// A table fully written to its temporary file, not yet in place.
#[derive(Debug)]
pub struct Pending {
    /// Which table.
    pub table: Table,
    /// Where it was written.
    pub tmp: PathBuf,
    /// Where it goes.
    pub path: PathBuf,
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
            if format.is_csv() {
                let mut w = format.csv_writer(format.preamble().to_vec());
                let _ = w.write_record(table.columns());
                let header = w.into_inner().unwrap_or_default();
                out.write_all(&header).map_err(|e| Error::output(&tmp, e))?;
            }
            sinks.push(Sink {
                table,
                tmp,
                path,
                out,
                rows: 0,
            });
        }
        Ok(Writers { sinks })
    }

    /// Appends encoded rows to every open table: spilled rows first, then those in memory.
    pub fn write(&mut self, enc: &mut Encoded) -> Result<(), Error> {
        for s in &mut self.sinks {
            s.rows += enc.rows[s.table.index()];
            enc.copy_spilled(s.table, &mut s.out, &s.tmp)?;
            let b = enc.bytes(s.table);
            if !b.is_empty() {
                s.out.write_all(b).map_err(|e| Error::output(&s.tmp, e))?;
            }
        }
        Ok(())
    }

    /// Each table's final path and the rows written to it so far (header not counted): the
    /// manifest's counts, kept while writing rather than read back.
    pub fn row_counts(&self) -> Vec<(PathBuf, u64)> {
        self.sinks
            .iter()
            .map(|s| (s.path.clone(), s.rows))
            .collect()
    }

    /// Flushes every table and moves it into place.
    pub fn finish(self) -> Result<Vec<PathBuf>, Error> {
        Ok(self.finish_except(&[])?.0)
    }

    /// Flushes every table; moves into place all but those in `keep`, which are returned as
    /// [`Pending`] for a last pass (filling in the story column).
    pub fn finish_except(self, keep: &[Table]) -> Result<(Vec<PathBuf>, Vec<Pending>), Error> {
        let mut done = Vec::new();
        let mut pending = Vec::new();
        for s in self.sinks {
            let f = s
                .out
                .into_inner()
                .map_err(|e| Error::output(&s.tmp, e.into_error()))?;
            f.sync_all().ok();
            drop(f);
            if keep.contains(&s.table) {
                pending.push(Pending {
                    table: s.table,
                    tmp: s.tmp,
                    path: s.path,
                });
                continue;
            }
            std::fs::rename(&s.tmp, &s.path).map_err(|e| Error::output(&s.path, e))?;
            done.push(s.path);
        }
        Ok((done, pending))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The columns are a contract that scripts and users rely on.
    #[test]
    fn columns_are_the_documented_ones() {
        let cols = |t: Table| t.columns().join(",");
        assert_eq!(
            cols(Table::Articles),
            "article_id,source,source_from,path,line,text_offset,title,published,url,author,chars,words,sentences,paragraphs,dates,names,entities,quotes,amounts,claims,story"
        );
        assert_eq!(
            cols(Table::Sentences),
            "article_id,sentence,paragraph,start,end,text"
        );
        assert_eq!(
            cols(Table::Tokens),
            "article_id,sentence,token,start,end,text,kind"
        );
        assert_eq!(
            cols(Table::Dates),
            "article_id,source,sentence,start,end,text,type,value,value_plain,mod,anchor"
        );
        assert_eq!(
            cols(Table::Names),
            "article_id,source,sentence,start,end,text,kind,entity"
        );
        assert_eq!(
            cols(Table::Entities),
            "article_id,source,entity,kind,key,mentions,first_start,aliases"
        );
        assert_eq!(
            cols(Table::Quotes),
            "article_id,source,quote_id,part,sentence,start,end,text,kind,speaker,speaker_entity,speaker_start,speaker_end,cue,unclosed"
        );
        assert_eq!(
            cols(Table::Amounts),
            "article_id,source,sentence,start,end,text,value,unit,approx"
        );
        assert_eq!(
            cols(Table::Claims),
            "article_id,source,story,sentence,claim_id,subject,subject_key,attribute,event,value_type,text,value,plain,unit,mod,hedged,when,start,end,cue,evidence"
        );
        assert_eq!(cols(Table::Errors), "path,line,kind,message");
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
