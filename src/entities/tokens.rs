//! Words and the passages they are read from: tokens with their byte ranges, the units
//! (title, paragraphs) an article is read in, and the mentions found in them.

use std::borrow::Cow;
use std::sync::OnceLock;

use super::*;

/// A word or punctuation mark with its byte range in the text it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Token<'a> {
    pub(super) text: &'a str,
    /// Borrowed from the text where the word is already lower case, as most are.
    pub(super) lower: Cow<'a, str>,
    pub(super) start: usize,
    pub(super) end: usize,
    /// The lower-cased word's bit in a phrase list's filter (`FirstWords::bit`), read once
    /// for the many lists each word is looked up in.
    pub(super) filter_bit: usize,
}

impl<'a> Token<'a> {
    /// The token of `text[start..end]`.
    pub(super) fn new(text: &'a str, start: usize, end: usize) -> Token<'a> {
        let lower = crate::lang::lowercase(&text[start..end]);
        Token {
            text: &text[start..end],
            filter_bit: crate::lang::FirstWords::bit(&lower),
            lower,
            start,
            end,
        }
    }
}

impl Token<'_> {
    /// Whether the word, lower-cased, is one of a list's.
    pub(super) fn is_in(&self, list: &[String]) -> bool {
        list.iter().any(|w| *w == *self.lower)
    }
}

pub(super) fn tokenize<'a>(text: &'a str, abbreviations: &[String]) -> Vec<Token<'a>> {
    let token = |start: usize, end: usize| Token::new(text, start, end);
    // a token for every five bytes or so of running text, room made once
    let mut tokens = Vec::with_capacity(text.len() / 5);
    for (start, end) in words(text) {
        let word = &text[start..end];
        // an English possessive is no part of the name: "Trump's" is "Trump" + "'s"
        let possessive = ["'s", "’s"]
            .iter()
            .find(|p| word.len() > p.len() + 1 && word.ends_with(*p));
        // "Party-controlled": a name with a lower-case word hyphened on ends at the hyphen
        // (a byte search: most words have no hyphen, and a char searcher costs more to set up
        // than a short word takes to read)
        let hyphened = (word.as_bytes().iter().rposition(|&b| b == b'-'))
            .map(|at| (&word[..at], &word[at + 1..]))
            .filter(|(name, tail)| {
                capitalised(name)
                    && tail.chars().count() >= 3
                    && tail.chars().all(char::is_lowercase)
            })
            .map(|(name, _)| start + name.len());
        match (possessive, hyphened) {
            (Some(p), _) => {
                tokens.push(token(start, end - p.len()));
                tokens.push(token(end - p.len(), end));
            }
            (None, Some(hyphen)) => {
                tokens.push(token(start, hyphen));
                tokens.push(token(hyphen, hyphen + 1));
                tokens.push(token(hyphen + 1, end));
            }
            (None, None) => tokens.push(token(start, end)),
        }
    }
    keep_abbreviation_dots(text, &mut tokens, abbreviations);
    tokens
}

/// The byte ranges of the text's words and marks: a run of letters and digits, with runs
/// joined by an apostrophe, hyphen, full stop or ampersand ("al-Qaeda", "U.S", "AT&T",
/// "1.500"), or any other single character that is not white space.
fn words(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut at = 0;
    std::iter::from_fn(move || {
        // white space skipped byte by byte while it is ASCII
        while (text.as_bytes().get(at))
            .is_some_and(|&b| b.is_ascii() && char::from(b).is_whitespace())
        {
            at += 1;
        }
        let (start, c) = text[at..]
            .char_indices()
            .map(|(i, c)| (at + i, c))
            .find(|(_, c)| !c.is_whitespace())?;
        let mut end = start + c.len_utf8();
        if is_word_char(c) {
            end = word_run_end(text, start);
            while let Some(joiner) = text[end..]
                .chars()
                .next()
                .filter(|j| matches!(j, '\'' | '’' | '-' | '.' | '&'))
            {
                let after = end + joiner.len_utf8();
                let run_end = word_run_end(text, after);
                if run_end == after {
                    break;
                }
                end = run_end;
            }
        }
        at = end;
        Some((start, end))
    })
}

/// Where the run of letters and digits starting at `from` ends.
fn word_run_end(text: &str, from: usize) -> usize {
    let bytes = text.as_bytes();
    let mut at = from;
    while let Some(&b) = bytes.get(at) {
        // ASCII read byte by byte, as most of a text is
        let (word, width) = if b.is_ascii() {
            (b.is_ascii_alphanumeric(), 1)
        } else {
            let c = text[at..].chars().next().unwrap_or_default();
            (is_word_char(c), c.len_utf8())
        };
        if !word {
            return at;
        }
        at += width;
    }
    text.len()
}

/// A letter or digit: Unicode's general categories L and N.
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    static RANGES: OnceLock<Vec<(char, char)>> = OnceLock::new();
    let ranges = RANGES.get_or_init(|| {
        let hir = regex_syntax::Parser::new()
            .parse(r"[\p{L}\p{N}]")
            .expect("the letter and digit class parses");
        match hir.kind() {
            regex_syntax::hir::HirKind::Class(regex_syntax::hir::Class::Unicode(class)) => class
                .ranges()
                .iter()
                .map(|r| (r.start(), r.end()))
                .collect(),
            _ => unreachable!("a bracketed class parses to a class"),
        }
    });
    ranges
        .binary_search_by(|&(first, last)| {
            if last < c {
                std::cmp::Ordering::Less
            } else if first > c {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
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
    // which tokens take the stop after them, read left to right as the stops are joined
    let mut joins = vec![false; tokens.len()];
    let mut i = 0;
    while i + 1 < tokens.len() {
        let (word, stop) = (&tokens[i], &tokens[i + 1]);
        let joined_stop = stop.text == "." && stop.start == word.end;
        let takes_stop = || {
            let next_capitalised = tokens.get(i + 2).is_some_and(|t| capitalised(t.text));
            let initial =
                word.text.chars().count() == 1 && capitalised(word.text) && next_capitalised;
            let abbreviation = capitalised(word.text) && word.is_in(abbreviations);
            let dotted =
                word.text.contains('.') && word.text.chars().all(|c| c == '.' || c.is_uppercase());
            dotted || initial || abbreviation
        };
        if joined_stop && takes_stop() {
            joins[i] = true;
            i += 2;
        } else {
            i += 1;
        }
    }
    // most paragraphs have no abbreviation: their tokens stay as they are
    if !joins.contains(&true) {
        return;
    }
    let kept = Vec::with_capacity(tokens.len());
    let mut read = std::mem::replace(tokens, kept).into_iter().zip(joins);
    while let Some((word, joins_stop)) = read.next() {
        let stop = if joins_stop { read.next() } else { None };
        match stop {
            Some((stop, _)) => {
                tokens.push(Token::new(text, word.start, stop.end));
            }
            None => tokens.push(word),
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_what_the_token_pattern_matches() {
        // the pattern the tokenizer was written from, as the oracle
        let pattern = regex::Regex::new(r"[\p{L}\p{N}]+(?:['’\-.&][\p{L}\p{N}]+)*|\S").unwrap();
        // ASCII and other letters, digits of other kinds (Ⅻ, ²), joiners, white space of
        // every kind (and a control that is none), marks that are alphabetic but no letter (U+0345) and punctuation
        let alphabet: Vec<char> =
            "aZ9 '’-.&\t\r\n\u{b}\u{c}\u{1f}\u{a0}\u{85}éßЖ\u{345}\u{301}Ⅻ²“”—😀,"
                .chars()
                .collect();
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..20_000 {
            let length = (state % 14) as usize;
            let text: String = (0..length)
                .map(|_| {
                    state = state
                        .wrapping_mul(6_364_136_223_846_793_005)
                        .wrapping_add(1);
                    alphabet[(state >> 33) as usize % alphabet.len()]
                })
                .collect();
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1);
            let expected: Vec<(usize, usize)> = pattern
                .find_iter(&text)
                .map(|m| (m.start(), m.end()))
                .collect();
            assert_eq!(words(&text).collect::<Vec<_>>(), expected, "{text:?}");
        }
    }

    #[test]
    fn stops_join_their_words_in_one_pass() {
        // a long run of initials: each stop is looked at once (the last initial, with no name
        // after it, keeps its stop apart)
        let text = "A. ".repeat(100_000);
        let tokens = tokenize(&text, &[]);
        assert_eq!(tokens.len(), 100_001);
        assert!(tokens[..99_999].iter().all(|t| t.text == "A."));
        let tokens = tokenize("A. B. c. D.", &[]);
        let texts: Vec<&str> = tokens.iter().map(|t| t.text).collect();
        assert_eq!(texts, ["A.", "B", ".", "c", ".", "D", "."]);
    }
}
