//! Each check and each directive, proven on a small broken book: the cases in
//! `fixtures/cases/` each make one breakage in a copy of `fixtures/base/` (a
//! tiny book with one listing, one exercise, one compile-fail case, one
//! figure and a course plan), and what the book's model and checks then say
//! must equal the case's snapshot (`fixtures/cases/NAME.txt`). The `clean`
//! case proves the base book passes, so every message comes from its case's
//! one edit. `SNAPSHOTS=overwrite cargo test -p book --test fixtures`
//! records the messages again; review the diff.

use book::book_model::Book;
use book::checks::CHECKS;
use libtest_mimic::{Arguments, Failed, Trial};
use snapbox::{Assert, Data, Redactions};
use std::fs;
use std::path::{Path, PathBuf};

fn main() {
    let args = Arguments::from_args();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut cases: Vec<PathBuf> = fs::read_dir(fixtures.join("cases"))
        .expect("tests/book/fixtures/cases")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    cases.sort();
    let mut trials: Vec<Trial> = cases
        .into_iter()
        .map(|case| {
            let name = case.file_stem().unwrap().to_string_lossy().into_owned();
            let base = fixtures.join("base");
            Trial::test(name.clone(), move || run_case(&base, &case, &name))
        })
        .collect();
    trials.push(Trial::test(
        "base_expands_as_the_reader_sees_it",
        move || expands(&fixtures),
    ));
    libtest_mimic::run(&args, trials).exit();
}

fn run_case(base: &Path, case: &Path, name: &str) -> Result<(), Failed> {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("fixtures")
        .join(name);
    if root.exists() {
        fs::remove_dir_all(&root)?;
    }
    copy_dir(base, &root)?;
    apply(case, &root)?;
    let said: String = match Book::load(&root) {
        Err(e) => format!("{e:#}")
            .lines()
            .map(|l| format!("render: {l}\n"))
            .collect(),
        Ok(book) => CHECKS
            .iter()
            .flat_map(|(check, run)| {
                run(&book)
                    .into_iter()
                    .map(move |m| format!("{check}: {m}\n"))
            })
            .collect(),
    };
    let mut redactions = Redactions::new();
    redactions.insert("[ROOT]", root.clone())?;
    Assert::new()
        .action_env(snapbox::assert::DEFAULT_ACTION_ENV)
        .redact_with(redactions)
        .try_eq(
            Some(&format!("{name}.txt")),
            Data::text(said),
            Data::read_from(&case.with_extension("txt"), None),
        )
        .map_err(|e| Failed::from(e.to_string()))
}

/// What the directives make of the base book, chapter by chapter (mdBook's
/// includes still as written), against `fixtures/base.expanded.md`: the
/// Filename lines, captions, run commands, teaching times and plan tables a
/// reader sees.
fn expands(fixtures: &Path) -> Result<(), Failed> {
    let book = Book::load(&fixtures.join("base")).map_err(|e| format!("{e:#}"))?;
    let text: String = book
        .chapters
        .iter()
        .map(|c| format!("<!-- {} -->\n{}\n", c.source.display(), c.expanded))
        .collect();
    Assert::new()
        .action_env(snapbox::assert::DEFAULT_ACTION_ENV)
        .try_eq(
            Some(&"base.expanded.md"),
            Data::text(text),
            Data::read_from(&fixtures.join("base.expanded.md"), None),
        )
        .map_err(|e| Failed::from(e.to_string()))
}

/// A case's breakage: `remove` files, `[[edit]]` one text in a file,
/// `[[write]]` a new file.
fn apply(case: &Path, root: &Path) -> Result<(), String> {
    let text = fs::read_to_string(case).map_err(|e| format!("{}: {e}", case.display()))?;
    let case_toml: toml::Table = text
        .parse()
        .map_err(|e| format!("{}: {e}", case.display()))?;
    let strings = |v: &toml::Value, key: &str| -> Result<String, String> {
        v.get(key)
            .and_then(|s| s.as_str())
            .map(str::to_string)
            .ok_or_else(|| format!("{}: an entry without `{key}`", case.display()))
    };
    for file in case_toml
        .get("remove")
        .and_then(|r| r.as_array())
        .into_iter()
        .flatten()
    {
        let file = root.join(file.as_str().unwrap_or_default());
        fs::remove_file(&file).map_err(|e| format!("cannot remove {}: {e}", file.display()))?;
    }
    for edit in case_toml
        .get("edit")
        .and_then(|e| e.as_array())
        .into_iter()
        .flatten()
    {
        let file = root.join(strings(edit, "file")?);
        let (from, to) = (strings(edit, "replace")?, strings(edit, "with")?);
        let text = fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
        // An edit that no longer finds its text would prove nothing.
        if !text.contains(&from) {
            return Err(format!(
                "{}: {} does not contain {from:?}; update the case",
                case.display(),
                file.display()
            ));
        }
        fs::write(&file, text.replacen(&from, &to, 1)).map_err(|e| e.to_string())?;
    }
    for write in case_toml
        .get("write")
        .and_then(|w| w.as_array())
        .into_iter()
        .flatten()
    {
        let file = root.join(strings(write, "file")?);
        fs::create_dir_all(file.parent().unwrap()).map_err(|e| e.to_string())?;
        fs::write(&file, strings(write, "text")?).map_err(|e| e.to_string())?;
    }
    Ok(())
}

fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    fs::create_dir_all(to)?;
    for entry in fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}
