//! A small tokenizer for the statements the reader looks into, and comment removal.

use std::borrow::Cow;

use crate::split::Dialect;

/// Replace comments with spaces (keeping newlines and byte offsets), and unwrap MySQL versioned
/// comments (`/*!40101 SET x */` -> `         SET x   `), so that offsets and line numbers in
/// the result are those of the input.
pub(crate) fn clean(text: &str, dialect: Dialect) -> Cow<'_, str> {
    let mysql = dialect == Dialect::MySql;
    let has_comment = text.contains("--") || text.contains("/*") || (mysql && text.contains('#'));
    if !has_comment {
        return Cow::Borrowed(text);
    }
    let b = text.as_bytes();
    let mut out = b.to_vec();
    let blank = |out: &mut Vec<u8>, from: usize, to: usize| {
        for c in &mut out[from..to] {
            if *c != b'\n' {
                *c = b' ';
            }
        }
    };
    let mut i = 0;
    let mut versioned = 0usize;
    while i < b.len() {
        match b[i] {
            q @ (b'\'' | b'"' | b'`') => {
                i = skip_quoted(b, i, q, (mysql && q != b'`') || is_e_string(b, i));
            }
            b'$' if dialect == Dialect::Postgres => {
                i = skip_dollar(text, i).unwrap_or(i + 1);
            }
            b'-' if b.get(i + 1) == Some(&b'-')
                && (!mysql
                    || b.get(i + 2)
                        .is_none_or(|c| c.is_ascii_whitespace() || c.is_ascii_control())) =>
            {
                let end = eol(b, i);
                blank(&mut out, i, end);
                i = end;
            }
            b'#' if mysql => {
                let end = eol(b, i);
                blank(&mut out, i, end);
                i = end;
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                if mysql && b.get(i + 2) == Some(&b'!') {
                    let mut j = i + 3;
                    while j < b.len() && b[j].is_ascii_digit() {
                        j += 1;
                    }
                    blank(&mut out, i, j);
                    versioned += 1;
                    i = j;
                } else {
                    let end = block_end(b, i, dialect == Dialect::Postgres);
                    blank(&mut out, i, end);
                    i = end;
                }
            }
            b'*' if versioned > 0 && b.get(i + 1) == Some(&b'/') => {
                blank(&mut out, i, i + 2);
                versioned -= 1;
                i += 2;
            }
            _ => i += 1,
        }
    }
    // Only ASCII bytes outside quotes were replaced by spaces, and every byte of a comment,
    // so the result is still UTF-8 (a multi-byte character is either kept whole or blanked).
    match String::from_utf8(out) {
        Ok(s) => Cow::Owned(s),
        Err(_) => Cow::Borrowed(text),
    }
}

fn is_e_string(b: &[u8], i: usize) -> bool {
    i > 0
        && matches!(b[i - 1], b'E' | b'e')
        && (i < 2 || !(b[i - 2].is_ascii_alphanumeric() || b[i - 2] == b'_'))
}

fn eol(b: &[u8], i: usize) -> usize {
    b[i..]
        .iter()
        .position(|&c| c == b'\n')
        .map_or(b.len(), |n| i + n)
}

fn block_end(b: &[u8], i: usize, nested: bool) -> usize {
    let mut depth = 0usize;
    let mut j = i;
    while j < b.len() {
        if b[j] == b'/' && b.get(j + 1) == Some(&b'*') {
            if depth == 0 || nested {
                depth += 1;
            }
            j += 2;
        } else if b[j] == b'*' && b.get(j + 1) == Some(&b'/') {
            j += 2;
            depth = depth.saturating_sub(1);
            if depth == 0 {
                return j;
            }
        } else {
            j += 1;
        }
    }
    b.len()
}

/// Skip a quoted run starting at `i` (the quote); returns the offset after the closing quote.
fn skip_quoted(b: &[u8], i: usize, q: u8, backslash: bool) -> usize {
    let mut j = i + 1;
    while j < b.len() {
        let c = b[j];
        if backslash && c == b'\\' {
            j += 2;
            continue;
        }
        if c == q {
            if b.get(j + 1) == Some(&q) {
                j += 2;
                continue;
            }
            return j + 1;
        }
        j += 1;
    }
    b.len()
}

/// A `$tag$...$tag$` string at `i`: the offset after it.
fn skip_dollar(text: &str, i: usize) -> Option<usize> {
    let b = text.as_bytes();
    let mut j = i + 1;
    while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'_') {
        j += 1;
    }
    if b.get(j) != Some(&b'$') || b.get(i + 1).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let tag = &text[i..=j];
    let body = j + 1;
    Some(match text[body..].find(tag) {
        Some(n) => body + n + tag.len(),
        None => b.len(),
    })
}

/// Token kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A bare word (keyword or unquoted identifier).
    Word,
    /// A quoted identifier (`` `x` ``, `"x"` outside MySQL, `[x]` in the generic dialect).
    QuotedIdent,
    /// A string literal (`'x'`, MySQL `"x"`, PostgreSQL `E'x'` and `$$x$$`).
    Str,
    /// A number.
    Num,
    /// One punctuation byte.
    Punct,
}

/// A token: kind and byte range in the statement text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Tok {
    /// The kind.
    pub kind: Kind,
    /// Start offset.
    pub start: usize,
    /// End offset (exclusive).
    pub end: usize,
}

impl Tok {
    /// The token's text.
    pub(crate) fn text<'a>(&self, src: &'a str) -> &'a str {
        src.get(self.start..self.end).unwrap_or("")
    }

    /// Whether this is the bare word `w` (case-insensitive).
    pub(crate) fn is_word(&self, src: &str, w: &str) -> bool {
        self.kind == Kind::Word && self.text(src).eq_ignore_ascii_case(w)
    }

    /// Whether this is the punctuation byte `c`.
    pub(crate) fn is_punct(&self, src: &str, c: u8) -> bool {
        self.kind == Kind::Punct && src.as_bytes().get(self.start) == Some(&c)
    }
}

/// Tokenize a (cleaned) statement. Comments must have been removed with [`clean`].
pub(crate) fn tokenize(src: &str, dialect: Dialect) -> Vec<Tok> {
    tokenize_limit(src, dialect, usize::MAX)
}

/// Tokenize at most `max` tokens.
pub(crate) fn tokenize_limit(src: &str, dialect: Dialect, max: usize) -> Vec<Tok> {
    let b = src.as_bytes();
    let mut out = Vec::with_capacity(max.min(src.len() / 4 + 1));
    let mut i = 0;
    let mysql = dialect == Dialect::MySql;
    while i < b.len() {
        let c = b[i];
        let start = i;
        let kind = match c {
            c if c.is_ascii_whitespace() => {
                i += 1;
                continue;
            }
            b'\'' => {
                i = skip_quoted(b, i, b'\'', mysql);
                Kind::Str
            }
            b'"' if mysql => {
                i = skip_quoted(b, i, b'"', true);
                Kind::Str
            }
            b'"' => {
                i = skip_quoted(b, i, b'"', false);
                Kind::QuotedIdent
            }
            b'`' => {
                i = skip_quoted(b, i, b'`', false);
                Kind::QuotedIdent
            }
            b'[' if dialect == Dialect::Generic && b.get(i + 1).is_some_and(|&n| n != b']') => {
                i = b[i..]
                    .iter()
                    .position(|&x| x == b']')
                    .map_or(b.len(), |n| i + n + 1);
                Kind::QuotedIdent
            }
            b'$' if dialect == Dialect::Postgres => match skip_dollar(src, i) {
                Some(end) => {
                    i = end;
                    Kind::Str
                }
                None => {
                    i += 1;
                    while i < b.len() && b[i].is_ascii_digit() {
                        i += 1;
                    }
                    Kind::Word
                }
            },
            b'E' | b'e' if dialect == Dialect::Postgres && b.get(i + 1) == Some(&b'\'') => {
                i = skip_quoted(b, i + 1, b'\'', true);
                Kind::Str
            }
            c if c.is_ascii_digit()
                || (c == b'.' && b.get(i + 1).is_some_and(u8::is_ascii_digit)) =>
            {
                while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'.') {
                    // Exponent sign.
                    if matches!(b[i], b'e' | b'E') && matches!(b.get(i + 1), Some(b'+' | b'-')) {
                        i += 1;
                    }
                    i += 1;
                }
                Kind::Num
            }
            c if c.is_ascii_alphabetic() || c == b'_' || c >= 0x80 || c == b'@' => {
                while i < b.len() && b[i] == b'@' {
                    i += 1;
                }
                while i < b.len()
                    && (b[i].is_ascii_alphanumeric()
                        || b[i] == b'_'
                        || b[i] == b'$'
                        || b[i] >= 0x80)
                {
                    i += 1;
                }
                if i == start {
                    i += 1;
                }
                Kind::Word
            }
            _ => {
                i += 1;
                // Keep UTF-8 boundaries for odd punctuation.
                while i < b.len() && !src.is_char_boundary(i) {
                    i += 1;
                }
                Kind::Punct
            }
        };
        out.push(Tok {
            kind,
            start,
            end: i.min(b.len()),
        });
        if out.len() >= max {
            break;
        }
    }
    out
}

/// Unquote an identifier token. Bare words are lower-cased when `fold` (PostgreSQL).
pub(crate) fn ident(tok: &Tok, src: &str, fold: bool) -> String {
    let t = tok.text(src);
    match tok.kind {
        Kind::QuotedIdent | Kind::Str => {
            let q = t.chars().next().unwrap_or('"');
            let close = if q == '[' { ']' } else { q };
            let inner = t
                .strip_prefix(q)
                .and_then(|s| s.strip_suffix(close))
                .unwrap_or(t);
            let doubled: String = [close, close].iter().collect();
            inner.replace(&doubled, &close.to_string())
        }
        _ if fold => t.to_lowercase(),
        _ => t.to_string(),
    }
}

/// The value of a string token (`'it''s'`, MySQL `'it\'s'`, `E'..'`, `$$..$$`), with an optional
/// charset introducer or `N` prefix already separate.
pub(crate) fn string(tok: &Tok, src: &str, dialect: Dialect) -> Option<String> {
    if tok.kind != Kind::Str {
        return None;
    }
    let t = tok.text(src);
    if let Some(rest) = t.strip_prefix('$') {
        let close = rest.find('$')?;
        let tag = &t[..close + 2];
        return Some(t.strip_prefix(tag)?.strip_suffix(tag)?.to_string());
    }
    let (body, backslash) = match t.strip_prefix(['E', 'e']) {
        Some(rest) => (rest, true),
        None => (t, dialect == Dialect::MySql),
    };
    let q = body.chars().next()?;
    let inner = body.strip_prefix(q)?.strip_suffix(q)?;
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        if c == q && chars.peek() == Some(&q) {
            chars.next();
            out.push(q);
        } else if c == '\\' && backslash {
            match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some('r') => out.push('\r'),
                Some('0') => out.push('\0'),
                Some('b') => out.push('\u{8}'),
                Some('Z') => out.push('\u{1a}'),
                Some(e @ ('%' | '_')) if dialect == Dialect::MySql => {
                    out.push('\\');
                    out.push(e);
                }
                Some(e) => out.push(e),
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    Some(out)
}

/// Index of the token closing the parenthesis opened at `open`.
pub(crate) fn matching(toks: &[Tok], src: &str, open: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (i, t) in toks.iter().enumerate().skip(open) {
        if t.is_punct(src, b'(') {
            depth += 1;
        } else if t.is_punct(src, b')') {
            depth = depth.checked_sub(1)?;
            if depth == 0 {
                return Some(i);
            }
        }
    }
    None
}

/// Split `toks` at top-level commas.
pub(crate) fn split_commas<'t>(toks: &'t [Tok], src: &str) -> Vec<&'t [Tok]> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    for (i, t) in toks.iter().enumerate() {
        if t.is_punct(src, b'(') {
            depth += 1;
        } else if t.is_punct(src, b')') {
            depth -= 1;
        } else if depth == 0 && t.is_punct(src, b',') {
            out.push(&toks[start..i]);
            start = i + 1;
        }
    }
    if start < toks.len() {
        out.push(&toks[start..]);
    }
    out
}

/// The source text spanned by a run of tokens, with whitespace runs collapsed to one space.
pub(crate) fn span_text(toks: &[Tok], src: &str) -> String {
    let (Some(first), Some(last)) = (toks.first(), toks.last()) else {
        return String::new();
    };
    let raw = src.get(first.start..last.end).unwrap_or("");
    let mut out = String::with_capacity(raw.len());
    let mut prev_space = false;
    // Collapse whitespace outside quotes only.
    let mut quote: Option<char> = None;
    for c in raw.chars() {
        if let Some(q) = quote {
            out.push(c);
            if c == q {
                quote = None;
            }
            continue;
        }
        if c.is_whitespace() {
            if !prev_space {
                out.push(' ');
            }
            prev_space = true;
            continue;
        }
        prev_space = false;
        if matches!(c, '\'' | '"' | '`') {
            quote = Some(c);
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn clean_keeps_offsets() {
        let s = "CREATE /* c */ TABLE t (a int -- x\n) /*!50100 PARTITION BY HASH(a) */ # h\n";
        let c = clean(s, Dialect::MySql);
        assert_eq!(c.len(), s.len());
        assert_eq!(
            c.as_ref(),
            "CREATE         TABLE t (a int     \n)          PARTITION BY HASH(a)       \n"
        );
        let q = "SELECT '/* not */', `#x` -- é\n";
        assert_eq!(
            clean(q, Dialect::MySql).as_ref(),
            "SELECT '/* not */', `#x`      \n"
        );
        let pg = "SELECT $$ -- x $$, /* a /* b */ c */ 1";
        let c = clean(pg, Dialect::Postgres);
        assert_eq!(c.len(), pg.len());
        assert!(c.starts_with("SELECT $$ -- x $$, "));
        assert!(c.ends_with(" 1") && !c.contains("/*") && !c.contains(" c "));
    }

    #[test]
    fn tokens_and_values() {
        let src = "`a``b` \"q\" 'it''s' 'x\\'y' 12.5e+3 _utf8mb4'z' @@v, x.y";
        let toks = tokenize(src, Dialect::MySql);
        let kinds: Vec<Kind> = toks.iter().map(|t| t.kind).collect();
        use Kind::*;
        assert_eq!(
            kinds,
            vec![
                QuotedIdent,
                Str,
                Str,
                Str,
                Num,
                Word,
                Str,
                Word,
                Punct,
                Word,
                Punct,
                Word
            ]
        );
        assert_eq!(ident(&toks[0], src, false), "a`b");
        assert_eq!(string(&toks[1], src, Dialect::MySql).unwrap(), "q");
        assert_eq!(string(&toks[2], src, Dialect::MySql).unwrap(), "it's");
        assert_eq!(string(&toks[3], src, Dialect::MySql).unwrap(), "x'y");
        let pg = "\"My \"\"T\"\"\" Foo E'a\\nb' $t$x'y$t$ 'a\\b'";
        let toks = tokenize(pg, Dialect::Postgres);
        assert_eq!(ident(&toks[0], pg, true), "My \"T\"");
        assert_eq!(ident(&toks[1], pg, true), "foo");
        assert_eq!(string(&toks[2], pg, Dialect::Postgres).unwrap(), "a\nb");
        assert_eq!(string(&toks[3], pg, Dialect::Postgres).unwrap(), "x'y");
        assert_eq!(string(&toks[4], pg, Dialect::Postgres).unwrap(), "a\\b");
    }

    #[test]
    fn commas_and_spans() {
        let src = "a int(10), b enum('x,y'), PRIMARY KEY (a, b)";
        let toks = tokenize(src, Dialect::MySql);
        let items = split_commas(&toks, src);
        assert_eq!(items.len(), 3);
        assert_eq!(span_text(items[1], src), "b enum('x,y')");
        let open = toks.iter().position(|t| t.is_punct(src, b'(')).unwrap();
        assert_eq!(matching(&toks, src, open), Some(open + 2));
        let s2 = "a  \n int( 3 ) 'x  y'";
        let t2 = tokenize(s2, Dialect::MySql);
        assert_eq!(span_text(&t2, s2), "a int( 3 ) 'x  y'");
    }
}
