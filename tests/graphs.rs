//! The graph outputs: `graphs/` holds what `warta run` makes of the bundled corpus, the same
//! bytes whatever the thread count.

mod common;

use std::fs;
use std::path::Path;

use common::*;

const FILES: [&str; 7] = [
    "articles.jsonl",
    "graph.json",
    "graph.dot",
    "graph.graphml",
    "graph.gexf",
    "claims.json",
    "claims.md",
];

fn run_into(dir: &Path, threads: &str) {
    let output = warta(&[
        "run",
        "-o",
        dir.to_str().unwrap(),
        "--threads",
        threads,
        "--quiet",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
}

#[test]
fn committed_graphs_are_fresh() {
    let dir = tempfile::tempdir().unwrap();
    run_into(dir.path(), "2");
    for file in FILES {
        let fresh = fs::read(dir.path().join(file)).unwrap();
        let committed = fs::read(root().join("graphs").join(file)).unwrap_or_default();
        assert!(
            fresh == committed,
            "graphs/{file} is stale: run `cargo run --release -- run` and commit it"
        );
    }
}

#[test]
fn outputs_are_identical_across_thread_counts() {
    let (one, four) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    run_into(one.path(), "1");
    run_into(four.path(), "4");
    for file in FILES {
        assert_eq!(
            fs::read(one.path().join(file)).unwrap(),
            fs::read(four.path().join(file)).unwrap(),
            "{file}"
        );
    }
}

#[test]
fn graph_reads_extract_records_too() {
    let dir = tempfile::tempdir().unwrap();
    let records = dir.path().join("records.jsonl");
    let output = warta(&[
        "extract",
        "corpus",
        "-o",
        records.to_str().unwrap(),
        "--quiet",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let from_records = dir.path().join("a");
    let from_corpus = dir.path().join("b");
    assert!(warta(&[
        "graph",
        records.to_str().unwrap(),
        "-o",
        from_records.to_str().unwrap()
    ])
    .status
    .success());
    assert!(
        warta(&["graph", "corpus", "-o", from_corpus.to_str().unwrap()])
            .status
            .success()
    );
    assert_eq!(
        fs::read(from_records.join("graph.json")).unwrap(),
        fs::read(from_corpus.join("graph.json")).unwrap()
    );
}

#[test]
fn the_seed_corpus_facts_are_in_the_graph() {
    let graph: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(root().join("graphs/graph.json")).unwrap())
            .unwrap();
    let nodes = graph["nodes"].as_array().unwrap();
    let disputes: Vec<&serde_json::Value> =
        nodes.iter().filter(|n| n["kind"] == "dispute").collect();
    assert_eq!(disputes.len(), 1, "one dispute across the seeds");
    let edges = graph["edges"].as_array().unwrap();
    let of_kind = |kind: &'static str| edges.iter().filter(move |e| e["kind"] == kind);
    let dispute = disputes[0]["id"].as_str().unwrap();
    assert!(of_kind("heard-by").all(|e| e["target"] == "institution:komisi-informasi-pusat"));
    assert!(of_kind("petitioner").any(|e| e["source"]
        .as_str()
        .unwrap()
        .contains("yayasan-advokasi")
        && e["target"] == dispute));
    assert!(of_kind("respondent").any(|e| e["source"] == "institution:komisi-pemilihan-umum"));
    let cases: Vec<&str> = of_kind("has-case")
        .map(|e| e["target"].as_str().unwrap())
        .collect();
    for number in ["1", "2", "3"] {
        assert!(
            cases.iter().any(|c| c.ends_with(&format!(":{number}"))),
            "case {number} in {cases:?}"
        );
    }
    assert!(
        of_kind("about").count() > 0,
        "quotes are linked to the dispute"
    );
    assert!(
        edges.iter().all(|e| e["article"].is_string()),
        "every edge has its article"
    );
    let claims: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(root().join("graphs/claims.json")).unwrap())
            .unwrap();
    let conflict = claims
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["text"].as_str().unwrap().starts_with("Benar"))
        .unwrap();
    assert_eq!(conflict["attribution_conflict"], true);
}
