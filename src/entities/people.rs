//! People: the tagger's names and the names after a title, their short forms and nicknames,
//! grouped into one person each with the roles read around them.

use super::*;
use std::borrow::Cow;

/// "Hidayat Nur Wahid (HNW)": a person's initials in brackets after their name are what the
/// article calls them later ("kata HNW"), not a body the acronym names.
pub(super) fn initials_of_people(
    people: &mut [Person],
    entries: &mut Vec<Institution>,
    units: &[Unit],
) {
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

/// A person being collected: the mentions found and roles read before them.
#[derive(Debug, Default)]
pub(super) struct PersonDraft {
    /// Each mention, as written, and whether it is a nickname.
    pub(super) mentions: Vec<(Mention, String, bool)>,
    pub(super) roles: Vec<Role>,
}

pub(super) fn people(
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
    let masks = coverage(taken.iter().map(|(m, _)| m), units);
    for (u, unit) in units
        .iter()
        .enumerate()
        .filter(|(_, unit)| unit.paragraph.is_some())
    {
        let covered = |i: usize| masks[u].get(i).copied().unwrap_or(false);
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
            let opens_with_given = last > first && given.contains(&*unit.tokens[first].lower);
            let skip_first = usize::from(opens_with_given);
            let common = unit.tokens[first + skip_first..=last]
                .iter()
                .any(|t| lower_case_words.contains(&*t.lower))
                || (dictionary.contains(&*unit.tokens[first].lower)
                    && !given.contains(&*unit.tokens[first].lower));
            // "AS (Autonomous System)": the spelled-out acronym before the bracket is no name
            let expands = first >= 2
                && unit.tokens[first - 1].text == "("
                && all_caps(unit.tokens[first - 2].text)
                && unit.tokens[first - 2].text.chars().count() == last - first + 1
                && unit.tokens[first..=last]
                    .iter()
                    .zip(unit.tokens[first - 2].text.chars())
                    .all(|(t, c)| t.text.starts_with(c));
            let never =
                first == last && context.calendar.contains_any_case(unit.tokens[first].text);
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
                && institution_words.contains(&*unit.tokens[first].lower)
                && !given.contains(&*unit.tokens[first].lower)
            {
                first += 1;
            }
            let role = role_before(unit, first, context, institutions, &index, u)
                .or_else(|| role_after(unit, last, words, institutions, &index, u));
            found.push((mention(unit, u, first, last), role));
        }
    }
    share_roles_in_lists(&mut found, units, words);
    hand_roles_to_apposed_names(&mut found, units, words);
    let nicknames = bracketed_nicknames(units, &mut found);
    found.extend(short_forms(units, &found, taken));
    group_people(found, &nicknames, units, context.language)
}

/// "Kuasa hukum Andi, Budi Santoso": a title before one name, then a comma and a second name,
/// is the second person's ("the lawyer of Andi, Budi"); the first keeps no role from it.
/// "Majelis Hakim A, B, dan C": the names a list after one title ends with a coordinator
/// all hold that title (a comma alone is an apposition, see below).
pub(super) fn share_roles_in_lists(
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
                .map(|t| t.lower.as_ref())
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

pub(super) fn hand_roles_to_apposed_names(
    found: &mut [(Mention, Option<Role>)],
    units: &[Unit],
    words: &EntityWords,
) {
    for i in 1..found.len() {
        let (before, after) = found.split_at_mut(i);
        let (first, first_role) = &mut before[i - 1];
        let (second, second_role) = &mut after[0];
        let tokens = &units[first.unit].tokens;
        let between = tokens.get(first.last + 1..second.first).unwrap_or_default();
        let apposed = first.unit == second.unit
            && between.last().is_some_and(|t| t.text == ",")
            && between[..between.len() - 1]
                .iter()
                .all(|t| t.is_in(&words.apposition_fillers));
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
pub(super) fn bracketed_nicknames(
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
pub(super) fn tagged_names(
    unit: &Unit,
    words: &EntityWords,
    covered: &dyn Fn(usize) -> bool,
) -> Vec<(usize, usize)> {
    let tags = &unit.tags;
    let mut spans = Vec::new();
    let mut i = 0;
    while i < unit.tokens.len() {
        crate::budget::check();
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
pub(super) fn name_start(tokens: &[Token], at: usize, words: &EntityWords) -> usize {
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
pub(super) fn acronym_before_name(tokens: &[Token], at: usize) -> bool {
    // one or two capitals are the person's initials ("ST Burhanuddin", "M Adhiya"), not a body
    all_caps(tokens[at].text)
        && tokens[at].text.chars().count() > 2
        && tokens
            .get(at + 1)
            .is_some_and(|next| capitalised(next.text) && !all_caps(next.text))
}

/// A word of a place's name: on the language's place list, or tagged LOC.
pub(super) fn place_word(unit: &Unit, at: usize, language: &str) -> bool {
    let token = &unit.tokens[at];
    capitalised(token.text)
        && (unit.tags[at].ends_with("LOC")
            || crate::lang::word_list(language, "places").contains(&*token.lower))
}

/// "Pendiri Facebook Mark Zuckerberg", "Walikota Cekmekoy Ahmet Poyraz": of two names right
/// after each other behind a title, the first is what the title is of, not a person.
pub(super) fn without_title_objects(
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
pub(super) fn titled_names(
    unit: &Unit,
    words: &EntityWords,
    language: &str,
    covered: &dyn Fn(usize) -> bool,
) -> Vec<(usize, usize)> {
    let tokens = &unit.tokens;
    let mut spans = Vec::new();
    for i in 0..tokens.len() {
        crate::budget::check();
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
pub(super) fn short_forms(
    units: &[Unit],
    found: &[(Mention, Option<Role>)],
    taken: &[(Mention, usize)],
) -> Vec<(Mention, Option<Role>)> {
    let known: HashSet<String> = found.iter().map(|(m, _)| key(&m.text)).collect();
    let mut in_order: Vec<&str> = known.iter().map(String::as_str).collect();
    in_order.sort_unstable();
    // whether some known key starts with `text`: the first key not before it, if any does
    let opens_a_key = |text: &str| {
        let at = in_order.partition_point(|k| *k < text);
        in_order.get(at).is_some_and(|k| k.starts_with(text))
    };
    let parts: HashSet<&str> = known
        .iter()
        .flat_map(|k| k.split(' '))
        .filter(|p| p.chars().count() > 2)
        .collect();
    let mut more = Vec::new();
    let masks = coverage(
        taken
            .iter()
            .map(|(m, _)| m)
            .chain(found.iter().map(|(m, _)| m)),
        units,
    );
    for (u, unit) in units.iter().enumerate() {
        let used = |i: usize| masks[u][i];
        let mut i = 0;
        while i < unit.tokens.len() {
            crate::budget::check();
            let token = &unit.tokens[i];
            if used(i) || !capitalised(token.text) {
                i += 1;
                continue;
            }
            // the longest known full name starting here (headlines), else a known part; a
            // name's key goes on from its first word's (in ASCII), so a word that opens no
            // known key opens no known name
            let first: Cow<str> = if token.text.bytes().all(|b| b.is_ascii_alphanumeric()) {
                // a word of ASCII letters and digits is its own key lower-cased
                Cow::Borrowed(&token.lower)
            } else {
                Cow::Owned(key(token.text))
            };
            let may_open = !token.text.is_ascii() || opens_a_key(&first);
            let full = (i..unit.tokens.len().min(i + 4)).rev().find(|&end| {
                may_open
                    && unit.tokens[end].text.chars().any(char::is_alphabetic)
                    && known.contains(&key(&unit.text[token.start..unit.tokens[end].end]))
            });
            match full {
                Some(end) => {
                    more.push((mention(unit, u, i, end), None));
                    i = end + 1;
                }
                None if parts.contains(first.as_ref()) => {
                    more.push((mention(unit, u, i, i), None));
                    i += 1;
                }
                None => i += 1,
            }
        }
    }
    more
}

/// Mentions of one person grouped: a short form (a given name or surname alone, a spelling
/// without apostrophes) joins the full name that contains it.
pub(super) fn group_people(
    found: Vec<(Mention, Option<Role>)>,
    nicknames: &BTreeMap<String, String>,
    units: &[Unit],
    language: &str,
) -> Vec<Person> {
    let mut drafts: BTreeMap<String, PersonDraft> = BTreeMap::new();
    let mut order: Vec<String> = Vec::new();
    // every name once, the longest first, with its words
    let full_names: Vec<(String, Vec<String>)> = {
        let mut names: Vec<String> = found.iter().map(|(m, _)| key(&m.text)).collect();
        names.sort_by_key(|n| std::cmp::Reverse(n.split(' ').count()));
        let mut seen = HashSet::default();
        names.retain(|n| seen.insert(n.clone()));
        names
            .into_iter()
            .map(|n| {
                let words = n.split(' ').map(str::to_string).collect();
                (n, words)
            })
            .collect()
    };
    // "Iwan Kurniawan Lukmintorampung" beside "Iwan Kurniawan Lukminto": the scrape glued a
    // word onto the name, which is the clean one's
    let glued: HashMap<String, String> = full_names
        .iter()
        .filter_map(|(full_key, _)| {
            crate::names::without_glued_word(full_key, language)
                .into_iter()
                .find(|clean| full_names.iter().any(|(k, _)| k == clean))
                .map(|clean| (full_key.clone(), clean))
        })
        .collect();
    for (mention, role) in found {
        let written_key = key(&mention.text);
        let nickname = nicknames
            .get(&written_key)
            .or_else(|| glued.get(&written_key));
        let mention_key = nickname.cloned().unwrap_or(written_key);
        let parts: Vec<String> = mention_key.split(' ').map(str::to_string).collect();
        let owner = full_names
            .iter()
            .find(|(full_key, words)| {
                *full_key == mention_key
                    || (words.len() > parts.len() && parts.iter().all(|p| words.contains(p)))
            })
            .map(|(full_key, _)| full_key.clone())
            .unwrap_or(mention_key);
        let owner = glued.get(&owner).cloned().unwrap_or(owner);
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
