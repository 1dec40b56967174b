//! `src/course.toml`: each chapter's teaching time and its breakdown, and the
//! workshop plans built from them. The chapters' "Teaching time" lines and the
//! course outline's tables are generated from it, so the minutes are typed
//! once.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

/// One chapter's time.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChapterTime {
    pub minutes: u32,
    /// What the minutes include, for the line under the title ("the exercise").
    pub including: String,
    /// The speaker notes' breakdown: minutes and what they are for.
    pub breakdown: Vec<(u32, String)>,
}

/// A row of a workshop plan: a chapter file, or a session of its own (a break).
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Session {
    Chapter(String),
    Other { session: String, minutes: u32 },
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Plan {
    /// The first column's heading ("Session", "Module").
    #[serde(default = "session_column")]
    pub column: String,
    pub sessions: Vec<Session>,
    /// The time the workshop is planned for (a half day), when it has one:
    /// its sessions must fit in it.
    pub fits_in: Option<u32>,
}

fn session_column() -> String {
    "Session".to_string()
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Course {
    /// For messages: `src/course.toml`.
    #[serde(skip)]
    pub file: String,
    /// By chapter file, relative to `src/`.
    pub chapters: BTreeMap<String, ChapterTime>,
    #[serde(default)]
    pub plans: BTreeMap<String, Plan>,
    /// Chapter titles by file, for the plans' links (filled from the book).
    #[serde(skip)]
    pub titles: BTreeMap<String, String>,
}

impl Course {
    /// Reads and checks `path`; `shown` names it in messages.
    pub fn load(path: &Path, shown: &str) -> Result<Course, String> {
        let text =
            std::fs::read_to_string(path).map_err(|e| format!("{shown} cannot be read ({e})"))?;
        Course::parse(&text, shown)
    }

    /// Parses the course and checks what TOML cannot: each breakdown adds up
    /// to its minutes, each plan names chapters that have minutes and fits in
    /// its time.
    pub fn parse(text: &str, shown: &str) -> Result<Course, String> {
        let mut course: Course =
            toml::from_str(text).map_err(|e| format!("{shown}: {}", e.to_string().trim()))?;
        course.file = shown.to_string();
        for (file, time) in &course.chapters {
            let sum: u32 = time.breakdown.iter().map(|(m, _)| m).sum();
            if sum != time.minutes {
                return Err(format!(
                    "{shown}: chapters.\"{file}\": the breakdown adds up to {sum} minutes, but \
                     `minutes` is {}",
                    time.minutes
                ));
            }
        }
        for (name, plan) in &course.plans {
            for session in &plan.sessions {
                if let Session::Chapter(file) = session
                    && !course.chapters.contains_key(file)
                {
                    return Err(format!(
                        "{shown}: plans.{name} names {file}, which has no entry under [chapters]"
                    ));
                }
            }
            let total = course.total(plan);
            if let Some(fits_in) = plan.fits_in
                && total > fits_in
            {
                return Err(format!(
                    "{shown}: plans.{name} must fit in {fits_in} min, but its sessions add up to {total} min"
                ));
            }
        }
        Ok(course)
    }

    fn minutes(&self, session: &Session) -> u32 {
        match session {
            Session::Chapter(file) => self.chapters[file].minutes,
            Session::Other { minutes, .. } => *minutes,
        }
    }

    pub fn total(&self, plan: &Plan) -> u32 {
        plan.sessions.iter().map(|s| self.minutes(s)).sum()
    }

    fn chapter(&self, source: &str) -> Result<&ChapterTime, String> {
        self.chapters.get(source).ok_or_else(|| {
            format!(
                "{} has no [chapters.\"{source}\"] entry with this chapter's minutes",
                self.file
            )
        })
    }

    /// The line under a chapter's title.
    pub fn teaching_time_line(&self, source: &str) -> Result<String, String> {
        let time = self.chapter(source)?;
        Ok(format!(
            "*Teaching time: about {} minutes, including {}.*",
            time.minutes, time.including
        ))
    }

    /// The speaker notes' line, with the breakdown.
    pub fn breakdown_line(&self, source: &str) -> Result<String, String> {
        let time = self.chapter(source)?;
        let parts: Vec<String> = time
            .breakdown
            .iter()
            .map(|(m, what)| format!("{m} {what}"))
            .collect();
        Ok(format!(
            "- **Teaching time:** {} minutes: {}.",
            time.minutes,
            parts.join(", ")
        ))
    }

    /// A plan as a markdown table with its total.
    pub fn plan_table(&self, name: &str) -> Result<String, String> {
        let plan = self.plans.get(name).ok_or_else(|| {
            format!(
                "{} has no [plans.{name}] (it has: {})",
                self.file,
                self.plans.keys().cloned().collect::<Vec<_>>().join(", ")
            )
        })?;
        let mut out = format!("| {} | Time |\n| :-- | --: |\n", plan.column);
        for session in &plan.sessions {
            let label = match session {
                Session::Chapter(file) => {
                    let title = self.titles.get(file).ok_or_else(|| {
                        format!(
                            "{}: plans.{name} names {file}, which is not a chapter in SUMMARY.md",
                            self.file
                        )
                    })?;
                    format!("[{title}]({file})")
                }
                Session::Other { session, .. } => session.clone(),
            };
            out.push_str(&format!("| {label} | {} min |\n", self.minutes(session)));
        }
        out.push_str(&format!("| **Total** | **{} min** |", self.total(plan)));
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const COURSE: &str = r#"
[chapters."ch01-a.md"]
minutes = 15
including = "the quiz"
breakdown = [[10, "reading"], [5, "quiz"]]

[chapters."ch02-b.md"]
minutes = 40
including = "the exercise"
breakdown = [[20, "reading"], [20, "exercise"]]

[plans.short]
fits-in = 70
sessions = ["ch01-a.md", { session = "Break", minutes = 15 }, "ch02-b.md"]
"#;

    #[test]
    fn generates_lines_and_tables() {
        let mut course = Course::parse(COURSE, "course.toml").unwrap();
        course.titles.insert("ch01-a.md".into(), "A".into());
        course.titles.insert("ch02-b.md".into(), "B".into());
        assert_eq!(
            course.teaching_time_line("ch01-a.md").unwrap(),
            "*Teaching time: about 15 minutes, including the quiz.*"
        );
        assert_eq!(
            course.breakdown_line("ch02-b.md").unwrap(),
            "- **Teaching time:** 40 minutes: 20 reading, 20 exercise."
        );
        let table = course.plan_table("short").unwrap();
        assert!(table.contains("| [A](ch01-a.md) | 15 min |"), "{table}");
        assert!(table.ends_with("| **Total** | **70 min** |"), "{table}");
    }

    #[test]
    fn totals_that_cannot_add_up_are_errors() {
        let bad = COURSE.replace("fits-in = 70", "fits-in = 60");
        let e = Course::parse(&bad, "course.toml").unwrap_err();
        assert!(
            e.contains("plans.short must fit in 60 min, but its sessions add up to 70 min"),
            "{e}"
        );
        let bad = COURSE.replace("[[10, \"reading\"]", "[[12, \"reading\"]");
        let e = Course::parse(&bad, "course.toml").unwrap_err();
        assert!(e.contains("breakdown adds up to 17 minutes"), "{e}");
    }
}
