// SPDX-License-Identifier: GPL-2.0-or-later OR MIT
/*
 * ORC lookup in the freestanding run-time core: describe linked-in or
 * file-loaded ORC tables, check and sort them, build x86's block index, and
 * find the entry covering a PC.  Nothing here allocates, calls libc or reads
 * outside the arrays the caller described; a corrupt table makes lookups
 * fail (return 0), never misbehave.
 */
#include "fpv/orc_lookup.h"

static const char *const orc_errstr[] = {
	[ORC_E_OK] = "no error",
	[ORC_E_INVAL] = "invalid argument",
	[ORC_E_ALIGN] = "table not aligned",
	[ORC_E_SHORT] = "table truncated",
	[ORC_E_MAGIC] = "bad ORC magic",
	[ORC_E_VERSION] = "unsupported ORC version",
	[ORC_E_HASH] = "ORC format hash mismatch",
	[ORC_E_UNSORTED] = "ORC table not sorted",
	[ORC_E_CORRUPT] = "ORC table corrupt",
	[ORC_E_RANGE] = "address outside the table",
	[ORC_E_NOSPACE] = "buffer too small",
};

const char *orc_strerror(int err)
{
	if (err > 0 || -err >= ORC_E_NR || !orc_errstr[-err])
		return "unknown ORC error";
	return orc_errstr[-err];
}

int orc_table_init(struct orc_table *t, const void *ip, const void *orc,
		   orc_u32 nr, orc_u32 ip_kind, orc_u64 base)
{
	if (!t || (nr && (!ip || !orc)) || ip_kind > ORC_IP_BASE32)
		return -ORC_E_INVAL;
	if (((unsigned long)ip & 3) || ((unsigned long)orc & 1))
		return -ORC_E_ALIGN;
	t->ip = ip;
	t->orc = orc;
	t->nr = nr;
	t->ip_kind = ip_kind;
	t->base = base;
	t->index = 0;
	t->nr_index = 0;
	t->text_start = 0;
	t->text_end = 0;
	return 0;
}

static orc_u64 pc_of(const orc_s32 *ip, orc_u32 i, orc_u32 kind, orc_u64 base)
{
	if (kind == ORC_IP_PREL32)
		return (orc_u64)(unsigned long)&ip[i] + (orc_u64)(long long)ip[i];
	return base + (orc_u32)ip[i];
}

orc_u64 orc_table_pc(const struct orc_table *t, orc_u32 i)
{
	return pc_of(t->ip, i, t->ip_kind, t->base);
}

/* Sort order: by PC; at equal PCs a terminator (undefined) comes first. */
static int orc_less(const struct orc_table *t, const orc_s32 *ip,
		    const struct orc_entry *orc, orc_u32 a, orc_u32 b)
{
	orc_u64 pa = pc_of(ip, a, t->ip_kind, t->base);
	orc_u64 pb = pc_of(ip, b, t->ip_kind, t->base);

	if (pa != pb)
		return pa < pb;
	return orc_type(&orc[a]) == ORC_TYPE_UNDEFINED &&
	       orc_type(&orc[b]) != ORC_TYPE_UNDEFINED;
}

int orc_table_check(const struct orc_table *t)
{
	for (orc_u32 i = 1; i < t->nr; i++)
		if (orc_less(t, t->ip, t->orc, i, i - 1))
			return -ORC_E_UNSORTED;
	return 0;
}

static void orc_swap(const struct orc_table *t, orc_s32 *ip,
		     struct orc_entry *orc, orc_u32 a, orc_u32 b)
{
	orc_s32 ia = ip[a], ib = ip[b];
	struct orc_entry e = orc[a];

	if (t->ip_kind == ORC_IP_PREL32) {
		/* keep pc = &ip[i] + ip[i]: rebase by the distance moved
		 * (modulo 2^32, as the linker's PREL32 arithmetic: a corrupt
		 * table must not overflow a signed int)
		 */
		ia = (orc_s32)((orc_u32)ia + (orc_u32)(a - b) * 4u);
		ib = (orc_s32)((orc_u32)ib + (orc_u32)(b - a) * 4u);
	}
	ip[a] = ib;
	ip[b] = ia;
	orc[a] = orc[b];
	orc[b] = e;
}

static void orc_sift_down(const struct orc_table *t, orc_s32 *ip,
			  struct orc_entry *orc, orc_u32 root, orc_u32 n)
{
	for (;;) {
		orc_u32 child = 2 * root + 1;

		if (child >= n)
			return;
		if (child + 1 < n && orc_less(t, ip, orc, child, child + 1))
			child++;
		if (!orc_less(t, ip, orc, root, child))
			return;
		orc_swap(t, ip, orc, root, child);
		root = child;
	}
}

/*
 * Whether every PC of a PREL32 table can be written relative to every slot
 * (the first and the last bound the others).  A corrupt table whose PCs lie
 * 2 GiB or more from some slot would have them changed by the rebasing in
 * orc_swap; such a table is left as it is, and orc_table_check() rejects it
 * if it is not sorted.
 */
static int orc_prel32_movable(const struct orc_table *t, const orc_s32 *ip)
{
	orc_u64 first = (orc_u64)(unsigned long)&ip[0];
	orc_u64 last = (orc_u64)(unsigned long)&ip[t->nr - 1];

	for (orc_u32 i = 0; i < t->nr; i++) {
		long long d1 = (long long)(pc_of(ip, i, t->ip_kind, t->base) - first);
		long long d2 = (long long)(pc_of(ip, i, t->ip_kind, t->base) - last);

		if (d1 < -2147483648LL || d1 > 2147483647LL ||
		    d2 < -2147483648LL || d2 > 2147483647LL)
			return 0;
	}
	return 1;
}

void orc_table_sort(struct orc_table *t, orc_s32 *ip, struct orc_entry *orc)
{
	orc_u32 n = t->nr;

	if (n < 2)
		return;
	if (t->ip_kind == ORC_IP_PREL32 && !orc_prel32_movable(t, ip))
		return;
	for (orc_u32 i = n / 2; i-- > 0;)
		orc_sift_down(t, ip, orc, i, n);
	for (orc_u32 end = n - 1; end > 0; end--) {
		orc_swap(t, ip, orc, 0, end);
		orc_sift_down(t, ip, orc, 0, end);
	}
}

/* Last i in [lo, hi] with pc(i) <= pc, or -1 if pc(lo) > pc. */
static long long orc_bsearch(const struct orc_table *t, orc_u32 lo, orc_u32 hi, orc_u64 pc)
{
	long long found = -1;

	while (lo <= hi) {
		orc_u32 mid = lo + (hi - lo) / 2;

		if (orc_table_pc(t, mid) <= pc) {
			found = mid;
			lo = mid + 1;
		} else {
			if (mid == 0)
				break;
			hi = mid - 1;
		}
	}
	return found;
}

orc_u32 orc_index_slots(orc_u64 start, orc_u64 end)
{
	if (end <= start || end - start > 0xffffffffull * ORC_INDEX_BLOCK)
		return 0;
	/* one slot per block plus a closing slot */
	return (orc_u32)((end - start + ORC_INDEX_BLOCK - 1) >> ORC_INDEX_SHIFT) + 1;
}

int orc_index_build(struct orc_table *t, orc_u32 *buf, orc_u32 nr_slots,
		    orc_u64 start, orc_u64 end)
{
	orc_u32 need = orc_index_slots(start, end);
	orc_u32 i = 0;

	if (!need || !buf)
		return -ORC_E_INVAL;
	if (nr_slots < need)
		return -ORC_E_NOSPACE;
	if (orc_table_check(t))
		return -ORC_E_UNSORTED;
	for (orc_u32 k = 0; k < need; k++) {
		orc_u64 block = start + ((orc_u64)k << ORC_INDEX_SHIFT);

		if (k == need - 1)
			block = end;
		/* slot k: last entry starting at or before the block start */
		while (i + 1 < t->nr && orc_table_pc(t, i + 1) <= block)
			i++;
		buf[k] = i;
	}
	t->index = buf;
	t->nr_index = need;
	t->text_start = start;
	t->text_end = end;
	return 0;
}

const struct orc_entry *orc_find(const struct orc_table *t, orc_u64 pc,
				 orc_u64 *pc_start)
{
	orc_u32 lo = 0, hi;
	long long i;

	if (!t || !t->nr)
		return 0;
	if (t->text_end && pc >= t->text_end)
		return 0;
	hi = t->nr - 1;
	if (t->index) {
		orc_u64 k;

		if (pc < t->text_start)
			return 0;
		k = (pc - t->text_start) >> ORC_INDEX_SHIFT;
		if (k + 1 >= t->nr_index)
			return 0;
		lo = t->index[k];
		hi = t->index[k + 1];
		if (lo > hi || hi >= t->nr)
			return 0;	/* corrupt index */
	}
	i = orc_bsearch(t, lo, hi, pc);
	if (i < 0)
		return 0;
	if (pc_start)
		*pc_start = orc_table_pc(t, (orc_u32)i);
	return &t->orc[i];
}

int orc_header_check(const void *hdr, orc_u64 size)
{
	const struct orc_header *h = hdr;
	orc_u64 hash = orc_format_hash();

	if (!hdr)
		return -ORC_E_INVAL;
	if ((unsigned long)hdr & 3)
		return -ORC_E_ALIGN;
	if (!size || size % sizeof(*h))
		return -ORC_E_SHORT;
	for (orc_u64 i = 0; i < size / sizeof(*h); i++) {
		if (h[i].magic != ORC_MAGIC)
			return -ORC_E_MAGIC;
		if (h[i].version != ORC_VERSION)
			return -ORC_E_VERSION;
		if (h[i].hash != hash)
			return -ORC_E_HASH;
	}
	return 0;
}

/* Bytes a standard .fpv_orc body of nr records needs, header included. */
static orc_u64 orc_file_std_size(orc_u64 nr)
{
	return sizeof(struct orc_file_header) + 4 * nr + (nr & 1) * 4 +
	       sizeof(struct orc_entry) * nr;
}

int orc_file_check(const void *blob, orc_u64 size)
{
	const struct orc_file_header *h = blob;

	if (!blob)
		return -ORC_E_INVAL;
	if ((unsigned long)blob & 3)
		return -ORC_E_ALIGN;
	if (size < sizeof(*h))
		return -ORC_E_SHORT;
	if (h->magic != ORC_FILE_MAGIC)
		return -ORC_E_MAGIC;
	if (h->version != ORC_VERSION)
		return -ORC_E_VERSION;
	if (h->hash != orc_format_hash())
		return -ORC_E_HASH;
	if (h->size > size || h->size < sizeof(*h))
		return -ORC_E_SHORT;
	if (h->kind == ORC_FILE_STD) {
		if (orc_file_std_size(h->nr) > h->size)
			return -ORC_E_SHORT;
		return ORC_FILE_STD;
	}
	if (h->kind == ORC_FILE_COMPACT)
		return ORC_FILE_COMPACT;	/* body checked by orc_compact_open */
	return -ORC_E_CORRUPT;
}

int orc_file_table(struct orc_table *t, const void *blob, orc_u64 size, orc_u64 bias)
{
	const struct orc_file_header *h = blob;
	const orc_u8 *p = blob;
	int kind = orc_file_check(blob, size);

	if (kind < 0)
		return kind;
	if (kind != ORC_FILE_STD)
		return -ORC_E_INVAL;
	p += sizeof(*h);
	return orc_table_init(t, p, p + 4 * h->nr + (h->nr & 1) * 4, h->nr,
			      ORC_IP_BASE32, h->base + bias);
}
