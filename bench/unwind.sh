#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Cost per frame of libfpv's validated walk against a plain frame-pointer
# walk (the lower bound), libfpv's ORC-driven walk, libgcc's
# _Unwind_Backtrace and libunwind's unw_backtrace, on the same deep stack in
# one process under qemu-aarch64 (bench/unwind_bench.c), with ratios.
# libunwind for arm64 comes from Debian: apt-get download of libunwind8,
# libunwind-dev and liblzma5 (arm64) unpacked into $O/bench/unwind/ (needs
# the arm64 architecture in dpkg and network access to the Debian mirror;
# without them the libunwind row is skipped and the reason printed).
# Targets: validated walk within 2x of the plain walk, >= 10x faster than
# libgcc.  Environment: O (build dir), DEPTH (64), ITER (2000).
O=${O:-build}
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
W=$O/bench/unwind
mkdir -p "$W"
W=$(cd "$W" && pwd)
DEPTH=${DEPTH:-64}
ITER=${ITER:-2000}
LIB=$O/aarch64/libfpv.a
[ -f "$LIB" ] || { echo "unwind: $LIB missing (make libfpv)"; exit 1; }

# libunwind (arm64) from the Debian archive, unpacked, never installed
lu=""
if [ ! -f "$W/debs/.ok" ]; then
	mkdir -p "$W/debs"
	if (cd "$W/debs" && apt-get download libunwind8:arm64 libunwind-dev:arm64 liblzma5:arm64) \
		> "$W/debs.log" 2>&1; then
		for d in "$W"/debs/*.deb; do dpkg-deb -x "$d" "$W/root"; done && touch "$W/debs/.ok"
	fi
fi
# a sysroot whose libc.so.6 carries fpv's ORC tables (libfpv walks to _start)
sys=$W/sysroot
rm -rf "$sys"
mkdir -p "$sys/lib/aarch64-linux-gnu"
for f in /usr/aarch64-linux-gnu/lib/* "$W"/root/usr/lib/aarch64-linux-gnu/*.so* \
	 "$W"/root/lib/aarch64-linux-gnu/*.so*; do
	[ -e "$f" ] && ln -sf "$f" "$sys/lib/aarch64-linux-gnu/"
done
ln -s /usr/aarch64-linux-gnu/lib/ld-linux-aarch64.so.1 "$sys/lib/ld-linux-aarch64.so.1"
rm "$sys/lib/aarch64-linux-gnu/libc.so.6"
cp /usr/aarch64-linux-gnu/lib/libc.so.6 "$sys/lib/aarch64-linux-gnu/libc.so.6"
"$O/fpv" orc "$sys/lib/aarch64-linux-gnu/libc.so.6" || exit 1
if [ -f "$W/debs/.ok" ]; then
	lu="-DHAVE_LIBUNWIND -I$W/root/usr/include/aarch64-linux-gnu -L$W/root/usr/lib/aarch64-linux-gnu -lunwind -Wl,-rpath-link,$W/root/lib/aarch64-linux-gnu:$W/root/usr/lib/aarch64-linux-gnu"
else
	echo "unwind: libunwind (arm64) not available: $(tail -1 "$W/debs.log")"
fi

bin=$W/unwind_bench
aarch64-linux-gnu-gcc -O2 -fno-omit-frame-pointer -I"$top/include" -o "$bin" \
	"$here/unwind_bench.c" "$LIB" $lu -lgcc_s > "$W/build.log" 2>&1 &&
	"$O/fpv" orc "$bin" >> "$W/build.log" 2>&1 || { cat "$W/build.log"; exit 1; }
qemu-aarch64 -L "$sys" "$bin" "$DEPTH" "$ITER" > "$W/out.txt" || { cat "$W/out.txt"; exit 1; }
awk -v depth="$DEPTH" '
{ ns[$1] = $2; fr[$1] = $3; order[n++] = $1 }
END {
	for (i = 0; i < n; i++)
		printf "unwind: %-14s %8.1f ns/frame (%d frames)  %.2fx plain-fp\n", order[i], ns[order[i]], fr[order[i]], ns[order[i]] / ns["plain-fp"]
	printf "unwind: fpv-validated / plain-fp = %.2f (target <= 2)\n", ns["fpv-validated"] / ns["plain-fp"]
	printf "unwind: libgcc / fpv-validated = %.1f (target >= 10)\n", ns["libgcc"] / ns["fpv-validated"]
	if ("libunwind" in ns)
		printf "unwind: libunwind / fpv-validated = %.1f\n", ns["libunwind"] / ns["fpv-validated"]
}' "$W/out.txt"
