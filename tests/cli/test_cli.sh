#!/bin/sh
# The command line: init, demo, user, migrate, backup, serve's config and
# schema check, the personal-data key file. usage: tests/cli/test_cli.sh PATH-TO-SHEQU
set -u
shequ=$1
dir=$(mktemp -d)
trap 'kill $spid 2>/dev/null; rm -rf "$dir"' EXIT
db=$dir/t.db
pass=0
fail=0
spid=

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
# expect CODE DESCRIPTION -- COMMAND...: the command exits with CODE
expect() {
	code=$1 what=$2
	shift 3
	"$@" >"$dir/out" 2>"$dir/err"
	got=$?
	if [ "$got" = "$code" ]; then ok; else bad "$what: exit $got, wanted $code: $(cat "$dir/err")"; fi
}
contains() { if grep -q -- "$2" "$1"; then ok; else bad "$3: '$2' not in $(cat "$1")"; fi; }
sql() { sqlite3 "$db" "$1"; }

expect 0 "help" -- "$shequ" --help
contains "$dir/out" "serve" "help lists commands"
expect 2 "unknown command" -- "$shequ" frobnicate
expect 0 "serve --help" -- "$shequ" serve --help
contains "$dir/out" "--listen" "serve help"
contains "$dir/out" "--hash-threads" "serve help names the password workers"
expect 2 "serve refuses --login-delay 0" -- "$shequ" serve --login-delay 0
contains "$dir/err" "login-delay must be 1..900" "login-delay range"
expect 2 "serve refuses --hash-threads -1" -- "$shequ" serve --hash-threads -1
expect 2 "serve refuses --hash-queue 0" -- "$shequ" serve --hash-queue 0

touch "$dir/empty.db"
expect 1 "serve refuses a database without schema" -- "$shequ" serve --db "$dir/empty.db" --listen 127.0.0.1:0
contains "$dir/err" "shequ init" "schema check says what to do"

expect 0 "init" -- "$shequ" init --db "$db"
contains "$dir/out" "signing public key" "init prints the key"
[ "$(sql "SELECT COUNT(*) FROM deployment_secret WHERE name IN ('csrf_key', 'signing_key', 'pii_key_check')")" = 3 ] &&
	ok || bad "init stores three secrets"
[ "$(sql "SELECT value FROM deployment_secret WHERE name = 'log_origin'")" = shequ.local ] && ok || bad "init records the default log origin"
# The key that seals personal data is a file beside the database, never in it.
contains "$dir/out" "personal-data key written to $db.key" "init says where the key is"
[ "$(stat -c %a "$db.key")" = 600 ] && ok || bad "key file is private: $(stat -c %a "$db.key")"
[ "$(grep -v '^#' "$db.key" | tr -d '\n' | grep -cE '^[0-9a-f]{64}$')" = 1 ] && ok || bad "key file holds 64 hex digits"
key=$(grep -v '^#' "$db.key")
[ "$(sql "SELECT COUNT(*) FROM deployment_secret WHERE hex(value) LIKE '%' || upper('$key') || '%'")" = 0 ] &&
	ok || bad "the key is not in the database"
[ "$(stat -c %a "$db")" = 600 ] && ok || bad "the database file is private: mode $(stat -c %a "$db")"
expect 1 "init twice is refused" -- "$shequ" init --db "$db"
expect 0 "migrate on a current schema" -- "$shequ" migrate --db "$db"
contains "$dir/out" "0 migrations applied" "migrate is idempotent"

expect 0 "demo" -- "$shequ" demo --db "$db"
contains "$dir/out" "zhangsan" "demo prints logins"
expect 1 "demo twice is refused" -- "$shequ" demo --db "$db"
for s in 11010519491231002X 13812341234 13700000000 张三丰 幸福里3号楼2单元501; do
	if grep -q -a -F "$s" "$db" "$db-wal" 2>/dev/null; then bad "$s is in the database file in clear"; else ok; fi
done
sql "SELECT name_masked FROM disclosure_recipient" | grep -q '张\*丰' && ok || bad "masked names are stored"
# The demo is the same on every run, and each community's is its own: its
# figures, names and homes; its log in the order of the records' dates.
"$shequ" init --db "$dir/again.db" >/dev/null && "$shequ" demo --db "$dir/again.db" >/dev/null || bad "a second demo"
q="SELECT c.slug || '|' || p.title || '|' || p.body FROM disclosure_post p JOIN org_unit c ON c.id = p.community_id ORDER BY c.slug, p.id"
[ "$(sql "$q")" = "$(sqlite3 "$dir/again.db" "$q")" ] && ok || bad "two demo runs wrote different posts"
q="SELECT name_masked || address_masked FROM disclosure_recipient r JOIN org_unit c ON c.id = r.community_id WHERE c.slug = 'heping'"
sql "$q" | grep -q '幸福里' && bad "和平社区's lists name 幸福里 homes" || ok
[ "$(sql "SELECT COUNT(DISTINCT body) FROM disclosure_post p JOIN disclosure_item i ON i.community_id = p.community_id AND i.id = p.item_id WHERE i.code = 'party-review'")" = 3 ] &&
	ok || bad "each community has its own figures"
[ "$(sql "SELECT COUNT(*) FROM tlog_leaf a JOIN tlog_leaf b ON b.community_id = a.community_id AND b.idx = a.idx + 1 WHERE b.created_at < a.created_at")" = 0 ] &&
	ok || bad "a demo log holds a record dated before the one it follows"
[ "$(sql "SELECT SUM(g.granted_at >= t.created_at) || '/' || COUNT(*) FROM role_grant g JOIN disclosure_thread t ON t.user_id = g.user_id WHERE g.role = 'supervisor'")" = 0/1 ] &&
	ok || bad "a supervisor gave an opinion before being appointed"

# Without its key, or with another database's, shequ refuses to start.
mv "$db.key" "$dir/saved.key"
expect 1 "serve refuses without the key file" -- "$shequ" serve --db "$db" --listen 127.0.0.1:0
contains "$dir/err" "cannot read key file $db.key" "the refusal names the key file"
contains "$dir/err" "key backup" "the refusal says what to do"
[ -s "$dir/out" ] && bad "serve printed something without its key: $(cat "$dir/out")" || ok
expect 1 "demo refuses without the key file" -- "$shequ" demo --db "$db"
expect 0 "init another database" -- "$shequ" init --db "$dir/other.db"
expect 1 "serve refuses another database's key" -- "$shequ" serve --db "$db" --key-file "$dir/other.db.key" --listen 127.0.0.1:0
contains "$dir/err" "does not belong to" "the wrong key is named as such"
cp "$dir/saved.key" "$dir/open.key"
chmod 644 "$dir/open.key"
expect 1 "serve refuses a key file others can read" -- "$shequ" serve --db "$db" --key-file "$dir/open.key" --listen 127.0.0.1:0
contains "$dir/err" "chmod 600" "the open key file is refused with the fix"
printf 'not a key\n' >"$dir/bad.key"
chmod 600 "$dir/bad.key"
expect 1 "serve refuses a file that holds no key" -- "$shequ" serve --db "$db" --key-file "$dir/bad.key" --listen 127.0.0.1:0
contains "$dir/err" "does not hold a key" "a garbled key file is named as such"
expect 1 "migrate refuses without the key of a sealed database" -- "$shequ" migrate --db "$db"
[ -e "$db.key" ] && bad "migrate made a new key for a sealed database" || ok

echo "long-enough-pw" >"$dir/pw"
expect 0 "user add" -- sh -c "'$shequ' user add --db '$db' --name 测试 --username tester --phone 13712345678 < '$dir/pw'"
expect 1 "duplicate username" -- sh -c "'$shequ' user add --db '$db' --name 另一人 --username tester < '$dir/pw'"
expect 2 "bad phone" -- sh -c "'$shequ' user add --db '$db' --name 另一人 --phone 12345 < '$dir/pw'"
expect 0 "user add with a generated password" -- sh -c "'$shequ' user add --db '$db' --name 随机 --username randpw < /dev/null"
contains "$dir/out" "password: " "generated password printed"
expect 0 "grant staff at a community" -- "$shequ" user grant --db "$db" tester staff xingfuli
expect 1 "grant twice" -- "$shequ" user grant --db "$db" tester staff xingfuli
expect 2 "street_admin at a community is refused" -- "$shequ" user grant --db "$db" tester street_admin xingfuli
expect 2 "system_admin with a unit is refused" -- "$shequ" user grant --db "$db" tester system_admin xingfuli
expect 2 "unknown role" -- "$shequ" user grant --db "$db" tester mayor xingfuli
expect 1 "unknown unit" -- "$shequ" user grant --db "$db" tester staff nowhere
echo "short" >"$dir/short"
expect 2 "short password refused" -- sh -c "'$shequ' user passwd --db '$db' tester < '$dir/short'"
contains "$dir/err" "密码至少需要 10 个字符" "short password: the reason"
echo "Tester-at-home" >"$dir/named"
expect 2 "password with the user name refused" -- sh -c "'$shequ' user passwd --db '$db' tester < '$dir/named'"
contains "$dir/err" "密码不能包含用户名" "password with the user name: the reason"
echo "pw-13712345678" >"$dir/phoned"
expect 2 "password with the phone refused" -- sh -c "'$shequ' user passwd --db '$db' tester < '$dir/phoned'"
contains "$dir/err" "密码不能包含手机号" "password with the phone: the reason"
echo "Woaini1314" >"$dir/common"
expect 2 "common password refused" -- sh -c "'$shequ' user passwd --db '$db' tester < '$dir/common'"
contains "$dir/err" "这是常见密码" "common password: the reason"
echo "my-WEAKLING-pw" >"$dir/weak2"
expect 2 "user add refuses a password with the user name" -- \
	sh -c "'$shequ' user add --db '$db' --name 弱密码 --username weakling < '$dir/weak2'"
contains "$dir/err" "密码不能包含用户名" "user add: the reason"
[ "$(sql "SELECT COUNT(*) FROM users WHERE username = 'weakling'")" = 0 ] && ok || bad "no user added with a weak password"
echo "another-long-pw" >"$dir/pw2"
expect 0 "passwd" -- sh -c "'$shequ' user passwd --db '$db' tester < '$dir/pw2'"
[ "$(sql "SELECT COUNT(*) FROM audit_log WHERE actor = '命令行' AND action IN ('user.create','user.grant','user.password_reset')")" = 4 ] &&
	ok || bad "CLI account changes are audited: $(sql "SELECT action FROM audit_log")"

cat >"$dir/shequ.conf" <<CONF
# test configuration
db = $db
key_file = $dir/saved.key
listen = 127.0.0.1:0
threads = 1
access_log = off
hash_threads = 1
hash_queue = 8
login_delay = 30
CONF
"$shequ" serve --config "$dir/shequ.conf" >"$dir/serve.out" 2>"$dir/serve.err" &
spid=$!
for _ in $(seq 300); do grep -q listening "$dir/serve.out" && break; sleep 0.1; done
contains "$dir/serve.out" "listening on http://127.0.0.1:" "serve reads the config file, key_file too"
mv "$dir/saved.key" "$db.key"
expect 0 "backup while serving" -- "$shequ" backup --db "$db" "$dir/copy.db"
contains "$dir/out" "key file $db.key" "backup reminds that the key is not in it"
[ "$(sqlite3 "$dir/copy.db" "PRAGMA integrity_check")" = ok ] && ok || bad "backup passes integrity_check"
[ "$(stat -c %a "$dir/copy.db")" = 600 ] && ok || bad "the backup is private: mode $(stat -c %a "$dir/copy.db")"
[ "$(sqlite3 "$dir/copy.db" "SELECT COUNT(*) FROM users")" = "$(sql "SELECT COUNT(*) FROM users")" ] && ok || bad "backup has every user"
kill -TERM "$spid"
wait "$spid"
[ $? = 0 ] && ok || bad "serve exits 0 on SIGTERM"
spid=
# Behind a proxy on loopback, the client address comes from X-Forwarded-For.
"$shequ" serve --db "$db" --listen 127.0.0.1:0 --threads 1 --trust-proxy --access-log "$dir/access.log" >"$dir/p.out" 2>/dev/null &
spid=$!
for _ in $(seq 300); do grep -q listening "$dir/p.out" && break; sleep 0.1; done
url=$(sed -n 's|listening on \(http://[0-9.:]*\)/|\1|p' "$dir/p.out")
curl -s -o /dev/null -H "X-Forwarded-For: 10.9.9.9, 198.51.100.9" "$url/" || true
curl -s -o /dev/null -H "X-Forwarded-For: not-an-address" "$url/c/xingfuli/" || true
kill -TERM "$spid"
wait "$spid"
spid=
grep -q "198.51.100.9 user=0 GET / 200" "$dir/access.log" && ok || bad "--trust-proxy takes the last X-Forwarded-For: $(cat "$dir/access.log")"
grep -q "127.0.0.1 user=0 GET /c/xingfuli/" "$dir/access.log" && ok || bad "a malformed X-Forwarded-For is ignored"
echo "bogus line" >"$dir/bad.conf"
expect 2 "bad config line" -- "$shequ" serve --config "$dir/bad.conf"
expect 2 "bad --listen" -- "$shequ" serve --db "$db" --listen nowhere
expect 2 "bad --threads" -- "$shequ" serve --db "$db" --threads 0

# The public base URL and the log origin come from init and serve, never
# from the Host header a visitor sends.
db2=$dir/named.db
expect 2 "init refuses a bad --log-origin" -- "$shequ" init --db "$db2" --log-origin "bad origin+x"
expect 2 "init refuses a bad --public-url" -- "$shequ" init --db "$db2" --public-url "javascript:alert(1)"
expect 0 "init with a public URL and log origin" -- "$shequ" init --db "$db2" --public-url https://shequ.example.cn --log-origin gov.example.cn/shequ
expect 0 "demo on the named deployment" -- "$shequ" demo --db "$db2"
"$shequ" serve --db "$db2" --listen 127.0.0.1:0 --threads 1 --access-log off >"$dir/n.out" 2>/dev/null &
spid=$!
for _ in $(seq 300); do grep -q listening "$dir/n.out" && break; sleep 0.1; done
url=$(sed -n 's|listening on \(http://[0-9.:]*\)/|\1|p' "$dir/n.out")
curl -s -H "Host: evil.example" "$url/c/xingfuli/board/feed.atom" >"$dir/feed"
contains "$dir/feed" "https://shequ.example.cn/c/xingfuli/board/" "feed links use the configured public URL"
grep -q "evil.example" "$dir/feed" && bad "the Host header reached the feed" || ok
curl -s "$url/c/xingfuli/log/checkpoint" >"$dir/cp"
[ "$(head -1 "$dir/cp")" = "gov.example.cn/shequ/c/xingfuli" ] && ok || bad "checkpoint origin: $(head -1 "$dir/cp")"
curl -s "$url/c/xingfuli/log/key" >"$dir/key"
contains "$dir/key" "^gov.example.cn/shequ/c/xingfuli+" "verifier key names the configured origin"
kill -TERM "$spid"
wait "$spid"
spid=
expect 0 "verify passes under the configured origin" -- "$shequ" verify --db "$db2"
expect 2 "serve refuses a bad --public-url" -- "$shequ" serve --db "$db2" --public-url "http://x/"

echo "cli: $pass passed, $fail failed"
[ "$fail" = 0 ]
