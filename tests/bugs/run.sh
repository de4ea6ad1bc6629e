#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The compiler and assembler bugs of docs/bugs/: each reproducer here is
# built with every version the report says was tried, and `fpv xcheck` must
# find exactly the disagreements the report describes (the benign classes
# fp-restored, ra-restored, fp-in-reg and ra-in-reg left out).  A version
# that is fixed, or a new one that breaks, changes the set and fails the
# test: then update the report (affected versions) and this list.
O=${O:-build}
here=$(cd "$(dirname "$0")" && pwd)
FPV=$(cd "$O" && pwd)/fpv
dir=$O/tests/bugs
mkdir -p "$dir"

# sites OBJ: "func+off:witness:class ..." of OBJ's non-benign disagreements;
# "xcheck failed" when fpv fails or compares nothing with DWARF, so that an
# empty list always means a comparison that found nothing
sites() {
	if ! "$FPV" xcheck "$1" > "$dir/xcheck.out" 2>&1 ||
	   ! grep -q ': dwarf ([^)]*): [1-9][0-9]* compared' "$dir/xcheck.out"; then
		echo "xcheck failed"
		return
	fi
	sed -n 's/^[^ ]*: \([^ ]*\) ([^)]*): \([a-z]*\): \([a-z-]*\): .*/\1:\2:\3/p' "$dir/xcheck.out" |
		grep -Ev ':(fp|ra)-(restored|in-reg)$' | tr '\n' ' ' | sed 's/ $//'
}

# bug REPORT SOURCE "TOOL FLAGS" "EXPECTED SITES"
bug() {
	report=$1 src=$2 cmd=$3 want=$4
	tool=${cmd%% *}
	name="bugs: $report: $src, $tool"
	[ -f "$here/../../docs/bugs/$report.md" ] || { echo "FAIL: $name (no docs/bugs/$report.md)"; return; }
	obj=$dir/${src%.*}-$tool.o
	case $src in
	*.s) $cmd -o "$obj" "$here/$src" 2> "$dir/err" ;;
	*) $cmd -c -o "$obj" "$here/$src" 2> "$dir/err" ;;
	esac || { echo "FAIL: $name (does not build)"; sed 's/^/  /' "$dir/err"; return; }
	got=$(sites "$obj")
	if [ "$got" = "$want" ]; then
		echo "PASS: $name: ${want:-no disagreement}"
	else
		echo "FAIL: $name: the compiler's output changed (docs/bugs/$report.md)"
		echo "  want: ${want:-no disagreement}"
		echo "  got:  ${got:-no disagreement}"
	fi
}

CLANG="--target=aarch64-linux-gnu -O2"
SYNC="-fno-omit-frame-pointer -fno-asynchronous-unwind-tables -fno-unwind-tables -g"

# clang 14: prologue described after its last instruction, epilogue not at all
bug clang14-late-prologue-cfi clang14-cfi.c "clang-14 $CLANG -fomit-frame-pointer" \
	"f+0x4:dwarf:cfa-offset f+0x8:dwarf:cfa-offset f+0xc:dwarf:cfa-offset f+0x10:dwarf:cfa-offset f+0x84:dwarf:cfa-stale-fp"
bug clang14-no-epilogue-cfi clang14-cfi.c "clang-14 $CLANG -fomit-frame-pointer" \
	"f+0x4:dwarf:cfa-offset f+0x8:dwarf:cfa-offset f+0xc:dwarf:cfa-offset f+0x10:dwarf:cfa-offset f+0x84:dwarf:cfa-stale-fp"
bug clang14-late-prologue-cfi clang14-cfi.c "clang-16 $CLANG -fomit-frame-pointer" ""
bug clang14-late-prologue-cfi clang14-cfi.c "clang-19 $CLANG -fomit-frame-pointer" ""

# clang with synchronous unwind tables: no epilogue CFI (14, 16, 19), and
# the prologue described after it (14, 19)
bug clang-sync-no-epilogue-cfi clang-sync-epilogue-cfi.c "clang-14 $CLANG $SYNC" \
	"callee+0x4:dwarf:cfa-offset callee+0x8:dwarf:cfa-offset callee+0x24:dwarf:cfa-stale-fp"
bug clang-sync-no-epilogue-cfi clang-sync-epilogue-cfi.c "clang-16 $CLANG $SYNC" \
	"callee+0x24:dwarf:cfa-stale-fp"
bug clang-sync-no-epilogue-cfi clang-sync-epilogue-cfi.c "clang-19 $CLANG $SYNC" \
	"callee+0x4:dwarf:cfa-offset callee+0x8:dwarf:cfa-offset callee+0x24:dwarf:cfa-stale-fp"

# clang 19: x30 described as saved before the STP that saves it
bug clang19-early-ra-cfi clang19-early-ra-cfi.c "clang-19 $CLANG -fomit-frame-pointer" \
	"f+0x4:dwarf:ra-slot f+0x8:dwarf:ra-slot f+0xc:dwarf:ra-slot f+0x10:dwarf:ra-slot f+0x14:dwarf:ra-slot f+0x18:dwarf:ra-slot f+0x1c:dwarf:ra-slot"
bug clang19-early-ra-cfi clang19-early-ra-cfi.c "clang-16 $CLANG -fomit-frame-pointer" ""

# GCC: CFA on x29 after the epilogue reloaded it
for v in 11 12; do
	bug gcc-stale-fp-cfa gcc-stale-fp-cfa.c "aarch64-linux-gnu-gcc-$v -O2 -fno-omit-frame-pointer" \
		"f+0x58:dwarf:cfa-stale-fp f+0x5c:dwarf:cfa-stale-fp"
done

# GNU as 2.40's SFrame
bug gas-sframe-cfa-reg gas-sframe-cfa-reg.s "aarch64-linux-gnu-as --gsframe" \
	"x9_cfa+0x8:sframe:sframe-cfa-reg x9_cfa+0xc:sframe:sframe-cfa-reg x9_cfa+0x10:sframe:sframe-cfa-reg"
bug gas-sframe-fp-as-ra gas-sframe-fp-as-ra.s "aarch64-linux-gnu-as --gsframe" \
	"fp_only+0x8:sframe:sframe-fp-as-ra"
bug gas-sframe-remember-state gas-sframe-remember-state.s "aarch64-linux-gnu-as --gsframe" \
	"remember+0x14:sframe:sframe-dwarf remember+0x18:sframe:sframe-dwarf"
