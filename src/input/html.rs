//! HTML articles, parsed with `scraper` (html5ever): the main text with its paragraph
//! structure, without scripts, styles, navigation, footers and page furniture; metadata from
//! Open Graph, `article:published_time`, JSON-LD and `<time datetime>`.

use std::sync::LazyLock;

use ego_tree::NodeRef;
use ego_tree::iter::Edge;
use scraper::{ElementRef, Html, Node, Selector};
use serde_json::Value;

use super::{Article, Meta, Origin, Problem, ProblemKind, Read, SourceFrom, build_article};

/// Elements whose content is never article text.
const SKIP: [&str; 16] = [
    "script", "style", "noscript", "nav", "footer", "aside", "form", "iframe", "svg", "template",
    "button", "select", "object", "embed", "canvas", "dialog",
];

/// Elements that end a paragraph.
const BLOCK: [&str; 24] = [
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "blockquote",
    "pre",
    "figcaption",
    "figure",
    "table",
    "tr",
    "dd",
    "dt",
    "hr",
];

/// Class or id fragments that mark page furniture rather than the article.
const FURNITURE: [&str; 12] = [
    "nav",
    "footer",
    "share",
    "social",
    "related",
    "comment",
    "advert",
    "cookie",
    "newsletter",
    "subscribe",
    "promo",
    "breadcrumb",
];

struct Selectors {
    containers: Vec<Selector>,
    og_title: Selector,
    title: Selector,
    published: Selector,
    json_ld: Selector,
    time: Selector,
    site: Selector,
    publisher: Selector,
    url: Selector,
    canonical: Selector,
    author: Selector,
}

// Fixed, tested CSS selectors: parsing them cannot fail on any input.
static SEL: LazyLock<Selectors> = LazyLock::new(|| {
    let s = |css: &str| Selector::parse(css).expect("valid built-in selector");
    Selectors {
        containers: vec![s("article"), s("main"), s("[role=main]"), s("body")],
        og_title: s(r#"meta[property="og:title"]"#),
        title: s("title"),
        published: s(
            r#"meta[property="article:published_time"], meta[name="article:published_time"], meta[itemprop="datePublished"]"#,
        ),
        json_ld: s(r#"script[type="application/ld+json"]"#),
        time: s("time[datetime]"),
        site: s(r#"meta[property="og:site_name"]"#),
        publisher: s(r#"meta[name="publisher"], meta[property="article:publisher"]"#),
        url: s(r#"meta[property="og:url"]"#),
        canonical: s(r#"link[rel="canonical"]"#),
        author: s(r#"meta[name="author"]"#),
    }
});

/// The deepest nesting of elements read. Browsers stop nesting at about this depth too (Blink
/// at 512); html5ever has no limit, and checks each start tag against the elements open above
/// it, so nesting a million deep would take quadratic time. Deeper documents are reported,
/// not read.
pub const MAX_DEPTH: usize = 1024;

/// Elements that close themselves or may be left open in valid HTML (`<p>` before the next
/// `<p>`, `<li>`, table cells): they do not count towards the nesting depth.
const NOT_NESTING: [&str; 32] = [
    "area", "base", "body", "br", "caption", "col", "colgroup", "dd", "dt", "embed", "head", "hr",
    "html", "img", "input", "li", "link", "meta", "optgroup", "option", "p", "param", "rb", "rp",
    "rt", "source", "tbody", "td", "tfoot", "th", "thead", "tr",
];

/// An upper estimate of how deep the elements of `html` nest, read in one pass over its tags
/// without parsing: start tags open, end tags close, comments, void and optional-end elements
/// and self-closing tags are passed over. Stops counting at `limit + 1`.
pub fn nesting_depth(html: &str, limit: usize) -> usize {
    let b = html.as_bytes();
    let (mut depth, mut max) = (0usize, 0usize);
    let mut i = 0;
    while let Some(off) = memchr::memchr(b'<', &b[i..]) {
        let at = i + off;
        i = at + 1;
        if b[i..].starts_with(b"!--") {
            i = memchr::memmem::find(&b[i..], b"-->").map_or(b.len(), |e| i + e + 3);
            continue;
        }
        let close = b.get(i) == Some(&b'/');
        let name_at = i + usize::from(close);
        let len = b[name_at..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric())
            .count();
        if len == 0 || !b[name_at].is_ascii_alphabetic() {
            continue;
        }
        let name = &html[name_at..name_at + len];
        let end = memchr::memchr(b'>', &b[name_at..]).map_or(b.len(), |e| name_at + e);
        let self_closing = end > 0 && b.get(end - 1) == Some(&b'/');
        i = end.min(b.len());
        if self_closing || NOT_NESTING.iter().any(|n| n.eq_ignore_ascii_case(name)) {
            continue;
        }
        if close {
            depth = depth.saturating_sub(1);
        } else {
            depth += 1;
            max = max.max(depth);
            if max > limit {
                return max;
            }
        }
        // Script and style bodies are text, whatever they hold.
        let body_end: Option<&[u8]> = if close {
            None
        } else if name.eq_ignore_ascii_case("script") {
            Some(b"</script")
        } else if name.eq_ignore_ascii_case("style") {
            Some(b"</style")
        } else {
            None
        };
        if let Some(closing) = body_end {
            i = find_ascii_ci(&b[i..], closing).map_or(b.len(), |e| i + e);
        }
    }
    max
}

/// The most attributes one element has that newsrake reads. html5ever checks each attribute
/// of a tag against those before it (duplicates are dropped), so an element with a million
/// attributes would take quadratic time; real pages give a few dozen at most.
pub const MAX_ATTRIBUTES: usize = 1024;

/// The most attributes of any start tag of `html`, counted in one pass without parsing
/// (white-space separated words of the tag, quoted values skipped). Stops at `limit + 1`.
pub fn most_attributes(html: &str, limit: usize) -> usize {
    let b = html.as_bytes();
    let mut most = 0;
    let mut i = 0;
    while let Some(off) = memchr::memchr(b'<', &b[i..]) {
        i += off + 1;
        if !b.get(i).is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        let (mut count, mut space, mut quote) = (0usize, false, None);
        while i < b.len() {
            let c = b[i];
            i += 1;
            match quote {
                Some(q) if c == q => quote = None,
                Some(_) => {}
                None if c == b'"' || c == b'\'' => quote = Some(c),
                None if c == b'>' => break,
                None if c.is_ascii_whitespace() => space = true,
                None => {
                    if space {
                        count += 1;
                        if count > limit {
                            return count;
                        }
                    }
                    space = false;
                }
            }
        }
        most = most.max(count);
    }
    most
}

/// The first place `needle` (lower-case ASCII) occurs in `hay`, ignoring ASCII case.
fn find_ascii_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let first = needle[0];
    let mut i = 0;
    while let Some(off) = memchr::memchr2(first, first.to_ascii_uppercase(), &hay[i..]) {
        let at = i + off;
        if hay.len() - at >= needle.len() && hay[at..at + needle.len()].eq_ignore_ascii_case(needle)
        {
            return Some(at);
        }
        i = at + 1;
    }
    None
}

/// Reads an HTML document into an article, or reports it when it nests deeper than
/// [`MAX_DEPTH`] or an element has more than [`MAX_ATTRIBUTES`] attributes.
pub(crate) fn read(html: &str, origin: &Origin, out: &mut Read) {
    let refused = if nesting_depth(html, MAX_DEPTH) > MAX_DEPTH {
        Some(format!(
            "HTML elements nest more than {MAX_DEPTH} deep; not read"
        ))
    } else if most_attributes(html, MAX_ATTRIBUTES) > MAX_ATTRIBUTES {
        Some(format!(
            "an HTML element has more than {MAX_ATTRIBUTES} attributes; not read"
        ))
    } else {
        None
    };
    if let Some(why) = refused {
        out.problems
            .push(Problem::new(&*origin.path, None, ProblemKind::TooDeep, why));
        return;
    }
    out.articles.push(article(html, origin));
}

/// Parses an HTML document into an article.
fn article(html: &str, origin: &Origin) -> Article {
    let doc = Html::parse_document(html);
    let sel = &*SEL;
    let attr = |s: &Selector, a: &str| {
        doc.select(s)
            .find_map(|e| e.value().attr(a).map(str::to_string))
    };
    let ld = json_ld(&doc, &sel.json_ld);
    let meta = Meta {
        title: attr(&sel.og_title, "content").or_else(|| {
            doc.select(&sel.title)
                .next()
                .map(|t| collapse(&t.text().collect::<String>()))
        }),
        published: attr(&sel.published, "content")
            .or_else(|| ld.as_ref().and_then(|v| find_key(v, "datePublished")))
            .or_else(|| attr(&sel.time, "datetime")),
        source: attr(&sel.site, "content")
            .or_else(|| attr(&sel.publisher, "content"))
            // "article:publisher" is often the outlet's page address, not its name.
            .filter(|s| !s.starts_with("http")),
        url: attr(&sel.url, "content").or_else(|| attr(&sel.canonical, "href")),
        author: attr(&sel.author, "content").or_else(|| {
            ld.as_ref()
                .and_then(|v| find_key(v, "author"))
                .filter(|a| !a.is_empty())
        }),
        id: None,
        from: SourceFrom::Html,
    };
    let container = sel
        .containers
        .iter()
        .find_map(|s| doc.select(s).next())
        .unwrap_or_else(|| doc.root_element());
    let mut text = Text::default();
    walk(*container, &mut text);
    text.end_block();
    build_article(meta, text.out, origin, None)
}

/// Accumulates paragraphs, one blank line between them, inline white space collapsed.
#[derive(Default)]
struct Text {
    out: String,
    para: String,
}

impl Text {
    fn push(&mut self, s: &str) {
        for (i, w) in s.split(char::is_whitespace).enumerate() {
            if i > 0 && !self.para.is_empty() && !self.para.ends_with(' ') {
                self.para.push(' ');
            }
            self.para.push_str(w);
        }
    }

    fn end_block(&mut self) {
        let p = self.para.trim();
        if !p.is_empty() {
            if !self.out.is_empty() {
                self.out.push_str("\n\n");
            }
            self.out.push_str(p);
        }
        self.para.clear();
    }
}

/// The text under `root`, in document order, without recursion: a traversal of open and close
/// edges, with skipped subtrees passed over until their close.
fn walk(root: NodeRef<'_, Node>, text: &mut Text) {
    let mut skipping: Option<ego_tree::NodeId> = None;
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) if node.id() != root.id() => {
                if skipping.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Text(t) => text.push(t),
                    Node::Element(e) => {
                        let name = e.name();
                        if SKIP.contains(&name) || is_furniture(e) {
                            skipping = Some(node.id());
                        } else if name == "br" || BLOCK.contains(&name) {
                            text.end_block();
                        }
                    }
                    _ => {}
                }
            }
            Edge::Close(node) if node.id() != root.id() => {
                if skipping == Some(node.id()) {
                    skipping = None;
                    continue;
                }
                if skipping.is_none()
                    && let Node::Element(e) = node.value()
                    && BLOCK.contains(&e.name())
                {
                    text.end_block();
                }
            }
            _ => {}
        }
    }
}

fn is_furniture(e: &scraper::node::Element) -> bool {
    if e.attr("hidden").is_some() || e.attr("aria-hidden") == Some("true") {
        return true;
    }
    let role = e.attr("role").unwrap_or("");
    if matches!(
        role,
        "navigation" | "banner" | "contentinfo" | "complementary"
    ) {
        return true;
    }
    [e.attr("class"), e.attr("id")]
        .into_iter()
        .flatten()
        .any(|v| {
            let v = v.to_ascii_lowercase();
            v.split(|c: char| !c.is_ascii_alphanumeric())
                .any(|w| FURNITURE.iter().any(|f| w == *f || w.starts_with(f)))
        })
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn json_ld(doc: &Html, sel: &Selector) -> Option<Value> {
    let items: Vec<Value> = doc
        .select(sel)
        .filter_map(|e: ElementRef<'_>| serde_json::from_str(&e.text().collect::<String>()).ok())
        .collect();
    (!items.is_empty()).then_some(Value::Array(items))
}

/// The first string value of `key` anywhere in a JSON-LD tree (an author's `name` included).
fn find_key(v: &Value, key: &str) -> Option<String> {
    match v {
        Value::Object(m) => {
            if let Some(found) = m.get(key) {
                match found {
                    Value::String(s) => return Some(s.clone()),
                    Value::Object(o) => {
                        if let Some(Value::String(n)) = o.get("name") {
                            return Some(n.clone());
                        }
                    }
                    Value::Array(a) => {
                        let names: Vec<String> = a
                            .iter()
                            .filter_map(|x| match x {
                                Value::String(s) => Some(s.clone()),
                                Value::Object(o) => o.get("name")?.as_str().map(str::to_string),
                                _ => None,
                            })
                            .collect();
                        if !names.is_empty() {
                            return Some(names.join("; "));
                        }
                    }
                    _ => {}
                }
            }
            m.values().find_map(|x| find_key(x, key))
        }
        Value::Array(a) => a.iter().find_map(|x| find_key(x, key)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn origin() -> Origin {
        Origin::new(Path::new("in/x/a.html"), Path::new("in"))
    }

    #[test]
    fn main_text_and_metadata() {
        let html = r#"<!doctype html><html><head>
            <title>Fallback title</title>
            <meta property="og:title" content="Fire at the museum">
            <meta property="og:site_name" content="The Herald">
            <meta property="article:published_time" content="2025-05-05T08:00:00Z">
            <style>p { color: red }</style><script>var x = "not text";</script>
            </head><body>
            <nav><a href="/">Home</a> <a href="/news">News</a></nav>
            <article><h1>Fire at the museum</h1>
            <p>The fire broke out on <b>Sunday</b>.</p>
            <div class="share-buttons">Share this</div>
            <p>Director  Anna Holm
               said so.</p></article>
            <footer>Copyright</footer></body></html>"#;
        let a = article(html, &origin());
        assert_eq!(a.title, "Fire at the museum");
        assert_eq!(a.source, "The Herald");
        assert_eq!(a.published.unwrap().iso, "2025-05-05T08:00:00Z");
        assert_eq!(
            a.text,
            "Fire at the museum\n\nThe fire broke out on Sunday.\n\nDirector Anna Holm said so."
        );
    }

    #[test]
    fn json_ld_and_time_fallbacks() {
        let html = r#"<html><head><title> A  title </title>
            <script type="application/ld+json">{"@graph": [{"@type": "NewsArticle",
              "datePublished": "2024-01-02", "author": {"name": "Jo Bloggs"}}]}</script>
            </head><body><p>Text.</p><time datetime="2023-01-01">x</time></body></html>"#;
        let a = article(html, &origin());
        assert_eq!(a.title, "A title");
        assert_eq!(a.published.unwrap().iso, "2024-01-02");
        assert_eq!(a.author, "Jo Bloggs");
        let a = article(
            r#"<body><p>Hi.</p><time datetime="2023-01-01">Jan 1</time></body>"#,
            &origin(),
        );
        assert_eq!(a.published.unwrap().iso, "2023-01-01");
    }

    #[test]
    fn nesting_is_counted_in_one_pass_and_capped() {
        assert_eq!(nesting_depth("<div><div><b>x</b></div></div>", 10), 3);
        // Void, optional-end and self-closing elements, comments and script bodies nest
        // nothing.
        let flat = "<p>a<p>b<li>c<br><img src=x><hr/><span/><!-- <div><div> -->\
                    <script>if (a<b) { document.write('<div>') }</script>";
        assert_eq!(nesting_depth(flat, 10), 1);
        let deep = "<div>".repeat(5000);
        assert_eq!(nesting_depth(&deep, MAX_DEPTH), MAX_DEPTH + 1);
        // The walk reads deep documents under the cap without recursion.
        let html = format!(
            "<body>{}deep text{}</body>",
            "<div>".repeat(1000),
            "</div>".repeat(1000)
        );
        assert_eq!(article(&html, &origin()).text, "deep text");
    }

    #[test]
    fn too_deep_is_a_problem_not_a_crash() {
        let mut out = Read::default();
        read(&"<div>".repeat(200_000), &origin(), &mut out);
        assert!(out.articles.is_empty());
        assert_eq!(out.problems.len(), 1);
        assert_eq!(out.problems[0].kind, ProblemKind::TooDeep);
        let mut out = Read::default();
        read("<p>Fine.</p>", &origin(), &mut out);
        assert_eq!(out.articles[0].text, "Fine.");
    }
}
