#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# fpv xcheck and fpv explain on the fixtures of tests/xcheck/rules.mk:
#  - golden: `fpv xcheck` text output on cfi.o and funcs.o (cfi.expected);
#  - the SFrame trap: the x9-based rows of cfi.o are reported as
#    sframe-cfa-reg, in text, JSON and explain;
#  - --json is valid JSON (python3 -m json.tool) with the documented keys;
#  - a file that is not ELF is a tool failure (one line, non-zero exit).
O=${O:-build}
here=$(cd "$(dirname "$0")" && pwd)
FPV=$(cd "$O" && pwd)/fpv
dir=$O/tests/xcheck
tmp=${TMPDIR:-/tmp}/fpv-xcheck.$$
mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT

if [ ! -f "$dir/cfi.o" ] || [ ! -f "$dir/funcs.o" ] || [ ! -f "$dir/stalefp.o" ]; then
	echo "FAIL: xcheck: fixtures missing (make O=$O check builds them)"
	exit 0
fi

# Golden.
(cd "$dir" && "$FPV" xcheck cfi.o funcs.o) > "$tmp/out" 2>&1
if diff -u "$here/cfi.expected" "$tmp/out" > "$tmp/diff"; then
	echo "PASS: xcheck: golden cfi.o funcs.o"
else
	echo "FAIL: xcheck: golden cfi.o funcs.o"
	sed 's/^/  /' "$tmp/diff"
fi

# The gas 2.40 x9 trap must be reported, never trusted.
n=$(cd "$dir" && "$FPV" xcheck cfi.o | grep -c 'x9_cfa+0x[8c] .*: sframe: sframe-cfa-reg:\|x9_cfa+0x10 .*: sframe: sframe-cfa-reg:')
if [ "$n" = 3 ]; then
	echo "PASS: xcheck: SFrame rows of an x9-based CFA are reported (sframe-cfa-reg)"
else
	echo "FAIL: xcheck: SFrame rows of an x9-based CFA are reported (sframe-cfa-reg)"
	echo "  expected 3 sframe-cfa-reg sites in x9_cfa, got $n"
fi

# JSON.
if (cd "$dir" && "$FPV" xcheck --json cfi.o funcs.o) > "$tmp/j" &&
   python3 -m json.tool "$tmp/j" > /dev/null 2> "$tmp/jerr" &&
   python3 - "$tmp/j" > "$tmp/jchk" 2>&1 <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
for w in ("dwarf", "sframe"):
    s = d["witnesses"][w]
    for k in ("compared", "agree", "disagree", "uncovered", "unreached",
              "dead", "classes"):
        assert k in s, (w, k)
    assert s["agree"] + s["disagree"] == s["compared"], w
    assert sum(v for v in s["classes"].values()) == s["disagree"] + s["uncovered"], w
sites = [x for x in d["sites"] if x["witness"] == "sframe" and x["class"] == "sframe-cfa-reg"]
assert len(sites) == 3, sites
for x in d["sites"]:
    for k in ("function", "offset", "address", "witness", "class", "fpv"):
        assert k in x, (k, x)
assert {x["offset"] for x in sites} == {8, 12, 16}, sites
PY
then
	echo "PASS: xcheck: --json is valid and consistent"
else
	echo "FAIL: xcheck: --json is valid and consistent"
	cat "$tmp/jerr" "$tmp/jchk" 2>/dev/null | sed 's/^/  /'
fi

# explain marks the same rows.
m=$(cd "$dir" && "$FPV" explain cfi.o x9_cfa | grep -c 'sframe:sframe-cfa-reg')
if [ "$m" = 3 ]; then
	echo "PASS: explain: marks the x9 rows"
else
	echo "FAIL: explain: marks the x9 rows"
	echo "  expected 3 marked lines, got $m"
fi
if (cd "$dir" && "$FPV" explain cfi.o fp_based) | grep -q '^  0 disagreements$'; then
	echo "PASS: explain: fp_based agrees everywhere (PAC across remember/restore_state)"
else
	echo "FAIL: explain: fp_based agrees everywhere (PAC across remember/restore_state)"
	(cd "$dir" && "$FPV" explain cfi.o fp_based) 2>&1 | sed 's/^/  /'
fi

# GCC 12's stale x29-based CFA in epilogues (tests/xcheck/stalefp.c).
s=$(cd "$dir" && "$FPV" xcheck stalefp.o | grep -c '^stalefp.o: f+0x\(58\|5c\) .*: dwarf: cfa-stale-fp: ')
if [ "$s" = 2 ]; then
	echo "PASS: xcheck: GCC epilogue CFA on a reloaded x29 is cfa-stale-fp"
else
	echo "FAIL: xcheck: GCC epilogue CFA on a reloaded x29 is cfa-stale-fp"
	(cd "$dir" && "$FPV" xcheck stalefp.o) 2>&1 | sed 's/^/  /'
fi

# clang 16 under the kernel's -fno-asynchronous-unwind-tables describes no
# epilogue (tests/xcheck/clang_sync.c): the ret after the frame is popped is
# cfa-stale-fp (frame record) or cfa-offset (leaf), fpv saying cfa:sp+0;
# with the default asynchronous tables neither class occurs.
if [ -f "$dir/clang_sync.o" ] && [ -f "$dir/clang_async.o" ]; then
	(cd "$dir" && "$FPV" xcheck clang_sync.o clang_async.o) > "$tmp/cs" 2>&1
	a=$(grep -c '^clang_sync.o: callee+0x[0-9a-f]* .*: dwarf: cfa-stale-fp: fpv "cfa:sp+0" dwarf "cfa:x29+' "$tmp/cs")
	b=$(grep -c '^clang_sync.o: leaf+0x[0-9a-f]* .*: dwarf: cfa-offset: fpv "cfa:sp+0" dwarf "cfa:sp+' "$tmp/cs")
	c=$(grep -c '^clang_async.o: .*: \(cfa-stale-fp\|cfa-offset\):' "$tmp/cs")
	if [ "$a" = 1 ] && [ "$b" = 1 ] && [ "$c" = 0 ]; then
		echo "PASS: xcheck: clang 16 synchronous CFI has no epilogue rows (cfa-stale-fp, cfa-offset)"
	else
		echo "FAIL: xcheck: clang 16 synchronous CFI has no epilogue rows (cfa-stale-fp, cfa-offset)"
		echo "  callee cfa-stale-fp $a (want 1), leaf cfa-offset $b (want 1), async $c (want 0)"
		sed 's/^/  /' "$tmp/cs"
	fi
else
	echo "FAIL: xcheck: clang_sync.o/clang_async.o missing (make O=$O check builds them)"
fi

# orc --from=dwarf warns where the analysis and SFrame disagree with DWARF
# (cfi.o's SFrame rows, stalefp.o's stale x29-based CFA), and not where
# both mark the outermost frame (cfi.o's outermost).
(cd "$dir" && "$FPV" orc --from=dwarf --dry-run cfi.o stalefp.o) > /dev/null 2> "$tmp/orcw"
if grep -q '^cfi.o: warning: fpv: orc --from=dwarf: sframe disagrees at .*sframe-cfa-reg 3' "$tmp/orcw" &&
   ! grep -q '^cfi.o: warning: fpv: orc --from=dwarf: analysis disagrees at ' "$tmp/orcw" &&
   grep -q '^stalefp.o: warning: fpv: orc --from=dwarf: analysis disagrees at .*cfa-stale-fp' "$tmp/orcw"; then
	echo "PASS: orc --from=dwarf: cross-checked against SFrame and the analysis"
else
	echo "FAIL: orc --from=dwarf: cross-checked against SFrame and the analysis"
	sed 's/^/  /' "$tmp/orcw"
fi

# Corrupt witnesses: a one-line tool failure or a clean run, never a crash
# (libsframe 2.40 itself reads out of bounds on a bad FDE row count).
corrupt() {	# corrupt FILE SECTION OFFSET BYTES OUT
	python3 - "$@" <<'PY'
import subprocess, sys
src, sec, off, val, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), bytes.fromhex(sys.argv[4]), sys.argv[5]
d = bytearray(open(src, 'rb').read())
for l in subprocess.run(['aarch64-linux-gnu-readelf', '-SW', src], capture_output=True, text=True).stdout.splitlines():
    f = l.replace('[ ', '[').split()
    if sec in f:
        base = int(f[f.index(sec) + 3], 16)
d[base + off:base + off + len(val)] = val
open(out, 'wb').write(d)
PY
}
# .sframe: FDE 0's num_fres (header 28 bytes + 12) = 0xffffffff
corrupt "$dir/cfi.o" .sframe 40 ffffffff "$tmp/badsf.o"
"$FPV" xcheck "$tmp/badsf.o" > /dev/null 2> "$tmp/e"; rc=$?
if [ $rc -eq 1 ] && [ "$(wc -l < "$tmp/e")" -eq 1 ] && grep -q "^fpv: $tmp/badsf.o: .sframe: " "$tmp/e"; then
	echo "PASS: xcheck: corrupt .sframe row count is a one-line tool failure"
else
	echo "FAIL: xcheck: corrupt .sframe row count is a one-line tool failure"
	echo "  status $rc"; sed 's/^/  /' "$tmp/e"
fi
# .eh_frame: the first CIE's length = 0xfffffff0 (runs past the section)
corrupt "$dir/cfi.o" .eh_frame 0 f0ffffff "$tmp/badeh.o"
"$FPV" xcheck "$tmp/badeh.o" > /dev/null 2> "$tmp/e"; rc=$?
if [ $rc -le 1 ] && ! grep -q "Sanitizer\|runtime error: \|Assertion" "$tmp/e"; then
	echo "PASS: xcheck: corrupt .eh_frame CIE length does not crash"
else
	echo "FAIL: xcheck: corrupt .eh_frame CIE length does not crash"
	echo "  status $rc"; sed 's/^/  /' "$tmp/e"
fi

# Proportionate text output (many.s): 20 functions without an FDE are one
# line, the cfa-offset sites past the first 100 one more; --json lists all.
if [ -f "$dir/many.o" ]; then
	"$FPV" xcheck "$dir/many.o" > "$tmp/o" 2>&1
	n=$(grep -c ': dwarf: cfa-offset: fpv ' "$tmp/o")
	if [ "$n" = 100 ] && ! grep -q 'bare[0-9]' "$tmp/o" &&
	   grep -q ': dwarf: no-witness: 20 functions with no row at all (40 instructions), not listed' "$tmp/o" &&
	   grep -q ': dwarf: cfa-offset: 21 more sites, not listed' "$tmp/o"; then
		echo "PASS: xcheck: many sites: text output capped, with counts"
	else
		echo "FAIL: xcheck: many sites: text output capped, with counts"
		echo "  $n cfa-offset sites listed (want 100)"; grep -v ': cfa-offset: fpv' "$tmp/o" | sed 's/^/  /'
	fi
	n=$("$FPV" xcheck --json "$dir/many.o" | python3 -c 'import json, sys
print(len(json.load(sys.stdin)["sites"]))')
	if [ "$n" = 141 ]; then
		echo "PASS: xcheck: many sites: --json lists every site"
	else
		echo "FAIL: xcheck: many sites: --json lists every site ($n, want 141)"
	fi
else
	echo "FAIL: xcheck: $dir/many.o missing (make O=$O check builds it)"
fi

# A tool failure: not ELF.
echo "not an ELF file" > "$tmp/bad.o"
"$FPV" xcheck "$tmp/bad.o" > "$tmp/o" 2> "$tmp/e"; rc=$?
if [ $rc -ne 0 ] && [ "$(wc -l < "$tmp/e")" -eq 1 ] && grep -q "^fpv: $tmp/bad.o: " "$tmp/e"; then
	echo "PASS: xcheck: non-ELF input is a one-line tool failure"
else
	echo "FAIL: xcheck: non-ELF input is a one-line tool failure"
	sed 's/^/  /' "$tmp/e"
fi
