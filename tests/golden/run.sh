#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Golden tests for `fpv check` (README describes the convention).  For each
# fixture tests/golden/NAME.s or NAME.c:
#   - build it with its "build:" header line ($SRC, $OBJ substituted);
#   - if NAME.expected exists, run each "fpv:" header line in the build
#     directory on NAME.o and compare the concatenated output with
#     NAME.expected (diff -u);
#   - if the source carries "// s: STATE" annotations (hand-derived states,
#     one per instruction, in order), compare them with the state column of
#     `fpv check --states NAME.o`.
# Also: every warning of tool/warn.h appears verbatim in docs/warnings.md,
# every warning is triggered by some NAME.expected, and every finding README.md
# quotes is one of the warnings.
O=${O:-build}
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
FPV=$(cd "$O" && pwd)/fpv
out=$(cd "$O" && pwd)/tests/golden
mkdir -p "$out"
version=$("$FPV" --version | sed -n 's/^fpv //p')

fail() { echo "FAIL: golden: $1"; shift; for l in "$@"; do echo "  $l"; done; }

for src in "$here"/*.s "$here"/*.c "$here"/*/*.s "$here"/*/*.c; do
	[ -f "$src" ] || continue
	name=$(basename "$src"); name=${name%.*}
	obj=$out/$name.o
	build=$(sed -n 's|^[/#* ]*build: *||p' "$src" | head -1)
	if [ -z "$build" ]; then
		fail "$name" "no build: line"; continue
	fi
	cmd=$(printf '%s' "$build" | sed "s|\$SRC|$src|g; s|\$OBJ|$obj|g")
	if ! (cd "$out" && eval "$cmd") > "$out/$name.build.log" 2>&1; then
		fail "$name: build" "$(cat "$out/$name.build.log" | head -5)"; continue
	fi
	expected=${src%.*}.expected	# beside the fixture (tests/golden/ or a subdirectory)
	if [ -f "$expected" ]; then
		: > "$out/$name.out"
		# JSON carries the version of `fpv --version`; the expected files
		# say VERSION, so they hold across releases.
		sed -n 's|^[/#* ]*fpv: *||p' "$src" | while read -r args; do
			echo "\$ fpv $args $name.o"
			(cd "$out" && eval "\"$FPV\" $args $name.o" 2>&1; echo "[exit $?]")
		done | sed "s/\"fpv_version\":\"$version\"/\"fpv_version\":\"VERSION\"/" > "$out/$name.out"
		if diff -u "$expected" "$out/$name.out" > "$out/$name.diff"; then
			echo "PASS: golden: $name"
		else
			fail "$name" "$(cat "$out/$name.diff")"
		fi
	fi
	if grep -q '// s: ' "$src"; then
		sed -n 's|^[^/].*// s: *||p' "$src" > "$out/$name.states.want"
		"$FPV" check --states "$obj" | awk -F'  +' '/^  / { print $4 }' > "$out/$name.states.got"
		if diff -u "$out/$name.states.want" "$out/$name.states.got" > "$out/$name.states.diff"; then
			echo "PASS: golden: $name states"
		else
			fail "$name states" "$(cat "$out/$name.states.diff")"
		fi
	fi
done

# Each warning: documented verbatim, and triggered by some fixture.
docs=$(sed -n 's/.*"\([^"]*\)")[ \\]*$/\1/p' "$top/tool/warn.h")
missing=""; untested=""
IFS='
'
for d in $docs; do
	grep -qF "\`$d\`" "$top/docs/warnings.md" || missing="$missing $d;"
	pat=$(printf '%s' "$d" | sed 's/[][\.*^$]/\\&/g; s/<[^>]*>/.*/g')
	cat "$here"/*.expected 2>/dev/null | grep -q "warning: fpv: .*: $pat\$" || untested="$untested $d;"
done
unset IFS
if [ -z "$missing" ]; then
	echo "PASS: golden: every warning is in docs/warnings.md"
else
	fail "warnings documented" "missing:$missing"
fi
if [ -z "$untested" ]; then
	echo "PASS: golden: every warning has a fixture that triggers it"
else
	fail "warnings triggered" "no fixture triggers:$untested"
fi

# Each finding README.md quotes ("file.o: warning: fpv: func+0x1c: text",
# perhaps followed by its source line " (FILE:LINE)") is one of warn.h's
# texts, <...> standing for any value.
quoted=$(sed -n 's/.*warning: fpv: [^ ]*+0x[0-9a-f]*: \(.*\)$/\1/p' "$top/README.md" |
	sed 's/ ([^ ()]*:[0-9]*)$//')
wrong=""
IFS='
'
for q in $quoted; do
	found=0
	for d in $docs; do
		pat=$(printf '%s' "$d" | sed 's/[][\.*^$]/\\&/g; s/<[^>]*>/.*/g')
		printf '%s\n' "$q" | grep -qx "$pat" && { found=1; break; }
	done
	[ $found = 1 ] || wrong="$wrong $q;"
done
unset IFS
if [ -z "$quoted" ]; then
	fail "README warnings" "README.md quotes no finding"
elif [ -z "$wrong" ]; then
	echo "PASS: golden: every finding README.md quotes is a warn.h text"
else
	fail "README warnings" "not in tool/warn.h:$wrong"
fi
