#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The published corpus figures are what HEAD gives: runs the corpus part of
# the xcheck study (scripts/xcheck-study.sh corpus: the bundled programs
# built by every compiler of the matrix, `fpv check` on them and on the
# cross libraries) and compares its tables with the corpus-table and
# config-table blocks of docs/xcheck-study.md and the corpus-check and
# libc-check blocks of docs/check-notes.md.  When they differ,
# `make xcheck-study` rewrites them.
O=${O:-build}
top=$(cd "$(dirname "$0")/../.." && pwd)
O=$(cd "$O" && pwd)
cd "$top" || exit 1
name="study: the corpus rows of docs/xcheck-study.md and docs/check-notes.md are what scripts/xcheck-study.sh corpus prints"
if ! O=$O sh scripts/xcheck-study.sh corpus > "$O/tests.study.log" 2>&1; then
	echo "FAIL: $name (the study failed)"
	sed 's/^/  /' "$O/tests.study.log"
	exit 0
fi
if python3 scripts/xcheck-table.py "$O/xcheck-study/json" --compare docs/xcheck-study.md \
	corpus-table config-table > "$O/tests.study.diff" 2>&1 &&
   python3 scripts/xcheck-table.py "$O/xcheck-study/json" --compare docs/check-notes.md \
	corpus-check libc-check >> "$O/tests.study.diff" 2>&1; then
	echo "PASS: $name"
else
	echo "FAIL: $name"
	sed 's/^/  /' "$O/tests.study.diff"
fi
