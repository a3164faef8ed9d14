//! The per-article record every stage passes on.
//!
//! Field names follow `gold/SPEC.md`, so a gold file is simply an article record written by a
//! person and `eval` can compare the two field by field. What users need beyond the gold fields
//! (provenance, offsets, the cleaning audit) is appended after them.

use foldhash::HashSet;

use serde::{Deserialize, Serialize};

/// One article, as `warta extract` writes it and as a gold file describes it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Article {
    pub id: String,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub language: Option<String>,
    #[serde(default)]
    pub outlet: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub published: Option<String>,
    #[serde(default)]
    pub authors: Vec<String>,
    #[serde(default)]
    pub body: Vec<String>,
    #[serde(default)]
    pub people: Vec<Person>,
    #[serde(default)]
    pub institutions: Vec<Institution>,
    #[serde(default)]
    pub dates: Vec<DateMention>,
    #[serde(default)]
    pub registers: Vec<Register>,
    #[serde(default)]
    pub quotes: Vec<Quote>,
    #[serde(default)]
    pub disputes: Vec<Dispute>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provenance: Option<Provenance>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub removed: Vec<Removed>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub repairs: Vec<Repair>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

/// Where a document came from, so any output can be traced back to the raw bytes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provenance {
    pub path: String,
    /// 1-based line of a JSON Lines record; absent for whole files.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record: Option<u64>,
    pub bytes: u64,
    pub sha256: String,
    /// The input line's own `id`, `url` and `source` (or `path`) fields, as given: what still
    /// identifies a record that came through a pipe, where `path` is `-` and `record` counts
    /// the lines of one partition only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// One line or block that cleaning took out, kept so an archivist can audit every removal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Removed {
    /// 1-based line in the text that cleaning saw (for HTML: the block's place in the page).
    pub line: usize,
    pub reason: String,
    pub text: String,
}

/// A place where the scrape dropped a space between two words ("sudahIwan"): the body keeps
/// the words as printed, extraction reads them apart, and an archivist may apply the repair.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Repair {
    /// Body paragraph, or 0 with `title` set for the title.
    pub paragraph: usize,
    /// Character offset of the missing space in the printed paragraph.
    pub offset: usize,
    pub left: String,
    pub right: String,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub title: bool,
}

/// A span of characters in the article text that names something: in body paragraph
/// `paragraph`, or in the title where `title` is set (and `paragraph` is 0).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    pub paragraph: usize,
    pub start: usize,
    pub end: usize,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub title: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Person {
    pub name: String,
    #[serde(default)]
    pub mentions: Vec<String>,
    #[serde(default)]
    pub roles: Vec<Role>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub spans: Vec<Span>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Role {
    pub title: String,
    pub institution: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Institution {
    pub name: String,
    #[serde(default)]
    pub acronyms: Vec<String>,
    #[serde(default)]
    pub mentions: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub spans: Vec<Span>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DateMention {
    pub text: String,
    pub value: String,
    #[serde(default, skip_serializing_if = "is_false")]
    pub weekday_mismatch: bool,
    /// Where the weekday is wrong, the dates it would be right for, the likelier first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub likely: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Register {
    pub text: String,
    pub kind: String,
    pub number: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    pub text: String,
    pub kind: String,
    pub speaker: Speaker,
    pub cue: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Speaker {
    pub person: Option<String>,
    pub institution: Option<String>,
    pub description: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Dispute {
    pub kind: String,
    pub forum: Option<String>,
    #[serde(default)]
    pub cases: Vec<String>,
    pub petitioner: Option<String>,
    pub respondent: Option<String>,
}

fn is_false(value: &bool) -> bool {
    !*value
}

/// The part of an [`Article`] that `warta clean` writes: text and metadata with the audit, no
/// extracted entities.
#[derive(Debug, Serialize)]
pub struct CleanRecord<'a> {
    pub id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: &'a Option<String>,
    pub language: &'a Option<String>,
    pub outlet: &'a Option<String>,
    pub title: &'a Option<String>,
    pub published: &'a Option<String>,
    pub authors: &'a [String],
    pub body: &'a [String],
    pub provenance: &'a Option<Provenance>,
    pub removed: &'a [Removed],
    #[serde(skip_serializing_if = "<[Repair]>::is_empty")]
    pub repairs: &'a [Repair],
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    pub warnings: &'a [String],
}

impl Article {
    pub fn clean_record(&self) -> CleanRecord<'_> {
        CleanRecord {
            id: &self.id,
            url: &self.url,
            language: &self.language,
            outlet: &self.outlet,
            title: &self.title,
            published: &self.published,
            authors: &self.authors,
            body: &self.body,
            provenance: &self.provenance,
            removed: &self.removed,
            repairs: &self.repairs,
            warnings: &self.warnings,
        }
    }
}

/// Byte and character positions of one text, computed once so that converting the offsets of
/// many spans costs little each (a long paragraph with many names stays linear). Only the
/// characters wider than a byte are listed: news text is mostly ASCII, where a byte offset is
/// the character offset, so building one is a scan for those few and a look-up a binary search.
#[derive(Debug, Clone)]
pub struct Offsets {
    bytes: usize,
    chars: usize,
    wide: Vec<Wide>,
}

/// A character of more than one byte: where it starts in bytes and in characters.
#[derive(Debug, Clone, Copy)]
struct Wide {
    byte: usize,
    char: usize,
    width: usize,
}

impl Wide {
    /// Bytes beyond one per character up to the end of this one.
    fn extra_through(&self) -> usize {
        self.byte - self.char + self.width - 1
    }
}

impl Offsets {
    pub fn new(text: &str) -> Offsets {
        let mut wide = Vec::new();
        let mut extra = 0;
        // most paragraphs are ASCII: no character is wide, and a vector scan says so
        let bytes = if text.is_ascii() {
            &[][..]
        } else {
            text.as_bytes()
        };
        for (byte, &b) in bytes.iter().enumerate() {
            // a UTF-8 lead byte says how wide its character is
            let width = match b {
                0xC0..=0xDF => 2,
                0xE0..=0xEF => 3,
                0xF0..=0xFF => 4,
                _ => continue,
            };
            wide.push(Wide {
                byte,
                char: byte - extra,
                width,
            });
            extra += width - 1;
        }
        Offsets {
            bytes: text.len(),
            chars: text.len() - extra,
            wide,
        }
    }

    /// The character offset of a byte offset (the character's own, inside a wide one).
    pub fn char_of(&self, byte: usize) -> usize {
        let byte = byte.min(self.bytes);
        let before = self.wide.partition_point(|w| w.byte < byte);
        match before.checked_sub(1).map(|k| self.wide[k]) {
            Some(w) if byte < w.byte + w.width => w.char,
            Some(w) => byte - w.extra_through(),
            None => byte,
        }
    }

    /// The byte offset of a character offset (the text's end past its last character).
    pub fn byte_of(&self, chars: usize) -> usize {
        let chars = chars.min(self.chars);
        let before = self.wide.partition_point(|w| w.char < chars);
        match before.checked_sub(1).map(|k| self.wide[k]) {
            Some(w) => chars + w.extra_through(),
            None => chars,
        }
    }

    /// A span of paragraph `paragraph` from byte offsets.
    pub fn span(&self, paragraph: usize, start: usize, end: usize) -> Span {
        Span {
            paragraph,
            start: self.char_of(start),
            end: self.char_of(end),
            title: false,
        }
    }
}

/// Article ids kept distinct in input order. Two files of one name in different folders, or
/// one record read twice, would otherwise be one article node of the graph (and the corpus
/// stage, which looks articles up by id, assumes one article an id).
#[derive(Debug, Default)]
pub struct DistinctIds {
    taken: HashSet<String>,
}

impl DistinctIds {
    /// The id an article with `id` is to have: `id` itself while it is free, else the first
    /// free of `id~2`, `id~3`, …
    pub fn claim(&mut self, id: &str) -> String {
        let mut candidate = id.to_string();
        let mut n = 1;
        while self.taken.contains(&candidate) {
            n += 1;
            candidate = format!("{id}~{n}");
        }
        self.taken.insert(candidate.clone());
        candidate
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_convert_both_ways() {
        let text = "“Ya,” kata Ani.";
        let offsets = Offsets::new(text);
        let at = text.find("kata").unwrap();
        assert_eq!(offsets.char_of(at), 6);
        assert_eq!(offsets.byte_of(6), at);
        assert_eq!(offsets.char_of(text.len()), text.chars().count());
        assert_eq!(offsets.byte_of(text.chars().count()), text.len());
    }

    #[test]
    fn offsets_agree_with_every_character() {
        for text in ["", "plain", "“Ya,” kata Ani.", "é𝄞x中ab", "a\u{0301}b 🙂"] {
            let offsets = Offsets::new(text);
            let starts: Vec<usize> = text.char_indices().map(|(at, _)| at).collect();
            for (n, (at, c)) in text.char_indices().enumerate() {
                assert_eq!(offsets.byte_of(n), at, "{text:?}");
                for inside in at..at + c.len_utf8() {
                    assert_eq!(offsets.char_of(inside), n, "{text:?} byte {inside}");
                }
            }
            assert_eq!(offsets.char_of(text.len() + 3), starts.len());
            assert_eq!(offsets.byte_of(starts.len() + 3), text.len());
        }
    }

    #[test]
    fn a_taken_id_gets_the_first_free_number() {
        let mut ids = DistinctIds::default();
        assert_eq!(ids.claim("x"), "x");
        assert_eq!(ids.claim("x~2"), "x~2");
        assert_eq!(ids.claim("x"), "x~3");
        assert_eq!(ids.claim("y"), "y");
        assert_eq!(ids.claim("x"), "x~4");
    }
}
