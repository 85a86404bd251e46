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
        let mut fresh = std::fs::read_to_string(dir.path().join(&n)).unwrap();
        let mut committed = std::fs::read_to_string(root().join("output").join(&n))
            .unwrap_or_else(|_| panic!("output/{n} is not committed: run `cargo run --release`"));
        if n == "manifest.json" {
            // The time and the command line are the run's own.
            fresh = without_run_details(&fresh);
            committed = without_run_details(&committed);
        }
        assert!(
            fresh == committed,
            "output/{n} differs from a fresh run: review, then regenerate with `cargo run --release`"
        );
    }
}

fn without_run_details(manifest: &str) -> String {
    let mut v: serde_json::Value = serde_json::from_str(manifest).unwrap();
    let m = v.as_object_mut().unwrap();
    assert!(m.remove("created").is_some() && m.remove("arguments").is_some());
    serde_json::to_string_pretty(&v).unwrap()
}
