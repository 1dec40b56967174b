//! Tells the snippet runner the target triple: skeptic's runtime compiles each
//! snippet for it. Nothing else happens at build time (the book is rendered by
//! the tests themselves), so `cargo check` and rust-analyzer need no tool.

fn main() {
    let target = std::env::var("TARGET").expect("cargo sets TARGET for build scripts");
    println!("cargo:rustc-env=SNIPPET_TARGET={target}");
    println!("cargo:rerun-if-changed=build.rs");
}
