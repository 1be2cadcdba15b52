#!/usr/bin/env bash
# scripts/services/hive.sh start|stop|status - the Hive servers of the live tests of
# crates/smt-source-hive, all bound to 127.0.0.1 only:
#
#   metastore  Hive Metastore 2.3.9 thrift service on 127.0.0.1:${HIVE_METASTORE_PORT:-9083}
#              (unframed TBinaryProtocol, no SASL, Derby backend). The stock HiveMetaStore 2.3.9
#              always binds 0.0.0.0, so hive/LoopbackMetaStore.java (compiled with javac on first
#              use into the cache) serves the same handler on 127.0.0.1.
#   sts        Spark 3.5.6 Thrift Server (HiveServer2 protocol) on 127.0.0.1:${HIVE_HS2_PORT:-10000},
#              hive.server2.authentication=NOSASL, using that metastore.
#   sts-plain  a second Spark Thrift Server on 127.0.0.1:${HIVE_HS2_PLAIN_PORT:-10001},
#              authentication NONE (SASL PLAIN, any user/password), with its own embedded Derby
#              metastore (it knows no metastore URI, so clients must read it through SQL).
#
# Idempotent: `start` returns at once when every port already answers, starts what is missing,
# and waits until the ports answer (exit 1 with the log file's name when one does not).
# Jars: the pyspark 3.5.6 sdist from PyPI (Spark, Hive 2.3.9 client and metastore jars, beeline),
# downloaded once with pip into $SMT_CACHE/dl and extracted into $SMT_CACHE/pyspark-3.5.6.
# State (Derby databases, warehouses, logs, pidfiles): $SMT_SERVICES_RUN/hive.
# Processes are stopped through their pidfiles only.
#
# Environment: SMT_CACHE (~/.cache/smt), SMT_SERVICES_RUN (/tmp/smt-services), HIVE_METASTORE_PORT,
# HIVE_HS2_PORT, HIVE_HS2_PLAIN_PORT, HIVE_DRIVER_MEM (768m), HIVE_METASTORE_HEAP (384m).
set -euo pipefail

HERE=$(dirname "$(readlink -f "$0")")
CACHE=${SMT_CACHE:-${HOME:-/tmp}/.cache/smt}
RUN=${SMT_SERVICES_RUN:-/tmp/smt-services}
D=$RUN/hive
SPARK_VERSION=3.5.6
SDIST=$CACHE/dl/pyspark-$SPARK_VERSION.tar.gz
SPARK_DIR=$CACHE/pyspark-$SPARK_VERSION/deps
HMS_PORT=${HIVE_METASTORE_PORT:-9083}
HS2_PORT=${HIVE_HS2_PORT:-10000}
PLAIN_PORT=${HIVE_HS2_PLAIN_PORT:-10001}
HOST=127.0.0.1

log() { echo "[hive.sh $(date +%T)] $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

answers() { (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null; }

# alive NAME: the pid recorded for NAME runs.
alive() {
  local pf=$D/$1.pid pid
  [[ -s $pf ]] || return 1
  pid=$(cat "$pf")
  [[ -d /proc/$pid ]]
}

rss_mb() { ps -o rss= -p "$1" 2>/dev/null | awk '{s+=$1} END {printf "%d\n", s/1024}'; }

# wait_port NAME PORT SECONDS
wait_port() {
  local name=$1 port=$2 limit=$3 i
  for ((i = 0; i < limit * 5; i++)); do
    if answers "$port"; then
      log "$name answers on $HOST:$port (pid $(cat "$D/$name.pid" 2>/dev/null || echo '?'), \
rss $(rss_mb "$(cat "$D/$name.pid" 2>/dev/null || echo 0)") MiB, after $((i / 5)).$((i % 5 * 2)) s)"
      return 0
    fi
    if ! alive "$name"; then
      tail -n 20 "$D/$name.log" >&2 || true
      die "$name exited; see $D/$name.log"
    fi
    sleep 0.2
  done
  die "$name does not answer on $HOST:$port after ${limit}s; see $D/$name.log"
}

java_opens=(-XX:+IgnoreUnrecognizedVMOptions
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED
  --add-opens=java.base/sun.util.calendar=ALL-UNNAMED)

# ensure_jars: download and extract the pyspark sdist once (under a lock).
ensure_jars() {
  [[ -x $SPARK_DIR/bin/spark-submit && -d $SPARK_DIR/jars ]] && return 0
  mkdir -p "$CACHE/dl"
  (
    command -v flock >/dev/null 2>&1 && flock 9
    if [[ ! -s $SDIST ]]; then
      log "downloading pyspark==$SPARK_VERSION (sdist, ~320 MB, once) into $CACHE/dl"
      python3 -m pip download --no-deps --no-binary :all: -d "$CACHE/dl" "pyspark==$SPARK_VERSION" >&2 \
        || die "pip download pyspark==$SPARK_VERSION failed"
    fi
    if [[ ! -x $SPARK_DIR/bin/spark-submit ]]; then
      log "extracting $SDIST"
      tar -xzf "$SDIST" -C "$CACHE" || die "cannot extract $SDIST"
    fi
  ) 9>"$CACHE/.lock-pyspark"
  [[ -x $SPARK_DIR/bin/spark-submit ]] || die "no spark-submit in $SPARK_DIR"
}

# launch NAME CMD...: start CMD in its own session, output to $D/NAME.log, pid to $D/NAME.pid.
launch() {
  local name=$1
  shift
  setsid "$@" >"$D/$name.log" 2>&1 </dev/null 8>&- &
  echo $! >"$D/$name.pid"
}

start_metastore() {
  local classes=$CACHE/hive-loopback-metastore
  mkdir -p "$classes" "$D/metastore"
  if [[ ! -f $classes/LoopbackMetaStore.class || $HERE/hive/LoopbackMetaStore.java -nt $classes/LoopbackMetaStore.class ]]; then
    command -v javac >/dev/null 2>&1 || die "javac not found: install a JDK 17 (openjdk-17-jdk-headless)"
    javac -nowarn -cp "$SPARK_DIR/jars/*" -d "$classes" "$HERE/hive/LoopbackMetaStore.java" 2>"$D/javac.log" \
      || { cat "$D/javac.log" >&2; die "cannot compile LoopbackMetaStore.java"; }
  fi
  log "starting the Hive Metastore 2.3.9 on $HOST:$HMS_PORT"
  (cd "$D/metastore" && launch metastore java -Xmx"${HIVE_METASTORE_HEAP:-384m}" "${java_opens[@]}" \
    -Dderby.system.home="$D/metastore" -cp "$SPARK_DIR/jars/*:$classes" LoopbackMetaStore "$HMS_PORT" \
    "javax.jdo.option.ConnectionURL=jdbc:derby:;databaseName=$D/metastore/metastore_db;create=true" \
    datanucleus.schema.autoCreateAll=true hive.metastore.schema.verification=false \
    hive.metastore.warehouse.dir="file://$D/warehouse")
}

# start_sts NAME PORT AUTH [extra --hiveconf/--conf args...]
start_sts() {
  local name=$1 port=$2 auth=$3 dir=$D/$1
  shift 3
  mkdir -p "$dir"
  log "starting the Spark Thrift Server $name on $HOST:$port (authentication $auth)"
  (cd "$dir" && SPARK_HOME=$SPARK_DIR SPARK_LOCAL_IP=$HOST SPARK_LOG_DIR=$dir SPARK_CONF_DIR=$dir \
    launch "$name" "$SPARK_DIR/bin/spark-submit" \
    --master 'local[2]' --driver-memory "${HIVE_DRIVER_MEM:-768m}" --name "smt-$name" \
    --driver-java-options "-Dderby.system.home=$dir" \
    --conf spark.ui.enabled=false --conf spark.driver.bindAddress=$HOST --conf spark.driver.host=$HOST \
    --conf spark.sql.catalogImplementation=hive --conf spark.sql.shuffle.partitions=2 \
    --class org.apache.spark.sql.hive.thriftserver.HiveThriftServer2 spark-internal \
    --hiveconf hive.server2.thrift.bind.host=$HOST --hiveconf hive.server2.thrift.port="$port" \
    --hiveconf hive.server2.authentication="$auth" \
    --hiveconf hive.exec.scratchdir="$dir/scratch" --hiveconf hive.exec.local.scratchdir="$dir/scratch-local" \
    --hiveconf hive.downloaded.resources.dir="$dir/resources" \
    "$@")
}

start() {
  if answers "$HMS_PORT" && answers "$HS2_PORT" && answers "$PLAIN_PORT"; then
    log "Hive Metastore ($HMS_PORT) and Spark Thrift Servers ($HS2_PORT, $PLAIN_PORT) already answer"
    return 0
  fi
  command -v java >/dev/null 2>&1 || die "java not found: install a JDK 17 (openjdk-17-jdk-headless)"
  ensure_jars
  mkdir -p "$D"
  # One starter at a time; a second one waits, then finds the ports answering.
  exec 8>"$D/.start.lock"
  command -v flock >/dev/null 2>&1 && flock 8
  if answers "$HMS_PORT" && answers "$HS2_PORT" && answers "$PLAIN_PORT"; then
    log "Hive Metastore and Spark Thrift Servers already answer"
    return 0
  fi
  local started_hms=0 started_plain=0 started_sts=0
  if ! answers "$HMS_PORT"; then
    alive metastore && die "the metastore (pid $(cat "$D/metastore.pid")) runs but does not answer on $HMS_PORT; run '$0 stop' first"
    start_metastore
    started_hms=1
  fi
  if ! answers "$PLAIN_PORT"; then
    alive sts-plain && die "sts-plain (pid $(cat "$D/sts-plain.pid")) runs but does not answer on $PLAIN_PORT; run '$0 stop' first"
    start_sts sts-plain "$PLAIN_PORT" NONE \
      --conf spark.sql.warehouse.dir="$D/sts-plain/warehouse" \
      --hiveconf hive.metastore.warehouse.dir="$D/sts-plain/warehouse" \
      --hiveconf "javax.jdo.option.ConnectionURL=jdbc:derby:;databaseName=$D/sts-plain/metastore_db;create=true"
    started_plain=1
  fi
  ((started_hms)) && wait_port metastore "$HMS_PORT" 120
  if ! answers "$HS2_PORT"; then
    alive sts && die "sts (pid $(cat "$D/sts.pid")) runs but does not answer on $HS2_PORT; run '$0 stop' first"
    start_sts sts "$HS2_PORT" NOSASL \
      --conf spark.sql.warehouse.dir="$D/warehouse" \
      --conf spark.hadoop.hive.metastore.uris="thrift://$HOST:$HMS_PORT" \
      --hiveconf hive.metastore.warehouse.dir="file://$D/warehouse" \
      --hiveconf hive.metastore.uris="thrift://$HOST:$HMS_PORT"
    started_sts=1
  fi
  ((started_sts)) && wait_port sts "$HS2_PORT" 240
  ((started_plain)) && wait_port sts-plain "$PLAIN_PORT" 240
  return 0
}

# stop_one NAME: TERM the recorded pid (and its process group), KILL after 30 s.
stop_one() {
  local name=$1 pf=$D/$1.pid pid i
  if ! alive "$name"; then
    rm -f "$pf"
    return 0
  fi
  pid=$(cat "$pf")
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 150; i++)); do
    [[ -d /proc/$pid ]] || break
    sleep 0.2
  done
  [[ -d /proc/$pid ]] && kill -KILL "$pid" 2>/dev/null || true
  rm -f "$pf"
  log "$name (pid $pid) stopped"
}

stop() {
  stop_one sts
  stop_one sts-plain
  stop_one metastore
}

status() {
  local name port
  for name in metastore:$HMS_PORT sts:$HS2_PORT sts-plain:$PLAIN_PORT; do
    port=${name#*:}
    name=${name%%:*}
    if answers "$port"; then
      echo "$name: answers on $HOST:$port$(alive "$name" && echo " (pid $(cat "$D/$name.pid"), rss $(rss_mb "$(cat "$D/$name.pid")") MiB)")"
    else
      echo "$name: down"
    fi
  done
}

case ${1:-start} in
start) start ;;
stop) stop ;;
status) status ;;
*) die "usage: $0 start|stop|status" ;;
esac
