//! `cargo course`: the learner's command for the book's exercises.

use anyhow::{Result, bail};
use clap::{Parser, Subcommand};
use course::{Course, Exercise, Outcome, Reset};
use notify::{RecursiveMode, Watcher};
use std::process::ExitCode;
use std::sync::mpsc;
use std::time::Duration;

/// Your progress through the book's exercises.
#[derive(Parser)]
#[command(name = "cargo course", bin_name = "cargo course")]
struct Cli {
    #[command(subcommand)]
    command: Option<Cmd>,
}

#[derive(Subcommand)]
enum Cmd {
    /// Every exercise, its chapter, and whether its tests pass on your
    /// starter.rs (the default).
    Status,
    /// The first exercise not done yet: the file to edit and the command to run.
    Next,
    /// One more hint for an exercise (`3-2`, `fix-the-hang`, or `2` when the
    /// chapter has one exercise) each time you ask.
    Hint { exercise: String },
    /// Reruns the current exercise's tests each time you save one of its
    /// files, and moves on to the next when they pass.
    Watch,
    /// Puts an exercise's original starter.rs back, after keeping a copy of
    /// yours.
    Reset { exercise: String },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // The message alone: a learner's RUST_BACKTRACE would add anyhow's
    // backtrace, which is about this command, not their code.
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<()> {
    let course = Course::load()?;
    match cli.command.unwrap_or(Cmd::Status) {
        Cmd::Status => status(&course),
        Cmd::Next => next(&course),
        Cmd::Hint { exercise } => hint(&course, course.find(&exercise)?),
        Cmd::Watch => watch(&course),
        Cmd::Reset { exercise } => reset(&course, course.find(&exercise)?),
    }
}

fn all(course: &Course) -> Result<Vec<(&Exercise, Outcome)>> {
    let exercises: Vec<&Exercise> = course.exercises.iter().collect();
    let outcomes = course::check(course, &exercises)?;
    Ok(exercises.into_iter().zip(outcomes).collect())
}

fn status(course: &Course) -> Result<()> {
    let results = all(course)?;
    let width = results.iter().map(|(e, _)| e.name.len()).max().unwrap_or(0);
    println!(
        "{:<5}  {:<width$}  {:<40}  status",
        "#", "exercise", "chapter"
    );
    for (e, outcome) in &results {
        let chapter = format!("{}. {}", e.chapter, e.chapter_title);
        println!(
            "{:<5}  {:<width$}  {chapter:<40}  {}",
            e.id,
            e.name,
            outcome.word()
        );
    }
    let done = results.iter().filter(|(_, o)| o.is_done()).count();
    println!("{done} of {} exercises done", results.len());
    if done < results.len() {
        println!("`cargo course next` says what to do next.");
    }
    Ok(())
}

fn next(course: &Course) -> Result<()> {
    let results = all(course)?;
    match results.iter().find(|(_, o)| !o.is_done()) {
        None => println!(
            "All {} exercises are done. Well cooked!",
            course.exercises.len()
        ),
        Some((e, outcome)) => {
            describe(course, e, false);
            if let Outcome::DoesNotCompile(_) = outcome {
                println!("  (your starter does not compile yet: the command shows why)");
            }
        }
    }
    Ok(())
}

fn describe(course: &Course, e: &Exercise, watching: bool) {
    println!(
        "Next: exercise {} ({}), in chapter {}, {}",
        e.id, e.name, e.chapter, e.chapter_title
    );
    println!("  edit: {}", course.show(&e.starter()));
    println!("  run:  {}", e.test_command());
    if !watching {
        println!("  or:   cargo course watch (reruns the tests each time you save)");
    }
    println!("  stuck? cargo course hint {}", e.id);
}

fn hint(course: &Course, e: &Exercise) -> Result<()> {
    let hints = e.hints()?;
    let shown = course::hints_shown(course, e);
    if shown >= hints.len() {
        println!(
            "That was the last of exercise {}'s {} hints (`cargo course hint` shows them again from the first).",
            e.id,
            hints.len()
        );
        println!(
            "The solution is in {} and at the end of the exercise in the chapter.",
            course.show(&e.solution())
        );
        course::set_hints_shown(course, e, 0)?;
        return Ok(());
    }
    println!(
        "Hint {} of {} for exercise {} ({}):\n",
        shown + 1,
        hints.len(),
        e.id,
        e.name
    );
    println!("{}\n", hints[shown]);
    if shown + 1 < hints.len() {
        println!("Ask again for the next one.");
    } else {
        println!("That was the last hint; asking again points to the solution.");
    }
    course::set_hints_shown(course, e, shown + 1)
}

fn reset(course: &Course, e: &Exercise) -> Result<()> {
    match course::reset(course, e)? {
        Reset::Unchanged => println!(
            "{} already is the original starter; nothing to do.",
            course.show(&e.starter())
        ),
        Reset::BackedUp(backup) => {
            println!(
                "{} is the original starter again.",
                course.show(&e.starter())
            );
            println!("Your version is kept in {}", course.show(&backup));
        }
    }
    Ok(())
}

/// How long to let a burst of file events settle: an editor's save is often
/// several writes and renames.
const SETTLE: Duration = Duration::from_millis(200);

fn watch(course: &Course) -> Result<()> {
    let results = all(course)?;
    let Some(mut index) = results.iter().position(|(_, o)| !o.is_done()) else {
        println!("All {} exercises are done.", course.exercises.len());
        return Ok(());
    };
    let (tx, rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(tx)?;
    loop {
        let e = &course.exercises[index];
        describe(course, e, true);
        for part in ["src", "tests"] {
            watcher.watch(&e.dir.join(part), RecursiveMode::Recursive)?;
        }
        loop {
            println!("\n--- testing exercise {} ({}) ---", e.id, e.name);
            let outcome = match course::build_shown(course, e) {
                Ok(exes) => course::run_tests(&exes),
                Err(messages) => Outcome::DoesNotCompile(messages),
            };
            match &outcome {
                Outcome::Done => break,
                Outcome::NotYet(log) => {
                    println!("{log}");
                    println!("Not yet: exercise {} waits for your next save.", e.id);
                }
                Outcome::DoesNotCompile(_) => {
                    println!(
                        "Does not compile yet (above): exercise {} waits for your next save.",
                        e.id
                    );
                }
            }
            wait_for_change(&rx)?;
        }
        println!("Exercise {} is done!", e.id);
        for part in ["src", "tests"] {
            let _ = watcher.unwatch(&e.dir.join(part));
        }
        // Later exercises may already be done: ask for their state again.
        let remaining: Vec<&Exercise> = course.exercises[index + 1..].iter().collect();
        let outcomes = course::check(course, &remaining)?;
        match outcomes.iter().position(|o| !o.is_done()) {
            Some(i) => index += 1 + i,
            None => {
                println!(
                    "All {} exercises are done. Well cooked!",
                    course.exercises.len()
                );
                return Ok(());
            }
        }
    }
}

/// Blocks until a file under the watched folders changes, then lets the
/// burst of events settle.
fn wait_for_change(rx: &mpsc::Receiver<notify::Result<notify::Event>>) -> Result<()> {
    loop {
        match rx.recv() {
            Ok(Ok(event)) if changes_content(&event) => break,
            Ok(Ok(_)) => {}
            Ok(Err(e)) => bail!("watching the exercise's files failed: {e}"),
            Err(_) => bail!("the file watcher stopped"),
        }
    }
    while rx.recv_timeout(SETTLE).is_ok() {}
    Ok(())
}

fn changes_content(event: &notify::Event) -> bool {
    use notify::EventKind;
    matches!(
        event.kind,
        EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_)
    ) && event
        .paths
        .iter()
        .any(|p| p.extension().is_some_and(|x| x == "rs"))
}
