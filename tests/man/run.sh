#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The manual pages (docs/man/):
#   - every page renders with `man -l` and with groff -ww without a warning;
#   - every option `fpv CMD --help` prints for a command of `fpv --help`, and
#     every option of `fpv --help` itself, is described in that command's
#     subsection of fpv.1 and in its section of README.md;
#   - every reason code of enum fpv_reason_index and every function include/fpv/unwind.h
#     declares for the Linux front end and the core walk is in libfpv.3.
# Environment: O (build dir), FPV.
O=${O:-build}
FPV=${FPV:-$O/fpv}
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
man=$top/docs/man
readme=$top/README.md
out=$O/tests/man
mkdir -p "$out"

for page in "$man"/*.[0-9]; do
	name=$(basename "$page")
	# man-db passes --warnings=w on to groff as -ww (all warnings)
	if LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings=w -l "$page" > "$out/$name.txt" 2> "$out/$name.man.err" &&
	   [ ! -s "$out/$name.man.err" ] && [ -s "$out/$name.txt" ] &&
	   groff -ww -man -Tutf8 -z "$page" 2> "$out/$name.groff.err" && [ ! -s "$out/$name.groff.err" ]; then
		echo "PASS: man: $name renders without warnings"
	else
		echo "FAIL: man: $name renders without warnings"
		cat "$out/$name.man.err" "$out/$name.groff.err" 2> /dev/null | head -10 | sed 's/^/  /'
	fi
done

# The roff source as plain text: \- is '-', font escapes and \c dropped.
plain() { sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' -e 's/\\c$//' "$1"; }
# man_section CMD: the body of fpv.1's subsection of `fpv CMD`, without its
# heading, which lists the options (CMD "" for the top level: the
# subsections of --version and --help, headings included)
man_section() {
	if [ -n "$1" ]; then
		plain "$man/fpv.1" | awk -v h=".SS \"fpv $1 " -v h2=".SS \"fpv $1\"" \
			'/^\.S[SH]/ { on = (index($0, h) == 1 || $0 == h2); next } on'
	else
		plain "$man/fpv.1" | awk '/^\.S[SH]/ { on = (index($0, ".SS \"fpv --") == 1) } on'
	fi
}
# readme_section CMD: the README's "### `fpv CMD" section (CMD "": "## Commands"
# up to the first subcommand)
readme_section() {
	if [ -n "$1" ]; then
		awk -v h="### \`fpv $1 " -v h2="### \`fpv $1\`" \
			'/^##/ { on = (index($0, h) == 1 || $0 == h2) } on' "$readme"
	else
		awk '/^##/ { on = ($0 == "## Commands") } on' "$readme"
	fi
}
options() { grep -o -- '--[a-z][a-z-]*' | sort -u; }
has() { grep -qE -- "$1([^a-z-]|\$)"; }

cmds=$("$FPV" --help | sed -n 's/^  fpv \([a-z][a-z]*\) .*/\1/p')
if [ -z "$cmds" ]; then
	echo "FAIL: man: fpv --help lists no commands"
	cmds=
fi
for cmd in "" $cmds; do
	label=${cmd:-fpv}
	if [ -n "$cmd" ]; then
		"$FPV" "$cmd" --help > "$out/help.$label" 2>&1
	else
		"$FPV" --help | grep -v '^  fpv [a-z]' > "$out/help.$label" 2>&1
	fi
	opts=$(options < "$out/help.$label")
	man_section "$cmd" > "$out/man.$label"
	readme_section "$cmd" > "$out/readme.$label"
	missing=
	for o in $opts; do
		has "$o" < "$out/man.$label" || missing="$missing fpv.1:$o"
		has "$o" < "$out/readme.$label" || missing="$missing README:$o"
	done
	if [ -z "$opts" ] || [ ! -s "$out/man.$label" ] || [ ! -s "$out/readme.$label" ]; then
		echo "FAIL: man: $label options documented (no options, man section or README section found)"
	elif [ -z "$missing" ]; then
		echo "PASS: man: $label options documented ($(echo $opts | wc -w) options)"
	else
		echo "FAIL: man: $label options documented: missing$missing"
	fi
done

# libfpv.3: the reason codes and the functions of the API
h=$top/include/fpv/unwind.h
plain "$man/libfpv.3" > "$out/libfpv.3.plain"
missing=
codes=$(sed -n 's/^[[:space:]]*FPV_R_\([A-Z_]*\),.*/\1/p' "$h" | grep -v '^OK$')
for c in $codes; do
	grep -qx "\.B $c" "$out/libfpv.3.plain" || missing="$missing $c"
done
funcs=$(sed -n 's/^[a-z].*[ *]\(fpv_[a-z_]*\)(.*/\1/p' "$h" | sort -u)
for f in $funcs; do
	grep -q "$f" "$out/libfpv.3.plain" || missing="$missing $f()"
done
if [ -n "$codes" ] && [ -n "$funcs" ] && [ -z "$missing" ]; then
	echo "PASS: man: libfpv.3 has every reason code and function ($(echo $codes | wc -w) codes, $(echo $funcs | wc -w) functions)"
else
	echo "FAIL: man: libfpv.3 misses:$missing"
fi
