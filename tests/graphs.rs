//! The graph outputs: `graphs/` holds what `warta run` makes of the bundled corpus, the same
//! bytes whatever the thread count.

mod common;

use std::fs;
use std::path::Path;

use common::*;

const FILES: [&str; 9] = [
    "articles.jsonl",
    "graph.json",
    "graph.dot",
    "graph.graphml",
    "graph.gexf",
    "claims.json",
    "claims.md",
    "report.html",
    "manifest.json",
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

/// The seed corpus's article records, as `warta extract` writes them, in `dir`.
fn seed_records(dir: &std::path::Path) -> std::path::PathBuf {
    let records = dir.join("records.jsonl");
    let output = warta(&[
        "extract",
        "corpus",
        "-o",
        records.to_str().unwrap(),
        "--quiet",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    records
}

#[test]
fn graph_reads_extract_records_too() {
    let dir = tempfile::tempdir().unwrap();
    let records = seed_records(dir.path());
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
fn graph_merges_part_files_and_standard_input_alike() {
    let dir = tempfile::tempdir().unwrap();
    let records = seed_records(dir.path());
    let text = fs::read_to_string(&records).unwrap();
    // a map step's output: extension-less part files and an empty marker file
    let parts = dir.path().join("parts");
    fs::create_dir(&parts).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    for (n, chunk) in lines.chunks(2).enumerate() {
        fs::write(parts.join(format!("part-{n:05}")), chunk.join("\n") + "\n").unwrap();
    }
    fs::write(parts.join("_SUCCESS"), "").unwrap();
    let graph_of = |args: &[&str], out: &str, stdin: Option<&str>| -> Vec<u8> {
        let out = dir.path().join(out);
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_warta"));
        command
            .arg("graph")
            .args(args)
            .args(["-o", out.to_str().unwrap(), "--quiet"])
            .current_dir(root())
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped());
        let mut child = command.spawn().unwrap();
        {
            use std::io::Write;
            let mut input = child.stdin.take().unwrap();
            input.write_all(stdin.unwrap_or("").as_bytes()).unwrap();
        }
        let output = child.wait_with_output().unwrap();
        assert!(output.status.success(), "{}", stderr(&output));
        fs::read(out.join("graph.json")).unwrap()
    };
    let from_file = graph_of(&[records.to_str().unwrap()], "file", None);
    let from_parts = graph_of(&[parts.to_str().unwrap()], "parts-out", None);
    let from_stdin = graph_of(&["-"], "stdin", Some(&text));
    let two_threads = graph_of(&["--threads", "2", parts.to_str().unwrap()], "two", None);
    assert_eq!(from_parts, from_file);
    assert_eq!(from_stdin, from_file);
    assert_eq!(two_threads, from_file);
}

#[test]
#[ignore = "needs ../shared beside the project; .ci/run runs it"]
fn ids_last_when_unrelated_articles_join_the_corpus() {
    let shared = shared();
    let dir = tempfile::tempdir().unwrap();
    let dev = shared.join("corpus/dev2025");
    let ids = |inputs: &[&str], out: &str| -> std::collections::BTreeSet<String> {
        let out = dir.path().join(out);
        let mut args = vec!["graph", "--quiet", "-o", out.to_str().unwrap()];
        args.extend_from_slice(inputs);
        let output = warta(&args);
        assert!(output.status.success(), "{}", stderr(&output));
        let graph: serde_json::Value =
            serde_json::from_str(&fs::read_to_string(out.join("graph.json")).unwrap()).unwrap();
        graph["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n["id"].as_str().unwrap().to_string())
            .filter(|id| {
                ["statement:", "person:", "institution:", "dispute:"]
                    .iter()
                    .any(|kind| id.starts_with(kind))
            })
            .collect()
    };
    let before = ids(&[dev.to_str().unwrap()], "dev");
    let after = ids(&[dev.to_str().unwrap(), "corpus"], "dev-and-seeds");
    let lost: Vec<&String> = before.difference(&after).collect();
    assert!(
        lost.is_empty(),
        "ids changed by adding the seed articles: {lost:?}"
    );
    assert!(before.iter().any(|id| id.starts_with("statement:")));
}

#[test]
fn graph_without_records_says_so_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty");
    fs::create_dir(&empty).unwrap();
    fs::write(empty.join("part-00000"), "").unwrap();
    let out = dir.path().join("out");
    let output = warta(&[
        "graph",
        empty.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("no article records"),
        "{}",
        stderr(&output)
    );
    assert!(!out.join("graph.json").exists());
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
    let conflict = claims["statements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["text"].as_str().unwrap().starts_with("Benar"))
        .unwrap();
    assert_eq!(conflict["attribution_conflict"], true);
    // the seeds' "Senin (18/4/2024)": 18 April 2024 was a Thursday, 18 March a Monday
    let mismatch = &claims["weekday_mismatches"][0];
    assert_eq!(mismatch["value"], "2024-04-18");
    assert_eq!(mismatch["likely"][0], "2024-03-18");
}

#[test]
fn control_characters_from_articles_never_reach_xml_or_markdown() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    for (name, outlet) in [("a", "Kabar Satu"), ("b", "Kabar Dua")] {
        let text = format!(
            "Warga Menolak Rencana Pembangunan\n\n{outlet}\n\n\"Kami menolak rencana \u{1b}[31mini \
             karena\u{7} merugikan warga\u{c} di pesisir\r utara,\" kata Budi Santoso di \
             Semarang. Budi Santoso adalah ketua forum warga setempat yang sudah lama aktif.\n"
        );
        std::fs::write(corpus.join(format!("{name}.txt")), text).unwrap();
    }
    let out = dir.path().join("out");
    let output = warta(&[
        "run",
        "-q",
        corpus.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    for file in ["graph.graphml", "graph.gexf"] {
        let bytes = std::fs::read(out.join(file)).unwrap();
        let forbidden = bytes
            .iter()
            .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r'))
            .count();
        assert_eq!(forbidden, 0, "{file} holds control characters");
    }
    let claims = std::fs::read_to_string(out.join("claims.md")).unwrap();
    assert!(
        claims.contains("Kami menolak"),
        "the quote is a claim: {claims}"
    );
    assert!(!claims.contains(['\u{1b}', '\u{7}', '\u{c}', '\r']));
}

#[test]
fn a_run_puts_its_files_in_place_with_a_manifest_and_clears_a_killed_run() {
    use sha2::{Digest, Sha256};
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    fs::create_dir(&out).unwrap();
    // what a run killed half way leaves behind
    fs::write(out.join(".warta-abc123.tmp"), "half a graph").unwrap();
    run_into(&out, "2");
    assert!(!out.join(".warta-abc123.tmp").exists());
    let manifest: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(out.join("manifest.json")).unwrap()).unwrap();
    let listed = manifest["files"].as_array().unwrap();
    assert_eq!(
        listed.len(),
        FILES.len() - 1,
        "every output but the manifest"
    );
    for file in listed {
        let bytes = fs::read(out.join(file["name"].as_str().unwrap())).unwrap();
        assert_eq!(file["bytes"].as_u64(), Some(bytes.len() as u64));
        assert_eq!(
            file["sha256"],
            format!("{:x}", Sha256::digest(&bytes)).as_str()
        );
    }
    assert_eq!(manifest["inputs"]["documents"], 5);
    assert_eq!(manifest["inputs"]["sha256"].as_array().unwrap().len(), 5);
    let leftovers: Vec<_> = fs::read_dir(&out)
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn the_story_dot_tells_who_said_what_and_the_full_one_keeps_everything() {
    let story = fs::read_to_string(root().join("graphs/graph.dot")).unwrap();
    assert!(story.starts_with("digraph story"), "{story}");
    for left_out in ["mentioned-in", "published-by", "article:", "outlet:"] {
        assert!(!story.contains(left_out), "the story view draws {left_out}");
    }
    let conflict = story
        .lines()
        .find(|l| l.contains("Benar, majelis") && l.contains("shape=note"))
        .expect("the conflicting statement is drawn");
    assert!(
        conflict.contains("#c62828"),
        "a conflict is red: {conflict}"
    );
    assert!(
        story
            .lines()
            .any(|l| l.contains("-> ") && l.contains("about")),
        "statements point at their dispute"
    );
    let dir = tempfile::tempdir().unwrap();
    let output = warta(&[
        "run",
        "-q",
        "--dot",
        "full",
        "-o",
        dir.path().to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let full = fs::read_to_string(dir.path().join("graph.dot")).unwrap();
    assert!(full.contains("mentioned-in") && full.contains("published-by"));
}

#[test]
fn attributes_keep_their_types_in_every_format() {
    let graph: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(root().join("graphs/graph.json")).unwrap())
            .unwrap();
    let nodes = graph["nodes"].as_array().unwrap();
    let statement = nodes.iter().find(|n| n["kind"] == "statement").unwrap();
    assert!(
        statement["attribution_conflict"].is_boolean(),
        "{statement}"
    );
    assert!(statement["independent_outlets"].is_u64(), "{statement}");
    let actor = nodes.iter().find(|n| n["kind"] == "institution").unwrap();
    assert!(actor["forms"].is_array(), "{actor}");
    // the same form in two articles is no reason worth a line
    for node in nodes {
        for merge in node["merges"].as_array().into_iter().flatten() {
            let merge = merge.as_str().unwrap();
            let (pair, _) = merge.split_once(" (").unwrap();
            let (first, second) = pair.split_once(" = ").unwrap();
            assert_ne!(first, second, "{merge}");
        }
    }
    let graphml = fs::read_to_string(root().join("graphs/graph.graphml")).unwrap();
    assert!(graphml.contains(r#"attr.name="attribution_conflict" attr.type="boolean""#));
    assert!(graphml.contains(r#"attr.name="independent_outlets" attr.type="long""#));
    let gexf = fs::read_to_string(root().join("graphs/graph.gexf")).unwrap();
    assert!(
        gexf.contains(r#"id="attribution_conflict" title="attribution_conflict" type="boolean""#)
    );
}

#[test]
fn report_html_holds_hostile_articles_as_data_only() {
    let dir = tempfile::tempdir().unwrap();
    let fixture = root().join("tests/fixtures/hostile");
    let output = warta(&[
        "run",
        "-q",
        fixture.to_str().unwrap(),
        "-o",
        dir.path().to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let page = fs::read_to_string(dir.path().join("report.html")).unwrap();
    // the corpus data, one element per article, the page's own script: nothing else
    assert_eq!(page.matches("<script").count(), 4, "{page}");
    assert_eq!(page.matches("</script>").count(), 4);
    for payload in [
        "<img",
        "<b ",
        "<i>",
        "<!--",
        "document.title=\"PWNED\"</script>",
    ] {
        assert!(
            !page.contains(payload),
            "{payload} reached the page as markup"
        );
    }
    assert!(
        page.contains("default-src 'none'"),
        "the page may reach no network"
    );
    // the text is all there, as data
    assert!(page.contains(r"\u003cscript\u003edocument.body.id='pwned'"));
}
