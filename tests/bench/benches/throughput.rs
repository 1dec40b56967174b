//! Chapter 20's benchmark: every channel in `bench::CHANNELS`, with one
//! producer and with four, each run moving the channel's own number of `u64`s
//! (or `BENCH_MESSAGES`, when set) to one consumer.
//!
//!     bash .ci/bench           # measure, then write the table and chart
//!     bash .ci/bench --smoke   # run each once with 5,000 messages, check all arrived
//!
//! Every run checks that every message arrived, in measurements too: the
//! check is two additions per message and one comparison per run.

use bench::{CHANNELS, PRODUCERS, group_name, messages};
use criterion::{Criterion, SamplingMode, Throughput, criterion_group, criterion_main};
use std::time::Duration;

fn throughput(c: &mut Criterion) {
    for producers in PRODUCERS {
        let mut group = c.benchmark_group(group_name(producers));
        // One run takes milliseconds to seconds, so every sample gets the same
        // number of runs instead of criterion's default linear ramp.
        group.sampling_mode(SamplingMode::Flat);
        for channel in CHANNELS {
            let total = messages(channel);
            group.throughput(Throughput::Elements(total));
            group.bench_function(channel.id, |b| {
                b.iter(|| {
                    let tally = (channel.run)(producers, total);
                    tally.assert_complete(total);
                    tally
                })
            });
        }
        group.finish();
    }
}

fn config() -> Criterion {
    Criterion::default()
        .without_plots()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4))
}

criterion_group! {
    name = benches;
    config = config();
    targets = throughput
}
criterion_main!(benches);
