//! Roles: the title a name holds and the body it holds it at, read before the name ("Ketua
//! KPU Hasyim", "PG&E's CEO Ann Lee") or set off after it ("Ann Lee, chairman of …").

use super::*;

/// "Ketua KPU Hasyim", "Majelis Komisioner (MK) KIP, Arya": the title (and institution) right
/// before a name.
pub(super) fn role_before(
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
        end = period_start(tokens, end, words).unwrap_or(end);
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
            // "Wakil Ketua DPRD Jawa Timur": the place after a body's name narrows it (a
            // place after the second of two bodies is that body's)
            body_place = match institution {
                None => place_end.map(|place_end| (m.last + 1, place_end)),
                Some(_) => None,
            };
            // of two bodies after a title, the first is the unit it heads and the second the
            // body that unit belongs to: "Direktur Penyidikan Jampidsus Kejagung"
            institution = Some(*index);
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
            // "Kapolsek Kedaton": an office before a place the tagger does not know, read as
            // a portfolio, holds office at the body there as "Gubernur Jawa Barat" does
            let head = phrase_at(&tokens[..start + len], found_start, &words.titles);
            let portfolio = &tokens[(found_start + head).min(start + len)..start + len];
            let heads_body = |head: usize| {
                let held =
                    &unit.text[tokens[found_start].start..tokens[found_start + head - 1].end];
                office_body(held, words).is_some()
            };
            let (len, place_end) = if institution.is_none()
                && place_end.is_none()
                && head > 0
                && (1..=3).contains(&portfolio.len())
                && portfolio.iter().all(|t| {
                    // a place's words, not a rank or an initial of the name that follows
                    capitalised(t.text)
                        && t.text.chars().count() > 1
                        && !words.honorifics.has_word(t.text)
                })
                && heads_body(head)
            {
                (found_start + head - start, Some(start + len))
            } else {
                (len, place_end)
            };
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
    let institution = institution.or_else(|| body_of_office(&title, institutions, words));
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

/// The body the article names that an office heads by the language's word making ("Jaksa
/// Agung" → "Kejaksaan Agung", "Wakil Menteri Agama" → "Kementerian Agama"), if one does.
fn body_of_office(
    title: &str,
    institutions: &InstitutionSet,
    words: &EntityWords,
) -> Option<usize> {
    let title = key(title);
    let title_words: Vec<&str> = title.split(' ').collect();
    (0..title_words.len()).find_map(|at| {
        let (office, rest) = (title_words[at], &title_words[at + 1..]);
        words.body_words_of_office(office).find_map(|head| {
            let body = std::iter::once(head.as_str())
                .chain(rest.iter().copied())
                .collect::<Vec<_>>()
                .join(" ");
            institutions.find(&body)
        })
    })
}

/// Where the period that ends at `end` starts, if one does: "tahun 2020", "periode 2019-2024".
fn period_start(tokens: &[Token], end: usize, words: &EntityWords) -> Option<usize> {
    let year_like = |t: &Token| {
        t.text.starts_with(|c: char| c.is_ascii_digit())
            && t.text
                .chars()
                .all(|c| c.is_ascii_digit() || matches!(c, '-' | '–' | '/'))
    };
    let numbers = (end.saturating_sub(3)..end).find(|&k| {
        year_like(&tokens[k])
            && tokens[k..end]
                .iter()
                .all(|t| year_like(t) || matches!(t.text, "-" | "–" | "/"))
    })?;
    let opener = numbers.checked_sub(1)?;
    tokens[opener].is_in(&words.title_periods).then_some(opener)
}

/// Where a title starts once the qualifiers before it that belong to it are taken in
/// ("mantan Dirut", "former CEO").
pub(super) fn with_modifiers(tokens: &[Token], mut start: usize, words: &EntityWords) -> usize {
    while start > 0 && tokens[start - 1].is_in(&words.title_modifiers) {
        start -= 1;
    }
    start
}

/// The body named right before a title, possessive or not ("WikiLeaks co-founder",
/// "PG&E's CEO"), or before the first of two coordinated titles ("WeWork's founder and former
/// CEO"), in languages that put it there; with where the body's mention starts.
pub(super) fn body_before(
    tokens: &[Token],
    title_start: usize,
    taken: &MentionIndex,
    u: usize,
    words: &EntityWords,
) -> Option<(usize, usize)> {
    let body_ending = |end: usize| {
        let end = match tokens[end].lower.as_ref() {
            "'s" | "’s" => end.checked_sub(1)?,
            _ => end,
        };
        taken.ending_at(u, end).map(|(m, index)| (*index, m.first))
    };
    let before = title_start.checked_sub(1)?;
    body_ending(before).or_else(|| {
        if !tokens[before].is_in(&words.coordinators) {
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
pub(super) fn office_body<'w>(office: &str, words: &'w EntityWords) -> Option<&'w str> {
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
pub(super) fn role_after(
    unit: &Unit,
    name_last: usize,
    words: &EntityWords,
    institutions: &InstitutionSet,
    taken: &MentionIndex,
    u: usize,
) -> Option<Role> {
    let tokens = &unit.tokens;
    let is_word = |i: usize, list: &[String]| tokens.get(i).is_some_and(|t| t.is_in(list));
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
pub(super) fn qualified_head(tokens: &[Token], start: usize, words: &EntityWords) -> Option<usize> {
    let plain = |t: &Token| {
        t.text.chars().all(char::is_lowercase)
            && !t.is_in(&words.role_body_links)
            && !t.is_in(&words.name_connectors)
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
pub(super) fn portfolio_title(
    tokens: &[Token],
    end: usize,
    words: &EntityWords,
) -> Option<(usize, usize)> {
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
        // "Kepala Biro Humas pada Sekretariat Jenderal KPPU": the title ends before the word
        // that ties it to where it is held
        let linked = portfolio
            .iter()
            .position(|t| t.is_in(&words.role_body_links))
            .filter(|&k| k > 0);
        let len = linked.map_or(end - start, |k| len + k);
        fits.then_some((start, len))
    })
}
