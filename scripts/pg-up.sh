#!/usr/bin/env bash
# Starts a private PostgreSQL cluster on loopback for the PostgreSQL datastore's tests, `npm run
# conformance -- --datastore postgres`, and anyone who wants to try the server on PostgreSQL. Idempotent:
# a second run finds the cluster running and only prints the URL again. Installs Debian's `postgresql`
# package when no server binaries are found. The cluster is private (its own data folder and port), so a
# system cluster such as Debian's 15/main is left alone. Settings favour test speed over durability
# (fsync off): never keep data you care about in it.
#   scripts/pg-up.sh                          prints SCIM_TEST_PG_URL=postgres://scim:scim@127.0.0.1:54329/scim
#   export "$(scripts/pg-up.sh | tail -1)"    starts it and sets SCIM_TEST_PG_URL for `npm test`
# Environment: PGPORT (54329), PGDATA (/tmp/scim-pg/data).
set -euo pipefail
PGPORT="${PGPORT:-54329}"
PGDATA="${PGDATA:-/tmp/scim-pg/data}"

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
if [ -z "$(pg_bin)" ] || [ ! -x "$(pg_bin)/initdb" ]; then
  echo "pg-up: installing Debian's postgresql package" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
PGBIN="$(pg_bin)"

# PostgreSQL refuses to run as root ("root execution of the PostgreSQL server is not permitted").
if [ "$(id -u)" = 0 ]; then
  as_pg() { runuser -u postgres -- "$@"; }
  install -d -o postgres -g postgres "$(dirname "$PGDATA")" "$PGDATA"
else
  as_pg() { "$@"; }
  mkdir -p "$PGDATA"
fi
chmod 700 "$PGDATA"

if [ ! -s "$PGDATA/PG_VERSION" ]; then
  # C.UTF-8: UTF-8 text, and byte order for the default collation (the datastore says COLLATE "C" anyway).
  as_pg "$PGBIN/initdb" -D "$PGDATA" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
fi
if ! as_pg "$PGBIN/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1; then
  as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/server.log" -w -t 30 start \
    -o "-c listen_addresses=127.0.0.1 -p $PGPORT -k $PGDATA -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    >/dev/null
fi

psql_() { as_pg "$PGBIN/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -qtA "$@"; }
psql_ -c "DO \$\$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'scim') THEN CREATE ROLE scim LOGIN PASSWORD 'scim' CREATEDB; END IF; END\$\$;"
[ "$(psql_ -c "SELECT 1 FROM pg_database WHERE datname = 'scim'")" = 1 ] || psql_ -c "CREATE DATABASE scim OWNER scim"
echo "SCIM_TEST_PG_URL=postgres://scim:scim@127.0.0.1:$PGPORT/scim"
