//! The committed `output/` is what a default run writes for `input/`: a fresh run must equal
//! it byte for byte. After an intended change, regenerate with `cargo run --release` and review
//! the diff before committing it.

use crate::util::*;

#[test]
fn committed_output_matches_a_fresh_run() {
    let dir = tempfile::tempdir().unwrap();
    let out = run_in(
        &root(),
        &["input", "-o", dir.path().to_str().unwrap(), "--quiet"],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert!(names.contains(&"articles.csv".to_string()));
    assert!(names.contains(&"manifest.json".to_string()));
    for n in names {
        let fresh = std::fs::read_to_string(dir.path().join(&n)).unwrap();
        if n == "manifest.json" {
            // The run's own record (its time, its command line) is not committed, so that
            // `cargo run --release` leaves `git status` clean; its table list is checked.
            let m: serde_json::Value = serde_json::from_str(&fresh).unwrap();
            assert!(
                m["created"].is_string() && m["tables"].is_array(),
                "{fresh}"
            );
            // Rows are counted while writing: the counts are the tables' rows.
            for t in m["tables"].as_array().unwrap() {
                let file = t["file"].as_str().unwrap();
                if file.ends_with(".csv") {
                    let rows = table(&dir.path().join(file)).len() as u64;
                    assert_eq!(t["rows"].as_u64(), Some(rows), "{file}");
                }
            }
            continue;
        }
        let committed = std::fs::read_to_string(root().join("output").join(&n))
            .unwrap_or_else(|_| panic!("output/{n} is not committed: run `cargo run --release`"));
        assert!(
            fresh == committed,
            "output/{n} differs from a fresh run: review, then regenerate with `cargo run --release`"
        );
    }
}

/// From any row to its words in one step: the offsets of every row of `output/` (and of the
/// written stories in `tests/fixtures`) slice the article's file, front matter counted through
/// `text_offset`, or its JSON line's text.
#[test]
fn offsets_slice_the_files_as_written() {
    let (checked, skipped) = offsets_round_trip(&root().join("output"), &root());
    assert!(checked > 200, "{checked} rows checked");
    // The one HTML page's rows index the text extracted from its markup.
    let html = table(&root().join("output/articles.csv"))
        .iter()
        .filter(|a| a["path"].ends_with(".html"))
        .count();
    assert_eq!(html, 1);
    assert!(skipped < checked / 2, "{skipped} rows unchecked");
    for set in ["stories", "fresh/articles"] {
        let dir = tempfile::tempdir().unwrap();
        let fixtures = root().join("tests/fixtures").join(set);
        let out = run_in(
            dir.path(),
            &[fixtures.to_str().unwrap(), "-o", "out", "--quiet"],
        );
        assert_eq!(out.status.code(), Some(0));
        let (checked, _) = offsets_round_trip(&dir.path().join("out"), dir.path());
        assert!(checked > 500, "{set}: {checked} rows checked");
    }
}

/// Every table of `output/` reads as a data frame: distinct column names (no source can
/// collide with a column), every row as wide as the header.
#[test]
fn every_table_has_distinct_columns() {
    for e in std::fs::read_dir(root().join("output")).unwrap() {
        let path = e.unwrap().path();
        if path.extension().is_none_or(|x| x != "csv") {
            continue;
        }
        let head = header(&path);
        let mut seen = std::collections::HashSet::new();
        for h in &head {
            assert!(seen.insert(h), "{}: column {h} twice", path.display());
        }
        let mut r = csv::Reader::from_path(&path).unwrap();
        for rec in r.records() {
            assert_eq!(rec.unwrap().len(), head.len(), "{}", path.display());
        }
    }
}
