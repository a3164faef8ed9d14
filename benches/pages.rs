//! Per-page cost of the whole pipeline (decode, parse, find the article, clean, extract) on the
//! English article-extraction benchmark pages in ../shared/data/html/en-dev, one thread,
//! release build, and the cost of one ever longer paragraph dense with names and titles, which
//! should grow linearly. Run with `cargo bench --bench pages`.

use std::path::Path;
use std::time::Instant;

use warta::pipeline::{process, Depth, LangChoice};
use warta::record::Provenance;
use warta::source::{documents, expand_inputs, Document, Format, SourceMeta};

fn main() {
    // the pages come first: their warm-up loads the tagger and the patterns
    pages();
    dense_paragraphs();
}

/// One paragraph of N sentences like "Budi Santoso bertemu Ketua KPU Dewi Lestari di Jakarta."
fn dense_paragraphs() {
    const NAMES: [&str; 5] = [
        "Budi Santoso",
        "Dewi Lestari",
        "Agus Wirawan",
        "Sri Lestari",
        "Rahmat Hidayat",
    ];
    for sentences in [1_000, 4_000, 16_000] {
        let paragraph: Vec<String> = (0..sentences)
            .map(|i| {
                let (a, b) = (NAMES[i % 5], NAMES[(i * 3 + 1) % 5]);
                format!("{a} bertemu Ketua KPU {b} di Jakarta.")
            })
            .collect();
        let content = format!("Judul\n\n{}\n", paragraph.join(" "));
        let doc = Document {
            id: "dense".into(),
            format: Format::Text,
            provenance: Provenance {
                path: "dense".into(),
                record: None,
                bytes: content.len() as u64,
                sha256: String::new(),
                ..Provenance::default()
            },
            content,
            meta: SourceMeta::default(),
            warnings: Vec::new(),
            line: None,
        };
        let started = Instant::now();
        std::hint::black_box(process(doc, LangChoice::Fixed("id"), Depth::Extract));
        println!(
            "one paragraph of {sentences} sentences with two names each: {:.0} ms",
            started.elapsed().as_secs_f64() * 1000.0
        );
    }
}

fn pages() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/html/en-dev");
    if !dir.exists() {
        eprintln!("skipping: {} not found", dir.display());
        return;
    }
    let inputs = expand_inputs(&[dir]);
    let docs: Vec<_> = documents(inputs).filter_map(Result::ok).collect();
    let bytes: usize = docs.iter().map(|d| d.content.len()).sum();
    // one warm-up pass loads the language models and compiles the patterns
    for doc in docs.iter().take(3) {
        process(doc.clone(), LangChoice::Auto, Depth::Extract);
    }
    for (depth, what) in [
        (Depth::Clean, "clean (text and metadata)"),
        (Depth::Extract, "extract (all fields)"),
    ] {
        let mut times: Vec<f64> = Vec::new();
        for doc in &docs {
            let doc = doc.clone();
            let started = Instant::now();
            std::hint::black_box(process(doc, LangChoice::Auto, depth));
            times.push(started.elapsed().as_secs_f64() * 1000.0);
        }
        times.sort_by(f64::total_cmp);
        let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
        println!(
            "{what}: {} pages ({} KB average); ms per page: median {:.2}, p90 {:.2}, max {:.2}; total {:.0} ms",
            times.len(),
            bytes / times.len() / 1024,
            at(0.5),
            at(0.9),
            at(1.0),
            times.iter().sum::<f64>()
        );
    }
}
