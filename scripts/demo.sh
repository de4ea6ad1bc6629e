#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# `make demo`: run fpv over the bundled corpus (corpus/*.c built by
# corpus/rules.mk for GCC, Clang 14 and Clang 16 at -O0/-O2/-Os, with and
# without frame pointers and PAC) and print a readable summary.
#
#   fpv check: per configuration, the functions and instructions analysed
#   and the findings (objects built without frame pointers are checked with
#   --no-fp, the rule that applies to them), then the findings themselves.
O=${1:-${O:-build}}
FPV=$O/fpv
[ -x "$FPV" ] || { echo "fpv: $FPV: not built (make O=$O)" >&2; exit 1; }

echo "fpv check on the bundled corpus ($O/corpus)"
printf '%-34s %6s %9s %10s %9s\n' configuration objects functions instrs findings
tf=0 ti=0 tn=0 to=0
findings=$(mktemp)
trap 'rm -f "$findings"' EXIT
for d in "$O"/corpus/*-*-*-*/; do
	[ -d "$d" ] || continue
	c=$(basename "$d")
	set -- "$d"*.o
	[ -f "$1" ] || continue
	opt=
	case $c in *-nofp-*) opt=--no-fp ;; esac
	stats=$("$FPV" check $opt --stats "$@" 2>&1 >>"$findings" | tail -1)
	# "fpv check: N files, F functions, I instructions analyzed of W words, K findings, ..."
	f=$(echo "$stats" | sed -n 's/.* \([0-9]*\) functions.*/\1/p')
	i=$(echo "$stats" | sed -n 's/.* \([0-9]*\) instructions analyzed.*/\1/p')
	n=$(echo "$stats" | sed -n 's/.* \([0-9]*\) findings.*/\1/p')
	printf '%-34s %6s %9s %10s %9s\n' "$c${opt:+ (--no-fp)}" $# "${f:-?}" "${i:-?}" "${n:-?}"
	to=$((to + $#)) tf=$((tf + ${f:-0})) ti=$((ti + ${i:-0})) tn=$((tn + ${n:-0}))
done
printf '%-34s %6s %9s %10s %9s\n' total $to $tf $ti $tn
if [ -s "$findings" ]; then
	echo
	echo "findings:"
	sed "s|$O/corpus/||" "$findings"
fi
echo
echo "The same objects built without frame pointers, checked with the kernel's"
echo "frame-record rule (--fp): every call made without a frame record is reported;"
echo "the default mode says once per file that it keeps no frame records."
for d in "$O"/corpus/gcc-O2-nofp-nopac/ "$O"/corpus/clang-O2-nofp-nopac/; do
	[ -d "$d" ] || continue
	n=$("$FPV" check --fp "$d"*.o | wc -l)
	m=$("$FPV" check "$d"*.o | wc -l)
	echo "  $(basename "$d"): $n findings with --fp, $m in the default mode"
done
