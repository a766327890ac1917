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

# start DB NAME: starts `shequ serve` on DB and sets port_NAME and pid_NAME.
# Extra serve options may be given in the array serve_args.
start() {
	"$shequ" serve --db "$1" --listen 127.0.0.1:0 --threads "$threads" --access-log off ${serve_args[@]+"${serve_args[@]}"} \
		>"$tmp/$2.out" 2>"$tmp/$2.err" &
	pids="$pids $!"
	eval "pid_$2=$!"
	for _ in $(seq 50); do grep -q listening "$tmp/$2.out" 2>/dev/null && break; sleep 0.1; done
	eval "port_$2=$(sed -n 's|listening on http://127.0.0.1:\([0-9]*\)/|\1|p' "$tmp/$2.out")"
}

# nginx_add PORT PATH [CURL ARGS...]: copies what shequ on PORT serves at
# PATH (fetched with the curl arguments, e.g. -H 'Cookie: ...') under the
# directory nginx will serve; sets bytes. A path ending in / is kept as its
# index.html, any other as a file of that name.
nginx_add() {
	local sport=$1 path=$2 file
	shift 2
	case $path in
	*/) file=$tmp/www${path}index.html ;;
	*) file=$tmp/www$path ;;
	esac
	mkdir -p "$(dirname "$file")"
	curl -sf "$@" "http://127.0.0.1:$sport$path" -o "$file"
	bytes=$(stat -c %s "$file")
}

# nginx_start PORT: starts nginx on the first free port after PORT, serving
# the copied bytes; sets nport.
nginx_start() {
	nport=$(($1 + 1))
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
}

# nginx_same_bytes PORT PATH: nginx_add and nginx_start for one page.
nginx_same_bytes() {
	nginx_add "$1" "$2"
	nginx_start "$1"
}

# same_bytes PORT PATH [CURL ARGS...]: fails unless shequ on PORT serves
# what nginx serves.
same_bytes() {
	local sport=$1 path=$2
	shift 2
	cmp -s <(curl -sf "$@" "http://127.0.0.1:$nport$path") <(curl -sf "$@" "http://127.0.0.1:$sport$path") ||
		{ echo "bench: nginx and shequ (port $sport) serve different bytes at $path"; exit 1; }
}

# rps URL [WRK ARGS...]: requests per second at full speed.
rps() {
	local url=$1
	shift
	wrk -t2 -c"$conns" -d"${secs}s" "$@" "$url" | awk '/Requests\/sec/ {print $2}'
}

# p99_at RATE URL [WRK ARGS...]: paces the connections (bench/pace.lua) to
# about RATE requests per second in all; prints "P99_MS ACHIEVED_RATE".
p99_at() {
	local rate=$1 url=$2
	shift 2
	# Each connection waits conns/rate seconds between its requests.
	local gap
	gap=$(awk -v c="$conns" -v r="$rate" 'BEGIN {printf "%.3f", (r > 0 ? 1000 * c / r : 1000)}')
	wrk -t2 -c"$conns" -d"${secs}s" --latency -s bench/pace.lua "$@" "$url" -- "$gap" | awk '
		function ms(v) {
			if (v ~ /us$/) return v / 1000
			if (v ~ /ms$/) return v + 0
			if (v ~ /m$/) return v * 60000
			if (v ~ /s$/) return v * 1000
			return v
		}
		$1 == "99%" {p = ms($2)}
		/Requests\/sec/ {r = $2}
		END {printf "%.2f %.0f\n", p, r}'
}

# rss PID: "RssAnon RssFile" of the process, in MB.
rss() {
	awk '/^RssAnon:/ {a = $2} /^RssFile:/ {f = $2} END {printf "%.1f %.1f\n", a / 1024, f / 1024}' "/proc/$1/status"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", (b > 0 ? a / b : 0)}'; }
half() { awk -v a="$1" 'BEGIN {printf "%.0f", a / 2}'; }
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
