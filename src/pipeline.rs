//! Runs the stages over a corpus: parallel over documents, streaming through a bounded window so
//! memory does not grow with the corpus, and yielding results in input order so output is the
//! same whatever the thread count.

use std::collections::{BTreeMap, VecDeque};
use std::panic::{self, AssertUnwindSafe};
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::time::Duration;

use crate::budget::{self, OverBudget};
use crate::clean::{self, Cleaned};
use crate::extract;
use crate::html;
use crate::lang::{self, Pack};
use crate::record::Article;
use crate::source::{Document, Format, SourceError};

/// Which language pack to read documents with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LangChoice {
    #[default]
    Auto,
    Fixed(&'static str),
}

/// How far to take each document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Depth {
    /// Text and metadata only.
    Clean,
    /// Everything the extractors find as well.
    Extract,
}

/// What one document, and the documents in flight together, may take.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Limits {
    /// Time for one document's work: one that takes longer is reported and skipped, so it
    /// cannot stall the run. `None` for no limit.
    pub time: Option<Duration>,
    /// Bytes of documents read ahead and held at once, whatever their number.
    pub bytes_in_flight: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            time: Some(Duration::from_secs(20)),
            bytes_in_flight: 64 * 1024 * 1024,
        }
    }
}

/// Cleans one document, and extracts from it at [`Depth::Extract`].
pub fn process(mut document: Document, lang: LangChoice, depth: Depth) -> Article {
    if document.format == Format::Html {
        if let Some(flat) = html::flatten_deep_nesting(&document.content) {
            document.content = flat;
            document.warnings.push(format!(
                "markup nested deeper than {} elements: the deeper tags were dropped, their text kept",
                html::MAX_NESTING
            ));
        }
    }
    let (cleaned, page_language, pack) = clean_document(&document, lang);
    let body_text = cleaned.body.join("\n");
    let article_url = document.meta.url.as_deref();
    let language = match lang {
        LangChoice::Fixed(code) => Some(code.to_string()),
        LangChoice::Auto => {
            lang::detect(&body_text, article_url, cleaned.outlet.as_deref()).or(page_language)
        }
    };
    let mut article = Article {
        id: document.id,
        url: document.meta.url,
        language,
        outlet: cleaned.outlet,
        title: cleaned.title,
        published: cleaned.published,
        authors: cleaned.authors,
        body: cleaned.body,
        provenance: Some(document.provenance),
        removed: cleaned.removed,
        repairs: cleaned.repairs,
        warnings: document.warnings,
        ..Article::default()
    };
    if depth == Depth::Extract {
        // the cleaning pack was guessed from raw text; the clean text's language decides
        let pack = article
            .language
            .as_deref()
            .and_then(lang::pack)
            .unwrap_or(pack);
        extract::extract(&mut article, pack);
    }
    article
}

fn clean_document(
    document: &Document,
    lang: LangChoice,
) -> (Cleaned, Option<String>, &'static Pack) {
    match document.format {
        Format::Text => {
            let pack = choose_pack(lang, &document.content);
            (
                clean::clean_text(&document.content, pack, &document.meta),
                None,
                pack,
            )
        }
        Format::Html => {
            let page = scraper::Html::parse_document(&document.content);
            let blocks = html::page_blocks(&page);
            let meta = html::page_meta(&page);
            let sample: String = blocks
                .iter()
                .filter(|b| b.removed.is_none())
                .map(|b| b.text.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            let pack = choose_pack(lang, &sample);
            let mut source_meta = document.meta.clone();
            source_meta.outlet = source_meta.outlet.or(meta.site_name);
            source_meta.published = source_meta.published.or_else(|| {
                html::published(meta.published.as_deref(), &blocks, pack.date_reader())
            });
            source_meta.title = source_meta.title.or(meta.title);
            let mut cleaned = clean::clean_blocks(blocks, pack, &source_meta);
            if cleaned.authors.is_empty() {
                cleaned.authors = meta.authors;
            }
            (cleaned, meta.language, pack)
        }
    }
}

fn choose_pack(lang: LangChoice, text: &str) -> &'static Pack {
    match lang {
        LangChoice::Fixed(code) => lang::pack(code).unwrap_or_else(|| lang::guess_pack(text)),
        LangChoice::Auto => lang::guess_pack(text),
    }
}

/// Processes a stream of documents with the pool's workers, handing each result to `sink` in
/// input order. Each document is a job of its own, so a worker takes the next document as soon
/// as it is done with one rather than waiting for a batch's slowest; the calling thread reads
/// ahead and hands results on in order. Documents read and not yet handed on are at most 32 per
/// worker and hold at most the bytes `limits` allow (but always one document), so memory does
/// not grow with the corpus however slow one document is.
pub fn run<I, F>(
    mut documents: I,
    pool: &rayon::ThreadPool,
    lang: LangChoice,
    depth: Depth,
    limits: Limits,
    mut sink: F,
) where
    I: Iterator<Item = Result<Document, SourceError>>,
    F: FnMut(Result<Article, SourceError>),
{
    let mut window = Window::new(pool.current_num_threads().max(1) * 32, limits);
    let finished = Arc::new(Finished::default());
    let mut ended = false;
    let mut warmed = false;
    loop {
        while !ended && window.has_room() {
            let Some(item) = documents.next() else {
                ended = true;
                break;
            };
            if let (false, Ok(document)) = (warmed, &item) {
                warm_up(pool, lang, &document.content, depth);
                warmed = true;
            }
            let bytes = item.as_ref().map_or(0, |d| d.content.len());
            let number = window.read(bytes);
            match item {
                Ok(document) => {
                    let finished = Arc::clone(&finished);
                    pool.spawn(move || {
                        let result = guarded(document, limits.time, |d| process(d, lang, depth));
                        finished.add(number, result);
                    });
                }
                Err(error) => window.finish(number, Err(error)),
            }
        }
        window.hand_on(&mut sink);
        if window.is_empty() {
            if ended {
                break;
            }
            continue;
        }
        // half the jobs in flight are worth a switch to this thread, and leave the workers
        // the other half to go on with meanwhile
        let wanted = window.unfinished().div_ceil(2);
        for (number, result) in finished.take(wanted) {
            window.finish(number, result);
        }
        window.hand_on(&mut sink);
    }
}

/// Builds what the first document's language needs, side by side on the pool's threads, before
/// the first documents ask for it: its pack's automata, patterns and word lists, and for
/// extraction its tagger. Otherwise the thread that takes the first document builds them one
/// after another while the other threads wait on it. With one thread there is no other to
/// build on, and nothing is done ahead.
fn warm_up(pool: &rayon::ThreadPool, lang: LangChoice, first: &str, depth: Depth) {
    if pool.current_num_threads() < 2 {
        return;
    }
    let pack = choose_pack(lang, first);
    let code = pack.code.as_str();
    let mut parts: Vec<Box<dyn FnOnce() + Send>> = Vec::new();
    // the longest first
    if depth == Depth::Extract {
        parts.push(Box::new(move || crate::ner::Model::warm_up(code)));
    }
    parts.push(Box::new(move || clean::warm_up(pack)));
    parts.push(Box::new(move || {
        pack.date_reader();
    }));
    // cleaning reads them too: a glued word is told by the roots, common words and names
    for list in lang::word_lists_of(code) {
        parts.push(Box::new(move || {
            lang::word_list(code, list);
        }));
    }
    if depth == Depth::Extract {
        parts.push(Box::new(move || {
            pack.registers();
            pack.cue_forms();
            pack.never_names();
        }));
    }
    for part in parts {
        pool.spawn(part);
    }
}

/// The results of the jobs in flight, gathered for the reading thread, which is woken once
/// as many are there as it asked for rather than for each one.
#[derive(Default)]
struct Finished {
    state: Mutex<FinishedState>,
    enough: Condvar,
}

#[derive(Default)]
struct FinishedState {
    results: Vec<(u64, Result<Article, SourceError>)>,
    /// How many results the reading thread waits for; 0 when it is not waiting.
    wanted: usize,
}

impl Finished {
    fn add(&self, number: u64, result: Result<Article, SourceError>) {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        state.results.push((number, result));
        if state.wanted > 0 && state.results.len() >= state.wanted {
            self.enough.notify_one();
        }
    }

    /// Waits until at least `wanted` results are there, and takes them all.
    fn take(&self, wanted: usize) -> Vec<(u64, Result<Article, SourceError>)> {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        state.wanted = wanted;
        while state.results.len() < wanted {
            state = self
                .enough
                .wait(state)
                .unwrap_or_else(PoisonError::into_inner);
        }
        state.wanted = 0;
        std::mem::take(&mut state.results)
    }
}

/// The documents between the reading and the handing on: numbered in input order, each with
/// its bytes, and their results as they finish, possibly out of order.
struct Window {
    most: usize,
    bytes_most: usize,
    /// The number of the next result handed on.
    handed: u64,
    bytes: usize,
    /// The bytes of each document read and not yet handed on, in input order.
    sizes: VecDeque<usize>,
    finished: BTreeMap<u64, Result<Article, SourceError>>,
}

impl Window {
    fn new(most: usize, limits: Limits) -> Window {
        Window {
            most,
            bytes_most: limits.bytes_in_flight,
            handed: 0,
            bytes: 0,
            sizes: VecDeque::new(),
            finished: BTreeMap::new(),
        }
    }

    fn is_empty(&self) -> bool {
        self.sizes.is_empty()
    }

    /// The documents read whose results have not come yet.
    fn unfinished(&self) -> usize {
        self.sizes.len() - self.finished.len()
    }

    fn has_room(&self) -> bool {
        self.is_empty() || (self.sizes.len() < self.most && self.bytes < self.bytes_most)
    }

    /// Takes a document of `bytes` in, and gives its number.
    fn read(&mut self, bytes: usize) -> u64 {
        let number = self.handed + self.sizes.len() as u64;
        self.bytes += bytes;
        self.sizes.push_back(bytes);
        number
    }

    fn finish(&mut self, number: u64, result: Result<Article, SourceError>) {
        self.finished.insert(number, result);
    }

    /// Hands on the results that are next in input order.
    fn hand_on(&mut self, sink: &mut impl FnMut(Result<Article, SourceError>)) {
        while let Some(result) = self.finished.remove(&self.handed) {
            self.handed += 1;
            self.bytes -= self.sizes.pop_front().unwrap_or_default();
            sink(result);
        }
    }
}

thread_local! {
    /// Whether this thread is processing a document under [`guarded`], which reports a panic
    /// with the document it came from.
    static IN_DOCUMENT: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Installs the panic report: a bug inside a document's processing is reported by the
/// pipeline with that document; any other panic is reported here, as a bug, never hidden.
pub fn report_panics() {
    panic::set_hook(Box::new(|info| {
        if !IN_DOCUMENT.with(std::cell::Cell::get) {
            eprintln!("warta: internal error (a bug, please report it): {info}");
        }
    }));
}

/// Turns a bug that panics on one document into an error for that document alone, and a
/// document past its time into a report that it was skipped.
fn guarded(
    mut document: Document,
    time: Option<Duration>,
    work: impl FnOnce(Document) -> Article,
) -> Result<Article, SourceError> {
    let path = document.provenance.path.clone();
    let record = document.provenance.record;
    let line = document.line.take();
    IN_DOCUMENT.with(|flag| flag.set(true));
    let processed =
        panic::catch_unwind(AssertUnwindSafe(|| budget::within(time, || work(document))));
    IN_DOCUMENT.with(|flag| flag.set(false));
    processed.map_err(|cause| {
        let reason = if cause.is::<OverBudget>() {
            format!(
                "took longer than {} s, skipped",
                time.map_or(0.0, |t| t.as_secs_f64())
            )
        } else {
            let message = cause
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| cause.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            format!("internal error, document skipped: {message}")
        };
        SourceError {
            line,
            ..SourceError::new(&path, record, reason)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::Provenance;
    use crate::source::SourceMeta;

    fn document() -> Document {
        Document {
            id: "doc".into(),
            format: Format::Text,
            provenance: Provenance {
                path: "feed.jsonl".into(),
                record: Some(7),
                ..Provenance::default()
            },
            content: "Judul\n\nIsi berita.".into(),
            meta: SourceMeta::default(),
            warnings: Vec::new(),
            line: None,
        }
    }

    fn pool(threads: usize) -> rayon::ThreadPool {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap()
    }

    #[test]
    fn no_more_bytes_than_allowed_are_read_ahead() {
        let pulled = std::cell::Cell::new(0);
        let documents = (0..20).map(|n| {
            pulled.set(pulled.get() + 1);
            let mut d = document();
            d.id = format!("doc{n}");
            d.content = format!("Judul\n\n{}.", "kata ".repeat(200)); // about 1 KB
            Ok(d)
        });
        let pool = pool(2);
        let limits = Limits {
            time: None,
            bytes_in_flight: 2_500,
        };
        let mut most_held = 0;
        let mut ids = Vec::new();
        run(
            documents,
            &pool,
            LangChoice::Fixed("id"),
            Depth::Clean,
            limits,
            |result| {
                most_held = most_held.max(pulled.get() - ids.len());
                ids.push(result.unwrap().id);
            },
        );
        // reading stops once the documents held reach 2,500 bytes: the third of about 1 KB
        // crosses it (though two workers could take 64 documents)
        assert_eq!(most_held, 3);
        assert_eq!(ids.len(), 20);
        let in_order: Vec<String> = (0..20).map(|n| format!("doc{n}")).collect();
        assert_eq!(ids, in_order);
    }

    #[test]
    fn a_document_that_cannot_be_read_keeps_its_place() {
        let documents = (0..40).map(|n| match n % 3 {
            0 => Err(SourceError::new("feed.jsonl", Some(n), "not JSON")),
            _ => {
                let mut d = document();
                d.id = format!("doc{n}");
                Ok(d)
            }
        });
        let pool = pool(3);
        let mut seen = Vec::new();
        run(
            documents,
            &pool,
            LangChoice::Fixed("id"),
            Depth::Extract,
            Limits::default(),
            |result| {
                seen.push(match result {
                    Ok(article) => article.id,
                    Err(error) => format!("error {}", error.record.unwrap_or_default()),
                })
            },
        );
        let expected: Vec<String> = (0..40)
            .map(|n| match n % 3 {
                0 => format!("error {n}"),
                _ => format!("doc{n}"),
            })
            .collect();
        assert_eq!(seen, expected);
    }

    #[test]
    fn a_bug_in_one_document_is_reported_with_that_document() {
        let error = guarded(document(), None, |_| panic!("index out of range")).unwrap_err();
        let shown = error.to_string();
        assert!(shown.contains("feed.jsonl"), "{shown}");
        assert!(shown.contains('7'), "{shown}");
        assert!(
            shown.contains("internal error, document skipped: index out of range"),
            "{shown}"
        );
    }

    #[test]
    fn a_document_past_its_time_is_skipped_and_said_so() {
        let error = guarded(document(), Some(Duration::ZERO), |d| {
            budget::check();
            loop {
                budget::check();
                let _ = &d;
            }
        })
        .unwrap_err();
        assert!(
            error.to_string().contains("took longer than 0 s, skipped"),
            "{error}"
        );
        // the next document on the thread has its whole budget
        assert!(guarded(document(), None, |d| process(
            d,
            LangChoice::Auto,
            Depth::Clean
        ))
        .is_ok());
    }
}
