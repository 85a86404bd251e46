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
