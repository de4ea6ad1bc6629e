#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# make check for libfpv at run time: the core's undefined-symbol check, the
# README example program (a reliable trace of the current thread and one
# from a signal handler, under qemu-aarch64 with ORC tables in the program
# and in libc), a walk through a signal frame on the interrupted stack
# (sigsame.c), and the ground-truth reliability matrix at a reduced sample
# count (RUNTIME_SAMPLES, default 5400).  Two results: "false reliable"
# fails on any false-reliable trace or a test program that crashes or hangs
# (the contract: never call a wrong trace reliable); "reliable share" fails below
# RUNTIME_MIN_PCT percent proven reliable (default 99: a regression guard for
# a few thousand timer samples, which give 99.8-99.9%; the 99.5% target is
# measured by `make reliability SAMPLES=1000000`, not here).
O=${O:-build}
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
A64=$O/aarch64
LIB_OBJS=$(ls "$O"/lib/*.o 2>/dev/null)
A64_OBJS=$(ls "$A64"/lib/*.o 2>/dev/null)

sh "$top/lib/check-undefined.sh" ld nm $LIB_OBJS
sh "$top/lib/check-undefined.sh" aarch64-linux-gnu-ld aarch64-linux-gnu-nm $A64_OBJS

if ! command -v qemu-aarch64 >/dev/null; then
	echo "SKIP: runtime example (no qemu-aarch64)"
	echo "SKIP: runtime reliability (no qemu-aarch64)"
	exit 0
fi

# the ORC-carrying sysroot is made by reliability.sh; run it first at 0 cost
W=$O/runtime
mkdir -p "$W"
ex=$W/example
if aarch64-linux-gnu-gcc -O2 -fno-omit-frame-pointer -I"$top/include" "$here/example.c" \
	"$A64/libfpv.a" -o "$ex" 2> "$ex.log" && "$O/fpv" orc "$ex" >> "$ex.log" 2>&1; then
	:
else
	echo "FAIL: runtime example: build"
	sed 's/^/  /' "$ex.log"
fi

out=$W/reliability.txt
GT_TIMEOUT=${GT_TIMEOUT:-300} O=$O sh "$here/reliability.sh" "${RUNTIME_SAMPLES:-5400}" > "$out" 2> "$W/reliability.log"
last=$(tail -1 "$out")
if qemu-aarch64 -L "$W/sysroot" "$ex" > "$ex.out" 2>&1 &&
   grep -q '^current: reliable' "$ex.out" && grep -q '^signal: reliable' "$ex.out"; then
	echo "PASS: runtime example (current and signal traces reliable)"
else
	echo "FAIL: runtime example"
	sed 's/^/  /' "$ex.out"
fi
# a signal frame on the interrupted stack, crossed by the handler's own walk
ss=$W/sigsame
if aarch64-linux-gnu-gcc -O2 -fno-omit-frame-pointer -I"$top/include" "$here/sigsame.c" \
	"$A64/libfpv.a" -o "$ss" 2> "$ss.log" && "$O/fpv" orc "$ss" >> "$ss.log" 2>&1 &&
   qemu-aarch64 -L "$W/sysroot" "$ss" > "$ss.out" 2>&1 && grep -q '^reliable [0-9]* 1$' "$ss.out"; then
	echo "PASS: runtime signal frame on the interrupted stack ($(cat "$ss.out"))"
else
	echo "FAIL: runtime signal frame on the interrupted stack"
	cat "$ss.log" "$ss.out" 2> /dev/null | sed 's/^/  /'
fi
pct=$(echo "$last" | sed -n 's/.*reliable_pct=\([0-9.]*\).*/\1/p')
field() { echo "$last" | tr ' ' '\n' | sed -n "s/^$1=//p"; }
failed=$(sed -n 's/^programs=[0-9]* failed=\([0-9]*\) hung=[0-9]*$/\1/p' "$out")
hung=$(sed -n 's/^programs=[0-9]* failed=[0-9]* hung=\([0-9]*\)$/\1/p' "$out")
# The gate is the contract on real stacks: no false-reliable trace in either
# mode, no crashed program and no program that stopped making progress
# (GTHANG).  reliability.sh's own exit status also counts randomly mutated
# stacks, whose rare false-reliable traces (a saved x29 replaced by another
# genuine one: docs/libfpv.md, known limits) are reported in the line above
# but would make a few-thousand-sample gate flaky.
if [ "$(field samples)" -gt 0 ] 2>/dev/null && [ "$(field false_reliable)" = 0 ] &&
   [ "$(field orc_false_reliable)" = 0 ] && [ "${failed:-x}" = 0 ] && [ "${hung:-x}" = 0 ]; then
	echo "PASS: runtime false reliable ($last)"
else
	echo "FAIL: runtime false reliable"
	sed 's/^/  /' "$out" | tail -8
	grep -A2 'GTFAIL\|GTHANG\|false reliable' "$W/reliability.log" | head -12 | sed 's/^/  /'
fi
min=${RUNTIME_MIN_PCT:-99}
if [ -n "$pct" ] && awk "BEGIN { exit !($pct >= $min) }"; then
	echo "PASS: runtime reliable share (${pct}% >= ${min}%)"
else
	echo "FAIL: runtime reliable share (${pct:-?}% < ${min}%)"
	sed 's/^/  /' "$out" | tail -8
fi
# A program that stops making progress is stopped and reported by where it is
# (gt_one.sh, gt_rt.c): one whose sampler spins at its first sample
# (GT_TEST_HANG=1), caught once by its own check for new samples (GT_STALL)
# and once by the outer bound (GT_TIMEOUT, whose SIGUSR1 asks for the report).
hang_cell() {
	env here="$here" top="$top" FPV="$(cd "$O" && pwd)/fpv" LIB="$(cd "$A64" && pwd)/libfpv.a" \
	    W="$(cd "$W" && pwd)" sys="$(cd "$W" && pwd)/sysroot" GT_TEST_HANG=1 "$@" \
	    sh "$here/gt_one.sh" gcc -O2 nopac 999 100
}
spin="in the spin GT_TEST_HANG asked for"
stall=$(hang_cell GT_STALL=2)
bound=$(hang_cell GT_STALL=0 GT_TIMEOUT=10)
if echo "$stall" | grep -q "^GTHANG .*: no new sample for 2 s, $spin" &&
   echo "$bound" | grep -q "^GTHANG .*: still running at the harness's bound, $spin"; then
	echo "PASS: runtime hang bound (a spinning program is stopped and reported where it spins)"
else
	echo "FAIL: runtime hang bound"
	printf '%s\n%s\n' "$stall" "$bound" | sed 's/^/  /'
fi
