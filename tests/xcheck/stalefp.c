// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Reproducer of a GCC 12 CFI error that xcheck classifies cfa-stale-fp
 * (docs/xcheck-study.md).  With a frame pointer and outgoing stack
 * arguments, GCC puts the frame record above the outgoing area
 * ("sub sp, sp, #64; stp x29, x30, [sp, #16]; add x29, sp, #16") and
 * defines the CFA as x29 + 48.  Its epilogue reloads x29 first
 * ("ldp x29, x30, [sp, #16]") and only then restores SP, but the CFA stays
 * "x29 + 48" for the two instructions in between, when x29 already holds
 * the caller's frame pointer.  Build:
 *   aarch64-linux-gnu-gcc -O2 -fno-omit-frame-pointer -c stalefp.c
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
