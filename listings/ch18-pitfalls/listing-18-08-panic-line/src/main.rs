// ANCHOR: all
use std::env;
use std::process::Command;
use std::thread;

// ANCHOR: kitchen
/// A named thread panics, then an unnamed one. Each is joined before the
/// next starts, so their messages come out in this order.
fn kitchen() {
    let chef = thread::Builder::new()
        .name("chef".to_string())
        .spawn(|| panic!("out of onions"))
        .expect("the OS could not start a thread");
    assert!(chef.join().is_err());

    let helper = thread::spawn(|| panic!("out of onions"));
    assert!(helper.join().is_err());
}
// ANCHOR_END: kitchen

// ANCHOR: main
fn main() {
    if env::args().nth(1).as_deref() == Some("kitchen") {
        kitchen();
        return;
    }
    // The panic messages go to stderr. To show them exactly as they are
    // written, the program runs itself again as a child and prints what the
    // child wrote there. Without RUST_BACKTRACE, no backtrace follows them.
    let child = Command::new(env::current_exe().expect("no path to this program"))
        .arg("kitchen")
        .env_remove("RUST_BACKTRACE")
        .env_remove("RUST_LIB_BACKTRACE")
        .output()
        .expect("could not run the kitchen");
    assert!(child.status.success(), "the kitchen itself failed");
    println!("what the kitchen wrote to stderr:");
    print!("{}", String::from_utf8_lossy(&child.stderr));
}
// ANCHOR_END: main
// ANCHOR_END: all
