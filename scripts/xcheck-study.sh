#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The xcheck corpus study (docs/xcheck-study.md): compare fpv's analysis with
# DWARF CFI and SFrame on
#   1. the bundled programs (corpus/*.c) built by GCC 12, clang 14 and
#      clang 16 at -O0/-O2/-Os, with and without frame pointers and
#      -mbranch-protection=standard (GCC objects also carry SFrame from
#      `as --gsframe`), into $O/xcheck-study/<compiler>-<opt>-<fp>-<pac>/;
#   2. the arm64 kernel objects of build/kernel/arm64/{kernel,mm,lib};
#   3. Debian arm64 user-space binaries, if unpacked under $DEBIAN_ROOT
#      (see docs/xcheck-study.md for the download step; never committed).
# Prints the agreement table (markdown) and leaves one JSON per set in
# $O/xcheck-study/json/.
#
# Usage: O=build sh scripts/xcheck-study.sh [corpus|kernel|debian|all]
set -e
O=${O:-build}
FPV=$(cd "$O" && pwd)/fpv
out=$O/xcheck-study
json=$out/json
what=${1:-all}
DEBIAN_ROOT=${DEBIAN_ROOT:-/tmp/fpv-debian-arm64}
mkdir -p "$json"

cc_cmd() {
	case $1 in
	gcc12) echo "aarch64-linux-gnu-gcc -Wa,--gsframe" ;;
	clang14) echo "clang --target=aarch64-linux-gnu" ;;
	clang16) echo "clang-16 --target=aarch64-linux-gnu" ;;
	esac
}

build_corpus() {
	for cc in gcc12 clang14 clang16; do
	for opt in O0 O2 Os; do
	for fp in fp nofp; do
	for pac in pac nopac; do
		cfg=$cc-$opt-$fp-$pac
		d=$out/$cfg
		mkdir -p "$d"
		flags="-$opt -g0"
		[ $fp = fp ] && flags="$flags -fno-omit-frame-pointer" || flags="$flags -fomit-frame-pointer"
		[ $pac = pac ] && flags="$flags -mbranch-protection=standard"
		for c in corpus/*.c; do
			o=$d/$(basename "$c" .c).o
			[ "$o" -nt "$c" ] && continue
			$(cc_cmd $cc) $flags -c -o "$o" "$c"
		done
	done; done; done; done
}

run_corpus() {
	for d in "$out"/gcc12-* "$out"/clang1[46]-*; do
		[ -d "$d" ] || continue
		cfg=$(basename "$d")
		"$FPV" xcheck --json "$d"/*.o > "$json/$cfg.json" || true
	done
}

run_kernel() {
	k=build/kernel/arm64
	[ -d $k/kernel ] || { echo "no kernel objects in $k" >&2; return 0; }
	find $k/kernel $k/mm $k/lib -name '*.o' | sort |
		xargs "$FPV" xcheck --json > "$json/kernel-gcc12.json" 2> "$json/kernel-gcc12.err" || true
}

run_debian() {
	[ -d "$DEBIAN_ROOT" ] || { echo "no Debian binaries in $DEBIAN_ROOT" >&2; return 0; }
	find "$DEBIAN_ROOT" -type f \( -name '*.so*' -o -path '*/bin/*' \) | sort |
		while read -r f; do
			head -c 4 "$f" | grep -q ELF && echo "$f"
		done > "$json/debian.list"
	xargs "$FPV" xcheck --json < "$json/debian.list" > "$json/debian.json" \
		2> "$json/debian.err" || true
}

case $what in
corpus) build_corpus; run_corpus ;;
kernel) run_kernel ;;
debian) run_debian ;;
all) build_corpus; run_corpus; run_kernel; run_debian ;;
esac
python3 scripts/xcheck-table.py "$json"
