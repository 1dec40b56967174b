// ANCHOR: all
use futures_util::StreamExt;

// async-nats's own error type: a boxed error that can cross threads.
type Result<T> = std::result::Result<T, async_nats::Error>;

#[tokio::main]
async fn main() -> Result<()> {
    // ANCHOR: server
    // A nats-server of our own on a free port on 127.0.0.1; dropping
    // `server` stops it.
    let server = broker::Server::start()?;
    // Waiter and chef share one connection, so the server acts on every
    // step in the order the program takes it.
    let kitchen = async_nats::connect(server.url()).await?;
    // ANCHOR_END: server

    // ANCHOR: nobody
    kitchen.publish("tickets", "ticket 1: soup".into()).await?;
    println!("waiter: ticket 1 published: Ok, though nobody subscribes");
    // ANCHOR_END: nobody

    // ANCHOR: subscribe
    let mut rail = kitchen.subscribe("tickets").await?;
    for ticket in ["ticket 2: bread", "ticket 3: stew"] {
        kitchen.publish("tickets", ticket.into()).await?;
    }
    for _ in 0..2 {
        let message = rail.next().await.ok_or("the subscription ended")?;
        println!("chef: {}", String::from_utf8_lossy(&message.payload));
    }
    // ANCHOR_END: subscribe

    // ANCHOR: left
    rail.unsubscribe().await?;
    kitchen.publish("tickets", "ticket 4: tart".into()).await?;
    println!("waiter: ticket 4 published: Ok, though the chef has left");
    // ANCHOR_END: left

    // ANCHOR: late
    // A new chef's first ticket is the next one published: tickets 1 and
    // 4 were kept nowhere.
    let mut rail = kitchen.subscribe("tickets").await?;
    kitchen.publish("tickets", "ticket 5: pie".into()).await?;
    let first = rail.next().await.ok_or("the subscription ended")?;
    println!(
        "new chef's first: {}",
        String::from_utf8_lossy(&first.payload)
    );
    // ANCHOR_END: late
    Ok(())
}
// ANCHOR_END: all
