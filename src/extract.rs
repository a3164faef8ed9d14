//! Extraction from clean article text: the facts a graph is built from.

use crate::lang::Pack;
use crate::record::{Article, DateMention, Offsets, Register};

/// Fills the article's extracted fields from its title and body.
pub fn extract(article: &mut Article, pack: &Pack) {
    article.dates = dates(article, pack);
    article.registers = registers(article, pack);
    let (people, institutions) =
        crate::entities::extract(article.title.as_deref(), &article.body, pack);
    article.people = people;
    article.institutions = institutions;
    article.quotes = crate::statements::extract(article, pack);
    article.disputes = crate::disputes::extract(article, pack);
}

/// Case numbers and numbered legal instruments, once per (kind, number), with the longest
/// wording kept where two patterns cover the same words.
fn registers(article: &Article, pack: &Pack) -> Vec<Register> {
    let mut found: Vec<(usize, usize, usize, Register)> = Vec::new();
    for (paragraph, text) in article.body.iter().enumerate() {
        let mut offsets: Option<Offsets> = None;
        for (kind, pattern) in &pack.registers {
            for caps in pattern.captures_iter(text) {
                let (Some(whole), Some(num)) = (caps.get(0), caps.name("num")) else {
                    continue;
                };
                let number = match caps.name("year") {
                    Some(year) => format!("{}/{}", num.as_str(), year.as_str()),
                    None => num.as_str().to_string(),
                };
                if found
                    .iter()
                    .any(|(p, s, e, _)| *p == paragraph && *s < whole.end() && whole.start() < *e)
                {
                    continue;
                }
                found.push((
                    paragraph,
                    whole.start(),
                    whole.end(),
                    Register {
                        text: whole.as_str().to_string(),
                        kind: kind.clone(),
                        number,
                        span: Some(offsets.get_or_insert_with(|| Offsets::new(text)).span(
                            paragraph,
                            whole.start(),
                            whole.end(),
                        )),
                    },
                ));
            }
        }
    }
    found.sort_by_key(|(p, s, _, _)| (*p, *s));
    let mut registers: Vec<Register> = Vec::new();
    for (_, _, _, register) in found {
        let key = |r: &Register| (r.kind.clone(), r.number.trim_start_matches('0').to_string());
        if !registers.iter().any(|r| key(r) == key(&register)) {
            registers.push(register);
        }
    }
    registers
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
    let mut offsets: std::collections::HashMap<usize, Offsets> = std::collections::HashMap::new();
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
            span: Some(
                offsets
                    .entry(*paragraph)
                    .or_insert_with(|| Offsets::new(para))
                    .span(*paragraph, date.start, date.end),
            ),
        });
    }
    mentions
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::pack;

    #[test]
    fn registers_of_every_kind() {
        let mut article = Article {
            body: vec![
                "Dalam perkara register 001 dan register 002, merujuk UU No. 14/2008 serta Undang-Undang Nomor 14 Tahun 2008.".into(),
                "Peraturan Komisi Informasi Nomor 1/2021 dan Keputusan KPU Nomor 333 Tahun 2024, gugatan 123/Pdt.G/2024/PN Jkt.Sel, server AS45102.".into(),
            ],
            ..Article::default()
        };
        extract(&mut article, pack("id").unwrap());
        let found: Vec<(&str, &str)> = article
            .registers
            .iter()
            .map(|r| (r.kind.as_str(), r.number.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                ("case", "001"),
                ("case", "002"),
                ("law", "14/2008"),
                ("regulation", "1/2021"),
                ("decree", "333/2024"),
                ("case", "123/Pdt.G/2024/PN Jkt.Sel"),
                ("other", "AS45102"),
            ]
        );
        assert_eq!(article.registers[0].text, "perkara register 001");
    }

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
