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
