//! Every program in `cases/` must fail to compile, and the compiler's message
//! must equal the `.stderr` file beside it: the book includes those files, so
//! the errors a reader sees are the ones checked here.
//!
//! After a Rust upgrade (the `channel` in rust-toolchain.toml), re-bless the
//! messages with `cargo xtask bless` and review the diff.

use std::process::Command;

/// The compiler the `.stderr` files were written by: the toolchain the
/// project pins. Compiler wording changes between releases, so another
/// version would fail with a confusing diff.
fn blessed_with() -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../rust-toolchain.toml");
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
    let channel = text
        .lines()
        .find_map(|l| {
            let (key, value) = l.split_once('=')?;
            (key.trim() == "channel").then(|| value.trim().trim_matches('"').to_owned())
        })
        .unwrap_or_else(|| panic!("{path} names no `channel`"));
    format!("rustc {channel} ")
}

#[test]
fn book_examples_fail_to_compile_as_shown() {
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let version = Command::new(&rustc)
        .arg("--version")
        .output()
        .expect("cannot run rustc --version");
    let version = String::from_utf8_lossy(&version.stdout);
    let blessed_with = blessed_with();
    assert!(
        version.starts_with(&blessed_with),
        "the compiler errors in tests/compile-fail/cases/*.stderr were recorded with \
         {blessed_with}(rust-toolchain.toml) but this is {version}Use the pinned toolchain \
         (rustup reads rust-toolchain.toml), or change it and re-bless with `cargo xtask bless`."
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
    numbers_are_unique();
    println!("{cases} compile-fail cases");

    let t = trybuild::TestCases::new();
    t.compile_fail("cases/*.rs");
}

/// The book names a case by its file (`{{#compile-fail 15_serialize_sender}}`),
/// and its number orders the cases: two cases with one number read as one
/// case renamed.
fn numbers_are_unique() {
    let mut seen = std::collections::BTreeMap::new();
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/cases");
    for entry in std::fs::read_dir(dir).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        let Some(stem) = name.strip_suffix(".rs") else {
            continue;
        };
        let Some((number, _)) = stem.split_once('_') else {
            continue;
        };
        if !number.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        if let Some(other) = seen.insert(number.to_string(), name.clone()) {
            panic!(
                "tests/compile-fail/cases: {other} and {name} have the same number {number}; \
                 give one the next free number and update the chapters that name it"
            );
        }
    }
}
