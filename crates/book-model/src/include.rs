//! mdBook's `{{#include}}` and `{{#rustdoc_include}}` directives: the one
//! parser every check uses, and the anchor test mdBook itself does not make
//! (it renders a misspelled anchor as an empty block).

use std::path::{Component, Path, PathBuf};

/// One `{{#include ...}}` or `{{#rustdoc_include ...}}` in a chapter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Include {
    /// 1-based line in the text it was found in.
    pub line: usize,
    /// As written, braces included, for messages.
    pub directive: String,
    pub rustdoc: bool,
    /// The path as written (relative to the chapter's folder).
    pub path: String,
    /// The anchor name, when the directive names one (not a line range).
    pub anchor: Option<String>,
}

impl Include {
    /// The included file, for a chapter in `chapter_dir`, without `..` parts.
    pub fn file(&self, chapter_dir: &Path) -> PathBuf {
        normalise(&chapter_dir.join(&self.path))
    }
}

/// Every include in `text`, in order.
pub fn includes(text: &str) -> Vec<Include> {
    let mut found = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let mut rest = line;
        while let Some(start) = rest.find("{{#") {
            // An escaped directive (`\{{#include ...}}`) is shown, not expanded.
            let escaped = rest[..start].ends_with('\\');
            let after = &rest[start + 3..];
            let Some(end) = after.find("}}") else { break };
            let directive = &after[..end];
            rest = &after[end + 2..];
            if escaped {
                continue;
            }
            let (rustdoc, arg) = if let Some(a) = directive.strip_prefix("include ") {
                (false, a)
            } else if let Some(a) = directive.strip_prefix("rustdoc_include ") {
                (true, a)
            } else {
                continue;
            };
            let mut parts = arg.trim().splitn(2, ':');
            let path = parts.next().unwrap_or_default().to_string();
            let anchor = parts
                .next()
                .filter(|s| !s.chars().all(|c| c.is_ascii_digit() || c == ':'))
                .map(str::to_string);
            found.push(Include {
                line: i + 1,
                directive: format!("{{{{#{directive}}}}}"),
                rustdoc,
                path,
                anchor,
            });
        }
    }
    found
}

/// Whether `text` has an `ANCHOR: name` ... `ANCHOR_END: name` pair, as
/// mdBook's anchors are written.
pub fn has_anchor(text: &str, name: &str) -> bool {
    let marks = |tag: &str| {
        text.lines().any(|l| {
            l.split_once(tag).is_some_and(|(_, rest)| {
                rest.trim_start().strip_prefix(name).is_some_and(|tail| {
                    !tail.starts_with(|c: char| c.is_alphanumeric() || c == '_' || c == '-')
                })
            })
        })
    };
    marks("ANCHOR:") && marks("ANCHOR_END:")
}

/// `a/b/../c` as `a/c`, without touching the file system.
pub fn normalise(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_includes_anchors_and_ranges() {
        let text = "a\n```rust\n{{#rustdoc_include ../x/src/main.rs:send}}\n```\n\
                    {{#include ../y.txt}} and {{#include ../z.rs:3:5}} \\{{#include no.rs}}\n";
        let found = includes(text);
        assert_eq!(found.len(), 3);
        assert_eq!(found[0].line, 3);
        assert!(found[0].rustdoc);
        assert_eq!(found[0].anchor.as_deref(), Some("send"));
        assert_eq!(found[1].path, "../y.txt");
        assert_eq!(found[2].anchor, None);
        assert_eq!(
            found[0].file(Path::new("/book/src")),
            PathBuf::from("/book/x/src/main.rs")
        );
    }

    #[test]
    fn anchors_need_both_marks_and_a_whole_name() {
        let text = "// ANCHOR: send\nx\n// ANCHOR_END: send\n// ANCHOR: sender\n";
        assert!(has_anchor(text, "send"));
        assert!(!has_anchor(text, "sender"));
        assert!(!has_anchor(text, "sen"));
    }
}
