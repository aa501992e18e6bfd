#!/usr/bin/env bash
# Stops the private PostgreSQL cluster that scripts/pg-up.sh started (a no-op when it is not running).
# Its data folder is kept, so pg-up.sh starts it again with the same data; delete PGDATA to start afresh.
set -euo pipefail
PGDATA="${PGDATA:-/tmp/scim-pg/data}"
PGBIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
[ -n "$PGBIN" ] && [ -s "$PGDATA/PG_VERSION" ] || exit 0
if [ "$(id -u)" = 0 ]; then as_pg() { runuser -u postgres -- "$@"; }; else as_pg() { "$@"; }; fi
if as_pg "$PGBIN/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1; then
  as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -m fast -w -t 30 stop >/dev/null
  echo "pg-down: stopped the cluster in $PGDATA"
fi
