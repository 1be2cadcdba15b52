#!/usr/bin/env bash
# tests/starrocks-check/run.sh - offline check of StarRocks DDL files: sqlglot's StarRocks dialect
# (pinned sqlglot, in a cached venv) plus StarRocks' own rules.  See check.py for the rule list.
#
#   tests/starrocks-check/run.sh [--version X.Y] [--be-num N] FILE.sql [FILE.sql ...]
#
# First use creates $SMT_CACHE/venv-sqlglot-<version> (pip install from PyPI, a few seconds);
# later runs reuse it.  Env: SMT_CACHE (default ~/.cache/smt), SMT_SQLGLOT_VERSION (default 30.30.0).
# Exit code: 0 all files ok, 1 problems found, 2 setup/usage error.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=scripts/lib/checks-common.sh
. "$HERE/../../scripts/lib/checks-common.sh"

[ $# -gt 0 ] || { sed -n '2,9p' "$0" >&2; exit 2; }
PY=$(smt_sqlglot_python)
exec "$PY" -B "$HERE/check.py" "$@"
