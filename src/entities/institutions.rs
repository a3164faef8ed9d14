//! Institutions: names the text defines with a short form, head-word runs, the tagger's
//! bodies, companies, and later mentions of the bodies already known.

use super::*;

/// What the rules know about one article's institutions while they are being collected.
#[derive(Debug, Default)]
pub(super) struct InstitutionSet {
    pub(super) entries: Vec<Institution>,
    /// Words that extend a name without changing what it names ("RI").
    pub(super) suffixes: Vec<String>,
    /// Short forms the article defines for titles ("Majelis Komisioner (MK)"), never bodies,
    /// with the title each stands for.
    pub(super) title_aliases: Vec<(String, String)>,
    /// Words that close a company's name ("Ltd").
    pub(super) tails: Vec<String>,
    /// Small words inside names ("dan").
    pub(super) connectors: Vec<String>,
    /// Short forms the article defines for lower-case terms ("crude palm oil (CPO)") and for
    /// places ("Amerika Serikat (AS)"): not bodies, whatever the tagger makes of them later.
    pub(super) terms: Vec<String>,
    /// Each entry's name as a comparison key, made once instead of on every look-up.
    name_keys: Vec<String>,
    /// The words of each name key but its connectors, which initials and contractions skip.
    content_words: Vec<Vec<String>>,
    /// The core of each entry's name, and of its short forms and mentions (see
    /// [`Self::core`]), made once as forms are added: what a look-up checks its finds against.
    name_cores: Vec<String>,
    form_cores: Vec<Vec<String>>,
    /// The entries that have a form with a given core (see [`Self::core`]); an entry renamed
    /// since may still be listed, so look-ups check what they find.
    by_core: HashMap<String, Vec<usize>>,
    /// The entries whose name key opens with a given word, checked the same way.
    by_first_word: HashMap<String, Vec<usize>>,
    /// The entries whose first word but connectors opens with two given bytes: the only
    /// names a one-word form can contract.
    by_opening: HashMap<[u8; 2], Vec<usize>>,
    /// The companies (names closed by a tail word) whose name key opens with a given run of
    /// two or more words.
    by_company_opening: HashMap<String, Vec<usize>>,
    /// The first two bytes of every key the three indexes above hold: a form whose key opens
    /// otherwise is none of the set's (most capitalised words a look-up is asked about).
    openings: HashSet<[u8; 2]>,
    /// Names not taken because the set was full.
    pub(super) refused: usize,
}

/// The most institutions one article's set holds.
pub(super) const MAX_INSTITUTIONS: usize = 1_000;

impl InstitutionSet {
    pub(super) fn new(words: &EntityWords) -> Self {
        InstitutionSet {
            entries: Vec::new(),
            suffixes: words.name_suffixes.all.clone(),
            title_aliases: Vec::new(),
            tails: words.institution_tails.clone(),
            connectors: words.name_connectors.clone(),
            terms: Vec::new(),
            name_keys: Vec::new(),
            content_words: Vec::new(),
            name_cores: Vec::new(),
            form_cores: Vec::new(),
            by_core: HashMap::default(),
            by_first_word: HashMap::default(),
            by_opening: HashMap::default(),
            by_company_opening: HashMap::default(),
            openings: HashSet::default(),
            refused: 0,
        }
    }

    /// The key of entry `index`'s name.
    pub(super) fn name_key(&self, index: usize) -> &str {
        &self.name_keys[index]
    }

    /// The first (lowest) of `listed` that passes `check`.
    fn first_checked(listed: Option<&Vec<usize>>, check: impl Fn(usize) -> bool) -> Option<usize> {
        listed
            .into_iter()
            .flatten()
            .copied()
            .filter(|&i| check(i))
            .min()
    }

    /// The first (lowest) entry whose name key opens with `word` and passes `check`.
    pub(super) fn first_opening_with(
        &self,
        word: &str,
        check: impl Fn(usize) -> bool,
    ) -> Option<usize> {
        Self::first_checked(self.by_first_word.get(word), |i| {
            self.name_keys[i].split(' ').next() == Some(word) && check(i)
        })
    }

    pub(super) fn add_mention(&mut self, index: usize, form: &str) {
        if !self.entries[index].mentions.iter().any(|m| m == form) {
            self.entries[index].mentions.push(form.to_string());
            let core = self.index_form(index, form);
            self.form_cores[index].push(core);
        }
    }

    pub(super) fn add_acronym(&mut self, index: usize, form: &str) {
        if !self.entries[index].acronyms.iter().any(|a| a == form) {
            self.entries[index].acronyms.push(form.to_string());
            let core = self.index_form(index, form);
            self.form_cores[index].push(core);
        }
    }

    fn push_entry(&mut self, name: &str) -> usize {
        self.entries.push(Institution {
            name: name.to_string(),
            ..Institution::default()
        });
        self.name_keys.push(String::new());
        self.content_words.push(Vec::new());
        self.name_cores.push(String::new());
        self.form_cores.push(Vec::new());
        let index = self.entries.len() - 1;
        self.rename(index, name);
        index
    }

    fn rename(&mut self, index: usize, name: &str) {
        self.entries[index].name = name.to_string();
        let name_key = key(name);
        let first = name_key.split(' ').next().unwrap_or_default().to_string();
        self.by_first_word.entry(first).or_default().push(index);
        self.content_words[index] = name_key
            .split(' ')
            .filter(|w| !self.connectors.iter().any(|c| c == w))
            .map(str::to_string)
            .collect();
        if let Some(&[a, b, ..]) = self.content_words[index].first().map(String::as_bytes) {
            self.by_opening.entry([a, b]).or_default().push(index);
            self.openings.insert([a, b]);
        }
        let closed = name_key
            .rsplit(' ')
            .next()
            .is_some_and(|last| self.tails.iter().any(|t| t == last));
        if closed {
            let ends = name_key.match_indices(' ').map(|(at, _)| at).skip(1);
            for end in ends {
                let opening = name_key[..end].to_string();
                self.note_opening(&opening);
                self.by_company_opening
                    .entry(opening)
                    .or_default()
                    .push(index);
            }
        }
        self.name_keys[index] = name_key;
        self.name_cores[index] = self.index_form(index, name);
    }

    /// Lists entry `index` under the core of `form`, which it returns.
    fn index_form(&mut self, index: usize, form: &str) -> String {
        let core = self.core(&key(form));
        self.note_opening(&core);
        let listed = self.by_core.entry(core.clone()).or_default();
        if listed.last() != Some(&index) {
            listed.push(index);
        }
        core
    }

    fn note_opening(&mut self, key: &str) {
        if let &[a, b, ..] = key.as_bytes() {
            self.openings.insert([a, b]);
        }
    }

    /// The entry whose name a short form abbreviates: "KI Pusat" for "Komisi Informasi Pusat"
    /// (initials, then the remaining words as written), "BIN" for "Badan Intelijen Negara".
    pub(super) fn abbreviated(&self, form: &str) -> Option<usize> {
        // most forms tried are not written in capitals: no key is built for them
        if !form
            .split_whitespace()
            .next()?
            .chars()
            .all(|c| c.is_uppercase())
        {
            return None;
        }
        let short: Vec<String> = key(form).split(' ').map(str::to_string).collect();
        let letters: Vec<char> = short.first()?.chars().collect();
        if letters.len() < 2 {
            return None;
        }
        self.entries
            .iter()
            .zip(&self.content_words)
            .position(|(e, long)| {
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
    pub(super) fn core(&self, form: &str) -> String {
        crate::names::strip_suffixes(key(form), &self.suffixes)
    }

    /// The entry a form belongs to (by name, acronym or mention), if any.
    pub(super) fn find(&self, form: &str) -> Option<usize> {
        if key_opening(form).is_some_and(|opening| !self.openings.contains(&opening)) {
            return None;
        }
        let core = self.core(form);
        if core.is_empty() {
            return None;
        }
        Self::first_checked(self.by_core.get(&core), |i| {
            self.name_cores[i] == core || self.form_cores[i].contains(&core)
        })
        .or_else(|| {
            Self::first_checked(self.by_company_opening.get(&core), |i| {
                self.opens_company(&core, &self.name_keys[i])
            })
        })
        .or_else(|| {
            let opening = core
                .as_bytes()
                .get(..2)
                .and_then(|b| <[u8; 2]>::try_from(b).ok());
            Self::first_checked(opening.and_then(|o| self.by_opening.get(&o)), |i| {
                self.contracts(&core, i)
            })
        })
    }

    /// "Alibaba Cloud" opens "Alibaba Cloud Private Ltd" (given as keys), a name closed by a
    /// company tail.
    pub(super) fn opens_company(&self, form: &str, name: &str) -> bool {
        let closed = name
            .rsplit(' ')
            .next()
            .is_some_and(|last| self.tails.iter().any(|t| t == last));
        closed
            && form.contains(' ')
            && name.len() > form.len()
            && name.starts_with(form)
            && name.as_bytes()[form.len()] == b' '
    }

    /// "Bareskrim" contracts "Badan Reserse Kriminal …", entry `index`'s name: the opening
    /// letters of consecutive words, two words at least.
    fn contracts(&self, form: &str, index: usize) -> bool {
        let words = &self.content_words[index];
        !form.contains(' ')
            && form.len() >= 5
            && words
                .first()
                .is_some_and(|w| w.len() >= 2 && form.as_bytes().starts_with(&w.as_bytes()[..2]))
            && contraction_of(form, words)
    }

    /// The entry for a name found in the text, made if it is new: `None` once the article
    /// has [`MAX_INSTITUTIONS`] (no news article names that many; a text that does would make
    /// every look-up long).
    pub(super) fn add(
        &mut self,
        name: &str,
        acronym: Option<&str>,
        mention: &str,
    ) -> Option<usize> {
        let index = match self
            .find(name)
            .or_else(|| acronym.and_then(|a| self.find(a)))
            .or_else(|| self.find(mention))
        {
            Some(index) => index,
            None if self.entries.len() >= MAX_INSTITUTIONS => {
                self.refused += 1;
                return None;
            }
            None => self.push_entry(name),
        };
        if key(name).len() > self.name_keys[index].len() && !all_caps(name) {
            self.rename(index, name);
        }
        if let Some(acronym) = acronym {
            self.add_acronym(index, acronym);
        }
        self.add_mention(index, mention);
        Some(index)
    }
}

/// Whether `form` is made of the first two to five letters of each of `words` in turn, two words
/// at least (not necessarily all of them). Walks the reachable (letters read, words used)
/// states once each, so a long name of look-alike words costs no more than its length.
fn contraction_of(form: &str, words: &[impl AsRef<str>]) -> bool {
    let mut reached = vec![0usize]; // offsets into `form` reachable after the words so far
    for (used, word) in words.iter().enumerate() {
        let word = word.as_ref();
        let mut next: Vec<usize> = Vec::new();
        for &at in &reached {
            for k in 2..=word.len().min(5) {
                if word.is_char_boundary(k) && form[at..].starts_with(&word[..k]) {
                    if at + k == form.len() && used + 1 >= 2 {
                        return true;
                    }
                    next.push(at + k);
                }
            }
        }
        next.sort_unstable();
        next.dedup();
        if next.is_empty() {
            return false;
        }
        reached = next;
    }
    false
}

/// The first two bytes of the key of an ASCII form whose key opens with a word of two bytes
/// or more, read without making the key: its core (and any key that core opens or is) opens
/// with them too. `None` for any other form.
fn key_opening(form: &str) -> Option<[u8; 2]> {
    if !form.is_ascii() {
        return None;
    }
    let mut opening = [0u8; 2];
    let mut read = 0;
    for b in form.bytes() {
        if b.is_ascii_alphanumeric() {
            opening[read] = b.to_ascii_lowercase();
            read += 1;
            if read == 2 {
                return Some(opening);
            }
        } else if char::from(b).is_whitespace() && read > 0 {
            // a first word of one byte
            return None;
        }
    }
    None
}

pub(super) fn key_of_all(e: &Institution) -> impl Iterator<Item = String> + '_ {
    std::iter::once(&e.name)
        .chain(&e.acronyms)
        .chain(&e.mentions)
        .map(|f| key(f))
}

/// The same body under a second form: "PT Sritex Tbk" where "Sritex" is the short form of
/// "PT Sri Rejeki Isman Tbk", "Kejaksaan Agung RI" beside "Kejaksaan Agung". A form whose
/// core (without company words and country suffixes) is another entry's name or short form
/// joins that entry.
pub(super) fn merge_company_forms(entries: &mut Vec<Institution>, words: &EntityWords) {
    let core = |name: &str| -> String {
        let mut parts: Vec<String> = name_words(name, words).into_iter().map(|w| w.key).collect();
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

/// The same body written shorter, found once all names are in: "Pemprov Jatim" for
/// "Pemerintah Provinsi Jawa Timur", "Kejagung" for "Kejaksaan Agung RI", "DPRD Jatim" for
/// "DPRD Jawa Timur" (see [`spells_out`]), and a bare acronym that one body's name carries
/// right after its head word ("BJB" for "Bank BJB", "MRT" for "PT MRT Jakarta"). A short form
/// joins the first longer name it fits.
pub(super) fn merge_short_forms(
    entries: &mut Vec<Institution>,
    words: &EntityWords,
    places: &HashSet<String>,
) {
    let parts: Vec<Vec<NameWord>> = entries.iter().map(|e| name_words(&e.name, words)).collect();
    let known: HashSet<String> = entries.iter().flat_map(key_of_all).collect();
    let longer = |i: usize, j: usize| j != i && parts[j].len() > parts[i].len();
    let mut into: Vec<Option<usize>> = (0..parts.len())
        .map(|i| {
            let carried = match parts[i].as_slice() {
                [acronym] if acronym.caps => {
                    let mut carriers = (0..parts.len())
                        .filter(|&j| longer(i, j) && carries_acronym(&parts[j], acronym, words));
                    carriers.next().filter(|_| carriers.next().is_none())
                }
                _ => None,
            };
            carried.or_else(|| {
                (0..parts.len()).find(|&j| longer(i, j) && spells_out(&parts[i], &parts[j]))
            })
        })
        .collect();
    // a unit's name only where one name left after the merges above goes on from it
    for i in 0..parts.len() {
        if into[i].is_some() {
            continue;
        }
        let mut openers = (0..parts.len()).filter(|&j| {
            longer(i, j)
                && into[j].is_none()
                && opens_unit_name(&parts[i], &parts[j], &known, places)
        });
        into[i] = openers.next().filter(|_| openers.next().is_none());
    }
    let root = |mut i: usize| {
        while let Some(j) = into[i] {
            i = j;
        }
        i
    };
    let mut short_forms: Vec<(usize, Institution)> = Vec::new();
    let mut kept: Vec<Institution> = Vec::with_capacity(entries.len());
    let mut place = vec![0; entries.len()];
    for (i, entry) in std::mem::take(entries).into_iter().enumerate() {
        if into[i].is_some() {
            short_forms.push((root(i), entry));
        } else {
            place[i] = kept.len();
            kept.push(entry);
        }
    }
    for (target, short) in short_forms {
        let as_acronym = !short.name.contains(' ');
        absorb(&mut kept[place[target]], short, as_acronym);
    }
    *entries = kept;
}

/// A body the article names only by a short form that the language's list of well-known bodies
/// spells out ("TNI", "Kejagung"): the full name, as the gold format asks, so that articles
/// that write it out and articles that do not meet. A form the article itself defines keeps
/// the article's reading; two entries that turn out to be one body become one.
pub(super) fn expand_known_short_forms(
    entries: &mut Vec<Institution>,
    known: &HashMap<String, String>,
) {
    if known.is_empty() {
        return;
    }
    let mut i = 0;
    while i < entries.len() {
        let Some(full) = known.get(&key(&entries[i].name)) else {
            i += 1;
            continue;
        };
        let full_key = key(full);
        let same =
            (0..entries.len()).find(|&j| j != i && key_of_all(&entries[j]).any(|k| k == full_key));
        match same {
            Some(j) => {
                let merged = entries.remove(i);
                let j = if j > i { j - 1 } else { j };
                absorb(&mut entries[j], merged, true);
            }
            None => {
                let short = std::mem::replace(&mut entries[i].name, full.clone());
                push_unique(&mut entries[i].acronyms, &short);
                i += 1;
            }
        }
    }
}

/// Takes a second entry for the same body into `target`: its name (as an acronym or a
/// mention), its other forms and its spans.
fn absorb(target: &mut Institution, merged: Institution, name_as_acronym: bool) {
    if name_as_acronym {
        push_unique(&mut target.acronyms, &merged.name);
    } else {
        push_unique(&mut target.mentions, &merged.name);
    }
    for form in &merged.acronyms {
        push_unique(&mut target.acronyms, form);
    }
    for form in &merged.mentions {
        push_unique(&mut target.mentions, form);
    }
    target.spans.extend(merged.spans);
}

/// One word of a name as the short-form rules compare it.
struct NameWord {
    key: String,
    /// Written in capitals ("DPRD"), so it may stand for initials; Roman numerals never do.
    caps: bool,
    /// A small word inside names ("dan"), which initials skip.
    connector: bool,
}

/// A name's words, without the company tails and country suffixes that do not change what it
/// names ("Tbk", "RI").
fn name_words(name: &str, words: &EntityWords) -> Vec<NameWord> {
    let mut parts: Vec<NameWord> = name
        .split_whitespace()
        .map(|w| (key(w), w))
        .filter(|(k, _)| !k.is_empty())
        .map(|(key, written)| NameWord {
            caps: all_caps(written) && !key.chars().all(|c| "ivxlc".contains(c)),
            connector: words.name_connectors.contains(&key),
            key,
        })
        .collect();
    while parts.len() > 1
        && words
            .institution_tails
            .contains(&parts[parts.len() - 1].key)
    {
        parts.pop();
    }
    while parts.len() > 1 {
        let keys = parts.iter().map(|p| p.key.as_str());
        let suffix = (1..parts.len())
            .find(|&k| words.name_suffixes.longest_at(keys.clone().skip(k)) == parts.len() - k);
        match suffix {
            Some(k) => parts.truncate(k),
            None => break,
        }
    }
    parts
}

/// "Bank BJB" or "PT MRT Jakarta" for "BJB" or "MRT": the acronym right after a head word or
/// company prefix.
fn carries_acronym(name: &[NameWord], acronym: &NameWord, words: &EntityWords) -> bool {
    match name {
        [head, second, ..] => {
            second.key == acronym.key
                && (words.institution_heads.all.contains(&head.key)
                    || words.company_prefixes.contains(&head.key))
        }
        _ => false,
    }
}

/// Whether `long` is `short` (two words at least) closed by a body the article knows or by
/// places.
fn opens_unit_name(
    short: &[NameWord],
    long: &[NameWord],
    known: &HashSet<String>,
    places: &HashSet<String>,
) -> bool {
    let rest = &long[short.len()..];
    let rest_key = || {
        rest.iter()
            .map(|w| w.key.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    };
    short.len() >= 2
        && short.iter().zip(long).all(|(a, b)| a.key == b.key)
        && (known.contains(&rest_key()) || rest.iter().all(|w| places.contains(&w.key)))
}

/// Whether `short` writes `long` shorter, word by word in turn: each of its words is the long
/// name's word, the initials of its next words ("DPRD"), or a contraction of two or more of
/// them ("Jatim" for "Jawa Timur"), one of them at least not plain.
fn spells_out(short: &[NameWord], long: &[NameWord]) -> bool {
    // reached[l]: the long name's first l words are spelled by the short words so far, and
    // whether a step was other than a plain copy
    let first_letter = |words: &[NameWord]| words.first().and_then(|w| w.key.chars().next());
    if first_letter(short) != first_letter(long) {
        return false;
    }
    let mut reached: Vec<Option<bool>> = vec![None; long.len() + 1];
    reached[0] = Some(false);
    for word in short {
        let mut next: Vec<Option<bool>> = vec![None; long.len() + 1];
        for (at, shortened) in reached.iter().enumerate() {
            let Some(shortened) = *shortened else {
                continue;
            };
            if long.get(at).is_some_and(|w| w.key == word.key) {
                next[at + 1] = Some(next[at + 1].unwrap_or(false) | shortened);
            }
            for end in initials_end(word, &long[at..])
                .into_iter()
                .chain(contraction_ends(word, &long[at..]))
            {
                next[at + end] = Some(true);
            }
        }
        reached = next;
    }
    reached[long.len()] == Some(true)
}

/// How many of `long`'s words `word` gives the initials of, connectors skipped.
fn initials_end(word: &NameWord, long: &[NameWord]) -> Option<usize> {
    if !word.caps || word.key.len() < 2 {
        return None;
    }
    let mut letters = word.key.chars().peekable();
    for (used, w) in long.iter().enumerate() {
        if w.connector {
            continue;
        }
        if letters.next()? != w.key.chars().next()? {
            return None;
        }
        if letters.peek().is_none() {
            return Some(used + 1);
        }
    }
    None
}

/// How many of `long`'s words (two to four) `word` contracts exactly.
fn contraction_ends(word: &NameWord, long: &[NameWord]) -> Vec<usize> {
    if word.caps || word.key.len() < 5 || word.key.contains(' ') {
        return Vec::new();
    }
    let keys: Vec<&str> = long.iter().take(4).map(|w| w.key.as_str()).collect();
    let mut ends = Vec::new();
    let mut before = false;
    for end in 2..=keys.len() {
        let now = contraction_of(&word.key, &keys[..end]);
        if now && !before {
            ends.push(end);
        }
        before = now;
    }
    ends
}

/// "Komisi Informasi Pusat (KIP)" and "Komisi Informasi Pusat atau KIP": a long name that opens
/// with an organisation head word, and its short form.
pub(super) fn definitions(
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
        if spelled_in_lower_case || lower_case_term(&tokens[..long_end], short) {
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
        // "Amerika Serikat (AS)": a place and its short form, neither of them a body
        if phrase_at(tokens, first, &words.institution_heads) == 0
            && place_name(&tokens[first..long_end], vocabulary.places)
        {
            push_unique(&mut set.terms, short);
            continue;
        }
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
        if let Some(tail) = rest
            .is_none()
            .then(|| acronym_of_tail(&tokens[first..long_end], &short, words, vocabulary.places))
            .flatten()
        {
            // "Komisi Fatwa Majelis Ulama Indonesia (MUI)": the short form is the parent
            // body's, named by the last words; the whole name is a unit of it
            let tail = mention(unit, u, first + tail, long_end - 1);
            let parent = set.add(&tail.text, Some(&short), &tail.text);
            let unit_of = set.add(&long, None, &whole.text);
            if let (Some(parent), Some(unit_of)) = (parent, unit_of) {
                set.add_mention(parent, &short);
                set.add_mention(unit_of, &long);
                found.push((whole, unit_of));
                found.push((tail, parent));
            }
            continue;
        }
        if let Some(index) = set.add(&long, Some(&short), &whole.text) {
            set.add_mention(index, &long);
            set.add_mention(index, &short);
            found.push((whole, index));
        }
    }
    found
}

/// "pergantian antarwaktu (PAW)": two or more lower-case words right before the bracket whose
/// initials the short form takes in order, with letters of its own between (a compound word
/// gives two), are a term, not a body.
fn lower_case_term(before: &[Token], short: &str) -> bool {
    let letters: Vec<char> = short.to_lowercase().chars().collect();
    let run = before
        .iter()
        .rev()
        .take(letters.len())
        .take_while(|t| t.text.starts_with(char::is_lowercase))
        .count();
    (2..=run).any(|n| {
        let initials = before[before.len() - n..]
            .iter()
            .filter_map(|t| t.lower.chars().next());
        let mut rest = letters.iter();
        let mut first = true;
        initials.into_iter().all(|c| {
            let found = if first {
                rest.next() == Some(&c)
            } else {
                rest.any(|&l| l == c)
            };
            first = false;
            found
        })
    })
}

/// Where the words whose initials spell `short` start, when they are the last words of
/// `name` but not all of them (connectors skipped): a parent body's acronym after the name of
/// one of its units.
fn acronym_of_tail(
    name: &[Token],
    short: &str,
    words: &EntityWords,
    places: &HashSet<String>,
) -> Option<usize> {
    let letters: Vec<char> = short.to_lowercase().chars().collect();
    if letters.len() < 2 || short.contains(' ') || !all_caps(short) {
        return None;
    }
    let content: Vec<usize> = (0..name.len())
        .filter(|&k| !name[k].is_in(&words.name_connectors))
        .collect();
    let initial = |k: &usize| name[*k].lower.chars().next();
    let spelled = |from: &[usize]| {
        from.iter()
            .map(initial)
            .eq(letters.iter().map(|&c| Some(c)))
    };
    if content.len() <= letters.len() {
        return None;
    }
    let tail = &content[content.len() - letters.len()..];
    let capitalised = |k: &usize| name[*k].text.starts_with(char::is_uppercase);
    // the unit's own name: a head word and one word more at least ("Komisi Fatwa"), not a
    // company's legal form ("PT Astra Honda Motor (AHM)") nor a ministry's head word before
    // its portfolio ("Kementerian Energi dan Sumber Daya Mineral (ESDM)")
    let unit_name = &name[..tail[0]];
    let headed = phrase_at(unit_name, 0, &words.institution_heads) > 0
        && !unit_name[0].is_in(&words.company_prefixes);
    // nor a place's or a law's short form after a body ("Dinas Pariwisata Nusa Tenggara Barat
    // (NTB)", "Aliansi Reformasi Kitab Undang-Undang Hukum Pidana (KUHP)")
    let place = place_name(&name[tail[0]..], places) || name[tail[0]].is_in(&words.document_heads);
    (unit_name.len() >= 2 && headed && !place && spelled(tail) && tail.iter().all(capitalised))
        .then(|| tail[0])
}

/// Words a name is told apart from: calendar and function words never are one, dictionary
/// roots capitalised after a body's short form go on with its name ("(Ditjen) Pajak").
pub(super) struct Vocabulary<'a> {
    pub(super) calendar: &'a CalendarWords,
    pub(super) roots: &'a HashSet<String>,
    /// Words of the language's place names.
    pub(super) places: &'a HashSet<String>,
}

/// Whether token `at` is among the capitalised words after a subject opener: "(Undang-Undang
/// …) tentang Penyelenggaraan Usaha Perusahaan Modal Ventura".
fn in_law_subject(tokens: &[Token], at: usize, words: &EntityWords) -> bool {
    // a subject runs a dozen words at most, so the look back stays short
    let opener = tokens[at.saturating_sub(12)..at]
        .iter()
        .rev()
        .find(|t| !capitalised(t.text) && !t.is_in(&words.name_connectors));
    // "… tentang Penyelenggaraan Haji dan Umrah Komisi VIII DPR RI": a name with an acronym in
    // it is a body's, after the subject
    let acronym_ahead = tokens[at..]
        .iter()
        .take(8)
        .take_while(|t| capitalised(t.text))
        .any(|t| all_caps(t.text));
    opener.is_some_and(|t| t.is_in(&words.subject_openers)) && !acronym_ahead
}

/// "Amerika Serikat": two or more words of place names name a place, no body (a country or
/// province defined with its short form, one whose last word is also a head word), unless the
/// name opens with a head word.
pub(super) fn place_name(name: &[Token], places: &HashSet<String>) -> bool {
    name.len() >= 2 && name.iter().all(|t| places.contains(&*t.lower))
}

/// The last token of the rest of a body's name, or of its place, from `at` on (at most four
/// words: what the tagger marks as a body or place, or a capitalised dictionary word); not
/// another body ("(DJP) Kementerian Keuangan", "(PKS) DPR").
pub(super) fn name_after_bracket(
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
            && vocabulary.roots.contains(&*token.lower)
            && !vocabulary.calendar.contains(&token.lower);
        (marked || plain_word) && capitalised(token.text) && !all_caps(token.text)
    };
    (at..at + 4).take_while(|&k| named(k)).last()
}

/// "Direktur Eksekutif ELSAM Wahyudi Djafar": an acronym between a title and a name is the
/// organisation the title is held at, defined or not.
pub(super) fn titled_acronyms(
    unit: &Unit,
    u: usize,
    words: &EntityWords,
    set: &mut InstitutionSet,
    mask: &[bool],
) -> Vec<(Mention, usize)> {
    let tokens = &unit.tokens;
    let mut found = Vec::new();
    for i in 0..tokens.len() {
        crate::budget::check();
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
        if let Some(index) = set.add(text, None, text) {
            found.push((m, index));
        }
    }
    found
}

/// The last token of a run of two to four capitalised words from `start` that ends in an
/// organisation's head word, as English names put it ("Election Commission"); a run that goes
/// on past the head word ("Peraturan Komisi Informasi Nomor …") is not one.
pub(super) fn head_closed_run(
    tokens: &[Token],
    start: usize,
    words: &EntityWords,
    calendar: &CalendarWords,
    covered: &dyn Fn(usize) -> bool,
) -> Option<usize> {
    let plain = |i: usize| {
        tokens.get(i).is_some_and(|t| {
            capitalised(t.text)
                && !covered(i)
                && phrase_at(tokens, i, &words.titles) == 0
                && !calendar.contains_any_case(t.text)
        })
    };
    // "A Liberal Party plan": an article opening the sentence is no part of the name
    if !plain(start) || tokens[start].is_in(&words.determiners) {
        return None;
    }
    // a run of five or more is no such name, so the scan stops there
    let mut end = start + 1;
    while end - start <= 4 && plain(end) {
        end += 1;
    }
    let last = end - 1;
    (last > start && end - start <= 4 && words.institution_heads.has_word(tokens[last].text))
        .then_some(last)
}

/// Where the organisation name that ends before `end` begins: the first head word of the run
/// of capitalised words (and connectors) before it.
pub(super) fn name_run_start(tokens: &[Token], end: usize, words: &EntityWords) -> Option<usize> {
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

pub(super) fn named_institutions(
    unit: &Unit,
    u: usize,
    context: &Context,
    set: &mut InstitutionSet,
    mask: &[bool],
) -> Vec<(Mention, usize)> {
    let (words, calendar, name_words) = (context.words, &context.calendar, &context.name_words);
    let tokens = &unit.tokens;
    let covered = |i: usize| mask.get(i).copied().unwrap_or(false);
    // a day or month ends a name ("Pengadilan Negeri Semarang pada Senin"); the list's
    // function words are lower case inside a name, and never break it
    let calendar_word = |t: &Token| capitalised(t.text) && calendar.contains(&t.lower);
    // where the "of"/"on" part after a head word stops
    let ends_of_part = |k: usize| covered(k) || calendar_word(&tokens[k]);
    let mut found = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        crate::budget::check();
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
                set.add_acronym(index, &m.text);
            }
            set.add_mention(index, &m.text);
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
            set.abbreviated(form).map(|index| (last, index))
        });
        if let Some((last, index)) = abbreviation {
            let m = mention(unit, u, i, last);
            set.add_acronym(index, &m.text);
            set.add_mention(index, &m.text);
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
            if let Some(index) = set.add(&m.text, None, &m.text) {
                found.push((m, index));
            }
            i += known;
            continue;
        }
        // "Sidang Majelis Komisi", "Kantor Komisi Yudisial": a dictionary word before a
        // head word names the event or place, the body's name starts after it
        let word_before_head = context.roots.contains(&*tokens[i].lower)
            && phrase_at(tokens, i, &words.institution_heads) == 0
            && phrase_at(tokens, i, &words.titles) == 0
            && phrase_at(tokens, i + 1, &words.institution_heads) > 0;
        if in_law_subject(tokens, i, words) || word_before_head {
            i += 1;
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
                            && !calendar.contains_any_case(n.text)
                    });
                // "Polres Lhokseumawe AKP Yasir": a rank starts the person's name
                if breaks
                    || calendar_word(&tokens[end])
                    || phrase_at(tokens, end, &words.honorifics) > 0
                {
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
                if let Some(index) = set.add(&m.text, None, &m.text) {
                    found.push((m, index));
                }
                i = end;
                continue;
            }
        }
        // a run closed by a head word: "Election Commission", "Supreme Court"
        if let Some(last) = head_closed_run(tokens, i, words, calendar, &covered) {
            if place_name(&tokens[i..=last], context.place_words) {
                i = last + 1;
                continue;
            }
            // "American University of Kabul": the part after the head word, head-first style
            let last = if words.body_before_title {
                of_part_end(tokens, last + 1, words, &ends_of_part) - 1
            } else {
                last
            };
            let m = mention(unit, u, i, last);
            if let Some(index) = set.add(&m.text, None, &m.text) {
                found.push((m, index));
            }
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
            if let Some(index) = set.add(&m.text, None, &m.text) {
                found.push((m, index));
            }
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
        if next_is_single
            && previous_is_single
            && !all_caps(tokens[i].text)
            && !calendar_word(&tokens[i])
            && (joined_after || joined_before)
        {
            let m = mention(unit, u, i, i);
            if let Some(index) = set.add(&m.text, None, &m.text) {
                found.push((m, index));
            }
            i += 1;
            continue;
        }
        // "Alibaba Cloud" taken for a person, though the article writes "cloud" in lower case:
        // a name with a common word in it is a body's or a product's, not a person's
        if unit.tags[i] == "B-PER" && !context.common.contains(&*tokens[i].lower) {
            let mut end = i + 1;
            while end < tokens.len() && unit.tags[end] == "I-PER" && !covered(end) {
                end += 1;
            }
            if end - i >= 2
                && tokens[i + 1..end]
                    .iter()
                    .any(|t| context.common.contains(&*t.lower))
            {
                let m = mention(unit, u, i, end - 1);
                if let Some(index) = set.add(&m.text, None, &m.text) {
                    found.push((m, index));
                }
                i = end;
                continue;
            }
        }
        // a contracted ministry or local government: "Kemenkopolhukam", "KemenKominfo"
        let contracted = words
            .institution_prefixes
            .iter()
            .any(|p| tokens[i].lower.starts_with(p.as_str()) && tokens[i].lower.len() > p.len() + 2)
            // a listed one standing alone: "Kejati menahan …" ("Kejati Jawa Barat" is a run),
            // or before the body it belongs to ("Jampidsus Kejaksaan Agung")
            || (tokens[i].is_in(&words.contracted_names)
                && (tokens.get(i + 1).is_none_or(|t| !capitalised(t.text))
                    || covered(i + 1)
                    || phrase_at(tokens, i + 1, &words.institution_heads) > 0
                    || set.find(tokens[i + 1].text).is_some()));
        if contracted {
            let m = mention(unit, u, i, i);
            if let Some(index) = set.add(&m.text, None, &m.text) {
                found.push((m, index));
            }
            i += 1;
            continue;
        }
        // an organisation the tagger found
        if unit.tags[i] == "B-ORG" {
            let mut end = i + 1;
            while end < tokens.len() && unit.tags[end] == "I-ORG" && !covered(end) {
                end += 1;
            }
            let connector = |t: &Token| t.is_in(&words.name_connectors);
            // "House Select Committee on Intelligence": a head word's "of"/"on" part the tagger
            // left out, in languages that name bodies head first
            if words.body_before_title && head_ends(tokens, end, words) {
                end = of_part_end(tokens, end, words, &ends_of_part);
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
            if tokens[i].is_in(&words.determiners) && end > i + 1 {
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
                if let Some(index) = set.add(&whole.text, None, &whole.text) {
                    found.push((whole, index));
                }
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
                    && name_words.contains(&*tokens[k + len].lower)
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
                && context.common.contains(&*tokens[i].lower);
            let m = mention(unit, u, i, end - 1);
            let only_suffix = set.core(&m.text).is_empty();
            let known_place = (end == i + 1
                && !acronym_like(tokens[i].text)
                && context.places.contains(&*tokens[i].lower))
                || (phrase_at(tokens, i, &words.institution_heads) == 0
                    && place_name(&tokens[i..end], context.place_words));
            let web_address = m.text.contains('.') && !m.text.ends_with('.');
            let calendar_word = calendar.contains_any_case(&m.text);
            // "(KPU RI) August Melasz": what directly follows a known body is not another one
            let follows_institution = i > 0 && covered(i - 1);
            let part_of_a_name = tokens[i..end]
                .iter()
                .all(|t| name_words.contains(&*t.lower));
            // a rank ("AKBP") or a head word alone ("PT") names no body
            let rank = phrase_at(tokens, i, &words.honorifics) == end - i;
            let bare_head = phrase_at(tokens, i, &words.institution_heads) == end - i;
            let term = set.terms.contains(&m.text);
            // "Nomor 01/KPPU-M/2025", "POJK 25/2023": a word of an identifier or a document's
            // short form before its number, no body
            // ("ATR/BPN" is two bodies)
            let slash = |k: usize| tokens.get(k).is_some_and(|t| t.text == "/");
            let number = |k: usize| {
                tokens
                    .get(k)
                    .is_some_and(|t| t.text.chars().all(|c| c.is_ascii_digit()))
            };
            let identifier = end == i + 1
                && ((i > 1 && slash(i - 1) && number(i - 2))
                    || (slash(end) && number(end + 1))
                    || (number(end) && slash(end + 1)));
            if phrase_at(tokens, i, &words.titles) == 0
                && !term
                && !identifier
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
                if let Some(index) = set.add(&m.text, None, &m.text) {
                    found.push((m, index));
                }
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
pub(super) fn opens_longer_name(tokens: &[Token], at: usize, words: &EntityWords) -> bool {
    tokens.get(at).is_some_and(|t| capitalised(t.text))
        && (phrase_at(tokens, at, &words.institution_heads) > 0
            || (phrase_at(tokens, at, &words.titles) == 0
                && phrase_at(tokens, at, &words.honorifics) == 0))
}

pub(super) const OPENING_QUOTES: [&str; 4] = ["\"", "“", "‘", "'"];
pub(super) const CLOSING_QUOTES: [&str; 4] = ["\"", "”", "’", "'"];

/// Whether the token before `end` is an organisation head word ("Committee", "University").
pub(super) fn head_ends(tokens: &[Token], end: usize, words: &EntityWords) -> bool {
    end > 0 && phrase_at(tokens, end - 1, &words.institution_heads) == 1
}

/// Where a name that goes on after its head word with a connector ends ("University of
/// Kabul", "Committee on Intelligence"): through capitalised words and connectors, ending on a
/// capitalised word, at most six words on; `end` itself where nothing follows.
pub(super) fn of_part_end(
    tokens: &[Token],
    end: usize,
    words: &EntityWords,
    stop: &dyn Fn(usize) -> bool,
) -> usize {
    let opens = tokens
        .get(end)
        .is_some_and(|t| t.is_in(&words.name_connectors) && !t.is_in(&words.coordinators));
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
        } else if !t.is_in(&words.name_connectors) {
            break;
        }
    }
    last
}

/// Later mentions of institutions already known: acronyms, names, in the title too.
pub(super) fn known_institutions(
    unit: &Unit,
    u: usize,
    words: &EntityWords,
    set: &mut InstitutionSet,
    mask: &[bool],
) -> Vec<(Mention, usize)> {
    let covered = |i: usize| mask.get(i).copied().unwrap_or(false);
    let mut found = Vec::new();
    let mut i = 0;
    while i < unit.tokens.len() {
        crate::budget::check();
        let token = &unit.tokens[i];
        if covered(i) || !capitalised(token.text) {
            i += 1;
            continue;
        }
        if let Some(index) = set.find(token.text) {
            let m = mention(unit, u, i, i);
            set.add_mention(index, &m.text);
            found.push((m, index));
            i += 1;
            continue;
        }
        // the first word of a known name that opens with no head word: "Alibaba" for
        // "Alibaba Cloud"
        let head = phrase_at(&unit.tokens, i, &words.institution_heads) > 0;
        let opens = (!head)
            .then(|| {
                set.first_opening_with(&token.lower, |index| {
                    let name = set.name_key(index);
                    // ("Indiana" does not stand for "Indiana State Teachers Association": a name
                    // closed by a head word is named by its head)
                    let closed_by_head = name.rsplit(' ').next().is_some_and(|last| {
                        words.institution_heads.longest_at(std::iter::once(last)) == 1
                    });
                    name.contains(' ') && !closed_by_head && !all_caps(&set.entries[index].name)
                })
            })
            .flatten();
        if let (Some(index), false) = (
            opens,
            unit.tokens.get(i + 1).is_some_and(|t| capitalised(t.text)),
        ) {
            let m = mention(unit, u, i, i);
            set.add_mention(index, &m.text);
            found.push((m, index));
            i += 1;
            continue;
        }
        // the opening words of a company's name: "Alibaba Cloud" for "Alibaba Cloud Private Ltd"
        match company_prefix(&unit.tokens, i, words, set, &covered) {
            Some((last, index)) => {
                let m = mention(unit, u, i, last);
                set.add_mention(index, &m.text);
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
pub(super) fn company_prefix(
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
            .map(|t| t.lower.as_ref())
            .collect();
        let company = set.first_opening_with(run[0], |index| {
            let name: Vec<&str> = set.name_key(index).split(' ').collect();
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
pub(super) fn company_start(tokens: &[Token], end: usize, words: &EntityWords) -> Option<usize> {
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
pub(super) fn company_end(tokens: &[Token], start: usize, words: &EntityWords) -> Option<usize> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_contraction_takes_opening_letters_of_consecutive_words() {
        assert!(contraction_of(
            "bareskrim",
            &["badan", "reserse", "kriminal"]
        ));
        assert!(contraction_of("kemenkeu", &["kementerian", "keuangan"]));
        assert!(!contraction_of("bareskrim", &["badan", "kriminal"]));
        // one word is no contraction
        assert!(!contraction_of("badan", &["badan", "reserse"]));
    }

    #[test]
    fn a_body_is_found_by_its_forms_and_not_by_a_name_it_was_renamed_from() {
        let words = &crate::lang::pack("id").unwrap().entities;
        let mut set = InstitutionSet::new(words);
        assert_eq!(set.add("Bank Rakyat", Some("BRK"), "BRK"), Some(0));
        assert_eq!(set.find("Bank Rakyat"), Some(0));
        // the longer name found through the short form renames the body
        assert_eq!(
            set.add("Bank Rakyat Nusantara", Some("BRK"), "BRK"),
            Some(0)
        );
        assert_eq!(set.entries[0].name, "Bank Rakyat Nusantara");
        assert_eq!(set.find("Bank Rakyat"), None);
        assert_eq!(set.find("Bank Rakyat Nusantara"), Some(0));
        assert_eq!(set.find("brk"), Some(0));
        // a mention is a form too, with the name suffixes a core drops
        set.add_mention(0, "Bank Rakyat");
        assert_eq!(set.find("Bank Rakyat"), Some(0));
        assert_eq!(set.find("Bank Rakyat Nusantara RI"), Some(0));
    }

    #[test]
    fn a_key_opening_is_read_as_the_key_would_be() {
        for form in [
            "KPU",
            "(KPU)",
            "T-Mobile",
            " Bank X",
            "a\u{b}bc",
            "X RI",
            "Ab",
            "Caf\u{e9}",
        ] {
            let key = key(form);
            let opening = key_opening(form);
            match key.split(' ').next() {
                Some(first) if first.len() >= 2 && form.is_ascii() => {
                    assert_eq!(
                        opening.as_ref().map(|o| &o[..]),
                        Some(&key.as_bytes()[..2]),
                        "{form}"
                    )
                }
                _ => assert_eq!(opening, None, "{form}"),
            }
        }
    }

    #[test]
    fn a_long_name_of_look_alike_words_is_settled_at_once() {
        // every word offers four ways to go on: a search without memory tries them all
        let words = vec!["aaaaa"; 60];
        let form = format!("{}b", "a".repeat(150));
        assert!(!contraction_of(&form, &words));
        assert!(contraction_of(&"a".repeat(150), &words));
    }
}
