//! Runs on `../shared` (seeds and corpora) when it is beside the project; skips, saying so,
//! when it is not (a user's clone).

use crate::util::*;

/// A default run on the seeds into `out/` of a temporary folder, when `../shared` is there.
fn run_on_seeds() -> Option<tempfile::TempDir> {
    let shared = shared()?;
    let dir = tempfile::tempdir().unwrap();
    let out = run_in(
        dir.path(),
        &[
            shared.join("seeds").to_str().unwrap(),
            "-o",
            "out",
            "--quiet",
        ],
    );
    assert_eq!(out.status.code(), Some(0));
    Some(dir)
}

#[test]
#[ignore = "needs ../shared beside the project: .ci/run runs it with --ignored"]
fn seeds_are_segmented() {
    let Some(dir) = run_on_seeds() else { return };
    let rows = table(&dir.path().join("out/articles.csv"));
    let counts: Vec<(&str, &str)> = rows
        .iter()
        .map(|r| (r["article_id"].as_str(), r["sentences"].as_str()))
        .collect();
    // Counted by hand: 42 and 24 sentences.
    assert_eq!(
        counts,
        [
            ("000_ece96d8c550d0008.txt", "42"),
            ("003_cc8c04870c8f3b07.txt", "24")
        ]
    );
}

#[test]
#[ignore = "needs ../shared beside the project: .ci/run runs it with --ignored"]
fn corpus_files_are_readable_as_they_are() {
    let Some(shared) = shared() else { return };
    let dir = tempfile::tempdir().unwrap();
    let corpus = shared.join("corpora/tempeval3-train.jsonl");
    let out = run_in(
        dir.path(),
        &[corpus.to_str().unwrap(), "-o", "out", "--quiet"],
    );
    assert_eq!(out.status.code(), Some(0));
    let rows = table(&dir.path().join("out/articles.csv"));
    assert_eq!(rows.len(), 256);
    assert!(
        rows.iter().all(|r| r["published"].len() == 10),
        "dct is the publication date"
    );
    assert_eq!(
        header(&dir.path().join("out/errors.csv")),
        ["path", "line", "kind", "message"]
    );
}

#[test]
#[ignore = "needs ../shared beside the project: .ci/run runs it with --ignored"]
fn seeds_are_one_story() {
    let Some(dir) = run_on_seeds() else { return };
    let stories = table(&dir.path().join("out/stories.csv"));
    assert_eq!(stories.len(), 1, "{stories:?}");
    assert_eq!(stories[0]["articles"], "2");
    let names = table(&dir.path().join("out/compare_names.csv"));
    let in_both = |n: &str| {
        names
            .iter()
            .any(|r| r["entity"] == n && r["status"] == "all")
    };
    assert!(in_both("James Norton") && in_both("Imogen Poots"));
}

/// What the user asked of the seeds: the 2017 meeting agreed about the couple, the
/// relationship as a difference with its dates, the 2018 confirmation one outlet's claim.
#[test]
#[ignore = "needs ../shared beside the project: .ci/run runs it with --ignored"]
fn seeds_compare_as_the_user_reads_them() {
    let Some(dir) = run_on_seeds() else { return };
    let claims = table(&dir.path().join("out/compare_claims.csv"));
    let row = |attribute: &str, event: &str| {
        claims
            .iter()
            .find(|r| {
                r["subject"] == "Imogen Poots & James Norton"
                    && r["attribute"] == attribute
                    && r["event"] == event
            })
            .unwrap_or_else(|| panic!("no {attribute} {event} row: {claims:#?}"))
    };
    // Every row's offsets slice the seed files as written (absolute paths).
    let (checked, skipped) = offsets_round_trip(&dir.path().join("out"), dir.path());
    assert!(
        checked > 100 && skipped == 0,
        "{checked} checked, {skipped} not"
    );
    let met = row("when", "FIRST_MET");
    assert_eq!(met["status"], "agree");
    assert!(
        finding_rows(&claims, met)
            .iter()
            .any(|r| r["evidence"].contains("Belleville"))
    );
    let rel = row("relationship", "");
    assert_eq!(rel["status"], "differ");
    // The later article's values, each with its own date in words.
    let later: Vec<(String, String)> = finding_rows(&claims, rel)
        .iter()
        .filter(|r| r["source"].starts_with("003_"))
        .map(|r| (r["value"].clone(), r["when"].clone()))
        .collect();
    assert!(
        later.contains(&("engaged".into(), "early 2022".into()))
            && later.iter().any(|(_, w)| w == "end of 2022"),
        "{later:?}"
    );
    let confirmed = row("when", "ANNOUNCE");
    assert_eq!(confirmed["status"], "one");
    assert_eq!(confirmed["value"], "2018");
    let md = std::fs::read_to_string(dir.path().join("out/comparison.md")).unwrap();
    let contradictions = md
        .split("### Contradictions")
        .nth(1)
        .and_then(|s| s.split("###").next())
        .unwrap();
    assert!(contradictions.contains("None found"), "{contradictions}");
}
