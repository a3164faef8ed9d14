//! report.html: one self-contained page for people (claims with their conflicts, wrong
//! weekdays, disputes, actors, the graph to explore, each article with what was found in it
//! and what cleaning removed). The page needs no network: its style and script are inlined and
//! its data is JSON inside `<script type="application/json">` elements, escaped so that no text
//! from an article can close them. The script builds the page with DOM calls and text nodes
//! only, never markup from data, and links only http(s) addresses.
//!
//! Articles' bodies are the bulk of the page: they are spooled to a temporary file while the
//! corpus streams past and copied into the page at the end, so memory does not grow with them.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader, BufWriter, Seek, SeekFrom, Write};

use anyhow::Result;
use petgraph::visit::EdgeRef;
use serde::Serialize;
use serde_json::{json, Value};

use super::Streamed;
use crate::graph::CorpusGraph;
use crate::record::{Article, Removed, Span};
use crate::resolve::Resolution;

const STYLE: &str = include_str!("report/report.css");
const SCRIPT: &str = include_str!("report/report.js");

/// Each article's text and marks, one JSON line per article, kept on disk until the page is
/// written.
pub struct ArticleSpool {
    file: BufWriter<std::fs::File>,
    /// Article ids in the order of their lines.
    ids: Vec<String>,
}

/// A stretch of a paragraph to highlight: (paragraph, start, end, kind, label), in characters.
type Mark = (usize, usize, usize, &'static str, String);

/// What the article view shows of one article.
#[derive(Serialize)]
struct ArticleView<'a> {
    id: &'a str,
    title: Option<&'a str>,
    body: &'a [String],
    marks: Vec<Mark>,
    removed: &'a [Removed],
}

impl ArticleSpool {
    pub fn new() -> Result<ArticleSpool> {
        Ok(ArticleSpool {
            file: BufWriter::new(tempfile::tempfile()?),
            ids: Vec::new(),
        })
    }

    /// Keeps an article's text and marks under `id` (the id it has in the run's output).
    pub fn add(&mut self, article: &Article, id: &str) -> Result<()> {
        let view = ArticleView {
            id,
            title: article.title.as_deref(),
            body: &article.body,
            marks: marks(article),
            removed: &article.removed,
        };
        serde_json::to_writer(&mut self.file, &view)?;
        self.file.write_all(b"\n")?;
        self.ids.push(id.to_string());
        Ok(())
    }

    /// Copies every spooled article into `out`, each as a JSON data element.
    fn copy_into(&mut self, out: &mut impl Write) -> Result<()> {
        self.file.flush()?;
        let file = self.file.get_mut();
        file.seek(SeekFrom::Start(0))?;
        for line in BufReader::new(&*file).lines() {
            out.write_all(b"<script type=\"application/json\" class=\"warta-article\">")?;
            ScriptSafe(&mut *out).write_all(line?.as_bytes())?;
            out.write_all(b"</script>\n")?;
        }
        file.seek(SeekFrom::End(0))?;
        Ok(())
    }
}

/// The highlights of an article's body: who and what extraction found where.
fn marks(article: &Article) -> Vec<Mark> {
    let mut marks = Vec::new();
    let mut push = |span: Option<&Span>, kind: &'static str, label: &str| {
        if let Some(span) = span.filter(|s| !s.title) {
            marks.push((
                span.paragraph,
                span.start,
                span.end,
                kind,
                label.to_string(),
            ));
        }
    };
    for person in &article.people {
        for span in &person.spans {
            push(Some(span), "person", &person.name);
        }
    }
    for body in &article.institutions {
        for span in &body.spans {
            push(Some(span), "institution", &body.name);
        }
    }
    for date in &article.dates {
        let kind = if date.weekday_mismatch {
            "wrong-weekday"
        } else {
            "date"
        };
        push(date.span.as_ref(), kind, &date.value);
    }
    for register in &article.registers {
        push(register.span.as_ref(), "register", &register.kind);
    }
    for quote in &article.quotes {
        let speaker = crate::resolve::speaker_label(quote);
        push(quote.span.as_ref(), "quote", &speaker);
    }
    marks.sort();
    marks
}

/// A writer that makes JSON safe to stand inside a `<script>` element: `<`, `>` and `&` (which
/// could close the element or open a comment) only occur inside JSON strings and are written
/// as escapes, which JSON reads back as the same characters.
struct ScriptSafe<W: Write>(W);

impl<W: Write> Write for ScriptSafe<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let mut rest = buf;
        while let Some(at) = rest.iter().position(|b| matches!(b, b'<' | b'>' | b'&')) {
            self.0.write_all(&rest[..at])?;
            self.0.write_all(match rest[at] {
                b'<' => b"\\u003c",
                b'>' => b"\\u003e",
                _ => b"\\u0026",
            })?;
            rest = &rest[at + 1..];
        }
        self.0.write_all(rest)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
    }
}

/// Writes the corpus-wide data of the page (everything but the articles' text) as one JSON
/// object, list by list and item by item, so that no copy of the corpus is built in memory.
fn write_corpus_data(
    out: &mut impl Write,
    articles: &[Article],
    graph: &CorpusGraph,
    resolution: &Resolution,
    claims: &super::Claims,
    spool_order: &BTreeMap<&str, usize>,
) -> Result<()> {
    use serde::ser::SerializeMap;
    let actors = &resolution.actors;
    let article_rows = articles.iter().map(|a| {
        json!({
            "id": a.id,
            "title": a.title,
            "outlet": a.outlet,
            "published": a.published,
            "url": a.url,
            "text": spool_order.get(a.id.as_str()),
        })
    });
    // who holds which role, and who said which statement, per actor
    let mut roles: BTreeMap<usize, BTreeSet<(&str, &str, &str)>> = BTreeMap::new();
    for article in articles {
        for person in &article.people {
            let Some(actor) = actors.of(&article.id, &person.name) else {
                continue;
            };
            for role in &person.roles {
                roles.entry(actor).or_default().insert((
                    &role.title,
                    role.institution.as_deref().unwrap_or_default(),
                    &article.id,
                ));
            }
        }
    }
    let mut said: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
    for (n, statement) in resolution.statements.iter().enumerate() {
        for actor in statement.reports.iter().filter_map(|r| r.speaker_actor) {
            said.entry(actor).or_default().insert(n);
        }
    }
    let quote_span = |report: &crate::resolve::Report| {
        articles
            .binary_search_by(|a| a.id.as_str().cmp(&report.article))
            .ok()
            .and_then(|i| articles[i].quotes.get(report.quote))
            .and_then(|q| q.span.as_ref())
            .map(|s| [s.paragraph, s.start, s.end])
    };
    let statements = resolution.statements.iter().map(|s| {
        let reports: Vec<Value> = s
            .reports
            .iter()
            .map(|r| {
                let (day, from) = r.said_on();
                json!({
                    "article": r.article,
                    "outlet": r.outlet,
                    "speaker": r.speaker,
                    "actor": r.speaker_actor,
                    "cue": r.cue,
                    "wording": r.wording,
                    "said_on": day,
                    "said_on_from": from,
                    "span": quote_span(r),
                })
            })
            .collect();
        json!({
            "id": s.id,
            "kind": s.kind,
            "text": s.text,
            "attribution_conflict": s.attribution_conflict,
            "date_conflict": s.date_conflict,
            "earliest_dated_report": s.earliest_dated,
            "independent_outlets": s.outlets,
            "unknown_outlet_reports": s.unknown_outlets,
            "reports": reports,
            "merged_because": s.merge_reasons(),
        })
    });
    let actor_rows = actors.list.iter().enumerate().map(|(n, a)| {
        json!({
            "id": a.id,
            "kind": a.kind.name(),
            "name": a.name,
            "forms": a.forms,
            "roles": roles.get(&n).map(|r| r.iter().map(|(t, i, a)| [t, i, a]).collect::<Vec<_>>()).unwrap_or_default(),
            "articles": a.articles,
            "said": said.get(&n).map(|s| s.iter().collect::<Vec<_>>()).unwrap_or_default(),
        })
    });
    // the statements reported in each dispute's articles
    let mut statements_of_article: BTreeMap<&str, BTreeSet<usize>> = BTreeMap::new();
    for (n, statement) in resolution.statements.iter().enumerate() {
        for report in &statement.reports {
            statements_of_article
                .entry(&report.article)
                .or_default()
                .insert(n);
        }
    }
    let disputes = resolution.disputes.iter().map(|d| {
        let about: BTreeSet<usize> = d
            .articles
            .iter()
            .filter_map(|a| statements_of_article.get(a.as_str()))
            .flatten()
            .copied()
            .collect();
        json!({
            "id": d.id,
            "kind": d.kind,
            "forum": d.forum,
            "petitioner": d.petitioner,
            "respondent": d.respondent,
            "cases": d.cases,
            "articles": d.articles,
            "statements": about,
        })
    });
    let g = &graph.graph;
    let nodes = g.node_weights().map(|n| json!([n.id, n.kind, n.label]));
    let edges = g.edge_references().map(|e| {
        json!([
            e.source().index(),
            e.target().index(),
            e.weight().kind,
            e.weight().article
        ])
    });
    let mut serializer = serde_json::Serializer::new(ScriptSafe(&mut *out));
    let mut map = serde::Serializer::serialize_map(&mut serializer, None)?;
    map.serialize_entry("articles", &Streamed::new(article_rows))?;
    map.serialize_entry("actors", &Streamed::new(actor_rows))?;
    map.serialize_entry("statements", &Streamed::new(statements))?;
    map.serialize_entry("disputes", &Streamed::new(disputes))?;
    map.serialize_entry("weekday_mismatches", &claims.weekday_mismatches)?;
    map.serialize_entry("graph_nodes", &Streamed::new(nodes))?;
    map.serialize_entry("graph_edges", &Streamed::new(edges))?;
    map.end()?;
    Ok(())
}

/// Writes report.html: the page, its corpus data, the spooled articles, then the script.
pub fn write(
    out: &mut impl Write,
    articles: &[Article],
    graph: &CorpusGraph,
    resolution: &Resolution,
    claims: &super::Claims,
    spool: &mut ArticleSpool,
) -> Result<()> {
    let spool_order: BTreeMap<&str, usize> = spool
        .ids
        .iter()
        .enumerate()
        .map(|(n, id)| (id.as_str(), n))
        .collect();
    write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
         script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>warta report</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n\
         <header><h1>warta</h1><nav id=\"tabs\"></nav></header>\n\
         <div id=\"errors\" hidden></div>\n<main id=\"view\"></main>\n\
         <noscript>This page draws its views with JavaScript.</noscript>\n"
    )?;
    out.write_all(b"<script type=\"application/json\" id=\"warta-corpus\">")?;
    write_corpus_data(out, articles, graph, resolution, claims, &spool_order)?;
    out.write_all(b"</script>\n")?;
    spool.copy_into(out)?;
    write!(out, "<script>\n{SCRIPT}</script>\n</body>\n</html>\n")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_in_a_script_element_cannot_close_it() {
        let text = json!({"t": "</script><script>alert(1)</script><!-- & \u{2028}"}).to_string();
        let mut safe = Vec::new();
        ScriptSafe(&mut safe).write_all(text.as_bytes()).unwrap();
        let safe = String::from_utf8(safe).unwrap();
        assert!(!safe.contains('<') && !safe.contains('>') && !safe.contains('&'));
        let back: Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(
            back["t"],
            "</script><script>alert(1)</script><!-- & \u{2028}"
        );
    }
}
