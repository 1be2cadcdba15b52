#!/usr/bin/env bash
# scripts/services/postgres-replica.sh - a second PostgreSQL cluster on 127.0.0.1:${PG_REPLICA_PORT:-5433}
# with wal_level=replica (NOT logical), user postgres without a password (trust), for the
# `smt check` tests: logical decoding is impossible there and the check must say so.
#
#   scripts/services/postgres-replica.sh [start]   # start (or confirm); idempotent
#   scripts/services/postgres-replica.sh stop      # stop the cluster THIS script created
#
# Private cluster under ${SMT_SERVICES_RUN:-/tmp/smt-services}/postgres-replica, listening on
# 127.0.0.1 only, run as user postgres.
set -euo pipefail

PG_HOST=127.0.0.1
PG_PORT=${PG_REPLICA_PORT:-5433}
RUN=${SMT_SERVICES_RUN:-/tmp/smt-services}
D=$RUN/postgres-replica

log() { echo "[postgres-replica.sh $(date +%T)] $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

as_postgres() { if [ "$(id -un)" = postgres ]; then "$@"; else runuser -u postgres -- "$@"; fi; }
pgbin() { find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin 2>/dev/null | sort -V | tail -1; }
answers() {
  command -v psql >/dev/null 2>&1 &&
    psql -h "$PG_HOST" -p "$PG_PORT" -U postgres -d postgres -w -Atqc 'select 1' >/dev/null 2>&1
}

BIN=$(pgbin)
if [ "${1:-start}" = stop ]; then
  if [ -f "$D/data/postmaster.pid" ] && [ -n "$BIN" ]; then
    as_postgres "$BIN/pg_ctl" -D "$D/data" -m fast -w stop >/dev/null && log "stopped"
  else
    log "no cluster started by this script is running"
  fi
  exit 0
fi

if answers; then
  log "PostgreSQL already answers on $PG_HOST:$PG_PORT"
  exit 0
fi
[ -n "$BIN" ] && [ -x "$BIN/postgres" ] || die "no PostgreSQL server binaries (run scripts/services/postgres.sh first)"
if ss -Hltn "sport = :$PG_PORT" 2>/dev/null | grep -q .; then
  die "port $PG_PORT is in use by something that does not answer as PostgreSQL user postgres"
fi
mkdir -p "$D"
chown postgres:postgres "$D" 2>/dev/null || true
chmod 755 "$RUN" 2>/dev/null || true
if [ ! -f "$D/data/PG_VERSION" ]; then
  log "initdb in $D/data"
  as_postgres "$BIN/initdb" -D "$D/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$D/initdb.log" 2>&1 \
    || die "initdb failed, see $D/initdb.log"
fi
log "starting the cluster $D on $PG_HOST:$PG_PORT (wal_level=replica)"
as_postgres "$BIN/pg_ctl" -D "$D/data" -l "$D/server.log" -w -t 60 \
  -o "-c listen_addresses=$PG_HOST -c port=$PG_PORT -c unix_socket_directories=$D \
      -c wal_level=replica -c max_replication_slots=4 -c max_wal_senders=4" start >/dev/null \
  || die "start failed, see $D/server.log"
for _ in $(seq 1 150); do answers && break; sleep 0.2; done
answers || die "started but does not answer on $PG_HOST:$PG_PORT"
log "PostgreSQL answers on $PG_HOST:$PG_PORT (wal_level=replica)"
