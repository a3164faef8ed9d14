//! Writing the corpus graph: networkx node-link JSON, Graphviz DOT, GraphML, GEXF 1.3 with
//! dates, and the claims file for fact-checkers (JSON and Markdown). Article text is escaped
//! for each format; every file is written atomically.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};
use petgraph::visit::EdgeRef;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;
use serde::Serialize;
use serde_json::{json, Map, Value};

mod claims;
mod dot;
mod report;

pub use claims::{claims, markdown as claims_markdown, Claims};
pub use dot::{dot, DotView};
pub use report::{write as report_page, ArticleSpool};

use crate::graph::{CorpusGraph, Edge, Node};
use crate::output::{AtomicFile, Prepared};
use crate::record::Article;
use crate::resolve::Resolution;

/// Writes every graph file, the claims and the report page into `dir`, each streamed from the graph into its
/// file (no file is held whole in memory), complete but still under a temporary name: the
/// caller puts the whole set in place together.
pub fn write_all(
    dir: &Path,
    articles: &[Article],
    graph: &CorpusGraph,
    resolution: &Resolution,
    view: DotView,
    spool: &mut ArticleSpool,
) -> Result<Vec<(&'static str, Prepared)>> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let found = claims(articles, resolution);
    type Writing<'a> = Box<dyn Fn(&mut AtomicFile) -> Result<()> + 'a>;
    let files: [(&str, Writing); 6] = [
        ("graph.json", Box::new(|out| node_link(graph, out))),
        ("graph.dot", Box::new(|out| Ok(dot(graph, view, out)?))),
        ("graph.graphml", Box::new(|out| graphml(graph, out))),
        ("graph.gexf", Box::new(|out| gexf(graph, out))),
        (
            "claims.json",
            Box::new(|out| {
                serde_json::to_writer_pretty(&mut *out, &found)?;
                Ok(out.write_all(b"\n")?)
            }),
        ),
        (
            "claims.md",
            Box::new(|out| Ok(out.write_all(claims_markdown(&found).as_bytes())?)),
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
    let path = dir.join("report.html");
    let mut out =
        AtomicFile::create(&path).with_context(|| format!("cannot write {}", path.display()))?;
    report_page(&mut out, articles, graph, resolution, &found, spool)
        .with_context(|| format!("cannot write {}", path.display()))?;
    let file = out
        .prepare()
        .with_context(|| format!("cannot write {}", path.display()))?;
    prepared.push(("report.html", file));
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

impl<I> Streamed<I> {
    fn new(items: I) -> Streamed<I> {
        Streamed(std::cell::RefCell::new(Some(items)))
    }
}

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
    map.serialize_entry("nodes", &Streamed::new(nodes))?;
    map.serialize_entry("edges", &Streamed::new(edges))?;
    map.end()?;
    out.write_all(b"\n")?;
    Ok(())
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

/// What an attribute holds across every node or edge that has it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ValueType {
    Boolean,
    Integer,
    Double,
    Text,
}

impl ValueType {
    fn of(value: &Value) -> ValueType {
        match value {
            Value::Bool(_) => ValueType::Boolean,
            Value::Number(n) if n.is_i64() || n.is_u64() => ValueType::Integer,
            Value::Number(_) => ValueType::Double,
            _ => ValueType::Text,
        }
    }

    /// The type that holds both: integers widen to doubles, anything else mixed is text.
    fn join(self, other: ValueType) -> ValueType {
        use ValueType::*;
        match (self, other) {
            (a, b) if a == b => a,
            (Integer, Double) | (Double, Integer) => Double,
            _ => Text,
        }
    }

    fn graphml(self) -> &'static str {
        match self {
            ValueType::Boolean => "boolean",
            ValueType::Integer => "long",
            ValueType::Double => "double",
            ValueType::Text => "string",
        }
    }

    fn gexf(self) -> &'static str {
        match self {
            ValueType::Boolean => "boolean",
            ValueType::Integer => "long",
            ValueType::Double => "double",
            ValueType::Text => "string",
        }
    }
}

type AttributeTypes = BTreeMap<String, ValueType>;

/// The attribute keys used by nodes and by edges with their types, in a stable order.
fn attribute_keys(graph: &CorpusGraph) -> (AttributeTypes, AttributeTypes) {
    fn add(types: &mut AttributeTypes, fields: Map<String, Value>) {
        for (key, value) in fields {
            let kind = ValueType::of(&value);
            types
                .entry(key)
                .and_modify(|t| *t = t.join(kind))
                .or_insert(kind);
        }
    }
    let (mut nodes, mut edges) = (AttributeTypes::new(), AttributeTypes::new());
    for node in graph.graph.node_weights() {
        let mut fields = node_fields(node);
        fields.remove("id");
        add(&mut nodes, fields);
    }
    for edge in graph.graph.edge_weights() {
        add(&mut edges, edge_fields(edge));
    }
    (nodes, edges)
}

/// A value as XML attribute text: a list's items joined by " | ", as the formats have no lists.
fn value_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().map(value_text).collect::<Vec<_>>().join(" | "),
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
        for (key, kind) in keys {
            let id = format!("{class}_{key}");
            w.write_event(Event::Empty(start(
                "key",
                &[
                    ("id", &id),
                    ("for", class),
                    ("attr.name", key),
                    ("attr.type", kind.graphml()),
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
        for (key, kind) in keys.iter().filter(|(k, _)| !skip.contains(&k.as_str())) {
            w.write_event(Event::Empty(start(
                "attribute",
                &[("id", key), ("title", key), ("type", kind.gexf())],
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_holds_only_what_xml_may() {
        assert_eq!(xml_safe("a\u{1b}b\u{c}c\u{7}\td\ne"), "abc\td\ne");
        let element = start("node", &[("id", "x\ny<&\"\u{1b}")]);
        let written = String::from_utf8(element.attributes_raw().to_vec()).unwrap();
        assert_eq!(written, " id=\"x&#10;y&lt;&amp;&quot;\"");
    }
}
