//! The Hive Metastore backend: the `hive_metastore` thrift client (buffered binary protocol,
//! no SASL), every call under our own timeout.

use std::collections::BTreeMap;
use std::fmt::Debug;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use hive_metastore::{ThriftHiveMetastoreClient, ThriftHiveMetastoreClientBuilder};
use pilota::FastStr;
use smt_catalog::{Error, ErrorKind, Result};
use volo_thrift::MaybeException;

use crate::raw::{RawColumn, RawTable};

/// How many tables one `get_table_objects_by_name` call asks for.
const BULK: usize = 500;

/// One metastore connection.
pub(crate) struct Metastore {
    client: ThriftHiveMetastoreClient,
    /// `thrift://host:port` as configured.
    pub uri: String,
    address: String,
    timeout: Duration,
    calls: AtomicU64,
}

/// A `thrift://host:port` URI split into host and port (9083 when absent).
pub(crate) fn parse_uri(uri: &str) -> Result<(String, u16)> {
    let rest = uri.trim();
    let rest = rest
        .strip_prefix("thrift://")
        .ok_or_else(|| {
            Error::new(
                ErrorKind::Config,
                format!("metastore URI `{rest}` must look like thrift://host:9083"),
            )
        })?
        .trim_end_matches('/');
    let (host, port) = match rest.rsplit_once(':') {
        Some((h, p)) if !h.ends_with(']') || h.starts_with('[') => {
            let port = p.parse::<u16>().map_err(|_| {
                Error::new(
                    ErrorKind::Config,
                    format!("metastore URI `{uri}` has a bad port `{p}`"),
                )
            })?;
            (h.trim_matches(|c| c == '[' || c == ']').to_string(), port)
        }
        _ => (rest.to_string(), 9083),
    };
    if host.is_empty() {
        return Err(Error::new(
            ErrorKind::Config,
            format!("metastore URI `{uri}` has no host"),
        ));
    }
    Ok((host, port))
}

/// Text of a thrift exception (the generated types only implement `Debug`).
fn exception_text(e: &impl Debug) -> String {
    let s = format!("{e:?}");
    // `O1(MetaException { message: Some("...") })` -> the message.
    if let Some(i) = s.find("message: Some(\"") {
        let rest = &s[i + 15..];
        if let Some(j) = rest.find("\")") {
            return rest[..j].replace("\\\"", "\"");
        }
    }
    s
}

impl Metastore {
    /// Resolve and connect to one `thrift://host:port`, checking it answers `get_all_databases`.
    pub async fn connect(uri: &str, timeout: Duration) -> Result<(Self, Vec<String>)> {
        let (host, port) = parse_uri(uri)?;
        let address = format!("{host}:{port}");
        let addrs: Vec<SocketAddr> =
            match tokio::time::timeout(timeout, tokio::net::lookup_host((host.as_str(), port)))
                .await
            {
                Ok(Ok(a)) => a.collect(),
                Ok(Err(e)) => {
                    return Err(Error::new(
                        ErrorKind::Connect,
                        format!("cannot resolve the Hive Metastore host `{host}`: {e}"),
                    ));
                }
                Err(_) => {
                    return Err(Error::new(
                        ErrorKind::Connect,
                        format!("resolving the Hive Metastore host `{host}` timed out"),
                    ));
                }
            };
        let Some(addr) = addrs.first().copied() else {
            return Err(Error::new(
                ErrorKind::Connect,
                format!("the Hive Metastore host `{host}` has no address"),
            ));
        };
        let client = ThriftHiveMetastoreClientBuilder::new("hive-metastore")
            .address(addr)
            .make_codec(volo_thrift::codec::default::DefaultMakeCodec::buffered())
            .connect_timeout(Some(timeout))
            .rpc_timeout(Some(timeout))
            .build();
        let ms = Metastore {
            client,
            uri: format!("thrift://{address}"),
            address,
            timeout,
            calls: AtomicU64::new(0),
        };
        let dbs = ms.databases().await.map_err(|e| {
            if e.kind() == ErrorKind::Connect {
                e
            } else {
                Error::new(
                    ErrorKind::Connect,
                    format!(
                        "{} (is {} a Hive Metastore? it must speak unframed binary thrift without SASL)",
                        e.message(),
                        ms.address
                    ),
                )
            }
        })?;
        Ok((ms, dbs))
    }

    /// Calls sent so far.
    pub fn calls(&self) -> u64 {
        self.calls.load(Ordering::Relaxed)
    }

    /// Run one call under the timeout, turning transport errors and exceptions into [`Error`]s.
    async fn run<T, E: Debug>(
        &self,
        what: &str,
        fut: impl Future<Output = std::result::Result<MaybeException<T, E>, volo_thrift::ClientError>>,
    ) -> Result<T> {
        self.calls.fetch_add(1, Ordering::Relaxed);
        match tokio::time::timeout(self.timeout, fut).await {
            Err(_) => Err(Error::new(
                ErrorKind::Connect,
                format!(
                    "the Hive Metastore at {} did not answer {what} within {} s",
                    self.address,
                    self.timeout.as_secs_f32()
                ),
            )),
            Ok(Err(e)) => {
                let kind = match &e {
                    volo_thrift::ClientError::Transport(_) => ErrorKind::Connect,
                    volo_thrift::ClientError::Application(a)
                        if a.to_string().contains("Invalid method name") =>
                    {
                        ErrorKind::Unsupported
                    }
                    _ => ErrorKind::Query,
                };
                Err(Error::new(
                    kind,
                    format!("Hive Metastore at {}: {what}: {e}", self.address),
                ))
            }
            Ok(Ok(MaybeException::Exception(e))) => {
                let text = exception_text(&e);
                let kind = if text.contains("NoSuchObject") || text.contains("does not exist") {
                    ErrorKind::NotFound
                } else {
                    ErrorKind::Query
                };
                Err(Error::new(
                    kind,
                    format!("Hive Metastore at {}: {what}: {text}", self.address),
                ))
            }
            Ok(Ok(MaybeException::Ok(v))) => Ok(v),
        }
    }

    /// `get_all_databases`.
    pub async fn databases(&self) -> Result<Vec<String>> {
        let v = self
            .run("get_all_databases", self.client.get_all_databases())
            .await?;
        Ok(v.into_iter().map(|s| s.to_string()).collect())
    }

    /// Every table of the databases matching `db_pattern` (a metastore pattern: `*` or names
    /// joined by `|`) with its type, in one `get_table_meta` call. `Err(Unsupported)` on
    /// metastores older than 2.1, which lack the call.
    pub async fn table_meta(&self, db_pattern: &str) -> Result<Vec<(String, String, String)>> {
        let v = self
            .run(
                "get_table_meta",
                self.client.get_table_meta(
                    db_pattern.to_string().into(),
                    FastStr::from_static_str("*"),
                    Vec::new(),
                ),
            )
            .await?;
        Ok(v.into_iter()
            .map(|m| {
                (
                    m.db_name.to_string(),
                    m.table_name.to_string(),
                    m.table_type.to_string(),
                )
            })
            .collect())
    }

    /// `get_all_tables(db)`.
    pub async fn tables(&self, db: &str) -> Result<Vec<String>> {
        let v = self
            .run(
                &format!("get_all_tables(`{db}`)"),
                self.client.get_all_tables(db.to_string().into()),
            )
            .await?;
        Ok(v.into_iter().map(|s| s.to_string()).collect())
    }

    /// The table objects of `names` in `db`, in bulk (`get_table_objects_by_name`, 500 a call).
    /// Tables that do not exist are simply absent.
    pub async fn table_objects(&self, db: &str, names: &[String]) -> Result<Vec<RawTable>> {
        let mut out = Vec::with_capacity(names.len());
        for chunk in names.chunks(BULK) {
            let v = self
                .run(
                    &format!("get_table_objects_by_name(`{db}`, {} tables)", chunk.len()),
                    self.client.get_table_objects_by_name(
                        db.to_string().into(),
                        chunk.iter().map(|s| FastStr::from(s.clone())).collect(),
                    ),
                )
                .await?;
            out.extend(v.into_iter().map(raw_table));
        }
        Ok(out)
    }
}

fn s(v: Option<FastStr>) -> Option<String> {
    v.map(|s| s.to_string())
}

fn fields(v: Option<Vec<hive_metastore::FieldSchema>>) -> Vec<RawColumn> {
    v.unwrap_or_default()
        .into_iter()
        .map(|f| RawColumn {
            name: f.name.map(|s| s.to_string()).unwrap_or_default(),
            type_text: f.r#type.map(|s| s.to_string()).unwrap_or_default(),
            comment: f.comment.map(|s| s.to_string()),
        })
        .collect()
}

/// A metastore table object as a [`RawTable`].
pub(crate) fn raw_table(t: hive_metastore::Table) -> RawTable {
    let sd = t.sd.unwrap_or_default();
    let params: BTreeMap<String, String> = t
        .parameters
        .unwrap_or_default()
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let mut raw = RawTable {
        database: s(t.db_name).unwrap_or_default(),
        name: s(t.table_name).unwrap_or_default(),
        table_type: s(t.table_type),
        columns: fields(sd.cols),
        partition_keys: fields(t.partition_keys),
        location: s(sd.location),
        input_format: s(sd.input_format),
        output_format: s(sd.output_format),
        serde: sd.serde_info.and_then(|i| s(i.serialization_lib)),
        num_buckets: sd.num_buckets.map(i64::from),
        bucket_columns: sd
            .bucket_cols
            .unwrap_or_default()
            .into_iter()
            .map(|s| s.to_string())
            .collect(),
        create_time: t.create_time.map(i64::from),
        owner: s(t.owner),
        params,
    };
    crate::spark::apply_spark_schema(&mut raw);
    raw
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris() {
        assert_eq!(
            parse_uri("thrift://127.0.0.1:9083").unwrap(),
            ("127.0.0.1".to_string(), 9083)
        );
        assert_eq!(
            parse_uri(" thrift://hms/ ").unwrap(),
            ("hms".to_string(), 9083)
        );
        assert_eq!(
            parse_uri("thrift://[::1]:9084").unwrap(),
            ("::1".to_string(), 9084)
        );
        assert_eq!(
            parse_uri("http://h:1").unwrap_err().kind(),
            ErrorKind::Config
        );
        assert_eq!(
            parse_uri("thrift://h:x").unwrap_err().kind(),
            ErrorKind::Config
        );
    }

    #[test]
    fn exception_message() {
        #[derive(Debug)]
        #[allow(dead_code)]
        struct MetaException {
            message: Option<String>,
        }
        #[derive(Debug)]
        #[allow(dead_code)]
        enum E {
            O1(MetaException),
        }
        let e = E::O1(MetaException {
            message: Some("db \"x\" not found".into()),
        });
        assert_eq!(exception_text(&e), "db \"x\" not found");
    }
}
