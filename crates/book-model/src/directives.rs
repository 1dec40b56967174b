//! The book's own directives, run as an mdBook preprocessor in-process before
//! mdBook's `links` preprocessor. Each one generates markdown from the facts'
//! sources (a listing's folder, `Cargo.toml` and `output.txt`; a trybuild
//! case; a figures file; `src/course.toml`), so a chapter never types them.
//!
//! A directive generates mdBook's own `{{#rustdoc_include}}`/`{{#include}}`
//! rather than the code itself: running before `links` keeps mdBook's include
//! semantics (anchors, hidden lines, nested includes) in one place, and the
//! checks that read includes see the generated ones too.
//!
//! | directive | generates |
//! | --- | --- |
//! | `{{#listing NN-MM[ FILE][:anchor]}}` | Filename line, code block, caption "Listing N-M: ..." (or ", continued: ...") with the `cargo run -p` line |
//! | `{{#listing-part NN-MM[ FILE][:anchor]}}` | the code block only |
//! | `{{#listing-output NN-MM[ SHELL-SUFFIX]}}` | console block: `$ cargo run -p NAME` and its `output.txt` |
//! | `{{#exercise NN-slug:starter}}` | Filename line, starter code, the `cargo test -p` line |
//! | `{{#exercise NN-slug:solution}}` | the solution's code block |
//! | `{{#compile-fail CASE}}` | the trybuild case and the `.stderr` it verified |
//! | `{{#figure PREFIX.KEY}}` (inline) | the string under KEY in `src/data/PREFIX-figures.json` |
//! | `{{#teaching-time}}` | the chapter's teaching time line, from `src/course.toml` |
//! | `{{#teaching-time breakdown}}` | the speaker notes' line with the breakdown |
//! | `{{#course-plan NAME}}` | a workshop plan's table and total, from `src/course.toml` |
//! | `{{#quiz-program NN-Q-slug}}` | a quiz question's program (see [`crate::quiz`]) |
//! | `{{#quiz-outcome NN-Q-slug}}` | what that program was checked to do: its output, hang, panic or compiler error |
//! | `{{#error-code CASE}}` (inline) | the error code (`E0277`) in that compile-fail case's verified `.stderr` |
//! | `{{#since ...}}`, `{{#since-release ...}}`, `{{#rust-version}}`, `{{#crate-version NAME}}` (inline) | a version, from the std docs, the release notes, rust-toolchain.toml or Cargo.lock (see [`crate::versions`]) |

use crate::course::Course;
use crate::include::has_anchor;
use crate::listing::{CodeCrate, CrateKind, Crates};
use anyhow::{Result, bail};
use mdbook_driver::book::{Book, BookItem, Chapter};
use mdbook_preprocessor::{Preprocessor, PreprocessorContext};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// mdBook's own directives, which this preprocessor leaves for `links`.
const MDBOOK_DIRECTIVES: &[&str] = &["include", "rustdoc_include", "playground", "title"];

/// The preprocessor: registered by [`crate::mdbook`] wherever the book is built.
pub struct Directives;

impl Directives {
    pub const NAME: &'static str = "book-directives";
}

impl Preprocessor for Directives {
    fn name(&self) -> &str {
        Self::NAME
    }

    fn run(&self, ctx: &PreprocessorContext, mut book: Book) -> Result<Book> {
        expand(&ctx.root, &ctx.config.book.src, &mut book)?;
        Ok(book)
    }
}

/// Expands every chapter's directives in place. Returns, for each chapter
/// (by its path under `src/`), the source line of each line of its expanded
/// text, so that checks of the expanded text can name the line an author
/// wrote. Every directive that cannot be expanded is reported, each naming
/// the chapter, the line and what is missing.
pub fn expand(root: &Path, src: &Path, book: &mut Book) -> Result<BTreeMap<PathBuf, Vec<usize>>> {
    let mut expander = Expander::new(root, src)?;
    for item in book.iter() {
        if let BookItem::Chapter(ch) = item
            && let Some(source) = &ch.source_path
        {
            expander
                .titles
                .insert(source.display().to_string(), ch.name.clone());
        }
    }
    let mut errors = Vec::new();
    let mut lines = BTreeMap::new();
    book.for_each_mut(|item| {
        if let BookItem::Chapter(ch) = item
            && let Some(source) = ch.source_path.clone()
        {
            let (map, e) = expander.chapter(ch);
            errors.extend(e);
            lines.insert(source, map);
        }
    });
    if !errors.is_empty() {
        bail!("{}", errors.join("\n"));
    }
    Ok(lines)
}

/// What the directives read, loaded once per book.
struct Expander {
    root: PathBuf,
    /// `src/`, relative to the root.
    src: PathBuf,
    crates: Crates,
    /// Listings already captioned, in book order: a later part is "continued".
    captioned: BTreeSet<String>,
    /// Figures files, loaded when first named.
    figures: BTreeMap<String, Result<BTreeMap<String, String>, String>>,
    course: Option<Result<Course, String>>,
    /// Which packages the playground can build, loaded when first needed.
    playground: Option<BTreeMap<String, crate::playground::Verdict>>,
    /// Chapter titles by source file, for the course plans' links.
    titles: BTreeMap<String, String>,
    versions: crate::versions::Sources,
}

/// Where a directive is, for its error messages.
struct At<'a> {
    file: &'a str,
    line: usize,
    directive: &'a str,
    /// The chapter's number in the sidebar, if it has one.
    number: Option<u32>,
    /// The chapter's source, relative to `src/` (for course.toml).
    source: &'a Path,
}

impl At<'_> {
    fn error(&self, what: impl std::fmt::Display) -> String {
        format!("{}:{}: {}: {what}", self.file, self.line, self.directive)
    }
}

impl Expander {
    fn new(root: &Path, src: &Path) -> Result<Expander> {
        Ok(Expander {
            root: root.to_path_buf(),
            src: src.to_path_buf(),
            crates: Crates::load(root)?,
            captioned: BTreeSet::new(),
            figures: BTreeMap::new(),
            course: None,
            playground: None,
            titles: BTreeMap::new(),
            versions: crate::versions::Sources::new(root),
        })
    }

    /// Expands one chapter's directives in place; returns the source line of
    /// each output line, and the errors.
    fn chapter(&mut self, ch: &mut Chapter) -> (Vec<usize>, Vec<String>) {
        let Some(source) = ch.source_path.clone() else {
            return (Vec::new(), Vec::new());
        };
        let mut map = Vec::new();
        let file = self.src.join(&source).display().to_string();
        // From the chapter's folder back to the book's root, which include paths need.
        let depth = self.src.components().count() + source.components().count() - 1;
        let up = "../".repeat(depth);
        let number = ch.number.as_ref().and_then(|n| n.first().copied());
        let mut errors = Vec::new();
        let mut out = String::with_capacity(ch.content.len());
        for (i, line) in ch.content.split_inclusive('\n').enumerate() {
            let (body, newline) = match line.strip_suffix('\n') {
                Some(b) => (b, "\n"),
                None => (line, ""),
            };
            let trimmed = body.trim();
            let whole = trimmed
                .strip_prefix("{{#")
                .and_then(|t| t.strip_suffix("}}"))
                .filter(|t| !t.contains("}}"));
            let at = At {
                file: &file,
                line: i + 1,
                directive: trimmed,
                number,
                source: &source,
            };
            if let Some(inner) = whole {
                let (name, arg) = inner.split_once(' ').unwrap_or((inner, ""));
                let arg = arg.trim();
                let generated = match name {
                    "listing" => Some(self.listing(&at, arg, &up, false).map_err(Some)),
                    "listing-part" => Some(self.listing(&at, arg, &up, true).map_err(Some)),
                    "listing-output" => Some(self.listing_output(&at, arg, &up).map_err(Some)),
                    "exercise" => Some(self.exercise(&at, arg, &up).map_err(Some)),
                    "compile-fail" => Some(self.compile_fail(&at, arg, &up).map_err(Some)),
                    "teaching-time" => Some(self.teaching_time(&at, arg)),
                    "course-plan" => Some(self.course_plan(&at, arg)),
                    "quiz-program" | "quiz-outcome" => {
                        // Quiz answers sit in list items: keep their indentation.
                        let indent = &body[..body.len() - body.trim_start().len()];
                        Some(
                            crate::quiz::markdown(&self.root, name, arg, indent)
                                .map_err(|e| Some(at.error(e))),
                        )
                    }
                    _ => None,
                };
                if let Some(generated) = generated {
                    let text = generated.unwrap_or_else(|e| {
                        errors.extend(e);
                        body.to_string()
                    });
                    map.extend(std::iter::repeat_n(i + 1, text.lines().count().max(1)));
                    out.push_str(&text);
                    out.push_str(newline);
                    continue;
                }
            }
            let (text, line_errors) = self.inline(&at, body);
            errors.extend(line_errors);
            map.push(i + 1);
            out.push_str(&text);
            out.push_str(newline);
        }
        ch.content = out;
        (map, errors)
    }

    /// Fills `{{#figure ...}}` within a line, and rejects directives nobody knows.
    fn inline(&mut self, at: &At, line: &str) -> (String, Vec<String>) {
        let mut out = String::with_capacity(line.len());
        let mut errors = Vec::new();
        let mut rest = line;
        while let Some(start) = rest.find("{{#") {
            let escaped = rest[..start].ends_with('\\');
            out.push_str(&rest[..start]);
            let after = &rest[start + 3..];
            let Some(end) = after.find("}}") else {
                out.push_str(&rest[start..]);
                rest = "";
                break;
            };
            let inner = &after[..end];
            let written = &rest[start..start + 3 + end + 2];
            rest = &after[end + 2..];
            let (name, arg) = inner.split_once(' ').unwrap_or((inner, ""));
            let at = At {
                directive: written,
                ..*at
            };
            if escaped || MDBOOK_DIRECTIVES.contains(&name) {
                out.push_str(written);
            } else if name == "figure" {
                match self.figure(&at, arg.trim()) {
                    Ok(text) => out.push_str(&text),
                    Err(e) => {
                        errors.push(e);
                        out.push_str(written);
                    }
                }
            } else if name == "error-code" {
                match self.error_code(&at, arg.trim()) {
                    Ok(code) => out.push_str(&code),
                    Err(e) => {
                        errors.push(e);
                        out.push_str(written);
                    }
                }
            } else if crate::versions::NAMES.contains(&name) {
                match self.versions.expand(name, arg.trim()) {
                    Ok(text) => out.push_str(&text),
                    Err(e) => {
                        errors.push(at.error(e));
                        out.push_str(written);
                    }
                }
            } else {
                errors.push(at.error(format!(
                    "unknown directive `{name}`, or one that must stand alone on its line \
                     (the book's directives: listing, listing-part, listing-output, exercise, \
                     compile-fail, figure, teaching-time, course-plan, quiz-program, quiz-outcome, error-code, since, \
                     since-release, rust-version, crate-version; mdBook's: {})",
                    MDBOOK_DIRECTIVES.join(", ")
                )));
                out.push_str(written);
            }
        }
        out.push_str(rest);
        (out, errors)
    }

    fn find(&self, at: &At, short: &str, kind: CrateKind) -> Result<&CodeCrate, String> {
        let (pattern, what) = match kind {
            CrateKind::Listing => (format!("listings/*/listing-{short}-*"), "listing"),
            CrateKind::Exercise => (format!("listings/*/exercise-{short}"), "exercise"),
        };
        match self.crates.by_short.get(short) {
            Some(c) if c.kind == kind => Ok(c),
            _ => Err(at.error(format!(
                "no {what} `{short}`: there is no crate {pattern} (make one with \
                 `cargo xtask new {what} ...`)"
            ))),
        }
    }

    /// A listing, which only the chapter it is numbered for may show: its
    /// number says where the reader finds it.
    fn listing_of_chapter(&self, at: &At, short: &str) -> Result<&CodeCrate, String> {
        let krate = self.find(at, short, CrateKind::Listing)?;
        let id = krate.listing_id().expect("listing crates have listing ids");
        match at.number {
            Some(number) if number != id.chapter => Err(at.error(format!(
                "{} belongs to chapter {}, but this is chapter {number}; listings are numbered \
                 by the chapter that shows them (`cargo xtask new listing {number:02} ...`)",
                id.label(),
                id.chapter
            ))),
            _ => Ok(krate),
        }
    }

    /// Reads a crate's file and checks the anchor, so a typo is an error here
    /// instead of an empty block in the book.
    fn code_file(
        &self,
        at: &At,
        krate: &CodeCrate,
        file: &str,
        anchor: Option<&str>,
    ) -> Result<(), String> {
        let path = self.root.join(&krate.dir).join(file);
        let shown = krate.dir.join(file).display().to_string();
        let text = std::fs::read_to_string(&path)
            .map_err(|e| at.error(format!("{shown} cannot be read ({e})")))?;
        if let Some(anchor) = anchor
            && !has_anchor(&text, anchor)
        {
            return Err(at.error(format!(
                "{shown} has no `ANCHOR: {anchor}` ... `ANCHOR_END: {anchor}` pair"
            )));
        }
        Ok(())
    }

    /// Whether a listing's file gets the Run button: a program whose package
    /// the playground can build ([`crate::playground`]).
    fn runnable(&mut self, krate: &CodeCrate, file: &str) -> Result<bool, String> {
        if !is_program(file) {
            return Ok(false);
        }
        if self.playground.is_none() {
            let verdicts = crate::playground::verdicts(&self.root).map_err(|e| format!("{e:#}"))?;
            self.playground = Some(verdicts);
        }
        let verdicts = self.playground.as_ref().expect("loaded above");
        Ok(verdicts.get(&krate.package).is_some_and(|v| v.is_ok()))
    }

    fn code_block(
        up: &str,
        krate: &CodeCrate,
        file: &str,
        anchor: Option<&str>,
        runnable: bool,
    ) -> String {
        // A program is compiled and run by skeptic as it is; a library file
        // (a stage of chapter 19, an exercise) is compiled as a library.
        // Only what the playground can run keeps mdBook's Run button.
        let info = match (is_program(file), runnable) {
            (true, true) => "rust",
            (true, false) => "rust,noplayground",
            (false, _) => "rust,skt-lib,noplayground",
        };
        let anchor = anchor.map(|a| format!(":{a}")).unwrap_or_default();
        format!(
            "```{info}\n{{{{#rustdoc_include {up}{}/{file}{anchor}}}}}\n```",
            krate.dir.display()
        )
    }

    fn filename_line(krate: &CodeCrate, file: &str) -> String {
        format!(
            "<span class=\"filename\">Filename: {}/{file}</span>",
            krate.dir.display()
        )
    }

    fn listing(&mut self, at: &At, arg: &str, up: &str, part: bool) -> Result<String, String> {
        let (head, anchor) = match arg.rsplit_once(':') {
            Some((h, a)) => (h, Some(a.trim())),
            None => (arg, None),
        };
        let mut words = head.split_whitespace();
        let (Some(short), file, None) = (words.next(), words.next(), words.next()) else {
            return Err(at.error("write `{{#listing NN-MM}}`, `{{#listing NN-MM:anchor}}` or `{{#listing NN-MM src/lib.rs:anchor}}`"));
        };
        let krate = self.listing_of_chapter(at, short)?.clone();
        let id = krate.listing_id().expect("listing crates have listing ids");
        let file = file.unwrap_or(krate.default_file());
        self.code_file(at, &krate, file, anchor)?;
        let runnable = self.runnable(&krate, file).map_err(|e| at.error(e))?;
        let block = Self::code_block(up, &krate, file, anchor, runnable);
        if part {
            return Ok(block);
        }
        let first = !self.captioned.contains(&krate.name);
        let manifest = krate.dir.join("Cargo.toml");
        let (label, words) = if first {
            let words = krate.description.clone().ok_or_else(|| {
                at.error(format!(
                    "{} has no `description`: its words are the caption of {}",
                    manifest.display(),
                    id.label()
                ))
            })?;
            (format!("{}:", id.label()), words)
        } else {
            let key = match (file == krate.default_file(), anchor) {
                (true, Some(a)) => a.to_string(),
                (true, None) => "all".to_string(),
                (false, a) => format!("{file}:{}", a.unwrap_or("all")),
            };
            let words = krate.continued.get(&key).cloned().ok_or_else(|| {
                at.error(format!(
                    "{} is captioned earlier in the book; give this part its own caption in {} \
                     under [package.metadata.listing.continued] as `\"{key}\" = \"...\"`, or show \
                     it without one with {{{{#listing-part ...}}}}",
                    id.label(),
                    manifest.display()
                ))
            })?;
            (format!("{}, continued:", id.label()), words)
        };
        self.captioned.insert(krate.name.clone());
        let run = match (krate.has_main, file == "src/main.rs") {
            (true, true) => format!(" Run it with `cargo run -p {}`.", krate.name),
            (true, false) => format!(" Run the demo with `cargo run -p {}`.", krate.name),
            (false, _) => String::new(),
        };
        Ok(format!(
            "{}\n\n{block}\n\n<span class=\"caption\">{label} {words}{run}</span>",
            Self::filename_line(&krate, file)
        ))
    }

    fn listing_output(&mut self, at: &At, arg: &str, up: &str) -> Result<String, String> {
        let (short, suffix) = match arg.split_once(' ') {
            Some((s, rest)) => (s, format!(" {}", rest.trim())),
            None => (arg, String::new()),
        };
        let krate = self.listing_of_chapter(at, short)?;
        let output = krate.dir.join("output.txt");
        if !self.root.join(&output).is_file() {
            return Err(at.error(format!(
                "{} is missing: record it with `cargo xtask bless {}`",
                output.display(),
                krate.name
            )));
        }
        Ok(format!(
            "```console\n$ cargo run -p {}{suffix}\n{{{{#include {up}{}}}}}\n```",
            krate.name,
            output.display()
        ))
    }

    fn exercise(&mut self, at: &At, arg: &str, up: &str) -> Result<String, String> {
        let (short, which) = arg.split_once(':').unwrap_or((arg, ""));
        let krate = self.find(at, short.trim(), CrateKind::Exercise)?;
        match which.trim() {
            "starter" => {
                self.code_file(at, krate, "src/starter.rs", Some("starter"))?;
                // `cargo course` (crates/course) takes the exercise's name
                // as the directive writes it; its tests hold it to that.
                Ok(format!(
                    "{}\n\n{}\n\nEdit `src/starter.rs` until the tests pass:\n\n```console\n$ cargo test -p {}\n```\n\n\
                     Stuck? `cargo course hint {}` gives one hint at a time, and \
                     `cargo course status` shows which exercises you have done.",
                    Self::filename_line(krate, "src/starter.rs"),
                    Self::code_block(up, krate, "src/starter.rs", Some("starter"), false),
                    krate.name,
                    short.trim()
                ))
            }
            "solution" => {
                self.code_file(at, krate, "src/solution.rs", Some("solution"))?;
                Ok(Self::code_block(
                    up,
                    krate,
                    "src/solution.rs",
                    Some("solution"),
                    false,
                ))
            }
            _ => Err(at.error(
                "write `{{#exercise NN-slug:starter}}` or `{{#exercise NN-slug:solution}}`",
            )),
        }
    }

    fn compile_fail(&mut self, at: &At, case: &str, up: &str) -> Result<String, String> {
        let dir = Path::new("tests/compile-fail/cases");
        for ext in ["rs", "stderr"] {
            let file = dir.join(format!("{case}.{ext}"));
            if !self.root.join(&file).is_file() {
                return Err(at.error(format!(
                    "{} is missing (a compile-fail case is a `.rs` file and the `.stderr` \
                     trybuild verified; `cargo xtask bless` records the `.stderr`)",
                    file.display()
                )));
            }
        }
        let dir = dir.display();
        Ok(format!(
            // No Run button: the playground's compiler would show its own
            // error, not the one trybuild verified.
            "```rust,compile_fail,noplayground\n{{{{#include {up}{dir}/{case}.rs}}}}\n```\n\n\
             ```text\n{{{{#include {up}{dir}/{case}.stderr}}}}\n```"
        ))
    }

    /// The one error code (`E0277`) in a compile-fail case's verified `.stderr`.
    fn error_code(&self, at: &At, case: &str) -> Result<String, String> {
        let file = Path::new("tests/compile-fail/cases").join(format!("{case}.stderr"));
        let text = std::fs::read_to_string(self.root.join(&file))
            .map_err(|e| at.error(format!("{} cannot be read ({e})", file.display())))?;
        let codes: BTreeSet<&str> = text
            .split("error[")
            .skip(1)
            .filter_map(|rest| rest.split_once(']').map(|(code, _)| code))
            .filter(|code| code.starts_with('E'))
            .collect();
        match codes.len() {
            1 => Ok(codes.into_iter().next().expect("one").to_string()),
            0 => Err(at.error(format!("{} names no error code", file.display()))),
            _ => Err(at.error(format!(
                "{} names several error codes ({}): one directive stands for one",
                file.display(),
                codes.into_iter().collect::<Vec<_>>().join(", ")
            ))),
        }
    }

    fn figure(&mut self, at: &At, arg: &str) -> Result<String, String> {
        let Some((prefix, key)) = arg.split_once('.') else {
            return Err(
                at.error("write `{{#figure PREFIX.KEY}}`, e.g. `{{#figure ch20.messages}}`")
            );
        };
        let file = self.src.join("data").join(format!("{prefix}-figures.json"));
        let root = &self.root;
        let figures = self.figures.entry(prefix.to_string()).or_insert_with(|| {
            let text = std::fs::read_to_string(root.join(&file))
                .map_err(|e| format!("{} cannot be read ({e})", file.display()))?;
            let value: serde_json::Value = serde_json::from_str(&text)
                .map_err(|e| format!("{} is not JSON ({e})", file.display()))?;
            let object = value
                .as_object()
                .ok_or_else(|| format!("{} is not a JSON object", file.display()))?;
            object
                .iter()
                .map(|(k, v)| match v.as_str() {
                    Some(s) => Ok((k.clone(), s.to_string())),
                    None => Err(format!(
                        "{}: the value of `{k}` is not a string",
                        file.display()
                    )),
                })
                .collect()
        });
        match figures {
            Err(e) => Err(at.error(e)),
            Ok(map) => map
                .get(key)
                .cloned()
                .ok_or_else(|| at.error(format!("{} has no key `{key}`", file.display()))),
        }
    }

    /// The course, or `Err(None)` when its error was already reported at an
    /// earlier directive (one broken file is one message).
    fn course_at(&mut self, at: &At) -> Result<&Course, Option<String>> {
        let first = self.course.is_none();
        match self.course() {
            Ok(c) => Ok(c),
            Err(e) if first => Err(Some(at.error(e))),
            Err(_) => Err(None),
        }
    }

    fn course(&mut self) -> Result<&Course, String> {
        let path = self.root.join(&self.src).join("course.toml");
        let shown = self.src.join("course.toml");
        self.course
            .get_or_insert_with(|| {
                let mut course = Course::load(&path, &shown.display().to_string())?;
                course.titles = self.titles.clone();
                Ok(course)
            })
            .as_ref()
            .map_err(Clone::clone)
    }

    fn teaching_time(&mut self, at: &At, arg: &str) -> Result<String, Option<String>> {
        let source = at.source.display().to_string();
        let course = self.course_at(at)?;
        match arg {
            "" => course.teaching_time_line(&source),
            "breakdown" => course.breakdown_line(&source),
            _ => Err("write `{{#teaching-time}}` (under the title) or `{{#teaching-time breakdown}}` (in the speaker notes)".into()),
        }
        .map_err(|e| Some(at.error(e)))
    }

    fn course_plan(&mut self, at: &At, name: &str) -> Result<String, Option<String>> {
        let course = self.course_at(at)?;
        course.plan_table(name).map_err(|e| Some(at.error(e)))
    }
}

/// A file `cargo run` runs: the package's `src/main.rs` or a `src/bin/` program.
fn is_program(file: &str) -> bool {
    file == "src/main.rs" || file.starts_with("src/bin/")
}
