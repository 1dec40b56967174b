//! Versions the prose states, generated from their sources instead of typed:
//!
//! | directive (inline) | generates | from |
//! | --- | --- | --- |
//! | `{{#since ITEM[; ITEM...]}}` | `1.12`: when the items became stable (all must agree) | the stable-since rustdoc prints in the local std docs |
//! | `{{#since-release WORD[; WORD...]}}` | `1.67`: the one release whose notes name every word | `releases.md` of the rust-docs component |
//! | `{{#rust-version}}`, `{{#rust-version full}}` | `1.95`, `1.95.0` | `rust-toolchain.toml` |
//! | `{{#crate-version NAME}}` | `0.5.17` | `Cargo.lock` |
//!
//! An ITEM is a path in `std::sync::mpsc` (or a full `std::...` path): a
//! function or type (`channel`, `Receiver`), a method (`Receiver::recv_timeout`),
//! or an impl (`impl Sync for Sender`, `impl IntoIterator for &Receiver`,
//! `impl From<RecvError> for TryRecvError`).

use crate::stddocs::{Docs, Releases};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The directives this module expands.
pub const NAMES: &[&str] = &["since", "since-release", "rust-version", "crate-version"];

/// The sources, each read when a directive first needs it.
#[derive(Default)]
pub struct Sources {
    root: PathBuf,
    docs: Option<Result<Docs, String>>,
    releases: Option<Result<Releases, String>>,
    locked: Option<Result<BTreeMap<String, Vec<String>>, String>>,
}

impl Sources {
    pub fn new(root: &Path) -> Sources {
        Sources {
            root: root.to_path_buf(),
            ..Sources::default()
        }
    }

    /// What `{{#NAME ARG}}` stands for, or why it cannot be generated.
    pub fn expand(&mut self, name: &str, arg: &str) -> Result<String, String> {
        match name {
            "since" => self.since(arg),
            "since-release" => self.since_release(arg),
            "rust-version" => rust_version(&self.root, arg),
            "crate-version" => self.crate_version(arg),
            _ => Err(format!("`{name}` is not a version directive")),
        }
    }

    fn docs(&mut self) -> Result<&Docs, String> {
        self.docs
            .get_or_insert_with(Docs::local)
            .as_ref()
            .map_err(Clone::clone)
    }

    fn since(&mut self, arg: &str) -> Result<String, String> {
        let docs = self.docs()?;
        let mut found = Vec::new();
        for item in arg.split(';').map(str::trim).filter(|i| !i.is_empty()) {
            found.push((item, since_of(docs, item)?));
        }
        let Some((_, first)) = found.first() else {
            return Err("names no item: `{{#since Receiver::recv_timeout}}`".into());
        };
        if found.iter().any(|(_, v)| v != first) {
            return Err(format!(
                "the items became stable in different releases, so one version cannot stand \
                 for them: {} (source of truth: {})",
                found
                    .iter()
                    .map(|(i, v)| format!("{i}: {v}"))
                    .collect::<Vec<_>>()
                    .join("; "),
                docs.origin()
            ));
        }
        Ok(major_minor(first))
    }

    fn since_release(&mut self, arg: &str) -> Result<String, String> {
        if self.releases.is_none() {
            let docs = self.docs()?;
            let releases = Releases::local(docs)
                .ok_or_else(|| format!("releases.md cannot be read ({})", docs.origin()));
            self.releases = Some(releases);
        }
        let releases = self.releases.as_ref().expect("read above").as_ref()?;
        let words: Vec<&str> = arg
            .split(';')
            .map(str::trim)
            .filter(|w| !w.is_empty())
            .collect();
        let versions = releases.versions_mentioning(&words);
        match versions.len() {
            1 => Ok(versions.into_iter().next().expect("one")),
            0 => Err(format!(
                "no release's notes name all of {words:?} (source of truth: releases.md of the \
                 rust-docs component)"
            )),
            _ => Err(format!(
                "the notes of {} all name {words:?}: add a word that only the one meant has \
                 (source of truth: releases.md of the rust-docs component)",
                versions.into_iter().collect::<Vec<_>>().join(", ")
            )),
        }
    }

    fn crate_version(&mut self, name: &str) -> Result<String, String> {
        let root = self.root.clone();
        let locked = self
            .locked
            .get_or_insert_with(|| locked_versions(&root))
            .as_ref()
            .map_err(Clone::clone)?;
        match locked.get(name).map(Vec::as_slice) {
            Some([one]) => Ok(one.clone()),
            Some(several) => Err(format!(
                "Cargo.lock holds {name} at {}: say which, in prose",
                several.join(", ")
            )),
            None => Err(format!("Cargo.lock has no crate {name}")),
        }
    }
}

/// `1.12.0` -> `1.12`: how the prose names a release.
fn major_minor(version: &str) -> String {
    let mut parts = version.split('.');
    match (parts.next(), parts.next()) {
        (Some(major), Some(minor)) => format!("{major}.{minor}"),
        _ => version.to_string(),
    }
}

/// The toolchain rust-toolchain.toml pins: `1.95` (or `1.95.0` with `full`).
fn rust_version(root: &Path, arg: &str) -> Result<String, String> {
    let path = root.join("rust-toolchain.toml");
    let text = std::fs::read_to_string(&path)
        .map_err(|e| format!("{} cannot be read ({e})", path.display()))?;
    let table: toml::Table =
        toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    let channel = table
        .get("toolchain")
        .and_then(|t| t.get("channel"))
        .and_then(toml::Value::as_str)
        .ok_or_else(|| format!("{} has no [toolchain] channel", path.display()))?;
    match arg {
        "" => Ok(major_minor(channel)),
        "full" => Ok(channel.to_string()),
        other => Err(format!("takes nothing or `full`, not `{other}`")),
    }
}

/// Every package Cargo.lock holds, by name, with its versions.
fn locked_versions(root: &Path) -> Result<BTreeMap<String, Vec<String>>, String> {
    #[derive(serde::Deserialize)]
    struct Lock {
        package: Vec<Locked>,
    }
    #[derive(serde::Deserialize)]
    struct Locked {
        name: String,
        version: String,
    }
    let path = root.join("Cargo.lock");
    let text = std::fs::read_to_string(&path)
        .map_err(|e| format!("{} cannot be read ({e})", path.display()))?;
    let lock: Lock = toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut locked: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for p in lock.package {
        locked.entry(p.name).or_default().push(p.version);
    }
    Ok(locked)
}

/// The page of a function or type: `std::sync::mpsc::Receiver` ->
/// `std/sync/mpsc/struct.Receiver.html`, whichever kind exists.
fn item_page(docs: &Docs, path: &str) -> Option<(String, std::sync::Arc<crate::stddocs::DocPage>)> {
    let full = if path.starts_with("std::") || path.starts_with("core::") {
        path.to_string()
    } else {
        format!("std::sync::mpsc::{path}")
    };
    let (module, name) = full.rsplit_once("::")?;
    let dir = module.replace("::", "/");
    ["struct", "enum", "fn", "trait", "type", "macro"]
        .iter()
        .map(|kind| format!("{dir}/{kind}.{name}.html"))
        .find_map(|page| docs.page(&page).map(|p| (page, p)))
}

/// The stable-since rustdoc prints for one item.
fn since_of(docs: &Docs, item: &str) -> Result<String, String> {
    let missing = |what: String| {
        format!(
            "{what} (source of truth: {}; an ITEM is `Type`, `Type::method`, `function` or \
             `impl Trait for Type`)",
            docs.origin()
        )
    };
    if let Some(rest) = item.strip_prefix("impl ") {
        let (tr, ty) = rest
            .split_once(" for ")
            .ok_or_else(|| missing(format!("`{item}` is not `impl Trait for Type`")))?;
        let tr = tr.trim().trim_start_matches('!');
        let (reference, ty) = match ty.trim().strip_prefix('&') {
            Some(t) => ("&", t),
            None => ("", ty.trim()),
        };
        let (page_name, page) =
            item_page(docs, ty).ok_or_else(|| missing(format!("no page documents `{ty}`")))?;
        let short = ty.rsplit("::").next().unwrap_or(ty);
        let wanted = format!("impl-{tr}-for-{reference}{short}");
        return page
            .item_since
            .iter()
            .find(|(id, _)| {
                id.strip_prefix(&wanted)
                    .is_some_and(|tail| tail.is_empty() || tail.starts_with('<'))
            })
            .map(|(_, since)| since.clone())
            .ok_or_else(|| missing(format!("{page_name} has no stable `{item}`")));
    }
    if let Some((_, page)) = item_page(docs, item) {
        return page
            .since
            .clone()
            .ok_or_else(|| missing(format!("`{item}` has no stable-since")));
    }
    let (ty, method) = item
        .rsplit_once("::")
        .ok_or_else(|| missing(format!("no page documents `{item}`")))?;
    let (page_name, page) =
        item_page(docs, ty).ok_or_else(|| missing(format!("no page documents `{ty}`")))?;
    ["method", "tymethod"]
        .iter()
        .find_map(|kind| page.item_since.get(&format!("{kind}.{method}")))
        .cloned()
        .ok_or_else(|| missing(format!("{page_name} has no stable method `{method}`")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sources() -> Sources {
        let receiver = r#"<h1 class="main-heading">Receiver<span class="since">1.0.0</span></h1><div class="item-decl"></div>
            <section id="method.recv_timeout"><span class="since">1.12.0</span></section>
            <section id="impl-IntoIterator-for-%26Receiver%3CT%3E"><span class="since">1.1.0</span></section>
            <section id="impl-Sync-for-Receiver%3CT%3E"><span class="since">1.0.0</span></section>"#;
        let mut s = Sources::new(Path::new("/nowhere"));
        s.docs = Some(Ok(Docs::from_pages(&[
            ("std/sync/mpsc/struct.Receiver.html", receiver),
            (
                "releases.md",
                "Version 1.67.0 (2023-01-26)\nMerge `crossbeam-channel` into `std::sync::mpsc`.\n\
                 Version 1.66.0 (2022-12-15)\nsomething about mpsc\n",
            ),
        ])));
        s
    }

    #[test]
    fn since_reads_the_item_the_directive_names() {
        let mut s = sources();
        assert_eq!(s.since("Receiver").unwrap(), "1.0");
        assert_eq!(s.since("Receiver::recv_timeout").unwrap(), "1.12");
        assert_eq!(s.since("impl IntoIterator for &Receiver").unwrap(), "1.1");
        assert_eq!(s.since("impl !Sync for Receiver").unwrap(), "1.0");
        assert_eq!(s.since("Receiver; impl Sync for Receiver").unwrap(), "1.0");
    }

    #[test]
    fn since_fails_naming_the_item_and_the_source() {
        let mut s = sources();
        let e = s.since("Receiver::recv_timout").unwrap_err();
        assert!(e.contains("no stable method `recv_timout`"), "{e}");
        assert!(e.contains("source of truth: the given pages"), "{e}");
        let e = s.since("Sender::send").unwrap_err();
        assert!(e.contains("no page documents `Sender`"), "{e}");
        let e = s.since("Receiver; Receiver::recv_timeout").unwrap_err();
        assert!(
            e.contains("Receiver: 1.0.0; Receiver::recv_timeout: 1.12.0"),
            "{e}"
        );
        let e = s.since("impl IntoIterator for Receiver").unwrap_err();
        assert!(
            e.contains("has no stable `impl IntoIterator for Receiver`"),
            "{e}"
        );
    }

    #[test]
    fn since_release_needs_exactly_one_release() {
        let mut s = sources();
        assert_eq!(
            s.since_release("crossbeam-channel; std::sync::mpsc")
                .unwrap(),
            "1.67"
        );
        assert!(s.since_release("mpsc").unwrap_err().contains("1.66, 1.67"));
        assert!(
            s.since_release("select!")
                .unwrap_err()
                .contains("no release")
        );
    }

    #[test]
    fn the_toolchain_and_the_lock_are_read_from_the_workspace() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let mut s = Sources::new(&root);
        let pinned = rust_version(&root, "full").unwrap();
        assert!(pinned.starts_with(&format!("{}.", rust_version(&root, "").unwrap())));
        assert!(rust_version(&root, "minor").is_err());
        assert_eq!(s.crate_version("regex").unwrap().split('.').count(), 3);
        assert!(
            s.crate_version("no-such-crate")
                .unwrap_err()
                .contains("no crate")
        );
    }
}
