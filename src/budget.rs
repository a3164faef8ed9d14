//! A time budget per document. One document that costs far more than its size suggests (a
//! crafted page, a pathological paragraph) must not stall a run of thousands: the stages call
//! [`check`] in their loops, and past the deadline the document's work unwinds to the
//! pipeline's guard, which reports the document as skipped and goes on with the next.

use std::cell::Cell;
use std::panic;
use std::time::{Duration, Instant};

/// How many calls of [`check`] pass between two looks at the clock.
const CALLS_PER_LOOK: u32 = 64;

thread_local! {
    static DEADLINE: Cell<Option<Instant>> = const { Cell::new(None) };
    static CALLS_LEFT: Cell<u32> = const { Cell::new(CALLS_PER_LOOK) };
}

/// What a document's work unwinds with when its time is up. Not a bug, so it is raised with
/// `resume_unwind`, which leaves the panic report out.
pub(crate) struct OverBudget;

/// Runs `work` on this thread with a deadline `limit` from now (none when `limit` is `None`),
/// cleared again however `work` ends.
pub(crate) fn within<T>(limit: Option<Duration>, work: impl FnOnce() -> T) -> T {
    struct Clear;
    impl Drop for Clear {
        fn drop(&mut self) {
            DEADLINE.with(|d| d.set(None));
        }
    }
    let _clear = Clear;
    DEADLINE.with(|d| d.set(limit.map(|l| Instant::now() + l)));
    CALLS_LEFT.with(|c| c.set(1));
    work()
}

/// Ends the current document's work if its time is up; cheap enough for inner loops.
pub(crate) fn check() {
    let look = CALLS_LEFT.with(|c| {
        let left = c.get().saturating_sub(1);
        c.set(if left == 0 { CALLS_PER_LOOK } else { left });
        left == 0
    });
    if !look {
        return;
    }
    if let Some(deadline) = DEADLINE.with(Cell::get) {
        if Instant::now() >= deadline {
            panic::resume_unwind(Box::new(OverBudget));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn work_past_its_deadline_unwinds_and_the_deadline_is_cleared() {
        let outcome = panic::catch_unwind(|| {
            within(Some(Duration::ZERO), || loop {
                check();
            })
        });
        let cause = outcome.expect_err("stopped");
        assert!(cause.is::<OverBudget>());
        // no deadline is left behind for what the thread does next
        for _ in 0..1_000 {
            check();
        }
    }

    #[test]
    fn work_within_its_budget_or_without_one_runs_to_its_end() {
        let sum = within(Some(Duration::from_secs(60)), || {
            (0..10_000u64).inspect(|_| check()).sum::<u64>()
        });
        assert_eq!(sum, 49_995_000);
        assert_eq!(within(None, || 7), 7);
    }
}
