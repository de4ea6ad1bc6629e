#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Run every unit-test binary; a binary that dies without reporting a failure
# is itself reported as one.
O=${O:-build}
for t in "$O"/tests/unit/test_*; do
	[ -x "$t" ] || continue
	n=$(basename "$t")
	out=$("$t" 2>&1); rc=$?
	printf '%s\n' "$out"
	if [ $rc -ne 0 ] && ! printf '%s\n' "$out" | grep -q '^FAIL:'; then
		echo "FAIL: $n: exited with status $rc"
	fi
done
