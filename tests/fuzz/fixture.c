// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A small program whose compiled forms seed the fuzz corpora
 * (tests/fuzz/seeds.sh compiles it with GCC and Clang at several levels,
 * with and without frame pointers and PAC): leaf and non-leaf frames, a
 * jump table, variable-length and large frames, varargs, a tail call, a
 * noreturn call and recursion, so the seeds hold the frame shapes and
 * control flow the parsers and the analysis meet in real code.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static jmp_buf env;

__attribute__((noinline)) int leaf(int a, int b)
{
	return a * b + 3;
}

__attribute__((noinline)) int classify(int c)
{
	switch (c) {
	case 0: return leaf(c, 1);
	case 1: return c + 17;
	case 2: return c * 5;
	case 3: return leaf(c, c);
	case 4: return c - 9;
	case 5: return c << 3;
	case 6: return c ^ 0x55;
	case 7: return leaf(2, c) + 1;
	default: return -1;
	}
}

__attribute__((noinline)) long sum(int n, ...)
{
	va_list ap;
	long s = 0;

	va_start(ap, n);
	while (n-- > 0)
		s += va_arg(ap, int);
	va_end(ap);
	return s;
}

__attribute__((noinline)) int vla(int n)
{
	char buf[n + 16];

	memset(buf, n, sizeof(buf));
	return buf[n / 2] + leaf(n, 2);
}

__attribute__((noinline)) int big(int n)
{
	volatile char buf[9000];

	buf[n & 4095] = (char)n;
	return buf[(n * 7) & 4095] + 1;
}

__attribute__((noinline, noreturn)) void die(const char *why)
{
	fputs(why, stderr);
	abort();
}

__attribute__((noinline)) int checked(int x)
{
	if (x < 0)
		die("negative\n");
	return leaf(x, x);
}

__attribute__((noinline)) int tail(int x)
{
	return classify(x + 1);
}

__attribute__((noinline)) long fib(int n)
{
	return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

__attribute__((noinline)) int jumper(int x)
{
	if (setjmp(env))
		return 1;
	if (x > 3)
		longjmp(env, 1);
	return 0;
}

int main(int argc, char **argv)
{
	long r = 0;

	(void)argv;
	for (int i = 0; i < 10; i++)
		r += classify(i) + vla(i) + tail(i) + checked(i);
	r += sum(3, 1, 2, 3) + big(argc) + fib(10) + jumper(argc);
	printf("%ld\n", r);
	return 0;
}
