//! `src/course.toml`: each chapter's teaching time and its breakdown, and the
//! workshop plans built from them. The chapters' "Teaching time" lines and the
//! course outline's tables are generated from it, so the minutes are typed
//! once.

use std::collections::BTreeMap;
use std::path::Path;

/// One chapter's time.
#[derive(Debug, Clone)]
pub struct ChapterTime {
    pub minutes: u32,
    /// What the minutes include, for the line under the title ("the exercise").
    pub including: String,
    /// The speaker notes' breakdown: minutes and what they are for.
    pub breakdown: Vec<(u32, String)>,
}

/// A row of a workshop plan: a chapter, or a session of its own (a break).
#[derive(Debug, Clone)]
pub enum Session {
    Chapter(String),
    Other { what: String, minutes: u32 },
}

#[derive(Debug, Clone)]
pub struct Plan {
    /// The first column's heading ("Session", "Module").
    pub column: String,
    pub sessions: Vec<Session>,
    /// The length the workshop is planned for, when it has one: the rows must add up to it.
    pub length: Option<u32>,
}

#[derive(Debug, Clone, Default)]
pub struct Course {
    /// For messages: `src/course.toml`.
    pub file: String,
    /// By chapter file, relative to `src/`.
    pub chapters: BTreeMap<String, ChapterTime>,
    pub plans: BTreeMap<String, Plan>,
    /// Chapter titles by file, for the plans' links (filled from the book).
    pub titles: BTreeMap<String, String>,
}

impl Course {
    /// Reads and checks `path`; `shown` names it in messages.
    pub fn load(path: &Path, shown: &str) -> Result<Course, String> {
        let text =
            std::fs::read_to_string(path).map_err(|e| format!("{shown} cannot be read ({e})"))?;
        Course::parse(&text, shown)
    }

    pub fn parse(text: &str, shown: &str) -> Result<Course, String> {
        let table: toml::Table = text.parse().map_err(|e| format!("{shown}: {e}"))?;
        let mut course = Course {
            file: shown.to_string(),
            ..Course::default()
        };
        let err = |what: String| format!("{shown}: {what}");
        let chapters = table
            .get("chapters")
            .and_then(|c| c.as_table())
            .ok_or_else(|| err("no [chapters] table".into()))?;
        for (file, entry) in chapters {
            let minutes = entry
                .get("minutes")
                .and_then(|m| m.as_integer())
                .and_then(|m| u32::try_from(m).ok())
                .ok_or_else(|| err(format!("chapters.\"{file}\" has no whole `minutes`")))?;
            let including = entry
                .get("including")
                .and_then(|i| i.as_str())
                .ok_or_else(|| {
                    err(format!(
                        "chapters.\"{file}\" has no `including` (what the minutes cover)"
                    ))
                })?
                .to_string();
            let mut breakdown = Vec::new();
            for part in entry
                .get("breakdown")
                .and_then(|b| b.as_array())
                .ok_or_else(|| err(format!("chapters.\"{file}\" has no `breakdown` list")))?
            {
                let pair = part.as_array().filter(|p| p.len() == 2);
                let (Some(m), Some(what)) = (
                    pair.and_then(|p| p[0].as_integer())
                        .and_then(|m| u32::try_from(m).ok()),
                    pair.and_then(|p| p[1].as_str()),
                ) else {
                    return Err(err(format!(
                        "chapters.\"{file}\".breakdown: write each part as [minutes, \"what\"]"
                    )));
                };
                breakdown.push((m, what.to_string()));
            }
            let sum: u32 = breakdown.iter().map(|(m, _)| m).sum();
            if sum != minutes {
                return Err(err(format!(
                    "chapters.\"{file}\": the breakdown adds up to {sum} minutes, but `minutes` is {minutes}"
                )));
            }
            course.chapters.insert(
                file.clone(),
                ChapterTime {
                    minutes,
                    including,
                    breakdown,
                },
            );
        }
        let plans = table
            .get("plans")
            .and_then(|p| p.as_table())
            .cloned()
            .unwrap_or_default();
        for (name, plan) in plans {
            let column = plan
                .get("column")
                .and_then(|c| c.as_str())
                .unwrap_or("Session")
                .to_string();
            let length = plan
                .get("length")
                .and_then(|l| l.as_integer())
                .and_then(|l| u32::try_from(l).ok());
            let mut sessions = Vec::new();
            for row in plan
                .get("sessions")
                .and_then(|s| s.as_array())
                .ok_or_else(|| err(format!("plans.{name} has no `sessions` list")))?
            {
                if let Some(file) = row.as_str() {
                    if !course.chapters.contains_key(file) {
                        return Err(err(format!(
                            "plans.{name} names {file}, which has no entry under [chapters]"
                        )));
                    }
                    sessions.push(Session::Chapter(file.to_string()));
                } else if let (Some(what), Some(minutes)) = (
                    row.get("session").and_then(|s| s.as_str()),
                    row.get("minutes")
                        .and_then(|m| m.as_integer())
                        .and_then(|m| u32::try_from(m).ok()),
                ) {
                    sessions.push(Session::Other {
                        what: what.to_string(),
                        minutes,
                    });
                } else {
                    return Err(err(format!(
                        "plans.{name}.sessions: each row is a chapter file or \
                         {{ session = \"...\", minutes = N }}"
                    )));
                }
            }
            let plan = Plan {
                column,
                sessions,
                length,
            };
            let total = course.total(&plan);
            if let Some(length) = length
                && length != total
            {
                return Err(err(format!(
                    "plans.{name} is {length} min long, but its sessions add up to {total} min"
                )));
            }
            course.plans.insert(name, plan);
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
            "- **Teaching time:** {} minutes ({}).",
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
                Session::Other { what, .. } => what.clone(),
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
length = 70
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
            "- **Teaching time:** 40 minutes (20 reading, 20 exercise)."
        );
        let table = course.plan_table("short").unwrap();
        assert!(table.contains("| [A](ch01-a.md) | 15 min |"), "{table}");
        assert!(table.ends_with("| **Total** | **70 min** |"), "{table}");
    }

    #[test]
    fn totals_that_cannot_add_up_are_errors() {
        let bad = COURSE.replace("length = 70", "length = 60");
        let e = Course::parse(&bad, "course.toml").unwrap_err();
        assert!(
            e.contains("plans.short is 60 min long, but its sessions add up to 70 min"),
            "{e}"
        );
        let bad = COURSE.replace("[[10, \"reading\"]", "[[12, \"reading\"]");
        let e = Course::parse(&bad, "course.toml").unwrap_err();
        assert!(e.contains("breakdown adds up to 17 minutes"), "{e}");
    }
}
