#!/usr/bin/env bash
# scripts/services/mariadb-nobinlog.sh - a second MariaDB on 127.0.0.1:${SMT_MARIADB_BAD_PORT:-3307}
# whose binary log is NOT usable for CDC: log_bin on, but binlog_format=STATEMENT and
# binlog_row_image=MINIMAL. The `smt check` tests assert the failures and their fix text against
# it (the binlog-OFF case is covered by a recorded-facts unit test and the server on 3306).
#
#   scripts/services/mariadb-nobinlog.sh [start]   # start (or confirm) the server; idempotent
#   scripts/services/mariadb-nobinlog.sh stop      # stop the server THIS script started (pidfile)
#
# Private datadir under ${SMT_SERVICES_RUN:-/tmp/smt-services}/mariadb-nobinlog, root without a
# password, bound to 127.0.0.1 only, run as user mysql, started with start-stop-daemon.
set -euo pipefail

PORT=${SMT_MARIADB_BAD_PORT:-3307}
RUN=${SMT_SERVICES_RUN:-/tmp/smt-services}
DIR=$RUN/mariadb-nobinlog
PIDFILE=$DIR/mariadbd.pid

log() { echo "[mariadb-nobinlog.sh $(date +%T)] $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

admin() {
  local bin
  bin=$(command -v mariadb-admin || command -v mysqladmin || true)
  [ -n "$bin" ] || die "mariadb-admin/mysqladmin not found (apt-get install -y mariadb-client)"
  "$bin" --no-defaults --connect-timeout=2 -h127.0.0.1 -P"$PORT" -uroot "$@"
}
answers() { admin ping >/dev/null 2>&1; }

if [ "${1:-start}" = stop ]; then
  pid=$(cat "$PIDFILE" 2>/dev/null || true)
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    log "stopped pid $pid"
  else
    log "no server started by this script is running"
  fi
  exit 0
fi

if answers; then
  log "a server already answers on 127.0.0.1:$PORT"
  exit 0
fi

MARIADBD=$(command -v mariadbd || { [ -x /usr/sbin/mariadbd ] && echo /usr/sbin/mariadbd; } || true)
[ -n "$MARIADBD" ] || die "mariadbd not found (apt-get install -y mariadb-server mariadb-client)"
INSTALL_DB=$(command -v mariadb-install-db || command -v mysql_install_db || true)
[ -n "$INSTALL_DB" ] || die "mariadb-install-db not found"
if ss -Hltn "sport = :$PORT" 2>/dev/null | grep -q .; then
  die "port $PORT is busy but does not answer a MariaDB ping"
fi

mkdir -p "$DIR"
RUN_AS=()
if [ "$(id -u)" = 0 ]; then
  id mysql >/dev/null 2>&1 || die "running as root needs the 'mysql' user (installed with mariadb-server)"
  chown mysql:mysql "$DIR"
  chmod 755 "$RUN" 2>/dev/null || true
  RUN_AS=(--user=mysql)
fi
cat > "$DIR/my.cnf" <<CNF
[mariadbd]
datadir=$DIR/data
socket=$DIR/mysqld.sock
pid-file=$PIDFILE
bind-address=127.0.0.1
port=$PORT
log-error=$DIR/error.log
skip-name-resolve
innodb_buffer_pool_size=32M
server-id=7
log-bin=$DIR/data/binlog
binlog_format=STATEMENT
binlog_row_image=MINIMAL
expire_logs_days=0
CNF
if [ ! -d "$DIR/data/mysql" ]; then
  log "initialising $DIR/data"
  "$INSTALL_DB" --no-defaults --datadir="$DIR/data" "${RUN_AS[@]}" \
    --auth-root-authentication-method=normal --skip-test-db >"$DIR/install.log" 2>&1 \
    || die "mariadb-install-db failed, see $DIR/install.log"
fi
log "starting $MARIADBD on 127.0.0.1:$PORT (datadir $DIR/data, binlog_format=STATEMENT)"
if command -v start-stop-daemon >/dev/null 2>&1; then
  start-stop-daemon --start --background --pidfile "$PIDFILE" --exec "$MARIADBD" \
    -- --defaults-file="$DIR/my.cnf" "${RUN_AS[@]}" >"$DIR/stdout.log" 2>&1
else
  nohup "$MARIADBD" --defaults-file="$DIR/my.cnf" "${RUN_AS[@]}" >"$DIR/stdout.log" 2>&1 &
fi
for _ in $(seq 1 300); do
  if answers; then log "ready (pid $(cat "$PIDFILE" 2>/dev/null || echo '?'))"; exit 0; fi
  sleep 0.2
done
die "not ready after 60 s, see $DIR/error.log"
