/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The one binary search of the tool.  Every sorted table (sections and
 * symbols by address, relocations by offset, FDEs, functions, LSDAs,
 * alternatives) is searched for its partition point: the first index i in
 * [0, n) at which `before`, an expression in i, is false (n if it never
 * is), for a table sorted so that `before` holds on a prefix.
 *   first entry above v:        partition_point(n, i, t[i] <= v)
 *   first entry at or after v:  partition_point(n, i, t[i] < v)
 * A macro, so that the predicate is compiled in place on hot paths.
 */
#ifndef FPV_SEARCH_H
#define FPV_SEARCH_H

#include <stddef.h>

#define partition_point(n, i, before) ({				\
	size_t lo_ = 0, hi_ = (n);					\
	while (lo_ < hi_) {						\
		size_t i = lo_ + (hi_ - lo_) / 2;			\
		if (before)						\
			lo_ = i + 1;					\
		else							\
			hi_ = i;					\
	}								\
	lo_;								\
})

#endif
