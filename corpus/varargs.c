// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Variadic functions: integer and floating-point arguments (on AArch64 the
 * callee saves the argument registers to a register save area in its
 * frame), va_copy, a va_list handed to a second function, and a small
 * printf-like formatter.
 */
#include <stdarg.h>
#include <stdio.h>

__attribute__((noinline)) static long sum_ints(int count, ...)
{
	va_list ap;
	long s = 0;

	va_start(ap, count);
	for (int i = 0; i < count; i++)
		s += va_arg(ap, int);
	va_end(ap);
	return s;
}

__attribute__((noinline)) static double mean(int count, ...)
{
	va_list ap, again;
	double s = 0, spread = 0, m;

	va_start(ap, count);
	va_copy(again, ap);
	for (int i = 0; i < count; i++)
		s += va_arg(ap, double);
	m = s / count;
	for (int i = 0; i < count; i++) {
		double d = va_arg(again, double) - m;
		spread += d < 0 ? -d : d;
	}
	va_end(again);
	va_end(ap);
	return m + spread / 1000.0;
}

__attribute__((noinline)) static int vformat(char *out, size_t size, const char *fmt, va_list ap)
{
	size_t n = 0;

	for (const char *p = fmt; *p && n + 24 < size; p++) {
		if (*p != '%') {
			out[n++] = *p;
			continue;
		}
		switch (*++p) {
		case 'd':
			n += snprintf(out + n, size - n, "%d", va_arg(ap, int));
			break;
		case 'l':
			n += snprintf(out + n, size - n, "%ld", va_arg(ap, long));
			break;
		case 's':
			n += snprintf(out + n, size - n, "%.16s", va_arg(ap, const char *));
			break;
		case 'f':
			n += snprintf(out + n, size - n, "%.3f", va_arg(ap, double));
			break;
		default:
			out[n++] = '?';
			break;
		}
		if (!*p)
			break;
	}
	out[n] = '\0';
	return (int)n;
}

__attribute__((noinline)) static int format(char *out, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vformat(out, size, fmt, ap);
	va_end(ap);
	return n;
}

int main(void)
{
	char buf[256];
	int n;

	printf("sum_ints = %ld\n", sum_ints(3, 1, 2, 3));
	printf("sum_ints = %ld\n", sum_ints(10, 1, -2, 3, -4, 5, -6, 7, -8, 9, 1000));
	printf("mean = %.4f\n", mean(4, 1.5, 2.5, 3.0, 9.0));
	printf("mean = %.4f\n", mean(9, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0));
	n = format(buf, sizeof(buf), "%s has %d frames and %l bytes, %f%% done %x",
		   "stack", 12, 65536L, 99.5);
	printf("format: %d \"%s\"\n", n, buf);
	return 0;
}
