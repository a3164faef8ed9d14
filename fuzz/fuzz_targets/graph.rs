//! The graph stage on a few article records of any content: resolving names and statements
//! across articles, building the graph and writing every export format and the report page.
#![no_main]

use libfuzzer_sys::fuzz_target;
use warta::export::{ArticleSpool, DotView};
use warta::record::{Article, DistinctIds};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut ids = DistinctIds::default();
    let articles: Vec<Article> = text
        .lines()
        .take(8)
        .filter_map(|line| serde_json::from_str::<Article>(line).ok())
        .map(|article| Article {
            id: ids.claim(&article.id),
            ..article
        })
        .collect();
    let resolution = warta::resolve::resolve(&articles);
    let graph = warta::graph::build(&articles, &resolution);
    let mut out = Vec::new();
    warta::export::node_link(&graph, &mut out).expect("JSON written");
    for view in [DotView::Story, DotView::Full] {
        warta::export::dot(&graph, view, &mut out).expect("DOT written");
    }
    warta::export::graphml(&graph, &mut out).expect("GraphML written");
    warta::export::gexf(&graph, &mut out).expect("GEXF written");
    let claims = warta::export::claims(&articles, &resolution);
    warta::export::claims_markdown(&claims);
    let mut spool = ArticleSpool::new().expect("a temporary file");
    for article in &articles {
        spool.add(article, &article.id).expect("spooled");
    }
    warta::export::report_page(&mut out, &articles, &graph, &resolution, &claims, &mut spool)
        .expect("report written");
});
