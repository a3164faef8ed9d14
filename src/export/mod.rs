//! Writing the corpus graph: networkx node-link JSON, Graphviz DOT, GraphML, GEXF 1.3 with
//! dates, and the claims file for fact-checkers (JSON and Markdown). Article text is escaped
//! for each format; every file is written atomically.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};
use petgraph::visit::EdgeRef;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;
use serde::Serialize;
use serde_json::{json, Map, Value};

use crate::graph::{CorpusGraph, Edge, Node};
use crate::output::{AtomicFile, Prepared};
use crate::resolve::{Resolution, Statement};

/// Writes every graph file and the claims into `dir`, each streamed from the graph into its
/// file (no file is held whole in memory), complete but still under a temporary name: the
/// caller puts the whole set in place together.
pub fn write_all(
    dir: &Path,
    graph: &CorpusGraph,
    resolution: &Resolution,
) -> Result<Vec<(&'static str, Prepared)>> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    type Writing<'a> = Box<dyn Fn(&mut AtomicFile) -> Result<()> + 'a>;
    let files: [(&str, Writing); 6] = [
        ("graph.json", Box::new(|out| node_link(graph, out))),
        ("graph.dot", Box::new(|out| Ok(dot(graph, out)?))),
        ("graph.graphml", Box::new(|out| graphml(graph, out))),
        ("graph.gexf", Box::new(|out| gexf(graph, out))),
        (
            "claims.json",
            Box::new(|out| {
                serde_json::to_writer_pretty(&mut *out, &claims(resolution))?;
                Ok(out.write_all(b"\n")?)
            }),
        ),
        (
            "claims.md",
            Box::new(|out| Ok(out.write_all(claims_markdown(resolution).as_bytes())?)),
        ),
    ];
    let mut prepared = Vec::new();
    for (name, write) in files {
        let path = dir.join(name);
        let mut out = AtomicFile::create(&path)
            .with_context(|| format!("cannot write {}", path.display()))?;
        write(&mut out).with_context(|| format!("cannot write {}", path.display()))?;
        let file = out
            .prepare()
            .with_context(|| format!("cannot write {}", path.display()))?;
        prepared.push((name, file));
    }
    Ok(prepared)
}

fn span_text(edge: &Edge) -> Option<String> {
    edge.span.as_ref().map(|s| {
        if s.title {
            format!("title:{}-{}", s.start, s.end)
        } else {
            format!("{}:{}-{}", s.paragraph, s.start, s.end)
        }
    })
}

fn node_fields(node: &Node) -> Map<String, Value> {
    let mut fields = Map::new();
    fields.insert("id".into(), json!(node.id));
    fields.insert("kind".into(), json!(node.kind));
    fields.insert("label".into(), json!(node.label));
    if let Some(start) = &node.start {
        fields.insert("start".into(), json!(start));
    }
    if let Some(end) = &node.end {
        fields.insert("end".into(), json!(end));
    }
    for (k, v) in &node.attributes {
        fields.insert(k.clone(), json!(v));
    }
    fields
}

fn edge_fields(edge: &Edge) -> Map<String, Value> {
    let mut fields = Map::new();
    fields.insert("kind".into(), json!(edge.kind));
    if let Some(article) = &edge.article {
        fields.insert("article".into(), json!(article));
    }
    if let Some(span) = span_text(edge) {
        fields.insert("span".into(), json!(span));
    }
    if let Some(date) = &edge.date {
        fields.insert("date".into(), json!(date));
    }
    for (k, v) in &edge.attributes {
        fields.insert(k.clone(), json!(v));
    }
    fields
}

/// A sequence serialised from an iterator as it is consumed, so that a long list of JSON
/// objects is never built whole.
struct Streamed<I>(std::cell::RefCell<Option<I>>);

impl<I: Iterator<Item = Value>> Serialize for Streamed<I> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let items = self.0.borrow_mut().take().into_iter().flatten();
        serializer.collect_seq(items)
    }
}

/// networkx's node-link format with the `edges` key and stable string ids, written node by
/// node and edge by edge.
pub fn node_link(graph: &CorpusGraph, out: &mut impl Write) -> Result<()> {
    use serde::ser::SerializeMap;
    let g = &graph.graph;
    let nodes = g.node_weights().map(|n| Value::Object(node_fields(n)));
    let edges = g.edge_references().enumerate().map(|(key, e)| {
        let mut fields = edge_fields(e.weight());
        fields.insert("source".into(), json!(g[e.source()].id));
        fields.insert("target".into(), json!(g[e.target()].id));
        fields.insert("key".into(), json!(key));
        Value::Object(fields)
    });
    let mut serializer = serde_json::Serializer::pretty(&mut *out);
    let mut map = serde::Serializer::serialize_map(&mut serializer, Some(5))?;
    map.serialize_entry("directed", &true)?;
    map.serialize_entry("multigraph", &true)?;
    map.serialize_entry("graph", &json!({"name": "warta"}))?;
    map.serialize_entry("nodes", &Streamed(std::cell::RefCell::new(Some(nodes))))?;
    map.serialize_entry("edges", &Streamed(std::cell::RefCell::new(Some(edges))))?;
    map.end()?;
    out.write_all(b"\n")?;
    Ok(())
}

/// A DOT string literal: backslashes, quotes and line breaks escaped.
fn dot_quote(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' | '\r' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn short(text: &str, limit: usize) -> String {
    let mut out: String = text.chars().take(limit).collect();
    if text.chars().count() > limit {
        out.push('…');
    }
    out
}

/// Graphviz DOT, left to right: actors on the left, statements in the middle, disputes and
/// cases on the right, articles and outlets last; a cluster per kind.
pub fn dot(graph: &CorpusGraph, out: &mut impl Write) -> std::io::Result<()> {
    const CLUSTERS: [(&str, &str, &str); 7] = [
        ("person", "People", "ellipse"),
        ("institution", "Institutions", "box"),
        ("statement", "Statements", "note"),
        ("dispute", "Disputes", "hexagon"),
        ("case", "Cases", "folder"),
        ("article", "Articles", "component"),
        ("outlet", "Outlets", "cylinder"),
    ];
    let g = &graph.graph;
    out.write_all(b"digraph warta {\n  rankdir=LR;\n  newrank=true;\n  node [fontname=\"Helvetica\", fontsize=10];\n  edge [fontname=\"Helvetica\", fontsize=8];\n")?;
    for (n, (kind, title, shape)) in CLUSTERS.iter().enumerate() {
        let members: Vec<&Node> = g.node_weights().filter(|node| node.kind == *kind).collect();
        if members.is_empty() {
            continue;
        }
        write!(
            out,
            "  subgraph cluster_{n} {{\n    label={};\n    node [shape={shape}];\n",
            dot_quote(title)
        )?;
        for node in members {
            writeln!(
                out,
                "    {} [label={}];",
                dot_quote(&node.id),
                dot_quote(&short(&node.label, 60))
            )?;
        }
        out.write_all(b"  }\n")?;
    }
    for e in g.edge_references() {
        let weight = e.weight();
        let label = match weight
            .attributes
            .get("title")
            .or_else(|| weight.attributes.get("cue"))
        {
            Some(extra) if !extra.is_empty() => format!("{} ({extra})", weight.kind),
            _ => weight.kind.to_string(),
        };
        writeln!(
            out,
            "  {} -> {} [label={}];",
            dot_quote(&g[e.source()].id),
            dot_quote(&g[e.target()].id),
            dot_quote(&label)
        )?;
    }
    out.write_all(b"}\n")
}

fn xml_writer<W: Write>(out: W) -> Writer<W> {
    Writer::new_with_indent(out, b' ', 2)
}

/// An element with its attributes, each value escaped for XML and cleared of what XML 1.0
/// cannot hold; line breaks and tabs as character references, so that a parser reads an id
/// back exactly as graph.json has it.
fn start<'a>(name: &'a str, attributes: &[(&str, &str)]) -> BytesStart<'a> {
    let mut element = BytesStart::new(name);
    for (key, value) in attributes {
        let mut escaped = String::with_capacity(value.len());
        for c in xml_safe(value).chars() {
            match c {
                '&' => escaped.push_str("&amp;"),
                '<' => escaped.push_str("&lt;"),
                '>' => escaped.push_str("&gt;"),
                '"' => escaped.push_str("&quot;"),
                '\'' => escaped.push_str("&apos;"),
                '\n' => escaped.push_str("&#10;"),
                '\r' => escaped.push_str("&#13;"),
                '\t' => escaped.push_str("&#9;"),
                c => escaped.push(c),
            }
        }
        element.push_attribute(quick_xml::events::attributes::Attribute {
            key: quick_xml::name::QName(key.as_bytes()),
            value: std::borrow::Cow::Owned(escaped.into_bytes()),
        });
    }
    element
}

/// Text without the characters XML 1.0 forbids (control characters other than tab and line
/// breaks, U+FFFE, U+FFFF), which scraped text may carry.
fn xml_safe(text: &str) -> String {
    text.chars()
        .filter(|&c| c >= ' ' || matches!(c, '\t' | '\n' | '\r'))
        .filter(|&c| !matches!(c, '\u{fffe}' | '\u{ffff}'))
        .collect()
}

/// The attribute keys used by nodes and by edges, in a stable order.
fn attribute_keys(graph: &CorpusGraph) -> (BTreeSet<String>, BTreeSet<String>) {
    let nodes = graph
        .graph
        .node_weights()
        .flat_map(|n| node_fields(n).keys().cloned().collect::<Vec<_>>())
        .filter(|k| k != "id")
        .collect();
    let edges = graph
        .graph
        .edge_weights()
        .flat_map(|e| edge_fields(e).keys().cloned().collect::<Vec<_>>())
        .collect();
    (nodes, edges)
}

fn value_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// GraphML with string keys for every node and edge attribute.
pub fn graphml(graph: &CorpusGraph, out: &mut impl Write) -> Result<()> {
    let g = &graph.graph;
    let (node_keys, edge_keys) = attribute_keys(graph);
    let mut w = xml_writer(&mut *out);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    w.write_event(Event::Start(start(
        "graphml",
        &[("xmlns", "http://graphml.graphdrawing.org/xmlns")],
    )))?;
    for (class, keys) in [("node", &node_keys), ("edge", &edge_keys)] {
        for key in keys {
            let id = format!("{class}_{key}");
            w.write_event(Event::Empty(start(
                "key",
                &[
                    ("id", &id),
                    ("for", class),
                    ("attr.name", key),
                    ("attr.type", "string"),
                ],
            )))?;
        }
    }
    w.write_event(Event::Start(start(
        "graph",
        &[("id", "warta"), ("edgedefault", "directed")],
    )))?;
    for node in g.node_weights() {
        w.write_event(Event::Start(start("node", &[("id", &node.id)])))?;
        for (key, value) in node_fields(node).iter().filter(|(k, _)| *k != "id") {
            write_data(&mut w, &format!("node_{key}"), &value_text(value))?;
        }
        w.write_event(Event::End(BytesEnd::new("node")))?;
    }
    for (n, e) in g.edge_references().enumerate() {
        let id = format!("e{n}");
        w.write_event(Event::Start(start(
            "edge",
            &[
                ("id", &id),
                ("source", &g[e.source()].id),
                ("target", &g[e.target()].id),
            ],
        )))?;
        for (key, value) in edge_fields(e.weight()) {
            write_data(&mut w, &format!("edge_{key}"), &value_text(&value))?;
        }
        w.write_event(Event::End(BytesEnd::new("edge")))?;
    }
    w.write_event(Event::End(BytesEnd::new("graph")))?;
    w.write_event(Event::End(BytesEnd::new("graphml")))?;
    w.into_inner().write_all(b"\n")?;
    Ok(())
}

fn write_data<W: Write>(w: &mut Writer<W>, key: &str, value: &str) -> Result<()> {
    w.write_event(Event::Start(start("data", &[("key", key)])))?;
    w.write_event(Event::Text(BytesText::new(&xml_safe(value))))?;
    w.write_event(Event::End(BytesEnd::new("data")))?;
    Ok(())
}

/// GEXF 1.3, dynamic, with each node's and edge's dates.
pub fn gexf(graph: &CorpusGraph, out: &mut impl Write) -> Result<()> {
    let g = &graph.graph;
    let (node_keys, edge_keys) = attribute_keys(graph);
    let skip = ["label", "start", "end"];
    let mut w = xml_writer(&mut *out);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    w.write_event(Event::Start(start(
        "gexf",
        &[("xmlns", "http://gexf.net/1.3"), ("version", "1.3")],
    )))?;
    w.write_event(Event::Start(start("meta", &[])))?;
    w.write_event(Event::Start(start("creator", &[])))?;
    w.write_event(Event::Text(BytesText::new("warta")))?;
    w.write_event(Event::End(BytesEnd::new("creator")))?;
    w.write_event(Event::End(BytesEnd::new("meta")))?;
    w.write_event(Event::Start(start(
        "graph",
        &[
            ("defaultedgetype", "directed"),
            ("mode", "dynamic"),
            ("timeformat", "date"),
        ],
    )))?;
    for (class, keys) in [("node", &node_keys), ("edge", &edge_keys)] {
        w.write_event(Event::Start(start("attributes", &[("class", class)])))?;
        for key in keys.iter().filter(|k| !skip.contains(&k.as_str())) {
            w.write_event(Event::Empty(start(
                "attribute",
                &[("id", key), ("title", key), ("type", "string")],
            )))?;
        }
        w.write_event(Event::End(BytesEnd::new("attributes")))?;
    }
    w.write_event(Event::Start(start("nodes", &[])))?;
    for node in g.node_weights() {
        let mut attributes = vec![("id", node.id.as_str()), ("label", node.label.as_str())];
        if let Some(s) = &node.start {
            attributes.push(("start", s));
        }
        if let Some(e) = &node.end {
            attributes.push(("end", e));
        }
        w.write_event(Event::Start(start("node", &attributes)))?;
        write_attvalues(
            &mut w,
            node_fields(node)
                .iter()
                .filter(|(k, _)| *k != "id" && !skip.contains(&k.as_str())),
        )?;
        w.write_event(Event::End(BytesEnd::new("node")))?;
    }
    w.write_event(Event::End(BytesEnd::new("nodes")))?;
    w.write_event(Event::Start(start("edges", &[])))?;
    for (n, e) in g.edge_references().enumerate() {
        let id = n.to_string();
        let weight = e.weight();
        let mut attributes = vec![
            ("id", id.as_str()),
            ("source", g[e.source()].id.as_str()),
            ("target", g[e.target()].id.as_str()),
            ("label", weight.kind),
        ];
        if let Some(date) = &weight.date {
            attributes.push(("start", date));
        }
        w.write_event(Event::Start(start("edge", &attributes)))?;
        write_attvalues(&mut w, edge_fields(weight).iter())?;
        w.write_event(Event::End(BytesEnd::new("edge")))?;
    }
    w.write_event(Event::End(BytesEnd::new("edges")))?;
    w.write_event(Event::End(BytesEnd::new("graph")))?;
    w.write_event(Event::End(BytesEnd::new("gexf")))?;
    w.into_inner().write_all(b"\n")?;
    Ok(())
}

fn write_attvalues<'a, W: Write>(
    w: &mut Writer<W>,
    values: impl Iterator<Item = (&'a String, &'a Value)>,
) -> Result<()> {
    w.write_event(Event::Start(start("attvalues", &[])))?;
    for (key, value) in values {
        w.write_event(Event::Empty(start(
            "attvalue",
            &[("for", key), ("value", &value_text(value))],
        )))?;
    }
    w.write_event(Event::End(BytesEnd::new("attvalues")))?;
    Ok(())
}

/// One statement as fact-checkers read it.
#[derive(Debug, Serialize)]
pub struct Claim<'a> {
    pub id: &'a str,
    pub kind: &'a str,
    pub text: &'a str,
    pub first_appearance: &'a str,
    pub independent_outlets: usize,
    pub attribution_conflict: bool,
    pub date_conflict: bool,
    pub reports: Vec<ClaimReport<'a>>,
    /// Words some reports use and others do not.
    pub wording_differences: BTreeMap<&'a str, Vec<String>>,
    pub merged_because: Vec<String>,
}

/// One article's report within a claim.
#[derive(Debug, Serialize)]
pub struct ClaimReport<'a> {
    pub article: &'a str,
    pub outlet: Option<&'a str>,
    pub date: Option<&'a str>,
    pub speaker: &'a str,
    pub cue: Option<&'a str>,
    pub wording: &'a str,
}

/// Statements carried by more than one article, the widest spread first.
pub fn claims(resolution: &Resolution) -> Vec<Claim<'_>> {
    let mut shared: Vec<&Statement> = resolution
        .statements
        .iter()
        .filter(|s| s.is_shared())
        .collect();
    shared.sort_by(|a, b| {
        b.outlets
            .cmp(&a.outlets)
            .then(b.reports.len().cmp(&a.reports.len()))
            .then(a.id.cmp(&b.id))
    });
    shared
        .into_iter()
        .map(|s| {
            let words: Vec<BTreeSet<String>> = s
                .reports
                .iter()
                .map(|r| crate::names::tokens(&r.wording).into_iter().collect())
                .collect();
            let common: BTreeSet<String> = words.iter().skip(1).fold(words[0].clone(), |acc, w| {
                acc.intersection(w).cloned().collect()
            });
            let wording_differences = s
                .reports
                .iter()
                .zip(&words)
                .map(|(r, w)| {
                    (
                        r.article.as_str(),
                        w.difference(&common).cloned().collect::<Vec<_>>(),
                    )
                })
                .filter(|(_, extra)| !extra.is_empty())
                .collect();
            Claim {
                id: &s.id,
                kind: &s.kind,
                text: &s.text,
                first_appearance: &s.first,
                independent_outlets: s.outlets,
                attribution_conflict: s.attribution_conflict,
                date_conflict: s.date_conflict,
                reports: s
                    .reports
                    .iter()
                    .map(|r| ClaimReport {
                        article: &r.article,
                        outlet: r.outlet.as_deref(),
                        date: r.date.as_deref(),
                        speaker: &r.speaker,
                        cue: r.cue.as_deref(),
                        wording: &r.wording,
                    })
                    .collect(),
                wording_differences,
                merged_because: s
                    .merges
                    .iter()
                    .map(|m| format!("{} ~ {}: {}", m.first, m.second, m.reason))
                    .collect(),
            }
        })
        .collect()
}

/// Markdown escaping for text from articles: characters that would start markup are escaped.
fn md(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if "\\`*_{}[]<>()#+-!|".contains(c) {
            out.push('\\');
        }
        // a line break or other control character would end a table row or a heading
        if c.is_control() {
            out.push(' ');
        } else {
            out.push(c);
        }
    }
    out
}

/// The claims as a page a fact-checker can read.
pub fn claims_markdown(resolution: &Resolution) -> String {
    let mut out = String::from("# Statements carried by more than one article\n\n");
    let list = claims(resolution);
    if list.is_empty() {
        out.push_str("No statement appears in more than one article.\n");
    }
    for claim in list {
        out.push_str(&format!("## {}\n\n", md(claim.text)));
        out.push_str(&format!(
            "- {} statement, first in {}, {} independent outlet(s)\n",
            claim.kind,
            md(claim.first_appearance),
            claim.independent_outlets
        ));
        if claim.attribution_conflict {
            out.push_str("- **Attribution conflict**: the articles name different speakers\n");
        }
        if claim.date_conflict {
            out.push_str("- **Date conflict**: the articles give different dates\n");
        }
        out.push_str(
            "\n| article | outlet | date | speaker | cue | wording |\n|---|---|---|---|---|---|\n",
        );
        for r in &claim.reports {
            out.push_str(&format!(
                "| {} | {} | {} | {} | {} | {} |\n",
                md(r.article),
                md(r.outlet.unwrap_or("?")),
                md(r.date.unwrap_or("?")),
                md(r.speaker),
                md(r.cue.unwrap_or("")),
                md(r.wording)
            ));
        }
        for (article, extra) in &claim.wording_differences {
            out.push_str(&format!(
                "\n- words only some reports use, in {}: {}",
                md(article),
                md(&extra.join(", "))
            ));
        }
        out.push_str("\n\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dot_labels_are_escaped() {
        assert_eq!(dot_quote("a \"b\" \\ c\nd"), "\"a \\\"b\\\" \\\\ c\\nd\"");
    }

    #[test]
    fn markdown_escapes_markup() {
        assert_eq!(md("*x* [y](z) | w"), "\\*x\\* \\[y\\]\\(z\\) \\| w");
        assert_eq!(md("a\r\nb\u{1b}c\u{7}"), "a  b c ");
        assert_eq!(md("x`\n## y"), "x\\` \\#\\# y");
    }

    #[test]
    fn xml_holds_only_what_xml_may() {
        assert_eq!(xml_safe("a\u{1b}b\u{c}c\u{7}\td\ne"), "abc\td\ne");
        let element = start("node", &[("id", "x\ny<&\"\u{1b}")]);
        let written = String::from_utf8(element.attributes_raw().to_vec()).unwrap();
        assert_eq!(written, " id=\"x&#10;y&lt;&amp;&quot;\"");
    }
}
