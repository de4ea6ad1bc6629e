#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The xcheck corpus study (docs/xcheck-study.md): compare fpv's analysis with
# DWARF CFI and SFrame on
#   1. the bundled programs (corpus/*.c) built by GCC 12, clang 14 and
#      clang 16 at -O0/-O2/-Os, with and without frame pointers and
#      -mbranch-protection=standard (GCC objects also carry SFrame from
#      `as --gsframe`; so do clang14+gas/clang16+gas, Clang through GNU as),
#      into $O/xcheck-study/<compiler>-<opt>-<fp>-<pac>/;
#   2. the arm64 kernel objects of build/kernel/arm64/{kernel,mm,lib} (GCC 12)
#      and of build/kernel/arm64-clang/{kernel,mm,lib} (clang 16), both built
#      by scripts/kernel-corpus.sh; a flavour not built is skipped;
#   3. Debian arm64 user-space binaries, if unpacked under $DEBIAN_ROOT, and
#      Debian's arm64 vmlinux and modules with .debug_frame, if unpacked under
#      $DEBIAN_DBG (see docs/xcheck-study.md for the download steps; never
#      committed).
# Prints the agreement table (markdown) and leaves one JSON per set in
# $O/xcheck-study/json/, and the corpus as a report to browse in
# $O/xcheck-study/html/index.html (fpv xcheck --html: charts per compiler
# and per set, a page per function).
#
# Usage: O=build sh scripts/xcheck-study.sh [corpus|kernel|debian|all]
set -e
O=${O:-build}
FPV=$(cd "$O" && pwd)/fpv
out=$O/xcheck-study
json=$out/json
what=${1:-all}
DEBIAN_ROOT=${DEBIAN_ROOT:-/tmp/fpv-debian-arm64/root}
DEBIAN_DBG=${DEBIAN_DBG:-/tmp/fpv-debian-dbg/root}
mkdir -p "$json"

cc_cmd() {
	case $1 in
	gcc12) echo "aarch64-linux-gnu-gcc -Wa,--gsframe" ;;
	clang14) echo "clang --target=aarch64-linux-gnu" ;;
	clang16) echo "clang-16 --target=aarch64-linux-gnu" ;;
	# Clang through GNU as, which alone writes SFrame
	clang14+gas) echo "clang --target=aarch64-linux-gnu -fno-integrated-as -Wa,--gsframe" ;;
	clang16+gas) echo "clang-16 --target=aarch64-linux-gnu -fno-integrated-as -Wa,--gsframe" ;;
	esac
}

build_corpus() {
	for cc in gcc12 clang14 clang16 clang14+gas clang16+gas; do
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
	for d in "$out"/gcc12-* "$out"/clang1[46]-* "$out"/clang1[46]+gas-*; do
		[ -d "$d" ] || continue
		cfg=$(basename "$d")
		"$FPV" xcheck --json "$d"/*.o > "$json/$cfg.json" || true
	done
	"$FPV" xcheck --summary --html="$out/html" "$out"/gcc12-*/*.o "$out"/clang1[46]-*/*.o \
		"$out"/clang1[46]+gas-*/*.o > /dev/null || true
}

# Kernel objects of one flavour (directory, set name); only .debug_frame
# (the kernel builds with -fno-asynchronous-unwind-tables -fno-unwind-tables).
run_kernel_set() {
	k=$1
	[ -d $k/kernel ] || { echo "no kernel objects in $k" >&2; return 0; }
	find $k/kernel $k/mm $k/lib -name '*.o' ! -name '*.mod.o' | sort |
		xargs "$FPV" xcheck --json --dwarf=debug > "$json/$2.json" 2> "$json/$2.err" || true
}

run_kernel() {
	rm -f "$json/kernel-gcc12.json" "$json/kernel-gcc12.err"	# older name
	run_kernel_set build/kernel/arm64 kernel_gcc12
	run_kernel_set build/kernel/arm64-clang kernel_clang16
}

run_debian() {
	[ -d "$DEBIAN_ROOT" ] || { echo "no Debian binaries in $DEBIAN_ROOT" >&2; return 0; }
	find "$DEBIAN_ROOT" -type f \( -name '*.so*' -o -path '*/bin/*' \) | sort |
		while read -r f; do
			head -c 4 "$f" | grep -q ELF && echo "$f"
		done > "$json/debian.list"
	# one process, so one JSON document
	"$FPV" xcheck --json $(cat "$json/debian.list") > "$json/debian_userspace-bookworm.json" \
		2> "$json/debian.err" || true
}

run_debian_kernel() {
	[ -d "$DEBIAN_DBG" ] || { echo "no Debian kernel in $DEBIAN_DBG" >&2; return 0; }
	for v in "$DEBIAN_DBG"/usr/lib/debug/boot/vmlinux-*; do
		"$FPV" xcheck --json "$v" > "$json/debian_vmlinux-$(basename "$v").json" \
			2> "$json/debian_vmlinux.err" || true
	done
	find "$DEBIAN_DBG" -name '*.ko' | sort > "$json/modules.list"
	rm -f "$json"/debian_modules-part*.json
	split -l 400 -d "$json/modules.list" "$json/modules.part"
	for l in "$json"/modules.part*; do
		"$FPV" xcheck --json $(cat "$l") > "$json/debian_modules-${l##*.}.json" \
			2>> "$json/debian_modules.err" || true
		rm -f "$l"
	done
}

case $what in
corpus) build_corpus; run_corpus ;;
kernel) run_kernel ;;
debian) run_debian; run_debian_kernel ;;
all) build_corpus; run_corpus; run_kernel; run_debian; run_debian_kernel ;;
esac
python3 scripts/xcheck-table.py "$json"
