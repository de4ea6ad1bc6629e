#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# fpv check over the bundled corpus ($(O)/corpus/<config>/*.o and the
# linked executables beside them, built by corpus/rules.mk): every
# configuration must be free of findings, objects built without frame
# pointers under --no-fp; and the same objects checked
# with the frame-pointer rule must be reported (the check can fail).
# Also: --json is valid JSON, a non-ELF file is a tool failure.
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
	k=$("$FPV" check "$d"/*.o | grep -c 'call without x29 pointing at the frame record')
	if [ "$k" -gt 0 ]; then
		echo "PASS: check: frame-pointer rule reports -fomit-frame-pointer code ($k calls)"
	else
		echo "FAIL: check: frame-pointer rule reports -fomit-frame-pointer code"
	fi
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
