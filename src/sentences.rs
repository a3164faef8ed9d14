//! Sentences: Unicode sentence boundaries (unicode-segmentation), with the splits that a
//! language's abbreviations ("PT.", "Dr.", "No.") and initials cause merged back, so that one
//! sentence stays one.

use std::iter::Peekable;

use unicode_segmentation::UnicodeSegmentation;

/// Byte ranges of the sentences of `text`, read as far as they are asked for.
pub fn sentences<'a>(text: &'a str, abbreviations: &'a [String]) -> Sentences<'a> {
    Sentences {
        text,
        abbreviations,
        pieces: Pieces::new(text).peekable(),
    }
}

/// The sentences of a text, in order: Unicode's sentence pieces, merged where a split is false.
pub struct Sentences<'a> {
    text: &'a str,
    abbreviations: &'a [String],
    pieces: Peekable<Pieces<'a>>,
}

/// Unicode's sentence pieces of a text, as (start, piece), from where each starts.
struct Pieces<'a> {
    text: &'a str,
    starts: std::vec::IntoIter<usize>,
    next: Option<usize>,
}

impl<'a> Pieces<'a> {
    fn new(text: &'a str) -> Pieces<'a> {
        let mut starts = piece_starts(text).into_iter();
        let next = starts.next();
        Pieces { text, starts, next }
    }
}

impl<'a> Iterator for Pieces<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<(usize, &'a str)> {
        let start = self.next?;
        self.next = self.starts.next();
        Some((
            start,
            &self.text[start..self.next.unwrap_or(self.text.len())],
        ))
    }
}

/// Where a text's sentence pieces start, as Unicode's rules have them, with the rules run
/// only around the places a sentence can end: in ASCII a piece ends only after a full stop,
/// question or exclamation mark or line break (any other character is read by the rules as
/// it comes), and no rule looks across two ASCII letters in a row, so the text around such
/// places, cut between letters, is read alone exactly as within the whole. Most of a text is
/// words, which the rules (about 250 instructions a character) then never read.
fn piece_starts(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let between_letters =
        |at: usize| bytes[at - 1].is_ascii_alphabetic() && bytes[at].is_ascii_alphabetic();
    let mut starts = Vec::new();
    if !text.is_empty() {
        starts.push(0);
    }
    let mut from = 0;
    while let Some(offset) = bytes[from..]
        .iter()
        .position(|b| matches!(b, b'.' | b'!' | b'?' | b'\r' | b'\n') || !b.is_ascii())
    {
        let at = from + offset;
        let start = (from + 1..=at)
            .rev()
            .find(|&p| between_letters(p))
            .unwrap_or(from);
        let end = (at + 1..bytes.len())
            .find(|&p| between_letters(p))
            .unwrap_or(bytes.len());
        // the piece that opens at `start` is no new piece unless the text opens there
        let within = text[start..end].split_sentence_bound_indices().skip(1);
        starts.extend(within.map(|(p, _)| start + p));
        from = end;
    }
    starts
}

impl Iterator for Sentences<'_> {
    type Item = (usize, usize);

    fn next(&mut self) -> Option<(usize, usize)> {
        let (start, piece) = self.pieces.next()?;
        let mut end = start + piece.len();
        while let Some(&(next_start, next)) = self.pieces.peek() {
            if !continues(&self.text[start..end], next, self.abbreviations) {
                break;
            }
            end = next_start + next.len();
            self.pieces.next();
        }
        Some((start, end))
    }
}

/// The sentence holding an offset, for offsets asked in increasing order: the text is read
/// once, and no further than the last offset asked.
pub struct SentenceCursor<'a> {
    text: &'a str,
    abbreviations: &'a [String],
    /// Split when first asked: a cursor is often made for a text it is never asked about.
    sentences: Option<Sentences<'a>>,
    current: Option<(usize, usize)>,
}

impl<'a> SentenceCursor<'a> {
    pub fn new(text: &'a str, abbreviations: &'a [String]) -> SentenceCursor<'a> {
        SentenceCursor {
            text,
            abbreviations,
            sentences: None,
            current: None,
        }
    }

    /// Byte range of the sentence holding byte `at`; none past the text's end.
    pub fn holding(&mut self, at: usize) -> Option<(usize, usize)> {
        let sentences = self
            .sentences
            .get_or_insert_with(|| sentences(self.text, self.abbreviations));
        loop {
            match self.current {
                Some((start, end)) if at < end => return (start <= at).then_some((start, end)),
                _ => self.current = Some(sentences.next()?),
            }
        }
    }
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
            .map(|(s, e)| text[s..e].trim())
            .collect();
        assert_eq!(found, ["Direktur PT. Maju Jaya, Dr. H. Budi, tinggal di Jl. Merdeka No. 5 dll. bersama keluarga.", "Kalimat kedua."]);
    }

    #[test]
    fn the_cursor_finds_each_offsets_sentence_as_the_whole_list_does() {
        let abbreviations = &pack("id").unwrap().statements.abbreviations;
        let text = "Kata Dr. Budi, sidang ditunda. Lalu 3. itu dibahas. “Ya,” ujarnya. Akhir";
        let all: Vec<(usize, usize)> = sentences(text, abbreviations).collect();
        assert_eq!(all.len(), 4, "{all:?}");
        let mut cursor = SentenceCursor::new(text, abbreviations);
        for at in (0..text.len())
            .filter(|&at| text.is_char_boundary(at))
            .step_by(3)
        {
            let whole = all.iter().find(|&&(s, e)| s <= at && at < e).copied();
            assert_eq!(cursor.holding(at), whole, "{at}");
        }
        assert_eq!(cursor.holding(text.len()), None);
    }

    #[test]
    fn pieces_are_unicodes_pieces() {
        // every character class the rules tell apart, and the places they meet
        const ALPHABET: &[char] = &[
            'a', 'a', 'a', 'e', 'e', 'B', 'B', 'K', '1', '9', '.', '.', '.', '.', '.', '!', '?',
            ' ', ' ', '\t', '\n', '\r', '"', '\'', '(', ')', '[', ']', ',', '-', ':', ';', '/',
            '$', // and outside ASCII: quotes, letters, a combining accent, a soft hyphen, a
            // joiner, dashes, an ellipsis, full stops of other scripts, separators, spaces
            '“', '”', '’', 'é', 'Ö', 'ß', '\u{301}', '\u{ad}', '\u{200d}', '–', '—', '…', '。', '।',
            '؟', '\u{85}', '\u{2028}', '\u{a0}', '漢', '١',
        ];
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        let mut random = |below: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % below as u64) as usize
        };
        for _ in 0..200_000 {
            let len = random(24);
            let text: String = (0..len).map(|_| ALPHABET[random(ALPHABET.len())]).collect();
            let fast: Vec<(usize, &str)> = Pieces::new(&text).collect();
            let unicode: Vec<(usize, &str)> = text.split_sentence_bound_indices().collect();
            assert_eq!(fast, unicode, "{text:?}");
        }
        for text in [
            "",
            " ",
            "Kata Dr. Budi, sidang ditunda. Lalu 3. itu dibahas. \"Ya,\" ujarnya. Akhir",
            "Harga naik 1.5 persen!? Ya.\r\nLalu (kata dia.) selesai... Tidak? tidak.",
        ] {
            let fast: Vec<(usize, &str)> = Pieces::new(text).collect();
            let unicode: Vec<(usize, &str)> = text.split_sentence_bound_indices().collect();
            assert_eq!(fast, unicode, "{text:?}");
        }
    }
}
