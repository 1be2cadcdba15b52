#!/usr/bin/env bash
# scripts/bench-mysql.sh - how fast smt reads a big MySQL catalog, next to mysqldump --no-data.
#
# Creates (once) BENCH_DBS databases x BENCH_TABLES tables x 16 columns with mixed key shapes in
# the MariaDB on 127.0.0.1:3306 (scripts/services/mariadb.sh), then times, side by side,
#   (a) $SMT_CMD             - by default the smt-source-mysql `introspect` example (release);
#   (b) mysqldump --no-data  - of the same databases;
# interleaved BENCH_RUNS times each, and prints best and median wall time, peak RSS
# (/usr/bin/time -v), the ratios and smt's catalog query count. Not a test: it asserts nothing, it reports.
#
# Environment:
#   BENCH_DBS=100 BENCH_TABLES=100 BENCH_RUNS=5 BENCH_PREFIX=smt_bench_
#   SMT_CMD="..."      command for (a); it must read every table of the databases ^$BENCH_PREFIX
#                      (switch to `smt generate ...` once the CLI exists)
#   BENCH_DROP=1       drop the bench databases at the end
#   CARGO_TARGET_DIR   where the example is built (default: target/)
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."

DBS=${BENCH_DBS:-100}
TABLES=${BENCH_TABLES:-100}
RUNS=${BENCH_RUNS:-5}
PREFIX=${BENCH_PREFIX:-smt_bench_}
HOST=127.0.0.1
PORT=${SMT_MARIADB_PORT:-3306}
TARGET=${CARGO_TARGET_DIR:-target}
MYSQL=(mariadb -h"$HOST" -P"$PORT" -uroot)
DUMP=$(command -v mariadb-dump || command -v mysqldump)

log() { echo "[bench] $*" >&2; }

scripts/services/mariadb.sh

# ---- data ---------------------------------------------------------------------------------
want=$((DBS * TABLES))
have=$("${MYSQL[@]}" -N -e "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA LIKE '${PREFIX//_/\\_}%'")
if [ "$have" != "$want" ]; then
  log "creating $DBS databases x $TABLES tables x 16 columns (have $have of $want tables)"
  sql=$(mktemp /tmp/smt-bench-XXXXXX.sql)
  awk -v dbs="$DBS" -v tables="$TABLES" -v prefix="$PREFIX" -v q="'" 'BEGIN {
    print "SET SESSION sql_log_bin = 0;";
    for (d = 0; d < dbs; d++) {
      db = sprintf("%s%03d", prefix, d);
      printf "DROP DATABASE IF EXISTS `%s`; CREATE DATABASE `%s`; USE `%s`;\n", db, db, db;
      for (t = 0; t < tables; t++) {
        shape = t % 5;
        printf "CREATE TABLE `t_%03d` (", t;
        printf "`id` bigint unsigned NOT NULL%s, ", (shape == 0 ? " AUTO_INCREMENT" : "");
        printf "`tenant` int NOT NULL, `code` varchar(32) NOT NULL, `name` varchar(200) DEFAULT NULL, ";
        printf "`price` decimal(12,2) NOT NULL DEFAULT 0.00, `qty` smallint DEFAULT 0, `flag` tinyint(1) DEFAULT 1, ";
        printf "`kind` enum(%sa%s,%sb%s,%sc%s) DEFAULT %sa%s, `note` text, `body` longtext, ", q, q, q, q, q, q, q, q;
        printf "`created` datetime(3) NOT NULL DEFAULT current_timestamp(3), `updated` timestamp NULL DEFAULT NULL, ";
        printf "`ratio` double DEFAULT NULL, `bits` bit(8) DEFAULT NULL, `day` date DEFAULT NULL, `blob_col` blob";
        if (shape == 0) printf ", PRIMARY KEY (`id`)";
        if (shape == 1) printf ", PRIMARY KEY (`tenant`, `id`), UNIQUE KEY `uk_code` (`code`)";
        if (shape == 2) printf ", UNIQUE KEY `uk_id` (`id`), KEY `ix_name` (`name`)";
        if (shape == 4) printf ", PRIMARY KEY (`id`), UNIQUE KEY `uk_tc` (`tenant`, `code`), KEY `ix_day` (`day`)";
        printf ") ENGINE=InnoDB COMMENT=%sbench table %d%s;\n", q, t, q;
      }
    }
  }' > "$sql"
  start=$(date +%s)
  "${MYSQL[@]}" < "$sql"
  rm -f "$sql"
  log "created in $(( $(date +%s) - start )) s"
fi

# ---- commands -----------------------------------------------------------------------------
if [ -z "${SMT_CMD:-}" ]; then
  # Default: the real thing, `smt generate` end to end (catalog read, plan, DDL + Flink SQL,
  # result folder). SMT_CMD=introspect times the adapter alone.
  log "building smt (release)"
  CARGO_TARGET_DIR="$TARGET" cargo build -q --release -p smt-cli --bin smt
  CONF_DIR=$(mktemp -d /tmp/smt-bench-conf-XXXXXX)
  cat > "$CONF_DIR/bench.conf" <<CONF
[db]
type = mysql
host = $HOST
port = $PORT
user = root
password =
[other]
be_num = 3
use_decimal_v3 = true
[table-rule.1]
database = ^${PREFIX}
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
  CARGO_TARGET_DIR="$TARGET" cargo build -q --release -p smt-source-mysql --example introspect
  SMT_CMD="$TARGET/release/examples/introspect --host $HOST --port $PORT --user root --db ^${PREFIX}"
fi
mapfile -t DB_LIST < <("${MYSQL[@]}" -N -e "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE '${PREFIX//_/\\_}%' ORDER BY 1")
DUMP_CMD="$DUMP -h$HOST -P$PORT -uroot --no-data --databases ${DB_LIST[*]}"

# run NAME CMD -> appends "seconds rss_kb" to $RESULTS/NAME, keeps stdout in $RESULTS/NAME.out
RESULTS=$(mktemp -d /tmp/smt-bench-run-XXXXXX)
run() {
  local name=$1 cmd=$2 t rss
  /usr/bin/time -v -o "$RESULTS/time" bash -c "$cmd" >"$RESULTS/$name.out" 2>"$RESULTS/err" \
    || { log "$name failed:"; cat "$RESULTS/err" >&2; exit 1; }
  t=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$RESULTS/time")
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$RESULTS/time")
  echo "$t $rss" >> "$RESULTS/$name"
  log "$name: ${t} s, peak RSS ${rss} KiB"
}
# stat NAME -> "best median max_rss_kb"
stat() { sort -n "$RESULTS/$1" | awk '{t[NR]=$1; if ($2>r) r=$2} END {m=(NR%2)? t[(NR+1)/2] : (t[NR/2]+t[NR/2+1])/2; print t[1], m, r}'; }

# Interleaved, so that load from other processes hits both tools alike.
for i in $(seq 1 "$RUNS"); do
  run smt "$SMT_CMD"
  run mysqldump "$DUMP_CMD > /dev/null"
done
read -r smt_best smt_med smt_rss < <(stat smt)
read -r dump_best dump_med dump_rss < <(stat mysqldump)
smt_out=$(cat "$RESULTS/smt.out")
rm -rf "$RESULTS"

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1f", a / b; else print "inf" }'; }
queries=$(echo "$smt_out" | sed -n -e 's/.*queries=\([0-9]*\).*/\1/p' -e 's/.*(\([0-9]*\) catalog queries).*/\1/p' | head -n 1)
echo
echo "== bench: $DBS databases x $TABLES tables x 16 columns ($want tables), $RUNS interleaved runs =="
printf '%-12s %10s %12s %16s\n' tool "best (s)" "median (s)" "peak RSS (MiB)"
printf '%-12s %10s %12s %16s\n' smt "$smt_best" "$smt_med" "$((smt_rss / 1024))"
printf '%-12s %10s %12s %16s\n' mysqldump "$dump_best" "$dump_med" "$((dump_rss / 1024))"
echo "smt vs mysqldump --no-data: $(ratio "$dump_best" "$smt_best")x faster (best), $(ratio "$dump_med" "$smt_med")x (median); smt catalog queries: ${queries:-?}"
echo "smt says: $smt_out"

if [ "${BENCH_DROP:-0}" = 1 ]; then
  log "dropping the bench databases"
  for db in "${DB_LIST[@]}"; do "${MYSQL[@]}" -e "DROP DATABASE \`$db\`"; done
fi
