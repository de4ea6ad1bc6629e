// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Fuzz target: the run-time core's ORC lookup (lib/orc_lookup.c,
 * lib/orc_compact.c) on raw bytes, as the library meets them: a .fpv_orc
 * blob read from a file (standard or compact), linked .orc_unwind_ip /
 * .orc_unwind arrays (base-relative or PC-relative), an .orc_header, and the
 * ULEB128 reader.  Oracles besides the sanitizers: a table the library
 * sorted passes its own check; a lookup through the fast index gives the
 * same entry as a plain binary search; every entry returned lies inside the
 * table, and a compact lookup's entry inside the blob.
 *
 * Input: byte 0 selects the mode, bytes 1-8 a base (or bias), then the
 * payload (arrays: n u32 PC words then n 8-byte entries, n = size / 12).
 */
#include <stdlib.h>
#include <string.h>

#include "fpv/orc_lookup.h"
#include "fuzz.h"

enum { M_BLOB, M_BASE32, M_PREL32, M_HEADER, M_ULEB, M_NR };

#define MAX_PROBES 4096

static void *copy(const uint8_t *p, size_t n)
{
	void *c = malloc(n ? n : 1);

	if (!c)
		fz_bug("out of memory");
	memcpy(c, p, n);
	return c;
}

/* Lookups at every record's pc and around it, plus the ends. */
static void probe_table(struct orc_table *t, bool sorted)
{
	static orc_u32 index[65536 + 2];
	struct orc_table ti;
	orc_u64 lo = UINT64_MAX, hi = 0;

	for (orc_u32 i = 0; i < t->nr; i++) {
		orc_u64 pc = orc_table_pc(t, i);
		lo = pc < lo ? pc : lo;
		hi = pc > hi ? pc : hi;
	}
	ti = *t;
	if (sorted && t->nr && hi - lo < 65536ull * ORC_INDEX_BLOCK) {
		orc_u32 slots = orc_index_slots(lo, hi + 64);
		if (slots && orc_index_build(&ti, index, slots, lo, hi + 64))
			fz_bug("index build failed on a sorted table");
	}
	for (orc_u32 i = 0; i < t->nr && i < MAX_PROBES; i++) {
		orc_u64 pc = orc_table_pc(t, i);
		for (int d = -1; d <= 1; d++) {
			orc_u64 q = pc + (orc_u64)(int64_t)d, s1 = 0, s2 = 0;
			const struct orc_entry *a = orc_find(t, q, &s1), *b = orc_find(&ti, q, &s2);
			if (a && (a < t->orc || a >= t->orc + t->nr))
				fz_bug("orc_find returned an entry outside the table");
			if (sorted && ti.index && q >= lo && q < hi + 64 && (a != b || s1 != s2))
				fz_bug("indexed lookup at 0x%llx differs from the binary search",
				       (unsigned long long)q);
		}
	}
	(void)orc_find(t, 0, NULL);
	(void)orc_find(t, UINT64_MAX, NULL);
}

struct rec {
	orc_u64 pc;
	struct orc_entry e;
};

static int rec_cmp(const void *a, const void *b)
{
	const struct rec *x = a, *y = b;

	if (x->pc != y->pc)
		return x->pc < y->pc ? -1 : 1;
	return memcmp(&x->e, &y->e, sizeof(x->e));
}

/* The (pc, entry) pairs of t, sorted: what sorting the table must preserve. */
static struct rec *records(const struct orc_table *t)
{
	struct rec *r = malloc((t->nr ? t->nr : 1) * sizeof(*r));

	if (!r)
		fz_bug("out of memory");
	for (orc_u32 i = 0; i < t->nr; i++)
		r[i] = (struct rec){ orc_table_pc(t, i), t->orc[i] };
	qsort(r, t->nr, sizeof(*r), rec_cmp);
	return r;
}

/*
 * Sorting keeps every (pc, entry) pair; a PREL32 table it cannot rebase
 * (PCs 2 GiB or more from a slot) is left exactly as it was.
 */
static void arrays(const uint8_t *p, size_t n_bytes, orc_u32 kind, orc_u64 base)
{
	size_t n = n_bytes / 12;
	orc_s32 *ip = copy(p, 4 * n), *ip0 = copy(p, 4 * n);
	struct orc_entry *e = copy(p + 4 * n, 8 * n);
	struct orc_table t;
	struct rec *before, *after;

	if (orc_table_init(&t, ip, e, (orc_u32)n, kind, base))
		fz_bug("orc_table_init refused aligned arrays");
	probe_table(&t, orc_table_check(&t) == 0);
	before = records(&t);
	orc_table_sort(&t, ip, e);
	if (orc_table_check(&t) == 0) {
		after = records(&t);
		if (memcmp(before, after, n * sizeof(*before)))
			fz_bug("orc_table_sort changed the (pc, entry) pairs (%zu entries)", n);
		free(after);
		probe_table(&t, true);
	} else if (kind != ORC_IP_PREL32 || memcmp(ip, ip0, 4 * n) || memcmp(e, p + 4 * n, 8 * n)) {
		fz_bug("orc_table_sort left the table unsorted (%zu entries)", n);
	}
	free(before);
	free(ip);
	free(ip0);
	free(e);
}

static void compact(const void *b, size_t size, orc_u64 bias)
{
	struct orc_compact c;
	orc_u64 step;

	if (orc_compact_open(&c, b, size, bias))
		return;
	step = c.text_size / MAX_PROBES > 4 ? (c.text_size / MAX_PROBES) & ~3ull : 4;
	for (orc_u64 off = 0; off < c.text_size + 8; off += step) {
		orc_u64 start = 0;
		const struct orc_entry *e = orc_compact_find(&c, c.base + off, &start);
		if (e && ((const uint8_t *)e < (const uint8_t *)b ||
			  (const uint8_t *)(e + 1) > (const uint8_t *)b + size))
			fz_bug("orc_compact_find returned an entry outside the blob");
		if (e && (start > c.base + off))
			fz_bug("compact entry starts after the pc it covers");
	}
	(void)orc_compact_find(&c, c.base - 4, NULL);
}

static void blob(const uint8_t *p, size_t size, orc_u64 bias)
{
	void *b = copy(p, size);
	struct orc_table t;
	int kind = orc_file_check(b, size);

	if (kind == ORC_FILE_STD) {
		if (orc_file_table(&t, b, size, bias))
			fz_bug("orc_file_table refused a blob orc_file_check accepted");
		probe_table(&t, orc_table_check(&t) == 0);
	} else if (kind == ORC_FILE_COMPACT) {
		compact(b, size, bias);
	}
	(void)orc_strerror(kind);
	free(b);
}

int LLVMFuzzerTestOneInput(const uint8_t *buf, size_t len)
{
	orc_u64 base;

	if (len < 9)
		return 0;
	memcpy(&base, buf + 1, 8);
	switch (buf[0] % M_NR) {
	case M_BLOB:
		blob(buf + 9, len - 9, base);
		break;
	case M_BASE32:
		arrays(buf + 9, len - 9, ORC_IP_BASE32, base);
		break;
	case M_PREL32:
		arrays(buf + 9, len - 9, ORC_IP_PREL32, 0);
		break;
	case M_HEADER: {
		void *h = copy(buf + 9, len - 9);
		(void)orc_strerror(orc_header_check(h, len - 9));
		free(h);
		break;
	}
	case M_ULEB: {
		orc_u32 pos = 0, v;
		while (orc_uleb_read(buf + 9, (orc_u32)(len - 9), &pos, &v) == 0)
			if (pos > len - 9)
				fz_bug("uleb read past the end");
		break;
	}
	}
	return 0;
}
