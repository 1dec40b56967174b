// Chapter 10, quiz 5: Listing 10-3's commands as `Box<dyn Command>`, without `+ Send`.
use std::sync::mpsc;
use std::thread;

trait Command {
    fn run(&self) -> String;
}

struct Ring;

impl Command for Ring {
    fn run(&self) -> String {
        String::from("ring")
    }
}

fn main() {
    let (tx, rx) = mpsc::channel::<Box<dyn Command>>();
    let plugin = thread::spawn(move || tx.send(Box::new(Ring)).unwrap());
    for command in rx {
        println!("{}", command.run());
    }
    plugin.join().unwrap();
}
