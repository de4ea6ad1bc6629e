#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# fpv check against objtool: analysis throughput and peak memory on the same
# kernel sources (linux-source-6.1 defconfig, kernel/ mm/ lib/).
#   fpv:     `fpv check` on the arm64 objects (gcc-aarch64-linux-gnu)
#   objtool: `objtool --stackval --orc --dry-run` (6.1 has no subcommand;
#            --dry-run builds the ORC data but writes nothing, as fpv check
#            writes nothing) on the x86-64 objects, objtool built from the
#            same source into $O/bench/objtool.  The x86 objects were already
#            processed by objtool in the kernel build, so they are copied
#            with their .orc_unwind* sections removed (objtool skips a file
#            that has them).
# Both tools run once per object (as in a kernel build); wall time is the
# best of 3 passes over all objects; peak RSS is the largest of any one
# process (/usr/bin/time -f %M).  Instructions: fpv's "instructions
# analyzed" (--stats), objtool's nr_insns_visited (--stats; nr_insns, every
# decoded instruction, is shown too).
# Environment: O, FPV, KDIR (default build/kernel).
O=${O:-build}
FPV=${FPV:-$O/fpv}
KDIR=${KDIR:-build/kernel}
work=$O/bench/check
objtool=$O/bench/objtool/objtool

arm=$(cd "$KDIR/arm64" 2>/dev/null && find kernel mm lib -name '*.o' ! -name '*.mod.o' 2>/dev/null | sort)
x86=$(cd "$KDIR/x86" 2>/dev/null && find kernel mm lib -name '*.o' ! -name '*.mod.o' 2>/dev/null | sort)
if [ -z "$arm" ] || [ -z "$x86" ] || [ ! -f "$KDIR/src/tools/objtool/Makefile" ]; then
	echo "check: skipped (needs the kernel corpus: scripts/kernel-corpus.sh arm64 && scripts/kernel-corpus.sh x86)"
	exit 0
fi
[ -x /usr/bin/time ] || { echo "check: skipped (needs /usr/bin/time)"; exit 0; }
mkdir -p "$work/x86" "$O/bench/objtool"
if [ ! -x "$objtool" ]; then
	ob=$(cd "$O/bench/objtool" && pwd)
	make -s -C "$KDIR/src/tools/objtool" OUTPUT="$ob/" > "$work/objtool-build.log" 2>&1 ||
		{ echo "check: objtool build failed, see $work/objtool-build.log"; exit 1; }
fi
for f in $x86; do
	d=$work/x86/$(echo "$f" | tr / _)
	[ -f "$d" ] && continue
	objcopy -R .orc_unwind -R .orc_unwind_ip -R .rela.orc_unwind_ip "$KDIR/x86/$f" "$d" 2>/dev/null ||
		cp "$KDIR/x86/$f" "$d"
done

now() { date +%s.%N; }

# run_pass TOOL: one process per object; prints the pass's wall time.
run_pass() {
	: > "$work/$1.rss"; : > "$work/$1.stats"
	t0=$(now)
	if [ "$1" = fpv ]; then
		for f in $arm; do
			/usr/bin/time -a -o "$work/fpv.rss" -f %M "$FPV" check --stats "$KDIR/arm64/$f" \
				>/dev/null 2>>"$work/fpv.stats"
		done
	else
		for f in "$work"/x86/*.o; do
			/usr/bin/time -a -o "$work/objtool.rss" -f %M "$objtool" --stackval --orc --dry-run \
				--stats "$f" >>"$work/objtool.stats" 2>/dev/null
		done
	fi
	t1=$(now)
	echo "$t0 $t1" | awk '{ printf "%.3f\n", $2 - $1 }'
}

best() {
	b=999999
	for k in 1 2 3; do
		t=$(run_pass "$1")
		b=$(echo "$b $t" | awk '{ if ($1 == "" || $2 < $1) print $2; else print $1 }')
	done
	echo "$b"
}

tf=$(best fpv)
to=$(best objtool)
fi_n=$(sed -n 's/.* \([0-9]*\) instructions analyzed.*/\1/p' "$work/fpv.stats" | awk '{ s += $1 } END { print s }')
fw_n=$(sed -n 's/.* of \([0-9]*\) words.*/\1/p' "$work/fpv.stats" | awk '{ s += $1 } END { print s }')
ov_n=$(sed -n 's/^nr_insns_visited: *//p' "$work/objtool.stats" | awk '{ s += $1 } END { print s }')
od_n=$(sed -n 's/^nr_insns: *//p' "$work/objtool.stats" | awk '{ s += $1 } END { print s }')
fr=$(sort -n "$work/fpv.rss" | tail -1)
orr=$(sort -n "$work/objtool.rss" | tail -1)
na=$(echo "$arm" | wc -l)
nx=$(echo "$x86" | wc -l)

# Also fpv over all objects in one process (how `fpv check` is used by hand).
t0=$(now)
/usr/bin/time -o "$work/fpv-one.rss" -f %M sh -c "cd '$KDIR/arm64' && exec '$(cd "$(dirname "$FPV")" && pwd)/$(basename "$FPV")' check $(echo $arm)" >/dev/null 2>&1
t1=$(now)
t1p=$(echo "$t0 $t1" | awk '{ printf "%.3f\n", $2 - $1 }')

awk -v tf="$tf" -v to="$to" -v fi="$fi_n" -v fw="$fw_n" -v ov="$ov_n" -v od="$od_n" \
    -v fr="$fr" -v orr="$orr" -v na="$na" -v nx="$nx" -v t1p="$t1p" -v r1p="$(tail -1 "$work/fpv-one.rss")" 'BEGIN {
	printf "%-46s %7s %10s %12s %10s %11s\n", "", "objects", "insns", "insns/s", "visited/s", "peak RSS KB"
	printf "%-46s %7d %10d %12.0f %10.0f %11d\n", "fpv check (arm64, a process per object)", na, fw, fw / tf, fi / tf, fr
	printf "%-46s %7d %10d %12.0f %10.0f %11d\n", "objtool --stackval --orc (x86-64, same)", nx, od, od / to, ov / to, orr
	printf "%-46s %7d %10d %12.0f %10.0f %11d\n", "fpv check (arm64, all objects in one process)", na, fw, fw / t1p, fi / t1p, r1p
	printf "insns: instructions in the functions of the objects (fpv: words, objtool: nr_insns)\n"
	printf "visited: fpv instructions analyzed, objtool nr_insns_visited (objtool stops a\n"
	printf "  function at its first warning; x86 defconfig has no frame pointers, so --stackval\n"
	printf "  stops most functions early)\n"
	printf "wall time: fpv %.3f s, objtool %.3f s (best of 3)\n", tf, to
	printf "ratio insns/s fpv/objtool: %.2fx (visited: %.2fx; target >= 2x)\n", (fw / tf) / (od / to), (fi / tf) / (ov / to)
	printf "ratio peak RSS objtool/fpv: %.2fx (target > 1x: fpv lower)\n", orr / fr
}'
