fn main() {
    let (_tx, _rx) = tokio::sync::mpsc::channel::<u32>(0);
    println!("made a channel with no room");
}
