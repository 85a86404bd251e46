//! JSON and JSONL articles: `id`, `text` (aliases `body`, `maintext`, `content`), `title`,
//! `source` (`source_domain`, `outlet`), `published` (`date_publish`, `dct`, `date`), `url`,
//! `author`. Unknown keys (annotation layers of the evaluation corpora among them) are ignored.

use serde_json::Value;

use super::{
    Meta, Origin, Problem, ProblemKind, Read, SourceFrom, build_article, normalize_newlines,
};

const TEXT_KEYS: [&str; 4] = ["text", "body", "maintext", "content"];

/// Reads one JSONL line; `line` is 1-based.
pub(crate) fn read_line(line_text: &str, origin: &Origin, line: usize, out: &mut Read) {
    match serde_json::from_str::<Value>(line_text) {
        Ok(v) => read_value(v, origin, Some(line), out),
        Err(e) => out.problems.push(Problem::new(
            &*origin.path,
            Some(line),
            ProblemKind::MalformedJson,
            format!("malformed JSON: {e}"),
        )),
    }
}

/// Reads a `.json` file: one article object, or an array of them (ids get `:N`).
pub(crate) fn read_document(text: &str, origin: &Origin, out: &mut Read) {
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Array(items)) => {
            for (i, v) in items.into_iter().enumerate() {
                read_value(v, origin, Some(i + 1), out);
            }
        }
        Ok(v) => read_value(v, origin, None, out),
        Err(e) => out.problems.push(Problem::new(
            &*origin.path,
            None,
            ProblemKind::MalformedJson,
            format!("malformed JSON: {e}"),
        )),
    }
}

fn read_value(v: Value, origin: &Origin, line: Option<usize>, out: &mut Read) {
    let Value::Object(map) = v else {
        out.problems.push(Problem::new(
            &*origin.path,
            line,
            ProblemKind::MalformedJson,
            "not a JSON object",
        ));
        return;
    };
    let mut meta = Meta {
        from: SourceFrom::Json,
        ..Meta::default()
    };
    let mut text = None;
    for (k, v) in map {
        if TEXT_KEYS.contains(&k.as_str()) {
            if text.is_none()
                && let Value::String(s) = v
            {
                text = Some(s);
            }
            continue;
        }
        if let Some(s) = scalar(v) {
            meta.set(&k, s);
        }
    }
    // Prefer keys in the documented order when several aliases are present.
    let Some(text) = text else {
        out.problems.push(Problem::new(
            &*origin.path,
            line,
            ProblemKind::NoText,
            "no text field (text, body, maintext or content)",
        ));
        return;
    };
    out.articles
        .push(build_article(meta, normalize_newlines(text), origin, line));
}

/// A metadata value as a string: strings, numbers, and arrays of strings (authors) joined.
fn scalar(v: Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s),
        Value::Number(n) => Some(n.to_string()),
        Value::Array(items) => {
            let parts: Vec<String> = items
                .into_iter()
                .filter_map(|i| match i {
                    Value::String(s) => Some(s),
                    _ => None,
                })
                .collect();
            (!parts.is_empty()).then(|| parts.join("; "))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn origin() -> Origin {
        Origin::new(Path::new("c/gold.jsonl"), Path::new("c"))
    }

    #[test]
    fn corpus_record() {
        let mut out = Read::default();
        read_line(
            r#"{"id": "d1", "source": "TimeBank", "dct": "1998-01-08", "text": "Hi.", "dates": []}"#,
            &origin(),
            3,
            &mut out,
        );
        let a = &out.articles[0];
        assert_eq!((a.id.as_str(), a.source.as_str()), ("d1", "TimeBank"));
        assert_eq!(a.published.as_ref().unwrap().iso, "1998-01-08");
    }

    #[test]
    fn aliases_and_defaults() {
        let mut out = Read::default();
        read_line(
            r#"{"maintext": "Body", "source_domain": "x.com", "date_publish": "2025-03-14 09:30:00", "authors": ["A", "B"]}"#,
            &origin(),
            2,
            &mut out,
        );
        let a = &out.articles[0];
        assert_eq!(a.id, "gold.jsonl:2");
        assert_eq!(a.source, "x.com");
        assert_eq!(a.author, "A; B");
        assert_eq!(a.published.as_ref().unwrap().iso, "2025-03-14T09:30:00");
    }

    #[test]
    fn problems() {
        let mut out = Read::default();
        read_line("{not json", &origin(), 1, &mut out);
        read_line(r#"{"title": "no text"}"#, &origin(), 2, &mut out);
        read_line("[1, 2]", &origin(), 3, &mut out);
        let kinds: Vec<_> = out.problems.iter().map(|p| (p.line, p.kind)).collect();
        assert_eq!(
            kinds,
            [
                (Some(1), ProblemKind::MalformedJson),
                (Some(2), ProblemKind::NoText),
                (Some(3), ProblemKind::MalformedJson)
            ]
        );
    }
}
