use std::sync::mpsc;

fn main() {
    let (tx, rx) = mpsc::channel();
    for table in [1, 2, 3] {
        tx.send(format!("table {table}")).unwrap();
    }
    drop(tx);
    for _ in 0..4 {
        println!("{:?}", rx.try_recv());
    }
}
