#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# fpv check over the bundled corpus ($(O)/corpus/<config>/*.o and the
# linked executables beside them, built by corpus/rules.mk): every
# configuration must be free of findings, objects built without frame
# pointers under --no-fp; and the same objects checked
# with the frame-pointer rule must be reported (the check can fail).
# Also: --json is valid JSON, a non-ELF file is a tool failure, the command
# line's grammar (--states[=FUNC], --function, the older --states FILE FUNC;
# explain, disasm, orc and dump) and --allow-empty for objects without code
# (check and orc).
O=${O:-build}
FPV=$O/fpv
n=0
for d in "$O"/corpus/*-*-*-*/; do
	[ -d "$d" ] || continue
	c=$(basename "$d")
	set -- "$d"*.o
	[ -f "$1" ] || continue
	n=$((n + 1))
	opt=
	case $c in *-nofp-*) opt=--no-fp ;; esac
	out=$("$FPV" check --werror $opt "$@" 2>&1)
	if [ $? -eq 0 ] && [ -z "$out" ]; then
		echo "PASS: check: corpus $c${opt:+ $opt}"
	else
		echo "FAIL: check: corpus $c${opt:+ $opt}"
		printf '%s\n' "$out" | sed 's/^/  /'
	fi
done
[ $n -gt 0 ] || echo "SKIP: check: corpus (not built: make O=$O corpus)"

# The linked executables: PLT calls (exit, abort through the PLT), crt1's
# _start (x29 = 0 ends the chain), libc_nonshared pieces.
for d in "$O"/corpus/*-*-*-*/; do
	[ -d "$d" ] || continue
	c=$(basename "$d")
	bins=$(for f in "$d"*; do case $f in *.o) ;; *) [ -x "$f" ] && echo "$f" ;; esac; done)
	[ -n "$bins" ] || continue
	opt=
	case $c in *-nofp-*) opt=--no-fp ;; esac
	out=$("$FPV" check --werror $opt $bins 2>&1)
	if [ $? -eq 0 ] && [ -z "$out" ]; then
		echo "PASS: check: linked corpus $c${opt:+ $opt}"
	else
		echo "FAIL: check: linked corpus $c${opt:+ $opt}"
		printf '%s\n' "$out" | sed 's/^/  /'
	fi
done

d=$O/corpus/gcc-O2-nofp-nopac
if [ -d "$d" ]; then
	k=$("$FPV" check --fp "$d"/*.o | grep -c 'call without x29 pointing at the frame record')
	if [ "$k" -gt 0 ]; then
		echo "PASS: check: --fp reports -fomit-frame-pointer code ($k calls)"
	else
		echo "FAIL: check: --fp reports -fomit-frame-pointer code"
	fi
	# The default mode: a file that keeps no frame records gets one finding
	# saying so and none per call; a file where GCC kept records anyway
	# (alloca, VLAs) reports its functions without one, once each.
	out=$("$FPV" check "$d"/*.o)
	fpall=$("$FPV" check --fp "$d"/*.o | wc -l)
	nofile=$(printf '%s\n' "$out" | grep 'no frame record in [0-9]* of [0-9]* functions that call' | cut -d: -f1)
	dups=$(printf '%s\n' "$nofile" | sort | uniq -d)
	mixed=$(for f in $nofile; do printf '%s\n' "$out" | grep "^$f: .*call without x29"; done)
	if [ -n "$nofile" ] && [ -z "$dups" ] && [ -z "$mixed" ] &&
	   [ "$(printf '%s\n' "$out" | wc -l)" -lt "$fpall" ]; then
		echo "PASS: check: default mode: one finding per file without frame records ($(printf '%s\n' "$nofile" | wc -l) files)"
	else
		echo "FAIL: check: default mode: one finding per file without frame records"
		printf '%s\n' "$dups" "$mixed" | head -5 | sed 's/^/  /'
	fi
	for f in "$O"/corpus/gcc-O2-fp-nopac/*.o; do
		[ -f "$f" ] || continue
		if [ "$("$FPV" check "$f")" = "$("$FPV" check --fp "$f")" ]; then
			echo "PASS: check: default mode is --fp on code with frame records"
		else
			echo "FAIL: check: default mode is --fp on code with frame records ($f)"
		fi
		break
	done
	if "$FPV" check --json "$d"/*.o | python3 -m json.tool > /dev/null 2>&1; then
		echo "PASS: check: --json is valid JSON"
	else
		echo "FAIL: check: --json is valid JSON"
	fi
fi

tmp=${TMPDIR:-/tmp}/fpv-check.$$
echo "not an ELF file" > "$tmp"
err=$("$FPV" check "$tmp" 2>&1 >/dev/null); rc=$?
rm -f "$tmp"
if [ $rc -ne 0 ] && [ "$(printf '%s\n' "$err" | wc -l)" -eq 1 ] && printf '%s' "$err" | grep -q "^fpv: $tmp: "; then
	echo "PASS: check: a non-ELF file is one line on stderr and a non-zero exit"
else
	echo "FAIL: check: a non-ELF file is one line on stderr and a non-zero exit"
	echo "  rc=$rc: $err"
fi

# The command line (docs/warnings.md): every operand is a file, a function is
# named by --states=FUNC or --function FUNC; the older "--states FILE FUNC"
# still works, with other options around it.
t=${TMPDIR:-/tmp}/fpv-check-cli.$$
mkdir -p "$t"
printf 'int g(int);\nint f1(int x) { return g(x) + 1; }\nint f2(int x) { return g(x) * 2; }\n' > "$t/a.c"
printf 'int h(int x) { return x + 3; }\n' > "$t/b.c"
printf 'const int table[4] = { 1, 2, 3, 4 };\n' > "$t/data.c"
if aarch64-linux-gnu-gcc -O2 -c -o "$t/a.o" "$t/a.c" && aarch64-linux-gnu-gcc -O2 -c -o "$t/b.o" "$t/b.c" &&
   aarch64-linux-gnu-gcc -O2 -c -o "$t/data.o" "$t/data.c"; then
	cli() {	# cli NAME SHELL-CONDITION
		if eval "$2"; then echo "PASS: check: $1"; else echo "FAIL: check: $1"; fi
	}
	"$FPV" check --states "$t/a.o" > "$t/sa" 2>&1
	"$FPV" check --states "$t/b.o" > "$t/sb" 2>&1
	"$FPV" check --states "$t/a.o" "$t/b.o" > "$t/sab" 2>&1
	cli "--states a.o b.o lists both files (b.o is not a function name)" \
		'cat "$t/sa" "$t/sb" | cmp -s - "$t/sab"'
	"$FPV" check --states=f2 "$t/a.o" > "$t/f2" 2>&1
	cli "--states=FUNC lists one function" \
		'[ "$(grep -c "^[^ ]" "$t/f2")" -eq 1 ] && grep -q "^f2: " "$t/f2"'
	ok=1
	for form in "--states $t/a.o f2" "--no-fp --states $t/a.o f2" "--states $t/a.o f2 --backtrace" \
		    "--function f2 --states $t/a.o" "--states --func=f2 --no-fp $t/a.o" "--werror --states=f2 $t/a.o"; do
		# shellcheck disable=SC2086
		"$FPV" check $form > "$t/form" 2>&1 && cmp -s "$t/f2" "$t/form" || { ok=0; echo "  differs: fpv check $form"; }
	done
	cli "--states FILE FUNC, --states=FUNC, --function FUNC with other options agree" '[ $ok = 1 ]'
	err=$("$FPV" check --states "$t/a.o" "$t/missing.o" 2>&1 >/dev/null); rc=$?
	cli "a second operand that is neither a file nor a function is an error" \
		'[ $rc -eq 1 ] && printf "%s" "$err" | grep -q "no function $t/missing.o"'
	"$FPV" check --json --states "$t/a.o" > /dev/null 2>&1; rc=$?
	cli "--json with --states is a usage error" '[ $rc -eq 2 ]'
	"$FPV" check --function f1 "$t/a.o" "$t/b.o" > /dev/null 2>&1; rc=$?
	cli "--function over several files: found in one is enough" '[ $rc -eq 0 ]'

	# A relocatable object with no code: an error, unless --allow-empty.
	err=$("$FPV" check "$t/data.o" 2>&1 >/dev/null); rc=$?
	cli "an object without code is an error by default" \
		'[ $rc -eq 1 ] && printf "%s" "$err" | grep -q "^fpv: $t/data.o: no executable section"'
	out=$("$FPV" check --allow-empty --werror "$t/data.o" "$t/a.o" 2>&1); rc=$?
	cli "check --allow-empty: nothing to do for an object without code" '[ $rc -eq 0 ] && [ -z "$out" ]'
	cp "$t/data.o" "$t/data2.o"
	out=$("$FPV" orc --allow-empty "$t/data2.o" 2>&1); rc=$?
	cli "orc --allow-empty: exit 0, the object untouched" \
		'[ $rc -eq 0 ] && [ -z "$out" ] && cmp -s "$t/data.o" "$t/data2.o"'
	"$FPV" orc "$t/data2.o" > /dev/null 2>&1; rc=$?
	cli "orc without --allow-empty: an object without code is an error" '[ $rc -eq 1 ]'

	# The other commands' grammar: options before or after the operands,
	# --opt=VALUE or --opt VALUE; a bad option or value is a usage error.
	"$FPV" explain --dwarf=eh "$t/a.o" f2 > "$t/e1" 2>&1
	"$FPV" explain "$t/a.o" f2 --dwarf eh > "$t/e2" 2>&1
	cli "explain: --dwarf before or after the operands" \
		'grep -q ": f2: " "$t/e1" && cmp -s "$t/e1" "$t/e2"'
	err=$("$FPV" explain --dwarf=ehframe "$t/a.o" f2 2>&1 >/dev/null); rc=$?
	cli "explain: a --dwarf value other than eh or debug is a usage error" \
		'[ $rc -eq 2 ] && printf "%s" "$err" | grep -q "want eh or debug"'
	"$FPV" disasm "$t/a.o" f2 > "$t/d1" 2>&1
	"$FPV" disasm --function f2 "$t/a.o" > "$t/d2" 2>&1
	"$FPV" disasm "$t/a.o" --function=f2 > "$t/d3" 2>&1
	cli "disasm: FILE FUNC, --function FUNC FILE and FILE --function=FUNC agree" \
		'grep -q "<f2>:" "$t/d1" && cmp -s "$t/d1" "$t/d2" && cmp -s "$t/d1" "$t/d3"'
	"$FPV" disasm --bogus "$t/a.o" > /dev/null 2>&1; rc=$?
	cli "disasm: an unknown option is a usage error" '[ $rc -eq 2 ]'
	"$FPV" orc --dry-run --from=dwarf "$t/a.o" > "$t/o1" 2>&1
	"$FPV" orc "$t/a.o" --from dwarf --dry-run > "$t/o2" 2>&1
	cli "orc: --from=W before the file and --from W after it agree" \
		'[ -s "$t/o1" ] && cmp -s "$t/o1" "$t/o2"'
	"$FPV" orc --dry-run --from=nothing "$t/a.o" > /dev/null 2>&1; rc=$?
	cli "orc: an unknown witness is a usage error" '[ $rc -eq 2 ]'
	"$FPV" dump --bogus "$t/a.o" > /dev/null 2>&1; rc=$?
	cli "dump: an unknown option is a usage error" '[ $rc -eq 2 ]'
else
	echo "SKIP: check: command line (cannot compile the inputs)"
fi
rm -rf "$t"
