//! Writing results: atomically (a reader never sees half a file, and a failed run leaves the
//! previous output in place) and with file names that article text cannot subvert.

use std::collections::HashSet;
use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

/// A file that appears under its name only when [`AtomicFile::commit`] is called.
pub struct AtomicFile {
    path: PathBuf,
    writer: BufWriter<NamedTempFile>,
}

impl AtomicFile {
    pub fn create(path: &Path) -> io::Result<AtomicFile> {
        let dir = match path.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir,
            _ => Path::new("."),
        };
        fs::create_dir_all(dir)?;
        let temp = NamedTempFile::new_in(dir)?;
        Ok(AtomicFile {
            path: path.to_path_buf(),
            writer: BufWriter::new(temp),
        })
    }

    pub fn commit(self) -> io::Result<()> {
        let temp = self.writer.into_inner().map_err(|e| e.into_error())?;
        temp.as_file().sync_all()?;
        // temporary files are private; a result is as readable as any file the user writes
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            temp.as_file()
                .set_permissions(fs::Permissions::from_mode(0o644))?;
        }
        temp.persist(&self.path).map_err(|e| e.error)?;
        Ok(())
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.writer.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.writer.flush()
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

fn sanitize(id: &str) -> String {
    let cleaned: String = id
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .take(100)
        .collect();
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

    #[test]
    fn names_are_safe_and_distinct() {
        let mut namer = FileNamer::default();
        assert_eq!(namer.name("../../etc/passwd", "txt"), "_.._etc_passwd.txt");
        assert_eq!(namer.name("a/b", "txt"), "a_b.txt");
        assert_eq!(namer.name("a:b", "txt"), "a_b-2.txt");
        assert_eq!(namer.name("", "txt"), "article.txt");
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
}
