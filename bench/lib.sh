# Shared by the bench/ scripts (sourced, bash). Sets up a temporary
# directory, starts shequ servers and an nginx serving copied bytes, runs
# wrk and prints medians. Callers set: shequ, threads, conns, secs.

tmp=$(mktemp -d)
chmod 755 "$tmp"
pids=""
cleanup() {
	for p in $pids; do kill "$p" 2>/dev/null && wait "$p" 2>/dev/null || true; done
	[ -f "$tmp/nginx.pid" ] && kill "$(cat "$tmp/nginx.pid")" 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT

bench_need() {
	[ -x "$shequ" ] || { echo "bench: build first (make)"; exit 1; }
	command -v wrk >/dev/null && command -v nginx >/dev/null ||
		{ echo "bench: needs wrk and nginx (scripts/deps.sh test)"; exit 1; }
}

# start DB NAME: starts `shequ serve` on DB and sets port_NAME. Extra
# serve options may be given in the array serve_args.
start() {
	"$shequ" serve --db "$1" --listen 127.0.0.1:0 --threads "$threads" --access-log off ${serve_args[@]+"${serve_args[@]}"} \
		>"$tmp/$2.out" 2>"$tmp/$2.err" &
	pids="$pids $!"
	for _ in $(seq 50); do grep -q listening "$tmp/$2.out" 2>/dev/null && break; sleep 0.1; done
	eval "port_$2=$(sed -n 's|listening on http://127.0.0.1:\([0-9]*\)/|\1|p' "$tmp/$2.out")"
}

# nginx_same_bytes PORT PATH: copies what shequ serves at PATH and starts
# nginx on a free port serving those exact bytes; sets nport and bytes.
nginx_same_bytes() {
	local sport=$1 path=$2
	mkdir -p "$tmp/www$path"
	curl -sf "http://127.0.0.1:$sport$path" -o "$tmp/www$path/index.html"
	nport=$((sport + 1))
	while (exec 3<>/dev/tcp/127.0.0.1/$nport) 2>/dev/null; do nport=$((nport + 1)); done
	cat >"$tmp/nginx.conf" <<CONF
worker_processes $threads;
pid $tmp/nginx.pid;
error_log $tmp/nginx.err;
user root;
events { worker_connections 1024; }
http {
  access_log off;
  types { text/html html; }
  default_type text/html;
  charset utf-8;
  keepalive_requests 1000000;
  server {
    listen 127.0.0.1:$nport reuseport;
    root $tmp/www;
    index index.html;
  }
}
CONF
	nginx -c "$tmp/nginx.conf" -p "$tmp" >/dev/null 2>&1
	sleep 0.3
	bytes=$(stat -c %s "$tmp/www$path/index.html")
}

# same_bytes PORT PATH: fails unless shequ on PORT serves what nginx serves.
same_bytes() {
	cmp -s <(curl -sf "http://127.0.0.1:$nport$2") <(curl -sf "http://127.0.0.1:$1$2") ||
		{ echo "bench: nginx and shequ (port $1) serve different bytes at $2"; exit 1; }
}

rps() { wrk -t2 -c"$conns" -d"${secs}s" "$1" | awk '/Requests\/sec/ {print $2}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
