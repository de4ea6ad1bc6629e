#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Prove the freestanding run-time core has no undefined symbols beyond
# lib/undefined-allowed.txt: link every lib/*.o into one relocatable object
# (so references between core files resolve) and list what is still
# undefined with nm -u.  Usage: lib/check-undefined.sh LD NM OBJ...
# Prints "PASS: lib undefined symbols (LD)" or FAIL with the extra symbols.
ld=$1 nm=$2
shift 2
here=$(dirname "$0")
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
if ! "$ld" -r -o "$tmp/core.o" "$@" 2>"$tmp/err"; then
	echo "FAIL: lib undefined symbols ($ld)"
	sed 's/^/  /' "$tmp/err"
	exit 1
fi
"$nm" -u "$tmp/core.o" | awk '{print $NF}' | sort -u > "$tmp/undef"
grep -v '^#' "$here/undefined-allowed.txt" | sort -u > "$tmp/allowed"
extra=$(comm -23 "$tmp/undef" "$tmp/allowed")
if [ -n "$extra" ]; then
	echo "FAIL: lib undefined symbols ($ld)"
	echo "$extra" | sed 's/^/  not allowed: /'
	exit 1
fi
echo "PASS: lib undefined symbols ($ld)"
