#!/usr/bin/env bash
# scripts/bench-postgres.sh - time the live PostgreSQL adapter against pg_dump --schema-only on
# the same database: SCHEMAS x TABLES tables of 16 columns with mixed key shapes.
#
#   scripts/bench-postgres.sh [--recreate]
#
# Environment:
#   PG_HOST/PG_PORT/PG_USER  server (127.0.0.1 / 5432 / postgres; PGPASSWORD if it needs one)
#   BENCH_DB                 database (smt_bench_pg), created when missing or with --recreate
#   SCHEMAS, TABLES          shape (100 x 100 = 10,000 tables)
#   RUNS                     timed runs of each side (3), after one warm-up run each
#   SMT_CMD                  side (a), the command under test; default: the adapter's
#                            `introspect` example (release build). The lead will point this at
#                            `smt generate`.
#   CARGO_TARGET_DIR         where the example is built (default: target/)
#
# Prints, for each side: median and best wall time, peak RSS (/usr/bin/time -v), then the
# ratio pg_dump / smt and the adapter's catalog query count.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."

PG_HOST=${PG_HOST:-127.0.0.1}
PG_PORT=${PG_PORT:-5432}
PG_USER=${PG_USER:-postgres}
BENCH_DB=${BENCH_DB:-smt_bench_pg}
SCHEMAS=${SCHEMAS:-100}
TABLES=${TABLES:-100}
RUNS=${RUNS:-3}
TARGET=${CARGO_TARGET_DIR:-target}
OUT=${BENCH_OUT:-/tmp/smt-bench-postgres}
mkdir -p "$OUT"

log() { echo "[bench-postgres $(date +%T)] $*" >&2; }
PSQL=(psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -v ON_ERROR_STOP=1 -Atq)

scripts/services/postgres.sh

# ---- the database -----------------------------------------------------------------------------
want=$((SCHEMAS * TABLES))
have=$("${PSQL[@]}" -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$BENCH_DB'" || true)
if [ "${1:-}" = "--recreate" ] || [ "$have" != 1 ] || \
   [ "$("${PSQL[@]}" -d "$BENCH_DB" -c "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'r' AND n.nspname LIKE 'bench\_%'")" != "$want" ]; then
  log "creating $BENCH_DB: $SCHEMAS schemas x $TABLES tables x 16 columns"
  "${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS \"$BENCH_DB\" WITH (FORCE)"
  "${PSQL[@]}" -d postgres -c "CREATE DATABASE \"$BENCH_DB\" ENCODING 'UTF8' TEMPLATE template0"
  "${PSQL[@]}" -d "$BENCH_DB" <<SQL
CREATE TYPE public.status AS ENUM ('new', 'paid', 'shipped');
CREATE DOMAIN public.amount AS numeric(12,2) CHECK (VALUE >= 0);
DO \$\$
DECLARE s int; t int; k int; tbl text; cols text;
BEGIN
  FOR s IN 0..$((SCHEMAS - 1)) LOOP
    EXECUTE format('CREATE SCHEMA %I', 'bench_' || s);
    FOR t IN 0..$((TABLES - 1)) LOOP
      tbl := format('%I.%I', 'bench_' || s, 't_' || t);
      cols := 'id bigint NOT NULL, a integer NOT NULL, b varchar(64) NOT NULL, c text, '
           || 'd numeric(18,4) DEFAULT 0, e timestamp(3) DEFAULT now(), f timestamptz, g date, '
           || 'h boolean DEFAULT false, i jsonb, j uuid, k smallint, l double precision, '
           || 'm public.status DEFAULT ''new'', n public.amount, o integer[]';
      k := t % 5;
      IF k = 0 THEN
        EXECUTE format('CREATE TABLE %s (%s, PRIMARY KEY (id))', tbl, cols);
      ELSIF k = 1 THEN
        EXECUTE format('CREATE TABLE %s (%s, PRIMARY KEY (a, b))', tbl, cols);
      ELSIF k = 2 THEN
        EXECUTE format('CREATE TABLE %s (%s, UNIQUE (id), UNIQUE (c))', tbl, cols);
      ELSIF k = 3 THEN
        EXECUTE format('CREATE TABLE %s (%s)', tbl, cols);
        EXECUTE format('CREATE UNIQUE INDEX %I ON %s (a, id)', 'ux_' || s || '_' || t, tbl);
        EXECUTE format('CREATE UNIQUE INDEX %I ON %s (c) WHERE c IS NOT NULL', 'px_' || s || '_' || t, tbl);
      ELSE
        EXECUTE format('CREATE TABLE %s (%s)', tbl, cols);
      END IF;
      EXECUTE format('COMMENT ON COLUMN %s.c IS %L', tbl, 'comment ' || t);
    END LOOP;
    COMMIT;
  END LOOP;
END
\$\$;
SQL
  "${PSQL[@]}" -d "$BENCH_DB" -c "VACUUM ANALYZE"
fi
log "$BENCH_DB has $want tables"

# ---- side (a): smt ----------------------------------------------------------------------------
if [ -z "${SMT_CMD:-}" ]; then
  # Default: `smt generate` end to end. SMT_CMD=introspect times the adapter alone.
  log "building smt (release)"
  CARGO_TARGET_DIR=$TARGET cargo build -q --release -p smt-cli --bin smt
  CONF_DIR=$(mktemp -d /tmp/smt-bench-conf-XXXXXX)
  cat > "$CONF_DIR/bench.conf" <<CONF
[db]
type = pgsql
host = $PG_HOST
port = $PG_PORT
user = $PG_USER
password =
[other]
be_num = 3
use_decimal_v3 = true
[table-rule.1]
database = ^${BENCH_DB}\$
schema = ^bench_
table = .*
merge_shards = false
flink.starrocks.jdbc-url = jdbc:mysql://127.0.0.1:9030
flink.starrocks.load-url = 127.0.0.1:8030
flink.starrocks.username = root
flink.starrocks.password =
CONF
  SMT_CMD="$TARGET/release/smt generate --force -c $CONF_DIR/bench.conf -o $CONF_DIR/result 2>&1 | tail -n 20"
elif [ "$SMT_CMD" = introspect ]; then
  log "building the introspect example (release)"
  CARGO_TARGET_DIR=$TARGET cargo build -q --release -p smt-source-postgres --example introspect
  SMT_CMD="$TARGET/release/examples/introspect --host $PG_HOST --port $PG_PORT --user $PG_USER --db '^${BENCH_DB}\$' --schema '^bench_' --table '.*'"
fi
PG_DUMP_CMD="pg_dump --schema-only -h $PG_HOST -p $PG_PORT -U $PG_USER -d $BENCH_DB -f $OUT/dump.sql"

# run_timed NAME CMD: one warm-up, then RUNS runs; prints "median best peak_kb" for NAME
run_timed() {
  local name=$1 cmd=$2 i
  : >"$OUT/$name.times"
  bash -c "$cmd" >"$OUT/$name.out" 2>"$OUT/$name.err" || { cat "$OUT/$name.err" >&2; exit 1; }
  for i in $(seq 1 "$RUNS"); do
    /usr/bin/time -v -o "$OUT/$name.time.$i" bash -c "$cmd" >"$OUT/$name.out" 2>"$OUT/$name.err"
    awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,p,":"); s=0; for(j=1;j<=n;j++) s=s*60+p[j]; w=s}
                /Maximum resident set size/ {m=$2}
                END {print w, m}' "$OUT/$name.time.$i" >>"$OUT/$name.times"
  done
  sort -n "$OUT/$name.times" | awk -v runs="$RUNS" '
    {w[NR]=$1; if ($2 > m) m=$2}
    END {printf "%.3f %.3f %d\n", w[int((runs+1)/2)], w[1], m}'
}

log "side (a): $SMT_CMD"
read -r a_med a_best a_kb < <(run_timed smt "$SMT_CMD")
log "side (b): $PG_DUMP_CMD"
read -r b_med b_best b_kb < <(run_timed pg_dump "$PG_DUMP_CMD")

summary=$(cat "$OUT/smt.err" "$OUT/smt.out")
queries=$(sed -n -e 's/.*queries=\([0-9]*\).*/\1/p' -e 's/.*(\([0-9]*\) catalog queries).*/\1/p' <<<"$summary" | head -n 1)
printf '\n%-10s %12s %12s %14s\n' side median_s best_s peak_rss_MiB
printf '%-10s %12s %12s %14.1f\n' smt "$a_med" "$a_best" "$(echo "$a_kb / 1024" | bc -l)"
printf '%-10s %12s %12s %14.1f\n' pg_dump "$b_med" "$b_best" "$(echo "$b_kb / 1024" | bc -l)"
printf '\nratio pg_dump/smt (median): %.1fx\n' "$(echo "$b_med / $a_med" | bc -l)"
echo "smt: $summary"
echo "catalog queries: ${queries:-?} (constant: per database, not per table)"
echo "dump: $(wc -c <"$OUT/dump.sql") bytes, $(grep -c '^CREATE TABLE' "$OUT/dump.sql") CREATE TABLE"
