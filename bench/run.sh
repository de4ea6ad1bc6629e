#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The one benchmark runner behind `make bench`: runs every bench/*.sh (except
# this file) in name order with O and FPV set, each printing its own lines.
O=${O:-build}
FPV=${FPV:-$O/fpv}
export O FPV
here=$(dirname "$0")
for b in "$here"/*.sh; do
	[ "$(basename "$b")" = run.sh ] && continue
	echo "== $(basename "$b" .sh)"
	sh "$b" || echo "bench $(basename "$b"): failed with status $?"
done
