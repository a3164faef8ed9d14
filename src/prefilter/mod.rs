//! Which of a set of patterns can match a text, told from the words every match of theirs
//! contains: "register" for a case number read after that word, one of the month names for a
//! date written with one. A pattern skipped where it cannot match saves a pass over most
//! paragraphs; one Aho-Corasick pass finds the words for all of them.
//!
//! The words come from each pattern's syntax tree, so the filter follows the language data
//! without being written down beside it. It only ever skips a pattern that cannot match: a
//! pattern it cannot read stays open everywhere. A pattern that is run is run in the cheapest
//! form that matches the text as written (`forms`).

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use regex::Regex;
use regex_syntax::hir::{Class, Hir, HirKind};

pub(crate) mod forms;

use forms::Forms;

/// The patterns' required words, found in a text at once.
#[derive(Debug)]
pub(crate) struct Prefilter {
    /// The required words longer than a byte, matched ignoring ASCII case.
    finder: Option<AhoCorasick>,
    /// The word id of each of the finder's words.
    finder_words: Vec<usize>,
    /// The one-byte words ("/", "("), each with its id: a byte search finds one faster than
    /// the finder reports each of its many places.
    bytes: Vec<(u8, usize)>,
    /// Per pattern, what a match needs: one word of each group (word ids).
    needs: Vec<Vec<Vec<usize>>>,
    /// Per pattern, whether every match holds a digit: most paragraphs have none, and then
    /// the words need not be looked for.
    needs_digit: Vec<bool>,
    /// Letters that case-insensitive patterns take for an ASCII one (`ſ` for `s`, the Kelvin
    /// sign for `k`): a text holding one opens every pattern.
    foreign_folds: Vec<char>,
}

/// Regular expressions, each run only where the words it needs are, and compiled when first
/// run: a pattern no text opens is never compiled (a few patterns' Unicode classes take tens
/// of milliseconds), and threads that first need different patterns compile them side by side.
#[derive(Debug)]
pub(crate) struct Patterns {
    sources: Vec<String>,
    /// Each pattern in the forms the characters of a text allow.
    forms: Vec<Forms>,
    prefilter: Prefilter,
}

impl Patterns {
    /// Patterns in the syntax of the `regex` crate, in their order; bundled patterns are tested
    /// to compile.
    pub(crate) fn new(sources: Vec<String>) -> Patterns {
        Patterns {
            prefilter: Prefilter::new(sources.iter().map(String::as_str)),
            forms: sources.iter().map(|source| Forms::new(source)).collect(),
            sources,
        }
    }

    /// The patterns that may match `text`, with their places in the order given, each in the
    /// form that reads `text` as written.
    pub(crate) fn that_may_match<'a>(
        &'a self,
        text: &str,
    ) -> impl Iterator<Item = (usize, &'a Regex)> + 'a {
        let open = self.prefilter.open(text);
        // read only where a pattern is to run: most paragraphs open none
        let held = match open.any() {
            true => forms::WordCharacters::of(text),
            false => forms::WordCharacters::Any,
        };
        (0..self.sources.len())
            .filter(move |&n| open.may_match(n))
            .map(move |n| (n, self.forms[n].for_text(held)))
    }

    #[cfg(test)]
    pub(crate) fn sources(&self) -> &[String] {
        &self.sources
    }

    /// Which of the patterns the prefilter opens for `text`.
    #[cfg(test)]
    pub(crate) fn opened(&self, text: &str) -> Vec<bool> {
        let open = self.prefilter.open(text);
        (0..self.sources.len()).map(|n| open.may_match(n)).collect()
    }

    /// Each pattern's forms, for the tests of `forms`.
    #[cfg(test)]
    pub(crate) fn forms(&self) -> &[Forms] {
        &self.forms
    }

    /// Whether the prefilter names a word for each pattern.
    #[cfg(test)]
    pub(crate) fn each_needs_a_word(&self) -> Vec<bool> {
        self.prefilter.needs.iter().map(|n| !n.is_empty()).collect()
    }

    /// Whether the prefilter knows that each pattern's matches hold a digit.
    #[cfg(test)]
    pub(crate) fn each_needs_a_digit(&self) -> &[bool] {
        &self.prefilter.needs_digit
    }
}

/// Which patterns can match a text.
pub(crate) struct Open(Vec<bool>);

impl Open {
    fn any(&self) -> bool {
        self.0.contains(&true)
    }

    pub(crate) fn may_match(&self, pattern: usize) -> bool {
        self.0.get(pattern).copied().unwrap_or(true)
    }
}

impl Prefilter {
    /// A filter for `patterns`, in their order, each in the syntax of the `regex` crate.
    pub(crate) fn new<'a>(patterns: impl IntoIterator<Item = &'a str>) -> Prefilter {
        let mut words: Vec<Vec<u8>> = Vec::new();
        let mut foreign_folds = Vec::new();
        let mut id_of = |word: Vec<u8>| match words.iter().position(|w| *w == word) {
            Some(id) => id,
            None => {
                words.push(word);
                words.len() - 1
            }
        };
        let (needs, needs_digit) = patterns
            .into_iter()
            .map(|pattern| {
                let Ok(hir) = regex_syntax::Parser::new().parse(pattern) else {
                    return (Vec::new(), false);
                };
                let needs = required(&hir, &mut foreign_folds)
                    .into_iter()
                    .map(|group| group.into_iter().map(&mut id_of).collect())
                    .collect();
                (needs, holds_a_digit(&hir))
            })
            .unzip();
        foreign_folds.sort_unstable();
        foreign_folds.dedup();
        let (bytes, long): (Vec<_>, Vec<_>) = words
            .into_iter()
            .enumerate()
            .partition(|(_, w)| w.len() == 1);
        let finder = (!long.is_empty()).then(|| {
            AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::Standard)
                // a few dozen words: the fastest automaton is small
                .kind(Some(AhoCorasickKind::DFA))
                .build(long.iter().map(|(_, w)| w))
                .expect("literal words build an automaton")
        });
        Prefilter {
            finder,
            finder_words: long.iter().map(|&(id, _)| id).collect(),
            bytes: bytes.into_iter().map(|(id, w)| (w[0], id)).collect(),
            needs,
            needs_digit,
            foreign_folds,
        }
    }

    /// How many required words there are, of every length.
    fn words(&self) -> usize {
        self.bytes.len() + self.finder_words.len()
    }

    /// Which patterns can match somewhere in `text`.
    pub(crate) fn open(&self, text: &str) -> Open {
        let digits = text.bytes().any(|b| b.is_ascii_digit())
            || (!text.is_ascii() && text.chars().any(char::is_numeric));
        let digits_allow = |n: usize| digits || !self.needs_digit[n];
        let patterns = 0..self.needs.len();
        let words = self.words();
        if !patterns.clone().any(digits_allow)
            || words == 0
            || (!text.is_ascii() && text.contains(self.foreign_folds.as_slice()))
        {
            return Open(patterns.map(digits_allow).collect());
        }
        let mut seen = vec![false; words];
        let haystack = text.as_bytes();
        for &(byte, id) in &self.bytes {
            seen[id] = haystack.contains(&byte.to_ascii_lowercase())
                || haystack.contains(&byte.to_ascii_uppercase());
        }
        if let Some(finder) = &self.finder {
            for found in finder.find_overlapping_iter(text) {
                seen[self.finder_words[found.pattern().as_usize()]] = true;
            }
        }
        Open(
            self.needs
                .iter()
                .enumerate()
                .map(|(n, groups)| {
                    digits_allow(n) && groups.iter().all(|g| g.iter().any(|&w| seen[w]))
                })
                .collect(),
        )
    }
}

/// What every match of `hir` contains: groups of words, one word of each group (ASCII case
/// aside). No group: nothing is known.
fn required(hir: &Hir, foreign_folds: &mut Vec<char>) -> Vec<Vec<Vec<u8>>> {
    match hir.kind() {
        HirKind::Capture(capture) => required(&capture.sub, foreign_folds),
        HirKind::Repetition(repetition) if repetition.min >= 1 => {
            required(&repetition.sub, foreign_folds)
        }
        HirKind::Alternation(branches) => {
            // one word of some branch: each branch's most telling group, together
            let mut any: Vec<Vec<u8>> = Vec::new();
            for branch in branches {
                match best(required(branch, foreign_folds)) {
                    Some(group) => any.extend(group),
                    None => return Vec::new(),
                }
            }
            any.sort();
            any.dedup();
            vec![any]
        }
        HirKind::Concat(parts) => {
            // every part's groups, and each run of parts that spell one word exactly
            let mut groups = Vec::new();
            let mut run: Vec<u8> = Vec::new();
            for part in parts {
                match exact(part, foreign_folds) {
                    Some(bytes) => run.extend(bytes),
                    None => {
                        if !run.is_empty() {
                            groups.push(vec![std::mem::take(&mut run)]);
                        }
                        groups.extend(required(part, foreign_folds));
                    }
                }
            }
            if !run.is_empty() {
                groups.push(vec![run]);
            }
            groups
        }
        _ => match exact(hir, foreign_folds) {
            Some(bytes) if !bytes.is_empty() => vec![vec![bytes]],
            _ => Vec::new(),
        },
    }
}

/// Whether every match of `hir` holds a digit (a character Unicode calls numeric).
fn holds_a_digit(hir: &Hir) -> bool {
    match hir.kind() {
        HirKind::Literal(literal) => {
            std::str::from_utf8(&literal.0).is_ok_and(|text| text.chars().any(char::is_numeric))
        }
        HirKind::Class(Class::Unicode(class)) => {
            !class.ranges().is_empty()
                && class
                    .ranges()
                    .iter()
                    .all(|r| (r.start()..=r.end()).all(char::is_numeric))
        }
        HirKind::Class(Class::Bytes(class)) => {
            !class.ranges().is_empty()
                && class
                    .ranges()
                    .iter()
                    .all(|r| (r.start()..=r.end()).all(|b| b.is_ascii_digit()))
        }
        HirKind::Capture(capture) => holds_a_digit(&capture.sub),
        HirKind::Repetition(repetition) => repetition.min >= 1 && holds_a_digit(&repetition.sub),
        HirKind::Concat(parts) => parts.iter().any(holds_a_digit),
        HirKind::Alternation(branches) => branches.iter().all(holds_a_digit),
        HirKind::Empty | HirKind::Look(_) => false,
    }
}

/// The group whose shortest word is longest: the one least often met by chance.
fn best(groups: Vec<Vec<Vec<u8>>>) -> Option<Vec<Vec<u8>>> {
    groups
        .into_iter()
        .max_by_key(|g| (g.iter().map(Vec::len).min(), std::cmp::Reverse(g.len())))
}

/// The one text `hir` matches, ASCII case aside, if it matches only that.
fn exact(hir: &Hir, foreign_folds: &mut Vec<char>) -> Option<Vec<u8>> {
    match hir.kind() {
        HirKind::Literal(literal) => Some(literal.0.to_vec()),
        HirKind::Class(class) => one_letter(class, foreign_folds).map(|b| vec![b]),
        HirKind::Capture(capture) => exact(&capture.sub, foreign_folds),
        HirKind::Concat(parts) => parts.iter().try_fold(Vec::new(), |mut bytes, part| {
            bytes.extend(exact(part, foreign_folds)?);
            Some(bytes)
        }),
        _ => None,
    }
}

/// The ASCII character a class stands for, where it is one in both cases (`[Nn]`), with the
/// non-ASCII letters that Unicode case folding adds to it noted in `foreign_folds`.
fn one_letter(class: &Class, foreign_folds: &mut Vec<char>) -> Option<u8> {
    let chars: Vec<char> = match class {
        Class::Unicode(class) => class
            .ranges()
            .iter()
            .flat_map(|r| r.start()..=r.end())
            .take(4)
            .collect(),
        Class::Bytes(class) => class
            .ranges()
            .iter()
            .flat_map(|r| r.start()..=r.end())
            .take(4)
            .map(char::from)
            .collect(),
    };
    let ascii: Vec<u8> = chars
        .iter()
        .filter(|c| c.is_ascii())
        .map(|&c| c as u8)
        .collect();
    let first = *ascii.first()?;
    if chars.len() == 4 || !ascii.iter().all(|b| b.eq_ignore_ascii_case(&first)) {
        return None;
    }
    let foreign: Vec<char> = chars.iter().filter(|c| !c.is_ascii()).copied().collect();
    // only a letter's other forms; a class such as [a\u{e9}] is no one letter
    if !foreign.is_empty()
        && !foreign
            .iter()
            .all(|c| c.to_lowercase().eq(char::from(first).to_lowercase()) || folds_to(*c, first))
    {
        return None;
    }
    foreign_folds.extend(foreign);
    Some(first)
}

/// Whether `c` is a Unicode case variant of the ASCII letter `letter`.
fn folds_to(c: char, letter: u8) -> bool {
    let lower = char::from(letter.to_ascii_lowercase());
    let upper = char::from(letter.to_ascii_uppercase());
    c.to_lowercase().eq(lower.to_lowercase()) || c.to_uppercase().eq(upper.to_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;

    /// Every pattern the filter closes for a text finds nothing in it.
    fn check(patterns: &[&str], texts: &[&str]) -> Vec<Vec<bool>> {
        let filter = Prefilter::new(patterns.iter().copied());
        texts
            .iter()
            .map(|text| {
                let open = filter.open(text);
                patterns
                    .iter()
                    .enumerate()
                    .map(|(n, p)| {
                        let matches = Regex::new(p).unwrap().is_match(text);
                        assert!(open.may_match(n) || !matches, "{p} closed on {text}");
                        open.may_match(n)
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn a_pattern_opens_only_where_its_words_are() {
        let patterns = [
            r"\bregister\s+(?:nomor\s+)?(?P<num>\d{1,5})\b",
            r"(?i)\b(?:perkara|putusan)\s+(?:nomor|no\.?)\s*(?P<num>\d+)",
            r"\b\d{1,2}/\d{1,2}/\d{4}\b",
            r"\d+",
        ];
        let open = check(
            &patterns,
            &[
                "Perkara register nomor 12 disidangkan.",
                "Menurut PUTUSAN No. 7 itu, dan 3/4/2024.",
                "Perkara ini tanpa nomor.",
                "Tidak ada apa-apa di sini.",
            ],
        );
        assert_eq!(open[0], [true, true, false, true]);
        assert_eq!(open[1], [false, true, true, true]);
        // both words present, but no digit, which every match of three of them holds
        assert_eq!(open[2], [false, false, false, false]);
        assert_eq!(open[3], [false, false, false, false]);
        let open = check(&patterns, &["Perkara nomor ١٢ dan nomor xii."]);
        assert_eq!(open[0], [false, true, false, true], "Arabic-Indic digits");
    }

    #[test]
    fn case_folding_letters_beyond_ascii_open_every_pattern() {
        // (?i)s matches the long s, (?i)k the Kelvin sign
        let patterns = [r"(?i)sidang", r"(?i)kode"];
        assert_eq!(check(&patterns, &["ſidang"]), [[true, true]]);
        assert_eq!(check(&patterns, &["\u{212a}ode"]), [[true, true]]);
        assert_eq!(check(&patterns, &["Sidang é"]), [[true, false]]);
        assert_eq!(check(&patterns, &["KODE"]), [[false, true]]);
    }

    #[test]
    fn every_register_pattern_of_the_packs_names_a_word_and_a_digit() {
        // one without would be run on every paragraph
        for code in ["id", "en"] {
            let registers = crate::lang::pack(code).unwrap().registers();
            let words = registers.patterns.each_needs_a_word();
            let digits = registers.patterns.each_needs_a_digit();
            for (n, kind) in registers.kinds.iter().enumerate() {
                assert!(words[n] && digits[n], "{code} {kind} pattern {n}");
            }
        }
    }

    #[test]
    fn a_digit_is_needed_where_every_way_to_match_holds_one() {
        let holds =
            |pattern: &str| holds_a_digit(&regex_syntax::Parser::new().parse(pattern).unwrap());
        for pattern in [
            r"\d+",
            r"(?:\d|[0-9])x",
            r"(?P<n>\d{1,4})/",
            "Tahun 2024",
            r"a(?:1|\d)",
        ] {
            assert!(holds(pattern), "{pattern}");
        }
        for pattern in [r"x\d?", r"a|\d", "[0-9a]", r"\w+", r"\d*", r"\b"] {
            assert!(!holds(pattern), "{pattern}");
        }
    }

    #[test]
    fn every_branch_of_an_alternation_must_name_a_word() {
        // a branch with no word of its own leaves the pattern open everywhere
        let open = check(&[r"(?:Undang|\d+)\s+baru", r"(?:Undang|UU)-\d"], &["kata"]);
        assert_eq!(open, [[false, false]]);
        let open = check(&[r"(?:Undang|\d*)\s+baru", r"x?"], &["kata"]);
        assert_eq!(open, [[false, true]]);
    }
}
