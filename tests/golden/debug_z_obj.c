/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * An object with compressed DWARF (gcc -gz: .debug_info, .debug_line and
 * .debug_frame SHF_COMPRESSED, their relocations applying to the bytes they
 * decompress to).  fpv reads it: the finding names its source line (libdwfl
 * reads the compressed sections), xcheck reads .debug_frame decompressed,
 * and `fpv orc` writes the file back with .debug_frame as it was, still
 * compressed and readable by the xcheck that follows.
 * build: aarch64-linux-gnu-gcc -g -gz=zlib -O2 -fno-asynchronous-unwind-tables -fno-unwind-tables -fdebug-prefix-map=$(dirname $SRC)=tests/golden -c -o $OBJ $SRC
 * fpv: check --fp
 * fpv: orc
 * fpv: xcheck --dwarf=debug --summary
 */
void g(void);

int f(int x)
{
	g();
	return x + 1;
}

void no_record(void)
{
	__asm__ volatile("bl g" ::: "memory");
}
