#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# `fpv xcheck --html DIR` on the bundled corpus ($O/corpus/*/*.o) and on an
# object whose names are markup ($O/tests/html/names.o), looked at in a real
# browser:
#  - headless Chromium loads the summary, a file page and a function page;
#    the DOM it renders (--dump-dom) must show the counts `fpv xcheck --json`
#    gives for the same inputs: totals, every file's row, both charts, and
#    the disagreements marked on the function page (check.py), with the
#    names shown as text;
#  - a screenshot of the summary is kept: $O/html-report/summary.png;
#  - the same inputs give the same bytes, and a second run replaces the
#    first report;
#  - a DIR that cannot be created, or that holds something else, is one
#    line on stderr naming it, exit status 1, and nothing written.
# Chromium (Debian's chromium, installed by scripts/setup.sh) is required
# when CI is set; elsewhere the browser checks are skipped without it.
O=${O:-build}
here=$(cd "$(dirname "$0")" && pwd)
FPV=$(cd "$O" && pwd)/fpv
art=$O/html-report
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$art"

fixture=$O/tests/html/names.o
set -- "$O"/corpus/*/*.o
if [ ! -f "$1" ] || [ ! -f "$fixture" ]; then
	echo "FAIL: html: corpus or fixture missing (make O=$O check builds them)"
	exit 0
fi
set -- "$@" "$fixture"

# The report, twice: the second run replaces the first in place.
"$FPV" xcheck --summary --html "$tmp/report" "$@" > "$tmp/sum1" 2> "$tmp/err1"
s1=$?
cp -r "$tmp/report" "$tmp/first" 2> /dev/null
"$FPV" xcheck --summary --html="$tmp/report/" "$@" > "$tmp/sum2" 2> "$tmp/err2"
s2=$?
"$FPV" xcheck --json "$@" > "$tmp/xcheck.json" 2> "$tmp/jerr"
if [ $s1 = 0 ] && [ $s2 = 0 ] && [ ! -s "$tmp/err1" ] && [ ! -s "$tmp/err2" ] &&
   [ -f "$tmp/report/index.html" ] && diff -r "$tmp/first" "$tmp/report" > "$tmp/diff"; then
	echo "PASS: html: report written, the same bytes twice, replaced in place"
else
	echo "FAIL: html: report written, the same bytes twice, replaced in place"
	cat "$tmp/err1" "$tmp/err2" "$tmp/diff" 2> /dev/null | head -10 | sed 's/^/  /'
fi
n=$(ls "$tmp/report" | wc -l)
if ls "$tmp" | grep -q '\.tmp-'; then
	echo "FAIL: html: no temporary directory left"
else
	echo "PASS: html: no temporary directory left ($n pages)"
fi

# Bad DIR: under a regular file; a directory that is not a report.
: > "$tmp/afile"
mkdir "$tmp/mine" && echo keep > "$tmp/mine/notes"
for bad in "$tmp/afile/report" "$tmp/afile" "$tmp/mine"; do
	"$FPV" xcheck --summary --html "$bad" "$fixture" > /dev/null 2> "$tmp/bad.err"
	st=$?
	if [ $st = 1 ] && [ "$(wc -l < "$tmp/bad.err")" = 1 ] && grep -qF "$bad:" "$tmp/bad.err" &&
	   [ -z "$(ls "$tmp" | grep '\.tmp-')" ] && [ ! -e "$tmp/afile/report" ] &&
	   [ -f "$tmp/afile" ] && [ ! -s "$tmp/afile" ] && [ "$(ls "$tmp/mine")" = notes ]; then
		echo "PASS: html: bad DIR ${bad#"$tmp"/}: one line naming it, nothing written"
	else
		echo "FAIL: html: bad DIR ${bad#"$tmp"/}: one line naming it, nothing written"
		echo "  exit $st"; sed 's/^/  /' "$tmp/bad.err"
	fi
done

# A disk that fills up while the report is written (a 1 MB tmpfs, in a
# private mount namespace): one line naming DIR, and nothing left on it.
if unshare -m true 2> /dev/null; then
	mkdir -p "$tmp/full"
	unshare -m sh -c 'mount -t tmpfs -o size=1m tmpfs "$1" || exit 3
		m=$1 r=$2; shift 2
		"$@" > /dev/null 2> "$r.err"; echo $? > "$r.rc"; ls -A "$m" > "$r.ls"
	' sh "$tmp/full" "$tmp/res" "$FPV" xcheck --summary --html "$tmp/full/report" "$@"
	if [ "$(cat "$tmp/res.rc" 2> /dev/null)" = 1 ] && [ "$(wc -l < "$tmp/res.err")" = 1 ] &&
	   grep -q "^fpv: $tmp/full/report: cannot write the report: " "$tmp/res.err" &&
	   [ ! -s "$tmp/res.ls" ]; then
		echo "PASS: html: disk full: $(sed "s|$tmp/full/report|DIR|" "$tmp/res.err"), nothing left"
	else
		echo "FAIL: html: disk full: one line naming DIR, nothing left"
		cat "$tmp/res.rc" "$tmp/res.err" "$tmp/res.ls" 2> /dev/null | head -5 | sed 's/^/  /'
	fi
else
	echo "SKIP: html: disk full (unshare -m not permitted here)"
fi

# The browser.
chromium=$(command -v chromium || command -v chromium-browser)
if [ -z "$chromium" ]; then
	if [ "${CI:-}" = true ]; then
		echo "FAIL: html: chromium not installed (scripts/setup.sh installs it)"
	else
		echo "SKIP: html: browser checks (chromium not installed; sh scripts/setup.sh)"
	fi
	exit 0
fi
"$chromium" --version 2> /dev/null | sed 's/^/  /'
# browse PAGE OUT [extra flags]: load PAGE of the report headless, --dump-dom to OUT
browse() {
	page=$1 out=$2
	shift 2
	timeout 60 "$chromium" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage \
		--no-first-run --user-data-dir="$tmp/profile" "$@" "file://$tmp/report/$page" \
		> "$out" 2> "$tmp/chromium.err"
}
# The pages of names.o and of its function x<y>&z, found from the summary.
fpage=$(grep -o 'href="f[0-9]*\.html">[^<]*tests/html/names\.o<' "$tmp/report/index.html" |
	sed 's/href="\([^"]*\)".*/\1/')
func='x<y>&z'
gpage=$(grep -o 'href="f[0-9]*-[0-9]*\.html">x&lt;y&gt;&amp;z<' "$tmp/report/$fpage" 2> /dev/null |
	sed 's/href="\([^"]*\)".*/\1/')
rm -f "$art/summary.png"
if browse index.html "$tmp/index.dom" --dump-dom &&
   browse "$fpage" "$tmp/file.dom" --dump-dom &&
   browse "$gpage" "$tmp/func.dom" --dump-dom &&
   (cd "$art" && browse index.html /dev/null --window-size=1280,2400 \
		--screenshot="$(pwd)/summary.png") &&
   [ -s "$art/summary.png" ] && [ "$(head -c 4 "$art/summary.png" | tail -c 3)" = PNG ]; then
	echo "PASS: html: chromium renders the pages; screenshot $art/summary.png"
else
	echo "FAIL: html: chromium renders the pages; screenshot $art/summary.png"
	echo "  file page '$fpage', function page '$gpage'"
	tail -5 "$tmp/chromium.err" | sed 's/^/  /'
	exit 0
fi
python3 "$here/check.py" "$tmp/xcheck.json" "$tmp/index.dom" "$tmp/file.dom" "$tmp/func.dom" \
	"$func"
