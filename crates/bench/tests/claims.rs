//! The claims check: chapter 20's figures and charts are what the committed
//! rounds give, and a round that no longer supports a sentence fails the
//! check, naming the figure and the data.

use bench::figures::{CLAIMS, Claim, Metric, sentence};
use bench::report::{self, CHAPTER};
use bench::rounds::Rounds;
use std::fs;

#[test]
fn committed_figures_and_charts_match_the_rounds() {
    let problems = report::check(&report::workspace_root());
    assert!(
        problems.is_empty(),
        "chapter 20's figures no longer match the data:\n{}\n\
         (`cargo run --release -p bench -- --report` rewrites figures and charts from the rounds)",
        problems.join("\n")
    );
}

/// A copy of everything the check reads, to break.
fn copy_of_the_data() -> tempfile::TempDir {
    let root = report::workspace_root();
    let tmp = tempfile::tempdir().unwrap();
    for dir in ["src/data", "src/img"] {
        fs::create_dir_all(tmp.path().join(dir)).unwrap();
        for entry in fs::read_dir(root.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            if name.starts_with("ch20-") && path.is_file() {
                fs::copy(&path, tmp.path().join(dir).join(name)).unwrap();
            }
        }
    }
    fs::copy(root.join(CHAPTER), tmp.path().join(CHAPTER)).unwrap();
    tmp
}

/// Moves channel `a` of a throughput claim in round 1 so that its ratio to
/// `b` lands on the other side of 1.
fn flip_round_one(rounds: &mut Rounds, claim: &Claim) {
    let ratio = claim.ratios(rounds)[0];
    let row = rounds
        .throughput
        .iter_mut()
        .find(|t| t.round == 1 && t.channel == claim.a && t.producers == claim.producers)
        .unwrap();
    // The new ratio is 1/ratio: a rate falls as the time grows, a CPU cost
    // grows with the CPU time.
    match claim.metric {
        Metric::Rate => row.wall_ns = (row.wall_ns as f64 * ratio * ratio) as u64,
        Metric::Cpu => row.cpu_ns = (row.cpu_ns as f64 / (ratio * ratio)) as u64,
        _ => unreachable!("only throughput claims are flipped here"),
    }
}

#[test]
fn a_round_that_no_longer_supports_a_sentence_fails_the_check() {
    let copy = copy_of_the_data();
    let data = copy.path().join("src/data");
    assert_eq!(
        report::check(copy.path()),
        Vec::<String>::new(),
        "the copy is sound"
    );
    let (mut rounds, _) = report::load(copy.path()).unwrap();
    let mut flipped = 0;
    for metric in [Metric::Rate, Metric::Cpu] {
        // One claim of each kind that held in every round: break it.
        let Some(claim) = CLAIMS
            .iter()
            .filter(|c| c.metric == metric)
            .find(|c| !sentence(c, &rounds).starts_with("the rounds disagree"))
        else {
            continue;
        };
        flip_round_one(&mut rounds, claim);
        rounds.write(&data).unwrap();
        let problems = report::check(copy.path());
        let key = format!("figure ch20.{} says", claim.key());
        assert!(
            problems.iter().any(|p| p.contains(&key)
                && p.contains("no longer supports")
                && p.contains("src/data/ch20-rounds-throughput.csv")),
            "breaking round 1 of {} went unnoticed: {problems:#?}",
            claim.key()
        );
        // What the data now gives for that key: the rounds disagree.
        assert!(sentence(claim, &rounds).starts_with("the rounds disagree"));
        flipped += 1;
    }
    assert!(
        flipped > 0,
        "no claim held in every round, so none could be broken"
    );
}

#[test]
fn a_figure_edited_by_hand_fails_the_check() {
    let copy = copy_of_the_data();
    let path = copy.path().join("src/data/ch20-figures.json");
    let text = fs::read_to_string(&path).unwrap();
    let mut figures: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(&text).unwrap();
    figures.insert("rounds".into(), "99".into());
    fs::write(&path, serde_json::to_string_pretty(&figures).unwrap()).unwrap();
    let problems = report::check(copy.path());
    assert!(
        problems
            .iter()
            .any(|p| p.contains("figure ch20.rounds says \"99\"")),
        "{problems:#?}"
    );
}

#[test]
fn a_placeholder_naming_no_figure_fails_the_check() {
    let copy = copy_of_the_data();
    let chapter = copy.path().join(CHAPTER);
    let text = fs::read_to_string(&chapter).unwrap();
    fs::write(
        &chapter,
        format!("{text}\n{{{{#figure ch20.no-such-key}}}}\n"),
    )
    .unwrap();
    let problems = report::check(copy.path());
    assert!(
        problems
            .iter()
            .any(|p| p.contains("{{#figure ch20.no-such-key}} names no figure")),
        "{problems:#?}"
    );
}

#[test]
fn a_stale_chart_fails_the_check() {
    let copy = copy_of_the_data();
    let path = copy.path().join("src/img/ch20-latency.svg");
    let svg = fs::read_to_string(&path).unwrap();
    fs::write(&path, svg.replacen("<rect", "<rect data-edited=\"yes\"", 1)).unwrap();
    let problems = report::check(copy.path());
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("src/img/ch20-latency.svg is not the chart")),
        "{problems:#?}"
    );
}

#[test]
fn a_round_missing_a_cell_is_reported() {
    let copy = copy_of_the_data();
    let data = copy.path().join("src/data");
    let (mut rounds, _) = report::load(copy.path()).unwrap();
    rounds
        .latency
        .retain(|l| !(l.round == 2 && l.channel == "flume-1024"));
    rounds.write(&data).unwrap();
    let problems = report::check(copy.path());
    assert!(
        problems
            .iter()
            .any(|p| p.contains("round 2 has 0 records of") && p.contains("flume-1024")),
        "{problems:#?}"
    );
}
