#!/usr/bin/env bash
# scripts/services/mariadb.sh - make sure a MariaDB answers on 127.0.0.1:${SMT_MARIADB_PORT:-3306}
# for the live tests and the bench (root, empty password, binlog in ROW format).
#
# Idempotent: when something already answers `ping` on that port, it does nothing. Otherwise it
# starts the Debian/Ubuntu `mariadbd` with a private datadir ($SMT_MARIADB_DIR, default
# /tmp/smt-mariadb), bound to 127.0.0.1 only, and waits until it is ready.
#
#   scripts/services/mariadb.sh          # start (or confirm) the server
#   scripts/services/mariadb.sh stop     # stop the server THIS script started (by its pid file)
#
# Other instances reuse this script with their own settings (see mariadb-nobinlog.sh):
#   SMT_MARIADB_NAME        label in the log lines (default mariadb.sh)
#   SMT_MARIADB_BINLOG_CNF  the server-id / binary log lines of my.cnf (default: ROW, FULL)
#
# Needs: mariadb-server and mariadb-client (apt-get install -y mariadb-server mariadb-client).
set -euo pipefail

PORT=${SMT_MARIADB_PORT:-3306}
DIR=${SMT_MARIADB_DIR:-/tmp/smt-mariadb}
PIDFILE=$DIR/mariadbd.pid
NAME=${SMT_MARIADB_NAME:-mariadb.sh}
BINLOG_CNF=${SMT_MARIADB_BINLOG_CNF:-"server-id=1
log-bin=$DIR/data/binlog
binlog_format=ROW
binlog_row_image=FULL"}

log() { echo "[$NAME $(date +%T)] $*" >&2; }
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
character-set-server=utf8mb4
collation-server=utf8mb4_general_ci
innodb_buffer_pool_size=128M
table_definition_cache=2000
$BINLOG_CNF
CNF
if [ ! -d "$DIR/data/mysql" ]; then
  log "initialising $DIR/data"
  "$INSTALL_DB" --no-defaults --datadir="$DIR/data" "${RUN_AS[@]}" \
    --auth-root-authentication-method=normal --skip-test-db >"$DIR/install.log" 2>&1 \
    || die "mariadb-install-db failed, see $DIR/install.log"
fi
log "starting $MARIADBD on 127.0.0.1:$PORT (datadir $DIR/data)"
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
