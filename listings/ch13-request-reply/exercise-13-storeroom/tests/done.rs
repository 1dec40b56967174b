use exercise_13_storeroom::{Request, Stock, StockError, Storeroom, open, run_storeroom};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread;
use std::time::Duration;

/// Runs `f` on a thread of its own and waits at most 5 s for it, so a cook
/// or a storeroom that waits forever fails the test instead of hanging it.
fn within_5s<T: Send + 'static>(what: &str, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (done_tx, done_rx) = mpsc::channel();
    thread::spawn(move || done_tx.send(f()).unwrap());
    match done_rx.recv_timeout(Duration::from_secs(5)) {
        Ok(value) => value,
        Err(RecvTimeoutError::Timeout) => panic!("{what} did not finish within 5 s"),
        Err(RecvTimeoutError::Disconnected) => panic!("{what} panicked (see its message above)"),
    }
}

fn stock(items: &[(&str, u32)]) -> Stock {
    items
        .iter()
        .map(|&(item, n)| (item.to_string(), n))
        .collect()
}

/// What is left of `item`; an item that is not listed counts as 0.
fn left(stock: &Stock, item: &str) -> u32 {
    stock.get(item).copied().unwrap_or(0)
}

#[test]
fn one_cook_counts_and_takes() {
    let (storeroom, thread) = open(stock(&[("flour", 10), ("eggs", 6)]));
    let answers = within_5s("one cook's requests", move || {
        let answers = vec![
            format!("{:?}", storeroom.count("flour")),
            format!("{:?}", storeroom.take("flour", 3)),
            format!("{:?}", storeroom.count("flour")),
            format!("{:?}", storeroom.take("flour", 8)),
            format!("{:?}", storeroom.count("flour")),
            format!("{:?}", storeroom.take("truffles", 1)),
            format!("{:?}", storeroom.count("truffles")),
            format!("{:?}", storeroom.take("eggs", 6)),
            format!("{:?}", storeroom.count("eggs")),
        ];
        // The last handle goes with this closure, so the storeroom can close.
        drop(storeroom);
        answers
    });
    let expected = [
        "Ok(10)",
        "Ok(())",
        "Ok(7)",
        "Err(NotEnough { have: 7 })",
        "Ok(7)",
        "Err(NotEnough { have: 0 })",
        "Ok(0)",
        "Ok(())",
        "Ok(0)",
    ];
    assert_eq!(answers, expected);
    let final_stock = within_5s("joining the storeroom", move || thread.join().unwrap());
    assert_eq!(left(&final_stock, "flour"), 7);
    assert_eq!(left(&final_stock, "eggs"), 0);
}

#[test]
fn many_cooks_share_the_stock() {
    let (storeroom, thread) = open(stock(&[("eggs", 100), ("flour", 50)]));
    let (got, final_stock) = within_5s("five cooks", move || {
        let cooks: Vec<_> = (0..5)
            .map(|_| {
                let storeroom = storeroom.clone();
                thread::spawn(move || {
                    let mut got = Vec::new();
                    for _ in 0..30 {
                        got.push(("eggs", storeroom.take("eggs", 1)));
                        got.push(("flour", storeroom.take("flour", 3)));
                    }
                    got
                })
            })
            .collect();
        drop(storeroom);
        let got: Vec<_> = cooks.into_iter().flat_map(|c| c.join().unwrap()).collect();
        (got, thread.join().unwrap())
    });
    // 150 tries for 100 eggs, and 150 tries of 3 for 50 flour: every egg
    // and every whole portion of flour goes to exactly one cook.
    let taken = |item| got.iter().filter(|(i, r)| *i == item && r.is_ok()).count();
    assert_eq!(taken("eggs"), 100, "eggs taken");
    assert_eq!(taken("flour"), 16, "portions of flour taken");
    assert_eq!(left(&final_stock, "eggs"), 0);
    assert_eq!(left(&final_stock, "flour"), 2);
    for (item, result) in &got {
        match result {
            Ok(()) => {}
            Err(StockError::NotEnough { have }) if *item == "eggs" => assert_eq!(*have, 0),
            Err(StockError::NotEnough { have }) => assert_eq!(*have, 2),
            Err(e) => panic!("{item}: unexpected {e:?}"),
        }
    }
}

#[test]
fn a_cook_who_stopped_waiting_does_not_close_the_storeroom() {
    let (requests, inbox) = mpsc::channel();
    let thread = thread::spawn(move || run_storeroom(stock(&[("flour", 10)]), inbox));
    // A cook sends a request and leaves before the answer comes.
    let (reply, answer) = mpsc::sync_channel(1);
    drop(answer);
    let take = Request::Take {
        item: "flour".to_string(),
        n: 2,
        reply,
    };
    requests.send(take).unwrap();
    let storeroom = Storeroom::new(requests);
    let count = within_5s("the next cook's count", move || storeroom.count("flour"));
    assert_eq!(
        count,
        Ok(8),
        "the storeroom must still take the flour, and keep serving after a reply fails"
    );
    let final_stock = within_5s("joining the storeroom", move || thread.join().unwrap());
    assert_eq!(left(&final_stock, "flour"), 8);
}

#[test]
fn no_cook_waits_for_a_storeroom_that_is_gone() {
    // The storeroom's Receiver is gone: sending fails.
    let (requests, inbox) = mpsc::channel();
    drop(inbox);
    let storeroom = Storeroom::new(requests);
    let result = within_5s("a take from a closed storeroom", move || {
        storeroom.take("flour", 1)
    });
    assert_eq!(result, Err(StockError::StoreroomClosed));

    // The storeroom takes the request and drops it unanswered, as one that
    // panics would; its Receiver lives on until the test is done.
    let (requests, inbox) = mpsc::channel::<Request>();
    let (finished_tx, finished) = mpsc::channel::<()>();
    thread::spawn(move || {
        drop(inbox.recv());
        drop(inbox.recv());
        let _ = finished.recv();
    });
    let storeroom = Storeroom::new(requests);
    let results = within_5s("requests dropped unanswered", move || {
        (storeroom.take("flour", 1), storeroom.count("flour"))
    });
    drop(finished_tx);
    assert_eq!(
        results,
        (
            Err(StockError::StoreroomClosed),
            Err(StockError::StoreroomClosed)
        )
    );
}
