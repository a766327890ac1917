#!/bin/sh
# `shequ copy` round trip SQLite -> PostgreSQL -> SQLite leaves identical data
# (personal fields still sealed, the key file going with them), and the
# PostgreSQL copy serves the same pages. Run under
# tests/pg/with-postgres.sh (it sets SHEQU_TEST_PG). usage: test_copy.sh PATH-TO-SHEQU
set -u
shequ=$1
pg=${SHEQU_TEST_PG:?run under tests/pg/with-postgres.sh}
dir=$(mktemp -d)
# serve() runs in a command substitution (a subshell), so the servers'
# process ids are kept in a file, not a variable.
stop_servers() {
	for p in $(cat "$dir/pids" 2>/dev/null); do
		kill "$p" 2>/dev/null && wait "$p" 2>/dev/null
	done
	rm -f "$dir/pids"
}
trap 'stop_servers; rm -rf "$dir"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
check() { if "$@" >"$dir/out" 2>"$dir/err"; then ok; else bad "$*: $(tail -3 "$dir/err")"; fi; }

a=$dir/a.db
b=$dir/b.db
check "$shequ" init --db "$a"
check "$shequ" demo --db "$a"
echo "password-for-copy" | "$shequ" user add --db "$a" --name 复制测试 --username copytest >/dev/null
# A key file already at the destination that is not the source's: refused, nothing copied.
"$shequ" init --db "$dir/other.db" >/dev/null
cp "$dir/other.db.key" "$dir/pg.key"
if "$shequ" copy --from "$a" --to "$pg" --to-key-file "$dir/pg.key" >/dev/null 2>"$dir/err"; then
	bad "copy next to another key"
else
	grep -q "holds another key" "$dir/err" && ok || bad "the other key is named: $(cat "$dir/err")"
fi
rm "$dir/pg.key"
check "$shequ" copy --from "$a" --to "$pg" --to-key-file "$dir/pg.key"
grep -q "verifying row counts" "$dir/out" && ok || bad "copy reports its verification"
grep -q "key $a.key copied to $dir/pg.key" "$dir/out" && ok || bad "copy says where the key went: $(cat "$dir/out")"
cmp -s "$a.key" "$dir/pg.key" && [ "$(stat -c %a "$dir/pg.key")" = 600 ] && ok || bad "the key file goes with the data, private"
nusers=$(sqlite3 "$a" "SELECT COUNT(*) FROM users")
grep -q "users: $nusers/$nusers rows" "$dir/out" && ok || bad "copy reports progress: $(cat "$dir/out")"
if "$shequ" copy --from "$a" --to "$pg" --to-key-file "$dir/pg.key" >/dev/null 2>"$dir/err"; then bad "copy into a filled database"; else ok; fi
check "$shequ" copy --from "$pg" --key-file "$dir/pg.key" --to "$b"
cmp -s "$a.key" "$b.key" && ok || bad "the round trip's key is the same"

# Every table, every row, every byte (blobs in hex), identical after the round trip.
for t in $(sqlite3 "$a" "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT IN ('schema_migrations', 'data_version') ORDER BY name"); do
	sqlite3 -cmd ".mode quote" "$a" "SELECT * FROM $t" | sort >"$dir/a.$t"
	sqlite3 -cmd ".mode quote" "$b" "SELECT * FROM $t" | sort >"$dir/b.$t"
	if cmp -s "$dir/a.$t" "$dir/b.$t"; then ok; else bad "table $t differs after the round trip"; fi
done

# The copies' public records verify unchanged, on both backends.
check "$shequ" verify --db "$pg"
grep -q "all public records check out" "$dir/out" && ok || bad "verify on the PostgreSQL copy: $(cat "$dir/out")"
check "$shequ" verify --db "$b"
grep -q "all public records check out" "$dir/out" && ok || bad "verify on the SQLite round trip: $(cat "$dir/out")"

# New rows on PostgreSQL get fresh ids after the copy (identity sequences moved on).
echo "another-password" | "$shequ" user add --db "$pg" --name 新用户 --username afterpg >"$dir/out" 2>"$dir/err" &&
	grep -q "user $((nusers + 1)) added" "$dir/out" && ok || bad "insert after copy: $(cat "$dir/out" "$dir/err")"

# Personal fields stay sealed through the round trip (the tables compared equal above).
[ "$(sqlite3 "$b" "SELECT COUNT(*) FROM disclosure_recipient WHERE id_sealed IS NOT NULL")" -ge 1 ] && ok || bad "sealed rows"
for s in 11010519491231002X 13812341234; do
	if grep -q -a -F "$s" "$b" "$b-wal" 2>/dev/null; then bad "$s in clear in the round-trip copy"; else ok; fi
done

# The copies serve the same bytes.
serve() {
	"$shequ" serve --db "$1" --listen 127.0.0.1:0 --threads 1 --access-log off >"$dir/$2.out" 2>/dev/null &
	echo $! >>"$dir/pids"
	for _ in $(seq 300); do grep -q listening "$dir/$2.out" 2>/dev/null && break; sleep 0.1; done
	sed -n 's|listening on \(http://[0-9.:]*\)/|\1|p' "$dir/$2.out"
}
ua=$(serve "$a" a)
upg=$(SHEQU_KEY_FILE="$dir/pg.key" serve "$pg" pg)
for path in /c/xingfuli/ /c/cuizhu/ / /api/v1/communities; do
	curl -sf "$ua$path" >"$dir/page.a" && curl -sf "$upg$path" >"$dir/page.pg" && cmp -s "$dir/page.a" "$dir/page.pg" &&
		ok || bad "$path differs between SQLite and its PostgreSQL copy"
done

# Both servers stop when told to; none is left running after the test.
for p in $(cat "$dir/pids"); do
	kill "$p" && ok || bad "server $p was not running"
done
for p in $(cat "$dir/pids"); do
	for _ in $(seq 100); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
	kill -0 "$p" 2>/dev/null && bad "server $p still runs 10 s after SIGTERM" || ok
done
rm -f "$dir/pids"
echo "copy: $pass passed, $fail failed"
[ "$fail" = 0 ]
