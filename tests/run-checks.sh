#!/usr/bin/env bash
# tests/run-checks.sh - self-test of the external SQL checks (tests/flink-check, tests/starrocks-check,
# scripts/check-result):
#   * every file in tests/fixtures-good must pass its checker;
#   * every file in tests/fixtures-broken must be rejected, with the fragment given on its
#     "-- expect: ..." line in the problem report (optional "-- args: ..." = extra checker options);
#   * scripts/check-result must pass tests/fixtures-good and fail a folder holding broken files;
#     a catalog-load file is checked against the starrocks-create.all.sql of its own folder.
# flink-*.sql files go to the Flink check, starrocks-*.sql to the StarRocks check.  Files sharing
# the same checker and options are checked in one run (one JVM for all Flink files without options).
# The last line is "N passed, M failed"; the exit code is non-zero when M > 0.
set -uo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT" || exit 2   # "-- args:" paths (e.g. --create tests/fixtures-good/...) are relative to the repository
GOOD=$ROOT/tests/fixtures-good
BROKEN=$ROOT/tests/fixtures-broken
WORK=$(mktemp -d "${TMPDIR:-/tmp}/run-checks.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
pass=0 fail=0
ok() { echo "PASS $1"; pass=$((pass + 1)); }
ko() { echo "FAIL $1: $2"; fail=$((fail + 1)); }

shopt -s nullglob
declare -A GROUP_FILES=() GROUP_HAS_BROKEN=()
kind_of() { case $(basename "$1") in flink-*) echo flink ;; starrocks-*) echo starrocks ;; *) echo "" ;; esac; }
add() {   # add FILE IS_BROKEN
  local f=$1 k a key
  k=$(kind_of "$f")
  [ -n "$k" ] || { ko "${f#"$ROOT"/}" "name must start with flink- or starrocks-"; return; }
  a=$(sed -n 's/^-- args: //p' "$f" | head -n1)
  key="$k|$a"
  GROUP_FILES[$key]+="$f"$'\n'
  [ "$2" = 1 ] && GROUP_HAS_BROKEN[$key]=1
  return 0
}
for f in "$GOOD"/*.sql; do add "$f" 0; done
for f in "$BROKEN"/*.sql; do add "$f" 1; done

t0=$(date +%s)
for key in "${!GROUP_FILES[@]}"; do
  k=${key%%|*}; a=${key#*|}
  mapfile -t files < <(printf '%s' "${GROUP_FILES[$key]}")
  # shellcheck disable=SC2086  # $a holds the options of the group, split on purpose
  "$ROOT/tests/$k-check/run.sh" $a "${files[@]}" >>"$WORK/out" 2>"$WORK/err.$$"
  rc=$?
  want=0; [ -n "${GROUP_HAS_BROKEN[$key]:-}" ] && want=1
  if [ $rc -eq $want ]; then ok "$k check${a:+ ($a)} exit code $rc"
  else ko "$k check${a:+ ($a)} exit code" "expected $want, got $rc"; cat "$WORK/err.$$"; fi
done

# report of one file: its problem lines plus their indented continuation lines
report_of() {
  awk -v p="$1: " 'index($0, p) == 1 { on = 1; print; next } on && /^    / { print; next } { on = 0 }' "$WORK/out"
}
for f in "$GOOD"/*.sql; do
  name=${f#"$ROOT"/}
  if grep -qF "ok $f (" "$WORK/out"; then ok "$name"
  else ko "$name" "rejected:"; report_of "$f" | sed 's/^/    /'; fi
done
for f in "$BROKEN"/*.sql; do
  name=${f#"$ROOT"/}
  expect=$(sed -n 's/^-- expect: //p' "$f" | head -n1)
  if ! head -n1 "$f" | grep -q '^-- BROKEN: '; then ko "$name" "first line must be '-- BROKEN: <the problem>'"; continue; fi
  if [ -z "$expect" ]; then ko "$name" "no '-- expect: <fragment>' line"; continue; fi
  if grep -qF "ok $f (" "$WORK/out"; then ko "$name" "accepted, but must be rejected ($expect)"; continue; fi
  if report_of "$f" | grep -qF -- "$expect"; then ok "$name"
  else ko "$name" "rejected, but the report lacks '$expect':"; report_of "$f" | sed 's/^/    /'; fi
done

# scripts/check-result end to end
if "$ROOT/scripts/check-result" --quiet "$GOOD" >"$WORK/cr-good" 2>&1; then ok "check-result passes tests/fixtures-good"
else ko "check-result on tests/fixtures-good" "exit $?"; sed 's/^/    /' "$WORK/cr-good"; fi
mkdir -p "$WORK/result"
cp "$GOOD/starrocks-create.2.sql" "$WORK/result/starrocks-create.2.sql"
cp "$GOOD/flink-create.2.sql" "$WORK/result/flink-create.2.sql"
cp "$BROKEN/starrocks-pk-float.sql" "$WORK/result/starrocks-create.1.sql"
cp "$BROKEN/flink-swapped-column.sql" "$WORK/result/flink-create.1.sql"
"$ROOT/scripts/check-result" --quiet "$WORK/result" --be-num 3 >"$WORK/cr-bad" 2>&1
rc=$?
if [ $rc -eq 1 ] && grep -q '^check-result: 4 files: 2 passed, 2 failed' "$WORK/cr-bad"; then ok "check-result rejects a folder with 2 broken files"
else ko "check-result on a broken folder" "exit $rc"; sed 's/^/    /' "$WORK/cr-bad"; fi

# a catalog-load file is checked against its folder's starrocks-create.all.sql: a folder whose
# INSERT names a column the folder's DDL lacks fails, the same folder with the good file passes
mkdir -p "$WORK/load"
cp "$GOOD/starrocks-create.all.sql" "$GOOD/starrocks-catalog-load.1.sql" "$WORK/load/"
if "$ROOT/scripts/check-result" --quiet "$WORK/load" >"$WORK/cl-good" 2>&1; then ok "check-result passes a catalog-load folder"
else ko "check-result on a good catalog-load folder" "exit $?"; sed 's/^/    /' "$WORK/cl-good"; fi
sed 's/`duration_ms`/`duration_secs`/' "$GOOD/starrocks-catalog-load.1.sql" >"$WORK/load/starrocks-catalog-load.1.sql"
"$ROOT/scripts/check-result" --quiet "$WORK/load" >"$WORK/cl-bad" 2>&1
rc=$?
if [ $rc -eq 1 ] && grep -q 'load-columns: column `duration_secs` is not a column of demo.page_views' "$WORK/cl-bad" \
   && grep -q '^check-result: 2 files: 1 passed, 1 failed' "$WORK/cl-bad"; then ok "check-result rejects a catalog load naming a column its folder's DDL lacks"
else ko "check-result on a broken catalog-load folder" "exit $rc"; sed 's/^/    /' "$WORK/cl-bad"; fi

echo "($(( $(date +%s) - t0 ))s)"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
