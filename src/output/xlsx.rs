//! `--format xlsx`: every table of a run as one workbook, `newsrake.xlsx`, one sheet per table.
//!
//! The tables are first written as spreadsheet-safe CSV in the staging folder (the same rows,
//! cells neutralised as in CSV), then each is streamed into its sheet through
//! `rust_xlsxwriter`'s constant-memory mode (rows go to a temporary file in the staging folder
//! as they are written), and the CSV files are removed. In each sheet:
//! - the header row is bold and frozen, with an autofilter over every column;
//! - columns are as wide as their longest cell in the first rows (within bounds);
//! - offsets, counts and amounts' values are numbers, full ISO dates (`2025-03-12`) are date
//!   cells; everything else is text, as written in CSV;
//! - a table over Excel's 1,048,576 rows continues on `NAME (2)`, `NAME (3)`, each with the
//!   header;
//! - a cell over Excel's 32,767 characters is cut, ending with [`CUT_MARKER`], and counted;
//! - in the comparison sheets, rows whose `status` is `conflict` or `misattributed` are red,
//!   `self-conflict` and `differ` amber.

use std::fs::File;
use std::io::BufReader;
use std::path::{Path, PathBuf};

use rust_xlsxwriter::{Color, ExcelDateTime, Format as Style, Workbook, Worksheet, XlsxError};

use crate::Error;

/// Rows of an Excel sheet, header included.
pub const EXCEL_ROWS: u32 = 1_048_576;
/// Characters in an Excel cell.
pub const EXCEL_CELL_CHARS: usize = 32_767;
/// Ends a cell cut to Excel's limit.
pub const CUT_MARKER: &str = " […cut by newsrake: over 32,767 characters]";

/// The workbook's file name.
pub const WORKBOOK: &str = "newsrake.xlsx";

/// One sheet of the workbook and its data rows.
#[derive(Clone, Debug, serde::Serialize, PartialEq, Eq)]
pub struct SheetEntry {
    /// The sheet's name.
    pub sheet: String,
    /// Data rows (header not counted).
    pub rows: u64,
}

/// What writing the workbook did.
#[derive(Clone, Debug, Default)]
pub struct WorkbookStats {
    /// Every sheet, in order.
    pub sheets: Vec<SheetEntry>,
    /// Cells cut to Excel's limit.
    pub cut_cells: u64,
}

/// Columns written as numbers when their cell is one.
const NUMBER_COLUMNS: &[&str] = &[
    "start",
    "end",
    "sentence",
    "paragraph",
    "token",
    "chars",
    "words",
    "sentences",
    "paragraphs",
    "dates",
    "names",
    "entities",
    "quotes",
    "amounts",
    "claims",
    "story",
    "line",
    "mentions",
    "first_start",
    "quote_id",
    "part",
    "speaker_start",
    "speaker_end",
    "claim_id",
    "articles",
    "quote_group",
    "text_offset",
    "confidence",
];

/// Columns written as dates when their cell is a full ISO date.
const DATE_COLUMNS: &[&str] = &["published", "first_published", "last_published", "value"];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    Number,
    /// A number, or a date when it is one (`value` holds either, by table).
    NumberOrDate,
    Date,
}

fn kind_of(table: &str, column: &str) -> Kind {
    match (table, column) {
        ("amounts", "value") => Kind::NumberOrDate,
        (_, c) if NUMBER_COLUMNS.contains(&c) => Kind::Number,
        ("dates" | "articles" | "stories", c) if DATE_COLUMNS.contains(&c) => Kind::Date,
        ("compare_claims", "published") => Kind::Date,
        // `--wide`: a column per source, each a count of mentions.
        ("compare_names", c)
            if !matches!(
                c,
                "finding_id"
                    | "entity"
                    | "kind"
                    | "key"
                    | "sources"
                    | "status"
                    | "source"
                    | "article_id"
                    | "path"
            ) =>
        {
            Kind::Number
        }
        _ => Kind::Text,
    }
}

/// A plain decimal number as Excel keeps it exactly (no leading `+`, no leading zeros, at
/// most 15 significant digits), so that ids like `007` stay text.
fn as_number(s: &str) -> Option<f64> {
    let digits = s.strip_prefix('-').unwrap_or(s);
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let ok = !int.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.bytes().all(|b| b.is_ascii_digit())
        && (int == "0" || !int.starts_with('0'))
        && int.len() + frac.len() <= 15
        && !(digits.contains('.') && frac.is_empty());
    if ok { s.parse().ok() } else { None }
}

/// A full ISO date, `YYYY-MM-DD`, as an Excel date.
fn as_date(s: &str) -> Option<ExcelDateTime> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let y: u16 = s[0..4].parse().ok()?;
    let m: u8 = s[5..7].parse().ok()?;
    let d: u8 = s[8..10].parse().ok()?;
    // Excel's dates start in 1900.
    if y < 1900 {
        return None;
    }
    jiff::civil::Date::new(y as i16, m as i8, d as i8).ok()?;
    ExcelDateTime::from_ymd(y, m, d).ok()
}

/// Cuts a cell to Excel's limit, ending with [`CUT_MARKER`].
fn cut(s: &str) -> Option<String> {
    // Excel counts UTF-16 code units.
    if s.len() <= EXCEL_CELL_CHARS || s.encode_utf16().count() <= EXCEL_CELL_CHARS {
        return None;
    }
    let room = EXCEL_CELL_CHARS - CUT_MARKER.encode_utf16().count();
    let mut units = 0;
    let mut end = 0;
    for (i, c) in s.char_indices() {
        if units + c.len_utf16() > room {
            break;
        }
        units += c.len_utf16();
        end = i + c.len_utf8();
    }
    Some(format!("{}{CUT_MARKER}", &s[..end]))
}

fn xlsx_err(path: &Path) -> impl Fn(XlsxError) -> Error + '_ {
    move |e| Error::output(path, std::io::Error::other(e.to_string()))
}

/// Styles of the workbook.
struct Styles {
    header: Style,
    date: Style,
    conflict: Style,
    conflict_date: Style,
    differ: Style,
    differ_date: Style,
}

impl Styles {
    fn new() -> Styles {
        let red = Color::RGB(0xFFC7CE);
        let amber = Color::RGB(0xFFEB9C);
        let date = Style::new().set_num_format("yyyy-mm-dd");
        Styles {
            header: Style::new().set_bold(),
            conflict: Style::new().set_background_color(red),
            conflict_date: date.clone().set_background_color(red),
            differ: Style::new().set_background_color(amber),
            differ_date: date.clone().set_background_color(amber),
            date,
        }
    }
}

/// Writes the staged CSV `tables` (spreadsheet-safe, with headers) into one workbook at
/// `path`, temporary files in `tmp`. `max_rows` is Excel's limit ([`EXCEL_ROWS`]; smaller in
/// tests).
pub fn write_workbook(
    tables: &[PathBuf],
    path: &Path,
    tmp: &Path,
    max_rows: u32,
) -> Result<WorkbookStats, Error> {
    let err = xlsx_err(path);
    let styles = Styles::new();
    let mut workbook = Workbook::new();
    workbook.set_tempdir(tmp).map_err(&err)?;
    let mut stats = WorkbookStats::default();
    for table in tables {
        let name = table
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let f = File::open(table).map_err(|e| Error::output(table, e))?;
        let mut r = csv::ReaderBuilder::new()
            .has_headers(true)
            .flexible(true)
            .from_reader(BufReader::with_capacity(1 << 16, f));
        let header: Vec<String> = r
            .headers()
            .map_err(|e| Error::output(table, e.into()))?
            .iter()
            .map(str::to_string)
            .collect();
        let kinds: Vec<Kind> = header.iter().map(|c| kind_of(&name, c)).collect();
        let status_col = header.iter().position(|h| h == "status");
        let mut part = 1;
        let mut sheet = Sheet::open(&mut workbook, &name, part, &header, &styles, path)?;
        let mut rec = csv::StringRecord::new();
        while r
            .read_record(&mut rec)
            .map_err(|e| Error::output(table, e.into()))?
        {
            if sheet.row + 1 >= max_rows {
                stats.sheets.push(sheet.close(&mut workbook, path)?);
                part += 1;
                sheet = Sheet::open(&mut workbook, &name, part, &header, &styles, path)?;
            }
            let status = status_col.and_then(|c| rec.get(c)).unwrap_or("");
            let (plain, dated) = match status {
                "conflict" | "misattributed" => (Some(&styles.conflict), &styles.conflict_date),
                "self-conflict" | "differ" => (Some(&styles.differ), &styles.differ_date),
                _ => (None, &styles.date),
            };
            sheet.row += 1;
            let row = sheet.row;
            let ws = sheet.worksheet(&mut workbook);
            for (col, (cell, kind)) in rec.iter().zip(&kinds).enumerate() {
                let col = col as u16;
                sheet.widths[col as usize] =
                    sheet.widths[col as usize].max(cell.chars().take(80).count());
                if cell.is_empty() {
                    if let Some(style) = plain {
                        ws.write_blank(row, col, style).map_err(&err)?;
                    }
                    continue;
                }
                let number = matches!(kind, Kind::Number | Kind::NumberOrDate)
                    .then(|| as_number(cell))
                    .flatten();
                let date = matches!(kind, Kind::Date | Kind::NumberOrDate)
                    .then(|| as_date(cell))
                    .flatten();
                match (number, date) {
                    (Some(n), _) => match plain {
                        Some(style) => ws.write_number_with_format(row, col, n, style),
                        None => ws.write_number(row, col, n),
                    }
                    .map(|_| ()),
                    (None, Some(d)) => ws
                        .write_datetime_with_format(row, col, d, dated)
                        .map(|_| ()),
                    (None, None) => {
                        let cut_cell = cut(cell);
                        stats.cut_cells += u64::from(cut_cell.is_some());
                        let text = cut_cell.as_deref().unwrap_or(cell);
                        match plain {
                            Some(style) => ws.write_string_with_format(row, col, text, style),
                            None => ws.write_string(row, col, text),
                        }
                        .map(|_| ())
                    }
                }
                .map_err(&err)?;
            }
        }
        stats.sheets.push(sheet.close(&mut workbook, path)?);
        // The sheet is set; the CSV it came from is not part of the output.
        let _ = std::fs::remove_file(table);
    }
    workbook.save(path).map_err(&err)?;
    Ok(stats)
}

/// A sheet being written.
struct Sheet {
    index: usize,
    name: String,
    /// The last row written (0: the header).
    row: u32,
    columns: u16,
    widths: Vec<usize>,
}

impl Sheet {
    fn open(
        workbook: &mut Workbook,
        table: &str,
        part: u32,
        header: &[String],
        styles: &Styles,
        path: &Path,
    ) -> Result<Sheet, Error> {
        let err = xlsx_err(path);
        let name = if part == 1 {
            table.to_string()
        } else {
            format!("{table} ({part})")
        };
        let ws = workbook
            .add_worksheet_with_constant_memory()
            .map_err(&err)?;
        ws.set_name(&name).map_err(&err)?;
        ws.set_freeze_panes(1, 0).map_err(&err)?;
        for (col, h) in header.iter().enumerate() {
            ws.write_string_with_format(0, col as u16, h, &styles.header)
                .map_err(&err)?;
        }
        let index = workbook.worksheets().len() - 1;
        Ok(Sheet {
            index,
            name,
            row: 0,
            columns: header.len().min(u16::MAX as usize) as u16,
            widths: header.iter().map(|h| h.chars().count() + 2).collect(),
        })
    }

    fn worksheet<'w>(&self, workbook: &'w mut Workbook) -> &'w mut Worksheet {
        &mut workbook.worksheets_mut()[self.index]
    }

    /// Sets the autofilter over the rows written and the column widths (from each column's
    /// longest cell, within 6 and 60 characters).
    fn close(self, workbook: &mut Workbook, path: &Path) -> Result<SheetEntry, Error> {
        let err = xlsx_err(path);
        let ws = self.worksheet(workbook);
        if self.columns > 0 {
            ws.autofilter(0, 0, self.row, self.columns - 1)
                .map_err(&err)?;
        }
        for (col, w) in self.widths.iter().enumerate().take(self.columns as usize) {
            ws.set_column_width(col as u16, (*w).clamp(6, 60) as f64 + 1.0)
                .map_err(&err)?;
        }
        Ok(SheetEntry {
            sheet: self.name,
            rows: u64::from(self.row),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{Data, Reader, Xlsx, open_workbook};

    fn staged(dir: &Path, name: &str, csv: &str) -> PathBuf {
        let p = dir.join(format!("{name}.csv"));
        std::fs::write(&p, csv).unwrap();
        p
    }

    /// The XML of a part of the workbook (an `.xlsx` is a zip of XML files).
    fn part(book: &Path, name: &str) -> String {
        let mut z = zip::ZipArchive::new(File::open(book).unwrap()).unwrap();
        let mut s = String::new();
        std::io::Read::read_to_string(&mut z.by_name(name).unwrap(), &mut s).unwrap();
        s
    }

    #[test]
    fn cells_are_typed_and_long_cells_cut() {
        let dir = tempfile::tempdir().unwrap();
        let long = "x".repeat(40_000);
        let dates = staged(
            dir.path(),
            "dates",
            &format!(
                "article_id,sentence,start,text,value\n007,1,12,'=1+2,2025-03-12\n007,2,-3,{long},2025-03\n"
            ),
        );
        let book = dir.path().join(WORKBOOK);
        let stats =
            write_workbook(std::slice::from_ref(&dates), &book, dir.path(), EXCEL_ROWS).unwrap();
        assert_eq!(stats.cut_cells, 1);
        assert_eq!(
            stats.sheets,
            vec![SheetEntry {
                sheet: "dates".into(),
                rows: 2
            }]
        );
        assert!(!dates.exists(), "the staged CSV is removed");
        let mut wb: Xlsx<_> = open_workbook(&book).unwrap();
        let r = wb.worksheet_range("dates").unwrap();
        assert_eq!(r.get((0, 0)), Some(&Data::String("article_id".into())));
        assert_eq!(
            r.get((1, 0)),
            Some(&Data::String("007".into())),
            "ids stay text"
        );
        assert_eq!(r.get((1, 1)), Some(&Data::Float(1.0)));
        assert_eq!(r.get((1, 2)), Some(&Data::Float(12.0)));
        assert_eq!(r.get((2, 2)), Some(&Data::Float(-3.0)));
        assert_eq!(
            r.get((1, 3)),
            Some(&Data::String("'=1+2".into())),
            "still neutralised"
        );
        match r.get((1, 4)) {
            Some(Data::DateTime(d)) => {
                let (y, m, day, ..) = d.to_ymd_hms_milli();
                assert_eq!((y, m, day), (2025, 3, 12));
            }
            other => panic!("a full ISO date is a date cell: {other:?}"),
        }
        assert_eq!(r.get((2, 4)), Some(&Data::String("2025-03".into())));
        let Some(Data::String(cut)) = r.get((2, 3)) else {
            panic!("the long cell is text");
        };
        assert!(cut.ends_with(CUT_MARKER));
        assert_eq!(cut.encode_utf16().count(), EXCEL_CELL_CHARS);
        // Frozen bold header, autofilter, widths.
        let sheet = part(&book, "xl/worksheets/sheet1.xml");
        assert!(sheet.contains(r#"state="frozen""#), "{sheet}");
        assert!(sheet.contains(r#"<autoFilter ref="A1:E3"/>"#), "{sheet}");
        assert!(sheet.contains("<cols>"), "{sheet}");
        assert!(part(&book, "xl/styles.xml").contains("<b/>"));
    }

    #[test]
    fn a_long_table_continues_on_numbered_sheets() {
        let dir = tempfile::tempdir().unwrap();
        let mut csv = String::from("article_id,start\n");
        for i in 0..7 {
            csv.push_str(&format!("a,{i}\n"));
        }
        let names = staged(dir.path(), "names", &csv);
        let book = dir.path().join(WORKBOOK);
        // Four rows a sheet: the header and three data rows.
        let stats = write_workbook(&[names], &book, dir.path(), 4).unwrap();
        let sheets: Vec<_> = stats
            .sheets
            .iter()
            .map(|s| (s.sheet.as_str(), s.rows))
            .collect();
        assert_eq!(sheets, [("names", 3), ("names (2)", 3), ("names (3)", 1)]);
        let mut wb: Xlsx<_> = open_workbook(&book).unwrap();
        assert_eq!(wb.sheet_names(), ["names", "names (2)", "names (3)"]);
        let r = wb.worksheet_range("names (2)").unwrap();
        assert_eq!(r.get((0, 1)), Some(&Data::String("start".into())));
        assert_eq!(r.get((1, 1)), Some(&Data::Float(3.0)));
        assert_eq!(r.height(), 4);
    }

    #[test]
    fn conflicts_are_highlighted() {
        let dir = tempfile::tempdir().unwrap();
        let claims = staged(
            dir.path(),
            "compare_claims",
            "story,attribute,status\n1,age,agree\n1,age,conflict\n1,role,differ\n",
        );
        let book = dir.path().join(WORKBOOK);
        write_workbook(&[claims], &book, dir.path(), EXCEL_ROWS).unwrap();
        let styles = part(&book, "xl/styles.xml");
        assert!(
            styles.contains("FFFFC7CE") && styles.contains("FFFFEB9C"),
            "{styles}"
        );
        // Each row's status cell carries its own style: none, red, amber.
        let sheet = part(&book, "xl/worksheets/sheet1.xml");
        let style_of = |cell: &str| {
            let at = sheet.find(&format!(r#"<c r="{cell}""#)).unwrap();
            let tag = &sheet[at..at + sheet[at..].find('>').unwrap()];
            tag.split(" s=\"")
                .nth(1)
                .map(|s| s.split('"').next().unwrap().to_string())
        };
        let (agree, conflict, differ) = (style_of("C2"), style_of("C3"), style_of("C4"));
        assert!(conflict.is_some() && differ.is_some() && conflict != differ);
        assert_ne!(agree, conflict);
    }
}
