#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# fpv on Debian's arm64 kernels as they ship: the figures of
# docs/check-notes.md ("Debian's linked vmlinux") and the vmlinux rows of
# docs/xcheck-study.md, from the -dbg packages' vmlinux (with .debug_frame).
#
# Usage:
#   sh scripts/vmlinux-check.sh download [vmlinux] [modules] [userspace]
#         fetch into $FPV_DL (default: vmlinux only):
#         vmlinux    the newest linux-image-6.1.0-*-arm64-dbg and
#                    linux-image-6.12.*+deb12-arm64-dbg, their vmlinux
#                    extracted to $FPV_DL/usr/lib/debug/boot/
#         modules    the same packages' modules, extracted to
#                    $FPV_DL/usr/lib/debug/lib/modules/<release>/
#         userspace  libc6, libssl3, coreutils, bash and python3.11-minimal
#                    for arm64, extracted to $FPV_DL/userspace/
#         A package whose .deb is already in $FPV_DEBS (any version) is not
#         downloaded again; $FPV_DL/versions records each package and version.
#   sh scripts/vmlinux-check.sh [--bench] [VMLINUX...]
#         default: every $FPV_DL/usr/lib/debug/boot/vmlinux-*
# For each vmlinux: the package and compiler (.comment, the first
# DW_AT_producer), `fpv check --stats` (findings and notes on hand-written
# code), every note grouped by warning and by symbol type (STT_NOTYPE:
# SYM_CODE, STT_FUNC: SYM_FUNC assembly), every warning, and the `fpv xcheck
# --json` summary (compared, unreached and its share, dead code,
# fpv-unknown, classes).
# --bench adds wall time and peak RSS of `fpv xcheck --summary`, `fpv check`
# and `readelf --debug-dump=frames` (best of 3, same run) and their ratios.
# Environment: O (build directory, default build), FPV, FPV_DL (downloads and
# extracted trees, default $O/debian), FPV_DEBS (where .debs are looked for
# and downloaded to, default $FPV_DL/debs).
O=${O:-build}
FPV=${FPV:-$O/fpv}
FPV_DL=${FPV_DL:-$O/debian}
FPV_DEBS=${FPV_DEBS:-$FPV_DL/debs}
READELF=${READELF:-readelf}

# fetch PKG: print the path of PKG's arm64 .deb, downloading it into
# $FPV_DEBS unless a version of it is there already
fetch() {
	deb=$(ls "$FPV_DEBS/$1"_*_arm64.deb 2>/dev/null | sort -V | tail -1)
	if [ -z "$deb" ]; then
		mkdir -p "$FPV_DEBS" &&
			(cd "$FPV_DEBS" && apt-get download "$1:arm64" >&2) || return 1
		deb=$(ls "$FPV_DEBS/$1"_*_arm64.deb | sort -V | tail -1)
	fi
	echo "$1 $(dpkg-deb -f "$deb" Version)" >> "$FPV_DL/versions.new"
	echo "$deb"
}

# kernel_pkgs: the newest 6.1 and 6.12 arm64 -dbg packages
kernel_pkgs() {
	for pat in 'linux-image-6\.1\.0-[0-9]*-arm64-dbg' 'linux-image-6\.12\.[0-9.]*[+]deb12-arm64-dbg'; do
		pkg=$(apt-cache search --names-only "^$pat\$" | awk '{print $1}' | sort -V | tail -1)
		[ -n "$pkg" ] || { echo "no package matches $pat (apt-get update?)" >&2; return 1; }
		echo "$pkg"
	done
}

if [ "$1" = download ]; then
	shift
	[ "$#" -gt 0 ] || set -- vmlinux
	mkdir -p "$FPV_DL" || exit 1
	: > "$FPV_DL/versions.new"
	for what in "$@"; do
		case $what in
		vmlinux) pattern='*/boot/vmlinux-*' ;;
		modules) pattern='*.ko' ;;
		userspace) pattern= ;;
		*) echo "download: unknown set $what (vmlinux, modules, userspace)" >&2; exit 1 ;;
		esac
		if [ -n "$pattern" ]; then
			pkgs=$(kernel_pkgs) || exit 1
			for pkg in $pkgs; do
				deb=$(fetch "$pkg") || exit 1
				dpkg-deb --fsys-tarfile "$deb" |
					tar -x -C "$FPV_DL" --wildcards "$pattern" || exit 1
			done
		else
			for pkg in libc6 libssl3 coreutils bash python3.11-minimal; do
				deb=$(fetch "$pkg") || exit 1
				dpkg-deb -x "$deb" "$FPV_DL/userspace" || exit 1
			done
		fi
	done
	# versions: one line per package, the newest record of each
	cat "$FPV_DL/versions" "$FPV_DL/versions.new" 2>/dev/null |
		awk '{ v[$1] = $2 } END { for (p in v) print p, v[p] }' | sort > "$FPV_DL/versions.tmp" &&
		mv "$FPV_DL/versions.tmp" "$FPV_DL/versions" && rm -f "$FPV_DL/versions.new"
	cat "$FPV_DL/versions"
	exit 0
fi

bench=
if [ "$1" = --bench ]; then bench=1; shift; fi
[ "$#" -gt 0 ] || set -- "$FPV_DL"/usr/lib/debug/boot/vmlinux-*
[ -x "$FPV" ] || { echo "no $FPV: run make O=$O first" >&2; exit 1; }
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

# best NAME CMD...: "NAME: S s, M MB" (least wall time of 3; its peak RSS)
best() {
	name=$1
	shift
	for i in 1 2 3; do
		/usr/bin/time -f "%e %M" -o "$tmp/t$i" "$@" > /dev/null 2>&1
	done
	sort -n "$tmp/t1" "$tmp/t2" "$tmp/t3" | head -1 > "$tmp/$name"
	awk -v n="$name" '{ printf "  %-8s %6.2f s %6.0f MB peak\n", n, $1, $2 / 1024 }' "$tmp/$name"
}

for v in "$@"; do
	[ -f "$v" ] || { echo "no $v (sh scripts/vmlinux-check.sh download)" >&2; continue; }
	echo "== $(basename "$v")"
	echo "  compiler: $("$READELF" -p .comment "$v" 2>/dev/null | sed -n 's/^ *\[ *[0-9a-f]*\] *//p' | head -1)"
	"$READELF" --debug-dump=info "$v" 2>/dev/null | grep -m1 DW_AT_producer |
		grep -o -- '-fpatchable-function-entry=[0-9,]*' | sed 's/^/  flag: /'
	"$FPV" check --stats "$v" > "$tmp/check" 2> "$tmp/stats"
	sed 's/^/  /' "$tmp/stats"
	"$READELF" -sW "$v" | awk 'NF >= 8 { print $8, $4 }' > "$tmp/types"
	sed -n 's/^[^ ]*: note: fpv: //p' "$tmp/check" |
		sed 's/ ([^ ()]*:[0-9]*)$//; s/ (hand-written code without CFI)$//' > "$tmp/notes"
	echo "  notes by warning and symbol type (NOTYPE: SYM_CODE, FUNC: SYM_FUNC):"
	awk 'NR == FNR { if (!($1 in t) || $2 == "FUNC") t[$1] = $2; next }
	     { f = $1; sub(/\+0x[0-9a-f]*:$/, "", f); w = $0; sub(/^[^ ]* /, "", w)
	       sub(/ to [^ ]* with/, " to F with", w); sub(/next function .*/, "next function F", w)
	       sub(/mismatch: .*/, "mismatch", w); print w " [" (f in t ? t[f] : "?") "]" }' \
		"$tmp/types" "$tmp/notes" | sort | uniq -c | sort -rn | sed 's/^/  /'
	echo "  warnings:"
	grep ': warning: fpv: ' "$tmp/check" | sed 's/^[^ ]*: warning: fpv: /    /'
	"$FPV" xcheck --json "$v" > "$tmp/x.json" 2> /dev/null
	python3 - "$tmp/x.json" <<-'EOF'
	import json, sys
	w = json.load(open(sys.argv[1]))["witnesses"]["dwarf"]
	c = w["compared"]
	print("  xcheck (dwarf): compared %d, agree %d, disagree %d (%.2f%%), uncovered %d,"
	      " unreached %d (%.3f%% of compared), dead %d, fpv-unknown %d"
	      % (c, w["agree"], w["disagree"], 100.0 * w["disagree"] / max(c, 1), w["uncovered"],
	         w["unreached"], 100.0 * w["unreached"] / max(c, 1), w["dead"],
	         w["classes"]["fpv-unknown"]))
	print("  classes: " + ", ".join("%s %d" % (k, n) for k, n in sorted(w["classes"].items()) if n))
	EOF
	if [ -n "$bench" ]; then
		echo "  speed and memory (best of 3):"
		best xcheck "$FPV" xcheck --summary "$v"
		best check "$FPV" check "$v"
		best readelf "$READELF" --debug-dump=frames "$v"
		read -r xs xm < "$tmp/xcheck"
		read -r rs rm < "$tmp/readelf"
		awk -v xs="$xs" -v xm="$xm" -v rs="$rs" -v rm="$rm" 'BEGIN {
			printf "  xcheck / readelf: time %.2f, peak RSS %.2f\n", xs / rs, xm / rm }'
	fi
done
