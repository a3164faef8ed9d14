//! Who said what: direct quotes in any quotation-mark style and reported speech, each with its
//! reporting word (the cue) and its speaker: a named person, a pronoun resolved to the speaker
//! before, or an unnamed speaker described by role and tied to an institution.

use foldhash::HashMap;

use crate::lang::{lowercase, FirstWords, Pack, StatementWords};
use crate::record::{Article, Offsets, Quote, Speaker};

/// A person or institution named at a place in a paragraph (byte offsets).
#[derive(Debug, Clone, Copy)]
struct Named {
    start: usize,
    end: usize,
    who: Who,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Who {
    Person(usize),
    Institution(usize),
}

/// The longest a name runs, in bytes, for bounding searches backwards.
const MAX_NAME_BYTES: usize = 200;

/// Where the article's people and institutions are named, paragraph by paragraph.
struct Index<'a> {
    article: &'a Article,
    by_paragraph: Vec<Vec<Named>>,
    /// Byte and character positions of each paragraph.
    offsets: Vec<Offsets>,
}

impl<'a> Index<'a> {
    fn new(article: &'a Article) -> Self {
        let mut by_paragraph: Vec<Vec<Named>> = vec![Vec::new(); article.body.len()];
        let people = article
            .people
            .iter()
            .enumerate()
            .flat_map(|(i, p)| p.spans.iter().map(move |s| (Who::Person(i), s)));
        let bodies = article
            .institutions
            .iter()
            .enumerate()
            .flat_map(|(i, p)| p.spans.iter().map(move |s| (Who::Institution(i), s)));
        let offsets: Vec<Offsets> = article.body.iter().map(|text| Offsets::new(text)).collect();
        for (who, span) in people.chain(bodies) {
            if let Some(at) = offsets.get(span.paragraph) {
                by_paragraph[span.paragraph].push(Named {
                    start: at.byte_of(span.start),
                    end: at.byte_of(span.end),
                    who,
                });
            }
        }
        for list in &mut by_paragraph {
            list.sort_by_key(|n| (n.start, n.end));
        }
        Index {
            article,
            by_paragraph,
            offsets,
        }
    }

    /// The first name that starts within [from, to) of a paragraph, people before bodies.
    /// The names of a paragraph that start before `at` (the list is sorted by start).
    fn starting_before(&self, paragraph: usize, at: usize) -> &[Named] {
        let list = &self.by_paragraph[paragraph];
        &list[..list.partition_point(|n| n.start < at)]
    }

    fn first_in(&self, paragraph: usize, from: usize, to: usize) -> Option<Named> {
        let before_from = self.starting_before(paragraph, from).len();
        let inside = &self.starting_before(paragraph, to)[before_from..];
        inside
            .iter()
            .find(|n| matches!(n.who, Who::Person(_)))
            .or(inside.first())
            .copied()
    }

    /// The name that ends closest before `at` (within `reach` bytes).
    fn last_before(&self, paragraph: usize, at: usize, reach: usize) -> Option<Named> {
        self.starting_before(paragraph, at)
            .iter()
            .rev()
            .take_while(|n| n.start + MAX_NAME_BYTES + reach >= at)
            .filter(|n| n.end <= at && at - n.end <= reach)
            .max_by_key(|n| (n.end, matches!(n.who, Who::Person(_))))
            .copied()
    }

    /// The last person named before `at` in paragraph `paragraph` or the ones before it.
    fn last_person_before(&self, paragraph: usize, at: usize) -> Option<Named> {
        (0..=paragraph).rev().find_map(|p| {
            let names = if p == paragraph {
                self.starting_before(p, at)
            } else {
                &self.by_paragraph[p][..]
            };
            names
                .iter()
                .rev()
                .find(|n| matches!(n.who, Who::Person(_)) && (p < paragraph || n.end <= at))
                .copied()
        })
    }

    /// Whom a personal pronoun at `at` points to: the last speaker where that was a person,
    /// else the last person named before; a body only where no person was named ("kata dia"
    /// after a quote that names an institution is still the person speaking).
    fn pronoun_referent(
        &self,
        last_speaker: &Option<Speaker>,
        paragraph: usize,
        at: usize,
    ) -> Option<Speaker> {
        last_speaker
            .clone()
            .filter(|s| s.person.is_some())
            .or_else(|| {
                self.last_person_before(paragraph, at)
                    .map(|n| self.speaker(n.who))
            })
            .or_else(|| last_speaker.clone())
    }

    /// The one person of the article who holds `title` ("kata hakim" where the article names
    /// one judge), if exactly one does.
    fn sole_holder(&self, title: &str) -> Option<Speaker> {
        let mut holders = self
            .article
            .people
            .iter()
            .enumerate()
            .filter(|(_, person)| {
                person
                    .roles
                    .iter()
                    .any(|r| r.title.eq_ignore_ascii_case(title))
            });
        let (first, _) = holders.next()?;
        holders
            .next()
            .is_none()
            .then(|| self.speaker(Who::Person(first)))
    }

    /// The speaker a name stands for: a person with the institution of their first role.
    fn speaker(&self, who: Who) -> Speaker {
        match who {
            Who::Person(i) => {
                let person = &self.article.people[i];
                Speaker {
                    person: Some(person.name.clone()),
                    institution: person.roles.iter().find_map(|r| r.institution.clone()),
                    description: None,
                }
            }
            Who::Institution(i) => Speaker {
                institution: Some(self.article.institutions[i].name.clone()),
                ..Speaker::default()
            },
        }
    }
}

/// Reporting-word forms to their base, built once per pack ([`Pack::cue_forms`]).
#[derive(Debug)]
pub(crate) struct CueForms {
    forms: HashMap<String, String>,
    /// The cues written as two words by their first ("according"), each with its second and
    /// base, so that only such a first word costs a second look-up.
    pairs: HashMap<String, Vec<(String, String)>>,
    /// The one-word forms and the first words of pairs: most words of a text are neither,
    /// which this tells without lower-casing or hashing them.
    first_words: FirstWords,
}

impl CueForms {
    pub(crate) fn new(words: &StatementWords) -> CueForms {
        let mut forms = HashMap::default();
        for entry in &words.cues {
            if let Some((base, rest)) = entry.split_first() {
                for form in rest {
                    forms.insert(form.to_lowercase(), base.clone());
                }
            }
        }
        let mut pairs: HashMap<String, Vec<(String, String)>> = HashMap::default();
        for (form, base) in &forms {
            if let Some((first, second)) = form.split_once(' ') {
                pairs
                    .entry(first.to_string())
                    .or_default()
                    .push((second.to_string(), base.clone()));
            }
        }
        let first_words = FirstWords::new(
            forms
                .keys()
                .filter(|form| !form.contains(' '))
                .chain(pairs.keys()),
        );
        CueForms {
            forms,
            pairs,
            first_words,
        }
    }

    /// The base of the two-word cue `first second` (`first` lower-cased), if it is one.
    fn base_of_pair(&self, first: &str, second: &str) -> Option<&str> {
        let seconds = self.pairs.get(first)?;
        let second = lowercase(second);
        seconds
            .iter()
            .find(|(s, _)| *s == second)
            .map(|(_, base)| base.as_str())
    }

    fn base_of(&self, lower: &str) -> Option<&str> {
        self.forms.get(lower).map(String::as_str)
    }
}

/// A pack's reporting words as statements read them.
struct Cues<'a> {
    forms: &'a CueForms,
    words: &'a StatementWords,
    /// Articles that open a description ("the", "a").
    determiners: &'a [String],
}

impl<'a> Cues<'a> {
    fn new(pack: &'a Pack) -> Self {
        Cues {
            forms: pack.cue_forms(),
            words: &pack.statements,
            determiners: &pack.entities.determiners,
        }
    }

    fn base(&self, word: &str) -> Option<&'a str> {
        self.forms.base_of(lowercase(word).as_ref())
    }

    /// The cue that starts at word `i`: its base and how many words it takes ("according to").
    fn at(&self, words: &[(usize, &str)], i: usize) -> Option<(&'a str, usize)> {
        let word = words.get(i)?.1;
        if word.is_ascii() && !self.forms.first_words.may_hold(word) {
            return None;
        }
        let first = lowercase(word);
        if let Some((_, second)) = words.get(i + 1) {
            if let Some(base) = self.forms.base_of_pair(&first, second) {
                return Some((base, 2));
            }
        }
        self.forms.base_of(first.as_ref()).map(|base| (base, 1))
    }

    /// Whether the word at `i` is a cue written as its bare root where the language does not
    /// report with it ("kata" the noun, unless after a quote).
    fn bare_root(&self, word: &str, base: &str) -> bool {
        word.eq_ignore_ascii_case(base)
            && !self.leads(base)
            && !self.words.bare_roots.iter().any(|r| r == base)
    }

    /// "katanya", "ujarnya": the cue carries its own pronoun, a suffix on the base form.
    fn has_pronoun(&self, word: &str) -> bool {
        let suffix = &self.words.pronoun_suffix;
        let word = word.to_lowercase();
        !suffix.is_empty()
            && self.base(&word).is_some_and(|base| {
                word.strip_suffix(suffix.as_str())
                    .is_some_and(|stem| stem.ends_with(base))
            })
    }

    /// "menurut X, …": a cue that comes before its speaker and a comma.
    fn leads(&self, base: &str) -> bool {
        self.words.leading_cues.iter().any(|c| c == base)
    }

    fn is_pronoun(&self, word: &str) -> bool {
        self.words
            .pronouns
            .iter()
            .any(|p| p.eq_ignore_ascii_case(word))
    }
}

const OPENING: &[char] = &['“', '"', '«', '„', '”'];
const CLOSING: &[char] = &['”', '"', '»', '“'];

/// A quoted stretch of a paragraph: byte ranges of the marks' inside, and where it closes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Quoted {
    open: usize,
    start: usize,
    end: usize,
    close: usize,
    closed: bool,
}

/// Quoted stretches in a paragraph; double marks of any style toggle, and so do doubled single
/// marks (‘‘…’’, as some pages type them); an unclosed quote runs to the paragraph's end.
fn quoted(text: &str) -> Vec<Quoted> {
    let mut found = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    // every quotation mark is '"' or opens with one of two bytes (“ ” „ ‘ ’ with 0xE2, « »
    // with 0xC2): the text between two such bytes holds none, and is not read
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(offset) = memchr::memchr3(b'"', 0xE2, 0xC2, &bytes[from..]) {
        let at = from + offset;
        let mut chars = text[at..].chars();
        let Some(c) = chars.next() else { break };
        let doubled = matches!(c, '‘' | '’') && chars.next() == Some(c);
        let width = if doubled {
            2 * c.len_utf8()
        } else {
            c.len_utf8()
        };
        from = at + width;
        let opening = OPENING.contains(&c) || (doubled && c == '‘') || (doubled && open.is_none());
        let closing = CLOSING.contains(&c) || doubled;
        match open {
            None if opening => open = Some((at, at + width)),
            Some((from, start)) if closing => {
                found.push(Quoted {
                    open: from,
                    start,
                    end: at,
                    close: at + width,
                    closed: true,
                });
                open = None;
            }
            _ => {}
        }
    }
    if let Some((from, start)) = open {
        found.push(Quoted {
            open: from,
            start,
            end: text.len(),
            close: text.len(),
            closed: false,
        });
    }
    found
}

/// A text's words with where each starts: runs of letters, digits, apostrophes and hyphens.
fn words(text: &str) -> Vec<(usize, &str)> {
    let bytes = text.as_bytes();
    // whether the character at `at` (not ASCII) is part of a word, and its length
    let wide = |at: usize| {
        let c = text[at..].chars().next().unwrap_or_default();
        (c.is_alphanumeric(), c.len_utf8())
    };
    // a word for every six bytes or so of running text, room made once
    let mut out = Vec::with_capacity(text.len() / 6);
    let mut at = 0;
    while at < bytes.len() {
        // between words: ASCII read a byte at a time, as most of a text is
        let (part, width) = match bytes[at] {
            b if b.is_ascii() => (is_word_byte(b), 1),
            _ => wide(at),
        };
        if !part {
            at += width;
            continue;
        }
        let start = at;
        at += width;
        while let Some(&b) = bytes.get(at) {
            if b.is_ascii() {
                if !is_word_byte(b) {
                    break;
                }
                at += 1;
            } else {
                match wide(at) {
                    (true, width) => at += width,
                    (false, _) => break,
                }
            }
        }
        out.push((start, &text[start..at]));
    }
    out
}

/// Whether an ASCII byte is part of a word.
fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'\'' || b == b'-'
}

fn clean_quote(text: &str) -> String {
    text.trim().trim_end_matches([',', ' ']).trim().to_string()
}

/// All statements of an article: direct quotes first found, then reported speech.
pub fn extract(article: &Article, pack: &Pack) -> Vec<Quote> {
    let index = Index::new(article);
    let cues = &Cues::new(pack);
    let mut quotes: Vec<(usize, usize, Quote)> = Vec::new();
    let mut last_speaker: Option<Speaker> = None;
    // the cue and speaker of the quote a paragraph ended on, which a paragraph that is only a
    // quotation continues
    let mut ended_on: Option<(Option<&str>, Option<Speaker>)> = None;
    for (p, text) in article.body.iter().enumerate() {
        crate::budget::check();
        if let Some((start, quote)) = transcript_line(text, p, &index, pack) {
            ended_on = None;
            last_speaker = Some(quote.speaker.clone());
            quotes.push((p, start, quote));
            continue;
        }
        let spans = quoted(text);
        let continued = ended_on.take();
        let mut k = 0;
        while k < spans.len() {
            let q = spans[k];
            k += 1;
            let content = clean_quote(&text[q.start..q.end]);
            if content.split_whitespace().count() < 2 {
                continue;
            }
            // a clause quoted after "said that" belongs to the cue before it, and so does a
            // quote that does not end on a comma ("X said, “…” at …"): it awaits no cue after it
            let awaits_cue = text[q.start..q.end].trim_end().ends_with(',')
                || text[q.close..].trim_start().starts_with(',');
            let before_first = quoted_clause(text, &q, cues).is_some() || !awaits_cue;
            let before = cue_before(text, p, &q, cues, &index);
            let found = if before_first {
                before.or_else(|| cue_after(text, p, &q, cues, &index, pack))
            } else {
                cue_after(text, p, &q, cues, &index, pack).or(before)
            };
            let (cue, speaker) = match found {
                Some((cue, Some(Some(speaker)))) => (Some(cue), Some(speaker)),
                // a pronoun: the last speaker, else the last person named
                Some((cue, _)) => (Some(cue), index.pronoun_referent(&last_speaker, p, q.open)),
                // a quotation that makes up its paragraph goes on with the quote before it
                None if text[..q.open].trim().is_empty() && continued.is_some() => {
                    let (cue, speaker) = continued.clone().unwrap_or_default();
                    (cue, speaker)
                }
                // words quoted inside a sentence of someone else's (a title, a slogan, a
                // phrase of reported speech) are no statement of their own
                None => continue,
            };
            // "“A,” she said. “B.”": one statement interrupted by its attribution
            let mut text_out = content;
            let mut part = q;
            loop {
                // short quoted names inside the attribution ("on CNBC's “Trading Nation”")
                let skipped = spans[k..]
                    .iter()
                    .take_while(|s| words(&text[s.start..s.end]).len() <= MAX_QUOTED_NAME_WORDS)
                    .count();
                let Some(&next) = spans.get(k + skipped).filter(|next| {
                    interrupts(text, &part, next, cues)
                        && cue_after(text, p, next, cues, &index, pack).is_none()
                }) else {
                    break;
                };
                text_out = format!("{text_out} {}", clean_quote(&text[next.start..next.end]));
                part = next;
                k += skipped + 1;
            }
            let end = part.end;
            if let Some(speaker) = &speaker {
                last_speaker = Some(speaker.clone());
            }
            let last_close = spans[k - 1].close;
            let tail_words = text[last_close..].split_whitespace().count();
            ended_on = (tail_words <= MAX_ATTRIBUTION_WORDS).then(|| (cue, speaker.clone()));
            quotes.push((
                p,
                q.start,
                Quote {
                    text: text_out,
                    kind: "direct".into(),
                    speaker: speaker.unwrap_or_default(),
                    cue: cue.map(str::to_string),
                    span: Some(index.offsets[p].span(p, q.start, end)),
                },
            ));
        }
        if spans.is_empty() || quotes.last().is_none_or(|(qp, _, _)| *qp != p) {
            ended_on = None;
        }
        for (start, quote) in reported(text, p, &spans, cues, &index, pack, &mut last_speaker) {
            quotes.push((p, start, quote));
        }
    }
    quotes.sort_by_key(|(p, start, _)| (*p, *start));
    quotes.into_iter().map(|(_, _, q)| q).collect()
}

/// The most words of a quoted name (a programme, a slogan) inside an attribution.
const MAX_QUOTED_NAME_WORDS: usize = 3;

/// The most words of a transcript's speaker label ("SEN. MARIA ORTIZ").
const MAX_LABEL_WORDS: usize = 4;

/// `MR. HALE: We will …`: a line of a transcript, its speaker in capitals before a colon. The
/// label counts only where it opens with an honorific or ends in the surname of a person the
/// article names, so a dateline or a heading in capitals is no speaker.
fn transcript_line(text: &str, p: usize, index: &Index, pack: &Pack) -> Option<(usize, Quote)> {
    let (label, said) = text.split_once(':')?;
    let label_words: Vec<&str> = label.split_whitespace().collect();
    let capitals = label.chars().any(char::is_alphabetic)
        && !label.chars().any(char::is_lowercase)
        && label_words.len() <= MAX_LABEL_WORDS;
    let said = said.trim();
    if !capitals || said.split_whitespace().count() < 2 || said.contains(['"', '“', '”']) {
        return None;
    }
    let bare = |w: &str| w.trim_end_matches('.').to_lowercase();
    // "DEAR ABBY: …" is a letter to someone, not their words
    let salutation = label_words
        .first()
        .is_some_and(|w| pack.statements.salutations.contains(&bare(w)));
    if salutation {
        return None;
    }
    let honorific = label_words
        .first()
        .is_some_and(|w| phrase_has(&pack.entities.honorifics, &bare(w)));
    let surname = bare(label_words.last()?);
    let person = index.article.people.iter().position(|person| {
        person
            .name
            .split_whitespace()
            .last()
            .is_some_and(|last| last.to_lowercase() == surname)
    });
    if person.is_none() && !honorific {
        return None;
    }
    let start = text.len() - text[label.len() + 1..].trim_start().len();
    let speaker = match person {
        Some(i) => index.speaker(Who::Person(i)),
        None => Speaker {
            description: Some(label.trim().to_string()),
            ..Speaker::default()
        },
    };
    Some((
        start,
        Quote {
            text: clean_quote(said),
            kind: "direct".into(),
            speaker,
            cue: None,
            span: Some(index.offsets[p].span(p, start, text.trim_end().len())),
        },
    ))
}

fn phrase_has(phrases: &crate::lang::Phrases, word: &str) -> bool {
    phrases.has_word(word) || phrases.has_word(&format!("{word}."))
}

/// The most words an attribution between two parts of one quote takes ("said Mayor John
/// Smith, who chairs the council").
const MAX_ATTRIBUTION_WORDS: usize = 16;

/// Whether `next` continues the quote `first` after an attribution between them: a closed
/// first part, a short stretch holding a cue and ending a sentence or clause, nothing else.
fn interrupts(text: &str, first: &Quoted, next: &Quoted, cues: &Cues) -> bool {
    let between = &text[first.close..next.open];
    let words_between = words(between);
    first.closed
        && !words_between.is_empty()
        && words_between.len() <= MAX_ATTRIBUTION_WORDS
        && between.trim_end().ends_with(['.', ',', ':'])
        && (0..words_between.len()).any(|i| cues.at(&words_between, i).is_some())
}

/// The speaker named in `text[from..]` up to the first break: a person or body, else the
/// words describing an unnamed one.
fn speaker_in(
    text: &str,
    p: usize,
    from: usize,
    until: Option<usize>,
    index: &Index,
    pack: &Pack,
) -> Option<Speaker> {
    let words_after = words(&text[from..until.unwrap_or(text.len())]);
    let breaks = &pack.statements.speaker_breaks;
    let mut end = until.unwrap_or(text.len());
    for (at, word) in &words_after {
        let at = from + at;
        if breaks.iter().any(|b| b.eq_ignore_ascii_case(word)) && at > from {
            end = at;
            break;
        }
    }
    let lead = text[from..end].len() - text[from..end].trim_start_matches([',', ' ']).len();
    let rest = &text[from + lead..end];
    let stops = [rest.find([',', ';', ':']), sentence_stop(rest, pack)];
    if let Some(stop) = stops.into_iter().flatten().min() {
        end = from + lead + stop;
    }
    let region = text[from..end].trim();
    if region.is_empty() {
        return None;
    }
    // the last person named: titles come before the name ("Kapuspenkum Kejagung Harli
    // Siregar"), so an earlier word the tagger took for a name is the office
    let person_in = |from: usize, to: usize| {
        index.by_paragraph[p]
            .iter()
            .rfind(|n| matches!(n.who, Who::Person(_)) && n.start >= from && n.start < to)
            .copied()
    };
    // "jelas Anggota MK KI Pusat, Arya Sandhiyudha": the name after the role's comma
    let apposed = || {
        text[end..]
            .starts_with(',')
            .then(|| person_in(end + 1, end + 3))
            .flatten()
    };
    // "ujar kuasa hukum Iwan, Calvin Wijaya": after a role and a comma, the name is the
    // speaker's, not the name inside the role
    let lower = region.to_lowercase();
    let titled = pack.entities.titles.longest_at(lower.split_whitespace()) > 0;
    let named = titled
        .then(apposed)
        .flatten()
        .or_else(|| person_in(from, end.max(from + 1)))
        .or_else(apposed)
        .or_else(|| index.first_in(p, from, end.max(from + 1)));
    let unnamed = pack
        .statements
        .unnamed
        .iter()
        .any(|u| region.to_lowercase().starts_with(u.as_str()));
    if named.is_none() {
        // after its cue a speaker's place is plain: "according to the city engineer"
        let determined = words(region).first().is_some_and(|(_, w)| {
            pack.entities
                .determiners
                .iter()
                .any(|d| d.eq_ignore_ascii_case(w))
        });
        return described_speaker(region, index, pack, (p, from)).or_else(|| {
            (determined && words(region).len() <= MAX_DESCRIPTION_WORDS + 3).then(|| Speaker {
                description: Some(region.to_string()),
                ..Speaker::default()
            })
        });
    }
    match named {
        Some(n) if matches!(n.who, Who::Person(_)) => Some(index.speaker(n.who)),
        Some(n) if unnamed => Some(Speaker {
            description: Some(region.to_string()),
            ..index.speaker(n.who)
        }),
        Some(n) => Some(index.speaker(n.who)),
        None => None,
    }
}

/// Where the first sentence of `text` ends: a full stop that ends no abbreviation or initial
/// ("Mr. Hale", "James P. Kennedy Jr."), a question or exclamation mark.
fn sentence_stop(text: &str, pack: &Pack) -> Option<usize> {
    text.match_indices(['.', '!', '?'])
        .map(|(i, _)| i)
        .find(|&i| {
            if !text[i..].starts_with('.') {
                return true;
            }
            let word = text[..i]
                .rsplit(|c: char| !c.is_alphanumeric())
                .next()
                .unwrap_or_default();
            let initial = word.chars().count() == 1 && word.starts_with(char::is_uppercase);
            let abbreviation = pack
                .statements
                .abbreviations
                .iter()
                .any(|a| a.eq_ignore_ascii_case(word));
            !(initial || abbreviation)
        })
}

/// A speaker named by a title or description alone ("tanya jaksa", "kata seorang saksi",
/// "the senator said", "prosecutors said"): the one person the article gives that title, else
/// the description with no person.
fn described_speaker(
    region: &str,
    index: &Index,
    pack: &Pack,
    (p, at): (usize, usize),
) -> Option<Speaker> {
    let lower = region.to_lowercase();
    let all: Vec<&str> = lower
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’' || c == '-'))
        .filter(|w| !w.is_empty())
        .collect();
    let determiners = &pack.entities.determiners;
    let skip = usize::from(
        all.first()
            .is_some_and(|w| determiners.iter().any(|d| d == w)),
    );
    let words = &all[skip..];
    let titles = &pack.entities.titles;
    let title_at = (0..words.len())
        .map(|i| (i, titles.longest_at(words[i..].iter().copied())))
        .find(|&(_, n)| n > 0);
    let unnamed = pack
        .statements
        .unnamed
        .iter()
        .any(|u| lower.starts_with(u.as_str()));
    let speaking = words
        .iter()
        .any(|w| pack.statements.speaker_nouns.iter().any(|n| n == w));
    if title_at.is_none() && !unnamed && !speaking {
        return None;
    }
    // "Eks Kepala BIN ini menilai": a title pointed back at the person named before
    let pointed = words
        .last()
        .is_some_and(|w| pack.statements.demonstratives.iter().any(|d| d == w));
    // "Indiana State Police reported": a capitalised name that holds no title is a body's
    let original: Vec<&str> = region.split_whitespace().skip(skip).collect();
    let proper_name = original.len() >= 2
        && title_at.is_none()
        && original
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase));
    if proper_name {
        return Some(Speaker {
            institution: Some(original.join(" ")),
            ..Speaker::default()
        });
    }
    if pointed && title_at.is_some() {
        if let Some(named) = index.last_person_before(p, at) {
            return Some(index.speaker(named.who));
        }
    }
    if let Some((0, n)) = title_at {
        if n == words.len() {
            if let Some(holder) = index.sole_holder(&words.join(" ")) {
                return Some(holder);
            }
        }
    }
    Some(Speaker {
        description: Some(region.trim().to_string()),
        ..Speaker::default()
    })
}

/// `“…,” kata X` / `“…,” ujarnya` / `"…," the senator said`: the cue right after the closing
/// mark, or after the speaker that follows it. The inner option is None where the cue only
/// points back (a pronoun).
#[allow(clippy::type_complexity)]
fn cue_after<'c>(
    text: &str,
    p: usize,
    q: &Quoted,
    cues: &Cues<'c>,
    index: &Index,
    pack: &Pack,
) -> Option<(&'c str, Option<Option<Speaker>>)> {
    if !q.closed {
        return None;
    }
    let mut window_end = (q.close + 300).min(text.len());
    while !text.is_char_boundary(window_end) {
        window_end -= 1;
    }
    let after = words(&text[q.close..window_end]);
    let (at, word) = *after.first()?;
    // only punctuation and spaces between the mark and the cue
    if text[q.close..q.close + at]
        .chars()
        .any(char::is_alphanumeric)
    {
        return None;
    }
    let is_filler = |w: &str| cues.words.fillers.iter().any(|f| f.eq_ignore_ascii_case(w));
    let first_cue = usize::from(is_filler(word));
    if let Some((base, width)) = cues.at(&after, first_cue) {
        let (last_at, last) = after[first_cue + width - 1];
        if cues.has_pronoun(last) {
            return Some((base, None));
        }
        let from = q.close + last_at + last.len();
        let speaker = speaker_in(text, p, from, None, index, pack);
        if speaker.is_none()
            && words(&text[from..])
                .first()
                .is_some_and(|(_, w)| cues.is_pronoun(w))
        {
            return Some((base, None));
        }
        return Some((base, Some(speaker)));
    }
    // "“…,” Mayor John Smith said" / "“…,” he said": the speaker before the cue
    let (cue_index, base, _) = (1..after.len().min(MAX_ATTRIBUTION_WORDS))
        .find_map(|i| cues.at(&after, i).map(|(base, width)| (i, base, width)))?;
    let cue_at = q.close + after[cue_index].0;
    if text[q.close..cue_at].contains(['.', '!', '?', '“', '"']) {
        return None;
    }
    if cue_index == 1 && cues.is_pronoun(word) {
        return Some((base, None));
    }
    Some((
        base,
        Some(speaker_in(text, p, q.close, Some(cue_at), index, pack)),
    ))
}

/// `X mengatakan, “…”`: the cue just before the opening mark, the speaker before the cue.
#[allow(clippy::type_complexity)]
fn cue_before<'c>(
    text: &str,
    p: usize,
    q: &Quoted,
    cues: &Cues<'c>,
    index: &Index,
) -> Option<(&'c str, Option<Option<Speaker>>)> {
    // "X said that “…”": a whole clause quoted after its complementizer is X's own words
    let before = match quoted_clause(text, q, cues) {
        Some(complementizer) => &text[..complementizer],
        None => &text[..q.open],
    };
    if before.len() == q.open && before.trim_end().ends_with(|c: char| c.is_alphanumeric()) {
        // no comma or colon between cue and quote: the quote is part of the sentence
        return None;
    }
    // "urged voters, “…”": the cue may have its listener after it
    let before_words = words(before);
    let (at, base) = before_words
        .iter()
        .rev()
        .take(MAX_LISTENER_WORDS + 1)
        .find_map(|&(at, word)| cues.base(word).map(|base| (at, base)))?;
    if before[at..].contains(['.', '!', '?', '“', '”', '"']) {
        return None;
    }
    let subject = index
        .last_before(p, at, 30)
        .map(|n| index.speaker(n.who))
        .or_else(|| unnamed_subject(&text[..at], cues));
    Some((base, Some(subject)))
}

/// "Teachers chanted, “…”": the words before a cue that name no one describe the speaker,
/// unless they are a pronoun, which points back.
fn unnamed_subject(before_cue: &str, cues: &Cues) -> Option<Speaker> {
    let start = before_cue
        .rfind(['.', ',', ';', ':', '“', '”', '"', '!', '?'])
        .map_or(0, |i| {
            i + before_cue[i..].chars().next().map_or(1, char::len_utf8)
        });
    let region = before_cue[start..].trim();
    let region_words = words(region);
    let (_, first) = *region_words.first()?;
    let (_, last) = *region_words.last()?;
    // a noun phrase opens with a capital or an article, not with a verb ("issued a statement")
    let noun_phrase = first.starts_with(char::is_uppercase)
        || cues
            .determiners
            .iter()
            .any(|d| d.eq_ignore_ascii_case(first));
    (region_words.len() <= MAX_DESCRIPTION_WORDS && noun_phrase && !cues.is_pronoun(last)).then(
        || Speaker {
            description: Some(region.to_string()),
            ..Speaker::default()
        },
    )
}

/// The most words between a cue and the quote it opens ("told the assembled reporters, “…”").
const MAX_LISTENER_WORDS: usize = 3;

/// Reported speech: `X mengatakan bahwa …`, `X menegaskan, …`, `menurut X, …`, and the
/// attribution after its statement: `…, X said.`, `…, according to X.`
fn reported(
    text: &str,
    p: usize,
    quoted_spans: &[Quoted],
    cues: &Cues,
    index: &Index,
    pack: &Pack,
    last_speaker: &mut Option<Speaker>,
) -> Vec<(usize, Quote)> {
    // quoted spans are in order: the last one opening at or before `at` is the only candidate
    let inside_quote = |at: usize| {
        let opened = quoted_spans.partition_point(|q| q.open <= at);
        opened > 0 && at < quoted_spans[opened - 1].close
    };
    let mut found = Vec::new();
    let all = words(text);
    // read as far as the last cue: most paragraphs have none
    let mut sentences = crate::sentences::SentenceCursor::new(text, &pack.statements.abbreviations);
    let mut taken_until = 0;
    for i in 0..all.len() {
        let (at, word) = all[i];
        let Some((base, width)) = cues.at(&all, i) else {
            continue;
        };
        let (sentence_start, sentence_end) = sentences.holding(at).unwrap_or((0, text.len()));
        // a capitalised cue inside a sentence is part of a name ("Indiana State Police")
        let in_name = at > sentence_start && word.starts_with(char::is_uppercase);
        if at < taken_until
            || in_name
            || inside_quote(at)
            || cues.has_pronoun(word)
            || (width == 1 && cues.bare_root(word, base))
        {
            // "-nya" forms point back to a quote; a bare root is read after quotes only
            continue;
        }
        // "“…,” Mayor Smith said at …": a verb after a quote in its sentence reports that quote
        let opened = quoted_spans.partition_point(|q| q.open < at);
        if opened > 0 && {
            let close = quoted_spans[opened - 1].close;
            close >= sentence_start || text[close..sentence_start].trim().is_empty()
        } {
            continue;
        }
        // "tidak menjelaskan", "akan menanyakan": nothing was said
        let hedged = i > 0
            && pack
                .statements
                .not_said
                .iter()
                .any(|w| w.eq_ignore_ascii_case(all[i - 1].1));
        if hedged {
            continue;
        }
        let (last_at, last) = all[i + width - 1];
        let cue = Cue {
            at,
            after: last_at + last.len(),
            base,
            sentence: (sentence_start, sentence_end),
        };
        let context = Context {
            text,
            p,
            cues,
            index,
            pack,
        };
        let statement = if cues.leads(base) {
            leading(&context, &cue)
        } else {
            trailing(&context, &cue, last_speaker)
                .or_else(|| forward(&context, &cue, &all[..i], last_speaker))
        };
        let Some((speaker, start, end)) = statement else {
            continue;
        };
        // a quote the clause opens inside of, or that opens inside the clause
        let next_quote = quoted_spans.partition_point(|q| q.close <= start);
        if quoted_spans
            .get(next_quote)
            .is_some_and(|q| q.open < end && !fragment(text, q, cues))
        {
            continue;
        }
        taken_until = taken_until.max(cue.after);
        *last_speaker = Some(speaker.clone());
        found.push((
            start,
            Quote {
                text: text[start..end]
                    .trim()
                    .trim_end_matches(['.', ','])
                    .to_string(),
                kind: "indirect".into(),
                speaker,
                cue: Some(base.to_string()),
                span: Some(index.offsets[p].span(p, start, end)),
            },
        ));
    }
    found
}

/// What every reading of reported speech in a paragraph looks at.
struct Context<'t, 'c> {
    text: &'t str,
    p: usize,
    cues: &'c Cues<'c>,
    index: &'c Index<'c>,
    pack: &'c Pack,
}

/// A reporting word found outside quotes: its bytes and the sentence it stands in.
struct Cue<'c> {
    at: usize,
    after: usize,
    base: &'c str,
    sentence: (usize, usize),
}

/// A short quoted phrase inside reported speech (`he is "surprised"`), which stays part of it.
fn fragment(text: &str, q: &Quoted, cues: &Cues) -> bool {
    text[q.start..q.end].split_whitespace().count() <= MAX_FRAGMENT_WORDS
        || !(text[..q.open].trim_end().ends_with([',', ':'])
            || quoted_clause(text, q, cues).is_some())
}

/// Where the complementizer stands that a long quotation follows directly ("X said that
/// “…”"): the quotation is the clause reported, in its speaker's words.
fn quoted_clause(text: &str, q: &Quoted, cues: &Cues) -> Option<usize> {
    let before = &text[..q.open];
    let &(at, last) = words(before).last()?;
    let complementizer = cues
        .words
        .complementizers
        .iter()
        .any(|c| c.eq_ignore_ascii_case(last));
    let long = text[q.start..q.end].split_whitespace().count() > MAX_FRAGMENT_WORDS;
    (complementizer && long && before[at + last.len()..].trim().is_empty()).then_some(at)
}

/// The most words a quoted phrase inside reported speech takes.
const MAX_FRAGMENT_WORDS: usize = 8;

/// `menurut X, …` / `…, according to X.`
fn leading(c: &Context, cue: &Cue) -> Option<(Speaker, usize, usize)> {
    let (sentence_start, sentence_end) = cue.sentence;
    let before = &c.text[sentence_start..cue.at];
    // "…, according to teachers unions.": the statement before, the speaker after
    if let Some(head) = before.trim_end().strip_suffix(',') {
        let end = sentence_start + head.len();
        if statement_like(c.text, sentence_start, end) {
            let speaker = speaker_in(c.text, c.p, cue.after, Some(sentence_end), c.index, c.pack)?;
            return Some((speaker, sentence_start, end));
        }
    }
    let comma = c.text[cue.after..sentence_end]
        .find(',')
        .map(|i| cue.after + i)?;
    let speaker = speaker_in(c.text, c.p, cue.after, Some(comma), c.index, c.pack)?;
    let (start, end) = clause(c, comma + 1, sentence_end)?;
    Some((speaker, start, end))
}

/// `…, X said.` / `…, said X, the …`: the statement runs from the sentence's start to the
/// comma before the attribution, which closes the sentence.
fn trailing(
    c: &Context,
    cue: &Cue,
    last_speaker: &Option<Speaker>,
) -> Option<(Speaker, usize, usize)> {
    let (sentence_start, sentence_end) = cue.sentence;
    let comma = sentence_start + c.text[sentence_start..cue.at].rfind(',')?;
    let rest = c.text[cue.after..sentence_end].trim();
    if !statement_like(c.text, sentence_start, comma) || words(rest).len() > MAX_TRAILING_WORDS {
        return None;
    }
    // "Ivan Petrov, an analyst at …, says …": a name and its apposition open the sentence as
    // its subject, not a statement
    let opens_with_apposed_name = c
        .index
        .first_in(c.p, sentence_start, sentence_start + 2)
        .is_some_and(|n| {
            matches!(n.who, Who::Person(_)) && c.text[n.end..].trim_start().starts_with(',')
        });
    if opens_with_apposed_name {
        return None;
    }
    let phrase = c.text[comma + 1..cue.at].trim();
    let phrase_words = words(phrase);
    let speaker = if phrase_words.is_empty() {
        // inverted: the speaker follows the cue
        speaker_in(c.text, c.p, cue.after, Some(sentence_end), c.index, c.pack)?
    } else {
        if phrase_words.len() > MAX_SUBJECT_WORDS || opens_clause(rest, c) {
            return None;
        }
        if phrase_words.len() == 1 && c.cues.is_pronoun(phrase_words[0].1) {
            c.index.pronoun_referent(last_speaker, c.p, comma)?
        } else {
            phrase_speaker(c, comma + 1, cue.at)?
        }
    };
    Some((speaker, sentence_start, comma))
}

/// The most words after a closing attribution ("said in an email to The Associated Press").
const MAX_TRAILING_WORDS: usize = 10;

/// Whether the words between two positions read as a statement rather than a name or a title
/// set off by a comma ("Anggota Majelis Komisioner KIP, …"): a few words, some in lower case.
fn statement_like(text: &str, start: usize, end: usize) -> bool {
    let lower = text[start..end]
        .split_whitespace()
        .filter(|w| w.starts_with(char::is_lowercase))
        .count();
    enough_words(text, start, end) && lower >= 2
}

/// The most words of a subject that speaks ("Republican Gov. Eric Holcomb and leaders of the
/// GOP-dominated Legislature" is longer, and left alone).
const MAX_SUBJECT_WORDS: usize = 8;

/// The most words of an apposition between a speaker's name and the cue ("Ann Lee, a teacher
/// at eastern Ohio's Dayton High School, said").
const MAX_APPOSITION_WORDS: usize = 12;

/// Whether the words after a cue open the reported clause ("said that …", "says the stock …")
/// rather than end the attribution ("said in a statement.").
fn opens_clause(rest: &str, c: &Context) -> bool {
    let Some((_, first)) = words(rest).first().copied() else {
        return false;
    };
    let starts_attribution = c
        .pack
        .statements
        .speaker_breaks
        .iter()
        .any(|b| b.eq_ignore_ascii_case(first));
    !starts_attribution && !rest.starts_with([',', '.'])
}

/// The speaker a short phrase names: a person or body named in it, else a description.
fn phrase_speaker(c: &Context, from: usize, to: usize) -> Option<Speaker> {
    let named = c.index.by_paragraph[c.p]
        .iter()
        .filter(|n| n.start >= from && n.end <= to)
        .min_by_key(|n| (!matches!(n.who, Who::Person(_)), n.start))
        .copied();
    let phrase = c.text[from..to].trim();
    match named {
        Some(n) if matches!(n.who, Who::Person(_)) => Some(c.index.speaker(n.who)),
        Some(n) => {
            let description = (c.text[n.start..n.end].trim() != phrase)
                .then(|| described_speaker(phrase, c.index, c.pack, (c.p, from)))
                .flatten()
                .and_then(|d| d.description);
            Some(Speaker {
                description,
                ..c.index.speaker(n.who)
            })
        }
        None => described_speaker(phrase, c.index, c.pack, (c.p, from)),
    }
}

/// Whether a statement between two byte positions has words enough to be one.
fn enough_words(text: &str, start: usize, end: usize) -> bool {
    text[start..end].split_whitespace().nth(2).is_some()
}

/// `X mengatakan bahwa …`, `X told reporters that …`, `…, saying …`: the speaker before the
/// cue, the statement after it.
fn forward(
    c: &Context,
    cue: &Cue,
    before: &[(usize, &str)],
    last_speaker: &Option<Speaker>,
) -> Option<(Speaker, usize, usize)> {
    let speaker = subject_before(c, cue, before, last_speaker)?;
    let from = skip_to_clause(c, cue);
    let (start, end) = clause(c, from, cue.sentence.1)?;
    // what an unnamed speaker "conveyed" may be a thing, not a statement: ask for a clause
    let described = speaker.person.is_none() && speaker.institution.is_none();
    if described && c.text[start..end].split_whitespace().count() < MIN_DESCRIBED_CLAUSE_WORDS {
        return None;
    }
    Some((speaker, start, end))
}

/// The fewest words of a statement whose speaker is only described.
const MIN_DESCRIBED_CLAUSE_WORDS: usize = 4;

/// Where the reported clause starts: after the cue, or after a listener or a place and the
/// complementizer that follows them ("told a few thousand teachers that …", "said in a letter
/// to the companies that …").
fn skip_to_clause(c: &Context, cue: &Cue) -> usize {
    let rest = &c.text[cue.after..cue.sentence.1];
    let rest_words = words(rest);
    let Some((_, first)) = rest_words.first() else {
        return cue.after;
    };
    let statements = &c.pack.statements;
    let complementizer = |w: &str| {
        statements
            .complementizers
            .iter()
            .any(|k| k.eq_ignore_ascii_case(w))
    };
    // "membantah tudingan bahwa …", "denied reports that …": what is reported follows the
    // complementizer after the verb's object
    if let Some(&(at, _)) = rest_words
        .iter()
        .take(MAX_OBJECT_WORDS + 1)
        .skip(1)
        .find(|(_, w)| complementizer(w))
        .filter(|(at, _)| !rest[..*at].contains([',', ';', '.']))
    {
        return cue.after + at;
    }
    let listener = statements.listener_cues.iter().any(|l| l == cue.base);
    let adjunct = statements
        .speaker_breaks
        .iter()
        .any(|b| b.eq_ignore_ascii_case(first));
    if !(listener || adjunct) {
        return cue.after;
    }
    rest_words
        .iter()
        .take(MAX_SKIPPED_WORDS)
        .take_while(|(at, _)| !rest[..*at].contains([',', ';']))
        .find(|(_, w)| {
            statements
                .complementizers
                .iter()
                .any(|k| k.eq_ignore_ascii_case(w))
        })
        .map_or(cue.after, |(at, _)| cue.after + at)
}

/// The most words of a reporting verb's object before its complementizer ("denied reports
/// that").
const MAX_OBJECT_WORDS: usize = 2;

/// The most words between a cue and its complementizer ("told a few thousand teachers who
/// covered the lawn that").
const MAX_SKIPPED_WORDS: usize = 14;

/// Who does the reporting verb at `at`: a name ending just before it (adverbs such as "pun"
/// between, or an apposition set off by commas), a pronoun for the last speaker, a description
/// ("prosecutors said"), or after a comma the sentence's subject (", saying …").
fn subject_before(
    c: &Context,
    cue: &Cue,
    before: &[(usize, &str)],
    last_speaker: &Option<Speaker>,
) -> Option<Speaker> {
    let text = c.text;
    let (sentence_start, _) = cue.sentence;
    // at most two small lower-case words ("pun", "juga", "kembali") between subject and verb
    let mut gap = 0;
    let mut subject_end = cue.at;
    for &(w_at, w) in before.iter().rev() {
        let small = w.chars().next().is_some_and(char::is_lowercase) && w.len() <= 10;
        if w_at < sentence_start {
            break;
        }
        if small
            && gap < 2
            && !c.cues.is_pronoun(w)
            && !text[w_at + w.len()..subject_end]
                .contains([',', '.', '!', '?', ';', ':', '"', '“', '”'])
        {
            gap += 1;
            subject_end = w_at;
            continue;
        }
        if c.cues.is_pronoun(w) && w_at >= sentence_start {
            return c.index.pronoun_referent(last_speaker, c.p, w_at);
        }
        break;
    }
    let before_cue = text[sentence_start..cue.at].trim_end();
    let apposed = |head: &str| -> Option<Speaker> {
        // "James Lee, the county's attorney, said …": the name before the apposition
        let open = head.rfind(',')?;
        (words(&head[open + 1..]).len() <= MAX_APPOSITION_WORDS)
            .then(|| c.index.last_before(c.p, sentence_start + open, 2))
            .flatten()
            .filter(|n| matches!(n.who, Who::Person(_)))
            .map(|n| c.index.speaker(n.who))
    };
    if let Some(named) = c.index.last_before(c.p, subject_end, 2) {
        // "Matt Lee, analyst at Acme Bank, says": the bank closes the apposition, Lee speaks
        let closes_apposition = text[named.end..cue.at].contains(',');
        if let Some(speaker) = before_cue
            .strip_suffix(',')
            .filter(|_| closes_apposition)
            .and_then(apposed)
        {
            return Some(speaker);
        }
        if let Some(speaker) = coordinated(c, named, sentence_start) {
            return Some(speaker);
        }
        return Some(described_or_named(c, named, subject_end));
    }
    if let Some(head) = before_cue.strip_suffix(',') {
        if let Some(speaker) = apposed(head) {
            return Some(speaker);
        }
        // "X defended the plan, saying …": the subject that opens the sentence
        return c
            .index
            .first_in(c.p, sentence_start, sentence_start + head.len())
            .filter(|n| text[sentence_start..n.start].split_whitespace().count() <= 2)
            .map(|n| c.index.speaker(n.who));
    }
    // "The unions said …", "Both sides said …": a description opening the clause
    let clause_start = sentence_start
        + text[sentence_start..subject_end]
            .rfind([',', ';', ':'])
            .map_or(0, |i| i + 1);
    let phrase_words = words(&text[clause_start..subject_end]);
    if phrase_words.is_empty() || phrase_words.len() > MAX_SUBJECT_WORDS {
        return None;
    }
    let named = c.index.first_in(c.p, clause_start, subject_end);
    match named {
        // "X membenarkan informasi itu dan menyebut …": one who already spoke in the clause
        Some(n) => {
            let between = words(&text[n.end.min(subject_end)..subject_end]);
            (0..between.len())
                .any(|i| c.cues.at(&between, i).is_some())
                .then(|| c.index.speaker(n.who))
        }
        None if phrase_words.len() <= MAX_DESCRIPTION_WORDS => {
            // a demonstrative among the skipped words still points back ("Kepala BIN ini")
            let pointing = words(&text[subject_end..cue.at]).iter().any(|(_, w)| {
                c.pack
                    .statements
                    .demonstratives
                    .iter()
                    .any(|d| d.eq_ignore_ascii_case(w))
            });
            let end = if pointing { cue.at } else { subject_end };
            described_speaker(
                &text[clause_start..end],
                c.index,
                c.pack,
                (c.p, clause_start),
            )
            .or_else(|| {
                // "The utility said": the gap skipped the description's own head word
                (words(&text[clause_start..cue.at]).len() <= MAX_DESCRIPTION_WORDS)
                    .then(|| {
                        described_speaker(
                            &text[clause_start..cue.at],
                            c.index,
                            c.pack,
                            (c.p, clause_start),
                        )
                    })
                    .flatten()
            })
        }
        None => None,
    }
}

/// "Volker and Morrison said": two people named as one subject are described, not either one.
fn coordinated(c: &Context, last: Named, sentence_start: usize) -> Option<Speaker> {
    if last.start < sentence_start || !matches!(last.who, Who::Person(_)) {
        return None;
    }
    let before = c.text[sentence_start..last.start].trim_end();
    let (at, coordinator) = words(before).last().copied()?;
    let joined = c
        .pack
        .entities
        .coordinators
        .iter()
        .any(|k| k.eq_ignore_ascii_case(coordinator));
    if !joined || !before[at + coordinator.len()..].trim().is_empty() {
        return None;
    }
    let first = c
        .index
        .last_before(c.p, sentence_start + at, 2)
        .filter(|n| matches!(n.who, Who::Person(_)) && n.start >= sentence_start)?;
    let start = c.text[sentence_start..first.start]
        .rfind([',', '.'])
        .map_or(sentence_start, |i| sentence_start + i + 1);
    Some(Speaker {
        description: Some(c.text[start..last.end].trim().to_string()),
        ..Speaker::default()
    })
}

/// The most words of a description that speaks ("The California Public Utilities office").
const MAX_DESCRIPTION_WORDS: usize = 5;

/// A name right before the cue as a speaker, with the description around it where an
/// unnamed-speaker word opens it ("Perwakilan KPU RI itu").
fn described_or_named(c: &Context, named: Named, subject_end: usize) -> Speaker {
    let text = c.text;
    let speaker = c.index.speaker(named.who);
    let sentence_start = text[..named.start].rfind(['.', ',']).map_or(0, |i| i + 1);
    let lead = text[sentence_start..named.start].trim().to_lowercase();
    let unnamed = c
        .pack
        .statements
        .unnamed
        .iter()
        .find(|u| lead.ends_with(u.as_str()));
    match (named.who, unnamed) {
        (Who::Institution(_), Some(word)) => {
            let from = sentence_start
                + text[sentence_start..named.start]
                    .to_lowercase()
                    .rfind(word.as_str())
                    .unwrap_or(0);
            Speaker {
                description: Some(text[from..subject_end].trim().to_string()),
                ..speaker
            }
        }
        _ => speaker,
    }
}

/// The reported clause from `from`: past a comma, colon or complementizer, to the end of the
/// sentence or a word that opens another clause (", but …").
fn clause(c: &Context, from: usize, sentence_end: usize) -> Option<(usize, usize)> {
    let text = c.text;
    let mut start = from;
    let rest = &text[from..];
    start += rest.len() - rest.trim_start_matches([' ', ',', ':']).len();
    let first_len = text[start..]
        .find(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '-'))
        .unwrap_or(text.len() - start);
    let first = &text[start..start + first_len];
    if c.pack
        .statements
        .complementizers
        .iter()
        .any(|k| k.eq_ignore_ascii_case(first))
    {
        start += first.len();
        start += text[start..].len() - text[start..].trim_start_matches([' ', ',']).len();
    }
    let end = sentence_end.max(start);
    let end = c
        .pack
        .statements
        .clause_breaks
        .iter()
        .filter_map(|b| text[start..end].find(b.as_str()))
        .min()
        .map_or(end, |i| start + i);
    let end = start + text[start..end].trim_end().len();
    enough_words(text, start, end).then_some((start, end))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::pack;

    fn article(body: &[&str]) -> Article {
        let mut article = Article {
            body: body.iter().map(|s| s.to_string()).collect(),
            ..Article::default()
        };
        crate::extract::extract(&mut article, pack("id").unwrap());
        article
    }

    /// Quoted stretches as first found: every character read.
    fn quoted_char_by_char(text: &str) -> Vec<Quoted> {
        let quote = |(open, start), end, close, closed| Quoted {
            open,
            start,
            end,
            close,
            closed,
        };
        let mut found = Vec::new();
        let mut open: Option<(usize, usize)> = None;
        let mut chars = text.char_indices().peekable();
        while let Some((at, c)) = chars.next() {
            let doubled =
                matches!(c, '‘' | '’') && chars.peek().is_some_and(|&(_, next)| next == c);
            let width = c.len_utf8() * if doubled { 2 } else { 1 };
            let opening =
                OPENING.contains(&c) || (doubled && c == '‘') || (doubled && open.is_none());
            let closing = CLOSING.contains(&c) || doubled;
            match open {
                None if opening => open = Some((at, at + width)),
                Some((from, start)) if closing => {
                    found.push(quote((from, start), at, at + width, true));
                    open = None;
                }
                _ => {}
            }
            if doubled {
                chars.next();
            }
        }
        if let Some(opened) = open {
            found.push(quote(opened, text.len(), text.len(), false));
        }
        found
    }

    #[test]
    fn quotes_are_found_as_when_every_character_was_read() {
        // the marks, their look-alikes that share a first byte (— … « ¬), and other text
        let pieces = [
            "\"", "“", "”", "„", "‘", "’", "‘‘", "’’", "«", "»", "—", "…", "¬", "é", "a b", ",",
            " ",
        ];
        for text in texts_of(&pieces, 0x9e37_79b9_7f4a_7c15) {
            assert_eq!(quoted(&text), quoted_char_by_char(&text), "{text:?}");
        }
    }

    /// 20,000 texts of up to eleven of the pieces each, from a seed.
    fn texts_of<'a>(pieces: &'a [&str], seed: u64) -> impl Iterator<Item = String> + 'a {
        let mut state = seed;
        (0..20_000).map(move |_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let length = (state % 12) as usize;
            (0..length)
                .map(|n| pieces[((state >> (5 * n)) % pieces.len() as u64) as usize])
                .collect()
        })
    }

    /// The words as first read: a character at a time, a word ending where a character is
    /// not part of one.
    fn words_char_by_char(text: &str) -> Vec<(usize, &str)> {
        let part = |c: char| c.is_alphanumeric() || c == '\'' || c == '-';
        let mut out = Vec::new();
        let mut start = None;
        for (at, c) in text.char_indices() {
            match (part(c), start) {
                (true, None) => start = Some(at),
                (false, Some(s)) => {
                    out.push((s, &text[s..at]));
                    start = None;
                }
                _ => {}
            }
        }
        if let Some(s) = start {
            out.push((s, &text[s..]));
        }
        out
    }

    #[test]
    fn words_are_read_as_a_character_at_a_time() {
        // ASCII word and other characters, letters and digits beyond ASCII of two, three and
        // four bytes, and marks beyond ASCII that are no part of a word
        let pieces = [
            "a", "Z", "7", "'", "-", " ", ".", ",", "\n", "é", "ß", "ñ", "中", "٣", "𝐀", "“", "—",
            "…", "\u{a0}", "’",
        ];
        for text in texts_of(&pieces, 0x2545_f491_4f6c_dd1d) {
            assert_eq!(words(&text), words_char_by_char(&text), "{text:?}");
        }
    }

    #[test]
    fn every_cue_form_is_read_in_any_case() {
        for code in ["id", "en"] {
            let pack = crate::lang::pack(code).unwrap();
            let cues = Cues::new(pack);
            for (form, base) in &pack.cue_forms().forms {
                for written in [form.clone(), form.to_uppercase(), capitalise(form)] {
                    let words = words(&written);
                    let width = words.len();
                    assert_eq!(
                        cues.at(&words, 0),
                        Some((base.as_str(), width)),
                        "{written}"
                    );
                }
            }
        }
    }

    fn capitalise(word: &str) -> String {
        let mut chars = word.chars();
        chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect())
            .unwrap_or_default()
    }

    #[test]
    fn direct_quotes_with_cue_after_and_pronoun() {
        let a = article(&[
            "Ketua KPU Hasyim Asy'ari angkat bicara soal sidang di Komisi Informasi Pusat (KIP).",
            "“Sidangnya belum selesai, nanti akan disampaikan jawaban,” ujar Hasyim di Kantor KPU RI.",
            "\"Kami akan hadir pada sidang berikutnya,\" katanya.",
        ]);
        let direct: Vec<_> = a.quotes.iter().filter(|q| q.kind == "direct").collect();
        assert_eq!(direct.len(), 2, "{:?}", a.quotes);
        assert_eq!(
            direct[0].text,
            "Sidangnya belum selesai, nanti akan disampaikan jawaban"
        );
        assert_eq!(direct[0].cue.as_deref(), Some("ujar"));
        assert_eq!(direct[0].speaker.person.as_deref(), Some("Hasyim Asy'ari"));
        assert_eq!(direct[1].cue.as_deref(), Some("kata"));
        assert_eq!(direct[1].speaker.person.as_deref(), Some("Hasyim Asy'ari"));
    }

    fn direct(a: &Article) -> Vec<&Quote> {
        a.quotes.iter().filter(|q| q.kind == "direct").collect()
    }

    #[test]
    fn a_speaker_named_by_a_title_alone_is_described_not_guessed() {
        let a = article(&[
            "Saksi Rini Wulandari dihadirkan dalam sidang di Pengadilan Negeri Bandung.",
            "\"Apakah Saudara menerima uang itu?\" tanya jaksa.",
            "\"Tidak pernah,\" jawab Rini.",
        ]);
        let quotes = direct(&a);
        assert_eq!(quotes[0].speaker.person, None, "{:?}", quotes[0]);
        assert_eq!(quotes[0].speaker.description.as_deref(), Some("jaksa"));
        assert_eq!(quotes[1].speaker.person.as_deref(), Some("Rini Wulandari"));
    }

    #[test]
    fn a_title_the_article_gives_one_person_names_that_person() {
        let a = article(&[
            "Hakim Ketua Bambang Sutrisno membuka sidang perkara itu pada Senin pagi.",
            "\"Sidang kita tunda sampai pekan depan,\" kata hakim ketua.",
        ]);
        assert_eq!(
            direct(&a)[0].speaker.person.as_deref(),
            Some("Bambang Sutrisno")
        );
    }

    #[test]
    fn after_a_role_and_a_comma_the_name_is_the_speaker() {
        let a = article(&[
            "\"Klien saya kooperatif,\" ujar kuasa hukum Andi, Budi Santoso, di Jakarta.",
            "\"Kami terus bekerja,\" tutur Kepala Dinas Pendidikan Hendra Wijaya.",
        ]);
        let quotes = direct(&a);
        assert_eq!(quotes[0].speaker.person.as_deref(), Some("Budi Santoso"));
        assert_eq!(quotes[1].speaker.person.as_deref(), Some("Hendra Wijaya"));
    }

    #[test]
    fn a_pronoun_points_to_a_person_not_a_body() {
        let a = article(&[
            "Gubernur Jawa Barat Dedi Mulyana meninjau proyek itu kemarin.",
            "Pemerintah Provinsi Banten menyatakan siap bekerja sama dalam proyek tersebut.",
            "\"Kami akan mulai bulan depan,\" kata dia.",
        ]);
        assert_eq!(
            direct(&a)[0].speaker.person.as_deref(),
            Some("Dedi Mulyana"),
            "{:?}",
            a.quotes
        );
    }

    #[test]
    fn english_speaker_before_the_cue_and_reported_speech() {
        let mut a = Article {
            body: vec![
                "\"This bridge will connect two neighbourhoods,\" Mayor John Smith said at the meeting.".into(),
                "Smith said that construction would begin in May and cost $4 million.".into(),
                "\"We are delighted,\" he said.".into(),
            ],
            ..Article::default()
        };
        crate::extract::extract(&mut a, pack("en").unwrap());
        let found: Vec<(&str, &str, Option<&str>)> = a
            .quotes
            .iter()
            .map(|q| {
                (
                    q.kind.as_str(),
                    q.cue.as_deref().unwrap_or(""),
                    q.speaker.person.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            found,
            [
                ("direct", "say", Some("John Smith")),
                ("indirect", "say", Some("John Smith")),
                ("direct", "say", Some("John Smith")),
            ]
        );
    }

    #[test]
    fn doubled_single_marks_a_long_apposition_and_a_listener_before_the_quote() {
        let a = english(&[
            "Chef Rosa Delgado and baker Omar Haddad opened the market hall.",
            "“We start small,’’ said Delgado. “The hall will grow with the town.”",
            "“Bread comes first and cakes come later,” the town’s oldest baker, Omar Haddad, said on Friday.",
            "Delgado told the crowd, “Bring your neighbours next week.”",
            "\"Prices stay low,\" Haddad said on the radio show \"Morning Town\" on Monday. \"Nobody pays more than before.\"",
        ]);
        let quotes = direct(&a);
        let found: Vec<(&str, Option<&str>)> = quotes
            .iter()
            .map(|q| (q.text.as_str(), q.speaker.person.as_deref()))
            .collect();
        assert_eq!(
            found,
            [
                (
                    "We start small The hall will grow with the town.",
                    Some("Rosa Delgado")
                ),
                (
                    "Bread comes first and cakes come later",
                    Some("Omar Haddad")
                ),
                ("Bring your neighbours next week.", Some("Rosa Delgado")),
                (
                    "Prices stay low Nobody pays more than before.",
                    Some("Omar Haddad")
                ),
            ]
        );
    }

    #[test]
    fn two_people_as_one_subject_and_an_apposition_that_ends_in_a_body() {
        let a = english(&[
            "Both Nora Quist and Leo Varga told the committee that the audit had been rushed.",
            "Ivan Petrov, an analyst at Harbor Trust Bank, says the shares could fall further.",
        ]);
        let found = summary(&a);
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0].2, None);
        assert_eq!(found[0].3.as_deref(), Some("Both Nora Quist and Leo Varga"));
        assert_eq!(found[1].2.as_deref(), Some("Ivan Petrov"));
    }

    #[test]
    fn a_subject_after_a_sentence_that_ends_in_a_name_is_read_without_a_panic() {
        let a = article(&[
            "Suporter memprotes ancaman kepada pelatih Rahmat Hidayat. The Blue Tigers menyebut ancaman tersebut melanggar aturan main.",
            "Beberapa hari kemudian, suasana haru menyelimuti turnamen itu. Tim Garuda Muda menulis pesan untuk mengenang Budi Santoso.",
        ]);
        assert!(a.quotes.len() <= 2, "{:?}", a.quotes);
    }

    #[test]
    fn a_transcript_line_is_its_speaker_s_statement() {
        let a = english(&[
            "Senator Maria Ortiz questioned harbour master Tom Hale at the hearing.",
            "ORTIZ: Who signed the permit for the new pier?",
            "MR. HALE: The board did, in March.",
            "WASHINGTON: The hearing resumed after a short break.",
        ]);
        let found = summary(&a);
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0].1, "Who signed the permit for the new pier?");
        assert_eq!(found[0].2.as_deref(), Some("Maria Ortiz"));
        assert_eq!(found[1].1, "The board did, in March.");
        assert_eq!(found[1].2.as_deref(), Some("Tom Hale"));
    }

    #[test]
    fn unbalanced_marks_survive() {
        assert_eq!(quoted("Dia berkata “tanpa penutup sampai akhir").len(), 1);
        assert!(!quoted("Dia berkata “tanpa penutup")[0].closed);
    }

    #[test]
    fn reported_speech_with_subject_and_complementizer() {
        let a = article(&[
            "Ketua Komisi Pemilihan Umum (KPU) Hasyim Asy'ari hadir di sidang itu.",
            "Hasyim mengatakan bahwa sidang perkara di KIP belum selesai, maka KPU akan memberi klarifikasi.",
        ]);
        let indirect: Vec<_> = a.quotes.iter().filter(|q| q.kind == "indirect").collect();
        assert_eq!(indirect.len(), 1, "{:?}", a.quotes);
        assert!(indirect[0]
            .text
            .starts_with("sidang perkara di KIP belum selesai"));
        assert_eq!(indirect[0].cue.as_deref(), Some("kata"));
        assert_eq!(
            indirect[0].speaker.person.as_deref(),
            Some("Hasyim Asy'ari")
        );
    }

    fn english(body: &[&str]) -> Article {
        let mut a = Article {
            body: body.iter().map(|s| s.to_string()).collect(),
            ..Article::default()
        };
        crate::extract::extract(&mut a, pack("en").unwrap());
        a
    }

    fn summary(a: &Article) -> Vec<(String, String, Option<String>, Option<String>)> {
        a.quotes
            .iter()
            .map(|q| {
                (
                    q.kind.clone(),
                    q.text.clone(),
                    q.speaker.person.clone(),
                    q.speaker.description.clone(),
                )
            })
            .collect()
    }

    #[test]
    fn an_interrupted_quote_is_one_statement() {
        let a = english(&[
            "Harbor master Lena Okafor inspected the pier on Monday.",
            "\"The pier is safe for now,\" Okafor said. \"We will check it again in spring.\"",
        ]);
        let quotes = direct(&a);
        assert_eq!(quotes.len(), 1, "{:?}", a.quotes);
        assert_eq!(
            quotes[0].text,
            "The pier is safe for now We will check it again in spring."
        );
        assert_eq!(quotes[0].speaker.person.as_deref(), Some("Lena Okafor"));
    }

    #[test]
    fn a_quote_without_a_cue_is_nobody_s_unless_it_continues_one() {
        let a = english(&[
            "Tom Reyes said the harvest came late this year.",
            "The co-op sells its apples under the name \"Valley Gold Reserve Brand\" at markets.",
            "\"We lost a third of the crop to frost,\" said Reyes.",
            "\"Next year we plant earlier and cover the young trees.\"",
        ]);
        let quotes = direct(&a);
        assert_eq!(quotes.len(), 2, "{:?}", a.quotes);
        assert_eq!(quotes[1].speaker.person.as_deref(), Some("Tom Reyes"));
        assert_eq!(quotes[1].cue.as_deref(), Some("say"));
    }

    #[test]
    fn english_reported_speech_in_its_common_shapes() {
        let a = english(&[
            "The river rose two metres overnight, officials said.",
            "Mayor Ana Lindqvist told reporters that the bridge would stay closed until Friday.",
            "The flood barrier held better than expected, according to the city engineer.",
            "The utility said it would restore power within two days, but it gave no details.",
        ]);
        let found = summary(&a);
        assert_eq!(found.len(), 4, "{found:?}");
        assert_eq!(found[0].1, "The river rose two metres overnight");
        assert_eq!(found[0].3.as_deref(), Some("officials"));
        assert_eq!(found[1].1, "the bridge would stay closed until Friday");
        assert_eq!(found[1].2.as_deref(), Some("Ana Lindqvist"));
        assert_eq!(found[2].1, "The flood barrier held better than expected");
        assert_eq!(found[2].3.as_deref(), Some("the city engineer"));
        assert_eq!(found[3].1, "it would restore power within two days");
        assert_eq!(found[3].3.as_deref(), Some("The utility"));
    }

    #[test]
    fn an_attribution_split_off_as_its_own_sentence_still_reports_the_quote() {
        let a = english(&[
            "\"The bridge is open again!\" workers announced on the radio. \"Come over now.\"",
            "Pinpoint the need first: who will the shop serve? Warning: most owners skip this step.",
        ]);
        let found = summary(&a);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, "direct");
    }

    #[test]
    fn the_speaker_after_an_inverted_cue_and_a_quoted_phrase_inside_reported_speech() {
        let a = english(&[
            "\"Nobody told us about the closure,\" said Dr. Mira Castell, a local dentist.",
            "Castell said she was \"deeply surprised\" by the decision.",
            "The state budget office and a report on schools were cited.",
        ]);
        let found = summary(&a);
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0].0, "direct");
        assert_eq!(found[0].2.as_deref(), Some("Mira Castell"));
        assert_eq!(found[1].0, "indirect");
        assert_eq!(found[1].1, "she was \"deeply surprised\" by the decision");
    }

    #[test]
    fn a_title_pointed_back_at_names_the_person_before() {
        let a = article(&[
            "Mantan Kepala Dinas Kesehatan Rudi Hartanto hadir dalam diskusi itu.",
            "Eks Kepala Dinas ini menilai, layanan puskesmas perlu diperluas ke desa terpencil.",
        ]);
        let indirect: Vec<_> = a.quotes.iter().filter(|q| q.kind == "indirect").collect();
        assert_eq!(indirect.len(), 1, "{:?}", a.quotes);
        assert_eq!(indirect[0].speaker.person.as_deref(), Some("Rudi Hartanto"));
    }

    #[test]
    fn a_clause_quoted_after_said_that_is_the_speaker_s_own_words() {
        let a = english(&[
            "\"The bridge stays shut,\" transport chief Omar Reyes said.",
            "In a letter to the council, Mayor Lina Ortiz said that \"closing the school now \
             would leave hundreds of families without any place to go.\" She said the plan \
             needed review.",
        ]);
        let found = summary(&a);
        let letter = found
            .iter()
            .find(|f| f.1.starts_with("closing the school"))
            .unwrap_or_else(|| panic!("{found:?}"));
        assert_eq!(letter.0, "direct");
        assert_eq!(letter.2.as_deref(), Some("Lina Ortiz"));
        assert!(
            found.iter().all(|f| !f.1.contains("\"closing")),
            "no reported copy with the marks: {found:?}"
        );
    }

    #[test]
    fn a_cue_before_the_quote_wins_when_the_quote_awaits_none_after_it() {
        let a = english(&[
            "Ferry operator Tom Vance thanked the crew.",
            "Harbour Minister Ana Silva said in a statement, \"We are deeply relieved\" at \
             the rescue, adding that the crew had been brave.",
            "Nurses chanted, \"Staff our wards,\" as the minister arrived.",
        ]);
        let found = summary(&a);
        let relieved = found.iter().find(|f| f.1 == "We are deeply relieved");
        assert_eq!(
            relieved.and_then(|f| f.2.as_deref()),
            Some("Ana Silva"),
            "{found:?}"
        );
        let chant = found.iter().find(|f| f.1 == "Staff our wards");
        assert_eq!(
            chant.map(|f| (f.2.as_deref(), f.3.as_deref())),
            Some((None, Some("Nurses"))),
            "{found:?}"
        );
    }

    #[test]
    fn a_capitalised_name_that_speaks_is_a_body() {
        let a = english(&["Ohio State Police reported that 300 cars were stuck on the road."]);
        let quote = &a.quotes[0];
        assert_eq!(
            quote.speaker.institution.as_deref(),
            Some("Ohio State Police")
        );
        assert_eq!(quote.speaker.person, None);
    }
}
