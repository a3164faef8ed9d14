//! Extraction from clean article text: the facts a graph is built from.

use crate::lang::Pack;
use foldhash::HashMap;

use crate::clean::seams::Repaired;
use crate::record::{Article, DateMention, Offsets, Register, Span};

/// Fills the article's extracted fields from its title and body. The extractors read the text
/// with the spaces a scrape dropped put back (see `clean::seams`); offsets and quoted wordings
/// are then turned back to the text as printed, which the record keeps.
pub fn extract(article: &mut Article, pack: &Pack) {
    let mut reading = Reading::new(article);
    reading.swap_text(article);
    extract_fields(article, pack);
    reading.swap_text(article);
    reading.restore(article);
}

fn extract_fields(article: &mut Article, pack: &Pack) {
    article.dates = dates(article, pack);
    article.registers = registers(article, pack);
    let found = crate::entities::extract(article.title.as_deref(), &article.body, pack);
    article.people = found.people;
    article.institutions = found.institutions;
    article.warnings.extend(found.warning);
    article.quotes = crate::statements::extract(article, pack);
    article.disputes = crate::disputes::extract(article, pack);
}

/// The article's text with its repairs applied, and where each inserted space sits.
struct Reading {
    text: Repaired,
}

impl Reading {
    fn new(article: &Article) -> Reading {
        Reading {
            text: Repaired::new(article.title.as_deref(), &article.body, &article.repairs),
        }
    }

    /// Trades the article's title and body for the repaired ones, and back.
    fn swap_text(&mut self, article: &mut Article) {
        std::mem::swap(&mut article.body, &mut self.text.body);
        std::mem::swap(&mut article.title, &mut self.text.title);
    }

    /// Turns spans and wordings of the repaired text back into the printed text's.
    fn restore(&self, article: &mut Article) {
        let spaces = &self.text;
        if spaces.body_spaces.iter().all(Vec::is_empty) && spaces.title_spaces.is_empty() {
            return;
        }
        let spans = article
            .people
            .iter_mut()
            .flat_map(|p| p.spans.iter_mut())
            .chain(
                article
                    .institutions
                    .iter_mut()
                    .flat_map(|i| i.spans.iter_mut()),
            );
        for span in spans {
            self.restore_span(span);
        }
        // positions of the paragraphs that have repairs, computed once each
        let mut offsets: HashMap<usize, (Offsets, Offsets)> = HashMap::default();
        let body = &article.body;
        let mut restore_text = |span: &mut Span, text: &mut String| {
            let paragraph = span.paragraph;
            if self.spaces_of(span).is_empty() {
                return;
            }
            let (Some(repaired), Some(printed)) =
                (self.text.body.get(paragraph), body.get(paragraph))
            else {
                return;
            };
            let (repaired_at, printed_at) = offsets
                .entry(paragraph)
                .or_insert_with(|| (Offsets::new(repaired), Offsets::new(printed)));
            *text = self.printed(repaired, repaired_at, printed, printed_at, span, text);
        };
        for date in &mut article.dates {
            if let Some(span) = &mut date.span {
                restore_text(span, &mut date.text);
            }
        }
        for register in &mut article.registers {
            if let Some(span) = &mut register.span {
                restore_text(span, &mut register.text);
            }
        }
        for quote in &mut article.quotes {
            if let Some(span) = &mut quote.span {
                restore_text(span, &mut quote.text);
            }
        }
    }

    fn spaces_of(&self, span: &Span) -> &[usize] {
        if span.title {
            &self.text.title_spaces
        } else {
            self.text
                .body_spaces
                .get(span.paragraph)
                .map_or(&[], Vec::as_slice)
        }
    }

    fn restore_span(&self, span: &mut Span) {
        let spaces = self.spaces_of(span);
        span.start = printed_offset(spaces, span.start);
        span.end = printed_offset(spaces, span.end);
    }

    /// Restores `span` and returns `text` (a piece of the repaired paragraph inside the span)
    /// as printed.
    fn printed(
        &self,
        repaired: &str,
        repaired_at: &Offsets,
        printed: &str,
        printed_at: &Offsets,
        span: &mut Span,
        text: &str,
    ) -> String {
        let spaces = self.spaces_of(span);
        let (from, to) = (
            repaired_at.byte_of(span.start),
            repaired_at.byte_of(span.end),
        );
        let inside = repaired[from..to].find(text).map(|at| from + at);
        let start_end = inside.map(|at| {
            (
                printed_offset(spaces, repaired_at.char_of(at)),
                printed_offset(spaces, repaired_at.char_of(at + text.len())),
            )
        });
        self.restore_span(span);
        match start_end {
            Some((start, end)) => {
                printed[printed_at.byte_of(start)..printed_at.byte_of(end)].to_string()
            }
            None => text.to_string(),
        }
    }
}

/// The printed offset of a character offset in the repaired text.
fn printed_offset(spaces: &[usize], repaired: usize) -> usize {
    repaired - spaces.partition_point(|&at| at < repaired)
}

/// Case numbers and numbered legal instruments, once per (kind, number). Where matches of
/// several patterns overlap, the longest wording wins ("Peraturan Pemerintah Pengganti UU
/// No. 1 Tahun 2016" is a regulation, not the law its last words name).
fn registers(article: &Article, pack: &Pack) -> Vec<Register> {
    let mut candidates: Vec<(usize, usize, usize, String, String)> = Vec::new();
    let registers = pack.registers();
    for (paragraph, text) in article.body.iter().enumerate() {
        crate::budget::check();
        for (n, pattern) in registers.patterns.that_may_match(text) {
            for caps in pattern.captures_iter(text) {
                let Some(whole) = caps.get(0) else { continue };
                let number = match (caps.name("num"), caps.name("year"), caps.name("code")) {
                    (Some(num), Some(year), _) => format!("{}/{}", num.as_str(), year.as_str()),
                    (Some(num), None, _) => num.as_str().to_string(),
                    (None, _, Some(code)) => code.as_str().to_string(),
                    _ => continue,
                };
                let kind = registers.kinds[n].clone();
                candidates.push((paragraph, whole.start(), whole.end(), kind, number));
            }
        }
    }
    // longest first; ties in text order, so the choice does not depend on the pack's order
    candidates.sort_by_key(|(p, s, e, _, _)| (std::cmp::Reverse(e - s), *p, *s));
    let mut kept: Vec<(usize, usize, usize, String, String)> = Vec::new();
    for candidate in candidates {
        let (p, s, e) = (candidate.0, candidate.1, candidate.2);
        if !kept.iter().any(|k| k.0 == p && k.1 < e && s < k.2) {
            kept.push(candidate);
        }
    }
    kept.sort_by_key(|(p, s, _, _, _)| (*p, *s));
    let mut offsets: HashMap<usize, Offsets> = HashMap::default();
    let mut registers: Vec<Register> = Vec::new();
    for (paragraph, start, end, kind, number) in kept {
        let key = |kind: &str, number: &str| {
            (kind.to_string(), number.trim_start_matches('0').to_string())
        };
        if registers
            .iter()
            .any(|r| key(&r.kind, &r.number) == key(&kind, &number))
        {
            continue;
        }
        let text = &article.body[paragraph];
        let span = offsets
            .entry(paragraph)
            .or_insert_with(|| Offsets::new(text))
            .span(paragraph, start, end);
        registers.push(Register {
            text: text[start..end].to_string(),
            kind,
            number,
            span: Some(span),
        });
    }
    registers
}

/// The year of the article's other dates, for a date without one where the publication day is
/// unknown.
fn context_year(found: &[(usize, crate::dates::FoundDate)]) -> Option<i32> {
    found.iter().filter_map(|(_, d)| d.year).max()
}

/// How far past the publication day a date without a year still counts as that year's: news
/// names the coming weeks' events ("the Dec. 12 election") without saying they lie ahead.
const DAYS_AHEAD_WITHOUT_FUTURE_WORD: i64 = 60;

/// The year of a date the text gives without one, reckoned from the publication day: the last
/// such day on or before publication (or shortly after it), or the first after it where its
/// sentence speaks of what is to come ("sentencing is scheduled for Feb. 14").
fn year_of(month: u32, day: u32, published: (i32, u32, u32), future: bool) -> i32 {
    use crate::dates::days_from_civil;
    let (year, pub_month, pub_day) = published;
    let today = days_from_civil(year, pub_month, pub_day);
    let distance = |y: i32| days_from_civil(y, month, day) - today;
    if future {
        (year..=year + 1)
            .find(|&y| distance(y) >= 0)
            .unwrap_or(year + 1)
    } else {
        (year - 1..=year)
            .rev()
            .find(|&y| distance(y) <= DAYS_AHEAD_WITHOUT_FUTURE_WORD)
            .unwrap_or(year - 1)
    }
}

/// The publication day as (year, month, day), where the record gives one.
fn publication_day(article: &Article) -> Option<(i32, u32, u32)> {
    let published = article.published.as_deref()?;
    let year = published.get(..4)?.parse().ok()?;
    let month = published.get(5..7)?.parse().ok()?;
    let day = published.get(8..10)?.parse().ok()?;
    Some((year, month, day))
}

/// How many words before a date may say that it lies ahead ("is scheduled for Feb. 14").
const FUTURE_WORD_REACH: usize = 6;

/// Whether a pack word just before `at`, in its sentence, names the date as a coming event.
fn speaks_of_future(text: &str, at: usize, pack: &Pack) -> bool {
    let start = crate::sentences::sentences(text, &pack.statements.abbreviations)
        .find(|&(s, e)| s <= at && at < e)
        .map_or(0, |(s, _)| s);
    let words: Vec<String> = text[start..at]
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let near = &words[words.len().saturating_sub(FUTURE_WORD_REACH)..];
    let spaced = format!(" {} ", near.join(" "));
    pack.calendar
        .future_words
        .iter()
        .any(|w| spaced.contains(&format!(" {w} ")))
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
    let fallback_year = context_year(&found);
    let published = publication_day(article);
    let mut mentions: Vec<DateMention> = Vec::new();
    let mut offsets: HashMap<usize, Offsets> = HashMap::default();
    for (paragraph, date) in &found {
        let para = &article.body[*paragraph];
        let year = match (date.year, published) {
            (Some(year), _) => Some(year),
            (None, Some(day)) => Some(year_of(
                date.month,
                date.day,
                day,
                speaks_of_future(para, date.start, pack),
            )),
            (None, None) => fallback_year,
        };
        let Some(value) = date.iso(year) else {
            continue;
        };
        let value = value[..10].to_string();
        if mentions.iter().any(|m| m.value == value) {
            continue;
        }
        mentions.push(DateMention {
            text: para[date.start..date.end]
                .trim_end_matches([',', ' '])
                .to_string(),
            value,
            weekday_mismatch: date.weekday_mismatch(year),
            likely: date.likely_dates(year),
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
                "Dalam perkara register 014 dan register 015, merujuk UU No. 11/2009 serta Undang-Undang Nomor 11 Tahun 2009.".into(),
                "Peraturan Lembaga Sensor Nomor 3/2019 dan Keputusan Bupati Nomor 87 Tahun 2023, gugatan 45/Pdt.G/2023/PN Bdg, surat bernomor KX/07/III/2023.".into(),
                "Penetapan Pemerintah Pengganti UU No.2 Tahun 2017, Undang -undang RI No. 8 Tahun 1999, UU 31/1999 dan PP 12/2021.".into(),
                "Putusan Nomor: 1234 K/Pid/2022, Keputusan Menteri Desa (Kepmendes) No. 55 Tahun 2021, Keputusan Dewan Nomor KEP-19/D.04/2022 dan Peraturan Badan Nomor 7/PBN.01/2020.".into(),
                "Perkara Nomor 07/KPPU-L/2022 diputus; nomor 0812 3456 bukan register, begitu pula Nomor 5.".into(),
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
                ("case", "014"),
                ("case", "015"),
                ("law", "11/2009"),
                ("regulation", "3/2019"),
                ("decree", "87/2023"),
                ("case", "45/Pdt.G/2023/PN Bdg"),
                ("other", "KX/07/III/2023"),
                ("regulation", "2/2017"),
                ("law", "8/1999"),
                ("law", "31/1999"),
                ("regulation", "12/2021"),
                ("case", "1234 K/Pid/2022"),
                ("decree", "55/2021"),
                ("decree", "KEP-19/D.04/2022"),
                ("regulation", "7/PBN.01/2020"),
                ("case", "07/KPPU-L/2022"),
            ]
        );
        assert_eq!(article.registers[0].text, "perkara register 014");
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

    #[test]
    fn a_date_without_a_year_lies_before_publication_unless_it_is_to_come() {
        let mut article = Article {
            published: Some("2023-11-20T09:00+00:00".into()),
            body: vec![
                "The plant closed on March 3 after the flood. The vote is on Dec. 2.".into(),
                "A hearing is scheduled for Jan. 9, and the report from Sept. 30 stands.".into(),
            ],
            ..Article::default()
        };
        extract(&mut article, pack("en").unwrap());
        let values: Vec<_> = article.dates.iter().map(|d| d.value.as_str()).collect();
        assert_eq!(
            values,
            ["2023-03-03", "2023-12-02", "2024-01-09", "2023-09-30"]
        );
    }
}
