//! What every check crate (and the xtask) shares: the workspace root, the
//! workspace's packages as cargo reports them (`cargo_metadata`), building
//! binaries and test executables, one sorted directory walker, the one process
//! runner ([`process`]: it judges progress) and the pinned tools ([`tools`]).

use cargo_metadata::{Message, Metadata, MetadataCommand, PackageId};
use std::collections::BTreeMap;
use std::io::BufReader;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::Duration;

/// The workspace root (this crate is `tests/support`, two levels below it).
pub fn workspace_root() -> &'static Path {
    static ROOT: OnceLock<PathBuf> = OnceLock::new();
    ROOT.get_or_init(|| {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .ancestors()
            .nth(2)
            .expect("tests/support is two levels below the workspace root")
            .to_path_buf()
    })
}

/// What a workspace package is to the book.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// `listings/chNN-*/listing-NN-MM-*`: a program a chapter shows.
    Listing,
    /// `listings/chNN-*/exercise-NN-*`: a starter, its tests and a solution.
    Exercise,
    /// `listings/chNN-*/quiz-NN-Q-*`: the program a quiz question asks about
    /// (run by the listings package's `quizzes` test).
    Quiz,
    /// Anything else (the check crates under `tests/`).
    Other,
}

/// One workspace package.
#[derive(Debug, Clone)]
pub struct Package {
    pub name: String,
    /// The directory holding its `Cargo.toml`.
    pub dir: PathBuf,
    pub kind: Kind,
    /// Its binary targets' names.
    pub bins: Vec<String>,
}

/// The workspace's metadata (no dependencies), read once per process.
pub fn metadata() -> &'static Metadata {
    static METADATA: OnceLock<Metadata> = OnceLock::new();
    METADATA.get_or_init(|| {
        MetadataCommand::new()
            .manifest_path(workspace_root().join("Cargo.toml"))
            .no_deps()
            .exec()
            .unwrap_or_else(|e| panic!("`cargo metadata` failed: {e}"))
    })
}

/// Every workspace package, by name.
pub fn packages() -> &'static BTreeMap<String, Package> {
    static PACKAGES: OnceLock<BTreeMap<String, Package>> = OnceLock::new();
    PACKAGES.get_or_init(|| packages_in(metadata()))
}

/// Every package of the workspace `metadata` describes, by name: the same
/// view of any workspace (the learner's command, `crates/course`, reads the
/// one it is run in rather than this checkout).
pub fn packages_in(metadata: &Metadata) -> BTreeMap<String, Package> {
    let listings = metadata.workspace_root.as_std_path().join("listings");
    metadata
        .workspace_packages()
        .into_iter()
        .map(|p| {
            let dir = p
                .manifest_path
                .parent()
                .unwrap()
                .as_std_path()
                .to_path_buf();
            let folder = dir.file_name().unwrap().to_string_lossy().into_owned();
            let kind = if !dir.starts_with(&listings) {
                Kind::Other
            } else if folder.starts_with("listing-") {
                Kind::Listing
            } else if folder.starts_with("exercise-") {
                Kind::Exercise
            } else if folder.starts_with("quiz-") {
                Kind::Quiz
            } else {
                Kind::Other
            };
            let bins = p
                .targets
                .iter()
                .filter(|t| t.is_bin())
                .map(|t| t.name.clone())
                .collect();
            let name = p.name.to_string();
            (
                name.clone(),
                Package {
                    name,
                    dir,
                    kind,
                    bins,
                },
            )
        })
        .collect()
}

/// The workspace packages of one kind, by name.
pub fn packages_of(kind: Kind) -> BTreeMap<String, Package> {
    packages()
        .iter()
        .filter(|(_, p)| p.kind == kind)
        .map(|(n, p)| (n.clone(), p.clone()))
        .collect()
}

/// Runs `cargo <args> --message-format=json-render-diagnostics` at the root
/// (the compiler's messages go to our stderr) and returns, per package name,
/// the executables cargo built.
pub fn cargo_executables(args: &[&str]) -> Result<BTreeMap<String, Vec<PathBuf>>, String> {
    cargo_executables_in(metadata(), args, Stdio::inherit())
}

/// [`cargo_executables`] in the workspace `metadata` describes, with the
/// compiler's messages sent to `diagnostics`.
pub fn cargo_executables_in(
    metadata: &Metadata,
    args: &[&str],
    diagnostics: Stdio,
) -> Result<BTreeMap<String, Vec<PathBuf>>, String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let mut child = Command::new(&cargo)
        .current_dir(&metadata.workspace_root)
        .args(args)
        .arg("--message-format=json-render-diagnostics")
        .stdout(Stdio::piped())
        .stderr(diagnostics)
        .spawn()
        .map_err(|e| format!("cannot start {cargo}: {e}"))?;
    let names: BTreeMap<&PackageId, String> = metadata
        .packages
        .iter()
        .map(|p| (&p.id, p.name.to_string()))
        .collect();
    let mut found: BTreeMap<String, Vec<PathBuf>> = BTreeMap::new();
    for message in Message::parse_stream(BufReader::new(child.stdout.take().unwrap())) {
        let message = message.map_err(|e| format!("cannot read cargo's output: {e}"))?;
        if let Message::CompilerArtifact(artifact) = message
            && let Some(exe) = artifact.executable
        {
            let name = names
                .get(&artifact.package_id)
                .cloned()
                .unwrap_or_else(|| artifact.target.name.clone());
            found.entry(name).or_default().push(exe.into_std_path_buf());
        }
    }
    let status = child.wait().map_err(|e| format!("cargo: {e}"))?;
    if !status.success() {
        return Err(format!(
            "`cargo {}` failed (the compiler's messages are above)",
            args.join(" ")
        ));
    }
    Ok(found)
}

/// The listings the listings test (`tests/listings/tests/listings.rs`) runs
/// and checks the output of: every listing package. The snippet runner
/// leaves a block that is one of these programs whole to that test, so both
/// name their set here.
pub fn checked_listings() -> BTreeMap<String, Package> {
    packages_of(Kind::Listing)
}

/// Builds the binary of each of `packages` (each must have exactly one) and
/// returns package name -> its executable.
pub fn build_binaries(
    packages: &BTreeMap<String, Package>,
) -> Result<BTreeMap<String, PathBuf>, String> {
    let mut args = vec!["build", "--quiet", "--bins"];
    for name in packages.keys() {
        args.extend(["-p", name]);
    }
    let built = cargo_executables(&args)?;
    let mut bins = BTreeMap::new();
    for name in packages.keys() {
        match built.get(name).map(Vec::as_slice) {
            Some([exe]) => {
                bins.insert(name.clone(), exe.clone());
            }
            other => {
                return Err(format!(
                    "{name}: expected one binary, cargo built {}",
                    other.map_or(0, <[PathBuf]>::len)
                ));
            }
        }
    }
    Ok(bins)
}

pub mod child;
pub mod process;
pub mod tools;

pub use process::{Run, Stopped, Watch, run_watched};

/// Runs a binary with no input; kills it if it has not finished within `limit`.
pub fn run_with_timeout(exe: &Path, limit: Duration) -> std::io::Result<Run> {
    run_command_with_timeout(Command::new(exe), limit)
}

/// Runs a binary with its threads on one core (the first), so they take
/// turns. Where the system cannot pin a thread ([`can_pin_to_one_core`] is
/// false) it runs unpinned; the caller says so.
pub fn run_on_one_core(exe: &Path, limit: Duration) -> std::io::Result<Run> {
    let exe = exe.to_path_buf();
    on_one_core(move || run_with_timeout(&exe, limit))
}

/// Runs `start` on a thread of our own pinned to one core (where the system
/// can pin one), so a program it starts runs there. A child inherits the CPU
/// set of the thread that starts it; a test harness's thread, pinned, would
/// stay pinned.
pub fn on_one_core(
    start: impl FnOnce() -> std::io::Result<Run> + Send + 'static,
) -> std::io::Result<Run> {
    std::thread::spawn(move || {
        pin_this_thread_to_one_core();
        start()
    })
    .join()
    .unwrap_or_else(|_| Err(std::io::Error::other("the pinned runner thread panicked")))
}

/// Whether this system lets a thread be pinned to one core.
pub fn can_pin_to_one_core() -> bool {
    static CAN: OnceLock<bool> = OnceLock::new();
    *CAN.get_or_init(|| {
        std::thread::spawn(pin_this_thread_to_one_core)
            .join()
            .unwrap_or(false)
    })
}

fn pin_this_thread_to_one_core() -> bool {
    core_affinity::get_core_ids()
        .and_then(|ids| ids.into_iter().next())
        .is_some_and(core_affinity::set_for_current)
}

/// Runs a command with no input; kills it if it has not finished within `limit`.
pub fn run_command_with_timeout(mut cmd: Command, limit: Duration) -> std::io::Result<Run> {
    // A reader runs listings without RUST_BACKTRACE; a backtrace would only
    // slow the listings that panic on purpose and lengthen their stderr.
    cmd.env_remove("RUST_BACKTRACE");
    let what = Path::new(cmd.get_program())
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    run_watched(cmd, &Watch::within(what, limit))
}

/// `path` with its `.` and `..` components resolved (without touching the
/// disk), as an include directive's target is compared with a file.
pub fn normalise(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            c => out.push(c),
        }
    }
    out
}

/// The directories directly in `dir`, sorted (none when it cannot be read).
pub fn subdirectories(dir: &Path) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.flatten()
                .map(|e| e.path())
                .filter(|p| p.is_dir())
                .collect()
        })
        .unwrap_or_default();
    dirs.sort();
    dirs
}

/// The files under `dir` whose names end with `suffix` (e.g. `.md`), as
/// sorted paths. Hidden directories and `target` are skipped.
pub fn files_under(dir: &Path, suffix: &str) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_entry(|e| {
            let name = e.file_name().to_string_lossy();
            e.depth() == 0
                || !e.file_type().is_dir()
                || !(name.starts_with('.') || name == "target")
        })
        .map(|e| e.unwrap_or_else(|e| panic!("cannot read under {}: {e}", dir.display())))
        .filter(|e| e.file_type().is_file() && e.file_name().to_string_lossy().ends_with(suffix))
        .map(walkdir::DirEntry::into_path)
        .collect();
    found.sort();
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_listings_and_exercises_by_folder() {
        let listings = packages_of(Kind::Listing);
        let first = listings
            .get("listing-02-01-first-message")
            .expect("listing-02-01-first-message is a workspace package");
        assert!(
            first
                .dir
                .ends_with("listings/ch02-first-channel/listing-02-01-first-message")
        );
        assert_eq!(first.bins, ["listing-02-01-first-message"]);
        assert!(packages_of(Kind::Exercise).contains_key("exercise-03-fan-in"));
        assert_eq!(packages()["support"].kind, Kind::Other);
    }

    /// Every crate under `listings/` is a listing or an exercise, and its
    /// package is named as its folder, so the folder a caption names is what
    /// `cargo run -p` takes, and the checks (which key on package names) and
    /// the chapters (which name folders) agree.
    #[test]
    fn book_packages_are_named_as_their_folders() {
        let listings = workspace_root().join("listings");
        let mut problems = Vec::new();
        let mut book_packages = 0;
        for package in packages().values() {
            if !package.dir.starts_with(&listings) {
                continue;
            }
            book_packages += 1;
            let folder = package.dir.file_name().unwrap().to_string_lossy();
            if package.name != folder {
                problems.push(format!(
                    "{}: the package is named {:?}; name it as its folder, {folder:?}",
                    package.dir.display(),
                    package.name
                ));
            }
            if package.kind == Kind::Other {
                problems.push(format!(
                    "{}: a crate under listings/ must be a `listing-NN-MM-what`, an \
                     `exercise-NN-what` or a `quiz-NN-Q-what` folder, or no check runs it",
                    package.dir.display()
                ));
            }
        }
        assert!(
            book_packages > 0,
            "found no package under {}",
            listings.display()
        );
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    /// The stress runs' one-core mode: a program started from a pinned
    /// thread sees one CPU.
    #[cfg(target_os = "linux")]
    #[test]
    fn one_core_runs_see_one_cpu() {
        assert!(can_pin_to_one_core());
        let run = run_on_one_core(Path::new("nproc"), Duration::from_secs(20)).unwrap();
        assert_eq!(run.stdout.trim(), "1", "{run:?}");
    }

    #[test]
    fn walker_is_sorted_and_filtered() {
        let md = files_under(&workspace_root().join("src"), ".md");
        assert!(md.windows(2).all(|w| w[0] < w[1]));
        assert!(md.iter().all(|p| p.extension().is_some_and(|e| e == "md")));
        assert!(md.iter().any(|p| p.ends_with("SUMMARY.md")));
    }
}
