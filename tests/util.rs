//! Helpers: run the real binary in a temporary folder and read its tables back with serde.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

/// The project root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `newsrake ARGS` in `dir`.
pub fn run_in(dir: &Path, args: &[&str]) -> Output {
    Command::cargo_bin("newsrake")
        .expect("binary built")
        .current_dir(dir)
        .args(args)
        .output()
        .expect("newsrake runs")
}

/// Reads a CSV table into rows of column → value.
pub fn table(path: &Path) -> Vec<HashMap<String, String>> {
    let mut r = csv::Reader::from_path(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    r.deserialize()
        .map(|row| row.expect("row parses"))
        .collect()
}

/// The header of a CSV table.
pub fn header(path: &Path) -> Vec<String> {
    let mut r = csv::Reader::from_path(path).expect("table exists");
    r.headers().unwrap().iter().map(str::to_string).collect()
}

/// Writes `files` (relative path → bytes) below `dir`.
pub fn write_files(dir: &Path, files: &[(&str, &[u8])]) {
    for (rel, bytes) in files {
        let p = dir.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }
}

/// The path of `../shared` beside the project, when it is there.
pub fn shared() -> Option<PathBuf> {
    let p = root().join("../shared");
    if p.join("corpora").is_dir() {
        Some(p)
    } else {
        eprintln!("skipped: ../shared is not beside the project (a user's clone has none)");
        None
    }
}

/// The first row of each finding of a long comparison table (rows of one finding share its
/// `finding_id` and sit together), in table order.
pub fn first_rows(rows: &[HashMap<String, String>]) -> Vec<HashMap<String, String>> {
    let mut out: Vec<HashMap<String, String>> = Vec::new();
    for r in rows {
        if out
            .last()
            .is_none_or(|l| l["finding_id"] != r["finding_id"])
        {
            out.push(r.clone());
        }
    }
    out
}

/// The rows of the finding `row` belongs to.
pub fn finding_rows<'a>(
    rows: &'a [HashMap<String, String>],
    row: &HashMap<String, String>,
) -> Vec<&'a HashMap<String, String>> {
    rows.iter()
        .filter(|r| r["finding_id"] == row["finding_id"])
        .collect()
}

/// Checks that every row of the extraction tables (`claims`, `quotes`, `dates`, `names`) and of
/// the long comparison tables in `out` finds its `text` in its article's file: at
/// `text_offset + start .. text_offset + end` characters of the file read as text (line ends
/// as `\n`, no BOM), or of the `text` of line `line` of a JSON-lines file. Paths resolve from
/// `cwd`. Returns how many rows were checked and how many could not be (HTML, whose text is
/// extracted from markup).
pub fn offsets_round_trip(out: &Path, cwd: &Path) -> (usize, usize) {
    let articles: HashMap<String, HashMap<String, String>> = table(&out.join("articles.csv"))
        .into_iter()
        .map(|r| (r["article_id"].clone(), r))
        .collect();
    let mut texts: HashMap<String, Option<Vec<char>>> = HashMap::new();
    let mut text_of = |id: &str| -> Option<Vec<char>> {
        texts
            .entry(id.to_string())
            .or_insert_with(|| {
                let a = &articles[id];
                let file = std::fs::read_to_string(cwd.join(&a["path"])).ok()?;
                let file = file.trim_start_matches('\u{feff}').replace("\r\n", "\n");
                if let Ok(line) = a["line"].parse::<usize>() {
                    let l = file.lines().nth(line - 1)?;
                    let v: serde_json::Value = serde_json::from_str(l).ok()?;
                    let t = ["text", "body", "maintext", "content"]
                        .iter()
                        .find_map(|k| v[k].as_str())?;
                    return Some(t.replace("\r\n", "\n").chars().collect());
                }
                let offset: usize = a["text_offset"].parse().ok()?;
                Some(file.chars().skip(offset).collect())
            })
            .clone()
    };
    let (mut checked, mut skipped) = (0, 0);
    for (t, col) in [
        ("claims.csv", "text"),
        ("quotes.csv", "text"),
        ("dates.csv", "text"),
        ("names.csv", "text"),
        ("compare_claims.csv", "text"),
        ("compare_quotes.csv", "wording"),
    ] {
        for r in table(&out.join(t)) {
            let Some(chars) = text_of(&r["article_id"]) else {
                skipped += 1;
                continue;
            };
            let (a, b): (usize, usize) = (r["start"].parse().unwrap(), r["end"].parse().unwrap());
            let got: String = chars.get(a..b).unwrap_or_default().iter().collect();
            // A cell a spreadsheet would run is written with a `'` before it.
            let want = r[col]
                .strip_prefix('\'')
                .filter(|w| w.starts_with(['=', '+', '-', '@']) && !got.starts_with('\''))
                .unwrap_or(&r[col]);
            assert_eq!(got, want, "{t}: {r:?}");
            checked += 1;
        }
    }
    (checked, skipped)
}
