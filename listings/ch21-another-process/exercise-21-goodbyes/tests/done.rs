use exercise_21_goodbyes::{Note, Shift, chef, send};
use std::io::{self, Write};
use std::process::{Command, Stdio};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread;
use std::time::Duration;

/// Runs `f` on a thread of its own and waits at most 5 s for it, so a chef
/// that waits forever fails the test instead of hanging it.
fn within_5s<T: Send + 'static>(what: &str, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (done_tx, done_rx) = mpsc::channel();
    thread::spawn(move || done_tx.send(f()).unwrap());
    match done_rx.recv_timeout(Duration::from_secs(5)) {
        Ok(value) => value,
        Err(RecvTimeoutError::Timeout) => panic!("{what} did not finish within 5 s"),
        Err(RecvTimeoutError::Disconnected) => panic!("{what} panicked (see its message above)"),
    }
}

fn ticket(waiter: u32, dish: &str) -> Note {
    Note::Ticket {
        waiter,
        dish: dish.to_string(),
    }
}

#[test]
fn one_waiter_says_goodbye() {
    let (rail, mut writer) = io::pipe().unwrap();
    let waiter = thread::spawn(move || {
        for dish in ["soup", "bread", "tart"] {
            send(&mut writer, &ticket(1, dish)).unwrap();
        }
        send(&mut writer, &Note::Goodbye { waiter: 1 }).unwrap();
    });
    let shift = within_5s("the chef", move || chef(rail, &[1]).unwrap());
    waiter.join().unwrap();
    let expected = Shift {
        tickets: vec![(1, "soup".into()), (1, "bread".into()), (1, "tart".into())],
        said_goodbye: vec![1],
        vanished: vec![],
    };
    assert_eq!(shift, expected);
}

#[test]
fn a_waiter_that_leaves_without_goodbye_has_vanished() {
    let (rail, writer) = io::pipe().unwrap();
    let mut ana = writer.try_clone().unwrap();
    let mut ben = writer;
    send(&mut ana, &ticket(1, "soup")).unwrap();
    send(&mut ben, &ticket(2, "salad")).unwrap();
    send(&mut ana, &Note::Goodbye { waiter: 1 }).unwrap();
    // Ben's write end goes without a goodbye, as it does when he crashes.
    drop(ben);
    drop(ana);
    let shift = within_5s("the chef", move || chef(rail, &[1, 2, 3]).unwrap());
    assert_eq!(shift.tickets, [(1, "soup".into()), (2, "salad".into())]);
    assert_eq!(shift.said_goodbye, [1]);
    // Waiter 3 never wrote anything at all: vanished too.
    assert_eq!(shift.vanished, [2, 3]);
}

#[test]
fn a_process_killed_after_a_ticket_has_vanished() {
    let (rail, writer) = io::pipe().unwrap();
    // A real process writes one ticket, in the format `send` writes, and
    // is killed by the kernel (SIGKILL) before it can say goodbye.
    let line = serde_json::to_string(&ticket(4, "stew")).unwrap();
    let mut child = Command::new("sh")
        .args(["-c", &format!("printf '%s\\n' '{line}'; kill -KILL $$")])
        .stdout(Stdio::from(writer))
        .spawn()
        .expect("sh runs");
    let shift = within_5s("the chef", move || chef(rail, &[4]).unwrap());
    assert!(!child.wait().unwrap().success());
    assert_eq!(shift.tickets, [(4, "stew".into())]);
    assert_eq!(shift.vanished, [4]);
}

#[test]
fn many_waiters_writing_at_once_never_mix_their_lines() {
    const WAITERS: u32 = 8;
    const TICKETS: u32 = 300;
    let (rail, writer) = io::pipe().unwrap();
    let waiters: Vec<_> = (1..=WAITERS)
        .map(|waiter| {
            let mut rail = writer.try_clone().unwrap();
            thread::spawn(move || {
                for n in 0..TICKETS {
                    send(
                        &mut rail,
                        &ticket(waiter, &format!("dish {n} of waiter {waiter}")),
                    )
                    .unwrap();
                }
                send(&mut rail, &Note::Goodbye { waiter }).unwrap();
            })
        })
        .collect();
    drop(writer);
    let all: Vec<u32> = (1..=WAITERS).collect();
    let shift = within_5s("the chef", move || {
        chef(rail, &all).expect("every line is a whole note: was one written in pieces?")
    });
    for w in waiters {
        w.join().unwrap();
    }
    assert_eq!(shift.said_goodbye, (1..=WAITERS).collect::<Vec<_>>());
    assert!(shift.vanished.is_empty());
    for waiter in 1..=WAITERS {
        let dishes: Vec<&str> = shift
            .tickets
            .iter()
            .filter(|(w, _)| *w == waiter)
            .map(|(_, d)| d.as_str())
            .collect();
        let expected: Vec<String> = (0..TICKETS)
            .map(|n| format!("dish {n} of waiter {waiter}"))
            .collect();
        assert_eq!(dishes, expected, "waiter {waiter}'s tickets, in order");
    }
}

#[test]
fn a_line_that_is_not_a_note_is_an_error() {
    let (rail, mut writer) = io::pipe().unwrap();
    send(&mut writer, &ticket(1, "soup")).unwrap();
    writer
        .write_all(b"{\"Ticket\":{\"waiter\":1,\"di\n")
        .unwrap();
    drop(writer);
    let result = within_5s("the chef", move || chef(rail, &[1]));
    let err = result.expect_err("half a note must be an error, not a ticket or a skip");
    // serde_json's error says what was wrong: bad data, or data cut off.
    assert!(
        matches!(
            err.kind(),
            io::ErrorKind::InvalidData | io::ErrorKind::UnexpectedEof
        ),
        "{err:?}"
    );
}
