#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The xcheck study (docs/xcheck-study.md, docs/check-notes.md): compare fpv's
# analysis with DWARF CFI and SFrame on
#   corpus  the bundled programs (corpus/*.c) built by GCC 11, GCC 12,
#           clang 14, clang 16 and clang 19 at -O0/-O2/-Os, with and without
#           frame pointers and -mbranch-protection=standard (GCC objects also
#           carry SFrame from `as --gsframe`; so do clang14+gas/clang16+gas,
#           Clang through GNU as), into $O/xcheck-study/<cc>-<opt>-<fp>-<pac>/;
#           `fpv check` on the same objects (--no-fp for -fomit-frame-pointer),
#           and on the cross toolchain's libc.so.6, libstdc++.so.6 and
#           libm.so.6 (docs/check-notes.md);
#   kernel  the arm64 kernel objects of build/kernel/arm64/{kernel,mm,lib}
#           (GCC 12) and of build/kernel/arm64-clang/{kernel,mm,lib}
#           (clang 16), both built by `sh scripts/kernel-corpus.sh arm64`
#           and `sh scripts/kernel-corpus.sh arm64-clang`: xcheck and
#           `fpv check --stats`.  A flavour not built is skipped (its rows
#           in the documents are kept), unless KERNEL_CORPUS=build, which
#           runs scripts/kernel-corpus.sh for it first (a kernel build,
#           about 5 minutes per flavour on 2 cores);
#   debian  Debian's arm64 vmlinux and modules of 6.1 and 6.12 (with
#           .debug_frame) and user-space binaries, as
#           `sh scripts/vmlinux-check.sh download vmlinux modules userspace`
#           leaves them in $FPV_DL; a set not downloaded is skipped.
# Prints the versions of the compilers and packages used, then the tables.
# Each set leaves its `fpv xcheck --json` output in $O/xcheck-study/json/,
# and the corpus a report to browse in $O/xcheck-study/html/index.html
# (fpv xcheck --html: charts per compiler and per set, a page per function).
#
# Usage: O=build sh scripts/xcheck-study.sh [--write] [corpus|kernel|debian|all]
#   --write  rewrite the tables in place in docs/xcheck-study.md and
#            docs/check-notes.md (between their BEGIN/END markers); the rows
#            of a set not run here are kept
# Environment: O (default build), FPV_DL (default $O/debian), JOBS (parallel
# compiles, default the number of CPUs), KERNEL_CORPUS (build: build the
# kernel objects that are missing), LIBDIR (the libraries checked, default
# /usr/aarch64-linux-gnu/lib).
set -e
O=${O:-build}
FPV=$(cd "$O" && pwd)/fpv
FPV_DL=${FPV_DL:-$O/debian}
JOBS=${JOBS:-$(nproc)}
LIBDIR=${LIBDIR:-/usr/aarch64-linux-gnu/lib}
out=$O/xcheck-study
json=$out/json
write=
if [ "$1" = --write ]; then write=1; shift; fi
what=${1:-all}
case $what in
corpus|kernel|debian|all) ;;
*) echo "usage: xcheck-study.sh [--write] [corpus|kernel|debian|all]" >&2; exit 2 ;;
esac
[ -x "$FPV" ] || { echo "xcheck-study: no $O/fpv: run make O=$O first" >&2; exit 1; }
mkdir -p "$json"

CORPUS_CC="gcc11 gcc12 clang14 clang16 clang19 clang14+gas clang16+gas"

cc_cmd() {
	case $1 in
	gcc11) echo "aarch64-linux-gnu-gcc-11 -Wa,--gsframe" ;;
	gcc12) echo "aarch64-linux-gnu-gcc-12 -Wa,--gsframe" ;;
	clang14) echo "clang-14 --target=aarch64-linux-gnu" ;;
	clang16) echo "clang-16 --target=aarch64-linux-gnu" ;;
	clang19) echo "clang-19 --target=aarch64-linux-gnu" ;;
	# Clang through GNU as, which alone writes SFrame
	clang14+gas) echo "clang-14 --target=aarch64-linux-gnu -fno-integrated-as -Wa,--gsframe" ;;
	clang16+gas) echo "clang-16 --target=aarch64-linux-gnu -fno-integrated-as -Wa,--gsframe" ;;
	esac
}

# The Debian packages that provide each tool, and their versions.
versions() {
	echo "Versions:"
	for p in gcc-11-aarch64-linux-gnu gcc-12-aarch64-linux-gnu clang-14 clang-16 clang-19 \
		binutils-aarch64-linux-gnu libdw1 libbinutils; do
		v=$(dpkg-query -W -f='${Version}' "$p" 2>/dev/null) || v="not installed"
		echo "  $p $v"
	done
	[ -f "$FPV_DL/versions" ] && sed 's/^/  /' "$FPV_DL/versions"
	echo "  fpv $(git describe --always --dirty 2>/dev/null || echo '(not a git tree)')"
}

build_corpus() {
	# every compiler first, in this shell: an exit inside the pipeline
	# below would leave only its subshell
	for cc in $CORPUS_CC; do
		tool=$(cc_cmd $cc)
		command -v ${tool%% *} > /dev/null ||
			{ echo "xcheck-study: no ${tool%% *} (sh scripts/setup.sh)" >&2; exit 1; }
	done
	for cc in $CORPUS_CC; do
		tool=$(cc_cmd $cc)
		for opt in O0 O2 Os; do
		for fp in fp nofp; do
		for pac in pac nopac; do
			d=$out/$cc-$opt-$fp-$pac
			mkdir -p "$d"
			flags="-$opt -g0"
			[ $fp = fp ] && flags="$flags -fno-omit-frame-pointer" || flags="$flags -fomit-frame-pointer"
			[ $pac = pac ] && flags="$flags -mbranch-protection=standard"
			for c in corpus/*.c; do
				o=$d/$(basename "$c" .c).o
				[ "$o" -nt "$c" ] || echo "$tool $flags -c -o $o $c"
			done
		done; done; done
	done | xargs -r -P "$JOBS" -I{} sh -c '{}' ||
		{ echo "xcheck-study: a corpus compile failed" >&2; exit 1; }
}

run_corpus() {
	for cc in $CORPUS_CC; do
		for d in "$out/$cc"-*; do
			[ -d "$d" ] || continue
			"$FPV" xcheck --json "$d"/*.o > "$json/$(basename "$d").json" || true
		done
	done
	# the report: every corpus configuration
	"$FPV" xcheck --summary --html="$out/html" $(for cc in $CORPUS_CC; do ls "$out/$cc"-*/*.o 2>/dev/null; done) \
		> /dev/null || true
}

# `fpv check --stats` per corpus configuration, and on the cross libraries:
# docs/check-notes.md's corpus-check and libc-check tables.
check_corpus() {
	rm -f "$json"/check_*
	for cc in $CORPUS_CC; do
		case $cc in *+gas) continue ;; esac
		for d in "$out/$cc"-*; do
			[ -d "$d" ] || continue
			case $d in *-nofp-*) mode=--no-fp ;; *) mode= ;; esac
			"$FPV" check --stats $mode "$d"/*.o > "$json/check_$(basename "$d").out" \
				2> "$json/check_$(basename "$d").err" || true
		done
	done
	for l in libc.so.6 libstdc++.so.6 libm.so.6; do
		[ -f "$LIBDIR/$l" ] || { echo "xcheck-study: no $LIBDIR/$l" >&2; continue; }
		"$FPV" check --stats --no-fp "$LIBDIR/$l" > "$json/check_lib_$l.out" 2> "$json/check_lib_$l.err" || true
		p=$(dpkg-query -S "$(readlink -f "$LIBDIR/$l")" 2>/dev/null | sed 's/:.*//' | head -1)
		[ -n "$p" ] && echo "$p $(dpkg-query -W -f='${Version}' "$p")" > "$json/check_lib_$l.pkg"
	done
}

# Kernel objects of one flavour (directory, set name, label); only
# .debug_frame (the kernel builds with -fno-asynchronous-unwind-tables
# -fno-unwind-tables).
run_kernel_set() {
	k=build/kernel/$1
	rm -f "$json/$2".*
	if [ ! -d $k/kernel ] && [ "$KERNEL_CORPUS" = build ]; then
		echo "xcheck-study: building the kernel objects of $1: sh scripts/kernel-corpus.sh $1" >&2
		sh scripts/kernel-corpus.sh "$1" >&2
	fi
	[ -d $k/kernel ] || {
		echo "xcheck-study: no kernel objects in $k: their rows in docs/xcheck-study.md and" \
			"docs/check-notes.md are kept as they are; run \`sh scripts/kernel-corpus.sh $1\`" \
			"first (a kernel build), or set KERNEL_CORPUS=build" >&2
		return 0
	}
	find $k/kernel $k/mm $k/lib -name '*.o' ! -name '*.mod.o' | sort > "$json/$2.list"
	xargs "$FPV" xcheck --json --dwarf=debug < "$json/$2.list" > "$json/$2.json" 2> "$json/$2.err" || true
	echo "$3" > "$json/$2.label"
	# as the kernel build runs it: objects without code are nothing to do
	xargs "$FPV" check --allow-empty --stats < "$json/$2.list" > "$json/$2.check.out" \
		2> "$json/$2.check.err" || true
}

run_kernel() {
	run_kernel_set arm64 kernel_gcc12 "kernel objects (gcc12)"
	run_kernel_set arm64-clang kernel_clang16 "kernel objects (clang16)"
}

# "gcc12" from a file's .comment ("GCC: (Debian 12.2.0-14) 12.2.0")
compiler_of() {
	readelf -p .comment "$1" 2>/dev/null |
		sed -n 's/.*GCC: ([^)]*) \([0-9]*\)\..*/gcc\1/p; s/.*clang version \([0-9]*\)\..*/clang\1/p' | head -1
}

run_userspace() {
	rm -f "$json"/debian_userspace.*
	root=$FPV_DL/userspace
	[ -d "$root" ] || { echo "xcheck-study: no Debian user space in $root" >&2; return 0; }
	find "$root" -type f \( -name '*.so*' -o -path '*/bin/*' \) | sort |
		while read -r f; do
			head -c 4 "$f" | grep -q ELF && echo "$f"
		done > "$json/debian_userspace.list"
	# one process, so one JSON document
	"$FPV" xcheck --json $(cat "$json/debian_userspace.list") > "$json/debian_userspace.json" \
		2> "$json/debian_userspace.err" || true
	# Debian strips .comment from these, so no compiler is named
	echo "Debian user space (bookworm, $(wc -l < "$json/debian_userspace.list") files)" > "$json/debian_userspace.label"
}

# A vmlinux's row: its xcheck, and `fpv check --stats` for docs/check-notes.md.
run_vmlinux() {
	rm -f "$json"/debian_vmlinux-* "$json"/debian_modules-* "$json/debian.versions"
	# the packages' versions stay with their results (a later run of
	# another part may not see $FPV_DL)
	[ -f "$FPV_DL/versions" ] && cp "$FPV_DL/versions" "$json/debian.versions"
	for v in "$FPV_DL"/usr/lib/debug/boot/vmlinux-*; do
		[ -f "$v" ] || { echo "xcheck-study: no Debian vmlinux in $FPV_DL" >&2; return 0; }
		rel=${v##*/vmlinux-}
		name=debian_vmlinux-$rel
		cc=$(compiler_of "$v")
		"$FPV" xcheck --json "$v" > "$json/$name.json" 2> "$json/$name.err" || true
		echo "Debian vmlinux ${rel%-arm64} ($cc)" > "$json/$name.label"
		"$FPV" check --stats "$v" > "$json/$name.check" 2> "$json/$name.stats" || true
		m=$FPV_DL/usr/lib/debug/lib/modules/$rel
		[ -d "$m" ] || { echo "xcheck-study: no modules of $rel in $FPV_DL" >&2; continue; }
		find "$m" -name '*.ko' | sort > "$json/modules.list"
		split -l 400 -d "$json/modules.list" "$json/modules.part"
		for l in "$json"/modules.part*; do
			part=debian_modules-$rel-${l##*.}
			"$FPV" xcheck --json $(cat "$l") > "$json/$part.json" 2>> "$json/debian_modules-$rel.err" || true
			echo "Debian modules ${rel%-arm64} ($(compiler_of "$(head -1 "$l")"), $(wc -l < "$json/modules.list") files)" > "$json/$part.label"
			rm -f "$l"
		done
	done
}

versions | tee "$json/versions.txt"
case $what in
corpus) build_corpus; run_corpus; check_corpus ;;
kernel) run_kernel ;;
debian) run_vmlinux; run_userspace ;;
all) build_corpus; run_corpus; check_corpus; run_kernel; run_vmlinux; run_userspace ;;
esac
if [ -n "$write" ]; then
	python3 scripts/xcheck-table.py "$json" --write docs/xcheck-study.md docs/check-notes.md
else
	python3 scripts/xcheck-table.py "$json"
fi
