//! Writing the result folder atomically.
//!
//! The files are written into a temporary folder beside the target, which is then swapped in
//! with two renames. A failure at any point leaves the previous result folder untouched. A folder
//! smt did not write (no marker file) is never replaced unless forced.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use smt_ir::OutputFile;

use crate::{Error, Result};

/// Name of the marker file smt leaves in every result folder it writes.
pub const MARKER: &str = ".smt-result";

fn io_err(action: &str, path: &Path, e: std::io::Error) -> Error {
    Error::Output(format!("cannot {action} {}: {e}", path.display()))
}

fn sibling(dir: &Path, tag: &str) -> Result<PathBuf> {
    let name = dir
        .file_name()
        .ok_or_else(|| Error::Output(format!("{} is not a folder name", dir.display())))?;
    let parent = dir.parent().unwrap_or(Path::new("."));
    Ok(parent.join(format!(
        ".{}.{tag}-{}",
        name.to_string_lossy(),
        std::process::id()
    )))
}

/// Whether smt may replace `dir`: it does not exist, is empty, or carries smt's marker.
pub fn replaceable(dir: &Path) -> Result<bool> {
    match fs::read_dir(dir) {
        Ok(mut entries) => Ok(dir.join(MARKER).is_file() || entries.next().is_none()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(true),
        Err(e) => Err(io_err("read", dir, e)),
    }
}

fn write_file(path: &Path, contents: &str, secret: bool) -> Result<()> {
    let mut opts = fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(if secret { 0o600 } else { 0o644 });
    }
    let mut f = opts.open(path).map_err(|e| io_err("create", path, e))?;
    f.write_all(contents.as_bytes())
        .and_then(|()| f.sync_all())
        .map_err(|e| io_err("write", path, e))
}

/// Write `files` into `dir`, replacing a previous smt result atomically.
pub fn write_result(dir: &Path, files: &[OutputFile], force: bool) -> Result<()> {
    let mut w = ResultWriter::begin(dir, force)?;
    for f in files {
        w.add(f)?;
    }
    w.commit()
}

/// An result folder being written: files go into a temporary folder beside `dir`, and
/// [`commit`](ResultWriter::commit) swaps it in. Dropped without a commit, it removes the
/// temporary folder and leaves `dir` as it was.
#[derive(Debug)]
pub struct ResultWriter {
    dir: PathBuf,
    tmp: PathBuf,
    done: bool,
}

impl ResultWriter {
    /// Check that `dir` may be replaced (or `force`) and create the temporary folder.
    pub fn begin(dir: &Path, force: bool) -> Result<Self> {
        if dir.exists() && !dir.is_dir() {
            return Err(Error::Output(format!(
                "{} exists and is not a folder",
                dir.display()
            )));
        }
        if !force && !replaceable(dir)? {
            return Err(Error::Output(format!(
                "refusing to replace {}: it was not written by smt (no {MARKER} file); \
                 choose another output folder or pass --force",
                dir.display()
            )));
        }
        let parent = match dir.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        fs::create_dir_all(&parent).map_err(|e| io_err("create", &parent, e))?;
        let tmp = sibling(dir, "smt-tmp")?;
        if tmp.exists() {
            fs::remove_dir_all(&tmp).map_err(|e| io_err("remove", &tmp, e))?;
        }
        fs::create_dir(&tmp).map_err(|e| io_err("create", &tmp, e))?;
        Ok(ResultWriter {
            dir: dir.to_path_buf(),
            tmp,
            done: false,
        })
    }

    /// Write one file into the temporary folder.
    pub fn add(&mut self, f: &OutputFile) -> Result<()> {
        if f.name.is_empty()
            || f.name.contains('/')
            || f.name.contains('\\')
            || f.name.starts_with('.')
        {
            return Err(Error::Output(format!("bad output file name {}", f.name)));
        }
        write_file(&self.tmp.join(&f.name), &f.contents, f.contains_secret)
    }

    /// Write the marker and swap the temporary folder into place.
    pub fn commit(mut self) -> Result<()> {
        write_file(
            &self.tmp.join(MARKER),
            "This folder was written by smt; `smt generate` replaces it as a whole.\n",
            false,
        )?;
        let (dir, tmp) = (&self.dir, &self.tmp);
        if dir.exists() {
            let old = sibling(dir, "smt-old")?;
            if old.exists() {
                fs::remove_dir_all(&old).map_err(|e| io_err("remove", &old, e))?;
            }
            fs::rename(dir, &old).map_err(|e| io_err("move aside", dir, e))?;
            if let Err(e) = fs::rename(tmp, dir) {
                let _ = fs::rename(&old, dir);
                return Err(io_err("move into place", dir, e));
            }
            let _ = fs::remove_dir_all(&old);
        } else {
            fs::rename(tmp, dir).map_err(|e| io_err("move into place", dir, e))?;
        }
        self.done = true;
        Ok(())
    }
}

impl Drop for ResultWriter {
    fn drop(&mut self) {
        if !self.done {
            let _ = fs::remove_dir_all(&self.tmp);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(name: &str, body: &str, secret: bool) -> OutputFile {
        OutputFile {
            name: name.into(),
            contents: body.into(),
            contains_secret: secret,
        }
    }

    #[test]
    fn writes_and_replaces() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("result");
        write_result(&out, &[file("a.sql", "one", false)], false).unwrap();
        assert_eq!(fs::read_to_string(out.join("a.sql")).unwrap(), "one");
        write_result(&out, &[file("b.sql", "two", true)], false).unwrap();
        assert!(!out.join("a.sql").exists());
        assert_eq!(fs::read_to_string(out.join("b.sql")).unwrap(), "two");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(out.join("b.sql"))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        // No temporary folders left behind.
        let names: Vec<_> = fs::read_dir(tmp.path()).unwrap().collect();
        assert_eq!(names.len(), 1);
    }

    #[test]
    fn refuses_foreign_folder() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("mine");
        fs::create_dir(&out).unwrap();
        fs::write(out.join("precious.txt"), "keep").unwrap();
        let err = write_result(&out, &[file("a.sql", "x", false)], false).unwrap_err();
        assert!(err.to_string().contains("not written by smt"));
        assert!(out.join("precious.txt").exists());
        write_result(&out, &[file("a.sql", "x", false)], true).unwrap();
        assert!(!out.join("precious.txt").exists());
    }

    #[test]
    fn bad_name_leaves_previous_result() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("result");
        write_result(&out, &[file("a.sql", "one", false)], false).unwrap();
        let err = write_result(&out, &[file("../evil", "x", false)], false).unwrap_err();
        assert!(err.to_string().contains("bad output file name"));
        assert_eq!(fs::read_to_string(out.join("a.sql")).unwrap(), "one");
    }
}
