//! People and institutions in an article: the statistical tagger finds names, and rules over
//! the language pack's words add what a tagger alone gets wrong: acronym definitions tie short
//! and long names, a title before a name becomes a role instead of part of the name, and short
//! forms of a name are tied to the full one.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::OnceLock;

use regex::Regex;

use crate::lang::{EntityWords, Pack, Phrases};
use crate::ner::Model;
use crate::record::{Institution, Offsets, Person, Role, Span};

/// A word or punctuation mark with its byte range in the text it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Token<'a> {
    text: &'a str,
    lower: String,
    start: usize,
    end: usize,
}

fn tokenize<'a>(text: &'a str, abbreviations: &[String]) -> Vec<Token<'a>> {
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
fn keep_abbreviation_dots<'a>(
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

fn capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// An acronym or a name with inner capitals ("KPU", "KemenKominfo").
fn acronym_like(word: &str) -> bool {
    word.chars().skip(1).any(char::is_uppercase)
}

fn all_caps(word: &str) -> bool {
    word.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && word.chars().all(|c| !c.is_lowercase())
}

/// One text the entities are read from: the title (no paragraph) or a body paragraph.
struct Unit<'a> {
    paragraph: Option<usize>,
    text: &'a str,
    tokens: Vec<Token<'a>>,
    tags: Vec<&'static str>,
    /// Character positions of the text's bytes, for spans.
    offsets: Offsets,
}

/// A mention found in a unit: token range and the words as written.
#[derive(Debug, Clone)]
struct Mention {
    unit: usize,
    first: usize,
    last: usize,
    text: String,
}

/// Institution mentions looked up by the unit and token they start or end at, so that the
/// rules around each name cost the same however many mentions a paragraph holds.
struct MentionIndex<'a> {
    by_first: HashMap<(usize, usize), &'a (Mention, usize)>,
    by_last: HashMap<(usize, usize), &'a (Mention, usize)>,
}

impl<'a> MentionIndex<'a> {
    fn new(mentions: &'a [(Mention, usize)]) -> Self {
        let mut index = MentionIndex {
            by_first: HashMap::new(),
            by_last: HashMap::new(),
        };
        for entry in mentions {
            let (m, _) = entry;
            index.by_first.entry((m.unit, m.first)).or_insert(entry);
            index.by_last.entry((m.unit, m.last)).or_insert(entry);
        }
        index
    }

    fn starting_at(&self, unit: usize, token: usize) -> Option<&'a (Mention, usize)> {
        self.by_first.get(&(unit, token)).copied()
    }

    fn ending_at(&self, unit: usize, token: usize) -> Option<&'a (Mention, usize)> {
        self.by_last.get(&(unit, token)).copied()
    }
}

/// What the rules know about one article's institutions while they are being collected.
#[derive(Debug, Default)]
struct InstitutionSet {
    entries: Vec<Institution>,
    /// Words that extend a name without changing what it names ("RI").
    suffixes: Vec<String>,
    /// Short forms the article defines for titles ("Majelis Komisioner (MK)"), never bodies,
    /// with the title each stands for.
    title_aliases: Vec<(String, String)>,
    /// Words that close a company's name ("Ltd").
    tails: Vec<String>,
    /// Small words inside names ("dan").
    connectors: Vec<String>,
    /// Short forms the article defines for lower-case terms ("crude palm oil (CPO)"): things,
    /// not bodies, whatever the tagger makes of them later.
    terms: Vec<String>,
}

impl InstitutionSet {
    fn new(words: &EntityWords) -> Self {
        InstitutionSet {
            entries: Vec::new(),
            suffixes: words.name_suffixes.all.clone(),
            title_aliases: Vec::new(),
            tails: words.institution_tails.clone(),
            connectors: words.name_connectors.clone(),
            terms: Vec::new(),
        }
    }

    /// The entry whose name a short form abbreviates: "KI Pusat" for "Komisi Informasi Pusat"
    /// (initials, then the remaining words as written), "BIN" for "Badan Intelijen Negara".
    fn abbreviated(&self, form: &str, connectors: &[String]) -> Option<usize> {
        let short: Vec<String> = key(form).split(' ').map(str::to_string).collect();
        let letters: Vec<char> = short.first()?.chars().collect();
        if letters.len() < 2
            || !form
                .split_whitespace()
                .next()?
                .chars()
                .all(|c| c.is_uppercase())
        {
            return None;
        }
        self.entries.iter().position(|e| {
            let long: Vec<String> = key(&e.name)
                .split(' ')
                .filter(|w| !connectors.iter().any(|c| c == w))
                .map(str::to_string)
                .collect();
            let spelled = long.len() == letters.len() + short.len() - 1
                && long.iter().zip(&letters).all(|(w, l)| w.starts_with(*l))
                && long[letters.len()..]
                    .iter()
                    .zip(&short[1..])
                    .all(|(a, b)| a == b);
            // "PUC" for the "California Public Utilities Commission" the text calls "CPUC":
            // the initials of its last words, the tail of its acronym
            let tail = short.len() == 1
                && letters.len() >= 3
                && long.len() > letters.len()
                && long[long.len() - letters.len()..]
                    .iter()
                    .zip(&letters)
                    .all(|(w, l)| w.starts_with(*l))
                && e.acronyms
                    .iter()
                    .any(|a| key(a).ends_with(short[0].as_str()));
            spelled || tail
        })
    }

    /// A name's comparison key without trailing suffixes: "KPU RI" and "KPU" are one.
    fn core(&self, form: &str) -> String {
        crate::resolve::strip_suffixes(&key(form), &self.suffixes)
    }

    /// The entry a form belongs to (by name, acronym or mention), if any.
    fn find(&self, form: &str) -> Option<usize> {
        let core = self.core(form);
        if core.is_empty() {
            return None;
        }
        self.entries
            .iter()
            .position(|e| key_of_all(e).any(|k| self.core(&k) == core))
            .or_else(|| {
                self.entries
                    .iter()
                    .position(|e| self.opens_company(&core, &e.name))
            })
            .or_else(|| {
                self.entries
                    .iter()
                    .position(|e| self.contracts(&core, &e.name))
            })
    }

    /// "Alibaba Cloud" opens "Alibaba Cloud Private Ltd", a name closed by a company tail.
    fn opens_company(&self, form: &str, name: &str) -> bool {
        let name = key(name);
        let closed = name
            .rsplit(' ')
            .next()
            .is_some_and(|last| self.tails.iter().any(|t| t == last));
        closed && form.contains(' ') && name.starts_with(&format!("{form} "))
    }

    /// "Bareskrim" contracts "Badan Reserse Kriminal …": the opening letters of consecutive
    /// words, two words at least.
    fn contracts(&self, form: &str, name: &str) -> bool {
        fn fits(form: &str, words: &[&str], used: usize) -> bool {
            if form.is_empty() {
                return used >= 2;
            }
            let Some((word, rest)) = words.split_first() else {
                return false;
            };
            (2..=word.len().min(5)).any(|k| {
                word.is_char_boundary(k)
                    && form.starts_with(&word[..k])
                    && fits(&form[k..], rest, used + 1)
            })
        }
        if form.contains(' ') || form.len() < 5 {
            return false;
        }
        let name = key(name);
        let words: Vec<&str> = name
            .split(' ')
            .filter(|w| !self.connectors.iter().any(|c| c == w))
            .collect();
        fits(form, &words, 0)
    }

    fn add(&mut self, name: &str, acronym: Option<&str>, mention: &str) -> usize {
        let index = self
            .find(name)
            .or_else(|| acronym.and_then(|a| self.find(a)))
            .or_else(|| self.find(mention))
            .unwrap_or_else(|| {
                self.entries.push(Institution {
                    name: name.to_string(),
                    ..Institution::default()
                });
                self.entries.len() - 1
            });
        let entry = &mut self.entries[index];
        if key(name).len() > key(&entry.name).len() && !all_caps(name) {
            entry.name = name.to_string();
        }
        if let Some(acronym) = acronym {
            push_unique(&mut entry.acronyms, acronym);
        }
        push_unique(&mut entry.mentions, mention);
        index
    }
}

fn key_of_all(e: &Institution) -> impl Iterator<Item = String> + '_ {
    std::iter::once(&e.name)
        .chain(&e.acronyms)
        .chain(&e.mentions)
        .map(|f| key(f))
}

/// The comparison form of a name: case, apostrophes and punctuation ignored.
fn key(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric() || c.is_whitespace())
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn push_unique(list: &mut Vec<String>, value: &str) {
    if !list.iter().any(|v| v == value) {
        list.push(value.to_string());
    }
}

/// The longest phrase of `phrases` that the tokens spell from `at` on, in tokens.
fn phrase_at(tokens: &[Token], at: usize, phrases: &Phrases) -> usize {
    phrases.longest_at(
        tokens
            .get(at..)
            .unwrap_or_default()
            .iter()
            .map(|t| t.lower.as_str()),
    )
}

/// The longest title that ends just before `end` (exclusive), as (first token, length).
/// Where a capitalised title that opens a few tokens before `at` ends, if it runs past `at`
/// ("Direktur Utama" over "Utama"): the tokens up to there belong to the title.
fn title_running_into(tokens: &[Token], at: usize, words: &EntityWords) -> Option<usize> {
    (at.saturating_sub(4)..at)
        .filter(|&s| capitalised(tokens[s].text))
        .map(|s| s + phrase_at(tokens, s, &words.titles))
        .filter(|&e| e > at)
        .max()
}

fn title_ending_at(tokens: &[Token], end: usize, words: &EntityWords) -> Option<(usize, usize)> {
    (end.saturating_sub(5)..end)
        .filter(|&start| capitalised(tokens[start].text))
        .map(|start| (start, phrase_at(&tokens[..end], start, &words.titles)))
        .filter(|&(start, len)| len > 0 && start + len == end)
        .max_by_key(|&(_, len)| len)
}

/// Finds the people and institutions of an article's title and body.
pub fn extract(
    title: Option<&str>,
    body: &[String],
    pack: &Pack,
) -> (Vec<Person>, Vec<Institution>) {
    let model = Model::bundled(&pack.code);
    let units: Vec<Unit> = title
        .map(|t| (None, t))
        .into_iter()
        .chain(body.iter().enumerate().map(|(i, p)| (Some(i), p.as_str())))
        .map(|(paragraph, text)| {
            let tokens = tokenize(text, &pack.entities.name_abbreviations);
            let words: Vec<String> = tokens.iter().map(|t| t.text.to_string()).collect();
            let tags = model.tag(&words);
            Unit {
                paragraph,
                text,
                tokens,
                tags,
                offsets: Offsets::new(text),
            }
        })
        .collect();
    let words = &pack.entities;
    // month and weekday names and function words ("The") are never names
    let calendar: Vec<String> = pack
        .calendar
        .months
        .iter()
        .chain(&pack.calendar.weekdays)
        .flatten()
        .chain(pack.function_words())
        .cloned()
        .collect();
    let mut institutions = InstitutionSet::new(words);
    let mut institution_mentions: Vec<(Mention, usize)> = Vec::new();
    // headlines capitalise every word, so names are found in the body and only recognised in
    // the title
    let body_units = || {
        units
            .iter()
            .enumerate()
            .filter(|(_, unit)| unit.paragraph.is_some())
    };
    for (u, unit) in body_units() {
        let vocabulary = Vocabulary {
            calendar: &calendar,
            roots: crate::lang::word_list(&pack.code, "root-words"),
        };
        for (mention, index) in definitions(unit, u, words, &vocabulary, &mut institutions) {
            institution_mentions.push((mention, index));
        }
    }
    for (u, unit) in body_units() {
        let found = titled_acronyms(unit, u, words, &mut institutions, &institution_mentions);
        institution_mentions.extend(found);
    }
    // words of full names, so that a surname the tagger took for a body stays a name
    let mut name_words: HashSet<String> = HashSet::new();
    for (u, unit) in body_units() {
        let mask = covered_tokens(&institution_mentions, u, unit.tokens.len());
        let covered = |i: usize| mask.get(i).copied().unwrap_or(false);
        for (first, last) in tagged_names(unit, words, &covered)
            .into_iter()
            .chain(titled_names(unit, words, &pack.code, &covered))
        {
            if last > first {
                name_words.extend(unit.tokens[first..=last].iter().map(|t| t.lower.clone()));
            }
        }
    }
    let context = Context {
        language: &pack.code,
        words,
        calendar,
        name_words,
        common: common_words(&units),
        places: tagged_places(&units),
    };
    for (u, unit) in body_units() {
        for (mention, index) in
            named_institutions(unit, u, &context, &mut institutions, &institution_mentions)
        {
            institution_mentions.push((mention, index));
        }
    }
    for (u, unit) in units.iter().enumerate() {
        institution_mentions.extend(known_institutions(
            unit,
            u,
            words,
            &mut institutions,
            &institution_mentions,
        ));
    }
    let mut people = people(&units, &context, &institutions, &institution_mentions);
    let mut entries = institutions.entries;
    for (mention, index) in &institution_mentions {
        entries[*index]
            .spans
            .push(span(&units[mention.unit], mention));
    }
    initials_of_people(&mut people, &mut entries, &units);
    merge_company_forms(&mut entries, words);
    for entry in &mut entries {
        entry.spans.sort_by_key(reading_order);
    }
    (people, entries)
}

/// The same body under a second form: "PT Sritex Tbk" where "Sritex" is the short form of
/// "PT Sri Rejeki Isman Tbk", "Kejaksaan Agung RI" beside "Kejaksaan Agung". A form whose
/// core (without company words and country suffixes) is another entry's name or short form
/// joins that entry.
fn merge_company_forms(entries: &mut Vec<Institution>, words: &EntityWords) {
    let core = |name: &str| -> String {
        let mut parts: Vec<String> = key(name).split(' ').map(str::to_string).collect();
        while parts.len() > 1 && words.institution_tails.contains(&parts[parts.len() - 1]) {
            parts.pop();
        }
        while parts.len() > 1 {
            let lower: Vec<&str> = parts.iter().map(String::as_str).collect();
            let n = (1..parts.len()).find(|&k| {
                words.name_suffixes.longest_at(lower[k..].iter().copied()) == parts.len() - k
            });
            match n {
                Some(k) => parts.truncate(k),
                None => break,
            }
        }
        if parts.len() > 1 && parts[0] == "pt" {
            parts.remove(0);
        }
        parts.join(" ")
    };
    let mut cores: Vec<String> = entries.iter().map(|e| core(&e.name)).collect();
    let mut i = 0;
    while i < entries.len() {
        let own = &cores[i];
        // the plain form keeps the name ("Kejaksaan Agung"), a short form joins the long one
        let target = (0..entries.len()).find(|&j| {
            j != i
                && ((cores[j] == *own && entries[j].name.len() < entries[i].name.len())
                    || (entries[j].name.len() > entries[i].name.len()
                        && entries[j].acronyms.iter().any(|a| key(a) == *own)))
        });
        match target {
            Some(j) => {
                cores.remove(i);
                let merged = entries.remove(i);
                let j = if j > i { j - 1 } else { j };
                push_unique(&mut entries[j].mentions, &merged.name);
                for mention in merged.mentions {
                    push_unique(&mut entries[j].mentions, &mention);
                }
                entries[j].spans.extend(merged.spans);
            }
            None => i += 1,
        }
    }
}

/// "Hidayat Nur Wahid (HNW)": a person's initials in brackets after their name are what the
/// article calls them later ("kata HNW"), not a body the acronym names.
fn initials_of_people(people: &mut [Person], entries: &mut Vec<Institution>, units: &[Unit]) {
    for person in people.iter_mut() {
        let words: Vec<&str> = person.name.split_whitespace().collect();
        if words.len() < 2 || !words.iter().all(|w| capitalised(w)) {
            continue;
        }
        let initials: String = words.iter().filter_map(|w| w.chars().next()).collect();
        let defined = format!("{} ({initials})", person.name);
        if !units.iter().any(|unit| unit.text.contains(&defined)) {
            continue;
        }
        push_unique(&mut person.mentions, &initials);
        // the initials taken for a body's acronym are the person's
        let Some(at) = entries
            .iter()
            .position(|e| e.name == initials && e.acronyms.iter().all(|a| *a == initials))
        else {
            continue;
        };
        let entry = entries.remove(at);
        person.spans.extend(entry.spans);
        person.spans.sort_by_key(reading_order);
        person.spans.dedup();
    }
}

/// The title first, then the body's paragraphs in order.
fn reading_order(span: &Span) -> (bool, usize, usize, usize) {
    (!span.title, span.paragraph, span.start, span.end)
}

/// Where a mention is, in character offsets of its paragraph or of the title.
fn span(unit: &Unit, mention: &Mention) -> Span {
    let start = unit.tokens[mention.first].start;
    let end = unit.tokens[mention.last].end;
    Span {
        title: unit.paragraph.is_none(),
        ..unit.offsets.span(unit.paragraph.unwrap_or(0), start, end)
    }
}

fn mention(unit: &Unit, u: usize, first: usize, last: usize) -> Mention {
    Mention {
        unit: u,
        first,
        last,
        text: unit.text[unit.tokens[first].start..unit.tokens[last].end].to_string(),
    }
}

/// "Komisi Informasi Pusat (KIP)" and "Komisi Informasi Pusat atau KIP": a long name that opens
/// with an organisation head word, and its short form.
fn definitions(
    unit: &Unit,
    u: usize,
    words: &EntityWords,
    vocabulary: &Vocabulary,
    set: &mut InstitutionSet,
) -> Vec<(Mention, usize)> {
    let tokens = &unit.tokens;
    let mut found = Vec::new();
    for i in 1..tokens.len() {
        let (short_at, long_end) = match tokens[i].text {
            "(" if i + 2 < tokens.len() && tokens[i + 2].text == ")" => (i + 1, i),
            "(" if i + 3 < tokens.len()
                && tokens[i + 3].text == ")"
                && all_caps(tokens[i + 2].text) =>
            {
                (i + 1, i)
            }
            "atau" if i + 1 < tokens.len() && all_caps(tokens[i + 1].text) => (i + 1, i),
            _ => continue,
        };
        let short_last = if tokens
            .get(short_at + 1)
            .is_some_and(|t| t.text != ")" && all_caps(t.text))
            && tokens[i].text == "("
        {
            short_at + 1
        } else {
            short_at
        };
        let short = &unit.text[tokens[short_at].start..tokens[short_last].end];
        let rank = phrase_at(tokens, short_at, &words.honorifics) > 0;
        // "(Persero)", "(Tbk)": a company's legal form, not a short name
        let legal_form = words.institution_tails.contains(&short.to_lowercase());
        if !capitalised(short) || short.chars().count() > 14 || rank || legal_form {
            continue;
        }
        if title_ending_at(tokens, long_end, words).is_some() {
            // the title the short form's letters spell, else the shortest that fits: "(MK)"
            // after "Anggota Majelis Komisioner" is "Majelis Komisioner", which "Ketua MK" and
            // "Anggota MK" both use
            let fits: Vec<usize> = (long_end.saturating_sub(5)..long_end)
                .rev()
                .filter(|&s| phrase_at(&tokens[..long_end], s, &words.titles) == long_end - s)
                .collect();
            let initials = |s: usize| -> String {
                tokens[s..long_end]
                    .iter()
                    .filter_map(|t| t.text.chars().next())
                    .flat_map(char::to_lowercase)
                    .collect()
            };
            let spelled = fits
                .iter()
                .copied()
                .find(|&s| initials(s) == short.to_lowercase());
            let start = spelled.or(fits.first().copied()).unwrap_or(long_end - 1);
            let title = &unit.text[tokens[start].start..tokens[long_end - 1].end];
            if !set.title_aliases.iter().any(|(a, _)| a == short) {
                set.title_aliases
                    .push((short.to_string(), title.to_string()));
            }
            continue;
        }
        // "crude palm oil (CPO)": lower-case words whose initials spell the short form (the
        // first may carry a word the scrape glued to it: "eksporcrude palm oil(CPO)")
        let letters = short.chars().count();
        let upper = |c: char| c.to_uppercase().next().unwrap_or(c);
        let spelled_in_lower_case =
            tokens[i].text == "(" && letters >= 2 && long_end >= letters && {
                let term = &tokens[long_end - letters..long_end];
                let mut initials = short.chars().map(upper);
                let first_letter = initials.next().unwrap_or_default();
                term.iter().all(|t| t.text.starts_with(char::is_lowercase))
                    && term[0].text.chars().map(upper).any(|c| c == first_letter)
                    && term[1..]
                        .iter()
                        .filter_map(|t| t.text.chars().next())
                        .map(upper)
                        .eq(initials)
            };
        if spelled_in_lower_case {
            push_unique(&mut set.terms, short);
            continue;
        }
        let Some(first) = name_run_start(tokens, long_end, words)
            .or_else(|| company_start(tokens, long_end, words))
        else {
            continue;
        };
        if phrase_at(tokens, first, &words.titles) > 0
            && phrase_at(tokens, first, &words.institution_heads) == 0
        {
            continue;
        }
        let long = &unit.text[tokens[first].start..tokens[long_end - 1].end];
        // "Hidayat Nur Wahid (HNW)": a person's initials, not a body's acronym
        let persons_initials = tokens[i].text == "("
            && long_end >= first + letters
            && unit.tags[long_end - letters..long_end]
                .iter()
                .all(|t| t.ends_with("PER"))
            && tokens[long_end - letters..long_end]
                .iter()
                .filter_map(|t| t.text.chars().next())
                .eq(short.chars());
        if persons_initials {
            continue;
        }
        let initial = short
            .chars()
            .next()
            .unwrap_or_default()
            .to_lowercase()
            .next()
            .unwrap_or_default();
        if !long.to_lowercase().contains(initial) {
            continue;
        }
        let mut last = if tokens[i].text == "(" {
            short_last + 1
        } else {
            short_last
        };
        last += phrase_at(tokens, last + 1, &words.name_suffixes);
        // "Pengadilan Negeri (PN) Surabaya", "Direktorat Jenderal (Ditjen) Pajak": the name
        // goes on after its bracketed short form, which the rest qualifies too
        let rest = if tokens[i].text == "(" && words.place_after_body {
            name_after_bracket(unit, last + 1, words, vocabulary)
        } else {
            None
        };
        let (long, short) = match rest {
            Some(rest_last) => {
                let rest = &unit.text[tokens[last + 1].start..tokens[rest_last].end];
                last = rest_last;
                (format!("{long} {rest}"), format!("{short} {rest}"))
            }
            None => (long.to_string(), short.to_string()),
        };
        let whole = mention(unit, u, first, last);
        let index = set.add(&long, Some(&short), &whole.text);
        push_unique(&mut set.entries[index].mentions, &long);
        push_unique(&mut set.entries[index].mentions, &short);
        found.push((whole, index));
    }
    found
}

/// Words a name is told apart from: calendar and function words never are one, dictionary
/// roots capitalised after a body's short form go on with its name ("(Ditjen) Pajak").
struct Vocabulary<'a> {
    calendar: &'a [String],
    roots: &'a HashSet<String>,
}

/// The last token of the rest of a body's name, or of its place, from `at` on (at most four
/// words: what the tagger marks as a body or place, or a capitalised dictionary word); not
/// another body ("(DJP) Kementerian Keuangan", "(PKS) DPR").
fn name_after_bracket(
    unit: &Unit,
    at: usize,
    words: &EntityWords,
    vocabulary: &Vocabulary,
) -> Option<usize> {
    let tokens = &unit.tokens;
    let named = |k: usize| {
        let Some(token) = tokens.get(k) else {
            return false;
        };
        let another_body = phrase_at(tokens, k, &words.institution_heads) > 0
            || words
                .institution_prefixes
                .iter()
                .any(|p| token.lower.starts_with(p.as_str()));
        if another_body {
            return false;
        }
        let tag = unit.tags[k];
        let marked = tag.ends_with("LOC") || tag.ends_with("ORG");
        let plain_word = tag == "O"
            && vocabulary.roots.contains(&token.lower)
            && !vocabulary.calendar.contains(&token.lower);
        (marked || plain_word) && capitalised(token.text) && !all_caps(token.text)
    };
    (at..at + 4).take_while(|&k| named(k)).last()
}

/// "Direktur Eksekutif ELSAM Wahyudi Djafar": an acronym between a title and a name is the
/// organisation the title is held at, defined or not.
fn titled_acronyms(
    unit: &Unit,
    u: usize,
    words: &EntityWords,
    set: &mut InstitutionSet,
    known: &[(Mention, usize)],
) -> Vec<(Mention, usize)> {
    let tokens = &unit.tokens;
    let mask = covered_tokens(known, u, tokens.len());
    let mut found = Vec::new();
    for i in 0..tokens.len() {
        let len = phrase_at(tokens, i, &words.titles);
        let at = i + len;
        if len == 0 || !capitalised(tokens[i].text) || at >= tokens.len() || mask[at] {
            continue;
        }
        let text = tokens[at].text;
        let before_name = acronym_before_name(tokens, at)
            || (all_caps(text)
                && tokens.get(at + 1).is_some_and(|t| t.text == ",")
                && tokens.get(at + 2).is_some_and(|t| capitalised(t.text)));
        // the name after it is one the tagger sees: "Direktur PT Astra Otoparts" is no case
        let name_follows = unit.tags.get(at + 1).is_some_and(|t| t.ends_with("PER"))
            || unit.tags.get(at + 2).is_some_and(|t| t.ends_with("PER"));
        let other_word = phrase_at(tokens, at, &words.honorifics) > 0
            || phrase_at(tokens, at, &words.institution_heads) > 0
            || !name_follows
            || words.name_suffixes.has_word(text)
            || set.title_aliases.iter().any(|(a, _)| a == text);
        if !before_name || other_word || set.find(text).is_some() {
            continue;
        }
        let m = mention(unit, u, at, at);
        let index = set.add(text, None, text);
        found.push((m, index));
    }
    found
}

/// The last token of a run of two to four capitalised words from `start` that ends in an
/// organisation's head word, as English names put it ("Election Commission"); a run that goes
/// on past the head word ("Peraturan Komisi Informasi Nomor …") is not one.
fn head_closed_run(
    tokens: &[Token],
    start: usize,
    words: &EntityWords,
    calendar: &[String],
    covered: &dyn Fn(usize) -> bool,
) -> Option<usize> {
    let plain = |i: usize| {
        tokens.get(i).is_some_and(|t| {
            capitalised(t.text)
                && !covered(i)
                && phrase_at(tokens, i, &words.titles) == 0
                && !calendar.iter().any(|w| w.eq_ignore_ascii_case(t.text))
        })
    };
    // "A Liberal Party plan": an article opening the sentence is no part of the name
    if !plain(start) || words.determiners.contains(&tokens[start].lower) {
        return None;
    }
    let mut end = start + 1;
    while plain(end) {
        end += 1;
    }
    let last = end - 1;
    (last > start && end - start <= 4 && words.institution_heads.has_word(tokens[last].text))
        .then_some(last)
}

/// Where the organisation name that ends before `end` begins: the first head word of the run
/// of capitalised words (and connectors) before it.
fn name_run_start(tokens: &[Token], end: usize, words: &EntityWords) -> Option<usize> {
    let mut start = end;
    while start > 0 {
        let t = tokens[start - 1].text;
        let connector = words.name_connectors.iter().any(|c| c == t);
        if capitalised(t) || (connector && start < end) {
            start -= 1;
        } else {
            break;
        }
    }
    (start..end).rev().find(|&i| {
        capitalised(tokens[i].text)
            && phrase_at(tokens, i, &words.institution_heads) > 0
            && end - i >= 2
    })
}

/// Institutions named without a definition: a run of capitalised words opening with a head
/// word, an acronym the article defined, or an organisation the tagger found.
/// What the rules know of the whole article while they read one paragraph.
struct Context<'a> {
    language: &'a str,
    words: &'a EntityWords,
    /// Month and weekday names and function words, which are never names.
    calendar: Vec<String>,
    /// Words of full names found in the article.
    name_words: HashSet<String>,
    /// Words the article writes in lower case: common words, not names.
    common: HashSet<String>,
    /// One-word places the tagger marks somewhere in the article: the same word marked as a
    /// body elsewhere is the place still ("the Kabul government").
    places: HashSet<String>,
}

fn tagged_places(units: &[Unit]) -> HashSet<String> {
    // how often each word stands alone as a place, less how often alone as a body
    let mut leaning: HashMap<String, i32> = HashMap::new();
    for unit in units {
        for k in 0..unit.tokens.len() {
            let (tag, next) = (unit.tags[k], unit.tags.get(k + 1).copied().unwrap_or("O"));
            let vote = match (tag, next) {
                ("B-LOC", n) if n != "I-LOC" => 1,
                ("B-ORG", n) if n != "I-ORG" => -1,
                _ => continue,
            };
            *leaning.entry(unit.tokens[k].lower.clone()).or_default() += vote;
        }
    }
    leaning
        .into_iter()
        .filter(|&(_, lean)| lean > 0)
        .map(|(word, _)| word)
        .collect()
}

fn common_words(units: &[Unit]) -> HashSet<String> {
    units
        .iter()
        .filter(|unit| unit.paragraph.is_some())
        .flat_map(|unit| unit.tokens.iter())
        .filter(|t| t.text.chars().next().is_some_and(char::is_lowercase))
        .map(|t| t.text.to_string())
        .collect()
}

fn named_institutions(
    unit: &Unit,
    u: usize,
    context: &Context,
    set: &mut InstitutionSet,
    known: &[(Mention, usize)],
) -> Vec<(Mention, usize)> {
    let (words, calendar, name_words) = (context.words, &context.calendar, &context.name_words);
    let tokens = &unit.tokens;
    let mask = covered_tokens(known, u, unit.tokens.len());
    let covered = |i: usize| mask.get(i).copied().unwrap_or(false);
    let mut found = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if covered(i) || !capitalised(tokens[i].text) {
            i += 1;
            continue;
        }
        // a defined acronym, with an optional suffix ("KPU RI")
        if let Some(index) = set
            .find(tokens[i].text)
            .filter(|_| all_caps(tokens[i].text) || tokens[i].text.len() <= 6)
        {
            let suffix = (1..=2)
                .rev()
                .find(|&n| phrase_at(tokens, i + 1, &words.name_suffixes) == n)
                .unwrap_or(0);
            let m = mention(unit, u, i, i + suffix);
            if suffix > 0 {
                push_unique(&mut set.entries[index].acronyms, &m.text);
            }
            push_unique(&mut set.entries[index].mentions, &m.text);
            found.push((m, index));
            i += suffix + 1;
            continue;
        }
        if set.title_aliases.iter().any(|(a, _)| a == tokens[i].text) {
            i += 1;
            continue;
        }
        // a short form of a known name: "KI Pusat"
        let abbreviation = (0..3).rev().find_map(|extra| {
            let last = i + extra;
            if !tokens.get(last)?.text.chars().any(char::is_alphanumeric) {
                return None;
            }
            let form = &unit.text[tokens[i].start..tokens[last].end];
            set.abbreviated(form, &words.name_connectors)
                .map(|index| (last, index))
        });
        if let Some((last, index)) = abbreviation {
            let m = mention(unit, u, i, last);
            push_unique(&mut set.entries[index].acronyms, &m.text);
            push_unique(&mut set.entries[index].mentions, &m.text);
            found.push((m, index));
            i = last + 1;
            continue;
        }
        // a body news names without a head word ("Reuters", "the White House"), unless it
        // only opens a longer name ("Apple Daily")
        let known = phrase_at(tokens, i, &words.known_bodies);
        let as_listed = known > 0 && {
            let written: Vec<&str> = tokens[i..i + known].iter().map(|t| t.text).collect();
            words.known_bodies.all.contains(&written.join(" "))
        };
        // "LONDON (AP) —": the agency's credit that opens an article is a byline, not a mention
        let credit = unit.paragraph == Some(0)
            && i <= 4
            && i > 0
            && tokens[i - 1].text == "("
            && tokens.get(i + known).is_some_and(|t| t.text == ")");
        if credit {
            i += known;
            continue;
        }
        if as_listed && !opens_longer_name(tokens, i + known, words) {
            let m = mention(unit, u, i, i + known - 1);
            let index = set.add(&m.text, None, &m.text);
            found.push((m, index));
            i += known;
            continue;
        }
        // a head-word run: "Komisi Informasi Pusat", "Kementerian Koordinator Bidang …"
        if phrase_at(tokens, i, &words.institution_heads) > 0
            && phrase_at(tokens, i, &words.titles) == 0
        {
            let mut end = i + 1;
            while end < tokens.len() && !covered(end) {
                let t = tokens[end].text;
                let breaks = words.name_breaks.iter().any(|b| t.eq_ignore_ascii_case(b));
                // "… Polri dan KemenKominfo": a connector before another body's name ends this one
                let connector = words.name_connectors.iter().any(|c| c == t)
                    && tokens.get(end + 1).is_some_and(|n| {
                        capitalised(n.text)
                            && !acronym_like(n.text)
                            && phrase_at(tokens, end + 1, &words.institution_heads) == 0
                            && !calendar.iter().any(|w| w.eq_ignore_ascii_case(n.text))
                    });
                // "Pengadilan Negeri Semarang pada Senin": a day or month ends the name (the
                // list's function words are lower case inside a name, and never break it)
                let calendar = capitalised(t) && calendar.iter().any(|w| w.eq_ignore_ascii_case(t));
                // "Polres Lhokseumawe AKP Yasir": a rank starts the person's name
                if breaks || calendar || phrase_at(tokens, end, &words.honorifics) > 0 {
                    break;
                }
                // "PT Evoluzione Alessandro Monzani": a name the tagger sees ends the body's
                let person = end > i + 1 && unit.tags[end] == "B-PER";
                if person {
                    break;
                }
                if (capitalised(t) && phrase_at(tokens, end, &words.titles) == 0) || connector {
                    end += 1;
                } else {
                    break;
                }
                // "PT Astra Otoparts Tbk": a company's tail word closes its name
                if words
                    .institution_tails
                    .iter()
                    .any(|tail| tail.eq_ignore_ascii_case(t))
                {
                    break;
                }
            }
            // "Badan Hukum LSM Yayasan …": a head-word run right before a known name describes it
            let describes = end < tokens.len() && covered(end);
            if describes {
                i = end;
                continue;
            }
            if end - i >= 2 {
                let m = mention(unit, u, i, end - 1);
                let index = set.add(&m.text, None, &m.text);
                found.push((m, index));
                i = end;
                continue;
            }
        }
        // a run closed by a head word: "Election Commission", "Supreme Court"
        if let Some(last) = head_closed_run(tokens, i, words, calendar, &covered) {
            // "American University of Kabul": the part after the head word, head-first style
            let last = if words.body_before_title {
                let stop = |k: usize| {
                    covered(k)
                        || calendar
                            .iter()
                            .any(|w| w.eq_ignore_ascii_case(tokens[k].text))
                };
                of_part_end(tokens, last + 1, words, &stop) - 1
            } else {
                last
            };
            let m = mention(unit, u, i, last);
            let index = set.add(&m.text, None, &m.text);
            found.push((m, index));
            i = last + 1;
            continue;
        }
        // a company closed by a tail word: "Alibaba Cloud Private Ltd" (not from the last
        // word of a title: "Direktur Utama PT …" opens at "PT")
        let inside_title = title_running_into(tokens, i, words).is_some();
        if let Some(end) = company_end(tokens, i, words).filter(|_| !inside_title) {
            // "Saham PT Sinra Tbk": the company opens at its head word
            let start = (i..end)
                .find(|&k| phrase_at(&tokens[..=end], k, &words.institution_heads) > 0)
                .unwrap_or(i);
            let m = mention(unit, u, start, end);
            let index = set.add(&m.text, None, &m.text);
            found.push((m, index));
            i = end + 1;
            continue;
        }
        // "ELSAM dan Cyberity": a name coordinated with a known institution is one too
        let coordinated = |j: Option<usize>| {
            j.is_some_and(|j| {
                covered(j) || tokens.get(j).is_some_and(|t| set.find(t.text).is_some())
            })
        };
        let next_is_single = tokens.get(i + 1).is_none_or(|t| !capitalised(t.text));
        let previous_is_single = i == 0 || !capitalised(tokens[i - 1].text);
        let coordinator = |t: &Token| words.coordinators.iter().any(|c| c == t.text);
        let joined_after = tokens.get(i + 1).is_some_and(coordinator) && coordinated(Some(i + 2));
        let joined_before = i >= 2 && coordinator(&tokens[i - 1]) && coordinated(Some(i - 2));
        let calendar_word = calendar
            .iter()
            .any(|w| w.eq_ignore_ascii_case(tokens[i].text));
        if next_is_single
            && previous_is_single
            && !all_caps(tokens[i].text)
            && !calendar_word
            && (joined_after || joined_before)
        {
            let m = mention(unit, u, i, i);
            let index = set.add(&m.text, None, &m.text);
            found.push((m, index));
            i += 1;
            continue;
        }
        // "Alibaba Cloud" taken for a person, though the article writes "cloud" in lower case:
        // a name with a common word in it is a body's or a product's, not a person's
        if unit.tags[i] == "B-PER" && !context.common.contains(&tokens[i].lower) {
            let mut end = i + 1;
            while end < tokens.len() && unit.tags[end] == "I-PER" && !covered(end) {
                end += 1;
            }
            if end - i >= 2
                && tokens[i + 1..end]
                    .iter()
                    .any(|t| context.common.contains(&t.lower))
            {
                let m = mention(unit, u, i, end - 1);
                let index = set.add(&m.text, None, &m.text);
                found.push((m, index));
                i = end;
                continue;
            }
        }
        // a contracted ministry or local government: "Kemenkopolhukam", "KemenKominfo"
        let contracted = words
            .institution_prefixes
            .iter()
            .any(|p| tokens[i].lower.starts_with(p.as_str()) && tokens[i].lower.len() > p.len() + 2)
            // a listed one standing alone: "Kejati menahan …" ("Kejati Jawa Barat" is a run)
            || (words.contracted_names.contains(&tokens[i].lower)
                && tokens.get(i + 1).is_none_or(|t| !capitalised(t.text)));
        if contracted {
            let m = mention(unit, u, i, i);
            let index = set.add(&m.text, None, &m.text);
            found.push((m, index));
            i += 1;
            continue;
        }
        // an organisation the tagger found
        if unit.tags[i] == "B-ORG" {
            let mut end = i + 1;
            while end < tokens.len() && unit.tags[end] == "I-ORG" && !covered(end) {
                end += 1;
            }
            let connector = |t: &Token| words.name_connectors.contains(&t.lower);
            let calendar_word = |t: &Token| capitalised(t.text) && calendar.contains(&t.lower);
            // "House Select Committee on Intelligence": a head word's "of"/"on" part the tagger
            // left out, in languages that name bodies head first
            if words.body_before_title && head_ends(tokens, end, words) {
                end = of_part_end(tokens, end, words, &|k| {
                    covered(k) || calendar_word(&tokens[k])
                });
            }
            let span_end = end;
            // the tagger runs on into a clause ("Trump tweeted before Election Day"): a name
            // ends at its first lower-case word that is no connector, and opens after "The";
            // nor is a day or month part of it ("Statehouse on Tuesday")
            if let Some(k) = (i + 1..end).find(|&k| {
                (!capitalised(tokens[k].text) && !connector(&tokens[k]))
                    || calendar_word(&tokens[k])
            }) {
                end = k;
            }
            while end > i + 1 && connector(&tokens[end - 1]) {
                end -= 1;
            }
            if words.determiners.contains(&tokens[i].lower) && end > i + 1 {
                i += 1;
            }
            // "Direktur Utama PT …" where the tagger starts at "Utama": the end of a title
            // that opens before the span is no part of the body's name
            if let Some(title_end) =
                title_running_into(&tokens[..end], i, words).filter(|&e| e < end)
            {
                i = title_end;
            }
            // "Majelis Kehormatan KIP RI": a body's organ, then the body by its acronym; the
            // acronym stands on its own and the organ ends before it
            let acronym_at = (i + 1..end).find(|&k| {
                all_caps(tokens[k].text)
                    && phrase_at(tokens, k + 1, &words.name_suffixes) == end - k - 1
            });
            if let Some(k) = acronym_at.filter(|&k| phrase_at(tokens, k, &words.name_suffixes) == 0)
            {
                let whole = mention(unit, u, k, end - 1);
                let index = set.add(&whole.text, None, &whole.text);
                found.push((whole, index));
                end = k;
            }
            // "DPRD Jawa Timur": the place right after a body names its regional branch
            let mut span_end = span_end;
            if words.place_after_body
                && end == span_end
                && unit.tags.get(end) == Some(&"B-LOC")
                && !covered(end)
            {
                end += 1;
                while unit.tags.get(end) == Some(&"I-LOC") && !covered(end) {
                    end += 1;
                }
                span_end = end;
            }
            // "Ukrainian President Zelensky": a title inside the span opens a person's name;
            // a single word before it is a nationality or a place, no body
            if let Some(k) = (i + 1..end).find(|&k| {
                let len = phrase_at(&tokens[..end], k, &words.titles);
                len > 0
                    && capitalised(tokens[k].text)
                    && k + len < end
                    && name_words.contains(&tokens[k + len].lower)
            }) {
                end = k;
                if end == i + 1 && !all_caps(tokens[i].text) {
                    i = span_end;
                    continue;
                }
            }
            // a work's title in quotation marks ("“We're Not Gonna Take It”") is no body
            let quoted_work = i > 0 && OPENING_QUOTES.contains(&tokens[i - 1].text) && {
                let run_end = (i..tokens.len())
                    .find(|&k| !capitalised(tokens[k].text) && !connector(&tokens[k]))
                    .unwrap_or(tokens.len());
                tokens
                    .get(run_end)
                    .is_some_and(|t| CLOSING_QUOTES.contains(&t.text))
            };
            // "our Country!": a word alone that the article also writes in lower case is a
            // common word, no body's name
            let common_word = end == i + 1
                && !acronym_like(tokens[i].text)
                && context.common.contains(&tokens[i].lower);
            let m = mention(unit, u, i, end - 1);
            let only_suffix = set.core(&m.text).is_empty();
            let known_place = end == i + 1
                && !acronym_like(tokens[i].text)
                && context.places.contains(&tokens[i].lower);
            let web_address = m.text.contains('.') && !m.text.ends_with('.');
            let calendar_word = calendar.iter().any(|w| w.eq_ignore_ascii_case(&m.text));
            // "(KPU RI) August Melasz": what directly follows a known body is not another one
            let follows_institution = i > 0 && covered(i - 1);
            let part_of_a_name = tokens[i..end].iter().all(|t| name_words.contains(&t.lower));
            // a rank ("AKBP") or a head word alone ("PT") names no body
            let rank = phrase_at(tokens, i, &words.honorifics) == end - i;
            let bare_head = phrase_at(tokens, i, &words.institution_heads) == end - i;
            let term = set.terms.contains(&m.text);
            if phrase_at(tokens, i, &words.titles) == 0
                && !term
                && !quoted_work
                && !known_place
                && !common_word
                && !rank
                && !bare_head
                && m.text.chars().count() > 2
                && !only_suffix
                && !web_address
                && !calendar_word
                && !follows_institution
                && !part_of_a_name
            {
                let index = set.add(&m.text, None, &m.text);
                found.push((m, index));
            }
            i = span_end;
            continue;
        }
        i += 1;
    }
    found
}

/// Whether a capitalised word at `at` carries a name on: not a title, a rank or a person's
/// name the tagger marked ("White House Press Secretary Ann Lee" ends the body at "House").
fn opens_longer_name(tokens: &[Token], at: usize, words: &EntityWords) -> bool {
    tokens.get(at).is_some_and(|t| capitalised(t.text))
        && (phrase_at(tokens, at, &words.institution_heads) > 0
            || (phrase_at(tokens, at, &words.titles) == 0
                && phrase_at(tokens, at, &words.honorifics) == 0))
}

const OPENING_QUOTES: [&str; 4] = ["\"", "“", "‘", "'"];
const CLOSING_QUOTES: [&str; 4] = ["\"", "”", "’", "'"];

/// Whether the token before `end` is an organisation head word ("Committee", "University").
fn head_ends(tokens: &[Token], end: usize, words: &EntityWords) -> bool {
    end > 0 && phrase_at(tokens, end - 1, &words.institution_heads) == 1
}

/// Where a name that goes on after its head word with a connector ends ("University of
/// Kabul", "Committee on Intelligence"): through capitalised words and connectors, ending on a
/// capitalised word, at most six words on; `end` itself where nothing follows.
fn of_part_end(
    tokens: &[Token],
    end: usize,
    words: &EntityWords,
    stop: &dyn Fn(usize) -> bool,
) -> usize {
    let opens = tokens.get(end).is_some_and(|t| {
        words.name_connectors.contains(&t.lower) && !words.coordinators.contains(&t.lower)
    });
    if !opens {
        return end;
    }
    let mut last = end;
    let reach = (end + 7).min(tokens.len());
    for (k, t) in tokens.iter().enumerate().take(reach).skip(end + 1) {
        if stop(k) {
            break;
        }
        if capitalised(t.text) {
            last = k + 1;
        } else if !words.name_connectors.contains(&t.lower) {
            break;
        }
    }
    last
}

/// Later mentions of institutions already known: acronyms, names, in the title too.
fn known_institutions(
    unit: &Unit,
    u: usize,
    words: &EntityWords,
    set: &mut InstitutionSet,
    known: &[(Mention, usize)],
) -> Vec<(Mention, usize)> {
    let mask = covered_tokens(known, u, unit.tokens.len());
    let covered = |i: usize| mask.get(i).copied().unwrap_or(false);
    let mut found = Vec::new();
    let mut i = 0;
    while i < unit.tokens.len() {
        let token = &unit.tokens[i];
        if covered(i) || !capitalised(token.text) {
            i += 1;
            continue;
        }
        if let Some(index) = set.find(token.text) {
            let m = mention(unit, u, i, i);
            push_unique(&mut set.entries[index].mentions, &m.text);
            found.push((m, index));
            i += 1;
            continue;
        }
        // the first word of a known name that opens with no head word: "Alibaba" for
        // "Alibaba Cloud"
        let opens = set.entries.iter().position(|e| {
            let name = key(&e.name);
            let mut parts = name.split(' ');
            // ("Indiana" does not stand for "Indiana State Teachers Association": a name
            // closed by a head word is named by its head)
            let closed_by_head = name
                .rsplit(' ')
                .next()
                .is_some_and(|last| words.institution_heads.longest_at(std::iter::once(last)) == 1);
            parts.next() == Some(token.lower.as_str())
                && parts.next().is_some()
                && !closed_by_head
                && phrase_at(&unit.tokens, i, &words.institution_heads) == 0
                && !all_caps(&e.name)
        });
        if let (Some(index), false) = (
            opens,
            unit.tokens.get(i + 1).is_some_and(|t| capitalised(t.text)),
        ) {
            let m = mention(unit, u, i, i);
            push_unique(&mut set.entries[index].mentions, &m.text);
            found.push((m, index));
            i += 1;
            continue;
        }
        // the opening words of a company's name: "Alibaba Cloud" for "Alibaba Cloud Private Ltd"
        match company_prefix(&unit.tokens, i, words, set, &covered) {
            Some((last, index)) => {
                let m = mention(unit, u, i, last);
                push_unique(&mut set.entries[index].mentions, &m.text);
                found.push((m, index));
                i = last + 1;
            }
            None => i += 1,
        }
    }
    found
}

/// The longest run from `start` that opens the name of a known company (a name closed by a
/// tail word such as Ltd or Tbk), and that company.
fn company_prefix(
    tokens: &[Token],
    start: usize,
    words: &EntityWords,
    set: &InstitutionSet,
    covered: &dyn Fn(usize) -> bool,
) -> Option<(usize, usize)> {
    if phrase_at(tokens, start, &words.institution_heads) > 0 {
        return None;
    }
    let mut best = None;
    let mut end = start;
    while end < tokens.len() && end - start < 4 && capitalised(tokens[end].text) && !covered(end) {
        let run: Vec<&str> = tokens[start..=end]
            .iter()
            .map(|t| t.lower.as_str())
            .collect();
        let company = set.entries.iter().position(|e| {
            let name: Vec<String> = key(&e.name).split(' ').map(str::to_string).collect();
            let closed = name
                .last()
                .is_some_and(|w| words.institution_tails.iter().any(|t| t == w));
            closed && name.len() > run.len() && name.iter().zip(&run).all(|(a, b)| a == b)
        });
        if let Some(index) = company {
            best = Some((end, index));
        }
        end += 1;
    }
    best
}

/// Where a company name that ends with a tail word just before `end` begins.
fn company_start(tokens: &[Token], end: usize, words: &EntityWords) -> Option<usize> {
    let last = tokens.get(end.checked_sub(1)?)?;
    if !words
        .institution_tails
        .iter()
        .any(|t| t.eq_ignore_ascii_case(last.text))
    {
        return None;
    }
    let mut start = end - 1;
    while start > 0 && end - start < 6 && capitalised(tokens[start - 1].text) {
        start -= 1;
    }
    // "Direktur Utama PT Sinar Baja Tbk": the company opens at its head word
    if let Some(head) =
        (start..end - 1).rfind(|&k| phrase_at(&tokens[..end], k, &words.institution_heads) > 0)
    {
        start = head;
    }
    (end - start >= 2).then_some(start)
}

/// The last token of a capitalised run from `start` that ends in a company tail word.
fn company_end(tokens: &[Token], start: usize, words: &EntityWords) -> Option<usize> {
    // "Direktur PT Astra Otoparts Tbk": the title is the person's, the company starts after it
    if phrase_at(tokens, start, &words.titles) > 0 {
        return None;
    }
    let mut end = start;
    // "Pacific Gas & Electric Co"
    let in_name = |t: &Token| capitalised(t.text) || t.text == "&";
    while end < tokens.len() && end - start < 6 && in_name(&tokens[end]) {
        if end > start
            && words
                .institution_tails
                .iter()
                .any(|t| t.eq_ignore_ascii_case(tokens[end].text))
        {
            return Some(end);
        }
        end += 1;
    }
    None
}

/// Which tokens of unit `u` lie inside one of the mentions.
fn covered_tokens(mentions: &[(Mention, usize)], u: usize, tokens: usize) -> Vec<bool> {
    let mut mask = vec![false; tokens];
    for (m, _) in mentions.iter().filter(|(m, _)| m.unit == u) {
        for slot in mask.iter_mut().take(m.last + 1).skip(m.first) {
            *slot = true;
        }
    }
    mask
}

/// A person being collected: the mentions found and roles read before them.
#[derive(Debug, Default)]
struct PersonDraft {
    /// Each mention, as written, and whether it is a nickname.
    mentions: Vec<(Mention, String, bool)>,
    roles: Vec<Role>,
}

fn people(
    units: &[Unit],
    context: &Context,
    institutions: &InstitutionSet,
    taken: &[(Mention, usize)],
) -> Vec<Person> {
    let words = context.words;
    let index = MentionIndex::new(taken);
    let mut found: Vec<(Mention, Option<Role>)> = Vec::new();
    let lower_case_words = &context.common;
    // a language's common words open no name, unless they are given names too
    let dictionary = crate::lang::word_list(context.language, "common-words");
    let given = crate::lang::word_list(context.language, "given-names");
    let institution_words: HashSet<String> = institutions
        .entries
        .iter()
        .flat_map(|e| e.name.split_whitespace().skip(1))
        .map(str::to_lowercase)
        .collect();
    for (u, unit) in units
        .iter()
        .enumerate()
        .filter(|(_, unit)| unit.paragraph.is_some())
    {
        let mask = covered_tokens(taken, u, unit.tokens.len());
        let covered = |i: usize| mask.get(i).copied().unwrap_or(false);
        let mut spans = tagged_names(unit, words, &covered);
        let mut untagged = Vec::new();
        for titled in titled_names(unit, words, context.language, &covered) {
            // the tagged spans are in order: those overlapping start at the first not ending
            // before this one
            let from = spans.partition_point(|s| s.1 < titled.0);
            let overlapping: Vec<usize> = (from..spans.len())
                .take_while(|&k| spans[k].0 <= titled.1)
                .collect();
            match overlapping[..] {
                [] => untagged.push(titled),
                // where both find a name, the later start drops what the other took in: the
                // tagger's "Jawa Barat Ridwan Kamil", the title rule's "Keuangan Sri Mulyani"
                [k] => spans[k] = (spans[k].0.max(titled.0), spans[k].1.max(titled.1)),
                // the tagger split what the title rule ran together: "Facebook" "Mark Zuckerberg"
                _ => {}
            }
        }
        spans.extend(untagged);
        spans.sort_unstable();
        let spans = without_title_objects(unit, spans, words);
        for (mut first, last) in spans {
            let text = &unit.text[unit.tokens[first].start..unit.tokens[last].end];
            // a word the article also writes in lower case is a common word, not a name
            // ("Will Moy": a given name opening a longer name stays a name)
            let opens_with_given = last > first && given.contains(&unit.tokens[first].lower);
            let skip_first = usize::from(opens_with_given);
            let common = unit.tokens[first + skip_first..=last]
                .iter()
                .any(|t| lower_case_words.contains(&t.text.to_lowercase()))
                || (dictionary.contains(&unit.tokens[first].lower)
                    && !given.contains(&unit.tokens[first].lower));
            // "AS (Autonomous System)": the spelled-out acronym before the bracket is no name
            let expands = first >= 2
                && unit.tokens[first - 1].text == "("
                && all_caps(unit.tokens[first - 2].text)
                && unit.tokens[first - 2].text.chars().count() == last - first + 1
                && unit.tokens[first..=last]
                    .iter()
                    .zip(unit.tokens[first - 2].text.chars())
                    .all(|(t, c)| t.text.starts_with(c));
            let never = first == last
                && context
                    .calendar
                    .iter()
                    .any(|w| w.eq_ignore_ascii_case(unit.tokens[first].text));
            if institutions.find(text).is_some() || common || expands || never {
                continue;
            }
            // "Wakil Direktur Utama": a title that began before the name runs into it
            if let Some(title_end) = title_running_into(&unit.tokens, first, words) {
                if title_end > last {
                    continue;
                }
                first = title_end;
            }
            // "Kentucky GOP Gov. Matt Bevin": an abbreviated title inside the span opens the name
            if let Some(after) = (first + 1..last).find_map(|k| {
                let len = phrase_at(&unit.tokens[..last], k, &words.titles);
                let abbreviated = len > 0 && unit.tokens[k + len - 1].text.ends_with('.');
                abbreviated.then_some(k + len)
            }) {
                first = after;
            }
            // "Kajari Lhoksukon Teuku Rahmatsyah" where the article names "Kejari Lhoksukon":
            // a leading word of one of its institutions is the office's, not the person's
            while first < last
                && institution_words.contains(&unit.tokens[first].lower)
                && !given.contains(&unit.tokens[first].lower)
            {
                first += 1;
            }
            let role = role_before(unit, first, context, institutions, &index, u)
                .or_else(|| role_after(unit, last, words, institutions, &index, u));
            found.push((mention(unit, u, first, last), role));
        }
    }
    share_roles_in_lists(&mut found, units, words);
    hand_roles_to_apposed_names(&mut found, units);
    let nicknames = bracketed_nicknames(units, &mut found);
    found.extend(short_forms(units, &found, taken));
    group_people(found, &nicknames, units)
}

/// "Kuasa hukum Andi, Budi Santoso": a title before one name, then a comma and a second name,
/// is the second person's ("the lawyer of Andi, Budi"); the first keeps no role from it.
/// "Majelis Hakim A, B, dan C": the names a list after one title ends with a coordinator
/// all hold that title (a comma alone is an apposition, see below).
fn share_roles_in_lists(
    found: &mut [(Mention, Option<Role>)],
    units: &[Unit],
    words: &EntityWords,
) {
    let mut i = 0;
    while i < found.len() {
        let mut j = i;
        let mut coordinated = false;
        while j + 1 < found.len() && !coordinated {
            let (a, b) = (&found[j].0, &found[j + 1].0);
            if a.unit != b.unit || b.first <= a.last {
                break;
            }
            let between: Vec<&str> = units[a.unit].tokens[a.last + 1..b.first]
                .iter()
                .map(|t| t.lower.as_str())
                .collect();
            match between[..] {
                [","] => {}
                [c] | [",", c] if words.coordinators.iter().any(|w| w == c) => coordinated = true,
                _ => break,
            }
            j += 1;
        }
        let unheld = found[i + 1..=j].iter().all(|(_, role)| role.is_none());
        if coordinated && unheld && found[i].1.is_some() {
            let role = found[i].1.clone();
            for (_, held) in &mut found[i + 1..=j] {
                *held = role.clone();
            }
        }
        i = j + 1;
    }
}

fn hand_roles_to_apposed_names(found: &mut [(Mention, Option<Role>)], units: &[Unit]) {
    for i in 1..found.len() {
        let (before, after) = found.split_at_mut(i);
        let (first, first_role) = &mut before[i - 1];
        let (second, second_role) = &mut after[0];
        let apposed = first.unit == second.unit
            && second.first == first.last + 2
            && units[first.unit].tokens[first.last + 1].text == ",";
        // names that share a title in a list keep it each
        let shared = first_role.is_some() && first_role == second_role;
        let Some(role) = first_role.as_ref().filter(|_| apposed && !shared) else {
            continue;
        };
        let takes_it = second_role
            .as_ref()
            .is_none_or(|r| r.title.starts_with(&role.title) && r.institution.is_none());
        if takes_it {
            *second_role = first_role.take();
        }
    }
}

/// "Muhammad Abdullah (Gus Dullah)": a name in brackets right after a person's name is what
/// the text calls them too. Adds the bracketed mention where the tagger missed it; returns
/// each nickname's key with the key of the name it stands for.
fn bracketed_nicknames(
    units: &[Unit],
    found: &mut Vec<(Mention, Option<Role>)>,
) -> BTreeMap<String, String> {
    let mut nicknames = BTreeMap::new();
    let mut added = Vec::new();
    for (m, _) in found.iter() {
        let tokens = &units[m.unit].tokens;
        if tokens.get(m.last + 1).is_none_or(|t| t.text != "(") {
            continue;
        }
        let first = m.last + 2;
        let Some(close) = (first..tokens.len().min(first + 4)).find(|&i| tokens[i].text == ")")
        else {
            continue;
        };
        let words = &tokens[first..close];
        let name_like = !words.is_empty()
            && words.iter().all(|t| {
                capitalised(t.text) && !all_caps(t.text) && t.text.chars().all(char::is_alphabetic)
            });
        if !name_like {
            continue;
        }
        let nickname = mention(&units[m.unit], m.unit, first, close - 1);
        nicknames.insert(key(&nickname.text), key(&m.text));
        let known = found
            .iter()
            .any(|(other, _)| other.unit == m.unit && other.first == first);
        if !known {
            added.push((nickname, None));
        }
    }
    found.extend(added);
    nicknames
}

/// Names the tagger marks PER, without the titles and words of address it sometimes takes in.
fn tagged_names(
    unit: &Unit,
    words: &EntityWords,
    covered: &dyn Fn(usize) -> bool,
) -> Vec<(usize, usize)> {
    let tags = &unit.tags;
    let mut spans = Vec::new();
    let mut i = 0;
    while i < unit.tokens.len() {
        let starts_name = tags[i] == "B-PER"
            || (tags[i] == "I-PER" && (i == 0 || !tags[i - 1].ends_with("PER") || covered(i - 1)));
        if !starts_name || covered(i) {
            i += 1;
            continue;
        }
        let mut end = i + 1;
        while end < unit.tokens.len() && tags[end] == "I-PER" && !covered(end) {
            end += 1;
        }
        let first = name_start(&unit.tokens[..end], i, words);
        let plausible = first < end
            && unit.tokens[first..end]
                .iter()
                .all(|t| capitalised(t.text) && t.text.chars().any(char::is_alphabetic));
        if plausible {
            spans.push((first, end - 1));
        }
        i = end;
    }
    spans
}

/// Where a name begins that the tagger starts at `at`: past the titles, words of address and
/// ranks it sometimes takes in, and an organisation's acronym before the name ("Direktur
/// Eksekutif ELSAM Wahyudi Djafar").
fn name_start(tokens: &[Token], at: usize, words: &EntityWords) -> usize {
    let mut first = at;
    while first < tokens.len() {
        let skip = phrase_at(tokens, first, &words.titles)
            .max(phrase_at(tokens, first, &words.positions))
            .max(phrase_at(tokens, first, &words.honorifics))
            .max(usize::from(acronym_before_name(tokens, first)));
        if skip == 0 {
            break;
        }
        first += skip;
    }
    first
}

/// "ELSAM" in "ELSAM Wahyudi Djafar": an upper-case word before a name written in mixed case.
fn acronym_before_name(tokens: &[Token], at: usize) -> bool {
    // one or two capitals are the person's initials ("ST Burhanuddin", "M Adhiya"), not a body
    all_caps(tokens[at].text)
        && tokens[at].text.chars().count() > 2
        && tokens
            .get(at + 1)
            .is_some_and(|next| capitalised(next.text) && !all_caps(next.text))
}

/// A word of a place's name: on the language's place list, or tagged LOC.
fn place_word(unit: &Unit, at: usize, language: &str) -> bool {
    let token = &unit.tokens[at];
    capitalised(token.text)
        && (unit.tags[at].ends_with("LOC")
            || crate::lang::word_list(language, "places").contains(&token.lower))
}

/// "Pendiri Facebook Mark Zuckerberg", "Walikota Cekmekoy Ahmet Poyraz": of two names right
/// after each other behind a title, the first is what the title is of, not a person.
fn without_title_objects(
    unit: &Unit,
    spans: Vec<(usize, usize)>,
    words: &EntityWords,
) -> Vec<(usize, usize)> {
    let tokens = &unit.tokens;
    let object = |k: usize| {
        let (first, last) = spans[k];
        let titled = title_ending_at(tokens, first, words).is_some();
        titled && spans.get(k + 1).is_some_and(|next| next.0 == last + 1)
    };
    (0..spans.len())
        .filter(|&k| !object(k))
        .map(|k| spans[k])
        .collect()
}

/// Names that follow a title ("Panitera Pengganti Indra Hasby", "Komisioner KPU RI Epsilon
/// Idroos"), found even where the tagger misses them.
fn titled_names(
    unit: &Unit,
    words: &EntityWords,
    language: &str,
    covered: &dyn Fn(usize) -> bool,
) -> Vec<(usize, usize)> {
    let tokens = &unit.tokens;
    let mut spans = Vec::new();
    for i in 0..tokens.len() {
        let len = phrase_at(tokens, i, &words.titles);
        // "Pemilihan Kepala Daerah": a title word inside a longer capitalised name is no title
        let inside_name = i > 0
            && capitalised(tokens[i - 1].text)
            && tokens[i - 1].text.chars().all(char::is_alphabetic);
        if len == 0 || !capitalised(tokens[i].text) || inside_name {
            continue;
        }
        let mut j = i + len;
        // between title and name: the institution, its short form, the place the office is
        // for ("Gubernur Jawa Barat"), a rank ("Kapolres Cilegon AKBP …")
        loop {
            if j + 1 >= tokens.len() {
                break;
            } else if covered(j)
                || words.name_suffixes.has_word(tokens[j].text)
                || place_word(unit, j, language)
                || acronym_before_name(tokens, j)
            {
                j += 1;
            } else if j + 2 < tokens.len() && tokens[j].text == "(" && tokens[j + 2].text == ")" {
                j += 3;
            } else if phrase_at(tokens, j, &words.honorifics) > 0 {
                j += phrase_at(tokens, j, &words.honorifics);
            } else {
                break;
            }
        }
        if j < tokens.len() && tokens[j].text == "," {
            j += 1;
        }
        let name_word = |t: &Token| {
            capitalised(t.text)
                && t.text
                    .chars()
                    .all(|c| c.is_alphabetic() || "'’-".contains(c))
                && !acronym_like(t.text)
        };
        let mut end = j;
        while end < tokens.len()
            && end - j < 4
            && !covered(end)
            && name_word(&tokens[end])
            && phrase_at(tokens, end, &words.titles) == 0
        {
            // a rank inside the run: the name starts after it ("Metro Jaya Irjen Karyoto")
            let rank = phrase_at(&tokens[..end + 1], end, &words.honorifics);
            end += 1;
            if rank > 0 && end < tokens.len() {
                j = end;
            }
        }
        // "Menteri Koordinator Politik Hukum dan Keamanan (Menko Polhukam)": a run with its own
        // acronym belongs to the title, not to a name
        let mut after = end;
        while after < tokens.len()
            && (capitalised(tokens[after].text)
                || words
                    .name_connectors
                    .iter()
                    .any(|c| c == tokens[after].text)
                || tokens[after].text == ",")
        {
            after += 1;
        }
        let defined = tokens.get(after).is_some_and(|t| t.text == "(");
        // "Menteri Pemuda dan Olahraga Andi …": a run the tagger calls no name, before one it
        // does, is the title's portfolio
        let portfolio = !(j..end).any(|k| unit.tags[k].ends_with("PER"))
            && (end..after).any(|k| unit.tags[k] == "B-PER");
        if end > j && !defined && !portfolio {
            spans.push((j, end - 1));
        }
    }
    spans
}

/// A given name or surname used alone, or a full name in the headline, of someone already found.
fn short_forms(
    units: &[Unit],
    found: &[(Mention, Option<Role>)],
    taken: &[(Mention, usize)],
) -> Vec<(Mention, Option<Role>)> {
    let known: HashSet<String> = found.iter().map(|(m, _)| key(&m.text)).collect();
    let parts: HashSet<&str> = known
        .iter()
        .flat_map(|k| k.split(' '))
        .filter(|p| p.chars().count() > 2)
        .collect();
    let mut more = Vec::new();
    for (u, unit) in units.iter().enumerate() {
        let mut mask = covered_tokens(taken, u, unit.tokens.len());
        for (m, _) in found.iter().filter(|(m, _)| m.unit == u) {
            for slot in mask.iter_mut().take(m.last + 1).skip(m.first) {
                *slot = true;
            }
        }
        let used = |i: usize| mask[i];
        let mut i = 0;
        while i < unit.tokens.len() {
            let token = &unit.tokens[i];
            if used(i) || !capitalised(token.text) {
                i += 1;
                continue;
            }
            // the longest known full name starting here (headlines), else a known part
            let full = (i..unit.tokens.len().min(i + 4)).rev().find(|&end| {
                unit.tokens[end].text.chars().any(char::is_alphabetic)
                    && known.contains(&key(&unit.text[token.start..unit.tokens[end].end]))
            });
            match full {
                Some(end) => {
                    more.push((mention(unit, u, i, end), None));
                    i = end + 1;
                }
                None if parts.contains(key(token.text).as_str()) => {
                    more.push((mention(unit, u, i, i), None));
                    i += 1;
                }
                None => i += 1,
            }
        }
    }
    more
}

/// "Ketua KPU Hasyim", "Majelis Komisioner (MK) KIP, Arya": the title (and institution) right
/// before a name.
fn role_before(
    unit: &Unit,
    name_start: usize,
    context: &Context,
    institutions: &InstitutionSet,
    taken: &MentionIndex,
    u: usize,
) -> Option<Role> {
    let words = context.words;
    let tokens = &unit.tokens;
    let mut end = name_start;
    // a rank between title and name, before or after a comma: "Kapolres Cilegon AKBP Eko",
    // "Kapolsek Kedaton, AKP Budi"
    let rank_before = |end: usize| {
        [2, 1].into_iter().find(|&len| {
            end >= len && phrase_at(&tokens[..end], end - len, &words.honorifics) == len
        })
    };
    if let Some(len) = rank_before(end) {
        end -= len;
    }
    if end > 0 && tokens[end - 1].text == "," {
        end -= 1;
    }
    if let Some(len) = rank_before(end).filter(|_| end + 1 < name_start) {
        end -= len;
    }
    let mut institution = None;
    let mut short_form = None;
    // the place an office is for belongs to the title: "Gubernur Jawa Barat"
    let mut place_end = None;
    let mut body_place: Option<(usize, usize)> = None;
    // institution words between title and name, right to left
    loop {
        if end == 0 {
            break;
        }
        let before = end - 1;
        if let Some((m, index)) = taken.ending_at(u, before) {
            if institution.is_none() {
                // "Wakil Ketua DPRD Jawa Timur": the place after a body's name narrows it
                body_place = place_end.map(|place_end| (m.last + 1, place_end));
            }
            institution = institution.or(Some(*index));
            end = m.first;
            continue;
        }
        let t = tokens[before].text;
        // a bracketed short form of one to three words: "(MK)", "(Menko Polhukam)"
        let opening = (t == ")")
            .then(|| {
                (before.saturating_sub(4)..before.saturating_sub(1))
                    .rev()
                    .find(|&o| tokens[o].text == "(")
            })
            .flatten();
        if let Some(open) = opening {
            short_form = short_form.or_else(|| {
                Some(unit.text[tokens[open + 1].start..tokens[before - 1].end].to_string())
            });
            end = open;
            continue;
        }
        if words.name_suffixes.has_word(t) {
            end = before;
            continue;
        }
        if institution.is_none()
            && place_word(unit, before, context.language)
            && title_ending_at(tokens, end, words).is_none()
        {
            place_end = place_end.or(Some(end));
            end = before;
            continue;
        }
        break;
    }
    if institution.is_some() {
        place_end = None;
    }
    // "Anggota MK": a title alias the article defined, after an optional title
    let alias = (end > 0)
        .then(|| {
            institutions
                .title_aliases
                .iter()
                .find(|(a, _)| *a == tokens[end - 1].text)
        })
        .flatten();
    let title = match alias {
        Some((_, long)) => {
            let before = title_ending_at(tokens, end - 1, words).map(|(start, len)| {
                format!(
                    "{} ",
                    &unit.text[tokens[start].start..tokens[start + len - 1].end]
                )
            });
            format!("{}{long}", before.unwrap_or_default())
        }
        None => {
            // a title right before the name may be written in lower case: "kuasa hukum Andi"
            // a title or a descriptive position ("advokat", "ahli bahasa") right before the
            // name may be written in lower case: "kuasa hukum Andi"
            let lower_case_title = || {
                (end >= name_start.saturating_sub(1) || institution.is_some())
                    .then(|| {
                        (end.saturating_sub(3)..end)
                            .map(|start| {
                                let len = phrase_at(&tokens[..end], start, &words.titles)
                                    .max(phrase_at(&tokens[..end], start, &words.positions));
                                (start, len)
                            })
                            .filter(|&(start, len)| len > 0 && start + len == end)
                            .max_by_key(|&(_, len)| len)
                    })
                    .flatten()
            };
            let (found_start, len) = title_ending_at(tokens, end, words)
                .or_else(lower_case_title)
                .or_else(|| portfolio_title(tokens, end, words))?;
            // "Labour Party leader": the shorter title that leaves a body before it
            let (found_start, len) = match institution {
                None if words.body_before_title => (found_start + 1..end)
                    .find(|&s| {
                        phrase_at(&tokens[..end], s, &words.titles) == end - s
                            && body_before(tokens, s, taken, u, words).is_some()
                    })
                    .map_or((found_start, len), |s| (s, end - s)),
                _ => (found_start, len),
            };
            let start = with_modifiers(tokens, found_start, words);
            let len = len + (found_start - start);
            // "former Liberal Democrat leader": a qualifier before the body is the title's
            let mut qualifier = None;
            if institution.is_none() && words.body_before_title {
                if let Some((index, body_start)) = body_before(tokens, start, taken, u, words) {
                    institution = Some(index);
                    let qualified = with_modifiers(tokens, body_start, words);
                    qualifier = (qualified < body_start)
                        .then(|| &unit.text[tokens[qualified].start..tokens[body_start - 1].end]);
                }
            }
            let office = &unit.text[tokens[start].start..tokens[start + len - 1].end];
            let office_text;
            let office = match qualifier {
                Some(qualifier) => {
                    office_text = format!("{qualifier} {office}");
                    office_text.as_str()
                }
                None => office,
            };
            // "Gubernur Jawa Barat" holds office at "Pemerintah Provinsi Jawa Barat"
            if let (Some(place_end), Some(body)) = (place_end, office_body(office, words)) {
                let place = &unit.text[tokens[start + len].start..tokens[place_end - 1].end];
                return Some(Role {
                    title: office.to_string(),
                    institution: Some(format!("{body} {place}")),
                });
            }
            let last = place_end.map_or(start + len - 1, |e| e - 1);
            let title = &unit.text[tokens[start].start..tokens[last].end];
            match qualifier {
                Some(qualifier) => format!("{qualifier} {title}"),
                None => title.to_string(),
            }
        }
    };
    // "Menko Polhukam" is the minister of "Kemenkopolhukam": a body whose name holds the
    // title's short form
    let institution = institution.or_else(|| {
        let short = short_form?.to_lowercase().replace(' ', "");
        institutions.entries.iter().position(|e| {
            short.len() >= 4 && e.name.to_lowercase().replace(' ', "").contains(&short)
        })
    });
    let institution = institution.map(|i| {
        let name = &institutions.entries[i].name;
        match body_place {
            Some((from, to)) if from < to => {
                let place = &unit.text[tokens[from].start..tokens[to - 1].end];
                if name.ends_with(place) {
                    name.clone()
                } else {
                    format!("{name} {place}")
                }
            }
            _ => name.clone(),
        }
    });
    Some(Role { title, institution })
}

/// Where a title starts once the qualifiers before it that belong to it are taken in
/// ("mantan Dirut", "former CEO").
fn with_modifiers(tokens: &[Token], mut start: usize, words: &EntityWords) -> usize {
    while start > 0 && words.title_modifiers.contains(&tokens[start - 1].lower) {
        start -= 1;
    }
    start
}

/// The body named right before a title, possessive or not ("WikiLeaks co-founder",
/// "PG&E's CEO"), or before the first of two coordinated titles ("WeWork's founder and former
/// CEO"), in languages that put it there; with where the body's mention starts.
fn body_before(
    tokens: &[Token],
    title_start: usize,
    taken: &MentionIndex,
    u: usize,
    words: &EntityWords,
) -> Option<(usize, usize)> {
    let body_ending = |end: usize| {
        let end = match tokens[end].lower.as_str() {
            "'s" | "’s" => end.checked_sub(1)?,
            _ => end,
        };
        taken.ending_at(u, end).map(|(m, index)| (*index, m.first))
    };
    let before = title_start.checked_sub(1)?;
    body_ending(before).or_else(|| {
        if !words.coordinators.contains(&tokens[before].lower) {
            return None;
        }
        // the first title, in any case, ends before the coordinator
        let first_title = (before.saturating_sub(3)..before)
            .find(|&s| phrase_at(&tokens[..before], s, &words.titles) == before - s)?;
        body_ending(first_title.checked_sub(1)?)
    })
}

/// The kind of body an office heads, from the pack ("Gubernur" heads a "Pemerintah
/// Provinsi"), for offices named with their place.
fn office_body<'w>(office: &str, words: &'w EntityWords) -> Option<&'w str> {
    let office = office.to_lowercase();
    words
        .office_bodies
        .iter()
        .find(|(o, _)| *o == office)
        .map(|(_, body)| body.as_str())
}

/// "John Smith, the chairman of the Election Commission, said", "Hasyim, Ketua KPU, mengatakan",
/// "Hasyim selaku Ketua KPU": a title set off by a comma or introduced by a word right after the
/// name, with the institution that follows it.
fn role_after(
    unit: &Unit,
    name_last: usize,
    words: &EntityWords,
    institutions: &InstitutionSet,
    taken: &MentionIndex,
    u: usize,
) -> Option<Role> {
    let tokens = &unit.tokens;
    let is_word =
        |i: usize, list: &[String]| tokens.get(i).is_some_and(|t| list.contains(&t.lower));
    let mut start = name_last + 1;
    let set_off = tokens.get(start)?.text == ",";
    if set_off {
        start += 1;
    }
    // "X yang kini menjabat Direktur Utama …": filler words around the word that opens
    // the role
    let mut opened = false;
    let mut k = start;
    while k < start + 5 {
        if is_word(k, &words.role_openers) {
            opened = true;
        } else if !is_word(k, &words.role_fillers) {
            break;
        }
        k += 1;
    }
    if opened {
        start = k;
    } else if !set_off {
        return None;
    }
    while is_word(start, &words.determiners) {
        start += 1;
    }
    // "Ann Lee, PG&E's principal meteorologist": the body before the title
    let mut body_first = None;
    if words.body_before_title {
        if let Some((m, index)) = taken.starting_at(u, start) {
            let mut after = m.last + 1;
            if is_word(after, &["'s".to_string(), "’s".to_string()]) {
                after += 1;
            }
            body_first = Some(*index);
            start = after;
        }
    }
    let title_start = start;
    while is_word(start, &words.title_modifiers) {
        start += 1;
    }
    if words.body_before_title {
        start = qualified_head(tokens, start, words).unwrap_or(start);
    }
    let longest = phrase_at(tokens, start, &words.titles);
    if longest == 0 {
        return None;
    }
    // "Ketua Komisi Pemilihan Umum": the title that leaves a body's whole name after it
    let len = (1..=longest)
        .rev()
        .find(|&len| {
            phrase_at(&tokens[..start + len], start, &words.titles) == len
                && taken.starting_at(u, start + len).is_some()
        })
        .unwrap_or(longest);
    let mut at = start + len;
    while is_word(at, &words.name_connectors)
        || is_word(at, &words.determiners)
        || is_word(at, &words.role_body_links)
    {
        at += 1;
    }
    // "menjabat Direktur Utama induk perusahaan Sritex": a stated role may name its body a
    // few lower-case words later
    let reach = if opened { 3 } else { 0 };
    let institution = body_first
        .or_else(|| {
            (at..at + reach + 1)
                .take_while(|&k| k == at || tokens.get(k - 1).is_some_and(|t| !capitalised(t.text)))
                .find_map(|k| taken.starting_at(u, k))
                .map(|(_, index)| *index)
        })
        .map(|index| institutions.entries[index].name.clone());
    // without an institution, the title runs to the closing comma ("Menteri Keuangan,"), or
    // where titles follow their qualifiers, to the lower-case word after it ("envoy to")
    let title_end = if institution.is_some() {
        start + len
    } else {
        let end = (start + len..tokens.len())
            .find(|&i| !capitalised(tokens[i].text))
            .unwrap_or(tokens.len());
        let closed = tokens.get(end).is_some_and(|t| t.text == ",")
            || (words.body_before_title
                && end == start + len
                && tokens
                    .get(end)
                    .is_some_and(|t| t.text.starts_with(char::is_lowercase)));
        if !closed {
            return None;
        }
        end
    };
    Some(Role {
        title: unit.text[tokens[title_start].start..tokens[title_end - 1].end].to_string(),
        institution,
    })
}

/// Where the head of a title qualified by lower-case words before it starts ("equity
/// strategist", "principal meteorologist"): the title phrase that ends last within three
/// words, with only lower-case words before it.
fn qualified_head(tokens: &[Token], start: usize, words: &EntityWords) -> Option<usize> {
    let plain = |t: &Token| {
        t.text.chars().all(char::is_lowercase)
            && !words.role_body_links.contains(&t.lower)
            && !words.name_connectors.contains(&t.lower)
    };
    (start..(start + 3).min(tokens.len()))
        .take_while(|&k| k == start || plain(&tokens[k - 1]))
        .filter_map(|k| {
            let len = phrase_at(tokens, k, &words.titles);
            (len > 0).then_some((k, k + len))
        })
        .max_by_key(|&(k, end)| (end, std::cmp::Reverse(k)))
        .map(|(k, _)| k)
}

/// A title with its portfolio ("Menteri Koordinator Politik Hukum dan Keamanan"): a title
/// followed by capitalised words and connectors up to `end`.
fn portfolio_title(tokens: &[Token], end: usize, words: &EntityWords) -> Option<(usize, usize)> {
    (end.saturating_sub(10)..end).find_map(|start| {
        let len = phrase_at(&tokens[..end], start, &words.titles);
        let portfolio = &tokens[(start + len).min(end)..end];
        let fits = len > 0
            && capitalised(tokens[start].text)
            && !portfolio.is_empty()
            && portfolio.iter().all(|t| {
                capitalised(t.text)
                    || words.name_connectors.iter().any(|c| c == t.text)
                    || t.text == ","
            })
            && portfolio.last().is_some_and(|t| capitalised(t.text));
        fits.then_some((start, end - start))
    })
}

/// Mentions of one person grouped: a short form (a given name or surname alone, a spelling
/// without apostrophes) joins the full name that contains it.
fn group_people(
    found: Vec<(Mention, Option<Role>)>,
    nicknames: &BTreeMap<String, String>,
    units: &[Unit],
) -> Vec<Person> {
    let mut drafts: BTreeMap<String, PersonDraft> = BTreeMap::new();
    let mut order: Vec<String> = Vec::new();
    // every name once, the longest first, with its words
    let full_names: Vec<(String, Vec<String>)> = {
        let mut names: Vec<String> = found.iter().map(|(m, _)| key(&m.text)).collect();
        names.sort_by_key(|n| std::cmp::Reverse(n.split(' ').count()));
        let mut seen = HashSet::new();
        names.retain(|n| seen.insert(n.clone()));
        names
            .into_iter()
            .map(|n| {
                let words = n.split(' ').map(str::to_string).collect();
                (n, words)
            })
            .collect()
    };
    for (mention, role) in found {
        let nickname = nicknames.get(&key(&mention.text));
        let mention_key = nickname.cloned().unwrap_or_else(|| key(&mention.text));
        let parts: Vec<String> = mention_key.split(' ').map(str::to_string).collect();
        let owner = full_names
            .iter()
            .find(|(full_key, words)| {
                *full_key == mention_key
                    || (words.len() > parts.len() && parts.iter().all(|p| words.contains(p)))
            })
            .map(|(full_key, _)| full_key.clone())
            .unwrap_or(mention_key);
        if !drafts.contains_key(&owner) {
            order.push(owner.clone());
        }
        let draft = drafts.entry(owner).or_default();
        let text = mention.text.clone();
        draft.mentions.push((mention, text, nickname.is_some()));
        if let Some(role) = role {
            if !draft.roles.contains(&role) {
                draft.roles.push(role);
            }
        }
    }
    order
        .into_iter()
        .filter_map(|owner| drafts.remove(&owner))
        .map(|draft| {
            let name = draft
                .mentions
                .iter()
                .map(|(_, text, nickname)| (!nickname, text.clone()))
                .max_by_key(|(full, t)| {
                    (*full, t.split_whitespace().count(), t.contains(['\'', '’']))
                })
                .map(|(_, text)| text)
                .unwrap_or_default();
            let mut mentions = Vec::new();
            for (_, text, _) in &draft.mentions {
                push_unique(&mut mentions, text);
            }
            let mut spans = draft
                .mentions
                .iter()
                .map(|(m, _, _)| span(&units[m.unit], m))
                .collect::<Vec<_>>();
            spans.sort_by_key(reading_order);
            Person {
                name,
                mentions,
                roles: draft.roles,
                spans,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::pack;

    fn run(body: &str) -> (Vec<Person>, Vec<Institution>) {
        extract(None, &[body.to_string()], pack("id").unwrap())
    }

    #[test]
    fn initials_dotted_acronyms_and_title_abbreviations_stay_whole() {
        let abbreviations = &pack("en").unwrap().entities.name_abbreviations;
        let text = "Gov. Ann P. Lee of the U.S. state met AT&T staff. The end came at 5 p.m.";
        let tokens: Vec<&str> = tokenize(text, abbreviations)
            .iter()
            .map(|t| t.text)
            .collect();
        assert_eq!(
            tokens,
            [
                "Gov.", "Ann", "P.", "Lee", "of", "the", "U.S.", "state", "met", "AT&T", "staff",
                ".", "The", "end", "came", "at", "5", "p.m", "."
            ]
        );
        let english = pack("en").unwrap();
        let (people, _) = extract(
            None,
            &["Prosecutor Dana R. Whitfield Jr. said the case was closed.".to_string()],
            english,
        );
        assert_eq!(people[0].name, "Dana R. Whitfield Jr.");
    }

    #[test]
    fn an_acronym_of_lower_case_words_is_a_term_not_a_body() {
        let (_, institutions) = run(
            "Hakim memutus lepas tiga korporasi dalam perkara eksporrefined bleached oil(RBO) atau bahan baku sabun. Kasus RBO ini ditangani Kejaksaan Agung.",
        );
        let names: Vec<&str> = institutions.iter().map(|i| i.name.as_str()).collect();
        assert!(!names.contains(&"RBO"), "{names:?}");
    }

    #[test]
    fn acronym_definitions_tie_short_and_long_names() {
        let (_, institutions) = run(
            "Komisi Informasi Pusat (KIP) menggelar sidang. KIP RI lalu memutuskan perkara itu.",
        );
        let kip = institutions
            .iter()
            .find(|i| i.name == "Komisi Informasi Pusat")
            .expect("KIP found");
        assert!(kip.acronyms.contains(&"KIP".to_string()), "{kip:?}");
        assert!(kip.mentions.contains(&"KIP RI".to_string()), "{kip:?}");
    }

    #[test]
    fn a_title_before_a_name_is_a_role() {
        let (people, _) = run("Ketua Komisi Pemilihan Umum (KPU) Republik Indonesia, Hasyim Asy'ari angkat bicara. Hasyim mengatakan sidang belum selesai.");
        let hasyim = people
            .iter()
            .find(|p| p.name == "Hasyim Asy'ari")
            .expect("Hasyim found");
        assert!(
            hasyim.mentions.contains(&"Hasyim".to_string()),
            "{people:?}"
        );
        assert_eq!(hasyim.roles[0].title, "Ketua");
        assert_eq!(
            hasyim.roles[0].institution.as_deref(),
            Some("Komisi Pemilihan Umum")
        );
    }

    fn person<'a>(people: &'a [Person], name: &str) -> &'a Person {
        people
            .iter()
            .find(|p| p.name == name)
            .unwrap_or_else(|| panic!("{name} not in {people:?}"))
    }

    fn role(title: &str, institution: Option<&str>) -> Role {
        Role {
            title: title.into(),
            institution: institution.map(str::to_string),
        }
    }

    #[test]
    fn an_acronym_between_title_and_name_is_the_institution() {
        let (people, institutions) =
            run("Direktur Eksekutif PUSKAPA Rahmat Hidayat menilai aturan itu keliru.");
        let rahmat = person(&people, "Rahmat Hidayat");
        assert_eq!(rahmat.roles, [role("Direktur Eksekutif", Some("PUSKAPA"))]);
        assert!(institutions.iter().any(|i| i.name == "PUSKAPA"));
    }

    #[test]
    fn the_place_an_office_is_for_and_a_rank_stay_out_of_the_name() {
        let (people, _) = run(
            "Kapolres Cilegon AKBP Eko Prasetyo mengatakan situasi aman. \
             Gubernur Jawa Tengah Budi Hartono meresmikan jembatan.",
        );
        // the office's place names the body it heads (as SPEC 1.1's gold writes it)
        let eko = person(&people, "Eko Prasetyo");
        assert_eq!(
            eko.roles,
            [role("Kapolres", Some("Kepolisian Resor Cilegon"))]
        );
        let budi = person(&people, "Budi Hartono");
        assert_eq!(
            budi.roles,
            [role("Gubernur", Some("Pemerintah Provinsi Jawa Tengah"))]
        );
    }

    #[test]
    fn a_title_after_the_name_is_a_role_too() {
        let (people, _) = run(
            "Komisi Pemilihan Umum (KPU) siap. Budi Hartono, Ketua KPU, \
             mengatakan pemilu siap. Sri Lestari, Menteri Keuangan, menyatakan anggaran cukup.",
        );
        let budi = person(&people, "Budi Hartono");
        assert_eq!(budi.roles, [role("Ketua", Some("Komisi Pemilihan Umum"))]);
        let sri = person(&people, "Sri Lestari");
        assert_eq!(sri.roles, [role("Menteri Keuangan", None)]);
        let (people, _) = run("Komisi Pemilihan Umum (KPU) hadir. Rina Wulandari selaku \
             Ketua KPU menjawab pertanyaan majelis.");
        let rina = person(&people, "Rina Wulandari");
        assert_eq!(rina.roles, [role("Ketua", Some("Komisi Pemilihan Umum"))]);
    }

    #[test]
    fn a_title_short_form_stands_for_the_words_it_spells() {
        let (people, _) = run(
            "Ketua Majelis Komisioner (MK) Budi Santoso membuka sidang. \
             Anggota MK, Dewi Lestari, lalu bertanya.",
        );
        let dewi = person(&people, "Dewi Lestari");
        assert_eq!(dewi.roles, [role("Anggota Majelis Komisioner", None)]);
    }

    #[test]
    fn a_role_before_a_name_and_a_comma_is_the_next_name_s() {
        let (people, _) =
            run("Hal itu disampaikan kuasa hukum Andi Pratama, Budi Santoso, di Bandung.");
        assert_eq!(
            person(&people, "Budi Santoso").roles,
            [role("kuasa hukum", None)]
        );
        assert!(person(&people, "Andi Pratama").roles.is_empty());
    }

    #[test]
    fn a_role_stated_as_a_predicate() {
        let (people, _) = run(
            "Rina Kusuma yang kini menjabat sebagai Direktur Utama PT Sinar Baja Tbk hadir. \
             Dedi Hartanto merupakan Ketua Komisi Pemilihan Umum Kota Bogor.",
        );
        assert_eq!(
            person(&people, "Rina Kusuma").roles,
            [role("Direktur Utama", Some("PT Sinar Baja Tbk"))]
        );
        assert_eq!(
            person(&people, "Dedi Hartanto").roles,
            [role("Ketua", Some("Komisi Pemilihan Umum Kota Bogor"))]
        );
    }

    #[test]
    fn an_office_named_with_its_place_is_held_at_that_place_s_body() {
        let (people, _) = run("Gubernur Jawa Tengah Ahmad Luthfi meninjau banjir di Demak.");
        assert_eq!(
            person(&people, "Ahmad Luthfi").roles,
            [role("Gubernur", Some("Pemerintah Provinsi Jawa Tengah"))]
        );
    }

    #[test]
    fn a_descriptive_position_is_a_role_not_part_of_the_name() {
        let (people, _) = run("Advokat Rina Kusuma hadir bersama ahli bahasa Dedi Hartanto.");
        assert_eq!(
            person(&people, "Rina Kusuma").roles,
            [role("Advokat", None)]
        );
        assert_eq!(
            person(&people, "Dedi Hartanto").roles,
            [role("ahli bahasa", None)]
        );
    }

    #[test]
    fn initials_before_a_name_are_part_of_it() {
        let (people, _) = run("Jaksa Agung ST Burhanuddin dan M Rizal Fauzi menghadiri rapat itu.");
        let names: Vec<&str> = people.iter().map(|p| p.name.as_str()).collect();
        assert!(names.contains(&"ST Burhanuddin"), "{names:?}");
    }

    #[test]
    fn a_body_under_a_second_form_is_one_body() {
        let (_, institutions) = run(
            "Direktur PT Sinar Rejeki Abadi Tbk (Sinra) hadir. Saham PT Sinra Tbk turun, \
             kata Kejaksaan Agung RI. Kejaksaan Agung memeriksa saksi.",
        );
        let names: Vec<&str> = institutions.iter().map(|i| i.name.as_str()).collect();
        assert!(!names.contains(&"PT Sinra Tbk"), "{names:?}");
        assert_eq!(
            names
                .iter()
                .filter(|n| n.starts_with("Kejaksaan Agung"))
                .count(),
            1,
            "{names:?}"
        );
    }

    #[test]
    fn a_body_written_as_one_contracted_word() {
        let (_, institutions) =
            run("Penyidik Bareskrim memeriksa dua saksi, sedangkan Kejati menahan tersangka.");
        let names: Vec<&str> = institutions.iter().map(|i| i.name.as_str()).collect();
        assert!(
            names.contains(&"Bareskrim") && names.contains(&"Kejati"),
            "{names:?}"
        );
    }

    #[test]
    fn initials_in_brackets_are_the_person_not_a_body() {
        let (people, institutions) = run(
            "Ketua Umum Partai Maju Bambang Adi Wijaya (BAW) hadir. Menurut BAW, rapat berjalan lancar.",
        );
        assert!(
            institutions.iter().all(|i| i.name != "BAW"),
            "{institutions:?} {people:?}"
        );
        let bambang = person(&people, "Bambang Adi Wijaya");
        assert!(bambang.mentions.contains(&"BAW".to_string()));
        assert!(bambang.spans.len() >= 2, "{:?}", bambang.spans);
    }

    #[test]
    fn initials_the_text_gives_a_person_are_a_mention_even_when_no_body_took_them() {
        let (people, _) = run("Pengusaha Andi Wijaya Kusuma (AWK) diperiksa penyidik hari ini.");
        let andi = person(&people, "Andi Wijaya Kusuma");
        assert!(andi.mentions.contains(&"AWK".to_string()), "{andi:?}");
    }

    #[test]
    fn a_nickname_in_brackets_is_the_same_person() {
        let (people, _) =
            run("Muhammad Abdullah (Gus Dullah) hadir. Gus Dullah mengatakan ia setuju.");
        let abdullah = person(&people, "Muhammad Abdullah");
        assert!(
            abdullah.mentions.contains(&"Gus Dullah".to_string()),
            "{people:?}"
        );
        assert_eq!(people.len(), 1, "{people:?}");
        assert_eq!(abdullah.spans.len(), 3);
    }

    #[test]
    fn mentions_in_the_title_have_offsets_too() {
        let body = ["Ketua KPU Budi Hartono mengatakan pemilu siap.".to_string()];
        let (people, institutions) = extract(
            Some("Budi Hartono: pemilu siap"),
            &body,
            pack("id").unwrap(),
        );
        let budi = person(&people, "Budi Hartono");
        let spans: Vec<(bool, usize, usize)> = budi
            .spans
            .iter()
            .map(|s| (s.title, s.start, s.end))
            .collect();
        assert_eq!(spans, [(true, 0, 12), (false, 10, 22)]);
        let kpu = institutions.iter().find(|i| i.name == "KPU").expect("KPU");
        assert_eq!(kpu.spans.len(), 1);
    }

    #[test]
    fn a_portfolio_or_a_company_between_title_and_name_is_no_person() {
        let (people, institutions) = run("Menteri Pemuda dan Olahraga Agus Wirawan hadir. \
             Direktur PT Sinar Harapan Tbk Dedi Kurniawan meresmikan pabrik.");
        let names: Vec<&str> = people.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["Agus Wirawan", "Dedi Kurniawan"]);
        assert_eq!(people[0].roles, [role("Menteri Pemuda dan Olahraga", None)]);
        assert_eq!(
            people[1].roles,
            [role("Direktur", Some("PT Sinar Harapan Tbk"))]
        );
        let names: Vec<&str> = institutions.iter().map(|i| i.name.as_str()).collect();
        assert_eq!(names, ["PT Sinar Harapan Tbk"]);
    }

    #[test]
    fn ranks_and_office_places_name_no_body_and_no_person() {
        let (people, institutions) = run("Ia berpangkat Ajun Komisaris Besar Polisi (AKBP). \
             Berkas diserahkan ke Kejari Lhoksukon. Kajari Lhoksukon Teuku Ramli membenarkan.");
        assert!(
            institutions.iter().all(|i| i.name != "AKBP"),
            "{institutions:?}"
        );
        let ramli = person(&people, "Teuku Ramli");
        assert_eq!(ramli.roles, [role("Kajari Lhoksukon", None)]);
    }

    /// Every rule looks around a name; none may look past either end of a paragraph.
    #[test]
    fn odd_token_sequences_never_panic() {
        const WORDS: [&str; 24] = [
            "Ketua",
            "Direktur",
            "Eksekutif",
            "KPU",
            "ELSAM",
            "AKBP",
            "Budi",
            "Hartono",
            "(",
            ")",
            ",",
            "Gus",
            "Jawa",
            "Barat",
            "PT",
            "Tbk",
            "dan",
            "the",
            "chairman",
            "of",
            "Commission",
            "Brown's",
            "kata",
            "\"",
        ];
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..3000 {
            let words: Vec<&str> = (0..next() % 14)
                .map(|_| WORDS[(next() % WORDS.len() as u64) as usize])
                .collect();
            let text = words.join(" ");
            for code in ["id", "en"] {
                let (people, institutions) = extract(
                    Some(&text),
                    std::slice::from_ref(&text),
                    pack(code).unwrap(),
                );
                for span in people.iter().flat_map(|p| &p.spans) {
                    assert!(span.start < span.end && span.end <= text.chars().count());
                }
                assert!(institutions.iter().all(|i| !i.name.is_empty()), "{text}");
            }
        }
    }

    #[test]
    fn an_english_possessive_is_no_part_of_the_name() {
        let body = "Michael Brown's lawyers said on Monday that Michael Brown would appeal.";
        let (people, _) = extract(None, &[body.to_string()], pack("en").unwrap());
        let brown = person(&people, "Michael Brown");
        assert_eq!(brown.mentions, ["Michael Brown"]);
        assert_eq!(brown.spans[0].end, 13);
    }

    #[test]
    fn english_titles_set_off_after_a_name() {
        let body = "John Smith, the chairman of the Election Commission, said the data was safe. \
             Jane Doe, a spokeswoman for the Ministry of Finance, declined to comment.";
        let (people, institutions) = extract(None, &[body.to_string()], pack("en").unwrap());
        let smith = person(&people, "John Smith");
        assert_eq!(smith.roles, [role("chairman", Some("Election Commission"))]);
        let doe = person(&people, "Jane Doe");
        assert_eq!(
            doe.roles,
            [role("spokeswoman", Some("Ministry of Finance"))]
        );
        assert!(institutions.iter().any(|i| i.name == "Election Commission"));
    }

    #[test]
    fn a_qualifier_before_a_title_belongs_to_it() {
        let body = "Mantan Ketua Badan Pengawas Pasar Rudi Hartono hadir di sidang itu.";
        let (people, _) = run(body);
        let rudi = person(&people, "Rudi Hartono");
        assert_eq!(
            rudi.roles,
            [role("Mantan Ketua", Some("Badan Pengawas Pasar"))]
        );
        let body = "Former CEO Dana Whitfield declined to comment on the deal.";
        let (people, _) = extract(None, &[body.to_string()], pack("en").unwrap());
        assert_eq!(
            person(&people, "Dana Whitfield").roles,
            [role("Former CEO", None)]
        );
    }

    #[test]
    fn an_english_body_stands_before_its_title() {
        let body = "European Commission spokesman Paul Brandt said the rules stand. Lena Ortiz, \
             a Federal Reserve economist, said rates would hold. Mark Diaz, senior strategist \
             at the World Bank, said growth was slowing. Ann Cole, former special envoy to \
             Kyiv, testified on Tuesday.";
        let (people, _) = extract(None, &[body.to_string()], pack("en").unwrap());
        let expected = [
            (
                "Paul Brandt",
                role("spokesman", Some("European Commission")),
            ),
            ("Lena Ortiz", role("economist", Some("Federal Reserve"))),
            ("Mark Diaz", role("senior strategist", Some("World Bank"))),
            ("Ann Cole", role("former special envoy", None)),
        ];
        for (name, role) in expected {
            assert_eq!(person(&people, name).roles, [role], "{name}");
        }
    }

    #[test]
    fn well_known_bodies_are_found_by_their_exact_form() {
        let body = "The report was shared with Reuters and the Pentagon on Monday. WHO \
             officials agreed. Who knows what comes next? Apple Daily closed in 2021.";
        let (_, institutions) = extract(None, &[body.to_string()], pack("en").unwrap());
        let names: Vec<&str> = institutions.iter().map(|i| i.name.as_str()).collect();
        for expected in ["Reuters", "Pentagon", "WHO"] {
            assert!(names.contains(&expected), "{expected} in {names:?}");
        }
        assert!(
            !names.contains(&"Who") && !names.contains(&"Apple"),
            "{names:?}"
        );
        let credit = "WELLINGTON (Reuters) - The harbour council met on Monday.";
        let (_, institutions) = extract(None, &[credit.to_string()], pack("en").unwrap());
        assert!(institutions.iter().all(|i| i.name != "Reuters"));
    }

    #[test]
    fn an_abbreviated_title_inside_a_tagged_name_opens_the_name() {
        let body = "Ohio Republican Gov. Dan Mercer signed the bill on Friday.";
        let (people, _) = extract(None, &[body.to_string()], pack("en").unwrap());
        assert_eq!(people.len(), 1, "{people:?}");
        assert_eq!(people[0].name, "Dan Mercer");
    }

    #[test]
    fn a_regional_body_keeps_its_place() {
        let body = "Wakil Ketua DPRD Jawa Barat, Andi Wijaya, meminta warga tenang. Hakim \
             Pengadilan Negeri (PN) Sleman menunda sidang.";
        let (_, institutions) = run(body);
        let names: Vec<&str> = institutions.iter().map(|i| i.name.as_str()).collect();
        assert!(names.contains(&"DPRD Jawa Barat"), "{names:?}");
        let court = institutions
            .iter()
            .find(|i| i.name == "Pengadilan Negeri Sleman")
            .unwrap_or_else(|| panic!("{names:?}"));
        assert!(court.acronyms.contains(&"PN Sleman".to_string()));
    }

    #[test]
    fn an_english_body_goes_on_after_its_head_word() {
        let body = "Two lecturers at the Northern University of Lisbon were freed. The Senate \
             Select Committee on Energy met later. A Liberal Party-backed plan failed.";
        let (_, institutions) = extract(None, &[body.to_string()], pack("en").unwrap());
        let names: Vec<&str> = institutions.iter().map(|i| i.name.as_str()).collect();
        for expected in [
            "Northern University of Lisbon",
            "Senate Select Committee on Energy",
            "Liberal Party",
        ] {
            assert!(names.contains(&expected), "{expected} in {names:?}");
        }
    }

    #[test]
    fn a_name_with_a_lower_case_word_hyphened_on_ends_at_the_hyphen() {
        let tokens = tokenize("the Party-controlled House and al-Qaeda", &[]);
        let texts: Vec<&str> = tokens.iter().map(|t| t.text).collect();
        assert_eq!(
            texts,
            [
                "the",
                "Party",
                "-",
                "controlled",
                "House",
                "and",
                "al-Qaeda"
            ]
        );
    }

    #[test]
    fn a_company_prefix_or_legal_form_stays_with_its_company() {
        let body = "Direktorat Jenderal (Ditjen) Pajak Kementerian Keuangan menagih. PT Sinar \
             Jaya Abadi (Persero) Tbk menaikkan harga.";
        let (_, institutions) = run(body);
        let tax = institutions
            .iter()
            .find(|i| i.name == "Direktorat Jenderal Pajak")
            .unwrap_or_else(|| panic!("{institutions:?}"));
        assert_eq!(tax.acronyms, ["Ditjen Pajak"]);
        assert!(institutions
            .iter()
            .any(|i| i.name == "Kementerian Keuangan"));
        assert!(institutions
            .iter()
            .all(|i| !i.acronyms.contains(&"Persero".to_string())));
    }

    #[test]
    fn names_listed_after_one_title_all_hold_it() {
        let body = "Vonis dibacakan majelis hakim Andi Wijaya, Budi Santoso, dan Citra Lestari.";
        let (people, _) = run(body);
        for name in ["Andi Wijaya", "Budi Santoso", "Citra Lestari"] {
            assert_eq!(
                person(&people, name).roles,
                [role("majelis hakim", None)],
                "{name}"
            );
        }
    }
}
