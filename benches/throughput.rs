//! Criterion benchmarks over the articles the project ships (`input/`), in bytes per second:
//! segmentation and the whole per-article analysis. For whole-CLI throughput on a real corpus
//! see `scripts/throughput.sh`.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use newsrake::Pipeline;
use newsrake::input::{Jobs, read_job};

fn articles() -> Vec<newsrake::input::Article> {
    let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("input");
    Jobs::new(&[root], u64::MAX)
        .flat_map(|j| read_job(j, u64::MAX).articles)
        .collect()
}

fn bench(c: &mut Criterion) {
    let articles = articles();
    let bytes: usize = articles.iter().map(|a| a.text.len()).sum();
    let pipeline = Pipeline::new().expect("built-in rules");
    let mut g = c.benchmark_group("per-article");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("segment", |b| {
        b.iter(|| {
            for a in &articles {
                std::hint::black_box(pipeline.segmenter().segment(&a.text));
            }
        })
    });
    g.bench_function("analyze", |b| {
        b.iter(|| {
            for a in &articles {
                std::hint::black_box(pipeline.analyze(a));
            }
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
