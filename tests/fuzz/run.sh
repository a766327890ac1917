#!/bin/sh
# Runs every fuzz target for a few seconds each: tests/fuzz/run.sh BUILD-DIR SECONDS
set -e
dir=$1
secs=${2:-20}
corpus=$(mktemp -d)
trap 'rm -rf "$corpus"' EXIT
# The kernel's targets (tests/) and each module's (src/modules/<name>/tests/).
for f in $(find "$dir" -name 'fuzz_*' -type f -perm -u+x ! -path '*.p/*' | sort); do
	name=$(basename "$f")
	mkdir -p "$corpus/$name"
	printf 'name=%%E5%%BC%%A0&note=a+b&m=13800138000' > "$corpus/$name/seed1"
	printf 'a=1; shequ_sid=abc; b="q"' > "$corpus/$name/seed2"
	# Seeds taken from the tests: real paths, checkpoints, crafted inputs.
	for seeds in "$(dirname "$0")/seeds/$name" "$(dirname "$0")"/../../src/modules/*/tests/seeds/"$name"; do
		[ -d "$seeds" ] && cp "$seeds"/* "$corpus/$name/"
	done
	"$f" -max_total_time="$secs" -max_len=4096 -print_final_stats=0 "$corpus/$name" >"$corpus/$name.log" 2>&1 || {
		tail -40 "$corpus/$name.log"
		echo "fuzz: $name FAILED"
		exit 1
	}
	echo "fuzz: $name ok (${secs}s)"
done
