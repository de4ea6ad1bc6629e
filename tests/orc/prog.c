// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ORC round-trip fixture (tests/orc/run.sh): frame shapes the tables must
 * describe — leaf functions, frame records with callee-saved registers,
 * large and variable-sized frames, recursion, a jump table, varargs, calls
 * through pointers, a noreturn path — and a deterministic output to compare
 * before and after `fpv orc`.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

__attribute__((noinline)) static int leaf(int x) { return x * 7 + 3; }

__attribute__((noinline)) int big_frame(int n)
{
	volatile char buf[8192];

	for (int i = 0; i < (int)sizeof(buf); i++)
		buf[i] = (char)(i * n);
	return buf[n & 4095] + leaf(n);
}

__attribute__((noinline)) int vla(int n)
{
	int a[n + 1];

	for (int i = 0; i <= n; i++)
		a[i] = leaf(i);
	return a[n / 2];
}

__attribute__((noinline)) int jump(int k)
{
	switch (k) {
	case 0: return leaf(1);
	case 1: return leaf(2) * 3;
	case 2: return big_frame(3);
	case 3: return vla(9);
	case 4: return -leaf(7);
	case 5: return leaf(k) ^ 0x55;
	case 6: return 77;
	default: return 0;
	}
}

static int sum(int n, ...)
{
	va_list ap;
	int s = 0;

	va_start(ap, n);
	for (int i = 0; i < n; i++)
		s += va_arg(ap, int);
	va_end(ap);
	return s;
}

__attribute__((noinline)) long fib(long n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

__attribute__((noinline, noreturn)) static void die(const char *why)
{
	fprintf(stderr, "%s\n", why);
	exit(3);
}

static int (*const ops[])(int) = { leaf, big_frame, vla, jump };

int main(int argc, char **argv)
{
	long acc = 0;

	(void)argv;
	if (argc > 5)
		die("too many arguments");
	for (int i = 0; i < 8; i++)
		acc += jump(i);
	for (int i = 0; i < 4; i++)
		acc += ops[i](i + argc);
	acc += sum(4, 1, 2, 3, 4) + fib(15);
	printf("acc=%ld\n", acc);
	return (int)(acc & 7);
}
