//! Writing the comparison tables: rows streamed to a temporary file whose columns are known
//! only at run time (one per source), and the last pass that fills the `story` column of
//! tables written before the stories were known.

use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::Error;
use crate::output::cells::safe_cell;
use crate::output::{Format, Pending};

/// A cell: text or a count.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Cell {
    S(String),
    N(usize),
}

impl Cell {
    /// The cell as written; text a spreadsheet would read as a formula neutralised when
    /// `safe`.
    fn text(&self, safe: bool) -> std::borrow::Cow<'_, str> {
        match self {
            Cell::S(s) if safe => safe_cell(s),
            Cell::S(s) => s.as_str().into(),
            Cell::N(n) => n.to_string().into(),
        }
    }
}

/// A table being written: `.NAME.EXT.partial`, renamed to `NAME.EXT` by [`TableWriter::finish`].
pub(crate) struct TableWriter {
    columns: Vec<String>,
    tmp: PathBuf,
    path: PathBuf,
    sink: Sink,
    rows: u64,
}

enum Sink {
    /// CSV, and whether its text cells are made spreadsheet-safe.
    Csv(Box<csv::Writer<BufWriter<File>>>, bool),
    Jsonl(BufWriter<File>),
}

impl TableWriter {
    /// Opens the table and writes its header (CSV).
    pub(crate) fn create(
        dir: &Path,
        name: &str,
        format: Format,
        columns: Vec<String>,
    ) -> Result<TableWriter, Error> {
        let ext = format.ext();
        let path = dir.join(format!("{name}.{ext}"));
        let tmp = dir.join(format!(".{name}.{ext}.partial"));
        let f = File::create(&tmp).map_err(|e| Error::output(&tmp, e))?;
        let mut out = BufWriter::with_capacity(1 << 16, f);
        out.write_all(format.preamble())
            .map_err(|e| Error::output(&tmp, e))?;
        let sink = match format {
            Format::Csv | Format::RawCsv | Format::ExcelCsv | Format::Xlsx => {
                let safe = format.safe_cells();
                let mut c = format.csv_writer(out);
                // Column headers name sources, which come from the input too.
                c.write_record(columns.iter().map(|h| {
                    if safe {
                        safe_cell(h).into_owned()
                    } else {
                        h.clone()
                    }
                }))
                .map_err(|e| Error::output(&tmp, e.into()))?;
                Sink::Csv(Box::new(c), safe)
            }
            Format::Jsonl | Format::Tagged => Sink::Jsonl(out),
        };
        Ok(TableWriter {
            columns,
            tmp,
            path,
            sink,
            rows: 0,
        })
    }

    /// Appends one row, cells in column order.
    pub(crate) fn row(&mut self, cells: &[Cell]) -> Result<(), Error> {
        self.rows += 1;
        match &mut self.sink {
            Sink::Csv(c, safe) => c
                .write_record(cells.iter().map(|c| c.text(*safe).into_owned()))
                .map_err(|e| Error::output(&self.tmp, e.into()))?,
            Sink::Jsonl(out) => {
                let mut m = serde_json::Map::new();
                for (c, v) in self.columns.iter().zip(cells) {
                    let v = match v {
                        Cell::S(s) => serde_json::Value::String(s.clone()),
                        Cell::N(n) => serde_json::Value::from(*n),
                    };
                    m.insert(c.clone(), v);
                }
                let err = |e: std::io::Error| Error::output(&self.tmp, e);
                serde_json::to_writer(&mut *out, &m).map_err(|e| err(e.into()))?;
                out.write_all(b"\n").map_err(err)?;
            }
        }
        Ok(())
    }

    /// Flushes the table and moves it into place; returns its path and its rows.
    pub(crate) fn finish(self) -> Result<(PathBuf, Option<u64>), Error> {
        let rows = self.rows;
        let out = match self.sink {
            Sink::Csv(c, _) => c
                .into_inner()
                .map_err(|e| Error::output(&self.tmp, e.into_error()))?,
            Sink::Jsonl(j) => j,
        };
        let f = out
            .into_inner()
            .map_err(|e| Error::output(&self.tmp, e.into_error()))?;
        f.sync_all().ok();
        drop(f);
        std::fs::rename(&self.tmp, &self.path).map_err(|e| Error::output(&self.path, e))?;
        Ok((self.path, Some(rows)))
    }
}

/// Rewrites a table written with an empty `story` column, filling it row by row from `rows`:
/// each row's story and, for `claims`, its subject's name and key as the story names them.
pub(crate) fn fill(
    p: &Pending,
    format: Format,
    mut rows: impl Iterator<Item = (usize, Option<(String, String)>)>,
) -> Result<PathBuf, Error> {
    let out_tmp = p.tmp.with_extension("story.partial");
    let f = File::open(&p.tmp).map_err(|e| Error::output(&p.tmp, e))?;
    let out = File::create(&out_tmp).map_err(|e| Error::output(&out_tmp, e))?;
    let mut out = BufWriter::with_capacity(1 << 18, out);
    let werr = |e: std::io::Error| Error::output(&out_tmp, e);
    match format {
        Format::Csv | Format::RawCsv | Format::ExcelCsv | Format::Xlsx => {
            let safe = format.safe_cells();
            out.write_all(format.preamble()).map_err(werr)?;
            let mut r = csv::ReaderBuilder::new()
                .has_headers(true)
                .from_reader(BufReader::new(f));
            let headers = r
                .headers()
                .map_err(|e| Error::output(&p.tmp, e.into()))?
                .clone();
            let col = |name: &str| headers.iter().position(|h| h == name);
            let story_col = col("story").unwrap_or(0);
            let (subject_col, key_col) = (col("subject"), col("subject_key"));
            let mut w = format.csv_writer(&mut out);
            w.write_record(&headers)
                .map_err(|e| Error::output(&out_tmp, e.into()))?;
            let mut rec = csv::StringRecord::new();
            while r
                .read_record(&mut rec)
                .map_err(|e| Error::output(&p.tmp, e.into()))?
            {
                let (story, mut subject) = rows.next().unwrap_or((0, None));
                if safe && let Some((name, key)) = &mut subject {
                    *name = safe_cell(name).into_owned();
                    *key = safe_cell(key).into_owned();
                }
                let story = (story > 0).then(|| story.to_string());
                let fields = rec.iter().enumerate().map(|(i, v)| {
                    if i == story_col {
                        return story.as_deref().unwrap_or("");
                    }
                    match &subject {
                        Some((name, _)) if Some(i) == subject_col => name.as_str(),
                        Some((_, key)) if Some(i) == key_col => key.as_str(),
                        _ => v,
                    }
                });
                w.write_record(fields)
                    .map_err(|e| Error::output(&out_tmp, e.into()))?;
            }
            w.flush().map_err(werr)?;
        }
        Format::Jsonl | Format::Tagged => {
            for line in BufReader::new(f).lines() {
                let line = line.map_err(|e| Error::output(&p.tmp, e))?;
                let (story, subject) = rows.next().unwrap_or((0, None));
                let line = match (story > 0, subject) {
                    (true, Some((name, key))) => {
                        // Rows are re-serialised: subjects hold arbitrary text.
                        let mut v: serde_json::Map<String, serde_json::Value> =
                            serde_json::from_str(&line).map_err(|e| {
                                Error::output(&p.tmp, std::io::Error::other(e.to_string()))
                            })?;
                        v.insert("story".into(), story.into());
                        v.insert("subject".into(), name.into());
                        v.insert("subject_key".into(), key.into());
                        serde_json::to_string(&v)
                            .map_err(|e| Error::output(&out_tmp, std::io::Error::other(e)))?
                    }
                    // Inside JSON strings every quote is escaped, so this key is the field.
                    (true, None) => {
                        line.replacen("\"story\":null", &format!("\"story\":{story}"), 1)
                    }
                    (false, _) => line,
                };
                writeln!(out, "{line}").map_err(werr)?;
            }
        }
    }
    let f = out
        .into_inner()
        .map_err(|e| Error::output(&out_tmp, e.into_error()))?;
    f.sync_all().ok();
    drop(f);
    std::fs::remove_file(&p.tmp).map_err(|e| Error::output(&p.tmp, e))?;
    std::fs::rename(&out_tmp, &p.path).map_err(|e| Error::output(&p.path, e))?;
    Ok(p.path.clone())
}
