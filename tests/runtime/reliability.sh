#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The libfpv reliability matrix (make reliability SAMPLES=N): generated
# ground-truth programs (gen.py, gt.h, gt_rt.c) built with GCC, clang 14 and
# clang 16 at -O0, -O2 and -Os, with and without -mbranch-protection=standard
# (all with frame pointers), given ORC tables by `fpv orc`, and run under
# qemu-aarch64 -singlestep against a glibc whose libc.so.6 also carries
# fpv's tables.  N samples in total are split over the builds; every sample
# is unwound by libfpv (frame-pointer mode = the reliable mode, and ORC
# mode), by a plain frame-pointer walk that trusts x29, by libgcc's
# _Unwind_Backtrace, and once more by libfpv with one stack word mutated.
#
# The last line is "samples=N reliable=R false_reliable=F ..." (libfpv's
# reliable mode) followed by the same two figures for the others:
#   fp_mainline_*   arm64 mainline's reliable walk: it gives up at every
#                   exception boundary, so a signal-interrupted trace is never
#                   reliable (0 by construction, no false ones)
#   fp_naive_*      the x29 chain taken as is, "reliable" when it ends at
#                   _start's terminating record
#   libgcc_*        _Unwind_Backtrace reached _start (crash: faulted inside;
#                   loop: more than 4 * MAXF frames, stopped; spin: not
#                   started, because its signal-frame fallback would loop
#                   forever on this sample (gt_rt.c, libgcc_would_spin);
#                   hang: still walking after 1 s of CPU time, stopped)
#   mutated_*       one stack word randomised, bit-flipped or moved by 16
#   swapped_*       one stack word replaced by another word of the same stack
# Exit status 1 if libfpv called a wrong trace reliable (also on mutated
# stacks) or a test program failed or hung ("GTHANG prog: where": a program
# that stops making progress reports where it is, see gt_one.sh; counted as
# hung=H on the "programs=" line).
#
# Usage: reliability.sh SAMPLES   (environment: O build dir, JOBS, SEED,
#                                  GT_SIDECAR)

set -u
N=${1:-20000}
O=${O:-build}
JOBS=${JOBS:-2}
SEED=${SEED:-1}
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
FPV=$(cd "$O" && pwd)/fpv
LIB=$(cd "$O" && pwd)/aarch64/libfpv.a
W=$(cd "$O" && pwd)/runtime
mkdir -p "$W"

# glibc with ORC: libc.so.6 copied and given .fpv_orc, every other file linked.
# GT_SIDECAR=1: libc.so.6 linked unmodified too, its tables in a sidecar
# found through FPV_TABLE_PATH (the same figures are expected).
sys=$W/sysroot
[ "${GT_SIDECAR:-0}" = 1 ] && sys=$W/sysroot-sidecar
if [ ! -f "$sys/.ok" ] || [ "$FPV" -nt "$sys/.ok" ]; then
	rm -rf "$sys"
	mkdir -p "$sys/lib/aarch64-linux-gnu"
	for f in /usr/aarch64-linux-gnu/lib/*; do ln -s "$f" "$sys/lib/aarch64-linux-gnu/"; done
	ln -s /usr/aarch64-linux-gnu/lib/ld-linux-aarch64.so.1 "$sys/lib/ld-linux-aarch64.so.1"
	if [ "${GT_SIDECAR:-0}" = 1 ]; then
		"$FPV" orc --sidecar="$sys/tables" /usr/aarch64-linux-gnu/lib/libc.so.6 || exit 1
	else
		rm "$sys/lib/aarch64-linux-gnu/libc.so.6"
		cp /usr/aarch64-linux-gnu/lib/libc.so.6 "$sys/lib/aarch64-linux-gnu/libc.so.6"
		"$FPV" orc "$sys/lib/aarch64-linux-gnu/libc.so.6" || exit 1
	fi
	touch "$sys/.ok"
fi
[ "${GT_SIDECAR:-0}" = 1 ] && export FPV_TABLE_PATH="$sys/tables"

CCS="gcc clang14 clang16"
OPTS="-O0 -O2 -Os"
PACS="nopac pac"
nconf=18
# more distinct programs when there are many samples
per_prog=${PER_PROG:-50000}
progs=$(( (N + nconf * per_prog - 1) / (nconf * per_prog) ))
[ "$progs" -lt 1 ] && progs=1
total=$((nconf * progs))

list=$W/jobs.txt
: > "$list"
i=0
for cc in $CCS; do
	for opt in $OPTS; do
		for pac in $PACS; do
			p=0
			while [ $p -lt "$progs" ]; do
				n=$((N / total))
				[ $i -lt $((N % total)) ] && n=$((n + 1))
				echo "$cc $opt $pac $((SEED * 1000 + i)) $n" >> "$list"
				i=$((i + 1))
				p=$((p + 1))
			done
		done
	done
done

export here top FPV LIB W sys

results=$W/results.txt
: > "$results"
xargs -P "$JOBS" -L 1 sh "$here/gt_one.sh" < "$list" | tee "$results" | grep -v '^GTR' >&2

awk '
/^GT / {
	for (i = 2; i <= NF; i++) { split($i, kv, "="); if (kv[1] != "prog") s[kv[1]] += kv[2] }
	progs++
}
/^GTR/ { for (i = 2; i <= NF; i++) { split($i, kv, "="); r[kv[1]] += kv[2] } }
/^GTFAIL/ { fails++ }
/^GTHANG/ { hangs++ }
END {
	line = ""
	for (k in r) line = line " " k "=" r[k]
	if (line != "") print "unreliable reasons (fpv, frame-pointer mode):" line
	printf "programs=%d failed=%d hung=%d\n", progs, fails, hangs
	n = s["samples"]
	printf "samples=%d reliable=%d false_reliable=%d reliable_pct=%.3f", n, s["fp_reliable"], s["fp_false"], n ? 100.0 * s["fp_reliable"] / n : 0
	printf " orc_reliable=%d orc_false_reliable=%d", s["orc_reliable"], s["orc_false"]
	printf " fp_mainline_reliable=0 fp_mainline_false_reliable=0"
	printf " fp_naive_reliable=%d fp_naive_false_reliable=%d", s["naive_reliable"], s["naive_false"]
	printf " libgcc_reliable=%d libgcc_false_reliable=%d libgcc_crash=%d libgcc_loop=%d libgcc_spin=%d libgcc_hang=%d", s["libgcc_reliable"], s["libgcc_false"], s["libgcc_crash"], s["libgcc_loop"], s["libgcc_spin"], s["libgcc_hang"]
	printf " mutated=%d mutated_reliable=%d mutated_false_reliable=%d", s["mut"], s["mut_reliable"], s["mut_false"]
	printf " swapped=%d swapped_reliable=%d swapped_false_reliable=%d\n", s["swap"], s["swap_reliable"], s["swap_false"]
	exit (s["fp_false"] + s["orc_false"] + s["mut_false"] > 0 || fails + hangs > 0 || n == 0) ? 1 : 0
}' "$results"
