//! `comparison.md`: the page a fact-checker reads first — per compared story, its sources,
//! the contradictions, the quotations worded differently or presented as narration, and the
//! claims only one outlet makes. Long lists are cut, pointing to the table that has them all.

use std::fmt::Write as _;
use std::fs::File;
use std::io::{BufWriter, Write as _};
use std::path::{Path, PathBuf};

use super::view::{ClaimGroup, StoryReport};
use crate::Error;
use crate::extract::claims::MENTION;

/// Items shown per list before pointing to the table.
const LIST_MAX: usize = 12;

/// `comparison.md` being written, one story at a time.
pub(crate) struct ReportWriter {
    out: BufWriter<File>,
    tmp: PathBuf,
    path: PathBuf,
    stories: usize,
}

impl ReportWriter {
    /// Opens `comparison.md` in `dir` and writes its heading.
    pub(crate) fn create(dir: &Path) -> Result<ReportWriter, Error> {
        let path = dir.join("comparison.md");
        let tmp = dir.join(".comparison.md.partial");
        let f = File::create(&tmp).map_err(|e| Error::output(&tmp, e))?;
        let mut w = ReportWriter {
            out: BufWriter::new(f),
            tmp,
            path,
            stories: 0,
        };
        w.put(
            "# Comparison of sources\n\nEvery story covered by more than one source, with what \
             its sources contradict each other on, quote differently, or say alone, each with the \
             words behind it. Dates are TIMEX3 values with their plain reading; \
             `compare_claims.csv`, `compare_quotes.csv` and `compare_names.csv` have every \
             row.\n\n",
        )?;
        Ok(w)
    }

    fn put(&mut self, s: &str) -> Result<(), Error> {
        self.out
            .write_all(s.as_bytes())
            .map_err(|e| Error::output(&self.tmp, e))
    }

    /// Appends one story.
    pub(crate) fn story(&mut self, st: &StoryReport) -> Result<(), Error> {
        let mut s = String::new();
        render_story(&mut s, st);
        self.stories += 1;
        self.put(&s)
    }

    /// Closes the page and moves it into place.
    pub(crate) fn finish(mut self) -> Result<PathBuf, Error> {
        if self.stories == 0 {
            self.put(
                "No story was covered by more than one source: there is nothing to compare.\n",
            )?;
        }
        let f = self
            .out
            .into_inner()
            .map_err(|e| Error::output(&self.tmp, e.into_error()))?;
        drop(f);
        std::fs::rename(&self.tmp, &self.path).map_err(|e| Error::output(&self.path, e))?;
        Ok(self.path)
    }
}

fn render_story(s: &mut String, st: &StoryReport) {
    let _ = writeln!(s, "## Story {}: {}\n", st.number, st.top.join(", "));
    let sources: Vec<String> = st
        .sources
        .iter()
        .map(|(name, n)| format!("{name} ({n} article{})", if *n == 1 { "" } else { "s" }))
        .collect();
    let _ = write!(s, "Sources: {}", sources.join(", "));
    match (st.first, st.last) {
        (Some(a), Some(b)) if a == b => {
            let _ = write!(s, "; published {a}");
        }
        (Some(a), Some(b)) => {
            let _ = write!(s, "; published {a} to {b}");
        }
        _ => {}
    }
    s.push_str(".\n\n");
    for (src, title) in &st.titles {
        if !title.is_empty() {
            let _ = writeln!(s, "- *{src}*: {title}");
        }
    }
    s.push('\n');

    let with_status = |status: &str| -> Vec<String> {
        st.claims
            .iter()
            .filter(|c| c.status == status && c.attribute != MENTION)
            .map(|c| {
                format!(
                    "{}{}: {}{}",
                    claim_label(c),
                    alignment(c),
                    c.detail,
                    evidence(c, 8)
                )
            })
            .collect()
    };
    list(
        s,
        "Contradictions",
        &with_status("conflict"),
        "compare_claims.csv",
    );
    list(
        s,
        "Differences that may both be true (in time, or as two descriptions)",
        &with_status("differ"),
        "compare_claims.csv",
    );
    list(
        s,
        "Outlets that contradict themselves",
        &with_status("self-conflict"),
        "compare_claims.csv",
    );

    let misattributed: Vec<String> = st
        .quotes
        .iter()
        .filter(|q| q.status == "misattributed")
        .map(|q| {
            let by: Vec<String> = q
                .speakers
                .iter()
                .map(|(src, sp)| format!("{src}: {}", sp.join(", ")))
                .collect();
            format!("“{}” — {}", q.text, by.join("; "))
        })
        .collect();
    list(
        s,
        "Quotations attributed to different speakers",
        &misattributed,
        "compare_quotes.csv",
    );

    let variants: Vec<String> = st
        .quotes
        .iter()
        .filter(|q| {
            q.status == "variant" || q.status == "misattributed" && !q.differences.is_empty()
        })
        .map(|q| {
            let by: Vec<String> = q
                .wording
                .iter()
                .map(|(src, w)| format!("{src}: “{}”", w.join("” / “")))
                .collect();
            format!(
                "{}{} — {}",
                speaker(&q.speaker),
                by.join("; "),
                q.differences
            )
        })
        .collect();
    list(
        s,
        "Quotations worded differently",
        &variants,
        "compare_quotes.csv",
    );

    let narrated: Vec<String> = st
        .quotes
        .iter()
        .filter(|q| !q.unquoted_in.is_empty())
        .map(|q| {
            format!(
                "{}“{}” — quoted by {}; in the narration of {}",
                speaker(&q.speaker),
                q.text,
                q.wording.keys().cloned().collect::<Vec<_>>().join(", "),
                q.unquoted_in.join(", ")
            )
        })
        .collect();
    list(
        s,
        "Quoted words that another source gives as narration",
        &narrated,
        "compare_quotes.csv",
    );

    let single: Vec<String> = st
        .claims
        .iter()
        .filter(|c| c.status == "one" && c.attribute != MENTION)
        .map(|c| {
            let (src, v) = c
                .values
                .iter()
                .next()
                .map_or((String::new(), String::new()), |(s, v)| {
                    (s.clone(), v.join(", "))
                });
            format!("*{src}*: {} = {v}{}", claim_label(c), evidence(c, 1))
        })
        .collect();
    list(
        s,
        "Claims only one source makes",
        &single,
        "compare_claims.csv",
    );

    let agree: Vec<String> = st
        .claims
        .iter()
        .filter(|c| c.status == "agree" && c.attribute != MENTION)
        .map(|c| {
            let by: Vec<String> = c
                .values
                .iter()
                .map(|(src, v)| format!("{src}: {}", v.join(", ")))
                .collect();
            format!("{}: {}{}", claim_label(c), by.join("; "), evidence(c, 3))
        })
        .collect();
    list(s, "Agreements", &agree, "compare_claims.csv");

    let verbatim = st.quotes.iter().filter(|q| q.status == "verbatim").count();
    let all_names = st
        .names
        .iter()
        .filter(|n| n.mentions.len() == st.sources.len())
        .count();
    let _ = writeln!(
        s,
        "{verbatim} quotation{} quoted word for word by several sources; {all_names} name{} in \
         every source.\n",
        if verbatim == 1 { "" } else { "s" },
        if all_names == 1 { "" } else { "s" },
    );
}

/// `**Halvorsen Marine** · when (CLOSE)`, `**Alan Pryce** · prison term`.
fn claim_label(c: &ClaimGroup) -> String {
    let subject = if c.subject.is_empty() {
        "(no subject)".to_string()
    } else {
        format!("**{}**", c.subject)
    };
    let event = if c.event.is_empty() {
        String::new()
    } else {
        format!(" ({})", c.event)
    };
    format!("{subject} · {}{event}", c.attribute)
}

/// How well a row's facts align and the words they share: ` (aligned 0.78 by “deal, ellery
/// dairy”)`; empty for a row of one source.
fn alignment(c: &ClaimGroup) -> String {
    match c.confidence {
        Some(x) if c.because.is_empty() => format!(" (aligned {x:.2})"),
        Some(x) => format!(" (aligned {x:.2} by “{}”)", c.because),
        None => String::new(),
    }
}

/// The words behind a row, a nested line per source and value (at most `max`).
fn evidence(c: &ClaimGroup, max: usize) -> String {
    let mut s = String::new();
    for e in c.evidence.iter().take(max) {
        let _ = write!(
            s,
            "\n  - {} ({}, sentence {}{}): {} — “{}”",
            e.source,
            e.place.article,
            e.place.locus.sentence,
            e.published.map(|d| format!(", {d}")).unwrap_or_default(),
            e.shown,
            e.sentence
        );
    }
    if c.evidence.len() > max {
        let _ = write!(
            s,
            "\n  - … {} more in `compare_claims.csv`",
            c.evidence.len() - max
        );
    }
    s
}

fn speaker(s: &str) -> String {
    if s.is_empty() {
        String::new()
    } else {
        format!("{s}: ")
    }
}

fn list(s: &mut String, title: &str, items: &[String], table: &str) {
    let _ = writeln!(s, "### {title}\n");
    if items.is_empty() {
        s.push_str("None found.\n\n");
        return;
    }
    for i in items.iter().take(LIST_MAX) {
        let _ = writeln!(s, "- {i}");
    }
    if items.len() > LIST_MAX {
        let _ = writeln!(s, "- … and {} more in `{table}`", items.len() - LIST_MAX);
    }
    s.push('\n');
}
