#!/usr/bin/env python3
"""chdb_http.py - a small ClickHouse HTTP interface in front of chDB (the ClickHouse engine
embedded in-process, PyPI `chdb`), so that the live tests of crates/smt-source-clickhouse run
against a *modern* ClickHouse without a server package.

    chdb_http.py [--port 8124] [--data DIR]          (binds 127.0.0.1 only)

Supported: GET /ping; GET|POST / with the SQL in ?query= and/or the body (ClickHouse
concatenates them); ?default_format=; ?database=; credentials from X-ClickHouse-User /
X-ClickHouse-Key headers, HTTP basic auth or ?user=&password=. Users: `default` without a
password and `smt_pw` with password `smt-secret`; anything else gets ClickHouse's
AUTHENTICATION_FAILED error (code 516, HTTP 516). Errors are HTTP 500 (or the code above) with an
X-ClickHouse-Exception-Code header and the chDB message as body. Other URL settings are ignored.
INSERT data sent in a separate binary body is not supported: use INSERT ... VALUES.
One chDB session (kept in --data), one query at a time.
"""
import argparse
import base64
import re
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from chdb import session as chs

USERS = {"default": "", "smt_pw": "smt-secret"}
LOCK = threading.Lock()
SESSION = None
FORMAT_RE = re.compile(r"\bFORMAT\s+([A-Za-z]+)\s*;?\s*$", re.I)
CODE_RE = re.compile(r"Code:\s*(\d+)")


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as hyper expects

    def log_message(self, fmt, *args):  # quiet; failed queries are logged below
        pass

    def reply(self, code, body, headers=()):
        self.send_response(code)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def error(self, status, code, msg):
        sys.stderr.write("query failed: %s\n" % msg[:300])
        self.reply(status, (msg + "\n").encode(), [
            ("X-ClickHouse-Exception-Code", str(code)),
            ("Content-Type", "text/plain; charset=UTF-8")])

    def credentials(self, params):
        user = self.headers.get("X-ClickHouse-User")
        key = self.headers.get("X-ClickHouse-Key")
        auth = self.headers.get("Authorization", "")
        if user is None and auth.lower().startswith("basic "):
            try:
                user, _, key = base64.b64decode(auth[6:]).decode().partition(":")
            except Exception:  # noqa: BLE001 - a broken header is a failed login
                user, key = "?", "?"
        if user is None:
            user = params.get("user", "default")
            key = params.get("password", "")
        return user or "default", key or ""

    def handle_query(self, body):
        url = urlsplit(self.path)
        if url.path in ("/ping", "/ping/"):
            return self.reply(200, b"Ok.\n")
        params = {k: v[-1] for k, v in parse_qs(url.query, keep_blank_values=True).items()}
        user, key = self.credentials(params)
        if USERS.get(user) != key:
            return self.error(516, 516, "Code: 516. DB::Exception: %s: Authentication failed: "
                              "password is incorrect, or there is no user with such name. "
                              "(AUTHENTICATION_FAILED)" % user)
        sql = params.get("query", "")
        if body:
            text = body.decode("utf-8")
            sql = (sql + "\n" + text) if sql else text
        if not sql.strip():
            return self.reply(200, b"Ok.\n")
        m = FORMAT_RE.search(sql)
        fmt = m.group(1) if m else params.get("default_format", "TabSeparated")
        try:
            with LOCK:
                SESSION.query("USE `%s`" % params.get("database", "default").replace("`", ""))
                res = SESSION.query(sql, fmt)
                out = bytes(res.bytes()) if res is not None else b""
        except Exception as e:  # noqa: BLE001 - chDB raises RuntimeError('Code: 60. ...')
            msg = str(e).strip()
            m = CODE_RE.search(msg)
            return self.error(500, m.group(1) if m else "1", msg)
        self.reply(200, out, [("Content-Type", "application/octet-stream"),
                              ("X-ClickHouse-Format", fmt),
                              ("X-ClickHouse-Summary", '{"read_rows":"0","read_bytes":"0"}')])

    def do_GET(self):  # noqa: N802 - http.server API
        self.handle_query(b"")

    def do_POST(self):  # noqa: N802 - http.server API
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            body = b""
            while True:
                size = int(self.rfile.readline().strip() or b"0", 16)
                if size == 0:
                    self.rfile.readline()
                    break
                body += self.rfile.read(size)
                self.rfile.readline()
        else:
            n = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(n) if n else b""
        self.handle_query(body)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, default=8124)
    ap.add_argument("--data", required=True)
    a = ap.parse_args()
    global SESSION
    t0 = time.time()
    SESSION = chs.Session(a.data)
    srv = ThreadingHTTPServer(("127.0.0.1", a.port), Handler)
    print("chdb %s listening on 127.0.0.1:%d (session %s, %.2fs)" % (
        SESSION.query("SELECT version()", "TSV").bytes().decode().strip(), a.port, a.data,
        time.time() - t0), flush=True)
    srv.serve_forever()


if __name__ == "__main__":
    main()
