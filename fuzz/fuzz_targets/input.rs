//! The whole input layer, then the per-article analysis: any bytes read as a plain-text file
//! (front matter), an HTML page, a JSON document or a JSONL file must never panic, must give
//! articles or problem rows (never neither for a non-empty file), and every span of every
//! extractor must slice the text it points into.
//!
//! The first byte picks the format (its low two bits) and whether a publication date is set
//! when the article has none (bit 2), so relative dates are resolved too.
//!
//! Run: `RUSTC_BOOTSTRAP=1 cargo fuzz run input -- -max_len=65536` from the project root;
//! crash inputs found are kept in `tests/fuzz/` and replayed by the integration tests.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use newsrake::Pipeline;
use newsrake::input::{Format, parse_published, read_bytes};

static PIPELINE: LazyLock<Pipeline> =
    LazyLock::new(|| Pipeline::new().expect("built-in rules compile"));

fuzz_target!(|data: &[u8]| {
    let Some((&pick, body)) = data.split_first() else {
        return;
    };
    let format = match pick & 3 {
        0 => Format::Text,
        1 => Format::Html,
        2 => Format::Json,
        _ => Format::Jsonl,
    };
    let read = read_bytes(body, format, "fuzz/input");
    for p in &read.problems {
        assert!(!p.message.is_empty(), "a problem row says what is wrong");
    }
    for mut article in read.articles {
        if pick & 4 != 0 && article.published.is_none() {
            article.published = parse_published("2025-03-12");
        }
        let text = &article.text;
        let a = PIPELINE.analyze(&article);
        for s in &a.segmentation.sentences {
            assert!(s.span.get(text).is_some());
        }
        for d in &a.dates {
            assert!(d.span.get(text).is_some());
        }
        for m in &a.names.mentions {
            assert!(m.span.get(text).is_some());
        }
        for q in &a.quotes {
            assert!(q.span.get(text).is_some());
        }
        for x in &a.amounts {
            assert!(x.span.get(text).is_some());
        }
        for c in &a.claims {
            assert!(c.span.get(text).is_some());
        }
    }
});
