// ANCHOR: all
use async_nats::jetstream::{self, consumer::pull, stream};
use futures_util::StreamExt;
use std::time::Duration;

// async-nats's own error type: a boxed error that can cross threads.
type Result<T> = std::result::Result<T, async_nats::Error>;

#[tokio::main]
async fn main() -> Result<()> {
    let server = broker::Server::start()?;
    let js = jetstream::new(async_nats::connect(server.url()).await?);

    // ANCHOR: queue
    // The rail is a stream that keeps every ticket until a cook acks it.
    let tickets = js
        .create_stream(stream::Config {
            name: "TICKETS".into(),
            subjects: vec!["tickets.>".into()],
            retention: stream::RetentionPolicy::WorkQueue,
            storage: stream::StorageType::File,
            ..Default::default()
        })
        .await?;
    // The cooks share one consumer: each ticket goes to one of them, and
    // comes back if it is not acked within `ack_wait`.
    tickets
        .create_consumer(pull::Config {
            durable_name: Some("cooks".into()),
            ack_policy: jetstream::consumer::AckPolicy::Explicit,
            ack_wait: Duration::from_millis(300),
            ..Default::default()
        })
        .await?;
    // ANCHOR_END: queue

    // ANCHOR: publish
    for (n, dish) in (1..).zip(["soup", "bread", "stew", "tart"]) {
        let subject = format!("tickets.table-{n}");
        // The second `.await` waits for the stream to say it has stored it.
        let stored = js.publish(subject, dish.into()).await?.await?;
        println!(
            "waiter: ticket {n} ({dish}) stored as message {}",
            stored.sequence
        );
    }
    // ANCHOR_END: publish

    // ANCHOR: ana
    {
        // Ana has a connection of her own, as a cook process would.
        let js = jetstream::new(async_nats::connect(server.url()).await?);
        let cooks: jetstream::consumer::PullConsumer =
            js.get_consumer_from_stream("cooks", "TICKETS").await?;
        let mut batch = cooks.fetch().max_messages(2).messages().await?;
        let first = batch.next().await.ok_or("no ticket")??;
        println!("ana: cooks {}, acks it", text(&first));
        // `double_ack` returns once the server has the ack; `ack` only
        // queues it on the connection, which is about to go.
        first.double_ack().await?;
        let second = batch.next().await.ok_or("no ticket")??;
        println!("ana: cooks {}, and dies before she acks it", text(&second));
        // Everything Ana holds is dropped here, her connection too, as
        // when her process dies.
    }
    // ANCHOR_END: ana

    // ANCHOR: ben
    let cooks: jetstream::consumer::PullConsumer =
        js.get_consumer_from_stream("cooks", "TICKETS").await?;
    let mut rail = cooks.messages().await?;
    for _ in 0..3 {
        let ticket = rail.next().await.ok_or("no ticket")??;
        let delivery = ticket.info()?.delivered;
        println!(
            "ben: cooks {} (delivery {delivery}), acks it",
            text(&ticket)
        );
        ticket.double_ack().await?;
    }
    // ANCHOR_END: ben
    let left = js.get_stream("TICKETS").await?.info().await?.state.messages;
    println!("tickets left in the stream: {left}");
    Ok(())
}

/// A ticket as the cooks print it: its subject and dish.
fn text(message: &jetstream::Message) -> String {
    format!(
        "{} ({})",
        message.subject,
        String::from_utf8_lossy(&message.payload)
    )
}
// ANCHOR_END: all
