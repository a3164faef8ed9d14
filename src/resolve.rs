//! Facts that show only across articles: the same statement in several outlets, the name forms
//! that stand for one actor, the one dispute several articles report.

use std::collections::{BTreeMap, BTreeSet};

use petgraph::unionfind::UnionFind;
use serde::{Deserialize, Serialize};

use crate::record::{Article, Dispute, Quote};

/// Cross-article facts, in the shape of the gold `corpus.json`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CorpusFacts {
    #[serde(default)]
    pub same_quote: Vec<QuoteGroup>,
    #[serde(default)]
    pub same_entity: Vec<Vec<String>>,
    #[serde(default)]
    pub disputes: Vec<Dispute>,
}

/// One statement carried by several articles, with the speaker each gives.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuoteGroup {
    pub text: String,
    #[serde(rename = "in")]
    pub articles: Vec<String>,
    pub speakers: BTreeMap<String, String>,
    pub attribution_conflict: bool,
}

/// Names compared as SPEC.md says: case folded, white space folded, punctuation other than the
/// apostrophe dropped.
pub fn normalise_name(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '\'' || c == '’' {
                c
            } else {
                ' '
            }
        })
        .collect::<String>()
        .replace('’', "'")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Lower-cased word tokens, as the scorer and the statement grouping compare texts.
pub fn tokens(text: &str) -> Vec<String> {
    use unicode_segmentation::UnicodeSegmentation;
    text.unicode_words().map(str::to_lowercase).collect()
}

/// Jaccard similarity of two texts' token sets.
pub fn jaccard(a: &str, b: &str) -> f64 {
    let a: BTreeSet<String> = tokens(a).into_iter().collect();
    let b: BTreeSet<String> = tokens(b).into_iter().collect();
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    a.intersection(&b).count() as f64 / a.union(&b).count() as f64
}

/// How similar two statements must be to count as the same one.
pub const SAME_STATEMENT: f64 = 0.6;

/// The name a quote's speaker goes by: the person, else the description, else the institution.
pub fn speaker_label(quote: &Quote) -> String {
    let speaker = &quote.speaker;
    speaker
        .person
        .clone()
        .or_else(|| speaker.description.clone())
        .or_else(|| speaker.institution.clone())
        .unwrap_or_default()
}

/// Groups statements of different articles by text similarity.
fn same_quotes(articles: &[Article]) -> Vec<QuoteGroup> {
    let quotes: Vec<(&str, &Quote)> = articles
        .iter()
        .flat_map(|a| a.quotes.iter().map(move |q| (a.id.as_str(), q)))
        .collect();
    let mut sets = UnionFind::<usize>::new(quotes.len());
    for i in 0..quotes.len() {
        for j in i + 1..quotes.len() {
            if quotes[i].0 != quotes[j].0
                && jaccard(&quotes[i].1.text, &quotes[j].1.text) >= SAME_STATEMENT
            {
                sets.union(i, j);
            }
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..quotes.len() {
        groups.entry(sets.find(i)).or_default().push(i);
    }
    groups
        .into_values()
        .filter_map(|members| {
            let mut speakers = BTreeMap::new();
            for &m in &members {
                speakers
                    .entry(quotes[m].0.to_string())
                    .or_insert_with(|| speaker_label(quotes[m].1));
            }
            if speakers.len() < 2 {
                return None;
            }
            let distinct: BTreeSet<String> = speakers.values().map(|s| normalise_name(s)).collect();
            Some(QuoteGroup {
                text: quotes[members[0]].1.text.clone(),
                articles: speakers.keys().cloned().collect(),
                attribution_conflict: distinct.len() > 1,
                speakers,
            })
        })
        .collect()
}

/// Name forms of people and institutions merged across articles wherever two entries share a
/// normalised form (a name, an acronym or a mention).
fn same_entities(articles: &[Article]) -> Vec<Vec<String>> {
    let mut entries: Vec<Vec<String>> = Vec::new();
    for article in articles {
        for person in &article.people {
            entries.push(
                std::iter::once(&person.name)
                    .chain(&person.mentions)
                    .cloned()
                    .collect(),
            );
        }
        for institution in &article.institutions {
            entries.push(
                std::iter::once(&institution.name)
                    .chain(&institution.acronyms)
                    .chain(&institution.mentions)
                    .cloned()
                    .collect(),
            );
        }
    }
    let mut sets = UnionFind::<usize>::new(entries.len());
    let mut owner: BTreeMap<String, usize> = BTreeMap::new();
    for (i, forms) in entries.iter().enumerate() {
        for form in forms {
            match owner.get(&normalise_name(form)) {
                Some(&j) => {
                    sets.union(i, j);
                }
                None => {
                    owner.insert(normalise_name(form), i);
                }
            }
        }
    }
    let mut clusters: BTreeMap<usize, BTreeSet<String>> = BTreeMap::new();
    for (i, forms) in entries.iter().enumerate() {
        clusters
            .entry(sets.find(i))
            .or_default()
            .extend(forms.iter().cloned());
    }
    clusters
        .into_values()
        .filter(|c| c.len() > 1)
        .map(|c| c.into_iter().collect())
        .collect()
}

/// Disputes with the same forum and parties merged, their cases unioned.
fn merged_disputes(articles: &[Article]) -> Vec<Dispute> {
    let mut merged: BTreeMap<(String, String, String), Dispute> = BTreeMap::new();
    for dispute in articles.iter().flat_map(|a| &a.disputes) {
        let key = |o: &Option<String>| normalise_name(o.as_deref().unwrap_or_default());
        let entry = merged
            .entry((
                key(&dispute.forum),
                key(&dispute.petitioner),
                key(&dispute.respondent),
            ))
            .or_insert_with(|| Dispute {
                cases: Vec::new(),
                ..dispute.clone()
            });
        for case in &dispute.cases {
            if !entry.cases.contains(case) {
                entry.cases.push(case.clone());
            }
        }
        entry.cases.sort();
    }
    merged.into_values().collect()
}

/// All cross-article facts of a set of articles.
pub fn corpus_facts(articles: &[Article]) -> CorpusFacts {
    CorpusFacts {
        same_quote: same_quotes(articles),
        same_entity: same_entities(articles),
        disputes: merged_disputes(articles),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::Speaker;

    fn quote(text: &str, person: &str) -> Quote {
        Quote {
            text: text.into(),
            kind: "direct".into(),
            speaker: Speaker {
                person: Some(person.into()),
                ..Speaker::default()
            },
            cue: None,
            span: None,
        }
    }

    #[test]
    fn names_fold_case_space_and_punctuation() {
        assert_eq!(normalise_name("  Hasyim  Asy'ari, "), "hasyim asy'ari");
        assert_eq!(normalise_name("KPU-RI"), "kpu ri");
    }

    #[test]
    fn groups_the_same_statement_and_flags_conflicts() {
        let a = Article {
            id: "a".into(),
            quotes: vec![quote("Benar, majelis", "Ani")],
            ..Article::default()
        };
        let b = Article {
            id: "b".into(),
            quotes: vec![quote("Benar majelis.", "Budi")],
            ..Article::default()
        };
        let c = Article {
            id: "c".into(),
            quotes: vec![quote("Sesuatu yang lain sama sekali", "Ani")],
            ..Article::default()
        };
        let groups = same_quotes(&[a, b, c]);
        assert_eq!(groups.len(), 1);
        assert_eq!(groups[0].articles, ["a", "b"]);
        assert!(groups[0].attribution_conflict);
    }
}
