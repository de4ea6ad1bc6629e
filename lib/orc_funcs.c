// SPDX-License-Identifier: GPL-2.0-or-later OR MIT
/*
 * The .fpv_funcs reader (format in include/fpv/orc.h): validates a blob once
 * (orc_funcs_open: magic, version 1 or 2, size, strictly ascending starts,
 * every owner one of the starts, no flag a version 1 table cannot have) and
 * then answers, by binary search, which function an address lies in and
 * whether an address is a function's first instruction.  Freestanding, no
 * allocation; the unwinder core uses it to check that a return address's
 * direct call targets the function its callee frame is in, and that an
 * indirect call's callee frame is not in a function no indirect call reaches.
 */
#include "fpv/orc_lookup.h"

/* Index of the last function starting at or below off, or -1. */
static long funcs_index(const struct orc_funcs *f, orc_u64 off)
{
	orc_u32 lo = 0, hi = f->nr;

	if (!f->nr || off < f->func[0].start)
		return -1;
	/* the block index narrows the search to one block's functions */
	if (f->index && off >= f->index_start - f->base &&
	    (off - (f->index_start - f->base)) >> ORC_INDEX_SHIFT < f->nr_index) {
		orc_u64 i = (off - (f->index_start - f->base)) >> ORC_INDEX_SHIFT;

		lo = f->index[i];
		hi = i + 1 < f->nr_index ? f->index[i + 1] + 1 : f->nr;
		if (hi > f->nr || lo >= hi || f->func[lo].start > off)
			lo = 0, hi = f->nr;	/* not this table's index: search it all */
	}
	while (hi - lo > 1) {
		orc_u32 mid = lo + (hi - lo) / 2;

		if (f->func[mid].start <= off)
			lo = mid;
		else
			hi = mid;
	}
	return (long)lo;
}

int orc_funcs_open(struct orc_funcs *f, const void *blob, orc_u64 size, orc_u64 bias)
{
	const struct orc_funcs_header *h = blob;
	struct orc_funcs t;

	if (!f || !blob)
		return -ORC_E_INVAL;
	if ((unsigned long)blob & 7)
		return -ORC_E_ALIGN;
	if (size < sizeof(*h))
		return -ORC_E_SHORT;
	if (h->magic != ORC_FUNCS_MAGIC)
		return -ORC_E_MAGIC;
	if ((h->version != 1 && h->version != ORC_FUNCS_VERSION) || h->reserved)
		return -ORC_E_VERSION;
	if (h->size > size || h->size != sizeof(*h) + (orc_u64)h->nr * sizeof(struct orc_func))
		return -ORC_E_SHORT;
	t.func = (const struct orc_func *)(h + 1);
	t.nr = h->nr;
	t.base = h->base + bias;
	t.index = 0;
	t.nr_index = 0;
	t.index_start = 0;
	for (orc_u32 i = 0; i < t.nr; i++) {
		orc_u32 owner = t.func[i].owner & ~ORC_FUNC_FLAGS;
		long o;

		/* version 1 knows no ORC_FUNC_DIRECT_ONLY: the bit was reserved */
		if ((h->version == 1 && (t.func[i].owner & ORC_FUNC_DIRECT_ONLY)) ||
		    (t.func[i].start & 3))
			return -ORC_E_CORRUPT;
		if (i && t.func[i].start <= t.func[i - 1].start)
			return -ORC_E_UNSORTED;
		o = funcs_index(&t, owner);
		if (o < 0 || t.func[o].start != owner)
			return -ORC_E_CORRUPT;
	}
	*f = t;
	return 0;
}

int orc_funcs_index_build(struct orc_funcs *f, orc_u32 *buf, orc_u32 nr_slots,
			  orc_u64 start, orc_u64 end)
{
	orc_u32 j = 0;

	f->index = 0;
	if (!f->nr || end <= start || orc_index_slots(start, end) > nr_slots || start < f->base)
		return -ORC_E_NOSPACE;
	nr_slots = orc_index_slots(start, end);
	for (orc_u32 i = 0; i < nr_slots; i++) {
		orc_u64 at = start + (orc_u64)i * ORC_INDEX_BLOCK - f->base;

		while (j + 1 < f->nr && f->func[j + 1].start <= at)
			j++;
		buf[i] = j;
	}
	f->index = buf;
	f->nr_index = nr_slots;
	f->index_start = start;
	return 0;
}

int orc_funcs_owner(const struct orc_funcs *f, orc_u64 addr, orc_u64 *owner, orc_u32 *flags)
{
	long i;

	if (!f || addr < f->base || addr - f->base > 0xffffffffull)
		return -ORC_E_RANGE;
	i = funcs_index(f, addr - f->base);
	if (i < 0)
		return -ORC_E_RANGE;
	*owner = f->base + (f->func[i].owner & ~ORC_FUNC_FLAGS);
	*flags = f->func[i].owner & ORC_FUNC_FLAGS;
	return f->func[i].start == addr - f->base ? 1 : 0;
}
