#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Run every corpus executable ($(O)/corpus/<config>/<prog>, see
# corpus/rules.mk) under qemu-aarch64 and compare its output and exit status
# with the native build's ($(O)/corpus/expected/<prog>.out).  One line per
# configuration: a configuration passes when all its programs do; the
# programs that differ are listed below a FAIL line with the first lines of
# the diff.  This proves the corpus fpv analyzes is real, working code.
#
# Environment: O (build directory).

O=${O:-build}
root=$O/corpus
exp=$root/expected

if ! command -v qemu-aarch64 >/dev/null; then
	echo "SKIP: corpus (qemu-aarch64 not installed)"
	exit 0
fi
if [ ! -d "$exp" ]; then
	echo "FAIL: corpus: $exp missing (make corpus)"
	exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
nconf=0
for dir in "$root"/*-*-*-*/; do
	[ -d "$dir" ] || continue
	conf=$(basename "$dir")
	nconf=$((nconf + 1))
	bad=
	for out in "$exp"/*.out; do
		prog=$(basename "$out" .out)
		bin=$dir$prog
		if [ ! -x "$bin" ]; then
			bad="$bad $prog"
			printf '  %s: not built\n' "$prog" >>"$tmp/$conf"
			continue
		fi
		qemu-aarch64 -L /usr/aarch64-linux-gnu "$bin" >"$tmp/out" 2>"$tmp/err"
		rc=$?
		if [ $rc -ne 0 ] || ! cmp -s "$tmp/out" "$out"; then
			bad="$bad $prog"
			{
				printf '  %s: exit status %d\n' "$prog" $rc
				diff "$out" "$tmp/out" | head -5 | sed 's/^/    /'
				head -3 "$tmp/err" | sed 's/^/    stderr: /'
			} >>"$tmp/$conf"
		fi
	done
	if [ -z "$bad" ]; then
		echo "PASS: corpus: $conf: all programs match the native output"
	else
		echo "FAIL: corpus: $conf:$bad"
		cat "$tmp/$conf"
	fi
done
[ $nconf -gt 0 ] || echo "FAIL: corpus: no configuration built under $root (make corpus)"
