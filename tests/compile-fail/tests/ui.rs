//! Every program in `cases/` must fail to compile, and the compiler's message
//! must equal the `.stderr` file beside it: the book includes those files, so
//! the errors a reader sees are the ones checked here.
//!
//! After a Rust upgrade, re-bless the messages with
//! `TRYBUILD=overwrite cargo test -p compile-fail`, review the diff, and
//! update `BLESSED_WITH` below.

use std::process::Command;

/// The compiler the `.stderr` files were written by. Compiler wording changes
/// between releases, so another version would fail with a confusing diff.
const BLESSED_WITH: &str = "rustc 1.95.0 ";

#[test]
fn book_examples_fail_to_compile_as_shown() {
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let version = Command::new(&rustc)
        .arg("--version")
        .output()
        .expect("cannot run rustc --version");
    let version = String::from_utf8_lossy(&version.stdout);
    assert!(
        version.starts_with(BLESSED_WITH),
        "the compiler errors in tests/compile-fail/cases/*.stderr were recorded with \
         {BLESSED_WITH}but this is {version}Use Rust 1.95.0, or re-bless them with \
         `TRYBUILD=overwrite cargo test -p compile-fail` and update BLESSED_WITH."
    );

    let cases = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/cases"))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "rs")
        })
        .count();
    assert!(cases > 0, "no compile-fail cases found in cases/");
    println!("{cases} compile-fail cases");

    let t = trybuild::TestCases::new();
    t.compile_fail("cases/*.rs");
}
