/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A cold split: GCC moves the unlikely path into f.cold (.text.unlikely),
 * entered by "b f.cold" (R_AARCH64_JUMP26 against .text.unlikely) with f's
 * frame still set up.  f.cold must start from f's state at that branch, not
 * from an entry state: its calls are then made with a frame record.  States
 * in cold.expected were derived from the disassembly (objdump -dr), one
 * instruction at a time.
 * build: aarch64-linux-gnu-gcc -O2 -freorder-blocks-and-partition -fno-omit-frame-pointer -c -o $OBJ $SRC
 * fpv: check --werror
 * fpv: check --states
 */
void g(int);
void abort(void) __attribute__((noreturn));
void report(int) __attribute__((cold));

int f(int x, int y)
{
	g(x);
	if (y > 100) {
		report(y);
		abort();
	}
	g(y);
	return x;
}
