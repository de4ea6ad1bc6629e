#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Build the kernel at every patch of the series (make kernel-build-each):
# for each commit of the applied series in turn, the reference
# configuration (tinyconfig + kernel/config.fragment, the options a patch
# does not know yet dropped by olddefconfig), then Image and modules.  One
# line per patch; exit status non-zero if any patch does not build.
#
# Environment: O, FPV, FPV_KCHECK_DIR, JOBS as for kernel/run.sh (the
# series applied by run.sh in $FPV_KCHECK_DIR/src is reused, else applied
# here).  Builds in $FPV_KCHECK_DIR/each (a git worktree of the source)
# and $FPV_KCHECK_DIR/each-out, with ccache when it is installed.
set -e
. "$(dirname "$0")/env.sh"
tree=$dir/each
out=$dir/each-out

say() { echo "kernel-build-each: $*" >&2; }
die() { echo "fpv: kernel/build-each.sh: $*" >&2; exit 1; }

[ -x "$FPV" ] || die "$FPV: no fpv binary (make first)"
sh "$top/kernel/series.sh" ensure "$src"
git_s() { git -C "$src" -c gc.auto=0 "$@"; }
rm -rf "$tree"
git_s worktree prune
git_s worktree add -q --detach "$tree" pristine
trap 'git_s worktree remove --force "$tree" 2>/dev/null || true' EXIT

cc="${cross}gcc"
command -v ccache >/dev/null && cc="ccache ${cross}gcc"
mkdir -p "$out"
failed=0
n=0
for c in $(git_s rev-list --reverse pristine..HEAD); do
	n=$((n + 1))
	subject=$(git_s log -1 --format=%s "$c")
	git -C "$tree" checkout -q --detach "$c"
	mk() { make -s -C "$tree" O="$out" ARCH=arm64 CROSS_COMPILE=$cross CC="$cc" FPV="$FPV" "$@"; }
	rm -f "$out/.config"
	t0=$(date +%s)
	if { kconfig mk "$tree" "$out" arm64 "$top/kernel/config.fragment" &&
	     mk -j"$jobs" Image modules; } > "$out/build-$n.log" 2>&1; then
		echo "patch $n ($subject): builds, $(( $(date +%s) - t0 )) s;" \
			"$(grep -c '^CONFIG_FPV_ORC=y' "$out/.config") FPV_ORC," \
			"$(grep -c '^CONFIG_LIVEPATCH=y' "$out/.config") LIVEPATCH"
	else
		echo "patch $n ($subject): FAILED to build (see $out/build-$n.log)"
		tail -5 "$out/build-$n.log" | sed 's/^/  /'
		failed=$((failed + 1))
	fi
done
[ "$failed" = 0 ] || die "$failed of $n patches do not build"
echo "kernel-build-each: all $n patches build"
