//! Which code blocks get mdBook's Run button, which sends the block's code to
//! the Rust Playground (play.rust-lang.org) and shows what it printed.
//!
//! The playground runs one file, with std and the crates it offers
//! (`playground-crates.txt`, a copy of its list). So a listing's program is
//! runnable there when, by cargo's metadata of the workspace, its package:
//!
//! - depends only on crates.io crates the playground offers, each in the same
//!   semver-compatible series (tokio 1.x, crossbeam-channel 0.5.x);
//! - has no library of its own (chapter 19's channels are libraries their
//!   programs use) and no other source file beside the program;
//! - has no build script and no build-dependency.
//!
//! Everything else (library files, exercises, the compile-fail cases, the
//! book's own crates) is marked `noplayground`, so mdBook shows no button.

use anyhow::{Context, Result};
use cargo_metadata::semver::{Version, VersionReq};
use cargo_metadata::{DependencyKind, MetadataCommand};
use std::collections::BTreeMap;
use std::path::Path;

/// The playground's crates (`name version` lines; `#` starts a comment).
const OFFERED: &str = include_str!("../playground-crates.txt");

/// The crates the playground offers: name -> the versions it has.
pub fn offered() -> BTreeMap<&'static str, Vec<Version>> {
    let mut crates: BTreeMap<&str, Vec<Version>> = BTreeMap::new();
    for line in OFFERED.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (name, version) = line.split_once(' ').unwrap_or((line, ""));
        if let Ok(version) = Version::parse(version.trim()) {
            crates.entry(name).or_default().push(version);
        }
    }
    crates
}

/// Whether the playground can build a package's program: `Err` says why not.
pub type Verdict = Result<(), String>;

/// Every workspace package at `root`, by name, with its verdict. A book
/// that is no cargo workspace (a fixture book of the checks) has none, so
/// no block of it gets a Run button.
pub fn verdicts(root: &Path) -> Result<BTreeMap<String, Verdict>> {
    if !root.join("Cargo.toml").is_file() {
        return Ok(BTreeMap::new());
    }
    let metadata = MetadataCommand::new()
        .manifest_path(root.join("Cargo.toml"))
        .no_deps()
        .exec()
        .with_context(|| format!("`cargo metadata` failed in {}", root.display()))?;
    let offered = offered();
    let mut verdicts = BTreeMap::new();
    for package in metadata.workspace_packages() {
        let deps = package
            .dependencies
            .iter()
            .filter(|d| d.kind != DependencyKind::Development)
            .map(|d| Dependency {
                name: &d.name,
                req: &d.req,
                from_crates_io: d.source.as_ref().is_some_and(|s| s.is_crates_io()),
                build: d.kind == DependencyKind::Build,
            });
        let has_lib = package.targets.iter().any(|t| t.is_lib());
        let has_build_script = package.targets.iter().any(|t| t.is_custom_build());
        let dir = package.manifest_path.parent().unwrap().as_std_path();
        let sources = count_rs(&dir.join("src"));
        let verdict = judge(&offered, deps, has_lib, has_build_script, sources);
        verdicts.insert(package.name.to_string(), verdict);
    }
    Ok(verdicts)
}

/// One dependency, as the verdict needs it.
pub struct Dependency<'a> {
    pub name: &'a str,
    pub req: &'a VersionReq,
    pub from_crates_io: bool,
    pub build: bool,
}

/// The rule itself (see the module's documentation).
pub fn judge<'a>(
    offered: &BTreeMap<&str, Vec<Version>>,
    deps: impl IntoIterator<Item = Dependency<'a>>,
    has_lib: bool,
    has_build_script: bool,
    source_files: usize,
) -> Verdict {
    if has_lib {
        return Err(
            "its program uses its own library (src/lib.rs), which the playground \
                    does not have"
                .into(),
        );
    }
    if has_build_script {
        return Err("it has a build script".into());
    }
    if source_files > 1 {
        return Err("its program spans several files; the playground runs one".into());
    }
    for dep in deps {
        let name = dep.name;
        if dep.build {
            return Err(format!("it has a build-dependency, {name}"));
        }
        if !dep.from_crates_io {
            return Err(format!(
                "it uses {name}, one of the book's own crates, which the playground does not have"
            ));
        }
        let Some(versions) = offered.get(name) else {
            return Err(format!(
                "it uses {name}, which the playground does not offer"
            ));
        };
        if !versions.iter().any(|v| same_series(dep.req, v)) {
            let had: Vec<String> = versions.iter().map(Version::to_string).collect();
            return Err(format!(
                "it uses {name} {}, and the playground has {} only",
                dep.req,
                had.join(", ")
            ));
        }
    }
    Ok(())
}

/// Whether `version` is in the semver-compatible series `req` asks for (the
/// same major version, or the same minor for 0.x). A listing pinned to a
/// slightly newer patch or minor release uses nothing the series lacks: the
/// book's listings are checked with the pinned version, the playground's
/// answer with its own.
fn same_series(req: &VersionReq, version: &Version) -> bool {
    req.comparators.iter().all(|c| {
        if c.major != version.major {
            return false;
        }
        if c.major == 0 {
            return c.minor.is_none_or(|m| m == version.minor);
        }
        true
    })
}

/// The `.rs` files under `dir`.
fn count_rs(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .flatten()
        .map(|e| e.path())
        .map(|p| {
            if p.is_dir() {
                count_rs(&p)
            } else {
                usize::from(p.extension().is_some_and(|x| x == "rs"))
            }
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dep<'a>(name: &'a str, req: &'a VersionReq, from_crates_io: bool) -> Dependency<'a> {
        Dependency {
            name,
            req,
            from_crates_io,
            build: false,
        }
    }

    #[test]
    fn the_list_holds_the_crates_the_book_counts_on() {
        let offered = offered();
        assert!(offered.len() > 100, "{} crates", offered.len());
        for name in ["tokio", "crossbeam-channel"] {
            assert!(offered.contains_key(name), "{name} is not in the list");
        }
    }

    #[test]
    fn verdicts_follow_the_dependencies() {
        let offered = offered();
        let tokio = VersionReq::parse("1.54.1").unwrap();
        let crossbeam = VersionReq::parse("0.5.17").unwrap();
        let old_crossbeam = VersionReq::parse("0.4").unwrap();
        let any = VersionReq::parse("0.1").unwrap();
        assert_eq!(judge(&offered, [], false, false, 1), Ok(()));
        assert_eq!(
            judge(
                &offered,
                [
                    dep("tokio", &tokio, true),
                    dep("crossbeam-channel", &crossbeam, true)
                ],
                false,
                false,
                1
            ),
            Ok(())
        );
        let no = |r: Verdict| r.expect_err("should not be runnable");
        assert!(no(judge(&offered, [], true, false, 2)).contains("own library"));
        assert!(no(judge(&offered, [], false, true, 1)).contains("build script"));
        assert!(no(judge(&offered, [], false, false, 2)).contains("several files"));
        assert!(
            no(judge(
                &offered,
                [dep("channel", &any, false)],
                false,
                false,
                1
            ))
            .contains("the book's own crates")
        );
        assert!(
            no(judge(
                &offered,
                [dep("no-such-crate-here", &any, true)],
                false,
                false,
                1
            ))
            .contains("does not offer")
        );
        assert!(
            no(judge(
                &offered,
                [dep("crossbeam-channel", &old_crossbeam, true)],
                false,
                false,
                1
            ))
            .contains("has 0.5")
        );
    }
}
