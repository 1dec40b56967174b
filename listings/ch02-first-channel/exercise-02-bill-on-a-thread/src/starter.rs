// ANCHOR: starter
/// Adds up a table's bill on a waiter thread and returns it as text, such as
/// `"20.95"`. Prices are in cents (`1250` is 12.50). The waiter thread sends
/// the total over a channel; this function receives it and formats it.
pub fn bill(prices: Vec<u32>) -> String {
    // TODO: create a channel (`std::sync::mpsc`) for the total in cents.
    // TODO: spawn a waiter thread (`std::thread`) that owns the Sender and
    // sends `prices.iter().sum()`. If the compiler cannot tell which number
    // type that is, name the channel's message type.
    let _ = prices;
    // TODO: receive the total from the channel instead of using this 0.
    let cents = 0;
    format!("{}.{:02}", cents / 100, cents % 100)
}
// ANCHOR_END: starter
