//! Each corpus reader on a file of any bytes: the first byte picks the kind of file (by its
//! name, as a folder walk would), the rest is its content.
#![no_main]

use std::io::Write;

use libfuzzer_sys::fuzz_target;
use warta::source::{documents, expand_inputs};

const NAMES: [&str; 8] = [
    "a.txt",
    "a.html",
    "a.jsonl",
    "a.warc",
    "a.txt.gz",
    "a.jsonl.zst",
    "a.warc.gz",
    "a.html.gz",
];

fuzz_target!(|data: &[u8]| {
    let Some((&kind, content)) = data.split_first() else {
        return;
    };
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join(NAMES[usize::from(kind) % NAMES.len()]);
    std::fs::File::create(&path)
        .and_then(|mut f| f.write_all(content))
        .expect("written");
    for item in documents(expand_inputs(&[path])) {
        let _ = item;
    }
});
