#!/usr/bin/env bash
# Benchmark (not a test): convert a 10,000-table MySQL dump with `smt generate` and compare with
# sqlglot's transpile of the same dump to the StarRocks dialect. Reports wall time and peak memory
# of both, and the ratio.
#
#   scripts/bench-dump.sh [TABLES]        (default 10000)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
TABLES="${1:-10000}"
source scripts/lib/checks-common.sh
export SMT_CACHE="${SMT_CACHE:-$HOME/.cache/smt}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

echo "building (release)..."
cargo build --quiet --release -p smt-cli --bin smt ${SMT_BENCH_FEATURES:-}
cargo build --quiet --release -p smt-source-ddl --example gen_dump
BIN="${CARGO_TARGET_DIR:-$ROOT/target}/release"
"$BIN/examples/gen_dump" "$TABLES" > "$WORK/bench.sql"
echo "dump: $TABLES tables, $(du -h "$WORK/bench.sql" | cut -f1)"
cat > "$WORK/bench.conf" <<CONF
[db]
type = mysql
host = 127.0.0.1
port = 3306
user = root
password =
ddl_file = bench.sql
[other]
be_num = 3
use_decimal_v3 = true
output_dir = ./result
[table-rule.1]
database = ^bench\$
table = .*
merge_shards = false
flink.starrocks.jdbc-url = jdbc:mysql://127.0.0.1:9030
flink.starrocks.load-url = 127.0.0.1:8030
CONF

measure() { # label, command...
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o "$WORK/time.txt" "$@" > /dev/null 2> "$WORK/err.txt" || {
    cat "$WORK/err.txt" >&2; return 1; }
  read -r secs kb < "$WORK/time.txt"
  printf '%-22s %8.2f s %8.1f MB peak\n' "$label" "$secs" "$(echo "$kb/1024" | bc -l)"
  eval "${label//[^a-z]/_}_secs=$secs"
}

cd "$WORK"
measure "smt generate" "$BIN/smt" generate -q -c bench.conf -o out
cd "$ROOT"
smt_secs=$smt_generate_secs

py="$(smt_sqlglot_python)"   # pinned sqlglot venv, cached
cat > "$WORK/transpile.py" <<'PY'
import sys, sqlglot
text = open(sys.argv[1], encoding="utf-8").read()
out = sqlglot.transpile(text, read="mysql", write="starrocks", error_level=sqlglot.ErrorLevel.IGNORE)
print(len(out))
PY
measure "sqlglot transpile" "$py" "$WORK/transpile.py" "$WORK/bench.sql"
echo "ratio: smt is $(echo "$sqlglot_transpile_secs / $smt_secs" | bc -l | xargs printf '%.1f')x faster than sqlglot"
