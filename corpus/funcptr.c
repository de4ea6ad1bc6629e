// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Indirect calls: an operations table (struct of function pointers),
 * callbacks passed to qsort and to a local iterator, a function returning a
 * function pointer, and a state machine whose states are functions.
 */
#include <stdio.h>
#include <stdlib.h>

struct shape_ops {
	const char *name;
	long (*area)(long a, long b);
	long (*perimeter)(long a, long b);
};

static long rect_area(long a, long b) { return a * b; }
static long rect_perimeter(long a, long b) { return 2 * (a + b); }
static long tri_area(long a, long b) { return a * b / 2; }
static long tri_perimeter(long a, long b) { return a + b + (a > b ? a : b); }

static const struct shape_ops shapes[] = {
	{ "rectangle", rect_area, rect_perimeter },
	{ "triangle", tri_area, tri_perimeter },
};

static int cmp_desc(const void *x, const void *y)
{
	int a = *(const int *)x, b = *(const int *)y;

	return (a < b) - (a > b);
}

__attribute__((noinline)) static long fold(const int *v, int n, long (*f)(long, long), long init)
{
	for (int i = 0; i < n; i++)
		init = f(init, v[i]);
	return init;
}

static long add(long a, long b) { return a + b; }
static long mul_mod(long a, long b) { return (a * (b + 1)) % 1000003; }

__attribute__((noinline)) static long (*pick(int which))(long, long)
{
	return which ? mul_mod : add;
}

struct machine;
typedef void (*state_fn)(struct machine *);
struct machine {
	state_fn state;
	int count;
	long acc;
};

static void st_even(struct machine *m);
static void st_odd(struct machine *m);
static void st_done(struct machine *m) { m->state = NULL; }
static void st_even(struct machine *m) { m->acc += m->count; m->state = --m->count ? st_odd : st_done; }
static void st_odd(struct machine *m) { m->acc *= 3; m->state = --m->count ? st_even : st_done; }

int main(void)
{
	int v[] = { 5, 3, 9, 1, 7, 2, 8 };
	int n = (int)(sizeof(v) / sizeof(v[0]));
	struct machine m = { st_even, 9, 1 };

	for (int i = 0; i < 2; i++)
		printf("%s 3x4: area %ld, perimeter %ld\n", shapes[i].name,
		       shapes[i].area(3, 4), shapes[i].perimeter(3, 4));
	qsort(v, n, sizeof(v[0]), cmp_desc);
	for (int i = 0; i < n; i++)
		printf("%d%c", v[i], i + 1 < n ? ' ' : '\n');
	printf("fold add = %ld, fold mul_mod = %ld\n", fold(v, n, pick(0), 0), fold(v, n, pick(1), 1));
	while (m.state)
		m.state(&m);
	printf("machine acc = %ld\n", m.acc);
	return 0;
}
