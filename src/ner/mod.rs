//! A statistical entity tagger for PER, ORG and LOC: a linear-chain CRF over BIO tags with
//! first-order transitions, decoded with Viterbi. Trained by `warta train-ner` on
//! CoNLL-style data; the shipped model is embedded in the binary.

use foldhash::{HashMap, HashSet};

use std::borrow::Cow;
use std::io::BufRead;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;

mod memo;

pub use memo::forget_kept_scores;

/// The tags the tagger predicts, in model order.
pub const TAGS: [&str; 7] = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC"];
const N: usize = TAGS.len();
/// The tags and a spare lane: a vector of eight floats.
const LANES: usize = 8;
/// Row of the transition table used for the start of a sentence.
const START: usize = N;
const MAGIC: &[u8; 6] = b"WNER01";
/// AdaGrad's base step and the L2 penalty, tuned on idner's dev file.
const LEARNING_RATE: f64 = 0.02;
const L2_PENALTY: f64 = 5e-4;

/// The models shipped with warta, by language: Indonesian trained on idner, English on
/// wikigold (see `models/NOTICE`).
static BUNDLED: [(&str, &[u8]); 2] = [
    ("id", include_bytes!("../../models/ner-id.bin")),
    ("en", include_bytes!("../../models/ner-en.bin")),
];

/// Errors reading a model or training data.
#[derive(Debug, thiserror::Error)]
pub enum NerError {
    #[error("not a warta NER model ({0})")]
    BadModel(&'static str),
    #[error("line {line}: {reason}")]
    BadData { line: usize, reason: String },
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

/// One sentence of tokens with gold tags (or none, for tagging).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Sentence {
    pub tokens: Vec<String>,
    pub tags: Vec<String>,
}

/// Maps the label sets of other data sets onto PER, ORG, LOC; other types become O.
pub fn normalise_tag(tag: &str) -> String {
    let Some((prefix, kind)) = tag.split_once('-') else {
        return "O".to_string();
    };
    let kind = match kind {
        "PER" | "PERSON" => "PER",
        "ORG" | "ORGANISATION" | "ORGANIZATION" => "ORG",
        "LOC" | "PLACE" | "GPE" => "LOC",
        _ => return "O".to_string(),
    };
    match prefix {
        "B" | "I" => format!("{prefix}-{kind}"),
        _ => "O".to_string(),
    }
}

/// Reads CoNLL-style data: a token first, its BIO tag last, a blank line between sentences.
pub fn read_conll(reader: impl BufRead) -> Result<Vec<Sentence>, NerError> {
    let mut sentences = Vec::new();
    let mut current = Sentence::default();
    for (index, line) in reader.lines().enumerate() {
        let line = line?;
        let columns: Vec<&str> = line.split_whitespace().collect();
        if columns.is_empty() || columns[0] == "-DOCSTART-" {
            if !current.tokens.is_empty() {
                sentences.push(std::mem::take(&mut current));
            }
            continue;
        }
        if columns.len() < 2 {
            return Err(NerError::BadData {
                line: index + 1,
                reason: "expected a token and a tag".into(),
            });
        }
        current.tokens.push(columns[0].to_string());
        current.tags.push(normalise_tag(columns[columns.len() - 1]));
    }
    if !current.tokens.is_empty() {
        sentences.push(current);
    }
    if !sentences
        .iter()
        .flat_map(|s| &s.tags)
        .any(|t| t.starts_with("B-"))
    {
        sentences
            .iter_mut()
            .for_each(|s| begin_entities(&mut s.tags));
    }
    Ok(sentences)
}

/// Data tagged in the IO scheme (wikigold) marks no entity's start: an inside tag that does not
/// continue an entity of its type begins one, as BIO writes it.
fn begin_entities(tags: &mut [String]) {
    let mut previous = String::from("O");
    for tag in tags.iter_mut() {
        if let Some(kind) = tag.strip_prefix("I-") {
            if previous.get(2..) != Some(kind) {
                *tag = format!("B-{kind}");
            }
        }
        previous = tag.clone();
    }
}

/// FNV-1a over a feature's parts, a separator between parts: a fast, stable hash, so feature
/// ids are the same in every build. Kept as a state that can go on, so that a feature's name
/// is hashed once, at compile time, and a token's words only as they come.
#[derive(Debug, Clone, Copy)]
struct Fnv(u64);

const FNV_PRIME: u64 = 0x0100_0000_01b3;

impl Fnv {
    const START: Fnv = Fnv(0xcbf2_9ce4_8422_2325);

    /// The state after a feature's name and the separator before its first part.
    const fn named(name: &str) -> Fnv {
        Fnv::START.bytes(name.as_bytes()).next()
    }

    const fn bytes(self, bytes: &[u8]) -> Fnv {
        let mut h = self.0;
        let mut i = 0;
        while i < bytes.len() {
            h ^= bytes[i] as u64;
            h = h.wrapping_mul(FNV_PRIME);
            i += 1;
        }
        Fnv(h)
    }

    fn part(self, part: &str) -> Fnv {
        self.bytes(part.as_bytes())
    }

    /// `part` for several states at once: the bytes are read once for them all.
    fn parts<const K: usize>(states: [Fnv; K], part: &str) -> [Fnv; K] {
        let mut hashes = states.map(|state| state.0);
        for &byte in part.as_bytes() {
            for h in &mut hashes {
                *h = (*h ^ u64::from(byte)).wrapping_mul(FNV_PRIME);
            }
        }
        hashes.map(Fnv)
    }

    /// The separator before the next part.
    const fn next(self) -> Fnv {
        Fnv((self.0 ^ 0x1f).wrapping_mul(FNV_PRIME))
    }

    fn flag(self, flag: bool) -> Fnv {
        self.bytes(if flag { b"1" } else { b"0" })
    }
}

/// The coarse look of a word: "Jakarta" is "Xx", "KPU" "X", "2024" "d", "1/2021" "d/d".
fn shape(word: &str) -> String {
    let mut out = String::new();
    let mut last = None;
    for c in word.chars() {
        let class = if c.is_ascii() {
            match c {
                'A'..='Z' => 'X',
                'a'..='z' => 'x',
                '0'..='9' => 'd',
                _ => c,
            }
        } else if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else {
            c
        };
        if last != Some(class) {
            out.push(class);
            last = Some(class);
        }
    }
    out
}

/// The tagger's weights by feature: an open-addressing table with the keys in one array and
/// the weights in another, so that probing, which reads a few neighbouring keys and ends at an
/// empty slot for a third of the look-ups (features the model never saw), stays in an array a
/// fifth of the size, and only a feature found reads its weights. The slot for a key is known
/// before the look-up, so a token's features can be fetched from memory together (`prefetch`).
/// Feature keys are FNV hashes already and pick their slot as they are.
#[derive(Debug, Clone)]
struct WeightTable {
    keys: Vec<u64>,
    weights: Vec<Row>,
    mask: usize,
    /// The weights of key 0, which marks an empty slot.
    zero: Option<[f32; N]>,
}

/// A slot's weights, aligned so that they lie in one cache line.
#[derive(Debug, Clone, Copy)]
#[repr(C, align(32))]
struct Row([f32; N]);

/// Asks the processor to start loading the cache line that holds `value`.
fn prefetch<T: ?Sized>(value: &T) {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
        let at: *const T = value;
        // SAFETY: a prefetch only hints the cache; the pointer is to a live value.
        unsafe { _mm_prefetch(at.cast::<i8>(), _MM_HINT_T0) };
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = value;
}

/// Where a feature's weights are in a `WeightTable`: a slot, or one of the two rows after the
/// slots, the weights of key 0 or zeros for a feature the model lacks. Every feature adds its
/// row, so that summing a token's features takes no branch: zeros change no sum but the sign
/// of a zero, and no tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Found(u32);

impl Found {
    /// More slots than a `Found` can name, with the two rows after them.
    const SLOTS_MAX: usize = u32::MAX as usize - 2;
}

impl WeightTable {
    fn with_entries(
        count: usize,
        entries: impl IntoIterator<Item = (u64, [f32; N])>,
    ) -> WeightTable {
        // at most two thirds full, so that a missing feature is found missing within a few
        // neighbouring slots
        let capacity = (count * 3 / 2).next_power_of_two().max(16);
        debug_assert!(capacity <= Found::SLOTS_MAX);
        let mut table = WeightTable {
            keys: vec![0; capacity],
            // the slots, then zeros and the weights of key 0
            weights: vec![Row([0.0; N]); capacity + 2],
            mask: capacity - 1,
            zero: None,
        };
        // each entry's slot is asked for some entries before it is written: the writes land
        // all over tens of MB, and waiting for each in turn took a good part of a start-up
        const AHEAD: usize = 16;
        let mut entries = entries.into_iter();
        let mut ahead = std::collections::VecDeque::with_capacity(AHEAD);
        for n in 0.. {
            while ahead.len() < AHEAD {
                let Some((key, weights)) = entries.next() else {
                    break;
                };
                let slot = table.slot_of(key);
                prefetch(&table.keys[slot]);
                prefetch(&table.weights[slot]);
                ahead.push_back((key, weights));
            }
            let Some((key, weights)) = ahead.pop_front() else {
                break;
            };
            assert!(
                n < count,
                "more weight-table entries than the iterator said"
            );
            if key == 0 {
                table.zero = Some(weights);
                continue;
            }
            let mut at = table.slot_of(key);
            while table.keys[at] != 0 && table.keys[at] != key {
                at = (at + 1) & table.mask;
            }
            table.keys[at] = key;
            table.weights[at] = Row(weights);
        }
        if let Some(weights) = table.zero {
            table.weights[capacity + 1] = Row(weights);
        }
        table
    }

    fn slot_of(&self, key: u64) -> usize {
        // the high bits mix every byte of the FNV hash
        (key.rotate_left(29) as usize) & self.mask
    }

    fn get(&self, key: u64) -> &[f32; N] {
        self.weights(self.find(key))
    }

    /// The row of zeros, for a feature the model lacks.
    fn missing(&self) -> Found {
        Found(self.keys.len() as u32)
    }

    /// The row of the weights of key 0, which cannot have a slot.
    fn zero_key(&self) -> Found {
        Found(self.keys.len() as u32 + 1)
    }

    /// Where the weights of `key` are, to be kept and read again without the look-up.
    fn find(&self, key: u64) -> Found {
        if key == 0 {
            return match self.zero {
                Some(_) => self.zero_key(),
                None => self.missing(),
            };
        }
        let mut at = self.slot_of(key);
        loop {
            let slot_key = self.keys[at];
            if slot_key == key {
                return Found(at as u32);
            }
            if slot_key == 0 {
                return self.missing();
            }
            at = (at + 1) & self.mask;
        }
    }

    fn weights(&self, found: Found) -> &[f32; N] {
        &self.weights[found.0 as usize].0
    }

    /// Asks the processor to start loading the key in `key`'s slot.
    fn prefetch(&self, key: u64) {
        prefetch(&self.keys[self.slot_of(key)]);
    }

    /// Asks the processor to start loading the weights a look-up found.
    fn prefetch_weights(&self, found: Found) {
        prefetch(self.weights(found));
    }

    fn iter(&self) -> impl Iterator<Item = (u64, &[f32; N])> {
        self.zero.iter().map(|w| (0, w)).chain(
            self.keys
                .iter()
                .zip(&self.weights)
                .filter(|(&key, _)| key != 0)
                .map(|(&key, weights)| (key, &weights.0)),
        )
    }
}

impl FromIterator<(u64, [f32; N])> for WeightTable {
    fn from_iter<I: IntoIterator<Item = (u64, [f32; N])>>(entries: I) -> WeightTable {
        let entries = entries.into_iter();
        // a model's bytes say how many entries they hold: the table is sized from that, with no
        // copy of them all first (tens of MB at each start)
        match entries.size_hint() {
            (least, Some(most)) if least == most => WeightTable::with_entries(least, entries),
            _ => {
                let entries: Vec<_> = entries.collect();
                WeightTable::with_entries(entries.len(), entries)
            }
        }
    }
}

/// Word lists the tagger consults, per language: given and family names and places (from
/// Faker), dictionary words (Sastrawi's roots for Indonesian, the training data's lower-case
/// words for English: a capitalised dictionary word is less likely a name), see
/// `lang/gazetteer/`, and the pack's organisation head words and titles.
struct Gazetteer {
    /// The lists each word is on, one bit a list.
    bits: HashMap<String, usize>,
    /// Every combination of lists written out, so coding a word allocates nothing.
    codes: Vec<String>,
}

impl Gazetteer {
    fn get(language: &str) -> &'static Gazetteer {
        static INDONESIAN: OnceLock<Gazetteer> = OnceLock::new();
        static ENGLISH: OnceLock<Gazetteer> = OnceLock::new();
        match language {
            "en" => ENGLISH.get_or_init(|| Gazetteer::build("en")),
            _ => INDONESIAN.get_or_init(|| Gazetteer::build("id")),
        }
    }

    fn build(language: &'static str) -> Gazetteer {
        let file = |list: &str| -> Cow<'static, HashSet<String>> {
            Cow::Borrowed(crate::lang::word_list(language, list))
        };
        let words = |phrases: &[String]| -> Cow<'static, HashSet<String>> {
            let words = phrases
                .iter()
                .flat_map(|p| p.split_whitespace())
                .map(str::to_lowercase);
            Cow::Owned(words.collect())
        };
        let roots = file("root-words");
        let dictionary = if roots.is_empty() {
            file("common-words")
        } else {
            roots
        };
        let mut lists = vec![
            file("given-names"),
            file("family-names"),
            file("places"),
            dictionary,
        ];
        if let Some(pack) = crate::lang::pack(language) {
            lists.push(words(&pack.entities.institution_heads.all));
            lists.push(words(&pack.entities.titles.all));
        }
        let codes = (0..1u32 << lists.len()).map(|c| c.to_string()).collect();
        let mut bits: HashMap<String, usize> = HashMap::default();
        bits.reserve(lists.iter().map(|words| words.len()).sum());
        for (i, words) in lists.iter().enumerate() {
            for word in words.iter() {
                match bits.get_mut(word.as_str()) {
                    Some(bit) => *bit |= 1 << i,
                    None => {
                        bits.insert(word.clone(), 1 << i);
                    }
                }
            }
        }
        Gazetteer { bits, codes }
    }

    /// The lists a lower-cased word is on, one bit a list, written out for hashing.
    fn code(&'static self, lower: &str) -> &'static str {
        &self.codes[self.lists(lower)]
    }

    /// The lists a lower-cased word is on, one bit a list.
    fn lists(&self, lower: &str) -> usize {
        self.bits.get(lower).copied().unwrap_or(0)
    }
}

/// Per-token views computed once per sentence.
struct Token<'a> {
    lower: Cow<'a, str>,
    shape: String,
    title: bool,
    lists: &'static str,
}

impl<'a> Token<'a> {
    fn new(word: &'a str, gazetteer: &'static Gazetteer) -> Token<'a> {
        let lower = crate::lang::lowercase(word);
        Token {
            lists: gazetteer.code(&lower),
            lower,
            shape: shape(word),
            title: word.chars().next().is_some_and(char::is_uppercase),
        }
    }
}

fn prepare<'a>(tokens: &'a [impl AsRef<str>], language: &str) -> Vec<Token<'a>> {
    let gazetteer = Gazetteer::get(language);
    tokens
        .iter()
        .map(|t| Token::new(t.as_ref(), gazetteer))
        .collect()
}

/// What stands beyond either end of a sentence.
fn outside() -> &'static Token<'static> {
    static OUTSIDE: OnceLock<Token> = OnceLock::new();
    OUTSIDE.get_or_init(|| Token {
        lower: Cow::Borrowed("<none>"),
        shape: "<none>".into(),
        title: false,
        lists: "0",
    })
}

/// How many features a token has.
const FEATURES: usize = 30;
/// How many of them come first and read the token alone (bias, word, shape, affixes).
const OWN_FEATURES: usize = 11;

/// Hashed features of token `i`: its own, then those of its place in the sentence.
fn features(tokens: &[Token], i: usize, out: &mut Vec<u64>) {
    out.clear();
    own_features(&tokens[i], out);
    context_features(tokens, i, out);
    debug_assert_eq!(out.len(), FEATURES);
}

/// The features of a token alone: the same wherever the word (in its case) stands.
fn own_features(w: &Token, out: &mut Vec<u64>) {
    const BIAS: u64 = Fnv::START.bytes(b"bias").0;
    const W: Fnv = Fnv::named("w");
    const SHAPE: Fnv = Fnv::named("shape");
    out.push(BIAS);
    out.push(W.part(&w.lower).0);
    out.push(SHAPE.part(&w.shape).0);
    let (prefixes, suffixes) = affixes(&w.lower);
    for (prefix, suffix) in prefixes.into_iter().zip(suffixes) {
        out.push(prefix);
        out.push(suffix);
    }
}

/// The names of the features that read a token's neighbours or place, hashed.
const TITLE_FIRST: Fnv = Fnv::named("title-first");
const W_1: Fnv = Fnv::named("w-1");
const W_2: Fnv = Fnv::named("w-2");
const W1: Fnv = Fnv::named("w+1");
const W2: Fnv = Fnv::named("w+2");
const SHAPE_1: Fnv = Fnv::named("shape-1");
const SHAPE1: Fnv = Fnv::named("shape+1");
const W_1_W: Fnv = Fnv::named("w-1,w");
const W_W1: Fnv = Fnv::named("w,w+1");
const TITLE_AROUND: Fnv = Fnv::named("title-1,+1");
const W_1_SHAPE: Fnv = Fnv::named("w-1,shape");
const SHAPE_W1: Fnv = Fnv::named("shape,w+1");
const W_1_W1: Fnv = Fnv::named("w-1,w+1");
const LISTS: Fnv = Fnv::named("lists");
const LISTS_1: Fnv = Fnv::named("lists-1");
const LISTS1: Fnv = Fnv::named("lists+1");
const LISTS_AROUND: Fnv = Fnv::named("lists-1,+1");
const LISTS_2: Fnv = Fnv::named("lists-2");
const LISTS2: Fnv = Fnv::named("lists+2");

/// The features of token `i` that read its neighbours or its place.
fn context_features(tokens: &[Token], i: usize, out: &mut Vec<u64>) {
    let none = outside();
    let at = |offset: isize| -> &Token {
        let j = i as isize + offset;
        if j < 0 || j >= tokens.len() as isize {
            none
        } else {
            &tokens[j as usize]
        }
    };
    let w = at(0);
    let (p1, p2, n1, n2) = (at(-1), at(-2), at(1), at(2));
    out.push(TITLE_FIRST.flag(w.title).next().flag(i == 0).0);
    out.push(W_1.part(&p1.lower).0);
    out.push(W_2.part(&p2.lower).0);
    out.push(W1.part(&n1.lower).0);
    out.push(W2.part(&n2.lower).0);
    out.push(SHAPE_1.part(&p1.shape).next().part(&w.shape).0);
    out.push(SHAPE1.part(&w.shape).next().part(&n1.shape).0);
    out.push(W_1_W.part(&p1.lower).next().part(&w.lower).0);
    out.push(W_W1.part(&w.lower).next().part(&n1.lower).0);
    let title_around = TITLE_AROUND.flag(p1.title).next().flag(w.title);
    out.push(title_around.next().flag(n1.title).0);
    out.push(W_1_SHAPE.part(&p1.lower).next().part(&w.shape).0);
    out.push(SHAPE_W1.part(&w.shape).next().part(&n1.lower).0);
    out.push(W_1_W1.part(&p1.lower).next().part(&n1.lower).0);
    out.push(LISTS.part(w.lists).next().flag(w.title).0);
    out.push(LISTS_1.part(p1.lists).next().flag(w.title).0);
    out.push(LISTS1.part(n1.lists).next().flag(w.title).0);
    let lists_around = LISTS_AROUND.part(p1.lists).next().part(w.lists);
    out.push(lists_around.next().part(n1.lists).0);
    out.push(LISTS_2.part(p2.lists).next().flag(w.title).0);
    out.push(LISTS2.part(n2.lists).next().flag(w.title).0);
}

/// The features of a word's first and last one to four characters; a word shorter than an
/// affix has an empty one. Each prefix goes on from the one before it.
fn affixes(word: &str) -> ([u64; 4], [u64; 4]) {
    const PRE: Fnv = Fnv::named("pre");
    const SUF: Fnv = Fnv::named("suf");
    let mut prefixes = [PRE.0; 4];
    let mut state = PRE;
    for (n, (at, c)) in word.char_indices().take(4).enumerate() {
        state = state.part(&word[at..at + c.len_utf8()]);
        prefixes[n] = state.0;
    }
    let mut suffixes = [SUF.0; 4];
    for (n, (at, _)) in word.char_indices().rev().take(4).enumerate() {
        suffixes[n] = SUF.part(&word[at..]).0;
    }
    (prefixes, suffixes)
}

#[derive(Debug, Clone)]
pub struct Model {
    /// Which model this is, for what a thread keeps of its words (`memo`).
    id: u64,
    weights: WeightTable,
    transitions: [[f32; N]; N + 1],
    /// Whose word lists the features consult; not stored in the bytes.
    language: &'static str,
}

impl Model {
    /// The model embedded in the binary for a language, the Indonesian one where the
    /// language has none of its own.
    pub fn bundled(language: &str) -> &'static Model {
        // each loaded on first use: a run in one language does not pay for the other's table
        static MODELS: [OnceLock<Model>; BUNDLED.len()] =
            [const { OnceLock::new() }; BUNDLED.len()];
        let at = BUNDLED
            .iter()
            .position(|(code, _)| *code == language)
            .unwrap_or(0);
        MODELS[at].get_or_init(|| {
            let (code, bytes) = BUNDLED[at];
            Model::from_bytes(bytes, code).expect("the bundled NER models are valid")
        })
    }

    /// Loads the bundled model for a language and the word lists its features read.
    pub fn warm_up(language: &str) {
        let model = Model::bundled(language);
        Gazetteer::get(model.language);
    }

    /// BIO tags for a sentence's tokens.
    pub fn tag(&self, tokens: &[impl AsRef<str>]) -> Vec<&'static str> {
        let scores = memo::scores(self, tokens);
        self.viterbi(&scores).into_iter().map(|t| TAGS[t]).collect()
    }

    fn add_weights(&self, row: &mut [f32; N], keys: &[u64]) {
        for &key in keys {
            add(row, self.weights.get(key));
        }
    }

    fn viterbi(&self, scores: &[[f32; N]]) -> Vec<usize> {
        if scores.is_empty() {
            return Vec::new();
        }
        let allowed: [[f32; N]; N + 1] =
            std::array::from_fn(|p| std::array::from_fn(|t| allowed(p, t)));
        // the tags side by side, a lane each and one lane spare, so that a step is a few
        // vector instructions; the spare lane is never read
        let lanes = |row: &[f32; N]| -> [f32; LANES] {
            std::array::from_fn(|t| row.get(t).copied().unwrap_or(0.0))
        };
        // a step adds the penalty of a transition BIO forbids with the transition's weight: the
        // penalty is 0 or -1e4, and where it is 0 the sum is the weight itself; where it is not
        // the candidate loses to the tag before that BIO allows, by far, however it is rounded
        let transitions: [[f32; LANES]; N] = std::array::from_fn(|p| {
            lanes(&std::array::from_fn(|t| {
                self.transitions[p][t] + allowed[p][t]
            }))
        });
        // each token's best score per tag, kept for the token before only, and the tag before
        // that best score
        let mut best: [f32; LANES] = lanes(&std::array::from_fn(|t| {
            scores[0][t] + self.transitions[START][t] + allowed[START][t]
        }));
        let mut back = vec![[0u8; N]; scores.len()];
        for (score, back) in scores.iter().zip(&mut back).skip(1) {
            let score = lanes(score);
            let mut next = [f32::NEG_INFINITY; LANES];
            let mut from = [0u32; LANES];
            // each tag's first best previous tag, chosen without a branch: which one wins is
            // all but random
            for p in 0..N {
                for t in 0..LANES {
                    let s = best[p] + transitions[p][t] + score[t];
                    let better = s > next[t];
                    next[t] = if better { s } else { next[t] };
                    from[t] = if better { p as u32 } else { from[t] };
                }
            }
            for t in 0..N {
                back[t] = from[t] as u8;
            }
            best = next;
        }
        best_path(&best[..N], &back)
    }

    /// The model as bytes: magic, transitions, then (feature, weights) sorted by feature.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        for row in &self.transitions {
            row.iter().for_each(|w| out.extend(w.to_le_bytes()));
        }
        let mut entries: Vec<_> = self.weights.iter().collect();
        entries.sort_by_key(|(k, _)| *k);
        out.extend((entries.len() as u32).to_le_bytes());
        for (key, weights) in entries {
            out.extend(key.to_le_bytes());
            weights.iter().for_each(|w| out.extend(w.to_le_bytes()));
        }
        out
    }

    /// Reads a model written by `to_bytes`, for the word lists of `language`.
    pub fn from_bytes(bytes: &[u8], language: &str) -> Result<Model, NerError> {
        let language = crate::lang::static_code(language);
        let rest = bytes
            .strip_prefix(MAGIC)
            .ok_or(NerError::BadModel("wrong header"))?;
        let mut floats = rest
            .chunks_exact(4)
            .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]));
        let mut transitions = [[0f32; N]; N + 1];
        for row in transitions.iter_mut() {
            for w in row.iter_mut() {
                *w = floats.next().ok_or(NerError::BadModel("truncated"))?;
            }
        }
        let at = 4 * N * (N + 1);
        let count = rest
            .get(at..at + 4)
            .ok_or(NerError::BadModel("truncated"))?;
        let count = u32::from_le_bytes([count[0], count[1], count[2], count[3]]) as usize;
        let entry = 8 + 4 * N;
        let body = &rest[at + 4..];
        if body.len() != count * entry {
            return Err(NerError::BadModel("wrong length"));
        }
        if count > Found::SLOTS_MAX / 4 {
            return Err(NerError::BadModel("more features than a table holds"));
        }
        let weights = body
            .chunks_exact(entry)
            .map(|c| {
                let key = u64::from_le_bytes(c[..8].try_into().expect("8 bytes"));
                let mut w = [0f32; N];
                for (t, chunk) in c[8..].chunks_exact(4).enumerate() {
                    w[t] = f32::from_le_bytes(chunk.try_into().expect("4 bytes"));
                }
                (key, w)
            })
            .collect();
        Ok(Model {
            id: next_model_id(),
            weights,
            transitions,
            language,
        })
    }
}

/// The tags of the best path: the last token's best tag (the last of equals), then each
/// token's tag before, as `back` holds it.
fn best_path(last: &[f32], back: &[[u8; N]]) -> Vec<usize> {
    let mut tag = (0..last.len())
        .max_by(|a, b| last[*a].total_cmp(&last[*b]))
        .unwrap_or(0);
    let mut path = vec![tag; back.len()];
    for i in (1..back.len()).rev() {
        tag = usize::from(back[i][tag]);
        path[i - 1] = tag;
    }
    path
}

/// Adds a feature's weights (zeros where the model lacks it) to a token's scores.
fn add(row: &mut [f32; N], weights: &[f32; N]) {
    for t in 0..N {
        row[t] += weights[t];
    }
}

/// A number no other model of this process has.
fn next_model_id() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// BIO forbids an inside tag that does not continue its own type.
fn allowed(previous: usize, tag: usize) -> f32 {
    let inside_of = |t: usize| TAGS[t].strip_prefix("I-");
    let type_of = |t: usize| TAGS[t].get(2..);
    match inside_of(tag) {
        Some(kind) if previous == START || type_of(previous) != Some(kind) => -1e4,
        _ => 0.0,
    }
}

fn tag_index(tag: &str) -> usize {
    TAGS.iter().position(|t| *t == tag).unwrap_or(0)
}

/// An entity span: type and token range, as seqeval's default extraction reads BIO.
pub fn spans(tags: &[impl AsRef<str>]) -> Vec<(String, usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<(String, usize)> = None;
    for (i, tag) in tags
        .iter()
        .map(AsRef::as_ref)
        .chain(std::iter::once("O"))
        .enumerate()
    {
        let (prefix, kind) = tag.split_once('-').unwrap_or(("O", ""));
        let continues = prefix == "I" && open.as_ref().is_some_and(|(k, _)| k == kind);
        if !continues {
            if let Some((k, start)) = open.take() {
                out.push((k, start, i));
            }
            if prefix == "B" || prefix == "I" {
                open = Some((kind.to_string(), i));
            }
        }
    }
    out
}

/// The per-data-set copy of a feature, for the target data and for auxiliary data.
fn target_copy(feature: u64) -> u64 {
    feature.rotate_left(17) ^ 0xa5a5_1234_5678_9abc
}

fn auxiliary_copy(feature: u64) -> u64 {
    feature.rotate_left(29) ^ 0x5a5a_8765_4321_cba9
}

/// A training sentence: each token's shared features, the gold tags, and how the sentence's
/// data set copies a feature.
struct TrainingSentence {
    features: Vec<Vec<u64>>,
    tags: Vec<usize>,
    copy: fn(u64) -> u64,
}

impl TrainingSentence {
    fn new(sentence: &Sentence, copy: fn(u64) -> u64, language: &str) -> Self {
        TrainingSentence {
            features: sentence_features(sentence, language),
            tags: sentence.tags.iter().map(|t| tag_index(t)).collect(),
            copy,
        }
    }
}

/// A token's shared features, then their copies for its data set.
fn with_copies(features: &[u64], copy: fn(u64) -> u64) -> impl Iterator<Item = u64> + '_ {
    features
        .iter()
        .copied()
        .chain(features.iter().map(move |f| copy(*f)))
}

/// Hashed features of every token of a sentence.
fn sentence_features(sentence: &Sentence, language: &str) -> Vec<Vec<u64>> {
    let tokens = prepare(&sentence.tokens, language);
    let mut feats = Vec::new();
    (0..tokens.len())
        .map(|i| {
            features(&tokens, i, &mut feats);
            feats.clone()
        })
        .collect()
}

/// Trains the model as a linear-chain CRF: log-likelihood with an L2 penalty, AdaGrad steps,
/// the BIO constraints fixed. `report` hears each epoch's model.
///
/// `auxiliary` is data labelled by another scheme (NERGRIT marks entities differently from
/// idner). Pooled as is, it lowered the score on the target's dev file (0.822 against 0.841);
/// so every feature gets a shared weight and a weight per data set ("frustratingly easy"
/// domain adaptation, Daumé 2007), and the shipped model keeps shared plus target weights.
/// With it, idner dev micro F1 rose from 0.856 to 0.867 (mean over five shuffles).
pub fn train(
    target: &[Sentence],
    auxiliary: &[Sentence],
    language: &str,
    epochs: usize,
    mut report: impl FnMut(usize, &Model),
) -> Model {
    let language = crate::lang::static_code(language);
    let rate = LEARNING_RATE;
    let l2 = L2_PENALTY;
    let prepared: Vec<TrainingSentence> = target
        .iter()
        .map(|s| TrainingSentence::new(s, target_copy, language))
        .chain(
            auxiliary
                .iter()
                .map(|s| TrainingSentence::new(s, auxiliary_copy, language)),
        )
        .collect();
    let shared: HashSet<u64> = prepared
        .iter()
        .flat_map(|s| s.features.iter().flatten().copied())
        .collect();
    let mut weights: HashMap<u64, [f64; N]> = HashMap::default();
    let mut squares: HashMap<u64, [f64; N]> = HashMap::default();
    let mut transitions = [[0f64; N]; N + 1];
    let mut transition_squares = [[0f64; N]; N + 1];
    let mut order: Vec<usize> = (0..prepared.len()).collect();
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    // A tagged sentence is always target data, so the shared and target weights fold into one.
    let snapshot = |weights: &HashMap<u64, [f64; N]>, transitions: &[[f64; N]; N + 1]| Model {
        id: next_model_id(),
        weights: shared
            .iter()
            .filter_map(|key| {
                let both = [weights.get(key), weights.get(&target_copy(*key))];
                let sum: [f64; N] =
                    std::array::from_fn(|t| both.iter().flatten().map(|w| w[t]).sum());
                sum.iter()
                    .any(|v| v.abs() > 1e-3)
                    .then(|| (*key, sum.map(|v| v as f32)))
            })
            .collect(),
        transitions: transitions.map(|row| row.map(|v| v as f32)),
        language,
    };
    for epoch in 0..epochs {
        for i in (1..order.len()).rev() {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            order.swap(i, (seed % (i as u64 + 1)) as usize);
        }
        for &index in &order {
            let TrainingSentence {
                features: feats,
                tags: gold,
                copy,
            } = &prepared[index];
            let n = feats.len();
            if n == 0 {
                continue;
            }
            let emission: Vec<[f64; N]> = feats
                .iter()
                .map(|fs| {
                    let mut row = [0f64; N];
                    for f in with_copies(fs, *copy) {
                        if let Some(w) = weights.get(&f) {
                            (0..N).for_each(|t| row[t] += w[t]);
                        }
                    }
                    row
                })
                .collect();
            let trans = |p: usize, t: usize| transitions[p][t] + f64::from(allowed(p, t));
            let logsum = |xs: &mut dyn Iterator<Item = f64>| {
                let v: Vec<f64> = xs.collect();
                let m = v.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
                m + v.iter().map(|x| (x - m).exp()).sum::<f64>().ln()
            };
            let mut alpha = vec![[0f64; N]; n];
            for t in 0..N {
                alpha[0][t] = trans(START, t) + emission[0][t];
            }
            for i in 1..n {
                for t in 0..N {
                    alpha[i][t] =
                        logsum(&mut (0..N).map(|p| alpha[i - 1][p] + trans(p, t))) + emission[i][t];
                }
            }
            let mut beta = vec![[0f64; N]; n];
            for i in (0..n - 1).rev() {
                for p in 0..N {
                    beta[i][p] = logsum(
                        &mut (0..N).map(|t| trans(p, t) + emission[i + 1][t] + beta[i + 1][t]),
                    );
                }
            }
            let log_z = logsum(&mut (0..N).map(|t| alpha[n - 1][t]));
            let mut step = |key: u64, grad: [f64; N], weights: &mut HashMap<u64, [f64; N]>| {
                let w = weights.entry(key).or_default();
                let g2 = squares.entry(key).or_default();
                for t in 0..N {
                    let g = grad[t] - l2 * w[t];
                    g2[t] += g * g;
                    w[t] += rate * g / (g2[t].sqrt() + 1e-8);
                }
            };
            for i in 0..n {
                let mut grad = [0f64; N];
                for t in 0..N {
                    let marginal = (alpha[i][t] + beta[i][t] - log_z).exp();
                    grad[t] = f64::from(u8::from(gold[i] == t)) - marginal;
                }
                for f in with_copies(&feats[i], *copy) {
                    step(f, grad, &mut weights);
                }
            }
            let mut tgrad = [[0f64; N]; N + 1];
            for t in 0..N {
                tgrad[START][t] -= (alpha[0][t] + beta[0][t] - log_z).exp();
            }
            tgrad[START][gold[0]] += 1.0;
            for i in 1..n {
                for p in 0..N {
                    for t in 0..N {
                        let pair = (alpha[i - 1][p] + trans(p, t) + emission[i][t] + beta[i][t]
                            - log_z)
                            .exp();
                        tgrad[p][t] -= pair;
                    }
                }
                tgrad[gold[i - 1]][gold[i]] += 1.0;
            }
            for p in 0..=N {
                for t in 0..N {
                    let g = tgrad[p][t] - l2 * transitions[p][t];
                    transition_squares[p][t] += g * g;
                    transitions[p][t] += rate * g / (transition_squares[p][t].sqrt() + 1e-8);
                }
            }
        }
        report(epoch + 1, &snapshot(&weights, &transitions));
    }
    snapshot(&weights, &transitions)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Viterbi as first written: a tag at a time, a branch per previous tag.
    fn viterbi_one_tag_at_a_time(model: &Model, scores: &[[f32; N]]) -> Vec<usize> {
        let mut best: [f32; N] =
            std::array::from_fn(|t| scores[0][t] + model.transitions[START][t] + allowed(START, t));
        let mut back = vec![[0u8; N]; scores.len()];
        for (score, back) in scores.iter().zip(&mut back).skip(1) {
            let mut next = [f32::NEG_INFINITY; N];
            for t in 0..N {
                for (p, &before) in best.iter().enumerate() {
                    let s = before + model.transitions[p][t] + allowed(p, t) + score[t];
                    if s > next[t] {
                        next[t] = s;
                        back[t] = p as u8;
                    }
                }
            }
            best = next;
        }
        best_path(&best, &back)
    }

    #[test]
    fn hashing_states_together_hashes_each_as_alone() {
        let states = [W_1_W, W_W1.part("kata"), Fnv::START];
        for part in ["", "a", "Asy’ari", "xxxx-dd", &"é".repeat(40)] {
            assert_eq!(
                Fnv::parts(states, part).map(|h| h.0),
                states.map(|state| state.part(part).0),
                "{part}"
            );
        }
    }

    #[test]
    fn viterbi_in_lanes_finds_the_path_found_a_tag_at_a_time() {
        let model = Model::bundled("id");
        // few distinct values, so that ties are common, and the sums of long sequences
        let values = [0.0, 0.5, -0.5, 1.0, 3.25, -2.0, 1e-7];
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        for length in (1..40).chain([300]) {
            for _ in 0..50 {
                let scores: Vec<[f32; N]> = (0..length)
                    .map(|_| {
                        std::array::from_fn(|_| {
                            state ^= state << 13;
                            state ^= state >> 7;
                            state ^= state << 17;
                            values[(state % values.len() as u64) as usize]
                        })
                    })
                    .collect();
                assert_eq!(
                    model.viterbi(&scores),
                    viterbi_one_tag_at_a_time(model, &scores)
                );
            }
        }
    }

    #[test]
    fn reads_conll_and_maps_label_sets() {
        let data = "Menurut ADP O\nHaposan NOUN B-PER\n\nDi B-PLACE\nJakarta I-PLACE\n";
        let sentences = read_conll(data.as_bytes()).unwrap();
        assert_eq!(sentences.len(), 2);
        assert_eq!(sentences[0].tags, ["O", "B-PER"]);
        assert_eq!(sentences[1].tags, ["B-LOC", "I-LOC"]);
    }

    #[test]
    fn io_tagged_data_is_read_as_bio() {
        let data = "The I-ORG\nHarbour I-ORG\nBoard I-ORG\nmet O\nAnn I-PER\nLee I-PER\n";
        let sentences = read_conll(data.as_bytes()).unwrap();
        assert_eq!(
            sentences[0].tags,
            ["B-ORG", "I-ORG", "I-ORG", "O", "B-PER", "I-PER"]
        );
    }

    #[test]
    fn spans_follow_seqeval() {
        assert_eq!(
            spans(&["B-PER", "I-PER", "O", "I-ORG", "B-LOC", "I-PER"]),
            [
                ("PER".to_string(), 0, 2),
                ("ORG".to_string(), 3, 4),
                ("LOC".to_string(), 4, 5),
                ("PER".to_string(), 5, 6),
            ]
        );
    }

    #[test]
    fn learns_a_tiny_language_and_round_trips() {
        let sentence = |words: &str, tags: &str| Sentence {
            tokens: words.split(' ').map(String::from).collect(),
            tags: tags.split(' ').map(String::from).collect(),
        };
        let data = vec![
            sentence("Ani pergi ke Bandung", "B-PER O O B-LOC"),
            sentence("Budi Santoso tinggal di Surabaya", "B-PER I-PER O O B-LOC"),
            sentence("Kantor KPU di Jakarta", "O B-ORG O B-LOC"),
        ];
        let model = train(&data, &[], "id", 10, |_, _| {});
        let tokens: Vec<String> = "Budi Santoso pergi ke Surabaya"
            .split(' ')
            .map(String::from)
            .collect();
        assert_eq!(model.tag(&tokens), ["B-PER", "I-PER", "O", "O", "B-LOC"]);
        let again = Model::from_bytes(&model.to_bytes(), "id").unwrap();
        assert_eq!(again.tag(&tokens), model.tag(&tokens));
        assert!(Model::from_bytes(b"nonsense", "id").is_err());
    }

    /// The features as the bundled models were trained on them: each one FNV-1a over its parts
    /// joined by a separator, affixes cut by characters.
    fn reference_features(tokens: &[Token], i: usize) -> Vec<u64> {
        fn hash(parts: &[&str]) -> u64 {
            let mut h: u64 = 0xcbf2_9ce4_8422_2325;
            for (i, part) in parts.iter().enumerate() {
                if i > 0 {
                    h = (h ^ 0x1f).wrapping_mul(FNV_PRIME);
                }
                for byte in part.bytes() {
                    h = (h ^ u64::from(byte)).wrapping_mul(FNV_PRIME);
                }
            }
            h
        }
        fn affix(word: &str, n: usize, from_end: bool) -> &str {
            let cut = if from_end {
                word.char_indices().rev().nth(n - 1).map(|(i, _)| i)
            } else {
                word.char_indices()
                    .nth(n)
                    .map(|(i, _)| i)
                    .or_else(|| (word.chars().count() == n).then_some(word.len()))
            };
            match cut {
                Some(i) if from_end => &word[i..],
                Some(i) => &word[..i],
                None => "",
            }
        }
        let word = &*tokens[i].lower;
        let (prefix, suffix) = (|n| affix(word, n, false), |n| affix(word, n, true));
        let none = outside();
        let at = |offset: isize| {
            let j = i as isize + offset;
            usize::try_from(j)
                .ok()
                .and_then(|j| tokens.get(j))
                .unwrap_or(none)
        };
        let (w, p1, p2, n1, n2) = (at(0), at(-1), at(-2), at(1), at(2));
        let flag = |b: bool| if b { "1" } else { "0" };
        let mut out = vec![
            hash(&["bias"]),
            hash(&["w", &w.lower]),
            hash(&["shape", &w.shape]),
        ];
        for n in 1..=4 {
            out.push(hash(&["pre", prefix(n)]));
            out.push(hash(&["suf", suffix(n)]));
        }
        out.extend([
            hash(&["title-first", flag(w.title), flag(i == 0)]),
            hash(&["w-1", &p1.lower]),
            hash(&["w-2", &p2.lower]),
            hash(&["w+1", &n1.lower]),
            hash(&["w+2", &n2.lower]),
            hash(&["shape-1", &p1.shape, &w.shape]),
            hash(&["shape+1", &w.shape, &n1.shape]),
            hash(&["w-1,w", &p1.lower, &w.lower]),
            hash(&["w,w+1", &w.lower, &n1.lower]),
            hash(&["title-1,+1", flag(p1.title), flag(w.title), flag(n1.title)]),
            hash(&["w-1,shape", &p1.lower, &w.shape]),
            hash(&["shape,w+1", &w.shape, &n1.lower]),
            hash(&["w-1,w+1", &p1.lower, &n1.lower]),
            hash(&["lists", w.lists, flag(w.title)]),
            hash(&["lists-1", p1.lists, flag(w.title)]),
            hash(&["lists+1", n1.lists, flag(w.title)]),
            hash(&["lists-1,+1", p1.lists, w.lists, n1.lists]),
            hash(&["lists-2", p2.lists, flag(w.title)]),
            hash(&["lists+2", n2.lists, flag(w.title)]),
        ]);
        out
    }

    #[test]
    fn shapes_are_read_by_the_unicode_classes() {
        let reference = |word: &str| {
            let mut out = String::new();
            for c in word.chars() {
                let class = match c {
                    c if c.is_uppercase() => 'X',
                    c if c.is_lowercase() => 'x',
                    c if c.is_numeric() => 'd',
                    c => c,
                };
                if !out.ends_with(class) {
                    out.push(class);
                }
            }
            out
        };
        for word in [
            "Jakarta", "KPU", "2024", "1/2021", "Asy'ari", "Émile", "ÉCOLE", "²³", "Ⅻ", "x--y",
            "a\0b", "ŉ", "ǅ", "",
        ] {
            assert_eq!(shape(word), reference(word), "{word:?}");
        }
    }

    #[test]
    fn features_are_the_ones_the_models_were_trained_on() {
        let words: Vec<String> = "Ä Ketua KPU-RI Hasyim Asy'ari, berbicara di Jakarta 2024 ёлка é"
            .split(' ')
            .map(String::from)
            .collect();
        for language in ["id", "en"] {
            let tokens = prepare(&words, language);
            let mut feats = Vec::new();
            for (i, word) in words.iter().enumerate() {
                features(&tokens, i, &mut feats);
                assert_eq!(feats, reference_features(&tokens, i), "{word}");
            }
        }
    }

    #[test]
    fn the_bundled_model_loads() {
        let tokens: Vec<String> = "Ketua KPU Hasyim Asy'ari berbicara di Jakarta"
            .split(' ')
            .map(String::from)
            .collect();
        assert_eq!(Model::bundled("id").tag(&tokens).len(), tokens.len());
        assert_eq!(Model::bundled("en").language, "en");
    }
}
