// ANCHOR: all
use async_nats::jetstream::{self, consumer::pull, kv, message::PublishMessage, stream};
use futures_util::StreamExt;
use std::time::Duration;

// async-nats's own error type: a boxed error that can cross threads.
type Result<T> = std::result::Result<T, async_nats::Error>;

#[tokio::main]
async fn main() -> Result<()> {
    let server = broker::Server::start()?;
    let js = jetstream::new(async_nats::connect(server.url()).await?);
    let tickets = js
        .create_stream(stream::Config {
            name: "TICKETS".into(),
            subjects: vec!["tickets.>".into()],
            retention: stream::RetentionPolicy::WorkQueue,
            storage: stream::StorageType::File,
            // Message ids are remembered this long, to spot a repeat.
            duplicate_window: Duration::from_secs(120),
            ..Default::default()
        })
        .await?;
    tickets
        .create_consumer(pull::Config {
            durable_name: Some("cooks".into()),
            ack_policy: jetstream::consumer::AckPolicy::Explicit,
            ack_wait: Duration::from_millis(300),
            ..Default::default()
        })
        .await?;
    // ANCHOR: pass
    // The pass, where finished plates go: a key-value bucket, kept by the
    // server like the stream, one entry per ticket.
    let pass = js
        .create_key_value(kv::Config {
            bucket: "PASS".into(),
            ..Default::default()
        })
        .await?;
    // ANCHOR_END: pass

    // ANCHOR: publish
    let order = [
        (1, "soup"),
        (2, "bread"),
        (3, "stew"),
        (4, "tart"),
        (4, "tart"),
    ];
    for (n, dish) in order {
        // The ticket's id travels as the message id (the Nats-Msg-Id
        // header): the same ticket sent again is the same message.
        let ticket = PublishMessage::build()
            .payload(dish.into())
            .message_id(format!("ticket-{n}"));
        let stored = js
            .send_publish(format!("tickets.table-{n}"), ticket)
            .await?
            .await?;
        if stored.duplicate {
            println!("waiter: ticket {n} again: a duplicate, the stream keeps one");
        } else {
            println!("waiter: ticket {n} stored as message {}", stored.sequence);
        }
    }
    // ANCHOR_END: publish

    {
        let js = jetstream::new(async_nats::connect(server.url()).await?);
        let pass = js.get_key_value("PASS").await?;
        let cooks: jetstream::consumer::PullConsumer =
            js.get_consumer_from_stream("cooks", "TICKETS").await?;
        let mut batch = cooks.fetch().max_messages(2).messages().await?;
        let first = batch.next().await.ok_or("no ticket")??;
        cook("ana", &pass, &first).await?;
        first.double_ack().await?;
        let second = batch.next().await.ok_or("no ticket")??;
        cook("ana", &pass, &second).await?;
        println!("ana: dies before she acks {}", id(&second)?);
    }

    let cooks: jetstream::consumer::PullConsumer =
        js.get_consumer_from_stream("cooks", "TICKETS").await?;
    let mut rail = cooks.messages().await?;
    for _ in 0..3 {
        let ticket = rail.next().await.ok_or("no ticket")??;
        cook("ben", &pass, &ticket).await?;
        ticket.double_ack().await?;
    }
    let plates = pass.keys().await?.count().await;
    println!("plates on the pass: {plates}");
    Ok(())
}

// ANCHOR: cook
/// Cooks a ticket unless its plate is already on the pass. `create` puts
/// the plate there only if the key is new, in one step on the server, so a
/// ticket delivered twice is cooked once.
async fn cook(cook: &str, pass: &kv::Store, ticket: &jetstream::Message) -> Result<()> {
    let id = id(ticket)?;
    let delivery = ticket.info()?.delivered;
    match pass.create(&id, ticket.payload.clone()).await {
        Ok(_) => println!("{cook}: cooks {id} (delivery {delivery})"),
        Err(e) if e.kind() == kv::CreateErrorKind::AlreadyExists => {
            println!(
                "{cook}: {id} is already on the pass (delivery {delivery}): acks it, cooks nothing"
            )
        }
        Err(e) => return Err(e.into()),
    }
    Ok(())
}
// ANCHOR_END: cook

/// The ticket's id: the message id it was published with.
fn id(ticket: &jetstream::Message) -> Result<String> {
    let header = ticket.headers.as_ref().and_then(|h| h.get("Nats-Msg-Id"));
    Ok(header.ok_or("a ticket without an id")?.as_str().to_string())
}
// ANCHOR_END: all
