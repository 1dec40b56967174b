//! Measures what each way of carrying tickets costs on this machine, for
//! chapter 22's table: throughput (one producer, one consumer, small JSON
//! tickets) and round-trip latency (a ticket there, an answer back; p50 and
//! p99 from an HDR histogram) for std's mpsc channel, a pipe between two
//! processes, core NATS and a JetStream work queue with acks.
//!
//! `cargo run --release -p broker --bin guarantees` writes
//! `src/data/ch22-figures.json` (the chapter's `{{#figure ch22.KEY}}`
//! placeholders) and `src/data/ch22-guarantees.md` (the table of promises),
//! and prints both. `-- --smoke` runs a few messages of each and writes
//! nothing: a check that every path delivers.

use async_nats::jetstream::{self, consumer::pull};
use broker::kitchen::{self, QueueConfig};
use futures_util::StreamExt;
use hdrhistogram::Histogram;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, ExitCode, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

#[derive(Serialize, Deserialize, Clone)]
struct Ticket {
    table: u32,
    seq: u64,
    dish: String,
}

fn ticket(seq: u64) -> Ticket {
    Ticket {
        table: (seq % 8) as u32 + 1,
        seq,
        dish: "margherita".into(),
    }
}

/// How many tickets each throughput run sends and how many round trips
/// each latency run makes.
#[derive(Clone, Copy)]
struct Sizes {
    throughput: u64,
    round_trips: u64,
}

struct Measured {
    per_second: f64,
    p50: Duration,
    p99: Duration,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    // The same program is the other process of the pipe measurements.
    match args.first().map(String::as_str) {
        Some("pipe-producer") => return pipe_producer(args[1].parse().expect("a count")),
        Some("pipe-echo") => return pipe_echo(),
        _ => {}
    }
    let smoke = args.iter().any(|a| a == "--smoke");
    let sizes = if smoke {
        Sizes {
            throughput: 1_000,
            round_trips: 100,
        }
    } else {
        Sizes {
            throughput: 200_000,
            round_trips: 20_000,
        }
    };
    match run(sizes, smoke) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(sizes: Sizes, smoke: bool) -> Result<(), String> {
    let server = broker::Server::start()?;
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    let results = [
        ("mpsc", mpsc_measure(sizes)?),
        ("pipe", pipe_measure(sizes)?),
        ("nats", rt.block_on(nats_measure(&server.url(), sizes))?),
        (
            "jetstream",
            rt.block_on(jetstream_measure(&server.url(), sizes))?,
        ),
    ];
    let mut figures = BTreeMap::new();
    for (key, m) in &results {
        figures.insert(format!("{key}-throughput"), per_second(m.per_second));
        figures.insert(format!("{key}-p50"), latency(m.p50));
        figures.insert(format!("{key}-p99"), latency(m.p99));
    }
    figures.insert("tickets".into(), thousands(sizes.throughput));
    figures.insert("round-trips".into(), thousands(sizes.round_trips));
    figures.insert("machine".into(), machine());
    println!(
        "{:<10} {:>22} {:>14} {:>14}",
        "", "throughput", "p50", "p99"
    );
    for (key, _) in &results {
        println!(
            "{key:<10} {:>22} {:>14} {:>14}",
            figures[&format!("{key}-throughput")],
            figures[&format!("{key}-p50")],
            figures[&format!("{key}-p99")]
        );
    }
    if smoke {
        println!("smoke run: every path delivered; nothing written");
        return Ok(());
    }
    let data = support_root().join("src/data");
    let json = serde_json::to_string_pretty(&figures).map_err(|e| e.to_string())? + "\n";
    std::fs::write(data.join("ch22-figures.json"), json).map_err(|e| e.to_string())?;
    println!("wrote src/data/ch22-figures.json");
    Ok(())
}

fn support_root() -> std::path::PathBuf {
    std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).to_path_buf()
}

fn histogram() -> Histogram<u64> {
    Histogram::new_with_bounds(1, 60_000_000_000, 3).expect("histogram bounds")
}

fn measured(per_second: f64, h: &Histogram<u64>) -> Measured {
    Measured {
        per_second,
        p50: Duration::from_nanos(h.value_at_quantile(0.50)),
        p99: Duration::from_nanos(h.value_at_quantile(0.99)),
    }
}

fn rate(n: u64, elapsed: Duration) -> f64 {
    n as f64 / elapsed.as_secs_f64()
}

fn record(h: &mut Histogram<u64>, since: Instant) {
    let _ = h.record(since.elapsed().as_nanos().max(1) as u64);
}

// ---------------------------------------------------------------------------
// std::sync::mpsc between two threads: the ticket itself moves, no bytes.

fn mpsc_measure(sizes: Sizes) -> Result<Measured, String> {
    let (tx, rx) = mpsc::channel::<Ticket>();
    let start = Instant::now();
    let producer = std::thread::spawn(move || {
        for seq in 0..sizes.throughput {
            tx.send(ticket(seq)).expect("the chef is there");
        }
    });
    let got = rx.iter().count() as u64;
    let elapsed = start.elapsed();
    producer.join().map_err(|_| "the mpsc producer panicked")?;
    expect_all("mpsc", got, sizes.throughput)?;

    let (to_chef, chef_rx) = mpsc::channel::<Ticket>();
    let (to_waiter, waiter_rx) = mpsc::channel::<u64>();
    let chef = std::thread::spawn(move || {
        for t in chef_rx {
            let _ = to_waiter.send(t.seq);
        }
    });
    let mut h = histogram();
    for seq in 0..sizes.round_trips {
        let t0 = Instant::now();
        to_chef.send(ticket(seq)).map_err(|e| e.to_string())?;
        waiter_rx.recv().map_err(|e| e.to_string())?;
        record(&mut h, t0);
    }
    drop(to_chef);
    chef.join().map_err(|_| "the mpsc chef panicked")?;
    Ok(measured(rate(got, elapsed), &h))
}

fn expect_all(what: &str, got: u64, sent: u64) -> Result<(), String> {
    if got == sent {
        Ok(())
    } else {
        Err(format!("{what}: {sent} tickets sent, {got} received"))
    }
}

// ---------------------------------------------------------------------------
// A pipe between two processes, one JSON line per ticket (as chapter 21).

fn pipe_producer(n: u64) -> ExitCode {
    let mut out = std::io::stdout().lock();
    for seq in 0..n {
        let mut line = serde_json::to_vec(&ticket(seq)).expect("a ticket serializes");
        line.push(b'\n');
        if out.write_all(&line).is_err() {
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}

fn pipe_echo() -> ExitCode {
    let mut out = std::io::stdout().lock();
    for line in std::io::stdin().lock().lines() {
        let Ok(line) = line else { break };
        let Ok(t) = serde_json::from_str::<Ticket>(&line) else {
            return ExitCode::FAILURE;
        };
        if writeln!(out, "{}", t.seq)
            .and_then(|_| out.flush())
            .is_err()
        {
            break;
        }
    }
    ExitCode::SUCCESS
}

fn pipe_measure(sizes: Sizes) -> Result<Measured, String> {
    let me = std::env::current_exe().map_err(|e| e.to_string())?;
    let start = Instant::now();
    let mut producer = Command::new(&me)
        .args(["pipe-producer", &sizes.throughput.to_string()])
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| e.to_string())?;
    let mut got = 0;
    for line in BufReader::new(producer.stdout.take().expect("piped")).lines() {
        let _: Ticket =
            serde_json::from_str(&line.map_err(|e| e.to_string())?).map_err(|e| e.to_string())?;
        got += 1;
    }
    let elapsed = start.elapsed();
    producer.wait().map_err(|e| e.to_string())?;
    expect_all("pipe", got, sizes.throughput)?;

    let mut chef = Command::new(&me)
        .arg("pipe-echo")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| e.to_string())?;
    let mut to_chef = chef.stdin.take().expect("piped");
    let mut answers = BufReader::new(chef.stdout.take().expect("piped")).lines();
    let mut h = histogram();
    for seq in 0..sizes.round_trips {
        let t0 = Instant::now();
        let mut line = serde_json::to_vec(&ticket(seq)).map_err(|e| e.to_string())?;
        line.push(b'\n');
        to_chef.write_all(&line).map_err(|e| e.to_string())?;
        answers
            .next()
            .ok_or("the echo process ended")?
            .map_err(|e| e.to_string())?;
        record(&mut h, t0);
    }
    drop(to_chef);
    chef.wait().map_err(|e| e.to_string())?;
    Ok(measured(rate(got, elapsed), &h))
}

// ---------------------------------------------------------------------------
// Core NATS: publish and subscribe through the server; request and reply.

/// Returns once the server has registered every subscription `chef` made
/// so far. `flush` only empties the client's buffer, and core NATS drops
/// what is published before the server knows the subscriber: the server
/// handles one connection's commands in order, so once a probe published
/// by `waiter` reaches a subscription `chef` made last, the earlier ones are
/// in place too.
async fn subscribed(
    waiter: &async_nats::Client,
    chef: &async_nats::Client,
    probe_subject: &str,
) -> Result<(), String> {
    let mut probe = chef
        .subscribe(probe_subject.to_string())
        .await
        .map_err(|e| e.to_string())?;
    chef.flush().await.map_err(|e| e.to_string())?;
    let start = Instant::now();
    loop {
        waiter
            .publish(probe_subject.to_string(), Vec::new().into())
            .await
            .map_err(|e| e.to_string())?;
        waiter.flush().await.map_err(|e| e.to_string())?;
        if let Ok(Some(_)) = tokio::time::timeout(Duration::from_millis(100), probe.next()).await {
            return Ok(());
        }
        if start.elapsed() > Duration::from_secs(30) {
            return Err(format!(
                "the server did not register the chef's subscriptions within 30 s \
                 (no probe on {probe_subject} came back)"
            ));
        }
    }
}

async fn nats_measure(url: &str, sizes: Sizes) -> Result<Measured, String> {
    let waiter = kitchen::connect(&[url.to_string()]).await?;
    let chef = kitchen::connect(&[url.to_string()]).await?;
    let mut rail = chef.subscribe("tickets").await.map_err(|e| e.to_string())?;
    subscribed(&waiter, &chef, "probe.tickets").await?;
    let n = sizes.throughput;
    let start = Instant::now();
    let counter = tokio::spawn(async move {
        let mut got = 0u64;
        // At most once: a chef that falls too far behind loses tickets,
        // so count until the last one or until the rail has been quiet for
        // as long as any wait here may be (on a loaded machine the first
        // ticket can take seconds to come; a loss fails the check anyway).
        while let Ok(Some(m)) = tokio::time::timeout(Duration::from_secs(30), rail.next()).await {
            let t: Ticket = serde_json::from_slice(&m.payload).expect("a ticket");
            got += 1;
            if t.seq == n - 1 {
                break;
            }
        }
        (got, start.elapsed())
    });
    for seq in 0..n {
        let payload = serde_json::to_vec(&ticket(seq)).map_err(|e| e.to_string())?;
        waiter
            .publish("tickets", payload.into())
            .await
            .map_err(|e| e.to_string())?;
    }
    waiter.flush().await.map_err(|e| e.to_string())?;
    let (got, elapsed) = counter.await.map_err(|e| e.to_string())?;
    expect_all("core NATS", got, n)?;

    let mut requests = chef.subscribe("desk").await.map_err(|e| e.to_string())?;
    subscribed(&waiter, &chef, "probe.desk").await?;
    let responder = tokio::spawn({
        let chef = chef.clone();
        async move {
            while let Some(m) = requests.next().await {
                let t: Ticket = serde_json::from_slice(&m.payload).expect("a ticket");
                if let Some(reply) = m.reply {
                    let _ = chef.publish(reply, t.seq.to_string().into()).await;
                }
            }
        }
    });
    let mut h = histogram();
    for seq in 0..sizes.round_trips {
        let payload = serde_json::to_vec(&ticket(seq)).map_err(|e| e.to_string())?;
        let t0 = Instant::now();
        waiter
            .request("desk", payload.into())
            .await
            .map_err(|e| e.to_string())?;
        record(&mut h, t0);
    }
    responder.abort();
    Ok(measured(rate(got, elapsed), &h))
}

// ---------------------------------------------------------------------------
// JetStream: every ticket stored (file) and acknowledged to the waiter,
// delivered to the chef, and acked by the chef.

async fn jetstream_measure(url: &str, sizes: Sizes) -> Result<Measured, String> {
    let waiter = kitchen::jetstream(kitchen::connect(&[url.to_string()]).await?);
    let chef_client = kitchen::connect(&[url.to_string()]).await?;
    let chef = kitchen::jetstream(chef_client.clone());
    let config = QueueConfig {
        replicas: 1,
        ack_wait: Duration::from_secs(30),
        max_ack_pending: 1_000,
    };
    let consumer = kitchen::create_work_queue(&waiter, config).await?;
    let n = sizes.throughput;
    let start = Instant::now();
    let cook = tokio::spawn(async move {
        let mut messages = consumer.messages().await.map_err(|e| e.to_string())?;
        let mut got = 0u64;
        while got < n {
            let m = tokio::time::timeout(Duration::from_secs(30), messages.next())
                .await
                .map_err(|_| format!("JetStream: no ticket for 30 s after {got}"))?
                .ok_or("the consumer's messages ended")?
                .map_err(|e| e.to_string())?;
            let _: Ticket = serde_json::from_slice(&m.payload).map_err(|e| e.to_string())?;
            m.ack().await.map_err(|e| e.to_string())?;
            got += 1;
        }
        Ok::<_, String>((got, start.elapsed()))
    });
    // Up to 256 publishes in flight, each acknowledged by the stream.
    let mut pending = std::collections::VecDeque::new();
    for seq in 0..n {
        let payload = serde_json::to_vec(&ticket(seq)).map_err(|e| e.to_string())?;
        let ack = waiter
            .publish(kitchen::ticket_subject(seq), payload.into())
            .await
            .map_err(|e| e.to_string())?;
        pending.push_back(ack);
        if pending.len() >= 256 {
            pending
                .pop_front()
                .expect("not empty")
                .await
                .map_err(|e| e.to_string())?;
        }
    }
    for ack in pending {
        ack.await.map_err(|e| e.to_string())?;
    }
    let (got, elapsed) = cook.await.map_err(|e| e.to_string())??;
    expect_all("JetStream", got, n)?;

    // Round trip: the waiter publishes and waits for the stream's ack; the
    // chef takes the ticket, acks it, and answers on core NATS.
    let mut answers = chef_client
        .subscribe("answers")
        .await
        .map_err(|e| e.to_string())?;
    chef_client.flush().await.map_err(|e| e.to_string())?;
    let consumer: jetstream::consumer::Consumer<pull::Config> = chef
        .get_consumer_from_stream(kitchen::CONSUMER, kitchen::STREAM)
        .await
        .map_err(|e| e.to_string())?;
    let answerer = tokio::spawn({
        let client = waiter.client();
        async move {
            let mut messages = consumer.messages().await.map_err(|e| e.to_string())?;
            while let Some(m) = messages.next().await {
                let m = m.map_err(|e| e.to_string())?;
                m.double_ack().await.map_err(|e| e.to_string())?;
                client
                    .publish("answers", m.payload.clone())
                    .await
                    .map_err(|e| e.to_string())?;
            }
            Ok::<_, String>(())
        }
    });
    let mut h = histogram();
    for seq in 0..sizes.round_trips {
        let payload = serde_json::to_vec(&ticket(seq)).map_err(|e| e.to_string())?;
        let t0 = Instant::now();
        waiter
            .publish(kitchen::ticket_subject(seq), payload.into())
            .await
            .map_err(|e| e.to_string())?
            .await
            .map_err(|e| e.to_string())?;
        tokio::time::timeout(Duration::from_secs(30), answers.next())
            .await
            .map_err(|_| format!("JetStream: no answer for 30 s to round trip {seq}"))?
            .ok_or("the answers ended")?;
        record(&mut h, t0);
    }
    answerer.abort();
    Ok(measured(rate(got, elapsed), &h))
}

// ---------------------------------------------------------------------------
// How the figures read in the chapter.

fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn per_second(r: f64) -> String {
    format!("{} tickets/s", thousands(r.round() as u64))
}

fn latency(d: Duration) -> String {
    let us = d.as_secs_f64() * 1e6;
    if us < 10.0 {
        format!("{us:.1} µs")
    } else if us < 1000.0 {
        format!("{us:.0} µs")
    } else {
        format!("{:.1} ms", us / 1000.0)
    }
}

/// Which machine and when, so the figures are read with their context.
fn machine() -> String {
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let load = std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|s| s.split_whitespace().next().map(str::to_string))
        .unwrap_or_else(|| "unknown".into());
    let date = Command::new("date")
        .args(["-u", "+%Y-%m-%d"])
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default();
    format!(
        "measured on {date} on {cores} cores (load average {load} when it started), nats-server {} on 127.0.0.1",
        broker::server::pin().version
    )
}
