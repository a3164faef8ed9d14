//! Writing results: atomically (a reader never sees half a file, and a failed run leaves the
//! previous output in place) and with file names that article text cannot subvert.

use foldhash::HashSet;
use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::thread;

use sha2::{Digest, Sha256};
use tempfile::NamedTempFile;

/// A file that appears under its name only when [`AtomicFile::commit`] is called. A path that
/// names no regular file (`/dev/null`, a named pipe, a terminal) is written to directly: renaming
/// a temporary file over a device would replace the device with a file.
pub struct AtomicFile {
    path: PathBuf,
    target: Target,
}

enum Target {
    Temporary(BufWriter<Syncing>),
    Special(BufWriter<fs::File>),
}

/// A temporary file that has what was written put on disk every few MB, on a thread of its
/// own, while the run goes on: the sync before the file is put in place then has little left
/// to wait for, where it had a whole corpus's records.
struct Syncing {
    file: NamedTempFile,
    unsynced: usize,
    syncer: Option<Syncer>,
}

struct Syncer {
    /// Holds at most one request: a sync asked for while one is waiting adds nothing.
    ask: mpsc::SyncSender<()>,
    thread: thread::JoinHandle<()>,
}

/// How many bytes are written between syncs.
const SYNC_EVERY: usize = 4 << 20;

impl Syncing {
    fn new(file: NamedTempFile) -> Syncing {
        Syncing {
            file,
            unsynced: 0,
            syncer: None,
        }
    }

    fn ask_sync(&mut self) {
        if self.syncer.is_none() {
            self.syncer = self.start_syncer();
        }
        if let Some(syncer) = &self.syncer {
            let _ = syncer.ask.try_send(());
        }
    }

    /// A thread that syncs a handle of the file when asked; `None` where there cannot be one,
    /// and the file is synced at the end only.
    fn start_syncer(&self) -> Option<Syncer> {
        let file = self.file.as_file().try_clone().ok()?;
        let (ask, asked) = mpsc::sync_channel::<()>(1);
        let thread = thread::Builder::new()
            .name("warta-sync".into())
            .spawn(move || {
                // an error here comes again from the sync before the file is put in place,
                // which reports it
                for () in asked {
                    let _ = file.sync_data();
                }
            })
            .ok()?;
        Some(Syncer { ask, thread })
    }

    /// The file, once the syncing thread has finished.
    fn into_file(self) -> NamedTempFile {
        if let Some(Syncer { ask, thread }) = self.syncer {
            drop(ask);
            let _ = thread.join();
        }
        self.file
    }
}

impl Write for Syncing {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let written = self.file.write(buf)?;
        self.unsynced += written;
        if self.unsynced >= SYNC_EVERY {
            self.unsynced = 0;
            self.ask_sync();
        }
        Ok(written)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }
}

impl AtomicFile {
    pub fn create(path: &Path) -> io::Result<AtomicFile> {
        let special = fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir());
        if special {
            let file = fs::OpenOptions::new().write(true).open(path)?;
            return Ok(AtomicFile {
                path: path.to_path_buf(),
                target: Target::Special(BufWriter::new(file)),
            });
        }
        let dir = match path.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir,
            _ => Path::new("."),
        };
        fs::create_dir_all(dir)?;
        let temp = tempfile::Builder::new()
            .prefix(TEMPORARY_PREFIX)
            .suffix(TEMPORARY_SUFFIX)
            .tempfile_in(dir)?;
        Ok(AtomicFile {
            path: path.to_path_buf(),
            target: Target::Temporary(BufWriter::new(Syncing::new(temp))),
        })
    }

    pub fn commit(self) -> io::Result<()> {
        self.prepare()?.persist()
    }

    /// Writes the file out in full, still under its temporary name, so that several files can
    /// be put in place together once all of them are complete.
    pub fn prepare(self) -> io::Result<Prepared> {
        let writer = match self.target {
            Target::Special(mut writer) => {
                writer.flush()?;
                return Ok(Prepared {
                    path: self.path,
                    temp: None,
                });
            }
            Target::Temporary(writer) => writer,
        };
        let temp = writer.into_inner().map_err(|e| e.into_error())?.into_file();
        temp.as_file().sync_all()?;
        // temporary files are private; a result is as readable as any file the user writes
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            temp.as_file()
                .set_permissions(fs::Permissions::from_mode(0o644))?;
        }
        Ok(Prepared {
            path: self.path,
            temp: Some(temp),
        })
    }
}

/// A complete file waiting under its temporary name to be put in place.
pub struct Prepared {
    path: PathBuf,
    temp: Option<NamedTempFile>,
}

impl Prepared {
    /// Size and sha256 of the contents, for a manifest: read back from the file written rather
    /// than kept while writing, so that outputs no manifest lists (a whole corpus's records)
    /// are not hashed.
    pub fn digest(&self) -> io::Result<(u64, String)> {
        let Some(temp) = &self.temp else {
            return Err(io::Error::other("not a regular file, so not listed"));
        };
        let mut hasher = Sha256::new();
        let bytes = io::copy(&mut fs::File::open(temp.path())?, &mut hasher)?;
        Ok((bytes, format!("{:x}", hasher.finalize())))
    }

    pub fn persist(self) -> io::Result<()> {
        match self.temp {
            Some(temp) => temp.persist(&self.path).map(|_| ()).map_err(|e| e.error),
            None => Ok(()),
        }
    }
}

const TEMPORARY_PREFIX: &str = ".warta-";
const TEMPORARY_SUFFIX: &str = ".tmp";

/// Removes what a killed run left behind in an output folder: its temporary files, which
/// never became outputs.
pub fn remove_stale_temporaries(dir: &Path) -> io::Result<()> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Ok(());
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(TEMPORARY_PREFIX) && name.ends_with(TEMPORARY_SUFFIX) {
            fs::remove_file(entry.path())?;
        }
    }
    Ok(())
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match &mut self.target {
            Target::Temporary(writer) => writer.write(buf),
            Target::Special(writer) => writer.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.target {
            Target::Temporary(writer) => writer.flush(),
            Target::Special(writer) => writer.flush(),
        }
    }
}

/// Writes a whole file atomically.
pub fn write_atomic(path: &Path, contents: &[u8]) -> io::Result<()> {
    let mut file = AtomicFile::create(path)?;
    file.write_all(contents)?;
    file.commit()
}

/// Hands out safe, distinct file names for article ids.
#[derive(Debug, Default)]
pub struct FileNamer {
    used: HashSet<String>,
}

impl FileNamer {
    /// `id` made safe as a file name (no separators, no leading dot, bounded length), with a
    /// counter added where two ids would collide.
    pub fn name(&mut self, id: &str, extension: &str) -> String {
        let base = sanitize(id);
        let mut candidate = format!("{base}.{extension}");
        let mut counter = 2;
        while !self.used.insert(candidate.to_lowercase()) {
            candidate = format!("{base}-{counter}.{extension}");
            counter += 1;
        }
        candidate
    }
}

/// The most bytes of an id kept in a file name: file systems count bytes (255 at most), and
/// a counter and an extension still have to fit.
const MAX_NAME_BYTES: usize = 200;

fn sanitize(id: &str) -> String {
    let mut cleaned = String::new();
    for c in id.chars() {
        let c = if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') {
            c
        } else {
            '_'
        };
        // cut by bytes, at a character boundary
        if cleaned.len() + c.len_utf8() > MAX_NAME_BYTES {
            break;
        }
        cleaned.push(c);
    }
    let cleaned = cleaned.trim_start_matches('.').to_string();
    if cleaned.is_empty() {
        "article".to_string()
    } else {
        cleaned
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_device_is_written_to_not_replaced() {
        use std::os::unix::fs::FileTypeExt;
        let mut out = AtomicFile::create(Path::new("/dev/null")).unwrap();
        out.write_all(b"records nobody keeps\n").unwrap();
        out.commit().unwrap();
        let kind = fs::metadata("/dev/null").unwrap().file_type();
        assert!(kind.is_char_device(), "/dev/null was replaced by a file");
    }

    #[test]
    fn names_are_safe_and_distinct() {
        let mut namer = FileNamer::default();
        assert_eq!(namer.name("../../etc/passwd", "txt"), "_.._etc_passwd.txt");
        assert_eq!(namer.name("a/b", "txt"), "a_b.txt");
        assert_eq!(namer.name("a:b", "txt"), "a_b-2.txt");
        assert_eq!(namer.name("", "txt"), "article.txt");
    }

    #[test]
    fn long_non_ascii_ids_fit_a_file_name_in_bytes() {
        let mut namer = FileNamer::default();
        let name = namer.name(&"ḱ".repeat(400), "txt");
        assert!(name.len() <= 255, "{} bytes", name.len());
        assert!(name.starts_with("ḱḱ") && name.ends_with(".txt"));
    }

    #[test]
    fn atomic_file_appears_only_on_commit() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.json");
        let mut file = AtomicFile::create(&path).unwrap();
        file.write_all(b"{}").unwrap();
        assert!(!path.exists());
        file.commit().unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "{}");
    }

    #[test]
    fn a_file_synced_while_written_is_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("records.jsonl");
        let mut file = AtomicFile::create(&path).unwrap();
        let line = b"{\"id\":\"a\",\"body\":[\"Kata dia.\"]}\n";
        let lines = 3 * SYNC_EVERY / line.len();
        for _ in 0..lines {
            file.write_all(line).unwrap();
        }
        file.commit().unwrap();
        let written = fs::read(&path).unwrap();
        assert_eq!(written.len(), lines * line.len());
        assert!(written.chunks(line.len()).all(|chunk| chunk == line));
    }

    #[test]
    fn a_prepared_file_is_listed_with_its_size_and_hash() {
        let dir = tempfile::tempdir().unwrap();
        let mut file = AtomicFile::create(&dir.path().join("out.txt")).unwrap();
        file.write_all(b"abc").unwrap();
        let (bytes, sha256) = file.prepare().unwrap().digest().unwrap();
        assert_eq!(bytes, 3);
        assert_eq!(
            sha256,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
