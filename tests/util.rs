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
