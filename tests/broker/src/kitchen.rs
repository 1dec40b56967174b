//! The kitchen on JetStream, shared by the fault tests, the `cook` worker
//! process and the measurements: a work-queue stream of tickets, one durable
//! pull consumer the cooks share, and a publisher that retries until the
//! server acknowledges.

use crate::progress::STALL_LIMIT;
use async_nats::jetstream::{self, consumer::pull, message::PublishMessage, stream};
use std::time::{Duration, Instant};

/// The stream of tickets, and the subjects it stores.
pub const STREAM: &str = "TICKETS";
pub const SUBJECTS: &str = "tickets.>";
/// The durable consumer every cook pulls from.
pub const CONSUMER: &str = "cooks";

/// Connects to any of `urls`, and reconnects (to another, in a cluster)
/// whenever the connection is lost.
pub async fn connect(urls: &[String]) -> Result<async_nats::Client, String> {
    async_nats::ConnectOptions::new()
        .connection_timeout(Duration::from_secs(5))
        .request_timeout(Some(Duration::from_secs(2)))
        // A lost server is the point of these tests: try again quickly.
        .reconnect_delay_callback(|attempts| Duration::from_millis(50 * attempts.min(10) as u64))
        .connect(urls)
        .await
        .map_err(|e| format!("cannot connect to {urls:?}: {e}"))
}

/// A JetStream context that gives up on an unanswered request (a publish's
/// acknowledgement, say) after a second rather than the default five: the
/// tests kill servers, and a publish lost with one is sent again sooner.
pub fn jetstream(client: async_nats::Client) -> jetstream::Context {
    jetstream::ContextBuilder::new()
        .timeout(Duration::from_secs(1))
        .build(client)
}

/// What the work queue is made of.
#[derive(Debug, Clone, Copy)]
pub struct QueueConfig {
    /// How many servers keep a copy of every ticket.
    pub replicas: usize,
    /// How long a delivered ticket may stay unacknowledged before the server
    /// hands it out again.
    pub ack_wait: Duration,
    /// How many delivered, unacknowledged tickets the cooks may hold.
    pub max_ack_pending: i64,
}

/// Creates the file-backed work-queue stream and the cooks' consumer, waiting
/// (judged by progress) while a new cluster elects its leaders.
pub async fn create_work_queue(
    js: &jetstream::Context,
    config: QueueConfig,
) -> Result<jetstream::consumer::Consumer<pull::Config>, String> {
    let stream_config = stream::Config {
        name: STREAM.into(),
        subjects: vec![SUBJECTS.into()],
        retention: stream::RetentionPolicy::WorkQueue,
        storage: stream::StorageType::File,
        num_replicas: config.replicas,
        duplicate_window: Duration::from_secs(120),
        ..Default::default()
    };
    let consumer_config = pull::Config {
        durable_name: Some(CONSUMER.into()),
        ack_policy: jetstream::consumer::AckPolicy::Explicit,
        ack_wait: config.ack_wait,
        max_ack_pending: config.max_ack_pending,
        num_replicas: config.replicas,
        ..Default::default()
    };
    // A new cluster answers "no leader" until it has elected one: try
    // again until the stall limit, then give the server's last answer.
    let start = Instant::now();
    loop {
        let result = match js.get_or_create_stream(stream_config.clone()).await {
            Ok(stream) => stream
                .get_or_create_consumer(CONSUMER, consumer_config.clone())
                .await
                .map_err(|e| format!("cannot create consumer {CONSUMER}: {e}")),
            Err(e) => Err(format!("cannot create stream {STREAM}: {e}")),
        };
        match result {
            Ok(consumer) => return Ok(consumer),
            Err(e) if start.elapsed() > STALL_LIMIT => {
                return Err(format!(
                    "gave up waiting for JetStream to create the work queue after {} s: {e}",
                    STALL_LIMIT.as_secs()
                ));
            }
            Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
        }
    }
}

/// The subject and message id of ticket `n`.
pub fn ticket_subject(n: u64) -> String {
    format!("tickets.table-{}", n % 8 + 1)
}

pub fn ticket_id(n: u64) -> String {
    format!("ticket-{n}")
}

/// Publishes ticket `n` until the stream acknowledges it, sending the same
/// message id each time so the stream keeps one copy however often a lost
/// answer makes us send it. Returns whether the stream said "duplicate"
/// (an earlier attempt had been stored after all).
pub async fn publish_ticket(js: &jetstream::Context, n: u64) -> Result<bool, String> {
    let start = Instant::now();
    loop {
        let publish = PublishMessage::build()
            .payload(n.to_string().into())
            .message_id(ticket_id(n));
        let ack = match js.send_publish(ticket_subject(n), publish).await {
            Ok(ack) => ack.await.map_err(|e| e.to_string()),
            Err(e) => Err(e.to_string()),
        };
        match ack {
            Ok(ack) => return Ok(ack.duplicate),
            Err(e) if start.elapsed() > STALL_LIMIT => {
                return Err(format!(
                    "gave up waiting for the stream to acknowledge ticket {n} after {} s: {e}",
                    STALL_LIMIT.as_secs()
                ));
            }
            // The server is down or electing a leader: send it again, with
            // the same message id.
            Err(_) => tokio::time::sleep(Duration::from_millis(20)).await,
        }
    }
}

/// The stream's count of stored tickets and the consumer's count of
/// delivered, unacknowledged ones; `None` while the server does not answer.
pub async fn queue_state(js: &jetstream::Context) -> Option<(u64, usize)> {
    let mut stream = js.get_stream(STREAM).await.ok()?;
    let stored = stream.info().await.ok()?.state.messages;
    let mut consumer: jetstream::consumer::Consumer<pull::Config> =
        stream.get_consumer(CONSUMER).await.ok()?;
    let in_hand = consumer.info().await.ok()?.num_ack_pending;
    Some((stored, in_hand))
}
