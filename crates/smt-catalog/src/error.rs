//! One error type for every adapter.

use std::fmt;

/// What went wrong, broadly; callers choose exit codes and hints from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The server could not be reached (refused, unknown host, timeout).
    Connect,
    /// The server rejected the credentials.
    Auth,
    /// The user lacks a privilege the catalog queries need.
    Permission,
    /// A database, schema or table that was asked for does not exist.
    NotFound,
    /// A catalog query failed.
    Query,
    /// Input text (a dump, a type string) could not be parsed.
    Parse,
    /// The `[db]` settings are wrong or incomplete.
    Config,
    /// The feature or source is not supported (yet), or a client library is missing.
    Unsupported,
    /// A file could not be read.
    Io,
    /// Anything else.
    Other,
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = match self {
            ErrorKind::Connect => "cannot connect",
            ErrorKind::Auth => "authentication failed",
            ErrorKind::Permission => "missing privilege",
            ErrorKind::NotFound => "not found",
            ErrorKind::Query => "catalog query failed",
            ErrorKind::Parse => "cannot parse",
            ErrorKind::Config => "bad source configuration",
            ErrorKind::Unsupported => "not supported",
            ErrorKind::Io => "cannot read",
            ErrorKind::Other => "error",
        };
        f.write_str(s)
    }
}

/// An adapter error: a kind, a message, context lines (outermost last) and an optional cause.
///
/// Messages must never contain a password; adapters pass driver messages through [`redact`].
#[derive(Debug, thiserror::Error)]
pub struct Error {
    kind: ErrorKind,
    message: String,
    context: Vec<String>,
    #[source]
    source: Option<Box<dyn std::error::Error + Send + Sync>>,
}

/// Result with [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// A new error.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error {
            kind,
            message: message.into(),
            context: Vec::new(),
            source: None,
        }
    }

    /// Attach the underlying cause.
    pub fn with_source(mut self, source: impl std::error::Error + Send + Sync + 'static) -> Self {
        self.source = Some(Box::new(source));
        self
    }

    /// Add a context line, e.g. `while describing shop.orders`.
    pub fn context(mut self, context: impl Into<String>) -> Self {
        self.context.push(context.into());
        self
    }

    /// The kind.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The message without context.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for c in self.context.iter().rev() {
            write!(f, "{c}: ")?;
        }
        write!(f, "{}: {}", self.kind, self.message)
    }
}

/// Remove every occurrence of `secret` from `text` (no-op for an empty secret).
pub fn redact(text: &str, secret: &str) -> String {
    if secret.is_empty() {
        text.to_string()
    } else {
        text.replace(secret, "***")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_with_context() {
        let e = Error::new(ErrorKind::Connect, "connection refused")
            .context("connecting to 127.0.0.1:1")
            .context("reading mysql catalog");
        assert_eq!(
            e.to_string(),
            "reading mysql catalog: connecting to 127.0.0.1:1: cannot connect: connection refused"
        );
    }

    #[test]
    fn redacts() {
        assert_eq!(redact("bad pw s3cr3t", "s3cr3t"), "bad pw ***");
        assert_eq!(redact("x", ""), "x");
    }
}
