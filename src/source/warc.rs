//! Web archives (WARC): record by record, the HTTP responses that carry an article.
//!
//! The HTTP head is parsed by `httparse`; chunked and gzip- or deflate-encoded bodies are
//! decoded, the declared charset honoured, and only successful HTML or text responses become
//! documents (redirects, errors and other media are reported as skipped). A record whose
//! length cannot be trusted is skipped alone: reading picks up again at the next `WARC/1.`
//! header.

use std::io::{BufRead, Read};

use encoding_rs::Encoding;
use sha2::{Digest, Sha256};

use super::{
    decode, provenance, read_capped, Document, Format, SourceError, SourceMeta, MAX_DOCUMENT_BYTES,
};

/// The longest header line read at once.
const MAX_LINE_BYTES: u64 = 64 * 1024;

/// Reads WARC files record by record: each `response` record whose HTTP body is an article
/// becomes a document named by its record id, with its target URI.
pub(super) struct Warc {
    path: String,
    reader: Box<dyn BufRead>,
    record: u64,
    done: bool,
    /// A record's first line, already read while looking for it.
    pending: Option<String>,
}

impl Warc {
    pub(super) fn new(path: String, reader: Box<dyn BufRead>) -> Self {
        Warc {
            path,
            reader,
            record: 0,
            done: false,
            pending: None,
        }
    }

    fn error(&self, reason: impl Into<String>) -> SourceError {
        SourceError::new(&self.path, Some(self.record), reason)
    }

    fn fail(&mut self, reason: impl Into<String>) -> Option<Result<Document, SourceError>> {
        self.done = true;
        Some(Err(self.error(reason).ending_input()))
    }

    /// One line, decoded lossily, at most [`MAX_LINE_BYTES`]; empty at the end of the file.
    fn line(&mut self) -> Result<String, String> {
        let mut bytes = Vec::new();
        (&mut self.reader)
            .take(MAX_LINE_BYTES)
            .read_until(b'\n', &mut bytes)
            .map_err(|e| format!("cannot read: {e}"))?;
        Ok(String::from_utf8_lossy(&bytes).into_owned())
    }

    /// The header block of the next record, or None at the end of the file.
    fn headers(&mut self) -> Result<Option<Vec<(String, String)>>, String> {
        let first = loop {
            let line = match self.pending.take() {
                Some(line) => line,
                None => self.line()?,
            };
            if line.is_empty() {
                return Ok(None);
            }
            // the blank lines between records
            if !line.trim().is_empty() {
                break line;
            }
        };
        if !first.starts_with("WARC/") {
            return Err(format!("not a WARC record header: {:?}", first.trim_end()));
        }
        let mut headers = Vec::new();
        loop {
            let line = self.line()?;
            if line.is_empty() {
                return Err("truncated record header".to_string());
            }
            let trimmed = line.trim_end();
            if trimmed.is_empty() {
                return Ok(Some(headers));
            }
            if let Some((key, value)) = trimmed.split_once(':') {
                headers.push((key.trim().to_ascii_lowercase(), value.trim().to_string()));
            }
        }
    }

    /// Passes over what is left of a record whose length cannot be trusted, up to the next
    /// record's `WARC/1.` line (kept for [`Warc::headers`]).
    fn resynchronise(&mut self) -> Result<(), String> {
        loop {
            let line = self.line()?;
            if line.is_empty() {
                self.done = true;
                return Ok(());
            }
            if line.starts_with("WARC/1.") {
                self.pending = Some(line);
                return Ok(());
            }
        }
    }

    fn skip_record(&mut self, reason: String) -> Option<Result<Document, SourceError>> {
        let error = self.error(reason);
        if let Err(reason) = self.resynchronise() {
            return self.fail(reason);
        }
        Some(Err(error))
    }
}

fn header<'a>(headers: &'a [(String, String)], key: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

impl Iterator for Warc {
    type Item = Result<Document, SourceError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            self.record += 1;
            let headers = match self.headers() {
                Ok(Some(headers)) => headers,
                Ok(None) => return None,
                Err(reason) => return self.fail(reason),
            };
            let Some(length) =
                header(&headers, "content-length").and_then(|l| l.parse::<u64>().ok())
            else {
                return self.skip_record("record without a Content-Length, skipped".into());
            };
            if length > MAX_DOCUMENT_BYTES {
                return self.skip_record(format!(
                    "record of {length} bytes is larger than {} MiB, skipped",
                    MAX_DOCUMENT_BYTES / (1024 * 1024)
                ));
            }
            let mut block = Vec::with_capacity(length as usize);
            match (&mut self.reader).take(length).read_to_end(&mut block) {
                Ok(n) if n as u64 == length => {}
                Ok(_) => return self.fail("truncated record"),
                Err(e) => return self.fail(format!("cannot read: {e}")),
            }
            if header(&headers, "warc-type") != Some("response") {
                continue;
            }
            let page = match http_page(&block) {
                Ok(Response::Page(page)) => page,
                Ok(Response::Skipped(reason)) => return Some(Err(self.error(reason).skipping())),
                Err(reason) => return Some(Err(self.error(reason))),
            };
            let (content, warnings) = match decode(&page.body, page.format, page.charset) {
                Ok(decoded) => decoded,
                Err(reason) => return Some(Err(self.error(reason))),
            };
            let id = header(&headers, "warc-record-id")
                .map(|id| {
                    id.trim_matches(['<', '>'])
                        .trim_start_matches("urn:uuid:")
                        .to_string()
                })
                .filter(|id| !id.is_empty())
                .unwrap_or_else(|| format!("{:x}", Sha256::digest(&page.body))[..16].to_string());
            return Some(Ok(Document {
                id,
                format: page.format,
                content,
                meta: SourceMeta {
                    url: header(&headers, "warc-target-uri").map(str::to_string),
                    ..SourceMeta::default()
                },
                provenance: provenance(&self.path, Some(self.record), &page.body),
                warnings,
                line: None,
            }));
        }
        None
    }
}

/// An article's body as the HTTP response carried it, decoded from its transfer and content
/// encodings.
struct Page {
    format: Format,
    body: Vec<u8>,
    charset: Option<&'static Encoding>,
}

enum Response {
    Page(Page),
    /// Not an article (a redirect, an error page, an image): why.
    Skipped(String),
}

/// Reads an HTTP response: the head with `httparse`, then the body it describes.
fn http_page(block: &[u8]) -> Result<Response, String> {
    let mut fields = [httparse::EMPTY_HEADER; 128];
    let mut response = httparse::Response::new(&mut fields);
    let head = match response.parse(block) {
        Ok(httparse::Status::Complete(head)) => head,
        Ok(httparse::Status::Partial) => return Err("truncated HTTP header".into()),
        Err(e) => return Err(format!("bad HTTP header: {e}")),
    };
    let code = response.code.unwrap_or_default();
    if !(200..300).contains(&code) {
        return Ok(Response::Skipped(format!("HTTP {code} response, skipped")));
    }
    let field = |name: &str| {
        response
            .headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
            .map(|h| String::from_utf8_lossy(h.value).trim().to_ascii_lowercase())
    };
    let content_type = field("content-type").unwrap_or_default();
    let format = if content_type.starts_with("text/plain") {
        Format::Text
    } else if content_type.is_empty() || content_type.contains("html") {
        Format::Html
    } else {
        return Ok(Response::Skipped(format!(
            "{content_type} response, skipped"
        )));
    };
    let mut body = block[head..].to_vec();
    if field("transfer-encoding").is_some_and(|t| t.contains("chunked")) {
        body = dechunk(&body)?;
    }
    body = match field("content-encoding").as_deref() {
        None | Some("") | Some("identity") => body,
        Some("gzip") | Some("x-gzip") => inflate(flate2::read::MultiGzDecoder::new(&body[..]))?,
        Some("deflate") => inflate(flate2::read::ZlibDecoder::new(&body[..]))?,
        Some(other) => {
            return Ok(Response::Skipped(format!(
                "content encoding {other} not supported, skipped"
            )))
        }
    };
    let charset = content_type
        .split(';')
        .find_map(|part| part.trim().strip_prefix("charset="))
        .and_then(|label| Encoding::for_label(label.trim_matches(['"', '\'']).as_bytes()));
    Ok(Response::Page(Page {
        format,
        body,
        charset,
    }))
}

/// A body sent in chunks (`Transfer-Encoding: chunked`) put back together.
fn dechunk(mut rest: &[u8]) -> Result<Vec<u8>, String> {
    let bad = || "bad chunked encoding".to_string();
    let mut body = Vec::new();
    loop {
        let line_end = rest.windows(2).position(|w| w == b"\r\n").ok_or_else(bad)?;
        let size_text = String::from_utf8_lossy(&rest[..line_end]);
        let size_text = size_text.split(';').next().unwrap_or_default().trim();
        let size = usize::from_str_radix(size_text, 16).map_err(|_| bad())?;
        rest = &rest[line_end + 2..];
        if size == 0 {
            return Ok(body);
        }
        if rest.len() < size || body.len() + size > MAX_DOCUMENT_BYTES as usize {
            return Err(bad());
        }
        body.extend_from_slice(&rest[..size]);
        rest = rest[size..].strip_prefix(b"\r\n").ok_or_else(bad)?;
    }
}

/// A compressed body, decompressed up to the document size cap.
fn inflate(decoder: impl Read) -> Result<Vec<u8>, String> {
    read_capped(decoder).map_err(|reason| format!("HTTP body: {reason}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(kind: &str, id: &str, payload: &[u8]) -> Vec<u8> {
        let mut record = format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{id}>\r\n\
             WARC-Target-URI: https://contoh.id/{id}\r\nContent-Length: {}\r\n\r\n",
            payload.len()
        )
        .into_bytes();
        record.extend_from_slice(payload);
        record.extend_from_slice(b"\r\n\r\n");
        record
    }

    fn read(data: Vec<u8>) -> Vec<Result<Document, SourceError>> {
        Warc::new("x.warc".into(), Box::new(std::io::Cursor::new(data))).collect()
    }

    #[test]
    fn responses_become_documents_and_other_records_are_passed_over() {
        let page = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n\
            <html><body><p>Isi berita.</p></body></html>";
        let mut data = record("request", "r1", b"GET / HTTP/1.1\r\n\r\n");
        data.extend(record("response", "a1", page));
        let items = read(data);
        assert_eq!(items.len(), 1);
        let document = items[0].as_ref().unwrap();
        assert_eq!(
            (document.id.as_str(), document.format),
            ("a1", Format::Html)
        );
        assert_eq!(document.meta.url.as_deref(), Some("https://contoh.id/a1"));
        assert!(document.content.contains("Isi berita."));
    }

    #[test]
    fn chunked_compressed_bodies_are_decoded_in_their_charset() {
        use std::io::Write;
        let html = "<html><body><p>Kabar dari kafé ini.</p></body></html>";
        let (latin, _, _) = encoding_rs::WINDOWS_1252.encode(html);
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(&latin).unwrap();
        let compressed = gz.finish().unwrap();
        let (first, second) = compressed.split_at(compressed.len() / 2);
        let mut payload = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=windows-1252\r\n\
            Content-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n"
            .to_vec();
        for chunk in [first, second] {
            payload.extend(format!("{:x}\r\n", chunk.len()).into_bytes());
            payload.extend_from_slice(chunk);
            payload.extend_from_slice(b"\r\n");
        }
        payload.extend_from_slice(b"0\r\n\r\n");
        let items = read(record("response", "c1", &payload));
        let document = items[0].as_ref().unwrap();
        assert!(
            document.content.contains("Kabar dari kafé ini."),
            "{}",
            document.content
        );
        assert!(document.warnings.is_empty());
    }

    #[test]
    fn redirects_errors_and_media_are_skipped_not_failed() {
        let mut data = record(
            "response",
            "m1",
            b"HTTP/1.1 301 Moved\r\nLocation: /x\r\n\r\n",
        );
        data.extend(record(
            "response",
            "m2",
            b"HTTP/1.1 404 Not Found\r\n\r\n404",
        ));
        data.extend(record(
            "response",
            "m3",
            b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\nPNG",
        ));
        let items = read(data);
        assert_eq!(items.len(), 3);
        for item in &items {
            let error = item.as_ref().unwrap_err();
            assert!(error.skipped && !error.ends_input, "{error:?}");
        }
        assert!(items[1].as_ref().unwrap_err().reason.contains("404"));
    }

    #[test]
    fn a_record_with_an_absurd_length_is_skipped_alone() {
        let page = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>Berita kedua.</p>";
        let mut data = b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999999999\r\n\r\n\
            HTTP/1.1 200 OK\r\n\r\nshort\r\n\r\n"
            .to_vec();
        data.extend(record("response", "b2", page));
        data.extend_from_slice(b"WARC/1.0\r\nWARC-Type: response\r\n\r\n");
        let items = read(data);
        assert_eq!(items.len(), 3, "{items:?}");
        assert!(items[0]
            .as_ref()
            .unwrap_err()
            .reason
            .contains("larger than"));
        assert_eq!(items[1].as_ref().unwrap().id, "b2");
        assert!(items[2]
            .as_ref()
            .unwrap_err()
            .reason
            .contains("Content-Length"));
    }
}
