//! English news through the real binary: the ten annotated pages of `../shared/gold/
//! en-dev-news` meet the marks of the English-news issue, so that work on one language cannot
//! quietly undo the other.

mod common;

use common::*;

#[test]
#[ignore = "needs ../shared beside the project; .ci/run runs it"]
fn english_news_meets_its_marks() {
    let report = shared_eval("gold/en-dev-news", "corpus/en-dev-news");
    meets_marks(
        "en-dev-news",
        &report,
        &[
            ("direct", 0.90),
            ("indirect", 0.70),
            ("attribution", 0.85),
            ("people", 0.85),
            ("institutions", 0.75),
            ("roles", 0.60),
            ("dates", 0.95),
        ],
    );
}
