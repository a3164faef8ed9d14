//! What `warta extract` writes for every dev set, held article by article by the digest of its
//! record: work on speed must not change what is found. A change meant to change it (better
//! extraction) rewrites the digests with `WARTA_BLESS=1 cargo test --test outputs -- --ignored`,
//! and the diff of `tests/fixtures/outputs.json` shows which articles it changed.

mod common;

use std::collections::BTreeMap;

use common::*;
use sha2::{Digest, Sha256};

const FIXTURE: &str = "tests/fixtures/outputs.json";

/// The dev sets, as paths from the project root (so the records' provenance is the same in any
/// clone): the bundled seeds, the scraped news of 2025, the English news pages and the HTML
/// pages with gold bodies.
const SETS: &[(&str, &str)] = &[
    ("seeds", "corpus"),
    ("dev2025", "../shared/corpus/dev2025"),
    ("en-dev-news", "../shared/corpus/en-dev-news"),
    ("html-en-dev", "../shared/data/html/en-dev"),
    ("html-id-dev", "../shared/data/html/id-dev"),
];

type Digests = BTreeMap<String, BTreeMap<String, String>>;

fn digests_now() -> Digests {
    SETS.iter()
        .map(|(name, path)| {
            let output = warta(&["extract", "--quiet", path]);
            assert!(output.status.success(), "{name}: {}", stderr(&output));
            let records = stdout(&output)
                .lines()
                .map(|line| {
                    let record: serde_json::Value = serde_json::from_str(line).unwrap();
                    let id = record["id"].as_str().expect("every record has an id");
                    (id.to_string(), format!("{:x}", Sha256::digest(line)))
                })
                .collect();
            (name.to_string(), records)
        })
        .collect()
}

#[test]
#[ignore = "needs ../shared beside the project; .ci/run runs it"]
fn every_dev_set_gives_the_records_it_gave() {
    shared();
    let now = digests_now();
    if std::env::var_os("WARTA_BLESS").is_some() {
        let text = serde_json::to_string_pretty(&now).unwrap() + "\n";
        std::fs::write(root().join(FIXTURE), text).unwrap();
        return;
    }
    let held: Digests =
        serde_json::from_str(&std::fs::read_to_string(root().join(FIXTURE)).unwrap()).unwrap();
    let mut changed = Vec::new();
    for (set, records) in &held {
        let found = &now[set];
        for (id, digest) in records {
            if found.get(id) != Some(digest) {
                changed.push(format!("{set}/{id}"));
            }
        }
        changed.extend(
            found
                .keys()
                .filter(|id| !records.contains_key(*id))
                .map(|id| format!("{set}/{id} (new)")),
        );
    }
    assert!(
        changed.is_empty(),
        "records changed ({} articles): {changed:?}",
        changed.len()
    );
}
