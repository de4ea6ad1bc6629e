/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Arrays the tool appends to grow by one rule: the capacity doubles, and a
 * failure leaves the array as it was.
 */
#ifndef FPV_GROW_H
#define FPV_GROW_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

/*
 * The array p, *cap elements of size bytes, with room for at least need:
 * p itself when it has it, otherwise p reallocated with the capacity
 * doubled (from min, when p is empty) until it does, and *cap updated.
 * NULL when memory or size_t runs out; p and *cap are then unchanged, so
 * the array the caller holds stays valid.
 */
static inline void *grow_array(void *p, size_t *cap, size_t need, size_t size, size_t min)
{
	size_t n = *cap ? *cap : min;
	void *q;

	if (need <= *cap)
		return p;
	while (n < need) {
		if (n > SIZE_MAX / 2)
			return NULL;
		n *= 2;
	}
	if (n > SIZE_MAX / size)
		return NULL;
	q = realloc(p, n * size);
	if (q)
		*cap = n;
	return q;
}

#endif
