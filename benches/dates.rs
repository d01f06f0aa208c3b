//! Throughput of the date normaliser over a mixed corpus of the strings it
//! meets on news pages.
//!
//! Run with `cargo bench --bench dates -- --warm-up-time 1 --measurement-time 3`;
//! criterion reports elements (strings) per second.

use std::hint::black_box;

use chrono::{DateTime, Utc};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use feedmill::dates;

const CORPUS: &[&str] = &[
    "2026-02-10T10:32:00Z",
    "2026-02-10T19:32:00+09:00",
    "Tue, 10 Feb 2026 10:32:00 GMT",
    "Tue, 10 Feb 2026 19:32:00 +0900",
    "2026-02-10T19:32:00.000+0900",
    "2026-02-10T19:32:07",
    "2026-02-10 19:32:07",
    "2026-02-10 19:32",
    "2026-02-10 19:32:00.123",
    "2026.02.10 19:32",
    "2026.02.10. 19:32",
    "2026. 2. 10. 19:32",
    "2026/02/10 19:32",
    "26.02.10 19:32",
    "2026년 02월 10일 19:32",
    "2026년02월10일 19:32",
    "2026년 2월 10일 오후 7시 32분",
    "2026.02.10 오후 7:32",
    "2026/02/10 PM 7:32",
    "2026.02.10 오전 12:05",
    "입력 2026.02.10 19:32",
    "기사입력 : 2026년02월10일 19:32",
    "송고시간2026-02-10 19:32",
    "입력 2026.02.10 19:32 | 수정 2026.02.11 08:05",
    "사회 | 황혜영 기자 | 2026-02-10 19:32",
    "…기자 2026.02.10 19:32:05",
    "02.10 19:32",
    "2월 10일",
    "2026.02.10",
    "방금 전",
    "15분 전",
    "3시간전",
    "2일 전",
    "어제 14:20",
    "3 hours ago",
    "yesterday",
    "1770719520",
    "２０２６．０２．１０ １９：３２",
    "2026.02.10 (화) 19:32",
    "2026년 2월 10일(화) 오후 7:32",
    "Feb 10, 2026",
    "19:32",
];

fn bench(c: &mut Criterion) {
    let fetched: DateTime<Utc> = DateTime::parse_from_rfc3339("2026-02-11T09:00:00+09:00")
        .expect("fetch time")
        .with_timezone(&Utc);
    let zone = chrono_tz::Asia::Seoul;
    // Every string in the corpus must be read, or the figure means nothing.
    for text in CORPUS {
        assert!(
            dates::parse(text, fetched, zone).is_some(),
            "{text:?} not read"
        );
    }

    let mut group = c.benchmark_group("dates");
    group.throughput(Throughput::Elements(CORPUS.len() as u64));
    group.bench_function("parse_mixed_corpus", |b| {
        b.iter(|| {
            for text in CORPUS {
                black_box(dates::parse(black_box(text), fetched, zone));
            }
        })
    });
    group.bench_function("parse_all_mixed_corpus", |b| {
        b.iter(|| {
            for text in CORPUS {
                black_box(dates::parse_all(black_box(text), fetched, zone));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
