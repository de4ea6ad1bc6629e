#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# ORC round trips.  For every object (the bundled corpus built in
# $O/corpus/<cfg>/, plus tests/orc/prog.c built here with GCC and Clang,
# with and without PAC):
#   - `fpv orc` adds the tables; readelf -r shows one well-formed
#     R_AARCH64_PREL32 per .orc_unwind_ip word, against text sections;
#   - a second `fpv orc` is refused and leaves the file byte-identical;
#   - the object links with GNU ld and with ld.lld, the program prints and
#     exits the same as the one linked without ORC (qemu-aarch64);
#   - `fpv dump --expand` of each linked image (the run-time lookup at every
#     instruction) equals `fpv orc --dry-run --expand` of the same image
#     (fpv's analysis of the linked code), over the object's functions;
#   - the executable linked without ORC gets .fpv_orc, standard and
#     --compact, and both decode to the same per-instruction entries;
#     its .fpv_funcs parses and has every function symbol with its owner
#     (funcs_check.py), and a second fpv orc on it is refused;
#   - Debian's stripped libc.so.6 gets .fpv_funcs too, every exported
#     function has its entry, atol (B strtoimax) is flagged, abs is not;
#   - tests/orc/funcs.c (GCC and Clang 16, -O2): the functions that tail-call
#     have ORC_FUNC_ANY_CALLEE, a leaf, a jump table and a GCC cold part
#     with its parent do not; the functions only ever called directly have
#     ORC_FUNC_DIRECT_ONLY, those whose address is in a table (absolute or
#     relative), passed as an argument, or that an address-taken function
#     tail-calls do not; linked as a shared library, only the static
#     function called directly has it, the exported ones do not;
#   - the fixture and blr_libc.c (libc calling back and calling its own
#     function pointers) run under qemu one instruction at a time: no
#     instruction in the callee frame of a BLR, in the program or in libc,
#     lies in a function with ORC_FUNC_DIRECT_ONLY (blr_trace.py).
# The same round trip runs with --from=dwarf, the compiler's own CFI.
# Kernel objects ($KOBJ, default $FPV_KERNEL_DIR/arm64, where
# scripts/kernel-corpus.sh builds them; $FPV_KERNEL_DIR defaults to $O/kernel)
# get ORC, are relinked with ld -r (GNU ld and ld.lld), and keep their tables.
# Environment: O (build dir), FPV.

O=${O:-build}
FPV=${FPV:-$O/fpv}
here=$(cd "$(dirname "$0")" && pwd)
work=$O/tests/orc
rm -rf "$work"
mkdir -p "$work/lldbin"
ln -sf "$(command -v ld.lld)" "$work/lldbin/ld.lld"
CC=aarch64-linux-gnu-gcc
SYSROOT=/usr/aarch64-linux-gnu
QEMU="qemu-aarch64 -L $SYSROOT"

pass() { echo "PASS: $1"; }
skip() { echo "SKIP: $1 ($2)"; }
fail() {
	echo "FAIL: $1"
	shift
	for l in "$@"; do echo "  $l"; done
}

# Run a program; its stdout and exit status are what must not change.
run_prog() {
	$QEMU "$1" > "$1.out" 2>&1
	echo "exit=$?" >> "$1.out"
}

# Text symbols of an object, one per line (the functions to compare).
funcs_of() {
	aarch64-linux-gnu-nm "$1" | awk '$2 ~ /^[tTW]$/ { print $3 }' | sort -u
}

# Keep expanded lines whose function is in the list $1.
only_funcs() {
	awk 'NR == FNR { f[$1] = 1; next } { split($2, a, "+"); if (a[1] in f) print }' "$1" "$2"
}

# readelf -SW with "[ 1]" written "[1]", so the name is always field 2.
sections() {
	aarch64-linux-gnu-readelf -SW "$1" | sed 's/^ *\[ */[/'
}

# readelf -r: every .orc_unwind_ip word has one PREL32 against a text section.
check_relocs() {
	obj=$1
	words=$(sections "$obj" | awk '$2 == ".orc_unwind_ip" { print $6 }')
	[ -n "$words" ] || { echo "no .orc_unwind_ip section"; return 1; }
	words=$((0x$words / 4))
	aarch64-linux-gnu-readelf -rW "$obj" | awk -v want="$words" '
		/^Relocation section/ { inorc = ($0 ~ /\.rela\.orc_unwind_ip/); next }
		inorc && NF >= 5 && $1 ~ /^[0-9a-f]+$/ {
			n++
			if ($3 != "R_AARCH64_PREL32") { print "bad type " $3; bad = 1 }
			if ($1 != sprintf("%016x", 4 * (n - 1))) { print "offset " $1 " out of order"; bad = 1 }
		}
		END {
			if (n != want) { print n " relocations for " want " words"; bad = 1 }
			exit bad
		}'
}

# The whole round trip for one object: $1 object, $2 test name, $3 extra orc args.
roundtrip() {
	src=$1 name=$2 from=$3
	d=$work/$name
	mkdir -p "$d"
	cp "$src" "$d/x.o"
	if ! $CC -o "$d/ref" "$d/x.o" -lm 2> "$d/link.err"; then
		skip "orc $name" "object does not link into a program on its own"
		return
	fi
	run_prog "$d/ref"
	if ! $FPV orc $from "$d/x.o" 2> "$d/orc.err"; then
		fail "orc $name: fpv orc" "$(head -3 "$d/orc.err")"
		return
	fi
	cp "$d/x.o" "$d/x.once"
	if $FPV orc $from "$d/x.o" 2> "$d/twice.err" || ! cmp -s "$d/x.o" "$d/x.once" ||
	   ! grep -q "already has ORC" "$d/twice.err"; then
		fail "orc $name: second run must be refused, file unchanged"
	else
		pass "orc $name: second run refused"
	fi
	if err=$(check_relocs "$d/x.o"); then
		pass "orc $name: readelf -r well-formed"
	else
		fail "orc $name: readelf -r" "$err"
	fi
	funcs_of "$d/x.o" > "$d/funcs"
	for ld in bfd lld; do
		lflag=
		[ $ld = lld ] && lflag="-B$work/lldbin -fuse-ld=lld"
		if ! $CC $lflag -o "$d/$ld" "$d/x.o" -lm 2> "$d/$ld.err"; then
			fail "orc $name: link with $ld" "$(head -3 "$d/$ld.err")"
			continue
		fi
		run_prog "$d/$ld"
		if ! cmp -s "$d/ref.out" "$d/$ld.out"; then
			fail "orc $name: $ld: program output changed" "$(diff "$d/ref.out" "$d/$ld.out" | head -4)"
			continue
		fi
		$FPV dump --expand "$d/$ld" > "$d/$ld.dump" 2> "$d/$ld.dump.err"
		$FPV orc $from --dry-run --expand "$d/$ld" > "$d/$ld.gen" 2> "$d/$ld.gen.err"
		only_funcs "$d/funcs" "$d/$ld.dump" > "$d/$ld.dump.f"
		only_funcs "$d/funcs" "$d/$ld.gen" > "$d/$ld.gen.f"
		if [ ! -s "$d/$ld.dump.f" ]; then
			fail "orc $name: $ld: dump of the linked image is empty" "$(head -2 "$d/$ld.dump.err")"
		elif ! diff -u "$d/$ld.gen.f" "$d/$ld.dump.f" > "$d/$ld.diff"; then
			fail "orc $name: $ld: linked tables differ from the analysis of the linked code" \
			     "$(sed -n 3,8p "$d/$ld.diff")"
		else
			pass "orc $name: $ld: runs, tables equal analysis at $(wc -l < "$d/$ld.dump.f") insns"
		fi
	done
	# .fpv_orc: every fixture build, the -O2 corpus builds (time: make check)
	case $name in
	corpus-*-O0-* | corpus-*-Os-*) ;;
	*) linked_blob "$d" "$name" "$from" ;;
	esac
}

# The comparison must notice a wrong table: change one linked entry's CFA.
tamper() {
	d=$1 name=$2
	[ -f "$d/bfd" ] || return
	off=$(sections "$d/bfd" | awk '$2 == ".orc_unwind" { print $5 }')
	cp "$d/bfd" "$d/bad"
	# entry 1's cfa (s16): the second record of the first function
	printf '\177' | dd of="$d/bad" bs=1 seek=$((0x$off + 8)) conv=notrunc 2> /dev/null
	$FPV dump --expand "$d/bad" 2> /dev/null | only_funcs "$d/funcs" - > "$d/bad.dump.f"
	if cmp -s "$d/bad.dump.f" "$d/bfd.gen.f"; then
		fail "orc $name: a corrupted linked entry went unnoticed"
	else
		pass "orc $name: a corrupted linked entry is detected"
	fi
}

# .fpv_orc in the executable linked without ORC, standard and compact.
linked_blob() {
	d=$1 name=$2 from=$3
	cp "$d/ref" "$d/exe.std"
	cp "$d/ref" "$d/exe.cmp"
	if ! $FPV orc $from "$d/exe.std" 2> "$d/exe.err" || ! $FPV orc $from --compact "$d/exe.cmp" 2>> "$d/exe.err"; then
		fail "orc $name: .fpv_orc in the executable" "$(head -3 "$d/exe.err")"
		return
	fi
	run_prog "$d/exe.std"
	$FPV orc $from --dry-run --expand "$d/ref" > "$d/exe.gen" 2>/dev/null
	$FPV dump --expand "$d/exe.std" > "$d/exe.std.dump" 2>/dev/null
	$FPV dump --expand "$d/exe.cmp" > "$d/exe.cmp.dump" 2>/dev/null
	if ! cmp -s "$d/ref.out" "$d/exe.std.out"; then
		fail "orc $name: executable with .fpv_orc: output changed"
	elif [ ! -s "$d/exe.gen" ] || ! cmp -s "$d/exe.gen" "$d/exe.std.dump" ||
	     ! cmp -s "$d/exe.gen" "$d/exe.cmp.dump"; then
		fail "orc $name: .fpv_orc standard/compact differ from the analysis" \
		     "$(diff "$d/exe.gen" "$d/exe.cmp.dump" | head -4)"
	else
		pass "orc $name: .fpv_orc standard + compact decode to the analysis"
	fi
	if err=$(python3 "$here/funcs_check.py" "$d/exe.std" 2>&1); then
		pass "orc $name: .fpv_funcs: $err"
	else
		fail "orc $name: .fpv_funcs" "$err"
	fi
	cp "$d/exe.std" "$d/exe.once"
	if $FPV orc $from "$d/exe.std" 2> "$d/exe.twice" || ! cmp -s "$d/exe.std" "$d/exe.once" ||
	   ! grep -q "already has ORC" "$d/exe.twice"; then
		fail "orc $name: second run on the executable must be refused, file unchanged"
	fi
	# _start begins the stack: a reliable walk ends on its END_OF_STACK entry
	if $FPV dump "$d/exe.cmp" 2>/dev/null | grep -q '^0x[0-9a-f]* _start+0x0 .*type:end'; then
		pass "orc $name: _start is END_OF_STACK"
	else
		fail "orc $name: _start is not END_OF_STACK" "$($FPV dump "$d/exe.cmp" 2>&1 | grep _start | head -2)"
	fi
}

[ -x "$FPV" ] || { fail "orc: $FPV missing"; exit 0; }
if ! command -v qemu-aarch64 > /dev/null || ! command -v $CC > /dev/null; then
	skip "orc round trips" "qemu-aarch64 or $CC missing"
	exit 0
fi

# Golden: the dump of a hand-written object against hand-derived records.
mkdir -p "$work/golden"
if aarch64-linux-gnu-as -o "$work/golden/golden.o" "$here/golden.s" &&
   $FPV orc "$work/golden/golden.o" && $FPV dump "$work/golden/golden.o" > "$work/golden/out" &&
   diff -u "$here/golden.expected" "$work/golden/out" > "$work/golden/diff"; then
	pass "orc golden: fpv dump of golden.s"
else
	fail "orc golden: fpv dump of golden.s" "$(sed -n 3,10p "$work/golden/diff" 2>/dev/null)"
fi

# One .orc_header per link: fpv orc puts each object's header alone in a
# COMDAT group named after it, so ld -r (GNU ld and ld.lld) and a final
# link keep one 16-byte copy however many objects carry one.
h=$work/header
mkdir -p "$h"
printf 'int f(int x) { return x + 1; }\n' > "$h/a.c"
printf 'int f(int);\nint main(int c, char **v) { (void)v; return f(c) - c - 1; }\n' > "$h/b.c"
header_size() {
	aarch64-linux-gnu-readelf -SW "$1" |
		awk '{ sub(/^ *\[ *[0-9]+\] */, "") } $1 == ".orc_header" { n++; s = $5 } END { print n "x" s }'
}
if $CC -O2 -c -o "$h/a.o" "$h/a.c" && $CC -O2 -c -o "$h/b.o" "$h/b.c" &&
   $FPV orc "$h/a.o" && $FPV orc "$h/b.o"; then
	got=$(aarch64-linux-gnu-readelf -gW "$h/a.o" | grep -c 'COMDAT group section .* \[\.orc_header\]')
	aarch64-linux-gnu-ld -r -o "$h/bfd.o" "$h/a.o" "$h/b.o" 2> "$h/err"
	ld.lld -r -o "$h/lld.o" "$h/a.o" "$h/b.o" 2>> "$h/err"
	$CC -o "$h/exe" "$h/a.o" "$h/b.o" 2>> "$h/err"
	sizes="$(header_size "$h/bfd.o") $(header_size "$h/lld.o") $(header_size "$h/exe")"
	if [ "$got" = 1 ] && [ "$sizes" = "1x000010 1x000010 1x000010" ] && $FPV dump "$h/bfd.o" > /dev/null &&
	   run_prog "$h/exe" && grep -qx exit=0 "$h/exe.out"; then
		pass "orc header: one COMDAT .orc_header after ld -r (bfd, lld) and a link"
	else
		fail "orc header: one .orc_header per link" "group in a.o: $got; bfd, lld, exe: $sizes" \
			"$(head -3 "$h/err")"
	fi
else
	fail "orc header: fpv orc on two objects"
fi

# tests/orc/prog.c in several builds.
n=0
for cfg in "gcc-O2:$CC -O2 -fno-omit-frame-pointer" \
	   "gcc-O0:$CC -O0" \
	   "gcc-O2-pac:$CC -O2 -fno-omit-frame-pointer -mbranch-protection=standard" \
	   "clang-O2:clang --target=aarch64-linux-gnu -O2 -fno-omit-frame-pointer" \
	   "clang-O2-pac:clang --target=aarch64-linux-gnu -O2 -fno-omit-frame-pointer -mbranch-protection=standard"; do
	c=${cfg%%:*}
	cmd=${cfg#*:}
	mkdir -p "$work/src"
	if $cmd -c -o "$work/src/prog-$c.o" "$here/prog.c" 2> "$work/src/$c.err"; then
		roundtrip "$work/src/prog-$c.o" "prog-$c"
		n=$((n + 1))
	else
		skip "orc prog-$c" "$(head -1 "$work/src/$c.err")"
	fi
done
tamper "$work/prog-gcc-O2" "prog-gcc-O2"
roundtrip "$work/src/prog-gcc-O2.o" "prog-gcc-O2-dwarf" --from=dwarf
roundtrip "$work/src/prog-clang-O2.o" "prog-clang-O2-dwarf" --from=dwarf

# .fpv_funcs flags on a fixture whose functions' exits are known.
funcs_fixture() {
	c=$1 cmd=$2 want=$3
	f=$work/funcs
	mkdir -p "$f"
	# linked by the GCC cross driver, as corpus/rules.mk does for Clang
	if ! $cmd -O2 -fno-omit-frame-pointer -c -o "$f/$c.o" "$here/funcs.c" 2> "$f/$c.err" ||
	   ! $CC -o "$f/$c" "$f/$c.o" 2>> "$f/$c.err"; then
		skip "orc funcs $c" "$(head -1 "$f/$c.err")"
		return
	fi
	if ! $FPV orc "$f/$c" 2> "$f/$c.orc.err"; then
		fail "orc funcs $c: fpv orc" "$(head -3 "$f/$c.orc.err")"
	elif err=$(python3 "$here/funcs_check.py" "$f/$c" --any=sibling,indirect --none=leaf,sw,split $want 2>&1); then
		pass "orc funcs $c: tail calls flagged, leaf/jump table/cold part not: $err"
	else
		fail "orc funcs $c" "$err"
	fi
	if err=$(python3 "$here/funcs_check.py" "$f/$c" --direct=$direct_exe --indirect=$indirect_exe 2>&1); then
		pass "orc funcs $c: direct-only unless the address is taken: $err"
	else
		fail "orc funcs $c: direct-only" "$err"
	fi
	# fpv dump --funcs says the same as the independent reader
	$FPV dump --funcs "$f/$c" > "$f/$c.dump" 2> "$f/$c.dump.err"
	got=$(awk '$2 == "sibling" || $2 == "leaf" || $2 == "split" || $2 == "split.cold" {
			sub(/^owner:/, "", $3); o[$2] = $3; a[$2] = ($4 == "any-callee"); s[$2] = $1 }
		END { printf "%d%d%d", a["sibling"], a["leaf"], a["split"]
		      if ("split.cold" in o) printf " %s", (o["split.cold"] == s["split"] && !a["split.cold"]) }' "$f/$c.dump")
	case $c:$got in
	gcc:"100 1" | clang16:100) pass "orc funcs $c: fpv dump --funcs" ;;
	*) fail "orc funcs $c: fpv dump --funcs: flags sibling,leaf,split[ cold-owner] '$got'" \
		"$(head -3 "$f/$c.dump.err")" ;;
	esac
	got=$(awk '$2 == "only_direct" || $2 == "leaf" { d[$2] = ($NF == "direct-only") }
		END { printf "%d%d", d["only_direct"], d["leaf"] }' "$f/$c.dump")
	[ "$got" = 10 ] || fail "orc funcs $c: fpv dump --funcs: direct-only only_direct,leaf '$got'"
	funcs_shared "$c" "$cmd"
	# a damaged table is reported, not printed
	cp "$f/$c" "$f/$c.bad"
	off=$(sections "$f/$c.bad" | awk '$2 == ".fpv_funcs" { print $5 }')
	printf 'X' | dd of="$f/$c.bad" bs=1 seek=$((0x$off)) conv=notrunc 2> /dev/null
	if $FPV dump --funcs "$f/$c.bad" > /dev/null 2> "$f/$c.bad.err" ||
	   ! grep -q "fpv_funcs: bad ORC magic" "$f/$c.bad.err"; then
		fail "orc funcs $c: a damaged .fpv_funcs is not reported" "$(head -2 "$f/$c.bad.err")"
	fi
}
# The functions of tests/orc/funcs.c that must (not) be ORC_FUNC_DIRECT_ONLY.
direct_exe=only_direct,sw,sibling,indirect,split,apply,by_index,by_rel
indirect_exe=tab_a,tab_b,rel_a,rel_b,by_arg,tail_target,leaf,main
# The same fixture as a shared library: every global function is exported.
funcs_shared() {
	c=$1 cmd=$2
	if ! $cmd -O2 -fno-omit-frame-pointer -fPIC -DFUNCS_SHARED -c -o "$f/$c.so.o" "$here/funcs.c" \
		2> "$f/$c.so.err" || ! $CC -shared -o "$f/$c.so" "$f/$c.so.o" 2>> "$f/$c.so.err"; then
		fail "orc funcs $c.so: build" "$(head -2 "$f/$c.so.err")"
	elif ! $FPV orc "$f/$c.so" 2> "$f/$c.so.orc.err"; then
		fail "orc funcs $c.so: fpv orc" "$(head -3 "$f/$c.so.orc.err")"
	elif err=$(python3 "$here/funcs_check.py" "$f/$c.so" --direct=only_direct \
		   --indirect=$(echo "$direct_exe,$indirect_exe" | sed 's/^only_direct,//; s/,main$//') 2>&1); then
		pass "orc funcs $c.so: exported functions not direct-only, a static one is: $err"
	else
		fail "orc funcs $c.so: direct-only" "$err"
	fi
}
# ORC_FUNC_DIRECT_ONLY against a run of the fixture (qemu, one instruction
# per block): no instruction run in a BLR's callee frame, in the program or
# in libc, lies in a function flagged direct-only (blr_trace.py).
blr_trace() {
	c=$1 f=$work/funcs
	if [ "$c" = blr_libc ] && ! { $CC -O2 -o "$f/$c" "$here/blr_libc.c" -lpthread 2> "$f/$c.err" &&
					$FPV orc "$f/$c" 2>> "$f/$c.err"; }; then
		fail "orc funcs $c: build, fpv orc" "$(head -2 "$f/$c.err")"
		return
	fi
	if [ ! -f "$f/$c" ] || [ ! -f "$f/libc.so.6" ]; then
		skip "orc funcs $c: BLR trace" "no fixture or no libc.so.6 with .fpv_funcs"
		return
	fi
	$QEMU -E LD_LIBRARY_PATH="$f" -singlestep -d exec,nochain,page -D "$f/$c.trace" "$f/$c" 5 \
		> /dev/null 2>&1
	err=$(python3 "$here/blr_trace.py" "$f/$c.trace" "$f/$c" "$f/libc.so.6" \
		"$SYSROOT/lib/ld-linux-aarch64.so.1" 2>&1)
	case $? in
	0) pass "orc funcs $c: BLR trace: no callee frame in a direct-only function: $err" ;;
	2) skip "orc funcs $c: BLR trace" "$(echo "$err" | head -1)" ;;
	*) fail "orc funcs $c: BLR trace" "$(echo "$err" | head -5)" ;;
	esac
	rm -f "$f/$c.trace"
}
# A stripped shared library: functions from .dynsym and .eh_frame FDEs.
funcs_libc() {
	lib=$SYSROOT/lib/libc.so.6
	f=$work/funcs
	mkdir -p "$f"
	[ -f "$lib" ] || { skip "orc funcs libc.so.6" "no $lib"; return; }
	cp "$lib" "$f/libc.so.6"
	if ! $FPV orc "$f/libc.so.6" 2> "$f/libc.err"; then
		fail "orc funcs libc.so.6: fpv orc" "$(grep -v warning "$f/libc.err" | head -3)"
	elif err=$(python3 "$here/funcs_check.py" "$f/libc.so.6" --any=atol,atoll --none=abs,labs,toupper \
		   --indirect=abs,atol,malloc,qsort 2>&1); then
		pass "orc funcs libc.so.6 (stripped): $err"
	else
		fail "orc funcs libc.so.6 (stripped)" "$err"
	fi
}
if command -v python3 > /dev/null; then
	funcs_libc
	funcs_fixture gcc "$CC" "--cold=split.cold --none=split.cold"
	funcs_fixture clang16 "clang-16 --target=aarch64-linux-gnu" ""
	blr_trace gcc
	blr_trace clang16
	blr_trace blr_libc
fi

# The bundled corpus, as corpus/rules.mk built it.
found=0
for o in "$O"/corpus/*/*.o; do
	[ -f "$o" ] || continue
	found=1
	cfg=$(basename "$(dirname "$o")")
	roundtrip "$o" "corpus-$cfg-$(basename "$o" .o)"
done
[ $found = 1 ] || skip "orc corpus" "no objects in $O/corpus/*/ (make corpus first)"

# Kernel objects: ORC added to each, then relinked with ld -r (GNU ld and
# ld.lld, as the kernel links modules); the relinked tables must equal the
# analysis of the same objects relinked without ORC.
kernel_relink() {
	kdir=${KOBJ:-${FPV_KERNEL_DIR:-$O/kernel}/arm64}
	k=$work/kernel
	mkdir -p "$k/orc" "$k/plain"
	objs=$(cd "$kdir" 2>/dev/null && find kernel mm lib -name '*.o' -size +8k 2>/dev/null |
	       LC_ALL=C sort | awk 'NR % 25 == 1' | head -12)
	if [ -z "$objs" ]; then
		skip "orc kernel relink" "no kernel objects in $kdir"
		return
	fi
	list_orc= list_plain= bad=
	for o in $objs; do
		b=$(echo "$o" | tr / _)
		cp "$kdir/$o" "$k/orc/$b"
		cp "$kdir/$o" "$k/plain/$b"
		if ! $FPV orc "$k/orc/$b" 2> "$k/$b.err"; then
			bad="$bad $o: $(head -1 "$k/$b.err")"
		elif ! err=$(check_relocs "$k/orc/$b"); then
			bad="$bad $o: $err"
		fi
		list_orc="$list_orc $k/orc/$b"
		list_plain="$list_plain $k/plain/$b"
	done
	if [ -n "$bad" ]; then
		fail "orc kernel: fpv orc + readelf -r on $(echo $objs | wc -w) objects" "$bad"
		return
	fi
	pass "orc kernel: fpv orc + readelf -r on $(echo $objs | wc -w) objects"
	for ld in aarch64-linux-gnu-ld ld.lld; do
		if ! $ld -r -o "$k/$ld.orc.o" $list_orc 2> "$k/$ld.err" ||
		   ! $ld -r -o "$k/$ld.plain.o" $list_plain 2>> "$k/$ld.err"; then
			fail "orc kernel: $ld -r" "$(head -3 "$k/$ld.err")"
			continue
		fi
		$FPV dump --expand "$k/$ld.orc.o" > "$k/$ld.dump" 2> "$k/$ld.dump.err"
		$FPV orc --dry-run --expand "$k/$ld.plain.o" > "$k/$ld.gen" 2> /dev/null
		if [ ! -s "$k/$ld.dump" ]; then
			fail "orc kernel: $ld -r: no tables after relinking" "$(head -2 "$k/$ld.dump.err")"
		elif ! diff -u "$k/$ld.gen" "$k/$ld.dump" > "$k/$ld.diff"; then
			fail "orc kernel: $ld -r: relinked tables differ from the analysis" \
			     "$(grep -c '^[-+]0\|^[-+]\.' "$k/$ld.diff") lines differ" "$(sed -n 3,6p "$k/$ld.diff")"
		else
			pass "orc kernel: $ld -r keeps the tables ($(wc -l < "$k/$ld.dump") insns)"
		fi
	done
}
kernel_relink
