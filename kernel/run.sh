#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# fpv's kernel check (make kernel-check): apply fpv's patch series
# (kernel/patches/, kernel/series.sh) to Debian's linux-source-6.12, build
# it for arm64 with the reference configuration (tinyconfig plus
# kernel/config.fragment), build the livepatch selftests' modules, boot it
# three times in QEMU with 4 CPUs (kernel/guest/init) and print the
# results.  The last line is
#
#   kernel: version=6.12.N cpus=C tasks=N reliable=R refused=U interrupted_proven=P interrupted_refused=Q wrong=W selftests=S/T livepatch=ok|failed transition_fpv_ms=A transition_mainline_ms=B
#
# Environment: O (fpv build dir, default build), FPV (the fpv binary, default
# $O/fpv), FPV_KCHECK_DIR (work dir, default $O-kcheck), JOBS (default: the
# number of CPUs), QEMU (the emulator, default qemu-system-aarch64),
# QEMU_TIMEOUT (seconds per boot, default 1800).
set -e
. "$(dirname "$0")/env.sh"
out=$dir/out
guest=$dir/guest
cpus=4
t_start=$(date +%s)

say() { echo "kernel-check: $*" >&2; }
die() { echo "fpv: kernel/run.sh: $*" >&2; exit 1; }

# --- packages ---
need=""
[ -f /usr/src/linux-source-6.12.tar.xz ] || need="$need linux-source-6.12"
qemu=${QEMU:-qemu-system-aarch64}
command -v "$qemu" >/dev/null || need="$need qemu-system-arm"
for p in bc bison flex git python3; do command -v $p >/dev/null || need="$need $p"; done
[ -f /usr/include/openssl/ssl.h ] || need="$need libssl-dev"
[ -f /usr/include/libelf.h ] || need="$need libelf-dev"
command -v ${cross}gcc >/dev/null || need="$need gcc-aarch64-linux-gnu libc6-dev-arm64-cross"
if [ -n "$need" ]; then
	[ "$(id -u)" = 0 ] || die "needs Debian packages:$need (apt-get install$need)"
	say "installing$need"
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $need >&2 ||
		die "apt-get install$need failed"
fi
# The guest's tools: Debian's arm64 busybox-static and bash-static
mkdir -p "$dir/debs"
for p in busybox-static bash-static; do
	ls "$dir/debs/${p}_"*_arm64.deb >/dev/null 2>&1 && continue
	[ "$(id -u)" = 0 ] || die "needs $p:arm64 in $dir/debs (apt-get download $p:arm64)"
	dpkg --print-foreign-architectures | grep -qx arm64 || {
		dpkg --add-architecture arm64 && apt-get update -qq >&2; }
	(cd "$dir/debs" && apt-get download -q $p:arm64 >&2 2>/dev/null) ||
		die "apt-get download $p:arm64 failed"
done
[ -x "$FPV" ] || die "$FPV: no fpv binary (make O=... first)"

# --- source: the pristine tarball with the series applied by git am, once
# per series; the objects in $out are kept, and tar keeps the archive's
# file times, so a change of the series rebuilds only what it touches ---
sh "$top/kernel/series.sh" ensure "$src"
version=$(make -s -C "$src" kernelversion)
say "linux $version; the run-time core in the series is fpv's lib/, byte for byte"

# --- fpv through a wrapper that logs the wall time of each `fpv orc`, for
# the build-cost figure (its share of the build).  The objects depend on
# the wrapper (FPV_PATH), so it changes exactly when the fpv binary does. ---
mkdir -p "$dir/bin"
cat > "$dir/bin/fpv.new" <<WRAP
#!/bin/sh
# fpv: $(sha256sum < "$FPV" | cut -c1-16)
[ "\$1" = orc ] || exec "$FPV" "\$@"
t0=\$(date +%s%N)
"$FPV" "\$@"
rc=\$?
echo "\$(( \$(date +%s%N) - t0 ))" >> "$dir/fpv-times"
exit \$rc
WRAP
if cmp -s "$dir/bin/fpv.new" "$dir/bin/fpv"; then
	rm "$dir/bin/fpv.new"
else
	chmod +x "$dir/bin/fpv.new"
	mv "$dir/bin/fpv.new" "$dir/bin/fpv"
fi
fpv_run=$dir/bin/fpv

# --- configuration ---
cc="${cross}gcc"
command -v ccache >/dev/null && cc="ccache ${cross}gcc"
mk() { make -s -C "$src" O="$out" ARCH=arm64 CROSS_COMPILE=$cross CC="$cc" FPV="$fpv_run" "$@"; }
mkdir -p "$out"
frag=$top/kernel/config.fragment
if ! cmp -s "$frag" "$out/.fpv-fragment" || [ "$FPV" != "$(cat "$out/.fpv-bin" 2>/dev/null)" ]; then
	kconfig mk "$src" "$out" arm64 "$frag" >/dev/null || die "configuration failed"
	missing=$(kconfig_missing "$frag" "$out/.config")
	case $missing in
	*CONFIG_FPV_ORC=y*)
		die "config: CONFIG_FPV_ORC did not stick: $FPV is missing or older than the series needs ($(grep FPV_VERSION "$out/.config"))" ;;
	?*)	die "config: did not stick:" $missing ;;
	esac
	cp "$frag" "$out/.fpv-fragment"
	echo "$FPV" > "$out/.fpv-bin"
fi

# --- build: the kernel, its modules, the selftests' modules ---
say "building Image and modules (fpv orc on every object; JOBS=$jobs)"
rm -f "$dir/fpv-times"
t0=$(date +%s)
mk -j"$jobs" Image modules >&2 || die "kernel build failed"
st=$src/tools/testing/selftests/livepatch
mk -j"$jobs" M="$st/test_modules" modules >&2 || die "the selftests' modules did not build"
t_build=$(( $(date +%s) - t0 ))
nr_orc=$(${cross}readelf -S "$out/vmlinux" | awk '$2 == ".orc_unwind" { getline; print "0x" $1 }')
say "built in ${t_build}s; vmlinux .orc_unwind: $(( ${nr_orc:-0} / 8 )) entries"
if [ -s "$dir/fpv-times" ]; then
	awk -v wall="$t_build" -v jobs="$jobs" '{ s += $1; n++ } END {
		printf "kernel-check: fpv orc ran on %d objects: %.1f s in all, %.1f ms each; %.1f%% of the build'"'"'s %d s wall x %d jobs\n",
			n, s / 1e9, s / n / 1e6, 100 * s / 1e9 / (wall * jobs), wall, jobs }' "$dir/fpv-times" >&2
fi
sh "$top/kernel/series.sh" check "$src"

# --- initramfs: busybox, bash, the init, the modules, the selftests ---
rm -rf "$guest"
mkdir -p "$guest/x"
for d in "$dir"/debs/*.deb; do dpkg-deb -x "$d" "$guest/x"; done
${cross}gcc -static -O2 -Wall -o "$guest/call_getpid" "$st/test_klp-call_getpid.c" ||
	die "test_klp-call_getpid did not build"
${cross}gcc -static -O2 -Wall -o "$guest/insmod" "$top/kernel/guest/insmod.c" ||
	die "kernel/guest/insmod.c did not build"
python3 "$top/kernel/klp-relocs.py" "$out/samples/fpv/fpv_klp_late.ko" "$guest/fpv_klp_late.ko" \
	--section .rela.fpv_klp.text=.klp.rela.fpv_test..fpv_klp.text \
	--symbol fpv_klp_placeholder_late_value=.klp.sym.fpv_test.fpv_late_value,0 ||
	die "fpv_klp_late.ko: no livepatch relocations"
{
	echo "dir /dev 0755 0 0"
	echo "nod /dev/console 0600 0 0 c 5 1"
	for d in bin usr usr/local usr/local/bin fpv selftests selftests/livepatch \
		 selftests/livepatch/test_modules; do
		echo "dir /$d 0755 0 0"
	done
	echo "file /init $top/kernel/guest/init 0755 0 0"
	echo "file /bin/busybox $guest/x/bin/busybox 0755 0 0"
	echo "slink /bin/sh busybox 0777 0 0"
	echo "file /bin/bash $guest/x/bin/bash-static 0755 0 0"
	for w in date sysctl getconf modinfo; do
		echo "file /usr/local/bin/$w $top/kernel/guest/$w 0755 0 0"
	done
	echo "file /usr/local/bin/insmod $guest/insmod 0755 0 0"
	echo "file /bin/stat $top/kernel/guest/stat 0755 0 0"
	echo "file /fpv/fpv_test.ko $out/samples/fpv/fpv_test.ko 0644 0 0"
	echo "file /fpv/livepatch-sample.ko $out/samples/livepatch/livepatch-sample.ko 0644 0 0"
	echo "file /fpv/fpv_klp_late.ko $guest/fpv_klp_late.ko 0644 0 0"
	for f in "$st"/functions.sh "$st"/test-*.sh; do
		echo "file /selftests/livepatch/$(basename "$f") $f 0755 0 0"
	done
	echo "file /selftests/livepatch/test_klp-call_getpid $guest/call_getpid 0755 0 0"
	for f in "$st"/test_modules/*.ko; do
		echo "file /selftests/livepatch/test_modules/$(basename "$f") $f 0644 0 0"
	done
} > "$guest/initramfs.list"
"$out/usr/gen_init_cpio" "$guest/initramfs.list" > "$guest/initramfs.cpio" ||
	die "gen_init_cpio failed"
nr_scripts=$(ls "$st"/test-*.sh | wc -l)

# --- three boots with 4 CPUs: "irq" with one instruction per translation
# block (the timer can land on any instruction: prologues, epilogues),
# "load" at full speed (transitions under load), "selftests".
# QEMU 7.2's multi-threaded TCG can go on running its translation of
# kernel text that another vCPU has since patched: with ftrace's call in
# __arm64_sys_getpid in the guest's memory, test-syscall.sh's four
# hammerers, calling getpid all the time, went on running the old NOP for
# the test's whole minute, until a write elsewhere in that code made QEMU
# translate it again (in 5 of 25 patchings; QEMU 10.0: 0 of 30).  So with QEMU before 10, the selftests
# run their 4 CPUs on one host thread, where that cannot happen; the other
# boots keep parallel vCPUs, whose timing is closer to hardware's ---
qver=$("$qemu" --version | sed -n 's/^QEMU emulator version \([0-9]*\)\..*/\1/p')
tcg_selftests=tcg,thread=multi
[ "${qver:-0}" -ge 10 ] || tcg_selftests=tcg,thread=single
single=-singlestep
"$qemu" -accel tcg,help 2>&1 | grep -q one-insn-per-tb &&
	single="-accel tcg,one-insn-per-tb=on"
say "$("$qemu" --version | head -1)"
boot() {	# boot PHASE QEMU-OPTIONS...
	ph=$1; shift
	say "booting phase $ph ($*)"
	tb=$(date +%s)
	timeout "${QEMU_TIMEOUT:-1800}" "$qemu" -M virt -cpu max -smp $cpus -m 1G \
		-nographic -nic none -no-reboot "$@" \
		-kernel "$out/arch/arm64/boot/Image" -initrd "$guest/initramfs.cpio" \
		-append "console=ttyAMA0 panic=-1 fpv.phase=$ph" > "$dir/console-$ph.log" 2>&1 || true
	say "phase $ph: QEMU ran $(( $(date +%s) - tb ))s; console in $dir/console-$ph.log"
	grep -E '^(\[[ 0-9.]*\] )?(fpv|fpv-init|fpv_test|livepatch)[:_ -]' "$dir/console-$ph.log" |
		sed 's/^\[[ 0-9.]*\] //' >&2 || true
}
t0=$(date +%s)
boot irq $single
boot load
boot selftests -accel $tcg_selftests
t_boot=$(( $(date +%s) - t0 ))

# --- summary ---
cat "$dir/console-irq.log" "$dir/console-load.log" "$dir/console-selftests.log" |
	tr -d '\r' > "$dir/console.log"
field() {	# field LINE-PATTERN NAME
	grep -E "$1" "$dir/console.log" | tail -1 | tr ' ' '\n' | sed -n "s/^$2=//p"
}
sum() {	# sum LINE-PATTERN NAME: NAME's values on every matching line, added
	grep -E "$1" "$dir/console.log" | tr ' ' '\n' | sed -n "s/^$2=//p" |
		awk '{ s += $1 } END { if (NR) print s }'
}
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)] }'; }
trans() {	# the median patch time of RULE, or "timeout" if none completed
	ms=$(grep "fpv-init: transition rule=$1 " "$dir/console.log" | tr ' ' '\n' |
		sed -n 's/^patch_ms=//p')
	n=$(echo "$ms" | grep -c .)
	done_ms=$(echo "$ms" | grep -E '^[0-9]+$' || true)
	if [ -z "$done_ms" ]; then
		echo timeout
	elif [ "$(echo "$done_ms" | grep -c .)" -lt "$n" ]; then
		# some timed out: the median over all, a timeout counting as longest
		echo "$ms" | sed 's/^timeout$/999999999/' | median | sed 's/^999999999$/timeout/'
	else
		echo "$done_ms" | median
	fi
}
tasks=$(sum 'fpv_test: tasks load:' tasks)
rel=$(sum 'fpv_test: tasks load:' fpv_reliable)
ref=$(sum 'fpv_test: tasks load:' fpv_refused)
ncpu=$(field 'fpv-init: start phase=load' cpus)
ip=0; iq=0; wrong=0
for t in irq 'irq kretprobe' 'irq fgraph'; do
	p=$(field "fpv_test: $t:" proven); q=$(field "fpv_test: $t:" refused)
	w=$(field "fpv_test: $t:" wrong)
	if [ -z "$p" ] || [ -z "$q" ] || [ -z "$w" ]; then
		say "FAIL: no figures from '$t'"; ip=; wrong="?"; break
	fi
	ip=$(( ip + p )); iq=$(( iq + q )); wrong=$(( wrong + w ))
done
passed=$(grep -c 'fpv-init: selftest .*: pass' "$dir/console.log" || true)
lp=failed
grep -q 'fpv-init: livepatch=ok' "$dir/console.log" &&
	grep -q 'fpv-init: livepatch cmdline=ok' "$dir/console.log" && lp=ok
corrupt_ok=$(grep -c 'fpv_test: corrupt .*: fpv=refused' "$dir/console.log" || true)
tf=$(trans fpv); tm=$(trans mainline)

printf '%-26s %s\n' "blocked tasks under load" \
	"$tasks walks in $(grep -c 'fpv_test: tasks load:' "$dir/console.log") snapshots ($(sum 'fpv_test: tasks load:' running) running, skipped): fpv $rel reliable, $ref refused; mainline rule $(sum 'fpv_test: tasks load:' fp_reliable) reliable" >&2
printf '%-26s %s\n' "  with an exception frame" \
	"$(sum 'fpv_test: tasks load:' eframe): fpv proves $(sum 'fpv_test: tasks load:' eframe_proven), refuses $(sum 'fpv_test: tasks load:' eframe_refused); mainline's rule refuses all" >&2
grep 'fpv-init: transition ' "$dir/console.log" | sed 's/^.*fpv-init: /  /' >&2

status=0
[ "${ncpu:-0}" = $cpus ] || { say "FAIL: the guest saw ${ncpu:-no} CPUs, not $cpus"; status=1; }
[ -n "$tasks" ] && [ "${tasks:-0}" -gt 0 ] || { say "FAIL: no task figures"; status=1; }
[ -n "$ip" ] || { say "FAIL: no interrupt figures"; status=1; }
[ "$wrong" = 0 ] || { say "FAIL: wrong traces called reliable (or no figures)"; status=1; }
[ "$corrupt_ok" = 2 ] || { say "FAIL: a corrupted frame record was not refused"; status=1; }
[ "$passed" = "$nr_scripts" ] || { say "FAIL: selftests passed $passed of $nr_scripts"; status=1; }
[ "$lp" = ok ] || { say "FAIL: live patch"; status=1; }
grep -q 'fpv-init: late relocation=ok' "$dir/console.log" ||
	{ say "FAIL: the live patch with late relocations"; status=1; }
say "total $(( $(date +%s) - t_start ))s (build ${t_build}s, QEMU ${t_boot}s)"
echo "kernel: version=$version cpus=${ncpu:-0} tasks=${tasks:-0} reliable=${rel:-0} refused=${ref:-0} interrupted_proven=${ip:-0} interrupted_refused=${iq:-0} wrong=${wrong:-?} selftests=$passed/$nr_scripts livepatch=$lp transition_fpv_ms=$tf transition_mainline_ms=$tm"
exit $status
