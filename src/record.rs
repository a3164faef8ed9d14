//! The per-article record every stage passes on.
//!
//! Field names follow `gold/SPEC.md`, so a gold file is simply an article record written by a
//! person and `eval` can compare the two field by field. What users need beyond the gold fields
//! (provenance, offsets, the cleaning audit) is appended after them.

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
}

/// One line or block that cleaning took out, kept so an archivist can audit every removal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Removed {
    /// 1-based line in the text that cleaning saw (for HTML: the block's place in the page).
    pub line: usize,
    pub reason: String,
    pub text: String,
}

/// A span of characters in the article text that names something.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    pub paragraph: usize,
    pub start: usize,
    pub end: usize,
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
            warnings: &self.warnings,
        }
    }
}
