//! The graph of who said what about which dispute: one petgraph graph over resolved actors,
//! statements, disputes, cases, articles and outlets, every edge carrying its provenance.

use std::collections::BTreeMap;

use petgraph::graph::{DiGraph, NodeIndex};
use serde::Serialize;
use serde_json::{json, Value};

use crate::record::{Article, Span};
use crate::resolve::{slug, Resolution};

/// A node: a stable string id (never a petgraph index), its kind, a label and attributes.
#[derive(Debug, Clone, Serialize)]
pub struct Node {
    pub id: String,
    pub kind: &'static str,
    pub label: String,
    /// Earliest and latest date the node is seen at (article dates), for dynamic views.
    pub start: Option<String>,
    pub end: Option<String>,
    /// Typed values: numbers, booleans and lists stay what they are in the formats that can
    /// say so.
    pub attributes: BTreeMap<String, Value>,
}

/// An edge with where it comes from: the article, the span of text, the date.
#[derive(Debug, Clone, Serialize)]
pub struct Edge {
    pub kind: &'static str,
    pub article: Option<String>,
    pub span: Option<Span>,
    pub date: Option<String>,
    pub attributes: BTreeMap<String, Value>,
}

/// The corpus graph with its ids.
#[derive(Debug, Default)]
pub struct CorpusGraph {
    pub graph: DiGraph<Node, Edge>,
    ids: BTreeMap<String, NodeIndex>,
}

impl CorpusGraph {
    fn node(
        &mut self,
        id: String,
        kind: &'static str,
        label: String,
        date: Option<&str>,
    ) -> NodeIndex {
        if let Some(&index) = self.ids.get(&id) {
            let node = &mut self.graph[index];
            if let Some(date) = date {
                if node.start.as_deref().is_none_or(|s| date < s) {
                    node.start = Some(date.to_string());
                }
                if node.end.as_deref().is_none_or(|e| date > e) {
                    node.end = Some(date.to_string());
                }
            }
            return index;
        }
        let index = self.graph.add_node(Node {
            id: id.clone(),
            kind,
            label,
            start: date.map(str::to_string),
            end: date.map(str::to_string),
            attributes: BTreeMap::new(),
        });
        self.ids.insert(id, index);
        index
    }

    fn edge(
        &mut self,
        from: NodeIndex,
        to: NodeIndex,
        kind: &'static str,
        article: Option<&Article>,
        span: Option<Span>,
    ) -> &mut Edge {
        let date = article.and_then(article_date);
        let index = self.graph.add_edge(
            from,
            to,
            Edge {
                kind,
                article: article.map(|a| a.id.clone()),
                span,
                date,
                attributes: BTreeMap::new(),
            },
        );
        &mut self.graph[index]
    }

    /// The node with this id.
    pub fn get(&self, id: &str) -> Option<&Node> {
        self.ids.get(id).map(|&i| &self.graph[i])
    }
}

fn article_date(article: &Article) -> Option<String> {
    article
        .published
        .as_deref()
        .map(|p| p.chars().take(10).collect())
}

/// Builds the graph of a corpus from its articles and their resolution.
pub fn build(articles: &[Article], resolution: &Resolution) -> CorpusGraph {
    let mut g = CorpusGraph::default();
    let by_id: BTreeMap<&str, &Article> = articles.iter().map(|a| (a.id.as_str(), a)).collect();
    let actor_nodes: Vec<NodeIndex> = resolution
        .actors
        .list
        .iter()
        .map(|actor| {
            let index = g.node(
                actor.id.clone(),
                actor.kind.name(),
                actor.name.clone(),
                None,
            );
            g.graph[index]
                .attributes
                .insert("forms".into(), json!(actor.forms));
            // the same form in two articles needs no reason
            let merges: Vec<String> = actor
                .merges
                .iter()
                .filter(|m| m.first != m.second)
                .map(|m| format!("{} = {} ({})", m.first, m.second, m.reason))
                .collect();
            if !merges.is_empty() {
                g.graph[index]
                    .attributes
                    .insert("merges".into(), json!(merges));
            }
            index
        })
        .collect();
    for article in articles {
        let date = article_date(article);
        let article_node = g.node(
            format!("article:{}", article.id),
            "article",
            article.title.clone().unwrap_or_else(|| article.id.clone()),
            date.as_deref(),
        );
        if let Some(outlet) = &article.outlet {
            let outlet_node = g.node(
                format!("outlet:{}", slug(outlet)),
                "outlet",
                outlet.clone(),
                date.as_deref(),
            );
            g.edge(
                article_node,
                outlet_node,
                "published-by",
                Some(article),
                None,
            );
        }
        for person in &article.people {
            let Some(actor) = mentioned(
                &mut g,
                resolution,
                &actor_nodes,
                article,
                article_node,
                &person.name,
                person.spans.first(),
            ) else {
                continue;
            };
            for role in &person.roles {
                let Some(body) = role
                    .institution
                    .as_deref()
                    .and_then(|i| resolution.actors.of(&article.id, i))
                else {
                    continue;
                };
                let edge = g.edge(
                    actor_nodes[actor],
                    actor_nodes[body],
                    "role",
                    Some(article),
                    person.spans.first().cloned(),
                );
                edge.attributes.insert("title".into(), json!(role.title));
            }
        }
        for body in &article.institutions {
            mentioned(
                &mut g,
                resolution,
                &actor_nodes,
                article,
                article_node,
                &body.name,
                body.spans.first(),
            );
        }
    }
    let dispute_of_article = disputes(&mut g, resolution, &actor_nodes, &by_id);
    statements(
        &mut g,
        resolution,
        &actor_nodes,
        &by_id,
        &dispute_of_article,
    );
    g
}

/// The actor a name of an article stands for, dated by the article and linked to it.
fn mentioned(
    g: &mut CorpusGraph,
    resolution: &Resolution,
    actor_nodes: &[NodeIndex],
    article: &Article,
    article_node: NodeIndex,
    name: &str,
    first_span: Option<&Span>,
) -> Option<usize> {
    let actor = resolution.actors.of(&article.id, name)?;
    let node = actor_nodes[actor];
    let kind = g.graph[node].kind;
    g.node(
        resolution.actors.list[actor].id.clone(),
        kind,
        String::new(),
        article_date(article).as_deref(),
    );
    g.edge(
        node,
        article_node,
        "mentioned-in",
        Some(article),
        first_span.cloned(),
    );
    Some(actor)
}

/// Dispute, case and forum nodes and the parties' edges; returns each article's dispute node.
fn disputes(
    g: &mut CorpusGraph,
    resolution: &Resolution,
    actor_nodes: &[NodeIndex],
    by_id: &BTreeMap<&str, &Article>,
) -> BTreeMap<String, NodeIndex> {
    let mut of_article = BTreeMap::new();
    for dispute in &resolution.disputes {
        let name = |actor: Option<usize>| {
            actor
                .map(|a| resolution.actors.list[a].name.clone())
                .unwrap_or_else(|| "?".into())
        };
        let label = format!(
            "{}: {} v. {}",
            dispute.kind,
            name(dispute.petitioner),
            name(dispute.respondent)
        );
        let node = g.node(dispute.id.clone(), "dispute", label, None);
        for article_id in &dispute.articles {
            let Some(article) = by_id.get(article_id.as_str()).copied() else {
                continue;
            };
            g.node(
                dispute.id.clone(),
                "dispute",
                String::new(),
                article_date(article).as_deref(),
            );
            of_article.insert(article_id.clone(), node);
            let reported = article.disputes.first();
            if let Some(forum) = dispute.forum {
                g.edge(node, actor_nodes[forum], "heard-by", Some(article), None);
            }
            if let Some(petitioner) = dispute
                .petitioner
                .filter(|_| reported.is_some_and(|d| d.petitioner.is_some()))
            {
                g.edge(
                    actor_nodes[petitioner],
                    node,
                    "petitioner",
                    Some(article),
                    None,
                );
            }
            if let Some(respondent) = dispute
                .respondent
                .filter(|_| reported.is_some_and(|d| d.respondent.is_some()))
            {
                g.edge(
                    actor_nodes[respondent],
                    node,
                    "respondent",
                    Some(article),
                    None,
                );
            }
            for register in article.registers.iter().filter(|r| r.kind == "case") {
                let number = register.number.trim_start_matches('0');
                let case = g.node(
                    format!("case:{}:{}", slug(&dispute.id), slug(number)),
                    "case",
                    format!("register {}", register.number),
                    article_date(article).as_deref(),
                );
                g.edge(node, case, "has-case", Some(article), register.span.clone());
            }
        }
    }
    of_article
}

/// Statement nodes with who said them, where they were reported and what they are about.
fn statements(
    g: &mut CorpusGraph,
    resolution: &Resolution,
    actor_nodes: &[NodeIndex],
    by_id: &BTreeMap<&str, &Article>,
    dispute_of_article: &BTreeMap<String, NodeIndex>,
) {
    for statement in &resolution.statements {
        let node = g.node(
            statement.id.clone(),
            "statement",
            statement.text.clone(),
            None,
        );
        let attributes = &mut g.graph[node].attributes;
        attributes.insert("statement_kind".into(), json!(statement.kind));
        if let Some(earliest) = &statement.earliest_dated {
            attributes.insert("earliest_dated_report".into(), json!(earliest));
        }
        attributes.insert("independent_outlets".into(), json!(statement.outlets));
        attributes.insert(
            "unknown_outlet_reports".into(),
            json!(statement.unknown_outlets),
        );
        attributes.insert(
            "attribution_conflict".into(),
            json!(statement.attribution_conflict),
        );
        attributes.insert("date_conflict".into(), json!(statement.date_conflict));
        for report in &statement.reports {
            let Some(article) = by_id.get(report.article.as_str()).copied() else {
                continue;
            };
            let quote = &article.quotes[report.quote];
            g.node(
                statement.id.clone(),
                "statement",
                String::new(),
                article_date(article).as_deref(),
            );
            let article_node = g.node(
                format!("article:{}", article.id),
                "article",
                String::new(),
                None,
            );
            let reported = g.edge(
                node,
                article_node,
                "reported-in",
                Some(article),
                quote.span.clone(),
            );
            reported
                .attributes
                .insert("wording".into(), json!(report.wording));
            if let Some(speaker) = report.speaker_actor {
                let said = g.edge(
                    actor_nodes[speaker],
                    node,
                    "said",
                    Some(article),
                    quote.span.clone(),
                );
                said.attributes
                    .insert("cue".into(), json!(report.cue.clone().unwrap_or_default()));
                said.attributes
                    .insert("speaker".into(), json!(report.speaker));
            }
            if let Some(&dispute) = dispute_of_article.get(&article.id) {
                g.edge(node, dispute, "about", Some(article), quote.span.clone());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::{Institution, Person, Quote, Speaker};

    #[test]
    fn quotes_link_speakers_articles_and_disputes() {
        let article = Article {
            id: "a1".into(),
            title: Some("Judul".into()),
            outlet: Some("Contoh.com".into()),
            people: vec![Person {
                name: "Ani Rahma".into(),
                mentions: vec!["Ani Rahma".into()],
                ..Person::default()
            }],
            institutions: vec![Institution {
                name: "Komisi Informasi Pusat".into(),
                acronyms: vec!["KIP".into()],
                ..Institution::default()
            }],
            quotes: vec![Quote {
                text: "Kami siap".into(),
                kind: "direct".into(),
                speaker: Speaker {
                    person: Some("Ani Rahma".into()),
                    ..Speaker::default()
                },
                cue: Some("kata".into()),
                span: None,
            }],
            disputes: vec![crate::record::Dispute {
                kind: "sengketa".into(),
                forum: Some("KIP".into()),
                ..Default::default()
            }],
            ..Article::default()
        };
        let resolution = crate::resolve::resolve(std::slice::from_ref(&article));
        let g = build(&[article], &resolution);
        let kinds: Vec<&str> = g.graph.edge_weights().map(|e| e.kind).collect();
        for kind in [
            "published-by",
            "mentioned-in",
            "said",
            "reported-in",
            "about",
            "heard-by",
        ] {
            assert!(kinds.contains(&kind), "{kind} in {kinds:?}");
        }
        assert!(g
            .graph
            .edge_weights()
            .all(|e| e.article.as_deref() == Some("a1")));
        assert_eq!(g.get("person:ani-rahma").unwrap().label, "Ani Rahma");
    }
}
