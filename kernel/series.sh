#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# fpv's kernel patch series (kernel/patches/*.patch) against Debian's
# linux-source-6.12.
#
#   kernel/series.sh apply DIR    unpack the pristine source into DIR, make it
#                                 a git tree (commit "pristine") and `git am`
#                                 the series: one commit per patch
#   kernel/series.sh check DIR    check that the run-time core in DIR is fpv's
#                                 lib/ and include/fpv/, byte for byte
#   kernel/series.sh ensure DIR   apply the series into DIR unless DIR holds
#                                 this series already, then check
#   kernel/series.sh sync DIR     after a change of lib/ or include/fpv/ (or of
#                                 a commit in DIR): copy the core into DIR,
#                                 fold it into the patch that carries it, and
#                                 write the series again with format-patch
#
# The core files are part of the series (the patches alone apply and build);
# `check` is what keeps them fpv's own.
set -e
top=$(cd "$(dirname "$0")/.." && pwd)
tarball=/usr/src/linux-source-6.12.tar.xz

die() { echo "fpv: kernel/series.sh: $*" >&2; exit 1; }

# fpv file : kernel file
core_files="lib/orc_lookup.c:arch/arm64/kernel/fpv/orc_lookup.c
lib/orc_compact.c:arch/arm64/kernel/fpv/orc_compact.c
lib/orc_funcs.c:arch/arm64/kernel/fpv/orc_funcs.c
lib/unwind.c:arch/arm64/kernel/fpv/unwind.c
include/fpv/orc.h:arch/arm64/include/fpv/orc.h
include/fpv/orc_lookup.h:arch/arm64/include/fpv/orc_lookup.h
include/fpv/unwind.h:arch/arm64/include/fpv/unwind.h"

git_k() { git -C "$dir" -c gc.auto=0 -c user.name="fpv kernel check" -c user.email=fpv@localhost "$@"; }

cmd=$1 dir=$2
[ -n "$dir" ] || die "usage: series.sh apply|ensure|check|sync DIR"
case $cmd in
apply)
	[ -f $tarball ] || die "$tarball missing (apt-get install linux-source-6.12)"
	rm -rf "$dir"
	mkdir -p "$dir"
	tar -xJf $tarball -C "$dir" --strip-components=1
	git_k init -q
	# Debian's .gitignore ignores the top level: take every file
	git_k add -f -A
	git_k commit -q -m pristine
	git_k tag pristine
	git_k am -q --keep-cr $(ls "$top"/kernel/patches/0*.patch | grep -v /0000-) ||
		die "the series does not apply to $(basename $tarball)"
	;;
ensure)
	series=$(cat "$top"/kernel/patches/*.patch | sha256sum | cut -c1-16)
	if [ "$(cat "$dir/.fpv-series" 2>/dev/null)" != "$series" ]; then
		echo "kernel/series.sh: applying the series ($(ls "$top"/kernel/patches/0*.patch | grep -vc /0000-) patches) to $(basename $tarball)" >&2
		sh "$0" apply "$dir.tmp"
		echo "$series" > "$dir.tmp/.fpv-series"
		rm -rf "$dir"
		mv "$dir.tmp" "$dir"
	fi
	sh "$0" check "$dir"
	;;
check)
	for m in $core_files; do
		cmp "$top/${m%%:*}" "$dir/${m#*:}" >&2 ||
			die "${m#*:} in the series differs from fpv's ${m%%:*} (kernel/series.sh sync)"
	done
	;;
sync)
	git_k diff --quiet HEAD || die "$dir has uncommitted changes"
	carrier=$(git_k log --format=%H --diff-filter=A -1 -- arch/arm64/kernel/fpv/unwind.c)
	[ -n "$carrier" ] || die "no patch in $dir adds the core"
	for m in $core_files; do
		cp "$top/${m%%:*}" "$dir/${m#*:}"
	done
	if ! git_k diff --quiet; then
		git_k add -f $(for m in $core_files; do echo "${m#*:}"; done)
		git_k commit -q --fixup="$carrier"
		GIT_SEQUENCE_EDITOR=: git_k rebase -q -i --autosquash pristine
	fi
	rm -f "$top"/kernel/patches/0*.patch
	git -C "$dir" format-patch -q --zero-commit --no-signature --cover-letter \
		-o "$top/kernel/patches" pristine..HEAD
	# The cover letter's subject and text: kernel/cover-letter.txt (first
	# line the subject, then a blank line, then the text)
	python3 - "$top/kernel/patches/0000-cover-letter.patch" "$top/kernel/cover-letter.txt" <<'PY'
import sys
patch, text = sys.argv[1], open(sys.argv[2]).read()
subject, body = text.split("\n\n", 1)
s = open(patch).read()
s = s.replace("*** SUBJECT HERE ***", subject).replace("*** BLURB HERE ***", body.rstrip())
open(patch, "w").write(s)
PY
	;;
*)
	die "unknown command $cmd (apply, ensure, check, sync)"
	;;
esac
