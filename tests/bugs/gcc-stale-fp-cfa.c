// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * GCC keeps the CFA on x29 after the epilogue has reloaded x29 with the
 * caller's frame pointer, when the frame record is not at the bottom of the
 * frame (here: outgoing stack arguments below it)
 * (docs/bugs/gcc-stale-fp-cfa.md).
 *   aarch64-linux-gnu-gcc-12 -O2 -fno-omit-frame-pointer -c gcc-stale-fp-cfa.c
 */
extern void g(void *, void *, long, long, long, long, long, long, long, long);
extern long h(long);

void f(long a, long b)
{
	long x = h(a);

	if (!x)
		return;
	g(__builtin_frame_address(0), &x, x, a, b, 1, 2, 3, 4, 5);
}
