//! Disputes an article reports: what kind, which body hears it, its case numbers, and the two
//! sides, read from the language pack's words for petitioner and respondent.

use crate::lang::{DisputeWords, Pack, Phrases};
use crate::record::{Article, Dispute, Offsets};

/// An institution or person named in a paragraph, by byte range, with its record name.
struct Party {
    paragraph: usize,
    start: usize,
    end: usize,
    name: String,
    person: bool,
}

fn parties(article: &Article) -> Vec<Party> {
    let institutions = article
        .institutions
        .iter()
        .flat_map(|i| i.spans.iter().map(move |s| (&i.name, s, false)))
        .filter(|(_, s, _)| !s.title);
    let people = article
        .people
        .iter()
        .flat_map(|p| p.spans.iter().map(move |s| (&p.name, s, true)))
        .filter(|(_, s, _)| !s.title);
    let offsets: Vec<Offsets> = article.body.iter().map(|text| Offsets::new(text)).collect();
    let mut all: Vec<Party> = institutions
        .chain(people)
        .filter_map(|(name, span, person)| {
            let offsets = offsets.get(span.paragraph)?;
            Some(Party {
                paragraph: span.paragraph,
                start: offsets.byte_of(span.start),
                end: offsets.byte_of(span.end),
                name: name.clone(),
                person,
            })
        })
        .collect();
    all.sort_by_key(|p| (p.paragraph, p.start));
    all
}

/// The disputes the article reports: a hearing (a dispute, a lawsuit, a case with its
/// number) and a criminal case with a named suspect or defendant (SPEC 1.1).
pub fn extract(article: &Article, pack: &Pack) -> Vec<Dispute> {
    let lower: Vec<String> = article.body.iter().map(|p| p.to_lowercase()).collect();
    // a paragraph without one of the words searched for is passed over
    let lower: Vec<Option<&str>> = lower
        .iter()
        .map(|p| pack.disputes.any_in(p).then_some(p.as_str()))
        .collect();
    let named = parties(article);
    let hearing = hearing(article, pack, &lower, &named);
    let criminal = criminal(article, pack, &lower, &named);
    match (hearing, criminal) {
        (Some(h), Some(c)) if h.petitioner.is_none() && h.respondent.is_none() => {
            vec![Dispute {
                cases: if c.cases.is_empty() { h.cases } else { c.cases },
                ..c
            }]
        }
        (h, c) => h.into_iter().chain(c).collect(),
    }
}

/// A hearing: the pack's words for a dispute, or a case number, with the sides its words
/// for petitioner and respondent name.
fn hearing(
    article: &Article,
    pack: &Pack,
    lower: &[Option<&str>],
    named: &[Party],
) -> Option<Dispute> {
    let words = &pack.disputes;
    let cases: Vec<String> = article
        .registers
        .iter()
        .filter(|r| r.kind == "case")
        .map(|r| r.number.clone())
        .collect();
    let kind = words
        .kinds
        .iter()
        .find(|k| lower.iter().flatten().any(|p| contains_word(p, k)))
        .cloned()
        .or_else(|| {
            // a numbered case is a hearing even where the text has no word for a dispute
            (!cases.is_empty()).then(|| words.case_words.first().cloned().unwrap_or_default())
        })?;
    // "PT" opens a high court's short name and every company's: a forum by any other word
    // comes first
    let company_prefixes = &pack.entities.company_prefixes;
    let forum_by = |i: &crate::record::Institution, company_words: bool| {
        std::iter::once(&i.name).chain(&i.acronyms).any(|form| {
            let form = form.to_lowercase();
            words
                .forums
                .iter()
                .filter(|f| company_prefixes.contains(f) == company_words)
                .any(|f| form == *f || form.starts_with(&format!("{f} ")))
        })
    };
    let forum = [false, true]
        .into_iter()
        .find_map(|company_words| {
            article
                .institutions
                .iter()
                .find(|i| forum_by(i, company_words))
        })
        .map(|i| i.name.clone());
    let (mut petitioner, mut respondent) = (None, None);
    let mut suits = (None, None);
    for (p, text) in lower.iter().enumerate() {
        crate::budget::check();
        let Some(text) = *text else { continue };
        let here: Vec<&Party> = named
            .iter()
            .filter(|n| n.paragraph == p && Some(&n.name) != forum.as_ref())
            .collect();
        petitioner = petitioner.or_else(|| side(text, &here, &words.petitioner, words));
        respondent = respondent.or_else(|| side(text, &here, &words.respondent, words));
        if let Some((first, second)) = between(text, &here, words) {
            petitioner = petitioner.or(Some(first));
            respondent = respondent.or(Some(second));
        }
        if suits.0.is_none() {
            suits = suit(text, &here, words, &pack.statements.not_said);
        }
    }
    // the sides a verb of suing shows count where the words for the sides name none
    petitioner = petitioner.or(suits.0);
    respondent = respondent.or(suits.1);
    if petitioner == respondent {
        petitioner = None;
    }
    Some(Dispute {
        kind,
        forum,
        cases,
        petitioner,
        respondent,
    })
}

/// A criminal case: the person the text calls a suspect or defendant ("tersangka X", "X
/// ditetapkan sebagai tersangka", "yang menjerat X"), the body that investigates or
/// prosecutes, and the court once it is tried. No suspect named, no dispute.
fn criminal(
    article: &Article,
    pack: &Pack,
    lower: &[Option<&str>],
    named: &[Party],
) -> Option<Dispute> {
    let words = &pack.disputes;
    let people: Vec<&Party> = named.iter().filter(|n| n.person).collect();
    // (name, first place named as accused, times), and whether a trial is under way
    let mut accused: Vec<(String, (usize, usize), usize)> = Vec::new();
    let mut tried = false;
    for (p, text) in lower.iter().enumerate() {
        crate::budget::check();
        let Some(text) = *text else { continue };
        let here: Vec<&Party> = people
            .iter()
            .copied()
            .filter(|n| n.paragraph == p)
            .collect();
        for (at, word, name) in accused_in(text, &here, words) {
            tried |= words.on_trial.contains(&word);
            match accused.iter_mut().find(|(n, _, _)| *n == name) {
                Some(entry) => entry.2 += 1,
                None => accused.push((name, (p, at), 1)),
            }
        }
    }
    let (respondent, (paragraph, _), _) = accused
        .into_iter()
        .min_by_key(|(_, place, times)| (std::cmp::Reverse(*times), *place))?;
    let petitioner = body_named_most(article, &words.prosecutors, &pack.entities.name_suffixes);
    let forum = tried
        .then(|| body_named_most(article, &words.courts, &pack.entities.name_suffixes))
        .flatten();
    let kind = case_name(&article.body, paragraph, words)
        .or_else(|| (0..article.body.len()).find_map(|p| case_name(&article.body, p, words)))
        .unwrap_or_else(|| words.case_words.first().cloned().unwrap_or_default());
    Some(Dispute {
        kind,
        forum,
        cases: Vec::new(),
        petitioner,
        respondent: Some(respondent),
    })
}

/// Each person a paragraph names as accused: (where, the status word, the name).
fn accused_in(text: &str, here: &[&Party], words: &DisputeWords) -> Vec<(usize, String, String)> {
    let mut found = Vec::new();
    for status in &words.accused_before_name {
        for (at, _) in text.match_indices(status.as_str()) {
            if !contains_word(&text[at..], status) || !word_starts(text, at) {
                continue;
            }
            let from = at + status.len();
            let next = here
                .iter()
                .filter(|n| n.start >= from && n.start - from <= 60)
                .filter(|n| !text[from..n.start].contains(['.', ';', '(']))
                .min_by_key(|n| n.start);
            if let Some(person) = next {
                found.push((at, status.clone(), person.name.clone()));
            }
        }
    }
    for status in &words.accused_after_name {
        for (at, _) in text.match_indices(status.as_str()) {
            if !contains_word(&text[at..], status) || !word_starts(text, at) {
                continue;
            }
            let mut lead = text[..at].trim_end();
            while let Some(shorter) = words
                .status_links
                .iter()
                .find_map(|w| lead.strip_suffix(w.as_str()))
                .filter(|s| s.is_empty() || s.ends_with([' ', ',']))
            {
                lead = shorter.trim_end_matches([' ', ',']);
            }
            if let Some(person) = here.iter().find(|n| n.end == lead.len()) {
                found.push((at, status.clone(), person.name.clone()));
            }
        }
    }
    found
}

fn word_starts(text: &str, at: usize) -> bool {
    text[..at]
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_alphanumeric())
}

/// The institution named most often whose name opens with one of `heads`, without a
/// country suffix ("Kejaksaan Agung RI" is Kejaksaan Agung).
fn body_named_most(article: &Article, heads: &[String], suffixes: &Phrases) -> Option<String> {
    let opens = |form: &str| {
        let form = form.to_lowercase();
        heads
            .iter()
            .any(|h| form == *h || form.starts_with(&format!("{h} ")))
    };
    let body = article
        .institutions
        .iter()
        .filter(|i| {
            std::iter::once(&i.name)
                .chain(&i.acronyms)
                .chain(&i.mentions)
                .any(|f| opens(f))
        })
        .max_by_key(|i| i.spans.len())?;
    let words: Vec<&str> = body.name.split_whitespace().collect();
    let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    let keep = (1..words.len())
        .find(|&k| suffixes.longest_at(lower[k..].iter().map(String::as_str)) == words.len() - k)
        .unwrap_or(words.len());
    Some(words[..keep].join(" "))
}

/// The text's own name for the case: from a case word to the end of its phrase ("kasus dugaan
/// korupsi pemberian kredit"), at most ten words.
fn case_name(body: &[String], paragraph: usize, words: &DisputeWords) -> Option<String> {
    let text = body.get(paragraph)?;
    let lower = text.to_lowercase();
    let at = words
        .case_words
        .iter()
        .filter_map(|w| {
            lower
                .match_indices(w.as_str())
                .find(|(at, _)| word_starts(&lower, *at) && contains_word(&lower[*at..], w))
                .map(|(at, _)| at)
        })
        .min()?;
    let phrase = &text[at..];
    let end = phrase
        .find([',', '.', ';', ':', '"', '“', '('])
        .unwrap_or(phrase.len());
    let name: Vec<&str> = phrase[..end].split_whitespace().take(10).collect();
    (name.len() >= 2).then(|| name.join(" "))
}

fn contains_word(text: &str, phrase: &str) -> bool {
    text.match_indices(phrase).any(|(at, _)| {
        let before = text[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        let after = text[at + phrase.len()..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric());
        before && after
    })
}

/// The party a side word names: "X selaku termohon" (the name just before the linking word)
/// or "pemohon adalah X" (the name just after).
fn side(
    text: &str,
    here: &[&Party],
    side_words: &[String],
    words: &DisputeWords,
) -> Option<String> {
    for side_word in side_words {
        for (at, _) in text
            .match_indices(side_word.as_str())
            .filter(|(at, _)| contains_word(&text[*at..], side_word))
        {
            let mut lead = text[..at].trim_end();
            // "KPU RI merupakan pihak termohon": strip every linking word
            while let Some(shorter) = words
                .before_side
                .iter()
                .find_map(|w| lead.strip_suffix(w.as_str()).map(str::trim_end))
            {
                lead = shorter;
            }
            if lead.len() < text[..at].trim_end().len() {
                let lead = lead.trim_end_matches([' ', ',']);
                if let Some(party) = here.iter().find(|n| {
                    n.end == lead.len()
                        || (n.end < lead.len()
                            && lead[n.end..].trim_start_matches(')').trim().is_empty())
                }) {
                    return Some(party.name.clone());
                }
            }
            let tail_start = at + side_word.len();
            let tail = &text[tail_start..];
            let trimmed = tail.trim_start_matches([' ', ',']);
            let linked = words
                .after_side
                .iter()
                .find_map(|w| trimmed.strip_prefix(w.as_str()))
                .map(|t| t.trim_start());
            if let Some(rest) = linked {
                let from = text.len() - rest.len();
                if let Some(party) = here
                    .iter()
                    .filter(|n| n.start >= from)
                    .min_by_key(|n| n.start - from)
                    .filter(|n| n.start - from <= 40)
                {
                    return Some(party.name.clone());
                }
            }
        }
    }
    None
}

/// "Dimas sang penulis lagu menggugatnya", "PT A menggugat PT B": the party named shortly
/// before a verb of suing brings the suit, the party right after it is sued; not where the
/// words between say it was not done.
fn suit(
    text: &str,
    here: &[&Party],
    words: &DisputeWords,
    negations: &[String],
) -> (Option<String>, Option<String>) {
    for verb in &words.suing_verbs {
        for (at, _) in text
            .match_indices(verb.as_str())
            .filter(|(at, _)| contains_word(&text[*at..], verb) && word_starts(text, *at))
        {
            let end = at + verb.len();
            // a short description may stand between the party and the verb, no clause break
            // nor a word that says it did not happen ("BMW tidak melayangkan gugatan")
            let said_so = |gap: &str| {
                !gap.contains([',', '.'])
                    && !gap
                        .split_whitespace()
                        .any(|w| negations.iter().any(|n| n == w))
            };
            let before = here
                .iter()
                .filter(|n| n.end <= at && at - n.end <= 40 && said_so(&text[n.end..at]))
                .max_by_key(|n| n.end);
            let after = here
                .iter()
                .filter(|n| n.start >= end && n.start - end <= 2)
                .min_by_key(|n| n.start);
            if let Some(before) = before {
                let sued = after
                    .filter(|a| a.name != before.name)
                    .map(|a| a.name.clone());
                return (Some(before.name.clone()), sued);
            }
        }
    }
    (None, None)
}

/// "antara X dengan Y", "diajukan X terhadap Y": the first party petitions, the second responds.
fn between(text: &str, here: &[&Party], words: &DisputeWords) -> Option<(String, String)> {
    for pair in &words.between {
        let [opening, joining] = pair.as_slice() else {
            continue;
        };
        let Some(at) = text.find(&format!("{opening} ")) else {
            continue;
        };
        let from = at + opening.len();
        let first = here
            .iter()
            .filter(|n| n.start >= from && n.start - from <= 40)
            .min_by_key(|n| n.start)?;
        let gap = &text[first.end..];
        let Some(join_at) = gap.find(&format!(" {joining} ")) else {
            continue;
        };
        let second_from = first.end + join_at + joining.len() + 2;
        let second = here
            .iter()
            .filter(|n| n.start >= second_from && n.start - second_from <= 5)
            .min_by_key(|n| n.start)?;
        // only where the sentence speaks of a dispute's sides, not of a contract between two
        let sentence_end = text[second.end..]
            .find(". ")
            .map_or(text.len(), |i| second.end + i);
        let sentence = &text[at..sentence_end];
        let about_sides = words
            .petitioner
            .iter()
            .chain(&words.respondent)
            .chain(&words.kinds)
            .any(|w| contains_word(sentence, w));
        if first.name != second.name && about_sides {
            return Some((first.name.clone(), second.name.clone()));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::pack;

    fn disputes_of(body: &[&str]) -> Vec<Dispute> {
        let mut article = Article {
            body: body.iter().map(|s| s.to_string()).collect(),
            ..Article::default()
        };
        crate::extract::extract(&mut article, pack("id").unwrap());
        article.disputes
    }

    #[test]
    fn a_paragraph_is_read_for_sides_only_where_a_dispute_word_is() {
        let words = &pack("id").unwrap().disputes;
        assert!(words.any_in("sidang sengketa informasi digelar di kip."));
        assert!(words.any_in("budi ditetapkan sebagai tersangka oleh polisi."));
        assert!(!words.any_in("harga cabai di pasar naik lagi minggu ini."));
        let words = &pack("en").unwrap().disputes;
        assert!(words.any_in("the company filed a lawsuit against the city."));
        assert!(!words.any_in("the mayor opened a new bridge on monday."));
    }

    #[test]
    fn who_sues_and_whom_from_the_verb_of_suing() {
        let disputes = disputes_of(&[
            "Penyanyi Rina Melati digugat ke pengadilan. Dimas Prakoso sang penulis lagu \
             menggugatnya atas dugaan pelanggaran hak cipta.",
            "Gugatan itu didaftarkan di Pengadilan Niaga Jakarta Pusat.",
        ]);
        assert_eq!(disputes.len(), 1, "{disputes:?}");
        assert_eq!(disputes[0].petitioner.as_deref(), Some("Dimas Prakoso"));
        let disputes = disputes_of(&[
            "PT Sinar Jaya menggugat PT Maju Terus ke Pengadilan Negeri Surabaya dalam gugatan wanprestasi.",
        ]);
        assert_eq!(disputes[0].petitioner.as_deref(), Some("PT Sinar Jaya"));
        assert_eq!(disputes[0].respondent.as_deref(), Some("PT Maju Terus"));
        assert_eq!(
            disputes[0].forum.as_deref(),
            Some("Pengadilan Negeri Surabaya"),
            "a company is no high court"
        );
        let disputes = disputes_of(&[
            "Soal gugatan itu, PT Sinar Jaya tidak melayangkan gugatan kepada PT Maju Terus.",
        ]);
        assert_eq!(disputes[0].petitioner, None, "{disputes:?}");
    }

    #[test]
    fn a_criminal_case_with_a_named_suspect() {
        let disputes = disputes_of(&[
            "Kejaksaan Tinggi Jawa Tengah menetapkan Bambang Sutrisno sebagai tersangka kasus dugaan korupsi dana desa.",
            "Kejaksaan Tinggi Jawa Tengah masih memeriksa saksi lain.",
        ]);
        assert_eq!(disputes.len(), 1, "{disputes:?}");
        let case = &disputes[0];
        assert_eq!(case.respondent.as_deref(), Some("Bambang Sutrisno"));
        assert_eq!(
            case.petitioner.as_deref(),
            Some("Kejaksaan Tinggi Jawa Tengah")
        );
        assert_eq!(case.forum, None, "under investigation, no court yet");
        assert!(
            case.kind.starts_with("kasus dugaan korupsi"),
            "{}",
            case.kind
        );
    }

    #[test]
    fn a_defendant_before_a_court() {
        let disputes = disputes_of(&[
            "Sidang terdakwa Rahmat Hidayat digelar di Pengadilan Negeri Semarang pada Senin.",
        ]);
        assert_eq!(disputes[0].respondent.as_deref(), Some("Rahmat Hidayat"));
        assert_eq!(
            disputes[0].forum.as_deref(),
            Some("Pengadilan Negeri Semarang")
        );
    }

    #[test]
    fn a_crime_story_without_a_suspect_is_no_dispute() {
        let disputes = disputes_of(&[
            "Polisi masih menyelidiki perkara pencurian di Pasar Baru, belum ada yang ditangkap.",
        ]);
        assert!(disputes.is_empty(), "{disputes:?}");
    }

    #[test]
    fn sides_forum_and_cases() {
        let mut article = Article {
            body: vec![
                "Komisi Informasi Pusat (KIP) menggelar sidang sengketa informasi antara Yayasan Advokasi Rakyat (Yara) dengan Komisi Pemilihan Umum (KPU) selaku termohon.".into(),
                "Dalam perkara register 002, pemohon meminta informasi kontrak.".into(),
            ],
            ..Article::default()
        };
        crate::extract::extract(&mut article, pack("id").unwrap());
        let dispute = &article.disputes[0];
        assert_eq!(dispute.kind, "sengketa informasi");
        assert_eq!(dispute.forum.as_deref(), Some("Komisi Informasi Pusat"));
        assert_eq!(dispute.cases, ["002"]);
        assert_eq!(
            dispute.petitioner.as_deref(),
            Some("Yayasan Advokasi Rakyat")
        );
        assert_eq!(dispute.respondent.as_deref(), Some("Komisi Pemilihan Umum"));
    }
}
