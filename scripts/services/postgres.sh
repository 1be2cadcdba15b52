#!/usr/bin/env bash
# scripts/services/postgres.sh - make sure a PostgreSQL answers on 127.0.0.1:5432 as user
# postgres without a password (trust), for the live tests of crates/smt-source-postgres and the
# PostgreSQL benchmark. Idempotent: does nothing when one already answers.
#
# Order of attempts:
#   1. something already answers on $PG_HOST:$PG_PORT                     -> done
#   2. our private cluster exists ($SMT_SERVICES_RUN/postgres)           -> pg_ctl start
#   3. a Debian cluster <ver>/main on that port trusts 127.0.0.1        -> pg_ctlcluster start
#   4. otherwise: install the server package if missing (apt-get), then create and start the
#      private cluster: initdb -A trust, UTF8, wal_level=logical, listening on $PG_HOST only.
#
# Environment: PG_HOST (127.0.0.1), PG_PORT (5432), SMT_SERVICES_RUN (/tmp/smt-services).
set -euo pipefail

PG_HOST=${PG_HOST:-127.0.0.1}
PG_PORT=${PG_PORT:-5432}
RUN=${SMT_SERVICES_RUN:-/tmp/smt-services}
D=$RUN/postgres

log() { echo "[postgres.sh $(date +%T)] $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

answers() {
  command -v psql >/dev/null 2>&1 &&
    psql -h "$PG_HOST" -p "$PG_PORT" -U postgres -d postgres -w -Atqc 'select 1' >/dev/null 2>&1
}
accepting() { command -v pg_isready >/dev/null 2>&1 && pg_isready -q -h "$PG_HOST" -p "$PG_PORT"; }
# wait_up: until the server accepts connections (30 s), then require that it answers.
wait_up() {
  local _
  for _ in $(seq 1 150); do
    accepting && break
    sleep 0.2
  done
  answers && return 0
  accepting && die "a server on $PG_HOST:$PG_PORT rejects user postgres without a password \
(pg_hba.conf); make 127.0.0.1 trust, or point SMT_TEST_PG_URL at a server with a password"
  return 1
}
as_postgres() { if [ "$(id -un)" = postgres ]; then "$@"; else runuser -u postgres -- "$@"; fi; }
pgbin() { find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin 2>/dev/null | sort -V | tail -1; }
debian_versions() { find /etc/postgresql -mindepth 1 -maxdepth 1 -printf '%f\n' 2>/dev/null | sort -rV; }
# Debian clusters named main configured for our port.
debian_on_port() {
  command -v pg_lsclusters >/dev/null 2>&1 || return 0
  pg_lsclusters -h 2>/dev/null | awk -v p="$PG_PORT" '$2 == "main" && $3 == p {print $1}' | sort -rV
}

start_private() {
  local bin=$1
  log "starting the private cluster $D on $PG_HOST:$PG_PORT"
  as_postgres "$bin/pg_ctl" -D "$D/data" -l "$D/server.log" -w -t 60 \
    -o "-c listen_addresses=$PG_HOST -c port=$PG_PORT -c unix_socket_directories=$D \
        -c wal_level=logical -c max_replication_slots=10 -c max_wal_senders=10" start >/dev/null \
    || die "start failed, see $D/server.log"
}

# 1.
if answers; then
  log "PostgreSQL already answers on $PG_HOST:$PG_PORT"
  exit 0
fi
accepting && wait_up

# 2.
if [ -f "$D/data/PG_VERSION" ] && [ -n "$(pgbin)" ]; then
  start_private "$(pgbin)"
  wait_up && { log "PostgreSQL answers on $PG_HOST:$PG_PORT (private cluster $D)"; exit 0; }
fi

# 3.
if command -v pg_ctlcluster >/dev/null 2>&1; then
  for ver in $(debian_on_port); do
    hba=/etc/postgresql/$ver/main/pg_hba.conf
    [ -f "$hba" ] || continue
    if grep -Eq '^[[:space:]]*host[[:space:]]+all[[:space:]]+all[[:space:]]+127\.0\.0\.1/32[[:space:]]+trust' "$hba"; then
      log "starting Debian cluster $ver/main"
      pg_ctlcluster --skip-systemctl-redirect "$ver" main start || log "pg_ctlcluster $ver main start failed"
      wait_up && { log "PostgreSQL $ver answers on $PG_HOST:$PG_PORT"; exit 0; }
    else
      log "Debian cluster $ver/main does not trust 127.0.0.1: not using it"
    fi
  done
fi

# 4.
if [ -z "$(pgbin)" ] || [ ! -x "$(pgbin)/postgres" ]; then
  [ "$(id -u)" = 0 ] || die "PostgreSQL is not installed and this is not root: install postgresql"
  log "installing postgresql (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq postgresql postgresql-client >/dev/null
  # The package may have started its own cluster (password auth on TCP) on our port: stop it.
  for ver in $(debian_versions); do
    pg_ctlcluster --skip-systemctl-redirect "$ver" main stop >/dev/null 2>&1 || true
  done
fi
BIN=$(pgbin)
[ -x "$BIN/postgres" ] || die "no PostgreSQL server binaries under /usr/lib/postgresql"
if ss -Hltn "sport = :$PG_PORT" 2>/dev/null | grep -q .; then
  die "port $PG_PORT is in use by something that does not answer as PostgreSQL user postgres"
fi
mkdir -p "$D"
chown postgres:postgres "$D" 2>/dev/null || true
if [ ! -f "$D/data/PG_VERSION" ]; then
  log "initdb in $D/data"
  as_postgres "$BIN/initdb" -D "$D/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$D/initdb.log" 2>&1 \
    || die "initdb failed, see $D/initdb.log"
fi
start_private "$BIN"
wait_up || die "PostgreSQL started but does not answer on $PG_HOST:$PG_PORT"
log "PostgreSQL answers on $PG_HOST:$PG_PORT (private cluster $D)"
