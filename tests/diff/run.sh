#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Differential test of the AArch64 decoder against capstone and llvm-mc-16
# (tests/diff/diff.c says what is compared and how).  Three corpora:
#   random    DIFF_RANDOM random words (default 2,000,000, fixed seed;
#             `make diff-full` runs 10,000,000)
#   sweep     every value of bits 31:16 with 16 lower halves naming x29/x30
#             (1,048,576 words): narrow encodings are not left to chance
#   compiled  the .text* words of the bundled corpus objects
#             ($O/corpus/<config>/*.o: GCC, Clang 14 and Clang 16 at -O0/-O2/-Os,
#             with and without frame pointers and PAC/BTI), plus corpus/*.c
#             built here for newer targets (LSE atomics, SVE2, MTE) so that
#             those encodings appear in compiled code too
#   kernel    with --kernel (`make diff-kernel`): every text section of the
#             arm64 objects in build/kernel/arm64/{kernel,mm,lib}
# Text bytes come from aarch64-linux-gnu-objcopy -O binary, not from fpv's
# ELF layer.  For the compiled and kernel corpora the instruction text
# (arch_format) is also compared with GNU objdump's, branch and literal
# targets excepted (objdump prints them through relocations and symbols).
O=${O:-build}
DIFF=$O/tests/diff/diff
work=$O/tests/diff/work
here=$(dirname "$0")
top=$here/../..

if [ ! -x "$DIFF" ]; then
	echo "SKIP: diff (no $DIFF; run make check)"
	exit 0
fi
for t in llvm-mc-16 aarch64-linux-gnu-objcopy aarch64-linux-gnu-objdump; do
	if ! command -v $t >/dev/null; then
		echo "FAIL: diff: $t not installed (scripts/setup.sh installs it)"
		exit 0
	fi
done
rm -rf "$work"
mkdir -p "$work"

# text_words OBJ PREFIX: one raw file per executable section of OBJ.
text_words() {
	aarch64-linux-gnu-objdump -h "$1" 2>/dev/null | awk '
		/^ *[0-9]+ / { name = $2; getline; if ($0 ~ /CODE/) print name }' |
	while read -r sec; do
		out="$2$(echo "$sec" | tr -c 'A-Za-z0-9_\n' '_').bin"
		aarch64-linux-gnu-objcopy -O binary --only-section="$sec" "$1" "$out" 2>/dev/null
		[ -s "$out" ] || rm -f "$out"
	done
}

# objdump_text NAME OBJ...: arch_format against aarch64-linux-gnu-objdump -d.
objdump_text() {
	name=$1
	shift
	: > "$work/$name.od"
	: > "$work/$name.fpv"
	for o in "$@"; do
		aarch64-linux-gnu-objdump -d "$o" | awk -F'\t' '
			/^ +[0-9a-f]+:\t[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f] \t/ {
				t = $3; if (NF > 3) t = t " " $4
				sub(/[ \t]*\/\/.*/, "", t); sub(/ *<.*/, "", t); sub(/ +$/, "", t)
				w = $2; sub(/ +$/, "", w); print w " " t
			}' >> "$work/$name.od"
	done
	cut -d' ' -f1 "$work/$name.od" | "$DIFF" --print > "$work/$name.fpv"
	# branch-like words: compare the mnemonic only (targets are relocated)
	paste -d'|' "$work/$name.od" "$work/$name.fpv" | awk -F'|' '
		{
			split($1, a, " "); split($2, b, " ")
			o = substr($1, 10); f = substr($2, 10)
			m = a[2]
			if (m ~ /^(b|bl|cbz|cbnz|tbz|tbnz|adr|adrp|b\..*|bc\..*)$/ || (m ~ /^ldr/ && o !~ /\[/) || m ~ /^prfm$/ && o !~ /\[/) {
				o = m; f = b[2]
			}
			n++
			if (o != f) { bad++; if (bad <= 20) print "  " a[1] ": objdump \"" o "\", fpv \"" f "\"" }
		}
		END { printf "  %d words, %d with a different text\n", n, bad; exit bad != 0 }' > "$work/$name.text.log"
	if [ $? -eq 0 ]; then
		echo "PASS: diff: $name text as objdump"
	else
		echo "FAIL: diff: $name text as objdump"
	fi
	cat "$work/$name.text.log"
}

# run NAME ARGS...: run diff.c, PASS/FAIL with its summary.
run() {
	name=$1
	shift
	if "$DIFF" --show 20 "$@" > "$work/$name.log" 2>&1; then
		echo "PASS: diff: $name"
		sed -n 's/^/  /; /words, /p; /excluded [0-9]/p' "$work/$name.log"
	else
		echo "FAIL: diff: $name"
		sed 's/^/  /' "$work/$name.log" | head -80
	fi
}

if [ "$1" = "--kernel" ]; then
	kdir=$top/build/kernel/arm64
	if [ ! -d "$kdir" ]; then
		echo "SKIP: diff: kernel (no $kdir; scripts/kernel-corpus.sh builds it)"
		exit 0
	fi
	mkdir -p "$work/kernel"
	n=0
	for o in $(find "$kdir/kernel" "$kdir/mm" "$kdir/lib" -name '*.o' 2>/dev/null | sort); do
		n=$((n + 1))
		text_words "$o" "$work/kernel/$n-"
	done
	if ! ls "$work/kernel/" | grep -q .; then
		echo "SKIP: diff: kernel (no objects with text)"
		exit 0
	fi
	echo "  kernel: $n objects"
	run kernel "$work"/kernel/*.bin
	objdump_text kernel $(find "$kdir/kernel" "$kdir/mm" "$kdir/lib" -name '*.o' | sort)
	exit 0
fi

run random --random "${DIFF_RANDOM:-2000000}" 20260101
run sweep --sweep 20260101

objs=$(ls "$O"/corpus/*/*.o 2>/dev/null)
if [ -z "$objs" ]; then
	echo "SKIP: diff: compiled (no corpus objects; make corpus)"
	exit 0
fi
mkdir -p "$work/compiled"
n=0
for o in $objs; do
	n=$((n + 1))
	text_words "$o" "$work/compiled/$n-"
done
# newer targets: LSE atomics, SVE2, MTE, PAC
for c in "$top"/corpus/*.c; do
	b=$(basename "$c" .c)
	for v in "gcc:aarch64-linux-gnu-gcc -O2 -march=armv8.5-a+sve2+memtag -mbranch-protection=standard" \
		 "clang16:clang-16 --target=aarch64-linux-gnu -O3 -march=armv9-a+sve2+lse+memtag -fno-omit-frame-pointer"; do
		tag=${v%%:*}
		cmd=${v#*:}
		if $cmd -c -o "$work/$b-$tag.o" "$c" 2>/dev/null; then
			text_words "$work/$b-$tag.o" "$work/compiled/new-$b-$tag-"
		fi
	done
done
run compiled "$work"/compiled/*.bin
objdump_text compiled $objs "$work"/*.o
