# shellcheck shell=bash
# checks-common.sh - helpers shared by the external SQL checks (tests/flink-check,
# tests/starrocks-check, scripts/check-result).  Source it; it does nothing on its own.
#
# Everything that is downloaded or built lives under one cache folder, created on first use and
# reused afterwards:
#   $SMT_CACHE (default ~/.cache/smt)
#     dl/apache-flink-libraries-1.20.3.tar.gz   Flink 1.20.3 jars as shipped on PyPI (~232 MB, once)
#     flink-1.20.3/lib/*.jar                    the jars extracted from it (only deps/lib), with the
#                                               planner taken out of flink-table-planner-loader (the
#                                               loader would unpack it again on every JVM start)
#     flink-check/<sha>/FlinkCheck*.class       the checker, compiled per source version
#     venv-sqlglot-<version>/                   a Python venv with the pinned sqlglot
# Setup steps take an exclusive lock ($SMT_CACHE/.lock) so that parallel first runs do not race.
# Only PyPI is contacted (pip download / pip install); nothing listens on any port.

SMT_CACHE=${SMT_CACHE:-${HOME:-/tmp}/.cache/smt}
SMT_FLINK_VERSION=1.20.3
SMT_SQLGLOT_VERSION=${SMT_SQLGLOT_VERSION:-30.30.0}

smt_log() { echo "[checks $(date +%T)] $*" >&2; }
smt_die() { smt_log "ERROR: $*"; exit 2; }

# smt_locked CMD...: run CMD while holding the cache lock (flock when available).
smt_locked() {
  mkdir -p "$SMT_CACHE"
  if command -v flock >/dev/null 2>&1; then
    ( flock 9; "$@" ) 9>"$SMT_CACHE/.lock"
  else
    "$@"
  fi
}

# smt_java: the Java 17 binary (JAVA_BIN overrides; /usr/bin/java preferred).
smt_java() {
  local j=${JAVA_BIN:-}
  [ -n "$j" ] || { [ -x /usr/bin/java ] && j=/usr/bin/java; } || j=$(command -v java || true)
  [ -n "$j" ] || smt_die "java not found (Java 17 is needed for the Flink check)"
  echo "$j"
}
smt_javac() {
  local j
  j="$(dirname "$(readlink -f "$(smt_java)")")/javac"
  [ -x "$j" ] || j=$(command -v javac || true)
  [ -n "$j" ] || smt_die "javac not found (install a JDK 17, e.g. apt-get install openjdk-17-jdk-headless)"
  echo "$j"
}

# shellcheck disable=SC2034  # used by the scripts that source this file
# Flags that let Flink's reflection work on Java 17 (the usual --add-opens set).
SMT_JAVA17_OPENS=(-XX:+IgnoreUnrecognizedVMOptions
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED
  --add-opens=java.base/sun.util.calendar=ALL-UNNAMED)

_smt_flink_fetch() {
  local lib="$SMT_CACHE/flink-$SMT_FLINK_VERSION/lib" dl="$SMT_CACHE/dl"
  local tgz="$dl/apache-flink-libraries-$SMT_FLINK_VERSION.tar.gz"
  [ -f "$lib/.complete.2" ] && return 0
  if [ ! -s "$tgz" ]; then
    mkdir -p "$dl"
    smt_log "downloading apache-flink-libraries==$SMT_FLINK_VERSION from PyPI (~232 MB, once)"
    python3 -m pip download -q --no-cache-dir --no-deps --no-binary :all: -d "$dl" \
      "apache-flink-libraries==$SMT_FLINK_VERSION" >&2 || smt_die "pip download of the Flink jars failed"
  fi
  smt_log "extracting the Flink jars into $lib"
  local tmp="$SMT_CACHE/flink-$SMT_FLINK_VERSION.tmp"
  rm -rf "$tmp" && mkdir -p "$tmp"
  tar --no-same-owner -xzf "$tgz" -C "$tmp" --strip-components=2 --wildcards "*/deps/lib/*.jar" \
    || smt_die "cannot extract $tgz"
  # use the planner directly instead of through its loader: saves ~2 s per JVM start
  local loader
  for loader in "$tmp"/lib/flink-table-planner-loader-*.jar; do break; done
  if [ -f "$loader" ] && python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extract("flink-table-planner.jar", sys.argv[2])' \
       "$loader" "$tmp/lib" 2>/dev/null; then
    rm -f "$loader"
  fi
  if ! { rm -rf "$lib" && mkdir -p "$(dirname "$lib")" && mv "$tmp/lib" "$lib" && rm -rf "$tmp" \
      && touch "$lib/.complete.2"; }; then
    smt_die "cannot install the Flink jars into $lib"
  fi
}

# smt_flink_lib: make sure the Flink jars are in the cache; prints their folder.
smt_flink_lib() {
  local lib="$SMT_CACHE/flink-$SMT_FLINK_VERSION/lib"
  [ -f "$lib/.complete.2" ] || smt_locked _smt_flink_fetch || exit 2
  echo "$lib"
}

_smt_sqlglot_venv() {
  local venv=$1
  if "$venv/bin/python" -c "import sqlglot,sys; sys.exit(sqlglot.__version__ != '$SMT_SQLGLOT_VERSION')" 2>/dev/null; then
    return 0
  fi
  smt_log "creating $venv with sqlglot==$SMT_SQLGLOT_VERSION (once)"
  rm -rf "$venv"
  python3 -m venv "$venv" >&2 || smt_die "python3 -m venv failed (apt-get install python3-venv?)"
  "$venv/bin/python" -m pip install -q "sqlglot==$SMT_SQLGLOT_VERSION" >&2 || smt_die "pip install sqlglot failed"
}

# smt_sqlglot_python: make sure the pinned sqlglot venv exists; prints its python.
smt_sqlglot_python() {
  local venv="$SMT_CACHE/venv-sqlglot-$SMT_SQLGLOT_VERSION"
  if ! [ -x "$venv/bin/python" ] || ! [ -f "$venv/.complete" ]; then
    smt_locked _smt_sqlglot_venv "$venv" || exit 2
    touch "$venv/.complete"
  fi
  echo "$venv/bin/python"
}
