//! Cleaning scraped article text: which lines are the article's own, and what the page says
//! about it (title, outlet, publication time, authors).
//!
//! Decisions combine a language pack's phrases with structure that holds in any language:
//! headline-like lines without sentence punctuation, runs of short tag lines, a caption before a
//! photo credit, a teaser that repeats a body sentence, the tail after an end marker. Every line
//! taken out is kept in the audit with its reason, so nothing is lost.

mod header;
pub(crate) mod seams;

use foldhash::{HashMap, HashSet};
use std::sync::OnceLock;

use memchr::memmem::Finder;
use regex::Regex;

use crate::lang::{fold, Bits, Pack};
use crate::record::{Removed, Repair};
use crate::source::SourceMeta;

/// What cleaning found in one article.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cleaned {
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<String>,
    pub authors: Vec<String>,
    pub body: Vec<String>,
    pub removed: Vec<Removed>,
    /// Spaces the scrape dropped between words, found in the title and the kept body.
    pub repairs: Vec<Repair>,
}

#[derive(Debug, Clone, PartialEq)]
enum Verdict {
    Keep,
    Title,
    Remove(String),
}

#[derive(Debug, Clone)]
struct Para {
    line: usize,
    text: String,
    /// The text folded as phrase look-ups want it, and its word count: most rules ask for
    /// one or the other, so each is worked out once per paragraph.
    folded: String,
    words: usize,
    verdict: Verdict,
    /// Marked up as a heading or list item, so it may lack sentence punctuation.
    structural: bool,
}

impl Para {
    fn new(line: usize, text: String, verdict: Verdict, structural: bool) -> Para {
        let folded = fold(&text);
        Para {
            line,
            words: folded_words(&folded),
            folded,
            text,
            verdict,
            structural,
        }
    }

    fn truncate(&mut self, at: usize) {
        self.text.truncate(at);
        self.text.truncate(self.text.trim_end().len());
        self.folded = fold(&self.text);
        self.words = folded_words(&self.folded);
    }

    fn headline_like(&self) -> bool {
        !ends_sentence(&self.text) && self.words <= 30
    }

    /// A kept line of scraped text that may be a headline: no markup says what it is, and it
    /// reads like one.
    fn headline_candidate(&self) -> bool {
        self.kept() && !self.structural && self.headline_like()
    }

    /// A paragraph that reads as running text of the article.
    fn body_like(&self) -> bool {
        (self.words >= 8 && ends_sentence(&self.text)) || self.words >= 25
    }

    fn kept(&self) -> bool {
        self.verdict == Verdict::Keep
    }

    fn remove(&mut self, reason: &str) {
        self.verdict = Verdict::Remove(reason.to_string());
    }

    fn removed_as(&self, reason: &str) -> bool {
        matches!(&self.verdict, Verdict::Remove(r) if r == reason)
    }
}

/// Cleans one article's text with the given language pack.
pub fn clean_text(text: &str, pack: &Pack, meta: &SourceMeta) -> Cleaned {
    let mut paras = paragraphs(text);
    let Some(scraped) = header::read(text, pack) else {
        let meta = headline_by_position(text, &mut paras, meta, pack);
        return clean_paragraphs(paras, pack, &meta, Source::Text);
    };
    for para in &mut paras {
        crate::budget::check();
        if Some(para.line) == scraped.title_line {
            para.verdict = Verdict::Title;
        } else if para.line == scraped.date_line {
            para.remove("dateline");
        } else if scraped.author_lines.contains(&para.line) {
            para.remove("byline");
        }
    }
    let meta = SourceMeta {
        title: meta.title.clone().or(Some(scraped.title)),
        published: meta.published.clone().or(scraped.published),
        outlet: meta.outlet.clone().or(scraped.outlet),
        url: meta.url.clone(),
    };
    let mut cleaned = clean_paragraphs(paras, pack, &meta, Source::Text);
    if cleaned.authors.is_empty() {
        cleaned.authors = scraped.authors;
    }
    cleaned
}

/// Cleans text blocks that a structured source (a web page) has already split, some of them
/// already judged to be boilerplate; their place in the page is their line.
pub fn clean_blocks(blocks: Vec<crate::html::Block>, pack: &Pack, meta: &SourceMeta) -> Cleaned {
    let paras = blocks
        .into_iter()
        .enumerate()
        .map(|(i, block)| {
            let verdict = match block.removed {
                Some(reason) => Verdict::Remove(reason.to_string()),
                None => Verdict::Keep,
            };
            Para::new(i + 1, block.text, verdict, block.structural)
        })
        .collect();
    clean_paragraphs(paras, pack, meta, Source::Markup)
}

/// Where paragraphs come from: scraped text carries the whole page, markup arrives already cut
/// down to the article's container.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Source {
    Text,
    Markup,
}

fn clean_paragraphs(
    mut paras: Vec<Para>,
    pack: &Pack,
    meta: &SourceMeta,
    source: Source,
) -> Cleaned {
    let mut trimmed = Vec::new();
    for para in paras.iter_mut().filter(|p| p.kept()) {
        crate::budget::check();
        if let Some(reason) = line_reason(para, pack) {
            para.remove(&reason);
        } else if let Some(initials) = trailing_initials(&para.text) {
            let at = para.text.len() - initials.len();
            trimmed.push(Removed {
                line: para.line,
                reason: "byline".into(),
                text: initials.trim().to_string(),
            });
            para.truncate(at);
        }
    }
    mark_captions(&mut paras, pack);
    mark_timed_headlines(&mut paras);
    if source == Source::Text {
        mark_duplicate_runs(&mut paras);
    }
    let title = mark_title(&mut paras, meta);
    let body_start = first_body_paragraph(&paras);
    let header_end = body_start.unwrap_or(paras.len());
    let header = Header::read(&mut paras, header_end, pack);
    if source == Source::Text {
        mark_headlines(&mut paras, pack);
    }
    // scraped text repeats page furniture; inside an article's markup a repeat is the text's own
    mark_duplicates(&mut paras, body_start, source == Source::Text);
    if source == Source::Text {
        mark_tail(&mut paras, pack);
        mark_teaser_islands(&mut paras, pack);
    }
    let outlet = meta
        .outlet
        .clone()
        .or(header.outlet)
        .or_else(|| body_outlet(&paras, body_start))
        .or_else(|| pack.outlet_of_url(meta.url.as_deref()?).map(str::to_string));
    let mut removed: Vec<Removed> = paras
        .iter()
        .filter_map(|p| match &p.verdict {
            Verdict::Remove(reason) => Some(Removed {
                line: p.line,
                reason: reason.clone(),
                text: p.text.clone(),
            }),
            _ => None,
        })
        .chain(trimmed)
        .collect();
    removed.sort_by_key(|r| r.line);
    let body: Vec<String> = paras
        .iter()
        .filter(|p| p.kept())
        .map(|p| p.text.clone())
        .collect();
    let title_repairs = title.iter().flat_map(|t| seams::repairs(t, 0, true, pack));
    let body_repairs = body
        .iter()
        .enumerate()
        .flat_map(|(i, p)| seams::repairs(p, i, false, pack));
    Cleaned {
        repairs: title_repairs.chain(body_repairs).collect(),
        title,
        outlet,
        published: meta.published.clone().or(header.published),
        authors: header.authors,
        body,
        removed,
    }
}

/// Builds what cleaning with `pack` builds on first use: its boilerplate automata and the
/// patterns cleaning reads every text with.
pub(crate) fn warm_up(pack: &Pack) {
    pack.build_boilerplate();
    regexes();
    site_name("");
    trailing_initials("");
    seams::warm_up(pack);
}

/// Editors' initials at the very end of a paragraph ("… kata dia. (fai/idh)").
fn trailing_initials(text: &str) -> Option<&str> {
    static INITIALS: OnceLock<Regex> = OnceLock::new();
    thread_local! {
        static OWN: Regex = own_copy(INITIALS.get_or_init(|| {
            Regex::new(r"\s\(\s*[a-z]{2,5}(\s*/\s*[a-z]{2,5})+\s*\)$")
                .expect("initials pattern compiles")
        }));
    }
    OWN.with(|pattern| pattern.find(text).map(|m| m.start()))
        .map(|start| &text[start..])
}

/// A thread's own copy of a pattern compiled once: a `Regex` lends its search cache to the
/// first thread that uses it and has every other thread take one from a locked stack, which
/// cost a second worker more than its searches of short lines did; a copy shares the compiled
/// pattern and keeps a cache of its own.
fn own_copy(pattern: &Regex) -> Regex {
    pattern.clone()
}

/// Splits text into paragraphs: one per line, except that a hard-wrapped line running on in
/// lower case is joined to the line before it.
fn paragraphs(text: &str) -> Vec<Para> {
    let mut paras: Vec<(usize, String)> = Vec::new();
    let mut previous_blank = true;
    for (index, raw) in text.lines().enumerate() {
        crate::budget::check();
        let line = crate::lang::single_spaced(raw);
        if line.is_empty() {
            previous_blank = true;
            continue;
        }
        let continues = !previous_blank
            && paras
                .last()
                .is_some_and(|(_, p)| !ends_sentence(p) && p.len() > 60)
            && line.chars().next().is_some_and(char::is_lowercase);
        match paras.last_mut() {
            Some((_, last)) if continues => {
                last.push(' ');
                last.push_str(&line);
            }
            _ => paras.push((index + 1, line)),
        }
        previous_blank = false;
    }
    paras
        .into_iter()
        .map(|(line, text)| Para::new(line, text, Verdict::Keep, false))
        .collect()
}

fn regexes() -> &'static [(Regex, &'static str)] {
    static RULES: OnceLock<Vec<(Regex, &'static str)>> = OnceLock::new();
    RULES.get_or_init(|| {
        [
            // image and table debris from HTML-to-markdown scrapers: "![]() |", "---|"
            (r"^[\s!\[\]()|:\-_=*#>•·]*$", "markup-debris"),
            (r"^!\[[^\]]*\]\([^)]*\)", "markup-debris"),
            (r"\s\|$", "markup-debris"),
            // template placeholders such as img_title
            (r"^[a-z]+(_[a-z0-9]+)+$", "markup-debris"),
            (r"^(https?://|www\.)\S+$", "link"),
            // editors' initials closing a story: "(fai/idh)"
            (r"^\(\s*[a-z]{2,5}(\s*/\s*[a-z]{2,5})+\s*\)$", "byline"),
            (r"^[\w.+-]+@[\w-]+\.[\w.]+$", "link"),
        ]
        .into_iter()
        .map(|(pattern, reason)| (Regex::new(pattern).expect("rule compiles"), reason))
        .collect()
    })
}

/// The reason a line is boilerplate on its own, whatever surrounds it.
fn line_reason(para: &Para, pack: &Pack) -> Option<String> {
    let text = para.text.as_str();
    if let Some(reason) = pack.boilerplate_reason(&para.folded) {
        return Some(reason.to_string());
    }
    if site_name(text).is_some_and(|site| site.len() == text.len()) {
        return Some("site-name".to_string());
    }
    thread_local! {
        static OWN: Vec<(Regex, &'static str)> = regexes()
            .iter()
            .map(|(pattern, reason)| (own_copy(pattern), *reason))
            .collect();
    }
    OWN.with(|rules| {
        rules
            .iter()
            .find(|(re, _)| re.is_match(text))
            .map(|(_, reason)| reason.to_string())
    })
}

/// A web site's name used as the outlet ("VIVA.co.id", "KOMPAS.com"), if the text starts with one.
pub(crate) fn site_name(text: &str) -> Option<&str> {
    static SITE: OnceLock<Regex> = OnceLock::new();
    thread_local! {
        static OWN: Regex = own_copy(SITE.get_or_init(|| {
            Regex::new(r"(?i)^[A-Za-z][A-Za-z0-9-]*(?:\.[A-Za-z][A-Za-z0-9-]*)*\.(?:com|co|id|net|org|news|tv|my|sg|info|biz|io)(?:\.(?:id|uk|my|sg|au))?\b")
                .expect("site pattern compiles")
        }));
    }
    OWN.with(|site| site.find(text).map(|m| m.range()))
        .map(|range| &text[range])
}

/// How many words a text has, from its [`fold`]: its words joined by single spaces.
fn folded_words(folded: &str) -> usize {
    if folded.is_empty() {
        0
    } else {
        folded.bytes().filter(|&b| b == b' ').count() + 1
    }
}

/// Whether the text ends the way a sentence does; an ellipsis marks a cut-off teaser instead.
fn ends_sentence(text: &str) -> bool {
    let text = text.trim_end();
    if text.ends_with("...") || text.ends_with('…') {
        return false;
    }
    text.chars()
        .last()
        .is_some_and(|c| ".!?\"”’'»:;".contains(c))
}

/// Where the article's text begins: the first paragraph that reads as running text and is not
/// a teaser that a later paragraph repeats. Comparing each candidate with every later
/// paragraph is quadratic in a long text of repeated paragraphs, so past a few times the
/// text's length of comparisons the first paragraph that reads as running text is taken.
fn first_body_paragraph(paras: &[Para]) -> Option<usize> {
    let candidates = (0..paras.len()).filter(|&i| paras[i].kept() && paras[i].body_like());
    let first = candidates.clone().next();
    let allowance = 8 * paras.iter().map(|p| p.folded.len()).sum::<usize>() + (1 << 20);
    let mut compared = 0;
    for i in candidates {
        let mut repeated = false;
        let needle = &paras[i].folded;
        // built for the first paragraph long enough to hold the candidate: often none is
        let mut finder = None;
        for later in &paras[i + 1..] {
            compared += later.folded.len();
            if compared > allowance {
                return first;
            }
            if later.folded.len() < needle.len() {
                continue;
            }
            let finder = finder.get_or_insert_with(|| Finder::new(needle));
            if finder.find(later.folded.as_bytes()).is_some() {
                repeated = true;
                break;
            }
        }
        if !repeated {
            return Some(i);
        }
    }
    None
}

/// Captions: the line before a photo-credit marker, or a short line opening with a caption word.
fn mark_captions(paras: &mut [Para], pack: &Pack) {
    let words_of = &pack.article;
    for i in 0..paras.len() {
        let folded = paras[i].folded.as_str();
        let label = folded.trim_end_matches([':', ' ']);
        let is_credit = words_of.credit_markers.iter().any(|m| {
            label == m
                || (folded.starts_with(m.as_str())
                    && folded[m.len()..].trim_start().starts_with(':'))
        });
        if is_credit {
            paras[i].remove("photo-credit");
            let mut next = i + 1;
            while next < paras.len() && paras[next].text.starts_with(['•', '·', '-', '*']) {
                paras[next].remove("photo-credit");
                next += 1;
            }
            if let Some(previous) = (0..i).rev().find(|&j| !paras[j].removed_as("photo-credit")) {
                if paras[previous].kept() && paras[previous].words <= 40 {
                    paras[previous].remove("caption");
                }
            }
        } else if paras[i].kept()
            && paras[i].words <= 25
            && words_of
                .caption_openers
                .iter()
                .any(|o| folded.starts_with(o.as_str()))
        {
            paras[i].remove("caption");
        }
    }
}

/// A list of other stories prints each headline with its time under it ("2 jam yang lalu"):
/// the line above such a time is a headline.
fn mark_timed_headlines(paras: &mut [Para]) {
    for i in 1..paras.len() {
        if paras[i].removed_as("related-time")
            && paras[i - 1].kept()
            && paras[i - 1].headline_like()
        {
            paras[i - 1].remove("related-headline");
        }
    }
}

/// The most words of a first line set apart as a headline ("Brexit: MPs reject deal.").
const MAX_HEADLINE_WORDS: usize = 30;

/// A plain text's first line, set apart by a blank line from what follows, is its headline,
/// even where it ends in a full stop or has few words; a long first paragraph is body.
fn headline_by_position(
    text: &str,
    paras: &mut [Para],
    meta: &SourceMeta,
    pack: &Pack,
) -> SourceMeta {
    let mut meta = meta.clone();
    let first_line = text.lines().position(|l| !l.trim().is_empty());
    let blank_after = first_line
        .and_then(|i| text.lines().nth(i + 1))
        .is_some_and(|l| l.trim().is_empty());
    let (Some(first), [head, _, ..]) = (first_line, &mut paras[..]) else {
        return meta;
    };
    let headline_like = head.words <= MAX_HEADLINE_WORDS
        && pack.boilerplate_reason(&head.folded).is_none()
        && !(head.text.ends_with(['.', '!', '?']) && head.words > MAX_HEADLINE_WORDS / 2);
    if meta.title.is_none() && blank_after && head.line == first + 1 && headline_like {
        head.verdict = Verdict::Title;
        meta.title = Some(head.text.clone());
    }
    meta
}

/// The headline: the source's own title if it gave one, else the first headline-like line.
fn mark_title(paras: &mut [Para], meta: &SourceMeta) -> Option<String> {
    if paras.iter().any(|p| p.verdict == Verdict::Title) {
        return meta.title.clone();
    }
    if let Some(title) = &meta.title {
        let folded = fold(title);
        if let Some(para) = paras.iter_mut().find(|p| p.kept() && p.folded == folded) {
            para.verdict = Verdict::Title;
        }
        return Some(title.clone());
    }
    let para = paras.iter_mut().take(12).find(|p| {
        p.kept() && (3..=30).contains(&p.words) && !p.text.ends_with('.') && !p.text.ends_with(',')
    })?;
    para.verdict = Verdict::Title;
    Some(para.text.clone())
}

/// What the lines between the headline and the body say: dateline, time and byline.
#[derive(Debug, Default)]
struct Header {
    outlet: Option<String>,
    published: Option<String>,
    authors: Vec<String>,
}

impl Header {
    fn read(paras: &mut [Para], body_start: usize, pack: &Pack) -> Header {
        let reader = pack.date_reader();
        let mut header = Header::default();
        let mut after_dateline = false;
        for para in paras[..body_start].iter_mut() {
            if para.verdict == Verdict::Title {
                continue;
            }
            if para.kept() && para.words <= 14 && header.published.is_none() {
                if let Some(date) = reader.find_all(&para.text).into_iter().next() {
                    header.published = date.iso(None);
                    let before =
                        para.text[..date.start].trim_end_matches([' ', '-', '–', '—', '|', ',']);
                    header.outlet = site_name(before).map(str::to_string);
                    para.remove("dateline");
                    after_dateline = true;
                    continue;
                }
            }
            if para.removed_as("byline") {
                header.authors.extend(labelled_names(&para.text, pack));
                continue;
            }
            if para.kept() && after_dateline && name_like(&para.text, pack) {
                header
                    .authors
                    .push(para.text.trim_end_matches([',', ';']).trim().to_string());
                para.remove("byline");
                continue;
            }
            after_dateline = false;
        }
        for para in paras[body_start..]
            .iter()
            .filter(|p| p.removed_as("byline"))
        {
            header.authors.extend(labelled_names(&para.text, pack));
        }
        // a label on a line of its own with the name on the next ("Penulis" / "Ani Rahma")
        for i in 1..paras.len() {
            let label = paras[i - 1].folded.trim_end_matches([':', ' ']);
            if !pack.article.byline_labels.iter().any(|l| l == label) {
                continue;
            }
            let names = byline_names(&paras[i].text, pack);
            if !names.is_empty() {
                header.authors.extend(names);
                if paras[i].kept() {
                    paras[i].remove("byline");
                }
            }
        }
        header.authors.dedup();
        header
    }
}

/// The names after a byline label: "Penulis: Ani Rahma | Editor: Budi" gives both names.
fn labelled_names(text: &str, pack: &Pack) -> Vec<String> {
    text.split(['|', '/'])
        .filter_map(|part| part.split_once(':').map(|(_, names)| names))
        .flat_map(|names| names.split([',', '&']))
        .map(|name| name.trim().to_string())
        .filter(|name| name_like(name, pack))
        .collect()
}

/// The names on the line after a byline label: ": Kontributor Lhokseumawe, Masriadi" gives
/// Masriadi (a part opening with a label is a description, not a name).
fn byline_names(text: &str, pack: &Pack) -> Vec<String> {
    text.trim_start_matches([':', ' '])
        .split([',', '&', '|'])
        .map(str::trim)
        .filter(|part| {
            let first = part
                .split_whitespace()
                .next()
                .unwrap_or_default()
                .to_lowercase();
            name_like(part, pack) && !pack.article.byline_labels.contains(&first)
        })
        .map(str::to_string)
        .collect()
}

/// One to five capitalised words, as a writer's name in a byline.
fn name_like(text: &str, pack: &Pack) -> bool {
    let text = text.trim_end_matches([',', ';']).trim();
    let parts: Vec<&str> = text.split_whitespace().collect();
    (1..=5).contains(&parts.len())
        && text
            .chars()
            .all(|c| c.is_alphabetic() || " .'-".contains(c))
        && parts.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                || pack.article.name_particles.iter().any(|p| p == w)
        })
}

/// Lines without sentence punctuation among the text: other stories' headlines, section labels
/// and tag lists. A line of the article's own running text whose last full stop the scrape
/// lost stays.
fn mark_headlines(paras: &mut [Para], pack: &Pack) {
    let short = |p: &Para| p.headline_candidate() && p.words <= 6;
    let flags: Vec<bool> = paras.iter().map(short).collect();
    let running: Vec<bool> = (0..paras.len())
        .map(|i| lost_its_stop(paras, i, pack))
        .collect();
    for i in 0..paras.len() {
        if !paras[i].headline_candidate() || running[i] {
            continue;
        }
        let in_run = (i > 0 && flags[i - 1]) || flags.get(i + 1).copied().unwrap_or(false);
        let reason = match paras[i].words {
            n if n <= 6 && in_run => "tag-list",
            n if n <= 3 => "section-label",
            _ => "related-headline",
        };
        paras[i].remove(reason);
    }
}

/// Whether a line without a closing full stop is running text all the same: written in
/// sentence case (fewer than half its words capitalised, where a headline set in title case
/// has nearly all) and long enough for a sentence, and either holding the end of a sentence
/// within it or standing between two paragraphs of running text. Another story's headline in
/// sentence case alone between paragraphs is the price; at the end of the text, or in a list of
/// headlines, one is still a headline.
fn lost_its_stop(paras: &[Para], i: usize, pack: &Pack) -> bool {
    let para = &paras[i];
    if !para.headline_candidate() || para.words < 8 || !sentence_case(&para.text) {
        return false;
    }
    let between_running_text =
        running_text_first(paras[..i].iter().rev()) && running_text_first(paras[i + 1..].iter());
    between_running_text || !one_sentence(&para.text, pack)
}

/// Fewer than half the words begin with a capital (counted from each word's first letter, past
/// any opening quote or bracket).
fn sentence_case(text: &str) -> bool {
    let (capitalised, lettered) = text
        .split_whitespace()
        .filter_map(|word| word.chars().find(|c| c.is_alphabetic()))
        .fold((0, 0), |(capitalised, lettered), first| {
            (
                capitalised + usize::from(first.is_uppercase()),
                lettered + 1,
            )
        });
    capitalised * 2 < lettered
}

/// Whether the first kept paragraph of `paras` is running text that ends as a sentence does.
fn running_text_first<'a>(mut paras: impl Iterator<Item = &'a Para>) -> bool {
    paras
        .find(|p| p.kept())
        .is_some_and(|p| p.body_like() && ends_sentence(&p.text))
}

/// Repeated lines: a teaser before the body that the body repeats goes, and so does a second
/// copy of any line.
fn mark_duplicates(paras: &mut [Para], body_start: Option<usize>, repeats_matter: bool) {
    let body_start = body_start.unwrap_or(paras.len());
    let mut seen: HashSet<&str> = HashSet::default();
    let mut duplicates = Vec::new();
    for (i, para) in paras.iter().enumerate() {
        if para.kept() && repeats_matter && !seen.insert(&para.folded) {
            duplicates.push(i);
        }
    }
    for i in duplicates {
        paras[i].remove("duplicate");
    }
    let (head, body) = paras.split_at_mut(body_start);
    let body_text: Vec<&str> = body
        .iter()
        .filter(|p| p.kept())
        .map(|p| p.folded.as_str())
        .collect();
    for para in head.iter_mut().filter(|p| p.kept() && p.words >= 4) {
        let needle = &para.folded;
        let mut finder = None;
        if body_text.iter().any(|b| {
            b.len() >= needle.len()
                && finder
                    .get_or_insert_with(|| Finder::new(needle))
                    .find(b.as_bytes())
                    .is_some()
        }) {
            para.remove("teaser-duplicate");
        }
    }
}

/// Paragraphs the scrape also holds run together on one long line: the long line goes, the
/// paragraphs stay. A line holding two other paragraphs whole, or starting with the paragraph
/// right after it, is such a run.
fn mark_duplicate_runs(paras: &mut [Para]) {
    const MIN_WORDS: usize = 6;
    let candidates: Vec<usize> = (0..paras.len())
        .filter(|&i| paras[i].kept() && paras[i].words >= MIN_WORDS)
        .collect();
    if candidates.len() < 2 {
        return;
    }
    let folded: Vec<&str> = candidates
        .iter()
        .map(|&i| paras[i].folded.as_str())
        .collect();
    let openings = Openings::new(&folded);
    let runs: Vec<usize> = (0..folded.len())
        .filter(|&n| {
            let text = folded[n];
            let opens_with_next = folded
                .get(n + 1)
                .is_some_and(|next| next.len() < text.len() && text.starts_with(next));
            opens_with_next || openings.holds_two_shorter(n, &folded)
        })
        .map(|n| candidates[n])
        .collect();
    for i in runs {
        paras[i].remove("duplicate-run");
    }
}

/// The paragraphs of one document indexed by their first bytes, so that finding which of them
/// a line holds whole costs one look-up per byte of the line: every place a paragraph occurs
/// starts with its opening bytes. Cheaper per document than building an automaton.
struct Openings {
    by_opening: HashMap<u64, Vec<usize>>,
    /// A bit per [`Openings::filter_bit`] of each opening: most bytes of a line open no
    /// paragraph, and a clear bit says so without the look-up.
    filter: Bits,
    /// Paragraphs shorter than an opening, looked for one by one.
    short: Vec<usize>,
}

/// Bytes of a paragraph's opening.
const OPENING: usize = 8;

impl Openings {
    fn new(texts: &[&str]) -> Openings {
        let mut by_opening: HashMap<u64, Vec<usize>> = HashMap::default();
        let mut short = Vec::new();
        for (n, text) in texts.iter().enumerate() {
            match opening_key(text.as_bytes()) {
                Some(key) => by_opening.entry(key).or_default().push(n),
                None => short.push(n),
            }
        }
        let mut filter = Bits::new(Self::FILTER_BITS);
        for &key in by_opening.keys() {
            filter.insert(Self::filter_bit(key));
        }
        Openings {
            by_opening,
            filter,
            short,
        }
    }

    const FILTER_BITS: usize = 4096;

    /// An opening's bit in the filter, from the top bits of a multiplicative hash.
    fn filter_bit(key: u64) -> usize {
        (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 52) as usize % Self::FILTER_BITS
    }

    /// The paragraphs that open with these bytes.
    fn opening_with(&self, key: u64) -> Option<&Vec<usize>> {
        if !self.filter.contains(Self::filter_bit(key)) {
            return None;
        }
        self.by_opening.get(&key)
    }

    /// Whether `texts[n]` holds at least two of the other, shorter texts whole.
    fn holds_two_shorter(&self, n: usize, texts: &[&str]) -> bool {
        let text = texts[n];
        let shorter = |other: usize| other != n && texts[other].len() < text.len();
        let mut found: Vec<usize> = self
            .short
            .iter()
            .copied()
            .filter(|&other| shorter(other) && text.contains(texts[other]))
            .collect();
        let bytes = text.as_bytes();
        for at in 0..bytes.len().saturating_sub(OPENING - 1) {
            if found.len() >= 2 {
                break;
            }
            let Some(others) = opening_key(&bytes[at..]).and_then(|k| self.opening_with(k)) else {
                continue;
            };
            for &other in others {
                if shorter(other)
                    && !found.contains(&other)
                    && bytes[at..].starts_with(texts[other].as_bytes())
                {
                    found.push(other);
                }
            }
        }
        found.len() >= 2
    }
}

fn opening_key(bytes: &[u8]) -> Option<u64> {
    let opening: [u8; OPENING] = bytes.get(..OPENING)?.try_into().ok()?;
    Some(u64::from_le_bytes(opening))
}

/// Everything after an end marker ("Berita Terkait", a comment notice) once the article's text
/// has begun.
fn mark_tail(paras: &mut [Para], pack: &Pack) {
    let mut body_seen = false;
    let mut ended = false;
    for para in paras.iter_mut() {
        if ended {
            if para.kept() {
                para.remove("after-article");
            }
            continue;
        }
        body_seen |= para.kept() && para.body_like();
        if body_seen && (pack.is_end_marker(&para.folded) || para.removed_as("comment-notice")) {
            ended = true;
            if para.kept() {
                para.remove("section-label");
            }
        }
    }
}

/// A lone paragraph after the article's main run of text that follows another story's
/// headline is that story's teaser: one sentence, the story's lead. Where the line before it
/// is an item of a numbered, lettered or bulleted list, or the paragraph runs to several
/// sentences, it is a section of the article's own (a list of tips, each under its heading).
fn mark_teaser_islands(paras: &mut [Para], pack: &Pack) {
    let mut islands: Vec<(usize, usize, usize)> = Vec::new(); // (first, last, chars)
    for (i, para) in paras.iter().enumerate() {
        if !para.kept() {
            continue;
        }
        match islands.last_mut() {
            Some((_, last, chars))
                if paras[*last + 1..i]
                    .iter()
                    .all(|p| p.verdict == Verdict::Title)
                    || *last + 1 == i =>
            {
                *last = i;
                *chars += para.text.len();
            }
            _ => islands.push((i, i, para.text.len())),
        }
    }
    let Some(main) = islands
        .iter()
        .enumerate()
        .max_by_key(|(_, island)| island.2)
        .map(|(i, _)| i)
    else {
        return;
    };
    for &(first, last, _) in &islands[main + 1..] {
        if first == last
            && first > 0
            && paras[first - 1].removed_as("related-headline")
            && !list_item(&paras[first - 1].text)
            && one_sentence(&paras[first].text, pack)
        {
            paras[first].remove("related-teaser");
        }
    }
}

/// Whether a line opens as an item of a list: "1.", "12)", "a.", "b)" or a bullet.
fn list_item(text: &str) -> bool {
    let text = text.trim_start();
    if text.starts_with(['•', '·', '-', '–', '*', '▪', '‣']) {
        return true;
    }
    let label = text.split_whitespace().next().unwrap_or_default();
    let Some(stem) = label.strip_suffix(['.', ')']) else {
        return false;
    };
    let numbered = (1..=2).contains(&stem.len()) && stem.bytes().all(|b| b.is_ascii_digit());
    let lettered = stem.len() == 1 && stem.bytes().all(|b| b.is_ascii_alphabetic());
    numbered || lettered
}

fn one_sentence(text: &str, pack: &Pack) -> bool {
    crate::sentences::sentences(text, &pack.statements.abbreviations)
        .nth(1)
        .is_none()
}

/// An outlet named at the start of the first paragraph: "JAKARTA, KOMPAS.com -", "AKURAT.CO ...".
fn body_outlet(paras: &[Para], body_start: Option<usize>) -> Option<String> {
    let first = paras.get(body_start?)?;
    let text = match first.text.split_once(", ") {
        Some((city, rest)) if city.chars().all(|c| c.is_uppercase() || c == ' ') => rest,
        _ => first.text.as_str(),
    };
    site_name(text).map(str::to_string).or_else(|| {
        paras
            .iter()
            .find(|p| p.removed_as("site-name"))
            .map(|p| p.text.clone())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::pack;

    fn clean(text: &str) -> Cleaned {
        clean_text(text, pack("id").unwrap(), &SourceMeta::default())
    }

    fn reason_of<'a>(cleaned: &'a Cleaned, text: &str) -> Option<&'a str> {
        cleaned
            .removed
            .iter()
            .find(|r| r.text == text)
            .map(|r| r.reason.as_str())
    }

    const ARTICLE: &str = "Berita Daerah\n\
        Warga Desa Sukamaju Gelar Kerja Bakti Bersihkan Sungai\n\
        Ratusan warga turun ke sungai pada Minggu pagi untuk membersihkan sampah.\n\
        KOTAKABAR.COM — Ratusan warga turun ke sungai pada Minggu pagi untuk membersihkan sampah.\n\
        Baca juga: Harga Cabai Naik Lagi di Pasar Induk\n\
        Kepala desa mengatakan kegiatan ini akan digelar setiap bulan bersama karang taruna setempat.\n\
        Sungai yang bersih di desa\n\
        Foto :\n\
        • KOTAKABAR/Ani\n\
        \"Kami ingin sungai kembali jernih seperti dulu,\" kata dia kepada wartawan di lokasi.\n\
        sungai bersih\n\
        kerja bakti\n\
        Sukamaju\n\
        Isi komentar sepenuhnya adalah tanggung jawab pengguna.\n\
        Harga Beras Turun Menjelang Panen Raya di Jawa Tengah\n";

    #[test]
    fn keeps_the_article_and_audits_the_rest() {
        let cleaned = clean(ARTICLE);
        assert_eq!(
            cleaned.title.as_deref(),
            Some("Warga Desa Sukamaju Gelar Kerja Bakti Bersihkan Sungai")
        );
        assert_eq!(cleaned.outlet.as_deref(), Some("KOTAKABAR.COM"));
        assert_eq!(cleaned.body.len(), 3);
        assert!(cleaned.body[0].starts_with("KOTAKABAR.COM — Ratusan"));
        assert_eq!(reason_of(&cleaned, "Berita Daerah"), Some("section-label"));
        assert_eq!(
            reason_of(
                &cleaned,
                "Ratusan warga turun ke sungai pada Minggu pagi untuk membersihkan sampah."
            ),
            Some("teaser-duplicate")
        );
        assert_eq!(
            reason_of(&cleaned, "Baca juga: Harga Cabai Naik Lagi di Pasar Induk"),
            Some("read-also")
        );
        assert_eq!(
            reason_of(&cleaned, "Sungai yang bersih di desa"),
            Some("caption")
        );
        assert_eq!(reason_of(&cleaned, "• KOTAKABAR/Ani"), Some("photo-credit"));
        assert_eq!(reason_of(&cleaned, "kerja bakti"), Some("tag-list"));
        assert_eq!(
            reason_of(
                &cleaned,
                "Isi komentar sepenuhnya adalah tanggung jawab pengguna."
            ),
            Some("comment-notice")
        );
        assert_eq!(
            reason_of(
                &cleaned,
                "Harga Beras Turun Menjelang Panen Raya di Jawa Tengah"
            ),
            Some("related-headline")
        );
        let total = cleaned.body.len() + cleaned.removed.len() + 1;
        assert_eq!(
            total,
            ARTICLE.lines().count(),
            "every line is kept, the title or audited"
        );
    }

    #[test]
    fn reads_dateline_time_and_byline() {
        let text = "Judul Berita Yang Cukup Panjang Sekali\n\nContoh.com - 16/03/2024, 07:38 WIB\nAni Rahma,\nBudi Santoso\n\nTim Redaksi\n\nJAKARTA, KOMPAS.com - Isi berita yang pertama cukup panjang untuk menjadi paragraf.\n";
        let cleaned = clean(text);
        assert_eq!(cleaned.published.as_deref(), Some("2024-03-16T07:38+07:00"));
        assert_eq!(cleaned.outlet.as_deref(), Some("Contoh.com"));
        assert_eq!(cleaned.authors, ["Ani Rahma", "Budi Santoso"]);
        assert_eq!(cleaned.body.len(), 1);
    }

    #[test]
    fn modern_page_furniture_inside_the_text() {
        let text = "Judul Berita Yang Cukup Panjang\n\nIsi berita pertama cukup panjang untuk menjadi sebuah paragraf.\n\
            [Gambas:Video KabarKita]\n\
            Cek berita dan artikel yang lain di Google News.\n\
            Harga Emas Naik Lagi Hari Ini\n\
            3 jam yang lalu\n\
            Isi berita kedua juga cukup panjang untuk menjadi sebuah paragraf.\n";
        let cleaned = clean(text);
        assert_eq!(cleaned.body.len(), 2, "{:?}", cleaned.body);
        for (line, reason) in [
            ("[Gambas:Video KabarKita]", "embed"),
            (
                "Cek berita dan artikel yang lain di Google News.",
                "follow-prompt",
            ),
            ("Harga Emas Naik Lagi Hari Ini", "related-headline"),
            ("3 jam yang lalu", "related-time"),
        ] {
            assert_eq!(reason_of(&cleaned, line), Some(reason), "{line}");
        }
    }

    const OPENING: &str = "Judul Berita Yang Cukup Panjang\n\n\
        Isi berita pertama cukup panjang untuk menjadi sebuah paragraf di sini.\n\
        Isi berita kedua juga cukup panjang untuk menjadi sebuah paragraf.\n\
        Isi berita ketiga menutup kabar itu dengan tanggapan warga desa.\n";

    const CLOSING: &str = "Isi berita keempat menyebut rencana kerja bakti bulan depan.\n\
        Isi berita kelima mengutip harapan kepala desa tentang sungai itu.\n";

    fn assert_kept(cleaned: &Cleaned, line: &str) {
        assert!(
            cleaned.body.iter().any(|p| p == line),
            "{line}: {:?}",
            cleaned.removed
        );
    }

    #[test]
    fn running_text_that_lost_its_full_stop_stays() {
        let unstopped =
            "Petugas kebersihan kota mengangkut sampah dari tepi sungai sejak pagi hari";
        let two_sentences =
            "Warga menyambut baik kerja bakti itu. Mereka berharap kegiatan serupa \
            digelar setiap bulan di desa mereka";
        let cleaned = clean(&format!("{OPENING}{unstopped}\n{CLOSING}{two_sentences}\n"));
        assert_kept(&cleaned, unstopped);
        assert_kept(&cleaned, two_sentences);
        assert_eq!(cleaned.body.len(), 7, "{:?}", cleaned.body);
    }

    #[test]
    fn headlines_stay_headlines_between_paragraphs_and_at_the_end() {
        let in_title_case = "Pemerintah Kota Siapkan Anggaran Baru Untuk Normalisasi Sungai Besar";
        let last_in_sentence_case =
            "Pemerintah kota siapkan anggaran baru untuk normalisasi sungai";
        let cleaned = clean(&format!(
            "{OPENING}{in_title_case}\n{CLOSING}{last_in_sentence_case}\n"
        ));
        assert_eq!(cleaned.body.len(), 5, "{:?}", cleaned.removed);
        for line in [in_title_case, last_in_sentence_case] {
            assert_eq!(
                reason_of(&cleaned, line),
                Some("related-headline"),
                "{line}"
            );
        }
    }

    #[test]
    fn another_storys_lead_after_its_headline_is_a_teaser() {
        let teaser = "Ratusan warga menanam pohon di bantaran sungai pada Sabtu pagi.";
        let text = format!("{OPENING}Warga Desa Tetangga Tanam Seribu Pohon\n{teaser}\n");
        let cleaned = clean(&text);
        assert_eq!(reason_of(&cleaned, teaser), Some("related-teaser"));
        assert_eq!(cleaned.body.len(), 3, "{:?}", cleaned.body);
    }

    #[test]
    fn sections_under_the_articles_own_list_headings_stay() {
        let several_sentences = "Sampah plastik menyumbat aliran sungai. Warga memilahnya sebelum \
            dibawa ke bank sampah.";
        let under_a_letter = "Warga menanam pohon di sepanjang bantaran sungai desa.";
        let text = format!(
            "{OPENING}Manfaat Bagi Kesehatan Sungai Desa\n{several_sentences}\n\
             b. Menahan Longsor di Musim Hujan\n{under_a_letter}\n"
        );
        let cleaned = clean(&text);
        assert_kept(&cleaned, several_sentences);
        assert_kept(&cleaned, under_a_letter);
        assert_eq!(cleaned.body.len(), 5, "{:?}", cleaned.body);
    }

    #[test]
    fn a_paragraph_run_stored_beside_its_paragraphs() {
        let first = "Paragraf pertama berisi kabar tentang banjir di kota itu kemarin.";
        let second = "Paragraf kedua berisi tanggapan wali kota tentang banjir itu.";
        let third = "Paragraf ketiga menutup berita dengan rencana perbaikan tanggul.";
        let text = format!(
            "Judul Berita Yang Cukup Panjang\n\n{first}{second}{third}\n{first}\n{second}\n{third}\n"
        );
        let cleaned = clean(&text);
        assert_eq!(cleaned.body, [first, second, third]);
        assert_eq!(cleaned.removed[0].reason, "duplicate-run");
        // one long line per paragraph, each running on to the end (as some scrapes store it)
        let text = format!(
            "Judul Berita Yang Cukup Panjang\n\n{first}{second}{third}\n{first}\n{second}{third}\n{second}\n{third}\n"
        );
        assert_eq!(clean(&text).body, [first, second, third]);
    }

    #[test]
    fn a_first_line_set_apart_is_the_headline() {
        let en = pack("en").unwrap();
        let clean_en = |text: &str| clean_text(text, en, &SourceMeta::default());
        let body = "LONDON - Lawmakers on Tuesday rejected the plan by a wide margin, the largest defeat in years.";
        let cleaned = clean_en(&format!("Harbour plan voted down.\n\n{body}\n"));
        assert_eq!(cleaned.title.as_deref(), Some("Harbour plan voted down."));
        assert_eq!(cleaned.body, [body]);
        assert_eq!(
            clean_en(&format!("Explainer\n\n{body}\n")).title.as_deref(),
            Some("Explainer")
        );
        // a long opening paragraph is body, not a headline
        let opening = "The harbour board met on Monday night to weigh a plan that would have doubled the size of the old pier and moved the ferry terminal to the east bank.";
        let cleaned = clean_en(&format!("{opening}\n\n{body}\n"));
        assert_eq!(cleaned.body, [opening, body]);
    }

    #[test]
    fn scraped_header_lines_are_metadata() {
        let text = "Warga Gelar Kerja Bakti....\nAni Rahma -kabarNews\nRabu, 18 Jun 2025 14:07 WIB\n\nIsi berita pertama cukup panjang untuk menjadi sebuah paragraf.\n";
        let cleaned = clean(text);
        assert_eq!(
            cleaned.title.as_deref(),
            Some("Warga Gelar Kerja Bakti....")
        );
        assert_eq!(cleaned.authors, ["Ani Rahma"]);
        assert_eq!(cleaned.outlet.as_deref(), Some("kabarNews"));
        assert_eq!(cleaned.body.len(), 1);
        assert_eq!(reason_of(&cleaned, "Ani Rahma -kabarNews"), Some("byline"));
        let untitled = clean("\nAni Rahma\n18 Juni 2025 | 20.06 WIB\n\nIsi berita pertama cukup panjang untuk menjadi paragraf.\n");
        assert_eq!(untitled.title.as_deref(), Some(""));
    }

    #[test]
    fn the_outlet_from_the_address_when_the_text_names_none() {
        let meta = SourceMeta {
            url: Some("https://news.detik.com/berita/d-1/judul".into()),
            ..SourceMeta::default()
        };
        let text = "Judul Berita Yang Cukup Panjang\n\nIsi berita pertama cukup panjang untuk menjadi sebuah paragraf.\n";
        let cleaned = clean_text(text, pack("id").unwrap(), &meta);
        assert_eq!(cleaned.outlet.as_deref(), Some("detikNews"));
        let meta = SourceMeta {
            outlet: Some("Kabar Kita".into()),
            ..meta
        };
        let cleaned = clean_text(text, pack("id").unwrap(), &meta);
        assert_eq!(
            cleaned.outlet.as_deref(),
            Some("Kabar Kita"),
            "the record's own field wins"
        );
    }

    #[test]
    fn joins_hard_wrapped_lines() {
        let text = "Judul Berita Yang Cukup Panjang\n\nIni adalah kalimat yang sangat panjang sekali dan terpotong oleh\npemindai di tengah jalan tanpa alasan.\n";
        assert_eq!(clean(text).body, ["Ini adalah kalimat yang sangat panjang sekali dan terpotong oleh pemindai di tengah jalan tanpa alasan."]);
    }

    #[test]
    fn editor_initials_are_audited_not_kept() {
        let text = "Judul Berita Yang Cukup Panjang\n\nIsi berita ini cukup panjang untuk menjadi sebuah paragraf. (fai/idh)\n(abc/de)\n";
        let cleaned = clean(text);
        assert_eq!(
            cleaned.body,
            ["Isi berita ini cukup panjang untuk menjadi sebuah paragraf."]
        );
        let reasons: Vec<(&str, &str)> = cleaned
            .removed
            .iter()
            .map(|r| (r.reason.as_str(), r.text.as_str()))
            .collect();
        assert!(
            reasons.contains(&("byline", "(fai/idh)")) && reasons.contains(&("byline", "(abc/de)")),
            "{reasons:?}"
        );
    }

    #[test]
    fn labelled_bylines_give_names() {
        assert_eq!(
            labelled_names(
                "Penulis: Ani Rahma | Editor: Budi Santoso",
                pack("id").unwrap()
            ),
            ["Ani Rahma", "Budi Santoso"]
        );
    }
}
