// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Clang 16 with synchronous unwind tables describes no epilogue: the arm64
 * kernel builds with -fno-asynchronous-unwind-tables -fno-unwind-tables -g
 * (its .debug_frame), and there clang 16 emits no CFI after the prologue,
 * so the row of the body holds until the end of the function
 * (docs/xcheck-study.md, "clang 16 with the kernel's flags").  At the `ret`
 * after "ldp x29, x30, [sp], #32" the CFA is still x29 + 32, x29 already
 * the caller's (cfa-stale-fp, callee); in a leaf with no frame record it is
 * still sp + N after "add sp, sp, #N" (cfa-offset, leaf).  With the default
 * asynchronous tables clang 16 describes both epilogues and agrees.  Build:
 *   clang-16 --target=aarch64-linux-gnu -O2 -fno-omit-frame-pointer \
 *     -fno-asynchronous-unwind-tables -fno-unwind-tables -g -c clang_sync.c
 *   clang-16 --target=aarch64-linux-gnu -O2 -fno-omit-frame-pointer -g0 \
 *     -c clang_sync.c -o clang_async.o
 */
extern long g(long);

/* a frame record: x29/x30 saved, reloaded in the epilogue */
long callee(long a)
{
	return g(a) * 3 + a;
}

/* a leaf needing callee-saved registers: no frame record, x29 a general register */
void leaf(long *p, long n)
{
	long a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0, a7 = 0,
	     a8 = 0, a9 = 0, a10 = 0, a11 = 0, a12 = 0, a13 = 0, a14 = 0,
	     a15 = 0, a16 = 0, a17 = 0, a18 = 0, a19 = 0;

	for (long i = 0; i < n; i++) {
		a0 += p[i]; a1 ^= p[i + 1]; a2 += p[i + 2] * 3; a3 |= p[i + 3];
		a4 += p[i + 4] << 1; a5 -= p[i + 5]; a6 += p[i + 6] >> 2;
		a7 ^= p[i + 7] * 5; a8 += p[i + 8]; a9 |= p[i + 9] * 7;
		a10 += p[i + 10] * 9; a11 ^= p[i + 11]; a12 += p[i + 12] * 11;
		a13 -= p[i + 13]; a14 += p[i + 14] * 13; a15 ^= p[i + 15] * 3;
		a16 += p[i + 16] >> 1; a17 |= p[i + 17]; a18 += p[i + 18] * 17;
		a19 ^= p[i + 19] * 19;
	}
	p[0] = a0; p[1] = a1; p[2] = a2; p[3] = a3; p[4] = a4; p[5] = a5;
	p[6] = a6; p[7] = a7; p[8] = a8; p[9] = a9; p[10] = a10; p[11] = a11;
	p[12] = a12; p[13] = a13; p[14] = a14; p[15] = a15; p[16] = a16;
	p[17] = a17; p[18] = a18; p[19] = a19;
}
