#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The bad-input contract (README.md, "Commands") for the frame tables
# inside well-formed ELF files: DWARF CIEs and FDEs with bad lengths, bad
# augmentation, a bad version, a dangling CIE pointer or an impossible
# register; SFrame with unsorted FDEs, rows outside the section or outside
# their function, bad counts or magic; ORC sections and .fpv_orc blobs of
# the wrong size, a wrong format hash, a corrupt compact index.  Each case
# (gen.py changes one thing in real compiler output) is run through every
# fpv subcommand that reads that table; each must fail with exactly one
# stderr line that names the file and says what is wrong, a non-zero exit
# status below 128 and no sanitizer report.  (tests/badinput does the same
# for malformed ELF files.)  Controls: the unmodified inputs pass the same
# commands.
#
# Environment: O (build directory), FPV (the fpv binary), VALGRIND (a
# command prefix, e.g. "valgrind --error-exitcode=99 -q", for make
# check-valgrind).

O=${O:-build}
FPV=${FPV:-$O/fpv}
here=$(dirname "$0")
w=$O/tests/badtables/work
V=${VALGRIND:-}

if ! command -v aarch64-linux-gnu-gcc >/dev/null || ! command -v python3 >/dev/null; then
	echo "SKIP: badtables (needs aarch64-linux-gnu-gcc and python3)"
	exit 0
fi
rm -rf "$w"
mkdir -p "$w/cases"
src=$here/../badinput/base.c
CC=aarch64-linux-gnu-gcc
if ! { $CC -O2 -c -o "$w/eh.o" "$src" &&
       $CC -O2 -g -fno-asynchronous-unwind-tables -fno-unwind-tables -c -o "$w/dbg.o" "$src" &&
       $CC -O2 -o "$w/exe" "$src" &&
       $CC -O2 -Wa,--gsframe -c -o "$w/sf.o" "$src" &&
       $CC -O2 -Wa,--gsframe -o "$w/sfexe" "$src" &&
       cp "$w/eh.o" "$w/orc.o" && "$FPV" orc "$w/orc.o" 2>/dev/null &&
       $CC -o "$w/orclinked" "$w/orc.o" &&
       cp "$w/exe" "$w/orcexe" && "$FPV" orc "$w/orcexe" 2>/dev/null &&
       cp "$w/exe" "$w/orcexec" && "$FPV" orc --compact "$w/orcexec" 2>/dev/null; }; then
	echo "FAIL: badtables: cannot build the inputs"
	exit 0
fi
python3 "$here/gen.py" "$w" || { echo "FAIL: badtables: gen.py failed"; exit 0; }

# cmd NAME FILE: run one of the commands gen.py names.
cmd() {
	case $1 in
	xcheck)		$V "$FPV" xcheck "$2" ;;
	orc-dwarf)	$V "$FPV" orc --dry-run --from=dwarf "$2" ;;
	orc-sframe)	$V "$FPV" orc --dry-run --from=sframe "$2" ;;
	explain)	$V "$FPV" explain "$2" caller ;;
	check)		$V "$FPV" check "$2" ;;
	dump)		$V "$FPV" dump "$2" ;;
	dump-expand)	$V "$FPV" dump --expand "$2" ;;
	esac
}

# Controls: every command passes on the unmodified file it is used on.
ok=1
for pair in xcheck:eh.o xcheck:dbg.o xcheck:exe xcheck:sf.o xcheck:sfexe orc-dwarf:eh.o \
	    orc-dwarf:dbg.o orc-sframe:sf.o orc-sframe:sfexe explain:eh.o check:exe \
	    dump:orc.o dump:orclinked dump:orcexe dump:orcexec dump-expand:orcexec; do
	c=${pair%%:*} f=$w/${pair#*:}
	if ! cmd "$c" "$f" >/dev/null 2>"$w/control.err"; then
		ok=0
		echo "  $c ${pair#*:}:"
		sed 's/^/    /' "$w/control.err" | head -3
	fi
done
if [ $ok = 1 ]; then echo "PASS: badtables: control: unmodified inputs pass"; else
	echo "FAIL: badtables: control: unmodified inputs pass"; fi

while IFS='	' read -r name cmds want; do
	f=$w/cases/$name
	for c in $(echo "$cmds" | tr ',' ' '); do
		cmd "$c" "$f" >"$w/out" 2>"$w/err"
		rc=$?
		lines=$(wc -l <"$w/err")
		why=
		[ $rc -eq 0 ] && why="exit status 0"
		[ $rc -eq 99 ] && [ -n "$V" ] && why="valgrind reported errors"
		[ $rc -ge 128 ] && why="killed by a signal (exit status $rc)"
		[ -z "$why" ] && [ "$lines" -ne 1 ] && why="$lines lines on stderr, want 1"
		[ -z "$why" ] && ! grep -qF -- "fpv: $f: " "$w/err" && why="the error does not name the file"
		[ -z "$why" ] && ! grep -qF -- "$want" "$w/err" && why="the error does not say \"$want\""
		grep -qE 'Sanitizer|runtime error:' "$w/err" && why="sanitizer report"
		if [ -z "$why" ]; then
			echo "PASS: badtables: $c $name"
		else
			echo "FAIL: badtables: $c $name: $why"
			head -5 "$w/err" | sed 's/^/  /'
		fi
	done
done <"$w/cases.txt"
