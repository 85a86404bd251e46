//! The binary on fixtures of every input format and every kind of bad input.

use crate::util::*;
use std::collections::HashMap;

#[test]
fn help_lists_flags_and_exit_codes() {
    let dir = tempfile::tempdir().unwrap();
    let out = run_in(dir.path(), &["--help"]);
    assert!(out.status.success());
    let help = String::from_utf8(out.stdout).unwrap();
    for flag in [
        "--output",
        "--threads",
        "--quiet",
        "--format",
        "--tokens",
        "--sentences",
        "--max-bytes",
    ] {
        assert!(help.contains(flag), "--help lacks {flag}");
    }
    assert!(help.contains("Exit codes"));
    assert!(help.contains("Examples"));
}

#[test]
fn usage_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(
        run_in(dir.path(), &["--threads", "0"]).status.code(),
        Some(2)
    );
    assert_eq!(
        run_in(dir.path(), &["--format", "xml"]).status.code(),
        Some(2)
    );
    assert_eq!(run_in(dir.path(), &["--bogus"]).status.code(), Some(2));
}

#[test]
fn a_missing_input_or_a_file_as_output_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    write_files(
        dir.path(),
        &[("articles/a.txt", b"The plant closes in June.")],
    );
    assert_eq!(
        run_in(dir.path(), &["articles", "-o", "results", "-q"])
            .status
            .code(),
        Some(0)
    );
    let before = std::fs::read(dir.path().join("results/articles.csv")).unwrap();
    // A typo in the input path keeps the earlier results.
    let out = run_in(dir.path(), &["artciles", "-o", "results"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("input not found: artciles"));
    assert_eq!(
        std::fs::read(dir.path().join("results/articles.csv")).unwrap(),
        before
    );
    // An output path that is a file.
    write_files(dir.path(), &[("plain", b"a file")]);
    let out = run_in(dir.path(), &["articles", "-o", "plain"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("output is not a folder"));
    // No arguments and no input/ folder: usage, and no output/ created.
    let empty = tempfile::tempdir().unwrap();
    let out = run_in(empty.path(), &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("Usage"));
    assert!(!empty.path().join("output").exists());
}

#[test]
fn the_output_folder_inside_an_input_is_never_read_back() {
    let dir = tempfile::tempdir().unwrap();
    write_files(
        dir.path(),
        &[(
            "news/a.txt",
            b"Kestrel Plastics will close its plant in June.",
        )],
    );
    for _ in 0..2 {
        let out = run_in(dir.path(), &["news", "-o", "news/tables", "-q"]);
        assert_eq!(out.status.code(), Some(0));
    }
    let articles = table(&dir.path().join("news/tables/articles.csv"));
    assert_eq!(articles.len(), 1, "{articles:?}");
    let errors = table(&dir.path().join("news/tables/errors.csv"));
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0]["kind"], "warning");
    // Another run's output folder is known by its manifest, and never read either.
    let out = run_in(dir.path(), &[".", "-o", "elsewhere", "-q"]);
    assert_eq!(out.status.code(), Some(0));
    let articles = table(&dir.path().join("elsewhere/articles.csv"));
    assert_eq!(articles.len(), 1, "{articles:?}");
    let errors = table(&dir.path().join("elsewhere/errors.csv"));
    let skipped = errors
        .iter()
        .find(|e| e["path"].ends_with("news/tables"))
        .unwrap_or_else(|| panic!("{errors:?}"));
    assert_eq!(skipped["kind"], "warning");
    assert!(skipped["message"].contains("newsrake output folder"));
}

#[test]
fn unwritable_output_is_fatal() {
    let dir = tempfile::tempdir().unwrap();
    write_files(
        dir.path(),
        &[("in/a.txt", b"Text."), ("blocker", b"a file")],
    );
    let out = run_in(dir.path(), &["in", "-o", "blocker/out"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot write"));
}

#[test]
fn every_format_is_read() {
    let dir = tempfile::tempdir().unwrap();
    write_files(
        dir.path(),
        &[
            (
                "in/herald/front.txt",
                b"---\nid: h1\nsource: The Herald\npublished: March 14, 2025\n---\nBody one. Body two.\n",
            ),
            ("in/herald/plain.txt", b"A Headline Here\n\nThe body text."),
            ("in/coastal/notes.md", b"# Notes\n\nSome text."),
            (
                "in/coastal/page.html",
                b"<html><head><meta property=\"og:title\" content=\"OG\"></head><body><article><p>Para one.</p><p>Para two.</p></article></body></html>",
            ),
            ("in/one.json", br#"{"id": "j1", "body": "Json body.", "dct": "2020-01-02"}"#),
            (
                "in/feed.jsonl",
                b"{\"text\": \"Line one.\", \"outlet\": \"wire\"}\n\n{\"content\": \"Line three.\"}\n",
            ),
            ("in/ignored.xyz", b"not an article"),
            ("in/.hidden/secret.txt", b"Hidden."),
        ],
    );
    let out = run_in(dir.path(), &["in", "-o", "out"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("1 files of unknown type skipped"),
        "{stderr}"
    );
    let rows = table(&dir.path().join("out/articles.csv"));
    let got: Vec<(&str, &str, &str, &str)> = rows
        .iter()
        .map(|r| {
            (
                r["article_id"].as_str(),
                r["source"].as_str(),
                r["title"].as_str(),
                r["published"].as_str(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("coastal/notes.md", "coastal", "Notes", ""),
            ("coastal/page.html", "coastal", "OG", ""),
            ("feed.jsonl:1", "wire", "", ""),
            ("feed.jsonl:3", "feed", "", ""),
            ("h1", "The Herald", "", "2025-03-14"),
            ("herald/plain.txt", "herald", "A Headline Here", ""),
            ("j1", "one", "", "2020-01-02"),
        ]
    );
    let html = rows
        .iter()
        .find(|r| r["article_id"] == "coastal/page.html")
        .unwrap();
    assert_eq!(html["paragraphs"], "2");
    assert_eq!(html["sentences"], "2");
}

#[test]
fn bad_inputs_are_reported_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend("UTF-16 text.".encode_utf16().flat_map(|u| u.to_le_bytes()));
    write_files(
        dir.path(),
        &[
            ("in/a-good.txt", b"Good article."),
            ("in/b-binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
            ("in/c-empty.txt", b""),
            ("in/d-latin1.txt", b"Caf\xe9 society."),
            ("in/e-utf16.txt", &utf16),
            ("in/f-big.txt", &[b'x'; 300]),
            ("in/g-feed.jsonl", b"{\"text\": \"Kept.\"}\n{broken\n{\"title\": \"no text\"}\n{\"text\": \"Also kept.\"}\n"),
            ("in/h-bad.json", b"{\"text\": "),
        ],
    );
    let out = run_in(dir.path(), &["in", "-o", "out", "--max-bytes", "200"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let errors = table(&dir.path().join("out/errors.csv"));
    let got: Vec<(String, String, String)> = errors
        .iter()
        .map(|r| {
            let file = r["path"].rsplit('/').next().unwrap().to_string();
            (file, r["line"].clone(), r["kind"].clone())
        })
        .collect();
    let expect = [
        ("b-binary.txt", "", "binary"),
        ("d-latin1.txt", "", "warning"),
        ("f-big.txt", "", "too-large"),
        ("g-feed.jsonl", "2", "malformed-json"),
        ("g-feed.jsonl", "3", "no-text"),
        ("h-bad.json", "", "malformed-json"),
    ];
    let expect: Vec<(String, String, String)> = expect
        .iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
        .collect();
    assert_eq!(got, expect);
    // One stderr line per problem.
    for (file, ..) in &expect {
        assert!(
            stderr.contains(file.as_str()),
            "{file} not on stderr: {stderr}"
        );
    }
    let articles = table(&dir.path().join("out/articles.csv"));
    let ids: Vec<&str> = articles.iter().map(|r| r["article_id"].as_str()).collect();
    assert_eq!(
        ids,
        [
            "a-good.txt",
            "c-empty.txt",
            "d-latin1.txt",
            "e-utf16.txt",
            "g-feed.jsonl:1",
            "g-feed.jsonl:4"
        ]
    );
    let latin = &articles[2];
    assert_eq!(latin["chars"], "13");
    let empty = &articles[1];
    assert_eq!(
        (empty["chars"].as_str(), empty["sentences"].as_str()),
        ("0", "0")
    );
}

#[cfg(unix)]
#[test]
fn symlink_loops_are_not_followed() {
    let dir = tempfile::tempdir().unwrap();
    write_files(dir.path(), &[("in/x/a.txt", b"Text.")]);
    std::os::unix::fs::symlink("..", dir.path().join("in/x/loop")).unwrap();
    let out = run_in(dir.path(), &["in", "-o", "out"]);
    assert_eq!(out.status.code(), Some(1));
    let articles = table(&dir.path().join("out/articles.csv"));
    assert_eq!(articles.len(), 1);
    let errors = table(&dir.path().join("out/errors.csv"));
    assert!(errors[0]["message"].contains("symlink loop"), "{errors:?}");
}

#[test]
fn stdin_jsonl_and_jsonl_format() {
    let dir = tempfile::tempdir().unwrap();
    let out = assert_cmd::Command::cargo_bin("newsrake")
        .unwrap()
        .current_dir(dir.path())
        .args([
            "-",
            "-o",
            "out",
            "--format",
            "jsonl",
            "--sentences",
            "--tokens",
        ])
        .write_stdin("{\"id\": \"s1\", \"text\": \"Mr. Holm spoke. “Yes,” he said.\"}\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let read = |name: &str| -> Vec<serde_json::Value> {
        std::fs::read_to_string(dir.path().join("out").join(name))
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    };
    let sentences = read("sentences.jsonl");
    assert_eq!(sentences.len(), 2);
    assert_eq!(sentences[1]["text"], "“Yes,” he said.");
    assert_eq!(sentences[1]["start"], 16);
    let tokens = read("tokens.jsonl");
    assert_eq!(tokens[0]["text"], "Mr");
    assert_eq!(tokens.last().unwrap()["kind"], "punct");
    assert_eq!(read("articles.jsonl")[0]["source"], "stdin");
    assert!(read("errors.jsonl").is_empty());
}

#[test]
fn offsets_are_characters() {
    let dir = tempfile::tempdir().unwrap();
    write_files(
        dir.path(),
        &[("in/a.txt", "“Né” — 🎉 said Zoë. Next one.".as_bytes())],
    );
    let out = run_in(dir.path(), &["in", "-o", "out", "--sentences", "--tokens"]);
    assert_eq!(out.status.code(), Some(0));
    let text: Vec<char> = "“Né” — 🎉 said Zoë. Next one.".chars().collect();
    for name in ["sentences.csv", "tokens.csv"] {
        for r in table(&dir.path().join("out").join(name)) {
            let (s, e): (usize, usize) = (r["start"].parse().unwrap(), r["end"].parse().unwrap());
            let slice: String = text[s..e].iter().collect();
            assert_eq!(slice, r["text"], "{name}");
        }
    }
}

#[test]
fn thread_count_does_not_change_output() {
    let dir = tempfile::tempdir().unwrap();
    let input = root().join("input");
    let input = input.to_str().unwrap();
    for t in ["1", "2"] {
        let out = run_in(
            dir.path(),
            &[
                input,
                "-o",
                &format!("out{t}"),
                "--threads",
                t,
                "--tokens",
                "--sentences",
            ],
        );
        assert_eq!(out.status.code(), Some(0));
    }
    let names: Vec<_> = std::fs::read_dir(dir.path().join("out1"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(names.len() >= 4);
    for n in names {
        let a = std::fs::read(dir.path().join("out1").join(&n)).unwrap();
        let b = std::fs::read(dir.path().join("out2").join(&n)).unwrap();
        if n == "manifest.json" {
            // It records the command line and the time; the tables it lists must agree.
            let tables = |m: &[u8]| {
                serde_json::from_slice::<serde_json::Value>(m).unwrap()["tables"].clone()
            };
            assert_eq!(tables(&a), tables(&b));
            continue;
        }
        assert!(a == b, "{n:?} differs between --threads 1 and 2");
    }
}

#[test]
fn stdout_streams_the_same_rows_tagged_by_table() {
    let dir = tempfile::tempdir().unwrap();
    let input = concat!(
        "{\"id\": \"a1\", \"source\": \"herald\", \"dct\": \"2025-03-14\", \"text\": \"Mr. Holm spoke on Tuesday. “We will close the yard,” he said.\"}\n",
        "not json\n",
        "{\"id\": \"a2\", \"source\": \"wire\", \"text\": \"Anna Holm left Oslo in 2019 with 240 staff.\"}\n",
    );
    let run = |args: &[&str]| {
        assert_cmd::Command::cargo_bin("newsrake")
            .unwrap()
            .current_dir(dir.path())
            .args(args)
            .write_stdin(input)
            .output()
            .unwrap()
    };
    let streamed = run(&["-", "--stdout", "-q"]);
    // A bad line is an `errors` row; a stage runner must not fail the task for it.
    assert_eq!(streamed.status.code(), Some(0));
    assert!(!dir.path().join("output").exists(), "no tables are written");
    let files = run(&["-", "-o", "out", "--format", "jsonl", "-q"]);
    assert_eq!(files.status.code(), Some(1));
    let mut by_table: HashMap<String, Vec<serde_json::Value>> = HashMap::new();
    for line in String::from_utf8(streamed.stdout).unwrap().lines() {
        let mut row: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(line).unwrap();
        let table = row.remove("table").unwrap();
        by_table
            .entry(table.as_str().unwrap().to_string())
            .or_default()
            .push(serde_json::Value::Object(row));
    }
    // The same rows in the same order; only `story`, filled in once every article is read, is
    // left empty in the stream, and a claim's subject is the article's own name for it
    // (the tables give the story's: "Holm" is "Anna Holm" there).
    assert!(by_table["articles"].iter().all(|r| r["story"].is_null()));
    assert!(by_table["claims"].iter().all(|r| r["story"].is_null()));
    let subjects: Vec<&str> = by_table["claims"]
        .iter()
        .map(|r| r["subject"].as_str().unwrap())
        .collect();
    assert_eq!(subjects, ["Holm", "Anna Holm", "Anna Holm"]);
    for t in [
        "articles", "dates", "names", "entities", "quotes", "amounts", "claims", "errors",
    ] {
        let want: Vec<serde_json::Value> =
            std::fs::read_to_string(dir.path().join("out").join(format!("{t}.jsonl")))
                .unwrap()
                .lines()
                .map(|l| {
                    let mut v: serde_json::Value = serde_json::from_str(l).unwrap();
                    if let Some(s) = v.get_mut("story") {
                        *s = serde_json::Value::Null;
                    }
                    v
                })
                .collect();
        assert!(!want.is_empty(), "{t} has rows");
        let mut got = by_table.get(t).cloned().unwrap_or_default();
        if t == "claims" {
            for (g, w) in got.iter_mut().zip(&want) {
                for k in ["subject", "subject_key"] {
                    g[k] = w[k].clone();
                }
            }
        }
        assert_eq!(got, want, "{t}");
    }
}

#[test]
fn cells_a_spreadsheet_would_run_are_neutralised_unless_raw() {
    let dir = tempfile::tempdir().unwrap();
    let hostile = "---\ntitle: =HYPERLINK(\"http://x\",\"click\")\nauthor: +cmd\n\
                   published: 2025-03-14\nurl: @SUM(1)\n---\n\
                   -Kestrel Plastics will close its plant in June. \
                   Temperatures fell to -17 degrees.\n";
    write_files(
        dir.path(),
        &[
            ("in/=evil/a.md", hostile.as_bytes()),
            (
                "in/beta/b.md",
                b"---\npublished: 2025-03-14\n---\nKestrel Plastics will close its plant in July.\n",
            ),
        ],
    );
    assert_eq!(
        run_in(dir.path(), &["in", "-o", "safe", "-q"])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        run_in(dir.path(), &["in", "-o", "raw", "-q", "--raw-cells"])
            .status
            .code(),
        Some(0)
    );
    let risky = |cell: &str| cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let numeric = |cell: &str| cell.parse::<f64>().is_ok();
    let mut neutralised = 0;
    for entry in std::fs::read_dir(dir.path().join("safe")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "csv") {
            continue;
        }
        let mut r = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_path(&path)
            .unwrap();
        for rec in r.records() {
            for cell in rec.unwrap().iter() {
                assert!(
                    !risky(cell) || numeric(cell),
                    "{}: {cell:?}",
                    path.display()
                );
                neutralised += usize::from(cell.starts_with("'=") || cell.starts_with("'+"));
            }
        }
    }
    assert!(neutralised >= 4, "{neutralised}");
    let safe = table(&dir.path().join("safe/articles.csv"));
    let evil = safe.iter().find(|r| r["path"].contains("=evil")).unwrap();
    assert_eq!(evil["title"], "'=HYPERLINK(\"http://x\",\"click\")");
    assert_eq!(evil["author"], "'+cmd");
    assert_eq!(evil["url"], "'@SUM(1)");
    assert_eq!(evil["source"], "'=evil");
    // The comparison's source cells are source names.
    let source_cells = |run: &str| -> Vec<String> {
        ["compare_names.csv", "compare_claims.csv"]
            .iter()
            .flat_map(|t| table(&dir.path().join(run).join(t)))
            .map(|r| r["source"].clone())
            .collect()
    };
    assert!(source_cells("safe").contains(&"'=evil".to_string()));
    // Offsets still slice the raw text; `--raw-cells` gives it back unchanged.
    let raw = table(&dir.path().join("raw/articles.csv"));
    let evil = raw.iter().find(|r| r["path"].contains("=evil")).unwrap();
    assert_eq!(evil["title"], "=HYPERLINK(\"http://x\",\"click\")");
    assert!(source_cells("raw").contains(&"=evil".to_string()));
}

#[test]
fn several_roots_with_the_same_relative_paths_give_unique_ids() {
    let dir = tempfile::tempdir().unwrap();
    write_files(
        dir.path(),
        &[
            ("a/herald/x.txt", b"Kestrel Plastics will close in June."),
            ("b/herald/x.txt", b"Kestrel Plastics will close in July."),
        ],
    );
    assert_eq!(
        run_in(dir.path(), &["a", "./b/", "-o", "out", "-q"])
            .status
            .code(),
        Some(0)
    );
    let ids: Vec<String> = table(&dir.path().join("out/articles.csv"))
        .into_iter()
        .map(|r| r["article_id"].clone())
        .collect();
    assert_eq!(ids, ["a/herald/x.txt", "b/herald/x.txt"]);
    // One root: ids stay relative to it.
    run_in(dir.path(), &["a", "-o", "one", "-q"]);
    assert_eq!(
        table(&dir.path().join("one/articles.csv"))[0]["article_id"],
        "herald/x.txt"
    );
}

#[test]
fn temporary_tables_never_outlive_a_run() {
    let dir = tempfile::tempdir().unwrap();
    write_files(
        dir.path(),
        &[
            (
                "in/a.txt",
                b"Kestrel Plastics will close its plant in June.",
            ),
            ("out/.dates.csv.partial", b"left by a crash"),
            ("out/.claims.csv.story.partial", b"left by a crash"),
        ],
    );
    assert_eq!(
        run_in(dir.path(), &["in", "-o", "out", "-q"]).status.code(),
        Some(0)
    );
    let partials = |d: &str| {
        std::fs::read_dir(dir.path().join(d))
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .ends_with(".partial")
            })
            .count()
    };
    assert_eq!(partials("out"), 0);
    // A run that fails while moving its tables into place (a folder where a table goes)
    // exits 2 and leaves no temporary table behind.
    std::fs::create_dir_all(dir.path().join("bad/dates.csv/inside")).unwrap();
    let out = run_in(dir.path(), &["in", "-o", "bad", "-q"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(partials("bad"), 0);
    // Its staging folder is gone too, and the folder does not claim to be complete.
    let staging: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".newsrake-"))
        .collect();
    assert!(staging.is_empty(), "{staging:?}");
    assert!(!dir.path().join("bad/manifest.json").exists());
}

#[test]
fn tables_of_an_earlier_run_are_never_left_beside_new_ones() {
    let dir = tempfile::tempdir().unwrap();
    write_files(
        dir.path(),
        &[
            (
                "in/a.txt",
                b"Kestrel Plastics will close its plant in June.",
            ),
            ("out/notes.txt", b"the user's own file"),
        ],
    );
    let run = |args: &[&str]| {
        let mut all = vec!["in", "-o", "out", "-q"];
        all.extend_from_slice(args);
        assert_eq!(run_in(dir.path(), &all).status.code(), Some(0));
    };
    run(&["--tokens"]);
    assert!(dir.path().join("out/tokens.csv").exists());
    run(&[]);
    assert!(!dir.path().join("out/tokens.csv").exists());
    run(&["--format", "jsonl"]);
    assert!(!dir.path().join("out/dates.csv").exists());
    assert!(dir.path().join("out/dates.jsonl").exists());
    // Files that are not newsrake's tables are never touched.
    assert!(dir.path().join("out/notes.txt").exists());
}

#[test]
fn zero_articles_is_a_warning_and_a_row_saying_why() {
    let dir = tempfile::tempdir().unwrap();
    write_files(dir.path(), &[("in/scan.xyz", b"%PDF-1.4")]);
    let out = run_in(dir.path(), &["in", "-o", "out"]);
    // Nothing to use: the run fails, saying why.
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("warning: no articles found"));
    let errors = table(&dir.path().join("out/errors.csv"));
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0]["kind"], "warning");
    assert!(errors[0]["message"].contains("no article"));
}

/// Runs newsrake in a temporary folder with `stdin` as its standard input.
fn run_with_stdin(dir: &std::path::Path, args: &[&str], stdin: &str) -> std::process::Output {
    assert_cmd::Command::cargo_bin("newsrake")
        .unwrap()
        .current_dir(dir)
        .args(args)
        .write_stdin(stdin)
        .output()
        .unwrap()
}

#[test]
fn plain_text_on_standard_input_is_one_article() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Ferry service resumes\n\nThe Kettle Sound ferry sailed again on Tuesday, \
                officials said.\n";
    let out = run_with_stdin(dir.path(), &["-", "-o", "out", "-q"], text);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let articles = table(&dir.path().join("out/articles.csv"));
    assert_eq!(articles.len(), 1);
    assert_eq!(articles[0]["title"], "Ferry service resumes");
    assert_eq!(articles[0]["source_from"], "stdin");
    // A lone `-` is no formula: the path is written as it is.
    assert_eq!(articles[0]["path"], "-");
    // Offsets index standard input as it was given.
    let dates = table(&dir.path().join("out/dates.csv"));
    let d = &dates[0];
    let (s, e): (usize, usize) = (d["start"].parse().unwrap(), d["end"].parse().unwrap());
    let chars: Vec<char> = text.chars().collect();
    assert_eq!(chars[s..e].iter().collect::<String>(), d["text"]);
    // --stdin-format jsonl reads the same text as (bad) JSON lines instead.
    let out = run_with_stdin(
        dir.path(),
        &["-", "-o", "out2", "-q", "--stdin-format", "jsonl"],
        text,
    );
    assert_eq!(out.status.code(), Some(1));
    let errors = table(&dir.path().join("out2/errors.csv"));
    assert!(
        errors.iter().any(|r| r["kind"] == "malformed-json"),
        "{errors:?}"
    );
}

#[test]
fn documents_newsrake_cannot_read_say_how_to_convert_them() {
    let dir = tempfile::tempdir().unwrap();
    write_files(
        dir.path(),
        &[
            ("in/report.pdf", b"%PDF-1.7 not really"),
            ("in/memo.docx", b"PK not really"),
            ("in/photo.jpg", b"not really"),
            ("in/notes.csv", b"a,b\n"),
        ],
    );
    let out = run_in(dir.path(), &["in", "-o", "out"]);
    let err = String::from_utf8_lossy(&out.stderr);
    // Nothing was read: the run fails and says why.
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("no articles found"), "{err}");
    let errors = table(&dir.path().join("out/errors.csv"));
    let by_path = |p: &str| {
        errors
            .iter()
            .find(|r| r["path"].ends_with(p))
            .unwrap_or_else(|| panic!("no row for {p}: {errors:?}"))
    };
    assert_eq!(by_path("report.pdf")["kind"], "unsupported");
    assert!(by_path("report.pdf")["message"].contains("pdftotext"));
    assert!(by_path("memo.docx")["message"].contains("pandoc"));
    assert!(by_path("photo.jpg")["message"].contains("OCR"));
    // A file of no document format is only counted.
    assert!(errors.iter().all(|r| !r["path"].ends_with("notes.csv")));
}

#[test]
fn help_is_a_command_too() {
    let dir = tempfile::tempdir().unwrap();
    let out = run_in(dir.path(), &["help"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("--source-map"), "{text}");
}
