#!/bin/sh
# Runs a command against a throw-away PostgreSQL 15 server: initdb in a
# temporary directory, listening on a Unix socket only, stopped at the end.
# The command finds the database in $SHEQU_TEST_PG (a postgresql:// URL).
# usage: tests/pg/with-postgres.sh COMMAND [ARGS...]
set -eu
bin=/usr/lib/postgresql/15/bin
[ -x "$bin/postgres" ] || { echo "with-postgres: PostgreSQL 15 is not installed (scripts/deps.sh test)"; exit 1; }
dir=$(mktemp -d /tmp/shequ-pg-XXXXXX)
as=""
if [ "$(id -u)" = 0 ]; then
	chown postgres "$dir"
	as="runuser -u postgres --"
fi
cleanup() {
	$as "$bin/pg_ctl" -D "$dir/data" -m fast stop >/dev/null 2>&1 || true
	rm -rf "$dir"
}
trap cleanup EXIT INT TERM
$as "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
$as "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
	-o "-c listen_addresses='' -c unix_socket_directories='$dir' -c fsync=off -c max_connections=50" start >/dev/null
$as "$bin/createdb" -h "$dir" -U postgres shequ_test
# The socket directory must be reachable by the test (it runs as root or as postgres).
chmod 755 "$dir"
export SHEQU_TEST_PG="postgresql:///shequ_test?host=$dir&user=postgres"
"$@"
