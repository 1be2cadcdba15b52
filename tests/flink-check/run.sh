#!/usr/bin/env bash
# tests/flink-check/run.sh - prove Flink SQL files with the real Flink 1.20.3 planner (in-process,
# no cluster, no connector jars, no job is run).  See FlinkCheck.java for what is checked.
#
#   tests/flink-check/run.sh [--strict] [--verbose] FILE.sql [FILE.sql ...]
#
# One JVM checks all files.  First use downloads the Flink jars from PyPI (apache-flink-libraries,
# ~232 MB) into $SMT_CACHE (default ~/.cache/smt) and compiles FlinkCheck.java there; later runs
# reuse both.  Env: SMT_CACHE, JAVA_BIN (Java 17), FLINK_CHECK_HEAP (default 768m).
# Exit code: 0 all files ok, 1 a file has problems, 2 setup/usage error.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=scripts/lib/checks-common.sh
. "$HERE/../../scripts/lib/checks-common.sh"

[ $# -gt 0 ] || { sed -n '2,11p' "$0" >&2; exit 2; }

LIB=$(smt_flink_lib)
JAVA=$(smt_java)
SRC="$HERE/FlinkCheck.java"
SUM=$(sha256sum "$SRC" | cut -c1-16)
CLASSES="$SMT_CACHE/flink-check/$SUM"

# shellcheck disable=SC2317  # called through smt_locked
_compile() {
  [ -f "$CLASSES/FlinkCheck.class" ] && return 0
  local tmp="$CLASSES.tmp.$$"
  rm -rf "$tmp" && mkdir -p "$tmp"
  smt_log "compiling FlinkCheck.java (once per source version)"
  if ! "$(smt_javac)" -nowarn -encoding UTF-8 -cp "$LIB/*" -d "$tmp" "$SRC" >"$tmp.log" 2>&1; then
    cat "$tmp.log" >&2; rm -rf "$tmp" "$tmp.log"; smt_die "javac failed"
  fi
  rm -f "$tmp.log"
  rm -rf "$CLASSES" && mv "$tmp" "$CLASSES"
  # classes of older versions of FlinkCheck.java are no longer needed
  find "$SMT_CACHE/flink-check" -mindepth 1 -maxdepth 1 -type d ! -name "$SUM" -exec rm -rf {} + 2>/dev/null || true
}
[ -f "$CLASSES/FlinkCheck.class" ] || smt_locked _compile || exit 2

# a private temp dir for whatever Flink unpacks into java.io.tmpdir; removed on exit
mkdir -p "$SMT_CACHE/tmp"
find "$SMT_CACHE/tmp" -mindepth 1 -maxdepth 1 -name 'flink-check.*' -mmin +180 -exec rm -rf {} + 2>/dev/null || true
TMPD=$(mktemp -d "$SMT_CACHE/tmp/flink-check.XXXXXX")
trap 'rm -rf "$TMPD"' EXIT

set +e
"$JAVA" -Xmx"${FLINK_CHECK_HEAP:-768m}" -Xss4m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
  "${SMT_JAVA17_OPENS[@]}" -Djava.io.tmpdir="$TMPD" -Dlog4j2.level=ERROR \
  -cp "$LIB/*:$CLASSES" FlinkCheck "$@"
rc=$?
set -e
exit $rc
