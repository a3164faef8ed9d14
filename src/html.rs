//! HTML pages: decoding, text rendering and the metadata pages declare about themselves.

use encoding_rs::Encoding;
use scraper::{ElementRef, Html, Node, Selector};

/// The charset a page declares in its first bytes (`<meta charset>` or `http-equiv`), used when
/// the bytes are not valid UTF-8 (several Indonesian sites serve ISO-8859-1).
pub fn declared_encoding(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    let at = head.find("charset=")? + "charset=".len();
    let label: String = head[at..]
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    Encoding::for_label(label.as_bytes()).or(Some(encoding_rs::WINDOWS_1252))
}

/// What a page's head says about the article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageMeta {
    pub title: Option<String>,
    pub site_name: Option<String>,
    pub published: Option<String>,
    pub authors: Vec<String>,
    pub language: Option<String>,
}

const SKIPPED: &[&str] = &[
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "iframe",
    "form",
    "button",
    "select",
    "nav",
    "footer",
    "header",
    "aside",
    "figure",
    "figcaption",
    "head",
    "video",
    "audio",
    "canvas",
];

const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "table",
    "tr",
    "td",
    "th",
    "blockquote",
    "pre",
    "dd",
    "dt",
    "dl",
    "br",
    "hr",
    "body",
    "center",
    "address",
    "details",
    "summary",
];

/// Renders the page's visible text, one line per block, so the text cleaner can judge it.
pub fn page_text(document: &Html) -> String {
    let mut out = String::new();
    render(document.root_element(), &mut out);
    out
}

fn render(element: ElementRef, out: &mut String) {
    for child in element.children() {
        match child.value() {
            Node::Text(text) => {
                let folded = text.split_whitespace().collect::<Vec<_>>().join(" ");
                if folded.is_empty() {
                    if text.chars().any(char::is_whitespace) && !out.ends_with([' ', '\n']) {
                        out.push(' ');
                    }
                    continue;
                }
                if text.starts_with(char::is_whitespace) && !out.ends_with([' ', '\n']) {
                    out.push(' ');
                }
                out.push_str(&folded);
                if text.ends_with(char::is_whitespace) {
                    out.push(' ');
                }
            }
            Node::Element(el) => {
                let name = el.name();
                if SKIPPED.contains(&name) || el.attr("hidden").is_some() {
                    continue;
                }
                let Some(child_ref) = ElementRef::wrap(child) else {
                    continue;
                };
                let block = BLOCKS.contains(&name);
                if block {
                    out.push('\n');
                }
                render(child_ref, out);
                if block {
                    out.push('\n');
                }
            }
            _ => {}
        }
    }
}

fn select_first(document: &Html, selector: &str, attribute: Option<&str>) -> Option<String> {
    let selector = Selector::parse(selector).ok()?;
    document.select(&selector).find_map(|el| {
        let value = match attribute {
            Some(attr) => el.value().attr(attr)?.to_string(),
            None => el.text().collect::<String>(),
        };
        let value = value.split_whitespace().collect::<Vec<_>>().join(" ");
        (!value.is_empty()).then_some(value)
    })
}

/// Reads title, site name, publication time and authors from meta tags and the head.
pub fn page_meta(document: &Html) -> PageMeta {
    let site_name = select_first(
        document,
        r#"meta[property="og:site_name"]"#,
        Some("content"),
    );
    let raw_title = select_first(document, r#"meta[property="og:title"]"#, Some("content"))
        .or_else(|| select_first(document, "title", None))
        .or_else(|| select_first(document, "h1", None));
    let title = raw_title.map(|t| strip_site_suffix(&t, site_name.as_deref()));
    let published = [
        r#"meta[property="article:published_time"]"#,
        r#"meta[name="pubdate"]"#,
        r#"meta[name="publishdate"]"#,
        r#"meta[itemprop="datePublished"]"#,
        r#"meta[name="date"]"#,
    ]
    .iter()
    .find_map(|s| select_first(document, s, Some("content")))
    .or_else(|| select_first(document, "time[datetime]", Some("datetime")));
    let authors = select_first(document, r#"meta[name="author"]"#, Some("content"))
        .map(|a| {
            a.split([',', '&'])
                .map(|n| n.trim().to_string())
                .filter(|n| !n.is_empty())
                .collect()
        })
        .unwrap_or_default();
    let language = select_first(document, "html", Some("lang")).map(|l| {
        l.split(['-', '_'])
            .next()
            .unwrap_or_default()
            .to_lowercase()
    });
    PageMeta {
        title,
        site_name,
        published,
        authors,
        language,
    }
}

/// "Judul Berita - Kompas.com" becomes "Judul Berita".
fn strip_site_suffix(title: &str, site_name: Option<&str>) -> String {
    for separator in [" | ", " - ", " – ", " — ", " :: "] {
        if let Some((head, tail)) = title.rsplit_once(separator) {
            let tail_is_site = site_name
                .is_some_and(|s| tail.to_lowercase().contains(&s.to_lowercase()))
                || tail.contains(".com")
                || tail.contains(".co")
                || tail.split_whitespace().count() <= 3;
            if tail_is_site && head.split_whitespace().count() >= 3 {
                return head.trim().to_string();
            }
        }
    }
    title.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_tags_neither_glue_nor_split_words() {
        let page = Html::parse_document("<body><p>Satu <b>dua</b>tiga<i> empat</i></p><p>lima&amp;enam</p><script>x()</script></body>");
        assert_eq!(
            page_text(&page)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
            "Satu duatiga empat lima&enam"
        );
        assert!(page_text(&page).contains("empat\n"));
    }

    #[test]
    fn meta_and_title_suffix() {
        let page = Html::parse_document(
            r#"<html lang="id-ID"><head><title>KPU Buka Suara - Kompas.com</title><meta property="og:site_name" content="Kompas.com"><meta name="author" content="Ani, Budi"></head></html>"#,
        );
        let meta = page_meta(&page);
        assert_eq!(meta.title.as_deref(), Some("KPU Buka Suara"));
        assert_eq!(meta.authors, ["Ani", "Budi"]);
        assert_eq!(meta.language.as_deref(), Some("id"));
    }

    #[test]
    fn charset_is_read_from_meta() {
        let bytes = b"<html><head><meta charset=\"iso-8859-1\"></head>caf\xe9</html>";
        assert_eq!(declared_encoding(bytes).unwrap().name(), "windows-1252");
    }
}
