//! Writing the result folder atomically.
//!
//! The files are written into a temporary folder beside the target, which is then swapped in
//! with two renames. A failure at any point leaves the previous result folder untouched. A folder
//! smt did not write (no marker file) is never replaced unless forced.

use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use smt_ir::{FileId, FileStream, OutputFile, SinkError};

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

/// Fail unless smt may write `dir`: it is not a file, and it does not exist, is empty, carries
/// smt's marker, or `force` is set.
pub fn check_replaceable(dir: &Path, force: bool) -> Result<()> {
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
    Ok(())
}

/// Whether smt may replace `dir`: it does not exist, is empty, or carries smt's marker.
pub fn replaceable(dir: &Path) -> Result<bool> {
    match fs::read_dir(dir) {
        Ok(mut entries) => Ok(dir.join(MARKER).is_file() || entries.next().is_none()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(true),
        Err(e) => Err(io_err("read", dir, e)),
    }
}

fn check_name(name: &str) -> Result<()> {
    if name.is_empty() || name.contains('/') || name.contains('\\') || name.starts_with('.') {
        return Err(Error::Output(format!("bad output file name {name}")));
    }
    Ok(())
}

/// Size of the write buffer of a streamed file.
const STREAM_BUFFER: usize = 64 * 1024;

/// A file being written by a [`DirStream`]: its path and buffered handle.
type OpenFile = (PathBuf, BufWriter<fs::File>);

/// A [`FileStream`] into a folder (or nowhere, for a dry run), from [`ResultWriter::stream`].
///
/// Files are created with mode 0600 and relaxed to 0644 when closed without a secret. The first
/// failure is kept ([`DirStream::take_error`]) so the caller can report it as it happened.
#[derive(Debug)]
pub struct DirStream {
    dir: Option<PathBuf>,
    open: Vec<Option<(String, Option<OpenFile>)>>,
    names: Vec<String>,
    error: Option<Error>,
    /// Mode a file without secrets gets when closed (it is created 0600).
    public_mode: u32,
}

/// 0644 less the umask, as a file created with mode 0644 gets: found by creating a probe file
/// in `dir` (the umask cannot be read without changing it).
fn public_mode(dir: &Path) -> Result<u32> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        let probe = dir.join(".smt-mode-probe");
        let f = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o644)
            .open(&probe)
            .map_err(|e| io_err("create", &probe, e))?;
        let mode = f
            .metadata()
            .map_err(|e| io_err("read", &probe, e))?
            .permissions()
            .mode()
            & 0o777;
        drop(f);
        fs::remove_file(&probe).map_err(|e| io_err("remove", &probe, e))?;
        Ok(mode)
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(0o644)
    }
}

impl DirStream {
    /// A stream into `dir`; `None` writes nothing and only records the names.
    pub fn new(dir: Option<PathBuf>) -> Self {
        DirStream {
            dir,
            open: Vec::new(),
            names: Vec::new(),
            error: None,
            public_mode: 0o644,
        }
    }

    /// Names of the files closed so far, in closing order.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// Consume the stream: the names of the closed files.
    pub fn into_names(self) -> Vec<String> {
        self.names
    }

    /// The first error the stream met, if any.
    pub fn take_error(&mut self) -> Option<Error> {
        self.error.take()
    }

    fn fail(&mut self, e: Error) -> SinkError {
        let msg = e.to_string();
        if self.error.is_none() {
            self.error = Some(e);
        }
        SinkError(msg)
    }

    fn create(&self, name: &str) -> Result<Option<OpenFile>> {
        // A dry run writes nothing, and so checks no name (as before streaming).
        let Some(dir) = &self.dir else {
            return Ok(None);
        };
        check_name(name)?;
        let path = dir.join(name);
        let mut opts = fs::OpenOptions::new();
        opts.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            opts.mode(0o600);
        }
        let f = opts.open(&path).map_err(|e| io_err("create", &path, e))?;
        Ok(Some((path, BufWriter::with_capacity(STREAM_BUFFER, f))))
    }
}

impl FileStream for DirStream {
    fn open(&mut self, name: &str) -> std::result::Result<FileId, SinkError> {
        match self.create(name) {
            Ok(file) => {
                self.open.push(Some((name.to_string(), file)));
                Ok(FileId(self.open.len() - 1))
            }
            Err(e) => Err(self.fail(e)),
        }
    }

    fn write(&mut self, file: FileId, chunk: &str) -> std::result::Result<(), SinkError> {
        let res = match self.open.get_mut(file.0) {
            Some(Some((_, Some((path, w))))) => w
                .write_all(chunk.as_bytes())
                .map_err(|e| io_err("write", path, e)),
            Some(Some((_, None))) => Ok(()),
            _ => Err(Error::Output(format!(
                "write to a file that is not open ({})",
                file.0
            ))),
        };
        res.map_err(|e| self.fail(e))
    }

    fn close(&mut self, file: FileId, contains_secret: bool) -> std::result::Result<(), SinkError> {
        let res = match self.open.get_mut(file.0).and_then(Option::take) {
            Some((name, w)) => {
                finish_file(w, (!contains_secret).then_some(self.public_mode)).map(|()| name)
            }
            None => Err(Error::Output(format!(
                "close of a file that is not open ({})",
                file.0
            ))),
        };
        match res {
            Ok(name) => {
                self.names.push(name);
                Ok(())
            }
            Err(e) => Err(self.fail(e)),
        }
    }
}

/// Flush and sync a streamed file; `relax` is the mode of a file without secrets.
fn finish_file(w: Option<OpenFile>, relax: Option<u32>) -> Result<()> {
    let Some((path, w)) = w else {
        return Ok(());
    };
    let f = w
        .into_inner()
        .map_err(|e| io_err("write", &path, e.into_error()))?;
    f.sync_all().map_err(|e| io_err("write", &path, e))?;
    #[cfg(unix)]
    if let Some(mode) = relax {
        use std::os::unix::fs::PermissionsExt;
        f.set_permissions(fs::Permissions::from_mode(mode))
            .map_err(|e| io_err("write", &path, e))?;
    }
    #[cfg(not(unix))]
    let _ = relax;
    Ok(())
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
    /// Mode of a file without secrets: 0644 less the process umask.
    public_mode: u32,
}

impl ResultWriter {
    /// Check that `dir` may be replaced (or `force`) and create the temporary folder.
    pub fn begin(dir: &Path, force: bool) -> Result<Self> {
        check_replaceable(dir, force)?;
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
        let public_mode = public_mode(&tmp)?;
        Ok(ResultWriter {
            dir: dir.to_path_buf(),
            tmp,
            done: false,
            public_mode,
        })
    }

    /// Write one file into the temporary folder.
    pub fn add(&mut self, f: &OutputFile) -> Result<()> {
        check_name(&f.name)?;
        write_file(&self.tmp.join(&f.name), &f.contents, f.contains_secret)
    }

    /// Write one file into the temporary folder through `write`, without holding its contents.
    pub fn add_with(
        &mut self,
        name: &str,
        secret: bool,
        write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
    ) -> Result<()> {
        check_name(name)?;
        let path = self.tmp.join(name);
        let mut opts = fs::OpenOptions::new();
        opts.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            opts.mode(if secret { 0o600 } else { 0o644 });
        }
        let f = opts.open(&path).map_err(|e| io_err("create", &path, e))?;
        let mut w = BufWriter::with_capacity(STREAM_BUFFER, f);
        write(&mut w).map_err(|e| io_err("write", &path, e))?;
        let f = w
            .into_inner()
            .map_err(|e| io_err("write", &path, e.into_error()))?;
        f.sync_all().map_err(|e| io_err("write", &path, e))
    }

    /// A [`FileStream`] writing files piece by piece into the temporary folder. Several streams
    /// may be used at once (one per emitter thread), for files of different names.
    pub fn stream(&self) -> DirStream {
        let mut st = DirStream::new(Some(self.tmp.clone()));
        st.public_mode = self.public_mode;
        st
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
    fn streams_files_in_pieces() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("result");
        let w = ResultWriter::begin(&out, false).unwrap();
        let mut st = w.stream();
        let a = st.open("a.sql").unwrap();
        let b = st.open("b.sql").unwrap();
        st.write(a, "one ").unwrap();
        st.write(b, "secret").unwrap();
        st.write(a, "two").unwrap();
        st.close(a, false).unwrap();
        st.close(b, true).unwrap();
        assert!(st.write(a, "late").is_err());
        assert!(st.open("../evil").is_err());
        assert!(st.take_error().is_some());
        assert_eq!(st.names(), ["a.sql", "b.sql"]);
        w.commit().unwrap();
        assert_eq!(fs::read_to_string(out.join("a.sql")).unwrap(), "one two");
        assert_eq!(fs::read_to_string(out.join("b.sql")).unwrap(), "secret");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |n: &str| fs::metadata(out.join(n)).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode("a.sql"), 0o644);
            assert_eq!(mode("b.sql"), 0o600);
        }
        // a dry-run stream only records the names
        let mut dry = DirStream::new(None);
        let f = dry.open("c.sql").unwrap();
        dry.write(f, "x").unwrap();
        dry.close(f, false).unwrap();
        assert_eq!(dry.into_names(), ["c.sql"]);
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
