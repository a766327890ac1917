#!/bin/sh
# A deployment made by an older shequ, whose public log tables the
# disclosure module created, is upgraded by this one: `shequ migrate`
# applies core 0003_public_log.sql, the schema ends up as a new database's,
# every existing record still verifies, the board appends to the same log,
# and `shequ copy` moves it. SQLite; PostgreSQL too when run under
# tests/pg/with-postgres.sh. The older binary comes from the environment:
#   SHEQU_OLD_BINARY=/tmp/shequ-e4fc47f  (e.g. `git worktree add /tmp/old e4fc47f`,
#   then `meson setup /tmp/old/build /tmp/old && ninja -C /tmp/old/build shequ`)
# Skipped (exit 77) without it. usage: test_upgrade.sh PATH-TO-SHEQU
set -u
new=$1
old=${SHEQU_OLD_BINARY:-}
[ -n "$old" ] && [ -x "$old" ] || { echo "SHEQU_OLD_BINARY (a shequ built before the log moved to the core) not set: skipped"; exit 77; }
pg=${SHEQU_TEST_PG:-}
dir=$(mktemp -d)
stop_server() {
	[ -f "$dir/pid" ] && kill "$(cat "$dir/pid")" 2>/dev/null && wait "$(cat "$dir/pid")" 2>/dev/null
	rm -f "$dir/pid"
}
trap 'stop_server; rm -rf "$dir"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
check() { if "$@" >"$dir/out" 2>"$dir/err"; then ok; else bad "$*: $(tail -3 "$dir/out" "$dir/err")"; fi; }
contains() { grep -qF -- "$2" "$1" && ok || bad "$3: $(cat "$1")"; }

# Tables, columns, keys and indexes of a SQLite database, one line each.
schema() {
	for t in $(sqlite3 "$1" "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"); do
		sqlite3 "$1" "SELECT '$t', cid, name, type, \"notnull\", dflt_value, pk FROM pragma_table_info('$t')"
		sqlite3 "$1" "SELECT '$t fk', \"table\", \"from\", \"to\" FROM pragma_foreign_key_list('$t')"
	done
	sqlite3 "$1" "SELECT 'index', name, tbl_name FROM sqlite_master WHERE type = 'index' ORDER BY name"
}

# Turns on the review of objections at 幸福里 as its staff member wangjg:
# one person suffices, and the change is a public record appended to the log.
append_through_the_board() {
	"$new" serve --db "$1" --listen 127.0.0.1:0 --threads 1 --access-log off >"$dir/serve.out" 2>&1 &
	echo $! >"$dir/pid"
	for _ in $(seq 300); do grep -q listening "$dir/serve.out" 2>/dev/null && break; sleep 0.1; done
	u=$(sed -n 's|.*listening on \(http://[0-9.:]*\)/.*|\1|p' "$dir/serve.out")
	[ -n "$u" ] || { stop_server; return 1; }
	jar=$dir/jar
	rm -f "$jar"
	tok() { sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1; }
	t=$(curl -s -c "$jar" -b "$jar" "$u/login" | tok)
	curl -s -o /dev/null -c "$jar" -b "$jar" --data "csrf=$t&login=wangjg&password=demo-pass-2026" "$u/login"
	t=$(curl -s -c "$jar" -b "$jar" "$u/c/xingfuli/admin/board/settings" | tok)
	code=$(curl -s -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" \
		--data "csrf=$t&setting=review_objections&value=1&reason_review_objections=upgrade" \
		"$u/c/xingfuli/admin/board/settings")
	stop_server
	[ "$code" = 303 ]
}

# $1: the database made by the older binary. Upgrades it and checks it.
upgrade() {
	if "$new" verify --db "$1" >"$dir/out" 2>"$dir/err"; then bad "the new binary verifies before migrating"; else ok; fi
	contains "$dir/err" "run \`shequ migrate\`" "the new binary asks for the migration"
	check "$new" migrate --db "$1"
	contains "$dir/out" "applied core/0003_public_log.sql" "core 0003 is applied"
	contains "$dir/out" "applied core/0004_open_roles.sql" "core 0004 is applied"
	contains "$dir/out" "applied core/0006_role_grant_by_unit.sql" "core 0005 is applied"
	contains "$dir/out" "applied disclosure/0008_lean_lists.sql" "disclosure 0008 is applied"
	contains "$dir/out" "applied services/0001_services.sql" "the service directory is created"
	contains "$dir/out" "(5 migrations applied)" "nothing else is applied"
	check "$new" verify --db "$1"
	contains "$dir/out" "all public records check out" "the old records verify after the upgrade"
	if append_through_the_board "$1"; then ok; else bad "a setting change on the upgraded board: $(cat "$dir/serve.out")"; fi
	check "$new" verify --db "$1" --community xingfuli
	contains "$dir/out" "✓ 27 records, 27 checkpoints" "the board appended to the old log, and it verifies"
	check "$new" migrate --db "$1"
	contains "$dir/out" "(0 migrations applied)" "a second migrate applies nothing"
}

# SQLite: a database from the older binary, and a new one to compare with.
"$old" init --db "$dir/old.db" >/dev/null && "$old" demo --db "$dir/old.db" >/dev/null && ok || bad "the older binary makes its demo"
check "$old" verify --db "$dir/old.db"
upgrade "$dir/old.db"
check "$new" init --db "$dir/fresh.db"
schema "$dir/old.db" >"$dir/schema.old"
schema "$dir/fresh.db" >"$dir/schema.fresh"
if cmp -s "$dir/schema.old" "$dir/schema.fresh"; then ok; else bad "upgraded and new schemas differ: $(diff "$dir/schema.old" "$dir/schema.fresh")"; fi
grep -q "^tlog_head|2|range_hashes|BLOB" "$dir/schema.fresh" && ok || bad "a new database has the compact range column"

if [ -n "$pg" ]; then
	# PostgreSQL: the older binary's deployment there, upgraded, then copied
	# to SQLite, where it must have a new database's schema and verify.
	export SHEQU_KEY_FILE="$dir/pg.key"
	"$old" init --db "$pg" >/dev/null && "$old" demo --db "$pg" >/dev/null && ok || bad "the older binary makes its demo on PostgreSQL"
	upgrade "$pg"
	check "$new" copy --from "$pg" --key-file "$dir/pg.key" --to "$dir/back.db"
	check "$new" verify --db "$dir/back.db"
	contains "$dir/out" "all public records check out" "the copy of the upgraded PostgreSQL database verifies"
	schema "$dir/back.db" >"$dir/schema.back"
	if cmp -s "$dir/schema.back" "$dir/schema.fresh"; then ok; else bad "copied and new schemas differ: $(diff "$dir/schema.back" "$dir/schema.fresh")"; fi
fi
echo "upgrade: $pass passed, $fail failed"
[ "$fail" = 0 ]
