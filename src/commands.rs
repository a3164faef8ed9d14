//! What each subcommand does, so that `main.rs` only parses arguments.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::export::{ArticleSpool, DotView};
use crate::output::{write_atomic, AtomicFile, FileNamer, Prepared};
use crate::pipeline::{self, Depth, LangChoice};
use crate::record::{Article, DistinctIds};
use crate::source::{self, SourceError};

/// Options every corpus-reading subcommand shares.
#[derive(Debug, Clone)]
pub struct Common {
    pub inputs: Vec<PathBuf>,
    pub threads: usize,
    pub lang: LangChoice,
    pub quiet: bool,
    pub limits: pipeline::Limits,
}

/// How a run went: the exit status follows from it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Outcome {
    pub processed: usize,
    /// Inputs that failed and were kept as rejects (`extract --rejects`): accounted for.
    pub rejected: usize,
    pub failed: usize,
}

impl Outcome {
    /// 0 when every document went through or was kept as a reject, 2 when some failed.
    pub fn exit_code(&self) -> i32 {
        if self.failed > 0 {
            2
        } else {
            0
        }
    }
}

/// How `warta clean` writes its results.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CleanFormat {
    Jsonl,
    /// One text file per article; with `repair`, the spaces a scrape dropped are put back.
    Text {
        repair: bool,
    },
}

/// Streams every document through the pipeline, reporting failures on stderr as they come.
pub fn for_each_article(
    common: &Common,
    depth: Depth,
    sink: impl FnMut(&Article) -> Result<()>,
) -> Result<Outcome> {
    for_each_result(common, depth, sink, |_| Ok(false))
}

/// As [`for_each_article`], and hands every failure to `keep`, which says whether it kept the
/// failed input (as a reject) so that nothing was lost.
fn for_each_result(
    common: &Common,
    depth: Depth,
    mut sink: impl FnMut(&Article) -> Result<()>,
    mut keep: impl FnMut(&SourceError) -> Result<bool>,
) -> Result<Outcome> {
    let inputs = source::expand_inputs(&common.inputs);
    let progress = progress_bar(common.quiet, known_document_count(&inputs), "documents");
    let pool = thread_pool(common.threads)?;
    let mut outcome = Outcome::default();
    let mut sink_error = None;
    pipeline::run(
        source::documents(inputs),
        &pool,
        common.lang,
        depth,
        common.limits,
        |result| {
            progress.inc(1);
            match result {
                Ok(article) => {
                    outcome.processed += 1;
                    for warning in &article.warnings {
                        report(
                            &progress,
                            common.quiet,
                            &format!("warning: {}: {warning}", shown(&article)),
                        );
                    }
                    if sink_error.is_none() {
                        sink_error = sink(&article).err();
                    }
                }
                // a record passed over on purpose (a redirect in an archive) is no failure
                Err(error) if error.skipped => {
                    report(&progress, common.quiet, &error.to_string());
                }
                Err(error) => {
                    report(&progress, false, &error.to_string());
                    let kept = sink_error.is_none()
                        && match keep(&error) {
                            Ok(kept) => kept,
                            Err(failure) => {
                                sink_error = Some(failure);
                                false
                            }
                        };
                    if kept && !error.ends_input {
                        outcome.rejected += 1;
                    } else {
                        outcome.failed += 1;
                    }
                }
            }
        },
    );
    progress.finish_and_clear();
    if let Some(error) = sink_error {
        return Err(error);
    }
    if outcome == Outcome::default() {
        bail!("no documents in the inputs");
    }
    Ok(outcome)
}

fn thread_pool(threads: usize) -> Result<rayon::ThreadPool> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .context("cannot start worker threads")
}

fn shown(article: &Article) -> String {
    let provenance = article.provenance.as_ref();
    let path = provenance
        .map(|p| p.path.clone())
        .unwrap_or_else(|| article.id.clone());
    match provenance.and_then(|p| p.record) {
        Some(record) => format!("{path}:{record}"),
        None => path,
    }
}

fn warn_renamed(quiet: bool, article: &Article, id: &str) {
    if !quiet {
        eprintln!(
            "warta: warning: {}: id `{}` is an earlier article's; this one is `{id}`",
            shown(article),
            article.id
        );
    }
}

fn report(progress: &ProgressBar, quiet: bool, message: &str) {
    if !quiet {
        progress.suspend(|| eprintln!("warta: {message}"));
    }
}

/// A bar over `total` items where the count is known beforehand (one document a file), else a
/// counter with its rate: a JSON Lines file or an archive holds an unknown number.
fn progress_bar(quiet: bool, total: Option<u64>, unit: &str) -> ProgressBar {
    if quiet || !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(total, ProgressDrawTarget::stderr());
    let template = match total {
        Some(_) => format!("{{spinner}} {{pos}}/{{len}} {unit} {{wide_bar}} {{per_sec}} {{eta}}"),
        None => format!("{{spinner}} {{pos}} {unit} {{per_sec}} {{elapsed}} {{msg}}"),
    };
    bar.set_style(
        ProgressStyle::with_template(&template).unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar
}

/// How many documents the inputs hold, where each is a file of one document.
fn known_document_count(inputs: &[source::Input]) -> Option<u64> {
    inputs
        .iter()
        .all(|input| matches!(input, source::Input::File(path) if source::is_single_document(path)))
        .then_some(inputs.len() as u64)
}

/// Inputs are never modified: an output that is an input, or lies inside an input folder, is
/// a usage error (paths compared once resolved, so "./a/../a" is "a").
fn refuse_overwriting_inputs(inputs: &[PathBuf], output: Option<&Path>) -> Result<()> {
    let Some(output) = output.filter(|o| o.as_os_str() != "-") else {
        return Ok(());
    };
    let Some(output) = resolved(output) else {
        return Ok(());
    };
    for input in inputs.iter().filter(|i| i.as_os_str() != "-") {
        let Ok(input) = input.canonicalize() else {
            continue;
        };
        if output == input {
            bail!(
                "the output {} is an input; inputs are never overwritten",
                output.display()
            );
        }
        if input.is_dir() && output.starts_with(&input) {
            bail!(
                "the output {} lies inside the input folder {}; write it elsewhere",
                output.display(),
                input.display()
            );
        }
    }
    Ok(())
}

/// A path made absolute with its links resolved, as far as it exists yet.
fn resolved(path: &Path) -> Option<PathBuf> {
    if let Ok(path) = path.canonicalize() {
        return Some(path);
    }
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    Some(resolved(&parent)?.join(path.file_name()?))
}

/// Writes JSON Lines to a file (atomically) or to stdout.
fn jsonl_writer(output: Option<&Path>) -> Result<JsonlOut> {
    let target = match output {
        Some(path) if path.as_os_str() != "-" => JsonlTarget::File(
            AtomicFile::create(path).with_context(|| format!("cannot write {}", path.display()))?,
        ),
        _ => JsonlTarget::Stdout(io::BufWriter::new(io::stdout().lock())),
    };
    Ok(JsonlOut {
        target,
        line: Vec::new(),
    })
}

/// A record as one JSON Lines line in `line` (its room kept from one record to the next),
/// serialised in memory so that it is written with one call.
fn json_line(line: &mut Vec<u8>, value: &impl serde::Serialize) -> serde_json::Result<()> {
    line.clear();
    serde_json::to_writer(&mut *line, value)?;
    line.push(b'\n');
    Ok(())
}

struct JsonlOut {
    target: JsonlTarget,
    /// The line being written, its room kept from one record to the next.
    line: Vec<u8>,
}

enum JsonlTarget {
    File(AtomicFile),
    Stdout(io::BufWriter<io::StdoutLock<'static>>),
}

impl JsonlOut {
    /// Writes a record whole: serialised in memory first, so that the writer is called once a
    /// line rather than once a JSON token, and a record that fails to serialise leaves no half
    /// line.
    fn line(&mut self, value: &impl serde::Serialize) -> Result<()> {
        json_line(&mut self.line, value)?;
        let writer: &mut dyn Write = match &mut self.target {
            JsonlTarget::File(file) => file,
            JsonlTarget::Stdout(out) => out,
        };
        writer.write_all(&self.line)?;
        Ok(())
    }

    fn finish(self) -> Result<()> {
        match self.target {
            JsonlTarget::File(file) => file.commit()?,
            JsonlTarget::Stdout(mut out) => out.flush()?,
        }
        Ok(())
    }
}

/// `warta clean`: clean text and metadata with the audit, as JSON Lines or one text file each.
pub fn clean(common: &Common, output: Option<&Path>, format: CleanFormat) -> Result<Outcome> {
    refuse_overwriting_inputs(&common.inputs, output)?;
    match format {
        CleanFormat::Jsonl => {
            let mut out = jsonl_writer(output)?;
            let outcome = for_each_article(common, Depth::Clean, |article| {
                out.line(&article.clean_record())
            })?;
            out.finish()?;
            Ok(outcome)
        }
        CleanFormat::Text { repair } => {
            let Some(dir) = output else {
                bail!("--format text needs -o DIR for the text files")
            };
            let mut namer = FileNamer::default();
            let mut unwritten = 0;
            let mut outcome = for_each_article(common, Depth::Clean, |article| {
                let path = dir.join(namer.name(&article.id, "txt"));
                let repairs: &[crate::record::Repair] = if repair { &article.repairs } else { &[] };
                let repaired = crate::clean::seams::Repaired::new(
                    article.title.as_deref(),
                    &article.body,
                    repairs,
                );
                let mut text = String::new();
                if let Some(title) = repaired.title.as_deref().filter(|t| !t.is_empty()) {
                    text.push_str(title);
                    text.push_str("\n\n");
                }
                text.push_str(&repaired.body.join("\n\n"));
                text.push('\n');
                // one file that cannot be written is reported; the other articles go on
                if let Err(error) = write_atomic(&path, text.as_bytes()) {
                    eprintln!("warta: {}: cannot write: {error}", path.display());
                    unwritten += 1;
                }
                Ok(())
            })?;
            outcome.failed += unwritten;
            Ok(outcome)
        }
    }
}

/// `warta extract`: the full article records, one JSON object a line.
///
/// With `rejects`, every input that fails is written there as `{"reject": {path, record,
/// reason, line}}` (`-`: among the records, in input order), so that a map step over a
/// partition can keep going and still account for each input line: records plus rejects equal
/// the input's non-blank lines, and the exit status is 0 unless reading itself broke off.
pub fn extract(common: &Common, output: Option<&Path>, rejects: Option<&Path>) -> Result<Outcome> {
    refuse_overwriting_inputs(&common.inputs, output)?;
    refuse_overwriting_inputs(&common.inputs, rejects)?;
    let out = std::cell::RefCell::new(jsonl_writer(output)?);
    let outcome = match rejects {
        None => for_each_article(common, Depth::Extract, |article| {
            out.borrow_mut().line(article)
        })?,
        Some(path) if path.as_os_str() == "-" => for_each_result(
            common,
            Depth::Extract,
            |article| out.borrow_mut().line(article),
            |error| out.borrow_mut().line(&Reject::from(error)).map(|()| true),
        )?,
        Some(path) => {
            if output == Some(path) {
                bail!("--rejects must name another file than --output");
            }
            let mut rejected = jsonl_writer(Some(path))?;
            let outcome = for_each_result(
                common,
                Depth::Extract,
                |article| out.borrow_mut().line(article),
                |error| rejected.line(&Reject::from(error)).map(|()| true),
            )?;
            rejected.finish()?;
            outcome
        }
    };
    out.into_inner().finish()?;
    Ok(outcome)
}

/// An input `extract --rejects` could not turn into a record, with the line itself so that
/// nothing is lost on the way through a pipe.
#[derive(serde::Serialize)]
struct Reject<'a> {
    reject: RejectFields<'a>,
}

#[derive(serde::Serialize)]
struct RejectFields<'a> {
    path: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    record: Option<u64>,
    reason: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<&'a str>,
}

impl<'a> From<&'a SourceError> for Reject<'a> {
    fn from(error: &'a SourceError) -> Self {
        Reject {
            reject: RejectFields {
                path: &error.path,
                record: error.record,
                reason: &error.reason,
                line: error.line.as_deref(),
            },
        }
    }
}

/// `warta run`: the main job, from a corpus to the output folder: the article records, the
/// graph files and the claims.
pub fn run(common: &Common, output_dir: &Path, view: DotView) -> Result<Outcome> {
    refuse_overwriting_inputs(&common.inputs, Some(output_dir))?;
    std::fs::create_dir_all(output_dir)
        .with_context(|| format!("cannot create {}", output_dir.display()))?;
    crate::output::remove_stale_temporaries(output_dir)?;
    let path = output_dir.join("articles.jsonl");
    let mut out =
        AtomicFile::create(&path).with_context(|| format!("cannot write {}", path.display()))?;
    let mut kept = Vec::new();
    let mut line = Vec::new();
    let mut inputs = Vec::new();
    let mut ids = DistinctIds::default();
    let mut spool = ArticleSpool::new().context("cannot make a temporary file for report.html")?;
    let outcome = for_each_article(common, Depth::Extract, |article| {
        let id = ids.claim(&article.id);
        let renamed;
        let article = if id == article.id {
            article
        } else {
            warn_renamed(common.quiet, article, &id);
            renamed = Article {
                id,
                ..article.clone()
            };
            &renamed
        };
        json_line(&mut line, article)?;
        out.write_all(&line)?;
        spool.add(article, &article.id)?;
        kept.push(for_graph(article));
        inputs.push(input_hash(article));
        Ok(())
    })?;
    let articles = out
        .prepare()
        .with_context(|| format!("cannot write {}", path.display()))?;
    let mut files = vec![("articles.jsonl", articles)];
    files.extend(write_graph(
        kept,
        output_dir,
        common.quiet,
        view,
        &mut spool,
    )?);
    put_in_place(output_dir, files, &inputs, &outcome)?;
    if !common.quiet {
        eprintln!(
            "warta: {} articles, their graph and claims written to {}",
            outcome.processed,
            output_dir.display()
        );
    }
    Ok(outcome)
}

/// What the graph needs of an article: its facts, not its text, so memory grows with the
/// graph rather than with the corpus.
fn for_graph(article: &Article) -> Article {
    // field by field, so that the body and the audit are never copied only to be dropped
    Article {
        id: article.id.clone(),
        url: article.url.clone(),
        language: article.language.clone(),
        outlet: article.outlet.clone(),
        title: article.title.clone(),
        published: article.published.clone(),
        authors: article.authors.clone(),
        people: article.people.clone(),
        institutions: article.institutions.clone(),
        dates: article.dates.clone(),
        registers: article.registers.clone(),
        quotes: article.quotes.clone(),
        disputes: article.disputes.clone(),
        ..Article::default()
    }
}

fn write_graph(
    mut articles: Vec<Article>,
    dir: &Path,
    quiet: bool,
    view: DotView,
    spool: &mut ArticleSpool,
) -> Result<Vec<(&'static str, Prepared)>> {
    let phase = progress_bar(quiet, None, "articles");
    phase.set_position(articles.len() as u64);
    phase.enable_steady_tick(std::time::Duration::from_millis(200));
    articles.sort_by(|a, b| a.id.cmp(&b.id));
    phase.set_message("resolving actors and statements");
    let resolution = crate::resolve::resolve(&articles);
    phase.set_message(format!(
        "{} statements, {} actors: building the graph",
        resolution.statements.len(),
        resolution.actors.list.len()
    ));
    let graph = crate::graph::build(&articles, &resolution);
    phase.set_message("writing the graph files");
    let written = crate::export::write_all(dir, &articles, &graph, &resolution, view, spool);
    phase.finish_and_clear();
    written
}

/// What identifies the input an article came from in the manifest: the hash of its bytes.
fn input_hash(article: &Article) -> String {
    article
        .provenance
        .as_ref()
        .map(|p| p.sha256.clone())
        .unwrap_or_default()
}

/// One run's output files and what they were made from, written last: a reader that finds a
/// manifest whose sizes and hashes match the files knows the set is complete and of one run.
#[derive(serde::Serialize)]
struct Manifest<'a> {
    warta: &'static str,
    files: Vec<ManifestFile>,
    inputs: ManifestInputs<'a>,
}

#[derive(serde::Serialize)]
struct ManifestFile {
    name: &'static str,
    bytes: u64,
    sha256: String,
}

#[derive(serde::Serialize)]
struct ManifestInputs<'a> {
    documents: usize,
    failed: usize,
    /// The sha256 of each document or record read, in input order.
    sha256: &'a [String],
}

/// Puts a run's files in place together, once every one of them is complete, then the
/// manifest that lists them.
fn put_in_place(
    dir: &Path,
    files: Vec<(&'static str, Prepared)>,
    inputs: &[String],
    outcome: &Outcome,
) -> Result<()> {
    let mut listed = Vec::new();
    for (name, file) in &files {
        let (bytes, sha256) = file
            .digest()
            .with_context(|| format!("cannot read back {}", dir.join(name).display()))?;
        listed.push(ManifestFile {
            name,
            bytes,
            sha256,
        });
    }
    for (name, file) in files {
        file.persist()
            .with_context(|| format!("cannot write {}", dir.join(name).display()))?;
    }
    let manifest = Manifest {
        warta: env!("CARGO_PKG_VERSION"),
        files: listed,
        inputs: ManifestInputs {
            documents: outcome.processed,
            failed: outcome.failed,
            sha256: inputs,
        },
    };
    let path = dir.join("manifest.json");
    let mut text = serde_json::to_string_pretty(&manifest)?;
    text.push('\n');
    write_atomic(&path, text.as_bytes()).with_context(|| format!("cannot write {}", path.display()))
}

/// `warta graph`: articles, or the records `warta extract` wrote (files, folders of part files,
/// or standard input), into the graph files. Records are read one at a time and keep only what
/// the graph needs.
pub fn graph(common: &Common, output_dir: &Path, view: DotView) -> Result<Outcome> {
    refuse_overwriting_inputs(&common.inputs, Some(output_dir))?;
    let inputs = source::expand_inputs(&common.inputs);
    let (records, raw): (Vec<_>, Vec<_>) = inputs.into_iter().partition(|input| match input {
        source::Input::File(path) => source::holds_records(path),
        source::Input::Stdin | source::Input::Failed(_) => false,
    });
    let (stdin, raw): (Vec<_>, Vec<_>) = raw
        .into_iter()
        .partition(|input| matches!(input, source::Input::Stdin));
    let bar = progress_bar(common.quiet, None, "records read");
    let mut articles = Vec::new();
    let mut inputs = Vec::new();
    let mut outcome = Outcome::default();
    let mut ids = DistinctIds::default();
    let mut spool = ArticleSpool::new().context("cannot make a temporary file for report.html")?;
    let mut spool_error = None;
    let mut take = |result: Result<Article, SourceError>| match result {
        Ok(article) => {
            outcome.processed += 1;
            bar.inc(1);
            inputs.push(input_hash(&article));
            let id = ids.claim(&article.id);
            if id != article.id {
                bar.suspend(|| warn_renamed(common.quiet, &article, &id));
            }
            if let Err(error) = spool.add(&article, &id) {
                spool_error.get_or_insert(error);
            }
            articles.push(Article {
                id,
                ..for_graph(&article)
            });
        }
        Err(error) => {
            outcome.failed += usize::from(!error.skipped);
            report(&bar, common.quiet, &error.to_string());
        }
    };
    for input in records {
        if let source::Input::File(path) = input {
            source::records(&path).for_each(&mut take);
        }
    }
    let pool = thread_pool(common.threads)?;
    let mut documents: Vec<Box<dyn Iterator<Item = Result<source::Document, SourceError>>>> =
        vec![Box::new(source::documents(raw))];
    if !stdin.is_empty() {
        match source::stdin_records_or_documents() {
            source::StdinHolds::Records(records) => records.for_each(&mut take),
            source::StdinHolds::Documents(stdin_documents) => documents.push(stdin_documents),
        }
    }
    pipeline::run(
        documents.into_iter().flatten(),
        &pool,
        common.lang,
        Depth::Extract,
        common.limits,
        &mut take,
    );
    bar.finish_and_clear();
    if let Some(error) = spool_error {
        return Err(error.context("cannot keep articles' text for report.html"));
    }
    if articles.is_empty() {
        anyhow::bail!("no article records or documents in the inputs: no graph written");
    }
    crate::output::remove_stale_temporaries(output_dir)?;
    let files = write_graph(articles, output_dir, common.quiet, view, &mut spool)?;
    put_in_place(output_dir, files, &inputs, &outcome)?;
    Ok(outcome)
}

/// Reads every article of the inputs into memory; for commands that compare whole sets.
pub fn collect_articles(common: &Common, depth: Depth) -> Result<(Vec<Article>, Vec<SourceError>)> {
    let inputs = source::expand_inputs(&common.inputs);
    let mut articles = Vec::new();
    let mut errors = Vec::new();
    let pool = thread_pool(common.threads)?;
    pipeline::run(
        source::documents(inputs),
        &pool,
        common.lang,
        depth,
        common.limits,
        |result| match result {
            Ok(article) => articles.push(article),
            Err(error) if error.skipped => {}
            Err(error) => errors.push(error),
        },
    );
    Ok((articles, errors))
}

/// `warta eval --gold DIR [INPUTS…]`: the pipeline on the inputs whose id has a gold file, or on
/// the articles beside the gold files, scored as SPEC.md says.
pub fn eval_gold(common: &Common, gold_dir: &Path, json: bool) -> Result<(String, Outcome)> {
    let gold = crate::eval::load_gold(gold_dir)?;
    let mut common = common.clone();
    if common.inputs.is_empty() {
        if gold.beside.is_empty() {
            bail!(
                "no inputs given and no article files beside the gold files in {}",
                gold_dir.display()
            );
        }
        common.inputs = gold.beside.clone();
    }
    let (mut articles, errors) = collect_articles(&common, Depth::Extract)?;
    for error in &errors {
        eprintln!("warta: {error}");
    }
    articles.retain(|a| gold.articles.contains_key(&a.id));
    let corpus = crate::resolve::corpus_facts(&articles);
    let report = crate::eval::evaluate(&gold, &articles, Some(&corpus));
    let text = if json {
        serde_json::to_string_pretty(&report)? + "\n"
    } else {
        crate::eval::render_table(&report)
    };
    Ok((
        text,
        Outcome {
            processed: articles.len(),
            failed: errors.len(),
            ..Outcome::default()
        },
    ))
}

fn read_conll_file(path: &Path) -> Result<Vec<crate::ner::Sentence>> {
    let file =
        std::fs::File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    crate::ner::read_conll(io::BufReader::new(file)).with_context(|| format!("{}", path.display()))
}

/// `warta eval --ner FILE`: entity-level scores of the bundled tagger on CoNLL data.
pub fn eval_ner(path: &Path, language: &str, json: bool) -> Result<String> {
    let sentences = read_conll_file(path)?;
    let model = crate::ner::Model::bundled(language);
    // the first call loads the model and word lists; time the tagging alone
    if let Some(first) = sentences.first() {
        model.tag(&first.tokens);
    }
    // a small data set is tagged again until a second has passed, so the rate is not noise
    let started = std::time::Instant::now();
    // each pass starts without the words' scores that tagging keeps: a corpus seen once
    let tag_all = || -> Vec<Vec<&str>> {
        crate::ner::forget_kept_scores();
        sentences.iter().map(|s| model.tag(&s.tokens)).collect()
    };
    let predicted = tag_all();
    let mut passes = 1;
    while started.elapsed() < std::time::Duration::from_secs(1) {
        std::hint::black_box(tag_all());
        passes += 1;
    }
    let seconds = started.elapsed().as_secs_f64();
    let tokens: usize = sentences.iter().map(|s| s.tokens.len()).sum();
    let rate = (tokens * passes) as f64 / seconds.max(1e-9);
    let report = crate::eval::score_ner(&sentences, &predicted, rate);
    Ok(if json {
        serde_json::to_string_pretty(&report)? + "\n"
    } else {
        crate::eval::render_ner(&report)
    })
}

/// `warta train-ner`: rebuilds the tagger's model from CoNLL data and reports dev scores.
pub fn train_ner(
    train: &[PathBuf],
    auxiliary: &[PathBuf],
    dev: Option<&Path>,
    language: &str,
    epochs: usize,
    output: &Path,
) -> Result<String> {
    let read_all = |paths: &[PathBuf]| -> Result<Vec<crate::ner::Sentence>> {
        let mut sentences = Vec::new();
        for path in paths {
            sentences.extend(read_conll_file(path)?);
        }
        Ok(sentences)
    };
    let sentences = read_all(train)?;
    let auxiliary = read_all(auxiliary)?;
    let dev_sentences = dev.map(read_conll_file).transpose()?;
    let mut log = String::new();
    let model = crate::ner::train(&sentences, &auxiliary, language, epochs, |epoch, model| {
        if let Some(dev) = &dev_sentences {
            let predicted: Vec<Vec<&str>> = dev.iter().map(|s| model.tag(&s.tokens)).collect();
            let report = crate::eval::score_ner(dev, &predicted, 0.0);
            let line = format!("epoch {epoch}: dev micro F1 {:.4}\n", report.micro.f1());
            eprint!("{line}");
            log.push_str(&line);
        }
    });
    write_atomic(output, &model.to_bytes())
        .with_context(|| format!("cannot write {}", output.display()))?;
    log.push_str(&format!(
        "model written to {} ({} sentences, {} auxiliary)\n",
        output.display(),
        sentences.len(),
        auxiliary.len()
    ));
    Ok(log)
}
