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
    let waiter = async_nats::connect(server.url()).await?;
    let chef = async_nats::connect(server.url()).await?;
    // ANCHOR_END: server

    // ANCHOR: nobody
    waiter.publish("tickets", "ticket 1: soup".into()).await?;
    // `flush` returns once the server has everything sent so far.
    waiter.flush().await?;
    println!("waiter: ticket 1 published: Ok, though nobody subscribes");
    // ANCHOR_END: nobody

    // ANCHOR: subscribe
    let mut rail = chef.subscribe("tickets").await?;
    // Once this returns, the server knows the chef is listening.
    chef.flush().await?;
    for ticket in ["ticket 2: bread", "ticket 3: stew"] {
        waiter.publish("tickets", ticket.into()).await?;
    }
    for _ in 0..2 {
        let message = rail.next().await.ok_or("the subscription ended")?;
        println!("chef: {}", String::from_utf8_lossy(&message.payload));
    }
    // ANCHOR_END: subscribe

    // ANCHOR: left
    rail.unsubscribe().await?;
    chef.flush().await?;
    waiter.publish("tickets", "ticket 4: tart".into()).await?;
    waiter.flush().await?;
    println!("waiter: ticket 4 published: Ok, though the chef has left");
    // ANCHOR_END: left

    // ANCHOR: late
    // A new chef's first ticket is the next one published: tickets 1 and
    // 4 were kept nowhere.
    let mut rail = chef.subscribe("tickets").await?;
    chef.flush().await?;
    waiter.publish("tickets", "ticket 5: pie".into()).await?;
    let first = rail.next().await.ok_or("the subscription ended")?;
    println!(
        "new chef's first: {}",
        String::from_utf8_lossy(&first.payload)
    );
    // ANCHOR_END: late
    Ok(())
}
// ANCHOR_END: all
