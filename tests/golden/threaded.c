/*
 * A threaded interpreter compiled by GCC, in the manner of OCaml's
 * caml_interprete (ocamlrun): each handler ends in "goto *(base + *pc++)"
 * (labels as values), and the label addresses are a static table in data
 * that the interpreter hands out to turn opcodes into offsets.  GCC builds
 * the base with adrp/add, dispatches with "ldrsw ; add ; br" while the
 * frame is live, and puts the table in .data.rel.ro.local: R_AARCH64_ABS64
 * relocations in the object, R_AARCH64_RELATIVE in the PIE, the addresses
 * themselves in the executable.  Every handler is reached from the
 * dispatches, with the state DWARF gives there.
 * build: aarch64-linux-gnu-gcc -O2 -fno-omit-frame-pointer -c -o $OBJ $SRC && aarch64-linux-gnu-gcc -O2 -fno-omit-frame-pointer -fPIE -pie -nostdlib -Wl,-e,run -o threaded.pie $SRC && aarch64-linux-gnu-gcc -O2 -fno-omit-frame-pointer -no-pie -nostdlib -Wl,-e,run -o threaded.exe $SRC
 * fpv: check --werror threaded.pie threaded.exe
 * fpv: xcheck --summary threaded.pie threaded.exe
 */
__attribute__((noipa)) long ext(long x)
{
	return x + 3;
}

long run(const int *pc, long acc)
{
	static void *const labels[] = { &&op_inc, &&op_dbl, &&op_call, &&op_stop };
	const char *base = (const char *)&&op_inc;

	if (!pc)
		return (long)labels;
#define NEXT goto *(void *)(base + *pc++)
	NEXT;
op_inc:
	acc++;
	NEXT;
op_dbl:
	acc *= 2;
	NEXT;
op_call:
	acc = ext(acc);
	NEXT;
op_stop:
	return acc;
}
