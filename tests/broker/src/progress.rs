//! Waiting that judges progress: a wait fails once nothing has moved for
//! [`STALL_LIMIT`], naming what it waited for and where it got stuck, however
//! long the whole wait takes on a loaded machine.

use std::time::{Duration, Instant};

/// How long a wait may see no progress before it fails.
pub const STALL_LIMIT: Duration = Duration::from_secs(30);

/// How often a wait looks again.
const POLL: Duration = Duration::from_millis(10);

/// Polls `check` until it gives `Ok(Ok(value))`. `Ok(Err(measure))` means
/// "not yet", with a measure of progress that must keep growing (a count of
/// messages done, say); `Err` ends the wait at once. Fails after `stall`
/// without a new highest measure.
pub fn wait_until<T>(
    what: &str,
    stall: Duration,
    mut check: impl FnMut() -> Result<Result<T, u64>, String>,
) -> Result<T, String> {
    let mut best = None;
    let mut since = Instant::now();
    loop {
        match check()? {
            Ok(value) => return Ok(value),
            Err(measure) => {
                if best.is_none_or(|b| measure > b) {
                    best = Some(measure);
                    since = Instant::now();
                } else if since.elapsed() > stall {
                    return Err(stalled(what, stall, measure));
                }
            }
        }
        std::thread::sleep(POLL);
    }
}

/// The async twin of [`wait_until`], for code on a tokio runtime.
pub async fn wait_until_async<T, F>(
    what: &str,
    stall: Duration,
    mut check: impl FnMut() -> F,
) -> Result<T, String>
where
    F: Future<Output = Result<Result<T, u64>, String>>,
{
    let mut best = None;
    let mut since = Instant::now();
    loop {
        match check().await? {
            Ok(value) => return Ok(value),
            Err(measure) => {
                if best.is_none_or(|b| measure > b) {
                    best = Some(measure);
                    since = Instant::now();
                } else if since.elapsed() > stall {
                    return Err(stalled(what, stall, measure));
                }
            }
        }
        tokio::time::sleep(POLL).await;
    }
}

fn stalled(what: &str, stall: Duration, measure: u64) -> String {
    format!(
        "gave up waiting for {what}: no progress for {} s (stuck at {measure})",
        stall.as_secs()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wait_without_progress_fails_naming_what_it_waited_for() {
        let err =
            wait_until::<()>("the oven", Duration::from_millis(50), || Ok(Err(3))).unwrap_err();
        assert!(
            err.contains("the oven") && err.contains("stuck at 3"),
            "{err}"
        );
    }

    #[test]
    fn a_wait_that_progresses_outlasts_the_stall_limit() {
        let start = Instant::now();
        let stall = Duration::from_millis(30);
        let done = wait_until("a slow count", stall, || {
            let n = start.elapsed().as_millis() as u64 / 10;
            Ok(if n >= 12 { Ok(n) } else { Err(n) })
        })
        .unwrap();
        assert!(done >= 12 && start.elapsed() > stall);
    }
}
