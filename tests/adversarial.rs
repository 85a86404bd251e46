//! Hostile inputs: each is capped in size here and run by the real binary under a 2 GB address
//! space limit (`ulimit -v`), so a regression fails the test instead of taking the machine
//! down. Each must finish with exit 0 or 1 (problems reported), write every table, keep each
//! sentence within the segmenter's window, and write at most a fixed multiple of its input.
//! Time is never measured by the clock: `time_grows_linearly_in_instructions` counts the
//! instructions of the per-job work under callgrind at N and 4N (`scripts/adversarial.sh` does
//! the same at larger sizes on the release binary).

use std::path::Path;

use crate::util::*;

/// Address space allowed to one run, in KiB.
const MEMORY_KIB: u64 = 2 * 1024 * 1024;

/// Output bytes allowed per input byte, beyond a fixed allowance for headers and summaries.
const OUTPUT_PER_INPUT: u64 = 20;

/// Runs the binary on `input` (a folder) into `dir/out` under the memory limit; returns its
/// exit code.
fn run_limited(dir: &Path, input: &Path) -> i32 {
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("ulimit -v {MEMORY_KIB} && exec \"$@\""))
        .arg("sh")
        .arg(env!("CARGO_BIN_EXE_newsrake"))
        .arg(input)
        .arg("-o")
        .arg(dir.join("out"))
        .arg("--quiet")
        .status()
        .expect("sh runs");
    status.code().unwrap_or(-1)
}

fn size_of(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().metadata().unwrap().len())
        .sum()
}

/// Writes `name` holding `body` into a fresh input folder, runs it, checks the bounds, and
/// returns the output folder for more checks.
fn hostile(name: &str, body: &[u8]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    std::fs::write(input.join(name), body).unwrap();
    let code = run_limited(dir.path(), &input);
    assert!(code == 0 || code == 1, "{name}: exit {code}");
    let out = dir.path().join("out");
    for t in [
        "articles.csv",
        "dates.csv",
        "names.csv",
        "quotes.csv",
        "claims.csv",
    ] {
        assert!(out.join(t).exists(), "{name}: no {t}");
    }
    let written = size_of(&out);
    let allowed = OUTPUT_PER_INPUT * body.len() as u64 + 64 * 1024;
    assert!(
        written <= allowed,
        "{name}: {written} bytes written for {} read",
        body.len()
    );
    // A claim's evidence is its whole sentence, and a sentence is one window at most.
    for row in table(&out.join("claims.csv")) {
        assert!(
            row["evidence"].len() <= newsrake::segment::MAX_SENTENCE,
            "{name}: {row:?}"
        );
    }
    dir
}

/// The rows of `errors.csv` for skipped inputs (not the warning that no article was found).
fn skipped(dir: &Path) -> Vec<std::collections::HashMap<String, String>> {
    table(&dir.join("out/errors.csv"))
        .into_iter()
        .filter(|r| r["kind"] != "warning")
        .collect()
}

/// A deterministic stream of news-like words (no randomness crate: a linear congruence).
fn words(n: usize, vocabulary: &[&str]) -> String {
    let mut x: u64 = 0x2545_f491;
    let mut out = String::with_capacity(n * 6);
    for i in 0..n {
        x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        if i > 0 {
            out.push(' ');
        }
        out.push_str(vocabulary[(x >> 33) as usize % vocabulary.len()]);
    }
    out
}

const PLAIN: [&str; 12] = [
    "the", "plant", "will", "close", "and", "workers", "said", "it", "was", "a", "day", "of",
];

#[test]
fn a_long_line_of_words_with_a_publication_date() {
    let body = format!("---\npublished: 2025-03-14\n---\n{}", words(40_000, &PLAIN));
    hostile("line.md", body.as_bytes());
}

#[test]
fn many_straight_quotation_marks_in_one_sentence() {
    let body = words(20_000, &["said", "the", "\"", "plant", "\"", "close"]);
    let dir = hostile("quotes.txt", body.as_bytes());
    // Quotations stay within their window: none is longer than it.
    for row in table(&dir.path().join("out/quotes.csv")) {
        assert!(row["text"].len() <= 2048, "{row:?}");
    }
}

#[test]
fn thousands_of_attributed_quotations_each_with_a_figure_and_names() {
    // Each sentence: a quotation holding a figure and a name, its speaker, and a person
    // beside: the comparison's lookups (the quotation a value sits in, the people named
    // beside a quotation, a speaker named inside it) stay linear in them.
    let sentence = "\"Tom Reyes saw 12 workers leave on Monday,\" said Ana Ruiz beside Ian Holt. ";
    let body = format!(
        "---\npublished: 2025-03-14\n---\n{}",
        sentence.repeat(400_000 / sentence.len())
    );
    let dir = hostile("quoted.md", body.as_bytes());
    assert!(!table(&dir.path().join("out/quotes.csv")).is_empty());
}

#[test]
fn date_like_digits_and_slashes_with_and_without_spaces() {
    let glued: String = words(30_000, &["1", "2/", "3", "/", "12", "2025/"]).replace(' ', "");
    hostile("glued.txt", glued.as_bytes());
    let spaced = words(30_000, &["1/2", "2025", "3/4/", "12", "/", "June"]);
    hostile("spaced.txt", spaced.as_bytes());
    // Dates a few bytes apart, each a row of its own and a claim repeating its sentence.
    let years = words(
        40_000,
        &["in", "1960", "in", "1933", "on", "12", "March", "2025,"],
    );
    hostile("years.txt", years.as_bytes());
}

#[test]
fn tens_of_thousands_of_capitalised_words_in_a_row() {
    let body = words(
        50_000,
        &["Kestrel", "Halvorsen", "Marine", "Group", "Norton", "Alpha"],
    );
    let dir = hostile("caps.txt", body.as_bytes());
    // A name has a maximum length: no name is longer than its window.
    for row in table(&dir.path().join("out/names.csv")) {
        assert!(row["text"].len() <= 2048, "{}", row["text"].len());
    }
}

#[test]
fn a_million_nested_elements_are_one_error_row() {
    let mut body = "<html><body>".to_string();
    body.push_str(&"<div>".repeat(1_000_000));
    body.push_str("text");
    let dir = hostile("deep.html", body.as_bytes());
    let errors = skipped(dir.path());
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0]["kind"], "too-deep");
}

/// html5ever checks each attribute against those before it: an element with 200,000
/// attributes (one million ran past two minutes) is refused before parsing.
#[test]
fn an_element_with_too_many_attributes_is_one_error_row() {
    let attrs: Vec<String> = (0..200_000).map(|i| format!("a{i}=\"x y\"")).collect();
    let body = format!("<html><body><p {}>Kettlewick flooded.</p>", attrs.join(" "));
    let dir = hostile("wide.html", body.as_bytes());
    let errors = skipped(dir.path());
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0]["message"].contains("more than 1024 attributes"));
    // A page with many quoted words in one attribute is read.
    let alt = "word ".repeat(5000);
    let page = format!("<html><body><img alt=\"{alt}\"><p>Kettlewick flooded.</p>");
    let dir = hostile("alt.html", page.as_bytes());
    assert!(skipped(dir.path()).is_empty());
}

#[test]
fn nesting_that_overflowed_a_worker_stack_is_refused_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    let deep = format!(
        "<html><body>{}text{}</body></html>",
        "<div>".repeat(8000),
        "</div>".repeat(8000)
    );
    std::fs::write(input.join("deep.html"), deep).unwrap();
    std::fs::write(input.join("ok.txt"), "The plant closes on 3 June 2025.").unwrap();
    assert_eq!(run_limited(dir.path(), &input), 1);
    let articles = table(&dir.path().join("out/articles.csv"));
    assert_eq!(articles.len(), 1);
    assert_eq!(table(&dir.path().join("out/errors.csv")).len(), 1);
}

#[test]
fn a_json_document_nested_a_hundred_thousand_deep() {
    let body = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let dir = hostile("deep.json", body.as_bytes());
    let errors = skipped(dir.path());
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0]["kind"], "malformed-json");
}

#[test]
fn a_long_jsonl_line() {
    let text = words(200_000, &PLAIN);
    let line = format!(
        "{{\"id\":\"x\",\"published\":\"2025-03-14\",\"text\":\"{text}\"}}\n{{\"id\":\"y\",\"text\":\"Short.\"}}\n"
    );
    let dir = hostile("long.jsonl", line.as_bytes());
    assert_eq!(table(&dir.path().join("out/articles.csv")).len(), 2);
}

#[test]
fn an_article_of_several_sections_keeps_its_own_offsets_and_numbers() {
    // About 2.5 MB of news paragraphs: three sections of at most 1 MiB each.
    let mut text = String::new();
    let mut i = 0;
    while text.len() < 2_500_000 {
        i += 1;
        text.push_str(&format!(
            "Kestrel Plastics said on {} March 2025 that it would close plant {i}. \
             \"We are sorry,\" said Mara Lindqvist, its chief executive, aged {}.\n\n",
            i % 28 + 1,
            40 + i % 30
        ));
    }
    let body = format!("---\npublished: 2025-03-14\n---\n{text}");
    let dir = hostile("long.md", body.as_bytes());
    let out = dir.path().join("out");
    let articles = table(&out.join("articles.csv"));
    assert_eq!(articles.len(), 1);
    let count = |c: &str| articles[0][c].parse::<usize>().unwrap();
    assert_eq!(count("chars"), text.len());
    for (t, c) in [
        ("dates", "dates"),
        ("names", "names"),
        ("quotes", "quotes"),
        ("claims", "claims"),
    ] {
        let rows = table(&out.join(format!("{t}.csv")));
        if t != "quotes" {
            assert_eq!(rows.len(), count(c), "{t}");
        }
        let mut last_sentence = 0;
        for r in &rows {
            let (s, e): (usize, usize) = (r["start"].parse().unwrap(), r["end"].parse().unwrap());
            assert_eq!(
                &text[s..e],
                r["text"],
                "{t}: offsets slice the article: {r:?}"
            );
            let n: usize = r["sentence"].parse().unwrap();
            assert!(n >= last_sentence && n <= count("sentences"), "{t}: {r:?}");
            last_sentence = n;
        }
        assert!(
            last_sentence > count("sentences") / 2,
            "{t}: rows from every section"
        );
    }
    let ids: Vec<usize> = table(&out.join("claims.csv"))
        .iter()
        .map(|r| r["claim_id"].parse().unwrap())
        .collect();
    assert_eq!(
        ids,
        (1..=ids.len()).collect::<Vec<_>>(),
        "claim ids count on"
    );
    let quote_ids: std::collections::BTreeSet<String> = table(&out.join("quotes.csv"))
        .iter()
        .map(|r| r["quote_id"].clone())
        .collect();
    assert_eq!(quote_ids.len(), count("quotes"), "quote ids count on");
}

/// Instructions spent in the per-job work (reading, decoding, analysing, encoding rows) of one
/// run on `input`, by callgrind; `None` when valgrind is not installed.
fn instructions(dir: &Path, input: &Path) -> Option<u64> {
    let out = std::process::Command::new("valgrind")
        .args([
            "--tool=callgrind",
            "--callgrind-out-file=/dev/null",
            "--toggle-collect=*newsrake*pipeline*process*",
        ])
        .arg(env!("CARGO_BIN_EXE_newsrake"))
        .arg(input)
        .arg("-o")
        .arg(dir.join("out"))
        .args(["-q", "--threads", "1"])
        .output()
        .ok()?;
    let stderr = String::from_utf8_lossy(&out.stderr);
    let line = stderr.lines().find(|l| l.contains("Collected :"))?;
    line.rsplit(' ').next()?.trim().parse().ok()
}

/// Each hostile input at N and 4N items: instructions grow about 4 times when the work is
/// linear, 16 when quadratic. Asserted below 6.
#[test]
fn time_grows_linearly_in_instructions() {
    if std::process::Command::new("valgrind")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("skipped: valgrind is not installed (it counts the instructions)");
        return;
    }
    type Gen = fn(usize) -> (String, Vec<u8>);
    let kinds: Vec<(&str, Gen)> = vec![
        ("words", |n| {
            (
                "line.md".into(),
                format!("---\npublished: 2025-03-14\n---\n{}", words(n, &PLAIN)).into_bytes(),
            )
        }),
        ("quotes", |n| {
            (
                "q.txt".into(),
                words(n, &["said", "the", "\"", "plant", "\"", "close"]).into_bytes(),
            )
        }),
        ("glued digits", |n| {
            (
                "g.txt".into(),
                words(n, &["1", "2/", "3", "/", "12", "2025/"])
                    .replace(' ', "")
                    .into_bytes(),
            )
        }),
        ("spaced digits", |n| {
            (
                "s.txt".into(),
                words(n, &["1/2", "2025", "3/4/", "12", "/", "June"]).into_bytes(),
            )
        }),
        ("ranges and titles", |n| {
            (
                "r.txt".into(),
                words(
                    n,
                    &[
                        "1962-63", "March", "3-5", "two", "to", "three", "weeks", "Chicago",
                        "Cardinal", "Jose", "Monday", "Orion", "1980", "Tuesday", "nights",
                    ],
                )
                .into_bytes(),
            )
        }),
        ("capitals", |n| {
            (
                "c.txt".into(),
                words(
                    n,
                    &["Kestrel", "Halvorsen", "Marine", "Group", "Norton", "Alpha"],
                )
                .into_bytes(),
            )
        }),
        ("nested html", |n| {
            (
                "d.html".into(),
                format!("<html><body>{}text", "<div>".repeat(n * 4)).into_bytes(),
            )
        }),
        ("nested json", |n| {
            (
                "d.json".into(),
                format!("{}{}", "[".repeat(n * 4), "]".repeat(n * 4)).into_bytes(),
            )
        }),
        ("jsonl line", |n| {
            (
                "l.jsonl".into(),
                format!(
                    "{{\"id\":\"x\",\"published\":\"2025-03-14\",\"text\":\"{}\"}}\n",
                    words(n, &PLAIN)
                )
                .into_bytes(),
            )
        }),
    ];
    let n = 4_000;
    let results: Vec<(String, u64, u64)> = std::thread::scope(|scope| {
        let handles: Vec<_> = kinds
            .chunks(kinds.len().div_ceil(2))
            .map(|chunk| {
                scope.spawn(move || {
                    let mut out = Vec::new();
                    for (kind, gen_input) in chunk {
                        let mut counts = [0u64; 2];
                        for (slot, k) in [1usize, 4].into_iter().enumerate() {
                            let dir = tempfile::tempdir().unwrap();
                            let input = dir.path().join("in");
                            std::fs::create_dir(&input).unwrap();
                            let (name, body) = gen_input(n * k);
                            std::fs::write(input.join(name), body).unwrap();
                            counts[slot] = instructions(dir.path(), &input)
                                .unwrap_or_else(|| panic!("{kind}: callgrind gave no count"));
                        }
                        out.push((kind.to_string(), counts[0], counts[1]));
                    }
                    out
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    });
    for (kind, small, large) in &results {
        assert!(
            *small > 0,
            "{kind}: nothing counted (was the per-job work inlined?)"
        );
        let ratio = *large as f64 / *small as f64;
        eprintln!("{kind:14} N {small:>12} 4N {large:>12} ratio {ratio:.2}");
        assert!(
            ratio < 6.0,
            "{kind}: instructions grew {ratio:.2} times from N to 4N"
        );
    }
}

/// A FIFO blocks whoever opens it, and a link to `/dev/zero` never ends (its size reads 0):
/// neither is opened, each is an `errors.csv` row of kind `not-a-file`, and the batch goes
/// on. Run under the memory limit and a 60-second `timeout`, so a regression fails instead of
/// hanging.
#[cfg(unix)]
#[test]
fn fifos_and_devices_are_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    std::fs::write(
        input.join("ok.txt"),
        "Kettlewick council opened a flood shelter on Monday.\n",
    )
    .unwrap();
    let fifo = std::process::Command::new("mkfifo")
        .arg(input.join("p.txt"))
        .status();
    assert!(fifo.is_ok_and(|s| s.success()), "mkfifo");
    std::os::unix::fs::symlink("/dev/zero", input.join("a.txt")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", input.join("b.jsonl")).unwrap();
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("ulimit -v {MEMORY_KIB} && exec timeout 60 \"$@\""))
        .arg("sh")
        .arg(env!("CARGO_BIN_EXE_newsrake"))
        .arg(&input)
        .arg("-o")
        .arg(dir.path().join("out"))
        .arg("--quiet")
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(1), "finished, with inputs skipped");
    let errors = table(&dir.path().join("out/errors.csv"));
    let mut not_files: Vec<(String, String)> = errors
        .iter()
        .filter(|r| r["kind"] == "not-a-file")
        .map(|r| {
            let name = Path::new(&r["path"]).file_name().unwrap();
            (name.to_string_lossy().into_owned(), r["message"].clone())
        })
        .collect();
    not_files.sort();
    assert_eq!(
        not_files,
        [
            (
                "a.txt".into(),
                "not a regular file (a device): not read".into()
            ),
            (
                "b.jsonl".into(),
                "not a regular file (a device): not read".into()
            ),
            (
                "p.txt".into(),
                "not a regular file (a FIFO): not read".into()
            ),
        ]
    );
    assert_eq!(table(&dir.path().join("out/articles.csv")).len(), 1);
}
