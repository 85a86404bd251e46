//! Comparing sources, through the binary: stories, contradictions, quotes, and the tables'
//! columns. The sample articles in `input/` are pinned byte for byte by `golden.rs`; here the
//! behaviour behind them is asserted on its own.

use std::collections::HashMap;
use std::path::Path;

use crate::util::*;

fn run(dir: &Path, args: &[&str]) {
    let out = run_in(dir, args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn run_on(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write_files(dir.path(), files);
    run(dir.path(), &["in", "-o", "out", "--quiet"]);
    dir
}

fn rows(dir: &Path, table: &str) -> Vec<HashMap<String, String>> {
    table_at(&dir.join("out").join(table))
}

fn table_at(p: &Path) -> Vec<HashMap<String, String>> {
    table(p)
}

#[test]
fn sample_articles_show_the_planted_contradictions_and_no_others() {
    let dir = tempfile::tempdir().unwrap();
    run(
        &root(),
        &["input", "-o", dir.path().to_str().unwrap(), "--quiet"],
    );
    let stories = table_at(&dir.path().join("stories.csv"));
    assert_eq!(stories.len(), 1, "one story: {stories:?}");
    assert_eq!(
        stories[0]["sources"],
        "coastal-daily|northern-wire|the-herald"
    );
    let all_claims = table_at(&dir.path().join("compare_claims.csv"));
    let claims = first_rows(&all_claims);
    // The value each source gives in a finding, in plain words.
    let plain = |row: &HashMap<String, String>, source: &str| -> Vec<String> {
        finding_rows(&all_claims, row)
            .into_iter()
            .filter(|r| r["source"] == source)
            .map(|r| r["value_plain"].clone())
            .collect()
    };
    let with = |status: &str| -> Vec<(String, String, String)> {
        let mut v: Vec<_> = claims
            .iter()
            .filter(|r| r["status"] == status)
            .map(|r| {
                (
                    r["subject"].clone(),
                    r["attribute"].clone(),
                    r["event"].clone(),
                )
            })
            .collect();
        v.sort();
        v
    };
    let c = |a: &str, e: &str| ("Halvorsen Marine".to_string(), a.to_string(), e.to_string());
    // The jobs (240 against about 260): one outlet against two.
    assert_eq!(with("conflict"), vec![c("jobs", "cut")]);
    let jobs = claims.iter().find(|r| r["attribute"] == "jobs").unwrap();
    assert_eq!(plain(jobs, "coastal-daily"), ["240 jobs"]);
    assert!(plain(jobs, "the-herald").contains(&"about 260 jobs".to_string()));
    assert_eq!(
        jobs["detail"],
        "coastal-daily: 240 jobs vs the-herald: 260 jobs, about 260 jobs; northern-wire: 240 jobs \
         vs the-herald: 260 jobs, about 260 jobs"
    );
    // The announcement day (Monday 10 or Tuesday 11 March) and the closing date (July or 30
    // June): outlets that give both themselves contradict themselves.
    assert_eq!(
        with("self-conflict"),
        vec![c("when", "ANNOUNCE"), c("when", "CLOSE")]
    );
    let close = claims
        .iter()
        .find(|r| r["attribute"] == "when" && r["event"] == "CLOSE")
        .unwrap();
    assert!(close["detail"].starts_with("northern-wire contradicts itself"));
    let coastal = finding_rows(&all_claims, close)
        .into_iter()
        .find(|r| r["source"] == "coastal-daily")
        .unwrap();
    assert_eq!(coastal["value"], "2025-06 END");
    assert_eq!(coastal["value_plain"], "end of June 2025");
    // Every row says where its value comes from: article, sentence, offsets, and the whole
    // sentence, which holds the value as written.
    for r in &all_claims {
        assert!(
            !r["article_id"].is_empty() && !r["path"].is_empty(),
            "{r:?}"
        );
        assert!(r["sentence"].parse::<usize>().unwrap() >= 1, "{r:?}");
        let (a, b): (usize, usize) = (r["start"].parse().unwrap(), r["end"].parse().unwrap());
        assert_eq!(b - a, r["text"].chars().count(), "{r:?}");
        assert!(r["evidence"].contains(r["text"].as_str()), "{r:?}");
        assert!(!r["evidence"].contains('…'), "{r:?}");
    }
    // Each finding's sources are the sources of its rows.
    for f in &claims {
        let mut sources: Vec<String> = finding_rows(&all_claims, f)
            .iter()
            .map(|r| r["source"].clone())
            .collect();
        sources.dedup();
        assert_eq!(sources.join("|"), f["sources"], "{f:?}");
    }
    // The founding year agrees where it is given.
    assert!(
        claims
            .iter()
            .any(|r| r["event"] == "FOUND" && r["status"] == "agree")
    );

    let quotes = table_at(&dir.path().join("compare_quotes.csv"));
    let reyes = quotes
        .iter()
        .find(|r| r["text"].starts_with("Twenty years"))
        .unwrap();
    assert_eq!(reyes["status"], "variant");
    assert_eq!(reyes["quote_speaker"], "Tom Reyes");
    let herald = finding_rows(&quotes, reyes)
        .into_iter()
        .find(|r| r["source"] == "the-herald")
        .unwrap();
    assert_eq!(herald["differences"], "twenty → 20");
    assert!(herald["wording"].starts_with("20 years"));
    // Northern Wire gives Reyes's words as narration.
    assert_eq!(reyes["unquoted_in"], "northern-wire");
    let okafor = quotes
        .iter()
        .find(|r| r["text"].starts_with("We did not take"))
        .unwrap();
    assert_eq!(okafor["status"], "verbatim");
    assert_eq!(okafor["sources"], "coastal-daily|northern-wire|the-herald");

    let names = table_at(&dir.path().join("compare_names.csv"));
    let all: Vec<&str> = names
        .iter()
        .filter(|r| r["status"] == "all")
        .map(|r| r["entity"].as_str())
        .collect();
    for n in [
        "Halvorsen Marine",
        "Tom Reyes",
        "Margaret Okafor",
        "Port Aldery",
    ] {
        assert!(all.contains(&n), "{n} in all sources: {all:?}");
    }
    let md = std::fs::read_to_string(dir.path().join("comparison.md")).unwrap();
    assert!(md.contains("### Contradictions"));
    assert!(md.contains("coastal-daily: 240 jobs vs the-herald: 260 jobs, about 260 jobs"));
    assert!(md.contains("### Outlets that contradict themselves"));
    assert!(md.contains("the-herald: twenty → 20"));
    // The words behind a contradiction, per source.
    assert!(md.contains(
        "the-herald (the-herald/halvorsen-yard.html, sentence 3, 2025-03-11): about 260 jobs"
    ));
}

const MARCH: &str = "---\npublished: 2025-03-12\n---\nAcme Ferries will close its Brightwater \
    depot on June 30, Acme Ferries said on Tuesday. The depot employs 80 workers. Chief \
    executive Dana Whitlow said the depot had served the town for decades.\n";
const MARCH_OTHER: &str = "---\npublished: 2025-03-13\n---\nAcme Ferries is to close the \
    Brightwater depot on July 31. Dana Whitlow said 95 workers would lose their jobs.\n";
const MAY: &str = "---\npublished: 2025-05-20\n---\nAcme Ferries will open a new terminal in \
    Brightwater on June 2. Chief executive Dana Whitlow said 40 workers would be hired.\n";
const MAY_OTHER: &str = "---\npublished: 2025-05-21\n---\nAcme Ferries opens its Brightwater \
    terminal on June 2, Dana Whitlow said. The terminal will employ 40 workers.\n";

#[test]
fn unrelated_stories_about_one_company_are_not_compared() {
    let dir = run_on(&[
        ("in/alpha/depot.md", MARCH.as_bytes()),
        ("in/beta/depot.md", MARCH_OTHER.as_bytes()),
        ("in/alpha/terminal.md", MAY.as_bytes()),
        ("in/beta/terminal.md", MAY_OTHER.as_bytes()),
    ]);
    let stories = rows(dir.path(), "stories.csv");
    assert_eq!(stories.len(), 2, "{stories:?}");
    let articles = rows(dir.path(), "articles.csv");
    let story: HashMap<&str, &str> = articles
        .iter()
        .map(|r| (r["article_id"].as_str(), r["story"].as_str()))
        .collect();
    assert_eq!(story["alpha/depot.md"], story["beta/depot.md"]);
    assert_eq!(story["alpha/terminal.md"], story["beta/terminal.md"]);
    assert_ne!(story["alpha/depot.md"], story["alpha/terminal.md"]);
    // The depot story contradicts itself on the date; the terminal story agrees. No row mixes
    // the two stories' values.
    let claims = rows(dir.path(), "compare_claims.csv");
    let close = claims.iter().find(|r| r["event"] == "CLOSE").unwrap();
    assert_eq!(close["status"], "conflict");
    assert_eq!(close["story"], story["alpha/depot.md"]);
    let open = claims.iter().find(|r| r["event"] == "OPEN").unwrap();
    assert_eq!(open["status"], "agree", "{open:?}");
    for r in claims.iter().filter(|r| r["status"] == "conflict") {
        assert_eq!(r["story"], story["alpha/depot.md"], "{r:?}");
        assert!(!r["detail"].contains("2025-06-02"), "{r:?}");
    }
    // claims.csv carries each article's story.
    for r in rows(dir.path(), "claims.csv") {
        assert_eq!(r["story"], story[r["article_id"].as_str()]);
    }
}

#[test]
fn relative_dates_compare_by_their_resolved_value() {
    // Friday 14 March 2025: "on Thursday" is the 13th.
    let a = "---\npublished: 2025-03-14\n---\nA fire broke out at the Kessler Museum on \
             Thursday. Twelve firefighters fought the blaze, director Anna Holm said.\n";
    let b = "---\npublished: 2025-03-14\n---\nThe fire at the Kessler Museum broke out on \
             March 13, director Anna Holm said. Fourteen firefighters fought the blaze.\n";
    let dir = run_on(&[
        ("in/herald/a.md", a.as_bytes()),
        ("in/coastal/b.md", b.as_bytes()),
    ]);
    let claims = rows(dir.path(), "compare_claims.csv");
    let fire = claims
        .iter()
        .find(|r| r["event"] == "FIRE_BREAKOUT" && r["value_type"] == "date")
        .unwrap_or_else(|| panic!("{claims:?}"));
    assert_eq!(fire["status"], "agree", "{fire:?}");
    let sides: Vec<(&str, &str, &str)> = finding_rows(&claims, fire)
        .into_iter()
        .map(|r| (&*r["source"], &*r["value"], &*r["value_plain"]))
        .collect();
    assert_eq!(
        sides,
        [
            ("coastal", "2025-03-13", "Thursday 13 March 2025"),
            ("herald", "2025-03-13", "Thursday 13 March 2025")
        ]
    );
    let crews = claims
        .iter()
        .find(|r| r["unit"] == "firefighters")
        .unwrap_or_else(|| panic!("{claims:?}"));
    assert_eq!(crews["status"], "conflict");
    assert_eq!(
        crews["detail"],
        "coastal: 14 firefighters vs herald: 12 firefighters"
    );
}

#[test]
fn a_single_source_has_nothing_to_compare() {
    let dir = run_on(&[
        ("in/alpha/depot.md", MARCH.as_bytes()),
        ("in/alpha/other.md", MARCH_OTHER.as_bytes()),
    ]);
    assert_eq!(rows(dir.path(), "stories.csv").len(), 1);
    assert!(rows(dir.path(), "compare_claims.csv").is_empty());
    let md = std::fs::read_to_string(dir.path().join("out/comparison.md")).unwrap();
    assert!(md.contains("nothing to compare"));
}

#[test]
fn comparison_tables_have_the_documented_columns() {
    let dir = run_on(&[
        ("in/herald/a.md", MARCH.as_bytes()),
        ("in/coastal/b.md", MARCH_OTHER.as_bytes()),
    ]);
    let out = dir.path().join("out");
    assert_eq!(
        header(&out.join("stories.csv")).join(","),
        "story,articles,sources,first_published,last_published,top_entities"
    );
    // Long: one row per finding, source and value, whatever the sources are called.
    assert_eq!(
        header(&out.join("compare_names.csv")).join(","),
        "finding_id,story,entity,kind,key,status,sources,source,mentions,article_id,path,line,\
         sentence,start,end"
    );
    assert_eq!(
        header(&out.join("compare_quotes.csv")).join(","),
        "finding_id,story,quote_group,status,quote_speaker,text,sources,source,speaker,wording,\
         differences,quote_id,part,article_id,path,line,sentence,start,end,unquoted_in"
    );
    assert_eq!(
        header(&out.join("compare_claims.csv")).join(","),
        "finding_id,story,subject,subject_key,attribute,event,value_type,status,confidence,\
         because,sources,source,published,value,value_plain,unit,when,hedged,text,claim_id,\
         article_id,path,line,sentence,start,end,evidence,detail"
    );
    // Wide, on request: one column per source.
    run(dir.path(), &["in", "-o", "wide", "--quiet", "--wide"]);
    let out = dir.path().join("wide");
    assert_eq!(
        header(&out.join("compare_names.csv")).join(","),
        "story,entity,kind,key,sources,status,coastal,herald"
    );
    assert_eq!(
        header(&out.join("compare_quotes.csv")).join(","),
        "story,quote_group,speaker,sources,status,text,coastal,herald,speakers,differences,unquoted_in"
    );
    assert_eq!(
        header(&out.join("compare_claims.csv")).join(","),
        "story,subject,subject_key,attribute,event,value_type,unit,sources,status,confidence,because,coastal,herald,detail,evidence"
    );
}

#[test]
fn jsonl_output_fills_the_story_too() {
    let dir = tempfile::tempdir().unwrap();
    write_files(
        dir.path(),
        &[
            ("in/herald/a.md", MARCH.as_bytes()),
            ("in/coastal/b.md", MARCH_OTHER.as_bytes()),
        ],
    );
    run(
        dir.path(),
        &["in", "-o", "out", "--quiet", "--format", "jsonl"],
    );
    for t in ["articles.jsonl", "claims.jsonl"] {
        let text = std::fs::read_to_string(dir.path().join("out").join(t)).unwrap();
        assert!(!text.is_empty());
        for line in text.lines() {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            assert_eq!(v["story"], 1, "{t}: {line}");
        }
    }
    assert!(dir.path().join("out/compare_claims.jsonl").exists());
}

#[test]
fn one_speaker_named_two_ways_is_no_misattribution() {
    let dir = run_on(&[
        (
            "in/alpha/a.md",
            b"---\npublished: 2026-05-04\n---\nInterior Secretary Dirk Kempthorne defended the new \
              rule for the Serval Hills reserve on Monday.\n\n\"The rule lets us protect the \
              species that need it most,\" Kempthorne said.\n\nThe reserve was once called \
              \"a paradise for walkers and birds alike\" by its founders.",
        ),
        (
            "in/beta/b.md",
            b"---\npublished: 2026-05-04\n---\nDirk A. Kempthorne, the interior secretary, \
              announced the Serval Hills reserve rule on Monday.\n\n\"The rule lets us protect \
              the species that need it most,\" said Dirk A. Kempthorne.\n\nRangers said the \
              hills were \"a paradise for walkers and birds alike\" in spring.",
        ),
        (
            "in/gamma/c.md",
            b"---\npublished: 2026-05-04\n---\nThe Serval Hills reserve rule was announced on \
              Monday.\n\n\"The rule lets us protect the species that need it most,\" said \
              Marta Lindqvist, a ranger.",
        ),
    ]);
    let quotes = rows(dir.path(), "compare_quotes.csv");
    let status = |start: &str| {
        quotes
            .iter()
            .find(|r| r["text"].starts_with(start))
            .map(|r| r["status"].clone())
            .unwrap_or_else(|| panic!("no {start:?} row: {quotes:#?}"))
    };
    // Kempthorne and Dirk A. Kempthorne are one speaker; the ranger is another.
    assert_eq!(status("The rule lets us"), "misattributed");
    let row = quotes
        .iter()
        .find(|r| r["text"].starts_with("The rule lets us"))
        .unwrap();
    assert!(
        finding_rows(&quotes, row)
            .iter()
            .any(|r| r["source"] == "gamma" && r["speaker"] == "Marta Lindqvist"),
        "{quotes:#?}"
    );
    // A phrase quoted with no reporting verb is given to no one.
    assert_ne!(status("a paradise for walkers"), "misattributed");
    // Without the ranger's outlet, the two names of one man agree.
    let two = run_on(&[
        (
            "in/alpha/a.md",
            b"---\npublished: 2026-05-04\n---\nInterior Secretary Dirk Kempthorne spoke on \
              Monday.\n\n\"The rule lets us protect the species that need it most,\" \
              Kempthorne said.",
        ),
        (
            "in/beta/b.md",
            b"---\npublished: 2026-05-04\n---\nDirk A. Kempthorne spoke on Monday.\n\n\"The \
              rule lets us protect the species that need it most,\" said Dirk A. Kempthorne.",
        ),
    ]);
    let quotes = rows(two.path(), "compare_quotes.csv");
    let row = quotes
        .iter()
        .find(|r| r["text"].starts_with("The rule lets us"))
        .unwrap_or_else(|| panic!("{quotes:#?}"));
    assert_eq!(row["status"], "verbatim", "{row:?}");
    // A phrase of a few words is quoted by many: no one's to misattribute.
    let short = run_on(&[
        (
            "in/alpha/a.md",
            b"---\npublished: 2026-05-04\n---\nDirk Kempthorne said the rules were \
              \"midnight rules\" on Monday.",
        ),
        (
            "in/beta/b.md",
            b"---\npublished: 2026-05-04\n---\nMarta Lindqvist said the Kempthorne rules were \
              \"midnight rules\" on Monday.",
        ),
    ]);
    let quotes = rows(short.path(), "compare_quotes.csv");
    assert!(
        quotes.iter().all(|r| r["status"] != "misattributed"),
        "{quotes:#?}"
    );
}
