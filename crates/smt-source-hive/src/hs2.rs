//! A small HiveServer2 (TCLIService) client: open a session, run a statement, fetch every row as
//! text, close. Binary transport only; `NOSASL` (plain, unframed Thrift) or SASL `PLAIN` (what
//! the server expects for `NONE`, `LDAP` and `CUSTOM`), then 4-byte length-prefixed frames.

use std::time::Duration;

use smt_catalog::{Error, ErrorKind, Result, redact};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::thrift::{self, CALL, EXCEPTION, REPLY, Value, Writer, decode_message, ttype};

/// How the client authenticates at the transport level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hs2Auth {
    /// `hive.server2.authentication=NOSASL`: raw binary protocol, no SASL.
    NoSasl,
    /// SASL PLAIN (server `NONE`, `LDAP`, `CUSTOM`, `PAM`): user and password in the handshake.
    Plain,
}

/// The user name sent when `[db] user` is empty (what the Hive JDBC driver sends).
pub const ANONYMOUS: &str = "anonymous";

/// TProtocolVersion HIVE_CLI_SERVICE_PROTOCOL_V10; the server answers with the lower of its own
/// and this one.
const CLIENT_PROTOCOL: i32 = 9;
/// Rows per FetchResults call.
const FETCH_SIZE: i64 = 10_000;
/// Largest frame or reply accepted (a schema read never comes close).
const MAX_REPLY: usize = 256 << 20;

/// SASL negotiation status bytes.
const SASL_START: u8 = 1;
const SASL_OK: u8 = 2;
const SASL_BAD: u8 = 3;
const SASL_ERROR: u8 = 4;
const SASL_COMPLETE: u8 = 5;

/// A statement's result: every row, every cell as text (`None` for NULL).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ResultSet {
    /// The rows in server order.
    pub rows: Vec<Vec<Option<String>>>,
}

/// One open HiveServer2 session.
pub struct Hs2Client {
    stream: TcpStream,
    auth: Hs2Auth,
    address: String,
    timeout: Duration,
    seq: i32,
    session: Value,
    password: String,
    queries: u64,
}

impl std::fmt::Debug for Hs2Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Hs2Client")
            .field("address", &self.address)
            .field("auth", &self.auth)
            .finish()
    }
}

fn auth_hint(auth: Hs2Auth) -> &'static str {
    match auth {
        Hs2Auth::NoSasl => {
            "check `[db] authentication`: this client used `nosasl` (raw Thrift); a server \
             with hive.server2.authentication=NONE or LDAP needs `none` or `ldap` (SASL PLAIN)"
        }
        Hs2Auth::Plain => {
            "check `[db] authentication`: this client used SASL PLAIN (`none`/`ldap`); a server \
             with hive.server2.authentication=NOSASL needs `nosasl`"
        }
    }
}

impl Hs2Client {
    /// Connect, authenticate and open a session; every step under `timeout`.
    pub async fn connect(
        host: &str,
        port: u16,
        auth: Hs2Auth,
        user: &str,
        password: &str,
        timeout: Duration,
    ) -> Result<Self> {
        let address = format!("{host}:{port}");
        let stream = match tokio::time::timeout(timeout, TcpStream::connect((host, port))).await {
            Ok(Ok(s)) => s,
            Ok(Err(e)) => {
                return Err(Error::new(
                    ErrorKind::Connect,
                    format!("cannot connect to HiveServer2 at {address}: {e}"),
                ));
            }
            Err(_) => {
                return Err(Error::new(
                    ErrorKind::Connect,
                    format!(
                        "HiveServer2 at {address} did not accept a connection within {} s",
                        timeout.as_secs_f32()
                    ),
                ));
            }
        };
        let _ = stream.set_nodelay(true);
        let user = if user.is_empty() { ANONYMOUS } else { user };
        let mut client = Hs2Client {
            stream,
            auth,
            address,
            timeout,
            seq: 0,
            session: Value::Struct(Default::default()),
            password: password.to_string(),
            queries: 0,
        };
        if auth == Hs2Auth::Plain {
            let password = if password.is_empty() {
                ANONYMOUS
            } else {
                password
            };
            client.sasl_plain(user, password).await?;
        }
        // TOpenSessionReq { 1: client_protocol, 2: username, 3: password }
        let mut w = client.begin("OpenSession");
        w.i32_field(1, CLIENT_PROTOCOL);
        w.string_field(2, user);
        if !password.is_empty() {
            w.string_field(3, password);
        }
        let resp = match client.call("OpenSession", w).await {
            Ok(r) => r,
            Err(e)
                if e.kind() == ErrorKind::Connect
                    && !e.message().contains("[db] authentication") =>
            {
                return Err(Error::new(
                    ErrorKind::Connect,
                    format!("{}; {}", e.message(), auth_hint(auth)),
                ));
            }
            Err(e) => return Err(e),
        };
        client.check_status(&resp, "opening a session")?;
        client.session = resp
            .field(3)
            .cloned()
            .ok_or_else(|| client.protocol_error("OpenSession returned no session handle"))?;
        Ok(client)
    }

    /// The `host:port` this client talks to.
    pub fn address(&self) -> &str {
        &self.address
    }

    /// How many statements and metadata calls were sent.
    pub fn query_count(&self) -> u64 {
        self.queries
    }

    /// The server's `CLI_DBMS_NAME` and `CLI_DBMS_VER` (`Spark SQL 3.5.6`, `Apache Hive 2.3.9`).
    pub async fn server_version(&mut self) -> Result<String> {
        let mut parts = Vec::new();
        for info_type in [17, 18] {
            // TGetInfoReq { 1: sessionHandle, 2: infoType }
            let mut w = self.begin("GetInfo");
            w.value_field(1, &self.session.clone());
            w.i32_field(2, info_type);
            let resp = self.call("GetInfo", w).await?;
            self.check_status(&resp, "asking the server version")?;
            if let Some(s) = resp
                .field(2)
                .and_then(|v| v.field(1))
                .and_then(Value::as_string)
            {
                parts.push(s);
            }
        }
        Ok(parts.join(" "))
    }

    /// Run one statement and fetch all of its rows.
    pub async fn query(&mut self, sql: &str) -> Result<ResultSet> {
        self.queries += 1;
        // TExecuteStatementReq { 1: sessionHandle, 2: statement, 4: runAsync }
        let mut w = self.begin("ExecuteStatement");
        w.value_field(1, &self.session.clone());
        w.string_field(2, sql);
        w.bool_field(4, false);
        let resp = self.call("ExecuteStatement", w).await?;
        self.check_status(&resp, &format!("running `{}`", short(sql)))?;
        let Some(op) = resp.field(2).cloned() else {
            return Ok(ResultSet::default());
        };
        let has_results = op.field(3).and_then(Value::as_bool).unwrap_or(true);
        let mut out = ResultSet::default();
        if has_results {
            loop {
                // TFetchResultsReq { 1: operationHandle, 2: orientation, 3: maxRows }
                let mut w = self.begin("FetchResults");
                w.value_field(1, &op);
                w.i32_field(2, 0);
                w.i64_field(3, FETCH_SIZE);
                let resp = self.call("FetchResults", w).await?;
                self.check_status(&resp, &format!("fetching the rows of `{}`", short(sql)))?;
                let rows = resp.field(3).map(row_set).unwrap_or_default();
                let n = rows.len();
                let more = resp.field(2).and_then(Value::as_bool);
                out.rows.extend(rows);
                // A short batch ends the result unless the server says more rows follow
                // (Hive's `hasMoreRows` is not reliable when true is not sent).
                let short = i64::try_from(n).unwrap_or(i64::MAX) < FETCH_SIZE;
                if n == 0 || (short && more != Some(true)) || out.rows.len() > 10_000_000 {
                    break;
                }
            }
        }
        // TCloseOperationReq { 1: operationHandle }; failures here do not matter.
        let mut w = self.begin("CloseOperation");
        w.value_field(1, &op);
        let _ = self.call("CloseOperation", w).await;
        Ok(out)
    }

    /// Close the session (best effort).
    pub async fn close(mut self) {
        let mut w = self.begin("CloseSession");
        w.value_field(1, &self.session.clone());
        let _ = self.call("CloseSession", w).await;
        let _ = self.stream.shutdown().await;
    }

    fn begin(&mut self, method: &str) -> Writer {
        self.seq = self.seq.wrapping_add(1);
        let mut w = Writer::message(method, CALL, self.seq);
        w.field_begin(ttype::STRUCT, 1);
        w
    }

    fn protocol_error(&self, what: &str) -> Error {
        Error::new(
            ErrorKind::Query,
            format!("HiveServer2 at {}: {what}", self.address),
        )
    }

    fn transport_error(&self, what: impl std::fmt::Display) -> Error {
        Error::new(
            ErrorKind::Connect,
            redact(
                &format!("HiveServer2 at {}: {what}", self.address),
                &self.password,
            ),
        )
    }

    fn check_status(&self, resp: &Value, what: &str) -> Result<()> {
        let Some(status) = resp.field(1) else {
            return Err(self.protocol_error(&format!("no status while {what}")));
        };
        let code = status.field(1).and_then(Value::as_i64).unwrap_or(3);
        if code <= 1 {
            return Ok(());
        }
        let message = status
            .field(5)
            .and_then(Value::as_string)
            .unwrap_or_else(|| format!("status code {code}"));
        let sql_state = status.field(3).and_then(Value::as_string);
        let lower = message.to_ascii_lowercase();
        let state = sql_state.as_deref().unwrap_or("");
        let kind = if lower.contains("not found")
            || lower.contains("not_found")
            || lower.contains("cannot be found")
            || lower.contains("does not exist")
            || matches!(state, "42P01" | "42S02" | "42704" | "42000" if lower.contains("found"))
        {
            ErrorKind::NotFound
        } else if lower.contains("permission")
            || lower.contains("authoriz")
            || lower.contains("access denied")
        {
            ErrorKind::Permission
        } else if lower.contains("authentication") || lower.contains("password") {
            ErrorKind::Auth
        } else {
            ErrorKind::Query
        };
        let mut text = format!(
            "HiveServer2 at {}: {what}: {}",
            self.address,
            first_line(&message)
        );
        if let Some(s) = sql_state.filter(|s| !s.is_empty()) {
            text.push_str(&format!(" (SQLSTATE {s})"));
        }
        Err(Error::new(kind, redact(&text, &self.password)))
    }

    /// Send one call and read its reply struct (field 0 of the result).
    async fn call(&mut self, method: &str, mut w: Writer) -> Result<Value> {
        w.stop(); // end of the request struct
        w.stop(); // end of the args struct
        let timeout = self.timeout;
        let fut = async {
            self.send(&w.buf).await?;
            self.receive().await
        };
        let (header, body) = match tokio::time::timeout(timeout, fut).await {
            Ok(r) => r?,
            Err(_) => {
                return Err(self.transport_error(format!(
                    "no answer to {method} within {} s",
                    timeout.as_secs_f32()
                )));
            }
        };
        if header.kind == EXCEPTION {
            let msg = body
                .field(1)
                .and_then(Value::as_string)
                .unwrap_or_else(|| "application exception".into());
            return Err(self.protocol_error(&format!("{method} failed: {msg}")));
        }
        if header.kind != REPLY || header.name != method {
            return Err(
                self.protocol_error(&format!("unexpected reply `{}` to {method}", header.name))
            );
        }
        body.field(0)
            .cloned()
            .ok_or_else(|| self.protocol_error(&format!("{method} returned nothing")))
    }

    async fn send(&mut self, payload: &[u8]) -> Result<()> {
        let r = match self.auth {
            Hs2Auth::NoSasl => self.stream.write_all(payload).await,
            Hs2Auth::Plain => {
                let len = u32::try_from(payload.len()).unwrap_or(u32::MAX);
                let mut frame = Vec::with_capacity(payload.len() + 4);
                frame.extend_from_slice(&len.to_be_bytes());
                frame.extend_from_slice(payload);
                self.stream.write_all(&frame).await
            }
        };
        r.map_err(|e| self.transport_error(format!("cannot send: {e}")))
    }

    async fn receive(&mut self) -> Result<(thrift::Header, Value)> {
        match self.auth {
            Hs2Auth::Plain => {
                let mut len = [0u8; 4];
                self.read_exact(&mut len).await?;
                let n = u32::from_be_bytes(len) as usize;
                if n > MAX_REPLY {
                    return Err(self.transport_error(format!(
                        "frame of {n} bytes is not a HiveServer2 reply; {}",
                        auth_hint(self.auth)
                    )));
                }
                let mut buf = vec![0u8; n];
                self.read_exact(&mut buf).await?;
                match decode_message(&buf) {
                    Ok(Some(m)) => Ok(m),
                    Ok(None) => Err(self.transport_error("truncated reply frame")),
                    Err(e) => Err(self.transport_error(format!("bad reply: {}", e.0))),
                }
            }
            Hs2Auth::NoSasl => {
                let mut buf = Vec::new();
                let mut chunk = vec![0u8; 64 * 1024];
                loop {
                    let n = self
                        .stream
                        .read(&mut chunk)
                        .await
                        .map_err(|e| self.transport_error(format!("cannot read: {e}")))?;
                    if n == 0 {
                        return Err(self.transport_error(format!(
                            "the server closed the connection; {}",
                            auth_hint(self.auth)
                        )));
                    }
                    buf.extend_from_slice(&chunk[..n]);
                    match decode_message(&buf) {
                        Ok(Some(m)) => return Ok(m),
                        Ok(None) if buf.len() <= MAX_REPLY => continue,
                        Ok(None) => return Err(self.transport_error("reply too large")),
                        Err(e) => {
                            return Err(self.transport_error(format!(
                                "bad reply ({}); {}",
                                e.0,
                                auth_hint(self.auth)
                            )));
                        }
                    }
                }
            }
        }
    }

    async fn read_exact(&mut self, buf: &mut [u8]) -> Result<()> {
        match self.stream.read_exact(buf).await {
            Ok(_) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => Err(self.transport_error(
                format!("the server closed the connection; {}", auth_hint(self.auth)),
            )),
            Err(e) => Err(self.transport_error(format!("cannot read: {e}"))),
        }
    }

    /// SASL PLAIN negotiation: START "PLAIN", OK "\0user\0password", expect COMPLETE.
    async fn sasl_plain(&mut self, user: &str, password: &str) -> Result<()> {
        let mut out = Vec::new();
        sasl_frame(&mut out, SASL_START, b"PLAIN");
        let mut token = Vec::with_capacity(user.len() + password.len() + 2);
        token.push(0);
        token.extend_from_slice(user.as_bytes());
        token.push(0);
        token.extend_from_slice(password.as_bytes());
        sasl_frame(&mut out, SASL_OK, &token);
        let timeout = self.timeout;
        let fut = async {
            self.stream
                .write_all(&out)
                .await
                .map_err(|e| self.transport_error(format!("cannot send: {e}")))?;
            loop {
                let mut head = [0u8; 5];
                self.read_exact(&mut head).await?;
                let status = head[0];
                let n = u32::from_be_bytes([head[1], head[2], head[3], head[4]]) as usize;
                if n > 1 << 20 || !(SASL_START..=SASL_COMPLETE).contains(&status) {
                    return Err(self.transport_error(format!(
                        "the SASL handshake got a non-SASL answer; {}",
                        auth_hint(self.auth)
                    )));
                }
                let mut payload = vec![0u8; n];
                self.read_exact(&mut payload).await?;
                match status {
                    SASL_COMPLETE => return Ok(()),
                    SASL_BAD | SASL_ERROR => {
                        let msg = String::from_utf8_lossy(&payload).into_owned();
                        return Err(Error::new(
                            ErrorKind::Auth,
                            redact(
                                &format!(
                                    "HiveServer2 at {} rejected the SASL PLAIN login of user `{user}`: {msg}",
                                    self.address
                                ),
                                password,
                            ),
                        ));
                    }
                    // PLAIN has no further challenge: answer an empty response.
                    _ => {
                        let mut out = Vec::new();
                        sasl_frame(&mut out, SASL_OK, b"");
                        self.stream
                            .write_all(&out)
                            .await
                            .map_err(|e| self.transport_error(format!("cannot send: {e}")))?;
                    }
                }
            }
        };
        match tokio::time::timeout(timeout, fut).await {
            Ok(r) => r,
            Err(_) => Err(self.transport_error(format!(
                "no answer to the SASL handshake within {} s; {}",
                timeout.as_secs_f32(),
                auth_hint(self.auth)
            ))),
        }
    }
}

fn sasl_frame(out: &mut Vec<u8>, status: u8, payload: &[u8]) {
    out.push(status);
    out.extend_from_slice(&u32::try_from(payload.len()).unwrap_or(0).to_be_bytes());
    out.extend_from_slice(payload);
}

fn short(sql: &str) -> String {
    let one: String = sql.split_whitespace().collect::<Vec<_>>().join(" ");
    if one.chars().count() > 80 {
        format!("{}...", one.chars().take(80).collect::<String>())
    } else {
        one
    }
}

fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or(s).trim()
}

/// Decode a TRowSet (row-based before protocol V6, column-based after) into text rows.
fn row_set(rs: &Value) -> Vec<Vec<Option<String>>> {
    if let Some(cols) = rs.field(3).map(Value::as_list).filter(|c| !c.is_empty()) {
        let columns: Vec<Vec<Option<String>>> = cols.iter().map(column_values).collect();
        let n = columns.iter().map(Vec::len).max().unwrap_or(0);
        return (0..n)
            .map(|i| {
                columns
                    .iter()
                    .map(|c| c.get(i).cloned().flatten())
                    .collect()
            })
            .collect();
    }
    rs.field(2)
        .map(Value::as_list)
        .unwrap_or_default()
        .iter()
        .map(|row| {
            row.field(1)
                .map(Value::as_list)
                .unwrap_or_default()
                .iter()
                .map(|cell| cell.union().and_then(|(_, v)| v.field(1)).and_then(text))
                .collect()
        })
        .collect()
}

/// One TColumn (a union of typed columns with a null bitmap) as text cells.
fn column_values(col: &Value) -> Vec<Option<String>> {
    let Some((_, typed)) = col.union() else {
        return Vec::new();
    };
    let nulls = typed.field(2).and_then(Value::as_bytes).unwrap_or(&[]);
    typed
        .field(1)
        .map(Value::as_list)
        .unwrap_or_default()
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let is_null = nulls.get(i / 8).is_some_and(|b| b & (1 << (i % 8)) != 0);
            if is_null { None } else { text(v) }
        })
        .collect()
}

fn text(v: &Value) -> Option<String> {
    match v {
        Value::Bool(b) => Some(b.to_string()),
        Value::Bytes(b) => Some(String::from_utf8_lossy(b).into_owned()),
        Value::Double(d) => Some(d.to_string()),
        other => other.as_i64().map(|i| i.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn s(x: &str) -> Value {
        Value::Bytes(x.as_bytes().to_vec())
    }

    fn st(fields: Vec<(i16, Value)>) -> Value {
        Value::Struct(fields.into_iter().collect::<BTreeMap<_, _>>())
    }

    #[test]
    fn columnar_row_set_with_nulls() {
        let strings = st(vec![(
            7,
            st(vec![
                (1, Value::List(vec![s("a"), s(""), s("c")])),
                (2, Value::Bytes(vec![0b010])),
            ]),
        )]);
        let ints = st(vec![(
            4,
            st(vec![
                (
                    1,
                    Value::List(vec![Value::I32(1), Value::I32(2), Value::I32(3)]),
                ),
                (2, Value::Bytes(vec![])),
            ]),
        )]);
        let rs = st(vec![
            (1, Value::I64(0)),
            (2, Value::List(vec![])),
            (3, Value::List(vec![strings, ints])),
        ]);
        assert_eq!(
            row_set(&rs),
            vec![
                vec![Some("a".into()), Some("1".into())],
                vec![None, Some("2".into())],
                vec![Some("c".into()), Some("3".into())],
            ]
        );
    }

    #[test]
    fn row_based_row_set() {
        let row = st(vec![(
            1,
            Value::List(vec![
                st(vec![(7, st(vec![(1, s("x"))]))]),
                st(vec![(7, st(vec![]))]),
                st(vec![(1, st(vec![(1, Value::Bool(true))]))]),
            ]),
        )]);
        let rs = st(vec![(1, Value::I64(0)), (2, Value::List(vec![row]))]);
        assert_eq!(
            row_set(&rs),
            vec![vec![Some("x".into()), None, Some("true".into())]]
        );
    }
}
