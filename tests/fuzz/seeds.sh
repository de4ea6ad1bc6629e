#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Build the fuzz seed corpora from real compiler output (nothing here is
# committed): tests/fuzz/fixture.c and the bundled corpus sources
# (corpus/*.c) compiled by GCC and Clang at -O0/-O2, with and without frame
# pointers and PAC, as objects (plain, -ffunction-sections, with .sframe,
# with .debug_frame instead of .eh_frame), linked executables and shared
# libraries; then the same files after `fpv orc` (objects: .orc_unwind*,
# linked programs: .fpv_orc standard and compact) and a program linked from
# ORC-carrying objects; the sidecars of linked fixtures (fpv orc --sidecar);
# the golden fixtures with Go's function table and a compressed
# .debug_frame.  seedgen cuts them into per-target containers; the ELF
# target takes the files whole.  Objects already built into $O/corpus
# are used as well.  A kernel object or two (build/kernel/arm64) is added
# when present.
#
# usage: seeds.sh FPV SEEDGEN OUTDIR

set -u
FPV=$1 SEEDGEN=$2 OUT=$3
here=$(dirname "$0")
root=$here/../..
w=$OUT/work
rm -rf "$OUT"
mkdir -p "$w" "$OUT/elf"

GCC=aarch64-linux-gnu-gcc
CLANG="clang --target=aarch64-linux-gnu"
command -v $GCC >/dev/null || { echo "seeds.sh: $GCC missing" >&2; exit 1; }

srcs="$here/fixture.c"
for s in "$root"/corpus/*.c; do [ -f "$s" ] && srcs="$srcs $s"; done

n=0
build() {	# build NAME CC FLAGS...: objects and, for the fixture, programs
	name=$1 cc=$2
	shift 2
	for s in $srcs; do
		b=$(basename "$s" .c)-$name
		$cc "$@" -c -o "$w/$b.o" "$s" 2>/dev/null || continue
		$cc "$@" -ffunction-sections -c -o "$w/$b-fs.o" "$s" 2>/dev/null
		n=$((n + 1))
	done
	$cc "$@" -o "$w/fixture-$name" "$here/fixture.c" 2>/dev/null
	$cc "$@" -fPIC -shared -o "$w/fixture-$name.so" "$here/fixture.c" 2>/dev/null
}

build gcc-O0 "$GCC" -O0
build gcc-O2 "$GCC" -O2 -fno-omit-frame-pointer
build gcc-O2-pac "$GCC" -O2 -mbranch-protection=standard
build gcc-O2-nofp "$GCC" -O2 -fomit-frame-pointer
build gcc-O2-sframe "$GCC" -O2 -Wa,--gsframe
build gcc-O1-dbgframe "$GCC" -O1 -g -fno-asynchronous-unwind-tables -fno-unwind-tables
build clang-O0 "$CLANG" -O0
build clang-O2 "$CLANG" -O2 -fno-omit-frame-pointer
build clang-O2-pac "$CLANG" -O2 -mbranch-protection=standard
[ "$n" -gt 0 ] || { echo "seeds.sh: nothing compiled" >&2; exit 1; }

# ORC: objects and programs after fpv orc, and a program linked from them.
for f in "$w"/fixture-gcc-O2.o "$w"/fixture-clang-O2.o "$w"/fixture-gcc-O2-pac.o; do
	[ -f "$f" ] || continue
	cp "$f" "${f%.o}-orc.o" && "$FPV" orc "${f%.o}-orc.o" 2>/dev/null
done
[ -f "$w/fixture-gcc-O2-orc.o" ] && $GCC -o "$w/fixture-linked-orc" "$w/fixture-gcc-O2-orc.o" 2>/dev/null
for f in "$w"/fixture-gcc-O2 "$w"/fixture-clang-O2-pac; do
	[ -f "$f" ] || continue
	cp "$f" "$f-orc" && "$FPV" orc "$f-orc" 2>/dev/null
	cp "$f" "$f-orcc" && "$FPV" orc --compact "$f-orcc" 2>/dev/null
done

# Go's function table (a binary, a PIE, one GNU ld linked) and a compressed
# .debug_frame: the golden fixtures that carry them, built by their own
# "build:" lines.
g=$(cd "$root/tests/golden" && pwd)
for name in go_pclntab go_pie go_pie_ext debug_frame_z; do
	cmd=$(sed -n 's|^[/#* ]*build: *||p' "$g/$name.s" | head -1 |
	      sed "s|\$SRC|$g/$name.s|g; s|\$OBJ|$name|g")
	(cd "$w" && eval "$cmd") >/dev/null 2>&1 || echo "seeds.sh: $name: build failed" >&2
done

files=$(ls "$w"/* 2>/dev/null)
for f in "$root"/build/kernel/arm64/kernel/sched/core.o "$root"/build/kernel/arm64/lib/sort.o \
	 "$root"/build/kernel/arm64/mm/mempool.o; do
	[ -f "$f" ] && files="$files $f"
done
for f in "${O:-build}"/corpus/*.o; do [ -f "$f" ] && files="$files $f"; done

"$SEEDGEN" "$OUT" $files || exit 1

# The sidecar target takes whole sidecars: those of the linked fixtures.
mkdir -p "$OUT/sidecar"
for f in "$w"/fixture-gcc-O2 "$w"/fixture-clang-O2-pac "$w"/fixture-gcc-O0.so; do
	[ -f "$f" ] && "$FPV" orc --sidecar="$w/sc" "$f" 2>/dev/null
done
for f in "$w"/sc/.build-id/*/*.fpv; do
	[ -f "$f" ] && cp "$f" "$OUT/sidecar/$(basename "$f")"
done

# The ELF target takes whole files; keep them small enough for quick runs.
for f in $files; do
	[ "$(stat -c %s "$f")" -le 262144 ] && cp "$f" "$OUT/elf/$(basename "$f")"
done
rm -rf "$w"
echo "seeds.sh: $(ls "$OUT"/*/ | grep -vc ':$') seed files in $OUT"
