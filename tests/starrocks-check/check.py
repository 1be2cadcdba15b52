#!/usr/bin/env python3
"""check.py - offline, independent check of generated StarRocks DDL (no StarRocks server needed).

    check.py [--version X.Y] [--be-num N] [--create FILE] FILE.sql [FILE.sql ...]

Layer 1 is sqlglot's StarRocks dialect (pinned, see run.sh): every statement must parse, and a
statement sqlglot only understands as an opaque `exp.Command` counts as a syntax failure.
Layer 2 re-states, on purpose independently of the generator's own Rust rule checker, the StarRocks
rules a CREATE TABLE must respect (names of the rules as printed):

  syntax             the statement does not parse (or parses only as a Command)
  duplicate-table    the same table is created twice in one file (differently, or without IF NOT EXISTS)
  clause-order       columns, ENGINE, key, COMMENT, PARTITION BY, DISTRIBUTED BY, ORDER BY, PROPERTIES
  identifier         database/table names: letters, digits, '_' (start: letter or '_'), length limits
  column-name        empty / too long / control characters / reserved __op, __row prefixes
  duplicate-column   two columns with the same (case-insensitive) name
  column-type        a type StarRocks does not have (e.g. VARCHAR2, TIMESTAMP, BIGINT UNSIGNED,
                     DATETIME(6)), or one that needs a newer --version
  decimal-range      DECIMAL precision 1..38 (76 from 4.0; DECIMAL32/64/128 9/18/38), 0 <= scale <= p
  varchar-range      VARCHAR length 1..1048576 (65533 before 2.1); VARCHAR without length (= 1)
  char-range         CHAR length 1..255
  key-clause         more than one key clause, or a column-level PRIMARY KEY
  key-columns        key columns that are not columns of the table
  key-order          key columns must be the leading columns, in key order
  pk-type            PRIMARY KEY column types: BOOLEAN, TINYINT..LARGEINT, VARCHAR/STRING, DATE, DATETIME
  sort-key-type      DUPLICATE/AGGREGATE/UNIQUE key (and ORDER BY) columns: no FLOAT, DOUBLE, JSON,
                     ARRAY, MAP, STRUCT, HLL, BITMAP, BINARY
  aggregate-function value columns of an AGGREGATE KEY table need one; no other column may have one
  default-value      DEFAULT on a JSON/ARRAY/MAP/STRUCT/HLL column; AUTO_INCREMENT not on BIGINT
  distribution       DISTRIBUTED BY columns exist (and are key columns for PRIMARY/AGGREGATE/UNIQUE),
                     RANDOM only for DUPLICATE KEY, no complex-typed bucket column
  buckets            BUCKETS is a positive integer (required before 2.5.7)
  partition          partition columns exist (and are key columns for PRIMARY/AGGREGATE/UNIQUE)
  replication-num    "replication_num" is an integer in 1..--be-num
  unknown-property   a PROPERTIES name StarRocks does not know (rejected since 3.0)
  property-value     a property value of the wrong shape (boolean, enum, column list, ...)
  external-table     CREATE EXTERNAL TABLE: engine and its required properties
  resource           CREATE EXTERNAL RESOURCE: shape and required properties
  catalog            CREATE EXTERNAL CATALOG: shape, name, type, required properties and their values
                     (hive: thrift:// metastore URIs; jdbc: user, password, jdbc:... URI, http(s)/file
                     driver_url, driver_class), IF NOT EXISTS and catalog types gated by --version
  session-variable   SET of a variable the target version does not have, or a value of the wrong shape
  load-target        INSERT INTO a table that the folder's starrocks-create.all.sql (or --create FILE)
                     does not create, or without a db-qualified name
  load-columns       INSERT column list: missing, unknown or repeated columns, NOT NULL columns
                     without a default left out
  load-select        a SELECT (each branch of a UNION ALL) whose column count differs from the list
  load-source        FROM must be `<catalog>`.`<db>`.`<table>` of a catalog created in the same file

Output: "ok FILE (N statements, T tables checked)" per good file, or one line per problem:
    FILE: statement N (line L): <table>: <rule>: <message>
Exit code: 0 all files ok, 1 problems found, 2 usage error.
Known false rejections (sqlglot cannot parse them): BITMAP / PERCENTILE / DECIMALV2 column types,
fixed-range partitions written as VALUES [(..), (..)).
"""
import argparse
import logging
import re
import sys

import sqlglot
from sqlglot import exp
from sqlglot.errors import ParseError, TokenError
from sqlglot.tokens import TokenType

logging.getLogger("sqlglot").setLevel(logging.CRITICAL)   # no "falling back to Command" chatter

DIALECT = "starrocks"
T = exp.DataType.Type

# ---------------------------------------------------------------------------------------------
# Reference data
# ---------------------------------------------------------------------------------------------

# raw type words StarRocks accepts at the start of a column type (checked on the tokens, because
# sqlglot silently rewrites e.g. VARCHAR2 -> VARCHAR and TIMESTAMP -> DATETIME)
SR_TYPE_WORDS = {
    "BOOLEAN", "TINYINT", "SMALLINT", "INT", "INTEGER", "BIGINT", "LARGEINT", "FLOAT", "DOUBLE",
    "DECIMAL", "DECIMALV2", "DECIMAL32", "DECIMAL64", "DECIMAL128", "DECIMAL256", "DATE", "DATETIME",
    "CHAR", "VARCHAR", "STRING", "BINARY", "VARBINARY", "JSON", "ARRAY", "MAP", "STRUCT", "BITMAP",
    "HLL", "PERCENTILE",
}
# sqlglot type -> StarRocks name (anything else is not a StarRocks type, e.g. UBIGINT, TIMESTAMP)
SR_TYPES = {
    T.BOOLEAN: "BOOLEAN", T.TINYINT: "TINYINT", T.SMALLINT: "SMALLINT", T.INT: "INT", T.BIGINT: "BIGINT",
    T.INT128: "LARGEINT", T.FLOAT: "FLOAT", T.DOUBLE: "DOUBLE", T.DECIMAL: "DECIMAL",
    T.DECIMAL32: "DECIMAL32", T.DECIMAL64: "DECIMAL64", T.DECIMAL128: "DECIMAL128", T.DECIMAL256: "DECIMAL256",
    T.DATE: "DATE", T.DATETIME: "DATETIME", T.CHAR: "CHAR", T.VARCHAR: "VARCHAR", T.TEXT: "STRING",
    T.BINARY: "BINARY", T.VARBINARY: "VARBINARY", T.JSON: "JSON", T.ARRAY: "ARRAY", T.MAP: "MAP",
    T.STRUCT: "STRUCT", T.HLLSKETCH: "HLL",
}
DECIMAL_MAX = {"DECIMAL32": 9, "DECIMAL64": 18, "DECIMAL128": 38}
PK_TYPES = {"BOOLEAN", "TINYINT", "SMALLINT", "INT", "BIGINT", "LARGEINT", "VARCHAR", "STRING", "DATE", "DATETIME"}
NOT_SORT_KEY = {"FLOAT", "DOUBLE", "JSON", "ARRAY", "MAP", "STRUCT", "HLL", "BITMAP", "PERCENTILE", "BINARY", "VARBINARY"}
COMPLEX = {"JSON", "ARRAY", "MAP", "STRUCT", "HLL", "BITMAP", "PERCENTILE"}
AGG_FUNCS = {"SUM", "MAX", "MIN", "REPLACE", "REPLACE_IF_NOT_NULL", "HLL_UNION", "BITMAP_UNION", "PERCENTILE_UNION"}
TYPE_MIN_VERSION = {"JSON": (2, 2), "MAP": (3, 1), "STRUCT": (3, 1), "BINARY": (3, 0), "VARBINARY": (3, 0),
                    "DECIMAL256": (4, 0)}

# PROPERTIES of an OLAP table: name -> (kind, minimum version or None)
BOOL, INT_, TEXT = "bool", "int", "text"
KNOWN_PROPERTIES = {
    "replication_num": (INT_, None), "storage_medium": (("HDD", "SSD"), None),
    "storage_cooldown_time": (TEXT, None), "storage_cooldown_ttl": (TEXT, (3, 0)),
    "bloom_filter_columns": ("columns", None), "bloom_filter_fpp": (TEXT, None),
    "colocate_with": (TEXT, None), "in_memory": (BOOL, None),
    "compression": (TEXT, None), "write_quorum": (("MAJORITY", "ONE", "ALL"), (2, 5)),
    "replicated_storage": (BOOL, (2, 5)), "enable_persistent_index": (BOOL, (2, 3)),
    "persistent_index_type": (("LOCAL", "CLOUD_NATIVE"), (3, 1)), "fast_schema_evolution": (BOOL, (3, 2)),
    "bucket_size": (INT_, (3, 2)), "mutable_bucket_num": (INT_, (3, 2)),
    "partition_live_number": (INT_, (3, 1)), "partition_ttl": (TEXT, (3, 1)),
    "partition_ttl_number": (INT_, (3, 1)), "partition_retention_condition": (TEXT, (3, 5)),
    "unique_constraints": (TEXT, (2, 5)), "foreign_key_constraints": (TEXT, (2, 5)),
    "binlog_enable": (BOOL, (3, 1)), "binlog_ttl_second": (INT_, (3, 1)), "binlog_max_size": (INT_, (3, 1)),
    "storage_volume": (TEXT, (3, 1)), "datacache.enable": (BOOL, (3, 1)),
    "datacache.partition_duration": (TEXT, (3, 1)), "enable_async_write_back": (BOOL, (3, 1)),
    "storage_type": (("COLUMN", "ROW", "COLUMN_WITH_ROW"), (3, 2)), "labels.location": (TEXT, (3, 2)),
    "primary_index_cache_expire_sec": (INT_, (3, 1)), "base_compaction_forbidden_time_ranges": (TEXT, (3, 2)),
    "file_bundling": (BOOL, (4, 0)), "enable_load_profile": (BOOL, (3, 1)),
    "flat_json.enable": (BOOL, (3, 4)), "flat_json.null.factor": (TEXT, (3, 4)),
    "flat_json.sparsity.factor": (TEXT, (3, 4)), "flat_json.column.max": (INT_, (3, 4)),
    "compaction_strategy": (TEXT, (3, 5)), "enable_statistic_collect_on_first_load": (BOOL, (3, 5)),
    "dynamic_partition.enable": (BOOL, None),
    "dynamic_partition.time_unit": (("HOUR", "DAY", "WEEK", "MONTH", "YEAR"), None),
    "dynamic_partition.start": (INT_, None), "dynamic_partition.end": (INT_, None),
    "dynamic_partition.prefix": (TEXT, None), "dynamic_partition.buckets": (INT_, None),
    "dynamic_partition.history_partition_num": (INT_, (2, 5)), "dynamic_partition.time_zone": (TEXT, None),
    "dynamic_partition.start_day_of_week": (INT_, None), "dynamic_partition.start_day_of_month": (INT_, None),
    "dynamic_partition.replication_num": (INT_, None),
}
COMPRESSION = {"LZ4", "LZ4_FRAME", "ZSTD", "ZLIB", "SNAPPY", "NO_COMPRESSION"}
EXTERNAL_REQUIRED = {
    "mysql": ("host", "port", "user", "password", "database", "table"),
    "hive": ("database", "table", "resource"),
    "jdbc": ("resource", "table"),
    "elasticsearch": ("hosts", "index"),
    "iceberg": ("database", "table", "resource"),
    "hudi": ("database", "table", "resource"),
}
NAME_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def version_tuple(v):
    m = re.match(r"^(\d+)(?:\.(\d+))?(?:\.(\d+))?$", v or "")
    if not m:
        raise argparse.ArgumentTypeError(f"bad version {v!r} (expected X.Y or X.Y.Z)")
    return tuple(int(x or 0) for x in m.groups())


def vstr(v):
    return ".".join(str(x) for x in v)


# ---------------------------------------------------------------------------------------------
# Splitting (quotes with backslash or doubled escapes, --, # and /* */ comments)
# ---------------------------------------------------------------------------------------------

def split_statements(text):
    """-> [(start, end, line)] of non-empty statements; every ';' outside quotes/comments ends one."""
    out, i, n, line = [], 0, len(text), 1
    start = start_line = None
    while i < n:
        c = text[i]
        nx = text[i + 1] if i + 1 < n else ""
        if c == "\n":
            line += 1
        if c == "-" and nx == "-" or c == "#":
            while i < n and text[i] != "\n":
                i += 1
            continue
        if c == "/" and nx == "*":
            e = text.find("*/", i + 2)
            e = n if e < 0 else e + 2
            line += text.count("\n", i, e)
            i = e
            continue
        if start is None and not c.isspace() and c != ";":
            start, start_line = i, line
        if c in "'\"`":
            j = i + 1
            while j < n:
                if text[j] == "\\" and c != "`":
                    j += 2
                    continue
                if text[j] == c:
                    if j + 1 < n and text[j + 1] == c:
                        j += 2
                        continue
                    break
                j += 1
            line += text.count("\n", i, min(j, n))
            i = j + 1
            continue
        if c == ";":
            if start is not None:
                out.append((start, i, start_line))
            start = None
        i += 1
    if start is not None and text[start:].strip():
        out.append((start, n, start_line))
    return out


# ---------------------------------------------------------------------------------------------
# Checking
# ---------------------------------------------------------------------------------------------

class Problem(Exception):
    pass


def ints(dt):
    out = []
    for p in dt.expressions:
        if isinstance(p, exp.DataTypeParam) and isinstance(p.this, exp.Literal) and not p.this.is_string:
            out.append(int(p.this.this))
    return out


def type_name(dt):
    return SR_TYPES.get(dt.this)


def column_constraints(col):
    return [c.args.get("kind") for c in col.args.get("constraints") or []]


class Checker:
    def __init__(self, path, version, be_num, create=None):
        self.path, self.version, self.be_num = path, version, be_num
        self.problems = []
        self.tables = 0
        self.created = {}          # table name -> (statement number, normalized SQL)
        self.catalogs = set()      # external catalogs created by this file
        self.loads = 0             # INSERT statements checked
        self.create = create       # explicit reference DDL for INSERT checks (--create)

    def report(self, no, line, what, rule, msg):
        self.problems.append(f"{self.path}: statement {no} (line {line}): {what}: {rule}: {msg}")

    # --- types --------------------------------------------------------------------------------

    def check_type(self, col, dt, errs):
        name = type_name(dt)
        if name is None:
            errs.append(("column-type", f"column `{col}`: {dt.sql(DIALECT)} is not a StarRocks type"))
            return
        need = TYPE_MIN_VERSION.get(name)
        if need and self.version < need:
            errs.append(("column-type", f"column `{col}`: {name} needs StarRocks {vstr(need)} (--version is {vstr(self.version)})"))
        n = ints(dt)
        if name.startswith("DECIMAL") and n:
            p, s = n[0], (n[1] if len(n) > 1 else 0)
            pmax = DECIMAL_MAX.get(name, 76 if self.version >= (4, 0) else 38)
            if len(n) > 2 or not 1 <= p <= pmax:
                errs.append(("decimal-range", f"column `{col}`: {dt.sql(DIALECT)}: precision must be 1..{pmax}"))
            elif not 0 <= s <= p:
                errs.append(("decimal-range", f"column `{col}`: {dt.sql(DIALECT)}: scale must be 0..precision"))
        elif name == "VARCHAR":
            vmax = 1048576 if self.version >= (2, 1) else 65533
            if not n:
                errs.append(("varchar-range", f"column `{col}`: VARCHAR without a length is VARCHAR(1); give a length or use STRING"))
            elif not 1 <= n[0] <= vmax:
                errs.append(("varchar-range", f"column `{col}`: VARCHAR({n[0]}): length must be 1..{vmax}"))
        elif name == "CHAR" and n and not 1 <= n[0] <= 255:
            errs.append(("char-range", f"column `{col}`: CHAR({n[0]}): length must be 1..255"))
        elif name == "VARBINARY" and n and not 1 <= n[0] <= 1048576:
            errs.append(("column-type", f"column `{col}`: VARBINARY({n[0]}): length must be 1..1048576"))
        elif name in ("DATE", "DATETIME", "STRING", "JSON", "BOOLEAN", "FLOAT", "DOUBLE", "LARGEINT") and dt.expressions:
            errs.append(("column-type", f"column `{col}`: {dt.sql(DIALECT)}: {name} takes no parameters"))
        elif name == "MAP" and len([e for e in dt.expressions if isinstance(e, exp.DataType)]) != 2:
            errs.append(("column-type", f"column `{col}`: MAP needs exactly two type arguments"))
        for sub in dt.expressions:
            if isinstance(sub, exp.DataType):
                self.check_type(col, sub, errs)
            elif isinstance(sub, exp.ColumnDef) and isinstance(sub.args.get("kind"), exp.DataType):
                self.check_type(col, sub.args["kind"], errs)

    # --- token-level facts sqlglot's tree does not keep -----------------------------------------

    @staticmethod
    def column_type_words(tokens):
        """-> ([(column, raw first word of its type)], empty_items) for the column list"""
        depth, angle, items, item = 0, 0, [], []
        started = False
        for t in tokens:
            if not started:
                if t.token_type == TokenType.L_PAREN:
                    started, depth = True, 1
                continue
            if t.token_type == TokenType.L_PAREN:
                depth += 1
            elif t.token_type == TokenType.R_PAREN:
                depth -= 1
                if depth == 0:
                    break
            elif t.text in ("<", ">", ">>", "<<"):
                angle += t.text.count("<") - t.text.count(">")
            if depth == 1 and angle <= 0 and t.token_type == TokenType.COMMA:
                items.append(item)
                item = []
                continue
            if len(item) < 2:
                item.append(t)
        items.append(item)
        out = []
        for it in items:
            if len(it) == 2 and it[0].text.upper() not in ("INDEX", "PRIMARY", "KEY", "CONSTRAINT", "UNIQUE", "PRIMARY KEY"):
                out.append((it[0].text, it[1].text))
        return out, sum(1 for it in items if not it)

    @staticmethod
    def clause_sequence(tokens):
        """top-level clause keywords after the column list, in textual order"""
        depth, seen_schema, seq, prev = 0, False, [], None
        words = {"ENGINE": 0, "COMMENT": 2, "PARTITION": 3, "DISTRIBUTED": 4, "ROLLUP": 5, "ORDER": 6, "PROPERTIES": 7}
        for i, t in enumerate(tokens):
            if t.token_type == TokenType.L_PAREN:
                depth += 1
            elif t.token_type == TokenType.R_PAREN:
                depth -= 1
                if depth == 0:
                    seen_schema = True
            elif depth == 0 and seen_schema:
                w = " ".join(t.text.upper().split())
                first = w.split(" ")[0]
                nxt = tokens[i + 1].text.upper() if i + 1 < len(tokens) else ""
                if w == "PRIMARY KEY" or (first in ("PRIMARY", "DUPLICATE", "AGGREGATE", "UNIQUE") and nxt == "KEY"):
                    seq.append((1, f"{first} KEY"))
                elif first in words and prev not in ("=", "ENGINE") and t.token_type != TokenType.STRING:
                    seq.append((words[first], "ORDER BY" if first == "ORDER" else first))
            prev = t.text.upper()
        return seq

    # --- statements -----------------------------------------------------------------------------

    def check_file(self, text):
        n = 0
        for no, (a, b, line) in enumerate(split_statements(text), 1):
            n = no
            sql = text[a:b]
            try:
                self.check_statement(no, line, sql)
            except Problem as p:
                self.report(no, line, self.head(sql), "syntax", str(p))
        return n

    @staticmethod
    def head(sql):
        first = sql.strip().splitlines()[0].strip() if sql.strip() else ""
        return first[:100] + ("..." if len(first) > 100 else "")

    RESOURCE_RE = re.compile(
        r'(?is)^\s*CREATE\s+EXTERNAL\s+RESOURCE\s+(?:"([^"]+)"|`([^`]+)`|(\w+))\s+PROPERTIES\s*\((.*)\)\s*$')
    PROP_RE = re.compile(r'\s*"((?:[^"\\]|\\.)*)"\s*=\s*"((?:[^"\\]|\\.)*)"\s*(,|$)', re.S)

    def check_resource(self, no, line, sql, m):
        name = m.group(1) or m.group(2) or m.group(3)
        body, props, pos = m.group(4), {}, 0
        while pos < len(body):
            pm = self.PROP_RE.match(body, pos)
            if not pm or pm.end() == pos:
                self.report(no, line, f"resource {name}", "resource", "PROPERTIES must be a list of \"key\" = \"value\"")
                return
            props[pm.group(1)] = pm.group(2)
            pos = pm.end()
        typ = props.get("type")
        if typ not in ("hive", "jdbc", "spark", "iceberg", "hudi"):
            self.report(no, line, f"resource {name}", "resource", f"unknown or missing \"type\": {typ!r}")
        elif typ == "hive" and not re.match(r"^thrift://[^:/\s]+:\d+(,thrift://[^:/\s]+:\d+)*$", props.get("hive.metastore.uris", "")):
            self.report(no, line, f"resource {name}", "resource",
                        "a hive resource needs \"hive.metastore.uris\" = \"thrift://host:port\"")

    def check_statement(self, no, line, sql):
        m = self.RESOURCE_RE.match(sql)
        if m:
            self.check_resource(no, line, sql, m)
            return
        if re.match(r"(?is)^\s*CREATE\s+EXTERNAL\s+CATALOG\b", sql):
            self.check_catalog(no, line, sql)
            return
        try:
            tokens = sqlglot.Dialect.get_or_raise(DIALECT).tokenize(sql)
            trees = sqlglot.parse(sql, read=DIALECT)
        except (ParseError, TokenError) as e:
            raise Problem(" ".join(re.sub(r"\x1b\[[0-9;]*m", "", str(e)).split())[:300])
        trees = [t for t in trees if t is not None]
        if len(trees) != 1:
            raise Problem(f"expected one statement, found {len(trees)}")
        tree = trees[0]
        if isinstance(tree, exp.Command) or tree.find(exp.Command):
            raise Problem("not understood by sqlglot's StarRocks dialect (it fell back to an opaque Command)")
        if isinstance(tree, exp.Insert):
            self.check_insert(no, line, tree, sql)
            return
        if isinstance(tree, exp.Set):
            self.check_set(no, line, tree)
            return
        if not isinstance(tree, exp.Create):
            return
        kind = (tree.args.get("kind") or "").upper()
        if kind in ("DATABASE", "SCHEMA"):
            name = tree.this.name if isinstance(tree.this, exp.Table) else tree.this.sql(DIALECT)
            if not NAME_RE.match(name) or len(name) > 256:
                self.report(no, line, f"database {name}", "identifier",
                            "database names may only use letters, digits and '_' (start: letter or '_'), at most 256")
            return
        if kind != "TABLE":
            return
        self.tables += 1
        label = self.table_label(tree)
        norm = tree.copy()
        norm.set("exists", False)
        norm = norm.sql(DIALECT)
        first = self.created.get(label.lower())
        if first is None:
            self.created[label.lower()] = (no, norm)
        elif first[1] != norm or not tree.args.get("exists"):
            self.report(no, line, label, "duplicate-table",
                        f"already created by statement {first[0]}" + ("" if tree.args.get("exists") else " (no IF NOT EXISTS)")
                        + ("" if first[1] == norm else " with a different definition"))
        props = tree.args.get("properties")
        props = props.expressions if props else []
        if any(isinstance(p, exp.ExternalProperty) for p in props):
            self.check_external(no, line, tree, props, tokens)
        else:
            self.check_olap(no, line, tree, props, tokens)

    # --- catalog loads: CREATE EXTERNAL CATALOG, SET, INSERT ... SELECT ------------------------

    CATALOG_RE = re.compile(
        r'(?is)^\s*CREATE\s+EXTERNAL\s+CATALOG\s+(IF\s+NOT\s+EXISTS\s+)?(?:`((?:[^`]|``)+)`|([A-Za-z0-9_]+))\s+'
        r'(?:COMMENT\s+"(?:[^"\\]|\\.)*"\s+)?PROPERTIES\s*\((.*)\)\s*$')
    CATALOG_TYPES = {"hive": (2, 3), "iceberg": (2, 4), "hudi": (2, 4), "deltalake": (2, 5), "jdbc": (3, 0),
                     "elasticsearch": (3, 1), "es": (3, 1), "paimon": (3, 1), "unified": (3, 2), "odps": (3, 3),
                     "kudu": (3, 3)}
    JDBC_REQUIRED = ("user", "password", "jdbc_uri", "driver_url", "driver_class")
    JDBC_MIN_VERSION = {"mysql": (3, 0), "mariadb": (3, 0), "postgresql": (3, 0), "oracle": (3, 2, 9),
                        "sqlserver": (3, 2, 9), "clickhouse": (3, 3)}
    THRIFT_LIST = re.compile(r"^thrift://[^:/\s,]+:\d+(,\s*thrift://[^:/\s,]+:\d+)*$")

    def check_catalog(self, no, line, sql):
        m = self.CATALOG_RE.match(sql)
        if not m:
            self.report(no, line, self.head(sql), "catalog",
                        "expected CREATE EXTERNAL CATALOG [IF NOT EXISTS] <name> [COMMENT \"..\"] PROPERTIES (\"key\" = \"value\", ...)")
            return
        name = (m.group(2) or "").replace("``", "`") or m.group(3)
        what = f"catalog {name}"
        bad = lambda msg: self.report(no, line, what, "catalog", msg)
        if not re.match(r"^[A-Za-z][A-Za-z0-9_]*$", name) or len(name) > 1023:
            bad("catalog names may only use letters, digits and '_', start with a letter, at most 1023")
        if m.group(1) and self.version < (3, 2):
            bad(f"IF NOT EXISTS needs StarRocks 3.2 (--version is {vstr(self.version)})")
        body, props, pos = m.group(4), {}, 0
        while pos < len(body):
            pm = self.PROP_RE.match(body, pos)
            if not pm or pm.end() == pos:
                bad("PROPERTIES must be a list of \"key\" = \"value\" (double-quoted, escaped)")
                return
            if pm.group(1) in props:
                bad(f"property \"{pm.group(1)}\" is given twice")
            props[pm.group(1)] = pm.group(2)
            pos = pm.end()
        self.catalogs.add(name)
        typ = props.get("type")
        if typ not in self.CATALOG_TYPES:
            bad(f"unknown or missing \"type\": {typ!r}")
            return
        need = self.CATALOG_TYPES[typ]
        if self.version < need:
            bad(f"a {typ} catalog needs StarRocks {vstr(need)} (--version is {vstr(self.version)})")
        if typ == "hive":
            mtype = props.get("hive.metastore.type", "hive")
            if mtype not in ("hive", "glue", "dlf"):
                bad(f"\"hive.metastore.type\" must be hive, glue or dlf, not {mtype!r}")
            elif mtype == "hive" and not self.THRIFT_LIST.match(props.get("hive.metastore.uris", "")):
                bad("a hive catalog needs \"hive.metastore.uris\" = \"thrift://host:port[,thrift://host:port...]\"")
        elif typ == "jdbc":
            missing = [k for k in self.JDBC_REQUIRED if k not in props]
            if missing:
                bad("a jdbc catalog needs " + ", ".join(f'"{k}"' for k in missing))
            uri = props.get("jdbc_uri", "")
            jm = re.match(r"^jdbc:([a-z0-9]+):", uri)
            if "jdbc_uri" in props and not jm:
                bad(f"\"jdbc_uri\" must look like jdbc:<driver>://host:port, not {uri!r}")
            elif jm:
                need = self.JDBC_MIN_VERSION.get(jm.group(1))
                if need is None:
                    bad(f"StarRocks' JDBC catalog does not support {jm.group(1)!r}")
                elif self.version < need:
                    bad(f"a {jm.group(1)} JDBC catalog needs StarRocks {vstr(need)} (--version is {vstr(self.version)})")
            url = props.get("driver_url")
            if url is not None and not re.match(r"^(https?|file)://\S+$", url):
                bad(f"\"driver_url\" must be an http(s):// or file:// URL, not {url!r}")
            cls = props.get("driver_class")
            if cls is not None and not re.match(r"^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)+$", cls):
                bad(f"\"driver_class\" must be a Java class name, not {cls!r}")

    SESSION_VARS = {"query_timeout": (INT_, None), "insert_timeout": (INT_, (3, 4)),
                    "enable_insert_strict": (BOOL, None), "insert_max_filter_ratio": (TEXT, (3, 4)),
                    "pipeline_dop": (INT_, None), "query_mem_limit": (INT_, None),
                    "load_mem_limit": (INT_, None), "parallel_fragment_exec_instance_num": (INT_, None)}

    def check_set(self, no, line, tree):
        for item in tree.expressions:
            eq = item.this if isinstance(item, exp.SetItem) else item
            if not isinstance(eq, exp.EQ):
                continue
            var = eq.this.name.lower()
            val = eq.expression.sql(DIALECT).strip("'\"").upper()
            spec = self.SESSION_VARS.get(var)
            if spec is None:
                continue   # only the variables the generator writes are known here
            kind, need = spec
            if need and self.version < need:
                self.report(no, line, f"SET {var}", "session-variable",
                            f"{var} needs StarRocks {vstr(need)} (--version is {vstr(self.version)}); before, use query_timeout")
            if kind == INT_ and not re.match(r"^\d+$", val):
                self.report(no, line, f"SET {var}", "session-variable", f"{var} takes a whole number, not {val}")
            if kind == BOOL and val not in ("TRUE", "FALSE", "1", "0"):
                self.report(no, line, f"SET {var}", "session-variable", f"{var} takes true or false, not {val}")

    _references = {}

    def reference(self):
        """-> (path, {"db.table" lower: {column lower: (name, not_null, has_default)}}) or (None, None)"""
        import os
        path = self.create or os.path.join(os.path.dirname(self.path) or ".", "starrocks-create.all.sql")
        if not os.path.isfile(path):
            return path, None
        if path not in Checker._references:
            tables = {}
            with open(path, encoding="utf-8") as f:
                text = f.read()
            for a, b, _ in split_statements(text):
                try:
                    tree = sqlglot.parse_one(text[a:b], read=DIALECT)
                except (ParseError, TokenError):
                    continue
                if not isinstance(tree, exp.Create) or (tree.args.get("kind") or "").upper() != "TABLE":
                    continue
                if not isinstance(tree.this, exp.Schema) or not isinstance(tree.this.this, exp.Table):
                    continue
                t = tree.this.this
                cols = {}
                for c in tree.this.expressions:
                    if isinstance(c, exp.ColumnDef):
                        kinds = column_constraints(c)
                        not_null = any(isinstance(k, exp.NotNullColumnConstraint) and not k.args.get("allow_null")
                                       for k in kinds)
                        has_default = any(isinstance(k, (exp.DefaultColumnConstraint, exp.AutoIncrementColumnConstraint))
                                          for k in kinds)
                        cols[c.name.lower()] = (c.name, not_null, has_default)
                tables[f"{t.db}.{t.name}".lower()] = cols
            Checker._references[path] = tables
        return path, Checker._references[path]

    @staticmethod
    def union_branches(q):
        if isinstance(q, exp.Union):
            return Checker.union_branches(q.left) + Checker.union_branches(q.right)
        if isinstance(q, exp.Subquery):
            return Checker.union_branches(q.this)
        return [q]

    CAST_WORD_RE = re.compile(r"(?i)\bCAST\(.*?\bAS\s+([A-Za-z_][A-Za-z0-9_]*)\s*[()<]")

    def check_insert(self, no, line, tree, sql):
        self.loads += 1
        target = tree.this
        cols = None
        if isinstance(target, exp.Schema):
            cols = [c.name for c in target.expressions]
            target = target.this
        if not isinstance(target, exp.Table):
            self.report(no, line, "INSERT", "load-target", "the target is not a table")
            return
        label = f"{target.db}.{target.name}"
        what = f"INSERT INTO {label}"
        if not target.db or target.catalog:
            self.report(no, line, what, "load-target", "the target must be written `<db>`.`<table>`")
        ref_path, ref = self.reference()
        table = None
        if ref is None:
            self.report(no, line, what, "load-target",
                        f"no {ref_path} to check the INSERT against (it lives next to starrocks-create.all.sql, or give --create FILE)")
        else:
            table = ref.get(label.lower())
            if table is None:
                self.report(no, line, what, "load-target", f"{ref_path} creates no table {label}")
        if cols is None:
            self.report(no, line, what, "load-columns", "no column list: write INSERT INTO <table> (<columns>) SELECT ...")
        elif table is not None:
            seen = set()
            for c in cols:
                if c.lower() not in table:
                    self.report(no, line, what, "load-columns", f"column `{c}` is not a column of {label}")
                if c.lower() in seen:
                    self.report(no, line, what, "load-columns", f"column `{c}` is listed twice")
                seen.add(c.lower())
            for low, (name, not_null, has_default) in table.items():
                if low not in seen and not_null and not has_default:
                    self.report(no, line, what, "load-columns", f"NOT NULL column `{name}` (no default) is not loaded")
        # raw CAST type words first (sqlglot rewrites e.g. TIMESTAMP -> DATETIME), then the parsed types
        raw = [w for w in self.CAST_WORD_RE.findall(sql) if w.upper() not in SR_TYPE_WORDS]
        for w in raw:
            self.report(no, line, what, "column-type", f"CAST to {w}: not a StarRocks type name")
        query = tree.expression
        branches = self.union_branches(query) if query is not None else []
        if not branches:
            self.report(no, line, what, "load-select", "no SELECT to load from")
        for i, sel in enumerate(branches, 1):
            part = f"SELECT {i} of {len(branches)}" if len(branches) > 1 else "the SELECT"
            if not isinstance(sel, exp.Select):
                self.report(no, line, what, "load-select", f"{part} is not a plain SELECT")
                continue
            if cols is not None and len(sel.expressions) != len(cols):
                self.report(no, line, what, "load-select",
                            f"{part} gives {len(sel.expressions)} values for {len(cols)} columns")
            errs = []
            for cast in sel.find_all(exp.Cast) if not raw else []:
                if isinstance(cast.args.get("to"), exp.DataType):
                    self.check_type(f"CAST({cast.this.sql(DIALECT)[:60]})", cast.args["to"], errs)
            for rule, msg in errs:
                self.report(no, line, what, rule, f"{part}: {msg}")
            frm = sel.args.get("from") or sel.args.get("from_")
            src = frm.this if frm is not None else None
            if not isinstance(src, exp.Table) or not src.catalog or not src.db:
                self.report(no, line, what, "load-source",
                            f"{part} must read `<catalog>`.`<db>`.`<table>`")
            elif src.catalog not in self.catalogs:
                self.report(no, line, what, "load-source",
                            f"{part} reads catalog `{src.catalog}`, which this file does not create")

    def table_label(self, tree):
        t = tree.this.this if isinstance(tree.this, exp.Schema) else tree.this
        return "table " + ".".join(p.name for p in t.parts) if isinstance(t, exp.Table) else "table ?"

    def check_names(self, tree, errs):
        t = tree.this.this if isinstance(tree.this, exp.Schema) else tree.this
        if isinstance(t, exp.Table):
            if t.args.get("db") is not None and (not NAME_RE.match(t.db) or len(t.db) > 256):
                errs.append(("identifier", f"database name {t.db!r}: only letters, digits and '_' (start: letter or '_'), at most 256"))
            if not NAME_RE.match(t.name) or len(t.name) > 1024:
                errs.append(("identifier", f"table name {t.name!r}: only letters, digits and '_' (start: letter or '_'), at most 1024"))

    def columns(self, tree, errs, tokens):
        schema = tree.this
        if not isinstance(schema, exp.Schema):
            return None
        cols = [e for e in schema.expressions if isinstance(e, exp.ColumnDef)]
        if not cols:
            errs.append(("column-type", "the table has no columns"))
        # raw type words first: sqlglot silently rewrites some (VARCHAR2 -> VARCHAR, TIMESTAMP -> DATETIME)
        words, empty = self.column_type_words(tokens)
        if empty:
            errs.append(("syntax", "empty entry in the column list (a trailing or doubled comma)"))
        flagged = set()
        for cname, word in words:
            if word.upper() not in SR_TYPE_WORDS:
                errs.append(("column-type", f"column `{cname}`: {word} is not a StarRocks type name"))
                flagged.add(cname.lower())
        seen = {}
        for c in cols:
            name = c.name
            low = name.lower()
            if not name or len(name) > 1024 or re.search(r"[\x00-\x1f]", name):
                errs.append(("column-name", f"column {name!r}: empty, longer than 1024 or has control characters"))
            if low.startswith("__op") or low.startswith("__row"):
                errs.append(("column-name", f"column `{name}`: names starting with __op / __row are reserved"))
            if low in seen:
                errs.append(("duplicate-column", f"column `{name}` is defined twice"))
            seen[low] = c
            if c.args.get("kind") is None:
                errs.append(("column-type", f"column `{name}` has no type"))
            elif low not in flagged:
                self.check_type(name, c.args["kind"], errs)

        return cols

    def check_external(self, no, line, tree, props, tokens):
        what = self.table_label(tree)
        errs = []
        self.check_names(tree, errs)
        self.columns(tree, errs, tokens)
        engine = next((p.this.name.lower() for p in props if isinstance(p, exp.EngineProperty)), None)
        kv = {p.name: p.args["value"].name for p in props if type(p) is exp.Property and p.args.get("value") is not None}
        if engine is None or engine == "olap":
            errs.append(("external-table", "an EXTERNAL table needs ENGINE = mysql|hive|jdbc|elasticsearch|iceberg|hudi"))
        elif engine not in EXTERNAL_REQUIRED:
            errs.append(("external-table", f"unknown ENGINE {engine!r}"))
        else:
            missing = [k for k in EXTERNAL_REQUIRED[engine] if k not in kv]
            if missing:
                errs.append(("external-table", f"ENGINE={engine} needs the properties {', '.join(missing)}"))
            if engine == "mysql" and "port" in kv and not kv["port"].isdigit():
                errs.append(("property-value", f"\"port\" must be a number, got {kv['port']!r}"))
        for rule, msg in errs:
            self.report(no, line, what, rule, msg)

    def check_olap(self, no, line, tree, props, tokens):
        what = self.table_label(tree)
        errs = []
        self.check_names(tree, errs)
        cols = self.columns(tree, errs, tokens)
        if cols is None:            # CREATE TABLE ... AS / LIKE: nothing more to check
            for rule, msg in errs:
                self.report(no, line, what, rule, msg)
            return
        by_name = {c.name.lower(): c for c in cols}
        names = [c.name.lower() for c in cols]
        tname = {c.name.lower(): (type_name(c.args["kind"]) if c.args.get("kind") is not None else None) for c in cols}

        # clause order (sqlglot silently reorders clauses)
        seq = self.clause_sequence(tokens)
        for (ra, wa), (rb, wb) in zip(seq, seq[1:]):
            if rb < ra:
                errs.append(("clause-order", f"{wb} must come before {wa}"))
            elif rb == ra and ra != 1:
                errs.append(("clause-order", f"{wa} appears twice"))

        # engine
        for p in props:
            if isinstance(p, exp.EngineProperty) and p.this.name.lower() != "olap":
                errs.append(("external-table", f"ENGINE={p.this.name} without EXTERNAL"))

        # keys
        keys = []
        schema = tree.this
        for e in schema.expressions:
            if isinstance(e, exp.PrimaryKey):
                keys.append(("PRIMARY", [i.name.lower() for i in e.expressions]))
        for p in props:
            if isinstance(p, exp.DuplicateKeyProperty):
                keys.append(("DUPLICATE", [i.name.lower() for i in p.expressions]))
            elif isinstance(p, exp.UniqueKeyProperty):
                keys.append(("UNIQUE", [i.name.lower() for i in p.expressions]))
            elif isinstance(p, exp.AggregateKeyProperty):
                keys.append(("AGGREGATE", [i.name.lower() for i in p.expressions]))
        for c in cols:
            if any(isinstance(k, exp.PrimaryKeyColumnConstraint) for k in column_constraints(c)):
                errs.append(("key-clause", f"column `{c.name}`: a column-level PRIMARY KEY is not StarRocks syntax; use PRIMARY KEY(...) after the columns"))
        if len(keys) > 1:
            errs.append(("key-clause", "more than one key clause: " + ", ".join(k for k, _ in keys)))
        model, kcols = keys[0] if keys else ("DUPLICATE", None)
        if kcols is not None:
            missing = [k for k in kcols if k not in by_name]
            if missing:
                errs.append(("key-columns", f"{model} KEY columns not in the table: {', '.join(missing)}"))
            elif names[:len(kcols)] != kcols:
                errs.append(("key-order", f"{model} KEY ({', '.join(kcols)}) must be the first columns in key order; "
                                          f"the table starts with ({', '.join(names[:len(kcols)])})"))
            if len(set(kcols)) != len(kcols):
                errs.append(("key-columns", f"{model} KEY lists a column twice"))
            for k in kcols:
                t = tname.get(k)
                if t is None:
                    continue
                if model == "PRIMARY" and t not in PK_TYPES:
                    errs.append(("pk-type", f"PRIMARY KEY column `{k}` is {t}; allowed: BOOLEAN, TINYINT, SMALLINT, INT, BIGINT, LARGEINT, VARCHAR/STRING, DATE, DATETIME"))
                elif model != "PRIMARY" and t in NOT_SORT_KEY:
                    errs.append(("sort-key-type", f"{model} KEY column `{k}` is {t}, which cannot be a sort key"))
        key_set = set(kcols or [])

        # aggregate functions
        for c in cols:
            aggs = [k.name.upper() for k in column_constraints(c) if isinstance(k, exp.Var) and k.name.upper() in AGG_FUNCS]
            low = c.name.lower()
            if model == "AGGREGATE" and kcols is not None:
                if low in key_set and aggs:
                    errs.append(("aggregate-function", f"key column `{c.name}` must not have an aggregate function ({aggs[0]})"))
                elif low not in key_set and not aggs:
                    errs.append(("aggregate-function", f"value column `{c.name}` of an AGGREGATE KEY table needs SUM/MAX/MIN/REPLACE/..."))
            elif aggs:
                errs.append(("aggregate-function", f"column `{c.name}`: {aggs[0]} is only allowed in AGGREGATE KEY tables"))
            t = tname.get(low)
            for k in column_constraints(c):
                if isinstance(k, exp.DefaultColumnConstraint) and t in COMPLEX:
                    errs.append(("default-value", f"column `{c.name}`: a {t} column cannot have a DEFAULT"))
                if isinstance(k, exp.AutoIncrementColumnConstraint):
                    if t != "BIGINT":
                        errs.append(("default-value", f"column `{c.name}`: AUTO_INCREMENT needs BIGINT, not {t}"))
                    if self.version < (3, 0):
                        errs.append(("default-value", f"column `{c.name}`: AUTO_INCREMENT needs StarRocks 3.0"))

        # distribution and ORDER BY
        dist = [p for p in props if isinstance(p, exp.DistributedByProperty)]
        if not dist and self.version < (3, 1):
            errs.append(("distribution", f"DISTRIBUTED BY is required before StarRocks 3.1 (--version is {vstr(self.version)})"))
        for p in dist:
            dkind = (p.args.get("kind") or "HASH").upper()
            dc = [i.name.lower() for i in p.expressions]
            if dkind == "RANDOM":
                if model != "DUPLICATE":
                    errs.append(("distribution", f"DISTRIBUTED BY RANDOM is only allowed for DUPLICATE KEY tables, not {model} KEY"))
                if self.version < (3, 1):
                    errs.append(("distribution", "DISTRIBUTED BY RANDOM needs StarRocks 3.1"))
            else:
                if not dc:
                    errs.append(("distribution", "DISTRIBUTED BY HASH needs at least one column"))
                missing = [d for d in dc if d not in by_name]
                if missing:
                    errs.append(("distribution", f"DISTRIBUTED BY columns not in the table: {', '.join(missing)}"))
                if model in ("PRIMARY", "AGGREGATE", "UNIQUE") and kcols is not None:
                    outside = [d for d in dc if d in by_name and d not in key_set]
                    if outside:
                        errs.append(("distribution", f"DISTRIBUTED BY columns of a {model} KEY table must be key columns: {', '.join(outside)}"))
                for d in dc:
                    if tname.get(d) in COMPLEX:
                        errs.append(("distribution", f"bucket column `{d}` is {tname[d]}, which cannot be hashed"))
            b = p.args.get("buckets")
            if b is None:
                if self.version < (2, 5, 7):
                    errs.append(("buckets", f"BUCKETS is required before StarRocks 2.5.7 (--version is {vstr(self.version)})"))
            elif not (isinstance(b, exp.Literal) and not b.is_string and str(b.this).isdigit() and int(b.this) > 0):
                errs.append(("buckets", f"BUCKETS must be a positive integer, got {b.sql(DIALECT)}"))
            order = p.args.get("order")
            if order is not None:
                ocols = [c.name.lower() for c in order.find_all(exp.Column)]
                need = (3, 0) if model == "PRIMARY" else (3, 3)
                if self.version < need:
                    errs.append(("sort-key-type", f"ORDER BY on a {model} KEY table needs StarRocks {vstr(need)}"))
                for oc in ocols:
                    if oc not in by_name:
                        errs.append(("sort-key-type", f"ORDER BY column `{oc}` is not in the table"))
                    elif tname.get(oc) in NOT_SORT_KEY:
                        errs.append(("sort-key-type", f"ORDER BY column `{oc}` is {tname[oc]}, which cannot be a sort key"))

        # partitioning
        pcols, range_part = [], False
        for p in props:
            if isinstance(p, (exp.PartitionByRangeProperty, exp.PartitionByListProperty)):
                range_part = range_part or isinstance(p, exp.PartitionByRangeProperty)
                for e in p.args.get("partition_expressions") or []:
                    pcols += [c.name.lower() for c in e.find_all(exp.Column)] or [e.name.lower()]
            elif isinstance(p, exp.PartitionedByProperty):
                pcols += [c.name.lower() for c in p.find_all(exp.Column)]
        for pc in pcols:
            if pc not in by_name:
                errs.append(("partition", f"partition column `{pc}` is not in the table"))
            elif model in ("PRIMARY", "AGGREGATE", "UNIQUE") and kcols is not None and pc not in key_set:
                errs.append(("partition", f"partition column `{pc}` of a {model} KEY table must be a key column"))
            elif tname.get(pc) in COMPLEX or tname.get(pc) in ("FLOAT", "DOUBLE"):
                errs.append(("partition", f"partition column `{pc}` is {tname[pc]}"))

        # properties
        kv = {}
        for p in props:
            if type(p) is exp.Property and isinstance(p.this, exp.Literal):
                kv[p.this.name] = p.args["value"].name if p.args.get("value") is not None else ""
        for k, v in kv.items():
            spec = KNOWN_PROPERTIES.get(k)
            if spec is None:
                errs.append(("unknown-property", f"\"{k}\" is not a StarRocks table property"))
                continue
            kind, need = spec
            if need and self.version < need:
                errs.append(("property-value", f"\"{k}\" needs StarRocks {vstr(need)} (--version is {vstr(self.version)})"))
            if kind == BOOL and v.lower() not in ("true", "false"):
                errs.append(("property-value", f"\"{k}\" must be true or false, got {v!r}"))
            elif kind == INT_ and not re.match(r"^-?\d+$", v):
                errs.append(("property-value", f"\"{k}\" must be an integer, got {v!r}"))
            elif isinstance(kind, tuple) and v.upper() not in kind:
                errs.append(("property-value", f"\"{k}\" must be one of {', '.join(kind)}, got {v!r}"))
            elif kind == "columns":
                bad = [x.strip() for x in v.split(",") if x.strip().lower() not in by_name]
                if bad:
                    errs.append(("property-value", f"\"{k}\" names unknown columns: {', '.join(bad)}"))
        for k in ("replication_num", "dynamic_partition.replication_num"):
            v = kv.get(k)
            if v is not None and re.match(r"^-?\d+$", v) and not 1 <= int(v) <= self.be_num:
                errs.append(("replication-num", f"\"{k}\" = \"{v}\" but the cluster has {self.be_num} BE(s) (--be-num); allowed 1..{self.be_num}"))
        comp = kv.get("compression")
        if comp is not None and re.sub(r"\(\d+\)$", "", comp.upper()) not in COMPRESSION:
            errs.append(("property-value", f"\"compression\" must be one of {', '.join(sorted(COMPRESSION))}, got {comp!r}"))
        if kv.get("dynamic_partition.enable", "").lower() == "true":
            if not range_part:
                errs.append(("property-value", "dynamic partitioning needs PARTITION BY RANGE (...)"))
            for req in ("dynamic_partition.time_unit", "dynamic_partition.end"):
                if req not in kv:
                    errs.append(("property-value", f"dynamic partitioning needs \"{req}\""))

        for rule, msg in errs:
            self.report(no, line, what, rule, msg)


def main(argv=None):
    ap = argparse.ArgumentParser(description="Offline check of StarRocks DDL files (sqlglot + StarRocks rules).")
    ap.add_argument("--version", type=version_tuple, default=version_tuple("3.3"),
                    help="target StarRocks version X.Y[.Z] (default 3.3)")
    ap.add_argument("--be-num", type=int, default=3, help="number of BE nodes (default 3)")
    ap.add_argument("--create", metavar="FILE",
                    help="DDL the INSERT statements are checked against (default: the starrocks-create.all.sql "
                         "next to each file)")
    ap.add_argument("files", nargs="+", metavar="FILE.sql")
    a = ap.parse_args(argv)
    if a.be_num < 1:
        ap.error("--be-num must be at least 1")
    bad = io_error = 0
    for path in a.files:
        try:
            with open(path, encoding="utf-8") as f:
                text = f.read()
        except (OSError, UnicodeDecodeError) as e:
            print(f"{path}: cannot read: {e}")
            io_error = 1
            continue
        c = Checker(path, a.version, a.be_num, a.create)
        n = c.check_file(text)
        if c.problems:
            bad += 1
            print("\n".join(c.problems))
        else:
            loads = f", {c.loads} loads checked" if c.loads else ""
            print(f"ok {path} ({n} statements, {c.tables} tables checked{loads})")
        sys.stdout.flush()
    return 2 if io_error else 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
