#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The bad-input contract (README.md, "Commands"): every malformed
# input gets exactly one line on stderr that names the file and says what is
# wrong, a non-zero exit, and no crash (exit status below 128, no sanitizer
# report).  The bad files are generated here from real compiler output by
# gen.py (one field changed per file) or come straight from a compiler for
# the wrong target; none is committed.  Each file is opened by elfopen (the
# ELF layer alone) and by every fpv subcommand that reads ELF files and exists
# in this build (fpv --help lists them).  A control case checks that the
# unmodified inputs open cleanly, so a failure is the mutation's doing.
#
# Environment: O (build directory), FPV (the fpv binary).

O=${O:-build}
FPV=${FPV:-$O/fpv}
here=$(dirname "$0")
elfopen=$O/tests/badinput/elfopen
w=$O/tests/badinput/work

if [ ! -x "$elfopen" ]; then
	echo "FAIL: badinput: $elfopen not built"
	exit 0
fi
if ! command -v aarch64-linux-gnu-gcc >/dev/null || ! command -v python3 >/dev/null; then
	echo "SKIP: badinput (needs aarch64-linux-gnu-gcc and python3)"
	exit 0
fi
rm -rf "$w"
mkdir -p "$w/cases"

# The real inputs.
aarch64-linux-gnu-gcc -O2 -c -o "$w/base.o" "$here/base.c" &&
aarch64-linux-gnu-as -o "$w/group.o" "$here/group.s" &&
aarch64-linux-gnu-gcc -O2 -o "$w/base" "$here/base.c" &&
aarch64-linux-gnu-gcc -O2 -shared -fPIC -o "$w/base.so" "$here/base.c" &&
aarch64-linux-gnu-strip -o "$w/base-stripped.so" "$w/base.so" &&
aarch64-linux-gnu-as -o "$w/go.o" "$here/../golden/go_pclntab.s" &&
aarch64-linux-gnu-ld -s -e 0x400000 -Ttext=0x400000 -o "$w/go" "$w/go.o" &&
aarch64-linux-gnu-as --compress-debug-sections=zlib-gabi -o "$w/zdebug.o" "$here/../golden/debug_frame_z.s" &&
aarch64-linux-gnu-ld --compress-debug-sections=zlib-gabi -e f -o "$w/zdebug" "$w/zdebug.o" &&
aarch64-linux-gnu-gcc -O2 -c -o "$w/cases/data-only.o" "$here/notext.c" &&
gcc -O2 -c -o "$w/cases/x86-64.o" "$here/base.c" &&
clang --target=armv7a-linux-gnueabihf -O2 -c -o "$w/cases/arm32.o" "$here/base.c" &&
clang --target=aarch64_be-linux-gnu -O2 -c -o "$w/cases/aarch64-big-endian.o" "$here/base.c" ||
	{ echo "FAIL: badinput: cannot compile the base inputs"; exit 0; }
python3 "$here/gen.py" "$w" || { echo "FAIL: badinput: gen.py failed"; exit 0; }
printf 'does-not-exist\tNo such file or directory\n' >> "$w/cases.txt"
mkdir -p "$w/cases/a-directory.o"
printf 'a-directory.o\tnot a regular file\n' >> "$w/cases.txt"

# Controls: the unmodified inputs open.
ok=1
for f in base.o group.o base base.so base-stripped.so go zdebug; do
	"$elfopen" "$w/$f" >/dev/null 2>"$w/control.err" || { ok=0; sed 's/^/  /' "$w/control.err"; }
done
if [ $ok = 1 ]; then echo "PASS: badinput: control: unmodified inputs open"; else
	echo "FAIL: badinput: control: unmodified inputs open"; fi

# The fpv subcommands that take an ELF file as their last argument.
cmds=
if [ -x "$FPV" ]; then
	for c in disasm check xcheck explain dump orc; do
		"$FPV" --help 2>/dev/null | grep -q "^  fpv $c " && cmds="$cmds $c"
	done
fi

# check_one LABEL FILE WANT CMD...: one stderr line naming FILE and containing WANT.
check_one() {
	label=$1 file=$2 want=$3
	shift 3
	"$@" >"$w/out" 2>"$w/err"
	rc=$?
	lines=$(wc -l <"$w/err")
	why=
	[ $rc -eq 0 ] && why="exit status 0"
	[ $rc -ge 128 ] && why="killed by a signal (exit status $rc)"
	[ -z "$why" ] && [ "$lines" -ne 1 ] && why="$lines lines on stderr, want 1"
	[ -z "$why" ] && ! grep -qF -- "$file" "$w/err" && why="the error does not name the file"
	[ -z "$why" ] && ! grep -qF -- "$want" "$w/err" && why="the error does not say \"$want\""
	grep -qE 'Sanitizer|runtime error:' "$w/err" && why="sanitizer report"
	if [ -z "$why" ]; then
		echo "PASS: badinput: $label"
	else
		echo "FAIL: badinput: $label: $why"
		head -5 "$w/err" | sed 's/^/  /'
	fi
}

# check_note LABEL FILE WANT CMD...: a part of FILE is left out, not the file:
# one "note:" line on stderr naming FILE and containing WANT, no crash, and the
# ELF layer opens it (exit status 0).
check_note() {
	label=$1 file=$2 want=$3
	shift 3
	"$@" >"$w/out" 2>"$w/err"
	rc=$?
	notes=$(grep -c -- ": note: " "$w/err")
	why=
	[ $rc -ge 128 ] && why="killed by a signal (exit status $rc)"
	[ $rc -ne 0 ] && [ "$1" = "$elfopen" ] && why="exit status $rc: the file must open"
	[ -z "$why" ] && [ "$notes" -ne 1 ] && why="$notes note lines on stderr, want 1"
	[ -z "$why" ] && ! grep -F -- ": note: " "$w/err" | grep -qF -- "$file" && why="the note does not name the file"
	[ -z "$why" ] && ! grep -F -- ": note: " "$w/err" | grep -qF -- "$want" && why="the note does not say \"$want\""
	grep -qE 'Sanitizer|runtime error:' "$w/err" && why="sanitizer report"
	if [ -z "$why" ]; then
		echo "PASS: badinput: $label (left out with a note)"
	else
		echo "FAIL: badinput: $label: $why"
		head -5 "$w/err" | sed 's/^/  /'
	fi
}

while IFS='	' read -r name want kind; do
	f=$w/cases/$name
	if [ "$kind" = note ]; then
		check_note "elfopen $name" "$f" "$want" "$elfopen" "$f"
		for c in $cmds; do
			if [ $c = explain ]; then	# explain FILE FUNCTION
				check_note "fpv $c $name" "$f" "$want" "$FPV" "$c" "$f" main.main
			else
				check_note "fpv $c $name" "$f" "$want" "$FPV" "$c" "$f"
			fi
		done
		continue
	fi
	check_one "elfopen $name" "$f" "$want" "$elfopen" "$f"
	for c in $cmds; do
		if [ $c = explain ]; then	# explain FILE FUNCTION
			check_one "fpv $c $name" "$f" "$want" "$FPV" "$c" "$f" caller
		else
			check_one "fpv $c $name" "$f" "$want" "$FPV" "$c" "$f"
		fi
	done
done <"$w/cases.txt"
