// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Recursion: plain (fib), deep (ackermann), mutual (is_even/is_odd) and
 * recursion through a tree with an accumulator passed by pointer.  At -O2
 * compilers turn some of it into loops and keep the rest as real recursive
 * calls with a frame per level.
 */
#include <stdio.h>
#include <stdlib.h>

struct node {
	int key;
	struct node *left, *right;
};

static unsigned long fib(unsigned n)
{
	if (n < 2)
		return n;
	return fib(n - 1) + fib(n - 2);
}

static unsigned long ackermann(unsigned long m, unsigned long n)
{
	if (m == 0)
		return n + 1;
	if (n == 0)
		return ackermann(m - 1, 1);
	return ackermann(m - 1, ackermann(m, n - 1));
}

static int is_odd(unsigned n);

__attribute__((noinline)) static int is_even(unsigned n)
{
	return n == 0 ? 1 : is_odd(n - 1);
}

__attribute__((noinline)) static int is_odd(unsigned n)
{
	return n == 0 ? 0 : is_even(n - 1);
}

static struct node *insert(struct node *t, int key)
{
	if (!t) {
		t = calloc(1, sizeof(*t));
		if (!t)
			abort();
		t->key = key;
		return t;
	}
	if (key < t->key)
		t->left = insert(t->left, key);
	else
		t->right = insert(t->right, key);
	return t;
}

static void walk(const struct node *t, int depth, long *sum, int *maxdepth)
{
	if (!t)
		return;
	if (depth > *maxdepth)
		*maxdepth = depth;
	walk(t->left, depth + 1, sum, maxdepth);
	*sum += (long)t->key * depth;
	walk(t->right, depth + 1, sum, maxdepth);
}

static void destroy(struct node *t)
{
	if (!t)
		return;
	destroy(t->left);
	destroy(t->right);
	free(t);
}

int main(void)
{
	struct node *root = NULL;
	unsigned seed = 12345;
	long sum = 0;
	int maxdepth = 0;

	for (unsigned i = 0; i <= 25; i += 5)
		printf("fib(%u) = %lu\n", i, fib(i));
	printf("ackermann(2, 3) = %lu\n", ackermann(2, 3));
	printf("ackermann(3, 3) = %lu\n", ackermann(3, 3));
	printf("is_even(1001) = %d, is_odd(777) = %d\n", is_even(1001), is_odd(777));
	for (int i = 0; i < 200; i++) {
		seed = seed * 1103515245u + 12345u;
		root = insert(root, (int)(seed >> 16) % 1000);
	}
	walk(root, 0, &sum, &maxdepth);
	printf("tree: weighted sum %ld, depth %d\n", sum, maxdepth);
	destroy(root);
	return 0;
}
