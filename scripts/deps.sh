#!/bin/sh
# Installs the Debian 12 packages shequ needs, only those missing; silent when
# everything is present. Usage: scripts/deps.sh [build|test]
#   build: what `make` and `make run` need
#   test:  build + what `make check` and bench/ need
set -e
BUILD_PKGS="build-essential pkg-config python3 meson ninja-build libh2o-evloop-dev libssl-dev libzip-dev libxml2-dev
 libsqlite3-dev libpq-dev libsodium-dev libjansson-dev libcmark-gfm-dev libcmark-gfm-extensions-dev libcurl4-openssl-dev libcairo2-dev libpango1.0-dev libqrencode-dev libxlsxwriter-dev libcsv-dev libical-dev libicu-dev fonts-noto-cjk sqlite3"
TEST_PKGS="postgresql poppler-utils zbar-tools chromium nodejs libcmocka-dev clang libclang-rt-14-dev nginx-light wrk curl"
want="$BUILD_PKGS"
[ "${1:-build}" = test ] && want="$want $TEST_PKGS"
missing=""
for p in $want; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
# npm ships inside some nodejs builds (e.g. NodeSource's); Debian packages it apart.
if [ "${1:-build}" = test ] && ! command -v npm >/dev/null 2>&1; then
	missing="$missing npm"
fi
[ -z "$missing" ] && exit 0
echo "shequ: installing Debian packages:$missing"
SUDO=""
[ "$(id -u)" = 0 ] || SUDO=sudo
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
