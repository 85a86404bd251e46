//! Plain text and Markdown: optional front matter, then the body; a short first line without
//! final punctuation is the title (and stays part of the text).

use super::{Article, Meta, Origin, SourceFrom, build_article};

/// Reads a `.txt`/`.md` file's decoded text into an article.
pub(crate) fn read(text: String, origin: &Origin) -> Article {
    let mut meta = Meta {
        from: SourceFrom::FrontMatter,
        ..Meta::default()
    };
    // The body is the file's end as read: its offsets index the file from there.
    let mut offset = 0;
    let body = match split_front_matter(&text) {
        Some((front, body_start)) => {
            for line in front.lines() {
                if let Some((k, v)) = line.split_once(':') {
                    meta.set(
                        &k.trim().to_ascii_lowercase(),
                        unquote(v.trim()).to_string(),
                    );
                }
            }
            offset = text[..body_start].chars().count();
            text[body_start..].to_string()
        }
        None => text,
    };
    // A page saved as text often opens with its address alone on a line.
    let first = body.lines().find(|l| !l.trim().is_empty());
    let address = first.and_then(super::source::url_line);
    if meta.url.is_none() {
        meta.url = address.map(str::to_string);
    }
    if meta.title.is_none() {
        let headline = match address {
            // The headline is the line after the address.
            Some(_) => {
                let rest = body.trim_start();
                let after = rest.find('\n').map_or("", |i| &rest[i + 1..]);
                title_line(after)
            }
            None => title_line(&body),
        };
        meta.title = headline.map(str::to_string);
    }
    if meta.published.is_none() {
        meta.published = byline_date(&body).map(str::to_string);
    }
    let mut a = build_article(meta, body, origin, None);
    a.text_offset = Some(offset);
    a
}

/// A publication date on a byline or date line among the first lines: "By Lena Marsh, Valley
/// Herald, 14 March 2026", "Published: March 14, 2025", "Friday 14 March 2025 | 09:30". The
/// date is a part of the line between commas, bars or dashes, or two such parts
/// ("March 14, 2025"); lines longer than a byline are story, not metadata.
fn byline_date(body: &str) -> Option<&str> {
    for line in body
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(4)
    {
        if line.chars().count() > 120 {
            continue;
        }
        let line = line
            .split_once(':')
            .filter(|(k, _)| {
                matches!(
                    k.trim().to_ascii_lowercase().as_str(),
                    "published" | "date" | "posted" | "updated" | "first published"
                )
            })
            .map_or(line, |(_, v)| v);
        // Where each part starts and ends: between separators.
        let seps: Vec<(usize, usize)> = line
            .match_indices([',', '|', '\u{2014}', '\u{2013}'])
            .map(|(i, m)| (i, i + m.len()))
            .collect();
        let starts = std::iter::once(0).chain(seps.iter().map(|s| s.1));
        for (k, from) in starts.enumerate() {
            // One part, or two ("March 14" + "2025").
            for span in 0..2 {
                let to = seps.get(k + span).map_or(line.len(), |s| s.0);
                let part = line[from..to].trim().trim_end_matches('.');
                if !part.is_empty() && super::parse_published(part).is_some() {
                    return Some(part);
                }
                if k + span >= seps.len() {
                    break;
                }
            }
        }
    }
    None
}

/// `Some((front matter, offset where the body starts))` when the text opens with `---`.
fn split_front_matter(text: &str) -> Option<(&str, usize)> {
    let rest = text.strip_prefix("---\n")?;
    let mut pos = 4;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            let front = &text[4..pos];
            return Some((front, pos + line.len()));
        }
        pos += line.len();
    }
    None
}

fn unquote(v: &str) -> &str {
    for q in ['"', '\''] {
        if let Some(inner) = v.strip_prefix(q).and_then(|s| s.strip_suffix(q)) {
            return inner;
        }
    }
    v
}

/// The first non-empty line when it looks like a headline: short, no final punctuation.
fn title_line(body: &str) -> Option<&str> {
    let line = body.lines().find(|l| !l.trim().is_empty())?.trim();
    let line = line.trim_start_matches('#').trim();
    let last = line.chars().last()?;
    let short = line.chars().count() <= 150;
    (short && !".,;:!?".contains(last) && !line.is_empty()).then_some(line)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn origin() -> Origin {
        Origin::new(Path::new("in/herald/a.txt"), Path::new("in"))
    }

    #[test]
    fn front_matter() {
        let a = read(
            "---\nid: h-1\ntitle: \"Fire at museum\"\nsource: Herald\npublished: May 5, 2025\nauthor: A. Writer\n---\nBody text.\n".into(),
            &origin(),
        );
        assert_eq!(a.id, "h-1");
        assert_eq!(a.title, "Fire at museum");
        assert_eq!(a.source, "Herald");
        assert_eq!(a.author, "A. Writer");
        assert_eq!(a.published.unwrap().iso, "2025-05-05");
        assert_eq!(a.text, "Body text.\n");
    }

    #[test]
    fn headline_first_line() {
        let a = read(
            "Council Votes to Close Library\n\nThe council voted.".into(),
            &origin(),
        );
        assert_eq!(a.title, "Council Votes to Close Library");
        assert!(a.text.starts_with("Council Votes"));
        assert_eq!(a.id, "herald/a.txt");
        assert_eq!(a.source, "herald");
        let a = read("The council voted on Monday.\nMore.".into(), &origin());
        assert_eq!(a.title, "");
    }

    #[test]
    fn a_byline_or_date_line_gives_the_publication_date() {
        let published = |text: &str| {
            read(text.into(), &origin())
                .published
                .map(|p| p.iso)
                .unwrap_or_default()
        };
        for (text, iso) in [
            (
                "Bridge falls\n\nBy Lena Marsh, Valley Herald, 14 March 2026\n\nFour died.",
                "2026-03-14",
            ),
            (
                "Bridge falls\nPublished: March 14, 2025\nFour died.",
                "2025-03-14",
            ),
            (
                "Bridge falls\nFriday 14 March 2025 | 09:30 \u{2014} Staff\nFour died.",
                "2025-03-14",
            ),
            // A date inside the story's own sentences is no publication date.
            ("Bridge falls\nThe vote on March 14, 2025 was close.\n", ""),
            (
                "Bridge falls\n\nOne.\n\nTwo.\n\nThree.\n\n14 March 2026\n",
                "",
            ),
        ] {
            assert_eq!(published(text), iso, "{text:?}");
        }
        // Front matter wins over a byline.
        let text = "---\npublished: 2024-01-02\n---\nBy A. Writer, 14 March 2026\nText.";
        assert_eq!(published(text), "2024-01-02");
    }

    #[test]
    fn unterminated_front_matter_is_text() {
        let a = read("---\nnot front matter".into(), &origin());
        assert_eq!(a.text, "---\nnot front matter");
    }
}
