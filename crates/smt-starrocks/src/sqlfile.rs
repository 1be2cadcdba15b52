//! A result file being written through a [`FileStream`]: buffered, flushed in chunks.

use smt_ir::{FileId, FileStream};

use crate::ddl::EmitError;
use crate::quote::push_ident;

/// Flush a file's buffer once it holds this much.
const FLUSH_AT: usize = 64 * 1024;

/// One SQL file being written: statements joined as the original tool does, `;\n\n` between
/// statements and `;\n` at the end; text before the first statement (a header comment) as is.
pub(crate) struct SqlFile {
    id: FileId,
    buf: String,
    started: bool,
}

impl SqlFile {
    /// Open `name`, starting with `preamble` as a first statement when given.
    pub(crate) fn open(
        stream: &mut dyn FileStream,
        name: &str,
        preamble: Option<&str>,
    ) -> Result<SqlFile, EmitError> {
        let mut f = SqlFile {
            id: stream.open(name)?,
            buf: String::with_capacity(FLUSH_AT + 8 * 1024),
            started: false,
        };
        if let Some(p) = preamble {
            f.stmt(stream, p)?;
        }
        Ok(f)
    }

    /// Text that is not a statement (a comment block), written as is before the statements.
    pub(crate) fn text(&mut self, text: &str) {
        self.buf.push_str(text);
    }

    fn begin(&mut self) {
        if self.started {
            self.buf.push_str(";\n\n");
        }
        self.started = true;
    }

    fn flush_if_full(&mut self, stream: &mut dyn FileStream) -> Result<(), EmitError> {
        if self.buf.len() >= FLUSH_AT {
            stream.write(self.id, &self.buf)?;
            self.buf.clear();
        }
        Ok(())
    }

    /// Append one statement (without its `;`).
    pub(crate) fn stmt(
        &mut self,
        stream: &mut dyn FileStream,
        stmt: &str,
    ) -> Result<(), EmitError> {
        self.begin();
        self.buf.push_str(stmt);
        self.flush_if_full(stream)
    }

    /// Append `CREATE DATABASE IF NOT EXISTS <db>`.
    pub(crate) fn create_database(
        &mut self,
        stream: &mut dyn FileStream,
        db: &str,
    ) -> Result<(), EmitError> {
        self.begin();
        self.buf.push_str("CREATE DATABASE IF NOT EXISTS ");
        push_ident(&mut self.buf, db);
        self.flush_if_full(stream)
    }

    /// End the last statement, write what is buffered and close the file.
    pub(crate) fn close(
        mut self,
        stream: &mut dyn FileStream,
        secret: bool,
    ) -> Result<(), EmitError> {
        if self.started {
            self.buf.push_str(";\n");
        }
        if !self.buf.is_empty() {
            stream.write(self.id, &self.buf)?;
        }
        stream.close(self.id, secret)?;
        Ok(())
    }
}
