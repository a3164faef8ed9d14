//! The entity tagger through the real binary: scores on idner's dev file and a shipped model
//! that is exactly what `warta train-ner` builds from the data.

mod common;

use common::*;

/// The micro-averaged F1 of an `eval --ner --json` report.
fn micro_f1(report: &serde_json::Value) -> f64 {
    let micro = &report["micro"];
    let (m, p, g) = (
        micro["matched"].as_f64().unwrap(),
        micro["predicted"].as_f64().unwrap(),
        micro["gold"].as_f64().unwrap(),
    );
    2.0 * m / (p + g)
}

#[test]
#[ignore = "needs ../shared beside the project; .ci/run runs it"]
fn tagger_scores_on_idner_dev() {
    let shared = shared();
    let dev = shared.join("data/ner/idner/dev.txt");
    let output = warta(&["eval", "--ner", dev.to_str().unwrap(), "--json"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let report: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let f1 = micro_f1(&report);
    assert!(f1 >= 0.86, "micro F1 {f1:.3}");
    for kind in ["PER", "ORG", "LOC"] {
        assert!(
            report["per_type"][kind]["gold"].as_f64().unwrap() > 0.0,
            "{kind} scored"
        );
    }
    assert!(report["tokens_per_second"].as_f64().unwrap() > 0.0);
}

#[test]
#[ignore = "needs ../shared beside the project; .ci/run runs it"]
fn shipped_model_is_what_training_builds() {
    let shared = shared();
    let dir = tempfile::tempdir().unwrap();
    let model = dir.path().join("model.bin");
    let data = |path: &str| shared.join("data/ner").join(path);
    let (train, nergrit, nergrit_valid) = (
        data("idner/train.txt"),
        data("nergrit/train_preprocess.txt"),
        data("nergrit/valid_preprocess.txt"),
    );
    let output = warta(&[
        "train-ner",
        "--train",
        train.to_str().unwrap(),
        "--auxiliary",
        nergrit.to_str().unwrap(),
        "--auxiliary",
        nergrit_valid.to_str().unwrap(),
        "-o",
        model.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let built = std::fs::read(&model).unwrap();
    let shipped = std::fs::read(root().join("models/ner-id.bin")).unwrap();
    assert!(
        built == shipped,
        "models/ner-id.bin is stale: rebuild it with `warta train-ner`"
    );
}

#[test]
#[ignore = "needs ../shared beside the project; .ci/run runs it"]
fn english_tagger_scores_on_wikigold_dev() {
    let shared = shared();
    let dev = shared.join("data/ner/wikigold/dev.txt");
    let output = warta(&[
        "eval",
        "--ner",
        dev.to_str().unwrap(),
        "--lang",
        "en",
        "--json",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let report: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let f1 = micro_f1(&report);
    assert!(f1 >= 0.75, "wikigold dev micro F1 {f1:.3}");
}

#[test]
#[ignore = "needs ../shared beside the project; .ci/run runs it"]
fn shipped_english_model_is_what_training_builds() {
    let shared = shared();
    let dir = tempfile::tempdir().unwrap();
    let model = dir.path().join("model.bin");
    let train = shared.join("data/ner/wikigold/train.txt");
    let output = warta(&[
        "train-ner",
        "--lang",
        "en",
        "--train",
        train.to_str().unwrap(),
        "-o",
        model.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let built = std::fs::read(&model).unwrap();
    let shipped = std::fs::read(root().join("models/ner-en.bin")).unwrap();
    assert!(
        built == shipped,
        "models/ner-en.bin is stale: rebuild it with `warta train-ner --lang en`"
    );
}
