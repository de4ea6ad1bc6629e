#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# fpv xcheck throughput: wall time, peak memory and instructions per second
# of `fpv xcheck --summary` (analysis + DWARF CFI + SFrame, compared at every
# instruction) on
#   - Debian's arm64 vmlinux with .debug_frame (package
#     linux-image-6.1.0-*-arm64-dbg, scripts/vmlinux-check.sh download;
#     VMLINUX= its path), beside readelf --debug-dump=frames on the same
#     file in the same run (time and peak RSS ratios; goal: at most half),
#   - the arm64 kernel objects of build/kernel/arm64/{kernel,mm,lib}
#     (KOBJ=), one process for all of them.
# Sets that are absent are reported as skipped.  Environment: O, FPV.
O=${O:-build}
FPV=${FPV:-$O/fpv}
top=$(cd "$(dirname "$0")/.." && pwd)
KOBJ=${KOBJ:-$top/build/kernel/arm64}
FPV_DL=${FPV_DL:-$O/debian}	# sh scripts/vmlinux-check.sh download
VMLINUX=${VMLINUX:-$(ls "$FPV_DL"/usr/lib/debug/boot/vmlinux-6.1.* 2>/dev/null | head -1)}
tmp=${TMPDIR:-/tmp}/fpv-bench-xcheck.$$
mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT

# measure NAME FILE... : one line "xcheck NAME: N insns, T s, M MB, R Minsn/s"
measure() {
	name=$1
	shift
	/usr/bin/time -f "%e %M" -o "$tmp/time" "$FPV" xcheck --summary "$@" > "$tmp/out" 2> /dev/null
	insns=$(awk '/: dwarf/ { for (i = 1; i <= NF; i++) if ($(i+1) ~ /^compared/) c += $i;
		for (i = 1; i <= NF; i++) if ($(i+1) ~ /^uncovered/) c += $i }
		END { print c + 0 }' "$tmp/out")
	# the total line repeats the per-file counts: count it once
	[ "$#" -gt 1 ] && insns=$(awk '/^total: dwarf/ { for (i = 1; i <= NF; i++) {
		if ($(i+1) ~ /^compared/) c += $i; if ($(i+1) ~ /^uncovered/) c += $i } }
		END { print c + 0 }' "$tmp/out")
	read -r secs kb <<-EOT
	$(tail -1 "$tmp/time")
	EOT
	awk -v n="$name" -v i="$insns" -v s="$secs" -v k="$kb" 'BEGIN {
		printf "xcheck %s: %d instructions, %.2f s, %.0f MB peak, %.2f M instructions/s\n",
		       n, i, s, k / 1024, (s > 0) ? i / s / 1e6 : 0 }'
}

if [ -n "$VMLINUX" ] && [ -f "$VMLINUX" ]; then
	measure "vmlinux ($(basename "$VMLINUX"), .debug_frame)" "$VMLINUX"
	cp "$tmp/time" "$tmp/fpv.time"
	# the same file through readelf, which only prints the CFI
	/usr/bin/time -f "%e %M" -o "$tmp/time" readelf --debug-dump=frames "$VMLINUX" > /dev/null 2>&1
	read -r fs fk <<-EOT
	$(tail -1 "$tmp/fpv.time")
	EOT
	read -r rs rk <<-EOT
	$(tail -1 "$tmp/time")
	EOT
	awk -v fs="$fs" -v fk="$fk" -v rs="$rs" -v rk="$rk" 'BEGIN {
		printf "readelf --debug-dump=frames: %.2f s, %.0f MB peak; fpv xcheck / readelf: time %.2f, peak RSS %.2f\n",
		       rs, rk / 1024, (rs > 0) ? fs / rs : 0, (rk > 0) ? fk / rk : 0 }'
else
	echo "xcheck vmlinux: skipped (no Debian vmlinux; see docs/xcheck-study.md)"
fi
if [ -d "$KOBJ/kernel" ]; then
	find "$KOBJ/kernel" "$KOBJ/mm" "$KOBJ/lib" -name '*.o' | sort > "$tmp/list"
	# shellcheck disable=SC2046
	measure "kernel objects ($(wc -l < "$tmp/list") files)" $(cat "$tmp/list")
else
	echo "xcheck kernel objects: skipped (no $KOBJ/kernel)"
fi
