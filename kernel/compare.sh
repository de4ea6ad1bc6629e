#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# fpv's build cost and ORC size against objtool's (make kernel-compare):
# three full kernel builds of linux-source-6.12, each from an empty object
# tree and without ccache, so that the compiler's time is all there:
#
#   arm64-fpv   the series, tinyconfig + kernel/config.fragment (the
#               reference config of make kernel-check), CONFIG_FPV_ORC=y
#   arm64-off   the same, CONFIG_FPV_ORC=n
#   x86-64      the pristine source, tinyconfig + kernel/x86-64.fragment
#               (the same features, CONFIG_UNWINDER_ORC=y), objtool on
#               every object
#
# fpv and objtool run through wrappers that log each run's wall and CPU
# time.  The tool's share is its CPU time over the build's CPU time (user +
# system of every process of the build), which does not depend on what else
# the machine runs; the wall-time shares are printed beside it.  The ORC
# size is the bytes of .orc_unwind_ip, .orc_unwind and .orc_header over the
# KiB of vmlinux's functions.
#
# Usage: kernel/compare.sh [report]; with report, only print the figures of
# the last builds again.
# Environment: O, FPV, FPV_KCHECK_DIR as for kernel/run.sh (the arm64
# source is run.sh's, $FPV_KCHECK_DIR/src); JOBS (default: the number of
# CPUs).  Takes three full builds: about 20 min with -j2.
set -e
. "$(dirname "$0")/env.sh"
tarball=/usr/src/linux-source-6.12.tar.xz
cmp_dir=$dir/compare

say() { echo "kernel-compare: $*" >&2; }
die() { echo "fpv: kernel/compare.sh: $*" >&2; exit 1; }
mode=${1:-build}
case $mode in build|report) ;; *) die "usage: kernel/compare.sh [report]" ;; esac

[ -x "$FPV" ] || die "$FPV: no fpv binary (make first)"
[ -f $tarball ] || die "$tarball missing (apt-get install linux-source-6.12)"
command -v ${cross}gcc >/dev/null || die "${cross}gcc missing (apt-get install gcc-aarch64-linux-gnu)"
command -v gcc >/dev/null || die "gcc missing"
mkdir -p "$cmp_dir"

# --- sources: the series applied (shared with run.sh), and pristine ---
x86src=$cmp_dir/x86src
if [ "$mode" = build ]; then
	sh "$top/kernel/series.sh" ensure "$src"
	if [ ! -f "$x86src/.fpv-pristine" ]; then
		say "unpacking pristine linux-source-6.12 for x86-64"
		rm -rf "$x86src"
		mkdir -p "$x86src"
		tar -xJf $tarball -C "$x86src" --strip-components=1
		touch "$x86src/.fpv-pristine"
	fi
fi
version=$(make -s -C "$x86src" kernelversion)

# A wrapper that logs "wall_s user_s sys_s" of each run of the real tool
# (bash's time keyword; the tool's own stderr passes through), and keeps
# its exit status.  $1: wrapper path, $2: real tool, $3: log, $4: the first
# argument that marks a run to log (empty: every run).
wrap() {
	cat > "$1" <<WRAP
#!/bin/bash
if [ -n "$4" ] && [ "\$1" != "$4" ]; then exec "$2" "\$@"; fi
TIMEFORMAT="%R %U %S"
{ time "$2" "\$@" 2>&3 3>&-; } 3>&2 2>> "$3"
WRAP
	chmod +x "$1"
}

# build NAME MAKEARGS...: a full build from an empty tree; writes the
# build's wall milliseconds, CPU seconds (user, system: every process of
# the build) and make jobs into $cmp_dir/NAME.build
build() {
	name=$1; shift
	say "$name: building ($*)"
	t0=$(date +%s%N)
	bash -c 'TIMEFORMAT="%U %S"; { time make -s "$@" > "$0.log" 2>&1; } 2> "$0.time"' \
		"$cmp_dir/$name" -j"$jobs" "$@" || die "$name: build failed (see $cmp_dir/$name.log)"
	t1=$(date +%s%N)
	echo "$(( (t1 - t0) / 1000000 )) $(cat "$cmp_dir/$name.time") $jobs" > "$cmp_dir/$name.build"
}

# report NAME TOOL LOG: "name: tool ran N times, ... share"
report() {
	set -- "$1" "$2" "$3" $(cat "$cmp_dir/$1.build")
	awk -v name="$1" -v tool="$2" -v wall="$4" -v user="$5" -v sys="$6" -v jobs="${7:-$jobs}" '
		{ w += $1; n++; c += $2 + $3 }
		END {
			cpu = user + sys
			if (tool == "")
				printf "%s: build %.0f s wall, %.0f s CPU\n", name, wall / 1000, cpu
			else
				printf "%s: build %.0f s wall, %.0f s CPU; %s ran on %d objects, %.1f s CPU, %.1f s wall: %.2f%% of the build'"'"'s CPU time (%.2f%% of %.0f s wall x %d jobs)\n",
					name, wall / 1000, cpu, tool, n, c, w, 100 * c / cpu, 100 * w / (wall / 1000 * jobs), wall / 1000, jobs
		}' "$3"
}

# orc_size VMLINUX BINUTILS_PREFIX: "ORC bytes, text bytes, entries".  The
# text is the bytes of the functions (sized code symbols, each address
# once): x86-64's .text section also holds the padding that aligns the
# entry text to 2 MiB, which would count as text.
orc_size() {
	{ ${2}readelf -SW "$1"; echo "--- symbols"; ${2}nm -S --defined-only "$1"; } | python3 -c '
import re, sys
orc = text = n = 0
seen = set()
syms = False
for line in sys.stdin:
    if line.startswith("--- symbols"):
        syms = True
        continue
    if syms:
        f = line.split()
        if len(f) == 4 and f[2] in "tT" and f[0] not in seen:
            seen.add(f[0])
            text += int(f[1], 16)
        continue
    m = re.match(r"\s*\[\s*\d+\]\s+(\S+)\s+(\S+)\s+\S+\s+\S+\s+([0-9a-f]+)", line)
    if not m:
        continue
    name, size = m.group(1), int(m.group(3), 16)
    if name in (".orc_unwind_ip", ".orc_unwind", ".orc_header"):
        orc += size
    if name == ".orc_unwind_ip":
        n = size // 4
print(orc, text, n)'
}

# --- x86-64: objtool ---
build_x86() {
	fragment_x86=$top/kernel/x86-64.fragment
	kx86() { make -C "$x86src" O="$cmp_dir/x86-64" ARCH=x86_64 CC=gcc "$@"; }
	rm -rf "$cmp_dir/x86-64"
	mkdir -p "$cmp_dir/x86-64"
	kconfig kx86 "$x86src" "$cmp_dir/x86-64" x86_64 "$fragment_x86" >/dev/null ||
		die "x86-64: configuration failed"
	missing=$(kconfig_missing "$fragment_x86" "$cmp_dir/x86-64/.config")
	[ -z "$missing" ] || die "x86-64 config: did not stick:" $missing
	# objtool itself is built first, outside the timed build
	kx86 -s -j"$jobs" tools/objtool >/dev/null 2>&1 || die "objtool did not build"
	rm -f "$cmp_dir/objtool-times"
	wrap "$cmp_dir/objtool" "$cmp_dir/x86-64/tools/objtool/objtool" "$cmp_dir/objtool-times" ""
	build x86-64 -C "$x86src" O="$cmp_dir/x86-64" ARCH=x86_64 CC=gcc objtool="$cmp_dir/objtool" vmlinux modules
}

# --- arm64: the reference config with CONFIG_FPV_ORC on and off ---
arm64() {
	name=$1 fpv_orc=$2
	out=$cmp_dir/$name
	rm -rf "$out"
	mkdir -p "$out"
	ka() { make -C "$src" O="$out" ARCH=arm64 CROSS_COMPILE=$cross FPV="$cmp_dir/fpv" "$@"; }
	edit=
	[ "$fpv_orc" = y ] || edit='s/^CONFIG_FPV_ORC=y$/# CONFIG_FPV_ORC is not set/'
	kconfig ka "$src" "$out" arm64 "$top/kernel/config.fragment" "$edit" >/dev/null ||
		die "$name: configuration failed"
	if [ "$fpv_orc" = y ]; then
		grep -qx CONFIG_FPV_ORC=y "$out/.config" || die "$name: CONFIG_FPV_ORC did not stick"
	else
		! grep -qx CONFIG_FPV_ORC=y "$out/.config" || die "$name: CONFIG_FPV_ORC is still on"
	fi
	build "$name" -C "$src" O="$out" ARCH=arm64 CROSS_COMPILE=$cross FPV="$cmp_dir/fpv" vmlinux modules
}
if [ "$mode" != report ]; then
	build_x86
	rm -f "$cmp_dir/fpv-times"
	wrap "$cmp_dir/fpv" "$FPV" "$cmp_dir/fpv-times" orc
	arm64 arm64-fpv y
	arm64 arm64-off n
fi
for b in x86-64 arm64-fpv arm64-off; do
	[ -f "$cmp_dir/$b.build" ] || die "no $b build in $cmp_dir (run without 'report' first)"
done
read -r x86_orc x86_text x86_n <<EOF
$(orc_size "$cmp_dir/x86-64/vmlinux" "")
EOF
read -r a_orc a_text a_n <<EOF
$(orc_size "$cmp_dir/arm64-fpv/vmlinux" $cross)
EOF

# --- the figures ---
{
	echo "kernel-compare: linux $version, gcc $(gcc -dumpversion) and ${cross}gcc $(${cross}gcc -dumpversion), -j$jobs, no ccache"
	report x86-64 objtool "$cmp_dir/objtool-times"
	report arm64-fpv "fpv orc" "$cmp_dir/fpv-times"
	: > "$cmp_dir/none"
	report arm64-off "" "$cmp_dir/none"
	cat "$cmp_dir/arm64-fpv.build" "$cmp_dir/arm64-off.build" | awk '
		NR == 1 { w1 = $1 / 1000; c1 = $2 + $3 }
		NR == 2 { w0 = $1 / 1000; c0 = $2 + $3 }
		END {
			printf "arm64: CONFIG_FPV_ORC=y costs %+.0f s CPU (%+.1f%%) and %+.0f s wall (%+.1f%%) over =n\n",
				c1 - c0, 100 * (c1 - c0) / c0, w1 - w0, 100 * (w1 - w0) / w0
		}'
	awk -v o="$x86_orc" -v t="$x86_text" -v n="$x86_n" 'BEGIN {
		printf "x86-64 vmlinux: %d bytes of ORC for %d bytes of functions, %d entries: %.0f bytes per KiB of text\n", o, t, n, o / (t / 1024) }'
	awk -v o="$a_orc" -v t="$a_text" -v n="$a_n" 'BEGIN {
		printf "arm64 vmlinux: %d bytes of ORC for %d bytes of functions, %d entries: %.0f bytes per KiB of text\n", o, t, n, o / (t / 1024) }'
} | tee "$cmp_dir/summary"
