#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The documented make targets from an empty build directory, and the
# installed tree on its own.  In a fresh O= directory, in this order, each
# target building what it needs with no other step before it:
#   make reliability SAMPLES=200   (needs fpv, libfpv and the libc copy with
#                                   tables: the matrix must run all 18 programs
#                                   with no false-reliable trace, none hung)
#   make corpus                    (then `make -q corpus` says up to date)
#   make libfpv                    (libfpv.a, libfpv.so.X.Y.Z, libfpv.pc)
#   make install DESTDIR=D PREFIX=/usr
# Then, from D alone: `fpv --version`; the shared library's soname; the
# README's example (tests/runtime/example.c, copied out of the tree) built
# by the cross compiler with nothing but `pkg-config --cflags --libs libfpv`
# (PKG_CONFIG_SYSROOT_DIR=D, PKG_CONFIG_LIBDIR=D's pkgconfig directory), given
# its tables by D's fpv, and run under qemu-aarch64 against D's libfpv.so
# and the libc copy with tables: both of its traces reliable.  Last,
# `make uninstall` leaves no file behind.
# Environment: O (build dir), INSTALL_TEST_JOBS (make -j, default 2),
# GT_TIMEOUT (seconds per ground-truth program, default 120).
O=${O:-build}
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
mkdir -p "$O/tests/install"
work=$(cd "$O/tests/install" && pwd)
fresh=$work/o
dest=$work/dest
rm -rf "$fresh" "$dest" "$work/ex"
mkdir -p "$fresh" "$work/ex"

# The outer make's flags and command-line variables (O=, DESTDIR=...) must
# not reach the inner one.
unset MAKEFLAGS MFLAGS MAKELEVEL MAKEOVERRIDES
# Each of the 18 programs takes about 11 samples here, a few seconds: bound
# them well below the matrix's default, so a stuck one fails this test early.
GT_TIMEOUT=${GT_TIMEOUT:-120}
export GT_TIMEOUT
run_make() {
	log=$work/make-$1.log
	shift
	nice -n 10 make -C "$top" --no-print-directory -j"${INSTALL_TEST_JOBS:-2}" O="$fresh" "$@" > "$log" 2>&1
}
fail() { echo "FAIL: install: $1"; [ -f "${2:-}" ] && tail -8 "$2" | sed 's/^/  /'; }

run_make reliability reliability SAMPLES=200
last=$(tail -1 "$work/make-reliability.log")
field() { echo "$last" | tr ' ' '\n' | sed -n "s/^$1=//p"; }
if [ "$(field samples)" = 200 ] && [ "$(field false_reliable)" = 0 ] && [ "$(field orc_false_reliable)" = 0 ] &&
   grep -q '^programs=18 failed=0 hung=0$' "$work/make-reliability.log"; then
	echo "PASS: install: make reliability SAMPLES=200 from an empty O= ($last)"
else
	fail "make reliability SAMPLES=200 from an empty O=" "$work/make-reliability.log"
fi

if run_make corpus corpus && make -C "$top" --no-print-directory -q O="$fresh" corpus; then
	echo "PASS: install: make corpus ($(find "$fresh/corpus" -name '*.o' | wc -l) objects)"
else
	fail "make corpus" "$work/make-corpus.log"
fi

A64=$fresh/aarch64
if run_make libfpv libfpv && [ -f "$A64/libfpv.a" ] && [ -f "$A64/libfpv.pc" ] &&
   [ -f "$A64/libfpv.so" ] && [ -L "$A64/libfpv.so" ]; then
	echo "PASS: install: make libfpv"
else
	fail "make libfpv" "$work/make-libfpv.log"
fi

version=$(sed -n 's/^#define FPV_VERSION "\(.*\)"$/\1/p' "$top/include/fpv/version.h")
libdir=$dest/usr/lib/aarch64-linux-gnu
missing=
if run_make install install DESTDIR="$dest" PREFIX=/usr; then
	for f in usr/bin/fpv usr/share/man/man1/fpv.1 usr/share/man/man3/libfpv.3 \
		 usr/include/fpv/unwind.h usr/include/fpv/orc.h usr/include/fpv/orc_lookup.h \
		 usr/include/fpv/version.h usr/lib/aarch64-linux-gnu/libfpv.a \
		 "usr/lib/aarch64-linux-gnu/libfpv.so.$version" usr/lib/aarch64-linux-gnu/libfpv.so \
		 usr/lib/aarch64-linux-gnu/pkgconfig/libfpv.pc; do
		[ -e "$dest/$f" ] || missing="$missing $f"
	done
	if [ -z "$missing" ]; then
		echo "PASS: install: make install DESTDIR=D PREFIX=/usr ($(find "$dest" -type f | wc -l) files)"
	else
		fail "make install: missing$missing"
	fi
else
	fail "make install" "$work/make-install.log"
fi

if [ "$("$dest/usr/bin/fpv" --version 2>&1)" = "fpv $version" ]; then
	echo "PASS: install: installed fpv --version is \"fpv $version\""
else
	fail "installed fpv --version: $("$dest/usr/bin/fpv" --version 2>&1)"
fi

# soname X.Y while X is 0, else X (the Makefile's rule); the link chain ends at the file
major=${version%%.*}
rest=${version#*.}
if [ "$major" = 0 ]; then soversion=0.${rest%%.*}; else soversion=$major; fi
soname=$(aarch64-linux-gnu-readelf -d "$libdir/libfpv.so.$version" 2>/dev/null | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
if [ "$soname" = "libfpv.so.$soversion" ] && [ -L "$libdir/libfpv.so.$soversion" ] &&
   [ "$(readlink -f "$libdir/libfpv.so")" = "$(readlink -f "$libdir/libfpv.so.$version")" ]; then
	echo "PASS: install: libfpv.so.$version has soname $soname"
else
	fail "libfpv.so soname: '$soname', expected libfpv.so.$soversion"
fi

# The README's example, built from the installed tree alone.
ex=$work/ex/example
cp "$top/tests/runtime/example.c" "$work/ex/"
flags=$(PKG_CONFIG_SYSROOT_DIR=$dest PKG_CONFIG_LIBDIR=$libdir/pkgconfig pkg-config --cflags --libs libfpv 2> "$ex.log")
if [ -n "$flags" ] && (cd "$work/ex" && aarch64-linux-gnu-gcc -O2 -fno-omit-frame-pointer example.c $flags -o example) >> "$ex.log" 2>&1 &&
   "$dest/usr/bin/fpv" orc "$ex" >> "$ex.log" 2>&1 &&
   aarch64-linux-gnu-readelf -d "$ex" | grep -q "NEEDED.*\[libfpv.so.$soversion\]" &&
   qemu-aarch64 -L "$fresh/runtime/sysroot" -E LD_LIBRARY_PATH="$libdir" "$ex" > "$ex.out" 2>&1 &&
   grep -q '^current: reliable' "$ex.out" && grep -q '^signal: reliable' "$ex.out"; then
	echo "PASS: install: the README example built with pkg-config ($flags) runs reliable against the installed libfpv.so"
else
	fail "the README example from the installed tree (flags: $flags)"
	cat "$ex.log" "$ex.out" 2> /dev/null | tail -8 | sed 's/^/  /'
fi

if run_make uninstall uninstall DESTDIR="$dest" PREFIX=/usr &&
   [ -z "$(find "$dest" ! -type d)" ]; then
	echo "PASS: install: make uninstall removes every installed file"
else
	fail "make uninstall: left $(find "$dest" ! -type d 2> /dev/null | head -5 | tr '\n' ' ')" "$work/make-uninstall.log"
fi
