//! Renders the book with mdBook's markdown renderer, which expands every
//! `{{#include}}` and `{{#rustdoc_include}}`, and hands the result to skeptic,
//! which turns each Rust block into a test (`tests/snippets.rs`).
//!
//! skeptic reads raw markdown and cannot expand includes itself; that is why
//! the book is rendered first. Blocks marked `compile_fail` are trybuild's
//! (tests/compile-fail) and are turned into plain text for skeptic.

#[path = "src/blocks.rs"]
#[allow(dead_code)]
mod blocks;

use blocks::{BlockKind, fenced_blocks};
use std::collections::BTreeSet;
use std::env;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// skeptic template for exercise code: a library module compiled as a binary.
/// (`{}` is the block; braces are doubled because skeptic uses it in `format!`.)
const SKT_LIB: &str = "```rust,skt-lib\n#![allow(unused)]\n{}\nfn main() {{}}\n```\n";

/// The mdBook release this book is built and checked with (`.ci/test` installs it).
const MDBOOK_VERSION: &str = "0.5.4";

fn main() {
    let manifest = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap());
    let root = manifest.parent().unwrap().parent().unwrap().to_path_buf();
    let out = PathBuf::from(env::var("OUT_DIR").unwrap());

    // Everything the rendered book is made of. (Once a build script names
    // what it depends on, cargo reruns it only when one of these changes.)
    for input in ["book.toml", "src", "listings", "tests/compile-fail/cases"] {
        println!("cargo:rerun-if-changed={}", root.join(input).display());
    }
    println!("cargo:rerun-if-env-changed=MDBOOK");

    let mdbook = env::var("MDBOOK").unwrap_or_else(|_| "mdbook".into());
    check_mdbook(&mdbook);

    // Render into a scratch directory, then copy only what changed into the
    // directories skeptic watches: a file rewritten on every run would make
    // cargo rerun this script (and recompile the tests) every time.
    let scratch = out.join("render");
    let _ = fs::remove_dir_all(&scratch);
    let rendered = Command::new(&mdbook)
        .arg("build")
        .arg(&root)
        .arg("--dest-dir")
        .arg(&scratch)
        .env("MDBOOK_OUTPUT", r#"{"markdown":{}}"#)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {mdbook}: {e}"));
    let log = String::from_utf8_lossy(&rendered.stderr).into_owned();
    if !rendered.status.success() {
        panic!("`mdbook build` (markdown renderer) failed:\n{log}");
    }
    write_if_changed(&out.join("mdbook-markdown.log"), &log);

    let chapters = markdown_files(&scratch);
    if chapters.is_empty() {
        panic!(
            "mdbook rendered no markdown files into {}",
            scratch.display()
        );
    }
    let expanded = out.join("expanded");
    let for_skeptic = out.join("skeptic-input");
    let mut inventory = String::new();
    let mut skeptic_files = Vec::new();
    for rel in &chapters {
        let text = fs::read_to_string(scratch.join(rel)).unwrap();
        write_if_changed(&expanded.join(rel), &text);

        let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
        for block in fenced_blocks(&text) {
            let kind = block.kind();
            if kind == BlockKind::CompileFail {
                // trybuild proves these fail; skeptic must not try to run them.
                let fence = &lines[block.line - 1];
                let ticks: String = fence
                    .trim_start()
                    .chars()
                    .take_while(|&c| c == '`' || c == '~')
                    .collect();
                lines[block.line - 1] = format!("{ticks}text");
            }
            inventory.push_str(&format!(
                "{}\t{}\t{:?}\t{}\n",
                rel.display(),
                block.line,
                kind,
                block.info
            ));
        }
        let skeptic_path = for_skeptic.join(rel);
        write_if_changed(&skeptic_path, &(lines.join("\n") + "\n"));
        // Exercise code is a library module (a starter or a solution): skeptic's
        // `skt-lib` template gives it the empty `main` a binary needs.
        let template = skeptic_path.with_extension("md.skt.md");
        if text.contains("skt-lib") {
            write_if_changed(&template, SKT_LIB);
        } else {
            let _ = fs::remove_file(&template);
        }
        skeptic_files.push(skeptic_path);
    }
    remove_stale(&expanded, &chapters);
    remove_stale(&for_skeptic, &chapters);
    write_if_changed(&out.join("blocks.tsv"), &inventory);

    skeptic::generate_doc_tests(&skeptic_files);

    // Run snippets through our wrapper (one at a time, with a timeout).
    let generated = fs::read_to_string(out.join("skeptic-tests.rs")).unwrap();
    let wrapped = generated
        .replace("skeptic::rt::run_test(", "run_snippet(")
        .replace("skeptic::rt::compile_test(", "compile_snippet(");
    write_if_changed(&out.join("snippets.rs"), &wrapped);
}

fn check_mdbook(mdbook: &str) {
    let version = Command::new(mdbook).arg("--version").output();
    let hint = format!(
        "run `bash .ci/test` (it installs what is missing), or \
         `cargo install --locked --version {MDBOOK_VERSION} mdbook --no-default-features --features search`"
    );
    match version {
        Err(e) => panic!(
            "\n\nmdBook is needed to render the book but `{mdbook}` cannot be run ({e}): {hint}\n\n"
        ),
        Ok(v) => {
            let v = String::from_utf8_lossy(&v.stdout);
            if v.trim() != format!("mdbook v{MDBOOK_VERSION}") {
                panic!(
                    "\n\nthe book is checked with mdbook v{MDBOOK_VERSION}, but `{mdbook}` is {}: {hint}\n\n",
                    v.trim()
                );
            }
        }
    }
}

/// The `.md` files under `dir`, as paths relative to it, sorted.
fn markdown_files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for entry in fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                todo.push(path);
            } else if path.extension().is_some_and(|e| e == "md") {
                found.push(path.strip_prefix(dir).unwrap().to_path_buf());
            }
        }
    }
    found.sort();
    found
}

/// Deletes files under `dir` that are not in `keep` (a chapter removed from the book).
fn remove_stale(dir: &Path, keep: &[PathBuf]) {
    let keep: BTreeSet<&PathBuf> = keep.iter().collect();
    for rel in markdown_files(dir) {
        if !keep.contains(&rel) && !rel.to_string_lossy().ends_with(".skt.md") {
            fs::remove_file(dir.join(rel)).unwrap();
        }
    }
}

fn write_if_changed(path: &Path, contents: &str) {
    if fs::read_to_string(path).ok().as_deref() == Some(contents) {
        return;
    }
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, contents).unwrap();
}
