#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Nothing lost (README.md: fpv never leaves a half-written file behind):
# `fpv orc` must never leave a damaged object.  Whatever happens while it
# writes, the file afterwards is byte for byte the original or the complete
# new one (the output of an undisturbed run), and the directory holds no
# temporary file.
#
#   read-only directory   a read-only tmpfs (root ignores directory
#                          permissions, not a read-only mount), and a 0555
#                          directory for an unprivileged user (setpriv)
#   full disk              a tmpfs already full, and one that fills up
#                          while the new file is written
#   SIGKILL                NOTHINGLOST_ITERS (200) runs of fpv orc on a
#                          large object killed after a random delay spread
#                          over the whole run, the write included
#
# The mounts are made in a private mount namespace (unshare -m), so nothing
# outside the test sees them; without the privilege for that, those cases
# SKIP with the reason.  A kill between the link of the finished temporary
# file and the rename over the object can leave a complete copy under
# ".NAME.fpv-PID-N"; the next fpv write in that directory removes it, and
# the loop checks both (such a copy must be complete, and must be gone once
# fpv has written there again).
#
# Environment: O (build directory), FPV (the fpv binary).

O=${O:-build}
FPV=${FPV:-$O/fpv}
here=$(dirname "$0")
w=$O/tests/nothinglost/work
ITERS=${NOTHINGLOST_ITERS:-200}

command -v aarch64-linux-gnu-gcc >/dev/null || { echo "SKIP: nothinglost (needs aarch64-linux-gnu-gcc)"; exit 0; }
rm -rf "$w"
mkdir -p "$w"
FPV=$(cd "$(dirname "$FPV")" && pwd)/$(basename "$FPV")

# The object: generated C with a few thousand functions (about 1 MB), so
# that writing the new file takes measurable time.
python3 "$here/big.py" >"$w/big.c" &&
aarch64-linux-gnu-gcc -O2 -c -o "$w/orig.o" "$w/big.c" &&
cp "$w/orig.o" "$w/new.o" && "$FPV" orc "$w/new.o" 2>/dev/null &&
cp "$w/orig.o" "$w/new2.o" && "$FPV" orc "$w/new2.o" 2>/dev/null &&
cmp -s "$w/new.o" "$w/new2.o" ||
	{ echo "FAIL: nothinglost: cannot build the object, or fpv orc is not deterministic"; exit 0; }
size=$(stat -c %s "$w/orig.o")
newsize=$(stat -c %s "$w/new.o")

# state DIR FILE: "original", "new" or what is wrong with FILE and DIR.
state() {
	extra=$(ls -A "$1" | grep -vx "$(basename "$2")")
	if cmp -s "$2" "$w/orig.o"; then s=original
	elif cmp -s "$2" "$w/new.o"; then s=new
	elif [ -e "$2" ]; then s="damaged ($(stat -c %s "$2") bytes)"
	else s="missing"; fi
	[ -n "$extra" ] && s="$s, stray: $(echo $extra)"
	echo "$s"
}

# expect_failure LABEL DIR FILE CMD...: fpv fails with one line naming the
# file, and the file and the directory are as before.
expect_failure() {
	label=$1 dir=$2 file=$3
	shift 3
	"$@" >"$w/out" 2>"$w/err"
	rc=$?
	s=$(state "$dir" "$file")
	why=
	[ $rc -eq 0 ] && why="fpv orc succeeded"
	[ $rc -ge 128 ] && why="fpv orc died (status $rc)"
	[ -z "$why" ] && [ "$(wc -l <"$w/err")" -ne 1 ] && why="$(wc -l <"$w/err") lines on stderr, want 1"
	[ -z "$why" ] && ! grep -qF "fpv: $file: " "$w/err" && why="the error does not name the file"
	[ -z "$why" ] && [ "$s" != original ] && why="afterwards: $s"
	if [ -z "$why" ]; then
		echo "PASS: nothinglost: $label: $(cat "$w/err" | sed "s|$file|FILE|")"
	else
		echo "FAIL: nothinglost: $label: $why"
		sed 's/^/  /' "$w/err" | head -3
	fi
}

# ---- read-only directory ----------------------------------------------------

if unshare -m true 2>/dev/null; then
	mkdir -p "$w/ro"
	unshare -m sh -c '
		mount -t tmpfs -o size=8m tmpfs "$1" && cp "$2" "$1/t.o" &&
		mount -o remount,ro "$1" && "$3" orc "$1/t.o"
		echo "rc=$?" >&2
		ls -A "$1" > "$4/ro.ls"; cmp -s "$1/t.o" "$2" && echo original > "$4/ro.state"
	' sh "$w/ro" "$w/orig.o" "$FPV" "$w" >"$w/out" 2>"$w/err"
	rc=$(sed -n 's/^rc=//p' "$w/err")
	sed -i '/^rc=/d' "$w/err"
	why=
	[ "$rc" = 0 ] && why="fpv orc succeeded"
	[ -z "$why" ] && [ "$(wc -l <"$w/err")" -ne 1 ] && why="$(wc -l <"$w/err") lines on stderr, want 1"
	[ -z "$why" ] && ! grep -q "fpv: $w/ro/t.o: " "$w/err" && why="the error does not name the file"
	[ -z "$why" ] && [ "$(cat "$w/ro.state" 2>/dev/null)" != original ] && why="the file changed"
	[ -z "$why" ] && [ "$(cat "$w/ro.ls")" != t.o ] && why="stray files: $(cat "$w/ro.ls")"
	if [ -z "$why" ]; then
		echo "PASS: nothinglost: read-only mount: $(sed "s|$w/ro/t.o|FILE|" "$w/err")"
	else
		echo "FAIL: nothinglost: read-only mount: $why"
		sed 's/^/  /' "$w/err" | head -3
	fi
else
	echo "SKIP: nothinglost: read-only mount (unshare -m not permitted here)"
fi

if command -v setpriv >/dev/null && [ "$(id -u)" = 0 ]; then
	d=$w/ro-user
	mkdir -p "$d" && cp "$w/orig.o" "$d/t.o" && chmod 0644 "$d/t.o" && chmod 0555 "$d"
	chmod o+x "$w" "$O" "$O/tests" "$O/tests/nothinglost" 2>/dev/null
	if setpriv --reuid=65534 --regid=65534 --clear-groups test -r "$d/t.o" 2>/dev/null; then
		expect_failure "read-only directory (uid 65534)" "$d" "$d/t.o" \
			setpriv --reuid=65534 --regid=65534 --clear-groups "$FPV" orc "$d/t.o"
	else
		echo "SKIP: nothinglost: read-only directory (uid 65534 cannot reach $d)"
	fi
	chmod 0755 "$d"
elif [ "$(id -u)" != 0 ]; then
	d=$w/ro-user
	mkdir -p "$d" && cp "$w/orig.o" "$d/t.o" && chmod 0555 "$d"
	expect_failure "read-only directory" "$d" "$d/t.o" "$FPV" orc "$d/t.o"
	chmod 0755 "$d"
else
	echo "SKIP: nothinglost: read-only directory (no setpriv to drop root)"
fi

# ---- full disk -----------------------------------------------------------------

# full LABEL FILL: a tmpfs with room for the object and FILL more bytes.
full() {
	label=$1 fill=$2
	unshare -m sh -c '
		d=$1; mount -t tmpfs -o size=$(( $5 + $6 + 65536 )) tmpfs "$d" || exit 3
		cp "$2" "$d/t.o" || exit 3
		# take all free space but FILL bytes
		free=$(( $(stat -f -c "%a * %S" "$d") - $6 ))
		[ $free -gt 0 ] && head -c $free /dev/zero > "$d/.fill" 2>/dev/null
		"$3" orc "$d/t.o"
		echo "rc=$?" >&2
		rm -f "$d/.fill"
		ls -A "$d" > "$4/full.ls"; cmp -s "$d/t.o" "$2" && echo original > "$4/full.state"
	' sh "$w/full" "$w/orig.o" "$FPV" "$w" "$size" "$fill" >"$w/out" 2>"$w/err"
	rc=$(sed -n 's/^rc=//p' "$w/err")
	sed -i '/^rc=/d' "$w/err"
	why=
	[ -z "$rc" ] && why="could not set up the tmpfs"
	[ "$rc" = 0 ] && why="fpv orc succeeded"
	[ -z "$why" ] && [ "$(wc -l <"$w/err")" -ne 1 ] && why="$(wc -l <"$w/err") lines on stderr, want 1"
	[ -z "$why" ] && ! grep -q "fpv: $w/full/t.o: " "$w/err" && why="the error does not name the file"
	[ -z "$why" ] && [ "$(cat "$w/full.state" 2>/dev/null)" != original ] && why="the file changed"
	[ -z "$why" ] && [ "$(cat "$w/full.ls")" != t.o ] && why="stray files: $(cat "$w/full.ls")"
	rm -f "$w/full.state" "$w/full.ls"
	if [ -z "$why" ]; then
		echo "PASS: nothinglost: $label: $(sed "s|$w/full/t.o|FILE|" "$w/err")"
	else
		echo "FAIL: nothinglost: $label: $why"
		sed 's/^/  /' "$w/err" | head -3
	fi
}

if unshare -m true 2>/dev/null; then
	mkdir -p "$w/full"
	full "full disk before the write" 0
	full "disk fills while the copy is written" $(( size / 2 ))
	full "disk fills while the new sections are written" $(( size + (newsize - size) / 2 ))
else
	echo "SKIP: nothinglost: full disk (unshare -m not permitted here, no private tmpfs)"
fi

# ---- SIGKILL at random points ----------------------------------------------

d=$w/kill
mkdir -p "$d"
# the length of an undisturbed run, in microseconds (the median of three)
for i in 1 2 3; do
	cp "$w/orig.o" "$d/t.o"
	t0=$(date +%s%N); "$FPV" orc "$d/t.o" 2>/dev/null; t1=$(date +%s%N)
	echo $(( (t1 - t0) / 1000 ))
done | sort -n | sed -n 2p >"$w/runtime"
T=$(cat "$w/runtime")
# delays: uniform over 0..1.3 T, from a fixed seed
awk -v n="$ITERS" -v t="$T" 'BEGIN { srand(7); for (i = 0; i < n; i++) printf "%.6f\n", rand() * 1.3 * t / 1e6 }' >"$w/delays"
orig=0 new=0 bad=0 healed=0
: >"$w/kill.log"
while read -r delay; do
	cp "$w/orig.o" "$d/t.o"
	timeout -s KILL "$delay" "$FPV" orc "$d/t.o" >/dev/null 2>&1
	s=$(state "$d" "$d/t.o")
	case $s in
	original) orig=$((orig + 1)) ;;
	new) new=$((new + 1)) ;;
	original,\ stray:*|new,\ stray:*)
		# only a complete copy of the new file, under fpv's temporary name
		ok=1
		for x in $(ls -A "$d" | grep -vx t.o); do
			case $x in .t.o.fpv-*) cmp -s "$d/$x" "$w/new.o" || ok=0 ;; *) ok=0 ;; esac
		done
		if [ $ok = 1 ]; then
			healed=$((healed + 1))
			cp "$w/orig.o" "$d/t.o" && "$FPV" orc "$d/t.o" 2>/dev/null
			[ "$(state "$d" "$d/t.o")" = new ] || { bad=$((bad + 1)); echo "delay $delay: not healed: $(state "$d" "$d/t.o")" >>"$w/kill.log"; }
		else
			bad=$((bad + 1)); echo "delay $delay: $s" >>"$w/kill.log"
		fi ;;
	*) bad=$((bad + 1)); echo "delay $delay: $s" >>"$w/kill.log" ;;
	esac
done <"$w/delays"
rm -f "$d/t.o"
left=$(ls -A "$d")
[ -n "$left" ] && { bad=$((bad + 1)); echo "left in the directory: $left" >>"$w/kill.log"; }
msg="$ITERS kills over a ${T}us run: $orig original, $new new, $healed temporary copies removed by the next run"
if [ $bad -eq 0 ] && [ $orig -gt 0 ] && [ $new -gt 0 ]; then
	echo "PASS: nothinglost: SIGKILL at random points: $msg"
elif [ $bad -eq 0 ]; then
	echo "FAIL: nothinglost: SIGKILL at random points: the kills did not cover the run ($msg)"
else
	echo "FAIL: nothinglost: SIGKILL at random points: $bad damaged ($msg)"
	head -5 "$w/kill.log" | sed 's/^/  /'
fi
