#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The one test runner behind `make check`.  Every test area (tests/<area>/)
# has a run.sh that prints one line per test: "PASS: name", "FAIL: name" or
# "SKIP: name (why)", with any diagnostics on other lines.  This script runs
# the areas in order, keeps their output, and ends with the line
# "N passed, N failed, N skipped".  Exit status: 0 only if nothing failed.
#
# Environment: O (build directory, default build), TESTS (space-separated
# list of areas to run, default all).

O=${O:-build}
export O
FPV=$O/fpv
export FPV
here=$(dirname "$0")
log=$O/tests.log
: > "$log"

areas=${TESTS:-$(for d in "$here"/*/; do [ -x "$d/run.sh" ] || [ -f "$d/run.sh" ] && basename "$d"; done)}

for a in $areas; do
	[ -f "$here/$a/run.sh" ] || continue
	echo "== $a"
	sh "$here/$a/run.sh" 2>&1 | tee -a "$log" | grep -E '^(PASS|FAIL|SKIP):|^  ' | grep -v '^PASS:' || true
done

pass=$(grep -c '^PASS:' "$log")
fail=$(grep -c '^FAIL:' "$log")
skip=$(grep -c '^SKIP:' "$log")
echo "full log: $log"
if [ "$skip" -gt 0 ]; then
	echo "$pass passed, $fail failed, $skip skipped"
else
	echo "$pass passed, $fail failed"
fi
[ "$fail" -eq 0 ]
