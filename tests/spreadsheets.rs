//! Spreadsheet output: `--excel` CSV (byte-order mark, CRLF) and `--format xlsx` (one
//! workbook), read back as a spreadsheet program would, with hostile cells in them.

use std::path::Path;

use calamine::{Data, Reader, Xlsx, open_workbook};

use crate::util::*;

/// Two outlets on one story; one of them hostile in every metadata field and in its text.
fn hostile_corpus(dir: &Path) {
    let hostile = "---\ntitle: =HYPERLINK(\"http://x\",\"click\")\nauthor: +cmd\n\
                   published: 2025-03-14\nurl: @SUM(1)\n---\n\
                   -Kestrel Plastics will close its plant in June, said “Anaïs Duval”. \
                   Its chief executive, Mara Lindqvist, 52, said: “=cmd|' /C calc'!A0 is no plan.”\n";
    write_files(
        dir,
        &[
            ("in/=evil/a.md", hostile.as_bytes()),
            (
                "in/beta/b.md",
                "---\npublished: 2025-03-14\n---\nKestrel Plastics will close its plant in \
                 July. Its chief executive, Mara Lindqvist, 57, said the café would stay.\n"
                    .as_bytes(),
            ),
        ],
    );
}

#[test]
fn excel_csv_has_a_byte_order_mark_and_crlf_line_ends() {
    let dir = tempfile::tempdir().unwrap();
    hostile_corpus(dir.path());
    let out = run_in(dir.path(), &["in", "-o", "xl", "-q", "--excel"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut csvs = 0;
    for e in std::fs::read_dir(dir.path().join("xl")).unwrap() {
        let path = e.unwrap().path();
        if path.extension().is_none_or(|x| x != "csv") {
            continue;
        }
        csvs += 1;
        let bytes = std::fs::read(&path).unwrap();
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "{}", path.display());
        let text = std::str::from_utf8(&bytes[3..]).unwrap();
        assert!(
            !text.starts_with('\u{feff}'),
            "one mark only: {}",
            path.display()
        );
        let lf = text.matches('\n').count();
        let crlf = text.matches("\r\n").count();
        // Every row ends with CRLF (a newline inside a quoted cell would be a bare LF).
        assert!(
            crlf >= 1 && crlf == lf,
            "{}: {crlf} CRLF of {lf}",
            path.display()
        );
        // The first column's name is read without the mark.
        let mut r = csv::Reader::from_reader(&bytes[3..]);
        let first = r.headers().unwrap().get(0).unwrap().to_string();
        assert!(
            first.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'),
            "{first:?}"
        );
        for rec in r.records() {
            for cell in rec.unwrap().iter() {
                let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
                assert!(
                    !risky || cell.parse::<f64>().is_ok(),
                    "{}: {cell:?}",
                    path.display()
                );
            }
        }
    }
    assert!(csvs >= 10, "{csvs} tables");
    let articles = std::fs::read(dir.path().join("xl/articles.csv")).unwrap();
    let mut r = csv::Reader::from_reader(&articles[3..]);
    let title = r
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "title")
        .unwrap();
    let titles: Vec<String> = r.records().map(|r| r.unwrap()[title].to_string()).collect();
    assert!(
        titles.contains(&"'=HYPERLINK(\"http://x\",\"click\")".to_string()),
        "{titles:?}"
    );
    let quotes =
        String::from_utf8(std::fs::read(dir.path().join("xl/quotes.csv")).unwrap()).unwrap();
    assert!(
        quotes.contains("Anaïs Duval"),
        "accents and curly quotes survive: {quotes}"
    );
    // --excel is CSV: it does not go with another format or with raw cells.
    for bad in [
        &["--excel", "--format", "jsonl"][..],
        &["--excel", "--raw-cells"],
    ] {
        let mut args = vec!["in", "-o", "bad"];
        args.extend_from_slice(bad);
        assert_eq!(run_in(dir.path(), &args).status.code(), Some(2), "{bad:?}");
    }
    assert!(!dir.path().join("bad").exists());
}

#[test]
fn xlsx_is_one_workbook_with_typed_safe_cells() {
    let dir = tempfile::tempdir().unwrap();
    hostile_corpus(dir.path());
    let out = run_in(dir.path(), &["in", "-o", "book", "-q", "--format", "xlsx"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut files: Vec<String> = std::fs::read_dir(dir.path().join("book"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    files.sort();
    assert_eq!(files, ["comparison.md", "manifest.json", "newsrake.xlsx"]);
    let book = dir.path().join("book/newsrake.xlsx");
    let mut wb: Xlsx<_> = open_workbook(&book).unwrap();
    let names = wb.sheet_names();
    for want in [
        "articles",
        "dates",
        "names",
        "quotes",
        "claims",
        "errors",
        "stories",
        "compare_claims",
    ] {
        assert!(names.iter().any(|n| n == want), "{want} in {names:?}");
    }
    assert_eq!(names[0], "articles");
    let articles = wb.worksheet_range("articles").unwrap();
    let col = |r: &calamine::Range<Data>, name: &str| {
        (0..r.width())
            .find(|&c| r.get((0, c)) == Some(&Data::String(name.into())))
            .unwrap_or_else(|| panic!("no column {name}"))
    };
    let (title, published, chars, source) = (
        col(&articles, "title"),
        col(&articles, "published"),
        col(&articles, "chars"),
        col(&articles, "source"),
    );
    let evil = (1..articles.height())
        .find(|&r| articles.get((r, source)) == Some(&Data::String("'=evil".into())))
        .expect("the hostile source is neutralised");
    assert_eq!(
        articles.get((evil, title)),
        Some(&Data::String("'=HYPERLINK(\"http://x\",\"click\")".into()))
    );
    assert!(matches!(
        articles.get((evil, published)),
        Some(Data::DateTime(_))
    ));
    assert!(matches!(articles.get((evil, chars)), Some(Data::Float(n)) if *n > 50.0));
    // The comparison's source cells name sources: neutralised too.
    let compared = wb.worksheet_range("compare_claims").unwrap();
    let sources: Vec<String> = (1..compared.height())
        .map(|r| {
            compared
                .get((r, col(&compared, "source")))
                .map(|d| d.to_string())
                .unwrap_or_default()
        })
        .collect();
    assert!(sources.contains(&"'=evil".to_string()), "{sources:?}");
    // Counts are numbers.
    let entities = wb.worksheet_range("compare_names").unwrap();
    let mentions = col(&entities, "mentions");
    assert!(entities.height() > 1);
    assert!(
        (1..entities.height()).all(|r| matches!(entities.get((r, mentions)), Some(Data::Float(_))))
    );
    let statuses: Vec<String> = (1..compared.height())
        .map(|r| {
            compared
                .get((r, col(&compared, "status")))
                .unwrap()
                .to_string()
        })
        .collect();
    assert!(statuses.iter().any(|s| s == "conflict"), "{statuses:?}");
    // The manifest lists the workbook and every sheet with its rows.
    let m: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("book/manifest.json")).unwrap())
            .unwrap();
    assert_eq!(m["tables"][0]["file"], "newsrake.xlsx");
    let sheets = m["sheets"].as_array().unwrap();
    assert_eq!(sheets.len(), names.len());
    assert_eq!(sheets[0]["rows"], 2);
    // A later CSV run removes the workbook: a folder never mixes two runs.
    assert_eq!(
        run_in(dir.path(), &["in", "-o", "book", "-q"])
            .status
            .code(),
        Some(0)
    );
    assert!(!book.exists());
}

#[test]
fn libreoffice_opens_the_workbook() {
    let Some(soffice) = ["soffice", "libreoffice"].into_iter().find(|p| {
        std::process::Command::new(p)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    }) else {
        eprintln!("skipped: LibreOffice (soffice) is not installed");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    hostile_corpus(dir.path());
    let out = run_in(dir.path(), &["in", "-o", "book", "-q", "--format", "xlsx"]);
    assert_eq!(out.status.code(), Some(0));
    let profile = dir.path().join("profile");
    let conv = std::process::Command::new(soffice)
        .current_dir(dir.path())
        .args([
            &format!("-env:UserInstallation=file://{}", profile.display()),
            "--headless",
            "--convert-to",
            "csv",
            "--outdir",
            "converted",
            "book/newsrake.xlsx",
        ])
        .output()
        .unwrap();
    assert!(
        conv.status.success(),
        "{}",
        String::from_utf8_lossy(&conv.stderr)
    );
    // The first sheet, as LibreOffice reads it: the articles, titles still neutralised.
    let csv = std::fs::read_to_string(dir.path().join("converted/newsrake.csv")).unwrap();
    assert!(
        csv.starts_with("article_id,source,source_from,path,line,text_offset,title"),
        "{csv}"
    );
    assert!(csv.contains("'=HYPERLINK"), "{csv}");
    assert!(
        csv.contains("2025-03-14"),
        "the date cell reads as a date: {csv}"
    );
}
