//! Graphviz DOT: the story a person reads (who said what about which dispute), or the
//! complete graph. Labels come from articles and are escaped as DOT string literals.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;

use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;
use petgraph::Direction;

use super::value_text;
use crate::graph::{CorpusGraph, Node};

/// Which graph `graph.dot` draws.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum DotView {
    /// Speakers, their statements and the disputes they are about: what a person reads.
    #[default]
    Story,
    /// Every node and edge, articles, outlets and mentions included.
    Full,
}

/// Writes the chosen view.
pub fn dot(graph: &CorpusGraph, view: DotView, out: &mut impl Write) -> std::io::Result<()> {
    match view {
        DotView::Story => story(graph, out),
        DotView::Full => full(graph, out),
    }
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

/// The complete graph in DOT, left to right: actors on the left, statements in the middle,
/// disputes and cases on the right, articles and outlets last; a cluster per kind.
fn full(graph: &CorpusGraph, out: &mut impl Write) -> std::io::Result<()> {
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
            Some(extra) if !value_text(extra).is_empty() => {
                format!("{} ({})", weight.kind, value_text(extra))
            }
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

/// A label's text broken into lines of about `width` characters, at most `lines` of them.
fn wrapped(text: &str, width: usize, lines: usize) -> String {
    let mut out: Vec<String> = vec![String::new()];
    for word in text.split_whitespace() {
        let line = out.last_mut().expect("one line at least");
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            if out.len() == lines {
                out.last_mut().expect("one line at least").push('…');
                return out.join("\n");
            }
            out.push(String::new());
        }
        let line = out.last_mut().expect("one line at least");
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&short(word, width));
    }
    out.join("\n")
}

const CONFLICT: &str = "#c62828";

/// The story: who said what (statements in the middle, one `said` edge per speaker labelled
/// with the cues and articles), which disputes it is about (one `about` edge per statement) and
/// who is party to them. Mentions, articles and outlets are left out; statements with an
/// attribution conflict and their `said` edges are red.
fn story(graph: &CorpusGraph, out: &mut impl Write) -> std::io::Result<()> {
    let g = &graph.graph;
    let statements: Vec<NodeIndex> = g
        .node_indices()
        .filter(|&n| g[n].kind == "statement")
        .collect();
    // (speaker, statement) -> cue and article of each report
    let mut said: BTreeMap<(NodeIndex, NodeIndex), BTreeSet<String>> = BTreeMap::new();
    let mut about: BTreeSet<(NodeIndex, NodeIndex)> = BTreeSet::new();
    let mut parties: BTreeSet<(NodeIndex, NodeIndex, &str)> = BTreeSet::new();
    for e in g.edge_references() {
        let weight = e.weight();
        match weight.kind {
            "said" => {
                let cue = weight
                    .attributes
                    .get("cue")
                    .map(value_text)
                    .unwrap_or_default();
                let article = weight.article.clone().unwrap_or_default();
                let label = if cue.is_empty() {
                    article
                } else {
                    format!("{cue} · {article}")
                };
                said.entry((e.source(), e.target()))
                    .or_default()
                    .insert(label);
            }
            "about" => {
                about.insert((e.source(), e.target()));
            }
            "petitioner" | "respondent" | "heard-by" => {
                parties.insert((e.source(), e.target(), weight.kind));
            }
            _ => {}
        }
    }
    let conflict = |n: NodeIndex| g[n].attributes.get("attribution_conflict") == Some(&true.into());
    let speakers: BTreeSet<NodeIndex> = said.keys().map(|&(s, _)| s).collect();
    let disputes: BTreeSet<NodeIndex> = g
        .node_indices()
        .filter(|&n| g[n].kind == "dispute")
        .collect();
    let party_actors: BTreeSet<NodeIndex> = parties
        .iter()
        .flat_map(|&(a, b, _)| [a, b])
        .filter(|n| !disputes.contains(n))
        .collect();
    out.write_all(b"digraph story {\n  rankdir=LR;\n  ranksep=1.2;\n  node [fontname=\"Helvetica\", fontsize=10];\n  edge [fontname=\"Helvetica\", fontsize=8, color=\"#555555\"];\n")?;
    let node_line =
        |node: &Node, attributes: &str| format!("  {} [{attributes}];\n", dot_quote(&node.id));
    let mut actors: Vec<NodeIndex> = speakers.union(&party_actors).copied().collect();
    actors.sort_by(|&a, &b| g[a].id.cmp(&g[b].id));
    out.write_all(b"  { rank=same;\n")?;
    for &n in &actors {
        let shape = if g[n].kind == "person" {
            "ellipse"
        } else {
            "box"
        };
        let line = node_line(
            &g[n],
            &format!(
                "label={}, shape={shape}, style=filled, fillcolor=\"#e3f2fd\"",
                dot_quote(&wrapped(&g[n].label, 24, 3))
            ),
        );
        out.write_all(line.as_bytes())?;
    }
    out.write_all(b"  }\n")?;
    for &n in &statements {
        let reports = g
            .edges_directed(n, Direction::Outgoing)
            .filter(|e| e.weight().kind == "reported-in")
            .count();
        let label = format!(
            "{}\n({reports} report{})",
            wrapped(&g[n].label, 40, 4),
            if reports == 1 { "" } else { "s" }
        );
        let colour = if conflict(n) {
            format!("color=\"{CONFLICT}\", fontcolor=\"{CONFLICT}\", penwidth=2")
        } else {
            "color=\"#9e9e9e\"".to_string()
        };
        let line = node_line(
            &g[n],
            &format!("label={}, shape=note, {colour}", dot_quote(&label)),
        );
        out.write_all(line.as_bytes())?;
    }
    for &n in &disputes {
        let line = node_line(
            &g[n],
            &format!(
                "label={}, shape=hexagon, style=filled, fillcolor=\"#fff3e0\"",
                dot_quote(&wrapped(&g[n].label, 30, 4))
            ),
        );
        out.write_all(line.as_bytes())?;
    }
    for (&(speaker, statement), labels) in &said {
        let colour = if conflict(statement) {
            format!(", color=\"{CONFLICT}\", fontcolor=\"{CONFLICT}\"")
        } else {
            String::new()
        };
        let label = labels.iter().cloned().collect::<Vec<_>>().join("\n");
        writeln!(
            out,
            "  {} -> {} [label={}{colour}];",
            dot_quote(&g[speaker].id),
            dot_quote(&g[statement].id),
            dot_quote(&label)
        )?;
    }
    for &(statement, dispute) in &about {
        writeln!(
            out,
            "  {} -> {} [label=\"about\", style=dashed];",
            dot_quote(&g[statement].id),
            dot_quote(&g[dispute].id)
        )?;
    }
    for &(from, to, kind) in &parties {
        writeln!(
            out,
            "  {} -> {} [label={}, style=dotted, constraint=false];",
            dot_quote(&g[from].id),
            dot_quote(&g[to].id),
            dot_quote(kind)
        )?;
    }
    out.write_all(b"}\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dot_labels_are_escaped() {
        assert_eq!(dot_quote("a \"b\" \\ c\nd"), "\"a \\\"b\\\" \\\\ c\\nd\"");
    }

    #[test]
    fn long_labels_wrap_and_stop() {
        assert_eq!(
            wrapped("satu dua tiga empat", 9, 3),
            "satu dua\ntiga\nempat"
        );
        assert_eq!(wrapped("satu dua tiga empat lima", 9, 2), "satu dua\ntiga…");
    }
}
