//! What fact-checkers read: the statements several articles carry, with each report's speaker,
//! cue, outlet, day and wording, the conflicts between them, and the dates whose weekday is
//! wrong with the dates it would be right for. Written as claims.json and claims.md.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::record::{Article, Span};
use crate::resolve::{Resolution, Statement};

/// The claims file.
#[derive(Debug, Serialize)]
pub struct Claims<'a> {
    /// Statements carried by more than one article, the widest spread first.
    pub statements: Vec<Claim<'a>>,
    /// Dates whose weekday is not the date's, in article order.
    pub weekday_mismatches: Vec<WeekdayMismatch<'a>>,
}

/// One statement as fact-checkers read it.
#[derive(Debug, Serialize)]
pub struct Claim<'a> {
    pub id: &'a str,
    pub kind: &'a str,
    pub text: &'a str,
    /// The earliest report with a publication date; none where no report is dated.
    pub earliest_dated_report: Option<&'a str>,
    /// Known outlets only: articles of unknown outlet may all be one outlet.
    pub independent_outlets: usize,
    pub unknown_outlet_reports: usize,
    pub attribution_conflict: bool,
    pub date_conflict: bool,
    /// The days the articles' texts give for the statement.
    pub days_said: BTreeSet<&'a str>,
    pub reports: Vec<ClaimReport<'a>>,
    /// Words some reports use and others do not.
    pub wording_differences: BTreeMap<&'a str, Vec<String>>,
    pub merged_because: Vec<String>,
}

/// One article's report within a claim.
#[derive(Debug, Serialize)]
pub struct ClaimReport<'a> {
    pub article: &'a str,
    pub outlet: Option<&'a str>,
    /// Where the article was read from, where the input gives it.
    pub url: Option<&'a str>,
    /// The day the statement was made: the one the text gives, else the publication day.
    pub said_on: Option<&'a str>,
    /// "text" or "published": where `said_on` comes from.
    pub said_on_from: Option<&'static str>,
    pub speaker: &'a str,
    pub cue: Option<&'a str>,
    pub wording: &'a str,
    /// Where the quote stands in the article.
    pub span: Option<&'a Span>,
}

/// A date whose weekday is wrong.
#[derive(Debug, Serialize)]
pub struct WeekdayMismatch<'a> {
    pub article: &'a str,
    pub outlet: Option<&'a str>,
    pub url: Option<&'a str>,
    pub text: &'a str,
    /// The date as written, without the weekday.
    pub value: &'a str,
    /// The dates the weekday would be right for, the likelier first.
    pub likely: &'a [String],
    pub span: Option<&'a Span>,
}

/// The claims of a corpus: its shared statements and its wrong weekdays.
pub fn claims<'a>(articles: &'a [Article], resolution: &'a Resolution) -> Claims<'a> {
    let by_id: BTreeMap<&str, &Article> = articles.iter().map(|a| (a.id.as_str(), a)).collect();
    let mut shared: Vec<&Statement> = resolution
        .statements
        .iter()
        .filter(|s| s.is_shared())
        .collect();
    shared.sort_by(|a, b| {
        b.outlets
            .cmp(&a.outlets)
            .then(b.reports.len().cmp(&a.reports.len()))
            .then(a.id.cmp(&b.id))
    });
    let weekday_mismatches = articles
        .iter()
        .flat_map(|article| {
            article
                .dates
                .iter()
                .filter(|d| d.weekday_mismatch)
                .map(move |d| WeekdayMismatch {
                    article: &article.id,
                    outlet: article.outlet.as_deref(),
                    url: article.url.as_deref(),
                    text: &d.text,
                    value: &d.value,
                    likely: &d.likely,
                    span: d.span.as_ref(),
                })
        })
        .collect();
    Claims {
        statements: shared.into_iter().map(|s| claim(s, &by_id)).collect(),
        weekday_mismatches,
    }
}

fn claim<'a>(s: &'a Statement, by_id: &BTreeMap<&str, &'a Article>) -> Claim<'a> {
    let words: Vec<BTreeSet<String>> = s
        .reports
        .iter()
        .map(|r| crate::names::tokens(&r.wording).into_iter().collect())
        .collect();
    let common: BTreeSet<String> = words.iter().skip(1).fold(words[0].clone(), |acc, w| {
        acc.intersection(w).cloned().collect()
    });
    let wording_differences = s
        .reports
        .iter()
        .zip(&words)
        .map(|(r, w)| {
            (
                r.article.as_str(),
                w.difference(&common).cloned().collect::<Vec<_>>(),
            )
        })
        .filter(|(_, extra)| !extra.is_empty())
        .collect();
    let reports: Vec<ClaimReport> = s
        .reports
        .iter()
        .map(|r| {
            let article = by_id.get(r.article.as_str());
            let (said_on, said_on_from) = r.said_on();
            ClaimReport {
                article: &r.article,
                outlet: r.outlet.as_deref(),
                url: article.and_then(|a| a.url.as_deref()),
                said_on,
                said_on_from,
                speaker: &r.speaker,
                cue: r.cue.as_deref(),
                wording: &r.wording,
                span: article
                    .and_then(|a| a.quotes.get(r.quote))
                    .and_then(|q| q.span.as_ref()),
            }
        })
        .collect();
    Claim {
        id: &s.id,
        kind: &s.kind,
        text: &s.text,
        earliest_dated_report: s.earliest_dated.as_deref(),
        independent_outlets: s.outlets,
        unknown_outlet_reports: s.unknown_outlets,
        attribution_conflict: s.attribution_conflict,
        date_conflict: s.date_conflict,
        days_said: s.reports.iter().filter_map(|r| r.date.as_deref()).collect(),
        reports,
        wording_differences,
        merged_because: s.merge_reasons(),
    }
}

/// Markdown escaping for text from articles: characters that would start markup are escaped.
fn md(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if "\\`*_{}[]<>()#+-!|".contains(c) {
            out.push('\\');
        }
        // a line break or other control character would end a table row or a heading
        if c.is_control() {
            out.push(' ');
        } else {
            out.push(c);
        }
    }
    out
}

/// How many outlets carry a claim, the unknown ones said as unknown.
fn outlets_line(claim: &Claim) -> String {
    let known = format!("{} independent outlet(s)", claim.independent_outlets);
    match claim.unknown_outlet_reports {
        0 => known,
        n => format!("{known} and {n} report(s) of unknown outlet"),
    }
}

/// The claims as a page a fact-checker can read.
pub fn markdown(claims: &Claims) -> String {
    let mut out = String::from("# Statements carried by more than one article\n\n");
    if claims.statements.is_empty() {
        out.push_str("No statement appears in more than one article.\n\n");
    }
    for claim in &claims.statements {
        out.push_str(&format!("## {}\n\n", md(claim.text)));
        let earliest = claim
            .earliest_dated_report
            .map(|a| format!("earliest dated report {}", md(a)))
            .unwrap_or_else(|| "no dated report".into());
        out.push_str(&format!(
            "- {} statement, {earliest}, {}\n",
            claim.kind,
            outlets_line(claim)
        ));
        if claim.attribution_conflict {
            out.push_str("- **Attribution conflict**: the articles name different speakers\n");
        }
        if claim.date_conflict {
            let days: Vec<&str> = claim.days_said.iter().copied().collect();
            out.push_str(&format!(
                "- **Date conflict**: the articles give different days ({})\n",
                md(&days.join(", "))
            ));
        }
        out.push_str(
            "\n| article | outlet | said on | speaker | cue | wording |\n|---|---|---|---|---|---|\n",
        );
        for r in &claim.reports {
            let said_on = match (r.said_on, r.said_on_from) {
                (Some(day), Some(from)) => format!("{day} ({from})"),
                _ => "?".into(),
            };
            out.push_str(&format!(
                "| {} | {} | {} | {} | {} | {} |\n",
                md(r.article),
                md(r.outlet.unwrap_or("unknown")),
                md(&said_on),
                md(r.speaker),
                md(r.cue.unwrap_or("")),
                md(r.wording)
            ));
        }
        for (article, extra) in &claim.wording_differences {
            out.push_str(&format!(
                "\n- words only some reports use, in {}: {}",
                md(article),
                md(&extra.join(", "))
            ));
        }
        out.push_str("\n\n");
    }
    out.push_str("# Dates whose weekday is wrong\n\n");
    if claims.weekday_mismatches.is_empty() {
        out.push_str("Every weekday the articles name is the date's.\n");
    }
    for m in &claims.weekday_mismatches {
        let likely: Vec<&str> = m.likely.iter().map(String::as_str).collect();
        out.push_str(&format!(
            "- {}: \"{}\" is {}, not that weekday; likely {}\n",
            md(m.article),
            md(m.text),
            md(m.value),
            md(&likely.join(" or "))
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_escapes_markup() {
        assert_eq!(md("*x* [y](z) | w"), "\\*x\\* \\[y\\]\\(z\\) \\| w");
        assert_eq!(md("a\r\nb\u{1b}c\u{7}"), "a  b c ");
        assert_eq!(md("x`\n## y"), "x\\` \\#\\# y");
    }
}
