//! The whole per-article analysis on arbitrary bytes: decoding, segmentation and every
//! extractor must never panic, and every span must slice the text it points into.
//!
//! Run: `RUSTC_BOOTSTRAP=1 cargo fuzz run pipeline` from the project root (cargo-fuzz wants a
//! nightly compiler; the bootstrap variable lets the stable one stand in).
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use newsrake::Pipeline;
use newsrake::input::Article;

static PIPELINE: LazyLock<Pipeline> =
    LazyLock::new(|| Pipeline::new().expect("built-in rules compile"));

fuzz_target!(|data: &[u8]| {
    // The first byte picks a publication date or none, so relative dates are resolved too.
    let (published, body) = match data.split_first() {
        Some((b, rest)) if b % 2 == 0 => (newsrake::input::parse_published("2025-03-12"), rest),
        Some((_, rest)) => (None, rest),
        None => (None, data),
    };
    // As a file is read: decoded (BOM, UTF-16, Windows-1252), or rejected as binary.
    let Ok(decoded) = newsrake::input::decode(body) else {
        return;
    };
    let text = decoded.text;
    let a = PIPELINE.analyze(&Article {
        text: text.clone(),
        published,
        ..Article::default()
    });
    for d in &a.dates {
        assert!(d.span.get(&text).is_some());
    }
    for m in &a.names.mentions {
        assert!(m.span.get(&text).is_some());
    }
    for q in &a.quotes {
        assert!(q.span.get(&text).is_some());
    }
    for x in &a.amounts {
        assert!(x.span.get(&text).is_some());
    }
});
