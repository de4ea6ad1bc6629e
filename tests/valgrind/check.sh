#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# make check-valgrind: the test areas that run the fpv tool (the bad-input
# contracts and the golden outputs by default; VALGRIND_TESTS to choose),
# with every fpv command run under valgrind (memcheck).  The areas see a
# build directory, $O/valgrind/o, whose fpv is a wrapper around the real one
# and whose other entries link to $O, so their scripts run unchanged.  Each
# fpv process writes its valgrind log; a non-empty log (an invalid read or
# write, a use of uninitialised memory, an invalid free, a definitely lost
# block) is a FAIL naming the command.  The last line counts the fpv runs
# and the runs with errors.
#
# Environment: O (build directory).

O=${O:-build}
here=$(dirname "$0")
areas=${VALGRIND_TESTS:-"badinput badtables golden check xcheck"}
command -v valgrind >/dev/null || { echo "SKIP: valgrind (not installed)"; exit 0; }
O=$(cd "$O" && pwd)
v=$O/valgrind
rm -rf "$v"
mkdir -p "$v/o" "$v/logs"
for x in "$O"/* "$O"/.deps-ok; do
	[ -e "$x" ] || continue
	case $(basename "$x") in fpv|valgrind) ;; *) ln -s "$x" "$v/o/$(basename "$x")" ;; esac
done
cat >"$v/o/fpv" <<WRAP
#!/bin/sh
echo "fpv \$*" >"$v/logs/cmd.\$\$"
exec valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \\
	--log-file="$v/logs/vg.\$\$" "$O/fpv" "\$@"
WRAP
chmod +x "$v/o/fpv"

O=$v/o TESTS="$areas" sh "$here/../run.sh" >"$v/tests.out" 2>&1
rc=$?
tail -1 "$v/tests.out"
grep -E '^(FAIL|SKIP):' "$v/tests.out" | sed 's/^/  /' | head -20

runs=0 bad=0
for cmd in "$v"/logs/cmd.*; do
	[ -e "$cmd" ] || continue
	runs=$((runs + 1))
	log=$v/logs/vg.${cmd##*.}
	if [ -s "$log" ]; then
		bad=$((bad + 1))
		[ $bad -le 10 ] && { echo "FAIL: valgrind: $(cat "$cmd")"; grep -m 6 '==' "$log" | sed 's/^/  /'; }
	fi
done
echo "valgrind: $runs fpv runs in $areas, $bad with errors (logs in $v/logs)"
[ $bad -eq 0 ] && [ $rc -eq 0 ]
