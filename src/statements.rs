//! Who said what: direct quotes in any quotation-mark style and reported speech, each with its
//! reporting word (the cue) and its speaker: a named person, a pronoun resolved to the speaker
//! before, or an unnamed speaker described by role and tied to an institution.

use std::collections::HashMap;

use crate::lang::{Pack, StatementWords};
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

/// Reporting-word forms to their base.
struct Cues<'a> {
    forms: HashMap<String, &'a str>,
    words: &'a StatementWords,
}

impl<'a> Cues<'a> {
    fn new(words: &'a StatementWords) -> Self {
        let mut forms = HashMap::new();
        for entry in &words.cues {
            if let Some((base, rest)) = entry.split_first() {
                for form in rest {
                    forms.insert(form.to_lowercase(), base.as_str());
                }
            }
        }
        Cues { forms, words }
    }

    fn base(&self, word: &str) -> Option<&'a str> {
        self.forms.get(&word.to_lowercase()).copied()
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
#[derive(Debug, Clone, Copy)]
struct Quoted {
    open: usize,
    start: usize,
    end: usize,
    close: usize,
    closed: bool,
}

/// Quoted stretches in a paragraph; double marks of any style toggle, an unclosed quote runs to
/// the paragraph's end.
fn quoted(text: &str) -> Vec<Quoted> {
    let mut found = Vec::new();
    let mut open: Option<usize> = None;
    for (at, c) in text.char_indices() {
        match open {
            None if OPENING.contains(&c) => open = Some(at),
            Some(from) if CLOSING.contains(&c) => {
                let start = from + text[from..].chars().next().map_or(1, char::len_utf8);
                found.push(Quoted {
                    open: from,
                    start,
                    end: at,
                    close: at + c.len_utf8(),
                    closed: true,
                });
                open = None;
            }
            _ => {}
        }
    }
    if let Some(from) = open {
        let start = from + text[from..].chars().next().map_or(1, char::len_utf8);
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

fn words(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let part = c.is_alphanumeric() || c == '\'' || c == '-';
        match (part, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, &text[s..i]));
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

fn clean_quote(text: &str) -> String {
    text.trim().trim_end_matches([',', ' ']).trim().to_string()
}

/// All statements of an article: direct quotes first found, then reported speech.
pub fn extract(article: &Article, pack: &Pack) -> Vec<Quote> {
    let index = Index::new(article);
    let cues = Cues::new(&pack.statements);
    let mut quotes: Vec<(usize, usize, Quote)> = Vec::new();
    let mut last_speaker: Option<Speaker> = None;
    for (p, text) in article.body.iter().enumerate() {
        let spans = quoted(text);
        for q in &spans {
            let content = clean_quote(&text[q.start..q.end]);
            if content.split_whitespace().count() < 2 {
                continue;
            }
            let (cue, speaker) = cue_after(text, p, q, &cues, &index, pack)
                .or_else(|| cue_before(text, p, q, &cues, &index))
                .map(|(cue, speaker)| (Some(cue), speaker))
                .unwrap_or((None, None));
            let speaker = match speaker {
                Some(Some(speaker)) => Some(speaker),
                // a pronoun, or a quote running on from the paragraph before: the last speaker,
                // else the last person named
                _ => index.pronoun_referent(&last_speaker, p, q.open),
            };
            if let Some(speaker) = &speaker {
                last_speaker = Some(speaker.clone());
            }
            quotes.push((
                p,
                q.start,
                Quote {
                    text: content,
                    kind: "direct".into(),
                    speaker: speaker.unwrap_or_default(),
                    cue: cue.map(str::to_string),
                    span: Some(index.offsets[p].span(p, q.start, q.end)),
                },
            ));
        }
        for (start, quote) in reported(text, p, &spans, &cues, &index, pack, &mut last_speaker) {
            quotes.push((p, start, quote));
        }
    }
    quotes.sort_by_key(|(p, start, _)| (*p, *start));
    quotes.into_iter().map(|(_, _, q)| q).collect()
}

/// The speaker named in `text[from..]` up to the first break: a person or body, else the
/// words describing an unnamed one.
fn speaker_in(text: &str, p: usize, from: usize, index: &Index, pack: &Pack) -> Option<Speaker> {
    let words_after = words(&text[from..]);
    let breaks = &pack.statements.speaker_breaks;
    let mut end = text.len();
    for (at, word) in &words_after {
        let at = from + at;
        if breaks.iter().any(|b| b.eq_ignore_ascii_case(word)) && at > from {
            end = at;
            break;
        }
    }
    if let Some(stop) = text[from..end].find([',', '.', ';', ':']).map(|i| from + i) {
        end = stop.max(from);
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
        return described_speaker(region, index, pack);
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

/// A speaker named by a title or description alone ("tanya jaksa", "kata seorang saksi"):
/// the one person the article gives that title, else the description with no person.
fn described_speaker(region: &str, index: &Index, pack: &Pack) -> Option<Speaker> {
    let lower = region.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    let title_words = pack.entities.titles.longest_at(words.iter().copied());
    let unnamed = pack
        .statements
        .unnamed
        .iter()
        .any(|u| lower.starts_with(u.as_str()));
    if title_words == 0 && !unnamed {
        return None;
    }
    if title_words == words.len() {
        if let Some(holder) = index.sole_holder(&words.join(" ")) {
            return Some(holder);
        }
    }
    Some(Speaker {
        description: Some(region.to_string()),
        ..Speaker::default()
    })
}

/// `“…,” kata X` / `“…,” ujarnya`: the cue right after the closing mark. The inner option is
/// None where the cue only points back (a pronoun).
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
    let mut iter = after.iter().take(3);
    let (mut at, mut word) = *iter.next()?;
    // only punctuation and spaces between the mark and the cue
    if text[q.close..q.close + at]
        .chars()
        .any(char::is_alphanumeric)
    {
        return None;
    }
    // "“…,” Mayor John Smith said" / "“…,” he said": the speaker before the cue
    if cues.base(word).is_none()
        && !cues
            .words
            .fillers
            .iter()
            .any(|f| f.eq_ignore_ascii_case(word))
    {
        let (cue_at, cue) = after
            .iter()
            .take(6)
            .skip(1)
            .find(|(_, w)| cues.base(w).is_some())
            .copied()?;
        if text[q.close..q.close + cue_at].contains(['.', '!', '?']) {
            return None;
        }
        let base = cues.base(cue)?;
        if cues.is_pronoun(word) {
            return Some((base, None));
        }
        return Some((base, Some(speaker_in(text, p, q.close, index, pack))));
    }
    if cues
        .words
        .fillers
        .iter()
        .any(|f| f.eq_ignore_ascii_case(word))
    {
        (at, word) = *iter.next()?;
    }
    let base = cues.base(word)?;
    if cues.has_pronoun(word) {
        return Some((base, None));
    }
    let from = q.close + at + word.len();
    let speaker = speaker_in(text, p, from, index, pack);
    if speaker.is_none()
        && words(&text[from..])
            .first()
            .is_some_and(|(_, w)| cues.is_pronoun(w))
    {
        return Some((base, None));
    }
    Some((base, Some(speaker)))
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
    let before = &text[..q.open];
    if before.trim_end().ends_with(|c: char| c.is_alphanumeric()) {
        // no comma or colon between cue and quote: the quote is part of the sentence
        return None;
    }
    let (at, word) = *words(before).last()?;
    let base = cues.base(word)?;
    let subject = index.last_before(p, at, 30).map(|n| index.speaker(n.who));
    Some((base, Some(subject)))
}

/// Reported speech: `X mengatakan bahwa …`, `X menegaskan, …`, `menurut X, …`.
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
    let sentences = crate::sentences::sentences(text, &pack.statements.abbreviations);
    for (i, &(at, word)) in all.iter().enumerate() {
        let Some(base) = cues.base(word) else {
            continue;
        };
        if inside_quote(at)
            || cues.has_pronoun(word)
            || (word.eq_ignore_ascii_case(base) && !cues.leads(base))
        {
            // the bare base ("kata X") follows a quote; "-nya" forms point back to one
            continue;
        }
        // "“…,” Mayor Smith said at …": a verb after a quote in its sentence reports that quote
        let sentence_start = sentences
            .iter()
            .find(|&&(s, e)| s <= at && at < e)
            .map_or(0, |&(s, _)| s);
        let opened = quoted_spans.partition_point(|q| q.open < at);
        if opened > 0 && quoted_spans[opened - 1].close >= sentence_start {
            continue;
        }
        let after = at + word.len();
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
        let (speaker, clause_from) = if cues.leads(base) {
            let Some(comma) = text[after..].find(',').map(|c| after + c) else {
                continue;
            };
            let Some(speaker) = speaker_in(text, p, after, index, pack) else {
                continue;
            };
            (Some(speaker), comma + 1)
        } else {
            (
                subject_before(text, p, at, &all[..i], cues, index, pack, last_speaker),
                after,
            )
        };
        let Some(speaker) = speaker else { continue };
        let Some((start, end)) = clause(
            text,
            clause_from,
            &sentences,
            &pack.statements.complementizers,
        ) else {
            continue;
        };
        let next_quote = quoted_spans.partition_point(|q| q.open < clause_from);
        if quoted_spans.get(next_quote).is_some_and(|q| q.open < end) {
            continue;
        }
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

/// Who does the reporting verb at `at`: a name ending just before it (adverbs such as "pun"
/// between), a pronoun for the last speaker, or an unnamed speaker's description.
#[allow(clippy::too_many_arguments)]
fn subject_before(
    text: &str,
    p: usize,
    at: usize,
    before: &[(usize, &str)],
    cues: &Cues,
    index: &Index,
    pack: &Pack,
    last_speaker: &Option<Speaker>,
) -> Option<Speaker> {
    // at most two small lower-case words ("pun", "juga", "kembali") between subject and verb
    let mut gap = 0;
    let mut subject_end = at;
    for &(w_at, w) in before.iter().rev() {
        let small = w.chars().next().is_some_and(char::is_lowercase) && w.len() <= 10;
        if small
            && gap < 2
            && !cues.is_pronoun(w)
            && !text[w_at + w.len()..subject_end].contains([',', '.'])
        {
            gap += 1;
            subject_end = w_at;
            continue;
        }
        if cues.is_pronoun(w) {
            return index.pronoun_referent(last_speaker, p, w_at);
        }
        break;
    }
    let named = index.last_before(p, subject_end, 2)?;
    let speaker = index.speaker(named.who);
    // "Perwakilan KPU RI itu": a description opening with an unnamed-speaker word
    let sentence_start = text[..named.start].rfind(['.', ',']).map_or(0, |i| i + 1);
    let lead = text[sentence_start..named.start].trim();
    let unnamed = pack
        .statements
        .unnamed
        .iter()
        .find(|u| lead.to_lowercase().ends_with(u.as_str()));
    match (named.who, unnamed) {
        (Who::Institution(_), Some(word)) => {
            let from = sentence_start
                + text[sentence_start..named.start]
                    .to_lowercase()
                    .rfind(word.as_str())
                    .unwrap_or(0);
            Some(Speaker {
                description: Some(text[from..subject_end].trim().to_string()),
                ..speaker
            })
        }
        _ => Some(speaker),
    }
}

/// The reported clause after a verb: past a comma, colon or complementizer, to the end of the
/// sentence.
fn clause(
    text: &str,
    from: usize,
    sentences: &[(usize, usize)],
    complementizers: &[String],
) -> Option<(usize, usize)> {
    let mut start = from;
    let rest = &text[from..];
    start += rest.len() - rest.trim_start_matches([' ', ',', ':']).len();
    let first_len = text[start..]
        .find(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '-'))
        .unwrap_or(text.len() - start);
    let first = &text[start..start + first_len];
    if complementizers
        .iter()
        .any(|c| c.eq_ignore_ascii_case(first))
    {
        start += first.len();
        start += text[start..].len() - text[start..].trim_start_matches([' ', ',']).len();
    }
    let end = sentences
        .iter()
        .find(|&&(s, e)| s <= start && start < e)
        .map_or(text.len(), |&(_, e)| e);
    let end = start + text[start..end].trim_end().len();
    (text[start..end].split_whitespace().nth(2).is_some()).then_some((start, end))
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
}
