//! Criterion benchmarks in bytes per second: segmentation, each extractor on its own (given the
//! segmentation and what it depends on), and the whole per-article analysis. The articles are
//! those the project ships (`input/`), or every file under `NEWSRAKE_BENCH_DIR` when set (e.g.
//! `NEWSRAKE_BENCH_DIR=../shared/corpora/bbc cargo bench`). For whole-CLI throughput, writing
//! included, see `scripts/throughput.sh`.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use newsrake::Pipeline;
use newsrake::extract::amounts::AmountExtractor;
use newsrake::extract::claims::ClaimExtractor;
use newsrake::extract::dates::DateExtractor;
use newsrake::extract::names::NameExtractor;
use newsrake::extract::quotes::QuoteExtractor;
use newsrake::input::{Jobs, read_job};
use std::hint::black_box;

// The allocator the binary runs with, so the figures are the binary's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn articles() -> Vec<newsrake::input::Article> {
    let root = std::env::var_os("NEWSRAKE_BENCH_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("input"));
    Jobs::new(&[root], u64::MAX)
        .flat_map(|j| read_job(j, u64::MAX).articles)
        .collect()
}

fn bench(c: &mut Criterion) {
    let articles = articles();
    let bytes: usize = articles.iter().map(|a| a.text.len()).sum();
    let pipeline = Pipeline::new().expect("built-in rules");
    let seg = pipeline.segmenter();
    let segs: Vec<_> = articles.iter().map(|a| seg.segment(&a.text)).collect();
    let analyses: Vec<_> = articles.iter().map(|a| pipeline.analyze(a)).collect();
    let dates = DateExtractor::new(Default::default()).expect("date rules");
    let names = NameExtractor::new().expect("name rules");
    let quotes = QuoteExtractor::new().expect("quote rules");
    let amounts = AmountExtractor::new().expect("amount rules");
    let claims = ClaimExtractor::new().expect("claim rules");

    let mut g = c.benchmark_group("per-article");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("segment", |b| {
        b.iter(|| {
            for a in &articles {
                black_box(seg.segment(&a.text));
            }
        })
    });
    g.bench_function("dates", |b| {
        b.iter(|| {
            for (a, s) in articles.iter().zip(&segs) {
                black_box(dates.extract(&a.text, s, None));
            }
        })
    });
    g.bench_function("names", |b| {
        b.iter(|| {
            for (a, s) in articles.iter().zip(&segs) {
                black_box(names.extract(&a.text, s));
            }
        })
    });
    g.bench_function("quotes", |b| {
        b.iter(|| {
            for ((a, s), an) in articles.iter().zip(&segs).zip(&analyses) {
                black_box(quotes.extract(&a.text, s, &an.names));
            }
        })
    });
    g.bench_function("amounts", |b| {
        b.iter(|| {
            for (a, s) in articles.iter().zip(&segs) {
                black_box(amounts.extract(&a.text, s, &[]));
            }
        })
    });
    g.bench_function("claims", |b| {
        b.iter(|| {
            for ((a, s), an) in articles.iter().zip(&segs).zip(&analyses) {
                black_box(claims.extract(
                    &a.text,
                    s,
                    &an.names,
                    &an.dates,
                    &an.amounts,
                    a.published.as_ref().map(|p| p.date),
                ));
            }
        })
    });
    g.bench_function("analyze", |b| {
        b.iter(|| {
            for a in &articles {
                black_box(pipeline.analyze(a));
            }
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
