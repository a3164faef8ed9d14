//! Per-page cost of the whole pipeline (decode, parse, find the article, clean, extract) on the
//! English article-extraction benchmark pages in ../shared/data/html/en-dev, one thread,
//! release build. Run with `cargo bench --bench pages`; prints the median and other quantiles.

use std::path::Path;
use std::time::Instant;

use warta::pipeline::{process, Depth, LangChoice};
use warta::source::{documents, expand_inputs};

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/html/en-dev");
    if !dir.exists() {
        eprintln!("skipping: {} not found", dir.display());
        return;
    }
    let inputs = expand_inputs(&[dir]).expect("en-dev is readable");
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
