#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# One cell of the reliability matrix (called by reliability.sh with here,
# top, FPV, LIB, W and sys in the environment): generate the program for
# SEED, build it with COMPILER at OPT with or without PAC, add ORC tables
# with fpv orc, run N samples under qemu-aarch64 -singlestep and print its
# "GT ..." and "GTR ..." lines, or "GTFAIL name: why", or "GTHANG name:
# where it stopped" for a program that stopped making progress.
# Usage: gt_one.sh gcc|clang14|clang16 OPT pac|nopac SEED N
cc=$1 opt=$2 pac=$3 seed=$4 n=$5
name=$W/gt-$cc$opt-$pac-$seed
case $cc in
gcc) CC="aarch64-linux-gnu-gcc" ;;
clang14) CC="clang --target=aarch64-linux-gnu" ;;
clang16) CC="clang-16 --target=aarch64-linux-gnu" ;;
*) echo "GTFAIL $name: unknown compiler"; exit 0 ;;
esac
flags="$opt -fno-omit-frame-pointer -w"
[ "$pac" = pac ] && flags="$flags -mbranch-protection=standard"
[ "$n" -gt 0 ] || exit 0
rm -f "$name"
if ! python3 "$here/gen.py" "$seed" > "$name.c" ||
   ! $CC $flags -I"$top/include" -I"$here" -o "$name" "$name.c" "$here/gt_rt.c" "$LIB" -lgcc_s \
	> "$name.log" 2>&1 ||
   ! "$FPV" orc "$name" >> "$name.log" 2>&1; then
	echo "GTFAIL $name: build"
	tail -3 "$name.log" | sed 's/^/  /'
	exit 0
fi
# A program that stops making progress reports where it is and exits 3
# (gt_rt.c, after GT_STALL seconds without a sample); the outer bound
# (GT_TIMEOUT, default 120 s + 50 ms a sample) asks it for the same report
# with SIGUSR1 and kills it 10 s later if it cannot answer.
GT_MUTATE=${GT_MUTATE:-1} nice timeout -s USR1 -k 10 "${GT_TIMEOUT:-$((120 + n / 20))}" \
	qemu-aarch64 -singlestep -L "$sys" "$name" "$n" > "$name.out" 2>> "$name.log"
rc=$?
if grep -q '^gt: hang: ' "$name.log"; then
	echo "GTHANG $name: $(grep -m1 '^gt: hang: ' "$name.log" | sed 's/^gt: hang: //')"
	grep '^gt: hang: ' "$name.log" | sed -n '2,$s/^gt: hang: /  /p'
	exit 0
fi
if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then
	echo "GTHANG $name: killed at the bound without a report (exit $rc)"
	exit 0
fi
if [ $rc -ne 0 ] || ! grep -q '^GT ' "$name.out"; then
	echo "GTFAIL $name: exit $rc"
	tail -3 "$name.log" | sed 's/^/  /'
	exit 0
fi
sed "s|^GT prog=[^ ]*|GT prog=$cc$opt-$pac-$seed|" "$name.out"
grep -A1 'false reliable (fpv\|false reliable (mutated' "$name.log" | head -4 | sed 's/^/  /'
