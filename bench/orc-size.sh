#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Unwind-table sizes on the same code: ORC (standard: .orc_unwind_ip +
# .orc_unwind + .orc_header; compact: the .fpv_orc user-space encoding),
# .eh_frame + .eh_frame_hdr, .sframe (GNU as --gsframe) and .debug_frame.
#
# User space: the bundled corpus (corpus/*.c, tests/orc/prog.c) plus fpv's
# own sources (tool/, lib/) as a larger body of real C, built for AArch64 by
# GCC and by Clang (Clang through GNU as, which alone emits SFrame), -O2,
# combined with `ld -r` into one object per compiler so every format is
# measured as one image would carry it.  .eh_frame_hdr is what the linker
# would add: 12 bytes plus 8 per FDE.  .debug_frame comes from a second
# build with -g -fno-asynchronous-unwind-tables.
# Kernel: the arm64 defconfig kernel/ mm/ lib/ objects (built-in.a, ld -r);
# the kernel is built without .eh_frame and .sframe, so those are n/a.
#
# Output: one table, sizes in bytes, then the ratios format/compact.
# Environment: O (build dir), FPV, KOBJ (kernel objects), BENCH_CC (default
# "gcc clang"; "none" measures the kernel only).

O=${O:-build}
FPV=${FPV:-$O/fpv}
top=$(cd "$(dirname "$0")/.." && pwd)
w=$O/bench/orc-size
rm -rf "$w"
mkdir -p "$w"
w=$(cd "$w" && pwd)
KOBJ=${KOBJ:-$top/build/kernel/arm64}

secsize() {	# secsize FILE SECTION -> bytes (0 if absent)
	aarch64-linux-gnu-size -A "$1" 2>/dev/null | awk -v n="$2" '$1 == n { s += $2 } END { print s + 0 }'
}

textsize() {	# bytes of executable sections
	aarch64-linux-gnu-readelf -SW "$1" | sed 's/^ *\[ */[/' |
	awk '$3 == "PROGBITS" && $8 ~ /X/ { print $6 }' |
	while read h; do echo $((0x$h)); done | awk '{ s += $1 } END { print s + 0 }'
}

fdes() {
	aarch64-linux-gnu-readelf --debug-dump=frames "$1" 2>/dev/null | grep -c ' FDE '
}

ratio() {	# ratio A B -> A/B with one decimal, or n/a
	if [ "$1" -gt 0 ] 2>/dev/null && [ "$2" -gt 0 ]; then
		awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1fx", a / b }'
	else
		echo n/a
	fi
}

row() {	# row NAME OBJ EH_OBJ SFRAME DEBUG_FRAME_OBJ
	name=$1 obj=$2
	stats=$($FPV orc --stats "$obj" 2> "$w/$name.err") || {
		echo "$name: fpv orc --stats failed: $(head -1 "$w/$name.err")" >&2
		return
	}
	std=$(echo "$stats" | awk '{ for (i = 1; i < NF; i++) if ($i == "standard") print $(i + 1) }')
	cmp=$(echo "$stats" | awk '{ for (i = 1; i < NF; i++) if ($i == "compact") print $(i + 1) }')
	recs=$(echo "$stats" | awk '{ for (i = 1; i < NF; i++) if ($i == "records") print $(i + 1) }')
	eh=n/a sf=n/a df=n/a
	if [ -n "$3" ]; then
		eh=$(( $(secsize "$3" .eh_frame) + 12 + 8 * $(fdes "$3") ))
	fi
	[ -n "$4" ] && sf=$4
	[ -n "$5" ] && df=$(secsize "$5" .debug_frame)
	printf '%-14s %9s %8s %9s %9s %12s %9s %11s | %8s %8s %8s %8s\n' "$name" \
		"$(textsize "$obj")" "$recs" "$std" "$cmp" "$eh" "$sf" "$df" \
		"$(ratio "$eh" "$cmp")" "$(ratio "$sf" "$cmp")" "$(ratio "$df" "$cmp")" \
		"$(ratio "$std" "$cmp")"
}

srcs="$top/corpus/*.c $top/tests/orc/prog.c $top/tool/*.c $top/tool/arch/aarch64/*.c $top/lib/*.c"

build() {	# build NAME CC... : objects in $w/NAME/{eh,dbg}, combined eh.o, dbg.o
	name=$1
	shift
	mkdir -p "$w/$name/eh" "$w/$name/dbg"
	for f in $srcs; do
		[ -f "$f" ] || continue
		b=$(basename "$f" .c)
		"$@" -O2 -I"$top/include" -iquote "$top/tool" -w -Wa,--gsframe \
			-c "$f" -o "$w/$name/eh/$b.o" 2>> "$w/$name.log" || continue
		"$@" -O2 -I"$top/include" -iquote "$top/tool" -w -g -fno-asynchronous-unwind-tables -fno-unwind-tables \
			-c "$f" -o "$w/$name/dbg/$b.o" 2>> "$w/$name.log"
	done
	# one object per compiler: several corpus programs define main
	aarch64-linux-gnu-ld -r -z muldefs -o "$w/$name/eh.o" "$w/$name"/eh/*.o &&
	aarch64-linux-gnu-ld -r -z muldefs -o "$w/$name/dbg.o" "$w/$name"/dbg/*.o
}

echo "ORC size (bytes; ratios: format / compact ORC)"
printf '%-14s %9s %8s %9s %9s %12s %9s %11s | %8s %8s %8s %8s\n' code text records \
	orc-std orc-cmp eh+hdr sframe debug_frame eh/cmp sfr/cmp dbg/cmp std/cmp
for c in ${BENCH_CC:-gcc clang}; do
	case $c in
	gcc) build user-gcc aarch64-linux-gnu-gcc || continue ;;
	clang) build user-clang clang --target=aarch64-linux-gnu -fno-integrated-as || continue ;;
	*) continue ;;
	esac
	d=$w/user-$c
	# .sframe: the sum of the objects' sections (ld -r would also merge them)
	sf=0
	for o in "$d"/eh/*.o; do sf=$((sf + $(secsize "$o" .sframe))); done
	row "user-$c" "$d/eh.o" "$d/eh.o" "$sf" "$d/dbg.o"
done
if [ -f "$KOBJ/kernel/built-in.a" ]; then
	(cd "$KOBJ" && aarch64-linux-gnu-ld -r -o "$w/kernel.o" --whole-archive \
		kernel/built-in.a mm/built-in.a lib/built-in.a) 2> "$w/kernel.log" &&
	row kernel-arm64 "$w/kernel.o" "" "" "$w/kernel.o"
else
	echo "kernel-arm64: no objects in $KOBJ (scripts/kernel-corpus.sh)"
fi
