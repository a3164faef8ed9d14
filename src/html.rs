//! HTML pages: decoding, text rendering and the metadata pages declare about themselves.

use foldhash::{HashMap, HashSet};
use std::sync::OnceLock;

use ego_tree::NodeId;
use encoding_rs::Encoding;
use scraper::{ElementRef, Html, Node, Selector};
use serde::Deserialize;

/// The charset a page declares in its first bytes (`<meta charset>` or `http-equiv`), used when
/// the bytes are not valid UTF-8 (several Indonesian sites serve ISO-8859-1).
pub fn declared_encoding(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    let at = head.find("charset=")? + "charset=".len();
    let label: String = head[at..]
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    Encoding::for_label(label.as_bytes()).or(Some(encoding_rs::WINDOWS_1252))
}

/// What a page's head says about the article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageMeta {
    pub title: Option<String>,
    pub site_name: Option<String>,
    pub published: Option<String>,
    pub authors: Vec<String>,
    pub language: Option<String>,
}

const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "iframe", "button", "select", "nav",
    "footer", "aside", "head", "video", "audio", "canvas", "object", "embed", "input", "textarea",
    "label", "option",
];

/// How deep block elements are followed one by one; deeper ones are read as a single block.
const MAX_BLOCK_DEPTH: usize = 200;

/// Elements that flow within a line of text; every other element starts a block of its own,
/// so unknown and custom elements never glue paragraphs together.
const INLINE: &[&str] = &[
    "a", "abbr", "b", "bdi", "bdo", "big", "cite", "code", "data", "del", "dfn", "em", "font", "i",
    "img", "ins", "kbd", "label", "mark", "nobr", "picture", "q", "s", "samp", "small", "span",
    "strike", "strong", "sub", "sup", "time", "tt", "u", "var", "wbr",
];

fn is_block(name: &str) -> bool {
    !INLINE.contains(&name)
}

/// Class and id hints, from `lang/html.toml`.
#[derive(Debug, Deserialize)]
struct HintFile {
    positive: Hint,
    negative: Vec<Hint>,
}

#[derive(Debug, Deserialize)]
struct Hint {
    #[serde(default)]
    reason: String,
    tokens: Vec<String>,
    contains: Vec<String>,
}

impl Hint {
    fn matches(&self, tokens: &[&str], joined: &str) -> bool {
        tokens.iter().any(|t| self.tokens.iter().any(|h| h == t))
            || self.contains.iter().any(|h| joined.contains(h.as_str()))
    }
}

fn hints() -> &'static HintFile {
    static HINTS: OnceLock<HintFile> = OnceLock::new();
    HINTS.get_or_init(|| {
        toml::from_str(include_str!("../lang/html.toml")).expect("lang/html.toml is valid")
    })
}

/// What an element's class and id say about it: +1 article-like, the removal reason for
/// boilerplate-like, or nothing.
fn hint_of(element: &scraper::node::Element) -> (bool, Option<&'static str>) {
    let class = element.attr("class").unwrap_or_default();
    let id = element.attr("id").unwrap_or_default();
    if class.is_empty() && id.is_empty() {
        return (false, None);
    }
    let joined = format!("{class} {id}").to_lowercase();
    let tokens: Vec<&str> = joined
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .collect();
    let hints = hints();
    let negative = hints
        .negative
        .iter()
        .find(|h| h.matches(&tokens, &joined))
        .map(|h| h.reason.as_str());
    (hints.positive.matches(&tokens, &joined), negative)
}

/// A block of a page's text, with why it is not the article's where it is not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub text: String,
    pub removed: Option<&'static str>,
    /// A heading or list item of the article's markup, which may lack sentence punctuation.
    pub structural: bool,
}

/// How deep elements may nest before parsing. A parser checks the open elements' scope on each
/// tag, so a page nested 100,000 deep costs it time quadratic in its length; no real page nests
/// a tenth as deep.
pub const MAX_NESTING: usize = 256;

/// Elements that never have content or a closing tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Elements whose closing tag pages often leave out; the parser closes them itself, so they
/// do not count as nesting.
const OPTIONAL_END: &[&str] = &[
    "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "tbody", "thead", "tfoot",
    "colgroup", "caption", "rt", "rp",
];

/// Elements whose content is text up to their own closing tag.
const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript",
];

/// The page with the tags nested deeper than [`MAX_NESTING`] dropped (their text stays where it
/// was), or `None` when it nests no deeper. One pass over the markup.
pub fn flatten_deep_nesting(html: &str) -> Option<String> {
    if html.bytes().filter(|&b| b == b'<').count() <= MAX_NESTING {
        return None;
    }
    let mut open: Vec<(&str, bool)> = Vec::new();
    let mut open_by_name: HashMap<&str, usize> = HashMap::default();
    let mut dropped: Vec<std::ops::Range<usize>> = Vec::new();
    let mut at = 0;
    while let Some(offset) = html[at..].find('<') {
        let start = at + offset;
        let rest = &html[start..];
        if rest.starts_with("<!--") {
            at = start + rest.find("-->").map_or(rest.len(), |e| e + 3);
            continue;
        }
        let closing = rest.starts_with("</");
        let name_at = start + 1 + usize::from(closing);
        let name_len = html[name_at..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .unwrap_or(html.len() - name_at);
        let name = &html[name_at..name_at + name_len];
        if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
            // a declaration, processing instruction or a stray "<"
            at = start + 1;
            continue;
        }
        let end = tag_end(html, name_at + name_len);
        let lower = name.to_ascii_lowercase();
        if closing {
            if open_by_name.get(name).copied().unwrap_or(0) > 0 {
                while let Some((top, kept)) = open.pop() {
                    *open_by_name.entry(top).or_default() -= 1;
                    if top == name {
                        if !kept {
                            dropped.push(start..end);
                        }
                        break;
                    }
                }
            }
        } else if RAW_TEXT.contains(&lower.as_str()) {
            let close = format!("</{lower}");
            let body = html[end..].to_ascii_lowercase();
            at = end + body.find(&close).unwrap_or(body.len());
            continue;
        } else if !VOID.contains(&lower.as_str())
            && !OPTIONAL_END.contains(&lower.as_str())
            && !html[start..end].ends_with("/>")
        {
            let kept = open.len() < MAX_NESTING;
            if !kept {
                dropped.push(start..end);
            }
            open.push((name, kept));
            *open_by_name.entry(name).or_default() += 1;
        }
        at = end;
    }
    if dropped.is_empty() {
        return None;
    }
    let mut flat = String::with_capacity(html.len());
    let mut from = 0;
    for range in dropped {
        flat.push_str(&html[from..range.start]);
        from = range.end;
    }
    flat.push_str(&html[from..]);
    Some(flat)
}

/// Where a tag whose name ends at `from` ends: after its `>`, quoted attribute values skipped.
fn tag_end(html: &str, from: usize) -> usize {
    let mut quote = None;
    for (i, c) in html[from..].char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), _) if c == q => quote = None,
            (None, '>') => return from + i + 1,
            _ => {}
        }
    }
    html.len()
}

/// Renders the page's visible text, one line per block, so the text cleaner can judge it.
pub fn page_text(document: &Html) -> String {
    let mut out = String::new();
    render(document.root_element(), &mut out);
    out
}

/// The page split into text blocks: the main article container's blocks kept, the blocks
/// inside it that class hints or link density mark as boilerplate removed with their reason,
/// everything outside it removed as `outside-article`.
pub fn page_blocks(document: &Html) -> Vec<Block> {
    let visible = skipped_elements(document, false);
    let mut choice = Choice::new(document, visible);
    // an article kept in a hidden element that a script swaps in
    if choice.main_text < 500 {
        let with_hidden = Choice::new(document, skipped_elements(document, true));
        if with_hidden.main_text > choice.main_text * 2 {
            choice = with_hidden;
        }
    }
    let blocks = choice.blocks(document);
    // a tiny body on a page full of prose: the container was too narrow, so read the wrapper
    // that holds at least half of the page's prose
    let kept: usize = blocks
        .iter()
        .filter(|b| b.removed.is_none())
        .map(|b| b.text.chars().count())
        .sum();
    if kept >= 300 || kept * 4 >= choice.page_prose || choice.page_prose < 500 {
        return blocks;
    }
    match choice.widest(document) {
        Some(wider) if !choice.main.contains(&wider) => {
            choice.main = vec![wider];
            choice.main_text = document
                .tree
                .get(wider)
                .and_then(ElementRef::wrap)
                .map_or(0, |e| text_and_link_length(e, &choice.skipped).0);
            choice.blocks(document)
        }
        _ => blocks,
    }
}

/// The article's container(s) on a page, with what was measured to choose them.
struct Choice {
    skipped: HashSet<NodeId>,
    main: Vec<NodeId>,
    main_text: usize,
    /// Characters of paragraph text under each element.
    prose: HashMap<NodeId, usize>,
    page_prose: usize,
}

impl Choice {
    fn new(document: &Html, skipped: HashSet<NodeId>) -> Choice {
        let (main, prose) = main_containers(document, &skipped);
        let main_text = main
            .iter()
            .filter_map(|id| document.tree.get(*id).and_then(ElementRef::wrap))
            .map(|e| text_and_link_length(e, &skipped).0)
            .sum();
        let page_prose = prose
            .get(&document.root_element().id())
            .copied()
            .unwrap_or_default();
        Choice {
            skipped,
            main,
            main_text,
            prose,
            page_prose,
        }
    }

    fn blocks(&self, document: &Html) -> Vec<Block> {
        let mut blocks = Vec::new();
        let walk = Walk {
            main: &self.main,
            main_text: self.main_text,
            skipped: &self.skipped,
        };
        walk.collect(document.root_element(), false, None, false, 0, &mut blocks);
        blocks
    }

    /// The chosen container or its nearest ancestor that holds at least half the page's prose.
    fn widest(&self, document: &Html) -> Option<NodeId> {
        let start = document.tree.get(*self.main.first()?)?;
        std::iter::once(start)
            .chain(start.ancestors())
            .filter(|a| a.value().is_element())
            .find(|a| self.prose.get(&a.id()).copied().unwrap_or_default() * 2 >= self.page_prose)
            .map(|a| a.id())
    }
}

/// Elements whose text belongs to no article: scripts, navigation, asides, and (unless
/// `include_hidden`) hidden elements. An aside, navigation or footer that holds the page's
/// `<main>` or `<article>` is kept: an unclosed tag swallowed the article into it.
fn skipped_elements(document: &Html, include_hidden: bool) -> HashSet<NodeId> {
    document
        .root_element()
        .descendants()
        .filter_map(ElementRef::wrap)
        .filter(|element| {
            let el = element.value();
            if SKIPPED.contains(&el.name()) {
                let swallows_article = matches!(el.name(), "aside" | "nav" | "footer")
                    && element
                        .descendants()
                        .filter_map(ElementRef::wrap)
                        .any(|d| matches!(d.value().name(), "main" | "article"));
                return !swallows_article;
            }
            !include_hidden && el.attr("hidden").is_some()
        })
        .map(|element| element.id())
        .collect()
}

struct Walk<'a> {
    main: &'a [NodeId],
    main_text: usize,
    skipped: &'a HashSet<NodeId>,
}

impl Walk<'_> {
    fn collect(
        &self,
        element: ElementRef,
        inside: bool,
        reason: Option<&'static str>,
        structural: bool,
        depth: usize,
        out: &mut Vec<Block>,
    ) {
        let inside = inside || self.main.contains(&element.id());
        let mut pending = String::new();
        let flush = |pending: &mut String, out: &mut Vec<Block>| {
            for line in pending.lines() {
                let text = crate::lang::single_spaced(line);
                if !text.is_empty() {
                    let removed = if !inside {
                        Some("outside-article")
                    } else {
                        reason
                    };
                    out.push(Block {
                        text,
                        removed,
                        structural,
                    });
                }
            }
            pending.clear();
        };
        for child in element.children() {
            crate::budget::check();
            match child.value() {
                Node::Text(_) => render_node(child, &mut pending),
                Node::Element(el) => {
                    let name = el.name();
                    if self.skipped.contains(&child.id()) {
                        continue;
                    }
                    let Some(child_ref) = ElementRef::wrap(child) else {
                        continue;
                    };
                    // past this depth a page is built to exhaust the stack: its text stays, as one block
                    if !is_block(name) || name == "br" || depth >= MAX_BLOCK_DEPTH {
                        render_node(child, &mut pending);
                        continue;
                    }
                    flush(&mut pending, out);
                    let child_inside = inside || self.main.contains(&child_ref.id());
                    let child_reason = reason.or_else(|| {
                        if child_inside {
                            self.block_reason(child_ref, name)
                        } else {
                            None
                        }
                    });
                    let child_structural = structural
                        || matches!(
                            name,
                            "h2" | "h3" | "h4" | "h5" | "h6" | "li" | "dt" | "dd" | "td" | "th"
                        );
                    self.collect(
                        child_ref,
                        inside,
                        child_reason,
                        child_structural,
                        depth + 1,
                        out,
                    );
                }
                _ => {}
            }
        }
        flush(&mut pending, out);
    }

    /// Why a block inside the article is not its text: a class hint, a caption element, a list
    /// of links. A block holding most of the article's text is never thrown out whole.
    fn block_reason(&self, element: ElementRef, name: &str) -> Option<&'static str> {
        if name == "figcaption" {
            return Some("caption");
        }
        let (text, links) = text_and_link_length(element, self.skipped);
        if text * 2 > self.main_text {
            return None;
        }
        if let (_, Some(reason)) = hint_of(element.value()) {
            return Some(reason);
        }
        if matches!(name, "ul" | "ol" | "div" | "table" | "section" | "li")
            && text > 0
            && links * 2 > text
            && text < 400
        {
            return Some("link-list");
        }
        None
    }
}

fn text_and_link_length(element: ElementRef, skipped: &HashSet<NodeId>) -> (usize, usize) {
    let mut text = 0;
    let mut links = 0;
    for node in element.descendants() {
        if let Node::Text(t) = node.value() {
            let skipped = node
                .ancestors()
                .take_while(|a| a.id() != element.id())
                .any(|a| skipped.contains(&a.id()));
            if skipped {
                continue;
            }
            let len = t.trim().chars().count();
            text += len;
            if node
                .ancestors()
                .take_while(|a| a.id() != element.id())
                .any(|a| a.value().as_element().is_some_and(|e| e.name() == "a"))
            {
                links += len;
            }
        }
    }
    if element.value().name() == "a" {
        links = text;
    }
    (text, links)
}

/// The element that holds the article's text, chosen readability-style: text runs score their
/// block and its ancestors; class hints and link density adjust; the best one wins.
fn main_containers(
    document: &Html,
    skipped: &HashSet<NodeId>,
) -> (Vec<NodeId>, HashMap<NodeId, usize>) {
    let mut scores: HashMap<NodeId, f32> = HashMap::default();
    // characters of paragraph text (runs of 25 or more outside links) under each element
    let mut prose: HashMap<NodeId, usize> = HashMap::default();
    for node in document.root_element().descendants() {
        let Node::Text(text) = node.value() else {
            continue;
        };
        let length = text.trim().chars().count();
        if length < 25 {
            continue;
        }
        let mut ancestors = node.ancestors().filter_map(ElementRef::wrap);
        let mut in_link = false;
        let block = loop {
            let Some(a) = ancestors.next() else {
                break None;
            };
            let name = a.value().name();
            if skipped.contains(&a.id()) {
                break None;
            }
            in_link |= name == "a";
            if is_block(name) && name != "br" {
                break Some(a);
            }
        };
        let Some(block) = block else { continue };
        if in_link || block.ancestors().any(|a| skipped.contains(&a.id())) {
            continue;
        }
        for ancestor in block
            .ancestors()
            .filter_map(ElementRef::wrap)
            .chain(std::iter::once(block))
        {
            *prose.entry(ancestor.id()).or_default() += length;
        }
        let commas = text.matches([',', '،', '、']).count() as f32;
        let score = 1.0 + commas + (length as f32 / 100.0).min(3.0);
        *scores.entry(block.id()).or_default() += score;
        for (level, ancestor) in block
            .ancestors()
            .filter_map(ElementRef::wrap)
            .take(3)
            .enumerate()
        {
            *scores.entry(ancestor.id()).or_default() += score / (level as f32 + 1.0);
        }
    }
    let mut best: Option<(f32, NodeId)> = None;
    for (id, score) in &scores {
        let Some(element) = document.tree.get(*id).and_then(ElementRef::wrap) else {
            continue;
        };
        let name = element.value().name();
        if matches!(name, "html" | "body") || !is_block(name) {
            continue;
        }
        let (positive, negative) = hint_of(element.value());
        let mut score = *score;
        // schema.org markup names the article's text outright
        if element
            .value()
            .attr("itemprop")
            .is_some_and(|p| p.eq_ignore_ascii_case("articleBody"))
        {
            score *= 2.0;
        }
        if positive {
            score *= 1.25;
        }
        if negative.is_some() {
            score *= 0.5;
        }
        let (text, links) = text_and_link_length(element, skipped);
        if text > 0 {
            score *= 1.0 - links as f32 / text as f32;
        }
        if best.is_none_or(|(b, bid)| score > b || (score == b && *id > bid)) {
            best = Some((score, *id));
        }
    }
    let Some((best_score, mut best_id)) = best else {
        return (Vec::new(), prose);
    };
    best_id = widen(document, best_id, &prose, skipped);
    let mut chosen = vec![best_id];
    // Readability's sibling step: an article split over several sibling blocks keeps them all.
    let Some(parent) = document.tree.get(best_id).and_then(|n| n.parent()) else {
        return (chosen, prose);
    };
    for sibling in parent.children().filter(|s| s.id() != best_id) {
        let Some(element) = ElementRef::wrap(sibling) else {
            continue;
        };
        if skipped.contains(&sibling.id())
            || hint_of(element.value()).1.is_some()
            || headline_list(element)
        {
            continue;
        }
        let score = scores.get(&sibling.id()).copied().unwrap_or_default();
        let (text, links) = text_and_link_length(element, skipped);
        let dense_text = element.value().name() == "p" && text >= 80 && links * 4 < text;
        if score >= (best_score * 0.2).max(10.0) || dense_text {
            chosen.push(sibling.id());
        }
    }
    (chosen, prose)
}

/// A block listing other stories: several links whose text reads as a headline (four words or
/// more) make up a good part of its text, as in "headline / date / teaser" lists that sit
/// beside the article in the same column.
fn headline_list(element: ElementRef) -> bool {
    let Ok(links) = Selector::parse("a") else {
        return false;
    };
    let mut headlines = 0;
    let mut headline_chars = 0;
    for link in element.select(&links) {
        let text: String = link.text().collect();
        if text.split_whitespace().count() >= 4 {
            headlines += 1;
            headline_chars += text.trim().chars().count();
        }
    }
    let total: usize = element.text().map(|t| t.trim().chars().count()).sum();
    headlines >= 2 && headline_chars * 10 >= total * 3
}

/// Climbs from the best-scoring element to an ancestor that holds clearly more of the page's
/// paragraph text without more links: articles split into sections sit in one wrapper.
fn widen(
    document: &Html,
    start: NodeId,
    prose: &HashMap<NodeId, usize>,
    skipped: &HashSet<NodeId>,
) -> NodeId {
    let mut current = start;
    let Some(node) = document.tree.get(start) else {
        return start;
    };
    for ancestor in node.ancestors().filter_map(ElementRef::wrap).take(5) {
        if matches!(ancestor.value().name(), "body" | "html")
            || hint_of(ancestor.value()).1.is_some()
        {
            break;
        }
        let here = prose.get(&current).copied().unwrap_or_default();
        let there = prose.get(&ancestor.id()).copied().unwrap_or_default();
        let (text, links) = text_and_link_length(ancestor, skipped);
        if there * 2 >= here * 3 && links * 4 < text && there * 10 >= text * 7 {
            current = ancestor.id();
        }
    }
    current
}

fn render_node(node: ego_tree::NodeRef<Node>, out: &mut String) {
    render_subtree(node, true, out);
}

/// Renders a subtree's text without recursion, so that no nesting depth can exhaust the stack:
/// block elements end lines, skipped and hidden elements are left out.
fn render_subtree(root: ego_tree::NodeRef<Node>, include_root: bool, out: &mut String) {
    use ego_tree::iter::Edge;
    let mut skipping: Option<NodeId> = None;
    let counts = |node: &ego_tree::NodeRef<Node>| include_root || node.id() != root.id();
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) if skipping.is_none() => match node.value() {
                Node::Text(text) => push_text(text, out),
                Node::Element(el) => {
                    let hidden = SKIPPED.contains(&el.name()) || el.attr("hidden").is_some();
                    if hidden && (counts(&node) || node.id() == root.id()) {
                        skipping = Some(node.id());
                    } else if counts(&node) && is_block(el.name()) {
                        out.push('\n');
                    }
                }
                _ => {}
            },
            Edge::Close(node) => {
                if skipping == Some(node.id()) {
                    skipping = None;
                } else if skipping.is_none()
                    && counts(&node)
                    && node
                        .value()
                        .as_element()
                        .is_some_and(|el| is_block(el.name()))
                {
                    out.push('\n');
                }
            }
            Edge::Open(_) => {}
        }
    }
}

fn push_text(text: &str, out: &mut String) {
    let folded = crate::lang::single_spaced(text);
    if folded.is_empty() {
        if text.chars().any(char::is_whitespace) && !out.ends_with([' ', '\n']) && !out.is_empty() {
            out.push(' ');
        }
        return;
    }
    if text.starts_with(char::is_whitespace) && !out.ends_with([' ', '\n']) && !out.is_empty() {
        out.push(' ');
    }
    out.push_str(&folded);
    if text.ends_with(char::is_whitespace) {
        out.push(' ');
    }
}

fn render(element: ElementRef, out: &mut String) {
    render_subtree(*element, false, out);
}

fn select_first(document: &Html, selector: &str, attribute: Option<&str>) -> Option<String> {
    let selector = Selector::parse(selector).ok()?;
    document.select(&selector).find_map(|el| {
        let value = match attribute {
            Some(attr) => el.value().attr(attr)?.to_string(),
            None => el.text().collect::<String>(),
        };
        let value = crate::lang::single_spaced(&value);
        (!value.is_empty()).then_some(value)
    })
}

/// What a page's JSON-LD (schema.org) says about its article.
#[derive(Debug, Default)]
struct LinkedData {
    headline: Option<String>,
    published: Option<String>,
    authors: Vec<String>,
    publisher: Option<String>,
}

fn linked_data(document: &Html) -> LinkedData {
    let mut found = LinkedData::default();
    let Ok(selector) = Selector::parse(r#"script[type="application/ld+json"]"#) else {
        return found;
    };
    for script in document.select(&selector) {
        let Ok(value) =
            serde_json::from_str::<serde_json::Value>(&script.text().collect::<String>())
        else {
            continue;
        };
        let items = match &value {
            serde_json::Value::Array(items) => items.clone(),
            other => match other.get("@graph") {
                Some(serde_json::Value::Array(items)) => items.clone(),
                _ => vec![other.clone()],
            },
        };
        for item in items
            .iter()
            .filter(|i| i.get("datePublished").is_some() || i.get("headline").is_some())
        {
            let text = |key: &str| item.get(key).and_then(|v| v.as_str()).map(str::to_string);
            found.headline = found.headline.or_else(|| text("headline"));
            found.published = found.published.or_else(|| text("datePublished"));
            let name_of = |v: &serde_json::Value| {
                v.get("name")
                    .and_then(|n| n.as_str())
                    .or(v.as_str())
                    .map(str::to_string)
            };
            if found.authors.is_empty() {
                found.authors = match item.get("author") {
                    Some(serde_json::Value::Array(list)) => {
                        list.iter().filter_map(name_of).collect()
                    }
                    Some(one) => name_of(one).into_iter().collect(),
                    None => Vec::new(),
                };
            }
            found.publisher = found
                .publisher
                .or_else(|| item.get("publisher").and_then(name_of));
        }
    }
    found
}

/// The publication time: a visible dateline that agrees with the page's metadata gives the
/// local offset (metadata often says Z for what is WIB, or gives the same moment in UTC); else
/// the metadata with its own offset; else the visible dateline nearest above the article's
/// text (a sidebar's times are elsewhere), else the first inside it, else the first anywhere.
pub fn published(
    meta: Option<&str>,
    blocks: &[Block],
    reader: &crate::dates::DateReader,
) -> Option<String> {
    // "0001-01-01" is what a page's template writes when it has no date
    let declared = meta
        .and_then(|m| reader.find_all(m).into_iter().next())
        .filter(|d| d.year.is_some_and(|y| y >= 1900));
    let visible: Vec<(usize, crate::dates::FoundDate)> = blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| b.text.split_whitespace().count() <= 16)
        .filter_map(|(i, b)| {
            reader
                .find_all(&b.text)
                .into_iter()
                .find(|d| d.time.is_some() && d.year.is_some())
                .map(|d| (i, d))
        })
        .collect();
    let same_moment = |a: &crate::dates::FoundDate, b: &crate::dates::FoundDate| {
        (a.year, a.month, a.day, a.time) == (b.year, b.month, b.day, b.time)
    };
    if let Some(declared) = &declared {
        let agreeing = visible.iter().map(|(_, v)| v).find(|v| {
            v.offset.is_some()
                && (same_moment(v, declared)
                    || (v.utc_minutes().is_some() && v.utc_minutes() == declared.utc_minutes()))
        });
        return agreeing.unwrap_or(declared).iso(None);
    }
    let first_kept = blocks.iter().position(|b| b.removed.is_none());
    let above: Vec<&crate::dates::FoundDate> = visible
        .iter()
        .filter(|(i, _)| first_kept.is_some_and(|k| *i <= k))
        .map(|(_, d)| d)
        .collect();
    let inside: Vec<&crate::dates::FoundDate> = visible
        .iter()
        .filter(|(i, _)| blocks[*i].removed.is_none())
        .map(|(_, d)| d)
        .collect();
    let anywhere: Vec<&crate::dates::FoundDate> = visible.iter().map(|(_, d)| d).collect();
    let nearest_above = above
        .iter()
        .rev()
        .find(|d| d.offset.is_some())
        .or(above.last());
    nearest_above
        .copied()
        .or_else(|| first_with_offset(&inside))
        .or_else(|| first_with_offset(&anywhere))
        .and_then(|d| d.iso(None))
}

/// The first of the dates with a time-zone offset, else the first.
fn first_with_offset<'a>(
    dates: &[&'a crate::dates::FoundDate],
) -> Option<&'a crate::dates::FoundDate> {
    dates
        .iter()
        .find(|d| d.offset.is_some())
        .or(dates.first())
        .copied()
}

/// Reads title, site name, publication time and authors from meta tags and the head.
pub fn page_meta(document: &Html) -> PageMeta {
    let site_name = select_first(
        document,
        r#"meta[property="og:site_name"]"#,
        Some("content"),
    );
    let raw_title = select_first(document, r#"meta[property="og:title"]"#, Some("content"))
        .or_else(|| select_first(document, "title", None))
        .or_else(|| select_first(document, "h1", None));
    let heading = select_first(document, "h1", None);
    let title = raw_title.map(|t| match heading {
        // "NamaSitus.com: Judul Berita" in the head, "Judul Berita" on the page
        Some(h1)
            if h1.split_whitespace().count() >= 3
                && h1.len() < t.len()
                && t.to_lowercase().contains(&h1.to_lowercase()) =>
        {
            h1
        }
        _ => strip_site_suffix(&t, site_name.as_deref()),
    });
    let linked = linked_data(document);
    let published = linked.published.or_else(|| {
        [
            r#"meta[property="article:published_time"]"#,
            r#"meta[name="pubdate"]"#,
            r#"meta[name="publishdate"]"#,
            r#"meta[itemprop="datePublished"]"#,
            r#"meta[name="date"]"#,
        ]
        .iter()
        .find_map(|s| select_first(document, s, Some("content")))
        .or_else(|| select_first(document, "time[datetime]", Some("datetime")))
    });
    let authors = if linked.authors.is_empty() {
        select_first(document, r#"meta[name="author"]"#, Some("content"))
            .map(|a| {
                a.split([',', '&'])
                    .map(|n| n.trim().to_string())
                    .filter(|n| !n.is_empty())
                    .collect()
            })
            .unwrap_or_default()
    } else {
        linked.authors
    };
    let title = title.or(linked.headline);
    let site_name = site_name.or(linked.publisher);
    let language = select_first(document, "html", Some("lang")).map(|l| {
        l.split(['-', '_'])
            .next()
            .unwrap_or_default()
            .to_lowercase()
    });
    PageMeta {
        title,
        site_name,
        published,
        authors,
        language,
    }
}

/// "Judul Berita - Kompas.com" becomes "Judul Berita".
fn strip_site_suffix(title: &str, site_name: Option<&str>) -> String {
    for separator in [" | ", " - ", " – ", " — ", " :: "] {
        if let Some((head, tail)) = title.rsplit_once(separator) {
            let tail_is_site = site_name
                .is_some_and(|s| tail.to_lowercase().contains(&s.to_lowercase()))
                || tail.contains(".com")
                || tail.contains(".co")
                || tail.split_whitespace().count() <= 3;
            if tail_is_site && head.split_whitespace().count() >= 3 {
                return head.trim().to_string();
            }
        }
    }
    title.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_nested_past_the_limit_is_flattened_with_its_text_kept() {
        let depth = 100_000;
        let page = format!(
            "<html><body>{}<p>Teks berita di dasar.</p>{}</body></html>",
            "<div class=\"x>y\">".repeat(depth),
            "</div>".repeat(depth)
        );
        let flat = flatten_deep_nesting(&page).expect("flattened");
        // html and body take two of the levels
        assert_eq!(flat.matches("<div").count(), MAX_NESTING - 2);
        assert_eq!(flat.matches("</div>").count(), MAX_NESTING - 2);
        let text = page_text(&Html::parse_document(&flat));
        assert!(text.contains("Teks berita di dasar."), "{text}");
    }

    #[test]
    fn ordinary_pages_and_unclosed_paragraphs_are_left_alone() {
        let page = format!(
            "<html><body><div>{}</div><script>if (a<b) {{ x = '<div>'; }}</script></body></html>",
            "<p>satu<br>dua<img src=x>".repeat(1_000)
        );
        assert_eq!(flatten_deep_nesting(&page), None);
        // stray closing tags of elements never opened cost nothing and change nothing
        let strays = format!("<div>{}</div>", "</span>".repeat(1_000));
        assert_eq!(flatten_deep_nesting(&strays), None);
    }

    #[test]
    fn inline_tags_neither_glue_nor_split_words() {
        let page = Html::parse_document("<body><p>Satu <b>dua</b>tiga<i> empat</i></p><p>lima&amp;enam</p><script>x()</script></body>");
        assert_eq!(
            page_text(&page)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
            "Satu duatiga empat lima&enam"
        );
        assert!(page_text(&page).contains("empat\n"));
    }

    #[test]
    fn meta_and_title_suffix() {
        let page = Html::parse_document(
            r#"<html lang="id-ID"><head><title>KPU Buka Suara - Kompas.com</title><meta property="og:site_name" content="Kompas.com"><meta name="author" content="Ani, Budi"></head></html>"#,
        );
        let meta = page_meta(&page);
        assert_eq!(meta.title.as_deref(), Some("KPU Buka Suara"));
        assert_eq!(meta.authors, ["Ani", "Budi"]);
        assert_eq!(meta.language.as_deref(), Some("id"));
    }

    fn blocks_of(html: &str) -> Vec<Block> {
        page_blocks(&Html::parse_document(html))
    }

    fn kept_text(blocks: &[Block]) -> String {
        blocks
            .iter()
            .filter(|b| b.removed.is_none())
            .map(|b| b.text.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    }

    const PROSE: &str = "<p>Warga desa berkumpul di balai pada pagi hari, membahas rencana perbaikan jalan, saluran air, dan jembatan kecil yang rusak sejak musim hujan lalu.</p>\
        <p>Kepala desa mengatakan, dana perbaikan berasal dari anggaran desa, sumbangan warga, dan bantuan kabupaten yang cair bulan depan.</p>\
        <p>Pekerjaan dimulai pekan depan, melibatkan pemuda desa, tukang setempat, dan relawan dari kecamatan tetangga.</p>";

    #[test]
    fn an_article_a_script_swaps_in_from_a_hidden_element() {
        let html = format!(
            "<body><div id=app><p>Memuat…</p></div><div hidden><article>{PROSE}</article></div></body>"
        );
        assert!(kept_text(&blocks_of(&html)).contains("Kepala desa mengatakan"));
    }

    #[test]
    fn an_unclosed_aside_does_not_swallow_the_article() {
        let html = format!(
            "<body><aside><a href=/>Beranda</a><main><article>{PROSE}</article></main></body>"
        );
        assert!(kept_text(&blocks_of(&html)).contains("Kepala desa mengatakan"));
    }

    #[test]
    fn a_page_without_article_markup_still_gives_its_text() {
        let html =
            format!("<body><div><div>{PROSE}</div></div><div><a href=/a>Tautan</a></div></body>");
        let kept = kept_text(&blocks_of(&html));
        assert!(
            kept.contains("Warga desa") && kept.contains("Pekerjaan dimulai"),
            "{kept}"
        );
        assert!(!kept.contains("Tautan"));
    }

    #[test]
    fn a_list_of_other_stories_beside_the_article_is_left_out() {
        let list = "<div><h3><a href=/b>Harga Beras Turun Menjelang Panen Raya</a></h3><p>2 jam lalu</p><p>Harga beras di pasar induk turun, kata pedagang, karena panen raya sudah dekat.</p>\
            <h3><a href=/c>Banjir Rendam Tiga Kecamatan di Selatan</a></h3><p>3 jam lalu</p><p>Air setinggi lutut, menurut warga, merendam rumah sejak subuh tadi.</p></div>";
        let html =
            format!("<body><div class=col><div class=content>{PROSE}</div>{list}</div></body>");
        let kept = kept_text(&blocks_of(&html));
        assert!(kept.contains("Kepala desa"));
        assert!(!kept.contains("Harga beras di pasar"), "{kept}");
    }

    #[test]
    fn a_site_prefix_in_the_head_title_gives_way_to_the_heading() {
        let page = Html::parse_document(
            r#"<head><meta property="og:title" content="KabarKita.com: Warga Perbaiki Jembatan Desa"></head><body><h1>Warga Perbaiki Jembatan Desa</h1></body>"#,
        );
        assert_eq!(
            page_meta(&page).title.as_deref(),
            Some("Warga Perbaiki Jembatan Desa")
        );
    }

    #[test]
    fn publication_time_from_the_dateline_not_a_sidebar() {
        let pack = crate::lang::pack("id").unwrap();
        let html = format!(
            "<body><div class=sidebar-list><p><a href=/x>Berita lain yang sedang ramai dibaca</a></p><p>Selasa, 7 Maret 2017 10:00 WIB</p></div>\
             <p>Senin , 6 March 2017, 09:05 WIB</p><article>{PROSE}</article></body>"
        );
        let blocks = blocks_of(&html);
        let found = published(None, &blocks, pack.date_reader());
        assert_eq!(found.as_deref(), Some("2017-03-06T09:05+07:00"));
        // metadata in UTC, the dateline's own offset kept for the same moment
        let found = published(Some("2017-03-06T02:05:00Z"), &blocks, pack.date_reader());
        assert_eq!(found.as_deref(), Some("2017-03-06T09:05+07:00"));
    }

    #[test]
    fn charset_is_read_from_meta() {
        let bytes = b"<html><head><meta charset=\"iso-8859-1\"></head>caf\xe9</html>";
        assert_eq!(declared_encoding(bytes).unwrap().name(), "windows-1252");
    }
}
