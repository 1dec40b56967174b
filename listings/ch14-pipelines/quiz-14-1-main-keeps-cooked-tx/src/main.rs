use std::sync::mpsc::{self, Receiver, Sender, SyncSender};
use std::thread;

/// Room on each rail between two stations.
const ROOM: usize = 2;

const ORDERS: [&str; 8] = [
    "table 3: soup",
    "table 1: pasta",
    "table 4: stew",
    "table 3: steak",
    "table 2: risotto",
    "table 1: curry",
    "table 4: soup",
    "table 2: pie",
];

// Each rail carries its own type: a station can only be wired to the one
// before it and the one after it.
struct Order {
    number: usize,
    table: u32,
    dish: String,
}

struct Cooked {
    number: usize,
    table: u32,
    food: String,
}

struct Plated {
    number: usize,
    table: u32,
    plate: String,
}

fn take_orders(lines: &[&str], out: SyncSender<Order>, log: Sender<String>) {
    for (number, line) in (1..).zip(lines) {
        let (table, dish) = line
            .strip_prefix("table ")
            .and_then(|rest| rest.split_once(": "))
            .expect("an order looks like `table N: dish`");
        let table = table.parse().expect("a table number");
        let dish = dish.to_string();
        out.send(Order {
            number,
            table,
            dish,
        })
        .unwrap();
    }
    log.send(format!("take: all {} orders sent", lines.len()))
        .unwrap();
    // Returning drops `out`: the cook's rail closes behind the last order.
}

fn cook(orders: Receiver<Order>, out: SyncSender<Cooked>, log: Sender<String>) {
    let mut count = 0;
    // The loop ends only when the rail is closed AND empty.
    for Order {
        number,
        table,
        dish,
    } in orders
    {
        let food = format!("hot {dish}");
        out.send(Cooked {
            number,
            table,
            food,
        })
        .unwrap();
        count += 1;
    }
    log.send(format!("cook: rail closed after {count} orders"))
        .unwrap();
    // Returning drops `out`, which closes the plater's rail in turn.
}

fn plate(cooked: Receiver<Cooked>, out: SyncSender<Plated>, log: Sender<String>) {
    let mut count = 0;
    for Cooked {
        number,
        table,
        food,
    } in cooked
    {
        let plate = format!("{food} on a warm plate");
        out.send(Plated {
            number,
            table,
            plate,
        })
        .unwrap();
        count += 1;
    }
    log.send(format!("plate: rail closed after {count} dishes"))
        .unwrap();
}

fn main() {
    let (orders_tx, orders_rx) = mpsc::sync_channel(ROOM);
    let (cooked_tx, cooked_rx) = mpsc::sync_channel(ROOM);
    let (plated_tx, plated_rx) = mpsc::sync_channel(ROOM);
    // Stations report here when their input closes. Only main prints.
    let (log_tx, log_rx) = mpsc::channel();
    // ANCHOR: shown
    // Never used, but alive until main returns.
    let _spare_cooked_tx = cooked_tx.clone();
    // ANCHOR_END: shown

    let stations = vec![
        {
            let log = log_tx.clone();
            thread::spawn(move || take_orders(&ORDERS, orders_tx, log))
        },
        {
            let log = log_tx.clone();
            thread::spawn(move || cook(orders_rx, cooked_tx, log))
        },
        thread::spawn(move || plate(cooked_rx, plated_tx, log_tx)),
    ];

    // The pass: main serves whatever reaches the end of the line.
    let mut served = 0;
    for Plated {
        number,
        table,
        plate,
    } in plated_rx
    {
        served += 1;
        // One thread per station and FIFO rails: order numbers come out
        // exactly in the order they went in.
        assert_eq!(number, served, "dishes came out of order");
        println!("order {number} to table {table}: {plate}");
    }
    for line in log_rx.try_iter() {
        println!("{line}");
    }
    println!("serve: rail closed after {served} dishes");
    for station in stations {
        station.join().unwrap();
    }
}
