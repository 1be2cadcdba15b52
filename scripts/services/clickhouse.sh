#!/usr/bin/env bash
# scripts/services/clickhouse.sh start|stop - an OLD ClickHouse (Debian's clickhouse-server
# 18.16) answering HTTP on 127.0.0.1:8123 for the live tests of crates/smt-source-clickhouse.
#
# Users (users.xml generated here):
#   default   no password
#   smt_pw    password `smt-secret` (the tests log in with a wrong one to check the auth error)
# The default profile sets allow_experimental_low_cardinality_type=1 so that fixtures can use
# LowCardinality on 18.16. Time zone UTC. Native TCP on 127.0.0.1:9000 (clickhouse-client).
#
# Idempotent: `start` exits 0 at once when our server (pidfile) or any ClickHouse already answers
# on the port; installs clickhouse-server/-client with apt-get when missing (the package does not
# start a service here). `stop` stops only the process recorded in our pidfile.
#
# Environment: CH_HTTP_PORT (8123), CH_TCP_PORT (9000), SMT_SERVICES_RUN (/tmp/smt-services).
set -euo pipefail

HTTP=${CH_HTTP_PORT:-8123}
TCP=${CH_TCP_PORT:-9000}
RUN=${SMT_SERVICES_RUN:-/tmp/smt-services}
D=$RUN/clickhouse
PIDFILE=$RUN/clickhouse.pid

log() { echo "[clickhouse.sh $(date +%T)] $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

answers() { curl -sf --max-time 2 "http://127.0.0.1:$HTTP/?query=SELECT%201" >/dev/null 2>&1; }
ours_running() {
  [ -s "$PIDFILE" ] || return 1
  local pid
  pid=$(cat "$PIDFILE")
  [ -d "/proc/$pid" ] && readlink -f "/proc/$pid/exe" 2>/dev/null | grep -q clickhouse
}
port_busy() { ss -Hltn "sport = :$1" 2>/dev/null | grep -q .; }

stop() {
  if ! ours_running; then
    log "clickhouse not running (no live pid in $PIDFILE)"
    rm -f "$PIDFILE"
    return 0
  fi
  start-stop-daemon --stop --pidfile "$PIDFILE" --retry TERM/30/KILL/5 --remove-pidfile >/dev/null
  log "clickhouse stopped"
}

start() {
  if ours_running && answers; then
    log "clickhouse already running (pid $(cat "$PIDFILE")) on 127.0.0.1:$HTTP"
    return 0
  fi
  if answers; then
    log "a ClickHouse already answers on 127.0.0.1:$HTTP (not ours): using it"
    return 0
  fi
  if ours_running; then
    log "clickhouse (pid $(cat "$PIDFILE")) is starting; waiting"
  else
    if [ ! -x /usr/sbin/clickhouse-server ]; then
      [ "$(id -u)" = 0 ] || die "clickhouse-server is not installed and this is not root: apt-get install clickhouse-server"
      log "installing clickhouse-server clickhouse-client (apt-get)"
      export DEBIAN_FRONTEND=noninteractive
      apt-get update -qq >/dev/null
      apt-get install -y -qq clickhouse-server clickhouse-client >/dev/null \
        || die "apt-get install clickhouse-server failed"
    fi
    [ -x /usr/sbin/clickhouse-server ] || die "no /usr/sbin/clickhouse-server after install"
    id clickhouse >/dev/null 2>&1 || die "the package did not create user clickhouse"
    port_busy "$HTTP" && die "port $HTTP is in use by something that does not answer as ClickHouse"
    port_busy "$TCP" && die "port $TCP is in use"
    mkdir -p "$D/data"
    write_config
    chown -R clickhouse:clickhouse "$D"
    rm -f "$PIDFILE"
    # Runs as user clickhouse: the server refuses a data directory owned by someone else.
    start-stop-daemon --start --background --make-pidfile --pidfile "$PIDFILE" \
      --output "$D/stdout.log" --chuid clickhouse:clickhouse \
      --exec /usr/sbin/clickhouse-server -- --config-file="$D/config.xml" \
      || die "start-stop-daemon failed, see $D/stdout.log"
  fi
  local _
  for _ in $(seq 1 300); do
    answers && break
    ours_running || die "clickhouse exited, see $D/server.err.log and $D/stdout.log"
    sleep 0.2
  done
  answers || die "clickhouse did not answer within 60 s, see $D/server.err.log"
  log "clickhouse $(curl -s "http://127.0.0.1:$HTTP/?query=SELECT%20version()") (pid $(cat "$PIDFILE")) on 127.0.0.1:$HTTP"
}

write_config() {
  cat >"$D/config.xml" <<XML
<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>$D/server.log</log><errorlog>$D/server.err.log</errorlog><size>50M</size><count>2</count></logger>
  <http_port>$HTTP</http_port>
  <tcp_port>$TCP</tcp_port>
  <listen_host>127.0.0.1</listen_host>
  <max_concurrent_queries>50</max_concurrent_queries>
  <uncompressed_cache_size>134217728</uncompressed_cache_size>
  <mark_cache_size>134217728</mark_cache_size>
  <path>$D/data/</path>
  <tmp_path>$D/data/tmp/</tmp_path>
  <user_files_path>$D/data/user_files/</user_files_path>
  <format_schema_path>$D/data/format_schemas/</format_schema_path>
  <users_config>$D/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <timezone>UTC</timezone>
  <mlock_executable>false</mlock_executable>
</yandex>
XML
  cat >"$D/users.xml" <<'XML'
<?xml version="1.0"?>
<yandex>
  <profiles><default>
    <max_memory_usage>2000000000</max_memory_usage>
    <allow_experimental_low_cardinality_type>1</allow_experimental_low_cardinality_type>
  </default></profiles>
  <users>
    <default><password></password><networks><ip>127.0.0.1</ip><ip>::1</ip></networks>
      <profile>default</profile><quota>default</quota></default>
    <smt_pw><password>smt-secret</password><networks><ip>127.0.0.1</ip><ip>::1</ip></networks>
      <profile>default</profile><quota>default</quota></smt_pw>
  </users>
  <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors>
    <result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time></interval></default></quotas>
</yandex>
XML
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  *) die "usage: $0 start|stop" ;;
esac
