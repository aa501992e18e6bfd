#!/usr/bin/env bash
# Starts an OpenLDAP directory (Debian's slapd 2.5) on loopback for the LDAP datastore's tests and for
# anyone who wants to try the reference server against a directory. Idempotent: a second run finds slapd
# running and the base entries present, and only prints the connection settings again.
#   LDAP_PORT      (default 3389)            LDAP_DIR  (default /tmp/scim-ldap: database, pid, config)
#   LDAP_PASSWORD  (default secret)          the rootdn's password; this is a local test directory
# Installs slapd and ldap-utils with apt when they are missing (needs root, as the CI machine is).
# Stop it with scripts/ldap-down.sh.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
fixtures="$(cd "$here/../fixtures/ldap" && pwd)"
LDAP_PORT="${LDAP_PORT:-3389}"
LDAP_DIR="${LDAP_DIR:-/tmp/scim-ldap}"
LDAP_PASSWORD="${LDAP_PASSWORD:-secret}"
SUFFIX="dc=example,dc=com"
ROOTDN="cn=admin,$SUFFIX"
URL="ldap://127.0.0.1:$LDAP_PORT"

if ! command -v slapd >/dev/null || ! command -v ldapadd >/dev/null; then
  echo "ldap-up: installing slapd and ldap-utils (Debian packages)" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq slapd ldap-utils >/dev/null
fi

running() { [ -f "$LDAP_DIR/slapd.pid" ] && kill -0 "$(cat "$LDAP_DIR/slapd.pid")" 2>/dev/null; }

# slapd reads its schema and indexes when it starts: one started from other fixtures (an older checkout)
# is stopped and started again on the same database, which keeps its entries.
fixtures_sum="$(cat "$fixtures/slapd.conf.template" "$fixtures/scim.schema" | sha256sum | cut -d' ' -f1)"
if running && [ "$(cat "$LDAP_DIR/fixtures.sum" 2>/dev/null)" != "$fixtures_sum" ]; then
  echo "ldap-up: the fixtures changed since slapd started; restarting it" >&2
  pid="$(cat "$LDAP_DIR/slapd.pid")"
  kill "$pid"
  for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
fi

if ! running; then
  mkdir -p "$LDAP_DIR/db"
  # The password is stored hashed in the generated config, which only its owner can read.
  hash="$(slappasswd -s "$LDAP_PASSWORD")"
  sed -e "s|@FIXTURES@|$fixtures|g" -e "s|@LDAP_DIR@|$LDAP_DIR|g" -e "s|@SUFFIX@|$SUFFIX|g" \
      -e "s|@ROOTDN@|$ROOTDN|g" -e "s|@ROOTPW@|$hash|g" \
      "$fixtures/slapd.conf.template" > "$LDAP_DIR/slapd.conf"
  chmod 600 "$LDAP_DIR/slapd.conf"
  slaptest -Q -u -f "$LDAP_DIR/slapd.conf"
  if [ "$(id -u)" = 0 ] && id openldap >/dev/null 2>&1; then
    chown -R openldap:openldap "$LDAP_DIR"
    # Started as root, slapd drops to the openldap user once the port is bound.
    slapd -f "$LDAP_DIR/slapd.conf" -h "$URL/" -u openldap -g openldap
  else
    slapd -f "$LDAP_DIR/slapd.conf" -h "$URL/"
  fi
  for _ in $(seq 100); do
    ldapsearch -x -H "$URL" -b "" -s base >/dev/null 2>&1 && break
    sleep 0.1
  done
  echo "$fixtures_sum" > "$LDAP_DIR/fixtures.sum"
fi

# `-c` continues past "Already exists" (68): that is what makes a second run a no-op.
ldapadd -c -x -H "$URL" -D "$ROOTDN" -w "$LDAP_PASSWORD" -f "$fixtures/bootstrap.ldif" >/dev/null 2>&1 || true
ldapsearch -x -H "$URL" -D "$ROOTDN" -w "$LDAP_PASSWORD" -b "$SUFFIX" -s one -LLL dn | grep -q '^dn: ou=people' || {
  echo "ldap-up: slapd is not answering on $URL (see $LDAP_DIR)" >&2
  exit 1
}

echo "SCIM_TEST_LDAP_URL=$URL"
echo "SCIM_TEST_LDAP_BIND_DN=$ROOTDN"
echo "SCIM_TEST_LDAP_PASSWORD=$LDAP_PASSWORD"
echo "SCIM_TEST_LDAP_BASE_DN=$SUFFIX"
echo "# slapd pid $(cat "$LDAP_DIR/slapd.pid"), data in $LDAP_DIR; stop with scripts/ldap-down.sh" >&2
