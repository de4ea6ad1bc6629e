#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Decoder speed, fpv against capstone 4.0.2 (bench/decode.c): 1,000,000
# random words and the .text* words of the bundled corpus objects
# ($O/corpus/*/*.o, extracted with aarch64-linux-gnu-objcopy).
O=${O:-build}
BIN=$O/bench/decode
if [ ! -x "$BIN" ]; then
	echo "decode: skipped (no $BIN)"
	exit 0
fi
tmp=${TMPDIR:-/tmp}/fpv-bench-decode.$$
mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT
n=0
for o in $(ls "$O"/corpus/*/*.o 2>/dev/null); do
	n=$((n + 1))
	aarch64-linux-gnu-objdump -h "$o" | awk '/^ *[0-9]+ / { name = $2; getline; if ($0 ~ /CODE/) print name }' |
	while read -r sec; do
		aarch64-linux-gnu-objcopy -O binary --only-section="$sec" "$o" "$tmp/$n-$(echo "$sec" | tr -c 'A-Za-z0-9_\n' '_').bin"
	done
done
"$BIN" --random 1000000 $(find "$tmp" -name '*.bin' -size +0 | sort)
