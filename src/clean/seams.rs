//! Seams: places where a scraper dropped the space between two words, usually where a link
//! was ("kePersatuan", "(PBVSI)pada", "Gubernur JakartaPramono Anungmengatakan").
//!
//! The printed text is never changed; the seams are reported so that extraction can read the
//! words apart, and an archivist can review or apply them. Each kind of seam has a guard for
//! the words written that way on purpose: addresses, handles, camel-case brands ("iPhone",
//! "detikNews"), name prefixes ("McDonald"), contracted names ("KemenpanRB").

use std::cell::RefCell;
use std::sync::OnceLock;

use foldhash::HashMap;

use crate::lang::{split_at_white_space, word_list, Pack};
use crate::record::{Offsets, Repair};

/// Letters at least in a capitalised name before a word glued to it ("Iwan" + "mengatakan").
const MIN_NAME_HEAD: usize = 4;
/// Longest glued word looked for at the end of a name.
const MAX_GLUED_TAIL: usize = 24;
/// Longest letter run searched for a glued word; longer runs are no name.
const MAX_NAMED_RUN: usize = 40;
/// The letters a name with a glued word can have: a name's head and a word of three letters,
/// up to the longest run searched.
const NAMED_RUN: std::ops::RangeInclusive<usize> = MIN_NAME_HEAD + 3..=MAX_NAMED_RUN;

/// The seams of one text, as byte offsets where a space is missing, in order.
pub(crate) fn find(text: &str, pack: &Pack) -> Vec<usize> {
    let mut seams = Vec::new();
    for token in split_at_white_space(text) {
        if token.is_empty() {
            continue;
        }
        let from = token.as_ptr() as usize - text.as_ptr() as usize;
        match shape(token) {
            Shape::Plain => {}
            Shape::Name { start, end } => seams.extend(
                glued_word_after_name(&token[start..end], pack).map(|tail| from + start + tail),
            ),
            Shape::Other => seams.extend(token_seams(token, pack).into_iter().map(|s| from + s)),
        }
    }
    seams
}

/// What a token can hold, told from its characters alone: most tokens of any text are a word
/// in lower case or a capitalised word, with a bracket or quote before and punctuation after.
#[derive(Debug, PartialEq)]
enum Shape {
    /// No seam can be in it.
    Plain,
    /// Brackets or quotes, a capitalised word at `start..end` and closing punctuation: its only
    /// seam can be a word glued after a name.
    Name { start: usize, end: usize },
    /// Anything else, for the full look.
    Other,
}

/// The token's [`Shape`]. Between an opening bracket or quote and a letter, between
/// letters of one case, digits or hyphens, and at closing punctuation that nothing follows,
/// there is no seam, so such a token is plain; with one capital opening the word, it can only
/// hold a word glued after a name.
fn shape(token: &str) -> Shape {
    let by_pairs = || {
        if all_plain(token) {
            Shape::Plain
        } else {
            Shape::Other
        }
    };
    if !token.is_ascii() {
        return by_pairs();
    }
    let bytes = token.as_bytes();
    let start = bytes
        .iter()
        .position(|b| !matches!(b, b'(' | b'[' | b'"' | b'\''))
        .unwrap_or(bytes.len());
    // the word, read once: its capitals, and whether all after the first letter are lower case
    let (mut end, mut capitals, mut lower_after_first) = (start, 0, true);
    while let Some(&b) = bytes.get(end) {
        if b.is_ascii_uppercase() {
            capitals += 1;
        } else if !(b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') {
            break;
        }
        lower_after_first &= end == start || b.is_ascii_lowercase();
        end += 1;
    }
    let closing = bytes[end..].iter().all(|b| {
        matches!(
            b,
            b'.' | b',' | b':' | b';' | b'!' | b'?' | b')' | b']' | b'"' | b'\''
        )
    });
    if end == start || !closing {
        by_pairs()
    } else if capitals == 0 {
        Shape::Plain
    } else if bytes[start].is_ascii_uppercase() && lower_after_first {
        Shape::Name { start, end }
    } else {
        by_pairs()
    }
}

/// The repairs of a paragraph (or the title), in the record's form.
pub(crate) fn repairs(text: &str, paragraph: usize, title: bool, pack: &Pack) -> Vec<Repair> {
    let seams = find(text, pack);
    if seams.is_empty() {
        return Vec::new();
    }
    let offsets = Offsets::new(text);
    seams
        .iter()
        .enumerate()
        .map(|(n, &at)| {
            let left_start = text[..at]
                .rfind(char::is_whitespace)
                .map_or(0, |w| w + 1)
                .max(if n > 0 { seams[n - 1] } else { 0 });
            let right_end = text[at..]
                .find(char::is_whitespace)
                .map_or(text.len(), |w| at + w)
                .min(seams.get(n + 1).copied().unwrap_or(text.len()));
            Repair {
                paragraph,
                offset: offsets.char_of(at),
                left: text[left_start..at].to_string(),
                right: text[at..right_end].to_string(),
                title,
            }
        })
        .collect()
}

/// An article's title and body with its repairs applied, and where each inserted space sits
/// (character offsets in the repaired text, ascending), so offsets can be turned back.
pub(crate) struct Repaired {
    pub title: Option<String>,
    pub body: Vec<String>,
    pub title_spaces: Vec<usize>,
    pub body_spaces: Vec<Vec<usize>>,
}

impl Repaired {
    pub(crate) fn new(title: Option<&str>, body: &[String], repairs: &[Repair]) -> Repaired {
        let mut title_seams = Vec::new();
        let mut body_seams = vec![Vec::new(); body.len()];
        for repair in repairs {
            if repair.title {
                title_seams.push(repair.offset);
            } else if let Some(seams) = body_seams.get_mut(repair.paragraph) {
                seams.push(repair.offset);
            }
        }
        let (title, title_spaces) = match title {
            Some(text) => {
                let (repaired, spaces) = repaired_at(text, title_seams);
                (Some(repaired), spaces)
            }
            None => (None, Vec::new()),
        };
        let (body, body_spaces) = body
            .iter()
            .zip(body_seams)
            .map(|(text, seams)| repaired_at(text, seams))
            .unzip();
        Repaired {
            title,
            body,
            title_spaces,
            body_spaces,
        }
    }
}

/// `text` with a space at each seam (character offsets), and where the spaces landed.
fn repaired_at(text: &str, mut seams: Vec<usize>) -> (String, Vec<usize>) {
    if seams.is_empty() {
        return (text.to_string(), Vec::new());
    }
    seams.sort_unstable();
    seams.dedup();
    let offsets = Offsets::new(text);
    let bytes: Vec<usize> = seams.iter().map(|&c| offsets.byte_of(c)).collect();
    let spaces = seams.iter().enumerate().map(|(n, &c)| c + n).collect();
    (apply(text, &bytes), spaces)
}

/// The text with a space at every seam.
fn apply(text: &str, seams: &[usize]) -> String {
    let mut repaired = String::with_capacity(text.len() + seams.len());
    let mut from = 0;
    for &at in seams {
        repaired.push_str(&text[from..at]);
        repaired.push(' ');
        from = at;
    }
    repaired.push_str(&text[from..]);
    repaired
}

/// Seams inside one white-space-free token, as byte offsets into it.
fn token_seams(token: &str, pack: &Pack) -> Vec<usize> {
    if is_address(token) {
        return Vec::new();
    }
    let chars: Vec<(usize, char)> = token.char_indices().collect();
    // the brands a token holds, looked up only once a seam is in question
    let mut protected: Option<Vec<(usize, usize)>> = None;
    let mut seams = Vec::new();
    for k in 1..chars.len() {
        let (at, current) = chars[k];
        let previous = chars[k - 1].1;
        if plain_pair(previous, current, chars.get(k + 1).map(|&(_, c)| c)) {
            continue;
        }
        let seam = if previous.is_lowercase() && current.is_uppercase() {
            case_seam(&chars, k, pack)
        } else if previous.is_uppercase() && current.is_lowercase() {
            acronym_before_word(&chars, k, pack)
        } else if previous.is_uppercase() && current.is_uppercase() {
            acronym_before_name(&chars, k) && !acronym_before_word(&chars, k + 1, pack)
        } else if matches!(previous, ')' | ']' | '”') && current.is_alphabetic() {
            true
        } else if matches!(current, '(' | '“') && previous.is_alphabetic() {
            letters_before(&chars, k) >= 2
                && chars.get(k + 1).is_some_and(|&(_, c)| {
                    c.is_uppercase() || (current == '“' && c.is_alphabetic())
                })
        } else if matches!(previous, '.' | ',' | ':' | ';' | '!' | '?') && current.is_alphabetic() {
            punctuation_seam(&chars, k)
        } else {
            false
        };
        if !seam {
            continue;
        }
        let brands = protected.get_or_insert_with(|| protected_ranges(token, pack));
        if !brands.iter().any(|&(a, b)| a < at && at < b) {
            seams.push(at);
        }
    }
    let mut with_tails = Vec::new();
    let bounds: Vec<usize> = std::iter::once(0)
        .chain(seams.iter().copied())
        .chain(std::iter::once(token.len()))
        .collect();
    for pair in bounds.windows(2) {
        let piece = &token[pair[0]..pair[1]];
        let word = piece.trim_matches(|c: char| !c.is_alphabetic());
        if word.is_empty() {
            continue;
        }
        let word_start = pair[0] + (word.as_ptr() as usize - piece.as_ptr() as usize);
        if let Some(tail) = glued_word_after_name(word, pack) {
            with_tails.push(word_start + tail);
        }
    }
    seams.extend(with_tails);
    seams.sort_unstable();
    seams.dedup();
    seams
}

/// Whether every two neighbouring characters of the token are of one kind (lower-case letters,
/// digits, or capitals not opening a word), where no seam can be: most words of any text.
fn all_plain(token: &str) -> bool {
    if token.is_ascii() {
        return all_plain_ascii(token.as_bytes());
    }
    let mut chars = token.chars().peekable();
    let Some(mut previous) = chars.next() else {
        return true;
    };
    while let Some(current) = chars.next() {
        if !plain_pair(previous, current, chars.peek().copied()) {
            return false;
        }
        previous = current;
    }
    true
}

/// [`all_plain`] for a token of ASCII characters, most tokens of most texts.
fn all_plain_ascii(token: &[u8]) -> bool {
    token.windows(2).enumerate().all(|(k, pair)| match pair {
        [a, b] if a.is_ascii_lowercase() => b.is_ascii_lowercase(),
        [a, b] if a.is_ascii_digit() => b.is_ascii_digit(),
        [a, b] if a.is_ascii_uppercase() => {
            b.is_ascii_uppercase() && !token.get(k + 2).is_some_and(u8::is_ascii_lowercase)
        }
        _ => false,
    })
}

/// Two characters that run on within one word: no seam between them.
fn plain_pair(previous: char, current: char, next: Option<char>) -> bool {
    (previous.is_lowercase() && current.is_lowercase())
        || (previous.is_numeric() && current.is_numeric())
        || (previous.is_uppercase()
            && current.is_uppercase()
            && !next.is_some_and(char::is_lowercase))
}

/// An address, e-mail, handle or hashtag, which is written without spaces on purpose.
fn is_address(token: &str) -> bool {
    // a byte scan: a searcher set up per token costs more than the short tokens take to read
    let bytes = token.as_bytes();
    let holds = |part: &[u8]| bytes.windows(part.len()).any(|w| w == part);
    holds(b"://")
        || holds(b"www.")
        || bytes.contains(&b'@')
        || bytes.first() == Some(&b'#')
        || holds(b".com/")
}

/// Byte ranges of the token that are words written in camel case on purpose.
fn protected_ranges(token: &str, pack: &Pack) -> Vec<(usize, usize)> {
    brand_matcher(pack).map_or_else(Vec::new, |matcher| {
        matcher
            .find_overlapping_iter(token)
            .map(|m| (m.start(), m.end()))
            .collect()
    })
}

/// Builds the automaton `brand_matcher` builds on first use.
pub(super) fn warm_up(pack: &Pack) {
    brand_matcher(pack);
}

/// One automaton per pack over its camel-case words, built once.
fn brand_matcher(pack: &Pack) -> Option<&'static aho_corasick::AhoCorasick> {
    static MATCHERS: OnceLock<Vec<(String, aho_corasick::AhoCorasick)>> = OnceLock::new();
    MATCHERS
        .get_or_init(|| {
            crate::lang::packs()
                .iter()
                .filter_map(|p| {
                    let matcher = aho_corasick::AhoCorasick::new(&p.seams.camel_case).ok()?;
                    Some((p.code.clone(), matcher))
                })
                .collect()
        })
        .iter()
        .find(|(code, _)| *code == pack.code)
        .map(|(_, matcher)| matcher)
}

/// Letters in the run that ends just before `k`.
fn letters_before(chars: &[(usize, char)], k: usize) -> usize {
    chars[..k]
        .iter()
        .rev()
        .take_while(|(_, c)| c.is_alphabetic())
        .count()
}

/// The run of letters that ends just before `k`, lower-cased.
fn run_before(chars: &[(usize, char)], k: usize) -> String {
    let n = letters_before(chars, k);
    chars[k - n..k]
        .iter()
        .flat_map(|(_, c)| c.to_lowercase())
        .collect()
}

/// A lower-case letter before a capital: "sudahIwan", "JakartaPramono", "denganBadan".
/// Not a one-letter head ("iPhone", "eKTP"), not a short capitalised head ("McDonald",
/// "DiCaprio"), and before an acronym only after a known word ("KetuaKPU", not "KemenpanRB").
fn case_seam(chars: &[(usize, char)], k: usize, pack: &Pack) -> bool {
    let head = word_before(chars, k);
    let head_capitalised = chars[k - head].1.is_uppercase();
    if head < 2 || (head_capitalised && head <= 3) {
        return false;
    }
    let head_word: String = chars[k - head..k]
        .iter()
        .flat_map(|(_, c)| c.to_lowercase())
        .collect();
    // a contracted name ("KemenKominfo", "PemprovJabar"), or a brand where the language's
    // scrapes seldom glue two capitalised words ("WikiLeaks")
    if pack.entities.institution_prefixes.contains(&head_word)
        || (head_capitalised && !pack.seams.capitalised_glue)
    {
        return false;
    }
    let acronym_follows = chars[k..]
        .iter()
        .take_while(|(_, c)| c.is_alphabetic())
        .all(|(_, c)| c.is_uppercase());
    !(head_capitalised && acronym_follows) || known_word(&head_word, pack)
}

/// Letters of the word that ends just before `k`: lower-case letters back to the previous
/// capital, which opens the word. Stopping at a capital keeps every look linear.
fn word_before(chars: &[(usize, char)], k: usize) -> usize {
    let lower = chars[..k]
        .iter()
        .rev()
        .take_while(|(_, c)| c.is_lowercase())
        .count();
    let capital = k > lower && chars[k - lower - 1].1.is_uppercase();
    lower + usize::from(capital)
}

/// An acronym before a glued word: "RImenggelar", "KPUyang" (but "DPRnya" is one word).
fn acronym_before_word(chars: &[(usize, char)], k: usize, pack: &Pack) -> bool {
    if k < 2 || !chars[k - 2].1.is_uppercase() {
        return false;
    }
    let tail: String = chars[k..]
        .iter()
        .take_while(|(_, c)| c.is_lowercase())
        .flat_map(|(_, c)| c.to_lowercase())
        .collect();
    let ends_run = chars
        .get(k + tail.chars().count())
        .is_none_or(|(_, c)| !c.is_alphabetic());
    ends_run && glued_word(&tail, pack)
}

/// An acronym before a capitalised word: "DKIJakarta", "PDIPerjuangan".
fn acronym_before_name(chars: &[(usize, char)], k: usize) -> bool {
    if !chars.get(k + 1).is_some_and(|(_, c)| c.is_lowercase()) {
        return false;
    }
    let caps_before = chars[..k]
        .iter()
        .rev()
        .take_while(|(_, c)| c.is_uppercase())
        .count();
    let opens_word = caps_before == k || !chars[k - caps_before - 1].1.is_lowercase();
    let lower_after = chars[k + 1..]
        .iter()
        .take_while(|(_, c)| c.is_lowercase())
        .count();
    caps_before >= 2 && opens_word && lower_after >= 4
}

/// Punctuation with no space after it: "daerahnya.Gubernur", "Juga:Alasan", "itu,Tempo".
/// Not numbers ("1,5"), abbreviations ("S.H.") or web addresses ("detik.com").
fn punctuation_seam(chars: &[(usize, char)], k: usize) -> bool {
    let mark = chars[k - 1].1;
    if k < 3 || !chars[k - 2].1.is_lowercase() || letters_before(chars, k - 1) < 2 {
        return false;
    }
    let after: Vec<char> = chars[k..]
        .iter()
        .take_while(|(_, c)| c.is_alphabetic())
        .map(|&(_, c)| c)
        .collect();
    match mark {
        '.' | '!' | '?' => after.len() >= 2 && after[0].is_uppercase() && after[1].is_lowercase(),
        _ => after.len() >= 2 && !run_before(chars, k - 1).starts_with("http"),
    }
}

/// Names met before, per language, with where their glued word starts: the same names recur
/// from article to article, and reading one costs many word-list look-ups.
type KnownPieces = Vec<(String, HashMap<Box<str>, Option<usize>>)>;

thread_local! {
    static KNOWN_PIECES: RefCell<KnownPieces> = const { RefCell::new(Vec::new()) };
}

/// How many names a thread keeps per language before it starts afresh.
const PIECES_KEPT: usize = 1 << 16;

/// Where a word glued to the end of a capitalised name starts ("Kusnadiyang" at 7,
/// "Anungmengatakan" at 5), if it has one: the longest listed word or verb built from a root
/// word. A run that is itself a known word or name is left whole.
fn glued_word_after_name(piece: &str, pack: &Pack) -> Option<usize> {
    // too short or too long to read, whatever it is (an ASCII piece: a letter a byte)
    if piece.is_ascii() && !(NAMED_RUN.contains(&piece.len()) && some_tail_may_glue(piece, pack)) {
        return None;
    }
    KNOWN_PIECES.with(|known| {
        let mut known = known.borrow_mut();
        let at = match known.iter().position(|(code, _)| *code == pack.code) {
            Some(at) => at,
            None => {
                known.push((pack.code.clone(), HashMap::default()));
                known.len() - 1
            }
        };
        let pieces = &mut known[at].1;
        if let Some(&tail) = pieces.get(piece) {
            return tail;
        }
        if pieces.len() >= PIECES_KEPT {
            pieces.clear();
        }
        let tail = read_glued_word_after_name(piece, pack);
        pieces.insert(piece.into(), tail);
        tail
    })
}

/// Whether a tail of an ASCII piece that [`read_glued_word_after_name`] would look at opens
/// as a glue word or a verb prefix does: most names have none, and need no closer look.
fn some_tail_may_glue(piece: &str, pack: &Pack) -> bool {
    let bytes = piece.as_bytes();
    let tails = MIN_NAME_HEAD..bytes.len().saturating_sub(2);
    tails
        .filter(|&at| bytes.len() - at <= MAX_GLUED_TAIL)
        .any(|at| pack.seams.glue_openings.may_open(&bytes[at..]))
}

fn read_glued_word_after_name(piece: &str, pack: &Pack) -> Option<usize> {
    let mut chars = piece.char_indices();
    let (_, first) = chars.next()?;
    let rest = &piece[first.len_utf8()..];
    let letters = piece.chars().count();
    if !first.is_uppercase()
        || !rest.chars().all(char::is_lowercase)
        || !NAMED_RUN.contains(&letters)
    {
        return None;
    }
    let lower = piece.to_lowercase();
    // cheap look first: a tail that is a listed word or opens with a verb prefix
    let splits: Vec<usize> = lower
        .char_indices()
        .map(|(at, _)| at)
        .skip(MIN_NAME_HEAD)
        .filter(|&at| lower.len() - at <= MAX_GLUED_TAIL && lower.len() - at >= 3)
        .filter(|&at| {
            let tail = &lower[at..];
            pack.seams.words.contains(tail)
                || pack.seams.verb_prefixes.iter().any(|p| {
                    p.first()
                        .is_some_and(|prefix| tail.starts_with(prefix.as_str()))
                })
        })
        .collect();
    if splits.is_empty() || known_word(&lower, pack) || known_name(&lower, pack) {
        return None;
    }
    // the longest glued word: "Santoso" + "mengatakan", not "Santosomengat" + "akan"
    splits
        .into_iter()
        .find(|&at| glued_word(&lower[at..], pack))
}

/// A word scrapers glue after another: a listed function word or a verb from a root word.
fn glued_word(word: &str, pack: &Pack) -> bool {
    pack.seams.words.contains(word) || affixed_verb(word, pack)
}

/// A verb made from a root word with the pack's prefixes and suffixes: "mengatakan" is
/// meng- + kata + -kan, "tersangka" ter- + sangka.
fn affixed_verb(word: &str, pack: &Pack) -> bool {
    built_from_root(word, &pack.seams.verb_prefixes, pack)
}

/// A word built from a root word with one of `prefixes` and one of the pack's suffixes.
fn built_from_root(word: &str, prefixes: &[Vec<String>], pack: &Pack) -> bool {
    let roots = word_list(&pack.code, "root-words");
    if roots.is_empty() {
        return false;
    }
    prefixes.iter().any(|entry| {
        let Some((prefix, restored)) = entry.split_first() else {
            return false;
        };
        let Some(after) = word.strip_prefix(prefix.as_str()) else {
            return false;
        };
        let restorations = std::iter::once("").chain(restored.iter().map(String::as_str));
        restorations.into_iter().any(|letter| {
            std::iter::once("")
                .chain(pack.seams.verb_suffixes.iter().map(String::as_str))
                .any(|suffix| {
                    after.strip_suffix(suffix).is_some_and(|stem| {
                        let root = format!("{letter}{stem}");
                        // "diyang" is no verb: function words are no roots here
                        root.chars().count() >= 4
                            && roots.contains(&root)
                            && !pack.seams.words.contains(&root)
                    })
                })
        })
    })
}

/// A word of the language: a root word or one built from one, a listed glue word or a title.
fn known_word(lower: &str, pack: &Pack) -> bool {
    word_list(&pack.code, "root-words").contains(lower)
        || affixed_verb(lower, pack)
        || built_from_root(lower, &pack.seams.noun_prefixes, pack)
        || word_list(&pack.code, "common-words").contains(lower)
        || pack.seams.words.contains(lower)
        || pack.entities.titles.has_word(lower)
}

/// A name or place of the language's word lists.
fn known_name(lower: &str, pack: &Pack) -> bool {
    ["given-names", "family-names", "places"]
        .iter()
        .any(|list| word_list(&pack.code, list).contains(lower))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::pack;

    fn repaired(text: &str) -> String {
        let pack = pack("id").unwrap();
        apply(text, &find(text, pack))
    }

    #[test]
    fn a_function_word_or_name_glued_to_a_capital() {
        assert_eq!(
            repaired("pindah kePersatuan Renang"),
            "pindah ke Persatuan Renang"
        );
        assert_eq!(
            repaired("berbicara kepadaKompas."),
            "berbicara kepada Kompas."
        );
        assert_eq!(
            repaired("Gubernur RiauBudi Santosomengatakan hal itu"),
            "Gubernur Riau Budi Santoso mengatakan hal itu"
        );
    }

    #[test]
    fn brackets_and_quotes_without_a_space() {
        assert_eq!(
            repaired("dari Ikatan Dokter Indonesia(IDI)pada Senin"),
            "dari Ikatan Dokter Indonesia (IDI) pada Senin"
        );
        assert_eq!(repaired("“Ya,”katanya"), "“Ya,” katanya");
    }

    #[test]
    fn an_acronym_glued_to_what_follows() {
        assert_eq!(
            repaired("Komisi IV DPR RImenggelar rapat"),
            "Komisi IV DPR RI menggelar rapat"
        );
        assert_eq!(repaired("warga DKIJakarta"), "warga DKI Jakarta");
        assert_eq!(
            repaired("saham ABCDterpantau turun"),
            "saham ABCD terpantau turun"
        );
        assert_eq!(repaired("kata KetuaKPU"), "kata Ketua KPU");
    }

    #[test]
    fn a_word_glued_after_a_name() {
        assert_eq!(
            repaired("Yolla Yulianatelah tiba"),
            "Yolla Yuliana telah tiba"
        );
        assert_eq!(
            repaired("Hendra Wijayayang hadir"),
            "Hendra Wijaya yang hadir"
        );
        assert_eq!(repaired("Rina Sulistyoditemui"), "Rina Sulistyo ditemui");
        assert_eq!(
            repaired("(Anton Wibowomengatakan,"),
            "(Anton Wibowo mengatakan,"
        );
    }

    #[test]
    fn the_look_at_openings_keeps_every_glued_word_the_full_reading_finds() {
        for pack in crate::lang::packs() {
            let prefixes = pack.seams.verb_prefixes.iter().filter_map(|p| p.first());
            let verbs = prefixes.map(|prefix| format!("{prefix}katakan"));
            let tails: Vec<String> = pack.seams.words.iter().cloned().chain(verbs).collect();
            for name in ["Wijaya", "Santoso", "Yuliana", "Ani", "Kristiyanto"] {
                for tail in tails.iter().chain([&String::new(), &"xyz".to_string()]) {
                    let piece = format!("{name}{tail}");
                    assert_eq!(
                        glued_word_after_name(&piece, pack),
                        read_glued_word_after_name(&piece, pack),
                        "{} {piece}",
                        pack.code
                    );
                }
            }
        }
    }

    #[test]
    fn english_camel_case_is_a_brand() {
        let pack = pack("en").unwrap();
        let text = "leaked to WikiLeaks, saidMarketAxess";
        assert_eq!(
            apply(text, &find(text, pack)),
            "leaked to WikiLeaks, said MarketAxess"
        );
    }

    #[test]
    fn punctuation_without_a_space() {
        assert_eq!(
            repaired("ke daerahnya.Gubernur Banten berkata"),
            "ke daerahnya. Gubernur Banten berkata"
        );
        assert_eq!(repaired("Baca Juga:Harga Naik"), "Baca Juga: Harga Naik");
    }

    #[test]
    fn a_token_is_told_plain_a_name_or_for_a_closer_look_from_its_characters() {
        for (token, expected) in [
            ("kata", Shape::Plain),
            ("2024", Shape::Plain),
            ("e-ktp,", Shape::Plain),
            ("KPU", Shape::Plain),
            ("Jakarta,", Shape::Name { start: 0, end: 7 }),
            ("(Kompas).", Shape::Name { start: 1, end: 7 }),
            ("\"Anungmengatakan", Shape::Name { start: 1, end: 16 }),
            ("A", Shape::Name { start: 0, end: 1 }),
            ("JakartaPramono", Shape::Other),
            ("Iwan-Budi", Shape::Other),
            ("Rp1.500", Shape::Other),
            ("kePersatuan", Shape::Other),
            ("B2B", Shape::Other),
            ("(PBVSI)pada", Shape::Other),
        ] {
            assert_eq!(shape(token), expected, "{token}");
        }
    }

    #[test]
    fn words_written_without_a_space_on_purpose() {
        for text in [
            "membeli iPhone dan iPad",
            "dilansir detikNews dan detikFinance",
            "video TikTok dan YouTube",
            "pesan WhatsApp lewat PlayStation",
            "restoran McDonald milik DiCaprio",
            "surat KemenpanRB dan KemenPPPA dari KemenKominfo",
            "harga Rp1.500,50 naik 2,5 persen",
            "lihat https://contoh.com/BeritaBaru atau www.Contoh.com",
            "baca kabarkita.com/BeritaBaru hari ini",
            "kirim ke redaksi@KabarKita.id atau @AkunResmi #BeritaHariIni",
            "gelar S.H., M.Si. dan Ph.D.",
            "situs Liputan6.com dan detik.com",
            "Ramadan Setiawan Kurniawan Lestari Permana Abdullah",
            "DPRnya OJKnya",
            "Penampakan Pelaksanaan Kedatangan",
        ] {
            assert_eq!(repaired(text), text, "{text}");
        }
    }

    #[test]
    fn long_glued_runs_stay_linear() {
        // one token of 100,000 glued words, and long runs of each kind that a look could walk
        // over again and again; a quadratic search would not finish
        let run = "KataBaru".repeat(50_000);
        assert_eq!(find(&run, pack("id").unwrap()).len(), 99_999);
        for run in [
            "abcdefgh", "ABCDEFGH", "ABCdefgh", "aBcDeFgH", "ab.cd,ef", "ab(CD)ef",
        ] {
            find(&run.repeat(100_000), pack("id").unwrap());
        }
    }

    #[test]
    fn the_quick_look_at_a_token_finds_what_the_full_look_finds() {
        let pack = pack("id").unwrap();
        let full = |token: &str| token_seams(token, pack);
        let quick = |token: &str| find(token, pack);
        let alphabet = [
            "a", "B", "(", ".", ",", ")", "\"", "'", "-", "1", "]", "x", "K", "“",
        ];
        let mut tokens: Vec<String> = alphabet.iter().map(|c| c.to_string()).collect();
        for _ in 0..3 {
            let longer: Vec<String> = tokens
                .iter()
                .flat_map(|t| alphabet.iter().map(move |c| format!("{t}{c}")))
                .collect();
            tokens.extend(longer);
        }
        for name in [
            "Santosomengatakan",
            "Wijayayang",
            "Indonesia",
            "Kementerian",
            "Jakarta",
        ] {
            for (open, close) in [
                ("", ""),
                ("(", ")."),
                ("\"", "\","),
                ("'", "':"),
                ("[", "];"),
            ] {
                tokens.push(format!("{open}{name}{close}"));
                tokens.push(format!("{open}{}{close}", name.to_lowercase()));
            }
        }
        for token in &tokens {
            assert_eq!(quick(token), full(token), "{token}");
        }
    }

    #[test]
    fn a_name_met_again_reads_as_it_did_the_first_time() {
        for code in ["id", "en"] {
            let pack = pack(code).unwrap();
            for name in [
                "Kusnadiyang",
                "Anungmengatakan",
                "Prabowo",
                "Santosomengatakan",
                "É",
            ] {
                let read = read_glued_word_after_name(name, pack);
                assert_eq!(glued_word_after_name(name, pack), read, "{code} {name}");
                assert_eq!(glued_word_after_name(name, pack), read, "{code} {name}");
            }
        }
        assert_eq!(
            glued_word_after_name("Kusnadiyang", pack("id").unwrap()),
            Some(7)
        );
    }

    #[test]
    fn repairs_name_both_halves_at_character_offsets() {
        let text = "Kata “ibu” kepadaÉmile";
        let found = repairs(text, 2, false, pack("id").unwrap());
        assert_eq!(found.len(), 1);
        assert_eq!(
            (
                found[0].offset,
                found[0].left.as_str(),
                found[0].right.as_str()
            ),
            (17, "kepada", "Émile")
        );
        assert_eq!(found[0].paragraph, 2);
    }
}
