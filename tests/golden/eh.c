/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * An exception landing pad (C with -fexceptions, as glibc's stdio): the
 * cleanup block at f+0x3c is reached by no branch, only by the unwinder from
 * the calls at f+0x14 and f+0x1c (LSDA call site [0x14, 0x20) -> 0x3c), with
 * the frame as it was at those calls.  It ends in _Unwind_Resume, which never
 * returns.  States in eh.expected were derived from objdump -dr.
 * build: aarch64-linux-gnu-gcc -O2 -fexceptions -fno-omit-frame-pointer -c -o $OBJ $SRC
 * fpv: check --werror
 * fpv: check --states
 */
void may_throw(int);
void cleanup(int *p);

int f(int x)
{
	int __attribute__((cleanup(cleanup))) g = x;

	may_throw(x);
	may_throw(x + 1);
	return g;
}
