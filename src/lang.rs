//! Language packs: what warta knows about each language, loaded from the `lang/` data files
//! that are embedded in the binary, and the detector that picks a pack for a document.

use foldhash::{HashMap, HashSet};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, Anchored, Input, MatchKind};
use regex::RegexSet;
use serde::Deserialize;

/// The packs shipped with warta, as (code, TOML source).
const BUNDLED: &[(&str, &str)] = &[
    ("id", include_str!("../lang/id.toml")),
    ("en", include_str!("../lang/en.toml")),
];
// `WordKinds` gives each pack one bit of a u64
const _: () = assert!(BUNDLED.len() <= 64);

/// Word lists shipped beside the packs, as (language, list, text); see `lang/gazetteer/`.
const WORD_LISTS: &[(&str, &str, &str)] = &[
    (
        "id",
        "given-names",
        include_str!("../lang/gazetteer/id-given-names.txt"),
    ),
    (
        "id",
        "family-names",
        include_str!("../lang/gazetteer/id-family-names.txt"),
    ),
    (
        "id",
        "places",
        include_str!("../lang/gazetteer/id-places.txt"),
    ),
    (
        "id",
        "common-words",
        include_str!("../lang/gazetteer/id-common-words.txt"),
    ),
    (
        "id",
        "root-words",
        include_str!("../lang/gazetteer/id-root-words.txt"),
    ),
    (
        "en",
        "given-names",
        include_str!("../lang/gazetteer/en-given-names.txt"),
    ),
    (
        "en",
        "family-names",
        include_str!("../lang/gazetteer/en-family-names.txt"),
    ),
    (
        "en",
        "places",
        include_str!("../lang/gazetteer/en-places.txt"),
    ),
    (
        "en",
        "common-words",
        include_str!("../lang/gazetteer/en-common-words.txt"),
    ),
];

/// A language code as a static string, for the languages warta ships (others read as "id").
pub fn static_code(code: &str) -> &'static str {
    match code {
        "en" => "en",
        _ => "id",
    }
}

/// The word lists shipped for a language.
pub(crate) fn word_lists_of(code: &str) -> impl Iterator<Item = &'static str> + '_ {
    WORD_LISTS
        .iter()
        .filter(move |(c, _, _)| *c == code)
        .map(|(_, list, _)| *list)
}

/// The lower-cased words of a shipped word list (every word of multi-word entries); empty
/// where a language has no such list. Each list is built when first asked for, so that a run
/// in one language does not build another's.
pub fn word_list(code: &str, list: &str) -> &'static HashSet<String> {
    static LISTS: [OnceLock<HashSet<String>>; WORD_LISTS.len()] =
        [const { OnceLock::new() }; WORD_LISTS.len()];
    static EMPTY: OnceLock<HashSet<String>> = OnceLock::new();
    let Some(n) = WORD_LISTS
        .iter()
        .position(|(c, l, _)| *c == code && *l == list)
    else {
        return EMPTY.get_or_init(HashSet::default);
    };
    LISTS[n].get_or_init(|| {
        let text = WORD_LISTS[n].2;
        // room for a word of seven letters a line, rather than growing through the list
        let mut words = HashSet::with_capacity_and_hasher(text.len() / 8, Default::default());
        for line in text.lines().filter(|line| !line.starts_with('#')) {
            // most lines: one word in lower-case ASCII, taken as it is
            if !line.is_empty() && line.bytes().all(|b| b.is_ascii_lowercase()) {
                words.insert(line.to_string());
            } else {
                words.extend(line.split_whitespace().map(str::to_lowercase));
            }
        }
        words
    })
}

/// Well-known bodies by the short form news uses without spelling it out, per language, as
/// (language, tab-separated text); see `lang/gazetteer/`.
const KNOWN_SHORT_FORMS: &[(&str, &str)] =
    &[("id", include_str!("../lang/gazetteer/id-bodies.tsv"))];

/// The full names of well-known bodies of a language, by the comparison key of their short
/// form ("tni" → "Tentara Nasional Indonesia"); empty where the language ships none. Built once.
pub fn known_short_forms(code: &str) -> &'static HashMap<String, String> {
    static LISTS: OnceLock<HashMap<&'static str, HashMap<String, String>>> = OnceLock::new();
    static EMPTY: OnceLock<HashMap<String, String>> = OnceLock::new();
    let lists = LISTS.get_or_init(|| {
        KNOWN_SHORT_FORMS
            .iter()
            .map(|(c, text)| {
                let forms = text
                    .lines()
                    .filter(|line| !line.starts_with('#'))
                    .filter_map(|line| line.split_once('\t'))
                    .map(|(short, name)| {
                        (crate::names::compact_key(short), name.trim().to_string())
                    })
                    .collect();
                (*c, forms)
            })
            .collect()
    });
    lists
        .get(code)
        .unwrap_or_else(|| EMPTY.get_or_init(HashMap::default))
}

/// A language pack as written in `lang/*.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct PackFile {
    code: String,
    name: String,
    function_words: Vec<String>,
    #[serde(default)]
    frequent_words: Vec<String>,
    calendar: Calendar,
    article: ArticleWords,
    boilerplate: Vec<RuleFile>,
    #[serde(default)]
    registers: Vec<RegisterRule>,
    entities: EntityWords,
    statements: StatementWords,
    disputes: DisputeWords,
    seams: SeamWords,
    #[serde(default)]
    neighbour: Option<Neighbour>,
}

/// A language without a pack that the statistical detector confuses with this one (Malay for
/// Indonesian), and the evidence a document carries that tells them apart.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Neighbour {
    /// The neighbour's code ("ms").
    pub code: String,
    /// Words this language writes where the neighbour writes others ("bahwa", "pemerintah").
    pub own_words: Vec<String>,
    /// The neighbour's words for the same ("bahawa", "kerajaan").
    pub their_words: Vec<String>,
    /// Endings of web addresses of each side (".id", ".my").
    #[serde(default)]
    pub own_domains: Vec<String>,
    #[serde(default)]
    pub their_domains: Vec<String>,
}

/// Words of reported speech.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatementWords {
    /// Each entry: the base form, then the surface forms that stand for it. Forms built from
    /// `cue_roots` are added here when the pack is read.
    pub cues: Vec<Vec<String>>,
    /// Roots of reporting verbs, whose forms the language's morphology builds.
    #[serde(default)]
    cue_roots: Vec<String>,
    /// Forms built from every root: `{}` stands for the root, `{N}` for the root with the
    /// active (nasal) prefix of `active_prefix`.
    #[serde(default)]
    cue_forms: Vec<String>,
    /// The active prefix by the root's first letter: (letters, prefix, whether a first letter
    /// followed by a vowel is dropped, as k in kata → mengatakan).
    #[serde(default)]
    active_prefix: Vec<(String, String, bool)>,
    /// How a root's last letters and a suffix's first letters join: (root ending, suffix
    /// start, joined), as urge + ed → urged, deny + es → denies. Of a phrasal root ("point
    /// out") the first word takes the suffix.
    #[serde(default)]
    cue_spelling: Vec<(String, String, String)>,
    /// Roots whose bare form reports speech on its own ("officials say …"); any other bare
    /// root is read only after a quote ("“…,” kata X"), as the noun it also is elsewhere ("the
    /// state", "a report").
    #[serde(default)]
    pub bare_roots: Vec<String>,
    /// Verbs that take a listener before their clause ("told reporters that …").
    #[serde(default)]
    pub listener_cues: Vec<String>,
    /// Head words of a description that speaks ("prosecutors said", "the utility said").
    #[serde(default)]
    pub speaker_nouns: Vec<String>,
    /// Words that open a letter's address ("DEAR ABBY:"), which is no transcript's speaker.
    #[serde(default)]
    pub salutations: Vec<String>,
    /// Words after a title that point back to someone named before ("Kepala BIN ini").
    #[serde(default)]
    pub demonstratives: Vec<String>,
    /// Words that end a reported clause before the sentence does (", but …").
    #[serde(default)]
    pub clause_breaks: Vec<String>,
    /// Cues that stand before the speaker, a comma and the statement ("menurut X, …").
    pub leading_cues: Vec<String>,
    pub pronouns: Vec<String>,
    pub pronoun_suffix: String,
    pub unnamed: Vec<String>,
    pub complementizers: Vec<String>,
    pub abbreviations: Vec<String>,
    pub fillers: Vec<String>,
    pub not_said: Vec<String>,
    pub speaker_breaks: Vec<String>,
    /// Spellings of one word that outlets vary, the standard one first ("tidak", "tak",
    /// "nggak"): two reports of one statement are compared with them folded to the first.
    #[serde(default)]
    pub word_variants: Vec<Vec<String>>,
}

/// What tells where a scraper dropped a space between two words (see `clean::seams`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeamWords {
    /// Words often glued to the name before them ("Kusnadiyang", "Yulianatelah"), lower case.
    pub words: HashSet<String>,
    /// Verb prefixes, each followed by the letters its nasal may have replaced at the start
    /// of the root ("meng" + "k": mengatakan from kata).
    pub verb_prefixes: Vec<Vec<String>>,
    pub verb_suffixes: Vec<String>,
    /// Noun prefixes in the same form: a word they build from a root is a word, not a name
    /// with a word glued to it.
    pub noun_prefixes: Vec<Vec<String>>,
    /// Words written in camel case on purpose, which no seam splits ("iPhone", "detikNews").
    pub camel_case: Vec<String>,
    /// Whether two capitalised words run together are glue ("JakartaPramono", as Indonesian
    /// scrapes print them) rather than a brand ("WikiLeaks", as English text does).
    pub capitalised_glue: bool,
    /// How a glue word or a verb prefix opens, filled in when the pack is read.
    #[serde(skip)]
    pub glue_openings: WordOpenings,
}

impl SeamWords {
    fn with_openings(mut self) -> SeamWords {
        let prefixes = self.verb_prefixes.iter().filter_map(|entry| entry.first());
        self.glue_openings = WordOpenings::new(self.words.iter().chain(prefixes));
        self
    }
}

/// The first two bytes of each of a set of words, ASCII letters in either case alike: a text
/// opening otherwise starts with none of the words, and needs no closer look.
#[derive(Debug, Clone, Default)]
pub struct WordOpenings {
    pairs: Bits,
    /// A word shorter than two bytes opens anything.
    any: bool,
}

impl WordOpenings {
    fn new<'a>(words: impl Iterator<Item = &'a String>) -> WordOpenings {
        let mut openings = WordOpenings {
            pairs: Bits::new(1 << 16),
            any: false,
        };
        for word in words {
            match word.as_bytes() {
                [a, b, ..] => openings.pairs.insert(Self::pair(*a, *b)),
                _ => openings.any = true,
            }
        }
        openings
    }

    fn pair(a: u8, b: u8) -> usize {
        usize::from(a.to_ascii_lowercase()) << 8 | usize::from(b.to_ascii_lowercase())
    }

    /// Whether some word of the set may open `text`.
    pub fn may_open(&self, text: &[u8]) -> bool {
        match text {
            [a, b, ..] => self.any || self.pairs.contains(Self::pair(*a, *b)),
            _ => self.any,
        }
    }
}

impl StatementWords {
    /// Adds the forms built from `cue_roots` to `cues`, so that a reporting verb is listed
    /// once by its root rather than form by form.
    fn with_built_cues(mut self) -> Self {
        for root in std::mem::take(&mut self.cue_roots) {
            let active = self.active_form(&root);
            let forms: Vec<String> = self
                .cue_forms
                .iter()
                .filter(|form| active.is_some() || !form.contains("{N}"))
                .map(|form| match form.strip_prefix("{}") {
                    Some(suffix) if !suffix.is_empty() && !suffix.contains('{') => {
                        self.suffixed(&root, suffix)
                    }
                    _ => form
                        .replace("{N}", active.as_deref().unwrap_or_default())
                        .replace("{}", &root),
                })
                .collect();
            match self
                .cues
                .iter_mut()
                .find(|entry| entry.first() == Some(&root))
            {
                Some(entry) => {
                    for form in forms {
                        if !entry[1..].contains(&form) {
                            entry.push(form);
                        }
                    }
                }
                None => self.cues.push(std::iter::once(root).chain(forms).collect()),
            }
        }
        self
    }

    /// The root with a suffix on its first word, spelled by `cue_spelling`.
    fn suffixed(&self, root: &str, suffix: &str) -> String {
        let (head, rest) = root.split_once(' ').map_or((root, ""), |(h, r)| (h, r));
        let joined = self
            .cue_spelling
            .iter()
            .find(|(end, start, _)| {
                head.ends_with(end.as_str()) && suffix.starts_with(start.as_str())
            })
            .map_or_else(
                || format!("{head}{suffix}"),
                |(end, start, joined)| {
                    format!(
                        "{}{joined}{}",
                        &head[..head.len() - end.len()],
                        &suffix[start.len()..]
                    )
                },
            );
        if rest.is_empty() {
            joined
        } else {
            format!("{joined} {rest}")
        }
    }

    /// The root with the active prefix: kata → mengata, sampai → menyampai, nilai → menilai.
    fn active_form(&self, root: &str) -> Option<String> {
        let mut letters = root.chars();
        let first = letters.next()?;
        let second_is_vowel = letters.next().is_some_and(|c| "aeiou".contains(c));
        let (_, prefix, drops) = self
            .active_prefix
            .iter()
            .find(|(initials, _, _)| initials.split_whitespace().any(|i| root.starts_with(i)))?;
        let rest = if *drops && second_is_vowel {
            &root[first.len_utf8()..]
        } else {
            root
        };
        Some(format!("{prefix}{rest}"))
    }
}

/// Words of disputes and their sides.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DisputeWords {
    pub kinds: Vec<String>,
    pub petitioner: Vec<String>,
    pub respondent: Vec<String>,
    pub forums: Vec<String>,
    pub before_side: Vec<String>,
    pub after_side: Vec<String>,
    pub between: Vec<Vec<String>>,
    /// Verbs of bringing a suit, with the party that brings it before them and, where one
    /// follows, the party sued after them ("Keenan menggugat Vidi", "X melayangkan gugatan").
    #[serde(default)]
    pub suing_verbs: Vec<String>,
    /// Words that name a suspect or defendant before the name ("tersangka X", "menjerat X").
    pub accused_before_name: Vec<String>,
    /// The same after the name ("X ditetapkan sebagai tersangka").
    pub accused_after_name: Vec<String>,
    /// Words that may stand between a name and its status, nearest last.
    pub status_links: Vec<String>,
    /// Statuses that put the case before a court ("terdakwa").
    pub on_trial: Vec<String>,
    /// Bodies that investigate or prosecute: a criminal case's petitioner.
    pub prosecutors: Vec<String>,
    /// Courts: a criminal case's forum once it is tried.
    pub courts: Vec<String>,
    /// Words that open the text's own name for a case ("kasus …").
    pub case_words: Vec<String>,
    /// Every word a paragraph's dispute, sides or suspects are read from, found at once.
    #[serde(skip)]
    searched: OnceLock<AhoCorasick>,
}

impl DisputeWords {
    /// Whether a lower-cased paragraph holds a word that names a dispute, a side, a suit or
    /// a suspect: most paragraphs hold none, and need no look for each.
    pub(crate) fn any_in(&self, lower: &str) -> bool {
        self.searched
            .get_or_init(|| {
                let openings = self.between.iter().filter_map(|pair| pair.first());
                let words = (self.kinds.iter())
                    .chain(&self.petitioner)
                    .chain(&self.respondent)
                    .chain(openings)
                    .chain(&self.suing_verbs)
                    .chain(&self.accused_before_name)
                    .chain(&self.accused_after_name);
                AhoCorasick::new(words).expect("dispute words build an automaton")
            })
            .is_match(lower)
    }
}

/// Phrases of one or more words, indexed by their first word so that looking up what starts at
/// a token costs one hash lookup, and most words that open none are turned away before it.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(from = "Vec<String>")]
pub struct Phrases {
    pub all: Vec<String>,
    by_first: HashMap<String, Vec<Vec<String>>>,
    /// A bit per `FirstWords::bit` of each first word: a word whose bit is clear opens no
    /// phrase (most words of a text, asked at every token).
    first_words: FirstWords,
}

/// A set of small numbers, a bit each: the filters that turn most look-ups away before a
/// hash table is asked.
#[derive(Debug, Clone, Default)]
pub(crate) struct Bits(Vec<u64>);

impl Bits {
    /// An empty set of the numbers below `size`.
    pub(crate) fn new(size: usize) -> Bits {
        Bits(vec![0; size.div_ceil(64)])
    }

    pub(crate) fn insert(&mut self, bit: usize) {
        self.0[bit / 64] |= 1 << (bit % 64);
    }

    pub(crate) fn contains(&self, bit: usize) -> bool {
        self.0
            .get(bit / 64)
            .is_some_and(|bits| bits & (1 << (bit % 64)) != 0)
    }
}

/// A filter of words: a set bit for each word of the set, so that a clear bit rules a word out.
#[derive(Debug, Clone, Default)]
pub(crate) struct FirstWords(Bits);

impl FirstWords {
    const BITS: usize = 4096;

    pub(crate) fn new<'a>(words: impl Iterator<Item = &'a String>) -> FirstWords {
        let mut bits = Bits::new(Self::BITS);
        for word in words {
            bits.insert(Self::bit(word));
        }
        FirstWords(bits)
    }

    /// A word's bit, from its length and its first, second and last bytes (ASCII letters in
    /// either case alike): cheaper than hashing the word, and different for most words that
    /// differ.
    pub(crate) fn bit(word: &str) -> usize {
        let bytes = word.as_bytes();
        let byte = |b: Option<&u8>| usize::from(b.map_or(0, u8::to_ascii_lowercase));
        let mixed = bytes.len().wrapping_mul(0x9e37)
            ^ byte(bytes.first()).wrapping_mul(0x2c1b)
            ^ byte(bytes.get(1)).wrapping_mul(0x61c9)
            ^ byte(bytes.last()).wrapping_mul(0x1d87);
        (mixed ^ (mixed >> 12)) % Self::BITS
    }

    /// Whether `word`, or an ASCII word that differs from it in case only, may be in the set.
    pub(crate) fn may_hold(&self, word: &str) -> bool {
        self.has_bit(Self::bit(word))
    }

    /// Whether a word whose [`FirstWords::bit`] is `bit` may be in the set.
    fn has_bit(&self, bit: usize) -> bool {
        self.0.contains(bit)
    }
}

impl From<Vec<String>> for Phrases {
    fn from(all: Vec<String>) -> Self {
        let mut by_first: HashMap<String, Vec<Vec<String>>> = HashMap::default();
        for phrase in &all {
            let words: Vec<String> = phrase.split_whitespace().map(str::to_lowercase).collect();
            if let Some(first) = words.first() {
                by_first.entry(first.clone()).or_default().push(words);
            }
        }
        let first_words = FirstWords::new(by_first.keys());
        Phrases {
            all,
            by_first,
            first_words,
        }
    }
}

impl Phrases {
    /// How many of `words` (lower-cased) the longest phrase starting with them covers.
    pub fn longest_at<'a>(&self, words: impl Iterator<Item = &'a str> + Clone) -> usize {
        let Some(first) = words.clone().next() else {
            return 0;
        };
        self.longest_at_with(FirstWords::bit(first), words)
    }

    /// [`Phrases::longest_at`] with the first word's [`FirstWords::bit`] already read.
    pub(crate) fn longest_at_with<'a>(
        &self,
        first_bit: usize,
        mut words: impl Iterator<Item = &'a str> + Clone,
    ) -> usize {
        let Some(first) = words.next() else { return 0 };
        if !self.first_words.has_bit(first_bit) {
            return 0;
        }
        let Some(candidates) = self.by_first.get(first) else {
            return 0;
        };
        // a phrase of at most seven words, each the next word of the text
        let spelled = |phrase: &&Vec<String>| {
            let mut rest = words.clone();
            phrase.len() <= 7 && phrase[1..].iter().all(|p| rest.next() == Some(p.as_str()))
        };
        candidates
            .iter()
            .filter(spelled)
            .map(Vec::len)
            .max()
            .unwrap_or(0)
    }

    /// Whether one word is a whole phrase of the list.
    pub fn has_word(&self, word: &str) -> bool {
        self.by_first
            .get(&word.to_lowercase())
            .is_some_and(|c| c.iter().any(|p| p.len() == 1))
    }
}

/// Words around names: organisation head words, titles, honorifics.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntityWords {
    pub institution_heads: Phrases,
    pub institution_tails: Vec<String>,
    pub institution_prefixes: Vec<String>,
    /// Descriptive positions that are roles but not offices ("advokat", "ahli bahasa"); unlike
    /// `titles` they are no tagger feature, so the list can grow without retraining.
    #[serde(default)]
    pub positions: Phrases,
    /// Bodies written as one contracted word ("Kejagung", "Bareskrim").
    #[serde(default)]
    pub contracted_names: Vec<String>,
    pub name_connectors: Vec<String>,
    pub name_breaks: Vec<String>,
    pub coordinators: Vec<String>,
    pub titles: Phrases,
    pub honorifics: Phrases,
    pub name_suffixes: Phrases,
    /// Articles before a title set off after a name ("John Smith, the chairman of …").
    pub determiners: Vec<String>,
    /// Abbreviations that keep their full stop inside a name ("Gov. Ann Lee", "Ann Lee Jr.").
    #[serde(default)]
    pub name_abbreviations: Vec<String>,
    /// Words that introduce a name's title after it ("Hasyim selaku Ketua KPU", "X menjabat
    /// sebagai Direktur").
    pub role_openers: Vec<String>,
    /// Words that may stand around a role opener ("X yang kini menjabat Direktur").
    #[serde(default)]
    pub role_fillers: Vec<String>,
    /// Offices named with their place, and the kind of body they head there ("gubernur",
    /// "Pemerintah Provinsi": Gubernur Jawa Barat holds office at Pemerintah Provinsi Jawa
    /// Barat).
    #[serde(default)]
    pub office_bodies: Vec<(String, String)>,
    /// How a body's head word is made from the title of the office that heads it, as (prefix,
    /// suffix): "ke", "an" makes "kejaksaan" of "jaksa" ("Jaksa Agung" heads the "Kejaksaan
    /// Agung"), "kementerian" of "menteri".
    #[serde(default)]
    pub office_body_affixes: Vec<(String, String)>,
    /// Words that qualify a title and belong to it ("mantan Dirut", "former CEO").
    #[serde(default)]
    pub title_modifiers: Vec<String>,
    /// Words between a title's object and the name that holds the title: "pengacara Iwan
    /// lainnya, Rocky Martin" (Iwan's other lawyer, Rocky Martin).
    #[serde(default)]
    pub apposition_fillers: Vec<String>,
    /// Words that open the period an office was held in, between the title and a name
    /// ("Direktur Utama Bank DKI tahun 2020, Zainuddin").
    #[serde(default)]
    pub title_periods: Vec<String>,
    /// Whether the body and other qualifiers stand before a title ("White House press
    /// secretary", "PG&E's principal meteorologist") rather than after it ("Ketua KPU").
    #[serde(default)]
    pub body_before_title: bool,
    /// Whether a place right after a body's name names its regional branch ("DPRD Jawa
    /// Timur", "Polda Metro Jaya").
    #[serde(default)]
    pub place_after_body: bool,
    /// Words that tie a title set off after a name to its body ("strategist at Miller").
    #[serde(default)]
    pub role_body_links: Vec<String>,
    /// Words that open a company's name as its legal form ("PT", "CV").
    #[serde(default)]
    pub company_prefixes: Vec<String>,
    /// Words that open the name of a law or document ("Kitab Undang-Undang …", "Peraturan
    /// …"), which is no body even where its initials are an acronym.
    #[serde(default)]
    pub document_heads: Vec<String>,
    /// Words after which capitalised words are the subject of a law or document ("Undang-Undang
    /// … tentang Penyelenggaraan Usaha Perusahaan Modal Ventura"), not bodies' names.
    #[serde(default)]
    pub subject_openers: Vec<String>,
    /// Bodies that news names without any head word ("Reuters", "the Pentagon"): found by
    /// their exact capitalised form, whatever the tagger says.
    #[serde(default)]
    pub known_bodies: Phrases,
}

impl EntityWords {
    /// The head words of the bodies an office heads, by the language's word making ("jaksa"
    /// gives "kejaksaan", "menteri" "kementerian").
    pub fn body_words_of_office<'a>(
        &'a self,
        office: &'a str,
    ) -> impl Iterator<Item = String> + 'a {
        self.office_body_affixes
            .iter()
            .map(move |(prefix, suffix)| format!("{prefix}{office}{suffix}"))
    }
}

/// A pattern for case numbers or numbered legal instruments.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RegisterRule {
    kind: String,
    pattern: String,
}

/// Month and weekday spellings and time-zone abbreviations.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Calendar {
    pub months: Vec<Vec<String>>,
    pub weekdays: Vec<Vec<String>>,
    /// Words that may stand before a time of day ("pukul 14.00").
    pub time_words: Vec<String>,
    pub timezones: BTreeMap<String, String>,
    /// Whether "03/04/2024" is 3 April (day first) or 4 March (month first) in this language.
    pub numeric_order: NumericOrder,
    /// Words that put a date without a year ahead of publication ("scheduled for 14 Feb").
    pub future_words: Vec<String>,
}

/// The order of day and month in an all-numeric date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum NumericOrder {
    DayFirst,
    MonthFirst,
}

/// Words that mark the parts of an article page around its text.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArticleWords {
    pub byline_labels: Vec<String>,
    /// Lower-case words inside personal names ("bin", "van").
    pub name_particles: Vec<String>,
    pub credit_markers: Vec<String>,
    pub caption_openers: Vec<String>,
    pub end_markers: Vec<String>,
    /// First words of an author line that name a newsroom, not a writer ("Tim Redaksi").
    pub newsroom_words: Vec<String>,
    /// Outlets by the host of their address ("news.detik.com" = "detikNews"); the longest
    /// host suffix that matches wins.
    #[serde(default)]
    pub outlets: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleFile {
    reason: String,
    #[serde(default)]
    starts: Vec<String>,
    #[serde(default)]
    exact: Vec<String>,
    #[serde(default)]
    contains: Vec<String>,
    #[serde(default)]
    patterns: Vec<String>,
}

/// A pack's register patterns in the pack's order, and the kind of number each reads.
#[derive(Debug)]
pub(crate) struct Registers {
    pub(crate) kinds: Vec<String>,
    pub(crate) patterns: crate::prefilter::Patterns,
}

/// A language pack, read from its file; its matchers are built when first used.
#[derive(Debug)]
pub struct Pack {
    pub code: String,
    pub name: String,
    pub calendar: Calendar,
    pub article: ArticleWords,
    function_words: Vec<String>,
    /// More of the language's frequent words, which detection counts with the function words
    /// but which may be names.
    frequent_words: Vec<String>,
    boilerplate_rules: Vec<RuleFile>,
    boilerplate: OnceLock<Boilerplate>,
    end_markers: Vec<String>,
    dates: OnceLock<crate::dates::DateReader>,
    cue_forms: OnceLock<crate::statements::CueForms>,
    never_names: OnceLock<crate::entities::CalendarWords>,
    register_rules: Vec<RegisterRule>,
    registers: OnceLock<Registers>,
    pub entities: EntityWords,
    pub statements: StatementWords,
    pub disputes: DisputeWords,
    pub seams: SeamWords,
    neighbour: Option<Neighbour>,
}

/// A pack's boilerplate phrases and patterns, compiled into automata.
#[derive(Debug)]
struct Boilerplate {
    starts: PhraseSet,
    contains: PhraseSet,
    exact: HashMap<String, String>,
    patterns: RegexSet,
    pattern_reasons: Vec<String>,
}

impl Boilerplate {
    fn new(rules: &[RuleFile]) -> Result<Boilerplate, String> {
        let mut starts = Vec::new();
        let mut contains = Vec::new();
        let mut exact = HashMap::default();
        let mut patterns = Vec::new();
        let mut pattern_reasons = Vec::new();
        for rule in rules {
            starts.extend(rule.starts.iter().map(|p| (fold(p), rule.reason.clone())));
            contains.extend(rule.contains.iter().map(|p| (fold(p), rule.reason.clone())));
            exact.extend(rule.exact.iter().map(|p| (fold(p), rule.reason.clone())));
            for pattern in &rule.patterns {
                patterns.push(format!("(?i){pattern}"));
                pattern_reasons.push(rule.reason.clone());
            }
        }
        Ok(Boilerplate {
            starts: PhraseSet::new(starts)?,
            contains: PhraseSet::new(contains)?,
            exact,
            patterns: RegexSet::new(patterns).map_err(|e| e.to_string())?,
            pattern_reasons,
        })
    }
}

/// Many phrases with the reason each stands for, matched in one pass.
#[derive(Debug)]
struct PhraseSet {
    matcher: AhoCorasick,
    reasons: Vec<String>,
}

impl PhraseSet {
    fn new(pairs: Vec<(String, String)>) -> Result<Self, String> {
        let (phrases, reasons): (Vec<_>, Vec<_>) = pairs.into_iter().unzip();
        // phrases and the texts asked are folded (lower case): no case to ignore, so that the
        // automaton needs no state for either case of a letter
        let matcher = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(aho_corasick::StartKind::Both)
            // every paragraph is read with it: the fastest automaton, under a megabyte here
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(phrases)
            .map_err(|e| e.to_string())?;
        Ok(PhraseSet { matcher, reasons })
    }

    fn find(&self, text: &str, anchored: bool) -> Option<&str> {
        let input = Input::new(text).anchored(if anchored {
            Anchored::Yes
        } else {
            Anchored::No
        });
        let found = self.matcher.find(input)?;
        Some(&self.reasons[found.pattern().as_usize()])
    }
}

/// Lower-cases and folds white space, the form every phrase lookup uses.
pub fn fold(text: &str) -> String {
    spaced(text, true)
}

/// The text with each run of white space (`char::is_whitespace`) as one space and none at
/// either end: what splitting at white space and joining with spaces gives, without the
/// list of words between.
pub fn single_spaced(text: &str) -> String {
    spaced(text, false)
}

/// The text's words joined by single spaces, each lower-cased if asked (a word at a time gives
/// what lower-casing the whole text does: see [`push_lowercase`]).
fn spaced(text: &str, lower: bool) -> String {
    if text.is_ascii() {
        return single_spaced_ascii(text, lower);
    }
    let mut spaced = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !spaced.is_empty() {
            spaced.push(' ');
        }
        if lower {
            push_lowercase(&mut spaced, word);
        } else {
            spaced.push_str(word);
        }
    }
    spaced
}

/// ASCII text single-spaced, its words copied whole, and lower-cased in one pass if asked.
fn single_spaced_ascii(text: &str, lower: bool) -> String {
    if is_single_spaced_ascii(text.as_bytes()) {
        let mut spaced = text.to_owned();
        if lower {
            spaced.make_ascii_lowercase();
        }
        return spaced;
    }
    let mut spaced: Vec<u8> = Vec::with_capacity(text.len());
    let words = text
        .as_bytes()
        .split(ascii_white_space)
        .filter(|w| !w.is_empty());
    for word in words {
        if !spaced.is_empty() {
            spaced.push(b' ');
        }
        spaced.extend_from_slice(word);
    }
    if lower {
        spaced.make_ascii_lowercase();
    }
    String::from_utf8(spaced).expect("ASCII stays ASCII")
}

/// Whether ASCII text is already single-spaced (most lines are): no white space at either end,
/// none but a space, no two spaces running. Reads every byte, without branching on each, so
/// that the compiler may read many at once.
fn is_single_spaced_ascii(bytes: &[u8]) -> bool {
    let (Some(first), Some(last)) = (bytes.first(), bytes.last()) else {
        return true;
    };
    let pairs = bytes.iter().zip(&bytes[1..]);
    let bad = pairs.fold(false, |bad, (&a, &b)| {
        bad | (a == b' ' && b == b' ') | (b'\t'..=b'\r').contains(&a)
    });
    !bad && !ascii_white_space(first) && !ascii_white_space(last)
}

/// The white space of `char::is_whitespace` in ASCII: tab, line feed, vertical tab, form
/// feed, carriage return and space.
fn ascii_white_space(b: &u8) -> bool {
    matches!(b, b' ' | b'\t'..=b'\r')
}

/// The pieces of a text between white space characters (`char::is_whitespace`), empty ones
/// included, as `str::split` gives them; ASCII text is split a byte at a time, at the ASCII
/// characters that function takes.
pub(crate) fn split_at_white_space(text: &str) -> WhiteSpaceSplit<'_> {
    WhiteSpaceSplit {
        text,
        ascii: text.is_ascii(),
        at: Some(0),
    }
}

/// The pieces [`split_at_white_space`] gives.
pub(crate) struct WhiteSpaceSplit<'a> {
    text: &'a str,
    ascii: bool,
    /// Where the next piece starts; none once the last is given.
    at: Option<usize>,
}

impl<'a> Iterator for WhiteSpaceSplit<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let at = self.at?;
        let rest = &self.text[at..];
        // the next white space character and its length
        let space = if self.ascii {
            rest.bytes()
                .position(|b| ascii_white_space(&b))
                .map(|n| (n, 1))
        } else {
            rest.char_indices()
                .find(|&(_, c)| c.is_whitespace())
                .map(|(n, c)| (n, c.len_utf8()))
        };
        match space {
            Some((n, width)) => {
                self.at = Some(at + n + width);
                Some(&rest[..n])
            }
            None => {
                self.at = None;
                Some(rest)
            }
        }
    }
}

/// A word lower-cased, borrowed where it already is (most words of running text).
pub fn lowercase(word: &str) -> Cow<'_, str> {
    if word
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        Cow::Borrowed(word)
    } else if word.is_ascii() {
        Cow::Owned(word.to_ascii_lowercase())
    } else {
        Cow::Owned(word.to_lowercase())
    }
}

/// Appends a word lower-cased. A word at a time gives what lower-casing the whole text does:
/// the one rule that looks at neighbouring letters (a final sigma) stops at white space.
fn push_lowercase(out: &mut String, word: &str) {
    if word.is_ascii() {
        let from = out.len();
        out.push_str(word);
        out[from..].make_ascii_lowercase();
    } else {
        out.push_str(&word.to_lowercase());
    }
}

impl Pack {
    /// The outlet an article's address names, from the pack's table of hosts.
    pub fn outlet_of_url(&self, url: &str) -> Option<&str> {
        let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
        let host = rest
            .split(['/', '?', '#', ':'])
            .next()?
            .to_ascii_lowercase();
        self.article
            .outlets
            .iter()
            .filter(|(suffix, _)| host == **suffix || host.ends_with(&format!(".{suffix}")))
            .max_by_key(|(suffix, _)| suffix.len())
            .map(|(_, name)| name.as_str())
    }

    fn read(file: PackFile) -> Pack {
        Pack {
            code: file.code,
            name: file.name,
            function_words: file.function_words,
            frequent_words: file.frequent_words,
            end_markers: file.article.end_markers.iter().map(|m| fold(m)).collect(),
            calendar: file.calendar,
            article: file.article,
            boilerplate_rules: file.boilerplate,
            boilerplate: OnceLock::new(),
            dates: OnceLock::new(),
            cue_forms: OnceLock::new(),
            never_names: OnceLock::new(),
            entities: file.entities,
            statements: file.statements.with_built_cues(),
            disputes: file.disputes,
            seams: file.seams.with_openings(),
            neighbour: file.neighbour,
            register_rules: file.registers,
            registers: OnceLock::new(),
        }
    }

    /// The boilerplate automata, built on first use: a run in one language does not build
    /// another's (bundled packs are tested to build).
    fn boilerplate(&self) -> &Boilerplate {
        self.boilerplate.get_or_init(|| {
            Boilerplate::new(&self.boilerplate_rules)
                .unwrap_or_else(|e| panic!("bundled language pack {} is invalid: {e}", self.code))
        })
    }

    /// Builds the boilerplate automata ahead of their first use.
    pub(crate) fn build_boilerplate(&self) {
        self.boilerplate();
    }

    /// The register patterns, built on first use (each form compiled when first run): a run
    /// should not pay for patterns it never needs.
    pub(crate) fn registers(&self) -> &Registers {
        self.registers.get_or_init(|| Registers {
            kinds: self.register_rules.iter().map(|r| r.kind.clone()).collect(),
            patterns: crate::prefilter::Patterns::new(
                self.register_rules
                    .iter()
                    .map(|r| r.pattern.clone())
                    .collect(),
            ),
        })
    }

    /// This language's date patterns, compiled on first use.
    pub fn date_reader(&self) -> &crate::dates::DateReader {
        self.dates
            .get_or_init(|| crate::dates::DateReader::new(self))
    }

    /// This language's reporting-word forms, built on first use.
    pub(crate) fn cue_forms(&self) -> &crate::statements::CueForms {
        self.cue_forms
            .get_or_init(|| crate::statements::CueForms::new(&self.statements))
    }

    /// Month and weekday names and function words ("The"), which are never names; built on
    /// first use.
    pub(crate) fn never_names(&self) -> &crate::entities::CalendarWords {
        self.never_names.get_or_init(|| {
            crate::entities::CalendarWords::new(
                self.calendar
                    .months
                    .iter()
                    .chain(&self.calendar.weekdays)
                    .flatten()
                    .chain(&self.function_words),
            )
        })
    }

    /// The reason a line, [`fold`]ed, is boilerplate by this pack's phrases, if it is.
    pub fn boilerplate_reason(&self, folded: &str) -> Option<&str> {
        let rules = self.boilerplate();
        let bare = folded.trim_end_matches([':', ' ']);
        if let Some(reason) = rules.exact.get(bare) {
            return Some(reason);
        }
        if let Some(reason) = rules.starts.find(folded, true) {
            return Some(reason);
        }
        if let Some(reason) = rules.contains.find(folded, false) {
            return Some(reason);
        }
        let index = rules.patterns.matches(folded).into_iter().next()?;
        Some(&rules.pattern_reasons[index])
    }

    /// Whether a line, [`fold`]ed, is a heading after which the page no longer holds the
    /// article.
    pub fn is_end_marker(&self, folded: &str) -> bool {
        let bare = folded.trim_end_matches([':', ' ']);
        self.end_markers.iter().any(|m| m == bare)
    }

    /// The language's most frequent words, which are never names.
    pub fn function_words(&self) -> &[String] {
        &self.function_words
    }
}

/// The packs' function and frequent words and the words that tell each pack's language from
/// its neighbour, with what each is.
struct ListedWords {
    /// The words by their [`FirstWords::bit`], each bucket's in `starts[bit]..starts[bit + 1]`
    /// of `entries`: the filter turns most words of a text away, and the rest compare with a
    /// listed word or two, with no lower-casing or hashing of the word.
    filter: FirstWords,
    starts: Vec<u32>,
    entries: Vec<(String, WordKinds)>,
    /// The longest listed word, in bytes.
    longest: usize,
}

/// Which lists a word is on, one bit a pack (in [`packs`] order).
#[derive(Debug, Clone, Copy, Default)]
struct WordKinds {
    function_of: u64,
    /// Words of the pack's language where its neighbour writes others.
    own_of: u64,
    /// The neighbour's words for them.
    theirs_of: u64,
}

fn listed_words() -> &'static ListedWords {
    static LISTED: OnceLock<ListedWords> = OnceLock::new();
    LISTED.get_or_init(|| {
        let mut kinds: HashMap<String, WordKinds> = HashMap::default();
        for (n, pack) in packs().iter().enumerate() {
            let bit = 1 << n;
            for word in pack.function_words.iter().chain(&pack.frequent_words) {
                kinds.entry(word.to_lowercase()).or_default().function_of |= bit;
            }
            if let Some(neighbour) = &pack.neighbour {
                for word in &neighbour.own_words {
                    kinds.entry(word.to_lowercase()).or_default().own_of |= bit;
                }
                for word in &neighbour.their_words {
                    kinds.entry(word.to_lowercase()).or_default().theirs_of |= bit;
                }
            }
        }
        ListedWords::new(kinds)
    })
}

/// What the listed words of a text add up to.
#[derive(Debug)]
struct Tally {
    /// The text's words.
    words: usize,
    /// Each pack's function and frequent words among them (in [`packs`] order).
    function: Vec<usize>,
    /// Each pack's own and its neighbour's telling words.
    own: Vec<usize>,
    theirs: Vec<usize>,
}

impl ListedWords {
    fn new(kinds: HashMap<String, WordKinds>) -> ListedWords {
        let mut entries: Vec<(String, WordKinds)> = kinds.into_iter().collect();
        entries.sort_by_cached_key(|(word, _)| (FirstWords::bit(word), word.clone()));
        let starts = (0..=FirstWords::BITS)
            .map(|bit| entries.partition_point(|(word, _)| FirstWords::bit(word) < bit))
            .map(|at| u32::try_from(at).expect("fewer than 2^32 listed words"))
            .collect();
        ListedWords {
            filter: FirstWords::new(entries.iter().map(|(word, _)| word)),
            longest: entries
                .iter()
                .map(|(word, _)| word.len())
                .max()
                .unwrap_or(0),
            starts,
            entries,
        }
    }

    /// Counts the listed words among a text's first `limit` words, a word being a run of
    /// alphanumeric characters lower-cased.
    fn tally(&self, text: &str, limit: usize) -> Tally {
        let packs = packs().len();
        let mut tally = Tally {
            words: 0,
            function: vec![0; packs],
            own: vec![0; packs],
            theirs: vec![0; packs],
        };
        let mut lower = String::new();
        tally.words = scan_words(text, limit, |word, ascii| {
            let Some(kinds) = self.kinds_of(word, ascii, &mut lower) else {
                return;
            };
            for n in 0..packs {
                tally.function[n] += usize::from(kinds.function_of & (1 << n) != 0);
                tally.own[n] += usize::from(kinds.own_of & (1 << n) != 0);
                tally.theirs[n] += usize::from(kinds.theirs_of & (1 << n) != 0);
            }
        });
        tally
    }

    /// What a word is, if listed; `lower` holds a word outside ASCII lower-cased.
    fn kinds_of(&self, word: &str, ascii: bool, lower: &mut String) -> Option<WordKinds> {
        if word.len() > self.longest && ascii {
            return None;
        }
        let word = if ascii {
            word
        } else {
            lower.clear();
            push_lowercase(lower, word);
            lower.as_str()
        };
        // the bit reads ASCII letters in either case alike, and listed words are lower case
        let bit = FirstWords::bit(word);
        if !self.filter.0.contains(bit) {
            return None;
        }
        let bucket = self.starts[bit] as usize..self.starts[bit + 1] as usize;
        self.entries[bucket]
            .iter()
            .find(|(listed, _)| listed.as_bytes().eq_ignore_ascii_case(word.as_bytes()))
            .map(|&(_, kinds)| kinds)
    }
}

/// Calls `each` with the text's first `limit` words (its runs of alphanumeric characters)
/// and whether each is ASCII, and returns how many it met. Reads ASCII a byte at a time.
fn scan_words(text: &str, limit: usize, mut each: impl FnMut(&str, bool)) -> usize {
    let bytes = text.as_bytes();
    // whether the character at `at` (not ASCII) is a word character, and its length
    let wide_char = |at: usize| -> (bool, usize) {
        let c = text[at..].chars().next().expect("at a character boundary");
        (c.is_alphanumeric(), c.len_utf8())
    };
    let (mut at, mut count) = (0, 0);
    while count < limit {
        at += run_of(&bytes[at..], ByteKind::Separator);
        if at == bytes.len() {
            break;
        }
        if !bytes[at].is_ascii() {
            let (letter, width) = wide_char(at);
            if !letter {
                at += width;
                continue;
            }
        }
        let (start, mut ascii) = (at, true);
        loop {
            at += run_of(&bytes[at..], ByteKind::Letter);
            if at == bytes.len() || bytes[at].is_ascii() {
                break;
            }
            match wide_char(at) {
                (true, width) => {
                    at += width;
                    ascii = false;
                }
                (false, _) => break,
            }
        }
        count += 1;
        each(&text[start..at], ascii);
    }
    count
}

/// What a byte of UTF-8 text is to [`scan_words`].
#[derive(Clone, Copy, PartialEq, Eq)]
enum ByteKind {
    /// An ASCII letter or digit.
    Letter,
    /// Any other ASCII character.
    Separator,
    /// Part of a character outside ASCII.
    Wide,
}

/// How many bytes at the start of `bytes` are of `kind`.
fn run_of(bytes: &[u8], kind: ByteKind) -> usize {
    const KINDS: [ByteKind; 256] = {
        let mut kinds = [ByteKind::Wide; 256];
        let mut b = 0;
        while b < 128 {
            kinds[b] = if (b as u8).is_ascii_alphanumeric() {
                ByteKind::Letter
            } else {
                ByteKind::Separator
            };
            b += 1;
        }
        kinds
    };
    bytes
        .iter()
        .position(|&b| KINDS[usize::from(b)] != kind)
        .unwrap_or(bytes.len())
}

/// All bundled packs, read once; each builds its matchers when first asked for them.
pub fn packs() -> &'static [Pack] {
    static PACKS: OnceLock<Vec<Pack>> = OnceLock::new();
    PACKS.get_or_init(|| {
        BUNDLED
            .iter()
            .map(|(code, source)| {
                let file: PackFile = toml::from_str(source)
                    .unwrap_or_else(|e| panic!("bundled language pack {code} is invalid: {e}"));
                Pack::read(file)
            })
            .collect()
    })
}

/// The pack for a language code; Malay is read with the Indonesian pack, its closest relative.
pub fn pack(code: &str) -> Option<&'static Pack> {
    let code = if code == "ms" { "id" } else { code };
    packs().iter().find(|p| p.code == code)
}

/// Picks the pack whose function and frequent words are most frequent in the text's first
/// 3,000 words; cheap enough to run on raw input before cleaning, when boilerplate still
/// dilutes it.
pub fn guess_pack(text: &str) -> &'static Pack {
    let hits = listed_words().tally(text, 3000).function;
    packs()
        .iter()
        .zip(hits)
        .max_by_key(|&(_, hits)| hits)
        .map(|(pack, _)| pack)
        .expect("at least one bundled pack")
}

/// Identifies the language of clean article text: Indonesian, Malay or English, the languages
/// with packs plus Malay. Reads a bounded opening of the text: the packs' function and
/// frequent words decide where one language clearly leads, the statistical detector only where
/// they do not; a language and the neighbour it is confused with (Indonesian and Malay) are
/// settled by the words and the web address the document carries.
pub fn detect(text: &str, url: Option<&str>, outlet: Option<&str>) -> Option<String> {
    let sample = opening(text, DETECTION_SAMPLE);
    let tally = listed_words().tally(sample, usize::MAX);
    let words = tally.words;
    if words < 3 {
        return None;
    }
    let mut hits: Vec<(usize, usize)> = tally.function.iter().copied().enumerate().collect();
    hits.sort_by_key(|&(n, hits)| (std::cmp::Reverse(hits), packs()[n].code.as_str()));
    let (best, runner_up) = (hits[0].1, hits.get(1).map_or(0, |h| h.1));
    // function words are a tenth of any running text in the language: fewer is another
    // language quoting a few of its words ("Kindle for PC" in a Japanese page)
    let clear = best >= 5 && best >= 3 * runner_up && best * 10 >= words;
    let guess = if clear {
        packs()[hits[0].0].code.clone()
    } else {
        statistical(sample)?
    };
    let pack = packs()
        .iter()
        .position(|p| p.code == guess || p.neighbour.as_ref().is_some_and(|n| n.code == guess));
    let settled = pack.and_then(|n| {
        let p = &packs()[n];
        let neighbour = p.neighbour.as_ref()?;
        let words = (tally.own[n], tally.theirs[n]);
        settle(words, url, outlet, p, neighbour)
    });
    match settled {
        Some(code) => Some(code),
        // a clear lead over the other packs that the neighbour's words do not settle: ask
        // the statistical detector between the two
        None if clear && pack.is_some_and(|n| packs()[n].neighbour.is_some()) => {
            statistical(sample)
        }
        None => Some(guess),
    }
}

/// How much of the text detection reads: enough for a few hundred words.
const DETECTION_SAMPLE: usize = 3000;

/// The first `bytes` of `text` or a little less, cut at a character boundary.
fn opening(text: &str, bytes: usize) -> &str {
    let mut end = bytes.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// The language the document's own words (how many of the pack's and of the neighbour's
/// telling words it has), web address and outlet point to between a pack's language and its
/// neighbour, where they point one way.
fn settle(
    (own_words, their_words): (usize, usize),
    url: Option<&str>,
    outlet: Option<&str>,
    pack: &Pack,
    neighbour: &Neighbour,
) -> Option<String> {
    let host = url
        .and_then(|u| u.split("://").nth(1))
        .and_then(|rest| rest.split(['/', '?', '#', ':']).next())
        .unwrap_or_default()
        .to_lowercase();
    let on = |domains: &[String]| domains.iter().any(|d| host.ends_with(d.as_str()));
    // an outlet of the pack's own list, by its address or by the name the page gives
    let own_outlet = pack.article.outlets.iter().any(|(site, name)| {
        (!host.is_empty() && host.ends_with(site.as_str())) || outlet == Some(name)
    });
    // an address or a known outlet counts as much as a few words
    let own = own_words + 3 * usize::from(on(&neighbour.own_domains) || own_outlet);
    let theirs = their_words + 3 * usize::from(on(&neighbour.their_domains));
    match own.cmp(&theirs) {
        std::cmp::Ordering::Greater => Some(pack.code.clone()),
        std::cmp::Ordering::Less => Some(neighbour.code.clone()),
        std::cmp::Ordering::Equal => None,
    }
}

/// The statistical detector's verdict on the first few hundred characters.
fn statistical(sample: &str) -> Option<String> {
    use lingua::{Language, LanguageDetector, LanguageDetectorBuilder};
    static DETECTOR: OnceLock<LanguageDetector> = OnceLock::new();
    let detector = DETECTOR.get_or_init(|| {
        LanguageDetectorBuilder::from_languages(&[
            Language::Indonesian,
            Language::Malay,
            Language::English,
        ])
        .build()
    });
    let sample: String = sample.chars().take(600).collect();
    if sample.split_whitespace().count() < 3 {
        return None;
    }
    let language = detector.detect_language_of(sample)?;
    Some(language.iso_code_639_1().to_string().to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reporting_verbs_are_built_from_their_roots() {
        let words: StatementWords = toml::from_str(
            r#"
            cues = [["tanya", "bertanya"]]
            cue_roots = ["tanya", "sampai", "yakin", "klaim", "bantah", "tulis", "harap"]
            cue_forms = ["{}", "{}nya", "{N}", "{N}kan", "{N}i", "ber{}"]
            active_prefix = [["a e i o u", "meng", false], ["k", "meng", true],
              ["p", "mem", true], ["b", "mem", false], ["t", "men", true], ["s", "meny", true],
              ["l m n r w y", "me", false], ["h", "meng", false]]
            leading_cues = []
            pronouns = []
            pronoun_suffix = "nya"
            unnamed = []
            complementizers = []
            abbreviations = []
            fillers = []
            not_said = []
            speaker_breaks = []
            "#,
        )
        .unwrap();
        let words = words.with_built_cues();
        let forms_of = |root: &str| -> Vec<String> {
            words
                .cues
                .iter()
                .find(|e| e[0] == root)
                .map(|e| e[1..].to_vec())
                .unwrap_or_default()
        };
        for (root, form) in [
            ("sampai", "menyampaikan"),
            ("yakin", "meyakini"),
            ("klaim", "mengklaim"),
            ("bantah", "membantah"),
            ("tulis", "menulis"),
            ("tulis", "tulisnya"),
            ("harap", "berharap"),
            ("harap", "mengharapkan"),
            ("tanya", "menanyakan"),
        ] {
            assert!(forms_of(root).contains(&form.to_string()), "{root}: {form}");
        }
        assert_eq!(words.cues.iter().filter(|e| e[0] == "tanya").count(), 1);
        assert!(forms_of("tanya").contains(&"bertanya".to_string()));
    }

    #[test]
    fn bundled_packs_compile() {
        let codes: Vec<_> = packs().iter().map(|p| p.code.as_str()).collect();
        assert_eq!(codes, ["id", "en"]);
        for pack in packs() {
            // built when first needed in a run: each must build
            assert!(
                Boilerplate::new(&pack.boilerplate_rules).is_ok(),
                "{}",
                pack.code
            );
            let registers = pack.registers().patterns.sources();
            assert!(!registers.is_empty(), "{}", pack.code);
            // compiled when first needed in a run: each must compile
            for source in registers {
                assert!(regex::Regex::new(source).is_ok(), "{source}");
            }
        }
    }

    #[test]
    fn phrases_match_by_kind() {
        let id = pack("id").unwrap();
        assert_eq!(
            id.boilerplate_reason(&fold("Baca juga: Sesuatu Terjadi")),
            Some("read-also")
        );
        assert_eq!(
            id.boilerplate_reason(&fold("BACA JUGA:  x")),
            Some("read-also")
        );
        assert_eq!(id.boilerplate_reason(&fold("banner 678x960")), Some("ad"));
        assert_eq!(id.boilerplate_reason(&fold("Oke")), Some("share-login"));
        assert_eq!(id.boilerplate_reason(&fold("Oke, kata dia.")), None);
        assert_eq!(
            id.boilerplate_reason(&fold("Komisi Pemilihan Umum menjalani sidang.")),
            None
        );
        assert!(id.is_end_marker(&fold("Berita Terkait")));
    }

    #[test]
    fn ascii_text_folds_and_single_spaces_as_word_by_word_joining_does() {
        let word_by_word = |text: &str| {
            let mut folded = String::new();
            for word in text.split_whitespace() {
                if !folded.is_empty() {
                    folded.push(' ');
                }
                push_lowercase(&mut folded, word);
            }
            folded
        };
        let every_byte: String = (0u8..128).map(char::from).collect();
        for text in [
            "",
            "  ",
            "Ketua KPU  Hasyim\tAsy'ari\r\n",
            "\u{b}A\u{c}B\u{1c}C\u{1f}D ",
            every_byte.as_str(),
            // single-spaced already, or not quite
            "Ketua KPU Hasyim Asy'ari",
            "X",
            " Ketua KPU",
            "Ketua KPU ",
            "Ketua  KPU",
            "Ketua\tKPU",
            "Ketua KPU\n",
        ] {
            assert_eq!(fold(text), word_by_word(text), "{text:?}");
            let words: Vec<&str> = text.split_whitespace().collect();
            assert_eq!(single_spaced(text), words.join(" "), "{text:?}");
        }
    }

    #[test]
    fn phrases_are_found_past_the_first_word_filter() {
        let list: Vec<String> = ["ketua", "wakil ketua", "kepala dinas", "ir.", "a", "ab c"]
            .iter()
            .map(|p| p.to_string())
            .collect();
        let phrases = Phrases::from(list.clone());
        for phrase in &list {
            let words: Vec<&str> = phrase.split(' ').chain(["x", "y"]).collect();
            assert_eq!(
                phrases.longest_at(words.into_iter()),
                phrase.split(' ').count()
            );
        }
        // not a phrase, or a phrase's first word without the rest
        for word in ["ketuanya", "wakil", "", "kepala", "b"] {
            assert_eq!(phrases.longest_at([word, "x"].into_iter()), 0, "{word}");
        }
        // a filter lets every word of its set through
        let words: Vec<String> = (0..3000).map(|n| format!("w{n}")).collect();
        let filter = FirstWords::new(words.iter());
        assert!(words.iter().all(|w| filter.may_hold(w)));
        assert!(!FirstWords::default().may_hold("ketua"));
    }

    /// A text's words the plain way: split at every character that is not alphanumeric.
    fn words(text: &str) -> impl Iterator<Item = &str> {
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
    }

    /// The listed words of a text counted the plain way: each word lower-cased and looked up
    /// in the packs' lists.
    fn tally_word_by_word(text: &str) -> Tally {
        let lower: Vec<String> = words(text).map(str::to_lowercase).collect();
        let count = |list: &[String]| lower.iter().filter(|w| list.contains(w)).count();
        let telling = |p: &Pack| [p.function_words.clone(), p.frequent_words.clone()].concat();
        let neighbour_count = |pack: &Pack, list: fn(&Neighbour) -> &[String]| {
            pack.neighbour.as_ref().map_or(0, |n| count(list(n)))
        };
        Tally {
            words: lower.len(),
            function: packs().iter().map(|p| count(&telling(p))).collect(),
            own: packs()
                .iter()
                .map(|p| neighbour_count(p, |n| &n.own_words))
                .collect(),
            theirs: packs()
                .iter()
                .map(|p| neighbour_count(p, |n| &n.their_words))
                .collect(),
        }
    }

    #[test]
    fn each_word_list_is_one_file() {
        for (n, (code, list, _)) in WORD_LISTS.iter().enumerate() {
            let first = WORD_LISTS
                .iter()
                .position(|(c, l, _)| c == code && l == list);
            assert_eq!(first, Some(n), "{code} {list}");
        }
        assert!(word_list("id", "root-words").contains("kata"));
        for (code, list, text) in WORD_LISTS {
            let words = text
                .lines()
                .filter(|line| !line.starts_with('#'))
                .flat_map(str::split_whitespace)
                .map(str::to_lowercase);
            let expected: HashSet<String> = words.collect();
            assert_eq!(*word_list(code, list), expected, "{code} {list}");
        }
        assert!(word_list("en", "root-words").is_empty());
    }

    #[test]
    fn ascii_text_splits_where_unicode_white_space_does() {
        let every_byte: String = (0u8..128).map(char::from).collect();
        for text in [
            "",
            " a  b\t\u{b}c\u{c}d\re\nf ",
            every_byte.as_str(),
            "x\u{a0}y z",
        ] {
            let expected: Vec<&str> = text.split(char::is_whitespace).collect();
            let split: Vec<&str> = split_at_white_space(text).collect();
            assert_eq!(split, expected, "{text:?}");
        }
    }

    #[test]
    fn single_spacing_is_splitting_at_white_space_and_joining() {
        let every_ascii_byte: String = (0u8..128).map(char::from).collect();
        for text in [
            "",
            "   ",
            " a  b\tc\n\rd\x0be\x0cf ",
            "satu\u{a0}dua\u{2003} tiga\u{3000}",
            "é  ü",
            "x",
            every_ascii_byte.as_str(),
        ] {
            let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(single_spaced(text), joined, "{text:?}");
            let folded = text
                .split_whitespace()
                .map(str::to_lowercase)
                .collect::<Vec<_>>()
                .join(" ");
            assert_eq!(fold(text), folded, "{text:?}");
        }
    }

    #[test]
    fn listed_words_are_counted_as_whole_words_in_either_case() {
        let texts = [
            "Yang DAN di, dengan: the And OF dia indie dandi ke-2 di2 2di",
            "Menteri itu berkata bahawa KERAJAAN akan ... Bahwa pemerintah",
            // letters outside ASCII around and inside words
            "dané éd di\u{301} ḍi dİ Dİ İn ın tHe",
            // the Kelvin sign lower-cases to k: "Ke", "aKan"
            "\u{212A}e a\u{212A}an ke akan",
            "",
            "!!! ,,, 123",
        ];
        for text in texts {
            let (fast, plain) = (
                listed_words().tally(text, usize::MAX),
                tally_word_by_word(text),
            );
            assert_eq!(
                (fast.words, fast.function, fast.own, fast.theirs),
                (plain.words, plain.function, plain.own, plain.theirs),
                "{text}"
            );
        }
        let id = packs().iter().position(|p| p.code == "id").unwrap();
        // yang, dan, di, dengan, ke, and the frequent "dia"
        assert_eq!(listed_words().tally(texts[0], usize::MAX).function[id], 6);
        assert_eq!(listed_words().tally(texts[3], usize::MAX).function[id], 4);
        for pack in packs() {
            for word in pack.function_words.iter().chain(&pack.frequent_words) {
                let upper = word.to_ascii_uppercase();
                assert!(
                    listed_words()
                        .tally(&upper, 1)
                        .function
                        .iter()
                        .sum::<usize>()
                        > 0
                );
            }
        }
    }

    #[test]
    fn words_are_read_where_splitting_at_other_characters_would() {
        for text in [
            "",
            "a",
            " a b  c ",
            "dua-tiga, empat.",
            "é à ü ß",
            "x\u{301}y 漢字 かな",
        ] {
            let mut scanned = Vec::new();
            let count = scan_words(text, usize::MAX, |w, ascii| {
                assert_eq!(ascii, w.is_ascii());
                scanned.push(w.to_string())
            });
            let split: Vec<&str> = words(text).collect();
            assert_eq!(
                (count, scanned),
                (split.len(), split.iter().map(|w| w.to_string()).collect())
            );
            let mut first_two = Vec::new();
            scan_words(text, 2, |w, _| first_two.push(w.to_string()));
            assert_eq!(
                first_two,
                split
                    .iter()
                    .take(2)
                    .map(|w| w.to_string())
                    .collect::<Vec<_>>()
            );
        }
    }

    #[test]
    fn detects_the_three_languages() {
        assert_eq!(detect("Komisi Pemilihan Umum menjalani sidang sengketa informasi di Jakarta pada hari Rabu.", None, None).as_deref(), Some("id"));
        assert_eq!(detect("The election commission told the court on Wednesday that it had signed the contract.", None, None).as_deref(), Some("en"));
        assert_eq!(detect("Kerajaan negeri akan memastikan bahawa semua rakyat mendapat bantuan yang sewajarnya daripada kerajaan persekutuan.", None, None).as_deref(), Some("ms"));
        assert_eq!(guess_pack("yang dan di dengan the").code, "id");
    }

    #[test]
    fn indonesian_and_malay_are_told_apart_by_the_evidence_a_document_carries() {
        let short = "Harga cabai di pasar naik lagi minggu ini dan warga mengeluh.";
        // an outlet the Indonesian pack knows, by address or by name
        let detik = Some("https://news.detik.com/berita/d-1/harga-cabai");
        assert_eq!(detect(short, detik, None).as_deref(), Some("id"));
        assert_eq!(
            detect(short, None, Some("Liputan6.com")).as_deref(),
            Some("id")
        );
        assert_eq!(
            detect(short, Some("https://berita.example.my/a"), None).as_deref(),
            Some("ms")
        );
        // the words themselves
        let indonesian = "Menteri itu mengatakan bahwa pemerintah akan menaikkan harga karena \
             anggaran tidak cukup, dan warga yang mau protes bisa datang ke kantor.";
        assert_eq!(detect(indonesian, None, None).as_deref(), Some("id"));
        let malay = "Menteri itu berkata bahawa kerajaan akan menaikkan harga kerana \
             peruntukan tidak mencukupi, dan rakyat yang mahu membantah boleh hadir.";
        assert_eq!(detect(malay, None, None).as_deref(), Some("ms"));
    }
}
