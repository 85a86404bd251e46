//! How each article's outlet is decided, on the layouts a user's own folder has: the sources
//! found, the `source_from` column, and what the run says on stderr.

use std::collections::BTreeMap;
use std::path::Path;

use crate::util::*;

/// Runs newsrake on `in` (plus `args`) in a folder holding `files`: (source per article id,
/// source_from per article id, stderr).
fn sources_of(
    files: &[(&str, &[u8])],
    args: &[&str],
) -> (BTreeMap<String, String>, BTreeMap<String, String>, String) {
    let dir = tempfile::tempdir().unwrap();
    write_files(dir.path(), files);
    let mut all = vec!["in", "-o", "out"];
    all.extend_from_slice(args);
    let out = run_in(dir.path(), &all);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let rows = table(&dir.path().join("out/articles.csv"));
    let col = |c: &str| -> BTreeMap<String, String> {
        rows.iter()
            .map(|r| (r["article_id"].clone(), r[c].clone()))
            .collect()
    };
    (col("source"), col("source_from"), stderr)
}

fn map(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

const STORY_A: &[u8] = b"Flood waters rose in Kettlewick on Monday after two days of rain.\n";
const STORY_B: &[u8] = b"Kettlewick residents were told to leave their homes on Monday.\n";

#[test]
fn a_flat_folder_names_each_file_its_own_source_and_says_so() {
    let (src, from, err) = sources_of(&[("in/a.txt", STORY_A), ("in/b.txt", STORY_B)], &[]);
    assert_eq!(src, map(&[("a.txt", "a"), ("b.txt", "b")]));
    assert_eq!(from, map(&[("a.txt", "file name"), ("b.txt", "file name")]));
    assert!(err.contains("sources: 2 (from file name 2)"), "{err}");
}

#[test]
fn a_nested_folder_is_one_source_and_the_run_warns_nothing_is_compared() {
    let (src, from, err) = sources_of(
        &[
            ("in/articles/a.txt", STORY_A),
            ("in/articles/b.txt", STORY_B),
        ],
        &[],
    );
    assert_eq!(
        src,
        map(&[
            ("articles/a.txt", "articles"),
            ("articles/b.txt", "articles")
        ])
    );
    assert!(from.values().all(|f| f == "folder"), "{from:?}");
    assert!(err.contains("sources: 1 (from folder 1)"), "{err}");
    assert!(
        err.contains("warning: all 2 articles are from one source, \"articles\""),
        "{err}"
    );
    assert!(err.contains("--source-map"), "{err}");
}

#[test]
fn source_names_one_outlet_for_category_folders() {
    let (src, from, err) = sources_of(
        &[("in/business/1.txt", STORY_A), ("in/tech/2.txt", STORY_B)],
        &["--source", "bbc"],
    );
    assert!(src.values().all(|s| s == "bbc"), "{src:?}");
    assert!(from.values().all(|f| f == "option"), "{from:?}");
    assert!(err.contains("sources: 1 (from option 1)"), "{err}");
}

#[test]
fn an_address_on_the_first_line_names_the_outlet_by_its_domain() {
    let (src, from, err) = sources_of(
        &[
            (
                "in/p1/p1.txt",
                b"https://www.bbc.co.uk/news/uk-1234\nFloods hit Kettlewick\n\nFlood waters rose.\n",
            ),
            (
                "in/p2/p2.txt",
                b"http://news.example.com/2026/floods\nKettlewick evacuated\n\nResidents left.\n",
            ),
        ],
        &[],
    );
    assert_eq!(
        src,
        map(&[("p1/p1.txt", "bbc.co.uk"), ("p2/p2.txt", "example.com")])
    );
    assert!(from.values().all(|f| f == "URL"), "{from:?}");
    assert!(err.contains("sources: 2 (from URL 2)"), "{err}");
}

#[test]
fn metadata_comes_before_the_address_and_the_folder() {
    let (src, from, err) = sources_of(
        &[
            (
                "in/desk/a.md",
                b"---\nsource: Valley Herald\nurl: https://www.example.org/a\n---\nFlood waters rose.\n",
            ),
            (
                "in/desk/b.md",
                b"---\noutlet: Coast Wire\n---\nResidents were told to leave.\n",
            ),
            (
                "in/desk/c.md",
                b"---\nurl: https://www.example.org/c\n---\nThe river peaked.\n",
            ),
            (
                "in/web/d.html",
                b"<html><head><meta property=\"og:site_name\" content=\"Daily Lantern\"></head><body><p>Rain fell.</p></body></html>",
            ),
            (
                "in/web/e.html",
                b"<html><head><meta name=\"publisher\" content=\"Moor Times\"></head><body><p>Rain fell.</p></body></html>",
            ),
            (
                "in/feed.jsonl",
                b"{\"id\": \"f1\", \"source\": \"Ridge Post\", \"text\": \"Roads closed.\"}\n{\"id\": \"f2\", \"url\": \"https://m.ridgepost.co.nz/x\", \"text\": \"Roads reopened.\"}\n",
            ),
        ],
        &[],
    );
    assert_eq!(
        src,
        map(&[
            ("desk/a.md", "Valley Herald"),
            ("desk/b.md", "Coast Wire"),
            ("desk/c.md", "example.org"),
            ("web/d.html", "Daily Lantern"),
            ("web/e.html", "Moor Times"),
            ("f1", "Ridge Post"),
            ("f2", "ridgepost.co.nz"),
        ])
    );
    assert_eq!(
        from,
        map(&[
            ("desk/a.md", "front matter"),
            ("desk/b.md", "front matter"),
            ("desk/c.md", "URL"),
            ("web/d.html", "HTML"),
            ("web/e.html", "HTML"),
            ("f1", "JSON"),
            ("f2", "URL"),
        ])
    );
    assert!(
        err.contains("sources: 7 (from front matter 2, JSON 1, HTML 2, URL 2)"),
        "{err}"
    );
}

#[test]
fn a_source_map_overrides_what_the_files_say_and_the_rest_falls_back() {
    let dir = tempfile::tempdir().unwrap();
    write_files(
        dir.path(),
        &[
            ("in/bbc/tech/1.txt", STORY_A),
            ("in/bbc/world/2.txt", STORY_B),
            (
                "in/misc/3.md",
                b"---\nsource: Coast Wire\n---\nRain fell.\n",
            ),
            ("in/misc/4.txt", STORY_B),
            (
                "outlets.csv",
                b"path_glob,source\nin/bbc/**,BBC\n**/3.md,Wire (mapped)\n",
            ),
        ],
    );
    let out = run_in(
        dir.path(),
        &["in", "-o", "out", "--source-map", "outlets.csv"],
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    let rows = table(&dir.path().join("out/articles.csv"));
    let got: BTreeMap<&str, (&str, &str)> = rows
        .iter()
        .map(|r| {
            (
                r["article_id"].as_str(),
                (r["source"].as_str(), r["source_from"].as_str()),
            )
        })
        .collect();
    assert_eq!(got["bbc/tech/1.txt"], ("BBC", "source map"));
    assert_eq!(got["bbc/world/2.txt"], ("BBC", "source map"));
    assert_eq!(got["misc/3.md"], ("Wire (mapped)", "source map"));
    assert_eq!(got["misc/4.txt"], ("misc", "folder"));
    assert!(
        err.contains("sources: 3 (from source map 2, folder 1)"),
        "{err}"
    );
}

#[test]
fn a_bad_source_map_stops_the_run_before_anything_is_written() {
    let dir = tempfile::tempdir().unwrap();
    write_files(
        dir.path(),
        &[("in/a.txt", STORY_A), ("map.csv", b"in/**,BBC,extra\n")],
    );
    let out = run_in(dir.path(), &["in", "-o", "out", "--source-map", "map.csv"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_ne!(out.status.code(), Some(0));
    assert!(err.contains("path_glob,source"), "{err}");
    assert!(!Path::new(&dir.path().join("out/articles.csv")).exists());
}

#[test]
fn many_articles_each_its_own_source_are_a_doubtful_comparison() {
    let files: Vec<(String, &[u8])> = (0..21)
        .map(|i| (format!("in/{i:02}.txt"), STORY_A))
        .collect();
    let refs: Vec<(&str, &[u8])> = files.iter().map(|(p, b)| (p.as_str(), *b)).collect();
    let (src, _, err) = sources_of(&refs, &[]);
    assert_eq!(src.len(), 21);
    assert!(
        err.contains("warning: every article is its own source (21 sources)"),
        "{err}"
    );
}

/// One outlet's sections, told apart by their own labels, share its web address: the run says
/// the comparison may be an outlet against itself.
#[test]
fn sources_sharing_a_web_address_are_flagged() {
    let page = |source: &str, path: &str| {
        format!(
            "---\nsource: {source}\nurl: https://www.example-news.co.uk/{path}\n\
             published: 2025-03-10\n---\nFlood waters rose in Kettlewick on Monday after two \
             days of rain, and 40 homes were evacuated, the Kettlewick council said.\n"
        )
    };
    let a = page("Example Politics", "politics/1");
    let b = page("Example Local", "local/2");
    let (src, _, err) = sources_of(&[("in/a.md", a.as_bytes()), ("in/b.md", b.as_bytes())], &[]);
    assert_eq!(src.len(), 2);
    assert!(
        err.contains("1 compared story has sources sharing a web address")
            && err.contains("Example Local and Example Politics on example-news.co.uk"),
        "{err}"
    );
}

/// `--wide` gives a column per source, and is refused past 50: the long tables are written
/// and stderr says why.
#[test]
fn wide_tables_are_refused_past_fifty_sources() {
    let text = b"---\npublished: 2025-03-10\n---\nFlood waters rose in Kettlewick on Monday after \
                 two days of rain, and 40 homes were evacuated, the Kettlewick council said.\n";
    let names: Vec<String> = (0..51).map(|i| format!("in/outlet{i:02}/a.md")).collect();
    let files: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &text[..])).collect();
    let (src, _, err) = sources_of(&files, &["--wide"]);
    assert_eq!(src.len(), 51);
    assert!(
        err.contains("--wide refused: 51 sources are compared, over 50"),
        "{err}"
    );
    let dir = tempfile::tempdir().unwrap();
    write_files(dir.path(), &files[..3]);
    let out = run_in(dir.path(), &["in", "-o", "out", "--wide", "-q"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        header(&dir.path().join("out/compare_names.csv")).join(","),
        "story,entity,kind,key,sources,status,outlet00,outlet01,outlet02"
    );
}
