//! The book's code crates under `listings/`: their ids, and what a chapter may
//! show of them. A listing's number, package name, file paths and caption
//! words all come from here, so the chapters never type them.

use anyhow::{Context, Result, bail};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// A listing crate's id: `listing-03-01-order-terminals` is chapter 3's first
/// listing, shown to readers as "Listing 3-1".
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ListingId {
    pub chapter: u32,
    pub number: u32,
    /// The words after the numbers (`order-terminals`).
    pub slug: String,
}

impl ListingId {
    /// What readers see: `Listing 3-1`.
    pub fn label(&self) -> String {
        format!("Listing {}-{}", self.chapter, self.number)
    }

    /// What a directive writes: `03-01`.
    pub fn short(&self) -> String {
        format!("{:02}-{:02}", self.chapter, self.number)
    }
}

impl fmt::Display for ListingId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "listing-{:02}-{:02}-{}",
            self.chapter, self.number, self.slug
        )
    }
}

impl FromStr for ListingId {
    type Err = String;

    /// Parses a package or folder name, `listing-NN-MM-slug`.
    fn from_str(s: &str) -> Result<Self, String> {
        let bad = || format!("`{s}` is not a listing name of the form listing-NN-MM-slug");
        let rest = s.strip_prefix("listing-").ok_or_else(bad)?;
        let mut parts = rest.splitn(3, '-');
        let (Some(nn), Some(mm), Some(slug)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(bad());
        };
        let two_digits = |t: &str| {
            (t.len() == 2 && t.bytes().all(|b| b.is_ascii_digit()))
                .then(|| t.parse::<u32>().ok())
                .flatten()
        };
        let (Some(chapter), Some(number)) = (two_digits(nn), two_digits(mm)) else {
            return Err(bad());
        };
        let slug_ok = !slug.is_empty()
            && slug
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !slug_ok {
            return Err(bad());
        }
        Ok(ListingId {
            chapter,
            number,
            slug: slug.to_string(),
        })
    }
}

/// Whether a crate is a numbered listing or an exercise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CrateKind {
    Listing,
    Exercise,
}

/// One crate under `listings/chNN-topic/`.
#[derive(Debug, Clone)]
pub struct CodeCrate {
    pub kind: CrateKind,
    /// The folder name, which is also the package name (`listing-03-01-order-terminals`).
    pub name: String,
    /// The package name in its Cargo.toml (a check makes sure it is `name`).
    pub package: String,
    /// Relative to the workspace root: `listings/ch03-many-producers/listing-03-01-order-terminals`.
    pub dir: PathBuf,
    /// `[package] description`: the caption's words.
    pub description: Option<String>,
    /// `[package.metadata.listing.continued]`: the caption's words for a later
    /// part, by the part's selector (`anchor`, or `src/lib.rs:anchor`).
    pub continued: BTreeMap<String, String>,
    /// Whether it has `src/main.rs`, so `cargo run -p` runs it.
    pub has_main: bool,
}

impl CodeCrate {
    /// The file a directive shows when it names none: the program, else the library.
    pub fn default_file(&self) -> &'static str {
        if self.has_main {
            "src/main.rs"
        } else {
            "src/lib.rs"
        }
    }

    pub fn listing_id(&self) -> Option<ListingId> {
        self.name.parse().ok()
    }
}

/// What the book reads of a crate's `Cargo.toml`.
#[derive(Deserialize)]
struct Manifest {
    package: Package,
}

#[derive(Deserialize)]
struct Package {
    name: String,
    description: Option<String>,
    #[serde(default)]
    metadata: Metadata,
}

#[derive(Deserialize, Default)]
struct Metadata {
    #[serde(default)]
    listing: ListingMetadata,
}

#[derive(Deserialize, Default)]
struct ListingMetadata {
    #[serde(default)]
    continued: BTreeMap<String, String>,
}

/// Every crate under `listings/`, by the short id a directive uses: `03-01`
/// for a listing, `03-fan-in` for an exercise.
#[derive(Debug, Default, Clone)]
pub struct Crates {
    pub by_short: BTreeMap<String, CodeCrate>,
}

impl Crates {
    pub fn load(root: &Path) -> Result<Crates> {
        let mut by_short = BTreeMap::new();
        let listings = root.join("listings");
        let Ok(chapters) = std::fs::read_dir(&listings) else {
            return Ok(Crates::default());
        };
        let mut dirs: Vec<PathBuf> = Vec::new();
        for chapter in chapters {
            let chapter = chapter?.path();
            if !chapter.is_dir() {
                continue;
            }
            for entry in std::fs::read_dir(&chapter)? {
                let dir = entry?.path();
                if dir.join("Cargo.toml").is_file() {
                    dirs.push(dir);
                }
            }
        }
        dirs.sort();
        for dir in dirs {
            let name = dir.file_name().unwrap().to_string_lossy().to_string();
            let (kind, short) = if let Ok(id) = name.parse::<ListingId>() {
                (CrateKind::Listing, id.short())
            } else if let Some(rest) = name.strip_prefix("exercise-") {
                (CrateKind::Exercise, rest.to_string())
            } else {
                continue;
            };
            let manifest = dir.join("Cargo.toml");
            let text = std::fs::read_to_string(&manifest)
                .with_context(|| format!("cannot read {}", manifest.display()))?;
            let Manifest { package } = toml::from_str(&text)
                .with_context(|| format!("{} is not a package manifest", manifest.display()))?;
            let rel = dir.strip_prefix(root).unwrap_or(&dir).to_path_buf();
            let krate = CodeCrate {
                kind,
                package: package.name,
                description: package.description,
                continued: package.metadata.listing.continued,
                has_main: dir.join("src/main.rs").is_file(),
                dir: rel,
                name,
            };
            if let Some(other) = by_short.insert(short.clone(), krate) {
                bail!(
                    "two crates under listings/ have the id {short}: {} and another; renumber one",
                    other.dir.display()
                );
            }
        }
        Ok(Crates { by_short })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listing_ids_parse_and_print() {
        let id: ListingId = "listing-03-01-order-terminals".parse().unwrap();
        assert_eq!((id.chapter, id.number), (3, 1));
        assert_eq!(id.label(), "Listing 3-1");
        assert_eq!(id.short(), "03-01");
        assert_eq!(id.to_string(), "listing-03-01-order-terminals");
        for bad in [
            "listing-3-01-x",
            "listing-03-01-",
            "exercise-03-fan-in",
            "listing-03-01-Upper",
            "listing-0a-01-x",
        ] {
            assert!(bad.parse::<ListingId>().is_err(), "{bad} parsed");
        }
    }
}
