//! The header block that scrapers put before an article's text: a title line (sometimes
//! empty), an author line and a date line, then a blank line.
//!
//! Scraped text from many outlets has this shape, and reading it by position is safer than
//! guessing from each line alone: an author line such as "Shela Octavia, Robertus Belarminus"
//! looks like a headline, and a title that ends in "...." looks like running text.

use crate::lang::{fold, Pack};

/// What the header block says, and which of its lines (1-based) are metadata.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct ScrapedHeader {
    /// The first line; `""` where it is empty.
    pub title: String,
    pub authors: Vec<String>,
    pub outlet: Option<String>,
    pub published: Option<String>,
    /// 1-based line of the title (absent when the title line is empty).
    pub title_line: Option<usize>,
    pub author_lines: Vec<usize>,
    pub date_line: usize,
}

/// Lines a header block may hold at most before its blank line.
const MAX_HEADER_LINES: usize = 5;

/// Reads the header block at the start of `text`, if the text has one: at most a few lines
/// before the first blank line, one of them (after the first) a short date line.
pub(crate) fn read(text: &str, pack: &Pack) -> Option<ScrapedHeader> {
    let mut lines: Vec<&str> = Vec::new();
    for line in text.lines() {
        if line.trim().is_empty() && !lines.is_empty() {
            break;
        }
        lines.push(line.trim());
        if lines.len() > MAX_HEADER_LINES {
            return None;
        }
    }
    if lines.len() < 2 {
        return None;
    }
    let reader = pack.date_reader();
    let (date_index, date) = lines.iter().enumerate().skip(1).find_map(|(i, line)| {
        if line.split_whitespace().count() > 14 {
            return None;
        }
        reader.find_all(line).into_iter().next().map(|d| (i, d))
    })?;
    let date_text = lines[date_index];
    let mut header = ScrapedHeader {
        title: crate::lang::single_spaced(lines[0]),
        title_line: (!lines[0].is_empty()).then_some(1),
        date_line: date_index + 1,
        published: date.iso(None),
        outlet: super::site_name(
            date_text[..date.start].trim_end_matches([' ', '-', '–', '—', '|', ',']),
        )
        .map(str::to_string),
        ..ScrapedHeader::default()
    };
    for (i, line) in lines.iter().enumerate().skip(1) {
        if i == date_index || line.is_empty() {
            continue;
        }
        let (names, outlet) = author_line(line, pack);
        header.authors.extend(names);
        header.outlet = header.outlet.take().or(outlet);
        header.author_lines.push(i + 1);
    }
    Some(header)
}

/// The writers an author line names, and the outlet it names: "Mulia Budi -detikNews" gives
/// Mulia Budi and detikNews, "Tim Redaksi" nobody, "Liputan6.com, Jakarta" only the outlet.
fn author_line(line: &str, pack: &Pack) -> (Vec<String>, Option<String>) {
    // "Name -detikNews" names the outlet, "Name -Sepakbola" only a section
    let (people, outlet) = match line.rsplit_once(" -").or_else(|| line.rsplit_once(" –")) {
        Some((people, after)) if one_word(after.trim()) => {
            (people, Some(after.trim()).filter(|w| is_brand(w)))
        }
        _ => (line, None),
    };
    let parts = split_names(people, pack);
    // "Liputan6.com, Jakarta" is the outlet and its city, no writer
    if let Some(site) = parts.iter().find_map(|part| super::site_name(part)) {
        return (Vec::new(), outlet.or(Some(site)).map(str::to_string));
    }
    let names = parts
        .into_iter()
        .filter(|part| writer_name(part, pack))
        .map(str::to_string)
        .collect();
    (names, outlet.map(str::to_string))
}

fn one_word(text: &str) -> bool {
    !text.is_empty() && !text.contains(char::is_whitespace)
}

/// One word naming an outlet: a site ("KOMPAS.com") or a brand written in camel case
/// ("detikNews"); a plain word after the dash is a section ("Sepakbola").
fn is_brand(word: &str) -> bool {
    let camel = word
        .chars()
        .zip(word.chars().skip(1))
        .any(|(a, b)| a.is_lowercase() && b.is_uppercase());
    !word.contains(char::is_whitespace)
        && word.chars().all(|c| c.is_alphanumeric() || c == '.')
        && (camel || super::site_name(word).is_some())
}

/// The parts of a list of names: "A, B dan C" gives A, B and C.
fn split_names<'a>(text: &'a str, pack: &Pack) -> Vec<&'a str> {
    let mut parts = Vec::new();
    for piece in text.split([',', '&', ';', '|']) {
        let mut rest = piece.trim();
        'words: loop {
            for coordinator in &pack.entities.coordinators {
                let separator = format!(" {coordinator} ");
                let lower = rest.to_lowercase();
                if let Some(at) = lower.find(&separator) {
                    parts.push(rest[..at].trim());
                    rest = rest[at + separator.len()..].trim();
                    continue 'words;
                }
            }
            break;
        }
        parts.push(rest);
    }
    parts.retain(|p| !p.is_empty());
    parts
}

/// A writer's name: one to five words of letters, not a newsroom ("Tim News") or a byline
/// label. Case is no guide here: some outlets print their writers in lower case.
fn writer_name(part: &str, pack: &Pack) -> bool {
    let words: Vec<&str> = part.split_whitespace().collect();
    let Some(first) = words.first() else {
        return false;
    };
    let first_folded = fold(first);
    (1..=5).contains(&words.len())
        && part
            .chars()
            .all(|c| c.is_alphabetic() || " .'-".contains(c))
        && !pack.article.newsroom_words.contains(&first_folded)
        && !pack.article.byline_labels.contains(&first_folded)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::pack;

    fn header(text: &str) -> Option<ScrapedHeader> {
        read(text, pack("id").unwrap())
    }

    #[test]
    fn title_author_and_date_lines() {
        let found = header(
            "Warga Gelar Kerja Bakti di Sungai....\nAni Rahma, Budi Santoso\nKabarKita.com- 19/06/2025, 09:12 WIB\n\nIsi berita.\n",
        )
        .unwrap();
        assert_eq!(found.title, "Warga Gelar Kerja Bakti di Sungai....");
        assert_eq!(found.authors, ["Ani Rahma", "Budi Santoso"]);
        assert_eq!(found.outlet.as_deref(), Some("KabarKita.com"));
        assert_eq!(found.published.as_deref(), Some("2025-06-19T09:12+07:00"));
        assert_eq!((found.title_line, found.date_line), (Some(1), 3));
        assert_eq!(found.author_lines, [2]);
    }

    #[test]
    fn an_outlet_after_the_name_and_an_empty_title() {
        let found = header(
            "\nCitra Dewi dan Eko Prasetyo -kabarNews\nRabu, 18 Jun 2025 14:07 WIB\n\nIsi.\n",
        )
        .unwrap();
        assert_eq!(found.title, "");
        assert_eq!(found.title_line, None);
        assert_eq!(found.authors, ["Citra Dewi", "Eko Prasetyo"]);
        assert_eq!(found.outlet.as_deref(), Some("kabarNews"));
    }

    #[test]
    fn a_newsroom_or_a_site_is_no_writer() {
        let found =
            header("Judul Berita\nTim Redaksi\n18 Juni 2025 | 20.06 WIB\n\nIsi.\n").unwrap();
        assert!(found.authors.is_empty());
        let found =
            header("Judul\nsiti aminah -Olahraga\n18 Juni 2025 | 20.06 WIB\n\nIsi.\n").unwrap();
        assert_eq!(found.authors, ["siti aminah"]);
        assert_eq!(found.outlet, None, "a section is no outlet");
        let found =
            header("Judul Berita\nKabarKita.com, Jakarta\nRabu, 18 Jun 2025 14:07 WIB\n\nIsi.\n")
                .unwrap();
        assert!(found.authors.is_empty());
        assert_eq!(found.outlet.as_deref(), Some("KabarKita.com"));
    }

    #[test]
    fn text_without_a_header_block() {
        assert_eq!(header("Satu paragraf saja yang panjang.\n"), None);
        assert_eq!(
            header(
                "Judul\nBaris dua\nBaris tiga\nBaris empat\nBaris lima\nBaris enam\n19/06/2025\n"
            ),
            None
        );
        assert_eq!(
            header("Judul Berita\nAni Rahma\n\nIsi tanpa tanggal.\n"),
            None
        );
    }
}
