//! Facts that show only across articles: one actor behind many name forms, the same statement
//! in several outlets, the one dispute several articles report. Every merge keeps its reason.

use foldhash::{HashMap, HashSet};
use std::collections::{BTreeMap, BTreeSet};

use petgraph::unionfind::UnionFind;
use serde::{Deserialize, Serialize};

use crate::names::{normalise_name, spelling, strip_suffixes, tokens};
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
    language: &'a str,
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
    pub fn resolve(articles: &[Article], rules: &NameRules) -> Actors {
        let mut entries: Vec<Entry> = Vec::new();
        for article in articles {
            for person in &article.people {
                let forms = std::iter::once(&person.name)
                    .chain(&person.mentions)
                    .map(String::as_str)
                    .collect();
                entries.push(Entry {
                    article: &article.id,
                    language: article.language.as_deref().unwrap_or_default(),
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
                    language: article.language.as_deref().unwrap_or_default(),
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
                let company = match entry.kind {
                    ActorKind::Institution => strip_legal_forms(form, rules.legal_forms),
                    ActorKind::Person => String::new(),
                };
                for (key, reason) in [
                    (normalise_name(form), "same name form"),
                    (spelling(form), "same spelling but for punctuation"),
                    (
                        strip_suffixes(normalise_name(form), rules.suffixes),
                        "same name but for a suffix",
                    ),
                    (company, "same company but for its legal form"),
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
        // "Marcella Santosodi": a scrape glued the next word onto the surname; the name meets
        // its clean form where another entry writes it
        for (i, entry) in entries.iter().enumerate() {
            if entry.kind != ActorKind::Person {
                continue;
            }
            for form in &entry.forms {
                for clean in crate::names::without_glued_word(form, entry.language) {
                    let key = format!("same name form:{}", normalise_name(&clean));
                    if let Some(&(j, other_form, _)) = owner.get(&key) {
                        if sets.find(i) != sets.find(j) {
                            sets.union(i, j);
                            merges.push((
                                i,
                                Merge {
                                    first: other_form.to_string(),
                                    second: form.to_string(),
                                    reason: "same name but for a word glued on".to_string(),
                                },
                            ));
                        }
                    }
                }
            }
        }
        let root_of: Vec<usize> = (0..entries.len()).map(|e| sets.find(e)).collect();
        let mut merges_of: HashMap<usize, Vec<Merge>> = HashMap::default();
        for (i, merge) in merges {
            merges_of.entry(root_of[i]).or_default().push(merge);
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
            // two actors under one name: the second is told apart by its first entry, not by
            // its place in the run
            let prefix = kind.name();
            let mut id = format!("{prefix}:{}", slug(&name));
            if used_ids.contains(&id) {
                let first = &entries[members[0]];
                let content = format!("{}\n{}", first.article, first.name);
                id = content_id(&id, &content, &mut used_ids);
            }
            used_ids.insert(id.clone());
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
            actor.merges = merges_of.remove(&root_of[members[0]]).unwrap_or_default();
            actor.merges.sort();
            actors.list.push(actor);
        }
        actors
    }

    /// The actors each article names, in actor order.
    fn by_article(&self) -> HashMap<&str, Vec<usize>> {
        let mut by_article: HashMap<&str, Vec<usize>> = HashMap::default();
        for (index, actor) in self.list.iter().enumerate() {
            for article in &actor.articles {
                by_article.entry(article.as_str()).or_default().push(index);
            }
        }
        by_article
    }

    /// The actor a name form of an article stands for.
    pub fn of(&self, article: &str, form: &str) -> Option<usize> {
        self.lookup
            .get(&(article.to_string(), normalise_name(form)))
            .copied()
    }
}

/// Words of a name that only extend it: suffixes ("RI") and a company's legal form ("PT",
/// "Tbk", "Ltd").
pub struct NameRules<'a> {
    pub suffixes: &'a [String],
    pub legal_forms: &'a [String],
}

/// A body's name folded without a company's legal form at either end ("pt sritex tbk" is
/// "sritex"; a name without one is itself).
fn strip_legal_forms(form: &str, legal_forms: &[String]) -> String {
    let key = normalise_name(form);
    let mut words: Vec<&str> = key.split(' ').collect();
    while words.len() > 1 && legal_forms.iter().any(|f| f == words[0]) {
        words.remove(0);
    }
    while words.len() > 1
        && words
            .last()
            .is_some_and(|w| legal_forms.iter().any(|f| f == w))
    {
        words.pop();
    }
    words.join(" ")
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

/// An id from content, not from a place in the run, so that a statement keeps its id when the
/// corpus grows: the kind, then a short FNV-1a hash of the normalised content; a second item
/// with the same content gets "-2", and so on.
pub fn content_id(kind: &str, content: &str, used: &mut BTreeSet<String>) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in content.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    let base = format!("{kind}:{:012x}", hash >> 16);
    let mut id = base.clone();
    let mut n = 2;
    while !used.insert(id.clone()) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
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

impl Report {
    /// The day the statement was made and where that day comes from: the day the article's
    /// text gives ("text"), else the article's publication day ("published").
    pub fn said_on(&self) -> (Option<&str>, Option<&'static str>) {
        match (&self.date, &self.published) {
            (Some(day), _) => (Some(day), Some("text")),
            (None, Some(day)) => (Some(day), Some("published")),
            (None, None) => (None, None),
        }
    }
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
    /// The article whose wording the statement takes: the earliest dated report, else the
    /// first by id.
    pub first: String,
    /// The earliest dated report's article, where any report is dated.
    pub earliest_dated: Option<String>,
    /// Independent outlets: the known outlets among the reports.
    pub outlets: usize,
    /// Reporting articles whose outlet is not known (they may be one outlet or many).
    pub unknown_outlets: usize,
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

/// The bodies a named person speaks for in a quote: the one named beside them, and the body
/// that one is part of by the language's word making ("Jaksa Agung Muda …" belongs to
/// "Kejaksaan Agung", as an office to the body its title makes). Reports that give a statement
/// to the person and to such a body agree on who said it.
fn bodies_spoken_for(
    article: &Article,
    quote: &Quote,
    actors: &Actors,
    actors_of: &HashMap<&str, Vec<usize>>,
) -> Vec<usize> {
    let speaker = &quote.speaker;
    let Some(body) = speaker.person.as_ref().and(speaker.institution.as_ref()) else {
        return Vec::new();
    };
    let Some(actor) = actors.of(&article.id, body) else {
        return Vec::new();
    };
    let Some(pack) = crate::lang::pack(article.language.as_deref().unwrap_or_default()) else {
        return vec![actor];
    };
    // the names of the bodies the speaker's body may belong to ("kejaksaan agung" for "jaksa
    // agung muda …")
    let mut parents: HashSet<String> = HashSet::default();
    for form in &actors.list[actor].forms {
        let key = normalise_name(form);
        let words: Vec<&str> = key.split(' ').collect();
        let Some((office, rest)) = words.split_first() else {
            continue;
        };
        for head in pack.entities.body_words_of_office(office) {
            for end in 1..=rest.len() {
                parents.insert(format!("{head} {}", rest[..end].join(" ")));
            }
        }
    }
    // the article's bodies of those names, without suffixes ("kejaksaan agung ri" is one)
    let suffixes = &pack.entities.name_suffixes.all;
    let mut bodies = vec![actor];
    for &other in actors_of.get(article.id.as_str()).into_iter().flatten() {
        let candidate = &actors.list[other];
        if candidate.kind == ActorKind::Institution
            && candidate
                .forms
                .iter()
                .any(|form| parents.contains(&strip_suffixes(normalise_name(form), suffixes)))
        {
            bodies.push(other);
        }
    }
    bodies.sort_unstable();
    bodies.dedup();
    bodies
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
fn tfidf(docs: &[Vec<String>]) -> Vec<BTreeMap<String, f64>> {
    let mut df: BTreeMap<&str, usize> = BTreeMap::new();
    for doc in docs {
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

/// `part / whole`, or 0 where the whole is nothing.
fn share(part: f64, whole: f64) -> f64 {
    if whole == 0.0 {
        0.0
    } else {
        part / whole
    }
}

fn cosine(a: &BTreeMap<String, f64>, b: &BTreeMap<String, f64>) -> f64 {
    let dot: f64 = a.iter().filter_map(|(w, x)| b.get(w).map(|y| x * y)).sum();
    let norm = |v: &BTreeMap<String, f64>| v.values().map(|x| x * x).sum::<f64>().sqrt();
    share(dot, norm(a) * norm(b))
}

/// How close the centres of two groups must stay for a merge of their members to join them:
/// a chain of near matches (A like B, B like C, …) does not pull unrelated reports together.
const CENTRE_FLOOR: f64 = 0.5;

/// The most earlier statements of the same speaker a statement is compared with in other words,
/// so a speaker quoted thousands of times stays linear.
const PARAPHRASE_WINDOW: usize = 500;

/// The numbers a text states ("3", "16", "2024").
fn numbers_of(tokens: &[String]) -> BTreeSet<&str> {
    tokens
        .iter()
        .filter(|t| t.chars().any(|c| c.is_ascii_digit()))
        .map(String::as_str)
        .collect()
}

/// Each variant spelling of a word in a language's pack, with the standard one it stands for.
fn word_variants(language: &str) -> HashMap<&'static str, &'static str> {
    crate::lang::pack(language)
        .into_iter()
        .flat_map(|pack| &pack.statements.word_variants)
        .filter_map(|spellings| spellings.split_first())
        .flat_map(|(standard, others)| {
            others
                .iter()
                .map(move |other| (other.as_str(), standard.as_str()))
        })
        .collect()
}

/// How much of the lighter of two statements (by TF-IDF weight) the other also says.
fn contained(a: &BTreeMap<String, f64>, b: &BTreeMap<String, f64>) -> f64 {
    let weight = |v: &BTreeMap<String, f64>| v.values().sum::<f64>();
    let (lighter, other) = if weight(a) <= weight(b) {
        (a, b)
    } else {
        (b, a)
    };
    let shared: f64 = lighter
        .iter()
        .filter(|(w, _)| other.contains_key(*w))
        .map(|(_, x)| x)
        .sum();
    share(shared, weight(lighter))
}

/// The fewest words a statement needs before it is matched with another speaker's: shorter
/// ones ("Mohon waktu ya") are said by many.
const OTHER_SPEAKER_MIN_WORDS: usize = 4;

/// How much of one statement another speaker's must say to be the same statement: nearly all of
/// it, or most of it while also close as a whole (cosine).
const OTHER_SPEAKER_CONTAINED: f64 = 0.75;
const OTHER_SPEAKER_PARAPHRASE: (f64, f64) = (0.55, 0.35);

/// Pairs of reports that give one statement of the same kind to two different speakers: the
/// attribution conflicts a fact-checker looks for. Only the same story's speakers are compared,
/// those each named in the other's article, so the pairs come from blocks of two actors and stay
/// few; a report meets at most the last `PARAPHRASE_WINDOW` reports of the other speaker's side.
fn other_speaker_pairs(
    reports: &[(String, Report)],
    actors_of: &HashMap<&str, Vec<usize>>,
    token_sets: &[Vec<u32>],
    vectors: &[BTreeMap<String, f64>],
) -> Vec<(usize, usize, String)> {
    // block (speaker, other actor of the article, kind) meets block (other, speaker, kind)
    let mut blocks: BTreeMap<(usize, usize, &str), Vec<usize>> = BTreeMap::new();
    for (r, (kind, report)) in reports.iter().enumerate() {
        let Some(speaker) = report.speaker_actor else {
            continue;
        };
        if token_sets[r].len() < OTHER_SPEAKER_MIN_WORDS {
            continue;
        }
        for &other in actors_of.get(report.article.as_str()).into_iter().flatten() {
            if other != speaker {
                blocks
                    .entry((speaker, other, kind.as_str()))
                    .or_default()
                    .push(r);
            }
        }
    }
    let mut pairs = Vec::new();
    for (&(speaker, other, kind), mine) in &blocks {
        if speaker > other {
            continue;
        }
        let Some(theirs) = blocks.get(&(other, speaker, kind)) else {
            continue;
        };
        for &i in mine {
            let recent = theirs.len().saturating_sub(PARAPHRASE_WINDOW);
            for &j in &theirs[recent..] {
                if reports[i].1.article == reports[j].1.article {
                    continue;
                }
                let shared = contained(&vectors[i], &vectors[j]);
                let similarity = cosine(&vectors[i], &vectors[j]);
                let (least_share, least_similarity) = OTHER_SPEAKER_PARAPHRASE;
                if shared >= OTHER_SPEAKER_CONTAINED
                    || (shared >= least_share && similarity >= least_similarity)
                {
                    pairs.push((
                        i.min(j),
                        i.max(j),
                        format!(
                            "another speaker, the same words in part ({:.0}% shared, cosine {similarity:.2})",
                            shared * 100.0
                        ),
                    ));
                }
            }
        }
    }
    pairs
}

/// A merge a pair of reports proposes: the earlier and the later report, and why.
struct Candidate {
    first: usize,
    second: usize,
    same_words: bool,
    reason: String,
}

/// Groups the corpus's statements: near-identical wording in any two articles, or the same
/// speaker's statement of the same kind reported in other words. Wordings are tokenised once;
/// near-identical ones are found by an indexed similarity join (`join`), paraphrases only among
/// one speaker's statements. Statements that state different numbers stay apart ("3 tahun" is
/// not "16 tahun"), and a group grows only while its centre stays close to the other's.
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
    let language_of: HashMap<&str, &str> = articles
        .iter()
        .map(|a| (a.id.as_str(), a.language.as_deref().unwrap_or_default()))
        .collect();
    let mut variants_of: HashMap<&str, HashMap<&str, &str>> = HashMap::default();
    let token_lists: Vec<Vec<String>> = reports
        .iter()
        .map(|(_, r)| {
            let language = language_of[r.article.as_str()];
            let variants = variants_of
                .entry(language)
                .or_insert_with(|| word_variants(language));
            tokens(&r.wording)
                .into_iter()
                .map(|t| variants.get(t.as_str()).map_or(t, |s| s.to_string()))
                .collect()
        })
        .collect();
    let numbers: Vec<BTreeSet<&str>> = token_lists.iter().map(|t| numbers_of(t)).collect();
    let numbers_differ = |i: usize, j: usize| {
        !numbers[i].is_empty() && !numbers[j].is_empty() && numbers[i] != numbers[j]
    };
    let token_sets = crate::join::TokenSets::new(&token_lists).sets;
    // one entry per distinct token set, with its reports in order
    let mut distinct_of: HashMap<&[u32], usize> = HashMap::default();
    let mut distinct: Vec<Vec<usize>> = Vec::new();
    for (r, set) in token_sets.iter().enumerate() {
        if set.is_empty() {
            continue;
        }
        let next = distinct.len();
        let d = *distinct_of.entry(set.as_slice()).or_insert(next);
        if d == next {
            distinct.push(Vec::new());
        }
        distinct[d].push(r);
    }
    let distinct_sets: Vec<Vec<u32>> = distinct.iter().map(|m| token_sets[m[0]].clone()).collect();
    let article_of = |r: usize| reports[r].1.article.as_str();
    let mut candidates: Vec<Candidate> = Vec::new();
    let mut propose = |a: usize, b: usize, same_words: bool, reason: String| {
        candidates.push(Candidate {
            first: a.min(b),
            second: a.max(b),
            same_words,
            reason,
        });
    };
    // the same words: a star from each wording's first report (its own article's copies join
    // through the first report of another article)
    for members in &distinct {
        let first = members[0];
        let other = members
            .iter()
            .copied()
            .find(|&m| article_of(m) != article_of(first));
        for &m in &members[1..] {
            let partner = if article_of(m) != article_of(first) {
                first
            } else {
                match other {
                    Some(o) if o != m => o,
                    _ => continue,
                }
            };
            propose(partner, m, true, "same words".into());
        }
    }
    // nearly the same words: the indexed join over distinct wordings
    for (a, b) in crate::join::similar_pairs(&distinct_sets, SAME_STATEMENT) {
        let pair = distinct[a].iter().find_map(|&i| {
            distinct[b]
                .iter()
                .find(|&&j| article_of(i) != article_of(j))
                .map(|&j| (i, j))
        });
        if let Some((i, j)) = pair.filter(|&(i, j)| !numbers_differ(i, j)) {
            propose(i, j, true, "same words".into());
        }
    }
    // the same speaker in other words: within one speaker's statements of one kind
    let vectors = tfidf(&token_lists);
    let mut blocks: BTreeMap<(&str, usize), Vec<usize>> = BTreeMap::new();
    for members in &distinct {
        for &r in members {
            let (kind, report) = &reports[r];
            if let Some(actor) = report.speaker_actor {
                let block = blocks.entry((kind.as_str(), actor)).or_default();
                // one report per wording: copies are joined as the same words already
                if block.last().is_none_or(|&l| token_sets[l] != token_sets[r]) {
                    block.push(r);
                }
            }
        }
    }
    for block in blocks.values_mut() {
        block.sort_unstable();
        for (n, &j) in block.iter().enumerate() {
            for &i in &block[n.saturating_sub(PARAPHRASE_WINDOW)..n] {
                if article_of(i) == article_of(j)
                    || numbers_differ(i, j)
                    || crate::join::jaccard(&token_sets[i], &token_sets[j]) >= SAME_STATEMENT
                {
                    continue;
                }
                let similarity = cosine(&vectors[i], &vectors[j]);
                if similarity >= SAME_SPEAKER_PARAPHRASE {
                    propose(
                        i,
                        j,
                        false,
                        format!("same speaker, similar words (cosine {similarity:.2})"),
                    );
                }
            }
        }
    }
    let actors_of = actors.by_article();
    for (i, j, reason) in other_speaker_pairs(&reports, &actors_of, &token_sets, &vectors) {
        if !numbers_differ(i, j) {
            propose(i, j, false, reason);
        }
    }
    // merged in report order, as comparing every pair in turn would merge them
    candidates.sort_by(|a, b| {
        (a.first, a.second, !a.same_words).cmp(&(b.first, b.second, !b.same_words))
    });
    let mut sets = UnionFind::<usize>::new(reports.len());
    let mut centre: Vec<usize> = (0..reports.len()).collect();
    let mut merges: Vec<(usize, Merge)> = Vec::new();
    for candidate in candidates {
        let (i, j) = (candidate.first, candidate.second);
        let (root_i, root_j) = (sets.find(i), sets.find(j));
        if root_i == root_j {
            continue;
        }
        let (centre_i, centre_j) = (centre[root_i], centre[root_j]);
        let close = if candidate.same_words {
            crate::join::jaccard(&token_sets[centre_i], &token_sets[centre_j])
                >= SAME_STATEMENT * CENTRE_FLOOR
        } else {
            cosine(&vectors[centre_i], &vectors[centre_j]) >= SAME_SPEAKER_PARAPHRASE * CENTRE_FLOOR
        };
        if !close {
            continue;
        }
        sets.union(i, j);
        centre[sets.find(i)] = centre_i.min(centre_j);
        merges.push((
            i,
            Merge {
                first: reports[i].1.article.clone(),
                second: reports[j].1.article.clone(),
                reason: candidate.reason,
            },
        ));
    }
    let mut used_ids: BTreeSet<String> = BTreeSet::new();
    let root_of: Vec<usize> = (0..reports.len()).map(|r| sets.find(r)).collect();
    let mut merges_of: HashMap<usize, Vec<Merge>> = HashMap::default();
    for (i, merge) in merges {
        merges_of.entry(root_of[i]).or_default().push(merge);
    }
    // an unnamed speaker is told apart by description
    let position: HashMap<&str, usize> = articles
        .iter()
        .enumerate()
        .map(|(n, a)| (a.id.as_str(), n))
        .collect();
    let descriptions: Vec<Option<String>> = reports
        .iter()
        .map(|(_, report)| {
            let article = &articles[position[report.article.as_str()]];
            article.quotes[report.quote]
                .speaker
                .description
                .as_deref()
                .map(normalise_name)
        })
        .collect();
    let speaks_for: Vec<Vec<usize>> = reports
        .iter()
        .map(|(_, report)| {
            let article = &articles[position[report.article.as_str()]];
            bodies_spoken_for(article, &article.quotes[report.quote], actors, &actors_of)
        })
        .collect();
    groups(&mut sets, reports.len())
        .into_iter()
        .map(|members| {
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
            let speaking_bodies: BTreeSet<usize> = members
                .iter()
                .filter_map(|&m| reports[m].1.speaker_actor)
                .collect();
            let speakers: BTreeSet<String> = members
                .iter()
                .map(|&m| {
                    let report = &reports[m].1;
                    // a person speaking for a body another report names as the speaker is that
                    // body; an unnamed speaker is told apart by description, anyone else by actor
                    let body = speaks_for[m].iter().find(|b| speaking_bodies.contains(b));
                    match (
                        descriptions[m].clone(),
                        body.or(report.speaker_actor.as_ref()),
                    ) {
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
                .filter_map(|r| r.outlet.as_deref().map(normalise_name))
                .collect();
            let unknown_outlets = group_reports
                .iter()
                .filter(|r| r.outlet.is_none())
                .map(|r| &r.article)
                .collect::<BTreeSet<_>>()
                .len();
            let earliest_dated = group_reports
                .iter()
                .find(|r| r.article == first && r.published.is_some())
                .map(|r| r.article.clone());
            let mut group_merges = merges_of.remove(&root_of[members[0]]).unwrap_or_default();
            group_merges.sort();
            Statement {
                id: content_id("statement", &normalise_name(&text), &mut used_ids),
                kind,
                text,
                attribution_conflict: speakers.len() > 1,
                date_conflict: dates.len() > 1,
                first,
                earliest_dated,
                outlets: outlets.len(),
                unknown_outlets,
                reports: group_reports,
                merges: group_merges,
            }
        })
        .collect()
}

impl Statement {
    /// Why its reports were taken for one statement, a line a merge.
    pub fn merge_reasons(&self) -> Vec<String> {
        self.merges
            .iter()
            .map(|m| format!("{} ~ {}: {}", m.first, m.second, m.reason))
            .collect()
    }

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
    let mut at_forum: HashMap<Option<usize>, Vec<usize>> = HashMap::default();
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
            // number) says it is the same hearing; only disputes at the same forum are compared
            let bucket = at_forum.entry(forum).or_default();
            let existing = bucket.iter().copied().find(|&n| {
                let m = &merged[n];
                let same_hearing =
                    forum.is_some() || dispute.cases.iter().any(|c| m.cases.contains(c));
                let respondents = m.respondent == respondent
                    || (same_hearing && agrees(m.respondent, respondent));
                m.forum == forum && respondents && agrees(m.petitioner, petitioner)
            });
            let target = match existing {
                Some(n) => &mut merged[n],
                None => {
                    bucket.push(merged.len());
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
    let mut used_ids = BTreeSet::new();
    for dispute in &mut merged {
        let name =
            |actor: Option<usize>| actor.map_or(String::new(), |a| actors.list[a].id.clone());
        let content = [
            normalise_name(&dispute.kind),
            name(dispute.forum),
            name(dispute.petitioner),
            name(dispute.respondent),
        ]
        .join("\n");
        dispute.id = content_id("dispute", &content, &mut used_ids);
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
    // "PT Sritex" and "Sritex Tbk" are "Sritex": a company's legal form is no part of its
    // identity
    let legal_forms: Vec<String> = crate::lang::packs()
        .iter()
        .flat_map(|p| {
            p.entities
                .institution_tails
                .iter()
                .chain(&p.entities.company_prefixes)
                .cloned()
        })
        .collect();
    let actors = Actors::resolve(
        articles,
        &NameRules {
            suffixes: &suffixes,
            legal_forms: &legal_forms,
        },
    );
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
    use crate::record::{Institution, Person, Speaker};

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

    #[test]
    fn a_name_with_a_word_glued_on_meets_its_clean_form() {
        let article = |id: &str, name: &str| Article {
            id: id.into(),
            language: Some("id".into()),
            people: vec![person(name)],
            ..Article::default()
        };
        let resolution = resolve(&[
            article("a", "Rina Wulandarisudah"),
            article("b", "Rina Wulandari"),
        ]);
        assert_eq!(resolution.actors.list.len(), 1);
        assert_eq!(
            resolution.actors.list[0].merges[0].reason,
            "same name but for a word glued on"
        );
    }

    #[test]
    fn a_company_is_one_actor_whatever_its_legal_form() {
        let body = |id: &str, name: &str| Article {
            id: id.into(),
            institutions: vec![Institution {
                name: name.into(),
                mentions: vec![name.into()],
                ..Institution::default()
            }],
            ..Article::default()
        };
        let articles = [
            body("a", "PT Kain Jaya"),
            body("b", "Kain Jaya Tbk"),
            body("c", "Kain Jaya"),
            body("d", "Kain Jaya Raya"),
        ];
        let resolution = resolve(&articles);
        let names: Vec<&str> = resolution
            .actors
            .list
            .iter()
            .map(|a| a.name.as_str())
            .collect();
        assert_eq!(resolution.actors.list.len(), 2, "{names:?}");
        assert!(resolution.actors.list.iter().any(|a| a
            .merges
            .iter()
            .any(|m| m.reason == "same company but for its legal form")));
    }

    fn one_quote(id: &str, speaker: &str, text: &str) -> Article {
        Article {
            id: id.into(),
            people: vec![person(speaker)],
            quotes: vec![quote(text, speaker)],
            ..Article::default()
        }
    }

    fn grouped(articles: &[Article]) -> Vec<Vec<String>> {
        let mut groups: Vec<Vec<String>> = resolve(articles)
            .statements
            .iter()
            .map(|s| s.reports.iter().map(|r| r.article.clone()).collect())
            .collect();
        groups.sort();
        groups
    }

    /// An Indonesian article naming `people` and `bodies`, with one indirect statement.
    fn story(id: &str, people: &[&str], bodies: &[&str], said: Speaker, text: &str) -> Article {
        Article {
            id: id.into(),
            language: Some("id".into()),
            people: people.iter().map(|name| person(name)).collect(),
            institutions: bodies
                .iter()
                .map(|name| Institution {
                    name: name.to_string(),
                    mentions: vec![name.to_string()],
                    ..Institution::default()
                })
                .collect(),
            quotes: vec![Quote {
                kind: "indirect".into(),
                speaker: said,
                ..quote(text, "")
            }],
            ..Article::default()
        }
    }

    fn said_by(person: &str, body: Option<&str>) -> Speaker {
        Speaker {
            person: Some(person.into()),
            institution: body.map(Into::into),
            ..Speaker::default()
        }
    }

    /// Statements of other stories, so that words have corpus frequencies to weigh.
    fn other_stories() -> Vec<Article> {
        [
            (
                "x1",
                "Dewi Lestari",
                "harga beras di pasar tradisional naik menjelang lebaran",
            ),
            (
                "x2",
                "Joko Susilo",
                "jalan tol baru dibuka untuk umum pekan depan",
            ),
            (
                "x3",
                "Maya Putri",
                "tim nasional berlatih keras sebelum laga kualifikasi",
            ),
        ]
        .iter()
        .map(|(id, who, text)| story(id, &[who], &[], said_by(who, None), text))
        .collect()
    }

    #[test]
    fn a_statement_the_story_gives_to_two_speakers_is_one_with_a_conflict() {
        let both = ["Rudi Hartono", "Sinta Maharani"];
        let mut articles = vec![
            story(
                "a",
                &both,
                &[],
                said_by("Rudi Hartono", None),
                "mengetahui soal pengajuan dan penyaluran dana hibah desa",
            ),
            story(
                "b",
                &both,
                &[],
                said_by("Sinta Maharani", None),
                "kliennya mengetahui soal penyaluran dana hibah desa untuk keperluan sekolah",
            ),
            // much the same by a speaker of another story stays apart
            story(
                "c",
                &["Wawan Setiadi"],
                &[],
                said_by("Wawan Setiadi", None),
                "mengetahui pengajuan dana hibah desa tahun lalu",
            ),
        ];
        articles.extend(other_stories());
        let resolution = resolve(&articles);
        let shared: Vec<&Statement> = resolution
            .statements
            .iter()
            .filter(|s| s.reports.len() > 1)
            .collect();
        assert_eq!(shared.len(), 1, "{shared:#?}");
        let articles_of: Vec<&str> = shared[0]
            .reports
            .iter()
            .map(|r| r.article.as_str())
            .collect();
        assert_eq!(articles_of, ["a", "b"]);
        assert!(shared[0].attribution_conflict);
    }

    #[test]
    fn a_person_speaking_for_the_body_another_report_names_is_no_conflict() {
        let mut articles = vec![
            story(
                "a",
                &["Sinta Maharani"],
                &["Kejaksaan Agung RI"],
                Speaker {
                    institution: Some("Kejaksaan Agung RI".into()),
                    ..Speaker::default()
                },
                "tidak ada tekanan terhadap saksi untuk mencabut keterangannya di pengadilan",
            ),
            // her unit is part of the body by the language's word making (jaksa: kejaksaan)
            story(
                "b",
                &["Sinta Maharani"],
                &["Jaksa Agung Muda Bidang Intelijen", "Kejaksaan Agung"],
                said_by("Sinta Maharani", Some("Jaksa Agung Muda Bidang Intelijen")),
                "tak ada tekanan terhadap saksi",
            ),
        ];
        articles.extend(other_stories());
        let resolution = resolve(&articles);
        let shared = resolution
            .statements
            .iter()
            .find(|s| s.reports.len() > 1)
            .expect("the two reports are one statement");
        assert_eq!(shared.reports.len(), 2);
        assert!(!shared.attribution_conflict, "{shared:#?}");
    }

    #[test]
    fn informal_spellings_of_a_word_are_the_same_words() {
        let mut articles = vec![
            story(
                "a",
                &["Rudi Hartono"],
                &[],
                said_by("Rudi Hartono", None),
                "saya nggak tahu soal itu, udah saya jelaskan",
            ),
            story(
                "b",
                &["Rudi Hartono"],
                &[],
                said_by("Rudi Hartono", None),
                "saya tidak tahu soal itu, sudah saya jelaskan",
            ),
        ];
        articles.extend(other_stories());
        let statements = resolve(&articles).statements;
        let shared = statements.iter().find(|s| s.reports.len() > 1).unwrap();
        assert_eq!(shared.merges[0].reason, "same words");
    }

    #[test]
    fn statements_that_state_different_numbers_stay_apart() {
        let articles = [
            one_quote(
                "a",
                "Ani Rahma",
                "Terdakwa dituntut penjara selama 3 tahun oleh jaksa",
            ),
            one_quote(
                "b",
                "Budi Santoso",
                "Terdakwa dituntut penjara selama 16 tahun oleh jaksa",
            ),
            one_quote(
                "c",
                "Citra Dewi",
                "Terdakwa dituntut penjara selama 3 tahun oleh jaksa.",
            ),
        ];
        assert_eq!(grouped(&articles), [vec!["a", "c"], vec!["b"]]);
    }

    #[test]
    fn a_chain_of_near_matches_stops_where_it_drifts_from_the_centre() {
        let articles = [
            one_quote("a", "Ani Rahma", "a b c d e f g h i j"),
            one_quote("b", "Budi Santoso", "a b c d e f g h k l"),
            one_quote("c", "Citra Dewi", "a b c d e f k l m n"),
            one_quote("d", "Dedi Kurnia", "a b c d k l m n o p"),
        ];
        assert_eq!(grouped(&articles), [vec!["a", "b", "c"], vec!["d"]]);
    }

    #[test]
    fn ids_come_from_content_and_survive_a_growing_corpus() {
        let base = vec![
            one_quote("a", "Ani Rahma", "Kami akan hadir pada sidang berikutnya"),
            one_quote(
                "b",
                "Budi Santoso",
                "Kami akan hadir pada sidang berikutnya.",
            ),
        ];
        let mut grown = vec![one_quote("0", "Zaki Amri", "Sesuatu yang lain sama sekali")];
        grown.extend(base.iter().cloned());
        grown.push(one_quote(
            "z",
            "Budi Santoso",
            "Harga beras naik lagi minggu ini",
        ));
        let ids = |articles: &[Article]| -> BTreeSet<String> {
            let resolution = resolve(articles);
            resolution
                .statements
                .iter()
                .map(|s| s.id.clone())
                .chain(resolution.actors.list.iter().map(|a| a.id.clone()))
                .collect()
        };
        let before = ids(&base);
        let after = ids(&grown);
        assert!(before.is_subset(&after), "{before:?} not in {after:?}");
        assert!(before.iter().any(|id| id.starts_with("statement:")));
    }
}
