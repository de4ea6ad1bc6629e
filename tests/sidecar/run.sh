#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Sidecar tables (fpv orc --sidecar, fpv dump --sidecar, libfpv's
# FPV_TABLE_PATH), on the cross toolchain's own libc.so.6, which stays
# untouched:
#   - fpv orc --sidecar leaves libc.so.6 byte-identical and writes
#     DIR/.build-id/NN/REST.fpv under the build-id readelf shows;
#   - fpv dump --sidecar (records and --funcs) prints exactly what fpv dump
#     prints for a copy of libc rewritten by fpv orc;
#   - refusals, one line naming the file: a relocatable object, a program
#     linked without a build-id, dump of a file with its own tables, a
#     missing sidecar, a sidecar whose build-id differs, a corrupt, a
#     truncated and a random one;
#   - at run time (tests/runtime/example.c under qemu-aarch64 against the
#     unmodified libc): no sidecar gives NO_ORC, a good one reliable traces,
#     a stale one (build-id changed) SIDECAR_STALE, a corrupt one
#     (.fpv_orc magic broken), truncated or random one SIDECAR_BAD, a stale
#     one before a good one in FPV_TABLE_PATH reliable traces.
# Environment: O (build dir), FPV.
O=${O:-build}
FPV=${FPV:-$O/fpv}
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
mkdir -p "$O/tests/sidecar"
w=$(cd "$O/tests/sidecar" && pwd)
libc=/usr/aarch64-linux-gnu/lib/libc.so.6
rm -rf "$w/good" "$w/stale" "$w/bad" "$w/none" "$w/truncated" "$w/garbage"

fail() { echo "FAIL: sidecar: $1"; shift; for f in "$@"; do [ -f "$f" ] && head -5 "$f" | sed 's/^/  /'; done; }

id=$(aarch64-linux-gnu-readelf -n "$libc" | sed -n 's/.*Build ID: \([0-9a-f]*\)$/\1/p')
rest=${id#??}
nn=${id%"$rest"}
side=$w/good/.build-id/$nn/$rest.fpv
before=$(sha256sum < "$libc")
if "$FPV" orc --sidecar="$w/good" "$libc" > "$w/orc.log" 2>&1 && [ -n "$id" ] && [ -f "$side" ] &&
   [ "$(sha256sum < "$libc")" = "$before" ]; then
	echo "PASS: sidecar: fpv orc --sidecar leaves libc.so.6 byte-identical, tables in .build-id/$nn/$rest.fpv"
else
	fail "fpv orc --sidecar on libc.so.6 (build-id '$id')" "$w/orc.log"
fi

cp "$libc" "$w/libc.so.6"
"$FPV" orc "$w/libc.so.6" 2> /dev/null
for mode in "" --funcs; do
	"$FPV" dump $mode "$w/libc.so.6" > "$w/dump-copy$mode.txt" 2>&1
	"$FPV" dump $mode --sidecar="$w/good" "$libc" > "$w/dump-side$mode.txt" 2>&1
	if [ -s "$w/dump-copy$mode.txt" ] && cmp -s "$w/dump-copy$mode.txt" "$w/dump-side$mode.txt"; then
		echo "PASS: sidecar: fpv dump ${mode:+$mode }--sidecar equals the rewritten copy ($(wc -l < "$w/dump-side$mode.txt") lines)"
	else
		fail "fpv dump ${mode:+$mode }--sidecar differs from the rewritten copy" "$w/dump-side$mode.txt"
	fi
done

# refusals: exit 1 and one line "fpv: FILE: ..." on stderr
refuse() {	# NAME EXPECTED-SUBSTRING COMMAND...
	name=$1 want=$2
	shift 2
	"$@" > "$w/refuse.out" 2> "$w/refuse.err"
	rc=$?
	if [ $rc = 1 ] && [ "$(wc -l < "$w/refuse.err")" = 1 ] && grep -q "^fpv: .*$want" "$w/refuse.err" &&
	   [ ! -s "$w/refuse.out" ]; then
		echo "PASS: sidecar: refused: $name ($(cat "$w/refuse.err"))"
	else
		fail "refused: $name (exit $rc)" "$w/refuse.err"
	fi
}
printf 'int f(int x) { return x + 1; }\nint main(void) { return f(0); }\n' > "$w/p.c"
aarch64-linux-gnu-gcc -O2 -c "$w/p.c" -o "$w/p.o"
aarch64-linux-gnu-gcc -O2 -Wl,--build-id=none "$w/p.c" -o "$w/noid"
refuse "relocatable object" "executables and shared libraries" "$FPV" orc --sidecar="$w/none" "$w/p.o"
refuse "no build-id" "no GNU build-id" "$FPV" orc --sidecar="$w/none" "$w/noid"
refuse "dump of a file with its own tables" "its own ORC tables" "$FPV" dump --sidecar="$w/good" "$w/libc.so.6"
refuse "missing sidecar" "no sidecar tables" "$FPV" dump --sidecar="$w/none" "$libc"
# stale: the same path, another build-id in the note (its first byte changed)
mkdir -p "$w/stale/.build-id/$nn" "$w/bad/.build-id/$nn"
cp "$side" "$w/stale/.build-id/$nn/"
cp "$side" "$w/bad/.build-id/$nn/"
# offset_of SECTION: its file offset in the sidecar, in hex
offset_of() { aarch64-linux-gnu-readelf -S -W "$side" | sed -n "s/.*\] $1 *[A-Z]* *[0-9a-f]* \([0-9a-f]*\) .*/\1/p"; }
off=$(offset_of .note.gnu.build-id)
printf '\377' | dd of="$w/stale/.build-id/$nn/$rest.fpv" bs=1 seek=$((0x$off + 16)) conv=notrunc 2> /dev/null
off=$(offset_of .fpv_orc)
printf 'XXXX' | dd of="$w/bad/.build-id/$nn/$rest.fpv" bs=1 seek=$((0x$off)) conv=notrunc 2> /dev/null
refuse "sidecar of another build" "build-id differs" "$FPV" dump --sidecar="$w/stale" "$libc"
refuse "corrupt sidecar" "$rest.fpv: not a valid sidecar: .fpv_orc" "$FPV" dump --sidecar="$w/bad" "$libc"
# cut short (section headers gone) and not ELF at all
for kind in truncated garbage; do
	mkdir -p "$w/$kind/.build-id/$nn"
	if [ $kind = truncated ]; then
		head -c 4096 "$side" > "$w/$kind/.build-id/$nn/$rest.fpv"
	else
		head -c 4096 /dev/urandom > "$w/$kind/.build-id/$nn/$rest.fpv"
	fi
	refuse "$kind sidecar" "$rest.fpv: not a valid sidecar" "$FPV" dump --sidecar="$w/$kind" "$libc"
done
if "$FPV" orc --sidecar="$w/none" "$w/libc.so.6" > /dev/null 2>&1 || [ -e "$w/none" ]; then
	fail "a file with its own tables gets no sidecar"
else
	echo "PASS: sidecar: a file with its own tables gets no sidecar"
fi

if ! command -v qemu-aarch64 > /dev/null; then
	echo "SKIP: sidecar: run time (no qemu-aarch64)"
	exit 0
fi
ex=$w/example
if ! aarch64-linux-gnu-gcc -O2 -fno-omit-frame-pointer -I"$top/include" "$top/tests/runtime/example.c" \
	"$O/aarch64/libfpv.a" -o "$ex" > "$w/example.log" 2>&1 || ! "$FPV" orc "$ex" >> "$w/example.log" 2>&1; then
	fail "run time: building the example" "$w/example.log"
	exit 0
fi
run() {	# NAME FPV_TABLE_PATH EXPECTED (reliable, or the reason's text)
	FPV_TABLE_PATH=$2 qemu-aarch64 -L /usr/aarch64-linux-gnu "$ex" > "$w/run.out" 2>&1
	if [ "$3" = reliable ]; then
		grep -q '^current: reliable$' "$w/run.out" && grep -q '^signal: reliable$' "$w/run.out"
	else
		grep -q "^current: unreliable at frame [0-9]*: $3" "$w/run.out" &&
			grep -q "^signal: unreliable at frame [0-9]*: $3" "$w/run.out"
	fi
	if [ $? = 0 ]; then
		echo "PASS: sidecar: run time, $1: $3"
	else
		fail "run time, $1: expected $3" "$w/run.out"
	fi
}
run "no sidecar" "$w/none" "no ORC record for pc"
run "sidecar for the unmodified libc" "$w/none:$w/good" reliable
run "stale sidecar" "$w/stale" "the object's sidecar tables are for another build"
run "corrupt sidecar" "$w/bad" "the object's sidecar tables are unreadable or corrupt"
run "truncated sidecar" "$w/truncated" "the object's sidecar tables are unreadable or corrupt"
run "sidecar that is not ELF" "$w/garbage" "the object's sidecar tables are unreadable or corrupt"
run "stale sidecar, then a good one" "$w/stale:$w/good" reliable
