//! The std, core and alloc documentation of the toolchain (the rust-docs
//! component that rust-toolchain.toml pins): the pages' ids and the
//! stable-since versions rustdoc prints, and the release notes. The
//! `{{#since}}` directives generate versions from them, and the book's checks
//! resolve std links against them, offline.

use regex::Regex;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::{LazyLock, Mutex};

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).unwrap()
}

/// One page of the std documentation: the ids it defines, and the
/// stable-since version rustdoc prints for the page's item and for each item
/// (method, impl) on it.
#[derive(Debug, Default)]
pub struct DocPage {
    pub ids: BTreeSet<String>,
    /// The page's own item's stable-since (`1.0.0`), if rustdoc prints one.
    pub since: Option<String>,
    /// Stable-since per id (`method.recv_timeout` -> `1.12.0`), ids decoded.
    pub item_since: BTreeMap<String, String>,
}

/// `%3C` -> `<`: rustdoc writes impl ids percent-encoded, and a link may be
/// written either way.
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(b) = s
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

impl DocPage {
    /// Reads the ids and since-versions out of a rustdoc page.
    pub fn parse(html: &str) -> DocPage {
        static ID: LazyLock<Regex> = LazyLock::new(|| re(r#"\bid="([^"]+)""#));
        static SINCE: LazyLock<Regex> =
            LazyLock::new(|| re(r#"<span class="since"[^>]*>(\d+\.\d+\.\d+)"#));
        let mut page = DocPage::default();
        let ids: Vec<(usize, String)> = ID
            .captures_iter(html)
            .map(|c| (c.get(0).unwrap().start(), percent_decode(&c[1])))
            .collect();
        page.ids = ids.iter().map(|(_, id)| id.clone()).collect();
        if let Some(heading) = html.find("class=\"main-heading\"") {
            // The heading ends where the item's declaration starts.
            let end = html[heading..]
                .find("item-decl")
                .map_or(html.len(), |e| heading + e);
            page.since = SINCE
                .captures(&html[heading..end])
                .map(|c| c[1].to_string());
        }
        // An item's since-span follows its id before the next id.
        for (i, (start, id)) in ids.iter().enumerate() {
            let end = ids.get(i + 1).map_or(html.len(), |(next, _)| *next);
            if let Some(c) = SINCE.captures(&html[*start..end]) {
                page.item_since.insert(id.clone(), c[1].to_string());
            }
        }
        page
    }
}

/// The std, core and alloc documentation of the toolchain: pages by path
/// under `html/` (`std/sync/mpsc/struct.Receiver.html`).
pub struct Docs {
    /// Where the pages come from: a folder, or (in the unit tests) a map.
    source: DocSource,
    cache: Mutex<BTreeMap<String, Option<std::sync::Arc<DocPage>>>>,
}

enum DocSource {
    Dir(PathBuf),
    Pages(BTreeMap<String, String>),
}

impl Docs {
    /// The rust-docs component of the toolchain cargo runs:
    /// `$(rustc --print sysroot)/share/doc/rust/html`.
    pub fn local() -> Result<Docs, String> {
        let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
        let out = std::process::Command::new(&rustc)
            .args(["--print", "sysroot"])
            .output()
            .map_err(|e| format!("cannot run `{rustc} --print sysroot`: {e}"))?;
        let sysroot = String::from_utf8_lossy(&out.stdout).trim().to_string();
        let dir = Path::new(&sysroot).join("share/doc/rust/html");
        if !dir.join("std/index.html").is_file() {
            return Err(format!(
                "the std documentation is not installed at {}: the rust-docs component \
                 (pinned in rust-toolchain.toml) ships it; `rustup component add rust-docs`",
                dir.display()
            ));
        }
        Ok(Docs::from_source(DocSource::Dir(dir)))
    }

    /// Pages given as text, by path: for tests.
    pub fn from_pages(pages: &[(&str, &str)]) -> Docs {
        let pages = pages
            .iter()
            .map(|(p, t)| (p.to_string(), t.to_string()))
            .collect();
        Docs::from_source(DocSource::Pages(pages))
    }

    fn from_source(source: DocSource) -> Docs {
        Docs {
            source,
            cache: Mutex::new(BTreeMap::new()),
        }
    }

    /// What is shown in messages as the source of truth.
    pub fn origin(&self) -> String {
        match &self.source {
            DocSource::Dir(dir) => format!("the rust-docs pages in {}", dir.display()),
            DocSource::Pages(_) => "the given pages".into(),
        }
    }

    /// The page at `path` (under `html/`), if it exists.
    pub fn page(&self, path: &str) -> Option<std::sync::Arc<DocPage>> {
        let mut cache = self.cache.lock().unwrap();
        cache
            .entry(path.to_string())
            .or_insert_with(|| {
                let html = match &self.source {
                    DocSource::Dir(dir) => {
                        // Never leave the documentation folder.
                        if path.split('/').any(|p| p == "..") {
                            return None;
                        }
                        std::fs::read_to_string(dir.join(path)).ok()
                    }
                    DocSource::Pages(pages) => pages.get(path).cloned(),
                };
                html.map(|h| std::sync::Arc::new(DocPage::parse(&h)))
            })
            .clone()
    }
}

/// The release notes of the toolchain (`releases.md` in the rust-docs
/// component), for version claims about the implementation rather than an
/// item (`std::sync::mpsc` became a port of crossbeam-channel in 1.67).
pub struct Releases(pub String);

impl Releases {
    pub fn local(docs: &Docs) -> Option<Releases> {
        match &docs.source {
            DocSource::Dir(dir) => std::fs::read_to_string(dir.join("releases.md"))
                .ok()
                .map(Releases),
            DocSource::Pages(pages) => pages.get("releases.md").cloned().map(Releases),
        }
    }

    /// The versions (`1.67`) whose notes mention every word in `words`,
    /// case-insensitively.
    pub fn versions_mentioning(&self, words: &[&str]) -> BTreeSet<String> {
        static VERSION: LazyLock<Regex> = LazyLock::new(|| re(r"(?m)^Version (1\.\d+)\.\d+ \("));
        let starts: Vec<(usize, String)> = VERSION
            .captures_iter(&self.0)
            .map(|c| (c.get(0).unwrap().start(), c[1].to_string()))
            .collect();
        let mut found = BTreeSet::new();
        for (i, (start, version)) in starts.iter().enumerate() {
            let end = starts.get(i + 1).map_or(self.0.len(), |(s, _)| *s);
            let notes = self.0[*start..end].to_lowercase();
            if words.iter().all(|w| notes.contains(&w.to_lowercase())) {
                found.insert(version.clone());
            }
        }
        found
    }
}
