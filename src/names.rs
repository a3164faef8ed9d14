//! One place for how names and texts are compared: the name key of SPEC.md, a spelling key,
//! word tokens and their Jaccard similarity, and suffixes that only extend a name. Extraction,
//! the corpus stage and the scorer all compare with these, so that they agree.

use std::collections::BTreeSet;

/// Names compared as SPEC.md says: case folded, white space folded, punctuation other than the
/// apostrophe dropped.
pub fn normalise_name(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '\'' || c == '’' {
                c
            } else {
                ' '
            }
        })
        .collect::<String>()
        .replace('’', "'")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The key extraction compares a paragraph's names by: case, apostrophes and all other
/// punctuation dropped, words kept ("T-Mobile" is "tmobile").
pub fn compact_key(name: &str) -> String {
    if name.is_ascii() {
        // one pass, as most names are: the same key without the intermediate strings
        let mut key = String::with_capacity(name.len());
        let mut space = false;
        for b in name.bytes() {
            if b.is_ascii_alphanumeric() {
                if space && !key.is_empty() {
                    key.push(' ');
                }
                space = false;
                key.push(char::from(b.to_ascii_lowercase()));
            } else if char::from(b).is_whitespace() {
                space = true;
            }
        }
        return key;
    }
    any_compact_key(name)
}

/// [`compact_key`] for any text, lower-cased as a whole.
fn any_compact_key(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric() || c.is_whitespace())
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// A spelling key: letters and digits only, so "Asy'ari" and "Asyari" meet.
pub fn spelling(name: &str) -> String {
    normalise_name(name)
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == ' ')
        .collect()
}

/// Lower-cased word tokens, as the scorer and the statement grouping compare texts.
pub fn tokens(text: &str) -> Vec<String> {
    use unicode_segmentation::UnicodeSegmentation;
    text.unicode_words().map(str::to_lowercase).collect()
}

/// Jaccard similarity of two texts' token sets.
pub fn jaccard(a: &str, b: &str) -> f64 {
    let a: BTreeSet<String> = tokens(a).into_iter().collect();
    let b: BTreeSet<String> = tokens(b).into_iter().collect();
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    a.intersection(&b).count() as f64 / a.union(&b).count() as f64
}

/// A folded name without the trailing words that only extend it ("kpu ri" is "kpu"). Every
/// suffix is stripped, repeatedly, so "komisi x republik indonesia ri" is "komisi x".
pub fn strip_suffixes(mut key: String, suffixes: &[String]) -> String {
    while let Some(kept) = suffixes.iter().find_map(|suffix| {
        let stripped = key.strip_suffix(suffix.as_str())?.strip_suffix(' ')?;
        Some(stripped.len())
    }) {
        key.truncate(kept);
    }
    key
}

/// A person's name of two words or more with a lower-case word of the language glued onto its
/// last word ("Marcella Santosodi" → "Marcella Santoso"), in every way it splits.
pub fn without_glued_word(form: &str, language: &str) -> Vec<String> {
    let Some((rest, last)) = form.trim().rsplit_once(' ') else {
        return Vec::new();
    };
    let roots = crate::lang::word_list(language, "root-words");
    let function_words = crate::lang::pack(language).map_or(&[][..], |p| p.function_words());
    let is_word = |w: &str| roots.contains(w) || function_words.iter().any(|f| f == w);
    last.char_indices()
        .skip(4)
        .map(|(at, _)| (&last[..at], &last[at..]))
        .filter(|(_, tail)| {
            tail.chars().count() >= 2 && tail.chars().all(char::is_lowercase) && is_word(tail)
        })
        .map(|(head, _)| format!("{rest} {head}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_compact_key_of_plain_names_is_the_general_one() {
        for name in [
            "Hasyim Asy'ari",
            "  T-Mobile \t US\x0b Inc. ",
            "KPU RI",
            "- . -",
            "",
            "Dr. H. Budi, S.H., M.H.",
            "a\x0cb\rc",
            "Jöhn Ďoe",
        ] {
            assert_eq!(compact_key(name), any_compact_key(name), "{name:?}");
        }
    }

    #[test]
    fn the_key_of_a_name_goes_on_from_the_key_of_its_ascii_start() {
        // people's short forms skip a word that opens no known key on this
        let starts = ["Dr.", "Joko", "T-Mobile", "KPU", "A", "(Budi"];
        let rests = [
            "",
            " Widodo",
            ". Ñoño",
            "\u{a0}Öz",
            "Σ",
            " Asy'ari, S.H.",
            "x y",
        ];
        for start in starts {
            for rest in rests {
                let whole = compact_key(&format!("{start}{rest}"));
                assert!(whole.starts_with(&compact_key(start)), "{start:?}{rest:?}");
            }
        }
    }

    #[test]
    fn each_key_folds_what_it_says() {
        assert_eq!(
            normalise_name("  Hasyim  Asy’ari, S.H. "),
            "hasyim asy'ari s h"
        );
        assert_eq!(spelling("Hasyim Asy'ari"), spelling("Hasyim Asyari"));
        assert_eq!(compact_key("T-Mobile (US)"), "tmobile us");
        let suffixes = ["ri".to_string(), "republik indonesia".to_string()];
        assert_eq!(
            strip_suffixes("komisi x republik indonesia ri".to_string(), &suffixes),
            "komisi x"
        );
    }

    #[test]
    fn jaccard_compares_word_sets() {
        assert_eq!(jaccard("Kami siap, kata dia", "kata dia: kami SIAP"), 1.0);
        assert_eq!(jaccard("", ""), 1.0);
        assert!((jaccard("satu dua", "dua tiga") - 1.0 / 3.0).abs() < 1e-9);
    }

    #[test]
    fn a_word_glued_onto_a_surname_comes_off_every_way_it_splits() {
        let splits = without_glued_word("Rina Wulandarisudah", "id");
        assert!(splits.contains(&"Rina Wulandari".to_string()), "{splits:?}");
        assert!(
            splits.iter().all(|s| s.starts_with("Rina Wulandari")),
            "{splits:?}"
        );
        assert!(without_glued_word("Wulandarisudah", "id").is_empty());
    }
}
