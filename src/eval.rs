//! Scoring warta against gold files, exactly as the Scoring section of `gold/SPEC.md` says.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fs;
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde_json::Value;

use crate::names::{jaccard, normalise_name, tokens};
use crate::record::{Article, Institution, Person, Speaker};
use crate::resolve::{CorpusFacts, SAME_STATEMENT};

/// Matches, predictions and gold items, from which precision, recall and F1 follow; counts add
/// up across articles for the micro-average.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Counts {
    pub matched: f64,
    pub predicted: f64,
    pub gold: f64,
}

impl Counts {
    pub fn new(matched: usize, predicted: usize, gold: usize) -> Counts {
        Counts {
            matched: matched as f64,
            predicted: predicted as f64,
            gold: gold as f64,
        }
    }

    pub fn precision(&self) -> f64 {
        if self.predicted == 0.0 {
            if self.gold == 0.0 {
                1.0
            } else {
                0.0
            }
        } else {
            self.matched / self.predicted
        }
    }

    pub fn recall(&self) -> f64 {
        if self.gold == 0.0 {
            if self.predicted == 0.0 {
                1.0
            } else {
                0.0
            }
        } else {
            self.matched / self.gold
        }
    }

    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    fn add(&mut self, other: Counts) {
        self.matched += other.matched;
        self.predicted += other.predicted;
        self.gold += other.gold;
    }
}

/// One field's score for one article (or for all of them).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Score {
    /// Precision, recall and F1.
    Prf(Counts),
    /// Right out of checked.
    Accuracy { right: usize, checked: usize },
    /// The gold file leaves this field out.
    Skipped,
}

impl Score {
    fn accuracy(right: bool) -> Score {
        Score::Accuracy {
            right: usize::from(right),
            checked: 1,
        }
    }

    fn add(&mut self, other: Score) {
        *self = match (*self, other) {
            (Score::Skipped, other) => other,
            (mine, Score::Skipped) => mine,
            (Score::Prf(mut a), Score::Prf(b)) => {
                a.add(b);
                Score::Prf(a)
            }
            (
                Score::Accuracy {
                    right: a,
                    checked: b,
                },
                Score::Accuracy {
                    right: c,
                    checked: d,
                },
            ) => Score::Accuracy {
                right: a + c,
                checked: b + d,
            },
            (mine, _) => mine,
        }
    }

    /// The headline figure: F1 or accuracy.
    pub fn value(&self) -> Option<f64> {
        match self {
            Score::Prf(c) => Some(c.f1()),
            Score::Accuracy { checked: 0, .. } | Score::Skipped => None,
            Score::Accuracy { right, checked } => Some(*right as f64 / *checked as f64),
        }
    }
}

/// The scored fields, in the order the table shows them.
pub const FIELDS: &[&str] = &[
    "body",
    "title",
    "outlet",
    "language",
    "published",
    "authors",
    "people",
    "institutions",
    "roles",
    "dates",
    "weekdays",
    "registers",
    "direct",
    "indirect",
    "attribution",
    "cases",
    "parties",
];

/// Every field's score for one article.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleScore {
    pub id: String,
    pub predicted: bool,
    pub scores: BTreeMap<String, Score>,
}

/// The cross-article scores of `corpus.json`.
#[derive(Debug, Clone, Serialize)]
pub struct CorpusScore {
    pub same_quote_found: Score,
    pub conflicts_flagged: Score,
    pub same_entity_merged: Score,
    pub dispute_cases: Score,
}

/// A whole evaluation: per article, micro-averaged, and across articles.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub articles: Vec<ArticleScore>,
    pub micro: BTreeMap<String, Score>,
    pub corpus: Option<CorpusScore>,
}

/// A gold article with the set of fields its author filled in.
#[derive(Debug, Clone)]
pub struct Gold {
    pub article: Article,
    pub fields: BTreeSet<String>,
}

/// A gold folder: the article files by id and the optional corpus file.
#[derive(Debug, Clone, Default)]
pub struct GoldSet {
    pub articles: BTreeMap<String, Gold>,
    pub corpus: Option<CorpusFacts>,
    /// The article file (X.html, X.txt …) beside each gold file, where there is one.
    pub beside: Vec<PathBuf>,
}

/// Reads a gold folder, refusing unknown fields and malformed values with the file and field.
pub fn load_gold(dir: &Path) -> anyhow::Result<GoldSet> {
    let mut set = GoldSet::default();
    let mut paths: Vec<PathBuf> = fs::read_dir(dir)
        .map_err(|e| anyhow::anyhow!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    for path in paths {
        let text =
            fs::read_to_string(&path).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
        let value: Value = serde_json::from_str(&text)
            .map_err(|e| anyhow::anyhow!("{}: not JSON: {e}", path.display()))?;
        if path.file_name().is_some_and(|n| n == "corpus.json") {
            let corpus = serde_json::from_value(value)
                .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
            set.corpus = Some(corpus);
            continue;
        }
        let gold = parse_gold(&value).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
        let stem = crate::source::file_stem(&path);
        if let Some(article) = [
            "html", "html.gz", "htm", "txt", "txt.gz", "html.zst", "txt.zst",
        ]
        .iter()
        .map(|ext| dir.join(format!("{stem}.{ext}")))
        .find(|p| p.exists())
        {
            set.beside.push(article);
        }
        set.articles.insert(gold.article.id.clone(), gold);
    }
    Ok(set)
}

/// Parses one gold article, naming the field at fault when it cannot.
pub fn parse_gold(value: &Value) -> Result<Gold, String> {
    let Value::Object(map) = value else {
        return Err("a gold file holds one JSON object".into());
    };
    let article: Article = serde_json::from_value(value.clone()).map_err(|error| {
        for (key, field) in map {
            let probe = serde_json::json!({ "id": "probe", key.as_str(): field });
            if let Err(e) = serde_json::from_value::<Article>(probe) {
                return format!("field `{key}`: {e}");
            }
        }
        error.to_string()
    })?;
    check_values(&article)?;
    Ok(Gold {
        article,
        fields: map.keys().cloned().collect(),
    })
}

fn check_values(article: &Article) -> Result<(), String> {
    let iso = regex::Regex::new(r"^\d{4}-\d{2}-\d{2}$").expect("pattern compiles");
    if let Some(bad) = article.dates.iter().find(|d| !iso.is_match(&d.value)) {
        return Err(format!(
            "field `dates`: value `{}` is not YYYY-MM-DD",
            bad.value
        ));
    }
    const KINDS: &[&str] = &["case", "law", "regulation", "decree", "other"];
    if let Some(bad) = article
        .registers
        .iter()
        .find(|r| !KINDS.contains(&r.kind.as_str()))
    {
        return Err(format!("field `registers`: unknown kind `{}`", bad.kind));
    }
    if let Some(bad) = article
        .quotes
        .iter()
        .find(|q| q.kind != "direct" && q.kind != "indirect")
    {
        return Err(format!("field `quotes`: unknown kind `{}`", bad.kind));
    }
    Ok(())
}

/// Scores predictions against a gold set.
pub fn evaluate(gold: &GoldSet, predictions: &[Article], corpus: Option<&CorpusFacts>) -> Report {
    let by_id: HashMap<&str, &Article> = predictions.iter().map(|a| (a.id.as_str(), a)).collect();
    let empty = Article::default();
    let mut micro: BTreeMap<String, Score> = FIELDS
        .iter()
        .map(|f| (f.to_string(), Score::Skipped))
        .collect();
    let mut articles = Vec::new();
    for (id, gold_article) in &gold.articles {
        let predicted = by_id.get(id.as_str()).copied();
        let scores = score_article(gold_article, predicted.unwrap_or(&empty));
        for (field, score) in &scores {
            micro.get_mut(field).expect("known field").add(*score);
        }
        articles.push(ArticleScore {
            id: id.clone(),
            predicted: predicted.is_some(),
            scores,
        });
    }
    let corpus = gold
        .corpus
        .as_ref()
        .map(|g| score_corpus(g, corpus.cloned().unwrap_or_default()));
    Report {
        articles,
        micro,
        corpus,
    }
}

fn score_article(gold: &Gold, predicted: &Article) -> BTreeMap<String, Score> {
    let g = &gold.article;
    let has = |field: &str| gold.fields.contains(field);
    let mut scores: BTreeMap<String, Score> = FIELDS
        .iter()
        .map(|f| (f.to_string(), Score::Skipped))
        .collect();
    let mut set = |field: &str, score: Score| {
        scores.insert(field.to_string(), score);
    };
    if has("body") {
        set(
            "body",
            Score::Prf(bag_counts(
                &tokens(&predicted.body.join("\n")),
                &tokens(&g.body.join("\n")),
            )),
        );
    }
    if has("title") {
        let fold = |t: &Option<String>| {
            t.as_deref()
                .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        };
        set(
            "title",
            Score::accuracy(fold(&predicted.title) == fold(&g.title)),
        );
    }
    let same_name = |a: &Option<String>, b: &Option<String>| {
        a.as_deref().map(normalise_name) == b.as_deref().map(normalise_name)
    };
    if has("outlet") {
        set(
            "outlet",
            Score::accuracy(same_name(&predicted.outlet, &g.outlet)),
        );
    }
    if has("language") && g.language.is_some() {
        set(
            "language",
            Score::accuracy(predicted.language == g.language),
        );
    }
    if has("published") {
        set(
            "published",
            Score::accuracy(predicted.published == g.published),
        );
    }
    if has("authors") {
        set(
            "authors",
            Score::Prf(set_counts(names(&predicted.authors), names(&g.authors))),
        );
    }
    if has("people") {
        set(
            "people",
            Score::Prf(entity_counts(
                &person_forms(&predicted.people),
                &person_forms(&g.people),
            )),
        );
    }
    if has("institutions") {
        set(
            "institutions",
            Score::Prf(entity_counts(
                &institution_forms(&predicted.institutions),
                &institution_forms(&g.institutions),
            )),
        );
    }
    if has("people") && g.people.iter().any(|p| !p.roles.is_empty()) {
        set("roles", Score::Prf(role_counts(predicted, g)));
    }
    if has("dates") {
        let (counts, weekdays) = date_scores(predicted, g);
        set("dates", Score::Prf(counts));
        set("weekdays", weekdays);
    }
    if has("registers") {
        let pairs = |a: &Article| -> BTreeSet<(String, String)> {
            a.registers
                .iter()
                .map(|r| (r.kind.to_lowercase(), number_key(&r.number)))
                .collect()
        };
        set(
            "registers",
            Score::Prf(set_counts(pairs(predicted), pairs(g))),
        );
    }
    if has("quotes") {
        let (direct, indirect, attribution) = quote_scores(predicted, g);
        set("direct", Score::Prf(direct));
        set("indirect", Score::Prf(indirect));
        set("attribution", attribution);
    }
    if has("disputes") {
        let (cases, parties) = dispute_scores(predicted, g);
        set("cases", Score::Prf(cases));
        set("parties", parties);
    }
    scores
}

/// Multiset overlap of two token lists.
pub fn bag_counts(predicted: &[String], gold: &[String]) -> Counts {
    let mut remaining: HashMap<&str, usize> = HashMap::default();
    for token in gold {
        *remaining.entry(token).or_default() += 1;
    }
    let mut matched = 0;
    for token in predicted {
        if let Some(n) = remaining.get_mut(token.as_str()).filter(|n| **n > 0) {
            *n -= 1;
            matched += 1;
        }
    }
    Counts::new(matched, predicted.len(), gold.len())
}

fn set_counts<T: Ord>(predicted: BTreeSet<T>, gold: BTreeSet<T>) -> Counts {
    Counts::new(
        predicted.intersection(&gold).count(),
        predicted.len(),
        gold.len(),
    )
}

fn names(list: &[String]) -> BTreeSet<String> {
    list.iter().map(|n| normalise_name(n)).collect()
}

/// Leading zeros of every number ignored: "002" and "2" are one register.
fn number_key(number: &str) -> String {
    let mut out = String::new();
    let mut at_start = true;
    let chars: Vec<char> = number.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let next_is_digit = chars.get(i + 1).is_some_and(|n| n.is_ascii_digit());
        if c == '0' && at_start && next_is_digit {
            continue;
        }
        at_start = !c.is_ascii_digit();
        out.extend(c.to_lowercase());
    }
    out
}

/// An entity as the scorer sees it: its name and every form that counts as it.
struct Forms {
    name: String,
    all: BTreeSet<String>,
}

fn person_forms(people: &[Person]) -> Vec<Forms> {
    people
        .iter()
        .map(|p| Forms {
            name: normalise_name(&p.name),
            all: std::iter::once(&p.name)
                .chain(&p.mentions)
                .map(|n| normalise_name(n))
                .collect(),
        })
        .collect()
}

fn institution_forms(institutions: &[Institution]) -> Vec<Forms> {
    institutions
        .iter()
        .map(|i| Forms {
            name: normalise_name(&i.name),
            all: std::iter::once(&i.name)
                .chain(&i.acronyms)
                .chain(&i.mentions)
                .map(|n| normalise_name(n))
                .collect(),
        })
        .collect()
}

/// Predicted entities matched one to one to gold entries whose name, acronyms or mentions hold
/// the predicted name; returns for each prediction the gold index it took.
fn match_entities(predicted: &[Forms], gold: &[Forms]) -> Vec<Option<usize>> {
    let mut taken = vec![false; gold.len()];
    predicted
        .iter()
        .map(|p| {
            let found = gold
                .iter()
                .enumerate()
                .position(|(j, g)| !taken[j] && g.name == p.name)
                .or_else(|| {
                    gold.iter()
                        .enumerate()
                        .position(|(j, g)| !taken[j] && g.all.contains(&p.name))
                })?;
            taken[found] = true;
            Some(found)
        })
        .collect()
}

fn entity_counts(predicted: &[Forms], gold: &[Forms]) -> Counts {
    let matched = match_entities(predicted, gold).iter().flatten().count();
    Counts::new(matched, predicted.len(), gold.len())
}

/// The gold name a predicted name stands for, if any gold entry knows it as one of its forms.
fn canonical(name: &str, gold: &[Forms]) -> String {
    let key = normalise_name(name);
    gold.iter()
        .find(|g| g.name == key)
        .or_else(|| gold.iter().find(|g| g.all.contains(&key)))
        .map_or(key, |g| g.name.clone())
}

fn role_counts(predicted: &Article, gold: &Article) -> Counts {
    let people = person_forms(&gold.people);
    let institutions = institution_forms(&gold.institutions);
    let triples = |article: &Article| -> BTreeSet<(String, String, String)> {
        article
            .people
            .iter()
            .flat_map(|p| {
                let person = canonical(&p.name, &people);
                let institutions = &institutions;
                p.roles.iter().map(move |r| {
                    let institution = r
                        .institution
                        .as_deref()
                        .map(|i| canonical(i, institutions))
                        .unwrap_or_default();
                    (person.clone(), normalise_name(&r.title), institution)
                })
            })
            .collect()
    };
    set_counts(triples(predicted), triples(gold))
}

fn date_scores(predicted: &Article, gold: &Article) -> (Counts, Score) {
    let values = |a: &Article| -> BTreeMap<String, bool> {
        a.dates
            .iter()
            .map(|d| (d.value.clone(), d.weekday_mismatch))
            .collect()
    };
    let (p, g) = (values(predicted), values(gold));
    let matched: Vec<&String> = p.keys().filter(|v| g.contains_key(*v)).collect();
    let right = matched.iter().filter(|v| p[**v] == g[**v]).count();
    (
        Counts::new(matched.len(), p.len(), g.len()),
        Score::Accuracy {
            right,
            checked: matched.len(),
        },
    )
}

/// Does the predicted speaker match the gold one: the person where gold names one, else the
/// institution (by any of its gold forms).
fn same_speaker(predicted: &Speaker, gold: &Speaker, gold_article: &Article) -> bool {
    match &gold.person {
        Some(person) => {
            let people = person_forms(&gold_article.people);
            predicted
                .person
                .as_deref()
                .is_some_and(|p| canonical(p, &people) == canonical(person, &people))
        }
        None => {
            let institutions = institution_forms(&gold_article.institutions);
            predicted.person.is_none()
                && match (&predicted.institution, &gold.institution) {
                    (Some(p), Some(g)) => {
                        canonical(p, &institutions) == canonical(g, &institutions)
                    }
                    (None, None) => true,
                    _ => false,
                }
        }
    }
}

fn quote_scores(predicted: &Article, gold: &Article) -> (Counts, Counts, Score) {
    let mut right = 0;
    let mut checked = 0;
    let mut per_kind = Vec::new();
    for kind in ["direct", "indirect"] {
        let p: Vec<_> = predicted.quotes.iter().filter(|q| q.kind == kind).collect();
        let g: Vec<_> = gold.quotes.iter().filter(|q| q.kind == kind).collect();
        let pairs = best_first_pairs(
            p.len(),
            g.len(),
            |i, j| jaccard(&p[i].text, &g[j].text),
            SAME_STATEMENT,
        );
        for &(i, j) in &pairs {
            checked += 1;
            right += usize::from(same_speaker(&p[i].speaker, &g[j].speaker, gold));
        }
        per_kind.push(Counts::new(pairs.len(), p.len(), g.len()));
    }
    (per_kind[0], per_kind[1], Score::Accuracy { right, checked })
}

/// One-to-one matching, most similar pairs first, keeping pairs at or above the threshold.
pub fn best_first_pairs(
    n: usize,
    m: usize,
    similarity: impl Fn(usize, usize) -> f64,
    threshold: f64,
) -> Vec<(usize, usize)> {
    let mut candidates: Vec<(f64, usize, usize)> = Vec::new();
    for i in 0..n {
        for j in 0..m {
            let s = similarity(i, j);
            if s >= threshold {
                candidates.push((s, i, j));
            }
        }
    }
    candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let (mut used_p, mut used_g) = (vec![false; n], vec![false; m]);
    let mut pairs = Vec::new();
    for (_, i, j) in candidates {
        if !used_p[i] && !used_g[j] {
            used_p[i] = true;
            used_g[j] = true;
            pairs.push((i, j));
        }
    }
    pairs
}

fn dispute_scores(predicted: &Article, gold: &Article) -> (Counts, Score) {
    let cases = |a: &Article| -> BTreeSet<String> {
        a.disputes
            .iter()
            .flat_map(|d| d.cases.iter().map(|c| number_key(c)))
            .collect()
    };
    let counts = set_counts(cases(predicted), cases(gold));
    let institutions = institution_forms(&gold.institutions);
    let people = person_forms(&gold.people);
    let party = |name: &Option<String>| {
        name.as_deref().map(|n| {
            let as_institution = canonical(n, &institutions);
            if institutions.iter().any(|i| i.name == as_institution) {
                as_institution
            } else {
                canonical(n, &people)
            }
        })
    };
    let (mut right, mut checked) = (0, 0);
    for g in &gold.disputes {
        let best = predicted.disputes.iter().max_by_key(|p| {
            p.cases
                .iter()
                .filter(|c| g.cases.iter().any(|gc| number_key(gc) == number_key(c)))
                .count()
        });
        let sides = [
            (best.map(|b| b.petitioner.clone()), &g.petitioner),
            (best.map(|b| b.respondent.clone()), &g.respondent),
        ];
        for (predicted_party, gold_party) in sides {
            checked += 1;
            right += usize::from(predicted_party.is_some_and(|p| party(&p) == party(gold_party)));
        }
    }
    (counts, Score::Accuracy { right, checked })
}

fn score_corpus(gold: &CorpusFacts, predicted: CorpusFacts) -> CorpusScore {
    let (mut found, mut conflicts_right) = (0, 0);
    for group in &gold.same_quote {
        let hit = predicted.same_quote.iter().find(|p| {
            std::iter::once(&p.text)
                .chain(p.wordings.values())
                .any(|w| jaccard(w, &group.text) >= SAME_STATEMENT)
                && group
                    .articles
                    .iter()
                    .filter(|a| p.articles.contains(a))
                    .count()
                    >= 2
        });
        if let Some(hit) = hit {
            found += 1;
            conflicts_right += usize::from(hit.attribution_conflict == group.attribution_conflict);
        }
    }
    let clusters: Vec<BTreeSet<String>> = predicted
        .same_entity
        .iter()
        .map(|c| c.iter().map(|n| normalise_name(n)).collect())
        .collect();
    let merged = gold
        .same_entity
        .iter()
        .filter(|pair| {
            let forms: Vec<String> = pair.iter().map(|n| normalise_name(n)).collect();
            clusters.iter().any(|c| forms.iter().all(|f| c.contains(f)))
        })
        .count();
    let cases = |facts: &CorpusFacts| -> BTreeSet<String> {
        facts
            .disputes
            .iter()
            .flat_map(|d| d.cases.iter().map(|c| number_key(c)))
            .collect()
    };
    CorpusScore {
        same_quote_found: Score::Accuracy {
            right: found,
            checked: gold.same_quote.len(),
        },
        conflicts_flagged: Score::Accuracy {
            right: conflicts_right,
            checked: found,
        },
        same_entity_merged: Score::Accuracy {
            right: merged,
            checked: gold.same_entity.len(),
        },
        dispute_cases: Score::Prf(set_counts(cases(&predicted), cases(gold))),
    }
}

fn cell(score: &Score) -> String {
    match score.value() {
        Some(v) => format!("{v:.3}"),
        None => "skip".to_string(),
    }
}

/// The report as a table a person can read: a row per article, a micro-averaged row, a column
/// per score ("skip" where the gold leaves the field out), then the detail of the micro row.
pub fn render_table(report: &Report) -> String {
    let shown: Vec<&str> = FIELDS
        .iter()
        .copied()
        .filter(|f| !matches!(report.micro[*f], Score::Skipped))
        .collect();
    let id_width = report
        .articles
        .iter()
        .map(|a| a.id.len())
        .max()
        .unwrap_or(2)
        .clamp(5, 40);
    let widths: Vec<usize> = shown.iter().map(|f| f.len().max(5)).collect();
    let mut out = format!("{:<id_width$}", "article");
    for (field, width) in shown.iter().zip(&widths) {
        out.push_str(&format!("  {field:>width$}"));
    }
    out.push('\n');
    let mut row = |name: &str, scores: &BTreeMap<String, Score>| {
        let name: String = name.chars().take(id_width).collect();
        out.push_str(&format!("{name:<id_width$}"));
        for (field, width) in shown.iter().zip(&widths) {
            out.push_str(&format!("  {:>width$}", cell(&scores[*field])));
        }
        out.push('\n');
    };
    for article in &report.articles {
        row(&article.id, &article.scores);
    }
    row("micro", &report.micro);
    out.push_str("\nmicro-averaged detail:\n");
    let mut skipped = Vec::new();
    for field in FIELDS {
        match report.micro[*field] {
            Score::Prf(c) => {
                out.push_str(&format!(
                "  {field:<13} P {:.3}  R {:.3}  F1 {:.3}  ({} matched, {} predicted, {} gold)\n",
                c.precision(), c.recall(), c.f1(), c.matched, c.predicted, c.gold
            ))
            }
            Score::Accuracy { right, checked } => {
                out.push_str(&format!("  {field:<13} {right}/{checked} right\n"))
            }
            Score::Skipped => skipped.push(*field),
        }
    }
    if !skipped.is_empty() {
        out.push_str(&format!(
            "  skipped (no gold file has them): {}\n",
            skipped.join(", ")
        ));
    }
    let missing: Vec<&str> = report
        .articles
        .iter()
        .filter(|a| !a.predicted)
        .map(|a| a.id.as_str())
        .collect();
    if !missing.is_empty() {
        out.push_str(&format!("no input found for: {}\n", missing.join(", ")));
    }
    if let Some(corpus) = &report.corpus {
        out.push_str("\ncorpus.json:\n");
        for (name, score) in [
            ("same_quote groups found", &corpus.same_quote_found),
            ("conflicts flagged right", &corpus.conflicts_flagged),
            ("same_entity pairs merged", &corpus.same_entity_merged),
        ] {
            if let Score::Accuracy { right, checked } = score {
                out.push_str(&format!("  {name:<26} {right}/{checked}\n"));
            }
        }
        out.push_str(&format!(
            "  {:<26} F1 {}\n",
            "dispute cases",
            cell(&corpus.dispute_cases)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::{DateMention, Quote, Register};

    fn gold(value: Value) -> Gold {
        parse_gold(&value).unwrap()
    }

    fn f1(scores: &BTreeMap<String, Score>, field: &str) -> f64 {
        scores[field].value().unwrap()
    }

    #[test]
    fn perfect_and_empty_predictions() {
        let g = gold(serde_json::json!({"id": "a", "body": ["Satu dua tiga."], "title": "Judul"}));
        let perfect = score_article(&g, &g.article);
        assert_eq!(f1(&perfect, "body"), 1.0);
        assert_eq!(f1(&perfect, "title"), 1.0);
        assert_eq!(perfect["people"], Score::Skipped);
        let empty = score_article(&g, &Article::default());
        assert_eq!(f1(&empty, "body"), 0.0);
        assert_eq!(f1(&empty, "title"), 0.0);
    }

    #[test]
    fn body_tokens_are_a_multiset() {
        let counts = bag_counts(&tokens("a a b c"), &tokens("A b b"));
        assert_eq!(
            (counts.matched, counts.predicted, counts.gold),
            (2.0, 4.0, 3.0)
        );
        assert!((counts.f1() - 4.0 / 7.0).abs() < 1e-9);
    }

    #[test]
    fn entities_match_by_alias_and_acronym_once_each() {
        let g = gold(serde_json::json!({"id": "a", "institutions": [
            {"name": "Komisi Pemilihan Umum", "acronyms": ["KPU"], "mentions": ["KPU RI"]},
            {"name": "Komisi Informasi Pusat", "acronyms": ["KIP"], "mentions": []}]}));
        let inst = |n: &str| Institution {
            name: n.into(),
            ..Institution::default()
        };
        let predicted = Article {
            institutions: vec![inst("KPU"), inst("kpu ri"), inst("K.I.P."), inst("Lain")],
            ..Article::default()
        };
        let scores = score_article(&g, &predicted);
        let Score::Prf(c) = scores["institutions"] else {
            panic!()
        };
        // "kpu ri" is a duplicate of KPU, "K.I.P." folds to "k i p": one match only.
        assert_eq!((c.matched, c.predicted, c.gold), (1.0, 4.0, 2.0));
    }

    #[test]
    fn quote_threshold_edge_and_one_to_one() {
        let q = |text: &str, person: &str| Quote {
            text: text.into(),
            kind: "direct".into(),
            speaker: Speaker {
                person: Some(person.into()),
                ..Speaker::default()
            },
            cue: None,
            span: None,
        };
        let g = Gold {
            article: Article {
                people: vec![Person {
                    name: "Ani Rahma".into(),
                    mentions: vec!["Ani".into()],
                    ..Person::default()
                }],
                quotes: vec![q("a b c d e", "Ani Rahma")],
                ..Article::default()
            },
            fields: ["quotes".to_string(), "people".to_string()].into(),
        };
        // 3 shared of 5 distinct tokens: Jaccard 0.6 exactly, which counts.
        let at_edge = Article {
            quotes: vec![q("a b c", "Ani"), q("a b c d e", "Budi")],
            ..Article::default()
        };
        let scores = score_article(&g, &at_edge);
        let Score::Prf(c) = scores["direct"] else {
            panic!()
        };
        assert_eq!((c.matched, c.predicted, c.gold), (1.0, 2.0, 1.0));
        // the exact text wins the one gold quote, and its speaker is wrong
        assert_eq!(
            scores["attribution"],
            Score::Accuracy {
                right: 0,
                checked: 1
            }
        );
        let below = Article {
            quotes: vec![q("a b x y", "Ani")],
            ..Article::default()
        };
        let Score::Prf(c) = score_article(&g, &below)["direct"] else {
            panic!()
        };
        assert_eq!(c.matched, 0.0);
    }

    #[test]
    fn registers_ignore_leading_zeros_and_dates_check_weekdays() {
        let g = Gold {
            article: Article {
                registers: vec![Register {
                    text: "register 002".into(),
                    kind: "case".into(),
                    number: "002".into(),
                    span: None,
                }],
                dates: vec![DateMention {
                    text: "x".into(),
                    value: "2024-04-18".into(),
                    weekday_mismatch: true,
                    likely: Vec::new(),
                    span: None,
                }],
                ..Article::default()
            },
            fields: ["registers".to_string(), "dates".to_string()].into(),
        };
        let mut predicted = g.article.clone();
        predicted.registers[0].number = "2".into();
        predicted.dates[0].weekday_mismatch = false;
        let scores = score_article(&g, &predicted);
        assert_eq!(f1(&scores, "registers"), 1.0);
        assert_eq!(f1(&scores, "dates"), 1.0);
        assert_eq!(
            scores["weekdays"],
            Score::Accuracy {
                right: 0,
                checked: 1
            }
        );
        assert_eq!(number_key("001/2021"), "1/2021");
    }

    #[test]
    fn malformed_gold_names_the_field() {
        let unknown = parse_gold(&serde_json::json!({"id": "a", "peeple": []})).unwrap_err();
        assert!(unknown.contains("peeple"), "{unknown}");
        let malformed =
            parse_gold(&serde_json::json!({"id": "a", "body": "not a list"})).unwrap_err();
        assert!(malformed.contains("field `body`"), "{malformed}");
        let bad_date = parse_gold(
            &serde_json::json!({"id": "a", "dates": [{"text": "x", "value": "13/3/2024"}]}),
        )
        .unwrap_err();
        assert!(bad_date.contains("dates"), "{bad_date}");
    }

    #[test]
    fn micro_average_pools_counts() {
        let mut total = Score::Skipped;
        total.add(Score::Prf(Counts::new(1, 1, 2)));
        total.add(Score::Prf(Counts::new(0, 1, 0)));
        assert_eq!(total, Score::Prf(Counts::new(1, 2, 2)));
    }
}

/// Entity-level scores of a tagger on CoNLL data.
#[derive(Debug, Clone, Serialize)]
pub struct NerReport {
    pub per_type: BTreeMap<String, Counts>,
    pub micro: Counts,
    pub tokens: usize,
    pub tokens_per_second: f64,
}

/// Strict span matching as seqeval does: same type, same first and last token.
pub fn score_ner(
    gold: &[crate::ner::Sentence],
    predicted: &[Vec<&str>],
    tokens_per_second: f64,
) -> NerReport {
    let mut per_type: BTreeMap<String, Counts> = BTreeMap::new();
    for (sentence, tags) in gold.iter().zip(predicted) {
        let g: BTreeSet<_> = crate::ner::spans(&sentence.tags).into_iter().collect();
        let p: BTreeSet<_> = crate::ner::spans(tags).into_iter().collect();
        for span in &g {
            per_type.entry(span.0.clone()).or_default().gold += 1.0;
        }
        for span in &p {
            let counts = per_type.entry(span.0.clone()).or_default();
            counts.predicted += 1.0;
            counts.matched += f64::from(u8::from(g.contains(span)));
        }
    }
    let mut micro = Counts::default();
    per_type.values().for_each(|c| micro.add(*c));
    NerReport {
        per_type,
        micro,
        tokens: gold.iter().map(|s| s.tokens.len()).sum(),
        tokens_per_second,
    }
}

/// The NER report as a table.
pub fn render_ner(report: &NerReport) -> String {
    let mut out = format!(
        "{:<6} {:>9} {:>9} {:>9} {:>8}\n",
        "type", "precision", "recall", "F1", "gold"
    );
    let rows = report
        .per_type
        .iter()
        .map(|(k, c)| (k.as_str(), c))
        .chain(std::iter::once(("micro", &report.micro)));
    for (name, c) in rows {
        out.push_str(&format!(
            "{name:<6} {:>9.4} {:>9.4} {:>9.4} {:>8}\n",
            c.precision(),
            c.recall(),
            c.f1(),
            c.gold
        ));
    }
    out.push_str(&format!(
        "{} tokens, {:.0} tokens/s on one thread\n",
        report.tokens, report.tokens_per_second
    ));
    out
}
