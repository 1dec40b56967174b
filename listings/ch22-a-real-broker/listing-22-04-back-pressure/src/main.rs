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

    // ANCHOR: limits
    let tickets = js
        .create_stream(stream::Config {
            name: "TICKETS".into(),
            subjects: vec!["tickets.>".into()],
            retention: stream::RetentionPolicy::WorkQueue,
            // Room for four tickets; a fifth is refused, not stored over
            // an old one.
            max_messages: 4,
            discard: stream::DiscardPolicy::New,
            ..Default::default()
        })
        .await?;
    let cooks: jetstream::consumer::PullConsumer = tickets
        .create_consumer(pull::Config {
            durable_name: Some("cooks".into()),
            ack_policy: jetstream::consumer::AckPolicy::Explicit,
            // No cook gets more than two tickets it has not acked.
            max_ack_pending: 2,
            ..Default::default()
        })
        .await?;
    // ANCHOR_END: limits

    // ANCHOR: full
    for n in 1..=5 {
        let answer = match js
            .publish(format!("tickets.table-{n}"), "soup".into())
            .await
        {
            Ok(ack) => ack.await,
            Err(e) => Err(e),
        };
        match answer {
            Ok(stored) => println!("waiter: ticket {n} stored as message {}", stored.sequence),
            Err(e) => println!("waiter: ticket {n} refused: {e}"),
        }
    }
    // ANCHOR_END: full

    // ANCHOR: pending
    let mut in_hand = Vec::new();
    for round in 1..=2 {
        take_up_to_4(&cooks, &mut in_hand).await?;
        println!(
            "cook, round {round}: asked for 4 more, holds {}",
            in_hand.len()
        );
    }
    let done = in_hand.remove(0);
    done.double_ack().await?;
    println!("cook: acks {}, holds {}", done.subject, in_hand.len());
    take_up_to_4(&cooks, &mut in_hand).await?;
    println!("cook, round 3: asked for 4 more, holds {}", in_hand.len());
    // ANCHOR_END: pending

    // ANCHOR: room
    // The acked ticket has left the stream, so there is room again.
    let stored = js.publish("tickets.table-5", "soup".into()).await?.await?;
    println!("waiter: ticket 5 stored as message {}", stored.sequence);
    // ANCHOR_END: room
    Ok(())
}

// ANCHOR: take
/// Asks for up to four tickets and waits at most 100 ms for them.
async fn take_up_to_4(
    cooks: &jetstream::consumer::PullConsumer,
    in_hand: &mut Vec<jetstream::Message>,
) -> Result<()> {
    let mut batch = cooks
        .batch()
        .max_messages(4)
        .expires(Duration::from_millis(100))
        .messages()
        .await?;
    while let Some(ticket) = batch.next().await {
        in_hand.push(ticket?);
    }
    Ok(())
}
// ANCHOR_END: take
// ANCHOR_END: all
