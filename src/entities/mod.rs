//! People and institutions in an article: the statistical tagger finds names, and rules over
//! the language pack's words add what a tagger alone gets wrong: acronym definitions tie short
//! and long names, a title before a name becomes a role instead of part of the name, and short
//! forms of a name are tied to the full one.

use foldhash::{HashMap, HashSet};
use std::collections::BTreeMap;

use crate::lang::{EntityWords, FirstWords, Pack, Phrases};
use crate::names::compact_key as key;
use crate::ner::Model;
use crate::record::{Institution, Offsets, Person, Role, Span};

mod institutions;
mod people;
mod roles;
mod tokens;

use institutions::*;
use people::*;
use roles::*;
use tokens::*;

fn push_unique(list: &mut Vec<String>, value: &str) {
    if !list.iter().any(|v| v == value) {
        list.push(value.to_string());
    }
}

/// The longest phrase of `phrases` that the tokens spell from `at` on, in tokens.
fn phrase_at(tokens: &[Token], at: usize, phrases: &Phrases) -> usize {
    let Some(first) = tokens.get(at) else {
        return 0;
    };
    phrases.longest_at_with(
        first.filter_bit,
        tokens[at..].iter().map(|t| t.lower.as_ref()),
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
/// What the entity passes find in one article.
pub struct Entities {
    pub people: Vec<Person>,
    pub institutions: Vec<Institution>,
    /// Said when the article names more bodies than one set holds.
    pub warning: Option<String>,
}

pub fn extract(title: Option<&str>, body: &[String], pack: &Pack) -> Entities {
    let model = Model::bundled(&pack.code);
    let units: Vec<Unit> = title
        .map(|t| (None, t))
        .into_iter()
        .chain(body.iter().enumerate().map(|(i, p)| (Some(i), p.as_str())))
        .map(|(paragraph, text)| {
            let tokens = tokenize(text, &pack.entities.name_abbreviations);
            let words: Vec<&str> = tokens.iter().map(|t| t.text).collect();
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
    let calendar = pack.never_names();
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
            calendar,
            roots: crate::lang::word_list(&pack.code, "root-words"),
            places: crate::lang::word_list(&pack.code, "places"),
        };
        for (mention, index) in definitions(unit, u, words, &vocabulary, &mut institutions) {
            institution_mentions.push((mention, index));
        }
    }
    let masks = coverage(institution_mentions.iter().map(|(m, _)| m), &units);
    for (u, unit) in body_units() {
        let found = titled_acronyms(unit, u, words, &mut institutions, &masks[u]);
        institution_mentions.extend(found);
    }
    // words of full names, so that a surname the tagger took for a body stays a name
    let mut name_words: HashSet<String> = HashSet::default();
    let masks = coverage(institution_mentions.iter().map(|(m, _)| m), &units);
    for (u, unit) in body_units() {
        let covered = |i: usize| masks[u].get(i).copied().unwrap_or(false);
        for (first, last) in tagged_names(unit, words, &covered)
            .into_iter()
            .chain(titled_names(unit, words, &pack.code, &covered))
        {
            if last > first {
                name_words.extend(
                    unit.tokens[first..=last]
                        .iter()
                        .map(|t| t.lower.to_string()),
                );
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
        roots: crate::lang::word_list(&pack.code, "root-words"),
        place_words: crate::lang::word_list(&pack.code, "places"),
    };
    let masks = coverage(institution_mentions.iter().map(|(m, _)| m), &units);
    for (u, unit) in body_units() {
        for (mention, index) in named_institutions(unit, u, &context, &mut institutions, &masks[u])
        {
            institution_mentions.push((mention, index));
        }
    }
    let masks = coverage(institution_mentions.iter().map(|(m, _)| m), &units);
    for (u, unit) in units.iter().enumerate() {
        institution_mentions.extend(known_institutions(
            unit,
            u,
            words,
            &mut institutions,
            &masks[u],
        ));
    }
    let mut people = people(&units, &context, &institutions, &institution_mentions);
    let refused = institutions.refused;
    let mut entries = institutions.entries;
    for (mention, index) in &institution_mentions {
        entries[*index]
            .spans
            .push(span(&units[mention.unit], mention));
    }
    initials_of_people(&mut people, &mut entries, &units);
    merge_company_forms(&mut entries, words);
    merge_short_forms(&mut entries, words, &context.places);
    expand_known_short_forms(&mut entries, crate::lang::known_short_forms(&pack.code));
    for entry in &mut entries {
        entry.spans.sort_by_key(reading_order);
    }
    let warning = (refused > 0).then(|| {
        format!(
            "more than {MAX_INSTITUTIONS} institutions named: {refused} further names not collected"
        )
    });
    Entities {
        people,
        institutions: entries,
        warning,
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

/// Institutions named without a definition: a run of capitalised words opening with a head
/// word, an acronym the article defined, or an organisation the tagger found.
/// What the rules know of the whole article while they read one paragraph.
struct Context<'a> {
    language: &'a str,
    words: &'a EntityWords,
    /// Month and weekday names and function words, which are never names.
    calendar: &'a CalendarWords,
    /// Words of full names found in the article.
    name_words: HashSet<String>,
    /// Words the article writes in lower case: common words, not names.
    common: HashSet<&'a str>,
    /// One-word places the tagger marks somewhere in the article: the same word marked as a
    /// body elsewhere is the place still ("the Kabul government").
    places: HashSet<String>,
    /// The language's dictionary roots (empty where it ships none).
    roots: &'static HashSet<String>,
    /// Words of the language's place names (its gazetteer).
    place_words: &'static HashSet<String>,
}

/// Month and weekday names and function words, which are never names, for look-up by the
/// word as written or in any ASCII case (every token of every paragraph is asked).
#[derive(Debug)]
pub(crate) struct CalendarWords {
    written: HashSet<String>,
    ascii_folded: HashSet<String>,
    /// The folded words' bits, which read ASCII letters in either case alike: most words
    /// asked about are turned away before they are folded.
    folded_bits: FirstWords,
}

impl CalendarWords {
    pub(crate) fn new<'a>(words: impl Iterator<Item = &'a String>) -> CalendarWords {
        let written: HashSet<String> = words.cloned().collect();
        let ascii_folded: HashSet<String> =
            written.iter().map(|w| w.to_ascii_lowercase()).collect();
        CalendarWords {
            folded_bits: FirstWords::new(ascii_folded.iter()),
            written,
            ascii_folded,
        }
    }

    /// Whether the word is one of them as written (a token's lower-case form).
    pub(super) fn contains(&self, word: &str) -> bool {
        self.written.contains(word)
    }

    /// Whether the word is one of them whatever its ASCII letters' case.
    pub(super) fn contains_any_case(&self, word: &str) -> bool {
        if !self.folded_bits.may_hold(word) {
            return false;
        }
        if word.bytes().any(|b| b.is_ascii_uppercase()) {
            self.ascii_folded.contains(&word.to_ascii_lowercase())
        } else {
            self.ascii_folded.contains(word)
        }
    }
}

fn tagged_places(units: &[Unit]) -> HashSet<String> {
    // how often each word stands alone as a place, less how often alone as a body
    let mut leaning: HashMap<String, i32> = HashMap::default();
    for unit in units {
        for k in 0..unit.tokens.len() {
            let (tag, next) = (unit.tags[k], unit.tags.get(k + 1).copied().unwrap_or("O"));
            let vote = match (tag, next) {
                ("B-LOC", n) if n != "I-LOC" => 1,
                ("B-ORG", n) if n != "I-ORG" => -1,
                _ => continue,
            };
            *leaning.entry(unit.tokens[k].lower.to_string()).or_default() += vote;
        }
    }
    leaning
        .into_iter()
        .filter(|&(_, lean)| lean > 0)
        .map(|(word, _)| word)
        .collect()
}

fn common_words<'a>(units: &[Unit<'a>]) -> HashSet<&'a str> {
    let body = units.iter().filter(|unit| unit.paragraph.is_some());
    // room for a distinct word in four, made once rather than grown
    let tokens: usize = body.clone().map(|unit| unit.tokens.len()).sum();
    let mut words = HashSet::with_capacity_and_hasher(tokens / 4, Default::default());
    words.extend(
        body.flat_map(|unit| unit.tokens.iter())
            .filter(|t| t.text.chars().next().is_some_and(char::is_lowercase))
            .map(|t| t.text),
    );
    words
}

/// Which tokens of unit `u` lie inside one of the mentions.
/// Which tokens of each unit the mentions cover, built in one pass over them.
fn coverage<'a>(mentions: impl IntoIterator<Item = &'a Mention>, units: &[Unit]) -> Vec<Vec<bool>> {
    let mut masks: Vec<Vec<bool>> = units.iter().map(|u| vec![false; u.tokens.len()]).collect();
    for m in mentions {
        if let Some(mask) = masks.get_mut(m.unit) {
            for slot in mask.iter_mut().take(m.last + 1).skip(m.first) {
                *slot = true;
            }
        }
    }
    masks
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::pack;

    #[test]
    fn words_that_only_tell_the_language_may_be_names() {
        // "Will Moy", "Ada Lovelace": frequent words count for detection, not against names
        let en = pack("en").unwrap();
        assert!(en.never_names().contains("the") && !en.never_names().contains("will"));
        let id = pack("id").unwrap();
        assert!(id.never_names().contains("yang") && !id.never_names().contains("ada"));
    }

    #[test]
    fn calendar_words_as_written_or_in_any_ascii_case() {
        let words: Vec<String> = ["Januari", "senin", "the", "Ágúst"]
            .iter()
            .map(|w| w.to_string())
            .collect();
        let calendar = CalendarWords::new(words.iter());
        // as written: a token's lower-case form finds only the words listed in lower case
        assert!(calendar.contains("senin") && !calendar.contains("januari"));
        for word in ["JANUARI", "januari", "Senin", "THE", "ágúst", "Ágúst"] {
            let expected = words.iter().any(|w| w.eq_ignore_ascii_case(word));
            assert_eq!(calendar.contains_any_case(word), expected, "{word}");
        }
        assert!(
            !calendar.contains_any_case("ÁGÚST"),
            "ASCII letters only change case"
        );
    }

    fn run(body: &str) -> (Vec<Person>, Vec<Institution>) {
        let found = extract(None, &[body.to_string()], pack("id").unwrap());
        (found.people, found.institutions)
    }

    #[test]
    fn an_article_naming_thousands_of_bodies_keeps_the_first_thousand_and_says_so() {
        // distinct made-up names, every one defined with a short form, in one paragraph
        let syllables = ["ka", "ri", "tu", "man", "sa", "lo", "ber", "ta"];
        let word = |n: usize| {
            let mut w: String = (0..3).map(|k| syllables[(n >> (3 * k)) % 8]).collect();
            w[..1].make_ascii_uppercase();
            w
        };
        let body: String = (0..1_500)
            .map(|n| {
                format!(
                    "Kepala Badan {} {} hadir di Kementerian {}. ",
                    word(n),
                    word(n + 7),
                    word(n + 3)
                )
            })
            .collect();
        let found = extract(None, &[body], pack("id").unwrap());
        assert!(found.institutions.len() <= MAX_INSTITUTIONS);
        assert!(
            found.institutions.len() > 500,
            "{}",
            found.institutions.len()
        );
        let warning = found.warning.expect("a warning");
        assert!(warning.contains("further names not collected"), "{warning}");
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
        let Entities {
            people,
            institutions: _,
            ..
        } = extract(
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
    fn the_period_of_an_office_stays_between_its_title_and_the_name() {
        let (people, _) = run(
            "Saksi yang diperiksa ialah Direktur Utama PT Maju Jaya tahun 2019, Bambang Sutrisno. \
             Ketua Panitia periode 2018-2020, Sri Wahyuni, juga hadir.",
        );
        let roles = |name: &str| {
            people
                .iter()
                .find(|p| p.name == name)
                .map(|p| p.roles.clone())
                .unwrap_or_default()
        };
        assert_eq!(
            roles("Bambang Sutrisno"),
            [role("Direktur Utama", Some("PT Maju Jaya"))]
        );
        assert_eq!(roles("Sri Wahyuni"), [role("Ketua Panitia", None)]);
    }

    #[test]
    fn an_office_before_a_place_the_tagger_does_not_know_heads_the_body_there() {
        let (people, _) = run("Hal itu disampaikan Kapolsek Sukamundur, AKP Rahmat Widodo, Senin.");
        let rahmat = people
            .iter()
            .find(|p| p.name == "Rahmat Widodo")
            .expect("Rahmat");
        assert_eq!(
            rahmat.roles,
            [role("Kapolsek", Some("Kepolisian Sektor Sukamundur"))]
        );
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
        let (people, _) =
            run("Namun pengacara Andi Pratama lainnya, Budi Santoso, tidak hadir di Bandung.");
        assert_eq!(
            person(&people, "Budi Santoso").roles,
            [role("pengacara", None)]
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

    /// Each body's name with its other forms, for asserting which forms were merged.
    fn forms(institutions: &[Institution]) -> Vec<(String, Vec<String>)> {
        institutions
            .iter()
            .map(|i| {
                let mut all: Vec<String> = i.acronyms.iter().chain(&i.mentions).cloned().collect();
                all.sort();
                all.dedup();
                (i.name.clone(), all)
            })
            .collect()
    }

    #[test]
    fn a_shorter_writing_of_a_body_is_that_body() {
        let (_, institutions) = run(
            "Pemkab Jabar menolak. Pemerintah Kabupaten Jawa Barat lalu memanggil pejabat \
             Kejati Sukamaju. Kejaksaan Tinggi Sukamaju menyatakan Ketua DPRD Jawa Barat \
             (Jabar) hadir. Anggota DPRD Jabar menolak.",
        );
        let found = forms(&institutions);
        let names: Vec<&str> = found.iter().map(|(n, _)| n.as_str()).collect();
        for short in ["Pemkab Jabar", "Kejati Sukamaju", "DPRD Jabar"] {
            assert!(!names.contains(&short), "{found:?}");
        }
        let pemkab = found
            .iter()
            .find(|(n, _)| n == "Pemerintah Kabupaten Jawa Barat");
        assert!(
            pemkab.is_some_and(|(_, all)| all.contains(&"Pemkab Jabar".to_string())),
            "{found:?}"
        );
    }

    #[test]
    fn a_bare_acronym_a_name_carries_after_its_head_is_that_body() {
        let (_, institutions) = run(
            "Kredit dari Bank BPDS mengalir ke PT MRTX Surabaya. BPDS dan MRTX membantah, \
             begitu pula Komisi Etik DPR.",
        );
        let found = forms(&institutions);
        let names: Vec<&str> = found.iter().map(|(n, _)| n.as_str()).collect();
        assert!(
            !names.contains(&"BPDS") && !names.contains(&"MRTX"),
            "{found:?}"
        );
        assert!(names.contains(&"Komisi Etik DPR"), "{found:?}");
    }

    #[test]
    fn a_unit_named_before_its_parent_s_acronym() {
        let (_, institutions) = run(
            "Komisi Hukum Majelis Adat Nasional (MAN) menggelar rapat. Ketua MAN hadir. \
             Komisi Hukum lalu menerbitkan keputusan.",
        );
        let found = forms(&institutions);
        let parent = found.iter().find(|(n, _)| n == "Majelis Adat Nasional");
        assert!(
            parent.is_some_and(|(_, all)| all.contains(&"MAN".to_string())),
            "{found:?}"
        );
        let unit = found
            .iter()
            .find(|(n, _)| n == "Komisi Hukum Majelis Adat Nasional");
        assert!(
            unit.is_some_and(|(_, all)| all.contains(&"Komisi Hukum".to_string())),
            "{found:?}"
        );
    }

    #[test]
    fn identifiers_places_terms_and_law_subjects_are_no_bodies() {
        let (_, institutions) = run(
            "Perkara Nomor 07/BPPK-X/2024 diperiksa Badan Pengawas Pasar Kecil. Aturan itu \
             merujuk POJK 12/2022 dan Undang-Undang Nomor 4 Tahun 2020 tentang Usaha Koperasi \
             Simpan Pinjam. Harga minyak Amerika Serikat naik. Kasus suap pergantian \
             antarwaktu (PAW) disidangkan.",
        );
        let names: Vec<&str> = institutions.iter().map(|i| i.name.as_str()).collect();
        assert!(names.contains(&"Badan Pengawas Pasar Kecil"), "{names:?}");
        for not_a_body in [
            "BPPK-X",
            "POJK",
            "Usaha Koperasi Simpan Pinjam",
            "Amerika Serikat",
            "PAW",
        ] {
            assert!(
                !names.iter().any(|n| n.contains(not_a_body)),
                "{not_a_body}: {names:?}"
            );
        }
    }

    #[test]
    fn an_event_or_building_word_before_a_body_is_no_part_of_its_name() {
        let (_, institutions) = run(
            "Perkara itu dibahas dalam Sidang Majelis Hakim Etik pada Senin. Wartawan menunggu \
             di depan Gedung Jampidsus Kejaksaan Agung.",
        );
        let names: Vec<&str> = institutions.iter().map(|i| i.name.as_str()).collect();
        assert!(!names.iter().any(|n| n.starts_with("Sidang")), "{names:?}");
        assert!(
            institutions
                .iter()
                .any(|i| i.acronyms.contains(&"Jampidsus".to_string())),
            "{names:?}"
        );
    }

    #[test]
    fn a_well_known_body_named_by_its_short_form_gets_its_full_name() {
        let (_, institutions) = run(
            "Prajurit TNI berjaga. Tentara Nasional Indonesia menyatakan Kemenkeu ikut rapat \
             bersama Komisi Pengawas Desa (KPD).",
        );
        let found = forms(&institutions);
        let tni: Vec<_> = found
            .iter()
            .filter(|(_, all)| all.contains(&"TNI".to_string()))
            .collect();
        assert_eq!(tni.len(), 1, "{found:?}");
        assert_eq!(tni[0].0, "Tentara Nasional Indonesia", "{found:?}");
        let names: Vec<&str> = found.iter().map(|(n, _)| n.as_str()).collect();
        assert!(names.contains(&"Kementerian Keuangan"), "{found:?}");
        assert!(names.contains(&"Komisi Pengawas Desa"), "{found:?}");
    }

    #[test]
    fn a_name_the_scrape_glued_a_word_onto_is_the_clean_name() {
        let (people, _) = run(
            "Penyidik memeriksa Rina Wulandarisudah sejak pagi. Rina Wulandari lalu pulang, \
             kata Rina.",
        );
        let names: Vec<&str> = people.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["Rina Wulandari"], "{people:?}");
    }

    #[test]
    fn an_office_heads_the_body_its_title_makes() {
        let (people, _) = run(
            "Kejaksaan Negeri Sukamaju memeriksa saksi. Jaksa Negeri Sukamaju Rudi Hartono \
             menyatakan berkas lengkap.",
        );
        let rudi = person(&people, "Rudi Hartono");
        assert_eq!(
            rudi.roles,
            [role(
                "Jaksa Negeri Sukamaju",
                Some("Kejaksaan Negeri Sukamaju")
            )]
        );
    }

    #[test]
    fn a_title_ends_before_the_word_that_ties_it_to_where_it_is_held() {
        let (people, _) = run(
            "Kepala Biro Umum pada Sekretariat Utama Badan Pengawas Pasar (BPP), Dewi Sartika, \
             mengatakan rapat ditunda.",
        );
        let dewi = person(&people, "Dewi Sartika");
        assert_eq!(
            dewi.roles,
            [role("Kepala Biro Umum", Some("Badan Pengawas Pasar"))]
        );
    }

    #[test]
    fn a_body_written_as_one_contracted_word() {
        let (_, institutions) =
            run("Penyidik Bareskrim memeriksa dua saksi, sedangkan Kejati menahan tersangka.");
        let found = forms(&institutions);
        for contracted in ["Bareskrim", "Kejati"] {
            assert!(
                found
                    .iter()
                    .any(|(_, all)| all.contains(&contracted.to_string())),
                "{found:?}"
            );
        }
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
        let Entities {
            people,
            institutions,
            ..
        } = extract(
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
        let kpu = institutions
            .iter()
            .find(|i| i.acronyms.iter().any(|a| a == "KPU"))
            .expect("KPU");
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
        // the office heads the body of its place, as "Gubernur Jawa Barat" does
        assert_eq!(
            ramli.roles,
            [role("Kajari", Some("Kejaksaan Negeri Lhoksukon"))]
        );
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
                let Entities {
                    people,
                    institutions,
                    ..
                } = extract(
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
        let Entities {
            people,
            institutions: _,
            ..
        } = extract(None, &[body.to_string()], pack("en").unwrap());
        let brown = person(&people, "Michael Brown");
        assert_eq!(brown.mentions, ["Michael Brown"]);
        assert_eq!(brown.spans[0].end, 13);
    }

    #[test]
    fn english_titles_set_off_after_a_name() {
        let body = "John Smith, the chairman of the Election Commission, said the data was safe. \
             Jane Doe, a spokeswoman for the Ministry of Finance, declined to comment.";
        let Entities {
            people,
            institutions,
            ..
        } = extract(None, &[body.to_string()], pack("en").unwrap());
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
        let Entities {
            people,
            institutions: _,
            ..
        } = extract(None, &[body.to_string()], pack("en").unwrap());
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
        let Entities {
            people,
            institutions: _,
            ..
        } = extract(None, &[body.to_string()], pack("en").unwrap());
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
        let Entities {
            people: _,
            institutions,
            ..
        } = extract(None, &[body.to_string()], pack("en").unwrap());
        let names: Vec<&str> = institutions.iter().map(|i| i.name.as_str()).collect();
        for expected in ["Reuters", "Pentagon", "WHO"] {
            assert!(names.contains(&expected), "{expected} in {names:?}");
        }
        assert!(
            !names.contains(&"Who") && !names.contains(&"Apple"),
            "{names:?}"
        );
        let credit = "WELLINGTON (Reuters) - The harbour council met on Monday.";
        let Entities {
            people: _,
            institutions,
            ..
        } = extract(None, &[credit.to_string()], pack("en").unwrap());
        assert!(institutions.iter().all(|i| i.name != "Reuters"));
    }

    #[test]
    fn an_abbreviated_title_inside_a_tagged_name_opens_the_name() {
        let body = "Ohio Republican Gov. Dan Mercer signed the bill on Friday.";
        let Entities {
            people,
            institutions: _,
            ..
        } = extract(None, &[body.to_string()], pack("en").unwrap());
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
        let Entities {
            people: _,
            institutions,
            ..
        } = extract(None, &[body.to_string()], pack("en").unwrap());
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
