//! `cargo xtask browser`: the book in Chromium. Chromium and its chromedriver
//! come from the system's package manager (Debian's `chromium` and
//! `chromium-driver`), never a download of their own.

use crate::run::step;
use anyhow::{Result, bail};
use std::process::Command;

pub fn browser() -> Result<()> {
    ensure_chromium()?;
    step("browser test: every page of the book in Chromium");
    crate::checks::run_browser_test(&[])
}

fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|path| std::env::split_paths(&path).any(|dir| dir.join(program).is_file()))
}

/// Installs Debian's chromium and chromium-driver when either is missing.
pub fn ensure_chromium() -> Result<()> {
    if on_path("chromium") && on_path("chromedriver") {
        return Ok(());
    }
    if !on_path("apt-get") {
        bail!(
            "the browser test needs chromium and chromedriver on PATH, and this system has \
             no apt-get to install them: install Chromium and its chromedriver with your \
             package manager"
        );
    }
    let root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0");
    let sudo: &[&str] = if root {
        &[]
    } else if on_path("sudo") {
        &["sudo"]
    } else {
        bail!(
            "the browser test needs chromium and chromedriver; install Debian's chromium and \
             chromium-driver packages as root (no sudo here)"
        );
    };
    step("installing Debian's chromium and chromium-driver (once)");
    let apt = |args: &[&str]| -> Result<()> {
        let (program, rest) = match sudo {
            [] => ("apt-get", args.to_vec()),
            _ => ("sudo", [&["apt-get"], args].concat()),
        };
        let out = Command::new(program)
            .args(rest)
            .env("DEBIAN_FRONTEND", "noninteractive")
            .output()?;
        if !out.status.success() {
            bail!(
                "`apt-get {}` failed:\n{}",
                args.join(" "),
                String::from_utf8_lossy(&out.stderr)
            );
        }
        Ok(())
    };
    apt(&["update", "-qq"])?;
    apt(&["install", "-y", "-qq", "chromium", "chromium-driver"])
}
