#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Fuzz targets (tests/fuzz/fuzz_*.c, built by `make fuzz` into $O/fuzz).
#
#   run.sh                 the smoke run of `make check`: every target
#                          replays its regression inputs (tests/fuzz/regressions/
#                          TARGET/, inputs that once found a bug) and its seed
#                          corpus, then fuzzes for FUZZ_SMOKE seconds (10) from a
#                          fixed seed.  Any crash, sanitizer report, leak, hang
#                          (> 20 s on one input) or oracle failure is a FAIL with
#                          the reproducer's path.
#   run.sh --long T S R    one long run of target T for S seconds or R
#                          executions, whichever comes first, keeping its corpus
#                          in $O/fuzz/corpus/T and crashes in $O/fuzz/artifacts/T;
#                          prints libFuzzer's final figures (`make fuzz-run`).
#
# SKIP when clang's libFuzzer runtime is missing (the targets were not built).

O=${O:-build}
here=$(dirname "$0")
F=$O/fuzz
TARGETS="elf check dwarf sframe orc orc_lookup unwind sidecar"
SMOKE=${FUZZ_SMOKE:-10}

# Per-target options: ELF files are large, the rest small containers.
opts() {
	case $1 in
	elf) echo "-max_len=131072" ;;
	check) echo "-max_len=65536" ;;
	*) echo "-max_len=16384" ;;
	esac
}

common="-close_fd_mask=1 -timeout=20 -rss_limit_mb=2048 -print_final_stats=1"

if [ "${1:-}" = --long ]; then
	t=$2 secs=$3 runs=$4
	[ -x "$F/fuzz_$t" ] || { echo "run.sh: $F/fuzz_$t not built (make fuzz)" >&2; exit 1; }
	mkdir -p "$F/corpus/$t" "$F/artifacts/$t" "$F/long"
	# a copy: rebuilding the target must not swap the binary under the jobs
	cp "$F/fuzz_$t" "$F/long/fuzz_$t" || exit 1
	# Fork mode: a crash, hang or OOM is saved in artifacts/ and fuzzing goes
	# on, so one long run collects every finding.  Jobs of 10 minutes; the run
	# stops after S seconds or when the jobs' executions pass R.
	dirs="$F/corpus/$t $F/seeds/$t"
	[ -d "$here/regressions/$t" ] && dirs="$dirs $here/regressions/$t"
	start=$(date +%s) total=0
	while [ $(( $(date +%s) - start )) -lt "$secs" ] && [ "$total" -lt "$runs" ]; do
		left=$(( secs - ($(date +%s) - start) ))
		[ "$left" -gt 600 ] && left=600
		nice "$F/long/fuzz_$t" $common $(opts "$t") -fork=1 -ignore_crashes=1 -ignore_timeouts=1 \
			-ignore_ooms=1 -max_total_time="$left" -artifact_prefix="$F/artifacts/$t/" \
			$dirs >"$F/$t.job.log" 2>&1	# non-zero when the job saved a finding
		cat "$F/$t.job.log" >>"$F/$t.log"
		n=$(grep -a '^#[0-9]*: cov:' "$F/$t.job.log" | tail -1 | sed 's/^#\([0-9]*\):.*/\1/')
		[ -n "$n" ] || { echo "run.sh: $t: libFuzzer did not run, see $F/$t.log"; exit 1; }
		total=$(( total + n ))
		grep -a '^#[0-9]*: cov:' "$F/$t.job.log" | tail -1
		echo "run.sh: $t: $total executions so far, $(ls "$F/artifacts/$t" | wc -l) artifacts"
	done
	exit 0
fi

missing=
for t in $TARGETS; do [ -x "$F/fuzz_$t" ] || missing="$missing $t"; done
if [ -n "$missing" ]; then
	cc=$(command -v clang-14 || command -v clang)
	if [ -z "$cc" ]; then
		echo "SKIP: fuzz (no clang)"
	elif [ -z "$(ls "$($cc -print-resource-dir)"/lib/linux/libclang_rt.fuzzer-*.a 2>/dev/null)" ]; then
		echo "SKIP: fuzz (clang's libFuzzer runtime is missing: install libclang-rt-14-dev)"
	else
		echo "FAIL: fuzz: targets not built:$missing (make fuzz O=$O)"
	fi
	exit 0
fi

w=$F/smoke
rm -rf "$w"
for t in $TARGETS; do
	mkdir -p "$w/$t/corpus" "$w/$t/art"
	reg=$here/regressions/$t
	inputs=
	[ -d "$reg" ] && inputs=$(find "$reg" -type f ! -name '*.md' | sort)
	bad=
	# 1. every regression input, one at a time, so a failure names it
	for f in $inputs; do
		if ! "$F/fuzz_$t" $common -runs=1 "$f" >"$w/$t/replay.log" 2>&1; then
			bad="$bad $f"
		fi
	done
	if [ -n "$bad" ]; then
		echo "FAIL: fuzz: $t: regression inputs fail again:$bad"
		grep -aE 'ERROR|runtime error|error contract|SUMMARY' "$w/$t/replay.log" | head -5 | sed 's/^/  /'
		continue
	fi
	# 2. the seeds, then fuzzing from a fixed seed for a few seconds
	nr_seeds=$(ls "$F/seeds/$t" 2>/dev/null | wc -l)
	"$F/fuzz_$t" $common $(opts "$t") -seed=1 -max_total_time="$SMOKE" \
		-artifact_prefix="$w/$t/art/" "$w/$t/corpus" "$F/seeds/$t" >"$w/$t/fuzz.log" 2>&1
	rc=$?
	art=$(ls "$w/$t/art" 2>/dev/null | head -1)
	stats=$(grep -a '^#[0-9]*.*DONE' "$w/$t/fuzz.log" | tail -1 | sed 's/^#\([0-9]*\).*cov: \([0-9]*\) ft: \([0-9]*\).*/\1 runs, cov \2, ft \3/')
	if [ $rc -ne 0 ] || [ -n "$art" ]; then
		echo "FAIL: fuzz: $t: ${art:+reproducer $w/$t/art/$art}"
		grep -aE 'ERROR|runtime error|error contract|SUMMARY|#[0-9] 0x' "$w/$t/fuzz.log" | head -8 | sed 's/^/  /'
	else
		echo "PASS: fuzz: $t: $(echo $inputs | wc -w) regressions, $nr_seeds seeds, ${SMOKE}s: $stats"
	fi
done
