//! Extraction from clean article text: the facts a graph is built from.

use crate::lang::Pack;
use crate::record::{Article, DateMention, Span};

/// Fills the article's extracted fields from its title and body.
pub fn extract(article: &mut Article, pack: &Pack) {
    article.dates = dates(article, pack);
}

/// The year a date without one belongs to: the publication year, else the latest full date's.
fn context_year(article: &Article, found: &[(usize, crate::dates::FoundDate)]) -> Option<i32> {
    article
        .published
        .as_deref()
        .and_then(|p| p.get(..4)?.parse().ok())
        .or_else(|| found.iter().filter_map(|(_, d)| d.year).max())
}

/// Every day-and-month date in the body, once per value, with the weekday checked.
fn dates(article: &Article, pack: &Pack) -> Vec<DateMention> {
    let reader = pack.date_reader();
    let found: Vec<(usize, crate::dates::FoundDate)> = article
        .body
        .iter()
        .enumerate()
        .flat_map(|(i, para)| reader.find_all(para).into_iter().map(move |d| (i, d)))
        .collect();
    let year = context_year(article, &found);
    let mut mentions: Vec<DateMention> = Vec::new();
    for (paragraph, date) in &found {
        let Some(value) = date.iso(year) else {
            continue;
        };
        let value = value[..10].to_string();
        if mentions.iter().any(|m| m.value == value) {
            continue;
        }
        let para = &article.body[*paragraph];
        mentions.push(DateMention {
            text: para[date.start..date.end]
                .trim_end_matches([',', ' '])
                .to_string(),
            value,
            weekday_mismatch: date.weekday_mismatch(year),
            span: Some(Span {
                paragraph: *paragraph,
                start: para[..date.start].chars().count(),
                end: para[..date.end].chars().count(),
            }),
        });
    }
    mentions
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::pack;

    #[test]
    fn dates_take_the_year_from_publication_and_flag_weekdays() {
        let mut article = Article {
            published: Some("2024-03-16T07:38+07:00".into()),
            body: vec!["Sidang pada Jumat (15/3) dan Senin (18/4/2024).".into()],
            ..Article::default()
        };
        extract(&mut article, pack("id").unwrap());
        let values: Vec<_> = article
            .dates
            .iter()
            .map(|d| (d.value.as_str(), d.weekday_mismatch))
            .collect();
        assert_eq!(values, [("2024-03-15", false), ("2024-04-18", true)]);
        assert_eq!(article.dates[0].text, "Jumat (15/3)");
    }
}
