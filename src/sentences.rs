//! Sentences: Unicode sentence boundaries (unicode-segmentation), with the splits that a
//! language's abbreviations ("PT.", "Dr.", "No.") and initials cause merged back, so that one
//! sentence stays one.

use unicode_segmentation::UnicodeSegmentation;

/// Byte ranges of the sentences of `text`.
pub fn sentences(text: &str, abbreviations: &[String]) -> Vec<(usize, usize)> {
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (start, piece) in text.split_sentence_bound_indices() {
        let end = start + piece.len();
        match merged.last_mut() {
            Some(last) if continues(&text[last.0..last.1], piece, abbreviations) => last.1 = end,
            _ => merged.push((start, end)),
        }
    }
    merged
}

/// Whether a split after `before` is false: it ends in an abbreviation or an initial, or the
/// next piece goes on in lower case or with a digit.
fn continues(before: &str, next: &str, abbreviations: &[String]) -> bool {
    let trimmed = before.trim_end();
    let Some(stem) = trimmed.strip_suffix('.') else {
        return false;
    };
    let last_word = stem
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or_default();
    let initial = last_word.chars().count() == 1 && last_word.chars().all(char::is_uppercase);
    let abbreviation = abbreviations
        .iter()
        .any(|a| a.eq_ignore_ascii_case(last_word));
    let lower_next = next
        .trim_start()
        .chars()
        .next()
        .is_some_and(|c| c.is_lowercase() || c.is_ascii_digit());
    initial || abbreviation || lower_next
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::pack;

    #[test]
    fn abbreviations_keep_one_sentence_whole() {
        let abbreviations = &pack("id").unwrap().statements.abbreviations;
        let text = "Direktur PT. Maju Jaya, Dr. H. Budi, tinggal di Jl. Merdeka No. 5 dll. bersama keluarga. Kalimat kedua.";
        let found: Vec<&str> = sentences(text, abbreviations)
            .iter()
            .map(|&(s, e)| text[s..e].trim())
            .collect();
        assert_eq!(found, ["Direktur PT. Maju Jaya, Dr. H. Budi, tinggal di Jl. Merdeka No. 5 dll. bersama keluarga.", "Kalimat kedua."]);
    }
}
