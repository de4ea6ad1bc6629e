# SPDX-License-Identifier: GPL-2.0-or-later
#
# Sourced by the kernel scripts (run.sh, compare.sh, build-each.sh): the
# settings they share.  O is fpv's build directory (default build), FPV the
# fpv binary (default $O/fpv), FPV_KCHECK_DIR the work directory (default
# $O-kcheck; not inside $O, because the fpv Makefile includes every *.d
# file under $O), JOBS the make jobs (default: the number of CPUs).  The
# patched source is $FPV_KCHECK_DIR/src (kernel/series.sh ensure).
top=$(cd "$(dirname "$0")/.." && pwd)
O=${O:-build}
case $O in /*) ;; *) O=$top/$O ;; esac
FPV=${FPV:-$O/fpv}
case $FPV in /*) ;; *) FPV=$top/$FPV ;; esac
dir=${FPV_KCHECK_DIR:-$O-kcheck}
jobs=${JOBS:-$(nproc)}
src=$dir/src
cross=aarch64-linux-gnu-

# kconfig MAKE TREE OUT ARCH FRAGMENT [EDIT]: the configuration the scripts
# build, in OUT: tinyconfig, FRAGMENT merged in, the sed script EDIT (if
# any) applied to .config, then olddefconfig (which drops what the tree
# does not know).  MAKE is the caller's function that runs make on TREE
# with O=OUT.
kconfig() {
	_mk=$1 _tree=$2 _out=$3 _arch=$4 _frag=$5 _edit=$6
	$_mk -s tinyconfig &&
	(cd "$_tree" && ARCH=$_arch scripts/kconfig/merge_config.sh -m -O "$_out" \
		"$_out/.config" "$_frag") &&
	{ [ -z "$_edit" ] || sed -i "$_edit" "$_out/.config"; } &&
	$_mk -s olddefconfig
}

# kconfig_missing FRAGMENT CONFIG: the CONFIG_ lines of FRAGMENT that CONFIG
# does not have, one per line.
kconfig_missing() {
	grep '^CONFIG_' "$1" | while read -r _line; do
		grep -qx "$_line" "$2" || echo "$_line"
	done
}
