#!/usr/bin/env bash
# scripts/services/chdb.sh start|stop - a MODERN ClickHouse engine (chDB: PyPI `chdb`, ClickHouse
# 26.x embedded in Python) behind scripts/services/chdb_http.py, a small ClickHouse HTTP interface
# on 127.0.0.1:8124, for the live tests of crates/smt-source-clickhouse. Users: `default` without
# a password, `smt_pw` with password `smt-secret`.
#
# The venv (pip install chdb, ~900 MB) is created once under $SMT_CACHE/venv-chdb. The data
# lives in $SMT_SERVICES_RUN/chdb/data. Idempotent: `start` exits 0 at once when the recorded
# process answers; `stop` stops only the process recorded in the pidfile.
#
# Environment: CHDB_HTTP_PORT (8124), SMT_CACHE (~/.cache/smt), SMT_SERVICES_RUN (/tmp/smt-services).
set -euo pipefail

PORT=${CHDB_HTTP_PORT:-8124}
CACHE=${SMT_CACHE:-$HOME/.cache/smt}
RUN=${SMT_SERVICES_RUN:-/tmp/smt-services}
VENV=$CACHE/venv-chdb
CHDB_VERSION=4.4.0
D=$RUN/chdb
PIDFILE=$RUN/chdb.pid
FRONT=$(dirname "$(readlink -f "$0")")/chdb_http.py

log() { echo "[chdb.sh $(date +%T)] $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

answers() { curl -sf --max-time 2 "http://127.0.0.1:$PORT/?query=SELECT%201" >/dev/null 2>&1; }
ours_running() {
  [ -s "$PIDFILE" ] || return 1
  local pid
  pid=$(cat "$PIDFILE")
  [ -d "/proc/$pid" ] && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q chdb_http.py
}
port_busy() { ss -Hltn "sport = :$1" 2>/dev/null | grep -q .; }

stop() {
  if ! ours_running; then
    log "chdb-http not running (no live pid in $PIDFILE)"
    rm -f "$PIDFILE"
    return 0
  fi
  start-stop-daemon --stop --pidfile "$PIDFILE" --retry TERM/20/KILL/5 --remove-pidfile >/dev/null
  log "chdb-http stopped"
}

start() {
  if ours_running && answers; then
    log "chdb-http already running (pid $(cat "$PIDFILE")) on 127.0.0.1:$PORT"
    return 0
  fi
  if ours_running; then
    log "chdb-http (pid $(cat "$PIDFILE")) is starting; waiting"
  else
    if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c 'import chdb' 2>/dev/null; then
      command -v python3 >/dev/null || die "python3 is needed for chDB"
      log "creating $VENV with chdb==$CHDB_VERSION (PyPI, ~900 MB, once)"
      mkdir -p "$CACHE"
      python3 -m venv "$VENV" || die "python3 -m venv failed (apt-get install python3-venv?)"
      "$VENV/bin/pip" install -q "chdb==$CHDB_VERSION" || die "pip install chdb failed"
    fi
    port_busy "$PORT" && die "port $PORT is in use by something that is not our chdb-http"
    mkdir -p "$D/data"
    rm -f "$PIDFILE"
    start-stop-daemon --start --background --make-pidfile --pidfile "$PIDFILE" \
      --output "$D/server.log" --exec "$VENV/bin/python" -- \
      "$FRONT" --port "$PORT" --data "$D/data" || die "start-stop-daemon failed, see $D/server.log"
  fi
  local _
  for _ in $(seq 1 300); do
    answers && break
    ours_running || die "chdb-http exited, see $D/server.log"
    sleep 0.2
  done
  answers || die "chdb-http did not answer within 60 s, see $D/server.log"
  log "chdb $(curl -s "http://127.0.0.1:$PORT/?query=SELECT%20version()") (pid $(cat "$PIDFILE")) on 127.0.0.1:$PORT"
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  *) die "usage: $0 start|stop" ;;
esac
