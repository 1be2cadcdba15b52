//! A minimal Thrift binary protocol: enough to write the few HiveServer2 requests we send and to
//! read any reply into a generic [`Value`] tree (unknown fields are kept, never an error).

use std::collections::BTreeMap;

/// Thrift type codes.
pub(crate) mod ttype {
    pub const STOP: u8 = 0;
    pub const BOOL: u8 = 2;
    pub const BYTE: u8 = 3;
    pub const DOUBLE: u8 = 4;
    pub const I16: u8 = 6;
    pub const I32: u8 = 8;
    pub const I64: u8 = 10;
    pub const STRING: u8 = 11;
    pub const STRUCT: u8 = 12;
    pub const MAP: u8 = 13;
    pub const SET: u8 = 14;
    pub const LIST: u8 = 15;
}

/// Message types.
pub(crate) const CALL: u8 = 1;
pub(crate) const REPLY: u8 = 2;
pub(crate) const EXCEPTION: u8 = 3;

const VERSION_1: u32 = 0x8001_0000;
const MAX_DEPTH: usize = 64;

/// A decoded Thrift value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    Bool(bool),
    I8(i8),
    I16(i16),
    I32(i32),
    I64(i64),
    Double(f64),
    Bytes(Vec<u8>),
    Struct(BTreeMap<i16, Value>),
    List(Vec<Value>),
    Map(Vec<(Value, Value)>),
}

impl Value {
    /// Field `id` of a struct.
    pub fn field(&self, id: i16) -> Option<&Value> {
        match self {
            Value::Struct(m) => m.get(&id),
            _ => None,
        }
    }

    /// The first (only) set field of a union: `(id, value)`.
    pub fn union(&self) -> Option<(i16, &Value)> {
        match self {
            Value::Struct(m) => m.iter().next().map(|(k, v)| (*k, v)),
            _ => None,
        }
    }

    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Value::I8(v) => Some(i64::from(*v)),
            Value::I16(v) => Some(i64::from(*v)),
            Value::I32(v) => Some(i64::from(*v)),
            Value::I64(v) => Some(*v),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    pub fn as_bytes(&self) -> Option<&[u8]> {
        match self {
            Value::Bytes(b) => Some(b),
            _ => None,
        }
    }

    pub fn as_string(&self) -> Option<String> {
        self.as_bytes()
            .map(|b| String::from_utf8_lossy(b).into_owned())
    }

    pub fn as_list(&self) -> &[Value] {
        match self {
            Value::List(l) => l,
            _ => &[],
        }
    }

    /// Encode this value (for echoing handles back to the server).
    pub fn write(&self, w: &mut Writer) {
        match self {
            Value::Bool(b) => w.buf.push(u8::from(*b)),
            Value::I8(v) => w.buf.push(v.to_be_bytes()[0]),
            Value::I16(v) => w.buf.extend_from_slice(&v.to_be_bytes()),
            Value::I32(v) => w.buf.extend_from_slice(&v.to_be_bytes()),
            Value::I64(v) => w.buf.extend_from_slice(&v.to_be_bytes()),
            Value::Double(v) => w.buf.extend_from_slice(&v.to_bits().to_be_bytes()),
            Value::Bytes(b) => w.bytes(b),
            Value::Struct(m) => {
                for (id, v) in m {
                    w.field_begin(v.type_code(), *id);
                    v.write(w);
                }
                w.stop();
            }
            Value::List(l) => {
                let t = l.first().map_or(ttype::STRING, Value::type_code);
                w.buf.push(t);
                w.len(l.len());
                for v in l {
                    v.write(w);
                }
            }
            Value::Map(m) => {
                let (kt, vt) = m.first().map_or((ttype::STRING, ttype::STRING), |(k, v)| {
                    (k.type_code(), v.type_code())
                });
                w.buf.push(kt);
                w.buf.push(vt);
                w.len(m.len());
                for (k, v) in m {
                    k.write(w);
                    v.write(w);
                }
            }
        }
    }

    fn type_code(&self) -> u8 {
        match self {
            Value::Bool(_) => ttype::BOOL,
            Value::I8(_) => ttype::BYTE,
            Value::I16(_) => ttype::I16,
            Value::I32(_) => ttype::I32,
            Value::I64(_) => ttype::I64,
            Value::Double(_) => ttype::DOUBLE,
            Value::Bytes(_) => ttype::STRING,
            Value::Struct(_) => ttype::STRUCT,
            Value::List(_) => ttype::LIST,
            Value::Map(_) => ttype::MAP,
        }
    }
}

/// Builds one binary-protocol message.
#[derive(Debug, Default)]
pub(crate) struct Writer {
    pub buf: Vec<u8>,
}

impl Writer {
    /// Start a message: strict header, method name, sequence id.
    pub fn message(name: &str, kind: u8, seq: i32) -> Self {
        let mut w = Writer::default();
        w.buf
            .extend_from_slice(&(VERSION_1 | u32::from(kind)).to_be_bytes());
        w.bytes(name.as_bytes());
        w.buf.extend_from_slice(&seq.to_be_bytes());
        w
    }

    pub fn field_begin(&mut self, t: u8, id: i16) {
        self.buf.push(t);
        self.buf.extend_from_slice(&id.to_be_bytes());
    }

    pub fn stop(&mut self) {
        self.buf.push(ttype::STOP);
    }

    fn len(&mut self, n: usize) {
        let n = i32::try_from(n).unwrap_or(i32::MAX);
        self.buf.extend_from_slice(&n.to_be_bytes());
    }

    pub fn bytes(&mut self, b: &[u8]) {
        self.len(b.len());
        self.buf.extend_from_slice(b);
    }

    pub fn string_field(&mut self, id: i16, s: &str) {
        self.field_begin(ttype::STRING, id);
        self.bytes(s.as_bytes());
    }

    pub fn i32_field(&mut self, id: i16, v: i32) {
        self.field_begin(ttype::I32, id);
        self.buf.extend_from_slice(&v.to_be_bytes());
    }

    pub fn i64_field(&mut self, id: i16, v: i64) {
        self.field_begin(ttype::I64, id);
        self.buf.extend_from_slice(&v.to_be_bytes());
    }

    pub fn bool_field(&mut self, id: i16, v: bool) {
        self.field_begin(ttype::BOOL, id);
        self.buf.push(u8::from(v));
    }

    pub fn value_field(&mut self, id: i16, v: &Value) {
        self.field_begin(v.type_code(), id);
        v.write(self);
    }
}

/// Why a reply could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DecodeError(pub String);

/// A decoded message header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Header {
    pub name: String,
    pub kind: u8,
    pub seq: i32,
}

/// Reads binary-protocol values from a complete buffer.
pub(crate) struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    pub fn new(buf: &'a [u8]) -> Self {
        Reader { buf, pos: 0 }
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8], DecodeError> {
        let end = self
            .pos
            .checked_add(n)
            .filter(|e| *e <= self.buf.len())
            .ok_or_else(|| DecodeError("truncated reply".into()))?;
        let s = &self.buf[self.pos..end];
        self.pos = end;
        Ok(s)
    }

    fn u8(&mut self) -> Result<u8, DecodeError> {
        Ok(self.take(1)?[0])
    }

    fn i16(&mut self) -> Result<i16, DecodeError> {
        let b = self.take(2)?;
        Ok(i16::from_be_bytes([b[0], b[1]]))
    }

    fn i32(&mut self) -> Result<i32, DecodeError> {
        let b = self.take(4)?;
        Ok(i32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn i64(&mut self) -> Result<i64, DecodeError> {
        let b = self.take(8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Ok(i64::from_be_bytes(a))
    }

    fn len(&mut self) -> Result<usize, DecodeError> {
        let n = self.i32()?;
        let n = usize::try_from(n).map_err(|_| DecodeError(format!("negative length {n}")))?;
        if n > self.buf.len() - self.pos.min(self.buf.len()) + 16 {
            // Cannot be right: more elements than bytes left (each element takes >= 1 byte,
            // except booleans packed... which still take 1).
            return Err(DecodeError(format!("length {n} exceeds the reply")));
        }
        Ok(n)
    }

    pub fn header(&mut self) -> Result<Header, DecodeError> {
        let first = self.i32()?;
        if first >= 0 {
            return Err(DecodeError(
                "reply is not a strict binary-protocol message".into(),
            ));
        }
        let word = first.cast_unsigned();
        if word & 0xffff_0000 != VERSION_1 {
            return Err(DecodeError(format!("bad protocol version {word:#x}")));
        }
        let kind = (word & 0xff) as u8;
        let n = self.len()?;
        let name = String::from_utf8_lossy(self.take(n)?).into_owned();
        let seq = self.i32()?;
        Ok(Header { name, kind, seq })
    }

    pub fn value(&mut self, t: u8, depth: usize) -> Result<Value, DecodeError> {
        if depth > MAX_DEPTH {
            return Err(DecodeError("reply nested too deeply".into()));
        }
        Ok(match t {
            ttype::BOOL => Value::Bool(self.u8()? != 0),
            ttype::BYTE => Value::I8(i8::from_be_bytes([self.u8()?])),
            ttype::I16 => Value::I16(self.i16()?),
            ttype::I32 => Value::I32(self.i32()?),
            ttype::I64 => Value::I64(self.i64()?),
            ttype::DOUBLE => Value::Double(f64::from_bits(self.i64()?.cast_unsigned())),
            ttype::STRING => {
                let n = self.len()?;
                Value::Bytes(self.take(n)?.to_vec())
            }
            ttype::STRUCT => {
                let mut m = BTreeMap::new();
                loop {
                    let ft = self.u8()?;
                    if ft == ttype::STOP {
                        break;
                    }
                    let id = self.i16()?;
                    let v = self.value(ft, depth + 1)?;
                    m.insert(id, v);
                }
                Value::Struct(m)
            }
            ttype::LIST | ttype::SET => {
                let et = self.u8()?;
                let n = self.len()?;
                let mut l = Vec::with_capacity(n.min(4096));
                for _ in 0..n {
                    l.push(self.value(et, depth + 1)?);
                }
                Value::List(l)
            }
            ttype::MAP => {
                let kt = self.u8()?;
                let vt = self.u8()?;
                let n = self.len()?;
                let mut m = Vec::with_capacity(n.min(4096));
                for _ in 0..n {
                    let k = self.value(kt, depth + 1)?;
                    let v = self.value(vt, depth + 1)?;
                    m.push((k, v));
                }
                Value::Map(m)
            }
            other => return Err(DecodeError(format!("unknown thrift type {other}"))),
        })
    }
}

/// Decode a whole message: header and body struct. `Ok(None)` when the buffer is not complete
/// yet (unframed transport: the caller reads more bytes and tries again).
pub(crate) fn decode_message(buf: &[u8]) -> Result<Option<(Header, Value)>, DecodeError> {
    let mut r = Reader::new(buf);
    let header = match r.header() {
        Ok(h) => h,
        Err(e) if e.0 == "truncated reply" => return Ok(None),
        Err(e) => return Err(e),
    };
    match r.value(ttype::STRUCT, 0) {
        Ok(v) => Ok(Some((header, v))),
        Err(e) if e.0 == "truncated reply" || e.0.starts_with("length ") => Ok(None),
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let mut w = Writer::message("OpenSession", CALL, 7);
        w.field_begin(ttype::STRUCT, 1);
        w.i32_field(1, 5);
        w.string_field(2, "user");
        w.bool_field(3, true);
        w.i64_field(4, -2);
        w.stop();
        w.stop();
        let (h, v) = decode_message(&w.buf).unwrap().unwrap();
        assert_eq!(h.name, "OpenSession");
        assert_eq!(h.kind, CALL);
        assert_eq!(h.seq, 7);
        let req = v.field(1).unwrap();
        assert_eq!(req.field(1).and_then(Value::as_i64), Some(5));
        assert_eq!(
            req.field(2).and_then(Value::as_string).as_deref(),
            Some("user")
        );
        assert_eq!(req.field(3).and_then(Value::as_bool), Some(true));
        assert_eq!(req.field(4).and_then(Value::as_i64), Some(-2));
        // Any prefix is "incomplete", never an error.
        for n in 0..w.buf.len() {
            assert_eq!(decode_message(&w.buf[..n]), Ok(None), "prefix {n}");
        }
        // A re-encoded value is byte-identical.
        let mut w2 = Writer::default();
        v.write(&mut w2);
        assert_eq!(&w.buf[w.buf.len() - w2.buf.len()..], &w2.buf[..]);
    }

    #[test]
    fn garbage_is_an_error() {
        assert!(decode_message(&[0x00, 0x00, 0x00, 0x05, b'h']).is_err());
        assert!(decode_message(b"HTTP/1.1 400 Bad Request\r\n").is_err());
    }
}
