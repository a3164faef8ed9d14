//! Facts that show only across articles: one actor behind many name forms, the same statement
//! in several outlets, the one dispute several articles report. Every merge keeps its reason.

use std::collections::{BTreeMap, BTreeSet, HashMap};

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
    /// Each article's own wording (not in gold files).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub wordings: BTreeMap<String, String>,
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

/// A spelling key: letters and digits only, so "Asy'ari" and "Asyari" meet.
fn spelling(name: &str) -> String {
    normalise_name(name)
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == ' ')
        .collect()
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
/// How similar two statements of the same speaker must be (TF-IDF cosine) to be one reported
/// in other words.
const SAME_SPEAKER_PARAPHRASE: f64 = 0.3;

/// Whether an actor is a person or an institution.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ActorKind {
    Person,
    Institution,
}

impl ActorKind {
    /// The kind's name in ids and graph files.
    pub fn name(self) -> &'static str {
        match self {
            ActorKind::Person => "person",
            ActorKind::Institution => "institution",
        }
    }
}

/// The sets of a union-find over `n` items, each in item order, ordered by first item.
fn groups(sets: &mut UnionFind<usize>, n: usize) -> Vec<Vec<usize>> {
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..n {
        groups.entry(sets.find(i)).or_default().push(i);
    }
    let mut ordered: Vec<Vec<usize>> = groups.into_values().collect();
    ordered.sort_by_key(|members| members[0]);
    ordered
}

/// Why two name forms were taken for one actor.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Merge {
    pub first: String,
    pub second: String,
    pub reason: String,
}

/// One real person or institution behind every form the articles use.
#[derive(Debug, Clone, Serialize)]
pub struct Actor {
    pub id: String,
    pub kind: ActorKind,
    pub name: String,
    pub forms: BTreeSet<String>,
    pub articles: BTreeSet<String>,
    pub merges: Vec<Merge>,
}

/// One article's entry for a person or an institution.
struct Entry<'a> {
    article: &'a str,
    kind: ActorKind,
    name: &'a str,
    forms: Vec<&'a str>,
}

/// All actors of a corpus, and which actor each (article, name form) stands for.
#[derive(Debug, Default)]
pub struct Actors {
    pub list: Vec<Actor>,
    lookup: HashMap<(String, String), usize>,
}

impl Actors {
    /// Merges the articles' entries: a shared full name, acronym or mention, a spelling that
    /// differs only in punctuation, or a name that differs only by a suffix such as "RI".
    pub fn resolve(articles: &[Article], suffixes: &[String]) -> Actors {
        let mut entries: Vec<Entry> = Vec::new();
        for article in articles {
            for person in &article.people {
                let forms = std::iter::once(&person.name)
                    .chain(&person.mentions)
                    .map(String::as_str)
                    .collect();
                entries.push(Entry {
                    article: &article.id,
                    kind: ActorKind::Person,
                    name: &person.name,
                    forms,
                });
            }
            for body in &article.institutions {
                let forms = std::iter::once(&body.name)
                    .chain(&body.acronyms)
                    .chain(&body.mentions)
                    .map(String::as_str)
                    .collect();
                entries.push(Entry {
                    article: &article.id,
                    kind: ActorKind::Institution,
                    name: &body.name,
                    forms,
                });
            }
        }
        let mut sets = UnionFind::<usize>::new(entries.len());
        let mut merges: Vec<(usize, Merge)> = Vec::new();
        let mut owner: BTreeMap<String, (usize, &str, &str)> = BTreeMap::new();
        for (i, entry) in entries.iter().enumerate() {
            for form in &entry.forms {
                // a given name alone says little across articles: people meet on full names
                if entry.kind == ActorKind::Person
                    && form.split_whitespace().count() < 2
                    && *form != entry.name
                {
                    continue;
                }
                for (key, reason) in [
                    (normalise_name(form), "same name form"),
                    (spelling(form), "same spelling but for punctuation"),
                    (
                        strip_suffixes(&normalise_name(form), suffixes),
                        "same name but for a suffix",
                    ),
                ] {
                    if key.is_empty() {
                        continue;
                    }
                    // forms meet only under the same kind of key
                    let key = format!("{reason}:{key}");
                    match owner.get(&key) {
                        Some(&(j, other_form, _)) if sets.find(i) != sets.find(j) => {
                            sets.union(i, j);
                            merges.push((
                                i,
                                Merge {
                                    first: other_form.to_string(),
                                    second: form.to_string(),
                                    reason: reason.to_string(),
                                },
                            ));
                        }
                        Some(_) => {}
                        None => {
                            owner.insert(key, (i, form, reason));
                        }
                    }
                }
            }
        }
        let mut actors = Actors::default();
        let mut used_ids: BTreeSet<String> = BTreeSet::new();
        for members in groups(&mut sets, entries.len()) {
            let kind = if members
                .iter()
                .any(|&m| entries[m].kind == ActorKind::Institution)
            {
                ActorKind::Institution
            } else {
                ActorKind::Person
            };
            let name = representative_name(&members, &entries);
            let prefix = kind.name();
            let mut id = format!("{prefix}:{}", slug(&name));
            let mut n = 2;
            while !used_ids.insert(id.clone()) {
                id = format!("{prefix}:{}-{n}", slug(&name));
                n += 1;
            }
            let index = actors.list.len();
            let mut actor = Actor {
                id,
                kind,
                name,
                forms: BTreeSet::new(),
                articles: BTreeSet::new(),
                merges: Vec::new(),
            };
            for &m in &members {
                actor
                    .forms
                    .extend(entries[m].forms.iter().map(|f| f.to_string()));
                actor.articles.insert(entries[m].article.to_string());
                for form in &entries[m].forms {
                    actors.lookup.insert(
                        (entries[m].article.to_string(), normalise_name(form)),
                        index,
                    );
                }
            }
            actor.merges = merges
                .iter()
                .filter(|(i, _)| members.contains(i))
                .map(|(_, m)| m.clone())
                .collect();
            actor.merges.sort();
            actors.list.push(actor);
        }
        actors
    }

    /// The actor a name form of an article stands for.
    pub fn of(&self, article: &str, form: &str) -> Option<usize> {
        self.lookup
            .get(&(article.to_string(), normalise_name(form)))
            .copied()
    }
}

/// A folded name without the trailing words that only extend it ("kpu ri" is "kpu"). Every
/// suffix is stripped, repeatedly, so "komisi x republik indonesia ri" is "komisi x".
pub fn strip_suffixes(key: &str, suffixes: &[String]) -> String {
    let mut key = key.to_string();
    while let Some(stripped) = suffixes
        .iter()
        .find_map(|suffix| key.strip_suffix(suffix.as_str())?.strip_suffix(' '))
    {
        key = stripped.to_string();
    }
    key
}

/// The name most entries use, the first one seen on a tie.
fn representative_name(members: &[usize], entries: &[Entry]) -> String {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for &m in members {
        match counts.iter_mut().find(|(name, _)| *name == entries[m].name) {
            Some((_, n)) => *n += 1,
            None => counts.push((entries[m].name, 1)),
        }
    }
    let most = counts.iter().map(|(_, n)| *n).max().unwrap_or(0);
    counts
        .iter()
        .find(|(_, n)| *n == most)
        .map(|(name, _)| name.to_string())
        .unwrap_or_default()
}

/// A stable, readable id part: lower-case letters and digits joined by hyphens.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "unnamed".to_string()
    } else {
        out.chars().take(60).collect()
    }
}

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

/// One article's report of a statement.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub article: String,
    /// Index of the quote in the article's `quotes`.
    pub quote: usize,
    pub speaker: String,
    /// The actor who speaks (the person, else the institution), where known.
    pub speaker_actor: Option<usize>,
    pub cue: Option<String>,
    pub wording: String,
    pub outlet: Option<String>,
    /// The date the article gives for the statement, where it gives one.
    pub date: Option<String>,
    /// The article's publication day.
    pub published: Option<String>,
}

/// A statement with every article that reports it.
#[derive(Debug, Clone, Serialize)]
pub struct Statement {
    pub id: String,
    pub kind: String,
    pub text: String,
    pub reports: Vec<Report>,
    pub attribution_conflict: bool,
    pub date_conflict: bool,
    /// The article where it appeared first (by date, then by id).
    pub first: String,
    pub outlets: usize,
    /// Why reports were taken for one statement.
    pub merges: Vec<Merge>,
}

fn speaker_actor(article: &Article, quote: &Quote, actors: &Actors) -> Option<usize> {
    let speaker = &quote.speaker;
    speaker
        .person
        .as_deref()
        .or(speaker.institution.as_deref())
        .and_then(|name| actors.of(&article.id, name))
}

/// The date a quote's paragraph gives.
fn report_date(article: &Article, quote: &Quote) -> Option<String> {
    let paragraph = quote.span.as_ref().map(|s| s.paragraph);
    article
        .dates
        .iter()
        .find(|d| d.span.as_ref().map(|s| s.paragraph) == paragraph && paragraph.is_some())
        .map(|d| d.value.clone())
}

/// TF-IDF vectors of statements over the corpus's statements.
fn tfidf(texts: &[String]) -> Vec<BTreeMap<String, f64>> {
    let docs: Vec<Vec<String>> = texts.iter().map(|t| tokens(t)).collect();
    let mut df: BTreeMap<&str, usize> = BTreeMap::new();
    for doc in &docs {
        for word in doc.iter().map(String::as_str).collect::<BTreeSet<_>>() {
            *df.entry(word).or_default() += 1;
        }
    }
    let n = docs.len() as f64;
    docs.iter()
        .map(|doc| {
            let mut tf: BTreeMap<String, f64> = BTreeMap::new();
            for word in doc {
                *tf.entry(word.clone()).or_default() += 1.0;
            }
            tf.into_iter()
                .map(|(w, c)| {
                    let idf = ((n + 1.0) / (df[w.as_str()] as f64 + 1.0)).ln();
                    (w, (1.0 + c.ln()) * idf)
                })
                .collect()
        })
        .collect()
}

fn cosine(a: &BTreeMap<String, f64>, b: &BTreeMap<String, f64>) -> f64 {
    let dot: f64 = a.iter().filter_map(|(w, x)| b.get(w).map(|y| x * y)).sum();
    let norm = |v: &BTreeMap<String, f64>| v.values().map(|x| x * x).sum::<f64>().sqrt();
    let denominator = norm(a) * norm(b);
    if denominator == 0.0 {
        0.0
    } else {
        dot / denominator
    }
}

/// Groups the corpus's statements: near-identical wording in any two articles, or the same
/// speaker's statement of the same kind reported in other words.
pub fn statements(articles: &[Article], actors: &Actors) -> Vec<Statement> {
    let mut reports: Vec<(String, Report)> = Vec::new();
    for article in articles {
        for (i, quote) in article.quotes.iter().enumerate() {
            reports.push((
                quote.kind.clone(),
                Report {
                    article: article.id.clone(),
                    quote: i,
                    speaker: speaker_label(quote),
                    speaker_actor: speaker_actor(article, quote, actors),
                    cue: quote.cue.clone(),
                    wording: quote.text.clone(),
                    outlet: article.outlet.clone(),
                    date: report_date(article, quote),
                    published: article
                        .published
                        .as_deref()
                        .map(|p| p.chars().take(10).collect()),
                },
            ));
        }
    }
    let vectors = tfidf(
        &reports
            .iter()
            .map(|(_, r)| r.wording.clone())
            .collect::<Vec<_>>(),
    );
    let mut sets = UnionFind::<usize>::new(reports.len());
    let mut merges: Vec<(usize, Merge)> = Vec::new();
    for i in 0..reports.len() {
        for j in i + 1..reports.len() {
            let ((kind_a, a), (kind_b, b)) = (&reports[i], &reports[j]);
            if a.article == b.article || sets.find(i) == sets.find(j) {
                continue;
            }
            let reason = if jaccard(&a.wording, &b.wording) >= SAME_STATEMENT {
                Some("same words".to_string())
            } else if kind_a == kind_b
                && a.speaker_actor.is_some()
                && a.speaker_actor == b.speaker_actor
            {
                let similarity = cosine(&vectors[i], &vectors[j]);
                (similarity >= SAME_SPEAKER_PARAPHRASE)
                    .then(|| format!("same speaker, similar words (cosine {similarity:.2})"))
            } else {
                None
            };
            if let Some(reason) = reason {
                sets.union(i, j);
                merges.push((
                    i,
                    Merge {
                        first: a.article.clone(),
                        second: b.article.clone(),
                        reason,
                    },
                ));
            }
        }
    }
    groups(&mut sets, reports.len())
        .into_iter()
        .enumerate()
        .map(|(n, members)| {
            let kind = reports[members[0]].0.clone();
            let group_reports: Vec<Report> =
                members.iter().map(|&m| reports[m].1.clone()).collect();
            let first = group_reports
                .iter()
                .min_by(|a, b| match (&a.published, &b.published) {
                    (Some(x), Some(y)) => x.cmp(y).then(a.article.cmp(&b.article)),
                    (Some(_), None) => std::cmp::Ordering::Less,
                    (None, Some(_)) => std::cmp::Ordering::Greater,
                    (None, None) => a.article.cmp(&b.article),
                })
                .map(|r| r.article.clone())
                .unwrap_or_default();
            let text = group_reports
                .iter()
                .find(|r| r.article == first)
                .map(|r| r.wording.clone())
                .unwrap_or_default();
            let speakers: BTreeSet<String> = members
                .iter()
                .map(|&m| {
                    let report = &reports[m].1;
                    let described =
                        articles
                            .iter()
                            .find(|a| a.id == report.article)
                            .and_then(|a| {
                                a.quotes[report.quote]
                                    .speaker
                                    .description
                                    .as_deref()
                                    .map(normalise_name)
                            });
                    // an unnamed speaker is told apart by description, anyone else by actor
                    match (described, report.speaker_actor) {
                        (Some(description), _) => description,
                        (None, Some(actor)) => format!("#{actor}"),
                        (None, None) => normalise_name(&report.speaker),
                    }
                })
                .collect();
            let dates: BTreeSet<&String> = group_reports
                .iter()
                .filter_map(|r| r.date.as_ref())
                .collect();
            let outlets: BTreeSet<String> = group_reports
                .iter()
                .map(|r| {
                    r.outlet
                        .as_deref()
                        .map(normalise_name)
                        .unwrap_or_else(|| format!("article {}", r.article))
                })
                .collect();
            let mut group_merges: Vec<Merge> = merges
                .iter()
                .filter(|(i, _)| members.contains(i))
                .map(|(_, m)| m.clone())
                .collect();
            group_merges.sort();
            Statement {
                id: format!("statement:{}", n + 1),
                kind,
                text,
                attribution_conflict: speakers.len() > 1,
                date_conflict: dates.len() > 1,
                first,
                outlets: outlets.len(),
                reports: group_reports,
                merges: group_merges,
            }
        })
        .collect()
}

impl Statement {
    /// Whether more than one article carries it.
    pub fn is_shared(&self) -> bool {
        self.reports
            .iter()
            .map(|r| &r.article)
            .collect::<BTreeSet<_>>()
            .len()
            > 1
    }
}

/// A dispute with every article that reports it.
#[derive(Debug, Clone, Serialize)]
pub struct MergedDispute {
    pub id: String,
    pub kind: String,
    pub forum: Option<usize>,
    pub petitioner: Option<usize>,
    pub respondent: Option<usize>,
    pub cases: BTreeSet<String>,
    pub articles: BTreeSet<String>,
}

/// Disputes merged across articles: the same forum and respondent, and petitioners that agree
/// where both articles name one; at the same forum, a respondent one article leaves unnamed
/// agrees with any.
pub fn disputes(articles: &[Article], actors: &Actors) -> Vec<MergedDispute> {
    let mut merged: Vec<MergedDispute> = Vec::new();
    for article in articles {
        for dispute in &article.disputes {
            let of =
                |name: &Option<String>| name.as_deref().and_then(|n| actors.of(&article.id, n));
            let (forum, petitioner, respondent) = (
                of(&dispute.forum),
                of(&dispute.petitioner),
                of(&dispute.respondent),
            );
            let agrees = |a: Option<usize>, b: Option<usize>| a.is_none() || b.is_none() || a == b;
            // a side one article leaves unnamed is no other dispute where the forum (or a case
            // number) says it is the same hearing
            let existing = merged.iter_mut().find(|m| {
                let same_hearing =
                    forum.is_some() || dispute.cases.iter().any(|c| m.cases.contains(c));
                let respondents = m.respondent == respondent
                    || (same_hearing && agrees(m.respondent, respondent));
                m.forum == forum && respondents && agrees(m.petitioner, petitioner)
            });
            let target = match existing {
                Some(target) => target,
                None => {
                    merged.push(MergedDispute {
                        id: String::new(),
                        kind: dispute.kind.clone(),
                        forum,
                        petitioner,
                        respondent,
                        cases: BTreeSet::new(),
                        articles: BTreeSet::new(),
                    });
                    merged.last_mut().expect("just pushed")
                }
            };
            target.petitioner = target.petitioner.or(petitioner);
            target.respondent = target.respondent.or(respondent);
            target.cases.extend(dispute.cases.iter().cloned());
            target.articles.insert(article.id.clone());
        }
    }
    for (n, dispute) in merged.iter_mut().enumerate() {
        dispute.id = format!("dispute:{}", n + 1);
    }
    merged
}

/// Everything resolved across a corpus.
#[derive(Debug)]
pub struct Resolution {
    pub actors: Actors,
    pub statements: Vec<Statement>,
    pub disputes: Vec<MergedDispute>,
}

/// Resolves a corpus: actors first, then statements and disputes in terms of actors.
pub fn resolve(articles: &[Article]) -> Resolution {
    let suffixes: Vec<String> = crate::lang::packs()
        .iter()
        .flat_map(|p| p.entities.name_suffixes.all.clone())
        .collect();
    let actors = Actors::resolve(articles, &suffixes);
    let statements = statements(articles, &actors);
    let disputes = disputes(articles, &actors);
    Resolution {
        actors,
        statements,
        disputes,
    }
}

impl Resolution {
    /// The cross-article facts in the gold `corpus.json` shape, for scoring and for users.
    pub fn facts(&self) -> CorpusFacts {
        let name = |actor: Option<usize>| actor.map(|a| self.actors.list[a].name.clone());
        CorpusFacts {
            same_quote: self
                .statements
                .iter()
                .filter(|s| s.is_shared())
                .map(|s| QuoteGroup {
                    text: s.text.clone(),
                    articles: s
                        .reports
                        .iter()
                        .map(|r| r.article.clone())
                        .collect::<BTreeSet<_>>()
                        .into_iter()
                        .collect(),
                    speakers: s
                        .reports
                        .iter()
                        .map(|r| (r.article.clone(), r.speaker.clone()))
                        .collect(),
                    attribution_conflict: s.attribution_conflict,
                    wordings: s
                        .reports
                        .iter()
                        .map(|r| (r.article.clone(), r.wording.clone()))
                        .collect(),
                })
                .collect(),
            same_entity: self
                .actors
                .list
                .iter()
                .filter(|a| a.forms.len() > 1)
                .map(|a| a.forms.iter().cloned().collect())
                .collect(),
            disputes: self
                .disputes
                .iter()
                .map(|d| Dispute {
                    kind: d.kind.clone(),
                    forum: name(d.forum),
                    cases: d.cases.iter().cloned().collect(),
                    petitioner: name(d.petitioner),
                    respondent: name(d.respondent),
                })
                .collect(),
        }
    }
}

/// All cross-article facts of a set of articles.
pub fn corpus_facts(articles: &[Article]) -> CorpusFacts {
    resolve(articles).facts()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::{Person, Speaker};

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

    fn person(name: &str) -> Person {
        Person {
            name: name.into(),
            mentions: vec![name.into()],
            ..Person::default()
        }
    }

    #[test]
    fn names_fold_case_space_and_punctuation() {
        assert_eq!(normalise_name("  Hasyim  Asy'ari, "), "hasyim asy'ari");
        assert_eq!(normalise_name("KPU-RI"), "kpu ri");
        assert_eq!(
            slug("Komisi Pemilihan Umum (KPU)"),
            "komisi-pemilihan-umum-kpu"
        );
    }

    #[test]
    fn groups_the_same_statement_and_flags_conflicts() {
        let a = Article {
            id: "a".into(),
            people: vec![person("Ani Rahma")],
            quotes: vec![quote("Benar, majelis", "Ani Rahma")],
            ..Article::default()
        };
        let b = Article {
            id: "b".into(),
            people: vec![person("Budi Santoso")],
            quotes: vec![quote("Benar majelis.", "Budi Santoso")],
            ..Article::default()
        };
        let c = Article {
            id: "c".into(),
            people: vec![person("Ani Rahma")],
            quotes: vec![quote("Sesuatu yang lain sama sekali", "Ani Rahma")],
            ..Article::default()
        };
        let facts = corpus_facts(&[a, b, c]);
        assert_eq!(facts.same_quote.len(), 1);
        assert_eq!(facts.same_quote[0].articles, ["a", "b"]);
        assert!(facts.same_quote[0].attribution_conflict);
    }

    #[test]
    fn spellings_and_suffixes_merge_with_reasons() {
        let a = Article {
            id: "a".into(),
            people: vec![person("Hasyim Asy'ari")],
            ..Article::default()
        };
        let b = Article {
            id: "b".into(),
            people: vec![person("Hasyim Asyari")],
            ..Article::default()
        };
        let resolution = resolve(&[a, b]);
        assert_eq!(resolution.actors.list.len(), 1);
        assert_eq!(
            resolution.actors.list[0].merges[0].reason,
            "same spelling but for punctuation"
        );
        assert_eq!(resolution.actors.list[0].id, "person:hasyim-asy-ari");
    }
}
