#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The progress line of fpv check and fpv xcheck (tool/progress.h): never on
# a stderr that is a file or a pipe; on a terminal (script(1) gives the
# command one), drawn with '\r', erased at the end, and never in stdout.
O=${O:-build}
FPV=$(cd "$O" && pwd)/fpv
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cr=$(printf '\r')

set -- "$O"/corpus/gcc-O2-fp-pac/*.o
if [ ! -f "$1" ]; then
	echo "FAIL: progress: corpus missing (make O=$O check builds it)"
	exit 0
fi

for cmd in "xcheck --summary" "check"; do
	# shellcheck disable=SC2086
	"$FPV" $cmd "$@" > "$tmp/out" 2> "$tmp/err"
	if [ -s "$tmp/err" ] || grep -q "$cr" "$tmp/out"; then
		echo "FAIL: progress: fpv $cmd, stderr not a terminal: no progress line"
		od -c "$tmp/err" | head -3 | sed 's/^/  /'
	else
		echo "PASS: progress: fpv $cmd, stderr not a terminal: no progress line"
	fi
done

if ! command -v script > /dev/null; then
	echo "SKIP: progress: on a terminal (script(1) not installed)"
	exit 0
fi
for cmd in xcheck check; do
	# stderr on the terminal script(1) opens, stdout to a file
	script -qc "'$FPV' $cmd $* > '$tmp/out'" /dev/null > "$tmp/tty" 2>&1 < /dev/null
	last=$(tr "$cr" '\n' < "$tmp/tty" | tail -1)
	if grep -q "${cr}fpv: $cmd [0-9]*/$# files, [^ ]*\\.o: [a-z]* [0-9]*% ([0-9]*/[0-9]* functions)" \
		"$tmp/tty" && [ "$last" = "$(printf '\033[K')" ] && ! grep -q "$cr" "$tmp/out"; then
		echo "PASS: progress: fpv $cmd on a terminal: drawn, erased at the end"
	else
		echo "FAIL: progress: fpv $cmd on a terminal: drawn, erased at the end"
		od -c "$tmp/tty" | head -5 | sed 's/^/  /'
	fi
done
