//! Which outlet an article is from, and how that was decided.
//!
//! In order of precedence:
//! 1. **explicit**: `--source NAME` for every input, or the first row of `--source-map FILE`
//!    (CSV `path_glob,source`) whose glob matches the file's path;
//! 2. **metadata**: front matter `source:`/`outlet:`, a JSON `source` key, HTML
//!    `og:site_name` or `<meta name="publisher">`;
//! 3. **the address's host**: front matter `url:`, a JSON `url`, an HTML canonical link or
//!    `og:url`, or an address alone on a text's first line, cut to its registrable domain
//!    with the public suffix list (`www.bbc.co.uk` → `bbc.co.uk`);
//! 4. the first folder below the input root, else the file name without its extension.

use std::path::Path;
use std::sync::Arc;

use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Serialize;

use crate::Error;

/// How an article's source was decided (the `source_from` column of `articles.csv`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum SourceFrom {
    /// `--source NAME` (named without its dashes: a cell opening with `-` is read as a
    /// formula by spreadsheets).
    #[serde(rename = "option")]
    Option,
    /// A row of `--source-map FILE`.
    #[serde(rename = "source map")]
    SourceMap,
    /// Front matter `source:` or `outlet:`.
    #[serde(rename = "front matter")]
    FrontMatter,
    /// A JSON `source` key.
    #[serde(rename = "JSON")]
    Json,
    /// HTML `og:site_name` or `<meta name="publisher">`.
    #[serde(rename = "HTML")]
    Html,
    /// The host of the article's address.
    #[serde(rename = "URL")]
    Url,
    /// The first folder below the input root.
    #[serde(rename = "folder")]
    Folder,
    /// The file name, without its extension.
    #[default]
    #[serde(rename = "file name")]
    FileName,
    /// Standard input, with no other clue.
    #[serde(rename = "stdin")]
    Stdin,
}

impl SourceFrom {
    /// The name written in `articles.csv` and in the run's summary.
    pub fn name(self) -> &'static str {
        match self {
            SourceFrom::Option => "option",
            SourceFrom::SourceMap => "source map",
            SourceFrom::FrontMatter => "front matter",
            SourceFrom::Json => "JSON",
            SourceFrom::Html => "HTML",
            SourceFrom::Url => "URL",
            SourceFrom::Folder => "folder",
            SourceFrom::FileName => "file name",
            SourceFrom::Stdin => "stdin",
        }
    }
}

/// The user's explicit choice of sources: `--source` or `--source-map`.
#[derive(Clone, Debug, Default)]
pub struct SourceRules {
    fixed: Option<Arc<str>>,
    map: Option<(GlobSet, Vec<Arc<str>>)>,
}

impl SourceRules {
    /// Every input is from `name`.
    pub fn fixed(name: &str) -> Result<SourceRules, Error> {
        let name = name.trim();
        if name.is_empty() {
            return Err(Error::Config("--source needs a name".into()));
        }
        Ok(SourceRules {
            fixed: Some(name.into()),
            map: None,
        })
    }

    /// Reads a source map: CSV rows `path_glob,source` (a header row `path_glob,source` is
    /// allowed). A file's source is that of the first row whose glob matches its path as
    /// walked, or its path below the input root.
    pub fn map_file(path: &Path) -> Result<SourceRules, Error> {
        let bad = |msg: String| Error::Config(format!("--source-map {}: {msg}", path.display()));
        let mut r = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .comment(Some(b'#'))
            .from_path(path)
            .map_err(|e| bad(e.to_string()))?;
        let mut set = GlobSetBuilder::new();
        let mut names = Vec::new();
        for (i, row) in r.records().enumerate() {
            let row = row.map_err(|e| bad(e.to_string()))?;
            let line = row.position().map_or(i + 1, |p| p.line() as usize);
            let (glob, name) = match (row.get(0), row.get(1)) {
                (Some(g), Some(n)) if row.len() == 2 => (g.trim(), n.trim()),
                _ => {
                    return Err(bad(format!(
                        "line {line}: want two columns, path_glob,source"
                    )));
                }
            };
            if i == 0 && glob == "path_glob" && name == "source" {
                continue;
            }
            if glob.is_empty() || name.is_empty() {
                return Err(bad(format!("line {line}: an empty glob or source")));
            }
            let g = Glob::new(glob).map_err(|e| bad(format!("line {line}: {e}")))?;
            set.add(g);
            names.push(Arc::from(name));
        }
        if names.is_empty() {
            return Err(bad("no rows (want path_glob,source)".into()));
        }
        let set = set.build().map_err(|e| bad(e.to_string()))?;
        Ok(SourceRules {
            fixed: None,
            map: Some((set, names)),
        })
    }

    /// The explicit source of a file: its path as walked and its path below the input root.
    pub fn explicit(&self, walked: &str, rel: &str) -> Option<(Arc<str>, SourceFrom)> {
        if let Some(name) = &self.fixed {
            return Some((name.clone(), SourceFrom::Option));
        }
        let (set, names) = self.map.as_ref()?;
        let walked = walked.strip_prefix("./").unwrap_or(walked);
        let mut hits = set.matches(walked);
        hits.extend(set.matches(rel));
        hits.into_iter()
            .min()
            .map(|i| (names[i].clone(), SourceFrom::SourceMap))
    }
}

/// The source an address names: its host cut to the registrable domain (`www.bbc.co.uk` →
/// `bbc.co.uk`, `news.example.com` → `example.com`), or the host itself when the public
/// suffix list knows no domain for it (an IP address, `localhost`).
pub fn host_source(url: &str) -> Option<String> {
    let u = url::Url::parse(url.trim()).ok()?;
    if !matches!(u.scheme(), "http" | "https") {
        return None;
    }
    let host = match u.host()? {
        // An address by number is its own source.
        url::Host::Ipv4(ip) => return Some(ip.to_string()),
        url::Host::Ipv6(ip) => return Some(ip.to_string()),
        url::Host::Domain(d) => d.trim_end_matches('.').to_ascii_lowercase(),
    };
    if host.is_empty() {
        return None;
    }
    let domain = psl::domain_str(&host).unwrap_or(&host);
    Some(domain.to_string())
}

/// An address alone on a line (`https://…` with no space), as web pages saved as text open.
pub fn url_line(line: &str) -> Option<&str> {
    let l = line.trim();
    let web = l.starts_with("http://") || l.starts_with("https://");
    (web && !l.contains(char::is_whitespace) && host_source(l).is_some()).then_some(l)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_are_cut_to_their_registrable_domain() {
        assert_eq!(
            host_source("https://www.bbc.co.uk/news/x").as_deref(),
            Some("bbc.co.uk")
        );
        assert_eq!(
            host_source("http://news.example.com/a?b=1").as_deref(),
            Some("example.com")
        );
        assert_eq!(
            host_source("https://WWW.Reuters.com./x").as_deref(),
            Some("reuters.com")
        );
        assert_eq!(
            host_source("http://127.0.0.1:8080/x").as_deref(),
            Some("127.0.0.1")
        );
        assert_eq!(
            host_source("http://localhost/x").as_deref(),
            Some("localhost")
        );
        assert_eq!(host_source("ftp://example.com/x"), None);
        assert_eq!(host_source("not a url"), None);
    }

    #[test]
    fn an_address_alone_on_a_line() {
        assert_eq!(
            url_line("  https://www.example.org/2010/05/a.html \n"),
            Some("https://www.example.org/2010/05/a.html")
        );
        assert_eq!(url_line("See https://example.org for more"), None);
        assert_eq!(url_line("Storm hits the coast"), None);
    }

    #[test]
    fn the_first_matching_row_of_a_map_wins() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("map.csv");
        std::fs::write(
            &p,
            "path_glob,source\n**/bbc/**,BBC\nin/sport/*.txt,Sport Desk\n**/*.txt,Other\n",
        )
        .unwrap();
        let r = SourceRules::map_file(&p).unwrap();
        let src = |w: &str, rel: &str| r.explicit(w, rel).map(|x| x.0.to_string());
        assert_eq!(
            src("in/bbc/tech/1.txt", "bbc/tech/1.txt").as_deref(),
            Some("BBC")
        );
        assert_eq!(
            src("./in/sport/2.txt", "sport/2.txt").as_deref(),
            Some("Sport Desk")
        );
        assert_eq!(src("in/misc/3.txt", "misc/3.txt").as_deref(), Some("Other"));
        assert_eq!(src("in/misc/3.html", "misc/3.html"), None);
        std::fs::write(&p, "a,b,c\n").unwrap();
        let e = SourceRules::map_file(&p).unwrap_err().to_string();
        assert!(e.contains("path_glob,source"), "{e}");
    }
}
