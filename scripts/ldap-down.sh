#!/usr/bin/env bash
# Stops the slapd that scripts/ldap-up.sh started (the one whose pid file is in LDAP_DIR) and waits for
# it to exit; a second run, or a run with nothing started, does nothing. `--purge` also deletes LDAP_DIR.
set -euo pipefail
LDAP_DIR="${LDAP_DIR:-/tmp/scim-ldap}"
pidfile="$LDAP_DIR/slapd.pid"
if [ -f "$pidfile" ] && pid="$(cat "$pidfile")" && kill -0 "$pid" 2>/dev/null; then
  kill -TERM "$pid"
  for _ in $(seq 100); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "ldap-down: stopped slapd $pid" >&2
fi
if [ "${1:-}" = "--purge" ]; then
  rm -rf "$LDAP_DIR"
fi
