//! Words and the passages they are read from: tokens with their byte ranges, the units
//! (title, paragraphs) an article is read in, and the mentions found in them.

use std::sync::OnceLock;

use regex::Regex;

use super::*;

/// A word or punctuation mark with its byte range in the text it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Token<'a> {
    pub(super) text: &'a str,
    pub(super) lower: String,
    pub(super) start: usize,
    pub(super) end: usize,
}

pub(super) fn tokenize<'a>(text: &'a str, abbreviations: &[String]) -> Vec<Token<'a>> {
    static WORD: OnceLock<Regex> = OnceLock::new();
    let word = WORD.get_or_init(|| {
        Regex::new(r"[\p{L}\p{N}]+(?:['’\-.&][\p{L}\p{N}]+)*|\S").expect("token pattern compiles")
    });
    let token = |start: usize, end: usize| Token {
        text: &text[start..end],
        lower: text[start..end].to_lowercase(),
        start,
        end,
    };
    let mut tokens = Vec::new();
    for m in word.find_iter(text) {
        // an English possessive is no part of the name: "Trump's" is "Trump" + "'s"
        let possessive = ["'s", "’s"]
            .iter()
            .find(|p| m.as_str().len() > p.len() + 1 && m.as_str().ends_with(*p));
        // "Party-controlled": a name with a lower-case word hyphened on ends at the hyphen
        let hyphened = m
            .as_str()
            .rsplit_once('-')
            .filter(|(name, tail)| {
                capitalised(name)
                    && tail.chars().count() >= 3
                    && tail.chars().all(char::is_lowercase)
            })
            .map(|(name, _)| m.start() + name.len());
        match (possessive, hyphened) {
            (Some(p), _) => {
                tokens.push(token(m.start(), m.end() - p.len()));
                tokens.push(token(m.end() - p.len(), m.end()));
            }
            (None, Some(hyphen)) => {
                tokens.push(token(m.start(), hyphen));
                tokens.push(token(hyphen, hyphen + 1));
                tokens.push(token(hyphen + 1, m.end()));
            }
            (None, None) => tokens.push(token(m.start(), m.end())),
        }
    }
    keep_abbreviation_dots(text, &mut tokens, abbreviations);
    tokens
}

/// An initial, a dotted acronym or a title's abbreviation keeps its full stop ("Patrick W.
/// Carlineo", "U.S.", "Gov. Ann Lee"), so that the stop does not cut the name it stands in: a
/// single capital letter or a pack abbreviation before a capitalised word, or letters already
/// joined by stops.
pub(super) fn keep_abbreviation_dots<'a>(
    text: &'a str,
    tokens: &mut Vec<Token<'a>>,
    abbreviations: &[String],
) {
    let mut i = 0;
    while i + 1 < tokens.len() {
        let (word, stop) = (&tokens[i], &tokens[i + 1]);
        let next_capitalised = tokens.get(i + 2).is_some_and(|t| capitalised(t.text));
        let initial = word.text.chars().count() == 1 && capitalised(word.text) && next_capitalised;
        let abbreviation = capitalised(word.text) && abbreviations.contains(&word.lower);
        let dotted =
            word.text.contains('.') && word.text.chars().all(|c| c == '.' || c.is_uppercase());
        if stop.text == "." && stop.start == word.end && (dotted || initial || abbreviation) {
            let (start, end) = (word.start, stop.end);
            tokens[i] = Token {
                text: &text[start..end],
                lower: text[start..end].to_lowercase(),
                start,
                end,
            };
            tokens.remove(i + 1);
        }
        i += 1;
    }
}

pub(super) fn capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// An acronym or a name with inner capitals ("KPU", "KemenKominfo").
pub(super) fn acronym_like(word: &str) -> bool {
    word.chars().skip(1).any(char::is_uppercase)
}

pub(super) fn all_caps(word: &str) -> bool {
    word.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && word.chars().all(|c| !c.is_lowercase())
}

/// One text the entities are read from: the title (no paragraph) or a body paragraph.
pub(super) struct Unit<'a> {
    pub(super) paragraph: Option<usize>,
    pub(super) text: &'a str,
    pub(super) tokens: Vec<Token<'a>>,
    pub(super) tags: Vec<&'static str>,
    /// Character positions of the text's bytes, for spans.
    pub(super) offsets: Offsets,
}

/// A mention found in a unit: token range and the words as written.
#[derive(Debug, Clone)]
pub(super) struct Mention {
    pub(super) unit: usize,
    pub(super) first: usize,
    pub(super) last: usize,
    pub(super) text: String,
}

/// Institution mentions looked up by the unit and token they start or end at, so that the
/// rules around each name cost the same however many mentions a paragraph holds.
pub(super) struct MentionIndex<'a> {
    pub(super) by_first: HashMap<(usize, usize), &'a (Mention, usize)>,
    pub(super) by_last: HashMap<(usize, usize), &'a (Mention, usize)>,
}

impl<'a> MentionIndex<'a> {
    pub(super) fn new(mentions: &'a [(Mention, usize)]) -> Self {
        let mut index = MentionIndex {
            by_first: HashMap::default(),
            by_last: HashMap::default(),
        };
        for entry in mentions {
            let (m, _) = entry;
            index.by_first.entry((m.unit, m.first)).or_insert(entry);
            index.by_last.entry((m.unit, m.last)).or_insert(entry);
        }
        index
    }

    pub(super) fn starting_at(&self, unit: usize, token: usize) -> Option<&'a (Mention, usize)> {
        self.by_first.get(&(unit, token)).copied()
    }

    pub(super) fn ending_at(&self, unit: usize, token: usize) -> Option<&'a (Mention, usize)> {
        self.by_last.get(&(unit, token)).copied()
    }
}
