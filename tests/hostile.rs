//! The hostile inputs that once made a run slow, huge or wrong, made here, and whatever the
//! fuzzers found (`tests/fixtures/fuzz/`: documents for the whole pipeline, article records
//! for the graph stage), through the real binary: each is read or reported, none takes its
//! whole time budget, none is a bug.

mod common;

use std::fs;
use std::path::Path;

use common::*;

/// Made-up capitalised words from a fixed seed: the same input on every run.
fn words(count: usize, seed: u64) -> Vec<String> {
    const SYLLABLES: [&str; 16] = [
        "ka", "ri", "tu", "man", "sa", "lo", "ber", "ta", "ni", "wa", "di", "pu", "gan", "ro",
        "hen", "so",
    ];
    let mut state = seed;
    (0..count)
        .map(|_| {
            let mut word = String::new();
            for _ in 0..3 {
                state = state
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                word.push_str(SYLLABLES[(state >> 60) as usize]);
            }
            word[..1].make_ascii_uppercase();
            word
        })
        .collect()
}

fn write_hostile_inputs(dir: &Path) {
    // one 50 KB paragraph of capitalised words (was 4 s, quadratic in its length)
    let caps = words(6_000, 1).join(" ");
    fs::write(dir.join("capitalised.txt"), format!("Judul\n\n{caps}.\n")).unwrap();
    // a thousand bodies named and defined with short forms (was 14 s for 50 KB)
    let w = words(6_000, 2);
    let bodies: String = w
        .chunks(6)
        .map(|c| {
            format!(
                "Kepala Badan {} {} ({}) {} mengatakan PT {} {} Tbk menolak. ",
                c[0],
                c[1],
                c[2].to_uppercase(),
                c[3],
                c[4],
                c[5]
            )
        })
        .collect();
    fs::write(dir.join("bodies.txt"), format!("Judul\n\n{bodies}\n")).unwrap();
    // a name of look-alike words and a long form that almost contracts it (was exponential)
    let name = vec!["Aaaaa"; 30].join(" ");
    let almost = format!("{}b", "A".to_string() + &"a".repeat(70));
    fs::write(
        dir.join("lookalike.txt"),
        format!("Judul\n\nKantor {name} dibuka. Lalu {almost} datang dan {name} pergi.\n"),
    )
    .unwrap();
    // 100,000 nested elements (was 47 s inside the parser)
    let depth = 100_000;
    fs::write(
        dir.join("nested.html"),
        format!(
            "<html><body>{}<p>Teks di dasar halaman.</p>{}</body></html>",
            "<div>".repeat(depth),
            "</div>".repeat(depth)
        ),
    )
    .unwrap();
    // a zstd frame asking for a 2 GiB window (allocated before any cap applied)
    fs::write(
        dir.join("window.txt.zst"),
        [0x28, 0xB5, 0x2F, 0xFD, 0x00, 0xA8, 0x01, 0x00, 0x00],
    )
    .unwrap();
    // control characters, a line break in the id, markup-like text
    fs::write(
        dir.join("controls.jsonl"),
        "{\"id\":\"a\\nb\\u001b\",\"title\":\"Judul\\f</script>\",\"text\":\"Budi Santoso \\u0007berkata, \\\"Kami <b>menolak</b> & pergi.\\\"\"}\n",
    )
    .unwrap();
    // only a byte-order mark and zero-width spaces
    fs::write(dir.join("blank.txt"), "\u{feff}\u{200b} \u{200b}\n").unwrap();
}

#[test]
fn hostile_inputs_are_read_or_reported_in_time_and_never_a_bug() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("inputs");
    fs::create_dir(&inputs).unwrap();
    write_hostile_inputs(&inputs);
    let found = root().join("tests/fixtures/fuzz/documents");
    let out = dir.path().join("graphs");
    let output = warta(&[
        "run",
        "-q",
        "--threads",
        "2",
        // each took from 4 s to minutes before; in time they now take well under a second
        "--time-limit",
        "10",
        inputs.to_str().unwrap(),
        found.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    let errors = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{errors}");
    assert!(!errors.contains("internal error"), "{errors}");
    assert!(!errors.contains("took longer"), "{errors}");
    assert!(errors.contains("window.txt.zst"), "{errors}");
    assert!(errors.contains("blank.txt: empty document"), "{errors}");
    let records = fs::read_to_string(out.join("articles.jsonl")).unwrap();
    let ids: Vec<String> = json_lines(&records)
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect();
    for id in ["capitalised", "bodies", "lookalike", "nested"] {
        assert!(ids.iter().any(|i| i == id), "{id} missing from {ids:?}");
    }
    // the record after one of absurd length is read
    assert!(records.contains("pada Senin."), "{records}");
    let graphml = fs::read_to_string(out.join("graph.graphml")).unwrap();
    assert!(!graphml.contains('\u{1b}') && !graphml.contains('\u{7}'));
}

#[test]
fn records_the_fuzzers_found_make_a_graph_and_never_a_bug() {
    let dir = tempfile::tempdir().unwrap();
    let records = root().join("tests/fixtures/fuzz/records");
    let output = warta(&[
        "graph",
        records.to_str().unwrap(),
        "-o",
        dir.path().to_str().unwrap(),
    ]);
    let errors = stderr(&output);
    assert!(output.status.success(), "{errors}");
    assert!(!errors.contains("internal error"), "{errors}");
    // one record read twice under one id stays two articles
    assert!(errors.contains("this one is `dup~2`"), "{errors}");
    let graph = fs::read_to_string(dir.path().join("graph.json")).unwrap();
    assert!(graph.contains("dup~2"));
}
