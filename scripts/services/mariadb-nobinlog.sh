#!/usr/bin/env bash
# scripts/services/mariadb-nobinlog.sh - a second MariaDB on 127.0.0.1:${SMT_MARIADB_BAD_PORT:-3307}
# whose binary log is NOT usable for CDC: log_bin on, but binlog_format=STATEMENT and
# binlog_row_image=MINIMAL. The `smt check` tests assert the failures and their fix text against
# it (the binlog-OFF case is covered by a recorded-facts unit test and the server on 3306).
#
#   scripts/services/mariadb-nobinlog.sh [start]   # start (or confirm) the server; idempotent
#   scripts/services/mariadb-nobinlog.sh stop      # stop the server THIS script started (pidfile)
#
# It is scripts/services/mariadb.sh with another port, datadir
# (${SMT_SERVICES_RUN:-/tmp/smt-services}/mariadb-nobinlog) and binary log settings.
set -euo pipefail

RUN=${SMT_SERVICES_RUN:-/tmp/smt-services}
DIR=$RUN/mariadb-nobinlog
mkdir -p "$RUN"
# The server runs as user mysql and must reach its datadir below $RUN.
chmod 755 "$RUN" 2>/dev/null || true
SMT_MARIADB_PORT=${SMT_MARIADB_BAD_PORT:-3307} \
SMT_MARIADB_DIR=$DIR \
SMT_MARIADB_NAME=mariadb-nobinlog.sh \
SMT_MARIADB_BINLOG_CNF="server-id=7
log-bin=$DIR/data/binlog
binlog_format=STATEMENT
binlog_row_image=MINIMAL
expire_logs_days=0" \
  exec "$(dirname "$0")/mariadb.sh" "$@"
