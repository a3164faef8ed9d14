//! Helpers shared by the integration tests: run the real binary, find `../shared`.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `warta` with the arguments, from the project root.
pub fn warta(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_warta"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("the warta binary runs")
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("stdout is UTF-8")
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The shared folder beside the project. Tests that need it are marked ignored, with the
/// reason, so that a clone without it shows them as skipped; run with `--ignored` they fail
/// here when it is missing, never pass in silence.
pub fn shared() -> PathBuf {
    let path = root().join("../shared");
    assert!(
        path.join("gold/SPEC.md").exists(),
        "../shared is needed beside the project for this test"
    );
    path
}

pub fn json_lines(text: &str) -> Vec<serde_json::Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

pub fn fixture(name: &str) -> String {
    Path::new("tests/fixtures").join(name).display().to_string()
}

/// `warta eval --json` of a gold folder of `../shared` against its corpus.
pub fn shared_eval(gold: &str, corpus: &str) -> serde_json::Value {
    let shared = shared();
    let output = warta(&[
        "eval",
        "--gold",
        shared.join(gold).to_str().unwrap(),
        shared.join(corpus).to_str().unwrap(),
        "--json",
        "--quiet",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    serde_json::from_str(&stdout(&output)).unwrap()
}

/// A field's micro-averaged score: F1 for detection fields, the share right for the others.
pub fn micro_score(report: &serde_json::Value, field: &str) -> f64 {
    let s = &report["micro"][field];
    match s["kind"].as_str().unwrap() {
        "prf" => {
            let (m, p, g) = (
                s["matched"].as_f64().unwrap(),
                s["predicted"].as_f64().unwrap(),
                s["gold"].as_f64().unwrap(),
            );
            if m == 0.0 {
                0.0
            } else {
                2.0 * m / (p + g)
            }
        }
        _ => s["right"].as_f64().unwrap() / s["checked"].as_f64().unwrap(),
    }
}

/// Fails with the field and its score where a score is below its mark.
pub fn meets_marks(set: &str, report: &serde_json::Value, marks: &[(&str, f64)]) {
    for &(field, mark) in marks {
        let got = micro_score(report, field);
        assert!(got >= mark, "{set} {field}: {got:.3} < {mark}");
    }
}
