//! JetStream's promises under faults, against real `nats-server` processes on
//! 127.0.0.1 (chapter 22):
//!
//! - `cook_killed_with_tickets_in_hand`: a cook process is killed in the
//!   middle of a ticket, holding others it had not started. Every ticket is
//!   still cooked; the one it was killed over is cooked twice; the test
//!   counts them.
//! - `broken_cooks_are_caught`: the same test fails for a cook that acks
//!   before it cooks (a ticket is lost) and for one that never acks.
//! - `one_ticket_in_hand_keeps_the_order`: the same kill, with one ticket
//!   in hand at a time: every ticket is first cooked in stream order.
//! - `server_restarted_mid_stream`: a server with a file-backed stream is
//!   killed and restarted while tickets are being published; none is lost,
//!   none is stored twice.
//! - `cluster_node_killed_mid_stream`: a three-node cluster with a stream
//!   replicated on all three loses the stream's leader mid-stream; none is
//!   lost, none is stored twice.
//!
//! Every server gets a free port and a temporary store under `target/`, and
//! is killed when its handle is dropped. Every wait judges progress and fails
//! within 30 s of the last progress, naming what it waited for. Without a
//! nats-server (and no Python to install the pinned one) the tests are
//! reported as ignored, with one line saying why.

use async_nats::jetstream::{self, consumer::pull};
use broker::kitchen::{self, QueueConfig};
use broker::progress::{STALL_LIMIT, wait_until};
use broker::{Cluster, Server};
use futures_util::StreamExt;
use libtest_mimic::{Arguments, Failed, Trial};
use std::collections::BTreeMap;
use std::io::BufRead;
use std::process::{Child, Command, ExitCode, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Sender};
use std::time::Duration;

fn main() -> ExitCode {
    let mut args = Arguments::from_args();
    // The trials mostly wait for servers (an election, an ack_wait), so
    // run them all at once unless told otherwise.
    args.test_threads.get_or_insert(4);
    let skip = broker::nats_server().err();
    if let Some(why) = &skip {
        println!("{}", broker::skip_line(why));
    }
    let trials: Vec<Trial> = [
        (
            "cook_killed_with_tickets_in_hand",
            cook_killed_with_tickets_in_hand as fn() -> Result<(), String>,
        ),
        ("broken_cooks_are_caught", broken_cooks_are_caught),
        (
            "one_ticket_in_hand_keeps_the_order",
            one_ticket_in_hand_keeps_the_order,
        ),
        ("server_restarted_mid_stream", server_restarted_mid_stream),
        (
            "cluster_node_killed_mid_stream",
            cluster_node_killed_mid_stream,
        ),
    ]
    .into_iter()
    .map(|(name, test)| {
        Trial::test(name, move || test().map_err(Failed::from)).with_ignored_flag(skip.is_some())
    })
    .collect();
    libtest_mimic::run(&args, trials).exit_code()
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a tokio runtime")
}

// ---------------------------------------------------------------------------
// A cook killed with tickets in hand.

const TICKETS: u64 = 100;
/// The cook is killed in the middle of its tenth ticket.
const HANG_AT: usize = 10;

/// A cook process and the thread that reads its lines.
struct Cook {
    name: &'static str,
    child: Child,
    reader: Option<std::thread::JoinHandle<()>>,
}

impl Cook {
    fn start(
        name: &'static str,
        url: &str,
        mode: &str,
        hang_at: Option<usize>,
        lines: Sender<Line>,
    ) -> Cook {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_cook"));
        cmd.arg(url).arg(mode);
        if let Some(k) = hang_at {
            cmd.arg(k.to_string());
        }
        let mut child = cmd
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .spawn()
            .expect("the cook binary starts");
        let stdout = child.stdout.take().expect("piped stdout");
        let reader = std::thread::spawn(move || {
            for line in std::io::BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if lines
                    .send(Line {
                        cook: name,
                        text: line,
                    })
                    .is_err()
                {
                    break;
                }
            }
        });
        Cook {
            name,
            child,
            reader: Some(reader),
        }
    }

    /// SIGKILL, and every line it printed before that.
    fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        if let Some(reader) = self.reader.take() {
            let _ = reader.join();
        }
    }
}

impl Drop for Cook {
    fn drop(&mut self) {
        self.kill();
    }
}

struct Line {
    cook: &'static str,
    text: String,
}

/// One cooking, as a cook reported it.
#[derive(Debug)]
struct Cooked {
    ticket: u64,
    cook: &'static str,
    delivery: u64,
}

fn parse(line: &Line) -> Result<Option<Cooked>, String> {
    let words: Vec<&str> = line.text.split_whitespace().collect();
    match words[..] {
        ["done", ticket, "delivery", delivery] => Ok(Some(Cooked {
            ticket: ticket
                .parse()
                .map_err(|_| format!("bad line {:?}", line.text))?,
            cook: line.cook,
            delivery: delivery
                .parse()
                .map_err(|_| format!("bad line {:?}", line.text))?,
        })),
        ["hang", _] => Ok(None),
        _ => Err(format!("{}: unexpected line {:?}", line.cook, line.text)),
    }
}

/// What the test counted.
#[derive(Debug)]
struct Counted {
    cookings: usize,
    /// Tickets the second cook got on a second (or later) delivery: those in
    /// the first cook's hands when it was killed.
    redelivered: Vec<u64>,
    hung_over: u64,
    /// Tickets first cooked after a later ticket was: out of stream order.
    out_of_order: Vec<u64>,
}

/// Publishes the tickets, starts cook "ana" (who stops dead in her tenth
/// ticket), kills her, starts "ben", and waits until the queue is empty and
/// nothing is in anybody's hands. Then judges what was cooked: every ticket
/// at least once, and twice only the ticket Ana was killed over.
fn kill_a_cook(mode: &str, stall: Duration, max_ack_pending: i64) -> Result<Counted, String> {
    let server = Server::start()?;
    let url = server.url();
    let rt = runtime();
    let js = rt.block_on(async {
        let js = kitchen::jetstream(kitchen::connect(std::slice::from_ref(&url)).await?);
        let config = QueueConfig {
            replicas: 1,
            ack_wait: Duration::from_secs(1),
            max_ack_pending,
        };
        kitchen::create_work_queue(&js, config).await?;
        for n in 0..TICKETS {
            kitchen::publish_ticket(&js, n).await?;
        }
        Ok::<_, String>(js)
    })?;

    let (tx, rx) = mpsc::channel();
    let mut log = Vec::new();
    let mut ana = Cook::start("ana", &url, mode, Some(HANG_AT), tx.clone());
    let hung_over = wait_until(
        &format!("cook {} to stop in ticket number {HANG_AT}", ana.name),
        stall,
        || {
            for line in rx.try_iter() {
                if let Some(t) = line.text.strip_prefix("hang ") {
                    return Ok(Ok(t.parse::<u64>().map_err(|e| e.to_string())?));
                }
                log.push(line);
            }
            Ok(Err(log.len() as u64))
        },
    )?;
    ana.kill();
    let _ben = Cook::start("ben", &url, mode, None, tx);

    // Done when the work queue has deleted every ticket (each was acked)
    // and nobody holds one. Progress: tickets removed.
    wait_until(
        "the work queue to empty with no ticket in hand",
        stall,
        || {
            log.extend(rx.try_iter());
            Ok(match rt.block_on(kitchen::queue_state(&js)) {
                Some((0, 0)) => Ok(()),
                Some((stored, _)) => Err(TICKETS - stored),
                None => Err(0),
            })
        },
    )
    .map_err(|e| format!("{e}: the cooks never acknowledged the rest"))?;
    drop(_ben);
    // Every reader has ended with its cook, so these are all the lines.
    log.extend(rx.try_iter());
    drop(server);
    judge(&log, hung_over)
}

fn judge(log: &[Line], hung_over: u64) -> Result<Counted, String> {
    let mut cooked: BTreeMap<u64, Vec<Cooked>> = (0..TICKETS).map(|t| (t, Vec::new())).collect();
    let mut cookings = 0;
    let (mut out_of_order, mut highest) = (Vec::new(), None);
    for line in log {
        if let Some(c) = parse(line)? {
            cookings += 1;
            let first = cooked.get(&c.ticket).is_some_and(|c| c.is_empty());
            if first {
                if highest.is_some_and(|h| h > c.ticket) {
                    out_of_order.push(c.ticket);
                }
                highest = highest.max(Some(c.ticket));
            }
            cooked
                .get_mut(&c.ticket)
                .ok_or(format!("ticket {} was never published", c.ticket))?
                .push(c);
        }
    }
    let never: Vec<u64> = cooked
        .iter()
        .filter(|(_, c)| c.is_empty())
        .map(|(t, _)| *t)
        .collect();
    if !never.is_empty() {
        return Err(format!(
            "tickets never cooked, although the queue is empty (acknowledged before they were cooked?): {never:?}"
        ));
    }
    let twice: Vec<u64> = cooked
        .iter()
        .filter(|(_, c)| c.len() > 1)
        .map(|(t, _)| *t)
        .collect();
    if twice != [hung_over] {
        return Err(format!(
            "tickets cooked more than once: {twice:?}; only ticket {hung_over}, whose cook was \
             killed between cooking and acknowledging it, may be (every other ticket was \
             acknowledged once cooked)"
        ));
    }
    let redelivered = cooked
        .values()
        .flatten()
        .filter(|c| c.cook == "ben" && c.delivery > 1)
        .map(|c| c.ticket)
        .collect();
    Ok(Counted {
        cookings,
        redelivered,
        hung_over,
        out_of_order,
    })
}

fn cook_killed_with_tickets_in_hand() -> Result<(), String> {
    let counted = kill_a_cook("honest", STALL_LIMIT, 8)?;
    if !counted.redelivered.contains(&counted.hung_over) {
        return Err(format!(
            "ticket {} was cooked twice, but not on a redelivery: {counted:?}",
            counted.hung_over
        ));
    }
    println!(
        "{TICKETS} tickets, {} cookings: ticket {} twice; {} tickets redelivered after the kill \
         (in ana's hands): {:?}; first cooked out of stream order: {:?}",
        counted.cookings,
        counted.hung_over,
        counted.redelivered.len(),
        counted.redelivered,
        counted.out_of_order
    );
    Ok(())
}

/// With one ticket in hand at a time (`max_ack_pending: 1`), the server
/// hands out the next ticket only once the last is acked or given up on, so
/// even through a kill every ticket is first cooked in stream order (and
/// so each table's, a subject's, in the order they were published).
fn one_ticket_in_hand_keeps_the_order() -> Result<(), String> {
    let counted = kill_a_cook("honest", STALL_LIMIT, 1)?;
    if !counted.out_of_order.is_empty() {
        return Err(format!(
            "with max_ack_pending 1, tickets were first cooked out of stream order: {:?}",
            counted.out_of_order
        ));
    }
    println!(
        "max_ack_pending 1: {TICKETS} tickets first cooked in stream order through the kill; \
         ticket {} twice",
        counted.hung_over
    );
    Ok(())
}

fn broken_cooks_are_caught() -> Result<(), String> {
    // A short stall limit: these runs are meant to fail, and a broken cook
    // that never acks makes no progress at all.
    let stall = Duration::from_secs(2);
    for (mode, expected) in [
        ("ack-first", "tickets never cooked"),
        ("no-ack", "never acknowledged"),
    ] {
        match kill_a_cook(mode, stall, 8) {
            Ok(counted) => {
                return Err(format!("a {mode} cook passed the test: {counted:?}"));
            }
            Err(e) if e.contains(expected) => println!("{mode} cook caught: {e}"),
            Err(e) => {
                return Err(format!(
                    "a {mode} cook failed the test, but not with {expected:?}: {e}"
                ));
            }
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// A server restarted, a cluster node killed.

const STREAMED: u64 = 300;
/// The fault comes after this many acknowledged tickets.
const FAULT_AFTER: u64 = 100;

/// Publishes every ticket in order on its own task (each retried with the
/// same message id until the stream acknowledges it), while this thread
/// calls `fault` once a third of them are acknowledged. Then checks the
/// stream holds each ticket exactly once, in order. Gives the number of
/// retries the stream answered "duplicate" to, and the longest the
/// publisher waited for one acknowledgement (the fault's gap).
fn stream_through_a_fault(
    urls: Vec<String>,
    replicas: usize,
    fault: impl FnOnce() -> Result<(), String>,
) -> Result<(u64, Duration), String> {
    let rt = runtime();
    let js = rt.block_on(async {
        let js = kitchen::jetstream(kitchen::connect(&urls).await?);
        let config = QueueConfig {
            replicas,
            ack_wait: Duration::from_secs(5),
            max_ack_pending: 100,
        };
        kitchen::create_work_queue(&js, config).await?;
        Ok::<_, String>(js)
    })?;
    let acked = Arc::new(AtomicU64::new(0));
    let duplicates = Arc::new(AtomicU64::new(0));
    let publisher = rt.spawn({
        let (js, acked, duplicates) = (js.clone(), acked.clone(), duplicates.clone());
        async move {
            let mut longest = Duration::ZERO;
            for n in 0..STREAMED {
                let started = std::time::Instant::now();
                if kitchen::publish_ticket(&js, n).await? {
                    duplicates.fetch_add(1, Ordering::Relaxed);
                }
                longest = longest.max(started.elapsed());
                acked.store(n + 1, Ordering::Relaxed);
            }
            Ok::<_, String>(longest)
        }
    });
    let progress = |what: &str, until: u64| {
        wait_until(what, STALL_LIMIT, || {
            let n = acked.load(Ordering::Relaxed);
            Ok(if n >= until { Ok(()) } else { Err(n) })
        })
    };
    progress(&format!("{FAULT_AFTER} acknowledged tickets"), FAULT_AFTER)?;
    fault()?;
    progress("every ticket to be acknowledged after the fault", STREAMED)?;
    let longest = rt.block_on(publisher).map_err(|e| e.to_string())??;
    let tickets = rt.block_on(drain(&js))?;
    let expected: Vec<u64> = (0..STREAMED).collect();
    if tickets != expected {
        let missing: Vec<u64> = expected
            .iter()
            .filter(|t| !tickets.contains(t))
            .copied()
            .collect();
        return Err(format!(
            "the stream does not hold each ticket once, in order: missing {missing:?}, got {} \
             tickets: {tickets:?}",
            tickets.len()
        ));
    }
    Ok((duplicates.load(Ordering::Relaxed), longest))
}

/// Reads and acks every ticket in the stream, in stream order.
async fn drain(js: &jetstream::Context) -> Result<Vec<u64>, String> {
    // Just after a node is killed the stream may not answer until its new
    // leader settles: ask again, for up to 30 s.
    let start = std::time::Instant::now();
    let (stored, _) = loop {
        if let Some(state) = kitchen::queue_state(js).await {
            break state;
        }
        if start.elapsed() > Duration::from_secs(30) {
            return Err("the stream did not answer for 30 s".into());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    let consumer: jetstream::consumer::Consumer<pull::Config> = js
        .get_consumer_from_stream(kitchen::CONSUMER, kitchen::STREAM)
        .await
        .map_err(|e| e.to_string())?;
    let mut messages = consumer.messages().await.map_err(|e| e.to_string())?;
    let mut tickets = Vec::new();
    while (tickets.len() as u64) < stored {
        let next = tokio::time::timeout(STALL_LIMIT, messages.next()).await;
        let message = match next {
            Ok(Some(Ok(m))) => m,
            Ok(Some(Err(e))) => return Err(format!("reading ticket {}: {e}", tickets.len())),
            Ok(None) => return Err("the consumer's messages ended".into()),
            Err(_) => {
                return Err(format!(
                    "gave up waiting for stored ticket number {} of {stored}: no progress for {} s",
                    tickets.len() + 1,
                    STALL_LIMIT.as_secs()
                ));
            }
        };
        let ticket = String::from_utf8_lossy(&message.payload)
            .parse()
            .map_err(|e| format!("a ticket that is not a number: {e}"))?;
        tickets.push(ticket);
        message.double_ack().await.map_err(|e| e.to_string())?;
    }
    Ok(tickets)
}

fn server_restarted_mid_stream() -> Result<(), String> {
    let mut server = Server::start()?;
    let url = server.url();
    let (duplicates, longest) = stream_through_a_fault(vec![url], 1, || server.restart())?;
    println!(
        "{STREAMED} tickets, server killed and restarted after {FAULT_AFTER}: all stored once, in \
         order ({duplicates} retries answered \"duplicate\"; the longest wait for an ack: \
         {longest:?})"
    );
    Ok(())
}

fn cluster_node_killed_mid_stream() -> Result<(), String> {
    let mut cluster = Cluster::start(3)?;
    let urls = cluster.urls();
    let mut killed = String::new();
    let (duplicates, longest) = stream_through_a_fault(urls.clone(), 3, || {
        let rt = runtime();
        let leader = rt.block_on(async {
            let js = kitchen::jetstream(kitchen::connect(&urls).await?);
            let mut stream = js
                .get_stream(kitchen::STREAM)
                .await
                .map_err(|e| e.to_string())?;
            let info = stream.info().await.map_err(|e| e.to_string())?;
            info.cluster
                .as_ref()
                .and_then(|c| c.leader.clone())
                .ok_or_else(|| "the stream has no leader".to_string())
        })?;
        let node = cluster
            .node_mut(&leader)
            .ok_or(format!("no node called {leader}"))?;
        node.kill();
        killed = leader;
        Ok(())
    })?;
    println!(
        "{STREAMED} tickets on a 3-node cluster, stream leader {killed} killed after \
         {FAULT_AFTER}: all stored once, in order ({duplicates} retries answered \"duplicate\"; \
         the longest wait for an ack, while a new leader was elected: {longest:?})"
    );
    Ok(())
}
