//! Reading a corpus: files, folders and JSON Lines, plain or compressed.
//!
//! Sources never touch their inputs and never stop at a bad document: each problem becomes a
//! [`SourceError`] naming the file, the record and the reason, and the caller decides what to do.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use serde::Deserialize;
use sha2::{Digest, Sha256};

use crate::record::Provenance;

mod warc;

use warc::Warc;

/// Largest document accepted, after decompression; larger ones are reported, not read.
pub const MAX_DOCUMENT_BYTES: u64 = 32 * 1024 * 1024;

/// How a document's content is to be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Html,
}

/// What the input itself says about the article, before any cleaning (JSON Lines fields).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceMeta {
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub title: Option<String>,
    pub published: Option<String>,
}

/// One raw article as read from the corpus.
#[derive(Debug, Clone)]
pub struct Document {
    pub id: String,
    pub format: Format,
    pub content: String,
    pub meta: SourceMeta,
    pub provenance: Provenance,
    /// Problems that did not stop the document from being read (lossy decoding, say).
    pub warnings: Vec<String>,
    /// The JSON Lines input line the document came from, so that a map step can hand it back
    /// whole if processing fails.
    pub line: Option<String>,
}

/// A document that could not be read, with enough context for the user to find it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}{}: {reason}", record.map(|r| format!(":{r}")).unwrap_or_default())]
pub struct SourceError {
    pub path: String,
    pub record: Option<u64>,
    pub reason: String,
    /// The JSON Lines input line that was refused, when it could be read.
    pub line: Option<String>,
    /// Reading stopped here, so whatever followed in the same input was not read.
    pub ends_input: bool,
    /// Not an article and not a fault: a record the reader passes over on purpose (a
    /// redirect or an image in a web archive), reported but not counted as a failure.
    pub skipped: bool,
}

impl SourceError {
    pub(crate) fn new(path: &str, record: Option<u64>, reason: impl Into<String>) -> Self {
        SourceError {
            path: path.to_string(),
            record,
            reason: reason.into(),
            line: None,
            ends_input: false,
            skipped: false,
        }
    }

    fn ending_input(mut self) -> Self {
        self.ends_input = true;
        self
    }

    fn skipping(mut self) -> Self {
        self.skipped = true;
        self
    }
}

/// What an input path names once folders are walked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    File(PathBuf),
    Stdin,
    /// A path that could not be read (missing, or a folder that cannot be walked): reported in
    /// its place among the documents, so that the others still go through.
    Failed(SourceError),
}

/// Expands files, folders (recursively, in sorted order so runs are reproducible) and `-`.
pub fn expand_inputs(inputs: &[PathBuf]) -> Vec<Input> {
    let mut expanded = Vec::new();
    for input in inputs {
        if input.as_os_str() == "-" {
            expanded.push(Input::Stdin);
        } else if input.is_dir() {
            let walker = walkdir::WalkDir::new(input)
                .sort_by_file_name()
                .follow_links(false);
            for entry in walker {
                let entry = match entry {
                    Ok(entry) => entry,
                    Err(e) => {
                        let shown = e.path().unwrap_or(input).display().to_string();
                        expanded.push(Input::Failed(SourceError::new(&shown, None, e.to_string())));
                        continue;
                    }
                };
                let known = kind_of(entry.path()).is_some();
                // links are not followed (a loop, or a file outside the folder): say so
                if entry.file_type().is_symlink() && known {
                    let shown = entry.path().display().to_string();
                    expanded.push(Input::Failed(
                        SourceError::new(&shown, None, "symbolic link, not followed").skipping(),
                    ));
                    continue;
                }
                if entry.file_type().is_file() && (known || holds_records(entry.path())) {
                    expanded.push(Input::File(entry.into_path()));
                }
            }
        } else if input.exists() {
            expanded.push(Input::File(input.clone()));
        } else {
            expanded.push(Input::Failed(SourceError::new(
                &input.display().to_string(),
                None,
                "no such file or folder",
            )));
        }
    }
    expanded
}

/// Whether a file holds one document (a text or a page), so that files count documents.
pub fn is_single_document(path: &Path) -> bool {
    matches!(kind_of(path), Some(Kind::Single(_)))
}

/// The kind of container a file name announces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Single(Format),
    JsonLines,
    Warc,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Compression {
    None,
    Gzip,
    Zstd,
}

fn split_compression(name: &str) -> (&str, Compression) {
    if let Some(stem) = name.strip_suffix(".gz") {
        (stem, Compression::Gzip)
    } else if let Some(stem) = name.strip_suffix(".zst") {
        (stem, Compression::Zstd)
    } else {
        (name, Compression::None)
    }
}

fn kind_of(path: &Path) -> Option<Kind> {
    let name = path.file_name()?.to_str()?.to_ascii_lowercase();
    let (inner, _) = split_compression(&name);
    let ext = inner.rsplit_once('.')?.1;
    match ext {
        "txt" | "text" => Some(Kind::Single(Format::Text)),
        "html" | "htm" | "xhtml" => Some(Kind::Single(Format::Html)),
        "jsonl" | "ndjson" => Some(Kind::JsonLines),
        "warc" => Some(Kind::Warc),
        _ => None,
    }
}

/// The file's name without its format and compression extensions: `a.html.gz` is `a`.
pub fn file_stem(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (inner, _) = split_compression(&name);
    match inner.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem.to_string(),
        _ => inner.to_string(),
    }
}

/// Streams the documents of all inputs, one item per document or per failure, in input order.
pub fn documents(inputs: Vec<Input>) -> impl Iterator<Item = Result<Document, SourceError>> {
    inputs
        .into_iter()
        .flat_map(|input| -> Box<dyn Iterator<Item = _>> {
            match input {
                Input::Stdin => {
                    let reader = BufReader::new(io::stdin());
                    Box::new(JsonLines::new("-".to_string(), Box::new(reader)))
                }
                Input::File(path) => open_file(&path),
                Input::Failed(error) => Box::new(std::iter::once(Err(error))),
            }
        })
}

fn open_file(path: &Path) -> Box<dyn Iterator<Item = Result<Document, SourceError>>> {
    let shown = path.display().to_string();
    let Some(kind) = kind_of(path) else {
        return Box::new(std::iter::once(Err(SourceError::new(
            &shown,
            None,
            "unknown file type",
        ))));
    };
    let reader = match open_decompressed(path) {
        Ok(reader) => reader,
        Err(reason) => {
            let error = SourceError::new(&shown, None, reason);
            let error = match kind {
                Kind::Single(_) => error,
                Kind::JsonLines | Kind::Warc => error.ending_input(),
            };
            return Box::new(std::iter::once(Err(error)));
        }
    };
    match kind {
        Kind::JsonLines => Box::new(JsonLines::new(shown, Box::new(BufReader::new(reader)))),
        Kind::Warc => Box::new(Warc::new(shown, Box::new(BufReader::new(reader)))),
        Kind::Single(format) => {
            Box::new(std::iter::once(read_single(path, &shown, reader, format)))
        }
    }
}

/// Opens a file for reading, through the decompressor its name announces.
fn open_decompressed(path: &Path) -> Result<Box<dyn Read>, String> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let (_, compression) = split_compression(&name);
    let file = File::open(path).map_err(|e| format!("cannot open: {e}"))?;
    let file = BufReader::new(file);
    Ok(match compression {
        Compression::None => Box::new(file),
        Compression::Gzip => Box::new(flate2::read::MultiGzDecoder::new(file)),
        Compression::Zstd => {
            let mut file = file;
            refuse_huge_zstd_window(&mut file)?;
            Box::new(
                ruzstd::streaming_decoder::StreamingDecoder::new(file)
                    .map_err(|e| format!("not a zstd stream: {e}"))?,
            )
        }
    })
}

/// The largest zstd window accepted: the decoder allocates the window a frame declares before
/// reading a byte of it, so a tiny file could ask for gigabytes.
const MAX_ZSTD_WINDOW: u64 = 100 * 1024 * 1024;

/// Reads the first frame's header without consuming it and refuses a window over the cap.
fn refuse_huge_zstd_window(file: &mut impl BufRead) -> Result<(), String> {
    let head = file.fill_buf().map_err(|e| format!("cannot read: {e}"))?;
    let (frame, _) =
        ruzstd::frame::read_frame_header(head).map_err(|e| format!("not a zstd stream: {e}"))?;
    let window = frame
        .header
        .window_size()
        .map_err(|e| format!("not a zstd stream: {e}"))?;
    if window > MAX_ZSTD_WINDOW {
        return Err(format!(
            "zstd window of {} MiB is over the {} MiB allowed",
            window / (1024 * 1024),
            MAX_ZSTD_WINDOW / (1024 * 1024)
        ));
    }
    Ok(())
}

fn read_single(
    path: &Path,
    shown: &str,
    reader: Box<dyn Read>,
    format: Format,
) -> Result<Document, SourceError> {
    let bytes = read_capped(reader).map_err(|reason| SourceError::new(shown, None, reason))?;
    let (content, warnings) =
        decode(&bytes, format, None).map_err(|reason| SourceError::new(shown, None, reason))?;
    Ok(Document {
        id: file_stem(path),
        format,
        content,
        meta: SourceMeta::default(),
        provenance: provenance(shown, None, &bytes),
        warnings,
        line: None,
    })
}

/// Reads at most [`MAX_DOCUMENT_BYTES`], so a huge file or a compression bomb is refused early.
fn read_capped(reader: impl Read) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    reader
        .take(MAX_DOCUMENT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read (truncated or corrupt?): {e}"))?;
    if bytes.len() as u64 > MAX_DOCUMENT_BYTES {
        return Err(format!(
            "larger than {} MiB",
            MAX_DOCUMENT_BYTES / (1024 * 1024)
        ));
    }
    Ok(bytes)
}

/// Turns raw bytes into text: refuses empty and binary input, decodes HTML by its declared
/// charset, and decodes invalid UTF-8 lossily with a warning rather than losing the document.
fn decode(
    bytes: &[u8],
    format: Format,
    declared: Option<&'static encoding_rs::Encoding>,
) -> Result<(String, Vec<String>), String> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err("empty document".to_string());
    }
    if looks_binary(bytes) {
        return Err("binary content, not text".to_string());
    }
    let mut warnings = Vec::new();
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(_) => {
            let encoding = declared.or(match format {
                Format::Html => crate::html::declared_encoding(bytes),
                Format::Text => None,
            });
            match encoding {
                Some(encoding) => encoding.decode(bytes).0.into_owned(),
                None => {
                    warnings.push("invalid UTF-8, decoded lossily".to_string());
                    String::from_utf8_lossy(bytes).into_owned()
                }
            }
        }
    };
    if blank(&text) {
        return Err("empty document".to_string());
    }
    Ok((text.trim_start_matches('\u{feff}').to_string(), warnings))
}

/// Text with nothing to read: white space of any kind, byte-order marks and zero-width
/// characters only.
fn blank(text: &str) -> bool {
    text.chars().all(|c| {
        c.is_whitespace()
            || matches!(
                c,
                '\u{feff}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}'
            )
    })
}

fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    let controls = head
        .iter()
        .filter(|&&b| b == 0 || (b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c)))
        .count();
    head.contains(&0) || controls * 20 > head.len()
}

fn provenance(path: &str, record: Option<u64>, bytes: &[u8]) -> Provenance {
    Provenance {
        path: path.to_string(),
        record,
        bytes: bytes.len() as u64,
        sha256: format!("{:x}", Sha256::digest(bytes)),
        ..Provenance::default()
    }
}

/// Whether a JSON Lines file holds article records as `warta extract` writes them (its first
/// record has a `body` list and a `people` field) rather than raw articles.
pub fn holds_records(path: &Path) -> bool {
    // records come as JSON Lines or as a map step's extension-less part files ("part-00000")
    if !matches!(kind_of(path), Some(Kind::JsonLines) | None) {
        return false;
    }
    let Ok(reader) = open_decompressed(path) else {
        return false;
    };
    let first = BufReader::new(reader)
        .lines()
        .map_while(Result::ok)
        .find(|l| !l.trim().is_empty());
    first.is_some_and(|line| is_record(&line))
}

/// Whether a line is an article record as `warta extract` writes it (not an input document).
fn is_record(line: &str) -> bool {
    serde_json::from_str::<serde_json::Value>(line)
        .is_ok_and(|v| v.get("body").is_some_and(|b| b.is_array()) && v.get("people").is_some())
}

/// The article records of a file `warta extract` wrote, one per line.
pub fn records(
    path: &Path,
) -> Box<dyn Iterator<Item = Result<crate::record::Article, SourceError>>> {
    let shown = path.display().to_string();
    match open_decompressed(path) {
        Ok(reader) => records_from(shown, Box::new(BufReader::new(reader))),
        Err(reason) => Box::new(std::iter::once(Err(SourceError::new(&shown, None, reason)))),
    }
}

/// Standard input for a command that takes records or documents: records where its first
/// line is one (`warta extract - -o - | warta graph -`), else the documents it holds.
pub enum StdinHolds {
    Records(Box<dyn Iterator<Item = Result<crate::record::Article, SourceError>>>),
    Documents(Box<dyn Iterator<Item = Result<Document, SourceError>>>),
}

/// Looks at standard input's first line and reads the rest accordingly, losing nothing.
pub fn stdin_records_or_documents() -> StdinHolds {
    let mut reader = BufReader::new(io::stdin());
    let mut peeked = String::new();
    while peeked.trim().is_empty() {
        peeked.clear();
        match reader.read_line(&mut peeked) {
            Ok(0) | Err(_) => break,
            Ok(_) => {}
        }
    }
    let records = is_record(&peeked);
    let whole: Box<dyn BufRead> = Box::new(io::Cursor::new(peeked.into_bytes()).chain(reader));
    if records {
        StdinHolds::Records(records_from("-".to_string(), whole))
    } else {
        StdinHolds::Documents(Box::new(JsonLines::new("-".to_string(), whole)))
    }
}

fn records_from(
    shown: String,
    reader: Box<dyn BufRead>,
) -> Box<dyn Iterator<Item = Result<crate::record::Article, SourceError>>> {
    Box::new(reader.lines().enumerate().filter_map(move |(i, line)| {
        let record = Some(i as u64 + 1);
        match line {
            Err(e) => Some(Err(SourceError::new(
                &shown,
                record,
                format!("cannot read: {e}"),
            ))),
            Ok(line) if line.trim().is_empty() => None,
            Ok(line) => {
                Some(serde_json::from_str(&line).map_err(|e| {
                    SourceError::new(&shown, record, format!("bad article record: {e}"))
                }))
            }
        }
    }))
}

/// One JSON Lines record as users write them.
#[derive(Debug, Deserialize)]
struct JsonRecord {
    id: Option<serde_json::Value>,
    url: Option<String>,
    outlet: Option<String>,
    title: Option<String>,
    published: Option<String>,
    text: Option<String>,
    html: Option<String>,
    source: Option<serde_json::Value>,
    path: Option<serde_json::Value>,
}

/// A JSON scalar as text (ids come as strings or numbers); objects and lists are no identity.
fn scalar_text(value: &serde_json::Value) -> Option<String> {
    match value {
        serde_json::Value::String(text) if !text.is_empty() => Some(text.clone()),
        serde_json::Value::Number(number) => Some(number.to_string()),
        _ => None,
    }
}

/// Reads JSON Lines lazily so memory does not grow with the number of records.
struct JsonLines {
    path: String,
    reader: Box<dyn BufRead>,
    line: u64,
    done: bool,
}

impl JsonLines {
    fn new(path: String, reader: Box<dyn BufRead>) -> Self {
        JsonLines {
            path,
            reader,
            line: 0,
            done: false,
        }
    }

    /// Reads one line (without its line ending) into `raw`; `Ok(false)` at the end of input.
    /// A line over the size cap is skipped to its end and reported with its size.
    fn read_line(&mut self, raw: &mut Vec<u8>) -> Result<bool, SourceError> {
        raw.clear();
        self.line += 1;
        let read = (&mut self.reader)
            .take(MAX_DOCUMENT_BYTES + 1)
            .read_until(b'\n', raw)
            .map_err(|e| self.read_error(e))?;
        if read == 0 {
            return Ok(false);
        }
        if raw.len() as u64 > MAX_DOCUMENT_BYTES && raw.last() != Some(&b'\n') {
            let skipped = self.skip_rest_of_line().map_err(|e| self.read_error(e))?;
            let size = raw.len() as u64 + skipped;
            raw.clear();
            return Err(SourceError::new(
                &self.path,
                Some(self.line),
                format!(
                    "record of {size} bytes is larger than {} MiB, skipped",
                    MAX_DOCUMENT_BYTES / (1024 * 1024)
                ),
            ));
        }
        while matches!(raw.last(), Some(b'\n' | b'\r')) {
            raw.pop();
        }
        Ok(true)
    }

    /// Consumes the input up to and including the next line break; returns how many bytes.
    fn skip_rest_of_line(&mut self) -> io::Result<u64> {
        let mut skipped = 0;
        loop {
            let buffer = self.reader.fill_buf()?;
            if buffer.is_empty() {
                return Ok(skipped);
            }
            let (used, done) = match buffer.iter().position(|&b| b == b'\n') {
                Some(end) => (end + 1, true),
                None => (buffer.len(), false),
            };
            self.reader.consume(used);
            skipped += used as u64;
            if done {
                return Ok(skipped);
            }
        }
    }

    fn read_error(&mut self, error: io::Error) -> SourceError {
        self.done = true;
        SourceError::new(
            &self.path,
            Some(self.line),
            format!("cannot read (truncated or corrupt?): {error}"),
        )
        .ending_input()
    }

    fn parse(&self, raw: &[u8]) -> Result<Document, SourceError> {
        let (text, warnings) = match std::str::from_utf8(raw) {
            Ok(text) => (text.to_string(), Vec::new()),
            Err(_) => (
                String::from_utf8_lossy(raw).into_owned(),
                vec!["invalid UTF-8, decoded lossily".to_string()],
            ),
        };
        let fail = |reason: String| SourceError {
            line: Some(text.clone()),
            ..SourceError::new(&self.path, Some(self.line), reason)
        };
        let record: JsonRecord =
            serde_json::from_str(&text).map_err(|e| fail(format!("bad JSON record: {e}")))?;
        let (content, format) = match (record.html, record.text) {
            (Some(html), _) if !blank(&html) => (html, Format::Html),
            (_, Some(text)) if !blank(&text) => (text, Format::Text),
            _ => return Err(fail("record has neither `text` nor `html`".to_string())),
        };
        let given_id = record.id.as_ref().and_then(scalar_text);
        let id = given_id.clone().unwrap_or_else(|| {
            format!("{:x}", Sha256::digest(content.as_bytes()))[..16].to_string()
        });
        let provenance = Provenance {
            id: given_id,
            url: record.url.clone(),
            source: record
                .source
                .as_ref()
                .or(record.path.as_ref())
                .and_then(scalar_text),
            ..provenance(&self.path, Some(self.line), raw)
        };
        Ok(Document {
            id,
            format,
            content,
            meta: SourceMeta {
                url: record.url,
                outlet: record.outlet,
                title: record.title,
                published: record.published,
            },
            provenance,
            warnings,
            line: Some(text),
        })
    }
}

impl Iterator for JsonLines {
    type Item = Result<Document, SourceError>;

    fn next(&mut self) -> Option<Self::Item> {
        let mut raw = Vec::new();
        while !self.done {
            match self.read_line(&mut raw) {
                Ok(false) => self.done = true,
                Ok(true) if raw.iter().all(|b| b.is_ascii_whitespace()) => continue,
                Ok(true) => return Some(self.parse(&raw)),
                Err(error) => return Some(Err(error)),
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_drop_format_and_compression() {
        assert_eq!(file_stem(Path::new("a/b/x.html.gz")), "x");
        assert_eq!(file_stem(Path::new("000_abc.txt")), "000_abc");
        assert_eq!(file_stem(Path::new("feed.jsonl.zst")), "feed");
    }

    #[test]
    fn empty_and_binary_are_refused() {
        assert_eq!(
            decode(b"  \n", Format::Text, None).unwrap_err(),
            "empty document"
        );
        assert!(decode(b"\x00\x01\x02abc", Format::Text, None)
            .unwrap_err()
            .contains("binary"));
    }

    #[test]
    fn a_document_of_invisible_characters_is_empty() {
        let invisible = "\u{feff}\u{a0} \u{200b}\u{2060}\n\u{3000}".as_bytes();
        assert_eq!(
            decode(invisible, Format::Text, None).unwrap_err(),
            "empty document"
        );
        let line = format!("{{\"id\":\"z\",\"text\":\"{}\"}}\n", "\u{200b}\u{feff} ");
        let items: Vec<_> = JsonLines::new(
            "f.jsonl".into(),
            Box::new(std::io::Cursor::new(line.into_bytes())),
        )
        .collect();
        assert!(items[0].as_ref().unwrap_err().reason.contains("neither"));
    }

    #[cfg(unix)]
    #[test]
    fn a_link_in_a_folder_is_reported_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), "Judul\n\nIsi.").unwrap();
        std::os::unix::fs::symlink("/etc/hostname", dir.path().join("b.txt")).unwrap();
        let inputs = expand_inputs(&[dir.path().to_path_buf()]);
        assert_eq!(inputs.len(), 2);
        assert!(matches!(&inputs[0], Input::File(p) if p.ends_with("a.txt")));
        assert!(matches!(&inputs[1], Input::Failed(e) if e.skipped && e.reason.contains("link")));
    }

    #[test]
    fn invalid_utf8_is_kept_with_a_warning() {
        let (text, warnings) = decode(b"caf\xe9 ok", Format::Text, None).unwrap();
        assert_eq!(text, "caf\u{fffd} ok");
        assert_eq!(warnings.len(), 1);
    }

    #[test]
    fn a_zstd_frame_asking_for_a_huge_window_is_refused_before_decoding() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bomb.txt.zst");
        // magic, no single segment, a 2 GiB window, then one empty last raw block
        std::fs::write(
            &path,
            [0x28, 0xB5, 0x2F, 0xFD, 0x00, 0xA8, 0x01, 0x00, 0x00],
        )
        .unwrap();
        let error = open_decompressed(&path).err().expect("refused");
        assert!(error.contains("window of 2048 MiB"), "{error}");
    }

    #[test]
    fn json_lines_report_bad_records_and_go_on() {
        let data =
            "{\"id\":\"a\",\"text\":\"Satu.\"}\nnot json\n\n{\"text\":\"Dua.\"}\n{\"id\":3}\n";
        let items: Vec<_> = JsonLines::new("f.jsonl".into(), Box::new(data.as_bytes())).collect();
        assert_eq!(items.len(), 4);
        assert_eq!(items[0].as_ref().unwrap().id, "a");
        let bad = items[1].as_ref().unwrap_err();
        assert_eq!((bad.record, bad.path.as_str()), (Some(2), "f.jsonl"));
        let hashed = items[2].as_ref().unwrap();
        assert_eq!(hashed.id.len(), 16);
        assert_eq!(hashed.provenance.record, Some(4));
        assert!(items[3].as_ref().unwrap_err().reason.contains("neither"));
    }
}
