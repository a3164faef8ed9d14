//! The command line on real fixtures: formats, faults, determinism, outputs.

mod common;

use std::fs;

use common::*;
use sha2::{Digest, Sha256};

#[test]
fn reads_compressed_files_and_json_lines_and_reports_bad_records() {
    let output = warta(&[
        "clean",
        "--quiet",
        &fixture("banjir.txt.gz"),
        &fixture("banjir-zst.txt.zst"),
        &fixture("feed.jsonl"),
    ]);
    assert_eq!(
        output.status.code(),
        Some(2),
        "bad records make the exit status 2"
    );
    let records = json_lines(&stdout(&output));
    let ids: Vec<&str> = records.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), 5);
    assert_eq!(&ids[..4], ["banjir", "banjir-zst", "en-1", "id-1"]);
    assert_eq!(ids[4].len(), 16, "a record without id gets a content hash");
    let banjir = &records[0];
    assert_eq!(banjir["title"], "Banjir Melanda Kawasan Pesisir Utara Kota");
    assert_eq!(banjir["body"].as_array().unwrap().len(), 2);
    assert_eq!(banjir["removed"][0]["reason"], "read-also");
    assert_eq!(banjir["provenance"]["sha256"].as_str().unwrap().len(), 64);
    let english = &records[2];
    assert_eq!(english["language"], "en");
    assert_eq!(english["outlet"], "Example News");
    assert_eq!(english["provenance"]["record"], 1);
    assert!(english["body"]
        .as_array()
        .unwrap()
        .iter()
        .all(|p| !p.as_str().unwrap().starts_with("Read more")));
    let html = &records[4];
    assert_eq!(html["title"], "Pasar Baru Dibuka Hari Ini");
    assert_eq!(html["body"].as_array().unwrap().len(), 2);
    let errors = stderr(&output);
    assert!(errors.contains("feed.jsonl:3: bad JSON record"), "{errors}");
    assert!(
        errors.contains("feed.jsonl:4: record has neither"),
        "{errors}"
    );
}

#[test]
fn bad_files_are_reported_and_the_run_goes_on_without_touching_inputs() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.txt");
    fs::copy(root().join("corpus/003_29b43ec06a4ce155.txt"), &good).unwrap();
    fs::write(dir.path().join("empty.txt"), "").unwrap();
    fs::write(
        dir.path().join("binary.txt"),
        [0u8, 159, 146, 150, 0, 1, 2, 3],
    )
    .unwrap();
    fs::write(
        dir.path().join("truncated.txt.gz"),
        &fs::read(root().join("tests/fixtures/banjir.txt.gz")).unwrap()[..40],
    )
    .unwrap();
    fs::copy(
        root().join("tests/fixtures/latin1.txt"),
        dir.path().join("latin1.txt"),
    )
    .unwrap();
    let before: Vec<Vec<u8>> = ["good.txt", "binary.txt", "latin1.txt"]
        .iter()
        .map(|f| Sha256::digest(fs::read(dir.path().join(f)).unwrap()).to_vec())
        .collect();

    let output = warta(&["clean", dir.path().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    let errors = stderr(&output);
    assert!(errors.contains("empty.txt: empty document"), "{errors}");
    assert!(errors.contains("binary.txt: binary content"), "{errors}");
    assert!(errors.contains("truncated.txt.gz: cannot read"), "{errors}");
    assert!(
        errors.contains("latin1.txt: invalid UTF-8, decoded lossily"),
        "{errors}"
    );
    // the panic report reads "internal error"; none may appear for inputs that are only bad
    assert!(!errors.contains("internal error"), "{errors}");
    let ids: Vec<String> = json_lines(&stdout(&output))
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids, ["good", "latin1"]);
    let after: Vec<Vec<u8>> = ["good.txt", "binary.txt", "latin1.txt"]
        .iter()
        .map(|f| Sha256::digest(fs::read(dir.path().join(f)).unwrap()).to_vec())
        .collect();
    assert_eq!(before, after, "inputs are never modified");
}

#[test]
fn output_is_identical_whatever_the_thread_count() {
    let one = warta(&[
        "extract",
        "corpus",
        "tests/fixtures",
        "--threads",
        "1",
        "--quiet",
    ]);
    let four = warta(&[
        "extract",
        "corpus",
        "tests/fixtures",
        "--threads",
        "4",
        "--quiet",
    ]);
    assert!(!one.stdout.is_empty());
    assert_eq!(one.stdout, four.stdout);
}

#[test]
fn run_writes_the_output_folder_atomically() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("graphs");
    let output = warta(&["run", "-o", out.to_str().unwrap(), "--quiet"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let records = json_lines(&fs::read_to_string(out.join("articles.jsonl")).unwrap());
    assert_eq!(records.len(), 5);
    for field in [
        "id",
        "language",
        "outlet",
        "title",
        "published",
        "authors",
        "body",
        "people",
        "institutions",
        "dates",
        "registers",
        "quotes",
        "disputes",
    ] {
        assert!(records[0].get(field).is_some(), "record has `{field}`");
    }
    let expected = [
        "articles.jsonl",
        "claims.json",
        "claims.md",
        "graph.dot",
        "graph.gexf",
        "graph.graphml",
        "graph.json",
        "manifest.json",
        "report.html",
    ];
    let mut names: Vec<String> = fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(names, expected, "the outputs and no temporary files");
}

#[test]
fn text_format_writes_one_safe_file_per_article() {
    let dir = tempfile::tempdir().unwrap();
    let output = warta(&[
        "clean",
        "--format",
        "text",
        "-o",
        dir.path().to_str().unwrap(),
        "--quiet",
        &fixture("feed.jsonl"),
    ]);
    assert_eq!(output.status.code(), Some(2));
    let mut names: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(names.len(), 3);
    assert!(names.contains(&"en-1.txt".to_string()));
    let text = fs::read_to_string(dir.path().join("id-1.txt")).unwrap();
    assert!(text.starts_with("Warga Gelar Kerja Bakti Bersihkan Sungai Desa\n\nRatusan warga"));
    assert!(!text.contains("Baca juga"));
}

#[test]
fn usage_errors_exit_with_one() {
    assert_eq!(
        warta(&["clean", "--threads", "many"]).status.code(),
        Some(1)
    );
    assert_eq!(warta(&["no-such-command"]).status.code(), Some(1));
    let missing = warta(&["clean", "no/such/file.txt"]);
    assert_eq!(
        missing.status.code(),
        Some(2),
        "a missing input is a failed input"
    );
    assert!(stderr(&missing).contains("no such file"));
    assert_eq!(warta(&["--help"]).status.code(), Some(0));
}

#[test]
fn stdin_takes_json_lines() {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_warta"))
        .args(["clean", "-", "--quiet"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(br#"{"id":"x","text":"Judul Yang Cukup Panjang Sekali\n\nIsi berita ini cukup panjang untuk menjadi sebuah paragraf."}"#).unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success());
    let records = json_lines(&stdout(&output));
    assert_eq!(records[0]["id"], "x");
    assert_eq!(records[0]["provenance"]["path"], "-");
}

#[test]
fn eval_names_the_file_and_field_of_a_bad_gold_file() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("a.json"),
        r#"{"id": "a", "body": ["x"], "speakers": []}"#,
    )
    .unwrap();
    let output = warta(&["eval", "--gold", dir.path().to_str().unwrap(), "corpus"]);
    assert_eq!(output.status.code(), Some(1));
    let errors = stderr(&output);
    assert!(
        errors.contains("a.json") && errors.contains("speakers"),
        "{errors}"
    );
}

#[test]
fn deeply_nested_pages_neither_crash_nor_lose_text() {
    let dir = tempfile::tempdir().unwrap();
    let depth = 8_000;
    let page = format!(
        "<html><body>{}<p>Teks yang sangat dalam untuk diuji, dengan koma, dan lainnya.</p>{}</body></html>",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    );
    fs::write(dir.path().join("deep.html"), page).unwrap();
    let output = warta(&[
        "clean",
        dir.path().join("deep.html").to_str().unwrap(),
        "--quiet",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let record = &json_lines(&stdout(&output))[0];
    let everywhere = format!("{} {}", record["body"], record["removed"]);
    assert!(
        everywhere.contains("Teks yang sangat dalam"),
        "the text is kept or audited"
    );
}

#[test]
fn web_archives_are_read_record_by_record_across_gzip_members() {
    use std::io::Write;
    let record = |id: &str, title: &str| {
        let page = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><head><title>{title}</title></head><body><article><p>Warga desa menggelar kerja bakti membersihkan sungai pada Minggu pagi bersama aparat.</p></article></body></html>");
        format!("WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{id}>\r\nWARC-Target-URI: https://contoh.id/{id}\r\nContent-Length: {}\r\n\r\n{page}\r\n\r\n", page.len())
    };
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crawl.warc.gz");
    let mut bytes = Vec::new();
    for (id, title) in [
        ("a1", "Kerja Bakti Warga Desa Sukamaju"),
        ("a2", "Sungai Bersih Kembali Jernih"),
    ] {
        let mut member = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        member.write_all(record(id, title).as_bytes()).unwrap();
        bytes.extend(member.finish().unwrap());
    }
    fs::write(&path, bytes).unwrap();
    let output = warta(&["clean", path.to_str().unwrap(), "--quiet"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let records = json_lines(&stdout(&output));
    let ids: Vec<&str> = records.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["a1", "a2"]);
    assert_eq!(records[1]["url"], "https://contoh.id/a2");
    assert_eq!(records[1]["provenance"]["record"], 2);
}

/// Runs `warta` with `input` on its standard input.
fn warta_with_stdin(args: &[&str], input: &[u8]) -> std::process::Output {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_warta"))
        .args(args)
        .current_dir(root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_vec();
    let feeder = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let output = child.wait_with_output().unwrap();
    feeder.join().unwrap();
    output
}

#[test]
fn a_map_step_keeps_every_input_line_as_a_record_or_a_reject() {
    let article = fs::read_to_string(root().join("corpus/003_29b43ec06a4ce155.txt")).unwrap();
    let good = |id: &str| {
        serde_json::json!({"id": id, "url": format!("https://contoh.id/{id}"),
            "source": format!("s3://arsip/{id}.jsonl"), "text": article})
        .to_string()
    };
    let huge = format!(
        "{{\"id\":\"huge\",\"text\":\"{}\"}}",
        "kata ".repeat(7 * 1024 * 1024)
    );
    let lines = [
        good("a"),
        "{\"id\": \"broken\", \"text\": ".to_string(),
        String::new(),
        "{\"id\":\"no-text\",\"title\":\"Hanya judul\"}".to_string(),
        huge,
        good("b"),
        "[1, 2, 3]".to_string(),
        good("c"),
    ];
    let input = lines.join("\n");
    let non_blank = lines.iter().filter(|l| !l.trim().is_empty()).count();

    let output = warta_with_stdin(
        &[
            "extract",
            "-",
            "-o",
            "-",
            "--rejects",
            "-",
            "--threads",
            "2",
        ],
        input.as_bytes(),
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let out = json_lines(&stdout(&output));
    let (rejects, records): (Vec<_>, Vec<_>) = out.iter().partition(|l| l.get("reject").is_some());
    assert_eq!(records.len() + rejects.len(), non_blank);
    let ids: Vec<_> = records.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        ["a", "b", "c"],
        "records keep input order past a huge line"
    );
    let first = &records[0]["provenance"];
    assert_eq!(
        (
            &first["id"],
            &first["url"],
            &first["source"],
            &first["record"]
        ),
        (
            &serde_json::json!("a"),
            &serde_json::json!("https://contoh.id/a"),
            &serde_json::json!("s3://arsip/a.jsonl"),
            &serde_json::json!(1)
        )
    );
    let line_hash = format!("{:x}", Sha256::digest(lines[0].as_bytes()));
    assert_eq!(first["sha256"], line_hash.as_str(), "the input line's hash");
    let rejected: Vec<_> = rejects.iter().map(|r| &r["reject"]).collect();
    let records_of: Vec<_> = rejected
        .iter()
        .map(|r| r["record"].as_u64().unwrap())
        .collect();
    assert_eq!(records_of, [2, 4, 5, 7]);
    for reject in &rejected {
        assert!(!reject["reason"].as_str().unwrap().is_empty());
        let line = reject["record"].as_u64().unwrap() as usize - 1;
        if line == 4 {
            assert!(reject["reason"].as_str().unwrap().contains("larger than"));
            assert!(reject.get("line").is_none());
        } else {
            assert_eq!(
                reject["line"],
                lines[line].as_str(),
                "the line itself, whole"
            );
        }
    }

    let dir = tempfile::tempdir().unwrap();
    let (records_file, rejects_file) = (dir.path().join("r.jsonl"), dir.path().join("x.jsonl"));
    let separate = warta_with_stdin(
        &[
            "extract",
            "-",
            "-q",
            "-o",
            records_file.to_str().unwrap(),
            "--rejects",
            rejects_file.to_str().unwrap(),
        ],
        input.as_bytes(),
    );
    assert_eq!(separate.status.code(), Some(0));
    let kept = json_lines(&fs::read_to_string(&records_file).unwrap()).len()
        + json_lines(&fs::read_to_string(&rejects_file).unwrap()).len();
    assert_eq!(kept, non_blank);

    let without = warta_with_stdin(&["extract", "-", "-q", "-o", "-"], input.as_bytes());
    assert_eq!(without.status.code(), Some(2), "failures without --rejects");
    assert_eq!(json_lines(&stdout(&without)).len(), 3);
}

#[test]
fn an_output_that_is_or_lies_inside_an_input_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    fs::create_dir(&corpus).unwrap();
    let article = corpus.join("a.txt");
    fs::copy(root().join("corpus/003_29b43ec06a4ce155.txt"), &article).unwrap();
    let feed = dir.path().join("feed.jsonl");
    fs::write(
        &feed,
        "{\"id\":\"x\",\"text\":\"Judul\\n\\nIsi berita yang cukup panjang.\"}\n",
    )
    .unwrap();
    let before = (fs::read(&article).unwrap(), fs::read(&feed).unwrap());
    let (corpus_s, feed_s) = (corpus.to_str().unwrap(), feed.to_str().unwrap());
    let inside = corpus.join("graphs");
    let attempts: [&[&str]; 4] = [
        &["clean", corpus_s, "--format", "text", "-o", corpus_s],
        &["clean", feed_s, "-o", feed_s],
        &["extract", feed_s, "-o", "x.jsonl", "--rejects", feed_s],
        &["run", corpus_s, "-o", inside.to_str().unwrap()],
    ];
    for args in attempts {
        let output = warta(args);
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        assert!(
            stderr(&output).contains("input"),
            "{args:?}: {}",
            stderr(&output)
        );
    }
    assert_eq!(
        (fs::read(&article).unwrap(), fs::read(&feed).unwrap()),
        before
    );
    assert!(!inside.exists());
}

#[test]
fn a_missing_input_is_reported_and_the_others_go_through() {
    let output = warta(&[
        "clean",
        "-q",
        "no/such/file.txt",
        "corpus/003_29b43ec06a4ce155.txt",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("no/such/file.txt: no such file"));
    assert_eq!(json_lines(&stdout(&output)).len(), 1);
    let empty = tempfile::tempdir().unwrap();
    let nothing = warta(&["clean", "-q", empty.path().to_str().unwrap()]);
    assert_eq!(nothing.status.code(), Some(1), "no documents is an error");
    assert!(stderr(&nothing).contains("no documents"));
}

#[test]
fn a_reader_that_stops_early_ends_the_run_quietly() {
    use std::io::Read;
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_warta"))
        .args([
            "extract",
            "-q",
            "--threads",
            "1",
            "corpus",
            "corpus",
            "corpus",
            "corpus",
        ])
        .current_dir(root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    // the pipe is closed here, with most records still to come
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stderr(&output), "");
}

#[test]
fn a_document_past_its_time_limit_is_reported_and_the_run_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    // a long text dense with capitalised names: far more than a hundredth of a second's work
    let sentence =
        "Kepala Badan Sarana Tirta Budi Santoso bertemu Ketua KPU Dewi Lestari di Jakarta. ";
    let long = format!("Judul\n\n{}\n", sentence.repeat(20_000));
    fs::write(dir.path().join("long.txt"), long).unwrap();
    let short = dir.path().join("short.txt");
    fs::copy(root().join("corpus/003_29b43ec06a4ce155.txt"), &short).unwrap();
    let output = warta(&[
        "extract",
        "-q",
        "--threads",
        "1",
        "--time-limit",
        "0.01",
        dir.path().join("long.txt").to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(2));
    let errors = stderr(&output);
    assert!(
        errors.contains("long.txt: took longer than 0.01 s, skipped"),
        "{errors}"
    );
    // the same limit leaves an ordinary article alone, and no limit takes any document
    let fine = warta(&[
        "extract",
        "-q",
        "--time-limit",
        "5",
        short.to_str().unwrap(),
    ]);
    assert!(fine.status.success(), "{}", stderr(&fine));
    assert_eq!(json_lines(&stdout(&fine)).len(), 1);
}
