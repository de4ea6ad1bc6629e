// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Tail calls: at -O2 a call in tail position becomes a plain B after the
 * epilogue (sibling call), both to a known function and through a function
 * pointer (BR), plus a tail-recursive loop the compiler may turn into a
 * jump back to the entry.
 */
#include <stdio.h>

typedef long (*step_fn)(long, int);

static long step_a(long v, int n);
static long step_b(long v, int n);

__attribute__((noinline)) static long finish(long v, int n)
{
	printf("  finish after %d steps\n", n);
	return v;
}

__attribute__((noinline)) static long step_a(long v, int n)
{
	if (n >= 12)
		return finish(v, n);		/* tail call */
	return step_b(v * 3 + 1, n + 1);	/* tail call */
}

__attribute__((noinline)) static long step_b(long v, int n)
{
	if (v % 2)
		return step_a(v - 7, n + 1);
	return step_a(v / 2, n + 1);
}

static const step_fn table[2] = { step_a, step_b };

__attribute__((noinline)) static long dispatch(int which, long v)
{
	return table[which & 1](v, 0);	/* indirect tail call */
}

__attribute__((noinline)) static unsigned long gcd(unsigned long a, unsigned long b)
{
	if (b == 0)
		return a;
	return gcd(b, a % b);		/* tail recursion */
}

__attribute__((noinline)) static long sum_to(long n, long acc)
{
	if (n == 0)
		return acc;
	return sum_to(n - 1, acc + n);
}

int main(void)
{
	printf("dispatch(0) = %ld\n", dispatch(0, 5));
	printf("dispatch(1) = %ld\n", dispatch(1, 1000));
	printf("gcd = %lu\n", gcd(1071, 462));
	printf("gcd = %lu\n", gcd(832040, 514229));
	printf("sum_to = %ld\n", sum_to(1000, 0));
	return 0;
}
