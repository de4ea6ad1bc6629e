#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# fpv's kernel check (make kernel-check): build linux-source-6.1 for arm64
# with fpv's patch series (kernel/patches/) and fpv's run-time core copied in
# from lib/ and include/fpv/, boot it in QEMU with a small static init
# (kernel/init.c) and the test module (samples/fpv/fpv_test.ko, from the
# series), and print the results.  The last line is
#
#   kernel: tasks=N reliable=R refused=U interrupted_proven=P interrupted_refused=Q wrong=W livepatch=ok|failed
#
# Usage: kernel/run.sh [tiny|defconfig]      (default tiny: tinyconfig plus
#        kernel/config.fragment; defconfig: arm64 defconfig plus the fragment)
# Environment: O (fpv build dir, default build), FPV (the fpv binary, default
# $O/fpv), FPV_KCHECK_DIR (work dir, default $O-kcheck-FLAVOUR), JOBS (default 2),
# QEMU_TIMEOUT (seconds, default 300).
set -e
top=$(cd "$(dirname "$0")/.." && pwd)
flavour=${1:-tiny}
O=${O:-build}
case $O in /*) ;; *) O=$top/$O ;; esac
FPV=${FPV:-$O/fpv}
case $FPV in /*) ;; *) FPV=$top/$FPV ;; esac
# Not inside $O: the fpv Makefile includes every *.d file under $O.
dir=${FPV_KCHECK_DIR:-$O-kcheck-$flavour}
jobs=${JOBS:-2}
src=$dir/src
out=$dir/out
tarball=/usr/src/linux-source-6.1.tar.xz
cross=aarch64-linux-gnu-
t_start=$(date +%s)

say() { echo "kernel-check: $*" >&2; }
die() { echo "fpv: kernel/run.sh: $*" >&2; exit 1; }

# --- packages (like scripts/kernel-corpus.sh: installed when root) ---
need=""
[ -f $tarball ] || need="$need linux-source-6.1"
command -v qemu-system-aarch64 >/dev/null || need="$need qemu-system-arm"
for p in bc bison flex; do command -v $p >/dev/null || need="$need $p"; done
[ -f /usr/include/openssl/ssl.h ] || need="$need libssl-dev"
command -v ${cross}gcc >/dev/null || need="$need gcc-aarch64-linux-gnu libc6-dev-arm64-cross"
if [ -n "$need" ]; then
	[ "$(id -u)" = 0 ] || die "needs Debian packages:$need (apt-get install$need)"
	say "installing$need"
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $need >&2 ||
		die "apt-get install$need failed"
fi
[ -x "$FPV" ] || die "$FPV: no fpv binary (make O=... first)"

# --- the core files copied verbatim from the fpv tree ---
core_files="lib/orc_lookup.c:arch/arm64/kernel/fpv/orc_lookup.c
lib/orc_compact.c:arch/arm64/kernel/fpv/orc_compact.c
lib/orc_funcs.c:arch/arm64/kernel/fpv/orc_funcs.c
lib/unwind.c:arch/arm64/kernel/fpv/unwind.c
include/fpv/orc.h:arch/arm64/include/fpv/orc.h
include/fpv/orc_lookup.h:arch/arm64/include/fpv/orc_lookup.h
include/fpv/unwind.h:arch/arm64/include/fpv/unwind.h"

copy_core() {
	for m in $core_files; do
		from=$top/${m%%:*}; to=$src/${m#*:}
		[ -f "$from" ] || die "$from missing"
		mkdir -p "$(dirname "$to")"
		cmp -s "$from" "$to" || cp "$from" "$to"
	done
}

# The kernel's copy of the core must be the fpv tree's, byte for byte.
check_core() {
	for m in $core_files; do
		cmp "$top/${m%%:*}" "$src/${m#*:}" >&2 ||
			die "kernel copy of ${m%%:*} differs from the fpv tree"
	done
	say "core copies identical to the fpv tree ($(echo "$core_files" | wc -l) files)"
}

# --- source: unpack once per patch series ---
series=$(cat "$top"/kernel/patches/*.patch | sha256sum | cut -c1-16)
if [ "$(cat "$src/.fpv-series" 2>/dev/null)" != "$series" ]; then
	say "unpacking linux-source-6.1 and applying $(ls "$top"/kernel/patches/*.patch | wc -l) patches"
	# $out stays: tar keeps the archive's file times, so after a change of
	# the series only what the patches touch is rebuilt.
	rm -rf "$src" "$src.tmp"
	mkdir -p "$src.tmp"
	tar -xJf $tarball -C "$src.tmp" --strip-components=1
	for p in "$top"/kernel/patches/*.patch; do
		patch -d "$src.tmp" -p1 -s --no-backup-if-mismatch < "$p" ||
			die "$(basename "$p") does not apply"
	done
	echo "$series" > "$src.tmp/.fpv-series"
	mv "$src.tmp" "$src"
fi
copy_core
check_core

# --- configuration ---
mk() { nice -n 10 make -s -C "$src" O="$out" ARCH=arm64 CROSS_COMPILE=$cross "$@"; }
mkdir -p "$out"
frag=$top/kernel/config.fragment
if ! cmp -s "$frag" "$out/.fpv-fragment-$flavour"; then
	case $flavour in
	tiny)		mk tinyconfig >/dev/null ;;
	defconfig)	mk defconfig >/dev/null ;;
	*)		die "unknown flavour $flavour (tiny or defconfig)" ;;
	esac
	(cd "$src" && ARCH=arm64 scripts/kconfig/merge_config.sh -m -O "$out" "$out/.config" "$frag" >/dev/null)
	mk olddefconfig >/dev/null
	grep '^CONFIG_' "$frag" | while read -r line; do
		grep -qx "$line" "$out/.config" || die "config: $line did not stick"
	done
	cp "$frag" "$out/.fpv-fragment-$flavour"
fi

# --- build ---
say "building Image and modules (fpv orc on every object; JOBS=$jobs)"
t0=$(date +%s)
mk FPV="$FPV" -j"$jobs" Image modules >&2 || die "kernel build failed"
t_build=$(( $(date +%s) - t0 ))
nr_orc=$(${cross}readelf -S "$out/vmlinux" | awk '$2 == ".orc_unwind" { getline; print "0x" $1 }')
say "built in ${t_build}s; vmlinux .orc_unwind: $(( ${nr_orc:-0} / 8 )) entries"
check_core

# --- initramfs: static init + the two modules ---
${cross}gcc -static -O2 -Wall -o "$dir/init" "$top/kernel/init.c" || die "init build failed"
cat > "$dir/initramfs.list" <<LIST
dir /dev 0755 0 0
nod /dev/console 0600 0 0 c 5 1
dir /proc 0755 0 0
dir /sys 0755 0 0
file /init $dir/init 0755 0 0
file /fpv_test.ko $out/samples/fpv/fpv_test.ko 0644 0 0
file /livepatch-sample.ko $out/samples/livepatch/livepatch-sample.ko 0644 0 0
LIST
"$out/usr/gen_init_cpio" "$dir/initramfs.list" > "$dir/initramfs.cpio" || die "cpio failed"

# --- boot: one CPU, so that every task but the test's is off-CPU while it
# is unwound; one instruction per translation block, so that the timer
# interrupt can land on any instruction (prologues and epilogues too) ---
single=-singlestep
qemu-system-aarch64 -accel help 2>/dev/null | grep -q tcg &&
	qemu-system-aarch64 -accel tcg,help 2>&1 | grep -q one-insn-per-tb &&
	single="-accel tcg,one-insn-per-tb=on"
say "booting in QEMU ($single)"
t0=$(date +%s)
timeout "${QEMU_TIMEOUT:-300}" qemu-system-aarch64 -M virt -cpu max -smp 1 -m 256 \
	-nographic -nic none -no-reboot $single \
	-kernel "$out/arch/arm64/boot/Image" -initrd "$dir/initramfs.cpio" \
	-append "console=ttyAMA0 panic=-1" > "$dir/console.log" 2>&1 || true
t_boot=$(( $(date +%s) - t0 ))
grep -E '^(\[[ 0-9.]*\] )?(fpv|fpv-init|fpv_test|livepatch)[:_ -]' "$dir/console.log" | sed 's/^\[[ 0-9.]*\] //' >&2 || true
say "QEMU ran ${t_boot}s; console in $dir/console.log"

# --- summary ---
field() {	# field LINE-PATTERN NAME
	grep -E "$1" "$dir/console.log" | tail -1 | tr ' ' '\n' | sed -n "s/^$2=//p"
}
table() {	# the figures side by side: fpv's walk, the frame-pointer unwinder
	printf '%-34s %-26s %s\n' "" "fpv (ORC-validated walk)" "frame pointer (mainline verdict; plain trace)"
	for ph in before after; do
		l="fpv_test: tasks $ph:"
		printf '%-34s %-26s %s\n' "tasks $ph: reliable/refused" \
			"$(field "$l" fpv_reliable)/$(field "$l" fpv_refused) of $(field "$l" tasks)" \
			"$(field "$l" fp_reliable)/$(field "$l" fp_refused)"
	done
	for t in irq 'irq kretprobe' 'irq fgraph'; do
		l="fpv_test: $t:"
		n=$(field "$l" samples); m=$(field "$l" fp_mainline_reliable)
		printf '%-34s %-26s %s\n' "$t: proven/refused/wrong" \
			"$(field "$l" proven)/$(field "$l" refused)/$(field "$l" wrong) of ${n:-?}" \
			"${m:-?}/$(( ${n:-0} - ${m:-0} ))/-; plain trace wrong: $(field "$l" fp_naive_wrong)"
		cov=$(grep -A1 "$l" "$dir/console.log" | tail -1 | sed -n 's/.*interrupted at \([0-9]*\) of the \([0-9]*\) .*/\1 of \2/p')
		printf '%-34s %s\n' "  PC in a test function" "$(field "$l" in_test_functions) samples, at ${cov:-?} distinct instructions; proven there with x29 not (yet) the frame record: $(field "$l" proven_without_frame_record)"
		printf '%-34s %s\n' "  proven with fpv_f3/fpv_f11 live" "$(field "$l" proven_with_f3_or_f11_live) (their return addresses are replaced in the kretprobe/fgraph runs)"
	done
	grep 'fpv_test: corrupt ' "$dir/console.log" | sed 's/^.*fpv_test: corrupt /corrupt: /'
}
table >&2
tasks=$(field 'fpv_test: tasks before:' tasks)
rel=$(field 'fpv_test: tasks before:' fpv_reliable)
ref=$(field 'fpv_test: tasks before:' fpv_refused)
# interrupted_*: the three interrupt runs (plain, kretprobes, function graph)
ip=0; iq=0; wrong=0
for t in irq 'irq kretprobe' 'irq fgraph'; do
	p=$(field "fpv_test: $t:" proven); q=$(field "fpv_test: $t:" refused)
	w=$(field "fpv_test: $t:" wrong)
	if [ -z "$p" ] || [ -z "$q" ] || [ -z "$w" ]; then
		say "FAIL: no figures from '$t'"; ip=; wrong="?"; break
	fi
	ip=$(( ip + p )); iq=$(( iq + q )); wrong=$(( wrong + w ))
done
lp=failed
grep -q 'fpv-init: livepatch=ok' "$dir/console.log" && lp=ok
corrupt_ok=$(grep -c 'fpv_test: corrupt .*: fpv=refused' "$dir/console.log" || true)
status=0
[ -n "$tasks" ] && [ "${tasks:-0}" -gt 0 ] || { say "FAIL: no task figures"; status=1; }
[ -n "$ip" ] || { say "FAIL: no interrupt figures"; status=1; }
[ "$wrong" = 0 ] || { say "FAIL: wrong traces called reliable (or no figures)"; status=1; }
[ "$corrupt_ok" = 2 ] || { say "FAIL: a corrupted frame record was not refused"; status=1; }
[ "$lp" = ok ] || { say "FAIL: live patch"; status=1; }
say "total $(( $(date +%s) - t_start ))s (build ${t_build}s, QEMU ${t_boot}s)"
echo "kernel: tasks=${tasks:-0} reliable=${rel:-0} refused=${ref:-0} interrupted_proven=${ip:-0} interrupted_refused=${iq:-0} wrong=${wrong:-?} livepatch=$lp"
exit $status
