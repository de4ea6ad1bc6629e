#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Install the Debian packages fpv needs to build, to run its bundled corpus
# and to run its tests.  As root, missing packages are installed with apt-get;
# otherwise the script prints the apt-get line to run and fails.  The Makefile
# calls it before every top-level target, so a fresh Debian 12 machine needs
# nothing but `make demo` or `make check`.
#
# chromium is the browser of the HTML report's test (tests/html/run.sh).
#
# Usage: scripts/setup.sh [--print]   (--print: list what is missing, install nothing)

PKGS="make gcc pkg-config python3
gcc-aarch64-linux-gnu gcc-11-aarch64-linux-gnu binutils-aarch64-linux-gnu libc6-dev-arm64-cross
clang clang-16 clang-19 llvm-16 lld qemu-user libclang-rt-14-dev valgrind
libelf-dev libdw-dev libcapstone-dev binutils-dev
groff-base man-db
chromium"

missing=""
for p in $PKGS; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
		missing="$missing $p"
	fi
done

[ -z "$missing" ] && exit 0

if [ "$1" = "--print" ]; then
	echo "missing:$missing"
	exit 1
fi

if [ "$(id -u)" != 0 ]; then
	echo "fpv: missing Debian packages; run as root:" >&2
	echo "  apt-get install -y$missing" >&2
	exit 1
fi

echo "fpv: installing missing Debian packages:$missing" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2 || { echo "fpv: apt-get update failed" >&2; exit 1; }
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >&2 ||
	{ echo "fpv: apt-get install failed" >&2; exit 1; }
