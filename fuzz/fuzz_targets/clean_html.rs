//! An HTML page of any bytes: markup flattening, parsing, finding the article, cleaning.
#![no_main]

use libfuzzer_sys::fuzz_target;
use warta::pipeline::{process, Depth, LangChoice};
use warta::source::{Document, Format, SourceMeta};

fuzz_target!(|data: &[u8]| {
    let document = Document {
        id: "fuzz".into(),
        format: Format::Html,
        content: String::from_utf8_lossy(data).into_owned(),
        meta: SourceMeta::default(),
        provenance: Default::default(),
        warnings: Vec::new(),
        line: None,
    };
    process(document, LangChoice::Auto, Depth::Clean);
});
