//! A pattern in cheaper forms that match exactly as it does on the texts they are used for.
//!
//! A Unicode word class (`\w`, `\d`, a case-insensitive letter) is hundreds of ranges; a gap
//! such as `[\w ().]{0,80}` copies it eighty times, which takes tens of milliseconds to
//! compile, and a Unicode `\b` stops the fast engine at a paragraph's first character beyond
//! ASCII (a curly quote). But most paragraphs hold no word character beyond ASCII (quotes,
//! dashes and odd spaces are none), and nearly all the rest only letters of two UTF-8 bytes
//! (é, ü, ł, Greek, Cyrillic). A class can drop the word characters a text cannot hold: it
//! then matches every character of such a text as before, so the pattern matches it exactly
//! as written. Where no word character beyond ASCII is left, a word boundary is the same in
//! ASCII, which the fast engine reads on any text.

use std::sync::OnceLock;

use regex::Regex;
use regex_syntax::hir::{
    Capture, Class, ClassUnicode, ClassUnicodeRange, Hir, HirKind, Look, Repetition,
};

/// Which word characters beyond ASCII a text holds, as far as a pattern's form depends on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum WordCharacters {
    /// None: letters, digits and the underscore are all ASCII.
    Ascii,
    /// Some, each of two UTF-8 bytes at most (below U+0800).
    TwoBytes,
    /// Some of three or four bytes.
    Any,
}

impl WordCharacters {
    pub(crate) fn of(text: &str) -> WordCharacters {
        if text.is_ascii() {
            return WordCharacters::Ascii;
        }
        let mut held = WordCharacters::Ascii;
        for c in text.chars().filter(|c| !c.is_ascii()) {
            if regex_syntax::is_word_character(c) {
                if c.len_utf8() > 2 {
                    return WordCharacters::Any;
                }
                held = WordCharacters::TwoBytes;
            }
        }
        held
    }
}

/// One pattern, cut and compiled in each form when first needed.
#[derive(Debug)]
pub(crate) struct Forms {
    /// The pattern as written.
    source: String,
    /// For texts of `Ascii`, `TwoBytes` and `Any` word characters.
    compiled: [OnceLock<Regex>; 3],
}

impl Forms {
    pub(crate) fn new(source: &str) -> Forms {
        Forms {
            source: source.to_string(),
            compiled: Default::default(),
        }
    }

    /// The pattern in the form that matches a text holding `held` as written.
    pub(crate) fn for_text(&self, held: WordCharacters) -> &Regex {
        self.compiled[held as usize].get_or_init(|| {
            Regex::new(&self.source_for(held)).expect("bundled patterns compile (tested)")
        })
    }

    /// The pattern's source in the form for texts holding `held`.
    fn source_for(&self, held: WordCharacters) -> String {
        if held == WordCharacters::Any {
            return self.source.clone();
        }
        // the cuts for `Ascii` and `TwoBytes` texts, made once a process
        static CUTS: [OnceLock<Cut>; 2] = [OnceLock::new(), OnceLock::new()];
        let cut = CUTS[held as usize].get_or_init(|| Cut::for_texts(held));
        match regex_syntax::Parser::new().parse(&self.source) {
            Ok(hir) => cut.of(&hir).to_string(),
            Err(_) => self.source.clone(),
        }
    }
}

/// How a pattern is cut for the texts whose word characters are of one kind.
struct Cut {
    /// The characters beyond ASCII such a text may hold: a class keeps those it has.
    kept: ClassUnicode,
    /// Whether a word boundary can be read in ASCII: no word character beyond it is kept.
    ascii_boundaries: bool,
}

impl Cut {
    fn for_texts(held: WordCharacters) -> Cut {
        let mut dropped = word_characters();
        dropped.intersect(&match held {
            WordCharacters::Ascii => beyond_ascii(),
            WordCharacters::TwoBytes => {
                ClassUnicode::new([ClassUnicodeRange::new('\u{800}', char::MAX)])
            }
            WordCharacters::Any => ClassUnicode::empty(),
        });
        let mut kept = beyond_ascii();
        kept.difference(&dropped);
        Cut {
            kept,
            ascii_boundaries: held == WordCharacters::Ascii,
        }
    }

    /// `hir` with its classes and, where it may, its word boundaries cut.
    fn of(&self, hir: &Hir) -> Hir {
        self.cut(hir, &mut Vec::new())
    }

    /// [`Cut::of`], each distinct class cut once: a case-insensitive pattern repeats its
    /// classes (`[Kk\u{212a}]`, `\s`) many times, and a cut takes the word class's ranges.
    fn cut(&self, hir: &Hir, cuts: &mut Vec<(ClassUnicode, ClassUnicode)>) -> Hir {
        match hir.kind() {
            HirKind::Class(Class::Unicode(class)) => {
                let cut = match cuts.iter().find(|(seen, _)| seen == class) {
                    Some((_, cut)) => cut.clone(),
                    None => {
                        let cut = self.class(class);
                        cuts.push((class.clone(), cut.clone()));
                        cut
                    }
                };
                Hir::class(Class::Unicode(cut))
            }
            HirKind::Look(look) if self.ascii_boundaries => Hir::look(ascii_look(*look)),
            HirKind::Repetition(repetition) => Hir::repetition(Repetition {
                sub: Box::new(self.cut(&repetition.sub, cuts)),
                ..repetition.clone()
            }),
            HirKind::Capture(capture) => Hir::capture(Capture {
                sub: Box::new(self.cut(&capture.sub, cuts)),
                ..capture.clone()
            }),
            HirKind::Concat(parts) => {
                Hir::concat(parts.iter().map(|p| self.cut(p, cuts)).collect())
            }
            HirKind::Alternation(branches) => {
                Hir::alternation(branches.iter().map(|b| self.cut(b, cuts)).collect())
            }
            HirKind::Empty
            | HirKind::Literal(_)
            | HirKind::Look(_)
            | HirKind::Class(Class::Bytes(_)) => hir.clone(),
        }
    }

    /// The class's ASCII characters and the kept ones it holds; every character beyond ASCII
    /// where it holds all kept ones (`\W`, `[^a-z]`), as one range is cheaper than the gaps
    /// of the word class.
    fn class(&self, class: &ClassUnicode) -> ClassUnicode {
        // most classes of a pattern ([Mm] of a case-insensitive "m") hold nothing to cut
        if class.is_ascii() {
            return class.clone();
        }
        let mut cut = class.clone();
        cut.intersect(&ClassUnicode::new([ClassUnicodeRange::new('\0', '\x7f')]));
        let mut beyond = class.clone();
        beyond.intersect(&self.kept);
        if beyond == self.kept {
            cut.union(&beyond_ascii());
        } else {
            cut.union(&beyond);
        }
        cut
    }
}

/// Every character beyond ASCII.
fn beyond_ascii() -> ClassUnicode {
    ClassUnicode::new([ClassUnicodeRange::new('\u{80}', char::MAX)])
}

/// The Unicode word characters, `\w`.
fn word_characters() -> ClassUnicode {
    match regex_syntax::Parser::new().parse(r"\w").map(Hir::into_kind) {
        Ok(HirKind::Class(Class::Unicode(class))) => class,
        other => panic!("\\w is a Unicode class, not {other:?}"),
    }
}

/// A Unicode word boundary as its ASCII twin. "Not a boundary" keeps its Unicode form: in
/// ASCII it also holds inside a character's bytes, which a pattern on text may not match.
fn ascii_look(look: Look) -> Look {
    match look {
        Look::WordUnicode => Look::WordAscii,
        Look::WordStartUnicode => Look::WordStartAscii,
        Look::WordEndUnicode => Look::WordEndAscii,
        Look::WordStartHalfUnicode => Look::WordStartHalfAscii,
        Look::WordEndHalfUnicode => Look::WordEndHalfAscii,
        other => other,
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::prefilter::Patterns;

    /// Texts of dates and register numbers in the forms the packs read, cut and joined at random
    /// with words, digits, letters beyond ASCII of two and three bytes, and the characters news
    /// holds between words (curly quotes, dashes, no-break and em spaces); seeded, so that every
    /// run reads the same texts.
    pub(crate) fn texts(count: usize) -> Vec<String> {
        const PHRASES: &[&str] = &[
            "Peraturan Menteri Dalam Negeri (Permendagri) Nomor 12 Tahun 2024",
            "Peraturan Lembaga Sensor Nomor 3/2019",
            "Permendagri No. 7/PBN.01/2020",
            "Keputusan KPU Nomor 87 Tahun 2023",
            "Keputusan Dewan Nomor KEP-19/D.04/2022",
            "UU No. 11/2009",
            "Undang - undang Nomor 7 Tahun 2017",
            "UU 31/1999",
            "PP 12/2021",
            "perkara register nomor 014",
            "Putusan Nomor: 1234 K/Pid/2022",
            "gugatan 45/Pdt.G/2023/PN Bdg",
            "bernomor LP/B/123/2025",
            "case no. 12-345",
            "docket number 1:23-cv-456",
            "Rabu (27/3/2024)",
            "Jum'at, 16/03/2024, 07:38 WIB",
            "2024-03-16T07:38:00+07:00",
            "Rabu, 13 Maret 2024 14:56 WIB",
            "13 Juni",
            "Wednesday, March 13, 2024",
            "Feb. 14",
            "June 1st, 2025 at 10.30",
            "13 March 2024 at 10:30 GMT",
            "Wed (3/27/2024)",
            "Law No. 11 of 2009",
            "Act No. 2/2019",
            "Regulation Number 5/2020",
            "Decree No. 7 of 2021",
            "Order No. 3 of 2022",
            "reference: AB-12/2024",
        ];
        const PIECES: &[&str] = &[
            "Menteri",
            "KPU",
            "Nomor",
            "No.",
            "no",
            "12",
            "2024",
            "/",
            "Tahun",
            "(PKPU)",
            ".",
            "Maret",
            "march",
            "WIB",
            "Bdg",
            "x_1",
            "\u{2019}",
            "sengketa",
            "Jos\u{e9}",
            "\u{394}:",
            "M\u{fc}ller",
            "SpO\u{2082}",
            "\u{c2}\u{b1}1%",
            "\u{17f}",
            "\u{212a}",
            "A\u{fb00}airs",
        ];
        const BETWEEN: &[&str] = &[
            " ",
            " ",
            " ",
            "\u{a0}",
            "\u{2003}",
            " \u{201c}",
            "\u{201d} ",
            " \u{2013} ",
            ", ",
            "(",
            ") ",
            "",
        ];
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move |below: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % below as u64) as usize
        };
        (0..count)
            .map(|_| {
                let mut text = String::new();
                for _ in 0..1 + next(6) {
                    text.push_str(BETWEEN[next(BETWEEN.len())]);
                    if next(2) == 0 {
                        text.push_str(PIECES[next(PIECES.len())]);
                        continue;
                    }
                    // a phrase, some of its spaces written as another space or cut off
                    let phrase = PHRASES[next(PHRASES.len())];
                    let mut words = phrase.split(' ').peekable();
                    while let Some(word) = words.next() {
                        text.push_str(word);
                        if words.peek().is_some() {
                            text.push_str(match next(8) {
                                0 => "\u{a0}",
                                1 => "\u{2003}",
                                2 => "  ",
                                _ => " ",
                            });
                        }
                        if next(40) == 0 {
                            break;
                        }
                    }
                }
                text
            })
            .collect()
    }

    /// Each pattern's matches in each text, group by group, in the form for the text and as
    /// written; the counts of matches per pattern and of texts per kind of word characters.
    pub(crate) fn check(patterns: &Patterns, texts: &[String]) -> (Vec<usize>, [usize; 3]) {
        let mut found = vec![0; patterns.forms().len()];
        let mut read = [0; 3];
        for text in texts {
            let held = WordCharacters::of(text);
            read[held as usize] += 1;
            let spans = |regex: &Regex| -> Vec<Vec<Option<(usize, usize)>>> {
                regex
                    .captures_iter(text)
                    .map(|caps| {
                        caps.iter()
                            .map(|g| g.map(|g| (g.start(), g.end())))
                            .collect()
                    })
                    .collect()
            };
            for (n, forms) in patterns.forms().iter().enumerate() {
                let (cut, written) = (forms.for_text(held), forms.for_text(WordCharacters::Any));
                let matches = spans(written);
                assert_eq!(spans(cut), matches, "{} on {text:?}", forms.source);
                assert!(cut.capture_names().eq(written.capture_names()));
                found[n] += matches.len();
            }
        }
        (found, read)
    }

    #[test]
    fn the_forms_of_the_register_patterns_find_what_they_find_as_written() {
        let texts = texts(4000);
        for code in ["id", "en"] {
            let patterns = &crate::lang::pack(code).unwrap().registers().patterns;
            let (found, read) = check(patterns, &texts);
            assert!(found.iter().all(|&n| n > 0), "{code}: {found:?}");
            assert!(read.iter().all(|&n| n > 100), "{read:?}");
        }
    }

    #[test]
    fn a_text_is_read_in_the_form_its_word_characters_allow() {
        let of = WordCharacters::of;
        assert_eq!(
            of("KPU \u{201c}kutipan\u{201d} \u{2013} 5\u{a0}Juni"),
            WordCharacters::Ascii
        );
        assert_eq!(of("Jos\u{e9} \u{c2}\u{b1}1%"), WordCharacters::TwoBytes);
        // a subscript digit is no word character, a ligature is
        assert_eq!(of("\u{394}: SpO\u{2082}"), WordCharacters::TwoBytes);
        assert_eq!(of("A\u{fb00}airs"), WordCharacters::Any);
        assert_eq!(
            of("\u{662}\u{660}"),
            WordCharacters::TwoBytes,
            "Arabic-Indic digits"
        );
        // where the forms differ: no Unicode boundary falls between "Caf" and "é"
        let forms = Forms::new(r"\bCaf\b");
        assert!(forms.for_text(WordCharacters::Ascii).is_match("Caf\u{e9}"));
        assert!(!forms.for_text(of("Caf\u{e9}")).is_match("Caf\u{e9}"));
    }

    fn class(pattern: &str) -> ClassUnicode {
        match regex_syntax::Parser::new()
            .parse(pattern)
            .map(Hir::into_kind)
        {
            Ok(HirKind::Class(Class::Unicode(class))) => class,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_class_keeps_its_ascii_characters_and_the_others_a_text_may_hold() {
        let ascii = Cut::for_texts(WordCharacters::Ascii);
        assert_eq!(ascii.class(&class(r"[\w ().]")), class(r"[0-9A-Za-z_ ().]"));
        assert_eq!(ascii.class(&class(r"\d")), class(r"[0-9]"));
        // case folding's letters beyond ASCII (the Kelvin sign) are word characters
        assert_eq!(ascii.class(&class(r"(?i)k")), class(r"[Kk]"));
        // the characters beyond ASCII that are no word characters stay
        assert_eq!(ascii.class(&class(r"\s")), class(r"\s"));
        assert_eq!(
            ascii.class(&class(r"[a-z\u{e9}\u{2013}]")),
            class(r"[a-z\u{2013}]")
        );
        // a class holding every kept one holds every character beyond ASCII
        let mut not_word = class(r"[^\w&&\x00-\x7f]");
        not_word.intersect(&class(r"[\x00-\x7f]"));
        not_word.union(&beyond_ascii());
        assert_eq!(ascii.class(&class(r"\W")), not_word);
        let two_bytes = Cut::for_texts(WordCharacters::TwoBytes);
        assert_eq!(
            two_bytes.class(&class(r"[a-z\u{e9}\u{2013}\u{4e00}]")),
            class(r"[a-z\u{e9}\u{2013}]")
        );
        assert_eq!(two_bytes.class(&class(r"\w")), class(r"[\w&&\x00-\u{7ff}]"));
    }
}
