//! Disputes an article reports: what kind, which body hears it, its case numbers, and the two
//! sides, read from the language pack's words for petitioner and respondent.

use crate::lang::{DisputeWords, Pack};
use crate::record::{Article, Dispute, Offsets};

/// An institution or person named in a paragraph, by byte range, with its record name.
struct Party {
    paragraph: usize,
    start: usize,
    end: usize,
    name: String,
}

fn parties(article: &Article) -> Vec<Party> {
    let institutions = article
        .institutions
        .iter()
        .flat_map(|i| i.spans.iter().map(move |s| (&i.name, s)));
    let people = article
        .people
        .iter()
        .flat_map(|p| p.spans.iter().map(move |s| (&p.name, s)));
    let offsets: Vec<Offsets> = article.body.iter().map(|text| Offsets::new(text)).collect();
    let mut all: Vec<Party> = institutions
        .chain(people)
        .filter_map(|(name, span)| {
            let offsets = offsets.get(span.paragraph)?;
            Some(Party {
                paragraph: span.paragraph,
                start: offsets.byte_of(span.start),
                end: offsets.byte_of(span.end),
                name: name.clone(),
            })
        })
        .collect();
    all.sort_by_key(|p| (p.paragraph, p.start));
    all
}

/// The dispute the article is about, if it names one.
pub fn extract(article: &Article, pack: &Pack) -> Vec<Dispute> {
    let words = &pack.disputes;
    let lower: Vec<String> = article.body.iter().map(|p| p.to_lowercase()).collect();
    let Some(kind) = words
        .kinds
        .iter()
        .find(|k| lower.iter().any(|p| contains_word(p, k)))
    else {
        return Vec::new();
    };
    let forum = article
        .institutions
        .iter()
        .find(|i| {
            std::iter::once(&i.name).chain(&i.acronyms).any(|form| {
                let form = form.to_lowercase();
                words
                    .forums
                    .iter()
                    .any(|f| form == *f || form.starts_with(&format!("{f} ")))
            })
        })
        .map(|i| i.name.clone());
    let cases = article
        .registers
        .iter()
        .filter(|r| r.kind == "case")
        .map(|r| r.number.clone())
        .collect();
    let named = parties(article);
    let (mut petitioner, mut respondent) = (None, None);
    for (p, text) in lower.iter().enumerate() {
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
    }
    if petitioner == respondent {
        petitioner = None;
    }
    // a respondent left unnamed ("kuasa termohon") is the body the article is most about
    if respondent.is_none() {
        respondent = most_named(article, &[forum.as_ref(), petitioner.as_ref()]);
    }
    vec![Dispute {
        kind: kind.clone(),
        forum,
        cases,
        petitioner,
        respondent,
    }]
}

/// The institution named most often, other than those given.
fn most_named(article: &Article, except: &[Option<&String>]) -> Option<String> {
    article
        .institutions
        .iter()
        .filter(|i| !except.contains(&Some(&i.name)))
        .max_by_key(|i| i.spans.len())
        .filter(|i| i.spans.len() >= 2)
        .map(|i| i.name.clone())
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
