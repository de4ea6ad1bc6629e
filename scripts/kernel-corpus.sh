#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Build the kernel corpus that the longer tests and the benchmarks use: the
# objects of linux-source-6.1's kernel/, mm/ and lib/ for a defconfig build.
#
#   scripts/kernel-corpus.sh [arm64|arm64-clang|x86]   (default arm64)
#
# The source is unpacked once into $FPV_KERNEL_DIR/src (default
# build/kernel), and each flavour gets its own out-of-tree build directory
# $FPV_KERNEL_DIR/<flavour>.  Objects for x86 exist only so that objtool can be
# measured on the same sources (bench/).  About 4.5 minutes per flavour on 2 cores.
set -e
flavour=${1:-arm64}
top=$(cd "$(dirname "$0")/.." && pwd)
kdir=${FPV_KERNEL_DIR:-$top/build/kernel}
src=$kdir/src
out=$kdir/$flavour
jobs=${JOBS:-$(nproc)}

if [ ! -f /usr/src/linux-source-6.1.tar.xz ]; then
	if [ "$(id -u)" = 0 ]; then
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq linux-source-6.1 bc bison flex libssl-dev >&2
	else
		echo "fpv: needs linux-source-6.1: apt-get install linux-source-6.1 bc bison flex libssl-dev" >&2
		exit 1
	fi
fi
for p in bc bison flex; do
	command -v $p >/dev/null || {
		[ "$(id -u)" = 0 ] && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq bc bison flex libssl-dev >&2 ||
		{ echo "fpv: needs $p" >&2; exit 1; }
	}
done

if [ ! -f "$src/Makefile" ]; then
	mkdir -p "$kdir"
	rm -rf "$src.tmp"
	mkdir -p "$src.tmp"
	tar -xJf /usr/src/linux-source-6.1.tar.xz -C "$src.tmp" --strip-components=1
	mv "$src.tmp" "$src"
fi

if [ "$flavour" = arm64-clang ] && ! command -v ld.lld-16 >/dev/null; then
	if [ "$(id -u)" = 0 ]; then
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq clang-16 lld-16 llvm-16 >&2
	else
		echo "fpv: needs clang-16, lld-16, llvm-16: apt-get install clang-16 lld-16 llvm-16" >&2
		exit 1
	fi
fi

case $flavour in
arm64)		set -- ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu- ;;
arm64-clang)	set -- ARCH=arm64 LLVM=-16 ;;
x86)		set -- ARCH=x86_64 ;;
*)		echo "fpv: unknown flavour $flavour" >&2; exit 2 ;;
esac

mkdir -p "$out"
[ -f "$out/.config" ] || make -s -C "$src" O="$out" "$@" defconfig
make -s -C "$src" O="$out" "$@" -j"$jobs" prepare
make -s -C "$src" O="$out" "$@" -j"$jobs" kernel/ mm/ lib/ || true
n=$(find "$out/kernel" "$out/mm" "$out/lib" -name '*.o' ! -name '*.mod.o' ! -name 'built-in.a' | wc -l)
echo "fpv: $flavour kernel corpus: $n objects in $out"
